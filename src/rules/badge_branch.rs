//! RL206 badge-branch: a badge shows a branch this repository does not have,
//! such as `master` when the default branch is `main`.

use super::{Category, Fixable, LintContext, Options, Rule, RuleMeta};
use crate::badges::catalog::same_repository;
use crate::badges::support::sites;
use crate::badges::url::{encode_path_segment, encode_query_value, percent_decode};
use crate::diagnostic::{Finding, Severity};
use crate::fix::Applicability;

pub struct BadgeBranch;

static META: RuleMeta = RuleMeta {
    code: "RL206",
    name: "badge-branch",
    category: Category::Badges,
    default_severity: Severity::Warning,
    enabled_by_default: true,
    fixable: Fixable::Sometimes,
    summary: "A badge shows a branch the repository does not have (`master` for `main`)",
    doc: include_str!("../../rules/docs/badge-branch.md"),
};

impl Rule for BadgeBranch {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, _options: &Options, findings: &mut Vec<Finding>) {
        let git = &context.facts.git;
        let (Some(default), Some(origin)) = (git.origin_head.as_deref(), git.origin.as_ref()) else {
            return;
        };
        for site in sites(context.badges()) {
            let Some(matched) = site.matched else { continue };
            let url = &site.url.url;
            let Some(capture) = matched.capture("branch") else {
                continue;
            };
            // Only badges of this repository: another project's branches are unknown here.
            let Some(repository) = matched.repository(url) else {
                continue;
            };
            if !same_repository(&repository, origin) {
                continue;
            }
            let branch = percent_decode(&url[capture.range.clone()]);
            if git.has_branch(&branch) {
                continue;
            }
            let in_query = matched
                .parts
                .query
                .as_ref()
                .is_some_and(|query| query.contains(&capture.range.start));
            let encoded = if in_query {
                encode_query_value(default)
            } else {
                default
                    .split('/')
                    .map(encode_path_segment)
                    .collect::<Vec<_>>()
                    .join("/")
            };
            let new_url = format!(
                "{}{}{}",
                &url[..capture.range.start],
                encoded,
                &url[capture.range.end..]
            );
            let message = format!(
                "the {} shows branch `{branch}`, which this repository does not have; its default branch is `{default}`",
                site.noun()
            );
            let fix = site.url.fix_to(
                &new_url,
                format!("show the default branch `{default}`"),
                Applicability::Safe,
            );
            findings.push(Finding::new(site.range(), message).fix(fix));
        }
    }
}
