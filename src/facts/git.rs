//! Facts from a git checkout, read straight from the files under `.git`:
//! running the `git` binary would be slower, may be absent, and could run
//! hooks or configured commands from an untrusted repository.

use super::non_empty;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct GitFacts {
    /// The folder containing `.git` (a folder, or a file in worktrees and submodules).
    pub repo_root: Option<PathBuf>,
    /// Parsed from the `[remote "origin"]` url.
    pub origin: Option<RemoteRepo>,
    /// The branch origin's HEAD points at, else the checked-out branch.
    pub default_branch: Option<String>,
    /// `.github/workflows/*.yml` and `*.yaml`, sorted by file name.
    pub workflows: Vec<Workflow>,
    /// The branch `refs/remotes/origin/HEAD` names (unlike `default_branch`, never
    /// the checked-out branch).
    pub origin_head: Option<String>,
    /// Local and origin branch names (`refs/heads/*`, `refs/remotes/origin/*`,
    /// loose or packed), sorted.
    pub branches: Vec<String>,
    /// A `.travis.yml` sits where the workflows are looked for.
    pub has_travis_yml: bool,
}

/// Where a remote lives, e.g. `github.com`, `me`, `tool`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize)]
pub struct RemoteRepo {
    pub host: String,
    /// May hold several segments on hosts with nested groups (`group/sub`).
    pub owner: String,
    pub repo: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Workflow {
    /// File name, e.g. `ci.yml`.
    pub file: String,
    /// The top-level `name:` value, unquoted.
    pub name: Option<String>,
}

impl GitFacts {
    /// True when the checkout knows branch `name`: origin's HEAD, or a local or origin
    /// branch. Tags and commits are not listed, so `false` proves nothing about them.
    pub fn has_branch(&self, name: &str) -> bool {
        self.origin_head.as_deref() == Some(name) || self.branches.iter().any(|known| known == name)
    }
}

impl RemoteRepo {
    /// True when `owner/repo` (as written in a URL, `.git` allowed) names this
    /// repository; GitHub and GitLab compare them without case.
    pub fn is_named(&self, owner: &str, repo: &str) -> bool {
        owner.eq_ignore_ascii_case(&self.owner)
            && repo.trim_end_matches(".git").eq_ignore_ascii_case(&self.repo)
    }

    /// Parses `https://host/o/r(.git)`, `git@host:o/r.git`, `ssh://git@host/o/r.git`
    /// and `git://host/o/r`. Local paths and `file://` URLs give `None`.
    pub fn parse(url: &str) -> Option<Self> {
        let url = url.trim();
        let (authority, path) = match url.split_once("://") {
            // Only schemes that name a host and a path: not `file://`.
            Some((scheme, rest)) => match scheme.to_ascii_lowercase().as_str() {
                "https" | "http" | "ssh" | "git" | "git+ssh" | "ssh+git" | "git+https" => {
                    rest.split_once('/')?
                }
                _ => return None,
            },
            None => {
                // scp-like `[user@]host:path`. Git reads it as a local path when a
                // slash comes before the colon; a one-letter host is a Windows drive.
                let (host, path) = url.split_once(':')?;
                if host.contains('/') || host.len() < 2 {
                    return None;
                }
                (host, path)
            }
        };
        let host = authority.rsplit('@').next().unwrap_or(authority);
        // Drop a port: the web page of the repository is not served on the ssh port.
        let host = match host.rsplit_once(':') {
            Some((name, port)) if port.chars().all(|c| c.is_ascii_digit()) => name,
            _ => host,
        };
        let path = path.split(['?', '#']).next().unwrap_or(path).trim_matches('/');
        let path = path.strip_suffix(".git").unwrap_or(path);
        let (owner, repo) = path.rsplit_once('/')?;
        let owner = owner.trim_start_matches('/');
        // Owner and repository go into URLs and messages as they are.
        Some(Self {
            host: super::values::remote_segment(&host.to_ascii_lowercase(), false)?,
            owner: super::values::remote_segment(owner, true)?,
            repo: super::values::remote_segment(repo, false)?,
        })
    }

