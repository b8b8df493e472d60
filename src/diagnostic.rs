//! A finding: which rule, where (a byte range), what, and how it could be fixed.

use crate::fix::Fix;
use crate::rules::RuleMeta;
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
