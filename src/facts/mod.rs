//! Project facts: what a repository says about itself (its manifest, its git
//! checkout, its license file), read once per facts root so that lint rules
//! never touch the file system themselves.
//!
//! Reading never fails: a missing, unreadable or malformed file only leaves
//! the matching fields empty, because a README linter must still run on a
//! half-broken project.

mod git;
pub mod git_index;
mod manifest;
pub mod values;

pub use git::{GitFacts, RemoteRepo, Workflow};
pub use manifest::{Manifest, ManifestKind};

use serde::Serialize;
use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

/// Everything known about the project that a README belongs to.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ProjectFacts {
    /// The folder the facts were read from (see [`discover`]).
    pub root: PathBuf,
    /// First found of Cargo.toml, package.json, pyproject.toml in `root`.
    pub manifest: Option<Manifest>,
    pub git: GitFacts,
    /// File name of a LICENSE / LICENCE / COPYING file in `root`.
    pub license_file: Option<String>,
    /// Every such file (`LICENSE-MIT`, `LICENSE-APACHE`), the plainest first.
    pub license_files: Vec<String>,
    /// Whether the git repository's root holds a license (an entry named `LICENSE…`,
    /// `LICENCE…` or `COPYING…`, such as a `LICENSES/` folder): a README in a
    /// sub-package of a monorepo shares it. Read once per facts root, not per README.
    pub repository_has_license: bool,
}

impl ProjectFacts {
    /// [`placeholders`](Self::placeholders) plus values derived from them, such as
    /// `install-command`: what section templates can use.
    pub fn template_values(&self) -> Vec<(&'static str, String)> {
        let mut values = self.placeholders();
        if let Some(command) = self.install_command() {
            values.push(("install-command", command));
        }
        if !self.license_files.is_empty() {
            let links: Vec<String> = self
                .license_files
                .iter()
                .map(|file| format!("[{file}]({file})"))
                .collect();
            let text = match links.as_slice() {
                [one] => one.clone(),
                [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
                [] => String::new(),
            };
            values.push(("license-links", text));
        }
        values
    }

    /// How users install the package from its registry, when it is published.
    pub fn install_command(&self) -> Option<String> {
        let manifest = self.manifest.as_ref()?;
        let name = manifest.name.as_ref()?;
        if !manifest.publishable {
            return None;
        }
        Some(match (manifest.kind, manifest.has_binary) {
            (ManifestKind::Cargo, true) => format!("cargo install {name}"),
            (ManifestKind::Cargo, false) => format!("cargo add {name}"),
            (ManifestKind::Npm, true) => format!("npm install --global {name}"),
            (ManifestKind::Npm, false) => format!("npm install {name}"),
            (ManifestKind::Python, _) => format!("pip install {name}"),
        })
    }

    /// The template values that are known, as `(placeholder, value)` pairs.
    pub fn placeholders(&self) -> Vec<(&'static str, String)> {
        let manifest = self.manifest.as_ref();
        let from_manifest = |field: fn(&Manifest) -> &Option<String>| manifest.and_then(|m| field(m).clone());
        let repository =
            from_manifest(|m| &m.repository).or_else(|| self.git.origin.as_ref().map(RemoteRepo::web_url));
        // Owner and repo name come from the checkout first; a project without an
        // origin remote (a fresh clone of a tarball, say) may still name its
        // repository in the manifest.
        let remote = self.git.origin.clone().or_else(|| {
            manifest
                .and_then(|m| m.repository.as_deref())
                .and_then(RemoteRepo::parse)
        });
        let candidates = [
            ("name", from_manifest(|m| &m.name)),
            ("version", from_manifest(|m| &m.version)),
            ("description", from_manifest(|m| &m.description)),
            ("license", from_manifest(|m| &m.license)),
            ("license-file", self.license_file.clone()),
            ("repository", repository),
            ("owner", remote.as_ref().map(|r| r.owner.clone())),
            ("repo", remote.as_ref().map(|r| r.repo.clone())),
            ("default-branch", self.git.default_branch.clone()),
            ("min-runtime", from_manifest(|m| &m.min_runtime)),
        ];
        candidates
            .into_iter()
            .filter_map(|(key, value)| Some((key, value?)))
            .collect()
    }
}

/// Reads the facts of the project that `start_dir` belongs to.
///
/// The facts root is the nearest folder at or above `start_dir` that holds a
/// manifest, looking no higher than the git repository root; without a
/// manifest it is the git root, or `start_dir` itself outside a repository.
pub fn discover(start_dir: &Path) -> ProjectFacts {
    read_facts(&find_facts_root(start_dir))
}

/// Facts shared between rules and files: each facts root is read only once.
#[derive(Debug, Default)]
pub struct FactsCache {
    by_root: Mutex<HashMap<PathBuf, Arc<ProjectFacts>>>,
    /// The facts root of each folder asked about, so that a folder's parents are walked once.
    root_of_dir: Mutex<HashMap<PathBuf, PathBuf>>,
}

impl FactsCache {
    pub fn new() -> Self {
        Self::default()
    }

