//! Inputs the fuzz targets (fuzz/fuzz_targets/) found, minimized, checked with the `lint_fix`
//! target's invariants: the fix loop converges with unsafe fixes and a second fix changes
//! nothing, findings and edits lie on char boundaries inside the text, CRLF and a BOM survive.

use readme_lint::config::{LoadedConfig, RuleSelection, load_preset_chain};
use readme_lint::diagnostic::Diagnostic;
use readme_lint::facts::ProjectFacts;
use readme_lint::fix::Applicability;
use readme_lint::linter::{self, LintSettings};
use readme_lint::source::{BOM, SourceText};
use std::path::Path;

fn check_diagnostics(text: &str, diagnostics: &[Diagnostic]) {
    let inside = |range: &std::ops::Range<usize>| {
        range.start <= range.end
            && range.end <= text.len()
            && text.is_char_boundary(range.start)
            && text.is_char_boundary(range.end)
    };
    for diagnostic in diagnostics {
        assert!(inside(&diagnostic.range), "{diagnostic:?} in {text:?}");
        if let Some(fix) = &diagnostic.fix {
            assert!(
                fix.edits.iter().all(|edit| inside(&edit.range)),
                "{fix:?} in {text:?}"
            );
            assert!(fix.is_well_formed(text), "{fix:?} in {text:?}");
        }
    }
}

/// Fixes `text` with the `recommended` preset and unsafe fixes; returns the fixed text.
fn check(text: &str) -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = LoadedConfig::new(load_preset_chain("recommended", dir).unwrap(), None);
    let policy = config.policy_for(&dir.join("README.md"), &RuleSelection::default());
    let facts = ProjectFacts::default();
    let settings = LintSettings {
        path: None,
        policy: &policy,
        facts: &facts,
        today: jiff::civil::date(2026, 11, 21),
        probe: None,
    };
    let source = SourceText::new(text.to_string());
    check_diagnostics(text, &linter::lint(&source, settings));
    let outcome = linter::fix(source, settings, Applicability::Unsafe)
        .unwrap_or_else(|error| panic!("{error}: {text:?}"));
    let fixed = outcome.source.text().to_string();
    check_diagnostics(&fixed, &outcome.remaining);
    let again = linter::fix(SourceText::new(fixed.clone()), settings, Applicability::Unsafe).unwrap();
    assert_eq!(again.source.text(), fixed, "a second fix changed the text");
    if text.starts_with(BOM) {
        assert!(fixed.starts_with(BOM), "{fixed:?}");
    }
    fixed
}

fn to_crlf(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\n', "\r\n")
}

/// Checks `text`, its CRLF twin and both with a BOM; returns `text` fixed.
fn check_all_forms_fixed(text: &str) -> String {
    let fixed = check(text);
    let crlf = check(&to_crlf(text));
    assert_eq!(crlf, to_crlf(&fixed), "the CRLF twin fixed differently");
    check(&format!("{BOM}{text}"));
    check(&format!("{BOM}{}", to_crlf(text)));
    fixed
}

fn check_all_forms(text: &str) {
    check_all_forms_fixed(text);
}

/// comrak lists footnote definitions last, so an unclosed code fence at the end of the README
/// was not seen as its last block, and missing-section appended its skeleton inside the fence
/// again on every pass.
#[test]
fn footnote_before_an_unclosed_fence_at_the_end() {
    check_all_forms("# T\n\nA description[^1].\n\n[^1]: A note.\n\n## Install\n\n```sh\nnpm\n");
}

/// The same cause: a heading inside a footnote definition came last among the headings, so the
/// section of the heading listed before it ended where the footnote's heading starts, before
/// its own start, and section-order's fix sliced the text backwards and panicked.
#[test]
fn heading_inside_a_footnote_before_a_section_to_move() {
    check_all_forms(
        "# T\n\nA description[^1].\n\n## Usage\n\nu\n\n[^1]: A note.\n    # Inner\n\n## Installation\n\ni\n",
    );
}

/// Found while triaging the case above: a section ended at a heading inside a block quote, so
/// section-order's fix moved the section with half of the quote and left `>` behind.
#[test]
fn a_moved_section_keeps_its_whole_block_quote() {
    let fixed = check_all_forms_fixed(
        "# T\n\nA description.\n\n## Usage\n\nu\n\n> # Note\n> quoted\n\n## Installation\n\ni\n",
    );
    assert!(fixed.contains("## Usage\n\nu\n\n> # Note\n> quoted\n"), "{fixed}");
}

/// An unclosed `<!--` between the table of contents markers hides the first end marker, so the
/// region runs to the next one. Its lines were read as entries, so toc-out-of-date's fix
/// replaced the line that closes the comment; the comment then hid the next end marker, and
/// each pass deleted one more `<!-- tocstop -->` and the line before it.
#[test]
fn a_comment_in_the_table_of_contents_is_kept() {
    let text = format!(
        "# T\n\nA description.\n\n<!-- toc -->\n<!--\n- [Old](#old)\n<!-- tocstop -->\n{}\n## Installation\n\ni\n\n## Usage\n\nu\n\n## License\n\nMIT\n",
        "- [X](#x)\n<!-- tocstop -->\n".repeat(12)
    );
    let fixed = check_all_forms_fixed(&text);
    assert!(
        fixed.contains("<!--\n- [Old](#old)\n<!-- tocstop -->\n- [Installation](#installation)\n"),
        "{fixed}"
    );
    assert_eq!(fixed.matches("<!-- tocstop -->").count(), 13, "{fixed}");
}
