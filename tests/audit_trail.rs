//! Tamper evidence, tested the way systemd tests its journal verifier: every
//! field of every entry of a small trail is changed, one at a time, and each
//! change must be detected, naming the entry.

mod common;

use acctsec::ledger::{Entry, Ledger, Target};
use common::Env;

const FIELDS: &[&str] = &[
    "seq",
    "at",
    "operator",
    "action",
    "customer",
    "reason",
    "details",
    "prev_hash",
    "hash",
];

/// A ledger with a trail of `n` entries beyond init's, with and without
/// customer and reason.
fn trail(n: usize) -> Env {
    let env = Env::with_ledger();
    let target = Target {
        path: env.db(),
        operator: "writer".into(),
        busy_timeout_ms: 1000,
    };
    let mut ledger = Ledger::open(&target).unwrap();
    for i in 0..n {
        ledger
            .write(|tx| {
                tx.audit(Entry {
                    action: "test.entry",
                    customer: (i % 2 == 0).then_some("C0001"),
                    reason: (i % 3 == 0).then_some("because"),
                    details: serde_json::json!({ "i": i }),
                })?;
                Ok(())
            })
            .unwrap();
    }
    env
}

fn count(env: &Env) -> i64 {
    env.sql_i64("SELECT count(*) FROM audit_log", &[])
}

fn verify(env: &Env, extra: &[&str]) -> common::Run {
    let mut args = vec!["log", "verify"];
    args.extend_from_slice(extra);
    env.run(&args)
}

#[test]
fn an_intact_trail_verifies() {
    let env = trail(4);
    let n = count(&env);
    verify(&env, &[])
        .ok()
        .stdout_has(&format!("audit trail intact: {n} entries"));
    let head = env.run(&["log", "head"]).ok().stdout();
    verify(&env, &["--head", head.trim()]).ok();
    let j = env.run(&["--format", "json", "log", "verify"]).ok().json();
    assert_eq!(j["ok"], true);
    assert_eq!(j["entries"], n);
}

#[test]
fn every_field_of_every_entry_is_covered() {
    let env = trail(5);
    let pristine = env.snapshot();
    let n = count(&env);
    let mut checked = 0;
    for seq in 1..=n {
        for field in FIELDS {
            env.restore(&pristine);
            let changed = match *field {
                "seq" => env.sql_exec("UPDATE audit_log SET seq = 100000 WHERE seq = ?1", &[&seq]),
                "customer" | "reason" => env.sql_exec(
                    &format!(
                        "UPDATE audit_log SET {field} = CASE WHEN {field} IS NULL THEN 'X' ELSE NULL END WHERE seq = ?1"
                    ),
                    &[&seq],
                ),
                "details" => env.sql_exec(
                    "UPDATE audit_log SET details = replace(details, '}', ',\"x\":1}') WHERE seq = ?1",
                    &[&seq],
                ),
                "prev_hash" | "hash" => env.sql_exec(
                    &format!(
                        "UPDATE audit_log SET {field} = (CASE substr({field},1,1) WHEN 'a' THEN 'b' ELSE 'a' END) || substr({field},2) WHERE seq = ?1"
                    ),
                    &[&seq],
                ),
                _ => env.sql_exec(
                    &format!("UPDATE audit_log SET {field} = {field} || '.' WHERE seq = ?1"),
                    &[&seq],
                ),
            }
            ;
            assert_eq!(changed, 1);
            let r = verify(&env, &[]);
            assert_eq!(
                r.code(),
                1,
                "edit of {field} in entry {seq} not detected: {}",
                r.stdout()
            );
            assert!(
                r.stdout().contains(&format!("first bad entry is {seq}:")),
                "edit of {field} in entry {seq} named wrongly: {}",
                r.stdout()
            );
            checked += 1;
        }
    }
    assert_eq!(checked, n as usize * FIELDS.len());
}

