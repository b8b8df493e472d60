//! A local HTTP server on 127.0.0.1 that plays the badge services for the online
//! probe's tests: shields.io (JSON messages), GitHub (404, `no status`), slow
//! answers, 429 then 200, 503 then 200, 500s, redirects (relative ones, and ones
//! to blocked addresses and hosts), a redirect loop and an oversized body. It
//! answers plain HTTP/1.1, one request per connection, and routes on the Host
//! header and the path.
//! Nothing here sends traffic anywhere: it only listens on the loopback.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How long the slow route waits before answering.
pub const SLOW: Duration = Duration::from_secs(3);

pub struct BadgeServer {
    pub address: SocketAddr,
    hits: Arc<Mutex<HashMap<String, usize>>>,
    connections: Arc<AtomicUsize>,
    stop: Arc<AtomicBool>,
}

impl BadgeServer {
    pub fn start() -> BadgeServer {
        BadgeServer::start_on("127.0.0.1:0").expect("bind 127.0.0.1")
    }

    /// A server on another loopback address, such as `[::1]:0`.
    pub fn start_on(address: &str) -> std::io::Result<BadgeServer> {
        let listener = TcpListener::bind(address)?;
        let address = listener.local_addr().unwrap();
        let hits = Arc::new(Mutex::new(HashMap::new()));
        let connections = Arc::new(AtomicUsize::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        {
            let (hits, connections, stop) = (hits.clone(), connections.clone(), stop.clone());
            std::thread::spawn(move || {
                for stream in listener.incoming() {
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    let Ok(stream) = stream else { continue };
                    connections.fetch_add(1, Ordering::SeqCst);
                    let hits = hits.clone();
                    std::thread::spawn(move || handle(stream, &hits));
                }
            });
        }
        Ok(BadgeServer {
            address,
            hits,
            connections,
            stop,
        })
    }

    /// How many requests reached `host` + `path` (path with its query).
    pub fn hits(&self, host: &str, path: &str) -> usize {
        let key = format!("{host}{path}");
        self.hits.lock().unwrap().get(&key).copied().unwrap_or(0)
    }

    /// Every request so far, as `host/path`.
    pub fn requests(&self) -> Vec<String> {
        let mut all: Vec<String> = self.hits.lock().unwrap().keys().cloned().collect();
        all.sort();
        all
    }

    pub fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }
}

impl Drop for BadgeServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so it sees the flag.
        let _ = TcpStream::connect_timeout(&self.address, Duration::from_millis(200));
    }
}

struct Answer {
    status: u16,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
    delay: Duration,
}

