//! What a rule may read about one file: its text, its parsed document, the policy
//! and the project facts. Rules never read files themselves.

use crate::config::file::Condition;
use crate::config::{Policy, Requirement};
use crate::document::{BlockKind, Document, Heading, Section};
use crate::facts::ProjectFacts;
use crate::sections::SectionDef;
use crate::source::SourceText;
use std::ops::Range;

pub struct LintContext<'a> {
    pub source: &'a SourceText,
    pub document: &'a Document,
    pub sections: Vec<Section>,
    pub facts: &'a ProjectFacts,
    pub policy: &'a Policy,
    /// For each heading, the known section its text names exactly (up to an alias).
    classified: Vec<Option<&'a SectionDef>>,
    /// The same, also matching headings that add words to a name ("License (MIT)").
    loosely_classified: Vec<Option<&'a SectionDef>>,
    title: Option<usize>,
    body_level: u8,
    /// The dates written in the prose, found on first use (see [`LintContext::dates`]).
    dates: std::cell::OnceCell<Vec<crate::dates::FoundDate>>,
    /// The date the date rules treat as today.
    today: jiff::civil::Date,
    /// The document's badges, found on first use (see [`LintContext::badges`]).
    badges: std::cell::OnceCell<Vec<crate::badges::Badge<'a>>>,
    /// What the online probe found (see [`LintContext::probe`]).
    probe: Option<&'a crate::probe::ProbeResults>,
}

impl<'a> LintContext<'a> {
    pub fn new(
        source: &'a SourceText,
        document: &'a Document,
        facts: &'a ProjectFacts,
        policy: &'a Policy,
    ) -> Self {
        let sections = document.sections(source.text().len());
        let first_h1 = document
            .top_level_headings()
            .find(|(_, heading)| heading.level == 1);
        // An HTML `<h1>` above the first Markdown one is the title; the `#` headings are
        // then sections.
        let title = first_h1
            .filter(|(_, heading)| !html_h1_before(source.text(), document, heading.range.start))
            .map(|(index, _)| index);
        // Every top-level heading but the title may stand for a known section, whatever
        // its level: some READMEs use level 1 for their sections.
        let (classified, loosely_classified): (Vec<_>, Vec<_>) = document
            .headings
            .iter()
            .enumerate()
            .map(|(index, heading)| {
                if !heading.top_level || Some(index) == title {
                    (None, None)
                } else {
                    policy.catalog.classify_both(&heading.text)
                }
            })
            .unzip();
        let body_level = document
            .top_level_headings()
            .filter(|(index, _)| Some(*index) != title)
            .map(|(_, heading)| heading.level)
            .min()
            .unwrap_or(2);
        Self {
            source,
            document,
            sections,
            facts,
            policy,
            classified,
            loosely_classified,
            title,
            body_level,
            badges: std::cell::OnceCell::new(),
            dates: std::cell::OnceCell::new(),
            today: jiff::civil::date(1970, 1, 1),
            probe: None,
        }
    }

    /// Sets what the online probe found about badge URLs.
    pub fn with_probe(mut self, probe: Option<&'a crate::probe::ProbeResults>) -> Self {
        self.probe = probe;
        self
    }

