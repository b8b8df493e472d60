//! JUnit XML: one test case per file, failed when the file has findings.

use super::FileReport;
use std::io::{self, Write};

fn escape_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // XML 1.0 cannot carry most control characters, even escaped, nor U+FFFE and
            // U+FFFF; bidirectional overrides could make a message read other than it is.
            ch if (ch.is_control() && !matches!(ch, '\n' | '\t'))
                || matches!(ch, '\u{fffe}' | '\u{ffff}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}') =>
            {
                out.push_str(&format!("\\u{{{:x}}}", ch as u32))
            }
            ch => out.push(ch),
        }
    }
    out
}

pub fn render_junit(reports: &[FileReport], out: &mut dyn Write) -> io::Result<()> {
    let failures = reports
        .iter()
        .filter(|report| !report.diagnostics.is_empty())
        .count();
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<testsuites name="readme-lint" tests="{}" failures="{failures}" errors="0">"#,
        reports.len()
    )?;
    writeln!(
        out,
        r#"  <testsuite name="readme-lint" tests="{}" failures="{failures}" errors="0" skipped="0">"#,
        reports.len()
    )?;
    for report in reports {
        let name = escape_xml(&report.path);
        if report.diagnostics.is_empty() {
            writeln!(out, r#"    <testcase name="{name}" classname="readme-lint"/>"#)?;
            continue;
        }
        writeln!(out, r#"    <testcase name="{name}" classname="readme-lint">"#)?;
        let count = report.diagnostics.len();
        let noun = if count == 1 { "problem" } else { "problems" };
        writeln!(
            out,
            r#"      <failure message="{count} {noun}" type="readme-lint">"#
        )?;
        for diagnostic in &report.diagnostics {
            let position = report.source.line_column(diagnostic.range.start);
            writeln!(
                out,
                "{}:{}:{}: {} {} {}",
                name,
                position.line,
                position.column,
                diagnostic.rule.code,
                diagnostic.rule.name,
                escape_xml(&diagnostic.message)
            )?;
        }
        writeln!(out, "      </failure>")?;
        writeln!(out, "    </testcase>")?;
    }
    writeln!(out, "  </testsuite>")?;
    writeln!(out, "</testsuites>")
}

#[cfg(test)]
mod tests {
    use super::escape_xml;

    #[test]
    fn escapes_markup_and_controls() {
        assert_eq!(escape_xml("a<b & \"c\""), "a&lt;b &amp; &quot;c&quot;");
        assert_eq!(escape_xml("x\u{1b}y"), "x\\u{1b}y");
        assert_eq!(
            escape_xml("a\u{ffff}b\u{fffe}c\u{202e}d"),
            "a\\u{ffff}b\\u{fffe}c\\u{202e}d"
        );
    }
}
