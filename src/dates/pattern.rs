//! The pattern language that describes how a date is written, and formatting a value with it.
//!
//! Tokens: `YYYY` `YY` (year), `MMMM` `MMM` (month name, short name), `MM` `M` (month number,
//! padded or not), `DD` `D` (day), `Do` (ordinal day: `1st`), `dddd` `ddd` (weekday), `[Q]Q`'s `Q`
//! (quarter), and for timestamps `HH` `mm` `ss` `S`..`SSSSSSSSS` (fraction) `Z` (zone offset).
//! A word made only of token letters is read as tokens; any other word (`of`, `present`) is
//! literal text, and `[...]` quotes literal text (`[T]`, `[Q]`).

use std::fmt;

use super::value::{DateValue, MONTH_NAMES, WEEKDAY_NAMES, check_value, weekday};

/// One element of the written form of a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Token {
    /// `YYYY`
    Year4,
    /// `YY`
    Year2,
    /// `MMMM`: `January`
    MonthName,
    /// `MMM`: `Jan`
    MonthAbbr,
    /// `MM`: `01`
    Month2,
    /// `M`: `1`
    Month1,
    /// `DD`: `05`
    Day2,
    /// `D`: `5`
    Day1,
    /// `Do`: `5th`
    DayOrdinal,
    /// `dddd`: `Monday`
    WeekdayName,
    /// `ddd`: `Mon`
    WeekdayAbbr,
    /// `Q`: quarter 1-4
    Quarter,
    /// `HH` or `H`
    Hour,
    /// `mm`
    Minute,
    /// `ss`
    Second,
    /// `S` repeated: fraction of a second with that many digits
    Fraction(u8),
    /// `Z`: zone offset or `Z`
    Zone,
}

impl Token {
    /// The same token with a numeric day and month exchanged (`DD` and `MM`, `D` and `M`);
    /// any other token as it is.
    pub(crate) fn with_day_and_month_swapped(self) -> Token {
        match self {
            Token::Day1 => Token::Month1,
            Token::Month1 => Token::Day1,
            Token::Day2 => Token::Month2,
            Token::Month2 => Token::Day2,
            other => other,
        }
    }

    /// How the token is written in the pattern language.
    pub(crate) fn spelling(self) -> String {
        match self {
            Token::Year4 => "YYYY".into(),
            Token::Year2 => "YY".into(),
            Token::MonthName => "MMMM".into(),
            Token::MonthAbbr => "MMM".into(),
            Token::Month2 => "MM".into(),
            Token::Month1 => "M".into(),
            Token::Day2 => "DD".into(),
            Token::Day1 => "D".into(),
            Token::DayOrdinal => "Do".into(),
            Token::WeekdayName => "dddd".into(),
            Token::WeekdayAbbr => "ddd".into(),
            Token::Quarter => "Q".into(),
            Token::Hour => "HH".into(),
            Token::Minute => "mm".into(),
            Token::Second => "ss".into(),
            Token::Fraction(digits) => "S".repeat(usize::from(digits)),
            Token::Zone => "Z".into(),
        }
    }
}

/// A token or literal text.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PatternItem {
    Token(Token),
    Literal(String),
}

/// A parsed date pattern such as `MMMM D, YYYY`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Pattern {
    items: Vec<PatternItem>,
}

impl Pattern {
    pub fn items(&self) -> &[PatternItem] {
        &self.items
    }

    /// The pattern's tokens, in order.
    pub fn tokens(&self) -> impl Iterator<Item = Token> + '_ {
        self.items.iter().filter_map(|item| match item {
            PatternItem::Token(token) => Some(*token),
            PatternItem::Literal(_) => None,
        })
    }

    /// The pattern made of `items`, with adjacent literal text joined and empty text dropped
    /// as [`parse_pattern`] does; `None` when there is no token.
    pub(crate) fn from_items(items: impl IntoIterator<Item = PatternItem>) -> Option<Pattern> {
        let mut joined = Vec::new();
        for item in items {
            match item {
                PatternItem::Literal(text) => push_literal(&mut joined, &text),
                token @ PatternItem::Token(_) => joined.push(token),
            }
        }
        joined
            .iter()
            .any(|item| matches!(item, PatternItem::Token(_)))
            .then_some(Pattern { items: joined })
    }
}

