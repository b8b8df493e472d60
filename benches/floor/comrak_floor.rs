//! The floor of bench/compare.sh: read every file named on the command line and
//! parse it with comrak, with the comrak version (the crate's own dependency) and
//! the options (`readme_lint::document::comrak_options`) that readme-lint uses,
//! and do nothing else: no rules, no output beyond one summary line.
//!
//!     cargo build --release --example comrak_floor
//!     target/release/examples/comrak_floor FILE...
//!
//! Files are shared out over as many threads as the process may run on
//! (`std::thread::available_parallelism`, which follows `taskset`), so under
//! `taskset -c 0` it parses on one thread. Like readme-lint, it skips a file that
//! is not UTF-8 and parses the text after a byte order mark. It uses readme-lint's
//! allocator (mimalloc).

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

// The same allocator as readme-lint, so that the floor is the parse alone.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Parses one file; returns its size in bytes and the number of top-level blocks.
fn parse_file(path: &PathBuf, options: &comrak::Options<'_>) -> (usize, usize) {
    let Ok(bytes) = std::fs::read(path) else {
        return (0, 0);
    };
    let Ok(text) = String::from_utf8(bytes) else {
        return (0, 0);
    };
    let body = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let arena = comrak::Arena::new();
    let root = comrak::parse_document(&arena, body, options);
    (text.len(), std::hint::black_box(root).children().count())
}

fn main() {
    let paths: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    if paths.is_empty() {
        eprintln!("usage: comrak_floor FILE...");
        std::process::exit(2);
    }
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(paths.len());
    let next = AtomicUsize::new(0);
    let work = || {
        let options = readme_lint::document::comrak_options();
        let (mut bytes, mut blocks) = (0, 0);
        loop {
            let index = next.fetch_add(1, Ordering::Relaxed);
            let Some(path) = paths.get(index) else {
                break;
            };
            let (size, count) = parse_file(path, &options);
            bytes += size;
            blocks += count;
        }
        (bytes, blocks)
    };
    let (bytes, blocks) = if threads <= 1 {
        work()
    } else {
        std::thread::scope(|scope| {
            let handles: Vec<_> = (0..threads).map(|_| scope.spawn(work)).collect();
            handles
                .into_iter()
                .map(|handle| handle.join().expect("a parser thread panicked"))
                .fold((0, 0), |(b, n), (size, count)| (b + size, n + count))
        })
    };
    println!(
        "comrak_floor: {} files, {bytes} bytes, {blocks} top-level blocks, {threads} thread(s)",
        paths.len()
    );
}
