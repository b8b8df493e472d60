//! Suppression comments:
//! `<!-- readme-lint-disable RULE... -->` ... `<!-- readme-lint-enable RULE... -->`,
//! `-disable-next-line`, `-disable-line` and `-disable-file`. No rule list means every rule.

use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::rules;
use crate::source::SourceText;
use crate::toc::comments_in;
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
    pub rules: Option<Vec<usize>>,
    /// Names in the comment that are not rules.
    pub unknown: Vec<String>,
    /// Lines (1-based, end exclusive) where the listed rules are off.
    pub lines: Range<usize>,
    /// Rules an `enable` comment turned back on from a line on (for `disable` blocks).
    pub reenabled: Vec<(usize, usize)>,
    /// True once it has hidden a finding.
    pub used: bool,
}

const PREFIX: &str = "readme-lint-";

/// Reads every suppression comment outside code.
pub fn parse(source: &SourceText, document: &Document) -> Vec<Directive> {
    let text = source.text();
    let mut directives = Vec::new();
    for html in &document.html {
        for (range, body) in comments_in(text, html.range.clone()) {
            let Some(rest) = body.strip_prefix(PREFIX) else {
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
                match rules::index_of(name) {
                    Some(index) => rule_indices.push(index),
                    None => unknown.push(name.to_string()),
                }
            }
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
fn close_disabled_ranges(directives: &mut [Directive]) {
    for index in 0..directives.len() {
        if directives[index].kind != DirectiveKind::Enable {
            continue;
        }
        let enable_line = directives[index].lines.start;
        let enabled = directives[index].rules.clone();
        for earlier in directives[..index].iter_mut() {
            if earlier.kind != DirectiveKind::Disable || earlier.lines.end != usize::MAX {
                continue;
            }
            match &enabled {
                None => earlier.lines.end = enable_line,
                Some(rules) => {
                    for &rule in rules {
                        let listed = earlier.rules.as_ref().is_none_or(|listed| listed.contains(&rule));
                        let already = earlier.reenabled.iter().any(|(known, _)| *known == rule);
                        if listed && !already {
                            earlier.reenabled.push((rule, enable_line));
                        }
                    }
                    let all_reenabled = earlier.rules.as_ref().is_some_and(|listed| {
                        listed
                            .iter()
                            .all(|rule| earlier.reenabled.iter().any(|(known, _)| known == rule))
                    });
                    if all_reenabled {
                        earlier.lines.end = earlier
                            .reenabled
                            .iter()
                            .map(|(_, line)| *line)
                            .max()
                            .unwrap_or(enable_line);
                    }
                }
            }
        }
    }
}

impl Directive {
    pub fn covers(&self, rule_index: usize, line: usize) -> bool {
        self.kind != DirectiveKind::Enable
            && self.lines.contains(&line)
            && self
                .rules
                .as_ref()
                .is_none_or(|rules| rules.contains(&rule_index))
            && !self
                .reenabled
                .iter()
                .any(|(rule, from)| *rule == rule_index && line >= *from)
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
    diagnostics
        .into_iter()
        .filter(|diagnostic| {
            let Some(rule_index) = rules::index_of(diagnostic.rule.name) else {
                return true;
            };
            let line = source.line_of(diagnostic.range.start);
            let mut suppressed = false;
            for directive in directives.iter_mut() {
                if directive.covers(rule_index, line) {
                    directive.used = true;
                    suppressed = true;
                }
            }
            !suppressed
        })
        .collect()
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
        assert_eq!(found[1].rules.as_ref().unwrap().len(), 2);
        assert_eq!(found[3].kind, DirectiveKind::DisableLine);
        assert!(found[3].rules.is_none());
    }

    #[test]
    fn enabling_one_rule_keeps_the_others_disabled() {
        let found = directives(
            "<!-- readme-lint-disable empty-section, missing-title -->\n\n## A\n\n<!-- readme-lint-enable empty-section -->\n\n## B\n",
        );
        let empty = rules::index_of("empty-section").unwrap();
        let title = rules::index_of("missing-title").unwrap();
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
