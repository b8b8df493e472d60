//! A README must not be able to stall a CI job: the work readme-lint does grows in
//! proportion to the size of what it reads, whatever the text repeats. Each case makes a
//! hostile README of one size and of four times that size, runs the binary on both under
//! callgrind, and compares the instructions executed (a count, not a time: the same on a
//! loaded machine). Linear work gives a ratio near 4 once start-up is taken away; the
//! quadratic loops these cases were written against gave 15 or more.
//!
//! Needs valgrind (installed by `.ci/install-tools`); run with
//! `cargo test --test linear -- --ignored`.
#![cfg(unix)]

use std::path::Path;
use std::process::Command;

/// What one case repeats, and how the binary is run on it.
struct Case {
    name: &'static str,
    unit: &'static str,
    args: &'static [&'static str],
}

const CASES: &[Case] = &[
    // One fix per line: every fix used to be checked against every other.
    Case {
        name: "copyright lines, fixed",
        unit: "© 2019 \n",
        args: &["--diff", "--unsafe-fixes"],
    },
    // Many findings on one long line: each used to lay out, and count columns over, the
    // whole line.
    Case {
        name: "copyright on one line, shown",
        unit: "© 2019 ",
        args: &["--output-format", "human"],
    },
    Case {
        name: "copyright on one line, columns",
        unit: "© 2019 ",
        args: &["--output-format", "jsonl"],
    },
    Case {
        name: "dates and copyright on one line",
        unit: "Updated 5 Mar 2019 © 2019. ",
        args: &["--output-format", "human"],
    },
    Case {
        name: "ambiguous dates on one line",
        unit: "on 01/02/2019 and ",
        args: &["--output-format", "human"],
    },
    // Suppression comments: each enable used to visit every open disable, and each finding
    // every comment.
    Case {
        name: "suppression comments",
        unit: "<!-- readme-lint-disable empty-section -->\n\n<!-- readme-lint-enable missing-title -->\n\n## A\n\n",
        args: &["--diff", "--unsafe-fixes"],
    },
    Case {
        name: "unused suppression comments",
        unit: "x <!-- readme-lint-disable-line -->\n\n<!-- readme-lint-disable-next-line -->\n\n",
        args: &["--output-format", "jsonl"],
    },
    Case {
        name: "badges on one line",
        unit: "[![CI](https://travis-ci.org/a/b.svg)](https://travis-ci.org/a/b) ![l](http://img.shields.io/badge/license-GPL-blue.svg) ",
        args: &["--diff", "--unsafe-fixes"],
    },
    // HTML left open among dates: a tag without its `>`, a quote never closed, `<pre>` and
    // `<code>` blocks never closed. The date pass must not search to the end of the file
    // from each of them.
    Case {
        name: "HTML left open among dates",
        unit: "Released 5 Mar 2019 <pre> <code> <a title=\"x <b c=2019-01-02 </ <!x ",
        args: &["--output-format", "jsonl"],
    },
    // Tables of contents: each used to be compared with every later heading, entry by entry.
    Case {
        name: "tables of contents",
        unit: "<!-- toc -->\n- [A](#a)\n<!-- tocstop -->\n\n## B\n\n",
        args: &["--diff", "--unsafe-fixes"],
    },
    Case {
        name: "headings listed in a table of contents",
        unit: "- [Heading](#heading)\n",
        args: &["--output-format", "jsonl"],
    },
];

/// Bytes of the smaller file of each pair.
const SIZE: usize = 8 * 1024;

fn instructions(bin: &Path, file: &Path, args: &[&str]) -> u64 {
    let output = Command::new("valgrind")
        .args(["--tool=callgrind", "--callgrind-out-file=/dev/null"])
        .arg(bin)
        .args(["--today", "2026-12-01"])
        .args(args)
        .arg(file)
        .output()
        .expect("valgrind runs (installed by .ci/install-tools)");
    let log = String::from_utf8_lossy(&output.stderr);
    let collected = log
        .lines()
        .find_map(|line| line.split("Collected :").nth(1))
        .unwrap_or_else(|| panic!("no instruction count in valgrind's output:\n{log}"));
    collected.trim().replace(',', "").parse().unwrap()
}

fn readme(unit: &str, size: usize, toc: bool) -> String {
    let head = if toc {
        "# T\n\nA tool.\n\n<!-- toc -->\n"
    } else {
        "# T\n\nA tool.\n\n"
    };
    let mut text = String::from(head);
    while text.len() < size {
        text.push_str(unit);
    }
    if toc {
        text.push_str("<!-- tocstop -->\n\n## Heading\n");
    }
    text.push('\n');
    text
}

#[test]
#[ignore = "needs valgrind (installed by .ci/install-tools)"]
fn work_grows_in_proportion_to_the_file() {
    let bin = Path::new(env!("CARGO_BIN_EXE_readme-lint"));
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    let empty = dir.path().join("empty.md");
    std::fs::write(&empty, "# T\n\nA tool.\n").unwrap();
    let results: Vec<(String, f64)> = std::thread::scope(|scope| {
        let handles: Vec<_> = CASES
            .iter()
            .enumerate()
            .map(|(index, case)| {
                let dir = dir.path();
                let empty = &empty;
                scope.spawn(move || {
                    let toc = case.name.starts_with("headings listed");
                    let small = dir.join(format!("small-{index}.md"));
                    let large = dir.join(format!("large-{index}.md"));
                    std::fs::write(&small, readme(case.unit, SIZE, toc)).unwrap();
                    std::fs::write(&large, readme(case.unit, 4 * SIZE, toc)).unwrap();
                    let base = instructions(bin, empty, case.args);
                    let small = instructions(bin, &small, case.args).saturating_sub(base);
                    let large = instructions(bin, &large, case.args).saturating_sub(base);
                    (case.name.to_string(), large as f64 / small.max(1) as f64)
                })
            })
            .collect();
        handles.into_iter().map(|handle| handle.join().unwrap()).collect()
    });
    let report: Vec<String> = results
        .iter()
        .map(|(name, ratio)| format!("{name}: {ratio:.2}"))
        .collect();
    eprintln!(
        "instructions for 4x the text, start-up taken away:\n{}",
        report.join("\n")
    );
    let superlinear: Vec<&String> = results
        .iter()
        .zip(&report)
        .filter(|((_, ratio), _)| *ratio > 5.5)
        .map(|(_, line)| line)
        .collect();
    assert!(
        superlinear.is_empty(),
        "work grows faster than the file: {superlinear:?}"
    );
}
