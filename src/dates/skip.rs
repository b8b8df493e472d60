//! Regions of a README that are not prose and are skipped whole: code spans and fenced code,
//! HTML tags (with their attributes), HTML comments and `<pre>`/`<code>` blocks, URLs,
//! autolinks and Markdown link destinations.
//!
//! Every search is bounded or remembered when it fails, so the scan stays linear.

use super::lexicon::eq_lower;
use super::text::{at, line_end, line_start};

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

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    if from >= hay.len() {
        return None;
    }
    hay[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| from + i)
}

fn find_lower(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    if from >= hay.len() {
        return None;
    }
    hay[from..]
        .windows(needle.len())
        .position(|w| eq_lower(w, needle))
        .map(|i| from + i)
}

/// Is `p` preceded on its line by at most three spaces only?
fn at_line_start(b: &[u8], p: usize) -> bool {
    let ls = line_start(b, p, 8);
    p - ls <= 3 && b[ls..p].iter().all(|&c| c == b' ') && (ls == 0 || b[ls - 1] == b'\n')
}

fn run_len(b: &[u8], p: usize, c: u8) -> usize {
    b[p..].iter().take_while(|&&x| x == c).count()
}

impl Skipper {
    pub fn new() -> Self {
        Skipper {
            no_comment_end: false,
            no_pre_end: false,
            no_code_end: false,
        }
    }

    /// If a skipped region opens at `p` (whose byte has the SPECIAL class), returns its end.
    pub fn region_end(&mut self, b: &[u8], p: usize) -> Option<usize> {
        match b[p] {
            c @ (b'`' | b'~') => self.code(b, p, c),
            b'<' => self.html(b, p),
            b':' if at(b, p + 1) == b'/' && at(b, p + 2) == b'/' => Some(url_end(b, p)),
            b']' if at(b, p + 1) == b'(' => Some(link_destination_end(b, p + 1)),
            _ => None,
        }
    }

    /// A fenced code block (at a line start, three or more backticks or tildes) or a code span.
    fn code(&mut self, b: &[u8], p: usize, c: u8) -> Option<usize> {
        let n = run_len(b, p, c);
        if n >= 3 && at_line_start(b, p) {
            return Some(fence_end(b, p, c, n));
        }
        if c == b'~' {
            return None;
        }
        // Code span: closed by a run of exactly `n` backticks before a blank line.
        let mut i = p + n;
        let hi = (p + MAX_CODE_SPAN).min(b.len());
        while i < hi {
            match b[i] {
                b'`' => {
                    let m = run_len(b, i, b'`');
                    if m == n {
                        return Some(i + m);
                    }
                    i += m;
                }
                b'\n' => {
                    let mut j = i + 1;
                    while j < b.len() && matches!(b[j], b' ' | b'\t' | b'\r') {
                        j += 1;
                    }
                    if at(b, j) == b'\n' || j >= b.len() {
                        break;
                    }
                    i = j;
                }
                _ => i += 1,
            }
        }
        Some(p + n)
    }

    /// HTML comments, tags (attributes are not prose), `<pre>`/`<code>` blocks, autolinks.
    fn html(&mut self, b: &[u8], p: usize) -> Option<usize> {
        let next = at(b, p + 1);
        if next == b'!' && b[p..].starts_with(b"<!--") {
            if self.no_comment_end {
                return None;
            }
            return match find(b, p + 4, b"-->") {
                Some(e) => Some(e + 3),
                None => {
                    self.no_comment_end = true;
                    None
                }
            };
        }
        if !(next.is_ascii_alphabetic() || next == b'/' || next == b'!' || next == b'?') {
            return None;
        }
        let hi = (p + MAX_TAG).min(b.len());
        let gt = p + 1 + b[p + 1..hi].iter().position(|&c| c == b'>' || c == b'<')?;
        if b[gt] != b'>' {
            return None;
        }
        let end = gt + 1;
        let name_end = p
            + 1
            + b[p + 1..gt]
                .iter()
                .position(|c| !c.is_ascii_alphanumeric())
                .unwrap_or(gt - p - 1);
        let name = &b[p + 1..name_end];
        if eq_lower(name, b"pre") && !self.no_pre_end {
            match find_lower(b, end, b"</pre") {
                Some(e) => return Some(e),
                None => self.no_pre_end = true,
            }
        }
        if eq_lower(name, b"code") && !self.no_code_end {
            match find_lower(b, end, b"</code") {
                Some(e) => return Some(e),
                None => self.no_code_end = true,
            }
        }
        Some(end)
    }
}

