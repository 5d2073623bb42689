//! Known login environments (N2, issue 26): a reported successful login
//! makes its environment known; a login from an unknown one queues
//! `login_new_env`; staff list and forget environments. Every step runs the
//! real binary at a fixed time (the injectable clock) on both backends.

mod common;

use common::{Env, on_pg};
use serde_json::Value;

const CUSTOMER: &str = "1000100";
const CHROME_131: &str = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
const CHROME_132: &str = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/132.0.6834.83 Safari/537.36";
const SAFARI_17: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";
const SAFARI_18: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";
const PC_TOKEN: &str = "pc-token-5f0c1d2e3a4b5c6d7e8f";
const PHONE_TOKEN: &str = "phone-token-9a8b7c6d5e4f3a2b1c";
const START: &str = "2026-12-01T09:00:00+09:00";

/// The moment `day` days and `minute` minutes after [`START`].
fn at(day: i64, minute: i64) -> String {
    let t = chrono::DateTime::parse_from_rfc3339(START).unwrap()
        + chrono::Duration::days(day)
        + chrono::Duration::minutes(minute);
    t.to_rfc3339()
}

/// A ledger with the sample customers, made at [`START`].
fn ledger() -> Env {
    Env::with_customers_at(START)
}

/// `notify emit login_new_env` at `now` with the given flags; its JSON.
fn login(env: &Env, now: &str, flags: &[&str]) -> Value {
    let mut a = vec![
        "--format",
        "json",
        "notify",
        "emit",
        "login_new_env",
        CUSTOMER,
    ];
    a.extend_from_slice(flags);
    env.run_at(now, &a).ok().json()
}

fn pc<'a>(ua: &'a str, ip: &'a str) -> Vec<&'a str> {
    vec!["--device-id", PC_TOKEN, "--user-agent", ua, "--ip", ip]
}

/// The customer's phone, with the device label the front end gives, if any.
fn on_phone<'a>(ua: &'a str, ip: &'a str, device: Option<&'a str>) -> Vec<&'a str> {
    let mut a = vec!["--device-id", PHONE_TOKEN, "--user-agent", ua, "--ip", ip];
    a.extend(device.map(|d| ["--device", d]).into_iter().flatten());
    a
}

