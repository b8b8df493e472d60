//! The owned document model: one comrak parse reduced to what the rules read.
//!
//! comrak reports 1-based line and byte-column positions; they are turned into
//! byte ranges of the original text (including a byte order mark) right here,
//! so that nothing downstream deals with lines.

use crate::source::SourceText;
use comrak::nodes::{AstNode, LineColumn as ComrakPosition, NodeValue};
use comrak::{Arena, Options};
use std::ops::Range;

/// What kind of top-level block a [`Block`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    FrontMatter,
    /// Index into [`Document::headings`].
    Heading(usize),
    Paragraph,
    Html,
    Code,
    List,
    BlockQuote,
    Table,
    ThematicBreak,
    Other,
}

/// A top-level block of the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    pub range: Range<usize>,
}

/// An ATX or setext heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub setext: bool,
    /// The heading's whole source, from its first byte to the end of its last line's text.
    pub range: Range<usize>,
    /// The heading's inline content as written (without `#` marks or setext underline).
    pub text_range: Range<usize>,
    /// The heading's text with Markdown removed, as a reader sees it.
    pub text: String,
    /// The text GitHub makes the heading's anchor from: as `text`, but an image counts
    /// for nothing (its alt text is an attribute, not text of the heading).
    pub anchor_text: String,
    /// True when the heading sits at the top level (not in a list or block quote).
    pub top_level: bool,
}

/// A fenced or indented code block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeBlock {
    pub range: Range<usize>,
    /// The fence's info string (`rust`, `sh`, `toml`), empty for an indented block.
    pub info: String,
    /// The code itself, without fences or indentation.
    pub literal: String,
}

/// An inline link or image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub range: Range<usize>,
    pub url: String,
    pub is_image: bool,
    /// The plain text of the link, or the alt text of an image.
    pub text: String,
}

/// Raw HTML, either a whole HTML block or one inline tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Html {
    pub range: Range<usize>,
    pub is_block: bool,
}

/// The parts of a README that rules read. All positions are byte ranges.
#[derive(Debug, Clone, Default)]
pub struct Document {
    pub blocks: Vec<Block>,
    pub headings: Vec<Heading>,
    pub links: Vec<Link>,
    pub html: Vec<Html>,
    /// Code blocks and code spans, in document order.
    pub code: Vec<Range<usize>>,
    /// Fenced and indented code blocks at any depth, in the order the parser met them.
    pub code_blocks: Vec<CodeBlock>,
    pub front_matter: Option<Range<usize>>,
    /// Headings written in HTML (`<h2>License</h2>`) in top-level HTML blocks.
    pub html_headings: Vec<crate::html::HtmlHeading>,
    /// GitHub's anchor for each heading, made on first use (few READMEs need them, and
    /// making them took more time than anything else here but the parse).
    anchors: std::cell::OnceCell<Vec<String>>,
}

/// True when the HTML at `range` is only anchors for links to land on: `<a name="x"></a>`,
/// `<a id="x"/>`, with nothing to see.
fn is_anchor_only(text: &str, range: Range<usize>) -> bool {
    let tags = crate::html::scan(text, range.clone());
    !tags.is_empty()
        && tags.iter().all(|tag| {
            tag.is("a") && (tag.closing || tag.attribute("name").is_some() || tag.attribute("id").is_some())
        })
        && crate::html::visible_text(text, range).is_empty()
}

/// A section: a heading and everything up to the next top-level heading of the same or a
/// higher level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// Index into [`Document::headings`].
    pub heading: usize,
    pub range: Range<usize>,
}

pub fn comrak_options() -> Options<'static> {
    let mut options = Options::default();
    options.extension.strikethrough = true;
    options.extension.table = true;
    options.extension.autolink = true;
    options.extension.tasklist = true;
    options.extension.footnotes = true;
    options.extension.front_matter_delimiter = Some("---".to_string());
    options
}

