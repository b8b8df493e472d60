//! Readers for the pieces dates are made of: day numbers, years, month words, spelled ordinals.

use super::lexicon::{Case, Lex, eq_lower, is_weak_month, lookup, word_case};
use super::pattern::Token;
use super::text::{at, glued_after, is_alpha_at, is_digit_at, is_time_at, number, skip_hspace, word_end};

/// `st`, `nd`, `rd` or `th` at `p` (any case, not followed by a letter); returns its end.
pub(crate) fn ordinal_suffix(b: &[u8], p: usize) -> Option<usize> {
    let s = [at(b, p).to_ascii_lowercase(), at(b, p + 1).to_ascii_lowercase()];
    (matches!(&s, b"st" | b"nd" | b"rd" | b"th") && !is_alpha_at(b, p + 2)).then_some(p + 2)
}

/// A clock reading follows `p`: `am`, `pm`, `a.m.`, `p.m.`, `h`, `o'clock`, `oclock`.
pub(crate) fn am_pm_after(b: &[u8], p: usize) -> bool {
    let i = skip_hspace(b, p);
    let c0 = at(b, i).to_ascii_lowercase();
    let c1 = at(b, i + 1).to_ascii_lowercase();
    if (c0 == b'a' || c0 == b'p') && c1 == b'm' && !is_alpha_at(b, i + 2) {
        return true;
    }
    if (c0 == b'a' || c0 == b'p') && c1 == b'.' && at(b, i + 2).eq_ignore_ascii_case(&b'm') {
        return true;
    }
    if c0 == b'h' && !is_alpha_at(b, i + 1) && i == p {
        return true;
    }
    if c0 == b'o' {
        let w = &b[i..word_end(b, i)];
        return eq_lower(w, b"oclock") || (w.len() == 1 && at(b, i + 1) == b'\'') || eq_lower(w, b"o");
    }
    false
}

/// A day number at `p`: one or two digits, optionally with an ordinal suffix.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Day {
    pub val: u8,
    /// Digits written (1 or 2).
    pub digits: usize,
    pub ordinal: bool,
    pub end: usize,
}

/// Reads a day number; rejects clock times (`10:30`, `5 pm`), decimals and glued tokens.
pub(crate) fn day(b: &[u8], p: usize) -> Option<Day> {
    let n = number(b, p)?;
    if n.len() > 2 {
        return None;
    }
    let c = at(b, n.end);
    if (c == b':' || c == b'.') && is_digit_at(b, n.end + 1) {
        return None;
    }
    if let Some(e) = ordinal_suffix(b, n.end) {
        return Some(Day {
            val: n.val as u8,
            digits: n.len(),
            ordinal: true,
            end: e,
        });
    }
    // What follows is left to the caller (`10-Aug`, `8/10`), except what makes it a non-day.
    if c.is_ascii_alphanumeric()
        || matches!(c, b'%' | b'@')
        || (c == b'_' && at(b, n.end + 1).is_ascii_alphanumeric())
        || am_pm_after(b, n.end)
    {
        return None;
    }
    Some(Day {
        val: n.val as u8,
        digits: n.len(),
        ordinal: false,
        end: n.end,
    })
}

/// A four-digit year at `p` (1000-9999) that is not part of a longer number or token.
pub(crate) fn year4(b: &[u8], p: usize) -> Option<(i32, usize)> {
    let n = number(b, p)?;
    if n.len() != 4 || n.val < 1000 || glued_after(b, n.end) {
        return None;
    }
    Some((n.val as i32, n.end))
}

/// A two-digit year at `p` standing on its own: not a time, not followed by a word or number.
pub(crate) fn year2(b: &[u8], p: usize) -> Option<(u32, usize)> {
    let n = number(b, p)?;
    if n.len() != 2 || glued_after(b, n.end) || at(b, n.end) == b':' || am_pm_after(b, n.end) {
        return None;
    }
    let i = skip_hspace(b, n.end);
    if at(b, i).is_ascii_alphanumeric() {
        return None;
    }
    Some((n.val, n.end))
}

