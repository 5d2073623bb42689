//! Benchmark `audit`: the checks that need no guessing, on every customer
//! of a full-size ledger, as every run (and every cron run) makes them.
//!
//! Builds a ledger of N realistic synthetic customers whose login hashes
//! are a production Argon2id hash for most, bcrypt cost 4 (a legacy hash,
//! high) for 1 in 20 and an unsalted MD5 digest (critical) for 1 in 1000,
//! and no execution passwords (a medium finding on everyone), imported
//! through the CSV `login_hash` column. Then times, with peak RSS:
//! - the cron run: `acctsec -q audit --fail-on critical` on a pipe (lists
//!   only the critical findings, counts all of them);
//! - the same as JSON, whose summary is checked against the scenario;
//! - the whole listing a person asked for: `acctsec --format csv audit`.
//!
//! Targets for 1M customers: the cron run < 30 s and < 300 MB.
//!
//! cargo bench --bench audit                          (N = 1,000,000)
//! cargo bench --bench audit -- --customers 200000
//! ACCTSEC_BENCH_CUSTOMERS=200000 cargo bench --bench audit
//! cargo bench --bench audit -- --quick               (N = 20,000)

#[path = "support.rs"]
mod support;
#[path = "synth.rs"]
mod synth;

use std::time::Instant;

use acctsec::secret::{Argon2Params, Hasher};
use support::{Scratch, mib, run_timed, verdict};

/// Targets at 1M customers.
const CRON_SECS: f64 = 30.0;
const CRON_MB: f64 = 300.0;

fn main() {
    support::banner("audit");
    let n = support::size("customers", "ACCTSEC_BENCH_CUSTOMERS", 1_000_000, 20_000);
    assert!(n >= 1000, "--customers: at least 1000");

    // The scenario.
    let t0 = Instant::now();
    let argon = Hasher::new(Argon2Params::PRODUCTION)
        .expect("hasher")
        .hash(b"Vq8#mZ2!rT6wLp4$")
        .expect("hash");
    let bcrypt = bcrypt::hash("Vq8#mZ2!rT6wLp4$", 4).expect("bcrypt");
    let md5 = |i: usize| {
        format!(
            "{:032x}",
            0x5f4d_cc3b_5aa7_65d6_1d83_27de_b882_cf99u128 ^ i as u128
        )
    };
    let hash = |i: usize| match i {
        _ if i % 1000 == 7 => md5(i),
        _ if i % 20 == 3 => bcrypt.clone(),
        _ => argon.clone(),
    };
    let critical = (0..n).filter(|i| i % 1000 == 7).count() as u64;
    let high = (0..n).filter(|i| i % 1000 != 7 && i % 20 == 3).count() as u64;
    let s = Scratch::with_ledger();
    let csv = s.path("customers.csv");
    synth::write_csv(&csv, n, 5, Some(&hash));
    s.ok(&["customer", "import", &csv.display().to_string()]);
    println!(
        "scenario: {n} customers ({critical} with an MD5 login hash, {high} bcrypt cost 4, the rest Argon2id), none with an execution password; ledger {:.0} MiB (set up in {:.1} s)",
        mib(support::db_size(&s.db())),
        t0.elapsed().as_secs_f64()
    );
    let scale = n as f64 / 1e6;

    // The cron run: exit 1 (critical findings), only those listed.
    let t = run_timed(s.cmd(&["-q", "audit", "--fail-on", "critical"]));
    assert_eq!(t.output.status.code(), Some(1), "cron run: {:?}", t.output);
    let listed = String::from_utf8_lossy(&t.output.stdout)
        .lines()
        .filter(|l| l.contains("legacy_hash"))
        .count() as u64;
    assert_eq!(listed, critical, "the cron run lists the critical findings");
    let secs = t.wall.as_secs_f64();
    let mb = t.max_rss as f64 / 1e6;
    println!(
        "audit -q --fail-on critical:  {secs:>7.2} s  {:>9.0} customers/s  peak RSS {mb:.0} MB",
        n as f64 / secs
    );
    println!(
        "  targets at this size: < {:.1} s: {}; < {CRON_MB:.0} MB: {}",
        CRON_SECS * scale,
        verdict(secs < CRON_SECS * scale),
        verdict(mb < CRON_MB)
    );

    // The same, as JSON: the summary counts every finding.
    let t = run_timed(s.cmd(&["--format", "json", "audit", "--fail-on", "critical"]));
    let doc: serde_json::Value = serde_json::from_slice(&t.output.stdout).expect("audit JSON");
    let summary = &doc["summary"];
    assert_eq!(summary["customers"].as_u64(), Some(n as u64), "{summary}");
    assert_eq!(
        summary["by_kind"]["no_execution_password"].as_u64(),
        Some(n as u64),
        "{summary}"
    );
    assert_eq!(summary["by_severity"]["critical"].as_u64(), Some(critical));
    assert_eq!(summary["by_severity"]["high"].as_u64(), Some(high));
    println!(
        "--format json audit --fail-on critical: {:>7.2} s  peak RSS {:.0} MB  ({} findings, audit's own figure {} s)",
        t.wall.as_secs_f64(),
        t.max_rss as f64 / 1e6,
        summary["findings"],
        summary["seconds"]
    );

    // Every finding listed, as a person (or a script) asked.
    let t = run_timed(s.cmd(&["--format", "csv", "audit"]));
    assert!(t.output.status.success(), "csv run: {:?}", t.output.status);
    let rows = t.output.stdout.iter().filter(|b| **b == b'\n').count() - 1;
    println!(
        "--format csv audit (all {rows} findings listed): {:>7.2} s  peak RSS {:.0} MB",
        t.wall.as_secs_f64(),
        t.max_rss as f64 / 1e6
    );
}
