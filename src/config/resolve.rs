//! Layering: rule defaults, then each layer of the `extends` chain with its matching
//! overrides, then the command line. Each value remembers where it came from.

use super::error::Origin;
use super::file::{Level, RuleSettings, SectionsConfig};
use super::load::{Layer, catalog_for};
pub use crate::rules::policy::{Policy, RuleState, SectionPolicy};
use crate::rules::{self, RULES};
use crate::sections::SectionCatalog;
use globset::GlobSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The rules the command line selects or ignores.
#[derive(Debug, Clone, Default)]
pub struct RuleSelection {
    /// When non-empty, only these rules (registry indices) run.
    pub select: Vec<rules::RuleId>,
    pub ignore: Vec<rules::RuleId>,
}

/// A loaded chain of layers, ready to resolve the policy of any file under it.
#[derive(Debug, Clone)]
pub struct LoadedConfig {
    pub layers: Vec<Layer>,
    pub catalog: Arc<SectionCatalog>,
    /// The config file, when the chain comes from one (not only a preset).
    pub file: Option<PathBuf>,
}

impl LoadedConfig {
    pub fn new(layers: Vec<Layer>, file: Option<PathBuf>) -> Self {
        let catalog = catalog_for(&layers);
        Self {
            layers,
            catalog,
            file,
        }
    }

    /// True when a layer's `exclude` globs match `path`.
    pub fn is_excluded(&self, path: &Path) -> bool {
        self.layers
            .iter()
            .any(|layer| matches(&layer.exclude, &layer.base_dir, path))
    }

    /// `max-warnings` as the last layer that sets it says.
    pub fn max_warnings(&self) -> Option<usize> {
        self.layers
            .iter()
            .rev()
            .find_map(|layer| layer.config.max_warnings)
    }

    /// Whether walks skip the default excluded folders (the last layer that says wins).
    pub fn default_excludes(&self) -> bool {
        self.layers
            .iter()
            .rev()
            .find_map(|layer| layer.config.default_excludes)
            .unwrap_or(true)
    }

    /// True when some layer has `include` globs.
    pub fn has_includes(&self) -> bool {
        self.layers.iter().any(|layer| !layer.include.is_empty())
    }

    /// True when a layer's `include` globs match `path`.
    pub fn is_included(&self, path: &Path) -> bool {
        self.layers
            .iter()
            .any(|layer| matches(&layer.include, &layer.base_dir, path))
    }

    /// The policy for the file at `path`.
    pub fn policy_for(&self, path: &Path, selection: &RuleSelection) -> Policy {
        let mut policy = Policy {
            rules: RULES
                .iter()
                .map(|rule| RuleState {
                    level: if rule.meta().enabled_by_default {
                        Level::from(rule.meta().default_severity)
                    } else {
                        Level::Off
                    },
                    options: serde_json::Map::new(),
                    origin: Origin::Default.to_string(),
                })
                .collect(),
            sections: SectionPolicy::default(),
            badges: Default::default(),
            dates: Default::default(),
            catalog: self.catalog.clone(),
            chain: self.layers.iter().map(|layer| layer.origin.to_string()).collect(),
        };
        for layer in &self.layers {
            apply_rules(&mut policy, &layer.config.rules, &layer.origin);
            apply_sections(&mut policy.sections, &layer.config.sections, &layer.origin);
            policy.badges.merge(&layer.config.badges);
            // Checked when the layer was loaded, so merging cannot fail here.
            let _ = policy.dates.merge(&layer.config.dates);
            for (entry, globs) in layer.config.overrides.iter().zip(&layer.overrides) {
                if matches(globs, &layer.base_dir, path) {
                    apply_rules(&mut policy, &entry.rules, &layer.origin);
                    apply_sections(&mut policy.sections, &entry.sections, &layer.origin);
                    policy.badges.merge(&entry.badges);
                    let _ = policy.dates.merge(&entry.dates);
                }
            }
        }
        for (id, state) in rules::RuleId::all().zip(policy.rules.iter_mut()) {
            let selected = selection.select.is_empty() || selection.select.contains(&id);
            if !selected || selection.ignore.contains(&id) {
                state.level = Level::Off;
                state.origin = Origin::CommandLine.to_string();
            } else if !selection.select.is_empty() && state.level == Level::Off {
                state.level = Level::from(id.rule().meta().default_severity);
                state.origin = Origin::CommandLine.to_string();
            }
        }
        policy
    }
}

fn matches(globs: &GlobSet, base_dir: &Path, path: &Path) -> bool {
    if globs.is_empty() {
        return false;
    }
    let relative = relative_to(path, base_dir);
    globs.is_match(relative)
}

/// `path` relative to `base`, comparing absolute forms so `./a` and `a` agree.
pub fn relative_to(path: &Path, base: &Path) -> PathBuf {
    let absolute = |p: &Path| -> PathBuf {
        if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir().unwrap_or_default().join(p)
        }
    };
    let clean = |p: PathBuf| -> PathBuf {
        p.components()
            .filter(|c| !matches!(c, std::path::Component::CurDir))
            .collect()
    };
    let path = clean(absolute(path));
    let base = clean(absolute(base));
    path.strip_prefix(&base).map(Path::to_path_buf).unwrap_or(path)
}

fn located(origin: &Origin, location: &serde_saphyr::Location) -> String {
    match origin {
        Origin::File(_) if location.line() > 0 => {
            format!("{origin}:{}:{}", location.line(), location.column())
        }
        _ => origin.to_string(),
    }
}

fn apply_rules(policy: &mut Policy, settings: &RuleSettings, origin: &Origin) {
    for (key, setting) in &settings.0 {
        let Some(id) = rules::RuleId::find(&key.value) else {
            continue; // rejected when the layer was loaded
        };
        let state = &mut policy.rules[id.index()];
        if let Some(level) = setting.value.level {
            state.level = level;
        } else if state.level == Level::Off {
            // Giving options without a level turns a rule on at its default severity.
            state.level = Level::from(id.rule().meta().default_severity);
        }
        for (option, value) in &setting.value.options {
            state.options.insert(option.clone(), value.clone());
        }
        state.origin = located(origin, &key.referenced);
    }
}

fn apply_sections(policy: &mut SectionPolicy, sections: &SectionsConfig, origin: &Origin) {
    if let Some(required) = &sections.required {
        policy.required = required.iter().map(|entry| entry.value.clone()).collect();
        policy.origins.required = Some(origin.to_string());
    }
    if let Some(order) = &sections.order {
        policy.order = order.iter().map(|entry| entry.value.clone()).collect();
        policy.origins.order = Some(origin.to_string());
    }
    if let Some(count_content) = sections.count_content {
        policy.count_content = count_content;
    }
    if let Some(forbidden) = &sections.forbidden {
        policy.forbidden = forbidden.iter().map(|entry| entry.value.clone()).collect();
        policy.origins.forbidden = Some(origin.to_string());
    }
}
