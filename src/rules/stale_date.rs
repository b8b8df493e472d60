//! RL304 stale-date: a "last updated" or "as of" date older than the policy allows.

use super::{Category, Fixable, LintContext, Options, Rule, RuleMeta};
use crate::dates::DateContext;
use crate::dates::style::{latest, possible_values};
use crate::diagnostic::{Finding, Severity};

pub struct StaleDate;

static META: RuleMeta = RuleMeta {
    code: "RL304",
    name: "stale-date",
    category: Category::Dates,
    default_severity: Severity::Warning,
    enabled_by_default: true,
    fixable: Fixable::Never,
    summary: "A \"last updated\" or \"as of\" date is older than dates.max-age",
    doc: include_str!("../../rules/docs/stale-date.md"),
};

impl Rule for StaleDate {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, _options: &Options, findings: &mut Vec<Finding>) {
        let policy = &context.policy.dates;
        let today = context.today();
        for found in context.dates() {
            if found.context != DateContext::LastUpdated || found.invalid.is_some() {
                continue;
            }
            // A partial date is stale only once its last possible day is too old, and an
            // ambiguous one only when every reading is.
            let values = match found.range_end {
                Some(end) => vec![end],
                None => possible_values(found, policy.order),
            };
            let stale = values.iter().all(|value| {
                latest(*value)
                    .and_then(|last_day| last_day.checked_add(policy.max_age).ok())
                    .is_some_and(|expires| expires < today)
            });
            if !stale {
                continue;
            }
            let written = &context.text()[found.range.clone()];
            findings.push(
                Finding::new(
                    found.range.clone(),
                    format!("`{written}` is more than {} before today ({today})", policy.max_age_text),
                )
                .help("check the text is still true and update the date, or remove the note: git records when the file changed"),
            );
        }
    }
}
