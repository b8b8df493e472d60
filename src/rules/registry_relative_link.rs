//! RL403 registry-relative-link: a README published to a registry has relative links,
//! which break there.

use super::{Category, Fixable, LintContext, Options, Rule, RuleMeta, parse_options};
use crate::diagnostic::{Finding, Severity};
use crate::facts::{ManifestKind, RemoteRepo};
use crate::fix::Applicability;
use crate::links::Target;
use serde::Deserialize;

pub struct RegistryRelativeLink;

static META: RuleMeta = RuleMeta {
    code: "RL403",
    name: "registry-relative-link",
    category: Category::Links,
    default_severity: Severity::Warning,
    enabled_by_default: false,
    fixable: Fixable::Sometimes,
    summary: "A README published to a registry has relative links or images, which break there",
    doc: include_str!("../../rules/docs/registry-relative-link.md"),
};

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
struct RegistryOptions {
    /// The tag that absolute URLs point at, with `{{version}}` for the manifest's
    /// version (`v{{version}}`); unset: the default branch.
    tag: Option<String>,
}

impl Rule for RegistryRelativeLink {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_options(&self, options: &Options) -> Result<(), String> {
        let parsed: RegistryOptions = parse_options(options)?;
        match parsed.tag {
            Some(tag) if !tag.contains("{{version}}") => {
                Err(format!("`tag` must hold `{{{{version}}}}` (got `{tag}`)"))
            }
            _ => Ok(()),
        }
    }

    fn check(&self, context: &LintContext<'_>, options: &Options, findings: &mut Vec<Finding>) {
        let options: RegistryOptions = parse_options(options).unwrap_or_default();
        let Some(manifest) = context
            .facts
            .manifest
            .as_ref()
            .filter(|manifest| manifest.publishable)
        else {
            return;
        };
        // The README published with the package is the one beside its manifest.
        if context.path().is_none() || !context.is_project_readme() {
            return;
        }
        let registry = match manifest.kind {
            ManifestKind::Cargo => "crates.io",
            ManifestKind::Npm => "npmjs.com",
            ManifestKind::Python => "PyPI",
        };
        let git = &context.facts.git;
        let reference = match (&options.tag, manifest.version.as_deref()) {
            (Some(tag), Some(version)) => Some(Reference::Tag(tag.replace("{{version}}", version))),
            (Some(_), None) => None,
            (None, _) => git
                .origin_head
                .clone()
                .or_else(|| git.default_branch.clone())
                .map(Reference::Branch),
        };
        let base = context.link_base();
        let relative =
            |link: &crate::document::Link| matches!(crate::links::target(&link.url), Target::Path { .. });
        for (link, url) in context.markdown_links_where(relative) {
            let Target::Path { path, .. } = crate::links::target(&url.url) else {
                continue;
            };
            let what = if link.is_image { "image" } else { "link" };
            let mut finding = Finding::new(
                url.report_range(&link.range),
                format!("the relative {what} `{path}` breaks on {registry}, where this README is published"),
            );
            let absolute = match (&base, git.origin.as_ref(), reference.as_ref()) {
                (Some((root, readme_dir)), Some(origin), Some(reference)) => {
                    match crate::links::resolve(readme_dir, path) {
                        Ok(resolved) => {
                            let folder = root.join(&resolved).is_dir();
                            absolute_url(origin, reference, &resolved, link.is_image, folder)
                        }
                        Err(_) => None,
                    }
                }
                _ => None,
            };
            match absolute {
                Some(absolute) => {
                    let rest = &url.url[url.url.find(path).map_or(url.url.len(), |at| at + path.len())..];
                    let new_url = format!("{absolute}{rest}");
                    // An image shows the same picture from anywhere; a link that leaves the
                    // repository's page pins the branch or tag for readers on GitHub too.
                    let applicability = if link.is_image {
                        Applicability::Safe
                    } else {
                        Applicability::Unsafe
                    };
                    finding = finding
                        .help(format!("use the absolute URL `{new_url}`"))
                        .fix(url.fix_to(&new_url, "use the absolute URL", applicability));
                }
                None => {
                    finding = finding.help("use an absolute URL to the file in the repository");
                }
            }
            findings.push(finding);
        }
    }
}

/// What absolute URLs point at.
enum Reference {
    Branch(String),
    Tag(String),
}

/// The URL of `path` in `origin` at `reference`: the page of a file or folder, or the raw
/// bytes of an image.
fn absolute_url(
    origin: &RemoteRepo,
    reference: &Reference,
    path: &str,
    raw: bool,
    folder: bool,
) -> Option<String> {
    let (reference, codeberg_kind) = match reference {
        Reference::Branch(name) => (name.as_str(), "branch"),
        Reference::Tag(name) => (name.as_str(), "tag"),
    };
    let (owner, repo) = (&origin.owner, &origin.repo);
    let encoded = path
        .split('/')
        .map(|part| crate::badges::url::percent_encode(part, "!$&'()*+,;=:@"))
        .collect::<Vec<_>>()
        .join("/");
    let host = origin.host.to_ascii_lowercase();
    Some(match host.as_str() {
        "github.com" if raw => {
            format!("https://raw.githubusercontent.com/{owner}/{repo}/{reference}/{encoded}")
        }
        "github.com" => {
            let kind = if folder { "tree" } else { "blob" };
            format!("https://github.com/{owner}/{repo}/{kind}/{reference}/{encoded}")
        }
        "gitlab.com" => {
            let kind = if raw {
                "raw"
            } else if folder {
                "tree"
            } else {
                "blob"
            };
            format!("https://gitlab.com/{owner}/{repo}/-/{kind}/{reference}/{encoded}")
        }
        "codeberg.org" => {
            let kind = if raw { "raw" } else { "src" };
            format!("https://codeberg.org/{owner}/{repo}/{kind}/{codeberg_kind}/{reference}/{encoded}")
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absolute_urls_per_host() {
        let github = RemoteRepo::parse("https://github.com/acme/gizmo").unwrap();
        assert_eq!(
            absolute_url(
                &github,
                &Reference::Branch("main".into()),
                "docs/a b.md",
                false,
                false
            )
            .unwrap(),
            "https://github.com/acme/gizmo/blob/main/docs/a%20b.md"
        );
        assert_eq!(
            absolute_url(
                &github,
                &Reference::Branch("main".into()),
                "logo.png",
                true,
                false
            )
            .unwrap(),
            "https://raw.githubusercontent.com/acme/gizmo/main/logo.png"
        );
        let gitlab = RemoteRepo::parse("https://gitlab.com/acme/gizmo").unwrap();
        assert_eq!(
            absolute_url(&gitlab, &Reference::Tag("v1.0.0".into()), "docs", false, true).unwrap(),
            "https://gitlab.com/acme/gizmo/-/tree/v1.0.0/docs"
        );
    }
}
