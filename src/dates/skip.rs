//! Regions of a README that are not prose and are skipped whole: code spans and fenced code,
//! HTML tags (with their attributes), HTML comments and `<pre>`/`<code>` blocks, URLs,
//! autolinks and Markdown link destinations.
//!
//! Every search is bounded or remembered when it fails, so the scan stays linear.

use super::lexicon::eq_lower;
use super::text::{at, line_end, line_start};
use crate::html::{self, Markup};

/// Remembers searches that failed so that they are not repeated.
pub(crate) struct Skipper {
    no_comment_end: bool,
    no_pre_end: bool,
    no_code_end: bool,
}

/// The longest code span looked for.
const MAX_CODE_SPAN: usize = 4096;

/// The longest HTML tag looked for.
const MAX_TAG: usize = 2048;

/// Is `pos` preceded on its line by at most three spaces only?
fn at_line_start(bytes: &[u8], pos: usize) -> bool {
    let line = line_start(bytes, pos, 8);
    pos - line <= 3
        && bytes[line..pos].iter().all(|&byte| byte == b' ')
        && (line == 0 || bytes[line - 1] == b'\n')
}

fn run_len(bytes: &[u8], start: usize, byte: u8) -> usize {
    bytes[start..].iter().take_while(|&&other| other == byte).count()
}

impl Skipper {
    pub fn new() -> Self {
        Skipper {
            no_comment_end: false,
            no_pre_end: false,
            no_code_end: false,
        }
    }

    /// If a skipped region opens at `pos` (whose byte has the SPECIAL class), returns its end.
    pub fn region_end(&mut self, text: &str, pos: usize) -> Option<usize> {
        let bytes = text.as_bytes();
        match bytes[pos] {
            fence @ (b'`' | b'~') => self.code(bytes, pos, fence),
            b'<' => self.html(text, pos),
            b':' if at(bytes, pos + 1) == b'/' && at(bytes, pos + 2) == b'/' => Some(url_end(bytes, pos)),
            b']' if at(bytes, pos + 1) == b'(' => Some(link_destination_end(bytes, pos + 1)),
            _ => None,
        }
    }

    /// A fenced code block (at a line start, three or more backticks or tildes) or a code span.
    fn code(&mut self, bytes: &[u8], start: usize, fence: u8) -> Option<usize> {
        let run = run_len(bytes, start, fence);
        if run >= 3 && at_line_start(bytes, start) {
            return Some(fence_end(bytes, start, fence, run));
        }
        if fence == b'~' {
            return None;
        }
        // Code span: closed by a run of exactly `run` backticks before a blank line.
        let mut pos = start + run;
        let limit = (start + MAX_CODE_SPAN).min(bytes.len());
        while pos < limit {
            match bytes[pos] {
                b'`' => {
                    let closing = run_len(bytes, pos, b'`');
                    if closing == run {
                        return Some(pos + closing);
                    }
                    pos += closing;
                }
                b'\n' => {
                    let mut next = pos + 1;
                    while next < bytes.len() && matches!(bytes[next], b' ' | b'\t' | b'\r') {
                        next += 1;
                    }
                    if at(bytes, next) == b'\n' || next >= bytes.len() {
                        break;
                    }
                    pos = next;
                }
                _ => pos += 1,
            }
        }
        Some(start + run)
    }

    /// HTML comments, tags (attributes are not prose), `<pre>`/`<code>` blocks, autolinks
    /// (`<https://x.org>` and `<a@b.org>` read as tags), as [`crate::html`] lexes them.
    fn html(&mut self, text: &str, start: usize) -> Option<usize> {
        if text[start..].starts_with("<!--") && self.no_comment_end {
            return None;
        }
        let limit = if text[start..].starts_with("<!--") {
            text.len()
        } else {
            start + MAX_TAG
        };
        let tag = match html::markup_at(text, start, limit)? {
            Markup::Comment(comment) if comment.closed => return Some(comment.range.end),
            Markup::Comment(_) => {
                // Never closed: the rest is read as prose, and not searched again.
                self.no_comment_end = true;
                return None;
            }
            Markup::Declaration(range) => return text[..range.end].ends_with('>').then_some(range.end),
            Markup::Tag(tag) => tag,
        };
        let end = tag.range.end;
        if tag.closing {
            return Some(end);
        }
        let no_end = if tag.is("pre") {
            &mut self.no_pre_end
        } else if tag.is("code") {
            &mut self.no_code_end
        } else {
            return Some(end);
        };
        if !*no_end {
            // The block's text is skipped up to its closing tag; a block never closed is
            // read as prose after its opening tag, and not searched for again.
            let close = html::markups(text, end..text.len()).find_map(|markup| match markup {
                Markup::Tag(close) if close.closing && close.is(tag.name()) => Some(close.range.start),
                _ => None,
            });
            match close {
                Some(close) => return Some(close),
                None => *no_end = true,
            }
        }
        Some(end)
    }
}

