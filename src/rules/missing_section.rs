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
            let at = at.map(|at| outside_generated_block(context, at));
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
                    .fix(at.and_then(|at| insert_skeleton(context, def, at))),
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
fn insertion_point(context: &LintContext<'_>, def: &SectionDef) -> (Option<usize>, std::ops::Range<usize>) {
    let text = context.text();
    let order = &context.policy.sections.order;
    let anchor = context
        .title()
        .map(|title| title.range.clone())
        .unwrap_or_else(|| {
            let start = context.source.bom_len();
            start..context.source.line_content(1).end.max(start)
        });
    // A table of contents goes before the first section, to list them all; a README
    // without sections gets none.
    if def.toc {
        let after = context.title_end().unwrap_or(0);
        let first = context
            .document
            .top_level_headings()
            .find(|(index, heading)| heading.range.start >= after && Some(*index) != context.title_index());
        return (
            first.map(|(index, _)| context.document.heading_start(text, index)),
            anchor,
        );
    }
    let end = end_of_body(context, def);
    let Some(position) = order.iter().position(|name| *name == def.name) else {
        return (Some(end), anchor);
    };
    let next_present = context.main_sections().find(|(_, _, found)| {
        order
            .iter()
            .position(|name| *name == found.name)
            .is_some_and(|rank| rank > position)
    });
    match next_present {
        // Before the heading, and before the HTML anchors written for it.
        Some((index, _, _)) => (Some(context.document.heading_start(text, index)), anchor),
        None => (Some(end), anchor),
    }
}

/// An insertion point moved out of a block a tool generates between markers
/// (`<!-- cargo-rdme start -->` ... `<!-- cargo-rdme end -->`, `<!-- ALL-CONTRIBUTORS-LIST:START -->`):
/// the tool's next run would throw the inserted section away.
fn outside_generated_block(context: &LintContext<'_>, at: usize) -> usize {
    let text = context.text();
    let comments: Vec<(std::ops::Range<usize>, String)> = context
        .document
        .html
        .iter()
        .filter(|html| html.is_block)
        .flat_map(|html| crate::html::comments(text, html.range.clone()))
        .map(|comment| (comment.range.clone(), comment.body(text).to_ascii_lowercase()))
        .collect();
    for (index, (start, body)) in comments.iter().enumerate() {
        let Some(name) = body
            .strip_suffix("start")
            .or_else(|| body.strip_suffix("begin"))
            .map(|name| name.trim_end_matches([' ', ':', '-', '_']))
        else {
            continue;
        };
        let end = comments[index + 1..].iter().find(|(_, later)| {
            later
                .strip_suffix("end")
                .is_some_and(|later_name| later_name.trim_end_matches([' ', ':', '-', '_']) == name)
        });
        if let Some((end, _)) = end
            && start.end <= at
            && at < end.end
        {
            return context.source.next_line_start(end.end.saturating_sub(1));
        }
    }
    at
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
        let comment = trimmed.ends_with("-->") && crate::html::is_only_comments(trimmed, 0..trimmed.len());
        if trimmed.is_empty() || reference || comment {
            if !trimmed.is_empty() {
                end = source.line_start(line);
            }
            line -= 1;
            continue;
        }
        break;
    }
    // Blank lines before the tail stay with the body. A thematic break with a few
    // blocks after it and no heading is a footer ("generated by ...", credits): the
    // section goes before it.
    let mut tail_start = end;
    let blocks = &context.document.blocks;
    if let Some(position) = blocks
        .iter()
        .rposition(|block| block.kind == BlockKind::ThematicBreak)
    {
        let after = &blocks[position + 1..];
        let footer = after.len() <= 3
            && after
                .iter()
                .all(|block| !matches!(block.kind, BlockKind::Heading(_)))
            && after.iter().all(|block| block.range.start < tail_start);
        if footer && blocks[position].range.start < tail_start {
            tail_start = blocks[position].range.start;
        }
    }
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
