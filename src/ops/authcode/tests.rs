//! `authcode issue` and `verify` as operations, on every test backend.

use super::*;
use crate::notify::NoticeType;
use crate::ops::Silent;
use crate::ops::testing::{
    TestLedger, add_customers, cheap_policy, entries, ledgers, seal_key, sealed_route,
};

const SATO: &str = "1000100";
/// No address at all.
const TANAKA: &str = "1000137";
/// The withdrawal code is off for this one.
const SUZUKI: &str = "1000174";

/// Three customers; the withdrawal code on for the two with an address
/// field set (Tanaka has none: it stays on with nowhere to go).
fn setup(t: &mut TestLedger) {
    add_customers(
        &mut t.ledger,
        &[(SATO, Some("taro@example.jp")), (TANAKA, None)],
        &[NoticeType::WithdrawalAuthCode],
    );
    add_customers(&mut t.ledger, &[(SUZUKI, Some("suzuki@example.jp"))], &[]);
}

fn issue_opts(code: &str) -> IssueOptions {
    IssueOptions {
        customer: code.to_string(),
        purpose: Purpose::Withdrawal,
        route: sealed_route(),
    }
}

fn verify_opts(code: &str) -> VerifyOptions {
    VerifyOptions {
        customer: code.to_string(),
        purpose: Purpose::Withdrawal,
    }
}

/// The code in the queued notice `id`.
fn code_in_outbox(ledger: &Ledger, id: i64) -> String {
    let n = ledger
        .outbox(None)
        .unwrap()
        .into_iter()
        .find(|n| n.id == id)
        .expect("the notice");
    // Stored sealed: only the sending host's key opens it.
    assert!(!n.body.contains("認証コード: "), "{}", n.body);
    let body = seal_key().open(&n.body).expect("sealed to the test key");
    let rest = body.split("認証コード: ").nth(1).expect("a code");
    rest.chars().take_while(char::is_ascii_digit).collect()
}

fn verify_with(ledger: &mut Ledger, code: &str, input: &str) -> Verified {
    let input = zeroize::Zeroizing::new(input.to_string());
    verify(ledger, &verify_opts(code), || Ok(input), &Silent).unwrap()
}

#[test]
fn issue_queues_a_code_once_per_cooldown_and_says_why_not_otherwise() {
    for mut t in ledgers(&cheap_policy()) {
        setup(&mut t);
        let b = t.backend;
        let l = &mut t.ledger;
        let Issued::Queued {
            id,
            expires,
            notices,
        } = issue(l, &issue_opts(SATO), &Silent).unwrap()
        else {
            panic!("{b}: queued");
        };
        assert_eq!(notices.len(), 1, "{b}");
        assert!(expires > crate::clock::now(), "{b}");
        let pending = l.outbox(Some("pending")).unwrap();
        assert_eq!(pending.len(), 1, "{b}");
        assert_eq!(pending[0].authcode, Some(id), "{b}");
        assert_eq!(code_in_outbox(l, notices[0]).len(), 6, "{b}");
        // Asked again at once: refused until the cooldown is over.
        let again = issue(l, &issue_opts(SATO), &Silent).unwrap();
        assert!(
            matches!(again, Issued::TooSoon(next) if next > crate::clock::now()),
            "{b}"
        );
        assert_eq!(entries(l, "authcode.issue"), 2, "{b}");
        // The notice is off: no code, nothing written.
        assert!(
            matches!(
                issue(l, &issue_opts(SUZUKI), &Silent).unwrap(),
                Issued::NotRequired
            ),
            "{b}"
        );
        // On, but nowhere to send it: nothing issued, nothing written.
        let seq = l.head().unwrap().map(|h| h.seq);
        assert!(
            matches!(
                issue(l, &issue_opts(TANAKA), &Silent).unwrap(),
                Issued::NoAddress
            ),
            "{b}"
        );
        assert_eq!(l.head().unwrap().map(|h| h.seq), seq, "{b}");
        assert!(
            l.live_authcode(TANAKA, Purpose::Withdrawal)
                .unwrap()
                .is_none()
        );
        assert!(matches!(
            issue(l, &issue_opts("9999999"), &Silent),
            Err(crate::error::Error::NoCustomer { .. })
        ));
    }
}

#[test]
fn verify_matches_once_counts_wrong_tries_and_reads_no_input_for_nobody() {
    for mut t in ledgers(&cheap_policy()) {
        setup(&mut t);
        let b = t.backend;
        let l = &mut t.ledger;
        let Issued::Queued { notices, .. } = issue(l, &issue_opts(SATO), &Silent).unwrap() else {
            panic!("{b}: queued");
        };
        let code = code_in_outbox(l, notices[0]);
        let wrong = if code == "000000" { "000001" } else { "000000" };
        let left = match verify_with(l, SATO, wrong) {
            Verified::Wrong { left } => left,
            v => panic!("{b}: {v:?}"),
        };
        assert_eq!(left, cheap_policy().authcode.max_tries - 1, "{b}");
        assert_eq!(verify_with(l, SATO, &code), Verified::Matched, "{b}");
        assert_eq!(verify_with(l, SATO, &code), Verified::None, "{b}");
        assert_eq!(Verified::None.reason(), Reason::None);
        // The used code's notice keeps no copy of it.
        assert!(!l.outbox(None).unwrap()[0].body.contains(&code), "{b}");
        assert_eq!(entries(l, "authcode.verify"), 3, "{b}");
        // An unknown customer: an error before any input is read.
        let r = verify(
            l,
            &verify_opts("9999999"),
            || panic!("no prompt for an unknown customer"),
            &Silent,
        );
        assert!(
            matches!(r, Err(crate::error::Error::NoCustomer { .. })),
            "{b}"
        );
        // Nothing is due to expire.
        assert_eq!(expire_due(l).unwrap(), 0, "{b}");
    }
}

#[test]
fn a_notice_is_stale_once_its_code_is_over() {
    let now = crate::clock::now();
    let row = |state, expires_at| AuthCodeRow {
        id: 1,
        customer: SATO.into(),
        purpose: Purpose::Withdrawal,
        hash: None,
        state,
        tries: 0,
        issued_at: now,
        expires_at,
    };
    let later = now + chrono::Duration::minutes(5);
    assert!(!is_stale(Some(&row(State::Live, later)), now));
    assert!(is_stale(Some(&row(State::Live, now)), now), "expired");
    for s in [
        State::Used,
        State::Replaced,
        State::Exhausted,
        State::Expired,
    ] {
        assert!(is_stale(Some(&row(s, later)), now), "{s:?}");
    }
    assert!(is_stale(None, now), "no such code");
}
