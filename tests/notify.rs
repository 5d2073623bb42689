//! Email notices (issue 7): the catalog and its defaults, subscriptions and
//! their audit, bulk import, front-end events, and the outbox the mail
//! gateway drains.

mod common;

use std::collections::BTreeMap;

use common::{Env, export_outbox as export, file_mode};
use serde_json::{Value, json};

/// The ledger's bytes, and its WAL's if one was left behind.
fn snapshot(env: &Env) -> (Vec<u8>, Option<Vec<u8>>) {
    if common::on_pg() {
        // On PostgreSQL: every row of every table.
        return (env.contents(), None);
    }
    let wal = env.path("ledger.db-wal");
    (
        std::fs::read(env.db()).unwrap(),
        std::fs::read(wal).ok().filter(|w| !w.is_empty()),
    )
}

/// The seeds' defaults (PRODUCT.md N1-N11).
const DEFAULTS: [(&str, &str, bool); 11] = [
    ("login", "N1", false),
    ("login_new_env", "N2", true),
    ("withdrawal_request", "N3", false),
    ("withdrawal_complete", "N4", false),
    ("withdrawal_auth_code", "N5", false),
    ("view_auth_code", "N6", false),
    ("email_changed", "N7", true),
    ("bank_account_changed", "N8", true),
    ("trade_executed", "N9", true),
    ("fund_executed", "N10", true),
    ("account_info_changed", "N11", true),
];

/// type -> (enabled, to) from `notify show CODE --format json`.
fn subscriptions(env: &Env, code: &str) -> BTreeMap<String, (bool, String)> {
    env.run(&["--format", "json", "notify", "show", code])
        .ok()
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["type"].as_str().unwrap().to_string(),
                (
                    s["enabled"].as_bool().unwrap(),
                    s["to"].as_str().unwrap().to_string(),
                ),
            )
        })
        .collect()
}

fn log(env: &Env, action: &str) -> Vec<Value> {
    env.run(&["--format", "json", "log", "--action", action])
        .ok()
        .json()
        .as_array()
        .unwrap()
        .clone()
}

fn outbox(env: &Env, args: &[&str]) -> Vec<Value> {
    let mut a = vec!["--format", "json", "notify", "outbox"];
    a.extend_from_slice(args);
    env.run(&a).ok().json().as_array().unwrap().clone()
}

fn emit(env: &Env, args: &[&str]) -> Value {
    let mut a = vec!["--format", "json", "notify", "emit"];
    a.extend_from_slice(args);
    env.run(&a).ok().json()
}

fn import(env: &Env, name: &str, csv: &str) -> common::Run {
    let f = env.write(name, csv);
    env.run(&[
        "--format",
        "json",
        "notify",
        "import",
        &f.display().to_string(),
    ])
}

/// `notify import FILE` with the problems in words (a table's stderr; with
/// `--format json` they are a list, see tests/output.rs).
fn import_text(env: &Env, name: &str, csv: &str) -> common::Run {
    let f = env.write(name, csv);
    env.run(&["notify", "import", &f.display().to_string()])
}

#[test]
fn types_lists_the_catalog_with_japanese_names_and_the_seed_defaults() {
    let env = Env::with_ledger();
    let j = env
        .run(&["--format", "json", "notify", "types"])
        .ok()
        .json();
    let rows = j.as_array().unwrap();
    for (name, req, on) in DEFAULTS {
        let t = rows
            .iter()
            .find(|r| r["type"] == name)
            .unwrap_or_else(|| panic!("{name} missing"));
        assert_eq!(t["requirement"], req, "{name}");
        assert_eq!(t["default"], if on { "on" } else { "off" }, "{name}");
        assert_eq!(t["to"], "pc", "{name} (N12: PC by default)");
        let ja = t["name_ja"].as_str().unwrap();
        assert!(
            ja.chars().any(|c| ('\u{3040}'..='\u{9fff}').contains(&c)),
            "{name}: {ja}"
        );
        let mandatory = matches!(name, "email_changed" | "bank_account_changed");
        assert_eq!(t["optional"], !mandatory, "{name}");
    }
    let names: Vec<&str> = rows.iter().map(|r| r["type"].as_str().unwrap()).collect();
    assert_eq!(&names[..11], DEFAULTS.map(|d| d.0), "CLI.md order first");
    let by = |n: &str| rows.iter().find(|r| r["type"] == n).unwrap()["name_ja"].clone();
    assert_eq!(by("login"), "ログイン通知");
    assert_eq!(by("email_changed"), "メールアドレス変更通知");
    assert_eq!(by("trade_executed"), "約定通知メール");
    // Every format lists them.
    let table = env.run(&["notify", "types"]).ok().stdout();
    let csv = env
        .run(&["--format", "csv", "notify", "types"])
        .ok()
        .stdout();
    for (name, _, _) in DEFAULTS {
        assert!(table.contains(name) && csv.contains(name), "{name}");
    }
    assert!(table.contains("異なる環境からのログイン通知"));
}

