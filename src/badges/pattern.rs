//! Path patterns and URL templates of the badge catalogue.
//!
//! A pattern is a path whose segments are literals or captures:
//! `{name}` (one segment), `{name?}` (zero or one), `{name+}` (one or more),
//! `{name*}` (zero or more), `{name:a|b}` (one of these), `{name:!a|b}` (none
//! of these). A one-segment capture may have a literal prefix and suffix
//! within its segment, as in `{repo}.svg`. Literals match case-sensitively.
//!
//! A template builds a URL from captures: `{name}` inserts a capture as written,
//! `{/name}` inserts `/` and the capture when there is one, `{name|decode}`
//! inserts it percent-decoded. Query items after `?` (`key=value`, or a bare
//! `key`) whose captures are missing are left out.

use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Repeat {
    One,
    Optional,
    OneOrMore,
    ZeroOrMore,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Constraint {
    OneOf(Vec<String>),
    NoneOf(Vec<String>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Segment {
    Literal(String),
    Capture {
        name: String,
        repeat: Repeat,
        prefix: String,
        suffix: String,
        constraint: Option<Constraint>,
    },
}

/// A compiled path pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathPattern {
    segments: Vec<Segment>,
}

/// A named part of a matched URL, as a byte range of the URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Capture {
    pub name: String,
    pub range: Range<usize>,
}

impl PathPattern {
    pub fn compile(pattern: &str) -> Result<PathPattern, String> {
        let Some(body) = pattern.strip_prefix('/') else {
            return Err(format!("the path pattern `{pattern}` must start with `/`"));
        };
        let mut segments = Vec::new();
        let mut names: Vec<String> = Vec::new();
        for part in body.split('/') {
            if part.is_empty() {
                return Err(format!("the path pattern `{pattern}` has an empty segment"));
            }
            let segment = compile_segment(part).map_err(|error| format!("`{pattern}`: {error}"))?;
            if let Segment::Capture { name, .. } = &segment {
                if names.contains(name) {
                    return Err(format!("`{pattern}` captures `{name}` twice"));
                }
                names.push(name.clone());
            }
            segments.push(segment);
        }
        Ok(PathPattern { segments })
    }

    /// How many segments the pattern starts with that are literals (or a choice
    /// of literals, `{x:a|b}`).
    pub fn literal_prefix_len(&self) -> usize {
        self.segments
            .iter()
            .take_while(|segment| {
                matches!(
                    segment,
                    Segment::Literal(_)
                        | Segment::Capture {
                            repeat: Repeat::One,
                            constraint: Some(Constraint::OneOf(_)),
                            ..
                        }
                )
            })
            .count()
    }

    /// The names this pattern captures.
    pub fn capture_names(&self) -> impl Iterator<Item = &str> {
        self.segments.iter().filter_map(|segment| match segment {
            Segment::Capture { name, .. } => Some(name.as_str()),
            Segment::Literal(_) => None,
        })
    }

    /// Matches the path segments (ranges of `url`); returns the captures.
    pub fn matches(&self, url: &str, segments: &[Range<usize>]) -> Option<Vec<Capture>> {
        let mut captures = Vec::new();
        if self.match_from(url, segments, 0, 0, &mut captures) {
            Some(captures)
        } else {
            None
        }
    }

    fn match_from(
        &self,
        url: &str,
        segments: &[Range<usize>],
        pattern_index: usize,
        segment_index: usize,
        captures: &mut Vec<Capture>,
    ) -> bool {
        let Some(pattern) = self.segments.get(pattern_index) else {
            return segment_index == segments.len();
        };
        let rest = segments.len() - segment_index;
        match pattern {
            Segment::Literal(literal) => {
                segment_index < segments.len()
                    && &url[segments[segment_index].clone()] == literal
                    && self.match_from(url, segments, pattern_index + 1, segment_index + 1, captures)
            }
            Segment::Capture {
                name,
                repeat,
                prefix,
                suffix,
                constraint,
            } => {
                let (min, max) = match repeat {
                    Repeat::One => (1, 1),
                    Repeat::Optional => (0, 1),
                    Repeat::OneOrMore => (1, rest),
                    Repeat::ZeroOrMore => (0, rest),
                };
                let mut count = max.min(rest);
                loop {
                    if count < min {
                        return false;
                    }
                    let taken = &segments[segment_index..segment_index + count];
                    let range = if count == 0 {
                        None
                    } else if count == 1 {
                        let whole = taken[0].clone();
                        single_segment(url, whole, prefix, suffix, constraint.as_ref())
                    } else {
                        Some(taken[0].start..taken[count - 1].end)
                    };
                    let fits = count == 0 || range.is_some();
                    if fits {
                        let mark = captures.len();
                        if let Some(range) = range {
                            captures.push(Capture {
                                name: name.clone(),
                                range,
                            });
                        }
                        if self.match_from(url, segments, pattern_index + 1, segment_index + count, captures)
                        {
                            return true;
                        }
                        captures.truncate(mark);
                    }
                    if count == 0 {
                        return false;
                    }
                    count -= 1;
                }
            }
        }
    }
}

fn single_segment(
    url: &str,
    whole: Range<usize>,
    prefix: &str,
    suffix: &str,
    constraint: Option<&Constraint>,
) -> Option<Range<usize>> {
    let text = &url[whole.clone()];
    if text.len() <= prefix.len() + suffix.len() || !text.starts_with(prefix) || !text.ends_with(suffix) {
        return None;
    }
    let range = whole.start + prefix.len()..whole.end - suffix.len();
    let value = &url[range.clone()];
    let allowed = match constraint {
        None => true,
        Some(Constraint::OneOf(values)) => values.iter().any(|v| v == value),
        Some(Constraint::NoneOf(values)) => !values.iter().any(|v| v == value),
    };
    allowed.then_some(range)
}

fn compile_segment(part: &str) -> Result<Segment, String> {
    let Some(open) = part.find('{') else {
        if part.contains('}') {
            return Err(format!("unbalanced `}}` in `{part}`"));
        }
        return Ok(Segment::Literal(part.to_string()));
    };
    let close = part[open..]
        .find('}')
        .map(|index| open + index)
        .ok_or_else(|| format!("unbalanced `{{` in `{part}`"))?;
    let (prefix, inner, suffix) = (&part[..open], &part[open + 1..close], &part[close + 1..]);
    if suffix.contains(['{', '}']) || prefix.contains('}') {
        return Err(format!("one capture per segment (`{part}`)"));
    }
    let (spec, constraint) = match inner.split_once(':') {
        Some((spec, values)) => {
            let (negated, values) = match values.strip_prefix('!') {
                Some(values) => (true, values),
                None => (false, values),
            };
            let list: Vec<String> = values.split('|').map(str::to_string).collect();
            if list.iter().any(String::is_empty) {
                return Err(format!("an empty choice in `{part}`"));
            }
            let constraint = if negated {
                Constraint::NoneOf(list)
            } else {
                Constraint::OneOf(list)
            };
            (spec, Some(constraint))
        }
        None => (inner, None),
    };
    let (name, repeat) = match spec.chars().last() {
        Some('?') => (&spec[..spec.len() - 1], Repeat::Optional),
        Some('+') => (&spec[..spec.len() - 1], Repeat::OneOrMore),
        Some('*') => (&spec[..spec.len() - 1], Repeat::ZeroOrMore),
        _ => (spec, Repeat::One),
    };
    if !is_name(name) {
        return Err(format!(
            "`{name}` is not a capture name (letters, digits and `-`)"
        ));
    }
    if matches!(repeat, Repeat::OneOrMore | Repeat::ZeroOrMore) && (!prefix.is_empty() || !suffix.is_empty())
    {
        return Err(format!(
            "a capture of several segments must be a whole segment (`{part}`)"
        ));
    }
    Ok(Segment::Capture {
        name: name.to_string(),
        repeat,
        prefix: prefix.to_string(),
        suffix: suffix.to_string(),
        constraint,
    })
}

fn is_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Literal(String),
    Var {
        name: String,
        /// `{/name}`: a `/` and the value, or nothing.
        optional_segment: bool,
        decode: bool,
    },
}

