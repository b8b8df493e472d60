//! RL106 section-order: the sections the policy orders appear in that order.

use super::{Category, Fixable, LintContext, Options, Rule, RuleMeta};
use crate::diagnostic::{Finding, Severity};
use crate::fix::{Edit, Fix};
use std::collections::HashMap;

pub struct SectionOrder;

static META: RuleMeta = RuleMeta {
    code: "RL106",
    name: "section-order",
    category: Category::Sections,
    default_severity: Severity::Warning,
    enabled_by_default: false,
    fixable: Fixable::Sometimes,
    summary: "Sections are not in the order the policy gives",
    doc: include_str!("../../rules/docs/section-order.md"),
};

impl Rule for SectionOrder {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, _options: &Options, findings: &mut Vec<Finding>) {
        let order = &context.policy.sections.order;
        if order.is_empty() {
            return;
        }
        // (heading index, rank in the policy order, heading shown to the user)
        let ranked: Vec<(usize, usize, &str)> = context
            .main_sections()
            .filter_map(|(index, heading, def)| {
                order
                    .iter()
                    .position(|name| *name == def.name)
                    .map(|rank| (index, rank, heading.text.trim()))
            })
            .collect();
        let mut counts: HashMap<usize, usize> = HashMap::new();
        for (_, rank, _) in &ranked {
            *counts.entry(*rank).or_default() += 1;
        }
        if counts.values().any(|count| *count > 1) {
            return; // with a section twice the order is ambiguous; duplicate-section reports it
        }

        // Text that points back or ahead ("dual licensed as above") would point at the wrong
        // place once moved: then no move is offered.
        let refers_elsewhere = ranked.iter().any(|(index, _, _)| {
            let body = context.text()[context.section_range(*index)].to_lowercase();
            [
                "as above",
                "see above",
                "mentioned above",
                "described above",
                "above,",
                "as below",
                "see below",
                "shown below",
            ]
            .iter()
            .any(|phrase| body.contains(phrase))
        });
        let mut fix = (!refers_elsewhere).then(|| move_sections_fix(context, &ranked));
        for (position, (index, rank, shown)) in ranked.iter().enumerate() {
            let Some((_, _, later_shown)) = ranked[..position]
                .iter()
                .find(|(_, earlier_rank, _)| earlier_rank > rank)
            else {
                continue;
            };
            let heading = &context.document.headings[*index];
            findings.push(
                Finding::new(
                    heading.range.clone(),
                    format!("section `{shown}` should come before `{later_shown}`"),
                )
                .help(format!("the policy's order is: {}", order.join(", ")))
                .fix(fix.take()),
            );
        }
    }
}

/// Moves each ordered section (with its body) into the slot its rank calls for; the
/// slots are where the ordered sections are now, so unlisted sections stay put.
fn move_sections_fix(context: &LintContext<'_>, ranked: &[(usize, usize, &str)]) -> Fix {
    let text = context.text();
    let line_ending = context.line_ending();
    let slots: Vec<std::ops::Range<usize>> = ranked
        .iter()
        .map(|(index, _, _)| context.section_range(*index))
        .collect();
    let mut sorted: Vec<&(usize, usize, &str)> = ranked.iter().collect();
    sorted.sort_by_key(|(_, rank, _)| *rank);
    let mut edits = Vec::new();
    for (slot, (index, _, _)) in slots.iter().zip(sorted) {
        let source = context.section_range(*index);
        if source == *slot {
            continue;
        }
        let body = text[source].trim_end_matches(['\n', '\r', ' ', '\t']);
        let slot_text = &text[slot.clone()];
        let trailing = &slot_text[slot_text.trim_end_matches(['\n', '\r', ' ', '\t']).len()..];
        // The slot keeps its own trailing blank lines so the text around it is unchanged;
        // a slot in the middle always ends with a blank line before the next heading.
        let trailing = if slot.end == text.len() || line_breaks(trailing) >= 2 {
            trailing.to_string()
        } else {
            line_ending.repeat(2)
        };
        edits.push(Edit::replace(slot.clone(), format!("{body}{trailing}")));
    }
    Fix::unsafe_("move the sections into the policy's order", edits)
}

fn line_breaks(text: &str) -> usize {
    text.replace("\r\n", "\n")
        .chars()
        .filter(|ch| matches!(ch, '\n' | '\r'))
        .count()
}
