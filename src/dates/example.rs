//! Dates written as examples rather than as facts: quoted, shown beside the format mask
//! they illustrate (`6/9/07` next to `m/d/yy`), introduced by "e.g." or "for example", or
//! in a sentence about input that is wrong on purpose ("2015/14/33 will be invalid").
//! The rules about a date's form and its truth leave these alone.

use std::ops::Range;

/// How a date at `range` stands in `text`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Example {
    /// Quoted, beside a format mask, or after "e.g." / "for example".
    Shown,
    /// In a sentence about invalid or rejected input.
    Invalid,
}

/// Why the date at `range` is an example, if it is one.
pub fn example(text: &str, range: Range<usize>) -> Option<Example> {
    if quoted(text, &range) || beside_mask(text, &range) {
        return Some(Example::Shown);
    }
    let sentence = sentence_around(text, &range).to_lowercase();
    // The words just before the date on its line (abbreviations such as "e.g." would end
    // a sentence found by its full stops).
    let near = reach(text, &range);
    let line_start = text[near.start..range.start]
        .rfind('\n')
        .map_or(near.start, |at| near.start + at + 1);
    let mut window_start = range.start.saturating_sub(60).max(line_start);
    while !text.is_char_boundary(window_start) {
        window_start += 1;
    }
    let before = text[window_start..range.start].to_lowercase();
    const INTRODUCERS: [&str; 8] = [
        "e.g.",
        "e. g.",
        "eg.",
        "for example",
        "for instance",
        "such as",
        "example:",
        "i.e.",
    ];
    if INTRODUCERS.iter().any(|word| before.contains(word)) {
        return Some(Example::Shown);
    }
    const INVALID: [&str; 9] = [
        "invalid",
        "not valid",
        "not a valid",
        "will fail",
        "would fail",
        "throws",
        "rejects",
        "rejected",
        "wrongly",
    ];
    INVALID
        .iter()
        .any(|word| sentence.contains(word))
        .then_some(Example::Invalid)
}

fn quoted(text: &str, range: &Range<usize>) -> bool {
    let before = text[..range.start].chars().next_back();
    let after = text[range.end..].chars().next();
    matches!(
        (before, after),
        (Some('"'), Some('"'))
            | (Some('\''), Some('\''))
            | (Some('“'), Some('”'))
            | (Some('‘'), Some('’'))
            | (Some('«'), Some('»'))
    )
}

/// The line holds a date format mask: letters of d, m and y (any case, `yyyy`, `mm`, `D`)
/// in two or more groups joined by `/`, `.` or `-` (`m/d/yy`, `YYYY-MM-DD`, `dd.mm.yyyy`).
fn beside_mask(text: &str, range: &Range<usize>) -> bool {
    let near = reach(text, range);
    let line_start = text[near.start..range.start]
        .rfind('\n')
        .map_or(near.start, |at| near.start + at + 1);
    let line_end = text[range.end..near.end]
        .find('\n')
        .map_or(near.end, |at| range.end + at);
    let line = &text[line_start..line_end];
    line.split(|ch: char| ch.is_whitespace() || matches!(ch, '|' | '`' | '(' | ')' | ',' | '"' | '\''))
        .any(is_mask)
}

fn is_mask(token: &str) -> bool {
    let groups: Vec<&str> = token.split(['/', '.', '-']).collect();
    groups.len() >= 2
        && groups.iter().all(|group| {
            !group.is_empty()
                && group.len() <= 4
                && group
                    .chars()
                    .all(|ch| matches!(ch.to_ascii_lowercase(), 'd' | 'm' | 'y'))
        })
        && groups
            .iter()
            .any(|group| group.to_ascii_lowercase().starts_with('y'))
}

/// How far either side of a date its context is read: a sentence or a table row, not a
/// whole file written on one line (each date reading its whole line made the pass
/// quadratic in the length of that line).
const REACH: usize = 400;

/// The text within [`REACH`] bytes of `range`, cut at character boundaries.
fn reach(text: &str, range: &Range<usize>) -> Range<usize> {
    let mut start = range.start.saturating_sub(REACH);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    let mut end = (range.end + REACH).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    start..end
}

fn sentence_around<'t>(text: &'t str, range: &Range<usize>) -> &'t str {
    let near = reach(text, range);
    let start = text[near.start..range.start]
        .rfind(['.', '!', '?', '\n'])
        .map_or(near.start, |index| near.start + index + 1);
    let end = text[range.end..near.end]
        .find(['!', '?', '\n'])
        .map_or(near.end, |at| range.end + at);
    &text[start..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str, date: &str) -> Option<Example> {
        let start = text.find(date).unwrap();
        example(text, start..start + date.len())
    }

    #[test]
    fn examples_of_every_kind() {
        assert_eq!(read("| `m/d/yy` | 6/9/07 |", "6/9/07"), Some(Example::Shown));
        assert_eq!(
            read("Dates such as 2015/14/33 will be invalid.", "2015/14/33"),
            Some(Example::Shown)
        );
        assert_eq!(
            read("In full mode 2015/14/33 will be invalid.", "2015/14/33"),
            Some(Example::Invalid)
        );
        assert_eq!(
            read("It accepts \"30 February 2020\" too.", "30 February 2020"),
            Some(Example::Shown)
        );
        assert_eq!(
            read("e.g. 01/02/2020 is read as January 2.", "01/02/2020"),
            Some(Example::Shown)
        );
        assert_eq!(read("Released on 01/02/2020 with fixes.", "01/02/2020"), None);
    }
}
