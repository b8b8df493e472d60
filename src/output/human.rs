//! The human format: annotated source snippets, help, the fix as a patch, a summary.

use super::{FileReport, Totals, escape_controls, mask_controls};
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::SourceText;
use annotate_snippets::renderer::DecorStyle;
use annotate_snippets::{AnnotationKind, Group, Level, Patch, Renderer, Snippet};
use std::io::{self, Write};
use std::ops::Range;

pub fn render_human(reports: &[FileReport], color: bool, out: &mut dyn Write) -> io::Result<()> {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    }
    .decor_style(DecorStyle::Ascii);
    for report in reports {
        let path = escape_controls(&report.path);
        if report.diagnostics.is_empty() {
            continue;
        }
        // Badge tokens (`circle-token=...`) never reach the terminal. Masking keeps every
        // offset, and is done once per file, not once per finding.
        let masked = crate::badges::mask_secrets(report.source.text());
        for diagnostic in &report.diagnostics {
            let text = render_one(&renderer, &path, &report.source, &masked, diagnostic);
            writeln!(out, "{text}\n")?;
        }
    }
    Ok(())
}

/// The lines that `range` touches, as a window into the text.
struct Window {
    range: Range<usize>,
    first_line: usize,
    /// The window is one line (so it may be shown in part).
    one_line: bool,
}

fn window(source: &SourceText, range: &Range<usize>) -> Window {
    let first = source.line_of(range.start);
    let last = source.line_of(range.end.saturating_sub(1).max(range.start));
    let start = source.line_start(first);
    let end = source
        .line_content(last)
        .end
        .max(range.end)
        .min(source.text().len());
    Window {
        range: start..end,
        first_line: first,
        one_line: first == last && source.line_of(end) == first,
    }
}

/// Characters of context kept on each side of a finding or change inside a long line.
const PATCH_CONTEXT: usize = 80;

/// The text a patch is shown on: the window, or, when the window is one long line (a
/// minified README, a 10 MB line), the part around the change with `…` for the rest, so
/// that a one-word fix does not print the whole line twice.
struct ShownPart {
    text: String,
    /// Source offset of the first byte of `text` after the `…` prefix.
    start: usize,
    prefix_len: usize,
}

impl ShownPart {
    fn local(&self, range: &Range<usize>) -> Range<usize> {
        let shift = |offset: usize| offset - self.start + self.prefix_len;
        shift(range.start)..shift(range.end)
    }
}

fn shown_part(text: &str, window: &Window, span: &Range<usize>) -> ShownPart {
    let one_line = window.one_line;
    let window = window.range.clone();
    if !one_line || window.len() <= span.len() + 2 * PATCH_CONTEXT {
        return ShownPart {
            text: text[window.clone()].to_string(),
            start: window.start,
            prefix_len: 0,
        };
    }
    let mut start = span.start.saturating_sub(PATCH_CONTEXT).max(window.start);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (span.end + PATCH_CONTEXT).min(window.end);
    while !text.is_char_boundary(end) {
        end += 1;
    }
    let prefix = if start > window.start { "…" } else { "" };
    let suffix = if end < window.end { "…" } else { "" };
    ShownPart {
        text: format!("{prefix}{}{suffix}", &text[start..end]),
        start,
        prefix_len: prefix.len(),
    }
}

