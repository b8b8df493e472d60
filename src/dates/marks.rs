//! Context words on the current line (`Copyright`, `©`, `(c)`, `last updated`, `as of`,
//! `released`, `version`, ...), recorded by a scan that only moves forward, so that asking
//! for the context of many dates on one long line stays linear.

use super::lexicon::eq_lower;

/// The longest marker, in bytes.
const MAX_MARKER: usize = 16;
/// Markers further back than this are not looked for (the scan restarts here).
const WINDOW: usize = 256;
/// A copyright marker counts this far back on its line.
const COPYRIGHT_REACH: usize = 160;
/// Other markers count this far back.
const REACH: usize = 96;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Copyright,
    Updated,
    Release,
}

/// Markers that must start a word, with what they mean.
const WORD_MARKERS: &[(&[u8], Kind)] = &[
    (b"copyright", Kind::Copyright),
    (b"copr.", Kind::Copyright),
    (b"updated", Kind::Updated),
    (b"last update", Kind::Updated),
    (b"last modified", Kind::Updated),
    (b"last checked", Kind::Updated),
    (b"last reviewed", Kind::Updated),
    (b"last edited", Kind::Updated),
    (b"last changed", Kind::Updated),
    (b"last run", Kind::Updated),
    (b"last tested", Kind::Updated),
    (b"last verified", Kind::Updated),
    (b"as of", Kind::Updated),
    (b"modified", Kind::Updated),
    (b"revised", Kind::Updated),
    (b"release", Kind::Release),
    (b"version", Kind::Release),
    (b"changelog", Kind::Release),
    (b"tagged", Kind::Release),
    (b"shipped", Kind::Release),
];

/// Does the line break at `i` end the block (a blank line, a list item, a heading, a quote or a
/// table row follows)? A soft break inside a paragraph keeps the context words.
/// `. `, `! ` or `? ` followed by a capital letter: the end of a sentence, not an
/// abbreviation such as `Jan. 2015`.
fn sentence_ends_at(b: &[u8], i: usize) -> bool {
    matches!(b[i], b'.' | b'!' | b'?')
        && b.get(i + 1) == Some(&b' ')
        && b.get(i + 2).is_some_and(|next| next.is_ascii_uppercase())
}

fn block_starts_after(b: &[u8], i: usize) -> bool {
    let mut j = i + 1;
    while j < b.len() && matches!(b[j], b' ' | b'\t') {
        j += 1;
    }
    match b.get(j) {
        None | Some(b'\n' | b'\r' | b'#' | b'-' | b'*' | b'+' | b'>' | b'|' | b'`' | b'<') => true,
        Some(c) if c.is_ascii_digit() => {
            let mut k = j;
            while k < b.len() && b[k].is_ascii_digit() {
                k += 1;
            }
            matches!(b.get(k), Some(b'.' | b')')) && matches!(b.get(k + 1), Some(b' ' | b'\t'))
        }
        _ => false,
    }
}

/// Context markers seen on the line being scanned, by the end position of the last one of each
/// kind.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct LineMarks {
    upto: usize,
    copyright: Option<usize>,
    updated: Option<usize>,
    release: Option<usize>,
}

impl LineMarks {
    /// Records the markers that end at or before `p`.
    pub fn advance(&mut self, b: &[u8], p: usize) {
        let mut i = self.upto;
        if p > i + WINDOW {
            i = p - WINDOW;
            *self = LineMarks {
                upto: i,
                ..LineMarks::default()
            };
        }
        while i < p {
            let c = b[i];
            if c == b'\n' && block_starts_after(b, i) || sentence_ends_at(b, i) {
                // A new block or sentence: markers before it say nothing about what follows
                // ("Copyright 2017 Bar. Last updated 2019.").
                *self = LineMarks {
                    upto: i,
                    ..LineMarks::default()
                };
            } else if c == b'(' {
                if i + 3 <= p && eq_lower(&b[i..i + 3], b"(c)") {
                    self.copyright = Some(i + 3);
                }
            } else if c == 0xC2 {
                if b.get(i + 1) == Some(&0xA9) && i + 2 <= p {
                    self.copyright = Some(i + 2);
                }
            } else if c == b'&' {
                if i + 6 <= p && eq_lower(&b[i..i + 6], b"&copy;") {
                    self.copyright = Some(i + 6);
                }
            } else if c.is_ascii_alphabetic() && (i == 0 || !b[i - 1].is_ascii_alphabetic()) {
                let l = c | 0x20;
                if matches!(l, b'c' | b'u' | b'l' | b'a' | b'm' | b'r' | b'v' | b't' | b's') {
                    self.word_marker(b, i, p);
                }
            }
            i += 1;
        }
        self.upto = self.upto.max(p.saturating_sub(MAX_MARKER));
    }

    fn word_marker(&mut self, b: &[u8], i: usize, p: usize) {
        let l = b[i] | 0x20;
        for (m, kind) in WORD_MARKERS {
            if m[0] != l || i + m.len() > p || !eq_lower(&b[i..i + m.len()], m) {
                continue;
            }
            let e = Some(i + m.len());
            match kind {
                Kind::Copyright => self.copyright = e,
                Kind::Updated => self.updated = e,
                Kind::Release => self.release = e,
            }
        }
    }

    /// A copyright marker earlier on the line, close enough to `p`.
    pub fn copyright(&self, p: usize) -> bool {
        self.copyright.is_some_and(|e| e <= p && p - e <= COPYRIGHT_REACH)
    }

    /// End of the copyright marker when it is close enough before `p`.
    pub fn copyright_end(&self, p: usize) -> Option<usize> {
        self.copyright.filter(|&e| e <= p && p - e <= COPYRIGHT_REACH)
    }

    /// End of the last updated-marker close before `p`.
    pub fn updated(&self, p: usize) -> Option<usize> {
        self.updated.filter(|&e| e <= p && p - e <= REACH)
    }

    /// End of the last release-marker close before `p`.
    pub fn release(&self, p: usize) -> Option<usize> {
        self.release.filter(|&e| e <= p && p - e <= REACH)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, p: usize) -> LineMarks {
        let mut m = LineMarks::default();
        m.advance(text.as_bytes(), p);
        m
    }

    #[test]
    fn markers() {
        let t = "Copyright (c) 2019";
        assert!(at(t, 14).copyright(14));
        let t = "© 2019";
        assert!(at(t, 3).copyright(3));
        let t = "Last updated: 2019";
        assert!(at(t, 14).updated(14).is_some());
        let t = "Released on 3 May 2019";
        assert!(at(t, 12).release(12).is_some());
        let t = "unreleased 2019";
        assert!(at(t, 11).release(11).is_none());
        let t = "Copyright 2019\n- in 2020";
        assert!(!at(t, 20).copyright(20));
        let t = "last updated\n2021-01-01";
        assert!(at(t, 13).updated(13).is_some());
    }

    #[test]
    fn incremental_scans_agree() {
        let t = "x copyright y as of 2019 and release 2020";
        let mut m = LineMarks::default();
        m.advance(t.as_bytes(), 5);
        m.advance(t.as_bytes(), 20);
        assert!(m.copyright(20) && m.updated(20).is_some());
        m.advance(t.as_bytes(), 37);
        assert!(m.release(37).is_some());
    }
}
