//! The read API and the write guard, on a real ledger in a temp dir.

use serde_json::json;

use super::*;
use crate::customer::{Customer, PasswordState};
use crate::error::exit;
use crate::notify::{Destination, NewNotice, NoticeType};
use crate::policy::{Kind, Policy};

fn entry(customer: Option<&'static str>) -> Entry<'static> {
    Entry {
        action: "test.change",
        customer,
        reason: None,
        details: json!({}),
    }
}

fn customer(code: &str, email: Option<&str>) -> Customer {
    Customer {
        code: code.to_string(),
        name: "佐藤 太郎".to_string(),
        birth_date: chrono::NaiveDate::from_ymd_opt(1980, 4, 10).unwrap(),
        phone: Some("0312345678".to_string()),
        mobile_phone: None,
        email_pc: email.map(str::to_string),
        email_mobile: None,
    }
}

/// A ledger (securities preset) with two customers, passwords, a lock, an
/// issue run, notices and a subscription: something for every read.
fn ledger() -> (tempfile::TempDir, Ledger) {
    let dir = tempfile::tempdir().unwrap();
    let target = Target {
        path: dir.path().join("ledger.db"),
        operator: "tester".into(),
        busy_timeout_ms: 1000,
    };
    let outcome = Ledger::init(&target, |tx| {
        tx.set_policy(&Policy::preset("securities").unwrap())?;
        tx.audit(entry(None))?;
        Ok(())
    })
    .unwrap();
    assert_eq!(outcome, InitOutcome::Created);
    let mut ledger = Ledger::open(&target).unwrap();
    ledger
        .write(|tx| {
            for (code, email) in [("1000100", Some("a@example.jp")), ("1000137", None)] {
                tx.insert_customer(&customer(code, email))?;
                tx.audit(entry(None))?;
            }
            let run = tx.start_issue("/tmp/out.csv", "2022-09-17T23:59:00+09:00")?;
            for (hash, state) in [("h1", PasswordState::Set), ("h2", PasswordState::Initial)] {
                tx.store_password("1000100", Kind::Execution, hash, state, Some(run), 5)?;
            }
            tx.set_imported_login_hash("1000100", "5f4dcc3b5aa765d61d8327deb882cf99", "md5")?;
            tx.set_failures("1000100", Kind::Execution, 2)?;
            tx.lock("1000137", "suspected takeover")?;
            tx.set_meta("rollout.pre_end", "2022-09-17T14:59:00Z")?;
            tx.set_subscription(
                "1000100",
                NoticeType::AccountInfoChanged,
                true,
                Destination::Pc,
            )?;
            tx.add_environment(
                "1000100",
                &crate::notify::environment::Observed {
                    device_hash: Some("ab".repeat(32)),
                    browser: Some("Safari".into()),
                    os: Some("iOS".into()),
                    network: Some("203.0.113.0/24".into()),
                    device: Some("iPhone".into()),
                },
            )?;
            let id = tx.queue_notice(&NewNotice {
                kind: "login_new_env",
                customer: "1000100".into(),
                to: "a@example.jp".into(),
                subject: "s".into(),
                body: "b".into(),
            })?;
            tx.mark_exported(&[id])?;
            tx.record_audit_run(&AuditRun {
                id: 0,
                started_at: "2022-09-01T00:00:00Z".into(),
                finished_at: "2022-09-01T00:01:00Z".into(),
                guess: true,
                customers: 2,
                guesses: 200,
                cycle_complete: true,
                budget_exceeded: false,
                summary: "{}".into(),
                worker: Some("batch-1".into()),
                cycle: None,
                chunks: 0,
            })?;
            tx.audit(entry(Some("1000100")))?;
            Ok(())
        })
        .unwrap();
    (dir, ledger)
}

/// Every read, rendered: what a `Ledger` and a `Tx` must agree on.
fn every_read(r: &impl Read) -> Vec<String> {
    let head = r.head().unwrap().unwrap();
    vec![
        format!("{:?}", r.customer("1000100").unwrap()),
        format!("{:?}", r.customer("9999999").unwrap()),
        format!("{:?}", r.require_customer("1000137").unwrap()),
        format!("{:?}", r.account("1000137").unwrap()),
        format!("{:?}", r.require_account("1000100").unwrap()),
        format!("{:?}", r.customers(&CustomerFilter::default()).unwrap()),
        format!(
            "{:?}",
            r.customers(&CustomerFilter {
                locked: true,
                limit: Some(1),
                ..Default::default()
            })
            .unwrap()
        ),
        format!("{:?}", r.customer_codes().unwrap()),
        format!("{:?}", r.credential("1000100", Kind::Execution).unwrap()),
        format!("{:?}", r.credential("1000100", Kind::Login).unwrap()),
        format!("{:?}", r.history("1000100", Kind::Execution, 5).unwrap()),
        format!("{:?}", r.lock_of("1000137").unwrap()),
        format!("{:?}", r.lock_of("1000100").unwrap()),
        format!("{:?}", r.locked_accounts().unwrap()),
        format!("{:?}", r.state_counts().unwrap()),
        format!("{:?}", r.running_issue("/tmp/out.csv").unwrap()),
        format!("{:?}", r.finished_issue("/tmp/out.csv").unwrap()),
        format!("{:?}", r.unfinished_issues().unwrap()),
        format!("{:?}", r.issued_in_run(1).unwrap()),
        format!("{:?}", r.meta("rollout.pre_end").unwrap()),
        r.policy().unwrap().to_toml(),
        format!(
            "{:?}",
            r.subscription("1000100", NoticeType::AccountInfoChanged)
                .unwrap()
        ),
        format!("{:?}", r.subscriptions("1000137").unwrap()),
        format!("{:?}", r.login_environments("1000100").unwrap()),
        format!("{:?}", r.outbox(None).unwrap()),
        format!("{head:?}"),
        format!("{:?}", r.log(&LogFilter::default()).unwrap()),
        format!("{:?}", r.verify_log(Some(&head)).unwrap()),
        format!("{:?}", r.audit_runs(None).unwrap()),
    ]
}

#[test]
fn a_ledger_and_a_transaction_read_alike() {
    let (_dir, mut ledger) = ledger();
    let outside = every_read(&ledger);
    let inside = ledger.rehearse(|tx| Ok(every_read(tx))).unwrap();
    assert_eq!(outside, inside);
    // And the reads found what was written.
    let (c, state) = ledger.require_account("1000100").unwrap();
    assert_eq!(c, customer("1000100", Some("a@example.jp")));
    assert_eq!(state.execution, PasswordState::Initial);
    assert_eq!(state.failures, 2);
    assert_eq!(
        ledger.history("1000100", Kind::Execution, 5).unwrap(),
        ["h1"]
    );
    assert_eq!(
        ledger.locked_accounts().unwrap()[0].lock.reason,
        "suspected takeover"
    );
    assert_eq!(ledger.issued_in_run(1).unwrap().len(), 1);
    assert_eq!(
        ledger.unfinished_issues().unwrap(),
        [("/tmp/out.csv".to_string(), 1)]
    );
    assert!(ledger.verify_log(None).unwrap().1.is_none());
    let runs = ledger.audit_runs(Some(5)).unwrap();
    assert!(runs[0].guess && runs[0].cycle_complete && !runs[0].budget_exceeded);
    assert!(matches!(
        ledger.require_customer("9999999"),
        Err(Error::NoCustomer { .. })
    ));
    assert!(matches!(
        ledger.require_account("9999999"),
        Err(Error::NoCustomer { .. })
    ));
}

#[test]
fn a_transaction_reads_its_own_changes() {
    let (_dir, mut ledger) = ledger();
    ledger
        .rehearse(|tx| {
            tx.unlock("1000137")?;
            tx.set_meta("rollout.pre_end", "later")?;
            tx.audit(entry(Some("1000137")))?;
            assert_eq!(tx.lock_of("1000137")?, None);
            assert_eq!(tx.meta("rollout.pre_end")?.as_deref(), Some("later"));
            assert_eq!(tx.head()?.map(|h| h.seq), tx.last.as_ref().map(|l| l.0));
            Ok(())
        })
        .unwrap();
    // Rehearsed: nothing of it stayed.
    assert!(ledger.lock_of("1000137").unwrap().is_some());
    assert_eq!(
        ledger.meta("rollout.pre_end").unwrap().as_deref(),
        Some("2022-09-17T14:59:00Z")
    );
}

#[test]
fn a_transaction_reads_the_policy_once_and_sees_its_own_change() {
    let (_dir, mut ledger) = ledger();
    let before = ledger.policy().unwrap();
    ledger
        .write(|tx| {
            let first = tx.policy()?;
            assert!(Arc::ptr_eq(&first, &tx.policy()?), "read once");
            let mut changed = (*first).clone();
            changed.initial_password_days += 1;
            tx.set_policy(&changed)?;
            assert_eq!(
                tx.policy()?.initial_password_days,
                changed.initial_password_days
            );
            tx.audit(entry(None))?;
            Ok(())
        })
        .unwrap();
    assert_eq!(
        ledger.policy().unwrap().initial_password_days,
        before.initial_password_days + 1
    );
}

#[test]
fn a_change_without_an_audit_entry_is_refused_and_rolled_back() {
    let (_dir, mut ledger) = ledger();
    let head = ledger.head().unwrap();
    let e = ledger
        .write(|tx| tx.set_meta("rollout.pre_end", "tampered"))
        .unwrap_err();
    assert!(matches!(e, Error::Unaudited), "{e:?}");
    assert_eq!(e.exit_code(), exit::IO);
    assert!(e.to_string().contains("audit"), "{e}");
    assert_eq!(
        ledger.meta("rollout.pre_end").unwrap().as_deref(),
        Some("2022-09-17T14:59:00Z")
    );
    assert_eq!(ledger.head().unwrap(), head);
    // A dry run is held to the same rule.
    let e = ledger.rehearse(|tx| tx.unlock("1000137")).unwrap_err();
    assert!(matches!(e, Error::Unaudited), "{e:?}");
    // A statement that changes no row needs no entry; neither does a read.
    ledger
        .write(|tx| {
            tx.unlock("9999999")?;
            tx.customer("1000100")
        })
        .unwrap();
}

#[test]
fn a_cell_of_the_wrong_type_is_a_damaged_ledger() {
    let (_dir, ledger) = ledger();
    let db = ledger.exec();
    let e = db
        .one("SELECT 'x'", exec::params![], |mut r| r.int(0))
        .unwrap_err();
    assert!(matches!(e, Error::Corrupt { .. }), "{e:?}");
    assert_eq!(e.exit_code(), exit::IO);
    let e = db
        .one("SELECT 2", exec::params![], |mut r| r.bool(0))
        .unwrap_err();
    assert!(matches!(e, Error::Corrupt { .. }), "{e:?}");
    let e = db
        .one("SELECT 1 WHERE 0", exec::params![], |mut r| r.int(0))
        .unwrap_err();
    assert!(matches!(e, Error::Corrupt { .. }), "{e:?}");
    let v = db
        .one(
            "SELECT ?1, ?2, ?3, ?4",
            exec::params![Some("t"), 7u32, true, None::<i64>],
            |mut r| Ok((r.text(0)?, r.u32(1)?, r.bool(2)?, r.opt_int(3)?)),
        )
        .unwrap();
    assert_eq!(v, ("t".to_string(), 7, true, None));
}
