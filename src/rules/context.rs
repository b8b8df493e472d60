//! What a rule may read about one file: its text, its parsed document, the policy
//! and the project facts. Rules never read files themselves.

use super::policy::{Condition, Policy, Requirement};
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
    /// The title when it is a Markdown heading.
    title: Option<usize>,
    /// The title in any form (a heading, an HTML heading or a logo).
    title_found: Option<Title>,
    /// The first prose block above the title (a notice), or of a README without one.
    above_title: Option<Range<usize>>,
    body_level: u8,
    /// The sections the README has, by name (see [`LintContext::has_section`]).
    present: std::cell::OnceCell<std::collections::HashSet<&'a str>>,
    /// The dates written in the prose, found on first use (see [`LintContext::dates`]).
    dates: std::cell::OnceCell<Vec<crate::dates::FoundDate>>,
    /// The link references and definitions, read once for the two rules about them.
    link_references: std::cell::OnceCell<crate::references::Scan>,
    /// Whether the README is its project's own, asked by several rules.
    project_readme: std::cell::OnceCell<bool>,
    /// Where the README's links resolve, asked by each link rule.
    link_base: std::cell::OnceCell<Option<(std::path::PathBuf, String)>>,
    /// The date the date rules treat as today.
    today: jiff::civil::Date,
    /// The document's badges, found on first use (see [`LintContext::badges`]).
    badges: std::cell::OnceCell<Vec<crate::badges::Badge<'a>>>,
    /// What the online probe found (see [`LintContext::probe`]).
    probe: Option<&'a crate::probe::ProbeResults>,
    /// Where the README is, when known.
    path: Option<&'a std::path::Path>,
}

