//! The weak-credential audit (`acctsec audit`, `audit history`).
//!
//! A run does two things. First every check that needs no guessing, on
//! every customer (or the one asked for), together with the guessable
//! findings earlier runs stored while they hold. Then, with `guess`, the
//! guesses built from each customer's own data ([`guess`]), until the
//! budget is used up: over everyone as one worker of the shared guessing
//! cycle ([`work`]: chunks claimed under a lease, weakest first, several
//! processes or hosts dividing the work), or over the one customer asked
//! for. The run is recorded (its summary, the guesses that hit, audit
//! entries) with its first claim and as each chunk is done.

mod guess;
#[cfg(test)]
mod tests;
pub mod work;

use std::collections::BTreeMap;
use std::ops::ControlFlow;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use serde::{Serialize, Serializer};
use serde_json::json;

use self::guess::{Scope, Subject, guess_all, still_valid};
use super::{Progress, Stage};
use crate::audit::{
    Clock, Finding, FindingKind, Severity, Source, Within, hash_tag, static_findings, still_holds,
};
use crate::error::Result;
use crate::ledger::{AccountScan, AuditRun, Entry, Ledger, Read};
use crate::policy::{Kind, Policy};

/// What a run is asked to do.
#[derive(Debug, Clone)]
pub struct Options {
    /// When the run starts (the rollout phase and the ages of initial
    /// passwords are judged at this moment).
    pub now: DateTime<Utc>,
    /// Also try guesses built from each customer's own data.
    pub guess: bool,
    /// Only this customer (no share of the cycle is claimed).
    pub customer: Option<String>,
    /// Guesses per credential (a cycle under way keeps its own).
    pub candidates: usize,
    /// This process as a worker of the guessing cycle (`audit history`).
    pub worker: String,
    /// How much of this worker's measured work a chunk holds
    /// ([`work::CHUNK`] by default).
    pub chunk: Duration,
    /// How long a claim holds without renewal ([`work::LEASE`] by default).
    pub lease: Duration,
    /// Stop guessing this long after the run started (at least one guess is
    /// always made, so that a walk ends however short the budget).
    pub budget: Option<Duration>,
    /// Count the findings at or above this severity as failing.
    pub fail_on: Option<Severity>,
    /// Keep only findings at or above this severity in the outcome (every
    /// finding is counted in the summary either way); `None`: keep all.
    pub list_min: Option<Severity>,
}

/// What a run found.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The run's number (`audit history`).
    pub run: i64,
    /// The findings kept ([`Options::list_min`]), the most severe first,
    /// then by customer and kind.
    pub findings: Vec<Finding>,
    pub summary: Summary,
}

impl Outcome {
    /// How many findings are at or above [`Options::fail_on`] (0 without it).
    pub fn failing(&self) -> u64 {
        self.summary.fail_on.as_ref().map_or(0, |f| f.failing)
    }
}

/// A run in numbers; stored with the run (as JSON, in this field order)
/// and shown by `audit --format json`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// Customers the checks that need no guessing covered.
    pub customers: u64,
    /// Findings, kept or not.
    pub findings: u64,
    #[serde(serialize_with = "by_name")]
    pub by_severity: BTreeMap<Severity, u64>,
    #[serde(serialize_with = "by_name")]
    pub by_kind: BTreeMap<FindingKind, u64>,
    /// How long the run took (to the millisecond).
    pub seconds: f64,
    #[serde(flatten)]
    pub fail_on: Option<FailOn>,
    /// With `guess` only.
    #[serde(flatten)]
    pub guessing: Option<Guessing>,
}

/// The findings at or above `--fail-on`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FailOn {
    #[serde(serialize_with = "name")]
    pub fail_on: Severity,
    pub failing: u64,
}

