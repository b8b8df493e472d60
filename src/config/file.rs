//! The shape of `.readme-lint.yml` (and of the built-in presets), as serde types.
//!
//! Every struct denies unknown keys so a typo is an error with a location, and
//! values that need a location in later errors are wrapped in [`Spanned`].

pub use crate::rules::policy::{Condition, Level, Requirement};
use crate::rules::{self, RULES};
use crate::sections::SectionDef;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde_saphyr::Spanned;
use std::borrow::Cow;
use std::fmt;

/// A readme-lint configuration file.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[schemars(title = "readme-lint configuration")]
pub struct ConfigFile {
    /// A built-in preset (`recommended`, `minimal`, `standard-readme`, `strict`) or the
    /// path of another config file, relative to this one. Without it, `recommended`.
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    pub extends: Option<Spanned<String>>,
    /// Globs (relative to this file's folder) of extra files to lint besides README files.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub include: Vec<Spanned<String>>,
    /// Globs (relative to this file's folder) of files never to lint.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub exclude: Vec<Spanned<String>>,
    /// Rule levels and options, by rule name or code.
    #[serde(default)]
    pub rules: RuleSettings,
    /// Settings that apply only to files matching globs, in order (later wins).
    #[serde(default)]
    pub overrides: Vec<Override>,
    /// The section policy.
    #[serde(default)]
    pub sections: SectionsConfig,
    /// The badge policy and extra badge services.
    #[serde(default)]
    pub badges: crate::badges::BadgesConfig,
    /// The date policy.
    #[serde(default)]
    pub dates: crate::dates::DatesConfig,
    /// Exit with code 1 when there are more warnings than this (warnings alone exit 0 by
    /// default); `--max-warnings` overrides it.
    #[serde(default)]
    pub max_warnings: Option<usize>,
    /// Skip the folders in rules/default-excludes.yml (`node_modules`, `target`, `.venv`,
    /// ...) when walking; true unless set to false.
    #[serde(default)]
    pub default_excludes: Option<bool>,
}

/// Settings for the files that match `files`.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Override {
    /// Globs relative to the config file's folder.
    #[schemars(with = "Vec<String>")]
    pub files: Vec<Spanned<String>>,
    #[serde(default)]
    pub rules: RuleSettings,
    #[serde(default)]
    pub sections: SectionsConfig,
    #[serde(default)]
    pub badges: crate::badges::BadgesConfig,
    #[serde(default)]
    pub dates: crate::dates::DatesConfig,
}

/// Which sections a README must, may not, and in what order should have.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SectionsConfig {
    /// Sections that must be present, by catalogue name, optionally with a condition.
    #[serde(default)]
    #[schemars(with = "Option<Vec<Requirement>>")]
    pub required: Option<Vec<Spanned<Requirement>>>,
    /// The order of the listed sections; sections not listed may go anywhere.
    #[serde(default)]
    #[schemars(with = "Option<Vec<String>>")]
    pub order: Option<Vec<Spanned<String>>>,
    /// Sections that must not be present.
    #[serde(default)]
    #[schemars(with = "Option<Vec<String>>")]
    pub forbidden: Option<Vec<Spanned<String>>>,
    /// Sections to add to the built-in catalogue, or to replace by name.
    #[serde(default)]
    pub known: Vec<SectionDef>,
    /// Whether content counts as a section without a heading of its own: an install
    /// command as Installation, a license statement as License, a code example as Usage
    /// (each section's `evidence` in the catalogue). True unless set to false.
    #[serde(default)]
    pub count_content: Option<bool>,
}

/// `when:` takes one condition or a list of them that must all hold.
#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMore {
    One(Condition),
    More(Vec<Condition>),
}

impl fmt::Display for Condition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Condition::Installable => f.write_str("the project is installable"),
            Condition::HasBinary => f.write_str("the project ships a binary"),
            Condition::MinLines(lines) => write!(f, "the README has more than {lines} lines"),
            Condition::Unlicensed => f.write_str("the project states no license elsewhere"),
            Condition::All(conditions) => {
                for (index, condition) in conditions.iter().enumerate() {
                    if index > 0 {
                        f.write_str(" and ")?;
                    }
                    write!(f, "{condition}")?;
                }
                Ok(())
            }
        }
    }
}

impl<'de> Deserialize<'de> for Requirement {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct RequirementVisitor;
        impl<'de> Visitor<'de> for RequirementVisitor {
            type Value = Requirement;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a section name or {section: NAME, when: CONDITION}")
            }
            fn visit_str<E: de::Error>(self, value: &str) -> Result<Requirement, E> {
                Ok(Requirement::Always(value.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Requirement, A::Error> {
                let mut section = None;
                let mut when = None;
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "section" => section = Some(map.next_value::<String>()?),
                        "when" => {
                            when = Some(match map.next_value::<OneOrMore>()? {
                                OneOrMore::One(condition) => condition,
                                OneOrMore::More(mut conditions) if conditions.len() == 1 => {
                                    conditions.remove(0)
                                }
                                OneOrMore::More(conditions) => Condition::All(conditions),
                            })
                        }
                        other => return Err(de::Error::unknown_field(other, &["section", "when"])),
                    }
                }
                let section = section.ok_or_else(|| de::Error::missing_field("section"))?;
                Ok(match when {
                    Some(when) => Requirement::When { section, when },
                    None => Requirement::Always(section),
                })
            }
        }
        deserializer.deserialize_any(RequirementVisitor)
    }
}

