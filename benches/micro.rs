//! Micro-benchmarks of the library on one typical README (divan).
//!
//!     cargo bench --bench micro                # every benchmark
//!     cargo bench --bench micro -- lint        # only those whose name contains `lint`
//!
//! The README is the corpus file `1fc681010aad8156.md` (a 2.4 KB npm README with
//! reference-style badges) when the corpus that ../shared/corpus/make-corpus.sh
//! builds is present (`README_LINT_BENCH_FILE=PATH` picks another file), and the
//! embedded `benches/fixtures/typical-readme.md` (2.5 KB) otherwise, so the
//! benchmarks run anywhere. The first line printed names the file used.
//!
//! The policy is the `recommended` preset, the project facts are empty (no
//! manifest, no git) and today is fixed at 2026-11-21, as in the rule fixtures.

use readme_lint::config::{LoadedConfig, Policy, RuleSelection, load_preset_chain};
use readme_lint::document::Document;
use readme_lint::facts::ProjectFacts;
use readme_lint::fix::Applicability;
use readme_lint::linter::{self, LintSettings};
use readme_lint::rules::LintContext;
use readme_lint::source::SourceText;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

const EMBEDDED: &str = include_str!("fixtures/typical-readme.md");
const CORPUS_FILE: &str = "1fc681010aad8156.md";

fn main() {
    let (name, text) = readme();
    println!("README: {name} ({} bytes)", text.len());
    divan::main();
}

/// The README's name and text, read once.
fn readme() -> &'static (String, String) {
    static README: OnceLock<(String, String)> = OnceLock::new();
    README.get_or_init(|| {
        let chosen = std::env::var_os("README_LINT_BENCH_FILE")
            .map(PathBuf::from)
            .or_else(|| corpus_dir().map(|dir| dir.join(CORPUS_FILE)));
        match chosen.and_then(|path| std::fs::read_to_string(&path).ok().map(|text| (path, text))) {
            Some((path, text)) => (path.display().to_string(), text),
            None => (
                "benches/fixtures/typical-readme.md (embedded)".to_string(),
                EMBEDDED.to_string(),
            ),
        }
    })
}

/// The corpus folder, as make-corpus.sh places it (`CORPUS_OUT` or the cache).
fn corpus_dir() -> Option<PathBuf> {
    let out = match std::env::var_os("CORPUS_OUT") {
        Some(out) => PathBuf::from(out),
        None => {
            let cache = std::env::var_os("XDG_CACHE_HOME")
                .map(PathBuf::from)
                .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cache")))?;
            cache.join("readme-corpus/corpus")
        }
    };
    Some(out.join("files"))
}

fn text() -> &'static str {
    &readme().1
}

fn policy() -> Policy {
    let base = Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = LoadedConfig::new(
        load_preset_chain("recommended", base).expect("the recommended preset loads"),
        None,
    );
    config.policy_for(&base.join("README.md"), &RuleSelection::default())
}

fn settings<'a>(policy: &'a Policy, facts: &'a ProjectFacts) -> LintSettings<'a> {
    LintSettings {
        path: None,
        policy,
        facts,
        today: jiff::civil::date(2026, 11, 21),
        probe: None,
    }
}

fn bytes() -> divan::counter::BytesCount {
    divan::counter::BytesCount::new(text().len())
}

/// comrak's parse and its reduction to the document model.
#[divan::bench]
fn parse(bencher: divan::Bencher) {
    let source = SourceText::new(text().to_string());
    bencher
        .counter(bytes())
        .bench_local(|| Document::parse(divan::black_box(&source)));
}

/// Parse and every rule of the `recommended` policy: what the CLI does per file.
#[divan::bench]
fn lint(bencher: divan::Bencher) {
    let policy = policy();
    let facts = ProjectFacts::default();
    let source = SourceText::new(text().to_string());
    bencher
        .counter(bytes())
        .bench_local(|| linter::lint(divan::black_box(&source), settings(&policy, &facts)));
}

/// The date-extraction pass over the prose (code, URLs and front matter excluded).
#[divan::bench]
fn date_pass(bencher: divan::Bencher) {
    let text = text();
    let document = Document::parse(&SourceText::new(text.to_string()));
    let excluded = document.non_prose_ranges(text);
    bencher
        .counter(bytes())
        .bench_local(|| readme_lint::dates::find_dates(divan::black_box(text), &excluded));
}

/// Finding the badges (and where each URL is written) in a parsed document.
#[divan::bench]
fn badge_pass(bencher: divan::Bencher) {
    let policy = policy();
    let facts = ProjectFacts::default();
    let source = SourceText::new(text().to_string());
    let document = Document::parse(&source);
    let context =
        LintContext::new(&source, &document, &facts, &policy).with_today(jiff::civil::date(2026, 11, 21));
    bencher
        .counter(bytes())
        .bench_local(|| divan::black_box(&context).extract_badges());
}

/// The fix loop: lint, apply, re-parse, until nothing changes. `Safe` is `--fix`,
/// `Unsafe` is `--fix --unsafe-fixes` (more passes: it inserts missing sections).
#[divan::bench(args = [Applicability::Safe, Applicability::Unsafe])]
fn fix_loop(bencher: divan::Bencher, threshold: Applicability) {
    let policy = policy();
    let facts = ProjectFacts::default();
    bencher
        .counter(bytes())
        .with_inputs(|| SourceText::new(text().to_string()))
        .bench_local_values(|source| linter::fix(source, settings(&policy, &facts), threshold));
}
