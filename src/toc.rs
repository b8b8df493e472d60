//! Tables of contents kept between markers: `<!-- toc -->` ... `<!-- tocstop -->`
//! (or `<!-- /toc -->`), and doctoc's `<!-- START doctoc ... -->` ... `<!-- END doctoc ... -->`.

use crate::document::Document;
use crate::source::SourceText;
use std::ops::Range;

/// A marked table of contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TocRegion {
    /// The bytes between the end of the start marker's line and the start of the end marker's line.
    pub content: Range<usize>,
    /// Where the end marker starts: headings after it are listed.
    pub end_marker: usize,
}

/// One entry of a table of contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TocEntry {
    /// 0 for the shallowest entries.
    pub depth: usize,
    pub text: String,
    pub anchor: String,
}

/// Finds marked tables of contents outside code.
pub fn find_regions(source: &SourceText, document: &Document) -> Vec<TocRegion> {
    let text = source.text();
    let mut regions = Vec::new();
    let mut comments = document
        .html
        .iter()
        .flat_map(|html| comments_in(text, html.range.clone()))
        .peekable();
    while let Some((range, body)) = comments.next() {
        let Some(kind) = start_marker(&body) else { continue };
        for (end_range, end_body) in comments.by_ref() {
            if is_end_marker(&end_body, kind) {
                let content_start = source.next_line_start(range.end.saturating_sub(1).max(range.start));
                let end_marker = source.line_start(source.line_of(end_range.start));
                if content_start <= end_marker {
                    regions.push(TocRegion {
                        content: content_start..end_marker,
                        end_marker: end_range.start,
                    });
                }
                break;
            }
        }
    }
    regions
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum MarkerKind {
    Toc,
    Doctoc,
}

fn start_marker(body: &str) -> Option<MarkerKind> {
    let lower = body.to_ascii_lowercase();
    if lower == "toc" {
        Some(MarkerKind::Toc)
    } else if lower.starts_with("start doctoc") {
        Some(MarkerKind::Doctoc)
    } else {
        None
    }
}

fn is_end_marker(body: &str, kind: MarkerKind) -> bool {
    let lower = body.to_ascii_lowercase();
    match kind {
        MarkerKind::Toc => lower == "tocstop" || lower == "/toc",
        MarkerKind::Doctoc => lower.starts_with("end doctoc"),
    }
}

/// HTML comments inside `range`, with their trimmed bodies.
pub fn comments_in(text: &str, range: Range<usize>) -> Vec<(Range<usize>, String)> {
    let mut found = Vec::new();
    let mut cursor = range.start;
    while cursor < range.end {
        let Some(open) = text[cursor..range.end].find("<!--") else {
            break;
        };
        let start = cursor + open;
        let Some(close) = text[start + 4..range.end].find("-->") else {
            break;
        };
        let end = start + 4 + close + 3;
        found.push((start..end, text[start + 4..end - 3].trim().to_string()));
        cursor = end;
    }
    found
}

/// The entries a region should list: headings after it, levels `min..=max`.
pub fn expected_entries(
    document: &Document,
    region: &TocRegion,
    min_level: u8,
    max_level: u8,
) -> Vec<TocEntry> {
    let headings: Vec<_> = document
        .headings
        .iter()
        .enumerate()
        .filter(|(_, heading)| heading.top_level && heading.range.start > region.end_marker)
        .filter(|(_, heading)| heading.level >= min_level && heading.level <= max_level)
        .filter(|(_, heading)| !heading.text.trim().is_empty())
        .collect();
    let shallowest = headings
        .iter()
        .map(|(_, heading)| heading.level)
        .min()
        .unwrap_or(1);
    headings
        .into_iter()
        .map(|(index, heading)| TocEntry {
            depth: usize::from(heading.level - shallowest),
            text: heading.text.trim().to_string(),
            anchor: document.anchor(index).to_string(),
        })
        .collect()
}

/// What a region holds now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExistingToc {
    pub entries: Vec<TocEntry>,
    /// From the first to the last entry line, so a regenerated list replaces only the list.
    pub span: Option<Range<usize>>,
    pub style: ListStyle,
    /// True when lines inside `span` are not entries (an external link, a note):
    /// regenerating the list would drop them.
    pub has_other_lines: bool,
}

/// The list items already in a region.
pub fn existing_entries(text: &str, region: &TocRegion) -> ExistingToc {
    let content = &text[region.content.clone()];
    let mut entries = Vec::new();
    let mut span: Option<Range<usize>> = None;
    let mut style = ListStyle::default();
    let mut indents: Vec<usize> = Vec::new();
    let mut other_lines: Vec<usize> = Vec::new();
    // Lines inside an HTML comment are not shown, so they are not entries.
    let comments = comments_in(text, region.content.clone());
    let mut offset = region.content.start;
    for line in content.split_inclusive(['\n']) {
        let line_start = offset;
        offset += line.len();
        if comments
            .iter()
            .any(|(comment, _)| comment.start < line_start && line_start < comment.end)
        {
            other_lines.push(line_start);
            continue;
        }
        let bare = line.trim_end_matches(['\n', '\r']);
        let indent = bare.len() - bare.trim_start().len();
        let rest = bare.trim_start();
        let Some(bullet) = rest.chars().next().filter(|ch| matches!(ch, '-' | '*' | '+')) else {
            if !rest.is_empty() {
                other_lines.push(line_start);
            }
            continue;
        };
        let item = rest[1..].trim_start();
        let Some((link_text, anchor)) = parse_link(item) else {
            other_lines.push(line_start);
            continue;
        };
        if entries.is_empty() {
            style.bullet = bullet;
        }
        if indent > 0 && !indents.contains(&indent) {
            indents.push(indent);
        }
        entries.push((indent, link_text, anchor));
        let line_end = line_start + bare.len();
        span = Some(span.map_or(line_start..line_end, |current| current.start..line_end));
    }
    indents.sort_unstable();
    if let Some(first) = indents.first() {
        style.indent = *first;
    }
    let base = entries.iter().map(|(indent, _, _)| *indent).min().unwrap_or(0);
    let unit = style.indent.max(1);
    let entries = entries
        .into_iter()
        .map(|(indent, text, anchor)| TocEntry {
            depth: (indent - base).div_ceil(unit),
            text,
            anchor,
        })
        .collect();
    let has_other_lines = span
        .as_ref()
        .is_some_and(|span| other_lines.iter().any(|start| span.contains(start)));
    ExistingToc {
        entries,
        span,
        style,
        has_other_lines,
    }
}

