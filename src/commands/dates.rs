//! `readme-lint dates`: what the date pass finds, for people and for scorers.

use crate::cli::DatesFormat;
use crate::config::ConfigCache;
use crate::dates::FoundDate;
use crate::document::Document;
use crate::files;
use crate::output::escape_controls;
use crate::source::SourceText;
use crate::streams::{EXIT_CLEAN, EXIT_ERROR, Streams};
use serde::Serialize;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// One found date as JSON.
#[derive(Debug, Serialize)]
struct DateRecord<'a> {
    path: &'a str,
    start: usize,
    end: usize,
    line: usize,
    column: usize,
    text: &'a str,
    value: String,
    range_end: Option<String>,
    format: String,
    alternatives: Vec<String>,
    invalid: Option<&'a str>,
    context: &'static str,
}

impl<'a> DateRecord<'a> {
    fn new(path: &'a str, source: &'a SourceText, found: &'a FoundDate) -> Self {
        let position = source.line_column(found.range.start);
        DateRecord {
            path,
            start: found.range.start,
            end: found.range.end,
            line: position.line,
            column: position.column,
            text: &source.text()[found.range.clone()],
            value: found.value.to_string(),
            range_end: found.range_end.map(|end| end.to_string()),
            format: found.format.to_string(),
            alternatives: found.alternatives.iter().map(ToString::to_string).collect(),
            invalid: found.invalid.as_deref(),
            context: found.context.as_str(),
        }
    }
}

/// The dates in a README's prose, skipping what the Markdown parse knows is not prose.
pub fn dates_in(source: &SourceText) -> Vec<FoundDate> {
    let document = Document::parse(source);
    crate::dates::find_dates(source.text(), &document.non_prose_ranges(source.text()))
}

pub(super) fn show(
    paths: &[PathBuf],
    format: DatesFormat,
    stdin_name: Option<&Path>,
    streams: &mut Streams<'_>,
) -> io::Result<u8> {
    let mut inputs: Vec<(String, Result<String, String>)> = Vec::new();
    let mut failed = false;
    if paths.len() == 1 && paths[0] == Path::new("-") {
        let shown = stdin_name.map_or_else(|| "-".to_string(), crate::output::display_path);
        let mut bytes = Vec::new();
        let text = match (&mut *streams.stdin)
            .take(files::MAX_FILE_SIZE + 1)
            .read_to_end(&mut bytes)
        {
            Ok(_) if bytes.len() as u64 > files::MAX_FILE_SIZE => Err(format!(
                "standard input is over the {} MiB limit for a README",
                files::MAX_FILE_SIZE / (1024 * 1024)
            )),
            Ok(_) => files::decode(Path::new(&shown), bytes).map_err(|error| error.to_string()),
            Err(error) => Err(format!("cannot read standard input: {error}")),
        };
        inputs.push((shown, text));
    } else {
        let configs = match ConfigCache::new(None) {
            Ok(configs) => configs,
            Err(error) => {
                writeln!(streams.stderr, "error: {error}")?;
                return Ok(EXIT_ERROR);
            }
        };
        let found = match crate::discover::discover(paths, &configs, false) {
            Ok(found) => found,
            Err(error) => {
                writeln!(streams.stderr, "error: {error}")?;
                return Ok(EXIT_ERROR);
            }
        };
        for error in found.errors {
            writeln!(streams.stderr, "error: {}", escape_controls(&error.to_string()))?;
            failed = true;
        }
        for target in found.files {
            let text = files::read_readme(&target.path, &target.real_path)
                .map(|file| file.text)
                .map_err(|error| error.to_string());
            inputs.push((crate::output::display_path(&target.path), text));
        }
    }

    let mut all = Vec::new();
    for (path, text) in inputs {
        match text {
            Ok(text) => {
                let source = SourceText::new(text);
                let dates = dates_in(&source);
                all.push((path, source, dates));
            }
            Err(message) => {
                writeln!(streams.stderr, "error: {}", escape_controls(&message))?;
                failed = true;
            }
        }
    }
    let records = all.iter().flat_map(|(path, source, dates)| {
        dates
            .iter()
            .map(move |found| DateRecord::new(path, source, found))
    });
    let out = &mut *streams.stdout;
    match format {
        DatesFormat::Json => {
            let records: Vec<_> = records.collect();
            serde_json::to_writer_pretty(&mut *out, &records)?;
            writeln!(out)?;
        }
        DatesFormat::Jsonl => {
            for record in records {
                serde_json::to_writer(&mut *out, &record)?;
                writeln!(out)?;
            }
        }
        DatesFormat::Human => {
            for record in records {
                let mut line = format!(
                    "{}:{}:{}: {} -> {}",
                    escape_controls(record.path),
                    record.line,
                    record.column,
                    escape_controls(record.text),
                    record.value
                );
                if let Some(end) = &record.range_end {
                    line.push_str(&format!("..{end}"));
                }
                line.push_str(&format!(" [{}] {}", record.format, record.context));
                if !record.alternatives.is_empty() {
                    line.push_str(&format!(" (or {})", record.alternatives.join(", ")));
                }
                if let Some(reason) = record.invalid {
                    line.push_str(&format!(" INVALID: {reason}"));
                }
                writeln!(out, "{line}")?;
            }
        }
    }
    Ok(if failed { EXIT_ERROR } else { EXIT_CLEAN })
}
