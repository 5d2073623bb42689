//! A small fluent harness for running the real binary against a real ledger
//! in a temporary directory (after ripgrep's `tests/util.rs` and just's
//! `Test`).
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

pub struct Env {
    pub dir: tempfile::TempDir,
}

impl Env {
    /// An empty directory; no ledger yet.
    pub fn new() -> Env {
        Env {
            dir: tempfile::tempdir().expect("tempdir"),
        }
    }

    /// A directory with an initialised ledger (securities preset, cheap
    /// Argon2 parameters for speed).
    pub fn with_ledger() -> Env {
        let env = Env::new();
        env.run(&["init"]).ok();
        env
    }

    /// A ledger whose policy uses cheap Argon2 parameters (m=64 KiB, t=1):
    /// the production parameters stay for the tests that name them.
    pub fn with_cheap_ledger() -> Env {
        let env = Env::with_ledger();
        env.set_cheap_hashing();
        env
    }

    /// A cheap ledger with the 30 sample customers of tests/fixtures.
    pub fn with_customers() -> Env {
        let env = Env::with_cheap_ledger();
        env.run(&[
            "customer",
            "import",
            &fixture("customers.csv").display().to_string(),
        ])
        .ok();
        env
    }

    /// Switch the ledger's policy to cheap Argon2 parameters.
    pub fn set_cheap_hashing(&self) {
        let toml = self.run(&["policy", "show", "--toml"]).ok().stdout();
        let cheap = toml
            .replace("m_kib = 19456", "m_kib = 64")
            .replace("\nt = 2\n", "\nt = 1\n");
        assert_ne!(cheap, toml, "policy TOML changed shape");
        let f = self.write("cheap-policy.toml", cheap);
        self.run(&["--yes", "policy", "set", "--file", &f.display().to_string()])
            .ok();
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn db(&self) -> PathBuf {
        self.path("ledger.db")
    }

    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let p = self.path(name);
        std::fs::write(&p, contents).expect("write fixture");
        p
    }

    /// The binary with this ledger and a fixed operator, no terminal, English.
    pub fn cmd(&self) -> Command {
        Command::from_std(self.std_cmd())
    }

    /// The same as a plain `std::process::Command` (to spawn and kill).
    pub fn std_cmd(&self) -> std::process::Command {
        let mut c = std::process::Command::new(assert_cmd::cargo::cargo_bin!("acctsec"));
        c.current_dir(self.dir.path())
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.dir.path())
            .env("ACCTSEC_DB", self.db())
            .env("ACCTSEC_OPERATOR", "tester")
            .env("LANG", "C");
        c
    }

    pub fn run(&self, args: &[&str]) -> Run {
        Run(self.cmd().args(args).output().expect("run acctsec"))
    }

    /// The binary with its clock standing still at `now` (`ACCTSEC_NOW`,
    /// honoured by debug builds: the ones `cargo test` runs).
    pub fn cmd_at(&self, now: &str) -> Command {
        let mut c = self.cmd();
        c.env("ACCTSEC_NOW", now);
        c
    }

    /// `run` at a fixed moment.
    pub fn run_at(&self, now: &str, args: &[&str]) -> Run {
        Run(self.cmd_at(now).args(args).output().expect("run acctsec"))
    }

    /// `rollout set` with the three moments.
    pub fn set_rollout(&self, pre_start: &str, pre_end: &str, enforce: &str) -> Run {
        self.run(&[
            "rollout",
            "set",
            "--pre-start",
            pre_start,
            "--pre-end",
            pre_end,
            "--enforce",
            enforce,
        ])
    }

    /// `password issue --all --out OUT` (with `--yes`).
    pub fn issue_all(&self, out: &Path) -> Run {
        self.run(&[
            "--yes",
            "password",
            "issue",
            "--all",
            "--out",
            &out.display().to_string(),
        ])
    }

    pub fn run_stdin(&self, args: &[&str], stdin: &str) -> Run {
        Run(self
            .cmd()
            .args(args)
            .write_stdin(stdin.as_bytes().to_vec())
            .output()
            .expect("run acctsec"))
    }

    /// A direct SQLite connection to the ledger (for tampering and checks).
    pub fn sql(&self) -> rusqlite::Connection {
        rusqlite::Connection::open(self.db()).expect("open ledger")
    }
}

