//! The guessing audit shared between workers: any number of `audit --guess`
//! processes, on one host or many, on one ledger, with no coordinator.
//!
//! A **cycle** tries every (credential, candidate) once. It is cut into
//! **stages**, weakest first: the credentials in cheap legacy formats
//! (`audit::CHEAP_FORMATS`, thousands of guesses a second) with all their
//! candidates, then the others a band of candidate ranks at a time (the
//! likeliest 8 of every customer, then the next 24, then the next 96...), so
//! that a budget is spent where it finds the most. Each stage is carved, as
//! workers claim, into **chunks**: the customers after one code up to
//! another, sized from the claiming worker's measured rate to about a
//! minute of its work ([`CHUNK`], `[audit] chunk`; the first chunk of each
//! tier a fifth of that, until a chunk has measured the stored hashes).
//!
//! A claim is one short write transaction: the first chunk of the pool
//! (left open by a budget, or whose lease lapsed), else a new one carved at
//! the cycle's frontier; on PostgreSQL the pool is read `FOR UPDATE SKIP
//! LOCKED`, and the lease is kept by the server's clock. The worker then
//! hashes with no transaction open, renews its lease between pages of
//! customers, and records the chunk (its hits, its counts, its audit entry)
//! in one transaction, only while its claim is still the chunk's current
//! one: a worker whose lease lapsed and was taken over records nothing, so
//! a finding is counted once. The rest of a chunk its budget cut short goes
//! back to the pool, resuming inside the customer it stopped in. Whoever
//! records the last chunk of a cycle completes it, once.

use std::ops::Range;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use serde_json::json;

use super::guess::Scope;
use super::{Hit, Options, Walk, WalkSpec, walk};
use crate::audit::Within;
use crate::error::Result;
use crate::ledger::{AuditRun, ChunkCounts, Entry, GuessChunk, GuessCycle, Ledger, Read, Tx};
use crate::ops::Progress;
use crate::password;
use crate::policy::Policy;
use crate::secret::Hasher;

/// How much of a worker's measured work a chunk holds, by default.
pub const CHUNK: Duration = Duration::from_secs(60);
/// How long a claim holds without renewal, by default (`[audit] lease`).
/// A worker renews its lease between pages once a third of it has passed
/// since it last took or renewed it: two renewals may be late before it
/// lapses.
pub const LEASE: Duration = Duration::from_secs(90);
/// At most this many customers in one chunk (a claim reads no more rows
/// than this, whatever the worker's rate).
pub const MAX_CHUNK_CUSTOMERS: u64 = 4096;
/// The page of customers a worker reads at a time, at most.
const PAGE: u64 = 256;
/// The bands of candidate ranks of the slow stages: 0..8, 8..32, 32..128, ...
const FIRST_BAND: usize = 8;
const BAND_GROWTH: usize = 4;

/// One stage of a cycle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stage {
    /// The cheap legacy formats (or the others).
    pub cheap: bool,
    /// The candidate ranks tried.
    pub band: Range<usize>,
}

impl Stage {
    fn tier(&self) -> &'static str {
        if self.cheap { "legacy" } else { "slow" }
    }
}

/// The stages of a cycle with `candidates` per credential, in order.
pub fn stages(candidates: usize) -> Vec<Stage> {
    let mut out = vec![Stage {
        cheap: true,
        band: 0..candidates,
    }];
    let (mut from, mut to) = (0, FIRST_BAND);
    while from < candidates {
        let end = to.min(candidates);
        out.push(Stage {
            cheap: false,
            band: from..end,
        });
        from = end;
        to *= BAND_GROWTH;
    }
    out
}

/// This worker's verifications per second (all its hashing threads), on
/// each tier: measured before the first claim, then from each chunk.
#[derive(Debug, Clone, Copy, Default)]
struct Rates {
    cheap: f64,
    slow: f64,
    /// Learnt from a chunk of the tier (not only the probe, which hashes at
    /// the policy's parameters while the stored hashes may be other ones).
    cheap_seen: bool,
    slow_seen: bool,
}

/// Until a tier's rate is learnt from a chunk, its chunks are cut to this
/// fraction of their length: a first, short chunk measures the real hashes.
const FIRST_CHUNK: f64 = 0.2;

