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

fn word_in_list(bytes: &[u8], token: Tok, list: &[&[u8]]) -> bool {
    match token {
        Tok::Word(start, end) => list.iter().any(|word| eq_lower(&bytes[start..end], word)),
        _ => false,
    }
}

/// The word (or one of a few punctuation marks) before `start` names the number that follows.
pub(crate) fn name_before(bytes: &[u8], start: usize) -> bool {
    let token = prev_tok(bytes, start);
    if word_in_list(bytes, token, NAME_WORDS) {
        return true;
    }
    version_op_before(bytes, start)
}

/// A version constraint operator before `start`: `>= 2019.1`, `== 2020.02`, `@2019`, `^2019`.
pub(crate) fn version_op_before(bytes: &[u8], start: usize) -> bool {
    match prev_tok(bytes, start) {
        Tok::Punct(mark, _) => matches!(bytes[mark], b'>' | b'<' | b'=' | b'~' | b'^' | b'@' | b'!'),
        _ => false,
    }
}

/// A dotted `YYYY.MM.DD` is a date (not a CalVer version after a package name) only after
/// the start of a line, a separator, or a word that introduces a date.
pub(crate) fn dotted_ok(bytes: &[u8], start: usize) -> bool {
    match prev_tok(bytes, start) {
        Tok::Start => true,
        Tok::Punct(mark, _) => {
            matches!(
                bytes[mark],
                b'(' | b'[' | b':' | b',' | b'|' | b'-' | b'*' | b'#' | b'>'
            ) || bytes[mark] >= 0x80
        }
        word @ Tok::Word(..) => word_in_list(bytes, word, INTRO_WORDS),
        Tok::Num(..) => false,
    }
}

/// Context that makes a bare `M/D` a date: an introducing word before it, a clock time or
/// `at <time>` after it, or (when `alone_ok`) the line holding nothing else.
pub(crate) fn month_day_context(bytes: &[u8], start: usize, end: usize, alone_ok: bool) -> bool {
    let before = prev_tok(bytes, start);
    if word_in_list(bytes, before, MONTH_DAY_INTRO) {
        return true;
    }
    if let Tok::Punct(mark, _) = before
        && bytes[mark] == b':'
        && word_in_list(
            bytes,
            prev_tok(bytes, mark),
            &[b"date", b"due", b"deadline", b"on", b"updated"],
        )
    {
        return true;
    }
    match next_tok(bytes, end) {
        Tok::Word(word_start, word_end) if eq_lower(&bytes[word_start..word_end], b"at") => {
            matches!(next_tok(bytes, word_end), Tok::Num(..))
        }
        Tok::Num(number_start, _) => super::text::is_time_at(bytes, number_start),
        Tok::Start => alone_ok && line_alone(bytes, start, end),
        _ => false,
    }
}

/// Markdown line markers that may precede the only content of a line.
fn is_line_marker(byte: u8) -> bool {
    matches!(
        byte,
        b'#' | b'-' | b'*' | b'+' | b'>' | b' ' | b'\t' | b'(' | b'[' | b'_'
    )
}

/// The span `p..end` is the only content of its line, apart from list/heading markers,
/// emphasis, brackets and closing punctuation.
pub(crate) fn line_alone(bytes: &[u8], start: usize, end: usize) -> bool {
    let line = line_start(bytes, start, 16);
    if !bytes[line..start].iter().all(|&byte| is_line_marker(byte)) {
        return false;
    }
    let mut pos = end;
    while pos < bytes.len() && pos - end < 8 {
        match bytes[pos] {
            b'\n' => return true,
            b'\r' if at(bytes, pos + 1) == b'\n' => return true,
            b' ' | b'\t' | b'.' | b':' | b')' | b']' | b'*' | b'_' | b'!' | b';' | b',' => pos += 1,
            _ => return false,
        }
    }
    pos >= bytes.len()
}

/// The span starts its line or sentence (after markdown markers).
pub(crate) fn starts_line(bytes: &[u8], start: usize) -> bool {
    let line = line_start(bytes, start, 16);
    bytes[line..start].iter().all(|&byte| is_line_marker(byte))
}

