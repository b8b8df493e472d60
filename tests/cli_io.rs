//! Command-line behaviour that the `tests/cmd` cases cannot express well: exact
//! bytes (CRLF, BOM), a reader that closes stdout early, file permissions, colour
//! escapes, and files that must *not* appear.
//!
//! Every test works in a fresh temporary folder holding an empty `.git` folder, so
//! that config lookup and project facts stop there, and runs the binary with `HOME`
//! and `XDG_CONFIG_HOME` pointing nowhere, so that no global gitignore takes part.

#[path = "support/cli.rs"]
mod cli;

use cli::{README_WITHOUT_LICENSE, assert_code, project, readme_lint, text, write};
use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn run(command: &mut Command) -> Output {
    command.output().unwrap()
}

/// The names in `dir` (not recursive), sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

// (a) Line endings and the byte order mark survive a fix.

#[test]
fn unsafe_fix_keeps_crlf_bom_and_untouched_bytes() {
    let dir = project();
    // Usage is missing in the middle (it goes before Contributing) and License at the end.
    let original = "\u{feff}# demo\r\n\r\nA tiny tool that greets people.\r\n\r\n\
                    ## Installation\r\n\r\n\tcargo install demo\r\n\r\n\
                    ## Contributing\r\n\r\nPull requests are welcome.\r\n";
    let path = write(dir.path(), "README.md", original);
    // A short README needs no Usage section by default: ask for one.
    write(
        dir.path(),
        ".readme-lint.yml",
        "sections:\n  required: [installation, usage, license]\n",
    );

    let output = run(readme_lint(dir.path()).args(["--fix", "--unsafe-fixes", "README.md"]));
    // The inserted skeletons still have to be written by a person: unfinished-section.
    assert_code(&output, 1);
    assert!(
        text(&output.stdout).contains("unfinished-section"),
        "{}",
        text(&output.stdout)
    );

    let fixed = fs::read(&path).unwrap();
    let fixed = String::from_utf8(fixed).unwrap();
    assert!(
        fixed.starts_with('\u{feff}'),
        "the BOM is no longer first:\n{fixed:?}"
    );
    assert_eq!(fixed.matches('\u{feff}').count(), 1, "{fixed:?}");
    for (index, _) in fixed.match_indices('\n') {
        assert!(
            index > 0 && fixed.as_bytes()[index - 1] == b'\r',
            "a bare LF at byte {index}:\n{fixed:?}"
        );
    }
    assert_eq!(
        fixed.matches('\r').count(),
        fixed.matches('\n').count(),
        "a bare CR:\n{fixed:?}"
    );

    // Everything before the first inserted section is byte for byte the original,
    // and the Contributing section follows it unchanged.
    let usage = fixed.find("## Usage\r\n").expect("Usage was inserted");
    let contributing = original.find("## Contributing").unwrap();
    assert_eq!(usage, contributing, "{fixed:?}");
    assert_eq!(fixed[..usage], original[..contributing]);
    let license = fixed.find("## License\r\n").expect("License was inserted");
    let moved = &original[contributing..];
    assert!(
        fixed[usage..license].ends_with(&format!("{moved}\r\n")),
        "the Contributing section changed:\n{fixed:?}"
    );
    assert!(fixed.ends_with("\r\n"), "{fixed:?}");

    // Fixing again changes nothing; what is left is the skeletons to fill in.
    let output = run(readme_lint(dir.path()).args(["--fix", "--unsafe-fixes", "README.md"]));
    assert_code(&output, 1);
    assert_eq!(fs::read_to_string(&path).unwrap(), fixed);
}

// (b) A reader that closes stdout early.

/// Runs the binary with stdout a pipe whose read end is closed at once; returns
/// the exit code and everything written to stderr.
fn run_with_closed_stdout(command: &mut Command) -> (Option<i32>, String) {
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    (output.status.code(), text(&output.stderr))
}

#[test]
fn closed_stdout_is_a_quiet_success() {
    let dir = project();
    // 2000 empty sections: far more output than a pipe buffers, so the binary
    // writes after the reader has gone whatever the timing.
    let mut readme = String::from(README_WITHOUT_LICENSE);
    for index in 0..2000 {
        readme.push_str(&format!("\n## Empty {index}\n"));
    }
    write(dir.path(), "README.md", &readme);

    let runs: [&[&str]; 5] = [
        &["README.md"],
        &["--output-format", "json", "README.md"],
        &["--output-format", "jsonl", "README.md"],
        &["--diff", "--unsafe-fixes", "README.md"],
        &["rules"],
    ];
    for args in runs {
        let (code, stderr) = run_with_closed_stdout(readme_lint(dir.path()).args(args));
        assert_eq!(code, Some(0), "readme-lint {args:?}; stderr:\n{stderr}");
        assert_eq!(stderr, "", "readme-lint {args:?}");
    }
    assert_eq!(fs::read_to_string(dir.path().join("README.md")).unwrap(), readme);
}

