//! Property tests of the one read path and the one write path (src/files.rs) on trees a
//! pull request could commit: files, folders and links (relative and absolute, into the
//! repository and out of it, dangling, looping, through linked folders). Whatever the
//! tree and whichever path inside the repository is named, fixing, writing a report and
//! writing a new README never change anything outside the repository; and reading special
//! files returns an error at once instead of blocking or reading without end.
#![cfg(unix)]

use proptest::prelude::*;
use readme_lint::config::ConfigCache;
use readme_lint::files::{self, Existing, Follow, ReportFile};
use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Where a link points.
#[derive(Debug, Clone)]
enum Target {
    /// An entry of the repository, by index, written relative to the link.
    Inside(usize),
    /// An entry outside the repository, by index, written as an absolute path.
    Outside(usize),
    /// `..` repeated, then a name: may leave the repository.
    Up(usize, usize),
    Missing,
    /// The link itself.
    Loop,
}

#[derive(Debug, Clone)]
enum Entry {
    File,
    Folder,
    Link(Target),
}

/// Names inside the repository: some in a sub folder (which may itself be a link).
const NAMES: [&str; 8] = [
    "README.md",
    "docs",
    "docs/README.md",
    "readme",
    "pkg",
    "pkg/README.md",
    "report.sarif",
    "notes.md",
];
const OUTSIDE: [&str; 3] = ["victim.md", "dir", "dir/README.md"];

fn target_strategy() -> impl Strategy<Value = Target> {
    prop_oneof![
        (0..NAMES.len()).prop_map(Target::Inside),
        (0..OUTSIDE.len()).prop_map(Target::Outside),
        (1..4usize, 0..OUTSIDE.len()).prop_map(|(ups, name)| Target::Up(ups, name)),
        Just(Target::Missing),
        Just(Target::Loop),
    ]
}

fn entry_strategy() -> impl Strategy<Value = Option<Entry>> {
    prop_oneof![
        Just(None),
        Just(Some(Entry::File)),
        Just(Some(Entry::Folder)),
        target_strategy().prop_map(|target| Some(Entry::Link(target))),
    ]
}

/// The bytes of every file and the target of every link under `root` (links not followed).
fn snapshot(root: &Path) -> BTreeMap<PathBuf, String> {
    let mut out = BTreeMap::new();
    let mut pending = vec![root.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            let kind = entry.file_type().unwrap();
            let value = if kind.is_symlink() {
                format!("link to {}", fs::read_link(&path).unwrap().display())
            } else if kind.is_dir() {
                pending.push(path.clone());
                "folder".to_string()
            } else {
                fs::read_to_string(&path).unwrap_or_else(|_| "unreadable".into())
            };
            out.insert(path, value);
        }
    }
    out
}

const TEXT: &str = "# demo\n\nA demo.\n\n![b](http://img.shields.io/badge/a-b-green.svg)\n";

/// Builds the world: `outside/` with its files, and `repo/` (a git repository) with `entries`.
fn build(world: &Path, entries: &[Option<Entry>]) -> PathBuf {
    let outside = world.join("outside");
    fs::create_dir_all(outside.join("dir")).unwrap();
    fs::write(outside.join("victim.md"), TEXT).unwrap();
    fs::write(outside.join("dir/README.md"), TEXT).unwrap();
    let repo = world.join("repo");
    fs::create_dir_all(repo.join(".git")).unwrap();
    for (name, entry) in NAMES.iter().zip(entries) {
        let path = repo.join(name);
        let Some(parent) = path.parent() else { continue };
        // A name under a folder that is a file or link here cannot be made: skip it.
        if fs::symlink_metadata(parent).map(|m| !m.is_dir()).unwrap_or(false) {
            continue;
        }
        fs::create_dir_all(parent).unwrap();
        if fs::symlink_metadata(&path).is_ok() {
            continue;
        }
        match entry {
            None => {}
            Some(Entry::File) => fs::write(&path, TEXT).unwrap(),
            Some(Entry::Folder) => fs::create_dir_all(&path).unwrap(),
            Some(Entry::Link(target)) => {
                let to: PathBuf = match target {
                    Target::Inside(index) => {
                        let depth = name.matches('/').count();
                        let mut relative = PathBuf::new();
                        for _ in 0..depth {
                            relative.push("..");
                        }
                        relative.join(NAMES[*index])
                    }
                    Target::Outside(index) => outside.join(OUTSIDE[*index]),
                    Target::Up(ups, index) => {
                        let mut relative = PathBuf::new();
                        for _ in 0..*ups {
                            relative.push("..");
                        }
                        relative.join("outside").join(OUTSIDE[*index])
                    }
                    Target::Missing => PathBuf::from("nowhere.md"),
                    Target::Loop => PathBuf::from(path.file_name().unwrap()),
                };
                symlink(to, &path).unwrap();
            }
        }
    }
    repo
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn nothing_outside_the_repository_changes(
        entries in proptest::collection::vec(entry_strategy(), NAMES.len()),
        named in 0..NAMES.len(),
    ) {
        let world = tempfile::tempdir().unwrap();
        let repo = build(world.path(), &entries);
        let outside = world.path().join("outside");
        let before = snapshot(&outside);

        // Fixing: what discovery accepts, read and written back at its real path.
        let configs = ConfigCache::new(None).unwrap();
        for start in [repo.join(NAMES[named]), repo.clone()] {
            let found = readme_lint::discover::discover(&[start], &configs, false).unwrap();
            for target in found.files {
                let real = fs::canonicalize(&target.real_path).unwrap();
                prop_assert!(real.starts_with(fs::canonicalize(&repo).unwrap()), "{real:?}");
                if let Ok(read) = files::read_readme(&target.path, &target.real_path) {
                    let fixed = format!("{}\nfixed\n", read.text);
                    let _ = files::write_atomic(&target.path, &read.real_path, &read.text, &fixed);
                }
            }
        }
        // A report, fresh and appended, and a new README.
        let report_path = repo.join(NAMES[named]);
        for append in [false, true] {
            if let Ok(mut report) = ReportFile::create(&report_path, append) {
                report.write_all(b"{}").unwrap();
                let _ = report.finish();
            }
        }
        let _ = files::create_file(&repo.join(NAMES[named]), "# new\n", Existing::Replace);
        let _ = files::create_file(&repo.join(NAMES[named]), "# new\n", Existing::Keep);

        prop_assert_eq!(snapshot(&outside), before);
    }
}

#[test]
fn special_files_are_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.md");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let socket_path = dir.path().join("socket.md");
    let _socket = std::os::unix::net::UnixListener::bind(&socket_path).unwrap();
    let folder = dir.path().join("folder.md");
    fs::create_dir(&folder).unwrap();
    let cases: Vec<PathBuf> = vec![
        fifo,
        socket_path,
        folder,
        PathBuf::from("/dev/zero"),
        PathBuf::from("/dev/urandom"),
        PathBuf::from("/proc/self/pagemap"),
        PathBuf::from("/proc/self/mem"),
    ];
    for path in cases {
        for follow in [Follow::Links, Follow::NoLinks] {
            let started = Instant::now();
            let (sender, receiver) = std::sync::mpsc::channel();
            let probe = path.clone();
            std::thread::spawn(move || {
                let _ = sender.send(files::read_limited(&probe, files::CONFIG_LIMIT, follow));
            });
            let result = receiver
                .recv_timeout(Duration::from_secs(10))
                .unwrap_or_else(|_| panic!("reading {} blocked", path.display()));
            assert!(result.is_err(), "{} was read", path.display());
            assert!(started.elapsed() < Duration::from_secs(5), "{}", path.display());
        }
    }
}