/// A reference label as CommonMark compares labels: whitespace collapsed to one
/// space, trimmed, and case-folded (lower, upper, then lower case approximates
/// Unicode's full case folding: `ẞ` and `SS` both become `ss`).
pub fn normalize_label(label: &str) -> String {
    let mut out = String::with_capacity(label.len());
    for word in label.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if out.is_ascii() {
        out.make_ascii_lowercase();
        out
    } else {
        out.to_lowercase().to_uppercase().to_lowercase()
    }
}

impl Document {
    /// GitHub's anchor for heading `index` (duplicates numbered `-1`, `-2`, ...).
    pub fn anchor(&self, index: usize) -> &str {
        &self.anchors()[index]
    }

    /// GitHub's anchors of all headings, in document order.
    pub fn anchors(&self) -> &[String] {
        self.anchors.get_or_init(|| {
            let mut slugger = crate::anchor::Slugger::new();
            self.headings
                .iter()
                .map(|heading| slugger.anchor(&heading.anchor_text))
                .collect()
        })
    }

    pub fn parse(source: &SourceText) -> Document {
        let options = comrak_options();
        let arena = Arena::new();
        let body = &source.text()[source.bom_len()..];
        let root = comrak::parse_document(&arena, body, &options);
        let mut builder = Builder {
            source,
            document: Document::default(),
        };
        // comrak moves footnote definitions to the end; walk the blocks in source order so
        // that every list here is in document order.
        let mut children: Vec<_> = root.children().collect();
        children.sort_by_key(|child| {
            let start = child.data().sourcepos.start;
            (start.line, start.column)
        });
        for child in children {
            builder.top_level_block(child);
        }
        builder.document.code.sort_by_key(|range| range.start);
        let text = source.text();
        let html_headings: Vec<_> = builder
            .document
            .blocks
            .iter()
            .filter(|block| block.kind == BlockKind::Html)
            .filter(|block| {
                memchr::memmem::find(text[block.range.clone()].as_bytes(), b"<h").is_some()
                    || memchr::memmem::find(text[block.range.clone()].as_bytes(), b"<H").is_some()
            })
            .flat_map(|block| crate::html::headings(text, block.range.clone()))
            .collect();
        builder.document.html_headings = html_headings;
        builder.document
    }

    /// Sections of every heading, in document order.
    pub fn sections(&self, text: &str) -> Vec<Section> {
        let mut sections = Vec::with_capacity(self.headings.len());
        for (index, heading) in self.headings.iter().enumerate() {
            // A heading inside a list, quote or footnote does not end a section: cutting
            // there would split that block.
            let end = self.headings[index + 1..]
                .iter()
                .enumerate()
                .find(|(_, later)| later.top_level && later.level <= heading.level)
                .map_or(text.len(), |(offset, _)| {
                    self.heading_start(text, index + 1 + offset)
                });
            let start = if heading.top_level {
                self.heading_start(text, index)
            } else {
                heading.range.start
            };
            sections.push(Section {
                heading: index,
                range: start..end.max(start),
            });
        }
        sections
    }

    /// Where heading `index` begins as a block to move or insert before: at the heading,
    /// or above the HTML anchors written for it on the lines before (`<a name="usage"></a>`),
    /// which belong to it.
    pub fn heading_start(&self, text: &str, index: usize) -> usize {
        let heading = &self.headings[index];
        let position = self
            .blocks
            .partition_point(|block| block.range.start < heading.range.start);
        let mut start = heading.range.start;
        for block in self.blocks[..position].iter().rev() {
            // At most one blank line between the anchor and the heading.
            let between = &text[block.range.end.min(start)..start];
            let close = between.trim().is_empty() && between.matches('\n').count() <= 2;
            if block.kind != BlockKind::Html || !close || !is_anchor_only(text, block.range.clone()) {
                break;
            }
            start = block.range.start;
        }
        start
    }

