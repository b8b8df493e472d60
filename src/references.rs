//! The link reference definitions of a README and its bracketed references, read from
//! the source text: the definitions where comrak's blocks say a paragraph starts, and the
//! references (`[text][label]`, `[label][]`, `[label]`) by one pass over the text that
//! pairs brackets as CommonMark does. comrak resolves references and forgets them, and
//! leaves out an undefined one, so both come from the source text here. The two
//! link-reference rules read this scan.

use crate::document::normalize_label;
use crate::document::{BlockKind, Document};
use crate::source::SourceText;

use std::ops::Range;

/// `text` as inline code, with a fence of backticks it does not contain.
pub fn code(text: &str) -> String {
    if !text.contains('`') {
        return format!("`{text}`");
    }
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    format!("{fence} {text} {fence}")
}

/// A link reference definition, `[label]: destination "title"`.
pub struct Definition {
    /// The label as written, between the brackets.
    pub label: Range<usize>,
    /// The label as CommonMark compares labels (see [`normalize_label`]).
    pub key: String,
    /// From the opening bracket to the end of the destination or title (for a
    /// definition that is not [`certain`](Self::certain), to the end of its line).
    pub range: Range<usize>,
    /// The destination as written (with its angle brackets, if any).
    pub destination: Range<usize>,
    pub has_title: bool,
    /// Read where comrak's blocks say a top-level paragraph starts, so surely a
    /// definition. Otherwise a line in a list, quote or footnote that looks like one:
    /// it counts as defining its label, never as unused.
    pub certain: bool,
    /// The run of definitions that make up a whole paragraph, when it is in one.
    pub run: Option<usize>,
}

