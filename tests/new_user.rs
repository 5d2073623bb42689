//! What a new user stumbled on (issue 27), end to end: settings put in the
//! wrong file, and wording that spoke of the wrong thing.

mod common;

use common::Env;

/// `[approval]` in the configuration file is refused by every command
/// that opens the ledger (not only `log verify`), saying where it belongs,
/// instead of being ignored by `unlock`, which then ran as one person.
#[test]
fn approval_in_the_config_file_is_refused_by_unlock_with_where_it_belongs() {
    let env = Env::with_customers();
    env.run(&["lock", "add", "1000100", "--reason", "x"]).ok();
    let cfg = env.write("config.toml", "[approval]\nunlock = 2\n");
    let cfg = cfg.display().to_string();
    let r = env
        .run(&[
            "--yes", "--config", &cfg, "unlock", "1000100", "--reason", "called",
        ])
        .status(78)
        .stderr_has("config.toml:1: [approval] is part of the policy")
        .stderr_has("`acctsec policy set --file`");
    assert!(!r.stderr().contains("unknown field"), "{}", r.stderr());
    // Nothing was unlocked.
    env.run(&["--format", "json", "lock", "list"])
        .ok()
        .stdout_has("1000100");
    // The same through ACCTSEC_CONFIG, and for a value of the policy.
    env.write(
        "config.toml",
        "[trail]\n\nsupport_desk = \"x\"\n[lockout]\n",
    );
    let r = env
        .cmd()
        .env("ACCTSEC_CONFIG", &cfg)
        .args(["--yes", "unlock", "1000100", "--reason", "called"])
        .output()
        .unwrap();
    let r = common::Run(r).status(78);
    assert!(
        r.stderr()
            .contains("config.toml:4: [lockout] is part of the policy"),
        "{}",
        r.stderr()
    );
}

/// A default configuration file that exists is read too, and a misspelt
/// key in it stops `lock list` (exit 78), naming the key and its line.
#[test]
fn an_unknown_key_in_the_config_file_stops_lock_list() {
    let env = Env::with_ledger();
    let dir = env.path(".config/acctsec");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("config.toml"), "[trail]\nmax_seal_ag = \"2d\"\n").unwrap();
    env.run(&["lock", "list"])
        .status(78)
        .stderr_has("config.toml:2: invalid configuration")
        .stderr_has("max_seal_ag");
    // Fixed, it runs; without one, too.
    std::fs::write(dir.join("config.toml"), "[trail]\nmax_seal_age = \"2d\"\n").unwrap();
    env.run(&["lock", "list"]).ok();
    std::fs::remove_file(dir.join("config.toml")).unwrap();
    env.run(&["lock", "list"]).ok();
    // Shell completions and help open no ledger and read no configuration.
    let cfg = env.write("bad.toml", "[approval]\n").display().to_string();
    env.run(&["--config", &cfg, "completions", "bash"]).ok();
    env.run(&["--config", &cfg, "lock", "--help"]).ok();
}

/// `--help` names the `lock` subcommands as they are spelt.
#[test]
fn the_lock_summary_names_its_subcommands() {
    let env = Env::new();
    let r = env.run(&["--help"]).ok();
    let line = r
        .stdout()
        .lines()
        .find(|l| l.trim_start().starts_with("lock "))
        .map(str::to_string)
        .expect("a lock line");
    assert!(line.contains("list, add"), "{line}");
    assert!(!line.contains("list, lock"), "{line}");
    env.run(&["lock", "--help"])
        .ok()
        .stdout_has("list, add")
        .stdout_has("add ");
}

