//! RL110 toc-out-of-date: a marked table of contents must list the headings.

use super::{Category, Fixable, LintContext, Options, Rule, RuleMeta, parse_options};
use crate::diagnostic::{Finding, Severity};
use crate::fix::{Applicability, Edit, Fix};
use crate::toc::{self, ExistingToc, ListStyle, TocEntry};
use serde::Deserialize;
use std::collections::{HashMap, HashSet};

pub struct TocOutOfDate;

static META: RuleMeta = RuleMeta {
    code: "RL110",
    name: "toc-out-of-date",
    category: Category::Sections,
    default_severity: Severity::Error,
    enabled_by_default: true,
    fixable: Fixable::Sometimes,
    summary: "A marked table of contents does not match the headings",
    doc: include_str!("../../rules/docs/toc-out-of-date.md"),
};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
struct TocOptions {
    /// Shallowest heading level listed.
    min_level: u8,
    /// Deepest heading level listed; unset, the deepest level the list already links
    /// (a table of contents cut off at `###` on purpose stays so), or 6 for an empty list.
    max_level: Option<u8>,
}

impl Default for TocOptions {
    fn default() -> Self {
        Self {
            min_level: 1,
            max_level: None,
        }
    }
}

impl Rule for TocOutOfDate {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_options(&self, options: &Options) -> Result<(), String> {
        let options: TocOptions = parse_options(options)?;
        let max_level = options.max_level.unwrap_or(6);
        if !(1..=6).contains(&options.min_level)
            || !(1..=6).contains(&max_level)
            || options.min_level > max_level
        {
            return Err("min-level and max-level must be 1 to 6, min-level <= max-level".into());
        }
        Ok(())
    }

    fn check(&self, context: &LintContext<'_>, options: &Options, findings: &mut Vec<Finding>) {
        let options: TocOptions = parse_options(options).unwrap_or_default();
        let Some(region) = toc::find_region(context.source, context.document) else {
            return;
        };
        let text = context.text();
        let line_ending = context.line_ending();
        let current = toc::existing_entries(context.source, &region);
        let max_level = options
            .max_level
            .or_else(|| deepest_listed_level(context, &current.entries))
            .unwrap_or(6);
        let expected = toc::expected_entries(
            context.source,
            context.document,
            &region,
            options.min_level,
            max_level,
        );
        let anchors: HashSet<&str> = context.document.anchors().iter().map(String::as_str).collect();
        let Some(message) = difference(&current.entries, &expected, &anchors) else {
            return;
        };
        let range = match current.span.clone() {
            Some(span) => span,
            None => region.content.start.saturating_sub(1).min(region.end_marker)..region.end_marker,
        };
        let finding = Finding::new(range, message);
        if current.is_html || current.uneven_prefix {
            // An HTML list, or a quote whose lines do not all carry their `>`, cannot be
            // rewritten line by line without changing how it renders.
            findings.push(
                finding.help("update the list by hand: it is not a Markdown list readme-lint can rewrite"),
            );
            return;
        }
        let (entries, dropped_text) = regenerated(&current, &expected, &anchors);
        let style = if current.entries.is_empty() {
            ListStyle::default()
        } else {
            current.style.clone()
        };
        let list = toc::render(&entries, &style, &region.prefix, line_ending);
        let edit = match current.span.clone() {
            Some(span) => Edit::replace(span, list.trim_end_matches(['\r', '\n'])),
            None => {
                let blank = format!("{}{line_ending}", region.prefix.trim_end());
                let block = if expected.is_empty() {
                    String::new()
                } else {
                    format!("{blank}{list}{blank}")
                };
                if region.content.is_empty() || text[region.content.clone()].trim().is_empty() {
                    Edit::replace(region.content.clone(), block)
                } else {
                    // Some other text sits between the markers (a doctoc title): add the list after it.
                    Edit::insert(region.content.end, block)
                }
            }
        };
        // Lines in the list that are not heading links (an external link, a note), or
        // words after the link of an entry that goes, would be lost, or the list was picked
        // by hand (its entries mostly still resolve, yet it leaves out most headings:
        // regenerating it would undo the author's choice): then the fix needs a human's look.
        let listed = current
            .entries
            .iter()
            .filter(|entry| expected.iter().any(|wanted| wanted.anchor == entry.anchor))
            .count();
        let curated = listed > 0 && listed * 2 >= current.entries.len() && listed * 2 < expected.len();
        let applicability = if current.has_other_lines || dropped_text || curated {
            Applicability::Unsafe
        } else {
            Applicability::Safe
        };
        findings.push(finding.fix(Some(Fix::new(
            "regenerate the table of contents",
            applicability,
            vec![edit],
        ))));
    }
}

