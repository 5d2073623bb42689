//! The ledger on a PostgreSQL server: what only a server has (other hosts'
//! processes racing, lost connections, logins, URLs). Every test here needs
//! `ACCTSEC_TEST_PG` (tests/support/with-postgres sets it) and returns early
//! without it; the rest of the end-to-end suite runs on both backends.

mod common;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{Env, Run};

const EXEC_PW: &str = "Hp4rWx8k";
const CODE: &str = "1000100";

/// A ledger with the sample customers and `CODE`'s execution password set.
fn with_exec_password() -> Env {
    let env = Env::with_customers();
    env.run_stdin(
        &["password", "set", CODE, "--kind", "execution"],
        &format!("{EXEC_PW}\n"),
    )
    .ok();
    env
}

#[test]
fn twenty_processes_verifying_wrong_at_once_count_exactly_nine_failures() {
    pg_only!();
    let env = with_exec_password();
    let kids: Vec<_> = (0..20)
        .map(|_| {
            let mut c = env.std_cmd();
            c.args([
                "--busy-timeout",
                "60000",
                "password",
                "verify",
                CODE,
                "--kind",
                "execution",
            ])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
            let mut child = c.spawn().expect("spawn");
            use std::io::Write;
            child
                .stdin
                .take()
                .unwrap()
                .write_all(b"Wrong7x5Q\n")
                .unwrap();
            child
        })
        .collect();
    let codes: Vec<i32> = kids
        .into_iter()
        .map(|k| k.wait_with_output().unwrap().status.code().unwrap_or(-1))
        .collect();
    // Eight wrong answers (exit 1), the ninth locks (exit 3), the rest find
    // it locked (3).
    assert_eq!(codes.iter().filter(|c| **c == 1).count(), 8, "{codes:?}");
    assert_eq!(codes.iter().filter(|c| **c == 3).count(), 12, "{codes:?}");
    assert_eq!(
        env.sql_i64(
            "SELECT failures FROM credential WHERE customer = ?1 AND kind = 'execution'",
            &[&CODE]
        ),
        9
    );
    assert_eq!(
        env.sql_i64(
            "SELECT count(*) FROM customer WHERE locked_at IS NOT NULL",
            &[]
        ),
        1
    );
    env.run(&["log", "verify"]).ok();
}

