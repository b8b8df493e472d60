//! Clock-time tails that belong to a date's span: ISO 8601 `T` times, the `:HH:MM:SS +zzzz` of
//! web-server logs, and the zone names inside ctime stamps.

use super::hit::FormatBuilder;
use super::pattern::Token;
use super::text::{at, is_alpha_at, is_digit_at, number};

/// Reads `HH:MM[:SS[.fff]]` at `p` into the pattern; returns its end.
fn clock(b: &[u8], p: usize, fmt: &mut FormatBuilder) -> Option<usize> {
    let h = number(b, p)?;
    if h.len() != 2 || h.val > 24 || at(b, h.end) != b':' {
        return None;
    }
    let m = number(b, h.end + 1)?;
    if m.len() != 2 || m.val > 59 {
        return None;
    }
    fmt.token(Token::Hour).text(b":").token(Token::Minute);
    let mut e = m.end;
    if at(b, e) == b':'
        && let Some(s) = number(b, e + 1)
        && s.len() == 2
        && s.val <= 60
    {
        fmt.text(b":").token(Token::Second);
        e = s.end;
        let sep = at(b, e);
        if (sep == b'.' || sep == b',')
            && let Some(f) = number(b, e + 1)
            && f.len() <= 9
        {
            fmt.text(&[sep]).token(Token::Fraction(f.len() as u8));
            e = f.end;
        }
    }
    Some(e)
}

/// A numeric zone offset `+hh:mm`, `+hhmm` or `+hh` at `p`; returns its end.
fn offset(b: &[u8], p: usize) -> Option<usize> {
    if !matches!(at(b, p), b'+' | b'-') {
        return None;
    }
    let h = number(b, p + 1)?;
    match h.len() {
        4 => Some(h.end),
        2 if at(b, h.end) == b':' => number(b, h.end + 1).filter(|m| m.len() == 2).map(|m| m.end),
        2 => Some(h.end),
        _ => None,
    }
}

/// An ISO 8601 time after a date: `T08:15:30`, `T13:15:30Z`, `T23:45:00.487+01:00`.
pub(crate) fn iso_time(b: &[u8], p: usize, fmt: &mut FormatBuilder) -> Option<usize> {
    if !matches!(at(b, p), b'T' | b't') || !is_digit_at(b, p + 1) {
        return None;
    }
    let mut f = *fmt;
    f.bracketed(b"T");
    let mut e = clock(b, p + 1, &mut f)?;
    if matches!(at(b, e), b'Z' | b'z') && !is_alpha_at(b, e + 1) {
        e += 1;
        f.token(Token::Zone);
    } else if let Some(o) = offset(b, e) {
        e = o;
        f.token(Token::Zone);
    }
    *fmt = f;
    Some(e)
}

/// A web-server log time after a date: `:06:36:02` and an optional ` +0200`.
pub(crate) fn log_time(b: &[u8], p: usize, fmt: &mut FormatBuilder) -> Option<usize> {
    if at(b, p) != b':' {
        return None;
    }
    let mut f = *fmt;
    f.text(b":");
    let mut e = clock(b, p + 1, &mut f)?;
    if at(b, e) == b' '
        && let Some(o) = offset(b, e + 1)
    {
        f.text(b" ").token(Token::Zone);
        e = o;
    }
    *fmt = f;
    Some(e)
}

/// A time-zone abbreviation (2-5 capitals: `EDT`, `GMT`, `CEST`) at `p`; returns its end.
pub(crate) fn zone_name(b: &[u8], p: usize) -> Option<usize> {
    let mut e = p;
    while e < b.len() && b[e].is_ascii_uppercase() && e - p < 6 {
        e += 1;
    }
    ((2..=5).contains(&(e - p)) && !b.get(e).is_some_and(u8::is_ascii_alphanumeric)).then_some(e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_times() {
        let mut f = FormatBuilder::new();
        f.token(Token::Year4)
            .text(b"-")
            .token(Token::Month2)
            .text(b"-")
            .token(Token::Day2);
        let t = b"xT23:45:00.487+01:00 ";
        assert_eq!(iso_time(t, 1, &mut f), Some(20));
        assert_eq!(f.build().to_string(), "YYYY-MM-DD[T]HH:mm:ss.SSSZ");
        let mut f = FormatBuilder::new();
        assert_eq!(iso_time(b"T13:15:30Z", 0, &mut f), Some(10));
        let mut f = FormatBuilder::new();
        assert_eq!(iso_time(b"T1", 0, &mut f), None);
        assert_eq!(f.build().to_string(), "");
    }

    #[test]
    fn log_times_and_zones() {
        let mut f = FormatBuilder::new();
        assert_eq!(log_time(b":06:36:02 +0200", 0, &mut f), Some(15));
        assert_eq!(f.build().to_string(), ":HH:mm:ss Z");
        assert_eq!(zone_name(b"EDT 2023", 0), Some(3));
        assert_eq!(zone_name(b"Edt", 0), None);
    }
}
