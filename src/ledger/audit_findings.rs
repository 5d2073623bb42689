//! What the weak-credential audit reads besides its run summaries: every
//! account with its credentials, streamed in code order (the checks that
//! need no guessing look at every customer on every run), and the standing
//! guessable findings: a guess that matched a stored hash, kept with a tag
//! of that hash (`audit::hash_tag`) so that it holds until the hash changes.

use std::ops::ControlFlow;

use super::Tx;
use super::customers::{CUSTOMER_COLUMNS, customer_from};
use super::exec::{Exec, Param, Row, params};
use crate::audit::Source;
use crate::customer::{AccountState, Credential, Customer, Lock, PasswordState};
use crate::error::Result;
use crate::policy::Kind;

/// One customer as the audit sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditAccount {
    pub customer: Customer,
    pub state: AccountState,
    pub login: Option<Credential>,
    pub execution: Option<Credential>,
    /// Guessable findings earlier runs stored for this customer; each
    /// holds only while its tag matches the credential's hash now.
    pub stored: Vec<StoredGuess>,
}

impl AuditAccount {
    pub fn credential(&self, kind: Kind) -> Option<&Credential> {
        match kind {
            Kind::Login => self.login.as_ref(),
            Kind::Execution => self.execution.as_ref(),
        }
    }
}

/// A guessable finding stored by an audit run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredGuess {
    pub kind: Kind,
    /// The tag of the hash the guess matched.
    pub hash_tag: String,
    pub source: Source,
    pub found_at: String,
    /// The audit run that found it.
    pub run: i64,
}

/// Which accounts a scan reads, in code order.
#[derive(Debug, Clone, Copy, Default)]
pub struct AccountScan<'a> {
    /// Only this customer.
    pub only: Option<&'a str>,
    /// Only codes after this one (a resumable walk).
    pub after: Option<&'a str>,
    /// At most this many.
    pub limit: Option<u64>,
    /// Only codes up to this one (a chunk of the guessing audit).
    pub upto: Option<&'a str>,
    /// Only customers with a credential in this tier: cheap formats
    /// (`true`, `audit::CHEAP_FORMATS`) or the others (`false`).
    pub cheap: Option<bool>,
}

/// The columns of one credential, from the alias `t`.
fn credential_columns(t: &str) -> String {
    format!("{t}.hash, {t}.format, {t}.state, {t}.failures, {t}.set_at, {t}.issue_run")
}

fn credential_from(r: &mut Row, at: usize) -> Result<Option<Credential>> {
    let Some(hash) = r.opt_text(at)? else {
        return Ok(None);
    };
    Ok(Some(Credential {
        hash,
        format: r.text(at + 1)?,
        state: PasswordState::parse(Some(r.text(at + 2)?.as_str())),
        failures: r.u32(at + 3)?,
        set_at: r.text(at + 4)?,
        issue_run: r.opt_int(at + 5)?,
    }))
}

/// The columns of one stored finding, from the alias `g`.
fn stored_columns(g: &str) -> String {
    format!("{g}.hash_tag, {g}.source, {g}.found_at, {g}.run")
}

fn stored_from(r: &mut Row, at: usize, kind: Kind) -> Result<Option<StoredGuess>> {
    let Some(hash_tag) = r.opt_text(at)? else {
        return Ok(None);
    };
    let id = r.text(at + 1)?;
    let source = Source::from_id(&id)
        .ok_or_else(|| r.bad(at + 1, format_args!("unknown guess source {id:?}")))?;
    Ok(Some(StoredGuess {
        kind,
        hash_tag,
        source,
        found_at: r.text(at + 2)?,
        run: r.int(at + 3)?,
    }))
}

fn account_from(mut r: Row) -> Result<AuditAccount> {
    let customer = customer_from(&mut r, 0)?;
    let lock = match r.opt_text(7)? {
        None => None,
        Some(at) => Some(Lock {
            at,
            reason: r.opt_text(8)?.unwrap_or_default(),
            by: r.opt_text(9)?.unwrap_or_default(),
        }),
    };
    let login = credential_from(&mut r, 10)?;
    let execution = credential_from(&mut r, 16)?;
    let stored = [
        stored_from(&mut r, 22, Kind::Login)?,
        stored_from(&mut r, 26, Kind::Execution)?,
    ];
    let state = AccountState {
        execution: execution.as_ref().map_or(PasswordState::None, |c| c.state),
        login: login.as_ref().map_or(PasswordState::None, |c| c.state),
        login_format: login.as_ref().map(|c| c.format.clone()),
        failures: execution.as_ref().map_or(0, |c| c.failures),
        login_failures: login.as_ref().map_or(0, |c| c.failures),
        lock,
    };
    Ok(AuditAccount {
        customer,
        state,
        login,
        execution,
        stored: stored.into_iter().flatten().collect(),
    })
}

