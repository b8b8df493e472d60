//! The catalogue of known README sections: canonical names, aliases and skeletons.
//!
//! The built-in catalogue is `rules/sections.yml`; a config's `sections.known`
//! adds sections or replaces built-in ones by name.

use crate::section_defs::SectionsFile;
pub use crate::section_defs::{Evidence, SectionDef};
use std::sync::{Arc, OnceLock};

/// `rules/sections.yml` as JSON, written by the build script.
const BUILT_IN_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/sections.json"));

/// Known sections with their normalized names, ready for matching headings.
#[derive(Debug, Clone)]
pub struct SectionCatalog {
    sections: Vec<SectionDef>,
    /// Normalized names, headings and aliases, for exact look-ups (the first section to claim a name keeps it).
    exact: std::collections::HashMap<String, usize>,
    /// Each key split into words, for loose matching.
    key_words: Vec<(Vec<String>, usize)>,
}

impl SectionCatalog {
    pub fn new(sections: Vec<SectionDef>) -> Self {
        let mut keys = Vec::new();
        for (index, section) in sections.iter().enumerate() {
            keys.push((normalize_heading(&section.name), index));
            keys.push((normalize_heading(&section.heading), index));
            for alias in &section.aliases {
                keys.push((normalize_heading(alias), index));
            }
        }
        let mut exact = std::collections::HashMap::new();
        for (key, index) in &keys {
            if !key.is_empty() {
                exact.entry(key.clone()).or_insert(*index);
            }
        }
        let key_words = keys
            .iter()
            .filter(|(key, _)| !key.is_empty())
            .map(|(key, index)| (key.split(' ').map(str::to_string).collect(), *index))
            .collect();
        Self {
            sections,
            exact,
            key_words,
        }
    }

    /// The catalogue shipped in `rules/sections.yml`.
    pub fn built_in() -> Arc<SectionCatalog> {
        static CATALOG: OnceLock<Arc<SectionCatalog>> = OnceLock::new();
        CATALOG
            .get_or_init(|| {
                let file: SectionsFile =
                    serde_json::from_str(BUILT_IN_JSON).expect("the build script wrote valid JSON");
                Arc::new(SectionCatalog::new(file.sections))
            })
            .clone()
    }

    /// This catalogue with `extra` sections added, replacing built-in ones of the same name.
    pub fn extended(&self, extra: &[SectionDef]) -> SectionCatalog {
        let mut sections = self.sections.clone();
        for section in extra {
            match sections.iter_mut().find(|known| known.name == section.name) {
                Some(known) => *known = section.clone(),
                None => sections.push(section.clone()),
            }
        }
        SectionCatalog::new(sections)
    }

    pub fn get(&self, name: &str) -> Option<&SectionDef> {
        self.sections.iter().find(|section| section.name == name)
    }

    /// Every known section, in catalogue order.
    pub fn iter(&self) -> impl Iterator<Item = &SectionDef> {
        self.sections.iter()
    }

    /// The sections a heading stands for: what it names (loosely), and, when it names two
    /// ("Installation and Usage", "Install & Use", "Usage / Examples"), each of them.
    pub fn heading_sections(&self, heading_text: &str) -> Vec<&SectionDef> {
        let mut found: Vec<&SectionDef> = self.classify_loose(heading_text).into_iter().collect();
        let lower = heading_text.to_lowercase();
        let parts: Vec<&str> = lower
            .split(['&', '/', '+', ',', '|'])
            .flat_map(|part| part.split(" and "))
            .map(str::trim)
            .filter(|part| !part.is_empty())
            .collect();
        if parts.len() > 1 {
            for part in parts {
                if let Some(def) = self.classify_loose(part)
                    && !found.iter().any(|known| known.name == def.name)
                {
                    found.push(def);
                }
            }
        }
        found
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.sections.iter().map(|section| section.name.as_str())
    }

    /// The known section a heading names, allowing a few more words before or after
    /// the name ("License (MIT)", "Usage with React", "MIT Licensed"). Used to decide
    /// whether a section is present, where a miss would be a false alarm.
    pub fn classify_loose(&self, heading_text: &str) -> Option<&SectionDef> {
        self.classify_both(heading_text).1
    }

