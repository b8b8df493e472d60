//! RL304 stale-date: a "last updated" or "as of" date older than the policy allows.

use super::{Category, Fixable, LintContext, Options, Rule, RuleMeta, parse_options};
use crate::dates::DateContext;
use crate::dates::style::{latest, possible_values};
use crate::diagnostic::{Finding, Severity};

pub struct StaleDate;

static META: RuleMeta = RuleMeta {
    code: "RL304",
    name: "stale-date",
    category: Category::Dates,
    default_severity: Severity::Warning,
    enabled_by_default: false,
    fixable: Fixable::Never,
    summary: "An \"as of\" claim about the present is dated older than dates.max-age",
    doc: include_str!("../../rules/docs/stale-date.md"),
};

#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
struct StaleOptions {
    /// Also report old "Last updated: DATE" stamps. Off by default: a stamp says when the
    /// text was written, which stays true however old it is (generated READMEs carry the
    /// date of their release).
    stamps: bool,
}

impl Rule for StaleDate {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_options(&self, options: &Options) -> Result<(), String> {
        parse_options::<StaleOptions>(options).map(|_| ())
    }

    fn check(&self, context: &LintContext<'_>, options: &Options, findings: &mut Vec<Finding>) {
        let options: StaleOptions = parse_options(options).unwrap_or_default();
        let policy = &context.policy.dates;
        let today = context.today();
        let text = context.text();
        for found in context.dates() {
            if found.context != DateContext::LastUpdated || found.invalid.is_some() {
                continue;
            }
            match freshness(text, found.range.clone()) {
                Freshness::Claim => {}
                Freshness::Stamp if options.stamps => {}
                Freshness::Stamp | Freshness::History => continue,
            }
            // A partial date is stale only once its last possible day is too old, and an
            // ambiguous one only when every reading is.
            let values = match found.range_end {
                Some(end) => vec![end],
                None => possible_values(found, policy.order),
            };
            let stale = values.iter().all(|value| {
                latest(*value)
                    .and_then(|last_day| last_day.checked_add(policy.max_age).ok())
                    .is_some_and(|expires| expires < today)
            });
            if !stale {
                continue;
            }
            let written = &context.text()[found.range.clone()];
            findings.push(
                Finding::new(
                    found.range.clone(),
                    format!("`{written}` is more than {} before today ({today})", policy.max_age_text),
                )
                .help("check the text is still true and update the date, or remove the note: git records when the file changed"),
            );
        }
    }
}

/// What a dated freshness note says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Freshness {
    /// "As of January 2022, version 7 is the fastest": a claim about the present that
    /// goes stale.
    Claim,
    /// "Last updated: 2023-11-07": when the text was written.
    Stamp,
    /// "As of spring 2017 a few terminals began supporting ...": history, told in the past.
    History,
}

/// Reads the sentence around the date at `range` (a sentence may wrap over lines; a blank
/// line, a list item or a heading ends it).
fn freshness(text: &str, range: std::ops::Range<usize>) -> Freshness {
    // A sentence is read within a few hundred bytes of its date: scanning to the start
    // and end of a file written on one line, for each date, would be quadratic.
    let mut reach_start = range.start.saturating_sub(400);
    while !text.is_char_boundary(reach_start) {
        reach_start += 1;
    }
    let mut reach_end = (range.end + 400).min(text.len());
    while !text.is_char_boundary(reach_end) {
        reach_end -= 1;
    }
    let boundary_before = |at: usize| -> usize {
        let head = &text[reach_start..at];
        [
            head.rfind(". "),
            head.rfind("! "),
            head.rfind("? "),
            head.rfind("\n\n"),
            head.rfind("\n- "),
            head.rfind("\n* "),
            head.rfind("\n#"),
        ]
        .into_iter()
        .flatten()
        .max()
        .map_or(reach_start, |index| reach_start + index + 1)
    };
    let sentence_start = boundary_before(range.start);
    let mut window_start = sentence_start.max(range.start.saturating_sub(80));
    while !text.is_char_boundary(window_start) {
        window_start += 1;
    }
    let before = text[window_start..range.start].to_lowercase();
    let tail = &text[range.end..reach_end];
    let sentence_end = [
        tail.find(". "),
        tail.find(".\n"),
        tail.find("! "),
        tail.find("? "),
        tail.find("\n\n"),
    ]
    .into_iter()
    .flatten()
    .min()
    .map_or(reach_end, |at| range.end + at);
    let sentence = text[sentence_start..sentence_end]
        .replace('\n', " ")
        .to_lowercase();
    // Words of a stamp ("Last updated:", "Last update", "Last checked", "Generated on"),
    // matched as whole words ("unmodified" is not a stamp).
    let stamp_words = [
        "updated",
        "update",
        "modified",
        "revised",
        "edited",
        "generated",
        "published",
        "checked",
        "reviewed",
        "tested",
        "verified",
        "refreshed",
        "retrieved",
        "accessed",
    ];
    if before
        .split(|ch: char| !ch.is_alphanumeric())
        .any(|word| stamp_words.contains(&word))
    {
        return Freshness::Stamp;
    }
    let past = [
        "was",
        "were",
        "began",
        "had",
        "became",
        "started",
        "introduced",
        "used to",
        "did",
        "went",
        "added",
        "released",
        "announced",
    ];
    let has_past = sentence
        .split(|ch: char| !ch.is_alphanumeric() && ch != ' ')
        .flat_map(|part| part.split(' '))
        .any(|word| past.contains(&word))
        || sentence.contains("used to");
    if has_past {
        Freshness::History
    } else {
        Freshness::Claim
    }
}

#[cfg(test)]
mod tests {
    use super::{Freshness, freshness};

    fn read(text: &str, date: &str) -> Freshness {
        let start = text.find(date).unwrap();
        freshness(text, start..start + date.len())
    }

    #[test]
    fn stamps_are_whole_words() {
        assert_eq!(read("Last checked: 2024-03-03", "2024-03-03"), Freshness::Stamp);
        assert_eq!(
            read("Last update: March 3, 2024", "March 3, 2024"),
            Freshness::Stamp
        );
        assert_eq!(
            read("Unmodified as of 2024-03-03, the API is stable.", "2024-03-03"),
            Freshness::Claim
        );
    }

    #[test]
    fn claims_stamps_and_history() {
        assert_eq!(
            read(
                "Used by ~50,000 packages as of January 1, 2020.",
                "January 1, 2020"
            ),
            Freshness::Claim
        );
        assert_eq!(
            read("As of January 2022, version 7 is the fastest.", "January 2022"),
            Freshness::Claim
        );
        assert_eq!(
            read(
                "* Last updated: Tue, 07 Nov 2023 15:11:36 GMT",
                "Tue, 07 Nov 2023"
            ),
            Freshness::Stamp
        );
        assert_eq!(
            read(
                "As of spring 2017 a few terminals began supporting it.",
                "spring 2017"
            ),
            Freshness::History
        );
        assert_eq!(
            read(
                "As of\nspring 2017 a few terminals\nbegan supporting it.",
                "spring 2017"
            ),
            Freshness::History
        );
    }
}
