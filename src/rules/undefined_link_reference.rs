//! RL407 undefined-link-reference: a `[text][label]` reference has no definition.

use super::{Category, Fixable, LintContext, Options, Rule, RuleMeta};
use crate::diagnostic::{Finding, Severity};
use crate::document::normalize_label;
use crate::fix::{Applicability, Edit, Fix};
use crate::references::{ReferenceKind, Scan, code, written_label};
use std::collections::{HashMap, HashSet};

pub struct UndefinedLinkReference;

static META: RuleMeta = RuleMeta {
    code: "RL407",
    name: "undefined-link-reference",
    category: Category::Links,
    default_severity: Severity::Warning,
    enabled_by_default: true,
    fixable: Fixable::Suggests,
    summary: "A `[text][label]` reference has no definition",
    doc: include_str!("../../rules/docs/undefined-link-reference.md"),
};

impl Rule for UndefinedLinkReference {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, _options: &Options, findings: &mut Vec<Finding>) {
        let text = context.text();
        if memchr::memmem::find(text.as_bytes(), b"][").is_none() || every_pair_is_a_link(context) {
            return;
        }
        let scan = context.link_references();
        for undefined in undefined_references(context, scan) {
            let reference = &scan.references[undefined.reference];
            let written = written_label(&text[reference.label.clone()]);
            let shown = code(&format!("[{written}]"));
            let finding = Finding::new(
                reference.range.clone(),
                format!("link reference {shown} has no definition"),
            );
            let finding = if let Some(stray) = undefined.stray {
                let line = context.source.line_of(stray);
                finding.help(format!(
                    "no definition {shown}: the one on line {line} goes on the paragraph above it, so it shows as text; put a blank line before it"
                ))
            } else if let Some(near) = undefined.suggestion {
                let near = written_label(&text[scan.definitions[near].label.clone()]);
                let edit = match reference.kind {
                    // `[label][]`: keep the text, name the label.
                    ReferenceKind::Collapsed => Edit::insert(reference.range.end - 1, near.clone()),
                    _ => Edit::replace(reference.label.clone(), near.clone()),
                };
                let near_shown = code(&format!("[{near}]"));
                finding
                    .help(format!("no definition {shown}; did you mean {near_shown}?"))
                    .fix(Some(Fix::new(
                        format!("use the label {near_shown}"),
                        Applicability::DisplayOnly,
                        vec![edit],
                    )))
            } else if is_rust_path(&written) {
                finding.help(format!(
                    "no definition {shown}: rustdoc resolves this intra-doc link, a README's renderer does not and shows the brackets as text; add a line {} (a docs.rs URL), or write the link inline",
                    code(&format!("[{written}]: URL"))
                ))
            } else {
                finding.help(format!(
                    "no definition {shown}: add a line {}, or write the link inline; as it is, the brackets show as text",
                    code(&format!("[{written}]: URL"))
                ))
            };
            findings.push(finding);
        }
    }
}

/// A full or collapsed reference whose label nothing defines.
pub(super) struct Undefined {
    /// Index into [`Scan::references`].
    pub reference: usize,
    /// Where a line that looks like its definition goes on a paragraph, being text.
    pub stray: Option<usize>,
    /// Index into [`Scan::definitions`]: the defined label it probably means.
    pub suggestion: Option<usize>,
}

