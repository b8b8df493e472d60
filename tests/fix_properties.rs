//! Property tests of the edit engine, `readme_lint::fix::apply_fixes`, against a model written
//! from its documentation (src/fix.rs):
//! - a fix is applied only when it has edits, every edit is in bounds, on char boundaries and
//!   not reversed, and its edits do not conflict with each other;
//! - fixes are taken in position order (first edit's start, then last end; ties in the given
//!   order), and a fix is skipped when one of its edits conflicts with an edit already taken;
//! - two edits conflict when their ranges overlap or one inserts strictly inside the other's
//!   range; inserts at one point never conflict and go in the order the fixes were given;
//! - the output is the input with the applied edits spliced in, and no byte outside the
//!   applied edits' ranges changes.
//!
//! Texts mix ASCII, multi-byte characters, LF and CRLF; edits mix replacements, deletions,
//! inserts (many at the same few points), out-of-bounds, reversed and mid-character ranges.

use proptest::prelude::*;
use readme_lint::fix::{Applicability, Edit, Fix, apply_fixes};
use std::ops::Range;

const PIECES: &[&str] = &[
    "a", "b", "xyz", " ", "#", "\n", "\r\n", "\r\n", "é", "日本", "😀", "\u{feff}", "\t", "- ",
];
const REPLACEMENTS: &[&str] = &["", "X", "yy", "\r\n", "\n", "é", "中", "[", "\u{feff}"];

fn text_strategy() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..24).prop_map(|pieces| pieces.concat())
}

/// An edit before it is placed in a text: raw numbers that `place` maps onto offsets.
#[derive(Debug, Clone)]
struct RawEdit {
    kind: u8,
    at: usize,
    len: usize,
    replacement: &'static str,
}

fn raw_edit_strategy() -> impl Strategy<Value = RawEdit> {
    (
        0u8..10,
        any::<usize>(),
        0usize..8,
        prop::sample::select(REPLACEMENTS),
    )
        .prop_map(|(kind, at, len, replacement)| RawEdit {
            kind,
            at,
            len,
            replacement,
        })
}

fn fixes_strategy() -> impl Strategy<Value = Vec<Vec<RawEdit>>> {
    prop::collection::vec(prop::collection::vec(raw_edit_strategy(), 0..4), 0..8)
}

/// The char boundaries of `text`, the end included.
fn boundaries(text: &str) -> Vec<usize> {
    text.char_indices()
        .map(|(index, _)| index)
        .chain([text.len()])
        .collect()
}

/// Turns raw numbers into an edit of `text`: mostly well placed, sometimes not.
fn place(raw: &RawEdit, text: &str) -> Edit {
    let cuts = boundaries(text);
    // A few hot points, so that inserts and edges meet often.
    let hot = [0, cuts[cuts.len() / 2], text.len()];
    let boundary = |n: usize| cuts[n % cuts.len()];
    let range = match raw.kind {
        // Inserts at a hot point.
        0 | 1 => {
            let at = hot[raw.at % hot.len()];
            at..at
        }
        // Inserts anywhere.
        2 => {
            let at = boundary(raw.at);
            at..at
        }
        // Replacements and deletions over whole characters.
        3..=6 => {
            let start = boundary(raw.at);
            let start_index = cuts.iter().position(|&cut| cut == start).unwrap();
            let end = cuts[(start_index + raw.len).min(cuts.len() - 1)];
            start..end
        }
        // A range from a hot point.
        7 => {
            let start = hot[raw.at % hot.len()];
            start..(start + raw.len).min(text.len())
        }
        // Any byte offsets: may split a character or run past the end.
        8 => {
            let start = raw.at % (text.len() + 3);
            start..start + raw.len
        }
        // Reversed.
        _ => {
            let start = boundary(raw.at);
            start..start.saturating_sub(raw.len.max(1))
        }
    };
    let replacement = if raw.kind == 4 { "" } else { raw.replacement };
    Edit::replace(range, replacement)
}

fn edit_in_bounds(edit: &Edit, text: &str) -> bool {
    let Range { start, end } = edit.range;
    start <= end && end <= text.len() && text.is_char_boundary(start) && text.is_char_boundary(end)
}

/// The documented conflict rule, written out case by case.
fn conflict(a: &Range<usize>, b: &Range<usize>) -> bool {
    match (a.is_empty(), b.is_empty()) {
        (true, true) => false,
        (true, false) => b.start < a.start && a.start < b.end,
        (false, true) => a.start < b.start && b.start < a.end,
        (false, false) => a.start < b.end && b.start < a.end,
    }
}

fn well_formed(fix: &Fix, text: &str) -> bool {
    !fix.edits.is_empty()
        && fix.edits.iter().all(|edit| edit_in_bounds(edit, text))
        && fix
            .edits
            .iter()
            .enumerate()
            .all(|(i, a)| fix.edits[i + 1..].iter().all(|b| !conflict(&a.range, &b.range)))
}

/// The indices of the fixes the model applies, ascending.
fn model_applied(text: &str, fixes: &[Fix]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..fixes.len())
        .filter(|&index| well_formed(&fixes[index], text))
        .collect();
    let position = |fix: &Fix| {
        let start = fix.edits.iter().map(|edit| edit.range.start).min().unwrap();
        let end = fix.edits.iter().map(|edit| edit.range.end).max().unwrap();
        (start, end)
    };
    order.sort_by_key(|&index| (position(&fixes[index]), index));
    let mut taken: Vec<usize> = Vec::new();
    for index in order {
        let clashes = taken.iter().any(|&other| {
            fixes[other]
                .edits
                .iter()
                .any(|a| fixes[index].edits.iter().any(|b| conflict(&a.range, &b.range)))
        });
        if !clashes {
            taken.push(index);
        }
    }
    taken.sort_unstable();
    taken
}

