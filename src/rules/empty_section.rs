//! RL107 empty-section: a heading with nothing under it.

use super::{Category, Fixable, LintContext, Options, Rule, RuleMeta};
use crate::diagnostic::{Finding, Severity};
use crate::document::BlockKind;

pub struct EmptySection;

static META: RuleMeta = RuleMeta {
    code: "RL107",
    name: "empty-section",
    category: Category::Sections,
    default_severity: Severity::Warning,
    enabled_by_default: true,
    fixable: Fixable::Never,
    summary: "A section has a heading and no content",
    doc: include_str!("../../rules/docs/empty-section.md"),
};

impl Rule for EmptySection {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, _options: &Options, findings: &mut Vec<Finding>) {
        let text = context.text();
        // Each empty heading with its level, in order: a run of empty siblings is a list of
        // names (an API outline written as headings), reported as nothing.
        let mut empty: Vec<(usize, u8)> = Vec::new();
        for (index, heading) in context.document.top_level_headings() {
            if Some(index) == context.title_index() {
                continue;
            }
            // API references list overloads as bare sibling headings sharing one text
            // ("#### `isReadable(value)`" then "#### `isWritable(value)`"); only the main
            // sections and their direct subsections are expected to carry their own text.
            let written = &text[heading.text_range.clone()];
            if heading.level > context.body_level() + 1 || written.starts_with('`') || written.contains('(') {
                continue;
            }
            // A heading holding a link (`## [Changelog](CHANGELOG.md)`) points at its content.
            // Links are in document order, so the first one at or after the heading decides.
            let links = &context.document.links;
            let first = links.partition_point(|link| link.range.start < heading.range.start);
            let heading_links = links[first..]
                .iter()
                .take_while(|link| link.range.start < heading.range.end)
                .any(|link| link.range.end <= heading.range.end);
            if heading_links {
                continue;
            }
            let range = context.section_range(index);
            let mut blocks = context.document.blocks_in(range.clone());
            // Subsections make an outline (an API reference of headings, a FAQ): the
            // section is their parent, not empty.
            // The section ends at the next heading of its level or higher, so any top-level
            // heading inside it is a subsection: the next one decides.
            let has_subsections = context.document.headings[index + 1..]
                .iter()
                .find(|other| other.top_level)
                .is_some_and(|other| other.level > heading.level && range.contains(&other.range.start));
            let has_content = has_subsections
                || blocks.any(|block| match block.kind {
                    BlockKind::Heading(_) => false,
                    BlockKind::Html => !crate::html::is_only_comments(text, block.range.clone()),
                    _ => true,
                });
            if !has_content && !heading_is_content(context, index) {
                empty.push((index, heading.level));
            }
        }
        let headings: Vec<usize> = context
            .document
            .top_level_headings()
            .map(|(index, _)| index)
            .collect();
        let empty_set: std::collections::HashSet<usize> = empty.iter().map(|(index, _)| *index).collect();
        let is_empty = |index: usize| empty_set.contains(&index);
        let positions: std::collections::HashMap<usize, usize> = headings
            .iter()
            .enumerate()
            .map(|(position, &index)| (index, position))
            .collect();
        for &(index, level) in &empty {
            let position = positions.get(&index).copied().unwrap_or(0);
            let sibling_empty = |neighbour: Option<&usize>| {
                neighbour
                    .is_some_and(|&other| context.document.headings[other].level == level && is_empty(other))
            };
            if sibling_empty(position.checked_sub(1).and_then(|before| headings.get(before)))
                || sibling_empty(headings.get(position + 1))
            {
                continue;
            }
            let heading = &context.document.headings[index];
            findings.push(
                Finding::new(
                    heading.range.clone(),
                    format!("section `{}` is empty", heading.text.trim()),
                )
                .help("write its content or remove the heading"),
            );
        }
    }
}

/// A heading that says all there is to say: a license named in it (`## MIT Licensed`,
/// `## License: MIT`), or a tagline right under the title (`### Simplest way to make
/// http get requests`), or a label with its value (`## Stability status: Locked`).
fn heading_is_content(context: &LintContext<'_>, index: usize) -> bool {
    let heading = &context.document.headings[index];
    if heading
        .text
        .split_once(": ")
        .is_some_and(|(label, value)| !label.trim().is_empty() && value.chars().any(char::is_alphanumeric))
    {
        return true;
    }
    let words = heading.text.split_whitespace().count();
    let catalog = &context.policy.catalog;
    let names_license = catalog
        .heading_sections(&heading.text)
        .iter()
        .any(|def| def.name == "license");
    if names_license && catalog.classify(&heading.text).is_none() && words >= 2 {
        return true;
    }
    let first_after_title = context
        .document
        .top_level_headings()
        .find(|(other, candidate)| {
            Some(*other) != context.title_index() && candidate.range.start >= context.title_end().unwrap_or(0)
        })
        .is_some_and(|(first, _)| first == index);
    first_after_title && catalog.heading_sections(&heading.text).is_empty() && words >= 3
}