impl Rates {
    /// A short measurement: two verifications per thread at the policy's
    /// Argon2 parameters, and a few thousand unsalted digests.
    fn measure(policy: &Policy) -> Result<Rates> {
        let params = password::argon2_params(policy);
        let probe = Hasher::new(params)?.hash(b"acctsec rate probe")?;
        let n = password::threads() * 2;
        let pairs: Vec<(&str, &str)> = (0..n).map(|_| (probe.as_str(), "not it")).collect();
        let t = Instant::now();
        password::verify_all(params, &pairs)?;
        let slow = n as f64 / t.elapsed().as_secs_f64().max(1e-6);
        let md5 = "5f4dcc3b5aa765d61d8327deb882cf99";
        let pairs: Vec<(&str, &str)> = (0..4000).map(|_| (md5, "not it")).collect();
        let t = Instant::now();
        password::verify_all(params, &pairs)?;
        let cheap = 4000.0 / t.elapsed().as_secs_f64().max(1e-6);
        Ok(Rates {
            cheap,
            slow,
            ..Rates::default()
        })
    }

    /// The work (verifications) a chunk of `secs` holds.
    fn target(&self, s: &Stage, secs: f64) -> f64 {
        let seen = if s.cheap {
            self.cheap_seen
        } else {
            self.slow_seen
        };
        let part = if seen { 1.0 } else { FIRST_CHUNK };
        (self.of(s) * secs * part).max(1.0)
    }

    fn of(&self, s: &Stage) -> f64 {
        if s.cheap { self.cheap } else { self.slow }
    }

    /// After a chunk: its own rate, when it made enough guesses to say.
    fn learn(&mut self, s: &Stage, guesses: u64, took: Duration) {
        if guesses >= 16 && took > Duration::from_millis(50) {
            let r = guesses as f64 / took.as_secs_f64();
            if s.cheap {
                (self.cheap, self.cheap_seen) = (r, true);
            } else {
                (self.slow, self.slow_seen) = (r, true);
            }
        }
    }
}

/// What this worker did.
#[derive(Default)]
pub(super) struct Worked {
    pub(super) run: Option<i64>,
    pub(super) cycle: Option<GuessCycle>,
    /// Guesses made (on chunks recorded or not).
    pub(super) guesses: u64,
    /// The hits of the chunks it recorded.
    pub(super) hits: Vec<Hit>,
    /// Credentials finished in the chunks it recorded.
    pub(super) credentials: u64,
    pub(super) chunks: u64,
    /// Chunks it took over from a lapsed lease.
    pub(super) taken_over: u64,
    /// Chunks it lost (its lease lapsed and another worker took them).
    pub(super) lost: u64,
    pub(super) resumed: Option<Within>,
    pub(super) stopped_within: Option<Within>,
    /// It completed the cycle.
    pub(super) cycle_complete: bool,
    pub(super) budget_exceeded: bool,
}

/// What a claim found.
enum Claimed {
    Chunk(GuessChunk),
    /// Nothing left to claim in this worker's cycle.
    Nothing,
}

