//! Finds the dates written in a README's prose.
//!
//! [`find_dates`] makes one pass over the text. It looks only at candidate starts (digits,
//! words that can be months, weekdays or spelled ordinals, and `Q1`-`Q4`) and reads the date
//! grammar forward from there with hand-written matchers: no regular expressions, no
//! backtracking, and every look-ahead or look-behind is bounded, so the cost is linear in the
//! input. Rejected candidates allocate nothing; only found dates do.
//!
//! What is found:
//! - ISO dates, year-months and timestamps (`2019-03-04`, `2019-03`, `2019-03-04T10:00:00Z`);
//!   numeric dates with `/`, `.` or `-` in day-month-year, month-day-year and year-month-day
//!   order with 2- or 4-digit years, and `MM/YYYY`;
//! - month names and abbreviations with or without a period or comma, ordinal days (`12th of
//!   March, 2010`, `March 1st`, `May eighth`), leading weekdays, month-year both ways
//!   (`March 2010`, `2010 March`, `Mar-2012`), quarters (`Q3 2024`, `2024-Q3`), ctime and web-log
//!   stamps, and the date part of RFC 2822 stamps (`Wed, 20 May 2020`);
//! - ranges written as one span (`2018-2021`, `2012-present`, `10-22 August 2012`,
//!   `March–June 2012`) with [`FoundDate::range_end`];
//! - bare years only where the words around make them dates: copyright lines, ranges, after
//!   `since`, `in`, `as of`, `until`, `from`, ..., after labels (`Last updated: 2019`), citations
//!   (`(2019)`), and a year alone on its line.
//!
//! What is skipped: code spans and fenced code, HTML tags and comments, `<pre>`/`<code>`
//! blocks, URLs, autolinks and link destinations, plus the caller's `excluded` ranges; version
//! numbers and constraints, CalVer after a package name, IP addresses, phone numbers, sizes,
//! fractions, issue numbers, names carrying a year-like number (`ECMAScript 2018`, `RFC 2046`,
//! `draft 2020-12`), clock times, and relative expressions.
//!
//! Conventions:
//! - Values keep the granularity written; an impossible date (February 30, month 13, February 29
//!   of a common year, a written weekday that does not match the date) is still returned, with
//!   [`FoundDate::invalid`] saying why.
//! - An ambiguous numeric date is read month-first with `/` and `-` and day-first with `.` (a
//!   written weekday overrides); the other readings are in [`FoundDate::alternatives`]. Two-digit
//!   years 00-69 are 2000-2069, 70-99 are 1970-1999.
//! - A quarter's value is the year-month of its first month and its `range_end` the last month
//!   (`Q3 2024` is `2024-07` .. `2024-09`).
//! - Spans cover the date and the clock time only where the time is inside the written form (ISO
//!   `T` timestamps, ctime, web-server logs); `2019-03-04 10:00` and RFC 2822 stamps cover the
//!   date part. A soft line break (one LF or CRLF) may fall between the words of a date.
//! - Two dates joined by a dash, `to`, `through`, `until` or `between ... and` are each reported,
//!   with the range context; one span with a shared month or year (`10-22 August 2012`,
//!   `August 10 - 22, 2012`, `2018-2021`) is one date with `range_end`.

mod bare;
mod context;
pub mod example;
mod hit;
mod lexicon;
mod marks;
mod named;
mod numeric;
mod parts;
mod pattern;
mod policy;
mod scan;
mod skip;
mod spelled;
pub mod style;
mod text;
mod timestamp;
mod value;
mod weekday;
mod written;
mod years;

use std::ops::Range;

pub use pattern::{Pattern, PatternError, PatternItem, Token, format_date, parse_pattern};
pub use policy::{
    CopyrightFix, DateFormat, DateOrder, DatesConfig, DatesPolicy, parse_age, parse_format, parse_max_age,
};
pub use value::DateValue;
pub use written::WrittenFormat;

