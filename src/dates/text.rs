//! Byte-level reading helpers: numbers, words, spacing and word boundaries.
//!
//! Everything works on UTF-8 bytes. Positions handed out are always on ASCII bytes or just
//! after a whole multi-byte character, so they are char boundaries.

/// ASCII letter.
pub(crate) const ALPHA: u8 = 1;
/// ASCII digit.
pub(crate) const DIGIT: u8 = 2;
/// A byte that may open something to skip: code spans, HTML, URLs, link destinations.
pub(crate) const SPECIAL: u8 = 4;

pub(crate) static CLASS: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut index = 0;
    while index < 256 {
        let byte = index as u8;
        if byte.is_ascii_alphabetic() {
            table[index] = ALPHA;
        } else if byte.is_ascii_digit() {
            table[index] = DIGIT;
        }
        index += 1;
    }
    table[b'`' as usize] = SPECIAL;
    table[b'~' as usize] = SPECIAL;
    table[b'<' as usize] = SPECIAL;
    table[b':' as usize] = SPECIAL;
    table[b']' as usize] = SPECIAL;
    table
};

/// The byte at `pos`, or 0 past the end.
#[inline]
pub(crate) fn at(bytes: &[u8], pos: usize) -> u8 {
    bytes.get(pos).copied().unwrap_or(0)
}

#[inline]
pub(crate) fn is_digit_at(bytes: &[u8], pos: usize) -> bool {
    at(bytes, pos).is_ascii_digit()
}

#[inline]
pub(crate) fn is_alpha_at(bytes: &[u8], pos: usize) -> bool {
    at(bytes, pos).is_ascii_alphabetic()
}

/// A run of ASCII digits.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Num {
    pub start: usize,
    pub end: usize,
    /// Value (saturating; only meaningful for short runs).
    pub val: u32,
}

impl Num {
    pub fn len(&self) -> usize {
        self.end - self.start
    }
}

/// Reads the digit run starting at `start`.
pub(crate) fn number(bytes: &[u8], start: usize) -> Option<Num> {
    let mut end = start;
    let mut val: u32 = 0;
    while end < bytes.len() && bytes[end].is_ascii_digit() {
        val = val
            .saturating_mul(10)
            .saturating_add(u32::from(bytes[end] - b'0'));
        end += 1;
    }
    (end > start).then_some(Num { start, end, val })
}

/// End of the ASCII-letter run starting at `start`.
#[inline]
pub(crate) fn word_end(bytes: &[u8], start: usize) -> usize {
    bytes.get(start..).map_or(start, |rest| {
        start
            + rest
                .iter()
                .position(|byte| !byte.is_ascii_alphabetic())
                .unwrap_or(rest.len())
    })
}

/// End of the ASCII alphanumeric run starting at `start`.
#[inline]
pub(crate) fn alnum_end(bytes: &[u8], start: usize) -> usize {
    bytes.get(start..).map_or(start, |rest| {
        start
            + rest
                .iter()
                .position(|byte| !byte.is_ascii_alphanumeric())
                .unwrap_or(rest.len())
    })
}

/// Length of a horizontal space character at `pos` (space, tab, no-break and thin spaces).
#[inline]
fn hspace_len(bytes: &[u8], pos: usize) -> usize {
    match at(bytes, pos) {
        b' ' | b'\t' => 1,
        0xC2 if at(bytes, pos + 1) == 0xA0 => 2,
        0xE2 if at(bytes, pos + 1) == 0x80 && matches!(at(bytes, pos + 2), 0x89 | 0xAF) => 3,
        _ => 0,
    }
}

/// Longest run of spacing accepted inside one date.
const MAX_SPACE: usize = 32;

/// Skips horizontal spacing (bounded).
pub(crate) fn skip_hspace(bytes: &[u8], start: usize) -> usize {
    let mut pos = start;
    while pos - start < MAX_SPACE {
        let len = hspace_len(bytes, pos);
        if len == 0 {
            break;
        }
        pos += len;
    }
    pos
}

/// Skips spacing including at most one line break (LF or CRLF): a soft break inside a date.
pub(crate) fn skip_ws(bytes: &[u8], start: usize) -> usize {
    let mut pos = skip_hspace(bytes, start);
    if at(bytes, pos) == b'\r' && at(bytes, pos + 1) == b'\n' {
        pos += 2;
    } else if at(bytes, pos) == b'\n' {
        pos += 1;
    } else {
        return pos;
    }
    skip_hspace(bytes, pos)
}

