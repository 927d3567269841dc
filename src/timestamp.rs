//! The instant: seconds since the Unix epoch, read from and written as
//! ISO 8601 text.

use core::fmt;
use core::time::Duration;

use crate::civil::{decimal, Civil};
use crate::error::Error;

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
}

/// Parses ISO 8601 / RFC 3339 UTC times as AWS writes credential
/// expirations: `2025-01-02T03:04:05Z`, with optional fractional seconds
/// (dropped) and a `±HH:MM` offset instead of `Z`.
impl core::str::FromStr for Timestamp {
    type Err = Error;

    fn from_str(text: &str) -> Result<Self, Error> {
        let bad = Error::InvalidTime;
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
                (time, sign * i64::from(hours * 3600 + minutes * 60))
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
        let Ok([y0, y1, y2, y3, b'-', mo0, mo1, b'-', d0, d1]) =
            <[u8; 10]>::try_from(date.as_bytes())
        else {
            return Err(bad);
        };
        let Ok([h0, h1, b':', mi0, mi1, b':', s0, s1]) = <[u8; 8]>::try_from(time.as_bytes())
        else {
            return Err(bad);
        };
        let civil = Civil {
            year: decimal(&[y0, y1, y2, y3]).ok_or(bad)?.into(),
            month: decimal(&[mo0, mo1]).ok_or(bad)?,
            day: decimal(&[d0, d1]).ok_or(bad)?,
            hour: decimal(&[h0, h1]).ok_or(bad)?,
            minute: decimal(&[mi0, mi1]).ok_or(bad)?,
            second: decimal(&[s0, s1]).ok_or(bad)?,
        };
        let utc = civil.to_signable_unix().ok_or(bad)?;
        Ok(Timestamp(utc - offset_secs))
    }
}

/// `"07"` as 7: exactly two ASCII digits.
fn two_digits(text: &str) -> Option<u32> {
    match *text.as_bytes() {
        [a, b] => decimal(&[a, b]),
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
            assert_eq!(bad.parse::<Timestamp>(), Err(Error::InvalidTime), "{bad:?}");
        }
        // Display and FromStr agree.
        for secs in [0, 951_825_845, 253_402_300_799] {
            let text = std::format!("{}", Timestamp(secs));
            assert_eq!(text.parse::<Timestamp>(), Ok(Timestamp(secs)));
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
