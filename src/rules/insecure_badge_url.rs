//! RL203 insecure-badge-url: a badge image or link uses `http://` on a host
//! that serves https.

use super::{Category, Fixable, LintContext, Options, Rule, RuleMeta, parse_options};
use crate::badges::RouteState;
use crate::badges::support::{Which, sites};
use crate::badges::url::UrlParts;
use crate::diagnostic::{Finding, Severity};
use crate::fix::Applicability;

pub struct InsecureBadgeUrl;

static META: RuleMeta = RuleMeta {
    code: "RL203",
    name: "insecure-badge-url",
    category: Category::Badges,
    default_severity: Severity::Warning,
    enabled_by_default: true,
    fixable: Fixable::Sometimes,
    summary: "A badge image (or, with `links: true`, its link) uses http:// on a host that serves https",
    doc: include_str!("../../rules/docs/insecure-badge-url.md"),
};

#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
struct InsecureOptions {
    /// Also report badge links over http://. Off by default: a browser follows the
    /// host's redirect to https, and the page loads nothing over http.
    links: bool,
}

impl Rule for InsecureBadgeUrl {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_options(&self, options: &Options) -> Result<(), String> {
        parse_options::<InsecureOptions>(options).map(|_| ())
    }

    fn check(&self, context: &LintContext<'_>, options: &Options, findings: &mut Vec<Finding>) {
        let options: InsecureOptions = parse_options(options).unwrap_or_default();
        let catalog = context.policy.badges.catalog();
        for site in sites(context.badges()) {
            if site.which == Which::Link && !options.links {
                continue;
            }
            let url = &site.url.url;
            let Some(parts) = UrlParts::parse(url) else {
                continue;
            };
            if !parts.is_plain_http(url) {
                continue;
            }
            // A dead service is dead-badge-service's, whatever its scheme.
            if site
                .matched
                .is_some_and(|matched| matches!(matched.route.state, RouteState::Dead(_)))
            {
                continue;
            }
            let host = parts.host_lowercase(url);
            if !catalog.serves_https(&host) {
                continue;
            }
            let scheme_end = parts.scheme.map_or(0, |scheme| scheme.end);
            let new_url = format!("https{}", &url[scheme_end..]);
            let message = match site.which {
                Which::Image => format!("the badge image is loaded over http://, but {host} serves https"),
                Which::Link => format!("the badge links to http://, but {host} serves https"),
            };
            let fix = site.url.fix_to(&new_url, "use https", Applicability::Safe);
            findings.push(Finding::new(site.range(), message).fix(fix));
        }
    }
}
