//! The weak-credential audit on a fixture ledger whose login hashes are
//! known: it must find exactly what is weak and nothing on the strong ones.

mod common;

use std::collections::BTreeSet;
use std::io::Read;
use std::process::Stdio;
use std::time::{Duration, Instant};

use acctsec::secret::{Argon2Params, Hasher};
use common::Env;

/// The customers and their login hashes:
/// - A0001: Argon2id (policy parameters) of the birth date as YYYYMMDD
/// - A0002: bcrypt (cost 4) of the mobile phone's last 8 digits
/// - A0003: unsalted MD5 of `password`
/// - A0004: SHA-512-crypt of a strong password (Drepper's test vector)
/// - A0005: Argon2id with weak parameters, of a strong random password
/// - A0006: Argon2id (policy parameters) of a strong random password
fn fixture() -> Env {
    let env = Env::with_cheap_ledger();
    let policy = Argon2Params {
        m_kib: 64,
        t: 1,
        p: 1,
    };
    let mut h = Hasher::new(policy).unwrap();
    let birth = h.hash(b"19800115").unwrap();
    let bcrypt = bcrypt::hash("12345678", 4).unwrap();
    let md5 = "5f4dcc3b5aa765d61d8327deb882cf99";
    let sha = "$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1";
    let weak = Hasher::new(Argon2Params {
        m_kib: 16,
        t: 1,
        p: 1,
    })
    .unwrap()
    .hash(b"Vq8#mZ2!rT6w")
    .unwrap();
    let strong = h.hash(b"Lp4$Xw9@eK3n").unwrap();
    let csv = format!(
        "code,name,birth_date,phone,mobile_phone,email_pc,login_hash\n\
         A0001,山田 太郎,1980-01-15,03-1111-2222,,taro@example.jp,\"{birth}\"\n\
         A0002,佐藤 花子,1985-03-04,,090-1234-5678,hanako@example.jp,\"{bcrypt}\"\n\
         A0003,鈴木 一郎,1970-07-07,,,ichiro@example.jp,{md5}\n\
         A0004,田中 美咲,1992-12-24,,,misaki@example.jp,{sha}\n\
         A0005,伊藤 健太,1999-09-09,,,kenta@example.jp,\"{weak}\"\n\
         A0006,渡辺 陽菜,2001-02-03,,,hina@example.jp,\"{strong}\"\n"
    );
    let f = env.write("audit.csv", csv);
    env.run(&["customer", "import", &f.display().to_string()])
        .ok();
    // Everyone gets an execution password, so only login findings remain.
    let out = env.path("init.csv");
    env.issue_all(&out).ok();
    // ... and changes it to a strong one of their own.
    for (i, code) in ["A0001", "A0002", "A0003", "A0004", "A0005", "A0006"]
        .iter()
        .enumerate()
    {
        env.run_stdin(
            &["password", "set", code, "--kind", "execution"],
            &format!("Kq{i}Zt8Wm\n"),
        )
        .ok();
    }
    env
}