/// The references this rule reports, in document order.
pub(super) fn undefined_references(context: &LintContext<'_>, scan: &Scan) -> Vec<Undefined> {
    let text = context.text();
    let mut undefined = Vec::new();
    if !scan
        .references
        .iter()
        .any(|reference| reference.kind != ReferenceKind::Shortcut)
    {
        return undefined;
    }
    // Every label defined anywhere, loosely read ones included; the first wins.
    let mut defined: HashMap<&str, usize> = HashMap::new();
    for (index, definition) in scan.definitions.iter().enumerate() {
        defined.entry(definition.key.as_str()).or_insert(index);
    }
    // What comrak made a link of (a definition this scan did not read).
    let resolved: HashSet<(usize, usize)> = context
        .document
        .links
        .iter()
        .map(|link| (link.range.start, link.range.end))
        .collect();
    // Lines that look like definitions but are a paragraph's text, by label.
    let mut strays: HashMap<&str, usize> = HashMap::new();
    for stray in &scan.strays {
        strays.entry(stray.key.as_str()).or_insert(stray.range.start);
    }
    let mut suggester = Suggester::new(&defined);
    for (index, reference) in scan.references.iter().enumerate() {
        if reference.kind == ReferenceKind::Shortcut {
            continue;
        }
        let label = &text[reference.label.clone()];
        let key = normalize_label(label);
        // Footnotes (`[text][^1]`) and alerts (`[!NOTE][]`) are no link references.
        if key.starts_with('^')
            || key.starts_with('!')
            || defined.contains_key(key.as_str())
            || resolved.contains(&(reference.range.start, reference.range.end))
            || looks_like_code(text, reference.range.clone(), label)
        {
            continue;
        }
        let stray = strays.get(key.as_str()).copied();
        undefined.push(Undefined {
            reference: index,
            stray,
            suggestion: if stray.is_none() {
                suggester.suggest(&key)
            } else {
                None
            },
        });
    }
    undefined
}

/// Brackets that are code written in prose, not a link: right after a word or a call
/// (`matrix[i][j]`, `f(x)[0][1]`), optional arguments (`parse(text[, options])`), a
/// regular expression's classes (`[a-z_][a-z0-9_]{0,31}`).
fn looks_like_code(text: &str, range: std::ops::Range<usize>, label: &str) -> bool {
    let after_word = text[..range.start]
        .chars()
        .next_back()
        .is_some_and(|before| before.is_alphanumeric() || matches!(before, '_' | ')' | ']'));
    let optional_argument = label.trim_start().starts_with(',');
    let source = &text[range.clone()];
    let regex = ["a-z", "A-Z", "0-9"].iter().any(|class| source.contains(class))
        || text[range.end..].starts_with('{');
    after_word || optional_argument || regex
}

/// A Rust path, as in rustdoc's intra-doc links (`[Vec][std::vec::Vec]`), which a
/// README copied from crate docs keeps.
fn is_rust_path(label: &str) -> bool {
    let path = label.trim_matches('`');
    path.contains("::") && !path.contains("://") && !path.contains(char::is_whitespace)
}

/// The longest labels compared by edit distance, in characters.
const FUZZY_MAX_CHARS: usize = 64;

/// Edit-distance cells one file may spend on suggestions, so that a file of many
/// undefined references and many definitions stays linear.
const FUZZY_BUDGET: usize = 2_000_000;

/// Finds the defined label nearest to an undefined one.
struct Suggester<'d> {
    /// Defined labels (normalized) with their first definition, in document order.
    labels: Vec<(&'d str, usize)>,
    /// Labels by their letters and digits alone, for `[build-status]` against `[Build Status]`.
    squashed: HashMap<String, usize>,
    cache: HashMap<String, Option<usize>>,
    budget: usize,
}

impl<'d> Suggester<'d> {
    fn new(defined: &HashMap<&'d str, usize>) -> Self {
        let mut labels: Vec<(&str, usize)> = defined.iter().map(|(key, index)| (*key, *index)).collect();
        labels.sort_unstable_by_key(|(_, index)| *index);
        let mut squashed = HashMap::new();
        for (key, index) in &labels {
            let squashed_key = squash(key);
            if !squashed_key.is_empty() {
                squashed.entry(squashed_key).or_insert(*index);
            }
        }
        Self {
            labels,
            squashed,
            cache: HashMap::new(),
            budget: FUZZY_BUDGET,
        }
    }

