//! RL110 toc-out-of-date: a marked table of contents must list the headings.

use super::{Category, Fixable, LintContext, Options, Rule, RuleMeta, parse_options};
use crate::diagnostic::{Finding, Severity};
use crate::fix::{Applicability, Edit, Fix};
use crate::toc::{self, ListStyle};
use serde::Deserialize;

pub struct TocOutOfDate;

static META: RuleMeta = RuleMeta {
    code: "RL110",
    name: "toc-out-of-date",
    category: Category::Sections,
    default_severity: Severity::Error,
    enabled_by_default: true,
    fixable: Fixable::Always,
    summary: "A marked table of contents does not match the headings",
    doc: include_str!("../../rules/docs/toc-out-of-date.md"),
};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
struct TocOptions {
    /// Shallowest heading level listed.
    min_level: u8,
    /// Deepest heading level listed.
    max_level: u8,
}

impl Default for TocOptions {
    fn default() -> Self {
        Self {
            min_level: 1,
            max_level: 6,
        }
    }
}

impl Rule for TocOutOfDate {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_options(&self, options: &Options) -> Result<(), String> {
        let options: TocOptions = parse_options(options)?;
        if !(1..=6).contains(&options.min_level)
            || !(1..=6).contains(&options.max_level)
            || options.min_level > options.max_level
        {
            return Err("min-level and max-level must be 1 to 6, min-level <= max-level".into());
        }
        Ok(())
    }

    fn check(&self, context: &LintContext<'_>, options: &Options, findings: &mut Vec<Finding>) {
        let options: TocOptions = parse_options(options).unwrap_or_default();
        let text = context.text();
        let line_ending = context.line_ending();
        for region in toc::find_regions(context.source, context.document) {
            let expected =
                toc::expected_entries(context.document, &region, options.min_level, options.max_level);
            let current = toc::existing_entries(text, &region);
            let (existing, list_span, style) = (&current.entries, current.span.clone(), current.style);
            if toc::same_entries(existing, &expected) {
                continue;
            }
            let style = if existing.is_empty() {
                ListStyle::default()
            } else {
                style
            };
            // Keep the author's wording of entries that stay.
            let entries: Vec<toc::TocEntry> = expected
                .iter()
                .map(
                    |entry| match existing.iter().find(|old| old.anchor == entry.anchor) {
                        Some(old) => toc::TocEntry {
                            text: old.text.clone(),
                            ..entry.clone()
                        },
                        None => entry.clone(),
                    },
                )
                .collect();
            let list = toc::render(&entries, style, line_ending);
            let edit = match list_span.clone() {
                Some(span) => Edit::replace(span, list.trim_end_matches(['\r', '\n'])),
                None if region.content.is_empty() || text[region.content.clone()].trim().is_empty() => {
                    let replacement = if expected.is_empty() {
                        String::new()
                    } else {
                        format!("{line_ending}{list}{line_ending}")
                    };
                    Edit::replace(region.content.clone(), replacement)
                }
                // Some other text sits between the markers (a doctoc title): add the list after it.
                None => Edit::insert(region.content.end, format!("{line_ending}{list}{line_ending}")),
            };
            // Lines in the list that are not heading links (an external link, a note)
            // would be dropped: then the fix needs a human's look.
            let applicability = if current.has_other_lines {
                Applicability::Unsafe
            } else {
                Applicability::Safe
            };
            let message = describe_difference(existing, &expected);
            let range = match list_span.clone() {
                Some(span) => span,
                None => region.content.start.saturating_sub(1).min(region.end_marker)..region.end_marker,
            };
            findings.push(Finding::new(range, message).fix(Some(Fix::new(
                "regenerate the table of contents",
                applicability,
                vec![edit],
            ))));
        }
    }
}

fn describe_difference(existing: &[toc::TocEntry], expected: &[toc::TocEntry]) -> String {
    if existing.is_empty() {
        return "the table of contents is empty".to_string();
    }
    let repeated = existing.iter().enumerate().find_map(|(index, entry)| {
        existing[..index]
            .iter()
            .any(|e| e.anchor == entry.anchor)
            .then_some(entry)
    });
    if let Some(twice) = repeated {
        return format!("the table of contents lists `#{}` twice", twice.anchor);
    }
    if let Some(missing) = expected
        .iter()
        .find(|entry| !existing.iter().any(|e| e.anchor == entry.anchor))
    {
        return format!("the table of contents lacks `{}`", missing.text);
    }
    if let Some(stale) = existing
        .iter()
        .find(|entry| !expected.iter().any(|e| e.anchor == entry.anchor))
    {
        return format!(
            "the table of contents links to `#{}`, which no heading has",
            stale.anchor
        );
    }
    "the table of contents lists the headings in another order".to_string()
}
