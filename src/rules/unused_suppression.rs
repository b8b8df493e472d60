//! RL001 unused-suppression: a suppression comment that hides nothing, or names no rule.
//!
//! It can only be judged after every other rule has run, so the engine calls
//! [`findings`] instead of [`Rule::check`].

use super::{Category, Fixable, LintContext, Options, Rule, RuleMeta};
use crate::diagnostic::{Finding, Severity};
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
pub fn findings(directives: &[Directive], source: &SourceText, enabled_rules: &[bool]) -> Vec<Finding> {
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
                .fix(removal(directive, source)),
            );
        }
    }
    // Comments that name this rule hide its findings too.
    if let Some(own) = own_index {
        findings.retain(|finding| {
            let line = source.line_of(finding.range.start);
            !directives.iter().any(|directive| {
                directive.rules.as_ref().is_some_and(|rules| rules.contains(&own))
                    && directive.covers(own, line)
            })
        });
    }
    findings
}

/// Removing the comment is safe when it stands alone on its line(s).
fn removal(directive: &Directive, source: &SourceText) -> Option<Fix> {
    let text = source.text();
    let first = source.line_of(directive.range.start);
    let last = source.line_of(directive.range.end.saturating_sub(1).max(directive.range.start));
    let line_start = source.line_start(first);
    let line_end = source.line_content(last).end;
    let alone = text[line_start..directive.range.start].trim().is_empty()
        && text[directive.range.end..line_end].trim().is_empty();
    if !alone {
        return None;
    }
    let mut end = source.line_start(last + 1);
    // Also take one following blank line so no double blank line is left behind.
    let next = source.line_content(last + 1);
    if end < text.len() && text[next.clone()].trim().is_empty() && line_start > 0 {
        end = source.line_start(last + 2);
    }
    Some(Fix::safe(
        "remove the unused suppression comment",
        vec![Edit::delete(line_start..end.min(text.len()))],
    ))
}
