//! `sigv4_bearer_parse_time` (the `Expiration` of temporary credentials)
//! and `sigv4_bearer_version`.

use core::ffi::{c_char, c_int};

use crate::args;
use crate::codes::{INVALID_TIME, OK};

/// The crate's version, NUL-terminated; the header's macros say the same.
const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), "\0");

/// The library's version, e.g. "0.1.0": static, NUL-terminated.
#[no_mangle]
pub extern "C" fn sigv4_bearer_version() -> *const c_char {
    VERSION.as_ptr().cast()
}

/// Reads an ISO 8601 UTC time as STS, IMDS, the container endpoint and
/// `credential_process` write `Expiration` into `*unix_secs`. See the header.
///
/// # Safety
/// `iso8601` is NUL-terminated; `unix_secs` is writable.
#[no_mangle]
pub unsafe extern "C" fn sigv4_bearer_parse_time(
    iso8601: *const c_char,
    unix_secs: *mut i64,
) -> c_int {
    // SAFETY: each pointer is passed on under this function's contract.
    let outcome = unsafe {
        (|| {
            let out = args::target(unix_secs)?;
            let secs = parse(args::text(iso8601)?).ok_or(INVALID_TIME)?;
            *out = secs;
            Ok(OK)
        })()
    };
    outcome.unwrap_or_else(|code| code)
}

/// `YYYY-MM-DDTHH:MM:SS`, then `.` and 1 or more digits (dropped: the
/// time is rounded down, so never later than the one given), then `Z` or
/// `+00:00`. Years 1970 ..= 9999, every field in its range.
// Not the library's `Timestamp::from_str` behind a check of the forms it
// reads beyond these (measured, issue 19): its general offsets and
// separators cost a C firmware that mints a token and parses `Expiration`
// 864 B more flash (1,196 B with the default archive), and the shared
// `Civil::to_signable_unix`, out of line once it had two callers, 200 B
// more in any program that calls inspect or verify.
pub(crate) fn parse(text: &str) -> Option<i64> {
    let bytes = text.as_bytes();
    let (fixed, rest) = (bytes.get(..19)?, bytes.get(19..)?);
    let mut digits = [0i64; 14];
    let mut next = 0;
    for (at, &byte) in fixed.iter().enumerate() {
        let separator = match at {
            4 | 7 => Some(b'-'),
            10 => Some(b'T'),
            13 | 16 => Some(b':'),
            _ => None,
        };
        match separator {
            Some(sep) if byte == sep => {}
            None if byte.is_ascii_digit() => {
                *digits.get_mut(next)? = i64::from(byte - b'0');
                next += 1;
            }
            _ => return None,
        }
    }
    let number = |from: usize, to: usize| {
        digits
            .get(from..to)
            .map(|d| d.iter().fold(0, |n, d| n * 10 + d))
    };
    let (year, month, day) = (number(0, 4)?, number(4, 6)?, number(6, 8)?);
    let (hour, minute, second) = (number(8, 10)?, number(10, 12)?, number(12, 14)?);
    let rest = match rest.split_first() {
        Some((b'.', fraction)) => {
            let digits = fraction.iter().take_while(|b| b.is_ascii_digit()).count();
            if digits == 0 {
                return None;
            }
            fraction.get(digits..)?
        }
        _ => rest,
    };
    if rest != b"Z" && rest != b"+00:00" {
        return None;
    }
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let month_days = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    let days_in_month = *month_days.get(usize::try_from(month).ok()?.checked_sub(1)?)?;
    let valid = (1970..=9999).contains(&year)
        && (1..=days_in_month).contains(&day)
        && hour < 24
        && minute < 60
        && second < 60;
    valid.then(|| days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
/// `days_from_civil`, for years from 1970 on).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year / 400;
    let year_of_era = year - era * 400;
    let month_from_march = (month + 9) % 12;
    let day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}
