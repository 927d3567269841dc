//! The one percent-encoder, used for the signed canonical query and for the
//! URL alike, so the two can never disagree.

use core::cmp::Ordering;

use percent_encoding::{percent_encode, AsciiSet, NON_ALPHANUMERIC};
use zeroize::Zeroize;

use crate::sink::Sink;

/// Everything but `A-Z a-z 0-9 - _ . ~` is escaped, as SigV4 requires
/// (a space is `%20`, never `+`).
const ESCAPED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// A sink adapter that percent-encodes everything written through it.
///
/// Escapes go through a small stack buffer, so the sink below sees a few
/// large writes instead of one per escape; the buffer is wiped after each
/// write (it may hold a session token).
pub(crate) struct Encoded<'s, S: Sink>(pub(crate) &'s mut S);

/// Bytes staged before they are passed on.
const STAGE: usize = 255;

impl<S: Sink> Sink for Encoded<'_, S> {
    fn put(&mut self, bytes: &[u8]) {
        self.0.put_encoded(bytes);
    }
}

/// Percent-encodes `bytes` into `sink`.
pub(crate) fn encode_into(sink: &mut impl Sink, bytes: &[u8]) {
    if bytes.iter().all(|&b| left_alone(b)) {
        // Nothing to escape: pass it on as it is.
        sink.put(bytes);
        return;
    }
    // Two spare bytes: every byte's form is written 3 wide, then the
    // cursor moves by its real width (1 or 3), with no branch per byte.
    let mut stage = [0u8; STAGE + 2];
    let mut widest = 0;
    // A third of the stage per round: even all-escaped, it fits.
    for chunk in bytes.chunks(STAGE / 3) {
        let mut used = 0;
        for &b in chunk {
            let (form, width) = FORMS.get(usize::from(b)).copied().unwrap_or_default();
            if let Some(slot) = stage.get_mut(used..used + 3) {
                slot.copy_from_slice(&form);
            }
            used += usize::from(width);
        }
        sink.put(stage.get(..used).unwrap_or_default());
        widest = widest.max(used + 2);
    }
    if let Some(written) = stage.get_mut(..widest) {
        written.zeroize();
    }
}

/// The length of `bytes` once encoded.
#[cfg(feature = "alloc")]
pub(crate) fn encoded_len(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .map(|&b| if left_alone(b) { 1 } else { 3 })
        .sum()
}

/// The bytes of `text` once encoded, for sorting by encoded form.
fn encoded_bytes(text: &str) -> impl Iterator<Item = u8> + '_ {
    percent_encode(text.as_bytes(), ESCAPED).flat_map(str::bytes)
}

/// Orders two names the way SigV4 sorts a canonical query: by encoded bytes.
pub(crate) fn cmp_encoded(a: &str, b: &str) -> Ordering {
    let plain = |text: &str| text.bytes().all(is_unreserved);
    if plain(a) && plain(b) {
        // Encoding leaves both alone: compare them as they are.
        return a.cmp(b);
    }
    encoded_bytes(a).cmp(encoded_bytes(b))
}

/// Whether `text` is exactly what this encoder writes for some bytes:
/// unreserved characters bare, every other byte as `%XX` in uppercase hex.
pub(crate) fn is_canonically_encoded(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(&b) = bytes.get(at) {
        if b == b'%' {
            let hex_digit = |c: u8| match c {
                b'0'..=b'9' => Some(c - b'0'),
                b'A'..=b'F' => Some(c - b'A' + 10),
                _ => None,
            };
            let escaped = bytes.get(at + 1..at + 3).and_then(|pair| match *pair {
                [hi, lo] => Some(hex_digit(hi)? << 4 | hex_digit(lo)?),
                _ => None,
            });
            match escaped {
                Some(byte) if !is_unreserved(byte) => at += 3,
                _ => return false,
            }
        } else if is_unreserved(b) {
            at += 1;
        } else {
            return false;
        }
    }
    true
}

/// For each byte value: whether the encoder leaves it alone.
// Evaluated at compile time: an index out of bounds would fail the build.
#[allow(clippy::indexing_slicing)]
const UNRESERVED: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        table[byte] = is_unreserved(byte as u8);
        byte += 1;
    }
    table
};