/// Definitions that make up a whole top-level paragraph (comrak leaves no block for it).
pub struct Run {
    pub definitions: usize,
    /// Every definition may start the paragraph: deleting the ones above it leaves it
    /// a definition, not the start of an indented code block.
    pub indent_ok: bool,
    /// A blank line (or the file's end) follows, and the block before cannot go on past
    /// blank lines (a list, an indented code block, a footnote) to take in what follows
    /// once the whole run is gone.
    pub clean_edges: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReferenceKind {
    /// `[text][label]`
    Full,
    /// `[label][]`
    Collapsed,
    /// `[label]`
    Shortcut,
}

/// A bracketed reference in the text, resolved or not.
pub struct Reference {
    pub kind: ReferenceKind,
    /// From the opening bracket (an image's `!`) to the last closing bracket.
    pub range: Range<usize>,
    /// The label as written: inside the second brackets of a full reference, the
    /// text of the others. Only references whose label can match a definition are kept.
    pub label: Range<usize>,
}

/// What [`scan`] finds, in document order.
pub struct Scan {
    pub definitions: Vec<Definition>,
    pub runs: Vec<Run>,
    pub references: Vec<Reference>,
    /// Lines that look like definitions but go on a paragraph (`[a]: /url` right under
    /// a line of text), and so are text; read loosely.
    pub strays: Vec<Definition>,
}

/// The README's link reference definitions and bracketed references.
pub fn scan(source: &SourceText, document: &Document) -> Scan {
    let (definitions, runs, strays) = find_definitions(source, document);
    let references = find_references(source, document, &definitions);
    Scan {
        definitions,
        runs,
        references,
        strays,
    }
}

/// The label as written, its whitespace collapsed, for messages.
pub fn written_label(label: &str) -> String {
    label.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// True for a line of only spaces and tabs.
pub fn is_blank(line: &str) -> bool {
    line.bytes().all(|byte| matches!(byte, b' ' | b'\t'))
}

/// The longest label CommonMark accepts, in characters.
const MAX_LABEL_CHARS: usize = 999;

/// No top-level block on the line.
const NO_BLOCK: usize = usize::MAX;

/// Definitions at the top level are read where a paragraph starts: on lines comrak
/// gave no block (a paragraph of definitions only, which comrak drops) and at the
/// start of a paragraph block (definitions followed by text). Lines in lists, quotes,
/// footnotes and headings are read loosely (see [`Definition::certain`]); so are the
/// lines of a paragraph that look like definitions but are its text (the strays).
fn find_definitions(
    source: &SourceText,
    document: &Document,
) -> (Vec<Definition>, Vec<Run>, Vec<Definition>) {
    let mut definitions = Vec::new();
    let mut runs = Vec::new();
    let mut strays = Vec::new();
    let text = source.text();
    if memchr::memmem::find(text.as_bytes(), b"]:").is_none() {
        return (definitions, runs, strays);
    }
    let line_count = source.line_count();
    // The top-level block on each line: blocks do not overlap, so this is linear.
    let mut owner = vec![NO_BLOCK; line_count + 2];
    for (index, block) in document.blocks.iter().enumerate() {
        let first = source.line_of(block.range.start);
        let last = source.line_of(block.range.end.saturating_sub(1).max(block.range.start));
        for slot in &mut owner[first.min(line_count + 1)..=last.min(line_count + 1)] {
            *slot = index;
        }
    }
    let line_range = |line: usize| {
        let content = source.line_content(line);
        let start = if line == 1 {
            source.bom_len()
        } else {
            content.start
        };
        start..content.end.max(start)
    };
    // The line starting at `offset` (a line start from `read_run`), past the last at the end.
    let line_at = |offset: usize| {
        if offset >= text.len() {
            line_count + 1
        } else {
            source.line_of(offset)
        }
    };
    let mut line = 1;
    while line <= line_count {
        let range = line_range(line);
        let block = owner[line];
        if is_blank(&text[range.clone()]) {
            line += 1;
            continue;
        }
        if block == NO_BLOCK {
            // A paragraph comrak dropped: definitions only, up to a blank line or a block.
            let mut last = line;
            while last < line_count && owner[last + 1] == NO_BLOCK && !is_blank(&text[line_range(last + 1)]) {
                last += 1;
            }
            let before = definitions.len();
            let next = read_run(source, range.start, line_range(last).end, &mut definitions);
            if definitions.len() > before {
                let run = runs.len();
                for definition in &mut definitions[before..] {
                    definition.run = Some(run);
                }
                runs.push(run_of(source, document, &definitions[before..], next));
            }
            // What the parse here did not read (comrak did): read loosely.
            let mut rest = if next > range.start { line_at(next) } else { line };
            while rest <= last {
                definitions.extend(loose_definition(text, line_range(rest), document));
                rest += 1;
            }
            line = last + 1;
            continue;
        }
        let kind = document.blocks[block].kind;
        let block_range = document.blocks[block].range.clone();
        if kind == BlockKind::Paragraph && source.line_of(block_range.start) == line {
            // Definitions may open a paragraph that goes on with text.
            let last = source.line_of(block_range.end.saturating_sub(1).max(block_range.start));
            let next = read_run(source, range.start, line_range(last).end, &mut definitions);
            let first_text = if next > range.start { line_at(next) } else { line };
            // After the text, a line that looks like a definition is more text.
            for stray in first_text + 1..=last {
                strays.extend(loose_definition(text, line_range(stray), document));
            }
            line = last + 1;
            continue;
        }
        if matches!(
            kind,
            BlockKind::List | BlockKind::BlockQuote | BlockKind::Other | BlockKind::Heading(_)
        ) {
            definitions.extend(loose_definition(text, range, document));
        }
        line += 1;
    }
    (definitions, runs, strays)
}

/// Reads the definitions that start a paragraph at `start` (a line start) and ends
/// before `limit`; returns where the paragraph's text goes on (the start of the line
/// after the last definition), or `start` when there is none.
fn read_run(source: &SourceText, start: usize, limit: usize, definitions: &mut Vec<Definition>) -> usize {
    let text = source.text();
    let mut at = start;
    let mut first = true;
    while at < limit {
        let Some(parsed) = parse_definition(text, at, limit, first) else {
            break;
        };
        let label = &text[parsed.label.clone()];
        let next = source.next_line_start(parsed.end.saturating_sub(1).max(parsed.open));
        if !label.starts_with('^') {
            definitions.push(Definition {
                key: normalize_label(label),
                label: parsed.label,
                range: parsed.open..parsed.end,
                destination: parsed.destination,
                has_title: parsed.has_title,
                certain: true,
                run: None,
            });
        }
        first = false;
        at = next;
    }
    if first { start } else { at }
}

/// What deleting some or all of a run's definitions could change (see [`Run`]).
fn run_of(source: &SourceText, document: &Document, run: &[Definition], next: usize) -> Run {
    let text = source.text();
    let indent_ok = run.iter().all(|definition| {
        let line_start = source.line_start(source.line_of(definition.range.start));
        let indent = &text[line_start.max(source.bom_len())..definition.range.start];
        indent.len() <= 3 && indent.bytes().all(|byte| byte == b' ')
    });
    let blank_after = next >= text.len() || is_blank(&text[source.line_content(source.line_of(next))]);
    let start = run.first().map_or(next, |definition| definition.range.start);
    let before = document.blocks.partition_point(|block| block.range.start < start);
    let block_before_ok = before == 0 || {
        let block = &document.blocks[before - 1];
        match block.kind {
            BlockKind::List | BlockKind::BlockQuote | BlockKind::Other => false,
            BlockKind::Code => {
                let fence = text[block.range.clone()].trim_start_matches(' ');
                fence.starts_with("```") || fence.starts_with("~~~")
            }
            _ => true,
        }
    };
    Run {
        definitions: run.len(),
        indent_ok,
        clean_edges: blank_after && block_before_ok,
    }
}

/// One definition as read by [`parse_definition`].
struct Parsed {
    open: usize,
    label: Range<usize>,
    destination: Range<usize>,
    has_title: bool,
    /// After the destination or the title.
    end: usize,
}

fn is_line_end(bytes: &[u8], at: usize, limit: usize) -> bool {
    at >= limit || matches!(bytes[at], b'\n' | b'\r')
}

fn skip_spaces(bytes: &[u8], mut at: usize, limit: usize) -> usize {
    while at < limit && matches!(bytes[at], b' ' | b'\t') {
        at += 1;
    }
    at
}

/// Spaces, at most one line ending, and spaces.
fn skip_spaces_and_line_end(bytes: &[u8], at: usize, limit: usize) -> usize {
    let mut at = skip_spaces(bytes, at, limit);
    if at < limit && bytes[at] == b'\r' {
        at += 1;
    }
    if at < limit && bytes[at] == b'\n' {
        at += 1;
    }
    skip_spaces(bytes, at, limit)
}

/// Reads the text of a label or title, which may span lines but not hold a blank one.
#[derive(Default)]
struct NoBlankLine {
    /// Only whitespace since the last line ending.
    blank: bool,
}

impl NoBlankLine {
    /// Steps over the byte at `at`; `None` when it ends a blank line.
    fn step(&mut self, bytes: &[u8], at: usize) -> Option<usize> {
        match bytes[at] {
            b'\n' | b'\r' => {
                if self.blank && (bytes[at] == b'\r' || bytes[at - 1] != b'\r') {
                    return None;
                }
                self.blank = true;
            }
            b' ' | b'\t' => {}
            _ => self.blank = false,
        }
        Some(at + 1)
    }
}

/// A link label from just after its `[`: the index of its `]`. No unescaped `[`, at
/// most 999 characters, no blank line.
fn label_end(bytes: &[u8], start: usize, limit: usize) -> Option<usize> {
    let mut at = start;
    let mut lines = NoBlankLine::default();
    while at < limit {
        match bytes[at] {
            b'\\' if bytes.get(at + 1).is_some_and(u8::is_ascii_punctuation) => at += 2,
            b'[' => return None,
            b']' => {
                let label = std::str::from_utf8(&bytes[start..at]).ok()?;
                return (label.chars().count() <= MAX_LABEL_CHARS).then_some(at);
            }
            _ => at = lines.step(bytes, at)?,
        }
        if at - start > MAX_LABEL_CHARS * 4 {
            return None;
        }
    }
    None
}

/// A link destination from `at`: its end, or `None` when there is none there.
fn destination_end(bytes: &[u8], mut at: usize, limit: usize) -> Option<usize> {
    if at < limit && bytes[at] == b'<' {
        at += 1;
        while at < limit {
            match bytes[at] {
                b'\\' if bytes.get(at + 1).is_some_and(u8::is_ascii_punctuation) => at += 2,
                b'>' => return Some(at + 1),
                b'<' | b'\n' | b'\r' => return None,
                _ => at += 1,
            }
        }
        return None;
    }
    let start = at;
    let mut depth = 0usize;
    while at < limit {
        match bytes[at] {
            b'\\' if bytes.get(at + 1).is_some_and(u8::is_ascii_punctuation) => at += 2,
            b'(' => {
                depth += 1;
                if depth > 32 {
                    return None;
                }
                at += 1;
            }
            b')' if depth == 0 => break,
            b')' => {
                depth -= 1;
                at += 1;
            }
            byte if byte <= b' ' || byte == 0x7f => break,
            _ => at += 1,
        }
    }
    (at > start && depth == 0).then_some(at.min(limit))
}

/// A link title from its opening quote or parenthesis: its end (after the closer).
fn title_end(bytes: &[u8], mut at: usize, limit: usize) -> Option<usize> {
    let close = match bytes.get(at)? {
        b'"' => b'"',
        b'\'' => b'\'',
        b'(' => b')',
        _ => return None,
    };
    let open = bytes[at];
    at += 1;
    let mut lines = NoBlankLine::default();
    while at < limit {
        match bytes[at] {
            b'\\' if bytes.get(at + 1).is_some_and(u8::is_ascii_punctuation) => at += 2,
            byte if byte == close => return Some(at + 1),
            b'(' if open == b'(' => return None,
            _ => at = lines.step(bytes, at)?,
        }
    }
    None
}

/// The definition at line start `at`, read as CommonMark does, not past `limit`.
/// The first definition of a paragraph may be indented up to three spaces; later
/// ones are paragraph continuation lines, indented as they like.
fn parse_definition(text: &str, at: usize, limit: usize, first: bool) -> Option<Parsed> {
    let bytes = text.as_bytes();
    let open = skip_spaces(bytes, at, limit);
    if first && (open - at > 3 || bytes[at..open].contains(&b'\t')) {
        return None;
    }
    if open >= limit || bytes[open] != b'[' {
        return None;
    }
    let close = label_end(bytes, open + 1, limit)?;
    let label = open + 1..close;
    if text[label.clone()].trim().is_empty() {
        return None;
    }
    if bytes.get(close + 1) != Some(&b':') {
        return None;
    }
    let start = skip_spaces_and_line_end(bytes, close + 2, limit);
    if start >= limit || matches!(bytes[start], b'\n' | b'\r') {
        return None;
    }
    let destination_end = destination_end(bytes, start, limit)?;
    let destination = start..destination_end;
    let at_line_end = is_line_end(bytes, skip_spaces(bytes, destination_end, limit), limit);
    let title_start = skip_spaces_and_line_end(bytes, destination_end, limit);
    if title_start > destination_end
        && let Some(title_end) = title_end(bytes, title_start, limit)
        && is_line_end(bytes, skip_spaces(bytes, title_end, limit), limit)
    {
        return Some(Parsed {
            open,
            label,
            destination,
            has_title: true,
            end: title_end,
        });
    }
    at_line_end.then_some(Parsed {
        open,
        label,
        destination,
        has_title: false,
        end: destination_end,
    })
}

/// A line in a list, quote or footnote that looks like a definition, after its
/// container's marks (`>`, a list marker, indentation).
fn loose_definition(text: &str, line: Range<usize>, document: &Document) -> Option<Definition> {
    let bytes = text.as_bytes();
    let mut at = line.start;
    loop {
        at = skip_spaces(bytes, at, line.end);
        match bytes.get(at) {
            Some(b'>') if at < line.end => at += 1,
            Some(b'-' | b'*' | b'+') if matches!(bytes.get(at + 1), Some(b' ' | b'\t')) => at += 1,
            Some(byte) if byte.is_ascii_digit() && at < line.end => {
                let digits = bytes[at..line.end]
                    .iter()
                    .take_while(|byte| byte.is_ascii_digit())
                    .count();
                if digits <= 9
                    && matches!(bytes.get(at + digits), Some(b'.' | b')'))
                    && matches!(bytes.get(at + digits + 1), Some(b' ' | b'\t'))
                {
                    at += digits + 1;
                } else {
                    return None;
                }
            }
            _ => break,
        }
    }
    if at >= line.end || bytes[at] != b'[' || document.in_code(at) {
        return None;
    }
    let close = label_end(bytes, at + 1, line.end)?;
    let label = &text[at + 1..close];
    if bytes.get(close + 1) != Some(&b':') || label.trim().is_empty() || label.starts_with('^') {
        return None;
    }
    // A destination and maybe a title, or nothing (the destination on the next line):
    // `- [name]: what it does` is a list of shortcut references, not of definitions.
    let rest = skip_spaces(bytes, close + 2, line.end);
    let destination = if rest == line.end {
        rest..rest
    } else {
        parse_definition(text, at, line.end, false)?.destination
    };
    Some(Definition {
        key: normalize_label(label),
        label: at + 1..close,
        range: at..line.end,
        destination,
        has_title: false,
        certain: false,
        run: None,
    })
}

/// A stretch the reference scan jumps over; `resets` when it is a block, which no
/// bracket pairs across.
struct Skip {
    range: Range<usize>,
    resets: bool,
}

/// An opening bracket waiting for its closer.
struct Opener {
    at: usize,
    /// Another bracket opened inside it: its text is no label.
    nested: bool,
}

/// How far an inline link's `(destination "title")` is looked for, so that a file of
/// `[a](` does not make the scan quadratic.
const INLINE_LINK_REACH: usize = 8192;

/// Every bracket pair that CommonMark would look up as a reference, in one pass:
/// brackets pair innermost first, a blank line or a block the scan jumps over (code,
/// HTML, front matter, a definition) closes them all, `[text](...)` is an inline link
/// and no reference.
fn find_references(source: &SourceText, document: &Document, definitions: &[Definition]) -> Vec<Reference> {
    let text = source.text();
    let bytes = text.as_bytes();
    let mut references = Vec::new();
    if memchr::memchr(b'[', bytes).is_none() {
        return references;
    }
    let mut skips: Vec<Skip> = Vec::new();
    skips.extend(document.code_blocks.iter().map(|block| Skip {
        range: block.range.clone(),
        resets: true,
    }));
    skips.extend(document.code.iter().map(|range| Skip {
        range: range.clone(),
        resets: false,
    }));
    skips.extend(document.html.iter().map(|html| Skip {
        range: html.range.clone(),
        resets: html.is_block,
    }));
    skips.extend(document.front_matter.iter().map(|range| Skip {
        range: range.clone(),
        resets: true,
    }));
    skips.extend(
        definitions
            .iter()
            .filter(|definition| definition.certain)
            .map(|definition| Skip {
                range: definition.range.clone(),
                resets: true,
            }),
    );
    skips.sort_by_key(|skip| (skip.range.start, std::cmp::Reverse(skip.resets)));
    let mut next_skip = 0;
    let mut stack: Vec<Opener> = Vec::new();
    let mut at = source.bom_len();
    while at < bytes.len() {
        while next_skip < skips.len() && skips[next_skip].range.end <= at {
            next_skip += 1;
        }
        if let Some(skip) = skips.get(next_skip)
            && skip.range.start <= at
        {
            if skip.resets {
                stack.clear();
            }
            at = skip.range.end.max(at + 1);
            next_skip += 1;
            continue;
        }
        match bytes[at] {
            b'\\' if bytes.get(at + 1).is_some_and(u8::is_ascii_punctuation) => at += 2,
            b'\n' | b'\r' => {
                at += 1;
                if bytes[at - 1] == b'\r' && bytes.get(at) == Some(&b'\n') {
                    at += 1;
                }
                let next = skip_spaces(bytes, at, bytes.len());
                if is_line_end(bytes, next, bytes.len()) {
                    stack.clear();
                }
                at = next;
            }
            b'[' => {
                if let Some(outer) = stack.last_mut() {
                    outer.nested = true;
                }
                stack.push(Opener { at, nested: false });
                at += 1;
            }
            b']' => {
                let Some(opener) = stack.pop() else {
                    at += 1;
                    continue;
                };
                if let Some(outer) = stack.last_mut() {
                    outer.nested = true;
                }
                at = close_bracket(text, opener, at, &mut references);
            }
            _ => at += 1,
        }
    }
    references
}

/// Reads what follows a bracket pair (`opener` to the `]` at `close`): records the
/// reference it makes, if any; returns where the scan goes on.
fn close_bracket(text: &str, opener: Opener, close: usize, references: &mut Vec<Reference>) -> usize {
    let bytes = text.as_bytes();
    let start = if opener.at > 0 && bytes[opener.at - 1] == b'!' {
        opener.at - 1
    } else {
        opener.at
    };
    let content = opener.at + 1..close;
    match bytes.get(close + 1) {
        Some(b'(') => {
            if let Some(end) = inline_link_end(bytes, close + 1) {
                return end;
            }
        }
        Some(b'[') => {
            let reach = (close + 2 + MAX_LABEL_CHARS * 4 + 2).min(bytes.len());
            if let Some(label_close) = label_end(bytes, close + 2, reach) {
                let label = close + 2..label_close;
                if label.is_empty() {
                    if !opener.nested && label_is_valid(&text[content.clone()]) {
                        references.push(Reference {
                            kind: ReferenceKind::Collapsed,
                            range: start..label_close + 1,
                            label: content,
                        });
                    }
                    return label_close + 1;
                }
                if label_is_valid(&text[label.clone()]) {
                    references.push(Reference {
                        kind: ReferenceKind::Full,
                        range: start..label_close + 1,
                        label,
                    });
                    return label_close + 1;
                }
            }
        }
        _ => {}
    }
    if !opener.nested && label_is_valid(&text[content.clone()]) {
        references.push(Reference {
            kind: ReferenceKind::Shortcut,
            range: start..close + 1,
            label: content,
        });
    }
    close + 1
}

fn label_is_valid(label: &str) -> bool {
    !label.trim().is_empty() && label.len() <= MAX_LABEL_CHARS * 4 && label.chars().count() <= MAX_LABEL_CHARS
}

/// An inline link's `(destination "title")` from its `(`: the offset after its `)`.
fn inline_link_end(bytes: &[u8], open: usize) -> Option<usize> {
    let limit = (open + INLINE_LINK_REACH).min(bytes.len());
    let mut at = skip_spaces_and_line_end(bytes, open + 1, limit);
    if at < limit && bytes[at] == b')' {
        return Some(at + 1);
    }
    at = destination_end(bytes, at, limit)?;
    let destination_end = at;
    at = skip_spaces_and_line_end(bytes, at, limit);
    if at < limit && bytes[at] == b')' {
        return Some(at + 1);
    }
    if at == destination_end {
        return None;
    }
    at = title_end(bytes, at, limit)?;
    at = skip_spaces_and_line_end(bytes, at, limit);
    (at < limit && bytes[at] == b')').then_some(at + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_definitions_as_commonmark_does() {
        let parse = |text: &str| parse_definition(text, 0, text.len(), true).map(|parsed| parsed.end);
        assert_eq!(parse("[a]: /u"), Some(7));
        assert_eq!(parse("   [a]: <> 'x'"), Some(14));
        assert_eq!(parse("    [a]: /u"), None);
        assert_eq!(parse("[a]: /u junk"), None);
        assert_eq!(parse("[a]: /u\n\"title\" junk"), Some(7));
        assert_eq!(parse("[a]:"), None);
        assert_eq!(parse("[]: /u"), None);
        assert_eq!(parse("[a[b]]: /u"), None);
        assert_eq!(parse("[a\\]]: /u(x)"), Some(12));
        assert_eq!(parse("[a]: /u)"), None);
    }
}
