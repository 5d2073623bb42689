//! The guessing audit's shared work: cycles of guessing, carved into
//! chunks (customers x a candidate range) that workers on any host claim
//! under a lease. Claims serialise through the write lock on every backend
//! (and skip rows another transaction has locked on PostgreSQL); a chunk's
//! lease is kept by the database server's clock where there is one, so
//! that hosts whose clocks disagree agree on when it lapses.

use super::Tx;
use super::exec::{Exec, params};
use crate::audit::CHEAP_FORMATS;
use crate::error::Result;

/// A cycle: every (credential, candidate) tried once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuessCycle {
    pub id: i64,
    pub started_at: String,
    /// Candidates per credential, fixed when the cycle opened.
    pub candidates: usize,
    /// The stage being carved (see `ops::audit::work::stages`); past the
    /// last, everything has been carved.
    pub stage: usize,
    /// The last customer carved in that stage ('' before the first).
    pub frontier: String,
    pub completed_at: Option<String>,
    pub completed_by: Option<String>,
}

/// A chunk: the customers after `after` up to `last` (by code) in one stage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuessChunk {
    pub id: i64,
    pub cycle: i64,
    pub stage: usize,
    pub after: String,
    pub last: String,
    /// Where inside the first customer the work resumes (JSON), for the
    /// rest of a chunk a worker's budget cut short.
    pub within: Option<String>,
    /// How many times it has been claimed (this claim included): the token
    /// of the current holder, with `worker`.
    pub claims: i64,
    /// Who held it before, when this claim took over a lapsed lease.
    pub lapsed_from: Option<String>,
}

/// What a finished chunk did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ChunkCounts {
    pub credentials: u64,
    pub guesses: u64,
    pub hits: u64,
}

fn cycle_from(mut r: super::exec::Row) -> Result<GuessCycle> {
    Ok(GuessCycle {
        id: r.int(0)?,
        started_at: r.text(1)?,
        candidates: r.u64(2)? as usize,
        stage: r.u64(3)? as usize,
        frontier: r.text(4)?,
        completed_at: r.opt_text(5)?,
        completed_by: r.opt_text(6)?,
    })
}

const CYCLE_COLUMNS: &str =
    "id, started_at, candidates, stage, frontier, completed_at, completed_by";