    /// What the online probe found about badge URLs; `None` without `--online`.
    pub fn probe(&self) -> Option<&'a crate::probe::ProbeResults> {
        self.probe
    }

    /// Sets the date the date rules treat as today.
    pub fn with_today(mut self, today: jiff::civil::Date) -> Self {
        self.today = today;
        self
    }

    pub fn today(&self) -> jiff::civil::Date {
        self.today
    }

    /// The dates in the README's prose, found once per lint and shared by the rules.
    pub fn dates(&self) -> &[crate::dates::FoundDate] {
        self.dates.get_or_init(|| {
            crate::dates::find_dates(self.text(), &self.document.non_prose_ranges(self.text()))
        })
    }

    /// The badges of the document, extracted once per lint and shared by the rules.
    pub fn badges(&self) -> &[crate::badges::Badge<'a>] {
        self.badges.get_or_init(|| crate::badges::extract(self))
    }

    pub fn text(&self) -> &'a str {
        self.source.text()
    }

    /// The first top-level level-1 heading.
    pub fn title(&self) -> Option<&'a Heading> {
        self.title.map(|index| &self.document.headings[index])
    }

    pub fn title_index(&self) -> Option<usize> {
        self.title
    }

    /// The heading level of the README's main sections (usually 2).
    pub fn body_level(&self) -> u8 {
        self.body_level
    }

    /// The known section a heading stands for.
    pub fn section_def(&self, heading: usize) -> Option<&'a SectionDef> {
        self.classified.get(heading).copied().flatten()
    }

    /// Headings at the main section level with the known section each stands for.
    pub fn main_sections(&self) -> impl Iterator<Item = (usize, &'a Heading, &'a SectionDef)> + '_ {
        self.document
            .headings
            .iter()
            .enumerate()
            .filter(|(_, heading)| heading.top_level && heading.level == self.body_level)
            .filter_map(|(index, heading)| self.section_def(index).map(|def| (index, heading, def)))
    }

    /// True when some heading other than the title stands for `name`, even loosely.
    pub fn has_section(&self, name: &str) -> bool {
        self.loosely_classified
            .iter()
            .flatten()
            .any(|def| def.name == name)
    }

    /// The byte range of `heading`'s whole section.
    pub fn section_range(&self, heading: usize) -> Range<usize> {
        self.sections[heading].range.clone()
    }

    /// The line ending new text should use.
    pub fn line_ending(&self) -> &'static str {
        self.source.line_ending()
    }

    /// True when `requirement` applies to this project and README.
    pub fn requirement_applies(&self, requirement: &Requirement) -> bool {
        let manifest = self.facts.manifest.as_ref();
        match requirement.condition() {
            None => true,
            Some(Condition::Installable) => manifest.is_some_and(|m| m.publishable),
            Some(Condition::HasBinary) => manifest.is_some_and(|m| m.has_binary),
            Some(Condition::MinLines(lines)) => self.source.line_count() > *lines,
        }
    }

    /// Values for `{{placeholders}}` in section templates.
    pub fn template_values(&self) -> Vec<(&'static str, String)> {
        self.facts.template_values()
    }

    /// Blocks between the title (or the start) and the first heading after it.
    pub fn preamble_blocks(&self) -> impl Iterator<Item = &'a crate::document::Block> + '_ {
        let start = self.title().map_or(0, |title| title.range.end);
        let mut seen_heading = false;
        self.document.blocks.iter().filter(move |block| {
            if block.range.start < start || seen_heading {
                return false;
            }
            if matches!(block.kind, BlockKind::Heading(_)) {
                seen_heading = true;
                return false;
            }
            true
        })
    }

    /// True when `insertion` placed at `at` starts new blocks of its own. Before a
    /// heading that always holds; at the end of the text the last block may be a code
    /// block or an HTML block left open, which would swallow the text: then the end is
    /// parsed again with the insertion to be sure.
    pub fn insertion_starts_block(&self, at: usize, insertion: &str) -> bool {
        let text = self.text();
        if at < text.len() {
            return true;
        }
        let Some(last) = self.document.blocks.last() else {
            return true;
        };
        if !matches!(last.kind, BlockKind::Code | BlockKind::Html) {
            return true;
        }
        let mut tail = text[last.range.start..].to_string();
        tail.push_str(insertion);
        let source = SourceText::new(tail);
        let reparsed = Document::parse(&source);
        reparsed.blocks.len() > 1
    }

    /// Where a new block goes so it lands before the first heading after the title:
    /// the start of that heading, or the end of the text.
    pub fn first_body_heading_start(&self) -> Option<usize> {
        let after = self.title().map_or(0, |title| title.range.end);
        self.document
            .headings
            .iter()
            .enumerate()
            .find(|(index, heading)| {
                heading.top_level && heading.range.start >= after && Some(*index) != self.title
            })
            .map(|(_, heading)| heading.range.start)
    }
}

/// True when an HTML block with an `<h1>` starts before `offset`.
pub fn html_h1_before(text: &str, document: &Document, offset: usize) -> bool {
    document.html.iter().any(|html| {
        html.is_block
            && html.range.start < offset
            && contains_ignoring_ascii_case(&text[html.range.clone()], "<h1")
    })
}

/// True when `haystack` contains `needle` with ASCII letters compared without case.
fn contains_ignoring_ascii_case(haystack: &str, needle: &str) -> bool {
    haystack
        .as_bytes()
        .windows(needle.len())
        .any(|window| window.eq_ignore_ascii_case(needle.as_bytes()))
}

/// Text to insert at `at` so that `block` (which ends with a line ending) stands as
/// its own block: blank lines are added before it where the text before lacks them.
pub fn block_insertion(text: &str, at: usize, block: &str, line_ending: &str) -> String {
    // A byte order mark is not text: a file that holds only one is empty.
    let bom = if text.starts_with(crate::source::BOM) {
        crate::source::BOM.len()
    } else {
        0
    };
    let before = &text[bom.min(at)..at];
    let mut out = String::new();
    if !before.is_empty() {
        if !before.ends_with(['\n', '\r']) {
            out.push_str(line_ending);
            out.push_str(line_ending);
        } else if !ends_with_blank_line(before) {
            out.push_str(line_ending);
        }
    }
    if at < text.len() {
        out.push_str(block);
        // Keep a blank line between the new block and what follows it.
        out.push_str(line_ending);
    } else if text.len() > bom && !text.ends_with(['\n', '\r']) {
        // Appending to a file without a final newline: keep it without one.
        out.push_str(block.trim_end_matches(['\n', '\r']));
    } else {
        out.push_str(block);
    }
    out
}

/// True when `text` (which ends with a line ending) ends with an empty line.
fn ends_with_blank_line(text: &str) -> bool {
    let without_last = text
        .strip_suffix("\r\n")
        .or_else(|| text.strip_suffix('\n'))
        .or_else(|| text.strip_suffix('\r'))
        .unwrap_or(text);
    let last_line_start = without_last.rfind(['\n', '\r']).map_or(0, |index| index + 1);
    without_last.is_empty() || without_last[last_line_start..].trim().is_empty()
}

/// Converts a template's `\n` line endings to the document's.
pub fn with_line_ending(text: &str, line_ending: &str) -> String {
    if line_ending == "\n" {
        text.to_string()
    } else {
        text.replace('\n', line_ending)
    }
}
