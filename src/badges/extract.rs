//! Finding the badges of a document, with the place each URL is written.
//!
//! comrak resolves reference links, so its nodes carry the URL but not where it
//! is written; the destination (inline, or on the definition line) is found
//! here in the source and checked against comrak's URL before a fix may edit it.

use super::catalog::{CatalogView, Matched, Target};
use super::{Badge, BadgeUrl, Place, Syntax, Written, has_placeholder};
use crate::document::{Document, Link, normalize_label};
use crate::html::{self, Tag};
use crate::source::SourceText;
use std::collections::HashMap;
use std::ops::Range;

/// Every badge of the document, in document order. The badge block runs from the title
/// (`title_start`) to the first heading of the body (`body_start`) or HTML `<h2>`-`<h6>`.
pub fn extract<'a>(
    source: &'a SourceText,
    document: &'a Document,
    catalog: CatalogView<'a>,
    title_start: Option<usize>,
    body_start: Option<usize>,
) -> Vec<Badge<'a>> {
    let text = source.text();
    // The badge block ends at the first heading after the title: a Markdown one,
    // or an HTML block that starts with `<h2>`...`<h6>`.
    let html_heading = document
        .html
        .iter()
        .filter(|html| html.is_block && title_start.is_none_or(|title| html.range.start > title))
        .find(|html| {
            let start = text[html.range.clone()].trim_start().as_bytes();
            ["<h2", "<h3", "<h4", "<h5", "<h6"].iter().any(|tag| {
                start
                    .get(..3)
                    .is_some_and(|head| head.eq_ignore_ascii_case(tag.as_bytes()))
            })
        })
        .map(|html| html.range.start);
    let header_end = match (body_start, html_heading) {
        (Some(a), Some(b)) => a.min(b),
        (a, b) => a.or(b).unwrap_or(text.len()),
    };
    let extractor = Extractor {
        text,
        source,
        document,
        catalog,
        title_start,
        header_end,
        definitions: definitions(text, document),
        enclosing: enclosing_candidates(&document.links),
    };
    let mut badges = extractor.markdown_badges();
    badges.extend(extractor.html_badges());
    badges.sort_by_key(|badge| (badge.range.start, badge.image.report_range(&badge.range).start));
    badges
}

/// The Markdown links and images of the document that `wanted` accepts (by the URL
/// comrak resolved), with where each URL is written (inline, or on its reference
/// definition's line), in document order. The link rules read URLs as the badges do,
/// so that a fix edits exactly the URL; links not wanted are not located at all.
pub fn markdown_links_where(
    source: &SourceText,
    document: &Document,
    catalog: CatalogView<'_>,
    wanted: impl Fn(&Link) -> bool,
) -> Vec<(Link, BadgeUrl)> {
    let links: Vec<&Link> = document.links.iter().filter(|link| wanted(link)).collect();
    if links.is_empty() {
        return Vec::new();
    }
    let text = source.text();
    let extractor = Extractor {
        text,
        source,
        document,
        catalog,
        title_start: None,
        header_end: 0,
        definitions: definitions(text, document),
        enclosing: Vec::new(),
    };
    links
        .into_iter()
        .map(|link| {
            let link = extractor.locate(link);
            let (url, _) = extractor.markdown_url(&link);
            (link, url)
        })
        .collect()
}

struct Extractor<'t, 'a> {
    text: &'t str,
    source: &'t SourceText,
    document: &'t Document,
    catalog: CatalogView<'a>,
    title_start: Option<usize>,
    header_end: usize,
    /// Normalized label -> the destination's range on its definition line.
    definitions: HashMap<String, Range<usize>>,
    /// The links that are not images, as indexes into the document's links, sorted by start.
    enclosing: Vec<usize>,
}

/// The indexes of the links that are not images, sorted by where they start.
fn enclosing_candidates(links: &[Link]) -> Vec<usize> {
    let mut candidates: Vec<usize> = (0..links.len()).filter(|&index| !links[index].is_image).collect();
    candidates.sort_by_key(|&index| links[index].range.start);
    candidates
}

