//! Config errors: always the file, the place and, where one helps, a hint.

use std::fmt;
use std::path::{Path, PathBuf};

/// Where a setting came from, for `readme-lint config` and for error messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// The rule's own default.
    Default,
    /// A built-in preset.
    Preset(String),
    /// A config file.
    File(PathBuf),
    /// A command-line flag.
    CommandLine,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Default => f.write_str("default"),
            Origin::Preset(name) => write!(f, "preset {name}"),
            Origin::File(path) => write!(f, "{}", path.display()),
            Origin::CommandLine => f.write_str("command line"),
        }
    }
}

/// A bad config: unreadable, invalid YAML, unknown key, wrong type, bad glob, ...
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// The file (or `preset NAME`) the error is in.
    pub origin: Origin,
    /// 1-based line and column, when known.
    pub position: Option<(u64, u64)>,
    pub message: String,
    pub hint: Option<String>,
}

impl ConfigError {
    pub fn new(origin: &Origin, message: impl Into<String>) -> Self {
        Self {
            origin: origin.clone(),
            position: None,
            message: message.into(),
            hint: None,
        }
    }

    pub fn at(mut self, location: &serde_saphyr::Location) -> Self {
        if location.line() > 0 {
            self.position = Some((location.line(), location.column()));
        }
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn path(&self) -> Option<&Path> {
        match &self.origin {
            Origin::File(path) => Some(path),
            _ => None,
        }
    }
}

/// Config errors quote the config's own text (keys, rule and section names, `extends`
/// values, file names), which a pull request writes: every part is printed with control
/// characters escaped, so a key cannot move the cursor, color the terminal or start a line.
impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let escape = crate::output::escape_controls;
        write!(f, "{}", escape(&self.origin.to_string()))?;
        if let Some((line, column)) = self.position {
            write!(f, ":{line}:{column}")?;
        }
        write!(f, ": {}", escape(&self.message))?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  help: {}", escape(hint))?;
        }
        Ok(())
    }
}

impl std::error::Error for ConfigError {}

/// The candidate closest to `input`, if it is close enough to be what was meant.
pub fn closest<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let input_lower = input.to_lowercase();
    candidates
        .into_iter()
        .map(|candidate| {
            (
                strsim::jaro_winkler(&input_lower, &candidate.to_lowercase()),
                candidate,
            )
        })
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}

/// "did you mean `x`?" or the list of valid choices.
pub fn suggestion(input: &str, candidates: &[&str]) -> String {
    match closest(input, candidates.iter().copied()) {
        Some(best) => format!("did you mean `{best}`?"),
        None => {
            let list: Vec<String> = candidates.iter().map(|c| format!("`{c}`")).collect();
            format!("expected one of {}", list.join(", "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_closest_name() {
        assert_eq!(
            closest("inclde", ["include", "exclude", "rules"]),
            Some("include")
        );
        assert_eq!(closest("zzz", ["include", "exclude"]), None);
        assert_eq!(
            suggestion("rulez", &["rules", "extends"]),
            "did you mean `rules`?"
        );
    }

    #[test]
    fn display_names_file_line_and_hint() {
        let error = ConfigError {
            origin: Origin::File(PathBuf::from(".readme-lint.yml")),
            position: Some((3, 1)),
            message: "unknown key `rulez`".into(),
            hint: Some("did you mean `rules`?".into()),
        };
        assert_eq!(
            error.to_string(),
            ".readme-lint.yml:3:1: unknown key `rulez`\n  help: did you mean `rules`?"
        );
    }
}
