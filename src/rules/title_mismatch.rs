//! RL102 title-mismatch: the title should name the package the manifest describes.

use super::{Category, Fixable, LintContext, Options, Rule, RuleMeta};
use crate::diagnostic::{Finding, Severity};
use crate::fix::{Applicability, Edit, Fix};

pub struct TitleMismatch;

static META: RuleMeta = RuleMeta {
    code: "RL102",
    name: "title-mismatch",
    category: Category::Sections,
    default_severity: Severity::Warning,
    enabled_by_default: false,
    fixable: Fixable::Suggests,
    summary: "The title does not name the package from the manifest",
    doc: include_str!("../../rules/docs/title-mismatch.md"),
};

impl Rule for TitleMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, _options: &Options, findings: &mut Vec<Finding>) {
        let Some(title) = context.title() else { return };
        // A vendored upstream README, or one of examples or tests, names something else;
        // and a README that opens with a section (`# Installation`) has no name to compare.
        if !context.is_project_readme() || context.policy.catalog.classify(&title.text).is_some() {
            return;
        }
        let Some(manifest) = context.facts.manifest.as_ref() else {
            return;
        };
        let Some(name) = manifest.name.as_deref() else {
            return;
        };
        if title.text.trim().is_empty() || title_names_package(&title.text, name) {
            return;
        }
        let file_name = manifest
            .path
            .file_name()
            .map_or_else(String::new, |name| name.to_string_lossy().into_owned());
        findings.push(
            Finding::new(
                title.text_range.clone(),
                format!(
                    "the title `{}` does not name the package `{name}` ({file_name})",
                    title.text.trim()
                ),
            )
            .help(format!("name the package in the title, e.g. `# {name}`"))
            .fix(Some(Fix::new(
                format!("rename the title to `{name}`"),
                Applicability::DisplayOnly,
                vec![Edit::replace(title.text_range.clone(), name)],
            ))),
        );
    }
}

/// True when the title contains the package name as a whole word, comparing
/// case-insensitively and treating `-`, `_`, `.` and spaces alike
/// ("readme-lint", "Readme Lint: ...", "The readme_lint library").
pub fn title_names_package(title: &str, name: &str) -> bool {
    let name = name.rsplit('/').next().unwrap_or(name); // npm scopes: @scope/name
    let words = |text: &str| -> Vec<String> {
        text.split(|ch: char| !ch.is_alphanumeric())
            .filter(|word| !word.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let title_words = words(title);
    let name_words = words(name);
    if name_words.is_empty() {
        return true;
    }
    let joined_name: String = name_words.concat();
    if title_words
        .windows(name_words.len())
        .any(|window| window == name_words.as_slice())
    {
        return true;
    }
    // "ReadmeLint" or "readmelint" for "readme-lint".
    title_words.contains(&joined_name)
}

#[cfg(test)]
mod tests {
    use super::title_names_package;

    #[test]
    fn matches_names_written_differently() {
        assert!(title_names_package("readme-lint", "readme-lint"));
        assert!(title_names_package("Readme Lint: README policy", "readme-lint"));
        assert!(title_names_package("ReadmeLint", "readme_lint"));
        assert!(title_names_package("The `serde` framework", "serde"));
        assert!(title_names_package("Next.js", "@vercel/next.js"));
        assert!(!title_names_package("Serde JSON", "serde-yaml"));
        assert!(!title_names_package("My project", "other"));
    }
}