    /// The definition of the nearest defined label: one that differs only in
    /// punctuation and spacing, else one within edit distance 1 of a label of 3
    /// characters or more, or 2 of one of 8 or more (so that `[1]` does not suggest
    /// `[2]`, nor `[Hash]` `[Hasher]`).
    fn suggest(&mut self, key: &str) -> Option<usize> {
        if let Some(found) = self.cache.get(key) {
            return *found;
        }
        let squashed = squash(key);
        let mut found = (!squashed.is_empty())
            .then(|| self.squashed.get(&squashed).copied())
            .flatten();
        let length = key.chars().count();
        if found.is_none() && length <= FUZZY_MAX_CHARS {
            let mut best: Option<(usize, usize)> = None;
            for (label, index) in &self.labels {
                let other = label.chars().count();
                if other.abs_diff(length) > 2 || other > FUZZY_MAX_CHARS {
                    continue;
                }
                let cost = (length + 1) * (other + 1);
                if cost > self.budget {
                    break;
                }
                self.budget -= cost;
                let distance = strsim::osa_distance(key, label);
                let shorter = length.min(other);
                if (distance == 1 && shorter >= 3 || distance == 2 && shorter >= 8)
                    && best.is_none_or(|(known, _)| distance < known)
                {
                    best = Some((distance, *index));
                }
            }
            found = best.map(|(_, index)| index);
        }
        self.cache.insert(key.to_string(), found);
        found
    }
}

