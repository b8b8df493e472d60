//! The text of one README and the index that maps byte offsets to lines.
//!
//! Every position inside the tool is a byte range into [`SourceText::text`];
//! line and column numbers exist only for output.

use std::ops::Range;

/// The UTF-8 byte order mark, kept in the text so that offsets match the file.
pub const BOM: &str = "\u{feff}";

/// A README's full text plus a line index.
#[derive(Debug, Clone)]
pub struct SourceText {
    text: String,
    line_starts: Vec<usize>,
    line_ending: &'static str,
    /// Characters before each block of [`COLUMN_BLOCK`] bytes, made on first use, so that
    /// a column deep in a long line (a minified README, a megabyte on one line) is found
    /// without counting from the line's start for every finding on it.
    chars_before_block: std::sync::OnceLock<Vec<usize>>,
}

/// Bytes per entry of the column index.
const COLUMN_BLOCK: usize = 256;

/// A 1-based line and column; the column counts characters, not bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineColumn {
    pub line: usize,
    pub column: usize,
}

impl SourceText {
    pub fn new(text: String) -> Self {
        let (line_starts, line_ending) = index_lines(&text);
        Self {
            text,
            line_starts,
            line_ending,
            chars_before_block: std::sync::OnceLock::new(),
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn into_text(self) -> String {
        self.text
    }

    /// Length of the byte order mark at the start of the text (0 or 3).
    pub fn bom_len(&self) -> usize {
        if self.text.starts_with(BOM) { BOM.len() } else { 0 }
    }

    /// Number of lines, counting a last line without a line end.
    pub fn line_count(&self) -> usize {
        let last_start = *self.line_starts.last().unwrap_or(&0);
        if last_start == self.text.len() {
            self.line_starts.len() - 1
        } else {
            self.line_starts.len()
        }
    }

    /// Byte offset where the 1-based `line` starts (the text's end past the last line).
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(self.text.len())
    }

    /// Byte range of the 1-based `line`, without its line ending.
    pub fn line_content(&self, line: usize) -> Range<usize> {
        let start = self.line_start(line);
        let next = self.line_start(line + 1);
        let mut end = next.max(start);
        let bytes = self.text.as_bytes();
        if end > start && bytes[end - 1] == b'\n' {
            end -= 1;
        }
        if end > start && bytes[end - 1] == b'\r' {
            end -= 1;
        }
        start..end
    }

    /// Byte offset of the start of the line following the one containing `offset`.
    pub fn next_line_start(&self, offset: usize) -> usize {
        let line = self.line_of(offset);
        self.line_start(line + 1)
    }

    /// The 1-based line containing `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(index) => index + 1,
            Err(index) => index,
        }
    }

    /// 1-based line and character column of a byte offset.
    pub fn line_column(&self, offset: usize) -> LineColumn {
        let offset = offset.min(self.text.len());
        let line = self.line_of(offset);
        // A byte order mark is invisible: line 1's columns start after it.
        let start = if line == 1 {
            self.bom_len().min(offset)
        } else {
            self.line_start(line)
        };
        let column = match self.text.get(start..offset) {
            None => offset - start,
            Some(prefix) if prefix.len() <= 2 * COLUMN_BLOCK => prefix.chars().count(),
            Some(_) => self.chars_before(offset) - self.chars_before(start),
        } + 1;
        LineColumn { line, column }
    }

    /// The number of characters in `text[..offset]` (`offset` on a character boundary).
    fn chars_before(&self, offset: usize) -> usize {
        let table = self.chars_before_block.get_or_init(|| {
            let mut table = Vec::with_capacity(self.text.len() / COLUMN_BLOCK + 1);
            let mut count = 0;
            table.push(0);
            for block in self.text.as_bytes().chunks(COLUMN_BLOCK) {
                count += count_chars(block);
                table.push(count);
            }
            table
        });
        let block = offset / COLUMN_BLOCK;
        table[block] + count_chars(&self.text.as_bytes()[block * COLUMN_BLOCK..offset])
    }

    /// The line ending the file uses most ("\r\n", "\r" or "\n"); "\n" when it has none.
    pub fn line_ending(&self) -> &'static str {
        self.line_ending
    }
}