    /// Sorted byte ranges that are not prose: front matter, code, images, link
    /// destinations and autolinks. The date pass skips them.
    pub fn non_prose_ranges(&self, text: &str) -> Vec<Range<usize>> {
        let mut ranges: Vec<Range<usize>> = self.code.clone();
        ranges.extend(self.front_matter.clone());
        for link in &self.links {
            let source = &text[link.range.clone()];
            if link.is_image || source == link.url || source.trim_matches(['<', '>']) == link.url {
                ranges.push(link.range.clone());
            } else if let Some(open) = source.rfind("](")
                && source.ends_with(')')
            {
                ranges.push(link.range.start + open + 2..link.range.end - 1);
            }
        }
        ranges.sort_by_key(|range| (range.start, range.end));
        // Merge overlaps so the list stays sorted and disjoint.
        let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
        for range in ranges {
            match merged.last_mut() {
                Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
                _ => merged.push(range),
            }
        }
        merged
    }

    /// True when `offset` lies inside a code block or code span.
    pub fn in_code(&self, offset: usize) -> bool {
        let index = self.code.partition_point(|range| range.start <= offset);
        index > 0 && offset < self.code[index - 1].end
    }

    /// Top-level blocks that start inside `range`.
    pub fn blocks_in(&self, range: Range<usize>) -> impl Iterator<Item = &Block> {
        // Blocks are in document order: two binary searches, not a scan per call.
        let first = self
            .blocks
            .partition_point(|block| block.range.start < range.start);
        let end = self.blocks.partition_point(|block| block.range.start < range.end);
        self.blocks[first..end.max(first)].iter()
    }

    /// The headings at the top level of the document (not in lists or quotes).
    pub fn top_level_headings(&self) -> impl Iterator<Item = (usize, &Heading)> {
        self.headings
            .iter()
            .enumerate()
            .filter(|(_, heading)| heading.top_level)
    }
}

struct Builder<'s> {
    source: &'s SourceText,
    document: Document,
}