/// A link or image as written: its bracket text and how its URL is given.
struct Parsed {
    destination: Option<Range<usize>>,
    by_reference: bool,
}

impl<'a> Extractor<'_, 'a> {
    fn markdown_badges(&self) -> Vec<Badge<'a>> {
        let links = &self.document.links;
        let mut badges = Vec::new();
        for image in links.iter().filter(|link| link.is_image) {
            if has_placeholder(&image.url) {
                continue;
            }
            let Some(image_match) = self.catalog.badge_image(&image.url) else {
                continue;
            };
            // The innermost link around the image (comrak's ranges, before `locate`
            // corrects them: both are off by the same lines, if at all).
            let around = self.link_around(&image.range);
            let image = self.locate(image);
            let (image_url, image_syntax) = self.markdown_url(&image);
            let around = around.map(|link| self.locate(link));
            let (link, link_by_reference) = match &around {
                Some(link) if !has_placeholder(&link.url) => {
                    let (url, parsed) = self.markdown_url(link);
                    (Some(url), parsed)
                }
                _ => (None, false),
            };
            let range = around
                .as_ref()
                .map_or(image.range.clone(), |link| link.range.clone());
            let syntax = if image_syntax || link_by_reference {
                Syntax::Reference
            } else {
                Syntax::Inline
            };
            badges.push(self.badge(range, image.text.clone(), (image_url, image_match), link, syntax));
        }
        badges
    }

    fn badge(
        &self,
        range: Range<usize>,
        alt: String,
        (image, image_match): (BadgeUrl, Option<Matched<'a>>),
        link: Option<BadgeUrl>,
        syntax: Syntax,
    ) -> Badge<'a> {
        let place = if self.title_start.is_some_and(|title| range.start < title) {
            Place::BeforeTitle
        } else if range.start < self.header_end {
            Place::Header
        } else {
            Place::Body
        };
        let blocks = &self.document.blocks;
        let index = blocks.partition_point(|block| block.range.start <= range.start);
        let block = index
            .checked_sub(1)
            .filter(|&index| range.start <= blocks[index].range.end);
        let link_match = link
            .as_ref()
            .and_then(|link| self.catalog.match_url(&link.url, Target::Link));
        Badge {
            range,
            alt,
            image,
            link,
            syntax,
            place,
            block,
            image_match,
            link_match,
        }
    }

    /// `link` with its range corrected. comrak places the inlines that follow a
    /// line break inside a link destination (`](` at the end of a line) in the same
    /// paragraph one line too early per such break, at the right column; when the
    /// text at the reported place is not this link, the same column of the next
    /// lines is tried.
    fn locate(&self, link: &Link) -> Link {
        if self.parse_link(link).1.is_some() {
            return link.clone();
        }
        let line = self.source.line_of(link.range.start);
        let column = link.range.start - self.source.line_start(line);
        for later in line + 1..=(line + 8).min(self.source.line_count()) {
            let start = self.source.line_start(later) + column;
            if start >= self.text.len() || !self.text.is_char_boundary(start) {
                continue;
            }
            let candidate = Link {
                range: start..self.text.len(),
                ..link.clone()
            };
            if let (_, Some(end), _) = self.parse_link(&candidate) {
                return Link {
                    range: start..end,
                    ..link.clone()
                };
            }
        }
        link.clone()
    }

    /// The URL of a Markdown link or image, and whether it is given by reference.
    fn markdown_url(&self, link: &Link) -> (BadgeUrl, bool) {
        let (parsed, _, written) = self.parse_link(link);
        let url = BadgeUrl {
            url: link.url.clone(),
            written,
            by_reference: parsed.by_reference,
        };
        (url, parsed.by_reference)
    }

    /// Where `link`'s URL is written, when the text at `destination` is that URL.
    fn written(&self, link: &Link, destination: Range<usize>) -> Option<Written> {
        let raw = &self.text[destination.clone()];
        if !needs_decoding(raw, true) {
            return (raw == link.url).then_some(Written {
                range: destination,
                escape_ampersands: false,
                map: None,
            });
        }
        let (decoded, map) = decode(raw, destination.start, true);
        (decoded == link.url).then(|| Written {
            range: destination,
            escape_ampersands: raw.contains("&amp;"),
            map: (decoded != raw).then_some(map),
        })
    }

    /// How `link` is written at its range, and where it ends when its URL is
    /// found there (`None` when the text there is not this link).
    fn parse_link(&self, link: &Link) -> (Parsed, Option<usize>, Option<Written>) {
        let (parsed, end) = self.parse_syntax(link);
        let found = parsed
            .destination
            .clone()
            .and_then(|destination| self.written(link, destination));
        let end = end.filter(|_| found.is_some());
        (parsed, end, found)
    }

    fn parse_syntax(&self, link: &Link) -> (Parsed, Option<usize>) {
        let text = self.text;
        let none = (
            Parsed {
                destination: None,
                by_reference: false,
            },
            None,
        );
        let open = if link.is_image {
            link.range.start + 1
        } else {
            link.range.start
        };
        if text.as_bytes().get(open) != Some(&b'[') {
            return none;
        }
        let Some(close) = bracket_end(text, open, link.range.end) else {
            return none;
        };
        let bracket_text = &text[open + 1..close];
        let after = close + 1;
        match text.as_bytes().get(after) {
            Some(b'(') if after < link.range.end => {
                let destination = inline_destination(text, after, link.range.end);
                let end = destination
                    .as_ref()
                    .and_then(|destination| text[destination.end..link.range.end].find(')'))
                    .zip(destination.as_ref())
                    .map(|(close, destination)| destination.end + close + 1);
                let parsed = Parsed {
                    destination,
                    by_reference: false,
                };
                (parsed, end)
            }
            Some(b'[') if after < link.range.end => {
                let label_end = text[after + 1..link.range.end]
                    .find(']')
                    .map(|index| after + 1 + index);
                let label = match label_end {
                    Some(end) if end > after + 1 => &text[after + 1..end],
                    _ => bracket_text,
                };
                let parsed = Parsed {
                    destination: self.definitions.get(&normalize_label(label)).cloned(),
                    by_reference: true,
                };
                (parsed, label_end.map(|end| end + 1))
            }
            _ => {
                let parsed = Parsed {
                    destination: self.definitions.get(&normalize_label(bracket_text)).cloned(),
                    by_reference: true,
                };
                (parsed, Some(close + 1))
            }
        }
    }

    fn html_badges(&self) -> Vec<Badge<'a>> {
        let mut badges = Vec::new();
        // Inline HTML tags of one paragraph belong together (`<a>`, `<img>`, `</a>`
        // are separate nodes); an HTML block stands alone.
        let mut groups: Vec<Vec<Range<usize>>> = Vec::new();
        let mut last_block = None;
        for html in &self.document.html {
            let block = self.block_of(html.range.start);
            if html.is_block || block != last_block || groups.is_empty() {
                groups.push(Vec::new());
            }
            last_block = if html.is_block { None } else { block };
            groups.last_mut().expect("a group").push(html.range.clone());
        }
        for group in groups {
            let tags: Vec<Tag> = group
                .iter()
                .flat_map(|range| html::scan(self.text, range.clone()))
                .collect();
            let mut open_link: Option<(usize, Option<Range<usize>>)> = None;
            let mut inside: Vec<usize> = Vec::new();
            for tag in tags {
                let kind = if tag.is("a") {
                    "a"
                } else if tag.is("img") || tag.is("image") {
                    "img"
                } else {
                    ""
                };
                match (kind, tag.closing) {
                    ("a", false) => {
                        open_link = Some((tag.range.start, tag.attribute("href")));
                        inside.clear();
                    }
                    ("a", true) => {
                        for &index in &inside {
                            let badge: &mut Badge<'a> = &mut badges[index];
                            badge.range.end = tag.range.end;
                        }
                        inside.clear();
                        open_link = None;
                    }
                    ("img", false) => {
                        let Some(src) = tag.attribute("src") else { continue };
                        let image = self.attribute_url(src);
                        if has_placeholder(&image.url) {
                            continue;
                        }
                        let Some(image_match) = self.catalog.badge_image(&image.url) else {
                            continue;
                        };
                        let alt = tag
                            .attribute("alt")
                            .map(|alt| decode(&self.text[alt.clone()], alt.start, false).0)
                            .unwrap_or_default();
                        let (start, link) = match &open_link {
                            Some((start, href)) => {
                                (*start, href.clone().map(|href| self.attribute_url(href)))
                            }
                            None => (tag.range.start, self.markdown_link_around(&tag.range)),
                        };
                        let link = link.filter(|link| !has_placeholder(&link.url));
                        let range = start..tag.range.end;
                        if open_link.is_some() {
                            inside.push(badges.len());
                        }
                        badges.push(self.badge(range, alt, (image, image_match), link, Syntax::Html));
                    }
                    _ => {}
                }
            }
        }
        badges
    }

    fn attribute_url(&self, value: Range<usize>) -> BadgeUrl {
        let raw = &self.text[value.clone()];
        let (decoded, map) = decode(raw, value.start, false);
        // A value with spaces around the URL is left alone by fixes.
        let exact = raw.trim() == raw && !raw.is_empty();
        let decoded = decoded.trim().to_string();
        BadgeUrl {
            written: exact.then(|| Written {
                range: value.clone(),
                escape_ampersands: raw.contains("&amp;"),
                map: (decoded != raw).then_some(map),
            }),
            url: decoded,
            by_reference: false,
        }
    }

    /// `[<img src=...>](link)`: the Markdown link around an inline HTML image.
    fn markdown_link_around(&self, range: &Range<usize>) -> Option<BadgeUrl> {
        let link = self.link_around(range)?;
        Some(self.markdown_url(link).0)
    }

    /// The innermost link (not an image) whose range holds `range`. Links do not hold
    /// links, so the search walks back from `range` only until the first link that
    /// ends before it: the cost does not grow with the number of links in the file.
    fn link_around(&self, range: &Range<usize>) -> Option<&'_ Link> {
        let links = &self.document.links;
        let before = self
            .enclosing
            .partition_point(|&index| links[index].range.start <= range.start);
        for &index in self.enclosing[..before].iter().rev() {
            let link = &links[index];
            if range.end <= link.range.end {
                return Some(link);
            }
            if link.range.end <= range.start {
                return None;
            }
        }
        None
    }

    fn block_of(&self, offset: usize) -> Option<usize> {
        let blocks = &self.document.blocks;
        let index = blocks.partition_point(|block| block.range.start <= offset);
        index
            .checked_sub(1)
            .filter(|&index| offset <= blocks[index].range.end)
    }
}

