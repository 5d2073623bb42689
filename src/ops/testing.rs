//! Unit-test support for operations: a fresh ledger on each backend.
//!
//! SQLite always (a file in a temporary directory); PostgreSQL too when
//! `ACCTSEC_TEST_PG` names a test server's maintenance database (`cargo
//! test` starts one through `tests/support/with-postgres`, which passes it
//! to the library's unit tests as well). Under `CI=true` a missing server is
//! a failure, not a skip.

use serde_json::json;

use crate::ledger::{Entry, Ledger, Read, Target};
use crate::policy::Policy;

/// One test ledger; the database or directory goes when it is dropped.
pub struct TestLedger {
    pub ledger: Ledger,
    pub target: Target,
    /// `sqlite` or `postgres`, for assertion messages.
    pub backend: &'static str,
    _dir: Option<tempfile::TempDir>,
    pg: Option<String>,
}

impl TestLedger {
    /// The same ledger opened again (another process would see this), as
    /// `operator` (on PostgreSQL, whose server names who acted, as the
    /// login role `operator`).
    pub fn open_as(&self, operator: &str) -> Ledger {
        let mut t = self.target.clone();
        t.operator = operator.to_string();
        open(&t)
    }
}

impl Drop for TestLedger {
    fn drop(&mut self) {
        if let Some(name) = &self.pg
            && let Some(mut admin) = admin()
        {
            let _ = admin.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
        }
    }
}

fn admin_url() -> Option<String> {
    std::env::var("ACCTSEC_TEST_PG")
        .ok()
        .filter(|v| !v.is_empty())
}

fn admin() -> Option<postgres::Client> {
    postgres::Client::connect(&admin_url()?, postgres::NoTls).ok()
}

fn init(target: &Target, policy: &Policy) {
    Ledger::init(target, |tx| {
        tx.set_policy(policy)?;
        tx.audit(Entry {
            action: "ledger.init",
            customer: None,
            reason: None,
            details: json!({ "test": true }),
        })?;
        Ok(())
    })
    .expect("create the test ledger");
}

/// The test ledger opened as its operator: on SQLite that identity is
/// assumed (one OS user runs the tests); on PostgreSQL the server names
/// who acted, so the ledger is opened as a login role of that name (a
/// superuser of the test cluster, made when missing).
fn open(target: &Target) -> Ledger {
    let who = target.operator.as_str();
    let mut t = target.clone();
    if target
        .path
        .to_str()
        .is_some_and(|p| p.starts_with("postgres"))
    {
        if let Some(mut admin) = admin() {
            // Another test may make it at the same moment: that is fine.
            let _ = admin.batch_execute(&format!("CREATE ROLE \"{who}\" LOGIN SUPERUSER"));
        }
        t.path = target
            .path
            .to_string_lossy()
            .replacen("postgres@", &format!("{who}@"), 1)
            .into();
    }
    let l = Ledger::open(&t).expect("open the test ledger");
    l.assume_identity(who);
    l
}

/// A fresh ledger with `policy` on every backend this run has (see the
/// module doc), operated by `tester`.
pub fn ledgers(policy: &Policy) -> Vec<TestLedger> {
    let mut all = Vec::new();
    let dir = tempfile::tempdir().expect("a temporary directory");
    let target = Target {
        path: dir.path().join("ledger.db"),
        operator: "tester".into(),
        busy_timeout_ms: 5_000,
    };
    init(&target, policy);
    all.push(TestLedger {
        ledger: open(&target),
        target,
        backend: "sqlite",
        _dir: Some(dir),
        pg: None,
    });
    match admin_url() {
        Some(url) => {
            use std::sync::atomic::{AtomicU32, Ordering};
            static N: AtomicU32 = AtomicU32::new(0);
            let name = format!(
                "u_{}_{}",
                std::process::id(),
                N.fetch_add(1, Ordering::Relaxed)
            );
            admin()
                .expect("connect to the test server (ACCTSEC_TEST_PG)")
                .batch_execute(&format!(
                    "CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' \
                     LC_COLLATE 'C' LC_CTYPE 'C'"
                ))
                .expect("create a test database");
            let server = url.rsplit_once('/').map(|(s, _)| s).unwrap_or(&url);
            let target = Target {
                // The test server speaks no TLS (a TCP host defaults to
                // verify-full).
                path: format!("{server}/{name}?sslmode=disable").into(),
                operator: "tester".into(),
                busy_timeout_ms: 5_000,
            };
            init(&target, policy);
            all.push(TestLedger {
                ledger: open(&target),
                target,
                backend: "postgres",
                _dir: None,
                pg: Some(name),
            });
        }
        None => assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "CI=true but no PostgreSQL test server (ACCTSEC_TEST_PG): run the tests with \
             `cargo test`, whose runner starts one (tests/support/with-postgres)"
        ),
    }
    all
}