    /// The facts for `start_dir`, read on the first request for its facts root.
    pub fn get(&self, start_dir: &Path) -> Arc<ProjectFacts> {
        let root = {
            let mut roots = self.root_of_dir.lock().unwrap_or_else(PoisonError::into_inner);
            roots
                .entry(start_dir.to_path_buf())
                .or_insert_with(|| find_facts_root(start_dir))
                .clone()
        };
        // The lock is held while reading so that two threads asking for the same
        // root never read it twice; reading is only a handful of small files.
        // A panic in another thread cannot leave a half-written entry behind, so
        // a poisoned map is still sound to use.
        let mut by_root = self.by_root.lock().unwrap_or_else(PoisonError::into_inner);
        let facts = by_root
            .entry(root)
            .or_insert_with_key(|root| Arc::new(read_facts(root)));
        Arc::clone(facts)
    }
}

fn find_facts_root(start_dir: &Path) -> PathBuf {
    let start = absolute_dir(start_dir);
    // A folder with a `.git` entry ends the walk: it is the repository root, and
    // a manifest above it belongs to some other project.
    start
        .ancestors()
        .find(|dir| manifest::find_manifest_file(dir).is_some() || git::has_git_entry(dir))
        .map_or_else(|| start.clone(), Path::to_path_buf)
}

/// An absolute folder to walk up from, so that `.` and `..` have parents to
/// visit and the cache has one key per folder. A file stands for its folder.
fn absolute_dir(start_dir: &Path) -> PathBuf {
    let path = fs::canonicalize(start_dir)
        .or_else(|_| std::path::absolute(start_dir))
        .unwrap_or_else(|_| start_dir.to_path_buf());
    match path.parent() {
        Some(parent) if path.is_file() => parent.to_path_buf(),
        _ => path,
    }
}

fn read_facts(root: &Path) -> ProjectFacts {
    let repo_root = git::find_repo_root(root);
    let license_files = find_license_files(root);
    let repository_has_license = repo_root.as_deref().is_some_and(has_license_entry);
    ProjectFacts {
        root: root.to_path_buf(),
        manifest: manifest::read_manifest(root, repo_root.as_deref()),
        git: git::read_git_facts(root, repo_root),
        license_file: license_files.first().cloned(),
        license_files,
        repository_has_license,
    }
}

/// True when `dir` has an entry whose name starts with a license stem, in any case.
fn has_license_entry(dir: &Path) -> bool {
    fs::read_dir(dir).into_iter().flatten().flatten().any(|entry| {
        let name = entry.file_name().to_string_lossy().to_ascii_uppercase();
        LICENSE_STEMS.iter().any(|stem| name.starts_with(stem))
    })
}

const LICENSE_STEMS: [&str; 3] = ["LICENSE", "LICENCE", "COPYING"];

/// `LICENSE`, `licence.md`, `LICENSE-MIT`, `COPYING.LESSER`; but not
/// `LICENSEE.txt`, whose stem is some other word.
fn is_license_file_name(name: &str) -> bool {
    let upper = name.to_ascii_uppercase();
    LICENSE_STEMS.iter().any(|stem| {
        upper
            .strip_prefix(stem)
            .is_some_and(|rest| rest.chars().next().is_none_or(|c| !c.is_ascii_alphanumeric()))
    })
}

/// Every license file in `root`, the preferred one first: the exact name `LICENSE`,
/// then the shortest name (the plainest one, e.g. `LICENSE.md` over `LICENSE-APACHE`),
/// then alphabetical order so the choice never depends on directory order. Names are
/// checked before the file system is asked, so a folder of many files costs no stat
/// per file.
fn find_license_files(root: &Path) -> Vec<String> {
    let mut files: Vec<String> = fs::read_dir(root)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter_map(|entry| entry.file_name().into_string().ok())
        .filter(|name| is_license_file_name(name))
        .filter(|name| root.join(name).is_file())
        .filter_map(|name| values::file_name(&name))
        .collect();
    files.sort_by_key(|name| (name != "LICENSE", name.len(), name.clone()));
    files
}

/// The text as an owned value, unless it is blank: an empty field in a
/// manifest says nothing and must not fill a template placeholder.
fn non_empty(text: &str) -> Option<String> {
    let trimmed = text.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_owned())
}

