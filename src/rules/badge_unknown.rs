//! RL213 badge-unknown: the online probe could not tell whether a badge works.

use super::{Category, Fixable, LintContext, Options, Rule, RuleMeta};
use crate::diagnostic::{Finding, Severity};
use crate::probe::{Outcome, UnknownReason};

pub struct BadgeUnknown;

static META: RuleMeta = RuleMeta {
    code: "RL213",
    name: "badge-unknown",
    category: Category::Badges,
    default_severity: Severity::Warning,
    enabled_by_default: true,
    fixable: Fixable::Never,
    summary: "With --online: whether the badge works could not be told (rate limit, outage, timeout)",
    doc: include_str!("../../rules/docs/badge-unknown.md"),
};

impl Rule for BadgeUnknown {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, _options: &Options, findings: &mut Vec<Finding>) {
        let Some(probe) = context.probe() else {
            return;
        };
        for badge in context.badges() {
            let Some(Outcome::Unknown { reason }) = probe.get(&badge.image.url) else {
                continue;
            };
            // No wildcard: a new reason has to choose its help.
            let help = match reason {
                UnknownReason::ShieldsNoStatus { .. } | UnknownReason::WorkflowNoStatus { .. } => {
                    "the workflow has no run for the badge's branch or event: check `?branch=` and `?event=`, \
                     or that the workflow runs on the default branch"
                }
                UnknownReason::NotChecked { .. }
                | UnknownReason::RedirectRefused { .. }
                | UnknownReason::ConnectRefused { .. } => {
                    "the probe contacts only the catalogue's https hosts, on public addresses; \
                     check by hand where the badge leads"
                }
                UnknownReason::GaveUp { .. }
                | UnknownReason::RetryAfterTooLong { .. }
                | UnknownReason::OtherStatus { .. }
                | UnknownReason::NotBadgeJson { .. }
                | UnknownReason::ServiceProblem { .. }
                | UnknownReason::RedirectWithoutLocation { .. }
                | UnknownReason::TooManyRedirects { .. }
                | UnknownReason::TooLarge { .. }
                | UnknownReason::DoesNotResolve { .. }
                | UnknownReason::FetchFailed { .. } => {
                    "this is not evidence that the badge is broken; run again later, or check the badge by hand"
                }
            };
            findings.push(
                Finding::new(
                    badge.image_range(),
                    format!("could not check the badge: {reason}"),
                )
                .help(help),
            );
        }
    }
}
