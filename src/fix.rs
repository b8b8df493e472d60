//! Edits and fixes: byte-range replacements and the rule for applying many at once.
//!
//! A fix never rewrites the whole document. Each edit names the exact bytes it
//! replaces, and everything outside those bytes is copied through untouched, so
//! line endings, a byte order mark, tabs and non-ASCII text survive by construction.

use serde::Serialize;
use std::ops::Range;

/// How far a fix may be trusted; ordered so that "may I apply it" is one comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Applicability {
    /// Shown to the user, never applied.
    DisplayOnly,
    /// Applied with `--unsafe-fixes`: the result may need a human's edit.
    Unsafe,
    /// Applied with `--fix`: keeps the document's meaning.
    Safe,
}

impl Applicability {
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::DisplayOnly => "display-only",
            Applicability::Unsafe => "unsafe",
            Applicability::Safe => "safe",
        }
    }
}

/// Replace the bytes in `range` with `replacement` (an empty range inserts).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edit {
    pub range: Range<usize>,
    pub replacement: String,
}

impl Edit {
    pub fn replace(range: Range<usize>, replacement: impl Into<String>) -> Self {
        Self {
            range,
            replacement: replacement.into(),
        }
    }

    pub fn insert(at: usize, text: impl Into<String>) -> Self {
        Self::replace(at..at, text)
    }

    pub fn delete(range: Range<usize>) -> Self {
        Self::replace(range, String::new())
    }
}

/// A set of edits that belong together, applied all or nothing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub title: String,
    pub applicability: Applicability,
    pub edits: Vec<Edit>,
}

impl Fix {
    /// Builds a fix; edits are sorted by position so that overlap checks are simple.
    pub fn new(title: impl Into<String>, applicability: Applicability, mut edits: Vec<Edit>) -> Self {
        edits.sort_by_key(|edit| (edit.range.start, edit.range.end));
        Self {
            title: title.into(),
            applicability,
            edits,
        }
    }

    pub fn safe(title: impl Into<String>, edits: Vec<Edit>) -> Self {
        Self::new(title, Applicability::Safe, edits)
    }

    pub fn unsafe_(title: impl Into<String>, edits: Vec<Edit>) -> Self {
        Self::new(title, Applicability::Unsafe, edits)
    }

    /// The byte range from the first edit's start to the last edit's end.
    pub fn span(&self) -> Option<Range<usize>> {
        let start = self.edits.first()?.range.start;
        let end = self.edits.iter().map(|edit| edit.range.end).max()?;
        Some(start..end)
    }

    /// True when the edits are in bounds, on character boundaries and do not overlap.
    pub fn is_well_formed(&self, text: &str) -> bool {
        let mut previous_end = 0;
        for (index, edit) in self.edits.iter().enumerate() {
            let Range { start, end } = edit.range;
            if start > end || end > text.len() || !text.is_char_boundary(start) || !text.is_char_boundary(end)
            {
                return false;
            }
            if index > 0 && start < previous_end {
                return false;
            }
            previous_end = end;
        }
        true
    }
}

#[cfg(test)]
/// Two edits conflict when their ranges overlap, or when one inserts strictly inside
/// the other's replaced range. Inserts at one point do not conflict: they go in the
/// order the fixes were given (findings are sorted, so the order is deterministic).
fn edits_conflict(a: &Range<usize>, b: &Range<usize>) -> bool {
    if a.start == a.end && b.start == b.end {
        return false;
    }
    if a.start == a.end {
        return b.start < a.start && a.start < b.end;
    }
    if b.start == b.end {
        return a.start < b.start && b.start < a.end;
    }
    a.start < b.end && b.start < a.end
}

/// The edits already taken in one pass, indexed so that checking a new edit costs a
/// lookup rather than a scan: a file with thousands of fixes (one per copyright line)
/// would otherwise take time that grows with the square of its length.
#[derive(Debug, Default)]
struct Taken {
    /// Replaced ranges, by start. They never overlap (each was checked before it was
    /// added), so the one starting last before a point also ends last.
    spans: std::collections::BTreeMap<usize, usize>,
    /// Insertion points.
    points: std::collections::BTreeSet<usize>,
}

impl Taken {
    /// Two edits conflict when their ranges overlap, or when one inserts strictly inside
    /// the other's replaced range. Inserts at one point do not conflict: they go in the
    /// order the fixes were given (findings are sorted, so the order is deterministic).
    /// This asks that of every taken edit at once.
    fn conflicts(&self, range: &Range<usize>) -> bool {
        let last_before = |point: usize| self.spans.range(..point).next_back().map(|(_, &end)| end);
        if range.start == range.end {
            return last_before(range.start).is_some_and(|end| end > range.start);
        }
        last_before(range.end).is_some_and(|end| end > range.start)
            || self.points.range(range.start + 1..range.end).next().is_some()
    }

    fn add(&mut self, range: &Range<usize>) {
        if range.start == range.end {
            self.points.insert(range.start);
        } else {
            self.spans.insert(range.start, range.end);
        }
    }
}

/// What [`apply_fixes`] did.
#[derive(Debug, Default)]
pub struct Applied {
    pub text: String,
    /// Indices (into the input slice) of the fixes that were applied.
    pub applied: Vec<usize>,
    /// Their edits, in the order they were spliced in (by position; inserts at one
    /// point in the order of their fixes), in the coordinates of the input text.
    pub edits: Vec<Edit>,
}

