//! Benchmark `policy`: `acctsec::policy::check` on one core.
//!
//! Checks a realistic mix of candidate passwords (random strong ones,
//! common passwords and their variants, ones built from the customer's
//! birth date, phone numbers and code, keyboard and alphabet sequences,
//! repeats, full-width input, too short and too long) with the customer's
//! facts, every guessability rule on, against the securities login and
//! execution policies and the fx-cfd login policy (symbols allowed).
//! Target: >= 100,000 checks/s on one core.
//!
//! cargo bench --bench policy                        (500,000 checks per policy)
//! cargo bench --bench policy -- --checks 2000000
//! ACCTSEC_BENCH_CHECKS=2000000 cargo bench --bench policy
//! cargo bench --bench policy -- --quick             (10,000 checks per policy)

#[path = "support.rs"]
mod support;

use std::hint::black_box;
use std::time::Instant;

use acctsec::policy::{Facts, KindPolicy, Policy, Rules, check};
use chrono::NaiveDate;
use support::{ALNUM, Rng, verdict};

const TARGET: f64 = 100_000.0;
/// Distinct candidates in the mix.
const POOL: usize = 4096;

fn main() {
    support::banner("policy");
    let checks = support::size("checks", "ACCTSEC_BENCH_CHECKS", 500_000, 10_000).max(1);

    let birth = NaiveDate::from_ymd_opt(1980, 1, 15).expect("date");
    let phones = vec!["0312345678".to_string(), "09012345678".to_string()];
    let facts = Facts {
        code: "10001740",
        birth_date: Some(birth),
        phones: &phones,
    };
    let pool = mix(&mut Rng::new(5), birth, &phones, facts.code);
    acctsec::policy::preload_common_list();

    let all_on = |mut k: KindPolicy| {
        k.rules = Rules::ALL_ON;
        k
    };
    let securities = Policy::preset("securities").expect("preset");
    let fx = Policy::preset("fx-cfd").expect("preset");
    let policies = [
        ("securities login", all_on(securities.login.clone())),
        ("securities execution", all_on(securities.execution.clone())),
        ("fx-cfd login", all_on(fx.login.clone())),
    ];
    println!(
        "scenario: {POOL} distinct candidates, {checks} checks per policy, one core, all rules on"
    );

    let mut total_checks = 0usize;
    let mut total_secs = 0.0f64;
    for (name, kp) in &policies {
        let rejected = pool
            .iter()
            .filter(|p| !check(kp, p, Some(&facts)).is_empty())
            .count();
        let t0 = Instant::now();
        let mut violations = 0usize;
        for i in 0..checks {
            let pw = &pool[i % pool.len()];
            violations += black_box(check(kp, black_box(pw), Some(black_box(&facts)))).len();
        }
        let secs = t0.elapsed().as_secs_f64();
        black_box(violations);
        total_checks += checks;
        total_secs += secs;
        println!(
            "{name:<22} {:>10.0} checks/s  ({:.2} µs each; {:.0}% of the mix rejected)",
            checks as f64 / secs,
            secs * 1e6 / checks as f64,
            100.0 * rejected as f64 / pool.len() as f64
        );
    }
    let rate = total_checks as f64 / total_secs;
    println!(
        "overall                {rate:>10.0} checks/s  (target >= {TARGET:.0}: {})",
        verdict(rate >= TARGET)
    );
}

/// The candidate mix: what customers type when asked for a new password.
fn mix(rng: &mut Rng, birth: NaiveDate, phones: &[String], code: &str) -> Vec<String> {
    let common: Vec<&str> = acctsec::policy::common_in_order().take(3000).collect();
    let dates: Vec<String> = acctsec::policy::birth_date_forms(birth)
        .into_iter()
        .map(|(f, _)| f)
        .collect();
    const WORDS: &[&str] = &[
        "taro", "sakura", "tokyo", "hanako", "yamada", "money", "kabu", "nikkei", "dragon", "love",
    ];
    const SEQS: &[&str] = &[
        "abcd", "1234", "qwer", "asdf", "4321", "wxyz", "6789", "zxcv",
    ];
    const SYMBOLS: &[u8] = b"!#$%&*+-.=?@_~";
    let mut out = Vec::with_capacity(POOL);
    while out.len() < POOL {
        let word = *rng.pick(WORDS);
        let pw = match rng.below(100) {
            // Strong random, letters and digits.
            0..=29 => {
                let len = 8 + rng.below(7);
                rng.string(len, ALNUM)
            }
            // Random with a symbol or two.
            30..=39 => {
                let len = 8 + rng.below(9);
                let mut s = rng.string(len, ALNUM);
                s.insert(rng.below(len), *rng.pick(SYMBOLS) as char);
                s
            }
            // A common password or a trivial variant of one.
            40..=54 => {
                let base = *rng.pick(&common);
                match rng.below(6) {
                    0 => base.to_string(),
                    1 => format!("{}{}", capitalise(base), rng.below(100)),
                    2 => format!("{base}{}", 1950 + rng.below(75)),
                    3 => format!("{base}!"),
                    4 => base
                        .replace('a', "@")
                        .replace('o', "0")
                        .replace('e', "3")
                        .replace('s', "$"),
                    _ => capitalise(base),
                }
            }
            // Built from the birth date.
            55..=64 => {
                let d = rng.pick(&dates);
                if rng.chance(50) {
                    format!("{word}{d}")
                } else {
                    format!("{d}{word}")
                }
            }
            // Built from a phone number.
            65..=72 => {
                let p = rng.pick(phones);
                let tail = 4 + rng.below(p.len() - 3);
                format!("{word}{}", &p[p.len() - tail..])
            }
            // Built from the customer code.
            73..=77 => format!("{word}{code}"),
            // A sequence inside.
            78..=84 => format!("{word}{}{}", rng.pick(SEQS), rng.below(10)),
            // Repeats.
            85..=89 => match rng.below(3) {
                0 => format!("{word}{}", "7".repeat(4 + rng.below(3))),
                1 => word.repeat(3),
                _ => format!("{}{}", rng.string(2, ALNUM).repeat(4), rng.below(10)),
            },
            // Full-width input (an IME left on).
            90..=94 => format!("{word}{}", rng.below(10_000))
                .chars()
                .map(|c| char::from_u32(c as u32 + 0xFEE0).unwrap_or(c))
                .collect(),
            // Too short or too long.
            _ => {
                let len = if rng.chance(50) {
                    1 + rng.below(4)
                } else {
                    33 + rng.below(40)
                };
                rng.string(len, ALNUM)
            }
        };
        out.push(pw);
    }
    out
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}
