//! Benchmark `postgres`: the ledger on a PostgreSQL server on loopback.
//!
//! Three parts (`--only import|verify|issue` runs one):
//!
//! - **import**: `acctsec customer import` of N synthetic customers (the
//!   import bench's data) into a fresh ledger on the server, against
//!   `psql \copy` of the same file into a bare table with the same columns
//!   (all `text`, no key, no index) in another database of the same server,
//!   R times each, alternating. Target: median import / median `\copy` <= 3.
//!   Then a re-import of the unchanged file, for the record.
//! - **verify**: `acctsec password verify` latency, one process per verify
//!   as the web front end calls it (a right password; the shipped Argon2
//!   policy, m=19456 KiB, t=2), V times on the server and V times on a
//!   SQLite ledger: min, median, p95, max of each.
//! - **issue**: `password issue --all` of C customers on the server
//!   against this machine's Argon2 limit (as the `issue` bench measures it
//!   on SQLite). Target: issue / limit >= 0.90.
//!
//! The server: `ACCTSEC_TEST_PG` (a maintenance database's URL) if set,
//! else a throwaway cluster that tests/support/with-postgres starts (fsync
//! off, as for the tests) and removes; `psql` from `ACCTSEC_TEST_PG_BIN`
//! (set by that script) or PATH.
//!
//! cargo bench --bench postgres                   (N = 1,000,000; R = 5; V = 200; C = 2,000)
//! cargo bench --bench postgres -- --only import --rows 200000
//! cargo bench --bench postgres -- --only verify --verifies 500
//! cargo bench --bench postgres -- --only issue --customers 10000
//! cargo bench --bench postgres -- --only import --repeats 9
//! cargo bench --bench postgres -- --quick        (N = 20,000; R = 1; V = 20; C = 100)

#[path = "support.rs"]
mod support;
#[path = "synth.rs"]
mod synth;

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use acctsec::secret::{Argon2Params, DEFAULT_INITIAL_ALPHABET, Hasher, generate_password};
use support::{Scratch, cores, mib, parallel, run_timed, stats, verdict};
use zeroize::Zeroizing;

/// Targets.
const IMPORT_RATIO: f64 = 3.0;
const ISSUE_RATIO: f64 = 0.90;

fn main() {
    let server = support::pg_server();
    support::banner("postgres");
    let only = {
        let args: Vec<String> = std::env::args().collect();
        args.iter()
            .position(|a| a == "--only")
            .and_then(|i| args.get(i + 1).cloned())
    };
    let part = |name: &str| only.as_deref().is_none_or(|o| o == name);
    println!("server: {server}");
    if part("import") {
        import(&server);
    }
    if part("verify") {
        verify(&server);
    }
    if part("issue") {
        issue(&server);
    }
}

/// `customer import` on the server against `psql \copy` of the same file,
/// R times each, alternating (a fresh ledger and an emptied bare table each
/// time): the ratio of the medians. Then a re-import of the same file into
/// the last ledger (every row looked up, none changed), for the record.
fn import(server: &str) {
    let n = support::size("rows", "ACCTSEC_BENCH_ROWS", 1_000_000, 20_000);
    let repeats = support::size("repeats", "ACCTSEC_BENCH_REPEATS", 5, 1);
    let dir = Scratch::on_pg(server);
    let csv = dir.path("customers.csv");
    let bytes = synth::write_csv(&csv, n, 3, None);
    println!(
        "import: {n} customers, CSV {:.1} MiB, {repeats} runs each",
        mib(bytes)
    );
    let csv_arg = csv.display().to_string();

    // The bare table for psql's \copy.
    let bare = Scratch::on_pg(server);
    let url = bare.db().display().to_string();
    let mut c = postgres::Client::connect(&url, postgres::NoTls).expect("connect");
    c.batch_execute(
        "CREATE TABLE bare (code text, name text, birth_date text, phone text,
                            mobile_phone text, email_pc text, email_mobile text)",
    )
    .expect("create the bare table");

    let mut imports = Vec::new();
    let mut copies = Vec::new();
    let mut rss = 0;
    let mut last = None;
    for _ in 0..repeats {
        let s = Scratch::on_pg(server);
        s.ok(&["init"]);
        let t = s.timed(&["--format", "json", "customer", "import", &csv_arg]);
        let counts: serde_json::Value =
            serde_json::from_slice(&t.output.stdout).expect("import JSON");
        assert_eq!(counts["added"].as_u64(), Some(n as u64), "{counts}");
        imports.push(t.wall);
        rss = rss.max(t.max_rss);
        last = Some(s);

        c.batch_execute("TRUNCATE bare").expect("truncate");
        let mut cmd = Command::new(psql());
        cmd.args(["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", &url, "-c"])
            .arg(format!(
                "\\copy bare FROM '{}' WITH (FORMAT csv, HEADER true)",
                csv.display()
            ));
        let q = run_timed(cmd);
        assert!(
            q.output.status.success(),
            "psql \\copy failed: {}",
            String::from_utf8_lossy(&q.output.stderr)
        );
        let rows: i64 = c
            .query_one("SELECT count(*) FROM bare", &[])
            .expect("count")
            .get(0);
        assert_eq!(rows, n as i64, "psql copied a different number of rows");
        copies.push(q.wall);
    }
    let line = |label: &str, walls: &mut Vec<Duration>| -> f64 {
        walls.sort();
        let median = walls[walls.len() / 2].as_secs_f64();
        println!(
            "{label:<18} median {median:>6.2} s  min {:>6.2} s  max {:>6.2} s  {:>9.0} rows/s",
            walls[0].as_secs_f64(),
            walls[walls.len() - 1].as_secs_f64(),
            n as f64 / median
        );
        median
    };
    let secs = line("customer import:", &mut imports);
    println!("                   peak RSS {:.0} MiB", mib(rss));
    let qs = line("psql \\copy:", &mut copies);
    let ratio = secs / qs;
    println!(
        "ratio import/\\copy (medians): {ratio:.2}  (target <= {IMPORT_RATIO:.1}: {})",
        verdict(ratio <= IMPORT_RATIO)
    );

    // The next day's export, unchanged: every row looked up, nothing written.
    let s = last.expect("at least one run");
    let t = s.timed(&["--format", "json", "customer", "import", &csv_arg]);
    let counts: serde_json::Value = serde_json::from_slice(&t.output.stdout).expect("import JSON");
    assert_eq!(counts["unchanged"].as_u64(), Some(n as u64), "{counts}");
    println!("re-import, all unchanged: {:.2} s", t.wall.as_secs_f64());
}

