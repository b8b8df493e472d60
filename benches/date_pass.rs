//! Throughput of the date pass on README prose, in MB/s on one core.
//!
//!     cargo bench --bench date_pass [-- DIR]
//!
//! DIR defaults to the corpus that ../shared/corpus/make-corpus.sh builds
//! (~/.cache/readme-corpus/corpus/files); without it, generated prose is used.
//! It reports the best and the median of several passes over all the text, then the
//! date pass on the 5 MB and 50 MB files of make-bigfile.sh (~/.cache/readme-corpus/big/)
//! when they are there, to show that the cost grows in proportion to the size.

use readme_lint::dates::find_dates;
use std::path::PathBuf;
use std::time::Instant;

const PASSES: usize = 7;

fn corpus_texts(dir: &PathBuf) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .collect();
    paths.sort();
    paths
        .iter()
        .filter_map(|path| std::fs::read_to_string(path).ok())
        .collect()
}

fn generated_prose() -> Vec<String> {
    let paragraph = "readme-lint checks README files. Version 1.2.3 was released on March 12, 2010, \
        and the docs were last updated: 2019-03-04. It needs Node >= 14 and Python 3.10; see RFC 2046. \
        Copyright (c) 2015-2023 the authors. Run `cargo install readme-lint` and open \
        https://example.com/2020/01/02/post for more. ";
    (0..2000).map(|_| paragraph.repeat(8)).collect()
}

fn main() {
    let dir = std::env::args()
        .skip(1)
        .find(|arg| !arg.starts_with('-'))
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(std::env::var("HOME").unwrap_or_default()).join(".cache/readme-corpus/corpus/files")
        });
    let mut texts = corpus_texts(&dir);
    let source = if texts.is_empty() {
        texts = generated_prose();
        "generated prose".to_string()
    } else {
        dir.display().to_string()
    };
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut found = 0;
    let mut rates = Vec::with_capacity(PASSES);
    for _ in 0..PASSES {
        let started = Instant::now();
        found = 0;
        for text in &texts {
            found += std::hint::black_box(find_dates(text, &[])).len();
        }
        let seconds = started.elapsed().as_secs_f64();
        rates.push(bytes as f64 / 1e6 / seconds);
    }
    rates.sort_by(f64::total_cmp);
    println!(
        "date pass: {} files, {:.1} MB from {source}: {found} dates; best {:.0} MB/s, median {:.0} MB/s over {PASSES} passes",
        texts.len(),
        bytes as f64 / 1e6,
        rates[PASSES - 1],
        rates[PASSES / 2]
    );
    big_files();
}

/// The date pass on one big file at a time: MB/s should not fall as the size grows.
fn big_files() {
    let folder = PathBuf::from(std::env::var("HOME").unwrap_or_default()).join(".cache/readme-corpus/big");
    for name in ["big-5MB.md", "big-50MB.md"] {
        let Ok(text) = std::fs::read_to_string(folder.join(name)) else {
            continue;
        };
        let mut best = f64::MAX;
        let mut found = 0;
        for _ in 0..3 {
            let started = Instant::now();
            found = std::hint::black_box(find_dates(&text, &[])).len();
            best = best.min(started.elapsed().as_secs_f64());
        }
        println!(
            "date pass on {name} ({:.1} MB): {found} dates, best {:.1} ms, {:.0} MB/s",
            text.len() as f64 / 1e6,
            best * 1e3,
            text.len() as f64 / 1e6 / best
        );
    }
}
