//! A date found by the grammar before it is turned into a public `FoundDate`; built on the
//! stack so that rejected candidates allocate nothing.

use super::DateContext;
use super::pattern::{TOKEN_LETTERS, Token};
use super::value::{DateValue, Invalid, check_value};
use super::written::{FormatPart, MAX_SHOWN, WrittenFormat};

/// How many bytes a format under construction holds. Each byte stands for at least one byte
/// of the spelling, so the buffer keeps all that is shown of a format ([`MAX_SHOWN`] bytes);
/// bytes past it are dropped.
const CAPACITY: usize = MAX_SHOWN;

/// The tokens as bytes in a format under construction: `TOKENS[i]` is byte `i + 1`.
const TOKENS: [Token; 25] = [
    Token::Year4,
    Token::Year2,
    Token::MonthName,
    Token::MonthAbbr,
    Token::Month2,
    Token::Month1,
    Token::Day2,
    Token::Day1,
    Token::DayOrdinal,
    Token::WeekdayName,
    Token::WeekdayAbbr,
    Token::Quarter,
    Token::Hour,
    Token::Minute,
    Token::Second,
    Token::Zone,
    Token::Fraction(1),
    Token::Fraction(2),
    Token::Fraction(3),
    Token::Fraction(4),
    Token::Fraction(5),
    Token::Fraction(6),
    Token::Fraction(7),
    Token::Fraction(8),
    Token::Fraction(9),
];
const OPEN_BRACKET: u8 = 0x1E;
const CLOSE_BRACKET: u8 = 0x1F;

/// What a byte of a format under construction stands for.
#[derive(Clone, Copy)]
enum Unit {
    Token(Token),
    /// A byte of text copied from the date.
    Text(u8),
    OpenBracket,
    CloseBracket,
}

impl Unit {
    fn from_byte(byte: u8) -> Unit {
        match byte {
            OPEN_BRACKET => Unit::OpenBracket,
            CLOSE_BRACKET => Unit::CloseBracket,
            1..=25 => Unit::Token(TOKENS[usize::from(byte - 1)]),
            _ => Unit::Text(byte),
        }
    }

    fn byte(self) -> u8 {
        match self {
            Unit::Token(token) => {
                let index = TOKENS.iter().position(|&known| known == token);
                1 + index.expect("the grammar writes fractions of 1 to 9 digits") as u8
            }
            Unit::Text(byte) => {
                debug_assert!(byte >= 0x20, "text copied into a format holds no control byte");
                byte
            }
            Unit::OpenBracket => OPEN_BRACKET,
            Unit::CloseBracket => CLOSE_BRACKET,
        }
    }
}

/// A format under construction, in a fixed buffer of one byte per unit: copied text as its
/// bytes, tokens and brackets as bytes below 0x20. Copied text never holds such a byte:
/// [`FormatBuilder::text`] turns tabs and line breaks into spaces, and the grammar copies no
/// other control character.
#[derive(Clone, Copy)]
pub(crate) struct FormatBuilder {
    bytes: [u8; CAPACITY],
    len: usize,
}

impl FormatBuilder {
    pub fn new() -> Self {
        FormatBuilder {
            bytes: [0; CAPACITY],
            len: 0,
        }
    }

    fn push(&mut self, unit: Unit) {
        if self.len < CAPACITY {
            self.bytes[self.len] = unit.byte();
            self.len += 1;
        }
    }

