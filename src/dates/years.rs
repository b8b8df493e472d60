//! Dates led by a four-digit year: ISO dates and timestamps, year-months, `2024 Aug`,
//! `2012/Aug/10`, quarters and year ranges (`2018-2021`, `2015–2023`, `2012-present`); a year
//! alone is left to the bare-year rules.
//!
//! Quarters are given as the year-month of their first month with `range_end` the last month:
//! `Q3 2024` is `2024-07` .. `2024-09`.

use super::DateContext;
use super::bare::{BARE_YEARS, follower_ok};
use super::context::{dotted_ok, name_before};
use super::hit::{FormatBuilder, Hit};
use super::parts::{day, month_word, word_in};
use super::pattern::Token;
use super::scan::Scanner;
use super::text::{Num, Tok, at, dash, glued_after, is_alpha_at, is_digit_at, next_tok, number, skip_hspace};
use super::timestamp::iso_time;
use super::value::DateValue;

impl Scanner<'_> {
    /// A date led by the four-digit number `year` at `start`.
    pub(crate) fn year_led(&self, start: usize, year: Num) -> Option<Hit> {
        let bytes = self.bytes;
        if !(1000..=2999).contains(&year.val) || name_before(bytes, start) {
            return None;
        }
        let year_end = year.end;
        let next = at(bytes, year_end);
        if matches!(next, b'-' | b'/' | b'.') && is_digit_at(bytes, year_end + 1) {
            return self.year_numeric(start, year, next);
        }
        if matches!(next, b'-' | b'/') && is_alpha_at(bytes, year_end + 1) {
            return self.year_word(start, year, year_end + 1);
        }
        let after_space = skip_hspace(bytes, year_end);
        if let Some(dash_end) = dash(bytes, after_space)
            && let Some(hit) = self.year_range(start, year, dash_end)
        {
            return Some(hit);
        }
        if after_space > year_end && is_alpha_at(bytes, after_space) {
            if let Some(hit) = self.year_word(start, year, after_space) {
                return Some(hit);
            }
        } else if after_space > year_end
            && is_digit_at(bytes, after_space)
            && let Some(hit) = self.year_space_month_day(start, year, after_space)
        {
            return Some(hit);
        }
        self.bare_year(start, year)
    }

    /// `2015-05-25`, `2012/8/10`, `2015.05.25`, ISO timestamps, `2020-03`, `2018-2021`, `2019-20`.
    fn year_numeric(&self, start: usize, year: Num, separator: u8) -> Option<Hit> {
        let bytes = self.bytes;
        let second = number(bytes, year.end + 1)?;
        let year_value = year.val as i32;
        let mut format = FormatBuilder::new();
        format.token(Token::Year4).text(&[separator]);
        match second.len() {
            4 if separator == b'-' => {
                return self.year_range(start, year, year.end + 1);
            }
            1 | 2 => {}
            _ => return None,
        }
        format.token(if second.len() == 2 {
            Token::Month2
        } else {
            Token::Month1
        });
        if at(bytes, second.end) == separator && is_digit_at(bytes, second.end + 1) {
            let third = number(bytes, second.end + 1)?;
            if third.len() > 2 || (separator == b'.' && !dotted_ok(bytes, start)) {
                return None;
            }
            format.text(&[separator]).token(if third.len() == 2 {
                Token::Day2
            } else {
                Token::Day1
            });
            let value = DateValue::Date(year_value, second.val as u8, third.val as u8);
            let mut end = third.end;
            if separator == b'-'
                && let Some(time_end) = iso_time(bytes, third.end, &mut format)
            {
                end = time_end;
            }
            if separator == b'-'
                && let Some(hit) = self.iso_interval(start, end, value, format)
            {
                return Some(hit);
            }
            if end == third.end && glued_after(bytes, third.end) {
                return None;
            }
            let hit = Hit::new(start, end, value, format).checked();
            // A dotted triple that is not a calendar date is a version number.
            return (separator != b'.' || hit.invalid.is_none()).then_some(hit);
        }
        if glued_after(bytes, second.end) || separator == b'.' || second.len() != 2 {
            return None;
        }
        if (1..=12).contains(&second.val) {
            return Some(
                Hit::new(
                    start,
                    second.end,
                    DateValue::YearMonth(year_value, second.val as u8),
                    format,
                )
                .checked(),
            );
        }
        // `2019-20`: an academic or fiscal year range.
        if separator == b'-' && second.val > year.val % 100 && BARE_YEARS.contains(&year.val) {
            let mut format = FormatBuilder::new();
            format.token(Token::Year4).text(b"-").token(Token::Year2);
            let end_year = year_value - year_value % 100 + second.val as i32;
            let hit = Hit::new(start, second.end, DateValue::Year(year_value), format);
            return Some(hit.with_range_end(Some(DateValue::Year(end_year))));
        }
        None
    }

    /// An ISO 8601 interval `2019-01-01/2019-12-31`: one span, the second date its end.
    fn iso_interval(
        &self,
        start: usize,
        end: usize,
        value: DateValue,
        mut format: FormatBuilder,
    ) -> Option<Hit> {
        let bytes = self.bytes;
        if at(bytes, end) != b'/' {
            return None;
        }
        let year = number(bytes, end + 1).filter(|year| year.len() == 4)?;
        if at(bytes, year.end) != b'-' {
            return None;
        }
        let open = self.intervals_open.get();
        if open >= super::scan::MAX_CHAINED_INTERVALS {
            return None;
        }
        self.intervals_open.set(open + 1);
        let second = self.year_numeric(end + 1, year, b'-');
        self.intervals_open.set(open);
        let second = second.filter(|second| second.value.has_day())?;
        format.text(b"/").append(&second.format);
        Some(
            Hit::new(start, second.end, value, format)
                .with_range_end(Some(second.value))
                .checked(),
        )
    }

    /// A word after the year: `2024 August`, `2024-Aug`, `2012/Aug/10`, `2018 March 18`,
    /// `2024-Q3`, `2012-present`.
    fn year_word(&self, start: usize, year: Num, word_start: usize) -> Option<Hit> {
        let bytes = self.bytes;
        let year_value = year.val as i32;
        let mut format = FormatBuilder::new();
        format.token(Token::Year4).text(&bytes[year.end..word_start]);
        if let Some(hit) = self.quarter_after_year(start, year_value, word_start, format) {
            return Some(hit);
        }
        if at(bytes, year.end) == b'-' && word_in(bytes, word_start, OPEN_END).is_some() {
            return self.year_range(start, year, year.end + 1);
        }
        let month = month_word(bytes, word_start)?;
        format.token(month.token()).text(month.period(bytes));
        let separator = at(bytes, year.end);
        // A day after the month: with the same separator, or after a space.
        let day_start = if matches!(separator, b'-' | b'/') && at(bytes, month.end) == separator {
            Some(month.end + 1)
        } else if !matches!(separator, b'-' | b'/') {
            Some(skip_hspace(bytes, month.end)).filter(|&day_start| day_start > month.end)
        } else {
            None
        };
        if let Some(day_start) = day_start
            && let Some(written_day) = day(bytes, day_start)
            && !written_day.ordinal
            && !glued_after(bytes, written_day.end)
            && !matches!(next_tok(bytes, written_day.end), Tok::Num(..))
        {
            let day_token = if written_day.digits == 2 && written_day.val < 10 {
                Token::Day2
            } else {
                Token::Day1
            };
            format.text(&bytes[month.end..day_start]).token(day_token);
            let value = DateValue::Date(year_value, month.month, written_day.val);
            return Some(Hit::new(start, written_day.end, value, format).checked());
        }
        if month.weak || glued_after(bytes, month.end) {
            return None;
        }
        Some(
            Hit::new(
                start,
                month.end,
                DateValue::YearMonth(year_value, month.month),
                format,
            )
            .checked(),
        )
    }

    /// `2014 12 28`: a year, two-digit month and day separated by spaces (nothing more after).
    fn year_space_month_day(&self, start: usize, year: Num, month_start: usize) -> Option<Hit> {
        let bytes = self.bytes;
        let month_digits = number(bytes, month_start)?;
        if month_digits.len() != 2 || at(bytes, month_digits.end) != b' ' {
            return None;
        }
        let day_digits = number(bytes, month_digits.end + 1)?;
        if day_digits.len() != 2
            || glued_after(bytes, day_digits.end)
            || matches!(next_tok(bytes, day_digits.end), Tok::Num(..))
        {
            return None;
        }
        let value = DateValue::Date(year.val as i32, month_digits.val as u8, day_digits.val as u8);
        if super::value::check_value(&value).is_some() {
            return None;
        }
        let mut format = FormatBuilder::new();
        format
            .token(Token::Year4)
            .text(b" ")
            .token(Token::Month2)
            .text(b" ")
            .token(Token::Day2);
        Some(Hit::new(start, day_digits.end, value, format))
    }

    /// A year range after the dash ending at `de`: `2018-2021`, `2010 - 2016`, `2015–2023`,
    /// `2012-present`.
    fn year_range(&self, start: usize, year: Num, dash_end: usize) -> Option<Hit> {
        let bytes = self.bytes;
        if !BARE_YEARS.contains(&year.val) {
            return None;
        }
        let second_start = skip_hspace(bytes, dash_end);
        let mut format = FormatBuilder::new();
        format.token(Token::Year4).text(&bytes[year.end..second_start]);
        let (end, range_end) = if let Some(second) = number(bytes, second_start) {
            // Not earlier, not past 2099, at most 150 years on: `1000-9999` is no range of years.
            if second.len() != 4
                || second.val < year.val
                || second.val > 2099
                || second.val - year.val > 150
                || glued_after(bytes, second.end)
            {
                return None;
            }
            format.token(Token::Year4);
            (second.end, Some(DateValue::Year(second.val as i32)))
        } else {
            let word_end = word_in(bytes, second_start, OPEN_END)?;
            format.text(&bytes[second_start..word_end]);
            (word_end, None)
        };
        if !follower_ok(bytes, end) && !self.marks_at(start).copyright(start) {
            return None;
        }
        let hit = Hit::new(start, end, DateValue::Year(year.val as i32), format).with_range_end(range_end);
        Some(hit.with_context(DateContext::Range))
    }

    /// `2024-Q3`, `2024 Q3` (the year part is already in `format`).
    fn quarter_after_year(
        &self,
        start: usize,
        year: i32,
        quarter_start: usize,
        mut format: FormatBuilder,
    ) -> Option<Hit> {
        let bytes = self.bytes;
        let quarter = quarter_digit(bytes, quarter_start)?;
        // `Q` is a token letter: as text it is written `[Q]`.
        format.text(b"Q").token(Token::Quarter);
        Some(quarter_hit(start, quarter_start + 2, year, quarter, format))
    }

    /// `Q3 2024`, `Q3/2024`, `Q3-2024`, `Q3, 2024`.
    pub(crate) fn quarter_led(&self, start: usize) -> Option<Hit> {
        let bytes = self.bytes;
        let quarter = quarter_digit(bytes, start)?;
        let mut after_separator = start + 2;
        if matches!(at(bytes, after_separator), b'-' | b'/' | b',') {
            after_separator += 1;
        }
        let year_start = skip_hspace(bytes, after_separator);
        if year_start == start + 2 {
            return None;
        }
        let year = number(bytes, year_start)?;
        if year.len() != 4 || !BARE_YEARS.contains(&year.val) || glued_after(bytes, year.end) {
            return None;
        }
        let mut format = FormatBuilder::new();
        format
            .text(b"Q")
            .token(Token::Quarter)
            .text(&bytes[start + 2..year_start])
            .token(Token::Year4);
        Some(quarter_hit(start, year.end, year.val as i32, quarter, format))
    }
}

