//! The single pass over the text: finds candidate starts (digits, month/weekday/ordinal words,
//! `Q1`-`Q4`), hands them to the grammar, skips code, HTML and URLs, and records what it finds.

use std::cell::Cell;
use std::ops::Range;

use super::context::classify;
use super::hit::Hit;
use super::lexicon::{Lex, lookup, may_start_word};
use super::marks::LineMarks;
use super::parts::word_in;
use super::skip::{Skipper, www_end};
use super::text::{
    ALPHA, CLASS, DIGIT, SPECIAL, Tok, alnum_end, at, dash, glued_before, is_digit_at, number, prev_tok,
    skip_ws, word_end,
};
use super::value::DateValue;
use super::{DateContext, FoundDate};

/// Prefixes joined to a year by a hyphen that make it a date: `mid-2020`.
pub(crate) const GLUED_PREFIXES: &[&[u8]] = &[b"mid", b"pre", b"post", b"early", b"late", b"since"];

/// The last date found, for year lists (`2019, 2020`) and ranges (`2019 to 2020`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Last {
    pub end: usize,
    pub value: DateValue,
    pub context: DateContext,
}

/// Grammar entry points share the text and what was found last.
pub(crate) struct Scanner<'a> {
    pub bytes: &'a [u8],
    pub last: Option<Last>,
    /// Context words on the current line, scanned forward as candidates move on.
    marks: Cell<LineMarks>,
    /// ISO intervals being read inside one another (`A/B/C/…` reads `B/C/…` as the
    /// end of `A/…`): bounded by [`MAX_CHAINED_INTERVALS`], so that a line of
    /// thousands of chained dates cannot overflow the stack.
    pub intervals_open: Cell<usize>,
}

/// The most ISO intervals read as one chain. In a longer chain every date is glued to
/// the next, so none is read as a date; a chain this long is no README's prose, and
/// already has a format longer than is shown.
pub(crate) const MAX_CHAINED_INTERVALS: usize = 16;

impl Scanner<'_> {
    /// The context words on the line before `pos`.
    pub(crate) fn marks_at(&self, pos: usize) -> LineMarks {
        let mut marks = self.marks.get();
        marks.advance(self.bytes, pos);
        self.marks.set(marks);
        marks
    }

    /// A date starting with the digit at `start`. `weekday`: a weekday was written just before.
    pub(crate) fn digit_led(&self, start: usize, weekday: bool) -> Option<Hit> {
        let bytes = self.bytes;
        let first = number(bytes, start)?;
        match first.len() {
            4 => self.year_led(start, first),
            1 | 2 => {
                let separator = at(bytes, first.end);
                if matches!(separator, b'/' | b'-' | b'.')
                    && is_digit_at(bytes, first.end + 1)
                    && let Some(hit) = self.numeric(start, first, separator, weekday)
                {
                    return Some(hit);
                }
                self.day_first(start, first)
            }
            _ => None,
        }
    }

    /// A date starting with the ASCII word at `start..end`.
    fn word_led(&self, start: usize, end: usize) -> Option<Hit> {
        let bytes = self.bytes;
        if end == start + 1 && bytes[start] == b'Q' {
            return self.quarter_led(start);
        }
        match lookup(&bytes[start..end])? {
            Lex::Month { .. } => self.month_led(start),
            Lex::Weekday { day, abbr } => self.weekday_led(start, day, abbr),
            Lex::Ordinal(_) | Lex::Tens(_) => self.ordinal_led(start),
        }
    }

    /// A digit glued by a hyphen to a prefix that makes it a date: `mid-2020`.
    fn prefixed_year(&self, start: usize) -> bool {
        let bytes = self.bytes;
        start >= 2
            && dash(bytes, start - 1).is_some()
            && matches!(prev_tok(bytes, start - 1), Tok::Word(word_start, word_end)
                if word_end == start - 1 && word_in(bytes, word_start, GLUED_PREFIXES).is_some())
    }
}

