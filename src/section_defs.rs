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
    /// Other sections a heading of this one also stands for ("Getting Started" holds the
    /// installation and the first usage). Such a heading never repeats those sections.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub counts_as: Vec<String>,
    /// What in the README's content shows the section is there without a heading of its
    /// own, when the policy lets content count (`sections.count-content`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

/// Content that shows a section is present.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(readme_lint_schema, derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Evidence {
    /// An install command for a package manager (`cargo add x`, `npm i x`, `pip install x`,
    /// `go get x`, ...) or a dependency snippet (`x = "1"` under `[dependencies]`), in code.
    InstallCommand,
    /// A license statement ("Licensed under ...", "MIT ©", "released under the MIT
    /// license"), a link to a license file or text, or a license badge.
    LicenseStatement,
    /// A code example: a code block that is more than an install command.
    CodeExample,
}

#[derive(Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionsFile {
    pub sections: Vec<SectionDef>,
}
