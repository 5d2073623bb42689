//! Output that fits and that scripts can read (issue 13): tables fitted to
//! `COLUMNS`, one JSON document from every command with `--format json`,
//! and the exit codes of output files (73 only when the file exists, 74
//! naming a missing directory).

mod common;

use clap::CommandFactory;
use common::{Env, Run, fixture};
use serde_json::Value;
use unicode_width::UnicodeWidthStr;

const STRONG: &str = "Kx7mQ2vnLp9w";
const STRONGER: &str = "Zr4tW8nuHb6q";

/// A ledger with customers, a lock, queued notices and trail entries: every
/// wide listing has rows.
fn busy_env() -> Env {
    let env = Env::with_customers();
    env.run(&[
        "--yes",
        "customer",
        "set-email",
        "1000100",
        "--pc",
        "new@example.jp",
    ])
    .ok();
    env.run(&[
        "lock",
        "add",
        "1000137",
        "--reason",
        "suspected takeover reported by the call centre on a long call",
    ])
    .ok();
    env
}

fn at_width(env: &Env, width: &str, args: &[&str]) -> Run {
    Run(env
        .cmd()
        .env("COLUMNS", width)
        .args(args)
        .output()
        .expect("run acctsec"))
}

#[test]
fn wide_listings_fit_80_columns_and_say_what_is_hidden() {
    let env = busy_env();
    env.run(&["audit"]);
    for (args, key, hides) in [
        (&["customer", "list"][..], "1000100", true),
        (&["notify", "outbox"][..], "1000137", true),
        (&["log"][..], "customer.set_email|メールアドレス変更", true),
        (&["audit"][..], "1000174", false),
        (&["lock", "list"][..], "1000137", false),
    ] {
        for lang in ["C", "ja_JP.UTF-8"] {
            let run = Run(env
                .cmd()
                .env("COLUMNS", "80")
                .env("LANG", lang)
                .args(args)
                .output()
                .expect("run acctsec"));
            assert!(matches!(run.code(), 0 | 1), "{args:?}: {}", run.stderr());
            let out = run.stdout();
            let table: Vec<&str> = out
                .lines()
                .filter(|l| l.starts_with(['┌', '│', '╞', '└']))
                .collect();
            assert!(table.len() > 3, "{args:?}: no table:\n{out}");
            for line in &table {
                assert!(
                    line.width() <= 80,
                    "{args:?} {lang}: {} wide:\n{out}",
                    line.width()
                );
            }
            // A code, or (after a `|`) its Japanese name in a ja table.
            let key = match key.split_once('|') {
                Some((_, ja)) if lang != "C" => ja,
                Some((code, _)) => code,
                None => key,
            };
            assert!(out.contains(key), "{args:?}: {key} cut:\n{out}");
            let says = if lang == "C" { "hidden" } else { "省略" };
            assert_eq!(
                run.stderr().contains(says),
                hides,
                "{args:?}: {}",
                run.stderr()
            );
            assert!(
                run.stderr().contains("--format csv"),
                "{args:?}: {}",
                run.stderr()
            );
        }
        // csv keeps every column whole, whatever the width.
        let mut csv_args = args.to_vec();
        csv_args.extend(["--format", "csv"]);
        let csv = at_width(&env, "80", &csv_args).stdout();
        assert!(!csv.contains('…'), "{csv}");
        let wide = env.run(&csv_args).stdout();
        assert_eq!(csv, wide, "{args:?}: csv depends on the width");
    }
    // Every column and whole values in csv and json: the key columns of the
    // hidden ones are there.
    let csv = at_width(&env, "80", &["customer", "list", "--format", "csv"]).stdout();
    assert!(
        csv.starts_with("code,name,birth_date,phones,email_pc,email_mobile,"),
        "{csv}"
    );
    let log = at_width(&env, "80", &["log", "--format", "json"]).json();
    assert!(log[0]["details"].is_object(), "{log}");
}

