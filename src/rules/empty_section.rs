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
            let has_content = context.document.blocks_in(range).any(|block| match block.kind {
                BlockKind::Heading(_) => false,
                BlockKind::Html => !is_only_comments(&text[block.range.clone()]),
                _ => true,
            });
            if !has_content {
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
}

fn is_only_comments(html: &str) -> bool {
    let mut rest = html.trim();
    while let Some(after) = rest.strip_prefix("<!--") {
        match after.find("-->") {
            Some(end) => rest = after[end + 3..].trim_start(),
            None => return true,
        }
    }
    rest.is_empty()
}