/// The `]` that closes the `[` at `open`, skipping escapes, code spans and
/// nested brackets.
fn bracket_end(text: &str, open: usize, limit: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let limit = limit.min(bytes.len());
    let mut depth = 0;
    let mut index = open;
    while index < limit {
        match bytes[index] {
            b'\\' => index += 1,
            b'`' => {
                let run = bytes[index..limit].iter().take_while(|&&b| b == b'`').count();
                let fence = &text[index..index + run];
                let after = index + run;
                match text[after..limit].find(fence) {
                    Some(close) => index = after + close + run - 1,
                    None => index = after - 1,
                }
            }
            b'[' => depth += 1,
            b']' => {
                depth -= 1;
                if depth == 0 {
                    return Some(index);
                }
            }
            _ => {}
        }
        index += 1;
    }
    None
}

/// The destination of `(dest "title")` starting at the `(` at `open`.
fn inline_destination(text: &str, open: usize, limit: usize) -> Option<Range<usize>> {
    let bytes = text.as_bytes();
    let limit = limit.min(bytes.len());
    let mut index = open + 1;
    let mut newlines = 0;
    while index < limit {
        match bytes[index] {
            b' ' | b'\t' => index += 1,
            b'\n' | b'\r' if newlines == 0 => {
                newlines += 1;
                index += if bytes[index] == b'\r' && bytes.get(index + 1) == Some(&b'\n') {
                    2
                } else {
                    1
                };
            }
            _ => break,
        }
    }
    if index >= limit {
        return None;
    }
    if bytes[index] == b'<' {
        let start = index + 1;
        let close = text[start..limit].find(['>', '\n', '\r'])?;
        return (bytes[start + close] == b'>').then_some(start..start + close);
    }
    let start = index;
    let mut depth = 0usize;
    while index < limit {
        match bytes[index] {
            b'\\' => index += 1,
            b'(' => depth += 1,
            b')' if depth == 0 => break,
            b')' => depth -= 1,
            b if b.is_ascii_whitespace() || b.is_ascii_control() => break,
            _ => {}
        }
        index += 1;
    }
    Some(start..index.min(limit))
}

