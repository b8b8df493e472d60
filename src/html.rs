//! A small, tolerant HTML lexer: enough to find `<a href>`, `<img src>`, headings and
//! comments in README HTML (multi-line tags, single, double or no quotes, self-closing
//! tags), with the byte range of each tag, comment and attribute value so a fix can
//! rewrite only the value. Every module that reads HTML reads it through this lexer:
//! [`markups`] (or [`lex`], its collected form) for a range, [`markup_at`] for the markup
//! at one `<`.

use std::ops::Range;

/// A tag, read from the text it borrows: its name and attributes are not copied out, so
/// lexing allocates nothing per tag, and an attribute is read only when asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag<'t> {
    text: &'t str,
    /// The name as written (`IMG`).
    name: Range<usize>,
    pub closing: bool,
    /// From `<` to `>` inclusive.
    pub range: Range<usize>,
}

impl<'t> Tag<'t> {
    /// The name as written; compare with [`Tag::is`], which ignores case.
    pub fn name(&self) -> &'t str {
        &self.text[self.name.clone()]
    }

    /// Is this tag named `name`, in any case?
    pub fn is(&self, name: &str) -> bool {
        self.name().eq_ignore_ascii_case(name)
    }

    /// The value of the first attribute named `name` (in any case), as written, without
    /// quotes; `None` when there is no such attribute or it has no value.
    pub fn attribute(&self, name: &str) -> Option<Range<usize>> {
        let mut first: Option<Option<Range<usize>>> = None;
        walk_attributes(
            self.text,
            self.name.end,
            self.range.end,
            &mut |attribute, value| {
                if first.is_none() && self.text[attribute].eq_ignore_ascii_case(name) {
                    first = Some(value);
                }
            },
        );
        first.flatten()
    }
}

/// An HTML comment, `<!-- body -->`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    /// From `<!--` to just past `-->`; to the end of the range lexed when it is never
    /// closed, as a browser reads it.
    pub range: Range<usize>,
    pub closed: bool,
}

impl Comment {
    /// The text between `<!--` and `-->`, trimmed.
    pub fn body<'t>(&self, text: &'t str) -> &'t str {
        let end = if self.closed {
            self.range.end - 3
        } else {
            self.range.end
        };
        text[self.range.start + 4..end].trim()
    }
}

/// What the lexer finds between runs of text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Markup<'t> {
    Tag(Tag<'t>),
    Comment(Comment),
    /// `<!DOCTYPE …>`, `<![CDATA[…]>`, `<?…>`: shown by no browser.
    Declaration(Range<usize>),
}

impl Markup<'_> {
    pub fn range(&self) -> Range<usize> {
        match self {
            Markup::Tag(tag) => tag.range.clone(),
            Markup::Comment(comment) => comment.range.clone(),
            Markup::Declaration(range) => range.clone(),
        }
    }
}

/// An HTML heading (`<h2>License</h2>`, `<h1 align="center">Name</h1>`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HtmlHeading {
    pub level: u8,
    /// From the opening tag's `<` to the closing tag's `>`.
    pub range: Range<usize>,
    /// The visible text between the tags (other tags dropped, entities read).
    pub text: String,
}

/// The headings `<h1>` to `<h6>` in `text[range]`, each with its visible text.
pub fn headings(text: &str, range: Range<usize>) -> Vec<HtmlHeading> {
    let tags = scan(text, range);
    let mut found = Vec::new();
    let mut index = 0;
    while index < tags.len() {
        let tag = &tags[index];
        let level = heading_level(tag.name());
        if tag.closing || level.is_none() {
            index += 1;
            continue;
        }
        let close = tags[index + 1..]
            .iter()
            .position(|later| later.closing && later.is(tag.name()))
            .map(|offset| index + 1 + offset);
        let Some(close) = close else {
            index += 1;
            continue;
        };
        found.push(HtmlHeading {
            level: level.unwrap_or(1),
            range: tag.range.start..tags[close].range.end,
            text: visible_text(text, tag.range.end..tags[close].range.start),
        });
        index = close + 1;
    }
    found
}

fn heading_level(name: &str) -> Option<u8> {
    match name.as_bytes() {
        [b'h' | b'H', level @ b'1'..=b'6'] => Some(level - b'0'),
        _ => None,
    }
}