#[test]
fn a_closed_stdout_does_not_stop_fixing() {
    // `readme-lint --fix | head -1`: the reader goes after the first line, and every file
    // must still be fixed; the exit code says what is left.
    let dir = project();
    for index in 0..600 {
        write(
            dir.path(),
            &format!("p{index:03}/README.md"),
            format!(
                "{README_WITHOUT_LICENSE}\n## License\n\nMIT\n\n![b](http://img.shields.io/badge/a-b-green.svg)\n\n## Empty\n"
            ),
        );
    }
    let (code, stderr) = run_with_closed_stdout(readme_lint(dir.path()).args(["--fix"]));
    // What is left is a warning (the empty section): exit 0.
    assert_eq!(code, Some(0), "stderr:\n{stderr}");
    assert_eq!(stderr, "");
    for index in 0..600 {
        let fixed = fs::read_to_string(dir.path().join(format!("p{index:03}/README.md"))).unwrap();
        assert!(
            fixed.contains("https://img.shields.io"),
            "p{index:03} was not fixed"
        );
    }
}

#[test]
fn rules_into_a_reader_that_wants_one_byte() {
    // `readme-lint rules | head -c1`: read one byte, then close the pipe.
    let dir = project();
    for _ in 0..20 {
        let mut child = readme_lint(dir.path())
            .args(["rules", "--format", "json"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdout = child.stdout.take().unwrap();
        let mut first = [0u8; 1];
        std::io::Read::read_exact(&mut stdout, &mut first).unwrap();
        assert_eq!(&first, b"[");
        drop(stdout);
        let output = child.wait_with_output().unwrap();
        assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
        assert_eq!(text(&output.stderr), "");
    }
}

// (c) A file that cannot be written does not stop the others from being fixed.

#[test]
fn read_only_readme_is_an_error_and_the_others_are_still_fixed() {
    let dir = project();
    let locked = write(dir.path(), "locked/README.md", README_WITHOUT_LICENSE);
    let open = write(dir.path(), "open/README.md", README_WITHOUT_LICENSE);
    let mut permissions = fs::metadata(&locked).unwrap().permissions();
    permissions.set_readonly(true);
    fs::set_permissions(&locked, permissions).unwrap();

    let output =
        run(readme_lint(dir.path()).args(["--fix", "--unsafe-fixes", "locked/README.md", "open/README.md"]));
    assert_code(&output, 2);
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("error: locked/README.md:") && stderr.contains("read-only"),
        "{stderr}"
    );
    assert!(!stderr.contains("open/README.md"), "{stderr}");

    assert_eq!(fs::read_to_string(&locked).unwrap(), README_WITHOUT_LICENSE);
    assert!(fs::metadata(&locked).unwrap().permissions().readonly());
    let fixed = fs::read_to_string(&open).unwrap();
    assert!(
        fixed.starts_with(README_WITHOUT_LICENSE) && fixed.contains("\n## License\n"),
        "{fixed}"
    );
    assert_eq!(
        listing(&dir.path().join("locked")),
        ["README.md"],
        "no temp file left"
    );
    assert_eq!(
        listing(&dir.path().join("open")),
        ["README.md"],
        "no temp file left"
    );
}

// (d) Colour.

const ESC: &str = "\x1b[";

#[test]
fn colour_only_when_asked_for() {
    let dir = project();
    write(dir.path(), "README.md", README_WITHOUT_LICENSE);

    let output = run(readme_lint(dir.path()).env("NO_COLOR", "1"));
    assert_code(&output, 1);
    assert!(!text(&output.stdout).contains(ESC), "NO_COLOR=1");
    assert!(text(&output.stdout).contains("missing-section"));

    for args in [&["--color", "never"][..], &["--color", "auto"][..], &[][..]] {
        let output = run(readme_lint(dir.path()).args(args));
        assert_code(&output, 1);
        assert!(!text(&output.stdout).contains(ESC), "{args:?} into a pipe");
    }
    let output = run(readme_lint(dir.path()).args(["--diff", "--unsafe-fixes", "--color", "never"]));
    assert_code(&output, 1);
    assert!(!text(&output.stdout).contains(ESC), "--diff --color never");

    let output = run(readme_lint(dir.path()).args(["--color", "always"]));
    assert_code(&output, 1);
    assert!(text(&output.stdout).contains(ESC), "--color always");

    let output = run(readme_lint(dir.path()).args(["--diff", "--unsafe-fixes", "--color", "always"]));
    assert_code(&output, 1);
    assert!(
        text(&output.stdout).contains("\x1b[32m+## License"),
        "--diff --color always"
    );

    // An explicit flag beats the environment (https://no-color.org).
    let output = run(readme_lint(dir.path())
        .args(["--color", "always"])
        .env("NO_COLOR", "1"));
    assert!(text(&output.stdout).contains(ESC), "NO_COLOR=1 --color always");
}

// Failures that must leave the folder as it was (trycmd's `.out` folders only
// check the files they list, not that nothing else appeared).

#[test]
fn config_errors_write_nothing() {
    let configs = [
        "rulez:\n  missing-section: off\n",
        "rules:\n  missing-sectoin: warn\n",
        "exclude: [\"docs/[a\"]\n",
        "extends: recomended\n",
        "rules:\n  missing-section:\n    max-length: 80\n",
    ];
    for config in configs {
        let dir = project();
        let readme = write(dir.path(), "README.md", README_WITHOUT_LICENSE);
        write(dir.path(), ".readme-lint.yml", config);
        let before = listing(dir.path());

        let output = run(readme_lint(dir.path()).args(["--fix", "--unsafe-fixes"]));
        assert_code(&output, 2);
        assert!(
            text(&output.stderr).starts_with("error: .readme-lint.yml:"),
            "{config}: {}",
            text(&output.stderr)
        );
        assert_eq!(fs::read_to_string(&readme).unwrap(), README_WITHOUT_LICENSE);
        assert_eq!(listing(dir.path()), before, "{config}");
    }
}

#[test]
fn failed_init_writes_nothing() {
    let dir = project();
    let output = run(readme_lint(dir.path()).args(["init", "--preset", "nope"]));
    assert_code(&output, 2);
    assert_eq!(listing(dir.path()), [".git"]);

    write(dir.path(), ".readme-lint.yml", "extends: minimal\n");
    let output = run(readme_lint(dir.path()).arg("init"));
    assert_code(&output, 2);
    assert_eq!(listing(dir.path()), [".git", ".readme-lint.yml"]);
    assert_eq!(
        fs::read_to_string(dir.path().join(".readme-lint.yml")).unwrap(),
        "extends: minimal\n"
    );
}

#[test]
fn stdin_is_read_in_full() {
    // A README larger than a pipe buffer, written while the binary reads it.
    let dir = project();
    let mut readme = String::from(README_WITHOUT_LICENSE);
    readme.push_str("\n## License\n\n");
    for _ in 0..5000 {
        readme.push_str("MIT, or Apache-2.0 at your option.\n");
    }
    let mut child = readme_lint(dir.path())
        .args(["-", "--stdin-filename", "README.md", "--output-format", "concise"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || stdin.write_all(readme.as_bytes()));
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    assert_code(&output, 0);
    assert_eq!(text(&output.stdout), "");
}

// Known bugs: these tests state the documented behaviour and fail today.
// Run them with `cargo test --test cli_io -- --ignored`.

#[test]

fn config_is_found_above_the_current_folder() {
    // README: `.readme-lint.yml` "is looked up from each README's folder upwards
    // to the repository root". From `docs/`, `readme-lint README.md` should use
    // the project's config, as `readme-lint docs/README.md` from the root does.
    let dir = project();
    write(dir.path(), ".readme-lint.yml", "rules:\n  missing-section: off\n");
    write(dir.path(), "docs/README.md", README_WITHOUT_LICENSE);

    let output = run(readme_lint(dir.path()).arg("docs/README.md"));
    assert_code(&output, 0);
    let output = run(readme_lint(&dir.path().join("docs")).arg("README.md"));
    assert_code(&output, 0);
}

#[test]

fn init_sees_an_existing_yaml_config() {
    // The new `.readme-lint.yml` silently takes precedence over the user's
    // `.readme-lint.yaml` (the names are looked up in that order).
    let dir = project();
    write(dir.path(), ".readme-lint.yaml", "extends: minimal\n");
    let output = run(readme_lint(dir.path()).arg("init"));
    assert_code(&output, 2);
    assert_eq!(listing(dir.path()), [".git", ".readme-lint.yaml"]);
}