/// Hand each account the scan selects to `each`, in code order, reading
/// one row at a time (a million customers are never all in memory).
pub(super) fn audit_accounts(
    db: &dyn Exec,
    scan: &AccountScan,
    each: &mut dyn FnMut(AuditAccount) -> Result<ControlFlow<()>>,
) -> Result<()> {
    // `after` is '' when not given: every code sorts after it, and the
    // range keeps to the primary key.
    let after = scan.after.unwrap_or_default();
    let limit = scan.limit.map_or(i64::MAX, |l| l as i64);
    let mut cond = String::new();
    let mut extra: Vec<&str> = Vec::new();
    if let Some(code) = scan.only {
        extra.push(code);
        cond.push_str(&format!(" AND c.code = ?{}", 2 + extra.len()));
    }
    if let Some(upto) = scan.upto {
        extra.push(upto);
        cond.push_str(&format!(" AND c.code <= ?{}", 2 + extra.len()));
    }
    if let Some(cheap) = scan.cheap {
        cond.push_str(&format!(
            " AND EXISTS (SELECT 1 FROM credential x WHERE x.customer = c.code AND {})",
            super::guess_work::tier_condition("x", cheap)
        ));
    }
    let sql = format!(
        "SELECT {CUSTOMER_COLUMNS}, c.locked_at, c.lock_reason, c.locked_by, {}, {}, {}, {}
         FROM customer c
         LEFT JOIN credential l ON l.customer = c.code AND l.kind = 'login'
         LEFT JOIN credential e ON e.customer = c.code AND e.kind = 'execution'
         LEFT JOIN guessable gl ON gl.customer = c.code AND gl.kind = 'login'
         LEFT JOIN guessable ge ON ge.customer = c.code AND ge.kind = 'execution'
         WHERE c.code > ?1{cond} ORDER BY c.code LIMIT ?2",
        credential_columns("l"),
        credential_columns("e"),
        stored_columns("gl"),
        stored_columns("ge"),
    );
    let each = &mut |r: Row| each(account_from(r)?);
    let mut params = vec![Param::Text(after), Param::Int(limit)];
    params.extend(extra.into_iter().map(Param::Text));
    db.query(&sql, &params, each)
}

