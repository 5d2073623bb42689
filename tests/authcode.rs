//! `acctsec authcode`: one-time codes by email for withdrawals and data views
//! (issue 16), end to end on a real ledger with an injected clock.

mod common;

use common::{Env, audit_count};
use serde_json::Value;

const CODE: &str = "1000100";
const T0: &str = "2022-09-18T09:00:00Z";

fn at(min: u32, sec: u32) -> String {
    format!("2022-09-18T09:{min:02}:{sec:02}Z")
}

fn turn_on(env: &Env, code: &str, t: &str) {
    env.run(&[
        "notify",
        "set",
        code,
        t,
        "on",
        "--to",
        "pc",
        "--reason",
        "customer request",
    ])
    .ok();
}

fn env_on() -> Env {
    let env = Env::with_customers();
    env.seal_codes();
    turn_on(&env, CODE, "withdrawal_auth_code");
    env
}

fn issue(env: &Env, now: &str, purpose: &str) -> common::Run {
    env.run_at(now, &["authcode", "issue", CODE, "--purpose", purpose])
}

fn verify(env: &Env, now: &str, purpose: &str, code: &str) -> common::Run {
    common::Run(
        env.cmd_at(now)
            .args([
                "--format",
                "json",
                "authcode",
                "verify",
                CODE,
                "--purpose",
                purpose,
            ])
            .write_stdin(format!("{code}\n"))
            .output()
            .unwrap(),
    )
}

fn reason(r: &common::Run) -> (bool, String) {
    let v = r.json();
    (
        v["ok"].as_bool().unwrap(),
        v["reason"].as_str().unwrap().to_string(),
    )
}

/// The code in a notice body: the digits after `認証コード: `.
fn code_in(body: &str) -> Option<String> {
    let rest = body.split("認証コード: ").nth(1)?;
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    (!digits.is_empty()).then_some(digits)
}

/// Export the pending outbox at `now`; the notices of `kind`.
fn export_at(env: &Env, now: &str, name: &str, kind: &str) -> Vec<Value> {
    common::export_outbox_at(env, Some(now), name)
        .into_iter()
        .filter(|v| v["type"] == kind)
        .collect()
}

/// Issue a withdrawal code at `now` and read it from the outbox export.
fn issue_and_read(env: &Env, now: &str, name: &str) -> String {
    let r = issue(env, now, "withdrawal").ok();
    // The newest notice (an export repeats what was not yet acked).
    let notices = export_at(env, now, name, "withdrawal_auth_code");
    let last = notices.last().expect("a notice");
    let code = code_in(last["body"].as_str().unwrap()).expect("a code in the notice");
    assert_eq!(code.len(), 6);
    assert!(!r.stdout().contains(&code) && !r.stderr().contains(&code));
    code
}

fn bodies(env: &Env) -> Vec<String> {
    env.sql_col("SELECT body FROM outbox ORDER BY id", &[])
}

/// Every text the ledger holds where a code could hide (the trail's hash
/// columns and the code hashes aside, which are hex or base64).
fn ledger_texts(env: &Env) -> String {
    let mut out = String::new();
    for sql in [
        "SELECT body || ' ' || subject FROM outbox",
        "SELECT action || ' ' || details || ' ' || coalesce(reason, '') FROM audit_log",
        "SELECT redacted_body FROM authcode",
    ] {
        for t in env.sql_col(sql, &[]) {
            out.push_str(&t);
            out.push('\n');
        }
    }
    out
}

/// The ledger's files as bytes (the main file and its WAL), as `strings`
/// would read them. A PostgreSQL ledger has no file of its own here (the
/// server's files are its own account's): nothing to read.
fn ledger_bytes(env: &Env) -> Vec<u8> {
    if common::on_pg() {
        return Vec::new();
    }
    let mut all = std::fs::read(env.db()).unwrap();
    if let Ok(wal) = std::fs::read(env.path("ledger.db-wal")) {
        all.extend(wal);
    }
    all
}

