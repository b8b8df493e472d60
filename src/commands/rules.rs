//! `readme-lint rules` and `readme-lint rule NAME`.

use crate::cli::ListFormat;
use crate::config::error::suggestion;
use crate::config::file::rule_keys;
use crate::rules::{self, RULES};
use crate::streams::{EXIT_CLEAN, EXIT_ERROR, Streams};
use std::io;

pub(super) fn list_rules(format: ListFormat, streams: &mut Streams<'_>) -> io::Result<u8> {
    match format {
        ListFormat::Json => {
            let metas: Vec<_> = RULES.iter().map(|rule| rule.meta()).collect();
            serde_json::to_writer_pretty(&mut *streams.stdout, &metas)?;
            writeln!(streams.stdout)?;
        }
        ListFormat::Text => {
            writeln!(
                streams.stdout,
                "{:<6} {:<22} {:<9} {:<9} {:<8} SUMMARY",
                "CODE", "NAME", "CATEGORY", "FIX", "DEFAULT"
            )?;
            for rule in RULES {
                let meta = rule.meta();
                let fix = meta.fixable.as_str();
                let level = if meta.enabled_by_default {
                    meta.default_severity.as_str()
                } else {
                    "off"
                };
                writeln!(
                    streams.stdout,
                    "{:<6} {:<22} {:<9} {:<9} {:<8} {}",
                    meta.code,
                    meta.name,
                    meta.category.as_str(),
                    fix,
                    level,
                    meta.summary
                )?;
            }
        }
    }
    Ok(EXIT_CLEAN)
}

pub(super) fn show_rule(name: &str, streams: &mut Streams<'_>) -> io::Result<u8> {
    match rules::find(name) {
        Some(rule) => {
            // The title comes from the metadata; a test keeps the doc's own title and
            // facts equal to it, for those who read the doc in the repository.
            let meta = rule.meta();
            write!(streams.stdout, "{}\n{}", meta.doc_title(), meta.doc_body())?;
            Ok(EXIT_CLEAN)
        }
        None => {
            writeln!(
                streams.stderr,
                "error: unknown rule `{name}`\n  help: {}",
                suggestion(name, &rule_keys())
            )?;
            Ok(EXIT_ERROR)
        }
    }
}