/// A compiled URL template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    path: Vec<Piece>,
    /// `key` and its value pieces (`None` for a bare key).
    query: Vec<(String, Option<Vec<Piece>>)>,
}

/// What a template expands to: the URL without a query, and query items to add.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expanded {
    pub base: String,
    pub query: Vec<(String, Option<String>)>,
}

impl Template {
    pub fn compile(template: &str) -> Result<Template, String> {
        let (path, query) = match template.split_once('?') {
            Some((path, query)) => (path, Some(query)),
            None => (template, None),
        };
        if path.contains('}') && path.find('}') < path.find('{') {
            return Err(format!("unbalanced `}}` in `{template}`"));
        }
        let path = compile_pieces(path).map_err(|error| format!("`{template}`: {error}"))?;
        let mut items = Vec::new();
        for item in query.into_iter().flat_map(|query| query.split('&')) {
            match item.split_once('=') {
                Some((key, value)) => {
                    let pieces = compile_pieces(value).map_err(|error| format!("`{template}`: {error}"))?;
                    items.push((key.to_string(), Some(pieces)));
                }
                None => items.push((item.to_string(), None)),
            }
        }
        Ok(Template { path, query: items })
    }

    /// Every variable the template reads.
    pub fn variables(&self) -> impl Iterator<Item = &str> {
        let query_pieces = self.query.iter().flat_map(|(_, value)| value.iter().flatten());
        self.path
            .iter()
            .chain(query_pieces)
            .filter_map(|piece| match piece {
                Piece::Var { name, .. } => Some(name.as_str()),
                Piece::Literal(_) => None,
            })
    }

