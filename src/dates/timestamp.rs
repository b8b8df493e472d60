//! Clock-time tails that belong to a date's span: ISO 8601 `T` times, the `:HH:MM:SS +zzzz` of
//! web-server logs, and the zone names inside ctime stamps.

use super::hit::FormatBuilder;
use super::pattern::Token;
use super::text::{at, is_alpha_at, is_digit_at, number};

/// Reads `HH:MM[:SS[.fff]]` at `start` into the format; returns its end.
fn clock(bytes: &[u8], start: usize, format: &mut FormatBuilder) -> Option<usize> {
    let hours = number(bytes, start)?;
    if hours.len() != 2 || hours.val > 24 || at(bytes, hours.end) != b':' {
        return None;
    }
    let minutes = number(bytes, hours.end + 1)?;
    if minutes.len() != 2 || minutes.val > 59 {
        return None;
    }
    format.token(Token::Hour).text(b":").token(Token::Minute);
    let mut end = minutes.end;
    // A second of 60 is a leap second.
    if at(bytes, end) == b':'
        && let Some(seconds) = number(bytes, end + 1)
        && seconds.len() == 2
        && seconds.val <= 60
    {
        format.text(b":").token(Token::Second);
        end = seconds.end;
        let separator = at(bytes, end);
        if (separator == b'.' || separator == b',')
            && let Some(fraction) = number(bytes, end + 1)
            && fraction.len() <= 9
        {
            format
                .text(&[separator])
                .token(Token::Fraction(fraction.len() as u8));
            end = fraction.end;
        }
    }
    Some(end)
}

/// A numeric zone offset `+hh:mm`, `+hhmm` or `+hh` at `start`; returns its end.
fn offset(bytes: &[u8], start: usize) -> Option<usize> {
    if !matches!(at(bytes, start), b'+' | b'-') {
        return None;
    }
    let hours = number(bytes, start + 1)?;
    match hours.len() {
        4 => Some(hours.end),
        2 if at(bytes, hours.end) == b':' => number(bytes, hours.end + 1)
            .filter(|minutes| minutes.len() == 2)
            .map(|minutes| minutes.end),
        2 => Some(hours.end),
        _ => None,
    }
}

/// An ISO 8601 time after a date: `T08:15:30`, `T13:15:30Z`, `T23:45:00.487+01:00`. The format
/// is extended only when a time is read.
pub(crate) fn iso_time(bytes: &[u8], start: usize, format: &mut FormatBuilder) -> Option<usize> {
    if !matches!(at(bytes, start), b'T' | b't') || !is_digit_at(bytes, start + 1) {
        return None;
    }
    let mut extended = *format;
    extended.bracketed(b"T");
    let mut end = clock(bytes, start + 1, &mut extended)?;
    if matches!(at(bytes, end), b'Z' | b'z') && !is_alpha_at(bytes, end + 1) {
        end += 1;
        extended.token(Token::Zone);
    } else if let Some(offset_end) = offset(bytes, end) {
        end = offset_end;
        extended.token(Token::Zone);
    }
    *format = extended;
    Some(end)
}

/// A web-server log time after a date: `:06:36:02` and an optional ` +0200`. The format is
/// extended only when a time is read.
pub(crate) fn log_time(bytes: &[u8], start: usize, format: &mut FormatBuilder) -> Option<usize> {
    if at(bytes, start) != b':' {
        return None;
    }
    let mut extended = *format;
    extended.text(b":");
    let mut end = clock(bytes, start + 1, &mut extended)?;
    if at(bytes, end) == b' '
        && let Some(offset_end) = offset(bytes, end + 1)
    {
        extended.text(b" ").token(Token::Zone);
        end = offset_end;
    }
    *format = extended;
    Some(end)
}

/// A time-zone abbreviation (2-5 capitals: `EDT`, `GMT`, `CEST`) at `start`; returns its end.
pub(crate) fn zone_name(bytes: &[u8], start: usize) -> Option<usize> {
    let mut end = start;
    while end < bytes.len() && bytes[end].is_ascii_uppercase() && end - start < 6 {
        end += 1;
    }
    ((2..=5).contains(&(end - start)) && !bytes.get(end).is_some_and(u8::is_ascii_alphanumeric))
        .then_some(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_times() {
        let mut format = FormatBuilder::new();
        format
            .token(Token::Year4)
            .text(b"-")
            .token(Token::Month2)
            .text(b"-")
            .token(Token::Day2);
        let text = b"xT23:45:00.487+01:00 ";
        assert_eq!(iso_time(text, 1, &mut format), Some(20));
        assert_eq!(format.build().to_string(), "YYYY-MM-DD[T]HH:mm:ss.SSSZ");
        let mut format = FormatBuilder::new();
        assert_eq!(iso_time(b"T13:15:30Z", 0, &mut format), Some(10));
        let mut format = FormatBuilder::new();
        assert_eq!(iso_time(b"T1", 0, &mut format), None);
        assert_eq!(format.build().to_string(), "");
    }

    #[test]
    fn log_times_and_zones() {
        let mut format = FormatBuilder::new();
        assert_eq!(log_time(b":06:36:02 +0200", 0, &mut format), Some(15));
        assert_eq!(format.build().to_string(), ":HH:mm:ss Z");
        assert_eq!(zone_name(b"EDT 2023", 0), Some(3));
        assert_eq!(zone_name(b"Edt", 0), None);
    }
}
