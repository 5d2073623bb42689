//! The exact output of the main listings, in table, csv and json, in English
//! and Japanese, as insta snapshots (tests/snapshots/).
//!
//! One ledger is built with the fixture customers at fixed moments
//! (`ACCTSEC_NOW`, honoured by the debug builds `cargo test` runs), so that
//! times, deadlines, the rollout phase and even the audit trail's hashes are
//! the same on every run. Each test gets its own copy of that ledger. Tables
//! are fitted to `COLUMNS=100` (honoured whether stdout is a terminal or
//! not), so they never depend on the width of the window; csv and json hold
//! every column whole. The one thing that differs between runs is the
//! temporary directory, which the output names where the audit trail records
//! a file: it is replaced by a placeholder of the same length.
//!
//! After a deliberate change of output: `INSTA_UPDATE=always cargo test
//! --test snapshots`, review the changed `.snap` files with `git diff`, and
//! commit them.

mod common;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::{Env, Run, fixture};

/// When the ledger is built: during the pre-registration period.
const BUILT: &str = "2022-08-25T10:00:00+09:00";
/// When the listings are taken.
const NOW: &str = "2022-09-01T12:00:00+09:00";
/// A strong execution password for the customer who sets one.
const EXEC_PW: &str = "Hp4rWx8k";

const LANGS: [(&str, &str); 2] = [("en", "C"), ("ja", "ja_JP.UTF-8")];
const FORMATS: [&str; 3] = ["table", "csv", "json"];

/// Temporary directories of one fixed length, so that the placeholder that
/// replaces them keeps table columns aligned.
const TMP_PREFIX: &str = "acctsec-snap.";
const TMP_PLACEHOLDER: &str = "/tmp/acctsec-snap.XXXXXX";

fn tempdir() -> tempfile::TempDir {
    let dir = tempfile::Builder::new()
        .prefix(TMP_PREFIX)
        .rand_bytes(6)
        .tempdir_in("/tmp")
        .expect("tempdir in /tmp");
    assert_eq!(
        dir.path().display().to_string().len(),
        TMP_PLACEHOLDER.len()
    );
    dir
}

/// The ledger file after the build, and the directory it was built in.
struct Built {
    ledger: common::Snapshot,
    dir: PathBuf,
}

/// The ledger every snapshot starts from, built once per test process.
fn built() -> &'static Built {
    static BUILT_LEDGER: OnceLock<Built> = OnceLock::new();
    BUILT_LEDGER.get_or_init(build)
}