fn new_of(j: &Value) -> Vec<String> {
    j["new"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect()
}

fn environments(env: &Env, now: &str) -> Vec<Value> {
    env.run_at(
        now,
        &["--format", "json", "customer", "environments", CUSTOMER],
    )
    .ok()
    .json()
    .as_array()
    .unwrap()
    .clone()
}

fn kept_rows(env: &Env) -> i64 {
    env.sql_i64(
        "SELECT count(*) FROM login_environment WHERE customer = ?1",
        &[&CUSTOMER],
    )
}

#[test]
fn known_devices_browser_updates_and_carrier_addresses_are_not_new() {
    let env = ledger();
    // The first login: nothing is known yet, so it is reported.
    let j = login(&env, &at(0, 0), &pc(CHROME_131, "203.0.113.5"));
    assert_eq!(j["why"], "new_environment", "{j}");
    assert_eq!(j["queued"], true);
    // The same PC after a browser update: known.
    let j = login(&env, &at(1, 0), &pc(CHROME_132, "203.0.113.5"));
    assert_eq!(j["why"], "known_environment", "{j}");
    assert!(new_of(&j).is_empty(), "{j}");
    // A phone: a new device, browser and network.
    let j = login(
        &env,
        &at(2, 0),
        &on_phone(SAFARI_17, "198.51.100.7", Some("iPhone")),
    );
    assert_eq!(j["why"], "new_environment", "{j}");
    assert_eq!(new_of(&j), ["device", "browser", "network"]);
    // The carrier hands out another address of its /24, and iOS updates.
    let j = login(
        &env,
        &at(5, 0),
        &on_phone(SAFARI_18, "198.51.100.211", Some("iPhone")),
    );
    assert_eq!(j["why"], "known_environment", "{j}");
    // The known PC token from a hotel network: known (the device is).
    let j = login(&env, &at(6, 0), &pc(CHROME_132, "192.0.2.50"));
    assert_eq!(j["why"], "known_environment", "{j}");
    assert_eq!(new_of(&j), ["network"]);
    // Cookies cleared on the PC at home: a new token, but its network and
    // browser are known.
    let j = login(
        &env,
        &at(7, 0),
        &[
            "--device-id",
            "fresh-cookie-0000000000000000",
            "--user-agent",
            CHROME_132,
            "--ip",
            "203.0.113.5",
        ],
    );
    assert_eq!(j["why"], "known_environment", "{j}");
    assert_eq!(new_of(&j), ["device"]);
    // A new device on a new network: new, whatever the browser.
    let j = login(
        &env,
        &at(8, 0),
        &[
            "--device-id",
            "attacker-0000000000000000000",
            "--user-agent",
            CHROME_132,
            "--ip",
            "233.252.0.9",
        ],
    );
    assert_eq!(j["why"], "new_environment", "{j}");
    assert_eq!(new_of(&j), ["device", "network"]);
    // Each reported login is in the trail, with what was new (no token).
    let log = env
        .run_at(
            &at(8, 1),
            &["--format", "json", "log", "--action", "notify.emit"],
        )
        .ok()
        .json();
    let entries = log.as_array().unwrap();
    assert_eq!(entries.len(), 7);
    let last = entries
        .iter()
        .find(|e| e["details"]["environment"]["new_network"] == true)
        .unwrap();
    assert_eq!(last["customer"], CUSTOMER);
    // Three notices, each to the subscribed address.
    let out = env
        .run_at(&at(8, 2), &["--format", "json", "notify", "outbox"])
        .ok()
        .json();
    assert_eq!(out.as_array().unwrap().len(), 3, "{out}");
}

#[test]
fn the_notice_says_what_was_new_and_when_and_whom_to_call_without_a_link() {
    let env = ledger();
    let toml = env
        .run_at(START, &["policy", "show", "--toml"])
        .ok()
        .stdout();
    let phoned = toml.replace("support_phone = \"\"", "support_phone = \"0120-123-456\"");
    assert_ne!(toml, phoned, "policy TOML changed shape");
    let f = env.write("p.toml", phoned);
    env.run_at(
        START,
        &["--yes", "policy", "set", "--file", &f.display().to_string()],
    )
    .ok();
    login(&env, &at(0, 1), &pc(CHROME_131, "203.0.113.5"));
    login(
        &env,
        &at(3, 0),
        &on_phone(
            SAFARI_17,
            "198.51.100.7",
            Some("https://evil.example/login"),
        ),
    );
    let exported = common::export_outbox_at(&env, Some(&at(3, 1)), "o.jsonl");
    let last = exported.last().unwrap();
    let body = last["body"].as_str().unwrap();
    assert_eq!(last["type"], "login_new_env");
    for want in [
        "2026年12月04日 09:00:00（日本時間）",
        "初めてのご利用: 端末、ブラウザ、ネットワーク",
        "ブラウザ: Safari（iOS）",
        "ネットワーク: 198.51.100.*",
        "電話 0120-123-456",
    ] {
        assert!(body.contains(want), "{want} missing:\n{body}");
    }
    // The device name the front end sent was a link: left out.
    assert!(!body.contains("evil"), "{body}");
    assert!(acctsec::links::is_link_free(body), "{body}");
    assert!(acctsec::links::is_link_free(
        last["subject"].as_str().unwrap()
    ));
    // A desk line or number with a link is refused by the policy (exit 78).
    let linked = env
        .run_at(&at(3, 2), &["policy", "show", "--toml"])
        .ok()
        .stdout()
        .replace(
            "サポートデスク（平日 8:00〜17:00）",
            "サポートデスク https://example.co.jp/help",
        );
    let f = env.write("linked.toml", linked);
    env.run_at(
        &at(3, 3),
        &["--yes", "policy", "set", "--file", &f.display().to_string()],
    )
    .status(78)
    .stderr_has("support_desk");
}

#[test]
fn environments_are_forgotten_after_known_for_days_and_kept_at_most_twenty() {
    let env = ledger();
    login(&env, &at(0, 0), &pc(CHROME_131, "203.0.113.5"));
    // Used again on day 39: still known, and known for 40 days more.
    assert_eq!(
        login(&env, &at(39, 0), &pc(CHROME_131, "203.0.113.5"))["why"],
        "known_environment"
    );
    assert_eq!(environments(&env, &at(78, 0)).len(), 1);
    // 40 days without a login: no longer listed (ignored on read) ...
    assert!(environments(&env, &at(79, 1)).is_empty());
    assert_eq!(kept_rows(&env), 1);
    // ... and the next login from it is new again; the old one is pruned.
    assert_eq!(
        login(&env, &at(79, 2), &pc(CHROME_131, "203.0.113.5"))["why"],
        "new_environment"
    );
    assert_eq!(kept_rows(&env), 1);
    // Twenty-five networks: only the twenty most recently used are kept.
    for i in 0..25 {
        let ip = format!("10.{i}.0.1");
        let j = login(&env, &at(80, i), &["--user-agent", CHROME_131, "--ip", &ip]);
        assert_eq!(j["why"], "new_environment", "{ip}: {j}");
    }
    assert_eq!(kept_rows(&env), 20);
    assert_eq!(environments(&env, &at(80, 30)).len(), 20);
    // The sixth is among the twenty most recent; the fifth is not.
    let j = login(
        &env,
        &at(80, 31),
        &["--user-agent", CHROME_131, "--ip", "10.5.0.1"],
    );
    assert_eq!(j["why"], "known_environment");
    let j = login(
        &env,
        &at(80, 32),
        &["--user-agent", CHROME_131, "--ip", "10.4.0.1"],
    );
    assert_eq!(j["why"], "new_environment");
    assert_eq!(kept_rows(&env), 20);
    env.run_at(&at(80, 33), &["log", "verify"]).ok();
}

#[test]
fn staff_list_and_forget_environments_audited() {
    let env = ledger();
    login(&env, &at(0, 0), &pc(CHROME_131, "203.0.113.5"));
    login(
        &env,
        &at(0, 1),
        &on_phone(SAFARI_17, "198.51.100.7", Some("iPhone")),
    );
    let listed = environments(&env, &at(0, 2));
    assert_eq!(listed.len(), 2);
    let phone = &listed[0];
    assert_eq!(phone["browser"], "Safari");
    assert_eq!(phone["os"], "iOS");
    assert_eq!(phone["network"], "198.51.100.*");
    assert_eq!(phone["device"], "iPhone");
    assert_eq!(phone["first_seen"], "2026-12-01T09:01:00+09:00");
    let keys: Vec<&String> = phone.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "id",
            "browser",
            "os",
            "network",
            "device",
            "first_seen",
            "last_seen"
        ]
    );
    // Every format lists them.
    let table = env
        .run_at(&at(0, 2), &["customer", "environments", CUSTOMER])
        .ok()
        .stdout();
    assert!(
        table.contains("198.51.100.*") && table.contains("Chrome"),
        "{table}"
    );
    let csv = env
        .run_at(
            &at(0, 2),
            &["--format", "csv", "customer", "environments", CUSTOMER],
        )
        .ok()
        .stdout();
    assert!(
        csv.starts_with("id,browser,os,network,device,first_seen,last_seen\n"),
        "{csv}"
    );
    // Usage errors and unknown customers change nothing.
    let id = phone["id"].as_i64().unwrap().to_string();
    let before = env.contents();
    let forget = |args: &[&str]| {
        let mut a = vec!["--format", "json", "customer", "forget-environments"];
        a.extend_from_slice(args);
        env.run_at(&at(0, 3), &a)
    };
    forget(&[CUSTOMER, &id]).status(2).stderr_has("--reason");
    forget(&[CUSTOMER, "--reason", "lost phone"]).status(2);
    forget(&[CUSTOMER, &id, "--all", "--reason", "x"]).status(2);
    forget(&[CUSTOMER, "999999", "--reason", "lost phone"])
        .status(2)
        .stderr_has("customer environments");
    forget(&["9999999", "--all", "--reason", "x"]).status(4);
    env.run_at(&at(0, 3), &["customer", "environments", "9999999"])
        .status(4);
    assert_eq!(env.contents(), before);
    // The phone is lost: forget it; its next login is new again.
    let j = forget(&[CUSTOMER, &id, "--reason", "customer reports a lost phone"])
        .ok()
        .json();
    assert_eq!(j["forgotten"], 1);
    assert_eq!(environments(&env, &at(0, 4)).len(), 1);
    let j = login(&env, &at(0, 5), &on_phone(SAFARI_17, "198.51.100.7", None));
    assert_eq!(j["why"], "new_environment");
    let j = forget(&[CUSTOMER, "--all", "--reason", "takeover suspected"])
        .ok()
        .json();
    assert_eq!(j["forgotten"], 2);
    assert!(environments(&env, &at(0, 6)).is_empty());
    assert_eq!(
        login(&env, &at(0, 7), &pc(CHROME_131, "203.0.113.5"))["why"],
        "new_environment"
    );
    // Each forgetting is in the trail, with its reason.
    let log = env
        .run_at(
            &at(0, 8),
            &[
                "--format",
                "json",
                "log",
                "--action",
                "customer.forget_environments",
            ],
        )
        .ok()
        .json();
    let entries = log.as_array().unwrap();
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[0]["reason"], "customer reports a lost phone");
    assert_eq!(entries[0]["customer"], CUSTOMER);
    assert_eq!(entries[1]["details"]["which"], "all");
    env.run_at(&at(0, 9), &["log", "verify"]).ok();
}

