//! Dates written with a month name: `March 12, 2010`, `12th of March 2010`, `10-Aug-2012`,
//! `Sept. 2012`, `2 - 5 May 2019`, `May eighth - tenth, 2010`, with an optional leading weekday
//! (`Sun., March 6, 2016`), and ctime stamps (`Thu Oct 26 11:00:09 EDT 2023`).

use super::hit::{FormatBuilder, Hit};
use super::lexicon::Case;
use super::parts::{Day, MonthWord, day, hms, month_word, ordinal_suffix, word_in, year2, year4};
use super::pattern::Token;
use super::scan::Scanner;
use super::text::{Num, at, dash, glued_before, is_alpha_at, is_digit_at, number, skip_hspace, skip_ws};
use super::timestamp::{log_time, zone_name};
use super::value::{DateValue, expand_two_digit_year};
use super::years::OPEN_END;
use std::ops::Range;

/// Words that join the two ends of a range.
const RANGE_WORDS: &[&[u8]] = &[b"to", b"through", b"thru", b"till", b"until"];

/// Pattern token of a day number as written.
pub(crate) fn day_token(day: &Day) -> Token {
    if day.ordinal {
        Token::DayOrdinal
    } else if day.digits == 2 && day.val < 10 {
        Token::Day2
    } else {
        Token::Day1
    }
}

/// A range joiner after `end` (a dash or `to`, `through`, ...); returns the position after it
/// and its spacing.
pub(crate) fn range_joiner(bytes: &[u8], end: usize) -> Option<usize> {
    let joiner = skip_hspace(bytes, end);
    if let Some(dash_end) = dash(bytes, joiner) {
        return Some(skip_hspace(bytes, dash_end));
    }
    // A word needs spacing on both sides: `10 to 22`, not `10to22`.
    if joiner > end
        && let Some(word_end) = word_in(bytes, joiner, RANGE_WORDS)
    {
        let after = skip_hspace(bytes, word_end);
        return (after > word_end).then_some(after);
    }
    None
}

/// A year after a day and month, read by [`year_after`].
pub(crate) struct YearAfter {
    pub year: i32,
    /// Where its digits start (after the apostrophe of `'96`).
    pub digits: usize,
    pub end: usize,
    /// `YYYY` or `YY`.
    pub token: Token,
}

/// The year after a day-and-month ending at `end`: `, 2012`, ` 2012`, `-2012` (with the same
/// separator), ` 96`, `'96`.
pub(crate) fn year_after(bytes: &[u8], end: usize, separator: Option<u8>) -> Option<YearAfter> {
    let start = if separator.is_some_and(|separator| at(bytes, end) == separator) {
        end + 1
    } else {
        let after_comma = if at(bytes, end) == b',' { end + 1 } else { end };
        let start = skip_ws(bytes, after_comma);
        if start == end {
            return None;
        }
        start
    };
    if let Some((year, year_end)) = year4(bytes, start) {
        return Some(YearAfter {
            year,
            digits: start,
            end: year_end,
            token: Token::Year4,
        });
    }
    let digits =
        if at(bytes, start) == b'\'' && number(bytes, start + 1).is_some_and(|number| number.len() == 2) {
            start + 1
        } else {
            start
        };
    let (two_digits, year_end) = year2(bytes, digits)?;
    Some(YearAfter {
        year: expand_two_digit_year(two_digits),
        digits,
        end: year_end,
        token: Token::Year2,
    })
}

/// Builds the value and validity of a day-month(-year) date.
pub(crate) fn dated(year: Option<i32>, month: u8, day: u8) -> DateValue {
    match year {
        Some(year) => DateValue::Date(year, month, day),
        None => DateValue::MonthDay(month, day),
    }
}

/// The hit for a day of `month` (or the days `first_day` to `last_day`), in `year` when
/// one is written, checked against the calendar.
pub(crate) fn day_hit(
    span: Range<usize>,
    year: Option<i32>,
    month: u8,
    first_day: u8,
    last_day: Option<u8>,
    format: FormatBuilder,
) -> Hit {
    Hit::new(span.start, span.end, dated(year, month, first_day), format)
        .with_range_end(last_day.map(|day| dated(year, month, day)))
        .checked()
}

/// A day over 31 is an impossible day only with a year or when it is still day-sized (32-39);
/// `Aug 96` is a month and a two-digit year.
pub(crate) fn day_in_range(day: u8, year: Option<i32>) -> bool {
    day >= 1 && (day <= 39 || year.is_some())
}