/// Link reference definitions at the top level (`[label]: destination`), the
/// first of each label; lines in code are skipped.
fn definitions(text: &str, document: &Document) -> HashMap<String, Range<usize>> {
    let mut found = HashMap::new();
    if memchr::memmem::find(text.as_bytes(), b"]:").is_none() {
        return found;
    }
    let bytes = text.as_bytes();
    // A byte order mark is not part of the first line's text.
    let mut line_start = if text.starts_with(crate::source::BOM) {
        crate::source::BOM.len()
    } else {
        0
    };
    while line_start < text.len() {
        let line_end = memchr::memchr2(b'\n', b'\r', &bytes[line_start..])
            .map_or(text.len(), |index| line_start + index);
        if let Some((label, destination)) = definition_at(text, line_start, line_end)
            && !document.in_code(line_start)
        {
            found.entry(normalize_label(label)).or_insert(destination);
        }
        line_start = line_end;
        if bytes.get(line_start) == Some(&b'\r') {
            line_start += 1;
        }
        if bytes.get(line_start) == Some(&b'\n') {
            line_start += 1;
        }
    }
    found
}

fn definition_at(text: &str, line_start: usize, line_end: usize) -> Option<(&str, Range<usize>)> {
    let line = &text[line_start..line_end];
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 || !line[indent..].starts_with('[') {
        return None;
    }
    let label_start = line_start + indent + 1;
    let mut index = label_start;
    let bytes = text.as_bytes();
    while index < line_end && bytes[index] != b']' {
        if bytes[index] == b'\\' {
            index += 1;
        } else if bytes[index] == b'[' {
            return None;
        }
        index += 1;
    }
    if index >= line_end || bytes.get(index + 1) != Some(&b':') {
        return None;
    }
    let label = &text[label_start..index];
    if label.trim().is_empty() {
        return None;
    }
    // The destination follows on the same line, or on the next one.
    let mut start = index + 2;
    while start < text.len() && matches!(bytes[start], b' ' | b'\t') {
        start += 1;
    }
    if start >= line_end {
        start = line_end;
        if start < text.len() && bytes[start] == b'\r' {
            start += 1;
        }
        if start < text.len() && bytes[start] == b'\n' {
            start += 1;
        }
        while start < text.len() && matches!(bytes[start], b' ' | b'\t') {
            start += 1;
        }
    }
    if start >= text.len() || matches!(bytes[start], b'\n' | b'\r') {
        return None;
    }
    if bytes[start] == b'<' {
        let inner = start + 1;
        let close = text[inner..].find(['>', '\n', '\r'])?;
        return (bytes[inner + close] == b'>').then(|| (label, inner..inner + close));
    }
    let end = text[start..]
        .find(|c: char| c.is_ascii_whitespace())
        .map_or(text.len(), |index| start + index);
    Some((label, start..end))
}

