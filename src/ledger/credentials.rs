//! Passwords, their history, failure counts, locks, bulk issuance runs,
//! ledger facts (the rollout schedule, the ledger's identity, the audit
//! cursor).

use std::collections::HashMap;
use std::ops::ControlFlow;

use super::exec::{Exec, Row, params};
use super::{Ledger, Tx};
use crate::customer::{Credential, Lock, PasswordState};
use crate::error::{Error, Result};
use crate::policy::Kind;
use crate::rollout::Schedule;

/// The meta keys of the rollout schedule.
const PRE_START: &str = "rollout.pre_start";
const PRE_END: &str = "rollout.pre_end";
const ENFORCE: &str = "rollout.enforce";

/// The meta key of the ledger's identity (a random id made by migration 8).
pub(super) const LEDGER_ID: &str = "ledger.id";

/// A locked account, for `lock list`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LockedAccount {
    pub customer: String,
    pub lock: Lock,
    /// Consecutive failed execution-password attempts.
    pub failures: u32,
    /// Consecutive failed login-password attempts.
    pub login_failures: u32,
}

/// An unfinished `password issue` run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssueRun {
    pub id: i64,
    pub deadline: String,
}

/// Customer counts by execution-password state (`rollout status`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StateCounts {
    pub customers: u64,
    pub none: u64,
    pub initial: u64,
    pub set: u64,
    pub locked: u64,
}

pub(super) fn credential(db: &dyn Exec, code: &str, kind: Kind) -> Result<Option<Credential>> {
    db.first(
        "SELECT hash, format, state, failures, set_at, issue_run FROM credential WHERE customer = ?1 AND kind = ?2",
        params![code, kind.as_str()],
        |mut r| {
            Ok(Credential {
                hash: r.text(0)?,
                format: r.text(1)?,
                state: PasswordState::parse(Some(r.text(2)?.as_str())),
                failures: r.u32(3)?,
                set_at: r.text(4)?,
                issue_run: r.opt_int(5)?,
            })
        },
    )
}

pub(super) fn history(db: &dyn Exec, code: &str, kind: Kind, n: u32) -> Result<Vec<String>> {
    db.all(
        "SELECT hash FROM password_history WHERE customer = ?1 AND kind = ?2
         ORDER BY retired_at DESC, id DESC LIMIT ?3",
        params![code, kind.as_str(), n],
        |mut r| r.text(0),
    )
}

/// A lock from the `locked_at, lock_reason, locked_by` columns at `at`.
fn lock_from(r: &mut Row, at: usize) -> Result<Option<Lock>> {
    Ok(match r.opt_text(at)? {
        None => None,
        Some(locked_at) => Some(Lock {
            at: locked_at,
            reason: r.opt_text(at + 1)?.unwrap_or_default(),
            by: r.opt_text(at + 2)?.unwrap_or_default(),
        }),
    })
}

pub(super) fn lock_of(db: &dyn Exec, code: &str) -> Result<Option<Lock>> {
    Ok(db
        .first(
            "SELECT locked_at, lock_reason, locked_by FROM customer WHERE code = ?1",
            params![code],
            |mut r| lock_from(&mut r, 0),
        )?
        .flatten())
}

pub(super) fn locked_accounts(db: &dyn Exec) -> Result<Vec<LockedAccount>> {
    db.all(
        "SELECT c.code, c.locked_at, c.lock_reason, c.locked_by, coalesce(e.failures, 0),
                coalesce(l.failures, 0)
         FROM customer c LEFT JOIN credential e ON e.customer = c.code AND e.kind = 'execution'
         LEFT JOIN credential l ON l.customer = c.code AND l.kind = 'login'
         WHERE c.locked_at IS NOT NULL ORDER BY c.locked_at, c.code",
        params![],
        |mut r| {
            let customer = r.text(0)?;
            let lock = lock_from(&mut r, 1)?.ok_or_else(|| r.bad(1, "NULL in a locked row"))?;
            Ok(LockedAccount {
                customer,
                lock,
                failures: r.u32(4)?,
                login_failures: r.u32(5)?,
            })
        },
    )
}