/// Where a date stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateContext {
    /// Prose.
    Plain,
    /// A copyright notice: `Copyright (c) 2019`, `© 2015–2023`.
    Copyright,
    /// A freshness note: `Last updated: ...`, `as of ...`, `updated on ...`.
    LastUpdated,
    /// A release line: `## 1.2.0 - 2021-03-04`, `Released on 3 May 2019`, `v3 (Apr 2019)`.
    Release,
    /// One end of a range: `2018-2021`, `17 August 2013 to 19 August 2013`.
    Range,
}

impl DateContext {
    /// Kebab-case name: `plain`, `copyright`, `last-updated`, `release`, `range`.
    pub fn as_str(&self) -> &'static str {
        match self {
            DateContext::Plain => "plain",
            DateContext::Copyright => "copyright",
            DateContext::LastUpdated => "last-updated",
            DateContext::Release => "release",
            DateContext::Range => "range",
        }
    }
}

/// A date found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundDate {
    /// Byte range in the input (on char boundaries).
    pub range: Range<usize>,
    /// The value at the granularity written.
    pub value: DateValue,
    /// The other end when the span is a range (`2018-2021`); `None` for an open range
    /// (`2012-present`) and single dates.
    pub range_end: Option<DateValue>,
    /// How the date is written: `MMMM D, YYYY`, `DD/MM/YYYY`.
    pub format: WrittenFormat,
    /// Other readings of an ambiguous numeric date (`01/02/2020`).
    pub alternatives: Vec<DateValue>,
    /// Why the date cannot exist, e.g. `February 2021 has 28 days`.
    pub invalid: Option<String>,
    /// Where the date stands.
    pub context: DateContext,
}