/// The securities preset with cheap hashing (the tests' usual policy).
pub fn cheap_policy() -> Policy {
    let mut p = Policy::preset("securities").expect("the securities preset");
    p.hashing.m_kib = 64;
    p.hashing.t = 1;
    p
}

/// Add customer `code` (with a PC address), audited.
pub fn add_customer(ledger: &mut Ledger, code: &str, email: &str) {
    add_customers(ledger, &[(code, Some(email))], &[]);
}

/// Add customers (code, PC address), with the notices `on` switched on to
/// the PC address (which a customer without one does not have); one
/// audited transaction.
pub fn add_customers(
    ledger: &mut Ledger,
    customers: &[(&str, Option<&str>)],
    on: &[crate::notify::NoticeType],
) {
    ledger
        .write(|tx| {
            for (code, email) in customers {
                tx.insert_customer(&crate::customer::Customer {
                    code: code.to_string(),
                    name: "佐藤 太郎".to_string(),
                    birth_date: chrono::NaiveDate::from_ymd_opt(1980, 4, 10).expect("a date"),
                    phone: Some("0312345678".to_string()),
                    mobile_phone: None,
                    email_pc: email.map(str::to_string),
                    email_mobile: None,
                })?;
                for t in on {
                    tx.set_subscription(code, *t, true, crate::notify::Destination::Pc)?;
                }
            }
            tx.audit(Entry {
                action: "test.setup",
                customer: None,
                reason: None,
                details: json!({}),
            })?;
            Ok(())
        })
        .expect("add test customers");
}

/// `p` with exactly these names under approval.
pub fn requiring(p: &Policy, names: &[crate::policy::ApprovalAction]) -> Policy {
    let mut p = p.clone();
    p.approval.required_for = names.to_vec();
    p
}

/// How many trail entries of `action` (or of its family) the ledger holds.
pub fn entries(ledger: &Ledger, action: &str) -> usize {
    ledger
        .log(&crate::ledger::LogFilter {
            action: Some(action.into()),
            ..Default::default()
        })
        .unwrap()
        .len()
}

/// The key the tests' code notices are sealed to (one per test process).
pub fn seal_key() -> &'static crate::notify::sealed::OpenKey {
    static KEY: std::sync::OnceLock<crate::notify::sealed::OpenKey> = std::sync::OnceLock::new();
    KEY.get_or_init(crate::notify::sealed::OpenKey::generate)
}

/// `authcode issue`'s route in the tests: sealed to [`seal_key`].
pub fn sealed_route() -> crate::ops::authcode::Route {
    crate::ops::authcode::Route::Sealed(seal_key().public())
}

/// `[notify]` of a host holding [`seal_key`] (its file written once per
/// test process into a directory of its own).
pub fn notify_with_key() -> crate::config::NotifyConfig {
    static FILE: std::sync::OnceLock<std::path::PathBuf> = std::sync::OnceLock::new();
    let path = FILE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap().keep();
        let path = dir.join("seal.key");
        crate::secretfile::write_new(&path, seal_key().to_pem().as_bytes()).unwrap();
        path
    });
    crate::config::NotifyConfig {
        seal_public_key: None,
        seal_key_file: Some(path.clone()),
    }
}
