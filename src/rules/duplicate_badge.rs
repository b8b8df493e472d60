//! RL211 duplicate-badge: the same badge appears twice.

use super::{Category, Fixable, LintContext, Options, Rule, RuleMeta};
use crate::badges::Place;
use crate::diagnostic::{Finding, Severity};
use crate::document::BlockKind;

pub struct DuplicateBadge;

static META: RuleMeta = RuleMeta {
    code: "RL211",
    name: "duplicate-badge",
    category: Category::Badges,
    default_severity: Severity::Warning,
    enabled_by_default: true,
    fixable: Fixable::Never,
    summary: "The same badge appears more than once",
    doc: include_str!("../../rules/docs/duplicate-badge.md"),
};

impl Rule for DuplicateBadge {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, _options: &Options, findings: &mut Vec<Finding>) {
        let blocks = &context.document.blocks;
        // (URL, where the badge starts, its block, in the header)
        let mut seen: Vec<(String, usize, Option<usize>, bool)> = Vec::new();
        for badge in context.badges() {
            // A table may show the same badge in every row on purpose.
            if badge
                .block
                .is_some_and(|block| blocks[block].kind == BlockKind::Table)
            {
                continue;
            }
            let key = comparable(&badge.image.url);
            let in_header = badge.place != Place::Body;
            // Repeating a badge in another section (a "Sponsors" list, a "Status"
            // section) is a choice; twice in the badge block, or in one block, is a slip.
            let repeated = seen.iter().find(|(known, _, block, header)| {
                *known == key && ((*header && in_header) || (badge.block.is_some() && *block == badge.block))
            });
            match repeated {
                Some((_, first, _, _)) => {
                    let line = context.source.line_of(*first);
                    findings.push(
                        Finding::new(
                            badge.range.clone(),
                            format!("the same badge appears twice (first on line {line})"),
                        )
                        .help("remove one of them"),
                    );
                }
                None => seen.push((key, badge.range.start, badge.block, in_header)),
            }
        }
    }
}

/// The URL without its scheme, with the host in lowercase.
fn comparable(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let rest = rest.trim_start_matches('/');
    match rest.split_once('/') {
        Some((host, path)) => format!("{}/{path}", host.to_ascii_lowercase()),
        None => rest.to_ascii_lowercase(),
    }
}
