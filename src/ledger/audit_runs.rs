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
    /// The worker (host and process, or its configured name) of a
    /// guessing run.
    pub worker: Option<String>,
    /// The guessing cycle it worked on.
    pub cycle: Option<i64>,
    /// Chunks of that cycle it finished.
    pub chunks: u64,
}

impl Tx<'_> {
    pub fn record_audit_run(&self, r: &AuditRun) -> Result<i64> {
        self.exec().one(
            "INSERT INTO audit_run (started_at, finished_at, guess, customers, guesses, cycle_complete, budget_exceeded, summary, worker, cycle, chunks)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
             RETURNING id",
            params![
                r.started_at,
                r.finished_at,
                r.guess,
                r.customers,
                r.guesses,
                r.cycle_complete,
                r.budget_exceeded,
                r.summary,
                r.worker,
                r.cycle,
                r.chunks
            ],
            |mut row| row.int(0),
        )
    }

    /// A run recorded when it began (its first claim), brought up to date
    /// when it ends.
    pub fn update_audit_run(&self, r: &AuditRun) -> Result<()> {
        self.exec().execute(
            "UPDATE audit_run SET finished_at = ?2, customers = ?3, guesses = ?4, cycle_complete = ?5,
                 budget_exceeded = ?6, summary = ?7, chunks = ?8
             WHERE id = ?1",
            params![
                r.id,
                r.finished_at,
                r.customers,
                r.guesses,
                r.cycle_complete,
                r.budget_exceeded,
                r.summary,
                r.chunks
            ],
        )?;
        Ok(())
    }
}

pub(super) fn audit_runs(db: &dyn Exec, limit: Option<u64>) -> Result<Vec<AuditRun>> {
    db.all(
        "SELECT * FROM (
            SELECT id, started_at, finished_at, guess, customers, guesses, cycle_complete, budget_exceeded, summary,
                   worker, cycle, chunks
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
                worker: r.opt_text(9)?,
                cycle: r.opt_int(10)?,
                chunks: r.u64(11)?,
            })
        },
    )
}
