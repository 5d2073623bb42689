//! Under a `ja` locale everything a person reads is Japanese (issue 27):
//! every table header, the codes in table cells (actions, finding kinds,
//! severities, states), and clap's usage errors, whose English frame used
//! to wrap a Japanese sentence. CSV and JSON keep the stable codes.

mod common;

use std::path::Path;

use common::{Env, rust_files};

/// Two lowercase ASCII letters in a row: an English word or a code.
fn has_english(s: &str) -> bool {
    s.as_bytes()
        .windows(2)
        .any(|w| w[0].is_ascii_lowercase() && (w[1].is_ascii_lowercase() || w[1] == b'_'))
}

/// The text from `open` to its matching `]`.
fn bracket(text: &str, open: usize) -> &str {
    let mut depth = 0;
    for (i, c) in text[open..].char_indices() {
        match c {
            '[' => depth += 1,
            ']' => {
                depth -= 1;
                if depth == 0 {
                    return &text[open..open + i];
                }
            }
            _ => {}
        }
    }
    &text[open..]
}

/// The string literals of `s` that look like column keys.
fn literals(s: &str) -> Vec<String> {
    s.split('"')
        .skip(1)
        .step_by(2)
        .filter(|l| {
            !l.is_empty()
                && l.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        })
        .map(str::to_string)
        .collect()
}

/// Every column key a listing or record in src/cli shows: the literals of
/// `Listing::new(&[...])`, and the first element of each pair in
/// `.record(&[...])` and of `fields.push(("key", ...))`.
fn column_keys() -> Vec<(String, String)> {
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src/cli"),
        &mut files,
    );
    let mut keys = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        let name = f.display().to_string();
        for (at, _) in text.match_indices("Listing::new(&[") {
            for k in literals(bracket(&text, at + "Listing::new(&".len())) {
                keys.push((k, name.clone()));
            }
        }
        for (at, _) in text.match_indices(".record(&[") {
            let inner = bracket(&text, at + ".record(&".len());
            for (p, _) in inner.match_indices("(\"") {
                if let Some(k) = literals(&inner[p + 1..]).first()
                    && inner[p + 2..].starts_with(k.as_str())
                {
                    keys.push((k.clone(), name.clone()));
                }
            }
        }
        for (at, _) in text.match_indices("fields.push((\"") {
            if let Some(k) = literals(&text[at + "fields.push((".len()..]).first() {
                keys.push((k.clone(), name.clone()));
            }
        }
    }
    keys
}

#[test]
fn every_column_a_table_shows_has_a_japanese_header() {
    let keys = column_keys();
    assert!(
        keys.iter().any(|(k, _)| k == "login_failures") && keys.len() > 100,
        "the scan missed the listings: {keys:?}"
    );
    let missing: Vec<String> = keys
        .iter()
        .filter(|(k, _)| acctsec::messages::header_ja(k).is_none())
        .map(|(k, f)| format!("{k} ({f})"))
        .collect();
    assert!(
        missing.is_empty(),
        "columns without a Japanese header: add them to messages::header_ja: {missing:?}"
    );
    for (k, _) in &keys {
        let ja = acctsec::messages::header_ja(k).unwrap();
        assert!(!has_english(ja), "{k}: {ja}");
    }
}

#[test]
fn finding_kinds_and_actions_have_japanese_names() {
    for kind in acctsec::audit::FindingKind::ALL {
        assert!(
            acctsec::messages::finding_kind_ja(kind.as_str()).is_some(),
            "{kind:?}"
        );
    }
    for sev in acctsec::audit::Severity::ALL {
        assert!(acctsec::messages::severity_ja(sev.as_str()).is_some());
    }
    // Every action the code writes to the trail (`action: "x.y"`).
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    let mut actions = std::collections::BTreeSet::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        for (at, _) in text.match_indices("action: \"") {
            let rest = &text[at + "action: \"".len()..];
            let a = &rest[..rest.find('"').unwrap()];
            if a.contains('.') && !a.starts_with("test.") {
                actions.insert(a.to_string());
            }
        }
    }
    assert!(
        actions.len() > 30,
        "the scan missed the actions: {actions:?}"
    );
    let missing: Vec<&String> = actions
        .iter()
        .filter(|a| acctsec::messages::action_ja(a).is_none())
        .collect();
    assert!(
        missing.is_empty(),
        "actions without a Japanese name: add them to messages::action_ja: {missing:?}"
    );
}