impl fmt::Display for Pattern {
    /// Writes the pattern back in the pattern language.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut last_letter = None;
        for item in &self.items {
            match item {
                PatternItem::Token(token) => {
                    let spelling = token.spelling();
                    // Two tokens spelled with the same letter would read back as one
                    // (`S` `S` as `SS`): an empty `[]` keeps them apart.
                    if last_letter.is_some() && spelling.chars().next() == last_letter {
                        f.write_str("[]")?;
                    }
                    f.write_str(&spelling)?;
                    last_letter = spelling.chars().last();
                }
                PatternItem::Literal(text) => {
                    write_literal(f, text)?;
                    last_letter = None;
                }
            }
        }
        Ok(())
    }
}

/// Writes literal text, quoting its words so that they never read as tokens, and each `[`
/// so that it does not open quoted text.
fn write_literal(f: &mut fmt::Formatter<'_>, text: &str) -> fmt::Result {
    let mut rest = text;
    while let Some(start) = rest.find(|ch: char| ch.is_ascii_alphabetic() || ch == '[') {
        f.write_str(&rest[..start])?;
        if rest[start..].starts_with('[') {
            f.write_str("[[]")?;
            rest = &rest[start + 1..];
            continue;
        }
        let len = rest[start..]
            .find(|ch: char| !ch.is_ascii_alphabetic())
            .unwrap_or(rest.len() - start);
        let word = &rest[start..start + len];
        write!(f, "[{word}]")?;
        rest = &rest[start + len..];
    }
    f.write_str(rest)
}

/// Why a pattern could not be parsed: the byte offset and text of the wrong part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternError {
    pub offset: usize,
    pub part: String,
    pub message: String,
}

