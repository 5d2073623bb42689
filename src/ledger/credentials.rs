//! Passwords, their history, failure counts, locks, bulk issuance runs,
//! the rollout schedule, the ledger's identity.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, params};

use super::{Ledger, Tx};
use crate::customer::{Lock, PasswordState};
use crate::error::{Error, Result};
use crate::policy::Kind;
use crate::rollout::Schedule;

/// The meta keys of the rollout schedule.
const PRE_START: &str = "rollout.pre_start";
const PRE_END: &str = "rollout.pre_end";
const ENFORCE: &str = "rollout.enforce";

/// The meta key of the ledger's identity (a random id made by migration 8).
const LEDGER_ID: &str = "ledger.id";

/// A stored password of one kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credential {
    pub hash: String,
    pub format: String,
    pub state: PasswordState,
    pub failures: u32,
    pub set_at: String,
    pub issue_run: Option<i64>,
}

/// A locked account, for `lock list`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LockedAccount {
    pub customer: String,
    pub lock: Lock,
    pub failures: u32,
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

fn credential(conn: &Connection, code: &str, kind: Kind) -> rusqlite::Result<Option<Credential>> {
    conn.prepare_cached(
        "SELECT hash, format, state, failures, set_at, issue_run FROM credential WHERE customer = ?1 AND kind = ?2",
    )?
    .query_row(params![code, kind.as_str()], |r| {
        Ok(Credential {
            hash: r.get(0)?,
            format: r.get(1)?,
            state: PasswordState::parse(Some(r.get::<_, String>(2)?.as_str())),
            failures: r.get::<_, i64>(3)? as u32,
            set_at: r.get(4)?,
            issue_run: r.get(5)?,
        })
    })
    .optional()
}

fn history(conn: &Connection, code: &str, kind: Kind, n: u32) -> rusqlite::Result<Vec<String>> {
    conn.prepare_cached(
        "SELECT hash FROM password_history WHERE customer = ?1 AND kind = ?2
         ORDER BY retired_at DESC, rowid DESC LIMIT ?3",
    )?
    .query_map(params![code, kind.as_str(), n], |r| r.get(0))?
    .collect()
}

