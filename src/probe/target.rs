//! The URLs the probe fetches: https, a host from the catalogue's allow-list
//! (`probe-hosts` in `rules/badges.yml`), no credentials, the default port. A
//! README's badge URL and every redirect's `Location` go through the same checks.

/// An https URL the probe may fetch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Address {
    /// Lowercase, without a trailing dot.
    pub host: String,
    /// The path and query, starting with `/`, without the fragment, with every
    /// character a request line may not carry percent-encoded.
    pub path: String,
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
    pub fn url(&self) -> String {
        format!("https://{}{}", self.host, self.path)
    }

    /// A README's badge image URL. `http://` is read as `https://`: every host
    /// the probe may contact serves https, and the probe speaks nothing else.
    pub fn from_badge(url: &str, hosts: &[String]) -> Result<Address, String> {
        let url = url.trim();
        let (scheme, rest) = split_scheme(url).ok_or("not an absolute URL")?;
        let default_ports: &[u16] = match scheme.as_deref() {
            None | Some("https") => &[443],
            Some("http") => &[80, 443],
            Some(_) => return Err("not an http(s) URL".into()),
        };
        absolute(rest, default_ports, hosts)
    }

    /// Where a redirect's `Location` leads from this address.
    pub fn follow(&self, location: &str, hosts: &[String]) -> Result<Address, String> {
        let location = location.trim();
        if location.is_empty() {
            return Err("the redirect has an empty Location".into());
        }
        if let Some((scheme, rest)) = split_scheme(location) {
            return match scheme.as_deref() {
                None | Some("https") => absolute(rest, &[443], hosts),
                Some("http") => Err("it downgrades to plain http".into()),
                Some(_) => Err("it leaves http(s)".into()),
            };
        }
        let path = if location.starts_with('/') {
            location.to_string()
        } else if location.starts_with('?') {
            let base = self.path.split('?').next().unwrap_or("/");
            format!("{base}{location}")
        } else {
            let base = self.path.split('?').next().unwrap_or("/");
            let dir = &base[..base.rfind('/').map_or(0, |slash| slash + 1)];
            format!("{dir}{location}")
        };
        Ok(Address {
            host: self.host.clone(),
            path: request_path(&path),
        })
    }

    /// The answer format for this address.
    pub fn service(&self) -> Service {
        let path = self.path.split('?').next().unwrap_or("");
        if self.host == "img.shields.io" {
            Service::Shields
        } else if self.host == "github.com" && path.contains("/workflows/") && path.ends_with("/badge.svg") {
            Service::GitHubWorkflow
        } else {
            Service::Image
        }
    }

    /// The shields.io `.json` form of a badge: the last path segment's image
    /// extension replaced by (or extended with) `.json`; the query stays.
    pub fn shields_json(&self) -> Address {
        let (path, query) = match self.path.find('?') {
            Some(index) => (&self.path[..index], &self.path[index..]),
            None => (self.path.as_str(), ""),
        };
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
        Address {
            host: self.host.clone(),
            path: format!("{}{stem}.json{query}", &path[..segment_start]),
        }
    }
}

/// `(scheme, rest after "//")` for `scheme://...` and `//...`; `None` for a
/// relative reference.
fn split_scheme(url: &str) -> Option<(Option<String>, &str)> {
    if let Some(rest) = url.strip_prefix("//") {
        return Some((None, rest));
    }
    let colon = url.find("://")?;
    let scheme = &url[..colon];
    if scheme.is_empty()
        || !scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    {
        return None;
    }
    Some((Some(scheme.to_ascii_lowercase()), &url[colon + 3..]))
}

/// Checks the authority of `rest` (what follows `//`) and builds the address.
fn absolute(rest: &str, allowed_ports: &[u16], hosts: &[String]) -> Result<Address, String> {
    let authority_end = rest.find(['/', '?', '#', '\\']).unwrap_or(rest.len());
    let authority = &rest[..authority_end];
    if authority.contains('@') {
        return Err("the URL carries credentials".into());
    }
    let (host, port) = split_port(authority)?;
    if let Some(port) = port
        && !allowed_ports.contains(&port)
    {
        return Err(format!("port {port} is not the https port"));
    }
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    if host.is_empty() {
        return Err("the URL has no host".into());
    }
    if !hosts.iter().any(|allowed| allowed.eq_ignore_ascii_case(&host)) {
        return Err(format!(
            "`{}` is not a host the probe may contact (probe-hosts in rules/badges.yml)",
            super::sanitize(&host, 80)
        ));
    }
    let path = &rest[authority_end..];
    let path = path.split('#').next().unwrap_or("");
    let path = if path.starts_with('/') {
        path.to_string()
    } else {
        format!("/{path}")
    };
    Ok(Address {
        host,
        path: request_path(&path),
    })
}

fn split_port(authority: &str) -> Result<(&str, Option<u16>), String> {
    let (host, port) = if let Some(inner) = authority.strip_prefix('[') {
        let close = inner.find(']').ok_or("an unclosed IPv6 address")?;
        let after = &inner[close + 1..];
        (&inner[..close], after.strip_prefix(':'))
    } else {
        match authority.rfind(':') {
            Some(colon) => (&authority[..colon], Some(&authority[colon + 1..])),
            None => (authority, None),
        }
    };
    let port = match port {
        None | Some("") => None,
        Some(digits) => Some(digits.parse::<u16>().map_err(|_| "an invalid port".to_string())?),
    };
    Ok((host, port))
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
        assert_eq!(address.host, "img.shields.io");
        assert_eq!(address.path, "/crates/v/serde.svg?style=flat");
        assert_eq!(
            address.url(),
            "https://img.shields.io/crates/v/serde.svg?style=flat"
        );
        let upgraded = Address::from_badge("http://img.shields.io:80/badge/a b-ü-blue", &hosts()).unwrap();
        assert_eq!(upgraded.url(), "https://img.shields.io/badge/a%20b-%C3%BC-blue");
        assert_eq!(Address::from_badge("//github.com", &hosts()).unwrap().path, "/");

        for (url, why) in [
            ("https://user:pw@img.shields.io/x", "credentials"),
            ("https://img.shields.io:8443/x", "port 8443"),
            ("https://example.com/x.svg", "not a host"),
            ("https://10.0.0.1/x.svg", "not a host"),
            ("https://169.254.169.254/latest/meta-data/", "not a host"),
            ("https://[::1]/x", "not a host"),
            ("ftp://img.shields.io/x", "not an http"),
            ("docs/badge.svg", "absolute"),
            ("https://img.shields.io@evil.example/x", "credentials"),
        ] {
            let error = Address::from_badge(url, &hosts()).unwrap_err();
            assert!(error.contains(why), "{url}: {error}");
        }
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
        assert_eq!(follow("https://github.com/o/r").unwrap().host, "github.com");
        assert_eq!(follow("//codecov.io/x").unwrap().host, "codecov.io");
        assert!(
            follow("http://img.shields.io/a")
                .unwrap_err()
                .contains("downgrade")
        );
        assert!(follow("https://10.0.0.1/").unwrap_err().contains("not a host"));
        assert!(
            follow("https://169.254.169.254/latest")
                .unwrap_err()
                .contains("not a host")
        );
        assert!(
            follow("https://u:p@github.com/")
                .unwrap_err()
                .contains("credentials")
        );
        assert!(follow("file:///etc/passwd").unwrap_err().contains("leaves"));
        assert!(follow("").is_err());
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
        let json = |url: &str| address(url).shields_json().url();
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
