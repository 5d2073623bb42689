//! Benchmark `startup`: wall clock of one short command on a long-lived
//! ledger.
//!
//! Builds a ledger (`acctsec init`) and appends N audit entries through the
//! library (`Ledger::open` + `write` + `tx.audit`, 10,000 per transaction),
//! then runs `acctsec log head` R times and prints min / median / p95 / max
//! of the wall clock (spawn to exit). Target: median < 20 ms.
//!
//! cargo bench --bench startup                          (N = 100,000, R = 200)
//! cargo bench --bench startup -- --entries 1000000 --runs 500
//! ACCTSEC_BENCH_ENTRIES=1000000 ACCTSEC_BENCH_RUNS=500 cargo bench --bench startup
//! cargo bench --bench startup -- --quick               (N = 2,000, R = 20)

#[path = "support.rs"]
mod support;

use std::time::{Duration, Instant};

use acctsec::ledger::{Entry, Ledger, Read};
use serde_json::json;
use support::{Scratch, stats, verdict};

const PER_TX: usize = 10_000;
const TARGET_MS: f64 = 20.0;

fn main() {
    support::banner("startup");
    let n = support::size("entries", "ACCTSEC_BENCH_ENTRIES", 100_000, 2_000);
    let runs = support::size("runs", "ACCTSEC_BENCH_RUNS", 200, 20).max(1);

    let s = Scratch::with_ledger();
    let t0 = Instant::now();
    let mut ledger = Ledger::open(&s.target()).expect("open ledger");
    let mut done = 0usize;
    while done < n {
        let upto = (done + PER_TX).min(n);
        ledger
            .write(|tx| {
                for i in done..upto {
                    let code = format!("{:08}", 10_000_000 + i % 50_000);
                    tx.audit(Entry {
                        action: "customer.update",
                        customer: Some(&code),
                        reason: None,
                        details: json!({ "fields": ["email_pc"], "line": i + 2, "bench": true }),
                    })?;
                }
                Ok(())
            })
            .expect("append audit entries");
        done = upto;
    }
    let head = ledger.head().expect("head").expect("a head");
    drop(ledger);
    println!(
        "scenario: ledger with {} audit entries ({:.0} MiB; appended in {:.1} s), {runs} runs",
        head.seq,
        support::mib(support::db_size(&s.db())),
        t0.elapsed().as_secs_f64()
    );

    let expected = head.to_string();
    // One untimed run to warm the page cache, as any later run would find it.
    s.ok(&["log", "head"]);
    let samples: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = s.timed(&["log", "head"]);
            assert_eq!(String::from_utf8_lossy(&t.output.stdout).trim(), expected);
            t.wall
        })
        .collect();
    let st = stats(&samples);
    println!(
        "acctsec log head:  min {:.2} ms  median {:.2} ms  p95 {:.2} ms  max {:.2} ms",
        st.min, st.median, st.p95, st.max
    );
    println!(
        "target median < {TARGET_MS:.0} ms: {}",
        verdict(st.median < TARGET_MS)
    );
}