impl Builder<'_> {
    fn offset(&self, position: ComrakPosition) -> usize {
        let bom = self.source.bom_len();
        let line_start = if position.line <= 1 {
            bom
        } else {
            self.source.line_start(position.line)
        };
        let offset = line_start + position.column.saturating_sub(1);
        self.clamp(offset)
    }

    /// comrak's end column is inclusive; 0 means "ends before this line".
    fn end_offset(&self, position: ComrakPosition) -> usize {
        if position.column == 0 {
            let line = position.line.max(1);
            let start = self.source.line_start(line);
            return self.clamp(trim_line_end(self.source.text(), start));
        }
        let line_start = if position.line <= 1 {
            self.source.bom_len()
        } else {
            self.source.line_start(position.line)
        };
        self.clamp(line_start + position.column)
    }

    fn clamp(&self, mut offset: usize) -> usize {
        let text = self.source.text();
        offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset += 1;
        }
        offset
    }

    fn range_of(&self, node: &AstNode<'_>) -> Range<usize> {
        let sourcepos = node.data().sourcepos;
        let start = self.offset(sourcepos.start);
        let end = self.end_offset(sourcepos.end).max(start);
        start..end
    }

    fn top_level_block<'a>(&mut self, node: &'a AstNode<'a>) {
        let range = self.range_of(node);
        let kind = match &node.data().value {
            NodeValue::FrontMatter(_) => {
                let range = self.front_matter_range(range);
                self.document.front_matter = Some(range.clone());
                self.document.blocks.push(Block {
                    kind: BlockKind::FrontMatter,
                    range,
                });
                return;
            }
            NodeValue::Heading(_) => BlockKind::Heading(self.document.headings.len()),
            NodeValue::Paragraph => BlockKind::Paragraph,
            NodeValue::HtmlBlock(_) => BlockKind::Html,
            NodeValue::CodeBlock(_) => BlockKind::Code,
            NodeValue::List(_) => BlockKind::List,
            NodeValue::BlockQuote | NodeValue::MultilineBlockQuote(_) | NodeValue::Alert(_) => {
                BlockKind::BlockQuote
            }
            NodeValue::Table(_) => BlockKind::Table,
            NodeValue::ThematicBreak => BlockKind::ThematicBreak,
            _ => BlockKind::Other,
        };
        self.document.blocks.push(Block {
            kind,
            range: range.clone(),
        });
        self.visit(node, true);
    }

    /// comrak does not always give front matter a usable position; it always starts
    /// the file, so find its closing delimiter line directly.
    fn front_matter_range(&self, fallback: Range<usize>) -> Range<usize> {
        let text = self.source.text();
        let start = self.source.bom_len();
        let mut line = 2;
        while line <= self.source.line_count() {
            let content = self.source.line_content(line);
            if text[content.clone()].trim_end() == "---" {
                return start..content.end;
            }
            line += 1;
        }
        fallback
    }

    /// Records what the rules read from `node` and everything inside it, in document
    /// order. Iterative: block quotes nest without limit, and a recursive walk of ten
    /// thousand of them overflows a worker thread's stack.
    fn visit<'a>(&mut self, node: &'a AstNode<'a>, top_level: bool) {
        let mut stack = vec![(node, top_level)];
        while let Some((node, top_level)) = stack.pop() {
            if self.visit_one(node, top_level) {
                let start = stack.len();
                stack.extend(node.children().map(|child| (child, false)));
                stack[start..].reverse();
            }
        }
    }

    /// Records `node` itself; true when its children are to be visited.
    fn visit_one<'a>(&mut self, node: &'a AstNode<'a>, top_level: bool) -> bool {
        let value = node.data().value.clone();
        match value {
            NodeValue::Heading(heading) => {
                let range = self.range_of(node);
                self.push_heading(node, heading.level, heading.setext, range, top_level);
                true
            }
            NodeValue::CodeBlock(block) => {
                let range = self.range_of(node);
                self.document.code.push(range.clone());
                self.document.code_blocks.push(CodeBlock {
                    range,
                    info: block.info.clone(),
                    literal: block.literal.clone(),
                });
                false
            }
            NodeValue::Code(_) => {
                let range = self.range_of(node);
                self.document.code.push(range);
                false
            }
            NodeValue::HtmlBlock(_) => {
                let range = self.range_of(node);
                self.document.html.push(Html {
                    range,
                    is_block: true,
                });
                false
            }
            NodeValue::HtmlInline(_) => {
                let range = self.range_of(node);
                self.document.html.push(Html {
                    range,
                    is_block: false,
                });
                false
            }
            NodeValue::Link(link) | NodeValue::Image(link) => {
                let is_image = matches!(node.data().value, NodeValue::Image(_));
                let range = self.range_of(node);
                self.document.links.push(Link {
                    range,
                    url: link.url.clone(),
                    is_image,
                    text: plain_text(node),
                });
                true
            }
            _ => true,
        }
    }

    fn push_heading<'a>(
        &mut self,
        node: &'a AstNode<'a>,
        level: u8,
        setext: bool,
        range: Range<usize>,
        top_level: bool,
    ) {
        let text = plain_text(node);
        let mut anchor_text = String::new();
        collect_text(node, &mut anchor_text, AltText::Skip);
        let text_range = if setext {
            self.setext_text_range(&range)
        } else {
            atx_text_range(self.source.text(), &range)
        };
        let range = range.start..trim_line_end(self.source.text(), range.end).max(text_range.end);
        self.document.headings.push(Heading {
            level,
            setext,
            range,
            text_range,
            text,
            anchor_text,
            top_level,
        });
    }

    fn setext_text_range(&self, range: &Range<usize>) -> Range<usize> {
        let text = self.source.text();
        let first_line = self.source.line_of(range.start);
        let last_line = self.source.line_of(range.end.saturating_sub(1).max(range.start));
        let text_end_line = last_line.saturating_sub(1).max(first_line);
        let start = range.start + leading_spaces(&text[range.start..]);
        let end_content = self.source.line_content(text_end_line);
        let end = start.max(end_content.start + text[end_content.clone()].trim_end().len());
        start..end
    }
}

