//! Machine-readable and one-line outputs.

use super::{FileReport, escape_controls};
use crate::diagnostic::Diagnostic;
use crate::source::SourceText;
use serde::Serialize;
use std::io::{self, Write};

/// One finding as JSON (the fields the README documents).
#[derive(Debug, Serialize)]
pub struct JsonFinding<'a> {
    pub path: &'a str,
    pub code: &'static str,
    pub name: &'static str,
    pub category: &'static str,
    pub severity: &'static str,
    pub message: &'a str,
    pub help: Option<&'a str>,
    /// Byte offsets into the file, end exclusive.
    pub start: usize,
    pub end: usize,
    /// 1-based; columns count characters.
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub fix: Option<JsonFix<'a>>,
}

#[derive(Debug, Serialize)]
pub struct JsonFix<'a> {
    pub title: &'a str,
    pub applicability: &'static str,
    pub edits: Vec<JsonEdit<'a>>,
}

#[derive(Debug, Serialize)]
pub struct JsonEdit<'a> {
    pub start: usize,
    pub end: usize,
    pub replacement: &'a str,
}

impl<'a> JsonFinding<'a> {
    pub fn new(path: &'a str, source: &SourceText, diagnostic: &'a Diagnostic) -> Self {
        let start = source.line_column(diagnostic.range.start);
        let end = source.line_column(diagnostic.range.end);
        JsonFinding {
            path,
            code: diagnostic.rule.code,
            name: diagnostic.rule.name,
            category: diagnostic.rule.category.as_str(),
            severity: diagnostic.severity.as_str(),
            message: &diagnostic.message,
            help: diagnostic.help.as_deref(),
            start: diagnostic.range.start,
            end: diagnostic.range.end,
            line: start.line,
            column: start.column,
            end_line: end.line,
            end_column: end.column,
            fix: diagnostic.fix.as_ref().map(|fix| JsonFix {
                title: &fix.title,
                applicability: fix.applicability.as_str(),
                edits: fix
                    .edits
                    .iter()
                    .map(|edit| JsonEdit {
                        start: edit.range.start,
                        end: edit.range.end,
                        replacement: &edit.replacement,
                    })
                    .collect(),
            }),
        }
    }
}

fn findings(reports: &[FileReport]) -> impl Iterator<Item = JsonFinding<'_>> {
    reports.iter().flat_map(|report| {
        report
            .diagnostics
            .iter()
            .map(move |diagnostic| JsonFinding::new(&report.path, &report.source, diagnostic))
    })
}

pub fn render_json(reports: &[FileReport], out: &mut dyn Write) -> io::Result<()> {
    let all: Vec<JsonFinding<'_>> = findings(reports).collect();
    serde_json::to_writer_pretty(&mut *out, &all)?;
    writeln!(out)
}

pub fn render_jsonl(reports: &[FileReport], out: &mut dyn Write) -> io::Result<()> {
    for finding in findings(reports) {
        serde_json::to_writer(&mut *out, &finding)?;
        writeln!(out)?;
    }
    Ok(())
}

pub fn render_concise(reports: &[FileReport], out: &mut dyn Write) -> io::Result<()> {
    for report in reports {
        for diagnostic in &report.diagnostics {
            let position = report.source.line_column(diagnostic.range.start);
            let marker = match diagnostic.fix.as_ref().map(|fix| fix.applicability) {
                Some(crate::fix::Applicability::Safe) => " [*]",
                Some(crate::fix::Applicability::Unsafe) => " [-]",
                _ => "",
            };
            writeln!(
                out,
                "{}:{}:{}: {} {}{} {}",
                escape_controls(&report.path),
                position.line,
                position.column,
                diagnostic.rule.code,
                diagnostic.rule.name,
                marker,
                escape_controls(&diagnostic.message)
            )?;
        }
    }
    Ok(())
}
