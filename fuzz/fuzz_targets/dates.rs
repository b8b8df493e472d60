//! Finds dates in arbitrary text and checks that the spans lie inside the text, on char
//! boundaries, sorted and not overlapping, and that each found date's `format`, as shown,
//! parses to the pattern the rules read from it (or, like `[[MSD]]`, is no pattern and gives
//! them none). Reads the first line as a date pattern too, and formats found and odd values
//! with it: parsing, writing back and formatting never panic, and a pattern written back
//! parses to the same pattern.

#![no_main]

use libfuzzer_sys::fuzz_target;
use readme_lint::dates::{DateValue, Pattern, find_dates, format_date, parse_pattern};

/// Values at and past the edges of every field.
const ODD_VALUES: &[DateValue] = &[
    DateValue::Year(i32::MIN),
    DateValue::Year(i32::MAX),
    DateValue::Year(-1),
    DateValue::YearMonth(i32::MIN, 0),
    DateValue::YearMonth(i32::MAX, 13),
    DateValue::YearMonth(0, 255),
    DateValue::Date(i32::MIN, 2, 29),
    DateValue::Date(i32::MAX, 12, 31),
    DateValue::Date(i32::MIN, 1, 1),
    DateValue::Date(-1, 3, 1),
    DateValue::Date(2020, 255, 255),
    DateValue::Date(2021, 2, 29),
    DateValue::Date(0, 0, 0),
    DateValue::MonthDay(2, 30),
    DateValue::MonthDay(0, 0),
    DateValue::MonthDay(255, 255),
    DateValue::MonthDay(2, 29),
];

/// A value made of the last bytes of the input, so that the fuzzer can reach any field.
fn value_from_bytes(data: &[u8]) -> Option<DateValue> {
    let tail: &[u8; 7] = data.last_chunk()?;
    let year = i32::from_le_bytes([tail[0], tail[1], tail[2], tail[3]]);
    let (month, day) = (tail[4], tail[5]);
    Some(match tail[6] % 4 {
        0 => DateValue::Year(year),
        1 => DateValue::YearMonth(year, month),
        2 => DateValue::Date(year, month, day),
        _ => DateValue::MonthDay(month, day),
    })
}

fn check_pattern(pattern: &Pattern, values: &[DateValue]) {
    for value in values {
        let _ = format_date(value, pattern);
    }
    let written = pattern.to_string();
    match parse_pattern(&written) {
        Ok(again) => assert_eq!(&again, pattern, "{pattern:?} was written back as {written:?}"),
        Err(error) => panic!("{pattern:?} was written back as {written:?}, which does not parse: {error:?}"),
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };

    let found = find_dates(text, &[]);
    let mut previous_end = 0;
    let mut values: Vec<DateValue> = ODD_VALUES.to_vec();
    values.extend(value_from_bytes(data));
    for date in &found {
        let range = &date.range;
        assert!(
            range.start < range.end && range.end <= text.len(),
            "span {range:?} outside a text of {} bytes: {text:?}",
            text.len()
        );
        assert!(
            text.is_char_boundary(range.start) && text.is_char_boundary(range.end),
            "span {range:?} splits a character: {text:?}"
        );
        assert!(
            range.start >= previous_end,
            "span {range:?} overlaps or precedes the one before (ending at {previous_end}): {text:?}"
        );
        previous_end = range.end;
        let shown = date.format.to_string();
        let pattern = date.format.pattern();
        assert_eq!(
            pattern,
            parse_pattern(&shown).ok(),
            "format {shown:?} of {date:?} is not read as it is shown"
        );
        values.push(date.value);
        values.extend(date.range_end);
        values.extend(date.alternatives.iter().copied());
        if let Some(pattern) = pattern {
            check_pattern(&pattern, &[date.value]);
        }
    }

    let first_line = text.lines().next().unwrap_or_default();
    for candidate in [first_line, text] {
        if let Ok(pattern) = parse_pattern(candidate) {
            check_pattern(&pattern, &values);
        }
    }
});
