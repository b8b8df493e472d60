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
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        if b.is_ascii_alphabetic() {
            t[i] = ALPHA;
        } else if b.is_ascii_digit() {
            t[i] = DIGIT;
        }
        i += 1;
    }
    t[b'`' as usize] = SPECIAL;
    t[b'~' as usize] = SPECIAL;
    t[b'<' as usize] = SPECIAL;
    t[b':' as usize] = SPECIAL;
    t[b']' as usize] = SPECIAL;
    t
};

/// The byte at `i`, or 0 past the end.
#[inline]
pub(crate) fn at(b: &[u8], i: usize) -> u8 {
    b.get(i).copied().unwrap_or(0)
}

#[inline]
pub(crate) fn is_digit_at(b: &[u8], i: usize) -> bool {
    at(b, i).is_ascii_digit()
}

#[inline]
pub(crate) fn is_alpha_at(b: &[u8], i: usize) -> bool {
    at(b, i).is_ascii_alphabetic()
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

/// Reads the digit run starting at `p`.
pub(crate) fn number(b: &[u8], p: usize) -> Option<Num> {
    let mut i = p;
    let mut val: u32 = 0;
    while i < b.len() && b[i].is_ascii_digit() {
        val = val.saturating_mul(10).saturating_add(u32::from(b[i] - b'0'));
        i += 1;
    }
    (i > p).then_some(Num {
        start: p,
        end: i,
        val,
    })
}

/// End of the ASCII-letter run starting at `p`.
#[inline]
pub(crate) fn word_end(b: &[u8], p: usize) -> usize {
    b.get(p..).map_or(p, |s| {
        p + s.iter().position(|c| !c.is_ascii_alphabetic()).unwrap_or(s.len())
    })
}

/// End of the ASCII alphanumeric run starting at `p`.
#[inline]
pub(crate) fn alnum_end(b: &[u8], p: usize) -> usize {
    b.get(p..).map_or(p, |s| {
        p + s
            .iter()
            .position(|c| !c.is_ascii_alphanumeric())
            .unwrap_or(s.len())
    })
}

/// Length of a horizontal space character at `p` (space, tab, no-break and thin spaces).
#[inline]
fn hspace_len(b: &[u8], p: usize) -> usize {
    match at(b, p) {
        b' ' | b'\t' => 1,
        0xC2 if at(b, p + 1) == 0xA0 => 2,
        0xE2 if at(b, p + 1) == 0x80 && matches!(at(b, p + 2), 0x89 | 0xAF) => 3,
        _ => 0,
    }
}

/// Longest run of spacing accepted inside one date.
const MAX_SPACE: usize = 32;

/// Skips horizontal spacing (bounded).
pub(crate) fn skip_hspace(b: &[u8], p: usize) -> usize {
    let mut i = p;
    while i - p < MAX_SPACE {
        let n = hspace_len(b, i);
        if n == 0 {
            break;
        }
        i += n;
    }
    i
}

/// Skips spacing including at most one line break (LF or CRLF): a soft break inside a date.
pub(crate) fn skip_ws(b: &[u8], p: usize) -> usize {
    let mut i = skip_hspace(b, p);
    if at(b, i) == b'\r' && at(b, i + 1) == b'\n' {
        i += 2;
    } else if at(b, i) == b'\n' {
        i += 1;
    } else {
        return i;
    }
    skip_hspace(b, i)
}

/// A range dash at `p` (hyphen, en dash, em dash, Unicode hyphen or minus); returns its end.
pub(crate) fn dash(b: &[u8], p: usize) -> Option<usize> {
    match at(b, p) {
        b'-' => Some(p + 1),
        0xE2 if at(b, p + 1) == 0x80 && matches!(at(b, p + 2), 0x90 | 0x91 | 0x93 | 0x94) => Some(p + 3),
        0xE2 if at(b, p + 1) == 0x88 && at(b, p + 2) == 0x92 => Some(p + 3),
        _ => None,
    }
}

/// The character that ends just before `p`.
pub(crate) fn prev_char(b: &[u8], p: usize) -> Option<char> {
    if p == 0 {
        return None;
    }
    let mut s = p - 1;
    while s > 0 && p - s < 4 && (b[s] & 0xC0) == 0x80 {
        s -= 1;
    }
    std::str::from_utf8(&b[s..p]).ok()?.chars().next()
}

/// The character that starts at `p`.
pub(crate) fn next_char(b: &[u8], p: usize) -> Option<char> {
    let first = *b.get(p)?;
    let len = match first {
        0x00..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    };
    std::str::from_utf8(b.get(p..p + len)?).ok()?.chars().next()
}

fn is_wordish(c: char) -> bool {
    c.is_alphanumeric()
}

/// Is the token starting at `p` glued to what comes before it (`v1.2`, `#2019`, `foo/2019`,
/// `x2019`, `>=2019`)?
pub(crate) fn glued_before(b: &[u8], p: usize) -> bool {
    let Some(c) = prev_char(b, p) else {
        return false;
    };
    if is_wordish(c) {
        return true;
    }
    match c {
        '#' | '$' | '@' | '^' | '~' | '=' | '%' | '&' | '\\' | '€' | '£' => true,
        '.' | '/' | '-' | '+' | '_' | ':' | '<' | '>' => {
            // `v1.2019`, `path/2019`, `POSIX.1-2001`, `x:2019`, `id_2019` are parts of larger
            // tokens; `_2019_` is emphasis.
            prev_char(b, p - 1).is_some_and(is_wordish)
        }
        _ => false,
    }
}

/// `H:MM` or `HH:MM` at `p`.
pub(crate) fn is_time_at(b: &[u8], p: usize) -> bool {
    let Some(h) = number(b, p) else { return false };
    h.len() <= 2 && at(b, h.end) == b':' && number(b, h.end + 1).is_some_and(|m| m.len() == 2)
}

/// Is the token ending at `p` glued to what follows (`2019-01-01.md`, `2019x`, `2019.1`)?
pub(crate) fn glued_after(b: &[u8], p: usize) -> bool {
    let Some(c) = next_char(b, p) else {
        return false;
    };
    if is_wordish(c) {
        return true;
    }
    match c {
        '%' | '@' | '°' => true,
        // A decade (`1960's`) is not a date.
        '\'' | '’' => {
            let n = p + c.len_utf8();
            matches!(at(b, n), b's' | b'S') && !is_alpha_at(b, n + 1)
        }
        ':' => is_digit_at(b, p + 1) && !is_time_at(b, p + 1),
        '.' | '/' | '-' | '+' | '_' | '\\' => {
            let n = at(b, p + 1);
            n.is_ascii_alphanumeric() || (c == '.' && n == b'/')
        }
        _ => false,
    }
}

/// Start of the line containing `p`, looking back at most `limit` bytes (then returns the
/// first char boundary within the limit).
pub(crate) fn line_start(b: &[u8], p: usize, limit: usize) -> usize {
    let lo = p.saturating_sub(limit);
    match b[lo..p].iter().rposition(|&c| c == b'\n') {
        Some(i) => lo + i + 1,
        None => {
            let mut s = lo;
            while s < p && (b[s] & 0xC0) == 0x80 {
                s += 1;
            }
            s
        }
    }
}

/// End of the line containing `p` (the position of its `\r\n` or `\n`), looking ahead at most
/// `limit` bytes.
pub(crate) fn line_end(b: &[u8], p: usize, limit: usize) -> usize {
    let hi = (p + limit).min(b.len());
    match b[p..hi].iter().position(|&c| c == b'\n') {
        Some(i) => {
            let e = p + i;
            if e > p && b[e - 1] == b'\r' { e - 1 } else { e }
        }
        None => hi,
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

/// Skips spacing backwards from `p`, crossing at most one line break. Returns the new position
/// and whether a blank line (or the text start) stops the way.
pub(crate) fn skip_ws_back(b: &[u8], p: usize) -> (usize, bool) {
    let mut i = p;
    let mut newlines = 0;
    while i > 0 {
        match b[i - 1] {
            b' ' | b'\t' | b'\r' => i -= 1,
            b'\n' => {
                newlines += 1;
                if newlines > 1 {
                    return (i, true);
                }
                i -= 1;
            }
            0xA0 if i >= 2 && b[i - 2] == 0xC2 => i -= 2,
            _ => return (i, false),
        }
        if p - i > 64 {
            return (i, true);
        }
    }
    (i, true)
}

/// The token before `p`, skipping spacing (and one line break).
pub(crate) fn prev_tok(b: &[u8], p: usize) -> Tok {
    let (i, stop) = skip_ws_back(b, p);
    if stop && (i == 0 || b[i - 1] == b'\n') {
        return Tok::Start;
    }
    let c = b[i - 1];
    if c.is_ascii_alphabetic() {
        let mut s = i - 1;
        while s > 0 && b[s - 1].is_ascii_alphabetic() && i - s < 32 {
            s -= 1;
        }
        Tok::Word(s, i)
    } else if c.is_ascii_digit() {
        let mut s = i - 1;
        while s > 0 && b[s - 1].is_ascii_digit() && i - s < 16 {
            s -= 1;
        }
        Tok::Num(s, i)
    } else {
        let len = prev_char(b, i).map_or(1, char::len_utf8);
        Tok::Punct(i - len, i)
    }
}

/// The token at or after `p`, skipping horizontal spacing only.
pub(crate) fn next_tok(b: &[u8], p: usize) -> Tok {
    let i = skip_hspace(b, p);
    match at(b, i) {
        0 if i >= b.len() => Tok::Start,
        b'\n' | b'\r' => Tok::Start,
        c if c.is_ascii_alphabetic() => Tok::Word(i, word_end(b, i)),
        c if c.is_ascii_digit() => Tok::Num(i, number(b, i).map_or(i + 1, |n| n.end)),
        _ => Tok::Punct(i, i + next_char(b, i).map_or(1, char::len_utf8)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_words() {
        let n = number(b"2019-01", 0).unwrap();
        assert_eq!((n.val, n.len()), (2019, 4));
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