    /// The repository's web page, `https://host/owner/repo`.
    pub fn web_url(&self) -> String {
        format!("https://{}/{}/{}", self.host, self.owner, self.repo)
    }
}

/// A `.git` entry of any type: a folder, or a `gitdir:` file in worktrees and
/// submodules (even a broken one still marks the repository root).
pub(super) fn has_git_entry(dir: &Path) -> bool {
    fs::symlink_metadata(dir.join(".git")).is_ok()
}

pub(super) fn find_repo_root(dir: &Path) -> Option<PathBuf> {
    dir.ancestors().find(|d| has_git_entry(d)).map(Path::to_path_buf)
}

/// Reads the git facts; workflows are looked for in the repository root, or in
/// `facts_root` when there is no repository.
pub(super) fn read_git_facts(facts_root: &Path, repo_root: Option<PathBuf>) -> GitFacts {
    let workflows = read_workflows(repo_root.as_deref().unwrap_or(facts_root));
    let dirs = repo_root.as_deref().and_then(GitDirs::locate);
    GitFacts {
        origin: dirs
            .as_ref()
            .and_then(GitDirs::origin_url)
            .as_deref()
            .and_then(RemoteRepo::parse),
        default_branch: dirs
            .as_ref()
            .and_then(GitDirs::default_branch)
            .and_then(|branch| super::values::branch_name(&branch)),
        origin_head: dirs
            .as_ref()
            .and_then(GitDirs::origin_head_branch)
            .and_then(|branch| super::values::branch_name(&branch)),
        branches: dirs
            .as_ref()
            .map(GitDirs::known_branches)
            .unwrap_or_default()
            .into_iter()
            .filter_map(|branch| super::values::branch_name(&branch))
            .collect(),
        has_travis_yml: repo_root
            .as_deref()
            .unwrap_or(facts_root)
            .join(".travis.yml")
            .is_file(),
        repo_root,
        workflows,
    }
}

/// Where a checkout keeps its state. A linked worktree has its own folder for
/// per-worktree files (HEAD) and shares the main repository's folder for the
/// rest (config, refs); in a plain checkout both are `.git`.
pub(super) struct GitDirs {
    pub(super) git_dir: PathBuf,
    common_dir: PathBuf,
}

const ORIGIN_REFS: &str = "refs/remotes/origin/";

impl GitDirs {
    pub(super) fn locate(repo_root: &Path) -> Option<Self> {
        let dot_git = repo_root.join(".git");
        let git_dir = if dot_git.is_dir() {
            dot_git
        } else {
            // `gitdir: <path>`, relative to the folder holding the `.git` file.
            let text = read_git_file(&dot_git)?;
            let target = text.lines().find_map(|line| line.strip_prefix("gitdir:"))?;
            repo_root.join(target.trim())
        };
        let common_dir = match read_git_file(&git_dir.join("commondir")) {
            Some(text) => git_dir.join(text.trim()),
            None => git_dir.clone(),
        };
        Some(Self { git_dir, common_dir })
    }

    /// True for a repository whose object ids are SHA-256 (`extensions.objectFormat`).
    pub(super) fn uses_sha256(&self) -> bool {
        read_git_file(&self.common_dir.join("config")).is_some_and(|config| {
            config.lines().any(|line| {
                let line = line.trim().to_ascii_lowercase().replace([' ', '\t'], "");
                line == "objectformat=sha256"
            })
        })
    }

    fn origin_url(&self) -> Option<String> {
        origin_url_from_config(&read_git_file(&self.common_dir.join("config"))?)
    }

    fn default_branch(&self) -> Option<String> {
        self.origin_head_branch().or_else(|| self.current_branch())
    }

    /// `ref: refs/heads/<branch>` in HEAD; a detached HEAD holds an object id.
    fn current_branch(&self) -> Option<String> {
        let head = read_git_file(&self.git_dir.join("HEAD"))?;
        symref_target(&head)?
            .strip_prefix("refs/heads/")
            .and_then(non_empty)
    }

