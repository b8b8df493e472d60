//! Reading config files and presets, following `extends`, and checking what serde
//! cannot: rule names, rule options, section names and globs.

use super::error::{ConfigError, Origin, suggestion};
use super::file::{ConfigFile, RuleSettings, SectionsConfig, rule_keys};
use crate::rules;
use crate::sections::SectionCatalog;
use globset::{Glob, GlobSet, GlobSetBuilder};
use serde_saphyr::{Error as YamlError, Spanned};
use std::path::{Path, PathBuf};

/// Config file names looked for in each folder, in order.
pub const CONFIG_FILE_NAMES: [&str; 2] = [".readme-lint.yml", ".readme-lint.yaml"];

/// The preset used when no config file says otherwise.
pub const DEFAULT_PRESET: &str = "recommended";

/// Built-in presets, embedded from `rules/presets/`.
pub const PRESETS: &[(&str, &str)] = &[
    ("recommended", include_str!("../../rules/presets/recommended.yml")),
    ("minimal", include_str!("../../rules/presets/minimal.yml")),
    (
        "standard-readme",
        include_str!("../../rules/presets/standard-readme.yml"),
    ),
    ("strict", include_str!("../../rules/presets/strict.yml")),
];

pub fn preset_names() -> Vec<&'static str> {
    PRESETS.iter().map(|(name, _)| *name).collect()
}

pub fn preset_text(name: &str) -> Option<&'static str> {
    PRESETS
        .iter()
        .find(|(known, _)| *known == name)
        .map(|(_, text)| *text)
}

/// One config file or preset in an `extends` chain.
#[derive(Debug, Clone)]
pub struct Layer {
    pub origin: Origin,
    /// Globs in this layer are relative to this folder.
    pub base_dir: PathBuf,
    pub config: ConfigFile,
    pub include: GlobSet,
    pub exclude: GlobSet,
    pub overrides: Vec<GlobSet>,
}

/// Parses config text; an empty file is an empty config.
pub fn parse_config(text: &str, origin: &Origin) -> Result<ConfigFile, ConfigError> {
    if text.lines().all(|line| {
        let line = line.trim();
        line.is_empty() || line.starts_with('#') || line == "---"
    }) {
        return Ok(ConfigFile::default());
    }
    serde_saphyr::from_str::<ConfigFile>(text).map_err(|error| yaml_error(&error, origin))
}

fn yaml_error(error: &YamlError, origin: &Origin) -> ConfigError {
    let inner = error.without_snippet();
    let mut config_error = match inner {
        YamlError::SerdeUnknownField { field, expected, .. } => {
            ConfigError::new(origin, format!("unknown key `{field}`")).hint(suggestion(field, expected))
        }
        YamlError::SerdeUnknownVariant {
            variant, expected, ..
        } => {
            ConfigError::new(origin, format!("unknown value `{variant}`")).hint(suggestion(variant, expected))
        }
        YamlError::DuplicateMappingKey { key, .. } => ConfigError::new(
            origin,
            match key {
                Some(key) => format!("`{key}` is given twice"),
                None => "a key is given twice".to_string(),
            },
        )
        .hint("keep one of them"),
        other => {
            let message = plain_message(other);
            // The YAML parser's own words ("while parsing a block mapping, ...") say
            // what it expected, not what to change.
            let syntax = message.starts_with("while parsing") || message.starts_with("while scanning");
            let config_error = ConfigError::new(origin, message);
            if syntax {
                config_error.hint("a YAML syntax error: check the indentation here and on the line before, and quote values that hold `: ` or ` #`")
            } else {
                config_error
            }
        }
    };
    if let Some(location) = inner.location() {
        config_error = config_error.at(&location);
    }
    config_error
}

/// The YAML library's message without its own "at line X, column Y" suffix,
/// since the position is printed in front.
fn plain_message(error: &YamlError) -> String {
    let text = error.to_string();
    let first_line = text.lines().next().unwrap_or_default().trim();
    let message = match first_line.rfind(" at line ") {
        Some(cut) => &first_line[..cut],
        None => first_line,
    };
    readable_types(message)
}

