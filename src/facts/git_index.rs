//! The paths git tracks, read from the index (`.git/index`) without running git: a
//! file can be tracked although a `.gitignore` pattern matches it (added with
//! `git add -f`, or before the pattern), and then it is published all the same.
//!
//! Running `git ls-files` would be simpler, but git reads the checkout's config and may
//! run programs named there (`core.fsmonitor`), and nothing in a checkout may run a
//! command. The index format is small and stable (versions 2 to 4, documented in git's
//! `gitformat-index`); gix-index reads it too, with some thirty crates around it for
//! this one lookup.

use std::collections::HashSet;
use std::path::Path;

/// The index of a large monorepo is tens of megabytes; this bounds the read.
const INDEX_LIMIT: crate::files::Limit = crate::files::Limit {
    bytes: 256 * 1024 * 1024,
    what: "git's index",
};

/// The paths in a repository's index.
#[derive(Debug, Default)]
pub struct TrackedPaths {
    files: HashSet<String>,
    /// Folders a sparse index keeps as one entry (`dir/`): everything below is tracked.
    sparse_folders: Vec<String>,
}

impl TrackedPaths {
    /// True when `path` (repository-relative, `/`-separated) is a tracked file, or a
    /// folder holding one.
    pub fn contains(&self, path: &str) -> bool {
        let path = path.trim_end_matches('/');
        if self.files.contains(path) {
            return true;
        }
        let below = format!("{path}/");
        self.sparse_folders
            .iter()
            .any(|folder| below.starts_with(folder.as_str()) || folder.starts_with(&below))
            || self.files.iter().any(|file| file.starts_with(&below))
    }
}

/// The tracked paths of the checkout at `repo_root`, or `None` when its index cannot
/// be read or is not one git would write.
pub fn tracked_paths(repo_root: &Path) -> Option<TrackedPaths> {
    let dirs = super::git::GitDirs::locate(repo_root)?;
    let bytes = crate::files::read_limited(
        &dirs.git_dir.join("index"),
        INDEX_LIMIT,
        crate::files::Follow::Links,
    )
    .ok()?;
    let hash_len = if dirs.uses_sha256() { 32 } else { 20 };
    parse(&bytes, hash_len)
}

/// Reads the entries of an index whose object ids are `hash_len` bytes long.
fn parse(bytes: &[u8], hash_len: usize) -> Option<TrackedPaths> {
    let u32_at =
        |at: usize| -> Option<u32> { Some(u32::from_be_bytes(bytes.get(at..at + 4)?.try_into().ok()?)) };
    if bytes.get(0..4)? != b"DIRC" {
        return None;
    }
    let version = u32_at(4)?;
    if !(2..=4).contains(&version) {
        return None;
    }
    let count = usize::try_from(u32_at(8)?).ok()?;
    let mut tracked = TrackedPaths::default();
    let mut at = 12;
    let mut previous: Vec<u8> = Vec::new();
    // Ten 32-bit stat fields (ctime, mtime, dev, ino, mode, uid, gid, size), then the id.
    let fixed = 40 + hash_len;
    for _ in 0..count {
        let entry_start = at;
        let mode = u32_at(at + 24)?;
        let flags = u16::from_be_bytes(bytes.get(at + fixed..at + fixed + 2)?.try_into().ok()?);
        at += fixed + 2;
        if version >= 3 && flags & 0x4000 != 0 {
            at += 2;
        }
        let path = if version == 4 {
            // The path is the previous one less its last N bytes, plus a NUL-ended suffix.
            let (strip, used) = read_offset(bytes.get(at..)?)?;
            at += used;
            let keep = previous.len().checked_sub(strip)?;
            let end = at + bytes.get(at..)?.iter().position(|&byte| byte == 0)?;
            let mut path = previous[..keep].to_vec();
            path.extend_from_slice(&bytes[at..end]);
            at = end + 1;
            path
        } else {
            let end = at + bytes.get(at..)?.iter().position(|&byte| byte == 0)?;
            let path = bytes[at..end].to_vec();
            // NUL padding to a multiple of eight bytes, at least one.
            let length = end - entry_start;
            at = entry_start + (length + 8) / 8 * 8;
            path
        };
        // Stage bits: a conflicted path appears up to three times; once is enough.
        if let Ok(text) = std::str::from_utf8(&path) {
            if mode & 0o170000 == 0o040000 {
                tracked.sparse_folders.push(text.to_owned());
            } else {
                tracked.files.insert(text.to_owned());
            }
        }
        previous = path;
    }
    Some(tracked)
}

