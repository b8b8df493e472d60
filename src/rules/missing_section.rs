//! RL104 missing-section: a section the policy requires is absent.

use super::context::{block_insertion, with_line_ending};
use super::{Category, Fixable, LintContext, Options, Rule, RuleMeta};
use crate::diagnostic::{Finding, Severity};
use crate::document::BlockKind;
use crate::fix::{Edit, Fix};
use crate::sections::{SectionDef, section_skeleton};
use crate::toc;

pub struct MissingSection;

static META: RuleMeta = RuleMeta {
    code: "RL104",
    name: "missing-section",
    category: Category::Sections,
    default_severity: Severity::Error,
    enabled_by_default: true,
    fixable: Fixable::Sometimes,
    summary: "A section the policy requires is missing",
    doc: include_str!("../../rules/docs/missing-section.md"),
};

impl Rule for MissingSection {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, _options: &Options, findings: &mut Vec<Finding>) {
        for requirement in &context.policy.sections.required {
            if !context.requirement_applies(requirement) {
                continue;
            }
            let Some(def) = context.policy.catalog.get(requirement.section()) else {
                continue; // unknown names are rejected when the config loads
            };
            if context.has_section(&def.name)
                || (def.toc && toc::find_region(context.source, context.document).is_some())
            {
                continue;
            }
            let (at, anchor_range) = insertion_point(context, def);
            let message = format!("required section `{}` is missing", def.heading);
            let because = requirement
                .condition()
                .map(|condition| format!("; required because {condition}"))
                .unwrap_or_default();
            findings.push(
                Finding::new(anchor_range, message)
                    .help(format!(
                        "add a `{} {}` section{}{because}",
                        "#".repeat(usize::from(context.body_level())),
                        def.heading,
                        aliases_hint(def)
                    ))
                    .fix(insert_skeleton(context, def, at)),
            );
        }
    }
}

fn aliases_hint(def: &SectionDef) -> String {
    if def.aliases.is_empty() {
        return String::new();
    }
    let shown: Vec<String> = def
        .aliases
        .iter()
        .take(3)
        .map(|alias| format!("`{alias}`"))
        .collect();
    format!(" (also accepted: {})", shown.join(", "))
}

/// Where the section goes by the policy's order, and the range a finding points at
/// (the title, else the first line): before the first present section that the order
/// puts after it, else at the end of the README.
fn insertion_point(context: &LintContext<'_>, def: &SectionDef) -> (usize, std::ops::Range<usize>) {
    let order = &context.policy.sections.order;
    let anchor = context
        .title()
        .map(|title| title.range.clone())
        .unwrap_or_else(|| {
            let start = context.source.bom_len();
            start..context.source.line_content(1).end.max(start)
        });
    let end = end_of_body(context, def);
    let Some(position) = order.iter().position(|name| *name == def.name) else {
        return (end, anchor);
    };
    let next_present = context.main_sections().find(|(_, _, found)| {
        order
            .iter()
            .position(|name| *name == found.name)
            .is_some_and(|rank| rank > position)
    });
    match next_present {
        Some((_, heading, _)) => (heading.range.start, anchor),
        None => (end, anchor),
    }
}

/// Where a section added at the end goes: before the lines that close a README (link
/// reference definitions, comments) and, for a section other than the license, before a
/// closing license statement without a heading ("MIT © Jane Doe").
fn end_of_body(context: &LintContext<'_>, def: &SectionDef) -> usize {
    let text = context.text();
    let source = context.source;
    let mut line = source.line_count();
    let mut end = text.len();
    while line >= 1 {
        let content = &text[source.line_content(line)];
        let trimmed = content.trim();
        let reference = trimmed.starts_with('[') && trimmed.contains("]:") && !trimmed.starts_with("[^");
        let comment = trimmed.starts_with("<!--") && trimmed.ends_with("-->");
        if trimmed.is_empty() || reference || comment {
            if !trimmed.is_empty() {
                end = source.line_start(line);
            }
            line -= 1;
            continue;
        }
        break;
    }
    // Blank lines before the tail stay with the body.
    let tail_start = end;
    if def.name != "license"
        && let Some(last) = context
            .document
            .blocks
            .iter()
            .rev()
            .find(|block| block.range.start < tail_start)
        && matches!(
            last.kind,
            BlockKind::Paragraph | BlockKind::BlockQuote | BlockKind::Html
        )
        && super::evidence::is_license_statement(&text[last.range.clone()])
        && !context
            .document
            .blocks
            .iter()
            .any(|block| matches!(block.kind, BlockKind::Heading(_)) && block.range.start > last.range.start)
    {
        return last.range.start;
    }
    tail_start
}

/// The fix that inserts the section's skeleton, or `None` when the text there would
/// not become a section (the README ends inside a code block or an unclosed HTML block).
fn insert_skeleton(context: &LintContext<'_>, def: &SectionDef, at: usize) -> Option<Fix> {
    let section = section_skeleton(def, context.body_level(), &context.template_values());
    let line_ending = context.line_ending();
    let section = with_line_ending(&section, line_ending);
    let insertion = block_insertion(context.text(), at, &section, line_ending);
    if !context.insertion_starts_block(at, &insertion) {
        return None;
    }
    Some(Fix::unsafe_(
        format!("insert the `{}` section", def.heading),
        vec![Edit::insert(at, insertion)],
    ))
}