/// The inline content of an ATX heading line: after the opening `#`s and before
/// an optional closing sequence.
fn atx_text_range(text: &str, range: &Range<usize>) -> Range<usize> {
    let line_end = range.start
        + text[range.start..]
            .find(['\n', '\r'])
            .unwrap_or(text.len() - range.start);
    let line = &text[range.start..line_end];
    let after_indent = leading_spaces(line);
    let hashes = line[after_indent..].bytes().take_while(|&b| b == b'#').count();
    let mut start = after_indent + hashes;
    start += line[start..].len() - line[start..].trim_start_matches([' ', '\t']).len();
    let mut end = line.trim_end_matches([' ', '\t']).len().max(start);
    let content = &line[start..end];
    let without_closing = content.trim_end_matches('#');
    if without_closing.is_empty() {
        end = start;
    } else if without_closing.len() < content.len() && without_closing.ends_with([' ', '\t']) {
        end = start + without_closing.trim_end_matches([' ', '\t']).len();
    }
    (range.start + start)..(range.start + end)
}

fn leading_spaces(text: &str) -> usize {
    text.len() - text.trim_start_matches(' ').len()
}

fn trim_line_end(text: &str, mut end: usize) -> usize {
    let bytes = text.as_bytes();
    while end > 0 && matches!(bytes[end - 1], b'\n' | b'\r') {
        end -= 1;
    }
    end
}

/// The plain text of one line of inline Markdown (for computing an anchor of text
/// that is not in the document yet).
pub fn inline_text(markdown: &str) -> String {
    let options = comrak_options();
    let arena = Arena::new();
    let root = comrak::parse_document(&arena, &format!("# {markdown}"), &options);
    root.children().next().map(plain_text).unwrap_or_default()
}

/// The text GitHub makes a heading's anchor from, for heading content written as
/// `markdown` (see [`Heading::anchor_text`]).
pub fn inline_anchor_text(markdown: &str) -> String {
    let options = comrak_options();
    let arena = Arena::new();
    let root = comrak::parse_document(&arena, &format!("# {markdown}"), &options);
    let mut out = String::new();
    if let Some(heading) = root.children().next() {
        collect_text(heading, &mut out, AltText::Skip);
    }
    out
}

/// The text a reader sees in a Markdown fragment (all its blocks).
pub fn markdown_plain_text(markdown: &str) -> String {
    let options = comrak_options();
    let arena = Arena::new();
    let root = comrak::parse_document(&arena, markdown, &options);
    let parts: Vec<String> = root.children().map(plain_text).collect();
    parts.join(" ")
}

/// The text a reader sees: literal text and code, image alt text, breaks as spaces.
pub fn plain_text<'a>(node: &'a AstNode<'a>) -> String {
    let mut out = String::new();
    collect_text(node, &mut out, AltText::Keep);
    out
}

/// Whether an image's alt text counts as text.
#[derive(Clone, Copy, PartialEq, Eq)]
enum AltText {
    Keep,
    Skip,
}

