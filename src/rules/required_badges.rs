//! RL210 required-badges: the README lacks a kind of badge the policy requires.

use super::{Category, Fixable, LintContext, Options, Rule, RuleMeta};
use crate::diagnostic::{Finding, Severity};

pub struct RequiredBadges;

static META: RuleMeta = RuleMeta {
    code: "RL210",
    name: "required-badges",
    category: Category::Badges,
    default_severity: Severity::Warning,
    enabled_by_default: true,
    fixable: Fixable::Never,
    summary: "A kind of badge the policy requires (`badges.required`) is missing",
    doc: include_str!("../../rules/docs/required-badges.md"),
};

impl Rule for RequiredBadges {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, _options: &Options, findings: &mut Vec<Finding>) {
        let required = &context.policy.badges.required;
        if required.is_empty() {
            return;
        }
        let catalog = context.policy.badges.catalog();
        let present: Vec<_> = context
            .badges()
            .iter()
            .filter_map(|badge| badge.kind(&catalog))
            .collect();
        let range = context.title().map_or(0..0, |title| title.text_range.clone());
        for kind in required {
            if !present.contains(kind) {
                findings.push(
                    Finding::new(
                        range.clone(),
                        format!("the README has no {} badge; the policy requires one", kind.display()),
                    )
                    .help(format!(
                        "add a {} badge right after the title (`badges.required` in the config lists the kinds)",
                        kind.display()
                    )),
                );
            }
        }
    }
}
