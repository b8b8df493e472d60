//! RL405 github-branch-link: a link to this repository names a branch it does not have.

use super::{Category, Fixable, LintContext, Options, Rule, RuleMeta};
use crate::diagnostic::{Finding, Severity};
use crate::facts::RemoteRepo;
use crate::fix::Applicability;

pub struct GithubBranchLink;

static META: RuleMeta = RuleMeta {
    code: "RL405",
    name: "github-branch-link",
    category: Category::Links,
    default_severity: Severity::Warning,
    enabled_by_default: true,
    fixable: Fixable::Sometimes,
    summary: "A link to this repository's files names a branch it does not have (`master` for `main`)",
    doc: include_str!("../../rules/docs/github-branch-link.md"),
};

/// The branch names a rename leaves behind. Other names in `blob/NAME/` may be tags or
/// commits, which the checkout does not list; they are left alone.
const RENAMED_BRANCHES: [&str; 2] = ["master", "main"];

impl Rule for GithubBranchLink {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, _options: &Options, findings: &mut Vec<Finding>) {
        let git = &context.facts.git;
        let (Some(default), Some(origin)) = (git.origin_head.as_deref(), git.origin.as_ref()) else {
            return;
        };
        let to_origin = |link: &crate::document::Link| link.url.contains(origin.repo.as_str());
        for (link, url) in context.markdown_links_where(to_origin) {
            let Some((branch, branch_range)) = branch_of(&url.url, origin) else {
                continue;
            };
            if git.has_branch(branch) {
                continue;
            }
            if !RENAMED_BRANCHES.contains(&branch) {
                continue;
            }
            let new_url = format!(
                "{}{}{}",
                &url.url[..branch_range.start],
                default,
                &url.url[branch_range.end..]
            );
            let what = if link.is_image { "image" } else { "link" };
            let finding = Finding::new(
                url.report_range(&link.range),
                format!("the {what} names branch `{branch}`, which this repository does not have; its default branch is `{default}`"),
            )
            .fix(url.fix_to(&new_url, format!("link to branch `{default}`"), Applicability::Safe));
            findings.push(finding);
        }
    }
}

/// The branch in a link to `origin`'s files (`https://github.com/O/R/blob/BRANCH/...`,
/// `tree/BRANCH`, `raw/BRANCH`, `raw.githubusercontent.com/O/R/BRANCH/...`), with its
/// byte range in the URL.
fn branch_of<'u>(url: &'u str, origin: &RemoteRepo) -> Option<(&'u str, std::ops::Range<usize>)> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let scheme_len = url.len() - rest.len();
    let mut parts = rest.split('/');
    let host = parts.next()?.to_ascii_lowercase();
    let owner = parts.next()?;
    let repo = parts.next()?;
    if !origin.is_named(owner, repo) {
        return None;
    }
    let head = scheme_len + host.len() + owner.len() + repo.len() + 3;
    let (branch, start) = match host.as_str() {
        "github.com" | "www.github.com" if origin.host.eq_ignore_ascii_case("github.com") => {
            let kind = parts.next()?;
            if !matches!(kind, "blob" | "tree" | "raw" | "edit") {
                return None;
            }
            (parts.next()?, head + kind.len() + 1)
        }
        "raw.githubusercontent.com" if origin.host.eq_ignore_ascii_case("github.com") => {
            (parts.next()?, head)
        }
        _ => return None,
    };
    let branch = branch.split(['?', '#']).next()?;
    (!branch.is_empty()).then(|| (branch, start..start + branch.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn branches_in_links_to_this_repository() {
        let origin = RemoteRepo::parse("https://github.com/acme/gizmo.git").unwrap();
        let url = "https://github.com/acme/gizmo/blob/master/docs/a.md#x";
        let (branch, range) = branch_of(url, &origin).unwrap();
        assert_eq!(branch, "master");
        assert_eq!(&url[range], "master");
        let raw = "https://raw.githubusercontent.com/Acme/Gizmo/master/logo.png";
        assert_eq!(branch_of(raw, &origin).unwrap().0, "master");
        assert!(branch_of("https://github.com/other/gizmo/blob/master/a.md", &origin).is_none());
        assert!(branch_of("https://github.com/acme/gizmo/issues/1", &origin).is_none());
    }
}