    /// The branch `refs/remotes/origin/HEAD` names: a symbolic ref
    /// (`ref: refs/remotes/origin/main`) as `git clone` writes it, or, once
    /// packed or written by other tools, an object id that is matched against
    /// the origin branches.
    fn origin_head_branch(&self) -> Option<String> {
        let loose = read_git_file(&self.common_dir.join(ORIGIN_REFS).join("HEAD"));
        if let Some(target) = loose.as_deref().and_then(symref_target) {
            return target.strip_prefix(ORIGIN_REFS).and_then(non_empty);
        }
        let branches = self.origin_branch_ids();
        let head_id = match loose {
            Some(id) => id.trim().to_owned(),
            None => branches.get("HEAD")?.clone(),
        };
        // Several branches may point at the same commit; the usual default
        // names win, then the alphabetically first.
        branches
            .iter()
            .filter(|(branch, id)| *branch != "HEAD" && **id == head_id)
            .map(|(branch, _)| branch)
            .min_by_key(|branch| (!matches!(branch.as_str(), "main" | "master"), *branch))
            .cloned()
    }

    /// Branch names under `refs/heads/` and `refs/remotes/origin/` (not `HEAD`),
    /// loose (nested folders included) or packed.
    fn known_branches(&self) -> Vec<String> {
        const PREFIXES: [&str; 2] = ["refs/heads/", ORIGIN_REFS];
        let packed_text = read_packed_refs(&self.common_dir);
        let mut branches: Vec<String> = packed_text
            .lines()
            .filter_map(|line| line.split_once(' ').map(|(_, name)| name.trim()))
            .filter_map(|name| PREFIXES.iter().find_map(|prefix| name.strip_prefix(prefix)))
            .map(str::to_owned)
            .collect();
        for prefix in PREFIXES {
            let mut pending = vec![(self.common_dir.join(prefix), String::new())];
            while let Some((dir, name_prefix)) = pending.pop() {
                for entry in fs::read_dir(&dir).into_iter().flatten().filter_map(Result::ok) {
                    let Ok(name) = entry.file_name().into_string() else {
                        continue;
                    };
                    let name = format!("{name_prefix}{name}");
                    if entry.path().is_dir() {
                        pending.push((entry.path(), format!("{name}/")));
                    } else {
                        branches.push(name);
                    }
                }
            }
        }
        branches.retain(|branch| branch != "HEAD");
        branches.sort();
        branches.dedup();
        branches
    }

    /// Object id of each origin branch, from packed-refs and loose ref files;
    /// a loose ref is newer than its packed copy, so it replaces it.
    fn origin_branch_ids(&self) -> BTreeMap<String, String> {
        let packed_text = read_packed_refs(&self.common_dir);
        // Lines are `<id> <refname>`; `#` starts the header and `^` a peeled tag id.
        let packed = packed_text
            .lines()
            .filter(|line| !line.starts_with(['#', '^']))
            .filter_map(|line| {
                let (id, name) = line.split_once(' ')?;
                Some((name.trim().strip_prefix(ORIGIN_REFS)?.to_owned(), id.to_owned()))
            });
        let loose_dir = self.common_dir.join(ORIGIN_REFS);
        let loose = fs::read_dir(&loose_dir)
            .into_iter()
            .flatten()
            .filter_map(|entry| {
                let branch = entry.ok()?.file_name().into_string().ok()?;
                let id = read_git_file(&loose_dir.join(&branch))?;
                Some((branch, id.trim().to_owned()))
            });
        packed.chain(loose).collect()
    }
}

/// A small file of git's own (HEAD, config, a loose ref): capped, never blocking on a pipe.
/// The git folder is not the pull request's (git never checks out a `.git`), but a
/// worktree's `gitdir:` may lead anywhere, so no read is trusted to be small.
fn read_git_file(path: &Path) -> Option<String> {
    let bytes =
        crate::files::read_limited(path, crate::files::SMALL_FILE_LIMIT, crate::files::Follow::Links).ok()?;
    String::from_utf8(bytes).ok()
}

fn read_packed_refs(common_dir: &Path) -> String {
    crate::files::read_limited(
        &common_dir.join("packed-refs"),
        crate::files::PACKED_REFS_LIMIT,
        crate::files::Follow::Links,
    )
    .ok()
    .and_then(|bytes| String::from_utf8(bytes).ok())
    .unwrap_or_default()
}

fn symref_target(text: &str) -> Option<&str> {
    text.trim().strip_prefix("ref:").map(str::trim)
}

/// The first `url` of `[remote "origin"]` (the one git fetches from).
/// Section names are case-insensitive, the subsection name is not.
fn origin_url_from_config(config: &str) -> Option<String> {
    let mut in_origin = false;
    for raw_line in config.lines() {
        let mut line = raw_line.trim();
        if let Some(header) = line.strip_prefix('[') {
            let (section, rest) = header.split_once(']').unwrap_or((header, ""));
            in_origin = is_origin_section(section);
            // Git allows a key on the same line as its section header.
            line = rest.trim();
        }
        if !in_origin {
            continue;
        }
        if let Some((key, value)) = line.split_once('=')
            && key.trim().eq_ignore_ascii_case("url")
        {
            return non_empty(&quoted_value(value));
        }
    }
    None
}

/// `remote "origin"`, or the old `remote.origin` form.
fn is_origin_section(section: &str) -> bool {
    match section.trim().split_once(char::is_whitespace) {
        Some((name, sub)) => name.eq_ignore_ascii_case("remote") && sub.trim() == "\"origin\"",
        None => section.trim().eq_ignore_ascii_case("remote.origin"),
    }
}

/// A git config value, also good for a YAML double-quoted scalar: double
/// quotes group, backslash escapes, and `#` or `;` outside quotes start a comment.
fn quoted_value(raw: &str) -> String {
    let mut value = String::new();
    let mut quoted = false;
    let mut chars = raw.trim().chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => quoted = !quoted,
            '\\' => match chars.next() {
                Some('n') => value.push('\n'),
                Some('t') => value.push('\t'),
                Some(escaped) => value.push(escaped),
                None => {}
            },
            '#' | ';' if !quoted => break,
            _ => value.push(c),
        }
    }
    value
}