fn findings(env: &Env, args: &[&str]) -> (BTreeSet<(String, String, String)>, serde_json::Value) {
    let mut a = vec!["--format", "json", "audit"];
    a.extend_from_slice(args);
    let r = env.run(&a);
    let j = r.json();
    let set = j["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["customer"].as_str().unwrap().to_string(),
                f["kind"].as_str().unwrap().to_string(),
                f["severity"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    (set, j)
}

fn expect(list: &[(&str, &str, &str)]) -> BTreeSet<(String, String, String)> {
    list.iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect()
}

#[test]
fn finds_exactly_the_weak_credentials() {
    let env = fixture();
    let (plain, j) = findings(&env, &[]);
    assert_eq!(
        plain,
        expect(&[
            ("A0002", "legacy_hash", "high"),
            ("A0003", "legacy_hash", "critical"),
            ("A0004", "legacy_hash", "high"),
            ("A0005", "weak_hash_params", "medium"),
        ])
    );
    assert_eq!(j["summary"]["customers"], 6);
    assert!(j["summary"].get("guesses").is_none());

    let (guessed, j) = findings(&env, &["--guess"]);
    let mut want = plain.clone();
    want.extend(expect(&[
        ("A0001", "guessable_login", "critical"),
        ("A0002", "guessable_login", "critical"),
        ("A0003", "guessable_login", "critical"),
    ]));
    assert_eq!(guessed, want);
    assert!(j["summary"]["guesses"].as_u64().unwrap() > 100);
    // The detail says which kind of guess, never the password.
    let details: Vec<&str> = j["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["detail"].as_str().unwrap())
        .collect();
    assert!(
        details.iter().any(|d| d.contains("birth date as YYYYMMDD")),
        "{details:?}"
    );
    assert!(
        details.iter().any(|d| d.contains("last 8 digits")),
        "{details:?}"
    );
    for d in &details {
        for secret in ["19800115", "12345678", "password\"", "Vq8#", "Lp4$"] {
            assert!(!d.contains(secret), "{d}");
        }
    }
}

#[test]
fn fail_on_is_the_cron_alarm() {
    let env = fixture();
    env.run(&["audit", "--fail-on", "critical"]).status(1);
    env.run(&["audit", "--fail-on", "high", "--customer", "A0005"])
        .ok();
    env.run(&["audit", "--fail-on", "medium", "--customer", "A0005"])
        .status(1);
    env.run(&["audit", "--customer", "A0006", "--fail-on", "low"])
        .ok();
    env.run(&["audit", "--customer", "NOPE"]).status(4);
    env.run(&["audit", "--budget", "soon"]).status(2);
}

#[test]
fn a_budgeted_run_then_a_resumed_one_cover_everyone_once() {
    let env = fixture();
    // Six more customers with a slow (SHA-512-crypt) login hash: about a
    // second of guessing each, so a 1-second budget stops runs part-way.
    let sha = "$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1";
    let mut csv = String::from("code,name,birth_date,login_hash\n");
    for i in 0..6 {
        csv.push_str(&format!("B000{i},slow {i},1990-01-0{},{sha}\n", i + 1));
    }
    let f = env.write("slow.csv", csv);
    env.run(&["customer", "import", &f.display().to_string()])
        .ok();
    let mut covered = 0u64;
    let mut runs = 0;
    loop {
        let (_, j) = findings(&env, &["--guess", "--candidates", "1000", "--budget", "1s"]);
        covered += j["summary"]["guessed"].as_u64().unwrap();
        // The checks that need no guessing cover everyone on every run.
        assert_eq!(j["summary"]["customers"], 12);
        runs += 1;
        if j["summary"]["cycle_complete"] == true {
            break;
        }
        assert_eq!(j["summary"]["budget_exceeded"], true);
        // Every run makes progress (at least one guess), however busy the
        // machine: the bound only catches a walk that never ends.
        assert!(runs < 300, "never completes");
    }
    assert!(runs >= 2, "the budget never stopped a run");
    // Weakest first: the one MD5 login hash in the legacy stage with all its
    // candidates, then every other credential (5 Argon2/bcrypt/SHA-crypt
    // logins of the A customers, their 6 execution passwords, the 6 slow B
    // logins: 17) in each of the 5 bands of candidate ranks (0..8, 8..32,
    // 32..128, 128..512, 512..1000).
    assert_eq!(
        covered,
        1 + 5 * 17,
        "every credential covered exactly once per stage over {runs} run(s)"
    );
    // The next run starts over.
    let (_, j) = findings(&env, &["--guess", "--candidates", "5"]);
    assert_eq!(j["summary"]["customers"], 12);
    assert_eq!(j["summary"]["resumed_within"], serde_json::Value::Null);
    assert_ne!(j["summary"]["cycle"], 1, "a new cycle");
    let h = env
        .run(&["--format", "json", "audit", "history"])
        .ok()
        .json();
    assert_eq!(h.as_array().unwrap().len(), runs + 1);
    env.run(&["log", "verify"]).ok();
}

#[test]
fn rollout_findings_follow_the_schedule() {
    let env = Env::with_customers();
    // Before enforcement: no execution password is medium.
    env.set_rollout("2090-01-01", "2090-02-01", "2090-03-01")
        .ok();
    let (f, _) = findings(&env, &["--customer", "1000100"]);
    assert_eq!(f, expect(&[("1000100", "no_execution_password", "medium")]));
    // After enforcement: high.
    env.set_rollout("2020-01-01", "2020-02-01", "2020-03-01")
        .ok();
    let (f, _) = findings(&env, &["--customer", "1000100"]);
    assert_eq!(f, expect(&[("1000100", "no_execution_password", "high")]));
    // An initial password past the pre-registration end: expired.
    let out = env.path("i.csv");
    env.run(&[
        "password",
        "issue",
        "1000100",
        "--out",
        &out.display().to_string(),
    ])
    .ok();
    let (f, _) = findings(&env, &["--customer", "1000100"]);
    assert_eq!(f, expect(&[("1000100", "initial_expired", "high")]));
    // Locked accounts are reported (low).
    env.run(&["lock", "add", "1000100", "--reason", "suspected takeover"])
        .ok();
    let (f, _) = findings(&env, &["--customer", "1000100"]);
    assert!(f.contains(&("1000100".into(), "locked".into(), "low".into())));
}

#[test]
fn a_clean_audit_is_silent_on_a_pipe() {
    let env = Env::with_customers();
    // Strong, changed execution passwords for one customer: no findings.
    let out = env.path("one.csv");
    env.run(&[
        "password",
        "issue",
        "1000100",
        "--out",
        &out.display().to_string(),
    ])
    .ok();
    env.run_stdin(
        &["password", "set", "1000100", "--kind", "execution"],
        "Kq7Zt8Wm\n",
    )
    .ok();
    let r = env
        .run(&["audit", "--customer", "1000100", "--fail-on", "low"])
        .ok();
    assert!(r.stdout().is_empty(), "{}", r.stdout());
    // Findings are printed, summary included.
    let r = env.run(&["audit", "--customer", "1000137"]).ok();
    assert!(
        r.stdout().contains("no_execution_password"),
        "{}",
        r.stdout()
    );
    assert!(r.stdout().contains("1 finding(s)"), "{}", r.stdout());
}

/// Customers with bcrypt login hashes of `cost`, of a strong password no
/// guess finds, and no execution password: only login guesses.
fn slow_customers(env: &Env, n: usize, cost: u32) {
    let hash = bcrypt::hash("Vq8#mZ2!rT6wLp4$", cost).unwrap();
    let mut csv = String::from("code,name,birth_date,mobile_phone,login_hash\n");
    for i in 0..n {
        csv.push_str(&format!(
            "S{i:04},slow {i},1990-02-0{},090-1234-56{i:02},{hash}\n",
            i + 1
        ));
    }
    let f = env.write("slow.csv", csv);
    env.run(&["customer", "import", &f.display().to_string()])
        .ok();
}

/// Run `args`, killing it after `limit`: (wall time, exit code, stdout).
fn timed(env: &Env, args: &[&str], limit: Duration) -> (Duration, i32, String) {
    let t0 = Instant::now();
    let mut child = env
        .std_cmd()
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let mut out = String::new();
            child
                .stdout
                .take()
                .unwrap()
                .read_to_string(&mut out)
                .unwrap();
            return (t0.elapsed(), status.code().unwrap_or(-1), out);
        }
        if t0.elapsed() > limit {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("{args:?} still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_budget_is_checked_between_candidates() {
    let env = Env::with_cheap_ledger();
    // One customer, a slow hash and many candidates: all of them would take
    // minutes; the budget is one second.
    slow_customers(&env, 1, 13);
    let args = [
        "--format",
        "json",
        "audit",
        "--guess",
        "--candidates",
        "1000",
        "--budget",
        "1s",
    ];
    let (wall, code, out) = timed(&env, &args, Duration::from_secs(60));
    assert_eq!(code, 0, "{out}");
    // One second, plus at most one guess under way on each core, plus
    // start-up: loosely, on a busy machine.
    assert!(wall < Duration::from_secs(10), "took {wall:?}");
    let j: serde_json::Value = serde_json::from_str(&out).unwrap();
    let s = &j["summary"];
    assert_eq!(s["guessed"], 0, "{s}");
    assert_eq!(s["customers"], 1, "{s}");
    assert_eq!(s["budget_exceeded"], true, "{s}");
    let guesses = s["guesses"].as_u64().unwrap();
    assert!((1..1000).contains(&guesses), "{s}");
    // It stopped inside the customer, after exactly the guesses it made.
    assert_eq!(
        s["stopped_within"],
        serde_json::json!({ "customer": "S0000", "kind": "login", "candidates_done": guesses }),
        "{s}"
    );
}

#[test]
fn a_resumed_run_covers_the_rest_exactly() {
    let env = Env::with_cheap_ledger();
    slow_customers(&env, 3, 10);
    let per = 16u64;
    let mut runs: Vec<serde_json::Value> = Vec::new();
    loop {
        let (_, j) = findings(
            &env,
            &[
                "--guess",
                "--candidates",
                &per.to_string(),
                "--budget",
                "1s",
            ],
        );
        let s = j["summary"].clone();
        let guessed = j["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["kind"] == "guessable_login");
        assert_eq!(guessed.count(), 0, "{j}");
        // Each run resumes exactly where the one before stopped.
        let before = runs
            .last()
            .map_or(serde_json::Value::Null, |r| r["stopped_within"].clone());
        assert_eq!(s["resumed_within"], before, "{s}");
        runs.push(s.clone());
        if s["cycle_complete"] == true {
            break;
        }
        assert_eq!(s["budget_exceeded"], true, "{s}");
        assert!(runs.len() < 300, "never completes");
    }
    let total = |k: &str| runs.iter().map(|r| r[k].as_u64().unwrap()).sum::<u64>();
    // Every credential once in each band of candidate ranks (0..8, 8..16),
    // every candidate once: none skipped, none twice.
    assert_eq!(total("guessed"), 3 * 2, "{runs:?}");
    assert_eq!(total("guesses"), 3 * per, "{runs:?}");
    // (Whether a run stops inside a customer depends on the machine's
    // load; that a stop inside one resumes exactly there is checked without
    // timing by the unit tests of ops::audit.)
    // The cycle is over: the next run starts from the first customer.
    let (_, j) = findings(&env, &["--guess", "--candidates", "2"]);
    assert_eq!(j["summary"]["customers"], 3);
    assert_eq!(j["summary"]["guesses"], 6);
    assert_eq!(j["summary"]["resumed_within"], serde_json::Value::Null);
    env.run(&["log", "verify"]).ok();
}

#[test]
fn a_position_inside_a_customer_holds_only_while_its_guesses_do() {
    let env = Env::with_cheap_ledger();
    slow_customers(&env, 2, 13);
    let run = || {
        let (_, j) = findings(&env, &["--guess", "--candidates", "50", "--budget", "1s"]);
        j["summary"].clone()
    };
    let import = |name: &str, csv: &str| {
        let f = env.write(name, csv);
        env.run(&["customer", "import", &f.display().to_string()])
            .ok();
    };
    let s = run();
    assert_eq!(s["stopped_within"]["customer"], "S0000", "{s}");
    // A new phone number: the first guesses (from the birth date) are the
    // same, so the next run goes on from where this one stopped.
    import(
        "phone.csv",
        "code,name,birth_date,mobile_phone\nS0000,slow 0,1990-02-01,080-9999-0000\n",
    );
    let before = s["stopped_within"].clone();
    let s = run();
    assert_eq!(s["resumed_within"], before, "{s}");
    assert_eq!(s["stopped_within"]["customer"], "S0000", "{s}");
    // A corrected birth date: the guesses made so far are not those the
    // customer now gets, so the customer starts over.
    import(
        "birth.csv",
        "code,name,birth_date,mobile_phone\nS0000,slow 0,1985-07-21,080-9999-0000\n",
    );
    let s = run();
    assert_eq!(s["resumed_within"], serde_json::Value::Null, "{s}");
    assert_eq!(s["stopped_within"]["customer"], "S0000", "{s}");
    assert_eq!(
        s["stopped_within"]["candidates_done"], s["guesses"],
        "counted from the start: {s}"
    );
}

#[test]
fn hashes_no_real_system_uses_are_refused() {
    let env = Env::with_cheap_ledger();
    // bcrypt cost 17 (a check takes ten seconds and more): a row problem,
    // exit 65, nothing written.
    let ok = "$2b$12$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW";
    let slow = "$2b$17$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW";
    let argon =
        "$argon2id$v=19$m=2097152,t=64,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4";
    let f = env.write(
        "costly.csv",
        format!(
            "code,name,birth_date,login_hash\nC1,n,1990-01-01,{ok}\nC2,n,1990-01-01,{slow}\nC3,n,1990-01-01,\"{argon}\"\n"
        ),
    );
    let path = f.display().to_string();
    env.run(&["customer", "import", &path])
        .status(65)
        .stderr_has(&format!("{path}:3: column login_hash"))
        .stderr_has("bcrypt hash has cost 17, above the limit of 16")
        .stderr_has(&format!("{path}:4: column login_hash"))
        .stderr_has("m=2097152 KiB");
    let count: i64 = env.sql_i64("SELECT count(*) FROM customer", &[]);
    assert_eq!(count, 0, "nothing written");

    // One already in a ledger (written before the limits existed) is
    // refused at once rather than run for minutes.
    slow_customers(&env, 1, 4);
    env.sql_exec(
        "UPDATE credential SET hash = ?1 WHERE customer = 'S0000' AND kind = 'login'",
        &[&slow.replace("$17$", "$25$")],
    );
    let (wall, code, out) = timed(
        &env,
        &[
            "--format",
            "json",
            "audit",
            "--guess",
            "--customer",
            "S0000",
        ],
        Duration::from_secs(60),
    );
    assert_eq!(code, 0, "{out}");
    assert!(wall < Duration::from_secs(10), "took {wall:?}");
    let j: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(j["summary"]["guesses"], 0, "{j}");
    assert_eq!(j["summary"]["customers"], 1, "{j}");
}

#[test]
fn a_budget_of_zero_is_a_usage_error() {
    let env = Env::with_cheap_ledger();
    for zero in ["0", "0s", "0h0m"] {
        env.run(&["audit", "--guess", "--budget", zero])
            .status(2)
            .stderr_has("budget");
    }
    env.run(&["audit", "--guess", "--budget", "99999999999999999999h"])
        .status(2);
    env.run(&["audit", "--guess", "--budget", "18446744073709551615h"])
        .status(2);
}

/// A login hash of a strong password: bcrypt at `cost`.
fn strong_bcrypt(cost: u32) -> String {
    bcrypt::hash("Vq8#mZ2!rT6wLp4$", cost).unwrap()
}

/// Listed findings of a table on a pipe: (customer, kind) of each row.
fn rows(stdout: &str) -> BTreeSet<(String, String)> {
    stdout
        .lines()
        .filter(|l| l.starts_with('│'))
        .filter_map(|l| {
            let cells: Vec<&str> = l.split(['│', '┆']).map(str::trim).collect();
            (cells.len() > 3 && cells[1] != "severity")
                .then(|| (cells[2].to_string(), cells[3].to_string()))
        })
        .collect()
}

#[test]
fn cron_sees_a_standing_critical_finding_on_every_run() {
    // The report: `audit --guess --budget 10s --fail-on high` on a pipe
    // returned 0, 0, 0, 0, then 1 while an unsalted MD5 login hash stood
    // the whole time. Here: the MD5 customer first, slow customers the
    // budget slices, and a guessable customer last.
    let env = Env::with_cheap_ledger();
    let md5 = "0b4e7a0e5fe84ad35fb5f95b9ceeac79"; // not a guessable password
    // Slow enough that a busy machine slices the walk, fast enough that
    // five runs reach the end however busy it is.
    let slow = strong_bcrypt(8);
    let weak = bcrypt::hash("19800115", 4).unwrap();
    let mut csv = String::from("code,name,birth_date,login_hash\n");
    csv.push_str(&format!("A0001,md5,1970-07-07,{md5}\n"));
    for i in 0..3 {
        csv.push_str(&format!("S000{i},slow {i},1990-02-0{},{slow}\n", i + 1));
    }
    csv.push_str(&format!("W0001,weak,1980-01-15,{weak}\n"));
    let f = env.write("cron.csv", csv);
    env.run(&["customer", "import", &f.display().to_string()])
        .ok();
    let md5_row = ("A0001".to_string(), "legacy_hash".to_string());
    let guessable = ("W0001".to_string(), "guessable_login".to_string());
    let mut found_in: Option<usize> = None;
    for run in 0..5 {
        let now = format!("2030-01-0{}T03:00:00+09:00", run + 1);
        let r = env.run_at(
            &now,
            &[
                "audit",
                "--guess",
                "--candidates",
                "6",
                "--budget",
                "1s",
                "--fail-on",
                "high",
            ],
        );
        // Every run: exit 1 and the critical finding, whatever its slice.
        assert_eq!(r.code(), 1, "run {run}: {}", r.stdout());
        let listed = rows(&r.stdout());
        assert!(listed.contains(&md5_row), "run {run}: {}", r.stdout());
        // Only what --fail-on calls wrong: no medium findings (every
        // customer lacks an execution password) in the mail.
        assert!(
            !r.stdout().contains("no_execution_password"),
            "run {run}: {}",
            r.stdout()
        );
        assert!(r.stdout().contains("at or above high"), "{}", r.stdout());
        // A guessable password, once found, is listed by every later run,
        // marked as found earlier.
        if let Some(k) = found_in {
            assert!(listed.contains(&guessable), "run {run}: {}", r.stdout());
            assert!(
                r.stdout().contains("found by the audit run of 2030-01-0"),
                "run {run} after {k}: {}",
                r.stdout()
            );
        } else if listed.contains(&guessable) {
            found_in = Some(run);
        }
    }
    assert!(
        found_in.is_some(),
        "the guessable customer was never reached"
    );
    // (After the runs above: the trail refuses time set back.)
    const LATER: &str = "2030-01-06T03:00:00+09:00";
    // Quiet: the findings only, no summary line; nothing at all when
    // nothing is at or above --fail-on.
    let r = env
        .run_at(LATER, &["-q", "audit", "--fail-on", "critical"])
        .status(1);
    assert!(rows(&r.stdout()).contains(&md5_row), "{}", r.stdout());
    assert!(!r.stdout().contains("audited"), "{}", r.stdout());
    let r = env
        .run_at(
            LATER,
            &["audit", "--customer", "S0000", "--fail-on", "critical"],
        )
        .ok();
    assert!(r.stdout().is_empty(), "{}", r.stdout());
    let r = env
        .run_at(
            LATER,
            &[
                "-q",
                "audit",
                "--customer",
                "S0000",
                "--fail-on",
                "critical",
            ],
        )
        .ok();
    assert!(r.stdout().is_empty(), "{}", r.stdout());
    // The summary counts every finding, listed or not.
    let j = env
        .run_at(
            LATER,
            &["--format", "json", "audit", "--fail-on", "critical"],
        )
        .json();
    assert_eq!(j["summary"]["customers"], 5);
    assert_eq!(j["summary"]["by_kind"]["no_execution_password"], 5, "{j}");
    assert_eq!(j["summary"]["failing"], 2, "{j}");
    assert_eq!(j["findings"].as_array().unwrap().len(), 2, "{j}");
    env.run(&["log", "verify"]).ok();
}

#[test]
fn a_guessable_password_stands_until_it_changes() {
    let env = Env::with_cheap_ledger();
    let weak = bcrypt::hash("19800115", 4).unwrap();
    let weak2 = bcrypt::hash("0115", 4).unwrap();
    let f = env.write(
        "weak.csv",
        format!(
            "code,name,birth_date,login_hash\nW0001,weak,1980-01-15,{weak}\nW0002,weak,1980-01-15,{weak2}\n"
        ),
    );
    env.run(&["customer", "import", &f.display().to_string()])
        .ok();
    let json_at = |now: &str, args: &[&str]| {
        let mut a = vec!["--format", "json", "audit"];
        a.extend_from_slice(args);
        env.run_at(now, &a).json()
    };
    let guessable = |j: &serde_json::Value, code: &str| -> Option<serde_json::Value> {
        j["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["customer"] == code && f["kind"] == "guessable_login")
            .cloned()
    };
    // Found by a guessing run: this run's finding, no found_at.
    let j = json_at("2030-01-01T03:00:00+09:00", &["--guess"]);
    let f = guessable(&j, "W0001").expect("found");
    assert_eq!(f["severity"], "critical");
    assert!(f.get("found_at").is_none(), "{f}");
    assert!(guessable(&j, "W0002").is_some(), "{j}");
    // A later run, even one that guesses nothing, still reports it: from
    // the earlier run, with no guess spent on it again.
    let j = json_at("2030-01-02T03:00:00+09:00", &[]);
    let f = guessable(&j, "W0001").expect("still reported");
    assert_eq!(f["found_at"], "2030-01-01T03:00:00+09:00", "{f}");
    assert!(
        f["detail"]
            .as_str()
            .unwrap()
            .contains("found by the audit run of 2030-01-01T03:00:00+09:00"),
        "{f}"
    );
    let j = json_at("2030-01-03T03:00:00+09:00", &["--guess"]);
    assert_eq!(j["summary"]["guesses"], 0, "{j}");
    assert_eq!(
        guessable(&j, "W0001").expect("still reported")["found_at"],
        "2030-01-01T03:00:00+09:00"
    );
    // (Every step at its own time, in order: the trail refuses time set
    // back.)
    env.run_at(
        "2030-01-03T04:00:00+09:00",
        &["audit", "--fail-on", "critical"],
    )
    .status(1);
    // The customer changes the password: the finding is gone.
    common::Run(
        env.cmd_at("2030-01-03T05:00:00+09:00")
            .args(["password", "set", "W0001", "--kind", "login"])
            .write_stdin(b"Kq7Zt8Wm2xPa\n".to_vec())
            .output()
            .unwrap(),
    )
    .ok();
    let j = json_at("2030-01-04T03:00:00+09:00", &[]);
    assert!(guessable(&j, "W0001").is_none(), "{j}");
    // ... and the core system handing over a new hash ends one too.
    let strong = strong_bcrypt(4);
    let f = env.write(
        "new.csv",
        format!("code,name,birth_date,login_hash\nW0002,weak,1980-01-15,{strong}\n"),
    );
    env.run_at(
        "2030-01-04T04:00:00+09:00",
        &["customer", "import", &f.display().to_string()],
    )
    .ok();
    let j = json_at("2030-01-05T03:00:00+09:00", &[]);
    assert!(guessable(&j, "W0002").is_none(), "{j}");
    let stored = env.sql_i64("SELECT count(*) FROM guessable", &[]);
    assert_eq!(stored, 0, "findings that no longer hold are dropped");
    env.run_at(
        "2030-01-05T04:00:00+09:00",
        &["audit", "--fail-on", "critical"],
    )
    .ok();
    env.run(&["log", "verify"]).ok();
}

#[test]
fn an_initial_password_is_expected_during_pre_registration() {
    let env = Env::with_customers();
    env.set_rollout("2022-08-22", "2022-09-17 23:59", "2022-09-18 18:00")
        .ok();
    let out = env.path("i.csv");
    env.run_at(
        "2022-08-10T10:00:00+09:00",
        &[
            "password",
            "issue",
            "1000100",
            "--out",
            &out.display().to_string(),
        ],
    )
    .ok();
    let at = |now: &str| {
        let r = env.run_at(now, &["--format", "json", "audit", "--customer", "1000100"]);
        let j = r.json();
        let f = &j["findings"][0];
        (
            f["kind"].as_str().unwrap().to_string(),
            f["severity"].as_str().unwrap().to_string(),
        )
    };
    let pair = |k: &str, s: &str| (k.to_string(), s.to_string());
    // Before the period: worth a look.
    assert_eq!(
        at("2022-08-15T10:00:00+09:00"),
        pair("initial_not_changed", "medium")
    );
    // During it: expected.
    assert_eq!(
        at("2022-09-01T10:00:00+09:00"),
        pair("initial_not_changed", "low")
    );
    // After it: too late.
    assert_eq!(
        at("2022-09-20T10:00:00+09:00"),
        pair("initial_expired", "high")
    );
}