/// Words that close an open range: `2012-present`.
pub(crate) const OPEN_END: &[&[u8]] = &[b"present", b"now", b"today", b"current", b"date"];

/// `Q1`..`Q4` at `start` (capital Q, not part of a longer word); returns the quarter.
fn quarter_digit(bytes: &[u8], start: usize) -> Option<u8> {
    let digit = at(bytes, start + 1);
    (at(bytes, start) == b'Q'
        && (b'1'..=b'4').contains(&digit)
        && !at(bytes, start + 2).is_ascii_alphanumeric())
    .then(|| digit - b'0')
}

fn quarter_hit(start: usize, end: usize, year: i32, quarter: u8, format: FormatBuilder) -> Hit {
    let mut hit = Hit::new(start, end, DateValue::YearMonth(year, 3 * quarter - 2), format);
    hit.range_end = Some(DateValue::YearMonth(year, 3 * quarter));
    hit
}

#[cfg(test)]
mod tests {
    use crate::dates::{DateContext, find_dates};

    fn values(text: &str) -> Vec<String> {
        find_dates(text, &[])
            .iter()
            .map(|date| {
                let end = date.range_end.map(|end| format!("..{end}")).unwrap_or_default();
                format!("{}={}{end}", &text[date.range.clone()], date.value)
            })
            .collect()
    }

