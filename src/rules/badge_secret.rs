//! RL208 badge-secret: a badge URL carries a token.

use super::{Category, Fixable, LintContext, Options, Rule, RuleMeta};
use crate::badges::secret_ranges;
use crate::badges::support::sites;
use crate::badges::url::UrlParts;
use crate::diagnostic::{Finding, Severity};

pub struct BadgeSecret;

static META: RuleMeta = RuleMeta {
    code: "RL208",
    name: "badge-secret",
    category: Category::Badges,
    default_severity: Severity::Error,
    enabled_by_default: true,
    fixable: Fixable::Never,
    summary: "A badge URL carries a token",
    doc: include_str!("../../rules/docs/badge-secret.md"),
};

impl Rule for BadgeSecret {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, _options: &Options, findings: &mut Vec<Finding>) {
        let catalog = context.policy.badges.catalog();
        for site in sites(context.badges()) {
            let url = &site.url.url;
            let secrets = secret_ranges(url, &catalog, site.matched);
            if secrets.is_empty() {
                continue;
            }
            let params = UrlParts::parse(url)
                .map(|parts| parts.query_params(url))
                .unwrap_or_default();
            for secret in secrets {
                // Name the parameter (or path segment) before the value, never the value.
                let (name, name_range) = match params.iter().find(|param| param.value == secret) {
                    Some(param) => (
                        format!("{}=", &url[param.key.clone()]),
                        param.key.start..param.value.start,
                    ),
                    None => {
                        let before = &url[..secret.start];
                        let segment_start = before
                            .trim_end_matches('/')
                            .rfind('/')
                            .map_or(0, |slash| slash + 1);
                        (
                            url[segment_start..secret.start].to_string(),
                            segment_start..secret.start,
                        )
                    }
                };
                // The finding covers the parameter's name, not the token.
                let range = match &site.url.written {
                    Some(written) => written.source_range(name_range),
                    None => site.badge.range.start..site.badge.range.start,
                };
                findings.push(
                    Finding::new(
                        range,
                        format!("the {} carries a token (`{name}…`, redacted here)", site.noun()),
                    )
                    .help(
                        "anyone who reads the README can use the token: remove it from the URL and revoke it \
                         (a public project's status badge needs none; a private one should use a token that can only read status)",
                    ),
                );
            }
        }
    }
}