/// Claim and work chunks until the budget is used up or the cycle has
/// nothing left to claim.
pub(super) fn work(
    ledger: &mut Ledger,
    o: &Options,
    policy: &Policy,
    deadline: Option<Instant>,
    progress: &dyn Progress,
) -> Result<Worked> {
    let mut rates = Rates::measure(policy)?;
    let guesses = AtomicU64::new(0);
    let mut w = Worked::default();
    loop {
        let made = guesses.load(Ordering::Relaxed) > 0;
        if made && deadline.is_some_and(|d| Instant::now() >= d) {
            w.budget_exceeded = true;
            break;
        }
        let chunk = match claim(ledger, o, &rates, &mut w)? {
            Claimed::Chunk(c) => c,
            Claimed::Nothing => break,
        };
        let cycle = w.cycle.clone().expect("a claim joins a cycle");
        let all = stages(cycle.candidates);
        let stage = all[chunk.stage].clone();
        let renew_every = o.lease / 3;
        let page = page_size(&rates, &stage, renew_every);
        let t = Instant::now();
        let before = guesses.load(Ordering::Relaxed);
        let mut renewed = Instant::now();
        let mut lost = false;
        let spec = WalkSpec {
            only: None,
            after: chunk.after.clone(),
            upto: Some(chunk.last.clone()),
            scope: Scope {
                band: stage.band.clone(),
                cheap: Some(stage.cheap),
            },
            resume: chunk
                .within
                .as_deref()
                .and_then(|s| serde_json::from_str(s).ok()),
            page,
        };
        let walked = walk(
            ledger,
            policy,
            &spec,
            deadline,
            &guesses,
            progress,
            &mut |ledger: &mut Ledger| {
                if renewed.elapsed() < renew_every {
                    return Ok(true);
                }
                renewed = Instant::now();
                let kept = renew(ledger, o, w.run, &chunk)?;
                lost = !kept;
                Ok(kept)
            },
        )?;
        let made_here = guesses.load(Ordering::Relaxed) - before;
        rates.learn(&stage, made_here, t.elapsed());
        if w.chunks == 0 && w.lost == 0 && w.resumed.is_none() {
            w.resumed = walked.resumed.clone();
        }
        if lost || !finish(ledger, o, &mut w, &chunk, &stage, &walked, made_here)? {
            w.lost += 1;
            continue;
        }
        if !walked.complete {
            w.stopped_within = walked.stopped_within.clone();
            w.budget_exceeded = true;
            break;
        }
    }
    w.guesses = guesses.load(Ordering::Relaxed);
    Ok(w)
}

/// Customers per page: about a third of the renewal interval's work, so
/// that renewals come on time.
fn page_size(rates: &Rates, stage: &Stage, renew_every: Duration) -> u64 {
    let per_customer = 2.0 * stage.band.len().max(1) as f64;
    let n = rates.of(stage) * renew_every.as_secs_f64() / 3.0 / per_customer;
    (n as u64).clamp(1, PAGE)
}

/// One claim, in one transaction: the run is recorded with its first
/// claim (so that its chunks can name it), the cycle joined (or opened),
/// then the first chunk of the pool, else a new one carved at the frontier.
/// A claim that finds the cycle carved out and every chunk done completes
/// it.
fn claim(ledger: &mut Ledger, o: &Options, rates: &Rates, w: &mut Worked) -> Result<Claimed> {
    let joined = w.cycle.as_ref().map(|c| c.id);
    let chunk_secs = o.chunk.as_secs_f64().max(0.001);
    let run = w.run;
    let (claimed, run, cycle, completed) = ledger.write(|tx| {
        let (cycle, opened) = match joined {
            // A worker stays in the cycle it joined; once that is complete,
            // it has nothing left to claim.
            Some(id) => match tx.guess_cycle(id)? {
                Some(c) if c.completed_at.is_none() => (c, false),
                _ => return Ok((None, run, None, false)),
            },
            None => tx.open_guess_cycle(o.candidates)?,
        };
        let run = match run {
            Some(r) => r,
            None => tx.record_audit_run(&AuditRun {
                id: 0,
                started_at: crate::clock::to_stored(o.now),
                finished_at: crate::clock::to_stored(o.now),
                guess: true,
                customers: 0,
                guesses: 0,
                cycle_complete: false,
                budget_exceeded: false,
                summary: "{}".into(),
                worker: Some(o.worker.clone()),
                cycle: Some(cycle.id),
                chunks: 0,
            })?,
        };
        let (now, until) = tx.lease_until(o.lease.as_secs().max(1));
        let all = stages(cycle.candidates);
        let mut chunk = tx.claim_pooled_chunk(cycle.id, &o.worker, &now, &until)?;
        let mut moved = false;
        if chunk.is_none() {
            (chunk, moved) = carve(tx, &cycle, &all, rates, chunk_secs, &o.worker, &until)?;
        }
        let mut completed = false;
        if chunk.is_none() {
            let now_cycle = tx.guess_cycle(cycle.id)?.unwrap_or_else(|| cycle.clone());
            if now_cycle.stage >= all.len() && tx.unfinished_chunks(cycle.id)? == 0 {
                completed = tx.complete_guess_cycle(cycle.id, &o.worker)?;
            }
        }
        if chunk.is_some() || completed || opened || moved || w.run.is_none() {
            let c = chunk.as_ref();
            let s = c.map(|c| &all[c.stage]);
            tx.audit(Entry {
                action: if chunk.is_some() {
                    "audit.claim"
                } else {
                    "audit.cycle"
                },
                customer: None,
                reason: None,
                details: json!({
                    "run": run,
                    "worker": o.worker,
                    "cycle": cycle.id,
                    "cycle_opened": opened,
                    "chunk": c.map(|c| c.id),
                    "tier": s.map(Stage::tier),
                    "candidates": s.map(|s| [s.band.start, s.band.end]),
                    "after": c.map(|c| &c.after),
                    "last": c.map(|c| &c.last),
                    "lease_until": c.map(|_| &until),
                    "lapsed_from": c.and_then(|c| c.lapsed_from.as_ref()),
                    "cycle_complete": completed,
                }),
            })?;
        }
        Ok((chunk, Some(run), Some(cycle), completed))
    })?;
    w.run = run;
    if w.cycle.is_none() {
        w.cycle = cycle;
    }
    w.cycle_complete |= completed;
    Ok(match claimed {
        Some(c) => {
            if c.lapsed_from.is_some() {
                w.taken_over += 1;
            }
            Claimed::Chunk(c)
        }
        None => Claimed::Nothing,
    })
}