#[test]
fn defaults_after_import_match_the_catalog() {
    let env = Env::with_customers();
    let types = env
        .run(&["--format", "json", "notify", "types"])
        .ok()
        .json();
    let j = env
        .run(&["--format", "json", "notify", "show", "1000100"])
        .ok()
        .json();
    let subs = j.as_array().unwrap();
    assert_eq!(subs.len(), 11);
    for (name, _, on) in DEFAULTS {
        let s = subs.iter().find(|s| s["type"] == name).unwrap();
        let t = types
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["type"] == name)
            .unwrap();
        assert_eq!(s["enabled"], on, "{name}");
        assert_eq!(s["enabled"], t["default"] == "on", "{name}");
        assert_eq!(s["to"], "pc", "{name}");
        assert_eq!(s["default"], true, "{name}");
        // Addresses are masked.
        assert_eq!(s["addresses"], json!(["ta*******@ex*****.jp"]), "{name}");
    }
    // `customer show` agrees.
    let c = env
        .run(&["--format", "json", "customer", "show", "1000100"])
        .ok()
        .json();
    for s in c["subscriptions"].as_array().unwrap() {
        let name = s["type"].as_str().unwrap();
        let on = DEFAULTS.iter().find(|d| d.0 == name).unwrap().2;
        assert_eq!(s["enabled"], on, "{name}");
    }
    // --unmask shows the full address and is audited.
    let j = env
        .run(&["--format", "json", "notify", "show", "1000100", "--unmask"])
        .ok()
        .json();
    assert_eq!(j[0]["addresses"], json!(["taro.sato@example.jp"]));
    assert_eq!(log(&env, "customer.pii_view").len(), 1);
    env.run(&["notify", "show", "9999999"]).status(4);
}

#[test]
fn mandatory_notices_cannot_be_turned_off() {
    let env = Env::with_customers();
    let before = snapshot(&env);
    for t in ["email_changed", "bank_account_changed"] {
        let r = env
            .run(&["notify", "set", "1000100", t, "off", "--reason", "asked"])
            .status(1);
        assert!(r.stderr().contains("mandatory"), "{}", r.stderr());
        assert!(
            r.stderr().contains("cannot be turned off"),
            "{}",
            r.stderr()
        );
    }
    assert_eq!(snapshot(&env), before);
    assert!(subscriptions(&env, "1000100")["email_changed"].0);
    // Their destination may change.
    env.run(&[
        "notify",
        "set",
        "1000100",
        "email_changed",
        "on",
        "--to",
        "both",
    ])
    .ok();
    assert_eq!(
        subscriptions(&env, "1000100")["email_changed"],
        (true, "both".to_string())
    );
    // Unknown types and states are usage errors.
    env.run(&["notify", "set", "1000100", "newsletter", "on"])
        .status(2)
        .stderr_has("login_new_env");
    env.run(&["notify", "set", "1000100", "login", "maybe"])
        .status(2);
    env.run(&["notify", "set", "9999999", "login", "on"])
        .status(4);
}

#[test]
fn a_destination_without_an_address_is_refused() {
    let env = Env::with_customers();
    let before = snapshot(&env);
    // 1000137 has a PC address only.
    for (state, to) in [("on", "mobile"), ("on", "both")] {
        let r = env
            .run(&[
                "notify",
                "set",
                "1000137",
                "trade_executed",
                state,
                "--to",
                to,
            ])
            .status(1);
        assert!(r.stderr().contains("no registered"), "{}", r.stderr());
        assert!(
            r.stderr().contains("set-email 1000137 --"),
            "{}",
            r.stderr()
        );
    }
    assert_eq!(snapshot(&env), before);
    // 1000100 has both.
    env.run(&[
        "notify",
        "set",
        "1000100",
        "trade_executed",
        "on",
        "--to",
        "mobile",
    ])
    .ok();
    let j = env
        .run(&["--format", "json", "notify", "show", "1000100"])
        .ok()
        .json();
    let t = j
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["type"] == "trade_executed")
        .unwrap()
        .clone();
    assert_eq!(t["to"], "mobile");
    assert_eq!(t["addresses"], json!(["sa******@do****.example.ne.jp"]));
    assert_eq!(t["default"], false);
    // And the notice goes there.
    emit(&env, &["trade_executed", "1000100"]);
    let n = export(&env, "o.jsonl");
    assert_eq!(n.len(), 1);
    assert_eq!(n[0]["to"], "sattar93@docomo.example.ne.jp");
}

