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

fn is_word(bytes: &[u8], token: Tok, list: &[&[u8]]) -> bool {
    match token {
        Tok::Word(start, end) => list.iter().any(|word| eq_lower(&bytes[start..end], word)),
        _ => false,
    }
}

/// The token before `start`, looking through emphasis marks (`around **2012**`).
fn prev_word_tok(bytes: &[u8], start: usize) -> Tok {
    let mut token = prev_tok(bytes, start);
    for _ in 0..2 {
        match token {
            Tok::Punct(mark, _) if matches!(bytes[mark], b'*' | b'_') => token = prev_tok(bytes, mark),
            _ => break,
        }
    }
    token
}

/// The value of the number at `start`.
fn value_at(bytes: &[u8], start: usize) -> u32 {
    number(bytes, start).map_or(0, |number| number.val)
}

/// What follows a year allows it to be a date: the end of a line, punctuation, a function word
/// or a capitalised word; not a noun it counts (`2020 users`) or another number. For the first
/// end of a range (`from 1900 to 2000 items`) the other end decides.
pub(crate) fn follower_ok(bytes: &[u8], end: usize) -> bool {
    let next = next_tok(bytes, end);
    let joiner_end = match next {
        Tok::Word(start, _) => word_in(bytes, start, JOINERS),
        Tok::Punct(start, _) => dash(bytes, start),
        _ => None,
    };
    if let Some(joiner_end) = joiner_end
        && let Tok::Num(year_start, year_end) = next_tok(bytes, joiner_end)
    {
        return year_end - year_start == 4
            && BARE_YEARS.contains(&value_at(bytes, year_start))
            && !glued_after(bytes, year_end)
            && follower_ok_simple(bytes, year_end);
    }
    follower_ok_simple(bytes, end)
}

/// What follows a year is not a noun it counts (`2020 users`).
pub(crate) fn follower_ok_simple(bytes: &[u8], end: usize) -> bool {
    match next_tok(bytes, end) {
        Tok::Start | Tok::Punct(..) => true,
        Tok::Word(start, _) if bytes[start].is_ascii_uppercase() => true,
        word @ Tok::Word(..) => is_word(bytes, word, FUNCTION_WORDS),
        Tok::Num(..) => false,
    }
}

