//! A small fluent harness for running the real binary against a real ledger
//! in a temporary directory (after ripgrep's `tests/util.rs` and just's
//! `Test`).
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

pub mod smtp;

pub struct Env {
    pub dir: tempfile::TempDir,
    /// On PostgreSQL (`ACCTSEC_TEST_PG`): this test's own database.
    pub pg: Option<pg::Db>,
}

/// Whether the tests run on PostgreSQL: `ACCTSEC_TEST_PG` holds the URL of a
/// server's maintenance database, on which every [`Env`] creates its own
/// database (see tests/support/with-postgres).
pub fn on_pg() -> bool {
    std::env::var_os("ACCTSEC_TEST_PG").is_some_and(|v| !v.is_empty())
}

/// A test's prerequisite (a server, root, a browser, a tool) is missing:
/// on a laptop the test says so and returns; under CI (`CI=true`), where
/// `.ci/run` installs what the tests need, it fails, so that no test passes
/// by not running.
pub fn missing(what: &str) {
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!("CI=true and a prerequisite is missing: {what} (.ci/run must install it)");
    }
    eprintln!("skipped: {what}");
}

/// Return early unless a PostgreSQL test server is there: in the test
/// runner's SQLite pass the PostgreSQL pass runs the test; outside the
/// runner the server is a missing prerequisite ([`missing`]).
#[macro_export]
macro_rules! pg_only {
    () => {
        if !$crate::common::on_pg() {
            if std::env::var_os("ACCTSEC_TEST_BACKEND").is_none() {
                $crate::common::missing("a PostgreSQL server (tests/support/with-postgres)");
            }
            return;
        }
    };
}

/// Return early from a test about the SQLite file itself (its bytes, modes,
/// companion files, pragmas), which has no counterpart on PostgreSQL.
#[macro_export]
macro_rules! sqlite_only {
    () => {
        if $crate::common::on_pg() {
            eprintln!("skipped on PostgreSQL: this test is about the SQLite file itself");
            return;
        }
    };
}

