//! A weekday written before a date: `Sunday, March 6, 2016`, `Fri, 12 Dec 2014`,
//! `Tuesday 11/3/2015`. The weekday is checked against the date.

use super::hit::{FormatBuilder, Hit};
use super::pattern::Token;
use super::scan::Scanner;
use super::text::{at, glued_before, is_digit_at, skip_ws, word_end};
use super::value::{DateValue, Invalid, weekday};

impl Scanner<'_> {
    /// A weekday before a date with a day: `Sunday, March 6, 2016`, `Fri, 12 Dec 2014`,
    /// `Tuesday 11/3/2015`, `Thu 2020-11-05`, `SUN 15SEP`. The weekday picks between the
    /// readings of an ambiguous numeric date, and a weekday that does not match makes the date
    /// invalid. `written` is the weekday's number (0 = Monday).
    pub(crate) fn weekday_led(&self, start: usize, written: u8, abbr: bool) -> Option<Hit> {
        let bytes = self.bytes;
        if glued_before(bytes, start) {
            return None;
        }
        let name_end = word_end(bytes, start);
        let mut punct_end = name_end;
        if at(bytes, punct_end) == b'.' {
            punct_end += 1;
        }
        if at(bytes, punct_end) == b',' {
            punct_end += 1;
        }
        let date_start = skip_ws(bytes, punct_end);
        if date_start == punct_end {
            return None;
        }
        let date = if is_digit_at(bytes, date_start) {
            self.digit_led(date_start, true)?
        } else {
            self.month_led(date_start)?
        };
        if date.start != date_start || !date.value.has_day() {
            return None;
        }
        let mut format = FormatBuilder::new();
        format
            .token(if abbr {
                Token::WeekdayAbbr
            } else {
                Token::WeekdayName
            })
            .text(&bytes[name_end..date_start])
            .append(&date.format);
        let mut hit = date;
        hit.start = start;
        hit.format = format;
        // A written weekday rules out the readings it does not match.
        let matches_weekday = |value: &DateValue| match *value {
            DateValue::Date(year, month, day) => weekday(year, month, day) == Some(written),
            _ => false,
        };
        if matches_weekday(&hit.value) {
            for alternative in &mut hit.alts {
                if alternative.as_ref().is_some_and(|value| !matches_weekday(value)) {
                    *alternative = None;
                }
            }
        }
        if let DateValue::Date(year, month, day) = hit.value
            && let Some(actual) = weekday(year, month, day)
            && actual != written
        {
            let matching = hit.alts.iter().flatten().copied().find(matches_weekday);
            match matching {
                Some(value) => {
                    // The weekday settles the reading: day and month swap, in the value and in
                    // the written format, and the date is no longer ambiguous.
                    hit.alts = [None, None];
                    hit.value = value;
                    hit.format = hit.format.with_day_and_month_swapped();
                }
                None if hit.invalid.is_none() => hit.invalid = Some(Invalid::Weekday { written, actual }),
                None => {}
            }
        }
        Some(hit)
    }
}

#[cfg(test)]
mod tests {
    use crate::dates::{DateValue, find_dates};

    fn check(text: &str, span: &str, value: &str, format: &str) {
        let found = find_dates(text, &[]);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        let date = &found[0];
        let found_value = date.value.to_string();
        assert_eq!(
            (
                &text[date.range.clone()],
                found_value.as_str(),
                date.format.to_string().as_str()
            ),
            (span, value, format),
            "{text}"
        );
    }

    #[test]
    fn weekdays() {
        check(
            "Sun., March 6, 2016",
            "Sun., March 6, 2016",
            "2016-03-06",
            "ddd., MMMM D, YYYY",
        );
        check(
            "Fri, 12 Dec 2014 10:55:50",
            "Fri, 12 Dec 2014",
            "2014-12-12",
            "ddd, D MMM YYYY",
        );
        check(
            "Thu Oct 26 11:00:09 EDT 2023",
            "Thu Oct 26 11:00:09 EDT 2023",
            "2023-10-26",
            "ddd MMM D HH:mm:ss [EDT] YYYY",
        );
        check("This Tuesday March 2015", "March 2015", "2015-03", "MMMM YYYY");
        let found = find_dates("Tuesday 11/3/2015", &[]);
        assert_eq!(found[0].value, DateValue::Date(2015, 11, 3));
        let found = find_dates("Monday, 1 January 2019", &[]);
        assert_eq!(
            found[0].invalid.as_deref(),
            Some("the date is a Tuesday, not a Monday")
        );
    }
}
