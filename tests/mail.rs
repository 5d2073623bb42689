//! Mail delivery (issue 15): `notify send` against a real SMTP server on
//! loopback that the tests start themselves (tests/common/smtp.rs): what
//! the relay receives (parsed back with mailparse), and what the ledger
//! records for each of the relay's answers.

mod common;

use std::collections::BTreeMap;
use std::time::Duration;

use acctsec::notify::mail::jis_safe;
use common::smtp::{Received, Reply, Server, TestPki};
use common::{Env, audit_count};
use mailparse::MailHeaderMap;
use serde_json::Value;

const SATO: &str = "1000100";
const SUZUKI: &str = "1000137";
const FROM: &str = "証券 お知らせ <noreply@example.co.jp>";

/// A configuration file for a relay on 127.0.0.1:`port`; `extra` lines are
/// added to `[smtp]`. Once the host has a seal key ([`Env::seal_codes`]),
/// the file names it: this is the sending host.
fn config(env: &Env, port: u16, tls: &str, extra: &str) -> String {
    let mut text = smtp_table(port, tls, extra);
    let key = env.path("notify-seal.key");
    if key.exists() {
        text.push_str(&format!(
            "[notify]\nseal_key_file = \"{}\"\n",
            key.display()
        ));
    }
    env.write("config.toml", text).display().to_string()
}

fn smtp_table(port: u16, tls: &str, extra: &str) -> String {
    format!(
        "[smtp]\nhost = \"127.0.0.1\"\nport = {port}\ntls = \"{tls}\"\nfrom = \"{FROM}\"\n\
         reply_to = \"support@example.co.jp\"\n\
         iso2022jp_domains = [\"docomo.example.ne.jp\", \"softbank.example.ne.jp\"]\n{extra}"
    )
}

fn send(env: &Env, cfg: &str, args: &[&str]) -> common::Run {
    let mut a = vec!["--config", cfg, "notify", "send"];
    a.extend_from_slice(args);
    env.run(&a)
}

fn send_json(env: &Env, cfg: &str, args: &[&str]) -> (common::Run, Value) {
    let mut a = vec!["--format", "json", "--config", cfg, "notify", "send"];
    a.extend_from_slice(args);
    let r = env.run(&a);
    let j = r.json();
    (r, j)
}

/// Queue a trade notice for `code` (to the PC address).
fn trade(env: &Env, code: &str) {
    env.run(&["notify", "emit", "trade_executed", code]).ok();
}

/// id -> status of every notice.
fn statuses(env: &Env) -> BTreeMap<i64, String> {
    env.sql_rows("SELECT id, status FROM outbox ORDER BY id", &[])
        .into_iter()
        .map(|r| {
            (
                r[0].as_deref().unwrap().parse().unwrap(),
                r[1].clone().unwrap(),
            )
        })
        .collect()
}

fn pending(env: &Env) -> i64 {
    env.sql_i64("SELECT count(*) FROM outbox WHERE status = 'pending'", &[])
}

/// A message as the relay got it, parsed back.
struct Mail {
    subject: String,
    body: String,
    to: String,
    from: String,
    reply_to: String,
    message_id: String,
    charset: String,
    raw: String,
}

fn parse(r: &Received) -> Mail {
    let m = mailparse::parse_mail(&r.data).expect("a parseable message");
    let h = |name: &str| m.headers.get_first_value(name).unwrap_or_default();
    Mail {
        subject: h("Subject"),
        body: m.get_body().unwrap(),
        to: h("To"),
        from: h("From"),
        reply_to: h("Reply-To"),
        message_id: h("Message-ID"),
        charset: m.ctype.charset.clone(),
        raw: String::from_utf8_lossy(&r.data).to_string(),
    }
}

/// The outbox row (subject, body, to) of notice `id`.
fn notice(env: &Env, id: i64) -> (String, String, String) {
    let r = env.sql_rows(
        "SELECT subject, body, to_addr FROM outbox WHERE id = ?1",
        &[&id],
    );
    let r = &r[0];
    (
        r[0].clone().unwrap(),
        r[1].clone().unwrap(),
        r[2].clone().unwrap(),
    )
}

fn id_of(m: &Mail) -> i64 {
    // <notice-ID.LEDGER@domain>
    m.message_id
        .trim_start_matches('<')
        .strip_prefix("notice-")
        .and_then(|r| r.split('.').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("Message-ID {}", m.message_id))
}

#[test]
fn notices_arrive_parsed_back_in_utf8_and_iso_2022_jp_without_passwords() {
    let env = Env::with_customers();
    let out = env.path("initial.csv");
    env.issue_all(&out).ok();
    let passwords: Vec<String> = std::fs::read_to_string(&out)
        .unwrap()
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(1).unwrap().to_string())
        .collect();
    assert_eq!(passwords.len(), 30);
    // A trade notice to both of Sato's addresses: PC (UTF-8) and docomo
    // (ISO-2022-JP).
    env.run(&[
        "notify",
        "set",
        SATO,
        "trade_executed",
        "on",
        "--to",
        "both",
    ])
    .ok();
    trade(&env, SATO);
    let queued = pending(&env);
    assert!(queued >= 32, "{queued}");

    let server = Server::start();
    let cfg = config(&env, server.port(), "none", "");
    let r = send(&env, &cfg, &[]).ok();
    // All went well, on a pipe: nothing said.
    assert_eq!(r.stdout(), "", "{}", r.stderr());
    let got = server.received();
    assert_eq!(got.len() as i64, queued);
    assert_eq!(pending(&env), 0);

    let mut ids = Vec::new();
    let mut jis = 0;
    for r in &got {
        let m = parse(r);
        let id = id_of(&m);
        ids.push(id);
        let (subject, body, to) = notice(&env, id);
        let mobile =
            to.ends_with("@docomo.example.ne.jp") || to.ends_with("@softbank.example.ne.jp");
        // ISO-2022-JP carries the text made safe for it (〜 as ～, ...).
        let (subject, body) = if mobile {
            (jis_safe(&subject), jis_safe(&body))
        } else {
            (subject, body)
        };
        assert_eq!(m.subject, subject, "the Japanese subject decodes");
        assert_eq!(
            m.body.replace("\r\n", "\n").trim_end(),
            body.trim_end(),
            "the body matches the notice"
        );
        assert_eq!(r.to, vec![to.clone()]);
        assert_eq!(m.to, to);
        assert_eq!(r.from, "noreply@example.co.jp");
        assert!(m.from.contains("証券 お知らせ"), "{}", m.from);
        assert!(m.reply_to.contains("support@example.co.jp"));
        assert!(r.data.is_ascii(), "7-bit on the wire");
        for pw in &passwords {
            assert!(!m.raw.contains(pw.as_str()) && !m.body.contains(pw.as_str()));
        }
        if mobile {
            jis += 1;
            assert_eq!(m.charset.to_ascii_uppercase(), "ISO-2022-JP", "{}", m.raw);
            assert!(m.raw.contains("=?ISO-2022-JP?B?"), "{}", m.raw);
            assert!(m.raw.contains("\x1b$B"), "a JIS body");
        } else {
            assert_eq!(m.charset.to_ascii_lowercase(), "utf-8", "{}", m.raw);
            assert!(!m.raw.contains("ISO-2022-JP"));
        }
    }
    assert!(jis >= 1, "a mobile address got ISO-2022-JP");
    // Oldest first, each once.
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted);
    sorted.dedup();
    assert_eq!(sorted.len(), ids.len());

    // Sent, with the time and the relay's reply (its queue id).
    let rows = env.sql_rows(
        "SELECT status, sent_at, reply, attempts FROM outbox WHERE id = ?1",
        &[&ids[0]],
    );
    assert_eq!(rows[0][0].as_deref(), Some("sent"));
    assert!(rows[0][1].is_some());
    assert!(
        rows[0][2].as_deref().unwrap().contains("queued as Q00001"),
        "{:?}",
        rows[0]
    );
    assert_eq!(rows[0][3].as_deref(), Some("1"));
    assert_eq!(audit_count(&env, "notify.send"), 1);
    assert_eq!(audit_count(&env, "notify.sent"), queued);
    let run = env
        .run(&["--format", "json", "log", "--action", "notify.send"])
        .ok()
        .json();
    assert_eq!(run[0]["details"]["sent"], queued, "{run}");
    // Nothing left: a second run sends nothing.
    send(&env, &cfg, &[]).ok();
    assert_eq!(server.received().len() as i64, queued);
    env.run(&["log", "verify"]).ok();
}