/// A range dash at `pos` (hyphen, en dash, em dash, Unicode hyphen or minus); returns its end.
pub(crate) fn dash(bytes: &[u8], pos: usize) -> Option<usize> {
    match at(bytes, pos) {
        b'-' => Some(pos + 1),
        0xE2 if at(bytes, pos + 1) == 0x80 && matches!(at(bytes, pos + 2), 0x90 | 0x91 | 0x93 | 0x94) => {
            Some(pos + 3)
        }
        0xE2 if at(bytes, pos + 1) == 0x88 && at(bytes, pos + 2) == 0x92 => Some(pos + 3),
        _ => None,
    }
}

/// The character that ends just before `end`.
pub(crate) fn prev_char(bytes: &[u8], end: usize) -> Option<char> {
    if end == 0 {
        return None;
    }
    let mut start = end - 1;
    while start > 0 && end - start < 4 && (bytes[start] & 0xC0) == 0x80 {
        start -= 1;
    }
    std::str::from_utf8(&bytes[start..end]).ok()?.chars().next()
}

/// The character that starts at `start`.
pub(crate) fn next_char(bytes: &[u8], start: usize) -> Option<char> {
    let first = *bytes.get(start)?;
    let len = match first {
        0x00..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    };
    std::str::from_utf8(bytes.get(start..start + len)?)
        .ok()?
        .chars()
        .next()
}

fn is_wordish(ch: char) -> bool {
    ch.is_alphanumeric()
}

/// Is the token starting at `start` glued to what comes before it (`v1.2`, `#2019`, `foo/2019`,
/// `x2019`, `>=2019`)?
pub(crate) fn glued_before(bytes: &[u8], start: usize) -> bool {
    let Some(before) = prev_char(bytes, start) else {
        return false;
    };
    if is_wordish(before) {
        return true;
    }
    match before {
        '#' | '$' | '@' | '^' | '~' | '=' | '%' | '&' | '\\' | '€' | '£' => true,
        '.' | '/' | '-' | '+' | '_' | ':' | '<' | '>' => {
            // `v1.2019`, `path/2019`, `POSIX.1-2001`, `x:2019`, `id_2019` are parts of larger
            // tokens; `_2019_` is emphasis.
            prev_char(bytes, start - 1).is_some_and(is_wordish)
        }
        _ => false,
    }
}

/// `H:MM` or `HH:MM` at `start`.
pub(crate) fn is_time_at(bytes: &[u8], start: usize) -> bool {
    let Some(hour) = number(bytes, start) else {
        return false;
    };
    hour.len() <= 2
        && at(bytes, hour.end) == b':'
        && number(bytes, hour.end + 1).is_some_and(|minutes| minutes.len() == 2)
}

/// Is the token ending at `end` glued to what follows (`2019-01-01.md`, `2019x`, `2019.1`)?
pub(crate) fn glued_after(bytes: &[u8], end: usize) -> bool {
    let Some(after) = next_char(bytes, end) else {
        return false;
    };
    if is_wordish(after) {
        return true;
    }
    match after {
        '%' | '@' | '°' => true,
        // A decade (`1960's`) is not a date.
        '\'' | '’' => {
            let suffix = end + after.len_utf8();
            matches!(at(bytes, suffix), b's' | b'S') && !is_alpha_at(bytes, suffix + 1)
        }
        ':' => is_digit_at(bytes, end + 1) && !is_time_at(bytes, end + 1),
        '.' | '/' | '-' | '+' | '_' | '\\' => {
            let next = at(bytes, end + 1);
            next.is_ascii_alphanumeric() || (after == '.' && next == b'/')
        }
        _ => false,
    }
}

/// Start of the line containing `pos`, looking back at most `limit` bytes (then returns the
/// first char boundary within the limit).
pub(crate) fn line_start(bytes: &[u8], pos: usize, limit: usize) -> usize {
    let earliest = pos.saturating_sub(limit);
    match bytes[earliest..pos].iter().rposition(|&byte| byte == b'\n') {
        Some(offset) => earliest + offset + 1,
        None => {
            let mut start = earliest;
            while start < pos && (bytes[start] & 0xC0) == 0x80 {
                start += 1;
            }
            start
        }
    }
}

/// End of the line containing `pos` (the position of its `\r\n` or `\n`), looking ahead at most
/// `limit` bytes.
pub(crate) fn line_end(bytes: &[u8], pos: usize, limit: usize) -> usize {
    let latest = (pos + limit).min(bytes.len());
    match bytes[pos..latest].iter().position(|&byte| byte == b'\n') {
        Some(offset) => {
            let newline = pos + offset;
            if newline > pos && bytes[newline - 1] == b'\r' {
                newline - 1
            } else {
                newline
            }
        }
        None => latest,
    }
}

/// A token read backwards from a position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tok {
    /// ASCII letters `start..end`.
    Word(usize, usize),
    /// ASCII digits `start..end`.
    Num(usize, usize),
    /// Any other character `start..end`.
    Punct(usize, usize),
    /// Start of text or a blank line.
    Start,
}