/// Names Rust's number types in words, as a config's author thinks of them
/// ("expected usize" becomes "expected a whole number, 0 or more").
fn readable_types(message: &str) -> String {
    let words = |name: &str| match name {
        "usize" | "u64" | "u32" | "u16" => Some("a whole number, 0 or more"),
        "u8" => Some("a whole number from 0 to 255"),
        "isize" | "i64" | "i32" | "i16" | "i8" => Some("a whole number"),
        "f64" | "f32" => Some("a number"),
        _ => None,
    };
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(at) = rest.find("expected ") {
        let after = at + "expected ".len();
        let name_len = rest[after..]
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(rest.len() - after);
        out.push_str(&rest[..after]);
        let name = &rest[after..after + name_len];
        out.push_str(words(name).unwrap_or(name));
        rest = &rest[after + name_len..];
    }
    out.push_str(rest);
    out
}

/// What a config may reach through `extends`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LoadOptions {
    /// `--allow-external-extends`: let `extends` name files outside the repository and the
    /// user's config folder. Off by default, since a pull request writes the config.
    pub allow_external_extends: bool,
}

/// Loads a config file and everything it extends, base first.
pub fn load_file_chain(path: &Path) -> Result<Vec<Layer>, ConfigError> {
    load_file_chain_with(path, LoadOptions::default())
}

/// [`load_file_chain`] with options.
pub fn load_file_chain_with(path: &Path, options: LoadOptions) -> Result<Vec<Layer>, ConfigError> {
    let mut layers = Vec::new();
    let mut visiting = Vec::new();
    load_file(path, options, &mut layers, &mut visiting)?;
    check_chain(&layers)?;
    Ok(layers)
}

/// Loads a preset (and what it extends), base first; `base_dir` anchors its globs.
pub fn load_preset_chain(name: &str, base_dir: &Path) -> Result<Vec<Layer>, ConfigError> {
    let mut layers = Vec::new();
    let mut visiting = Vec::new();
    let origin = Origin::Preset(name.to_string());
    let text = preset_text(name).ok_or_else(|| {
        ConfigError::new(&Origin::CommandLine, format!("unknown preset `{name}`"))
            .hint(suggestion(name, &preset_names()))
    })?;
    load_text(
        text,
        origin,
        base_dir,
        LoadOptions::default(),
        &mut layers,
        &mut visiting,
    )?;
    check_chain(&layers)?;
    Ok(layers)
}

fn load_file(
    path: &Path,
    options: LoadOptions,
    layers: &mut Vec<Layer>,
    visiting: &mut Vec<String>,
) -> Result<(), ConfigError> {
    let origin = Origin::File(path.to_path_buf());
    if path.is_dir() {
        return Err(ConfigError::new(&origin, "is a folder, not a config file")
            .hint("name a file such as `.readme-lint.yml`"));
    }
    // Capped, never blocking on a pipe, never through a link that leaves the repository.
    let text =
        crate::files::read_text_within(path, &crate::files::trust_root(path), crate::files::CONFIG_LIMIT)
            .map_err(|error| ConfigError::new(&origin, error.message))?;
    let base_dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    load_text(&text, origin, &base_dir, options, layers, visiting)
}

fn load_text(
    text: &str,
    origin: Origin,
    base_dir: &Path,
    options: LoadOptions,
    layers: &mut Vec<Layer>,
    visiting: &mut Vec<String>,
) -> Result<(), ConfigError> {
    let identity = match &origin {
        Origin::File(path) => std::fs::canonicalize(path)
            .unwrap_or_else(|_| path.clone())
            .display()
            .to_string(),
        other => other.to_string(),
    };
    visiting.push(identity);
    let config = parse_config(text, &origin)?;
    let is_preset = matches!(origin, Origin::Preset(_));
    match &config.extends {
        Some(extends) => load_extends(extends, &origin, base_dir, options, layers, visiting)?,
        // A config file without `extends` builds on the default preset; presets build on
        // the rules' own defaults.
        None if !is_preset => {
            load_named_preset(DEFAULT_PRESET, None, &origin, base_dir, options, layers, visiting)?
        }
        None => {}
    }
    visiting.pop();
    layers.push(compile_layer(origin, base_dir.to_path_buf(), config)?);
    Ok(())
}

