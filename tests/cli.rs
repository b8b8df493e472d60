//! Command-line cases: each `tests/cmd/<case>.toml` runs `readme-lint` once, with
//! `<case>.in/` as its working folder (copied to a temporary sandbox when the case
//! sets `fs.sandbox = true`), and compares the exit code, stdout and stderr (inline
//! or in `<case>.stdout` / `<case>.stderr`) and, when present, the files in
//! `<case>.out/`. A `...` line or `[..]` in expected output matches anything.
//!
//! `TRYCMD=overwrite cargo test --test cli` rewrites the expected output, including
//! the `status.code` lines (check the changes by eye before committing them);
//! `cargo test --test cli -- cli trycmd=NAME` runs only the cases whose file name
//! contains NAME.
//!
//! Sandboxes live in the system temp folder: config lookup and project facts walk
//! up from there, so a `.readme-lint.yml`, a manifest or a `.git` above it would
//! change the results.

#[test]
fn cli() {
    // The user's global gitignore would otherwise take part in README discovery.
    let nowhere = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("no-home");
    trycmd::TestCases::new()
        .env("HOME", nowhere.display().to_string())
        .env("XDG_CONFIG_HOME", nowhere.display().to_string())
        .case("tests/cmd/*.toml");
}
