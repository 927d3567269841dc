//! SigV4's date text, `YYYYMMDD'T'HHMMSS'Z'`: written from a [`Timestamp`]
//! and read back strictly.

use crate::civil::{decimal, Civil, MAX_SIGNABLE};
use crate::error::Error;
use crate::timestamp::Timestamp;

/// A formatted SigV4 timestamp, `YYYYMMDDTHHMMSSZ`: always 16 ASCII bytes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) struct AmzDate([u8; 16]);

impl AmzDate {
    /// The SigV4 form of `time`, or an error outside years 1970 ..= 9999.
    pub(crate) fn new(time: Timestamp) -> Result<Self, Error> {
        let secs = time.as_unix_secs();
        if !(0..=MAX_SIGNABLE).contains(&secs) {
            return Err(Error::TimeOutOfRange);
        }
        // In range, so the seconds fit u64 and the days u32: no 64-bit
        // division, which small cores do in a library routine.
        let civil = Civil::from_signable(secs.unsigned_abs());
        let year = u32::try_from(civil.year).unwrap_or_default();
        let mut out = [b'T'; 16];
        // Two digits at a time (a division by a constant is a multiply),
        // after the date's four pairs, one place on for the `T`.
        for (n, value) in [
            year / 100,
            year % 100,
            civil.month,
            civil.day,
            civil.hour,
            civil.minute,
            civil.second,
        ]
        .into_iter()
        .enumerate()
        {
            let at = 2 * n + usize::from(n >= 4);
            if let Some(pair) = out.get_mut(at..at + 2) {
                pair.copy_from_slice(&two_digits(value));
            }
        }
        if let Some(last) = out.last_mut() {
            *last = b'Z';
        }
        Ok(AmzDate(out))
    }

    /// Parses `YYYYMMDDTHHMMSSZ` strictly: a real calendar date and time of
    /// day, nothing before or after.
    pub(crate) fn parse(text: &str) -> Option<Timestamp> {
        let bytes: &[u8; 16] = text.as_bytes().try_into().ok()?;
        let [y0, y1, y2, y3, mo0, mo1, d0, d1, b'T', h0, h1, mi0, mi1, s0, s1, b'Z'] = *bytes
        else {
            return None;
        };
        let civil = Civil {
            year: decimal(&[y0, y1, y2, y3])?.into(),
            month: decimal(&[mo0, mo1])?,
            day: decimal(&[d0, d1])?,
            hour: decimal(&[h0, h1])?,
            minute: decimal(&[mi0, mi1])?,
            second: decimal(&[s0, s1])?,
        };
        civil.to_signable_unix().map(Timestamp::from_unix_secs)
    }

    /// The whole timestamp's bytes: what a sink takes, with no UTF-8
    /// check to pay (about 100 instructions on a Cortex-M4).
    pub(crate) fn as_bytes(&self) -> &[u8; 16] {
        &self.0
    }

    /// The day's bytes, `YYYYMMDD`.
    pub(crate) fn day_bytes(&self) -> &[u8; 8] {
        self.0.first_chunk().unwrap_or(&[b'0'; 8])
    }

    /// The whole timestamp, `YYYYMMDDTHHMMSSZ`.
    pub(crate) fn as_str(&self) -> &str {
        // Only ASCII digits, 'T' and 'Z' are ever written.
        core::str::from_utf8(&self.0).unwrap_or_default()
    }

    /// The day, `YYYYMMDD`, as used in the credential scope.
    pub(crate) fn day(&self) -> &str {
        self.as_str().get(..8).unwrap_or_default()
    }
}

/// `value`, below 100, as two decimal digits.
fn two_digits(value: u32) -> [u8; 2] {
    // A calendar field below 100: each digit fits a u8.
    [b'0' + (value / 10 % 10) as u8, b'0' + (value % 10) as u8]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn amz(secs: i64) -> Result<AmzDate, Error> {
        AmzDate::new(Timestamp::from_unix_secs(secs))
    }

    #[test]
    fn formats_odd_dates() {
        // Seconds and dates from Python's datetime (UTC), strftime('%Y%m%dT%H%M%SZ').
        let cases = [
            (0, "19700101T000000Z"),
            (951_782_400, "20000229T000000Z"), // leap day of a 400-year leap year
            (1_709_164_800, "20240229T000000Z"),
            (1_735_689_599, "20241231T235959Z"),
            (1_735_787_045, "20250102T030405Z"),
            (4_102_444_799, "20991231T235959Z"),
            (4_102_444_800, "21000101T000000Z"),
            (4_107_542_400, "21000301T000000Z"), // 2100 is not a leap year
            (253_402_300_799, "99991231T235959Z"),
        ];
        for (secs, want) in cases {
            assert_eq!(amz(secs).map(|d| *d.as_str() == *want), Ok(true), "{secs}");
        }
        assert_eq!(amz(1_735_787_045).map(|d| d.day() == "20250102"), Ok(true));
        let date = amz(1_735_787_045).unwrap();
        assert_eq!(date.as_bytes(), b"20250102T030405Z");
        assert_eq!(date.day_bytes(), b"20250102");
    }

    #[test]
    fn parses_what_it_formats_and_nothing_else() {
        for secs in [
            0,
            951_782_400,
            1_709_164_800,
            1_735_787_045,
            4_107_542_400,
            253_402_300_799,
        ] {
            let date = amz(secs).unwrap();
            assert_eq!(
                AmzDate::parse(date.as_str()),
                Some(Timestamp::from_unix_secs(secs)),
                "{secs}"
            );
        }
        for bad in [
            "",
            "20250102T030405",
            "20250102T030405Z ",
            "20250102 030405Z",
            "2025010ZT030405Z",
            "20250132T000000Z",
            "20250229T000000Z",
            "21000229T000000Z",
            "20251301T000000Z",
            "20250001T000000Z",
            "20250100T000000Z",
            "20250102T240000Z",
            "20250102T236000Z",
            "20250102T235960Z",
            "19691231T235959Z",
            "+2025012T030405Z",
            "２0250102T030405Z",
        ] {
            assert_eq!(AmzDate::parse(bad), None, "{bad:?}");
        }
        assert_eq!(
            AmzDate::parse("20000229T000000Z"),
            Some(Timestamp::from_unix_secs(951_782_400))
        );
    }

    #[test]
    fn refuses_times_outside_four_digit_years() {
        assert!(matches!(amz(-1), Err(Error::TimeOutOfRange)));
        assert!(matches!(amz(253_402_300_800), Err(Error::TimeOutOfRange)));
        assert!(matches!(amz(i64::MIN), Err(Error::TimeOutOfRange)));
        assert!(matches!(amz(i64::MAX), Err(Error::TimeOutOfRange)));
    }
}
