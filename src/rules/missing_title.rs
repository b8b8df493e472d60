//! RL101 missing-title: the README should open with one level-1 heading.

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
    summary: "The README does not open with a title",
    doc: include_str!("../../rules/docs/missing-title.md"),
};

impl Rule for MissingTitle {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, _options: &Options, findings: &mut Vec<Finding>) {
        if context.title_found().is_none() {
            // A heading further down that would be a title (it names no section) means
            // something stands above it; else there is no title at all.
            // The first heading of the README, when it is level 1, names no section and comes
            // within the first few blocks, is a title with something in front of it (a
            // notice); a heading further down is a section whose name the catalogue does
            // not know, and the README has no title.
            let late_title = context
                .document
                .top_level_headings()
                .next()
                .filter(|(_, heading)| {
                    heading.level == 1 && context.policy.catalog.classify(&heading.text).is_none()
                })
                // "What are type witnesses?": a question heads a section, not a project.
                .filter(|(_, heading)| !is_question(&heading.text))
                .filter(|(_, heading)| {
                    context
                        .document
                        .blocks
                        .iter()
                        .take_while(|block| block.range.start < heading.range.start)
                        .count()
                        <= 3
                });
            // A short README without headings is a note or a pointer, not a project's page.
            if late_title.is_none()
                && context.document.headings.is_empty()
                && context.source.line_count() < 15
            {
                return;
            }
            match late_title {
                Some((_, heading)) => {
                    let first = context
                        .document
                        .blocks
                        .iter()
                        .find(|block| block.kind != BlockKind::FrontMatter)
                        .map_or(heading.range.start, |block| block.range.start);
                    findings.push(
                        Finding::new(
                            heading.range.clone(),
                            "the title is not the first thing in the README",
                        )
                        .help(format!(
                            "move the content on line {} below the title, or make the title the first line",
                            context.source.line_of(first)
                        )),
                    );
                }
                None => findings.push(no_title(context)),
            }
        }
    }
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
    Finding::new(range, "the README has no title")
        .help("start the README with `# Project name` (or a logo image with the name as its alt text)")
        .fix(fix)
}

/// A heading phrased as a question ("What are type witnesses", "Why?").
fn is_question(text: &str) -> bool {
    let lower = text.trim().to_lowercase();
    lower.ends_with('?')
        || ["what ", "why ", "how ", "when ", "where ", "who "]
            .iter()
            .any(|word| lower.starts_with(word))
}