impl Scanner<'_> {
    /// Day first: `10 August 2012`, `3rd Feb 82`, `12th of July`, `19th day of May`, `10-Aug-2012`,
    /// `15SEP`, `22. April 2015`, `10 - 22 August 2012`, `06/Nov/2023:06:36:02 +0200`.
    pub(crate) fn day_first(&self, start: usize, number: Num) -> Option<Hit> {
        let bytes = self.bytes;
        let mut format = FormatBuilder::new();
        // `15SEP`: a day glued to a capitalised month abbreviation.
        if is_alpha_at(bytes, number.end) && ordinal_suffix(bytes, number.end).is_none() {
            let month = month_word(bytes, number.end)?;
            if month.weak || month.case == Case::Mixed || month.end > month.word_end {
                return None;
            }
            let day = Day {
                val: number.val as u8,
                digits: number.len(),
                ordinal: false,
                end: number.end,
            };
            format
                .token(day_token(&day))
                .token(month.token())
                .text(month.period(bytes));
            return self.day_month_year(start, &day, None, month, None, format);
        }
        let first_day = day(bytes, start)?;
        format.token(day_token(&first_day));
        // A range of days: `10 - 22 August`, `22-23 Feb`, `10 to 22 August`.
        let mut last_written = first_day;
        let mut last_day = None;
        if let Some(after_joiner) = range_joiner(bytes, first_day.end)
            && let Some(second_day) = day(bytes, after_joiner)
        {
            format
                .text(&bytes[first_day.end..after_joiner])
                .token(day_token(&second_day));
            last_written = second_day;
            last_day = Some(second_day);
        }
        let days_end = last_written.end;
        // Joiner between day and month.
        let (month_start, separator) = match at(bytes, days_end) {
            separator @ (b'-' | b'/') if is_alpha_at(bytes, days_end + 1) && last_day.is_none() => {
                (days_end + 1, Some(separator))
            }
            // `22. April`: the German way of writing a day.
            b'.' if !last_written.ordinal && matches!(at(bytes, days_end + 1), b' ' | b'\t') => {
                (skip_hspace(bytes, days_end + 1), None)
            }
            _ => {
                let mut next = skip_ws(bytes, days_end);
                if next == days_end {
                    return None;
                }
                if let Some(word_end) = word_in(bytes, next, &[b"day"]) {
                    next = skip_ws(bytes, word_end);
                    next = skip_ws(bytes, word_in(bytes, next, &[b"of"])?);
                } else if let Some(word_end) = word_in(bytes, next, &[b"of"]) {
                    next = skip_ws(bytes, word_end);
                }
                (next, None)
            }
        };
        let month = month_word(bytes, month_start)?;
        format
            .text(&bytes[days_end..month_start])
            .token(month.token())
            .text(month.period(bytes));
        self.day_month_year(start, &first_day, last_day, month, separator, format)
    }

    /// The year part after `<day> <month>`, then validation.
    fn day_month_year(
        &self,
        start: usize,
        first_day: &Day,
        last_day: Option<Day>,
        month: MonthWord,
        separator: Option<u8>,
        mut format: FormatBuilder,
    ) -> Option<Hit> {
        let bytes = self.bytes;
        let mut end = month.end;
        let year = match year_after(bytes, month.end, separator) {
            Some(year) => {
                format.text(&bytes[month.end..year.digits]).token(year.token);
                end = year.end;
                if separator == Some(b'/') && year.token == Token::Year4 {
                    // `06/Nov/2023:06:36:02 +0200`
                    if let Some(time_end) = log_time(bytes, year.end, &mut format) {
                        end = time_end;
                    }
                }
                Some(year.year)
            }
            None => None,
        };
        if (month.weak && year.is_none() && !first_day.ordinal) || !day_in_range(first_day.val, year) {
            return None;
        }
        if last_day.is_some_and(|last_day| !day_in_range(last_day.val, year)) {
            return None;
        }
        let last_day = last_day.map(|last_day| last_day.val);
        Some(day_hit(
            start..end,
            year,
            month.month,
            first_day.val,
            last_day,
            format,
        ))
    }

    /// Month first: `March 12, 2010`, `Sep 2012`, `Sept. 6th`, `August-10-2012`, `June of 2022`,
    /// `Aug 96`, `August 10 - 22, 2012`, `May eighth, 2010`, `March-June 2012`, ctime stamps.
    pub(crate) fn month_led(&self, start: usize) -> Option<Hit> {
        let bytes = self.bytes;
        let month = month_word(bytes, start)?;
        if glued_before(bytes, start) {
            return None;
        }
        if let Some(hit) = self.month_range(start, &month) {
            return Some(hit);
        }
        let month_end = month.end;
        let mut format = FormatBuilder::new();
        format.token(month.token()).text(month.period(bytes));
        let (next, separator) = match at(bytes, month_end) {
            separator @ (b'-' | b'/') if is_digit_at(bytes, month_end + 1) => {
                (month_end + 1, Some(separator))
            }
            _ => {
                let after_comma = if at(bytes, month_end) == b',' {
                    month_end + 1
                } else {
                    month_end
                };
                let next = skip_ws(bytes, after_comma);
                if next == after_comma {
                    return None;
                }
                (next, None)
            }
        };
        if is_digit_at(bytes, next) {
            return self.month_then_number(start, month, next, separator, format);
        }
        if at(bytes, next) == b'\'' && separator.is_none() && !month.weak {
            // `Aug '96`
            let (two_digits, year_end) = year2(bytes, next + 1)?;
            format.text(&bytes[month_end..next + 1]).token(Token::Year2);
            let value = DateValue::YearMonth(expand_two_digit_year(two_digits), month.month);
            return Some(Hit::new(start, year_end, value, format).checked());
        }
        if let Some(of_end) = word_in(bytes, next, &[b"of"]) {
            // `June of 2022`
            let year_start = skip_ws(bytes, of_end);
            let (year, year_end) = year4(bytes, year_start)?;
            if month.weak {
                return None;
            }
            format.text(&bytes[month_end..year_start]).token(Token::Year4);
            let value = DateValue::YearMonth(year, month.month);
            return Some(Hit::new(start, year_end, value, format).checked());
        }
        self.month_then_spelled(start, month, next, format)
    }

    /// `<month> <number>`: a day (maybe a range, a year, a ctime clock) or a year.
    fn month_then_number(
        &self,
        start: usize,
        month: MonthWord,
        number_start: usize,
        separator: Option<u8>,
        mut format: FormatBuilder,
    ) -> Option<Hit> {
        let bytes = self.bytes;
        let month_end = month.end;
        if let Some((year, year_end)) = year4(bytes, number_start) {
            // `September 2012`, `Sep-2012`, `August, 2012`, `nov 2014`; not `may 2020`.
            if (month.weak && month.month == 5) || year > 2999 {
                return None;
            }
            format.text(&bytes[month_end..number_start]).token(Token::Year4);
            let mut hit = Hit::new(start, year_end, DateValue::YearMonth(year, month.month), format);
            // `June 2021 - present`: an open range.
            let joiner = skip_hspace(bytes, year_end);
            if let Some(dash_end) = dash(bytes, joiner)
                && let Some(word_end) = word_in(bytes, skip_hspace(bytes, dash_end), OPEN_END)
            {
                hit.format.text(&bytes[year_end..word_end]);
                hit.end = word_end;
                hit.context = Some(super::DateContext::Range);
            }
            return Some(hit.checked());
        }
        let first_day = day(bytes, number_start)?;
        if first_day.val > 39 && !first_day.ordinal {
            // `Aug 96`: a two-digit year (of the last century: `May 50` is not a date).
            let (two_digits, year_end) = year2(bytes, number_start)?;
            if month.weak || separator.is_some() || two_digits < 70 {
                return None;
            }
            format.text(&bytes[month_end..number_start]).token(Token::Year2);
            let value = DateValue::YearMonth(expand_two_digit_year(two_digits), month.month);
            return Some(Hit::new(start, year_end, value, format).checked());
        }
        format
            .text(&bytes[month_end..number_start])
            .token(day_token(&first_day));
        let mut days_end = first_day.end;
        // A range of days in the month: `August 10 - 22, 2012`; not `August 10 - 22 September`.
        let mut last_day = None;
        if separator.is_none()
            && let Some(after_joiner) = range_joiner(bytes, first_day.end)
            && let Some(second_day) = day(bytes, after_joiner)
            && month_word(bytes, skip_ws(bytes, second_day.end)).is_none()
        {
            format
                .text(&bytes[first_day.end..after_joiner])
                .token(day_token(&second_day));
            days_end = second_day.end;
            last_day = Some(second_day);
        }
        if last_day.is_none()
            && separator.is_none()
            && let Some(hit) = self.ctime(start, &month, &first_day, format)
        {
            return Some(hit);
        }
        let mut end = days_end;
        let year = match year_after(bytes, days_end, separator) {
            Some(year) => {
                format.text(&bytes[days_end..year.digits]).token(year.token);
                end = year.end;
                Some(year.year)
            }
            None => None,
        };
        if (month.weak && year.is_none() && !first_day.ordinal) || !day_in_range(first_day.val, year) {
            return None;
        }
        if last_day.is_some_and(|last_day| !day_in_range(last_day.val, year)) {
            return None;
        }
        let last_day = last_day.map(|last_day| last_day.val);
        Some(day_hit(
            start..end,
            year,
            month.month,
            first_day.val,
            last_day,
            format,
        ))
    }

    /// ctime: `Oct 26 11:00:09 2023`, `Oct 26 11:00:09 EDT 2023` (the weekday is added by the caller).
    fn ctime(&self, start: usize, month: &MonthWord, day: &Day, mut format: FormatBuilder) -> Option<Hit> {
        let bytes = self.bytes;
        let clock_start = skip_hspace(bytes, day.end);
        if clock_start == day.end {
            return None;
        }
        let clock_end = hms(bytes, clock_start)?;
        format
            .text(&bytes[day.end..clock_start])
            .token(Token::Hour)
            .text(b":")
            .token(Token::Minute)
            .text(b":")
            .token(Token::Second);
        let mut year_start = skip_hspace(bytes, clock_end);
        if let Some(zone_end) = zone_name(bytes, year_start) {
            format
                .text(&bytes[clock_end..year_start])
                .bracketed(&bytes[year_start..zone_end]);
            let after_zone = skip_hspace(bytes, zone_end);
            format.text(&bytes[zone_end..after_zone]);
            year_start = after_zone;
        } else {
            format.text(&bytes[clock_end..year_start]);
        }
        let (year, year_end) = year4(bytes, year_start)?;
        format.token(Token::Year4);
        let value = DateValue::Date(year, month.month, day.val);
        Some(Hit::new(start, year_end, value, format).checked())
    }

    /// `March-June 2012`, `Jan – Mar 2020`, `March to June 2012`: one span, months of one year.
    fn month_range(&self, start: usize, first_month: &MonthWord) -> Option<Hit> {
        let bytes = self.bytes;
        let after_joiner = range_joiner(bytes, first_month.end)?;
        let last_month = month_word(bytes, after_joiner)?;
        let year = year_after(bytes, last_month.end, None)?;
        if first_month.weak
            || last_month.weak
            || year.token != Token::Year4
            || last_month.month <= first_month.month
        {
            return None;
        }
        let mut format = FormatBuilder::new();
        format
            .token(first_month.token())
            .text(first_month.period(bytes))
            .text(&bytes[first_month.end..after_joiner])
            .token(last_month.token())
            .text(last_month.period(bytes));
        format
            .text(&bytes[last_month.end..year.digits])
            .token(Token::Year4);
        let hit = Hit::new(
            start,
            year.end,
            DateValue::YearMonth(year.year, first_month.month),
            format,
        )
        .with_range_end(Some(DateValue::YearMonth(year.year, last_month.month)));
        Some(hit.checked())
    }
}