/// How the guessing went.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Guessing {
    /// This process as a worker (host and process id, or `[audit] worker`).
    pub worker: String,
    /// The cycle it worked on (none for one customer).
    pub cycle: Option<i64>,
    /// Credentials finished in a stage by this run (a credential counts
    /// once in each stage: the legacy one, or each band of candidates).
    pub guessed: u64,
    /// Guesses verified.
    pub guesses: u64,
    pub candidates_per_credential: usize,
    pub guesses_per_second: f64,
    /// Chunks of the cycle this run finished.
    pub chunks: u64,
    /// Chunks it took over from a worker whose lease lapsed.
    pub taken_over: u64,
    /// Chunks it lost: its lease lapsed and another worker took them (its
    /// guesses there are recorded by that worker).
    pub lost: u64,
    /// Where inside a customer its first chunk resumed.
    pub resumed_within: Option<Position>,
    /// This run completed the cycle (the next one starts over).
    pub cycle_complete: bool,
    /// The budget ran out before the cycle had nothing left to claim.
    pub budget_exceeded: bool,
    /// Where inside a customer the rest of its last chunk resumes.
    pub stopped_within: Option<Position>,
}

/// A place inside a customer's guesses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Position {
    pub customer: String,
    pub kind: Kind,
    pub candidates_done: usize,
}

impl From<&Within> for Position {
    fn from(w: &Within) -> Position {
        Position {
            customer: w.customer.clone(),
            kind: w.kind,
            candidates_done: w.done,
        }
    }
}

/// The name of a severity or a finding kind (what the summary stores).
trait Named {
    fn name(&self) -> &'static str;
}

impl Named for Severity {
    fn name(&self) -> &'static str {
        self.as_str()
    }
}

impl Named for FindingKind {
    fn name(&self) -> &'static str {
        self.as_str()
    }
}

fn name<S: Serializer>(v: &impl Named, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(v.name())
}

/// A count per severity or kind, keyed and ordered by name.
fn by_name<K: Named, S: Serializer>(
    m: &BTreeMap<K, u64>,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    let named: BTreeMap<&str, u64> = m.iter().map(|(k, n)| (k.name(), *n)).collect();
    named.serialize(s)
}

/// The findings of a run: all of them counted, those to be kept kept.
struct Tally {
    list_min: Option<Severity>,
    fail_on: Option<Severity>,
    kept: Vec<Finding>,
    total: u64,
    failing: u64,
    by_severity: BTreeMap<Severity, u64>,
    by_kind: BTreeMap<FindingKind, u64>,
}

impl Tally {
    fn new(o: &Options) -> Tally {
        Tally {
            list_min: o.list_min,
            fail_on: o.fail_on,
            kept: Vec::new(),
            total: 0,
            failing: 0,
            by_severity: BTreeMap::new(),
            by_kind: BTreeMap::new(),
        }
    }

    fn add(&mut self, f: Finding) {
        self.total += 1;
        *self.by_severity.entry(f.severity).or_default() += 1;
        *self.by_kind.entry(f.kind).or_default() += 1;
        if self.fail_on.is_some_and(|min| f.severity >= min) {
            self.failing += 1;
        }
        if self.list_min.is_none_or(|min| f.severity >= min) {
            self.kept.push(f);
        }
    }
}

/// A guess that matched, to be stored.
#[derive(Debug, Clone)]
struct Hit {
    customer: String,
    kind: Kind,
    source: Source,
    hash_tag: String,
    /// When it was found (the page of customers it was in came back), not
    /// when the run ended.
    found: chrono::DateTime<chrono::Utc>,
}

/// What the checks that need no guessing saw.
struct Scan {
    customers: u64,
    /// Stored guessable findings whose hash has changed since.
    stale: Vec<(String, Kind, String)>,
}

/// What a guessing walk covers: the customers after `after` (up to `upto`),
/// or the one customer `only`; the candidates and credentials of `scope`;
/// from `resume` inside the first customer if that position still holds;
/// `page` customers read at a time.
struct WalkSpec {
    only: Option<String>,
    after: String,
    upto: Option<String>,
    scope: Scope,
    resume: Option<Within>,
    page: u64,
}

/// What a guessing walk did.
#[derive(Default)]
struct Walk {
    hits: Vec<Hit>,
    /// Customers whose guesses were all made.
    guessed: u64,
    /// Credentials whose guesses were all made.
    credentials: u64,
    last_covered: Option<String>,
    /// Where inside a customer it stopped.
    stopped_within: Option<Within>,
    /// Where inside the first customer it resumed.
    resumed: Option<Within>,
    /// It reached the end of its customers.
    complete: bool,
}

/// What the guessing did, as the summary and the record need it.
#[derive(Default)]
struct Guessed {
    worked: work::Worked,
}

