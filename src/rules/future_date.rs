//! RL305 future-date: a "last updated" or release date after today.

use super::{Category, Fixable, LintContext, Options, Rule, RuleMeta};
use crate::dates::DateContext;
use crate::dates::style::{earliest, possible_values};
use crate::diagnostic::{Finding, Severity};

pub struct FutureDate;

static META: RuleMeta = RuleMeta {
    code: "RL305",
    name: "future-date",
    category: Category::Dates,
    default_severity: Severity::Warning,
    enabled_by_default: true,
    fixable: Fixable::Never,
    summary: "A \"last updated\" or release date lies in the future",
    doc: include_str!("../../rules/docs/future-date.md"),
};

impl Rule for FutureDate {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, _options: &Options, findings: &mut Vec<Finding>) {
        let today = context.today();
        for found in context.dates() {
            if !matches!(found.context, DateContext::LastUpdated | DateContext::Release)
                || found.invalid.is_some()
            {
                continue;
            }
            // A partial date is in the future only when its first possible day is, and an
            // ambiguous one only when every reading is.
            let values = possible_values(found, context.policy.dates.order);
            let future = values
                .iter()
                .all(|value| earliest(*value).is_some_and(|first_day| first_day > today));
            if !future {
                continue;
            }
            if announced_as_plan(context.text(), found.range.start) {
                continue;
            }
            let written = &context.text()[found.range.clone()];
            let what = if found.context == DateContext::Release {
                "release"
            } else {
                "update"
            };
            findings.push(
                Finding::new(
                    found.range.clone(),
                    format!("the {what} date `{written}` is after today ({today})"),
                )
                .help("fix the year or the date; a planned date reads better as \"planned for ...\""),
            );
        }
    }
}

/// Words that make a future date a plan or an end date rather than a mistake
/// ("planned for March 2027", "LTS release until September 2027").
const PLAN_WORDS: [&str; 13] = [
    "plan", "expect", "schedul", "upcoming", "target", "will", "roadmap", "next", "eta", "until", "till",
    "through", "end",
];

/// True when the sentence before the date says it is a plan.
fn announced_as_plan(text: &str, start: usize) -> bool {
    let mut from = start.saturating_sub(80);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let before = &text[from..start];
    let sentence_start = before.rfind(['.', '\n', '!', '?']).map_or(0, |index| index + 1);
    let sentence = before[sentence_start..].to_ascii_lowercase();
    sentence
        .split(|ch: char| !ch.is_ascii_alphanumeric())
        .any(|word| PLAN_WORDS.iter().any(|plan| word.starts_with(plan)))
}