#[test]
fn every_change_is_audited_with_old_new_and_reason_and_security_changes_say_so() {
    let env = Env::with_customers();
    let r = env
        .run(&[
            "--operator",
            "suzuki",
            "notify",
            "set",
            "1000100",
            "withdrawal_auth_code",
            "on",
            "--reason",
            "customer request by phone",
        ])
        .ok();
    assert!(r.stderr().contains("security setting"), "{}", r.stderr());
    assert!(r.stderr().contains("auth code"), "{}", r.stderr());
    let r = env
        .run(&[
            "notify",
            "set",
            "1000100",
            "trade_executed",
            "off",
            "--to",
            "mobile",
            "--reason",
            "too many mails",
        ])
        .ok();
    assert!(!r.stderr().contains("security setting"), "{}", r.stderr());
    let sets = log(&env, "notify.set");
    assert_eq!(sets.len(), 2);
    let by = |t: &str| sets.iter().find(|e| e["details"]["type"] == t).unwrap();
    let (trade, auth) = (by("trade_executed"), by("withdrawal_auth_code"));
    assert_eq!(auth["operator"], "suzuki");
    assert_eq!(auth["customer"], "1000100");
    assert_eq!(auth["reason"], "customer request by phone");
    assert_eq!(auth["details"]["type"], "withdrawal_auth_code");
    assert_eq!(
        auth["details"]["old"],
        json!({"enabled": false, "to": "pc"})
    );
    assert_eq!(auth["details"]["new"], json!({"enabled": true, "to": "pc"}));
    assert_eq!(auth["details"]["security_setting"], true);
    assert_eq!(trade["reason"], "too many mails");
    assert_eq!(
        trade["details"]["old"],
        json!({"enabled": true, "to": "pc"})
    );
    assert_eq!(
        trade["details"]["new"],
        json!({"enabled": false, "to": "mobile"})
    );
    // Setting what is already set writes nothing.
    let before = snapshot(&env);
    env.run(&["notify", "set", "1000100", "withdrawal_auth_code", "on"])
        .ok()
        .stderr_has("nothing changed");
    assert_eq!(snapshot(&env), before);
    // Turning a default-on notice "on" explicitly records the choice once.
    env.run(&["notify", "set", "1000100", "fund_executed", "on"])
        .ok();
    assert_eq!(log(&env, "notify.set").len(), 3);
    env.run(&["log", "verify"]).ok();
}

#[test]
fn import_applies_every_row_in_one_go() {
    let env = Env::with_customers();
    let r = import(
        &env,
        "subs.csv",
        "code,type,enabled,to\n\
         1000100,login,on,mobile\n\
         1000100,trade_executed,off,\n\
         1000137,withdrawal_request,on,pc\n\
         1000137,login_new_env,off,\n\
         1000174,email_changed,on,\n",
    )
    .ok();
    let j = r.json();
    assert_eq!(j["changed"], 5, "{j}");
    assert_eq!(j["unchanged"], 0, "{j}");
    let a = subscriptions(&env, "1000100");
    assert_eq!(a["login"], (true, "mobile".into()));
    assert_eq!(a["trade_executed"], (false, "pc".into()));
    let b = subscriptions(&env, "1000137");
    assert_eq!(b["withdrawal_request"], (true, "pc".into()));
    assert_eq!(b["login_new_env"], (false, "pc".into()));
    assert_eq!(log(&env, "notify.set").len(), 5);
    let summary = log(&env, "notify.import");
    assert_eq!(summary.len(), 1);
    assert_eq!(summary[0]["details"]["changed"], 5);
    // The same file again: all unchanged, no new trail entries; the table
    // form says so.
    let head = env.run(&["log", "head"]).ok().stdout();
    let f = env.path("subs.csv").display().to_string();
    let out = env.run(&["notify", "import", &f]).ok().stdout();
    assert!(
        out.contains("0 subscription(s) changed, 5 unchanged"),
        "{out}"
    );
    assert_eq!(env.run(&["log", "head"]).ok().stdout(), head);
    // Column order is free; `to` may be left out; CRLF and a BOM are fine.
    let j = import(
        &env,
        "crlf.csv",
        "\u{feff}enabled,code,type\r\nyes,1000174,login\r\n0,1000174,fund_executed\r\n",
    )
    .ok()
    .json();
    assert_eq!(j["changed"], 2);
    assert_eq!(
        subscriptions(&env, "1000174")["fund_executed"],
        (false, "pc".into())
    );
}

