//! Behaviour staff and scripts rely on (issue 13 items 6, 7, 8, 9, 12;
//! issue 11 item 9), end to end through the real binary: an interrupted
//! issue says how to resume, hints that send people the right way,
//! confirmations and reasons for sensitive changes, customer codes typed
//! full-width, and what the customer reads when an account is locked.

mod common;

use std::collections::BTreeMap;
use std::process::Stdio;
use std::time::{Duration, Instant};

use common::{Env, export_outbox};
use serde_json::Value;

const SATO: &str = "1000100";
const SUZUKI: &str = "1000137";

fn log(env: &Env, action: &str) -> Vec<Value> {
    let r = env
        .run(&["--format", "json", "log", "--action", action])
        .ok();
    r.json().as_array().cloned().unwrap_or_default()
}

// ------------------------------------------------ item 6: interrupted issue

const SIG_CUSTOMERS: usize = 900;

/// Whether process `pid` has a handler for `signal` (Linux: `SigCgt` in
/// /proc/PID/status).
fn catches(pid: u32, signal: nix::sys::signal::Signal) -> bool {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("SigCgt:"))
        .and_then(|m| u64::from_str_radix(m.trim(), 16).ok())
        .is_some_and(|m| m & (1 << (signal as i32 - 1)) != 0)
}

/// Spawn `password issue --all --out initial.csv` and send `signal`
/// (`times` in a row) once it catches the signal and the run's temporary
/// file holds more than `after` lines; the exit code and stderr.
fn issue_signalled(
    env: &Env,
    signal: nix::sys::signal::Signal,
    times: usize,
    after: usize,
) -> (i32, String) {
    use std::io::Read;
    let temp_lines = || common::issue_temp_lines(env, "initial.csv");
    let mut child = env
        .std_cmd()
        .args(["password", "issue", "--all", "--out", "initial.csv"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let start = Instant::now();
    let mut sent = false;
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if !sent && temp_lines() > after && catches(child.id(), signal) {
            let pid = nix::unistd::Pid::from_raw(child.id() as i32);
            for _ in 0..times {
                nix::sys::signal::kill(pid, signal).unwrap();
                // Two signals pending at once are one.
                std::thread::sleep(Duration::from_millis(50));
            }
            sent = true;
        }
        assert!(start.elapsed() < Duration::from_secs(120), "issue hangs");
        std::thread::sleep(Duration::from_micros(300));
    };
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    assert!(sent, "the run ended before the signal: {status:?}\n{err}");
    (status.code().unwrap_or(-1), err)
}

#[test]
fn an_interrupted_issue_finishes_its_batch_says_how_to_resume_and_is_visible() {
    let env = Env::with_ledger();
    // Hashing dear enough that a batch takes a noticeable time.
    let toml = env.run(&["policy", "show", "--toml"]).ok().stdout();
    let dear = toml
        .replace("m_kib = 19456", "m_kib = 8192")
        .replace("\nt = 2\n", "\nt = 1\n");
    let f = env.write("dear.toml", dear);
    env.run(&["--yes", "policy", "set", "--file", &f.display().to_string()])
        .ok();
    let mut csv = String::from("code,name,birth_date\n");
    for i in 0..SIG_CUSTOMERS {
        csv.push_str(&format!("S{i:05},顧客 {i},1980-01-{:02}\n", 1 + i % 28));
    }
    let f = env.write("many.csv", csv);
    env.run(&["customer", "import", &f.display().to_string()])
        .ok();

    // Ctrl-C while the first batch is being committed: that batch is
    // finished, the run stops, 130, and the hint names the same command.
    let (code, err) = issue_signalled(&env, nix::sys::signal::Signal::SIGINT, 1, 0);
    assert_eq!(code, 130, "{err}");
    assert!(err.contains("interrupted by SIGINT"), "{err}");
    assert!(
        err.contains("run the same command again: acctsec password issue --all --out initial.csv"),
        "{err}"
    );
    assert!(!env.path("initial.csv").exists());
    let held = env.sql_i64(
        "SELECT count(*) FROM credential WHERE kind = 'execution' AND issue_run IS NOT NULL",
        &[],
    );
    assert!(held > 0 && (held as usize) < SIG_CUSTOMERS, "{held}");
    assert_eq!(held % 256, 0, "whole batches only: {held}");

    // rollout status and customer list --pending say a run is unfinished.
    let status = env.run(&["rollout", "status"]).ok();
    let want = format!("{held} initial password(s) wait in it");
    assert!(
        status.stderr().contains("initial.csv"),
        "{}",
        status.stderr()
    );
    assert!(status.stderr().contains(&want), "{}", status.stderr());
    env.run(&["customer", "list", "--pending"])
        .ok()
        .stderr_has(&want);

    // Ctrl-C twice: the operator insists, the process ends at once (130);
    // the run still resumes.
    let (code, err) = issue_signalled(&env, nix::sys::signal::Signal::SIGINT, 2, 0);
    assert_eq!(code, 130, "{err}");

    // `kill` (SIGTERM) on the resumed run: 143.
    let (code, err) = issue_signalled(&env, nix::sys::signal::Signal::SIGTERM, 1, 0);
    assert_eq!(code, 143, "{err}");
    assert!(err.contains("interrupted by SIGTERM"), "{err}");

    // The same command finishes the job; every password verifies.
    env.run(&["password", "issue", "--all", "--out", "initial.csv"])
        .ok();
    env.run(&["rollout", "status"]).ok();
    assert!(
        !env.run(&["rollout", "status"])
            .ok()
            .stderr()
            .contains("unfinished")
    );
    let text = std::fs::read_to_string(env.path("initial.csv")).unwrap();
    let rows: BTreeMap<String, String> = text
        .lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (f[0].to_string(), f[1].to_string())
        })
        .collect();
    assert_eq!(rows.len(), SIG_CUSTOMERS);
    let hashes: BTreeMap<String, String> = env
        .sql_rows(
            "SELECT customer, hash FROM credential WHERE kind = 'execution'",
            &[],
        )
        .into_iter()
        .map(|r| (r[0].clone().unwrap(), r[1].clone().unwrap()))
        .collect();
    assert_eq!(hashes.len(), SIG_CUSTOMERS);
    use argon2::{PasswordHash, PasswordVerifier};
    for (code, pw) in &rows {
        let h = PasswordHash::new(&hashes[code]).unwrap();
        assert!(
            argon2::Argon2::default()
                .verify_password(pw.as_bytes(), &h)
                .is_ok(),
            "{code}: the file's password does not match the ledger"
        );
    }
}

