//! Bare years (`2019` with nothing else) are dates only where the words around make them so:
//! after `since`/`in`/`as of`/`until`/`from`, after a label (`Last updated: 2019`), in a
//! copyright notice or a list of its years, as a citation (`(2019)`, `Smith et al., 2019`), as one
//! end of a range (`2019 to 2020`), before an event noun (`the 2019 survey`), or alone on a line.
//! A year followed by a noun it counts (`in 2020 users`) is not a date.

use super::DateContext;
use super::context::{line_alone, starts_line};
use super::hit::{FormatBuilder, Hit};
use super::lexicon::{Lex, eq_lower, lookup};
use super::parts::word_in;
use super::pattern::Token;
use super::scan::{GLUED_PREFIXES, Scanner};
use super::text::{Num, Tok, at, dash, glued_after, glued_before, next_tok, number, prev_tok};
use super::value::DateValue;

/// Years a bare number may be read as.
pub(crate) const BARE_YEARS: std::ops::RangeInclusive<u32> = 1800..=2099;

/// The latest year accepted from weak evidence (a citation, a year alone on a line, an event
/// noun): `(2048)` and `## 2048` are more often numbers.
const WEAK_RULE_MAX: u32 = 2035;

/// How far after a copyright marker its year may stand (`© Foo Bar Inc. 2019`).
const COPYRIGHT_GAP: usize = 80;

/// Words after which a bare year is a date whatever follows it.
#[rustfmt::skip]
const STRONG_BEFORE: &[&[u8]] = &[
    b"since", b"circa", b"ca", b"early", b"late", b"mid", b"spring", b"summer", b"autumn", b"fall",
    b"winter", b"copyright", b"updated", b"modified", b"released", b"published", b"dated", b"established",
    b"founded", b"revised", b"created", b"written", b"launched", b"started", b"began", b"begun", b"year",
    b"date", b"born", b"died", b"introduced", b"acquired", b"renamed", b"rewritten", b"deprecated",
    b"archived", b"discontinued", b"abandoned", b"retired", b"formed", b"incorporated", b"copr", b"al",
];

/// Prepositions after which a bare year is a date unless a noun follows (`in 2020 we` is a
/// date, `in 2020 users` is not).
#[rustfmt::skip]
const WEAK_BEFORE: &[&[u8]] = &[
    b"in", b"from", b"by", b"before", b"after", b"around", b"between", b"through", b"until", b"till",
    b"during", b"throughout", b"of", b"to", b"and", b"or", b"than",
];

/// Nouns of time before `of` (`the end of 2020`, `summer of 2019`, `as of 2021`).
#[rustfmt::skip]
const TIME_NOUNS: &[&[u8]] = &[
    b"end", b"start", b"beginning", b"middle", b"half", b"summer", b"spring", b"fall", b"autumn", b"winter",
    b"quarter", b"class", b"as", b"rest", b"months", b"part", b"course",
];

/// Words that may follow a year used as a date.
#[rustfmt::skip]
const FUNCTION_WORDS: &[&[u8]] = &[
    b"the", b"a", b"an", b"and", b"or", b"but", b"nor", b"we", b"i", b"you", b"he", b"she", b"it", b"they",
    b"our", b"my", b"his", b"her", b"their", b"its", b"this", b"that", b"these", b"those", b"there",
    b"when", b"while", b"as", b"at", b"by", b"for", b"from", b"in", b"into", b"on", b"onto", b"of", b"to",
    b"with", b"without", b"after", b"before", b"until", b"till", b"since", b"so", b"then", b"which", b"who",
    b"where", b"was", b"were", b"is", b"are", b"has", b"had", b"have", b"will", b"would", b"could",
    b"should", b"can", b"did", b"does", b"do", b"been", b"be", b"not", b"also", b"only", b"just",
    b"already", b"through", b"during", b"via", b"under", b"over", b"up", b"out", b"about", b"around",
    b"among", b"following", b"including", b"onwards", b"onward", b"forward", b"now", b"later", b"earlier",
    b"ago", b"again", b"too", b"still", b"if", b"because", b"once", b"though", b"although", b"yet", b"here",
    b"all", b"some", b"many", b"most", b"several", b"both", b"each", b"every", b"no", b"other", b"another",
    b"such", b"what", b"how", b"why", b"became", b"got", b"saw", b"brought", b"made", b"went", b"came",
    b"took", b"gave", b"moved", b"released", b"started", b"began", b"launched", b"introduced", b"added",
    b"removed", b"changed", b"published", b"created", b"et", b"al", b"vs", b"versus",
];