impl Scanner<'_> {
    /// A year standing alone, accepted only where the words around make it a date.
    pub(crate) fn bare_year(&self, start: usize, year: Num) -> Option<Hit> {
        let bytes = self.bytes;
        if !BARE_YEARS.contains(&year.val) || glued_after(bytes, year.end) {
            return None;
        }
        let context = self.bare_year_context(start, year.end)?;
        let mut format = FormatBuilder::new();
        format.token(Token::Year4);
        let mut hit = Hit::new(start, year.end, DateValue::Year(year.val as i32), format);
        hit.context = context;
        Some(hit)
    }

    /// Why a bare year at `p..end` is a date, if it is: `Some(hint)` accepts it.
    fn bare_year_context(&self, start: usize, end: usize) -> Option<Option<DateContext>> {
        let bytes = self.bytes;
        let weak_ok = value_at(bytes, start) <= WEAK_RULE_MAX;
        if let Some(context) = self.after_punctuation(start, end, weak_ok) {
            return Some(context);
        }
        if let Some(marker_end) = self.marks_at(start).copyright_end(start)
            && start - marker_end <= COPYRIGHT_GAP
            && self.last.is_none_or(|last| last.end < marker_end)
        {
            // The first year after a copyright marker (`Copyright (c) 2019`, `© Foo Inc. 2019`);
            // later numbers on the line (`Suite 1900`) only when listed.
            return Some(Some(DateContext::Copyright));
        }
        let prev = prev_word_tok(bytes, start);
        if is_word(bytes, prev, STRONG_BEFORE) {
            return Some(None);
        }
        if let Some(context) = self.after_preposition(prev, end) {
            return Some(context);
        }
        if self.opens_word_range(end) {
            return Some(Some(DateContext::Range));
        }
        if weak_ok && !matches!(prev, Tok::Num(..)) && is_word(bytes, next_tok(bytes, end), EVENT_NOUNS) {
            return Some(None);
        }
        (weak_ok && self.year_on_its_own(start, end)).then_some(None)
    }

    /// Punctuation before the year: citations `(2019)`, `(2013, January)`, `[2019]`,
    /// `Smith et al., 2019`, `(Myers, 1986)`; labels `Updated: 2019`, `(updated - 2012)`;
    /// `mid-2020`; lists of years `2019, 2020`.
    fn after_punctuation(&self, start: usize, end: usize, weak_ok: bool) -> Option<Option<DateContext>> {
        let bytes = self.bytes;
        let Tok::Punct(mark, mark_end) = prev_tok(bytes, start) else {
            return None;
        };
        let punct = bytes[mark];
        let after = at(bytes, end);
        let adjacent = mark_end == start;
        if weak_ok && adjacent && punct == b'(' && !glued_before(bytes, mark) {
            let clause =
                after == b',' && at(bytes, end + 1) == b' ' && at(bytes, end + 2).is_ascii_alphabetic();
            if after == b')' || clause {
                return Some(None);
            }
        }
        if weak_ok && adjacent && punct == b'[' && after == b']' {
            return Some(None);
        }
        let before = prev_tok(bytes, mark);
        if (punct == b':' || dash(bytes, mark).is_some())
            && !adjacent
            && is_word(bytes, before, STRONG_BEFORE)
        {
            return Some(None);
        }
        if dash(bytes, mark).is_some()
            && adjacent
            && matches!(before, Tok::Word(_, word_end) if word_end == mark)
        {
            return is_word(bytes, before, GLUED_PREFIXES).then_some(None);
        }
        if punct == b',' || punct == b'.' {
            // `et al., 2019`
            let word = match before {
                Tok::Punct(dot, _) if bytes[dot] == b'.' => prev_tok(bytes, dot),
                word => word,
            };
            if weak_ok && is_word(bytes, word, &[b"al"]) {
                return Some(None);
            }
        }
        let name_before = matches!(before, Tok::Word(word_start, word_end)
            if bytes[word_start].is_ascii_uppercase()
                && !matches!(lookup(&bytes[word_start..word_end]), Some(Lex::Month { .. })));
        let closes = matches!(next_tok(bytes, end), Tok::Start)
            || matches!(after, b')' | b']' | b';')
            || (after == b'.' && !at(bytes, end + 1).is_ascii_alphanumeric());
        if punct == b',' && weak_ok && name_before && closes {
            // An attribution: `Glen Maddern, 2015.`, `(Myers, 1986)`.
            return Some(None);
        }
        if matches!(punct, b',' | b'&')
            && let Some(last) = self.last
            && matches!(last.value, DateValue::Year(_))
            && matches!(before, Tok::Num(_, number_end) if number_end == last.end)
            && (last.context == DateContext::Copyright || follower_ok(bytes, end))
        {
            return Some(Some(last.context));
        }
        None
    }

    /// After a preposition (`in 2020`, `from 2015`, `the end of 2020`, `2019 to 2020`), unless a
    /// noun follows.
    fn after_preposition(&self, prev: Tok, end: usize) -> Option<Option<DateContext>> {
        let bytes = self.bytes;
        let Tok::Word(word_start, _) = prev else {
            return None;
        };
        if !is_word(bytes, prev, WEAK_BEFORE) || !follower_ok(bytes, end) {
            return None;
        }
        let before = prev_tok(bytes, word_start);
        let after_last =
            matches!((before, self.last), (Tok::Num(_, number_end), Some(last)) if number_end == last.end);
        let ok = if is_word(bytes, prev, &[b"of"]) {
            is_word(bytes, before, TIME_NOUNS)
        } else if is_word(bytes, prev, &[b"to", b"and", b"or", b"than"]) {
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
        let bytes = self.bytes;
        let Tok::Word(word_start, word_end) = next_tok(bytes, end) else {
            return false;
        };
        if word_in(bytes, word_start, &[b"to", b"through", b"until", b"till"]).is_none() {
            return false;
        }
        let Tok::Num(year_start, year_end) = next_tok(bytes, word_end) else {
            return false;
        };
        year_end - year_start == 4
            && BARE_YEARS.contains(&value_at(bytes, year_start))
            && !glued_after(bytes, year_end)
            && follower_ok_simple(bytes, year_end)
    }

    /// A year that stands for itself: alone on its line (a heading, a list item), or opening a
    /// line or sentence as a label (`2019: ...`, `2014. ...`) or a subject (`2014 was good`).
    fn year_on_its_own(&self, start: usize, end: usize) -> bool {
        let bytes = self.bytes;
        if line_alone(bytes, start, end) {
            return true;
        }
        let sentence_start = starts_line(bytes, start)
            || matches!(prev_tok(bytes, start), Tok::Punct(mark, _)
                if matches!(bytes[mark], b'.' | b'!' | b'?'));
        if !sentence_start {
            return false;
        }
        match next_tok(bytes, end) {
            Tok::Punct(token_start, token_end) => {
                let punct = bytes[token_start];
                (punct == b':' || dash(bytes, token_start).is_some() || punct == b'.')
                    && (token_end == bytes.len()
                        || matches!(at(bytes, token_end), b' ' | b'\t' | b'\r' | b'\n'))
            }
            word @ Tok::Word(token_start, token_end) => {
                is_word(bytes, word, SUBJECT_VERBS)
                    || (eq_lower(&bytes[token_start..token_end], b"at")
                        && matches!(next_tok(bytes, token_end), Tok::Num(..)))
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
            .map(|found| &text[found.range])
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
        let found = find_dates("Copyright (c) 2012, 2013 Foo", &[]);
        assert_eq!(found.len(), 2);
        assert!(found.iter().all(|date| date.context == DateContext::Copyright));
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
        let found = find_dates("from 2015 to 2018 we", &[]);
        assert_eq!(found.len(), 2);
        assert!(found.iter().all(|date| date.context == DateContext::Range));
        assert_eq!(years("between 2010 and 2015 it changed"), ["2010", "2015"]);
    }
}
