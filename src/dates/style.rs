//! What the date rules need beyond finding dates: which reading of a date the policy
//! means, whether a written form can be rewritten, and calendar bounds of a value.

use super::{DateOrder, DateValue, FoundDate, Token, WrittenFormat};

/// True when rewriting the date into another style keeps all it says: a single valid
/// date or year-month, written without a weekday, a quarter or a clock time.
pub fn is_rewritable(found: &FoundDate) -> bool {
    found.invalid.is_none()
        && found.range_end.is_none()
        && matches!(found.value, DateValue::Date(..) | DateValue::YearMonth(..))
        && !found.format.tokens().iter().any(|token| {
            matches!(
                token,
                Token::WeekdayName
                    | Token::WeekdayAbbr
                    | Token::Quarter
                    | Token::Hour
                    | Token::Minute
                    | Token::Second
                    | Token::Fraction(_)
                    | Token::Zone
            )
        })
}

/// The value the author meant: the date itself when it is unambiguous; for a numeric
/// date whose day and month can swap, the reading `order` picks (none without an order).
pub fn reading(found: &FoundDate, order: Option<DateOrder>) -> Option<DateValue> {
    if found.alternatives.is_empty() {
        return Some(found.value);
    }
    let order = order?;
    let written = found.format.tokens();
    let day_at = written
        .iter()
        .position(|token| matches!(token, Token::Day1 | Token::Day2));
    let month_at = written
        .iter()
        .position(|token| matches!(token, Token::Month1 | Token::Month2));
    let read_day_first = matches!((day_at, month_at), (Some(day), Some(month)) if day < month);
    let wants_day_first = order == DateOrder::Dmy;
    if read_day_first == wants_day_first {
        return Some(found.value);
    }
    found.alternatives.iter().copied().find(|alternative| {
        alternative.year() == found.value.year()
            && alternative.day() == found.value.month()
            && alternative.month() == found.value.day()
    })
}

/// Every value the date may mean: the policy's reading when there is one, else the
/// written value and its alternatives. A rule that holds for all of them holds for the date.
pub fn possible_values(found: &FoundDate, order: Option<DateOrder>) -> Vec<DateValue> {
    match reading(found, order) {
        Some(value) => vec![value],
        None => std::iter::once(found.value)
            .chain(found.alternatives.iter().copied())
            .collect(),
    }
}

/// The date's format as the policy reads it: when `dates.order` makes an
/// ambiguous numeric date day-first (or month-first) against the pass's default reading,
/// its day and month tokens swap too (`MM/DD/YYYY` read day-first is `DD/MM/YYYY`).
pub fn effective_format(found: &FoundDate, order: Option<DateOrder>) -> WrittenFormat {
    match reading(found, order) {
        Some(value) if value != found.value => found.format.with_day_and_month_swapped(),
        _ => found.format.clone(),
    }
}

fn civil(year: i32, month: u8, day: u8) -> Option<jiff::civil::Date> {
    jiff::civil::Date::new(
        i16::try_from(year).ok()?,
        i8::try_from(month).ok()?,
        i8::try_from(day).ok()?,
    )
    .ok()
}

/// The first day a value can mean (January 1 of a year, the 1st of a month).
pub fn earliest(value: DateValue) -> Option<jiff::civil::Date> {
    match value {
        DateValue::Year(year) => civil(year, 1, 1),
        DateValue::YearMonth(year, month) => civil(year, month, 1),
        DateValue::Date(year, month, day) => civil(year, month, day),
        DateValue::MonthDay(..) => None,
    }
}

/// The last day a value can mean (December 31 of a year, the last day of a month).
pub fn latest(value: DateValue) -> Option<jiff::civil::Date> {
    match value {
        DateValue::Year(year) => civil(year, 12, 31),
        DateValue::YearMonth(year, month) => civil(year, month, 1).map(|first| first.last_of_month()),
        DateValue::Date(year, month, day) => civil(year, month, day),
        DateValue::MonthDay(..) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::find_dates;

    fn only(text: &str) -> FoundDate {
        let mut found = find_dates(text, &[]);
        assert_eq!(found.len(), 1, "{found:?}");
        found.remove(0)
    }

    #[test]
    fn order_picks_the_reading() {
        let found = only("Released 01/02/2019.");
        assert_eq!(reading(&found, None), None);
        assert_eq!(
            reading(&found, Some(DateOrder::Mdy)),
            Some(DateValue::Date(2019, 1, 2))
        );
        assert_eq!(
            reading(&found, Some(DateOrder::Dmy)),
            Some(DateValue::Date(2019, 2, 1))
        );
        let dotted = only("Released 01.02.2019.");
        assert_eq!(
            reading(&dotted, Some(DateOrder::Dmy)),
            Some(DateValue::Date(2019, 2, 1))
        );
    }

    #[test]
    fn bounds_of_partial_dates() {
        assert_eq!(
            latest(DateValue::YearMonth(2024, 2)),
            Some(jiff::civil::date(2024, 2, 29))
        );
        assert_eq!(
            earliest(DateValue::Year(2020)),
            Some(jiff::civil::date(2020, 1, 1))
        );
        assert_eq!(latest(DateValue::Date(2021, 2, 30)), None);
    }

    #[test]
    fn weekdays_and_times_are_not_rewritten() {
        assert!(is_rewritable(&only("on March 12, 2010 we")));
        assert!(!is_rewritable(&only("on Tuesday, March 12, 2013 we")));
    }
}
