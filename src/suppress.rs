//! Suppression comments:
//! `<!-- readme-lint-disable RULE... -->` ... `<!-- readme-lint-enable RULE... -->`,
//! `-disable-next-line`, `-disable-line` and `-disable-file`. No rule list means every rule.

use crate::diagnostic::{Diagnostic, Finding};
use crate::document::{BlockKind, Document};
use crate::fix::{Edit, Fix};
use crate::html;
use crate::rules;
use crate::source::SourceText;
use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DirectiveKind {
    Disable,
    Enable,
    DisableLine,
    DisableNextLine,
    DisableFile,
}

/// One suppression comment.
#[derive(Debug, Clone)]
pub struct Directive {
    pub kind: DirectiveKind,
    /// The comment's bytes.
    pub range: Range<usize>,
    /// Rule indices; `None` means every rule.
    pub rules: Option<Vec<rules::RuleId>>,
    /// Names in the comment that are not rules.
    pub unknown: Vec<String>,
    /// Lines (1-based, end exclusive) where the listed rules are off.
    pub lines: Range<usize>,
    /// Rules an `enable` comment turned back on from a line on (for `disable` blocks).
    pub reenabled: Vec<(rules::RuleId, usize)>,
    /// True once it has hidden a finding.
    pub used: bool,
}

const PREFIX: &str = "readme-lint-";

/// Reads every suppression comment outside code.
pub fn parse(source: &SourceText, document: &Document) -> Vec<Directive> {
    let text = source.text();
    let mut directives = Vec::new();
    for html in &document.html {
        for comment in html::comments(text, html.range.clone()) {
            let range = comment.range.clone();
            let Some(rest) = comment.body(text).strip_prefix(PREFIX) else {
                continue;
            };
            let (word, list) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
            let kind = match word {
                "disable" => DirectiveKind::Disable,
                "enable" => DirectiveKind::Enable,
                "disable-line" => DirectiveKind::DisableLine,
                "disable-next-line" => DirectiveKind::DisableNextLine,
                "disable-file" => DirectiveKind::DisableFile,
                _ => continue,
            };
            let mut rule_indices = Vec::new();
            let mut unknown = Vec::new();
            for name in list
                .split([',', ' ', '\t', '\n', '\r'])
                .filter(|name| !name.is_empty())
            {
                match rules::RuleId::find(name) {
                    Some(id) => rule_indices.push(id),
                    None => unknown.push(name.to_string()),
                }
            }
            // A name given twice counts once, so every check of a comment's rules stays short.
            rule_indices.sort_unstable();
            rule_indices.dedup();
            unknown.sort_unstable();
            unknown.dedup();
            let rules = if rule_indices.is_empty() && unknown.is_empty() {
                None
            } else {
                Some(rule_indices)
            };
            let first_line = source.line_of(range.start);
            let last_line = source.line_of(range.end.saturating_sub(1).max(range.start));
            let lines = match kind {
                DirectiveKind::DisableFile => 1..usize::MAX,
                DirectiveKind::DisableLine => first_line..last_line + 1,
                DirectiveKind::DisableNextLine => last_line + 1..last_line + 2,
                DirectiveKind::Disable => first_line..usize::MAX,
                DirectiveKind::Enable => first_line..first_line,
            };
            directives.push(Directive {
                kind,
                range,
                rules,
                unknown,
                lines,
                reenabled: Vec::new(),
                used: false,
            });
        }
    }
    directives.sort_by_key(|directive| directive.range.start);
    close_disabled_ranges(&mut directives);
    directives
}