#[test]
fn without_a_width_a_table_keeps_whole_cells() {
    let env = busy_env();
    let out = env.run(&["lock", "list"]).ok().stdout();
    assert!(
        out.contains("suspected takeover reported by the call centre on a long call"),
        "{out}"
    );
    assert!(!out.contains('…'), "{out}");
}

/// Every leaf command of the command line, as words ("notify outbox ack").
fn leaf_commands() -> Vec<String> {
    fn walk(cmd: &clap::Command, prefix: &str, out: &mut Vec<String>) {
        let subs: Vec<_> = cmd
            .get_subcommands()
            .filter(|s| s.get_name() != "help")
            .collect();
        // A command that runs without a subcommand (`log`, `notify outbox`)
        // is a command of its own too.
        if (subs.is_empty() || !cmd.is_subcommand_required_set()) && !prefix.is_empty() {
            out.push(prefix.to_string());
        }
        for s in subs {
            let name = if prefix.is_empty() {
                s.get_name().to_string()
            } else {
                format!("{prefix} {}", s.get_name())
            };
            walk(s, &name, out);
        }
    }
    let mut cmd = acctsec::cli::Cli::command();
    cmd.build();
    let mut out = Vec::new();
    walk(&cmd, "", &mut out);
    out
}

/// How many JSON documents `text` holds (`None`: not JSON).
fn documents(text: &str) -> Option<usize> {
    serde_json::Deserializer::from_str(text)
        .into_iter::<Value>()
        .try_fold(0, |n, d| d.ok().map(|_| n + 1))
}

/// One run with --format json: stdout is exactly one JSON document, or (an
/// error) stdout is empty and stderr ends in the error's JSON object with
/// its exit code.
#[track_caller]
fn one_document(what: &str, run: &Run) {
    let out = run.stdout();
    if out.trim().is_empty() {
        assert_ne!(run.code(), 0, "{what}: success without a result");
        let last = run.stderr().lines().last().unwrap_or_default().to_string();
        let err: Value = serde_json::from_str(&last)
            .unwrap_or_else(|e| panic!("{what}: stderr ends in no JSON ({e}):\n{}", run.stderr()));
        assert_eq!(err["error"]["exit"], run.code(), "{what}: {err}");
        assert!(err["error"]["message"].is_string(), "{what}: {err}");
    } else {
        assert_eq!(
            documents(&out),
            Some(1),
            "{what}: not one JSON document:\n{out}"
        );
    }
}

