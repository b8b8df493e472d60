//! Days written as words: `Twenty-fourth of May`, `May eighth, 2010`,
//! `Eighth to eleventh May 2010`.

use super::hit::{FormatBuilder, Hit};
use super::lexicon::eq_lower;
use super::named::{day_hit, range_joiner, year_after};
use super::parts::{MonthWord, month_word, spelled_ordinal, word_in};
use super::pattern::Token;
use super::scan::Scanner;
use super::text::{glued_before, skip_ws};

impl Scanner<'_> {
    /// `<month> <spelled ordinal>`: `May eighth, 2010`, `May twenty-fourth`, `May eighth - tenth, 2010`.
    pub(crate) fn month_then_spelled(
        &self,
        start: usize,
        month: MonthWord,
        day_start: usize,
        mut format: FormatBuilder,
    ) -> Option<Hit> {
        let bytes = self.bytes;
        let (first_day, first_end) = spelled_ordinal(bytes, day_start)?;
        format.text(&bytes[month.end..day_start]).token(Token::DayOrdinal);
        let (last_day, days_end) = second_spelled_day(bytes, first_end, &mut format);
        let mut end = days_end;
        let year = match year_after(bytes, days_end, None) {
            Some(year) if year.token == Token::Year4 => {
                format.text(&bytes[days_end..year.digits]).token(Token::Year4);
                end = year.end;
                Some(year.year)
            }
            _ => None,
        };
        // `May first`, `March second` read as verbs and adverbs; need a year or a later day.
        let verb_like = eq_lower(&bytes[start..month.word_end], b"may")
            || eq_lower(&bytes[start..month.word_end], b"march");
        if month.weak || (verb_like && year.is_none() && first_day < 4) {
            return None;
        }
        Some(day_hit(
            start..end,
            year,
            month.month,
            first_day,
            last_day,
            format,
        ))
    }

    /// Spelled ordinal first: `Twenty-fourth of May`, `Eighth to eleventh May 2010`.
    pub(crate) fn ordinal_led(&self, start: usize) -> Option<Hit> {
        let bytes = self.bytes;
        if glued_before(bytes, start) {
            return None;
        }
        let (first_day, first_end) = spelled_ordinal(bytes, start)?;
        let mut format = FormatBuilder::new();
        format.token(Token::DayOrdinal);
        let (last_day, days_end) = second_spelled_day(bytes, first_end, &mut format);
        let mut month_start = skip_ws(bytes, days_end);
        if month_start == days_end {
            return None;
        }
        let of_end = word_in(bytes, month_start, &[b"of"]);
        if let Some(of_end) = of_end {
            month_start = skip_ws(bytes, of_end);
        }
        let month = month_word(bytes, month_start)?;
        if month.weak {
            return None;
        }
        format
            .text(&bytes[days_end..month_start])
            .token(month.token())
            .text(month.period(bytes));
        let mut end = month.end;
        let year = match year_after(bytes, month.end, None) {
            Some(year) if year.token == Token::Year4 => {
                format.text(&bytes[month.end..year.digits]).token(Token::Year4);
                end = year.end;
                Some(year.year)
            }
            _ => None,
        };
        if of_end.is_none() && last_day.is_none() && year.is_none() {
            return None;
        }
        Some(day_hit(
            start..end,
            year,
            month.month,
            first_day,
            last_day,
            format,
        ))
    }
}

/// The second day of a spelled range (`first to third`) after the first day's end: the
/// day and where it ends, its joiner and token written to `format`; `(None, first_end)`
/// when there is none.
fn second_spelled_day(bytes: &[u8], first_end: usize, format: &mut FormatBuilder) -> (Option<u8>, usize) {
    if let Some(after_joiner) = range_joiner(bytes, first_end)
        && let Some((day, day_end)) = spelled_ordinal(bytes, after_joiner)
    {
        format
            .text(&bytes[first_end..after_joiner])
            .token(Token::DayOrdinal);
        return (Some(day), day_end);
    }
    (None, first_end)
}

#[cfg(test)]
mod tests {
    use crate::dates::find_dates;

    fn check(text: &str, span: &str, value: &str, format: &str) {
        let found = find_dates(text, &[]);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        let date = &found[0];
        let end = date.range_end.map(|end| format!(" .. {end}")).unwrap_or_default();
        let found_value = format!("{}{end}", date.value);
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
