//! Readers for the pieces dates are made of: day numbers, years, month words, spelled ordinals.

use super::lexicon::{Case, Lex, eq_lower, is_weak_month, lookup, word_case};
use super::pattern::Token;
use super::text::{at, glued_after, is_alpha_at, is_digit_at, is_time_at, number, skip_hspace, word_end};

/// `st`, `nd`, `rd` or `th` at `start` (any case, not followed by a letter); returns its end.
pub(crate) fn ordinal_suffix(bytes: &[u8], start: usize) -> Option<usize> {
    let suffix = [
        at(bytes, start).to_ascii_lowercase(),
        at(bytes, start + 1).to_ascii_lowercase(),
    ];
    (matches!(&suffix, b"st" | b"nd" | b"rd" | b"th") && !is_alpha_at(bytes, start + 2)).then_some(start + 2)
}

/// A clock reading follows `end`: `am`, `pm`, `a.m.`, `p.m.`, `h`, `o'clock`, `oclock`.
pub(crate) fn am_pm_after(bytes: &[u8], end: usize) -> bool {
    let word = skip_hspace(bytes, end);
    let first = at(bytes, word).to_ascii_lowercase();
    let second = at(bytes, word + 1).to_ascii_lowercase();
    if (first == b'a' || first == b'p') && second == b'm' && !is_alpha_at(bytes, word + 2) {
        return true;
    }
    if (first == b'a' || first == b'p') && second == b'.' && at(bytes, word + 2).eq_ignore_ascii_case(&b'm') {
        return true;
    }
    // `10h`: only right after the number.
    if first == b'h' && !is_alpha_at(bytes, word + 1) && word == end {
        return true;
    }
    if first == b'o' {
        let letters = &bytes[word..word_end(bytes, word)];
        return eq_lower(letters, b"oclock")
            || (letters.len() == 1 && at(bytes, word + 1) == b'\'')
            || eq_lower(letters, b"o");
    }
    false
}

/// A day number: one or two digits, optionally with an ordinal suffix.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Day {
    pub val: u8,
    /// Digits written (1 or 2).
    pub digits: usize,
    pub ordinal: bool,
    pub end: usize,
}

/// Reads a day number; rejects clock times (`10:30`, `5 pm`), decimals and glued tokens.
pub(crate) fn day(bytes: &[u8], start: usize) -> Option<Day> {
    let digits = number(bytes, start)?;
    if digits.len() > 2 {
        return None;
    }
    let next = at(bytes, digits.end);
    if (next == b':' || next == b'.') && is_digit_at(bytes, digits.end + 1) {
        return None;
    }
    if let Some(suffix_end) = ordinal_suffix(bytes, digits.end) {
        return Some(Day {
            val: digits.val as u8,
            digits: digits.len(),
            ordinal: true,
            end: suffix_end,
        });
    }
    // What follows is left to the caller (`10-Aug`, `8/10`), except what makes it a non-day.
    if next.is_ascii_alphanumeric()
        || matches!(next, b'%' | b'@')
        || (next == b'_' && at(bytes, digits.end + 1).is_ascii_alphanumeric())
        || am_pm_after(bytes, digits.end)
    {
        return None;
    }
    Some(Day {
        val: digits.val as u8,
        digits: digits.len(),
        ordinal: false,
        end: digits.end,
    })
}

/// A four-digit year at `start` (1000-9999) that is not part of a longer number or token;
/// returns the year and its end.
pub(crate) fn year4(bytes: &[u8], start: usize) -> Option<(i32, usize)> {
    let digits = number(bytes, start)?;
    if digits.len() != 4 || digits.val < 1000 || glued_after(bytes, digits.end) {
        return None;
    }
    Some((digits.val as i32, digits.end))
}

/// A two-digit year at `start` standing on its own: not a time, not followed by a word or
/// number. Returns its two digits as a number and its end.
pub(crate) fn year2(bytes: &[u8], start: usize) -> Option<(u32, usize)> {
    let digits = number(bytes, start)?;
    if digits.len() != 2
        || glued_after(bytes, digits.end)
        || at(bytes, digits.end) == b':'
        || am_pm_after(bytes, digits.end)
    {
        return None;
    }
    let next = skip_hspace(bytes, digits.end);
    if at(bytes, next).is_ascii_alphanumeric() {
        return None;
    }
    Some((digits.val, digits.end))
}

/// A month word, read by [`month_word`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct MonthWord {
    pub month: u8,
    pub abbr: bool,
    pub case: Case,
    /// Lower-case abbreviation or `may`/`march`: needs a fuller date around it.
    pub weak: bool,
    /// End of the letters.
    pub word_end: usize,
    /// End including an abbreviation's period (`Sept.`).
    pub end: usize,
}

impl MonthWord {
    /// Pattern token for the word as written.
    pub fn token(&self) -> Token {
        if self.abbr {
            Token::MonthAbbr
        } else {
            Token::MonthName
        }
    }