    #[test]
    fn iso_forms() {
        assert_eq!(
            values("2019-01-01/2019-12-31"),
            ["2019-01-01/2019-12-31=2019-01-01..2019-12-31"]
        );
        assert_eq!(
            find_dates("2019-01-01/2019-12-31", &[])[0].format.to_string(),
            "YYYY-MM-DD/YYYY-MM-DD"
        );
        assert_eq!(values("on 2014-04-18 13:00"), ["2014-04-18=2014-04-18"]);
        assert_eq!(
            values("1994-11-05T08:15:30-05:30"),
            ["1994-11-05T08:15:30-05:30=1994-11-05"]
        );
        assert_eq!(
            values("2017-02-03T09:04:08,00123Z"),
            ["2017-02-03T09:04:08,00123Z=2017-02-03"]
        );
        assert_eq!(
            values("Let's finish this before 2013-2-7."),
            ["2013-2-7=2013-02-07"]
        );
        assert_eq!(values("2012/8/10"), ["2012/8/10=2012-08-10"]);
        assert_eq!(values("released 2020-03"), ["2020-03=2020-03"]);
        let found = find_dates("2015-05-25T10:00:00Z", &[]);
        assert_eq!(found[0].format.to_string(), "YYYY-MM-DD[T]HH:mm:ssZ");
    }

