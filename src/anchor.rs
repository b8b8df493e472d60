//! The anchors GitHub gives headings, as github-slugger (the package GitHub's renderers
//! and most Markdown tools follow) computes them: the text in lower case, with every
//! character dropped that is not a letter (or otherwise alphabetic, like `Ⓐ`), a mark,
//! a decimal digit, connector punctuation (`_`), a hyphen-minus or a space; spaces
//! become hyphens. A repeated anchor gets `-1`, `-2`, … in document order.
//!
//! comrak's own anchorizer keeps other numbers (`²`, `½`) and drops alphabetic symbols,
//! so links written for GitHub would be reported broken; tests/integrations.rs compares
//! this one with github-slugger itself.

use finl_unicode::categories::CharacterCategories;
use std::collections::HashMap;

/// The anchor of a heading's text, without the numbering of repeats.
pub fn slug(text: &str) -> String {
    text.to_lowercase()
        .chars()
        .filter(|&ch| {
            ch == ' '
                || ch == '-'
                || ch.is_alphabetic()
                || ch.is_mark()
                || ch.is_number_decimal()
                || ch.is_punctuation_connector()
        })
        .map(|ch| if ch == ' ' { '-' } else { ch })
        .collect()
}

/// Anchors for the headings of one document, in order: a repeat gets the first free
/// `-N` suffix, counted per original anchor.
#[derive(Debug, Default)]
pub struct Slugger {
    /// Each anchor given out, with the last suffix tried for it as an original.
    occurrences: HashMap<String, usize>,
}

impl Slugger {
    pub fn new() -> Self {
        Self::default()
    }

    /// The anchor of the next heading, whose text is `text`.
    pub fn anchor(&mut self, text: &str) -> String {
        let original = slug(text);
        let mut anchor = original.clone();
        while self.occurrences.contains_key(&anchor) {
            let count = self.occurrences.entry(original.clone()).or_default();
            *count += 1;
            anchor = format!("{original}-{count}");
        }
        self.occurrences.insert(anchor.clone(), 0);
        anchor
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_keep_letters_marks_digits_and_connectors() {
        assert_eq!(slug("Getting Started"), "getting-started");
        assert_eq!(slug("What's new in v2.0?"), "whats-new-in-v20");
        assert_eq!(slug("C++ & Rust"), "c--rust");
        assert_eq!(slug("foo_bar-baz"), "foo_bar-baz");
        assert_eq!(slug("🚀 Quick start"), "-quick-start");
        assert_eq!(slug("Émigré"), "émigré");
        assert_eq!(slug("x² ½"), "x-");
        assert_eq!(slug("Ⓐ"), "ⓐ");
        assert_eq!(slug("a\u{a0}b"), "ab");
    }

    #[test]
    fn repeats_are_numbered_like_github() {
        let mut slugger = Slugger::new();
        let anchors: Vec<String> = ["API", "API", "api-1", "API", ""]
            .iter()
            .map(|text| slugger.anchor(text))
            .collect();
        assert_eq!(anchors, ["api", "api-1", "api-1-1", "api-2", ""]);
    }
}
