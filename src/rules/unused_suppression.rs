//! RL001 unused-suppression: a suppression comment that hides nothing, or names no rule.
//!
//! It can only be judged after every other rule has run, so the engine calls
//! [`crate::suppress::unused_findings`] instead of [`Rule::check`]; the judging lives with
//! the suppressions it judges.

use super::{Category, Fixable, LintContext, Options, Rule, RuleMeta};
use crate::diagnostic::{Finding, Severity};

pub struct UnusedSuppression;

pub static META: RuleMeta = RuleMeta {
    code: "RL001",
    name: "unused-suppression",
    category: Category::Document,
    default_severity: Severity::Warning,
    enabled_by_default: true,
    fixable: Fixable::Sometimes,
    summary: "A suppression comment hides no finding or names an unknown rule",
    doc: include_str!("../../rules/docs/unused-suppression.md"),
};

impl Rule for UnusedSuppression {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    /// Judged by the engine once the other rules' findings are known (see [`crate::suppress::unused_findings`]).
    fn check(&self, _context: &LintContext<'_>, _options: &Options, _findings: &mut Vec<Finding>) {}
}
