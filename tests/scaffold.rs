//! `readme-lint new` writes a README that readme-lint then passes, for each preset.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

fn readme_lint(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_readme-lint"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A Rust project with a binary, a license file, a CI workflow and a GitHub origin.
fn rust_project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir_all(root.join(".git/refs/remotes/origin")).unwrap();
    fs::write(root.join(".git/HEAD"), "ref: refs/heads/main\n").unwrap();
    fs::write(
        root.join(".git/config"),
        "[remote \"origin\"]\n\turl = https://github.com/acme/widget.git\n",
    )
    .unwrap();
    fs::create_dir_all(root.join(".github/workflows")).unwrap();
    fs::write(root.join(".github/workflows/ci.yml"), "name: CI\non: push\n").unwrap();
    fs::create_dir_all(root.join("src")).unwrap();
    fs::write(root.join("src/main.rs"), "fn main() {}\n").unwrap();
    fs::write(
        root.join("Cargo.toml"),
        "[package]\nname = \"widget\"\nversion = \"0.3.0\"\ndescription = \"Widgets for the command line.\"\nlicense = \"MIT\"\nedition = \"2021\"\n",
    )
    .unwrap();
    fs::write(root.join("LICENSE"), "MIT License\n").unwrap();
    dir
}

#[test]
fn new_readme_passes_its_preset() {
    for preset in ["recommended", "minimal", "standard-readme", "strict"] {
        let project = rust_project();
        let written = readme_lint(project.path(), &["new", "--preset", preset]);
        assert!(written.status.success(), "{preset}: {}", text(&written.stderr));
        let readme = fs::read_to_string(project.path().join("README.md")).unwrap();
        assert!(readme.starts_with("# widget\n"), "{readme}");
        assert!(readme.contains("actions/workflows/ci.yml/badge.svg"), "{readme}");
        assert!(
            readme.contains("https://img.shields.io/crates/v/widget.svg"),
            "{readme}"
        );
        assert!(readme.contains("Widgets for the command line."), "{readme}");
        fs::write(
            project.path().join(".readme-lint.yml"),
            format!("extends: {preset}\n"),
        )
        .unwrap();
        // Placeholders a person must replace are marked, and reported until they are.
        let lint = readme_lint(
            project.path(),
            &["--today", "2026-11-21", "--output-format", "concise"],
        );
        let findings = text(&lint.stdout);
        assert!(
            findings
                .lines()
                .all(|line| line.contains("RL112 unfinished-section")),
            "{preset}: the new README has other findings:\n{findings}\n{readme}"
        );
        // Filled in, it passes.
        let filled = readme.replace("<!-- readme-lint: fill in -->\n", "");
        fs::write(project.path().join("README.md"), &filled).unwrap();
        let lint = readme_lint(
            project.path(),
            &["--today", "2026-11-21", "--output-format", "concise"],
        );
        assert!(
            lint.status.success(),
            "{preset}: the filled-in README has findings:\n{}\n{filled}",
            text(&lint.stdout)
        );
    }
}

#[test]
fn new_refuses_to_overwrite_without_force() {
    let project = rust_project();
    fs::write(project.path().join("README.md"), "keep me\n").unwrap();
    let refused = readme_lint(project.path(), &["new"]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(text(&refused.stderr).contains("README.md already exists"));
    assert_eq!(
        fs::read_to_string(project.path().join("README.md")).unwrap(),
        "keep me\n"
    );
    let forced = readme_lint(project.path(), &["new", "--force"]);
    assert!(forced.status.success());
    assert_ne!(
        fs::read_to_string(project.path().join("README.md")).unwrap(),
        "keep me\n"
    );
}

#[test]
fn new_with_named_sections() {
    let project = rust_project();
    let written = readme_lint(
        project.path(),
        &["new", "--sections", "features,installation,faq,license"],
    );
    assert!(written.status.success(), "{}", text(&written.stderr));
    let readme = fs::read_to_string(project.path().join("README.md")).unwrap();
    let order: Vec<usize> = ["## Features", "## Installation", "## FAQ", "## License"]
        .iter()
        .map(|heading| {
            readme
                .find(heading)
                .unwrap_or_else(|| panic!("{heading} missing:\n{readme}"))
        })
        .collect();
    assert!(order.windows(2).all(|pair| pair[0] < pair[1]), "{readme}");
    let unknown = readme_lint(project.path(), &["new", "--force", "--sections", "instalation"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        text(&unknown.stderr).contains("did you mean `installation`?"),
        "{}",
        text(&unknown.stderr)
    );
}