/// The cheap formats as an SQL list (constants, not data).
fn cheap_list() -> String {
    CHEAP_FORMATS
        .iter()
        .map(|f| format!("'{f}'"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `format IN (cheap)` or `NOT IN`, for the credential alias `x`.
pub(super) fn tier_condition(x: &str, cheap: bool) -> String {
    let not = if cheap { "" } else { "NOT " };
    format!("{x}.format {not}IN ({})", cheap_list())
}

pub(super) fn guess_cycle(db: &dyn Exec, id: i64) -> Result<Option<GuessCycle>> {
    db.first(
        &format!("SELECT {CYCLE_COLUMNS} FROM guess_cycle WHERE id = ?1"),
        params![id],
        cycle_from,
    )
}

impl Tx<'_> {
    /// Now and `secs` later by the clock leases are kept by: this
    /// transaction's, which is the database server's under the write lock
    /// where there is a server ([`Tx::now`]).
    pub fn lease_until(&self, secs: u64) -> (String, String) {
        let now = self.now();
        let until = now + chrono::Duration::seconds(secs as i64);
        (crate::clock::to_stored(now), crate::clock::to_stored(until))
    }

    /// The cycle under way (the oldest not completed), or a new one with
    /// `candidates` per credential; and whether it is new.
    pub fn open_guess_cycle(&self, candidates: usize) -> Result<(GuessCycle, bool)> {
        let db = self.exec();
        if let Some(c) = db.first(
            &format!(
                "SELECT {CYCLE_COLUMNS} FROM guess_cycle WHERE completed_at IS NULL ORDER BY id LIMIT 1"
            ),
            params![],
            cycle_from,
        )? {
            return Ok((c, false));
        }
        let at = crate::clock::to_stored(self.now());
        let c = db.one(
            &format!(
                "INSERT INTO guess_cycle (started_at, candidates) VALUES (?1, ?2) RETURNING {CYCLE_COLUMNS}"
            ),
            params![at, candidates as u64],
            cycle_from,
        )?;
        Ok((c, true))
    }

    /// Claim for `worker` until `until` the first chunk of the pool (by
    /// stage, then code): one left open (the rest of a chunk a budget cut
    /// short) or one whose lease lapsed before `now`.
    pub fn claim_pooled_chunk(
        &self,
        cycle: i64,
        worker: &str,
        now: &str,
        until: &str,
    ) -> Result<Option<GuessChunk>> {
        let db = self.exec();
        let sql = format!(
            "SELECT id, cycle, stage, after_code, last_code, within, claims, state, worker
             FROM guess_chunk
             WHERE cycle = ?1 AND (state = 'open' OR (state = 'claimed' AND lease_until <= ?2))
             ORDER BY stage, after_code LIMIT 1{}",
            self.tx.claim_clause()
        );
        let found = db.first(&sql, params![cycle, now], |mut r| {
            let chunk = GuessChunk {
                id: r.int(0)?,
                cycle: r.int(1)?,
                stage: r.u64(2)? as usize,
                after: r.text(3)?,
                last: r.text(4)?,
                within: r.opt_text(5)?,
                claims: r.int(6)? + 1,
                lapsed_from: None,
            };
            let state = r.text(7)?;
            let holder = r.opt_text(8)?;
            Ok(GuessChunk {
                lapsed_from: if state == "claimed" { holder } else { None },
                ..chunk
            })
        })?;
        let Some(chunk) = found else { return Ok(None) };
        db.execute(
            "UPDATE guess_chunk SET state = 'claimed', worker = ?2, lease_until = ?3, claims = ?4
             WHERE id = ?1",
            params![chunk.id, worker, until, chunk.claims],
        )?;
        Ok(Some(chunk))
    }

    /// The next customers after `after` (by code) with a credential in the
    /// tier (`cheap` formats or the rest), at most `limit`, each with how
    /// many such credentials it has.
    pub fn customers_to_carve(
        &self,
        cheap: bool,
        after: &str,
        limit: u64,
    ) -> Result<Vec<(String, u64)>> {
        self.exec().all(
            &format!(
                "SELECT x.customer, count(*) FROM credential x
                 WHERE x.customer > ?1 AND {}
                 GROUP BY x.customer ORDER BY x.customer LIMIT ?2",
                tier_condition("x", cheap)
            ),
            params![after, limit],
            |mut r| Ok((r.text(0)?, r.u64(1)?)),
        )
    }

    /// Move a cycle's carving on: to `stage`, after `frontier`.
    pub fn set_guess_frontier(&self, cycle: i64, stage: usize, frontier: &str) -> Result<()> {
        self.exec().execute(
            "UPDATE guess_cycle SET stage = ?2, frontier = ?3 WHERE id = ?1",
            params![cycle, stage as u64, frontier],
        )?;
        Ok(())
    }

    /// A new chunk of `stage`, claimed by `worker` until `until`.
    pub fn carve_chunk(
        &self,
        cycle: i64,
        stage: usize,
        after: &str,
        last: &str,
        worker: &str,
        until: &str,
    ) -> Result<GuessChunk> {
        let id = self.exec().one(
            "INSERT INTO guess_chunk (cycle, stage, after_code, last_code, state, worker, lease_until, claims)
             VALUES (?1, ?2, ?3, ?4, 'claimed', ?5, ?6, 1) RETURNING id",
            params![cycle, stage as u64, after, last, worker, until],
            |mut r| r.int(0),
        )?;
        self.set_guess_frontier(cycle, stage, last)?;
        Ok(GuessChunk {
            id,
            cycle,
            stage,
            after: after.to_string(),
            last: last.to_string(),
            within: None,
            claims: 1,
            lapsed_from: None,
        })
    }

    /// Hold chunk `c` until `until`, if `worker` still holds this claim of
    /// it (a lapsed lease another worker took over is not).
    pub fn renew_chunk(&self, c: &GuessChunk, worker: &str, until: &str) -> Result<bool> {
        Ok(self.exec().execute(
            "UPDATE guess_chunk SET lease_until = ?4
             WHERE id = ?1 AND state = 'claimed' AND worker = ?2 AND claims = ?3",
            params![c.id, worker, c.claims, until],
        )? == 1)
    }

    /// Mark chunk `c` done by `worker`'s run `run`, up to customer `last`
    /// (its own last, or where a budget stopped it), if the worker still
    /// holds this claim; when it stopped short, the rest (after `last`,
    /// inside the next customer from `within`) goes back to the pool.
    #[allow(clippy::too_many_arguments)]
    pub fn finish_chunk(
        &self,
        c: &GuessChunk,
        worker: &str,
        run: i64,
        done_to: Option<&str>,
        within: Option<&str>,
        counts: ChunkCounts,
    ) -> Result<bool> {
        let db = self.exec();
        let at = crate::clock::to_stored(self.now());
        let rest = done_to.is_none_or(|d| d != c.last) || within.is_some();
        // Nothing covered at all: the whole chunk goes back, as it was or
        // from inside its first customer.
        let last = done_to.unwrap_or(&c.after);
        let done = db.execute(
            "UPDATE guess_chunk SET state = 'done', last_code = ?4, lease_until = NULL, run = ?5,
                 credentials = ?6, guesses = ?7, hits = ?8, finished_at = ?9
             WHERE id = ?1 AND state = 'claimed' AND worker = ?2 AND claims = ?3",
            params![
                c.id,
                worker,
                c.claims,
                last,
                run,
                counts.credentials,
                counts.guesses,
                counts.hits,
                at
            ],
        )? == 1;
        if done && rest {
            db.execute(
                "INSERT INTO guess_chunk (cycle, stage, after_code, last_code, within, state)
                 VALUES (?1, ?2, ?3, ?4, ?5, 'open')",
                params![c.cycle, c.stage as u64, last, c.last, within],
            )?;
        }
        Ok(done)
    }

    /// How many of a cycle's chunks are not done (open or claimed).
    pub fn unfinished_chunks(&self, cycle: i64) -> Result<u64> {
        self.exec().one(
            "SELECT count(*) FROM guess_chunk WHERE cycle = ?1 AND state <> 'done'",
            params![cycle],
            |mut r| r.u64(0),
        )
    }

    /// Mark a cycle complete by `worker`, unless it already is: whether
    /// this call did.
    pub fn complete_guess_cycle(&self, cycle: i64, worker: &str) -> Result<bool> {
        let at = crate::clock::to_stored(self.now());
        Ok(self.exec().execute(
            "UPDATE guess_cycle SET completed_at = ?2, completed_by = ?3
             WHERE id = ?1 AND completed_at IS NULL",
            params![cycle, at, worker],
        )? == 1)
    }

    /// A run's share so far: one more chunk, and its guesses.
    pub fn add_run_chunk(&self, run: i64, guesses: u64) -> Result<()> {
        self.exec().execute(
            "UPDATE audit_run SET chunks = chunks + 1, guesses = guesses + ?2 WHERE id = ?1",
            params![run, guesses],
        )?;
        Ok(())
    }
}