fn load_extends(
    extends: &Spanned<String>,
    origin: &Origin,
    base_dir: &Path,
    options: LoadOptions,
    layers: &mut Vec<Layer>,
    visiting: &mut Vec<String>,
) -> Result<(), ConfigError> {
    let target = extends.value.trim();
    let is_path = target.contains('/') || target.ends_with(".yml") || target.ends_with(".yaml");
    if !is_path {
        return load_named_preset(target, Some(extends), origin, base_dir, options, layers, visiting);
    }
    let path = crate::files::tidy_path(&base_dir.join(target));
    if !options.allow_external_extends {
        check_extends_scope(&path, origin, base_dir).map_err(|error| error.at(&extends.referenced))?;
    }
    let identity = std::fs::canonicalize(&path)
        .unwrap_or_else(|_| path.clone())
        .display()
        .to_string();
    if visiting.contains(&identity) {
        return Err(
            ConfigError::new(origin, format!("`extends: {target}` makes a cycle"))
                .at(&extends.referenced)
                .hint("a config may not extend itself, directly or through other files"),
        );
    }
    if !path.is_file() {
        return Err(
            ConfigError::new(origin, format!("`extends: {target}`: no such file"))
                .at(&extends.referenced)
                .hint(format!("looked for {}", path.display())),
        );
    }
    load_file(&path, options, layers, visiting)
}

/// The user's own config folder: `$XDG_CONFIG_HOME/readme-lint` or `~/.config/readme-lint`.
pub fn user_config_dir() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|value| !value.is_empty())
        .map(PathBuf::from)
        .filter(|path| path.is_absolute())
        .or_else(|| {
            std::env::var_os("HOME")
                .filter(|value| !value.is_empty())
                .map(|home| PathBuf::from(home).join(".config"))
        })?;
    Some(base.join("readme-lint"))
}

/// `extends` may name a file in the repository of the config that names it, or in the
/// user's config folder; anything else (`/proc/self/pagemap`, `../../home/x/.ssh/...`)
/// is refused unless `--allow-external-extends` says otherwise.
fn check_extends_scope(path: &Path, origin: &Origin, base_dir: &Path) -> Result<(), ConfigError> {
    let target = crate::files::normalize(path);
    let repository = crate::files::trust_root(&base_dir.join(".readme-lint.yml"));
    let inside = |root: &Path| {
        let real_root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
        let real = std::fs::canonicalize(&target).unwrap_or_else(|_| target.clone());
        target.starts_with(root) && real.starts_with(&real_root)
    };
    if inside(&repository) || user_config_dir().is_some_and(|dir| inside(&dir)) {
        return Ok(());
    }
    Err(ConfigError::new(
        origin,
        format!(
            "`extends: {}` names a file outside the repository (`{}`)",
            path.display(),
            repository.display()
        ),
    )
    .hint("extends may name a preset, a file in the repository, or one in ~/.config/readme-lint; pass --allow-external-extends to allow others"))
}

fn load_named_preset(
    name: &str,
    extends: Option<&Spanned<String>>,
    origin: &Origin,
    base_dir: &Path,
    options: LoadOptions,
    layers: &mut Vec<Layer>,
    visiting: &mut Vec<String>,
) -> Result<(), ConfigError> {
    let preset_origin = Origin::Preset(name.to_string());
    let Some(text) = preset_text(name) else {
        let mut error = ConfigError::new(origin, format!("unknown preset `{name}`"))
            .hint(suggestion(name, &preset_names()));
        if let Some(extends) = extends {
            error = error.at(&extends.referenced);
        }
        return Err(error);
    };
    if visiting.contains(&preset_origin.to_string()) {
        let mut error = ConfigError::new(origin, format!("`extends: {name}` makes a cycle"));
        if let Some(extends) = extends {
            error = error.at(&extends.referenced);
        }
        return Err(error);
    }
    load_text(text, preset_origin, base_dir, options, layers, visiting)
}

fn compile_layer(origin: Origin, base_dir: PathBuf, config: ConfigFile) -> Result<Layer, ConfigError> {
    check_rules(&config.rules, &origin)?;
    check_dates(&config.dates, &origin)?;
    let include = compile_globs(&config.include, &origin)?;
    let exclude = compile_globs(&config.exclude, &origin)?;
    let mut overrides = Vec::with_capacity(config.overrides.len());
    for entry in &config.overrides {
        check_rules(&entry.rules, &origin)?;
        check_dates(&entry.dates, &origin)?;
        overrides.push(compile_globs(&entry.files, &origin)?);
    }
    Ok(Layer {
        origin,
        base_dir,
        config,
        include,
        exclude,
        overrides,
    })
}

