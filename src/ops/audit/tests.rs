//! The audit operation without the command line, on every test backend.

use std::sync::Mutex;
use std::time::Duration;

use chrono::NaiveDate;

use super::*;
use crate::audit::{Detail, candidates};
use crate::customer::{Customer, PasswordState};
use crate::error::Error;
use crate::ops::Silent;
use crate::ops::testing::{TestLedger, cheap_policy, ledgers};
use crate::secret::Hasher;

const STRONG: &str = "Lp4$Xw9@eK3n";

fn customer(code: &str, birth: &str) -> Customer {
    Customer {
        code: code.into(),
        name: format!("name of {code}"),
        birth_date: NaiveDate::parse_from_str(birth, "%Y-%m-%d").unwrap(),
        phone: None,
        mobile_phone: None,
        email_pc: None,
        email_mobile: None,
    }
}

fn hasher() -> Hasher {
    Hasher::new(crate::password::argon2_params(&cheap_policy())).unwrap()
}

/// Customers, each with a login password (hashed with the policy's
/// parameters, as a core system would hand it over) and no execution one.
fn add(t: &mut TestLedger, who: &[(Customer, &str)]) {
    let mut h = hasher();
    t.ledger
        .write(|tx| {
            for (c, password) in who {
                tx.insert_customer(c)?;
                let hash = h.hash(password.as_bytes())?;
                assert!(tx.set_imported_login_hash(&c.code, &hash, "argon2id")?);
            }
            tx.audit(test_entry())?;
            Ok(())
        })
        .unwrap();
}

/// Every change is audited (a write without an entry is refused).
fn test_entry() -> Entry<'static> {
    Entry {
        action: "test.setup",
        customer: None,
        reason: None,
        details: serde_json::json!({ "test": true }),
    }
}

fn options(guess: bool) -> Options {
    Options {
        now: crate::clock::now(),
        guess,
        customer: None,
        candidates: 100,
        worker: "unit-test".into(),
        chunk: super::work::CHUNK,
        lease: super::work::LEASE,
        budget: None,
        fail_on: None,
        list_min: None,
    }
}

fn audit(t: &mut TestLedger, o: &Options) -> Outcome {
    run(&mut t.ledger, o, &Silent).unwrap_or_else(|e| panic!("{}: {e}", t.backend))
}

fn guessing(o: &Outcome) -> &Guessing {
    o.summary.guessing.as_ref().expect("a guessing run")
}

/// The guessable findings: (customer, kind, found by an earlier run).
fn guessable(o: &Outcome) -> Vec<(String, FindingKind, bool)> {
    o.findings
        .iter()
        .filter(|f| matches!(f.detail, Detail::Guessable { .. }))
        .map(|f| (f.customer.clone(), f.kind, f.found_at.is_some()))
        .collect()
}

/// What a progress sink was told.
#[derive(Default)]
struct Seen(Mutex<Vec<String>>);

impl Progress for Seen {
    fn begin(&self, stage: Stage, total: Option<u64>) {
        self.0.lock().unwrap().push(format!("{stage:?} {total:?}"));
    }
    fn advance(&self, n: u64) {
        self.0.lock().unwrap().push(format!("+{n}"));
    }
    fn finish(&self) {
        self.0.lock().unwrap().push("done".into());
    }
}

