//! The URLs the probe fetches: https, a host from the catalogue's allow-list
//! (`probe-hosts` in `rules/badges.yml`), no credentials, the default port. A
//! README's badge URL and every redirect's `Location` go through the same checks.
//!
//! URLs are parsed and joined by the `url` crate, the WHATWG URL parser that
//! browsers follow: a `Location` such as `../x`, `?q` or `//host/path` leads
//! where a browser would go (dot segments removed, `\` read as `/`), so the host
//! checked here is the host the request goes to.

use serde::{Deserialize, Serialize};
use url::{Host, Position, Url};

/// An https URL the probe may fetch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Address {
    /// https, an allowed host (lowercase, without a trailing dot), the default
    /// port, no credentials, no fragment; the path and query percent-encoded
    /// as a request line needs them.
    url: Url,
}

/// Why the probe will not fetch a URL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum UrlRefusal {
    /// A relative URL: a file in the repository, not a service.
    NotAbsolute,
    /// A scheme other than http and https.
    NotHttp,
    Credentials,
    /// A port other than the default one of https (or of http, for a badge URL read as https).
    Port {
        port: u16,
    },
    NoHost,
    InvalidPort,
    /// A host outside the catalogue's allow-list, as the URL names it.
    HostNotAllowed {
        host: String,
    },
    /// Any other URL the parser rejects; `detail` is its message.
    Malformed {
        detail: String,
    },
    EmptyLocation,
    /// A redirect from https to http.
    Downgrade,
    /// A redirect to a scheme other than http and https.
    LeavesHttp,
}

impl std::fmt::Display for UrlRefusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            UrlRefusal::NotAbsolute => f.write_str("not an absolute URL"),
            UrlRefusal::NotHttp => f.write_str("not an http(s) URL"),
            UrlRefusal::Credentials => f.write_str("the URL carries credentials"),
            UrlRefusal::Port { port } => write!(f, "port {port} is not the https port"),
            UrlRefusal::NoHost => f.write_str("the URL has no host"),
            UrlRefusal::InvalidPort => f.write_str("an invalid port"),
            UrlRefusal::HostNotAllowed { host } => write!(
                f,
                "`{}` is not a host the probe may contact (probe-hosts in rules/badges.yml)",
                super::sanitize(host, 80)
            ),
            UrlRefusal::Malformed { detail } => write!(f, "not a valid URL: {detail}"),
            UrlRefusal::EmptyLocation => f.write_str("the redirect has an empty Location"),
            UrlRefusal::Downgrade => f.write_str("it downgrades to plain http"),
            UrlRefusal::LeavesHttp => f.write_str("it leaves http(s)"),
        }
    }
}

impl std::error::Error for UrlRefusal {}

impl From<url::ParseError> for UrlRefusal {
    fn from(error: url::ParseError) -> UrlRefusal {
        match error {
            url::ParseError::EmptyHost => UrlRefusal::NoHost,
            url::ParseError::InvalidPort => UrlRefusal::InvalidPort,
            url::ParseError::RelativeUrlWithoutBase => UrlRefusal::NotAbsolute,
            other => UrlRefusal::Malformed {
                detail: other.to_string(),
            },
        }
    }
}

/// Which answer format the probe reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Service {
    /// shields.io: the `.json` form of the badge, whose `message` tells what it shows.
    Shields,
    /// GitHub's own workflow badge: 404 for a missing workflow, `no status` in the SVG.
    GitHubWorkflow,
    /// Any other service: the status code and an image content type.
    Image,
}

impl Address {
    /// The URL as the probe fetches it.
    pub fn url(&self) -> &str {
        self.url.as_str()
    }

    /// The host, lowercase, without a trailing dot.
    pub fn host(&self) -> &str {
        // Every address has a host: `checked` refuses a URL without one.
        self.url.host_str().unwrap_or_default()
    }

    /// The path and query, as the request line carries them (starts with `/`).
    pub fn request_target(&self) -> &str {
        &self.url[Position::BeforePath..Position::AfterQuery]
    }