/// Each byte's encoded form, padded to 3 bytes, and its width: `b` alone
/// (width 1), or `%XX` in uppercase hex (width 3).
// Evaluated at compile time: an index out of bounds would fail the build.
#[allow(clippy::indexing_slicing)]
const FORMS: [([u8; 3], u8); 256] = {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut forms = [([0u8; 3], 0u8); 256];
    let mut byte = 0;
    while byte < 256 {
        forms[byte] = if is_unreserved(byte as u8) {
            ([byte as u8, 0, 0], 1)
        } else {
            ([b'%', HEX[byte >> 4], HEX[byte & 15]], 3)
        };
        byte += 1;
    }
    forms
};

/// [`is_unreserved`] by table: the hot loops' form.
#[inline]
fn left_alone(byte: u8) -> bool {
    UNRESERVED.get(usize::from(byte)).copied().unwrap_or(false)
}

/// True for the characters the encoder leaves alone.
pub(crate) const fn is_unreserved(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~')
}

#[cfg(test)]
#[allow(clippy::std_instead_of_alloc)]
mod tests {
    use super::*;
    use crate::sink::SliceWriter;
    use percent_encoding::percent_encode_byte;

    fn encode<'b>(text: &str, buf: &'b mut [u8]) -> &'b str {
        let mut w = SliceWriter::new(buf);
        Encoded(&mut w).put_str(text);
        w.finish().unwrap()
    }

    #[test]
    fn space_is_percent_20_never_plus() {
        assert_eq!(encode("a b+c", &mut [0; 64]), "a%20b%2Bc");
    }

    #[test]
    fn escapes_all_but_unreserved_in_uppercase_hex() {
        assert_eq!(encode("AZaz09-_.~", &mut [0; 64]), "AZaz09-_.~");
        assert_eq!(
            encode("/=&;:é\u{1F600}", &mut [0; 64]),
            "%2F%3D%26%3B%3A%C3%A9%F0%9F%98%80"
        );
        for byte in 0u8..128 {
            let text = [byte];
            let text = core::str::from_utf8(&text).unwrap();
            let mut buf = [0; 8];
            let out = encode(text, &mut buf);
            if is_unreserved(byte) {
                assert_eq!(out.as_bytes(), [byte]);
            } else {
                let hex = b"0123456789ABCDEF";
                let want = [
                    b'%',
                    hex[usize::from(byte >> 4)],
                    hex[usize::from(byte & 15)],
                ];
                assert_eq!(out.as_bytes(), want);
            }
        }
    }

    #[test]
    fn recognizes_exactly_its_own_output() {
        for text in ["", "abc", "a b", "/=&;", "caf\u{e9}", "AZaz09-_.~%"] {
            let mut buf = [0u8; 64];
            assert!(is_canonically_encoded(encode(text, &mut buf)), "{text:?}");
        }
        for bad in [
            "a b", "%2f", "%41", "%7E", "%", "%2", "%G0", "a+b", "a/b", "\u{e9}",
        ] {
            assert!(!is_canonically_encoded(bad), "{bad:?}");
        }
    }

    #[test]
    fn the_escaped_set_and_is_unreserved_agree() {
        for byte in 0..=255u8 {
            let bare = percent_encode(&[byte], ESCAPED).next()
                == Some(core::str::from_utf8(&[byte]).unwrap_or("\u{0}"));
            assert_eq!(bare, is_unreserved(byte), "{byte:#x}");
        }
    }

    #[test]
    fn the_table_writes_what_percent_encoding_writes() {
        for byte in 0..=255u8 {
            let (form, width) = FORMS[usize::from(byte)];
            let ours = &form[..usize::from(width)];
            if is_unreserved(byte) {
                assert_eq!(ours, [byte]);
            } else {
                assert_eq!(ours, percent_encode_byte(byte).as_bytes(), "{byte:#x}");
            }
        }
    }

    #[test]
    fn long_values_cross_the_stage_boundary() {
        // 300 escapes: more than one stage's worth.
        let text: std::string::String = core::iter::repeat_n('/', 300).collect();
        let mut buf = [0u8; 1024];
        assert_eq!(encode(&text, &mut buf), "%2F".repeat(300));
    }

    #[test]
    fn sorts_by_encoded_form() {
        // Raw '/' (0x2F) sorts after '-' (0x2D), but its encoded form "%2F" before.
        assert_eq!(cmp_encoded("a/", "a-"), Ordering::Less);
        assert_eq!(cmp_encoded("a", "a-"), Ordering::Less);
        assert_eq!(cmp_encoded("B", "a"), Ordering::Less);
    }
}
