//! The online badge probe (`--online`): fetches each badge image URL once and
//! records what the service says about it, for the rules `badge-broken` (RL212)
//! and `badge-unknown` (RL213). Off by default; pre-commit never uses it.
//!
//! The probe runs outside the per-file lint: the caller collects the badge URLs
//! of many files ([`crate::linter::probe_targets`]), [`probe`] fetches the distinct ones with a small
//! pool of threads, and the results reach the rules through
//! [`crate::linter::LintSettings::probe`]. Library code never prints: progress is
//! reported through a callback.
//!
//! Safety: only hosts in the catalogue's allow-list (`probe-hosts` in
//! `rules/badges.yml`; a config file cannot add any) are contacted, over https,
//! without credentials, on the default port. Every resolved address is checked
//! before connecting ([`address`]) and again after each redirect (at most 3).
//! `--allow-loopback` opens 127.0.0.1 and ::1 only; `--resolve HOST=ADDR:PORT`
//! points an allowed host at another address, which is checked the same way, and
//! a host mapped to loopback under `--allow-loopback` is spoken to in plain http
//! (a local test server or mirror).
//!
//! Robustness: connect and whole-request timeouts, a body cap, at most 3 tries
//! with exponential backoff and jitter, and only after a timeout, 408, 429
//! (honouring `Retry-After` up to a bound) or 5xx; a per-host concurrency limit
//! and interval; a cache of definite outcomes. Rate limits, server errors and
//! timeouts end as unknown, never as broken.

pub mod address;
pub mod cache;
pub mod classify;
pub mod http;
pub mod schedule;
pub mod target;

use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

pub use target::{Address, Service, UrlRefusal};

/// What the probe found out about one badge image URL.
///
/// The cache stores the serialized form of working and broken outcomes; an
/// unknown one is never stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "kebab-case")]
pub enum Outcome {
    /// The service serves the badge.
    Working,
    /// The service says the badge cannot work: its own message, sanitized
    /// (`img.shields.io shows `repo not found``).
    Broken { message: String },
    /// The probe could not tell, and why.
    Unknown { reason: UnknownReason },
}

/// Why the probe could not tell whether a badge works. None of these says the
/// badge is broken. The text (`Display`) is what `badge-unknown` reports; text
/// that came from a service is sanitized when the reason is made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum UnknownReason {
    /// The URL is not one the probe fetches. The linter hands the probe only URLs
    /// that [`Address::from_badge`] accepts, so this reaches only other callers.
    NotChecked { refusal: UrlRefusal },
    /// Every try ended in a timeout, 408, 429 or 5xx; `last` is how the last one ended.
    GaveUp { last: Transient, tries: u32 },
    /// A 429 or 503 whose `Retry-After` is longer than the probe waits.
    RetryAfterTooLong { last: Transient, wait: Duration },
    /// A final answer whose status says nothing about the badge (401, 403, ...).
    OtherStatus { host: String, status: u16 },
    /// shields.io answered, but not with the badge's JSON.
    NotBadgeJson { host: String },
    /// shields.io's message says it, or the service behind it, has a problem
    /// (`rate limited by upstream service`, `internal error`, ...).
    ServiceProblem { host: String, message: String },
    /// shields.io's workflow badge shows `no status`.
    ShieldsNoStatus { host: String },
    /// GitHub's workflow badge, whose title ends in `no status`: no run matches
    /// the badge's branch or event.
    WorkflowNoStatus { host: String, title: String },
    /// A redirect (301, 302, 303, 307, 308) without a `Location` header.
    RedirectWithoutLocation { host: String, status: u16 },
    /// The chain that started at `host` redirects more than `max` times.
    TooManyRedirects { host: String, max: u32 },
    /// A redirect to a URL the probe does not fetch; `location` as the server
    /// wrote it, sanitized.
    RedirectRefused { location: String, refusal: UrlRefusal },
    /// The host resolves to an address the probe does not connect to.
    ConnectRefused { host: String, refused: http::Refused },
    /// The answer's body is larger than `max_body` bytes.
    TooLarge { host: String, max_body: u64 },
    /// The name resolves to no address.
    DoesNotResolve { host: String },
    /// Any other failure to fetch (TLS, a reset connection, a malformed answer);
    /// `detail` is the HTTP client's error, sanitized.
    FetchFailed { host: String, detail: String },
}

