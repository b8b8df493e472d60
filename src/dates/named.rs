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

/// Words that join the two ends of a range.
const RANGE_WORDS: &[&[u8]] = &[b"to", b"through", b"thru", b"till", b"until"];

/// Pattern token of a day number as written.
pub(crate) fn day_token(d: &Day) -> Token {
    if d.ordinal {
        Token::DayOrdinal
    } else if d.digits == 2 && d.val < 10 {
        Token::Day2
    } else {
        Token::Day1
    }
}

/// A range joiner after `p` (a dash or `to`, `through`, ...); returns the position after it and
/// its spacing.
pub(crate) fn range_joiner(b: &[u8], p: usize) -> Option<usize> {
    let t = skip_hspace(b, p);
    if let Some(e) = dash(b, t) {
        return Some(skip_hspace(b, e));
    }
    if t > p
        && let Some(e) = word_in(b, t, RANGE_WORDS)
    {
        let r = skip_hspace(b, e);
        return (r > e).then_some(r);
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

/// The year after a day-and-month: `, 2012`, ` 2012`, `-2012` (with the same separator), ` 96`,
/// `'96`.
pub(crate) fn year_after(b: &[u8], p: usize, sep: Option<u8>) -> Option<YearAfter> {
    let r = if sep.is_some_and(|s| at(b, p) == s) {
        p + 1
    } else {
        let mut t = p;
        if at(b, t) == b',' {
            t += 1;
        }
        let r = skip_ws(b, t);
        if r == p {
            return None;
        }
        r
    };
    if let Some((y, e)) = year4(b, r) {
        return Some(YearAfter {
            year: y,
            digits: r,
            end: e,
            token: Token::Year4,
        });
    }
    let digits = if at(b, r) == b'\'' && number(b, r + 1).is_some_and(|n| n.len() == 2) {
        r + 1
    } else {
        r
    };
    let (yy, e) = year2(b, digits)?;
    Some(YearAfter {
        year: expand_two_digit_year(yy),
        digits,
        end: e,
        token: Token::Year2,
    })
}

/// Builds the value and validity of a day-month(-year) date.
pub(crate) fn dated(year: Option<i32>, month: u8, day: u8) -> DateValue {
    match year {
        Some(y) => DateValue::Date(y, month, day),
        None => DateValue::MonthDay(month, day),
    }
}

/// A day over 31 is an impossible day only with a year or when it is still day-sized (32-39);
/// `Aug 96` is a month and a two-digit year.
pub(crate) fn day_in_range(d: u8, year: Option<i32>) -> bool {
    d >= 1 && (d <= 39 || year.is_some())
}

impl Scanner<'_> {
    /// Day first: `10 August 2012`, `3rd Feb 82`, `12th of July`, `19th day of May`, `10-Aug-2012`,
    /// `15SEP`, `22. April 2015`, `10 - 22 August 2012`, `06/Nov/2023:06:36:02 +0200`.
    pub(crate) fn day_first(&self, p: usize, n1: Num) -> Option<Hit> {
        let b = self.b;
        let mut f = FormatBuilder::new();
        // `15SEP`: a day glued to a capitalised month abbreviation.
        if is_alpha_at(b, n1.end) && ordinal_suffix(b, n1.end).is_none() {
            let mw = month_word(b, n1.end)?;
            if mw.weak || mw.case == Case::Mixed || mw.end > mw.word_end {
                return None;
            }
            let d = Day {
                val: n1.val as u8,
                digits: n1.len(),
                ordinal: false,
                end: n1.end,
            };
            f.token(day_token(&d)).token(mw.token()).text(mw.period(b));
            return self.day_month_year(p, &d, None, mw, None, f);
        }
        let d1 = day(b, p)?;
        f.token(day_token(&d1));
        // A range of days: `10 - 22 August`, `22-23 Feb`, `10 to 22 August`.
        let mut last = d1;
        let mut d2 = None;
        if let Some(r) = range_joiner(b, d1.end)
            && let Some(d) = day(b, r)
        {
            f.text(&b[d1.end..r]).token(day_token(&d));
            last = d;
            d2 = Some(d);
        }
        let e = last.end;
        // Joiner between day and month.
        let (m, sep) = match at(b, e) {
            s @ (b'-' | b'/') if is_alpha_at(b, e + 1) && d2.is_none() => (e + 1, Some(s)),
            b'.' if !last.ordinal && matches!(at(b, e + 1), b' ' | b'\t') => (skip_hspace(b, e + 1), None),
            _ => {
                let mut r = skip_ws(b, e);
                if r == e {
                    return None;
                }
                if let Some(we) = word_in(b, r, &[b"day"]) {
                    r = skip_ws(b, we);
                    r = skip_ws(b, word_in(b, r, &[b"of"])?);
                } else if let Some(we) = word_in(b, r, &[b"of"]) {
                    r = skip_ws(b, we);
                }
                (r, None)
            }
        };
        let mw = month_word(b, m)?;
        f.text(&b[e..m]).token(mw.token()).text(mw.period(b));
        self.day_month_year(p, &d1, d2, mw, sep, f)
    }

    /// The year part after `<day> <month>`, then validation.
    fn day_month_year(
        &self,
        p: usize,
        d1: &Day,
        d2: Option<Day>,
        mw: MonthWord,
        sep: Option<u8>,
        mut f: FormatBuilder,
    ) -> Option<Hit> {
        let b = self.b;
        let mut end = mw.end;
        let year = match year_after(b, mw.end, sep) {
            Some(year) => {
                f.text(&b[mw.end..year.digits]).token(year.token);
                end = year.end;
                if sep == Some(b'/') && year.token == Token::Year4 {
                    // `06/Nov/2023:06:36:02 +0200`
                    if let Some(e) = log_time(b, year.end, &mut f) {
                        end = e;
                    }
                }
                Some(year.year)
            }
            None => None,
        };
        if (mw.weak && year.is_none() && !d1.ordinal) || !day_in_range(d1.val, year) {
            return None;
        }
        if d2.is_some_and(|d| !day_in_range(d.val, year)) {
            return None;
        }
        let value = dated(year, mw.month, d1.val);
        let range_end = d2.map(|d| dated(year, mw.month, d.val));
        Some(Hit::new(p, end, value, f).with_range_end(range_end).checked())
    }

    /// Month first: `March 12, 2010`, `Sep 2012`, `Sept. 6th`, `August-10-2012`, `June of 2022`,
    /// `Aug 96`, `August 10 - 22, 2012`, `May eighth, 2010`, `March-June 2012`, ctime stamps.
    pub(crate) fn month_led(&self, p: usize) -> Option<Hit> {
        let b = self.b;
        let mw = month_word(b, p)?;
        if glued_before(b, p) {
            return None;
        }
        if let Some(h) = self.month_range(p, &mw) {
            return Some(h);
        }
        let q = mw.end;
        let mut f = FormatBuilder::new();
        f.token(mw.token()).text(mw.period(b));
        let (r, sep) = match at(b, q) {
            s @ (b'-' | b'/') if is_digit_at(b, q + 1) => (q + 1, Some(s)),
            _ => {
                let t = if at(b, q) == b',' { q + 1 } else { q };
                let r = skip_ws(b, t);
                if r == t {
                    return None;
                }
                (r, None)
            }
        };
        if is_digit_at(b, r) {
            return self.month_then_number(p, mw, r, sep, f);
        }
        if at(b, r) == b'\'' && sep.is_none() && !mw.weak {
            // `Aug '96`
            let (yy, e) = year2(b, r + 1)?;
            f.text(&b[q..r + 1]).token(Token::Year2);
            let v = DateValue::YearMonth(expand_two_digit_year(yy), mw.month);
            return Some(Hit::new(p, e, v, f).checked());
        }
        if let Some(we) = word_in(b, r, &[b"of"]) {
            // `June of 2022`
            let t = skip_ws(b, we);
            let (y, e) = year4(b, t)?;
            if mw.weak {
                return None;
            }
            f.text(&b[q..t]).token(Token::Year4);
            return Some(Hit::new(p, e, DateValue::YearMonth(y, mw.month), f).checked());
        }
        self.month_then_spelled(p, mw, r, f)
    }

    /// `<month> <number>`: a day (maybe a range, a year, a ctime clock) or a year.
    fn month_then_number(
        &self,
        p: usize,
        mw: MonthWord,
        r: usize,
        sep: Option<u8>,
        mut f: FormatBuilder,
    ) -> Option<Hit> {
        let b = self.b;
        let q = mw.end;
        if let Some((y, e)) = year4(b, r) {
            // `September 2012`, `Sep-2012`, `August, 2012`, `nov 2014`; not `may 2020`.
            if (mw.weak && mw.month == 5) || y > 2999 {
                return None;
            }
            f.text(&b[q..r]).token(Token::Year4);
            let mut h = Hit::new(p, e, DateValue::YearMonth(y, mw.month), f);
            // `June 2021 - present`: an open range.
            let t = skip_hspace(b, e);
            if let Some(de) = dash(b, t)
                && let Some(we) = word_in(b, skip_hspace(b, de), OPEN_END)
            {
                h.format.text(&b[e..we]);
                h.end = we;
                h.context = Some(super::DateContext::Range);
            }
            return Some(h.checked());
        }
        let d = day(b, r)?;
        if d.val > 39 && !d.ordinal {
            // `Aug 96`: a two-digit year (of the last century: `May 50` is not a date).
            let (yy, e) = year2(b, r)?;
            if mw.weak || sep.is_some() || yy < 70 {
                return None;
            }
            f.text(&b[q..r]).token(Token::Year2);
            let v = DateValue::YearMonth(expand_two_digit_year(yy), mw.month);
            return Some(Hit::new(p, e, v, f).checked());
        }
        f.text(&b[q..r]).token(day_token(&d));
        let mut e = d.end;
        // A range of days in the month: `August 10 - 22, 2012`.
        let mut d2 = None;
        if sep.is_none()
            && let Some(t) = range_joiner(b, d.end)
            && let Some(dd) = day(b, t)
            && month_word(b, skip_ws(b, dd.end)).is_none()
        {
            f.text(&b[d.end..t]).token(day_token(&dd));
            e = dd.end;
            d2 = Some(dd);
        }
        if d2.is_none()
            && sep.is_none()
            && let Some(h) = self.ctime(p, &mw, &d, f)
        {
            return Some(h);
        }
        let mut end = e;
        let year = match year_after(b, e, sep) {
            Some(year) => {
                f.text(&b[e..year.digits]).token(year.token);
                end = year.end;
                Some(year.year)
            }
            None => None,
        };
        if (mw.weak && year.is_none() && !d.ordinal) || !day_in_range(d.val, year) {
            return None;
        }
        if d2.is_some_and(|x| !day_in_range(x.val, year)) {
            return None;
        }
        let v = dated(year, mw.month, d.val);
        let range_end = d2.map(|x| dated(year, mw.month, x.val));
        Some(Hit::new(p, end, v, f).with_range_end(range_end).checked())
    }

    /// ctime: `Oct 26 11:00:09 2023`, `Oct 26 11:00:09 EDT 2023` (the weekday is added by the caller).
    fn ctime(&self, p: usize, mw: &MonthWord, d: &Day, mut f: FormatBuilder) -> Option<Hit> {
        let b = self.b;
        let t = skip_hspace(b, d.end);
        if t == d.end {
            return None;
        }
        let te = hms(b, t)?;
        f.text(&b[d.end..t])
            .token(Token::Hour)
            .text(b":")
            .token(Token::Minute)
            .text(b":")
            .token(Token::Second);
        let mut y = skip_hspace(b, te);
        if let Some(ze) = zone_name(b, y) {
            f.text(&b[te..y]).bracketed(&b[y..ze]);
            let y2 = skip_hspace(b, ze);
            f.text(&b[ze..y2]);
            y = y2;
        } else {
            f.text(&b[te..y]);
        }
        let (year, e) = year4(b, y)?;
        f.token(Token::Year4);
        Some(Hit::new(p, e, DateValue::Date(year, mw.month, d.val), f).checked())
    }

    /// `March-June 2012`, `Jan – Mar 2020`, `March to June 2012`: one span, months of one year.
    fn month_range(&self, p: usize, mw: &MonthWord) -> Option<Hit> {
        let b = self.b;
        let r = range_joiner(b, mw.end)?;
        let mw2 = month_word(b, r)?;
        let year = year_after(b, mw2.end, None)?;
        if mw.weak || mw2.weak || year.token != Token::Year4 || mw2.month <= mw.month {
            return None;
        }
        let mut f = FormatBuilder::new();
        f.token(mw.token())
            .text(mw.period(b))
            .text(&b[mw.end..r])
            .token(mw2.token())
            .text(mw2.period(b));
        f.text(&b[mw2.end..year.digits]).token(Token::Year4);
        let h = Hit::new(p, year.end, DateValue::YearMonth(year.year, mw.month), f)
            .with_range_end(Some(DateValue::YearMonth(year.year, mw2.month)));
        Some(h.checked())
    }
}

#[cfg(test)]
mod tests {
    use crate::dates::find_dates;

    fn one(text: &str) -> (String, String, String) {
        let d = find_dates(text, &[]);
        assert_eq!(d.len(), 1, "{text}: {d:?}");
        let d = &d[0];
        let end = d.range_end.map(|v| format!(" .. {v}")).unwrap_or_default();
        (
            text[d.range.clone()].to_string(),
            format!("{}{end}", d.value),
            d.format.to_string(),
        )
    }

    fn check(text: &str, span: &str, value: &str, format: &str) {
        let (s, v, f) = one(text);
        assert_eq!(
            (s.as_str(), v.as_str(), f.as_str()),
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
        let d = find_dates("17 August 2013 to 19 August 2013", &[]);
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].context, crate::dates::DateContext::Range);
        assert_eq!(d[1].context, crate::dates::DateContext::Range);
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
        for t in [
            "February 29, 2014",
            "32 August 2014",
            "June 31, 2022",
            "August 32",
        ] {
            let d = find_dates(t, &[]);
            assert_eq!(d.len(), 1, "{t}");
            assert!(d[0].invalid.is_some(), "{t}");
        }
        assert!(find_dates("29 February", &[])[0].invalid.is_none());
    }

    #[test]
    fn not_named_dates() {
        for t in [
            "May the force be with you",
            "I may by here",
            "In January",
            "From May to December",
            "June 5 am utc",
            "24 October 10 o clock is a time",
            "mar 3",
            "dec 10 is a register",
        ] {
            let d = find_dates(t, &[]);
            assert!(
                d.iter().all(|x| x.value.year().is_some() || t.starts_with("24")),
                "{t}: {d:?}"
            );
        }
        assert_eq!(one("24 October 10 o clock").1, "XXXX-10-24");
        assert!(find_dates("June 5 am utc", &[]).is_empty());
        assert!(find_dates("mar 3", &[]).is_empty());
    }
}