impl Env {
    /// An empty directory (and on PostgreSQL an empty database); no ledger
    /// yet.
    pub fn new() -> Env {
        Env {
            dir: tempfile::tempdir().expect("tempdir"),
            pg: on_pg().then(pg::Db::create),
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

    /// [`Env::with_customers`], every step at the fixed time `now`: for a
    /// test whose later steps run at fixed times too and whose trail must
    /// still verify (entries dated before their predecessors do not).
    pub fn with_customers_at(now: &str) -> Env {
        let env = Env::new();
        env.run_at(now, &["init"]).ok();
        env.set_cheap_hashing_at(Some(now));
        env.run_at(
            now,
            &[
                "customer",
                "import",
                &fixture("customers.csv").display().to_string(),
            ],
        )
        .ok();
        env
    }

    /// Give this host (its default configuration file, under `HOME`) a seal
    /// key pair made by `notify keygen`: `authcode issue` seals its codes'
    /// notices to it, and `notify outbox export` opens them. Returns the
    /// private key file (for a `notify send` configuration's `[notify]
    /// seal_key_file`) and the public key.
    pub fn seal_codes(&self) -> (PathBuf, String) {
        let key = self.path("notify-seal.key");
        let public = self
            .run(&["notify", "keygen", "--out", &key.display().to_string()])
            .ok()
            .stdout()
            .trim()
            .to_string();
        let dir = self.path(".config/acctsec");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("config.toml"),
            format!(
                "[notify]\nseal_public_key = \"{public}\"\nseal_key_file = \"{}\"\n",
                key.display()
            ),
        )
        .unwrap();
        (key, public)
    }

    /// The clear text of a body sealed to this host's key ([`Env::seal_codes`]).
    pub fn open_sealed(&self, body: &str) -> String {
        let pem = std::fs::read_to_string(self.path("notify-seal.key")).expect("seal_codes first");
        let key = acctsec::notify::sealed::OpenKey::from_pem(&pem).expect("a seal key");
        key.open(body)
            .expect("sealed to this host's key")
            .to_string()
    }

    /// Switch the ledger's policy to cheap Argon2 parameters.
    pub fn set_cheap_hashing(&self) {
        self.set_cheap_hashing_at(None);
    }

    fn set_cheap_hashing_at(&self, now: Option<&str>) {
        let run = |args: &[&str]| match now {
            Some(t) => self.run_at(t, args),
            None => self.run(args),
        };
        let toml = run(&["policy", "show", "--toml"]).ok().stdout();
        let cheap = toml
            .replace("m_kib = 19456", "m_kib = 64")
            .replace("\nt = 2\n", "\nt = 1\n");
        assert_ne!(cheap, toml, "policy TOML changed shape");
        let f = self.write("cheap-policy.toml", cheap);
        run(&["--yes", "policy", "set", "--file", &f.display().to_string()]).ok();
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// The ledger: a file in the directory, or on PostgreSQL the URL of
    /// this test's database.
    pub fn db(&self) -> PathBuf {
        match &self.pg {
            Some(db) => PathBuf::from(&db.url),
            None => self.path("ledger.db"),
        }
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

    /// A direct SQLite connection to the ledger file (for tests about the
    /// SQLite file itself: see [`sqlite_only!`]; others use `sql_*`).
    pub fn sql(&self) -> rusqlite::Connection {
        assert!(
            self.pg.is_none(),
            "env.sql() is SQLite only: use sql_i64/sql_exec"
        );
        rusqlite::Connection::open(self.db()).expect("open ledger")
    }

    /// The ledger as it is now, to [`Env::restore`] it later (a copy of the
    /// file; on PostgreSQL a copy of the database). Nothing may have the
    /// ledger open meanwhile.
    pub fn snapshot(&self) -> Snapshot {
        match &self.pg {
            Some(db) => {
                let snap = pg::Db::copy_of(&db.name);
                Snapshot::Pg(snap)
            }
            None => Snapshot::File(std::fs::read(self.db()).expect("read ledger")),
        }
    }

    /// Put the ledger back as it was at `snap`.
    pub fn restore(&self, snap: &Snapshot) {
        match (snap, &self.pg) {
            (Snapshot::File(bytes), None) => {
                std::fs::write(self.db(), bytes).expect("write ledger")
            }
            (Snapshot::Pg(snap), Some(db)) => db.replace_with(&snap.name),
            _ => unreachable!("a snapshot of another backend"),
        }
    }

    /// Everything the ledger holds, to compare before and after a command
    /// that must change nothing: the file's bytes (and its WAL's); on
    /// PostgreSQL every row of every table.
    pub fn contents(&self) -> Vec<u8> {
        match &self.pg {
            Some(_) => {
                let tables = self.sql_col(
                    "SELECT CAST(tablename AS TEXT) FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1",
                    &[],
                );
                let mut out = Vec::new();
                for t in tables {
                    out.extend(t.as_bytes());
                    for row in self.sql_col(
                        &format!("SELECT CAST(t AS TEXT) FROM {t} AS t ORDER BY 1"),
                        &[],
                    ) {
                        out.extend(row.as_bytes());
                        out.push(b'\n');
                    }
                }
                out
            }
            None => {
                let mut out = std::fs::read(self.db()).expect("read ledger");
                if let Ok(w) = std::fs::read(self.path("ledger.db-wal")) {
                    out.extend(w);
                }
                out
            }
        }
    }

    /// Hold the ledger's write lock (as a writer in another process would)
    /// until the holder is dropped; nothing is written.
    pub fn hold_write_lock(&self) -> WriteLock {
        match &self.pg {
            Some(db) => {
                let mut c = db.client();
                c.batch_execute("BEGIN; SELECT pg_advisory_xact_lock(4702693991722778625)")
                    .unwrap();
                WriteLock::Pg(c)
            }
            None => {
                let c = self.sql();
                c.execute_batch("BEGIN IMMEDIATE").unwrap();
                WriteLock::Sqlite(c)
            }
        }
    }

    /// Run a statement on the ledger, on either backend (`?N` placeholders);
    /// how many rows it changed.
    pub fn sql_exec(&self, sql: &str, params: &[&dyn Arg]) -> u64 {
        match &self.pg {
            Some(db) => db.execute(sql, params),
            None => {
                let args: Vec<SqlVal> = params.iter().map(|p| p.val()).collect();
                self.sql()
                    .execute(sql, rusqlite::params_from_iter(args))
                    .unwrap_or_else(|e| panic!("{sql}: {e}")) as u64
            }
        }
    }

    /// The rows of a query, on either backend, every cell as text (NULL as
    /// `None`).
    pub fn sql_rows(&self, sql: &str, params: &[&dyn Arg]) -> Vec<Vec<Option<String>>> {
        match &self.pg {
            Some(db) => db.rows(sql, params),
            None => {
                let args: Vec<SqlVal> = params.iter().map(|p| p.val()).collect();
                let conn = self.sql();
                let mut stmt = conn.prepare(sql).unwrap_or_else(|e| panic!("{sql}: {e}"));
                let n = stmt.column_count();
                stmt.query_map(rusqlite::params_from_iter(args), |r| {
                    (0..n)
                        .map(|i| {
                            Ok(match r.get_ref(i)? {
                                rusqlite::types::ValueRef::Null => None,
                                rusqlite::types::ValueRef::Integer(v) => Some(v.to_string()),
                                rusqlite::types::ValueRef::Real(v) => Some(v.to_string()),
                                rusqlite::types::ValueRef::Text(t) => {
                                    Some(String::from_utf8_lossy(t).into_owned())
                                }
                                rusqlite::types::ValueRef::Blob(b) => Some(hex_of(b)),
                            })
                        })
                        .collect()
                })
                .unwrap()
                .map(Result::unwrap)
                .collect()
            }
        }
    }

    /// The first column of a query's rows, as text.
    pub fn sql_col(&self, sql: &str, params: &[&dyn Arg]) -> Vec<String> {
        self.sql_rows(sql, params)
            .into_iter()
            .map(|mut r| r.swap_remove(0).unwrap_or_default())
            .collect()
    }

    /// The one text value of a query.
    pub fn sql_text(&self, sql: &str, params: &[&dyn Arg]) -> String {
        let rows = self.sql_col(sql, params);
        assert_eq!(rows.len(), 1, "{sql}: {rows:?}");
        rows.into_iter().next().unwrap()
    }

    /// The one integer of a query (a count).
    pub fn sql_i64(&self, sql: &str, params: &[&dyn Arg]) -> i64 {
        let t = self.sql_text(sql, params);
        t.parse()
            .unwrap_or_else(|_| panic!("{sql}: {t:?} is not a number"))
    }
}

/// A saved state of a ledger (see [`Env::snapshot`]).
pub enum Snapshot {
    File(Vec<u8>),
    Pg(pg::Db),
}

/// A held write lock (see [`Env::hold_write_lock`]); dropped, it is rolled
/// back.
pub enum WriteLock {
    Sqlite(rusqlite::Connection),
    Pg(postgres::Client),
}

impl Drop for WriteLock {
    fn drop(&mut self) {
        match self {
            WriteLock::Sqlite(c) => {
                let _ = c.execute_batch("ROLLBACK");
            }
            WriteLock::Pg(c) => {
                let _ = c.batch_execute("ROLLBACK");
            }
        }
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

/// How many password lines the temporary file of an issue run into `out`
/// (in the test directory) holds so far: the plaintext reaches it before
/// the ledger holds the hashes. The largest, should there be several.
pub fn issue_temp_lines(env: &Env, out: &str) -> usize {
    let prefix = format!(".{out}.");
    std::fs::read_dir(env.dir.path())
        .unwrap()
        .filter_map(|e| {
            let n = e.ok()?.file_name().to_string_lossy().into_owned();
            (n.starts_with(&prefix) && n.ends_with(".tmp")).then_some(n)
        })
        .map(|n| {
            std::fs::read(env.path(&n))
                .map(|b| b.iter().filter(|&&c| c == b'\n').count().saturating_sub(1))
                .unwrap_or(0)
        })
        .max()
        .unwrap_or(0)
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
/// An audit entry's hash as acctsec computes it, written out independently:
/// `fields` are seq, at, operator, action, customer, reason, details,
/// prev_hash; format 2 also hashes the identity.
pub fn entry_hash(fields: &[Option<String>], format: u8, identity: Option<&str>) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    h.update(if format == 1 {
        b"acctsec-audit-v1"
    } else {
        b"acctsec-audit-v2"
    });
    let mut field = |v: Option<&str>| match v {
        None => h.update([0u8]),
        Some(s) => {
            h.update([1u8]);
            h.update((s.len() as u64).to_be_bytes());
            h.update(s.as_bytes());
        }
    };
    for v in fields {
        field(v.as_deref());
    }
    if format >= 2 {
        field(identity);
    }
    hex::encode(h.finalize())
}

/// Give every audit entry `identity` (format 2) and chain the trail anew,
/// for fixtures that must look alike whoever runs the tests.
pub fn set_trail_identity(env: &Env, identity: &str) {
    let rows = env.sql_rows(
        "SELECT seq, at, operator, action, customer, reason, details FROM audit_log ORDER BY seq",
        &[],
    );
    let mut prev = "0".repeat(64);
    for r in &rows {
        let mut fields = r.clone();
        fields.push(Some(prev.clone()));
        let hash = entry_hash(&fields, 2, Some(identity));
        let seq: i64 = r[0].as_deref().unwrap().parse().unwrap();
        env.sql_exec(
            "UPDATE audit_log SET format = 2, identity = ?1, prev_hash = ?2, hash = ?3 WHERE seq = ?4",
            &[&identity, &prev, &hash, &seq],
        );
        prev = hash;
    }
}

/// Make request `id` (row and `request.create` entry alike, the chain
/// hashed anew) look as if `who` had asked for it: a second person for
/// tests that run as one user. (Editing only the row is refused as
/// tampering.)
pub fn request_by(env: &Env, id: i64, who: &str) {
    env.sql_exec(
        "UPDATE request SET requested_by = ?1, operator = ?1 WHERE id = ?2",
        &[&who, &id],
    );
    let prefix = format!("{{\"request\":{id},%");
    env.sql_exec(
        "UPDATE audit_log SET identity = ?1, operator = ?1 WHERE action = 'request.create' AND details LIKE ?2",
        &[&who, &prefix],
    );
    let rows = env.sql_rows(
        "SELECT seq, at, operator, action, customer, reason, details, format, identity FROM audit_log ORDER BY seq",
        &[],
    );
    let mut prev = "0".repeat(64);
    for r in &rows {
        let mut fields = r[..7].to_vec();
        fields.push(Some(prev.clone()));
        let format: u8 = r[7].as_deref().unwrap().parse().unwrap();
        let hash = entry_hash(&fields, format, r[8].as_deref());
        let seq: i64 = r[0].as_deref().unwrap().parse().unwrap();
        env.sql_exec(
            "UPDATE audit_log SET prev_hash = ?1, hash = ?2 WHERE seq = ?3",
            &[&prev, &hash, &seq],
        );
        prev = hash;
    }
}

pub fn audit_count(env: &Env, action: &str) -> i64 {
    env.sql_i64(
        "SELECT count(*) FROM audit_log WHERE action = ?1",
        &[&action],
    )
}

fn hex_of(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// A parameter of `sql_*`: text or an integer.
#[derive(Debug, Clone)]
pub enum SqlVal {
    Int(i64),
    Text(String),
    Null,
}

pub trait Arg {
    fn val(&self) -> SqlVal;
}

impl Arg for i64 {
    fn val(&self) -> SqlVal {
        SqlVal::Int(*self)
    }
}
impl Arg for u64 {
    fn val(&self) -> SqlVal {
        SqlVal::Int(*self as i64)
    }
}
impl Arg for i32 {
    fn val(&self) -> SqlVal {
        SqlVal::Int(i64::from(*self))
    }
}
impl Arg for usize {
    fn val(&self) -> SqlVal {
        SqlVal::Int(*self as i64)
    }
}
impl Arg for &str {
    fn val(&self) -> SqlVal {
        SqlVal::Text(self.to_string())
    }
}
impl Arg for String {
    fn val(&self) -> SqlVal {
        SqlVal::Text(self.clone())
    }
}
impl<T: Arg> Arg for Option<T> {
    fn val(&self) -> SqlVal {
        self.as_ref().map_or(SqlVal::Null, Arg::val)
    }
}

impl rusqlite::ToSql for SqlVal {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        use rusqlite::types::{ToSqlOutput, ValueRef};
        Ok(ToSqlOutput::Borrowed(match self {
            SqlVal::Int(n) => ValueRef::Integer(*n),
            SqlVal::Text(s) => ValueRef::Text(s.as_bytes()),
            SqlVal::Null => ValueRef::Null,
        }))
    }
}

/// The PostgreSQL side of the harness: a database per [`Env`], dropped with
/// it.
pub mod pg {
    use super::{Arg, SqlVal};
    use postgres::types::{IsNull, ToSql, Type, to_sql_checked};
    use postgres::{Client, NoTls};
    use std::sync::atomic::{AtomicU32, Ordering};

    /// The maintenance database's URL (`ACCTSEC_TEST_PG`).
    pub fn admin_url() -> String {
        std::env::var("ACCTSEC_TEST_PG").expect("ACCTSEC_TEST_PG")
    }

    pub fn admin() -> Client {
        Client::connect(&admin_url(), NoTls).expect("connect to the test server")
    }

    /// One test's database.
    pub struct Db {
        pub name: String,
        pub url: String,
    }

    impl Db {
        pub fn create() -> Db {
            let db = Db::named();
            admin()
                .batch_execute(&format!("CREATE DATABASE {} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'", db.name))
                .expect("create a test database");
            db
        }

        /// A fresh name (the database is not made).
        fn named() -> Db {
            static N: AtomicU32 = AtomicU32::new(0);
            let name = format!(
                "t_{}_{}_{}",
                std::process::id(),
                N.fetch_add(1, Ordering::Relaxed),
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .unwrap()
                    .subsec_nanos()
            );
            let base = admin_url();
            let server = base.rsplit_once('/').map(|(s, _)| s).unwrap_or(&base);
            Db {
                // The test server speaks no TLS: said so (a TCP host
                // defaults to verify-full).
                url: format!("{server}/{name}?sslmode=disable"),
                name,
            }
        }

        /// A new database, a copy of `name`.
        pub fn copy_of(name: &str) -> Db {
            let db = Db::named();
            admin()
                .batch_execute(&format!("CREATE DATABASE {} TEMPLATE {name}", db.name))
                .expect("copy a test database");
            db
        }

        /// Make this database a copy of `template` again.
        pub fn replace_with(&self, template: &str) {
            let mut a = admin();
            a.batch_execute(&format!("DROP DATABASE {} WITH (FORCE)", self.name))
                .expect("drop a test database");
            a.batch_execute(&format!(
                "CREATE DATABASE {} TEMPLATE {template}",
                self.name
            ))
            .expect("copy a test database");
        }

        pub fn client(&self) -> Client {
            Client::connect(&self.url, NoTls).expect("connect to the test database")
        }

        pub fn execute(&self, sql: &str, params: &[&dyn Arg]) -> u64 {
            let args: Vec<SqlVal> = params.iter().map(|p| p.val()).collect();
            let refs: Vec<&(dyn ToSql + Sync)> = args.iter().map(|a| a as _).collect();
            self.client()
                .execute(&dollars(sql), &refs)
                .unwrap_or_else(|e| panic!("{sql}: {e}"))
        }

        pub fn rows(&self, sql: &str, params: &[&dyn Arg]) -> Vec<Vec<Option<String>>> {
            let args: Vec<SqlVal> = params.iter().map(|p| p.val()).collect();
            let refs: Vec<&(dyn ToSql + Sync)> = args.iter().map(|a| a as _).collect();
            let mut client = self.client();
            let types: Vec<Type> = args
                .iter()
                .map(|a| match a {
                    SqlVal::Int(_) => Type::INT8,
                    _ => Type::TEXT,
                })
                .collect();
            let stmt = client
                .prepare_typed(&dollars(sql), &types)
                .unwrap_or_else(|e| panic!("{sql}: {e}"));
            client
                .query(&stmt, &refs)
                .unwrap_or_else(|e| panic!("{sql}: {e}"))
                .iter()
                .map(|r| {
                    (0..r.len())
                        .map(|i| match *r.columns()[i].type_() {
                            Type::INT8 => r.get::<_, Option<i64>>(i).map(|v| v.to_string()),
                            Type::INT4 => r.get::<_, Option<i32>>(i).map(|v| v.to_string()),
                            Type::BOOL => r
                                .get::<_, Option<bool>>(i)
                                .map(|v| if v { "1" } else { "0" }.to_string()),
                            _ => r.get::<_, Option<String>>(i),
                        })
                        .collect()
                })
                .collect()
        }
    }

    impl Drop for Db {
        fn drop(&mut self) {
            let _ = admin().batch_execute(&format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ));
        }
    }

    /// `?N` as `$N`.
    pub fn dollars(sql: &str) -> String {
        let mut out = String::new();
        let mut chars = sql.chars().peekable();
        let mut quoted = false;
        while let Some(c) = chars.next() {
            if c == '\'' {
                quoted = !quoted;
            }
            if c == '?' && !quoted && chars.peek().is_some_and(char::is_ascii_digit) {
                out.push('$');
            } else {
                out.push(c);
            }
        }
        out
    }

    impl ToSql for SqlVal {
        fn to_sql(
            &self,
            ty: &Type,
            out: &mut bytes::BytesMut,
        ) -> Result<IsNull, Box<dyn std::error::Error + Sync + Send>> {
            match self {
                SqlVal::Null => Ok(IsNull::Yes),
                SqlVal::Int(n) => match *ty {
                    Type::INT4 => i32::try_from(*n)?.to_sql(ty, out),
                    _ => n.to_sql(ty, out),
                },
                SqlVal::Text(s) => s.as_str().to_sql(ty, out),
            }
        }
        fn accepts(_: &Type) -> bool {
            true
        }
        to_sql_checked!();
    }
}

/// The outbox with full addresses, through the mail gateway's export
/// (`notify outbox export --out NAME`), one JSON object a line.
pub fn export_outbox(env: &Env, name: &str) -> Vec<serde_json::Value> {
    export_outbox_at(env, None, name)
}

/// [`export_outbox`] at `now` (the real clock when `None`).
pub fn export_outbox_at(env: &Env, now: Option<&str>, name: &str) -> Vec<serde_json::Value> {
    let out = env.path(name);
    let mut cmd = match now {
        Some(t) => env.cmd_at(t),
        None => env.cmd(),
    };
    Run(cmd
        .args(["notify", "outbox", "export", "--out"])
        .arg(&out)
        .output()
        .expect("run acctsec"))
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

/// Take `env`'s ledger back to before known login environments (schema
/// 17): no `login_environment`, the one-row-per-customer `login_env` that
/// schema 17's data step converts.
pub fn back_to_login_env(env: &Env) {
    env.sql_exec("DROP TABLE login_environment", &[]);
    env.sql_exec(
        "CREATE TABLE login_env (
            customer   TEXT PRIMARY KEY NOT NULL REFERENCES customer (code),
            device     TEXT,
            user_agent TEXT,
            ip         TEXT,
            seen_at    TEXT NOT NULL
        )",
        &[],
    );
}

/// Take `env`'s ledger back to before the server kept the trail (schema
/// 20): on PostgreSQL, without its functions; a SQLite ledger is as it was.
pub fn back_before_server_trail(env: &Env) {
    if on_pg() {
        env.sql_exec(
            "DROP FUNCTION acctsec_append(text, text, text, text, text)",
            &[],
        );
        env.sql_exec(
            "DROP FUNCTION acctsec_seal(bigint, text, text, text, text)",
            &[],
        );
        env.sql_exec("DROP FUNCTION acctsec_now()", &[]);
    }
}

/// Take `env`'s ledger back to before the guessing audit across hosts
/// (schema 19): no cycles or chunks, no worker, cycle or chunks of a run.
/// (SQLite cannot drop a column with a foreign key, so there the runs are
/// copied into a table without the three.)
pub fn back_before_guess_workers(env: &Env) {
    env.sql_exec("DROP TABLE guess_chunk", &[]);
    if on_pg() {
        env.sql_exec(
            "ALTER TABLE audit_run DROP COLUMN worker, DROP COLUMN cycle, DROP COLUMN chunks",
            &[],
        );
    } else {
        let keep: Vec<String> = env
            .sql_col(
                "SELECT name FROM pragma_table_info('audit_run') ORDER BY cid",
                &[],
            )
            .into_iter()
            .filter(|c| !matches!(c.as_str(), "worker" | "cycle" | "chunks"))
            .collect();
        env.sql_exec("ALTER TABLE audit_run RENAME TO audit_run_old", &[]);
        env.sql_exec(
            &format!(
                "CREATE TABLE audit_run AS SELECT {} FROM audit_run_old",
                keep.join(", ")
            ),
            &[],
        );
        env.sql_exec("DROP TABLE audit_run_old", &[]);
    }
    env.sql_exec("DROP TABLE guess_cycle", &[]);
}

/// Every `.rs` file under `dir`, at any depth (for the tests that read the
/// source tree).
pub fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}
