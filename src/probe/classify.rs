//! What an answer means for a badge. shields.io serves almost every broken badge
//! with HTTP 200, so its `.json` form is read for the message the badge shows;
//! GitHub's workflow badges answer 404 for a missing workflow and draw
//! `no status` when no run matches; other services are judged by the status
//! code and an image content type. Rate limits, server errors and timeouts are
//! never evidence of a broken badge.

use super::target::Service;
use super::{Outcome, Transient, UnknownReason, sanitize};
use crate::html::{self, Markup};

/// What to do with one answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Done(Outcome),
    /// Worth another try (408, 429, 5xx): what happened, the reason given if no try succeeds.
    Retry(Transient),
}

/// Messages shields.io draws for a badge that cannot work as written.
const SHIELDS_BROKEN: &[&str] = &[
    "invalid",
    "inaccessible",
    "no longer available",
    "retired badge",
    "not authorized to access repository",
    "invalid token pattern",
];

/// Messages that say shields.io itself (or its upstream) had a problem.
const SHIELDS_UNKNOWN: &[&str] = &[
    "rate limited by upstream service",
    "internal error",
    "unable to select next github token from pool",
    "improperly configured",
    "credentials have not been configured",
    "credentials are misconfigured",
];

/// Judges a final (non-redirect) answer.
pub fn classify(
    service: Service,
    host: &str,
    status: u16,
    content_type: Option<&str>,
    body: &[u8],
) -> Verdict {
    if status == 408 || status == 429 || (500..=599).contains(&status) {
        return Verdict::Retry(Transient::Status {
            host: host.to_string(),
            status,
        });
    }
    match service {
        Service::Shields => shields(host, status, body),
        Service::GitHubWorkflow => github_workflow(host, status, content_type, body),
        Service::Image => image(host, status, content_type),
    }
}

fn shields(host: &str, status: u16, body: &[u8]) -> Verdict {
    let message = serde_json::from_slice::<serde_json::Value>(body)
        .ok()
        .and_then(|json| json.get("message").and_then(|m| m.as_str()).map(str::to_string));
    let outcome = match message {
        Some(message) if (200..300).contains(&status) || status == 404 => shields_message(host, &message),
        _ if status == 404 || status == 410 => Outcome::Broken {
            message: format!("{host} answers {}", status_text(status)),
        },
        _ if (200..300).contains(&status) => Outcome::Unknown {
            reason: UnknownReason::NotBadgeJson {
                host: host.to_string(),
            },
        },
        _ => Outcome::Unknown {
            reason: UnknownReason::OtherStatus {
                host: host.to_string(),
                status,
            },
        },
    };
    Verdict::Done(outcome)
}

/// What a shields.io badge's message says about it.
pub fn shields_message(host: &str, message: &str) -> Outcome {
    let text = sanitize(message, 120);
    let lower = text.to_lowercase();
    if SHIELDS_UNKNOWN.contains(&lower.as_str()) {
        return Outcome::Unknown {
            reason: UnknownReason::ServiceProblem {
                host: host.to_string(),
                message: text,
            },
        };
    }
    if lower == "no status" {
        return Outcome::Unknown {
            reason: UnknownReason::ShieldsNoStatus {
                host: host.to_string(),
            },
        };
    }
    if let Some(issue) = lower.strip_prefix("https://github.com/badges/shields/issues/")
        && !issue.is_empty()
        && issue.chars().all(|c| c.is_ascii_digit())
    {
        return Outcome::Broken {
            message: format!("{host} shows `{text}` instead of a status: the route was retired"),
        };
    }
    let broken = SHIELDS_BROKEN.contains(&lower.as_str())
        || lower.ends_with("not found")
        || lower.starts_with("invalid ");
    if broken {
        Outcome::Broken {
            message: format!("{host} shows `{text}`"),
        }
    } else {
        Outcome::Working
    }
}

fn github_workflow(host: &str, status: u16, content_type: Option<&str>, body: &[u8]) -> Verdict {
    if status == 404 {
        return Verdict::Done(Outcome::Broken {
            message: format!(
                "{host} answers 404 Not Found: no such repository or workflow, or the repository is private"
            ),
        });
    }
    if (200..300).contains(&status)
        && is_image(content_type)
        && let Some(title) = svg_title(body)
        && title.to_lowercase().trim_end().ends_with("no status")
    {
        return Verdict::Done(Outcome::Unknown {
            reason: UnknownReason::WorkflowNoStatus {
                host: host.to_string(),
                title: sanitize(&title, 120),
            },
        });
    }
    image(host, status, content_type)
}

fn image(host: &str, status: u16, content_type: Option<&str>) -> Verdict {
    let outcome = match status {
        200..=299 if is_image(content_type) => Outcome::Working,
        200..=299 => Outcome::Broken {
            message: format!(
                "{host} answers with `{}`, not an image",
                sanitize(content_type.unwrap_or("no content type"), 60)
            ),
        },
        400 | 404 | 410 | 422 => Outcome::Broken {
            message: format!("{host} answers {}", status_text(status)),
        },
        _ => Outcome::Unknown {
            reason: UnknownReason::OtherStatus {
                host: host.to_string(),
                status,
            },
        },
    };
    Verdict::Done(outcome)
}

fn is_image(content_type: Option<&str>) -> bool {
    content_type.is_some_and(|value| value.trim().to_ascii_lowercase().starts_with("image/"))
}

