//! RL108 duplicate-section: one known section appears twice.

use super::{Category, Fixable, LintContext, Options, Rule, RuleMeta};
use crate::diagnostic::{Finding, Severity};

pub struct DuplicateSection;

static META: RuleMeta = RuleMeta {
    code: "RL108",
    name: "duplicate-section",
    category: Category::Sections,
    default_severity: Severity::Warning,
    enabled_by_default: true,
    fixable: Fixable::Never,
    summary: "The same section appears more than once",
    doc: include_str!("../../rules/docs/duplicate-section.md"),
};

impl Rule for DuplicateSection {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, _options: &Options, findings: &mut Vec<Finding>) {
        let mut seen: Vec<(&str, &str)> = Vec::new();
        for (_, heading, def) in context.main_sections() {
            match seen.iter().find(|(name, _)| *name == def.name) {
                Some((_, first)) => findings.push(
                    Finding::new(
                        heading.range.clone(),
                        format!("`{}` repeats the `{}` section above", heading.text.trim(), first),
                    )
                    .help("merge the two sections into one"),
                ),
                None => seen.push((def.name.as_str(), heading.text.trim())),
            }
        }
    }
}