/// Is the text between two dates (`prev` and one starting at `next_start`) a range joiner:
/// `-`, `–`, `to`, `through`, `until`, or `and` after `between`?
fn joined_as_range(bytes: &[u8], prev: &Range<usize>, next_start: usize) -> bool {
    let prev_end = prev.end;
    if next_start < prev_end || next_start - prev_end > 24 {
        return false;
    }
    let after_between = || {
        matches!(prev_tok(bytes, prev.start), Tok::Word(word_start, _)
            if word_in(bytes, word_start, &[b"between"]).is_some())
    };
    let joiner = skip_ws(bytes, prev_end);
    let joiner_end = match dash(bytes, joiner) {
        Some(joiner_end) => joiner_end,
        None => match word_in(bytes, joiner, &[b"to", b"through", b"thru", b"until", b"till"]) {
            Some(joiner_end) => joiner_end,
            None => match word_in(bytes, joiner, &[b"and"]) {
                Some(joiner_end) if after_between() => joiner_end,
                _ => return false,
            },
        },
    };
    skip_ws(bytes, joiner_end) == next_start
}

/// End of a run of digits and number punctuation (`1.5.3`, `10:30`, `2FA`) starting at `start`.
fn number_group_end(bytes: &[u8], start: usize) -> usize {
    let mut end = alnum_end(bytes, start);
    while matches!(at(bytes, end), b'.' | b':' | b',' | b'/' | b'-') && is_digit_at(bytes, end + 1) {
        end = alnum_end(bytes, end + 1);
    }
    end
}

/// Runs the pass; see [`super::find_dates`].
pub(crate) fn scan(text: &str, excluded: &[Range<usize>]) -> Vec<FoundDate> {
    let bytes = text.as_bytes();
    let mut scanner = Scanner {
        bytes,
        last: None,
        marks: Cell::new(LineMarks::default()),
        intervals_open: Cell::new(0),
    };
    let mut out: Vec<FoundDate> = Vec::new();
    let mut skipper = Skipper::new();
    let mut next_excluded = 0;
    let mut pos = 0;
    while pos < bytes.len() {
        let class = CLASS[usize::from(bytes[pos])];
        if class == 0 {
            pos += 1;
            continue;
        }
        while next_excluded < excluded.len() && excluded[next_excluded].end <= pos {
            next_excluded += 1;
        }
        if next_excluded < excluded.len() && excluded[next_excluded].start <= pos {
            pos = excluded[next_excluded].end;
            continue;
        }
        let limit = excluded
            .get(next_excluded)
            .map_or(bytes.len(), |range| range.start);
        let (hit, next) = if class & ALPHA != 0 {
            if !may_start_word(bytes[pos]) && bytes[pos] != b'Q' {
                pos = alnum_end(bytes, pos + 1);
                continue;
            }
            let letters_end = word_end(bytes, pos);
            let next = alnum_end(bytes, letters_end);
            if bytes[pos] | 0x20 == b'w'
                && let Some(url_end) = www_end(bytes, pos)
            {
                (None, url_end)
            } else {
                (scanner.word_led(pos, letters_end), next)
            }
        } else if class & DIGIT != 0 {
            let hit = if !glued_before(bytes, pos) || scanner.prefixed_year(pos) {
                scanner.digit_led(pos, false)
            } else {
                None
            };
            (hit, number_group_end(bytes, pos))
        } else if class & SPECIAL != 0 {
            (None, skipper.region_end(text, pos).unwrap_or(pos + 1))
        } else {
            (None, pos + 1)
        };
        match hit {
            Some(hit) if hit.end <= limit && hit.start == pos => {
                pos = hit.end;
                accept(&mut scanner, &mut out, hit);
            }
            _ => pos = next.max(pos + 1),
        }
    }
    out
}

fn accept(scanner: &mut Scanner<'_>, out: &mut Vec<FoundDate>, hit: Hit) {
    let bytes = scanner.bytes;
    let mut context = classify(
        bytes,
        hit.start,
        hit.end,
        hit.context,
        &scanner.marks_at(hit.start),
    );
    if let Some(prev) = out.last_mut()
        && joined_as_range(bytes, &prev.range, hit.start)
    {
        if prev.context == DateContext::Plain {
            prev.context = DateContext::Range;
        }
        if context == DateContext::Plain {
            context = DateContext::Range;
        }
    }
    scanner.last = Some(Last {
        end: hit.end,
        value: hit.value,
        context,
    });
    let format = hit.format.build();
    // What the rules read is what the format shows: the pattern its spelling reads as.
    debug_assert_eq!(
        format.pattern(),
        super::parse_pattern(&format.to_string()).ok(),
        "{format}"
    );
    out.push(FoundDate {
        range: hit.start..hit.end,
        value: hit.value,
        range_end: hit.range_end,
        format,
        alternatives: hit.alts.iter().flatten().copied().collect(),
        invalid: hit.invalid.map(|reason| reason.to_string()),
        context,
    });
}