/// Nouns after which a year names a time (`the 2019 survey`, `our 2024 roadmap`).
#[rustfmt::skip]
const EVENT_NOUNS: &[&[u8]] = &[
    b"survey", b"release", b"releases", b"election", b"season", b"conference", b"report", b"roadmap",
    b"summit", b"review", b"audit", b"rewrite", b"redesign", b"benchmark", b"benchmarks", b"results",
    b"census", b"workshop", b"keynote", b"talk", b"study", b"paper", b"meetup", b"hackathon",
    b"competition", b"challenge", b"award", b"awards", b"budget", b"plan", b"goals", b"milestone",
    b"milestones", b"retrospective", b"cohort", b"semester", b"spring", b"summer", b"fall", b"autumn",
    b"winter",
];

/// Verbs that make a year at the start of a sentence its subject (`2014 was good`).
const SUBJECT_VERBS: &[&[u8]] = &[b"was", b"saw", b"brought", b"marked"];

/// Words joining the ends of a range or list of years.
const JOINERS: &[&[u8]] = &[b"to", b"and", b"or", b"through", b"until", b"till"];

fn is_word(b: &[u8], t: Tok, list: &[&[u8]]) -> bool {
    match t {
        Tok::Word(s, e) => list.iter().any(|w| eq_lower(&b[s..e], w)),
        _ => false,
    }
}

/// The token before `p`, looking through emphasis marks (`around **2012**`).
fn prev_word_tok(b: &[u8], p: usize) -> Tok {
    let mut t = prev_tok(b, p);
    for _ in 0..2 {
        match t {
            Tok::Punct(s, _) if matches!(b[s], b'*' | b'_') => t = prev_tok(b, s),
            _ => break,
        }
    }
    t
}

/// The value of the number at `p`.
fn value_at(b: &[u8], p: usize) -> u32 {
    number(b, p).map_or(0, |n| n.val)
}

/// What follows a year allows it to be a date: the end of a line, punctuation, a function word
/// or a capitalised word; not a noun it counts (`2020 users`) or another number. For the first
/// end of a range (`from 1900 to 2000 items`) the other end decides.
pub(crate) fn follower_ok(b: &[u8], end: usize) -> bool {
    let t = next_tok(b, end);
    let joiner_end = match t {
        Tok::Word(s, _) => word_in(b, s, JOINERS),
        Tok::Punct(s, _) => dash(b, s),
        _ => None,
    };
    if let Some(je) = joiner_end
        && let Tok::Num(ns, ne) = next_tok(b, je)
    {
        return ne - ns == 4
            && BARE_YEARS.contains(&value_at(b, ns))
            && !glued_after(b, ne)
            && follower_ok_simple(b, ne);
    }
    follower_ok_simple(b, end)
}

/// What follows a year is not a noun it counts (`2020 users`).
pub(crate) fn follower_ok_simple(b: &[u8], end: usize) -> bool {
    match next_tok(b, end) {
        Tok::Start | Tok::Punct(..) => true,
        Tok::Word(s, _) if b[s].is_ascii_uppercase() => true,
        t @ Tok::Word(..) => is_word(b, t, FUNCTION_WORDS),
        Tok::Num(..) => false,
    }
}

