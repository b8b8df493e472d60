//! Bad input that cannot be committed as a `tests/cmd` case: huge or generated files,
//! special files, links, permissions, and a file that disappears during a run. Each
//! case checks the exit code, a message naming the file and saying what is wrong, that
//! nothing was written, and that the other files were still checked.
//!
//! The rest of the table lives elsewhere: invalid UTF-8, NUL bytes, a binary file, an
//! empty file, deep nesting and config errors in `tests/cmd/`; a read-only file under
//! `--fix` and a closed stdout in `tests/cli_io.rs`.
#![cfg(unix)]

#[path = "support/cli.rs"]
mod cli;

use cli::{README_WITHOUT_LICENSE, assert_code, project, readme_lint, text, write};
use std::fs;
use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Runs `command`, killing it and failing the test if it takes longer than `limit`.
#[track_caller]
fn run_within(command: &mut Command, limit: Duration) -> Output {
    let started = Instant::now();
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Drain the pipes on threads so a chatty child cannot block on a full pipe.
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        stdout.read_to_end(&mut bytes).map(|_| bytes)
    });
    let err = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        stderr.read_to_end(&mut bytes).map(|_| bytes)
    });
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > limit {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("readme-lint took longer than {limit:?}: {command:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    Output {
        status,
        stdout: out.join().unwrap().unwrap(),
        stderr: err.join().unwrap().unwrap(),
    }
}

const LIMIT: Duration = Duration::from_secs(60);

#[test]
fn a_file_over_the_size_limit_is_skipped_without_reading_it() {
    let dir = project();
    // 100 MB, sparse: rejected from its size, so it is never read (the manual run in
    // the report measured 0.00 s and 5 MB of memory for a real 100 MB file).
    let big = dir.path().join("big/README.md");
    fs::create_dir_all(big.parent().unwrap()).unwrap();
    fs::File::create(&big)
        .unwrap()
        .set_len(100 * 1024 * 1024)
        .unwrap();
    write(dir.path(), "small/README.md", README_WITHOUT_LICENSE);

    let started = Instant::now();
    let output = run_within(
        readme_lint(dir.path()).args(["--fix", "--unsafe-fixes", "--output-format", "concise"]),
        LIMIT,
    );
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );
    assert_code(&output, 2);
    assert_eq!(
        text(&output.stderr),
        "error: big/README.md: is 100.0 MiB, over the 16 MiB limit for a README; skipped\n"
    );
    // The other README was fixed; the big one is untouched.
    assert!(
        fs::read_to_string(dir.path().join("small/README.md"))
            .unwrap()
            .contains("## License")
    );
    assert_eq!(fs::metadata(&big).unwrap().len(), 100 * 1024 * 1024);
}

#[test]
fn standard_input_over_the_size_limit_stops_reading_at_the_limit() {
    let dir = project();
    let mut child = readme_lint(dir.path())
        .args(["-", "--stdin-filename", "README.md"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let block = vec![b'x'; 1024 * 1024];
        for _ in 0..100 {
            // The reader stops after the limit and exits: a broken pipe is expected.
            if stdin.write_all(&block).is_err() {
                return;
            }
        }
    });
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert_code(&output, 2);
    assert_eq!(
        text(&output.stderr),
        "error: standard input is over the 16 MiB limit for a README\n"
    );
}

#[test]
fn a_ten_megabyte_line_is_fixed_in_place() {
    let dir = project();
    let half = "word ".repeat(1024 * 1024);
    let original = format!(
        "{README_WITHOUT_LICENSE}\n## License\n\nMIT\n\n{half}![b](http://img.shields.io/badge/a-b-green.svg) {half}\n"
    );
    let path = write(dir.path(), "README.md", &original);
    let output = run_within(
        // Only the rule whose fix this case is about: other rules' fixes are theirs to test.
        readme_lint(dir.path()).args([
            "--fix",
            "--output-format",
            "concise",
            "--select",
            "insecure-badge-url",
        ]),
        LIMIT,
    );
    assert_code(&output, 0);
    let fixed = fs::read_to_string(&path).unwrap();
    assert_eq!(
        fixed,
        original.replace("http://img.shields.io", "https://img.shields.io")
    );
}

