//! `audit --guess` from several processes on one ledger: the guessing cycle
//! divided through leased chunks, exactly and disjointly; a lapsed lease
//! taken over without a finding counted twice; a finding by one worker
//! dropping the customer for the others; the weakest hashes first.

mod common;

use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use acctsec::secret::{Argon2Params, Hasher};
use common::Env;
use md5::Digest;
use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;

/// The guesses a walk makes when one credential hits at its first of
/// `candidates` (those of the band it hit in), besides `rest` others: at
/// least the hit, and at most all of those candidates. A hit settles the
/// credential, but until
/// the hitting thread reports it (it may be descheduled right after its
/// hash), the other threads go on taking that credential's next candidates;
/// on a cheap hash one of them can make all of them in the meantime.
fn about(rest: u64, candidates: u64, guesses: &serde_json::Value) -> bool {
    guesses
        .as_u64()
        .is_some_and(|g| (rest + 1..=rest + candidates).contains(&g))
}

/// A config file naming this worker, with chunks of `chunk` of its work.
fn config(env: &Env, worker: &str, chunk: &str) -> String {
    let p = env.write(
        &format!("{worker}.toml"),
        format!("[audit]\nworker = \"{worker}\"\nchunk = \"{chunk}\"\n"),
    );
    p.display().to_string()
}

/// Customer `i`'s birth date, as its first login candidate (YYYYMMDD).
fn birth(i: usize) -> String {
    format!("19{:02}0{}1{}", 50 + i % 40, 1 + i % 9, i % 10)
}

/// Customers `P0000`... with login hashes `hash(i)` (none gets an execution
/// password: one credential each).
fn customers(env: &Env, n: usize, hash: impl Fn(usize) -> String) {
    let mut csv = String::from("code,name,birth_date,mobile_phone,login_hash\n");
    for i in 0..n {
        let b = birth(i);
        csv.push_str(&format!(
            "P{i:04},worker test {i},{}-{}-{},090-{:04}-{:04},\"{}\"\n",
            &b[..4],
            &b[4..6],
            &b[6..],
            i % 10_000,
            (i * 7) % 10_000,
            hash(i)
        ));
    }
    let f = env.write("people.csv", csv);
    env.run(&["customer", "import", &f.display().to_string()])
        .ok();
}

/// The ledger's policy hashes at `m_kib` (what a worker measures its rate
/// at before its first chunk).
fn policy_m_kib(env: &Env, m_kib: u32) {
    let toml = env.run(&["policy", "show", "--toml"]).ok().stdout();
    let changed = toml.replace("m_kib = 64", &format!("m_kib = {m_kib}"));
    assert_ne!(changed, toml);
    let f = env.write("policy.toml", changed);
    env.run(&["--yes", "policy", "set", "--file", &f.display().to_string()])
        .ok();
}

/// An Argon2id hash of `password` at `m_kib`.
fn argon(m_kib: u32, password: &str) -> String {
    Hasher::new(Argon2Params { m_kib, t: 1, p: 1 })
        .unwrap()
        .hash(password.as_bytes())
        .unwrap()
}

/// An Argon2id hash of a password no guess finds, at `m_kib`.
fn strong(m_kib: u32) -> String {
    Hasher::new(Argon2Params { m_kib, t: 1, p: 1 })
        .unwrap()
        .hash(b"Vq8#mZ2!rT6wLp4$")
        .unwrap()
}