/// A failure worth another try: the next one may not repeat it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Transient {
    /// A connect, a read or the whole try ran out of time.
    TimedOut { host: String },
    /// 408, 429 or a 5xx.
    Status { host: String, status: u16 },
}

impl std::fmt::Display for UnknownReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use classify::status_text;
        match self {
            UnknownReason::NotChecked { refusal } => write!(f, "not checked: {refusal}"),
            UnknownReason::GaveUp { last, tries } if *tries > 1 => write!(f, "{last} ({tries} tries)"),
            UnknownReason::GaveUp { last, .. } => write!(f, "{last}"),
            UnknownReason::RetryAfterTooLong { last, wait } => {
                write!(f, "{last} and asks to wait {} before retrying", seconds(*wait))
            }
            UnknownReason::OtherStatus { host, status } => {
                write!(f, "{host} answered {}", status_text(*status))
            }
            UnknownReason::NotBadgeJson { host } => write!(f, "{host} did not answer with the badge's JSON"),
            UnknownReason::ServiceProblem { host, message } => write!(f, "{host} shows `{message}`"),
            UnknownReason::ShieldsNoStatus { host } => write!(
                f,
                "{host} shows `no status`: no workflow run matches the badge's branch or event"
            ),
            UnknownReason::WorkflowNoStatus { host, title } => write!(
                f,
                "{host} shows `{title}`: no run of the workflow matches the badge's branch or event"
            ),
            UnknownReason::RedirectWithoutLocation { host, status } => {
                write!(f, "{host} answered {status} without a Location")
            }
            UnknownReason::TooManyRedirects { host, max } => {
                write!(f, "{host} redirects more than {max} times")
            }
            UnknownReason::RedirectRefused { location, refusal } => {
                write!(f, "the redirect to `{location}` was refused: {refusal}")
            }
            UnknownReason::ConnectRefused { host, refused } => {
                write!(f, "refused to connect to {host}: {refused}")
            }
            UnknownReason::TooLarge { host, max_body } => write!(
                f,
                "{host}'s answer is larger than the {} KiB limit",
                max_body / 1024
            ),
            UnknownReason::DoesNotResolve { host } => write!(f, "{host} does not resolve"),
            UnknownReason::FetchFailed { host, detail } => write!(f, "cannot fetch from {host}: {detail}"),
        }
    }
}

impl std::fmt::Display for Transient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Transient::TimedOut { host } => write!(f, "{host} timed out"),
            Transient::Status { host, status } => {
                write!(f, "{host} answered {}", classify::status_text(*status))
            }
        }
    }
}

/// The outcomes of a probe, by badge image URL as written in the README.
#[derive(Debug, Clone, Default)]
pub struct ProbeResults {
    outcomes: HashMap<String, Outcome>,
}

impl ProbeResults {
    pub fn get(&self, url: &str) -> Option<&Outcome> {
        self.outcomes.get(url)
    }

    pub fn contains(&self, url: &str) -> bool {
        self.outcomes.contains_key(url)
    }

    pub fn insert(&mut self, url: String, outcome: Outcome) {
        self.outcomes.insert(url, outcome);
    }

    pub fn extend(&mut self, other: ProbeResults) {
        self.outcomes.extend(other.outcomes);
    }

    pub fn len(&self) -> usize {
        self.outcomes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.outcomes.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &Outcome)> {
        self.outcomes.iter().map(|(url, outcome)| (url.as_str(), outcome))
    }
}

impl FromIterator<(String, Outcome)> for ProbeResults {
    fn from_iter<I: IntoIterator<Item = (String, Outcome)>>(iter: I) -> Self {
        ProbeResults {
            outcomes: iter.into_iter().collect(),
        }
    }
}

/// Where the cache lives and how long its entries stay fresh.
#[derive(Debug, Clone)]
pub struct CacheSettings {
    pub dir: PathBuf,
    pub max_age: Duration,
}

/// How the probe runs. [`ProbeConfig::new`] gives the defaults of `--online`.
#[derive(Debug, Clone)]
pub struct ProbeConfig {
    /// The hosts the probe may contact (the catalogue's `probe-hosts`).
    pub hosts: Vec<String>,
    pub gate: http::Gate,
    pub connect_timeout: Duration,
    /// The budget of one try, redirects included.
    pub request_timeout: Duration,
    pub max_body: u64,
    pub max_tries: u32,
    pub max_redirects: u32,
    /// The first backoff; it doubles with each try, plus up to as much again of jitter.
    pub backoff: Duration,
    /// The longest `Retry-After` the probe waits for; a longer one ends the tries.
    pub max_retry_after: Duration,
    pub limits: schedule::Limits,
    pub cache: Option<CacheSettings>,
    pub user_agent: String,
}

