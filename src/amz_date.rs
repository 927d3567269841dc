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
        let mut out = [0u8; 16];
        let mut at = 0;
        let year = u32::try_from(civil.year).unwrap_or_default();
        for (value, width) in [(year, 4), (civil.month, 2), (civil.day, 2)] {
            at = put_digits(&mut out, at, value, width);
        }
        out[8] = b'T';
        at = 9;
        for value in [civil.hour, civil.minute, civil.second] {
            at = put_digits(&mut out, at, value, 2);
        }
        out[15] = b'Z';
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

/// Writes `value` as `width` decimal digits at `at`; returns the next position.
fn put_digits(out: &mut [u8; 16], at: usize, mut value: u32, width: usize) -> usize {
    for slot in out.iter_mut().skip(at).take(width).rev() {
        // `value` is a non-negative calendar field below 10^width.
        *slot = b'0' + (value % 10) as u8;
        value /= 10;
    }
    at + width
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
