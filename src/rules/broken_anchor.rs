//! RL402 broken-anchor: a `#fragment` names no heading or anchor of its target.

use super::{Category, Fixable, LintContext, Options, Rule, RuleMeta};
use crate::diagnostic::{Finding, Severity};
use crate::document::Document;
use crate::fix::Applicability;
use crate::links::{Outside, Target};
use crate::source::SourceText;
use std::collections::{BTreeSet, HashMap};

pub struct BrokenAnchor;

static META: RuleMeta = RuleMeta {
    code: "RL402",
    name: "broken-anchor",
    category: Category::Links,
    default_severity: Severity::Warning,
    enabled_by_default: true,
    fixable: Fixable::Sometimes,
    summary: "A `#fragment` names no heading or anchor of its target",
    doc: include_str!("../../rules/docs/broken-anchor.md"),
};

impl Rule for BrokenAnchor {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, _options: &Options, findings: &mut Vec<Finding>) {
        // Most READMEs link no fragment of their own or of a repository file (a web
        // page's `#readme` is not ours to check): then the links are not located at all.
        let base = context.link_base();
        let checked = |url: &str| match crate::links::target(url) {
            Target::Anchor(_) => true,
            Target::Path { fragment, .. } => fragment.is_some() && base.is_some(),
            Target::Elsewhere => false,
        };
        if !context.document.links.iter().any(|link| checked(&link.url)) {
            return;
        }
        let links = context.markdown_links_where(|link| checked(&link.url));
        let mut own: Option<Anchors> = None;
        // Levenshtein comparisons left for suggestions in this README: a bound, so that
        // thousands of broken fragments against thousands of headings stay linear.
        let mut suggestion_budget: usize = 20_000;
        // Anchors of other Markdown files, by repository-relative path; `None` when a
        // file could not be read.
        let mut others: HashMap<String, Option<Anchors>> = HashMap::new();
        // A marked table of contents is toc-out-of-date's: it regenerates the whole list.
        let toc = crate::toc::find_region(context.source, context.document).map(|region| region.content);
        // The all-contributors table links `#question-name` and the like for their
        // tooltips: those fragments were never meant to lead anywhere.
        let contributors = contributors_region(context.text());
        for (link, url) in &links {
            if toc.as_ref().is_some_and(|toc| toc.contains(&link.range.start))
                || contributors
                    .as_ref()
                    .is_some_and(|region| region.contains(&link.range.start))
            {
                continue;
            }
            // `[](#marker)`: an invisible link that marks the place for a tool.
            if !link.is_image && link.text.trim().is_empty() {
                continue;
            }
            let (anchors, fragment) = match crate::links::target(&url.url) {
                Target::Anchor(fragment) => (
                    &*own.get_or_insert_with(|| anchors_of(context.text(), context.document)),
                    fragment,
                ),
                Target::Path {
                    path,
                    fragment: Some(fragment),
                } => {
                    let Some((root, readme_dir)) = &base else { continue };
                    let resolved = match crate::links::resolve(readme_dir, path) {
                        Ok(resolved) => resolved,
                        Err(Outside::WebRoute | Outside::AboveRoot) => continue,
                    };
                    let lower = resolved.to_ascii_lowercase();
                    if !(lower.ends_with(".md") || lower.ends_with(".markdown")) {
                        continue;
                    }
                    let entry = others.entry(resolved.clone()).or_insert_with(|| {
                        let path = root.join(&resolved);
                        let text = crate::files::read_optional(&path, root, crate::files::README_LIMIT)?;
                        let source = SourceText::new(text);
                        let document = Document::parse(&source);
                        Some(anchors_of(source.text(), &document))
                    });
                    let Some(anchors) = entry.as_ref() else { continue };
                    (anchors, fragment)
                }
                _ => continue,
            };
            if is_always_there(fragment) {
                continue;
            }
            let wanted = crate::links::percent_decode(fragment);
            let wanted = wanted.strip_prefix("user-content-").unwrap_or(&wanted);
            // A fragment in another case (`#Options` for `## Options`) is not reported:
            // other Markdown link checkers ignore case by default too.
            if anchors.set.contains(wanted) || anchors.set.contains(&wanted.to_lowercase()) {
                continue;
            }
            let range = url.report_range(&link.range);
            let mut finding = Finding::new(range, format!("no heading or anchor `#{wanted}` in the target"));
            let close: &[String] = anchors.squashed.get(&squash(wanted)).map_or(&[], Vec::as_slice);
            match close {
                [only] => {
                    let new_url = replace_fragment(&url.url, only);
                    finding = finding
                        .help(format!("the heading's anchor is `#{only}`"))
                        .fix(url.fix_to(&new_url, format!("link to `#{only}`"), Applicability::Safe));
                }
                _ => {
                    if let Some(nearest) = nearest(&anchors.set, wanted, &mut suggestion_budget) {
                        finding = finding.help(format!("did you mean `#{nearest}`?"));
                    } else {
                        finding = finding.help("link to an existing heading, or remove the fragment");
                    }
                }
            }
            findings.push(finding);
        }
    }
}

