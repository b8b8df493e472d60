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
    /// A date led by the four-digit number `y` at `p`.
    pub(crate) fn year_led(&self, p: usize, y: Num) -> Option<Hit> {
        let b = self.b;
        if !(1000..=2999).contains(&y.val) || name_before(b, p) {
            return None;
        }
        let q = y.end;
        let c = at(b, q);
        if matches!(c, b'-' | b'/' | b'.') && is_digit_at(b, q + 1) {
            return self.year_numeric(p, y, c);
        }
        if matches!(c, b'-' | b'/') && is_alpha_at(b, q + 1) {
            return self.year_word(p, y, q + 1);
        }
        let r = skip_hspace(b, q);
        if let Some(de) = dash(b, r)
            && let Some(h) = self.year_range(p, y, de)
        {
            return Some(h);
        }
        if r > q && is_alpha_at(b, r) {
            if let Some(h) = self.year_word(p, y, r) {
                return Some(h);
            }
        } else if r > q
            && is_digit_at(b, r)
            && let Some(h) = self.year_space_month_day(p, y, r)
        {
            return Some(h);
        }
        self.bare_year(p, y)
    }

    /// `2015-05-25`, `2012/8/10`, `2015.05.25`, ISO timestamps, `2020-03`, `2018-2021`, `2019-20`.
    fn year_numeric(&self, p: usize, y: Num, sep: u8) -> Option<Hit> {
        let b = self.b;
        let n2 = number(b, y.end + 1)?;
        let yv = y.val as i32;
        let mut f = FormatBuilder::new();
        f.token(Token::Year4).text(&[sep]);
        match n2.len() {
            4 if sep == b'-' => {
                return self.year_range(p, y, y.end + 1);
            }
            1 | 2 => {}
            _ => return None,
        }
        f.token(if n2.len() == 2 {
            Token::Month2
        } else {
            Token::Month1
        });
        if at(b, n2.end) == sep && is_digit_at(b, n2.end + 1) {
            let n3 = number(b, n2.end + 1)?;
            if n3.len() > 2 || (sep == b'.' && !dotted_ok(b, p)) {
                return None;
            }
            f.text(&[sep])
                .token(if n3.len() == 2 { Token::Day2 } else { Token::Day1 });
            let value = DateValue::Date(yv, n2.val as u8, n3.val as u8);
            let mut end = n3.end;
            if sep == b'-'
                && let Some(e) = iso_time(b, n3.end, &mut f)
            {
                end = e;
            }
            if sep == b'-'
                && let Some(h) = self.iso_interval(p, end, value, f)
            {
                return Some(h);
            }
            if end == n3.end && glued_after(b, n3.end) {
                return None;
            }
            let h = Hit::new(p, end, value, f).checked();
            // A dotted triple that is not a calendar date is a version number.
            return (sep != b'.' || h.invalid.is_none()).then_some(h);
        }
        if glued_after(b, n2.end) || sep == b'.' || n2.len() != 2 {
            return None;
        }
        if (1..=12).contains(&n2.val) {
            return Some(Hit::new(p, n2.end, DateValue::YearMonth(yv, n2.val as u8), f).checked());
        }
        // `2019-20`: an academic or fiscal year range.
        if sep == b'-' && n2.val > y.val % 100 && BARE_YEARS.contains(&y.val) {
            let mut f = FormatBuilder::new();
            f.token(Token::Year4).text(b"-").token(Token::Year2);
            let end_year = yv - yv % 100 + n2.val as i32;
            let h = Hit::new(p, n2.end, DateValue::Year(yv), f);
            return Some(h.with_range_end(Some(DateValue::Year(end_year))));
        }
        None
    }

    /// An ISO 8601 interval `2019-01-01/2019-12-31`: one span, the second date its end.
    fn iso_interval(&self, p: usize, end: usize, value: DateValue, mut f: FormatBuilder) -> Option<Hit> {
        let b = self.b;
        if at(b, end) != b'/' {
            return None;
        }
        let n = number(b, end + 1).filter(|n| n.len() == 4)?;
        if at(b, n.end) != b'-' {
            return None;
        }
        let second = self
            .year_numeric(end + 1, n, b'-')
            .filter(|h| h.value.has_day())?;
        f.text(b"/").append(&second.format);
        Some(
            Hit::new(p, second.end, value, f)
                .with_range_end(Some(second.value))
                .checked(),
        )
    }

    /// A word after the year: `2024 August`, `2024-Aug`, `2012/Aug/10`, `2018 March 18`,
    /// `2024-Q3`, `2012-present`.
    fn year_word(&self, p: usize, y: Num, r: usize) -> Option<Hit> {
        let b = self.b;
        let yv = y.val as i32;
        let mut f = FormatBuilder::new();
        f.token(Token::Year4).text(&b[y.end..r]);
        if let Some(h) = self.quarter_after_year(p, yv, r, f) {
            return Some(h);
        }
        if at(b, y.end) == b'-' && word_in(b, r, OPEN_END).is_some() {
            return self.year_range(p, y, y.end + 1);
        }
        let mw = month_word(b, r)?;
        f.token(mw.token()).text(mw.period(b));
        let sep = at(b, y.end);
        // A day after the month: with the same separator, or after a space.
        let ds = if matches!(sep, b'-' | b'/') && at(b, mw.end) == sep {
            Some(mw.end + 1)
        } else if !matches!(sep, b'-' | b'/') {
            Some(skip_hspace(b, mw.end)).filter(|&t| t > mw.end)
        } else {
            None
        };
        if let Some(t) = ds
            && let Some(d) = day(b, t)
            && !d.ordinal
            && !glued_after(b, d.end)
            && !matches!(next_tok(b, d.end), Tok::Num(..))
        {
            f.text(&b[mw.end..t]).token(if d.digits == 2 && d.val < 10 {
                Token::Day2
            } else {
                Token::Day1
            });
            return Some(Hit::new(p, d.end, DateValue::Date(yv, mw.month, d.val), f).checked());
        }
        if mw.weak || glued_after(b, mw.end) {
            return None;
        }
        Some(Hit::new(p, mw.end, DateValue::YearMonth(yv, mw.month), f).checked())
    }

    /// `2014 12 28`: a year, two-digit month and day separated by spaces (nothing more after).
    fn year_space_month_day(&self, p: usize, y: Num, r: usize) -> Option<Hit> {
        let b = self.b;
        let m = number(b, r)?;
        if m.len() != 2 || at(b, m.end) != b' ' {
            return None;
        }
        let d = number(b, m.end + 1)?;
        if d.len() != 2 || glued_after(b, d.end) || matches!(next_tok(b, d.end), Tok::Num(..)) {
            return None;
        }
        let v = DateValue::Date(y.val as i32, m.val as u8, d.val as u8);
        if super::value::check_value(&v).is_some() {
            return None;
        }
        let mut f = FormatBuilder::new();
        f.token(Token::Year4)
            .text(b" ")
            .token(Token::Month2)
            .text(b" ")
            .token(Token::Day2);
        Some(Hit::new(p, d.end, v, f))
    }

    /// A year range after the dash ending at `de`: `2018-2021`, `2010 - 2016`, `2015–2023`,
    /// `2012-present`.
    fn year_range(&self, p: usize, y: Num, de: usize) -> Option<Hit> {
        let b = self.b;
        if !BARE_YEARS.contains(&y.val) {
            return None;
        }
        let t = skip_hspace(b, de);
        let mut f = FormatBuilder::new();
        f.token(Token::Year4).text(&b[y.end..t]);
        let (end, range_end) = if let Some(n) = number(b, t) {
            if n.len() != 4 || n.val < y.val || n.val > 2099 || n.val - y.val > 150 || glued_after(b, n.end) {
                return None;
            }
            f.token(Token::Year4);
            (n.end, Some(DateValue::Year(n.val as i32)))
        } else {
            let e = word_in(b, t, OPEN_END)?;
            f.text(&b[t..e]);
            (e, None)
        };
        if !follower_ok(b, end) && !self.marks_at(p).copyright(p) {
            return None;
        }
        let h = Hit::new(p, end, DateValue::Year(y.val as i32), f).with_range_end(range_end);
        Some(h.with_context(DateContext::Range))
    }

    /// `2024-Q3`, `2024 Q3` (the year part is already in `f`).
    fn quarter_after_year(&self, p: usize, y: i32, r: usize, mut f: FormatBuilder) -> Option<Hit> {
        let b = self.b;
        let q = quarter_digit(b, r)?;
        // `Q` is a token letter: as text it is written `[Q]`.
        f.text(b"Q").token(Token::Quarter);
        Some(quarter_hit(p, r + 2, y, q, f))
    }

    /// `Q3 2024`, `Q3/2024`, `Q3-2024`, `Q3, 2024`.
    pub(crate) fn quarter_led(&self, p: usize) -> Option<Hit> {
        let b = self.b;
        let q = quarter_digit(b, p)?;
        let mut t = p + 2;
        if matches!(at(b, t), b'-' | b'/' | b',') {
            t += 1;
        }
        let r = skip_hspace(b, t);
        if r == p + 2 {
            return None;
        }
        let n = number(b, r)?;
        if n.len() != 4 || !BARE_YEARS.contains(&n.val) || glued_after(b, n.end) {
            return None;
        }
        let mut f = FormatBuilder::new();
        f.text(b"Q")
            .token(Token::Quarter)
            .text(&b[p + 2..r])
            .token(Token::Year4);
        Some(quarter_hit(p, n.end, n.val as i32, q, f))
    }
}