    /// A README's badge image URL. `http://` is read as `https://`: every host
    /// the probe may contact serves https, and the probe speaks nothing else.
    pub fn from_badge(url: &str, hosts: &[String]) -> Result<Address, UrlRefusal> {
        let url = url.trim();
        // Only a URL that names its host (`scheme://host/...` or `//host/...`) is a
        // badge on a service; the WHATWG parser would also read `https:host/x` as one,
        // which a README renderer does not.
        let Some(parts) = crate::badges::url::UrlParts::parse(url) else {
            return Err(UrlRefusal::NotAbsolute);
        };
        let parsed = match parts.scheme {
            None => Url::parse(&format!("https:{url}"))?,
            Some(_) => Url::parse(url)?,
        };
        let allowed_ports: &[u16] = match parsed.scheme() {
            "https" => &[443],
            "http" => &[80, 443],
            _ => return Err(UrlRefusal::NotHttp),
        };
        checked(parsed, allowed_ports, hosts)
    }

    /// Where a redirect's `Location` leads from this address: joined as a browser
    /// joins it, then checked like a badge URL, except that http is refused.
    pub fn follow(&self, location: &str, hosts: &[String]) -> Result<Address, UrlRefusal> {
        let location = location.trim();
        if location.is_empty() {
            return Err(UrlRefusal::EmptyLocation);
        }
        let next = self.url.join(location)?;
        match next.scheme() {
            "https" => checked(next, &[443], hosts),
            "http" => Err(UrlRefusal::Downgrade),
            _ => Err(UrlRefusal::LeavesHttp),
        }
    }

    /// The answer format for this address.
    pub fn service(&self) -> Service {
        let path = self.url.path();
        if self.host() == "img.shields.io" {
            Service::Shields
        } else if self.host() == "github.com" && path.contains("/workflows/") && path.ends_with("/badge.svg")
        {
            Service::GitHubWorkflow
        } else {
            Service::Image
        }
    }

    /// The shields.io `.json` form of a badge: the last path segment's image
    /// extension replaced by (or extended with) `.json`; the query stays.
    pub fn shields_json(&self) -> Address {
        let path = self.url.path();
        let segment_start = path.rfind('/').map_or(0, |slash| slash + 1);
        if segment_start == path.len() {
            return self.clone();
        }
        let segment = &path[segment_start..];
        let lower = segment.to_ascii_lowercase();
        let stem = [".svg", ".png", ".json", ".gif", ".jpg"]
            .iter()
            .find(|extension| lower.len() > extension.len() && lower.ends_with(*extension))
            .map_or(segment, |extension| &segment[..segment.len() - extension.len()]);
        let json_path = format!("{}{stem}.json", &path[..segment_start]);
        let mut url = self.url.clone();
        url.set_path(&json_path);
        Address { url }
    }
}

/// Checks a parsed http(s) URL against the probe's rules, and makes it the
/// address the probe fetches: https, host without its trailing dot, no fragment.
fn checked(mut url: Url, allowed_ports: &[u16], hosts: &[String]) -> Result<Address, UrlRefusal> {
    if !url.username().is_empty() || url.password().is_some() {
        return Err(UrlRefusal::Credentials);
    }
    // `port()` is `None` for the scheme's default port (443, or 80 for http).
    if let Some(port) = url.port()
        && !allowed_ports.contains(&port)
    {
        return Err(UrlRefusal::Port { port });
    }
    // The parser has lowercased the host (and mapped an internationalized name to
    // its ASCII form); IP addresses are written without brackets, as the address
    // check writes them.
    let host = match url.host() {
        Some(Host::Domain(domain)) => domain.trim_end_matches('.').to_string(),
        Some(Host::Ipv4(address)) => address.to_string(),
        Some(Host::Ipv6(address)) => address.to_string(),
        None => String::new(),
    };
    if host.is_empty() {
        return Err(UrlRefusal::NoHost);
    }
    if !hosts.iter().any(|allowed| allowed.eq_ignore_ascii_case(&host)) {
        return Err(UrlRefusal::HostNotAllowed { host });
    }
    if url.host_str() != Some(host.as_str()) {
        url.set_host(Some(&host))?;
    }
    if url.scheme() != "https" {
        // http to https, both special schemes: the parser allows it, and drops a port of 443.
        url.set_scheme("https").map_err(|()| UrlRefusal::NotHttp)?;
    }
    url.set_fragment(None);
    // The parser percent-encodes what WHATWG requires; the project's encoder then
    // encodes what a request target may not hold and the parser leaves as is
    // (`|`, `^`, `[`, `]`, and `{`, `}` in the query), as requests always had it.
    let path = request_path(url.path());
    url.set_path(&path);
    if let Some(query) = url.query().map(request_path) {
        url.set_query(Some(&query));
    }
    Ok(Address { url })
}

