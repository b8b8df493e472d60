//! The section catalogue's data types, as `rules/sections.yml` writes them.
//!
//! Only serde types live here, so that the build script can read the YAML into them
//! and store them as JSON for the binary to load (see `build.rs`). The same types read
//! the `sections.known` a config adds.

use serde::{Deserialize, Serialize};

/// One known section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(readme_lint_schema, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SectionDef {
    /// The id used in policies, e.g. `installation`.
    pub name: String,
    /// The heading text the policy wants, e.g. `Installation`.
    pub heading: String,
    /// Other headings that mean the same section (compared ignoring case, punctuation,
    /// emoji and a leading number).
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Skeleton bodies for an inserted section, tried in order: the first whose
    /// `{{placeholders}}` are all known project facts is used.
    #[serde(default)]
    pub templates: Vec<String>,
    /// True for a table of contents: TOC markers count as the section being present.
    #[serde(default)]
    pub toc: bool,
}

#[derive(Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionsFile {
    pub sections: Vec<SectionDef>,
}