    /// Expands with `lookup`; `None` when a required variable is missing.
    pub fn expand(&self, lookup: &dyn Fn(&str) -> Option<String>) -> Option<Expanded> {
        let base = expand_pieces(&self.path, lookup)?;
        let query = self
            .query
            .iter()
            .filter_map(|(key, value)| match value {
                None => Some((key.clone(), None)),
                Some(pieces) => expand_pieces(pieces, lookup)
                    .filter(|value| !value.is_empty())
                    .map(|value| (key.clone(), Some(value))),
            })
            .collect();
        Some(Expanded { base, query })
    }
}

fn compile_pieces(text: &str) -> Result<Vec<Piece>, String> {
    let mut pieces = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        if open > 0 {
            pieces.push(Piece::Literal(rest[..open].to_string()));
        }
        let close = rest[open..]
            .find('}')
            .map(|index| open + index)
            .ok_or_else(|| "unbalanced `{`".to_string())?;
        let inner = &rest[open + 1..close];
        let (inner, optional_segment) = match inner.strip_prefix('/') {
            Some(inner) => (inner, true),
            None => (inner, false),
        };
        let (name, decode) = match inner.split_once('|') {
            Some((name, "decode")) => (name, true),
            Some((_, filter)) => return Err(format!("unknown filter `{filter}`")),
            None => (inner, false),
        };
        if !is_name(name) {
            return Err(format!("`{name}` is not a variable name"));
        }
        pieces.push(Piece::Var {
            name: name.to_string(),
            optional_segment,
            decode,
        });
        rest = &rest[close + 1..];
    }
    if rest.contains('}') {
        return Err("unbalanced `}`".to_string());
    }
    if !rest.is_empty() {
        pieces.push(Piece::Literal(rest.to_string()));
    }
    Ok(pieces)
}