#[test]
fn a_451_defers_with_backoff_and_the_next_run_delivers() {
    let env = Env::with_customers();
    trade(&env, SATO);
    trade(&env, SUZUKI);
    let server = Server::start();
    server.script(&[Reply::Code("451 4.3.0 try again later")]);
    let cfg = config(&env, server.port(), "none", "");
    let t0 = "2026-12-01T10:00:00+09:00";
    let r = env
        .cmd_at(t0)
        .args(["--format", "json", "--config", &cfg, "notify", "send"])
        .output()
        .unwrap();
    let r = common::Run(r).ok();
    let j = r.json();
    assert_eq!(
        (
            j["sent"].as_i64(),
            j["deferred"].as_i64(),
            j["failed"].as_i64()
        ),
        (Some(1), Some(1), Some(0)),
        "{j}"
    );
    assert_eq!(server.received().len(), 1);
    let first = *statuses(&env).keys().next().unwrap();
    let row = env.sql_rows(
        "SELECT status, attempts, next_attempt_at, reply FROM outbox WHERE id = ?1",
        &[&first],
    );
    assert_eq!(row[0][0].as_deref(), Some("pending"));
    assert_eq!(row[0][1].as_deref(), Some("1"));
    assert!(
        row[0][2]
            .as_deref()
            .unwrap()
            .starts_with("2026-12-01T01:05:00"),
        "{:?}",
        row
    );
    assert!(row[0][3].as_deref().unwrap().contains("451"), "{:?}", row);
    // In text, on a pipe: the deferral is reported.
    let r = common::Run(
        env.cmd_at("2026-12-01T10:02:00+09:00")
            .args(["--config", &cfg, "notify", "send"])
            .output()
            .unwrap(),
    )
    .ok();
    assert_eq!(r.stdout(), "", "nothing due yet, all well: quiet");
    assert_eq!(server.received().len(), 1, "not before the backoff");
    // After the backoff: delivered.
    common::Run(
        env.cmd_at("2026-12-01T10:06:00+09:00")
            .args(["--config", &cfg, "notify", "send"])
            .output()
            .unwrap(),
    )
    .ok();
    let got = server.received();
    assert_eq!(got.len(), 2);
    assert_eq!(id_of(&parse(&got[1])), first);
    assert_eq!(pending(&env), 0);
    assert_eq!(audit_count(&env, "notify.deferred"), 1);
    // The run with nothing due connected to nothing and wrote nothing.
    assert_eq!(audit_count(&env, "notify.send"), 2);
}

#[test]
fn a_550_fails_is_listed_and_staff_retry_delivers_it() {
    let env = Env::with_customers();
    trade(&env, SATO);
    trade(&env, SUZUKI);
    let server = Server::start();
    server.script(&[Reply::Code(
        "550 5.1.1 <taro.sato@example.jp>: user unknown",
    )]);
    let cfg = config(&env, server.port(), "none", "");
    let r = send(&env, &cfg, &[]).status(1);
    assert!(
        r.stdout().contains("1 notice(s) sent, 0 deferred"),
        "{}",
        r.stdout()
    );
    assert!(r.stderr().contains("user unknown"), "{}", r.stderr());
    let failed: Vec<Value> = env
        .run(&["--format", "json", "notify", "outbox", "--status", "failed"])
        .ok()
        .json()
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(failed.len(), 1);
    let id = failed[0]["id"].as_i64().unwrap();
    assert!(
        failed[0]["reply"].as_str().unwrap().contains("550"),
        "{failed:?}"
    );
    assert_eq!(failed[0]["status"], "failed");
    // Failed notices are not tried again by themselves.
    send(&env, &cfg, &[]).ok();
    assert_eq!(server.received().len(), 1);
    // The permanent failure is an entry naming the notice.
    let log = env
        .run(&["--format", "json", "log", "--action", "notify.failed"])
        .ok()
        .json();
    assert_eq!(log.as_array().unwrap().len(), 1);
    assert_eq!(log[0]["details"]["id"], id);
    assert_eq!(log[0]["customer"], SATO);

    // Staff put it back; a sent notice or an unknown id is refused.
    let sent_id = *statuses(&env).iter().find(|(_, s)| *s == "sent").unwrap().0;
    env.run(&["notify", "outbox", "retry", &sent_id.to_string()])
        .status(2)
        .stderr_has("did not fail");
    env.run(&["notify", "outbox", "retry", "999999"]).status(2);
    assert_eq!(audit_count(&env, "notify.retry"), 0);
    env.run(&["notify", "outbox", "retry", &id.to_string()])
        .ok();
    assert_eq!(audit_count(&env, "notify.retry"), 1);
    assert_eq!(statuses(&env)[&id], "pending");
    send(&env, &cfg, &[]).ok();
    let got = server.received();
    assert_eq!(got.len(), 2);
    assert_eq!(id_of(&parse(&got[1])), id);
    assert_eq!(statuses(&env)[&id], "sent");
}

#[test]
fn a_connection_dropped_during_data_defers_and_the_rest_goes_on() {
    let env = Env::with_customers();
    for c in [SATO, SUZUKI, "1000174"] {
        trade(&env, c);
    }
    let server = Server::start();
    server.script(&[Reply::Accept, Reply::DropInData]);
    let cfg = config(&env, server.port(), "none", "");
    let (_, j) = send_json(&env, &cfg, &[]);
    assert_eq!(
        (j["sent"].as_i64(), j["deferred"].as_i64()),
        (Some(2), Some(1)),
        "{j}"
    );
    let ids: Vec<i64> = statuses(&env).keys().copied().collect();
    assert_eq!(statuses(&env)[&ids[1]], "pending");
    assert_eq!(
        env.sql_i64("SELECT attempts FROM outbox WHERE id = ?1", &[&ids[1]]),
        1
    );
    let got: Vec<i64> = server.received().iter().map(|r| id_of(&parse(r))).collect();
    assert_eq!(got, vec![ids[0], ids[2]]);
}

