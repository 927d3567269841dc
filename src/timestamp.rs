//! Seconds since the Unix epoch, and the hand-written civil-date formatting
//! SigV4 needs (`YYYYMMDD'T'HHMMSS'Z'`).

use core::fmt;
use core::time::Duration;

use crate::Error;

/// 9999-12-31T23:59:59Z, the last second SigV4's four-digit year can name.
const MAX_SIGNABLE: i64 = 253_402_300_799;
const SECS_PER_DAY: i64 = 86_400;

/// A point in time, in whole seconds since 1970-01-01T00:00:00Z (UTC).
///
/// The crate has no clock: the caller says what time it is. With the `std`
/// feature, `Timestamp::now()` reads the system clock.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(i64);

impl Timestamp {
    /// The time `secs` seconds after the Unix epoch (negative: before it).
    pub const fn from_unix_secs(secs: i64) -> Self {
        Timestamp(secs)
    }

    /// Seconds since the Unix epoch.
    pub const fn as_unix_secs(self) -> i64 {
        self.0
    }

    /// The system clock's time, with the sub-second part dropped.
    #[cfg(feature = "std")]
    pub fn now() -> Self {
        Self::from(std::time::SystemTime::now())
    }

    /// `self + duration` in whole seconds, or `None` on overflow.
    pub fn checked_add(self, duration: Duration) -> Option<Self> {
        let secs = i64::try_from(duration.as_secs()).ok()?;
        self.0.checked_add(secs).map(Timestamp)
    }

    /// The time from `earlier` to `self`, or `None` if `earlier` is later.
    pub fn duration_since(self, earlier: Timestamp) -> Option<Duration> {
        let secs = self.0.checked_sub(earlier.0)?;
        u64::try_from(secs).ok().map(Duration::from_secs)
    }

    /// The SigV4 form, `YYYYMMDDTHHMMSSZ`, or an error outside years 1970 ..= 9999.
    pub(crate) fn amz_date(self) -> Result<AmzDate, Error> {
        if !(0..=MAX_SIGNABLE).contains(&self.0) {
            return Err(Error::TimeOutOfRange);
        }
        // In range, so the seconds fit u64 and the days u32: no 64-bit
        // division, which small cores do in a library routine.
        let civil = Civil::from_signable(self.0.unsigned_abs());
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
}

impl AmzDate {
    /// Parses `YYYYMMDDTHHMMSSZ` strictly: a real calendar date and time of
    /// day, nothing before or after.
    pub(crate) fn parse(text: &str) -> Option<Timestamp> {
        let bytes: &[u8; 16] = text.as_bytes().try_into().ok()?;
        let [y0, y1, y2, y3, mo0, mo1, d0, d1, b'T', h0, h1, mi0, mi1, s0, s1, b'Z'] = *bytes
        else {
            return None;
        };
        let number = |digits: &[u8]| {
            digits.iter().try_fold(0i64, |acc, &d| {
                d.is_ascii_digit().then(|| acc * 10 + i64::from(d - b'0'))
            })
        };
        let (year, month, day) = (
            number(&[y0, y1, y2, y3])?,
            number(&[mo0, mo1])?,
            number(&[d0, d1])?,
        );
        let (hour, minute, second) = (number(&[h0, h1])?, number(&[mi0, mi1])?, number(&[s0, s1])?);
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let month_len = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        if year < 1970 || !(1..=month_len).contains(&day) || hour > 23 || minute > 59 || second > 59
        {
            return None;
        }
        let days = days_from_civil(year, month, day);
        Some(Timestamp(
            days * SECS_PER_DAY + hour * 3600 + minute * 60 + second,
        ))
    }
}

/// Days from 1970-01-01 to a proleptic Gregorian date: the inverse of
/// [`Civil::from_unix`], with the same March-based 400-year eras.
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year.rem_euclid(400);
    let month_from_march = if month > 2 { month - 3 } else { month + 9 };
    let day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
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

/// A formatted SigV4 timestamp, `YYYYMMDDTHHMMSSZ`: always 16 ASCII bytes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) struct AmzDate([u8; 16]);

impl AmzDate {
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

/// A UTC calendar date and time of day.
struct Civil {
    year: i64,
    month: u32,
    day: u32,
    hour: u32,
    minute: u32,
    second: u32,
}

/// Days from 0000-03-01 to 1970-01-01.
const EPOCH_SHIFT: u32 = 719_468;
/// Days in a 400-year era.
const ERA_DAYS: u32 = 146_097;

impl Civil {
    /// Any Unix time, in 64-bit arithmetic (for `Display`).
    fn from_unix(secs: i64) -> Self {
        let days = secs.div_euclid(SECS_PER_DAY) + i64::from(EPOCH_SHIFT);
        let time = secs.rem_euclid(SECS_PER_DAY) as u32;
        let era = days.div_euclid(i64::from(ERA_DAYS));
        Civil::from_era(era, days.rem_euclid(i64::from(ERA_DAYS)) as u32, time)
    }