    fn units(&self) -> impl Iterator<Item = Unit> + '_ {
        self.bytes[..self.len].iter().map(|&byte| Unit::from_byte(byte))
    }

    pub fn token(&mut self, token: Token) -> &mut Self {
        self.push(Unit::Token(token));
        self
    }

    /// Appends text copied from the date: spacing (including a soft line break) becomes one
    /// space, brackets are left out, and a word made only of token letters is bracketed so
    /// that it does not read as tokens.
    pub fn text(&mut self, written: &[u8]) -> &mut Self {
        let mut pos = 0;
        while pos < written.len() {
            let byte = written[pos];
            // Spacing: a space, tab or line break, or a no-break space (C2 A0 in UTF-8).
            if matches!(byte, b' ' | b'\t' | b'\r' | b'\n')
                || (byte == 0xC2 && written.get(pos + 1) == Some(&0xA0))
            {
                while pos < written.len()
                    && (matches!(written[pos], b' ' | b'\t' | b'\r' | b'\n')
                        || (written[pos] == 0xC2 && written.get(pos + 1) == Some(&0xA0))
                        || (written[pos] == 0xA0 && pos > 0 && written[pos - 1] == 0xC2))
                {
                    pos += 1;
                }
                self.push(Unit::Text(b' '));
            } else if byte.is_ascii_alphabetic() {
                let start = pos;
                while pos < written.len() && written[pos].is_ascii_alphabetic() {
                    pos += 1;
                }
                let word = &written[start..pos];
                let bracketed = word.iter().all(|letter| TOKEN_LETTERS.contains(letter));
                if bracketed {
                    self.push(Unit::OpenBracket);
                }
                for &letter in word {
                    self.push(Unit::Text(letter));
                }
                if bracketed {
                    self.push(Unit::CloseBracket);
                }
            } else if byte == b'[' || byte == b']' {
                // Brackets delimit literals in patterns; keep them out of the literal text.
                pos += 1;
            } else {
                self.push(Unit::Text(byte));
                pos += 1;
            }
        }
        self
    }

    /// Appends text copied from the date in brackets: a zone name, or a letter glued to the
    /// tokens around it (`[T]`). The words inside are bracketed as [`FormatBuilder::text`]
    /// brackets them, so a zone name made only of token letters is written `[[MSD]]`, which
    /// is not a pattern (see [`WrittenFormat::pattern`]).
    pub fn bracketed(&mut self, written: &[u8]) -> &mut Self {
        self.push(Unit::OpenBracket);
        self.text(written);
        self.push(Unit::CloseBracket);
        self
    }

    /// Appends another format.
    pub fn append(&mut self, other: &FormatBuilder) -> &mut Self {
        for unit in other.units() {
            self.push(unit);
        }
        self
    }

    /// The same format with numeric day and month tokens exchanged (`MM/DD` to `DD/MM`).
    pub fn with_day_and_month_swapped(&self) -> FormatBuilder {
        let mut swapped = FormatBuilder::new();
        for unit in self.units() {
            swapped.push(match unit {
                Unit::Token(token) => Unit::Token(token.with_day_and_month_swapped()),
                other => other,
            });
        }
        swapped
    }

    /// The finished format.
    pub fn build(&self) -> WrittenFormat {
        let mut parts = Vec::new();
        let mut text = Vec::new();
        // Bracket depth: 1 inside bracketed text, 2 inside a word bracketed again there.
        let mut depth = 0;
        for unit in self.units() {
            match unit {
                Unit::Text(byte) => text.push(byte),
                Unit::OpenBracket if depth == 0 => {
                    if !text.is_empty() {
                        parts.push(FormatPart::Text(take_text(&mut text)));
                    }
                    depth = 1;
                }
                Unit::OpenBracket => {
                    text.push(b'[');
                    depth += 1;
                }
                Unit::CloseBracket if depth == 1 => {
                    parts.push(FormatPart::Bracketed(take_text(&mut text)));
                    depth = 0;
                }
                Unit::CloseBracket => {
                    text.push(b']');
                    depth -= 1;
                }
                Unit::Token(token) => {
                    if !text.is_empty() {
                        parts.push(FormatPart::Text(take_text(&mut text)));
                    }
                    parts.push(FormatPart::Token(token));
                }
            }
        }
        // A format cut inside brackets ends with bracketed text, past what is shown.
        if depth > 0 {
            parts.push(FormatPart::Bracketed(take_text(&mut text)));
        } else if !text.is_empty() {
            parts.push(FormatPart::Text(take_text(&mut text)));
        }
        WrittenFormat::new(parts)
    }
}

/// The text read so far, emptied. Text is copied from the date on character boundaries; only
/// a format cut at the end of the buffer can end inside a character, which becomes U+FFFD.
fn take_text(text: &mut Vec<u8>) -> String {
    let taken = String::from_utf8_lossy(text).into_owned();
    text.clear();
    taken
}

/// A date candidate accepted by the grammar.
#[derive(Clone, Copy)]
pub(crate) struct Hit {
    pub start: usize,
    pub end: usize,
    pub value: DateValue,
    pub range_end: Option<DateValue>,
    pub format: FormatBuilder,
    pub alts: [Option<DateValue>; 2],
    pub invalid: Option<Invalid>,
    /// A context the grammar already knows (a copyright year list, a range).
    pub context: Option<DateContext>,
}

impl Hit {
    pub fn new(start: usize, end: usize, value: DateValue, format: FormatBuilder) -> Self {
        Hit {
            start,
            end,
            value,
            range_end: None,
            format,
            alts: [None; 2],
            invalid: None,
            context: None,
        }
    }

    pub fn with_range_end(mut self, end: Option<DateValue>) -> Self {
        self.range_end = end;
        if end.is_some() {
            self.context = Some(DateContext::Range);
        }
        self
    }

    pub fn with_context(mut self, context: DateContext) -> Self {
        self.context = Some(context);
        self
    }

    pub fn add_alt(&mut self, value: DateValue) {
        if value == self.value || self.alts.contains(&Some(value)) {
            return;
        }
        if let Some(slot) = self.alts.iter_mut().find(|slot| slot.is_none()) {
            *slot = Some(value);
        }
    }

    /// Fills `invalid` from the calendar when the grammar did not set a reason.
    pub fn checked(mut self) -> Self {
        if self.invalid.is_none() {
            self.invalid = check_value(&self.value).or_else(|| self.range_end.as_ref().and_then(check_value));
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_are_normalised_and_escaped() {
        let mut format = FormatBuilder::new();
        format
            .token(Token::Day1)
            .text(b" \r\n of ")
            .token(Token::MonthName)
            .text(b" [T] ")
            .text(b"Do");
        assert_eq!(format.build().to_string(), "D of MMMM T [Do]");
    }

    #[test]
    fn a_zone_of_token_letters_gets_two_brackets() {
        let mut format = FormatBuilder::new();
        format.token(Token::Second).text(b" ").bracketed(b"EDT");
        assert_eq!(format.build().to_string(), "ss [EDT]");
        let mut format = FormatBuilder::new();
        format.token(Token::Second).text(b" ").bracketed(b"MSD");
        assert_eq!(format.build().to_string(), "ss [[MSD]]");
        assert_eq!(format.build().pattern(), None);
    }

    #[test]
    fn alternatives_are_distinct() {
        let mut hit = Hit::new(0, 1, DateValue::MonthDay(1, 2), FormatBuilder::new());
        hit.add_alt(DateValue::MonthDay(1, 2));
        hit.add_alt(DateValue::MonthDay(2, 1));
        hit.add_alt(DateValue::MonthDay(2, 1));
        assert_eq!(hit.alts, [Some(DateValue::MonthDay(2, 1)), None]);
    }
}
