//! Login environments (N2): what a login's environment is, and whether the
//! customer knows it. Pure: the ledger keeps the environments, the
//! operation (`ops::environment`) reads them and records the login.
//!
//! What the front end reports is reduced before anything is kept or
//! compared:
//! - the device token (`--device-id`, a long-lived cookie) to a SHA-256 of
//!   the customer code and the token ([`device_hash`]): the ledger never
//!   holds a token that could be replayed, and one browser used by two
//!   customers cannot be linked through it;
//! - the user agent to its browser family and OS, without versions
//!   ([`reduce_user_agent`], on the `woothee` parser): a browser update is
//!   not a new browser;
//! - the IP address to its network (`/24` and `/48` by default, the
//!   policy's `[environments]`), so that a carrier handing out another
//!   address of its range is not a new network.
//!
//! A login's environment is known ([`judge`]) when its device token was seen
//! on one of the customer's successful logins within `known_for` days, or
//! when its network and browser family/OS match one of the customer's kept
//! environments (at most [`MAX_KEPT`], the most recently used, which hold
//! every environment of the last 20 successful logins).

use std::net::IpAddr;

use chrono::{DateTime, Duration, Utc};
use sha2::{Digest, Sha256};

/// The most environments kept per customer (the most recently used).
pub const MAX_KEPT: usize = 20;

/// The shortest and longest device token taken (visible ASCII): a token is
/// a random cookie value; anything shorter guesses too easily.
pub const MIN_TOKEN: usize = 16;
pub const MAX_TOKEN: usize = 256;

/// What a login's environment is reduced to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Observed {
    /// [`device_hash`] of the device token, when the front end sent one.
    pub device_hash: Option<String>,
    /// Browser family (`Chrome`, `Safari`), when the user agent tells.
    pub browser: Option<String>,
    /// Operating system without version (`Windows`, `iOS`).
    pub os: Option<String>,
    /// The network of the IP address (`203.0.113.0/24`).
    pub network: Option<String>,
    /// The front end's name for the device (`--device`), shown only.
    pub device: Option<String>,
}

/// An environment the customer logged in from (as the ledger keeps it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Known {
    pub id: i64,
    pub device_hash: Option<String>,
    pub browser: Option<String>,
    pub os: Option<String>,
    pub network: Option<String>,
    pub device: Option<String>,
    pub first_seen: DateTime<Utc>,
    pub last_seen: DateTime<Utc>,
}

/// How a login compares with the customer's environments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verdict {
    /// The environment is known: no notice.
    pub known: bool,
    /// The customer has no environment yet (a first login, or every one
    /// forgotten).
    pub first: bool,
    /// The device token is none of the kept ones (false without a token).
    pub new_device: bool,
    /// The browser family and OS are none of the kept ones.
    pub new_browser: bool,
    /// The network is none of the kept ones.
    pub new_network: bool,
    /// The kept environment that is this very one (to touch, not add).
    pub same: Option<i64>,
}

/// The stored form of a device token: hex SHA-256 over a fixed label, the
/// customer code and the token.
pub fn device_hash(code: &str, token: &str) -> String {
    let mut h = Sha256::new();
    h.update(b"acctsec device-id v1\0");
    h.update(code.as_bytes());
    h.update(b"\0");
    h.update(token.as_bytes());
    hex::encode(h.finalize())
}

/// Whether `token` may be a device token: [`MIN_TOKEN`]..=[`MAX_TOKEN`]
/// visible ASCII characters (what a cookie value holds).
pub fn token_ok(token: &str) -> bool {
    (MIN_TOKEN..=MAX_TOKEN).contains(&token.len()) && token.bytes().all(|b| b.is_ascii_graphic())
}

/// The browser family and OS of a user agent, without versions (`None`
/// where the parser cannot tell).
pub fn reduce_user_agent(ua: &str) -> (Option<String>, Option<String>) {
    static PARSER: std::sync::OnceLock<woothee::parser::Parser> = std::sync::OnceLock::new();
    let parser = PARSER.get_or_init(woothee::parser::Parser::new);
    let Some(r) = parser.parse(ua) else {
        return (None, None);
    };
    let known = |s: &str| (!s.is_empty() && s != "UNKNOWN").then(|| s.to_string());
    (known(r.name), known(r.os).map(|os| os_family(&os)))
}

/// An OS name without its version: every Windows is `Windows`, every
/// iPhone and iPod `iOS`.
fn os_family(os: &str) -> String {
    match os {
        o if o.starts_with("Windows Phone") => "Windows Phone".into(),
        o if o.starts_with("Windows") => "Windows".into(),
        "Mac OSX" | "Mac OS Classic" => "macOS".into(),
        "iPhone" | "iPod" | "iOS" => "iOS".into(),
        "iPad" => "iPadOS".into(),
        o if o.starts_with("BlackBerry") => "BlackBerry".into(),
        o => o.to_string(),
    }
}

