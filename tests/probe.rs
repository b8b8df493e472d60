//! The online badge probe against a local server on 127.0.0.1 that plays the
//! badge services (`support/badge_server.rs`). Every probe host is pointed at the
//! local server with `--resolve`, or at a blocked address that the probe must
//! refuse before connecting; no test sends traffic anywhere else.

#[path = "support/badge_server.rs"]
mod badge_server;

use badge_server::BadgeServer;
use readme_lint::probe::{self, Outcome, ProbeConfig};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// Probe hosts mapped to blocked addresses: a redirect there is refused by the
/// address check, before any connection.
const BLOCKED: &[(&str, &str)] = &[
    ("codecov.io", "10.0.0.1:443"),
    ("ci.appveyor.com", "169.254.169.254:80"),
];

/// `--resolve` specs: every probe host to the server, but the blocked ones.
fn resolve_specs(server: &BadgeServer) -> Vec<String> {
    let hosts = ProbeConfig::new().hosts;
    let mut specs: Vec<String> = hosts
        .iter()
        .filter(|host| !BLOCKED.iter().any(|(blocked, _)| blocked == host))
        .map(|host| format!("{host}={}", server.address))
        .collect();
    specs.extend(BLOCKED.iter().map(|(host, address)| format!("{host}={address}")));
    specs
}

fn config(server: &BadgeServer, allow_loopback: bool) -> ProbeConfig {
    let mut config = ProbeConfig::new();
    config.gate.allow_loopback = allow_loopback;
    for spec in resolve_specs(server) {
        config.add_resolve(&spec).unwrap();
    }
    assert_eq!(
        config.gate.resolve.len(),
        config.hosts.len(),
        "every probe host is mapped"
    );
    config.request_timeout = Duration::from_secs(1);
    config.connect_timeout = Duration::from_secs(1);
    config.backoff = Duration::from_millis(100);
    config.max_retry_after = Duration::from_secs(2);
    config.cache = None;
    config
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Working,
    Broken,
    Unknown,
}

/// Each scenario: the badge URL, what the probe must conclude, and a piece of its text.
const SCENARIOS: &[(&str, Kind, &str)] = &[
    ("https://img.shields.io/crates/v/serde", Kind::Working, ""),
    (
        "https://img.shields.io/crates/v/no-such-crate.svg",
        Kind::Broken,
        "img.shields.io shows `not found`",
    ),
    (
        "http://img.shields.io/github/v/release/acme/gone",
        Kind::Broken,
        "img.shields.io shows `repo not found`",
    ),
    (
        "https://img.shields.io/github/workflow/status/acme/gizmo/CI",
        Kind::Broken,
        "issues/8671` instead of a status",
    ),
    (
        "https://img.shields.io/travis/acme/gizmo.svg",
        Kind::Broken,
        "`no longer available`",
    ),
    (
        "https://img.shields.io/codeclimate/maintainability/acme/gizmo",
        Kind::Broken,
        "`retired badge`",
    ),
    (
        "https://img.shields.io/badge/license-MIT",
        Kind::Broken,
        "`badge not found`",
    ),
    (
        "https://img.shields.io/badge/escape-test",
        Kind::Broken,
        "shows `::error::owned repo not found`",
    ),
    (
        "https://img.shields.io/npm/dm/gizmo",
        Kind::Unknown,
        "`rate limited by upstream service`",
    ),
    (
        "https://img.shields.io/github/actions/workflow/status/acme/gizmo/nightly.yml",
        Kind::Unknown,
        "`no status`",
    ),
    ("https://img.shields.io/flaky/429", Kind::Working, ""),
    ("https://img.shields.io/flaky/503", Kind::Working, ""),
    (
        "https://img.shields.io/rate/long",
        Kind::Unknown,
        "429 Too Many Requests and asks to wait 3600 s",
    ),
    (
        "https://img.shields.io/down/500",
        Kind::Unknown,
        "answered 500 Internal Server Error (3 tries)",
    ),
    (
        "https://img.shields.io/slow",
        Kind::Unknown,
        "img.shields.io timed out (3 tries)",
    ),
    ("https://img.shields.io/redirect/old", Kind::Working, ""),
    // `../new.json` from /redirect/up/old.json is /redirect/new.json.
    ("https://img.shields.io/redirect/up/old", Kind::Working, ""),
    (
        "https://img.shields.io/redirect/backslash",
        Kind::Unknown,
        "the redirect to `/\\evil.example/x.json` was refused: `evil.example` is not a host the probe may contact",
    ),
    (
        "https://img.shields.io/redirect/private",
        Kind::Unknown,
        "`10.0.0.1` is not a host the probe may contact",
    ),
    (
        "https://img.shields.io/redirect/metadata",
        Kind::Unknown,
        "`169.254.169.254` is not a host the probe may contact",
    ),
    (
        "https://img.shields.io/redirect/downgrade",
        Kind::Unknown,
        "downgrades to plain http",
    ),
    (
        "https://img.shields.io/redirect/mapped",
        Kind::Unknown,
        "refused to connect to codecov.io: 10.0.0.1 is a private address",
    ),
    (
        "https://img.shields.io/redirect/metadata-mapped",
        Kind::Unknown,
        "169.254.169.254 is a link-local address",
    ),
    (
        "https://img.shields.io/redirect/loop",
        Kind::Unknown,
        "redirects more than 3 times",
    ),
    (
        "https://img.shields.io/big",
        Kind::Unknown,
        "larger than the 1024 KiB limit",
    ),
    (
        "https://github.com/acme/gizmo/actions/workflows/ci.yml/badge.svg",
        Kind::Working,
        "",
    ),
    (
        "https://github.com/acme/gizmo/actions/workflows/gone.yml/badge.svg",
        Kind::Broken,
        "github.com answers 404 Not Found",
    ),
    (
        "https://github.com/acme/gizmo/actions/workflows/release.yml/badge.svg?branch=main",
        Kind::Unknown,
        "`Release - no status`",
    ),
    ("https://docs.rs/serde/badge.svg", Kind::Working, ""),
    (
        "https://coveralls.io/repos/github/acme/gizmo/badge.svg",
        Kind::Broken,
        "`text/html; charset=utf-8`, not an image",
    ),
    (
        "https://badgen.net/npm/v/gone",
        Kind::Broken,
        "badgen.net answers 404 Not Found",
    ),
    (
        "https://codecov.io/gh/acme/gizmo/graph/badge.svg",
        Kind::Unknown,
        "10.0.0.1 is a private address",
    ),
];

