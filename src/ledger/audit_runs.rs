//! Weak-credential audit runs: their summaries (`audit history`).

use super::Tx;
use super::exec::{Exec, params};
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
        self.exec().one(
            "INSERT INTO audit_run (started_at, finished_at, guess, customers, guesses, cycle_complete, budget_exceeded, summary)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             RETURNING id",
            params![
                r.started_at,
                r.finished_at,
                r.guess,
                r.customers,
                r.guesses,
                r.cycle_complete,
                r.budget_exceeded,
                r.summary
            ],
            |mut row| row.int(0),
        )
    }
}

pub(super) fn audit_runs(db: &dyn Exec, limit: Option<u64>) -> Result<Vec<AuditRun>> {
    db.all(
        "SELECT * FROM (
            SELECT id, started_at, finished_at, guess, customers, guesses, cycle_complete, budget_exceeded, summary
            FROM audit_run ORDER BY id DESC LIMIT ?1
         ) AS newest ORDER BY id",
        params![limit.map(|l| l as i64).unwrap_or(i64::MAX)],
        |mut r| {
            Ok(AuditRun {
                id: r.int(0)?,
                started_at: r.text(1)?,
                finished_at: r.text(2)?,
                guess: r.bool(3)?,
                customers: r.u64(4)?,
                guesses: r.u64(5)?,
                cycle_complete: r.bool(6)?,
                budget_exceeded: r.bool(7)?,
                summary: r.text(8)?,
            })
        },
    )
}
