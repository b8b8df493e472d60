//! RL105 section-name: a section the policy names is written with an alias.

use super::{Category, Fixable, LintContext, Options, Rule, RuleMeta};
use crate::diagnostic::{Finding, Severity};
use crate::fix::{Edit, Fix};
use crate::sections::normalize_heading;

pub struct SectionName;

static META: RuleMeta = RuleMeta {
    code: "RL105",
    name: "section-name",
    category: Category::Sections,
    default_severity: Severity::Warning,
    enabled_by_default: false,
    fixable: Fixable::Sometimes,
    summary: "A section the policy names uses an alias instead of the canonical heading",
    doc: include_str!("../../rules/docs/section-name.md"),
};

impl Rule for SectionName {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, _options: &Options, findings: &mut Vec<Finding>) {
        let policy = &context.policy.sections;
        let named_by_policy = |name: &str| {
            policy
                .required
                .iter()
                .any(|requirement| requirement.section() == name)
                || policy.order.iter().any(|ordered| ordered == name)
        };
        for (index, heading) in context.document.headings.iter().enumerate() {
            let Some(def) = context.section_def(index) else {
                continue;
            };
            if !named_by_policy(&def.name)
                || normalize_heading(&heading.text) == normalize_heading(&def.heading)
            {
                continue;
            }
            let written = &context.text()[heading.text_range.clone()];
            let message = format!("`{}` should be called `{}`", heading.text.trim(), def.heading);
            // Only plain headings are rewritten: links, code or HTML in the heading would
            // be cut apart by a rename of its words.
            if written.contains(['[', ']', '<', '`', '*', '_', '\\', '&']) {
                findings.push(
                    Finding::new(heading.text_range.clone(), message)
                        .help(format!("rename the heading to `{}`", def.heading)),
                );
                continue;
            }
            // Keep a leading emoji or number and trailing punctuation: only the words change.
            // The words start at the first letter, or at the digits glued to it ("2FA").
            let mut words_start = written.find(char::is_alphabetic).unwrap_or(0);
            while let Some(previous) = written[..words_start].chars().next_back()
                && previous.is_alphanumeric()
            {
                words_start -= previous.len_utf8();
            }
            let words_end = written.rfind(char::is_alphanumeric).map_or(written.len(), |i| {
                i + written[i..].chars().next().map_or(0, char::len_utf8)
            });
            let words_end = words_end.max(words_start);
            let renamed = format!(
                "{}{}{}",
                &written[..words_start],
                def.heading,
                &written[words_end..]
            );
            let new_anchor =
                anchor_after_rename(context, index, &crate::document::inline_anchor_text(&renamed));
            let start = heading.text_range.start;
            let mut edits = vec![Edit::replace(
                start + words_start..start + words_end,
                def.heading.clone(),
            )];
            edits.extend(anchor_link_edits(
                context,
                context.document.anchor(index),
                &new_anchor,
            ));
            findings.push(
                Finding::new(heading.text_range.clone(), message).fix(Some(Fix::unsafe_(
                    format!("rename the heading to `{}`", def.heading),
                    edits,
                ))),
            );
        }
    }
}

/// GitHub's anchor for heading `index` once renamed, counting duplicates as GitHub does.
fn anchor_after_rename(context: &LintContext<'_>, index: usize, new_text: &str) -> String {
    let mut slugger = crate::anchor::Slugger::new();
    let mut result = String::new();
    for (other, heading) in context.document.headings.iter().enumerate() {
        let anchor = slugger.anchor(if other == index {
            new_text
        } else {
            &heading.anchor_text
        });
        if other == index {
            result = anchor;
        }
    }
    result
}

/// Edits that point in-document links (`](#old)`, `[x]: #old`, `href="#old"`) at the new anchor.
fn anchor_link_edits(context: &LintContext<'_>, old: &str, new: &str) -> Vec<Edit> {
    if old == new {
        return Vec::new();
    }
    let text = context.text();
    let needle = format!("#{old}");
    let mut edits = Vec::new();
    let mut cursor = 0;
    while let Some(found) = text[cursor..].find(&needle) {
        let start = cursor + found;
        let end = start + needle.len();
        cursor = end;
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        let opens = matches!(before, Some('(' | '"' | '\'' | ' ' | '<'));
        let closes = matches!(after, Some(')' | '"' | '\'' | '>' | '\n' | '\r' | ' ') | None);
        if opens && closes && !context.document.in_code(start) && is_link_target(text, start) {
            edits.push(Edit::replace(start + 1..end, new));
        }
    }
    edits
}

/// The `#` starts a link destination: after `](`, `href=`, or `]: ` of a definition.
fn is_link_target(text: &str, hash: usize) -> bool {
    let before = text[..hash].trim_end_matches(['"', '\'', '<']);
    before.ends_with("](") || before.ends_with("href=") || {
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let line = before[line_start..].trim_start();
        line.starts_with('[') && line.trim_end().ends_with("]:")
    }
}