/// The network of `ip` at the policy's prefix lengths, as `addr/len`
/// (an IPv4-mapped IPv6 address counts as IPv4).
pub fn network_of(ip: IpAddr, v4_prefix: u8, v6_prefix: u8) -> String {
    match canonical(ip) {
        IpAddr::V4(a) => {
            let len = v4_prefix.min(32);
            let bits = u32::from(a) & mask32(len);
            format!("{}/{len}", std::net::Ipv4Addr::from(bits))
        }
        IpAddr::V6(a) => {
            let len = v6_prefix.min(128);
            let bits = u128::from(a) & mask128(len);
            format!("{}/{len}", std::net::Ipv6Addr::from(bits))
        }
    }
}

fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(a) => a.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

fn mask32(len: u8) -> u32 {
    if len == 0 {
        0
    } else {
        u32::MAX << (32 - u32::from(len))
    }
}

fn mask128(len: u8) -> u128 {
    if len == 0 {
        0
    } else {
        u128::MAX << (128 - u32::from(len))
    }
}

/// A stored network: its address and prefix length.
fn parse_network(net: &str) -> Option<(IpAddr, u8)> {
    let (addr, len) = net.split_once('/')?;
    Some((addr.parse().ok()?, len.parse().ok()?))
}

/// Whether two networks (stored ones may have been taken at another prefix
/// length, before the policy changed) overlap: equal at the shorter of the
/// two lengths.
pub fn same_network(a: &str, b: &str) -> bool {
    let (Some((x, lx)), Some((y, ly))) = (parse_network(a), parse_network(b)) else {
        return false;
    };
    match (canonical(x), canonical(y)) {
        (IpAddr::V4(x), IpAddr::V4(y)) => {
            let m = mask32(lx.min(ly).min(32));
            u32::from(x) & m == u32::from(y) & m
        }
        (IpAddr::V6(x), IpAddr::V6(y)) => {
            let m = mask128(lx.min(ly).min(128));
            u128::from(x) & m == u128::from(y) & m
        }
        _ => false,
    }
}

/// A network for display: the part past the prefix replaced by `*`
/// (`203.0.113.*`, `2001:db8:12::*`), the prefix length kept when it does
/// not fall on a part's boundary (`198.51.96.*/20`).
pub fn masked_network(net: &str) -> String {
    let Some((addr, len)) = parse_network(net) else {
        return "*".into();
    };
    match addr {
        IpAddr::V4(a) => {
            let o = a.octets();
            let whole = usize::from(len / 8);
            let mut parts: Vec<String> = o[..whole.min(4)].iter().map(u8::to_string).collect();
            if parts.len() < 4 {
                parts.push("*".into());
            }
            let suffix = if len % 8 == 0 {
                String::new()
            } else {
                format!("/{len}")
            };
            format!("{}{suffix}", parts.join("."))
        }
        IpAddr::V6(a) => {
            let s = a.segments();
            let whole = usize::from(len / 16);
            let mut parts: Vec<String> =
                s[..whole.min(8)].iter().map(|g| format!("{g:x}")).collect();
            if parts.len() < 8 {
                parts.push("*".into());
            }
            let suffix = if len % 16 == 0 {
                String::new()
            } else {
                format!("/{len}")
            };
            format!("{}{suffix}", parts.join(":"))
        }
    }
}

/// Whether a kept environment still counts at `now` (used within
/// `known_for` days).
pub fn fresh(k: &Known, now: DateTime<Utc>, known_for_days: u32) -> bool {
    k.last_seen > now - Duration::days(i64::from(known_for_days))
}

/// How the login `o` compares with the customer's kept environments `kept`
/// at `now` (environments past `known_for_days` are ignored, whether or not
/// they were pruned yet).
pub fn judge(kept: &[Known], o: &Observed, now: DateTime<Utc>, known_for_days: u32) -> Verdict {
    let live: Vec<&Known> = live(kept, now, known_for_days);
    let net_match = |k: &Known| match (&k.network, &o.network) {
        (Some(a), Some(b)) => same_network(a, b),
        _ => false,
    };
    let family_match = |k: &Known| k.browser == o.browser && k.os == o.os;
    let device_known = o
        .device_hash
        .as_ref()
        .is_some_and(|h| live.iter().any(|k| k.device_hash.as_ref() == Some(h)));
    let place_known = o.network.is_some() && live.iter().any(|k| net_match(k) && family_match(k));
    let same = live
        .iter()
        .find(|k| k.device_hash == o.device_hash && family_match(k) && k.network == o.network)
        .map(|k| k.id);
    Verdict {
        known: device_known || place_known,
        first: live.is_empty(),
        new_device: o.device_hash.is_some() && !device_known,
        new_browser: !live.iter().any(|k| family_match(k)),
        new_network: o.network.is_some() && !live.iter().any(|k| net_match(k)),
        same,
    }
}