    /// A signable time (`0 ..= MAX_SIGNABLE` seconds) in 32-bit arithmetic:
    /// 86 400 = 128 * 675, and the seconds shifted right by 7 fit a u32.
    fn from_signable(secs: u64) -> Self {
        let days = ((secs >> 7) as u32) / 675;
        let time = (secs - u64::from(days) * SECS_PER_DAY as u64) as u32;
        let shifted = days + EPOCH_SHIFT;
        Civil::from_era(i64::from(shifted / ERA_DAYS), shifted % ERA_DAYS, time)
    }

    /// Splits a day of a 400-year era (of 146 097 days, with years starting
    /// in March so the leap day falls last) and a time of day into fields.
    fn from_era(era: i64, day_of_era: u32, time: u32) -> Self {
        let year_of_era =
            (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let month_from_march = (5 * day_of_year + 2) / 153;
        let day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
        let month = if month_from_march < 10 {
            month_from_march + 3
        } else {
            month_from_march - 9
        };
        let year = i64::from(year_of_era) + era * 400 + i64::from(month <= 2);
        Civil {
            year,
            month,
            day,
            hour: time / 3600,
            minute: time % 3600 / 60,
            second: time % 60,
        }
    }
}

/// Parses ISO 8601 / RFC 3339 UTC times as AWS writes credential
/// expirations: `2025-01-02T03:04:05Z`, with optional fractional seconds
/// (dropped) and a `±HH:MM` offset instead of `Z`.
impl core::str::FromStr for Timestamp {
    type Err = Error;

    fn from_str(text: &str) -> Result<Self, Error> {
        let bad = Error::MalformedDate;
        let (date, rest) = text.split_once(['T', 't', ' ']).ok_or(bad)?;
        let (time, offset_secs) = match rest.strip_suffix(['Z', 'z']) {
            Some(time) => (time, 0),
            None => {
                let at = rest.rfind(['+', '-']).ok_or(bad)?;
                let (time, offset) = rest.split_at(at);
                let sign = if offset.starts_with('-') { -1 } else { 1 };
                let (hours, minutes) =
                    offset.get(1..).and_then(|o| o.split_once(':')).ok_or(bad)?;
                let (hours, minutes) = (
                    two_digits(hours).ok_or(bad)?,
                    two_digits(minutes).ok_or(bad)?,
                );
                if hours > 23 || minutes > 59 {
                    return Err(bad);
                }
                (time, sign * (hours * 3600 + minutes * 60))
            }
        };
        let time = match time.split_once('.') {
            Some((whole, fraction))
                if !fraction.is_empty() && fraction.bytes().all(|b| b.is_ascii_digit()) =>
            {
                whole
            }
            Some(_) => return Err(bad),
            None => time,
        };
        let mut compact = [0u8; 16];
        let parts = [
            date.get(..4),
            date.get(5..7),
            date.get(8..10),
            Some("T"),
            time.get(..2),
            time.get(3..5),
            time.get(6..8),
            Some("Z"),
        ];
        let separators_ok = date.len() == 10
            && date.get(4..5) == Some("-")
            && date.get(7..8) == Some("-")
            && time.len() == 8
            && time.get(2..3) == Some(":")
            && time.get(5..6) == Some(":");
        if !separators_ok {
            return Err(bad);
        }
        let mut at = 0;
        for part in parts {
            let part = part.ok_or(bad)?.as_bytes();
            compact
                .get_mut(at..at + part.len())
                .ok_or(bad)?
                .copy_from_slice(part);
            at += part.len();
        }
        let utc = AmzDate::parse(core::str::from_utf8(&compact).map_err(|_| bad)?).ok_or(bad)?;
        Ok(Timestamp(utc.0 - offset_secs))
    }
}

/// `"07"` as 7: exactly two ASCII digits.
fn two_digits(text: &str) -> Option<i64> {
    match *text.as_bytes() {
        [a, b] if a.is_ascii_digit() && b.is_ascii_digit() => {
            Some(i64::from(a - b'0') * 10 + i64::from(b - b'0'))
        }
        _ => None,
    }
}

/// ISO 8601, e.g. `2025-01-02T03:04:05Z`.
impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = Civil::from_unix(self.0);
        write!(
            f,
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
            c.year, c.month, c.day, c.hour, c.minute, c.second
        )
    }
}

impl fmt::Debug for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Timestamp({self})")
    }
}