#[test]
fn one_bad_row_in_an_import_changes_nothing_and_is_named() {
    let env = Env::with_customers();
    let good = "1000100,login,on,\n1000137,trade_executed,off,\n";
    let cases: &[(&str, &str, &str)] = &[
        (
            "1000100,newsletter,on,\n",
            "column type",
            "unknown notice type",
        ),
        (
            "1000100,login,maybe,\n",
            "column enabled",
            "must be on or off",
        ),
        (
            "1000100,login,on,fax\n",
            "column to",
            "must be pc, mobile or both",
        ),
        (
            "9999999,login,on,\n",
            "column code",
            "no customer with code 9999999",
        ),
        (",login,on,\n", "column code", "code"),
        ("1000100,email_changed,off,\n", "", "mandatory"),
        (
            "1000137,login,on,mobile\n",
            "",
            "no registered mobile address",
        ),
        ("1000100,login,on\n", "", "3 fields where the header has 4"),
    ];
    for (i, (bad, column, reason)) in cases.iter().enumerate() {
        let before = snapshot(&env);
        let name = format!("bad{i}.csv");
        // The bad row is on line 4, after two good ones.
        let r = import_text(&env, &name, &format!("code,type,enabled,to\n{good}{bad}")).status(65);
        let err = r.stderr();
        let want = if column.is_empty() {
            format!("{name}:4: ")
        } else {
            format!("{name}:4: {column}: ")
        };
        assert!(err.contains(&want), "{bad:?}: want {want:?}:\n{err}");
        assert!(err.contains(reason), "{bad:?}: want {reason:?}:\n{err}");
        assert!(err.contains("nothing was written"), "{err}");
        assert!(!err.contains(":2:") && !err.contains(":3:"), "{err}");
        assert!(r.stdout().is_empty(), "{}", r.stdout());
        assert_eq!(snapshot(&env), before, "{bad:?} changed the ledger");
        // CRLF (as Excel writes it) names the same line.
        let crlf = format!("code,type,enabled,to\n{good}{bad}").replace('\n', "\r\n");
        let r = import_text(&env, &format!("crlf{i}.csv"), &crlf).status(65);
        let want = want.replace(&name, &format!("crlf{i}.csv"));
        assert!(
            r.stderr().contains(&want),
            "CRLF {bad:?}: want {want:?}:\n{}",
            r.stderr()
        );
        assert_eq!(snapshot(&env), before);
    }
    // Header problems.
    let before = snapshot(&env);
    import_text(
        &env,
        "h1.csv",
        "code,type,enabled,to,extra\n1000100,login,on,,x\n",
    )
    .status(65)
    .stderr_has("h1.csv:1:");
    import_text(&env, "h2.csv", "code,type\n1000100,login\n")
        .status(65)
        .stderr_has("enabled");
    assert_eq!(snapshot(&env), before);
    assert!(!subscriptions(&env, "1000100")["login"].0);
    env.run(&["notify", "import", "missing.csv"]).status(74);
}

#[test]
fn login_new_env_queues_on_a_new_environment_only() {
    let env = Env::with_customers();
    let ua = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0";
    let pc = ["--ip", "203.0.113.5", "--device", "PC", "--user-agent", ua];
    let args = |extra: &[&'static str]| {
        let mut a = vec!["login_new_env", "1000100"];
        a.extend_from_slice(extra);
        a
    };
    // Nothing is known at first: the first login is reported (there is no
    // first-login exception: after every environment was forgotten, the
    // next login must be told).
    let j = emit(&env, &args(&pc));
    assert_eq!(
        (j["queued"].clone(), j["why"].clone()),
        (json!(true), json!("new_environment"))
    );
    // The same environment again: nothing, however often.
    for _ in 0..2 {
        let j = emit(&env, &args(&pc));
        assert_eq!(j["queued"], false);
        assert_eq!(j["why"], "known_environment");
    }
    assert_eq!(outbox(&env, &[]).len(), 1);
    // Another network: a notice, to the subscribed address, naming the IP.
    let phone = ["--ip", "198.51.100.7", "--device", "PC", "--user-agent", ua];
    let j = emit(&env, &args(&phone));
    assert_eq!(j["queued"], true);
    assert_eq!(j["why"], "new_environment");
    assert_eq!(j["ids"].as_array().unwrap().len(), 1);
    // ... and not again from there, nor back at the first one (both known).
    assert_eq!(emit(&env, &args(&phone))["queued"], false);
    assert_eq!(emit(&env, &args(&pc))["queued"], false);
    let n = export(&env, "o.jsonl");
    assert_eq!(n.len(), 2);
    assert!(n.iter().all(|n| n["type"] == "login_new_env"
        && n["customer"] == "1000100"
        && n["to"] == "taro.sato@example.jp"));
    let body = n[1]["body"].as_str().unwrap();
    assert!(body.contains("198.51.100.7"), "{body}");
    assert!(body.starts_with("佐藤 太郎 様"), "{body}");
    // Not subscribed: no notice, but the environment still becomes known.
    env.run(&["notify", "set", "1000137", "login_new_env", "off"])
        .ok();
    let j = emit(&env, &["login_new_env", "1000137", "--ip", "10.0.0.1"]);
    assert_eq!(
        (j["queued"].clone(), j["why"].clone()),
        (json!(false), json!("not_subscribed"))
    );
    env.run(&["notify", "set", "1000137", "login_new_env", "on"])
        .ok();
    assert_eq!(
        emit(&env, &["login_new_env", "1000137", "--ip", "10.0.0.2"])["why"],
        "known_environment"
    );
    // Each event is in the trail.
    assert_eq!(log(&env, "notify.emit").len(), 8);
    env.run(&[
        "notify",
        "emit",
        "login_new_env",
        "9999999",
        "--ip",
        "10.0.0.1",
    ])
    .status(4);
    // Without a device token or an address nothing places the login: a
    // usage error.
    let before = snapshot(&env);
    env.run(&["notify", "emit", "login_new_env", "1000100"])
        .status(2)
        .stderr_has("--ip");
    env.run(&[
        "notify",
        "emit",
        "login_new_env",
        "1000100",
        "--user-agent",
        ua,
    ])
    .status(2)
    .stderr_has("--device-id");
    assert_eq!(snapshot(&env), before);
    env.run(&["notify", "emit", "logout", "1000100"]).status(2);
}

