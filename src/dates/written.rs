//! How a found date is written: its format in the pattern language, kept as the parts the date
//! pass wrote, shown as the `dates` command prints it and read as a [`Pattern`] by the rules.

use std::fmt;

use super::pattern::{Pattern, PatternItem, Token, parse_pattern};

/// The longest format shown, in bytes. A longer one (a chain of ISO intervals such as
/// `2019-01-01/2019-01-02/...`, or a date padded with dozens of thin spaces) is cut here, and
/// reads as what is shown of it.
pub(crate) const MAX_SHOWN: usize = 160;

/// A found date's format: `MMMM D, YYYY`, `DD/MM/YYYY`, `YYYY-MM-DD[T]HH:mm:ssZ`.
///
/// Displaying it gives the format as the date pass spells it; [`WrittenFormat::pattern`] is the
/// pattern that spelling reads as, and [`WrittenFormat::tokens`] its tokens.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct WrittenFormat {
    parts: Vec<FormatPart>,
}

/// One part of a written format.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum FormatPart {
    Token(Token),
    /// Text copied from the date and written as it is: spacing, punctuation, words such as `of`
    /// or `present`.
    Text(String),
    /// Text written in brackets: a word made only of token letters (`[Do]`, `[Q]`), a letter
    /// glued to tokens (`[T]`) or a zone name (`[EDT]`).
    Bracketed(String),
}

impl WrittenFormat {
    pub(crate) fn new(parts: Vec<FormatPart>) -> Self {
        WrittenFormat { parts }
    }

    /// The pattern the format reads as; `None` when its spelling is not a pattern. That happens
    /// to a zone name made only of token letters, whose brackets are doubled (`[[MSD]]`, see
    /// `FormatBuilder::bracketed`), and can happen to a format cut at 160 bytes (`MAX_SHOWN`).
    pub fn pattern(&self) -> Option<Pattern> {
        let spelling = self.spelling();
        if spelling.len() > MAX_SHOWN {
            return parse_pattern(&shown(&spelling)).ok();
        }
        let mut items = Vec::with_capacity(self.parts.len());
        for part in &self.parts {
            items.push(match part {
                FormatPart::Token(token) => PatternItem::Token(*token),
                FormatPart::Text(text) => PatternItem::Literal(text.clone()),
                // Brackets do not nest: a bracket inside bracketed text closes it early.
                FormatPart::Bracketed(text) if text.contains(['[', ']']) => return None,
                FormatPart::Bracketed(text) => PatternItem::Literal(text.clone()),
            });
        }
        Pattern::from_items(items)
    }

    /// The tokens of [`WrittenFormat::pattern`], in order; none when the format is not a pattern.
    pub fn tokens(&self) -> Vec<Token> {
        self.pattern()
            .map(|pattern| pattern.tokens().collect())
            .unwrap_or_default()
    }

    /// The same format with its numeric day and month tokens exchanged (`MM/DD` to `DD/MM`).
    pub fn with_day_and_month_swapped(&self) -> WrittenFormat {
        let parts = self
            .parts
            .iter()
            .map(|part| match part {
                FormatPart::Token(token) => FormatPart::Token(token.with_day_and_month_swapped()),
                other => other.clone(),
            })
            .collect();
        WrittenFormat { parts }
    }

    /// The whole spelling, before it is cut at [`MAX_SHOWN`] bytes.
    fn spelling(&self) -> String {
        let mut spelling = String::new();
        for part in &self.parts {
            match part {
                FormatPart::Token(token) => spelling.push_str(&token.spelling()),
                FormatPart::Text(text) => spelling.push_str(text),
                FormatPart::Bracketed(text) => {
                    spelling.push('[');
                    spelling.push_str(text);
                    spelling.push(']');
                }
            }
        }
        spelling
    }
}

/// The first [`MAX_SHOWN`] bytes of a spelling; a character cut in two becomes U+FFFD.
fn shown(spelling: &str) -> String {
    let bytes = spelling.as_bytes();
    String::from_utf8_lossy(&bytes[..bytes.len().min(MAX_SHOWN)]).into_owned()
}

impl fmt::Display for WrittenFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&shown(&self.spelling()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn format(parts: &[FormatPart]) -> WrittenFormat {
        WrittenFormat::new(parts.to_vec())
    }

    #[test]
    fn spelled_and_read_back() {
        let written = format(&[
            FormatPart::Token(Token::DayOrdinal),
            FormatPart::Text(" of ".into()),
            FormatPart::Token(Token::MonthName),
            FormatPart::Text(" ".into()),
            FormatPart::Bracketed("Do".into()),
        ]);
        assert_eq!(written.to_string(), "Do of MMMM [Do]");
        assert_eq!(written.pattern(), parse_pattern("Do of MMMM [Do]").ok());
        assert_eq!(written.tokens(), [Token::DayOrdinal, Token::MonthName]);
    }

    #[test]
    fn day_and_month_swap_as_tokens() {
        let written = format(&[
            FormatPart::Token(Token::Month2),
            FormatPart::Text("/".into()),
            FormatPart::Token(Token::Day1),
            FormatPart::Text("/".into()),
            FormatPart::Token(Token::Year4),
        ]);
        assert_eq!(written.with_day_and_month_swapped().to_string(), "DD/M/YYYY");
    }

    #[test]
    fn doubled_brackets_are_not_a_pattern() {
        let written = format(&[
            FormatPart::Token(Token::Second),
            FormatPart::Text(" ".into()),
            FormatPart::Bracketed("[MSD]".into()),
        ]);
        assert_eq!(written.to_string(), "ss [[MSD]]");
        assert!(parse_pattern(&written.to_string()).is_err());
        assert_eq!(written.pattern(), None);
        assert!(written.tokens().is_empty());
    }

    #[test]
    fn long_formats_are_cut_and_read_as_shown() {
        let mut parts = Vec::new();
        for _ in 0..21 {
            parts.extend([
                FormatPart::Token(Token::Year4),
                FormatPart::Text("-".into()),
                FormatPart::Token(Token::Month2),
                FormatPart::Text("/".into()),
            ]);
        }
        let written = format(&parts);
        let shown = written.to_string();
        assert_eq!(shown.len(), MAX_SHOWN);
        assert!(shown.ends_with("/YYYY-MM/"));
        assert_eq!(written.pattern(), parse_pattern(&shown).ok());
    }
}