/// The human format shows a finding in a 10 MB line, and its fix, with the part of the
/// line around it, not the whole line.
#[test]
fn a_ten_megabyte_line_is_shown_in_part() {
    let dir = project();
    let half = "word ".repeat(1024 * 1024);
    let original = format!(
        "{README_WITHOUT_LICENSE}\n## License\n\nMIT\n\n{half}![b](http://img.shields.io/badge/a-b-green.svg) {half}\n"
    );
    write(dir.path(), "README.md", &original);
    let output = run_within(
        readme_lint(dir.path()).args(["--output-format", "human", "--select", "insecure-badge-url"]),
        LIMIT,
    );
    // A warning: reported, exit 0.
    assert_code(&output, 0);
    let shown = text(&output.stdout);
    assert!(shown.contains("http://img.shields.io"), "{shown}");
    assert!(shown.contains("…"), "{shown}");
    assert!(shown.len() < 4096, "{} bytes of output", shown.len());
}

#[test]
fn an_unreadable_file_is_an_error_and_the_others_are_checked() {
    use std::os::unix::fs::PermissionsExt;
    let dir = project();
    let locked = write(dir.path(), "locked/README.md", README_WITHOUT_LICENSE);
    write(dir.path(), "open/README.md", README_WITHOUT_LICENSE);
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    // Root reads any file whatever its mode: as root, the binary runs as `nobody`.
    let mut command = readme_lint(dir.path());
    cli::unprivileged(&mut command, dir.path());
    let output = run_within(command.args(["--output-format", "concise"]), LIMIT);
    assert_code(&output, 2);
    assert_eq!(
        text(&output.stderr),
        "error: locked/README.md: cannot read: permission denied\n"
    );
    assert!(text(&output.stdout).contains("open/README.md:1:1: RL104"));
}

#[test]
fn links_that_lead_nowhere() {
    use std::os::unix::fs::symlink;
    let dir = project();
    write(dir.path(), "ok/README.md", README_WITHOUT_LICENSE);
    symlink("missing.md", dir.path().join("dangling.md")).unwrap();
    symlink("loop-b.md", dir.path().join("loop-a.md")).unwrap();
    symlink("loop-a.md", dir.path().join("loop-b.md")).unwrap();

    // Named on the command line: an error each, saying which and what to do.
    let output = run_within(
        readme_lint(dir.path()).args([
            "--output-format",
            "concise",
            "dangling.md",
            "loop-a.md",
            "ok/README.md",
        ]),
        LIMIT,
    );
    assert_code(&output, 2);
    assert_eq!(
        text(&output.stderr),
        "error: dangling.md: cannot read: a dangling link (to `missing.md`, which does not exist); fix or remove the link\n\
         error: loop-a.md: cannot read: a link loop (the link leads back to itself); fix or remove the link\n"
    );
    assert!(text(&output.stdout).contains("ok/README.md:1:1: RL104"));

    // In a folder walk, links to folders are not followed (as in ripgrep), so a folder
    // link back to its parent does not loop; a README that is a dangling link is an error
    // like any README that cannot be read.
    symlink("missing.md", dir.path().join("ok/readme")).unwrap();
    symlink("..", dir.path().join("ok/parent")).unwrap();
    let output = run_within(
        readme_lint(dir.path()).args(["--output-format", "concise", "ok"]),
        LIMIT,
    );
    assert_code(&output, 2);
    assert_eq!(
        text(&output.stderr),
        "error: ok/readme: cannot read: a dangling link (to `missing.md`, which does not exist); fix or remove the link\n"
    );
    assert_eq!(
        text(&output.stdout),
        "ok/README.md:1:1: RL104 missing-section [-] required section `License` is missing\n"
    );
}

#[test]
fn special_files_are_refused_not_read() {
    let dir = project();
    write(dir.path(), "ok/README.md", README_WITHOUT_LICENSE);
    let fifo = dir.path().join("README.md");
    assert!(
        Command::new("mkfifo").arg(&fifo).status().unwrap().success(),
        "mkfifo"
    );
    // Reading a named pipe with no writer would block forever, and /dev/zero never ends.
    for special in ["README.md", "/dev/zero", "/dev/null"] {
        let output = run_within(
            readme_lint(dir.path()).args(["--fix", "--output-format", "concise", special, "ok/README.md"]),
            LIMIT,
        );
        assert_code(&output, 2);
        assert_eq!(
            text(&output.stderr),
            format!(
                "error: {special}: is not a regular file or a folder (a pipe, socket or device); name a README file, or use `-` for standard input\n"
            )
        );
        assert!(text(&output.stdout).contains("ok/README.md:1:1: RL104"));
    }
    // In a folder walk, a pipe named like a README is reported, not read.
    let output = run_within(
        readme_lint(dir.path()).args(["--output-format", "concise"]),
        LIMIT,
    );
    assert_code(&output, 2);
    assert_eq!(
        text(&output.stderr),
        "error: README.md: is not a regular file (a pipe, socket or device); only README files are linted\n"
    );
    assert!(text(&output.stdout).contains("ok/README.md:1:1: RL104"));
}