fn read_workflows(base: &Path) -> Vec<Workflow> {
    let dir = base.join(".github/workflows");
    let Ok(entries) = fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut workflows: Vec<Workflow> = entries
        .filter_map(Result::ok)
        .filter(|entry| entry.path().is_file())
        .filter_map(|entry| entry.file_name().into_string().ok())
        .filter(|file| file.ends_with(".yml") || file.ends_with(".yaml"))
        .filter_map(|file| super::values::file_name(&file))
        .map(|file| Workflow {
            name: crate::files::read_optional(&dir.join(&file), base, crate::files::SMALL_FILE_LIMIT)
                .and_then(|yaml| workflow_name(&yaml))
                .and_then(|name| super::values::single_line(&name)),
            file,
        })
        .collect();
    workflows.sort_by(|a, b| a.file.cmp(&b.file));
    workflows
}

/// The top-level `name:`; a full YAML parser is not needed for one scalar.
/// Only a key at column 0 is top-level: job and step names are indented.
fn workflow_name(yaml: &str) -> Option<String> {
    let yaml = yaml.strip_prefix('\u{feff}').unwrap_or(yaml);
    let raw = yaml
        .lines()
        .filter_map(|line| line.strip_prefix("name:"))
        .find(|rest| rest.is_empty() || rest.starts_with([' ', '\t']))?;
    yaml_scalar(raw.trim())
}

/// An inline YAML scalar: double-quoted with escapes, single-quoted with `''`
/// for a quote, or plain up to a ` #` comment. Block scalars (`|`, `>`) and
/// aliases are not read.
fn yaml_scalar(raw: &str) -> Option<String> {
    let value = if raw.starts_with('"') {
        quoted_value(raw)
    } else if let Some(rest) = raw.strip_prefix('\'') {
        let mut value = String::new();
        let mut chars = rest.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                // `''` stands for one quote; a lone quote ends the scalar.
                '\'' if chars.next_if_eq(&'\'').is_none() => break,
                _ => value.push(c),
            }
        }
        value
    } else if raw.starts_with(['|', '>', '&', '*', '#']) {
        String::new()
    } else {
        raw.split(" #").next().unwrap_or(raw).to_owned()
    };
    non_empty(&value)
}

#[cfg(test)]
mod tests {
    use super::super::write_file;
    use super::*;

    fn remote(host: &str, owner: &str, repo: &str) -> Option<RemoteRepo> {
        let (host, owner, repo) = (host.into(), owner.into(), repo.into());
        Some(RemoteRepo { host, owner, repo })
    }

