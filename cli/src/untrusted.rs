//! Text from outside this tool's trust (a server's reply, a child's stderr,
//! a value of a file or variable) is shown with every control and
//! direction-changing character escaped, so it cannot drive the terminal or
//! disguise itself, and cut to a length a message can bear. Everything this
//! tool writes to stderr, and every value it writes to stdout, passes
//! through [`escaped`] at the point of printing ([`say`], [`json_safe`]),
//! so a path that forgot to escape its piece is still safe.

/// The most characters of one untrusted text an error quotes.
pub const MAX_SHOWN: usize = 100;

/// `text` with control characters (C0, DEL, C1) and bidirectional
/// formatting characters written as Rust escapes (`\u{1b}`, `\n`). Escaping
/// twice changes nothing: the escapes are plain characters.
pub fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_unsafe(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// The first [`MAX_SHOWN`] characters of `text` and, when it is longer,
/// how long it was.
fn cut(text: &str) -> (&str, Option<usize>) {
    match text.char_indices().nth(MAX_SHOWN) {
        Some((at, _)) => (&text[..at], Some(text.len())),
        None => (text, None),
    }
}

/// `text` cut to [`MAX_SHOWN`] characters (then `…(N bytes)`) and escaped:
/// prose from outside (a server's message, a child's stderr).
pub fn excerpt(text: &str) -> String {
    match cut(text) {
        (shown, None) => escaped(shown),
        (shown, Some(len)) => format!("{}…({len} bytes)", escaped(shown)),
    }
}

/// `text` in double quotes, Rust-escaped and cut as [`excerpt`]: a value
/// from outside (a region, a URL, a profile name).
pub fn quoted(text: &str) -> String {
    match cut(text) {
        (shown, None) => escaped(&format!("{shown:?}")),
        (shown, Some(len)) => format!("{}…({len} bytes)", escaped(&format!("{shown:?}"))),
    }
}

/// Writes `sigv4-bearer: <text>` on stderr, escaped: the one way this tool
/// speaks on stderr.
pub fn say(text: &str) {
    eprintln!("sigv4-bearer: {}", escaped(text));
}

/// [`say`] for clap's text, which has lines of its own: each line escaped.
pub fn say_lines(text: &str) {
    let lines: Vec<String> = text.trim_end().lines().map(escaped).collect();
    eprintln!("sigv4-bearer: {}", lines.join("\n"));
}

/// Serialized JSON with the characters [`escaped`] escapes that JSON leaves
/// raw (DEL, C1, bidi controls) written as `\uXXXX`: still the same JSON.
pub fn json_safe(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if is_unsafe(c) {
            // All of them are in the Basic Multilingual Plane.
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

fn is_unsafe(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
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
        let hostile = "\u{1b}]0;pwned\u{7}red\u{9b}31m\r\nok\u{202e}é";
        let once = escaped(hostile);
        assert_eq!(once, "\\u{1b}]0;pwned\\u{7}red\\u{9b}31m\\r\\nok\\u{202e}é");
        assert_eq!(escaped(&once), once);
        assert_eq!(
            quoted(hostile),
            "\"\\u{1b}]0;pwned\\u{7}red\\u{9b}31m\\r\\nok\\u{202e}é\""
        );
    }

    #[test]
    fn long_text_is_cut_with_its_length() {
        let long = "é".repeat(150);
        assert_eq!(excerpt(&long), format!("{}…(300 bytes)", "é".repeat(100)));
        assert_eq!(
            quoted(&long),
            format!("\"{}\"…(300 bytes)", "é".repeat(100))
        );
        assert_eq!(excerpt(&"a".repeat(100)), "a".repeat(100));
    }

    #[test]
    fn json_stays_json() {
        let json = serde_json::to_string(&"a\u{7f}\u{9b}\u{202e}\n").unwrap();
        let safe = json_safe(&json);
        assert_eq!(safe, "\"a\\u007f\\u009b\\u202e\\n\"");
        assert_eq!(
            serde_json::from_str::<String>(&safe).unwrap(),
            "a\u{7f}\u{9b}\u{202e}\n"
        );
    }
}
