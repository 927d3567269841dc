//! Durations as people type them: `3600`, `90s`, `90m`, `12h`, `1h30m`.

use core::time::Duration;

/// Whole seconds, or `None` if `text` is not such a duration.
pub fn parse(text: &str) -> Option<Duration> {
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        return text.parse().ok().map(Duration::from_secs);
    }
    let mut total: u64 = 0;
    let mut digits = String::new();
    for c in text.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
            continue;
        }
        let unit = match c {
            'h' => 3600,
            'm' => 60,
            's' => 1,
            _ => return None,
        };
        let n: u64 = digits.parse().ok()?;
        total = total.checked_add(n.checked_mul(unit)?)?;
        digits.clear();
    }
    (digits.is_empty() && !text.is_empty()).then_some(Duration::from_secs(total))
}

/// `1h 02m 03s`.
pub fn human(d: Duration) -> String {
    let s = d.as_secs();
    match (s / 3600, s % 3600 / 60, s % 60) {
        (0, 0, sec) => format!("{sec}s"),
        (0, min, sec) => format!("{min}m {sec:02}s"),
        (h, min, sec) => format!("{h}h {min:02}m {sec:02}s"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms() {
        for (text, secs) in [
            ("3600", 3600),
            ("90s", 90),
            ("90m", 5400),
            ("12h", 43_200),
            ("1h30m", 5400),
            ("0", 0),
        ] {
            assert_eq!(parse(text), Some(Duration::from_secs(secs)), "{text}");
        }
        for bad in ["", "h", "1x", "1h30", "-5", "1.5h", "99999999999999999999h"] {
            assert_eq!(parse(bad), None, "{bad}");
        }
        assert_eq!(human(Duration::from_secs(3723)), "1h 02m 03s");
        assert_eq!(human(Duration::from_secs(61)), "1m 01s");
    }
}
