//! A finding: which rule, where (a byte range), what, and how it could be fixed.

use crate::fix::Fix;
use serde::Serialize;
use std::ops::Range;

/// How loudly a finding is reported. Both fail a run; the level tells a reader what matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// The family a rule belongs to; also the hundreds digit of its code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    Document,
    Sections,
    Badges,
    Dates,
    Links,
}

impl Category {
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Document => "document",
            Category::Sections => "sections",
            Category::Badges => "badges",
            Category::Dates => "dates",
            Category::Links => "links",
        }
    }
}

/// Whether a rule attaches fixes to its findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Fixable {
    Never,
    /// Only suggestions: fixes shown, never applied, not even with `--unsafe-fixes`.
    Suggests,
    Sometimes,
    Always,
}

impl Fixable {
    /// How `readme-lint rules` and the README's rules table say it.
    pub fn as_str(self) -> &'static str {
        match self {
            Fixable::Never => "no",
            Fixable::Suggests => "suggests",
            Fixable::Sometimes => "sometimes",
            Fixable::Always => "yes",
        }
    }
}

/// What a rule is: the facts `readme-lint rules` lists.
#[derive(Debug, Serialize)]
pub struct RuleMeta {
    /// `RL` and three digits: RL0xx document, RL1xx sections, RL2xx badges, RL3xx dates, RL4xx links.
    pub code: &'static str,
    /// Kebab-case, naming the problem ("missing-section").
    pub name: &'static str,
    pub category: Category,
    pub default_severity: Severity,
    /// Off unless a preset or config turns it on.
    pub enabled_by_default: bool,
    pub fixable: Fixable,
    /// One line for `readme-lint rules`.
    pub summary: &'static str,
    /// The rule's documentation, `rules/docs/<name>.md`.
    #[serde(skip)]
    pub doc: &'static str,
}

impl RuleMeta {
    /// The first line of the rule's doc, built from the metadata: `# name (CODE)`.
    pub fn doc_title(&self) -> String {
        format!("# {} ({})", self.name, self.code)
    }

    /// What the doc's opening paragraph says of the metadata:
    /// `Category: links. Default severity: error. Fix: sometimes` (a fix may go on
    /// to say which fixes are safe).
    pub fn doc_facts(&self) -> String {
        let fix = match self.fixable {
            Fixable::Never => "never",
            Fixable::Suggests => "suggests",
            Fixable::Sometimes => "sometimes",
            Fixable::Always => "always",
        };
        format!(
            "Category: {}. Default severity: {}. Fix: {fix}",
            self.category.as_str(),
            self.default_severity.as_str()
        )
    }

    /// The doc after its title line.
    pub fn doc_body(&self) -> &'static str {
        self.doc.split_once('\n').map_or("", |(_, body)| body)
    }
}

/// One finding of one rule in one file.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub rule: &'static RuleMeta,
    pub severity: Severity,
    pub message: String,
    pub range: Range<usize>,
    /// A sentence on what to do, when the fix alone does not say it.
    pub help: Option<String>,
    pub fix: Option<Fix>,
}

/// What a rule hands back: findings without severity (the config decides it).
#[derive(Debug, Clone)]
pub struct Finding {
    pub message: String,
    pub range: Range<usize>,
    pub help: Option<String>,
    pub fix: Option<Fix>,
}

impl Finding {
    pub fn new(range: Range<usize>, message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            range,
            help: None,
            fix: None,
        }
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn fix(mut self, fix: Option<Fix>) -> Self {
        self.fix = fix;
        self
    }
}
