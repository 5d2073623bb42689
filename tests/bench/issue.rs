//! Benchmark `issue`: bulk issue of initial execution passwords against this
//! machine's Argon2 limit.
//!
//! Builds a ledger with the production Argon2 policy (m=19456 KiB, t=2,
//! p=1), imports N synthetic customers, times
//! `acctsec password issue --all --out FILE`, and in the same run measures
//! plain parallel Argon2id hashing of N passwords with the same parameters
//! on every core: with one `acctsec::secret::Hasher` per thread (the best
//! the library can do; the limit; measured before and after the tool, the
//! faster counts), and once with the stock
//! `argon2::Argon2::hash_password_into` (a fresh allocation per call) for
//! contrast. Target: issue / limit >= 0.90.
//!
//! cargo bench --bench issue                      (N = 10,000)
//! cargo bench --bench issue -- --customers 2000
//! ACCTSEC_BENCH_CUSTOMERS=2000 cargo bench --bench issue
//! cargo bench --bench issue -- --quick           (N = 200)

#[path = "support.rs"]
mod support;
#[path = "synth.rs"]
mod synth;

use std::time::Duration;

use acctsec::secret::{Argon2Params, DEFAULT_INITIAL_ALPHABET, Hasher, generate_password};
use support::{Scratch, cores, parallel, verdict};
use zeroize::Zeroizing;

const PARAMS: Argon2Params = Argon2Params::PRODUCTION;

fn main() {
    support::banner("issue");
    let n = support::size("customers", "ACCTSEC_BENCH_CUSTOMERS", 10_000, 200);

    // The scenario: a production-policy ledger with N customers.
    let s = Scratch::with_ledger();
    let toml = String::from_utf8_lossy(&s.ok(&["policy", "show", "--toml"]).stdout).into_owned();
    assert!(
        toml.contains("m_kib = 19456") && toml.contains("\nt = 2\n") && toml.contains("\np = 1\n"),
        "the ledger's policy is not the production Argon2 policy:\n{toml}"
    );
    let csv = s.path("customers.csv");
    synth::write_csv(&csv, n, 1, None);
    s.ok(&["customer", "import", &csv.display().to_string()]);
    println!(
        "scenario: {n} customers, Argon2id m={} KiB t={} p={}",
        PARAMS.m_kib, PARAMS.t, PARAMS.p
    );

    // The limit: the library's hasher, one per thread, every core. Measured
    // before and after the tool (the best counts), so a busy spell on the
    // machine cannot flatter the ratio.
    let passwords: Vec<Zeroizing<String>> = (0..n)
        .map(|_| generate_password(8, DEFAULT_INITIAL_ALPHABET.as_bytes()).expect("password"))
        .collect();
    let library = || {
        parallel(n, |_| {
            let mut h = Hasher::new(PARAMS).expect("hasher");
            let pw = &passwords;
            move |i: usize| {
                std::hint::black_box(h.hash(pw[i].as_bytes()).expect("hash"));
            }
        })
    };
    let before = library();

    // The tool.
    let out = s.path("issued.csv");
    let t = s.timed(&[
        "password",
        "issue",
        "--all",
        "--out",
        &out.display().to_string(),
    ]);
    let lines = std::fs::read_to_string(&out)
        .expect("read issued file")
        .lines()
        .count();
    assert_eq!(
        lines,
        n + 1,
        "issued file should hold a header and {n} lines"
    );
    let issue = t.wall;
    let after = library();
    let limit = before.min(after);

    // Contrast: the stock argon2 API, allocating its 19 MiB on every call.
    let stock = parallel(n, |_| {
        let params =
            argon2::Params::new(PARAMS.m_kib, PARAMS.t, PARAMS.p, Some(32)).expect("params");
        let a = argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params);
        let pw = &passwords;
        move |i: usize| {
            let mut salt = [0u8; 16];
            getrandom::fill(&mut salt).expect("salt");
            let mut out = [0u8; 32];
            a.hash_password_into(pw[i].as_bytes(), &salt, &mut out)
                .expect("hash");
            std::hint::black_box(out);
        }
    });

    let rate = |d: Duration| n as f64 / d.as_secs_f64();
    let ratio = rate(issue) / rate(limit);
    println!(
        "password issue --all:               {:>9.1} hashes/s  ({n} in {:.2} s, peak RSS {:.0} MiB)",
        rate(issue),
        issue.as_secs_f64(),
        support::mib(t.max_rss)
    );
    println!(
        "limit, Hasher per thread x {}:       {:>9.1} hashes/s  (best of {:.2} s before, {:.2} s after)",
        cores(),
        rate(limit),
        before.as_secs_f64(),
        after.as_secs_f64()
    );
    println!(
        "stock hash_password_into x {}:       {:>9.1} hashes/s  ({n} in {:.2} s)",
        cores(),
        rate(stock),
        stock.as_secs_f64()
    );
    println!(
        "ratio issue/limit: {ratio:.3}  (target >= 0.90: {})",
        verdict(ratio >= 0.90)
    );
}
