//! SARIF 2.1.0 for code scanning: every rule with its documentation as help, each
//! finding with its physical location, and fixes as SARIF `fixes`.

use super::FileReport;
use crate::diagnostic::Severity;
use crate::rules::{self, RULES};
use crate::source::SourceText;
use serde_json::{Value, json};
use std::io::{self, Write};
use std::ops::Range;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// A SARIF URI for a path: forward slashes, reserved characters percent-encoded.
fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let path = path.strip_prefix("./").unwrap_or(&path);
    crate::badges::url::percent_encode(path, "/")
}

/// A region by line and column (columns count Unicode code points, as `columnKind` says).
fn region(source: &SourceText, range: &Range<usize>) -> Value {
    let start = source.line_column(range.start);
    let end = source.line_column(range.end);
    json!({
        "startLine": start.line.max(1),
        "startColumn": start.column,
        "endLine": end.line.max(1),
        "endColumn": end.column,
    })
}

fn rule_descriptors() -> Vec<Value> {
    let repository = env!("CARGO_PKG_REPOSITORY");
    RULES
        .iter()
        .map(|rule| {
            let meta = rule.meta();
            json!({
                "id": meta.code,
                "name": meta.name,
                "shortDescription": { "text": meta.summary },
                "fullDescription": { "text": meta.summary },
                "help": { "text": meta.doc, "markdown": meta.doc },
                "helpUri": format!("{repository}/blob/main/rules/docs/{}.md", meta.name),
                "defaultConfiguration": {
                    "enabled": meta.enabled_by_default,
                    "level": level(meta.default_severity),
                },
                "properties": { "tags": [meta.category.as_str()] },
            })
        })
        .collect()
}

pub fn render_sarif(reports: &[FileReport], out: &mut dyn Write) -> io::Result<()> {
    let mut results = Vec::new();
    for report in reports {
        let artifact = json!({ "uri": uri(&report.path) });
        for diagnostic in &report.diagnostics {
            let mut message = super::escape_controls(&diagnostic.message);
            if let Some(help) = &diagnostic.help {
                message.push_str(&format!(" ({})", super::escape_controls(help)));
            }
            let mut result = json!({
                "ruleId": diagnostic.rule.code,
                "ruleIndex": rules::RuleId::of(diagnostic.rule).index(),
                "level": level(diagnostic.severity),
                "message": { "text": message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": artifact,
                        "region": region(&report.source, &diagnostic.range),
                    }
                }],
            });
            if let Some(fix) = &diagnostic.fix {
                let replacements: Vec<Value> = fix
                    .edits
                    .iter()
                    .map(|edit| {
                        json!({
                            "deletedRegion": region(&report.source, &edit.range),
                            "insertedContent": { "text": edit.replacement },
                        })
                    })
                    .collect();
                result["fixes"] = json!([{
                    "description": { "text": format!("{} ({})", fix.title, fix.applicability.as_str()) },
                    "artifactChanges": [{ "artifactLocation": artifact, "replacements": replacements }],
                }]);
            }
            results.push(result);
        }
    }
    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "readme-lint",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": env!("CARGO_PKG_REPOSITORY"),
                    "rules": rule_descriptors(),
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    });
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::uri;

    #[test]
    fn uris_are_relative_and_encoded() {
        assert_eq!(uri("./docs/READ ME.md"), "docs/READ%20ME.md");
        assert_eq!(uri("a\\b.md"), "a/b.md");
    }
}
