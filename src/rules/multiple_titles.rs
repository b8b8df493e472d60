//! RL111 multiple-titles: a level-1 heading among level-2 sections reads as a second title.

use super::context::is_picture_heading;
use super::{Category, Fixable, LintContext, Options, Rule, RuleMeta};
use crate::diagnostic::{Finding, Severity};

pub struct MultipleTitles;

static META: RuleMeta = RuleMeta {
    code: "RL111",
    name: "multiple-titles",
    category: Category::Sections,
    default_severity: Severity::Warning,
    enabled_by_default: true,
    fixable: Fixable::Never,
    summary: "A level-1 heading stands among level-2 sections, like a second title",
    doc: include_str!("../../rules/docs/multiple-titles.md"),
};

impl Rule for MultipleTitles {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, _options: &Options, findings: &mut Vec<Finding>) {
        if context.title_found().is_none() {
            return;
        }
        findings.extend(stray_level_one_headings(context));
    }
}

/// Level-1 headings that break the README's outline: a level-1 heading with level-2
/// sections before it and after it (a lone `# API` among `##` sections, `# Usage` between
/// `## Version` sections). A README whose sections start at level 1 (`#` for each, `##`
/// below), or whose level-1 headings only close it (`# License` after the `##` sections,
/// a common template), or that has two or more level-1 parts (a planned second tier),
/// is consistent enough and is not reported.
fn stray_level_one_headings(context: &LintContext<'_>) -> Option<Finding> {
    let title = context.title_index();
    let title_end = context.title_end().unwrap_or(0);
    let body: Vec<&crate::document::Heading> = context
        .document
        .top_level_headings()
        .filter(|(index, heading)| Some(*index) != title && heading.range.start >= title_end)
        .map(|(_, heading)| heading)
        // `# <img src="benchmarks.png">`: a picture made big, not a heading a reader reads.
        .filter(|heading| !is_picture_heading(context.text(), context.document, heading))
        .collect();
    let extra: Vec<&&crate::document::Heading> = body.iter().filter(|heading| heading.level == 1).collect();
    let first_extra = extra.first()?;
    // Level-1 headings that only close the README (`## Usage` ... then `# License`, a
    // common template) keep the outline readable; one with level-2 sections after it
    // opens a second outline.
    // Sections that start at level 1 (each with `##` below it) are consistent too: a
    // level-1 heading breaks the outline when level-2 sections come before it and after it.
    let first_level_two = body.iter().position(|heading| heading.level == 2)?;
    let last_level_two = body.iter().rposition(|heading| heading.level == 2)?;
    let first_level_one = body.iter().position(|heading| heading.level == 1)?;
    if first_level_one > last_level_two || first_level_one < first_level_two {
        return None;
    }
    // Two or more level-1 headings, each with its level-2 sections, are a second tier of
    // parts the author planned (labelled samples found them a matter of taste); a lone
    // one among level-2 sections is a slip.
    if extra.len() > 1 {
        return None;
    }
    let message = "more than one level-1 heading".to_string();
    Some(
        Finding::new(first_extra.range.clone(), message)
            .help("keep one title; make the other level-1 headings level 2"),
    )
}