/// The text of `text[range]` as a browser shows it: tags and comments dropped, the
/// common entities read, runs of whitespace made one space.
pub fn visible_text(text: &str, range: Range<usize>) -> String {
    let mut out = String::new();
    let mut cursor = range.start;
    for markup in lex(text, range.clone()) {
        out.push_str(&text[cursor..markup.range().start]);
        // A tag may separate words (`a<br>b`); a comment or declaration does not.
        if let Markup::Tag(_) = markup {
            out.push(' ');
        }
        cursor = markup.range().end;
    }
    if cursor < range.end {
        out.push_str(&text[cursor..range.end]);
    }
    let decoded = out
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'");
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `text[range]` without its tags, comments and declarations (nothing in their place,
/// entities as written).
pub fn strip_markup(text: &str, range: Range<usize>) -> String {
    let mut out = String::new();
    let mut cursor = range.start;
    for markup in lex(text, range.clone()) {
        out.push_str(&text[cursor..markup.range().start]);
        cursor = markup.range().end;
    }
    if cursor < range.end {
        out.push_str(&text[cursor..range.end]);
    }
    out
}

/// True when `text[range]` holds comments and whitespace only.
pub fn is_only_comments(text: &str, range: Range<usize>) -> bool {
    // Most HTML has no comment at all: then only whitespace qualifies.
    if !text[range.clone()].contains("<!--") {
        return text[range].trim().is_empty();
    }
    let mut cursor = range.start;
    for markup in lex(text, range.clone()) {
        let Markup::Comment(comment) = markup else {
            return false;
        };
        if !text[cursor..comment.range.start].trim().is_empty() {
            return false;
        }
        cursor = comment.range.end;
    }
    text[cursor..range.end].trim().is_empty()
}

/// The comments in `text[range]` that are closed, in order.
pub fn comments(text: &str, range: Range<usize>) -> Vec<Comment> {
    // Most HTML has no comment at all; finding that needs no lexing.
    if !text[range.start..range.end.min(text.len())].contains("<!--") {
        return Vec::new();
    }
    lex(text, range)
        .into_iter()
        .filter_map(|markup| match markup {
            Markup::Comment(comment) if comment.closed => Some(comment),
            _ => None,
        })
        .collect()
}

/// The `alt` text of each `<img>` in `text[range]` with the image's `src`.
pub fn images(text: &str, range: Range<usize>) -> Vec<(String, String)> {
    scan(text, range)
        .into_iter()
        .filter(|tag| !tag.closing && tag.is("img"))
        .map(|tag| {
            let value = |name: &str| {
                tag.attribute(name)
                    .map(|value| text[value].to_string())
                    .unwrap_or_default()
            };
            (value("alt"), value("src"))
        })
        .collect()
}

/// The tags in `text[range]`, in order.
pub fn scan(text: &str, range: Range<usize>) -> Vec<Tag<'_>> {
    lex(text, range)
        .into_iter()
        .filter_map(|markup| match markup {
            Markup::Tag(tag) => Some(tag),
            _ => None,
        })
        .collect()
}

/// The tags, comments and declarations in `text[range]`, in order. A `<` that opens
/// none of them is text; a tag left open at the end of the range ends the lexing.
pub fn lex(text: &str, range: Range<usize>) -> Vec<Markup<'_>> {
    markups(text, range).collect()
}

/// [`lex`] as an iterator, for a search that may stop early.
pub fn markups(text: &str, range: Range<usize>) -> Markups<'_> {
    Markups {
        text,
        index: range.start,
        end: range.end.min(text.len()),
    }
}

pub struct Markups<'t> {
    text: &'t str,
    index: usize,
    end: usize,
}

impl<'t> Iterator for Markups<'t> {
    type Item = Markup<'t>;

    fn next(&mut self) -> Option<Markup<'t>> {
        while self.index < self.end {
            let offset = self.text[self.index..self.end].find('<')?;
            let start = self.index + offset;
            match lex_at(self.text, start, self.end) {
                Lexed::Markup(markup) => {
                    self.index = markup.range().end;
                    return Some(markup);
                }
                Lexed::Text => self.index = start + 1,
                Lexed::Unclosed { resume: Some(at) } => self.index = at,
                Lexed::Unclosed { resume: None } => self.index = self.end,
            }
        }
        None
    }
}

