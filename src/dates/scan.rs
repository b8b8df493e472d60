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
    pub b: &'a [u8],
    pub last: Option<Last>,
    /// Context words on the current line, scanned forward as candidates move on.
    marks: Cell<LineMarks>,
}

impl Scanner<'_> {
    /// The context words on the line before `p`.
    pub(crate) fn marks_at(&self, p: usize) -> LineMarks {
        let mut m = self.marks.get();
        m.advance(self.b, p);
        self.marks.set(m);
        m
    }

    /// A date starting with the digit at `p`. `weekday`: a weekday was written just before.
    pub(crate) fn digit_led(&self, p: usize, weekday: bool) -> Option<Hit> {
        let b = self.b;
        let n1 = number(b, p)?;
        match n1.len() {
            4 => self.year_led(p, n1),
            1 | 2 => {
                let c = at(b, n1.end);
                if matches!(c, b'/' | b'-' | b'.')
                    && is_digit_at(b, n1.end + 1)
                    && let Some(h) = self.numeric(p, n1, c, weekday)
                {
                    return Some(h);
                }
                self.day_first(p, n1)
            }
            _ => None,
        }
    }

    /// A date starting with the ASCII word at `p..we`.
    fn word_led(&self, p: usize, we: usize) -> Option<Hit> {
        let b = self.b;
        if we == p + 1 && b[p] == b'Q' {
            return self.quarter_led(p);
        }
        match lookup(&b[p..we])? {
            Lex::Month { .. } => self.month_led(p),
            Lex::Weekday { day, abbr } => self.weekday_led(p, day, abbr),
            Lex::Ordinal(_) | Lex::Tens(_) => self.ordinal_led(p),
        }
    }

    /// A digit glued by a hyphen to a prefix that makes it a date: `mid-2020`.
    fn prefixed_year(&self, p: usize) -> bool {
        let b = self.b;
        p >= 2
            && dash(b, p - 1).is_some()
            && matches!(prev_tok(b, p - 1), Tok::Word(s, e) if e == p - 1 && word_in(b, s, GLUED_PREFIXES).is_some())
    }
}

/// Is the text between two dates (`prev` and one starting at `c`) a range joiner: `-`, `–`,
/// `to`, `through`, `until`, or `and` after `between`?
fn joined_as_range(b: &[u8], prev: &Range<usize>, c: usize) -> bool {
    let a = prev.end;
    if c < a || c - a > 24 {
        return false;
    }
    let t = skip_ws(b, a);
    let e = match dash(b, t) {
        Some(e) => e,
        None => match word_in(b, t, &[b"to", b"through", b"thru", b"until", b"till"]) {
            Some(e) => e,
            None => match word_in(b, t, &[b"and"]) {
                Some(e) if matches!(prev_tok(b, prev.start), Tok::Word(s, _) if word_in(b, s, &[b"between"]).is_some()) => {
                    e
                }
                _ => return false,
            },
        },
    };
    skip_ws(b, e) == c
}

/// End of a run of digits and number punctuation (`1.5.3`, `10:30`, `2FA`) starting at `p`.
fn number_group_end(b: &[u8], p: usize) -> usize {
    let mut i = alnum_end(b, p);
    while matches!(at(b, i), b'.' | b':' | b',' | b'/' | b'-') && is_digit_at(b, i + 1) {
        i = alnum_end(b, i + 1);
    }
    i
}

/// Runs the pass; see [`super::find_dates`].
pub(crate) fn scan(text: &str, excluded: &[Range<usize>]) -> Vec<FoundDate> {
    let b = text.as_bytes();
    let mut s = Scanner {
        b,
        last: None,
        marks: Cell::new(LineMarks::default()),
    };
    let mut out: Vec<FoundDate> = Vec::new();
    let mut skipper = Skipper::new();
    let mut ex = 0;
    let mut i = 0;
    while i < b.len() {
        let cls = CLASS[usize::from(b[i])];
        if cls == 0 {
            i += 1;
            continue;
        }
        while ex < excluded.len() && excluded[ex].end <= i {
            ex += 1;
        }
        if ex < excluded.len() && excluded[ex].start <= i {
            i = excluded[ex].end;
            continue;
        }
        let limit = excluded.get(ex).map_or(b.len(), |r| r.start);
        let (hit, next) = if cls & ALPHA != 0 {
            if !may_start_word(b[i]) && b[i] != b'Q' {
                i = alnum_end(b, i + 1);
                continue;
            }
            let we = word_end(b, i);
            let next = alnum_end(b, we);
            if b[i] | 0x20 == b'w'
                && let Some(e) = www_end(b, i)
            {
                (None, e)
            } else {
                (s.word_led(i, we), next)
            }
        } else if cls & DIGIT != 0 {
            let hit = if !glued_before(b, i) || s.prefixed_year(i) {
                s.digit_led(i, false)
            } else {
                None
            };
            (hit, number_group_end(b, i))
        } else if cls & SPECIAL != 0 {
            (None, skipper.region_end(b, i).unwrap_or(i + 1))
        } else {
            (None, i + 1)
        };
        match hit {
            Some(h) if h.end <= limit && h.start == i => {
                i = h.end;
                accept(&mut s, &mut out, h);
            }
            _ => i = next.max(i + 1),
        }
    }
    out
}

fn accept(s: &mut Scanner<'_>, out: &mut Vec<FoundDate>, h: Hit) {
    let b = s.b;
    let mut context = classify(b, h.start, h.end, h.context, &s.marks_at(h.start));
    if let Some(prev) = out.last_mut()
        && joined_as_range(b, &prev.range, h.start)
    {
        if prev.context == DateContext::Plain {
            prev.context = DateContext::Range;
        }
        if context == DateContext::Plain {
            context = DateContext::Range;
        }
    }
    s.last = Some(Last {
        end: h.end,
        value: h.value,
        context,
    });
    let format = h.format.build();
    // What the rules read is what the format shows: the pattern its spelling reads as.
    debug_assert_eq!(
        format.pattern(),
        super::parse_pattern(&format.to_string()).ok(),
        "{format}"
    );
    out.push(FoundDate {
        range: h.start..h.end,
        value: h.value,
        range_end: h.range_end,
        format,
        alternatives: h.alts.iter().flatten().copied().collect(),
        invalid: h.invalid.map(|r| r.to_string()),
        context,
    });
}