/// Start a worker: `audit --guess` as JSON, with its config file, at a
/// fixed clock if given.
fn spawn(env: &Env, config: &str, now: Option<&str>, args: &[&str]) -> Child {
    let mut c = env.std_cmd();
    c.env("ACCTSEC_CONFIG", config);
    if let Some(t) = now {
        c.env("ACCTSEC_NOW", t);
    }
    c.args(["--format", "json", "audit", "--guess"])
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Wait for a worker; its JSON output.
fn finish(child: Child) -> serde_json::Value {
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{:?}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// A chunk as the ledger holds it.
#[derive(Debug)]
struct Chunk {
    stage: i64,
    after: String,
    last: String,
    state: String,
    worker: String,
    claims: i64,
    guesses: i64,
    hits: i64,
}

fn chunks(env: &Env, cycle: i64) -> Vec<Chunk> {
    env.sql_rows(
        "SELECT stage, after_code, last_code, state, worker, claims, guesses, hits
         FROM guess_chunk WHERE cycle = ?1 ORDER BY stage, after_code, id",
        &[&cycle],
    )
    .into_iter()
    .map(|r| {
        let t = |i: usize| r[i].clone().unwrap_or_default();
        let n = |i: usize| t(i).parse::<i64>().unwrap();
        Chunk {
            stage: n(0),
            after: t(1),
            last: t(2),
            state: t(3),
            worker: t(4),
            claims: n(5),
            guesses: n(6),
            hits: n(7),
        }
    })
    .collect()
}

/// The chunks of each stage tile its customers: the first starts at the
/// beginning, each starts where the one before ended, none overlaps, and
/// the last ends at `last`.
fn assert_tiled(cs: &[Chunk], stage: i64, last: &str) {
    let mut at = String::new();
    for c in cs.iter().filter(|c| c.stage == stage) {
        assert_eq!(c.state, "done", "{c:?}");
        assert_eq!(c.after, at, "stage {stage}: a gap or an overlap at {c:?}");
        assert!(c.last >= c.after, "{c:?}");
        at = c.last.clone();
    }
    assert_eq!(at, last, "stage {stage} ends at its last customer");
}

/// The guesses the trail's `audit.chunk` entries record for a cycle.
fn trail_guesses(env: &Env, cycle: i64) -> u64 {
    env.sql_col(
        "SELECT details FROM audit_log WHERE action = 'audit.chunk' ORDER BY seq",
        &[],
    )
    .iter()
    .map(|d| serde_json::from_str::<serde_json::Value>(d).unwrap())
    .filter(|d| d["cycle"] == cycle)
    .map(|d| d["guesses"].as_u64().unwrap())
    .sum()
}

#[test]
fn two_workers_divide_a_cycle_exactly_and_disjointly() {
    let env = Env::with_cheap_ledger();
    // 160 customers, each with an Argon2id login hash (a few milliseconds
    // to verify) of a password no guess finds: 160 x 32 guesses in two
    // bands of candidate ranks (0..8, 8..32), in chunks of a second.
    let hash = strong(2048);
    policy_m_kib(&env, 2048);
    customers(&env, 160, |_| hash.clone());
    let c1 = config(&env, "w1", "1s");
    let c2 = config(&env, "w2", "1s");
    let a = spawn(&env, &c1, None, &["--candidates", "32"]);
    let b = spawn(&env, &c2, None, &["--candidates", "32"]);
    let (a, b) = (finish(a), finish(b));
    let (sa, sb) = (&a["summary"], &b["summary"]);
    assert_eq!(
        (sa["cycle"].as_i64(), sb["cycle"].as_i64()),
        (Some(1), Some(1))
    );
    // The cycle completes once, by whichever worker recorded its last chunk.
    let completed = [sa, sb]
        .iter()
        .filter(|s| s["cycle_complete"] == true)
        .count();
    assert_eq!(completed, 1, "{sa}\n{sb}");
    assert_eq!(
        env.sql_i64(
            "SELECT count(*) FROM guess_cycle WHERE completed_at IS NOT NULL",
            &[]
        ),
        1
    );
    // Every (credential, candidate) once: the chunks tile both bands, and
    // their guesses, the trail's and the two runs' all add up to exactly
    // 160 x 32.
    let cs = chunks(&env, 1);
    assert_tiled(&cs, 1, "P0159");
    assert_tiled(&cs, 2, "P0159");
    assert!(cs.iter().all(|c| c.claims == 1), "no lease lapsed: {cs:?}");
    let pairs = 160 * 32;
    assert_eq!(cs.iter().map(|c| c.guesses).sum::<i64>(), pairs);
    assert_eq!(trail_guesses(&env, 1), pairs as u64);
    let made = sa["guesses"].as_u64().unwrap() + sb["guesses"].as_u64().unwrap();
    assert_eq!(made, pairs as u64, "{sa}\n{sb}");
    assert_eq!(
        sa["chunks"].as_u64().unwrap() + sb["chunks"].as_u64().unwrap(),
        cs.len() as u64
    );
    // `audit history` shows each worker's share of the cycle.
    let h = env
        .run(&["--format", "json", "audit", "history"])
        .ok()
        .json();
    let runs = h.as_array().unwrap();
    let mut workers: Vec<&str> = runs.iter().map(|r| r["worker"].as_str().unwrap()).collect();
    workers.sort();
    assert_eq!(workers, ["w1", "w2"], "{h}");
    let share: f64 = runs.iter().map(|r| r["share"].as_f64().unwrap()).sum();
    assert!((share - 100.0).abs() < 0.2, "{h}");
    for r in runs {
        let done: i64 = cs
            .iter()
            .filter(|c| Some(c.worker.as_str()) == r["worker"].as_str())
            .map(|c| c.guesses)
            .sum();
        assert_eq!(r["guesses"].as_i64(), Some(done), "{r}");
    }
    env.run(&["log", "verify"]).ok();
}

/// Wait until the ledger shows a chunk claimed (a worker is hashing it).
fn until_claimed(env: &Env, child: &mut Child) {
    let t0 = Instant::now();
    loop {
        let claimed = env.sql_i64(
            "SELECT count(*) FROM guess_chunk WHERE state = 'claimed'",
            &[],
        );
        if claimed > 0 {
            return;
        }
        assert!(
            child.try_wait().unwrap().is_none(),
            "the worker ended before it was caught mid-chunk"
        );
        assert!(t0.elapsed() < Duration::from_secs(60), "no claim");
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn a_stalled_workers_lapsed_lease_is_taken_over_and_its_finding_counted_once() {
    let env = Env::with_cheap_ledger();
    // 200 slow customers (~8 ms a guess) and one whose password is its
    // birth date (its first candidate): a chunk of ten minutes' work holds
    // them all.
    let slow = strong(8192);
    customers(&env, 200, |i| {
        if i == 150 {
            argon(64, &birth(150))
        } else {
            slow.clone()
        }
    });
    let t = "2030-01-01T10:00:00+09:00";
    let c1 = config(&env, "stalled", "600s");
    let mut a = spawn(&env, &c1, Some(t), &["--candidates", "8"]);
    until_claimed(&env, &mut a);
    let pid = Pid::from_raw(a.id() as i32);
    kill(pid, Signal::SIGSTOP).unwrap();

    // Another worker at the same moment: the chunk is held, nothing else is
    // left to claim; it ends at once instead of waiting for the stalled one.
    let c2 = config(&env, "early", "600s");
    let early = finish(spawn(&env, &c2, Some(t), &["--candidates", "8"]));
    let s = &early["summary"];
    assert_eq!(
        (s["chunks"].as_u64(), s["guesses"].as_u64()),
        (Some(0), Some(0)),
        "{s}"
    );
    assert_eq!(s["cycle_complete"], false, "{s}");

    // Past the lease (90 s): a third worker takes the chunk over and
    // completes the cycle.
    let later = "2030-01-01T10:02:00+09:00";
    let c3 = config(&env, "later", "600s");
    let later = finish(spawn(&env, &c3, Some(later), &["--candidates", "8"]));
    let s = &later["summary"];
    assert_eq!(s["taken_over"], 1, "{s}");
    assert_eq!(s["cycle_complete"], true, "{s}");
    assert!(about(199 * 8, 8, &s["guesses"]), "{s}");
    let found: Vec<&str> = later["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["kind"] == "guessable_login")
        .map(|f| f["customer"].as_str().unwrap())
        .collect();
    assert_eq!(found, ["P0150"]);

    // The stalled worker wakes: its claim is no longer the chunk's, so it
    // records nothing of it (no second finding, no second count).
    kill(pid, Signal::SIGCONT).unwrap();
    let stalled = finish(a);
    let s = &stalled["summary"];
    assert_eq!(
        (s["chunks"].as_u64(), s["lost"].as_u64()),
        (Some(0), Some(1)),
        "{s}"
    );
    assert_eq!(s["cycle_complete"], false, "{s}");
    let listed = stalled["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["kind"] == "guessable_login" && f["found_at"].is_null())
        .count();
    assert_eq!(listed, 0, "not reported as its own find: {stalled}");

    let cs = chunks(&env, 1);
    let slow_stage: Vec<&Chunk> = cs.iter().filter(|c| c.stage == 1).collect();
    assert_eq!(slow_stage.len(), 1, "{cs:?}");
    let c = slow_stage[0];
    assert_eq!(
        (c.claims, c.worker.as_str(), c.state.as_str()),
        (2, "later", "done")
    );
    assert_eq!(c.hits, 1, "{c:?}");
    assert_eq!(
        Some(c.guesses),
        later["summary"]["guesses"].as_i64(),
        "{c:?}"
    );
    assert_eq!(trail_guesses(&env, 1), c.guesses as u64);
    assert_eq!(
        env.sql_i64("SELECT count(*) FROM guessable", &[]),
        1,
        "one finding"
    );
    assert_eq!(
        env.sql_i64(
            "SELECT count(*) FROM guess_cycle WHERE completed_at IS NOT NULL",
            &[]
        ),
        1
    );
    let h = env
        .run(&["--format", "json", "audit", "history"])
        .ok()
        .json();
    let chunks_of = |w: &str| {
        h.as_array()
            .unwrap()
            .iter()
            .find(|r| r["worker"] == w)
            .map(|r| r["chunks"].as_u64().unwrap())
    };
    assert_eq!(chunks_of("stalled"), Some(0), "{h}");
    assert_eq!(chunks_of("later"), Some(1), "{h}");
}

#[test]
fn a_finding_drops_the_customer_from_the_later_chunks() {
    let env = Env::with_cheap_ledger();
    // P0003's password is its first candidate (the birth date); chunks of
    // a second cut the bands into several.
    let hash = strong(1024);
    policy_m_kib(&env, 1024);
    let cheap = argon(64, &birth(3));
    customers(
        &env,
        60,
        |i| if i == 3 { cheap.clone() } else { hash.clone() },
    );
    let c1 = config(&env, "w1", "1s");
    let j = finish(spawn(&env, &c1, None, &["--candidates", "32"]));
    let s = &j["summary"];
    assert_eq!(s["cycle_complete"], true, "{s}");
    // One guess on P0003 (and any of its first band's 8 candidates the
    // other threads took before the hit was reported), then none in the
    // next band (8..32): 24 more guesses would fail this.
    assert!(about(59 * 32, 8, &s["guesses"]), "{s}");
    let cs = chunks(&env, 1);
    assert_eq!(cs.iter().map(|c| c.hits).sum::<i64>(), 1);
    // A password changed by any route ends the finding, and the next cycle
    // guesses the new one.
    let f = env.write(
        "new.csv",
        format!("code,name,birth_date,mobile_phone,login_hash\nP0003,worker test 3,1953-04-13,090-0003-0021,\"{hash}\"\n"),
    );
    env.run(&["customer", "import", &f.display().to_string()])
        .ok();
    let j = finish(spawn(&env, &c1, None, &["--candidates", "32"]));
    assert_eq!(j["summary"]["cycle"], 2);
    assert_eq!(j["summary"]["guesses"], 60 * 32);
}

#[test]
fn the_weakest_hashes_are_guessed_first() {
    let env = Env::with_cheap_ledger();
    // 2,000 customers: 160 on unsalted MD5/SHA-1 digests, 40 of them of
    // "password"; the rest on Argon2id at the shipped parameters (one hash,
    // tens of milliseconds a guess). In code order a short budget would
    // spend itself on the Argon2 hashes of the first customers.
    let argon = Hasher::new(Argon2Params::PRODUCTION)
        .unwrap()
        .hash(b"Vq8#mZ2!rT6wLp4$")
        .unwrap();
    let md5 = |s: &str| hex::encode(md5::Md5::digest(s.as_bytes()));
    let sha1 = |s: &str| hex::encode(sha1::Sha1::digest(s.as_bytes()));
    let weak: Vec<usize> = (0..40).map(|k| 1000 + k * 25).collect();
    let legacy: Vec<usize> = (0..2000)
        .filter(|i| i % 13 == 4 && !weak.contains(i))
        .take(120)
        .chain(weak.iter().copied())
        .collect();
    customers(&env, 2000, |i| {
        if legacy.contains(&i) {
            let pw = if weak.contains(&i) {
                "password".to_string()
            } else {
                format!("Zr7%Qm2#Vt9k{i}")
            };
            if i % 2 == 0 { md5(&pw) } else { sha1(&pw) }
        } else {
            argon.clone()
        }
    });
    let legacy = env.sql_i64(
        "SELECT count(*) FROM credential WHERE format IN ('md5-hex', 'sha1-hex')",
        &[],
    );
    assert_eq!(legacy, 160, "the scenario");
    let c = config(&env, "w1", "60s");
    let j = finish(spawn(&env, &c, None, &["--budget", "2s"]));
    let mut found: Vec<String> = j["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["kind"] == "guessable_login")
        .map(|f| f["customer"].as_str().unwrap().to_string())
        .collect();
    found.sort();
    let want: Vec<String> = weak.iter().map(|i| format!("P{i:04}")).collect();
    assert_eq!(found, want, "{}", j["summary"]);
    assert_eq!(j["summary"]["budget_exceeded"], true);
    // The legacy stage was done first, whole; the slow one started after.
    let cs = chunks(&env, 1);
    assert_eq!(cs[0].stage, 0, "{cs:?}");
    assert_eq!(cs[0].state, "done");
    assert_eq!(cs[0].hits, 40);
}