/// Git's offset encoding of a number (index version 4): seven bits a byte, high bit set
/// on all but the last, each continuation adding one before shifting.
fn read_offset(bytes: &[u8]) -> Option<(usize, usize)> {
    let mut value: usize = 0;
    for (used, &byte) in bytes.iter().enumerate().take(10) {
        if used > 0 {
            value = value.checked_add(1)?.checked_mul(128)?;
        }
        value |= usize::from(byte & 0x7f);
        if byte & 0x80 == 0 {
            return Some((value, used + 1));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::process::Command;

    fn git(dir: &Path, args: &[&str]) {
        let status = Command::new("git")
            .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
            .args(args)
            .current_dir(dir)
            .status()
            .unwrap();
        assert!(status.success(), "git {args:?}");
    }

    /// A repository with an ignored folder holding one file added with `-f`.
    fn repository() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        git(dir.path(), &["init", "-q"]);
        std::fs::write(dir.path().join(".gitignore"), "build/\n*.log\n").unwrap();
        std::fs::create_dir_all(dir.path().join("build/deep")).unwrap();
        std::fs::create_dir_all(dir.path().join("docs/a-rather-long-folder-name")).unwrap();
        for file in [
            "README.md",
            "build/out.txt",
            "build/deep/kept.txt",
            "docs/a-rather-long-folder-name/guide.md",
            "docs/a-rather-long-folder-name/guides.md",
            "debug.log",
            "naïve.md",
        ] {
            std::fs::write(dir.path().join(file), "x").unwrap();
        }
        git(dir.path(), &["add", "."]);
        git(dir.path(), &["add", "-f", "build/deep/kept.txt"]);
        dir
    }

    fn check(dir: &Path) {
        let tracked = tracked_paths(dir).expect("the index is read");
        for path in [
            "README.md",
            "build/deep/kept.txt",
            "build",
            "build/deep",
            "docs/a-rather-long-folder-name/guide.md",
            "docs/a-rather-long-folder-name/guides.md",
            "docs",
            "naïve.md",
            ".gitignore",
        ] {
            assert!(tracked.contains(path), "{path} is tracked");
        }
        for path in ["build/out.txt", "debug.log", "docs/guide.md", "buil", "READ"] {
            assert!(!tracked.contains(path), "{path} is not tracked");
        }
    }

    #[test]
    fn reads_every_index_version() {
        let dir = repository();
        for version in ["2", "3", "4"] {
            git(dir.path(), &["update-index", "--index-version", version]);
            check(dir.path());
        }
        // Version 3 with an extended flag (intent to add).
        std::fs::write(dir.path().join("later.md"), "x").unwrap();
        git(dir.path(), &["update-index", "--index-version", "3"]);
        git(dir.path(), &["add", "-N", "later.md"]);
        check(dir.path());
        assert!(tracked_paths(dir.path()).unwrap().contains("later.md"));
    }

    #[test]
    fn a_damaged_index_is_no_answer() {
        let dir = repository();
        let index = dir.path().join(".git/index");
        let bytes = std::fs::read(&index).unwrap();
        for cut in [0, 3, 12, 40, bytes.len() / 2] {
            std::fs::write(&index, &bytes[..cut]).unwrap();
            assert!(tracked_paths(dir.path()).is_none(), "cut at {cut}");
        }
        assert!(parse(b"DIRC\0\0\0\x09\0\0\0\0", 20).is_none(), "unknown version");
    }
}
