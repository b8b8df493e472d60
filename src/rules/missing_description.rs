//! RL103 missing-description: a short paragraph should follow the title and badges.

use super::context::{block_insertion, with_line_ending};
use super::{Category, Fixable, LintContext, Options, Rule, RuleMeta, parse_options, prose};
use crate::diagnostic::{Finding, Severity};
use crate::document::BlockKind;
use crate::fix::{Edit, Fix};
use serde::Deserialize;

pub struct MissingDescription;

static META: RuleMeta = RuleMeta {
    code: "RL103",
    name: "missing-description",
    category: Category::Sections,
    default_severity: Severity::Warning,
    enabled_by_default: true,
    fixable: Fixable::Sometimes,
    summary: "No short description follows the title, or it is too long",
    doc: include_str!("../../rules/docs/missing-description.md"),
};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
struct DescriptionOptions {
    /// Longest description, in characters; 0 turns the length check off.
    max_length: usize,
}

impl Default for DescriptionOptions {
    /// No length limit unless a config (or the `strict` and `standard-readme` presets)
    /// sets one: a long opening paragraph is a matter of style.
    fn default() -> Self {
        Self { max_length: 0 }
    }
}

impl Rule for MissingDescription {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_options(&self, options: &Options) -> Result<(), String> {
        parse_options::<DescriptionOptions>(options).map(|_| ())
    }

    fn check(&self, context: &LintContext<'_>, options: &Options, findings: &mut Vec<Finding>) {
        let options: DescriptionOptions = parse_options(options).unwrap_or_default();
        // Without a title there is nothing for a description to follow: missing-title
        // reports the README.
        if context.title_found().is_none() {
            return;
        }
        // Prose above the title ("> Parse commit messages" over `# @commitlint/parse`, a
        // notice) is where this README says what it is, or chose to put something first.
        if context.above_title().is_some() {
            return;
        }
        // A README below the project's root (a folder of generated docs, a test suite's
        // notes) is read within the project, whose own README says what it is.
        if !context.is_project_readme() {
            return;
        }
        let text = context.text();
        let description = context.preamble_blocks().find_map(|block| {
            let prose = match block.kind {
                // A quoted tagline ("> Escape RegExp special characters") is a description too.
                BlockKind::Paragraph => paragraph_prose(context, block.range.clone()),
                // A GitHub alert (`> [!NOTE]`) under the title is a notice, not a description.
                BlockKind::BlockQuote if is_alert(&text[block.range.clone()]) => String::new(),
                BlockKind::BlockQuote => paragraph_prose(context, block.range.clone()),
                BlockKind::Html => html_prose(&text[block.range.clone()]),
                // A list of what it does ("- Fast", "- Small") says what the project is.
                BlockKind::List => paragraph_prose(context, block.range.clone()),
                _ => String::new(),
            };
            (!prose.trim().is_empty()).then(|| (block.range.clone(), prose))
        });
        if description.is_none() && described_elsewhere(context) {
            return;
        }

        // A tagline written as a heading right under the title (`### A SOCKS proxy
        // http.Agent implementation`) is the description when it names no section.
        let tagline_heading = description.is_none() && first_heading_is_tagline(context);
        match description {
            None if tagline_heading => {}
            Some((range, prose)) => {
                // Counted as rendered: link targets and emphasis marks are not read.
                let rendered = crate::document::markdown_plain_text(&prose);
                let length = rendered
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .chars()
                    .count();
                if options.max_length > 0 && length > options.max_length {
                    findings.push(
                        Finding::new(
                            range,
                            format!(
                                "the description is {length} characters long; keep it to {} or fewer",
                                options.max_length
                            ),
                        )
                        .help("say in one or two sentences what the project is; move the rest to a section"),
                    );
                }
            }
            None => findings.push(missing(context)),
        }
    }
}

/// Other places a README says what the project is: prose in the HTML block that holds the
/// title (`<h1>Name</h1><p>What it is</p>`), a title with its tagline (`Grunt: The
/// JavaScript Task Runner`, `semver(1) -- The semantic versioner`) or a title that is
/// itself a phrase, and a first section that is the overview (`## Overview`,
/// `## Description`, `## Introduction`).
fn described_elsewhere(context: &LintContext<'_>) -> bool {
    let text = context.text();
    if let Some(crate::rules::Title::Block(range)) = context.title_found()
        && !html_prose(&text[range.clone()]).trim().is_empty()
        && html_prose(&text[range.clone()]).split_whitespace().count() >= 3
    {
        return true;
    }
    if let Some(title) = context.title() {
        let words = title.text.split_whitespace().count();
        let tagline = [": ", " -- ", " - ", " — ", " – "]
            .iter()
            .filter_map(|separator| title.text.split_once(separator))
            .any(|(_, rest)| rest.split_whitespace().count() >= 2);
        if tagline || words >= 5 {
            return true;
        }
    }
    let after = context.title_end().unwrap_or(0);
    let first_section = context
        .document
        .top_level_headings()
        .find(|(index, heading)| heading.range.start >= after && Some(*index) != context.title_index());
    let Some((index, heading)) = first_section else {
        return false;
    };
    if context
        .section_def(index)
        .is_some_and(|def| matches!(def.name.as_str(), "overview" | "background" | "features"))
    {
        return true;
    }
    // `## Library` opening with "A Rust library for converting colors": the first section
    // starts by saying what the project is.
    let section_end = context.section_range(index).end;
    context
        .document
        .blocks
        .iter()
        .find(|block| block.range.start >= heading.range.end)
        .filter(|block| block.kind == BlockKind::Paragraph && block.range.end <= section_end)
        .is_some_and(|block| {
            let prose = paragraph_prose(context, block.range.clone());
            prose::is_definition(prose::opening_sentence(&prose))
        })
}

