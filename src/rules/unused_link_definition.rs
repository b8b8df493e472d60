//! RL406 unused-link-definition: a link reference definition nothing uses. The
//! definitions and references come from [`crate::references`].

use super::undefined_link_reference::undefined_references;
use super::{Category, Fixable, LintContext, Options, Rule, RuleMeta};
use crate::diagnostic::{Finding, Severity};
use crate::document::normalize_label;
use crate::references::{Definition, Scan, code, is_blank, written_label};

use crate::fix::{Edit, Fix};
use crate::source::SourceText;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

pub struct UnusedLinkDefinition;

static META: RuleMeta = RuleMeta {
    code: "RL406",
    name: "unused-link-definition",
    category: Category::Links,
    default_severity: Severity::Warning,
    enabled_by_default: false,
    fixable: Fixable::Sometimes,
    summary: "A link reference definition nothing uses",
    doc: include_str!("../../rules/docs/unused-link-definition.md"),
};

impl Rule for UnusedLinkDefinition {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, _options: &Options, findings: &mut Vec<Finding>) {
        let text = context.text();
        if memchr::memmem::find(text.as_bytes(), b"]:").is_none() {
            return;
        }
        let scan = context.link_references();
        let used: HashSet<String> = scan
            .references
            .iter()
            .map(|reference| normalize_label(&text[reference.label.clone()]))
            .collect();
        // Definitions that an undefined reference probably misspells: the reference is
        // what needs the fix, so these are not deleted.
        let mut misspelt: HashMap<usize, usize> = HashMap::new();
        for undefined in undefined_references(context, scan) {
            if let Some(definition) = undefined.suggestion {
                misspelt.entry(definition).or_insert(undefined.reference);
            }
        }
        // The first definition of a label is the one references use.
        let mut first: HashMap<&str, usize> = HashMap::new();
        // (definition, help)
        let mut reported: Vec<(usize, String)> = Vec::new();
        for (index, definition) in scan.definitions.iter().enumerate() {
            let earlier = first.get(definition.key.as_str()).copied();
            if earlier.is_none() {
                first.insert(&definition.key, index);
            }
            if !definition.certain || is_comment(text, definition) {
                continue;
            }
            let label = written_label(&text[definition.label.clone()]);
            let help = match earlier {
                None if used.contains(&definition.key) => continue,
                Some(earlier) if scan.definitions[earlier].certain => {
                    let earlier = &scan.definitions[earlier];
                    let line = context.source.line_of(earlier.range.start);
                    let first_label = written_label(&text[earlier.label.clone()]);
                    format!(
                        "the definition of {} on line {line} comes first and is the one used; remove this one",
                        code(&format!("[{first_label}]"))
                    )
                }
                Some(_) if used.contains(&definition.key) => continue,
                _ => match misspelt.get(&index) {
                    // The reference probably means this definition: fix the reference.
                    Some(reference) => {
                        let reference = &scan.references[*reference];
                        format!(
                            "the reference {} on line {} has no definition and may mean this one: correct its label",
                            code(&format!("[{}]", written_label(&text[reference.label.clone()]))),
                            context.source.line_of(reference.range.start)
                        )
                    }
                    None => format!(
                        "remove it, or link to it with {}",
                        code(&format!("[text][{label}]"))
                    ),
                },
            };
            reported.push((index, help));
        }
        // A run that keeps a definition keeps separating the blocks around it.
        let mut reported_in_run = vec![0usize; scan.runs.len()];
        for (index, _) in &reported {
            if let Some(run) = scan.definitions[*index].run {
                reported_in_run[run] += 1;
            }
        }
        for (index, help) in reported {
            let definition = &scan.definitions[index];
            let label = written_label(&text[definition.label.clone()]);
            let whole_run = definition
                .run
                .is_some_and(|run| reported_in_run[run] == scan.runs[run].definitions);
            let fix = deletion(context.source, scan, definition, whole_run)
                .filter(|_| !misspelt.contains_key(&index))
                .map(|range| {
                    Fix::safe(
                        format!("remove the definition of {}", code(&format!("[{label}]"))),
                        vec![Edit::delete(range)],
                    )
                });
            findings.push(
                Finding::new(
                    definition.range.clone(),
                    format!("link definition {} is never used", code(&label)),
                )
                .help(help)
                .fix(fix),
            );
        }
    }
}

/// True for the definitions written as comments, which render nothing and are not
/// meant to be used: `[//]: # (note)`, `[comment]: <> (note)`, `[_]: # "note"`.
fn is_comment(text: &str, definition: &Definition) -> bool {
    let label = text[definition.label.clone()].trim();
    let destination = &text[definition.destination.clone()];
    label.starts_with("//")
        || label == "_"
        || label == "#"
        || label.eq_ignore_ascii_case("comment")
        || (definition.has_title && matches!(destination, "#" | "<>" | "<#>"))
}