impl ProbeConfig {
    /// The defaults: the built-in allow-list, connect timeout 5 s, 10 s per try,
    /// a 1 MiB body cap, 3 tries, 3 redirects, 8 workers, 2 requests in flight
    /// per host 100 ms apart, no cache.
    pub fn new() -> ProbeConfig {
        ProbeConfig {
            hosts: crate::badges::Catalog::built_in().probe_hosts.clone(),
            gate: http::Gate::default(),
            connect_timeout: Duration::from_secs(5),
            request_timeout: Duration::from_secs(10),
            max_body: 1024 * 1024,
            max_tries: 3,
            max_redirects: 3,
            backoff: Duration::from_millis(500),
            max_retry_after: Duration::from_secs(10),
            limits: schedule::Limits {
                workers: 8,
                per_host: 2,
                interval: Duration::from_millis(100),
            },
            cache: None,
            user_agent: format!(
                "readme-lint/{} (badge probe; +https://github.com/readme-lint/readme-lint)",
                env!("CARGO_PKG_VERSION")
            ),
        }
    }

    /// Adds a `--resolve HOST=ADDR:PORT` mapping; the host must be one the probe may contact.
    pub fn add_resolve(&mut self, spec: &str) -> Result<(), String> {
        let (host, address) = parse_resolve(spec)?;
        if !self
            .hosts
            .iter()
            .any(|allowed| allowed.eq_ignore_ascii_case(&host))
        {
            return Err(format!(
                "--resolve `{spec}`: `{host}` is not a host the probe contacts (probe-hosts in rules/badges.yml: {})",
                self.hosts.join(", ")
            ));
        }
        self.gate.resolve.insert(host, address);
        Ok(())
    }
}

impl Default for ProbeConfig {
    fn default() -> Self {
        Self::new()
    }
}

/// Parses `HOST=ADDR:PORT` (`ADDR` may be `[v6]`).
pub fn parse_resolve(spec: &str) -> Result<(String, SocketAddr), String> {
    let Some((host, address)) = spec.split_once('=') else {
        return Err(format!(
            "--resolve `{spec}`: write it as HOST=ADDR:PORT, e.g. img.shields.io=127.0.0.1:8080"
        ));
    };
    let host = host.trim().trim_end_matches('.').to_ascii_lowercase();
    if host.is_empty() {
        return Err(format!("--resolve `{spec}`: the host is empty"));
    }
    let address: SocketAddr = address.trim().parse().map_err(|_| {
        format!(
            "--resolve `{spec}`: `{address}` is not ADDR:PORT (an IP address and a port, [v6]:port for IPv6)"
        )
    })?;
    Ok((host, address))
}

/// Parses a cache age with the one age grammar ([`crate::dates::parse_age`]): `0`, or
/// days, hours, minutes or seconds (`1d`, `12h`, `30m`, `2 weeks`); a day is 24 hours.
pub fn parse_age(text: &str) -> Result<Duration, String> {
    let invalid = || format!("`{}` is not an age; write e.g. 1d, 12h, 30m or 0", text.trim());
    let span = crate::dates::parse_age(text).map_err(|_| invalid())?;
    let duration = span
        .to_duration(jiff::SpanRelativeTo::days_are_24_hours())
        .map_err(|_| invalid())?;
    Duration::try_from(duration).map_err(|_| invalid())
}

/// What a probe run did.
#[derive(Debug, Default)]
pub struct ProbeReport {
    pub results: ProbeResults,
    /// URLs fetched over the network.
    pub fetched: usize,
    /// URLs answered from the cache.
    pub cached: usize,
    /// Why the cache could not be written, if it could not.
    pub cache_error: Option<String>,
}

