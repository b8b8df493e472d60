//! Corpus robustness: the fix pipeline on thousands of real READMEs.
//!
//! For every file of the corpus, and for both `--fix` (safe) and `--fix --unsafe-fixes`,
//! with the `recommended` preset, empty project facts and a fixed today, this checks:
//!
//! - nothing panics and the fix loop converges, in at most [`MAX_PASSES`] passes;
//! - fixing the fixed text again changes nothing;
//! - every byte outside the applied edits is unchanged: the edits `linter::fix` reports
//!   for each pass are spliced into the original here, independently of `apply_fixes`,
//!   and must give the text it returned; the untouched stretches of the original are
//!   followed through every pass and found, byte for byte, in that text;
//! - line endings: a CRLF file (no bare LF) gets no bare LF, an LF file gets no CR, and
//!   no bare CR appears in a file that had none;
//! - the byte order mark is kept (or not added), and the final-newline state is kept:
//!   a file that ends with a line ending still does, one that does not still does not
//!   (appending to such a file keeps it without one, see `block_insertion`); only an
//!   empty file may gain a final newline;
//! - after safe fixes only, comrak's HTML of every top-level block outside the edited
//!   regions is unchanged (each block is rendered in the context of its whole document,
//!   so link reference definitions still resolve), and no block appears or disappears
//!   outside them;
//! - re-linting the fixed text reports no finding that still carries a safe fix.
//!
//! The corpus is `READMELINT_CORPUS` (a folder of `.md` files, e.g. the 4,708 files
//! `make-corpus.sh` puts in `~/.cache/readme-corpus/corpus/files`), else the committed
//! sample in `tests/corpus-sample/`, so a plain `cargo test` stays quick. Counts are printed at the end
//! (`cargo test --test corpus -- --nocapture`); the test fails listing every failure.
//! The full corpus is quicker in release: `cargo test --release --test corpus`.

use comrak::Arena;
use readme_lint::config::{LoadedConfig, Policy, RuleSelection, load_preset_chain};
use readme_lint::document::{Document, comrak_options};
use readme_lint::facts::ProjectFacts;
use readme_lint::fix::{Applicability, Edit};
use readme_lint::linter::{self, FixOutcome, LintSettings};
use readme_lint::source::SourceText;
use std::collections::BTreeMap;
use std::ops::Range;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The fix loop must settle within this many passes that change the text.
const MAX_PASSES: usize = 3;

const BOM: char = '\u{feff}';

fn corpus_dir() -> (PathBuf, &'static str) {
    if let Some(dir) = std::env::var_os("READMELINT_CORPUS") {
        return (PathBuf::from(dir), "READMELINT_CORPUS");
    }
    (
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus-sample"),
        "the committed sample",
    )
}

fn corpus_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|error| panic!("{}: {error}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_file() && path.extension().is_some_and(|ext| ext == "md"))
        .filter(|path| !path.ends_with("NOTICE.md"))
        .collect();
    files.sort();
    files
}

/// A stretch of the original text found unchanged in the current text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Kept {
    original: usize,
    current: usize,
    len: usize,
}

/// Splices sorted, non-overlapping `edits` into `text`.
fn splice(text: &str, edits: &[&Edit]) -> Result<String, String> {
    let mut out = String::with_capacity(text.len());
    let mut cursor = 0;
    for edit in edits {
        let Range { start, end } = edit.range;
        if start < cursor || end < start || end > text.len() {
            return Err(format!("applied edits overlap or are out of bounds: {edit:?}"));
        }
        out.push_str(&text[cursor..start]);
        out.push_str(&edit.replacement);
        cursor = end;
    }
    out.push_str(&text[cursor..]);
    Ok(out)
}