/// What recording a login does to the kept environments: the verdict, and
/// which kept environments to forget (past `known_for_days`, or beyond the
/// [`MAX_KEPT`] most recently used once this login's is the most recent).
/// The ledger (`ops::environment::record_login`) and the benchmark apply it
/// alike: touch `verdict.same` (or keep the login's environment as new),
/// then delete `forget`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub verdict: Verdict,
    pub forget: Vec<i64>,
}

pub fn plan(kept: &[Known], o: &Observed, now: DateTime<Utc>, known_for_days: u32) -> Plan {
    let verdict = judge(kept, o, now, known_for_days);
    let mut others: Vec<&Known> = kept.iter().filter(|k| Some(k.id) != verdict.same).collect();
    others.sort_by(|a, b| b.last_seen.cmp(&a.last_seen).then(b.id.cmp(&a.id)));
    let forget = others
        .iter()
        .enumerate()
        .filter(|(i, k)| *i + 1 >= MAX_KEPT || !fresh(k, now, known_for_days))
        .map(|(_, k)| k.id)
        .collect();
    Plan { verdict, forget }
}

/// The kept environments that still count at `now`, most recently used
/// first, at most [`MAX_KEPT`].
fn live(kept: &[Known], now: DateTime<Utc>, known_for_days: u32) -> Vec<&Known> {
    let mut live: Vec<&Known> = kept
        .iter()
        .filter(|k| fresh(k, now, known_for_days))
        .collect();
    live.sort_by(|a, b| b.last_seen.cmp(&a.last_seen).then(b.id.cmp(&a.id)));
    live.truncate(MAX_KEPT);
    live
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    const CHROME_WIN: &str = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
    const CHROME_WIN_NEXT: &str = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/132.0.6834.83 Safari/537.36";
    const SAFARI_IPHONE: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";
    const SAFARI_IPHONE_NEXT: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";

    fn at(d: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap() + Duration::days(i64::from(d))
    }

    #[test]
    fn user_agents_reduce_to_family_and_os_without_versions() {
        assert_eq!(
            reduce_user_agent(CHROME_WIN),
            (Some("Chrome".into()), Some("Windows".into()))
        );
        assert_eq!(
            reduce_user_agent(CHROME_WIN),
            reduce_user_agent(CHROME_WIN_NEXT)
        );
        assert_eq!(
            reduce_user_agent(SAFARI_IPHONE),
            (Some("Safari".into()), Some("iOS".into()))
        );
        assert_eq!(
            reduce_user_agent(SAFARI_IPHONE),
            reduce_user_agent(SAFARI_IPHONE_NEXT)
        );
        let edge = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.86";
        assert_eq!(reduce_user_agent(edge).0.as_deref(), Some("Edge"));
        let firefox_mac =
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14.7; rv:133.0) Gecko/20100101 Firefox/133.0";
        assert_eq!(
            reduce_user_agent(firefox_mac),
            (Some("Firefox".into()), Some("macOS".into()))
        );
        assert_eq!(reduce_user_agent("curl"), (None, None));
    }

    #[test]
    fn networks_are_taken_at_the_prefix() {
        let ip = |s: &str| s.parse::<IpAddr>().unwrap();
        assert_eq!(network_of(ip("203.0.113.77"), 24, 48), "203.0.113.0/24");
        assert_eq!(
            network_of(ip("::ffff:203.0.113.77"), 24, 48),
            "203.0.113.0/24"
        );
        assert_eq!(
            network_of(ip("2001:db8:12:34::1"), 24, 48),
            "2001:db8:12::/48"
        );
        assert_eq!(network_of(ip("198.51.100.9"), 20, 48), "198.51.96.0/20");
        assert!(same_network("203.0.113.0/24", "203.0.113.0/24"));
        assert!(!same_network("203.0.113.0/24", "203.0.114.0/24"));
        // Taken before the policy changed: compared at the shorter length.
        assert!(same_network("203.0.0.0/16", "203.0.113.0/24"));
        assert!(!same_network("203.0.113.0/24", "2001:db8::/48"));
        assert_eq!(masked_network("203.0.113.0/24"), "203.0.113.*");
        assert_eq!(masked_network("198.51.96.0/20"), "198.51.*/20");
        assert_eq!(masked_network("2001:db8:12::/48"), "2001:db8:12:*");
    }

    #[test]
    fn a_token_hash_depends_on_the_customer_and_shows_no_token() {
        let t = "c0ffee-0123456789abcdef";
        let h = device_hash("1000100", t);
        assert_eq!(h.len(), 64);
        assert!(!h.contains(t));
        assert_ne!(h, device_hash("1000101", t));
        assert!(token_ok(t));
        assert!(!token_ok("short"));
        assert!(!token_ok("has a space in it 0123"));
    }

    fn kept(id: i64, dev: Option<&str>, ua: &str, net: &str, last: u32) -> Known {
        let (browser, os) = reduce_user_agent(ua);
        Known {
            id,
            device_hash: dev.map(|d| device_hash("1", d)),
            browser,
            os,
            network: Some(net.into()),
            device: None,
            first_seen: at(0),
            last_seen: at(last),
        }
    }

    fn observed(dev: Option<&str>, ua: &str, net: &str) -> Observed {
        let (browser, os) = reduce_user_agent(ua);
        Observed {
            device_hash: dev.map(|d| device_hash("1", d)),
            browser,
            os,
            network: Some(net.into()),
            device: None,
        }
    }

    #[test]
    fn known_by_token_or_by_network_and_family() {
        let k = [kept(
            1,
            Some("token-aaaaaaaaaaaaaaaa"),
            CHROME_WIN,
            "203.0.113.0/24",
            10,
        )];
        // The same token from anywhere, any browser.
        let v = judge(
            &k,
            &observed(
                Some("token-aaaaaaaaaaaaaaaa"),
                SAFARI_IPHONE,
                "198.51.100.0/24",
            ),
            at(11),
            40,
        );
        assert!(v.known && !v.new_device && v.new_browser && v.new_network);
        // A new token, but the same network and browser (cookies cleared).
        let v = judge(
            &k,
            &observed(
                Some("token-bbbbbbbbbbbbbbbb"),
                CHROME_WIN_NEXT,
                "203.0.113.0/24",
            ),
            at(11),
            40,
        );
        assert!(v.known && v.new_device && !v.new_browser && !v.new_network);
        // New token, new network: new.
        let v = judge(
            &k,
            &observed(
                Some("token-bbbbbbbbbbbbbbbb"),
                CHROME_WIN,
                "198.51.100.0/24",
            ),
            at(11),
            40,
        );
        assert!(!v.known && v.new_device && v.new_network && !v.new_browser);
        // Forgotten after known_for days without use.
        let v = judge(
            &k,
            &observed(Some("token-aaaaaaaaaaaaaaaa"), CHROME_WIN, "203.0.113.0/24"),
            at(50),
            40,
        );
        assert!(!v.known && v.first);
        let v = judge(
            &k,
            &observed(Some("token-aaaaaaaaaaaaaaaa"), CHROME_WIN, "203.0.113.0/24"),
            at(49),
            40,
        );
        assert!(v.known && v.same == Some(1));
    }

    #[test]
    fn only_the_most_recent_twenty_count() {
        let k: Vec<Known> = (0..25)
            .map(|i| kept(i, None, CHROME_WIN, &format!("10.0.{i}.0/24"), i as u32))
            .collect();
        assert!(judge(&k, &observed(None, CHROME_WIN, "10.0.24.0/24"), at(30), 40).known);
        assert!(judge(&k, &observed(None, CHROME_WIN, "10.0.5.0/24"), at(30), 40).known);
        assert!(!judge(&k, &observed(None, CHROME_WIN, "10.0.4.0/24"), at(30), 40).known);
    }

    #[test]
    fn a_plan_keeps_twenty_and_forgets_the_stale() {
        let mut k: Vec<Known> = (0..20)
            .map(|i| {
                kept(
                    i,
                    None,
                    CHROME_WIN,
                    &format!("10.0.{i}.0/24"),
                    10 + i as u32,
                )
            })
            .collect();
        k.push(kept(99, None, CHROME_WIN, "10.9.9.0/24", 0));
        // A new environment at day 45: day 0's is stale, and of the others
        // only the 19 most recent stay beside the new one.
        let p = plan(
            &k,
            &observed(None, SAFARI_IPHONE, "192.0.2.0/24"),
            at(45),
            40,
        );
        assert!(!p.verdict.known && p.verdict.same.is_none());
        let mut f = p.forget.clone();
        f.sort();
        assert_eq!(f, [0, 99]);
        // A known one is touched, not counted among the others.
        let p = plan(&k, &observed(None, CHROME_WIN, "10.0.19.0/24"), at(45), 40);
        assert_eq!(p.verdict.same, Some(19));
        assert_eq!(p.forget, [99]);
    }
}