#[test]
fn every_command_prints_one_json_document() {
    let env = busy_env();
    // Codes are sealed to this host's own key (issue 24).
    env.seal_codes();
    let p = |name: &str| env.path(name).display().to_string();
    let toml = env.run(&["policy", "show", "--toml"]).ok().stdout();
    let policy = env.write("policy.toml", toml).display().to_string();
    let subs = env
        .write("subs.csv", "code,type,enabled,to\n1000100,login,on,pc\n")
        .display()
        .to_string();
    let bad = env
        .write(
            "bad.csv",
            "code,name,birth_date,phone,mobile_phone,email_pc,email_mobile,login_hash\n\
             1000999,山田 一,H31.5.1,,,a＠example.jp,,\n\
             1000998,山田 二,1990-01-01,,,b＠example.jp,,\n",
        )
        .display()
        .to_string();
    let customers = fixture("customers.csv").display().to_string();
    let (issued, key, notices) = (p("issued.csv"), p("seal.pem"), p("notices.jsonl"));
    let missing = p("no/such/dir/f.csv");
    let (copy, report) = (p("copy.db"), p("report.html"));
    let notify_key = p("notify-seal-2.key");
    // (command, arguments, stdin): each leaf command at least once with
    // success and once with an error, in an order that builds on itself.
    let runs: Vec<(&str, Vec<&str>, Option<String>)> = vec![
        ("init", vec!["init"], None),
        ("init", vec!["init", "--preset", "nope"], None),
        ("policy show", vec!["policy", "show"], None),
        (
            "policy show",
            vec!["policy", "show", "--kind", "bogus"],
            None,
        ),
        ("policy presets", vec!["policy", "presets"], None),
        ("policy presets", vec!["policy", "presets", "extra"], None),
        (
            "policy set",
            vec!["--yes", "policy", "set", "--file", &policy],
            None,
        ),
        (
            "policy set",
            vec!["policy", "set", "--file", &missing],
            None,
        ),
        (
            "customer import",
            vec!["customer", "import", &customers],
            None,
        ),
        ("customer import", vec!["customer", "import", &bad], None),
        ("customer show", vec!["customer", "show", "1000100"], None),
        ("customer show", vec!["customer", "show", "9999999"], None),
        (
            "customer environments",
            vec!["customer", "environments", "1000100"],
            None,
        ),
        (
            "customer environments",
            vec!["customer", "environments", "9999999"],
            None,
        ),
        (
            "customer forget-environments",
            vec![
                "customer",
                "forget-environments",
                "1000100",
                "--all",
                "--reason",
                "lost phone",
            ],
            None,
        ),
        (
            "customer forget-environments",
            vec![
                "customer",
                "forget-environments",
                "1000100",
                "99999",
                "--reason",
                "lost phone",
            ],
            None,
        ),
        (
            "customer list",
            vec!["customer", "list", "--limit", "2"],
            None,
        ),
        (
            "customer list",
            vec!["customer", "list", "--limit", "x"],
            None,
        ),
        (
            "customer set-email",
            vec![
                "--yes",
                "customer",
                "set-email",
                "1000211",
                "--pc",
                "m@example.jp",
            ],
            None,
        ),
        (
            "customer set-email",
            vec!["customer", "set-email", "9999999", "--pc", "m@example.jp"],
            None,
        ),
        (
            "password check",
            vec!["password", "check", "--kind", "execution"],
            Some(STRONG.into()),
        ),
        (
            "password check",
            vec!["password", "check", "--kind", "execution"],
            Some("123456".into()),
        ),
        (
            "password issue",
            vec!["--yes", "password", "issue", "1000211", "--out", &issued],
            None,
        ),
        (
            "password issue",
            vec!["--yes", "password", "issue", "1000211", "--out", &issued],
            None,
        ),
        (
            "password issue",
            vec!["password", "issue", "1000248", "--out", &missing],
            None,
        ),
        (
            "password set",
            vec!["password", "set", "1000174", "--kind", "execution"],
            Some(STRONG.into()),
        ),
        (
            "password set",
            vec!["password", "set", "9999999", "--kind", "execution"],
            Some(STRONG.into()),
        ),
        (
            "password verify",
            vec!["password", "verify", "1000174", "--kind", "execution"],
            Some(STRONG.into()),
        ),
        (
            "password verify",
            vec!["password", "verify", "1000174", "--kind", "execution"],
            Some("wrong-one".into()),
        ),
        (
            "password verify",
            vec!["password", "verify", "1000137", "--kind", "execution"],
            Some(STRONG.into()),
        ),
        (
            "password change",
            vec!["password", "change", "1000174", "--kind", "execution"],
            Some(format!("{STRONG}\n{STRONGER}\n")),
        ),
        (
            "password change",
            vec!["password", "change", "9999999", "--kind", "execution"],
            Some(format!("{STRONG}\n{STRONGER}\n")),
        ),
        ("lock list", vec!["lock", "list"], None),
        ("lock list", vec!["lock", "list", "--bogus"], None),
        (
            "lock add",
            vec!["lock", "add", "1000285", "--reason", "test"],
            None,
        ),
        ("lock add", vec!["lock", "add", "1000285"], None),
        (
            "unlock",
            vec!["--yes", "unlock", "1000285", "--reason", "checked"],
            None,
        ),
        (
            "unlock",
            vec!["unlock", "1000137", "--reason", "checked"],
            None,
        ),
        (
            "unlock",
            vec![
                "--yes",
                "unlock",
                "1000137",
                "--reason",
                "x",
                "--reissue",
                "--out",
                &missing,
            ],
            None,
        ),
        ("audit", vec!["audit"], None),
        ("audit", vec!["audit", "--candidates", "0"], None),
        ("audit history", vec!["audit", "history"], None),
        (
            "audit history",
            vec!["audit", "history", "--limit", "x"],
            None,
        ),
        (
            "rollout set",
            vec![
                "rollout",
                "set",
                "--pre-start",
                "2022-08-22",
                "--pre-end",
                "2022-09-17 23:59",
                "--enforce",
                "2022-09-18 18:00",
            ],
            None,
        ),
        (
            "rollout set",
            vec![
                "rollout",
                "set",
                "--pre-start",
                "2022-09-22",
                "--pre-end",
                "2022-09-17 23:59",
                "--enforce",
                "2022-09-18 18:00",
            ],
            None,
        ),
        ("rollout status", vec!["rollout", "status"], None),
        ("rollout status", vec!["rollout", "status", "now"], None),
        ("notify types", vec!["notify", "types"], None),
        ("notify types", vec!["notify", "types", "x"], None),
        ("notify show", vec!["notify", "show", "1000100"], None),
        ("notify show", vec!["notify", "show", "9999999"], None),
        (
            "notify set",
            vec![
                "notify",
                "set",
                "1000100",
                "withdrawal_auth_code",
                "on",
                "--to",
                "pc",
            ],
            None,
        ),
        (
            "notify set",
            vec!["notify", "set", "1000100", "login", "off"],
            None,
        ),
        (
            "notify set",
            vec!["notify", "set", "1000100", "no_such_type", "on"],
            None,
        ),
        ("notify import", vec!["notify", "import", &subs], None),
        ("notify import", vec!["notify", "import", &bad], None),
        (
            "notify emit",
            vec![
                "notify",
                "emit",
                "login_new_env",
                "1000100",
                "--ip",
                "203.0.113.5",
            ],
            None,
        ),
        (
            "notify emit",
            vec!["notify", "emit", "login_new_env", "9999999"],
            None,
        ),
        ("notify outbox", vec!["notify", "outbox"], None),
        (
            "notify outbox",
            vec!["notify", "outbox", "--status", "bogus"],
            None,
        ),
        (
            "notify outbox export",
            vec!["notify", "outbox", "export", "--out", &notices],
            None,
        ),
        (
            "notify outbox export",
            vec!["notify", "outbox", "export", "--out", &notices],
            None,
        ),
        (
            "notify outbox ack",
            vec!["notify", "outbox", "ack", "1"],
            None,
        ),
        (
            "notify outbox ack",
            vec!["notify", "outbox", "ack", "99999"],
            None,
        ),
        ("log", vec!["log", "--limit", "3"], None),
        ("log", vec!["log", "--since", "yesterday-ish"], None),
        ("log head", vec!["log", "head"], None),
        ("log head", vec!["log", "head", "x"], None),
        ("log verify", vec!["log", "verify"], None),
        ("log verify", vec!["log", "verify", "--head", "1:00"], None),
        ("log keygen", vec!["log", "keygen", "--out", &key], None),
        ("log keygen", vec!["log", "keygen", "--out", &key], None),
        (
            "notify keygen",
            vec!["notify", "keygen", "--out", &notify_key],
            None,
        ),
        (
            "notify keygen",
            vec!["notify", "keygen", "--out", &notify_key],
            None,
        ),
        ("log seal", vec!["log", "seal"], None),
        ("ledger copy", vec!["ledger", "copy", "--to", &copy], None),
        ("ledger copy", vec!["ledger", "copy", "--to", &copy], None),
        ("report", vec!["report", "--out", &report], None),
        ("report", vec!["report", "--since", "bogus"], None),
        (
            "notify set",
            vec!["notify", "set", "1000100", "withdrawal_auth_code", "on"],
            None,
        ),
        (
            "authcode issue",
            vec!["authcode", "issue", "1000100", "--purpose", "withdrawal"],
            None,
        ),
        (
            "authcode issue",
            vec!["authcode", "issue", "9999999", "--purpose", "withdrawal"],
            None,
        ),
        ("authcode locks", vec!["authcode", "locks"], None),
        ("authcode locks", vec!["authcode", "locks", "9999999"], None),
        (
            "authcode unlock",
            vec![
                "authcode",
                "unlock",
                "1000100",
                "--purpose",
                "view",
                "--reason",
                "checked",
            ],
            None,
        ),
        (
            "authcode unlock",
            vec![
                "authcode",
                "unlock",
                "9999999",
                "--purpose",
                "view",
                "--reason",
                "checked",
            ],
            None,
        ),
        ("completions", vec!["completions", "bash"], None),
        ("completions", vec!["completions", "tcsh"], None),
        ("", vec!["bogus-command"], None),
        ("", vec![], None),
    ];
    let mut seen = std::collections::BTreeSet::new();
    for (what, args, stdin) in &runs {
        let mut all = vec!["--format", "json"];
        all.extend(args.iter().copied());
        let run = match stdin {
            Some(s) => env.run_stdin(&all, s),
            None => env.run(&all),
        };
        one_document(&format!("{args:?}"), &run);
        seen.insert((what.to_string(), run.code() == 0));
    }
    // The auth code issued above reaches the customer only by mail: read it
    // from the gateway's export, then use it up (success) and again (no).
    let mails = p("codes.jsonl");
    env.run(&["notify", "outbox", "export", "--out", &mails])
        .ok();
    let text = std::fs::read_to_string(&mails).unwrap();
    let code: String = text
        .split("認証コード: ")
        .nth(1)
        .expect("the auth code notice")
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    for _ in 0..2 {
        let args = [
            "--format",
            "json",
            "authcode",
            "verify",
            "1000100",
            "--purpose",
            "withdrawal",
        ];
        let run = env.run_stdin(&args, &format!("{code}\n"));
        one_document("authcode verify", &run);
        seen.insert(("authcode verify".to_string(), run.code() == 0));
    }
    // Four-eyes approval: a policy that puts `lock.remove` under it, a
    // request, and each request command once with success and once without.
    let toml = env.run(&["policy", "show", "--toml"]).ok().stdout();
    let (head, tail) = toml.split_once("[approval]\n").unwrap();
    let (_, rest) = tail.split_once('\n').unwrap();
    let approval = env.write(
        "approval.toml",
        format!("{head}[approval]\nrequired_for = [\"lock.remove\"]\n{rest}"),
    );
    env.run(&[
        "--yes",
        "policy",
        "set",
        "--file",
        &approval.display().to_string(),
    ])
    .ok();
    env.run(&["lock", "add", "1000137", "--reason", "x"]).ok();
    let ask = || {
        let run = env.run(&[
            "--format", "json", "unlock", "1000137", "--reason", "called",
        ]);
        one_document("unlock (a request)", &run);
        let doc = run.status(5).json();
        assert_eq!(doc["status"], "pending");
        doc["request"].as_i64().unwrap().to_string()
    };
    let (first, second) = (ask(), ask());
    // Somebody else asked for the first one (the tests run as one user).
    common::request_by(&env, first.parse().unwrap(), "someone-else");
    let request_runs: Vec<(&str, Vec<&str>)> = vec![
        ("request list", vec!["request", "list"]),
        ("request list", vec!["request", "list", "--status", "bogus"]),
        ("request show", vec!["request", "show", &first]),
        ("request show", vec!["request", "show", "999"]),
        ("request approve", vec!["request", "approve", &second]),
        ("request approve", vec!["request", "approve", &first]),
        (
            "request reject",
            vec!["request", "reject", &second, "--reason", "no"],
        ),
        (
            "request reject",
            vec!["request", "reject", &first, "--reason", "no"],
        ),
    ];
    for (what, args) in &request_runs {
        let mut all = vec!["--format", "json"];
        all.extend(args.iter().copied());
        let run = env.run(&all);
        one_document(&format!("{args:?}"), &run);
        seen.insert((what.to_string(), run.code() == 0));
    }
    // A seal needs the configured key.
    let sealer = p("sealer.pem");
    let public = env
        .run(&["--format", "json", "log", "keygen", "--out", &sealer])
        .ok()
        .json()["public_key"]
        .as_str()
        .unwrap()
        .to_string();
    let config = env.write(
        "config.toml",
        format!("[trail]\nsigning_key_file = \"{sealer}\"\npublic_keys = [\"{public}\"]\n"),
    );
    let config = config.display().to_string();
    let run = env.run(&[
        "--format", "json", "--config", &config, "log", "seal", "--start",
    ]);
    one_document("log seal --start", &run);
    seen.insert(("log seal".to_string(), run.code() == 0));
    // Mail delivery: a relay on loopback that refuses the first message
    // for good (exit 1), then staff put it back and it goes.
    let relay = common::smtp::Server::start();
    relay.script(&[common::smtp::Reply::Code("550 5.1.1 user unknown")]);
    let smtp = env
        .write(
            "smtp.toml",
            format!(
                "[smtp]\nhost = \"127.0.0.1\"\nport = {}\ntls = \"none\"\nfrom = \"noreply@example.co.jp\"\n",
                relay.port()
            ),
        )
        .display()
        .to_string();
    env.run(&["notify", "emit", "trade_executed", "1000174"])
        .ok();
    let send = ["--format", "json", "--config", &smtp, "notify", "send"];
    let run = env.run(&send);
    one_document("notify send", &run);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    seen.insert(("notify send".to_string(), false));
    let failed = run.json()["failed_ids"][0].as_i64().unwrap().to_string();
    for (id, ok) in [(failed.as_str(), true), ("99999", false)] {
        let run = env.run(&["--format", "json", "notify", "outbox", "retry", id]);
        one_document("notify outbox retry", &run);
        assert_eq!(run.code() == 0, ok, "{}", run.stderr());
        seen.insert(("notify outbox retry".to_string(), ok));
    }
    let run = env.run(&send);
    one_document("notify send", &run);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    seen.insert(("notify send".to_string(), true));
    // `ledger grant`: refused for a role the server lacks (and on SQLite,
    // which has no roles, always: its success is a PostgreSQL one).
    let grant = |role: &str| {
        let run = env.run(&["--format", "json", "ledger", "grant", "--staff", role]);
        one_document("ledger grant", &run);
        run.code() == 0
    };
    seen.insert(("ledger grant".to_string(), grant("nobody_here")));
    if common::on_pg() {
        let _ = common::pg::admin().batch_execute("CREATE ROLE acctsec_staff NOLOGIN");
        seen.insert(("ledger grant".to_string(), grant("acctsec_staff")));
    } else {
        seen.insert(("ledger grant".to_string(), true));
    }
    // `--format=json` after the command counts as well.
    let run = env.run(&["lock", "add", "--format=json"]);
    assert_eq!(run.code(), 2);
    one_document("lock add --format=json", &run);
    for leaf in leaf_commands() {
        for ok in [true, false] {
            assert!(
                seen.contains(&(leaf.clone(), ok)),
                "`{leaf}` has no {} run in this test",
                if ok { "successful" } else { "failing" }
            );
        }
    }
}

