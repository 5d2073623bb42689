//! Hostile numbers and text on every command: acctsec answers with one of
//! its exit codes (usually 2 for a value out of range, 65 for bad input),
//! never a panic (101) or an abort.

mod common;

use common::{Env, fixture};

/// The exit codes CLI.md defines.
const DOCUMENTED: [i32; 11] = [0, 1, 2, 3, 4, 65, 73, 74, 75, 78, 130];

const NUMBERS: [&str; 10] = [
    "0",
    "-1",
    "2147483648",
    "4294967296",
    "9223372036854775807",
    "9223372036854775808",
    "18446744073709551615",
    "18446744073709551616",
    "1e9",
    "",
];

#[track_caller]
fn no_panic(env: &Env, args: &[&str], stdin: &str) {
    let run = env.run_stdin(args, stdin);
    let code = run.code();
    assert!(
        DOCUMENTED.contains(&code) && !run.stderr().contains("panicked"),
        "{args:?} exited {code}\n--- stderr\n{}",
        run.stderr()
    );
}

#[test]
fn every_numeric_option_takes_hostile_numbers() {
    let env = Env::with_customers();
    let out = env.path("out.csv").display().to_string();
    for n in NUMBERS {
        let d = format!("{n}d");
        let s = format!("{n}s");
        let cases: Vec<Vec<&str>> = vec![
            vec!["--busy-timeout", n, "lock", "list"],
            vec!["customer", "list", "--limit", n],
            vec!["log", "--limit", n],
            vec!["audit", "history", "--limit", n],
            vec!["audit", "--budget", n],
            vec!["audit", "--budget", &d],
            vec!["audit", "--budget", &s],
            vec![
                "audit",
                "--guess",
                "--candidates",
                n,
                "--customer",
                "1000100",
            ],
            vec![
                "notify",
                "emit",
                "withdrawal_request",
                "1000100",
                "--amount",
                n,
            ],
            vec!["notify", "outbox", "ack", n],
            vec!["log", "verify", "--head", n],
            vec!["customer", "show", n],
            vec!["password", "verify", n, "--kind", "execution"],
            vec!["password", "issue", n, "--out", &out],
            vec!["lock", "add", n, "--reason", "x"],
            vec!["unlock", n, "--reason", "x"],
            vec![
                "rollout",
                "set",
                "--pre-start",
                n,
                "--pre-end",
                n,
                "--enforce",
                n,
            ],
            vec!["log", "--since", n],
        ];
        for args in &cases {
            no_panic(&env, args, "Secret123\n");
        }
    }
    // The environment variable is ranged like the flag.
    let run = common::Run(
        env.cmd()
            .env("ACCTSEC_BUSY_TIMEOUT", "2147483648")
            .args(["lock", "list"])
            .output()
            .unwrap(),
    );
    assert_eq!(run.code(), 2, "{}", run.stderr());
    env.run(&["--busy-timeout", "2147483648", "lock", "list"])
        .status(2)
        .stderr_has("0..=86400000");
    env.run(&["audit", "--budget", "18446744073709551615s"])
        .status(2)
        .stderr_has("at most 30 days");
    env.run(&["audit", "--budget", "0"]).status(2);
}

#[test]
fn every_text_option_takes_hostile_text() {
    let env = Env::with_customers();
    let long = "あ".repeat(40_000); // under the kernel's 128 KiB per argument
    let texts = [
        "\u{1b}[2J\u{1b}]0;owned\u{7}",
        "line\nbreak",
        "\u{202e}evil",
        "１０００１００",
        long.as_str(),
        "\u{0}",
    ];
    for t in texts {
        if t.contains('\0') {
            continue; // argv cannot carry a NUL
        }
        let cases: Vec<Vec<&str>> = vec![
            vec!["lock", "add", "1000100", "--reason", t],
            vec!["unlock", "1000100", "--reason", t],
            vec!["notify", "set", "1000100", "login", "on", "--reason", t],
            vec![
                "notify",
                "emit",
                "login_new_env",
                "1000100",
                "--ip",
                t,
                "--device",
                t,
                "--user-agent",
                t,
            ],
            vec!["customer", "show", t],
            vec!["customer", "set-email", "1000100", "--pc", t],
            vec!["log", "--customer", t, "--action", t],
            vec!["--operator", t, "lock", "list"],
            vec!["policy", "set", "--preset", t],
            vec!["notify", "show", t],
        ];
        for args in &cases {
            no_panic(&env, args, "");
        }
    }
    // Reasons are one plain line of reasonable length, for every command.
    for args in [
        vec!["lock", "add", "1000100", "--reason", "a\u{1b}[31mb"],
        vec!["unlock", "1000100", "--reason", "two\nlines"],
        vec![
            "notify",
            "set",
            "1000100",
            "login",
            "on",
            "--reason",
            "a\u{1b}[31mb",
        ],
        vec!["notify", "set", "1000100", "login", "on", "--reason", &long],
    ] {
        env.run(&args).status(2).stderr_has("--reason");
    }
    let trail = env.run(&["--format", "json", "log"]).ok().stdout();
    assert!(
        !trail.contains("\\u001b"),
        "no escape sequence in the trail"
    );
}