#[test]
fn a_stopped_relay_is_exit_75_with_nothing_marked_or_lost() {
    let env = Env::with_customers();
    trade(&env, SATO);
    trade(&env, SUZUKI);
    let mut server = Server::start();
    let cfg = config(&env, server.port(), "none", "");
    server.stop();
    let before = env
        .run(&["--format", "json", "notify", "outbox"])
        .ok()
        .json();
    let r = send(&env, &cfg, &[]).status(75);
    assert!(r.stderr().contains("cannot be reached"), "{}", r.stderr());
    assert!(r.stderr().contains(&format!("127.0.0.1:{}", server.port())));
    let after = env
        .run(&["--format", "json", "notify", "outbox"])
        .ok()
        .json();
    assert_eq!(before, after, "nothing marked");
    assert_eq!(pending(&env), 2);
    assert_eq!(
        env.sql_i64(
            "SELECT count(*) FROM outbox WHERE claimed_by IS NOT NULL OR attempts > 0",
            &[]
        ),
        0
    );
    assert_eq!(audit_count(&env, "notify.send"), 0);
    // Back up: everything goes.
    let server = Server::start();
    let cfg = config(&env, server.port(), "none", "");
    send(&env, &cfg, &[]).ok();
    assert_eq!(server.received().len(), 2);
}

#[test]
fn starttls_with_the_test_ca_delivers_and_a_wrong_ca_is_refused() {
    let env = Env::with_customers();
    trade(&env, SATO);
    let pki = TestPki::new();
    let server = Server::with_tls(pki.server.clone());
    let wrong = TestPki::new();
    env.write("wrong-ca.pem", &wrong.ca_pem);
    let cfg = config(
        &env,
        server.port(),
        "starttls",
        "ca_file = \"wrong-ca.pem\"\n",
    );
    let r = send(&env, &cfg, &[]).status(75);
    assert!(r.stderr().contains("TLS"), "{}", r.stderr());
    assert!(server.received().is_empty());
    assert_eq!(pending(&env), 1, "nothing marked sent");
    // Without ca_file the test CA is not trusted either.
    let cfg = config(&env, server.port(), "starttls", "");
    send(&env, &cfg, &[]).status(75);
    assert_eq!(pending(&env), 1);

    // The right CA, with a login: the password comes from a file of mode 0600.
    env.write("ca.pem", &pki.ca_pem);
    let pw = env.write("relay.pw", "s3cret-relay\n");
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&pw, std::fs::Permissions::from_mode(0o644)).unwrap();
    let cfg = config(
        &env,
        server.port(),
        "starttls",
        "ca_file = \"ca.pem\"\nusername = \"acctsec\"\npassword_file = \"relay.pw\"\n",
    );
    let r = send(&env, &cfg, &[]).status(78);
    assert!(r.stderr().contains("chmod 600"), "{}", r.stderr());
    assert!(!r.stderr().contains("s3cret"));
    std::fs::set_permissions(&pw, std::fs::Permissions::from_mode(0o600)).unwrap();
    send(&env, &cfg, &[]).ok();
    let got = server.received();
    assert_eq!(got.len(), 1);
    assert!(got[0].tls, "sent inside TLS");
    assert_eq!(
        server.logins(),
        vec![("acctsec".to_string(), "s3cret-relay".to_string())]
    );
    assert_eq!(pending(&env), 0);
    // A relay that offers no STARTTLS is refused when tls = "starttls".
    trade(&env, SUZUKI);
    let plain = Server::start();
    let cfg = config(&env, plain.port(), "starttls", "ca_file = \"ca.pem\"\n");
    send(&env, &cfg, &[]).status(75).stderr_has("STARTTLS");
    assert!(plain.received().is_empty());
}

#[test]
fn the_password_may_come_from_the_environment_never_the_ledger() {
    let env = Env::with_customers();
    trade(&env, SATO);
    let server = Server::start();
    // (A login in clear: said in as many words, this test relay has no TLS.)
    let cfg = config(
        &env,
        server.port(),
        "none",
        "username = \"acctsec\"\nallow_plaintext_auth = true\n",
    );
    // A username without a password is a configuration error.
    send(&env, &cfg, &[])
        .status(78)
        .stderr_has("ACCTSEC_SMTP_PASSWORD");
    let r = common::Run(
        env.cmd()
            .env("ACCTSEC_SMTP_PASSWORD", "env-relay-pw")
            .args(["--config", &cfg, "notify", "send"])
            .output()
            .unwrap(),
    )
    .ok();
    assert_eq!(r.stdout(), "");
    assert_eq!(server.logins()[0].1, "env-relay-pw");
    let dump = String::from_utf8_lossy(&env.contents()).to_string();
    assert!(!dump.contains("env-relay-pw"));
}