/// Iterative, like [`Builder::visit`], so that deep nesting cannot overflow the stack.
fn collect_text<'a>(node: &'a AstNode<'a>, out: &mut String, alt: AltText) {
    let mut stack: Vec<&'a AstNode<'a>> = node.children().collect();
    stack.reverse();
    while let Some(child) = stack.pop() {
        match &child.data().value {
            NodeValue::Text(text) => out.push_str(text),
            NodeValue::Code(code) => out.push_str(&code.literal),
            NodeValue::SoftBreak | NodeValue::LineBreak => out.push(' '),
            NodeValue::Image(_) if alt == AltText::Skip => {}
            _ => {
                let start = stack.len();
                stack.extend(child.children());
                stack[start..].reverse();
            }
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Parses `text` for a test: the source and its document.
    pub(crate) fn parse(text: &str) -> (SourceText, Document) {
        let source = SourceText::new(text.to_string());
        let document = Document::parse(&source);
        (source, document)
    }

    #[test]
    fn footnote_definitions_stay_in_document_order() {
        // Found by the `lint_fix` fuzz target: comrak puts footnote definitions last, so the
        // README's real last block (an unclosed code fence) was not `blocks.last()`.
        let (_, document) = parse("# T\n\nA[^1].\n\n[^1]: Note `x`.\n    # Inner\n\n## B\n\n```sh\nnpm\n");
        let starts: Vec<usize> = document.blocks.iter().map(|block| block.range.start).collect();
        assert!(starts.is_sorted(), "{:?}", document.blocks);
        let headings: Vec<&str> = document
            .headings
            .iter()
            .map(|heading| heading.text.as_str())
            .collect();
        assert_eq!(headings, ["T", "Inner", "B"]);
        assert_eq!(
            document.blocks.last().map(|block| block.kind),
            Some(BlockKind::Code)
        );
        assert!(document.code.is_sorted_by_key(|range| range.start));
    }

    #[test]
    fn heading_ranges_are_byte_ranges() {
        let (source, document) = parse("# Tïtle\n\nSome text.\n\n## Install ##\n\nrun\n");
        let text = source.text();
        assert_eq!(document.headings.len(), 2);
        assert_eq!(&text[document.headings[0].range.clone()], "# Tïtle");
        assert_eq!(&text[document.headings[0].text_range.clone()], "Tïtle");
        assert_eq!(&text[document.headings[1].text_range.clone()], "Install");
        assert_eq!(document.anchor(1), "install");
    }

    #[test]
    fn crlf_and_bom_keep_offsets_right() {
        let (source, document) = parse("\u{feff}# Title\r\n\r\n## Usage\r\n\r\ntext\r\n");
        let text = source.text();
        assert_eq!(&text[document.headings[0].range.clone()], "# Title");
        assert_eq!(&text[document.headings[1].range.clone()], "## Usage");
        let paragraph = document.blocks.last().unwrap();
        assert_eq!(&text[paragraph.range.clone()], "text");
    }

    #[test]
    fn setext_heading_text() {
        let (source, document) = parse("Title\n=====\n\nSub\n---\n");
        let text = source.text();
        assert_eq!(&text[document.headings[0].text_range.clone()], "Title");
        assert_eq!(&text[document.headings[0].range.clone()], "Title\n=====");
        assert_eq!(document.headings[1].level, 2);
    }

    #[test]
    fn front_matter_is_not_a_heading() {
        let (source, document) = parse("---\ntitle: x\n---\n\n# Real\n");
        assert_eq!(document.headings.len(), 1);
        assert_eq!(
            &source.text()[document.front_matter.clone().unwrap()],
            "---\ntitle: x\n---"
        );
        assert_eq!(&source.text()[document.headings[0].range.clone()], "# Real");
    }

    #[test]
    fn code_and_links_are_recorded() {
        let (source, document) = parse("See [the docs](https://x.y) and `code`.\n\n```\nfenced\n```\n");
        let text = source.text();
        assert_eq!(document.links.len(), 1);
        assert_eq!(&text[document.links[0].range.clone()], "[the docs](https://x.y)");
        assert_eq!(document.code.len(), 2);
        assert_eq!(&text[document.code[0].clone()], "`code`");
        assert!(document.in_code(document.code[1].start + 4));
    }

    #[test]
    fn sections_nest_by_level() {
        let (source, document) = parse("# T\n\n## A\n\n### A1\n\n## B\n");
        let sections = document.sections(source.text());
        assert_eq!(sections[1].range, 5..19);
        assert_eq!(&source.text()[sections[1].range.clone()], "## A\n\n### A1\n\n");
    }

    #[test]
    fn headings_inside_blocks_do_not_end_sections() {
        // Found while triaging a `lint_fix` fuzz crash: a section ended at a heading inside a
        // block quote, so section-order's fix moved the section without the rest of the quote.
        let (source, document) = parse("# T\n\n## A\n\n> # Note\n> quoted\n\n## B\n");
        let sections = document.sections(source.text());
        assert_eq!(
            &source.text()[sections[1].range.clone()],
            "## A\n\n> # Note\n> quoted\n\n"
        );
    }

    #[test]
    fn duplicate_and_emoji_anchors_follow_github() {
        let (_, document) = parse("## 📦 Install\n\n## Usage\n\n## Usage\n");
        assert_eq!(document.anchor(0), "-install");
        assert_eq!(document.anchor(2), "usage-1");
    }
}
