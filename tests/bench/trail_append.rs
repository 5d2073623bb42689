//! Benchmark `trail_append`: what it costs that the server keeps the audit
//! trail on PostgreSQL (schema 20: every entry appended by the SECURITY
//! DEFINER function `acctsec_append`, which takes the identity and the time
//! itself and computes the hash chain in SQL) against the client writing
//! the entry itself (the path before schema 20, still taken by a ledger
//! whose functions are gone), on the same server, alternating.
//!
//! Two ledgers on one throwaway server: A as `init` made it, B with the
//! functions dropped (so acctsec hashes and INSERTs the entry as it did
//! before). Through the library (what every operation does), in rounds:
//!
//! - **one entry per transaction** (a lock, an unlock, a verify that
//!   fails): N transactions of one entry on A, then on B;
//! - **many entries per transaction** (an issuance or import round's
//!   entries): N entries in transactions of 100.
//!
//! Per entry: median over R rounds of each, and B/A. SQLite on this host
//! for reference. Both trails then verify (`acctsec log verify`), and the
//! server's chain is re-hashed by acctsec on every append.
//!
//! cargo bench --bench trail_append                  (N = 2,000; R = 5)
//! cargo bench --bench trail_append -- --entries 10000 --rounds 9
//! cargo bench --bench trail_append -- --quick       (N = 100; R = 1)

#[path = "support.rs"]
mod support;

use std::time::{Duration, Instant};

use acctsec::ledger::{Entry, Ledger};
use serde_json::json;
use support::{Scratch, pg_server};

fn main() {
    let server = pg_server();
    support::banner("trail_append");
    let n = support::size("entries", "ACCTSEC_BENCH_ENTRIES", 2_000, 100);
    let rounds = support::size("rounds", "ACCTSEC_BENCH_ROUNDS", 5, 1);
    let server_kept = Scratch::on_pg(&server);
    server_kept.ok(&["init"]);
    let client_kept = Scratch::on_pg(&server);
    client_kept.ok(&["init"]);
    let (url, _) = client_kept.pg.as_ref().unwrap();
    postgres::Client::connect(url, postgres::NoTls)
        .expect("connect to B")
        .batch_execute(
            "DROP FUNCTION acctsec_append(text, text, text, text, text);
             DROP FUNCTION acctsec_seal(bigint, text, text, text, text);
             DROP FUNCTION acctsec_now();",
        )
        .expect("drop B's functions");
    let sqlite = Scratch::with_ledger();
    println!(
        "{n} entries a round, {rounds} rounds, alternating A (server appends) and B (client appends)"
    );

    let mut a = Ledger::open(&server_kept.target()).expect("open A");
    let mut b = Ledger::open(&client_kept.target()).expect("open B");
    let mut s = Ledger::open(&sqlite.target()).expect("open the SQLite ledger");
    let mut single = (Vec::new(), Vec::new(), Vec::new());
    let mut batched = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..rounds {
        single.0.push(per_entry(&mut a, n, 1));
        single.1.push(per_entry(&mut b, n, 1));
        single.2.push(per_entry(&mut s, n, 1));
        batched.0.push(per_entry(&mut a, n, 100));
        batched.1.push(per_entry(&mut b, n, 100));
        batched.2.push(per_entry(&mut s, n, 100));
    }
    for (what, (a, b, s)) in [
        ("one entry a transaction", single),
        ("100 entries a transaction", batched),
    ] {
        let (a, b, s) = (median(a), median(b), median(s));
        println!(
            "{what}: server appends {:.1} µs/entry, client appends {:.1} µs/entry (server/client {:.2}); SQLite {:.1} µs/entry",
            micros(a),
            micros(b),
            a.as_secs_f64() / b.as_secs_f64(),
            micros(s),
        );
    }
    drop((a, b, s));
    for (name, l) in [
        ("A", &server_kept),
        ("B", &client_kept),
        ("SQLite", &sqlite),
    ] {
        let out = l.ok(&["--format", "json", "log", "verify"]);
        let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        println!(
            "{name}: log verify ok={}, {} entries",
            doc["ok"], doc["entries"]
        );
        assert_eq!(doc["ok"], true, "{name}: {doc}");
    }
}

/// Append `n` entries in transactions of `per_tx`: the time per entry.
fn per_entry(ledger: &mut Ledger, n: usize, per_tx: usize) -> Duration {
    let start = Instant::now();
    let mut left = n;
    while left > 0 {
        let k = per_tx.min(left);
        ledger
            .write(|tx| {
                for i in 0..k {
                    tx.audit(Entry {
                        action: "bench.append",
                        customer: Some("1000100"),
                        reason: Some("bench"),
                        details: json!({ "i": i, "note": "an entry of a typical size, about a hundred bytes of JSON" }),
                    })?;
                }
                Ok(())
            })
            .expect("append");
        left -= k;
    }
    start.elapsed() / n as u32
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn micros(d: Duration) -> f64 {
    d.as_secs_f64() * 1e6
}