/// Skips spacing backwards from `end`, crossing at most one line break. Returns the new position
/// and whether a blank line (or the text start) stops the way.
pub(crate) fn skip_ws_back(bytes: &[u8], end: usize) -> (usize, bool) {
    let mut pos = end;
    let mut newlines = 0;
    while pos > 0 {
        match bytes[pos - 1] {
            b' ' | b'\t' | b'\r' => pos -= 1,
            b'\n' => {
                newlines += 1;
                if newlines > 1 {
                    return (pos, true);
                }
                pos -= 1;
            }
            0xA0 if pos >= 2 && bytes[pos - 2] == 0xC2 => pos -= 2,
            _ => return (pos, false),
        }
        if end - pos > 64 {
            return (pos, true);
        }
    }
    (pos, true)
}

/// The token before `end`, skipping spacing (and one line break).
pub(crate) fn prev_tok(bytes: &[u8], end: usize) -> Tok {
    let (token_end, stop) = skip_ws_back(bytes, end);
    if stop && (token_end == 0 || bytes[token_end - 1] == b'\n') {
        return Tok::Start;
    }
    let last = bytes[token_end - 1];
    if last.is_ascii_alphabetic() {
        let mut start = token_end - 1;
        while start > 0 && bytes[start - 1].is_ascii_alphabetic() && token_end - start < 32 {
            start -= 1;
        }
        Tok::Word(start, token_end)
    } else if last.is_ascii_digit() {
        let mut start = token_end - 1;
        while start > 0 && bytes[start - 1].is_ascii_digit() && token_end - start < 16 {
            start -= 1;
        }
        Tok::Num(start, token_end)
    } else {
        let len = prev_char(bytes, token_end).map_or(1, char::len_utf8);
        Tok::Punct(token_end - len, token_end)
    }
}

/// The token at or after `pos`, skipping horizontal spacing only.
pub(crate) fn next_tok(bytes: &[u8], pos: usize) -> Tok {
    let start = skip_hspace(bytes, pos);
    match at(bytes, start) {
        0 if start >= bytes.len() => Tok::Start,
        b'\n' | b'\r' => Tok::Start,
        first if first.is_ascii_alphabetic() => Tok::Word(start, word_end(bytes, start)),
        first if first.is_ascii_digit() => {
            Tok::Num(start, number(bytes, start).map_or(start + 1, |num| num.end))
        }
        _ => Tok::Punct(start, start + next_char(bytes, start).map_or(1, char::len_utf8)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_words() {
        let num = number(b"2019-01", 0).unwrap();
        assert_eq!((num.val, num.len()), (2019, 4));
        assert!(number(b"x", 0).is_none());
        assert_eq!(word_end(b"March 2", 0), 5);
    }

    #[test]
    fn spacing_and_soft_breaks() {
        assert_eq!(skip_ws(b"  \r\n  x", 0), 6);
        assert_eq!(skip_ws(b" \n\nx", 0), 2);
        assert_eq!(skip_ws("\u{a0}x".as_bytes(), 0), 2);
    }

    #[test]
    fn dashes() {
        assert_eq!(dash("–".as_bytes(), 0), Some(3));
        assert_eq!(dash(b"-", 0), Some(1));
        assert_eq!(dash(b"x", 0), None);
    }

    #[test]
    fn boundaries() {
        assert!(glued_before(b"v1.2019", 3));
        assert!(glued_before(b"#2019", 1));
        assert!(glued_before(b"x2019", 1));
        assert!(!glued_before(b"(2019", 1));
        assert!(!glued_before(b"/2019", 1));
        assert!(glued_before("é2019".as_bytes(), 2));
        assert!(glued_after(b"2019x", 4));
        assert!(glued_after(b"2019-01-01.md", 10));
        assert!(!glued_after(b"2019.", 4));
        assert!(!glued_after(b"2019:10:30", 4));
        assert!(glued_after(b"2019:1", 4));
        assert!(glued_after(b"1960's", 4));
        assert!(!glued_after(b"2019'", 4));
    }

    #[test]
    fn tokens() {
        assert_eq!(prev_tok(b"since 2019", 6), Tok::Word(0, 5));
        assert_eq!(prev_tok(b"(2019", 1), Tok::Punct(0, 1));
        assert_eq!(prev_tok(b"a\n\n2019", 3), Tok::Start);
        assert_eq!(prev_tok(b"in\n2019", 3), Tok::Word(0, 2));
        assert_eq!(next_tok(b"2019 users", 4), Tok::Word(5, 10));
        assert_eq!(line_start(b"ab\ncd", 4, 100), 3);
        assert_eq!(line_end(b"ab\r\ncd", 0, 100), 2);
    }
}