/// The markup that opens at `text[start]` (a `<`), read no further than `end`: a tag
/// closed before `end`, a comment or a declaration (one not closed before `end` runs to
/// `end`; see [`Comment::closed`]). `None` when the `<` opens nothing or its tag is left
/// open.
pub fn markup_at(text: &str, start: usize, end: usize) -> Option<Markup<'_>> {
    let mut end = end.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    match lex_at(text, start, end) {
        Lexed::Markup(markup) => Some(markup),
        Lexed::Text | Lexed::Unclosed { .. } => None,
    }
}

/// What a `<` opens.
enum Lexed<'t> {
    Markup(Markup<'t>),
    /// The `<` is text (`1 < 2`, `<3`).
    Text,
    /// A tag whose `>` never came: lexing resumes at the `<` that cut it short, or ends.
    Unclosed {
        resume: Option<usize>,
    },
}

fn lex_at(text: &str, start: usize, end: usize) -> Lexed<'_> {
    let bytes = text.as_bytes();
    let rest = &text[start..end];
    if let Some(body) = rest.strip_prefix("<!--") {
        let close = body.find("-->");
        return Lexed::Markup(Markup::Comment(Comment {
            range: start..close.map_or(end, |close| start + 4 + close + 3),
            closed: close.is_some(),
        }));
    }
    if rest.starts_with("<!") || rest.starts_with("<?") {
        let close = rest.find('>').map_or(end, |close| start + close + 1);
        return Lexed::Markup(Markup::Declaration(start..close));
    }
    let closing = rest.starts_with("</");
    let name_start = start + if closing { 2 } else { 1 };
    let name_len = text[name_start.min(end)..end]
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'-')
        .count();
    if name_len == 0 || !bytes[name_start].is_ascii_alphabetic() {
        return Lexed::Text;
    }
    let name = name_start..name_start + name_len;
    match walk_attributes(text, name.end, end, &mut |_, _| {}) {
        TagEnd::Closed(tag_end) => Lexed::Markup(Markup::Tag(Tag {
            text,
            name,
            closing,
            range: start..tag_end,
        })),
        TagEnd::Cut(at) => Lexed::Unclosed { resume: Some(at) },
        TagEnd::Open => Lexed::Unclosed { resume: None },
    }
}

/// How the attributes of a tag end.
enum TagEnd {
    /// Just past the tag's `>`.
    Closed(usize),
    /// At a `<` inside the tag: the tag was never closed.
    Cut(usize),
    /// At `end`, with the tag still open.
    Open,
}

/// Walks the attributes of a tag from `cursor` (just past its name) to its `>`, calling
/// `visit` with each attribute's name and value (as written, without quotes; `None` for
/// a bare attribute); a quoted `>` or `<` belongs to its value.
fn walk_attributes(
    text: &str,
    mut cursor: usize,
    end: usize,
    visit: &mut dyn FnMut(Range<usize>, Option<Range<usize>>),
) -> TagEnd {
    let bytes = text.as_bytes();
    while cursor < end {
        let b = bytes[cursor];
        if b.is_ascii_whitespace() || b == b'/' {
            cursor += 1;
            continue;
        }
        if b == b'>' {
            return TagEnd::Closed(cursor + 1);
        }
        if b == b'<' {
            return TagEnd::Cut(cursor);
        }
        let attr_start = cursor;
        while cursor < end
            && !matches!(bytes[cursor], b'=' | b'>' | b'/' | b'<')
            && !bytes[cursor].is_ascii_whitespace()
        {
            cursor += 1;
        }
        let attr_name = attr_start..cursor;
        let mut after = cursor;
        while after < end && bytes[after].is_ascii_whitespace() {
            after += 1;
        }
        let mut value = None;
        if after < end && bytes[after] == b'=' {
            after += 1;
            while after < end && bytes[after].is_ascii_whitespace() {
                after += 1;
            }
            if after < end && matches!(bytes[after], b'"' | b'\'') {
                let quote = bytes[after] as char;
                let value_start = after + 1;
                match text[value_start..end].find(quote) {
                    Some(close) => {
                        value = Some(value_start..value_start + close);
                        cursor = value_start + close + 1;
                    }
                    None => {
                        cursor = end;
                    }
                }
            } else {
                let value_start = after;
                let mut value_end = after;
                while value_end < end && !bytes[value_end].is_ascii_whitespace() && bytes[value_end] != b'>' {
                    value_end += 1;
                }
                value = Some(value_start..value_end);
                cursor = value_end;
            }
        } else {
            cursor = after.max(cursor);
        }
        if !attr_name.is_empty() {
            visit(attr_name, value);
        }
    }
    TagEnd::Open
}

