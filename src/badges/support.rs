//! What several badge rules share: each badge URL once, the facts a rewrite
//! may use, and the repository the README belongs to.

use super::catalog::{CatalogView, Matched, RewriteFacts, same_repository};
use super::{Badge, BadgeUrl};
use crate::facts::ProjectFacts;
use crate::facts::RemoteRepo;
use std::ops::Range;

/// Which URL of a badge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    Image,
    Link,
}

/// One badge URL, with the badge it belongs to.
pub struct Site<'b, 'a> {
    pub badge: &'b Badge<'a>,
    pub which: Which,
    pub url: &'b BadgeUrl,
    pub matched: Option<&'b Matched<'a>>,
}

impl Site<'_, '_> {
    /// Where to report a problem with the URL: where it is written, else the badge.
    pub fn range(&self) -> Range<usize> {
        self.url.report_range(&self.badge.range)
    }

    /// "image" or "link", for messages.
    pub fn noun(&self) -> &'static str {
        match self.which {
            Which::Image => "badge image",
            Which::Link => "badge link",
        }
    }
}

/// Every image and link URL of the badges, each written URL once (badges that
/// share a reference definition share its URL).
pub fn sites<'b, 'a>(badges: &'b [Badge<'a>]) -> Vec<Site<'b, 'a>> {
    let mut seen: std::collections::HashSet<(usize, usize)> = std::collections::HashSet::new();
    let mut out = Vec::new();
    for badge in badges {
        let image = Site {
            badge,
            which: Which::Image,
            url: &badge.image,
            matched: badge.image_match.as_ref(),
        };
        let link = badge.link.as_ref().map(|url| Site {
            badge,
            which: Which::Link,
            url,
            matched: badge.link_match.as_ref(),
        });
        for site in std::iter::once(image).chain(link) {
            if let Some(written) = &site.url.written
                && !seen.insert((written.range.start, written.range.end))
            {
                continue;
            }
            out.push(site);
        }
    }
    out
}

/// The facts a rewrite of `badge`'s URLs may use.
pub fn rewrite_facts<'c>(facts: &'c ProjectFacts, badge: &Badge<'_>) -> RewriteFacts<'c> {
    RewriteFacts {
        workflows: &facts.git.workflows,
        origin: facts.git.origin.as_ref(),
        travis_evidence: badge_shows_travis_com(badge) || facts.git.has_travis_yml,
    }
}

/// True when the badge itself points at travis-ci.com (its link, or a shields
/// `/travis/com/` image): the project is known to have moved there. A `.travis.yml`
/// alone shows the project used Travis once, not that it still does.
pub fn badge_shows_travis_com(badge: &Badge<'_>) -> bool {
    let on_travis_com = |matched: Option<&Matched<'_>>, url: &str| {
        matched.is_some_and(|m| {
            m.service.def.id == "travis-ci"
                || (m.service.def.id == "shields-travis" && url.contains("/travis/com/"))
        })
    };
    let link_on_com = badge
        .link
        .as_ref()
        .is_some_and(|link| on_travis_com(badge.link_match.as_ref(), &link.url));
    link_on_com || on_travis_com(badge.image_match.as_ref(), &badge.image.url)
}

/// The repositories the README may name as its own: the origin remote, and the
/// manifest's repository URL.
pub fn own_repositories(facts: &ProjectFacts) -> Vec<RemoteRepo> {
    let mut repositories: Vec<RemoteRepo> = facts.git.origin.iter().cloned().collect();
    if let Some(repository) = facts
        .manifest
        .as_ref()
        .and_then(|manifest| manifest.repository.as_deref())
        .and_then(RemoteRepo::parse)
    {
        repositories.push(repository);
    }
    repositories
}

/// True when `repository` is one of `own`.
pub fn is_own(repository: &RemoteRepo, own: &[RemoteRepo]) -> bool {
    own.iter().any(|known| same_repository(repository, known))
}

/// `owner/repo`.
pub fn slug(repository: &RemoteRepo) -> String {
    format!("{}/{}", repository.owner, repository.repo)
}

/// The URL for a message: secrets redacted, and cut when very long.
pub fn shown(url: &str, catalog: &CatalogView<'_>, matched: Option<&Matched<'_>>) -> String {
    let redacted = super::redact(url, catalog, matched);
    const MAX: usize = 120;
    if redacted.chars().count() <= MAX {
        return redacted;
    }
    let cut: String = redacted.chars().take(MAX - 1).collect();
    format!("{cut}…")
}

/// True when the URL holds a secret (then no fix repeats the URL's text).
pub fn has_secret(site_url: &str, catalog: &CatalogView<'_>, matched: Option<&Matched<'_>>) -> bool {
    !super::secret_ranges(site_url, catalog, matched).is_empty()
}

/// The text a display-only "remove the badge" fix deletes: the badge and one
/// space after it (or before it, at the end of a line).
pub fn removal_range(text: &str, range: &Range<usize>) -> Range<usize> {
    let bytes = text.as_bytes();
    if bytes.get(range.end) == Some(&b' ') {
        return range.start..range.end + 1;
    }
    if range.start > 0 && bytes[range.start - 1] == b' ' {
        return range.start - 1..range.end;
    }
    range.clone()
}