#[test]
fn two_concurrent_runs_send_each_notice_exactly_once() {
    let env = Env::with_customers();
    let codes: Vec<String> = env
        .sql_col("SELECT code FROM customer ORDER BY code", &[])
        .into_iter()
        .collect();
    for c in &codes {
        trade(&env, c);
    }
    let queued = pending(&env);
    assert!(queued >= 25, "{queued}");
    let server = Server::slow(Duration::from_millis(20));
    let cfg = config(&env, server.port(), "none", "");
    let spawn = || {
        env.std_cmd()
            .args(["--format", "json", "--config", &cfg, "notify", "send"])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (a, b) = (spawn(), spawn());
    let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
    let a = common::Run(a).ok().json();
    let b = common::Run(b).ok().json();
    let total = a["sent"].as_i64().unwrap() + b["sent"].as_i64().unwrap();
    assert_eq!(total, queued, "{a} {b}");
    let mut ids: Vec<i64> = server.received().iter().map(|r| id_of(&parse(r))).collect();
    assert_eq!(ids.len() as i64, queued);
    ids.sort();
    ids.dedup();
    assert_eq!(
        ids.len() as i64,
        queued,
        "each notice received exactly once"
    );
    assert_eq!(pending(&env), 0);
    assert_eq!(
        env.sql_i64(
            "SELECT count(*) FROM outbox WHERE claimed_by IS NOT NULL",
            &[]
        ),
        0
    );
}

#[test]
fn limit_dry_run_and_the_rate_limit() {
    let env = Env::with_customers();
    for c in [SATO, SUZUKI, "1000174"] {
        trade(&env, c);
    }
    let server = Server::start();
    // 6000 a minute: 10 ms apart, nothing a test waits for.
    let cfg = config(&env, server.port(), "none", "max_per_minute = 6000\n");
    let r = env
        .run(&[
            "--format",
            "json",
            "--config",
            &cfg,
            "notify",
            "send",
            "--dry-run",
        ])
        .ok();
    let rows = r.json();
    assert_eq!(rows.as_array().unwrap().len(), 3);
    assert_eq!(rows[0]["charset"], "UTF-8");
    assert!(rows[0]["to"].as_str().unwrap().contains('*'), "masked");
    assert!(server.received().is_empty());
    assert_eq!(pending(&env), 3);
    let (_, j) = send_json(&env, &cfg, &["--limit", "2"]);
    assert_eq!(j["sent"], 2, "{j}");
    assert_eq!(pending(&env), 1);
    let (_, j) = send_json(&env, &cfg, &["--budget", "1h"]);
    assert_eq!(j["sent"], 1, "{j}");
    assert_eq!(j["budget_exceeded"], false);
}

#[test]
fn config_errors_name_the_key_and_line() {
    let env = Env::with_customers();
    let bad = env.write(
        "bad.toml",
        "[smtp]\nhost = \"x\"\nport = 25\ntls = \"sometimes\"\nfrom = \"a@b.example\"\n",
    );
    let r = env
        .run(&["--config", &bad.display().to_string(), "notify", "send"])
        .status(78);
    assert!(r.stderr().contains("bad.toml:4"), "{}", r.stderr());
    let bad = env.write(
        "bad2.toml",
        "[smtp]\nhost = \"x\"\nport = 25\ntls = \"none\"\nfrom = \"a@b.example\"\nmax_per_minute = 0\n",
    );
    env.run(&["--config", &bad.display().to_string(), "notify", "send"])
        .status(78)
        .stderr_has("bad2.toml:6");
    let bad = env.write(
        "bad3.toml",
        "[smtp]\nhost = \"x\"\nport = 25\ntls = \"none\"\nfrom = \"not an address\"\n",
    );
    env.run(&["--config", &bad.display().to_string(), "notify", "send"])
        .status(78)
        .stderr_has("bad3.toml:5");
    let none = env.write("none.toml", "");
    env.run(&["--config", &none.display().to_string(), "notify", "send"])
        .status(78)
        .stderr_has("[smtp]");
}

/// The code in a mail body: the digits after `認証コード: `.
fn code_in(body: &str) -> String {
    let code: String = body
        .split("認証コード: ")
        .nth(1)
        .unwrap_or_else(|| panic!("no code in {body}"))
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    assert!(code.len() >= 6, "{body}");
    code
}

/// Every text column of every table of the ledger, read directly (as a
/// read-only role or anyone with the file would), one value a line.
fn every_text(env: &Env) -> String {
    let tables = if common::on_pg() {
        env.sql_col(
            "SELECT table_name FROM information_schema.tables
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
            &[],
        )
    } else {
        env.sql_col("SELECT name FROM sqlite_master WHERE type = 'table'", &[])
    };
    assert!(tables.iter().any(|t| t == "outbox"), "{tables:?}");
    let mut out = String::new();
    for t in tables {
        let cols = if common::on_pg() {
            env.sql_col(
                "SELECT column_name FROM information_schema.columns
                 WHERE table_schema = current_schema() AND table_name = ?1",
                &[&t],
            )
        } else {
            env.sql_col("SELECT name FROM pragma_table_info(?1)", &[&t])
        };
        for c in cols {
            let sql =
                format!("SELECT CAST(\"{c}\" AS TEXT) FROM \"{t}\" WHERE \"{c}\" IS NOT NULL");
            for v in env.sql_col(&sql, &[]) {
                out.push_str(&v);
                out.push('\n');
            }
        }
    }
    out
}

/// The bytes the ledger's storage holds, dead row versions and free pages
/// included: on SQLite the file and its WAL; on PostgreSQL, after a
/// CHECKPOINT (which writes every dirty page out), the files of this
/// test's database and the server's write-ahead log, read from the
/// throwaway server's data directory (the tests run as root; a data
/// directory they cannot read fails the test under CI).
fn raw_storage(env: &Env) -> Vec<u8> {
    fn read_tree(dir: &std::path::Path, out: &mut Vec<u8>) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                read_tree(&p, out);
            } else if let Ok(b) = std::fs::read(&p) {
                out.extend(b);
            }
        }
    }
    let mut all = Vec::new();
    if !common::on_pg() {
        all.extend(std::fs::read(env.db()).unwrap());
        if let Ok(wal) = std::fs::read(env.path("ledger.db-wal")) {
            all.extend(wal);
        }
        return all;
    }
    let mut admin = common::pg::admin();
    admin.batch_execute("CHECKPOINT").unwrap();
    let data: String = admin.query_one("SHOW data_directory", &[]).unwrap().get(0);
    let db = env.db().display().to_string();
    let name = db
        .rsplit('/')
        .next()
        .unwrap()
        .split('?')
        .next()
        .unwrap()
        .to_string();
    let oid: u32 = admin
        .query_one("SELECT oid FROM pg_database WHERE datname = $1", &[&name])
        .unwrap()
        .get(0);
    let base = std::path::Path::new(&data)
        .join("base")
        .join(oid.to_string());
    if std::fs::read_dir(&base).is_err() {
        common::missing(&format!(
            "read access to the PostgreSQL data directory {data}"
        ));
        return all;
    }
    read_tree(&base, &mut all);
    read_tree(&std::path::Path::new(&data).join("pg_wal"), &mut all);
    assert!(all.len() > 8192, "the database's files were read");
    all
}