#[test]
fn login_notice_only_when_subscribed() {
    let env = Env::with_customers();
    // (A reported login also queues login_new_env from a new environment,
    // on by default: tests/environments.rs; off here, to count N1 alone.)
    env.run(&["notify", "set", "1000100", "login_new_env", "off"])
        .ok();
    let j = emit(&env, &["login", "1000100", "--ip", "203.0.113.5"]);
    assert_eq!(j["queued"], false);
    assert_eq!(j["why"], "not_subscribed");
    assert!(outbox(&env, &[]).is_empty());
    env.run(&["notify", "set", "1000100", "login", "on", "--to", "both"])
        .ok();
    let j = emit(&env, &["login", "1000100", "--ip", "203.0.113.5"]);
    assert_eq!(j["queued"], true);
    assert_eq!(j["ids"].as_array().unwrap().len(), 2, "both addresses");
    // Every login, even from the same place.
    let j = emit(&env, &["login", "1000100", "--ip", "203.0.113.5"]);
    assert_eq!(j["queued"], true);
    let n = export(&env, "o.jsonl");
    let mut to: Vec<&str> = n.iter().map(|n| n["to"].as_str().unwrap()).collect();
    to.sort();
    assert_eq!(
        to,
        [
            "sattar93@docomo.example.ne.jp",
            "sattar93@docomo.example.ne.jp",
            "taro.sato@example.jp",
            "taro.sato@example.jp"
        ]
    );
    assert!(
        n.iter()
            .all(|n| n["subject"].as_str().unwrap().contains("ログイン通知"))
    );
    // Withdrawals carry the amount, in yen.
    env.run(&["notify", "set", "1000100", "withdrawal_request", "on"])
        .ok();
    emit(
        &env,
        &["withdrawal_request", "1000100", "--amount", "1234567"],
    );
    let n = export(&env, "o2.jsonl");
    let w = n
        .iter()
        .find(|n| n["type"] == "withdrawal_request")
        .unwrap();
    assert!(w["body"].as_str().unwrap().contains("1,234,567円"));
}

#[test]
fn no_notice_ever_contains_a_password() {
    let env = Env::with_customers();
    let out = env.path("initial.csv");
    env.issue_all(&out).ok();
    let mut passwords: Vec<String> = std::fs::read_to_string(&out)
        .unwrap()
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(1).unwrap().to_string())
        .collect();
    assert_eq!(passwords.len(), 30);
    // A lock, and an unlock with a fresh password.
    env.run(&["lock", "add", "1000100", "--reason", "lost phone"])
        .ok();
    let re = env.path("reissue.csv");
    env.run(&[
        "--yes",
        "unlock",
        "1000100",
        "--reason",
        "identity checked",
        "--reissue",
        "--out",
        &re.display().to_string(),
    ])
    .ok();
    passwords.extend(
        std::fs::read_to_string(&re)
            .unwrap()
            .lines()
            .skip(1)
            .map(|l| l.split(',').nth(1).unwrap().to_string()),
    );
    assert_eq!(passwords.len(), 31);
    // The customer sets a password of their own; more events.
    let own = "Kq7Zt8Wm";
    env.run_stdin(
        &["password", "set", "1000137", "--kind", "execution"],
        &format!("{own}\n"),
    )
    .ok();
    passwords.push(own.to_string());
    env.run(&["notify", "set", "1000137", "login", "on"]).ok();
    emit(&env, &["login", "1000137"]);
    env.run(&[
        "--yes",
        "customer",
        "set-email",
        "1000174",
        "--pc",
        "new@example.jp",
    ])
    .ok();
    let notices = export(&env, "o.jsonl");
    let kinds: std::collections::BTreeSet<&str> = notices
        .iter()
        .map(|n| n["type"].as_str().unwrap())
        .collect();
    for k in [
        "initial_password_issued",
        "account_locked",
        "account_unlocked",
        "login",
        "email_changed",
    ] {
        assert!(kinds.contains(k), "no {k} notice: {kinds:?}");
    }
    let raw = std::fs::read_to_string(env.path("o.jsonl")).unwrap();
    for p in &passwords {
        assert!(!raw.contains(p.as_str()), "a notice holds the password {p}");
    }
    // Nor does the ledger's outbox, or the trail.
    let bodies: Vec<String> = env.sql_col("SELECT subject || body FROM outbox", &[]);
    let trail = env.run(&["--format", "json", "log"]).ok().stdout();
    for p in &passwords {
        assert!(bodies.iter().all(|b| !b.contains(p.as_str())), "{p}");
        assert!(!trail.contains(p.as_str()), "{p} in the trail");
    }
    // The issued notice says where to find the password instead.
    let issued = notices
        .iter()
        .find(|n| n["type"] == "initial_password_issued")
        .unwrap();
    assert!(
        issued["body"]
            .as_str()
            .unwrap()
            .contains("記載しておりません")
    );
}

