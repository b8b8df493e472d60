//! Runs every fixture `tests/fixtures/<folder>/<case>.md` (a folder per rule family or
//! situation: `badges`, `dates-dmy`, `links-repo`, ...; only the folder's own `.md` files,
//! not those in its subfolders) and checks:
//! - the findings and the fixed text match `<case>.snap` (`BLESS=1` rewrites it; a
//!   fixture without its `.snap` fails);
//! - the fix loop converges, and fixing the fixed text changes nothing;
//! - each rule's declared fixability matches what it emitted;
//! - a CRLF twin of the fixture gives the same findings and the same fix, in CRLF;
//!
//! and, over all fixtures, that every rule is triggered by some fixture and every rule
//! with a fix has a fixture where that fix applies.
//!
//! A folder may hold a `.readme-lint.yml` (else the `recommended` preset applies), a
//! manifest (else the project facts are empty), a `git/` folder that stands for `.git`
//! (see `support/fake_git.rs`), and a `probe.json` that stands for what `--online` found
//! (badge URL to outcome). A folder whose name starts with `links` is linted with each
//! fixture's path, as the link rules need; with a `git/` folder, in a temporary copy
//! where `git/` is `.git`.

use readme_lint::config::{LoadedConfig, RuleSelection, load_file_chain, load_preset_chain};
use readme_lint::diagnostic::Diagnostic;
use readme_lint::facts::{self, ProjectFacts};
use readme_lint::fix::Applicability;
use readme_lint::linter::{self, LintSettings};
use readme_lint::probe::{Outcome, ProbeResults};
use readme_lint::rules::{self, Fixable};
use readme_lint::source::SourceText;
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

#[path = "support/fake_git.rs"]
mod fake_git;

fn fixture_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn config_for(dir: &Path) -> LoadedConfig {
    let file = dir.join(".readme-lint.yml");
    if file.is_file() {
        LoadedConfig::new(
            load_file_chain(&file).unwrap_or_else(|e| panic!("{e}")),
            Some(file),
        )
    } else {
        LoadedConfig::new(load_preset_chain("recommended", dir).unwrap(), None)
    }
}

fn facts_for(dir: &Path) -> ProjectFacts {
    if let Some(facts) = fake_git::facts_with_fake_git(dir) {
        return facts;
    }
    let has_manifest = ["Cargo.toml", "package.json", "pyproject.toml"]
        .iter()
        .any(|name| dir.join(name).is_file());
    if has_manifest {
        facts::discover(dir)
    } else {
        ProjectFacts::default()
    }
}

/// Canned online-probe results for a folder (`probe.json`: badge URL to outcome),
/// standing for what `--online` would find.
fn probe_for(dir: &Path) -> Option<ProbeResults> {
    let text = std::fs::read_to_string(dir.join("probe.json")).ok()?;
    let outcomes: std::collections::BTreeMap<String, Outcome> =
        serde_json::from_str(&text).unwrap_or_else(|error| panic!("{}: {error}", dir.display()));
    Some(outcomes.into_iter().collect())
}

fn describe(source: &SourceText, diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for diagnostic in diagnostics {
        let position = source.line_column(diagnostic.range.start);
        let fix = diagnostic.fix.as_ref().map_or(String::new(), |fix| {
            format!(" [fix: {}, {}]", fix.applicability.as_str(), fix.title)
        });
        writeln!(
            out,
            "{}:{} {} {}: {}{fix}",
            position.line, position.column, diagnostic.rule.code, diagnostic.rule.name, diagnostic.message
        )
        .unwrap();
    }
    out
}

fn to_crlf(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\n', "\r\n")
}

