//! The gate across operations, without the command line, on every backend:
//! each route to a gated effect records a request (nothing changes), an
//! approval by another person carries it out, and a request whose state
//! changed is refused as stale.

use super::gate::{Claim, Gated, Via};
use super::testing::{add_customer, cheap_policy, ledgers, requiring};
use super::{Silent, customer, lock, notify, password, request};
use crate::error::Error;
use crate::ledger::{Ledger, Read};
use crate::notify::NoticeType;
use crate::policy::{ApprovalAction as A, Kind};

fn pending<T: std::fmt::Debug>(g: Gated<T>) -> i64 {
    match g {
        Gated::Pending(p) => p.id,
        Gated::Done(d) => panic!("not held: {d:?}"),
    }
}

fn done<T: std::fmt::Debug>(g: Gated<T>) -> T {
    match g {
        Gated::Done(d) => d,
        Gated::Pending(p) => panic!("held: {p:?}"),
    }
}

fn approve(l: &mut Ledger, id: i64, out: Option<std::path::PathBuf>) -> request::Approved {
    let o = request::ApproveOptions {
        out,
        today: None,
        ..Default::default()
    };
    let (_, r) = request::approve(l, id, &o, &Silent).expect("approved");
    r.expect("options fit")
}

#[test]
fn a_password_set_waits_and_its_approval_installs_the_hash() {
    for mut t in ledgers(&requiring(&cheap_policy(), &[A::CredentialSet])) {
        add_customer(&mut t.ledger, "1000100", "a@example.jp");
        let o = password::SetOptions {
            code: "1000100",
            kind: Kind::Execution,
            temporary: false,
            password: "Kp7wQz3m",
        };
        let id = pending(password::set(&mut t.ledger, &o).unwrap());
        assert!(
            t.ledger
                .credential("1000100", Kind::Execution)
                .unwrap()
                .is_none()
        );
        // The request holds a hash, never the password.
        let row = t.ledger.request(id).unwrap().unwrap();
        assert!(!row.params.contains("Kp7wQz3m"), "{}", t.backend);
        // One's own approval is refused.
        assert!(matches!(
            request::approve(&mut t.ledger, id, &Default::default(), &Silent),
            Err(Error::OwnRequest { .. })
        ));
        let mut checker = t.open_as("checker");
        approve(&mut checker, id, None);
        let attempt = password::attempt(&mut checker, "1000100", Kind::Execution, "Kp7wQz3m", None);
        assert_eq!(attempt.unwrap(), password::Attempt::Match, "{}", t.backend);
    }
}

#[test]
fn an_unlock_request_is_stale_once_the_lock_changed() {
    for mut t in ledgers(&requiring(&cheap_policy(), &[A::LockRemove])) {
        add_customer(&mut t.ledger, "1000100", "a@example.jp");
        lock::add(&mut t.ledger, "1000100", "first").unwrap();
        let o = lock::UnlockOptions {
            codes: vec!["1000100".into()],
            reason: "called".into(),
            reissue: false,
            out: None,
        };
        let old = pending(lock::unlock(&mut t.ledger, &o, Via::Direct, &Silent).unwrap());
        let new = pending(lock::unlock(&mut t.ledger, &o, Via::Direct, &Silent).unwrap());
        let mut checker = t.open_as("checker");
        approve(&mut checker, new, None);
        // Locked again, by someone else, for another reason.
        lock::add(&mut checker, "1000100", "second").unwrap();
        let e = request::approve(&mut checker, old, &Default::default(), &Silent).unwrap_err();
        assert!(matches!(e, Error::Stale { .. }), "{}: {e:?}", t.backend);
        assert!(
            checker.lock_of("1000100").unwrap().is_some(),
            "{}",
            t.backend
        );
        let row = checker.request(old).unwrap().unwrap();
        assert_eq!(row.status, "rejected", "{}", t.backend);
        // Nobody locked: a plain unlock records nothing.
        add_customer(&mut checker, "1000137", "b@example.jp");
        let none = lock::UnlockOptions {
            codes: vec!["1000137".into()],
            ..o
        };
        done(lock::unlock(&mut checker, &none, Via::Direct, &Silent).unwrap());
    }
}

