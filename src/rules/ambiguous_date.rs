//! RL302 ambiguous-date: a numeric date whose day and month can swap.

use super::{Category, Fixable, LintContext, Options, Rule, RuleMeta};
use crate::dates::{Token, WrittenFormat};
use crate::diagnostic::{Finding, Severity};

pub struct AmbiguousDate;

static META: RuleMeta = RuleMeta {
    code: "RL302",
    name: "ambiguous-date",
    category: Category::Dates,
    default_severity: Severity::Warning,
    enabled_by_default: true,
    fixable: Fixable::Never,
    summary: "A numeric date reads differently in day-first and month-first countries",
    doc: include_str!("../../rules/docs/ambiguous-date.md"),
};

impl Rule for AmbiguousDate {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, context: &LintContext<'_>, _options: &Options, findings: &mut Vec<Finding>) {
        // With `dates.order` set, the policy says how to read them.
        if context.policy.dates.order.is_some() {
            return;
        }
        // The file's own unambiguous numeric dates tell how it writes them (`21/11/2013`
        // can only be day-first): then its ambiguous ones read the same way.
        let (day_first, month_first) = context
            .dates()
            .iter()
            .filter(|found| found.alternatives.is_empty() && found.invalid.is_none())
            // Only a day past 12 rules out the other order: `05/05/2024` reads the same
            // both ways and says nothing about the file's habit.
            .filter(|found| found.value.day().is_some_and(|day| day > 12))
            .filter_map(|found| numeric_order(&found.format))
            .fold((0, 0), |(day, month), is_day_first| {
                if is_day_first {
                    (day + 1, month)
                } else {
                    (day, month + 1)
                }
            });
        if (day_first > 0) != (month_first > 0) {
            return;
        }
        for found in context.dates() {
            if found.alternatives.is_empty() || found.invalid.is_some() {
                continue;
            }
            if crate::dates::example::example(context.text(), found.range.clone()).is_some() {
                continue;
            }
            let written = &context.text()[found.range.clone()];
            let mut readings = vec![found.value.to_string()];
            readings.extend(found.alternatives.iter().map(ToString::to_string));
            findings.push(
                Finding::new(found.range.clone(), format!("`{written}` can be read as {}", readings.join(" or ")))
                    .help("write the month as a word or use YYYY-MM-DD, or set `dates.order: dmy` or `mdy` in the config"),
            );
        }
    }
}

/// For a numeric date format (`DD/MM/YYYY`, `M/D/YY`): true when the day comes first.
/// `None` for other formats (month names, ISO dates).
fn numeric_order(format: &WrittenFormat) -> Option<bool> {
    let tokens = format.tokens();
    let first = |kinds: &[Token]| tokens.iter().position(|token| kinds.contains(token));
    if first(&[Token::MonthName, Token::MonthAbbr]).is_some() {
        return None;
    }
    let day = first(&[Token::Day1, Token::Day2, Token::DayOrdinal])?;
    let month = first(&[Token::Month1, Token::Month2])?;
    let year = first(&[Token::Year4, Token::Year2])?;
    // Year-first dates (ISO) say nothing about how day and month are ordered elsewhere.
    (year > day.min(month)).then_some(day < month)
}
