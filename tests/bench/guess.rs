//! Benchmark `guess`: the audit's guessing throughput against this
//! machine's Argon2 verification limit.
//!
//! Builds a ledger whose customers carry Argon2id login hashes (production
//! parameters m=19456 KiB, t=2, p=1, made with `acctsec::secret::Hasher`)
//! of strong random passwords, so no guess hits and every customer takes
//! all its candidates; imports them through the CSV `login_hash` column;
//! times `acctsec --format json audit --guess --candidates N` and reads
//! `summary.guesses`. The limit: the same number of `Hasher::verify` calls
//! against the same hashes on every core, one hasher per thread (measured
//! before and after the tool; the faster counts).
//! Target: guesses/s >= 0.90 x limit.
//!
//! cargo bench --bench guess                                   (60 customers x 50)
//! cargo bench --bench guess -- --customers 120 --candidates 100
//! ACCTSEC_BENCH_CUSTOMERS=120 ACCTSEC_BENCH_CANDIDATES=100 cargo bench --bench guess
//! cargo bench --bench guess -- --quick                        (4 x 10)

#[path = "support.rs"]
mod support;
#[path = "synth.rs"]
mod synth;

use std::time::Instant;

use acctsec::secret::{Argon2Params, Hasher, generate_password};
use support::{ALNUM, Scratch, cores, parallel, verdict};
use zeroize::Zeroizing;

const PARAMS: Argon2Params = Argon2Params::PRODUCTION;

fn main() {
    support::banner("guess");
    let n = support::size("customers", "ACCTSEC_BENCH_CUSTOMERS", 60, 4);
    let per = support::size("candidates", "ACCTSEC_BENCH_CANDIDATES", 50, 10);

    // The scenario: N customers with production Argon2id login hashes of
    // strong random passwords (16 letters and digits: no candidate hits).
    let t0 = Instant::now();
    let passwords: Vec<Zeroizing<String>> = (0..n)
        .map(|_| generate_password(16, ALNUM).expect("password"))
        .collect();
    let hashes = acctsec::password::hash_all(PARAMS, &passwords).expect("hash");
    drop(passwords);
    let s = Scratch::with_ledger();
    let csv = s.path("customers.csv");
    synth::write_csv(&csv, n, 2, Some(&|i| hashes[i].clone()));
    s.ok(&["customer", "import", &csv.display().to_string()]);
    println!(
        "scenario: {n} customers with Argon2id m={} KiB t={} p={} login hashes, {per} candidates each (set up in {:.1} s)",
        PARAMS.m_kib,
        PARAMS.t,
        PARAMS.p,
        t0.elapsed().as_secs_f64()
    );

    // The limit: as many verifications against the same hashes, every
    // core, one hasher per thread; measured before and after the tool (the
    // best counts), so a busy spell on the machine cannot flatter the ratio.
    let expected = n * per;
    let library = |count: usize| {
        parallel(count, |_| {
            let mut h = Hasher::new(PARAMS).expect("hasher");
            let hashes = &hashes;
            move |i: usize| {
                let guess = format!("guess{i:06}");
                let ok = h.verify(guess.as_bytes(), &hashes[i % hashes.len()]);
                assert_eq!(ok, Ok(false));
            }
        })
    };
    let before = library(expected);

    // The tool.
    let t = s.timed(&[
        "--format",
        "json",
        "audit",
        "--guess",
        "--candidates",
        &per.to_string(),
    ]);
    let doc: serde_json::Value = serde_json::from_slice(&t.output.stdout).expect("audit JSON");
    let summary = &doc["summary"];
    let guesses = summary["guesses"].as_u64().expect("summary.guesses") as usize;
    assert_eq!(
        summary["customers"].as_u64(),
        Some(n as u64),
        "audit should cover every customer: {summary}"
    );
    let hits = doc["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|f| f["kind"] == "guessable_login")
        .count();
    assert_eq!(hits, 0, "a random password was guessed: {doc}");
    assert!(guesses > 0, "no guesses made: {summary}");
    let after = library(guesses);
    // Rates, so a run that made fewer guesses than asked still compares.
    let lim = (expected as f64 / before.as_secs_f64()).max(guesses as f64 / after.as_secs_f64());

    let tool = guesses as f64 / t.wall.as_secs_f64();
    let ratio = tool / lim;
    println!(
        "audit --guess:                 {tool:>8.1} guesses/s  ({guesses} in {:.2} s wall; audit's own figure {} /s)",
        t.wall.as_secs_f64(),
        summary["guesses_per_second"]
    );
    println!(
        "limit, Hasher::verify x {}:     {lim:>8.1} verifications/s  (best of {expected} in {:.2} s before, {guesses} in {:.2} s after)",
        cores(),
        before.as_secs_f64(),
        after.as_secs_f64()
    );
    println!(
        "ratio guess/limit: {ratio:.3}  (target >= 0.90: {})",
        verdict(ratio >= 0.90)
    );
}