/// `path` with the characters a request target may not hold percent-encoded
/// (spaces, non-ASCII, quotes, braces, ...); existing `%XX` escapes stay.
fn request_path(path: &str) -> String {
    crate::badges::url::percent_encode(path, "!$&'()*+,;=:@/?%")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hosts() -> Vec<String> {
        ["img.shields.io", "github.com", "codecov.io"]
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn badge_urls() {
        let address = Address::from_badge(
            "https://IMG.shields.io./crates/v/serde.svg?style=flat#x",
            &hosts(),
        )
        .unwrap();
        assert_eq!(address.host(), "img.shields.io");
        assert_eq!(address.request_target(), "/crates/v/serde.svg?style=flat");
        assert_eq!(
            address.url(),
            "https://img.shields.io/crates/v/serde.svg?style=flat"
        );
        let upgraded = Address::from_badge("http://img.shields.io:80/badge/a b-ü-blue", &hosts()).unwrap();
        assert_eq!(upgraded.url(), "https://img.shields.io/badge/a%20b-%C3%BC-blue");
        let on_443 = Address::from_badge("http://img.shields.io:443/x", &hosts()).unwrap();
        assert_eq!(on_443.url(), "https://img.shields.io/x");
        assert_eq!(
            Address::from_badge("//github.com", &hosts())
                .unwrap()
                .request_target(),
            "/"
        );

        for (url, refusal) in [
            ("https://user:pw@img.shields.io/x", UrlRefusal::Credentials),
            ("https://img.shields.io:8443/x", UrlRefusal::Port { port: 8443 }),
            ("https://img.shields.io:99999/x", UrlRefusal::InvalidPort),
            ("https://example.com/x.svg", not_allowed("example.com")),
            ("https://10.0.0.1/x.svg", not_allowed("10.0.0.1")),
            (
                "https://169.254.169.254/latest/meta-data/",
                not_allowed("169.254.169.254"),
            ),
            ("https://[::1]/x", not_allowed("::1")),
            ("ftp://img.shields.io/x", UrlRefusal::NotHttp),
            ("docs/badge.svg", UrlRefusal::NotAbsolute),
            // A browser would read this as https://img.shields.io/x; a README renderer does not.
            ("https:img.shields.io/x", UrlRefusal::NotAbsolute),
            ("https://img.shields.io@evil.example/x", UrlRefusal::Credentials),
        ] {
            assert_eq!(Address::from_badge(url, &hosts()), Err(refusal), "{url}");
        }
        assert_eq!(
            not_allowed("10.0.0.1").to_string(),
            "`10.0.0.1` is not a host the probe may contact (probe-hosts in rules/badges.yml)"
        );
        assert_eq!(
            UrlRefusal::Port { port: 8443 }.to_string(),
            "port 8443 is not the https port"
        );
    }

    /// The request line carries what it carried when target.rs encoded paths by
    /// itself: what the parser leaves (`|`, `^`, `[`, `]`, braces and backticks in
    /// the query) is encoded, existing escapes and a lone `%` stay.
    #[test]
    fn request_targets() {
        let target = |url: &str| {
            Address::from_badge(url, &hosts())
                .unwrap()
                .request_target()
                .to_string()
        };
        assert_eq!(
            target("https://img.shields.io/badge/a|b^[c]-{d}-\"e\"<f>`g`-blue?label=x|y{z}`[0]^\"<>"),
            "/badge/a%7Cb%5E%5Bc%5D-%7Bd%7D-%22e%22%3Cf%3E%60g%60-blue?label=x%7Cy%7Bz%7D%60%5B0%5D%5E%22%3C%3E"
        );
        assert_eq!(
            target("https://img.shields.io/endpoint?url=https%3A%2F%2Fx&label=100%&a=b+c"),
            "/endpoint?url=https%3A%2F%2Fx&label=100%&a=b+c"
        );
        // The one difference: the parser encodes `'` in a query, as browsers send it.
        assert_eq!(
            target("https://img.shields.io/badge/it's-x-y?label=it's"),
            "/badge/it's-x-y?label=it%27s"
        );
        assert_eq!(
            target("https://img.shields.io/badge/ü-ß-€?label=café"),
            "/badge/%C3%BC-%C3%9F-%E2%82%AC?label=caf%C3%A9"
        );
        assert_eq!(
            target("https://img.shields.io/badge/x-y-z?logo=data:image/svg+xml;base64,PHN2Zz4=&a=(b),!*"),
            "/badge/x-y-z?logo=data:image/svg+xml;base64,PHN2Zz4=&a=(b),!*"
        );
    }

    fn not_allowed(host: &str) -> UrlRefusal {
        UrlRefusal::HostNotAllowed { host: host.into() }
    }

    #[test]
    fn redirects() {
        let from = Address::from_badge("https://img.shields.io/a/b.json?x=1", &hosts()).unwrap();
        let follow = |location: &str| from.follow(location, &hosts());
        assert_eq!(
            follow("/c/d.json").unwrap().url(),
            "https://img.shields.io/c/d.json"
        );
        assert_eq!(follow("d.json").unwrap().url(), "https://img.shields.io/a/d.json");
        assert_eq!(
            follow("?y=2").unwrap().url(),
            "https://img.shields.io/a/b.json?y=2"
        );
        assert_eq!(follow("https://github.com/o/r").unwrap().host(), "github.com");
        assert_eq!(follow("//codecov.io/x").unwrap().host(), "codecov.io");
        assert_eq!(follow("http://img.shields.io/a"), Err(UrlRefusal::Downgrade));
        assert_eq!(follow("https://10.0.0.1/"), Err(not_allowed("10.0.0.1")));
        assert_eq!(
            follow("https://169.254.169.254/latest"),
            Err(not_allowed("169.254.169.254"))
        );
        assert_eq!(follow("https://u:p@github.com/"), Err(UrlRefusal::Credentials));
        assert_eq!(follow("file:///etc/passwd"), Err(UrlRefusal::LeavesHttp));
        assert_eq!(follow(""), Err(UrlRefusal::EmptyLocation));
        assert_eq!(UrlRefusal::Downgrade.to_string(), "it downgrades to plain http");
    }

    #[test]
    fn relative_redirects_resolve_as_browsers_do() {
        let from = Address::from_badge("https://img.shields.io/a/b/c.json?x=1#top", &hosts()).unwrap();
        for (location, expected) in [
            ("d.json", "https://img.shields.io/a/b/d.json"),
            ("./d.json", "https://img.shields.io/a/b/d.json"),
            ("../d.json", "https://img.shields.io/a/d.json"),
            ("../../d.json", "https://img.shields.io/d.json"),
            // Dot segments cannot climb above the root.
            ("../../../../d.json", "https://img.shields.io/d.json"),
            ("..", "https://img.shields.io/a/"),
            ("/x/./y/../d.json", "https://img.shields.io/x/d.json"),
            ("%2e%2E/d.json", "https://img.shields.io/a/d.json"),
            ("d e.json?q=ü", "https://img.shields.io/a/b/d%20e.json?q=%C3%BC"),
            ("?y=2", "https://img.shields.io/a/b/c.json?y=2"),
            ("#frag", "https://img.shields.io/a/b/c.json?x=1"),
            ("//codecov.io/x/../y.svg", "https://codecov.io/y.svg"),
            ("HTTPS://GitHub.COM./o/r", "https://github.com/o/r"),
            ("https://github.com:443/o/r", "https://github.com/o/r"),
            // The same scheme without `//` is a relative reference for browsers.
            ("https:d.json", "https://img.shields.io/a/b/d.json"),
            // Climbing to the root and on to `//host` stays on this host: it is a path.
            ("../../..//codecov.io/x", "https://img.shields.io//codecov.io/x"),
        ] {
            let next = from
                .follow(location, &hosts())
                .unwrap_or_else(|refusal| panic!("{location}: {refusal}"));
            assert_eq!(next.url(), expected, "{location}");
            assert_eq!(
                format!("https://{}{}", next.host(), next.request_target()),
                expected
            );
        }
    }

    #[test]
    fn a_redirect_whose_join_leaves_the_allowed_hosts_is_refused() {
        let from = Address::from_badge("https://img.shields.io/a/b.json", &hosts()).unwrap();
        for (location, refusal) in [
            ("//evil.example/x.svg", not_allowed("evil.example")),
            ("//evil.example/../img.shields.io/x", not_allowed("evil.example")),
            // `\` is `/` in an https URL: each of these is `//evil.example/x`.
            ("/\\evil.example/x", not_allowed("evil.example")),
            ("\\\\evil.example/x", not_allowed("evil.example")),
            ("https:\\\\evil.example/x", not_allowed("evil.example")),
            ("https:///evil.example/x", not_allowed("evil.example")),
            (
                "https://img.shields.io.evil.example/x",
                not_allowed("img.shields.io.evil.example"),
            ),
            ("https://img.shields.io@evil.example/x", UrlRefusal::Credentials),
            // Every way of writing an IPv4 address is read as that address.
            ("https://0x7f.1/", not_allowed("127.0.0.1")),
            ("https://2130706433/", not_allowed("127.0.0.1")),
            (
                "https://[::ffff:a9fe:a9fe]/",
                not_allowed("::ffff:169.254.169.254"),
            ),
            ("https://[fd00:ec2::254]/latest", not_allowed("fd00:ec2::254")),
            ("https://github.com:8443/", UrlRefusal::Port { port: 8443 }),
            ("//github.com:80/", UrlRefusal::Port { port: 80 }),
            ("http://github.com/", UrlRefusal::Downgrade),
            ("HTTP://img.shields.io/a", UrlRefusal::Downgrade),
            ("javascript:alert(1)", UrlRefusal::LeavesHttp),
            ("data:image/svg+xml,<svg/>", UrlRefusal::LeavesHttp),
            ("https://", UrlRefusal::NoHost),
            ("   ", UrlRefusal::EmptyLocation),
        ] {
            assert_eq!(from.follow(location, &hosts()), Err(refusal), "{location}");
        }
    }

    #[test]
    fn services_and_the_json_form() {
        let address = |url: &str| Address::from_badge(url, &hosts()).unwrap();
        assert_eq!(
            address("https://img.shields.io/crates/v/serde").service(),
            Service::Shields
        );
        assert_eq!(
            address("https://github.com/o/r/actions/workflows/ci.yml/badge.svg?branch=main").service(),
            Service::GitHubWorkflow
        );
        assert_eq!(
            address("https://github.com/o/r/workflows/CI/badge.svg").service(),
            Service::GitHubWorkflow
        );
        assert_eq!(
            address("https://codecov.io/gh/o/r/graph/badge.svg").service(),
            Service::Image
        );
        let json = |url: &str| address(url).shields_json().url().to_string();
        assert_eq!(
            json("https://img.shields.io/crates/v/serde.svg"),
            "https://img.shields.io/crates/v/serde.json"
        );
        assert_eq!(
            json("https://img.shields.io/crates/v/serde"),
            "https://img.shields.io/crates/v/serde.json"
        );
        assert_eq!(
            json("https://img.shields.io/badge/v-1.2.3-blue.SVG?style=flat"),
            "https://img.shields.io/badge/v-1.2.3-blue.json?style=flat"
        );
        assert_eq!(
            json("https://img.shields.io/endpoint?url=https%3A%2F%2Fx"),
            "https://img.shields.io/endpoint.json?url=https%3A%2F%2Fx"
        );
    }
}