/// Follows the kept stretches through one pass of sorted `edits`.
fn map_kept(kept: &[Kept], edits: &[&Edit]) -> Vec<Kept> {
    // Where a byte that no edit touches moves to: past every edit that ends at or before it.
    let shift = |offset: usize| -> isize {
        edits
            .iter()
            .filter(|edit| edit.range.end <= offset)
            .map(|edit| edit.replacement.len() as isize - edit.range.len() as isize)
            .sum()
    };
    let mut out = Vec::new();
    for piece in kept {
        let (start, end) = (piece.current, piece.current + piece.len);
        let mut cuts: Vec<Range<usize>> = edits
            .iter()
            .filter(|edit| {
                let Range { start: a, end: b } = edit.range;
                if a == b {
                    start < a && a < end
                } else {
                    a < end && start < b
                }
            })
            .map(|edit| edit.range.clone())
            .collect();
        cuts.sort_by_key(|range| (range.start, range.end));
        let mut cursor = start;
        let mut push = |from: usize, to: usize| {
            if to > from {
                out.push(Kept {
                    original: piece.original + (from - start),
                    current: (from as isize + shift(from)) as usize,
                    len: to - from,
                });
            }
        };
        for cut in cuts {
            push(cursor, cut.start.max(cursor).min(end));
            cursor = cursor.max(cut.end.min(end));
        }
        push(cursor, end);
    }
    out
}

fn merge_kept(kept: Vec<Kept>) -> Vec<Kept> {
    let mut merged: Vec<Kept> = Vec::with_capacity(kept.len());
    for piece in kept {
        match merged.last_mut() {
            Some(last)
                if last.original + last.len == piece.original && last.current + last.len == piece.current =>
            {
                last.len += piece.len;
            }
            _ => merged.push(piece),
        }
    }
    merged
}

/// Follows the edits `linter::fix` reports, pass by pass, from the original: spliced in
/// here, independently of `apply_fixes`, they must give the text `linter::fix` returned.
/// The stretches of the original that no edit touched, in order, merged.
fn follow_edits(original: &str, outcome: &FixOutcome) -> Result<Vec<Kept>, String> {
    let mut text = original.to_string();
    let mut kept = vec![Kept {
        original: 0,
        current: 0,
        len: original.len(),
    }];
    for (pass, edits) in outcome.pass_edits.iter().enumerate() {
        let edits: Vec<&Edit> = edits.iter().collect();
        if edits.is_empty() {
            return Err(format!("pass {} changed the text with no edit", pass + 1));
        }
        text = splice(&text, &edits).map_err(|error| format!("pass {}: {error}", pass + 1))?;
        kept = map_kept(&kept, &edits);
    }
    if text != outcome.source.text() {
        return Err("the edits linter::fix reports do not give the text it returned".to_string());
    }
    Ok(merge_kept(kept))
}

/// Byte ranges changed between the original and the fixed text: the gaps between kept
/// stretches, as (original range, fixed range).
fn hunks(kept: &[Kept], original_len: usize, fixed_len: usize) -> Vec<(Range<usize>, Range<usize>)> {
    let mut out = Vec::new();
    let (mut original, mut current) = (0, 0);
    for piece in kept.iter().chain(std::iter::once(&Kept {
        original: original_len,
        current: fixed_len,
        len: 0,
    })) {
        if piece.original > original || piece.current > current {
            out.push((original..piece.original, current..piece.current));
        }
        original = piece.original + piece.len;
        current = piece.current + piece.len;
    }
    out
}

fn touches(block: &Range<usize>, hunk: &Range<usize>) -> bool {
    if hunk.is_empty() {
        block.start < hunk.start && hunk.start < block.end
    } else {
        hunk.start < block.end.max(block.start + 1) && block.start < hunk.end
    }
}

/// Each top-level block's range and its HTML, rendered in the context of the document.
fn rendered_blocks(text: &str) -> Result<Vec<(Range<usize>, String)>, String> {
    let source = SourceText::new(text.to_string());
    let document = Document::parse(&source);
    let options = comrak_options();
    let arena = Arena::new();
    let root = comrak::parse_document(&arena, &text[source.bom_len()..], &options);
    let nodes: Vec<_> = root.children().collect();
    if nodes.len() != document.blocks.len() {
        return Err(format!(
            "Document has {} blocks, comrak {}",
            document.blocks.len(),
            nodes.len()
        ));
    }
    let mut out = Vec::with_capacity(nodes.len());
    for (block, node) in document.blocks.iter().zip(nodes) {
        let mut html = String::new();
        comrak::format_html(node, &options, &mut html).map_err(|error| error.to_string())?;
        out.push((block.range.clone(), html));
    }
    Ok(out)
}

