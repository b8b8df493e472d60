//! The words around a candidate: what makes a number a date, what makes it a name or a version,
//! and which context (copyright, last updated, release, range) a found date is in.

use super::DateContext;
use super::lexicon::eq_lower;
use super::marks::LineMarks;
use super::text::{Tok, at, line_start, next_tok, prev_tok};

/// Words after which a year-like number is a name or a count, not a date
/// (`ECMAScript 2018`, `RFC 2046`, `edition 2021`, `draft 2020-12`, `version 2019.1`, `ports 2000-2048`).
#[rustfmt::skip]
const NAME_WORDS: &[&[u8]] = &[
    b"ecmascript", b"ecma", b"es", b"edition", b"rfc", b"iso", b"iec", b"ieee", b"ansi", b"posix", b"draft",
    b"schema", b"windows", b"win", b"server", b"studio", b"office", b"sql", b"vs", b"msvc", b"c", b"cpp",
    b"cxx", b"gnu", b"rust", b"unicode", b"excel", b"autocad", b"matlab", b"ubuntu", b"debian", b"level",
    b"profile", b"version", b"versions", b"ver", b"v", b"tag", b"build", b"revision", b"rev", b"calver",
    b"patch", b"chapter", b"page", b"pages", b"pp", b"issue", b"issues", b"pr", b"prs", b"pull", b"ticket",
    b"bug", b"item", b"items", b"number", b"no", b"nr", b"port", b"ports", b"line", b"lines", b"row",
    b"rows", b"id", b"ids", b"step", b"steps", b"table", b"figure", b"fig", b"section", b"error", b"code",
    b"status", b"kb", b"mb", b"gb", b"size", b"width", b"height", b"pid", b"uid", b"gid", b"option",
    b"options", b"exercise", b"problem", b"lesson", b"part", b"volume", b"vol", b"sp", b"rs", b"cve",
];

/// Words that introduce a date: a numeric date after them is not a version or a fraction.
#[rustfmt::skip]
const INTRO_WORDS: &[&[u8]] = &[
    b"on", b"since", b"from", b"until", b"till", b"to", b"by", b"before", b"after", b"through", b"thru",
    b"due", b"dated", b"date", b"released", b"updated", b"published", b"modified", b"created", b"posted",
    b"starting", b"ending", b"effective", b"expires", b"expired", b"as", b"of", b"in", b"at", b"is", b"was",
    b"between", b"and", b"deadline", b"changed", b"revised", b"written", b"day", b"the", b"recorded",
    b"edited", b"added", b"removed", b"deprecated", b"launched", b"shipped", b"closed", b"opened",
    b"merged", b"tagged", b"every", b"each",
];

/// Words that make a day and month without a year (`on 5/31`) a date rather than a fraction.
#[rustfmt::skip]
const MONTH_DAY_INTRO: &[&[u8]] = &[
    b"on", b"by", b"before", b"after", b"until", b"till", b"since", b"from", b"due", b"through", b"thru",
    b"starting", b"ending", b"effective", b"expires", b"deadline", b"date", b"dated",
];

fn word_in_list(b: &[u8], t: Tok, list: &[&[u8]]) -> bool {
    match t {
        Tok::Word(s, e) => list.iter().any(|w| eq_lower(&b[s..e], w)),
        _ => false,
    }
}

/// The word (or one of a few punctuation marks) before `p` names the number that follows.
pub(crate) fn name_before(b: &[u8], p: usize) -> bool {
    let t = prev_tok(b, p);
    if word_in_list(b, t, NAME_WORDS) {
        return true;
    }
    version_op_before(b, p)
}

/// A version constraint operator before `p`: `>= 2019.1`, `== 2020.02`, `@2019`, `^2019`.
pub(crate) fn version_op_before(b: &[u8], p: usize) -> bool {
    match prev_tok(b, p) {
        Tok::Punct(s, _) => matches!(b[s], b'>' | b'<' | b'=' | b'~' | b'^' | b'@' | b'!'),
        _ => false,
    }
}

/// A dotted `YYYY.MM.DD` is a date (not a CalVer version after a package name) only after
/// the start of a line, a separator, or a word that introduces a date.
pub(crate) fn dotted_ok(b: &[u8], p: usize) -> bool {
    match prev_tok(b, p) {
        Tok::Start => true,
        Tok::Punct(s, _) => {
            matches!(b[s], b'(' | b'[' | b':' | b',' | b'|' | b'-' | b'*' | b'#' | b'>') || b[s] >= 0x80
        }
        t @ Tok::Word(..) => word_in_list(b, t, INTRO_WORDS),
        Tok::Num(..) => false,
    }
}

