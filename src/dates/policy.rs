//! The date policy (`dates:` in config): the wanted format, the numeric order, how old a
//! "last updated" date may be, and how outdated copyright years are fixed.

use super::{Pattern, parse_pattern};
use schemars::JsonSchema;
use serde::Deserialize;
use serde_saphyr::Spanned;

/// `dates:` as written in a config file.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct DatesConfig {
    /// `consistent` (the file's most common style wins), `iso`, `long` ("March 5, 2024"),
    /// `day-month-year` ("5 March 2024"), or a pattern such as `D MMM YYYY`.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub format: Option<Spanned<String>>,
    /// How numeric dates such as 01/02/2024 are meant: `dmy` or `mdy`.
    #[serde(default)]
    pub order: Option<DateOrder>,
    /// How old a "last updated" date may be: `1y`, `6 months`, `90d`.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub max_age: Option<Spanned<String>>,
    /// How outdated copyright years are fixed: `extend` (2019 -> 2019-2026),
    /// `replace` (2019 -> 2026) or `off` (report without a fix).
    #[serde(default)]
    pub copyright: Option<CopyrightFix>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum DateOrder {
    Dmy,
    Mdy,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum CopyrightFix {
    #[default]
    Extend,
    Replace,
    Off,
}

/// The date style a README should use.
#[derive(Debug, Clone, Default)]
pub enum DateFormat {
    /// Whatever style the file uses most, per granularity.
    #[default]
    Consistent,
    /// Full dates in this pattern; year-months in `month_pattern` when there is one.
    Fixed {
        full: Pattern,
        month: Option<Pattern>,
        name: String,
    },
}

/// The resolved date policy for one file.
#[derive(Debug, Clone)]
pub struct DatesPolicy {
    pub format: DateFormat,
    pub order: Option<DateOrder>,
    /// The longest allowed age of a "last updated" date.
    pub max_age: jiff::Span,
    pub max_age_text: String,
    pub copyright: CopyrightFix,
}

impl Default for DatesPolicy {
    fn default() -> Self {
        Self {
            format: DateFormat::Consistent,
            order: None,
            max_age: jiff::Span::new().years(1),
            max_age_text: "1 year".to_string(),
            copyright: CopyrightFix::Extend,
        }
    }
}

impl DatesPolicy {
    /// Applies a config layer; errors say what is wrong with the value (the caller adds
    /// the file and position).
    pub fn merge(&mut self, config: &DatesConfig) -> Result<(), (String, Option<serde_saphyr::Location>)> {
        if let Some(format) = &config.format {
            self.format =
                parse_format(&format.value).map_err(|message| (message, Some(format.referenced)))?;
        }
        if let Some(order) = config.order {
            self.order = Some(order);
        }
        if let Some(max_age) = &config.max_age {
            self.max_age =
                parse_max_age(&max_age.value).map_err(|message| (message, Some(max_age.referenced)))?;
            self.max_age_text = max_age.value.trim().to_string();
        }
        if let Some(copyright) = config.copyright {
            self.copyright = copyright;
        }
        Ok(())
    }
}

/// A named style or a custom pattern.
pub fn parse_format(text: &str) -> Result<DateFormat, String> {
    let fixed = |full: &str, month: &str, name: &str| -> DateFormat {
        DateFormat::Fixed {
            full: parse_pattern(full).expect("built-in pattern"),
            month: Some(parse_pattern(month).expect("built-in pattern")),
            name: name.to_string(),
        }
    };
    Ok(match text.trim() {
        "consistent" => DateFormat::Consistent,
        "iso" => fixed("YYYY-MM-DD", "YYYY-MM", "iso"),
        "long" => fixed("MMMM D, YYYY", "MMMM YYYY", "long"),
        "day-month-year" => fixed("D MMMM YYYY", "MMMM YYYY", "day-month-year"),
        custom => {
            let pattern = parse_pattern(custom).map_err(|error| {
                format!("bad date format `{custom}`: {error} (use consistent, iso, long, day-month-year or a pattern such as `D MMM YYYY`)")
            })?;
            use super::Token;
            let tokens: Vec<Token> = pattern.tokens().collect();
            let has = |wanted: &[Token]| tokens.iter().any(|token| wanted.contains(token));
            if !(has(&[Token::Year4, Token::Year2])
                && has(&[Token::MonthName, Token::MonthAbbr, Token::Month2, Token::Month1])
                && has(&[Token::Day1, Token::Day2, Token::DayOrdinal]))
            {
                return Err(format!(
                    "bad date format `{custom}`: a pattern needs a year (YYYY), a month (M, MM, MMM or MMMM) and a day (D, DD or Do)"
                ));
            }
            if has(&[
                Token::Hour,
                Token::Minute,
                Token::Second,
                Token::Zone,
                Token::Quarter,
                Token::WeekdayName,
                Token::WeekdayAbbr,
            ]) || tokens.iter().any(|token| matches!(token, Token::Fraction(_)))
            {
                return Err(format!(
                    "bad date format `{custom}`: dates are rewritten without weekdays, quarters or times; use only year, month and day tokens"
                ));
            }
            DateFormat::Fixed {
                full: pattern,
                month: None,
                name: custom.to_string(),
            }
        }
    })
}

/// An age in jiff's friendly duration format (`1y`, `6 months`, `2 weeks`, `90d`, `12h`,
/// `30m`), or `0`: the one way readme-lint reads an age. Each caller says which units it
/// takes (see [`parse_max_age`] and the probe's cache age).
pub fn parse_age(text: &str) -> Result<jiff::Span, String> {
    let text = text.trim();
    if text == "0" {
        return Ok(jiff::Span::new());
    }
    let span: jiff::Span = text
        .parse()
        .map_err(|_| format!("`{text}` is not an age; write e.g. `1y`, `6 months`, `90d`, `12h` or `30m`"))?;
    if span.is_negative() {
        return Err(format!("`{text}` is a negative age"));
    }
    Ok(span)
}

/// `dates.max-age`: an age longer than zero, in days, weeks, months or years.
pub fn parse_max_age(text: &str) -> Result<jiff::Span, String> {
    let span = parse_age(text)
        .map_err(|_| format!("bad max-age `{text}`: write an age such as `1y`, `6 months` or `90d`"))?;
    if span.is_zero() {
        return Err(format!("bad max-age `{text}`: it must be longer than zero"));
    }
    if span.get_hours() != 0 || span.get_minutes() != 0 || span.get_seconds() != 0 {
        return Err(format!("bad max-age `{text}`: use days, weeks, months or years"));
    }
    Ok(span)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_formats_and_patterns() {
        assert!(matches!(parse_format("iso"), Ok(DateFormat::Fixed { .. })));
        assert!(matches!(parse_format("consistent"), Ok(DateFormat::Consistent)));
        assert!(parse_format("D MMM YYYY").is_ok());
        assert!(parse_format("YYYY").unwrap_err().contains("needs a year"));
        assert!(
            parse_format("MMMM YYYY [Day]")
                .unwrap_err()
                .contains("needs a year")
        );
        assert!(parse_format("YYYY-MM-DD HH:mm").is_err());
    }

    #[test]
    fn ages_in_friendly_units() {
        assert_eq!(parse_age("90d").unwrap().get_days(), 90);
        assert_eq!(parse_age("6 months").unwrap().get_months(), 6);
        assert_eq!(parse_age("2y").unwrap().get_years(), 2);
        assert!(parse_age("soon").is_err());
        assert!(parse_age("-2d").is_err());
        assert!(parse_age("0").unwrap().is_zero());
        assert_eq!(parse_max_age("90d").unwrap().get_days(), 90);
        assert!(parse_max_age("0d").unwrap_err().contains("longer than zero"));
        assert!(
            parse_max_age("12h")
                .unwrap_err()
                .contains("days, weeks, months or years")
        );
    }
}
