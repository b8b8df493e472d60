//! A Markdown report for a CI job summary: counts per rule and a table of findings.
//! GitHub shows only ten annotations of each kind per step, so the summary carries all.

use super::{FileReport, Totals, summary_line};
use std::collections::BTreeMap;
use std::io::{self, Write};

/// Makes text safe inside a Markdown table cell: it cannot end the cell or the row,
/// open HTML, or make a link or an image (a README's text could otherwise put a tracking
/// image or a misleading link into the job summary).
fn cell(text: &str) -> String {
    super::escape_controls(&text.replace(['\n', '\r'], " "))
        .replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('<', "&lt;")
        .replace('[', "\\[")
        .replace(']', "\\]")
}

pub fn render_summary(reports: &[FileReport], out: &mut dyn Write) -> io::Result<()> {
    let mut totals = Totals::default();
    for report in reports {
        totals.add(report);
    }
    writeln!(out, "## readme-lint\n")?;
    writeln!(out, "{}\n", summary_line(&totals))?;
    if totals.problems == 0 {
        return Ok(());
    }
    let mut per_rule: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for diagnostic in reports.iter().flat_map(|report| &report.diagnostics) {
        *per_rule
            .entry((diagnostic.rule.code, diagnostic.rule.name))
            .or_default() += 1;
    }
    writeln!(out, "| Rule | Count |\n|---|---:|")?;
    for ((code, name), count) in &per_rule {
        writeln!(out, "| {code} {name} | {count} |")?;
    }
    writeln!(
        out,
        "\n| File | Line | Rule | Severity | Message |\n|---|---:|---|---|---|"
    )?;
    for report in reports {
        for diagnostic in &report.diagnostics {
            let position = report.source.line_column(diagnostic.range.start);
            writeln!(
                out,
                "| {} | {} | {} {} | {} | {} |",
                cell(&report.path),
                position.line,
                diagnostic.rule.code,
                diagnostic.rule.name,
                diagnostic.severity.as_str(),
                cell(&diagnostic.message)
            )?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn table_cells_cannot_break_the_table() {
        assert_eq!(cell("a|b\nc"), "a\\|b c");
        assert_eq!(cell("<script>"), "&lt;script>");
        assert_eq!(
            cell("![x](https://t.example/p.png)"),
            "!\\[x\\](https://t.example/p.png)"
        );
    }
}
