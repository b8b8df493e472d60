//! All-numeric dates led by a one- or two-digit number: `8/10/2012`, `30-12-16`, `02.07.2013`,
//! `09/2012`, and (in a date context) `5/31`.
//!
//! Reading order: with `/` and `-` the month comes first when both readings are possible (US
//! usage), with `.` the day comes first (European usage); the other reading is reported as an
//! alternative. A reading that is impossible is dropped, so `13/03/2014` is day-first.

use super::bare::follower_ok_simple;
use super::context::{month_day_context, name_before};
use super::hit::{FormatBuilder, Hit};
use super::pattern::Token;
use super::scan::Scanner;
use super::text::{Num, at, glued_after, is_digit_at, number};
use super::value::{DateValue, Invalid, check, expand_two_digit_year};

/// The token for `number` as written: `two` for two digits, `one` for one.
fn width(number: &Num, two: Token, one: Token) -> Token {
    if number.len() == 2 { two } else { one }
}

impl Scanner<'_> {
    /// A numeric date whose first number has one or two digits and is followed by `sep`.
    pub(crate) fn numeric(&self, start: usize, first: Num, separator: u8, weekday: bool) -> Option<Hit> {
        let bytes = self.bytes;
        let second = number(bytes, first.end + 1)?;
        match second.len() {
            4 => return self.month_year(start, first, second, separator),
            1 | 2 => {}
            _ => return None,
        }
        if at(bytes, second.end) == separator && is_digit_at(bytes, second.end + 1) {
            let third = number(bytes, second.end + 1)?;
            return self.numeric_full(start, [first, second, third], separator);
        }
        if separator != b'/' || glued_after(bytes, second.end) {
            return None;
        }
        self.numeric_month_day(start, first, second, weekday)
    }

    /// `M/YYYY`, `MM-YYYY`, `MM.YYYY`.
    fn month_year(&self, start: usize, month: Num, year: Num, separator: u8) -> Option<Hit> {
        let bytes = self.bytes;
        if (separator != b'/' && month.len() != 2)
            || !(1..=12).contains(&month.val)
            || !(1900..=2039).contains(&year.val)
            || glued_after(bytes, year.end)
            || name_before(bytes, start)
            || !follower_ok_simple(bytes, year.end)
        {
            return None;
        }
        let mut format = FormatBuilder::new();
        format
            .token(width(&month, Token::Month2, Token::Month1))
            .text(&[separator])
            .token(Token::Year4);
        Some(
            Hit::new(
                start,
                year.end,
                DateValue::YearMonth(year.val as i32, month.val as u8),
                format,
            )
            .checked(),
        )
    }

    /// Three numbers: day, month and year in either order, with a 2- or 4-digit year.
    fn numeric_full(&self, start: usize, [first, second, third]: [Num; 3], separator: u8) -> Option<Hit> {
        let bytes = self.bytes;
        let year = match third.len() {
            4 if third.val >= 1000 => third.val as i32,
            2 if separator != b'.' => expand_two_digit_year(third.val),
            _ => return None,
        };
        if glued_after(bytes, third.end) || name_before(bytes, start) {
            return None;
        }
        let (first_value, second_value) = (first.val as u8, second.val as u8);
        let mdy = DateValue::Date(year, first_value, second_value);
        let dmy = DateValue::Date(year, second_value, first_value);
        let mdy_ok = check(Some(year), first_value, Some(second_value)).is_none();
        let dmy_ok = check(Some(year), second_value, Some(first_value)).is_none();
        // A two-digit first number may be the year: `01/02/03` can be 2001-02-03.
        let ymd = (first.len() == 2 && second.len() == 2 && third.len() == 2)
            .then(|| DateValue::Date(expand_two_digit_year(first.val), second_value, third.val as u8))
            .filter(|value| super::value::check_value(value).is_none());
        let day_first = |format: &mut FormatBuilder| {
            format
                .token(width(&first, Token::Day2, Token::Day1))
                .text(&[separator])
                .token(width(&second, Token::Month2, Token::Month1));
        };
        let month_first = |format: &mut FormatBuilder| {
            format
                .token(width(&first, Token::Month2, Token::Month1))
                .text(&[separator])
                .token(width(&second, Token::Day2, Token::Day1));
        };
        let mut format = FormatBuilder::new();
        let (value, alternative, invalid) = match (mdy_ok, dmy_ok) {
            (true, true) if separator == b'.' => {
                day_first(&mut format);
                (dmy, Some(mdy), None)
            }
            (true, _) => {
                month_first(&mut format);
                (mdy, dmy_ok.then_some(dmy), None)
            }
            (false, true) => {
                day_first(&mut format);
                (dmy, None, None)
            }
            (false, false) => {
                if third.len() == 2 {
                    return None;
                }
                if first_value <= 12 {
                    month_first(&mut format);
                    (mdy, None, check(Some(year), first_value, Some(second_value)))
                } else if second_value <= 12 {
                    day_first(&mut format);
                    (dmy, None, check(Some(year), second_value, Some(first_value)))
                } else {
                    day_first(&mut format);
                    (dmy, None, Some(Invalid::NoReading(first_value, second_value)))
                }
            }
        };
        format.text(&[separator]).token(if third.len() == 4 {
            Token::Year4
        } else {
            Token::Year2
        });
        let mut hit = Hit::new(start, third.end, value, format);
        hit.invalid = invalid;
        if let Some(value) = alternative {
            hit.add_alt(value);
        }
        if let Some(value) = ymd {
            hit.add_alt(value);
        }
        Some(hit.checked())
    }

    /// `M/D` without a year: only in a date context, since `10/11` is usually a fraction.
    fn numeric_month_day(&self, start: usize, first: Num, second: Num, weekday: bool) -> Option<Hit> {
        let bytes = self.bytes;
        let (first_value, second_value) = (first.val as u8, second.val as u8);
        let md_ok =
            first_value > 0 && second_value > 0 && check(None, first_value, Some(second_value)).is_none();
        let dm_ok =
            first_value > 0 && second_value > 0 && check(None, second_value, Some(first_value)).is_none();
        // A line holding only `24/7` is a slogan; only a month-first reading stands alone.
        if !(md_ok || dm_ok) || !(weekday || month_day_context(bytes, start, second.end, md_ok)) {
            return None;
        }
        let mut format = FormatBuilder::new();
        let mut hit = if md_ok {
            format
                .token(width(&first, Token::Month2, Token::Month1))
                .text(b"/")
                .token(width(&second, Token::Day2, Token::Day1));
            let mut hit = Hit::new(
                start,
                second.end,
                DateValue::MonthDay(first_value, second_value),
                format,
            );
            if dm_ok {
                hit.add_alt(DateValue::MonthDay(second_value, first_value));
            }
            hit
        } else {
            format
                .token(width(&first, Token::Day2, Token::Day1))
                .text(b"/")
                .token(width(&second, Token::Month2, Token::Month1));
            Hit::new(
                start,
                second.end,
                DateValue::MonthDay(second_value, first_value),
                format,
            )
        };
        hit = hit.checked();
        Some(hit)
    }
}