#[cfg(test)]
mod tests {
    use crate::dates::find_dates;

    /// The one date in `text`: its span, its value (with the range's end) and its format.
    fn one(text: &str) -> (String, String, String) {
        let found = find_dates(text, &[]);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        let date = &found[0];
        let end = date.range_end.map(|end| format!(" .. {end}")).unwrap_or_default();
        (
            text[date.range.clone()].to_string(),
            format!("{}{end}", date.value),
            date.format.to_string(),
        )
    }

    fn check(text: &str, span: &str, value: &str, format: &str) {
        let (found_span, found_value, found_format) = one(text);
        assert_eq!(
            (found_span.as_str(), found_value.as_str(), found_format.as_str()),
            (span, value, format),
            "{text}"
        );
    }

    #[test]
    fn month_first() {
        check(
            "on March 12, 2010 we",
            "March 12, 2010",
            "2010-03-12",
            "MMMM D, YYYY",
        );
        check("March 12 2010", "March 12 2010", "2010-03-12", "MMMM D YYYY");
        check(
            "Sept. 6th, 2016",
            "Sept. 6th, 2016",
            "2016-09-06",
            "MMM. Do, YYYY",
        );
        check("The Deadline is August 10", "August 10", "XXXX-08-10", "MMMM D");
        check("August-10-2012", "August-10-2012", "2012-08-10", "MMMM-D-YYYY");
        check("Aug 9, 96", "Aug 9, 96", "1996-08-09", "MMM D, YY");
        check("Sep 03 2014", "Sep 03 2014", "2014-09-03", "MMM DD YYYY");
    }