/// After safe fixes, blocks outside the edits render as before.
fn check_rendering(original: &str, fixed: &str, kept: &[Kept]) -> Result<(), String> {
    let changes = hunks(kept, original.len(), fixed.len());
    if changes.is_empty() {
        return Ok(());
    }
    let before = rendered_blocks(original)?;
    let after = rendered_blocks(fixed)?;
    let line = |text: &str, offset: usize| SourceText::new(text.to_string()).line_column(offset).line;
    let edited_labels = edited_reference_labels(original, &changes);
    // Untouched blocks of the original, moved to where they are in the fixed text.
    let mut expected = Vec::new();
    for (range, html) in &before {
        if changes.iter().any(|(hunk, _)| touches(range, hunk)) {
            continue;
        }
        let Some(piece) = kept
            .iter()
            .find(|piece| piece.original <= range.start && range.end <= piece.original + piece.len)
        else {
            return Err(format!(
                "the block at line {} is outside the edits but not kept whole",
                line(original, range.start)
            ));
        };
        let moved = range.start - piece.original + piece.current..range.end - piece.original + piece.current;
        expected.push((range.start, moved, html));
    }
    let mut actual = after
        .iter()
        .filter(|(range, _)| !changes.iter().any(|(_, hunk)| touches(range, hunk)))
        .peekable();
    for (original_start, moved, html) in expected {
        // Blocks of the fixed text outside the edits that the original does not have.
        if let Some((range, _)) = actual.peek()
            && range.start < moved.start
        {
            return Err(format!(
                "a new block at line {} of the fixed text, outside the edits",
                line(fixed, range.start)
            ));
        }
        match actual.next() {
            Some((range, new_html)) if *range == moved => {
                // A block that uses a link reference whose definition was edited renders
                // the new URL: that is the edit's doing, and all it may change.
                let by_reference = || {
                    let source = original[original_start..original_start + moved.len()].to_lowercase();
                    edited_labels
                        .iter()
                        .any(|label| source.contains(&format!("[{label}]")))
                        && blank_urls(new_html) == blank_urls(html)
                };
                if new_html != html && !by_reference() {
                    return Err(format!(
                        "the block at line {} renders differently after the fix:\n  before: {html:?}\n  after:  {new_html:?}",
                        line(original, original_start)
                    ));
                }
            }
            _ => {
                return Err(format!(
                    "the block at line {} is outside the edits but is not a block of its own after the fix",
                    line(original, original_start)
                ));
            }
        }
    }
    if let Some((range, _)) = actual.next() {
        return Err(format!(
            "a new block at line {} of the fixed text, outside the edits",
            line(fixed, range.start)
        ));
    }
    Ok(())
}

/// The labels (lowercase) of link reference definitions on the lines the edits touch.
fn edited_reference_labels(original: &str, changes: &[(Range<usize>, Range<usize>)]) -> Vec<String> {
    let mut labels = Vec::new();
    let mut line_start = 0;
    for line in original.split_inclusive(['\n', '\r']) {
        let line_end = line_start + line.len();
        let edited = changes
            .iter()
            .any(|(hunk, _)| hunk.start < line_end.max(line_start + 1) && line_start <= hunk.end);
        let line = line.strip_prefix(BOM).unwrap_or(line);
        let definition = line.trim_start_matches(' ');
        if edited
            && line.len() - definition.len() <= 3
            && let Some(rest) = definition.strip_prefix('[')
            && let Some(close) = rest.find("]:")
        {
            labels.push(rest[..close].to_lowercase());
        }
        line_start = line_end;
    }
    labels
}