/// The block between the all-contributors markers, if any.
fn contributors_region(text: &str) -> Option<std::ops::Range<usize>> {
    let start = text.find("ALL-CONTRIBUTORS-LIST:START")?;
    let end = text[start..]
        .find("ALL-CONTRIBUTORS-LIST:END")
        .map_or(text.len(), |at| start + at);
    Some(start..end)
}

/// Fragments every page has: the top of the page (also `##`, the target of links that
/// are only there for their tooltip), GitHub's box around the README (`#readme`), and
/// GitHub's line anchors.
fn is_always_there(fragment: &str) -> bool {
    fragment.chars().all(|ch| ch == '#')
        || fragment.eq_ignore_ascii_case("top")
        || fragment == "readme"
        || fragment.starts_with(":~:")
        || (fragment.starts_with('L') && fragment[1..].starts_with(|ch: char| ch.is_ascii_digit()))
}

/// The anchors of a file, and the same keyed by [`squash`] for near matches.
struct Anchors {
    set: BTreeSet<String>,
    squashed: HashMap<String, Vec<String>>,
}

/// GitHub's anchors of the headings, and the `id` and `name` attributes of HTML tags.
fn anchors_of(text: &str, document: &Document) -> Anchors {
    let mut anchors: BTreeSet<String> = document.anchors().iter().cloned().collect();
    // GitHub gives headings written in HTML (`<h2>Install</h2>`) anchors too.
    for heading in &document.html_headings {
        anchors.insert(crate::anchor::slug(&heading.text));
    }
    for html in &document.html {
        for tag in crate::html::scan(text, html.range.clone()) {
            for name in ["id", "name"] {
                if let Some(value) = tag.attribute(name) {
                    let value = &text[value];
                    anchors.insert(
                        value
                            .strip_prefix("user-content-")
                            .unwrap_or(value)
                            .to_lowercase(),
                    );
                }
            }
        }
    }
    let mut squashed: HashMap<String, Vec<String>> = HashMap::new();
    for anchor in &anchors {
        let key = squash(anchor);
        if !key.is_empty() {
            squashed.entry(key).or_default().push(anchor.clone());
        }
    }
    Anchors {
        set: anchors,
        squashed,
    }
}

/// The letters and digits of `text`, lower case: equal for anchors that differ only in
/// case and punctuation (`#Getting-Started`, `#getting_started`, `#getting-started`).
fn squash(text: &str) -> String {
    text.chars()
        .filter(|ch| ch.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Anchors longer than this are not compared for a suggestion.
const SUGGESTION_MAX_LEN: usize = 100;

/// The anchor nearest to `wanted`, when it is near enough to be a typo; each anchor looked
/// at spends one unit of `budget` (skipped or compared: the walk itself is the cost when
/// many fragments miss among many headings), and none is looked at once it is spent.
fn nearest<'a>(anchors: &'a BTreeSet<String>, wanted: &str, budget: &mut usize) -> Option<&'a String> {
    if wanted.len() > SUGGESTION_MAX_LEN {
        return None;
    }
    let mut best: Option<(usize, &String)> = None;
    for anchor in anchors {
        if *budget == 0 {
            return None;
        }
        *budget -= 1;
        if anchor.len() > SUGGESTION_MAX_LEN || anchor.len().abs_diff(wanted.len()) > 2.max(anchor.len() / 5)
        {
            continue;
        }
        let distance = strsim::levenshtein(anchor, wanted);
        if distance <= 2.max(anchor.len() / 5)
            && best.is_none_or(|(shortest, known)| (distance, anchor) < (shortest, known))
        {
            best = Some((distance, anchor));
        }
    }
    best.map(|(_, anchor)| anchor)
}

fn replace_fragment(url: &str, fragment: &str) -> String {
    match url.split_once('#') {
        Some((before, _)) => format!("{before}#{fragment}"),
        None => format!("{url}#{fragment}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn anchors(markdown: &str) -> Vec<String> {
        let source = SourceText::new(markdown.to_string());
        Document::parse(&source).anchors().to_vec()
    }

    /// GitHub's heading IDs: lower case, punctuation dropped, spaces to hyphens, emoji
    /// dropped, repeats numbered.
    #[test]
    fn heading_ids_follow_github() {
        assert_eq!(anchors("# Getting Started"), ["getting-started"]);
        assert_eq!(anchors("# a - b"), ["a---b"]);
        assert_eq!(anchors("# file.txt (v2)"), ["filetxt-v2"]);
        assert_eq!(anchors("# 🚀 Launch"), ["-launch"]);
        assert_eq!(anchors("# snake_case"), ["snake_case"]);
        assert_eq!(anchors("# Привет мир"), ["привет-мир"]);
        assert_eq!(anchors("# x\n# x\n# x"), ["x", "x-1", "x-2"]);
        assert_eq!(anchors("# `code` and *em*"), ["code-and-em"]);
    }

    #[test]
    fn loose_matches() {
        assert_eq!(squash("getting-started"), squash("Getting-Started"));
        assert_eq!(squash("getting-started"), squash("getting_started"));
        assert_ne!(squash("install"), squash("usage"));
    }
}