/// Audit every customer (or the one asked for): the checks that need no
/// guessing, the guessable findings earlier runs stored while they hold,
/// and with `guess` the guesses until the budget is used up: this process's
/// share of the guessing cycle, or the one customer's. The run is recorded
/// with the guesses that hit.
pub fn run(ledger: &mut Ledger, o: &Options, progress: &dyn Progress) -> Result<Outcome> {
    let t0 = Instant::now();
    let policy = ledger.policy()?;
    // Deadlines and the rollout's phase are judged by the ledger's clock
    // (the server's on PostgreSQL), as they were set: a host whose clock is
    // behind must not grade an expired initial password as merely unchanged.
    let clock = Clock {
        now: ledger.now()?,
        schedule: ledger.rollout_schedule()?,
    };
    if let Some(code) = &o.customer {
        ledger.require_customer(code)?;
    }
    let mut tally = Tally::new(o);
    let scan = scan(ledger, o, &policy, &clock, &mut tally)?;
    let g = if o.guess {
        let deadline = o.budget.and_then(|b| t0.checked_add(b));
        progress.begin(Stage::Auditing, None);
        let g = guess(ledger, o, &policy, deadline, progress);
        progress.finish();
        g?
    } else {
        Guessed::default()
    };
    for h in &g.worked.hits {
        tally.add(Finding::guessable(&h.customer, h.kind, h.source, None));
    }
    let mut findings = std::mem::take(&mut tally.kept);
    findings.sort_by(|x, y| {
        y.severity
            .cmp(&x.severity)
            .then(x.customer.cmp(&y.customer))
            .then(x.kind.cmp(&y.kind))
    });
    // How long the run took, by the clock its started_at and finished_at
    // come from (the budget above is kept by the monotonic clock).
    let finished = crate::clock::now();
    let summary = summarize(o, &tally, &scan, &g, finished);
    let run = record(ledger, o, &summary, &scan, &g, finished)?;
    Ok(Outcome {
        run,
        findings,
        summary,
    })
}

/// The guessing: the one customer's, or this worker's share of the cycle.
fn guess(
    ledger: &mut Ledger,
    o: &Options,
    policy: &Policy,
    deadline: Option<Instant>,
    progress: &dyn Progress,
) -> Result<Guessed> {
    let Some(code) = &o.customer else {
        return Ok(Guessed {
            worked: work::work(ledger, o, policy, deadline, progress)?,
        });
    };
    let guesses = AtomicU64::new(0);
    let spec = WalkSpec {
        only: Some(code.clone()),
        after: String::new(),
        upto: None,
        scope: Scope {
            band: 0..o.candidates,
            cheap: None,
        },
        resume: None,
        page: 1,
    };
    let w = walk(
        ledger,
        policy,
        &spec,
        deadline,
        &guesses,
        progress,
        &mut |_| Ok(true),
    )?;
    Ok(Guessed {
        worked: work::Worked {
            guesses: guesses.load(Ordering::Relaxed),
            credentials: w.credentials,
            budget_exceeded: !w.complete,
            hits: w.hits,
            ..Default::default()
        },
    })
}

/// 1. Every check that needs no guessing, one account at a time; and the
///    guessable findings earlier runs stored, while they hold.
fn scan(
    ledger: &Ledger,
    o: &Options,
    policy: &Policy,
    clock: &Clock,
    tally: &mut Tally,
) -> Result<Scan> {
    let mut s = Scan {
        customers: 0,
        stale: Vec::new(),
    };
    ledger.audit_accounts(
        &AccountScan {
            only: o.customer.as_deref(),
            ..Default::default()
        },
        &mut |acct| {
            s.customers += 1;
            for f in static_findings(
                &acct.customer,
                &acct.state,
                acct.execution.as_ref(),
                acct.login.as_ref(),
                policy,
                clock,
            ) {
                tally.add(f);
            }
            for g in &acct.stored {
                if still_holds(acct.credential(g.kind), &g.hash_tag) {
                    tally.add(Finding::guessable(
                        &acct.customer.code,
                        g.kind,
                        g.source,
                        Some(g.found_at.clone()),
                    ));
                } else {
                    let code = acct.customer.code.clone();
                    s.stale.push((code, g.kind, g.hash_tag.clone()));
                }
            }
            Ok(ControlFlow::Continue(()))
        },
    )?;
    Ok(s)
}