#[test]
fn the_device_token_is_never_shown_nor_stored() {
    let env = ledger();
    login(&env, &at(0, 0), &pc(CHROME_131, "203.0.113.5"));
    env.run_at(
        &at(0, 1),
        &[
            "notify",
            "emit",
            "login",
            CUSTOMER,
            "--device-id",
            PC_TOKEN,
            "--ip",
            "203.0.113.5",
        ],
    )
    .ok();
    let mut shown = String::new();
    for args in [
        vec!["--format", "json", "customer", "environments", CUSTOMER],
        vec!["customer", "environments", CUSTOMER],
        vec!["--format", "json", "log"],
        vec!["--format", "json", "notify", "outbox"],
    ] {
        let r = env.run_at(&at(0, 2), &args).ok();
        shown.push_str(&r.stdout());
        shown.push_str(&r.stderr());
    }
    let out = env.path("o.jsonl");
    env.run_at(
        &at(0, 3),
        &[
            "notify",
            "outbox",
            "export",
            "--out",
            &out.display().to_string(),
        ],
    )
    .ok();
    shown.push_str(&std::fs::read_to_string(&out).unwrap());
    assert!(!shown.contains(PC_TOKEN));
    let stored = String::from_utf8_lossy(&env.contents()).into_owned();
    assert!(!stored.contains(PC_TOKEN), "the token is in the ledger");
    // What is kept is a hash of it.
    let hash = env.sql_text("SELECT device_hash FROM login_environment LIMIT 1", &[]);
    assert_eq!(hash.len(), 64);
    // A token that is no token is a usage error, shown nowhere.
    env.run_at(
        &at(0, 4),
        &["notify", "emit", "login", CUSTOMER, "--device-id", "short"],
    )
    .status(2)
    .stderr_has("--device-id");
    env.run_at(
        &at(0, 4),
        &[
            "notify",
            "emit",
            "trade_executed",
            CUSTOMER,
            "--device-id",
            PC_TOKEN,
        ],
    )
    .status(2)
    .stderr_has("login");
}