/// HTML with the values of `href` and `src` attributes left out.
fn blank_urls(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = [" href=\"", " src=\""]
        .iter()
        .filter_map(|attribute| rest.find(attribute).map(|index| index + attribute.len()))
        .min()
    {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        rest = &rest[rest.find('"').unwrap_or(rest.len())..];
    }
    out.push_str(rest);
    out
}

#[derive(Default, Clone, Copy, PartialEq, Eq)]
struct Endings {
    lf: usize,
    crlf: usize,
    cr: usize,
}

fn endings(text: &str) -> Endings {
    let bytes = text.as_bytes();
    let mut counts = Endings::default();
    let mut index = 0;
    while index < bytes.len() {
        match bytes[index] {
            b'\n' => counts.lf += 1,
            b'\r' if bytes.get(index + 1) == Some(&b'\n') => {
                counts.crlf += 1;
                index += 1;
            }
            b'\r' => counts.cr += 1,
            _ => {}
        }
        index += 1;
    }
    counts
}

/// Line endings, byte order mark and final newline survive the fix.
fn check_text_shape(original: &str, fixed: &str) -> Result<(), String> {
    let (before, after) = (endings(original), endings(fixed));
    if before.crlf > 0 && before.lf == 0 && after.lf > 0 {
        return Err(format!("{} bare LF added to a CRLF file", after.lf));
    }
    if before.crlf + before.cr == 0 && after.crlf + after.cr > 0 {
        return Err("CR added to an LF file".to_string());
    }
    if before.cr == 0 && after.cr > 0 {
        return Err(format!("{} bare CR added", after.cr));
    }
    if original.starts_with(BOM) != fixed.starts_with(BOM)
        || original.matches(BOM).count() != fixed.matches(BOM).count()
    {
        return Err("the byte order mark changed".to_string());
    }
    let final_newline = |text: &str| text.ends_with(['\n', '\r']);
    if !original.is_empty() && final_newline(original) != final_newline(fixed) {
        return Err(format!(
            "the final newline was {}",
            if final_newline(original) {
                "removed"
            } else {
                "added"
            }
        ));
    }
    Ok(())
}

/// What one file contributed to the totals.
#[derive(Default)]
struct FileResult {
    findings: BTreeMap<&'static str, usize>,
    fixed_safe: BTreeMap<&'static str, usize>,
    fixed_unsafe: BTreeMap<&'static str, usize>,
    changed_safe: bool,
    changed_unsafe: bool,
    /// The fixed texts, with unsafe fixes and with safe fixes only.
    fixed_texts: [String; 2],
    failures: Vec<String>,
}