#[test]
fn outbox_masks_addresses_and_export_holds_them_in_full() {
    let env = Env::with_customers();
    env.run(&[
        "--yes",
        "customer",
        "set-email",
        "1000137",
        "--pc",
        "hanako.new@example.com",
    ])
    .ok();
    // (A reported login also queues login_new_env from a new environment,
    // on by default: tests/environments.rs; off here, to count N1 alone.)
    env.run(&["notify", "set", "1000100", "login_new_env", "off"])
        .ok();
    env.run(&["notify", "set", "1000100", "login", "on", "--to", "both"])
        .ok();
    emit(&env, &["login", "1000100", "--ip", "192.0.2.1"]);
    for format in ["table", "csv", "json"] {
        let out = env
            .run(&["--format", format, "notify", "outbox"])
            .ok()
            .stdout();
        for full in [
            "hanako.new@",
            "hanako.suzuki@",
            "taro.sato@",
            "sattar93@",
            "@example.com",
            "@example.co.jp",
        ] {
            assert!(!out.contains(full), "{format} shows {full}:\n{out}");
        }
        assert!(out.contains("ha********@ex*****.com"), "{format}:\n{out}");
        assert!(
            out.contains("ha***********@ex*****.co.jp"),
            "{format}:\n{out}"
        );
        assert!(
            out.contains("sa******@do****.example.ne.jp"),
            "{format}:\n{out}"
        );
    }
    let listed = outbox(&env, &[]);
    assert_eq!(listed.len(), 4);
    assert!(listed.iter().all(|n| n["status"] == "pending"));
    // Export: one JSON object per line, full addresses, 0600.
    let path = env.path("out.jsonl");
    let p = path.display().to_string();
    env.run(&["notify", "outbox", "export", "--out", &p])
        .ok()
        .stderr_has("4");
    assert_eq!(file_mode(&path), 0o600);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.ends_with('\n'));
    let lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4);
    for (n, l) in lines.iter().zip(&listed) {
        for k in [
            "id",
            "type",
            "customer",
            "to",
            "subject",
            "body",
            "created_at",
        ] {
            assert!(!n[k].is_null(), "{k} missing: {n}");
        }
        assert_eq!(n["id"], l["id"]);
        assert_eq!(n["type"], l["type"]);
        assert_eq!(n["subject"], l["subject"]);
        assert!(n["created_at"].as_str().unwrap().ends_with("+09:00"));
        assert!(n["body"].as_str().unwrap().contains(" 様\n"));
    }
    let mut to: Vec<&str> = lines.iter().map(|n| n["to"].as_str().unwrap()).collect();
    to.sort();
    assert_eq!(
        to,
        [
            "hanako.new@example.com",
            "hanako.suzuki@example.co.jp",
            "sattar93@docomo.example.ne.jp",
            "taro.sato@example.jp"
        ]
    );
    // Never overwritten: exit 73, the file as it was, nothing recorded.
    let before = snapshot(&env);
    env.run(&["notify", "outbox", "export", "--out", &p])
        .status(73)
        .stderr_has("never overwritten");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    assert_eq!(file_mode(&path), 0o600);
    assert_eq!(snapshot(&env), before);
    // The export is audited without addresses.
    let e = log(&env, "notify.export");
    assert_eq!(e.len(), 1);
    assert_eq!(e[0]["details"]["count"], 4);
    let trail = env.run(&["--format", "json", "log"]).ok().stdout();
    assert!(!trail.contains("taro.sato@"), "{trail}");
}

