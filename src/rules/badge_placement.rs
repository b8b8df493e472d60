//! RL209 badge-placement: badges belong in one block right after the title,
//! without a heading of their own.

use super::{Category, Fixable, LintContext, Options, Rule, RuleMeta};
use crate::badges::{BadgeKind, Place};
use crate::diagnostic::{Finding, Severity};
use crate::document::BlockKind;
use std::collections::BTreeMap;
use std::ops::Range;

pub struct BadgePlacement;

static META: RuleMeta = RuleMeta {
    code: "RL209",
    name: "badge-placement",
    category: Category::Badges,
    default_severity: Severity::Warning,
    enabled_by_default: false,
    fixable: Fixable::Never,
    summary: "Badges have a heading of their own, or sit away from the title",
    doc: include_str!("../../rules/docs/badge-placement.md"),
};

impl Rule for BadgePlacement {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, _options: &Options, findings: &mut Vec<Finding>) {
        let text = context.text();
        let document = context.document;
        let catalog = context.policy.badges.catalog();
        let mut by_block: BTreeMap<usize, BlockBadges> = BTreeMap::new();
        for badge in context.badges() {
            if let Some(block) = badge.block {
                let entry = by_block.entry(block).or_default();
                entry.ranges.push(badge.range.clone());
                entry.in_body |= badge.place == Place::Body;
                entry.status &= badge.kind(&catalog).is_some_and(is_status_kind);
            }
        }
        let badge_blocks: Vec<usize> = by_block
            .iter()
            .filter(|(block, badges)| badge_only(text, &document.blocks[**block], &badges.ranges))
            .map(|(block, _)| *block)
            .collect();
        if badge_blocks.is_empty() {
            return;
        }
        let mut reported: Vec<usize> = Vec::new();
        // A heading that names badges and whose section holds nothing but badges.
        let top: Vec<(usize, &crate::document::Heading)> = document.top_level_headings().collect();
        for (position, (index, heading)) in top.iter().enumerate() {
            if Some(*index) == context.title_index() || !names_badges(&heading.text) {
                continue;
            }
            let end = top
                .get(position + 1)
                .map_or(text.len(), |(_, next)| next.range.start);
            let content = heading.range.end..end;
            let blocks: Vec<usize> = document
                .blocks
                .iter()
                .enumerate()
                .filter(|(_, block)| block.range.start >= content.start && block.range.start < content.end)
                .map(|(block, _)| block)
                .collect();
            if !blocks.is_empty() && blocks.iter().all(|block| badge_blocks.contains(block)) {
                findings.push(
                    Finding::new(
                        heading.range.clone(),
                        format!(
                            "the badges have a heading of their own (`{}`)",
                            heading.text.trim()
                        ),
                    )
                    .help("put the badges right after the title and remove the heading"),
                );
                reported.extend(blocks);
            }
        }
        // A block of status badges further down, under a section heading. A single
        // badge (a chat room, a code style) may belong to the text around it.
        for block in badge_blocks {
            let badges = &by_block[&block];
            if reported.contains(&block) || !badges.in_body || !badges.status || badges.ranges.len() < 2 {
                continue;
            }
            let range = document.blocks[block].range.clone();
            let Some(position) = top
                .iter()
                .rposition(|(_, heading)| heading.range.start < range.start)
            else {
                continue;
            };
            let (index, heading) = top[position];
            // Under a level-1 heading (a second title, a Markdown title after an HTML
            // one), or under the first heading after the title (a README titled by an
            // `##`, a subtitle), the badges are still at the top.
            let first_after_title = top[..position]
                .iter()
                .all(|(earlier, _)| Some(*earlier) == context.title_index());
            if heading.level == 1 || first_after_title || Some(index) == context.title_index() {
                continue;
            }
            let message = format!(
                "a block of badges sits under `{}`, away from the title",
                heading.text.trim()
            );
            let line_end = text[range.clone()]
                .find(['\n', '\r'])
                .map_or(range.end, |end| range.start + end);
            findings.push(
                Finding::new(range.start..line_end, message).help("move the badges right after the title"),
            );
        }
    }
}

struct BlockBadges {
    ranges: Vec<Range<usize>>,
    in_body: bool,
    /// Every badge tells the project's status (build, coverage, version, ...).
    status: bool,
}

impl Default for BlockBadges {
    fn default() -> Self {
        Self {
            ranges: Vec::new(),
            in_body: false,
            status: true,
        }
    }
}

fn is_status_kind(kind: BadgeKind) -> bool {
    !matches!(kind, BadgeKind::Chat | BadgeKind::Social)
}

/// A heading such as "Badges", "Status" or "Build status".
fn names_badges(heading: &str) -> bool {
    heading
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .any(|word| matches!(word, "badge" | "badges" | "status" | "shields" | "build" | "ci"))
}

/// True when a paragraph or HTML block holds badges and nothing else but markup,
/// spaces and separators.
fn badge_only(text: &str, block: &crate::document::Block, badges: &[Range<usize>]) -> bool {
    if !matches!(block.kind, BlockKind::Paragraph | BlockKind::Html) || badges.is_empty() {
        return false;
    }
    let mut rest = String::new();
    let mut cursor = block.range.start;
    let mut sorted = badges.to_vec();
    sorted.sort_by_key(|range| range.start);
    for range in sorted {
        if range.start >= cursor {
            rest.push_str(&text[cursor..range.start.min(block.range.end)]);
        }
        cursor = cursor.max(range.end);
    }
    if cursor < block.range.end {
        rest.push_str(&text[cursor..block.range.end]);
    }
    crate::html::strip_markup(&rest, 0..rest.len())
        .replace("&nbsp;", "")
        .chars()
        .all(|c| c.is_whitespace() || matches!(c, '|' | '·' | '•' | '-' | '\\' | ','))
}