/// A month word at `p`.
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
    pub fn period<'b>(&self, b: &'b [u8]) -> &'b [u8] {
        &b[self.word_end..self.end]
    }
}

pub(crate) fn month_word(b: &[u8], p: usize) -> Option<MonthWord> {
    if !is_alpha_at(b, p) {
        return None;
    }
    let we = word_end(b, p);
    let w = &b[p..we];
    let Some(Lex::Month { month, abbr }) = lookup(w) else {
        return None;
    };
    if at(b, we).is_ascii_digit() || (at(b, we) == b'_' && at(b, we + 1).is_ascii_alphanumeric()) {
        return None;
    }
    let end = if abbr && at(b, we) == b'.' { we + 1 } else { we };
    Some(MonthWord {
        month,
        abbr,
        case: word_case(w),
        weak: is_weak_month(w, abbr),
        word_end: we,
        end,
    })
}

/// A spelled ordinal day at `p` (`eighth`, `twenty-fourth`, `twenty first`); returns day and end.
pub(crate) fn spelled_ordinal(b: &[u8], p: usize) -> Option<(u8, usize)> {
    if !is_alpha_at(b, p) {
        return None;
    }
    let we = word_end(b, p);
    match lookup(&b[p..we])? {
        Lex::Ordinal(n) => Some((n, we)),
        Lex::Tens(t) => {
            let c = at(b, we);
            if c != b'-' && c != b' ' {
                return None;
            }
            let we2 = word_end(b, we + 1);
            match lookup(&b[we + 1..we2])? {
                Lex::Ordinal(u) if u <= 9 && (t < 30 || u == 1) => Some((t + u, we2)),
                _ => None,
            }
        }
        _ => None,
    }
}

/// A word at `p` equal (ignoring case) to one of `words`; returns its end.
pub(crate) fn word_in(b: &[u8], p: usize, words: &[&[u8]]) -> Option<usize> {
    if !is_alpha_at(b, p) {
        return None;
    }
    let we = word_end(b, p);
    let w = &b[p..we];
    words.iter().any(|x| eq_lower(w, x)).then_some(we)
}

/// A clock time `HH:MM:SS` at `p`; returns its end.
pub(crate) fn hms(b: &[u8], p: usize) -> Option<usize> {
    if !is_time_at(b, p) {
        return None;
    }
    let h = number(b, p)?;
    let m = number(b, h.end + 1)?;
    if at(b, m.end) != b':' {
        return None;
    }
    let s = number(b, m.end + 1)?;
    (s.len() == 2 && h.val < 24 && m.val < 60 && s.val <= 60).then_some(s.end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days() {
        assert_eq!(
            day(b"12th of", 0).map(|d| (d.val, d.ordinal, d.end)),
            Some((12, true, 4))
        );
        assert!(day(b"10:30", 0).is_none());
        assert!(day(b"5 pm", 0).is_none());
        assert!(day(b"19.87", 0).is_none());
        assert!(day(b"2FA", 0).is_none());
        assert_eq!(day(b"31, 2020", 0).map(|d| d.end), Some(2));
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
        let m = month_word(b"Sept. 2", 0).unwrap();
        assert_eq!(
            (m.month, m.token(), m.word_end, m.end),
            (9, Token::MonthAbbr, 4, 5)
        );
        assert!(month_word(b"Mayor", 0).is_none());
        assert_eq!(spelled_ordinal(b"twenty-fourth", 0), Some((24, 13)));
        assert_eq!(spelled_ordinal(b"thirty first", 0), Some((31, 12)));
        assert_eq!(spelled_ordinal(b"twenty", 0), None);
        assert_eq!(hms(b"11:00:09 ", 0), Some(8));
    }
}
