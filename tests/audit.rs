//! The weak-credential audit on a fixture ledger whose login hashes are
//! known: it must find exactly what is weak and nothing on the strong ones.

mod common;

use std::collections::BTreeSet;

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
        covered += j["summary"]["customers"].as_u64().unwrap();
        runs += 1;
        if j["summary"]["cycle_complete"] == true {
            break;
        }
        assert_eq!(j["summary"]["budget_exceeded"], true);
        assert!(runs < 30, "never completes");
    }
    assert!(runs >= 2, "the budget never stopped a run");
    assert_eq!(
        covered, 12,
        "every customer covered exactly once over {runs} run(s)"
    );
    // The next run starts over.
    let (_, j) = findings(&env, &["--guess", "--candidates", "5"]);
    assert_eq!(j["summary"]["customers"], 12);
    assert_eq!(j["summary"]["resumed_after"], serde_json::Value::Null);
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