/// Context that makes a bare `M/D` a date: an introducing word before it, a clock time or
/// `at <time>` after it, or (when `alone_ok`) the line holding nothing else.
pub(crate) fn month_day_context(b: &[u8], p: usize, end: usize, alone_ok: bool) -> bool {
    let t = prev_tok(b, p);
    if word_in_list(b, t, MONTH_DAY_INTRO) {
        return true;
    }
    if let Tok::Punct(s, _) = t
        && b[s] == b':'
        && word_in_list(
            b,
            prev_tok(b, s),
            &[b"date", b"due", b"deadline", b"on", b"updated"],
        )
    {
        return true;
    }
    match next_tok(b, end) {
        Tok::Word(s, e) if eq_lower(&b[s..e], b"at") => {
            matches!(next_tok(b, e), Tok::Num(..))
        }
        Tok::Num(s, _) => super::text::is_time_at(b, s),
        Tok::Start => alone_ok && line_alone(b, p, end),
        _ => false,
    }
}

/// Markdown line markers that may precede the only content of a line.
fn is_line_marker(c: u8) -> bool {
    matches!(
        c,
        b'#' | b'-' | b'*' | b'+' | b'>' | b' ' | b'\t' | b'(' | b'[' | b'_'
    )
}

/// The span `p..end` is the only content of its line, apart from list/heading markers,
/// emphasis, brackets and closing punctuation.
pub(crate) fn line_alone(b: &[u8], p: usize, end: usize) -> bool {
    let ls = line_start(b, p, 16);
    if !b[ls..p].iter().all(|&c| is_line_marker(c)) {
        return false;
    }
    let mut i = end;
    while i < b.len() && i - end < 8 {
        match b[i] {
            b'\n' => return true,
            b'\r' if at(b, i + 1) == b'\n' => return true,
            b' ' | b'\t' | b'.' | b':' | b')' | b']' | b'*' | b'_' | b'!' | b';' | b',' => i += 1,
            _ => return false,
        }
    }
    i >= b.len()
}

/// The span starts its line or sentence (after markdown markers).
pub(crate) fn starts_line(b: &[u8], p: usize) -> bool {
    let ls = line_start(b, p, 16);
    b[ls..p].iter().all(|&c| is_line_marker(c))
}

/// A version number at `p`: `v3`, `1.2`, `1.2.0`, `v0.6.0`; returns its end.
fn version_at(b: &[u8], p: usize) -> Option<usize> {
    let v = matches!(at(b, p), b'v' | b'V');
    let d = if v { p + 1 } else { p };
    let mut e = d;
    while e < b.len() && b[e].is_ascii_digit() {
        e += 1;
    }
    if e == d {
        return None;
    }
    let mut dots = 0;
    while at(b, e) == b'.' && at(b, e + 1).is_ascii_digit() {
        e += 1;
        while e < b.len() && b[e].is_ascii_digit() {
            e += 1;
        }
        dots += 1;
    }
    ((v || dots > 0) && !at(b, e).is_ascii_alphabetic()).then_some(e)
}

/// Changelog lines: the line opens with a version number (`## 1.2.0 - 2021-03-04`,
/// `- **v3 (Apr 2019):**`, `### [2.0.1] / 2012-01-06`) before the date.
fn version_opens_line(b: &[u8], start: usize) -> bool {
    let ls = line_start(b, start, CONTEXT_WINDOW);
    let mut i = ls;
    while i < start
        && matches!(
            b[i],
            b'#' | b'-' | b'*' | b'+' | b'>' | b' ' | b'\t' | b'[' | b'_' | b'|'
        )
    {
        i += 1;
    }
    let Some(e) = version_at(b, i).filter(|&e| e <= start) else {
        return false;
    };
    // `2.5 million downloads since 2019` opens with a number, not a version.
    let mut j = e;
    while j < start && matches!(b[j], b']' | b'*' | b'_' | b')') {
        j += 1;
    }
    let k = super::text::skip_hspace(b, j);
    k == start
        || matches!(at(b, k), b'-' | b'(' | b':' | b'/' | b'|' | b',')
        || super::text::dash(b, k).is_some()
}