// ------------------------------------------------ item 7: hints

#[test]
fn verify_without_a_login_password_says_how_to_get_one() {
    let env = Env::with_customers();
    let r = env
        .run_stdin(&["password", "verify", SATO, "--kind", "login"], "x\n")
        .status(1);
    assert!(!r.stderr().contains("password issue"), "{}", r.stderr());
    r.stderr_has("login_hash")
        .stderr_has(&format!("acctsec password set {SATO} --kind login"));
    env.run_stdin(&["password", "verify", SATO, "--kind", "execution"], "x\n")
        .status(1)
        .stderr_has(&format!("acctsec password issue {SATO} --out FILE"));
}

#[test]
fn a_password_typed_as_an_argument_is_refused_with_where_passwords_come_from() {
    let env = Env::with_customers();
    for args in [
        vec![
            "password",
            "verify",
            SATO,
            "--kind",
            "execution",
            "Hp4rWx8k",
        ],
        vec!["password", "set", SATO, "--kind", "execution", "Hp4rWx8k"],
        vec!["password", "change", SATO, "--kind", "login", "Hp4rWx8k"],
        vec!["password", "check", "--kind", "login", "Hp4rWx8k"],
    ] {
        let r = env.run_stdin(&args, "Hp4rWx8k\n").status(2);
        assert!(!r.stderr().contains("Hp4rWx8k"), "{}", r.stderr());
        r.stderr_has("never taken from the command line")
            .stderr_has("prompt")
            .stderr_has("stdin");
    }
    assert_eq!(log(&env, "password.set").len(), 0);
}

#[test]
fn notify_to_both_names_the_real_set_email_flag() {
    let env = Env::with_customers();
    // 1000137 has a PC address only.
    let r = env
        .run(&["notify", "set", SUZUKI, "login", "on", "--to", "both"])
        .status(1);
    assert!(!r.stderr().contains("--both"), "{}", r.stderr());
    r.stderr_has(&format!(
        "acctsec customer set-email {SUZUKI} --mobile ADDR"
    ));
}