/// Rejects a bad date format or maximum age where it is written.
fn check_dates(dates: &crate::dates::DatesConfig, origin: &Origin) -> Result<(), ConfigError> {
    let mut scratch = crate::dates::DatesPolicy::default();
    scratch.merge(dates).map_err(|(message, location)| {
        let error = ConfigError::new(origin, message);
        match location {
            Some(location) => error.at(&location),
            None => error,
        }
    })
}

/// Globs without a `/` match at any depth, like `.gitignore` patterns.
pub fn compile_globs(patterns: &[Spanned<String>], origin: &Origin) -> Result<GlobSet, ConfigError> {
    let mut builder = GlobSetBuilder::new();
    for pattern in patterns {
        let text = pattern.value.trim_start_matches("./");
        let full = if text.contains('/') {
            text.trim_start_matches('/').to_string()
        } else {
            format!("**/{text}")
        };
        let glob = Glob::new(&full).map_err(|error| {
            ConfigError::new(
                origin,
                format!("bad glob `{}`: {}", pattern.value, glob_reason(&error)),
            )
            .at(&pattern.referenced)
            .hint("globs use `*`, `**`, `?`, `[abc]` and `{a,b}`")
        })?;
        builder.add(glob);
    }
    builder
        .build()
        .map_err(|error| ConfigError::new(origin, format!("bad globs: {error}")))
}

fn glob_reason(error: &globset::Error) -> String {
    error.kind().to_string()
}

fn check_rules(settings: &RuleSettings, origin: &Origin) -> Result<(), ConfigError> {
    for (key, setting) in &settings.0 {
        let Some(rule) = rules::find(&key.value) else {
            return Err(ConfigError::new(origin, format!("unknown rule `{}`", key.value))
                .at(&key.referenced)
                .hint(suggestion(&key.value, &rule_keys())));
        };
        if let Err(message) = rule.check_options(&setting.value.options) {
            return Err(ConfigError::new(
                origin,
                format!(
                    "bad options for rule `{}`: {}",
                    rule.meta().name,
                    readable_types(&message)
                ),
            )
            .at(&setting.referenced)
            .hint(format!("see `readme-lint rule {}`", rule.meta().name)));
        }
    }
    Ok(())
}

/// Checks what needs the whole chain: section names against the catalogue that the
/// chain's `known` sections extend.
fn check_chain(layers: &[Layer]) -> Result<(), ConfigError> {
    let catalog = catalog_for(layers);
    for layer in layers {
        check_section_names(&layer.config.sections, &catalog, &layer.origin)?;
        for entry in &layer.config.overrides {
            check_section_names(&entry.sections, &catalog, &layer.origin)?;
        }
    }
    Ok(())
}

/// The built-in catalogue extended by every layer's `sections.known`.
pub fn catalog_for(layers: &[Layer]) -> std::sync::Arc<SectionCatalog> {
    let built_in = SectionCatalog::built_in();
    let extra: Vec<_> = layers
        .iter()
        .flat_map(|layer| {
            layer.config.sections.known.iter().chain(
                layer
                    .config
                    .overrides
                    .iter()
                    .flat_map(|entry| entry.sections.known.iter()),
            )
        })
        .cloned()
        .collect();
    if extra.is_empty() {
        built_in
    } else {
        std::sync::Arc::new(built_in.extended(&extra))
    }
}

fn check_section_names(
    sections: &SectionsConfig,
    catalog: &SectionCatalog,
    origin: &Origin,
) -> Result<(), ConfigError> {
    let names: Vec<&str> = catalog.names().collect();
    let check = |name: &str, location: &serde_saphyr::Location| {
        if catalog.get(name).is_some() {
            Ok(())
        } else {
            Err(ConfigError::new(origin, format!("unknown section `{name}`"))
                .at(location)
                .hint(format!(
                    "{} (or add it under `sections.known`)",
                    suggestion(name, &names)
                )))
        }
    };
    for requirement in sections.required.iter().flatten() {
        check(requirement.value.section(), &requirement.referenced)?;
    }
    for name in sections
        .order
        .iter()
        .flatten()
        .chain(sections.forbidden.iter().flatten())
    {
        check(&name.value, &name.referenced)?;
    }
    Ok(())
}