/// Probes each distinct URL once: from the cache when it has a fresh entry, else
/// over the network. `progress` hears `(done, total)` as URLs finish.
pub fn probe(urls: &[String], config: &ProbeConfig, progress: &(dyn Fn(usize, usize) + Sync)) -> ProbeReport {
    let distinct: BTreeSet<&String> = urls.iter().collect();
    let mut report = ProbeReport::default();
    let mut cache = config
        .cache
        .as_ref()
        .filter(|settings| !settings.max_age.is_zero())
        .map(|settings| cache::Cache::open(&settings.dir, settings.max_age));
    let mut to_fetch: Vec<String> = Vec::new();
    for url in distinct {
        match cache.as_ref().and_then(|cache| cache.get(url)) {
            Some(outcome) => {
                report.cached += 1;
                report.results.insert(url.clone(), outcome);
            }
            None => to_fetch.push(url.clone()),
        }
    }
    report.fetched = to_fetch.len();
    if to_fetch.is_empty() {
        return report;
    }
    let client = http::Client::new(config);
    let outcomes = schedule::run(
        &to_fetch,
        |url| {
            Address::from_badge(url, &config.hosts)
                .map(|address| address.host().to_string())
                .unwrap_or_default()
        },
        config.limits,
        |url| probe_one(&client, url, config),
        progress,
    );
    let checked: Vec<(String, Outcome)> = to_fetch.into_iter().zip(outcomes).collect();
    if let Some(cache) = cache.as_mut()
        && let Err(error) = cache.store(&checked)
    {
        report.cache_error = Some(format!(
            "{}: {error}",
            config
                .cache
                .as_ref()
                .map_or(String::new(), |c| c.dir.display().to_string())
        ));
    }
    report.results.outcomes.extend(checked);
    report
}

/// Probes one URL with retries.
fn probe_one(client: &http::Client, url: &str, config: &ProbeConfig) -> Outcome {
    let address = match Address::from_badge(url, &config.hosts) {
        Ok(address) => address,
        Err(refusal) => {
            return Outcome::Unknown {
                reason: UnknownReason::NotChecked { refusal },
            };
        }
    };
    let service = address.service();
    let (start, accept) = match service {
        Service::Shields => (address.shields_json(), "application/json"),
        _ => (address.clone(), "image/svg+xml,image/*;q=0.9,*/*;q=0.1"),
    };
    let mut jitter = Jitter::new(url);
    let tries = config.max_tries.max(1);
    let mut attempt = 0;
    loop {
        attempt += 1;
        let (last, retry_after) = match client.fetch(&start, accept, config.request_timeout) {
            http::Fetched::Failed(reason) => return Outcome::Unknown { reason },
            http::Fetched::Timeout => (
                Transient::TimedOut {
                    host: start.host().to_string(),
                },
                None,
            ),
            http::Fetched::Answer {
                status,
                content_type,
                body,
                retry_after,
                host,
            } => match classify::classify(service, &host, status, content_type.as_deref(), &body) {
                classify::Verdict::Done(outcome) => return outcome,
                classify::Verdict::Retry(failure) => {
                    (failure, retry_after.filter(|_| status == 429 || status == 503))
                }
            },
        };
        if attempt >= tries {
            return Outcome::Unknown {
                reason: UnknownReason::GaveUp { last, tries },
            };
        }
        let wait = match retry_after {
            Some(after) if after > config.max_retry_after => {
                return Outcome::Unknown {
                    reason: UnknownReason::RetryAfterTooLong { last, wait: after },
                };
            }
            Some(after) => after,
            None => {
                let base = config.backoff.saturating_mul(1 << (attempt - 1).min(16));
                base + jitter.up_to(base)
            }
        };
        std::thread::sleep(wait);
    }
}

fn seconds(duration: Duration) -> String {
    let millis = duration.as_millis();
    if millis.is_multiple_of(1000) {
        format!("{} s", millis / 1000)
    } else {
        format!("{:.1} s", duration.as_secs_f64())
    }
}

/// A small xorshift generator for backoff jitter, seeded from the clock and the URL.
struct Jitter(u64);

