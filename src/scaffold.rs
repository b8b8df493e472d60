//! `readme-lint new`: a README for the project in the current folder, written from the
//! section templates and the project facts, that passes the chosen preset.

use crate::config::{LoadedConfig, RuleSelection, load_preset_chain};
use crate::facts::{ManifestKind, ProjectFacts};
use crate::sections::{fill_template, section_skeleton};
use serde::Deserialize;
use std::path::Path;

const SCAFFOLD: &str = include_str!("../rules/scaffold.yml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ScaffoldData {
    workflow_badge: String,
    registry_badges: RegistryBadges,
    license_badge: String,
    description: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RegistryBadges {
    cargo: String,
    npm: String,
    python: String,
}

fn scaffold_data() -> ScaffoldData {
    serde_saphyr::from_str(SCAFFOLD).expect("rules/scaffold.yml is valid (checked by a test)")
}

/// Why a README could not be built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScaffoldError(pub String);

/// The README text for a project: title, badges, description, then Installation, Usage,
/// License and whatever else the preset requires (or `sections`), in the preset's order.
pub fn readme_for(
    facts: &ProjectFacts,
    preset: &str,
    sections: &[String],
    folder_name: &str,
) -> Result<String, ScaffoldError> {
    let layers =
        load_preset_chain(preset, Path::new(".")).map_err(|error| ScaffoldError(error.to_string()))?;
    let config = LoadedConfig::new(layers, None);
    let policy = config.policy_for(Path::new("README.md"), &RuleSelection::default());
    let data = scaffold_data();
    let mut values = facts.template_values();
    let name = facts
        .manifest
        .as_ref()
        .and_then(|manifest| manifest.name.clone())
        .or_else(|| crate::facts::values::markdown_prose(folder_name))
        .unwrap_or_else(|| "project".to_string());
    if !values.iter().any(|(key, _)| *key == "name") {
        values.push(("name", name.clone()));
    }

    let names: Vec<String> = if sections.is_empty() {
        let manifest = facts.manifest.as_ref();
        let mut required: Vec<String> = policy
            .sections
            .required
            .iter()
            .filter(|requirement| {
                requirement
                    .condition()
                    .is_none_or(|condition| holds_for_new(condition, requirement.section(), manifest))
            })
            .map(|requirement| requirement.section().to_string())
            .collect();
        // A new README says how to install and use the project and under what license,
        // whatever a preset requires of READMEs already written.
        for base in ["installation", "usage", "license"] {
            if policy.catalog.get(base).is_some() && !required.iter().any(|name| name == base) {
                let installable = manifest.is_none_or(|m| m.publishable);
                if base != "installation" || installable {
                    required.push(base.to_string());
                }
            }
        }
        let rank = |section: &String| policy.sections.order.iter().position(|name| name == section);
        required.sort_by_key(|section| rank(section).unwrap_or(usize::MAX));
        required
    } else {
        sections.to_vec()
    };

    let mut out = format!("# {name}\n\n");
    let badges = badges(facts, &data, &values);
    if !badges.is_empty() {
        out.push_str(&badges.join("\n"));
        out.push_str("\n\n");
    }
    let description = facts
        .manifest
        .as_ref()
        .and_then(|manifest| manifest.description.clone())
        .filter(|description| !description.trim().is_empty())
        .or_else(|| fill_template(&data.description, &values))
        .unwrap_or_default();
    out.push_str(description.trim());
    out.push_str("\n\n");

    for section_name in &names {
        let Some(def) = policy.catalog.get(section_name) else {
            let known: Vec<&str> = policy.catalog.names().collect();
            return Err(ScaffoldError(format!(
                "unknown section `{section_name}`; {}",
                crate::config::error::suggestion(section_name, &known)
            )));
        };
        out.push_str(&section_skeleton(def, 2, &values));
        out.push('\n');
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    Ok(out)
}

/// Whether a requirement's condition holds for a README being written. A new README
/// states the license whatever else does, says how to install the project unless its
/// manifest says it is never published, and gets the sections that longer READMEs must
/// have, but for the table of contents, which comes when it grows.
fn holds_for_new(
    condition: &crate::config::file::Condition,
    section: &str,
    manifest: Option<&crate::facts::Manifest>,
) -> bool {
    use crate::config::file::Condition;
    match condition {
        Condition::Installable => manifest.is_none_or(|m| m.publishable),
        Condition::HasBinary => manifest.is_some_and(|m| m.has_binary),
        Condition::MinLines(_) => section != "table-of-contents",
        Condition::Unlicensed => true,
        Condition::All(conditions) => conditions
            .iter()
            .all(|condition| holds_for_new(condition, section, manifest)),
    }
}

fn badges(facts: &ProjectFacts, data: &ScaffoldData, values: &[(&'static str, String)]) -> Vec<String> {
    let mut badges = Vec::new();
    let on_github = facts
        .git
        .origin
        .as_ref()
        .is_some_and(|origin| origin.host == "github.com");
    if on_github {
        for workflow in &facts.git.workflows {
            let mut workflow_values = values.to_vec();
            let name = workflow.name.clone().unwrap_or_else(|| workflow.file.clone());
            // The badge's alt text: escaped, since a workflow's name may hold `]` or `<`.
            let name = crate::facts::values::markdown_prose(&name).unwrap_or_else(|| workflow.file.clone());
            workflow_values.push(("workflow-name", name));
            workflow_values.push(("workflow-file", workflow.file.clone()));
            badges.extend(fill_template(&data.workflow_badge, &workflow_values));
        }
    }
    if let Some(manifest) = facts.manifest.as_ref().filter(|manifest| manifest.publishable) {
        let template = match manifest.kind {
            ManifestKind::Cargo => &data.registry_badges.cargo,
            ManifestKind::Npm => &data.registry_badges.npm,
            ManifestKind::Python => &data.registry_badges.python,
        };
        badges.extend(fill_template(template, values));
    }
    if let Some(license) = facts
        .manifest
        .as_ref()
        .and_then(|manifest| manifest.license.as_ref())
    {
        let mut license_values = values.to_vec();
        license_values.push(("license-badge", shields_escape(license)));
        badges.extend(fill_template(&data.license_badge, &license_values));
    }
    badges
}

/// Escapes text for a shields.io static badge path: `-` and `_` doubled, spaces as `%20`,
/// as static-badge-mismatch writes a badge it fixes.
fn shields_escape(text: &str) -> String {
    crate::badges::static_badge::encode(text, "%20", crate::badges::static_badge::Form::Path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scaffold_data_parses() {
        let data = scaffold_data();
        assert!(data.workflow_badge.contains("{{workflow-file}}"));
    }

    #[test]
    fn license_is_escaped_for_shields() {
        assert_eq!(shields_escape("MIT OR Apache-2.0"), "MIT%20OR%20Apache--2.0");
    }

    #[test]
    fn readme_without_facts_has_every_required_section() {
        let text = readme_for(&ProjectFacts::default(), "recommended", &[], "demo").unwrap();
        assert!(text.starts_with("# demo\n\n"));
        let installation = text.find("## Installation").unwrap();
        let usage = text.find("## Usage").unwrap();
        let license = text.find("## License").unwrap();
        assert!(installation < usage && usage < license);
    }
}
