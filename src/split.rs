//! Splitting text at a separator, searched as bytes: `str`'s own `char` and
//! `&str` patterns pull a string searcher and its panic formatting into
//! WASM and firmware.

/// The text before and after the first `separator`.
pub(crate) fn split_once<'t>(text: &'t str, separator: &str) -> Option<(&'t str, &'t str)> {
    let at = text
        .as_bytes()
        .windows(separator.len())
        .position(|window| window == separator.as_bytes())?;
    Some((text.get(..at)?, text.get(at + separator.len()..)?))
}

/// The text before and after the first `byte`.
pub(crate) fn split_once_byte(text: &str, byte: u8) -> Option<(&str, &str)> {
    let at = text.bytes().position(|b| b == byte)?;
    Some((text.get(..at)?, text.get(at + 1..)?))
}

/// `text` split at each `separator`, as `str::split` does.
pub(crate) fn split_on<'t>(text: &'t str, separator: &'t str) -> impl Iterator<Item = &'t str> {
    let mut rest = Some(text);
    core::iter::from_fn(move || {
        let current = rest?;
        match split_once(current, separator) {
            Some((head, tail)) => {
                rest = Some(tail);
                Some(head)
            }
            None => rest.take(),
        }
    })
}

#[cfg(test)]
#[allow(clippy::std_instead_of_alloc)]
mod tests {
    use super::*;

    #[test]
    fn splits_as_str_split_does() {
        for text in ["", "a", "%2F", "a%2Fb", "%2Fa%2F", "a%2F%2Fb", "%2", "a%2f"] {
            let ours: std::vec::Vec<&str> = split_on(text, "%2F").collect();
            let std: std::vec::Vec<&str> = text.split("%2F").collect();
            assert_eq!(ours, std, "{text:?}");
            assert_eq!(split_once(text, "%2F"), text.split_once("%2F"), "{text:?}");
        }
        for text in ["", ":", "a:b", "a:b:c", "[::1]:443", "é:1"] {
            assert_eq!(
                split_once_byte(text, b':'),
                text.split_once(':'),
                "{text:?}"
            );
        }
    }
}