/// Resolves entities (and, in Markdown, backslash escapes); returns the text
/// and, for each byte of it plus its end, the source offset it comes from.
fn decode(raw: &str, base: usize, markdown: bool) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(raw.len());
    let mut map = Vec::with_capacity(raw.len() + 1);
    let bytes = raw.as_bytes();
    let mut index = 0;
    while index < raw.len() {
        if markdown && bytes[index] == b'\\' && bytes.get(index + 1).is_some_and(u8::is_ascii_punctuation) {
            // A character made from an escape maps to the escape's start.
            out.push(bytes[index + 1] as char);
            map.push(base + index);
            index += 2;
            continue;
        }
        if bytes[index] == b'&'
            && let Some((entity, length)) = entity_at(&raw[index..])
        {
            let before = out.len();
            out.push(entity);
            let written = out.len() - before;
            if written == length {
                map.extend((index..index + length).map(|source| base + source));
            } else {
                map.extend(std::iter::repeat_n(base + index, written));
            }
            index += length;
            continue;
        }
        // Plain bytes up to the next `\\` or `&` are copied as they are and map one to
        // one. Both are ASCII, so the run ends on a character boundary.
        let run_end = bytes[index + 1..]
            .iter()
            .position(|&byte| byte == b'&' || (markdown && byte == b'\\'))
            .map_or(raw.len(), |offset| index + 1 + offset);
        out.push_str(&raw[index..run_end]);
        map.extend((index..run_end).map(|source| base + source));
        index = run_end;
    }
    map.push(base + raw.len());
    (out, map)
}