/// A new chunk at the cycle's frontier: the next customers of the stage
/// until about `chunk_secs` of this worker's work; past a stage's last
/// customer, the next stage. `None` once everything is carved; and whether
/// the frontier moved.
fn carve(
    tx: &Tx,
    cycle: &GuessCycle,
    all: &[Stage],
    rates: &Rates,
    chunk_secs: f64,
    worker: &str,
    until: &str,
) -> Result<(Option<GuessChunk>, bool)> {
    let (mut stage, mut after) = (cycle.stage, cycle.frontier.clone());
    while let Some(s) = all.get(stage) {
        let width = s.band.len().max(1) as f64;
        let target = rates.target(s, chunk_secs);
        let limit = ((target / width).ceil() as u64).clamp(1, MAX_CHUNK_CUSTOMERS);
        let next = tx.customers_to_carve(s.cheap, &after, limit)?;
        let mut work = 0.0;
        let mut last = None;
        for (code, credentials) in &next {
            work += *credentials as f64 * width;
            last = Some(code);
            if work >= target {
                break;
            }
        }
        if let Some(last) = last {
            let c = tx.carve_chunk(cycle.id, stage, &after, last, worker, until)?;
            return Ok((Some(c), true));
        }
        stage += 1;
        after.clear();
    }
    let moved = stage != cycle.stage;
    if moved {
        tx.set_guess_frontier(cycle.id, stage, "")?;
    }
    Ok((None, moved))
}

/// Renew the lease on `chunk`, audited; `false` when another worker holds
/// it now (this one's lease lapsed and was taken over).
fn renew(ledger: &mut Ledger, o: &Options, run: Option<i64>, chunk: &GuessChunk) -> Result<bool> {
    ledger.write(|tx| {
        let (_, until) = tx.lease_until(o.lease.as_secs().max(1));
        let kept = tx.renew_chunk(chunk, &o.worker, &until)?;
        if kept {
            tx.audit(Entry {
                action: "audit.renew",
                customer: None,
                reason: None,
                details: json!({
                    "run": run, "worker": o.worker, "cycle": chunk.cycle,
                    "chunk": chunk.id, "lease_until": until,
                }),
            })?;
        }
        Ok(kept)
    })
}

