//! Benchmark `authcode`: what recovering an email auth code from a copy of
//! the ledger costs an attacker on one core.
//!
//! A code is `digits` decimal digits (10^6 for six) stored as an Argon2id
//! hash; whoever reads the ledger file can try every code against the hash.
//! This times `Hasher::verify` of a wrong code on one thread (the attacker's
//! inner loop: the same Argon2 computation, with a reused buffer) for the
//! policy's default `[authcode.hashing]` and, for comparison, the password
//! parameters, and prints the time to try the whole code space, the
//! expected time (half of it) and the chance to hit within the code's
//! lifetime (10 minutes by default) on one core.
//! Target: the whole space takes at least 100 lifetimes (a chance of at most
//! 1% within the lifetime).
//!
//! cargo bench --bench authcode                      (40 tries per setting)
//! cargo bench --bench authcode -- --tries 200
//! cargo bench --bench authcode -- --quick           (5 tries)

#[path = "support.rs"]
mod support;

use std::time::Instant;

use acctsec::policy::Policy;
use acctsec::secret::{Argon2Params, Hasher};
use support::verdict;

fn per_try(params: Argon2Params, tries: usize) -> f64 {
    let mut h = Hasher::new(params).expect("hasher");
    let stored = h.hash(b"123456").expect("hash");
    // Warm up: the buffer is allocated and faulted in once.
    let _ = h.verify(b"000000", &stored);
    let t0 = Instant::now();
    for i in 0..tries {
        let guess = format!("{:06}", 200_000 + i);
        assert!(!h.verify(guess.as_bytes(), &stored).expect("verify"));
    }
    t0.elapsed().as_secs_f64() / tries as f64
}

fn main() {
    support::banner("authcode");
    let tries = support::size("tries", "ACCTSEC_BENCH_TRIES", 40, 5);
    let policy = Policy::default();
    let a = &policy.authcode;
    let space = 10f64.powi(a.digits as i32);
    let lifetime = f64::from(a.lifetime_minutes) * 60.0;
    let own = Argon2Params {
        m_kib: a.hashing.m_kib,
        t: a.hashing.t,
        p: a.hashing.p,
    };
    let passwords = acctsec::password::argon2_params(&policy);
    println!(
        "scenario: {}-digit codes ({space:.0} possible), lifetime {} min, {tries} wrong tries per setting on one thread",
        a.digits, a.lifetime_minutes
    );
    let mut target_met = false;
    for (name, params) in [
        ("authcode.hashing", own),
        ("hashing (passwords)", passwords),
    ] {
        let s = per_try(params, tries);
        let all = s * space;
        let chance = (lifetime / all).min(1.0) * 100.0;
        println!(
            "{name}: m={} KiB t={} p={}: {:.1} ms a try; all codes {:.1} h, expected {:.1} h; chance within the lifetime {:.2}% on one core",
            params.m_kib,
            params.t,
            params.p,
            s * 1e3,
            all / 3600.0,
            all / 7200.0,
            chance
        );
        if name == "authcode.hashing" {
            target_met = all >= 100.0 * lifetime;
        }
    }
    println!(
        "target (all codes >= 100 lifetimes with authcode.hashing): {}",
        verdict(target_met)
    );
}
