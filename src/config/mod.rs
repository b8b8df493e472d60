//! Configuration: the file format, loading with `extends`, and per-file resolution.

pub mod error;
pub mod file;
pub mod load;
pub mod resolve;

pub use error::{ConfigError, Origin};
pub use file::{ConfigFile, Level, Requirement};
pub use load::{
    CONFIG_FILE_NAMES, DEFAULT_PRESET, LoadOptions, find_config_file, load_file_chain, load_file_chain_with,
    load_preset_chain,
};
pub use resolve::{LoadedConfig, Policy, RuleSelection, RuleState, SectionPolicy};

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// Finds and loads the config for each folder once, however many READMEs it holds.
#[derive(Debug, Default)]
pub struct ConfigCache {
    /// `--config FILE`, used for every file when given.
    explicit: Option<Arc<LoadedConfig>>,
    options: LoadOptions,
    by_file: Mutex<HashMap<PathBuf, Arc<LoadedConfig>>>,
    by_dir: Mutex<HashMap<PathBuf, Option<PathBuf>>>,
    default: Mutex<Option<Arc<LoadedConfig>>>,
}

impl ConfigCache {
    /// A cache that discovers config files; with `explicit`, that file is used for all.
    pub fn new(explicit: Option<&Path>) -> Result<Self, ConfigError> {
        Self::with_options(explicit, LoadOptions::default())
    }

    /// [`new`](Self::new) with options for every config it loads.
    pub fn with_options(explicit: Option<&Path>, options: LoadOptions) -> Result<Self, ConfigError> {
        let explicit = match explicit {
            Some(path) => Some(Arc::new(LoadedConfig::new(
                load_file_chain_with(path, options)?,
                Some(path.to_path_buf()),
            ))),
            None => None,
        };
        Ok(Self {
            explicit,
            options,
            ..Self::default()
        })
    }

    /// The config that governs files in `dir`.
    pub fn for_dir(&self, dir: &Path) -> Result<Arc<LoadedConfig>, ConfigError> {
        if let Some(explicit) = &self.explicit {
            return Ok(explicit.clone());
        }
        let file = {
            let mut by_dir = self.by_dir.lock().unwrap_or_else(|e| e.into_inner());
            by_dir
                .entry(dir.to_path_buf())
                .or_insert_with(|| find_config_file(dir))
                .clone()
        };
        match file {
            Some(path) => {
                if let Some(loaded) = self.by_file.lock().unwrap_or_else(|e| e.into_inner()).get(&path) {
                    return Ok(loaded.clone());
                }
                let loaded = Arc::new(LoadedConfig::new(
                    load_file_chain_with(&path, self.options)?,
                    Some(path.clone()),
                ));
                self.by_file
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .insert(path, loaded.clone());
                Ok(loaded)
            }
            None => {
                let mut default = self.default.lock().unwrap_or_else(|e| e.into_inner());
                if let Some(loaded) = default.as_ref() {
                    return Ok(loaded.clone());
                }
                let loaded = Arc::new(LoadedConfig::new(
                    load_preset_chain(DEFAULT_PRESET, Path::new("."))?,
                    None,
                ));
                *default = Some(loaded.clone());
                Ok(loaded)
            }
        }
    }

    /// The config that governs the file at `path`.
    pub fn for_file(&self, path: &Path) -> Result<Arc<LoadedConfig>, ConfigError> {
        let dir = match path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
            _ => PathBuf::from("."),
        };
        self.for_dir(&dir)
    }
}

/// The `recommended` preset's policy for a `README.md`: what unit tests lint with.
#[cfg(test)]
pub(crate) fn recommended_policy() -> Policy {
    let config = LoadedConfig::new(
        load_preset_chain("recommended", std::path::Path::new(".")).unwrap(),
        None,
    );
    config.policy_for(std::path::Path::new("README.md"), &RuleSelection::default())
}