#[test]
fn an_import_with_a_gated_change_is_held_whole_and_bound_to_its_bytes() {
    for mut t in ledgers(&requiring(&cheap_policy(), &[A::ContactChange])) {
        add_customer(&mut t.ledger, "1000100", "old@example.jp");
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("c.csv");
        std::fs::write(
            &file,
            "code,name,birth_date,email_pc\n1000100,佐藤 太郎,1980-04-10,new@example.jp\n2000001,新規,1990-01-01,n@example.jp\n",
        )
        .unwrap();
        let o = customer::ImportOptions {
            file: file.clone(),
            encoding: None,
            dry_run: false,
            today: chrono::NaiveDate::from_ymd_opt(2026, 12, 7).unwrap(),
        };
        let id = pending(customer::import(&mut t.ledger, &o, Via::Direct, &Silent).unwrap());
        // Nothing of the file was written, the new customer neither.
        assert!(
            t.ledger.customer("2000001").unwrap().is_none(),
            "{}",
            t.backend
        );
        let email = |l: &Ledger| l.customer("1000100").unwrap().unwrap().email_pc;
        assert_eq!(email(&t.ledger).as_deref(), Some("old@example.jp"));
        // The bytes changed since: stale.
        std::fs::write(
            &file,
            "code,name,birth_date,email_pc\n1000100,佐藤 太郎,1980-04-10,evil@example.jp\n",
        )
        .unwrap();
        let mut checker = t.open_as("checker");
        let e = request::approve(&mut checker, id, &Default::default(), &Silent).unwrap_err();
        assert!(matches!(e, Error::Stale { .. }), "{}: {e:?}", t.backend);
        assert_eq!(email(&checker).as_deref(), Some("old@example.jp"));
        // Asked again for these bytes: the approval imports exactly them.
        let id = pending(customer::import(&mut t.ledger, &o, Via::Direct, &Silent).unwrap());
        approve(&mut checker, id, None);
        assert_eq!(
            email(&checker).as_deref(),
            Some("evil@example.jp"),
            "{}",
            t.backend
        );
    }
}

#[test]
fn turning_a_notice_off_and_acknowledging_an_export_are_notice_suppress() {
    for mut t in ledgers(&requiring(&cheap_policy(), &[A::NoticeSuppress])) {
        add_customer(&mut t.ledger, "1000100", "a@example.jp");
        let set = |enabled| notify::SetOptions {
            code: "1000100".into(),
            kind: NoticeType::TradeExecuted,
            enabled,
            to: None,
            reason: None,
        };
        let id = pending(notify::set(&mut t.ledger, &set(false), Via::Direct).unwrap());
        assert!(
            t.ledger
                .subscription("1000100", NoticeType::TradeExecuted)
                .unwrap()
                .enabled
        );
        let mut checker = t.open_as("checker");
        approve(&mut checker, id, None);
        assert!(
            !checker
                .subscription("1000100", NoticeType::TradeExecuted)
                .unwrap()
                .enabled
        );
        // Turning it on is one person's change.
        done(notify::set(&mut t.ledger, &set(true), Via::Direct).unwrap());

        lock::add(&mut t.ledger, "1000100", "check").unwrap();
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("e.jsonl");
        let export =
            done(notify::export(&mut t.ledger, &out, Via::Direct, &Default::default()).unwrap());
        assert!(!export.ids.is_empty(), "{}", t.backend);
        // Ids outside the export are refused whoever asks.
        let refused =
            done(notify::ack(&mut t.ledger, export.export, &[999_999], Via::Direct).unwrap());
        assert!(matches!(
            refused,
            Err(notify::AckRefused::NotInExport { .. })
        ));
        let id =
            pending(notify::ack(&mut t.ledger, export.export, &export.ids, Via::Direct).unwrap());
        let claim = Claim::take(&checker, id).unwrap();
        let acked = done(
            notify::ack(
                &mut checker,
                export.export,
                &export.ids,
                Via::Approved(&claim),
            )
            .unwrap(),
        );
        assert_eq!(acked.unwrap().acked, export.ids, "{}", t.backend);
    }
}