#[test]
fn hostile_files_and_stdin_are_bad_input() {
    let env = Env::with_customers();
    // An endless file, a binary file, a huge header.
    env.run(&["customer", "import", "/dev/zero"])
        .status(65)
        .stderr_has("longer than 65536 bytes");
    let wide = format!("code,name,birth_date,{}\n", "x,".repeat(30_000));
    let f = env.write("wide.csv", wide);
    let run = env
        .run(&["customer", "import", &f.display().to_string()])
        .status(65);
    assert!(run.stderr().lines().count() < 10, "{}", run.stderr());
    let f = env.write("unknown.csv", "code,name,birth_date,a,b,c,d,e\n");
    env.run(&["customer", "import", &f.display().to_string()])
        .status(65)
        .stderr_has("column");
    // A password line far too long, or not UTF-8.
    let huge = "a".repeat(2 << 20);
    env.run_stdin(&["password", "check", "--kind", "login"], &huge)
        .status(65)
        .stderr_has("longer than 1024 bytes");
    let run = common::Run(
        env.cmd()
            .args(["password", "check", "--kind", "login"])
            .write_stdin(b"\xff\xfeabc\n".to_vec())
            .output()
            .unwrap(),
    );
    assert_eq!(run.code(), 65, "{}", run.stderr());
    assert!(run.stderr().contains("UTF-8"));
    // The sample file still imports (nothing above changed the ledger).
    env.run(&[
        "customer",
        "import",
        &fixture("customers.csv").display().to_string(),
    ])
    .ok()
    .stdout_has("0 added, 0 changed, 30 unchanged");
}

#[test]
fn a_ledger_with_an_odd_schema_version_is_foreign() {
    let env = Env::with_ledger();
    if common::on_pg() {
        env.sql_exec("UPDATE acctsec_schema SET version = -5", &[]);
    } else {
        env.sql().pragma_update(None, "user_version", -5).unwrap();
    }
    env.run(&["lock", "list"])
        .status(78)
        .stderr_has("not an acctsec ledger");
}

#[test]
fn broken_rows_do_not_hide_later_problems() {
    let env = Env::with_customers();
    let f = env.write(
        "bad.csv",
        "code,name,birth_date\nA1,x,1990-01-01,extra\nA2,y,H31.5.1\n",
    );
    env.run(&["customer", "import", &f.display().to_string()])
        .status(65)
        .stderr_has("bad.csv:2:")
        .stderr_has("bad.csv:3: column birth_date");
    // Subscriptions: a row that does not read, and an unknown customer
    // before it, are both reported.
    let f = env.write(
        "subs.csv",
        "code,type,enabled\n9999999,login,on\n1000100,login,on,extra\n",
    );
    env.run(&["notify", "import", &f.display().to_string()])
        .status(65)
        .stderr_has("subs.csv:2: column code")
        .stderr_has("subs.csv:3:");
}

#[test]
fn policy_text_and_files_are_capped() {
    let env = Env::with_ledger();
    let toml = env.run(&["policy", "show", "--toml"]).ok().stdout();
    let line = toml
        .lines()
        .find(|l| l.starts_with("support_desk"))
        .expect("support_desk in the policy TOML")
        .to_string();
    let huge = toml.replace(
        &line,
        &format!("support_desk = \"{}\"", "x".repeat(5_000_000)),
    );
    let f = env.write("huge.toml", huge);
    env.run(&["--yes", "policy", "set", "--file", &f.display().to_string()])
        .status(78)
        .stderr_has("larger than 1024 KiB");
    let long = toml.replace(&line, &format!("support_desk = \"{}\"", "x".repeat(301)));
    let f = env.write("long.toml", long);
    env.run(&["--yes", "policy", "set", "--file", &f.display().to_string()])
        .status(78)
        .stderr_has("support_desk: at most 300 characters");
    let escape = toml.replace(&line, "support_desk = \"call \\u001b[2J us\"");
    let f = env.write("escape.toml", escape);
    env.run(&["--yes", "policy", "set", "--file", &f.display().to_string()])
        .status(78)
        .stderr_has("support_desk");
}