    #[test]
    fn year_and_month_name() {
        assert_eq!(values("2024 Aug"), ["2024 Aug=2024-08"]);
        assert_eq!(values("2024-August"), ["2024-August=2024-08"]);
        assert_eq!(values("2012/Aug/10"), ["2012/Aug/10=2012-08-10"]);
        assert_eq!(
            values("The Deadline is 2018 March 18"),
            ["2018 March 18=2018-03-18"]
        );
        assert_eq!(values("2014 12 28"), ["2014 12 28=2014-12-28"]);
    }

    #[test]
    fn quarters() {
        assert_eq!(values("in Q3 2024 we"), ["Q3 2024=2024-07..2024-09"]);
        assert_eq!(values("2024-Q1"), ["2024-Q1=2024-01..2024-03"]);
        assert_eq!(find_dates("Q3 2024", &[])[0].format.to_string(), "[Q]Q YYYY");
    }

    #[test]
    fn year_ranges_and_copyright() {
        assert_eq!(values("© 2015–2023 Foo Inc."), ["2015–2023=2015..2023"]);
        let found = find_dates("Copyright (c) 2012-present Foo", &[]);
        assert_eq!(found[0].context, DateContext::Copyright);
        assert_eq!(found[0].format.to_string(), "YYYY-present");
        assert_eq!(found[0].range_end, None);
        assert_eq!(values("Copyright 2019, 2020 Foo"), ["2019=2019", "2020=2020"]);
        assert!(
            find_dates("Copyright 2019, 2020 Foo", &[])
                .iter()
                .all(|date| date.context == DateContext::Copyright)
        );
        assert_eq!(values("2019 to 2020"), ["2019=2019", "2020=2020"]);
        assert_eq!(values("the 2019-20 season"), ["2019-20=2019..2020"]);
    }

    #[test]
    fn not_bare_years() {
        for text in [
            "2020 users",
            "in 2020 users",
            "ECMAScript 2018",
            "edition 2021",
            "RFC 2046",
            "ISO 8601",
            "draft 2020-12",
            "issue #2019",
            "Windows 2000",
            "Visual Studio 2019",
            "delay(2000)",
            "ports 2000-2048",
            "1000-2000 users",
            "regex 2019.02.19",
            "pip >= 2019.1",
            "a 1920x1080 screen",
            "Adobe RGB (1998) profile is",
        ] {
            assert!(
                values(text).is_empty() || text.contains("(1998)"),
                "{text}: {:?}",
                values(text)
            );
        }
    }
}

#[cfg(test)]
mod chain_tests {
    use crate::dates::find_dates;

    #[test]
    fn a_short_chain_of_intervals_is_one_span_and_a_long_one_ends_without_overflow() {
        let chain = |count: usize| vec!["2020-01-01"; count].join("/");
        let short = chain(3);
        let found = find_dates(&short, &[]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].range, 0..short.len());
        // Thousands of chained dates once overflowed the stack of the thread reading them.
        let long = std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(move || find_dates(&chain(20_000), &[]).len())
            .unwrap()
            .join()
            .unwrap();
        assert_eq!(long, 0);
    }
}
