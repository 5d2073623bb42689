//! Benchmark `import`: the customer master import at full scale.
//!
//! Generates N realistic synthetic customers (kanji names; birth dates as
//! `1980-01-15`, `1980/1/15`, `19800115`, `S55.1.15`, `昭和55年1月15日`,
//! `H2/3/4`; phones as `03-1234-5678`, `090-1234-5678`, `+81 90 1234 5678`,
//! full-width digits, brackets; PC and mobile emails), then times
//! `acctsec customer import FILE` into a fresh ledger with its peak RSS
//! (from `wait4`, as `/usr/bin/time -v` reports it), sqlite3's own
//! `.import` of the same file into a plain table for scale, and
//! `customer list --locked|--pending --limit 50` on the resulting ledger,
//! both with no match and with 60 locked / 60 pending customers.
//! Targets for 1M rows: import < 60 s and < 300 MB; each list < 100 ms.
//!
//! cargo bench --bench import                        (N = 1,000,000)
//! cargo bench --bench import -- --rows 200000
//! ACCTSEC_BENCH_ROWS=200000 cargo bench --bench import
//! cargo bench --bench import -- --quick             (N = 20,000)
//! (ACCTSEC_BENCH_DIR=/some/disk puts the ~0.5 GB of scratch files there.)

#[path = "support.rs"]
mod support;
#[path = "synth.rs"]
mod synth;

use std::process::Command;
use std::time::{Duration, Instant};

use support::{Scratch, mib, run_timed, stats, verdict};

/// Targets at 1M rows.
const IMPORT_SECS: f64 = 60.0;
const IMPORT_MB: f64 = 300.0;
const LIST_MS: f64 = 100.0;
/// Runs of each `customer list` timing.
const LIST_RUNS: usize = 10;
/// Customers locked, and customers given an initial password, for the list timings.
const MARKED: usize = 60;

fn main() {
    support::banner("import");
    let n = support::size("rows", "ACCTSEC_BENCH_ROWS", 1_000_000, 20_000);
    assert!(n >= 4, "--rows: at least 4");

    let s = Scratch::with_ledger();
    let csv = s.path("customers.csv");
    let t0 = Instant::now();
    let bytes = synth::write_csv(&csv, n, 3, None);
    println!(
        "scenario: {n} customers, CSV {:.1} MiB (generated in {:.1} s)",
        mib(bytes),
        t0.elapsed().as_secs_f64()
    );

    // The tool.
    let csv_arg = csv.display().to_string();
    let t = s.timed(&["--format", "json", "customer", "import", &csv_arg]);
    let counts: serde_json::Value = serde_json::from_slice(&t.output.stdout).expect("import JSON");
    assert_eq!(
        counts["added"].as_u64(),
        Some(n as u64),
        "every row should be added: {counts}"
    );
    let secs = t.wall.as_secs_f64();
    let mb = t.max_rss as f64 / 1e6;
    // Targets are for 1M rows; scale the time target for other sizes.
    let scale = n as f64 / 1e6;
    println!(
        "customer import:   {secs:>7.2} s  {:>9.0} rows/s  peak RSS {mb:.0} MB ({:.0} MiB)  ledger {:.0} MiB",
        n as f64 / secs,
        mib(t.max_rss),
        mib(support::db_size(&s.db()))
    );
    println!(
        "  targets at this size: < {:.1} s: {}; < {IMPORT_MB:.0} MB: {}",
        IMPORT_SECS * scale,
        verdict(secs < IMPORT_SECS * scale),
        verdict(mb < IMPORT_MB)
    );

    // sqlite3's own CSV import of the same file, into a plain table.
    let sqlite = sqlite3();
    let plain = s.path("plain.db");
    let mut c = Command::new(&sqlite);
    c.arg(&plain)
        .args(["-cmd", ".mode csv", &format!(".import {csv_arg} t")]);
    let q = run_timed(c);
    assert!(
        q.output.status.success(),
        "sqlite3 .import failed: {}",
        String::from_utf8_lossy(&q.output.stderr)
    );
    let rows = Command::new(&sqlite)
        .arg(&plain)
        .arg("SELECT count(*) FROM t")
        .output()
        .expect("sqlite3 count");
    assert_eq!(
        String::from_utf8_lossy(&rows.stdout).trim(),
        n.to_string(),
        "sqlite3 imported a different number of rows"
    );
    let qs = q.wall.as_secs_f64();
    println!(
        "sqlite3 .import:   {qs:>7.2} s  {:>9.0} rows/s  peak RSS {:.0} MB",
        n as f64 / qs,
        q.max_rss as f64 / 1e6
    );
    println!("ratio acctsec/sqlite3 (time): {:.2}", secs / qs);

    // Listings on the big ledger: first with no match (the usual day)...
    let list = |flag: &str| {
        let runs: Vec<Duration> = (0..LIST_RUNS)
            .map(|_| s.timed(&["customer", "list", flag, "--limit", "50"]).wall)
            .collect();
        stats(&runs)
    };
    let report = |what: &str, st: support::Stats| {
        println!(
            "customer list {what:<26} min {:>6.1} ms  median {:>6.1} ms  max {:>6.1} ms  (target median < {LIST_MS:.0} ms: {})",
            st.min,
            st.median,
            st.max,
            verdict(st.median < LIST_MS)
        );
    };
    report("--locked  (0 locked)", list("--locked"));
    report("--pending (0 pending)", list("--pending"));

    // ...then with some locked and some on an initial password, spread
    // over the whole range of codes.
    let marked = MARKED.min(n / 2).max(1);
    let codes: Vec<String> = (0..marked).map(|k| synth::code(k * n / marked)).collect();
    for c in &codes {
        s.ok(&["lock", "add", c, "--reason", "bench"]);
    }
    let pending: Vec<String> = (0..marked)
        .map(|k| synth::code(k * n / marked + 1))
        .collect();
    let out = s.path("pending.csv").display().to_string();
    let mut args: Vec<&str> = vec!["password", "issue", "--out", &out];
    args.extend(pending.iter().map(String::as_str));
    s.ok(&args);
    report(&format!("--locked  ({marked} locked)"), list("--locked"));
    report(&format!("--pending ({marked} pending)"), list("--pending"));
}

/// `sqlite3` from PATH, else /usr/bin/sqlite3.
fn sqlite3() -> String {
    let found = std::env::var_os("PATH").and_then(|p| {
        std::env::split_paths(&p)
            .map(|d| d.join("sqlite3"))
            .find(|f| f.is_file())
    });
    found.map_or_else(
        || "/usr/bin/sqlite3".to_string(),
        |f| f.display().to_string(),
    )
}
