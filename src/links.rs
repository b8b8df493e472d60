//! What a README's links point at: a URL elsewhere, an anchor in the README itself, or a
//! path in the repository, resolved as GitHub resolves it; and the repository's files,
//! listed once per repository root however many links are checked.

pub use crate::badges::url::percent_decode;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

/// Where a link's destination leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target<'u> {
    /// A URL with a scheme (`https:`, `mailto:`), protocol-relative (`//host`), or
    /// anything else that is not a path in the repository.
    Elsewhere,
    /// `#fragment`: an anchor in the same README.
    Anchor(&'u str),
    /// A path in the repository, as written (still percent-encoded), with its fragment.
    Path {
        path: &'u str,
        fragment: Option<&'u str>,
    },
}

/// How a destination is read: scheme, fragment, query.
pub fn target(url: &str) -> Target<'_> {
    let url = url.trim();
    if url.is_empty() {
        return Target::Elsewhere;
    }
    if let Some(fragment) = url.strip_prefix('#') {
        return Target::Anchor(fragment);
    }
    if url.starts_with("//") || has_scheme(url) {
        return Target::Elsewhere;
    }
    // Template placeholders (`{{ url }}`, `<%= path %>`, `${base}`) are not paths yet.
    if url.contains("{{") || url.contains("<%") || url.contains("${") {
        return Target::Elsewhere;
    }
    let (before_fragment, fragment) = match url.split_once('#') {
        Some((path, fragment)) => (path, Some(fragment)),
        None => (url, None),
    };
    let path = before_fragment.split('?').next().unwrap_or_default();
    if path.is_empty() {
        // `?tab=readme` or `?x#y`: the page itself.
        return match fragment {
            Some(fragment) => Target::Anchor(fragment),
            None => Target::Elsewhere,
        };
    }
    Target::Path { path, fragment }
}

/// `scheme:` as RFC 3986 spells it (`https:`, `mailto:`, `data:`); a Windows drive
/// letter (`C:`) counts too, since it is no path in a repository either.
fn has_scheme(url: &str) -> bool {
    let Some(colon) = url.find(':') else { return false };
    let scheme = &url[..colon];
    !scheme.is_empty()
        && scheme.starts_with(|ch: char| ch.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|ch| ch.is_ascii_alphanumeric() || matches!(ch, '+' | '-' | '.'))
        && !url[..colon].contains('/')
}

/// Why a path does not resolve inside the repository.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outside {
    /// `../../issues`, `../../wiki`: a route of the repository's web page, which GitHub
    /// resolves from the README's page; not a file.
    WebRoute,
    /// A path that climbs above the repository root.
    AboveRoot,
}

/// Routes of a repository's web page that READMEs link to with `../../`.
const WEB_ROUTES: [&str; 22] = [
    "issues",
    "pulls",
    "pull",
    "wiki",
    "actions",
    "releases",
    "tags",
    "discussions",
    "blob",
    "tree",
    "raw",
    "compare",
    "commits",
    "commit",
    "security",
    "projects",
    "network",
    "graphs",
    "stargazers",
    "labels",
    "milestones",
    "contributors",
];

/// The repository-relative path (`/`-separated, no `.` or `..`, no leading `/`) that
/// `path` (as written in a link, percent-encoded) names from a README in folder
/// `readme_dir` (repository-relative, `""` at the root). `/path` starts at the
/// repository root, as on GitHub.
pub fn resolve(readme_dir: &str, path: &str) -> Result<String, Outside> {
    let decoded = percent_decode(path);
    let mut parts: Vec<&str> = if decoded.starts_with('/') {
        Vec::new()
    } else {
        readme_dir.split('/').filter(|part| !part.is_empty()).collect()
    };
    let mut climbed_above = 0usize;
    let mut rest: Vec<&str> = Vec::new();
    for part in decoded.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    climbed_above += 1;
                }
            }
            _ if climbed_above > 0 => rest.push(part),
            _ => parts.push(part),
        }
    }
    if climbed_above > 0 {
        // From `README.md` at the root, GitHub shows the page at `/OWNER/REPO/blob/BRANCH/`:
        // two levels up is the repository's page.
        let route = rest.first().copied().unwrap_or_default();
        if route.is_empty() || WEB_ROUTES.contains(&route) {
            return Err(Outside::WebRoute);
        }
        return Err(Outside::AboveRoot);
    }
    Ok(parts.join("/"))
}