/// Applies every well-formed fix that does not conflict with one already taken,
/// taking fixes in position order. Skipped fixes wait for the next pass of the fix loop.
pub fn apply_fixes(text: &str, fixes: &[&Fix]) -> Applied {
    let mut order: Vec<usize> = (0..fixes.len())
        .filter(|&index| !fixes[index].edits.is_empty() && fixes[index].is_well_formed(text))
        .collect();
    order.sort_by_key(|&index| fixes[index].span().map(|span| (span.start, span.end)));

    let mut taken = Taken::default();
    let mut applied = Vec::new();
    for index in order {
        let fix = fixes[index];
        if fix.edits.iter().any(|edit| taken.conflicts(&edit.range)) {
            continue;
        }
        for edit in &fix.edits {
            taken.add(&edit.range);
        }
        applied.push(index);
    }

    // Collected in the given order, so that the stable sort keeps inserts at one point in the
    // order the fixes were given, not in the order their spans were taken.
    applied.sort_unstable();
    let mut edits: Vec<&Edit> = applied
        .iter()
        .flat_map(|&index| fixes[index].edits.iter())
        .collect();
    edits.sort_by_key(|edit| (edit.range.start, edit.range.end));

    let mut output = String::with_capacity(text.len());
    let mut cursor = 0;
    for edit in &edits {
        output.push_str(&text[cursor..edit.range.start]);
        output.push_str(&edit.replacement);
        cursor = edit.range.end;
    }
    output.push_str(&text[cursor..]);
    Applied {
        text: output,
        applied,
        edits: edits.into_iter().cloned().collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn applicability_orders_safe_highest() {
        assert!(Applicability::Safe > Applicability::Unsafe);
        assert!(Applicability::Unsafe > Applicability::DisplayOnly);
    }

    #[test]
    fn applies_edits_and_keeps_other_bytes() {
        let text = "a\r\nbb\r\nccc\r\n";
        let fix = Fix::safe("x", vec![Edit::replace(3..5, "BB")]);
        let result = apply_fixes(text, &[&fix]);
        assert_eq!(result.text, "a\r\nBB\r\nccc\r\n");
        assert_eq!(result.applied, vec![0]);
    }

    #[test]
    fn overlapping_fix_waits() {
        let text = "abcdef";
        let first = Fix::safe("1", vec![Edit::replace(1..4, "X")]);
        let second = Fix::safe("2", vec![Edit::replace(3..5, "Y")]);
        let third = Fix::safe("3", vec![Edit::replace(5..6, "Z")]);
        let result = apply_fixes(text, &[&second, &first, &third]);
        assert_eq!(result.text, "aXeZ");
        assert_eq!(result.applied, vec![1, 2]);
    }

    #[test]
    fn inserts_at_one_point_go_in_the_given_order() {
        let text = "ab";
        let first = Fix::safe("1", vec![Edit::insert(1, "X")]);
        let second = Fix::safe("2", vec![Edit::insert(1, "Y")]);
        assert_eq!(apply_fixes(text, &[&first, &second]).text, "aXYb");
        assert_eq!(apply_fixes(text, &[&second, &first]).text, "aYXb");
    }

    #[test]
    fn inserts_at_one_point_keep_the_given_order_when_spans_differ() {
        // Found by tests/fix_properties.rs: the first fix's span starts at the shared point and
        // runs on, so it was taken second and its insert went second.
        let text = "abcdef";
        let first = Fix::safe("1", vec![Edit::insert(2, "A"), Edit::replace(4..5, "x")]);
        let second = Fix::safe("2", vec![Edit::insert(2, "B")]);
        assert_eq!(apply_fixes(text, &[&first, &second]).text, "abABcdxf");
        assert_eq!(apply_fixes(text, &[&second, &first]).text, "abBAcdxf");
    }

    #[test]
    fn insert_at_the_edge_of_a_replacement_is_allowed() {
        let text = "abc";
        let replace = Fix::safe("1", vec![Edit::replace(1..2, "B")]);
        let insert = Fix::safe("2", vec![Edit::insert(2, "+")]);
        let result = apply_fixes(text, &[&replace, &insert]);
        assert_eq!(result.text, "aB+c");
    }

    #[test]
    fn the_index_agrees_with_the_pairwise_rule() {
        let ranges: Vec<Range<usize>> = (0..8)
            .flat_map(|start| (start..8).map(move |end| start..end))
            .collect();
        // Each set as (start, end) pairs: one replaced span, one insert point, and mixes.
        let sets: [&[(usize, usize)]; 4] =
            [&[(2, 4)], &[(3, 3)], &[(1, 2), (5, 7)], &[(4, 4), (0, 1), (6, 8)]];
        for pairs in sets {
            let taken_set: Vec<Range<usize>> = pairs.iter().map(|&(start, end)| start..end).collect();
            let mut taken = Taken::default();
            for range in &taken_set {
                taken.add(range);
            }
            for range in &ranges {
                let pairwise = taken_set.iter().any(|t| edits_conflict(t, range));
                assert_eq!(
                    taken.conflicts(range),
                    pairwise,
                    "{range:?} against {taken_set:?}"
                );
            }
        }
    }

    #[test]
    fn malformed_fix_is_skipped() {
        let text = "é";
        let split_char = Fix::safe("1", vec![Edit::replace(1..2, "x")]);
        let out_of_bounds = Fix::safe("2", vec![Edit::replace(0..9, "x")]);
        let result = apply_fixes(text, &[&split_char, &out_of_bounds]);
        assert_eq!(result.text, "é");
        assert!(result.applied.is_empty());
    }
}