fn kind_and_text(outcome: &Outcome) -> (Kind, String) {
    match outcome {
        Outcome::Working => (Kind::Working, String::new()),
        Outcome::Broken { message } => (Kind::Broken, message.clone()),
        Outcome::Unknown { reason } => (Kind::Unknown, reason.to_string()),
    }
}

#[test]
fn the_probe_judges_each_scenario_retries_what_it_should_and_finishes_in_bounded_time() {
    let server = BadgeServer::start();
    let config = config(&server, true);
    let urls: Vec<String> = SCENARIOS.iter().map(|(url, _, _)| url.to_string()).collect();
    let started = Instant::now();
    let report = probe::probe(&urls, &config, &|_, _| {});
    let elapsed = started.elapsed();
    eprintln!("probed {} URLs in {elapsed:?}", urls.len());

    let mut failures = Vec::new();
    for (url, kind, text) in SCENARIOS {
        let outcome = report.results.get(url).expect("every URL has an outcome");
        let (got, said) = kind_and_text(outcome);
        if got != *kind || !said.contains(text) {
            failures.push(format!("{url}: expected {kind:?} with `{text}`, got {outcome:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));

    // Retried: timeouts, 429 (after its Retry-After), 503 and 500, at most 3 tries.
    let shields = "img.shields.io";
    assert_eq!(server.hits(shields, "/flaky/429.json"), 2);
    assert_eq!(server.hits(shields, "/flaky/503.json"), 2);
    assert_eq!(server.hits(shields, "/down/500.json"), 3);
    assert_eq!(server.hits(shields, "/slow.json"), 3);
    // A Retry-After past the bound ends the tries at once.
    assert_eq!(server.hits(shields, "/rate/long.json"), 1);
    // Not retried: definite answers and a redirect loop (1 + 3 redirects).
    assert_eq!(server.hits(shields, "/crates/v/no-such-crate.json"), 1);
    assert_eq!(server.hits(shields, "/npm/dm/gizmo.json"), 1);
    assert_eq!(server.hits(shields, "/redirect/loop.json"), 4);
    assert_eq!(server.hits(shields, "/redirect/new.json"), 2);
    assert_eq!(server.hits(shields, "/redirect/up/new.json"), 0);
    // shields badges are asked for in their .json form.
    assert_eq!(server.hits(shields, "/crates/v/serde.json"), 1);
    assert_eq!(server.hits(shields, "/crates/v/serde"), 0);
    // Nothing reached the hosts mapped to blocked addresses: they were refused
    // before connecting (the server would have seen their Host header otherwise).
    for request in server.requests() {
        assert!(
            !request.starts_with("codecov.io") && !request.starts_with("ci.appveyor.com"),
            "{request}"
        );
    }
    // Three 1 s timeouts with backoff between them bound the slowest badge.
    assert!(elapsed < Duration::from_secs(15), "took {elapsed:?}");
    assert!(
        elapsed >= Duration::from_secs(3),
        "the slow badge was not tried 3 times: {elapsed:?}"
    );
}

#[test]
fn without_allow_loopback_nothing_connects() {
    let server = BadgeServer::start();
    let config = config(&server, false);
    let urls: Vec<String> = SCENARIOS.iter().map(|(url, _, _)| url.to_string()).collect();
    let started = Instant::now();
    let report = probe::probe(&urls, &config, &|_, _| {});
    for (url, _, _) in SCENARIOS {
        let outcome = report.results.get(url).unwrap();
        let (kind, text) = kind_and_text(outcome);
        assert_eq!(kind, Kind::Unknown, "{url}: {outcome:?}");
        assert!(text.starts_with("refused to connect to"), "{url}: {text}");
        assert!(
            text.contains("127.0.0.1 is a loopback address")
                || text.contains("10.0.0.1 is a private address")
                || text.contains("169.254.169.254 is a link-local address"),
            "{url}: {text}"
        );
    }
    assert_eq!(server.connections(), 0, "{:?}", server.requests());
    assert!(started.elapsed() < Duration::from_secs(5));
}

#[test]
fn allow_loopback_opens_only_127_0_0_1_and_not_other_loopback_addresses() {
    let server = BadgeServer::start();
    let mut config = config(&server, true);
    let port = server.address.port();
    config.add_resolve(&format!("docs.rs=127.0.0.2:{port}")).unwrap();
    let url = "https://docs.rs/serde/badge.svg".to_string();
    let report = probe::probe(std::slice::from_ref(&url), &config, &|_, _| {});
    let outcome = report.results.get(&url).unwrap();
    assert!(
        matches!(outcome, Outcome::Unknown { reason } if reason.to_string().contains("127.0.0.2 is a loopback address")),
        "{outcome:?}"
    );
    assert_eq!(server.connections(), 0);
}

#[test]
fn allow_loopback_opens_ipv6_loopback_too() {
    // A machine without an IPv6 loopback cannot run this case: it fails rather than pass
    // without having checked anything.
    let server = BadgeServer::start_on("[::1]:0").unwrap_or_else(|error| {
        panic!("this case needs an IPv6 loopback (::1), which this machine lacks: {error}")
    });
    let url = "https://docs.rs/serde/badge.svg".to_string();
    for allow_loopback in [false, true] {
        let mut config = config(&server, allow_loopback);
        config
            .add_resolve(&format!("docs.rs={}", server.address))
            .unwrap();
        let report = probe::probe(std::slice::from_ref(&url), &config, &|_, _| {});
        let outcome = report.results.get(&url).unwrap();
        if allow_loopback {
            assert_eq!(outcome, &Outcome::Working);
        } else {
            assert!(
                matches!(outcome, Outcome::Unknown { reason } if reason.to_string().contains("::1 is a loopback address")),
                "{outcome:?}"
            );
        }
    }
    assert_eq!(server.connections(), 1);
}

#[test]
fn the_cache_keeps_definite_outcomes_for_a_day_and_never_unknown_ones() {
    let server = BadgeServer::start();
    let cache = tempfile::tempdir().unwrap();
    let mut config = config(&server, true);
    config.cache = Some(probe::CacheSettings {
        dir: cache.path().to_path_buf(),
        max_age: Duration::from_secs(86_400),
    });
    let urls: Vec<String> = [
        "https://img.shields.io/crates/v/serde",
        "https://img.shields.io/crates/v/no-such-crate.svg",
        "https://img.shields.io/npm/dm/gizmo",
        "https://img.shields.io/down/500",
    ]
    .iter()
    .map(ToString::to_string)
    .collect();
    let first = probe::probe(&urls, &config, &|_, _| {});
    assert_eq!((first.fetched, first.cached), (4, 0));
    let second = probe::probe(&urls, &config, &|_, _| {});
    assert_eq!((second.fetched, second.cached), (2, 2));
    for url in &urls {
        assert_eq!(first.results.get(url), second.results.get(url), "{url}");
    }
    let shields = "img.shields.io";
    assert_eq!(server.hits(shields, "/crates/v/serde.json"), 1);
    assert_eq!(server.hits(shields, "/crates/v/no-such-crate.json"), 1);
    assert_eq!(server.hits(shields, "/npm/dm/gizmo.json"), 2);
    assert_eq!(server.hits(shields, "/down/500.json"), 6);
    let file = std::fs::read_to_string(cache.path().join("cache.json")).unwrap();
    assert!(
        file.contains("no-such-crate") && !file.contains("npm/dm") && !file.contains("down/500"),
        "{file}"
    );

    // A maximum age of zero bypasses the cache.
    config.cache.as_mut().unwrap().max_age = Duration::ZERO;
    let third = probe::probe(&urls, &config, &|_, _| {});
    assert_eq!((third.fetched, third.cached), (4, 0));
}

// --- the command line -------------------------------------------------------

const README: &str = "\
# gizmo

A gizmo.

[![Version](https://img.shields.io/crates/v/serde)](https://crates.io/crates/serde)
[![Missing](https://img.shields.io/crates/v/no-such-crate.svg)](https://crates.io/crates/no-such-crate)
[![CI](https://github.com/acme/gizmo/actions/workflows/gone.yml/badge.svg)](https://github.com/acme/gizmo/actions)
[![Release](https://github.com/acme/gizmo/actions/workflows/release.yml/badge.svg?branch=main)](https://github.com/acme/gizmo/actions)
[![Downloads](https://img.shields.io/npm/dm/gizmo)](https://www.npmjs.com/package/gizmo)
[![Flaky](https://img.shields.io/flaky/429)](https://example.com)
[![Down](https://img.shields.io/down/500)](https://example.com)
[![Slow](https://img.shields.io/slow)](https://example.com)
[![Private](https://img.shields.io/redirect/private)](https://example.com)
[![Metadata](https://img.shields.io/redirect/metadata-mapped)](https://example.com)
[![Coverage](https://coveralls.io/repos/github/acme/gizmo/badge.svg)](https://coveralls.io/github/acme/gizmo)
[![Escape](https://img.shields.io/badge/escape-test)](https://example.com)
[![Elsewhere](https://badges.example.com/x.svg)](https://example.com)

## Installation

```sh
cargo install gizmo
```

## Usage

Run it.

## License

MIT
";

/// Badge line (1-based) and the rule the run must report there.
const EXPECTED: &[(usize, &str)] = &[
    (6, "badge-broken"),
    (7, "badge-broken"),
    (8, "badge-unknown"),
    (9, "badge-unknown"),
    (11, "badge-unknown"),
    (12, "badge-unknown"),
    (13, "badge-unknown"),
    (14, "badge-unknown"),
    (15, "badge-broken"),
    (16, "badge-broken"),
];

fn readme_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("README.md"), README).unwrap();
    dir
}

fn run(dir: &Path, args: &[String]) -> (i32, String, String, Duration) {
    let started = Instant::now();
    let output = Command::new(env!("CARGO_BIN_EXE_readme-lint"))
        .current_dir(dir)
        .arg("README.md")
        .args(args)
        // The default cache folder is never touched by a test.
        .env("XDG_CACHE_HOME", dir.join("xdg-cache"))
        .env("HOME", dir.join("home"))
        .output()
        .unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
        started.elapsed(),
    )
}

fn online_args(server: &BadgeServer, dir: &Path, allow_loopback: bool) -> Vec<String> {
    let mut args: Vec<String> = vec!["--online".into()];
    if allow_loopback {
        args.push("--allow-loopback".into());
    }
    for spec in resolve_specs(server) {
        args.push("--resolve".into());
        args.push(spec);
    }
    args.extend(
        [
            "--cache-dir",
            dir.join("cache").to_str().unwrap(),
            "--probe-timeout",
            "1",
            "--select",
            "badge-broken,badge-unknown",
            "--output-format",
            "json",
        ]
        .map(String::from),
    );
    args
}

fn findings(stdout: &str) -> Vec<(usize, String, String)> {
    let json: serde_json::Value = serde_json::from_str(stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"));
    json.as_array()
        .unwrap()
        .iter()
        .map(|finding| {
            (
                finding["line"].as_u64().unwrap() as usize,
                finding["name"].as_str().unwrap().to_string(),
                finding["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn online_with_allow_loopback_reports_broken_and_unknown_badges() {
    let server = BadgeServer::start();
    let dir = readme_dir();
    let args = online_args(&server, dir.path(), true);
    let (code, stdout, stderr, elapsed) = run(dir.path(), &args);
    eprintln!("readme-lint --online took {elapsed:?}");
    assert_eq!(code, 1, "{stderr}");
    let found = findings(&stdout);
    let got: Vec<(usize, &str)> = found
        .iter()
        .map(|(line, name, _)| (*line, name.as_str()))
        .collect();
    assert_eq!(got, EXPECTED, "{stdout}");
    let message = |line: usize| &found.iter().find(|(at, _, _)| *at == line).unwrap().2;
    assert_eq!(
        message(6),
        "the badge is broken: img.shields.io shows `not found`"
    );
    assert!(
        message(11).contains("500 Internal Server Error (3 tries)"),
        "{}",
        message(11)
    );
    assert!(message(12).contains("timed out (3 tries)"), "{}", message(12));
    assert!(
        message(14).contains("169.254.169.254 is a link-local address"),
        "{}",
        message(14)
    );
    assert!(
        !stdout.contains('\u{1b}'),
        "escape sequences from a service reach the output"
    );
    assert_eq!(server.hits("img.shields.io", "/flaky/429.json"), 2);
    assert_eq!(server.hits("img.shields.io", "/slow.json"), 3);
    assert!(elapsed < Duration::from_secs(20), "took {elapsed:?}");

    // Again with the same cache: definite outcomes come from it, unknown ones are asked again.
    let (code, again, _, _) = run(dir.path(), &args);
    assert_eq!(code, 1);
    assert_eq!(findings(&again), found);
    assert_eq!(server.hits("img.shields.io", "/crates/v/no-such-crate.json"), 1);
    assert_eq!(server.hits("img.shields.io", "/npm/dm/gizmo.json"), 2);
    assert!(dir.path().join("cache/cache.json").is_file());
    assert!(!dir.path().join("xdg-cache").exists() && !dir.path().join("home").exists());
}

#[test]
fn online_without_allow_loopback_refuses_127_0_0_1() {
    let server = BadgeServer::start();
    let dir = readme_dir();
    let (code, stdout, stderr, _) = run(dir.path(), &online_args(&server, dir.path(), false));
    // badge-unknown findings are warnings: reported, exit 0.
    assert_eq!(code, 0, "{stderr}");
    let found = findings(&stdout);
    assert_eq!(found.len(), 12, "{stdout}");
    for (line, name, message) in &found {
        assert_eq!(name, "badge-unknown", "line {line}: {message}");
        assert!(message.contains("refused to connect"), "line {line}: {message}");
    }
    assert_eq!(server.connections(), 0);
}

#[test]
fn offline_the_probe_rules_report_nothing_and_nothing_connects() {
    let server = BadgeServer::start();
    let dir = readme_dir();
    let args: Vec<String> = [
        "--select",
        "badge-broken,badge-unknown",
        "--output-format",
        "json",
    ]
    .map(String::from)
    .to_vec();
    let (code, stdout, stderr, _) = run(dir.path(), &args);
    assert_eq!((code, stdout.trim()), (0, "[]"), "{stderr}");
    assert_eq!(server.connections(), 0);
}

#[test]
fn bad_probe_flags_are_usage_errors() {
    let dir = readme_dir();
    // Each run selects a rule that is not a probe rule, so even a run that went on
    // would find nothing to probe.
    let run = |args: &[&str]| {
        let mut all: Vec<String> = args.iter().map(|arg| arg.to_string()).collect();
        all.extend(["--select".to_string(), "missing-title".to_string()]);
        run(dir.path(), &all)
    };
    let (code, _, stderr, _) = run(&["--online", "--resolve", "example.com=127.0.0.1:9"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("`example.com` is not a host the probe contacts"),
        "{stderr}"
    );
    let (code, _, stderr, _) = run(&["--online", "--resolve", "github.com"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("HOST=ADDR:PORT"), "{stderr}");
    let (code, _, stderr, _) = run(&["--allow-loopback"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("--online"), "{stderr}");
    // A year has no fixed length: no cache age.
    let (code, _, stderr, _) = run(&["--online", "--cache-max-age", "1y"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("--cache-max-age"), "{stderr}");
}