/// True when the first heading after the title names no section and has words: the
/// project's tagline, set as a heading.
fn first_heading_is_tagline(context: &LintContext<'_>) -> bool {
    let after = context.title_end().unwrap_or(0);
    let first = context
        .document
        .top_level_headings()
        .find(|(index, heading)| heading.range.start >= after && Some(*index) != context.title_index());
    first.is_some_and(|(_, heading)| {
        context.policy.catalog.classify_loose(&heading.text).is_none()
            && heading.text.split_whitespace().count() >= 3
    })
}

fn missing(context: &LintContext<'_>) -> Finding {
    let text = context.text();
    let range = match context.title() {
        Some(title) => title.range.clone(),
        None => {
            let start = context.source.bom_len();
            start..context.source.line_content(1).end.max(start)
        }
    };
    let description = context
        .facts
        .manifest
        .as_ref()
        .and_then(|manifest| manifest.description.clone())
        .filter(|description| !description.trim().is_empty());
    let fix = description.and_then(|description| {
        let line_ending = context.line_ending();
        let at = context.first_body_heading_start().unwrap_or(text.len());
        let block = with_line_ending(&format!("{}\n", description.trim()), line_ending);
        let insertion = block_insertion(text, at, &block, line_ending);
        context.insertion_starts_block(at, &insertion).then(|| {
            Fix::unsafe_(
                "insert the manifest's description",
                vec![Edit::insert(at, insertion)],
            )
        })
    });
    Finding::new(range, "no short description after the title")
        .help("add a paragraph under the title (and badges) that says what the project does")
        .fix(fix)
}

/// A paragraph's text with images and badge links taken out.
fn paragraph_prose(context: &LintContext<'_>, range: std::ops::Range<usize>) -> String {
    let text = context.text();
    let mut prose = String::new();
    let mut cursor = range.start;
    // Links are in document order: only those that start in the block are looked at.
    let links = &context.document.links;
    let links = &links[links.partition_point(|link| link.range.start < range.start)..];
    let links = &links[..links.partition_point(|link| link.range.start < range.end)];
    let mut images: Vec<_> = links
        .iter()
        .filter(|link| link.range.end <= range.end)
        .filter(|link| link.is_image || contains_image(links, link.range.clone()))
        .collect();
    images.sort_by_key(|link| link.range.start);
    for image in images {
        if image.range.start >= cursor {
            prose.push_str(&text[cursor..image.range.start]);
            cursor = image.range.end;
        }
    }
    prose.push_str(&text[cursor.min(range.end)..range.end]);
    if prose.chars().any(char::is_alphanumeric) {
        prose
    } else {
        String::new()
    }
}

/// True when one of `links` (those of one block) is an image inside `range`.
fn contains_image(links: &[crate::document::Link], range: std::ops::Range<usize>) -> bool {
    links
        .iter()
        .any(|link| link.is_image && link.range.start >= range.start && link.range.end <= range.end)
}

fn is_alert(quote: &str) -> bool {
    quote.trim_start_matches(['>', ' ', '\t']).starts_with("[!")
}

/// The visible text of an HTML block: tags, comments and `<h1>` titles removed.
fn html_prose(html: &str) -> String {
    let mut without_titles = String::new();
    let mut cursor = 0;
    for title in crate::html::headings(html, 0..html.len()) {
        if title.level == 1 {
            without_titles.push_str(&html[cursor..title.range.start]);
            cursor = title.range.end;
        }
    }
    without_titles.push_str(&html[cursor..]);
    let prose = crate::html::strip_markup(&without_titles, 0..without_titles.len());
    if prose.chars().any(char::is_alphanumeric) {
        prose
    } else {
        String::new()
    }
}

#[cfg(test)]
mod tests {
    use super::html_prose;

    #[test]
    fn html_prose_drops_tags_and_comments() {
        assert_eq!(html_prose("<p align=\"center\"><img src=x></p>"), "");
        assert_eq!(html_prose("<!-- hi -->\n<p>A tool</p>").trim(), "A tool");
    }
}
