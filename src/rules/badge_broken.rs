//! RL212 badge-broken: the online probe found that a badge's service cannot serve it.

use super::{Category, Fixable, LintContext, Options, Rule, RuleMeta};
use crate::diagnostic::{Finding, Severity};
use crate::probe::Outcome;

pub struct BadgeBroken;

static META: RuleMeta = RuleMeta {
    code: "RL212",
    name: "badge-broken",
    category: Category::Badges,
    default_severity: Severity::Error,
    enabled_by_default: true,
    fixable: Fixable::Never,
    summary: "With --online: the badge's service says it is broken (not found, invalid, retired)",
    doc: include_str!("../../rules/docs/badge-broken.md"),
};

impl Rule for BadgeBroken {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, _options: &Options, findings: &mut Vec<Finding>) {
        let Some(probe) = context.probe() else {
            return;
        };
        for badge in context.badges() {
            let Some(Outcome::Broken { message }) = probe.get(&badge.image.url) else {
                continue;
            };
            findings.push(
                Finding::new(badge.image_range(), format!("the badge is broken: {message}")).help(
                    "check the names in the badge URL (owner, repository, package, workflow file, branch) \
                     against the service, or remove the badge",
                ),
            );
        }
    }
}
