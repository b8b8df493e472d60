//! Static shields badges: `/badge/<label>-<message>-<color>` (with `--` for a
//! dash, `__` for an underscore and `_` for a space, plus percent escapes) and
//! `/static/v1?label=&message=&color=`.

use super::catalog::Matched;
use super::url::{UrlParts, percent_decode, percent_encode};
use std::ops::Range;

/// How the badge's text is written in the URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    Path,
    Query,
}

/// A label or message: the text shown, and where it is written in the URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    pub text: String,
    pub range: Range<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaticBadge {
    pub label: Option<Part>,
    pub message: Part,
    pub form: Form,
}

/// Reads a static badge from a URL matched to the `shields-static` service.
pub fn parse(url: &str, matched: &Matched<'_>) -> Option<StaticBadge> {
    if matched.service.def.id != "shields-static" {
        return None;
    }
    if let Some(content) = matched.capture("content") {
        return parse_path(url, content.range.clone());
    }
    if !url[matched.parts.path.clone()].starts_with("/static/v1") {
        return None;
    }
    let parts = UrlParts::parse(url)?;
    let message = parts.query_param(url, "message")?;
    let label = parts.query_param(url, "label").map(|param| Part {
        text: decode_query(&url[param.value.clone()]),
        range: param.value,
    });
    Some(StaticBadge {
        label,
        message: Part {
            text: decode_query(&url[message.value.clone()]),
            range: message.value,
        },
        form: Form::Query,
    })
}

fn parse_path(url: &str, content: Range<usize>) -> Option<StaticBadge> {
    let text = &url[content.clone()];
    let bytes = text.as_bytes();
    // Split at single dashes; `--` is a literal dash.
    let mut parts = Vec::new();
    let mut start = 0;
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'-' {
            if bytes.get(index + 1) == Some(&b'-') {
                index += 2;
                continue;
            }
            parts.push(start..index);
            start = index + 1;
        }
        index += 1;
    }
    parts.push(start..bytes.len());
    let shift = |range: &Range<usize>| content.start + range.start..content.start + range.end;
    let part = |range: &Range<usize>| Part {
        text: decode_path(&text[range.clone()]),
        range: shift(range),
    };
    let (label, message) = match parts.as_slice() {
        [message, _color] => (None, part(message)),
        [label, message, _color] => (Some(part(label)), part(message)),
        _ => return None,
    };
    Some(StaticBadge {
        label: label.filter(|label| !label.text.trim().is_empty()),
        message,
        form: Form::Path,
    })
}

/// The text a path part shows: `__` is `_`, `_` a space, `--` a dash.
fn decode_path(raw: &str) -> String {
    let decoded = percent_decode(raw);
    let mut out = String::with_capacity(decoded.len());
    let mut chars = decoded.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '_' if chars.peek() == Some(&'_') => {
                chars.next();
                out.push('_');
            }
            '_' => out.push(' '),
            '-' if chars.peek() == Some(&'-') => {
                chars.next();
                out.push('-');
            }
            other => out.push(other),
        }
    }
    out
}

fn decode_query(raw: &str) -> String {
    percent_decode(&raw.replace('+', " "))
}

/// Writes `text` as a badge part in `form`, following the escapes `original`
/// (the part as written before) used: `%20` or `_` for spaces, `%2B` or `+`.
pub fn encode(text: &str, original: &str, form: Form) -> String {
    match form {
        Form::Query => percent_encode(text, "!$'()*,;:@/"),
        Form::Path => {
            let percent_space = original.contains("%20");
            let percent_plus = original.contains("%2B") || original.contains("%2b");
            let mut out = String::new();
            for c in text.chars() {
                match c {
                    '-' => out.push_str("--"),
                    '_' => out.push_str("__"),
                    ' ' if percent_space => out.push_str("%20"),
                    ' ' => out.push('_'),
                    '+' if percent_plus => out.push_str("%2B"),
                    '+' | '.' | '~' | '!' | '*' | '(' | ')' | ',' | ';' | ':' | '@' | '=' | '$' | '\'' => {
                        out.push(c)
                    }
                    c if c.is_ascii_alphanumeric() => out.push(c),
                    c => out.push_str(&percent_encode(&c.to_string(), "")),
                }
            }
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::badges::catalog::{CatalogView, Target};

    fn parsed(url: &str) -> Option<StaticBadge> {
        let view = CatalogView::built_in();
        let matched = view.match_url(url, Target::Image)?;
        parse(url, &matched)
    }

    #[test]
    fn reads_labels_and_messages() {
        let badge = parsed("https://img.shields.io/badge/License-MIT%20OR%20Apache--2.0-blue.svg").unwrap();
        assert_eq!(badge.label.unwrap().text, "License");
        assert_eq!(badge.message.text, "MIT OR Apache-2.0");
        let badge = parsed("https://img.shields.io/badge/rustc-1.68+-blue.svg").unwrap();
        assert_eq!(badge.message.text, "1.68+");
        let badge = parsed("https://img.shields.io/badge/node.js-%3E=_16-green.svg").unwrap();
        assert_eq!(badge.message.text, ">= 16");
        let badge = parsed("https://img.shields.io/badge/v1.2.3-blue").unwrap();
        assert!(badge.label.is_none());
        assert_eq!(badge.message.text, "v1.2.3");
        let badge =
            parsed("https://img.shields.io/static/v1?label=python&message=3.8%2B&color=blue").unwrap();
        assert_eq!(badge.label.unwrap().text, "python");
        assert_eq!(badge.message.text, "3.8+");
        assert_eq!(badge.form, Form::Query);
        assert!(parsed("https://img.shields.io/badge/a-b-c-d").is_none());
    }

    #[test]
    fn encodes_like_the_original() {
        assert_eq!(
            encode("MIT OR Apache-2.0", "MIT%20OR%20Apache--2.0", Form::Path),
            "MIT%20OR%20Apache--2.0"
        );
        assert_eq!(
            encode("MIT OR Apache-2.0", "MIT", Form::Path),
            "MIT_OR_Apache--2.0"
        );
        assert_eq!(encode("1.70+", "1.68%2B", Form::Path), "1.70%2B");
        assert_eq!(encode("snake_case", "", Form::Path), "snake__case");
        assert_eq!(encode("3.9+", "3.8%2B", Form::Query), "3.9%2B");
    }
}