/// The config file that governs files in `dir`: the nearest one in `dir` or a parent,
/// not looking above the repository root (the first folder holding `.git`).
pub fn find_config_file(dir: &Path) -> Option<PathBuf> {
    let dir = crate::files::absolute(dir);
    let mut current = Some(dir.as_path());
    while let Some(folder) = current {
        for name in CONFIG_FILE_NAMES {
            let candidate = folder.join(name);
            // Anything by that name counts: a folder, a dangling link or a pipe there is an
            // error when it is read, not a reason to lint with another config.
            if std::fs::symlink_metadata(&candidate).is_ok() {
                return Some(crate::files::tidy_path(&candidate));
            }
        }
        if folder.join(".git").exists() {
            return None;
        }
        current = folder.parent();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_types_are_named_in_words() {
        assert_eq!(
            readable_types("invalid type: string \"lots\", expected usize"),
            "invalid type: string \"lots\", expected a whole number, 0 or more"
        );
        assert_eq!(
            readable_types("expected u8 here"),
            "expected a whole number from 0 to 255 here"
        );
        assert_eq!(readable_types("expected a string"), "expected a string");
        // Not a type name on its own: left alone.
        assert_eq!(readable_types("expected u8x"), "expected u8x");
    }

    fn origin() -> Origin {
        Origin::File(PathBuf::from("test.yml"))
    }

    #[test]
    fn every_preset_loads() {
        for name in preset_names() {
            let layers = load_preset_chain(name, Path::new(".")).unwrap_or_else(|e| panic!("{e}"));
            assert!(!layers.is_empty());
        }
    }

    #[test]
    fn unknown_key_has_position_and_suggestion() {
        let error = parse_config("extends: recommended\nrulez: {}\n", &origin()).unwrap_err();
        assert_eq!(error.message, "unknown key `rulez`");
        assert_eq!(error.position, Some((2, 1)));
        assert_eq!(error.hint.as_deref(), Some("did you mean `rules`?"));
    }

    #[test]
    fn unknown_nested_key_is_found() {
        let error = parse_config("sections:\n  requird: [license]\n", &origin()).unwrap_err();
        assert_eq!(error.message, "unknown key `requird`");
        assert_eq!(error.position, Some((2, 3)));
        assert_eq!(error.hint.as_deref(), Some("did you mean `required`?"));
    }

    #[test]
    fn wrong_type_is_reported_with_position() {
        let error = parse_config("include: 3\n", &origin()).unwrap_err();
        assert_eq!(error.position.map(|p| p.0), Some(1), "{error}");
    }

    #[test]
    fn empty_file_is_an_empty_config() {
        assert!(parse_config("# nothing\n", &origin()).is_ok());
        assert!(parse_config("", &origin()).is_ok());
    }

    #[test]
    fn unknown_rule_and_bad_glob_are_errors() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".readme-lint.yml");
        std::fs::write(&path, "rules:\n  missing-sectoin: error\n").unwrap();
        let error = load_file_chain(&path).unwrap_err();
        assert_eq!(error.position, Some((2, 3)));
        assert_eq!(error.hint.as_deref(), Some("did you mean `missing-section`?"));

        std::fs::write(&path, "exclude: ['docs/[a']\n").unwrap();
        let error = load_file_chain(&path).unwrap_err();
        assert!(error.message.starts_with("bad glob `docs/[a`"), "{error}");
        assert_eq!(error.position.map(|p| p.0), Some(1));
    }

    #[test]
    fn extends_cycle_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.yml"), "extends: ./b.yml\n").unwrap();
        std::fs::write(dir.path().join("b.yml"), "extends: ./a.yml\n").unwrap();
        let error = load_file_chain(&dir.path().join("a.yml")).unwrap_err();
        assert!(error.message.contains("makes a cycle"), "{error}");
    }

    #[test]
    fn unknown_preset_and_section_suggest() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".readme-lint.yml");
        std::fs::write(&path, "extends: recomended\n").unwrap();
        let error = load_file_chain(&path).unwrap_err();
        assert_eq!(error.hint.as_deref(), Some("did you mean `recommended`?"));

        std::fs::write(&path, "sections:\n  required: [licence]\n").unwrap();
        let error = load_file_chain(&path).unwrap_err();
        assert!(error.message.contains("unknown section `licence`"), "{error}");
        assert!(error.hint.unwrap().contains("`license`"));
    }
}