    #[test]
    fn remote_url_forms() {
        let gh = || remote("github.com", "o", "r");
        let cases = [
            ("https://github.com/o/r", gh()),
            ("https://github.com/o/r.git/", gh()),
            ("https://user:token@GitHub.com/o/r.git", gh()),
            ("git@github.com:o/r.git", gh()),
            ("github.com:o/r", gh()),
            ("ssh://git@github.com:2222/o/r.git", gh()),
            ("git+ssh://git@github.com/o/r.git", gh()),
            ("git://github.com/o/r.git", gh()),
            ("https://gitlab.com/g/sub/r", remote("gitlab.com", "g/sub", "r")),
            ("/srv/git/r.git", None),
            ("../r", None),
            ("file:///srv/git/o/r.git", None),
            ("C:/repos/o/r", None),
            ("https://github.com/onlyowner", None),
            ("", None),
        ];
        for (url, expected) in cases {
            assert_eq!(RemoteRepo::parse(url), expected, "{url}");
        }
        assert_eq!(gh().unwrap().web_url(), "https://github.com/o/r");
    }

    #[test]
    fn origin_url_in_config() {
        let config = "[core]\n\tbare = false\n[remote \"upstream\"]\n\turl = https://x/up/r\n\
                      [Remote \"origin\"]  # comment\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n\
                      \tURL = \"git@github.com:me/r.git\" ; comment\n\turl = https://mirror/me/r\n";
        let cases = [
            (config, Some("git@github.com:me/r.git")),
            ("[remote.origin]\nurl = h:o/r\n", Some("h:o/r")),
            ("[remote \"origin\"] url = h:o/r\n", Some("h:o/r")),
            ("[remote \"Origin\"]\nurl = h:o/r\n", None),
        ];
        for (config, expected) in cases {
            let url = origin_url_from_config(config);
            assert_eq!(url.as_deref(), expected, "{config}");
        }
    }

    /// `(path under .git, contents)` pairs.
    type GitFiles<'a> = &'a [(&'a str, &'a str)];

    /// A fake checkout: `.git/config` with an origin, plus `files` under `.git`.
    fn fake_repo(files: GitFiles) -> tempfile::TempDir {
        let repo = tempfile::tempdir().unwrap();
        let config = "[remote \"origin\"]\n\turl = https://github.com/me/tool.git\n";
        write_file(repo.path(), ".git/config", config);
        for (path, text) in files {
            write_file(repo.path(), &format!(".git/{path}"), text);
        }
        repo
    }

    fn facts_of(dir: &Path) -> GitFacts {
        read_git_facts(dir, find_repo_root(dir))
    }

    #[test]
    fn default_branch_sources() {
        let topic = ("HEAD", "ref: refs/heads/feature/x\n");
        let origin_head = "refs/remotes/origin/HEAD";
        let packed = "# pack-refs with: peeled fully-peeled sorted\naaaa refs/remotes/origin/HEAD\n\
                      bbbb refs/remotes/origin/dev\naaaa refs/remotes/origin/release\n\
                      aaaa refs/remotes/origin/main\naaaa refs/tags/v1\n^cccc\n";
        let detached = ("HEAD", "0123456789abcdef0123456789abcdef01234567\n");
        let origin_trunk = (origin_head, "ref: refs/remotes/origin/trunk\n");
        let newer_main = ("refs/remotes/origin/main", "dddd\n");
        let cases: [(GitFiles, Option<&str>); 5] = [
            (&[topic], Some("feature/x")),
            (&[detached], None),
            (&[topic, origin_trunk], Some("trunk")),
            // Packed origin HEAD: the branch at the same commit, `main` first.
            (&[topic, ("packed-refs", packed)], Some("main")),
            // Loose refs are newer than their packed copies.
            (&[topic, ("packed-refs", packed), newer_main], Some("release")),
        ];
        for (files, expected) in cases {
            let repo = fake_repo(files);
            let facts = facts_of(repo.path());
            assert_eq!(facts.default_branch.as_deref(), expected, "{files:?}");
            assert_eq!(facts.repo_root.as_deref(), Some(repo.path()));
            assert_eq!(facts.origin, remote("github.com", "me", "tool"));
        }
    }

