//! Date values, calendar arithmetic and the reasons a written date can be impossible.

use std::fmt;

/// A date at the granularity it was written with.
///
/// Fields are kept as written even when they are out of range (`Date(2014, 2, 30)`), so that an
/// impossible date can still be reported with its value; [`super::FoundDate::invalid`] says why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DateValue {
    /// A year alone: `2019`.
    Year(i32),
    /// A month of a year: `March 2010`, `2010-03`. Quarters are given as their first month.
    YearMonth(i32, u8),
    /// A full calendar date: year, month, day.
    Date(i32, u8, u8),
    /// A day and month without a year: `March 1st`, `12 August`. Fields are month, day.
    MonthDay(u8, u8),
}

impl DateValue {
    /// The year, when one was written.
    pub fn year(&self) -> Option<i32> {
        match *self {
            DateValue::Year(year) | DateValue::YearMonth(year, _) | DateValue::Date(year, _, _) => Some(year),
            DateValue::MonthDay(..) => None,
        }
    }

    /// The month (1-12 when valid), when one was written.
    pub fn month(&self) -> Option<u8> {
        match *self {
            DateValue::Year(_) => None,
            DateValue::YearMonth(_, month) | DateValue::Date(_, month, _) | DateValue::MonthDay(month, _) => {
                Some(month)
            }
        }
    }

    /// The day of the month, when one was written.
    pub fn day(&self) -> Option<u8> {
        match *self {
            DateValue::Date(_, _, day) | DateValue::MonthDay(_, day) => Some(day),
            _ => None,
        }
    }

    /// Whether the value names a day (a full date or a day and month).
    pub(crate) fn has_day(&self) -> bool {
        self.day().is_some()
    }
}

impl fmt::Display for DateValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            DateValue::Year(year) => write!(f, "{year:04}"),
            DateValue::YearMonth(year, month) => write!(f, "{year:04}-{month:02}"),
            DateValue::Date(year, month, day) => write!(f, "{year:04}-{month:02}-{day:02}"),
            DateValue::MonthDay(month, day) => write!(f, "XXXX-{month:02}-{day:02}"),
        }
    }
}

pub(crate) const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

pub(crate) const WEEKDAY_NAMES: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// The date `year-month-day` on jiff's calendar; `None` when there is no such day
/// (or the year is outside -9999..=9999, where no README date is).
fn civil(year: i32, month: u8, day: u8) -> Option<jiff::civil::Date> {
    let year = i16::try_from(year).ok()?;
    jiff::civil::Date::new(year, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()
}

/// Days in a month; `None` for a month outside 1-12. Without a year February has 29.
pub(crate) fn days_in_month(year: Option<i32>, month: u8) -> Option<u8> {
    // 2000 is a leap year: without a year, February can have its 29th.
    let first = civil(year.unwrap_or(2000), month, 1).or_else(|| civil(2000, month, 1))?;
    Some(first.days_in_month() as u8)
}

/// Day of the week of a valid date, 0 = Monday .. 6 = Sunday.
pub(crate) fn weekday(year: i32, month: u8, day: u8) -> Option<u8> {
    Some(civil(year, month, day)?.weekday().to_monday_zero_offset() as u8)
}

/// Expands a two-digit year: 00-69 are 2000-2069, 70-99 are 1970-1999 (the POSIX pivot).
pub(crate) fn expand_two_digit_year(two_digits: u32) -> i32 {
    if two_digits < 70 {
        2000 + two_digits as i32
    } else {
        1900 + two_digits as i32
    }
}

/// Why a written date cannot exist.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Invalid {
    /// Month number outside 1-12.
    Month(u8),
    /// Day outside the month (or 0); year is `None` when none was written.
    Day { year: Option<i32>, month: u8, day: u8 },
    /// A numeric date where neither number can be the month.
    NoReading(u8, u8),
    /// The written weekday does not match the date (weekday written, weekday actual; 0 = Monday).
    Weekday { written: u8, actual: u8 },
}

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Invalid::Month(month) => write!(f, "there is no month {month}"),
            Invalid::Day { year, month, day } => {
                let name = MONTH_NAMES[usize::from(month - 1)];
                let month_days = days_in_month(year, month).unwrap_or(31);
                if day == 0 {
                    write!(f, "there is no day 0")
                } else if let Some(year) = year {
                    write!(f, "{name} {year} has {month_days} days")
                } else {
                    write!(f, "{name} has {month_days} days")
                }
            }
            Invalid::NoReading(first, second) => write!(f, "neither {first} nor {second} can be a month"),
            Invalid::Weekday { written, actual } => write!(
                f,
                "the date is a {}, not a {}",
                WEEKDAY_NAMES[usize::from(actual)],
                WEEKDAY_NAMES[usize::from(written)]
            ),
        }
    }
}

/// Checks a month and optional day against the calendar.
pub(crate) fn check(year: Option<i32>, month: u8, day: Option<u8>) -> Option<Invalid> {
    let Some(month_days) = days_in_month(year, month) else {
        return Some(Invalid::Month(month));
    };
    match day {
        Some(day) if day == 0 || day > month_days => Some(Invalid::Day { year, month, day }),
        _ => None,
    }
}

/// Checks a whole value against the calendar.
pub(crate) fn check_value(value: &DateValue) -> Option<Invalid> {
    match *value {
        DateValue::Year(_) => None,
        DateValue::YearMonth(year, month) => check(Some(year), month, None),
        DateValue::Date(year, month, day) => check(Some(year), month, Some(day)),
        DateValue::MonthDay(month, day) => check(None, month, Some(day)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_keeps_granularity() {
        assert_eq!(DateValue::Year(2019).to_string(), "2019");
        assert_eq!(DateValue::YearMonth(2019, 3).to_string(), "2019-03");
        assert_eq!(DateValue::Date(2019, 3, 4).to_string(), "2019-03-04");
        assert_eq!(DateValue::MonthDay(3, 4).to_string(), "XXXX-03-04");
    }

    #[test]
    fn leap_years() {
        let february = |year| days_in_month(Some(year), 2);
        assert_eq!(
            [2000, 2024, 1900, 2023].map(february),
            [Some(29), Some(29), Some(28), Some(28)]
        );
        assert_eq!(days_in_month(Some(2021), 2), Some(28));
        assert_eq!(days_in_month(Some(2020), 2), Some(29));
        assert_eq!(days_in_month(None, 2), Some(29));
        assert_eq!(days_in_month(None, 13), None);
    }

    #[test]
    fn weekdays() {
        assert_eq!(weekday(1970, 1, 1), Some(3)); // Thursday
        assert_eq!(weekday(2016, 3, 6), Some(6)); // Sunday
        assert_eq!(weekday(2011, 12, 15), Some(3)); // Thursday
        assert_eq!(weekday(2000, 2, 29), Some(1)); // Tuesday
        assert_eq!(weekday(2021, 2, 29), None);
    }

    #[test]
    fn reasons() {
        assert_eq!(
            check(Some(2021), 2, Some(29)).unwrap().to_string(),
            "February 2021 has 28 days"
        );
        assert_eq!(
            check(None, 8, Some(32)).unwrap().to_string(),
            "August has 31 days"
        );
        assert_eq!(
            check(Some(2024), 13, Some(1)).unwrap().to_string(),
            "there is no month 13"
        );
        assert_eq!(check(Some(2020), 2, Some(29)), None);
        assert_eq!(check(None, 2, Some(29)), None);
    }

    #[test]
    fn two_digit_years() {
        assert_eq!(expand_two_digit_year(96), 1996);
        assert_eq!(expand_two_digit_year(16), 2016);
    }
}
