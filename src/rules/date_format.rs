//! RL301 date-format: dates follow one format (the policy's, or the file's own).

use super::{Category, Fixable, LintContext, Options, Rule, RuleMeta};
use crate::dates::style::{effective_format, is_rewritable, reading};
use crate::dates::{DateFormat, DateValue, FoundDate, Pattern, WrittenFormat, format_date};
use crate::diagnostic::{Finding, Severity};
use crate::fix::{Edit, Fix};
use std::collections::HashMap;

pub struct DateFormatRule;

static META: RuleMeta = RuleMeta {
    code: "RL301",
    name: "date-format",
    category: Category::Dates,
    default_severity: Severity::Warning,
    enabled_by_default: true,
    fixable: Fixable::Always,
    summary: "A date is not written in the format the policy (or the rest of the file) uses",
    doc: include_str!("../../rules/docs/date-format.md"),
};

/// The granularities the rule compares: full dates and year-months.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Granularity {
    Day,
    Month,
}

fn granularity(value: DateValue) -> Option<Granularity> {
    match value {
        DateValue::Date(..) => Some(Granularity::Day),
        DateValue::YearMonth(..) => Some(Granularity::Month),
        _ => None,
    }
}

impl Rule for DateFormatRule {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, _options: &Options, findings: &mut Vec<Finding>) {
        let policy = &context.policy.dates;
        let text = context.text();
        // (date, the value it means, its pattern as read) for every date the rule may
        // rewrite. Dates in headings are left alone: rewriting them would move anchors.
        let in_heading = |found: &FoundDate| {
            context.document.headings.iter().any(|heading| {
                heading.range.start <= found.range.start && found.range.end <= heading.range.end
            })
        };
        let candidates: Vec<(&FoundDate, DateValue, WrittenFormat)> = context
            .dates()
            .iter()
            .filter(|found| is_rewritable(found) && !in_heading(found))
            .filter_map(|found| {
                reading(found, policy.order)
                    .map(|value| (found, value, effective_format(found, policy.order)))
            })
            .collect();
        let targets = match &policy.format {
            DateFormat::Fixed { full, month, name } => {
                let mut targets: HashMap<Granularity, (Pattern, String)> = HashMap::new();
                targets.insert(Granularity::Day, (full.clone(), format!("the `{name}` format")));
                if let Some(month) = month {
                    targets.insert(
                        Granularity::Month,
                        (month.clone(), format!("the `{name}` format")),
                    );
                }
                targets
            }
            DateFormat::Consistent => most_common_formats(&candidates),
        };
        for (found, value, written_format) in candidates {
            let Some((pattern, why)) = granularity(value).and_then(|kind| targets.get(&kind)) else {
                continue;
            };
            // Compared as spelled: a format with a word in it (`MMMM of YYYY`) is not spelled
            // like the pattern it reads as (`MMMM [of] YYYY`), so such a date goes on to the
            // comparison of the text below.
            if written_format.to_string() == pattern.to_string() {
                continue;
            }
            let written = &text[found.range.clone()];
            let Some(wanted) = format_date(&value, pattern) else {
                continue;
            };
            if wanted == written {
                continue;
            }
            findings.push(
                Finding::new(
                    found.range.clone(),
                    format!("`{written}` is not in {why} (`{pattern}`)"),
                )
                .fix(Some(Fix::safe(
                    format!("write `{wanted}`"),
                    vec![Edit::replace(found.range.clone(), wanted)],
                ))),
            );
        }
    }
}

/// For each granularity, the format most dates use (the first seen wins a tie). Formats are
/// told apart as they are spelled.
fn most_common_formats(
    candidates: &[(&FoundDate, DateValue, WrittenFormat)],
) -> HashMap<Granularity, (Pattern, String)> {
    let mut counts: HashMap<(Granularity, String), (usize, usize, &WrittenFormat)> = HashMap::new();
    for (position, (_, value, format)) in candidates.iter().enumerate() {
        if let Some(kind) = granularity(*value) {
            let entry = counts
                .entry((kind, format.to_string()))
                .or_insert((0, position, format));
            entry.0 += 1;
        }
    }
    let mut winners: HashMap<Granularity, (usize, usize, &str, &WrittenFormat)> = HashMap::new();
    for ((kind, spelling), &(count, first, format)) in &counts {
        let (kind, spelling) = (*kind, spelling.as_str());
        let better = match winners.get(&kind) {
            None => true,
            Some((best_count, best_first, _, _)) => {
                count > *best_count || (count == *best_count && first < *best_first)
            }
        };
        if better {
            winners.insert(kind, (count, first, spelling, format));
        }
    }
    // A style is the file's convention only when at least two dates use it and no other
    // style is as common; a file with one date of each style has no convention yet.
    let runner_up = |kind: Granularity, winner: &str| {
        counts
            .iter()
            .filter(|((other_kind, spelling), _)| *other_kind == kind && spelling != winner)
            .map(|(_, (count, _, _))| *count)
            .max()
            .unwrap_or(0)
    };
    let winners: Vec<_> = winners
        .into_iter()
        .filter(|(kind, (count, _, spelling, _))| *count >= 2 && *count > runner_up(*kind, spelling))
        .collect();
    winners
        .into_iter()
        .filter_map(|(kind, (count, _, _, format))| {
            let pattern = format.pattern()?;
            Some((
                kind,
                (
                    pattern,
                    format!("the format most dates here use ({count} of them)"),
                ),
            ))
        })
        .collect()
}