/// `ledger copy --to URL` onto a database that holds a ledger speaks of
/// `--to` and a database, not of `--out` and moving a file away.
#[test]
fn a_copy_onto_a_database_that_is_not_empty_asks_for_an_empty_one() {
    pg_only!();
    let env = Env::with_ledger();
    let file = env.path("source.db").display().to_string();
    env.run(&["--db", &file, "init"]).ok();
    let url = env.db().display().to_string();
    let r = env
        .run(&["--db", &file, "ledger", "copy", "--to", &url])
        .status(73)
        .stderr_has("the database at ")
        .stderr_has("is not empty")
        .stderr_has("give --to an empty database");
    assert!(!r.stderr().contains("--out"), "{}", r.stderr());
    // Onto a file that exists: --to, not --out.
    let r = env
        .run(&["ledger", "copy", "--to", &file])
        .status(73)
        .stderr_has("give --to a path that does not exist yet");
    assert!(!r.stderr().contains("--out"), "{}", r.stderr());
}

/// `sslmode=require` against a server that offers no TLS (the runner's
/// test server) says so, rather than a driver's message.
#[test]
fn sslmode_require_against_a_server_without_tls_says_it_offers_none() {
    pg_only!();
    let env = Env::with_ledger();
    let url = env.db().display().to_string();
    let sep = if url.contains('?') { '&' } else { '?' };
    let url = format!("{url}{sep}sslmode=require");
    let r = env
        .run(&["--db", &url, "lock", "list"])
        .status(78)
        .stderr_has("offers no TLS")
        .stderr_has("sslmode");
    assert!(!r.stderr().contains("handshake"), "{}", r.stderr());
}

/// `request list` names every customer of a request (a table the first
/// two and how many more; JSON and CSV all of them), and `--limit N`
/// keeps the newest N.
#[test]
fn request_list_shows_every_customer_and_takes_a_limit() {
    let env = Env::with_customers();
    let toml = env.run(&["policy", "show", "--toml"]).ok().stdout();
    let (head, tail) = toml.split_once("[approval]\n").expect("[approval]");
    let (_, rest) = tail.split_once('\n').unwrap();
    let policy = format!("{head}[approval]\nrequired_for = [\"lock.remove\"]\n{rest}");
    let f = env.write("policy.toml", policy).display().to_string();
    env.run(&["--yes", "policy", "set", "--file", &f]).ok();
    let codes = ["1000100", "1000137", "1000174", "1000211", "1000248"];
    for c in codes {
        env.run(&["lock", "add", c, "--reason", "x"]).ok();
    }
    let mut unlock = vec!["--yes", "unlock"];
    unlock.extend_from_slice(&codes);
    unlock.extend_from_slice(&["--reason", "called"]);
    env.run(&unlock).status(5);
    env.run(&["lock", "add", "1000285", "--reason", "x"]).ok();
    env.run(&["--yes", "unlock", "1000285", "--reason", "again"])
        .status(5);

    let json = env
        .run(&["--format", "json", "request", "list"])
        .ok()
        .json();
    let all = json.as_array().unwrap();
    assert_eq!(all.len(), 2, "{json}");
    assert_eq!(all[0]["customers"], serde_json::json!(codes), "{json}");
    assert_eq!(
        all[1]["customers"],
        serde_json::json!(["1000285"]),
        "{json}"
    );
    env.run(&["request", "list"])
        .ok()
        .stdout_has("1000100, 1000137 (+3)");
    env.run(&["--format", "csv", "request", "list"])
        .ok()
        .stdout_has("\"1000100, 1000137, 1000174, 1000211, 1000248\"");

    // The newest N, oldest of them first.
    let newest = env
        .run(&["--format", "json", "request", "list", "--limit", "1"])
        .ok()
        .json();
    assert_eq!(newest.as_array().unwrap().len(), 1, "{newest}");
    assert_eq!(newest[0]["id"], all[1]["id"]);
    let both = env
        .run(&["--format", "json", "request", "list", "--limit", "5"])
        .ok()
        .json();
    assert_eq!(both, json);
    let pending = env
        .run(&[
            "--format", "json", "request", "list", "--status", "pending", "--limit", "1",
        ])
        .ok()
        .json();
    assert_eq!(pending[0]["id"], all[1]["id"]);
}