fn check_file(text: &str, policy: &Policy, facts: &ProjectFacts) -> FileResult {
    let settings = LintSettings {
        path: None,
        policy,
        facts,
        today: jiff::civil::date(2026, 11, 21),
        probe: None,
    };
    let mut result = FileResult::default();
    for diagnostic in linter::lint(&SourceText::new(text.to_string()), settings) {
        *result.findings.entry(diagnostic.rule.name).or_default() += 1;
    }
    for threshold in [Applicability::Unsafe, Applicability::Safe] {
        let mode = threshold.as_str();
        let mut fail = |message: String| result.failures.push(format!("[{mode}] {message}"));
        let outcome = match linter::fix(SourceText::new(text.to_string()), settings, threshold) {
            Ok(outcome) => outcome,
            Err(error) => {
                fail(format!("ConvergenceError: {error}"));
                continue;
            }
        };
        let fixed = outcome.source.text();
        if outcome.passes() > MAX_PASSES {
            fail(format!("the fix loop took {} passes", outcome.passes()));
        }
        match follow_edits(text, &outcome) {
            Err(error) => fail(error),
            Ok(kept_stretches) => {
                for piece in &kept_stretches {
                    let kept = &text[piece.original..piece.original + piece.len];
                    if fixed.get(piece.current..piece.current + piece.len) != Some(kept) {
                        fail(format!(
                            "bytes {}..{} of the original, outside every edit, changed",
                            piece.original,
                            piece.original + piece.len
                        ));
                        break;
                    }
                }
                if threshold == Applicability::Safe
                    && let Err(error) = check_rendering(text, fixed, &kept_stretches)
                {
                    fail(format!("rendering: {error}"));
                }
            }
        }
        if let Err(error) = check_text_shape(text, fixed) {
            fail(error);
        }
        match linter::fix(SourceText::new(fixed.to_string()), settings, threshold) {
            Ok(again) if again.source.text() == fixed => {}
            Ok(_) => fail("a second fix changed the text again".to_string()),
            Err(error) => fail(format!("second fix: ConvergenceError: {error}")),
        }
        for diagnostic in &outcome.remaining {
            if diagnostic
                .fix
                .as_ref()
                .is_some_and(|fix| fix.applicability == Applicability::Safe)
            {
                let line = outcome.source.line_column(diagnostic.range.start).line;
                fail(format!(
                    "after fixing, {} at line {line} still has a safe fix",
                    diagnostic.rule.name
                ));
            }
        }
        let changed = fixed != text;
        match threshold {
            Applicability::Safe => {
                result.fixed_texts[1] = fixed.to_string();
                result.fixed_safe = outcome.fixed;
                result.changed_safe = changed;
            }
            _ => {
                result.fixed_texts[0] = fixed.to_string();
                result.fixed_unsafe = outcome.fixed;
                result.changed_unsafe = changed;
            }
        }
    }
    result
}

fn to_crlf(text: &str) -> String {
    text.replace('\n', "\r\n")
}