fn holds(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Issue 24 item 6, the finding: a reader of the ledger (any role, any
/// backend, row versions gone by and free pages included) learnt a live
/// auth code from `outbox.body` until its mail went out. Now the issuing
/// host seals it to the sending host's key: every text column of every
/// table and the raw storage are searched for the code the customer got.
#[test]
fn a_live_auth_code_is_in_no_column_no_row_version_and_no_page_of_the_ledger() {
    let env = Env::with_customers();
    codes_on(&env, SATO);
    let now = "2026-12-01T10:00:00+09:00";
    env.run_at(now, &["authcode", "issue", SATO, "--purpose", "withdrawal"])
        .ok();
    // What a reader sees while the code is live, before its mail goes out.
    let texts = every_text(&env);
    let raw = raw_storage(&env);
    let body = env.sql_text("SELECT body FROM outbox WHERE authcode IS NOT NULL", &[]);
    assert!(body.starts_with("sealed:x25519:"), "{body}");
    // The search sees what is stored in clear: the notice's subject and the
    // code's redacted copy are found, in the columns and in the storage.
    let subject = env.sql_text("SELECT subject FROM outbox WHERE authcode IS NOT NULL", &[]);
    let redacted = env.sql_text("SELECT redacted_body FROM authcode", &[]);
    assert!(texts.contains(&subject) && texts.contains(&redacted));
    assert!(holds(&raw, subject.as_bytes()) && holds(&raw, redacted.as_bytes()));
    let server = Server::start();
    let cfg = config(&env, server.port(), "none", "");
    common::Run(
        env.cmd_at(now)
            .args(["--config", &cfg, "notify", "send"])
            .output()
            .unwrap(),
    )
    .ok();
    let got = server.received();
    assert_eq!(got.len(), 1);
    let code = code_in(&parse(&got[0]).body);
    let needle = format!("認証コード: {code}");
    assert!(!texts.contains(&needle), "a table holds the live code");
    assert!(
        !holds(&raw, needle.as_bytes()),
        "the storage holds the live code"
    );
    assert!(!every_text(&env).contains(&needle));
    assert!(!holds(&raw_storage(&env), needle.as_bytes()));
    assert_eq!(
        env.sql_text("SELECT status FROM outbox WHERE authcode IS NOT NULL", &[]),
        "sent"
    );
    // It is the customer's live code.
    verify_code(&env, SATO, &code, Some(now));
}

/// The issuing host (A) has only the public key; a sending host without
/// the private key (C) leaves the sealed notice alone and says so; the
/// host with it (B) delivers the right code.
#[test]
fn a_sealed_code_is_delivered_only_by_the_host_with_the_key() {
    let env = Env::with_customers();
    codes_on(&env, SATO);
    let public = std::fs::read_to_string(env.path(".config/acctsec/config.toml")).unwrap();
    let public = public
        .lines()
        .find_map(|l| l.strip_prefix("seal_public_key = "))
        .unwrap()
        .trim_matches('"')
        .to_string();
    let host_a = env.write(
        "host-a.toml",
        format!("[notify]\nseal_public_key = \"{public}\"\n"),
    );
    withdrawal_code(&env, &host_a.display().to_string())
        .ok()
        .stdout_has("sealed");
    let server = Server::start();
    // Host C: a relay, no key; and another key altogether.
    let host_c = env.write("host-c.toml", smtp_table(server.port(), "none", ""));
    let (_, j) = send_json(&env, &host_c.display().to_string(), &[]);
    assert_eq!(
        (j["sent"].as_i64(), j["left_sealed"].as_i64()),
        (Some(0), Some(1)),
        "{j}"
    );
    let r = send(&env, &host_c.display().to_string(), &[]).ok();
    assert!(r.stderr().contains("left for the host"), "{}", r.stderr());
    let other = env.path("other.key");
    env.run(&["notify", "keygen", "--out", &other.display().to_string()])
        .ok();
    let host_d = env.write(
        "host-d.toml",
        format!(
            "{}[notify]\nseal_key_file = \"{}\"\n",
            smtp_table(server.port(), "none", ""),
            other.display()
        ),
    );
    let (_, j) = send_json(&env, &host_d.display().to_string(), &[]);
    assert_eq!(
        (j["sent"].as_i64(), j["left_sealed"].as_i64()),
        (Some(0), Some(1)),
        "{j}"
    );
    assert!(server.received().is_empty());
    assert_eq!(pending(&env), 1);
    // Host B: the relay and the key.
    let host_b = config(&env, server.port(), "none", "");
    let (_, j) = send_json(&env, &host_b, &[]);
    assert_eq!(
        (j["sent"].as_i64(), j["left_sealed"].as_i64()),
        (Some(1), Some(0)),
        "{j}"
    );
    let got = server.received();
    assert_eq!(got.len(), 1);
    let code = code_in(&parse(&got[0]).body);
    verify_code(&env, SATO, &code, None);
}

/// With `[smtp]` on the issuing host the code is mailed at once: the ledger
/// only ever gets the redacted body, the notice is recorded sent in the
/// same run, and `notify send` has nothing left to do.
#[test]
fn with_a_relay_the_issuing_host_mails_the_code_at_once() {
    let env = Env::with_customers();
    codes_on(&env, SATO);
    let server = Server::start();
    let cfg = env
        .write("direct.toml", smtp_table(server.port(), "none", ""))
        .display()
        .to_string();
    let r = env
        .run(&[
            "--format",
            "json",
            "--config",
            &cfg,
            "authcode",
            "issue",
            SATO,
            "--purpose",
            "withdrawal",
        ])
        .ok();
    let j = r.json();
    assert_eq!(
        (j["issued"].as_bool(), j["sent"].as_bool()),
        (Some(true), Some(true)),
        "{j}"
    );
    let got = server.received();
    assert_eq!(got.len(), 1);
    let code = code_in(&parse(&got[0]).body);
    assert!(!r.stdout().contains(&code) && !r.stderr().contains(&code));
    let needle = format!("認証コード: {code}");
    assert!(!every_text(&env).contains(&needle));
    assert!(!holds(&raw_storage(&env), needle.as_bytes()));
    assert_eq!(
        env.sql_rows(
            "SELECT status, claimed_by FROM outbox WHERE authcode IS NOT NULL",
            &[]
        ),
        vec![vec![Some("sent".to_string()), None]]
    );
    assert_eq!(audit_count(&env, "notify.sent"), 1);
    let details = env.sql_text(
        "SELECT details FROM audit_log WHERE action = 'authcode.issue'",
        &[],
    );
    assert!(details.contains("\"delivery\":\"direct\""), "{details}");
    let (_, j) = send_json(&env, &cfg, &[]);
    assert_eq!(j["sent"], 0, "{j}");
    assert_eq!(server.received().len(), 1, "never mailed twice");
    verify_code(&env, SATO, &code, None);
}

/// The policy's `[mail] relays` decide where notices may go, not a host's
/// configuration file: a `[smtp]` naming another relay (a listener of
/// one's own) gets neither a code from `authcode issue` nor a notice from
/// `notify send`, and each refusal is in the trail; the relay the policy
/// lists carries both.
#[test]
fn only_a_relay_the_policy_lists_gets_codes_and_notices() {
    let env = Env::with_customers();
    codes_on(&env, SATO);
    trade(&env, SUZUKI);
    let server = Server::start();
    let own = env
        .write("own.toml", smtp_table(server.port(), "none", ""))
        .display()
        .to_string();
    let policy = |relays: &str| {
        let toml = env.run(&["policy", "show", "--toml"]).ok().stdout();
        let (head, tail) = toml
            .split_once("[mail]\nrelays = ")
            .expect("[mail] in the policy");
        let (_, rest) = tail.split_once('\n').unwrap();
        let toml = format!("{head}[mail]\nrelays = {relays}\n{rest}");
        let f = env.write("policy-mail.toml", toml);
        env.run(&["--yes", "policy", "set", "--file", f.to_str().unwrap()])
            .ok();
    };
    policy("[\"smtp.example.co.jp:587\"]");
    let issue = |cfg: &str| withdrawal_code(&env, cfg);
    issue(&own)
        .status(78)
        .stderr_has("127.0.0.1")
        .stderr_has("smtp.example.co.jp:587");
    send(&env, &own, &[]).status(78).stderr_has("[mail] relays");
    assert!(server.received().is_empty(), "nothing reached the listener");
    assert!(server.logins().is_empty());
    assert_eq!(
        env.sql_i64("SELECT count(*) FROM authcode", &[]),
        0,
        "no code issued"
    );
    assert_eq!(pending(&env), 1, "the trade notice waits");
    let refused = env.sql_rows(
        "SELECT customer, details FROM audit_log WHERE action = 'notify.relay_refused' ORDER BY seq",
        &[],
    );
    assert_eq!(refused.len(), 2, "{refused:?}");
    assert_eq!(refused[0][0].as_deref(), Some(SATO));
    assert_eq!(refused[1][0], None);
    let relay = format!("127.0.0.1:{}", server.port());
    assert!(
        refused
            .iter()
            .all(|r| r[1].as_deref().unwrap().contains(&relay)),
        "{refused:?}"
    );
    // The listed relay (by host and port, or by host alone) carries both.
    policy(&format!(
        "[\"smtp.example.co.jp:587\", \"127.0.0.1:{}\"]",
        server.port()
    ));
    issue(&own).ok();
    let (_, j) = send_json(&env, &own, &[]);
    assert_eq!(j["sent"], 1, "{j}");
    assert_eq!(server.received().len(), 2);
    let details = env.sql_text(
        "SELECT details FROM audit_log WHERE action = 'authcode.issue' AND details LIKE '%\"ok\":true%'",
        &[],
    );
    assert!(
        details.contains(&format!("\"relay\":\"{relay}\"")),
        "{details}"
    );
    policy("[\"127.0.0.1\"]");
    trade(&env, SUZUKI);
    let (_, j) = send_json(&env, &own, &[]);
    assert_eq!(j["sent"], 1, "{j}");
    // While any action needs a second person, letting notices through a
    // relay the list did not allow needs one too (exit 5: a request),
    // even though `policy.set` itself is not listed.
    let toml = env.run(&["policy", "show", "--toml"]).ok().stdout();
    let gated = toml.replace(
        "[approval]\nrequired_for = []",
        "[approval]\nrequired_for = [\"lock.remove\"]",
    );
    assert_ne!(gated, toml);
    let f = env.write("policy-gated.toml", &gated);
    env.run(&["--yes", "policy", "set", "--file", f.to_str().unwrap()])
        .ok();
    let any = gated.replace("relays = [\"127.0.0.1\"]", "relays = []");
    assert_ne!(any, gated);
    let f = env.write("policy-any.toml", any);
    env.run(&["--yes", "policy", "set", "--file", f.to_str().unwrap()])
        .status(5);
    env.run(&["log", "verify"]).ok();
}

/// The relay down, deferring or refusing: no live code stays behind
/// silently, nothing readable is stored, and the exit code says whether to
/// try again (75) or look at the address (65).
#[test]
fn with_the_relay_down_or_refusing_no_code_stays_live() {
    let env = Env::with_customers();
    codes_on(&env, SATO);
    let issue = |cfg: &str| withdrawal_code(&env, cfg);
    let live = || {
        env.sql_i64(
            "SELECT count(*) FROM authcode WHERE state = 'live' AND customer = ?1",
            &[&SATO],
        )
    };
    // Nobody listens on the port: nothing issued, the refusal audited.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let down = env
        .write("down.toml", smtp_table(port, "none", ""))
        .display()
        .to_string();
    let r = issue(&down).status(75);
    assert!(
        r.stderr().contains("no withdrawal auth code was issued"),
        "{}",
        r.stderr()
    );
    assert_eq!(env.sql_i64("SELECT count(*) FROM authcode", &[]), 0);
    assert!(
        env.sql_text(
            "SELECT details FROM audit_log WHERE action = 'authcode.issue'",
            &[]
        )
        .contains("relay_unreachable")
    );
    // The relay refuses the address for good: the code is ended at once.
    let server = Server::start();
    let cfg = env
        .write("up.toml", smtp_table(server.port(), "none", ""))
        .display()
        .to_string();
    server.script(&[Reply::Code("550 5.1.1 no such user")]);
    let r = issue(&cfg).status(65);
    assert!(r.stderr().contains("code was ended"), "{}", r.stderr());
    assert_eq!(live(), 0);
    assert_eq!(audit_count(&env, "authcode.undelivered"), 1);
    assert_eq!(
        env.sql_text("SELECT status FROM outbox WHERE authcode IS NOT NULL", &[]),
        "failed"
    );
    // Its notice holds no code: it cannot be put back in the queue.
    let failed = env.sql_i64("SELECT id FROM outbox WHERE authcode IS NOT NULL", &[]);
    env.run(&["notify", "outbox", "retry", &failed.to_string()])
        .status(2)
        .stderr_has("issue a new code");
    // It reached nobody: the next one is not held back by the cooldown. A
    // deferral (4xx) cannot be retried later (the code is not kept): the
    // code is ended too, and the answer is "try again" (75).
    server.script(&[Reply::Code("451 4.3.0 try again later")]);
    issue(&cfg).status(75).stderr_has("in a few minutes");
    assert_eq!(live(), 0);
    assert_eq!(audit_count(&env, "authcode.undelivered"), 2);
    // No code, live or ended, was stored readable on the way.
    for r in server.received() {
        let code = code_in(&parse(&r).body);
        assert!(!every_text(&env).contains(&format!("認証コード: {code}")));
    }
    // The relay works again: the code goes out.
    issue(&cfg).ok();
    assert_eq!(live(), 1);
    env.run(&["log", "verify"]).ok();
}

/// `authcode issue` on a host with neither a relay nor a seal key refuses
/// (exit 78), saying what to add; `notify keygen` writes the private key
/// 0600, never over a file, and prints the public key.
#[test]
fn without_a_route_issue_refuses_and_keygen_makes_a_private_key_once() {
    let env = Env::with_customers();
    codes_on(&env, SATO);
    let bare = env.write("bare.toml", "").display().to_string();
    let r = withdrawal_code(&env, &bare).status(78);
    assert!(
        r.stderr().contains("seal_public_key") && r.stderr().contains("[smtp]"),
        "{}",
        r.stderr()
    );
    assert_eq!(env.sql_i64("SELECT count(*) FROM authcode", &[]), 0);
    let key = env.path("notify-seal.key");
    assert_eq!(common::file_mode(&key), 0o600);
    let before = std::fs::read(&key).unwrap();
    env.run(&["notify", "keygen", "--out", &key.display().to_string()])
        .status(73);
    assert_eq!(std::fs::read(&key).unwrap(), before, "never overwritten");
    let j = env
        .run(&[
            "--format",
            "json",
            "notify",
            "keygen",
            "--out",
            &env.path("k2").display().to_string(),
        ])
        .ok()
        .json();
    assert!(
        j["public_key"].as_str().unwrap().starts_with("x25519:"),
        "{j}"
    );
    // A private key others may read is refused where it is used.
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o644)).unwrap();
    env.run(&["authcode", "issue", SATO, "--purpose", "withdrawal"])
        .ok();
    let server = Server::start();
    let cfg = config(&env, server.port(), "none", "");
    send(&env, &cfg, &[]).status(78).stderr_has("chmod 600");
}