#[test]
fn writers_on_many_connections_leave_one_chain() {
    pg_only!();
    let env = Env::with_customers();
    let codes = env.sql_col("SELECT code FROM customer ORDER BY code", &[]);
    let kids: Vec<_> = codes
        .iter()
        .take(24)
        .enumerate()
        .map(|(i, code)| {
            let mut c = env.std_cmd();
            if i % 2 == 0 {
                c.args([
                    "--busy-timeout",
                    "60000",
                    "lock",
                    "add",
                    code,
                    "--reason",
                    "race",
                ]);
            } else {
                c.args([
                    "--yes",
                    "--busy-timeout",
                    "60000",
                    "customer",
                    "set-email",
                    code,
                    "--pc",
                    "a@example.jp",
                ]);
            }
            c.stdout(Stdio::null()).stderr(Stdio::piped());
            c.spawn().expect("spawn")
        })
        .collect();
    for k in kids {
        let out = k.wait_with_output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let n = env.sql_i64("SELECT count(*) FROM audit_log", &[]);
    assert_eq!(
        env.sql_i64("SELECT max(seq) FROM audit_log", &[]),
        n,
        "no gaps"
    );
    assert_eq!(
        env.sql_i64(
            "SELECT count(*) FROM audit_log a JOIN audit_log b ON b.seq = a.seq + 1 WHERE b.prev_hash <> a.hash",
            &[]
        ),
        0,
        "no forks"
    );
    env.run(&["log", "verify"]).ok();
}

#[test]
fn a_writer_killed_mid_transaction_leaves_nothing_half_written() {
    pg_only!();
    let env = Env::with_customers();
    let head = env.run(&["log", "head"]).ok().stdout();
    let before = env.sql_i64("SELECT count(*) FROM customer", &[]);
    // A big import, killed while its one transaction is open.
    let mut csv = String::from("code,name,birth_date,phone,mobile_phone,email_pc,email_mobile\n");
    for i in 0..200_000 {
        csv.push_str(&format!("9{i:06},Name{i},1980-01-01,,,,\n"));
    }
    let f = env.write("big.csv", csv);
    let mut child = env
        .std_cmd()
        .args(["customer", "import", &f.display().to_string()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Wait until it holds the write lock (its transaction is open).
    let t = Instant::now();
    loop {
        // (This ledger's database only: other tests' ledgers share the server.)
        let holding = env.sql_i64(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted
              AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
            &[],
        );
        if holding > 0 || t.elapsed() > Duration::from_secs(30) {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(200));
    let _ = child.kill();
    child.wait().unwrap();
    assert_eq!(env.sql_i64("SELECT count(*) FROM customer", &[]), before);
    assert_eq!(env.run(&["log", "head"]).ok().stdout(), head);
    env.run(&["log", "verify"]).ok();
    // The next writer does not wait for the dead one.
    env.run(&["lock", "add", CODE, "--reason", "after"]).ok();
}

#[test]
fn a_stopped_server_is_exit_75_naming_it() {
    pg_only!();
    let env = Env::new();
    // A port nothing listens on.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("postgres://postgres@127.0.0.1:{port}/x?sslmode=disable");
    env.cmd()
        .env("ACCTSEC_DB", &url)
        .args(["lock", "list"])
        .assert()
        .code(75)
        .stderr(predicates::str::contains(format!("127.0.0.1:{port}")));
}

#[test]
fn a_wrong_password_is_exit_78_and_the_right_one_from_pgpassword_or_pgpass_works() {
    pg_only!();
    let env = Env::with_ledger();
    let url = env
        .db()
        .display()
        .to_string()
        .replace("postgres://postgres@", "postgres://acctsec_pw@");
    env.cmd()
        .env("ACCTSEC_DB", &url)
        .env("PGPASSWORD", "not-it")
        .args(["log", "head"])
        .assert()
        .code(78)
        .stderr(predicates::str::contains("acctsec_pw"))
        .stderr(predicates::str::contains("not-it").not());
    env.cmd()
        .env("ACCTSEC_DB", &url)
        .env("PGPASSWORD", "test-pw")
        .args(["log", "head"])
        .assert()
        .code(0);
    // The password file, honoured only when private.
    let pgpass = env.write("pgpass", "*:*:*:acctsec_pw:test-pw\n");
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&pgpass, std::fs::Permissions::from_mode(0o600)).unwrap();
    env.cmd()
        .env("ACCTSEC_DB", &url)
        .env("PGPASSFILE", &pgpass)
        .args(["log", "head"])
        .assert()
        .code(0);
    std::fs::set_permissions(&pgpass, std::fs::Permissions::from_mode(0o644)).unwrap();
    env.cmd()
        .env("ACCTSEC_DB", &url)
        .env("PGPASSFILE", &pgpass)
        .args(["log", "head"])
        .assert()
        .code(78);
}

use predicates::prelude::PredicateBooleanExt;

#[test]
fn a_password_in_the_url_is_refused_with_exit_2() {
    pg_only!();
    let env = Env::new();
    env.cmd()
        .env_remove("ACCTSEC_DB")
        .args([
            "--db",
            "postgres://acctsec_pw:test-pw@127.0.0.1/postgres",
            "log",
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("PGPASSWORD"))
        .stderr(predicates::str::contains(".pgpass"))
        .stderr(predicates::str::contains("test-pw").not());
}

#[test]
fn init_refuses_a_foreign_database_and_keeps_an_existing_ledger() {
    pg_only!();
    let env = Env::new();
    env.sql_exec("CREATE TABLE orders (id BIGINT)", &[]);
    env.run(&["init"]).status(78);
    assert_eq!(
        env.sql_i64(
            "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'",
            &[]
        ),
        1,
        "untouched"
    );
    env.run(&["lock", "list"]).status(78);

    let env = Env::with_ledger();
    let head = env.run(&["log", "head"]).ok().stdout();
    env.run(&["init"]).ok();
    assert_eq!(env.run(&["log", "head"]).ok().stdout(), head);
    env.sql_exec("UPDATE acctsec_schema SET version = 999", &[]);
    env.run(&["log"])
        .status(78)
        .stderr_has("newer acctsec (schema 999");
}

#[test]
fn a_unix_socket_url_reaches_the_same_ledger() {
    pg_only!();
    let Ok(dir) = std::env::var("ACCTSEC_TEST_PG_SOCKET") else {
        return;
    };
    let env = Env::with_ledger();
    let head = env.run(&["log", "head"]).ok().stdout();
    let name = &env.pg.as_ref().unwrap().name;
    let port = env.db().display().to_string();
    let port = port
        .rsplit_once(':')
        .unwrap()
        .1
        .split('/')
        .next()
        .unwrap()
        .to_string();
    for url in [
        format!("postgresql:///{name}?host={dir}&port={port}&user=postgres"),
        format!(
            "postgresql://postgres@{}:{port}/{name}",
            dir.replace('/', "%2F")
        ),
    ] {
        let r = env
            .cmd()
            .env("ACCTSEC_DB", &url)
            .args(["log", "head"])
            .output()
            .unwrap();
        assert_eq!(
            String::from_utf8_lossy(&r.stdout),
            head,
            "{url}: {}",
            String::from_utf8_lossy(&r.stderr)
        );
    }
}

/// The ledger's issue lock ("ACSE", 2), a session-level advisory lock.
const ISSUE_LOCK: i64 = 0x4143_5345_0000_0002;

#[test]
fn one_issue_run_per_ledger_across_hosts() {
    pg_only!();
    let env = Env::with_customers();
    // Another host's run holds the ledger's issue lock (a session lock).
    let mut other = env.pg.as_ref().unwrap().client();
    other
        .batch_execute(&format!("SELECT pg_advisory_lock({ISSUE_LOCK})"))
        .unwrap();
    let out = env.path("issue.csv");
    let out_arg = out.display().to_string();
    let issue = |busy_ms: &str| {
        env.run(&[
            "--busy-timeout",
            busy_ms,
            "--yes",
            "password",
            "issue",
            "--all",
            "--out",
            &out_arg,
        ])
    };
    // Given up at once, or after the busy timeout.
    issue("0")
        .status(75)
        .stderr_has("another `acctsec password issue`");
    let t = Instant::now();
    issue("300")
        .status(75)
        .stderr_has("another `acctsec password issue`");
    assert!(
        t.elapsed() >= Duration::from_millis(300),
        "{:?}",
        t.elapsed()
    );
    assert!(!out.exists());
    drop(other);
    env.issue_all(&out).ok();
}

/// A run's issue lock outlives its client a little: the server lets go of
/// a session's locks once its backend notices the client is gone, which a
/// backend busy with a statement does only after it. A run started in
/// between (the rerun of a killed run) waits for the lock, within the busy
/// timeout, rather than exit 75 at once. Here the holder is a session the
/// test ends while the run waits.
#[test]
fn an_issue_run_waits_within_the_busy_timeout_for_a_lock_let_go() {
    pg_only!();
    let env = Env::with_customers();
    let pg = env.pg.as_ref().unwrap();
    let mut holder = pg.client();
    holder
        .batch_execute(&format!("SELECT pg_advisory_lock({ISSUE_LOCK})"))
        .unwrap();
    let out = env.path("issue.csv");
    let mut run = env
        .std_cmd()
        .args(["--busy-timeout", "60000", "--yes", "password", "issue"])
        .args(["--all", "--out", &out.display().to_string()])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Until the run's session waits for the lock.
    let mut watcher = pg.client();
    let t = Instant::now();
    loop {
        let waiting: i64 = watcher
            .query_one(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted
                  AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
                &[],
            )
            .unwrap()
            .get(0);
        if waiting > 0 {
            break;
        }
        if run.try_wait().unwrap().is_some() {
            let o = run.wait_with_output().unwrap();
            panic!(
                "the run did not wait: {:?}\n{}",
                o.status,
                String::from_utf8_lossy(&o.stderr)
            );
        }
        assert!(
            t.elapsed() < Duration::from_secs(30),
            "the run never waited"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    assert!(!out.exists());
    drop(holder);
    let o = run.wait_with_output().unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(&out).unwrap().lines().count(),
        31,
        "a header and the 30 customers"
    );
    env.run(&["log", "verify"]).ok();
}

#[test]
fn ledger_copy_moves_a_sqlite_ledger_up_to_postgres_with_the_same_head() {
    pg_only!();
    // The source: a SQLite file.
    let env = Env::new();
    let file = env.path("small.db");
    let on = |db: &str, args: &[&str]| {
        let mut a = vec!["--db", db];
        a.extend_from_slice(args);
        env.run(&a)
    };
    let file_s = file.display().to_string();
    on(&file_s, &["init"]).ok();
    let import = common::fixture("customers.csv").display().to_string();
    on(&file_s, &["customer", "import", &import]).ok();
    on(&file_s, &["lock", "add", CODE, "--reason", "x"]).ok();
    // Up to this test's (empty) database.
    let url = env.db().display().to_string();
    on(&file_s, &["ledger", "copy", "--to", &url]).ok();
    let head = on(&file_s, &["log", "head"]).ok().stdout();
    assert_eq!(on(&url, &["log", "head"]).ok().stdout(), head);
    on(&url, &["log", "verify"]).ok();
    // Another ledger, with an identity of its own.
    let id_sql = "SELECT value FROM meta WHERE key = 'ledger.id'";
    let source_id: String = rusqlite::Connection::open(&file)
        .unwrap()
        .query_row(id_sql, [], |r| r.get(0))
        .unwrap();
    let copy_id = env.sql_text(id_sql, &[]);
    assert_eq!(copy_id.len(), 32, "{copy_id}");
    assert_ne!(copy_id, source_id);
    assert_eq!(
        on(&url, &["--format", "json", "lock", "list"])
            .ok()
            .stdout(),
        on(&file_s, &["--format", "json", "lock", "list"])
            .ok()
            .stdout()
    );
    // Keys generated after the copy go on after the copied ones.
    on(&url, &["--yes", "unlock", CODE, "--reason", "y"]).ok();
    on(&url, &["log", "verify"]).ok();
    // Not into a database that holds a ledger.
    on(&file_s, &["ledger", "copy", "--to", &url]).status(73);
}

/// A throwaway cluster of its own that speaks TLS only (`hostssl`; plain
/// connections rejected), with a server certificate for 127.0.0.1 and
/// localhost signed by a test CA made here with the openssl command (rustls
/// refuses a self-signed leaf used as its own root). Stopped and removed on
/// drop.
struct TlsServer {
    dir: tempfile::TempDir,
    bin: std::path::PathBuf,
    port: u16,
    as_pg: bool,
}

impl TlsServer {
    /// `None` (said on stderr) where the openssl command or the server's
    /// binaries are missing.
    fn start() -> Option<TlsServer> {
        let bin = std::path::PathBuf::from(std::env::var_os("ACCTSEC_TEST_PG_BIN")?);
        if Command::new("openssl").arg("version").output().is_err() {
            common::missing("the openssl command, to make the test CA");
            return None;
        }
        // Short: the server's socket path must stay under 107 bytes.
        let dir = tempfile::Builder::new()
            .prefix("pgtls")
            .tempdir_in("/tmp")
            .unwrap();
        let d = dir.path();
        let as_pg = nix::unistd::geteuid().is_root();
        let ssl = |args: &[&str]| {
            let o = Command::new("openssl")
                .args(args)
                .current_dir(d)
                .output()
                .unwrap();
            assert!(
                o.status.success(),
                "openssl {args:?}: {}",
                String::from_utf8_lossy(&o.stderr)
            );
        };
        for ca in ["ca", "wrong"] {
            ssl(&[
                "req",
                "-x509",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:prime256v1",
                "-nodes",
                "-days",
                "2",
                "-subj",
                &format!("/CN=acctsec test {ca} CA"),
                "-addext",
                "basicConstraints=critical,CA:TRUE",
                "-addext",
                "keyUsage=critical,keyCertSign,cRLSign",
                "-keyout",
                &format!("{ca}.key"),
                "-out",
                &format!("{ca}.crt"),
            ]);
        }
        std::fs::write(
            d.join("server.ext"),
            "subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=critical,CA:FALSE\n\
             keyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n",
        )
        .unwrap();
        ssl(&[
            "req",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-subj",
            "/CN=127.0.0.1",
            "-keyout",
            "server.key",
            "-out",
            "server.csr",
        ]);
        ssl(&[
            "x509",
            "-req",
            "-in",
            "server.csr",
            "-CA",
            "ca.crt",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-days",
            "2",
            "-extfile",
            "server.ext",
            "-out",
            "server.crt",
        ]);
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let s = TlsServer {
            dir,
            bin,
            port,
            as_pg,
        };
        let data = s.dir.path().join("d");
        if as_pg {
            let o = Command::new("chown")
                .args(["-R", "postgres"])
                .arg(s.dir.path())
                .output()
                .unwrap();
            assert!(o.status.success());
        }
        s.pg_tool(
            "initdb",
            &[
                "--no-sync",
                "-D",
                data.to_str().unwrap(),
                "-U",
                "postgres",
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C",
            ],
        );
        std::fs::write(
            data.join("pg_hba.conf"),
            "local all all trust\nhostssl all all 127.0.0.1/32 trust\nhostnossl all all 127.0.0.1/32 reject\n",
        )
        .unwrap();
        let opts = format!(
            "-p {} -k {} -c listen_addresses=127.0.0.1 -c fsync=off -c ssl=on \
             -c ssl_cert_file={d}/server.crt -c ssl_key_file={d}/server.key",
            s.port,
            s.dir.path().display(),
            d = s.dir.path().display(),
        );
        s.pg_tool(
            "pg_ctl",
            &[
                "-D",
                data.to_str().unwrap(),
                "-l",
                s.dir.path().join("log").to_str().unwrap(),
                "-w",
                "-t",
                "30",
                "-o",
                &opts,
                "start",
            ],
        );
        Some(s)
    }

    /// Run one of the server's tools (as `postgres` when we are root).
    fn pg_tool(&self, tool: &str, args: &[&str]) {
        let exe = self.bin.join(tool);
        let mut c = if self.as_pg {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(&exe);
            c
        } else {
            Command::new(&exe)
        };
        let o = c.args(args).output().unwrap();
        assert!(
            o.status.success(),
            "{tool}: {}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        );
    }

    /// The ledger URL with `sslmode` (and `sslrootcert`, a file of this
    /// server's directory).
    fn url(&self, mode: &str, root: Option<&str>) -> String {
        let mut u = format!(
            "postgres://postgres@127.0.0.1:{}/postgres?sslmode={mode}",
            self.port
        );
        if let Some(r) = root {
            u.push_str(&format!(
                "&sslrootcert={}",
                self.dir.path().join(r).display()
            ));
        }
        u
    }
}

impl Drop for TlsServer {
    fn drop(&mut self) {
        let data = self.dir.path().join("d");
        let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            self.pg_tool(
                "pg_ctl",
                &["-D", data.to_str().unwrap(), "-m", "immediate", "stop"],
            )
        }));
    }
}

#[test]
fn tls_to_a_server_with_a_test_ca_verifies_and_refuses_what_it_should() {
    pg_only!();
    let Some(server) = TlsServer::start() else {
        return;
    };
    let env = Env::new();
    let on = |url: &str, args: &[&str]| as_login(&env, url, args);
    // verify-full with the CA that signed the server's certificate.
    on(&server.url("verify-full", Some("ca.crt")), &["init"]).ok();
    let head = on(&server.url("verify-full", Some("ca.crt")), &["log", "head"])
        .ok()
        .stdout();
    // verify-ca too; and require (encrypted; no root file in HOME).
    on(&server.url("verify-ca", Some("ca.crt")), &["log", "verify"]).ok();
    assert_eq!(
        on(&server.url("require", None), &["log", "head"])
            .ok()
            .stdout(),
        head
    );
    // Another CA: refused, as a configuration problem that names the fix.
    for mode in ["verify-full", "verify-ca"] {
        let r = on(&server.url(mode, Some("wrong.crt")), &["log", "head"]).status(78);
        let err = r.stderr();
        assert!(
            err.contains("cannot secure the connection"),
            "{mode}: {err}"
        );
        assert!(err.contains("sslrootcert"), "{mode}: {err}");
        assert!(r.stdout().is_empty());
    }
    // A server that takes TLS only: a plain connection fails cleanly.
    let r = on(&server.url("disable", None), &["log", "head"]).status(78);
    let err = r.stderr();
    assert!(err.contains("127.0.0.1"), "{err}");
    assert!(err.contains("sslmode"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

/// Names are pinned to the ledger's schema: a schema named like a user (the
/// first in PostgreSQL's default search path), planted by someone who may
/// create schemas and holding an untouched copy of the trail, is never
/// read; the user's `log verify` sees the real, rewritten trail.
#[test]
fn a_schema_planted_ahead_of_the_ledger_is_never_read() {
    pg_only!();
    let env = Env::with_customers();
    let db = env.pg.as_ref().unwrap();
    let mut admin = common::pg::admin();
    let _ = admin.batch_execute("CREATE ROLE carol LOGIN SUPERUSER");
    db.execute("CREATE SCHEMA carol AUTHORIZATION carol", &[]);
    for t in ["audit_log", "seal", "request", "customer"] {
        db.execute(
            &format!("CREATE TABLE carol.{t} (LIKE public.{t} INCLUDING ALL)"),
            &[],
        );
        db.execute(
            &format!("INSERT INTO carol.{t} SELECT * FROM public.{t}"),
            &[],
        );
    }
    // The real trail is rewritten; the planted copy is not.
    db.execute(
        "UPDATE public.audit_log SET reason = 'forged' WHERE seq = 2",
        &[],
    );
    let carol = db.url.replacen("postgres@", "carol@", 1);
    let verify = |url: &str| as_login(&env, url, &["log", "verify"]);
    verify(&carol).status(1).stdout_has("TAMPERED");
    verify(&db.url).status(1);
    // A ledger in another schema is reached by naming it.
    let other = Env::new();
    let odb = other.pg.as_ref().unwrap();
    odb.execute("CREATE SCHEMA books", &[]);
    let url = format!("{}&schema=books", odb.url);
    let run = |args: &[&str]| {
        common::Run(
            other
                .cmd()
                .env("ACCTSEC_DB", &url)
                .args(args)
                .output()
                .unwrap(),
        )
    };
    run(&["init"]).ok();
    assert_eq!(
        other.sql_i64(
            "SELECT count(*) FROM pg_tables WHERE schemaname = 'books' AND tablename = 'audit_log'",
            &[]
        ),
        1
    );
    run(&["log", "verify"]).ok();
}

/// What a fake server that declines TLS got from a client: the bytes after
/// its "no TLS" answer (a startup message, then a password if it asks for
/// one in clear).
fn fake_server_declining_tls() -> (u16, std::thread::JoinHandle<Vec<u8>>) {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    listener.set_nonblocking(true).unwrap();
    let handle = std::thread::spawn(move || {
        // A client that never connects (it refused before): nothing got.
        let deadline = Instant::now() + Duration::from_secs(3);
        let mut s = loop {
            match listener.accept() {
                Ok((s, _)) => break s,
                Err(_) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(20))
                }
                Err(_) => return Vec::new(),
            }
        };
        s.set_nonblocking(false).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        let mut first = [0u8; 8];
        if s.read_exact(&mut first).is_err() {
            return Vec::new();
        }
        let mut got = Vec::new();
        // SSLRequest (length 8, code 80877103): decline.
        if first[4..] == [0x04, 0xd2, 0x16, 0x2f] {
            let _ = s.write_all(b"N");
        } else {
            got.extend_from_slice(&first);
        }
        let mut buf = [0u8; 4096];
        if let Ok(n) = s.read(&mut buf) {
            got.extend_from_slice(&buf[..n]);
            if n > 0 {
                // Ask for the password in clear, as a fake server would.
                let _ = s.write_all(&[b'R', 0, 0, 0, 8, 0, 0, 0, 3]);
                if let Ok(n) = s.read(&mut buf) {
                    got.extend_from_slice(&buf[..n]);
                }
            }
        }
        got
    });
    (port, handle)
}

/// TLS fails closed: with a TCP host and no sslmode the default is
/// verify-full, so a server that declines TLS gets neither the startup
/// message nor the password (libpq's default `prefer` gives it both).
#[test]
fn a_server_declining_tls_never_sees_the_password() {
    pg_only!();
    let env = Env::new();
    let run = |url: &str| {
        common::Run(
            env.cmd()
                .env("ACCTSEC_DB", url)
                .env_remove("PGSSLMODE")
                .env("PGPASSWORD", "s3cret-db")
                .args(["log", "head"])
                .timeout(Duration::from_secs(20))
                .output()
                .unwrap(),
        )
    };
    // No mode and no root certificates: refused before connecting, saying
    // how to verify the server or to turn TLS off on purpose.
    let (port, server) = fake_server_declining_tls();
    let r = run(&format!("postgres://acctsec@127.0.0.1:{port}/ledger"));
    let got = server.join().unwrap();
    r.status(78).stderr_has("sslmode=disable");
    assert!(got.is_empty(), "the client sent {got:?}");
    // With root certificates: the server's "no TLS" ends it there.
    let ca = env.write("ca.pem", common::smtp::TestPki::new().ca_pem);
    let (port, server) = fake_server_declining_tls();
    let r = run(&format!(
        "postgres://acctsec@127.0.0.1:{port}/ledger?sslrootcert={}",
        ca.display()
    ));
    let got = server.join().unwrap();
    assert_ne!(r.code(), 0);
    assert!(got.is_empty(), "the client sent {got:?}");
    // Asked for explicitly, prefer does what libpq does: the reason for the
    // default.
    let (port, server) = fake_server_declining_tls();
    run(&format!(
        "postgres://acctsec@127.0.0.1:{port}/ledger?sslmode=prefer"
    ));
    let got = server.join().unwrap();
    assert!(
        got.windows(9).any(|w| w == b"s3cret-db"),
        "prefer sent no password: {got:?}"
    );
}

/// One database login per person, each a member of the staff role, works
/// after `init` (by another user): with the README's grants. Without them
/// the error names the user and the grant to give, not the disk (issue 24).
#[test]
fn a_person_login_without_the_staff_grants_is_told_which_grant_and_works_with_it() {
    pg_only!();
    let env = Env::with_customers();
    let db = env.pg.as_ref().unwrap();
    let mut admin = common::pg::admin();
    let user = format!("dora_{}", std::process::id());
    readme_roles(&mut admin);
    admin
        .batch_execute(&format!("CREATE ROLE {user} LOGIN"))
        .unwrap();
    let url = db.url.replacen("postgres@", &format!("{user}@"), 1);
    let as_user = |args: &[&str]| as_login(&env, &url, args);
    let r = as_user(&["rollout", "status"]);
    assert_eq!(r.code(), 78, "{}", r.stderr());
    assert!(r.stderr().contains(&user), "{}", r.stderr());
    assert!(
        r.stderr()
            .contains(&format!("GRANT acctsec_staff TO {user}")),
        "{}",
        r.stderr()
    );
    assert!(!r.stderr().contains("disk"), "{}", r.stderr());
    // The README's grants, given by the ledger's owner (here `postgres`,
    // who ran init).
    for grant in readme_grants() {
        db.execute(&grant, &[]);
    }
    admin
        .batch_execute(&format!("GRANT acctsec_staff TO {user}"))
        .unwrap();
    as_user(&["rollout", "status"]).ok();
    as_user(&["lock", "add", "1000100", "--reason", "test"]).ok();
    as_user(&["--yes", "unlock", "1000100", "--reason", "checked"]).ok();
    as_user(&["log", "verify"]).ok();
    // The trail names the person's login, not the owner.
    let who = env.sql_col(
        "SELECT identity FROM audit_log WHERE action = 'lock.add'",
        &[],
    );
    assert_eq!(who, vec![user.clone()]);
    let _ = admin.batch_execute(&format!("REVOKE acctsec_staff FROM {user}"));
}

/// The README's grants ("Roles on PostgreSQL"), as the ledger's owner runs
/// them after `init`: the statements between "-- as acctsec_owner" and
/// "-- each person" in its SQL block, read from the README itself so that
/// the two cannot drift apart.
fn readme_grants() -> Vec<String> {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let (_, after) = readme
        .split_once("-- as acctsec_owner, connected to acctsec, after `acctsec init`:\n")
        .expect("the README's owner grants");
    let (block, _) = after
        .split_once("-- each person:")
        .expect("the README's logins");
    let sql: String = block
        .lines()
        .filter(|l| !l.trim_start().starts_with("--"))
        .collect::<Vec<_>>()
        .join("\n");
    sql.split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// `ledger grant` of the README's two roles.
const GRANT_ROLES: &[&str] = &[
    "ledger",
    "grant",
    "--staff",
    "acctsec_staff",
    "--read",
    "acctsec_read",
];

/// The README's three roles on the cluster (shared by its tests).
fn readme_roles(admin: &mut postgres::Client) {
    for role in ["acctsec_owner", "acctsec_staff", "acctsec_read"] {
        // Another test may make it at the same moment: that is fine.
        let _ = admin.batch_execute(&format!("CREATE ROLE {role} NOLOGIN"));
    }
}

/// The README's roles on the cluster (shared by its tests), its grants on
/// `env`'s database, and a new login `name_PID` in the staff role: its URL
/// and its name.
fn staff_login(env: &Env, name: &str) -> (String, String) {
    let db = env.pg.as_ref().expect("a PostgreSQL test");
    let mut admin = common::pg::admin();
    readme_roles(&mut admin);
    for grant in readme_grants() {
        db.execute(&grant, &[]);
    }
    let user = format!("{name}_{}", std::process::id());
    let _ = admin.batch_execute(&format!("DROP ROLE IF EXISTS {user}"));
    admin
        .batch_execute(&format!("CREATE ROLE {user} LOGIN IN ROLE acctsec_staff"))
        .unwrap();
    (db.url.replacen("postgres@", &format!("{user}@"), 1), user)
}

/// The forged identity of the review (issue 24): a staff login with the
/// README's grants cannot insert, change or delete a trail entry or a seal
/// with SQL, and the server's append function records its own name and
/// time whatever the caller says; the trail still verifies.
#[test]
fn a_staff_login_cannot_write_the_trail_but_through_the_server() {
    pg_only!();
    let env = Env::with_customers();
    let (url, user) = staff_login(&env, "erin");
    let mut c = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    let head = env.sql_rows(
        "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1",
        &[],
    );
    let (seq, hash) = (head[0][0].clone().unwrap(), head[0][1].clone().unwrap());
    let denied = |c: &mut postgres::Client, sql: &str| {
        let e = c.batch_execute(sql).expect_err(sql);
        assert_eq!(e.code().map(|c| c.code()), Some("42501"), "{sql}: {e}");
    };
    let next: i64 = seq.parse::<i64>().unwrap() + 1;
    denied(
        &mut c,
        &format!(
            "INSERT INTO audit_log (seq, at, operator, action, details, prev_hash, hash, format, identity)
             VALUES ({next}, '2026-12-07T00:00:00.000000Z', 'carol', 'lock.remove', '{{}}', '{hash}', 'x', 2, 'carol')"
        ),
    );
    denied(&mut c, "UPDATE audit_log SET identity = 'carol'");
    denied(&mut c, "DELETE FROM audit_log");
    denied(&mut c, "TRUNCATE audit_log");
    denied(
        &mut c,
        &format!(
            "INSERT INTO seal (seq, head, sealed_at, key, signature) VALUES ({seq}, '{hash}', 'x', 'k', 's')"
        ),
    );
    denied(&mut c, "DELETE FROM seal");
    denied(&mut c, "UPDATE acctsec_schema SET version = 99");
    // Through the server: its own name and clock, whatever the caller sets,
    // and a temporary `audit_log` planted ahead of the real one is ignored.
    c.batch_execute(
        "SET acctsec.now = '2020-01-01T00:00:00Z';
         CREATE TEMP TABLE audit_log (seq BIGINT, at TEXT, operator TEXT, action TEXT,
             customer TEXT, reason TEXT, details TEXT, prev_hash TEXT, hash TEXT,
             format BIGINT, identity TEXT)",
    )
    .unwrap();
    let row = c
        .query_one(
            "SELECT entry_seq, entry_at, entry_identity FROM acctsec_append('carol', 'lock.remove', '1000100', 'forged', '{}')",
            &[],
        )
        .unwrap();
    let (got_seq, at, identity): (i64, String, String) = (row.get(0), row.get(1), row.get(2));
    assert_eq!(got_seq, next);
    assert_eq!(
        identity, user,
        "the server names the login, not the caller's choice"
    );
    let at = chrono::DateTime::parse_from_rfc3339(&at).unwrap();
    let off = (chrono::Utc::now() - at.with_timezone(&chrono::Utc))
        .num_seconds()
        .abs();
    assert!(off < 120, "the server's clock, not the session's: {at}");
    assert_eq!(
        env.sql_col("SELECT identity FROM audit_log WHERE seq = ?1", &[&next]),
        vec![user.clone()]
    );
    // A seal must name a stored entry's hash, at the server's time.
    let bad = c
        .query_one(
            "SELECT acctsec_seal($1, 'deadbeef', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'), 'k', 's')",
            &[&next],
        )
        .expect_err("a seal of a hash the trail does not hold");
    let bad = bad
        .as_db_error()
        .map(|e| e.message().to_string())
        .unwrap_or_default();
    assert!(bad.contains("hash"), "{bad}");
    let next_hash = env.sql_col("SELECT hash FROM audit_log WHERE seq = ?1", &[&next]);
    let late = c
        .query_one(
            "SELECT acctsec_seal($1, $2, '2020-01-01T00:00:00.000000Z', 'k', 's')",
            &[&next, &next_hash[0]],
        )
        .expect_err("a seal dated by the caller");
    let late = late
        .as_db_error()
        .map(|e| e.message().to_string())
        .unwrap_or_default();
    assert!(late.contains("clock"), "{late}");
    drop(c);
    env.run(&["log", "verify"]).ok();
    // The README's grants are enough for daily work, on the server's trail.
    let as_user = |args: &[&str]| as_login(&env, &url, args);
    as_user(&["lock", "add", "1000100", "--reason", "test"]).ok();
    as_user(&["log", "verify"]).ok();
    drop_login(&user);
}

/// Drop a login made by [`staff_login`] (its sessions gone first).
fn drop_login(user: &str) {
    let mut admin = common::pg::admin();
    let _ = admin.batch_execute(&format!(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '{user}'"
    ));
    let _ = admin.batch_execute(&format!("DROP ROLE IF EXISTS {user}"));
}

/// The client's clock (issue 24): with the clocks of two staff hosts moved
/// days ahead, a request is still dated, and its expiry judged, by the
/// server; the trail runs forwards and verifies. (The logins are not
/// members of `acctsec_test_clock`: to the server a debug build's
/// `ACCTSEC_NOW` is then what a host's wrong clock would be.)
#[test]
fn the_servers_clock_dates_the_trail_and_judges_request_expiry() {
    pg_only!();
    let env = Env::with_customers();
    let (kai, kai_user) = staff_login(&env, "kai");
    let (mei, mei_user) = staff_login(&env, "mei");
    // Unlocks need a second person (by the owner, with a 24h expiry).
    let toml = env.run(&["policy", "show", "--toml"]).ok().stdout();
    let (head, tail) = toml.split_once("[approval]\n").unwrap();
    let (_, rest) = tail.split_once('\n').unwrap();
    let toml = format!("{head}[approval]\nrequired_for = [\"lock.remove\"]\n{rest}");
    let toml = toml.replace("expires_after = \"24h\"", "expires_after = \"1h\"");
    let file = env.write("policy-next.toml", &toml);
    env.run(&["--yes", "policy", "set", "--file", file.to_str().unwrap()])
        .ok();
    env.run(&["lock", "add", "1000100", "--reason", "test"])
        .ok();
    let server_now = || {
        env.sql_col(
            "SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')",
            &[],
        )[0]
            .clone()
    };
    let at = |s: &str| {
        chrono::DateTime::parse_from_rfc3339(s)
            .unwrap()
            .with_timezone(&chrono::Utc)
    };
    let before = at(&server_now());
    let ahead = |days: i64| (chrono::Utc::now() + chrono::Duration::days(days)).to_rfc3339();
    let run = |url: &str, now: &str, args: &[&str]| {
        let operator = if url == kai { "kai" } else { "mei" };
        as_login_at(&env, url, operator, now, args)
    };
    // Kai's host is three days ahead: the request is dated now, and lives
    // an hour from now by the server.
    let doc = run(
        &kai,
        &ahead(3),
        &[
            "--format", "json", "unlock", "1000100", "--reason", "called",
        ],
    )
    .status(5)
    .json();
    let id = doc["request"].as_i64().expect("a request id");
    let row = env.sql_rows(
        "SELECT requested_at, expires_at FROM request WHERE id = ?1",
        &[&id],
    );
    let (requested, expires) = (
        at(row[0][0].as_deref().unwrap()),
        at(row[0][1].as_deref().unwrap()),
    );
    let after = at(&server_now());
    assert!(before <= requested && requested <= after, "{requested}");
    assert_eq!(expires - requested, chrono::Duration::hours(1));
    // Mei's host is five days ahead, past the expiry by its own clock: the
    // server says the request is an hour from expiring, her listing shows
    // it pending, and it is approved.
    let listed = run(&mei, &ahead(5), &["--format", "json", "request", "list"])
        .ok()
        .json();
    assert_eq!(listed[0]["status"], "pending", "{listed}");
    run(&mei, &ahead(5), &["request", "approve", &id.to_string()]).ok();
    assert!(
        env.sql_col(
            "SELECT code FROM customer WHERE code = '1000100' AND locked_at IS NULL",
            &[]
        )
        .len()
            == 1,
        "the approval lifted the lock"
    );
    // Every entry is dated by the server, in order; who acted is the login.
    let times = env.sql_col("SELECT at FROM audit_log ORDER BY seq", &[]);
    let last = at(times.last().unwrap());
    assert!(last <= at(&server_now()), "{last}");
    assert!(
        times.windows(2).all(|w| at(&w[0]) <= at(&w[1])),
        "{times:?}"
    );
    let who = env.sql_col(
        "SELECT identity FROM audit_log WHERE action IN ('request.create', 'request.approve') ORDER BY seq",
        &[],
    );
    assert_eq!(who, vec![kai_user.clone(), mei_user.clone()]);
    env.run(&["log", "verify"]).ok();
    drop_login(&kai_user);
    drop_login(&mei_user);
}

/// A sending host whose clock runs a day ahead takes nothing before the
/// server says it is due: a deferred notice waits out its backoff by the
/// server's clock (which set it), in `notify send` and in `--dry-run`.
#[test]
fn a_sending_host_ahead_of_the_server_waits_out_a_backoff_by_the_servers_clock() {
    pg_only!();
    let env = Env::with_customers();
    let (ned, ned_user) = staff_login(&env, "ned");
    env.run(&["notify", "emit", "trade_executed", CODE]).ok();
    let server = common::smtp::Server::start();
    server.script(&[common::smtp::Reply::Code("451 4.3.0 try again later")]);
    let cfg = env.write(
        "smtp.toml",
        format!(
            "[smtp]\nhost = \"127.0.0.1\"\nport = {}\ntls = \"none\"\nfrom = \"noreply@example.co.jp\"\n",
            server.port()
        ),
    );
    let cfg = cfg.to_str().unwrap();
    // The relay defers it: due again five minutes from now, by the server.
    let j = env
        .run(&["--format", "json", "--config", cfg, "notify", "send"])
        .ok()
        .json();
    assert_eq!(j["deferred"], 1, "{j}");
    // Ned's host is a day ahead: by its own clock the backoff is long over.
    let ahead = (chrono::Utc::now() + chrono::Duration::days(1)).to_rfc3339();
    let as_ned = |args: &[&str]| {
        as_login_at(
            &env,
            &ned,
            "ned",
            &ahead,
            &[&["--format", "json", "--config", cfg], args].concat(),
        )
    };
    let due = as_ned(&["notify", "send", "--dry-run"]).ok().json();
    assert_eq!(due, serde_json::json!([]), "{due}");
    let j = as_ned(&["notify", "send"]).ok().json();
    assert_eq!(
        (j["sent"].as_i64(), j["deferred"].as_i64()),
        (Some(0), Some(0)),
        "{j}"
    );
    assert!(server.received().is_empty(), "sent before its time");
    // Past the backoff by the server's clock (the owner's test clock), the
    // notice goes.
    let later = (chrono::Utc::now() + chrono::Duration::minutes(6)).to_rfc3339();
    let j = env
        .run_at(
            &later,
            &["--format", "json", "--config", cfg, "notify", "send"],
        )
        .ok()
        .json();
    assert_eq!(j["sent"], 1, "{j}");
    assert_eq!(server.received().len(), 1);
    drop_login(&ned_user);
}

/// `log verify` says how the server guards the trail: the server appends
/// and nobody but the owner writes (the README's grants); a role granted
/// direct writes is named with the REVOKE to run; a dropped append function
/// is reported.
#[test]
fn log_verify_names_who_could_write_the_trail_around_the_server() {
    pg_only!();
    let env = Env::with_customers();
    let (_, user) = staff_login(&env, "gus");
    let db = env.pg.as_ref().unwrap();
    let server =
        |env: &Env| env.run(&["--format", "json", "log", "verify"]).ok().json()["server"].clone();
    let s = server(&env);
    assert_eq!(s["appends_trail"], true, "{s}");
    assert_eq!(s["direct_writers"], serde_json::json!([]), "{s}");
    assert_eq!(s["test_clock"], true, "the test cluster's clock role: {s}");
    let r = env.run(&["log", "verify"]).ok();
    assert!(
        r.stderr().contains("the server appends every entry"),
        "{}",
        r.stderr()
    );
    // The grants as they were before schema 20: every table to the staff.
    db.execute(
        "GRANT INSERT, UPDATE, DELETE ON audit_log, seal TO acctsec_staff",
        &[],
    );
    let s = server(&env);
    let writers: Vec<&str> = s["direct_writers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(writers.contains(&"acctsec_staff"), "{s}");
    assert!(writers.contains(&user.as_str()), "{s}");
    let r = env.run(&["log", "verify"]).ok();
    assert!(
        r.stderr().contains("REVOKE INSERT, UPDATE, DELETE"),
        "{}",
        r.stderr()
    );
    assert!(r.stderr().contains("acctsec_staff"), "{}", r.stderr());
    db.execute(
        "REVOKE INSERT, UPDATE, DELETE ON audit_log, seal FROM acctsec_staff",
        &[],
    );
    db.execute(
        "DROP FUNCTION acctsec_seal(bigint, text, text, text, text)",
        &[],
    );
    let r = env.run(&["log", "verify"]).ok();
    assert!(r.stderr().contains("acctsec_seal"), "{}", r.stderr());
    drop_login(&user);
}

/// A ledger from before schema 20, shared with the grants of before (every
/// table to the staff role): the migration takes the direct writes on the
/// trail away from the staff and gives them the server's functions, so
/// their daily work goes on, through the server.
#[test]
fn migrating_to_the_servers_trail_takes_direct_writes_away_and_keeps_staff_working() {
    pg_only!();
    let env = Env::with_customers();
    let (url, user) = staff_login(&env, "hal");
    let db = env.pg.as_ref().unwrap();
    common::back_before_server_trail(&env);
    db.execute("UPDATE acctsec_schema SET version = 19", &[]);
    db.execute(
        "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO acctsec_staff",
        &[],
    );
    // The owner's next command migrates.
    env.run(&["log", "verify"]).ok();
    let s = env.run(&["--format", "json", "log", "verify"]).ok().json()["server"].clone();
    assert_eq!(s["appends_trail"], true, "{s}");
    assert_eq!(s["direct_writers"], serde_json::json!([]), "{s}");
    let as_user = |args: &[&str]| as_login(&env, &url, args);
    as_user(&["lock", "add", "1000100", "--reason", "test"]).ok();
    let mut c = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    let e = c
        .batch_execute("DELETE FROM audit_log")
        .expect_err("a direct delete");
    assert_eq!(e.code().map(|c| c.code()), Some("42501"), "{e}");
    drop(c);
    assert_eq!(
        env.sql_col(
            "SELECT identity FROM audit_log WHERE action = 'lock.add'",
            &[]
        ),
        vec![user.clone()]
    );
    env.run(&["log", "verify"]).ok();
    drop_login(&user);
}

/// acctsec run as the login of `url` (the ledger's database, another user).
fn as_login(env: &Env, url: &str, args: &[&str]) -> Run {
    Run(env
        .cmd()
        .env("ACCTSEC_DB", url)
        .args(args)
        .output()
        .unwrap())
}

/// As [`as_login`], by `operator` on a host whose clock says `now` (a debug
/// build's `ACCTSEC_NOW`; to the server, which does not follow it for these
/// logins, a host clock set wrong).
fn as_login_at(env: &Env, url: &str, operator: &str, now: &str, args: &[&str]) -> Run {
    Run(env
        .cmd_at(now)
        .env("ACCTSEC_DB", url)
        .env("ACCTSEC_OPERATOR", operator)
        .args(args)
        .output()
        .unwrap())
}

/// The README's setup as a new user follows it, with no superuser in the
/// ledger's way: an `acctsec_owner` login (no superuser) owns the database;
/// it makes one ledger with `init` and another with `ledger copy --to` from
/// a SQLite file, and gives the grants with `ledger grant`. A person's login
/// in `acctsec_staff` then does the daily work on both, is named in the
/// trail, cannot delete an entry, and `log verify` finds the server keeping
/// the trail with nobody writing around it.
#[test]
fn an_owner_login_makes_ledgers_by_init_and_by_copy_that_staff_logins_work_on() {
    pg_only!();
    let env = Env::new();
    let pid = std::process::id();
    let (owner, alice) = (format!("own_{pid}"), format!("alice_{pid}"));
    let mut admin = common::pg::admin();
    readme_roles(&mut admin);
    for user in [&owner, &alice] {
        drop_login(user);
    }
    admin
        .batch_execute(&format!(
            "CREATE ROLE {owner} LOGIN; CREATE ROLE {alice} LOGIN IN ROLE acctsec_staff"
        ))
        .unwrap();
    let made = env.pg.as_ref().unwrap();
    let copied = common::pg::Db::create();
    for db in [made, &copied] {
        admin
            .batch_execute(&format!("ALTER DATABASE {} OWNER TO {owner}", db.name))
            .unwrap();
    }
    let url =
        |db: &common::pg::Db, user: &str| db.url.replacen("postgres@", &format!("{user}@"), 1);
    let customers = common::fixture("customers.csv").display().to_string();
    // One ledger by `init`...
    as_login(&env, &url(made, &owner), &["init"]).ok();
    as_login(
        &env,
        &url(made, &owner),
        &["customer", "import", &customers],
    )
    .ok();
    // ...and one copied up from a file.
    let file = env.path("small.db").display().to_string();
    env.run(&["--db", &file, "init"]).ok();
    env.run(&["--db", &file, "customer", "import", &customers])
        .ok();
    as_login(
        &env,
        &url(&copied, &owner),
        &[
            "--db",
            &file,
            "ledger",
            "copy",
            "--to",
            &url(&copied, &owner),
        ],
    )
    .ok();
    for db in [made, &copied] {
        let own = url(db, &owner);
        let staff = url(db, &alice);
        // Before the grants: told which grant is missing.
        let r = as_login(&env, &staff, &["rollout", "status"]);
        assert_eq!(r.code(), 78, "{}", r.stderr());
        as_login(&env, &own, GRANT_ROLES).ok();
        as_login(&env, &staff, &["rollout", "status"]).ok();
        as_login(&env, &staff, &["lock", "add", CODE, "--reason", "test"]).ok();
        as_login(
            &env,
            &staff,
            &["--yes", "unlock", CODE, "--reason", "checked"],
        )
        .ok();
        let who = db.rows(
            "SELECT identity FROM audit_log WHERE action IN ('lock.add', 'lock.unlock') ORDER BY seq",
            &[],
        );
        assert_eq!(
            who,
            vec![vec![Some(alice.clone())], vec![Some(alice.clone())]],
            "{}",
            db.name
        );
        let mut c = postgres::Client::connect(&staff, postgres::NoTls).unwrap();
        let e = c
            .batch_execute("DELETE FROM audit_log")
            .expect_err("a direct delete");
        assert_eq!(e.code().map(|c| c.code()), Some("42501"), "{e}");
        drop(c);
        let v = as_login(&env, &staff, &["--format", "json", "log", "verify"])
            .ok()
            .json();
        assert_eq!(v["server"]["appends_trail"], true, "{v}");
        assert_eq!(v["server"]["direct_writers"], serde_json::json!([]), "{v}");
        as_login(&env, &own, &["log", "verify"]).ok();
    }
    // The databases first: the owner login owns them.
    drop(copied);
    drop(env);
    for user in [&owner, &alice] {
        drop_login(user);
    }
}

/// `ledger grant` gives the README's rights in the ledger's own schema,
/// audited: a staff login then works and cannot write the trail directly, a
/// read login reads and writes nothing. A missing role or a name that is no
/// plain identifier is refused (exit 2); on SQLite, which has no roles, the
/// command says so (exit 2).
#[test]
fn ledger_grant_gives_the_staff_and_read_roles_their_rights() {
    let env = Env::with_customers();
    if !common::on_pg() {
        env.run(&["ledger", "grant", "--staff", "acctsec_staff"])
            .status(2)
            .stderr_has("permissions");
        return;
    }
    let mut admin = common::pg::admin();
    readme_roles(&mut admin);
    env.run(&["ledger", "grant", "--staff", "nobody_here"])
        .status(2)
        .stderr_has("CREATE ROLE nobody_here");
    env.run(&["ledger", "grant", "--staff", "Staff; DROP TABLE x"])
        .status(2);
    let doc = env
        .run(&[&["--format", "json"], GRANT_ROLES].concat())
        .ok()
        .json();
    let statements: Vec<&str> = doc["statements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    assert!(
        statements
            .iter()
            .any(|s| s.starts_with("REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON audit_log")),
        "{doc}"
    );
    assert_eq!(
        env.sql_col(
            "SELECT details FROM audit_log WHERE action = 'ledger.grant'",
            &[]
        )
        .len(),
        1
    );
    let pid = std::process::id();
    let (staff, reader) = (format!("ivy_{pid}"), format!("rex_{pid}"));
    for (user, role) in [(&staff, "acctsec_staff"), (&reader, "acctsec_read")] {
        let _ = admin.batch_execute(&format!("DROP ROLE IF EXISTS {user}"));
        admin
            .batch_execute(&format!("CREATE ROLE {user} LOGIN IN ROLE {role}"))
            .unwrap();
    }
    let db = env.pg.as_ref().unwrap();
    let url = |user: &str| db.url.replacen("postgres@", &format!("{user}@"), 1);
    as_login(
        &env,
        &url(&staff),
        &["lock", "add", "1000100", "--reason", "test"],
    )
    .ok();
    let mut c = postgres::Client::connect(&url(&staff), postgres::NoTls).unwrap();
    let e = c
        .batch_execute("DELETE FROM audit_log")
        .expect_err("a direct delete");
    assert_eq!(e.code().map(|c| c.code()), Some("42501"), "{e}");
    drop(c);
    as_login(&env, &url(&reader), &["log", "verify"]).ok();
    // Only the owner grants: a staff login is told to run it as the owner.
    as_login(
        &env,
        &url(&staff),
        &["ledger", "grant", "--staff", "acctsec_read"],
    )
    .status(78)
    .stderr_has("run it as postgres");
    as_login(
        &env,
        &url(&reader),
        &["lock", "add", "1000137", "--reason", "test"],
    )
    .status(78);
    let s = env.run(&["--format", "json", "log", "verify"]).ok().json()["server"].clone();
    assert_eq!(s["direct_writers"], serde_json::json!([]), "{s}");
    drop_login(&staff);
    drop_login(&reader);
}
