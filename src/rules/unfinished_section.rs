//! RL112 unfinished-section: a section skeleton readme-lint inserted has not been filled in.

use super::{Category, Fixable, LintContext, Options, Rule, RuleMeta};
use crate::diagnostic::{Finding, Severity};

pub struct UnfinishedSection;

static META: RuleMeta = RuleMeta {
    code: "RL112",
    name: "unfinished-section",
    category: Category::Sections,
    default_severity: Severity::Error,
    enabled_by_default: true,
    fixable: Fixable::Never,
    summary: "A section skeleton still has its fill-in marker: it needs a person's words",
    doc: include_str!("../../rules/docs/unfinished-section.md"),
};

/// The marker the section templates put after text a person must write.
pub const FILL_IN_MARKER: &str = "readme-lint: fill in";

impl Rule for UnfinishedSection {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, _options: &Options, findings: &mut Vec<Finding>) {
        let text = context.text();
        for html in &context.document.html {
            for comment in crate::html::comments(text, html.range.clone()) {
                let range = comment.range.clone();
                if !comment.body(text).eq_ignore_ascii_case(FILL_IN_MARKER) {
                    continue;
                }
                let section = context
                    .document
                    .headings
                    .iter()
                    .rev()
                    .find(|heading| heading.range.end <= range.start)
                    .map(|heading| format!("section `{}`", heading.text.trim()))
                    .unwrap_or_else(|| "this section".to_string());
                findings.push(
                    Finding::new(range, format!("{section} is a skeleton still to be filled in")).help(
                        "write the section's text, then remove the `<!-- readme-lint: fill in -->` marker",
                    ),
                );
            }
        }
    }
}
