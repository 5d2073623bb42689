//! Benchmark `login_env`: how many "login from a new environment" notices
//! (N2) customers get, before (the previous-login rule) and after (known
//! environments), on one generated login stream; and whether every login
//! from a device and a network never seen before is still reported.
//!
//! The stream: `--customers` (10,000) customers over `--days` (60) days.
//! Each customer has 1 to 3 devices (a home PC, a phone, a second PC or a
//! tablet at the office), each with its browser cookie (`--device-id`):
//! - the home PC sits behind a broadband address that moves within its /24
//!   now and then;
//! - the phone's carrier hands out another address every 2 to 5 days,
//!   mostly within the same /24, sometimes elsewhere in the carrier's /20;
//! - every browser updates once a month (its version is in the user
//!   agent), iOS and Android now and then;
//! - a browser's cookies are cleared now and then (a new token on a known
//!   network and browser);
//! - the phone visits another network now and then (a café);
//! - ground truth: some customers get a new phone (a new device on the
//!   carrier), and some get a login from a device and a network never seen
//!   before (a takeover, or a login from abroad): these must be reported.
//!
//! Before: the rule acctsec had, simulated faithfully: a notice whenever the
//! device name, the user-agent string or the IP address differs from the
//! previous login's (the first login silent). After: every login replayed
//! through the rule `notify emit login` runs (`ops::environment::observe`,
//! then `notify::environment::plan`: the same functions, with the same
//! policy defaults), applied to each customer's kept environments as the
//! ledger applies it (touch or add, then forget what the plan says). Both
//! start from one earlier login per customer (the environment a schema-16
//! ledger's `login_env` row migrates to). The ledger's own handling of the
//! plan is tested end to end in tests/environments.rs; the clock of a
//! release build cannot be moved, so 60 days are replayed in process.
//!
//! Goals: at least 90% fewer notices per customer-month; 100% of logins
//! from a never-seen device on a never-seen network reported.
//!
//! cargo bench --bench login_env                  (10,000 customers, 60 days)
//! cargo bench --bench login_env -- --quick       (500 customers)
//! cargo bench --bench login_env -- --customers 20000 --days 90

#[path = "support.rs"]
mod support;

use std::collections::HashSet;
use std::net::{IpAddr, Ipv4Addr};
use std::time::Instant;

use acctsec::notify::environment::{Known, plan};
use acctsec::ops::environment::{ClientEnv, observe};
use acctsec::policy::Policy;
use chrono::{DateTime, Duration, TimeZone, Utc};
use support::{Rng, verdict};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    HomePc,
    Phone,
    OfficePc,
}

struct Device {
    kind: Kind,
    label: &'static str,
    /// Browser family index into the user-agent templates.
    browser: usize,
    version: u32,
    os_version: u32,
    token: String,
    ip: Ipv4Addr,
    /// The day of the month its browser updates.
    update_day: u32,
}

/// One customer's state for both rules.
struct Customer {
    devices: Vec<Device>,
    /// Before: the previous login's (device, user agent, IP).
    previous: Option<(String, String, String)>,
    /// After: the kept environments.
    kept: Vec<Known>,
    next_id: i64,
    /// Ground truth: tokens and /24 networks seen so far.
    seen_tokens: HashSet<String>,
    seen_nets: HashSet<[u8; 3]>,
}

fn user_agent(d: &Device) -> String {
    let (v, o) = (d.version, d.os_version);
    match (d.kind, d.browser % 3) {
        (Kind::Phone, 0 | 1) => format!(
            "Mozilla/5.0 (iPhone; CPU iPhone OS {o}_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/{o}.1 Mobile/15E148 Safari/604.1"
        ),
        (Kind::Phone, _) => format!(
            "Mozilla/5.0 (Linux; Android {o}; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{v}.0.0.0 Mobile Safari/537.36"
        ),
        (_, 0) => format!(
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{v}.0.0.0 Safari/537.36"
        ),
        (_, 1) => format!(
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{v}.0.0.0 Safari/537.36 Edg/{v}.0.2903.86"
        ),
        _ => format!(
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14.{o}; rv:{v}.0) Gecko/20100101 Firefox/{v}.0"
        ),
    }
}

fn token(rng: &mut Rng) -> String {
    rng.string(32, support::ALNUM)
}

fn ip_in(rng: &mut Rng, a: u8, b: u8, c: u8) -> Ipv4Addr {
    Ipv4Addr::new(a, b, c, 1 + rng.below(254) as u8)
}

/// A network of some provider: first two octets from a small set of
/// "providers", the third free.
fn provider_ip(rng: &mut Rng) -> Ipv4Addr {
    let a = [100u8, 110, 120, 126, 133, 153, 180, 202][rng.below(8)];
    anywhere_in(rng, a)
}

/// A random address whose first octet is `a`.
fn anywhere_in(rng: &mut Rng, a: u8) -> Ipv4Addr {
    let (b, c) = (rng.below(256) as u8, rng.below(256) as u8);
    ip_in(rng, a, b, c)
}