pub(super) fn state_counts(db: &dyn Exec) -> Result<StateCounts> {
    db.one(
        "SELECT count(*),
                count(*) FILTER (WHERE e.state IS NULL),
                count(*) FILTER (WHERE e.state = 'initial'),
                count(*) FILTER (WHERE e.state = 'set'),
                count(*) FILTER (WHERE c.locked_at IS NOT NULL)
         FROM customer c LEFT JOIN credential e ON e.customer = c.code AND e.kind = 'execution'",
        params![],
        |mut r| {
            Ok(StateCounts {
                customers: r.u64(0)?,
                none: r.u64(1)?,
                initial: r.u64(2)?,
                set: r.u64(3)?,
                locked: r.u64(4)?,
            })
        },
    )
}

pub(super) fn running_issue(db: &dyn Exec, out_path: &str) -> Result<Option<IssueRun>> {
    db.first(
        "SELECT id, deadline FROM issue_run WHERE out_path = ?1 AND status = 'running' ORDER BY id DESC LIMIT 1",
        params![out_path],
        |mut r| {
            Ok(IssueRun {
                id: r.int(0)?,
                deadline: r.text(1)?,
            })
        },
    )
}

pub(super) fn finished_issue(db: &dyn Exec, out_path: &str) -> Result<Option<i64>> {
    db.first(
        "SELECT id FROM issue_run WHERE out_path = ?1 AND status = 'done' ORDER BY id DESC LIMIT 1",
        params![out_path],
        |mut r| r.int(0),
    )
}

pub(super) fn unfinished_issues(db: &dyn Exec) -> Result<Vec<(String, u64)>> {
    db.all(
        "SELECT r.out_path, (SELECT count(*) FROM credential c WHERE c.kind = 'execution' AND c.issue_run = r.id)
         FROM issue_run r WHERE r.status = 'running' ORDER BY r.id",
        params![],
        |mut r| Ok((r.text(0)?, r.u64(1)?)),
    )
}

pub(super) fn issued_in_run(db: &dyn Exec, run: i64) -> Result<HashMap<String, String>> {
    let mut codes = HashMap::new();
    db.query(
        "SELECT customer, hash FROM credential WHERE kind = 'execution' AND issue_run = ?1",
        params![run],
        &mut |mut r| {
            codes.insert(r.text(0)?, r.text(1)?);
            Ok(ControlFlow::Continue(()))
        },
    )?;
    Ok(codes)
}

/// The recorded rollout schedule, if all three moments are.
pub(super) fn rollout_schedule(db: &dyn Exec) -> Result<Option<Schedule>> {
    let get = |k| -> Result<_> { Ok(meta(db, k)?.and_then(|s| crate::clock::from_stored(&s))) };
    Ok(match (get(PRE_START)?, get(PRE_END)?, get(ENFORCE)?) {
        (Some(pre_start), Some(pre_end), Some(enforce)) => Some(Schedule {
            pre_start,
            pre_end,
            enforce,
        }),
        _ => None,
    })
}

/// This ledger's identity: a random id no other ledger shares (it names the
/// temporary files of its issue runs).
pub(super) fn ledger_id(db: &dyn Exec, path: &std::path::Path) -> Result<String> {
    meta(db, LEDGER_ID)?.ok_or_else(|| Error::Corrupt {
        path: path.to_path_buf(),
        detail: format!("meta {LEDGER_ID} missing"),
    })
}

pub(super) fn meta(db: &dyn Exec, key: &str) -> Result<Option<String>> {
    db.first(
        "SELECT value FROM meta WHERE key = ?1",
        params![key],
        |mut r| r.text(0),
    )
}