impl<'a> LintContext<'a> {
    pub fn new(
        source: &'a SourceText,
        document: &'a Document,
        facts: &'a ProjectFacts,
        policy: &'a Policy,
    ) -> Self {
        let sections = document.sections(source.text());
        let TitleSearch {
            title: title_found,
            above: above_title,
        } = find_title(source, document, &policy.catalog);
        let title = match &title_found {
            Some(Title::Heading(index)) => Some(*index),
            _ => None,
        };
        // A title that names a section (`# Installation` opening a README whose sections
        // are all `#`) is that section too.
        let title_is_section =
            title.is_some_and(|index| policy.catalog.classify(&document.headings[index].text).is_some());
        // Every top-level heading but the title may stand for a known section, whatever
        // its level: some READMEs use level 1 for their sections.
        let (classified, loosely_classified): (Vec<_>, Vec<_>) = document
            .headings
            .iter()
            .enumerate()
            .map(|(index, heading)| {
                if !heading.top_level || (Some(index) == title && !title_is_section) {
                    (None, None)
                } else {
                    policy.catalog.classify_both(&heading.text)
                }
            })
            .unzip();
        // The body is what follows the title: a heading above it (a notice's label, a logo
        // made big) says nothing about the sections' level.
        let body_start = match &title_found {
            Some(Title::Heading(index)) => document.headings[*index].range.end,
            Some(Title::Block(range)) => range.end,
            None => 0,
        };
        let body_level = document
            .top_level_headings()
            .filter(|(index, heading)| {
                Some(*index) != title
                    && heading.range.start >= body_start
                    && !is_picture_heading(source.text(), document, heading)
            })
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
            title_found,
            above_title,
            body_level,
            present: std::cell::OnceCell::new(),
            badges: std::cell::OnceCell::new(),
            dates: std::cell::OnceCell::new(),
            link_references: std::cell::OnceCell::new(),
            project_readme: std::cell::OnceCell::new(),
            link_base: std::cell::OnceCell::new(),
            today: jiff::civil::date(1970, 1, 1),
            probe: None,
            path: None,
        }
    }

    /// Sets where the README is.
    pub fn with_path(mut self, path: Option<&'a std::path::Path>) -> Self {
        self.path = path;
        self
    }

    /// True unless the README is known to sit below its project's root (a vendored copy,
    /// a README of tests or examples): only the root README speaks for the manifest.
    pub fn is_project_readme(&self) -> bool {
        *self.project_readme.get_or_init(|| self.find_if_project_readme())
    }

    /// The link references and reference definitions of the README.
    pub(super) fn link_references(&self) -> &crate::references::Scan {
        self.link_references
            .get_or_init(|| crate::references::scan(self.source, self.document))
    }

    fn find_if_project_readme(&self) -> bool {
        let Some(path) = self.path else { return true };
        let folder = crate::files::parent_or_current(path);
        // The facts root is already a real absolute path; a README named by its real
        // folder (the usual case: a walk or an absolute path) needs no link resolved.
        if std::path::absolute(folder).is_ok_and(|folder| folder == self.facts.root) {
            return true;
        }
        match (
            std::fs::canonicalize(folder),
            std::fs::canonicalize(&self.facts.root),
        ) {
            (Ok(folder), Ok(root)) => folder == root,
            _ => true,
        }
    }

    /// Where the README is, when it is a file.
    pub fn path(&self) -> Option<&'a std::path::Path> {
        self.path
    }

    /// The repository root the README's links resolve in (its git checkout's root), and
    /// the README's folder relative to it (`""` at the root, `/`-separated). `None` for
    /// text without a path, or a README outside a git checkout: without one there is no
    /// telling which files the repository has.
    pub fn link_base(&self) -> Option<(std::path::PathBuf, String)> {
        self.link_base.get_or_init(|| self.find_link_base()).clone()
    }

    fn find_link_base(&self) -> Option<(std::path::PathBuf, String)> {
        let path = self.path?;
        let root = self.facts.git.repo_root.as_deref()?;
        let root = std::fs::canonicalize(root).ok()?;
        let folder = std::fs::canonicalize(crate::files::parent_or_current(path)).ok()?;
        let relative = folder
            .strip_prefix(&root)
            .ok()?
            .to_str()?
            .replace(std::path::MAIN_SEPARATOR, "/");
        Some((root, relative))
    }

    /// The Markdown links and images `wanted` accepts, with where each URL is written
    /// (see [`crate::badges::markdown_links_where`]).
    pub fn markdown_links_where(
        &self,
        wanted: impl Fn(&crate::document::Link) -> bool,
    ) -> Vec<(crate::document::Link, crate::badges::BadgeUrl)> {
        crate::badges::markdown_links_where(self.source, self.document, self.policy.badges.catalog(), wanted)
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
        self.badges.get_or_init(|| self.extract_badges())
    }

    /// The document's badges, found anew (see [`LintContext::badges`] for the kept ones).
    pub fn extract_badges(&self) -> Vec<crate::badges::Badge<'a>> {
        crate::badges::extract(
            self.source,
            self.document,
            self.policy.badges.catalog(),
            self.title().map(|title| title.range.start),
            self.first_body_heading_start(),
        )
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

    /// True when the README has the section `name`: a heading stands for it (a Markdown
    /// or HTML heading other than the title, matched loosely, or one part of a heading
    /// that names two, "Installation and Usage"), a heading of another section counts as
    /// it ("Getting Started" counts as installation and usage), or, when the policy lets
    /// content count, the content shows it (an install command, a license statement, a
    /// code example).
    pub fn has_section(&self, name: &str) -> bool {
        self.present().contains(name)
    }

    /// The names of the sections the README has (see [`has_section`](Self::has_section)).
    pub fn present(&self) -> &std::collections::HashSet<&'a str> {
        self.present.get_or_init(|| {
            let catalog: &'a crate::sections::SectionCatalog = &self.policy.catalog;
            let mut names = std::collections::HashSet::new();
            let mut add = |def: &'a SectionDef| {
                names.insert(def.name.as_str());
                names.extend(def.counts_as.iter().map(String::as_str));
            };
            for (index, heading) in self.document.headings.iter().enumerate() {
                let is_plain_title = Some(index) == self.title && self.loosely_classified[index].is_none();
                if !heading.top_level || is_plain_title {
                    continue;
                }
                catalog.heading_sections(&heading.text).into_iter().for_each(&mut add);
            }
            for heading in &self.document.html_headings {
                let is_title = matches!(&self.title_found, Some(Title::Block(range)) if range.start <= heading.range.start && heading.range.end <= range.end);
                if !is_title || catalog.classify(&heading.text).is_some() {
                    catalog.heading_sections(&heading.text).into_iter().for_each(&mut add);
                }
            }
            if self.policy.sections.count_content {
                let evidence = super::evidence::ContentEvidence::find(self.source, self.document, self.has_license_badge());
                for def in catalog.iter() {
                    if def.evidence.iter().any(|kind| evidence.shows(*kind)) {
                        add(def);
                    }
                }
            }
            names
        })
    }

    /// True when a badge states the license (`/badge/license-MIT`, `/crates/l/x`).
    fn has_license_badge(&self) -> bool {
        let catalog = self.policy.badges.catalog();
        self.badges()
            .iter()
            .any(|badge| badge.kind(&catalog) == Some(crate::badges::BadgeKind::License))
    }

    /// The title in whatever form it has: a Markdown heading, or an HTML heading or logo
    /// image above the first section.
    pub fn title_found(&self) -> Option<&Title> {
        self.title_found.as_ref()
    }

    /// The first block of prose above the title (a notice over `# Name`); without a title,
    /// the README's first block of prose, if any.
    pub fn above_title(&self) -> Option<Range<usize>> {
        self.above_title.clone()
    }

    /// Where the title ends: the title heading or block, else nothing.
    pub fn title_end(&self) -> Option<usize> {
        match &self.title_found {
            Some(Title::Heading(index)) => Some(self.document.headings[*index].range.end),
            Some(Title::Block(range)) => Some(range.end),
            None => None,
        }
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
        requirement
            .condition()
            .is_none_or(|condition| self.condition_holds(condition))
    }

    fn condition_holds(&self, condition: &Condition) -> bool {
        let manifest = self.facts.manifest.as_ref();
        match condition {
            Condition::Installable => manifest.is_some_and(|m| m.publishable),
            Condition::HasBinary => manifest.is_some_and(|m| m.has_binary),
            Condition::MinLines(lines) => self.source.line_count() > *lines,
            // Only a project readme-lint can see (a manifest, a git checkout) can be known
            // to state its license nowhere else; a README on its own says nothing of that.
            // A manifest that cannot be parsed (a template with `<%= name %>` in it) tells
            // nothing either.
            Condition::Unlicensed => {
                (manifest.is_some() || self.facts.git.repo_root.is_some())
                    && self.facts.license_file.is_none()
                    && manifest.is_none_or(|m| m.parsed && m.license.is_none())
                    && !self.facts.repository_has_license
            }
            Condition::All(conditions) => conditions.iter().all(|condition| self.condition_holds(condition)),
        }
    }

    /// Values for `{{placeholders}}` in section templates.
    pub fn template_values(&self) -> Vec<(&'static str, String)> {
        self.facts.template_values()
    }

    /// Blocks between the title (or the start) and the first heading after it. A heading
    /// made only of links (`#### [Changelog] | [Source]`, a navigation bar), one that
    /// repeats the title (`## \`litemap\`` under `# litemap`) or a notice's label
    /// (`## NOTE`) does not end them.
    pub fn preamble_blocks(&self) -> impl Iterator<Item = &'a crate::document::Block> + '_ {
        let start = self.title_end().unwrap_or(0);
        let title_text = self
            .title()
            .map(|title| crate::sections::normalize_heading(&title.text))
            .unwrap_or_default();
        let mut seen_heading = false;
        // Under a notice's heading, its first block and any quotes up to a thematic break
        // are the notice, not the opening prose.
        let mut notice_blocks: Option<usize> = None;
        self.document.blocks.iter().filter(move |block| {
            if block.range.start < start || seen_heading {
                return false;
            }
            if let Some(count) = notice_blocks.as_mut()
                && !matches!(block.kind, BlockKind::Heading(_))
            {
                let in_notice = *count == 0 || block.kind == BlockKind::BlockQuote;
                *count += 1;
                if block.kind == BlockKind::ThematicBreak || !in_notice {
                    notice_blocks = None;
                }
                if in_notice || block.kind == BlockKind::ThematicBreak {
                    return false;
                }
            }
            if let BlockKind::Heading(index) = block.kind {
                let heading = &self.document.headings[index];
                let heading_text = crate::sections::normalize_heading(&heading.text);
                // `## \`litemap\`` under `# litemap [![crates.io](...)]`: the title's name
                // again, without its badges.
                let repeats_title = !title_text.is_empty()
                    && !heading_text.is_empty()
                    && (heading_text == title_text || title_text.starts_with(&format!("{heading_text} ")));
                let navigation = only_links(self.text(), self.document, heading.range.clone(), false);
                // "## NOTE" over a notice labels it, and does not start the body.
                let notice = super::prose::is_notice_label(&heading.text);
                if !repeats_title && !navigation && !notice {
                    seen_heading = true;
                }
                notice_blocks = notice.then_some(0);
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

/// The README's title as a reader sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Title {
    /// A Markdown heading (of any level) that opens the README.
    Heading(usize),
    /// An HTML block or image paragraph above the first section: an HTML heading, or a
    /// logo with alt text.
    Block(Range<usize>),
}

/// What the title search found: the title, and the first block of what stands above it
/// (a notice, an announcement), or the first block that ended the search without a title.
#[derive(Debug, Clone, Default)]
struct TitleSearch {
    title: Option<Title>,
    /// The first prose block before the title; without a title, the first prose block of
    /// the README.
    above: Option<Range<usize>>,
}

/// How far the search looks past prose for a title: a notice of up to this many blocks
/// (paragraphs, a code block, a quote) may stand above it.
const NOTICE_BLOCKS: usize = 3;

/// Finds the title as a reader does: the first heading of the README that does not name
/// a section, when only front matter, badges, logos, HTML and rules come before it; else
/// an HTML heading or a logo image (with alt text) above the first section or paragraph.
/// A README whose first block is a section heading at level 1 (`# Installation`, in a
/// README whose sections are all `#`) has that heading as its title.
///
/// Prose before any of these may be a notice above the title ("this fork is
/// unmaintained", an announcement): past up to [`NOTICE_BLOCKS`] prose blocks a plain
/// level-1 heading, an HTML heading, or a logo set off by a thematic break is still the
/// title. Failing all that, a lone name in a styled line (`<sup>name</sup>`, `> name`)
/// among those first blocks is the title.
fn find_title(
    source: &SourceText,
    document: &Document,
    catalog: &crate::sections::SectionCatalog,
) -> TitleSearch {
    let mut from = 0;
    let mut prose: Vec<usize> = Vec::new();
    let mut title = None;
    while prose.len() <= NOTICE_BLOCKS {
        match walk_to_title(source, document, catalog, from, !prose.is_empty()) {
            Walk::Title(found) => {
                title = Some(found);
                break;
            }
            Walk::Prose(index) => {
                prose.push(index);
                from = index + 1;
            }
            Walk::Section | Walk::End => break,
        }
    }
    let range = |index: &usize| document.blocks[*index].range.clone();
    // `### Made by @author` over `# Name`: a smaller heading first, and the README's one
    // level-1 heading further down, which names the project, not a section. A reader
    // takes the big heading for the title and what is above it for a notice.
    if let Some(Title::Heading(first)) = title
        && document.headings[first].level > 1
        && let Some(name) = lone_name_heading(document, catalog)
        && name > first
        // Above the body: no section has begun before it.
        && document.headings[..name]
            .iter()
            .all(|heading| catalog.classify(&heading.text).is_none())
    {
        let title_start = document.headings[name].range.start;
        let above = document
            .blocks
            .iter()
            .find(|block| !matches!(block.kind, BlockKind::FrontMatter) && block.range.start < title_start)
            .map(|block| block.range.clone());
        return TitleSearch {
            title: Some(Title::Heading(name)),
            above,
        };
    }
    if title.is_none() {
        let last_block = document.blocks.len().saturating_sub(1);
        if let Some(position) = prose
            .iter()
            .position(|index| *index < last_block && is_styled_name(source.text(), document, range(index)))
        {
            return TitleSearch {
                title: Some(Title::Block(range(&prose[position]))),
                above: prose[..position].first().map(range),
            };
        }
    }
    TitleSearch {
        title,
        above: prose.first().map(range),
    }
}

/// The README's only top-level level-1 heading, when it names no section and asks no
/// question and nothing but level-2 and deeper headings follow it.
fn lone_name_heading(document: &Document, catalog: &crate::sections::SectionCatalog) -> Option<usize> {
    let mut level_one = document
        .headings
        .iter()
        .enumerate()
        .filter(|(_, heading)| heading.top_level && heading.level == 1);
    let (index, heading) = level_one.next()?;
    if level_one.next().is_some() || catalog.classify(&heading.text).is_some() || is_question(&heading.text) {
        return None;
    }
    Some(index)
}

/// Where one pass of the title search stopped.
enum Walk {
    Title(Title),
    /// At this block of prose (a paragraph, a list, code), with no title before it.
    Prose(usize),
    /// At a heading that names a section: the body starts without a title.
    Section,
    End,
}

/// Walks the blocks from `from` until the title or the first block that rules one out.
/// `past_notice`: the walk starts after prose, where only a plain level-1 heading, an
/// HTML heading or a logo set off by a thematic break counts (an image after a paragraph
/// is more often a screenshot than a banner).
fn walk_to_title(
    source: &SourceText,
    document: &Document,
    catalog: &crate::sections::SectionCatalog,
    from: usize,
    past_notice: bool,
) -> Walk {
    let text = source.text();
    let badges = crate::badges::CatalogView::built_in();
    // Any image that is not a badge stands for the project (a logo, a banner), with or
    // without alt text.
    let is_logo = |_alt: &str, url: &str| badges.badge_image(url).is_none();
    let mut logo: Option<Range<usize>> = None;
    let mut html_heading: Option<Range<usize>> = None;
    let mut ruled_off = false;
    let found = |html_heading: Option<Range<usize>>, logo: Option<Range<usize>>| {
        html_heading.or(logo).map(Title::Block)
    };
    for (index, block) in document.blocks.iter().enumerate().skip(from) {
        let logo_allowed = !past_notice || ruled_off;
        let block_text = &text[block.range.clone()];
        match block.kind {
            BlockKind::FrontMatter => continue,
            BlockKind::ThematicBreak => {
                ruled_off = true;
                continue;
            }
            BlockKind::Html => {
                let headings: Vec<_> = document
                    .html_headings
                    .iter()
                    .filter(|heading| {
                        block.range.start <= heading.range.start && heading.range.end <= block.range.end
                    })
                    .collect();
                if let Some(first) = headings.first().filter(|heading| heading.level <= 3) {
                    if catalog.classify(&first.text).is_some() {
                        // An HTML section heading opens the body.
                        return found(html_heading, logo).map_or(Walk::Section, Walk::Title);
                    }
                    html_heading.get_or_insert(block.range.clone());
                    continue;
                }
                let lower = block_text.to_ascii_lowercase();
                if logo_allowed
                    && (lower.contains("<picture")
                        || crate::html::images(text, block.range.clone())
                            .iter()
                            .any(|(alt, src)| is_logo(alt, src)))
                {
                    logo.get_or_insert(block.range.clone());
                }
                continue;
            }
            // A paragraph that shows nothing (`&nbsp;`, `<br>`, `<a name="x"></a>`) spaces
            // things out.
            BlockKind::Paragraph if is_blank_paragraph(text, document, block.range.clone()) => continue,
            // A one-line `<a href><img></a>` is a paragraph of inline HTML: a logo too.
            BlockKind::Paragraph if is_inline_image(text, document, block.range.clone()) => {
                let has_logo = crate::html::images(text, block.range.clone())
                    .iter()
                    .any(|(_, src)| badges.badge_image(src).is_none());
                if has_logo && logo_allowed {
                    logo.get_or_insert(block.range.clone());
                }
                continue;
            }
            BlockKind::Paragraph | BlockKind::List | BlockKind::Table
                if only_links(
                    text,
                    document,
                    table_body(text, block.kind, block.range.clone()),
                    false,
                ) =>
            {
                let has_logo = document
                    .links
                    .iter()
                    .filter(|link| {
                        link.is_image
                            && block.range.start <= link.range.start
                            && link.range.end <= block.range.end
                    })
                    .any(|image| is_logo(&image.text, &image.url))
                    // `[<img src="logo.svg">](https://...)`: HTML inside a Markdown link.
                    || crate::html::images(text, block.range.clone())
                        .iter()
                        .any(|(alt, src)| is_logo(alt, src));
                if has_logo && logo_allowed {
                    logo.get_or_insert(block.range.clone());
                }
                continue;
            }
            BlockKind::Heading(heading_index) => {
                let heading = &document.headings[heading_index];
                // `# ![logo](logo.png)`: a logo made big, above the name's own heading.
                if is_picture_heading(text, document, heading) {
                    if logo_allowed {
                        logo.get_or_insert(block.range.clone());
                    }
                    continue;
                }
                let names_section = catalog.classify(&heading.text).is_some();
                if past_notice {
                    // "What are type witnesses?": a question heads a section, not a project.
                    // A level-1 heading followed by more level-1 headings is a section of a
                    // README whose sections are all `#`.
                    let next_level = document.headings[heading_index + 1..]
                        .iter()
                        .find(|next| next.top_level)
                        .map(|next| next.level);
                    if heading.level == 1
                        && !names_section
                        && !is_question(&heading.text)
                        && next_level.is_none_or(|level| level > 1)
                    {
                        return Walk::Title(Title::Heading(heading_index));
                    }
                    return found(html_heading, logo).map_or(Walk::Section, Walk::Title);
                }
                if html_heading.is_some() && (heading.level > 1 || names_section) {
                    return found(html_heading, None).map_or(Walk::Section, Walk::Title);
                }
                // Below a logo, a smaller heading is the tagline, not the title.
                if let Some(logo) = logo.clone().filter(|_| heading.level > 1) {
                    return Walk::Title(Title::Block(logo));
                }
                if !names_section {
                    return Walk::Title(Title::Heading(heading_index));
                }
                if let Some(logo) = logo {
                    return Walk::Title(Title::Block(logo));
                }
                if heading.level == 1 {
                    return Walk::Title(Title::Heading(heading_index));
                }
                return Walk::Section;
            }
            // A banner drawn in text (figlet letters in a code block) is a logo.
            BlockKind::Code if is_text_art(block_text) => {
                if logo_allowed {
                    logo.get_or_insert(block.range.clone());
                }
                continue;
            }
            _ => return found(html_heading, logo).map_or(Walk::Prose(index), Walk::Title),
        }
    }
    found(html_heading, logo).map_or(Walk::End, Walk::Title)
}

/// True when a heading shows only images (`# ![logo](logo.png)`, `# <img src=...>`):
/// a picture made big, not a heading a reader reads.
pub fn is_picture_heading(text: &str, document: &Document, heading: &Heading) -> bool {
    let content = heading.text_range.clone();
    let inside = |range: &Range<usize>| content.start <= range.start && range.end <= content.end;
    // Links and HTML are in document order: only those that start in the heading are
    // looked at, so that asking this of every heading stays linear.
    let links = &document.links[document
        .links
        .partition_point(|link| link.range.start < content.start)..];
    let links = &links[..links.partition_point(|link| link.range.start < content.end)];
    let html = &document.html[document
        .html
        .partition_point(|html| html.range.start < content.start)..];
    let html = &html[..html.partition_point(|html| html.range.start < content.end)];
    let has_image = links.iter().any(|link| link.is_image && inside(&link.range))
        || (memchr::memmem::find(text[content.clone()].as_bytes(), b"<").is_some()
            && !crate::html::images(text, content.clone()).is_empty());
    if !has_image {
        return false;
    }
    // What is left once the links, images and inline tags are taken out: no words.
    let mut taken: Vec<Range<usize>> = links
        .iter()
        .map(|link| link.range.clone())
        .chain(
            html.iter()
                .filter(|html| !html.is_block)
                .map(|html| html.range.clone()),
        )
        .filter(inside)
        .collect();
    taken.sort_by_key(|range| range.start);
    let mut cursor = content.start;
    let mut rest = String::new();
    for range in taken {
        if range.start >= cursor {
            rest.push_str(&text[cursor..range.start]);
            cursor = range.end;
        }
    }
    rest.push_str(&text[cursor.min(content.end)..content.end]);
    !rest.chars().any(char::is_alphanumeric)
}

/// True when a code block is a picture drawn with characters: three or more lines, made
/// mostly of slashes, underscores and other marks rather than letters and digits.
fn is_text_art(block: &str) -> bool {
    let marks = block.chars().filter(|ch| !ch.is_whitespace()).count();
    let letters = block.chars().filter(|ch| ch.is_alphanumeric()).count();
    block.lines().count() >= 3 && marks >= 40 && letters * 10 < marks * 3
}

/// A heading phrased as a question ("What are type witnesses", "Why?").
fn is_question(text: &str) -> bool {
    let lower = text.trim().to_lowercase();
    lower.ends_with('?')
        || ["what ", "why ", "how ", "when ", "where ", "who "]
            .iter()
            .any(|word| lower.starts_with(word))
}

/// True when a paragraph or quote is a lone name in some styling (`<sup>yoctocolors
/// 🌈</sup>`, `> moize`, `**Name**`): one line of one to three words with no sentence
/// punctuation, that is not a notice's label. A plain line is a tagline or a remark.
fn is_styled_name(text: &str, document: &Document, range: Range<usize>) -> bool {
    let raw = text[range.clone()].trim_start();
    let styled = raw.starts_with(['>', '<', '*', '_', '`']);
    if !styled {
        return false;
    }
    let shown = without_inline_html(text, document, range);
    let shown = shown.trim();
    let shown = shown.strip_prefix('>').unwrap_or(shown);
    if shown.contains('\n') {
        return false;
    }
    let shown: String = shown
        .chars()
        .filter(|ch| !matches!(ch, '*' | '_' | '`' | '~'))
        .collect();
    let shown = shown.trim();
    let words: Vec<&str> = shown.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 3
        && shown.chars().any(char::is_alphanumeric)
        && !shown.ends_with(['.', ':', '!', '?', ','])
        && !shown.starts_with(['[', '!', '<', '#'])
        && !super::prose::NOTICE_LABELS.contains(&shown.to_lowercase().as_str())
}

/// A table's rows below its header (a row of badges under "Linux | Coverage"); other
/// blocks whole.
fn table_body(text: &str, kind: BlockKind, range: Range<usize>) -> Range<usize> {
    if kind != BlockKind::Table {
        return range;
    }
    let block = &text[range.clone()];
    let mut lines = block.split_inclusive('\n');
    let header = lines.next().map_or(0, str::len) + lines.next().map_or(0, str::len);
    (range.start + header).min(range.end)..range.end
}

/// The paragraph's text with its inline HTML tags taken out.
fn without_inline_html(text: &str, document: &Document, range: Range<usize>) -> String {
    let mut out = String::new();
    let mut cursor = range.start;
    for html in document
        .html
        .iter()
        .filter(|html| !html.is_block && range.start <= html.range.start && html.range.end <= range.end)
    {
        if html.range.start >= cursor {
            out.push_str(&text[cursor..html.range.start]);
            out.push(' ');
            cursor = html.range.end;
        }
    }
    out.push_str(&text[cursor.min(range.end)..range.end]);
    out
}

/// True when a paragraph shows nothing: non-breaking spaces, line breaks, empty anchors.
fn is_blank_paragraph(text: &str, document: &Document, range: Range<usize>) -> bool {
    without_inline_html(text, document, range)
        .replace("&nbsp;", " ")
        .trim()
        .is_empty()
}

/// True when a paragraph is inline HTML holding an image (`<a href><img src></a>`) and
/// nothing else to read.
fn is_inline_image(text: &str, document: &Document, range: Range<usize>) -> bool {
    !crate::html::images(text, range.clone()).is_empty()
        && without_inline_html(text, document, range)
            .replace("&nbsp;", " ")
            .chars()
            .all(|ch| ch.is_whitespace() || "|·•-–—".contains(ch))
}

/// True when the block at `range` (a paragraph or a list) holds nothing but links and
/// images, with separators, list markers, emphasis marks and line-break tags around them:
/// a language switcher, a row of badges, "* **[Docs](...)**".
fn only_links(text: &str, document: &Document, range: Range<usize>, need_image: bool) -> bool {
    let mut rest = String::new();
    let mut cursor = range.start;
    let first = document
        .links
        .partition_point(|link| link.range.start < range.start);
    let mut saw_image = false;
    let mut saw_link = false;
    for link in document.links[first..]
        .iter()
        .take_while(|link| link.range.start < range.end)
    {
        if link.range.end > range.end {
            continue;
        }
        saw_image |= link.is_image;
        saw_link = true;
        if link.range.start >= cursor {
            rest.push_str(&text[cursor..link.range.start]);
            cursor = link.range.end;
        }
    }
    rest.push_str(&text[cursor.min(range.end)..range.end]);
    let inline_html = document
        .html
        .iter()
        .filter(|html| !html.is_block && range.start <= html.range.start && html.range.end <= range.end)
        .map(|html| text[html.range.clone()].to_string());
    for tag in inline_html {
        rest = rest.replacen(&tag, " ", 1);
    }
    let separators =
        |ch: char| ch.is_whitespace() || "|·•-–—*_+/:".contains(ch) || ch.is_ascii_digit() || ch == '.';
    let words = rest.split(separators).filter(|word| !word.is_empty()).count();
    // A language switcher names the current language without a link ("English | [中文](...)").
    let links = document.links[first..]
        .iter()
        .take_while(|link| link.range.start < range.end)
        .count();
    let few_words = words == 0 || (!need_image && links >= 2 && words <= 3);
    (saw_image || (!need_image && saw_link)) && few_words
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