fn new_customer(rng: &mut Rng) -> Customer {
    let n = 1 + rng.below(3);
    let kinds = [Kind::HomePc, Kind::Phone, Kind::OfficePc];
    let mut devices = Vec::new();
    for (i, kind) in kinds.iter().take(n).enumerate() {
        // A single-device customer uses a phone or a PC.
        let kind = if n == 1 && rng.chance(60) {
            Kind::Phone
        } else {
            *kind
        };
        let _ = i;
        devices.push(Device {
            kind,
            label: match kind {
                Kind::HomePc => "PC",
                Kind::Phone => "スマートフォン",
                Kind::OfficePc => "PC (office)",
            },
            browser: rng.below(3),
            version: 120 + rng.below(10) as u32,
            os_version: 15 + rng.below(3) as u32,
            token: token(rng),
            ip: provider_ip(rng),
            update_day: 1 + rng.below(28) as u32,
        });
    }
    Customer {
        devices,
        previous: None,
        kept: Vec::new(),
        next_id: 1,
        seen_tokens: HashSet::new(),
        seen_nets: HashSet::new(),
    }
}

/// What one login was, for the counts.
#[derive(Default)]
struct Counts {
    logins: u64,
    before: u64,
    after: u64,
    truly_new: u64,
    truly_new_reported: u64,
}

struct Login {
    label: String,
    ua: String,
    token: String,
    ip: Ipv4Addr,
}

/// Replay one login through both rules.
fn replay(
    c: &mut Customer,
    l: &Login,
    at: DateTime<Utc>,
    policy: &Policy,
    counted: bool,
    n: &mut Counts,
) {
    // Before: the previous login's device, user agent and IP, exactly.
    let now = (l.label.clone(), l.ua.clone(), l.ip.to_string());
    let before = c.previous.as_ref().is_some_and(|p| *p != now);
    c.previous = Some(now);
    // After: the rule of `notify emit login`.
    let env = ClientEnv {
        ip: Some(IpAddr::V4(l.ip)),
        device: Some(l.label.clone()),
        user_agent: Some(l.ua.clone()),
        device_id: Some(zeroize::Zeroizing::new(l.token.clone())),
    };
    let e = &policy.environments;
    let o = observe("C", &env, e);
    let p = plan(&c.kept, &o, at, e.known_for_days);
    match p.verdict.same {
        Some(id) => {
            if let Some(k) = c.kept.iter_mut().find(|k| k.id == id) {
                k.last_seen = at;
            }
        }
        None => {
            c.kept.push(Known {
                id: c.next_id,
                device_hash: o.device_hash.clone(),
                browser: o.browser.clone(),
                os: o.os.clone(),
                network: o.network.clone(),
                device: o.device.clone(),
                first_seen: at,
                last_seen: at,
            });
            c.next_id += 1;
        }
    }
    c.kept.retain(|k| !p.forget.contains(&k.id));
    let after = !p.verdict.known;
    // Ground truth: a device and a network never seen before.
    let o3 = l.ip.octets();
    let net = [o3[0], o3[1], o3[2]];
    let truly_new = !c.seen_tokens.contains(&l.token) && !c.seen_nets.contains(&net);
    c.seen_tokens.insert(l.token.clone());
    c.seen_nets.insert(net);
    if counted {
        n.logins += 1;
        n.before += u64::from(before);
        n.after += u64::from(after);
        if truly_new {
            n.truly_new += 1;
            n.truly_new_reported += u64::from(after);
        }
    }
}