#[test]
fn init_on_an_existing_ledger_names_the_preset_in_force_and_how_to_change_it() {
    let env = Env::with_ledger();
    env.run(&["init", "--preset", "fx-cfd"])
        .ok()
        .stderr_has("policy in force: preset securities")
        .stderr_has("acctsec policy set --preset fx-cfd");
    let r = env.run(&["init"]).ok();
    assert!(r.stderr().contains("preset securities"), "{}", r.stderr());
    assert!(!r.stderr().contains("policy set"), "{}", r.stderr());
    env.run(&["--yes", "policy", "set", "--preset", "fx-cfd"])
        .ok();
    env.run(&["init", "--preset", "securities"])
        .ok()
        .stderr_has("policy in force: preset fx-cfd");
}

// ------------------------------------------------ item 8: confirmations

#[test]
fn policy_set_needs_yes_without_a_terminal_and_keeps_the_reason() {
    let env = Env::with_ledger();
    let before = env.run(&["policy", "show", "--toml"]).ok().stdout();
    env.run(&["policy", "set", "--preset", "fx-cfd"])
        .status(2)
        .stderr_has("--yes");
    assert_eq!(env.run(&["policy", "show", "--toml"]).ok().stdout(), before);
    assert_eq!(log(&env, "policy.set").len(), 0);
    env.run(&[
        "--yes",
        "policy",
        "set",
        "--preset",
        "fx-cfd",
        "--reason",
        "FX desk rules from 2026-12",
    ])
    .ok();
    let sets = log(&env, "policy.set");
    assert_eq!(sets.len(), 1);
    assert_eq!(sets[0]["reason"], "FX desk rules from 2026-12");
    // Nothing to change needs no confirmation.
    env.run(&["policy", "set", "--preset", "fx-cfd"]).ok();
    env.run(&[
        "--yes",
        "policy",
        "set",
        "--preset",
        "fx-cfd",
        "--reason",
        "a\u{1b}[2J",
    ])
    .status(2);
}

#[test]
fn set_email_needs_yes_without_a_terminal_and_keeps_the_reason() {
    let env = Env::with_customers();
    env.run(&["customer", "set-email", SATO, "--pc", "new@example.jp"])
        .status(2)
        .stderr_has("--yes");
    assert_eq!(log(&env, "customer.set_email").len(), 0);
    env.run(&[
        "--yes",
        "customer",
        "set-email",
        SATO,
        "--pc",
        "new@example.jp",
        "--reason",
        "form 12 received by post",
    ])
    .ok();
    let sets = log(&env, "customer.set_email");
    assert_eq!(sets.len(), 1);
    assert_eq!(sets[0]["reason"], "form 12 received by post");
    // The same address again: nothing to confirm, nothing changes.
    env.run(&["customer", "set-email", SATO, "--pc", "new@example.jp"])
        .ok();
}

// ------------------------------------------------ item 9: customer codes

#[test]
fn full_width_and_spaced_codes_find_the_customer() {
    let env = Env::with_customers();
    let r = env
        .run(&["--format", "json", "customer", "show", "　１０００１００ "])
        .ok();
    assert_eq!(r.json()["code"], SATO);
    env.run(&["--yes", "lock", "add", "１０００１３７", "--reason", "test"])
        .ok();
    let r = env.run(&["--format", "json", "lock", "list"]).ok();
    assert_eq!(r.json()[0]["customer"], SUZUKI);
    env.run(&["--yes", "unlock", " 1000137 ", "--reason", "test"])
        .ok();
    assert_eq!(
        env.run(&["--format", "json", "lock", "list"]).ok().json(),
        serde_json::json!([])
    );
    env.run(&["notify", "show", "１０００１００"]).ok();
    // A code that cannot be one says why it did not match.
    env.run(&["customer", "show", "1000-100"])
        .status(4)
        .stderr_has("cannot be a customer code")
        .stderr_has("'-'");
    // So do the codes of a --codes file.
    let f = env.write("codes.txt", "１０００１００\n");
    env.run(&[
        "password",
        "issue",
        "--codes",
        &f.display().to_string(),
        "--out",
        "one.csv",
    ])
    .ok();
    let text = std::fs::read_to_string(env.path("one.csv")).unwrap();
    assert!(
        text.lines().nth(1).unwrap().starts_with("1000100,"),
        "{text}"
    );
}

// ------------------------------------------------ item 12 / issue 11 item 9