    #[test]
    fn branches_origin_head_and_travis_config() {
        let packed =
            "# pack-refs\naaaa refs/heads/packed-local\nbbbb refs/remotes/origin/dev\naaaa refs/tags/v1\n";
        let repo = fake_repo(&[
            ("HEAD", "ref: refs/heads/feature/x\n"),
            ("refs/heads/feature/x", "aaaa\n"),
            ("refs/remotes/origin/HEAD", "ref: refs/remotes/origin/main\n"),
            ("refs/remotes/origin/main", "aaaa\n"),
            ("packed-refs", packed),
        ]);
        write_file(repo.path(), ".travis.yml", "language: rust\n");
        let facts = facts_of(repo.path());
        assert_eq!(facts.origin_head.as_deref(), Some("main"));
        assert_eq!(facts.branches, ["dev", "feature/x", "main", "packed-local"]);
        assert!(facts.has_travis_yml);

        // Without origin's HEAD the default branch is the checked-out one, but
        // `origin_head` stays unknown.
        let repo = fake_repo(&[("HEAD", "ref: refs/heads/topic\n")]);
        let facts = facts_of(repo.path());
        assert_eq!(facts.default_branch.as_deref(), Some("topic"));
        assert_eq!(facts.origin_head, None);
        assert!(!facts.has_travis_yml);
    }

    #[test]
    fn worktree_reads_head_locally_and_config_from_common_dir() {
        let main = fake_repo(&[("HEAD", "ref: refs/heads/main\n")]);
        let state = main.path().join(".git/worktrees/wt");
        write_file(&state, "HEAD", "ref: refs/heads/wt-branch\n");
        write_file(&state, "commondir", "../..\n");
        let worktree = tempfile::tempdir().unwrap();
        let gitdir = format!("gitdir: {}\n", state.display());
        write_file(worktree.path(), ".git", &gitdir);
        fs::create_dir(worktree.path().join("src")).unwrap();

        let facts = facts_of(&worktree.path().join("src"));
        assert_eq!(facts.repo_root.as_deref(), Some(worktree.path()));
        assert_eq!(facts.origin, remote("github.com", "me", "tool"));
        assert_eq!(facts.default_branch.as_deref(), Some("wt-branch"));
    }

    #[test]
    fn submodule_gitdir_is_relative_to_its_checkout() {
        let outer = fake_repo(&[
            ("modules/sub/HEAD", "ref: refs/heads/sub-main\n"),
            (
                "modules/sub/config",
                "[remote \"origin\"]\nurl = me@x.org:team/sub",
            ),
        ]);
        write_file(outer.path(), "sub/.git", "gitdir: ../.git/modules/sub\n");
        let facts = facts_of(&outer.path().join("sub"));
        assert_eq!(facts.origin, remote("x.org", "team", "sub"));
        assert_eq!(facts.default_branch.as_deref(), Some("sub-main"));
    }

    #[test]
    fn workflows_sorted_with_unquoted_names() {
        let repo = fake_repo(&[]);
        let files = [
            ("release.yaml", "name: 'It''s out' # comment\non: push\n"),
            (
                "ci.yml",
                "\u{feff}jobs:\n  a:\n    name: job\nname: \"CI \\\"x\\\"\"",
            ),
            ("plain.yml", "name: Plain Build # note\n"),
            ("nameless.yml", "on: push\njobs:\n  a:\n    name: job\n"),
            ("notes.txt", "name: not a workflow\n"),
        ];
        for (file, text) in files {
            write_file(repo.path(), &format!(".github/workflows/{file}"), text);
        }
        let workflow = |file: &str, name: Option<&str>| Workflow {
            file: file.into(),
            name: name.map(str::to_owned),
        };
        let expected = [
            workflow("ci.yml", Some("CI \"x\"")),
            workflow("nameless.yml", None),
            workflow("plain.yml", Some("Plain Build")),
            workflow("release.yaml", Some("It's out")),
        ];
        assert_eq!(facts_of(repo.path()).workflows, expected);

        // Without a repository the facts root holds the workflows.
        let dir = tempfile::tempdir().unwrap();
        write_file(dir.path(), ".github/workflows/ci.yml", "name: CI\n");
        let facts = read_git_facts(dir.path(), None);
        assert_eq!(facts.workflows, [workflow("ci.yml", Some("CI"))]);
        assert_eq!((facts.repo_root, facts.origin), (None, None));
    }
}