impl Tx<'_> {
    /// Store (or renew) a guessable finding: the guess from `source`
    /// matched the customer's `kind` credential, whose hash has `hash_tag`.
    pub fn store_guessable(
        &self,
        code: &str,
        kind: Kind,
        hash_tag: &str,
        source: Source,
        run: i64,
        found: chrono::DateTime<chrono::Utc>,
    ) -> Result<()> {
        let at = crate::clock::to_stored(found);
        self.exec().execute(
            "INSERT INTO guessable (customer, kind, hash_tag, source, found_at, run)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (customer, kind) DO UPDATE
             SET hash_tag = excluded.hash_tag, source = excluded.source,
                 found_at = excluded.found_at, run = excluded.run",
            params![code, kind.as_str(), hash_tag, source.id(), at, run],
        )?;
        Ok(())
    }

    /// Drop a stored guessable finding that no longer holds (found against
    /// the hash with `hash_tag`, which the credential no longer has).
    pub fn clear_guessable(&self, code: &str, kind: Kind, hash_tag: &str) -> Result<()> {
        self.exec().execute(
            "DELETE FROM guessable WHERE customer = ?1 AND kind = ?2 AND hash_tag = ?3",
            params![code, kind.as_str(), hash_tag],
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Entry, InitOutcome, Ledger, Read, Target};
    use super::*;
    use crate::audit::hash_tag;
    use crate::policy::{DateForm, Policy};

    fn entry() -> Entry<'static> {
        Entry {
            action: "test.change",
            customer: None,
            reason: None,
            details: serde_json::json!({}),
        }
    }

    fn scan(ledger: &Ledger, s: AccountScan) -> Vec<AuditAccount> {
        let mut out = Vec::new();
        ledger
            .audit_accounts(&s, &mut |a| {
                out.push(a);
                Ok(ControlFlow::Continue(()))
            })
            .unwrap();
        out
    }

    #[test]
    fn accounts_stream_in_code_order_with_their_stored_findings() {
        let dir = tempfile::tempdir().unwrap();
        let target = Target {
            path: dir.path().join("ledger.db"),
            operator: "tester".into(),
            busy_timeout_ms: 1000,
        };
        let outcome = Ledger::init(&target, |tx| {
            tx.set_policy(&Policy::preset("securities").unwrap())?;
            tx.audit(entry())?;
            Ok(())
        })
        .unwrap();
        assert_eq!(outcome, InitOutcome::Created);
        let mut ledger = Ledger::open(&target).unwrap();
        ledger
            .write(|tx| {
                for code in ["C3", "C1", "C2"] {
                    tx.insert_customer(&Customer {
                        code: code.into(),
                        name: "佐藤 太郎".into(),
                        birth_date: chrono::NaiveDate::from_ymd_opt(1980, 4, 10).unwrap(),
                        phone: None,
                        mobile_phone: None,
                        email_pc: None,
                        email_mobile: None,
                    })?;
                }
                tx.set_imported_login_hash("C2", "5f4dcc3b5aa765d61d8327deb882cf99", "md5")?;
                tx.store_password("C2", Kind::Execution, "h2", PasswordState::Initial, None, 5)?;
                tx.lock("C3", "suspected takeover")?;
                let run = tx.record_audit_run(&super::super::AuditRun {
                    id: 0,
                    started_at: "2030-01-01T00:00:00Z".into(),
                    finished_at: "2030-01-01T00:00:00Z".into(),
                    guess: true,
                    customers: 3,
                    guesses: 1,
                    cycle_complete: true,
                    budget_exceeded: false,
                    summary: "{}".into(),
                    worker: None,
                    cycle: None,
                    chunks: 0,
                })?;
                let tag = hash_tag("5f4dcc3b5aa765d61d8327deb882cf99");
                let now = tx.now();
                tx.store_guessable("C2", Kind::Login, &tag, Source::Common, run, now)?;
                tx.store_guessable(
                    "C2",
                    Kind::Execution,
                    "old",
                    Source::BirthDate(DateForm::FullDate),
                    run,
                    now,
                )?;
                tx.audit(entry())
            })
            .unwrap();
        let all = scan(&ledger, AccountScan::default());
        let codes: Vec<&str> = all.iter().map(|a| a.customer.code.as_str()).collect();
        assert_eq!(codes, ["C1", "C2", "C3"]);
        let c2 = &all[1];
        assert_eq!(c2.login.as_ref().unwrap().format, "md5");
        assert_eq!(c2.state.execution, PasswordState::Initial);
        assert_eq!(c2.stored.len(), 2);
        assert_eq!(c2.stored[0].kind, Kind::Login);
        assert_eq!(c2.stored[1].source, Source::BirthDate(DateForm::FullDate));
        assert!(crate::audit::still_holds(
            c2.login.as_ref(),
            &c2.stored[0].hash_tag
        ));
        assert!(!crate::audit::still_holds(
            c2.execution.as_ref(),
            &c2.stored[1].hash_tag
        ));
        assert_eq!(
            all[2].state.lock.as_ref().unwrap().reason,
            "suspected takeover"
        );
        assert!(all[0].login.is_none() && all[0].stored.is_empty());
        // A page after a code; one customer.
        let page = scan(
            &ledger,
            AccountScan {
                after: Some("C1"),
                limit: Some(1),
                ..Default::default()
            },
        );
        assert_eq!(page.len(), 1);
        assert_eq!(page[0].customer.code, "C2");
        let one = scan(
            &ledger,
            AccountScan {
                only: Some("C3"),
                ..Default::default()
            },
        );
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].customer.code, "C3");
        // A finding that no longer holds is dropped by its tag only.
        ledger
            .write(|tx| {
                tx.clear_guessable("C2", Kind::Execution, "other")?;
                tx.clear_guessable("C2", Kind::Execution, "old")?;
                tx.audit(entry())
            })
            .unwrap();
        let c2 = scan(
            &ledger,
            AccountScan {
                only: Some("C2"),
                ..Default::default()
            },
        );
        assert_eq!(c2[0].stored.len(), 1);
    }
}