#[cfg(test)]
mod heading_tests {
    use super::*;

    #[test]
    fn headings_and_their_text() {
        let text = "<p align=center><img alt=\"Logo\" src=x.png></p>\n<h2 align=\"center\">Install <b>now</b> &amp; go</h2>";
        let found = headings(text, 0..text.len());
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].level, 2);
        assert_eq!(found[0].text, "Install now & go");
        assert_eq!(
            images(text, 0..text.len()),
            vec![("Logo".to_string(), "x.png".to_string())]
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_links_and_images_in_messy_html() {
        let html = "<p align=\"center\">\n<!-- <img src=\"commented\"> -->\n<a href='https://x/y?a=1&amp;b=2'\n   title=\"a > b\"><img\n  src=https://img/badge.svg alt=\"CI\" width=80 /></a>\n<br>\n</p>";
        let tags = scan(html, 0..html.len());
        let names: Vec<_> = tags
            .iter()
            .map(|tag| format!("{}{}", if tag.closing { "/" } else { "" }, tag.name()))
            .collect();
        assert_eq!(names, ["p", "a", "img", "/a", "br", "/p"]);
        let href = tags[1].attribute("href").unwrap();
        assert_eq!(&html[href], "https://x/y?a=1&amp;b=2");
        let src = tags[2].attribute("src").unwrap();
        assert_eq!(&html[src], "https://img/badge.svg");
        assert_eq!(&html[tags[2].attribute("alt").unwrap()], "CI");
        assert_eq!(tags[2].attribute("width").map(|r| &html[r]), Some("80"));
    }

    #[test]
    fn unterminated_tags_do_not_panic() {
        for html in [
            "<a href=\"x",
            "<img src=",
            "<",
            "<<a>",
            "< a>",
            "<a b c",
            "</",
            "<!--",
        ] {
            let _ = scan(html, 0..html.len());
        }
        let tags = scan("<a <img src=x>", 0..14);
        assert_eq!(tags.len(), 1);
        assert!(tags[0].is("img"));
    }
}

#[cfg(test)]
mod lexer_tests {
    use super::*;

    #[test]
    fn comments_have_ranges_and_bodies_and_an_unclosed_one_runs_to_the_end() {
        let text = "a <!-- one --> b <!--two--> c <!-- open";
        let found = lex(text, 0..text.len());
        let bodies: Vec<(&str, bool)> = found
            .iter()
            .map(|markup| match markup {
                Markup::Comment(comment) => (comment.body(text), comment.closed),
                other => panic!("not a comment: {other:?}"),
            })
            .collect();
        assert_eq!(bodies, [("one", true), ("two", true), ("open", false)]);
        assert_eq!(&text[found[0].range()], "<!-- one -->");
        assert_eq!(found[2].range().end, text.len());
        // Only closed comments count as comments to read markers from.
        assert_eq!(comments(text, 0..text.len()).len(), 2);
    }

    #[test]
    fn a_comment_marker_inside_an_attribute_is_not_a_comment() {
        let text = r#"<a title="<!-- no -->">x</a>"#;
        assert!(comments(text, 0..text.len()).is_empty());
        assert_eq!(scan(text, 0..text.len()).len(), 2);
    }

    #[test]
    fn markup_is_stripped_and_declarations_are_not_shown() {
        let text = "<!DOCTYPE html><p align=\"center\">A <b>small</b> tool<!-- note --></p>";
        assert_eq!(strip_markup(text, 0..text.len()), "A small tool");
        assert_eq!(visible_text(text, 0..text.len()), "A small tool");
        // A `<` that opens nothing is text.
        assert_eq!(strip_markup("1 < 2", 0..5), "1 < 2");
    }

    #[test]
    fn only_comments() {
        let only = |text: &str| is_only_comments(text, 0..text.len());
        assert!(only("<!-- a -->\n  <!-- b -->\n"));
        assert!(only("<!-- never closed\n\ntext"));
        assert!(!only("<!-- a --> text"));
        assert!(!only("<!-- a --><br>"));
        assert!(only(""));
    }
}