#[test]
fn a_notice_deferred_too_often_fails_visibly() {
    let env = Env::with_customers();
    trade(&env, SATO);
    env.sql_exec("UPDATE outbox SET attempts = 15", &[]);
    let server = Server::start();
    server.script(&[Reply::Code("421 4.7.0 too busy")]);
    let cfg = config(&env, server.port(), "none", "");
    let (r, j) = send_json(&env, &cfg, &[]);
    assert_eq!(r.code(), 1);
    assert_eq!(j["failed"], 1, "{j}");
    let row = env.sql_rows("SELECT status, attempts, reply FROM outbox", &[]);
    assert_eq!(row[0][0].as_deref(), Some("failed"));
    assert_eq!(row[0][1].as_deref(), Some("16"));
    assert!(
        row[0][2]
            .as_deref()
            .unwrap()
            .contains("gave up after 16 attempts")
    );
}

/// The one trade notice mailed to customer `code` named `name`, whose only
/// address is `address` (a carrier's, under the default list of mobile
/// domains: ISO-2022-JP), as the relay received it.
fn mobile_trade_mail(code: &str, name: &str, address: &str) -> Received {
    let env = Env::with_cheap_ledger();
    let csv = env.write(
        "c.csv",
        format!(
            "code,name,birth_date,phone,mobile_phone,email_pc,email_mobile,login_hash\n\
             {code},{name},1990-01-01,,,,{address},\n"
        ),
    );
    env.run(&["customer", "import", &csv.display().to_string()])
        .ok();
    env.run(&[
        "notify",
        "set",
        code,
        "trade_executed",
        "on",
        "--to",
        "mobile",
    ])
    .ok();
    trade(&env, code);
    let server = Server::start();
    // The default list of mobile domains.
    let text = format!(
        "[smtp]\nhost = \"127.0.0.1\"\nport = {}\ntls = \"none\"\nfrom = \"{FROM}\"\n",
        server.port()
    );
    let cfg = env.write("default.toml", text).display().to_string();
    send(&env, &cfg, &[]).ok();
    let mut got = server.received();
    assert_eq!(got.len(), 1);
    got.remove(0)
}