thread_local! {
    /// Set while a thread checks corpus files: their panics are caught and recorded here.
    static CATCHING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    static PANIC: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

#[test]
fn corpus() {
    let started = std::time::Instant::now();
    let (dir, origin) = corpus_dir();
    let files = corpus_files(&dir);
    assert!(!files.is_empty(), "no .md files in {}", dir.display());
    let config = LoadedConfig::new(load_preset_chain("recommended", &dir).unwrap(), None);
    let facts = ProjectFacts::default();

    // Panics are caught per file and reported with their location, not printed; other
    // threads (the other tests) keep the usual hook.
    let previous_hook = panic::take_hook();
    panic::set_hook(Box::new(move |info| {
        if !CATCHING.with(|catching| catching.get()) {
            return previous_hook(info);
        }
        let location = info
            .location()
            .map_or(String::new(), |l| format!(" at {}:{}", l.file(), l.line()));
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        PANIC.with(|slot| *slot.borrow_mut() = Some(format!("{message}{location}")));
    }));

    let results: Mutex<Vec<(PathBuf, FileResult)>> = Mutex::new(Vec::new());
    let skipped: Mutex<Vec<String>> = Mutex::new(Vec::new());
    {
        use rayon::prelude::*;
        files.par_iter().for_each(|path| {
            let bytes = std::fs::read(path).unwrap();
            let Ok(text) = String::from_utf8(bytes) else {
                skipped.lock().unwrap().push(path.display().to_string());
                return;
            };
            let policy = config.policy_for(path, &RuleSelection::default());
            let check = |text: &str| {
                CATCHING.with(|catching| catching.set(true));
                panic::catch_unwind(AssertUnwindSafe(|| check_file(text, &policy, &facts))).unwrap_or_else(
                    |_| FileResult {
                        failures: vec![format!(
                            "panic: {}",
                            PANIC.with(|slot| slot.borrow_mut().take()).unwrap_or_default()
                        )],
                        ..FileResult::default()
                    },
                )
            };
            let mut result = check(&text);
            // Twins: the file with CRLF line endings, and with a byte order mark. Each
            // must pass the same checks and be fixed exactly as the file is.
            let mut twins: Vec<Twin<'_>> = Vec::new();
            if !text.contains('\r') && text.contains('\n') {
                twins.push(("CRLF twin", to_crlf(&text), to_crlf));
            }
            if !text.starts_with(BOM) {
                twins.push(("BOM twin", format!("{BOM}{text}"), |t| format!("{BOM}{t}")));
            }
            for (name, twin, convert) in twins {
                let twin_result = check(&twin);
                result.failures.extend(
                    twin_result
                        .failures
                        .iter()
                        .map(|failure| format!("{name}: {failure}")),
                );
                if twin_result.failures.is_empty() {
                    for (index, mode) in ["unsafe", "safe"].iter().enumerate() {
                        if twin_result.fixed_texts[index] != convert(&result.fixed_texts[index]) {
                            result
                                .failures
                                .push(format!("{name}: [{mode}] fixed otherwise than the file"));
                        }
                    }
                }
            }
            results.lock().unwrap().push((path.clone(), result));
        });
    }

    let mut results = results.into_inner().unwrap();
    results.sort_by(|a, b| a.0.cmp(&b.0));
    let skipped = skipped.into_inner().unwrap();
    let mut findings: BTreeMap<&str, usize> = BTreeMap::new();
    let mut fixed_safe: BTreeMap<&str, usize> = BTreeMap::new();
    let mut fixed_unsafe: BTreeMap<&str, usize> = BTreeMap::new();
    let (mut changed_safe, mut changed_unsafe) = (0, 0);
    let mut failures = Vec::new();
    for (path, result) in &results {
        for (map, from) in [
            (&mut findings, &result.findings),
            (&mut fixed_safe, &result.fixed_safe),
            (&mut fixed_unsafe, &result.fixed_unsafe),
        ] {
            for (rule, count) in from {
                *map.entry(rule).or_default() += count;
            }
        }
        changed_safe += usize::from(result.changed_safe);
        changed_unsafe += usize::from(result.changed_unsafe);
        let name = path.file_name().unwrap().to_string_lossy();
        failures.extend(result.failures.iter().map(|failure| format!("{name}: {failure}")));
    }

    let mut report = String::new();
    use std::fmt::Write as _;
    let _ = writeln!(report, "corpus: {} ({})", dir.display(), origin);
    let _ = writeln!(
        report,
        "files: {} checked, {} skipped (not UTF-8), in {:.1} s",
        results.len(),
        skipped.len(),
        started.elapsed().as_secs_f64()
    );
    let _ = writeln!(
        report,
        "{:<24} {:>9} {:>11} {:>13}",
        "rule", "findings", "safe fixes", "unsafe fixes"
    );
    let mut rules: Vec<&str> = findings.keys().chain(fixed_unsafe.keys()).copied().collect();
    rules.sort_unstable();
    rules.dedup();
    let get = |map: &BTreeMap<&str, usize>, rule: &str| map.get(rule).copied().unwrap_or(0);
    for rule in &rules {
        let _ = writeln!(
            report,
            "{rule:<24} {:>9} {:>11} {:>13}",
            get(&findings, rule),
            get(&fixed_safe, rule),
            get(&fixed_unsafe, rule)
        );
    }
    let total = |map: &BTreeMap<&str, usize>| map.values().sum::<usize>();
    let _ = writeln!(
        report,
        "{:<24} {:>9} {:>11} {:>13}",
        "total",
        total(&findings),
        total(&fixed_safe),
        total(&fixed_unsafe)
    );
    let _ = writeln!(
        report,
        "files changed: {changed_safe} by safe fixes, {changed_unsafe} by unsafe fixes"
    );
    let _ = writeln!(report, "failures: {}", failures.len());
    println!("{report}");
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

// The checks themselves, on made-up edits: a check that cannot fail proves nothing.

#[test]
fn kept_bytes_follow_the_edits_of_two_passes() {
    let original = "abcdefghij";
    let kept = vec![Kept {
        original: 0,
        current: 0,
        len: original.len(),
    }];
    // Pass 1: "cd" -> "XYZ", insert "+" at 8. Pass 2 (on "abXYZefgh+ij"): delete "a".
    let first = [Edit::replace(2..4, "XYZ"), Edit::insert(8, "+")];
    let kept = map_kept(&kept, &first.iter().collect::<Vec<_>>());
    let text = splice(original, &first.iter().collect::<Vec<_>>()).unwrap();
    assert_eq!(text, "abXYZefgh+ij");
    let second = [Edit::delete(0..1)];
    let kept = merge_kept(map_kept(&kept, &second.iter().collect::<Vec<_>>()));
    let text = splice(&text, &second.iter().collect::<Vec<_>>()).unwrap();
    assert_eq!(text, "bXYZefgh+ij");
    let pieces: Vec<(usize, usize, usize)> = kept.iter().map(|k| (k.original, k.current, k.len)).collect();
    assert_eq!(pieces, [(1, 0, 1), (4, 4, 4), (8, 9, 2)]);
    assert_eq!(
        hunks(&kept, original.len(), text.len()),
        [(0..1, 0..0), (2..4, 1..4), (8..8, 8..9)]
    );
}

#[test]
fn text_shape_changes_are_caught() {
    assert!(check_text_shape("a\r\nb\r\n", "a\r\nb\nc\r\n").is_err());
    assert!(check_text_shape("a\nb\n", "a\r\nb\n").is_err());
    assert!(check_text_shape("a\nb", "a\nb\n").is_err());
    assert!(check_text_shape("a\nb\n", "a\nb").is_err());
    assert!(check_text_shape("\u{feff}a\n", "a\n").is_err());
    assert!(check_text_shape("", "# T\n").is_ok());
    assert!(check_text_shape("a\r\nb\r\n", "a\r\nc\r\nb\r\n").is_ok());
}

#[test]
fn a_block_changed_outside_the_edits_is_caught() {
    // The edit replaces "two" in the second paragraph, but the first paragraph lost
    // its blank line and merged with the second: the first block is no longer whole.
    let original = "one\n\ntwo\n";
    let fixed = "one\nTWO\n";
    let kept = vec![
        Kept {
            original: 0,
            current: 0,
            len: 4,
        },
        Kept {
            original: 8,
            current: 7,
            len: 1,
        },
    ];
    assert!(check_rendering(original, fixed, &kept).is_err());
    // Even when the edit does cover the lost blank line, an edit beside a block may
    // not change it: "one" is no longer a paragraph of its own.
    let kept = vec![Kept {
        original: 0,
        current: 0,
        len: 4,
    }];
    assert!(check_rendering(original, fixed, &kept).is_err());
    let fixed = "one\n\nTWO\n";
    let kept = vec![
        Kept {
            original: 0,
            current: 0,
            len: 5,
        },
        Kept {
            original: 8,
            current: 8,
            len: 1,
        },
    ];
    assert!(check_rendering(original, fixed, &kept).is_ok());
    assert!(check_rendering(original, "one!\n\nTWO\n", &kept).is_err());
}

/// A variant of a corpus file: its name, its text, and how to map the plain fix onto it.
type Twin<'a> = (&'a str, String, fn(&str) -> String);

#[test]
fn a_fixed_text_its_edits_do_not_explain_is_caught() {
    let outcome = |fixed: &str| FixOutcome {
        source: SourceText::new(fixed.to_string()),
        remaining: Vec::new(),
        fixed: BTreeMap::new(),
        pass_edits: vec![vec![Edit {
            range: 4..7,
            replacement: "2".to_string(),
        }]],
    };
    let kept = follow_edits("one two three", &outcome("one 2 three")).unwrap();
    assert_eq!(
        kept,
        [
            Kept {
                original: 0,
                current: 0,
                len: 4
            },
            Kept {
                original: 7,
                current: 5,
                len: 6
            }
        ]
    );
    // A byte changed outside the reported edit.
    assert!(follow_edits("one two three", &outcome("one 2 three!")).is_err());
    // A pass that reports no edit.
    let mut silent = outcome("one 2 three");
    silent.pass_edits.push(Vec::new());
    assert!(follow_edits("one two three", &silent).is_err());
}
