//! Just enough URL handling for badges: where the scheme, host, path and query
//! sit in the text (as byte ranges, so a fix can rewrite one part), percent
//! decoding and encoding, and the query's parameters.

use std::ops::Range;

/// The parts of an absolute (or protocol-relative) URL, as ranges of its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlParts {
    /// `http`, `https`, ...; `None` for `//host/path`.
    pub scheme: Option<Range<usize>>,
    /// Without user info and port.
    pub host: Range<usize>,
    /// From the `/` after the host to the `?` or `#`; may be empty.
    pub path: Range<usize>,
    /// After the `?`, up to a `#`.
    pub query: Option<Range<usize>>,
    /// After the `#`.
    pub fragment: Option<Range<usize>>,
}

/// One `key=value` of a query string, as ranges of the URL text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryParam {
    pub key: Range<usize>,
    /// Empty (at the end of the key) when the parameter has no `=`.
    pub value: Range<usize>,
    /// The whole `key=value`.
    pub whole: Range<usize>,
}

impl UrlParts {
    /// Parses `scheme://[user@]host[:port][/path][?query][#fragment]` or
    /// `//host/...`. Relative URLs, `mailto:` and the like give `None`.
    pub fn parse(url: &str) -> Option<UrlParts> {
        let (scheme, authority_start) = if url.starts_with("//") {
            (None, 2)
        } else {
            // The scheme ends at the first `:` (it cannot hold one), which `//` follows.
            let colon = memchr::memchr(b':', url.as_bytes())?;
            if !url[colon..].starts_with("://") {
                return None;
            }
            let scheme = &url[..colon];
            if scheme.is_empty()
                || !scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
            {
                return None;
            }
            (Some(0..colon), colon + 3)
        };
        let rest = &url[authority_start..];
        let authority_len = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let authority = &rest[..authority_len];
        let host_start = authority.rfind('@').map_or(0, |at| at + 1);
        let host_part = &authority[host_start..];
        let host_len = match host_part.rfind(':') {
            Some(colon) if host_part[colon + 1..].chars().all(|c| c.is_ascii_digit()) => colon,
            _ => host_part.len(),
        };
        if host_len == 0 {
            return None;
        }
        let host = authority_start + host_start..authority_start + host_start + host_len;
        let path_start = authority_start + authority_len;
        let after_path = url[path_start..]
            .find(['?', '#'])
            .map_or(url.len(), |index| path_start + index);
        let query = if url[after_path..].starts_with('?') {
            let end = url[after_path..]
                .find('#')
                .map_or(url.len(), |index| after_path + index);
            Some(after_path + 1..end)
        } else {
            None
        };
        let fragment = url[after_path..]
            .find('#')
            .map(|index| after_path + index + 1..url.len());
        Some(UrlParts {
            scheme,
            host,
            path: path_start..after_path,
            query,
            fragment,
        })
    }

    /// The path's segments between `/`s; a trailing `/` adds no empty segment.
    pub fn path_segments(&self, url: &str) -> Vec<Range<usize>> {
        let path = self.path.clone();
        let mut segments = Vec::new();
        if path.is_empty() {
            return segments;
        }
        let mut start = path.start + 1;
        while start <= path.end {
            let end = url[start..path.end]
                .find('/')
                .map_or(path.end, |index| start + index);
            segments.push(start..end);
            start = end + 1;
        }
        if segments.last().is_some_and(|last| last.is_empty()) {
            segments.pop();
        }
        segments
    }

    /// The host in lowercase.
    pub fn host_lowercase(&self, url: &str) -> String {
        url[self.host.clone()].to_ascii_lowercase()
    }

    /// True for `http://`.
    pub fn is_plain_http(&self, url: &str) -> bool {
        self.scheme
            .as_ref()
            .is_some_and(|scheme| url[scheme.clone()].eq_ignore_ascii_case("http"))
    }