/// Record a worked chunk, in one transaction, if this worker's claim is
/// still the chunk's current one: its hits, its counts (on the chunk and
/// on the run), the rest of it back to the pool when the budget cut it
/// short, the cycle completed when this was its last chunk; one audit
/// entry. `false` when the claim was lost (nothing recorded).
fn finish(
    ledger: &mut Ledger,
    o: &Options,
    w: &mut Worked,
    chunk: &GuessChunk,
    stage: &Stage,
    walked: &Walk,
    guesses: u64,
) -> Result<bool> {
    let run = w.run.expect("a claim records the run");
    let done_to = if walked.complete {
        Some(chunk.last.clone())
    } else {
        walked.last_covered.clone()
    };
    let within = walked.stopped_within.as_ref().map(|x| json!(x).to_string());
    let counts = ChunkCounts {
        credentials: walked.credentials,
        guesses,
        hits: walked.hits.len() as u64,
    };
    let n_stages = stages(w.cycle.as_ref().map_or(0, |c| c.candidates)).len();
    let (kept, completed) = ledger.write(|tx| {
        if !tx.finish_chunk(
            chunk,
            &o.worker,
            run,
            done_to.as_deref(),
            within.as_deref(),
            counts,
        )? {
            return Ok((false, false));
        }
        for h in &walked.hits {
            tx.store_guessable(&h.customer, h.kind, &h.hash_tag, h.source, run, h.found)?;
        }
        tx.add_run_chunk(run, guesses)?;
        let cycle = tx.guess_cycle(chunk.cycle)?;
        let carved = cycle.as_ref().is_some_and(|c| c.stage >= n_stages);
        let completed = carved
            && tx.unfinished_chunks(chunk.cycle)? == 0
            && tx.complete_guess_cycle(chunk.cycle, &o.worker)?;
        tx.audit(Entry {
            action: "audit.chunk",
            customer: None,
            reason: None,
            details: json!({
                "run": run,
                "worker": o.worker,
                "cycle": chunk.cycle,
                "chunk": chunk.id,
                "tier": stage.tier(),
                "candidates": [stage.band.start, stage.band.end],
                "after": chunk.after,
                "last": done_to.as_deref().unwrap_or(&chunk.after),
                "resumed_within": chunk.within.is_some(),
                "rest_returned": !walked.complete,
                "credentials": counts.credentials,
                "guesses": counts.guesses,
                "hits": counts.hits,
                "lapsed_from": chunk.lapsed_from,
                "cycle_complete": completed,
            }),
        })?;
        Ok((true, completed))
    })?;
    if kept {
        w.chunks += 1;
        w.credentials += walked.credentials;
        w.hits.extend(walked.hits.iter().cloned());
        w.cycle_complete |= completed;
    }
    Ok(kept)
}

/// This process's name as a worker: the configured one, else the host
/// name and the process id.
pub fn default_worker() -> String {
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "localhost".into());
    format!("{host}:{}", std::process::id())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_legacy_stage_then_bands_of_likelier_candidates() {
        let s = |cheap, band| Stage { cheap, band };
        assert_eq!(
            stages(100),
            [
                s(true, 0..100),
                s(false, 0..8),
                s(false, 8..32),
                s(false, 32..100)
            ]
        );
        assert_eq!(stages(8), [s(true, 0..8), s(false, 0..8)]);
        assert_eq!(stages(1), [s(true, 0..1), s(false, 0..1)]);
        assert_eq!(stages(1000).last(), Some(&s(false, 512..1000)));
    }

    #[test]
    fn pages_are_cut_so_that_renewals_come_on_time() {
        let rates = Rates {
            cheap: 1e6,
            slow: 40.0,
            ..Rates::default()
        };
        let slow = &stages(100)[1];
        // 40/s, 10 s of a 30 s renewal interval, 16 guesses a customer.
        assert_eq!(page_size(&rates, slow, Duration::from_secs(30)), 25);
        assert_eq!(
            page_size(&rates, &stages(100)[0], Duration::from_secs(30)),
            PAGE
        );
        let crawl = Rates {
            cheap: 1.0,
            slow: 0.1,
            ..Rates::default()
        };
        assert_eq!(page_size(&crawl, slow, Duration::from_secs(30)), 1);
    }

    #[test]
    fn a_tiers_first_chunk_is_short_until_its_rate_is_learnt() {
        let mut r = Rates {
            cheap: 1000.0,
            slow: 40.0,
            ..Rates::default()
        };
        let slow = &stages(100)[1];
        assert_eq!(r.target(slow, 60.0), 40.0 * 60.0 * FIRST_CHUNK);
        // Too few guesses to say: still the probe's rate.
        r.learn(slow, 3, Duration::from_secs(1));
        assert_eq!(r.target(slow, 60.0), 40.0 * 60.0 * FIRST_CHUNK);
        // The stored hashes are slower than the policy's: 10 a second.
        r.learn(slow, 100, Duration::from_secs(10));
        assert_eq!(r.target(slow, 60.0), 600.0);
        assert_eq!(r.target(&stages(100)[0], 60.0), 1000.0 * 60.0 * FIRST_CHUNK);
    }
}