impl<'de> Deserialize<'de> for Level {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct LevelVisitor;
        impl Visitor<'_> for LevelVisitor {
            type Value = Level;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("off, warn or error")
            }
            fn visit_str<E: de::Error>(self, value: &str) -> Result<Level, E> {
                parse_level(value).ok_or_else(|| E::invalid_value(de::Unexpected::Str(value), &self))
            }
            // YAML 1.1 readers take a bare `off` for `false`.
            fn visit_bool<E: de::Error>(self, value: bool) -> Result<Level, E> {
                if value {
                    Err(E::invalid_value(de::Unexpected::Bool(true), &self))
                } else {
                    Ok(Level::Off)
                }
            }
        }
        deserializer.deserialize_any(LevelVisitor)
    }
}

/// One entry of `rules:`: a level, or a table with `severity` and the rule's options.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleSetting {
    pub level: Option<Level>,
    /// The rule's options (every key but `severity`), as written.
    pub options: serde_json::Map<String, serde_json::Value>,
}

impl<'de> Deserialize<'de> for RuleSetting {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct SettingVisitor;
        impl<'de> Visitor<'de> for SettingVisitor {
            type Value = RuleSetting;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("off, warn, error, or a table with `severity` and rule options")
            }
            fn visit_str<E: de::Error>(self, value: &str) -> Result<RuleSetting, E> {
                let level = parse_level(value)
                    .ok_or_else(|| E::invalid_value(de::Unexpected::Str(value), &"off, warn or error"))?;
                Ok(RuleSetting {
                    level: Some(level),
                    options: serde_json::Map::new(),
                })
            }
            // YAML 1.1 readers take a bare `off` for `false`; `true` turns a rule on.
            fn visit_bool<E: de::Error>(self, value: bool) -> Result<RuleSetting, E> {
                Ok(RuleSetting {
                    level: (!value).then_some(Level::Off),
                    options: serde_json::Map::new(),
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RuleSetting, A::Error> {
                let mut setting = RuleSetting {
                    level: None,
                    options: serde_json::Map::new(),
                };
                while let Some(key) = map.next_key::<String>()? {
                    if key == "severity" {
                        setting.level = Some(map.next_value::<Level>()?);
                    } else {
                        let value = map.next_value::<serde_json::Value>()?;
                        setting.options.insert(key, value);
                    }
                }
                Ok(setting)
            }
        }
        deserializer.deserialize_any(SettingVisitor)
    }
}

fn parse_level(value: &str) -> Option<Level> {
    match value {
        "off" => Some(Level::Off),
        "warn" | "warning" => Some(Level::Warn),
        "error" => Some(Level::Error),
        _ => None,
    }
}

/// `rules:` in the order written; keys are checked against the registry after parsing
/// so that an unknown rule gets a suggestion and a location.
#[derive(Debug, Clone, Default)]
pub struct RuleSettings(pub Vec<(Spanned<String>, Spanned<RuleSetting>)>);

impl<'de> Deserialize<'de> for RuleSettings {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct SettingsVisitor;
        impl<'de> Visitor<'de> for SettingsVisitor {
            type Value = RuleSettings;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map from rule names or codes to levels")
            }
            fn visit_unit<E: de::Error>(self) -> Result<RuleSettings, E> {
                Ok(RuleSettings::default())
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RuleSettings, A::Error> {
                let mut entries = Vec::new();
                while let Some(key) = map.next_key::<Spanned<String>>()? {
                    let value = map.next_value::<Spanned<RuleSetting>>()?;
                    entries.push((key, value));
                }
                Ok(RuleSettings(entries))
            }
        }
        deserializer.deserialize_map(SettingsVisitor)
    }
}

impl JsonSchema for RuleSettings {
    fn schema_name() -> Cow<'static, str> {
        "RuleSettings".into()
    }

    fn json_schema(_generator: &mut SchemaGenerator) -> Schema {
        let mut keys: Vec<String> = Vec::new();
        for rule in RULES {
            keys.push(rule.meta().name.to_string());
            keys.push(rule.meta().code.to_string());
        }
        let level = json_schema!({
            "type": "string",
            "enum": ["off", "warn", "warning", "error"]
        });
        json_schema!({
            "description": "Rule levels by rule name or code: a level, or a table with `severity` and the rule's options.",
            "type": "object",
            "propertyNames": { "enum": keys },
            "additionalProperties": {
                "anyOf": [
                    level,
                    {
                        "type": "object",
                        "properties": { "severity": { "type": "string", "enum": ["off", "warn", "warning", "error"] } }
                    }
                ]
            }
        })
    }
}

/// The JSON Schema of the config file, as committed in `readme-lint.schema.json`.
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(ConfigFile);
    let mut text = serde_json::to_string_pretty(&schema).expect("a schema serializes");
    text.push('\n');
    text
}

/// Every rule name and code, for suggestions.
pub fn rule_keys() -> Vec<&'static str> {
    let mut keys = Vec::new();
    for rule in rules::RULES {
        keys.push(rule.meta().name);
        keys.push(rule.meta().code);
    }
    keys
}