/// The deepest heading level among the headings the list links to.
fn deepest_listed_level(context: &LintContext<'_>, entries: &[TocEntry]) -> Option<u8> {
    let anchors = context.document.anchors();
    let listed: HashSet<&str> = entries.iter().map(|entry| entry.anchor.as_str()).collect();
    context
        .document
        .headings
        .iter()
        .zip(anchors)
        .filter(|(_, anchor)| listed.contains(anchor.as_str()))
        .map(|(heading, _)| heading.level)
        .max()
}

/// What is wrong with the list, or `None` when it lists every expected heading, in order,
/// once. Entries for other headings that exist (the title, a heading above the list)
/// are the author's choice and are not a difference.
fn difference(existing: &[TocEntry], expected: &[TocEntry], anchors: &HashSet<&str>) -> Option<String> {
    if existing.is_empty() {
        return (!expected.is_empty()).then(|| "the table of contents is empty".to_string());
    }
    let mut seen = HashSet::new();
    if let Some(twice) = existing.iter().find(|entry| !seen.insert(entry.anchor.as_str())) {
        return Some(format!("the table of contents lists `#{}` twice", twice.anchor));
    }
    let expected_anchors: HashSet<&str> = expected.iter().map(|entry| entry.anchor.as_str()).collect();
    if let Some(missing) = expected
        .iter()
        .find(|entry| !seen.contains(entry.anchor.as_str()))
    {
        return Some(format!(
            "the table of contents lacks `{}`",
            missing.text.replace('`', "")
        ));
    }
    if let Some(stale) = existing.iter().find(|entry| {
        !expected_anchors.contains(entry.anchor.as_str()) && !anchors.contains(entry.anchor.as_str())
    }) {
        return Some(format!(
            "the table of contents links to `#{}`, which no heading has",
            stale.anchor
        ));
    }
    let listed = existing
        .iter()
        .filter(|entry| expected_anchors.contains(entry.anchor.as_str()))
        .map(|entry| entry.anchor.as_str());
    if !listed.eq(expected.iter().map(|entry| entry.anchor.as_str())) {
        return Some("the table of contents lists the headings in another order".to_string());
    }
    None
}

/// The list to write: the expected entries, each keeping the text and the words after
/// the link it had; entries for other existing headings stay where they were (before the
/// listed heading that followed them). Also says whether an entry that goes had words
/// after its link. A list that was flat stays flat.
fn regenerated(
    current: &ExistingToc,
    expected: &[TocEntry],
    anchors: &HashSet<&str>,
) -> (Vec<TocEntry>, bool) {
    let expected_anchors: HashSet<&str> = expected.iter().map(|entry| entry.anchor.as_str()).collect();
    let mut old: HashMap<&str, &TocEntry> = HashMap::new();
    let mut kept_before: HashMap<&str, Vec<TocEntry>> = HashMap::new();
    let mut pending: Vec<TocEntry> = Vec::new();
    let mut dropped_text = false;
    for entry in &current.entries {
        let anchor = entry.anchor.as_str();
        if old.contains_key(anchor) {
            dropped_text |= !entry.suffix.trim().is_empty();
            continue;
        }
        if expected_anchors.contains(anchor) {
            old.insert(anchor, entry);
            kept_before.entry(anchor).or_default().append(&mut pending);
        } else if anchors.contains(anchor) {
            old.insert(anchor, entry);
            pending.push(entry.clone());
        } else {
            dropped_text |= !entry.suffix.trim().is_empty();
        }
    }
    let flat = current.entries.len() > 1 && current.entries.iter().all(|entry| entry.depth == 0);
    let mut entries = Vec::with_capacity(expected.len() + pending.len());
    for entry in expected {
        if let Some(extra) = kept_before.remove(entry.anchor.as_str()) {
            entries.extend(extra.into_iter().map(|extra| TocEntry {
                depth: extra.depth.min(entry.depth),
                ..extra
            }));
        }
        let mut entry = match old.get(entry.anchor.as_str()) {
            Some(was) => TocEntry {
                text: was.text.clone(),
                suffix: was.suffix.clone(),
                ..entry.clone()
            },
            None => entry.clone(),
        };
        if flat {
            entry.depth = 0;
        }
        entries.push(entry);
    }
    entries.extend(pending);
    (entries, dropped_text)
}
