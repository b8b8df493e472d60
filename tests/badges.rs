//! The badge rules on the acceptance fixture (`tests/fixtures/badges/stale.md`):
//! each stale badge is reported by the right rule, `--fix` changes only the
//! bytes of badge URLs, and a second `--fix` changes nothing, through the
//! library and through the binary.

#[path = "support/fake_git.rs"]
mod fake_git;

use readme_lint::config::{LoadedConfig, RuleSelection, load_file_chain};
use readme_lint::document::Document;
use readme_lint::fix::Applicability;
use readme_lint::linter::{self, LintSettings};
use readme_lint::rules::LintContext;
use readme_lint::source::SourceText;
use similar::{ChangeTag, TextDiff};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::process::Command;

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/badges")
}

fn config() -> LoadedConfig {
    let file = fixture_dir().join(".readme-lint.yml");
    LoadedConfig::new(load_file_chain(&file).unwrap(), Some(file))
}

fn stale_text() -> String {
    std::fs::read_to_string(fixture_dir().join("stale.md")).unwrap()
}

/// Where the badge URLs of `text` are written.
fn url_ranges(text: &str, settings: LintSettings<'_>) -> Vec<Range<usize>> {
    let source = SourceText::new(text.to_string());
    let document = Document::parse(&source);
    let context = LintContext::new(&source, &document, settings.facts, settings.policy);
    context
        .badges()
        .iter()
        .flat_map(|badge| std::iter::once(&badge.image).chain(badge.link.as_ref()))
        .filter_map(|url| url.written.as_ref().map(|written| written.range.clone()))
        .collect()
}

#[test]
fn each_stale_badge_is_reported_by_the_right_rule() {
    let facts = fake_git::facts_with_fake_git(&fixture_dir()).unwrap();
    let config = config();
    let policy = config.policy_for(&fixture_dir().join("stale.md"), &RuleSelection::default());
    let settings = LintSettings {
        path: None,
        policy: &policy,
        facts: &facts,
        today: jiff::civil::date(2026, 11, 21),
        probe: None,
    };
    let text = stale_text();
    let diagnostics = linter::lint(&SourceText::new(text.clone()), settings);
    let expected = [
        ("travis-ci.org/acme/gizmo.svg", "dead-badge-service"),
        ("gizmo/workflows/CI/badge.svg", "legacy-badge-url"),
        ("github/workflow/status", "dead-badge-service"),
        ("github/workflow/status", "badge-branch"),
        ("[![Dependencies]", "dead-badge-service"),
        ("http://img.shields.io", "insecure-badge-url"),
        ("version-1.2.3", "static-badge-mismatch"),
        ("badge.svg?branch=master", "badge-branch"),
        // A reference-style badge is reported where it shows; its fix edits the definition.
        ("[![crates.io][crate-image]]", "dead-badge-service"),
    ];
    for (needle, rule) in expected {
        let line_start = text[..text.find(needle).unwrap_or_else(|| panic!("{needle}"))]
            .rfind('\n')
            .map_or(0, |index| index + 1);
        let line_end = text[line_start..]
            .find('\n')
            .map_or(text.len(), |index| line_start + index);
        assert!(
            diagnostics
                .iter()
                .any(|d| d.rule.name == rule && d.range.start >= line_start && d.range.start <= line_end),
            "{rule} does not report the line with `{needle}`"
        );
    }
}

/// Applies the safe fixes and checks that every changed byte lies inside a
/// badge URL as written in the original, in LF and CRLF.
#[test]
fn fixes_touch_only_badge_urls_and_converge() {
    let facts = fake_git::facts_with_fake_git(&fixture_dir()).unwrap();
    let config = config();
    let policy = config.policy_for(&fixture_dir().join("stale.md"), &RuleSelection::default());
    let settings = LintSettings {
        path: None,
        policy: &policy,
        facts: &facts,
        today: jiff::civil::date(2026, 11, 21),
        probe: None,
    };
    let lf = stale_text();
    let crlf = lf.replace('\n', "\r\n");
    for original in [lf, crlf] {
        let allowed = url_ranges(&original, settings);
        let outcome = linter::fix(SourceText::new(original.clone()), settings, Applicability::Safe).unwrap();
        let fixed = outcome.source.text().to_string();
        assert_ne!(fixed, original, "nothing was fixed");
        assert!(outcome.fix_count() >= 8, "only {} fixes", outcome.fix_count());

        let diff = TextDiff::from_chars(original.as_str(), fixed.as_str());
        let mut old_offset = 0;
        for change in diff.iter_all_changes() {
            let length = change.value().len();
            match change.tag() {
                ChangeTag::Equal => old_offset += length,
                ChangeTag::Delete | ChangeTag::Insert => {
                    let at = old_offset;
                    let end = if change.tag() == ChangeTag::Delete {
                        at + length
                    } else {
                        at
                    };
                    assert!(
                        allowed.iter().any(|range| range.start <= at && end <= range.end),
                        "a change at byte {at} ({:?}) lies outside every badge URL",
                        change.value()
                    );
                    if change.tag() == ChangeTag::Delete {
                        old_offset += length;
                    }
                }
            }
        }
        assert_eq!(fixed.matches("\r\n").count(), original.matches("\r\n").count());

        let again = linter::fix(SourceText::new(fixed.clone()), settings, Applicability::Safe).unwrap();
        assert_eq!(again.source.text(), fixed, "a second --fix changed the text");
        assert_eq!(again.fix_count(), 0);
    }
}

/// The same through the binary: `--fix` twice, the second run changes no byte.
#[test]
fn the_binary_fixes_once_and_then_changes_nothing() {
    let project = fake_git::copy_with_fake_git(&fixture_dir());
    let run = || {
        Command::new(env!("CARGO_BIN_EXE_readme-lint"))
            .args(["--fix", "--output-format", "concise", "stale.md"])
            .current_dir(project.path())
            .env("HOME", project.path().join(".git/no-home"))
            .env("XDG_CONFIG_HOME", project.path().join(".git/no-home"))
            .output()
            .unwrap()
    };
    let first = run();
    let after_first = std::fs::read_to_string(project.path().join("stale.md")).unwrap();
    assert_ne!(after_first, stale_text());
    // The dead david-dm badge is left for a human: findings remain.
    assert_eq!(
        first.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&first.stdout)
    );
    let remaining = String::from_utf8_lossy(&first.stdout);
    assert!(remaining.contains("dead-badge-service"), "{remaining}");
    assert!(!remaining.contains("legacy-badge-url"), "{remaining}");

    let second = run();
    let after_second = std::fs::read_to_string(project.path().join("stale.md")).unwrap();
    assert_eq!(after_second, after_first, "the second --fix changed the file");
    assert_eq!(second.stdout, first.stdout);
}
