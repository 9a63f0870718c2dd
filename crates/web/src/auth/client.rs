//! Which address a request comes from, for the per-address limits (sign-in, password resets).
//!
//! A client connected directly is its socket's peer address. Behind a reverse proxy or load
//! balancer every request's peer is the proxy, so one person's failed sign-ins would lock out
//! the whole office; the `trust_forwarded_for` setting lists the proxies (addresses or
//! networks), and for a request from one of them the client is the right-most
//! `X-Forwarded-For` entry that is not itself a trusted proxy. Entries further left were written
//! by the client and could say anything, so they are never read; a request whose peer is not a
//! trusted proxy is taken at its peer address whatever its headers say.

use axum::http::HeaderMap;
use ipnet::IpNet;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::net::IpAddr;

/// The proxies whose `X-Forwarded-For` entries are believed. Written in settings as a list
/// (`["10.0.0.5", "10.1.0.0/16"]`) or one string separated by commas or spaces (for the
/// `RECORDWELL_TRUST_FORWARDED_FOR` variable); empty (the default) trusts no header.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<IpNet>);

impl TrustedProxies {
    /// Parses addresses and networks; the error names the entry that is neither.
    pub fn parse<'a>(entries: impl IntoIterator<Item = &'a str>) -> Result<TrustedProxies, String> {
        let nets = entries
            .into_iter()
            .flat_map(|e| e.split([',', ' ']))
            .map(str::trim)
            .filter(|e| !e.is_empty())
            .map(|e| {
                e.parse::<IpNet>().or_else(|_| e.parse::<IpAddr>().map(IpNet::from)).map_err(|_| {
                    format!(
                        "trust_forwarded_for: {e:?} is not an address or network; list your proxies' \
                         addresses, such as [\"10.0.0.5\", \"10.1.0.0/16\"]"
                    )
                })
            })
            .collect::<Result<_, _>>()?;
        Ok(TrustedProxies(nets))
    }

    /// Whether no proxy is trusted.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn trusts(&self, ip: IpAddr) -> bool {
        let ip = ip.to_canonical();
        self.0.iter().any(|net| net.contains(&ip))
    }

    /// The client's address for a request from `peer` with these headers.
    pub fn client_of(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        if !self.trusts(peer) {
            return peer;
        }
        let entries: Vec<&str> = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .collect();
        let mut client = peer;
        for entry in entries.iter().rev() {
            match parse_entry(entry) {
                Some(ip) if self.trusts(ip) => client = ip,
                Some(ip) => return ip,
                // A trusted proxy wrote something that is not an address: go no further left.
                None => return client,
            }
        }
        client
    }
}

/// An `X-Forwarded-For` entry: an address, possibly with a port (`1.2.3.4:5678`, `[::1]:80`).
fn parse_entry(entry: &str) -> Option<IpAddr> {
    entry
        .parse::<IpAddr>()
        .ok()
        .or_else(|| entry.parse::<std::net::SocketAddr>().ok().map(|s| s.ip()))
        .map(|ip| ip.to_canonical())
}

impl Serialize for TrustedProxies {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(ToString::to_string))
    }
}

impl<'de> Deserialize<'de> for TrustedProxies {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Written {
            Flag(bool),
            One(String),
            Many(Vec<String>),
        }
        let entries = match Written::deserialize(d)? {
            Written::Flag(false) => vec![],
            Written::Flag(true) => {
                return Err(serde::de::Error::custom(
                    "trust_forwarded_for takes the addresses of your reverse proxies or load balancers, \
                     such as [\"10.0.0.5\"], not true: only their X-Forwarded-For entries are believed",
                ));
            }
            Written::One(s) => vec![s],
            Written::Many(v) => v,
        };
        TrustedProxies::parse(entries.iter().map(String::as_str)).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(values: &[&str]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for v in values {
            h.append("x-forwarded-for", HeaderValue::from_str(v).unwrap());
        }
        h
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn without_trusted_proxies_the_header_is_ignored() {
        let none = TrustedProxies::default();
        assert_eq!(none.client_of(ip("198.51.100.7"), &headers(&["203.0.113.9"])), ip("198.51.100.7"));
    }

    #[test]
    fn a_peer_that_is_not_a_trusted_proxy_is_the_client_whatever_it_says() {
        let proxies = TrustedProxies::parse(["10.0.0.5"]).unwrap();
        assert_eq!(proxies.client_of(ip("198.51.100.7"), &headers(&["203.0.113.9"])), ip("198.51.100.7"));
    }

    #[test]
    fn behind_a_trusted_proxy_the_right_most_untrusted_entry_is_the_client() {
        let proxies = TrustedProxies::parse(["10.0.0.0/8", "192.0.2.1"]).unwrap();
        // The client forged "1.1.1.1"; the outer proxy added the real address, the inner one its own.
        let h = headers(&["1.1.1.1, 203.0.113.9", "10.0.0.7"]);
        assert_eq!(proxies.client_of(ip("10.0.0.5"), &h), ip("203.0.113.9"));
        assert_eq!(proxies.client_of(ip("192.0.2.1"), &headers(&["203.0.113.10:4431"])), ip("203.0.113.10"));
        assert_eq!(proxies.client_of(ip("10.0.0.5"), &headers(&["[2001:db8::1]:443"])), ip("2001:db8::1"));
    }

    #[test]
    fn garbage_from_the_proxy_side_falls_back_to_the_last_trusted_hop() {
        let proxies = TrustedProxies::parse(["10.0.0.0/8"]).unwrap();
        assert_eq!(proxies.client_of(ip("10.0.0.5"), &headers(&["unknown"])), ip("10.0.0.5"));
        assert_eq!(proxies.client_of(ip("10.0.0.5"), &headers(&[])), ip("10.0.0.5"));
        assert_eq!(proxies.client_of(ip("10.0.0.5"), &headers(&["10.0.0.9"])), ip("10.0.0.9"));
    }

    #[test]
    fn ipv4_mapped_peers_match_ipv4_networks() {
        let proxies = TrustedProxies::parse(["127.0.0.1"]).unwrap();
        assert_eq!(proxies.client_of(ip("::ffff:127.0.0.1"), &headers(&["203.0.113.9"])), ip("203.0.113.9"));
    }

    #[test]
    fn settings_take_a_list_or_a_string_and_refuse_true_and_nonsense() {
        let list: TrustedProxies = serde_json::from_str(r#"["10.0.0.5", "10.1.0.0/16"]"#).unwrap();
        let string: TrustedProxies = serde_json::from_str(r#""10.0.0.5, 10.1.0.0/16""#).unwrap();
        assert_eq!(list, string);
        assert!(serde_json::from_str::<TrustedProxies>("false").unwrap().is_empty());
        let err = serde_json::from_str::<TrustedProxies>("true").unwrap_err().to_string();
        assert!(err.contains("addresses of your reverse proxies"), "{err}");
        let err = serde_json::from_str::<TrustedProxies>(r#"["proxy.local"]"#).unwrap_err().to_string();
        assert!(err.contains("\"proxy.local\" is not an address"), "{err}");
        assert_eq!(serde_json::to_string(&list).unwrap(), r#"["10.0.0.5/32","10.1.0.0/16"]"#);
    }
}
