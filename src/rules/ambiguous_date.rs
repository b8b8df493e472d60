//! RL302 ambiguous-date: a numeric date whose day and month can swap.

use super::{Category, Fixable, LintContext, Options, Rule, RuleMeta};
use crate::diagnostic::{Finding, Severity};

pub struct AmbiguousDate;

static META: RuleMeta = RuleMeta {
    code: "RL302",
    name: "ambiguous-date",
    category: Category::Dates,
    default_severity: Severity::Warning,
    enabled_by_default: true,
    fixable: Fixable::Never,
    summary: "A numeric date reads differently in day-first and month-first countries",
    doc: include_str!("../../rules/docs/ambiguous-date.md"),
};

impl Rule for AmbiguousDate {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, _options: &Options, findings: &mut Vec<Finding>) {
        // With `dates.order` set, the policy says how to read them.
        if context.policy.dates.order.is_some() {
            return;
        }
        for found in context.dates() {
            if found.alternatives.is_empty() || found.invalid.is_some() {
                continue;
            }
            let written = &context.text()[found.range.clone()];
            let mut readings = vec![found.value.to_string()];
            readings.extend(found.alternatives.iter().map(ToString::to_string));
            findings.push(
                Finding::new(found.range.clone(), format!("`{written}` can be read as {}", readings.join(" or ")))
                    .help("write the month as a word or use YYYY-MM-DD, or set `dates.order: dmy` or `mdy` in the config"),
            );
        }
    }
}