#[test]
fn a_guessable_login_is_found_and_stands_until_it_changes() {
    for mut t in ledgers(&cheap_policy()) {
        let b = t.backend;
        add(
            &mut t,
            &[
                // The birth date as YYYYMMDD.
                (customer("A0001", "1980-01-15"), "19800115"),
                (customer("A0002", "1985-03-04"), STRONG),
            ],
        );
        let first = audit(&mut t, &options(true));
        assert_eq!(
            guessable(&first),
            [("A0001".into(), FindingKind::GuessableLogin, false)],
            "{b}"
        );
        let f = first
            .findings
            .iter()
            .find(|f| f.customer == "A0001")
            .unwrap();
        assert_eq!(f.severity, Severity::Critical, "{b}");
        assert!(
            matches!(
                f.detail,
                Detail::Guessable {
                    kind: Kind::Login,
                    source: Source::BirthDate(_)
                }
            ),
            "{b}: {:?}",
            f.detail
        );
        assert_eq!(first.summary.customers, 2, "{b}");
        let g = guessing(&first);
        // Two credentials, in each of the 3 slow bands (0..8, 8..32, 32..100).
        assert_eq!(g.guessed, 2 * 3, "{b}");
        assert_eq!(g.cycle, Some(1), "{b}");
        assert!(g.cycle_complete && !g.budget_exceeded, "{b}");
        assert!(g.guesses > 100, "{b}: A0002's candidates all tried");
        // Every finding is counted in the summary, and all are kept.
        assert_eq!(first.summary.findings, first.findings.len() as u64, "{b}");
        assert_eq!(
            first.summary.by_kind.get(&FindingKind::NoExecutionPassword),
            Some(&2),
            "{b}"
        );

        // No guessing needed to know, while the hash is the same.
        let second = audit(&mut t, &options(false));
        assert_eq!(
            guessable(&second),
            [("A0001".into(), FindingKind::GuessableLogin, true)],
            "{b}"
        );
        assert_eq!(second.summary.guessing, None, "{b}");

        // A new password ends it.
        let hash = hasher().hash(STRONG.as_bytes()).unwrap();
        t.ledger
            .write(|tx| {
                tx.store_password("A0001", Kind::Login, &hash, PasswordState::Set, None, 5)?;
                tx.audit(test_entry())?;
                Ok(())
            })
            .unwrap();
        let third = audit(&mut t, &options(false));
        assert_eq!(guessable(&third), [], "{b}");

        let past = history(&t.ledger, None).unwrap();
        let seen: Vec<_> = past.iter().map(|r| (r.id, r.guess, r.findings)).collect();
        assert_eq!(
            seen,
            [
                (first.run, true, Some(first.summary.findings)),
                (second.run, false, Some(second.summary.findings)),
                (third.run, false, Some(third.summary.findings)),
            ],
            "{b}"
        );
        assert_eq!(past[0].guesses, g.guesses, "{b}");
        assert!(past[0].cycle_complete && !past[0].budget_exceeded, "{b}");
        assert_eq!(
            past[0].by_severity.as_ref().and_then(|m| m.get("critical")),
            Some(&1),
            "{b}"
        );
        assert_eq!(history(&t.ledger, Some(1)).unwrap().len(), 1, "{b}");
    }
}

#[test]
fn a_zero_budget_makes_one_guess_and_the_next_run_resumes_inside_the_customer() {
    for mut t in ledgers(&cheap_policy()) {
        let b = t.backend;
        add(
            &mut t,
            &[
                (customer("B0001", "1990-01-01"), STRONG),
                (customer("B0002", "1990-01-02"), "Zr7%Qm2#Vt9k"),
                (customer("B0003", "1990-01-03"), "Hw3!Ny8$Pc5j"),
            ],
        );
        let zero = Options {
            budget: Some(Duration::ZERO),
            ..options(true)
        };
        let cut = audit(&mut t, &zero);
        let g = guessing(&cut);
        // However short the budget, a run makes one guess (so a walk ends).
        assert_eq!(g.guesses, 1, "{b}");
        assert!(g.budget_exceeded && !g.cycle_complete, "{b}");
        assert_eq!(g.guessed, 0, "{b}");
        let at = Position {
            customer: "B0001".into(),
            kind: Kind::Login,
            candidates_done: 1,
        };
        assert_eq!(g.stopped_within.as_ref(), Some(&at), "{b}");
        // The checks that need no guessing covered everyone all the same.
        assert_eq!(cut.summary.customers, 3, "{b}");

        let rest = audit(&mut t, &options(true));
        let r = guessing(&rest);
        assert_eq!(r.resumed_within.as_ref(), Some(&at), "{b}");
        assert!(r.cycle_complete && !r.budget_exceeded, "{b}");
        assert_eq!((r.guessed, r.stopped_within.as_ref()), (3 * 3, None), "{b}");

        // The cycle is over: the next run starts from the beginning, and
        // the two runs above made exactly its guesses between them.
        let again = audit(&mut t, &options(true));
        let a = guessing(&again);
        assert_eq!(a.resumed_within, None, "{b}");
        assert_eq!(a.cycle, Some(2), "{b}");
        assert_eq!(g.guesses + r.guesses, a.guesses, "{b}");
    }
}

#[test]
fn the_cursor_moves_past_a_covered_customer_to_the_next_run() {
    let policy = cheap_policy();
    for mut t in ledgers(&policy) {
        let b = t.backend;
        // C0001's login password is its own first candidate: the one guess
        // a zero budget allows hits, and settles the customer.
        let c1 = customer("C0001", "1975-05-05");
        let first = candidates(&c1, Kind::Login, &policy, 100)[0]
            .password
            .to_string();
        add(
            &mut t,
            &[
                (c1, &first),
                (customer("C0002", "1976-06-06"), STRONG),
                (customer("C0003", "1977-07-07"), "Zr7%Qm2#Vt9k"),
            ],
        );
        let zero = Options {
            budget: Some(Duration::ZERO),
            ..options(true)
        };
        let cut = audit(&mut t, &zero);
        let g = guessing(&cut);
        assert_eq!((g.guesses, g.guessed), (1, 1), "{b}");
        assert!(g.budget_exceeded && g.stopped_within.is_none(), "{b}");
        assert_eq!(
            guessable(&cut),
            [("C0001".into(), FindingKind::GuessableLogin, false)],
            "{b}"
        );

        let seen = Seen::default();
        let rest = run(&mut t.ledger, &options(true), &seen).unwrap();
        let r = guessing(&rest);
        assert_eq!(r.resumed_within, None, "{b}");
        // C0002 and C0003 in the first band (C0001 was covered there), then
        // all three in the other two: C0001 with its standing finding is
        // not guessed again.
        assert_eq!(r.guessed, 2 + 3 + 3, "{b}");
        assert!(r.cycle_complete, "{b}");
        // The hit stands: reported again, not guessed again.
        assert_eq!(
            guessable(&rest),
            [("C0001".into(), FindingKind::GuessableLogin, true)],
            "{b}"
        );
        // The bar counts the customers as each band covers them.
        let mut want = vec!["Auditing None"];
        want.extend(["+1"; 8]);
        want.push("done");
        assert_eq!(*seen.0.lock().unwrap(), want, "{b}");
    }
}

