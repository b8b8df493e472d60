//! The rule registry, the trait every rule implements, and what a rule may read.
//!
//! Adding a rule: `cargo run --example new-rule -- NAME CODE` (dev/new_rule.rs) writes
//! the four files a rule is made of: `src/rules/<name>.rs` (a unit struct implementing
//! [`Rule`]), its `mod` line and entry in [`RULES`] here, `rules/docs/<name>.md`, and
//! `tests/fixtures/<name>/` (a fixture and a config that turns the rule on). It then
//! regenerates what derives from them: the fixture's snapshot, the README's rules table,
//! `readme-lint.schema.json` and the `config` command's snapshot.

mod ambiguous_date;
mod badge_branch;
mod badge_broken;
mod badge_placement;
mod badge_secret;
mod badge_unknown;
mod badge_wrong_repo;
mod broken_anchor;
mod broken_link;
mod context;
mod date_format;
mod dead_badge_service;
mod duplicate_badge;
mod duplicate_section;
mod empty_section;
mod evidence;
mod forbidden_section;
mod future_date;
mod github_branch_link;
mod insecure_badge_url;
mod install_version_mismatch;
mod invalid_date;
mod legacy_badge_url;
mod missing_description;
mod missing_section;
mod missing_title;
mod missing_workflow;
mod multiple_titles;
mod outdated_copyright;
pub mod policy;
mod prose;
mod registry_relative_link;
mod required_badges;
mod section_name;
mod section_order;
mod stale_date;
mod static_badge_mismatch;
mod title_mismatch;
mod toc_out_of_date;
mod undefined_link_reference;
mod unfinished_section;
mod unused_link_definition;
pub mod unused_suppression;

pub use crate::diagnostic::{Category, Fixable, RuleMeta};
pub use context::{LintContext, Title};
pub use policy::{Condition, Level, Policy, Requirement, RuleState, SectionPolicy};

use crate::diagnostic::Finding;
use serde::de::DeserializeOwned;

pub type Options = serde_json::Map<String, serde_json::Value>;

pub trait Rule: Sync {
    fn meta(&self) -> &'static RuleMeta;

    /// Appends the rule's findings for one document.
    fn check(&self, context: &LintContext<'_>, options: &Options, findings: &mut Vec<Finding>);

    /// Rejects options the rule does not take; called when a config is loaded.
    fn check_options(&self, options: &Options) -> Result<(), String> {
        match options.keys().next() {
            None => Ok(()),
            Some(key) => Err(format!("this rule takes no options (got `{key}`)")),
        }
    }
}

/// Every rule, in code order.
pub static RULES: &[&dyn Rule] = &[
    &unused_suppression::UnusedSuppression,
    &missing_title::MissingTitle,
    &title_mismatch::TitleMismatch,
    &missing_description::MissingDescription,
    &missing_section::MissingSection,
    &section_name::SectionName,
    &section_order::SectionOrder,
    &empty_section::EmptySection,
    &duplicate_section::DuplicateSection,
    &forbidden_section::ForbiddenSection,
    &toc_out_of_date::TocOutOfDate,
    &multiple_titles::MultipleTitles,
    &unfinished_section::UnfinishedSection,
    &dead_badge_service::DeadBadgeService,
    &legacy_badge_url::LegacyBadgeUrl,
    &insecure_badge_url::InsecureBadgeUrl,
    &static_badge_mismatch::StaticBadgeMismatch,
    &badge_wrong_repo::BadgeWrongRepo,
    &badge_branch::BadgeBranch,
    &missing_workflow::MissingWorkflow,
    &badge_secret::BadgeSecret,
    &badge_placement::BadgePlacement,
    &required_badges::RequiredBadges,
    &duplicate_badge::DuplicateBadge,
    &badge_broken::BadgeBroken,
    &badge_unknown::BadgeUnknown,
    &date_format::DateFormatRule,
    &ambiguous_date::AmbiguousDate,
    &invalid_date::InvalidDate,
    &stale_date::StaleDate,
    &future_date::FutureDate,
    &outdated_copyright::OutdatedCopyright,
    &broken_link::BrokenLink,
    &broken_anchor::BrokenAnchor,
    &registry_relative_link::RegistryRelativeLink,
    &install_version_mismatch::InstallVersionMismatch,
    &github_branch_link::GithubBranchLink,
    &unused_link_definition::UnusedLinkDefinition,
    &undefined_link_reference::UndefinedLinkReference,
];

/// The rule with this name or code (codes are matched case-insensitively).
pub fn find(name_or_code: &str) -> Option<&'static dyn Rule> {
    RuleId::find(name_or_code).map(RuleId::rule)
}