/// End of a fenced block opened at `start` by `run` of `fence`: after the closing fence
/// line, or the end.
fn fence_end(bytes: &[u8], start: usize, fence: u8, run: usize) -> usize {
    let mut line_break = line_end(bytes, start, bytes.len());
    while line_break < bytes.len() {
        // `line_break` is at the `\r\n` or `\n` ending a line; look at the next line.
        let line = if bytes[line_break] == b'\r' {
            line_break + 2
        } else {
            line_break + 1
        };
        let mut pos = line;
        while pos < bytes.len() && bytes[pos] == b' ' && pos - line < 4 {
            pos += 1;
        }
        let end_of_line = line_end(bytes, line.min(bytes.len()), bytes.len());
        if pos < bytes.len()
            && bytes[pos] == fence
            && run_len(bytes, pos, fence) >= run
            && bytes[pos..end_of_line]
                .iter()
                .all(|&byte| byte == fence || byte == b' ' || byte == b'\t')
        {
            return end_of_line;
        }
        if end_of_line <= line_break {
            break;
        }
        line_break = end_of_line;
    }
    bytes.len()
}

/// End of a URL whose `://` is at `start`.
pub(crate) fn url_end(bytes: &[u8], start: usize) -> usize {
    let mut pos = start;
    let mut depth = 0i32;
    while pos < bytes.len() {
        match bytes[pos] {
            b' ' | b'\t' | b'\r' | b'\n' | b'<' | b'>' | b'"' | b'\'' | b'`' | b']' => break,
            b'(' => depth += 1,
            b')' => {
                if depth == 0 {
                    break;
                }
                depth -= 1;
            }
            _ => {}
        }
        pos += 1;
    }
    pos
}

/// The longest link destination (with its title) looked for.
const MAX_DESTINATION: usize = 512;

/// End of a Markdown link destination whose `(` is at `open` (after the closing `)`).
fn link_destination_end(bytes: &[u8], open: usize) -> usize {
    let limit = (open + MAX_DESTINATION).min(bytes.len());
    let mut depth = 0i32;
    let mut pos = open;
    while pos < limit {
        match bytes[pos] {
            b'\n' => break,
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return pos + 1;
                }
            }
            _ => {}
        }
        pos += 1;
    }
    open + 1
}

/// `www.` at a word start opens a URL; returns its end.
pub(crate) fn www_end(bytes: &[u8], start: usize) -> Option<usize> {
    (bytes[start..].len() > 4 && eq_lower(&bytes[start..start + 4], b"www.")).then(|| url_end(bytes, start))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn end(text: &str, pos: usize) -> Option<usize> {
        Skipper::new().region_end(text, pos)
    }

    #[test]
    fn code() {
        assert_eq!(end("a `2019-01-01` b", 2), Some(14));
        assert_eq!(end("a `` x ` y `` b", 2), Some(13));
        assert_eq!(end("a ` b\n\n` c", 2), Some(3));
        let text = "```\n2019-01-01\n```\nafter";
        assert_eq!(end(text, 0), Some(18));
        let text = "~~~\nx\n";
        assert_eq!(end(text, 0), Some(text.len()));
    }

    #[test]
    fn html() {
        assert_eq!(end("<img alt=\"2019\"> x", 0), Some(16));
        assert_eq!(end("<!-- 2019 --> x", 0), Some(13));
        assert_eq!(end("a < b", 2), None);
        assert_eq!(end("<pre>2019-01-01</pre>", 0), Some(15));
        assert_eq!(end("<a@b.com> x", 0), Some(9));
        // Quoted `>` and `<` belong to the attribute.
        let text = "<img alt=\"since > 2019-01-01\" title='a<b'> x";
        assert_eq!(end(text, 0), Some(text.len() - 2));
        // A tag longer than the longest looked for, cut inside a character, is prose.
        let text = format!("<a title=\"{}\">", "é".repeat(MAX_TAG));
        assert_eq!(end(&text, 0), None);
        // Only the block's own closing tag ends it.
        let text = "<code>2019 <b>x</b> </CODE> y";
        assert_eq!(end(text, 0), Some(20));
        // A comment never closed is prose, and so is every later one.
        let mut skipper = Skipper::new();
        let text = "<!-- a --> <!-- b";
        assert_eq!(skipper.region_end(text, 11), None);
        assert_eq!(skipper.region_end(text, 0), None);
    }

    #[test]
    fn links_and_urls() {
        let text = "see https://x.org/2019/01/01/post) and";
        assert_eq!(end(text, 9), Some(33));
        let text = "[a](docs/2019-01-01.md) b";
        assert_eq!(end(text, 2), Some(23));
        assert_eq!(www_end(b"www.x.com/2019 y", 0), Some(14));
    }
}
