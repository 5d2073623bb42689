//! Benchmark `audit_hosts`: the guessing audit shared by several workers on
//! one ledger (issue 25), on SQLite and then on PostgreSQL.
//!
//! For each backend:
//! - **scaling**: one worker pinned to one core (`taskset -c 0`, so one
//!   hashing thread), `audit --guess --budget S`, against two workers each
//!   pinned to its own core, started together on a fresh copy of the same
//!   ledger (N customers, the shipped Argon2id parameters). Aggregate
//!   verifications per second (the runs' own `guesses` over the wall time
//!   of the slowest); goal: two workers >= 1.8 x one.
//! - **coverage**: two pinned workers run a whole cycle (C customers, 8
//!   candidates, chunks of 2 s): every chunk recorded in the audit trail
//!   (`audit.chunk`), per stage, starts where the one before ended; the
//!   guesses add up to exactly the (credential, candidate) pairs.
//! - **kill -9**: two workers (leases of 6 s) on a fresh ledger in which 5
//!   customers' passwords are their birth date; one is killed with SIGKILL
//!   mid-chunk; the other goes on; once the dead one's lease has lapsed a
//!   third run takes its chunk over. Nothing is lost (the cycle completes,
//!   tiled, every pair counted once, all 5 found) and nothing is counted
//!   twice (5 hits over all chunks, 5 stored findings).
//! - **claim cost**: the database work of a chunk through the library, as a
//!   worker does it: a claim (carving a new chunk), a renewal and the
//!   record of a finished chunk, each its own write transaction with its
//!   audit entry, R times: median milliseconds. From it, on paper, the
//!   chunk length that keeps the database under 1% of the workers' time at
//!   100 hosts.
//!
//! cargo bench --bench audit_hosts                   (S = 60 s, N = 4,000, C = 200, R = 200)
//! cargo bench --bench audit_hosts -- --seconds 30
//! cargo bench --bench audit_hosts -- --only sqlite  (or postgres)
//! cargo bench --bench audit_hosts -- --quick        (S = 10 s, N = 1,000, C = 60, R = 50)
//!
//! The PostgreSQL server: `ACCTSEC_TEST_PG` if set, else a throwaway cluster
//! that tests/support/with-postgres starts (fsync off, as for the tests).

#[path = "support.rs"]
mod support;

use std::collections::BTreeMap;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use acctsec::ledger::{ChunkCounts, Entry, Ledger};
use acctsec::secret::{Argon2Params, Hasher};
use support::{Scratch, stats, verdict};

const GOAL: f64 = 1.8;

fn main() {
    let only = {
        let args: Vec<String> = std::env::args().collect();
        args.iter()
            .position(|a| a == "--only")
            .and_then(|i| args.get(i + 1).cloned())
    };
    let on_pg = std::env::var("ACCTSEC_TEST_PG").is_ok_and(|u| !u.is_empty());
    if !on_pg {
        support::banner("audit_hosts");
        println!("load average at start: {}", loadavg());
        if only.as_deref().is_none_or(|o| o == "sqlite") {
            backend("SQLite", None);
        }
        if only.as_deref().is_none_or(|o| o == "postgres") {
            // Runs this program again on a throwaway server (exits).
            support::pg_server();
        }
    } else {
        let server = support::pg_server();
        backend("PostgreSQL", Some(&server));
    }
}

fn loadavg() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "?".into())
}

fn scratch(pg: Option<&str>) -> Scratch {
    let s = match pg {
        Some(server) => Scratch::on_pg(server),
        None => Scratch::new(),
    };
    s.ok(&["init"]);
    s
}

fn backend(name: &str, pg: Option<&str>) {
    println!("\n== {name} ==");
    let seconds = support::size("seconds", "ACCTSEC_BENCH_SECONDS", 60, 10) as u64;
    let n = support::size("customers", "ACCTSEC_BENCH_CUSTOMERS", 4000, 1000);
    let c = support::size("cover", "ACCTSEC_BENCH_COVER", 200, 60);
    let r = support::size("repeats", "ACCTSEC_BENCH_REPEATS", 200, 50);
    scaling(pg, n, seconds);
    coverage(pg, c);
    killed(pg, c);
    claim_cost(pg, r);
}