#[test]
fn one_customer_fail_on_and_the_listed_minimum() {
    let policy = cheap_policy();
    for mut t in ledgers(&policy) {
        let b = t.backend;
        // D0001's login password is its sixth candidate.
        let d1 = customer("D0001", "1980-01-15");
        let sixth = candidates(&d1, Kind::Login, &policy, 100)[5]
            .password
            .to_string();
        add(
            &mut t,
            &[(d1, &sixth), (customer("D0002", "1985-03-04"), STRONG)],
        );
        // Without an execution password (medium before enforcement): every
        // finding counted and failing, none at or above high to keep.
        let o = Options {
            fail_on: Some(Severity::Medium),
            list_min: Some(Severity::High),
            ..options(false)
        };
        let out = audit(&mut t, &o);
        assert_eq!(out.findings, [], "{b}");
        assert_eq!((out.summary.findings, out.failing()), (2, 2), "{b}");
        let fail = out.summary.fail_on.as_ref().unwrap();
        assert_eq!(fail.fail_on, Severity::Medium, "{b}");
        assert_eq!(
            out.summary.by_severity.get(&Severity::Medium),
            Some(&2),
            "{b}"
        );

        // One customer, guessed: found, but no position is kept.
        let one = Options {
            customer: Some("D0001".into()),
            fail_on: Some(Severity::Critical),
            list_min: Some(Severity::Critical),
            budget: Some(Duration::ZERO),
            ..options(true)
        };
        let out = audit(&mut t, &one);
        assert_eq!(out.summary.customers, 1, "{b}");
        assert_eq!(out.failing(), 0, "{b}: one guess, not the sixth");
        let g = guessing(&out);
        assert!(g.budget_exceeded && !g.cycle_complete, "{b}");
        assert_eq!(g.stopped_within, None, "{b}: not a resumable run");
        let out = audit(
            &mut t,
            &Options {
                budget: None,
                ..one.clone()
            },
        );
        assert_eq!(out.failing(), 1, "{b}");
        assert_eq!(
            guessable(&out),
            [("D0001".into(), FindingKind::GuessableLogin, false)],
            "{b}"
        );
        // ... and a run over everyone starts at the beginning.
        let all = audit(&mut t, &options(true));
        let a = guessing(&all);
        assert_eq!(a.resumed_within, None, "{b}");

        let nobody = Options {
            customer: Some("NOPE".into()),
            ..options(false)
        };
        let e = run(&mut t.ledger, &nobody, &Silent).unwrap_err();
        assert!(matches!(e, Error::NoCustomer { .. }), "{b}: {e:?}");
    }
}

#[test]
fn the_summary_is_stored_in_its_field_order() {
    for mut t in ledgers(&cheap_policy()) {
        add(&mut t, &[(customer("E0001", "1980-01-15"), STRONG)]);
        let o = Options {
            fail_on: Some(Severity::High),
            ..options(true)
        };
        let out = audit(&mut t, &o);
        let stored = t.ledger.audit_runs(None).unwrap().pop().unwrap().summary;
        let keys: Vec<String> =
            serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(&stored)
                .unwrap()
                .keys()
                .cloned()
                .collect();
        assert_eq!(
            keys,
            [
                "customers",
                "findings",
                "by_severity",
                "by_kind",
                "seconds",
                "fail_on",
                "failing",
                "worker",
                "cycle",
                "guessed",
                "guesses",
                "candidates_per_credential",
                "guesses_per_second",
                "chunks",
                "taken_over",
                "lost",
                "resumed_within",
                "cycle_complete",
                "budget_exceeded",
                "stopped_within",
            ],
            "{}",
            t.backend
        );
        assert_eq!(stored, serde_json::to_string(&out.summary).unwrap());
        assert!(stored.contains(r#""by_severity":{"medium":1}"#), "{stored}");
        assert!(
            stored.contains(r#""fail_on":"high","failing":0"#),
            "{stored}"
        );
    }
}