    /// The query's parameters, in order.
    pub fn query_params(&self, url: &str) -> Vec<QueryParam> {
        let Some(query) = self.query.clone() else {
            return Vec::new();
        };
        let mut params = Vec::new();
        let mut start = query.start;
        while start <= query.end {
            let end = url[start..query.end]
                .find('&')
                .map_or(query.end, |index| start + index);
            if end > start {
                let (key, value) = match url[start..end].find('=') {
                    Some(eq) => (start..start + eq, start + eq + 1..end),
                    None => (start..end, end..end),
                };
                params.push(QueryParam {
                    key,
                    value,
                    whole: start..end,
                });
            }
            start = end + 1;
        }
        params
    }

    /// The first parameter named `name` (compared as decoded text).
    pub fn query_param(&self, url: &str, name: &str) -> Option<QueryParam> {
        self.query_params(url)
            .into_iter()
            .find(|param| percent_decode(&url[param.key.clone()]) == name)
    }
}

/// Decodes `%XX` escapes; invalid escapes and invalid UTF-8 are kept as written.
pub fn percent_decode(text: &str) -> String {
    if !text.contains('%') {
        return text.to_string();
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'%'
            && index + 2 < bytes.len()
            && let (Some(high), Some(low)) = (hex_value(bytes[index + 1]), hex_value(bytes[index + 2]))
        {
            out.push(high * 16 + low);
            index += 3;
            continue;
        }
        out.push(bytes[index]);
        index += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

fn hex_value(byte: u8) -> Option<u8> {
    match byte {
        b'0'..=b'9' => Some(byte - b'0'),
        b'a'..=b'f' => Some(byte - b'a' + 10),
        b'A'..=b'F' => Some(byte - b'A' + 10),
        _ => None,
    }
}

/// Percent-encodes everything but unreserved characters and `keep`.
pub fn percent_encode(text: &str, keep: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        if ch.is_ascii_alphanumeric() || matches!(ch, '-' | '.' | '_' | '~') || keep.contains(ch) {
            out.push(ch);
        } else {
            let mut buffer = [0; 4];
            for byte in ch.encode_utf8(&mut buffer).bytes() {
                out.push_str(&format!("%{byte:02X}"));
            }
        }
    }
    out
}

/// Encodes a path segment (keeps the characters that need no escape in a path).
pub fn encode_path_segment(text: &str) -> String {
    percent_encode(text, "!$'()*+,;=:@")
}

/// Encodes a query value.
pub fn encode_query_value(text: &str) -> String {
    percent_encode(text, "!$'()*,;:@/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_of_badge_urls() {
        let url = "https://user@img.shields.io:443/badge/a-b-c.svg?style=flat&x#frag";
        let parts = UrlParts::parse(url).unwrap();
        assert_eq!(&url[parts.host.clone()], "img.shields.io");
        assert_eq!(&url[parts.path.clone()], "/badge/a-b-c.svg");
        assert_eq!(&url[parts.query.clone().unwrap()], "style=flat&x");
        let params = parts.query_params(url);
        assert_eq!(params.len(), 2);
        assert_eq!(&url[params[0].value.clone()], "flat");
        assert_eq!(&url[params[1].key.clone()], "x");
        assert!(params[1].value.is_empty());
        assert!(!parts.is_plain_http(url));

        let bare = UrlParts::parse("//example.com").unwrap();
        assert_eq!(bare.scheme, None);
        assert!(bare.path.is_empty());
        assert_eq!(UrlParts::parse("docs/x.svg"), None);
        assert_eq!(UrlParts::parse("mailto:x@y"), None);
        assert!(
            UrlParts::parse("HTTP://X.org/a")
                .unwrap()
                .is_plain_http("HTTP://X.org/a")
        );
    }

    #[test]
    fn percent_coding() {
        assert_eq!(percent_decode("CI%20build+x%2"), "CI build+x%2");
        assert_eq!(percent_decode("%E2%9C%93"), "✓");
        assert_eq!(encode_path_segment("my flow.yml"), "my%20flow.yml");
        assert_eq!(encode_query_value("a b&c"), "a%20b%26c");
    }
}
