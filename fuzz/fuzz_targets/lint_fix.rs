//! Lints and fixes arbitrary text with the `recommended` preset and unsafe fixes, and checks:
//! - nothing panics;
//! - every finding's range and every fix's edits lie inside the text, on char boundaries,
//!   and each fix is well formed (its edits sorted and not overlapping);
//! - the fix loop converges, and fixing the fixed text again changes nothing;
//! - a text whose line endings are all CRLF keeps them all CRLF; a text without a CR gets none;
//! - a byte order mark stays first.
//!
//! A fix loop that does not converge is written to `artifacts/lint_fix/nonconvergent-*` for a
//! look rather than treated as a crash (a finding to investigate, not necessarily a bug).

#![no_main]

use libfuzzer_sys::fuzz_target;
use readme_lint::config::{LoadedConfig, Policy, RuleSelection, load_preset_chain};
use readme_lint::diagnostic::Diagnostic;
use readme_lint::facts::ProjectFacts;
use readme_lint::fix::Applicability;
use readme_lint::linter::{self, LintSettings};
use readme_lint::source::{BOM, SourceText};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::ops::Range;
use std::path::Path;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

fn policy() -> &'static Policy {
    static POLICY: OnceLock<Policy> = OnceLock::new();
    POLICY.get_or_init(|| {
        let dir = Path::new(".");
        let layers = load_preset_chain("recommended", dir).expect("the recommended preset loads");
        LoadedConfig::new(layers, None).policy_for(&dir.join("README.md"), &RuleSelection::default())
    })
}

fn facts() -> &'static ProjectFacts {
    static FACTS: OnceLock<ProjectFacts> = OnceLock::new();
    FACTS.get_or_init(ProjectFacts::default)
}

fn check_range(text: &str, range: &Range<usize>, what: &dyn Fn() -> String) {
    assert!(
        range.start <= range.end
            && range.end <= text.len()
            && text.is_char_boundary(range.start)
            && text.is_char_boundary(range.end),
        "{} has range {range:?} in a text of {} bytes: {text:?}",
        what(),
        text.len()
    );
}

fn check_diagnostics(text: &str, diagnostics: &[Diagnostic]) {
    for diagnostic in diagnostics {
        let name = diagnostic.rule.name;
        check_range(text, &diagnostic.range, &|| format!("finding of {name}"));
        if let Some(fix) = &diagnostic.fix {
            for edit in &fix.edits {
                check_range(text, &edit.range, &|| format!("an edit of {name}'s fix"));
            }
            assert!(
                fix.is_well_formed(text),
                "{name}'s fix {:?} is not well formed in {text:?}",
                fix.edits
            );
        }
    }
}

/// True when the text has line ends and every one of them is CRLF.
fn crlf_only(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut any = false;
    for (index, &byte) in bytes.iter().enumerate() {
        match byte {
            b'\r' if bytes.get(index + 1) == Some(&b'\n') => any = true,
            b'\r' => return false,
            b'\n' if index == 0 || bytes[index - 1] != b'\r' => return false,
            _ => {}
        }
    }
    any
}

fn first_lone_line_end(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    (0..bytes.len()).find(|&index| match bytes[index] {
        b'\r' => bytes.get(index + 1) != Some(&b'\n'),
        b'\n' => index == 0 || bytes[index - 1] != b'\r',
        _ => false,
    })
}

/// Keeps a non-converging input for a look, without stopping the fuzzer.
fn record_nonconvergent(text: &str, rules: &[&str]) {
    static RECORDED: AtomicUsize = AtomicUsize::new(0);
    if RECORDED.fetch_add(1, Ordering::Relaxed) >= 100 {
        return;
    }
    let mut hasher = DefaultHasher::new();
    text.hash(&mut hasher);
    let dir = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/artifacts/lint_fix"));
    let _ = std::fs::create_dir_all(dir);
    let name = format!("nonconvergent-{:016x}-{}", hasher.finish(), rules.join("+"));
    let _ = std::fs::write(dir.join(name), text);
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let settings = LintSettings {
        path: None,
        policy: policy(),
        facts: facts(),
        today: jiff::civil::date(2026, 11, 21),
        probe: None,
    };

    let source = SourceText::new(text.to_string());
    let diagnostics = linter::lint(&source, settings);
    check_diagnostics(text, &diagnostics);

    let outcome = match linter::fix(source, settings, Applicability::Unsafe) {
        Ok(outcome) => outcome,
        Err(error) => {
            record_nonconvergent(text, &error.rules);
            return;
        }
    };
    let fixed = outcome.source.text();
    check_diagnostics(fixed, &outcome.remaining);

    if text.starts_with(BOM) {
        assert!(fixed.starts_with(BOM), "the BOM moved: {text:?} -> {fixed:?}");
    }
    if crlf_only(text) {
        assert!(
            first_lone_line_end(fixed).is_none(),
            "a CRLF text got a lone line end at byte {:?}: {text:?} -> {fixed:?}",
            first_lone_line_end(fixed)
        );
    }
    if !text.contains('\r') {
        assert!(
            !fixed.contains('\r'),
            "an LF text got a CR: {text:?} -> {fixed:?}"
        );
    }

    let again = linter::fix(
        SourceText::new(fixed.to_string()),
        settings,
        Applicability::Unsafe,
    )
    .unwrap_or_else(|error| panic!("fixing the fixed text again failed: {error}: {fixed:?}"));
    assert_eq!(
        again.source.text(),
        fixed,
        "a second fix changed the text; input {text:?}"
    );
});
