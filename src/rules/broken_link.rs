//! RL401 broken-link: a relative link or image points at a file that is not in the repository.

use super::{Category, Fixable, LintContext, Options, Rule, RuleMeta};
use crate::diagnostic::{Finding, Severity};
use crate::fix::Applicability;
use crate::links::{Outside, RepoFiles, Target};

pub struct BrokenLink;

static META: RuleMeta = RuleMeta {
    code: "RL401",
    name: "broken-link",
    category: Category::Links,
    default_severity: Severity::Error,
    enabled_by_default: true,
    fixable: Fixable::Sometimes,
    summary: "A relative link or image points at a file that is not in the repository",
    doc: include_str!("../../rules/docs/broken-link.md"),
};

impl Rule for BrokenLink {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, _options: &Options, findings: &mut Vec<Finding>) {
        let Some((root, readme_dir)) = context.link_base() else {
            return;
        };
        let links = context
            .markdown_links_where(|link| matches!(crate::links::target(&link.url), Target::Path { .. }));
        if !links
            .iter()
            .any(|(_, url)| matches!(crate::links::target(&url.url), Target::Path { .. }))
        {
            return;
        }
        let files = crate::links::repo_files(&root);
        if !files.complete {
            return;
        }
        let site = docs_site(&files, &readme_dir);
        for (link, url) in &links {
            let Target::Path { path, .. } = crate::links::target(&url.url) else {
                continue;
            };
            let what = if link.is_image { "image" } else { "link" };
            let resolved = match crate::links::resolve(&readme_dir, path) {
                Ok(resolved) => resolved,
                Err(Outside::WebRoute) => continue,
                Err(Outside::AboveRoot) => {
                    findings.push(
                        Finding::new(url.report_range(&link.range), format!("the {what} `{path}` leads outside the repository"))
                            .help("link to the file's page on the web instead, or copy the file into the repository"),
                    );
                    continue;
                }
            };
            if files.contains(&resolved) {
                continue;
            }
            let range = url.report_range(&link.range);
            if site
                .as_deref()
                .is_some_and(|site| site_resolves(&files, site, path, &resolved))
            {
                continue;
            }
            if root.join(&resolved).exists() {
                if files.is_tracked(&resolved) {
                    continue;
                }
                findings.push(
                    Finding::new(range, format!("the {what} `{path}` points at a file git ignores"))
                        .help("it is not published with the repository: commit the file or change the link"),
                );
                continue;
            }
            let mut finding = Finding::new(
                range,
                format!("the {what} `{path}` points at nothing in the repository"),
            );
            match near_match(&files, &resolved) {
                Some(found) => {
                    let new_path = rewrite_path(path, &resolved, &found);
                    let fix = new_path.as_ref().and_then(|new_path| {
                        let new_url = url.url.replacen(path, new_path, 1);
                        url.fix_to(&new_url, format!("link to `{found}`"), Applicability::Safe)
                    });
                    finding = finding.help(format!(
                        "did you mean `{found}`? (GitHub matches file names case by case)"
                    ));
                    finding = finding.fix(fix);
                }
                None => finding = finding.help("fix the path, or remove the link if the file is gone"),
            }
            findings.push(finding);
        }
    }
}

/// The folder of the documentation site (VitePress, VuePress, Docusaurus) the README
/// belongs to, if any: the nearest folder at or above the README's that holds the site's
/// configuration. Such a README is a page of the site, written for the site's links.
fn docs_site(files: &RepoFiles, readme_dir: &str) -> Option<String> {
    let mut folder = readme_dir.trim_end_matches('/').to_string();
    loop {
        let join = |name: &str| {
            if folder.is_empty() {
                name.to_string()
            } else {
                format!("{folder}/{name}")
            }
        };
        let is_site = [".vitepress", ".vuepress"]
            .iter()
            .any(|name| files.contains(&join(name)))
            || ["js", "ts", "mjs", "cjs"]
                .iter()
                .any(|extension| files.is_file(&join(&format!("docusaurus.config.{extension}"))));
        if is_site {
            return Some(folder);
        }
        if folder.is_empty() {
            return None;
        }
        folder = folder
            .rsplit_once('/')
            .map_or(String::new(), |(parent, _)| parent.to_string());
    }
}