/// Words that close an open range: `2012-present`.
pub(crate) const OPEN_END: &[&[u8]] = &[b"present", b"now", b"today", b"current", b"date"];

/// `Q1`..`Q4` at `p` (capital Q, not part of a longer word); returns the quarter.
fn quarter_digit(b: &[u8], p: usize) -> Option<u8> {
    let d = at(b, p + 1);
    (at(b, p) == b'Q' && (b'1'..=b'4').contains(&d) && !at(b, p + 2).is_ascii_alphanumeric())
        .then(|| d - b'0')
}

fn quarter_hit(p: usize, end: usize, y: i32, q: u8, f: FormatBuilder) -> Hit {
    let mut h = Hit::new(p, end, DateValue::YearMonth(y, 3 * q - 2), f);
    h.range_end = Some(DateValue::YearMonth(y, 3 * q));
    h
}

#[cfg(test)]
mod tests {
    use crate::dates::{DateContext, find_dates};

    fn values(text: &str) -> Vec<String> {
        find_dates(text, &[])
            .iter()
            .map(|d| {
                let end = d.range_end.map(|v| format!("..{v}")).unwrap_or_default();
                format!("{}={}{end}", &text[d.range.clone()], d.value)
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
        let d = find_dates("2015-05-25T10:00:00Z", &[]);
        assert_eq!(d[0].format.to_string(), "YYYY-MM-DD[T]HH:mm:ssZ");
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
        let d = find_dates("Copyright (c) 2012-present Foo", &[]);
        assert_eq!(d[0].context, DateContext::Copyright);
        assert_eq!(d[0].format.to_string(), "YYYY-present");
        assert_eq!(d[0].range_end, None);
        assert_eq!(values("Copyright 2019, 2020 Foo"), ["2019=2019", "2020=2020"]);
        assert!(
            find_dates("Copyright 2019, 2020 Foo", &[])
                .iter()
                .all(|d| d.context == DateContext::Copyright)
        );
        assert_eq!(values("2019 to 2020"), ["2019=2019", "2020=2020"]);
        assert_eq!(values("the 2019-20 season"), ["2019-20=2019..2020"]);
    }

    #[test]
    fn not_bare_years() {
        for t in [
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
                values(t).is_empty() || t.contains("(1998)"),
                "{t}: {:?}",
                values(t)
            );
        }
    }
}