/// The applied edits in splice order: by position, an insert before a replacement that starts
/// at its point, inserts at one point in the order the fixes were given (and within a fix, in
/// the fix's order).
fn splice_order<'a>(fixes: &'a [Fix], applied: &[usize]) -> Vec<&'a Edit> {
    let mut edits: Vec<(usize, usize, &Edit)> = applied
        .iter()
        .flat_map(|&fix| {
            fixes[fix]
                .edits
                .iter()
                .enumerate()
                .map(move |(n, edit)| (fix, n, edit))
        })
        .collect();
    edits.sort_by_key(|&(fix, n, edit)| (edit.range.start, edit.range.end, fix, n));
    edits.into_iter().map(|(_, _, edit)| edit).collect()
}

fn splice(text: &str, edits: &[&Edit]) -> String {
    let mut out = String::new();
    let mut cursor = 0;
    for edit in edits {
        out.push_str(&text[cursor..edit.range.start]);
        out.push_str(&edit.replacement);
        cursor = edit.range.end;
    }
    out.push_str(&text[cursor..]);
    out
}

fn check(text: &str, fixes: &[Fix]) -> Result<(), TestCaseError> {
    let refs: Vec<&Fix> = fixes.iter().collect();
    let result = apply_fixes(text, &refs);

    let expected = model_applied(text, fixes);
    prop_assert_eq!(&result.applied, &expected, "applied fixes differ from the model");

    let edits = splice_order(fixes, &expected);
    prop_assert_eq!(
        &result.text,
        &splice(text, &edits),
        "output differs from the splice"
    );

    // Every byte outside the applied ranges is still there, unchanged and in order, and what
    // stands between two kept stretches is exactly the replacements of the edits between them.
    let mut cursor = 0;
    let mut out_at = 0;
    for edit in &edits {
        let kept = &text.as_bytes()[cursor..edit.range.start];
        prop_assert_eq!(
            &result.text.as_bytes()[out_at..out_at + kept.len()],
            kept,
            "bytes {}..{} changed",
            cursor,
            edit.range.start
        );
        out_at += kept.len();
        prop_assert_eq!(
            &result.text.as_bytes()[out_at..out_at + edit.replacement.len()],
            edit.replacement.as_bytes()
        );
        out_at += edit.replacement.len();
        cursor = edit.range.end;
    }
    prop_assert_eq!(&result.text.as_bytes()[out_at..], &text.as_bytes()[cursor..]);

    // No fix applied means no change at all.
    if result.applied.is_empty() {
        prop_assert_eq!(&result.text, text);
    }
    Ok(())
}

fn build(text: &str, raw: &[Vec<RawEdit>]) -> Vec<Fix> {
    raw.iter()
        .enumerate()
        .map(|(n, edits)| {
            let applicability = if n % 2 == 0 {
                Applicability::Safe
            } else {
                Applicability::Unsafe
            };
            let edits = edits.iter().map(|raw| place(raw, text)).collect();
            Fix::new(format!("fix {n}"), applicability, edits)
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn applies_exactly_the_non_conflicting_fixes(text in text_strategy(), raw in fixes_strategy()) {
        let fixes = build(&text, &raw);
        check(&text, &fixes)?;
    }

    /// Only inserts, at a few points: none conflict, so all apply, in the given order.
    #[test]
    fn inserts_at_one_point_all_apply_in_the_given_order(
        text in text_strategy(),
        points in prop::collection::vec((0usize..3, prop::sample::select(REPLACEMENTS)), 1..10),
    ) {
        let cuts = boundaries(&text);
        let hot = [0, cuts[cuts.len() / 2], text.len()];
        let fixes: Vec<Fix> = points
            .iter()
            .enumerate()
            .map(|(n, &(point, replacement))| {
                Fix::safe(format!("insert {n}"), vec![Edit::insert(hot[point], replacement)])
            })
            .collect();
        check(&text, &fixes)?;
        let refs: Vec<&Fix> = fixes.iter().collect();
        prop_assert_eq!(apply_fixes(&text, &refs).applied, (0..fixes.len()).collect::<Vec<_>>());
    }

    /// Non-overlapping replacements over whole characters all apply, whatever order they come in.
    #[test]
    fn disjoint_replacements_all_apply(
        text in text_strategy(),
        picks in prop::collection::vec((any::<usize>(), prop::sample::select(REPLACEMENTS)), 0..8),
        shuffle in any::<u64>(),
    ) {
        let cuts = boundaries(&text);
        let mut starts: Vec<usize> = picks.iter().map(|&(at, _)| at % cuts.len()).collect();
        starts.sort_unstable();
        starts.dedup();
        // Each replacement covers one character, from a distinct start.
        let mut fixes: Vec<Fix> = starts
            .iter()
            .filter(|&&index| index + 1 < cuts.len())
            .zip(&picks)
            .map(|(&index, &(_, replacement))| {
                Fix::safe("one char", vec![Edit::replace(cuts[index]..cuts[index + 1], replacement)])
            })
            .collect();
        let len = fixes.len();
        if len > 1 {
            fixes.rotate_left((shuffle % len as u64) as usize);
        }
        check(&text, &fixes)?;
        let refs: Vec<&Fix> = fixes.iter().collect();
        prop_assert_eq!(apply_fixes(&text, &refs).applied.len(), len);
    }
}
