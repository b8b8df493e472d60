//! Badges: finding them in a README ([`extract`]), the catalogue of badge
//! services ([`catalog`], `rules/badges.yml`) and the `badges:` policy
//! ([`config`]). The badge rules (RL2xx) read [`crate::rules::LintContext::badges`].
//!
//! A badge is an image whose URL a known service serves or that looks like a
//! badge, with the link around it: `[![alt](img)](link)`, `![alt](img)`, the
//! reference forms `[![alt][img]][link]`, and `<a href><img src></a>` in HTML.
//! Each URL knows where it is written (an inline destination, a reference
//! definition line, an attribute value), so a fix edits only that text.

pub mod catalog;
pub mod catalog_file;
pub mod config;
mod extract;
pub use extract::markdown_links_where;

pub mod pattern;
pub mod static_badge;
pub mod support;
pub mod url;

pub use catalog::{BadgeKind, Blocked, Catalog, CatalogView, Matched, RewriteFacts, RouteState, Target};
pub use config::{BadgePolicy, BadgesConfig};
pub use extract::extract;

use crate::fix::{Applicability, Edit, Fix};
use std::ops::Range;

/// How a badge is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    /// `![alt](url)`, maybe inside `[...](link)`.
    Inline,
    /// The image or its link is a reference (`![alt][ref]`, `[...][ref]`).
    Reference,
    /// `<img src>`, maybe inside `<a href>`.
    Html,
}

/// Where a badge sits in the README.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// Before the title.
    BeforeTitle,
    /// Between the title and the first heading after it: the badge block.
    Header,
    /// Anywhere after that.
    Body,
}

/// Where a URL is written in the source, and how its text maps to the URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// The bytes of the URL as written (no quotes, no angle brackets).
    pub range: Range<usize>,
    /// For each byte of the decoded URL (and its end), the source offset it
    /// comes from; `None` when the text is the URL itself.
    map: Option<Vec<usize>>,
    /// Written in HTML with `&amp;` for `&`: replacements are escaped the same way.
    escape_ampersands: bool,
}

impl Written {
    /// The source range of `url_range`, a range of the decoded URL.
    pub fn source_range(&self, url_range: Range<usize>) -> Range<usize> {
        match &self.map {
            None => self.range.start + url_range.start..self.range.start + url_range.end,
            Some(map) => map[url_range.start]..map[url_range.end],
        }
    }

    fn encode(&self, text: &str) -> String {
        if self.escape_ampersands {
            text.replace('&', "&amp;")
        } else {
            text.to_string()
        }
    }
}

/// A badge's image or link URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadgeUrl {
    /// The URL with escapes and entities resolved.
    pub url: String,
    /// Where it is written; `None` when its text could not be located exactly
    /// (then no fix is offered).
    pub written: Option<Written>,
    /// True when the URL comes from a reference definition.
    pub by_reference: bool,
}

impl BadgeUrl {
    /// The range to report: where the URL is written, or `fallback`.
    pub fn report_range(&self, fallback: &Range<usize>) -> Range<usize> {
        self.written
            .as_ref()
            .map_or_else(|| fallback.clone(), |written| written.range.clone())
    }

    /// The edit that turns this URL into `new_url`: it replaces the smallest
    /// run of URL parts (between `/`, `?`, `&`, `=`, `#`, `.`, `:`) that differ.
    pub fn edit_to(&self, new_url: &str) -> Option<Edit> {
        let written = self.written.as_ref()?;
        let old = self.url.as_str();
        if old == new_url {
            return None;
        }
        let (start, old_end, new_end) = differing_parts(old, new_url);
        let range = written.source_range(start..old_end);
        Some(Edit::replace(range, written.encode(&new_url[start..new_end])))
    }

    /// A fix that turns this URL into `new_url`.
    pub fn fix_to(
        &self,
        new_url: &str,
        title: impl Into<String>,
        applicability: Applicability,
    ) -> Option<Fix> {
        let edit = self.edit_to(new_url)?;
        Some(Fix::new(title, applicability, vec![edit]))
    }
}

/// The range of `old` (start..old_end) that differs from `new` (start..new_end),
/// widened to whole URL parts.
fn differing_parts(old: &str, new: &str) -> (usize, usize, usize) {
    let is_delimiter = |b: u8| matches!(b, b'/' | b'?' | b'&' | b'=' | b'#' | b'.' | b':');
    let (old_bytes, new_bytes) = (old.as_bytes(), new.as_bytes());
    let mut prefix = old_bytes
        .iter()
        .zip(new_bytes)
        .take_while(|(a, b)| a == b)
        .count();
    let max_suffix = old.len().min(new.len()) - prefix;
    let mut suffix = old_bytes
        .iter()
        .rev()
        .zip(new_bytes.iter().rev())
        .take(max_suffix)
        .take_while(|(a, b)| a == b)
        .count();
    while prefix > 0 && !is_delimiter(old_bytes[prefix - 1]) {
        prefix -= 1;
    }
    while suffix > 0 && !is_delimiter(old_bytes[old.len() - suffix]) {
        suffix -= 1;
    }
    (prefix, old.len() - suffix, new.len() - suffix)
}

/// One badge.
#[derive(Debug, Clone)]
pub struct Badge<'a> {
    /// The whole badge as written, link included.
    pub range: Range<usize>,
    /// The image's alt text.
    pub alt: String,
    pub image: BadgeUrl,
    pub link: Option<BadgeUrl>,
    pub syntax: Syntax,
    pub place: Place,
    /// The top-level block that holds the badge (index into `Document::blocks`).
    pub block: Option<usize>,
    /// The service route the image URL matches.
    pub image_match: Option<Matched<'a>>,
    /// The service route the link URL matches.
    pub link_match: Option<Matched<'a>>,
}