#[test]
fn export_ack_export_loses_nothing() {
    let env = Env::with_customers();
    env.run(&["notify", "set", "1000100", "login", "on"]).ok();
    for _ in 0..5 {
        emit(&env, &["login", "1000100"]);
    }
    let first = export(&env, "a.jsonl");
    let ids: Vec<i64> = first.iter().map(|n| n["id"].as_i64().unwrap()).collect();
    assert_eq!(ids.len(), 5);
    // Exported but not acknowledged: still pending, exported again.
    assert_eq!(outbox(&env, &["--status", "pending"]).len(), 5);
    let (sent, rest) = ids.split_at(2);
    let sent_s: Vec<String> = sent.iter().map(i64::to_string).collect();
    let mut a = vec!["notify", "outbox", "ack"];
    a.extend(sent_s.iter().map(String::as_str));
    env.run(&a).ok();
    // A notice queued meanwhile is not lost either.
    emit(&env, &["login", "1000100"]);
    let second = export(&env, "b.jsonl");
    let ids2: Vec<i64> = second.iter().map(|n| n["id"].as_i64().unwrap()).collect();
    assert_eq!(&ids2[..3], rest);
    assert_eq!(ids2.len(), 4);
    assert!(ids2.iter().all(|i| !sent.contains(i)));
    let sent_listed: Vec<i64> = outbox(&env, &["--status", "sent"])
        .iter()
        .map(|n| n["id"].as_i64().unwrap())
        .collect();
    assert_eq!(sent_listed, sent);
    assert_eq!(outbox(&env, &["--status", "pending"]).len(), 4);
    assert_eq!(outbox(&env, &[]).len(), 6);
    // Only the named export's notices: the first export's ids are not the
    // newest export's.
    let all: Vec<String> = ids.iter().chain(&ids2).map(i64::to_string).collect();
    let mut a = vec!["notify", "outbox", "ack"];
    a.extend(all.iter().map(String::as_str));
    env.run(&a).status(2).stderr_has("did not hand over");
    // Acknowledging twice is harmless; everything acked, the next export is empty.
    for file in ["a.jsonl", "b.jsonl"] {
        let f = env.path(file).display().to_string();
        env.run(&["notify", "outbox", "ack", "--from", &f]).ok();
    }
    assert!(export(&env, "c.jsonl").is_empty());
    assert_eq!(outbox(&env, &["--status", "sent"]).len(), 6);
    let acks = log(&env, "notify.ack");
    assert_eq!(acks.len(), 3);
}

#[test]
fn ack_of_an_unknown_id_fails_and_changes_nothing() {
    let env = Env::with_customers();
    env.run(&["notify", "set", "1000100", "login", "on"]).ok();
    let id = emit(&env, &["login", "1000100"])["ids"][0]
        .as_i64()
        .unwrap();
    // A notice not yet exported cannot have been sent.
    env.run(&["notify", "outbox", "ack", &id.to_string()])
        .status(2);
    let out = env.path("ack.jsonl").display().to_string();
    env.run(&["notify", "outbox", "export", "--out", &out]).ok();
    let before = snapshot(&env);
    env.run(&["notify", "outbox", "ack", &id.to_string(), "424242"])
        .status(2)
        .stderr_has("424242");
    assert_eq!(snapshot(&env), before);
    assert_eq!(outbox(&env, &["--status", "pending"]).len(), 1);
    env.run(&["notify", "outbox", "ack"]).status(2);
    env.run(&["notify", "outbox", "ack", "x"]).status(2);
    assert_eq!(snapshot(&env), before);
    env.run(&["notify", "outbox", "ack", &id.to_string()]).ok();
    assert_eq!(outbox(&env, &["--status", "sent"]).len(), 1);
}

