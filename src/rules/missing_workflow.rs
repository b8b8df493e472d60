//! RL207 missing-workflow: a GitHub Actions badge shows a workflow that is not
//! in `.github/workflows/`.

use super::{Category, Fixable, LintContext, Options, Rule, RuleMeta};
use crate::badges::catalog::{Blocked, decode_workflow_name, same_repository, workflow_file_for};
use crate::badges::url::percent_decode;
use crate::diagnostic::{Finding, Severity};

pub struct MissingWorkflow;

static META: RuleMeta = RuleMeta {
    code: "RL207",
    name: "missing-workflow",
    category: Category::Badges,
    default_severity: Severity::Error,
    enabled_by_default: true,
    fixable: Fixable::Never,
    summary: "A workflow badge shows a workflow that is not in .github/workflows/",
    doc: include_str!("../../rules/docs/missing-workflow.md"),
};

impl Rule for MissingWorkflow {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, _options: &Options, findings: &mut Vec<Finding>) {
        let Some(origin) = context.facts.git.origin.as_ref() else {
            return;
        };
        let workflows = &context.facts.git.workflows;
        let files: Vec<&str> = workflows.iter().map(|workflow| workflow.file.as_str()).collect();
        let help = if files.is_empty() {
            "this repository has no workflow files; remove the badge or add the workflow".to_string()
        } else {
            format!("point the badge at one of: {}", files.join(", "))
        };
        for badge in context.badges() {
            let Some(matched) = &badge.image_match else {
                continue;
            };
            if !matches!(
                matched.service.def.id.as_str(),
                "github-actions" | "shields-github-actions"
            ) {
                continue;
            }
            let url = &badge.image.url;
            let Some(repository) = matched.repository(url) else {
                continue;
            };
            if !same_repository(&repository, origin) {
                continue;
            }
            let message = if let Some(file) = matched.get(url, "workflow-file") {
                let file = percent_decode(file);
                // Workflows in subfolders are not read; nothing to compare with.
                if file.contains('/') || files.contains(&file.as_str()) {
                    continue;
                }
                format!("the badge shows workflow `{file}`, which is not in .github/workflows/")
            } else if let Some(name) = matched.get(url, "workflow") {
                let name = decode_workflow_name(name);
                match workflow_file_for(&name, workflows) {
                    Err(Blocked::NoWorkflowNamed(_)) => {
                        format!(
                            "the badge shows the workflow named `{name}`, but no workflow in .github/workflows/ has that name"
                        )
                    }
                    _ => continue,
                }
            } else {
                continue;
            };
            findings.push(Finding::new(badge.image_range(), message).help(help.clone()));
        }
    }
}