impl Badge<'_> {
    /// What the badge shows: from its service route, its static label, or its alt text.
    pub fn kind(&self, catalog: &CatalogView<'_>) -> Option<BadgeKind> {
        if let Some(kind) = self.image_match.as_ref().and_then(Matched::kind) {
            return Some(kind);
        }
        if let Some(matched) = &self.image_match
            && let Some(parsed) = static_badge::parse(&self.image.url, matched)
            && let Some(label) = &parsed.label
            && let Some(kind) = catalog.kind_from_words(&label.text)
        {
            return Some(kind);
        }
        catalog.kind_from_words(&self.alt)
    }

    /// The range to report a problem with the image URL at.
    pub fn image_range(&self) -> Range<usize> {
        self.image.report_range(&self.range)
    }
}

/// `url` with the values of secret parameters replaced by `…`, for messages.
pub fn redact(url: &str, catalog: &CatalogView<'_>, matched: Option<&Matched<'_>>) -> String {
    let secrets = secret_ranges(url, catalog, matched);
    if secrets.is_empty() {
        return url.to_string();
    }
    let mut out = String::new();
    let mut cursor = 0;
    for range in secrets {
        out.push_str(&url[cursor..range.start]);
        out.push('…');
        cursor = range.end;
    }
    out.push_str(&url[cursor..]);
    out
}

/// The ranges of `url` that hold secrets: values of secret query parameters and
/// captures a service marks secret. Sorted, not overlapping.
pub fn secret_ranges(
    url: &str,
    catalog: &CatalogView<'_>,
    matched: Option<&Matched<'_>>,
) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let service = matched.map(|m| m.service);
    if let Some(parts) = url::UrlParts::parse(url) {
        for param in parts.query_params(url) {
            let key = url::percent_decode(&url[param.key.clone()]);
            if catalog.is_secret_param(&key, service) && !param.value.is_empty() {
                ranges.push(param.value.clone());
            }
        }
    }
    if let Some(matched) = matched {
        for capture in &matched.captures {
            if matched.service.def.secrets.contains(&capture.name) {
                ranges.push(capture.range.clone());
            }
        }
    }
    ranges.sort_by_key(|range| range.start);
    ranges.dedup();
    ranges
}

/// `text` with the values of the catalogue's secret query parameters (such as
/// `circle-token=`) replaced by `*`, byte for byte, so offsets stay valid: for
/// printing source lines (the `human` format's snippets) without the token.
pub fn mask_secrets(text: &str) -> std::borrow::Cow<'_, str> {
    let catalog = CatalogView::built_in();
    let mut masked: Option<Vec<u8>> = None;
    for name in catalog.secret_param_names() {
        let key = format!("{name}=");
        let mut from = 0;
        while let Some(found) = text[from..].find(&key) {
            let start = from + found + key.len();
            let before = text[..from + found].chars().next_back();
            let end = text[start..]
                .find(|c: char| {
                    c.is_whitespace() || matches!(c, '&' | '#' | ')' | '"' | '\'' | '<' | '>' | ']')
                })
                .map_or(text.len(), |index| start + index);
            if matches!(before, Some('?' | '&' | ';')) {
                let bytes = masked.get_or_insert_with(|| text.as_bytes().to_vec());
                bytes[start..end].fill(b'*');
            }
            from = end.max(start);
        }
    }
    match masked {
        // Whole characters were replaced by ASCII, so the bytes are UTF-8.
        Some(bytes) => std::borrow::Cow::Owned(String::from_utf8(bytes).expect("masking keeps UTF-8")),
        None => std::borrow::Cow::Borrowed(text),
    }
}

/// True when a URL holds template placeholders (`{{crate}}`, `<#=x#>`, `${x}`).
pub fn has_placeholder(url: &str) -> bool {
    ["{{", "}}", "<#=", "{%", "${", "%7B%7B", "%7b%7b"]
        .iter()
        .any(|marker| url.contains(marker))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn differing_parts_are_whole() {
        let check = |old: &str, new: &str, replaced: &str, with: &str| {
            let (start, old_end, new_end) = differing_parts(old, new);
            assert_eq!(
                (&old[start..old_end], &new[start..new_end]),
                (replaced, with),
                "{old} -> {new}"
            );
        };
        check("http://x/a", "https://x/a", "http", "https");
        check(
            "https://x/a.svg?branch=master",
            "https://x/a.svg?branch=main",
            "master",
            "main",
        );
        check(
            "https://github.com/o/r/workflows/CI/badge.svg",
            "https://github.com/o/r/actions/workflows/ci.yml/badge.svg",
            "workflows/CI",
            "actions/workflows/ci.yml",
        );
        check("https://x/a", "https://x/a?b", "a", "a?b");
    }

    #[test]
    fn secrets_are_masked_in_place() {
        let text = "[![x](https://dl.circleci.com/a.svg?style=svg&circle-token=CCIPRJ_s3cr3t)](y) circle-token=plain";
        let masked = mask_secrets(text);
        assert_eq!(masked.len(), text.len());
        assert!(masked.contains("&circle-token=*************)"), "{masked}");
        assert!(masked.ends_with("circle-token=plain"), "not in a URL: {masked}");
        assert!(matches!(
            mask_secrets("no secrets"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn placeholders() {
        assert!(has_placeholder("https://img.shields.io/crates/v/{{crate}}.svg"));
        assert!(has_placeholder("https://x/<#=name#>"));
        assert!(!has_placeholder("https://img.shields.io/crates/v/serde.svg"));
    }
}
