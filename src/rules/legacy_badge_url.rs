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
    enabled_by_default: false,
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
            let retirement = match &matched.route.state {
                RouteState::Current => continue,
                RouteState::Legacy(retirement) => retirement,
                // A dead route is dead-badge-service's, rewritten or not: a broken image is
                // reported by the default policy, a working old route only on request.
                RouteState::Dead(_) => continue,
            };
            let url = &site.url.url;
            let facts = rewrite_facts(context.facts, site.badge);
            let rewritten = match matched.route.rewrite {
                Some(_) => catalog.rewrite(url, matched, &facts),
                None => continue,
            };
            let service = matched.describe(url);
            // Short: the why and the source of each route are in the rule's doc and the
            // catalogue, not in every finding.
            let what = format!("{service} route retired in {}", retirement.since);
            match rewritten {
                Ok(new_url) => {
                    let message = format!("{what}; current URL: `{}`", shown(&new_url, &catalog, None));
                    // A fix would repeat the URL in its replacement: not when it holds a secret.
                    let fix = if has_secret(url, &catalog, Some(matched)) {
                        None
                    } else {
                        site.url
                            .fix_to(&new_url, "use the current URL", Applicability::Safe)
                    };
                    findings.push(Finding::new(site.range(), message).fix(fix));
                }
                Err(blocked) => {
                    let preview = catalog
                        .rewrite_preview(url, matched)
                        .map(|preview| format!("; current form: `{}`", shown(&preview, &catalog, None)))
                        .unwrap_or_default();
                    findings.push(
                        Finding::new(site.range(), format!("{what}{preview}"))
                            .help(format!("update the URL by hand: {blocked}")),
                    );
                }
            }
        }
    }
}