/// The files and folders of a repository that git would publish (what `.gitignore`
/// leaves in), as `/`-separated paths relative to its root.
#[derive(Debug, Default)]
pub struct RepoFiles {
    files: HashSet<String>,
    folders: HashSet<String>,
    /// Lowercase path to the paths that have it, for near matches.
    by_lowercase: HashMap<String, Vec<String>>,
    /// False when the walk stopped at [`MAX_ENTRIES`]: then a missing path proves nothing.
    pub complete: bool,
    /// The repository's root, for [`RepoFiles::is_tracked`].
    root: PathBuf,
    /// What git's index tracks, read when first asked.
    tracked: OnceLock<Option<crate::facts::git_index::TrackedPaths>>,
}

/// How many files and folders a repository listing holds at most.
pub const MAX_ENTRIES: usize = 200_000;

impl RepoFiles {
    pub fn contains(&self, path: &str) -> bool {
        path.is_empty() || self.files.contains(path) || self.folders.contains(path)
    }

    pub fn is_file(&self, path: &str) -> bool {
        self.files.contains(path)
    }

    /// True when git tracks `path` although the walk skipped it as ignored (a file added
    /// with `git add -f`): it is published. False when the index cannot be read.
    pub fn is_tracked(&self, path: &str) -> bool {
        self.tracked
            .get_or_init(|| crate::facts::git_index::tracked_paths(&self.root))
            .as_ref()
            .is_some_and(|tracked| tracked.contains(path))
    }

    /// The paths that differ from `path` only in case.
    pub fn case_variants(&self, path: &str) -> &[String] {
        self.by_lowercase
            .get(&path.to_lowercase())
            .map_or(&[], Vec::as_slice)
    }

    fn insert(&mut self, path: String, folder: bool) {
        self.by_lowercase
            .entry(path.to_lowercase())
            .or_default()
            .push(path.clone());
        if folder {
            self.folders.insert(path);
        } else {
            self.files.insert(path);
        }
    }
}

/// The files of the repository at `root`, listed on the first call for that root and
/// shared after. Symbolic links are listed as files and never followed.
pub fn repo_files(root: &Path) -> Arc<RepoFiles> {
    static CACHE: OnceLock<Mutex<HashMap<PathBuf, Arc<RepoFiles>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    if let Some(files) = cache.lock().unwrap_or_else(PoisonError::into_inner).get(root) {
        return Arc::clone(files);
    }
    let files = Arc::new(list(root));
    cache
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .entry(root.to_path_buf())
        .or_insert(files)
        .clone()
}

fn list(root: &Path) -> RepoFiles {
    let mut files = RepoFiles {
        complete: true,
        root: root.to_path_buf(),
        ..RepoFiles::default()
    };
    let walk = ignore::WalkBuilder::new(root)
        .hidden(false)
        .follow_links(false)
        .git_global(false)
        .require_git(false)
        // `.git` itself is not published.
        .filter_entry(|entry| entry.file_name() != ".git")
        .build();
    let mut entries = 0usize;
    for entry in walk.flatten() {
        entries += 1;
        if entries > MAX_ENTRIES {
            files.complete = false;
            break;
        }
        let Ok(relative) = entry.path().strip_prefix(root) else {
            continue;
        };
        let Some(relative) = relative.to_str() else {
            continue;
        };
        if relative.is_empty() {
            continue;
        }
        let relative = relative.replace(std::path::MAIN_SEPARATOR, "/");
        let folder = entry.file_type().is_some_and(|kind| kind.is_dir());
        files.insert(relative, folder);
    }
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets() {
        assert_eq!(target("https://x.org/a"), Target::Elsewhere);
        assert_eq!(target("mailto:a@b.c"), Target::Elsewhere);
        assert_eq!(target("//cdn.x/a.png"), Target::Elsewhere);
        assert_eq!(target("#usage"), Target::Anchor("usage"));
        assert_eq!(
            target("docs/a.md?plain=1#L3"),
            Target::Path {
                path: "docs/a.md",
                fragment: Some("L3")
            }
        );
        assert_eq!(target("{{ url }}"), Target::Elsewhere);
    }

    #[test]
    fn paths_resolve_as_on_github() {
        assert_eq!(resolve("", "docs/a.md"), Ok("docs/a.md".into()));
        assert_eq!(resolve("docs", "../LICENSE"), Ok("LICENSE".into()));
        assert_eq!(resolve("docs/x", "/LICENSE"), Ok("LICENSE".into()));
        assert_eq!(resolve("", "./a%20b.md"), Ok("a b.md".into()));
        assert_eq!(resolve("", "../../issues"), Err(Outside::WebRoute));
        assert_eq!(resolve("", "../../../../../etc/passwd"), Err(Outside::AboveRoot));
    }
}
