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

/// `. `, `! ` or `? ` at `pos` followed by a capital letter: the end of a sentence, not an
/// abbreviation such as `Jan. 2015`.
fn sentence_ends_at(bytes: &[u8], pos: usize) -> bool {
    matches!(bytes[pos], b'.' | b'!' | b'?')
        && bytes.get(pos + 1) == Some(&b' ')
        && bytes.get(pos + 2).is_some_and(|next| next.is_ascii_uppercase())
}

/// Does the line break at `newline` end the block (a blank line, a list item, a heading, a
/// quote or a table row follows)? A soft break inside a paragraph keeps the context words.
fn block_starts_after(bytes: &[u8], newline: usize) -> bool {
    let mut line = newline + 1;
    while line < bytes.len() && matches!(bytes[line], b' ' | b'\t') {
        line += 1;
    }
    match bytes.get(line) {
        None | Some(b'\n' | b'\r' | b'#' | b'-' | b'*' | b'+' | b'>' | b'|' | b'`' | b'<') => true,
        Some(first) if first.is_ascii_digit() => {
            // An ordered list item: `1. ` or `1) `.
            let mut digits_end = line;
            while digits_end < bytes.len() && bytes[digits_end].is_ascii_digit() {
                digits_end += 1;
            }
            matches!(bytes.get(digits_end), Some(b'.' | b')'))
                && matches!(bytes.get(digits_end + 1), Some(b' ' | b'\t'))
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
    /// Records the markers that end at or before `end`.
    pub fn advance(&mut self, bytes: &[u8], end: usize) {
        let mut pos = self.upto;
        if end > pos + WINDOW {
            pos = end - WINDOW;
            *self = LineMarks {
                upto: pos,
                ..LineMarks::default()
            };
        }
        while pos < end {
            let byte = bytes[pos];
            if byte == b'\n' && block_starts_after(bytes, pos) || sentence_ends_at(bytes, pos) {
                // A new block or sentence: markers before it say nothing about what follows
                // ("Copyright 2017 Bar. Last updated 2019.").
                *self = LineMarks {
                    upto: pos,
                    ..LineMarks::default()
                };
            } else if byte == b'(' {
                if pos + 3 <= end && eq_lower(&bytes[pos..pos + 3], b"(c)") {
                    self.copyright = Some(pos + 3);
                }
            } else if byte == 0xC2 {
                // `©` is C2 A9 in UTF-8.
                if bytes.get(pos + 1) == Some(&0xA9) && pos + 2 <= end {
                    self.copyright = Some(pos + 2);
                }
            } else if byte == b'&' {
                if pos + 6 <= end && eq_lower(&bytes[pos..pos + 6], b"&copy;") {
                    self.copyright = Some(pos + 6);
                }
            } else if byte.is_ascii_alphabetic() && (pos == 0 || !bytes[pos - 1].is_ascii_alphabetic()) {
                // The first letters of the word markers.
                let lower = byte | 0x20;
                if matches!(
                    lower,
                    b'c' | b'u' | b'l' | b'a' | b'm' | b'r' | b'v' | b't' | b's'
                ) {
                    self.word_marker(bytes, pos, end);
                }
            }
            pos += 1;
        }
        self.upto = self.upto.max(end.saturating_sub(MAX_MARKER));
    }

    /// Records the word markers that start at `start` and end by `end`.
    fn word_marker(&mut self, bytes: &[u8], start: usize, end: usize) {
        let lower = bytes[start] | 0x20;
        for (marker, kind) in WORD_MARKERS {
            if marker[0] != lower
                || start + marker.len() > end
                || !eq_lower(&bytes[start..start + marker.len()], marker)
            {
                continue;
            }
            let marker_end = Some(start + marker.len());
            match kind {
                Kind::Copyright => self.copyright = marker_end,
                Kind::Updated => self.updated = marker_end,
                Kind::Release => self.release = marker_end,
            }
        }
    }

    /// A copyright marker earlier on the line, close enough to `pos`.
    pub fn copyright(&self, pos: usize) -> bool {
        self.copyright
            .is_some_and(|marker_end| marker_end <= pos && pos - marker_end <= COPYRIGHT_REACH)
    }

    /// End of the copyright marker when it is close enough before `pos`.
    pub fn copyright_end(&self, pos: usize) -> Option<usize> {
        self.copyright
            .filter(|&marker_end| marker_end <= pos && pos - marker_end <= COPYRIGHT_REACH)
    }

    /// End of the last updated-marker close before `pos`.
    pub fn updated(&self, pos: usize) -> Option<usize> {
        self.updated
            .filter(|&marker_end| marker_end <= pos && pos - marker_end <= REACH)
    }

    /// End of the last release-marker close before `pos`.
    pub fn release(&self, pos: usize) -> Option<usize> {
        self.release
            .filter(|&marker_end| marker_end <= pos && pos - marker_end <= REACH)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marks_before(text: &str, pos: usize) -> LineMarks {
        let mut marks = LineMarks::default();
        marks.advance(text.as_bytes(), pos);
        marks
    }

    #[test]
    fn markers() {
        assert!(marks_before("Copyright (c) 2019", 14).copyright(14));
        assert!(marks_before("© 2019", 3).copyright(3));
        assert!(marks_before("Last updated: 2019", 14).updated(14).is_some());
        assert!(marks_before("Released on 3 May 2019", 12).release(12).is_some());
        assert!(marks_before("unreleased 2019", 11).release(11).is_none());
        assert!(!marks_before("Copyright 2019\n- in 2020", 20).copyright(20));
        assert!(marks_before("last updated\n2021-01-01", 13).updated(13).is_some());
    }

    #[test]
    fn incremental_scans_agree() {
        let text = "x copyright y as of 2019 and release 2020";
        let mut marks = LineMarks::default();
        marks.advance(text.as_bytes(), 5);
        marks.advance(text.as_bytes(), 20);
        assert!(marks.copyright(20) && marks.updated(20).is_some());
        marks.advance(text.as_bytes(), 37);
        assert!(marks.release(37).is_some());
    }
}