// Found by fuzzing (tests/fuzz): each input a target reported, as a test.

/// `customer_import` and `subscriptions`: a lone CR ends a record (old Mac
/// line ends, or a stray CR inside a row), so it ends a line too: the rows
/// after it are reported on their own lines, not on the line before.
#[test]
fn a_lone_carriage_return_starts_a_new_line() {
    let env = Env::with_customers();
    let f = env.write(
        "cr.csv",
        "code,name,birth_date\rA1,x,1990-01-01\rA2,y,1990-13-01\rA3,z,H31.5.1\r",
    );
    env.run(&["customer", "import", &f.display().to_string()])
        .status(65)
        .stderr_has("cr.csv:3: column birth_date")
        .stderr_has("cr.csv:4: column birth_date");
    let f = env.write(
        "mixed.csv",
        "code,name,birth_date\r\nA1,x,1990-01-01\r\x00,y,1990-01-01\nA3,z,1990-01-01\r\n",
    );
    env.run(&["customer", "import", &f.display().to_string()])
        .status(65)
        .stderr_has("mixed.csv:3: column code");
    let f = env.write(
        "subs.csv",
        "code,type,enabled\r1000100,login,on\r1000100,nope,on\r",
    );
    env.run(&["notify", "import", &f.display().to_string()])
        .status(65)
        .stderr_has("subs.csv:3: column type");
}

/// `customer_row`: a name may not hold a bidirectional control (U+202E
/// and its kin make a name read backwards wherever it is shown: notices,
/// the report, CSV opened in a spreadsheet).
#[test]
fn a_name_with_a_bidi_control_is_refused() {
    let env = Env::with_customers();
    for (i, c) in ['\u{202e}', '\u{2067}', '\u{200f}', '\u{61c}']
        .into_iter()
        .enumerate()
    {
        let f = env.write(
            &format!("bidi{i}.csv"),
            format!("code,name,birth_date\nB{i},abc{c}def,1990-01-01\n"),
        );
        env.run(&["customer", "import", &f.display().to_string()])
            .status(65)
            .stderr_has(&format!("bidi{i}.csv:2: column name"));
    }
}

/// `customer_row`: an address with a vertical tab (or any other Unicode
/// space) around it reads the same from `customer set-email` as from the
/// customer CSV, which trims every field: the validator trims it too.
#[test]
fn an_address_is_trimmed_alike_on_every_path() {
    let env = Env::with_customers();
    env.run(&[
        "--yes",
        "customer",
        "set-email",
        "1000137",
        "--pc",
        "\u{b}Hanako.New@Example.COM\u{b}\u{2003}",
    ])
    .ok();
    let f = env.write(
        "vt.csv",
        "code,name,birth_date,email_pc\n1000174,高橋 一郎,19941110,\"ichiro@Example.JP\u{b}\"\n",
    );
    env.run(&["--yes", "customer", "import", &f.display().to_string()])
        .ok();
    let email = |code: &str| {
        env.run(&["--format", "json", "customer", "show", code, "--unmask"])
            .ok()
            .json()["email_pc"]
            .clone()
    };
    assert_eq!(email("1000137"), "Hanako.New@example.com");
    assert_eq!(email("1000174"), "ichiro@example.jp");
}