fn lock_of(conn: &Connection, code: &str) -> rusqlite::Result<Option<Lock>> {
    let row: Option<(Option<String>, Option<String>, Option<String>)> = conn
        .prepare_cached("SELECT locked_at, lock_reason, locked_by FROM customer WHERE code = ?1")?
        .query_row([code], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    Ok(row.and_then(|(at, reason, by)| {
        at.map(|at| Lock {
            at,
            reason: reason.unwrap_or_default(),
            by: by.unwrap_or_default(),
        })
    }))
}

impl Tx<'_> {
    pub fn credential(&self, code: &str, kind: Kind) -> Result<Option<Credential>> {
        credential(self.conn(), code, kind).map_err(|e| self.err(e))
    }

    pub fn lock_of(&self, code: &str) -> Result<Option<Lock>> {
        lock_of(self.conn(), code).map_err(|e| self.err(e))
    }

    /// The hashes of the last `n` passwords of a kind, newest first (the
    /// current one not included).
    pub fn history(&self, code: &str, kind: Kind, n: u32) -> Result<Vec<String>> {
        history(self.conn(), code, kind, n).map_err(|e| self.err(e))
    }

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
        let err = |e| self.err(e);
        let c = self.conn();
        c.prepare_cached(
            "INSERT INTO password_history (customer, kind, hash, retired_at)
             SELECT customer, kind, hash, ?3 FROM credential WHERE customer = ?1 AND kind = ?2",
        )
        .and_then(|mut s| s.execute(params![code, kind.as_str(), at]))
        .map_err(err)?;
        c.prepare_cached(
            "DELETE FROM password_history WHERE customer = ?1 AND kind = ?2 AND rowid NOT IN (
                SELECT rowid FROM password_history WHERE customer = ?1 AND kind = ?2
                ORDER BY retired_at DESC, rowid DESC LIMIT ?3)",
        )
        .and_then(|mut s| s.execute(params![code, kind.as_str(), keep.max(1)]))
        .map_err(err)?;
        let state = match state {
            PasswordState::Initial => "initial",
            _ => "set",
        };
        c.prepare_cached(
            "INSERT INTO credential (customer, kind, hash, format, state, set_at, failures, issue_run, origin)
             VALUES (?1, ?2, ?3, 'argon2id', ?4, ?5, 0, ?6, 'acctsec')
             ON CONFLICT (customer, kind) DO UPDATE SET hash = excluded.hash, format = excluded.format,
               state = excluded.state, set_at = excluded.set_at, failures = 0, issue_run = excluded.issue_run,
               origin = 'acctsec'",
        )
        .and_then(|mut s| s.execute(params![code, kind.as_str(), hash, state, at, issue_run]))
        .map_err(err)?;
        Ok(())
    }

    /// Replace a hash with a stronger one of the same password (rehash on a
    /// successful verify); state and history are unchanged.
    pub fn upgrade_hash(&self, code: &str, kind: Kind, hash: &str) -> Result<()> {
        self.conn()
            .prepare_cached("UPDATE credential SET hash = ?3, format = 'argon2id', origin = 'acctsec' WHERE customer = ?1 AND kind = ?2")
            .and_then(|mut s| s.execute(params![code, kind.as_str(), hash]))
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    pub fn set_failures(&self, code: &str, kind: Kind, failures: u32) -> Result<()> {
        self.conn()
            .prepare_cached("UPDATE credential SET failures = ?3 WHERE customer = ?1 AND kind = ?2")
            .and_then(|mut s| s.execute(params![code, kind.as_str(), failures]))
            .map_err(|e| self.err(e))?;
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
        self.conn()
            .prepare_cached(
                "INSERT INTO attempt (customer, kind, at, ok, source) VALUES (?1, ?2, ?3, ?4, ?5)",
            )
            .and_then(|mut s| s.execute(params![code, kind.as_str(), at, ok, source]))
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    pub fn lock(&self, code: &str, reason: &str) -> Result<()> {
        let at = crate::clock::to_stored(self.now());
        self.conn()
            .prepare_cached("UPDATE customer SET locked_at = ?2, lock_reason = ?3, locked_by = ?4 WHERE code = ?1")
            .and_then(|mut s| s.execute(params![code, at, reason, self.operator()]))
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// Lift the lock and reset every failure count of the customer.
    pub fn unlock(&self, code: &str) -> Result<()> {
        let err = |e| self.err(e);
        self.conn()
            .prepare_cached("UPDATE customer SET locked_at = NULL, lock_reason = NULL, locked_by = NULL WHERE code = ?1")
            .and_then(|mut s| s.execute([code]))
            .map_err(err)?;
        self.conn()
            .prepare_cached("UPDATE credential SET failures = 0 WHERE customer = ?1")
            .and_then(|mut s| s.execute([code]))
            .map_err(err)?;
        Ok(())
    }

    pub fn running_issue(&self, out_path: &str) -> Result<Option<IssueRun>> {
        self.conn()
            .prepare_cached("SELECT id, deadline FROM issue_run WHERE out_path = ?1 AND status = 'running' ORDER BY id DESC LIMIT 1")
            .and_then(|mut s| {
                s.query_row([out_path], |r| Ok(IssueRun { id: r.get(0)?, deadline: r.get(1)? }))
                    .optional()
            })
            .map_err(|e| self.err(e))
    }

    pub fn start_issue(&self, out_path: &str, deadline: &str) -> Result<i64> {
        let at = crate::clock::to_stored(self.now());
        self.conn()
            .prepare_cached("INSERT INTO issue_run (out_path, deadline, started_at, status) VALUES (?1, ?2, ?3, 'running')")
            .and_then(|mut s| s.execute(params![out_path, deadline, at]))
            .map_err(|e| self.err(e))?;
        Ok(self.conn().last_insert_rowid())
    }

    pub fn finish_issue(&self, id: i64) -> Result<()> {
        let at = crate::clock::to_stored(self.now());
        self.conn()
            .prepare_cached("UPDATE issue_run SET status = 'done', finished_at = ?2 WHERE id = ?1")
            .and_then(|mut s| s.execute(params![id, at]))
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// Customers whose current execution password was issued by `run`,
    /// with its hash.
    pub fn issued_in_run(&self, run: i64) -> Result<HashMap<String, String>> {
        let mut stmt = self
            .conn()
            .prepare_cached(
                "SELECT customer, hash FROM credential WHERE kind = 'execution' AND issue_run = ?1",
            )
            .map_err(|e| self.err(e))?;
        stmt.query_map([run], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(|e| self.err(e))?
            .collect::<rusqlite::Result<HashMap<String, String>>>()
            .map_err(|e| self.err(e))
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

    /// The recorded rollout schedule, if any.
    pub fn rollout_schedule(&self) -> Result<Option<Schedule>> {
        rollout_schedule(self.conn()).map_err(|e| self.err(e))
    }

    pub fn set_meta(&self, key: &str, value: &str) -> Result<()> {
        self.conn()
            .prepare_cached(
                "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            )
            .and_then(|mut s| s.execute(params![key, value]))
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    pub fn meta(&self, key: &str) -> Result<Option<String>> {
        meta(self.conn(), key).map_err(|e| self.err(e))
    }
}

fn meta(conn: &Connection, key: &str) -> rusqlite::Result<Option<String>> {
    conn.prepare_cached("SELECT value FROM meta WHERE key = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()
}

fn rollout_schedule(conn: &Connection) -> rusqlite::Result<Option<Schedule>> {
    let get = |k| -> rusqlite::Result<_> {
        Ok(meta(conn, k)?.and_then(|s| crate::clock::from_stored(&s)))
    };
    Ok(match (get(PRE_START)?, get(PRE_END)?, get(ENFORCE)?) {
        (Some(pre_start), Some(pre_end), Some(enforce)) => Some(Schedule {
            pre_start,
            pre_end,
            enforce,
        }),
        _ => None,
    })
}

impl Ledger {
    pub fn credential(&self, code: &str, kind: Kind) -> Result<Option<Credential>> {
        credential(&self.conn, code, kind).map_err(|e| self.err(e))
    }

    pub fn lock_of(&self, code: &str) -> Result<Option<Lock>> {
        lock_of(&self.conn, code).map_err(|e| self.err(e))
    }

    /// As [`Tx::history`], outside a write transaction (for read-only checks).
    pub fn history(&self, code: &str, kind: Kind, n: u32) -> Result<Vec<String>> {
        history(&self.conn, code, kind, n).map_err(|e| self.err(e))
    }

    pub fn meta(&self, key: &str) -> Result<Option<String>> {
        meta(&self.conn, key).map_err(|e| self.err(e))
    }

    /// The recorded rollout schedule, if any.
    pub fn rollout_schedule(&self) -> Result<Option<Schedule>> {
        rollout_schedule(&self.conn).map_err(|e| self.err(e))
    }

    /// This ledger's identity: a random id no other ledger shares (it names
    /// the temporary files of its issue runs).
    pub fn ledger_id(&self) -> Result<String> {
        self.meta(LEDGER_ID)?.ok_or_else(|| Error::Corrupt {
            path: self.path().to_path_buf(),
            detail: format!("meta {LEDGER_ID} missing"),
        })
    }

    /// Unfinished `password issue` runs: (file, customers holding a
    /// password from it).
    pub fn unfinished_issues(&self) -> Result<Vec<(String, u64)>> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT r.out_path, (SELECT count(*) FROM credential c WHERE c.kind = 'execution' AND c.issue_run = r.id)
                 FROM issue_run r WHERE r.status = 'running' ORDER BY r.id",
            )
            .map_err(|e| self.err(e))?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as u64)))
            .map_err(|e| self.err(e))?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| self.err(e))
    }

    /// The newest finished `password issue` run into this file, if any.
    pub fn finished_issue(&self, out_path: &str) -> Result<Option<i64>> {
        self.conn
            .prepare_cached(
                "SELECT id FROM issue_run WHERE out_path = ?1 AND status = 'done' ORDER BY id DESC LIMIT 1",
            )
            .and_then(|mut s| s.query_row([out_path], |r| r.get(0)).optional())
            .map_err(|e| self.err(e))
    }

    pub fn locked_accounts(&self) -> Result<Vec<LockedAccount>> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT c.code, c.locked_at, c.lock_reason, c.locked_by, coalesce(e.failures, 0)
                 FROM customer c LEFT JOIN credential e ON e.customer = c.code AND e.kind = 'execution'
                 WHERE c.locked_at IS NOT NULL ORDER BY c.locked_at, c.code",
            )
            .map_err(|e| self.err(e))?;
        stmt.query_map([], |r| {
            Ok(LockedAccount {
                customer: r.get(0)?,
                lock: Lock {
                    at: r.get(1)?,
                    reason: r.get::<_, Option<String>>(2)?.unwrap_or_default(),
                    by: r.get::<_, Option<String>>(3)?.unwrap_or_default(),
                },
                failures: r.get::<_, i64>(4)? as u32,
            })
        })
        .map_err(|e| self.err(e))?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(|e| self.err(e))
    }

    /// Every customer code, in order.
    pub fn customer_codes(&self) -> Result<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare("SELECT code FROM customer ORDER BY code")
            .map_err(|e| self.err(e))?;
        stmt.query_map([], |r| r.get(0))
            .map_err(|e| self.err(e))?
            .collect::<rusqlite::Result<Vec<String>>>()
            .map_err(|e| self.err(e))
    }

    pub fn state_counts(&self) -> Result<StateCounts> {
        self.conn
            .query_row(
                "SELECT count(*),
                        count(*) FILTER (WHERE e.state IS NULL),
                        count(*) FILTER (WHERE e.state = 'initial'),
                        count(*) FILTER (WHERE e.state = 'set'),
                        count(*) FILTER (WHERE c.locked_at IS NOT NULL)
                 FROM customer c LEFT JOIN credential e ON e.customer = c.code AND e.kind = 'execution'",
                [],
                |r| {
                    Ok(StateCounts {
                        customers: r.get::<_, i64>(0)? as u64,
                        none: r.get::<_, i64>(1)? as u64,
                        initial: r.get::<_, i64>(2)? as u64,
                        set: r.get::<_, i64>(3)? as u64,
                        locked: r.get::<_, i64>(4)? as u64,
                    })
                },
            )
            .map_err(|e| self.err(e))
    }
}
