//! GitHub Actions workflow commands: one `::error` or `::warning` annotation per finding.

use super::FileReport;
use crate::diagnostic::Severity;
use std::io::{self, Write};

/// Escapes a workflow command's message (`%`, CR and LF).
fn escape_data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a workflow command's property value (also `:` and `,`).
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

pub fn render_github(reports: &[FileReport], out: &mut dyn Write) -> io::Result<()> {
    for report in reports {
        for diagnostic in &report.diagnostics {
            let start = report.source.line_column(diagnostic.range.start);
            let end = report.source.line_column(diagnostic.range.end);
            let command = match diagnostic.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            let mut properties = format!(
                "file={},line={},endLine={}",
                escape_property(&super::escape_controls(&report.path)),
                start.line,
                end.line
            );
            // GitHub reads columns only for a one-line range.
            if start.line == end.line {
                properties.push_str(&format!(",col={},endColumn={}", start.column, end.column));
            }
            let title = format!("{} {}", diagnostic.rule.code, diagnostic.rule.name);
            properties.push_str(&format!(",title={}", escape_property(&title)));
            let mut message = super::escape_controls(&diagnostic.message);
            if let Some(help) = &diagnostic.help {
                message.push_str("\nhelp: ");
                message.push_str(&super::escape_controls(help));
            }
            writeln!(out, "::{command} {properties}::{}", escape_data(&message))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_follow_the_workflow_command_rules() {
        assert_eq!(escape_data("50% a\r\nb"), "50%25 a%0D%0Ab");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
    }
}