#[test]
fn escape_sequences_from_the_front_end_never_reach_a_terminal_or_a_mail() {
    let env = Env::with_customers();
    let esc = "\x1b[2J\x1b]0;pwned\x07X";
    env.run(&["notify", "set", "1000100", "login", "on"]).ok();
    // (A reported login also queues login_new_env from a new environment,
    // on by default: tests/environments.rs; off here, to count N1 alone.)
    env.run(&["notify", "set", "1000100", "login_new_env", "off"])
        .ok();

    let mut runs = vec![
        env.run(&[
            "notify",
            "emit",
            "login",
            "1000100",
            "--ip",
            esc,
            "--device",
            esc,
            "--user-agent",
            esc,
        ]),
        // Refused at the door now (exit 2: no IP address, control
        // characters); the same text in a legal place still never gets out.
        env.run(&[
            "notify",
            "emit",
            "login",
            "1000100",
            "--ip",
            "203.0.113.5",
            "--device",
            "iPhone \u{202e}evil",
        ]),
        env.run(&["notify", "emit", esc, "1000100"]),
        env.run(&["notify", "emit", "login", esc]),
        env.run(&["notify", "set", "1000100", esc, "on"]),
        env.run(&["notify", "show", esc]),
        env.run(&["notify", "outbox", "ack", esc]),
    ];
    let f = env.write(
        "esc.csv",
        format!("code,type,enabled,to\n{esc},{esc},{esc},{esc}\n1000100,login,on,{esc}\n"),
    );
    runs.push(env.run(&["notify", "import", &f.display().to_string()]));
    let f = env.write("esc-h.csv", format!("code,type,{esc}\n"));
    runs.push(env.run(&["notify", "import", &f.display().to_string()]));
    for format in ["table", "csv", "json"] {
        runs.push(env.run(&["--format", format, "notify", "outbox"]));
        runs.push(env.run(&["--format", format, "notify", "show", "1000100"]));
        runs.push(env.run(&["--format", format, "log"]));
    }
    assert_eq!(runs[0].code(), 2, "{}", runs[0].stderr());
    for r in &runs {
        assert!(
            !r.0.stdout.contains(&0x1b) && !r.0.stderr.contains(&0x1b),
            "ESC in output:\n{:?}\n{:?}",
            r.stdout(),
            r.stderr()
        );
    }
    let n = export(&env, "o.jsonl");
    assert_eq!(n.len(), 1);
    for k in ["subject", "body"] {
        let v = n[0][k].as_str().unwrap();
        assert!(
            !v.chars().any(|c| c.is_control() && c != '\n'),
            "{k}: {v:?}"
        );
    }
}

#[test]
fn import_refuses_two_rows_for_the_same_customer_and_type() {
    let env = Env::with_customers();
    let before = snapshot(&env);
    import_text(
        &env,
        "dup.csv",
        "code,type,enabled\n1000100,login,on\n1000137,login,on\n1000100,login,off\n",
    )
    .status(65)
    .stderr_has("dup.csv:4")
    .stderr_has("line 2");
    assert_eq!(snapshot(&env), before);
}

#[test]
fn outbox_limit_shows_the_oldest_and_says_how_many_there_are() {
    let env = Env::with_customers();
    env.run(&["notify", "set", "1000100", "login", "on"]).ok();
    for _ in 0..4 {
        emit(&env, &["login", "1000100"]);
    }
    let all = outbox(&env, &[]);
    let first: Vec<&Value> = all.iter().take(2).collect();
    let limited = env
        .run(&["--format", "json", "notify", "outbox", "--limit", "2"])
        .ok()
        .stderr_has(&format!("showing 2 of {}", all.len()));
    let limited = limited.json();
    let limited: Vec<&Value> = limited.as_array().unwrap().iter().collect();
    assert_eq!(limited, first);
    // 0 is all, like customer list.
    assert_eq!(outbox(&env, &["--limit", "0"]).len(), all.len());
}

#[test]
fn ack_from_the_export_file_marks_exactly_its_notices() {
    let env = Env::with_customers();
    env.run(&["notify", "set", "1000100", "login", "on"]).ok();
    for _ in 0..3 {
        emit(&env, &["login", "1000100"]);
    }
    let exported = export(&env, "n.jsonl");
    // Queued after the export: not in the file, so not acknowledged.
    emit(&env, &["login", "1000100"]);
    let file = env.path("n.jsonl").display().to_string();
    env.run(&["notify", "outbox", "ack", "--from", &file])
        .ok()
        .stderr_has(&format!("marked {} notice(s) sent", exported.len()));
    let sent: Vec<Value> = outbox(&env, &["--status", "sent"])
        .iter()
        .map(|n| n["id"].clone())
        .collect();
    let ids: Vec<Value> = exported.iter().map(|n| n["id"].clone()).collect();
    assert_eq!(sent, ids);
    assert_eq!(outbox(&env, &["--status", "pending"]).len(), 1);

    // A line that is no notice: exit 65, its content never echoed, nothing marked.
    let bad = env.write("bad.jsonl", "{\"to\": \"secret@example.jp\"}\n");
    let r = env
        .run(&[
            "notify",
            "outbox",
            "ack",
            "--from",
            &bad.display().to_string(),
        ])
        .status(65)
        .stderr_has(":1:");
    assert!(!r.stderr().contains("secret@example.jp"), "{}", r.stderr());
    // Neither ids nor --from: usage.
    env.run(&["notify", "outbox", "ack"]).status(2);
}

#[test]
fn notify_set_takes_only_catalog_types() {
    let env = Env::with_customers();
    env.run(&["notify", "set", "1000100", "no_such_type", "on"])
        .status(2)
        .stderr_has("withdrawal_auth_code");
}