impl Jitter {
    fn new(url: &str) -> Jitter {
        let clock = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |since| since.as_nanos() as u64);
        let seed = url.bytes().fold(clock ^ 0x9e37_79b9_7f4a_7c15, |hash, byte| {
            (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
        });
        Jitter(seed | 1)
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// A random duration in `[0, limit]`.
    fn up_to(&mut self, limit: Duration) -> Duration {
        let nanos = limit.as_nanos().min(u128::from(u64::MAX)) as u64;
        if nanos == 0 {
            return Duration::ZERO;
        }
        Duration::from_nanos(self.next() % (nanos + 1))
    }
}

/// Text from a service, safe to print: control characters, ANSI escape
/// sequences, bidirectional overrides and backticks removed, whitespace
/// collapsed, at most `max_chars` characters.
pub fn sanitize(text: &str, max_chars: usize) -> String {
    let mut cleaned = String::with_capacity(text.len().min(max_chars * 4));
    let mut chars = text.chars().peekable();
    while let Some(ch) = chars.next() {
        if ch == '\u{1b}' {
            // Skip a CSI sequence (ESC [ ... final byte) or the one character after ESC.
            if chars.peek() == Some(&'[') {
                chars.next();
                for next in chars.by_ref() {
                    if ('\u{40}'..='\u{7e}').contains(&next) {
                        break;
                    }
                }
            } else {
                chars.next();
            }
            cleaned.push(' ');
            continue;
        }
        let unsafe_char = ch.is_control()
            || matches!(ch, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
            || ch == '`';
        cleaned.push(if unsafe_char { ' ' } else { ch });
    }
    let collapsed = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    if collapsed.chars().count() <= max_chars {
        return collapsed;
    }
    let mut out: String = collapsed.chars().take(max_chars.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// A one-line progress bar: `probing badges [#####-----] 12/40`.
pub fn progress_line(done: usize, total: usize, width: usize) -> String {
    let filled = (done.min(total) * width).checked_div(total).unwrap_or(width);
    format!(
        "probing badges [{}{}] {done}/{total}",
        "#".repeat(filled),
        "-".repeat(width - filled)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each reason's text, word for word as the probe wrote it when reasons were strings.
    #[test]
    fn reasons_read_as_before() {
        let host = || "img.shields.io".to_string();
        let too_many_requests = Transient::Status {
            host: host(),
            status: 429,
        };
        let cases = [
            (
                UnknownReason::NotChecked {
                    refusal: UrlRefusal::NotAbsolute,
                },
                "not checked: not an absolute URL",
            ),
            (
                UnknownReason::GaveUp {
                    last: Transient::TimedOut { host: host() },
                    tries: 3,
                },
                "img.shields.io timed out (3 tries)",
            ),
            (
                UnknownReason::GaveUp {
                    last: Transient::TimedOut { host: host() },
                    tries: 1,
                },
                "img.shields.io timed out",
            ),
            (
                UnknownReason::GaveUp {
                    last: Transient::Status {
                        host: host(),
                        status: 500,
                    },
                    tries: 3,
                },
                "img.shields.io answered 500 Internal Server Error (3 tries)",
            ),
            (
                UnknownReason::RetryAfterTooLong {
                    last: too_many_requests.clone(),
                    wait: Duration::from_secs(3600),
                },
                "img.shields.io answered 429 Too Many Requests and asks to wait 3600 s before retrying",
            ),
            (
                UnknownReason::RetryAfterTooLong {
                    last: too_many_requests,
                    wait: Duration::from_millis(12_500),
                },
                "img.shields.io answered 429 Too Many Requests and asks to wait 12.5 s before retrying",
            ),
            (
                UnknownReason::OtherStatus {
                    host: "codecov.io".into(),
                    status: 403,
                },
                "codecov.io answered 403 Forbidden",
            ),
            (
                UnknownReason::OtherStatus {
                    host: "codecov.io".into(),
                    status: 418,
                },
                "codecov.io answered 418",
            ),
            (
                UnknownReason::NotBadgeJson { host: host() },
                "img.shields.io did not answer with the badge's JSON",
            ),
            (
                UnknownReason::ServiceProblem {
                    host: host(),
                    message: "rate limited by upstream service".into(),
                },
                "img.shields.io shows `rate limited by upstream service`",
            ),
            (
                UnknownReason::ShieldsNoStatus { host: host() },
                "img.shields.io shows `no status`: no workflow run matches the badge's branch or event",
            ),
            (
                UnknownReason::WorkflowNoStatus {
                    host: "github.com".into(),
                    title: "Release - no status".into(),
                },
                "github.com shows `Release - no status`: no run of the workflow matches the badge's branch or event",
            ),
            (
                UnknownReason::RedirectWithoutLocation {
                    host: host(),
                    status: 302,
                },
                "img.shields.io answered 302 without a Location",
            ),
            (
                UnknownReason::TooManyRedirects { host: host(), max: 3 },
                "img.shields.io redirects more than 3 times",
            ),
            (
                UnknownReason::RedirectRefused {
                    location: "https://10.0.0.1/latest".into(),
                    refusal: UrlRefusal::HostNotAllowed {
                        host: "10.0.0.1".into(),
                    },
                },
                "the redirect to `https://10.0.0.1/latest` was refused: `10.0.0.1` is not a host the probe may contact (probe-hosts in rules/badges.yml)",
            ),
            (
                UnknownReason::RedirectRefused {
                    location: "http://img.shields.io/x.json".into(),
                    refusal: UrlRefusal::Downgrade,
                },
                "the redirect to `http://img.shields.io/x.json` was refused: it downgrades to plain http",
            ),
            (
                UnknownReason::ConnectRefused {
                    host: "codecov.io".into(),
                    refused: http::Refused("10.0.0.1 is a private address".into()),
                },
                "refused to connect to codecov.io: 10.0.0.1 is a private address",
            ),
            (
                UnknownReason::TooLarge {
                    host: host(),
                    max_body: 1024 * 1024,
                },
                "img.shields.io's answer is larger than the 1024 KiB limit",
            ),
            (
                UnknownReason::DoesNotResolve { host: host() },
                "img.shields.io does not resolve",
            ),
            (
                UnknownReason::FetchFailed {
                    host: host(),
                    detail: "io: Connection reset by peer".into(),
                },
                "cannot fetch from img.shields.io: io: Connection reset by peer",
            ),
        ];
        for (reason, text) in cases {
            assert_eq!(reason.to_string(), text, "{reason:?}");
            // The serialized form reads back as the same reason.
            let json = serde_json::to_string(&Outcome::Unknown {
                reason: reason.clone(),
            })
            .unwrap();
            let back: Outcome = serde_json::from_str(&json).unwrap();
            assert_eq!(back, Outcome::Unknown { reason }, "{json}");
        }
    }

    #[test]
    fn sanitizing() {
        assert_eq!(sanitize("repo not found", 80), "repo not found");
        assert_eq!(sanitize("\u{1b}[31mred\u{1b}[0m text", 80), "red text");
        assert_eq!(sanitize("a\nb\r\n::error::x", 80), "a b ::error::x");
        assert_eq!(sanitize("`code`\u{202e}evil", 80), "code evil");
        assert_eq!(sanitize("abcdefghij", 5), "abcd…");
    }

    #[test]
    fn resolve_specs() {
        assert_eq!(
            parse_resolve("IMG.shields.io=127.0.0.1:8080").unwrap(),
            ("img.shields.io".to_string(), "127.0.0.1:8080".parse().unwrap())
        );
        assert_eq!(
            parse_resolve("github.com=[::1]:9").unwrap().1,
            "[::1]:9".parse::<SocketAddr>().unwrap()
        );
        assert!(parse_resolve("github.com").is_err());
        assert!(parse_resolve("github.com=localhost:80").is_err());
        assert!(parse_resolve("github.com=127.0.0.1").is_err());
        let mut config = ProbeConfig::new();
        assert!(config.add_resolve("img.shields.io=127.0.0.1:1").is_ok());
        let error = config.add_resolve("example.com=127.0.0.1:1").unwrap_err();
        assert!(error.contains("not a host the probe contacts"), "{error}");
    }

    #[test]
    fn ages() {
        assert_eq!(parse_age("1d").unwrap(), Duration::from_secs(86_400));
        assert_eq!(parse_age("12h").unwrap(), Duration::from_secs(43_200));
        assert_eq!(parse_age("30m").unwrap(), Duration::from_secs(1800));
        assert_eq!(parse_age("0").unwrap(), Duration::ZERO);
        assert_eq!(parse_age("1 week").unwrap(), Duration::from_secs(7 * 86_400));
        assert!(parse_age("1y").is_err(), "a year has no fixed length");
        assert!(parse_age("-1d").is_err());
        assert!(parse_age("d").is_err());
    }

    #[test]
    fn jitter_stays_in_bounds() {
        let mut jitter = Jitter::new("https://img.shields.io/x");
        for _ in 0..100 {
            assert!(jitter.up_to(Duration::from_millis(10)) <= Duration::from_millis(10));
        }
        assert_eq!(jitter.up_to(Duration::ZERO), Duration::ZERO);
    }

    #[test]
    fn progress() {
        assert_eq!(progress_line(1, 4, 8), "probing badges [##------] 1/4");
        assert_eq!(progress_line(0, 0, 4), "probing badges [####] 0/0");
    }
}
