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

fn width(n: &Num, two: Token, one: Token) -> Token {
    if n.len() == 2 { two } else { one }
}

impl Scanner<'_> {
    /// A numeric date whose first number has one or two digits and is followed by `sep`.
    pub(crate) fn numeric(&self, p: usize, n1: Num, sep: u8, weekday: bool) -> Option<Hit> {
        let b = self.b;
        let n2 = number(b, n1.end + 1)?;
        match n2.len() {
            4 => return self.month_year(p, n1, n2, sep),
            1 | 2 => {}
            _ => return None,
        }
        if at(b, n2.end) == sep && is_digit_at(b, n2.end + 1) {
            let n3 = number(b, n2.end + 1)?;
            return self.numeric_full(p, [n1, n2, n3], sep);
        }
        if sep != b'/' || glued_after(b, n2.end) {
            return None;
        }
        self.numeric_month_day(p, n1, n2, weekday)
    }

    /// `M/YYYY`, `MM-YYYY`, `MM.YYYY`.
    fn month_year(&self, p: usize, n1: Num, n2: Num, sep: u8) -> Option<Hit> {
        let b = self.b;
        if (sep != b'/' && n1.len() != 2)
            || !(1..=12).contains(&n1.val)
            || !(1900..=2039).contains(&n2.val)
            || glued_after(b, n2.end)
            || name_before(b, p)
            || !follower_ok_simple(b, n2.end)
        {
            return None;
        }
        let mut f = FormatBuilder::new();
        f.token(width(&n1, Token::Month2, Token::Month1))
            .text(&[sep])
            .token(Token::Year4);
        Some(Hit::new(p, n2.end, DateValue::YearMonth(n2.val as i32, n1.val as u8), f).checked())
    }

    /// Three numbers: day, month and year in either order, with a 2- or 4-digit year.
    fn numeric_full(&self, p: usize, [n1, n2, n3]: [Num; 3], sep: u8) -> Option<Hit> {
        let b = self.b;
        let year = match n3.len() {
            4 if n3.val >= 1000 => n3.val as i32,
            2 if sep != b'.' => expand_two_digit_year(n3.val),
            _ => return None,
        };
        if glued_after(b, n3.end) || name_before(b, p) {
            return None;
        }
        let (a, c) = (n1.val as u8, n2.val as u8);
        let mdy = DateValue::Date(year, a, c);
        let dmy = DateValue::Date(year, c, a);
        let mdy_ok = check(Some(year), a, Some(c)).is_none();
        let dmy_ok = check(Some(year), c, Some(a)).is_none();
        // A two-digit first number may be the year: `01/02/03` can be 2001-02-03.
        let ymd = (n1.len() == 2 && n2.len() == 2 && n3.len() == 2)
            .then(|| DateValue::Date(expand_two_digit_year(n1.val), c, n3.val as u8))
            .filter(|v| super::value::check_value(v).is_none());
        let day_first = |f: &mut FormatBuilder| {
            f.token(width(&n1, Token::Day2, Token::Day1))
                .text(&[sep])
                .token(width(&n2, Token::Month2, Token::Month1));
        };
        let month_first = |f: &mut FormatBuilder| {
            f.token(width(&n1, Token::Month2, Token::Month1))
                .text(&[sep])
                .token(width(&n2, Token::Day2, Token::Day1));
        };
        let mut f = FormatBuilder::new();
        let (value, alt, invalid) = match (mdy_ok, dmy_ok) {
            (true, true) if sep == b'.' => {
                day_first(&mut f);
                (dmy, Some(mdy), None)
            }
            (true, _) => {
                month_first(&mut f);
                (mdy, dmy_ok.then_some(dmy), None)
            }
            (false, true) => {
                day_first(&mut f);
                (dmy, None, None)
            }
            (false, false) => {
                if n3.len() == 2 {
                    return None;
                }
                if a <= 12 {
                    month_first(&mut f);
                    (mdy, None, check(Some(year), a, Some(c)))
                } else if c <= 12 {
                    day_first(&mut f);
                    (dmy, None, check(Some(year), c, Some(a)))
                } else {
                    day_first(&mut f);
                    (dmy, None, Some(Invalid::NoReading(a, c)))
                }
            }
        };
        f.text(&[sep])
            .token(if n3.len() == 4 { Token::Year4 } else { Token::Year2 });
        let mut h = Hit::new(p, n3.end, value, f);
        h.invalid = invalid;
        if let Some(v) = alt {
            h.add_alt(v);
        }
        if let Some(v) = ymd {
            h.add_alt(v);
        }
        Some(h.checked())
    }

    /// `M/D` without a year: only in a date context, since `10/11` is usually a fraction.
    fn numeric_month_day(&self, p: usize, n1: Num, n2: Num, weekday: bool) -> Option<Hit> {
        let b = self.b;
        let (a, c) = (n1.val as u8, n2.val as u8);
        let md_ok = a > 0 && c > 0 && check(None, a, Some(c)).is_none();
        let dm_ok = a > 0 && c > 0 && check(None, c, Some(a)).is_none();
        // A line holding only `24/7` is a slogan; only a month-first reading stands alone.
        if !(md_ok || dm_ok) || !(weekday || month_day_context(b, p, n2.end, md_ok)) {
            return None;
        }
        let mut f = FormatBuilder::new();
        let mut h = if md_ok {
            f.token(width(&n1, Token::Month2, Token::Month1))
                .text(b"/")
                .token(width(&n2, Token::Day2, Token::Day1));
            let mut h = Hit::new(p, n2.end, DateValue::MonthDay(a, c), f);
            if dm_ok {
                h.add_alt(DateValue::MonthDay(c, a));
            }
            h
        } else {
            f.token(width(&n1, Token::Day2, Token::Day1))
                .text(b"/")
                .token(width(&n2, Token::Month2, Token::Month1));
            Hit::new(p, n2.end, DateValue::MonthDay(c, a), f)
        };
        h = h.checked();
        Some(h)
    }
}

