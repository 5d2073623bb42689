//! Weak-credential audit runs: their summaries (`audit history`).

use rusqlite::params;

use super::{Ledger, Tx};
use crate::error::Result;

/// One stored run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditRun {
    pub id: i64,
    pub started_at: String,
    pub finished_at: String,
    pub guess: bool,
    pub customers: u64,
    pub guesses: u64,
    pub cycle_complete: bool,
    pub budget_exceeded: bool,
    pub summary: String,
}

impl Tx<'_> {
    pub fn record_audit_run(&self, r: &AuditRun) -> Result<i64> {
        self.conn()
            .prepare_cached(
                "INSERT INTO audit_run (started_at, finished_at, guess, customers, guesses, cycle_complete, budget_exceeded, summary)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )
            .and_then(|mut s| {
                s.execute(params![
                    r.started_at,
                    r.finished_at,
                    r.guess,
                    r.customers as i64,
                    r.guesses as i64,
                    r.cycle_complete,
                    r.budget_exceeded,
                    r.summary
                ])
            })
            .map_err(|e| self.err(e))?;
        Ok(self.conn().last_insert_rowid())
    }
}

impl Ledger {
    /// Runs, newest last (at most `limit`, newest kept).
    pub fn audit_runs(&self, limit: Option<u64>) -> Result<Vec<AuditRun>> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT * FROM (SELECT id, started_at, finished_at, guess, customers, guesses, cycle_complete, budget_exceeded, summary
                 FROM audit_run ORDER BY id DESC LIMIT ?1) ORDER BY id",
            )
            .map_err(|e| self.err(e))?;
        stmt.query_map([limit.map(|l| l as i64).unwrap_or(-1)], |r| {
            Ok(AuditRun {
                id: r.get(0)?,
                started_at: r.get(1)?,
                finished_at: r.get(2)?,
                guess: r.get(3)?,
                customers: r.get::<_, i64>(4)? as u64,
                guesses: r.get::<_, i64>(5)? as u64,
                cycle_complete: r.get(6)?,
                budget_exceeded: r.get(7)?,
                summary: r.get(8)?,
            })
        })
        .map_err(|e| self.err(e))?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(|e| self.err(e))
    }
}
