//! Fixture folders cannot hold a `.git` folder (git refuses to commit one), so a
//! fixture that needs git facts keeps them in `git/`: this copies the fixture to
//! a temporary folder with `git/` renamed to `.git` and reads the facts there.

use readme_lint::facts::{self, ProjectFacts};
use std::fs;
use std::path::Path;

/// The facts of `dir` read from a copy whose `git/` is `.git`; `None` when
/// `dir` has no `git/` folder.
pub fn facts_with_fake_git(dir: &Path) -> Option<ProjectFacts> {
    if !dir.join("git").is_dir() {
        return None;
    }
    let temp = copy_with_fake_git(dir);
    // The facts are read now; the copy can go when `temp` is dropped.
    Some(facts::discover(temp.path()))
}

/// A temporary copy of `dir` with its `git/` folder renamed to `.git`.
pub fn copy_with_fake_git(dir: &Path) -> tempfile::TempDir {
    let temp = tempfile::tempdir().expect("a temporary folder");
    copy_tree(dir, temp.path(), true);
    temp
}

fn copy_tree(from: &Path, to: &Path, top: bool) {
    fs::create_dir_all(to).expect("create a folder");
    for entry in fs::read_dir(from).expect("read a fixture folder") {
        let entry = entry.expect("a folder entry");
        let name = entry.file_name();
        let target_name = if top && name == "git" { ".git".into() } else { name };
        let target = to.join(target_name);
        if entry.path().is_dir() {
            copy_tree(&entry.path(), &target, false);
        } else {
            fs::copy(entry.path(), &target).expect("copy a fixture file");
        }
    }
}
