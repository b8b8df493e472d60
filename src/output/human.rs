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
        for diagnostic in &report.diagnostics {
            let text = render_one(&renderer, &path, &report.source, diagnostic);
            writeln!(out, "{text}\n")?;
        }
    }
    Ok(())
}

/// The lines that `range` touches, as a window into the text, with the first line's number.
fn window(source: &SourceText, range: &Range<usize>) -> (Range<usize>, usize) {
    let first = source.line_of(range.start);
    let last = source.line_of(range.end.saturating_sub(1).max(range.start));
    let start = source.line_start(first);
    let end = source
        .line_content(last)
        .end
        .max(range.end)
        .min(source.text().len());
    (start..end, first)
}

fn render_one(renderer: &Renderer, path: &str, source: &SourceText, diagnostic: &Diagnostic) -> String {
    let level = match diagnostic.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let text = source.text();
    let (span_window, first_line) = window(source, &diagnostic.range);
    // Badge tokens (`circle-token=...`) never reach the terminal, nor control characters.
    let masked_secrets = crate::badges::mask_secrets(text);
    let text: &str = &masked_secrets;
    let window_text = mask_controls(&text[span_window.clone()]);
    let local = diagnostic.range.start - span_window.start..diagnostic.range.end - span_window.start;
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
        let (fix_window, fix_first_line) = window(source, &span);
        let fix_text = mask_controls(&text[fix_window.clone()]);
        let mut snippet = Snippet::source(fix_text).path(path).line_start(fix_first_line);
        for edit in &fix.edits {
            let local = edit.range.start - fix_window.start..edit.range.end - fix_window.start;
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
            "{} in {}",
            plural(totals.problems, "problem"),
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
            safe_fixable: 7,
            unsafe_fixable: 2,
            fixed: 0,
            errors: 0,
        };
        assert_eq!(
            summary_line(&totals),
            "12 problems in 3 files, 7 fixable with --fix, 2 more with --fix --unsafe-fixes"
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
