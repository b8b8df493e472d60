//! Finding the READMEs to lint: named files, and README files under folders
//! (respecting `.gitignore`), plus config `include` globs, minus `exclude` globs.

use crate::config::{ConfigCache, ConfigError};
use crate::files::FileError;
use std::path::{Path, PathBuf};

/// True for `README`, `README.md` and `README.markdown`, in any case.
pub fn is_readme_name(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|name| name.to_str()) else {
        return false;
    };
    let lower = name.to_ascii_lowercase();
    matches!(lower.as_str(), "readme" | "readme.md" | "readme.markdown")
}

/// The error number of "too many levels of symbolic links": 40 on Linux, 62 on macOS
/// and the BSDs.
#[cfg(target_os = "linux")]
const ELOOP: i32 = 40;
#[cfg(not(target_os = "linux"))]
const ELOOP: i32 = 62;

/// What discovery found.
#[derive(Debug, Default)]
pub struct Discovered {
    pub files: Vec<PathBuf>,
    pub errors: Vec<FileError>,
}

/// Expands `paths` (default: the current folder) into the files to lint, sorted.
pub fn discover(
    paths: &[PathBuf],
    configs: &ConfigCache,
    force_exclude: bool,
) -> Result<Discovered, ConfigError> {
    let default = [PathBuf::from(".")];
    let roots = if paths.is_empty() { &default[..] } else { paths };
    let mut found = Discovered::default();
    for root in roots {
        let metadata = match std::fs::metadata(root) {
            Ok(metadata) => metadata,
            Err(error) => {
                let reason = if let Ok(target) = std::fs::read_link(root) {
                    if error.raw_os_error() == Some(ELOOP) {
                        "cannot read: a link loop (the link leads back to itself); fix or remove the link"
                            .to_string()
                    } else {
                        format!(
                            "cannot read: a dangling link (to `{}`, which does not exist); fix or remove the link",
                            target.display()
                        )
                    }
                } else if error.kind() == std::io::ErrorKind::NotFound {
                    "no such file or folder".to_string()
                } else {
                    format!("cannot read: {error}")
                };
                found.errors.push(FileError::new(root, reason));
                continue;
            }
        };
        if metadata.is_file() {
            if force_exclude && configs.for_file(root)?.is_excluded(root) {
                continue;
            }
            found.files.push(root.clone());
            continue;
        }
        if !metadata.is_dir() {
            // Reading a named pipe would wait forever for a writer; a device never ends.
            found.errors.push(FileError::new(
                root,
                "is not a regular file or a folder (a pipe, socket or device); name a README file, or use `-` for standard input",
            ));
            continue;
        }
        walk(root, configs, &mut found)?;
    }
    found.files.sort();
    found.files.dedup();
    Ok(found)
}

fn walk(root: &Path, configs: &ConfigCache, found: &mut Discovered) -> Result<(), ConfigError> {
    // The config that governs the folder walked decides first: what it excludes is not
    // looked into, so configs inside an excluded folder (test fixtures) are never read.
    let root_config = configs.for_dir(root)?;
    let walker = ignore::WalkBuilder::new(root)
        .hidden(false)
        .require_git(false)
        .filter_entry(|entry| entry.file_name() != ".git")
        .build();
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                if let Some(path) = error_path(&error) {
                    found
                        .errors
                        .push(FileError::new(&path, format!("cannot read: {error}")));
                }
                continue;
            }
        };
        if !entry.file_type().is_some_and(|kind| kind.is_file()) {
            continue;
        }
        let path = entry.path();
        let path = path.strip_prefix("./").unwrap_or(path);
        if root_config.is_excluded(path) {
            continue;
        }
        let readme = is_readme_name(path);
        if !readme && !root_config.has_includes() {
            continue;
        }
        let config = configs.for_file(path)?;
        let wanted = readme || config.is_included(path);
        if wanted && !config.is_excluded(path) {
            found.files.push(path.to_path_buf());
        }
    }
    Ok(())
}

fn error_path(error: &ignore::Error) -> Option<PathBuf> {
    match error {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } => error_path(err),
        ignore::Error::Loop { child, .. } => Some(child.clone()),
        _ => None,
    }
}

/// Shard `index` (1-based) of `count`: which files a `--shard K/N` run lints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: u64,
    pub count: u64,
}

impl Shard {
    /// Parses `K/N` with 1 <= K <= N.
    pub fn parse(text: &str) -> Result<Shard, String> {
        let invalid = || format!("--shard `{text}`: write it as K/N with 1 <= K <= N, e.g. 1/4");
        let (index, count) = text.split_once('/').ok_or_else(invalid)?;
        let index: u64 = index.trim().parse().map_err(|_| invalid())?;
        let count: u64 = count.trim().parse().map_err(|_| invalid())?;
        if index == 0 || count == 0 || index > count {
            return Err(invalid());
        }
        Ok(Shard { index, count })
    }

    /// True when `path` belongs to this shard. The split hashes the path as written
    /// (FNV-1a), so it is the same on every machine and run.
    pub fn contains(&self, path: &Path) -> bool {
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for byte in path.to_string_lossy().replace('\\', "/").bytes() {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        hash % self.count == self.index - 1
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn shards_partition_the_files() {
        let paths: Vec<PathBuf> = (0..200)
            .map(|i| PathBuf::from(format!("pkg{i}/README.md")))
            .collect();
        let shards: Vec<Shard> = (1..=4)
            .map(|k| Shard::parse(&format!("{k}/4")).unwrap())
            .collect();
        for path in &paths {
            assert_eq!(shards.iter().filter(|shard| shard.contains(path)).count(), 1);
        }
        assert!(
            shards
                .iter()
                .all(|shard| paths.iter().filter(|p| shard.contains(p)).count() > 20)
        );
        assert!(Shard::parse("0/4").is_err() && Shard::parse("5/4").is_err() && Shard::parse("x").is_err());
    }

    use super::*;

    #[test]
    fn readme_names() {
        for name in ["README.md", "readme", "ReadMe.markdown", "docs/README.MD"] {
            assert!(is_readme_name(Path::new(name)), "{name}");
        }
        for name in ["README.txt", "READMEs.md", "notes.md"] {
            assert!(!is_readme_name(Path::new(name)), "{name}");
        }
    }
}
