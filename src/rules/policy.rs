//! The policy the rules read for one file: each rule's level and options, the required
//! sections, the badge and date policies. The config layer builds it from config files,
//! presets and the command line; the rules only read it.

use super::RULES;
use crate::diagnostic::Severity;
use crate::sections::SectionCatalog;
use schemars::JsonSchema;
use serde::Deserialize;
use std::sync::Arc;

/// A rule's level: `off`, `warn` (or `warning`), `error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Off,
    Warn,
    Error,
}

impl From<Severity> for Level {
    /// The level that reports at `severity`.
    fn from(severity: Severity) -> Level {
        match severity {
            Severity::Warning => Level::Warn,
            Severity::Error => Level::Error,
        }
    }
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Off => "off",
            Level::Warn => "warn",
            Level::Error => "error",
        }
    }
}

/// A required section: a catalogue name, or `{section: NAME, when: CONDITION}`.
#[derive(Debug, Clone, PartialEq, Eq, JsonSchema)]
#[schemars(untagged)]
pub enum Requirement {
    Always(String),
    When {
        section: String,
        /// Only required when this holds for the project.
        when: Condition,
    },
}

impl Requirement {
    pub fn section(&self) -> &str {
        match self {
            Requirement::Always(section) | Requirement::When { section, .. } => section,
        }
    }

    pub fn condition(&self) -> Option<&Condition> {
        match self {
            Requirement::Always(_) => None,
            Requirement::When { when, .. } => Some(when),
        }
    }
}

/// A fact about the project that makes a section required.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub enum Condition {
    /// The manifest describes a package that can be installed from a registry.
    Installable,
    /// The project ships an executable.
    HasBinary,
    /// The README has more than this many lines.
    MinLines(usize),
    /// The project states its license nowhere else: it has a manifest or a git checkout,
    /// no LICENSE (LICENCE, COPYING) file beside its manifest or at the repository root,
    /// and no license in the manifest.
    Unlicensed,
    /// Every one of these holds (`when: [installable, {min-lines: 30}]`).
    #[serde(skip)]
    All(Vec<Condition>),
}

/// A rule's effective level and options for one file.
#[derive(Debug, Clone)]
pub struct RuleState {
    pub level: Level,
    pub options: serde_json::Map<String, serde_json::Value>,
    /// Where the level was set, with its line when it came from a file.
    pub origin: String,
}

impl RuleState {
    pub fn severity(&self) -> Option<Severity> {
        match self.level {
            Level::Off => None,
            Level::Warn => Some(Severity::Warning),
            Level::Error => Some(Severity::Error),
        }
    }
}

/// The section policy for one file.
#[derive(Debug, Clone)]
pub struct SectionPolicy {
    pub required: Vec<Requirement>,
    pub order: Vec<String>,
    pub forbidden: Vec<String>,
    /// Whether content counts as a section (`sections.count-content`, true by default).
    pub count_content: bool,
    /// Where `required`, `order` and `forbidden` were set.
    pub origins: SectionOrigins,
}

/// Where each section list was set: a config file and line, or `None` for the
/// built-in default.
#[derive(Debug, Clone, Default)]
pub struct SectionOrigins {
    pub required: Option<String>,
    pub order: Option<String>,
    pub forbidden: Option<String>,
}

impl Default for SectionPolicy {
    fn default() -> Self {
        Self {
            required: Vec::new(),
            order: Vec::new(),
            forbidden: Vec::new(),
            count_content: true,
            origins: Default::default(),
        }
    }
}

/// Everything the rules need to know about the policy for one file.
#[derive(Debug, Clone)]
pub struct Policy {
    /// One entry per rule, in registry order.
    pub rules: Vec<RuleState>,
    pub sections: SectionPolicy,
    pub catalog: Arc<SectionCatalog>,
    /// The chain the policy was built from, base first.
    pub chain: Vec<String>,
    /// Required badges and the services a config adds to the badge catalogue.
    pub badges: crate::badges::BadgePolicy,
    /// Date format, order, maximum age and copyright fix.
    pub dates: crate::dates::DatesPolicy,
}

impl Policy {
    /// The state of rule `id` for this file.
    pub fn state(&self, id: super::RuleId) -> &RuleState {
        &self.rules[id.index()]
    }

    pub fn rule(&self, name: &str) -> Option<&RuleState> {
        let index = RULES.iter().position(|rule| rule.meta().name == name)?;
        self.rules.get(index)
    }
}