    /// The known section a heading text stands for, if any.
    pub fn classify(&self, heading_text: &str) -> Option<&SectionDef> {
        let normalized = normalize_heading(heading_text);
        self.exact.get(&normalized).map(|index| &self.sections[*index])
    }

    /// The exact and the loose classification of a heading, normalizing it once.
    pub fn classify_both(&self, heading_text: &str) -> (Option<&SectionDef>, Option<&SectionDef>) {
        const EXTRA_WORDS: usize = 3;
        let normalized = normalize_heading(heading_text);
        if normalized.is_empty() {
            return (None, None);
        }
        if let Some(index) = self.exact.get(&normalized) {
            let def = &self.sections[*index];
            return (Some(def), Some(def));
        }
        let words: Vec<&str> = normalized.split(' ').collect();
        if words.len() < 2 {
            return (None, None);
        }
        let loose = self
            .key_words
            .iter()
            .find(|(key_words, _)| {
                words.len() > key_words.len()
                    && words.len() <= key_words.len() + EXTRA_WORDS
                    && (key_words.iter().zip(&words).all(|(key, word)| key == word)
                        || key_words
                            .iter()
                            .rev()
                            .zip(words.iter().rev())
                            .all(|(key, word)| key == word))
            })
            .map(|(_, index)| &self.sections[*index]);
        (None, loose)
    }
}

/// Lower-cases a heading and keeps only its words: emoji, punctuation and a leading
/// number ("2.", "III.") go, and runs of separators become one space.
pub fn normalize_heading(text: &str) -> String {
    let without_shortcodes = strip_emoji_shortcodes(text);
    // Words go straight into one string, one space apart: this runs for every heading
    // of every README, so it allocates once.
    let mut out = String::with_capacity(without_shortcodes.len());
    let mut in_word = false;
    let mut words = 0;
    let mut first_word_end = 0;
    for ch in without_shortcodes.chars() {
        if ch.is_alphanumeric() {
            if !in_word {
                if words > 0 {
                    out.push(' ');
                }
                in_word = true;
                words += 1;
            }
            if ch.is_ascii() {
                out.push(ch.to_ascii_lowercase());
            } else {
                out.extend(ch.to_lowercase());
            }
            if words == 1 {
                first_word_end = out.len();
            }
        } else if ch == '\'' || ch == '\u{2019}' {
            // "What's new" and "Whats new" are the same heading.
        } else {
            in_word = false;
        }
    }
    if words > 1 && is_numbering(&out[..first_word_end]) {
        out.drain(..=first_word_end);
    }
    out
}