impl fmt::Display for PatternError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` at byte {}: {}", self.part, self.offset, self.message)
    }
}

impl std::error::Error for PatternError {}

/// The letters tokens are made of: a word made only of these is read as tokens.
pub(crate) const TOKEN_LETTERS: &[u8] = b"YMDdoHmsSZQ";

fn error(offset: usize, part: &str, message: &str) -> PatternError {
    PatternError {
        offset,
        part: part.to_string(),
        message: message.to_string(),
    }
}

/// Reads a word made of token letters as tokens.
fn tokens(word: &str, offset: usize, items: &mut Vec<PatternItem>) -> Result<(), PatternError> {
    let letters = word.as_bytes();
    let mut pos = 0;
    while pos < letters.len() {
        let letter = letters[pos];
        let run = letters[pos..]
            .iter()
            .take_while(|&&other| other == letter)
            .count();
        let part = &word[pos..pos + run];
        let at = offset + pos;
        let token = match (letter, run) {
            (b'Y', 4) => Token::Year4,
            (b'Y', 2) => Token::Year2,
            (b'Y', _) => return Err(error(at, part, "a year is YYYY or YY")),
            (b'M', 4) => Token::MonthName,
            (b'M', 3) => Token::MonthAbbr,
            (b'M', 2) => Token::Month2,
            (b'M', 1) => Token::Month1,
            (b'M', _) => return Err(error(at, part, "a month is MMMM, MMM, MM or M")),
            (b'D', 1) if letters.get(pos + 1) == Some(&b'o') => {
                items.push(PatternItem::Token(Token::DayOrdinal));
                pos += 2;
                continue;
            }
            (b'D', 2) => Token::Day2,
            (b'D', 1) => Token::Day1,
            (b'D', _) => return Err(error(at, part, "a day is DD, D or Do")),
            (b'd', 4) => Token::WeekdayName,
            (b'd', 3) => Token::WeekdayAbbr,
            (b'd', _) => return Err(error(at, part, "a weekday is dddd or ddd")),
            (b'o', _) => return Err(error(at, part, "`o` only follows D, as in Do")),
            (b'Q', 1) => Token::Quarter,
            (b'Q', _) => return Err(error(at, part, "a quarter is Q")),
            (b'H', 1 | 2) => Token::Hour,
            (b'H', _) => return Err(error(at, part, "an hour is HH")),
            (b'm', 2) => Token::Minute,
            (b'm', _) => return Err(error(at, part, "minutes are mm (months are M)")),
            (b's', 2) => Token::Second,
            (b's', _) => return Err(error(at, part, "seconds are ss")),
            (b'S', 1..=9) => Token::Fraction(run as u8),
            (b'S', _) => return Err(error(at, part, "a fraction of a second has 1 to 9 S")),
            (b'Z', 1 | 2) => Token::Zone,
            _ => return Err(error(at, part, "a zone is Z")),
        };
        items.push(PatternItem::Token(token));
        pos += run;
    }
    Ok(())
}

fn push_literal(items: &mut Vec<PatternItem>, text: &str) {
    if let Some(PatternItem::Literal(last)) = items.last_mut() {
        last.push_str(text);
    } else if !text.is_empty() {
        // `[]` quotes nothing: no item, so the pattern is the same as without it.
        items.push(PatternItem::Literal(text.to_string()));
    }
}

/// Parses a date pattern; the error names the part that is wrong.
pub fn parse_pattern(pattern: &str) -> Result<Pattern, PatternError> {
    let mut items = Vec::new();
    let mut pos = 0;
    let bytes = pattern.as_bytes();
    while pos < bytes.len() {
        let byte = bytes[pos];
        if byte == b'[' {
            let close = pattern[pos + 1..].find(']').ok_or_else(|| {
                error(
                    pos,
                    &pattern[pos..],
                    "`[` opens literal text that is never closed",
                )
            })?;
            push_literal(&mut items, &pattern[pos + 1..pos + 1 + close]);
            pos += close + 2;
        } else if byte == b']' {
            return Err(error(pos, "]", "`]` without a `[`"));
        } else if byte.is_ascii_alphabetic() {
            let start = pos;
            while pos < bytes.len() && bytes[pos].is_ascii_alphabetic() {
                pos += 1;
            }
            let word = &pattern[start..pos];
            if word.bytes().all(|byte| TOKEN_LETTERS.contains(&byte)) {
                tokens(word, start, &mut items)?;
            } else {
                push_literal(&mut items, word);
            }
        } else {
            let char_len = pattern[pos..].chars().next().map_or(1, char::len_utf8);
            push_literal(&mut items, &pattern[pos..pos + char_len]);
            pos += char_len;
        }
    }
    if !items.iter().any(|item| matches!(item, PatternItem::Token(_))) {
        return Err(error(0, pattern, "the pattern has no date token"));
    }
    Ok(Pattern { items })
}

fn ordinal_suffix(day: u8) -> &'static str {
    match (day % 10, day % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    }
}

/// Writes `value` in the form `pattern` describes; `None` when the pattern needs a part the
/// value lacks (a day for a year-month, a year for a day and month, a clock time for any
/// value) or a name for a month that does not exist.
pub fn format_date(value: &DateValue, pattern: &Pattern) -> Option<String> {
    let mut out = String::new();
    for item in &pattern.items {
        let token = match item {
            PatternItem::Literal(text) => {
                out.push_str(text);
                continue;
            }
            PatternItem::Token(token) => *token,
        };
        let month_name = || {
            value
                .month()
                .filter(|month| (1..=12).contains(month))
                .map(|month| MONTH_NAMES[usize::from(month - 1)])
        };
        let piece = match token {
            Token::Year4 => format!("{:04}", value.year()?),
            Token::Year2 => format!("{:02}", value.year()?.rem_euclid(100)),
            Token::MonthName => month_name()?.to_string(),
            Token::MonthAbbr => month_name()?[..3].to_string(),
            Token::Month2 => format!("{:02}", value.month()?),
            Token::Month1 => value.month()?.to_string(),
            Token::Day2 => format!("{:02}", value.day()?),
            Token::Day1 => value.day()?.to_string(),
            Token::DayOrdinal => {
                let day = value.day()?;
                format!("{day}{}", ordinal_suffix(day))
            }
            Token::WeekdayName | Token::WeekdayAbbr => {
                if check_value(value).is_some() {
                    return None;
                }
                let name = WEEKDAY_NAMES[usize::from(weekday(value.year()?, value.month()?, value.day()?)?)];
                if token == Token::WeekdayName {
                    name.to_string()
                } else {
                    name[..3].to_string()
                }
            }
            Token::Quarter => {
                let month = value.month().filter(|month| (1..=12).contains(month))?;
                ((month - 1) / 3 + 1).to_string()
            }
            Token::Hour | Token::Minute | Token::Second | Token::Fraction(_) | Token::Zone => return None,
        };
        out.push_str(&piece);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn format_with(value: DateValue, pattern: &str) -> Option<String> {
        format_date(&value, &parse_pattern(pattern).unwrap())
    }

    #[test]
    fn parses_tokens_and_literals() {
        let pattern = parse_pattern("dddd, MMMM Do [of] YYYY").unwrap();
        assert_eq!(pattern.to_string(), "dddd, MMMM Do [of] YYYY");
        assert_eq!(
            parse_pattern("YYYY-MM-DD[T]HH").unwrap().to_string(),
            "YYYY-MM-DD[T]HH"
        );
        assert_eq!(parse_pattern("[Q]Q").unwrap().to_string(), "[Q]Q");
        let pattern = parse_pattern("Do day of MMMM, YYYY").unwrap();
        assert_eq!(pattern.items()[1], PatternItem::Literal(" day of ".into()));
        assert!(parse_pattern("YYYY-MM-DD[T]HH:mm:ss.SSSZ").is_ok());
        assert!(parse_pattern("[Q]Q YYYY").is_ok());
    }

    #[test]
    fn a_literal_bracket_is_written_back_quoted() {
        // Found by the `dates` fuzz target: a `[` inside quoted text was written back bare,
        // and then opened quoted text when the pattern was read again.
        let pattern = parse_pattern("ss`[[]").unwrap();
        assert_eq!(pattern.to_string(), "ss`[[]");
        assert_eq!(parse_pattern(&pattern.to_string()), Ok(pattern));
        let pattern = parse_pattern("[a [b] YYYY").unwrap();
        assert_eq!(parse_pattern(&pattern.to_string()), Ok(pattern));
        // Also found by it: `[]` made an empty literal, which is written back as nothing.
        assert_eq!(parse_pattern("[]QD"), parse_pattern("QD"));
        // But between two tokens of one letter it keeps them apart, and is written back.
        let pattern = parse_pattern("S[]S").unwrap();
        assert_eq!(pattern.items().len(), 2);
        assert_eq!(pattern.to_string(), "S[]S");
        assert_eq!(parse_pattern(&pattern.to_string()), Ok(pattern));
    }

    #[test]
    fn errors_name_the_wrong_part() {
        let error = parse_pattern("YYY-MM").unwrap_err();
        assert_eq!((error.offset, error.part.as_str()), (0, "YYY"));
        let error = parse_pattern("MM/DDD/YYYY").unwrap_err();
        assert_eq!((error.offset, error.part.as_str()), (3, "DDD"));
        assert!(
            parse_pattern("[T HH")
                .unwrap_err()
                .message
                .contains("never closed")
        );
        assert!(parse_pattern("hello").is_err());
        assert!(parse_pattern("MMMMM").is_err());
    }

    #[test]
    fn formats() {
        let date = DateValue::Date(2016, 3, 6);
        assert_eq!(
            format_with(date, "dddd, MMMM Do, YYYY").as_deref(),
            Some("Sunday, March 6th, 2016")
        );
        assert_eq!(format_with(date, "DD/MM/YY").as_deref(), Some("06/03/16"));
        assert_eq!(format_with(date, "ddd MMM D").as_deref(), Some("Sun Mar 6"));
        assert_eq!(format_with(date, "[Q]Q YYYY").as_deref(), Some("Q1 2016"));
        assert_eq!(
            format_with(DateValue::Date(2020, 1, 12), "Do").as_deref(),
            Some("12th")
        );
        assert_eq!(
            format_with(DateValue::Date(2020, 1, 22), "Do").as_deref(),
            Some("22nd")
        );
    }

    #[test]
    fn missing_parts_give_none() {
        assert_eq!(format_with(DateValue::YearMonth(2020, 3), "YYYY-MM-DD"), None);
        assert_eq!(format_with(DateValue::MonthDay(3, 1), "MMMM D, YYYY"), None);
        assert_eq!(
            format_with(DateValue::MonthDay(3, 1), "MMMM D").as_deref(),
            Some("March 1")
        );
        assert_eq!(
            format_with(DateValue::Date(2020, 3, 1), "YYYY-MM-DD[T]HH:mm"),
            None
        );
        assert_eq!(format_with(DateValue::Date(2021, 2, 30), "dddd"), None);
        assert_eq!(format_with(DateValue::YearMonth(2020, 13), "MMMM"), None);
    }
}
