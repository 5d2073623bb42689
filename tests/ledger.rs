//! The foundation: init, the ledger file, exit codes, the audit trail.

mod common;

use common::{Env, file_mode};

#[test]
fn init_creates_a_private_ledger_once() {
    sqlite_only!();
    let env = Env::new();
    env.run(&["init"]).ok().stderr_has("created ledger");
    assert_eq!(file_mode(&env.db()), 0o600);
    let before = std::fs::read(env.db()).unwrap();
    env.run(&["init"])
        .ok()
        .stderr_has("exists already; nothing was changed");
    assert_eq!(
        std::fs::read(env.db()).unwrap(),
        before,
        "second init changed the file"
    );
    // No temporary file is left beside it.
    let names: Vec<_> = std::fs::read_dir(env.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(names.is_empty(), "left over: {names:?}");
}

#[test]
fn init_creates_missing_directories_and_quiet_is_quiet() {
    let env = Env::new();
    let db = env.path("a/b/ledger.db");
    let r = env
        .cmd()
        .args(["--quiet", "init", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    assert_eq!(r.status.code(), Some(0));
    assert!(r.stdout.is_empty() && r.stderr.is_empty());
    assert_eq!(file_mode(&db), 0o600);
    assert_eq!(file_mode(&env.path("a/b")), 0o700);
}

#[test]
fn default_ledger_lives_under_xdg_data_home() {
    let env = Env::new();
    let r = env
        .cmd()
        .env_remove("ACCTSEC_DB")
        .env("XDG_DATA_HOME", env.path("xdg"))
        .arg("init")
        .output()
        .unwrap();
    assert_eq!(r.status.code(), Some(0));
    assert!(env.path("xdg/acctsec/ledger.db").exists());
}

#[test]
fn missing_ledger_is_exit_78_with_the_fix() {
    let env = Env::new();
    let db = env.db().display().to_string();
    env.run(&["log", "head"])
        .status(78)
        .stderr_has(&format!("acctsec init --db {db}"));
    assert!(!env.db().exists(), "a read command created the ledger");
}

#[test]
fn unknown_preset_is_a_usage_error() {
    let env = Env::new();
    env.run(&["init", "--preset", "nope"])
        .status(2)
        .stderr_has("securities, fx-cfd, commodity");
    assert!(!env.db().exists());
}

#[test]
fn bad_flags_are_exit_2() {
    let env = Env::with_ledger();
    env.run(&["log", "--frobnicate"]).status(2);
    env.run(&["--format", "xml", "log"]).status(2);
}

#[test]
fn a_file_that_is_not_a_ledger_is_refused_and_untouched() {
    let env = Env::new();
    let mut junk = Vec::new();
    for i in 0..10_000u32 {
        junk.extend_from_slice(&i.wrapping_mul(2_654_435_761).to_le_bytes());
    }
    for (name, bytes) in [
        ("random.db", junk.clone()),
        ("empty.db", Vec::new()),
        ("text.db", b"code,name\n1,x\n".to_vec()),
    ] {
        let p = env.write(name, &bytes);
        for args in [vec!["log"], vec!["init"], vec!["log", "verify"]] {
            let r = env.cmd().arg("--db").arg(&p).args(&args).output().unwrap();
            assert_eq!(r.status.code(), Some(78), "{name} {args:?}: {r:?}");
            assert!(String::from_utf8_lossy(&r.stderr).contains("not an acctsec ledger"));
        }
        assert_eq!(std::fs::read(&p).unwrap(), bytes, "{name} was modified");
    }
    // Another application's SQLite database is not ours either.
    let other = env.path("other.db");
    rusqlite::Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .unwrap();
    let before = std::fs::read(&other).unwrap();
    let r = env
        .cmd()
        .arg("--db")
        .arg(&other)
        .arg("log")
        .output()
        .unwrap();
    assert_eq!(r.status.code(), Some(78));
    assert_eq!(std::fs::read(&other).unwrap(), before);
}

#[test]
fn a_ledger_from_a_newer_acctsec_is_refused() {
    sqlite_only!();
    let env = Env::with_ledger();
    env.sql().pragma_update(None, "user_version", 999).unwrap();
    let before = std::fs::read(env.db()).unwrap();
    env.run(&["log"])
        .status(78)
        .stderr_has("newer acctsec (schema 999");
    assert_eq!(std::fs::read(env.db()).unwrap(), before);
}

#[test]
fn a_corrupt_ledger_is_an_io_error() {
    sqlite_only!();
    let env = Env::with_ledger();
    let mut bytes = std::fs::read(env.db()).unwrap();
    // Keep the header, wreck every page after the first.
    for b in bytes.iter_mut().skip(4096) {
        *b = 0xA5;
    }
    std::fs::write(env.db(), &bytes).unwrap();
    let r = env.run(&["log"]);
    assert!(matches!(r.code(), 74 | 78), "{}", r.stderr());
}

#[test]
fn the_trail_lists_in_every_format() {
    let env = Env::with_ledger();
    let table = env.run(&["log"]).ok().stdout();
    assert!(table.contains("ledger.init") && table.contains("tester"));
    let csv = env.run(&["--format", "csv", "log"]).ok().stdout();
    assert!(
        csv.starts_with("seq,at,identity,operator,action,customer,reason,details\n"),
        "{csv}"
    );
    let json = env.run(&["--format", "json", "log"]).ok().json();
    let entries = json.as_array().unwrap();
    assert_eq!(entries.last().unwrap()["action"], "ledger.init");
    assert_eq!(entries.last().unwrap()["details"]["preset"], "securities");
    assert!(entries[0]["at"].as_str().unwrap().ends_with("+09:00"));
    // Filters
    let only = env
        .run(&["--format", "json", "log", "--action", "ledger.init"])
        .ok()
        .json();
    assert_eq!(only.as_array().unwrap().len(), 1);
    let fam = env
        .run(&["--format", "json", "log", "--action", "ledger"])
        .ok()
        .json();
    assert_eq!(fam.as_array().unwrap().len(), entries.len());
    let none = env
        .run(&["--format", "json", "log", "--since", "2999-01-01"])
        .ok()
        .json();
    assert_eq!(none.as_array().unwrap().len(), 0);
    env.run(&["log", "--since", "yesterday"]).status(2);
    let last = env
        .run(&["--format", "json", "log", "--limit", "1"])
        .ok()
        .json();
    assert_eq!(last.as_array().unwrap().len(), 1);
}

#[test]
fn broken_pipe_is_not_an_error() {
    let env = Env::with_ledger();
    let mut child = env
        .std_cmd()
        .args(["completions", "bash"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Close our end of stdout at once.
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn messages_follow_lang() {
    let env = Env::new();
    let r = env
        .cmd()
        .env("LANG", "ja_JP.UTF-8")
        .args(["log"])
        .output()
        .unwrap();
    assert_eq!(r.status.code(), Some(78));
    assert!(String::from_utf8_lossy(&r.stderr).contains("台帳がありません"));
}

#[test]
fn operator_is_recorded_and_validated() {
    let env = Env::new();
    env.cmd()
        .env("ACCTSEC_OPERATOR", "suzuki")
        .arg("init")
        .assert()
        .success();
    let j = env.run(&["--format", "json", "log"]).ok().json();
    assert!(
        j.as_array()
            .unwrap()
            .iter()
            .all(|e| e["operator"] == "suzuki")
    );
    env.run(&["--operator", "bad\u{1b}[2Jname", "log"])
        .status(2);
    // Without --operator or the variable, the OS login name is used.
    let r = env
        .cmd()
        .env_remove("ACCTSEC_OPERATOR")
        .args(["log"])
        .output()
        .unwrap();
    assert_eq!(r.status.code(), Some(0));
}

#[test]
fn io_errors_are_74_and_json_errors_are_json() {
    let env = Env::with_ledger();
    env.run(&["customer", "import", "no-such-file.csv"])
        .status(74)
        .stderr_has("no-such-file.csv");
    let r = env
        .run(&["--format", "json", "customer", "show", "NOPE"])
        .status(4);
    let j: serde_json::Value = serde_json::from_str(r.stderr().trim()).expect("a JSON error");
    assert_eq!(j["error"]["exit"], 4);
    assert!(j["error"]["message"].as_str().unwrap().contains("NOPE"));
    assert!(r.stdout().is_empty());
}

#[test]
fn ledger_copy_makes_an_identical_ledger_elsewhere_once() {
    // On PostgreSQL this is the copy down to a SQLite archive.
    let env = Env::with_customers();
    env.run(&["lock", "add", "1000100", "--reason", "before the move"])
        .ok();
    let before = env.run(&["log", "head"]).ok().stdout();
    let dest = env.path("archive/copy.db");
    std::fs::create_dir(env.path("archive")).unwrap();
    env.run(&["ledger", "copy", "--to", &dest.display().to_string()])
        .ok()
        .stderr_has("copied ledger");
    // The copy is in the source's trail (who copied, to where), and the
    // copy holds that entry too: one entry on from before.
    let head = env.run(&["log", "head"]).ok().stdout();
    let seq = |h: &str| h.split(':').next().unwrap().parse::<u64>().unwrap();
    assert_eq!(seq(&head), seq(&before) + 1, "{before} {head}");
    let copied = env.sql_col(
        "SELECT details FROM audit_log WHERE action = 'ledger.copy'",
        &[],
    );
    assert_eq!(copied.len(), 1);
    assert!(copied[0].contains("copy.db"), "{copied:?}");
    let on_copy = |args: &[&str]| {
        let mut a = vec!["--db", dest.to_str().unwrap()];
        a.extend_from_slice(args);
        env.run(&a).ok().stdout()
    };
    assert_eq!(on_copy(&["log", "head"]), head);
    on_copy(&["log", "verify"]);
    // Another ledger, with an identity of its own.
    let id_sql = "SELECT value FROM meta WHERE key = 'ledger.id'";
    let source_id = env.sql_text(id_sql, &[]);
    let copy_id: String = rusqlite::Connection::open(&dest)
        .unwrap()
        .query_row(id_sql, [], |r| r.get(0))
        .unwrap();
    assert_eq!(copy_id.len(), 32, "{copy_id}");
    assert_ne!(copy_id, source_id);
    assert_eq!(
        on_copy(&["--format", "json", "customer", "list"]),
        env.run(&["--format", "json", "customer", "list"])
            .ok()
            .stdout()
    );
    assert_eq!(file_mode(&dest), 0o600);
    // The source is unchanged since, and the copy goes on like the original.
    assert_eq!(env.run(&["log", "head"]).ok().stdout(), head);
    on_copy(&["--yes", "unlock", "1000100", "--reason", "moved"]);
    // A second copy to the same place is refused, and leaves no entry.
    env.run(&["ledger", "copy", "--to", &dest.display().to_string()])
        .status(73);
    assert_eq!(env.run(&["log", "head"]).ok().stdout(), head);
}
