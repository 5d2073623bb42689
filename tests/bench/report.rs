//! Benchmark `report`: the page and the series over a large ledger.
//!
//! Imports N synthetic customers (`customer import`, as in the import
//! bench), then writes the trail an issuance leaves: one `password.issue`
//! entry and an initial execution password per customer, through the
//! ledger's own write API in batches (the entries and rows
//! `password issue --all` writes, without its Argon2 work: one stored hash
//! for everyone), and a `password.set` for one customer in ten. Then times
//! `acctsec report --out FILE.html` and `acctsec --format json report`
//! (wall clock, peak RSS). Target for 1M customers: each < 10 s.
//!
//! cargo bench --bench report                        (N = 1,000,000)
//! cargo bench --bench report -- --customers 200000
//! cargo bench --bench report -- --quick             (N = 20,000)

#[path = "support.rs"]
mod support;
#[path = "synth.rs"]
mod synth;

use std::time::Instant;

use acctsec::customer::PasswordState;
use acctsec::ledger::{Entry, Ledger};
use acctsec::policy::Kind;
use acctsec::secret::{Argon2Params, Hasher};
use serde_json::json;
use support::{Scratch, mib, verdict};

/// Target at 1M customers, per run.
const REPORT_SECS: f64 = 10.0;
/// Customers per write transaction while building the trail.
const BATCH: usize = 20_000;

fn main() {
    support::banner("report");
    let n = support::size("customers", "ACCTSEC_BENCH_CUSTOMERS", 1_000_000, 20_000);

    let s = Scratch::with_ledger();
    let csv = s.path("customers.csv");
    let t0 = Instant::now();
    synth::write_csv(&csv, n, 3, None);
    s.ok(&["customer", "import", &csv.display().to_string()]);
    println!(
        "scenario: {n} customers imported in {:.1} s",
        t0.elapsed().as_secs_f64()
    );

    let t0 = Instant::now();
    let hash = Hasher::new(Argon2Params::PRODUCTION)
        .and_then(|mut h| h.hash(b"bench-initial"))
        .expect("hash");
    let mut ledger = Ledger::open(&s.target()).expect("open ledger");
    let codes: Vec<String> = (0..n).map(synth::code).collect();
    for (b, chunk) in codes.chunks(BATCH).enumerate() {
        ledger
            .write(|tx| {
                for (i, code) in chunk.iter().enumerate() {
                    tx.store_password(code, Kind::Execution, &hash, PasswordState::Initial, None, 5)?;
                    tx.audit(Entry {
                        action: "password.issue",
                        customer: Some(code),
                        reason: None,
                        details: json!({ "run": 1, "kind": "execution", "deadline": "2022-09-17T23:59:00+09:00" }),
                    })?;
                    if (b * BATCH + i).is_multiple_of(10) {
                        tx.store_password(code, Kind::Execution, &hash, PasswordState::Set, None, 5)?;
                        tx.audit(Entry {
                            action: "password.set",
                            customer: Some(code),
                            reason: None,
                            details: json!({ "kind": "execution", "state": "set" }),
                        })?;
                    }
                }
                Ok(())
            })
            .expect("write the trail");
    }
    drop(ledger);
    println!(
        "trail: {} entries written in {:.1} s; ledger {:.0} MiB",
        n + n / 10,
        t0.elapsed().as_secs_f64(),
        mib(support::db_size(&s.db()))
    );

    let scale = (n as f64 / 1e6).max(0.05);
    let page = s.path("report.html").display().to_string();
    let t = s.timed(&["report", "--out", &page]);
    let html = std::fs::read_to_string(&page).expect("page");
    assert!(html.contains("<svg"), "no chart in the page");
    let json = s.timed(&["--format", "json", "report"]);
    let doc: serde_json::Value = serde_json::from_slice(&json.output.stdout).expect("report JSON");
    let last = doc["days"]
        .as_array()
        .and_then(|d| d.last())
        .expect("a day");
    assert_eq!(last["customers"].as_u64(), Some(n as u64));
    assert_eq!(last["set"].as_u64(), Some(n.div_ceil(10) as u64));
    for (what, t) in [
        ("report --out FILE.html", &t),
        ("--format json report", &json),
    ] {
        let secs = t.wall.as_secs_f64();
        println!(
            "{what:<24} {secs:>6.2} s  peak RSS {:.0} MB  (target < {:.1} s: {})",
            t.max_rss as f64 / 1e6,
            REPORT_SECS * scale,
            verdict(secs < REPORT_SECS * scale)
        );
    }
}