#[test]
fn fixtures() {
    let bless = std::env::var_os("BLESS").is_some();
    let mut failures = Vec::new();
    let mut cases = 0;
    let mut fired: BTreeSet<&'static str> = BTreeSet::new();
    // Rules that emitted a fix `--fix` or `--fix --unsafe-fixes` applies, on some fixture.
    let mut applied_by: BTreeSet<&'static str> = BTreeSet::new();
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(fixture_root())
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_dir())
        .collect();
    dirs.sort();
    for dir in dirs {
        let config = config_for(&dir);
        // The link rules resolve targets against the README's folder and its repository:
        // link fixtures are linted at their path (the others as text, so that facts about
        // this repository do not reach their snapshots). A link fixture with a `git/`
        // folder is linted in its copy, where `git/` is `.git`, so that its files are
        // those of that repository.
        let at_path = dir
            .file_name()
            .is_some_and(|name| name.to_string_lossy().starts_with("links"));
        let repository_copy =
            (at_path && dir.join("git").is_dir()).then(|| fake_git::copy_with_fake_git(&dir));
        let facts = match &repository_copy {
            Some(copy) => facts::discover(copy.path()),
            None => facts_for(&dir),
        };
        let probe = probe_for(&dir);
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "md"))
            .collect();
        files.sort();
        for file in files {
            cases += 1;
            let name = file.strip_prefix(fixture_root()).unwrap().display().to_string();
            let policy = config.policy_for(&file, &RuleSelection::default());
            let lint_path = match &repository_copy {
                Some(copy) => copy.path().join(file.file_name().unwrap()),
                None => file.clone(),
            };
            let settings = LintSettings {
                path: at_path.then_some(lint_path.as_path()),
                policy: &policy,
                facts: &facts,
                // A fixed today keeps the date rules' snapshots stable.
                today: jiff::civil::date(2026, 11, 21),
                probe: probe.as_ref(),
            };
            let text = std::fs::read_to_string(&file).unwrap();
            let source = SourceText::new(text.clone());
            let diagnostics = linter::lint(&source, settings);
            fired.extend(diagnostics.iter().map(|d| d.rule.name));

            for diagnostic in &diagnostics {
                let declared = diagnostic.rule.fixable;
                if declared == Fixable::Never && diagnostic.fix.is_some() {
                    failures.push(format!(
                        "{name}: {} says it never fixes but emitted a fix",
                        diagnostic.rule.name
                    ));
                }
                if declared == Fixable::Always && diagnostic.fix.is_none() {
                    failures.push(format!(
                        "{name}: {} says it always fixes but emitted none",
                        diagnostic.rule.name
                    ));
                }
                let applies = diagnostic
                    .fix
                    .as_ref()
                    .is_some_and(|fix| fix.applicability != Applicability::DisplayOnly);
                if declared == Fixable::Suggests && applies {
                    failures.push(format!(
                        "{name}: {} says it only suggests but emitted a fix that applies",
                        diagnostic.rule.name
                    ));
                }
                if applies {
                    applied_by.insert(diagnostic.rule.name);
                }
            }

            let outcome = match linter::fix(source, settings, Applicability::Unsafe) {
                Ok(outcome) => outcome,
                Err(error) => {
                    failures.push(format!("{name}: {error}"));
                    continue;
                }
            };
            let fixed = outcome.source.text().to_string();
            let again = linter::fix(SourceText::new(fixed.clone()), settings, Applicability::Unsafe).unwrap();
            if again.source.text() != fixed {
                failures.push(format!("{name}: a second --fix changed the text again"));
            }

            let mut snapshot = describe(&SourceText::new(text.clone()), &diagnostics);
            if fixed != text {
                snapshot.push_str("--- fixed with --unsafe-fixes ---\n");
                snapshot.push_str(&fixed);
            }
            let snap_path = file.with_extension("snap");
            if bless {
                std::fs::write(&snap_path, &snapshot).unwrap();
            } else {
                // A fixture without its snapshot fails: an empty expectation must be
                // written down (an empty .snap file), never assumed.
                match std::fs::read_to_string(&snap_path) {
                    Err(_) => failures.push(format!(
                        "{name}: no snapshot {} (BLESS=1 cargo test --test fixtures writes it)",
                        snap_path.display()
                    )),
                    Ok(expected) if expected != snapshot => failures.push(format!(
                        "{name}: snapshot differs\n--- expected\n{expected}--- actual\n{snapshot}"
                    )),
                    Ok(_) => {}
                }
            }

            // The CRLF twin: same findings, same fix, CRLF kept.
            let crlf = to_crlf(&text);
            if crlf != text {
                let crlf_source = SourceText::new(crlf.clone());
                let crlf_diagnostics = linter::lint(&crlf_source, settings);
                let codes = |list: &[Diagnostic]| {
                    list.iter()
                        .map(|d| (d.rule.code, d.message.clone()))
                        .collect::<Vec<_>>()
                };
                if codes(&crlf_diagnostics) != codes(&diagnostics) {
                    failures.push(format!("{name}: the CRLF twin gives other findings"));
                }
                let crlf_fixed = linter::fix(crlf_source, settings, Applicability::Unsafe).unwrap();
                if crlf_fixed.source.text() != to_crlf(&fixed) {
                    failures.push(format!(
                        "{name}: the CRLF twin's fix differs\n{:?}\nvs\n{:?}",
                        crlf_fixed.source.text(),
                        to_crlf(&fixed)
                    ));
                }
            }
        }
    }
    assert!(cases > 0, "no fixtures found");
    for rule in rules::RULES {
        let meta = rule.meta();
        if !fired.contains(meta.name) {
            failures.push(format!("no fixture triggers {}", meta.name));
        }
        // `readme-lint rules` says what a rule fixes: a rule listed as fixing must have
        // a fixture where its fix applies.
        if matches!(meta.fixable, Fixable::Sometimes | Fixable::Always) && !applied_by.contains(meta.name) {
            failures.push(format!(
                "{} is listed as fixable ({}) but no fixture gets a fix that applies",
                meta.name,
                meta.fixable.as_str()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {cases} fixtures failed:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}
