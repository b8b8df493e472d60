//! Writing reports file by file, so a run over thousands of READMEs keeps only what a
//! format needs at the end (the line formats keep nothing).

use super::{FileReport, OutputFormat, render};
use crate::fix::Applicability;
use std::collections::BTreeMap;
use std::io::{self, Write};

/// What an emitter prints: findings in a format, or counts per rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmitKind {
    Findings(OutputFormat),
    Statistics,
}

/// Receives each file's report in order, then finishes the output.
pub struct Emitter {
    kind: EmitKind,
    color: bool,
    /// Reports of formats that are one document over all files (json, sarif, junit, summary).
    kept: Vec<FileReport>,
    /// (code, name) -> (findings, fixable findings), for statistics.
    counts: BTreeMap<(&'static str, &'static str), (usize, usize)>,
}

impl Emitter {
    pub fn new(kind: EmitKind, color: bool) -> Self {
        Self {
            kind,
            color,
            kept: Vec::new(),
            counts: BTreeMap::new(),
        }
    }

    pub fn file(&mut self, report: &FileReport, out: &mut dyn Write) -> io::Result<()> {
        match self.kind {
            EmitKind::Statistics => {
                for diagnostic in &report.diagnostics {
                    let entry = self
                        .counts
                        .entry((diagnostic.rule.code, diagnostic.rule.name))
                        .or_default();
                    entry.0 += 1;
                    if diagnostic
                        .fix
                        .as_ref()
                        .is_some_and(|fix| fix.applicability > Applicability::DisplayOnly)
                    {
                        entry.1 += 1;
                    }
                }
                Ok(())
            }
            EmitKind::Findings(
                format @ (OutputFormat::Human
                | OutputFormat::Concise
                | OutputFormat::Jsonl
                | OutputFormat::Github),
            ) => render(format, std::slice::from_ref(report), self.color, out),
            EmitKind::Findings(_) => {
                self.kept.push(report.clone());
                Ok(())
            }
        }
    }

    pub fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        match self.kind {
            EmitKind::Statistics => {
                let mut rows: Vec<_> = std::mem::take(&mut self.counts).into_iter().collect();
                rows.sort_by(|a, b| b.1.0.cmp(&a.1.0).then(a.0.cmp(&b.0)));
                for ((code, name), (count, fixable)) in rows {
                    let note = if fixable > 0 {
                        format!(" ({fixable} fixable)")
                    } else {
                        String::new()
                    };
                    writeln!(out, "{count:>6}  {code}  {name}{note}")?;
                }
                Ok(())
            }
            EmitKind::Findings(
                OutputFormat::Human | OutputFormat::Concise | OutputFormat::Jsonl | OutputFormat::Github,
            ) => Ok(()),
            EmitKind::Findings(format) => render(format, &std::mem::take(&mut self.kept), self.color, out),
        }
    }
}
