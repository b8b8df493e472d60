//! Which addresses the online probe may connect to. Badge hosts are public services, so
//! every address that reaches something private is refused: loopback, private ranges,
//! link-local (with the cloud metadata address 169.254.169.254), carrier-grade NAT
//! (with 100.100.100.200), unique-local IPv6 (with fd00:ec2::254), IPv4-mapped and
//! IPv4-compatible IPv6, multicast, broadcast, documentation and unspecified addresses.
//! `--allow-loopback` opens 127.0.0.1 and ::1 only (not the rest of 127.0.0.0/8),
//! for tests and local mirrors.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// Why an address is refused, or `None` when the probe may connect to it.
pub fn refusal(address: IpAddr, allow_loopback: bool) -> Option<&'static str> {
    match address {
        IpAddr::V4(v4) => refusal_v4(v4, allow_loopback),
        IpAddr::V6(v6) => refusal_v6(v6, allow_loopback),
    }
}

fn refusal_v4(address: Ipv4Addr, allow_loopback: bool) -> Option<&'static str> {
    let [a, b, c, _] = address.octets();
    if address.is_loopback() {
        let opened = allow_loopback && address == Ipv4Addr::LOCALHOST;
        return (!opened).then_some("a loopback address");
    }
    if address.is_unspecified() || a == 0 {
        return Some("an unspecified address");
    }
    if address.is_private() {
        return Some("a private address");
    }
    if address.is_link_local() {
        return Some("a link-local address (cloud metadata services live here)");
    }
    if a == 100 && (64..=127).contains(&b) {
        return Some("a carrier-grade NAT address");
    }
    if address.is_broadcast() || address.is_multicast() || a >= 240 {
        return Some("a multicast, broadcast or reserved address");
    }
    if (a == 192 && b == 0 && c == 2) || (a == 198 && b == 51 && c == 100) || (a == 203 && b == 0 && c == 113)
    {
        return Some("a documentation address");
    }
    if a == 192 && b == 0 && c == 0 || a == 198 && (b == 18 || b == 19) {
        return Some("a special-purpose address");
    }
    None
}

fn refusal_v6(address: Ipv6Addr, allow_loopback: bool) -> Option<&'static str> {
    if address.is_loopback() {
        return (!allow_loopback).then_some("a loopback address");
    }
    if address.is_unspecified() {
        return Some("an unspecified address");
    }
    let segments = address.segments();
    // ::ffff:a.b.c.d and ::a.b.c.d carry an IPv4 address that could be private.
    if address.to_ipv4_mapped().is_some() || (segments[..6].iter().all(|s| *s == 0)) {
        return Some("an IPv4-mapped or IPv4-compatible address");
    }
    if segments[0] & 0xfe00 == 0xfc00 {
        return Some("a unique-local address (cloud metadata services live here)");
    }
    if segments[0] & 0xffc0 == 0xfe80 {
        return Some("a link-local address");
    }
    if address.is_multicast() {
        return Some("a multicast address");
    }
    if segments[0] == 0x2001 && segments[1] == 0x0db8 {
        return Some("a documentation address");
    }
    // 64:ff9b::/96 translates to IPv4: the embedded address could be private.
    if segments[0] == 0x0064 && segments[1] == 0xff9b {
        return Some("a NAT64 address");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refused_addresses() {
        let refused = [
            "127.0.0.1",
            "127.8.9.10",
            "10.0.0.1",
            "172.16.5.4",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "100.100.100.200",
            "0.0.0.0",
            "255.255.255.255",
            "224.0.0.1",
            "192.0.2.1",
            "::1",
            "::",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
            "::127.0.0.1",
            "fd00:ec2::254",
            "fc00::1",
            "fe80::1",
            "ff02::1",
            "2001:db8::1",
            "64:ff9b::a00:1",
        ];
        for text in refused {
            let address: IpAddr = text.parse().unwrap();
            assert!(refusal(address, false).is_some(), "{text} should be refused");
        }
    }

    #[test]
    fn public_addresses_pass() {
        for text in [
            "140.82.112.3",
            "8.8.8.8",
            "151.101.1.195",
            "2606:4700::6810:84e5",
            "2a04:4e42::396",
        ] {
            let address: IpAddr = text.parse().unwrap();
            assert_eq!(refusal(address, false), None, "{text}");
        }
    }

    #[test]
    fn allow_loopback_opens_loopback_only() {
        for text in ["127.0.0.1", "::1"] {
            assert_eq!(refusal(text.parse().unwrap(), true), None, "{text}");
        }
        for text in [
            "10.0.0.1",
            "169.254.169.254",
            "::ffff:127.0.0.1",
            "0.0.0.0",
            "fd00:ec2::254",
            "127.0.0.2",
            "127.8.9.10",
        ] {
            assert!(refusal(text.parse().unwrap(), true).is_some(), "{text}");
        }
    }
}
