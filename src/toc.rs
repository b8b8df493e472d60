//! Tables of contents kept between markers: `<!-- toc -->` ... `<!-- tocstop -->`
//! (or `<!-- /toc -->`), and doctoc's `<!-- START doctoc ... -->` ... `<!-- END doctoc ... -->`.
//!
//! A table of contents is read as the list its author wrote (bullets or numbers, any
//! indentation, links to `#anchor` or `README.md#anchor`, text after the link), inside a
//! block quote or a list item too, and written back in the same form, so that a
//! regenerated list renders as the same kind of list in the same place.

use crate::document::Document;
use crate::html;
use crate::source::SourceText;
use std::ops::Range;

/// A marked table of contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TocRegion {
    /// The bytes between the end of the start marker's line and the start of the end marker's line.
    pub content: Range<usize>,
    /// Where the end marker starts: headings after it are listed.
    pub end_marker: usize,
    /// What each line of the region starts with when the markers sit in a block quote or a
    /// list item (`> `, two spaces); empty at the top level.
    pub prefix: String,
}

/// The first marked table of contents outside code. The marker tools keep one per file,
/// and a second one would list the same headings again: only the first is checked, which
/// also keeps the work in proportion to the file.
pub fn find_region(source: &SourceText, document: &Document) -> Option<TocRegion> {
    let text = source.text();
    let mut comments = document
        .html
        .iter()
        .flat_map(|html| html::comments(text, html.range.clone()));
    while let Some(comment) = comments.next() {
        let range = comment.range.clone();
        let Some(kind) = start_marker(comment.body(text)) else {
            continue;
        };
        let marker_line_start = source.line_start(source.line_of(range.start));
        let prefix = &text[marker_line_start..range.start];
        // A marker after other text on its line is not a marker line.
        if !prefix.chars().all(|c| c == ' ' || c == '\t' || c == '>') {
            continue;
        }
        for end_comment in comments.by_ref() {
            let end_range = end_comment.range.clone();
            if is_end_marker(end_comment.body(text), kind) {
                let content_start = source.next_line_start(range.end.saturating_sub(1).max(range.start));
                let end_marker = source.line_start(source.line_of(end_range.start));
                if content_start <= end_marker {
                    return Some(TocRegion {
                        content: content_start..end_marker,
                        end_marker: end_range.start,
                        prefix: prefix.to_string(),
                    });
                }
                break;
            }
        }
    }
    None
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

/// One entry of a table of contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TocEntry {
    /// 0 for the shallowest entries.
    pub depth: usize,
    /// The link text as Markdown (`` `code` `` and emphasis kept).
    pub text: String,
    pub anchor: String,
    /// What follows the link on the entry's line (` — how to set it up`), kept as written.
    pub suffix: String,
}

/// The entries a region should list: the top-level headings after it, levels
/// `min..=max`, each nested under the nearest shallower heading listed before it (so a
/// `####` under a `##` is one level deeper, not two).
pub fn expected_entries(
    source: &SourceText,
    document: &Document,
    region: &TocRegion,
    min_level: u8,
    max_level: u8,
) -> Vec<TocEntry> {
    let mut open_levels: Vec<u8> = Vec::new();
    let mut entries = Vec::new();
    for (index, heading) in document.headings.iter().enumerate() {
        if !heading.top_level
            || heading.range.start <= region.end_marker
            || heading.level < min_level
            || heading.level > max_level
            || heading.text.trim().is_empty()
        {
            continue;
        }
        while open_levels.last().is_some_and(|&level| level >= heading.level) {
            open_levels.pop();
        }
        entries.push(TocEntry {
            depth: open_levels.len(),
            text: entry_text(source, heading),
            anchor: document.anchor(index).to_string(),
            suffix: String::new(),
        });
        open_levels.push(heading.level);
    }
    entries
}