#[cfg(feature = "std")]
impl From<std::time::SystemTime> for Timestamp {
    /// Whole seconds; a time before the epoch rounds down (towards the past).
    fn from(time: std::time::SystemTime) -> Self {
        match time.duration_since(std::time::UNIX_EPOCH) {
            Ok(after) => Timestamp(i64::try_from(after.as_secs()).unwrap_or(i64::MAX)),
            Err(before) => {
                let before = before.duration();
                let whole = i64::try_from(before.as_secs()).unwrap_or(i64::MAX);
                let rounded = whole.saturating_add(i64::from(before.subsec_nanos() > 0));
                Timestamp(rounded.saturating_neg())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn amz(secs: i64) -> Result<AmzDate, Error> {
        Timestamp::from_unix_secs(secs).amz_date()
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
                Some(Timestamp(secs)),
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
            Some(Timestamp(951_782_400))
        );
    }

    #[test]
    fn reads_iso_8601_as_aws_writes_it() {
        let want = Ok(Timestamp(1_735_787_045));
        for text in [
            "2025-01-02T03:04:05Z",
            "2025-01-02T03:04:05.123456Z",
            "2025-01-02t03:04:05z",
            "2025-01-02T05:04:05+02:00",
            "2025-01-01T22:34:05-04:30",
            "2025-01-02 03:04:05Z",
        ] {
            assert_eq!(text.parse::<Timestamp>(), want, "{text}");
        }
        for bad in [
            "",
            "2025-01-02",
            "2025-01-02T03:04:05",
            "2025-01-02T03:04Z",
            "2025-13-02T03:04:05Z",
            "2025-01-02T03:04:05.Z",
            "2025-01-02T03:04:05+2:00",
            "2025-01-02T03:04:05+24:00",
            "2025/01/02T03:04:05Z",
            "1969-12-31T23:59:59Z",
        ] {
            assert_eq!(
                bad.parse::<Timestamp>(),
                Err(Error::MalformedDate),
                "{bad:?}"
            );
        }
        // Display and FromStr agree.
        for secs in [0, 951_825_845, 253_402_300_799] {
            let text = std::format!("{}", Timestamp(secs));
            assert_eq!(text.parse::<Timestamp>(), Ok(Timestamp(secs)));
        }
    }

    #[test]
    fn refuses_times_outside_four_digit_years() {
        assert!(matches!(amz(-1), Err(Error::TimeOutOfRange)));
        assert!(matches!(amz(253_402_300_800), Err(Error::TimeOutOfRange)));
        assert!(matches!(amz(i64::MIN), Err(Error::TimeOutOfRange)));
        assert!(matches!(amz(i64::MAX), Err(Error::TimeOutOfRange)));
    }

    #[test]
    fn the_32_bit_path_agrees_with_the_64_bit_one() {
        // Strides that are prime to a day's length reach every time of day.
        let stride = if cfg!(miri) { 2_534_023_007 } else { 104_729 };
        let ends = [0, 1, 86_399, 86_400, MAX_SIGNABLE - 1, MAX_SIGNABLE];
        for secs in (0..=MAX_SIGNABLE).step_by(stride).chain(ends) {
            let (a, b) = (Civil::from_unix(secs), Civil::from_signable(secs as u64));
            let fields = |c: &Civil| (c.year, c.month, c.day, c.hour, c.minute, c.second);
            assert_eq!(fields(&a), fields(&b), "{secs}");
        }
    }

    #[test]
    fn every_day_round_trips_through_the_calendar() {
        let days = if cfg!(miri) { 2_000 } else { 200_000 };
        for n in -1_000..days {
            let c = Civil::from_unix(n * SECS_PER_DAY);
            assert_eq!(
                days_from_civil(c.year, c.month.into(), c.day.into()),
                n,
                "day {n}"
            );
        }
        // Walk day by day over 1970 ..= 2500 and check the fields step as a
        // calendar does: this needs no second implementation to trust.
        let (mut year, mut month, mut day) = (1970, 1, 1);
        let leap = |y: i64| (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        for n in 0..days.min(193_000) {
            let c = Civil::from_unix(n * SECS_PER_DAY);
            assert_eq!(
                (c.year, i64::from(c.month), i64::from(c.day)),
                (year, month, day),
                "day {n}"
            );
            let month_len = match month {
                2 if leap(year) => 29,
                2 => 28,
                4 | 6 | 9 | 11 => 30,
                _ => 31,
            };
            day += 1;
            if day > month_len {
                (day, month) = (1, month + 1);
                if month > 12 {
                    (month, year) = (1, year + 1);
                }
            }
        }
    }

    #[cfg(feature = "std")]
    #[test]
    fn displays_iso_8601() {
        assert_eq!(
            std::format!("{:?}", Timestamp::from_unix_secs(951_825_845)),
            "Timestamp(2000-02-29T12:04:05Z)"
        );
    }
}
