//! English month, weekday and ordinal words, looked up without allocating.

/// What a word means to the date grammar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lex {
    /// A month name (1-12); `abbr` for a short form such as `Sep` or `Sept`.
    Month { month: u8, abbr: bool },
    /// A weekday name (0 = Monday); `abbr` for `Mon`, `Tues`, ...
    Weekday { day: u8, abbr: bool },
    /// A spelled ordinal day such as `eighth` (1-31).
    Ordinal(u8),
    /// `twenty` or `thirty`, the first half of `twenty-fourth`.
    Tens(u8),
}

/// Letter case of a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Case {
    Lower,
    Title,
    Upper,
    Mixed,
}

/// First letters of every word in the lexicon (lower case), as a bit set over `a..=z`.
const INITIALS: u32 = bits(b"adefjmnostw");

const fn bits(letters: &[u8]) -> u32 {
    let mut m = 0u32;
    let mut i = 0;
    while i < letters.len() {
        m |= 1 << (letters[i] - b'a');
        i += 1;
    }
    m
}

/// Fast pre-check on the first byte of a word: can it start a lexicon word?
#[inline]
pub(crate) fn may_start_word(b: u8) -> bool {
    let l = b | 0x20;
    l.is_ascii_lowercase() && INITIALS & (1 << (l - b'a')) != 0
}

/// Every word of the lexicon, lower case (the `match` in [`lookup`] gives their meaning).
#[rustfmt::skip]
const WORDS: &[&[u8]] = &[
    b"january", b"jan", b"february", b"feb", b"febr", b"march", b"mar", b"april", b"apr", b"may", b"june",
    b"jun", b"july", b"jul", b"august", b"aug", b"september", b"sep", b"sept", b"october", b"oct",
    b"november", b"nov", b"december", b"dec", b"monday", b"mon", b"tuesday", b"tue", b"tues", b"wednesday",
    b"wed", b"thursday", b"thu", b"thur", b"thurs", b"friday", b"fri", b"saturday", b"sat", b"sunday",
    b"sun", b"first", b"second", b"third", b"fourth", b"fifth", b"sixth", b"seventh", b"eighth", b"ninth",
    b"tenth", b"eleventh", b"twelfth", b"thirteenth", b"fourteenth", b"fifteenth", b"sixteenth",
    b"seventeenth", b"eighteenth", b"nineteenth", b"twentieth", b"thirtieth", b"twenty", b"thirty",
];

/// Bit set of the three-letter prefixes of [`WORDS`], indexed by `(a * 26 + b) * 26 + c`.
static PREFIXES: [u64; 275] = {
    let mut t = [0u64; 275];
    let mut i = 0;
    while i < WORDS.len() {
        let w = WORDS[i];
        let k = ((w[0] - b'a') as usize * 26 + (w[1] - b'a') as usize) * 26 + (w[2] - b'a') as usize;
        t[k / 64] |= 1 << (k % 64);
        i += 1;
    }
    t
};

/// Can a word starting with these three ASCII letters be in the lexicon?
#[inline]
fn has_prefix(w: &[u8]) -> bool {
    let l = |c: u8| (c | 0x20).wrapping_sub(b'a') as usize;
    let (a, b, c) = (l(w[0]), l(w[1]), l(w[2]));
    if a >= 26 || b >= 26 || c >= 26 {
        return false;
    }
    let k = (a * 26 + b) * 26 + c;
    PREFIXES[k / 64] & (1 << (k % 64)) != 0
}

/// Case of an ASCII word.
pub(crate) fn word_case(w: &[u8]) -> Case {
    let upper = w.iter().filter(|b| b.is_ascii_uppercase()).count();
    if upper == 0 {
        Case::Lower
    } else if upper == w.len() {
        Case::Upper
    } else if upper == 1 && w[0].is_ascii_uppercase() {
        Case::Title
    } else {
        Case::Mixed
    }
}

/// Case-insensitive comparison of an ASCII word with a lower-case literal.
#[inline]
pub(crate) fn eq_lower(w: &[u8], lower: &[u8]) -> bool {
    w.len() == lower.len() && w.iter().zip(lower).all(|(a, b)| a.to_ascii_lowercase() == *b)
}