fn build() -> Built {
    let env = Env {
        dir: tempdir(),
        pg: common::on_pg().then(common::pg::Db::create),
    };
    let at = |now: &str, args: &[&str]| env.run_at(now, args).ok();
    let at_stdin = |now: &str, args: &[&str], stdin: &str| {
        Run(env
            .cmd_at(now)
            .args(args)
            .write_stdin(stdin.as_bytes().to_vec())
            .output()
            .expect("run acctsec"))
    };
    at(BUILT, &["init"]);
    // Cheap Argon2 parameters, as every test ledger has.
    let toml = at(BUILT, &["policy", "show", "--toml"]).stdout();
    let cheap = toml
        .replace("m_kib = 19456", "m_kib = 64")
        .replace("\nt = 2\n", "\nt = 1\n");
    assert_ne!(cheap, toml, "policy TOML changed shape");
    env.write("cheap-policy.toml", cheap);
    at(
        BUILT,
        &["--yes", "policy", "set", "--file", "cheap-policy.toml"],
    );
    // Imported by a relative name: the audit trail records it as given.
    std::fs::copy(fixture("customers.csv"), env.path("customers.csv")).unwrap();
    at(BUILT, &["customer", "import", "customers.csv"]);
    at(
        BUILT,
        &[
            "rollout",
            "set",
            "--pre-start",
            "2022-08-22",
            "--pre-end",
            "2022-09-17 23:59",
            "--enforce",
            "2022-09-18 18:00",
        ],
    );
    at(
        BUILT,
        &[
            "password",
            "issue",
            "1000100",
            "1000137",
            "1000174",
            "1000211",
            "--out",
            "wave1.csv",
        ],
    );
    let later = "2022-08-26T09:15:00+09:00";
    at_stdin(
        later,
        &["password", "set", "1000137", "--kind", "execution"],
        &format!("{EXEC_PW}\n"),
    )
    .ok();
    for _ in 0..9 {
        at_stdin(
            later,
            &["password", "verify", "1000174", "--kind", "execution"],
            "Wrong7x5Q\n",
        );
    }
    at(
        later,
        &["lock", "add", "1000211", "--reason", "suspected takeover"],
    );
    at(
        later,
        &[
            "notify",
            "set",
            "1000100",
            "withdrawal_auth_code",
            "on",
            "--to",
            "mobile",
            "--reason",
            "customer request",
        ],
    );
    at(
        later,
        &[
            "--yes",
            "customer",
            "set-email",
            "1000100",
            "--pc",
            "taro.new@example.jp",
        ],
    );
    at(
        later,
        &[
            "notify",
            "emit",
            "login_new_env",
            "1000100",
            "--ip",
            "203.0.113.5",
            "--device",
            "iPhone",
            "--user-agent",
            "Safari",
        ],
    );
    at("2022-08-31T18:00:00+09:00", &["audit"]);
    at(
        "2022-09-20T09:00:00+09:00",
        &["audit", "--customer", "1000174"],
    );
    // The identity is whoever runs the tests (an OS user; the database
    // user on PostgreSQL): one fixed name, so that `log` looks the same for
    // everyone; the chain is hashed anew, so it still verifies.
    common::set_trail_identity(&env, "staff-1");
    // One file to copy: everything checkpointed out of the WAL.
    if env.pg.is_none() {
        env.sql()
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
            .unwrap();
    }
    Built {
        ledger: env.snapshot(),
        dir: env.dir.path().to_path_buf(),
    }
}

/// A fresh copy of the built ledger in a directory of its own.
fn ledger() -> Env {
    let env = Env {
        dir: tempdir(),
        pg: common::on_pg().then(common::pg::Db::create),
    };
    env.restore(&built().ledger);
    env
}

/// Replace every spelling of these directories with the placeholder.
fn settings(dirs: &[&Path]) -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.set_prepend_module_to_snapshot(false);
    for d in dirs {
        let mut spellings = vec![d.display().to_string()];
        if let Ok(c) = std::fs::canonicalize(d) {
            spellings.push(c.display().to_string());
        }
        for p in spellings {
            s.add_filter(&regex_escape(&p), TMP_PLACEHOLDER);
        }
    }
    s
}

fn regex_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if "\\.+*?()|[]{}^$#&-~".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Snapshot `acctsec ARGS` in every language and format, named
/// `NAME.LANG.FORMAT`.
fn snapshot_all(name: &str, args: &[&str]) {
    let env = ledger();
    let settings = settings(&[env.dir.path(), &built().dir]);
    for (lang, lang_var) in LANGS {
        for format in FORMATS {
            let run = Run(env
                .cmd_at(NOW)
                .env("LANG", lang_var)
                .env("COLUMNS", "100")
                .args(args)
                .args(["--format", format])
                .output()
                .expect("run acctsec"))
            .ok();
            let mut shown = run.stdout();
            let err = run.stderr();
            if !err.is_empty() {
                shown.push_str("--- stderr\n");
                shown.push_str(&err);
            }
            let description = format!(
                "LANG={lang_var} acctsec {} --format {format}",
                args.join(" ")
            );
            settings.bind(|| {
                insta::with_settings!({ description => description, omit_expression => true }, {
                    insta::assert_snapshot!(format!("{name}.{lang}.{format}"), shown);
                });
            });
        }
    }
}