/// True when a documentation site serves the link's target: a page written without its
/// `.md` (or as `.html`), or an absolute path to a file of the site's public folder.
fn site_resolves(files: &RepoFiles, site: &str, path: &str, resolved: &str) -> bool {
    let stem = resolved.strip_suffix(".html").unwrap_or(resolved);
    let last = stem.rsplit('/').next().unwrap_or(stem);
    if (!last.contains('.') || stem.len() < resolved.len()) && files.is_file(&format!("{stem}.md")) {
        return true;
    }
    if path.starts_with('/') {
        let prefix = if site.is_empty() {
            String::new()
        } else {
            format!("{site}/")
        };
        return ["public", ".vuepress/public", "static"]
            .iter()
            .any(|public| files.contains(&format!("{prefix}{public}/{resolved}")));
    }
    false
}

/// The one path that differs from `resolved` only in case, or only in a `.md` /
/// `.markdown` extension (each tried alone and with the other).
fn near_match(files: &RepoFiles, resolved: &str) -> Option<String> {
    let mut candidates: Vec<String> = files.case_variants(resolved).to_vec();
    let swapped = if let Some(stem) = resolved.strip_suffix(".md") {
        Some(format!("{stem}.markdown"))
    } else {
        resolved
            .strip_suffix(".markdown")
            .map(|stem| format!("{stem}.md"))
    };
    if let Some(swapped) = swapped {
        candidates.extend(files.case_variants(&swapped).iter().cloned());
    }
    candidates.sort();
    candidates.dedup();
    match candidates.as_slice() {
        [only] => Some(only.clone()),
        _ => None,
    }
}

/// `written` with its last parts changed to those of `found` (the written path may
/// start with `./`, `../` or `/`; only the parts that name the file change). `None`
/// when the written path is percent-encoded in the parts that change.
fn rewrite_path(written: &str, resolved: &str, found: &str) -> Option<String> {
    let resolved_parts: Vec<&str> = resolved.split('/').collect();
    let found_parts: Vec<&str> = found.split('/').collect();
    if resolved_parts.len() != found_parts.len() {
        return None;
    }
    let first_difference = resolved_parts
        .iter()
        .zip(&found_parts)
        .position(|(old, new)| old != new)?;
    let mut out: Vec<String> = written.split('/').map(str::to_string).collect();
    // The written parts that name folders and the file, last first.
    let named: Vec<usize> = (0..out.len())
        .rev()
        .filter(|&index| !matches!(out[index].as_str(), "" | "." | ".."))
        .collect();
    let changed = resolved_parts.len() - first_difference;
    if named.len() < changed {
        return None;
    }
    for (offset, &index) in named.iter().take(changed).enumerate() {
        let part = resolved_parts.len() - 1 - offset;
        if out[index] != resolved_parts[part] {
            return None;
        }
        out[index] = found_parts[part].to_string();
    }
    Some(out.join("/"))
}

#[cfg(test)]
mod tests {
    use super::rewrite_path;

    #[test]
    fn only_the_parts_that_differ_change() {
        assert_eq!(
            rewrite_path("./docs/Guide.md", "docs/Guide.md", "docs/guide.md").as_deref(),
            Some("./docs/guide.md")
        );
        assert_eq!(
            rewrite_path(
                "../CONTRIBUTING.markdown",
                "CONTRIBUTING.markdown",
                "CONTRIBUTING.md"
            )
            .as_deref(),
            Some("../CONTRIBUTING.md")
        );
        assert_eq!(
            rewrite_path("Guide.md", "docs/Guide.md", "docs/guide.md").as_deref(),
            Some("guide.md")
        );
        assert_eq!(
            rewrite_path("docs/Gu%69de.md", "docs/Guide.md", "docs/guide.md"),
            None
        );
    }
}