/// `psql` next to the server's binaries, else from PATH.
fn psql() -> std::path::PathBuf {
    std::env::var_os("ACCTSEC_TEST_PG_BIN")
        .map(|b| std::path::PathBuf::from(b).join("psql"))
        .filter(|p| p.is_file())
        .unwrap_or_else(|| "psql".into())
}

/// One `password verify` process per sample, on the server and on SQLite.
fn verify(server: &str) {
    let v = support::size("verifies", "ACCTSEC_BENCH_VERIFIES", 200, 20);
    const PW: &str = "Hp4rWx8kQ2";
    let code = synth::code(7);
    let mut lines = Vec::new();
    for (label, s) in [
        ("PostgreSQL", Scratch::on_pg(server)),
        ("SQLite", Scratch::new()),
    ] {
        s.ok(&["init"]);
        let csv = s.path("customers.csv");
        synth::write_csv(&csv, 100, 5, None);
        s.ok(&["customer", "import", &csv.display().to_string()]);
        let once = |args: &[&str]| -> Duration {
            let mut c = s.cmd(args);
            c.stdin(Stdio::piped())
                .stdout(Stdio::null())
                .stderr(Stdio::piped());
            let t0 = Instant::now();
            let mut child = c.spawn().expect("spawn");
            child
                .stdin
                .take()
                .unwrap()
                .write_all(format!("{PW}\n").as_bytes())
                .unwrap();
            let o = child.wait_with_output().expect("wait");
            let took = t0.elapsed();
            assert!(
                o.status.success(),
                "acctsec {args:?}: {}",
                String::from_utf8_lossy(&o.stderr)
            );
            took
        };
        once(&["password", "set", &code, "--kind", "execution"]);
        let args = ["password", "verify", &code, "--kind", "execution"];
        once(&args); // warm the caches
        let samples: Vec<Duration> = (0..v).map(|_| once(&args)).collect();
        let st = stats(&samples);
        lines.push(format!(
            "password verify on {label:<10}  min {:>6.1} ms  median {:>6.1} ms  p95 {:>6.1} ms  max {:>6.1} ms  ({v} processes)",
            st.min, st.median, st.p95, st.max
        ));
    }
    for l in lines {
        println!("{l}");
    }
}

/// `password issue --all` on the server against the Argon2 limit.
fn issue(server: &str) {
    const PARAMS: Argon2Params = Argon2Params::PRODUCTION;
    let n = support::size("customers", "ACCTSEC_BENCH_CUSTOMERS", 2_000, 100);
    let s = Scratch::on_pg(server);
    s.ok(&["init"]);
    let toml = String::from_utf8_lossy(&s.ok(&["policy", "show", "--toml"]).stdout).into_owned();
    assert!(
        toml.contains("m_kib = 19456") && toml.contains("\nt = 2\n") && toml.contains("\np = 1\n"),
        "the ledger's policy is not the production Argon2 policy:\n{toml}"
    );
    let csv = s.path("customers.csv");
    synth::write_csv(&csv, n, 1, None);
    s.ok(&["customer", "import", &csv.display().to_string()]);
    println!(
        "issue: {n} customers, Argon2id m={} KiB t={} p={}",
        PARAMS.m_kib, PARAMS.t, PARAMS.p
    );
    let passwords: Vec<Zeroizing<String>> = (0..n)
        .map(|_| generate_password(8, DEFAULT_INITIAL_ALPHABET.as_bytes()).expect("password"))
        .collect();
    // The limit, before and after the tool (the best counts).
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
    assert_eq!(lines, n + 1, "issued file: a header and {n} lines");
    let after = library();
    let limit = before.min(after);
    let rate = |d: Duration| n as f64 / d.as_secs_f64();
    let ratio = rate(t.wall) / rate(limit);
    println!(
        "password issue --all on PostgreSQL: {:>9.1} hashes/s  ({n} in {:.2} s)",
        rate(t.wall),
        t.wall.as_secs_f64()
    );
    println!(
        "limit, Hasher per thread x {}:       {:>9.1} hashes/s  (best of {:.2} s before, {:.2} s after)",
        cores(),
        rate(limit),
        before.as_secs_f64(),
        after.as_secs_f64()
    );
    println!(
        "ratio issue/limit: {ratio:.3}  (target >= {ISSUE_RATIO:.2}: {})",
        verdict(ratio >= ISSUE_RATIO)
    );
}