fn holds(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn issue_then_verify_once_then_no_more() {
    // Set up before T0 (the trail must verify at the end: its times may not
    // run backwards).
    let early = "2022-09-18T08:00:00Z";
    let env = Env::with_customers_at(early);
    env.seal_codes();
    env.run_at(
        early,
        &[
            "notify",
            "set",
            CODE,
            "withdrawal_auth_code",
            "on",
            "--to",
            "pc",
        ],
    )
    .ok();
    let r = issue(&env, T0, "withdrawal").ok();
    assert!(
        r.stdout().contains("2022-09-18T18:10:00+09:00"),
        "{}",
        r.stdout()
    );
    let notices = export_at(&env, T0, "n.jsonl", "withdrawal_auth_code");
    let body = notices[0]["body"].as_str().unwrap();
    assert!(body.contains("有効期限: 2022年09月18日 18:10:00"), "{body}");
    let code = code_in(body).unwrap();
    assert!(!r.stdout().contains(&code));

    let ok = verify(&env, &at(3, 0), "withdrawal", &code).status(0);
    assert_eq!(reason(&ok), (true, "matched".into()));
    let again = verify(&env, &at(3, 5), "withdrawal", &code).status(1);
    assert_eq!(reason(&again), (false, "none".into()));

    // The stored copy of the notice is blanked; nothing in the ledger holds
    // the code, in its tables or in its files.
    assert!(bodies(&env).iter().all(|b| !b.contains(&code)));
    assert!(bodies(&env).iter().any(|b| b.contains("削除しました")));
    assert!(!ledger_texts(&env).contains(&code));
    let bytes = ledger_bytes(&env);
    assert!(!holds(&bytes, format!("認証コード: {code}").as_bytes()));
    assert_eq!(audit_count(&env, "authcode.issue"), 1);
    assert_eq!(audit_count(&env, "authcode.verify"), 2);
    // The trail still verifies.
    env.run(&["log", "verify"]).ok();
}

#[test]
fn wrong_codes_count_to_the_limit_and_end_the_code() {
    let env = env_on();
    let code = issue_and_read(&env, T0, "n.jsonl");
    let wrong = if code == "000000" { "000001" } else { "000000" };
    for i in 1..5 {
        let r = verify(&env, &at(1, i), "withdrawal", wrong).status(1);
        assert_eq!(reason(&r), (false, "wrong".into()));
    }
    // Table form says how many tries are left.
    let last_but = common::Run(
        env.cmd_at(&at(1, 30))
            .args(["authcode", "verify", CODE, "--purpose", "withdrawal"])
            .write_stdin("12345x\n")
            .output()
            .unwrap(),
    )
    .status(3);
    assert!(last_but.stdout().contains("ended"), "{}", last_but.stdout());
    // Ended: even the right code is refused now.
    let r = verify(&env, &at(2, 0), "withdrawal", &code).status(1);
    assert_eq!(reason(&r), (false, "none".into()));
    assert!(!ledger_texts(&env).contains(&code));
}

#[test]
fn an_expired_code_is_refused_as_expired_and_blanked() {
    let env = env_on();
    let code = issue_and_read(&env, T0, "n.jsonl");
    let r = verify(&env, &at(10, 0), "withdrawal", &code).status(1);
    assert_eq!(reason(&r), (false, "expired".into()));
    let table = common::Run(
        env.cmd_at(&at(10, 1))
            .args(["authcode", "verify", CODE, "--purpose", "withdrawal"])
            .write_stdin(format!("{code}\n"))
            .output()
            .unwrap(),
    )
    .status(1);
    assert!(table.stdout().contains("no live"), "{}", table.stdout());
    assert!(!ledger_texts(&env).contains(&code));
    assert!(!holds(
        &ledger_bytes(&env),
        format!("認証コード: {code}").as_bytes()
    ));
}

#[test]
fn an_export_never_hands_over_an_expired_code() {
    let env = env_on();
    issue(&env, T0, "withdrawal").ok();
    // Not exported before it expired: the export after that leaves it out,
    // marked expired (as `notify send` marks it), its copy blanked.
    let notices = export_at(&env, &at(15, 0), "late.jsonl", "withdrawal_auth_code");
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(audit_count(&env, "authcode.expire"), 1);
    assert_eq!(audit_count(&env, "notify.expired"), 1);
    let expired = env
        .run(&[
            "--format", "json", "notify", "outbox", "--status", "expired",
        ])
        .ok()
        .json();
    assert_eq!(expired.as_array().unwrap().len(), 1, "{expired}");
    assert!(bodies(&env).iter().all(|b| code_in(b).is_none()));
}

#[test]
fn a_second_issue_ends_the_first_and_the_cooldown_holds() {
    let env = env_on();
    let first = issue_and_read(&env, T0, "1.jsonl");
    // Too soon: refused, saying when.
    let r = issue(&env, &at(0, 30), "withdrawal").status(1);
    assert!(
        r.stdout().contains("2022-09-18T18:01:00+09:00"),
        "{}",
        r.stdout()
    );
    let second = issue_and_read(&env, &at(1, 0), "2.jsonl");
    assert!(
        bodies(&env)
            .iter()
            .all(|b| !b.contains(&format!("認証コード: {first}")))
    );
    if first != second {
        let r = verify(&env, &at(1, 10), "withdrawal", &first).status(1);
        assert_eq!(reason(&r), (false, "wrong".into()));
    }
    verify(&env, &at(1, 20), "withdrawal", &second).status(0);
    let issues = env.sql_i64(
        "SELECT count(*) FROM audit_log WHERE action = 'authcode.issue' AND details LIKE '%cooldown%'",
        &[],
    );
    assert_eq!(issues, 1);
}

#[test]
fn not_required_unknown_customer_and_purposes_apart() {
    let env = env_on();
    // The view code is off for this customer: go ahead without one.
    let r = env
        .run_at(
            T0,
            &[
                "--format",
                "json",
                "authcode",
                "issue",
                CODE,
                "--purpose",
                "view",
            ],
        )
        .status(6);
    assert_eq!(r.json()["reason"], "not_required");
    env.run_at(
        T0,
        &["authcode", "issue", "1000137", "--purpose", "withdrawal"],
    )
    .status(6)
    .stdout_has("does not require");
    env.run_at(
        T0,
        &["authcode", "issue", "9999999", "--purpose", "withdrawal"],
    )
    .status(4);
    common::Run(
        env.cmd_at(T0)
            .args(["authcode", "verify", "9999999", "--purpose", "withdrawal"])
            .write_stdin("123456\n")
            .output()
            .unwrap(),
    )
    .status(4);
    // No code of one purpose answers for the other.
    let code = issue_and_read(&env, T0, "n.jsonl");
    let r = verify(&env, &at(0, 10), "view", &code).status(1);
    assert_eq!(reason(&r), (false, "none".into()));
    verify(&env, &at(0, 20), "withdrawal", &code).status(0);
}

#[test]
fn customer_show_tells_whether_a_code_is_live() {
    let env = env_on();
    let code = issue_and_read(&env, T0, "n.jsonl");
    let show = env
        .run_at(&at(1, 0), &["--format", "json", "customer", "show", CODE])
        .ok();
    let v = show.json();
    assert_eq!(v["auth_codes"][0]["purpose"], "withdrawal");
    assert_eq!(v["auth_codes"][0]["until"], "2022-09-18T18:10:00+09:00");
    assert!(!show.stdout().contains(&code));
    env.run_at(&at(1, 0), &["customer", "show", CODE])
        .ok()
        .stdout_has("withdrawal until 2022-09-18T18:10:00+09:00");
    verify(&env, &at(2, 0), "withdrawal", &code).status(0);
    let v = env
        .run_at(&at(2, 1), &["--format", "json", "customer", "show", CODE])
        .ok()
        .json();
    assert_eq!(v["auth_codes"], serde_json::json!([]));
}

#[test]
fn an_acked_notice_keeps_no_copy_and_the_code_still_works() {
    let env = env_on();
    let code = issue_and_read(&env, T0, "n.jsonl");
    let id = env.sql_i64(
        "SELECT id FROM outbox WHERE type = 'withdrawal_auth_code'",
        &[],
    );
    env.run_at(&at(0, 30), &["notify", "outbox", "ack", &id.to_string()])
        .ok();
    assert!(!ledger_texts(&env).contains(&code));
    assert!(!holds(
        &ledger_bytes(&env),
        format!("認証コード: {code}").as_bytes()
    ));
    verify(&env, &at(1, 0), "withdrawal", &code).status(0);
}

#[test]
fn the_code_policy_is_part_of_the_policy() {
    let env = Env::with_cheap_ledger();
    let toml = env.run(&["policy", "show", "--toml"]).ok().stdout();
    assert!(toml.contains("[authcode]"), "{toml}");
    assert!(toml.contains("digits = 6"));
    let bad = env.write("bad.toml", toml.replace("digits = 6", "digits = 3"));
    let r = env.run(&[
        "--yes",
        "policy",
        "set",
        "--file",
        &bad.display().to_string(),
    ]);
    assert_ne!(r.code(), 0);
    assert!(r.stderr().contains("authcode.digits"), "{}", r.stderr());
    let short = env.write(
        "short.toml",
        toml.replace("lifetime_minutes = 10", "lifetime_minutes = 1"),
    );
    env.run(&[
        "--yes",
        "policy",
        "set",
        "--file",
        &short.display().to_string(),
    ])
    .ok();
    // A policy file from before the section existed still loads.
    let start = toml.find("[authcode]").unwrap();
    let end = start + toml[start..].find("\n# Notice defaults").unwrap();
    let old = format!("{}{}", &toml[..start], &toml[end..]);
    let old = env.write("old.toml", old);
    env.run(&[
        "--yes",
        "policy",
        "set",
        "--file",
        &old.display().to_string(),
    ])
    .ok();
}

#[test]
fn no_copy_of_a_live_or_used_code_is_in_the_files_while_others_have_the_ledger_open() {
    sqlite_only!();
    let env = env_on();
    // Another process has the ledger open throughout (a staff member's
    // `log`, a backup): the WAL is not removed when acctsec exits, so old
    // page images would stay in it.
    let other = env.sql();
    let _: i64 = other
        .query_row("SELECT count(*) FROM customer", [], |r| r.get(0))
        .unwrap();
    let code = issue_and_read(&env, T0, "n.jsonl");
    let needle = format!("認証コード: {code}");
    // Live, its notice queued: sealed, in no page of the files.
    let redacted = env.sql_text("SELECT redacted_body FROM authcode", &[]);
    assert!(
        holds(&ledger_bytes(&env), redacted.as_bytes()),
        "the search sees the files"
    );
    assert!(!holds(&ledger_bytes(&env), needle.as_bytes()));
    verify(&env, &at(1, 0), "withdrawal", &code).status(0);
    assert!(!holds(&ledger_bytes(&env), needle.as_bytes()));
    drop(other);
}

/// Issue 27: the words match the facts. The code's mail is only queued
/// (`notify send` delivers it): `authcode issue` says so, in both languages.
#[test]
fn issue_says_the_code_was_queued_not_sent() {
    let env = env_on();
    let r = issue(&env, T0, "withdrawal").ok();
    assert!(
        r.stdout().contains("queued for email, sealed"),
        "{}",
        r.stdout()
    );
    assert!(!r.stdout().contains("sent by email"), "{}", r.stdout());
    let ja = common::Run(
        env.cmd_at(&at(2, 0))
            .env("LANG", "ja_JP.UTF-8")
            .args(["authcode", "issue", CODE, "--purpose", "withdrawal"])
            .output()
            .unwrap(),
    )
    .ok();
    assert!(
        ja.stdout().contains("送信待ちにしました"),
        "{}",
        ja.stdout()
    );
    assert!(!ja.stdout().contains("送りました"), "{}", ja.stdout());
}

/// A policy whose codes may be asked for back to back, at most `issues` a
/// day and `wrong` wrong tries a day.
fn caps(env: &Env, issues: u32, wrong: u32) {
    let toml = env.run(&["policy", "show", "--toml"]).ok().stdout();
    let capped = toml
        .replace("cooldown_seconds = 60", "cooldown_seconds = 0")
        .replace(
            "max_issues_per_day = 10",
            &format!("max_issues_per_day = {issues}"),
        )
        .replace(
            "max_wrong_per_day = 10",
            &format!("max_wrong_per_day = {wrong}"),
        );
    assert_ne!(capped, toml);
    let f = env.write("caps.toml", capped);
    env.run(&["--yes", "policy", "set", "--file", &f.display().to_string()])
        .ok();
}

fn locks(env: &Env) -> Vec<Value> {
    env.run(&["--format", "json", "authcode", "locks"])
        .ok()
        .json()
        .as_array()
        .unwrap()
        .clone()
}

/// Issue 24: codes are capped per customer and purpose per day. Past the
/// cap the purpose locks (exit 3, do not go ahead) until staff clear it;
/// the lock is audited and the customer told. Other purposes, and the
/// next day, are not touched by it; a cleared lock starts the count again.
#[test]
fn the_daily_cap_of_codes_locks_the_purpose_until_staff_clear_it() {
    let env = env_on();
    turn_on(&env, CODE, "view_auth_code");
    caps(&env, 3, 10);
    for m in 0..3 {
        issue(&env, &at(m, 0), "withdrawal").ok();
    }
    let r = issue(&env, &at(3, 0), "withdrawal");
    assert_eq!(r.code(), 3, "{}", r.stderr());
    assert!(r.stdout().contains("authcode unlock"), "{}", r.stdout());
    assert_eq!(audit_count(&env, "authcode.lock"), 1);
    // The live code is ended with the lock: nothing to verify.
    let (ok, why) = reason(&verify(&env, &at(3, 10), "withdrawal", "000000"));
    assert!(!ok);
    assert_eq!(why, "none");
    // The customer is told, in a notice without the code.
    let told = env.sql_col(
        "SELECT subject FROM outbox WHERE type = 'account_locked' AND customer = ?1",
        &[&CODE],
    );
    assert_eq!(told.len(), 1, "{told:?}");
    assert!(told[0].contains("出金の認証コード停止"), "{told:?}");
    // Still locked, whatever the JSON asks; the other purpose is not.
    let j = env
        .run_at(
            &at(5, 0),
            &[
                "--format",
                "json",
                "authcode",
                "issue",
                CODE,
                "--purpose",
                "withdrawal",
            ],
        )
        .json();
    assert_eq!(j["reason"], "locked", "{j}");
    issue(&env, &at(5, 0), "view").ok();
    // Nor does the next day (JST) lift it: staff do.
    assert_eq!(issue(&env, "2022-09-19T01:00:00Z", "withdrawal").code(), 3);
    let l = locks(&env);
    assert_eq!(l.len(), 1, "{l:?}");
    assert_eq!(l[0]["customer"], CODE);
    assert_eq!(l[0]["purpose"], "withdrawal");
    assert_eq!(l[0]["cause"], "issues");
    assert_eq!(l[0]["count"], 3);
    let r = env.run_at(
        "2022-09-19T01:10:00Z",
        &[
            "authcode",
            "unlock",
            CODE,
            "--purpose",
            "withdrawal",
            "--reason",
            "本人確認済み",
        ],
    );
    r.ok();
    assert_eq!(audit_count(&env, "authcode.unlock"), 1);
    assert!(locks(&env).is_empty());
    // The count starts again from the clearing: three more today.
    for m in 0..3 {
        env.run_at(
            &format!("2022-09-19T01:2{m}:00Z"),
            &["authcode", "issue", CODE, "--purpose", "withdrawal"],
        )
        .ok();
    }
    assert_eq!(issue(&env, "2022-09-19T01:30:00Z", "withdrawal").code(), 3);
    // A second unlock of an unlocked purpose changes nothing.
    env.run(&[
        "authcode",
        "unlock",
        CODE,
        "--purpose",
        "view",
        "--reason",
        "x",
    ])
    .ok()
    .stderr_has("not locked");
}

/// The day's wrong tries over every code of a purpose are capped too: a
/// guesser who asks for a fresh code after each ended one gets no further.
#[test]
fn the_daily_cap_of_wrong_tries_locks_the_purpose() {
    let env = env_on();
    caps(&env, 10, 7);
    // Five wrong tries end the first code (max_tries = 5)...
    issue(&env, &at(0, 0), "withdrawal").ok();
    for s in 0..5 {
        verify(&env, &at(0, s + 1), "withdrawal", "000000");
    }
    // ... and two more on the next reach the day's seven.
    issue(&env, &at(1, 0), "withdrawal").ok();
    let (_, why) = reason(&verify(&env, &at(1, 1), "withdrawal", "000000"));
    assert_eq!(why, "wrong");
    let r = verify(&env, &at(1, 2), "withdrawal", "000000");
    assert_eq!(r.code(), 3, "{}", r.stderr());
    let j = r.json();
    assert_eq!(j["reason"], "exhausted", "{j}");
    assert_eq!(j["locked"], true, "{j}");
    let l = locks(&env);
    assert_eq!(l[0]["cause"], "wrong_tries", "{l:?}");
    assert_eq!(l[0]["count"], 7, "{l:?}");
    assert_eq!(issue(&env, &at(2, 0), "withdrawal").code(), 3);
    assert_eq!(audit_count(&env, "authcode.lock"), 1);
}

/// Clearing a lock is `lock.remove`: with four-eyes approval it waits for a
/// second person, like an account unlock, and the approval clears it.
#[test]
fn clearing_a_code_lock_is_a_lock_removal_for_the_approval_gate() {
    let env = env_on();
    caps(&env, 1, 10);
    issue(&env, &at(0, 0), "withdrawal").ok();
    assert_eq!(issue(&env, &at(1, 0), "withdrawal").code(), 3);
    let toml = env.run(&["policy", "show", "--toml"]).ok().stdout();
    let gated = env.write(
        "gated.toml",
        toml.replace("required_for = []", "required_for = [\"lock.remove\"]"),
    );
    env.run(&[
        "--yes",
        "policy",
        "set",
        "--file",
        &gated.display().to_string(),
    ])
    .ok();
    let r = env.run(&[
        "--format",
        "json",
        "authcode",
        "unlock",
        CODE,
        "--purpose",
        "withdrawal",
        "--reason",
        "本人確認済み",
    ]);
    assert_eq!(r.code(), 5, "{}", r.stderr());
    let id = r.json()["request"].as_i64().unwrap();
    assert_eq!(locks(&env).len(), 1, "nothing changed yet");
    // Filed by someone else, approved here.
    common::request_by(&env, id, "alice");
    env.run(&["request", "approve", &id.to_string()]).ok();
    assert!(locks(&env).is_empty());
    assert_eq!(audit_count(&env, "authcode.unlock"), 1);
}