    #[test]
    fn month_year() {
        check("September 2012", "September 2012", "2012-09", "MMMM YYYY");
        check("Sep-2012", "Sep-2012", "2012-09", "MMM-YYYY");
        check("in June of 2022", "June of 2022", "2022-06", "MMMM of YYYY");
        check("Aug 96", "Aug 96", "1996-08", "MMM YY");
        check("(July 2017).", "July 2017", "2017-07", "MMMM YYYY");
        check(
            "June 2021 – present",
            "June 2021 – present",
            "2021-06",
            "MMMM YYYY – present",
        );
    }

    #[test]
    fn day_first() {
        check("10 August 2012", "10 August 2012", "2012-08-10", "D MMMM YYYY");
        check(
            "12th of July at 19:00",
            "12th of July",
            "XXXX-07-12",
            "Do of MMMM",
        );
        check(
            "12th day of December, 2001",
            "12th day of December, 2001",
            "2001-12-12",
            "Do day of MMMM, YYYY",
        );
        check("09-JAN-2017", "09-JAN-2017", "2017-01-09", "DD-MMM-YYYY");
        check("21-APR-16", "21-APR-16", "2016-04-21", "D-MMM-YY");
        check("SUN 15SEP", "SUN 15SEP", "XXXX-09-15", "ddd DMMM");
        check("22. April 2015", "22. April 2015", "2015-04-22", "D. MMMM YYYY");
        check("3 Aug 96", "3 Aug 96", "1996-08-03", "D MMM YY");
        check("5 May 12:00", "5 May", "XXXX-05-05", "D MMMM");
    }

