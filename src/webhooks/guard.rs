//! Which addresses a webhook may reach. A webhook makes the server send requests where a user
//! says: without this guard, to the metadata service of the cloud it runs in, or to anything
//! on the inside network (SSRF). The same rule is applied when a URL is saved and again to the
//! addresses it resolves to when a delivery connects (a name may resolve elsewhere later).

use crate::error::{Error, Result};
use ipnet::IpNet;
use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

/// Networks no webhook may reach unless `webhooks.allow_private`: this host, private and
/// shared (CGNAT) ranges, link-local (where cloud metadata lives: 169.254.169.254,
/// fd00:ec2::254), and the reserved ranges nothing legitimate listens on.
const INSIDE: [&str; 17] = [
    "0.0.0.0/8",
    "10.0.0.0/8",
    "100.64.0.0/10",
    "127.0.0.0/8",
    "169.254.0.0/16",
    "172.16.0.0/12",
    "192.0.0.0/24",
    "192.168.0.0/16",
    "198.18.0.0/15",
    "224.0.0.0/4",
    "240.0.0.0/4",
    "::/128",
    "::1/128",
    "fc00::/7",
    "fe80::/10",
    "fec0::/10",
    "ff00::/8",
];

/// Whether `ip` is on the inside: loopback, private, link-local, metadata or reserved. IPv6
/// forms that carry an IPv4 address (mapped, NAT64, 6to4) are judged by that address.
pub fn is_inside(ip: IpAddr) -> bool {
    let ip = match ip {
        IpAddr::V6(v6) => embedded_v4(v6).map_or(ip, IpAddr::V4),
        v4 => v4,
    };
    INSIDE
        .iter()
        .filter_map(|net| net.parse::<IpNet>().ok())
        .any(|net| net.contains(&ip))
}

fn embedded_v4(v6: std::net::Ipv6Addr) -> Option<std::net::Ipv4Addr> {
    if let Some(v4) = v6.to_ipv4_mapped() {
        return Some(v4);
    }
    let s = v6.segments();
    let octets = v6.octets();
    match s[0] {
        // NAT64 (64:ff9b::/96): the last 32 bits
        0x64 if s[1] == 0xff9b && s[2..6] == [0; 4] => {
            Some([octets[12], octets[13], octets[14], octets[15]].into())
        }
        // 6to4 (2002::/16): the 32 bits after the prefix
        0x2002 => Some([octets[2], octets[3], octets[4], octets[5]].into()),
        _ => None,
    }
}

/// A webhook URL as it may be saved: http or https, with a host.
pub fn parse_url(text: &str) -> Result<reqwest::Url> {
    let url =
        reqwest::Url::parse(text).map_err(|e| Error::invalid(format!("url: not a URL ({e})")))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(Error::invalid("url: must start with https:// or http://"));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(Error::invalid("url: needs a host"));
    }
    Ok(url)
}

/// The addresses of `host`, each allowed; refuses (422) a host with any address inside.
pub async fn resolve_allowed(
    host: &str,
    port: u16,
    allow_private: bool,
) -> Result<Vec<SocketAddr>> {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    let addresses: Vec<SocketAddr> = match host.parse::<IpAddr>() {
        Ok(ip) => vec![SocketAddr::new(ip, port)],
        Err(_) => {
            let lookup = tokio::net::lookup_host((host, port));
            tokio::time::timeout(Duration::from_secs(5), lookup)
                .await
                .map_err(|_| Error::invalid(format!("url: {host} does not resolve in time")))?
                .map_err(|e| Error::invalid(format!("url: {host} does not resolve ({e})")))?
                .collect()
        }
    };
    if addresses.is_empty() {
        return Err(Error::invalid(format!("url: {host} has no address")));
    }
    if !allow_private {
        if let Some(inside) = addresses.iter().find(|a| is_inside(a.ip())) {
            return Err(Error::invalid(format!(
                "url: {host} resolves to {}, a loopback, private or link-local address (set webhooks.allow_private to allow it)",
                inside.ip()
            )));
        }
    }
    Ok(addresses)
}

/// Checks a URL before it is saved: parsed, resolved, and no address inside.
pub async fn check_url(text: &str, allow_private: bool) -> Result<reqwest::Url> {
    let url = parse_url(text)?;
    let port = url.port_or_known_default().unwrap_or(443);
    resolve_allowed(url.host_str().unwrap_or_default(), port, allow_private).await?;
    Ok(url)
}

/// The resolver of the delivery client: every connection goes to an address checked here, at
/// connect time, so a name that resolved outside when saved cannot be turned inside later.
pub struct Resolver {
    pub allow_private: bool,
}

impl reqwest::dns::Resolve for Resolver {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let allow_private = self.allow_private;
        Box::pin(async move {
            let addresses = resolve_allowed(name.as_str(), 0, allow_private)
                .await
                .map_err(|e| Box::new(e) as Box<dyn std::error::Error + Send + Sync>)?;
            Ok(Box::new(addresses.into_iter()) as reqwest::dns::Addrs)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inside(text: &str) -> bool {
        is_inside(text.parse().unwrap())
    }

    #[test]
    fn loopback_private_link_local_and_metadata_are_inside() {
        for ip in [
            "127.0.0.1",
            "127.1.2.3",
            "10.1.2.3",
            "172.16.0.1",
            "172.31.255.255",
            "192.168.1.1",
            "169.254.169.254",
            "100.100.100.200",
            "0.0.0.0",
            "::1",
            "::",
            "fe80::1",
            "fd00:ec2::254",
            "::ffff:127.0.0.1",
            "::ffff:169.254.169.254",
            "64:ff9b::a9fe:a9fe",
            "2002:7f00:1::",
        ] {
            assert!(inside(ip), "{ip} is inside");
        }
    }

    #[test]
    fn public_addresses_are_outside() {
        for ip in [
            "93.184.216.34",
            "8.8.8.8",
            "172.32.0.1",
            "2606:4700::1111",
            "::ffff:8.8.8.8",
        ] {
            assert!(!inside(ip), "{ip} is outside");
        }
    }

    #[test]
    fn only_http_urls_with_a_host() {
        assert!(parse_url("https://example.com/hook").is_ok());
        assert!(parse_url("ftp://example.com/").is_err());
        assert!(parse_url("file:///etc/passwd").is_err());
        assert!(parse_url("not a url").is_err());
    }

    #[tokio::test]
    async fn inside_addresses_are_refused_unless_allowed() {
        for url in [
            "http://127.0.0.1:9/",
            "http://[::1]/",
            "http://169.254.169.254/latest/meta-data",
            "http://10.0.0.1/",
            "http://localhost/",
        ] {
            let refused = check_url(url, false).await.unwrap_err();
            assert_eq!(refused.status(), 422, "{url}");
            assert!(check_url(url, true).await.is_ok(), "{url} allowed");
        }
    }
}