impl Answer {
    fn new(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Answer {
        Answer {
            status,
            headers: vec![("Content-Type", content_type.to_string())],
            body: body.into(),
            delay: Duration::ZERO,
        }
    }

    fn shields(message: &str) -> Answer {
        let body = format!(
            r#"{{"label":"badge","message":{},"color":"red"}}"#,
            json_string(message)
        );
        Answer::new(200, "application/json", body)
    }

    fn svg(title: &str) -> Answer {
        Answer::new(
            200,
            "image/svg+xml; charset=utf-8",
            format!(
                r#"<svg xmlns="http://www.w3.org/2000/svg" width="90" height="20"><title>{title}</title></svg>"#
            ),
        )
    }

    fn redirect(status: u16, location: &str) -> Answer {
        Answer {
            status,
            headers: vec![("Location", location.to_string())],
            body: Vec::new(),
            delay: Duration::ZERO,
        }
    }

    fn with_header(mut self, name: &'static str, value: &str) -> Answer {
        self.headers.push((name, value.to_string()));
        self
    }
}

fn json_string(text: &str) -> String {
    let mut out = String::from("\"");
    for ch in text.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The answer for the `count`-th request (1-based) to `host` + `path`.
fn route(host: &str, path: &str, count: usize) -> Answer {
    match (host, path) {
        ("img.shields.io", "/crates/v/serde.json") => Answer::shields("v1.0.219"),
        ("img.shields.io", "/crates/v/no-such-crate.json") => Answer::shields("not found"),
        ("img.shields.io", "/github/v/release/acme/gone.json") => Answer::shields("repo not found"),
        ("img.shields.io", "/github/workflow/status/acme/gizmo/CI.json") => {
            Answer::shields("https://github.com/badges/shields/issues/8671")
        }
        ("img.shields.io", "/travis/acme/gizmo.json") => Answer::shields("no longer available"),
        ("img.shields.io", "/codeclimate/maintainability/acme/gizmo.json") => {
            Answer::shields("retired badge")
        }
        ("img.shields.io", "/badge/license-MIT.json") => Answer::shields("badge not found"),
        ("img.shields.io", "/npm/dm/gizmo.json") => Answer::shields("rate limited by upstream service"),
        ("img.shields.io", "/github/actions/workflow/status/acme/gizmo/nightly.yml.json") => {
            Answer::shields("no status")
        }
        ("img.shields.io", "/badge/escape-test.json") => {
            Answer::shields("\u{1b}[31m::error::owned\u{1b}[0m\nrepo `not` found")
        }
        ("img.shields.io", "/flaky/429.json") if count == 1 => {
            Answer::new(429, "text/plain", "slow down").with_header("Retry-After", "1")
        }
        ("img.shields.io", "/flaky/429.json") => Answer::shields("passing"),
        ("img.shields.io", "/flaky/503.json") if count == 1 => Answer::new(503, "text/plain", "busy"),
        ("img.shields.io", "/flaky/503.json") => Answer::shields("passing"),
        ("img.shields.io", "/rate/long.json") => {
            Answer::new(429, "text/plain", "slow down").with_header("Retry-After", "3600")
        }
        ("img.shields.io", "/down/500.json") => Answer::new(500, "text/plain", "oops"),
        ("img.shields.io", "/slow.json") => Answer {
            delay: SLOW,
            ..Answer::shields("passing")
        },
        ("img.shields.io", "/redirect/old.json") => Answer::redirect(301, "/redirect/new.json"),
        ("img.shields.io", "/redirect/new.json") => Answer::shields("passing"),
        ("img.shields.io", "/redirect/up/old.json") => Answer::redirect(302, "../new.json"),
        // `\` is `/` in an https URL: this Location is `//evil.example/x.json`.
        ("img.shields.io", "/redirect/backslash.json") => Answer::redirect(302, "/\\evil.example/x.json"),
        ("img.shields.io", "/redirect/private.json") => Answer::redirect(302, "https://10.0.0.1/latest"),
        ("img.shields.io", "/redirect/metadata.json") => {
            Answer::redirect(302, "https://169.254.169.254/latest/meta-data/")
        }
        ("img.shields.io", "/redirect/downgrade.json") => {
            Answer::redirect(302, "http://img.shields.io/x.json")
        }
        ("img.shields.io", "/redirect/mapped.json") => Answer::redirect(302, "https://codecov.io/mapped.svg"),
        ("img.shields.io", "/redirect/metadata-mapped.json") => {
            Answer::redirect(307, "https://ci.appveyor.com/api/projects/status/x")
        }
        ("img.shields.io", "/redirect/loop.json") => Answer::redirect(302, "/redirect/loop.json"),
        ("img.shields.io", "/big.json") => Answer::new(200, "application/json", vec![b' '; 2 * 1024 * 1024]),
        ("github.com", "/acme/gizmo/actions/workflows/ci.yml/badge.svg") => Answer::svg("CI - passing"),
        ("github.com", "/acme/gizmo/actions/workflows/release.yml/badge.svg?branch=main") => {
            Answer::svg("Release - no status")
        }
        ("docs.rs", "/serde/badge.svg") => Answer::svg("docs - passing"),
        ("coveralls.io", "/repos/github/acme/gizmo/badge.svg") => Answer::new(
            200,
            "text/html; charset=utf-8",
            "<html>This domain is for sale</html>",
        ),
        _ => Answer::new(404, "text/html", "<html>Not Found</html>"),
    }
}

fn handle(mut stream: TcpStream, hits: &Mutex<HashMap<String, usize>>) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let mut request = Vec::new();
    let mut buffer = [0u8; 4096];
    while !request.windows(4).any(|window| window == b"\r\n\r\n") && request.len() < 64 * 1024 {
        match stream.read(&mut buffer) {
            Ok(0) | Err(_) => return,
            Ok(read) => request.extend_from_slice(&buffer[..read]),
        }
    }
    let text = String::from_utf8_lossy(&request);
    let mut lines = text.lines();
    let path = lines
        .next()
        .and_then(|line| line.split(' ').nth(1))
        .unwrap_or("/")
        .to_string();
    let host = lines
        .filter_map(|line| line.split_once(':'))
        .find(|(name, _)| name.eq_ignore_ascii_case("host"))
        .map(|(_, value)| value.trim())
        .unwrap_or("")
        .split(':')
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    let count = {
        let mut hits = hits.lock().unwrap();
        let entry = hits.entry(format!("{host}{path}")).or_default();
        *entry += 1;
        *entry
    };
    let answer = route(&host, &path, count);
    if !answer.delay.is_zero() {
        std::thread::sleep(answer.delay);
    }
    let mut head = format!(
        "HTTP/1.1 {} X\r\nConnection: close\r\nContent-Length: {}\r\n",
        answer.status,
        answer.body.len()
    );
    for (name, value) in &answer.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&answer.body);
    let _ = stream.flush();
}