pub struct Run(pub Output);

impl Run {
    pub fn code(&self) -> i32 {
        self.0.status.code().unwrap_or(-1)
    }
    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.0.stdout).into_owned()
    }
    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.0.stderr).into_owned()
    }
    /// Assert the exit code, showing both streams when it differs.
    #[track_caller]
    pub fn status(self, code: i32) -> Self {
        assert_eq!(
            self.code(),
            code,
            "exit code\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout(),
            self.stderr()
        );
        self
    }
    #[track_caller]
    pub fn ok(self) -> Self {
        self.status(0)
    }
    #[track_caller]
    pub fn stdout_has(self, s: &str) -> Self {
        assert!(
            self.stdout().contains(s),
            "stdout lacks {s:?}:\n{}",
            self.stdout()
        );
        self
    }
    #[track_caller]
    pub fn stderr_has(self, s: &str) -> Self {
        assert!(
            self.stderr().contains(s),
            "stderr lacks {s:?}:\n{}",
            self.stderr()
        );
        self
    }
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout())
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", self.stdout()))
    }
}

/// A file under tests/fixtures.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

pub fn file_mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).expect("metadata").permissions().mode() & 0o777
}

/// How many audit-trail entries have this action.
pub fn audit_count(env: &Env, action: &str) -> i64 {
    env.sql()
        .query_row(
            "SELECT count(*) FROM audit_log WHERE action = ?1",
            [action],
            |r| r.get(0),
        )
        .unwrap()
}

/// The outbox with full addresses, through the mail gateway's export
/// (`notify outbox export --out NAME`), one JSON object a line.
pub fn export_outbox(env: &Env, name: &str) -> Vec<serde_json::Value> {
    let out = env.path(name);
    env.run(&[
        "notify",
        "outbox",
        "export",
        "--out",
        &out.display().to_string(),
    ])
    .ok();
    std::fs::read_to_string(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

/// OS users for tests of several staff users on one ledger: created when
/// the tests run as root (as CI does), reused when they exist.
pub mod os_users {
    use std::process::Command;
    use std::sync::OnceLock;

    pub const GROUP: &str = "acctsec-stest";

    /// Two staff users in [`GROUP`] and an outsider who is not.
    #[derive(Debug, Clone)]
    pub struct Staff {
        pub gid: u32,
        pub first: String,
        pub second: String,
        pub second_uid: u32,
        pub outsider: String,
        pub outsider_uid: u32,
    }

    /// The users, or `None` where they cannot be made (not root, no
    /// useradd or runuser).
    pub fn staff() -> Option<Staff> {
        static STAFF: OnceLock<Option<Staff>> = OnceLock::new();
        STAFF.get_or_init(make).clone()
    }

    fn ok(cmd: &mut Command) -> bool {
        cmd.output().map(|o| o.status.success()).unwrap_or(false)
    }

    fn make() -> Option<Staff> {
        use nix::unistd::{Group, User};
        if !nix::unistd::geteuid().is_root() || !ok(Command::new("runuser").arg("--version")) {
            return None;
        }
        if Group::from_name(GROUP).ok()?.is_none() && !ok(Command::new("groupadd").arg(GROUP)) {
            return None;
        }
        for (name, member) in [
            ("acctsec-t1", true),
            ("acctsec-t2", true),
            ("acctsec-t3", false),
        ] {
            if User::from_name(name).ok()?.is_none() {
                let mut c = Command::new("useradd");
                c.args(["--no-create-home", "--shell", "/usr/sbin/nologin"]);
                if member {
                    c.args(["--groups", GROUP]);
                }
                if !ok(c.arg(name)) {
                    return None;
                }
            }
        }
        let uid = |n: &str| Some(User::from_name(n).ok()??.uid.as_raw());
        Some(Staff {
            gid: Group::from_name(GROUP).ok()??.gid.as_raw(),
            first: "acctsec-t1".into(),
            second: "acctsec-t2".into(),
            second_uid: uid("acctsec-t2")?,
            outsider: "acctsec-t3".into(),
            outsider_uid: uid("acctsec-t3")?,
        })
    }
}