/// The bytes deleting `definition` removes, when that is sure to leave the rendered
/// page as it was; `None` otherwise. `whole_run`: every definition of its run may go.
fn deletion(
    source: &SourceText,
    scan: &Scan,
    definition: &Definition,
    whole_run: bool,
) -> Option<Range<usize>> {
    let run = &scan.runs[definition.run?];
    if !run.indent_ok || (whole_run && !run.clean_edges) {
        return None;
    }
    let text = source.text();
    let line_count = source.line_count();
    let blank = |line: usize| is_blank(&text[source.line_content(line)]);
    let first_line = source.line_of(definition.range.start);
    let last_line = source.line_of(definition.range.end.saturating_sub(1).max(definition.range.start));
    let start = if first_line == 1 {
        source.bom_len()
    } else {
        source.line_start(first_line)
    };
    let end = source.line_start(last_line + 1);
    // The last line with text above the definition, and the first below it.
    let mut above = first_line - 1;
    while above > 0 && blank(above) {
        above -= 1;
    }
    let mut below = last_line + 1;
    while below <= line_count && blank(below) {
        below += 1;
    }
    let ends_file = below > line_count;
    if ends_file && !text.ends_with(['\n', '\r']) {
        // The file ends without a line ending: take the line endings before the
        // definition too, so that it still does.
        return Some(
            if above > 0 {
                source.line_content(above).end
            } else {
                start
            }..text.len(),
        );
    }
    // A definition alone between blank lines takes the blank lines below it along (the
    // ones above still separate the blocks around it), or at the end of the file the
    // ones above it, rather than leave two blank lines where there was one.
    let alone = run.definitions == 1 && (first_line == 1 || blank(first_line - 1));
    if alone && ends_file {
        return Some(
            if above > 0 {
                source.line_start(above + 1)
            } else {
                start
            }..text.len(),
        );
    }
    if alone && below > last_line + 1 {
        return Some(start..source.line_start(below));
    }
    Some(start..end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;
    use crate::facts::ProjectFacts;
    use crate::references::*;

    /// The rule's findings on `text`: (the definition's source, message, help, fixed text).
    pub(crate) fn run_rule(rule: &dyn Rule, text: &str) -> Vec<(String, String, String, Option<String>)> {
        let source = SourceText::new(text.to_string());
        let document = Document::parse(&source);
        let policy = crate::config::recommended_policy();
        let facts = ProjectFacts::default();
        let context = LintContext::new(&source, &document, &facts, &policy);
        let mut findings = Vec::new();
        rule.check(&context, &Options::new(), &mut findings);
        findings
            .into_iter()
            .map(|finding| {
                let fixed = finding
                    .fix
                    .as_ref()
                    .map(|fix| crate::fix::apply_fixes(text, &[fix]).text);
                (
                    text[finding.range.clone()].to_string(),
                    finding.message,
                    finding.help.unwrap_or_default(),
                    fixed,
                )
            })
            .collect()
    }

    fn unused(text: &str) -> Vec<String> {
        run_rule(&UnusedLinkDefinition, text)
            .into_iter()
            .map(|(source, ..)| source)
            .collect()
    }

    #[test]
    fn reports_what_no_reference_uses() {
        let text = "# T\n\nSee [the docs][docs], [Guide][] and [home].\n\n\
                    [docs]: https://docs.rs/x\n[guide]: https://x.y/guide\n[Home]: https://x.y\n\
                    [old]: https://old.example \"Old site\"\n";
        let found = run_rule(&UnusedLinkDefinition, text);
        assert_eq!(found.len(), 1, "{found:?}");
        let (source, message, help, fixed) = &found[0];
        assert_eq!(source, "[old]: https://old.example \"Old site\"");
        assert_eq!(message, "link definition `old` is never used");
        assert_eq!(help, "remove it, or link to it with `[text][old]`");
        assert_eq!(
            fixed.as_deref(),
            Some(
                "# T\n\nSee [the docs][docs], [Guide][] and [home].\n\n\
                 [docs]: https://docs.rs/x\n[guide]: https://x.y/guide\n[Home]: https://x.y\n"
            )
        );
    }

    #[test]
    fn labels_match_without_case_and_with_whitespace_collapsed() {
        let text = "[Build  Status][CI] [STRASSE] ![logo][Logo\nImage]\n\n\
                    [ci]: https://ci\n[straße]: https://s\n[logo image]: https://l.png\n";
        assert!(unused(text).is_empty(), "{:?}", unused(text));
    }

    #[test]
    fn later_duplicates_are_unused() {
        let text = "[a]\n\n[a]: https://one\n[A]: https://two\n";
        let found = run_rule(&UnusedLinkDefinition, text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, "[A]: https://two");
        assert_eq!(
            found[0].2,
            "the definition of `[a]` on line 3 comes first and is the one used; remove this one"
        );
    }

    #[test]
    fn references_anywhere_count() {
        let text = "# [Head]\n\n| a | b |\n|---|---|\n| [cell] | x |\n\n- [item][]\n\n> [quote]\n\n\
                    [![badge][img]][link]\n\nFootnote[^1].\n\n[^1]: See [note].\n\n\
                    [head]: /h\n[cell]: /c\n[item]: /i\n[quote]: /q\n[img]: /i.svg\n[link]: /l\n[note]: /n\n";
        assert!(unused(text).is_empty(), "{:?}", unused(text));
    }

    #[test]
    fn an_inline_link_is_no_use_but_a_failed_one_is() {
        let text = "[a](https://x) [b](not a url)\n\n[a]: /a\n[b]: /b\n";
        assert_eq!(unused(text), ["[a]: /a"]);
    }

    #[test]
    fn code_html_comments_and_footnotes_are_not_definitions() {
        let text = "```\n[a]: /a\n```\n\n    [b]: /b\n\n<div>\n[c]: /c\n</div>\n\n\
                    [//]: # (a comment)\n[comment]: <> (another)\n[_]: # \"a third\"\n\
                    [note]: # \"a fourth\"\n\n[^1]: a footnote\n\nUse `[d]` and [^1].\n\n[d]: /d\n";
        assert_eq!(unused(text), ["[d]: /d"]);
    }

    #[test]
    fn a_line_that_continues_a_paragraph_is_no_definition_but_a_use() {
        let text = "Some text\n[a]: /not-a-definition\n\n[a]: /a\n";
        assert!(unused(text).is_empty());
    }

    #[test]
    fn definitions_that_start_a_paragraph_count() {
        let text = "[a]: /a\n[b]:\n  /b\n  'title'\nThen text.\n\n[b]\n";
        let found = run_rule(&UnusedLinkDefinition, text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, "[a]: /a");
        // Deleting it would make the text the paragraph's first line: no fix.
        assert_eq!(found[0].3, None);
    }

    #[test]
    fn a_list_of_names_and_descriptions_defines_nothing() {
        // `- [x]: text` is a shortcut reference and text: the definition below is the first.
        let text = "- [`tool`]: What it does.\n\n[`tool`]: https://one\n[`tool`]: https://two\n";
        let found = run_rule(&UnusedLinkDefinition, text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, "[`tool`]: https://two");
    }

    #[test]
    fn definitions_in_lists_and_quotes_are_never_reported() {
        let text = "- item\n\n  - [x]: /x\n\n> [y]: /y\n";
        assert!(unused(text).is_empty());
    }

    #[test]
    fn no_fix_where_a_deletion_could_join_blocks() {
        // After the list, deleting the definition would join the two lists into one.
        let text = "- one\n\n[a]: /a\n\n- two\n";
        let found = run_rule(&UnusedLinkDefinition, text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].3, None);
        // Followed by a heading on the next line, not a blank line: no fix either.
        let found = run_rule(&UnusedLinkDefinition, "Text\n\n[a]: /a\n# Next\n");
        assert_eq!(found[0].3, None);
    }

    #[test]
    fn the_fix_keeps_a_missing_final_line_ending_missing() {
        let found = run_rule(&UnusedLinkDefinition, "Text\n\n[a]: /a");
        assert_eq!(found[0].3.as_deref(), Some("Text"));
        // At the end, the blank lines above it go too.
        let found = run_rule(&UnusedLinkDefinition, "Text\r\n\r\n[a]: /a\r\n\r\n");
        assert_eq!(found[0].3.as_deref(), Some("Text\r\n"));
    }

    #[test]
    fn a_lone_definition_takes_the_blank_lines_below_it() {
        let found = run_rule(&UnusedLinkDefinition, "Text\n\n[a]: /a\n\n\nMore\n");
        assert_eq!(found[0].3.as_deref(), Some("Text\n\nMore\n"));
    }

    #[test]
    fn a_definition_that_stays_keeps_a_list_apart() {
        // `[b]` stays, so the paragraph of definitions still ends the first list.
        let text = "[b]\n\n- one\n\n[a]: /a\n[b]: /b\n\n- two\n";
        let found = run_rule(&UnusedLinkDefinition, text);
        assert_eq!(found[0].3.as_deref(), Some("[b]\n\n- one\n\n[b]: /b\n\n- two\n"));
    }

    #[test]
    fn a_definition_a_reference_misspells_is_not_deleted() {
        let found = run_rule(
            &UnusedLinkDefinition,
            "See [the guide][guide-link].\n\n[guide link]: /g\n",
        );
        assert_eq!(
            found[0].2,
            "the reference `[guide-link]` on line 1 has no definition and may mean this one: correct its label"
        );
        assert_eq!(found[0].3, None);
    }

    #[test]
    fn normalizes_labels() {
        assert_eq!(normalize_label("  Foo \t\n Bar "), "foo bar");
        assert_eq!(normalize_label("Straẞe"), normalize_label("STRASSE"));
    }

    #[test]
    fn the_reference_scan_is_linear() {
        // Unclosed inline links and deep nesting: each byte is looked at a bounded number of times.
        let text = "[a](x ".repeat(20_000) + &"[".repeat(20_000) + &"]".repeat(20_000);
        let source = SourceText::new(text);
        let document = Document::parse(&source);
        let started = std::time::Instant::now();
        let found = scan(&source, &document);
        // A wall-clock bound far above the debug build's tenth of a second: a quadratic
        // scan of these 100,000 brackets would take minutes (tests/linear.rs counts work).
        assert!(started.elapsed().as_secs() < 10);
        assert!(!found.references.is_empty());
    }
}
