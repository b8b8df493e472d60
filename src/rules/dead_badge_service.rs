//! RL201 dead-badge-service: a badge from a service (or route) that is gone.

use super::{Category, Fixable, LintContext, Options, Rule, RuleMeta};
use crate::badges::RouteState;
use crate::badges::support::{badge_shows_travis_com, has_secret, removal_range, rewrite_facts, shown};
use crate::diagnostic::{Finding, Severity};
use crate::fix::{Applicability, Edit, Fix};

pub struct DeadBadgeService;

static META: RuleMeta = RuleMeta {
    code: "RL201",
    name: "dead-badge-service",
    category: Category::Badges,
    default_severity: Severity::Error,
    enabled_by_default: true,
    fixable: Fixable::Sometimes,
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
            let message = format!(
                "{} badges no longer work since {}: {}",
                matched.describe(&badge.image.url),
                retirement.since,
                retirement.why
            );
            let facts = rewrite_facts(context.facts, badge);
            let blocked = match matched.route.rewrite {
                Some(_) => match catalog.rewrite(&badge.image.url, matched, &facts) {
                    // The project shows where the service went (`.travis.yml` and a
                    // travis-ci.com link for travis-ci.org): the rewrite is the fix.
                    Ok(new_url) => {
                        let secret = has_secret(&badge.image.url, &catalog, Some(matched));
                        let mut edits: Vec<Edit> = (!secret)
                            .then(|| badge.image.edit_to(&new_url))
                            .flatten()
                            .into_iter()
                            .collect();
                        // The badge's link to the dead service moves with it.
                        if let (Some(link), Some(link_match)) = (&badge.link, &badge.link_match)
                            && matches!(link_match.route.state, RouteState::Dead(_))
                            && let Ok(new_link) = catalog.rewrite(&link.url, link_match, &facts)
                            && !has_secret(&link.url, &catalog, Some(link_match))
                            && let Some(edit) = link.edit_to(&new_link)
                        {
                            edits.push(edit);
                        }
                        // A move to travis-ci.com that only a `.travis.yml` suggests may
                        // never have happened (a project that left Travis keeps the file).
                        let to_travis_com =
                            new_url.contains("travis-ci.com") || new_url.contains("/travis/com/");
                        let applicability = if to_travis_com && !badge_shows_travis_com(badge) {
                            Applicability::Unsafe
                        } else {
                            Applicability::Safe
                        };
                        let fix = (!edits.is_empty())
                            .then(|| Fix::new("use the current URL", applicability, edits));
                        findings.push(
                            Finding::new(badge.range.clone(), message)
                                .help(format!("current URL: `{}`", shown(&new_url, &catalog, None)))
                                .fix(fix),
                        );
                        continue;
                    }
                    Err(blocked) => Some(blocked),
                },
                None => None,
            };
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