#[test]
fn an_export_is_unmasking_and_reaches_the_approvers_file() {
    for mut t in ledgers(&requiring(&cheap_policy(), &[A::CustomerUnmask])) {
        add_customer(&mut t.ledger, "1000100", "a@example.jp");
        lock::add(&mut t.ledger, "1000100", "check").unwrap();
        let dir = tempfile::tempdir().unwrap();
        let asked = dir.path().join("asked.jsonl");
        let id = pending(
            notify::export(&mut t.ledger, &asked, Via::Direct, &Default::default()).unwrap(),
        );
        assert!(!asked.exists());
        let mut checker = t.open_as("checker");
        let o = request::ApproveOptions::default();
        let (_, refused) = request::approve(&mut checker, id, &o, &Silent).unwrap();
        assert!(matches!(refused, Err(request::Refusal::NeedsOut)));
        let out = dir.path().join("out.jsonl");
        approve(&mut checker, id, Some(out.clone()));
        let text = std::fs::read_to_string(&out).unwrap();
        assert!(text.contains("a@example.jp"), "{}", t.backend);
        let view = customer::view(
            &mut t.ledger,
            "1000100",
            customer::View::Customer,
            true,
            Via::Direct,
        );
        pending(view.unwrap());
    }
}

#[test]
fn an_export_never_hands_over_a_code_that_is_over() {
    use super::authcode::{self, IssueOptions, Issued, VerifyOptions};
    use crate::authcode::Purpose;
    for mut t in ledgers(&cheap_policy()) {
        add_customer(&mut t.ledger, "1000100", "a@example.jp");
        let on = notify::SetOptions {
            code: "1000100".into(),
            kind: NoticeType::WithdrawalAuthCode,
            enabled: true,
            to: None,
            reason: None,
        };
        done(notify::set(&mut t.ledger, &on, Via::Direct).unwrap());
        let o = IssueOptions {
            customer: "1000100".into(),
            purpose: Purpose::Withdrawal,
            route: crate::ops::testing::sealed_route(),
        };
        let Issued::Queued { notices, .. } = authcode::issue(&mut t.ledger, &o, &Silent).unwrap()
        else {
            panic!("{}: no code issued", t.backend)
        };
        // Ended by wrong tries: its mail must never go out.
        let v = VerifyOptions {
            customer: "1000100".into(),
            purpose: Purpose::Withdrawal,
        };
        for _ in 0..10 {
            let wrong = || Ok(zeroize::Zeroizing::new("000000x".to_string()));
            authcode::verify(&mut t.ledger, &v, wrong, &Silent).unwrap();
        }
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("e.jsonl");
        let export =
            done(notify::export(&mut t.ledger, &out, Via::Direct, &Default::default()).unwrap());
        assert_eq!(export.expired, notices, "{}", t.backend);
        assert!(export.ids.iter().all(|i| !notices.contains(i)));
        let expired = t.ledger.outbox(Some("expired")).unwrap();
        assert_eq!(expired.len(), notices.len(), "{}", t.backend);
    }
}

#[test]
fn a_reissue_is_stale_once_the_password_it_replaces_changed() {
    for mut t in ledgers(&requiring(&cheap_policy(), &[A::PasswordReissue])) {
        add_customer(&mut t.ledger, "1000100", "a@example.jp");
        let dir = tempfile::tempdir().unwrap();
        let o = password::IssueOptions {
            codes: vec!["1000100".into()],
            out: dir.path().join("asked.csv"),
            reissue: true,
        };
        let mut go = |_: password::Checkpoint| Ok(true);
        let id =
            pending(password::issue(&mut t.ledger, &o, Via::Direct, &Silent, &mut go).unwrap());
        // Meanwhile the customer gets a first initial password (a plain
        // issue, not a replacement: not gated).
        let first = password::IssueOptions {
            reissue: false,
            out: dir.path().join("first.csv"),
            ..o.clone()
        };
        done(password::issue(&mut t.ledger, &first, Via::Direct, &Silent, &mut go).unwrap());
        let mut checker = t.open_as("checker");
        let out = dir.path().join("approved.csv");
        let o = request::ApproveOptions {
            out: Some(out.clone()),
            today: None,
            ..Default::default()
        };
        let e = request::approve(&mut checker, id, &o, &Silent).unwrap_err();
        assert!(matches!(e, Error::Stale { .. }), "{}: {e:?}", t.backend);
        assert!(!out.exists(), "{}", t.backend);
    }
}