#[test]
fn a_folder_where_a_file_is_expected() {
    let dir = project();
    write(dir.path(), "ok/README.md", README_WITHOUT_LICENSE);
    fs::create_dir(dir.path().join("folder")).unwrap();

    let output = run_within(
        readme_lint(dir.path()).args(["--config", "folder", "ok/README.md"]),
        LIMIT,
    );
    assert_code(&output, 2);
    assert!(
        text(&output.stderr).starts_with("error: folder: is a folder, not a config file"),
        "{}",
        text(&output.stderr)
    );

    let output = run_within(
        readme_lint(dir.path()).args(["--report", "json=folder", "ok/README.md"]),
        LIMIT,
    );
    assert_code(&output, 2);
    assert!(
        text(&output.stderr).starts_with("error: folder: cannot write the report: "),
        "{}",
        text(&output.stderr)
    );

    let output = run_within(readme_lint(dir.path()).args(["ok/README.md/"]), LIMIT);
    assert_code(&output, 2);
    assert!(
        text(&output.stderr).starts_with("error: ok/README.md/: cannot read: "),
        "{}",
        text(&output.stderr)
    );

    // A folder named README.md is a folder: walked into, not read as a README.
    write(dir.path(), "odd/README.md/README.md", README_WITHOUT_LICENSE);
    let output = run_within(
        readme_lint(dir.path()).args(["--output-format", "concise", "odd"]),
        LIMIT,
    );
    assert_code(&output, 1);
    assert_eq!(
        text(&output.stdout),
        "odd/README.md/README.md:1:1: RL104 missing-section [-] required section `License` is missing\n"
    );
    assert_eq!(fs::read_dir(dir.path().join("folder")).unwrap().count(), 0);
}

/// True once the process `pid` is blocked writing to a full pipe.
fn waits_on_a_pipe(pid: u32) -> bool {
    let wchan =
        fs::read_to_string(format!("/proc/{pid}/wchan")).expect("/proc/PID/wchan is readable on Linux");
    wchan.contains("pipe_write") || wchan.contains("wait_woken")
}

#[test]
fn a_file_removed_between_discovery_and_reading() {
    // The run is held between discovery and reading: files are read a chunk of 256 at a
    // time, and the findings of the first chunk are written before the second is read, so
    // a stdout pipe that nobody reads fills up and stops the run there. While it waits,
    // one README of the second chunk is removed; then the pipe is drained.
    let dir = project();
    // Each README has a dozen dead badges: plenty of output per file.
    let badges = "[![b](https://travis-ci.org/a/b.svg)](https://travis-ci.org/a/b)\n".repeat(12);
    for index in 0..300 {
        write(
            dir.path(),
            &format!("a{index:03}/README.md"),
            format!("# a\n\nA.\n\n{badges}"),
        );
    }
    write(dir.path(), "b/README.md", README_WITHOUT_LICENSE);
    let mut child = readme_lint(dir.path())
        .args(["--fix", "--output-format", "concise"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while !waits_on_a_pipe(child.id()) {
        if started.elapsed() > LIMIT {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("readme-lint never filled its output pipe");
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    fs::remove_file(dir.path().join("b/README.md")).unwrap();
    let output = child.wait_with_output().unwrap();

    assert_code(&output, 2);
    assert_eq!(
        text(&output.stderr),
        "error: b/README.md: cannot read: no such file (or a dangling link)\n"
    );
    // The other files were still checked and reported, and b/README.md was not written
    // back (nor a temporary file left beside it).
    let stdout = text(&output.stdout);
    assert!(stdout.contains("a000/README.md:1:1:"), "{stdout}");
    assert!(stdout.contains("a299/README.md:1:1:"), "{stdout}");
    assert!(!dir.path().join("b/README.md").exists());
    assert!(!Path::new(&dir.path().join("b")).read_dir().unwrap().any(|_| true));
}
