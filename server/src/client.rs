//! Who the client is: the one policy for a request's client address, used by the rate limits
//! (and by anything else that must tell clients apart). No address is ever stored.
//!
//! The address is the TCP peer's, as the serve loop records it. Behind a proxy
//! (`TRUST_PROXY`), it is the last hop of `X-Forwarded-For`: the address the proxy itself saw,
//! which a client cannot forge (earlier hops are whatever the client wrote).

use std::net::{IpAddr, Ipv6Addr, SocketAddr};

use axum::extract::ConnectInfo;
use axum::http::request::Parts;

/// The client's address, or `None` when neither the connection nor a trusted proxy tells
/// (a request made in-process).
pub fn address(parts: &Parts, trust_proxy: bool) -> Option<IpAddr> {
    if trust_proxy && let Some(forwarded) = forwarded_last_hop(parts) {
        return Some(forwarded);
    }
    parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(peer)| peer.ip())
}

/// The last address of the last `X-Forwarded-For` header.
fn forwarded_last_hop(parts: &Parts) -> Option<IpAddr> {
    let last = parts
        .headers
        .get_all("x-forwarded-for")
        .iter()
        .next_back()?;
    let hop = last.to_str().ok()?.rsplit(',').next()?.trim();
    hop.parse().ok()
}

/// What the rate limits count by: the address, with an IPv6 address cut to its /64 (one
/// subscriber usually holds a whole /64, so counting single addresses would not limit them).
/// Clients whose address is unknown share one count.
pub fn rate_key(address: Option<IpAddr>) -> IpAddr {
    match address {
        Some(IpAddr::V6(v6)) if v6.to_ipv4_mapped().is_none() => {
            let bits = u128::from(v6) & !((1u128 << 64) - 1);
            IpAddr::V6(Ipv6Addr::from(bits))
        }
        Some(IpAddr::V6(v6)) => IpAddr::V4(
            v6.to_ipv4_mapped()
                .unwrap_or(std::net::Ipv4Addr::UNSPECIFIED),
        ),
        Some(v4) => v4,
        None => IpAddr::V6(Ipv6Addr::UNSPECIFIED),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::Request;

    fn parts(forwarded: &[&str], peer: Option<&str>) -> Parts {
        let mut req = Request::get("/");
        for f in forwarded {
            req = req.header("x-forwarded-for", *f);
        }
        let (mut parts, ()) = req.body(()).unwrap().into_parts();
        if let Some(peer) = peer {
            parts
                .extensions
                .insert(ConnectInfo::<SocketAddr>(peer.parse().unwrap()));
        }
        parts
    }

    #[test]
    fn the_peer_is_the_client_unless_a_proxy_is_trusted() {
        let p = parts(&["1.1.1.1"], Some("10.0.0.9:5000"));
        assert_eq!(address(&p, false), Some("10.0.0.9".parse().unwrap()));
        assert_eq!(address(&p, true), Some("1.1.1.1".parse().unwrap()));
        assert_eq!(address(&parts(&[], None), false), None);
    }

    #[test]
    fn only_the_last_forwarded_hop_counts() {
        let p = parts(
            &["6.6.6.6, 2.2.2.2", "7.7.7.7,  3.3.3.3"],
            Some("10.0.0.9:1"),
        );
        assert_eq!(address(&p, true), Some("3.3.3.3".parse().unwrap()));
        let garbage = parts(&["not an address"], Some("10.0.0.9:1"));
        assert_eq!(address(&garbage, true), Some("10.0.0.9".parse().unwrap()));
    }

    #[test]
    fn an_ipv6_client_is_counted_by_its_64_bit_prefix() {
        let a = rate_key(Some("2001:db8:1:2:aaaa::1".parse().unwrap()));
        let b = rate_key(Some("2001:db8:1:2:bbbb::2".parse().unwrap()));
        let c = rate_key(Some("2001:db8:1:3::1".parse().unwrap()));
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert_eq!(
            rate_key(Some("::ffff:1.2.3.4".parse().unwrap())),
            rate_key(Some("1.2.3.4".parse().unwrap()))
        );
    }
}