/// The text of an SVG's first `<title>`.
fn svg_title(body: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(body);
    let mut tags = html::markups(&text, 0..text.len()).filter_map(|markup| match markup {
        Markup::Tag(tag) if tag.is("title") => Some(tag),
        _ => None,
    });
    let open = tags.find(|tag| !tag.closing)?;
    let close = tags.find(|tag| tag.closing)?;
    Some(text[open.range.end..close.range.start].to_string())
}

/// `404 Not Found`, `503 Service Unavailable`, or the bare code.
pub fn status_text(status: u16) -> String {
    let reason = match status {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        408 => "Request Timeout",
        410 => "Gone",
        422 => "Unprocessable Entity",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "",
    };
    if reason.is_empty() {
        status.to_string()
    } else {
        format!("{status} {reason}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shields_json(message: &str) -> Vec<u8> {
        serde_json::json!({"label": "x", "message": message, "color": "red"})
            .to_string()
            .into_bytes()
    }

    fn done(verdict: Verdict) -> Outcome {
        match verdict {
            Verdict::Done(outcome) => outcome,
            Verdict::Retry(why) => panic!("retry: {why}"),
        }
    }

    #[test]
    fn shields_messages() {
        let host = "img.shields.io";
        for message in [
            "not found",
            "repo not found",
            "repository not found",
            "repo or workflow not found",
            "no releases or repo not found",
            "badge not found",
            "invalid",
            "invalid response data",
            "inaccessible",
            "no longer available",
            "retired badge",
            "https://github.com/badges/shields/issues/8671",
            "Not Found",
        ] {
            let outcome = done(classify(
                Service::Shields,
                host,
                200,
                Some("application/json"),
                &shields_json(message),
            ));
            assert!(
                matches!(outcome, Outcome::Broken { .. }),
                "{message}: {outcome:?}"
            );
        }
        for message in ["rate limited by upstream service", "internal error", "no status"] {
            let outcome = done(classify(
                Service::Shields,
                host,
                200,
                None,
                &shields_json(message),
            ));
            assert!(
                matches!(outcome, Outcome::Unknown { .. }),
                "{message}: {outcome:?}"
            );
        }
        for message in ["v1.0.4", "passing", "MIT", "no releases", "unknown", "98%"] {
            let outcome = done(classify(
                Service::Shields,
                host,
                200,
                None,
                &shields_json(message),
            ));
            assert_eq!(outcome, Outcome::Working, "{message}");
        }
        // The old server answered unknown routes with 404 and a badge.
        let outcome = done(classify(
            Service::Shields,
            host,
            404,
            None,
            &shields_json("badge not found"),
        ));
        assert_eq!(
            outcome,
            Outcome::Broken {
                message: "img.shields.io shows `badge not found`".into()
            }
        );
        let outcome = done(classify(
            Service::Shields,
            host,
            200,
            Some("text/html"),
            b"<html>",
        ));
        assert!(matches!(outcome, Outcome::Unknown { .. }));
    }

    #[test]
    fn retries_and_github() {
        for status in [408, 429, 500, 502, 503] {
            assert!(matches!(
                classify(Service::Image, "codecov.io", status, None, b""),
                Verdict::Retry(_)
            ));
        }
        let gone = done(classify(
            Service::GitHubWorkflow,
            "github.com",
            404,
            Some("text/html"),
            b"",
        ));
        assert!(matches!(gone, Outcome::Broken { .. }));
        let svg = br#"<svg xmlns="http://www.w3.org/2000/svg"><title>Release - no status</title></svg>"#;
        let none = done(classify(
            Service::GitHubWorkflow,
            "github.com",
            200,
            Some("image/svg+xml"),
            svg,
        ));
        assert_eq!(
            none,
            Outcome::Unknown {
                reason: UnknownReason::WorkflowNoStatus {
                    host: "github.com".into(),
                    title: "Release - no status".into()
                }
            }
        );
        let svg = br#"<svg><title>CI - passing</title></svg>"#;
        let passing = done(classify(
            Service::GitHubWorkflow,
            "github.com",
            200,
            Some("image/svg+xml; charset=utf-8"),
            svg,
        ));
        assert_eq!(passing, Outcome::Working);
    }

    #[test]
    fn the_svg_title_is_read_past_comments_and_in_any_case() {
        let svg = br##"<svg><!-- <title>old</title> --><TITLE id="t">Build - failing</TITLE></svg>"##;
        assert_eq!(svg_title(svg).as_deref(), Some("Build - failing"));
        assert_eq!(svg_title(b"<svg><title>open"), None);
    }

    #[test]
    fn other_services() {
        let outcome = |status, content_type| {
            done(classify(
                Service::Image,
                "coveralls.io",
                status,
                content_type,
                b"",
            ))
        };
        assert_eq!(outcome(200, Some("image/svg+xml")), Outcome::Working);
        assert_eq!(outcome(200, Some("image/png")), Outcome::Working);
        assert_eq!(
            outcome(200, Some("text/html; charset=utf-8")),
            Outcome::Broken {
                message: "coveralls.io answers with `text/html; charset=utf-8`, not an image".into()
            }
        );
        assert!(matches!(outcome(404, None), Outcome::Broken { .. }));
        assert!(matches!(outcome(410, None), Outcome::Broken { .. }));
        assert!(matches!(outcome(403, None), Outcome::Unknown { .. }));
    }
}