/// 2. The guesses of a walk ([`WalkSpec`]), a page of customers at a time,
///    until `deadline`. Each page is read afresh: a customer another
///    worker found guessable since (a standing finding), or whose password
///    changed, is guessed no further. Between pages `between` is asked
///    whether to go on (a worker renews its lease there; `false`: the
///    lease was lost, and the walk stops).
#[allow(clippy::too_many_arguments)]
fn walk(
    ledger: &mut Ledger,
    policy: &Policy,
    spec: &WalkSpec,
    deadline: Option<Instant>,
    guesses: &AtomicU64,
    progress: &dyn Progress,
    between: &mut dyn FnMut(&mut Ledger) -> Result<bool>,
) -> Result<Walk> {
    let mut w = Walk::default();
    let mut after = spec.after.clone();
    let mut first = true;
    loop {
        if !first && !between(ledger)? {
            break;
        }
        let mut page = Vec::new();
        ledger.audit_accounts(
            &AccountScan {
                only: spec.only.as_deref(),
                after: Some(&after),
                upto: spec.upto.as_deref(),
                cheap: spec.scope.cheap,
                limit: Some(spec.page),
            },
            &mut |acct| {
                page.push(Subject::from_account(acct));
                Ok(ControlFlow::Continue(()))
            },
        )?;
        if page.is_empty() {
            w.complete = true;
            break;
        }
        // Between pages, the budget is checked as between candidates.
        let made = guesses.load(Ordering::Relaxed) > 0;
        if made && deadline.is_some_and(|d| Instant::now() >= d) {
            break;
        }
        // Inside the first customer, if the chunk was left there and its
        // guesses so far are still the ones this walk would make.
        if first {
            w.resumed = spec
                .resume
                .clone()
                .filter(|s| still_valid(s, &page, policy, spec.scope.band.end));
        }
        let start = w
            .resumed
            .as_ref()
            .filter(|_| first)
            .map(|s| (s.kind, s.done));
        first = false;
        let walked = guess_all(
            policy,
            &page,
            &spec.scope,
            start,
            deadline,
            made,
            guesses,
            progress,
        )?;
        let now = crate::clock::now();
        for (s, found) in page.iter().zip(&walked.hits) {
            for &(kind, source) in found {
                let stored = s.credential(kind).map_or("", |c| c.hash.as_str());
                w.hits.push(Hit {
                    customer: s.customer.code.clone(),
                    kind,
                    source,
                    hash_tag: hash_tag(stored),
                    found: now,
                });
            }
        }
        w.guessed += walked.covered as u64;
        w.credentials += walked.credentials;
        if walked.covered > 0 {
            w.last_covered = Some(page[walked.covered - 1].customer.code.clone());
        }
        if walked.covered < page.len() {
            w.stopped_within = walked.within;
            break;
        }
        if spec.only.is_some() {
            w.complete = true;
            break;
        }
        after = w.last_covered.clone().unwrap_or_default();
    }
    Ok(w)
}

fn summarize(
    o: &Options,
    tally: &Tally,
    scan: &Scan,
    g: &Guessed,
    finished: DateTime<Utc>,
) -> Summary {
    let elapsed = (finished - o.now).to_std().map_or(0.0, |d| d.as_secs_f64());
    let w = &g.worked;
    let guessing = o.guess.then(|| Guessing {
        worker: o.worker.clone(),
        cycle: w.cycle.as_ref().map(|c| c.id),
        guessed: w.credentials,
        guesses: w.guesses,
        candidates_per_credential: w.cycle.as_ref().map_or(o.candidates, |c| c.candidates),
        guesses_per_second: if elapsed > 0.0 {
            (w.guesses as f64 / elapsed).round()
        } else {
            0.0
        },
        chunks: w.chunks,
        taken_over: w.taken_over,
        lost: w.lost,
        resumed_within: w.resumed.as_ref().map(Position::from),
        cycle_complete: w.cycle_complete,
        budget_exceeded: w.budget_exceeded,
        stopped_within: w.stopped_within.as_ref().map(Position::from),
    });
    Summary {
        customers: scan.customers,
        findings: tally.total,
        by_severity: tally.by_severity.clone(),
        by_kind: tally.by_kind.clone(),
        seconds: (elapsed * 1000.0).round() / 1000.0,
        fail_on: o.fail_on.map(|min| FailOn {
            fail_on: min,
            failing: tally.failing,
        }),
        guessing,
    }
}