/// Finds every date in `text`, sorted and non-overlapping.
///
/// `excluded` are sorted byte ranges the caller knows are not prose (code, URLs, HTML); no date
/// is reported inside or across them. Code spans, HTML and URLs are also recognised here.
pub fn find_dates(text: &str, excluded: &[Range<usize>]) -> Vec<FoundDate> {
    scan::scan(text, excluded)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Vec<&str> {
        find_dates(text, &[])
            .into_iter()
            .map(|date| &text[date.range])
            .collect()
    }

    #[test]
    fn readme_lines() {
        assert_eq!(spans("## 1.2.0 - 2021-03-04"), ["2021-03-04"]);
        assert_eq!(
            find_dates("## 1.2.0 - 2021-03-04", &[])[0].context,
            DateContext::Release
        );
        assert_eq!(spans("Released on 3 May 2019."), ["3 May 2019"]);
        assert_eq!(spans("© 2015–2023 Foo Inc."), ["2015–2023"]);
        assert_eq!(spans("Copyright (c) 2012-present Foo"), ["2012-present"]);
        assert_eq!(
            spans(" * Last updated: Wed, 20 May 2020 21:21:41 GMT"),
            ["Wed, 20 May 2020"]
        );
        assert_eq!(
            find_dates("Last updated: Wed, 20 May 2020", &[])[0].context,
            DateContext::LastUpdated
        );
        assert_eq!(spans("as of December 31, 2017"), ["December 31, 2017"]);
        assert_eq!(spans("hasn't been maintained since 2018."), ["2018"]);
    }

    #[test]
    fn never_dates() {
        for text in [
            "as of v2.0",
            "Node >= 14",
            "Python 3.10",
            "8.8.8.8",
            "1920x1080",
            "50/50",
            "24/7",
            "2FA",
            "meet at 10:30",
            "iOS 17",
            "Windows 10",
            "2x faster",
            "top 10",
            "Ubuntu 22.04",
            "2020 users",
            "see #2019",
            "0x2019",
            "ES2015",
            "RFC 2046 and ISO 8601",
            "`2019-01-01`",
            "<img alt=\"2019-01-01\">",
            "https://example.com/2019/01/01/post",
            "<https://example.com/2019-01-01>",
            "[post](blog/2019-01-01-post.md)",
            "yesterday and next week",
            "regex 2019.02.19",
            "version 2019-01-01",
            "call +1 (555) 123-4567",
            "it is 10/11",
            "size: 1024-2048",
        ] {
            assert!(spans(text).is_empty(), "{text}: {:?}", find_dates(text, &[]));
        }
    }

    #[test]
    fn soft_line_breaks() {
        assert_eq!(spans("on March\n12, 2010 we"), ["March\n12, 2010"]);
        assert_eq!(spans("on March\r\n12, 2010 we"), ["March\r\n12, 2010"]);
        assert_eq!(
            find_dates("on March\r\n12, 2010", &[])[0].format.to_string(),
            "MMMM D, YYYY"
        );
        assert_eq!(
            spans("March\n\n12, 2010"),
            ["2010"].iter().take(0).copied().collect::<Vec<_>>()
        );
    }

    #[test]
    fn excluded_ranges() {
        let text = "on 2019-01-01 and 2020-02-02";
        let code = vec![Range { start: 3, end: 13 }];
        assert_eq!(find_dates(text, &code).len(), 1);
        let inside = vec![Range { start: 5, end: 6 }, Range { start: 30, end: 31 }];
        assert_eq!(find_dates(text, &inside).len(), 1);
        let both = vec![Range { start: 0, end: 2 }, Range { start: 20, end: 21 }];
        assert!(find_dates(text, &both).len() == 1 && find_dates(text, &both)[0].range == (3..13));
    }

    #[test]
    fn non_ascii_offsets() {
        let text = "Le 3 mai — publié le 12 août 2019, mis à jour le 2020-01-02 ✓";
        let found = find_dates(text, &[]);
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].range.clone()], "2020-01-02");
    }

    #[test]
    fn context_names() {
        assert_eq!(DateContext::LastUpdated.as_str(), "last-updated");
        assert_eq!(DateContext::Copyright.as_str(), "copyright");
    }

    /// A small deterministic generator (xorshift) of strings mixing digits, month names,
    /// separators and non-ASCII text.
    struct TextGenerator(u64);

    impl TextGenerator {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }

        fn pick<'a>(&mut self, choices: &[&'a str]) -> &'a str {
            choices[(self.next() % choices.len() as u64) as usize]
        }

        fn text(&mut self) -> String {
            const PIECES: &[&str] = &[
                "2019",
                "12",
                "3",
                "31",
                "1999",
                "07",
                "March",
                "Sept.",
                "may",
                "Mon",
                "Q3",
                "1st",
                "twenty-",
                "fourth",
                "of",
                "since",
                "in",
                "©",
                "(c)",
                "Copyright",
                " ",
                " ",
                "\n",
                "\r\n",
                "-",
                "–",
                "/",
                ".",
                ",",
                ":",
                "T",
                "Z",
                "+",
                "`",
                "<",
                ">",
                "(",
                ")",
                "[",
                "]",
                "é",
                "日本",
                "ß",
                "—",
                "\u{a0}",
                "present",
                "to",
                "at",
                "10:30",
                "#",
                "x",
                "v",
                "https://",
                "www.",
                "<!--",
                "```",
                "pm",
                "th",
            ];
            let count = (self.next() % 40) as usize;
            (0..count).map(|_| self.pick(PIECES)).collect()
        }
    }

    #[test]
    fn spans_are_sorted_disjoint_and_on_char_boundaries() {
        let mut generator = TextGenerator(0x9E37_79B9_7F4A_7C15);
        for _ in 0..20_000 {
            let text = generator.text();
            let found = find_dates(&text, &[]);
            let mut prev_end = 0;
            for date in &found {
                assert!(
                    date.range.start < date.range.end && date.range.end <= text.len(),
                    "{text:?} {date:?}"
                );
                assert!(date.range.start >= prev_end, "overlap in {text:?}: {found:?}");
                assert!(
                    text.is_char_boundary(date.range.start) && text.is_char_boundary(date.range.end),
                    "{text:?} {date:?}"
                );
                assert_eq!(
                    date.format.pattern(),
                    parse_pattern(&date.format.to_string()).ok(),
                    "{text:?} {date:?}"
                );
                assert!(date.format.pattern().is_some(), "{text:?} {date:?}");
                prev_end = date.range.end;
            }
        }
    }

    #[test]
    fn long_lines_stay_linear() {
        let line: String = "1/2/3 2019-2020 May 5 `x <a 12th of ".repeat(20_000);
        let start = std::time::Instant::now();
        let _ = find_dates(&line, &[]);
        assert!(start.elapsed().as_secs() < 5);
    }
}