/// Looks up an ASCII-letter word (any case).
pub(crate) fn lookup(w: &[u8]) -> Option<Lex> {
    if w.len() < 3 || w.len() > 11 || !has_prefix(w) {
        return None;
    }
    let mut buf = [0u8; 11];
    for (d, s) in buf.iter_mut().zip(w) {
        *d = s.to_ascii_lowercase();
    }
    let month = |m, abbr| Some(Lex::Month { month: m, abbr });
    let wd = |d, abbr| Some(Lex::Weekday { day: d, abbr });
    match &buf[..w.len()] {
        b"january" => month(1, false),
        b"jan" => month(1, true),
        b"february" => month(2, false),
        b"feb" | b"febr" => month(2, true),
        b"march" => month(3, false),
        b"mar" => month(3, true),
        b"april" => month(4, false),
        b"apr" => month(4, true),
        b"may" => month(5, false),
        b"june" => month(6, false),
        b"jun" => month(6, true),
        b"july" => month(7, false),
        b"jul" => month(7, true),
        b"august" => month(8, false),
        b"aug" => month(8, true),
        b"september" => month(9, false),
        b"sep" | b"sept" => month(9, true),
        b"october" => month(10, false),
        b"oct" => month(10, true),
        b"november" => month(11, false),
        b"nov" => month(11, true),
        b"december" => month(12, false),
        b"dec" => month(12, true),
        b"monday" => wd(0, false),
        b"mon" => wd(0, true),
        b"tuesday" => wd(1, false),
        b"tue" | b"tues" => wd(1, true),
        b"wednesday" => wd(2, false),
        b"wed" => wd(2, true),
        b"thursday" => wd(3, false),
        b"thu" | b"thur" | b"thurs" => wd(3, true),
        b"friday" => wd(4, false),
        b"fri" => wd(4, true),
        b"saturday" => wd(5, false),
        b"sat" => wd(5, true),
        b"sunday" => wd(6, false),
        b"sun" => wd(6, true),
        other => ordinal(other),
    }
}

fn ordinal(w: &[u8]) -> Option<Lex> {
    Some(Lex::Ordinal(match w {
        b"first" => 1,
        b"second" => 2,
        b"third" => 3,
        b"fourth" => 4,
        b"fifth" => 5,
        b"sixth" => 6,
        b"seventh" => 7,
        b"eighth" => 8,
        b"ninth" => 9,
        b"tenth" => 10,
        b"eleventh" => 11,
        b"twelfth" => 12,
        b"thirteenth" => 13,
        b"fourteenth" => 14,
        b"fifteenth" => 15,
        b"sixteenth" => 16,
        b"seventeenth" => 17,
        b"eighteenth" => 18,
        b"nineteenth" => 19,
        b"twentieth" => 20,
        b"thirtieth" => 30,
        b"twenty" => return Some(Lex::Tens(20)),
        b"thirty" => return Some(Lex::Tens(30)),
        _ => return None,
    }))
}

/// Month words that are also common English words or identifiers when written in lower case
/// (`may`, `march`, `dec`, `oct`, ...): these need a fuller date around them.
pub(crate) fn is_weak_month(w: &[u8], abbr: bool) -> bool {
    match word_case(w) {
        Case::Lower => abbr || eq_lower(w, b"may") || eq_lower(w, b"march"),
        // `MAY` is the RFC 2119 keyword.
        Case::Upper => eq_lower(w, b"may"),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_and_weekdays() {
        assert_eq!(lookup(b"Sept"), Some(Lex::Month { month: 9, abbr: true }));
        assert_eq!(
            lookup(b"DECEMBER"),
            Some(Lex::Month {
                month: 12,
                abbr: false
            })
        );
        assert_eq!(lookup(b"thurs"), Some(Lex::Weekday { day: 3, abbr: true }));
        assert_eq!(lookup(b"Marching"), None);
        assert_eq!(lookup(b"ma"), None);
    }

    #[test]
    fn every_word_is_known() {
        for w in WORDS {
            assert!(lookup(w).is_some(), "{}", String::from_utf8_lossy(w));
        }
        assert!(!has_prefix(b"the") && has_prefix(b"Thu") && !has_prefix(b"and"));
    }

    #[test]
    fn ordinals() {
        assert_eq!(lookup(b"Eighth"), Some(Lex::Ordinal(8)));
        assert_eq!(lookup(b"twenty"), Some(Lex::Tens(20)));
        assert_eq!(lookup(b"thirtieth"), Some(Lex::Ordinal(30)));
    }

    #[test]
    fn cases() {
        assert_eq!(word_case(b"May"), Case::Title);
        assert_eq!(word_case(b"MAY"), Case::Upper);
        assert_eq!(word_case(b"may"), Case::Lower);
        assert!(is_weak_month(b"may", false));
        assert!(!is_weak_month(b"May", false));
        assert!(is_weak_month(b"dec", true));
        assert!(!is_weak_month(b"august", false));
    }
}