#[test]
fn a_mobile_address_gets_half_width_kana_and_circled_digits_made_safe() {
    let got = mobile_trade_mail("2000001", "ﾀﾅｶ ﾀﾞｲｽｹ①", "daisuke@docomo.ne.jp");
    let m = parse(&got);
    assert_eq!(m.charset.to_ascii_uppercase(), "ISO-2022-JP");
    assert!(m.body.contains("タナカ ダイスケ(1) 様"), "{}", m.body);
    assert!(!m.body.contains('〓'), "{}", m.body);
    // The display name of From, in ISO-2022-JP too.
    assert!(m.from.contains("証券 お知らせ"), "{}", m.from);
    assert!(m.raw.contains("From: =?ISO-2022-JP?B?"), "{}", m.raw);
}

/// Issue 24: no line of a message passes 998 octets (RFC 5322). A name of
/// kanji and circled digits in turn (200 characters, the most a name may
/// have) costs 6 octets of ISO-2022-JP escapes a pair and `(1)` for each
/// `①`: its line would; the body then goes base64 and reads back the same.
#[test]
fn a_very_long_mixed_name_never_makes_a_line_past_998_octets() {
    let name = "漢①".repeat(100);
    let got = mobile_trade_mail("2000002", &name, "long@docomo.ne.jp");
    for line in got.data.split(|&b| b == b'\n') {
        assert!(line.len() <= 1000, "a line of {} octets", line.len());
    }
    let m = parse(&got);
    assert_eq!(m.charset.to_ascii_uppercase(), "ISO-2022-JP");
    assert!(
        m.raw.contains("Content-Transfer-Encoding: base64"),
        "{}",
        m.raw
    );
    let safe = "漢(1)".repeat(100);
    assert!(m.body.contains(&format!("{safe} 様")), "{}", m.body);
}

/// `authcode issue` of a withdrawal code for SATO with configuration `cfg`.
fn withdrawal_code(env: &Env, cfg: &str) -> common::Run {
    env.run(&[
        "--config",
        cfg,
        "authcode",
        "issue",
        SATO,
        "--purpose",
        "withdrawal",
    ])
}

/// Turn the withdrawal code on for `code` (to the PC address); the host
/// seals codes to its own key (made once).
fn codes_on(env: &Env, code: &str) {
    codes_to(env, code, "pc");
}

/// As [`codes_on`], the codes going to `to` (`pc`, `mobile`, `both`).
fn codes_to(env: &Env, code: &str, to: &str) {
    if !env.path("notify-seal.key").exists() {
        env.seal_codes();
    }
    env.run(&[
        "notify",
        "set",
        code,
        "withdrawal_auth_code",
        "on",
        "--to",
        to,
        "--reason",
        "customer request",
    ])
    .ok();
}

/// The outbox id of `code`'s newest auth code notice.
fn code_notice(env: &Env, code: &str) -> i64 {
    env.sql_i64(
        "SELECT max(id) FROM outbox WHERE authcode IS NOT NULL AND customer = ?1",
        &[&code],
    )
}