    #[test]
    fn ranges() {
        check(
            "10 - 22 August 2012",
            "10 - 22 August 2012",
            "2012-08-10 .. 2012-08-22",
            "D - D MMMM YYYY",
        );
        check(
            "22-23 Feb at 7pm",
            "22-23 Feb",
            "XXXX-02-22 .. XXXX-02-23",
            "D-D MMM",
        );
        check(
            "August 10 to 22, 2012",
            "August 10 to 22, 2012",
            "2012-08-10 .. 2012-08-22",
            "MMMM D to D, YYYY",
        );
        check(
            "March–June 2012",
            "March–June 2012",
            "2012-03 .. 2012-06",
            "MMMM–MMMM YYYY",
        );
        let found = find_dates("17 August 2013 to 19 August 2013", &[]);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].context, crate::dates::DateContext::Range);
        assert_eq!(found[1].context, crate::dates::DateContext::Range);
    }

    #[test]
    fn web_log_stamp() {
        check(
            "06/Nov/2023:06:36:02 +0200",
            "06/Nov/2023:06:36:02 +0200",
            "2023-11-06",
            "DD/MMM/YYYY:HH:mm:ss Z",
        );
    }

    #[test]
    fn impossible_named_dates() {
        for text in [
            "February 29, 2014",
            "32 August 2014",
            "June 31, 2022",
            "August 32",
        ] {
            let found = find_dates(text, &[]);
            assert_eq!(found.len(), 1, "{text}");
            assert!(found[0].invalid.is_some(), "{text}");
        }
        assert!(find_dates("29 February", &[])[0].invalid.is_none());
    }

    #[test]
    fn not_named_dates() {
        for text in [
            "May the force be with you",
            "I may by here",
            "In January",
            "From May to December",
            "June 5 am utc",
            "24 October 10 o clock is a time",
            "mar 3",
            "dec 10 is a register",
        ] {
            let found = find_dates(text, &[]);
            assert!(
                found
                    .iter()
                    .all(|date| date.value.year().is_some() || text.starts_with("24")),
                "{text}: {found:?}"
            );
        }
        assert_eq!(one("24 October 10 o clock").1, "XXXX-10-24");
        assert!(find_dates("June 5 am utc", &[]).is_empty());
        assert!(find_dates("mar 3", &[]).is_empty());
    }
}