#[cfg(test)]
mod tests {
    use crate::dates::{DateValue, find_dates};

    fn one(text: &str) -> (String, DateValue, Vec<DateValue>, String) {
        let found = find_dates(text, &[]);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        let found = &found[0];
        (
            text[found.range.clone()].to_string(),
            found.value,
            found.alternatives.clone(),
            found.format.to_string(),
        )
    }

    #[test]
    fn slash_dates_are_month_first_with_alternative() {
        let (span, value, alternatives, format) = one("The deadline is 6/10/2018.");
        assert_eq!(
            (span.as_str(), value, format.as_str()),
            ("6/10/2018", DateValue::Date(2018, 6, 10), "M/DD/YYYY")
        );
        assert_eq!(alternatives, vec![DateValue::Date(2018, 10, 6)]);
    }

    #[test]
    fn impossible_reading_is_dropped() {
        let (_, value, alternatives, format) = one("on 13/03/2014");
        assert_eq!(
            (value, format.as_str()),
            (DateValue::Date(2014, 3, 13), "DD/MM/YYYY")
        );
        assert!(alternatives.is_empty());
    }

    #[test]
    fn dotted_dates_are_day_first() {
        let (_, value, alternatives, _) = one("The date is 02.07.2013");
        assert_eq!(value, DateValue::Date(2013, 7, 2));
        assert_eq!(alternatives, vec![DateValue::Date(2013, 2, 7)]);
    }

    #[test]
    fn two_digit_years() {
        assert_eq!(one("Friday 30-12-16").1, DateValue::Date(2016, 12, 30));
        let (_, value, alternatives, _) = one("01/02/03");
        assert_eq!(value, DateValue::Date(2003, 1, 2));
        assert_eq!(
            alternatives,
            vec![DateValue::Date(2003, 2, 1), DateValue::Date(2001, 2, 3)]
        );
    }

    #[test]
    fn month_year() {
        assert_eq!(one("Published: 06/2004").1, DateValue::YearMonth(2004, 6));
    }

    #[test]
    fn impossible_numeric_dates_are_flagged() {
        for text in [
            "02/29/2022",
            "06/31/2022",
            "18/13/2022",
            "15/28/2022",
            "13/31/2018",
        ] {
            let found = find_dates(text, &[]);
            assert_eq!(found.len(), 1, "{text}");
            assert!(found[0].invalid.is_some(), "{text}");
        }
        assert_eq!(
            find_dates("02/29/2022", &[])[0].invalid.as_deref(),
            Some("February 2022 has 28 days")
        );
    }

    #[test]
    fn not_numeric_dates() {
        for text in [
            "Version: 1.1.30",
            "1-2-3",
            "20-30-12",
            "80-32-89-89",
            "8.8.8.8",
            "192.168.1.1",
            "passed 10/11 tests",
            "support 24/7",
            "a 50/50 split",
            "Ubuntu 22.04",
            "at 12.30",
            "call 555-12-34",
            "in 1/1000 cases",
        ] {
            assert!(
                find_dates(text, &[]).is_empty(),
                "{text}: {:?}",
                find_dates(text, &[])
            );
        }
    }

    #[test]
    fn month_day_needs_context() {
        assert_eq!(one("2 months before 02/02").1, DateValue::MonthDay(2, 2));
        assert_eq!(one("1/8 at 12pm").1, DateValue::MonthDay(1, 8));
        assert!(find_dates("8/32", &[]).is_empty());
    }
}