    /// An abbreviation's period (`Sept.`), written after the token; empty without one.
    pub fn period<'text>(&self, bytes: &'text [u8]) -> &'text [u8] {
        &bytes[self.word_end..self.end]
    }
}

/// The month word at `start`: `March`, `mar`, `Sept.`, `DEC`.
pub(crate) fn month_word(bytes: &[u8], start: usize) -> Option<MonthWord> {
    if !is_alpha_at(bytes, start) {
        return None;
    }
    let letters_end = word_end(bytes, start);
    let letters = &bytes[start..letters_end];
    let Some(Lex::Month { month, abbr }) = lookup(letters) else {
        return None;
    };
    let next = at(bytes, letters_end);
    if next.is_ascii_digit() || (next == b'_' && at(bytes, letters_end + 1).is_ascii_alphanumeric()) {
        return None;
    }
    let end = if abbr && next == b'.' {
        letters_end + 1
    } else {
        letters_end
    };
    Some(MonthWord {
        month,
        abbr,
        case: word_case(letters),
        weak: is_weak_month(letters, abbr),
        word_end: letters_end,
        end,
    })
}

/// A spelled ordinal day at `start` (`eighth`, `twenty-fourth`, `twenty first`); returns day
/// and end.
pub(crate) fn spelled_ordinal(bytes: &[u8], start: usize) -> Option<(u8, usize)> {
    if !is_alpha_at(bytes, start) {
        return None;
    }
    let first_end = word_end(bytes, start);
    match lookup(&bytes[start..first_end])? {
        Lex::Ordinal(day) => Some((day, first_end)),
        Lex::Tens(tens) => {
            let joiner = at(bytes, first_end);
            if joiner != b'-' && joiner != b' ' {
                return None;
            }
            let second_end = word_end(bytes, first_end + 1);
            match lookup(&bytes[first_end + 1..second_end])? {
                // `twenty-first` to `twenty-ninth`, and `thirty-first`.
                Lex::Ordinal(units) if units <= 9 && (tens < 30 || units == 1) => {
                    Some((tens + units, second_end))
                }
                _ => None,
            }
        }
        _ => None,
    }
}

/// A word at `start` equal (ignoring case) to one of `words`; returns its end.
pub(crate) fn word_in(bytes: &[u8], start: usize, words: &[&[u8]]) -> Option<usize> {
    if !is_alpha_at(bytes, start) {
        return None;
    }
    let end = word_end(bytes, start);
    let word = &bytes[start..end];
    words.iter().any(|wanted| eq_lower(word, wanted)).then_some(end)
}

/// A clock time `HH:MM:SS` at `start`; returns its end.
pub(crate) fn hms(bytes: &[u8], start: usize) -> Option<usize> {
    if !is_time_at(bytes, start) {
        return None;
    }
    let hours = number(bytes, start)?;
    let minutes = number(bytes, hours.end + 1)?;
    if at(bytes, minutes.end) != b':' {
        return None;
    }
    let seconds = number(bytes, minutes.end + 1)?;
    // A second of 60 is a leap second.
    (seconds.len() == 2 && hours.val < 24 && minutes.val < 60 && seconds.val <= 60).then_some(seconds.end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days() {
        assert_eq!(
            day(b"12th of", 0).map(|day| (day.val, day.ordinal, day.end)),
            Some((12, true, 4))
        );
        assert!(day(b"10:30", 0).is_none());
        assert!(day(b"5 pm", 0).is_none());
        assert!(day(b"19.87", 0).is_none());
        assert!(day(b"2FA", 0).is_none());
        assert_eq!(day(b"31, 2020", 0).map(|day| day.end), Some(2));
    }

    #[test]
    fn years() {
        assert_eq!(year4(b"2019.", 0), Some((2019, 4)));
        assert!(year4(b"2019x", 0).is_none());
        assert!(year4(b"0999", 0).is_none());
        assert_eq!(year2(b"96", 0), Some((96, 2)));
        assert!(year2(b"10 o clock", 0).is_none());
        assert!(year2(b"12:00", 0).is_none());
    }

    #[test]
    fn months_and_ordinals() {
        let sept = month_word(b"Sept. 2", 0).unwrap();
        assert_eq!(
            (sept.month, sept.token(), sept.word_end, sept.end),
            (9, Token::MonthAbbr, 4, 5)
        );
        assert!(month_word(b"Mayor", 0).is_none());
        assert_eq!(spelled_ordinal(b"twenty-fourth", 0), Some((24, 13)));
        assert_eq!(spelled_ordinal(b"thirty first", 0), Some((31, 12)));
        assert_eq!(spelled_ordinal(b"twenty", 0), None);
        assert_eq!(hms(b"11:00:09 ", 0), Some(8));
    }
}
