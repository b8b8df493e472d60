//! RL201 dead-badge-service: a badge from a service (or route) that is gone.

use super::{Category, Fixable, LintContext, Options, Rule, RuleMeta};
use crate::badges::RouteState;
use crate::badges::support::{removal_range, rewrite_facts};
use crate::diagnostic::{Finding, Severity};
use crate::fix::{Applicability, Edit, Fix};

pub struct DeadBadgeService;

static META: RuleMeta = RuleMeta {
    code: "RL201",
    name: "dead-badge-service",
    category: Category::Badges,
    default_severity: Severity::Error,
    enabled_by_default: true,
    fixable: Fixable::Suggests,
    summary: "A badge comes from a service or route that no longer works",
    doc: include_str!("../../rules/docs/dead-badge-service.md"),
};

impl Rule for DeadBadgeService {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, _options: &Options, findings: &mut Vec<Finding>) {
        let catalog = context.policy.badges.catalog();
        for badge in context.badges() {
            let Some(matched) = &badge.image_match else {
                continue;
            };
            let RouteState::Dead(retirement) = &matched.route.state else {
                continue;
            };
            // A dead route with a rewrite that applies is legacy-badge-url's to fix.
            let blocked = match matched.route.rewrite {
                Some(_) => match catalog.rewrite(&badge.image.url, matched, &rewrite_facts(context, badge)) {
                    Ok(_) => continue,
                    Err(blocked) => Some(blocked),
                },
                None => None,
            };
            let message = format!(
                "{} badges no longer work since {}: {}",
                matched.describe(&badge.image.url),
                retirement.since,
                retirement.why
            );
            let mut help = retirement
                .instead
                .clone()
                .unwrap_or_else(|| "remove the badge".to_string());
            if let Some(blocked) = blocked {
                help.push_str(&format!(" (no automatic rewrite: {blocked})"));
            }
            help.push_str(&format!("; source: {}", retirement.source));
            let fix = Fix::new(
                "remove the badge",
                Applicability::DisplayOnly,
                vec![Edit::delete(removal_range(context.text(), &badge.range))],
            );
            findings.push(
                Finding::new(badge.range.clone(), message)
                    .help(help)
                    .fix(Some(fix)),
            );
        }
    }
}
