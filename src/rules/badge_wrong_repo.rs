//! RL205 badge-wrong-repo: a badge names another repository than this one, or
//! its image and link name different repositories.

use super::{Category, Fixable, LintContext, Options, Rule, RuleMeta};
use crate::badges::Place;
use crate::badges::catalog::same_repository;
use crate::badges::support::{is_own, own_repositories, slug};
use crate::diagnostic::{Finding, Severity};
use crate::facts::RemoteRepo;

pub struct BadgeWrongRepo;

static META: RuleMeta = RuleMeta {
    code: "RL205",
    name: "badge-wrong-repo",
    category: Category::Badges,
    default_severity: Severity::Warning,
    enabled_by_default: true,
    fixable: Fixable::Never,
    summary: "A badge names another repository, or its image and link disagree",
    doc: include_str!("../../rules/docs/badge-wrong-repo.md"),
};

impl Rule for BadgeWrongRepo {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, _options: &Options, findings: &mut Vec<Finding>) {
        let own = own_repositories(context.facts);
        let origin = context.facts.git.origin.as_ref();
        for badge in context.badges() {
            let image = badge
                .image_match
                .as_ref()
                .and_then(|matched| matched.repository(&badge.image.url));
            let link = badge
                .link
                .as_ref()
                .zip(badge.link_match.as_ref())
                .and_then(|(link, matched)| matched.repository(&link.url));
            if let (Some(image), Some(link)) = (&image, &link)
                && !same_repository(image, link)
                && !likely_moved(image, link)
            {
                findings.push(
                    Finding::new(
                        badge.image_range(),
                        format!(
                            "the badge image shows `{}`, but the badge links to `{}`",
                            slug(image),
                            slug(link)
                        ),
                    )
                    .help("point the image and the link at the same repository"),
                );
                continue;
            }
            // Badges further down may describe other projects; the badge block
            // under the title describes this one.
            let Some(origin) = origin else { continue };
            if badge.place == Place::Body {
                continue;
            }
            let stranger = image.iter().chain(link.iter()).find(|repository| {
                repository.host.eq_ignore_ascii_case(&origin.host) && !is_own(repository, &own)
            });
            if let Some(stranger) = stranger {
                findings.push(
                    Finding::new(
                        badge.image_range(),
                        format!(
                            "the badge shows `{}`, but this repository is `{}`",
                            slug(stranger),
                            slug(origin)
                        ),
                    )
                    .help("point the badge at this repository (a fork may turn this rule off)"),
                );
            }
        }
    }
}

/// True when two repositories are most likely one that moved to another owner: the same
/// name (`bitinn/node-fetch` and `node-fetch/node-fetch`), or a name that gained a prefix
/// on the way (`sqlparser-rs/sqlparser-rs`, `apache/datafusion-sqlparser-rs`). GitHub
/// redirects the old name, so such a badge still shows the right project.
fn likely_moved(a: &RemoteRepo, b: &RemoteRepo) -> bool {
    if a.owner.eq_ignore_ascii_case(&b.owner) {
        return false;
    }
    let (a, b) = (a.repo.to_ascii_lowercase(), b.repo.to_ascii_lowercase());
    a == b || a.ends_with(&format!("-{b}")) || b.ends_with(&format!("-{a}"))
}