#[test]
fn login_reports_every_login_notice_and_the_new_environment_one() {
    let env = ledger();
    env.run_at(START, &["notify", "set", CUSTOMER, "login", "on"])
        .ok();
    let j = env
        .run_at(
            &at(0, 1),
            &[
                "--format",
                "json",
                "notify",
                "emit",
                "login",
                CUSTOMER,
                "--ip",
                "203.0.113.5",
                "--user-agent",
                CHROME_131,
            ],
        )
        .ok()
        .json();
    assert_eq!(j["why"], "subscribed");
    assert_eq!(j["environment"], "new_environment");
    // login_new_env reported for the same login after it: known, no second notice.
    let j = login(
        &env,
        &at(0, 2),
        &["--ip", "203.0.113.5", "--user-agent", CHROME_131],
    );
    assert_eq!(j["why"], "known_environment");
    let kinds: Vec<String> = env
        .run_at(&at(0, 3), &["--format", "json", "notify", "outbox"])
        .ok()
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["type"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(kinds, ["login", "login_new_env"]);
    // A login without token or address is not placed: nothing kept.
    let j = env
        .run_at(
            &at(0, 4),
            &[
                "--format",
                "json",
                "notify",
                "emit",
                "login",
                "1000137",
                "--user-agent",
                CHROME_131,
            ],
        )
        .ok()
        .json();
    assert_eq!(j["environment"], "no_environment");
    env.run_at(
        &at(0, 4),
        &[
            "notify",
            "emit",
            "login_new_env",
            "1000137",
            "--user-agent",
            CHROME_131,
        ],
    )
    .status(2)
    .stderr_has("--device-id");
}

/// A ledger of schema 16 (one `login_env` row per customer) opened by this
/// build: each row becomes one known environment, reduced as a login is.
#[test]
fn old_last_login_rows_migrate_as_one_known_environment_each() {
    let env = ledger();
    common::back_to_login_env(&env);
    // What later schemas added goes too: this is a ledger of schema 16.
    env.sql_exec("DROP TABLE authcode_lock", &[]);
    common::back_before_server_trail(&env);
    common::back_before_guess_workers(&env);
    env.sql_exec(
        "INSERT INTO login_env (customer, device, user_agent, ip, seen_at) VALUES
           ('1000100', 'PC', ?1, '203.0.113.5', '2026-11-30T01:00:00.000000Z'),
           ('1000137', NULL, NULL, '2001:db8:12:34::1', '2026-11-29T01:00:00.000000Z')",
        &[&CHROME_131],
    );
    if on_pg() {
        env.sql_exec("UPDATE acctsec_schema SET version = 16", &[]);
    } else {
        env.sql_exec("PRAGMA user_version = 16", &[]);
    }
    let listed = environments(&env, &at(0, 1));
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert_eq!(listed[0]["browser"], "Chrome");
    assert_eq!(listed[0]["os"], "Windows");
    assert_eq!(listed[0]["network"], "203.0.113.*");
    assert_eq!(listed[0]["device"], "PC");
    assert_eq!(listed[0]["last_seen"], "2026-11-30T10:00:00+09:00");
    let other = env
        .run_at(
            &at(0, 1),
            &["--format", "json", "customer", "environments", "1000137"],
        )
        .ok()
        .json();
    assert_eq!(other[0]["network"], "2001:db8:12:*");
    // The old table is gone, the migration audited.
    let tables = if on_pg() {
        env.sql_col(
            "SELECT CAST(tablename AS TEXT) FROM pg_tables WHERE schemaname = current_schema()",
            &[],
        )
    } else {
        env.sql_col("SELECT name FROM sqlite_master WHERE type = 'table'", &[])
    };
    assert!(!tables.iter().any(|t| t == "login_env"), "{tables:?}");
    let log = env
        .run_at(
            &at(0, 2),
            &["--format", "json", "log", "--action", "ledger.schema"],
        )
        .ok()
        .json();
    assert_eq!(
        log.as_array().unwrap().last().unwrap()["details"]["from"],
        16
    );
    // The migrated environment is known: a browser update on the same
    // network is no new environment.
    let j = login(
        &env,
        &at(0, 3),
        &["--user-agent", CHROME_132, "--ip", "203.0.113.99"],
    );
    assert_eq!(j["why"], "known_environment", "{j}");
    // `ledger copy` carries the environments.
    let copy = env.path("copy.db");
    env.run_at(
        &at(0, 4),
        &["ledger", "copy", "--to", &copy.display().to_string()],
    )
    .ok();
    let copied = env
        .cmd_at(&at(0, 5))
        .env("ACCTSEC_DB", &copy)
        .args(["--format", "json", "customer", "environments", CUSTOMER])
        .output()
        .unwrap();
    assert!(
        copied.status.success(),
        "{}",
        String::from_utf8_lossy(&copied.stderr)
    );
    let copied: Value = serde_json::from_slice(&copied.stdout).unwrap();
    assert_eq!(copied, Value::Array(environments(&env, &at(0, 5))));
}

/// The ledger applies the rule exactly as the benchmark's in-memory replay
/// (tests/bench/login_env.rs) does: one customer's varied logins (tokens
/// kept and cleared, carrier and foreign networks, browser updates, long
/// absences, more than twenty environments) give the same verdicts through
/// the binary as through `observe` and `plan` on a list in memory.
#[test]
fn the_ledger_and_the_in_memory_replay_agree() {
    use acctsec::notify::environment::{Known, plan};
    use acctsec::ops::environment::{ClientEnv, observe};
    let env = ledger();
    let policy = acctsec::policy::Policy::default();
    let uas = [CHROME_131, CHROME_132, SAFARI_17, SAFARI_18];
    let tokens = [
        "tok-a-000000000000000000",
        "tok-b-000000000000000000",
        "tok-c-000000000000000000",
    ];
    let mut kept: Vec<Known> = Vec::new();
    let mut next_id = 1;
    let mut minute = 0i64;
    let mut state = 7u64;
    let (mut known, mut new, mut most) = (0, 0, 0);
    for i in 0..45 {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let r = (state >> 33) as usize;
        // Mostly minutes apart, sometimes days, twice past known_for.
        minute += match i {
            15 | 30 => 41 * 24 * 60,
            _ if r.is_multiple_of(5) => 3 * 24 * 60,
            _ => 10,
        };
        let ua = uas[r % 4];
        let token = tokens[(r / 4) % 3];
        let ip = format!("198.51.{}.{}", (r / 12) % 23, 1 + r % 200);
        let now = at(0, minute);
        let mut flags = vec!["--user-agent", ua, "--ip", &ip];
        if !r.is_multiple_of(7) {
            flags.extend(["--device-id", token]);
        }
        let j = login(&env, &now, &flags);
        // The same login in memory.
        let client = ClientEnv {
            ip: Some(ip.parse().unwrap()),
            device: None,
            user_agent: Some(ua.to_string()),
            device_id: (!r.is_multiple_of(7)).then(|| zeroize::Zeroizing::new(token.to_string())),
        };
        let o = observe(CUSTOMER, &client, &policy.environments);
        let t = chrono::DateTime::parse_from_rfc3339(&now).unwrap().to_utc();
        let p = plan(&kept, &o, t, policy.environments.known_for_days);
        match p.verdict.same {
            Some(id) => kept.iter_mut().find(|k| k.id == id).unwrap().last_seen = t,
            None => {
                kept.push(Known {
                    id: next_id,
                    device_hash: o.device_hash.clone(),
                    browser: o.browser.clone(),
                    os: o.os.clone(),
                    network: o.network.clone(),
                    device: None,
                    first_seen: t,
                    last_seen: t,
                });
                next_id += 1;
            }
        }
        kept.retain(|k| !p.forget.contains(&k.id));
        let want = if p.verdict.known {
            "known_environment"
        } else {
            "new_environment"
        };
        assert_eq!(j["why"], want, "login {i} at {now}: {flags:?}");
        assert_eq!(kept_rows(&env), kept.len() as i64, "login {i}");
        if p.verdict.known {
            known += 1;
        } else {
            new += 1;
        }
        most = most.max(kept.len());
    }
    // Both verdicts, and the cap, were exercised.
    assert!(known >= 5 && new >= 5, "{known} known, {new} new");
    assert!(most >= 15, "at most {most} kept");
}
