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
    /// invalid.
    pub(crate) fn weekday_led(&self, p: usize, wd: u8, abbr: bool) -> Option<Hit> {
        let b = self.b;
        if glued_before(b, p) {
            return None;
        }
        let we = word_end(b, p);
        let mut q = we;
        if at(b, q) == b'.' {
            q += 1;
        }
        if at(b, q) == b',' {
            q += 1;
        }
        let r = skip_ws(b, q);
        if r == q {
            return None;
        }
        let inner = if is_digit_at(b, r) {
            self.digit_led(r, true)?
        } else {
            self.month_led(r)?
        };
        if inner.start != r || !inner.value.has_day() {
            return None;
        }
        let mut f = FormatBuilder::new();
        f.token(if abbr {
            Token::WeekdayAbbr
        } else {
            Token::WeekdayName
        })
        .text(&b[we..r])
        .append(&inner.format);
        let mut h = inner;
        h.start = p;
        h.format = f;
        // A written weekday rules out the readings it does not match.
        let matches_weekday = |v: &DateValue| match *v {
            DateValue::Date(y, m, d) => weekday(y, m, d) == Some(wd),
            _ => false,
        };
        if matches_weekday(&h.value) {
            for alt in &mut h.alts {
                if alt.as_ref().is_some_and(|v| !matches_weekday(v)) {
                    *alt = None;
                }
            }
        }
        if let DateValue::Date(y, m, d) = h.value
            && let Some(actual) = weekday(y, m, d)
            && actual != wd
        {
            let matching = h.alts.iter().flatten().copied().find(|v| match *v {
                DateValue::Date(y, m, d) => weekday(y, m, d) == Some(wd),
                _ => false,
            });
            match matching {
                Some(v) => {
                    // The weekday settles the reading: day and month swap, in the value and in
                    // the written pattern, and the date is no longer ambiguous.
                    h.alts = [None, None];
                    h.value = v;
                    h.format = h.format.with_day_and_month_swapped();
                }
                None if h.invalid.is_none() => h.invalid = Some(Invalid::Weekday { written: wd, actual }),
                None => {}
            }
        }
        Some(h)
    }
}

#[cfg(test)]
mod tests {
    use crate::dates::{DateValue, find_dates};

    fn check(text: &str, span: &str, value: &str, format: &str) {
        let d = find_dates(text, &[]);
        assert_eq!(d.len(), 1, "{text}: {d:?}");
        let d = &d[0];
        let v = d.value.to_string();
        assert_eq!(
            (&text[d.range.clone()], v.as_str(), d.format.to_string().as_str()),
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
        let d = find_dates("Tuesday 11/3/2015", &[]);
        assert_eq!(d[0].value, DateValue::Date(2015, 11, 3));
        let d = find_dates("Monday, 1 January 2019", &[]);
        assert_eq!(
            d[0].invalid.as_deref(),
            Some("the date is a Tuesday, not a Monday")
        );
    }
}