/// An `enable` naming no rule ends every earlier open `disable`; one naming rules
/// turns just those rules back on, leaving the others in the block disabled.
///
/// The open blocks are kept per rule, so each (block, rule) pair is handled once, however
/// many comments a README holds.
fn close_disabled_ranges(directives: &mut [Directive]) {
    let rule_count = rules::RULES.len();
    let mut open: Vec<usize> = Vec::new();
    let mut open_for_rule: Vec<Vec<usize>> = vec![Vec::new(); rule_count];
    // Listed rules of each block not yet turned back on.
    let mut still_off: Vec<usize> = directives
        .iter()
        .map(|directive| directive.rules.as_ref().map_or(usize::MAX, Vec::len))
        .collect();
    for index in 0..directives.len() {
        match directives[index].kind {
            DirectiveKind::Disable => {
                open.push(index);
                match &directives[index].rules {
                    None => open_for_rule.iter_mut().for_each(|blocks| blocks.push(index)),
                    Some(listed) => listed
                        .iter()
                        .for_each(|&rule| open_for_rule[rule.index()].push(index)),
                }
            }
            DirectiveKind::Enable => {
                let enable_line = directives[index].lines.start;
                match directives[index].rules.clone() {
                    None => {
                        for earlier in open.drain(..) {
                            if directives[earlier].lines.end == usize::MAX {
                                directives[earlier].lines.end = enable_line;
                            }
                        }
                        open_for_rule.iter_mut().for_each(Vec::clear);
                    }
                    Some(enabled) => {
                        for rule in enabled {
                            for earlier in std::mem::take(&mut open_for_rule[rule.index()]) {
                                let block = &mut directives[earlier];
                                if block.lines.end != usize::MAX {
                                    continue;
                                }
                                block.reenabled.push((rule, enable_line));
                                if block.rules.is_some() {
                                    still_off[earlier] -= 1;
                                    if still_off[earlier] == 0 {
                                        block.lines.end = enable_line;
                                    }
                                }
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }
}

/// Where suppression comments hide findings, per rule, as sorted runs of lines, so that
/// asking about a finding costs a binary search instead of a look at every comment.
#[derive(Debug, Default)]
pub struct Coverage {
    /// Lines hidden for every rule.
    all: Vec<Range<usize>>,
    /// Lines hidden for one rule, by rule index.
    by_rule: Vec<Vec<Range<usize>>>,
}

impl Coverage {
    /// The lines `directives` hide (the ones `keep` accepts).
    pub fn new(directives: &[Directive], keep: impl Fn(&Directive) -> bool) -> Self {
        let rule_count = rules::RULES.len();
        let mut coverage = Coverage {
            all: Vec::new(),
            by_rule: vec![Vec::new(); rule_count],
        };
        for directive in directives.iter().filter(|directive| keep(directive)) {
            if directive.kind == DirectiveKind::Enable || directive.lines.is_empty() {
                continue;
            }
            match &directive.rules {
                None if directive.reenabled.is_empty() => coverage.all.push(directive.lines.clone()),
                None => {
                    for rule in rules::RuleId::all() {
                        coverage.by_rule[rule.index()].push(directive.lines_for(rule));
                    }
                }
                Some(listed) => {
                    for &rule in listed {
                        coverage.by_rule[rule.index()].push(directive.lines_for(rule));
                    }
                }
            }
        }
        merge(&mut coverage.all);
        coverage.by_rule.iter_mut().for_each(merge);
        coverage
    }

    /// True when a finding of `rule` on `line` is hidden.
    pub fn covers(&self, rule: rules::RuleId, line: usize) -> bool {
        let inside = |runs: &[Range<usize>]| {
            let after = runs.partition_point(|run| run.start <= line);
            after > 0 && runs[after - 1].end > line
        };
        inside(&self.all) || self.by_rule.get(rule.index()).is_some_and(|runs| inside(runs))
    }
}

/// Sorts runs of lines and joins the ones that touch or overlap.
fn merge(runs: &mut Vec<Range<usize>>) {
    runs.retain(|run| !run.is_empty());
    runs.sort_unstable_by_key(|run| run.start);
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(runs.len());
    for run in runs.drain(..) {
        match merged.last_mut() {
            Some(last) if run.start <= last.end => last.end = last.end.max(run.end),
            _ => merged.push(run),
        }
    }
    *runs = merged;
}

impl Directive {
    /// The lines where this comment hides `rule` (it may have been turned back on early).
    fn lines_for(&self, rule: rules::RuleId) -> Range<usize> {
        let end = self
            .reenabled
            .iter()
            .filter(|(known, _)| *known == rule)
            .map(|(_, from)| *from)
            .fold(self.lines.end, usize::min);
        self.lines.start..end.max(self.lines.start)
    }

    pub fn covers(&self, rule: rules::RuleId, line: usize) -> bool {
        self.kind != DirectiveKind::Enable
            && self.lines.contains(&line)
            && self.rules.as_ref().is_none_or(|rules| rules.contains(&rule))
            && !self
                .reenabled
                .iter()
                .any(|(reenabled, from)| *reenabled == rule && line >= *from)
    }
}

/// Drops the findings a directive covers and marks those directives used.
pub fn apply(
    diagnostics: Vec<Diagnostic>,
    directives: &mut [Directive],
    source: &SourceText,
) -> Vec<Diagnostic> {
    if directives.is_empty() {
        return diagnostics;
    }
    let coverage = Coverage::new(directives, |_| true);
    let rule_count = rules::RULES.len();
    // The lines of the findings each rule made, sorted, to tell each comment whether it
    // hid anything.
    let mut lines_by_rule: Vec<Vec<usize>> = vec![Vec::new(); rule_count];
    let mut all_lines: Vec<usize> = Vec::new();
    let mut kept = Vec::with_capacity(diagnostics.len());
    for diagnostic in diagnostics {
        let Some(rule) = rules::RuleId::find(diagnostic.rule.name) else {
            kept.push(diagnostic);
            continue;
        };
        let line = source.line_of(diagnostic.range.start);
        if coverage.covers(rule, line) {
            lines_by_rule[rule.index()].push(line);
            all_lines.push(line);
        } else {
            kept.push(diagnostic);
        }
    }
    lines_by_rule.iter_mut().for_each(|lines| lines.sort_unstable());
    all_lines.sort_unstable();
    let any_in = |lines: &[usize], run: Range<usize>| {
        let first = lines.partition_point(|&line| line < run.start);
        first < lines.len() && lines[first] < run.end
    };
    for directive in directives.iter_mut() {
        if directive.kind == DirectiveKind::Enable {
            continue;
        }
        directive.used = match &directive.rules {
            None if directive.reenabled.is_empty() => any_in(&all_lines, directive.lines.clone()),
            None => rules::RuleId::all()
                .any(|rule| any_in(&lines_by_rule[rule.index()], directive.lines_for(rule))),
            Some(listed) => listed
                .iter()
                .any(|&rule| any_in(&lines_by_rule[rule.index()], directive.lines_for(rule))),
        };
    }
    kept
}

/// Findings of `unused-suppression` (RL001): directives that named unknown rules or hid
/// nothing.
pub fn unused_findings(
    directives: &[Directive],
    source: &SourceText,
    document: &Document,
    enabled_rules: &[bool],
) -> Vec<Finding> {
    let mut findings = Vec::new();
    let own = rules::RuleId::of(&rules::unused_suppression::META);
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
                .any(|&id| enabled_rules.get(id.index()).copied().unwrap_or(false))
        });
        // A comment that names this rule is about these findings; it is never "unused".
        let names_this_rule = directive.rules.as_ref().is_some_and(|rules| rules.contains(&own));
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
    let naming_this_rule = crate::suppress::Coverage::new(directives, |directive| {
        directive.rules.as_ref().is_some_and(|rules| rules.contains(&own))
    });
    findings.retain(|finding| !naming_this_rule.covers(own, source.line_of(finding.range.start)));
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

#[cfg(test)]
mod tests {
    use super::*;

    fn directives(text: &str) -> Vec<Directive> {
        let source = SourceText::new(text.to_string());
        let document = Document::parse(&source);
        parse(&source, &document)
    }

    #[test]
    fn reads_every_form() {
        let found = directives(
            "<!-- readme-lint-disable-file missing-section -->\n\n# T\n\n<!-- readme-lint-disable RL107, empty-section -->\n\n## A\n\n<!-- readme-lint-enable -->\n\ntext <!-- readme-lint-disable-line --> x\n",
        );
        assert_eq!(found.len(), 4);
        assert_eq!(found[0].kind, DirectiveKind::DisableFile);
        assert_eq!(found[1].lines, 5..9);
        // RL107 is empty-section: one rule, named twice.
        assert_eq!(found[1].rules.as_ref().unwrap().len(), 1);
        assert_eq!(found[3].kind, DirectiveKind::DisableLine);
        assert!(found[3].rules.is_none());
    }

    #[test]
    fn enabling_one_rule_keeps_the_others_disabled() {
        let found = directives(
            "<!-- readme-lint-disable empty-section, missing-title -->\n\n## A\n\n<!-- readme-lint-enable empty-section -->\n\n## B\n",
        );
        let empty = rules::RuleId::find("empty-section").unwrap();
        let title = rules::RuleId::find("missing-title").unwrap();
        assert!(found[0].covers(empty, 3));
        assert!(!found[0].covers(empty, 7));
        assert!(found[0].covers(title, 7));
    }

    #[test]
    fn unknown_names_are_kept() {
        let found = directives("<!-- readme-lint-disable-next-line no-such-rule -->\n# T\n");
        assert_eq!(found[0].unknown, vec!["no-such-rule".to_string()]);
        assert_eq!(found[0].lines, 2..3);
    }

    #[test]
    fn comments_in_code_are_not_directives() {
        assert!(directives("```\n<!-- readme-lint-disable-file -->\n```\n").is_empty());
    }
}
