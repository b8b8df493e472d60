//! RL101 missing-title: the README should open with one level-1 heading.

use super::context::html_h1_before;
use super::{Category, Fixable, LintContext, Options, Rule, RuleMeta};
use crate::diagnostic::{Finding, Severity};
use crate::document::BlockKind;
use crate::fix::{Edit, Fix};

pub struct MissingTitle;

static META: RuleMeta = RuleMeta {
    code: "RL101",
    name: "missing-title",
    category: Category::Sections,
    default_severity: Severity::Error,
    enabled_by_default: true,
    fixable: Fixable::Sometimes,
    summary: "The README has no level-1 title first, or has more than one",
    doc: include_str!("../../rules/docs/missing-title.md"),
};

impl Rule for MissingTitle {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, _options: &Options, findings: &mut Vec<Finding>) {
        let text = context.text();
        // An HTML `<h1>` counts as the title when it comes before the first Markdown
        // level-1 heading (or, without one, before the first heading).
        let limit = context
            .document
            .top_level_headings()
            .find(|(_, heading)| heading.level == 1)
            .or_else(|| context.document.top_level_headings().next())
            .map_or(text.len(), |(_, heading)| heading.range.start);
        let html_title = html_h1_before(text, context.document, limit);
        match context.title() {
            None if !html_title => {
                findings.push(no_title(context));
                return;
            }
            None => {}
            Some(title) => {
                let leading_content = context.document.blocks.iter().find(|block| {
                    block.range.start < title.range.start
                        && !may_precede_title(context, block.kind, &text[block.range.clone()])
                });
                if let Some(block) = leading_content {
                    findings.push(
                        Finding::new(
                            title.range.clone(),
                            "the title is not the first thing in the README",
                        )
                        .help(format!(
                            "move the content on line {} below the title, or make the title the first line",
                            context.source.line_of(block.range.start)
                        )),
                    );
                }
            }
        }

        // One finding for all extra level-1 headings: a README that uses `#` for every
        // section has one problem, not one per section.
        let mut extra = context
            .document
            .top_level_headings()
            .filter(|(index, heading)| heading.level == 1 && Some(*index) != context.title_index())
            .map(|(_, heading)| heading);
        if let Some(first_extra) = extra.next() {
            let others = extra.count();
            let message = if others == 0 {
                "more than one level-1 heading".to_string()
            } else {
                format!("{} more level-1 headings after the title", others + 1)
            };
            findings.push(
                Finding::new(first_extra.range.clone(), message)
                    .help("keep one title; make the other level-1 headings level 2"),
            );
        }
    }
}

/// Badges, a banner image, HTML and front matter may stand above the title.
fn may_precede_title(context: &LintContext<'_>, kind: BlockKind, block_text: &str) -> bool {
    match kind {
        BlockKind::FrontMatter | BlockKind::Html | BlockKind::ThematicBreak => true,
        BlockKind::Paragraph => is_only_images_and_links(context, block_text),
        _ => false,
    }
}

/// True when a paragraph holds nothing but images (badges, banners) and links around them.
fn is_only_images_and_links(context: &LintContext<'_>, block_text: &str) -> bool {
    let block_start = block_text.as_ptr() as usize - context.text().as_ptr() as usize;
    let block_end = block_start + block_text.len();
    let mut rest = String::new();
    let mut cursor = block_start;
    let mut links: Vec<_> = context
        .document
        .links
        .iter()
        .filter(|link| link.range.start >= block_start && link.range.end <= block_end)
        .collect();
    links.sort_by_key(|link| link.range.start);
    let mut saw_image = false;
    for link in links {
        saw_image |= link.is_image;
        if link.range.start >= cursor {
            rest.push_str(&context.text()[cursor..link.range.start]);
            cursor = link.range.end;
        }
    }
    rest.push_str(&context.text()[cursor.min(block_end)..block_end]);
    saw_image && rest.chars().all(|ch| ch.is_whitespace() || "|·•-–—".contains(ch))
}

fn no_title(context: &LintContext<'_>) -> Finding {
    let text = context.text();
    let first_block = context
        .document
        .blocks
        .iter()
        .find(|block| block.kind != BlockKind::FrontMatter);
    let range = match first_block {
        Some(block) => {
            block.range.start
                ..context
                    .source
                    .line_content(context.source.line_of(block.range.start))
                    .end
        }
        None => context.source.bom_len()..text.len(),
    };
    let name = context
        .facts
        .manifest
        .as_ref()
        .and_then(|manifest| manifest.name.clone());
    let fix = name.map(|name| {
        let line_ending = context.line_ending();
        let at = first_block.map_or(text.len(), |block| block.range.start);
        let heading = format!("# {name}{line_ending}");
        Fix::unsafe_(
            format!("insert the title `# {name}`"),
            vec![Edit::insert(
                at,
                super::context::block_insertion(text, at, &heading, line_ending),
            )],
        )
    });
    Finding::new(range, "the README has no title (a level-1 heading)")
        .help("start the README with `# Project name`")
        .fix(fix)
}