#[test]
fn usage_errors_and_bad_input_are_json_with_problems() {
    let env = Env::with_customers();
    let run = env
        .run(&["--format", "json", "lock", "add", "1000100"])
        .status(2);
    assert_eq!(run.stdout(), "");
    let err: Value = serde_json::from_str(run.stderr().trim()).unwrap();
    assert_eq!(err["error"]["exit"], 2);
    assert!(
        err["error"]["message"]
            .as_str()
            .unwrap()
            .contains("--reason"),
        "{err}"
    );
    // Without json, clap's own words.
    env.run(&["lock", "add", "1000100"])
        .status(2)
        .stderr_has("--reason");
    // --help is no error.
    env.run(&["--format", "json", "lock", "--help"])
        .ok()
        .stdout_has("Usage");

    let bad = env.write(
        "bad.csv",
        "code,name,birth_date,phone,mobile_phone,email_pc,email_mobile,login_hash\n\
         1000999,山田 一,H31.5.1,,,a@example.jp,,\n\
         1000998,山田 二,1990-01-01,,,b＠example.jp,,\n",
    );
    let run = env
        .run(&[
            "--format",
            "json",
            "customer",
            "import",
            &bad.display().to_string(),
        ])
        .status(65);
    let err: Value = serde_json::from_str(run.stderr().trim()).unwrap();
    let problems = err["error"]["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 2, "{err}");
    assert_eq!(problems[0]["line"], 2);
    assert_eq!(problems[0]["column"], "birth_date");
    assert_eq!(problems[1]["line"], 3);
    assert_eq!(problems[1]["column"], "email_pc");
    assert!(
        problems[1]["message"].as_str().unwrap().contains('＠'),
        "{err}"
    );
    assert!(
        !err["error"]["message"].as_str().unwrap().contains('\n'),
        "{err}"
    );
}

#[test]
fn every_output_file_is_73_only_when_it_exists_and_74_for_a_missing_directory() {
    let env = busy_env();
    let missing_dir = env.path("no/such");
    let missing = missing_dir.join("f.out").display().to_string();
    let exists = env.write("exists.out", "keep").display().to_string();
    let commands: [&[&str]; 4] = [
        &["--yes", "password", "issue", "1000211", "--out"],
        &[
            "--yes",
            "unlock",
            "1000137",
            "--reason",
            "checked",
            "--reissue",
            "--out",
        ],
        &["notify", "outbox", "export", "--out"],
        &["log", "keygen", "--out"],
    ];
    for cmd in commands {
        let mut args = cmd.to_vec();
        args.push(&missing);
        env.run(&args)
            .status(74)
            .stderr_has(&missing_dir.display().to_string())
            .stderr_has("does not exist");
        let mut args = cmd.to_vec();
        args.push(&exists);
        env.run(&args).status(73).stderr_has("exists already");
        assert_eq!(std::fs::read_to_string(&exists).unwrap(), "keep");
    }
    // Nothing happened: the customer is still locked, notices still pending.
    env.run(&["lock", "list", "--format", "json"])
        .ok()
        .stdout_has("1000137");
    assert!(!missing_dir.exists());
}

/// Security review 11.10: a killed `notify outbox export` left a temporary
/// file of full addresses that no later run removed. It is named by the
/// target and the process now; the next export into the same file finds
/// and removes it.
#[test]
fn an_export_removes_what_a_killed_export_left() {
    let env = busy_env();
    let out = env.path("notices.jsonl");
    let left = env.path(".notices.jsonl.acctsec-4194300.tmp");
    std::fs::write(&left, "{\"to\":\"taro.sato@example.jp\"}\n").unwrap();
    env.run(&[
        "notify",
        "outbox",
        "export",
        "--out",
        &out.display().to_string(),
    ])
    .ok();
    assert!(!left.exists(), "the killed run's file is still there");
    assert!(out.exists());
    let names: Vec<String> = std::fs::read_dir(env.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(names.is_empty(), "{names:?}");
}