/// Removes GitHub emoji shortcodes such as `:scroll:` or `:+1:`.
fn strip_emoji_shortcodes(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(':') {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find(':') {
        let after = &rest[open + 1..];
        let code_len = after
            .find(|ch: char| !(ch.is_ascii_alphanumeric() || matches!(ch, '_' | '+' | '-')))
            .unwrap_or(after.len());
        if code_len > 0 && after[code_len..].starts_with(':') {
            out.push_str(&rest[..open]);
            out.push(' ');
            rest = &after[code_len + 1..];
        } else {
            out.push_str(&rest[..open + 1]);
            rest = after;
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

fn is_numbering(word: &str) -> bool {
    word.chars().all(|ch| ch.is_ascii_digit())
        || (word.len() <= 4 && word.chars().all(|ch| matches!(ch, 'i' | 'v' | 'x')))
}

/// A section as Markdown with `\n` line endings: its heading at `level`, a blank line
/// and the first template whose placeholders `values` can fill.
pub fn section_skeleton(def: &SectionDef, level: u8, values: &[(&str, String)]) -> String {
    let body = def
        .templates
        .iter()
        .find_map(|template| fill_template(template, values))
        .unwrap_or_default();
    let mut section = format!("{} {}\n", "#".repeat(usize::from(level.clamp(1, 6))), def.heading);
    if !body.trim().is_empty() {
        section.push('\n');
        section.push_str(body.trim_end_matches('\n'));
        section.push('\n');
    }
    section
}

/// Fills `{{key}}` placeholders from `values`; `None` when one of them is unknown.
pub fn fill_template(template: &str, values: &[(&str, String)]) -> Option<String> {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find("{{") {
        out.push_str(&rest[..open]);
        let after = &rest[open + 2..];
        let close = after.find("}}")?;
        let key = after[..close].trim();
        let value = values.iter().find(|(name, _)| *name == key)?;
        out.push_str(&value.1);
        rest = &after[close + 2..];
    }
    out.push_str(rest);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The JSON the binary loads holds exactly what the YAML says.
    #[test]
    fn the_built_json_matches_the_yaml() {
        let from_yaml: SectionsFile = serde_saphyr::from_str(include_str!("../rules/sections.yml")).unwrap();
        let from_json: SectionsFile = serde_json::from_str(BUILT_IN_JSON).unwrap();
        assert_eq!(from_yaml, from_json);
    }

    #[test]
    fn built_in_catalog_parses_and_names_are_unique() {
        let catalog = SectionCatalog::built_in();
        let mut names: Vec<&str> = catalog.names().collect();
        let count = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), count);
        assert!(count >= 15, "only {count} sections");
    }

    #[test]
    fn no_alias_belongs_to_two_sections() {
        let catalog = SectionCatalog::built_in();
        let keys: Vec<(String, usize)> = catalog
            .key_words
            .iter()
            .map(|(words, index)| (words.join(" "), *index))
            .collect();
        for (key, index) in &keys {
            let owners: Vec<_> = keys
                .iter()
                .filter(|(other, other_index)| other == key && other_index != index)
                .collect();
            assert!(owners.is_empty(), "`{key}` is claimed by two sections");
        }
    }

    #[test]
    fn headings_match_their_aliases() {
        let catalog = SectionCatalog::built_in();
        for heading in ["📦 Installation", "2. Install", "INSTALL:"] {
            assert_eq!(
                catalog.classify(heading).map(|s| s.name.as_str()),
                Some("installation"),
                "{heading}"
            );
        }
        // "Getting Started" is a section of its own that counts as two others.
        let getting_started = catalog.classify("Getting Started").unwrap();
        assert_eq!(getting_started.counts_as, ["installation", "usage"]);
        assert_eq!(
            catalog.classify("Licence").map(|s| s.name.as_str()),
            Some("license")
        );
        assert_eq!(catalog.classify("Something else"), None);
    }

    #[test]
    fn a_heading_can_name_two_sections() {
        let catalog = SectionCatalog::built_in();
        let names = |heading: &str| -> Vec<String> {
            catalog
                .heading_sections(heading)
                .iter()
                .map(|def| def.name.clone())
                .collect()
        };
        assert_eq!(names("Installation and Usage"), ["installation", "usage"]);
        assert_eq!(names("Install & Use"), ["installation", "usage"]);
        assert_eq!(names("License"), ["license"]);
        assert!(names("Cats and dogs").is_empty());
    }

    #[test]
    fn normalizes_numbering_and_emoji() {
        assert_eq!(normalize_heading("3. 🚀 Quick-start!"), "quick start");
        assert_eq!(normalize_heading("IV. Usage"), "usage");
        assert_eq!(normalize_heading("2FA"), "2fa");
        assert_eq!(normalize_heading(":scroll: License"), "license");
        assert_eq!(normalize_heading("Note: see below"), "note see below");
    }

    #[test]
    fn loose_matching_allows_a_few_extra_words() {
        let catalog = SectionCatalog::built_in();
        for heading in [
            "License (MIT)",
            "MIT Licensed",
            "License and attribution",
            "Usage with React",
        ] {
            assert!(catalog.classify_loose(heading).is_some(), "{heading}");
            assert!(catalog.classify(heading).is_none(), "{heading}");
        }
        assert!(
            catalog
                .classify_loose("A very long heading about the license of this")
                .is_none()
        );
    }

    #[test]
    fn templates_need_every_placeholder() {
        let values = [("name", "demo".to_string())];
        assert_eq!(
            fill_template("cargo add {{name}}", &values).as_deref(),
            Some("cargo add demo")
        );
        assert_eq!(fill_template("{{license}}", &values), None);
    }
}
