//! One fetch: a GET with redirects followed by hand (each hop's URL checked
//! against the allow-list, each hop's addresses checked before connecting), a
//! time budget for the whole chain and a cap on the body.
//!
//! ureq does the HTTP/1.1 and TLS (rustls). Its resolver is replaced by
//! [`GateResolver`], which applies `--resolve` and refuses private, loopback,
//! link-local, ... addresses (see [`super::address`]); a connector placed before
//! the TCP connector checks the same addresses again, so nothing connects to an
//! address the gate has not passed. ureq's own redirect handling and its
//! environment proxy are off: a proxy would resolve the host where the gate
//! cannot see it.

use super::address::refusal;
use super::target::Address;
use super::{ProbeConfig, UnknownReason, sanitize};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};
use ureq::config::Config;
use ureq::http::Uri;
use ureq::unversioned::resolver::{DefaultResolver, ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::{
    ConnectionDetails, Connector, NextTimeout, RustlsConnector, TcpConnector,
};

/// Which addresses may be reached, and where `--resolve` points hosts.
#[derive(Debug, Clone, Default)]
pub struct Gate {
    pub allow_loopback: bool,
    /// Lowercase host to the address to connect to instead of resolving it.
    pub resolve: HashMap<String, SocketAddr>,
}

/// A refusal to connect, with the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Refused(pub String);

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Refused {}

impl Gate {
    /// True when `host` is spoken to in plain http: only when `--resolve` maps it to
    /// 127.0.0.1 or ::1 and `--allow-loopback` is given (a local server for tests
    /// or a local mirror).
    pub fn plain_http(&self, host: &str) -> bool {
        self.allow_loopback
            && self
                .resolve
                .get(host)
                .is_some_and(|address| address.ip().is_loopback() && refusal(address.ip(), true).is_none())
    }

    /// Checks every address a host resolved to; one bad address refuses them all
    /// (a name that resolves to a public and a private address is not trusted).
    pub fn check(&self, addresses: &[SocketAddr], plain_http: bool) -> Result<(), Refused> {
        if addresses.is_empty() {
            return Err(Refused("the host resolves to no address".into()));
        }
        for address in addresses {
            if let Some(why) = refusal(address.ip(), self.allow_loopback) {
                return Err(Refused(format!("{} is {why}", address.ip())));
            }
            if plain_http && !address.ip().is_loopback() {
                return Err(Refused(format!(
                    "plain http is spoken only to loopback addresses, not to {}",
                    address.ip()
                )));
            }
        }
        Ok(())
    }
}

/// Resolves through `--resolve` or the system, then lets the gate judge.
#[derive(Debug)]
struct GateResolver {
    gate: Arc<Gate>,
    system: DefaultResolver,
}

impl Resolver for GateResolver {
    fn resolve(
        &self,
        uri: &Uri,
        config: &Config,
        timeout: NextTimeout,
    ) -> Result<ResolvedSocketAddrs, ureq::Error> {
        let host = uri
            .host()
            .unwrap_or("")
            .trim_start_matches('[')
            .trim_end_matches(']')
            .to_ascii_lowercase();
        let plain_http = uri.scheme_str() != Some("https");
        let addresses = match self.gate.resolve.get(&host) {
            Some(address) => {
                let mut addresses = self.empty();
                addresses.push(*address);
                addresses
            }
            None => self.system.resolve(uri, config, timeout)?,
        };
        self.gate
            .check(&addresses, plain_http)
            .map_err(|refused| ureq::Error::Other(Box::new(refused)))?;
        Ok(addresses)
    }
}

/// Sits before the TCP connector and checks the addresses once more, right
/// before a socket is opened.
#[derive(Debug)]
struct GuardConnector {
    gate: Arc<Gate>,
}

impl Connector<()> for GuardConnector {
    type Out = ();

    fn connect(&self, details: &ConnectionDetails, chained: Option<()>) -> Result<Option<()>, ureq::Error> {
        let plain_http = !details.needs_tls();
        self.gate
            .check(&details.addrs, plain_http)
            .map_err(|refused| ureq::Error::Other(Box::new(refused)))?;
        Ok(chained)
    }
}

/// The outcome of one fetch (one try).
#[derive(Debug)]
pub enum Fetched {
    /// A final answer (not a redirect).
    Answer {
        status: u16,
        content_type: Option<String>,
        body: Vec<u8>,
        retry_after: Option<Duration>,
        host: String,
    },
    /// The budget ran out, or a connect or read timed out: worth another try.
    Timeout,
    /// Refused or failed in a way another try would not change.
    Failed(UnknownReason),
}

/// The HTTP client of one probe run.
pub struct Client {
    agent: ureq::Agent,
    gate: Arc<Gate>,
    hosts: Vec<String>,
    max_redirects: u32,
    max_body: u64,
}

impl Client {
    pub fn new(config: &ProbeConfig) -> Client {
        let gate = Arc::new(config.gate.clone());
        let agent_config = ureq::Agent::config_builder()
            .proxy(None)
            .max_redirects(0)
            .http_status_as_error(false)
            .https_only(false)
            .timeout_connect(Some(config.connect_timeout))
            .timeout_global(Some(config.request_timeout))
            .user_agent(config.user_agent.as_str())
            .accept_encoding("identity")
            .max_response_header_size(64 * 1024)
            .build();
        let connector =
            ().chain(GuardConnector { gate: gate.clone() })
                .chain(TcpConnector::default())
                .chain(RustlsConnector::default());
        let resolver = GateResolver {
            gate: gate.clone(),
            system: DefaultResolver::default(),
        };
        Client {
            agent: ureq::Agent::with_parts(agent_config, connector, resolver),
            gate,
            hosts: config.hosts.clone(),
            max_redirects: config.max_redirects,
            max_body: config.max_body,
        }
    }

    /// GETs `start`, following up to `max_redirects` redirects to allowed
    /// addresses, all within `budget`.
    pub fn fetch(&self, start: &Address, accept: &str, budget: Duration) -> Fetched {
        let deadline = Instant::now() + budget;
        let mut address = start.clone();
        let mut hops = 0;
        loop {
            let remaining = deadline.saturating_duration_since(Instant::now());
            if remaining.is_zero() {
                return Fetched::Timeout;
            }
            let scheme = if self.gate.plain_http(address.host()) {
                "http"
            } else {
                "https"
            };
            let url = format!("{scheme}://{}{}", address.host(), address.request_target());
            let request = self
                .agent
                .get(&url)
                .header("accept", accept)
                .config()
                .timeout_global(Some(remaining))
                .build();
            let mut response = match request.call() {
                Ok(response) => response,
                Err(error) => return failure(error, address.host(), self.max_body),
            };
            let status = response.status().as_u16();
            let header = |name: &str| {
                response
                    .headers()
                    .get(name)
                    .and_then(|value| value.to_str().ok())
                    .map(str::to_string)
            };
            if matches!(status, 301 | 302 | 303 | 307 | 308) {
                let Some(location) = header("location") else {
                    return Fetched::Failed(UnknownReason::RedirectWithoutLocation {
                        host: address.host().to_string(),
                        status,
                    });
                };
                if hops == self.max_redirects {
                    return Fetched::Failed(UnknownReason::TooManyRedirects {
                        host: start.host().to_string(),
                        max: self.max_redirects,
                    });
                }
                match address.follow(&location, &self.hosts) {
                    Ok(next) => address = next,
                    Err(refusal) => {
                        return Fetched::Failed(UnknownReason::RedirectRefused {
                            location: sanitize(&location, 100),
                            refusal,
                        });
                    }
                }
                hops += 1;
                continue;
            }
            let content_type = header("content-type");
            let retry_after = header("retry-after").and_then(|value| parse_retry_after(&value));
            let body = response
                .body_mut()
                .with_config()
                .limit(self.max_body)
                .read_to_vec();
            return match body {
                Ok(body) => Fetched::Answer {
                    status,
                    content_type,
                    body,
                    retry_after,
                    host: address.host().to_string(),
                },
                Err(error) => failure(error, address.host(), self.max_body),
            };
        }
    }
}

/// Maps a ureq error to a timeout (worth another try) or a failure.
fn failure(error: ureq::Error, host: &str, max_body: u64) -> Fetched {
    let io_kind = |error: &ureq::Error| match error {
        ureq::Error::Io(io) => Some(io.kind()),
        _ => None,
    };
    if matches!(error, ureq::Error::Timeout(_))
        || matches!(
            io_kind(&error),
            Some(std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock)
        )
    {
        return Fetched::Timeout;
    }
    let host = host.to_string();
    if let ureq::Error::Other(inner) = &error
        && let Some(refused) = inner.downcast_ref::<Refused>()
    {
        return Fetched::Failed(UnknownReason::ConnectRefused {
            host,
            refused: refused.clone(),
        });
    }
    let reason = match &error {
        ureq::Error::BodyExceedsLimit(_) => UnknownReason::TooLarge { host, max_body },
        ureq::Error::HostNotFound => UnknownReason::DoesNotResolve { host },
        ureq::Error::Io(io)
            if io
                .get_ref()
                .is_some_and(|inner| inner.to_string().contains("exceeds limit")) =>
        {
            UnknownReason::TooLarge { host, max_body }
        }
        other => UnknownReason::FetchFailed {
            host,
            detail: sanitize(&other.to_string(), 160),
        },
    };
    Fetched::Failed(reason)
}

/// `Retry-After` as seconds, or as an HTTP date from now.
pub fn parse_retry_after(value: &str) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let when = jiff::fmt::rfc2822::parse(value).ok()?;
    let now = jiff::Timestamp::now();
    let seconds = when.timestamp().as_second() - now.as_second();
    Some(Duration::from_secs(seconds.max(0) as u64))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn addr(text: &str) -> SocketAddr {
        text.parse().unwrap()
    }

    #[test]
    fn the_gate_refuses_before_connecting() {
        let strict = Gate::default();
        assert!(strict.check(&[addr("140.82.112.3:443")], false).is_ok());
        for bad in [
            "127.0.0.1:80",
            "[::1]:80",
            "10.0.0.1:443",
            "169.254.169.254:80",
            "100.100.100.200:80",
            "[fd00:ec2::254]:80",
            "[::ffff:10.0.0.1]:443",
            "0.0.0.0:443",
        ] {
            assert!(strict.check(&[addr(bad)], false).is_err(), "{bad}");
        }
        // One bad address among good ones refuses the host.
        assert!(
            strict
                .check(&[addr("140.82.112.3:443"), addr("10.0.0.1:443")], false)
                .is_err()
        );
        assert!(strict.check(&[], false).is_err());

        let loopback = Gate {
            allow_loopback: true,
            resolve: HashMap::new(),
        };
        assert!(loopback.check(&[addr("127.0.0.1:8080")], true).is_ok());
        assert!(loopback.check(&[addr("[::1]:8080")], true).is_ok());
        assert!(loopback.check(&[addr("10.0.0.1:443")], false).is_err());
        assert!(loopback.check(&[addr("169.254.169.254:80")], false).is_err());
        // Plain http goes to loopback only.
        assert!(loopback.check(&[addr("140.82.112.3:80")], true).is_err());
    }

    #[test]
    fn plain_http_only_to_a_mapped_loopback_under_allow_loopback() {
        let mut resolve = HashMap::new();
        resolve.insert("img.shields.io".to_string(), addr("127.0.0.1:9"));
        resolve.insert("codecov.io".to_string(), addr("10.0.0.1:443"));
        let gate = Gate {
            allow_loopback: true,
            resolve: resolve.clone(),
        };
        assert!(gate.plain_http("img.shields.io"));
        assert!(!gate.plain_http("codecov.io"));
        assert!(!gate.plain_http("github.com"));
        let strict = Gate {
            allow_loopback: false,
            resolve,
        };
        assert!(!strict.plain_http("img.shields.io"));
    }

    #[test]
    fn retry_after() {
        assert_eq!(parse_retry_after(" 2 "), Some(Duration::from_secs(2)));
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon"), None);
    }
}