/// 3. The run recorded: its summary (on the row its first claim made, if
///    it claimed), the stored guessable findings following the hashes (the
///    one customer's hits; a worker's were stored with their chunks), an
///    audit entry.
fn record(
    ledger: &mut Ledger,
    o: &Options,
    summary: &Summary,
    scan: &Scan,
    g: &Guessed,
    finished: DateTime<Utc>,
) -> Result<i64> {
    let w = &g.worked;
    let row = AuditRun {
        id: w.run.unwrap_or(0),
        started_at: crate::clock::to_stored(o.now),
        finished_at: crate::clock::to_stored(finished),
        guess: o.guess,
        customers: scan.customers,
        guesses: w.guesses,
        cycle_complete: w.cycle_complete,
        budget_exceeded: w.budget_exceeded,
        summary: json!(summary).to_string(),
        worker: o.guess.then(|| o.worker.clone()),
        cycle: w.cycle.as_ref().map(|c| c.id),
        chunks: w.chunks,
    };
    let summary = json!(summary);
    ledger.write(|tx| {
        let id = match w.run {
            Some(id) => {
                tx.update_audit_run(&row)?;
                id
            }
            None => tx.record_audit_run(&row)?,
        };
        for (code, kind, tag) in &scan.stale {
            tx.clear_guessable(code, *kind, tag)?;
        }
        if w.run.is_none() {
            for h in &w.hits {
                tx.store_guessable(&h.customer, h.kind, &h.hash_tag, h.source, id, h.found)?;
            }
        }
        tx.audit(Entry {
            action: "audit.run",
            customer: o.customer.as_deref(),
            reason: None,
            details: json!({ "run": id, "summary": summary }),
        })?;
        Ok(id)
    })
}

/// An earlier run, as `audit history` lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct PastRun {
    pub id: i64,
    /// Stored time (UTC).
    pub started_at: String,
    pub guess: bool,
    pub customers: u64,
    pub guesses: u64,
    pub cycle_complete: bool,
    pub budget_exceeded: bool,
    /// From the stored summary (absent when it does not say).
    pub seconds: Option<f64>,
    pub findings: Option<u64>,
    pub by_severity: Option<BTreeMap<String, u64>>,
    /// The worker, for a guessing run.
    pub worker: Option<String>,
    /// The guessing cycle it worked on.
    pub cycle: Option<i64>,
    /// Chunks of that cycle it finished.
    pub chunks: u64,
    /// Its share of the guesses recorded for that cycle, in percent (to a
    /// tenth), among the runs listed.
    pub share: Option<f64>,
}

/// The earlier runs, oldest first (the newest `limit` only, if given),
/// each guessing run with its worker's share of its cycle.
pub fn history(ledger: &Ledger, limit: Option<u64>) -> Result<Vec<PastRun>> {
    let runs = ledger.audit_runs(limit)?;
    let mut per_cycle: BTreeMap<i64, u64> = BTreeMap::new();
    for r in &runs {
        if let Some(c) = r.cycle {
            *per_cycle.entry(c).or_default() += r.guesses;
        }
    }
    Ok(runs
        .into_iter()
        .map(|r| {
            let share = r.cycle.and_then(|c| per_cycle.get(&c)).map(|&total| {
                if total == 0 {
                    0.0
                } else {
                    (r.guesses as f64 * 1000.0 / total as f64).round() / 10.0
                }
            });
            let s: serde_json::Value =
                serde_json::from_str(&r.summary).unwrap_or(serde_json::Value::Null);
            PastRun {
                id: r.id,
                started_at: r.started_at,
                guess: r.guess,
                customers: r.customers,
                guesses: r.guesses,
                cycle_complete: r.cycle_complete,
                budget_exceeded: r.budget_exceeded,
                seconds: s["seconds"].as_f64(),
                findings: s["findings"].as_u64(),
                by_severity: serde_json::from_value(s["by_severity"].clone()).ok(),
                worker: r.worker,
                cycle: r.cycle,
                chunks: r.chunks,
                share,
            }
        })
        .collect())
}