/// One production Argon2id hash of a password no guess finds.
fn strong_hash() -> String {
    Hasher::new(Argon2Params::PRODUCTION)
        .expect("hasher")
        .hash(b"Vq8#mZ2!rT6wLp4$")
        .expect("hash")
}

/// `n` customers with login hashes `hash(i)`; customer i's birth date is
/// [`birth`]`(i)`.
fn customers(s: &Scratch, n: usize, hash: &dyn Fn(usize) -> String) {
    let mut csv = String::from("code,name,birth_date,mobile_phone,login_hash\n");
    for i in 0..n {
        let b = birth(i);
        csv.push_str(&format!(
            "H{i:06},bench {i},{}-{}-{},090-{:04}-{:04},\"{}\"\n",
            &b[..4],
            &b[4..6],
            &b[6..],
            i % 10_000,
            (i * 7) % 10_000,
            hash(i)
        ));
    }
    let f = s.path("customers.csv");
    std::fs::write(&f, csv).expect("write csv");
    s.ok(&["customer", "import", &f.display().to_string()]);
}

fn birth(i: usize) -> String {
    format!("19{:02}0{}1{}", 50 + i % 40, 1 + i % 9, i % 10)
}

/// A worker pinned to `core`, with its own config file.
fn worker(s: &Scratch, core: usize, name: &str, config: &str, args: &[&str]) -> Child {
    worker_cmd(s, core, name, config, args)
        .spawn()
        .expect("taskset (util-linux) and the binary")
}

fn worker_cmd(s: &Scratch, core: usize, name: &str, config: &str, args: &[&str]) -> Command {
    let cfg = s.path(&format!("{name}.toml"));
    std::fs::write(&cfg, format!("[audit]\nworker = \"{name}\"\n{config}")).expect("config");
    let mut cmd = Command::new("taskset");
    cmd.arg("-c")
        .arg(core.to_string())
        .arg(support::BIN)
        .args(["--format", "json", "audit", "--guess"])
        .args(args)
        .current_dir(s.dir.path())
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", s.dir.path())
        .env("ACCTSEC_DB", s.db())
        .env("ACCTSEC_OPERATOR", "bench")
        .env("ACCTSEC_CONFIG", &cfg)
        .env("LANG", "C")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd
}