/// Whether decoding `raw` would change it: only entities and (in Markdown)
/// backslash escapes do.
fn needs_decoding(raw: &str, markdown: bool) -> bool {
    raw.bytes()
        .any(|byte| byte == b'&' || (markdown && byte == b'\\'))
}

fn entity_at(text: &str) -> Option<(char, usize)> {
    let end = text[..text.len().min(12)].find(';')?;
    let name = &text[1..end];
    let ch = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        _ => {
            let number = name.strip_prefix('#')?;
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            };
            char::from_u32(code)?
        }
    };
    Some((ch, end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::ProjectFacts;
    use crate::rules::LintContext;
    use crate::source::SourceText;

    fn with_badges(text: &str, check: impl FnOnce(&str, &[Badge<'_>])) {
        let source = SourceText::new(text.to_string());
        let document = Document::parse(&source);
        let policy = crate::config::recommended_policy();
        let facts = ProjectFacts::default();
        let context = LintContext::new(&source, &document, &facts, &policy);
        check(text, context.badges());
    }

    fn written<'t>(text: &'t str, url: &BadgeUrl) -> &'t str {
        &text[url.written.as_ref().expect("located").range.clone()]
    }

    #[test]
    fn every_markdown_form() {
        let text = "# T\n\n[![CI](https://github.com/o/r/actions/workflows/ci.yml/badge.svg)](https://github.com/o/r/actions) \
                    ![crates](<https://img.shields.io/crates/v/x.svg> \"title\")\n\
                    [![Docs][docs-img]][docs] [![Github checks status]][github checks link]\n\n\
                    ![screenshot](https://example.com/shot.png)\n\n## Usage\n\n\
                    [docs-img]: https://docs.rs/x/badge.svg?a=1&amp;b=2\n[docs]: https://docs.rs/x\n\
                    [GitHub Checks Status]:\n  https://img.shields.io/badge/checks-ok-green\n\
                    [github  checks LINK]: <https://github.com/o/r>\n";
        with_badges(text, |text, badges| {
            assert_eq!(badges.len(), 4);
            assert_eq!(
                written(text, &badges[0].image),
                "https://github.com/o/r/actions/workflows/ci.yml/badge.svg"
            );
            assert_eq!(
                written(text, badges[0].link.as_ref().unwrap()),
                "https://github.com/o/r/actions"
            );
            assert_eq!(badges[0].syntax, Syntax::Inline);
            assert_eq!(badges[0].place, Place::Header);
            assert_eq!(badges[0].alt, "CI");
            assert!(badges[1].link.is_none());
            assert_eq!(
                written(text, &badges[1].image),
                "https://img.shields.io/crates/v/x.svg"
            );
            assert_eq!(badges[2].syntax, Syntax::Reference);
            assert_eq!(badges[2].image.url, "https://docs.rs/x/badge.svg?a=1&b=2");
            assert_eq!(
                written(text, &badges[2].image),
                "https://docs.rs/x/badge.svg?a=1&amp;b=2"
            );
            let edit = badges[2]
                .image
                .edit_to("https://docs.rs/x/badge.svg?a=1&b=3")
                .unwrap();
            assert_eq!(&text[edit.range.clone()], "2");
            assert_eq!(
                written(text, badges[2].link.as_ref().unwrap()),
                "https://docs.rs/x"
            );
            assert_eq!(
                written(text, &badges[3].image),
                "https://img.shields.io/badge/checks-ok-green"
            );
            assert_eq!(
                written(text, badges[3].link.as_ref().unwrap()),
                "https://github.com/o/r"
            );
        });
    }

    #[test]
    fn html_blocks_and_inline_html() {
        let text = "<p align=\"center\">\n  <!-- CI --><a href=\"https://travis-ci.com/o/r\"><img\n    src='https://travis-ci.org/o/r.svg?branch=master&amp;x=1' alt=\"Build\" /></a>\n  <img src=\"logo.png\">\n</p>\n\n# T\n\nText <a href=\"https://crates.io/crates/x\"><img src=\"https://img.shields.io/crates/v/x\"></a> \
                    and [<img src=\"https://img.shields.io/badge/a-b-c\">](https://x.org).\n";
        with_badges(text, |text, badges| {
            assert_eq!(badges.len(), 3);
            let first = &badges[0];
            assert_eq!(first.syntax, Syntax::Html);
            assert_eq!(first.place, Place::BeforeTitle);
            assert_eq!(first.alt, "Build");
            assert_eq!(first.image.url, "https://travis-ci.org/o/r.svg?branch=master&x=1");
            assert!(
                text[first.range.clone()].starts_with("<a href")
                    && text[first.range.clone()].ends_with("</a>")
            );
            let edit = first
                .image
                .edit_to("https://travis-ci.org/o/r.svg?branch=main&x=1")
                .unwrap();
            assert_eq!(&text[edit.range.clone()], "master");
            assert_eq!(
                written(text, first.link.as_ref().unwrap()),
                "https://travis-ci.com/o/r"
            );
            assert_eq!(badges[1].link.as_ref().unwrap().url, "https://crates.io/crates/x");
            assert!(text[badges[1].range.clone()].ends_with("</a>"));
            assert_eq!(badges[1].place, Place::Header);
            assert_eq!(badges[2].link.as_ref().unwrap().url, "https://x.org");
        });
    }

    /// comrak reports links after a line break inside a destination a line early.
    #[test]
    fn links_after_a_broken_destination_are_found() {
        let text = "# T\n\n[![Build](https://github.com/o/r/actions/workflows/ci.yml/badge.svg)](\nhttps://github.com/o/r/actions)\n\
                    [![License](https://img.shields.io/badge/license-MIT-blue.svg)](\nhttps://github.com/o/r)\n";
        with_badges(text, |text, badges| {
            assert_eq!(badges.len(), 2);
            assert_eq!(
                written(text, &badges[1].image),
                "https://img.shields.io/badge/license-MIT-blue.svg"
            );
            assert_eq!(
                written(text, badges[1].link.as_ref().unwrap()),
                "https://github.com/o/r"
            );
            assert!(text[badges[1].range.clone()].starts_with("[![License]"));
            assert!(text[badges[1].range.clone()].ends_with("https://github.com/o/r)"));
        });
    }

    #[test]
    fn placeholders_and_code_are_skipped() {
        let text = "# T\n\n[![v](https://img.shields.io/crates/v/{{crate}}.svg)](https://crates.io/crates/{{crate}})\n\n\
                    ```\n![x](https://img.shields.io/badge/a-b-c)\n```\n\n`![y](https://img.shields.io/badge/a-b-c)`\n";
        with_badges(text, |_, badges| assert!(badges.is_empty()));
    }

    #[test]
    fn decoding_maps_offsets() {
        let (text, map) = decode("a&amp;b\\_c", 10, true);
        assert_eq!(text, "a&b_c");
        assert_eq!(map, [10, 11, 16, 17, 19, 20]);
    }
}
