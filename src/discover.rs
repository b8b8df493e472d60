//! Finding the READMEs to lint: named files, and README files under folders
//! (respecting `.gitignore`), plus config `include` globs, minus `exclude` globs.

use crate::config::{ConfigCache, ConfigError};
use crate::files::{self, FileError};
use std::path::{Path, PathBuf};

pub use crate::files::is_readme_name;

/// A README to lint: the path as named or found (shown in messages), and its real path
/// (absolute, links followed, inside its repository), which is what is read and fixed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub path: PathBuf,
    pub real_path: PathBuf,
}

/// What discovery found.
#[derive(Debug, Default)]
pub struct Discovered {
    pub files: Vec<Target>,
    pub errors: Vec<FileError>,
}

/// Expands `paths` (default: the current folder) into the files to lint, sorted, each
/// file once however many names lead to it.
pub fn discover(
    paths: &[PathBuf],
    configs: &ConfigCache,
    force_exclude: bool,
) -> Result<Discovered, ConfigError> {
    let default = [PathBuf::from(".")];
    let roots = if paths.is_empty() { &default[..] } else { paths };
    let mut found = Discovered::default();
    let mut folders = FolderCache::default();
    for root in roots {
        let own = match std::fs::symlink_metadata(root) {
            Ok(metadata) => metadata,
            Err(error) => {
                found
                    .errors
                    .push(if error.kind() == std::io::ErrorKind::NotFound {
                        FileError::new(root, "no such file or folder")
                    } else {
                        files::open_error(root, &error, "cannot read")
                    });
                continue;
            }
        };
        // A named path may itself be a link, or sit in a linked folder: it is linted only
        // if where it leads lies inside its repository.
        let resolved = if own.file_type().is_symlink() || own.is_dir() {
            files::resolve_within(root, &files::trust_root(root))
        } else {
            folders.real_path(root)
        };
        let real = match resolved {
            Ok(real) => real,
            Err(error) => {
                found.errors.push(error);
                continue;
            }
        };
        let metadata = if own.file_type().is_symlink() {
            match std::fs::metadata(&real) {
                Ok(metadata) => metadata,
                Err(error) => {
                    found.errors.push(files::open_error(root, &error, "cannot read"));
                    continue;
                }
            }
        } else {
            own
        };
        if metadata.is_file() {
            if force_exclude && configs.for_file(root)?.is_excluded(root) {
                continue;
            }
            found.files.push(Target {
                path: root.clone(),
                real_path: real,
            });
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
        let before = found.files.len();
        walk(root, &real, configs, &mut found)?;
        // A folder named on the command line is named to be checked: finding nothing
        // there is a mistake to report, not a clean run.
        if found.files.len() == before && !paths.is_empty() {
            found.errors.push(FileError::new(
                root,
                "no README in this folder or below (README, README.md or README.markdown, any case, outside ignored and default-excluded folders)",
            ));
        }
    }
    found.files.sort_by(|a, b| a.path.cmp(&b.path));
    let mut seen = std::collections::HashSet::new();
    found.files.retain(|target| seen.insert(target.real_path.clone()));
    Ok(found)
}

/// The real path of each folder that named files sit in, and whether it lies in its
/// repository, found once per folder: `readme-lint *.md` over thousands of files in one
/// folder must not walk up from each of them.
#[derive(Default)]
struct FolderCache {
    checked: std::collections::HashMap<PathBuf, Result<PathBuf, FileError>>,
}

impl FolderCache {
    /// The real path of `file`, a named file that is not itself a link.
    fn real_path(&mut self, file: &Path) -> Result<PathBuf, FileError> {
        let folder = files::parent_or_current(file).to_path_buf();
        let checked = self
            .checked
            .entry(folder)
            .or_insert_with_key(|folder| files::resolve_within(folder, &files::trust_root(file)));
        match checked {
            Ok(real_folder) => Ok(real_folder.join(file.file_name().unwrap_or_default())),
            Err(error) => Err(FileError::new(file, error.message.clone())),
        }
    }
}

/// Walks a folder whose real path is `real_root`. The walk does not follow links to
/// folders, so a regular file found under it has the real path `real_root` + its relative
/// path; a README that is a link is checked like a named one.
fn walk(
    root: &Path,
    real_root: &Path,
    configs: &ConfigCache,
    found: &mut Discovered,
) -> Result<(), ConfigError> {
    // The config that governs the folder walked decides first: what it excludes is not
    // looked into, so configs inside an excluded folder (test fixtures) are never read.
    let root_config = configs.for_dir(root)?;
    let trust_root = files::trust_root(root);
    let skip_default = root_config.default_excludes();
    let walker = ignore::WalkBuilder::new(root)
        .hidden(false)
        .require_git(false)
        .filter_entry(move |entry| {
            let name = entry.file_name();
            if name == ".git" {
                return false;
            }
            // The folder named on the command line is walked whatever its name.
            !(skip_default
                && entry.depth() > 0
                && entry.file_type().is_some_and(|kind| kind.is_dir())
                && is_default_excluded(name))
        })
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
        let Some(kind) = entry.file_type() else { continue };
        if kind.is_dir() {
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
        if !wanted || config.is_excluded(path) {
            continue;
        }
        if kind.is_file() {
            let relative = entry.path().strip_prefix(root).unwrap_or(entry.path());
            found.files.push(Target {
                path: path.to_path_buf(),
                real_path: real_root.join(relative),
            });
        } else if kind.is_symlink() {
            match files::resolve_within(path, &trust_root) {
                Ok(real) if real.is_file() => found.files.push(Target {
                    path: path.to_path_buf(),
                    real_path: real,
                }),
                // A link to a folder named like a README is not a README.
                Ok(real) if real.is_dir() => {}
                Ok(_) => found.errors.push(FileError::new(
                    path,
                    "is a link to something that is not a regular file (a pipe, socket or device)",
                )),
                Err(error) => found.errors.push(error),
            }
        } else {
            found.errors.push(FileError::new(
                path,
                "is not a regular file (a pipe, socket or device); only README files are linted",
            ));
        }
    }
    Ok(())
}

/// The default excludes in rules/default-excludes.yml.
pub fn default_excludes() -> &'static [String] {
    static NAMES: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    NAMES.get_or_init(|| {
        serde_saphyr::from_str(include_str!("../rules/default-excludes.yml"))
            .expect("rules/default-excludes.yml is a list of folder names (checked by a test)")
    })
}

fn is_default_excluded(name: &std::ffi::OsStr) -> bool {
    let Some(name) = name.to_str() else {
        return false;
    };
    default_excludes()
        .iter()
        .any(|excluded| excluded.eq_ignore_ascii_case(name))
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
        let invalid = || "write it as K/N with 1 <= K <= N, e.g. 1/4".to_string();
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
    fn default_excludes_load() {
        assert!(default_excludes().iter().any(|name| name == "node_modules"));
        assert!(is_default_excluded(std::ffi::OsStr::new("Node_Modules")));
        assert!(!is_default_excluded(std::ffi::OsStr::new("docs")));
    }

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