#[cfg(test)]
mod tests {
    use crate::dates::{DateValue, find_dates};

    fn one(text: &str) -> (String, DateValue, Vec<DateValue>, String) {
        let d = find_dates(text, &[]);
        assert_eq!(d.len(), 1, "{text}: {d:?}");
        let d = &d[0];
        (
            text[d.range.clone()].to_string(),
            d.value,
            d.alternatives.clone(),
            d.format.to_string(),
        )
    }

    #[test]
    fn slash_dates_are_month_first_with_alternative() {
        let (s, v, alt, f) = one("The deadline is 6/10/2018.");
        assert_eq!(
            (s.as_str(), v, f.as_str()),
            ("6/10/2018", DateValue::Date(2018, 6, 10), "M/DD/YYYY")
        );
        assert_eq!(alt, vec![DateValue::Date(2018, 10, 6)]);
    }

    #[test]
    fn impossible_reading_is_dropped() {
        let (_, v, alt, f) = one("on 13/03/2014");
        assert_eq!((v, f.as_str()), (DateValue::Date(2014, 3, 13), "DD/MM/YYYY"));
        assert!(alt.is_empty());
    }

    #[test]
    fn dotted_dates_are_day_first() {
        let (_, v, alt, _) = one("The date is 02.07.2013");
        assert_eq!(v, DateValue::Date(2013, 7, 2));
        assert_eq!(alt, vec![DateValue::Date(2013, 2, 7)]);
    }

    #[test]
    fn two_digit_years() {
        assert_eq!(one("Friday 30-12-16").1, DateValue::Date(2016, 12, 30));
        let (_, v, alt, _) = one("01/02/03");
        assert_eq!(v, DateValue::Date(2003, 1, 2));
        assert_eq!(
            alt,
            vec![DateValue::Date(2003, 2, 1), DateValue::Date(2001, 2, 3)]
        );
    }

    #[test]
    fn month_year() {
        assert_eq!(one("Published: 06/2004").1, DateValue::YearMonth(2004, 6));
    }

    #[test]
    fn impossible_numeric_dates_are_flagged() {
        for t in [
            "02/29/2022",
            "06/31/2022",
            "18/13/2022",
            "15/28/2022",
            "13/31/2018",
        ] {
            let d = find_dates(t, &[]);
            assert_eq!(d.len(), 1, "{t}");
            assert!(d[0].invalid.is_some(), "{t}");
        }
        assert_eq!(
            find_dates("02/29/2022", &[])[0].invalid.as_deref(),
            Some("February 2022 has 28 days")
        );
    }

    #[test]
    fn not_numeric_dates() {
        for t in [
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
            assert!(find_dates(t, &[]).is_empty(), "{t}: {:?}", find_dates(t, &[]));
        }
    }

    #[test]
    fn month_day_needs_context() {
        assert_eq!(one("2 months before 02/02").1, DateValue::MonthDay(2, 2));
        assert_eq!(one("1/8 at 12pm").1, DateValue::MonthDay(1, 8));
        assert!(find_dates("8/32", &[]).is_empty());
    }
}
