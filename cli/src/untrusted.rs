//! Text from outside this tool's trust (a child's stderr, a server's error
//! message) is shown with every control and direction-changing character
//! escaped, so it cannot drive the terminal or disguise itself.

/// `text` with control characters (C0, DEL, C1) and bidirectional
/// formatting characters written as Rust escapes (`\u{1b}`, `\n`).
pub fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() || is_bidi_control(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// U+061C, U+200E/F, U+202A..E, U+2066..9: they reorder what follows.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_escaped_the_rest_kept() {
        assert_eq!(
            escaped("\u{1b}]0;pwned\u{7}red\u{9b}31m\r\nok\u{202e}é"),
            "\\u{1b}]0;pwned\\u{7}red\\u{9b}31m\\r\\nok\\u{202e}é"
        );
    }
}