/// Every file named in the configuration, and the configuration itself, is
/// read only if it is a regular file, with a size bound: a FIFO is refused
/// at once (it used to hang `notify send`), `/dev/zero` is no certificate.
#[test]
fn files_named_in_the_config_must_be_regular_files() {
    use std::time::Duration;
    let env = Env::with_customers();
    let fifo = env.path("pw.fifo");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo");
    assert!(made.success());
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&fifo, std::fs::Permissions::from_mode(0o600)).unwrap();
    // A queued notice, so that `notify send` has something to do.
    env.run(&["lock", "add", "1000100", "--reason", "check"])
        .ok();
    let smtp =
        "[smtp]\nhost = \"127.0.0.1\"\nport = 9\ntls = \"none\"\nfrom = \"a@example.co.jp\"\n";
    let with = |extra: &str| {
        env.write("config.toml", format!("{smtp}{extra}"))
            .display()
            .to_string()
    };
    let run = |cfg: &str, args: &[&str]| {
        let mut all = vec!["--config", cfg];
        all.extend_from_slice(args);
        common::Run(
            env.cmd()
                .args(&all)
                .timeout(Duration::from_secs(20))
                .output()
                .expect("run acctsec"),
        )
    };
    let cfg = with("username = \"u\"\npassword_file = \"pw.fifo\"\n");
    let r = run(&cfg, &["notify", "send"]);
    assert!(
        r.0.status.code().is_some(),
        "it must not hang: {}",
        r.stderr()
    );
    assert_ne!(r.code(), 0);
    let cfg = with("ca_file = \"/dev/zero\"\n");
    let r = run(&cfg, &["notify", "send"]);
    assert!(
        r.0.status.code().is_some(),
        "it must not hang: {}",
        r.stderr()
    );
    assert_ne!(r.code(), 0);
    // The configuration file itself.
    let r = run(&fifo.display().to_string(), &["log", "verify"]);
    assert!(
        r.0.status.code().is_some(),
        "it must not hang: {}",
        r.stderr()
    );
    r.status(74).stderr_has("not a regular file");
}

/// A process that may hold secrets leaves no core dump: its core size
/// limit is 0 while it waits for a password on stdin.
#[test]
fn no_core_dumps() {
    use std::io::Write;
    let env = Env::with_ledger();
    let mut child = env
        .std_cmd()
        .args(["password", "check", "--kind", "login"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let limits = format!("/proc/{}/limits", child.id());
    let mut seen = String::new();
    for _ in 0..200 {
        seen = std::fs::read_to_string(&limits).unwrap_or_default();
        let core = seen.lines().find(|l| l.starts_with("Max core file size"));
        // (The soft limit may be 0 from the start: wait for the hard one.)
        if core.is_some_and(|l| l.split_whitespace().nth(5) == Some("0")) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"Abcdef123\n")
        .unwrap();
    child.wait_with_output().unwrap();
    let core = seen
        .lines()
        .find(|l| l.starts_with("Max core file size"))
        .unwrap_or_default()
        .to_string();
    assert_eq!(
        core.split_whitespace().nth(4),
        Some("0"),
        "soft limit: {core}"
    );
    assert_eq!(
        core.split_whitespace().nth(5),
        Some("0"),
        "hard limit: {core}"
    );
}

/// A name a spreadsheet would run as a formula reaches a CSV defused (a
/// leading `'`); JSON keeps it as it is.
#[test]
fn csv_output_defuses_formulas() {
    let env = Env::with_ledger();
    let f = env.write(
        "c.csv",
        "code,name,birth_date\n1000100,\"=HYPERLINK(\"\"http://x.example\"\",\"\"x\"\")\",1980-01-02\n",
    );
    env.run(&["customer", "import", &f.display().to_string()])
        .ok();
    let csv = env
        .run(&["--format", "csv", "customer", "list"])
        .ok()
        .stdout();
    assert!(csv.contains("\"'=HYPERLINK("), "{csv}");
    let json = env
        .run(&["--format", "json", "customer", "list"])
        .ok()
        .json();
    assert!(json[0]["name"].as_str().unwrap().starts_with("=HYPERLINK("));
}

/// A staff reason cannot pass for an automatic lock's stored code.
#[test]
fn a_reason_cannot_look_like_an_automatic_lock() {
    let env = Env::with_customers();
    env.run(&["lock", "add", "1000100", "--reason", "auto:execution:9"])
        .status(2)
        .stderr_has("auto:");
}

/// A login to the relay over a connection without TLS is refused unless
/// the configuration says so in as many words: the password would go in
/// clear.
#[test]
fn smtp_auth_in_clear_needs_allow_plaintext_auth() {
    let env = Env::with_customers();
    let smtp = "[smtp]\nhost = \"127.0.0.1\"\nport = 9\ntls = \"none\"\nfrom = \"a@example.co.jp\"\nusername = \"u\"\n";
    let cfg = env.write("c.toml", smtp).display().to_string();
    env.run(&["--config", &cfg, "notify", "send"])
        .status(78)
        .stderr_has("allow_plaintext_auth = true");
    let cfg = env
        .write("c2.toml", format!("{smtp}allow_plaintext_auth = true\n"))
        .display()
        .to_string();
    let r = env
        .cmd()
        .env("ACCTSEC_SMTP_PASSWORD", "pw")
        .args(["--config", &cfg, "notify", "send"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&r.stderr);
    assert!(!err.contains("allow_plaintext_auth"), "{err}");
}