/// End of a fenced block opened at `p` by `n` of `c`: after the closing fence line, or the end.
fn fence_end(b: &[u8], p: usize, c: u8, n: usize) -> usize {
    let mut i = line_end(b, p, b.len());
    while i < b.len() {
        // `i` is at the `\r\n` or `\n` ending a line; look at the next line.
        let ls = if b[i] == b'\r' { i + 2 } else { i + 1 };
        let mut j = ls;
        while j < b.len() && b[j] == b' ' && j - ls < 4 {
            j += 1;
        }
        let le = line_end(b, ls.min(b.len()), b.len());
        if j < b.len()
            && b[j] == c
            && run_len(b, j, c) >= n
            && b[j..le].iter().all(|&x| x == c || x == b' ' || x == b'\t')
        {
            return le;
        }
        if le <= i {
            break;
        }
        i = le;
    }
    b.len()
}

/// End of a URL whose `://` is at `p`.
pub(crate) fn url_end(b: &[u8], p: usize) -> usize {
    let mut i = p;
    let mut depth = 0i32;
    while i < b.len() {
        match b[i] {
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
        i += 1;
    }
    i
}

/// The longest link destination (with its title) looked for.
const MAX_DESTINATION: usize = 512;

/// End of a Markdown link destination whose `(` is at `p` (after the closing `)`).
fn link_destination_end(b: &[u8], p: usize) -> usize {
    let hi = (p + MAX_DESTINATION).min(b.len());
    let mut depth = 0i32;
    let mut i = p;
    while i < hi {
        match b[i] {
            b'\n' => break,
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    p + 1
}

/// `www.` at a word start opens a URL; returns its end.
pub(crate) fn www_end(b: &[u8], p: usize) -> Option<usize> {
    (b[p..].len() > 4 && eq_lower(&b[p..p + 4], b"www.")).then(|| url_end(b, p))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn end(text: &str, p: usize) -> Option<usize> {
        Skipper::new().region_end(text.as_bytes(), p)
    }

    #[test]
    fn code() {
        assert_eq!(end("a `2019-01-01` b", 2), Some(14));
        assert_eq!(end("a `` x ` y `` b", 2), Some(13));
        assert_eq!(end("a ` b\n\n` c", 2), Some(3));
        let t = "```\n2019-01-01\n```\nafter";
        assert_eq!(end(t, 0), Some(18));
        let t = "~~~\nx\n";
        assert_eq!(end(t, 0), Some(t.len()));
    }

    #[test]
    fn html() {
        assert_eq!(end("<img alt=\"2019\"> x", 0), Some(16));
        assert_eq!(end("<!-- 2019 --> x", 0), Some(13));
        assert_eq!(end("a < b", 2), None);
        assert_eq!(end("<pre>2019-01-01</pre>", 0), Some(15));
        assert_eq!(end("<a@b.com> x", 0), Some(9));
    }

    #[test]
    fn links_and_urls() {
        let t = "see https://x.org/2019/01/01/post) and";
        assert_eq!(end(t, 9), Some(33));
        let t = "[a](docs/2019-01-01.md) b";
        assert_eq!(end(t, 2), Some(23));
        assert_eq!(www_end(b"www.x.com/2019 y", 0), Some(14));
    }
}
