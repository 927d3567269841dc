//! The proleptic Gregorian calendar in UTC: a date and time of day to and
//! from seconds since the Unix epoch, hand-written for `no_std`.

/// Seconds in a day: Unix time has no leap seconds.
pub(crate) const SECS_PER_DAY: i64 = 86_400;
/// 9999-12-31T23:59:59Z, the last second a four-digit year can name.
pub(crate) const MAX_SIGNABLE: i64 = 253_402_300_799;
/// Days from 0000-03-01 to 1970-01-01.
const EPOCH_SHIFT: u32 = 719_468;
/// Days in a 400-year era.
const ERA_DAYS: u32 = 146_097;

/// A UTC calendar date and time of day.
pub(crate) struct Civil {
    pub(crate) year: i64,
    pub(crate) month: u32,
    pub(crate) day: u32,
    pub(crate) hour: u32,
    pub(crate) minute: u32,
    pub(crate) second: u32,
}

impl Civil {
    /// Any Unix time, in 64-bit arithmetic (for `Display`).
    pub(crate) fn from_unix(secs: i64) -> Self {
        let days = secs.div_euclid(SECS_PER_DAY) + i64::from(EPOCH_SHIFT);
        let time = secs.rem_euclid(SECS_PER_DAY) as u32;
        let era = days.div_euclid(i64::from(ERA_DAYS));
        Civil::from_era(era, days.rem_euclid(i64::from(ERA_DAYS)) as u32, time)
    }

    /// A signable time (`0 ..= MAX_SIGNABLE` seconds) in 32-bit arithmetic:
    /// 86 400 = 128 * 675, and the seconds shifted right by 7 fit a u32.
    pub(crate) fn from_signable(secs: u64) -> Self {
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

    /// The Unix time of a real date and time of day from 1970 on (where
    /// signing times start), or `None`.
    pub(crate) fn to_signable_unix(&self) -> Option<i64> {
        let leap = (self.year % 4 == 0 && self.year % 100 != 0) || self.year % 400 == 0;
        let month_len = match self.month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        let time_ok = self.hour <= 23 && self.minute <= 59 && self.second <= 59;
        if self.year < 1970 || !(1..=month_len).contains(&self.day) || !time_ok {
            return None;
        }
        let days = days_from_civil(self.year, self.month.into(), self.day.into());
        let time = self.hour * 3600 + self.minute * 60 + self.second;
        Some(days * SECS_PER_DAY + i64::from(time))
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

/// `digits` as a number, if each byte is an ASCII digit.
pub(crate) fn decimal(digits: &[u8]) -> Option<u32> {
    digits.iter().try_fold(0u32, |acc, &d| {
        d.is_ascii_digit()
            .then(|| acc.checked_mul(10)?.checked_add(u32::from(d - b'0')))
            .flatten()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
