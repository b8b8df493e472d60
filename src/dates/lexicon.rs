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
    let mut mask = 0u32;
    let mut index = 0;
    while index < letters.len() {
        mask |= 1 << (letters[index] - b'a');
        index += 1;
    }
    mask
}

/// Fast pre-check on the first byte of a word: can it start a lexicon word?
#[inline]
pub(crate) fn may_start_word(byte: u8) -> bool {
    let lower = byte | 0x20;
    lower.is_ascii_lowercase() && INITIALS & (1 << (lower - b'a')) != 0
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
    let mut table = [0u64; 275];
    let mut index = 0;
    while index < WORDS.len() {
        let word = WORDS[index];
        let key =
            ((word[0] - b'a') as usize * 26 + (word[1] - b'a') as usize) * 26 + (word[2] - b'a') as usize;
        table[key / 64] |= 1 << (key % 64);
        index += 1;
    }
    table
};

/// Can a word starting with these three ASCII letters be in the lexicon?
#[inline]
fn has_prefix(word: &[u8]) -> bool {
    let letter_index = |letter: u8| (letter | 0x20).wrapping_sub(b'a') as usize;
    let (first, second, third) = (
        letter_index(word[0]),
        letter_index(word[1]),
        letter_index(word[2]),
    );
    if first >= 26 || second >= 26 || third >= 26 {
        return false;
    }
    let key = (first * 26 + second) * 26 + third;
    PREFIXES[key / 64] & (1 << (key % 64)) != 0
}

/// Case of an ASCII word.
pub(crate) fn word_case(word: &[u8]) -> Case {
    let upper = word.iter().filter(|byte| byte.is_ascii_uppercase()).count();
    if upper == 0 {
        Case::Lower
    } else if upper == word.len() {
        Case::Upper
    } else if upper == 1 && word[0].is_ascii_uppercase() {
        Case::Title
    } else {
        Case::Mixed
    }
}

/// Case-insensitive comparison of an ASCII word with a lower-case literal.
#[inline]
pub(crate) fn eq_lower(word: &[u8], lower: &[u8]) -> bool {
    word.len() == lower.len()
        && word
            .iter()
            .zip(lower)
            .all(|(byte, wanted)| byte.to_ascii_lowercase() == *wanted)
}

/// Looks up an ASCII-letter word (any case).
pub(crate) fn lookup(word: &[u8]) -> Option<Lex> {
    if word.len() < 3 || word.len() > 11 || !has_prefix(word) {
        return None;
    }
    let mut lower = [0u8; 11];
    for (to, from) in lower.iter_mut().zip(word) {
        *to = from.to_ascii_lowercase();
    }
    let month = |month, abbr| Some(Lex::Month { month, abbr });
    let weekday = |day, abbr| Some(Lex::Weekday { day, abbr });
    match &lower[..word.len()] {
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
        b"monday" => weekday(0, false),
        b"mon" => weekday(0, true),
        b"tuesday" => weekday(1, false),
        b"tue" | b"tues" => weekday(1, true),
        b"wednesday" => weekday(2, false),
        b"wed" => weekday(2, true),
        b"thursday" => weekday(3, false),
        b"thu" | b"thur" | b"thurs" => weekday(3, true),
        b"friday" => weekday(4, false),
        b"fri" => weekday(4, true),
        b"saturday" => weekday(5, false),
        b"sat" => weekday(5, true),
        b"sunday" => weekday(6, false),
        b"sun" => weekday(6, true),
        other => ordinal(other),
    }
}

fn ordinal(word: &[u8]) -> Option<Lex> {
    Some(Lex::Ordinal(match word {
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
pub(crate) fn is_weak_month(word: &[u8], abbr: bool) -> bool {
    match word_case(word) {
        Case::Lower => abbr || eq_lower(word, b"may") || eq_lower(word, b"march"),
        // `MAY` is the RFC 2119 keyword.
        Case::Upper => eq_lower(word, b"may"),
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
        for word in WORDS {
            assert!(lookup(word).is_some(), "{}", String::from_utf8_lossy(word));
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