/// Changelog lines led by the date: `2013-09-26 - v0.1.1 - Fixed some bugs`.
fn version_follows(b: &[u8], end: usize) -> bool {
    let mut i = end;
    while i < b.len()
        && i - end < 8
        && matches!(
            b[i],
            b' ' | b'\t' | b'-' | b':' | b'(' | b'[' | b'|' | b'*' | b'/'
        )
    {
        i += 1;
    }
    i > end && version_at(b, i).is_some()
}

/// How far back on the line a version number opening it is looked for.
const CONTEXT_WINDOW: usize = 96;

/// The context of a date found at `start..end`: a copyright line, a last-updated note, a release
/// line, a range, or plain prose. `marks` holds the context words seen on the line.
pub(crate) fn classify(
    b: &[u8],
    start: usize,
    end: usize,
    hint: Option<DateContext>,
    marks: &LineMarks,
) -> DateContext {
    if hint == Some(DateContext::Copyright) || marks.copyright(start) {
        return DateContext::Copyright;
    }
    let updated = marks.updated(start);
    let release = marks
        .release(start)
        .or_else(|| version_opens_line(b, start).then_some(0));
    match (updated, release) {
        (Some(u), Some(r)) if u >= r => return DateContext::LastUpdated,
        (Some(_), None) => return DateContext::LastUpdated,
        (_, Some(_)) => return DateContext::Release,
        _ => {}
    }
    if starts_line(b, start) && version_follows(b, end) {
        return DateContext::Release;
    }
    hint.unwrap_or(DateContext::Plain)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_versions() {
        assert!(name_before(b"ECMAScript 2018", 11));
        assert!(name_before(b"draft 2020-12", 6));
        assert!(name_before(b"pkg >= 2019.1", 7));
        assert!(!name_before(b"in 2019", 3));
    }

    #[test]
    fn dotted_needs_an_introduction() {
        assert!(!dotted_ok(b"regex 2019.02.19", 6));
        assert!(dotted_ok(b"released 2019.02.19", 9));
        assert!(dotted_ok(b"2019.02.19", 0));
        assert!(dotted_ok(b"date: 2019.02.19", 6));
    }

    #[test]
    fn month_day() {
        assert!(month_day_context(b"due 5/31", 4, 8, true));
        assert!(month_day_context(b"1/8 at 12pm", 0, 3, true));
        assert!(month_day_context(b"5/31", 0, 4, true));
        assert!(!month_day_context(b"5/31", 0, 4, false));
        assert!(!month_day_context(b"passed 10/11 tests", 7, 12, true));
        assert!(!month_day_context(b"support 24/7.", 8, 12, true));
    }

    #[test]
    fn lines() {
        assert!(line_alone(b"## 2023\nx", 3, 7));
        assert!(line_alone(b"- 2023.", 2, 6));
        assert!(!line_alone(b"in 2023 x", 3, 7));
        assert!(starts_line(b"x\n2014 was", 2));
    }

    fn ctx(t: &str, start: usize, end: usize, hint: Option<DateContext>) -> DateContext {
        let mut m = LineMarks::default();
        m.advance(t.as_bytes(), start);
        classify(t.as_bytes(), start, end, hint, &m)
    }

    #[test]
    fn contexts() {
        assert_eq!(
            ctx("Copyright (c) 2019 Foo", 14, 18, None),
            DateContext::Copyright
        );
        assert_eq!(
            ctx("Last updated: Wed, 20 May 2020", 14, 30, None),
            DateContext::LastUpdated
        );
        assert_eq!(ctx("## 1.2.0 - 2021-03-04", 11, 21, None), DateContext::Release);
        assert_eq!(ctx("- **v3 (Apr 2019):** x", 8, 16, None), DateContext::Release);
        assert_eq!(ctx("Released on 3 May 2019", 12, 22, None), DateContext::Release);
        assert_eq!(
            ctx("2013-09-26 - v0.1.1 - Fixed", 0, 10, None),
            DateContext::Release
        );
        assert_eq!(
            ctx("generated by verb, v0.6.0, on June 30, 2017", 30, 43, None),
            DateContext::Plain
        );
        assert_eq!(ctx("We met on 3 May 2019", 10, 20, None), DateContext::Plain);
        assert_eq!(
            ctx("We met on 3 May 2019", 10, 20, Some(DateContext::Range)),
            DateContext::Range
        );
    }
}
