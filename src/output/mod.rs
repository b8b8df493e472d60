//! Rendering findings in the eight output formats: human (annotated snippets), concise
//! (one line each), json, jsonl, github (workflow annotations), sarif, junit and summary
//! (Markdown for a job summary).
//! Line and column numbers are computed here, at the output edge, from byte ranges.

mod emit;
mod github;
mod human;
mod junit;
mod machine;
mod sarif;
mod summary;

pub use emit::{EmitKind, Emitter};
pub use github::render_github;
pub use human::{render_human, summary_line};
pub use junit::render_junit;
pub use machine::{JsonFinding, render_concise, render_json, render_jsonl};
pub use sarif::render_sarif;
pub use summary::render_summary;

use crate::diagnostic::Diagnostic;
use crate::source::SourceText;
use std::io::{self, Write};

/// How findings are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum OutputFormat {
    #[default]
    /// Each finding with its source lines, a label, help and the fix as a patch.
    Human,
    /// One line per finding: `path:line:col: CODE name message`.
    Concise,
    /// One JSON array of findings.
    Json,
    /// One JSON object per line.
    Jsonl,
    /// GitHub Actions annotations (`::error file=...::message`).
    Github,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// JUnit XML, one test case per file.
    Junit,
    /// A Markdown summary: counts per rule and a table of findings.
    Summary,
}

/// The findings of one file, with the text they point into.
#[derive(Debug, Clone)]
pub struct FileReport {
    /// The path as the user should see it.
    pub path: String,
    pub source: SourceText,
    pub diagnostics: Vec<Diagnostic>,
}

/// Counts for the closing summary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
    pub files: usize,
    pub files_with_problems: usize,
    pub problems: usize,
    /// Findings of error severity (the rest are warnings).
    pub error_findings: usize,
    pub safe_fixable: usize,
    pub unsafe_fixable: usize,
    pub fixed: usize,
    /// Files that could not be read, written or fixed.
    pub errors: usize,
}

impl Totals {
    /// Findings of warning severity.
    pub fn warnings(&self) -> usize {
        self.problems - self.error_findings
    }

    pub fn add(&mut self, report: &FileReport) {
        use crate::fix::Applicability;
        self.files += 1;
        if !report.diagnostics.is_empty() {
            self.files_with_problems += 1;
        }
        self.problems += report.diagnostics.len();
        for diagnostic in &report.diagnostics {
            if diagnostic.severity == crate::diagnostic::Severity::Error {
                self.error_findings += 1;
            }
            match diagnostic.fix.as_ref().map(|fix| fix.applicability) {
                Some(Applicability::Safe) => self.safe_fixable += 1,
                Some(Applicability::Unsafe) => self.unsafe_fixable += 1,
                _ => {}
            }
        }
    }
}

/// Renders `reports` in `format`.
pub fn render(
    format: OutputFormat,
    reports: &[FileReport],
    color: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        OutputFormat::Human => render_human(reports, color, out),
        OutputFormat::Concise => render_concise(reports, out),
        OutputFormat::Json => render_json(reports, out),
        OutputFormat::Jsonl => render_jsonl(reports, out),
        OutputFormat::Github => render_github(reports, out),
        OutputFormat::Sarif => render_sarif(reports, out),
        OutputFormat::Junit => render_junit(reports, out),
        OutputFormat::Summary => render_summary(reports, out),
    }
}

/// Escapes control characters (and bidirectional overrides) in text taken from a
/// README, so that printing it cannot drive the terminal.
pub fn escape_controls(text: &str) -> String {
    if !text.chars().any(is_unsafe_char) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for ch in text.chars() {
        if is_unsafe_char(ch) {
            out.push_str(&format!("\\u{{{:x}}}", ch as u32));
        } else {
            out.push(ch);
        }
    }
    out
}

/// 128 random bits as hex, from the standard library's randomly keyed hasher (seeded
/// from the operating system), for tokens that text read from a README cannot guess.
pub fn random_token() -> String {
    use std::hash::{BuildHasher, Hasher};
    let part = |salt: u64| {
        let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
        hasher.write_u64(salt);
        hasher.write_u128(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |elapsed| elapsed.as_nanos()),
        );
        hasher.finish()
    };
    format!("{:016x}{:016x}", part(1), part(2))
}

/// A file's name as reports show it. A relative path that starts with `:` gets `./` in
/// front: reports that start a line with the path (concise, JUnit, `dates`) must never
/// start one with `::`, which a GitHub Actions runner reads as a workflow command.
pub fn display_path(path: &std::path::Path) -> String {
    let shown = path.display().to_string();
    if shown.starts_with(':') {
        format!("./{shown}")
    } else {
        shown
    }
}

/// Like [`escape_controls`] but keeps every byte offset: each unsafe character
/// becomes as many `?` as it has bytes; line breaks stay.
pub fn mask_controls(text: &str) -> std::borrow::Cow<'_, str> {
    if !text
        .chars()
        .any(|ch| ch != '\n' && ch != '\r' && is_unsafe_char(ch))
    {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        if ch != '\n' && ch != '\r' && is_unsafe_char(ch) {
            out.extend(std::iter::repeat_n('?', ch.len_utf8()));
        } else {
            out.push(ch);
        }
    }
    std::borrow::Cow::Owned(out)
}

fn is_unsafe_char(ch: char) -> bool {
    (ch.is_control() && ch != '\t') || matches!(ch, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_terminal_sequences() {
        assert_eq!(escape_controls("a\u{1b}[31mb"), "a\\u{1b}[31mb");
        assert_eq!(escape_controls("tab\tok"), "tab\tok");
        assert_eq!(escape_controls("rtl\u{202e}x"), "rtl\\u{202e}x");
    }

    #[test]
    fn masking_keeps_offsets() {
        let text = "a\u{1b}b\u{85}c\r\nd";
        let masked = mask_controls(text);
        assert_eq!(masked.len(), text.len());
        assert_eq!(masked, "a?b??c\r\nd");
    }
}