/// A rule of the registry: looked up once from a name or code, then carried instead of
/// the name. It is the rule's place in [`RULES`], which also indexes each file's
/// [`Policy::rules`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RuleId(u16);

impl RuleId {
    /// The rule with this name or code (codes are matched case-insensitively).
    pub fn find(name_or_code: &str) -> Option<RuleId> {
        RULES
            .iter()
            .position(|rule| {
                rule.meta().name == name_or_code || rule.meta().code.eq_ignore_ascii_case(name_or_code)
            })
            .map(|index| RuleId(index as u16))
    }

    /// The registered rule that `meta` describes.
    pub fn of(meta: &RuleMeta) -> RuleId {
        RuleId::find(meta.name).expect("every rule's metadata is registered")
    }

    /// Every rule, in registry order.
    pub fn all() -> impl Iterator<Item = RuleId> {
        (0..RULES.len()).map(|index| RuleId(index as u16))
    }

    pub fn rule(self) -> &'static dyn Rule {
        RULES[self.index()]
    }

    /// The rule's place in [`RULES`] (and in [`Policy::rules`]).
    pub fn index(self) -> usize {
        usize::from(self.0)
    }
}

/// Parses a rule's options into its typed form (which should deny unknown fields).
pub fn parse_options<T: DeserializeOwned + Default>(options: &Options) -> Result<T, String> {
    if options.is_empty() {
        return Ok(T::default());
    }
    serde_json::from_value(serde_json::Value::Object(options.clone())).map_err(|error| error.to_string())
}

/// The rules as a Markdown table, as kept in README.md (a test keeps them in sync).
pub fn markdown_table() -> String {
    let mut table = String::from(
        "| Code | Name | Category | Fix | Default | What it reports |\n|---|---|---|---|---|---|\n",
    );
    for rule in RULES {
        let meta = rule.meta();
        let fix = match meta.fixable {
            Fixable::Never => "no",
            Fixable::Suggests => "suggests",
            Fixable::Sometimes => "sometimes",
            Fixable::Always => "yes",
        };
        let level = if meta.enabled_by_default {
            meta.default_severity.as_str()
        } else {
            "off"
        };
        table.push_str(&format!(
            "| {} | [{}](rules/docs/{}.md) | {} | {} | {} | {} |\n",
            meta.code,
            meta.name,
            meta.name,
            meta.category.as_str(),
            fix,
            level,
            meta.summary
        ));
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names_are_unique_and_well_formed() {
        let mut seen = std::collections::HashSet::new();
        for rule in RULES {
            let meta = rule.meta();
            assert!(seen.insert(meta.code), "duplicate code {}", meta.code);
            assert!(seen.insert(meta.name), "duplicate name {}", meta.name);
            assert!(
                meta.code.len() == 5 && meta.code.starts_with("RL"),
                "{}",
                meta.code
            );
            assert!(
                meta.code[2..].chars().all(|c| c.is_ascii_digit()),
                "{}",
                meta.code
            );
            let family = match meta.category {
                Category::Document => '0',
                Category::Sections => '1',
                Category::Badges => '2',
                Category::Dates => '3',
                Category::Links => '4',
            };
            assert_eq!(
                meta.code.as_bytes()[2] as char,
                family,
                "{} is in the wrong family",
                meta.code
            );
            assert!(
                meta.name.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{} is not kebab-case",
                meta.name
            );
        }
    }

    #[test]
    fn every_rule_has_its_doc_and_every_doc_its_rule() {
        let docs_dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/docs");
        for rule in RULES {
            let meta = rule.meta();
            let path = docs_dir.join(format!("{}.md", meta.name));
            assert!(path.is_file(), "{} has no {}", meta.name, path.display());
            // The header says what the metadata says, so that the two cannot drift apart.
            let mut lines = meta.doc.lines();
            assert_eq!(
                lines.next(),
                Some(meta.doc_title().as_str()),
                "{}: the first line names the rule and its code",
                path.display()
            );
            let facts = meta.doc_facts();
            assert!(
                lines.nth(1).is_some_and(|line| line.contains(&facts)),
                "{}: the third line should say `{facts}`",
                path.display()
            );
            for heading in [
                "## What it does",
                "## Why it matters",
                "## Example",
                "## Fixed",
                "## Fix safety",
                "## Options",
            ] {
                assert!(meta.doc.contains(heading), "{} lacks `{heading}`", path.display());
            }
        }
        for entry in std::fs::read_dir(&docs_dir).unwrap() {
            let name = entry
                .unwrap()
                .file_name()
                .to_string_lossy()
                .trim_end_matches(".md")
                .to_string();
            assert!(find(&name).is_some(), "rules/docs/{name}.md documents no rule");
        }
    }
}