fn main() {
    support::banner("login_env");
    let customers = support::size("customers", "ACCTSEC_BENCH_CUSTOMERS", 10_000, 500);
    let days = support::size("days", "ACCTSEC_BENCH_DAYS", 60, 60) as i64;
    let policy = Policy::default();
    let start = Utc.with_ymd_and_hms(2026, 10, 1, 0, 0, 0).unwrap();
    println!(
        "scenario: {customers} customers, {days} days; policy: known_for_days {}, IPv4 /{}, IPv6 /{}",
        policy.environments.known_for_days,
        policy.environments.ipv4_prefix,
        policy.environments.ipv6_prefix
    );
    let t0 = Instant::now();
    let mut rng = Rng::new(0x6c6f_6769_6e5f_656e);
    let mut n = Counts::default();
    let mut injected = 0u64;
    for _ in 0..customers {
        let mut c = new_customer(&mut rng);
        // The login before the stream (what a migrated ledger knows).
        let d = &c.devices[0];
        let first = Login {
            label: d.label.to_string(),
            ua: user_agent(d),
            token: d.token.clone(),
            ip: d.ip,
        };
        replay(
            &mut c,
            &first,
            start - Duration::hours(12),
            &policy,
            false,
            &mut n,
        );
        // This customer's ground-truth events: a new phone, a stranger.
        let new_phone_day = rng.chance(5).then(|| rng.below(days as usize) as i64);
        let stranger_day = rng.chance(3).then(|| rng.below(days as usize) as i64);
        for day in 0..days {
            let date = start + Duration::days(day);
            let dom = u32::try_from((day % 30) + 1).unwrap_or(1);
            for d in c.devices.iter_mut() {
                // Monthly browser updates; OS updates now and then.
                if d.update_day == dom {
                    d.version += 1;
                }
                if rng.chance(1) {
                    d.os_version += 1;
                }
                match d.kind {
                    Kind::Phone if rng.chance(30) => {
                        // The carrier: mostly the same /24, sometimes its /20.
                        let o = d.ip.octets();
                        let third = if rng.chance(70) {
                            o[2]
                        } else {
                            (o[2] & 0xf0) | rng.below(16) as u8
                        };
                        d.ip = ip_in(&mut rng, o[0], o[1], third);
                    }
                    Kind::HomePc if rng.chance(5) => {
                        let o = d.ip.octets();
                        d.ip = ip_in(&mut rng, o[0], o[1], o[2]);
                    }
                    _ => {}
                }
                if rng.chance(1) {
                    d.token = token(&mut rng); // cookies cleared
                }
            }
            if new_phone_day == Some(day) {
                let old = c.devices.iter().position(|d| d.kind == Kind::Phone);
                let ip = old
                    .map(|i| c.devices[i].ip)
                    .unwrap_or_else(|| provider_ip(&mut rng));
                let phone = Device {
                    kind: Kind::Phone,
                    label: "スマートフォン",
                    browser: rng.below(3),
                    version: 131,
                    os_version: 18,
                    token: token(&mut rng),
                    ip,
                    update_day: 1 + rng.below(28) as u32,
                };
                match old {
                    Some(i) => c.devices[i] = phone,
                    None => c.devices.push(phone),
                }
            }
            // Each device logs in on some days, at its hour.
            let mut logins: Vec<(i64, Login)> = Vec::new();
            for (i, d) in c.devices.iter().enumerate() {
                let p = match d.kind {
                    Kind::Phone => 60,
                    Kind::HomePc => 45,
                    Kind::OfficePc => 30,
                };
                if !rng.chance(p) {
                    continue;
                }
                let mut ip = d.ip;
                if d.kind == Kind::Phone && rng.chance(5) {
                    ip = provider_ip(&mut rng); // a café's network
                }
                let minute = (7 + 5 * i as i64) * 60 + rng.below(120) as i64;
                logins.push((
                    minute,
                    Login {
                        label: d.label.to_string(),
                        ua: user_agent(d),
                        token: d.token.clone(),
                        ip,
                    },
                ));
            }
            if stranger_day == Some(day) {
                injected += 1;
                let ua = user_agent(&c.devices[0]);
                logins.push((
                    23 * 60,
                    Login {
                        label: "PC".into(),
                        ua,
                        token: token(&mut rng),
                        ip: anywhere_in(&mut rng, 45),
                    },
                ));
            }
            logins.sort_by_key(|(m, _)| *m);
            for (minute, l) in &logins {
                replay(
                    &mut c,
                    l,
                    date + Duration::minutes(*minute),
                    &policy,
                    true,
                    &mut n,
                );
            }
        }
    }
    let elapsed = t0.elapsed();
    let months = customers as f64 * days as f64 / 30.0;
    let before = n.before as f64 / months;
    let after = n.after as f64 / months;
    let reduction = if n.before > 0 {
        100.0 * (1.0 - n.after as f64 / n.before as f64)
    } else {
        0.0
    };
    let caught = if n.truly_new > 0 {
        100.0 * n.truly_new_reported as f64 / n.truly_new as f64
    } else {
        100.0
    };
    println!(
        "logins: {} ({:.2} per customer-day), replayed in {:.1} s ({:.1} µs a login)",
        n.logins,
        n.logins as f64 / (customers as f64 * days as f64),
        elapsed.as_secs_f64(),
        elapsed.as_secs_f64() * 1e6 / n.logins.max(1) as f64
    );
    println!(
        "new-environment notices per customer-month: before (previous-login rule) {before:.2}, after (known environments) {after:.3}; {reduction:.1}% fewer"
    );
    println!(
        "logins from a never-seen device on a never-seen network: {} (of them {injected} injected strangers), reported {} = {caught:.1}%",
        n.truly_new, n.truly_new_reported
    );
    println!(
        "after: {} notices in all, {} of them for a never-seen device on a never-seen network, {} other (a new token on a network not known with that browser and OS)",
        n.after,
        n.truly_new_reported,
        n.after - n.truly_new_reported
    );
    println!(
        "target (at least 90% fewer): {}",
        verdict(reduction >= 90.0)
    );
    println!(
        "target (every never-seen device on a never-seen network reported): {}",
        verdict(n.truly_new_reported == n.truly_new && n.truly_new > 0)
    );
}
