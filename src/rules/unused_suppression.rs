//! RL001 unused-suppression: a suppression comment that hides nothing, or names no rule.
//!
//! It can only be judged after every other rule has run, so the engine calls
//! [`findings`] instead of [`Rule::check`].

use super::{Category, Fixable, LintContext, Options, Rule, RuleMeta};
use crate::diagnostic::{Finding, Severity};
use crate::document::{BlockKind, Document};
use crate::fix::{Edit, Fix};
use crate::source::SourceText;
use crate::suppress::{Directive, DirectiveKind};

pub struct UnusedSuppression;

pub static META: RuleMeta = RuleMeta {
    code: "RL001",
    name: "unused-suppression",
    category: Category::Document,
    default_severity: Severity::Warning,
    enabled_by_default: true,
    fixable: Fixable::Sometimes,
    summary: "A suppression comment hides no finding or names an unknown rule",
    doc: include_str!("../../rules/docs/unused-suppression.md"),
};

impl Rule for UnusedSuppression {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    /// Judged by the engine once the other rules' findings are known (see [`findings`]).
    fn check(&self, _context: &LintContext<'_>, _options: &Options, _findings: &mut Vec<Finding>) {}
}

/// Findings for directives that named unknown rules or hid nothing.
pub fn findings(
    directives: &[Directive],
    source: &SourceText,
    document: &Document,
    enabled_rules: &[bool],
) -> Vec<Finding> {
    let mut findings = Vec::new();
    let own_index = super::index_of(META.name);
    for directive in directives {
        for name in &directive.unknown {
            let hint = crate::config::error::suggestion(name, &crate::config::file::rule_keys());
            findings.push(
                Finding::new(
                    directive.range.clone(),
                    format!("unknown rule `{name}` in a suppression comment"),
                )
                .help(hint),
            );
        }
        // A comment naming only rules that are off would hide nothing by design; say so
        // only when at least one rule it names could have fired.
        let could_fire = directive.rules.as_ref().is_none_or(|rules| {
            rules
                .iter()
                .any(|&index| enabled_rules.get(index).copied().unwrap_or(false))
        });
        // A comment that names this rule is about these findings; it is never "unused".
        let names_this_rule = directive
            .rules
            .as_ref()
            .is_some_and(|rules| own_index.is_some_and(|own| rules.contains(&own)));
        if directive.kind != DirectiveKind::Enable
            && !directive.used
            && directive.unknown.is_empty()
            && could_fire
            && !names_this_rule
        {
            findings.push(
                Finding::new(
                    directive.range.clone(),
                    "this suppression comment hides no finding",
                )
                .help("remove it")
                .fix(removal(directive, source, document)),
            );
        }
    }
    // Comments that name this rule hide its findings too.
    if let Some(own) = own_index {
        let naming_this_rule = crate::suppress::Coverage::new(directives, |directive| {
            directive.rules.as_ref().is_some_and(|rules| rules.contains(&own))
        });
        findings.retain(|finding| !naming_this_rule.covers(own, source.line_of(finding.range.start)));
    }
    findings
}

/// Removes a comment that is a top-level block of its own (alone on its lines, not
/// indented), keeping the blocks around it apart as the comment did: with a blank line on
/// both sides, its lines and one blank line go; with one on one side, its lines go; with
/// none, its lines become one blank line, since deleting them would join a paragraph above
/// to the text below (or make that paragraph a setext heading, or an indented code block
/// below it a paragraph's continuation). Between two lists or two code blocks the comment is what keeps them
/// apart (a common trick to start a new list), so removing it is unsafe.
fn removal(directive: &Directive, source: &SourceText, document: &Document) -> Option<Fix> {
    let text = source.text();
    let first = source.line_of(directive.range.start);
    let last = source.line_of(directive.range.end.saturating_sub(1).max(directive.range.start));
    let line_start = source.line_start(first);
    let line_end = source.line_content(last).end;
    let at_line_start =
        line_start == directive.range.start || (first == 1 && source.bom_len() == directive.range.start);
    if !at_line_start || !text[directive.range.end..line_end].trim().is_empty() {
        return None;
    }
    let block_index = document.blocks.iter().position(|block| {
        block.kind == BlockKind::Html
            && block.range.start <= directive.range.start
            && directive.range.end <= block.range.end
    })?;
    let block = &document.blocks[block_index];
    if text[block.range.clone()].trim() != text[directive.range.clone()].trim() {
        return None;
    }
    let is_blank = |line: usize| text[source.line_content(line)].trim().is_empty();
    let blank_before = first == 1 || is_blank(first - 1);
    let blank_after = last >= source.line_count() || is_blank(last + 1);
    let next_line_start = source.line_start(last + 1).min(text.len());
    let edit = match (blank_before, blank_after) {
        // Also take one following blank line so no double blank line is left behind.
        (true, true) => Edit::delete(line_start..source.line_start(last + 2).min(text.len())),
        // A blank line on one side keeps the neighbours apart once the lines are gone.
        (true, false) | (false, true) => Edit::delete(line_start..next_line_start),
        (false, false) => Edit::delete(line_start..line_end),
    };
    let neighbours_join = |kind: fn(&BlockKind) -> bool| {
        block_index > 0
            && kind(&document.blocks[block_index - 1].kind)
            && document
                .blocks
                .get(block_index + 1)
                .is_some_and(|next| kind(&next.kind))
    };
    let separates =
        neighbours_join(|kind| *kind == BlockKind::List) || neighbours_join(|kind| *kind == BlockKind::Code);
    let title = "remove the unused suppression comment";
    Some(if separates {
        Fix::unsafe_(title, vec![edit])
    } else {
        Fix::safe(title, vec![edit])
    })
}