#[test]
fn deleted_inserted_and_reordered_entries_are_detected() {
    let env = trail(5);
    let pristine = env.snapshot();
    let n = count(&env);
    let head = env.run(&["log", "head"]).ok().stdout().trim().to_string();

    // Deleting any entry but the last breaks the chain at that entry.
    for seq in 1..n {
        env.restore(&pristine);
        env.sql_exec("DELETE FROM audit_log WHERE seq = ?1", &[&seq]);
        verify(&env, &[])
            .status(1)
            .stdout_has(&format!("first bad entry is {seq}:"));
    }
    // Deleting the last is truncation: caught against the shipped head,
    // which can only tell that the trail changed at or before it.
    env.restore(&pristine);
    env.sql_exec("DELETE FROM audit_log WHERE seq = ?1", &[&n]);
    verify(&env, &[]).ok();
    verify(&env, &["--head", &head])
        .status(1)
        .stdout_has(&format!("the trail was changed at or before entry {n}:"))
        .stdout_has(&format!("now ends at entry {}", n - 1));

    // Inserting an entry in the middle (renumbering the rest).
    env.restore(&pristine);
    {
        env.sql_exec("UPDATE audit_log SET seq = seq + 1000 WHERE seq >= 3", &[]);
        env.sql_exec(
            "UPDATE audit_log SET seq = seq - 999 WHERE seq >= 1003",
            &[],
        );
        env.sql_exec(
            "INSERT INTO audit_log SELECT 3, at, operator, 'forged', customer, reason, details, hash, hash, format, identity FROM audit_log WHERE seq = 2",
            &[],
        );
    }
    verify(&env, &[])
        .status(1)
        .stdout_has("first bad entry is 3:");

    // Appending a forged entry with a made-up hash.
    env.restore(&pristine);
    env.sql_exec(
        "INSERT INTO audit_log SELECT seq + 1, at, operator, 'forged', customer, reason, details, hash, hash, format, identity FROM audit_log WHERE seq = ?1",
        &[&n],
    );
    verify(&env, &[])
        .status(1)
        .stdout_has(&format!("first bad entry is {}:", n + 1));

    // Swapping two entries' contents (reordering).
    env.restore(&pristine);
    {
        env.sql_exec("UPDATE audit_log SET seq = -1 WHERE seq = 2", &[]);
        env.sql_exec("UPDATE audit_log SET seq = 2 WHERE seq = 3", &[]);
        env.sql_exec("UPDATE audit_log SET seq = 3 WHERE seq = -1", &[]);
    }
    verify(&env, &[])
        .status(1)
        .stdout_has("first bad entry is 2:");

    // A rewritten trail no longer matches the head shipped before.
    env.restore(&pristine);
    let seq_hash: Vec<&str> = head.split(':').collect();
    let other = format!("{}:{}", seq_hash[0], "0".repeat(64));
    verify(&env, &["--head", &other])
        .status(1)
        .stdout_has(&format!(
            "the trail was changed at or before entry {}:",
            seq_hash[0]
        ));
    verify(&env, &["--head", "nonsense"]).status(2);
    let j = env
        .run(&["--format", "json", "log", "verify", "--head", &other])
        .status(1)
        .json();
    assert_eq!(j["ok"], false);
    assert_eq!(j["first_bad"]["problem"], "head_differs");
}

#[test]
fn head_is_fast_on_a_long_trail() {
    // The figure lives in the benchmark; here only that head reads the newest
    // entry of a long trail correctly.
    let env = trail(0);
    let target = Target {
        path: env.db(),
        operator: "bulk".into(),
        busy_timeout_ms: 1000,
    };
    let mut ledger = Ledger::open(&target).unwrap();
    ledger
        .write(|tx| {
            for i in 0..2000 {
                tx.audit(Entry {
                    action: "test.bulk",
                    customer: None,
                    reason: None,
                    details: serde_json::json!({ "i": i }),
                })?;
            }
            Ok(())
        })
        .unwrap();
    let n = count(&env);
    let head = env.run(&["log", "head"]).ok().stdout();
    assert!(head.starts_with(&format!("{n}:")), "{head}");
    verify(&env, &["--head", head.trim()]).ok();
}

#[test]
fn a_shortened_head_is_accepted_from_8_hex_digits_with_a_note() {
    let env = Env::with_customers();
    let head = env.run(&["log", "head"]).ok().stdout().trim().to_string();
    let (seq, hash) = head.split_once(':').unwrap();
    let short = format!("{seq}:{}", &hash[..8]);
    env.run(&["log", "verify", "--head", &short])
        .ok()
        .stderr_has("only 8 hex digits");
    // 32 digits and more resist a forger: no note.
    let long = format!("{seq}:{}", &hash[..32]);
    let r = env.run(&["log", "verify", "--head", &long]).ok();
    assert!(!r.stderr().contains("hex digits"), "{}", r.stderr());
    // A prefix of another hash is a changed trail; 7 digits are refused.
    let flipped = if hash.starts_with('0') { "1" } else { "0" };
    let other = format!("{seq}:{flipped}{}", &hash[1..8]);
    env.run(&["log", "verify", "--head", &other]).status(1);
    env.run(&["log", "verify", "--head", &format!("{seq}:{}", &hash[..7])])
        .status(2);
}

/// A writer whose clock was set back (two days) leaves entries dated before
/// their predecessors: `log verify` names the first, a few minutes' drift
/// between hosts it lets pass.
#[test]
fn time_running_backwards_is_reported() {
    let env = Env::with_ledger();
    let at = "2027-06-07T10:00:00+09:00";
    env.run_at(at, &["lock", "list"]).ok();
    env.run_at(
        at,
        &[
            "rollout",
            "set",
            "--pre-start",
            "2027-01-04T09:00:00+09:00",
            "--pre-end",
            "2027-02-26T17:00:00+09:00",
            "--enforce",
            "2027-03-01T00:00:00+09:00",
        ],
    )
    .ok();
    // Two minutes earlier: within the tolerance.
    env.run_at(
        "2027-06-07T09:58:00+09:00",
        &[
            "rollout",
            "set",
            "--pre-start",
            "2027-01-04T09:00:00+09:00",
            "--pre-end",
            "2027-02-26T17:00:00+09:00",
            "--enforce",
            "2027-03-02T00:00:00+09:00",
        ],
    )
    .ok();
    env.run(&["log", "verify"]).ok();
    // Two days earlier.
    env.run_at(
        "2027-06-05T10:00:00+09:00",
        &[
            "rollout",
            "set",
            "--pre-start",
            "2027-01-04T09:00:00+09:00",
            "--pre-end",
            "2027-02-26T17:00:00+09:00",
            "--enforce",
            "2027-03-03T00:00:00+09:00",
        ],
    )
    .ok();
    let doc = env
        .run(&["--format", "json", "log", "verify"])
        .status(1)
        .json();
    assert_eq!(doc["first_bad"]["problem"], "time_backwards", "{doc}");
    env.run(&["log", "verify"]).status(1).stdout_has("set back");
}