/// A heading's text for a link: as written, so that code and emphasis stay, unless it
/// holds a link, an image or HTML (which cannot sit inside a link): then the plain text.
fn entry_text(source: &SourceText, heading: &crate::document::Heading) -> String {
    let written = source.text()[heading.text_range.clone()].trim();
    let nested_markup = written.contains(['[', ']', '<']);
    if !written.is_empty() && !nested_markup {
        return written.to_string();
    }
    let mut out = String::with_capacity(heading.text.len());
    for ch in heading.text.trim().chars() {
        if matches!(ch, '[' | ']' | '\\' | '<' | '`' | '*' | '_') {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}

/// How a list is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListStyle {
    pub marker: ListMarker,
    /// Spaces per nesting level, as the list has them.
    pub indent: usize,
    /// What entries link to before `#`: empty, or the README's own name (`README.md`).
    pub link_prefix: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListMarker {
    Bullet(char),
    /// `1.` or `1)`; `lazy` when every item is numbered `1`.
    Ordered {
        delimiter: char,
        lazy: bool,
    },
}

impl Default for ListStyle {
    fn default() -> Self {
        Self {
            marker: ListMarker::Bullet('-'),
            indent: 2,
            link_prefix: String::new(),
        }
    }
}

/// What a region holds now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExistingToc {
    pub entries: Vec<TocEntry>,
    /// From the start of the first entry's line to the end of the last one's text, so a
    /// regenerated list replaces only the list.
    pub span: Option<Range<usize>>,
    pub style: ListStyle,
    /// True when lines inside `span` are not entries (an external link, a note):
    /// regenerating the list would drop them.
    pub has_other_lines: bool,
    /// The list is HTML (`<ul><li><a href="#x">`): it is compared, not rewritten.
    pub is_html: bool,
    /// A line of the region lacks the block quote or list prefix of the markers' line
    /// (a lazy continuation): the region cannot be rewritten line by line.
    pub uneven_prefix: bool,
}

/// The list items already in a region.
pub fn existing_entries(source: &SourceText, region: &TocRegion) -> ExistingToc {
    let text = source.text();
    let mut existing = ExistingToc {
        entries: Vec::new(),
        span: None,
        style: ListStyle::default(),
        has_other_lines: false,
        is_html: false,
        uneven_prefix: false,
    };
    // Lines inside an HTML comment are not shown, so they are not entries. The comments
    // come in order, so one pass over them serves every line.
    let comments = html::comments(text, region.content.clone());
    let mut next_comment = 0;
    let mut other_lines: Vec<usize> = Vec::new();
    let mut items: Vec<(usize, Item)> = Vec::new();
    let mut span: Option<Range<usize>> = None;
    let blank_prefix = region.prefix.trim_end();
    let mut line = source.line_of(region.content.start);
    while source.line_start(line) < region.content.end {
        let line_start = source.line_start(line);
        let content = source.line_content(line);
        line += 1;
        while next_comment < comments.len() && comments[next_comment].range.end <= line_start {
            next_comment += 1;
        }
        if comments
            .get(next_comment)
            .is_some_and(|comment| comment.range.start < line_start)
        {
            other_lines.push(line_start);
            continue;
        }
        let raw = &text[content.clone()];
        let Some(rest) = raw.strip_prefix(region.prefix.as_str()) else {
            if raw.trim() != blank_prefix.trim() && !raw.trim().is_empty() {
                existing.uneven_prefix = true;
                other_lines.push(line_start);
            }
            continue;
        };
        if rest.trim_start().starts_with('<') {
            let lower = rest.trim_start().to_ascii_lowercase();
            if ["<ul", "<ol", "<li", "</ul", "</ol", "</li"]
                .iter()
                .any(|tag| lower.starts_with(tag))
            {
                existing.is_html = true;
                existing.entries.extend(html_entries(rest));
            }
            other_lines.push(line_start);
            continue;
        }
        match parse_item(rest) {
            Some(item) => {
                span = Some(span.map_or(line_start..content.end, |current| current.start..content.end));
                items.push((line_start, item));
            }
            None => {
                if !rest.trim().is_empty() {
                    other_lines.push(line_start);
                }
            }
        }
    }
    if let Some((_, first)) = items.first() {
        existing.style.marker = first.marker;
        existing.style.link_prefix = first.link_prefix.clone();
        if let ListMarker::Ordered { delimiter, .. } = first.marker {
            existing.style.marker = ListMarker::Ordered {
                delimiter,
                lazy: items.len() > 1 && items.iter().all(|(_, item)| item.number == Some(1)),
            };
        }
    }
    // Nesting from the indentation: an item is a child of the nearest item before it that
    // is indented less.
    let mut open_indents: Vec<usize> = Vec::new();
    let mut step: Option<usize> = None;
    for (_, item) in &items {
        while open_indents.last().is_some_and(|&indent| indent >= item.indent) {
            open_indents.pop();
        }
        if let Some(&parent) = open_indents.last() {
            let gap = item.indent - parent;
            step = Some(step.map_or(gap, |step| step.min(gap)));
        }
        existing.entries.push(TocEntry {
            depth: open_indents.len(),
            text: item.text.clone(),
            anchor: item.anchor.clone(),
            suffix: item.suffix.clone(),
        });
        open_indents.push(item.indent);
    }
    if let Some(step) = step {
        existing.style.indent = step;
    }
    existing.has_other_lines = span
        .as_ref()
        .is_some_and(|span| other_lines.iter().any(|start| span.contains(start)));
    existing.span = span;
    existing
}

/// One list item linking to an anchor of this README.
#[derive(Debug, Clone)]
struct Item {
    indent: usize,
    marker: ListMarker,
    number: Option<u64>,
    text: String,
    anchor: String,
    link_prefix: String,
    suffix: String,
}

/// `- [text](#anchor) rest`, `1. [text](README.md#anchor)`, with any indentation.
fn parse_item(line: &str) -> Option<Item> {
    let mut indent = 0;
    let mut rest = line;
    while let Some(ch) = rest.chars().next().filter(|ch| *ch == ' ' || *ch == '\t') {
        indent = if ch == '\t' {
            indent + 4 - indent % 4
        } else {
            indent + 1
        };
        rest = &rest[1..];
    }
    let (marker, number, after_marker) =
        if let Some(bullet) = rest.chars().next().filter(|ch| matches!(ch, '-' | '*' | '+')) {
            (ListMarker::Bullet(bullet), None, &rest[1..])
        } else {
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            if digits == 0 || digits > 9 {
                return None;
            }
            let delimiter = rest[digits..]
                .chars()
                .next()
                .filter(|ch| matches!(ch, '.' | ')'))?;
            let number = rest[..digits].parse().ok();
            (
                ListMarker::Ordered {
                    delimiter,
                    lazy: false,
                },
                number,
                &rest[digits + 1..],
            )
        };
    if !after_marker.starts_with([' ', '\t']) {
        return None;
    }
    let (text, destination, suffix) = parse_link(after_marker.trim_start())?;
    let (link_prefix, anchor) = destination.split_once('#')?;
    if !link_prefix.is_empty() && !is_own_readme(link_prefix) {
        return None;
    }
    Some(Item {
        indent,
        marker,
        number,
        text: text.to_string(),
        anchor: anchor.to_string(),
        link_prefix: link_prefix.to_string(),
        suffix: suffix.to_string(),
    })
}

/// `README.md`, `./README.md`, `readme.markdown`: a link to this file.
fn is_own_readme(path: &str) -> bool {
    let name = path.strip_prefix("./").unwrap_or(path);
    crate::files::is_readme_name(std::path::Path::new(name)) && !name.contains('/')
}

/// `[text](destination)` at the start of an item: the text as written, the destination,
/// and what follows the link.
fn parse_link(item: &str) -> Option<(&str, &str, &str)> {
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
    let after = rest[close + 1..].strip_prefix('(')?;
    let end = after.find(')')?;
    let destination = after[..end].trim();
    // A title (`(#a "Title")`) is not part of the destination.
    let destination = destination.split_whitespace().next().unwrap_or_default();
    Some((&rest[..close], destination, &after[end + 1..]))
}

/// The entries of an HTML list line: each `<a href="#x">text</a>`, the text as written
/// (the anchor when the link is not closed on the line).
fn html_entries(line: &str) -> Vec<TocEntry> {
    let tags = html::scan(line, 0..line.len());
    let mut entries = Vec::new();
    for (index, tag) in tags.iter().enumerate() {
        if tag.closing || !tag.is("a") {
            continue;
        }
        let Some(anchor) = tag
            .attribute("href")
            .and_then(|href| line[href].strip_prefix('#'))
        else {
            continue;
        };
        let text = tags[index + 1..]
            .iter()
            .find(|later| later.closing && later.is("a"))
            .map_or(anchor, |close| &line[tag.range.end..close.range.start]);
        entries.push(TocEntry {
            depth: 0,
            text: text.to_string(),
            anchor: anchor.to_string(),
            suffix: String::new(),
        });
    }
    entries
}

/// Writes entries as a Markdown list in `style`, each line starting with `prefix` and
/// ending with `line_ending`. Each nesting level is indented to its parent item's text
/// (at least the list's own step, at most three columns past the parent's text, where
/// CommonMark would start a code block), so the list nests as it should when rendered.
pub fn render(entries: &[TocEntry], style: &ListStyle, prefix: &str, line_ending: &str) -> String {
    let mut out = String::new();
    // For each open level: the item's indentation and where its text starts.
    let mut open: Vec<(usize, usize)> = Vec::new();
    let mut numbers: Vec<u64> = Vec::new();
    for entry in entries {
        let depth = entry.depth.min(open.len());
        open.truncate(depth);
        numbers.truncate(depth + 1);
        if numbers.len() <= depth {
            numbers.push(0);
        }
        numbers[depth] += 1;
        let marker = match style.marker {
            ListMarker::Bullet(bullet) => bullet.to_string(),
            ListMarker::Ordered { delimiter, lazy } => {
                let number = if lazy { 1 } else { numbers[depth] };
                format!("{number}{delimiter}")
            }
        };
        let indent = match open.last() {
            None => 0,
            Some(&(parent_indent, parent_text)) => {
                (parent_indent + style.indent.max(1)).clamp(parent_text, parent_text + 3)
            }
        };
        out.push_str(prefix);
        out.push_str(&" ".repeat(indent));
        out.push_str(&marker);
        out.push(' ');
        out.push('[');
        out.push_str(&entry.text);
        out.push_str("](");
        out.push_str(&style.link_prefix);
        out.push('#');
        out.push_str(&entry.anchor);
        out.push(')');
        out.push_str(&entry.suffix);
        out.push_str(line_ending);
        open.push((indent, indent + marker.len() + 1));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::tests::parse;

    #[test]
    fn finds_both_marker_styles() {
        let (source, document) = parse("# T\n\n<!-- toc -->\n- [A](#a)\n<!-- tocstop -->\n\n## A\n");
        let region = find_region(&source, &document).unwrap();
        assert_eq!(&source.text()[region.content.clone()], "- [A](#a)\n");

        let (source, document) = parse(
            "<!-- START doctoc generated TOC -->\n- [A](#a)\n<!-- END doctoc generated TOC -->\n\n## A\n",
        );
        assert!(find_region(&source, &document).is_some());
    }

    #[test]
    fn commented_out_lines_are_not_entries() {
        // Found by the `lint_fix` fuzz target: an unclosed `<!--` inside the markers hid the
        // first end marker; its lines were read as entries, so the fix replaced the comment's
        // closing line, and the comment then hid the next end marker, pass after pass.
        let (source, document) = parse(
            "<!-- toc -->\n<!--\n- [Old](#old)\n<!-- tocstop -->\n- [A](#a)\n<!-- tocstop -->\n\n## A\n",
        );
        let region = find_region(&source, &document).unwrap();
        let existing = existing_entries(&source, &region);
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
        assert!(find_region(&source, &document).is_none());
    }

    #[test]
    fn items_keep_their_form() {
        let item = parse_item("  3) [`a` b](README.md#a-b) — how to set it up").unwrap();
        assert_eq!(item.indent, 2);
        assert_eq!(item.number, Some(3));
        assert_eq!(item.text, "`a` b");
        assert_eq!(item.anchor, "a-b");
        assert_eq!(item.link_prefix, "README.md");
        assert_eq!(item.suffix, " — how to set it up");
        assert!(parse_item("- [Changelog](CHANGELOG.md#x)").is_none());
        assert!(parse_item("-[A](#a)").is_none());
    }

    #[test]
    fn nesting_follows_parents_not_level_jumps() {
        let (source, document) = parse("<!-- toc -->\n<!-- tocstop -->\n\n## A\n\n#### B\n\n### C\n\n## D\n");
        let region = find_region(&source, &document).unwrap();
        let depths: Vec<usize> = expected_entries(&source, &document, &region, 1, 6)
            .iter()
            .map(|entry| entry.depth)
            .collect();
        assert_eq!(depths, [0, 1, 1, 0]);
    }

    #[test]
    fn rendered_lists_nest_under_their_parents() {
        let entries = |depths: &[usize]| -> Vec<TocEntry> {
            depths
                .iter()
                .map(|&depth| TocEntry {
                    depth,
                    text: "x".into(),
                    anchor: "x".into(),
                    suffix: String::new(),
                })
                .collect()
        };
        let ordered = ListStyle {
            marker: ListMarker::Ordered {
                delimiter: '.',
                lazy: false,
            },
            indent: 2,
            link_prefix: String::new(),
        };
        assert_eq!(
            render(&entries(&[0, 1, 0]), &ordered, "> ", "\n"),
            "> 1. [x](#x)\n>    1. [x](#x)\n> 2. [x](#x)\n"
        );
        let wide = ListStyle {
            indent: 8,
            ..ListStyle::default()
        };
        assert_eq!(
            render(&entries(&[0, 1]), &wide, "", "\n"),
            "- [x](#x)\n     - [x](#x)\n"
        );
    }

    #[test]
    fn entries_round_trip_through_render() {
        let (source, document) = parse("<!-- toc -->\n<!-- tocstop -->\n\n## A [x]\n\n### B\n\n## A [x]\n");
        let region = find_region(&source, &document).unwrap();
        let expected = expected_entries(&source, &document, &region, 1, 6);
        assert_eq!(expected[2].anchor, "a-x-1");
        let rendered = render(&expected, &ListStyle::default(), "", "\n");
        let fake = SourceText::new(rendered.clone());
        let fake_region = TocRegion {
            content: 0..rendered.len(),
            end_marker: rendered.len(),
            prefix: String::new(),
        };
        let parsed = existing_entries(&fake, &fake_region);
        assert_eq!(parsed.entries, expected);
        assert!(!parsed.has_other_lines);
    }

    #[test]
    fn html_list_entries_take_the_link_text_as_written() {
        let line = r##"<li><a class='x' href='#install'>Install <b>it</b></a></li> <li><a href="#use">Use"##;
        let entries = html_entries(line);
        let pairs: Vec<(&str, &str)> = entries
            .iter()
            .map(|entry| (entry.anchor.as_str(), entry.text.as_str()))
            .collect();
        assert_eq!(pairs, [("install", "Install <b>it</b>"), ("use", "use")]);
        assert!(html_entries(r#"<a href="https://x.org">x</a>"#).is_empty());
    }
}