/// A version number at `start`: `v3`, `1.2`, `1.2.0`, `v0.6.0`; returns its end.
fn version_at(bytes: &[u8], start: usize) -> Option<usize> {
    let prefixed = matches!(at(bytes, start), b'v' | b'V');
    let digits = if prefixed { start + 1 } else { start };
    let mut end = digits;
    while end < bytes.len() && bytes[end].is_ascii_digit() {
        end += 1;
    }
    if end == digits {
        return None;
    }
    let mut dots = 0;
    while at(bytes, end) == b'.' && at(bytes, end + 1).is_ascii_digit() {
        end += 1;
        while end < bytes.len() && bytes[end].is_ascii_digit() {
            end += 1;
        }
        dots += 1;
    }
    ((prefixed || dots > 0) && !at(bytes, end).is_ascii_alphabetic()).then_some(end)
}

/// Changelog lines: the line opens with a version number (`## 1.2.0 - 2021-03-04`,
/// `- **v3 (Apr 2019):**`, `### [2.0.1] / 2012-01-06`) before the date.
fn version_opens_line(bytes: &[u8], start: usize) -> bool {
    let line = line_start(bytes, start, CONTEXT_WINDOW);
    let mut pos = line;
    while pos < start
        && matches!(
            bytes[pos],
            b'#' | b'-' | b'*' | b'+' | b'>' | b' ' | b'\t' | b'[' | b'_' | b'|'
        )
    {
        pos += 1;
    }
    let Some(version_end) = version_at(bytes, pos).filter(|&version_end| version_end <= start) else {
        return false;
    };
    // `2.5 million downloads since 2019` opens with a number, not a version.
    let mut after = version_end;
    while after < start && matches!(bytes[after], b']' | b'*' | b'_' | b')') {
        after += 1;
    }
    let next = super::text::skip_hspace(bytes, after);
    next == start
        || matches!(at(bytes, next), b'-' | b'(' | b':' | b'/' | b'|' | b',')
        || super::text::dash(bytes, next).is_some()
}

/// Changelog lines led by the date: `2013-09-26 - v0.1.1 - Fixed some bugs`.
fn version_follows(bytes: &[u8], end: usize) -> bool {
    let mut pos = end;
    while pos < bytes.len()
        && pos - end < 8
        && matches!(
            bytes[pos],
            b' ' | b'\t' | b'-' | b':' | b'(' | b'[' | b'|' | b'*' | b'/'
        )
    {
        pos += 1;
    }
    pos > end && version_at(bytes, pos).is_some()
}

/// How far back on the line a version number opening it is looked for.
const CONTEXT_WINDOW: usize = 96;

/// The context of a date found at `start..end`: a copyright line, a last-updated note, a release
/// line, a range, or plain prose. `marks` holds the context words seen on the line.
pub(crate) fn classify(
    bytes: &[u8],
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
        .or_else(|| version_opens_line(bytes, start).then_some(0));
    match (updated, release) {
        // The marker nearer the date wins: `Released 1.2, last updated 2020-01-02`.
        (Some(updated_end), Some(release_end)) if updated_end >= release_end => {
            return DateContext::LastUpdated;
        }
        (Some(_), None) => return DateContext::LastUpdated,
        (_, Some(_)) => return DateContext::Release,
        _ => {}
    }
    if starts_line(bytes, start) && version_follows(bytes, end) {
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

    fn context_of(text: &str, start: usize, end: usize, hint: Option<DateContext>) -> DateContext {
        let mut marks = LineMarks::default();
        marks.advance(text.as_bytes(), start);
        classify(text.as_bytes(), start, end, hint, &marks)
    }

    #[test]
    fn contexts() {
        assert_eq!(
            context_of("Copyright (c) 2019 Foo", 14, 18, None),
            DateContext::Copyright
        );
        assert_eq!(
            context_of("Last updated: Wed, 20 May 2020", 14, 30, None),
            DateContext::LastUpdated
        );
        assert_eq!(
            context_of("## 1.2.0 - 2021-03-04", 11, 21, None),
            DateContext::Release
        );
        assert_eq!(
            context_of("- **v3 (Apr 2019):** x", 8, 16, None),
            DateContext::Release
        );
        assert_eq!(
            context_of("Released on 3 May 2019", 12, 22, None),
            DateContext::Release
        );
        assert_eq!(
            context_of("2013-09-26 - v0.1.1 - Fixed", 0, 10, None),
            DateContext::Release
        );
        assert_eq!(
            context_of("generated by verb, v0.6.0, on June 30, 2017", 30, 43, None),
            DateContext::Plain
        );
        assert_eq!(
            context_of("We met on 3 May 2019", 10, 20, None),
            DateContext::Plain
        );
        assert_eq!(
            context_of("We met on 3 May 2019", 10, 20, Some(DateContext::Range)),
            DateContext::Range
        );
    }
}
