//! Days written as words: `Twenty-fourth of May`, `May eighth, 2010`,
//! `Eighth to eleventh May 2010`.

use super::hit::{FormatBuilder, Hit};
use super::lexicon::eq_lower;
use super::named::{dated, range_joiner, year_after};
use super::parts::{MonthWord, month_word, spelled_ordinal, word_in};
use super::pattern::Token;
use super::scan::Scanner;
use super::text::{glued_before, skip_ws};

impl Scanner<'_> {
    /// `<month> <spelled ordinal>`: `May eighth, 2010`, `May twenty-fourth`, `May eighth - tenth, 2010`.
    pub(crate) fn month_then_spelled(
        &self,
        p: usize,
        mw: MonthWord,
        r: usize,
        mut f: FormatBuilder,
    ) -> Option<Hit> {
        let b = self.b;
        let (d1, e1) = spelled_ordinal(b, r)?;
        f.text(&b[mw.end..r]).token(Token::DayOrdinal);
        let mut e = e1;
        let mut d2 = None;
        if let Some(t) = range_joiner(b, e1)
            && let Some((d, de)) = spelled_ordinal(b, t)
        {
            f.text(&b[e1..t]).token(Token::DayOrdinal);
            d2 = Some(d);
            e = de;
        }
        let mut end = e;
        let year = match year_after(b, e, None) {
            Some(year) if year.token == Token::Year4 => {
                f.text(&b[e..year.digits]).token(Token::Year4);
                end = year.end;
                Some(year.year)
            }
            _ => None,
        };
        // `May first`, `March second` read as verbs and adverbs; need a year or a later day.
        let verb_like = eq_lower(&b[p..mw.word_end], b"may") || eq_lower(&b[p..mw.word_end], b"march");
        if mw.weak || (verb_like && year.is_none() && d1 < 4) {
            return None;
        }
        let v = dated(year, mw.month, d1);
        let range_end = d2.map(|d| dated(year, mw.month, d));
        Some(Hit::new(p, end, v, f).with_range_end(range_end).checked())
    }

    /// Spelled ordinal first: `Twenty-fourth of May`, `Eighth to eleventh May 2010`.
    pub(crate) fn ordinal_led(&self, p: usize) -> Option<Hit> {
        let b = self.b;
        if glued_before(b, p) {
            return None;
        }
        let (d1, e1) = spelled_ordinal(b, p)?;
        let mut f = FormatBuilder::new();
        f.token(Token::DayOrdinal);
        let mut e = e1;
        let mut d2 = None;
        if let Some(t) = range_joiner(b, e1)
            && let Some((d, de)) = spelled_ordinal(b, t)
        {
            f.text(&b[e1..t]).token(Token::DayOrdinal);
            d2 = Some(d);
            e = de;
        }
        let mut m = skip_ws(b, e);
        if m == e {
            return None;
        }
        let of = word_in(b, m, &[b"of"]);
        if let Some(we) = of {
            m = skip_ws(b, we);
        }
        let mw = month_word(b, m)?;
        if mw.weak {
            return None;
        }
        f.text(&b[e..m]).token(mw.token()).text(mw.period(b));
        let mut end = mw.end;
        let year = match year_after(b, mw.end, None) {
            Some(year) if year.token == Token::Year4 => {
                f.text(&b[mw.end..year.digits]).token(Token::Year4);
                end = year.end;
                Some(year.year)
            }
            _ => None,
        };
        if of.is_none() && d2.is_none() && year.is_none() {
            return None;
        }
        let v = dated(year, mw.month, d1);
        let range_end = d2.map(|d| dated(year, mw.month, d));
        Some(Hit::new(p, end, v, f).with_range_end(range_end).checked())
    }
}

#[cfg(test)]
mod tests {
    use crate::dates::find_dates;

    fn check(text: &str, span: &str, value: &str, format: &str) {
        let d = find_dates(text, &[]);
        assert_eq!(d.len(), 1, "{text}: {d:?}");
        let d = &d[0];
        let end = d.range_end.map(|v| format!(" .. {v}")).unwrap_or_default();
        let v = format!("{}{end}", d.value);
        assert_eq!(
            (&text[d.range.clone()], v.as_str(), d.format.to_string().as_str()),
            (span, value, format),
            "{text}"
        );
    }

    #[test]
    fn spelled_ordinals() {
        check(
            "Twenty-fourth of May",
            "Twenty-fourth of May",
            "XXXX-05-24",
            "Do of MMMM",
        );
        check(
            "May eighth, 2010",
            "May eighth, 2010",
            "2010-05-08",
            "MMMM Do, YYYY",
        );
        check(
            "Eighth to eleventh May 2010",
            "Eighth to eleventh May 2010",
            "2010-05-08 .. 2010-05-11",
            "Do to Do MMMM YYYY",
        );
        assert!(find_dates("You may first need the second March release", &[]).is_empty());
    }
}