/// How a list is written: its bullet and the spaces per nesting level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListStyle {
    pub bullet: char,
    pub indent: usize,
}

impl Default for ListStyle {
    fn default() -> Self {
        Self {
            bullet: '-',
            indent: 2,
        }
    }
}

/// `[text](#anchor)` at the start of an item.
fn parse_link(item: &str) -> Option<(String, String)> {
    let rest = item.strip_prefix('[')?;
    let mut depth = 1usize;
    let mut close = None;
    let mut escaped = false;
    for (index, ch) in rest.char_indices() {
        match ch {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '[' => depth += 1,
            ']' => {
                depth -= 1;
                if depth == 0 {
                    close = Some(index);
                    break;
                }
            }
            _ => {}
        }
    }
    let close = close?;
    let link_text = unescape(&rest[..close]);
    let after = rest[close + 1..].strip_prefix("(#")?;
    let end = after.find(')')?;
    Some((link_text, after[..end].to_string()))
}

fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(ch) = chars.next() {
        if ch == '\\' {
            if let Some(next) = chars.next() {
                out.push(next);
            }
        } else {
            out.push(ch);
        }
    }
    out
}

fn escape_link_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        if matches!(ch, '[' | ']' | '\\') {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}

/// Writes entries as a Markdown list in `style`, each line ending with `line_ending`.
pub fn render(entries: &[TocEntry], style: ListStyle, line_ending: &str) -> String {
    let mut out = String::new();
    for entry in entries {
        out.push_str(&" ".repeat(entry.depth * style.indent));
        out.push(style.bullet);
        out.push_str(&format!(
            " [{}](#{})",
            escape_link_text(&entry.text),
            entry.anchor
        ));
        out.push_str(line_ending);
    }
    out
}

/// True when two entry lists link the same headings in the same order. Entry text and
/// nesting are the author's to choose (a shortened title, a flat list), so they are not
/// compared; a regenerated list keeps the existing text of entries it keeps.
pub fn same_entries(a: &[TocEntry], b: &[TocEntry]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.anchor == y.anchor)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::tests::parse;

    #[test]
    fn finds_both_marker_styles() {
        let (source, document) = parse("# T\n\n<!-- toc -->\n- [A](#a)\n<!-- tocstop -->\n\n## A\n");
        let regions = find_regions(&source, &document);
        assert_eq!(regions.len(), 1);
        assert_eq!(&source.text()[regions[0].content.clone()], "- [A](#a)\n");

        let (source, document) = parse(
            "<!-- START doctoc generated TOC -->\n- [A](#a)\n<!-- END doctoc generated TOC -->\n\n## A\n",
        );
        assert_eq!(find_regions(&source, &document).len(), 1);
    }

    #[test]
    fn commented_out_lines_are_not_entries() {
        // Found by the `lint_fix` fuzz target: an unclosed `<!--` inside the markers hid the
        // first end marker; its lines were read as entries, so the fix replaced the comment's
        // closing line, and the comment then hid the next end marker, pass after pass.
        let (source, document) = parse(
            "<!-- toc -->\n<!--\n- [Old](#old)\n<!-- tocstop -->\n- [A](#a)\n<!-- tocstop -->\n\n## A\n",
        );
        let region = &find_regions(&source, &document)[0];
        let existing = existing_entries(source.text(), region);
        let anchors: Vec<&str> = existing
            .entries
            .iter()
            .map(|entry| entry.anchor.as_str())
            .collect();
        assert_eq!(anchors, ["a"]);
        assert_eq!(&source.text()[existing.span.unwrap()], "- [A](#a)");
    }

    #[test]
    fn markers_in_code_are_ignored() {
        let (source, document) = parse("```\n<!-- toc -->\n<!-- tocstop -->\n```\n");
        assert!(find_regions(&source, &document).is_empty());
    }

    #[test]
    fn entries_round_trip_through_render() {
        let (source, document) = parse("<!-- toc -->\n<!-- tocstop -->\n\n## A [x]\n\n### B\n\n## A [x]\n");
        let region = &find_regions(&source, &document)[0];
        let expected = expected_entries(&document, region, 1, 6);
        assert_eq!(expected[2].anchor, "a-x-1");
        let rendered = render(&expected, ListStyle::default(), "\n");
        let fake = SourceText::new(rendered.clone());
        let fake_region = TocRegion {
            content: 0..rendered.len(),
            end_marker: rendered.len(),
        };
        let parsed = existing_entries(fake.text(), &fake_region);
        assert!(
            same_entries(&parsed.entries, &expected),
            "{parsed:?} vs {expected:?}"
        );
        assert!(!parsed.has_other_lines);
    }
}
