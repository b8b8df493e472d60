//! RL306 outdated-copyright: a copyright year (or range) that ends before this year.

use super::{Category, Fixable, LintContext, Options, Rule, RuleMeta};
use crate::dates::{CopyrightFix, DateContext, FoundDate};
use crate::diagnostic::{Finding, Severity};
use crate::fix::{Edit, Fix};

pub struct OutdatedCopyright;

static META: RuleMeta = RuleMeta {
    code: "RL306",
    name: "outdated-copyright",
    category: Category::Dates,
    default_severity: Severity::Warning,
    enabled_by_default: false,
    fixable: Fixable::Suggests,
    summary: "A copyright year or range ends before the current year",
    doc: include_str!("../../rules/docs/outdated-copyright.md"),
};

/// Words that leave a copyright range open: `2012-present`, `2012-date`.
const OPEN_ENDS: [&str; 5] = ["present", "now", "today", "current", "date"];

impl Rule for OutdatedCopyright {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, _options: &Options, findings: &mut Vec<Finding>) {
        let text = context.text();
        let this_year = i32::from(context.today().year());
        let is_open = |found: &FoundDate| {
            let written = text[found.range.clone()].to_ascii_lowercase();
            OPEN_ENDS.iter().any(|word| written.contains(word))
        };
        let notices: Vec<&FoundDate> = context
            .dates()
            .iter()
            .filter(|found| found.context == DateContext::Copyright && found.invalid.is_none())
            .filter(|found| is_own_notice(context, found.range.start))
            .collect();
        let end_year = |found: &FoundDate| found.range_end.and_then(|end| end.year()).or(found.value.year());
        // One current notice (or an open range, `2012-present`) means the project keeps
        // its years up to date; older notices beside it are usually third-party credits.
        if notices
            .iter()
            .any(|found| is_open(found) || end_year(found).is_some_and(|year| year >= this_year))
        {
            return;
        }
        let separator = range_separator(text, context.dates());
        for found in notices {
            let Some(end) = end_year(found) else { continue };
            if end >= this_year {
                continue;
            }
            let written = &text[found.range.clone()];
            let fix = match context.policy.dates.copyright {
                CopyrightFix::Off => None,
                style => update(found, written, end, this_year, style, &separator),
            };
            findings.push(
                Finding::new(
                    found.range.clone(),
                    format!("the copyright `{written}` ends in {end}, before {this_year}"),
                )
                .help(format!(
                    "extend it to {this_year}, or leave it when nothing changed since"
                ))
                .fix(fix),
            );
        }
    }
}

/// True when the copyright notice at `offset` is the project's own: in its License
/// section, or at the very end of the README, and not quoted or credited to someone
/// else's work ("portions copyright", "based on", "copied from", a fork's original).
fn is_own_notice(context: &LintContext<'_>, offset: usize) -> bool {
    let document = context.document;
    let Some(block) = document.blocks.iter().find(|block| block.range.contains(&offset)) else {
        return false;
    };
    if block.kind == crate::document::BlockKind::BlockQuote {
        return false;
    }
    let text = context.text();
    let line = context.source.line_of(offset);
    let line_text = text[context.source.line_content(line)].to_lowercase();
    const CREDITS: [&str; 8] = [
        "portions",
        "based on",
        "derived from",
        "copied from",
        "original",
        "forked from",
        "upstream",
        "adapted from",
    ];
    if CREDITS.iter().any(|word| line_text.contains(word)) {
        return false;
    }
    let section = document
        .top_level_headings()
        .filter(|(_, heading)| heading.range.start < offset)
        .last();
    let in_license = section.is_some_and(|(index, _)| {
        context
            .policy
            .catalog
            .heading_sections(&document.headings[index].text)
            .iter()
            .any(|def| def.name == "license")
    });
    let last_block = document
        .blocks
        .last()
        .is_some_and(|last| last.range == block.range);
    in_license || last_block
}

/// The edit for `style`: extend the range to this year, or replace the (last) year.
fn update(
    found: &FoundDate,
    written: &str,
    end: i32,
    this_year: i32,
    style: CopyrightFix,
    separator: &str,
) -> Option<Fix> {
    let end_text = end.to_string();
    let end_at = written.rfind(&end_text)?;
    let start = found.range.start + end_at;
    let end_range = start..start + end_text.len();
    let is_range = found.range_end.is_some();
    let (edit, title) = match (style, is_range) {
        (CopyrightFix::Extend, false) => (
            Edit::insert(end_range.end, format!("{separator}{this_year}")),
            format!("extend to `{end_text}{separator}{this_year}`"),
        ),
        _ => (
            Edit::replace(end_range, this_year.to_string()),
            format!("change {end} to {this_year}"),
        ),
    };
    // A suggestion only: whether the work changed this year, and whose copyright that is,
    // are the author's to say; readme-lint would be writing a legal statement.
    Some(Fix::new(
        title,
        crate::fix::Applicability::DisplayOnly,
        vec![edit],
    ))
}

/// How the file writes year ranges (`-`, `–`, ` - `), so an extended range matches it.
fn range_separator(text: &str, dates: &[FoundDate]) -> String {
    dates
        .iter()
        .filter(|found| matches!(found.value, crate::dates::DateValue::Year(_)) && found.range_end.is_some())
        .find_map(|found| {
            let written = &text[found.range.clone()];
            let first_gap = written.find(|ch: char| !ch.is_ascii_digit())?;
            let rest = &written[first_gap..];
            let gap_len = rest.find(|ch: char| ch.is_ascii_digit())?;
            Some(rest[..gap_len].to_string())
        })
        .filter(|separator| !separator.trim().is_empty() && separator.len() <= 5)
        .unwrap_or_else(|| "-".to_string())
}