/// The letters and digits of a label, lowercase.
fn squash(label: &str) -> String {
    label
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// True when every `][` of the text lies in a link comrak resolved (a badge written
/// `[![alt][image]][link]`) or in code: then no reference lacks its definition, and the
/// full scan is not needed.
fn every_pair_is_a_link(context: &LintContext<'_>) -> bool {
    let mut ranges: Vec<&std::ops::Range<usize>> =
        context.document.links.iter().map(|link| &link.range).collect();
    ranges.sort_by_key(|range| range.start);
    // The furthest end of the ranges that start at or before each one.
    let mut reach = Vec::with_capacity(ranges.len());
    let mut furthest = 0;
    for range in &ranges {
        furthest = furthest.max(range.end);
        reach.push(furthest);
    }
    memchr::memmem::find_iter(context.text().as_bytes(), b"][").all(|at| {
        let before = ranges.partition_point(|range| range.start <= at);
        (before > 0 && reach[before - 1] > at + 1) || context.document.in_code(at)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;
    use crate::source::SourceText;

    /// (the reference's source, message, help, the suggestion applied).
    fn findings(text: &str) -> Vec<(String, String, String, Option<String>)> {
        let source = SourceText::new(text.to_string());
        let document = Document::parse(&source);
        let policy = crate::config::recommended_policy();
        let facts = crate::facts::ProjectFacts::default();
        let context = LintContext::new(&source, &document, &facts, &policy);
        let mut findings = Vec::new();
        UndefinedLinkReference.check(&context, &Options::new(), &mut findings);
        findings
            .into_iter()
            .map(|finding| {
                let fixed = finding.fix.as_ref().map(|fix| {
                    let mut fix = fix.clone();
                    fix.applicability = Applicability::Safe;
                    crate::fix::apply_fixes(text, &[&fix]).text
                });
                (
                    text[finding.range.clone()].to_string(),
                    finding.message,
                    finding.help.unwrap_or_default(),
                    fixed,
                )
            })
            .collect()
    }

    #[test]
    fn reports_full_and_collapsed_references_without_definition() {
        let text = "See [the guide][guide] and [Docs][].\n\n[guide]: https://x.y/guide\n";
        let found = findings(text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "[Docs][]");
        assert_eq!(found[0].1, "link reference `[Docs]` has no definition");
        assert!(found[0].2.starts_with("no definition `[Docs]`: add a line"));
        assert_eq!(found[0].3, None);
    }

    #[test]
    fn suggests_the_nearest_label() {
        let text = "[Read it][labl], ![logo][Build-Status] and [Gude][].\n\n\
                    [label]: https://x\n[build status]: https://ci.svg\n[guide]: /g\n";
        let found = findings(text);
        assert_eq!(found.len(), 3, "{found:?}");
        assert_eq!(found[0].2, "no definition `[labl]`; did you mean `[label]`?");
        assert_eq!(
            found[0].3.as_deref(),
            Some(
                "[Read it][label], ![logo][Build-Status] and [Gude][].\n\n\
                 [label]: https://x\n[build status]: https://ci.svg\n[guide]: /g\n"
            )
        );
        assert_eq!(found[1].0, "![logo][Build-Status]");
        assert_eq!(
            found[1].2,
            "no definition `[Build-Status]`; did you mean `[build status]`?"
        );
        assert_eq!(found[2].2, "no definition `[Gude]`; did you mean `[guide]`?");
        assert!(
            found[2]
                .3
                .as_deref()
                .unwrap()
                .starts_with("[Read it][labl], ![logo][Build-Status] and [Gude][guide].")
        );
    }

    #[test]
    fn a_definition_under_a_line_of_text_is_text() {
        let text = "Calculates [Levenshtein distance][ld] between two strings.\n[ld]: https://x.y/ld\n";
        let found = findings(text);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].2,
            "no definition `[ld]`: the one on line 2 goes on the paragraph above it, so it shows as text; put a blank line before it"
        );
    }

    #[test]
    fn labels_with_backticks_are_quoted_whole() {
        let found = findings("Throws a [`RangeError`][].\n");
        assert_eq!(
            found[0].1,
            "link reference `` [`RangeError`] `` has no definition"
        );
    }

    #[test]
    fn code_in_prose_is_not_reported() {
        let text = "### parse([text][, options])\n\nMatches ([a-zA-Z_][a-zA-Z0-9_-]{0,31}).\n\n[x][y]{2}\n";
        assert!(findings(text).is_empty(), "{:?}", findings(text));
    }

    #[test]
    fn rustdoc_links_are_explained() {
        let found = findings("Wraps an [`io::Error`][std::io::Error].\n");
        assert_eq!(
            found[0].2,
            "no definition `[std::io::Error]`: rustdoc resolves this intra-doc link, a README's renderer does not and shows the brackets as text; add a line `[std::io::Error]: URL` (a docs.rs URL), or write the link inline"
        );
    }

    #[test]
    fn short_labels_get_no_guess() {
        let found = findings("[a][3] [b][`Hash`]\n\n[1]: /one\n[2]: /two\n[`Hasher`]: /h\n");
        assert_eq!(found.len(), 2);
        assert!(found[0].2.contains("add a line `[3]: URL`"));
        assert!(found[1].2.contains("add a line"), "{}", found[1].2);
    }

    #[test]
    fn shortcuts_tasks_footnotes_alerts_and_code_are_not_reported() {
        let text = "- [ ] todo\n- [x] done\n\n> [!NOTE]\n> Careful.\n\nA note[^1] and [brackets] and `[a][b]`.\n\n\
                    ```\n[x][y]\n```\n\n<div>[p][q]</div>\n\nmatrix[i][j] and f(x)[0][1].\n\n[^1]: Text.\n";
        assert!(findings(text).is_empty(), "{:?}", findings(text));
    }

    #[test]
    fn definitions_in_containers_count() {
        let text = "- [one][a]\n\n  [a]: https://a\n\n> [two][b]\n>\n> [b]: https://b\n\n[three][c]\n\n[^n]: x\n    [c]: https://c\n";
        assert!(findings(text).is_empty(), "{:?}", findings(text));
    }

    #[test]
    fn nested_badges_are_read_inside_out() {
        let text = "[![CI][ci-badge]][ci-link]\n\n[ci-badge]: https://ci.svg\n";
        let found = findings(text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].1, "link reference `[ci-link]` has no definition");
    }
}