impl Tx<'_> {
    /// Store a new password hash of a kind: the current one moves to the
    /// history (of which `keep` are kept), the failure count resets.
    pub fn store_password(
        &self,
        code: &str,
        kind: Kind,
        hash: &str,
        state: PasswordState,
        issue_run: Option<i64>,
        keep: u32,
    ) -> Result<()> {
        let at = crate::clock::to_stored(self.now());
        let db = self.exec();
        db.execute(
            "INSERT INTO password_history (customer, kind, hash, retired_at)
             SELECT customer, kind, hash, CAST(?3 AS TEXT) FROM credential WHERE customer = ?1 AND kind = ?2",
            params![code, kind.as_str(), at],
        )?;
        db.execute(
            "DELETE FROM password_history WHERE customer = ?1 AND kind = ?2 AND id NOT IN (
                SELECT id FROM password_history WHERE customer = ?1 AND kind = ?2
                ORDER BY retired_at DESC, id DESC LIMIT ?3)",
            params![code, kind.as_str(), keep.max(1)],
        )?;
        let state = match state {
            PasswordState::Initial => "initial",
            _ => "set",
        };
        db.execute(
            "INSERT INTO credential (customer, kind, hash, format, state, set_at, failures, issue_run, origin)
             VALUES (?1, ?2, ?3, 'argon2id', ?4, ?5, 0, ?6, 'acctsec')
             ON CONFLICT (customer, kind) DO UPDATE SET hash = excluded.hash, format = excluded.format,
               state = excluded.state, set_at = excluded.set_at, failures = 0, issue_run = excluded.issue_run,
               origin = 'acctsec'",
            params![code, kind.as_str(), hash, state, at, issue_run],
        )?;
        Ok(())
    }

    /// Replace a hash with a stronger one of the same password (rehash on a
    /// successful verify); state and history are unchanged.
    pub fn upgrade_hash(&self, code: &str, kind: Kind, hash: &str) -> Result<()> {
        self.exec().execute(
            "UPDATE credential SET hash = ?3, format = 'argon2id', origin = 'acctsec' WHERE customer = ?1 AND kind = ?2",
            params![code, kind.as_str(), hash],
        )?;
        Ok(())
    }

    pub fn set_failures(&self, code: &str, kind: Kind, failures: u32) -> Result<()> {
        self.exec().execute(
            "UPDATE credential SET failures = ?3 WHERE customer = ?1 AND kind = ?2",
            params![code, kind.as_str(), failures],
        )?;
        Ok(())
    }

    pub fn record_attempt(
        &self,
        code: &str,
        kind: Kind,
        ok: bool,
        source: Option<&str>,
    ) -> Result<()> {
        let at = crate::clock::to_stored(self.now());
        self.exec().execute(
            "INSERT INTO attempt (customer, kind, at, ok, source) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![code, kind.as_str(), at, ok, source],
        )?;
        Ok(())
    }

    pub fn lock(&self, code: &str, reason: &str) -> Result<()> {
        let at = crate::clock::to_stored(self.now());
        self.exec().execute(
            "UPDATE customer SET locked_at = ?2, lock_reason = ?3, locked_by = ?4 WHERE code = ?1",
            params![code, at, reason, self.operator()],
        )?;
        Ok(())
    }

    /// Lift the lock and reset every failure count of the customer.
    pub fn unlock(&self, code: &str) -> Result<()> {
        let db = self.exec();
        db.execute(
            "UPDATE customer SET locked_at = NULL, lock_reason = NULL, locked_by = NULL WHERE code = ?1",
            params![code],
        )?;
        db.execute(
            "UPDATE credential SET failures = 0 WHERE customer = ?1",
            params![code],
        )?;
        Ok(())
    }

    pub fn start_issue(&self, out_path: &str, deadline: &str) -> Result<i64> {
        let at = crate::clock::to_stored(self.now());
        self.exec().one(
            "INSERT INTO issue_run (out_path, deadline, started_at, status) VALUES (?1, ?2, ?3, 'running')
             RETURNING id",
            params![out_path, deadline, at],
            |mut r| r.int(0),
        )
    }

    pub fn finish_issue(&self, id: i64) -> Result<()> {
        let at = crate::clock::to_stored(self.now());
        self.exec().execute(
            "UPDATE issue_run SET status = 'done', finished_at = ?2 WHERE id = ?1",
            params![id, at],
        )?;
        Ok(())
    }

    /// Record the rollout schedule (the caller writes the audit entry).
    pub fn set_rollout_schedule(&self, s: &Schedule) -> Result<()> {
        for (k, v) in [
            (PRE_START, s.pre_start),
            (PRE_END, s.pre_end),
            (ENFORCE, s.enforce),
        ] {
            self.set_meta(k, &crate::clock::to_stored(v))?;
        }
        Ok(())
    }

    pub fn set_meta(&self, key: &str, value: &str) -> Result<()> {
        self.exec().execute(
            "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )?;
        Ok(())
    }
}

impl Ledger {
    /// This ledger's identity: a random id no other ledger shares (it names
    /// the temporary files of its issue runs).
    pub fn ledger_id(&self) -> Result<String> {
        ledger_id(self.exec(), self.path())
    }
}