fn expand_pieces(pieces: &[Piece], lookup: &dyn Fn(&str) -> Option<String>) -> Option<String> {
    let mut out = String::new();
    for piece in pieces {
        match piece {
            Piece::Literal(text) => out.push_str(text),
            Piece::Var {
                name,
                optional_segment,
                decode,
            } => {
                let value = lookup(name).filter(|value| !(*optional_segment && value.is_empty()));
                let value = value.map(|value| {
                    if *decode {
                        super::url::percent_decode(&value)
                    } else {
                        value
                    }
                });
                match (value, optional_segment) {
                    (Some(value), true) => {
                        out.push('/');
                        out.push_str(&value);
                    }
                    (Some(value), false) => out.push_str(&value),
                    (None, true) => {}
                    (None, false) => return None,
                }
            }
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segments(url: &str) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut start = 0;
        for part in url.split('/') {
            out.push(start..start + part.len());
            start += part.len() + 1;
        }
        out
    }

    fn captures(pattern: &str, path: &str) -> Option<Vec<(String, String)>> {
        let pattern = PathPattern::compile(pattern).unwrap();
        let found = pattern.matches(path, &segments(path))?;
        Some(
            found
                .into_iter()
                .map(|capture| (capture.name, path[capture.range].to_string()))
                .collect(),
        )
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
    }

    #[test]
    fn patterns_capture_segments() {
        assert_eq!(
            captures(
                "/{owner}/{repo}/workflows/{workflow+}/badge.svg",
                "o/r/workflows/a/b/badge.svg"
            ),
            Some(pairs(&[("owner", "o"), ("repo", "r"), ("workflow", "a/b")]))
        );
        assert_eq!(
            captures("/travis/{owner}/{repo}/{branch?}", "travis/o/r"),
            Some(pairs(&[("owner", "o"), ("repo", "r")]))
        );
        assert_eq!(
            captures("/{owner}/{repo}.svg", "o/r.svg"),
            Some(pairs(&[("owner", "o"), ("repo", "r")]))
        );
        assert_eq!(captures("/{owner}/{repo}.svg", "o/.svg"), None);
        assert_eq!(
            captures(
                "/coveralls/{vcs:github|gitlab}/{owner}/{repo}",
                "coveralls/github/o/r"
            ),
            Some(pairs(&[("vcs", "github"), ("owner", "o"), ("repo", "r")]))
        );
        assert_eq!(captures("/{owner:!sponsors}/{repo}", "sponsors/x"), None);
        assert_eq!(captures("/a/{rest*}", "a"), Some(vec![]));
        assert_eq!(captures("/a/b", "a/b/c"), None);
    }

    #[test]
    fn bad_patterns_are_rejected() {
        for bad in [
            "no-slash",
            "/a//b",
            "/{x}/{x}",
            "/{a b}",
            "/{rest+}.svg",
            "/{x",
            "/a}",
            "/{x:}",
        ] {
            assert!(PathPattern::compile(bad).is_err(), "{bad}");
        }
        for bad in ["https://x/{a", "https://x/{a|upper}", "https://x/}"] {
            assert!(Template::compile(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn templates_expand_optional_parts() {
        let template =
            Template::compile("https://x/{owner}/{repo}{/branch}{ext}?branch={branch}&flag").unwrap();
        let lookup = |name: &str| match name {
            "owner" => Some("o".to_string()),
            "repo" => Some("r".to_string()),
            "ext" => Some(String::new()),
            _ => None,
        };
        let expanded = template.expand(&lookup).unwrap();
        assert_eq!(expanded.base, "https://x/o/r");
        assert_eq!(expanded.query, vec![("flag".to_string(), None)]);
        let decode = Template::compile("https://x/{pkg|decode}").unwrap();
        let lookup = |_: &str| Some("%40s%2Fp".to_string());
        assert_eq!(decode.expand(&lookup).unwrap().base, "https://x/@s/p");
        let missing = Template::compile("https://x/{needed}").unwrap();
        assert_eq!(missing.expand(&|_| None), None);
    }
}