impl Scanner<'_> {
    /// A year standing alone, accepted only where the words around make it a date.
    pub(crate) fn bare_year(&self, p: usize, y: Num) -> Option<Hit> {
        let b = self.b;
        if !BARE_YEARS.contains(&y.val) || glued_after(b, y.end) {
            return None;
        }
        let ctx = self.bare_year_context(p, y.end)?;
        let mut f = FormatBuilder::new();
        f.token(Token::Year4);
        let mut h = Hit::new(p, y.end, DateValue::Year(y.val as i32), f);
        h.context = ctx;
        Some(h)
    }

    /// Why a bare year at `p..end` is a date, if it is: `Some(hint)` accepts it.
    fn bare_year_context(&self, p: usize, end: usize) -> Option<Option<DateContext>> {
        let b = self.b;
        let weak_ok = value_at(b, p) <= WEAK_RULE_MAX;
        if let Some(ctx) = self.after_punctuation(p, end, weak_ok) {
            return Some(ctx);
        }
        if let Some(me) = self.marks_at(p).copyright_end(p)
            && p - me <= COPYRIGHT_GAP
            && self.last.is_none_or(|l| l.end < me)
        {
            // The first year after a copyright marker (`Copyright (c) 2019`, `© Foo Inc. 2019`);
            // later numbers on the line (`Suite 1900`) only when listed.
            return Some(Some(DateContext::Copyright));
        }
        let prev = prev_word_tok(b, p);
        if is_word(b, prev, STRONG_BEFORE) {
            return Some(None);
        }
        if let Some(ctx) = self.after_preposition(prev, end) {
            return Some(ctx);
        }
        if self.opens_word_range(end) {
            return Some(Some(DateContext::Range));
        }
        if weak_ok && !matches!(prev, Tok::Num(..)) && is_word(b, next_tok(b, end), EVENT_NOUNS) {
            return Some(None);
        }
        (weak_ok && self.year_on_its_own(p, end)).then_some(None)
    }

    /// Punctuation before the year: citations `(2019)`, `(2013, January)`, `[2019]`,
    /// `Smith et al., 2019`, `(Myers, 1986)`; labels `Updated: 2019`, `(updated - 2012)`;
    /// `mid-2020`; lists of years `2019, 2020`.
    fn after_punctuation(&self, p: usize, end: usize, weak_ok: bool) -> Option<Option<DateContext>> {
        let b = self.b;
        let Tok::Punct(s, e) = prev_tok(b, p) else {
            return None;
        };
        let c = b[s];
        let after = at(b, end);
        let adjacent = e == p;
        if weak_ok && adjacent && c == b'(' && !glued_before(b, s) {
            let clause = after == b',' && at(b, end + 1) == b' ' && at(b, end + 2).is_ascii_alphabetic();
            if after == b')' || clause {
                return Some(None);
            }
        }
        if weak_ok && adjacent && c == b'[' && after == b']' {
            return Some(None);
        }
        let before = prev_tok(b, s);
        if (c == b':' || dash(b, s).is_some()) && !adjacent && is_word(b, before, STRONG_BEFORE) {
            return Some(None);
        }
        if dash(b, s).is_some() && adjacent && matches!(before, Tok::Word(_, we) if we == s) {
            return is_word(b, before, GLUED_PREFIXES).then_some(None);
        }
        if c == b',' || c == b'.' {
            // `et al., 2019`
            let t = match before {
                Tok::Punct(s2, _) if b[s2] == b'.' => prev_tok(b, s2),
                t => t,
            };
            if weak_ok && is_word(b, t, &[b"al"]) {
                return Some(None);
            }
        }
        let name_before = matches!(before, Tok::Word(ws, we)
            if b[ws].is_ascii_uppercase() && !matches!(lookup(&b[ws..we]), Some(Lex::Month { .. })));
        let closes = matches!(next_tok(b, end), Tok::Start)
            || matches!(after, b')' | b']' | b';')
            || (after == b'.' && !at(b, end + 1).is_ascii_alphanumeric());
        if c == b',' && weak_ok && name_before && closes {
            // An attribution: `Glen Maddern, 2015.`, `(Myers, 1986)`.
            return Some(None);
        }
        if matches!(c, b',' | b'&')
            && let Some(last) = self.last
            && matches!(last.value, DateValue::Year(_))
            && matches!(before, Tok::Num(_, ne) if ne == last.end)
            && (last.context == DateContext::Copyright || follower_ok(b, end))
        {
            return Some(Some(last.context));
        }
        None
    }

    /// After a preposition (`in 2020`, `from 2015`, `the end of 2020`, `2019 to 2020`), unless a
    /// noun follows.
    fn after_preposition(&self, prev: Tok, end: usize) -> Option<Option<DateContext>> {
        let b = self.b;
        let Tok::Word(s, _) = prev else {
            return None;
        };
        if !is_word(b, prev, WEAK_BEFORE) || !follower_ok(b, end) {
            return None;
        }
        let before = prev_tok(b, s);
        let after_last = matches!((before, self.last), (Tok::Num(_, ne), Some(l)) if ne == l.end);
        let ok = if is_word(b, prev, &[b"of"]) {
            is_word(b, before, TIME_NOUNS)
        } else if is_word(b, prev, &[b"to", b"and", b"or", b"than"]) {
            // The second end of a range or list: `2019 to 2020`, `between 2019 and 2020`.
            after_last
        } else {
            true
        };
        if !ok {
            return None;
        }
        // Both ends of a range get the range context when the second is accepted.
        Some(None)
    }

    /// The first end of a range written with words: `2019 to 2020`.
    fn opens_word_range(&self, end: usize) -> bool {
        let b = self.b;
        let Tok::Word(s, e) = next_tok(b, end) else {
            return false;
        };
        if word_in(b, s, &[b"to", b"through", b"until", b"till"]).is_none() {
            return false;
        }
        let Tok::Num(ns, ne) = next_tok(b, e) else {
            return false;
        };
        ne - ns == 4
            && BARE_YEARS.contains(&value_at(b, ns))
            && !glued_after(b, ne)
            && follower_ok_simple(b, ne)
    }

    /// A year that stands for itself: alone on its line (a heading, a list item), or opening a
    /// line or sentence as a label (`2019: ...`, `2014. ...`) or a subject (`2014 was good`).
    fn year_on_its_own(&self, p: usize, end: usize) -> bool {
        let b = self.b;
        if line_alone(b, p, end) {
            return true;
        }
        let sentence_start = starts_line(b, p)
            || matches!(prev_tok(b, p), Tok::Punct(s, _) if matches!(b[s], b'.' | b'!' | b'?'));
        if !sentence_start {
            return false;
        }
        match next_tok(b, end) {
            Tok::Punct(s, e) => {
                let c = b[s];
                (c == b':' || dash(b, s).is_some() || c == b'.')
                    && (e == b.len() || matches!(at(b, e), b' ' | b'\t' | b'\r' | b'\n'))
            }
            t @ Tok::Word(s, e) => {
                is_word(b, t, SUBJECT_VERBS)
                    || (eq_lower(&b[s..e], b"at") && matches!(next_tok(b, e), Tok::Num(..)))
            }
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::dates::{DateContext, find_dates};

    fn years(text: &str) -> Vec<&str> {
        find_dates(text, &[])
            .into_iter()
            .map(|d| &text[d.range])
            .collect()
    }

    #[test]
    fn prepositions() {
        assert_eq!(years("since 2014"), ["2014"]);
        assert_eq!(years("In 2020 we moved"), ["2020"]);
        assert_eq!(years("in 2020 users"), Vec::<&str>::new());
        assert_eq!(years("as of 2023) the best"), ["2023"]);
        assert_eq!(years("in the second half of 2025"), ["2025"]);
        assert_eq!(years("a list of 2000 items"), Vec::<&str>::new());
        assert_eq!(years("from 1900 to 2000 items"), Vec::<&str>::new());
        assert_eq!(years("in early 2020, and mid-2021"), ["2020", "2021"]);
        assert_eq!(years("from around **2012** and"), ["2012"]);
    }

    #[test]
    fn labels_and_citations() {
        assert_eq!(years("Last updated: 2019"), ["2019"]);
        assert_eq!(years("(last updated - 2021)"), ["2021"]);
        assert_eq!(years("Smith et al. (2019) showed"), ["2019"]);
        assert_eq!(years("as shown by Smith et al., 2019"), ["2019"]);
        assert_eq!(years("(Myers, 1986)."), ["1986"]);
        assert_eq!(years("Faro, S. (2013, January)."), ["2013"]);
        assert_eq!(years("Glen Maddern, 2015."), ["2015"]);
        assert_eq!(years("delay(2000)"), Vec::<&str>::new());
        assert_eq!(years("buffer size (2048)"), Vec::<&str>::new());
    }

    #[test]
    fn copyright_years() {
        let d = find_dates("Copyright (c) 2012, 2013 Foo", &[]);
        assert_eq!(d.len(), 2);
        assert!(d.iter().all(|d| d.context == DateContext::Copyright));
        assert_eq!(years("Copyright (c) 2019 Foo, Suite 1900, Boston"), ["2019"]);
        assert_eq!(years("Copyright Fedor Indutny, 2014."), ["2014"]);
    }

    #[test]
    fn lines_and_events() {
        assert_eq!(years("## 2023"), ["2023"]);
        assert_eq!(years("2014 was good!"), ["2014"]);
        assert_eq!(years("2014. July 13th"), ["2014", "July 13th"]);
        assert_eq!(years("- 2019: first release"), ["2019"]);
        assert_eq!(years("The 2019 survey shows"), ["2019"]);
        assert_eq!(years("## 2048"), Vec::<&str>::new());
        assert_eq!(years("2048 is a game"), Vec::<&str>::new());
        assert_eq!(years("in the early 1960's"), Vec::<&str>::new());
    }

    #[test]
    fn ranges_in_words() {
        let d = find_dates("from 2015 to 2018 we", &[]);
        assert_eq!(d.len(), 2);
        assert!(d.iter().all(|d| d.context == DateContext::Range));
        assert_eq!(years("between 2010 and 2015 it changed"), ["2010", "2015"]);
    }
}