/// `--format table` under `LANG=ja_JP.UTF-8`, wide enough to show every column.
fn ja(env: &Env, args: &[&str]) -> common::Run {
    common::Run(
        env.cmd()
            .env("LANG", "ja_JP.UTF-8")
            .env("COLUMNS", "400")
            .args(args)
            .output()
            .unwrap(),
    )
}

/// The header row of a table (the first line with a cell border).
fn header_row(table: &str) -> String {
    table
        .lines()
        .find(|l| l.contains('│'))
        .unwrap_or_else(|| panic!("no table in {table}"))
        .to_string()
}

#[test]
fn tables_read_in_japanese_and_csv_keeps_the_codes() {
    let env = Env::with_customers();
    env.run(&["lock", "add", "1000100", "--reason", "test"])
        .ok();
    env.run(&["notify", "emit", "trade_executed", "1000137"])
        .ok();
    env.run(&["audit"]).ok();
    for args in [
        &["customer", "list"][..],
        &["lock", "list"],
        &["notify", "outbox"],
        &["notify", "types"],
        &["notify", "show", "1000137"],
        &["audit"],
        &["audit", "history"],
        &["request", "list"],
        &["log"],
        &["policy", "show"],
    ] {
        let out = ja(&env, args).ok().stdout();
        let head = header_row(&out);
        assert!(!has_english(&head), "{args:?}: {head}");
    }
    // Codes in cells: the trail's actions, finding kinds and severities.
    let log = ja(&env, &["log"]).ok().stdout();
    assert!(log.contains("ロック") && !log.contains("lock.add"), "{log}");
    let audit = ja(&env, &["audit"]).ok().stdout();
    assert!(audit.contains("執行パスワード未発行"), "{audit}");
    assert!(!audit.contains("no_execution_password"), "{audit}");
    let history = ja(&env, &["audit", "history"]).ok().stdout();
    assert!(
        !history.contains("critical") && !history.contains('{'),
        "{history}"
    );
    // CSV and JSON keep the codes, in every locale.
    let csv = ja(&env, &["--format", "csv", "log"]).ok().stdout();
    assert!(csv.starts_with("seq,") && csv.contains("lock.add"), "{csv}");
    let csv = ja(&env, &["--format", "csv", "audit"]).ok().stdout();
    assert!(csv.contains("no_execution_password"), "{csv}");
}

#[test]
fn usage_errors_are_in_one_language() {
    let env = Env::new();
    for (args, want) in [
        (&["audit", "--guess", "--budget", "0s"][..], "--budget"),
        (&["lock", "lst"], "lst というサブコマンドはありません"),
        (&["--formt", "json", "lock", "list"], "--formt"),
        (&["notify", "outbox", "--status", "pend"], "指定できる値"),
        (&["rollout"], "サブコマンドを指定してください"),
    ] {
        let r = ja(&env, args);
        assert_eq!(r.code(), 2, "{args:?}");
        let err = r.stderr();
        assert!(err.contains(want), "{args:?}: {err}");
        assert!(err.starts_with("acctsec: エラー: "), "{args:?}: {err}");
        // Nothing of clap's English frame.
        for english in [
            "error:",
            "invalid value",
            "Usage:",
            "For more information",
            "tip:",
        ] {
            assert!(!err.contains(english), "{args:?}: {err}");
        }
    }
    // In English, clap's own message as before.
    let r = env.run(&["lock", "lst"]);
    assert_eq!(r.code(), 2);
    assert!(
        r.stderr().contains("unrecognized subcommand 'lst'"),
        "{}",
        r.stderr()
    );
    // With --format json, the Japanese message in the JSON error.
    let r = ja(&env, &["--format", "json", "lock", "lst"]);
    let err: serde_json::Value = serde_json::from_str(r.stderr().trim()).unwrap();
    assert_eq!(err["error"]["exit"], 2);
    assert!(
        err["error"]["message"]
            .as_str()
            .unwrap()
            .contains("サブコマンドはありません"),
        "{err}"
    );
}