fn body_of(outbox: &[Value], kind: &str) -> Vec<String> {
    outbox
        .iter()
        .filter(|n| n["kind"] == kind || n["type"] == kind)
        .map(|n| n["body"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn a_staff_lock_mail_says_the_broker_locked_it() {
    let env = Env::with_customers();
    env.run(&["lock", "add", SATO, "--reason", "suspected takeover"])
        .ok();
    let outbox = export_outbox(&env, "outbox.jsonl");
    let bodies = body_of(&outbox, "account_locked");
    assert!(!bodies.is_empty(), "{outbox:?}");
    for b in bodies {
        assert!(b.contains("弊社にて"), "{b}");
        assert!(!b.contains("連続失敗回数"), "{b}");
        assert!(!b.contains("失敗したため"), "{b}");
    }
}

#[test]
fn mails_show_deadlines_in_the_japanese_style_and_unlock_reissue_has_one() {
    let env = Env::with_customers();
    env.set_rollout("2026-12-01", "2026-12-20 23:59", "2026-12-21 18:00")
        .ok();
    env.run_at(
        "2026-11-30T22:30:21Z",
        &["password", "issue", SATO, "--out", "first.csv"],
    )
    .ok();
    let outbox = export_outbox(&env, "o1.jsonl");
    let bodies = body_of(&outbox, "initial_password_issued");
    assert!(!bodies.is_empty(), "{outbox:?}");
    for b in &bodies {
        assert!(
            b.contains("日時: 2026年12月01日 07:30:21（日本時間）"),
            "{b}"
        );
        assert!(
            b.contains("変更期限: 2026年12月20日 23:59:00（日本時間）"),
            "{b}"
        );
        assert!(!b.contains("T23:59"), "{b}");
    }
    env.run(&["lock", "add", SATO, "--reason", "forgot password"])
        .ok();
    env.run(&[
        "--yes",
        "unlock",
        SATO,
        "--reason",
        "identity checked",
        "--reissue",
        "--out",
        "again.csv",
    ])
    .ok();
    let outbox = export_outbox(&env, "o2.jsonl");
    let unlocked = body_of(&outbox, "account_unlocked");
    assert!(!unlocked.is_empty(), "{outbox:?}");
    for b in &unlocked {
        assert!(
            b.contains("変更期限: 2026年12月20日 23:59:00（日本時間）"),
            "{b}"
        );
        assert!(b.contains("初期パスワード"), "{b}");
    }
}

#[test]
fn a_login_lockout_says_login_and_counts_login_failures() {
    let env = Env::with_customers();
    let toml = env.run(&["policy", "show", "--toml"]).ok().stdout();
    let with_login = toml.replace(
        "[lockout]\nexecution_threshold = 9\n",
        "[lockout]\nexecution_threshold = 9\nlogin_threshold = 3\n",
    );
    assert_ne!(with_login, toml, "policy TOML changed shape");
    let f = env.write("login.toml", with_login);
    env.run(&["--yes", "policy", "set", "--file", &f.display().to_string()])
        .ok();
    env.run_stdin(&["password", "set", SATO, "--kind", "login"], "Mv3qTw9z\n")
        .ok();
    for _ in 0..2 {
        env.run_stdin(
            &["password", "verify", SATO, "--kind", "login"],
            "Wrong7x5Q\n",
        )
        .status(1);
    }
    env.run_stdin(
        &["password", "verify", SATO, "--kind", "login"],
        "Wrong7x5Q\n",
    )
    .status(3);
    let locks = env.run(&["--format", "json", "lock", "list"]).ok().json();
    let lock = &locks[0];
    assert_eq!(lock["customer"], SATO);
    let reason = lock["reason"].as_str().unwrap();
    assert!(reason.contains("login-password"), "{reason}");
    assert!(!reason.contains("execution"), "{reason}");
    assert_eq!(lock["login_failures"], 3);
    let show = env
        .run(&["--format", "json", "customer", "show", SATO])
        .ok()
        .json();
    assert_eq!(show["login_failures"], 3);
    let outbox = export_outbox(&env, "o.jsonl");
    let bodies = body_of(&outbox, "account_locked");
    assert!(!bodies.is_empty(), "{outbox:?}");
    for b in bodies {
        assert!(b.contains("ログインパスワードの認証に"), "{b}");
        assert!(b.contains("連続失敗回数: 3回"), "{b}");
    }
}