/// A `notify send --format json` run under way against a relay that takes
/// 150 ms a message (so the run lasts seconds), once the relay has `n`
/// messages: the relay, the configuration file and the running child.
fn slow_run(env: &Env, n: usize) -> (Server, String, std::process::Child) {
    let server = Server::slow(Duration::from_millis(150));
    let cfg = config(env, server.port(), "none", "");
    let child = env
        .std_cmd()
        .args(["--format", "json", "--config", &cfg, "notify", "send"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let waited = std::time::Instant::now();
    while server.received().len() < n {
        assert!(
            waited.elapsed() < Duration::from_secs(60),
            "the run stalled"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    (server, cfg, child)
}

/// Issue 27: a code waits for no backlog. Issued after a bulk of trade
/// notices it goes first; issued while a long run is under way it goes
/// after the message in flight, not after the run's claimed batch.
#[test]
fn auth_codes_go_before_a_bulk_backlog_even_when_issued_mid_run() {
    let env = Env::with_customers();
    codes_on(&env, SATO);
    codes_on(&env, SUZUKI);
    for c in env.sql_col("SELECT code FROM customer ORDER BY code", &[]) {
        trade(&env, &c);
    }
    let backlog = pending(&env);
    assert!(backlog >= 30, "{backlog}");
    env.run(&["authcode", "issue", SATO, "--purpose", "withdrawal"])
        .ok();
    let first_code = code_notice(&env, SATO);
    let (server, _, child) = slow_run(&env, 3);
    env.run(&["authcode", "issue", SUZUKI, "--purpose", "withdrawal"])
        .ok();
    let done_by_then = server.received().len();
    let second_code = code_notice(&env, SUZUKI);
    let j = common::Run(child.wait_with_output().unwrap()).ok().json();
    assert_eq!(j["sent"], backlog + 2, "{j}");
    let order: Vec<i64> = server.received().iter().map(|r| id_of(&parse(r))).collect();
    assert_eq!(
        order[0], first_code,
        "the code queued before the run goes first"
    );
    let at = order.iter().position(|&i| i == second_code).unwrap();
    assert!(
        at <= done_by_then + 1,
        "the code issued mid-run went out as message {at}; {done_by_then} were done when it was queued"
    );
    // The trade notices keep their order around the codes.
    let trades: Vec<i64> = order
        .iter()
        .copied()
        .filter(|i| *i != first_code && *i != second_code)
        .collect();
    let mut sorted = trades.clone();
    sorted.sort();
    assert_eq!(trades, sorted);
    assert_eq!(pending(&env), 0);
}

/// A run stopped by SIGTERM (a cron job's timeout, an operator's `kill`)
/// ends between two messages with exit 143: what went out is recorded, the
/// notices it had claimed are given back at once (not held for the claim's
/// 15 minutes), so the next run sends the rest straight away.
#[test]
fn a_run_stopped_by_sigterm_gives_its_claims_back() {
    let env = Env::with_customers();
    for c in env.sql_col("SELECT code FROM customer ORDER BY code", &[]) {
        trade(&env, &c);
    }
    let backlog = pending(&env);
    let (server, cfg, child) = slow_run(&env, 2);
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(child.id() as i32),
        nix::sys::signal::Signal::SIGTERM,
    )
    .unwrap();
    let r = common::Run(child.wait_with_output().unwrap());
    assert_eq!(r.code(), 143, "{}", r.stderr());
    assert!(r.stderr().contains("SIGTERM"), "{}", r.stderr());
    let j = r.json();
    let sent = j["sent"].as_i64().unwrap();
    assert_eq!(j["interrupted"], "SIGTERM", "{j}");
    assert!(sent >= 2 && sent < backlog, "{j}");
    assert_eq!(server.received().len() as i64, sent);
    // Nothing is held: a second run at once sends all the rest.
    let (_, j) = send_json(&env, &cfg, &[]);
    assert_eq!(j["sent"], backlog - sent, "{j}");
    assert_eq!(pending(&env), 0);
    assert_eq!(server.received().len() as i64, backlog);
    let runs = env.sql_col(
        "SELECT details FROM audit_log WHERE action = 'notify.send' ORDER BY seq",
        &[],
    );
    assert!(runs[0].contains("SIGTERM"), "{runs:?}");
}

/// Issue 27: nothing stale is mailed. A code that expired, or was used on
/// another channel, before its mail went out is marked `expired`, audited
/// and listed by `notify outbox --status expired`; the other mail goes.
#[test]
fn a_code_past_its_time_or_used_is_never_mailed_and_is_marked_expired() {
    let env = Env::with_customers();
    codes_on(&env, SATO);
    codes_on(&env, SUZUKI);
    // A clock standing still from an hour ahead (the trail refuses time
    // running backwards, so every later command keeps to it).
    let base = chrono::Utc::now() + chrono::Duration::hours(1);
    let at = |min: i64| (base + chrono::Duration::minutes(min)).to_rfc3339();
    let t0 = at(0);
    env.run_at(&t0, &["authcode", "issue", SATO, "--purpose", "withdrawal"])
        .ok();
    env.run_at(
        &t0,
        &["authcode", "issue", SUZUKI, "--purpose", "withdrawal"],
    )
    .ok();
    let (late, used) = (code_notice(&env, SATO), code_notice(&env, SUZUKI));
    let body = env.open_sealed(&env.sql_text("SELECT body FROM outbox WHERE id = ?1", &[&used]));
    let code: String = body
        .split("認証コード: ")
        .nth(1)
        .unwrap()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    verify_code(&env, SUZUKI, &code, Some(&at(1)));
    env.run_at(&at(2), &["notify", "emit", "trade_executed", SATO])
        .ok();
    let server = Server::start();
    let cfg = config(&env, server.port(), "none", "");
    // The dry run would not send them either.
    let dry = env
        .cmd_at(&at(15))
        .args([
            "--format",
            "json",
            "--config",
            &cfg,
            "notify",
            "send",
            "--dry-run",
        ])
        .output()
        .unwrap();
    let dry = common::Run(dry).ok().json();
    assert_eq!(dry.as_array().unwrap().len(), 1, "{dry}");
    assert_eq!(dry[0]["type"], "trade_executed");
    let r = env
        .cmd_at(&at(15))
        .args(["--format", "json", "--config", &cfg, "notify", "send"])
        .output()
        .unwrap();
    let j = common::Run(r).ok().json();
    assert_eq!(j["sent"], 1, "{j}");
    let got = server.received();
    assert_eq!(got.len(), 1);
    assert!(
        parse(&got[0]).subject.contains("約定"),
        "{}",
        parse(&got[0]).subject
    );
    let st = statuses(&env);
    assert_eq!(
        (st[&late].as_str(), st[&used].as_str()),
        ("expired", "expired")
    );
    let listed = env
        .run(&[
            "--format", "json", "notify", "outbox", "--status", "expired",
        ])
        .ok()
        .json();
    let ids: Vec<i64> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, vec![late, used]);
    assert!(
        listed
            .as_array()
            .unwrap()
            .iter()
            .all(|v| v["status"] == "expired")
    );
    assert_eq!(audit_count(&env, "notify.expired"), 2);
    assert_eq!(
        audit_count(&env, "authcode.expire"),
        1,
        "the late one ended first"
    );
    assert!(
        !env.sql_text("SELECT body FROM outbox WHERE id = ?1", &[&used])
            .contains(&code)
    );
    // Never sent later either, and not put back by a retry.
    env.run_at(&at(16), &["--config", &cfg, "notify", "send"])
        .ok();
    assert_eq!(server.received().len(), 1);
    env.run_at(&at(17), &["notify", "outbox", "retry", &late.to_string()])
        .status(2);
    env.run_at(&at(18), &["log", "verify"]).ok();
}

/// Issue 27: the Date: header is Japan time (+0900), the customer's clock.
#[test]
fn the_date_header_is_in_japan_time() {
    let env = Env::with_customers();
    trade(&env, SATO);
    let server = Server::start();
    let cfg = config(&env, server.port(), "none", "");
    common::Run(
        env.cmd_at("2026-12-01T10:00:00+09:00")
            .args(["--config", &cfg, "notify", "send"])
            .output()
            .unwrap(),
    )
    .ok();
    let got = server.received();
    assert_eq!(got.len(), 1);
    let m = mailparse::parse_mail(&got[0].data).unwrap();
    let date = m.headers.get_first_value("Date").unwrap();
    assert_eq!(date, "Tue, 01 Dec 2026 10:00:00 +0900");
}

/// `authcode verify` of `customer`'s withdrawal code `code` (at `now`, or
/// the real clock): it must match.
fn verify_code(env: &Env, customer: &str, code: &str, now: Option<&str>) {
    let mut cmd = match now {
        Some(t) => env.cmd_at(t),
        None => env.cmd(),
    };
    common::Run(
        cmd.args(["authcode", "verify", customer, "--purpose", "withdrawal"])
            .write_stdin(format!("{code}\n"))
            .output()
            .unwrap(),
    )
    .ok();
}

/// Mailed at once to two addresses, one refused: the code reached the
/// customer at the other, so it stays live; the refused notice is failed,
/// and the warning names it and the relay's reply.
#[test]
fn a_code_mailed_at_once_stays_live_when_one_of_two_addresses_is_refused() {
    let env = Env::with_customers();
    codes_to(&env, SATO, "both");
    let server = Server::start();
    let cfg = env
        .write("up.toml", smtp_table(server.port(), "none", ""))
        .display()
        .to_string();
    server.script(&[Reply::Accept, Reply::Code("550 5.1.1 no such user")]);
    let r = withdrawal_code(&env, &cfg).ok();
    let failed = env.sql_i64(
        "SELECT id FROM outbox WHERE authcode IS NOT NULL AND status = 'failed'",
        &[],
    );
    assert!(
        r.stderr().contains(&format!("notice {failed}")) && r.stderr().contains("no such user"),
        "{}",
        r.stderr()
    );
    assert_eq!(
        env.sql_i64(
            "SELECT count(*) FROM outbox WHERE authcode IS NOT NULL AND status = 'sent'",
            &[]
        ),
        1
    );
    assert_eq!(
        env.sql_i64(
            "SELECT count(*) FROM authcode WHERE state = 'live' AND customer = ?1",
            &[&SATO]
        ),
        1
    );
    assert_eq!(audit_count(&env, "authcode.undelivered"), 0);
    let got = server.received();
    assert_eq!(got.len(), 1);
    let code = code_in(&parse(&got[0]).body);
    assert!(!every_text(&env).contains(&format!("認証コード: {code}")));
    verify_code(&env, SATO, &code, None);
    env.run(&["log", "verify"]).ok();
}
