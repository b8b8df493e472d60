//! RL109 forbidden-section: a section the policy forbids is present.

use super::{Category, Fixable, LintContext, Options, Rule, RuleMeta};
use crate::diagnostic::{Finding, Severity};

pub struct ForbiddenSection;

static META: RuleMeta = RuleMeta {
    code: "RL109",
    name: "forbidden-section",
    category: Category::Sections,
    default_severity: Severity::Error,
    enabled_by_default: true,
    fixable: Fixable::Never,
    summary: "A section the policy forbids is present",
    doc: include_str!("../../rules/docs/forbidden-section.md"),
};

impl Rule for ForbiddenSection {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, _options: &Options, findings: &mut Vec<Finding>) {
        let forbidden = &context.policy.sections.forbidden;
        if forbidden.is_empty() {
            return;
        }
        for (index, heading) in context.document.headings.iter().enumerate() {
            let Some(def) = context.section_def(index) else {
                continue;
            };
            if forbidden.contains(&def.name) {
                findings.push(
                    Finding::new(
                        heading.range.clone(),
                        format!("the policy forbids a `{}` section", def.heading),
                    )
                    .help("remove the section, or move its content elsewhere"),
                );
            }
        }
    }
}