/// Characters in UTF-8 bytes: every byte that does not continue a character starts one.
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&byte| (byte as i8) >= -0x40).count()
}

/// The start of every line, and the line ending used most, in one pass (memchr finds
/// the line ends, so the cost per byte stays far below the parser's).
fn index_lines(text: &str) -> (Vec<usize>, &'static str) {
    let bytes = text.as_bytes();
    let mut starts = Vec::with_capacity(bytes.len() / 32 + 1);
    starts.push(0);
    let (mut lf, mut crlf, mut cr) = (0usize, 0usize, 0usize);
    let mut skip_lf_at = usize::MAX;
    for index in memchr::memchr2_iter(b'\n', b'\r', bytes) {
        if bytes[index] == b'\r' {
            if bytes.get(index + 1) == Some(&b'\n') {
                crlf += 1;
                skip_lf_at = index + 1;
                starts.push(index + 2);
            } else {
                cr += 1;
                starts.push(index + 1);
            }
        } else if index != skip_lf_at {
            lf += 1;
            starts.push(index + 1);
        }
    }
    (starts, line_ending_of(lf, crlf, cr))
}

/// The line ending used most, so inserted lines match their neighbours.
fn line_ending_of(lf: usize, crlf: usize, cr: usize) -> &'static str {
    if crlf > lf && crlf >= cr {
        "\r\n"
    } else if cr > lf && cr > crlf {
        "\r"
    } else {
        "\n"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_end_at_lf_crlf_and_lone_cr() {
        let source = SourceText::new("a\nb\r\nc\rd".to_string());
        assert_eq!(source.line_count(), 4);
        assert_eq!(source.line_start(2), 2);
        assert_eq!(source.line_start(3), 5);
        assert_eq!(source.line_start(4), 7);
        assert_eq!(source.line_content(2), 2..3);
        assert_eq!(source.line_of(6), 3);
    }

    #[test]
    fn columns_count_characters() {
        let source = SourceText::new("héllo wörld\nx".to_string());
        let position = source.line_column("héllo w".len());
        assert_eq!(position, LineColumn { line: 1, column: 8 });
        assert_eq!(source.line_column(source.text().len()).line, 2);
    }

    #[test]
    fn columns_deep_in_a_long_line_match_a_plain_count() {
        let line = "é-x".repeat(10_000);
        let source = SourceText::new(format!("a\n{line}\n"));
        for offset in [2, 4000, 8195, 12_289, 29_000, source.text().len() - 1] {
            let offset = (offset..).find(|&at| source.text().is_char_boundary(at)).unwrap();
            let expected = source.text()[2..offset].chars().count() + 1;
            assert_eq!(source.line_column(offset).column, expected, "offset {offset}");
        }
    }

    #[test]
    fn the_byte_order_mark_is_not_a_column() {
        let source = SourceText::new("\u{feff}# T\nx".to_string());
        assert_eq!(source.line_column(3), LineColumn { line: 1, column: 1 });
        assert_eq!(source.line_column(0), LineColumn { line: 1, column: 1 });
        assert_eq!(source.line_column(5), LineColumn { line: 1, column: 3 });
    }

    #[test]
    fn trailing_newline_does_not_add_a_line() {
        assert_eq!(SourceText::new("a\n".into()).line_count(), 1);
        assert_eq!(SourceText::new("a".into()).line_count(), 1);
        assert_eq!(SourceText::new(String::new()).line_count(), 0);
    }

    #[test]
    fn dominant_ending_follows_the_majority() {
        assert_eq!(SourceText::new("a\r\nb\r\nc\n".to_string()).line_ending(), "\r\n");
        assert_eq!(SourceText::new("a\nb".to_string()).line_ending(), "\n");
        assert_eq!(SourceText::new("abc".to_string()).line_ending(), "\n");
        assert_eq!(SourceText::new("a\rb\r".to_string()).line_ending(), "\r");
    }
}
