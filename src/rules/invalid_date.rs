//! RL303 invalid-date: a date that cannot exist (February 30, month 13, a wrong weekday).

use super::{Category, Fixable, LintContext, Options, Rule, RuleMeta};
use crate::diagnostic::{Finding, Severity};

pub struct InvalidDate;

static META: RuleMeta = RuleMeta {
    code: "RL303",
    name: "invalid-date",
    category: Category::Dates,
    default_severity: Severity::Error,
    enabled_by_default: true,
    fixable: Fixable::Never,
    summary: "A date cannot exist: a day past the end of its month, month 13, a weekday that does not match",
    doc: include_str!("../../rules/docs/invalid-date.md"),
};

impl Rule for InvalidDate {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, _options: &Options, findings: &mut Vec<Finding>) {
        for found in context.dates() {
            let Some(reason) = &found.invalid else { continue };
            // "the 30th of February", "2015/14/33 will be invalid": wrong on purpose.
            if crate::dates::example::example(context.text(), found.range.clone()).is_some() {
                continue;
            }
            let written = &context.text()[found.range.clone()];
            findings.push(
                Finding::new(
                    found.range.clone(),
                    format!("`{written}` is not a real date: {reason}"),
                )
                .help("check the date against the source it came from"),
            );
        }
    }
}
