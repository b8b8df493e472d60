//! A date found by the grammar before it is turned into a public `FoundDate`; built on the
//! stack so that rejected candidates allocate nothing.

use super::DateContext;
use super::value::{DateValue, Invalid, check_value};

/// Token letters of the pattern language: a written word made only of these is bracketed when
/// it is copied into a pattern as literal text.
pub(crate) const TOKEN_LETTERS: &[u8] = b"YMDdoHmsSZQ";

/// A pattern under construction in a fixed buffer.
#[derive(Clone, Copy)]
pub(crate) struct Fmt {
    buf: [u8; 160],
    len: usize,
}

impl Fmt {
    pub fn new() -> Self {
        Fmt {
            buf: [0; 160],
            len: 0,
        }
    }

    /// Appends pattern text as is (tokens or already-escaped literals).
    pub fn push(&mut self, s: &str) -> &mut Self {
        self.push_bytes(s.as_bytes());
        self
    }

    fn push_bytes(&mut self, s: &[u8]) {
        let n = s.len().min(self.buf.len() - self.len);
        self.buf[self.len..self.len + n].copy_from_slice(&s[..n]);
        self.len += n;
    }

    /// Appends written text as a literal: spacing (including a soft line break) becomes one
    /// space, and letter runs that could be read as tokens are bracketed.
    pub fn lit(&mut self, s: &[u8]) -> &mut Self {
        let mut i = 0;
        while i < s.len() {
            let c = s[i];
            if matches!(c, b' ' | b'\t' | b'\r' | b'\n') || (c == 0xC2 && s.get(i + 1) == Some(&0xA0)) {
                while i < s.len()
                    && (matches!(s[i], b' ' | b'\t' | b'\r' | b'\n')
                        || (s[i] == 0xC2 && s.get(i + 1) == Some(&0xA0))
                        || (s[i] == 0xA0 && i > 0 && s[i - 1] == 0xC2))
                {
                    i += 1;
                }
                self.push_bytes(b" ");
            } else if c.is_ascii_alphabetic() {
                let start = i;
                while i < s.len() && s[i].is_ascii_alphabetic() {
                    i += 1;
                }
                let word = &s[start..i];
                if word.iter().all(|b| TOKEN_LETTERS.contains(b)) {
                    self.push_bytes(b"[");
                    self.push_bytes(word);
                    self.push_bytes(b"]");
                } else {
                    self.push_bytes(word);
                }
            } else if c == b'[' || c == b']' {
                // Brackets delimit literals in patterns; keep them out of the literal text.
                i += 1;
            } else {
                self.push_bytes(&s[i..i + 1]);
                i += 1;
            }
        }
        self
    }

    /// Appends another pattern.
    pub fn append(&mut self, other: &Fmt) -> &mut Self {
        self.push_bytes(other.as_bytes());
        self
    }

    /// The same pattern with numeric day and month tokens exchanged (`MM/DD` to `DD/MM`).
    pub fn with_day_and_month_swapped(&self) -> Fmt {
        let mut swapped = *self;
        for byte in &mut swapped.buf[..swapped.len] {
            *byte = match *byte {
                b'M' => b'D',
                b'D' => b'M',
                other => other,
            };
        }
        swapped
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.buf[..self.len]
    }

    pub fn to_string_lossy(self) -> String {
        String::from_utf8_lossy(self.as_bytes()).into_owned()
    }
}

/// A date candidate accepted by the grammar.
#[derive(Clone, Copy)]
pub(crate) struct Hit {
    pub start: usize,
    pub end: usize,
    pub value: DateValue,
    pub range_end: Option<DateValue>,
    pub fmt: Fmt,
    pub alts: [Option<DateValue>; 2],
    pub invalid: Option<Invalid>,
    /// A context the grammar already knows (a copyright year list, a range).
    pub context: Option<DateContext>,
}

impl Hit {
    pub fn new(start: usize, end: usize, value: DateValue, fmt: Fmt) -> Self {
        Hit {
            start,
            end,
            value,
            range_end: None,
            fmt,
            alts: [None; 2],
            invalid: None,
            context: None,
        }
    }

    pub fn with_range_end(mut self, end: Option<DateValue>) -> Self {
        self.range_end = end;
        if end.is_some() {
            self.context = Some(DateContext::Range);
        }
        self
    }

    pub fn with_context(mut self, c: DateContext) -> Self {
        self.context = Some(c);
        self
    }

    pub fn add_alt(&mut self, v: DateValue) {
        if v == self.value || self.alts.contains(&Some(v)) {
            return;
        }
        if let Some(slot) = self.alts.iter_mut().find(|a| a.is_none()) {
            *slot = Some(v);
        }
    }

    /// Fills `invalid` from the calendar when the grammar did not set a reason.
    pub fn checked(mut self) -> Self {
        if self.invalid.is_none() {
            self.invalid = check_value(&self.value).or_else(|| self.range_end.as_ref().and_then(check_value));
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_are_normalised_and_escaped() {
        let mut f = Fmt::new();
        f.push("D")
            .lit(b" \r\n of ")
            .push("MMMM")
            .lit(b" [T] ")
            .lit(b"Do");
        assert_eq!(f.as_bytes(), b"D of MMMM T [Do]");
    }

    #[test]
    fn alternatives_are_distinct() {
        let mut h = Hit::new(0, 1, DateValue::MonthDay(1, 2), Fmt::new());
        h.add_alt(DateValue::MonthDay(1, 2));
        h.add_alt(DateValue::MonthDay(2, 1));
        h.add_alt(DateValue::MonthDay(2, 1));
        assert_eq!(h.alts, [Some(DateValue::MonthDay(2, 1)), None]);
    }
}