fn summary(child: Child) -> serde_json::Value {
    let out = child.wait_with_output().expect("wait");
    assert!(
        out.status.success(),
        "worker: {:?}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    let j: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    j["summary"].clone()
}

/// One pinned worker against two, on fresh copies of one ledger: the
/// verifications per second of wall time (what the machine gave them), and
/// per second of their own CPU time (what they did with it: on a machine
/// other work shares, the scaling the workers themselves allow).
fn scaling(pg: Option<&str>, n: usize, seconds: u64) {
    let hash = strong_hash();
    let budget = format!("{seconds}s");
    let mut wall_rates = Vec::new();
    let mut cpu_rates = Vec::new();
    for k in [1usize, 2] {
        let s = scratch(pg);
        customers(&s, n, &|_| hash.clone());
        let t = Instant::now();
        let runs: Vec<support::Timed> = std::thread::scope(|scope| {
            let hs: Vec<_> = (0..k)
                .map(|i| {
                    let cmd = worker_cmd(&s, i, &format!("w{i}"), "", &["--budget", &budget]);
                    scope.spawn(move || support::run_timed(cmd))
                })
                .collect();
            hs.into_iter().map(|h| h.join().expect("worker")).collect()
        });
        let wall = t.elapsed().as_secs_f64();
        let sums: Vec<serde_json::Value> = runs
            .iter()
            .map(|r| {
                assert!(r.output.status.success(), "worker: {:?}", r.output);
                let j: serde_json::Value = serde_json::from_slice(&r.output.stdout).unwrap();
                j["summary"].clone()
            })
            .collect();
        let guesses: u64 = sums.iter().map(|s| s["guesses"].as_u64().unwrap()).sum();
        let cpu: f64 = runs.iter().map(|r| r.cpu.as_secs_f64()).sum();
        let each: Vec<String> = sums
            .iter()
            .zip(&runs)
            .map(|(s, r)| {
                format!(
                    "{} guesses in {} chunk(s), {:.1} s CPU",
                    s["guesses"],
                    s["chunks"],
                    r.cpu.as_secs_f64()
                )
            })
            .collect();
        println!(
            "scaling: {k} worker(s), one core each, --budget {budget}: {guesses} verifications in {wall:.1} s = {:.1}/s; {:.1} per CPU-second ({})  [load {}]",
            guesses as f64 / wall,
            guesses as f64 / cpu,
            each.join("; "),
            loadavg()
        );
        wall_rates.push(guesses as f64 / wall);
        cpu_rates.push(guesses as f64 / cpu);
    }
    let ratio = wall_rates[1] / wall_rates[0];
    let per_cpu = 2.0 * cpu_rates[1] / cpu_rates[0];
    println!(
        "scaling: two workers / one = {ratio:.2} by wall time (goal >= {GOAL}): {}; {per_cpu:.2} from each worker's verifications per CPU-second (what two free cores would give)",
        verdict(ratio >= GOAL)
    );
}

/// The audit.chunk entries of the trail: (stage, after, last, guesses, hits).
fn chunk_entries(s: &Scratch) -> Vec<serde_json::Value> {
    let out = s.ok(&["--format", "json", "log", "--action", "audit.chunk"]);
    let j: serde_json::Value = serde_json::from_slice(&out.stdout).expect("log JSON");
    j.as_array()
        .expect("entries")
        .iter()
        .map(|e| {
            let d = &e["details"];
            if d.is_string() {
                serde_json::from_str(d.as_str().unwrap()).unwrap()
            } else {
                d.clone()
            }
        })
        .collect()
}

/// Check that the chunks of cycle 1 tile every stage up to `last` and
/// return (chunks, guesses, hits, chunks taken over).
fn tiled(s: &Scratch, last: &str) -> (usize, u64, u64, usize) {
    let entries: Vec<serde_json::Value> = chunk_entries(s)
        .into_iter()
        .filter(|d| d["cycle"] == 1)
        .collect();
    let mut by_stage: BTreeMap<(String, u64), Vec<(String, String)>> = BTreeMap::new();
    for d in &entries {
        let key = (
            d["tier"].as_str().unwrap().to_string(),
            d["candidates"][0].as_u64().unwrap(),
        );
        by_stage.entry(key).or_default().push((
            d["after"].as_str().unwrap().to_string(),
            d["last"].as_str().unwrap().to_string(),
        ));
    }
    for (stage, parts) in &mut by_stage {
        parts.sort();
        let mut at = String::new();
        for (after, end) in parts.iter() {
            assert_eq!(*after, at, "stage {stage:?}: a gap or an overlap");
            at = end.clone();
        }
        assert_eq!(at, last, "stage {stage:?} covered to the end");
    }
    let guesses = entries.iter().map(|d| d["guesses"].as_u64().unwrap()).sum();
    let hits = entries.iter().map(|d| d["hits"].as_u64().unwrap()).sum();
    let over = entries
        .iter()
        .filter(|d| !d["lapsed_from"].is_null())
        .count();
    (entries.len(), guesses, hits, over)
}

/// Two pinned workers run a whole cycle: exact and disjoint.
fn coverage(pg: Option<&str>, c: usize) {
    let s = scratch(pg);
    let hash = strong_hash();
    customers(&s, c, &|_| hash.clone());
    let t = Instant::now();
    let kids: Vec<Child> = (0..2)
        .map(|i| {
            worker(
                &s,
                i,
                &format!("w{i}"),
                "chunk = \"2s\"\n",
                &["--candidates", "8"],
            )
        })
        .collect();
    let sums: Vec<serde_json::Value> = kids.into_iter().map(summary).collect();
    let complete = sums.iter().filter(|s| s["cycle_complete"] == true).count();
    let (chunks, guesses, _, over) = tiled(&s, &format!("H{:06}", c - 1));
    let want = (c * 8) as u64;
    let made: u64 = sums.iter().map(|s| s["guesses"].as_u64().unwrap()).sum();
    let ok = complete == 1 && guesses == want && made == want && over == 0;
    println!(
        "coverage: two workers, a whole cycle of {c} x 8 = {want} pairs in {:.1} s: {chunks} chunks, tiled with no gap or overlap, {guesses} recorded, {made} made, completed by {complete} run: {}",
        t.elapsed().as_secs_f64(),
        verdict(ok)
    );
    assert!(ok, "coverage: {sums:?}");
}

/// kill -9 of one worker mid-chunk.
fn killed(pg: Option<&str>, c: usize) {
    let s = scratch(pg);
    let hash = strong_hash();
    let weak: Vec<usize> = (0..5).map(|k| k * (c / 5) + 3).collect();
    let weak_hashes: BTreeMap<usize, String> = weak
        .iter()
        .map(|&i| {
            let h = Hasher::new(Argon2Params::PRODUCTION)
                .unwrap()
                .hash(birth(i).as_bytes())
                .unwrap();
            (i, h)
        })
        .collect();
    customers(&s, c, &|i| {
        weak_hashes.get(&i).cloned().unwrap_or_else(|| hash.clone())
    });
    let conf = "chunk = \"3s\"\nlease = \"6s\"\n";
    let mut victim = worker(&s, 0, "victim", conf, &["--candidates", "8"]);
    let other = worker(&s, 1, "other", conf, &["--candidates", "8"]);
    // Mid-chunk: after its first claim, while it hashes.
    let t = Instant::now();
    loop {
        let out = s.ok(&["--format", "json", "log", "--action", "audit.claim"]);
        let j: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let claimed = j.as_array().unwrap().iter().any(|e| {
            let d = &e["details"];
            let d: serde_json::Value = if d.is_string() {
                serde_json::from_str(d.as_str().unwrap()).unwrap()
            } else {
                d.clone()
            };
            d["worker"] == "victim" && !d["chunk"].is_null()
        });
        if claimed {
            break;
        }
        assert!(
            t.elapsed() < Duration::from_secs(120),
            "victim never claimed"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(500));
    victim.kill().expect("kill -9");
    let _ = victim.wait();
    let o = summary(other);
    // The dead worker's lease lapses after 6 s: the other worker took its
    // chunk over if it was still at work then, else a later run does.
    let later = if o["cycle_complete"] == true {
        serde_json::Value::Null
    } else {
        std::thread::sleep(Duration::from_secs(7));
        summary(worker(&s, 1, "later", conf, &["--candidates", "8"]))
    };
    let (chunks, guesses, hits, over) = tiled(&s, &format!("H{:06}", c - 1));
    let want = ((c - 5) * 8 + 5) as u64;
    let stored = {
        let out = s.ok(&["--format", "json", "audit"]);
        let j: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        j["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["kind"] == "guessable_login")
            .count()
    };
    let complete = [&o, &later]
        .iter()
        .filter(|s| s["cycle"] == 1 && s["cycle_complete"] == true)
        .count();
    let ok = guesses == want && hits == 5 && stored == 5 && over >= 1 && complete == 1;
    println!(
        "kill -9: a worker killed mid-chunk; {chunks} chunks recorded ({over} taken over from its lapsed lease), {guesses} of {want} pairs, {hits} hits recorded, {stored} findings stored (5 planted), cycle completed once: {}",
        verdict(ok)
    );
    assert!(ok, "kill -9: {o}\n{later}");
}

/// The database work of one chunk, through the library, R times.
fn claim_cost(pg: Option<&str>, r: usize) {
    let s = scratch(pg);
    let hash = strong_hash();
    customers(&s, r * 10, &|_| hash.clone());
    let mut ledger = Ledger::open(&s.target()).expect("open");
    let entry = |action: &'static str, d: serde_json::Value| Entry {
        action,
        customer: None,
        reason: None,
        details: d,
    };
    let run = ledger
        .write(|tx| {
            let id = tx.record_audit_run(&acctsec::ledger::AuditRun {
                id: 0,
                started_at: "2030-01-01T00:00:00.000000Z".into(),
                finished_at: "2030-01-01T00:00:00.000000Z".into(),
                guess: true,
                customers: 0,
                guesses: 0,
                cycle_complete: false,
                budget_exceeded: false,
                summary: "{}".into(),
                worker: Some("bench".into()),
                cycle: None,
                chunks: 0,
            })?;
            tx.audit(entry("audit.claim", serde_json::json!({ "run": id })))?;
            Ok(id)
        })
        .expect("run");
    let (mut claims, mut renews, mut finishes) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..r {
        // A claim: join the cycle, look in the pool (none), carve 10
        // customers at the frontier.
        let t = Instant::now();
        let chunk = ledger
            .write(|tx| {
                let (cycle, _) = tx.open_guess_cycle(100)?;
                let (now, until) = tx.lease_until(90);
                assert!(
                    tx.claim_pooled_chunk(cycle.id, "bench", &now, &until)?
                        .is_none()
                );
                let next = tx.customers_to_carve(false, &cycle.frontier, 10)?;
                let last = &next.last().expect("customers left").0;
                let c = tx.carve_chunk(cycle.id, 1, &cycle.frontier, last, "bench", &until)?;
                tx.audit(entry("audit.claim", serde_json::json!({ "chunk": c.id })))?;
                Ok(c)
            })
            .expect("claim");
        claims.push(t.elapsed());
        let t = Instant::now();
        ledger
            .write(|tx| {
                let (_, until) = tx.lease_until(90);
                assert!(tx.renew_chunk(&chunk, "bench", &until)?);
                tx.audit(entry(
                    "audit.renew",
                    serde_json::json!({ "chunk": chunk.id }),
                ))
            })
            .expect("renew");
        renews.push(t.elapsed());
        let t = Instant::now();
        ledger
            .write(|tx| {
                let counts = ChunkCounts {
                    credentials: 10,
                    guesses: 1000,
                    hits: 0,
                };
                assert!(tx.finish_chunk(&chunk, "bench", run, Some(&chunk.last), None, counts)?);
                tx.add_run_chunk(run, 1000)?;
                use acctsec::ledger::Read;
                let _ = tx.guess_cycle(chunk.cycle)?;
                tx.audit(entry(
                    "audit.chunk",
                    serde_json::json!({ "chunk": chunk.id }),
                ))
            })
            .expect("finish");
        finishes.push(t.elapsed());
    }
    let ms = |v: &[Duration]| stats(v).median;
    let (c, rn, f) = (ms(&claims), ms(&renews), ms(&finishes));
    // A chunk of L seconds: one claim, one finish and L / (lease / 3) = L /
    // 30 renewals (the default lease of 90 s).
    let per_chunk = |l: f64| c + f + rn * (l / 30.0).floor();
    // 100 hosts: the workers' own time in the database per chunk, plus the
    // wait for the one write lock (M/D/1 mean wait at its utilisation).
    let share = |l: f64| {
        let t = per_chunk(l) / 1000.0;
        let u = 100.0 * t / l;
        let wait = if u < 1.0 {
            u * t / (2.0 * (1.0 - u))
        } else {
            f64::INFINITY
        };
        (t + wait) / l
    };
    let first = |ok: &dyn Fn(f64) -> bool| {
        let mut l = 1.0;
        while !ok(l) && l < 3600.0 {
            l += 1.0;
        }
        l
    };
    let l = first(&|l| share(l) < 0.01);
    // The write lock all of them share (with every other staff command).
    let busy = |l: f64| 100.0 * per_chunk(l) / 1000.0 / l;
    let lk = first(&|l| busy(l) < 0.01);
    println!(
        "claim cost (median of {r}): claim {c:.2} ms, renew {rn:.2} ms, finish {f:.2} ms; a 60 s chunk costs {:.2} ms of database time: at 100 hosts {:.3}% of each worker's time (under 1% from chunks of {l:.0} s) and the one write lock busy {:.2}% of the time (under 1% from chunks of {lk:.0} s)",
        per_chunk(60.0),
        share(60.0) * 100.0,
        busy(60.0) * 100.0
    );
}