#[test]
fn customer_list() {
    snapshot_all("customer_list", &["customer", "list", "--limit", "8"]);
}

#[test]
fn customer_show() {
    snapshot_all("customer_show", &["customer", "show", "1000100"]);
}

#[test]
fn lock_list() {
    snapshot_all("lock_list", &["lock", "list"]);
}

#[test]
fn rollout_status() {
    snapshot_all("rollout_status", &["rollout", "status"]);
}

#[test]
fn notify_types() {
    snapshot_all("notify_types", &["notify", "types"]);
}

#[test]
fn notify_outbox() {
    snapshot_all("notify_outbox", &["notify", "outbox"]);
}

#[test]
fn log() {
    snapshot_all("log", &["log"]);
}

#[test]
fn audit() {
    snapshot_all("audit", &["audit", "--customer", "1000174"]);
    snapshot_all("audit_all", &["audit"]);
}

#[test]
fn audit_history() {
    snapshot_all("audit_history", &["audit", "history"]);
}

#[test]
fn policy_show() {
    snapshot_all("policy_show", &["policy", "show"]);
}

/// `--quiet`: the sentences a person reads go, requested data stays (csv
/// and json results included), warnings and errors stay.
#[test]
fn quiet_leaves_only_requested_data() {
    let env = ledger();
    // After the built ledger's last entry: `log verify` reports time
    // running backwards.
    let run = |args: &[&str], stdin: &str| {
        Run(env
            .cmd_at("2022-09-21T12:00:00+09:00")
            .args(args)
            .write_stdin(stdin.as_bytes().to_vec())
            .output()
            .expect("run acctsec"))
    };
    let silent = |args: &[&str], stdin: &str, code: i32| {
        let r = run(args, stdin).status(code);
        assert_eq!(
            (r.stdout().as_str(), r.stderr().as_str()),
            ("", ""),
            "{args:?}"
        );
    };
    env.write("subs.csv", "code,type,enabled,to\n1000137,login,on,pc\n");
    std::fs::copy(fixture("customers.csv"), env.path("customers.csv")).unwrap();
    silent(&["--quiet", "notify", "import", "subs.csv"], "", 0);
    silent(&["--quiet", "customer", "import", "customers.csv"], "", 0);
    silent(&["--quiet", "log", "verify"], "", 0);
    silent(
        &["--quiet", "password", "check", "--kind", "execution"],
        &format!("{EXEC_PW}\n"),
        0,
    );
    silent(
        &[
            "--quiet", "--yes", "unlock", "1000211", "--reason", "checked",
        ],
        "",
        0,
    );
    // Data is what was asked for: a listing, without the "showing 2 of 30".
    let r = run(&["--quiet", "customer", "list", "--limit", "2"], "").ok();
    assert!(r.stdout().contains("1000137"), "{}", r.stdout());
    assert_eq!(r.stderr(), "");
    // A script's result record stays in csv and json.
    let r = run(
        &[
            "--quiet", "--format", "json", "notify", "import", "subs.csv",
        ],
        "",
    )
    .ok();
    assert_eq!(r.json()["unchanged"], 1, "{}", r.stdout());
    let r = run(
        &[
            "--quiet", "--yes", "--format", "csv", "unlock", "1000174", "--reason", "checked",
        ],
        "",
    )
    .ok();
    assert_eq!(
        r.stdout(),
        "customer,result,reissued\n1000174,unlocked,no\n"
    );
    // A rejected password is the answer, not chatter; an error is an error.
    let r = run(
        &["--quiet", "password", "check", "--kind", "execution"],
        "1234\n",
    )
    .status(1);
    assert!(r.stdout().contains("rejected"), "{}", r.stdout());
    let r = run(&["--quiet", "customer", "show", "9999999"], "").status(4);
    assert!(r.stderr().contains("9999999"), "{}", r.stderr());
}