/// Writes `text` to `dir/relative`, creating parent folders; for tests.
#[cfg(test)]
fn write_file(dir: &Path, relative: &str, text: &str) {
    let path = dir.join(relative);
    fs::create_dir_all(path.parent().expect("test paths have a parent")).unwrap();
    fs::write(path, text).unwrap();
}

#[cfg(test)]
mod tests {
    use super::*;
    use tempfile::TempDir;

    /// A temporary folder with its canonical path, since `discover` reports
    /// canonical paths.
    fn temp_project() -> (TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = fs::canonicalize(dir.path()).unwrap();
        (dir, path)
    }

    #[test]
    fn nearest_manifest_below_git_root_is_the_root() {
        let (_guard, repo) = temp_project();
        fs::create_dir(repo.join(".git")).unwrap();
        write_file(&repo, "Cargo.toml", "[package]\nname = \"top\"\n");
        write_file(&repo, "web/package.json", r#"{"name": "web"}"#);
        fs::create_dir_all(repo.join("web/src/deep")).unwrap();

        let facts = discover(&repo.join("web/src/deep"));
        assert_eq!(facts.root, repo.join("web"));
        let manifest = facts.manifest.unwrap();
        assert_eq!(manifest.kind, ManifestKind::Npm);
        assert_eq!(manifest.name.as_deref(), Some("web"));
        assert_eq!(facts.git.repo_root, Some(repo.clone()));
    }

    #[test]
    fn walk_stops_at_git_root_without_manifest() {
        let (_guard, outer) = temp_project();
        write_file(&outer, "Cargo.toml", "[package]\nname = \"outer\"\n");
        fs::create_dir_all(outer.join("repo/.git")).unwrap();
        fs::create_dir_all(outer.join("repo/docs")).unwrap();

        let facts = discover(&outer.join("repo/docs"));
        assert_eq!(facts.root, outer.join("repo"));
        assert_eq!(facts.manifest, None);
    }

    #[test]
    fn outside_git_the_manifest_is_searched_upward() {
        let (_guard, project) = temp_project();
        write_file(&project, "pyproject.toml", "[project]\nname = \"p\"\n");
        fs::create_dir_all(project.join("a/b")).unwrap();

        let facts = discover(&project.join("a/b"));
        assert_eq!(facts.root, project);
        assert_eq!(facts.git, GitFacts::default());
    }

    #[test]
    fn outside_git_without_manifest_the_start_dir_is_the_root() {
        let (_guard, dir) = temp_project();
        let facts = discover(&dir);
        assert_eq!(facts.root, dir);
        assert_eq!(facts.manifest, None);
    }

    #[test]
    fn a_file_start_stands_for_its_folder_and_cargo_wins_over_npm() {
        let (_guard, project) = temp_project();
        write_file(&project, "package.json", r#"{"name": "js"}"#);
        write_file(&project, "Cargo.toml", "[package]\nname = \"rs\"\n");
        write_file(&project, "README.md", "# rs\n");

        let facts = discover(&project.join("README.md"));
        assert_eq!(facts.root, project);
        assert_eq!(facts.manifest.unwrap().kind, ManifestKind::Cargo);
    }

    #[test]
    fn license_file_choice() {
        let cases: &[(&[&str], Option<&str>)] = &[
            (&["LICENSE-MIT", "LICENSE", "LICENSE-APACHE"], Some("LICENSE")),
            (&["LICENSE-MIT", "LICENSE.md"], Some("LICENSE.md")),
            (&["LICENSE-MIT", "LICENSE-APACHE"], Some("LICENSE-MIT")),
            (&["licence.txt", "README.md"], Some("licence.txt")),
            (&["COPYING.LESSER", "COPYING"], Some("COPYING")),
            (&["LICENSEE.txt", "README.md"], None),
        ];
        for (files, expected) in cases {
            let (_guard, dir) = temp_project();
            for file in *files {
                write_file(&dir, file, "text");
            }
            // A REUSE-style LICENSES folder is not a license file.
            fs::create_dir(dir.join("LICENSES")).unwrap();
            assert_eq!(
                find_license_files(&dir).first().map(String::as_str),
                *expected,
                "{files:?}"
            );
        }
    }

    #[test]
    fn placeholders_only_list_known_values() {
        let facts = ProjectFacts {
            manifest: Some(Manifest {
                name: Some("tool".into()),
                version: Some("1.2.3".into()),
                ..Manifest::default()
            }),
            git: GitFacts {
                origin: Some(RemoteRepo {
                    host: "github.com".into(),
                    owner: "me".into(),
                    repo: "tool".into(),
                }),
                default_branch: Some("main".into()),
                ..GitFacts::default()
            },
            license_file: Some("LICENSE".into()),
            ..ProjectFacts::default()
        };
        let expected = [
            ("name", "tool"),
            ("version", "1.2.3"),
            ("license-file", "LICENSE"),
            ("repository", "https://github.com/me/tool"),
            ("owner", "me"),
            ("repo", "tool"),
            ("default-branch", "main"),
        ];
        let expected: Vec<_> = expected.iter().map(|(k, v)| (*k, v.to_string())).collect();
        assert_eq!(facts.placeholders(), expected);
    }

    #[test]
    fn placeholders_prefer_manifest_repository_and_parse_it_without_origin() {
        let facts = ProjectFacts {
            manifest: Some(Manifest {
                repository: Some("https://gitlab.com/group/proj".into()),
                min_runtime: Some("1.80".into()),
                ..Manifest::default()
            }),
            ..ProjectFacts::default()
        };
        let values: HashMap<_, _> = facts.placeholders().into_iter().collect();
        assert_eq!(values["repository"], "https://gitlab.com/group/proj");
        assert_eq!(values["owner"], "group");
        assert_eq!(values["repo"], "proj");
        assert_eq!(values["min-runtime"], "1.80");
        assert_eq!(values.len(), 4);
    }

    #[test]
    fn cache_reads_each_root_once_across_threads() {
        let (_guard, project) = temp_project();
        write_file(&project, "Cargo.toml", "[package]\nname = \"x\"\n");
        fs::create_dir_all(project.join("src")).unwrap();

        let cache = FactsCache::new();
        let (first, second) = std::thread::scope(|scope| {
            let first = scope.spawn(|| cache.get(&project));
            let second = scope.spawn(|| cache.get(&project.join("src")));
            (first.join().unwrap(), second.join().unwrap())
        });
        assert!(Arc::ptr_eq(&first, &second));
        assert_eq!(first.root, project);
    }

    #[test]
    fn facts_serialize_to_json() {
        let (_guard, project) = temp_project();
        write_file(&project, "Cargo.toml", "[package]\nname = \"x\"\n");
        let json = serde_json::to_value(discover(&project)).unwrap();
        assert_eq!(json["manifest"]["kind"], "cargo");
        assert_eq!(json["manifest"]["name"], "x");
        assert_eq!(json["license_file"], serde_json::Value::Null);
    }
}