fn render_one(
    renderer: &Renderer,
    path: &str,
    source: &SourceText,
    masked_text: &str,
    diagnostic: &Diagnostic,
) -> String {
    let level = match diagnostic.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let span_window = window(source, &diagnostic.range);
    let first_line = span_window.first_line;
    // Control characters never reach the terminal either.
    let text = masked_text;
    // Only the part of a long line around the finding is shown: a thousand findings on a
    // megabyte line must not print (and lay out) the megabyte a thousand times.
    let shown = shown_part(text, &span_window, &diagnostic.range);
    let window_text = mask_controls(&shown.text).into_owned();
    let local = shown.local(&diagnostic.range);
    let message = escape_controls(&diagnostic.message);
    let title = format!("{message} ({})", diagnostic.rule.name);
    let mut groups: Vec<Group<'_>> = vec![
        level.primary_title(title).id(diagnostic.rule.code).element(
            Snippet::source(window_text)
                .path(path)
                .line_start(first_line)
                .annotation(AnnotationKind::Primary.span(local)),
        ),
    ];
    if let Some(help) = &diagnostic.help {
        let last = groups.pop().expect("one group");
        groups.push(last.element(Level::HELP.message(escape_controls(help))));
    }
    if let Some(fix) = &diagnostic.fix {
        let span = fix.span().unwrap_or(diagnostic.range.clone());
        let fix_window = window(source, &span);
        let fix_first_line = fix_window.first_line;
        let shown = shown_part(text, &fix_window, &span);
        let fix_text = mask_controls(&shown.text).into_owned();
        let mut snippet = Snippet::source(fix_text).path(path).line_start(fix_first_line);
        for edit in &fix.edits {
            let local = shown.local(&edit.range);
            snippet = snippet.patch(Patch::new(local, mask_controls(&edit.replacement).into_owned()));
        }
        let label = match fix.applicability {
            crate::fix::Applicability::Safe => format!("{} (safe fix, applied by --fix)", fix.title),
            crate::fix::Applicability::Unsafe => {
                format!("{} (unsafe fix, applied by --fix --unsafe-fixes)", fix.title)
            }
            crate::fix::Applicability::DisplayOnly => format!("{} (suggestion, not applied)", fix.title),
        };
        groups.push(
            Level::HELP
                .secondary_title(escape_controls(&label))
                .element(snippet),
        );
    }
    renderer.render(&groups)
}

/// "12 problems in 3 files, 7 fixable with --fix, 2 more with --unsafe-fixes".
pub fn summary_line(totals: &Totals) -> String {
    let plural = |count: usize, word: &str| {
        if count == 1 {
            format!("{count} {word}")
        } else {
            format!("{count} {word}s")
        }
    };
    let mut line = if totals.problems == 0 {
        format!("No problems in {}", plural(totals.files, "file"))
    } else {
        format!(
            "{} ({}, {}) in {}",
            plural(totals.problems, "problem"),
            plural(totals.error_findings, "error"),
            plural(totals.warnings(), "warning"),
            plural(totals.files_with_problems, "file")
        )
    };
    if totals.errors > 0 {
        let verb = if totals.errors == 1 { "was" } else { "were" };
        line.push_str(&format!(
            "; {} {verb} not checked (errors on stderr)",
            plural(totals.errors, "path")
        ));
    }
    if totals.fixed > 0 {
        line.push_str(&format!(" after fixing {}", plural(totals.fixed, "problem")));
    }
    if totals.safe_fixable > 0 {
        line.push_str(&format!(", {} fixable with --fix", totals.safe_fixable));
    }
    if totals.unsafe_fixable > 0 {
        line.push_str(&format!(
            ", {} {}with --fix --unsafe-fixes",
            totals.unsafe_fixable,
            if totals.safe_fixable > 0 {
                "more "
            } else {
                "fixable "
            }
        ));
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_reads_naturally() {
        let totals = Totals {
            files: 3,
            files_with_problems: 3,
            problems: 12,
            error_findings: 3,
            safe_fixable: 7,
            unsafe_fixable: 2,
            fixed: 0,
            errors: 0,
        };
        assert_eq!(
            summary_line(&totals),
            "12 problems (3 errors, 9 warnings) in 3 files, 7 fixable with --fix, 2 more with --fix --unsafe-fixes"
        );
        assert_eq!(
            summary_line(&Totals {
                files: 1,
                ..Totals::default()
            }),
            "No problems in 1 file"
        );
    }
}
