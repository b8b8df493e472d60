//! RL202 legacy-badge-url: a badge URL uses a renamed or retired route that has a
//! current form.

use super::{Category, Fixable, LintContext, Options, Rule, RuleMeta};
use crate::badges::RouteState;
use crate::badges::support::{has_secret, rewrite_facts, shown, sites};
use crate::diagnostic::{Finding, Severity};
use crate::fix::Applicability;

pub struct LegacyBadgeUrl;

static META: RuleMeta = RuleMeta {
    code: "RL202",
    name: "legacy-badge-url",
    category: Category::Badges,
    default_severity: Severity::Warning,
    enabled_by_default: true,
    fixable: Fixable::Sometimes,
    summary: "A badge URL uses a renamed or retired route that has a current form",
    doc: include_str!("../../rules/docs/legacy-badge-url.md"),
};

impl Rule for LegacyBadgeUrl {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, _options: &Options, findings: &mut Vec<Finding>) {
        let catalog = context.policy.badges.catalog();
        let badges = context.badges();
        for site in sites(badges) {
            let Some(matched) = site.matched else { continue };
            let (retirement, dead) = match &matched.route.state {
                RouteState::Current => continue,
                RouteState::Legacy(retirement) => (retirement, false),
                RouteState::Dead(retirement) if matched.route.rewrite.is_some() => (retirement, true),
                RouteState::Dead(_) => continue,
            };
            let url = &site.url.url;
            let facts = rewrite_facts(context, site.badge);
            let rewritten = match matched.route.rewrite {
                Some(_) => catalog.rewrite(url, matched, &facts),
                None => continue,
            };
            let service = matched.describe(url);
            let what = if dead {
                format!(
                    "{service} URLs no longer work since {}: {}",
                    retirement.since, retirement.why
                )
            } else {
                format!("{service}: {} (since {})", retirement.why, retirement.since)
            };
            match rewritten {
                Ok(new_url) => {
                    let message = format!("{what}; the current URL is `{}`", shown(&new_url, &catalog, None));
                    // A fix would repeat the URL in its replacement: not when it holds a secret.
                    let fix = if has_secret(url, &catalog, Some(matched)) {
                        None
                    } else {
                        site.url
                            .fix_to(&new_url, "use the current URL", Applicability::Safe)
                    };
                    findings.push(
                        Finding::new(site.range(), message)
                            .help(format!("source: {}", retirement.source))
                            .fix(fix),
                    );
                }
                // A dead route that cannot be rewritten is dead-badge-service's.
                Err(_) if dead => {}
                Err(blocked) => {
                    let message = format!("{what}; it cannot be rewritten: {blocked}");
                    findings.push(
                        Finding::new(site.range(), message)
                            .help(format!("update the URL by hand; source: {}", retirement.source)),
                    );
                }
            }
        }
    }
}
