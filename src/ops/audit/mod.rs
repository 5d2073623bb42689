//! The weak-credential audit (`acctsec audit`, `audit history`).
//!
//! A run does two things. First every check that needs no guessing, on
//! every customer (or the one asked for), together with the guessable
//! findings earlier runs stored while they hold. Then, with `guess`, the
//! guesses built from each customer's own data ([`guess`]), a page of
//! customers at a time, until the budget is used up; a run over everyone
//! resumes where the last one stopped, even inside a customer. The run is
//! recorded (its summary, the position, the guesses that hit, an audit
//! entry) in one transaction.

mod guess;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;
use std::ops::ControlFlow;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use serde::{Serialize, Serializer};
use serde_json::json;

use self::guess::{Subject, guess_all, still_valid};
use super::{Progress, Stage};
use crate::audit::{
    Clock, Finding, FindingKind, Severity, Source, Within, hash_tag, static_findings, still_holds,
};
use crate::error::Result;
use crate::ledger::{AccountScan, AuditRun, Entry, Ledger, Read};
use crate::policy::{Kind, Policy};

/// Where the resumable guessing walk stands (the last customer covered).
const CURSOR: &str = "audit.guess_cursor";
/// Where it stands inside the next customer ([`Within`] as JSON; empty
/// when it stopped between customers).
const WITHIN: &str = "audit.guess_within";

/// How many customers the guessing walk reads from the ledger at a time.
const PAGE: u64 = 256;

/// What a run is asked to do.
#[derive(Debug, Clone)]
pub struct Options {
    /// When the run starts (the rollout phase and the ages of initial
    /// passwords are judged at this moment).
    pub now: DateTime<Utc>,
    /// Also try guesses built from each customer's own data.
    pub guess: bool,
    /// Only this customer (the walk is then not resumable).
    pub customer: Option<String>,
    /// Guesses per credential.
    pub candidates: usize,
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
    /// Customers whose guesses were all made in this run.
    pub guessed: u64,
    /// Guesses verified.
    pub guesses: u64,
    pub candidates_per_credential: usize,
    pub guesses_per_second: f64,
    /// The last customer the previous run covered, when this one resumed.
    pub resumed_after: Option<String>,
    /// Where inside a customer this run resumed.
    pub resumed_within: Option<Position>,
    /// A resumable run covered everyone: the next one starts over.
    pub cycle_complete: bool,
    /// The budget ran out before the walk ended.
    pub budget_exceeded: bool,
    /// Customers left for the next run.
    pub remaining: u64,
    /// Where inside a customer the next run resumes (resumable runs only).
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
    /// Customers after the cursor: the guessing walk's total.
    ahead: u64,
    /// Stored guessable findings whose hash has changed since.
    stale: Vec<(String, Kind, String)>,
}

/// What the guessing walk did.
#[derive(Default)]
struct Walk {
    guesses: u64,
    hits: Vec<Hit>,
    /// Customers whose guesses were all made.
    guessed: u64,
    last_covered: Option<String>,
    /// Where inside a customer it stopped.
    stopped_within: Option<Within>,
    /// Where inside the first customer it resumed.
    resumed: Option<Within>,
    /// It reached the end of the customers.
    complete: bool,
}

/// Audit every customer (or the one asked for): the checks that need no
/// guessing, the guessable findings earlier runs stored while they hold,
/// and with `guess` the guesses, from where the last run stopped until the
/// budget is used up. The run is recorded, with where it stopped and the
/// guesses that hit, in one transaction.
pub fn run(ledger: &mut Ledger, o: &Options, progress: &dyn Progress) -> Result<Outcome> {
    let t0 = Instant::now();
    let policy = ledger.policy()?;
    let clock = Clock {
        now: o.now,
        schedule: ledger.rollout_schedule()?,
    };
    if let Some(code) = &o.customer {
        ledger.require_customer(code)?;
    }
    let mut tally = Tally::new(o);
    // The guessing walk of a run over everyone resumes where the last
    // (budget-limited) one stopped.
    let resumable = o.guess && o.customer.is_none();
    let cursor = if resumable {
        ledger.meta(CURSOR)?.filter(|c| !c.is_empty())
    } else {
        None
    };
    let scan = scan(ledger, o, &policy, &clock, cursor.as_deref(), &mut tally)?;
    let walk = if o.guess {
        let deadline = o.budget.and_then(|b| t0.checked_add(b));
        progress.begin(Stage::Auditing, Some(scan.ahead));
        let walk = walk(ledger, o, &policy, cursor.clone(), deadline, progress);
        progress.finish();
        walk?
    } else {
        Walk::default()
    };
    // A customer the run stopped inside: what its guesses found so far is
    // reported (and stored) now; the next run does not repeat those guesses.
    for h in &walk.hits {
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
    let summary = summarize(o, &tally, &scan, &walk, cursor, finished);
    let run = record(ledger, o, &summary, &scan, &walk, finished)?;
    Ok(Outcome {
        run,
        findings,
        summary,
    })
}

/// 1. Every check that needs no guessing, one account at a time; and the
///    guessable findings earlier runs stored, while they hold.
fn scan(
    ledger: &Ledger,
    o: &Options,
    policy: &Policy,
    clock: &Clock,
    cursor: Option<&str>,
    tally: &mut Tally,
) -> Result<Scan> {
    let mut s = Scan {
        customers: 0,
        ahead: 0,
        stale: Vec::new(),
    };
    ledger.audit_accounts(
        &AccountScan {
            only: o.customer.as_deref(),
            ..Default::default()
        },
        &mut |acct| {
            s.customers += 1;
            if cursor.is_none_or(|c| acct.customer.code.as_str() > c) {
                s.ahead += 1;
            }
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

/// 2. The guesses, from where the last run stopped (after `cursor`, and
///    inside the next customer if the position saved there still holds),
///    a page of customers at a time, until `deadline`.
fn walk(
    ledger: &Ledger,
    o: &Options,
    policy: &Policy,
    cursor: Option<String>,
    deadline: Option<Instant>,
    progress: &dyn Progress,
) -> Result<Walk> {
    let resumable = o.customer.is_none();
    let saved = if resumable {
        ledger
            .meta(WITHIN)?
            .and_then(|w| serde_json::from_str::<Within>(&w).ok())
    } else {
        None
    };
    let guesses = AtomicU64::new(0);
    let mut w = Walk::default();
    let mut after = cursor;
    let mut first = true;
    loop {
        let mut page = Vec::new();
        ledger.audit_accounts(
            &AccountScan {
                only: o.customer.as_deref(),
                after: after.as_deref(),
                limit: Some(PAGE),
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
        // Inside the first customer, if the last run stopped there and its
        // guesses so far are still the ones this run would make.
        if first {
            w.resumed = saved
                .clone()
                .filter(|s| still_valid(s, &page, policy, o.candidates));
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
            o.candidates,
            start,
            deadline,
            made,
            &guesses,
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
        if walked.covered > 0 {
            w.last_covered = Some(page[walked.covered - 1].customer.code.clone());
        }
        if walked.covered < page.len() {
            w.stopped_within = walked.within;
            break;
        }
        after = w.last_covered.clone();
    }
    w.guesses = guesses.load(Ordering::Relaxed);
    Ok(w)
}

fn summarize(
    o: &Options,
    tally: &Tally,
    scan: &Scan,
    walk: &Walk,
    cursor: Option<String>,
    finished: DateTime<Utc>,
) -> Summary {
    let elapsed = (finished - o.now).to_std().map_or(0.0, |d| d.as_secs_f64());
    let resumable = o.guess && o.customer.is_none();
    let guessing = o.guess.then(|| Guessing {
        guessed: walk.guessed,
        guesses: walk.guesses,
        candidates_per_credential: o.candidates,
        guesses_per_second: if elapsed > 0.0 {
            (walk.guesses as f64 / elapsed).round()
        } else {
            0.0
        },
        resumed_after: cursor,
        resumed_within: walk.resumed.as_ref().map(Position::from),
        cycle_complete: resumable && walk.complete,
        budget_exceeded: !walk.complete,
        remaining: scan.ahead.saturating_sub(walk.guessed),
        // Only a resumable run records where it stopped.
        stopped_within: walk
            .stopped_within
            .as_ref()
            .filter(|_| resumable)
            .map(Position::from),
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

/// 3. The run recorded: the position moves past the guesses it covered,
///    the stored guessable findings follow the hashes, an audit entry. A
///    run cut off before this loses its progress (the next run repeats
///    it), never a finding; after it, the guesses that hit stand in the
///    ledger and every later run reports them while they hold.
fn record(
    ledger: &mut Ledger,
    o: &Options,
    summary: &Summary,
    scan: &Scan,
    walk: &Walk,
    finished: DateTime<Utc>,
) -> Result<i64> {
    let guessing = summary.guessing.as_ref();
    let resumable = o.guess && o.customer.is_none();
    let cycle_complete = guessing.is_some_and(|g| g.cycle_complete);
    let budget_exceeded = guessing.is_some_and(|g| g.budget_exceeded);
    let summary = json!(summary);
    ledger.write(|tx| {
        if resumable && cycle_complete {
            // Everyone covered: the next run starts over.
            tx.set_meta(CURSOR, "")?;
            tx.set_meta(WITHIN, "")?;
        } else if resumable {
            if let Some(code) = &walk.last_covered {
                tx.set_meta(CURSOR, code)?;
            }
            let within = walk.stopped_within.as_ref().map(|w| json!(w).to_string());
            tx.set_meta(WITHIN, within.as_deref().unwrap_or(""))?;
        }
        let id = tx.record_audit_run(&AuditRun {
            id: 0,
            started_at: crate::clock::to_stored(o.now),
            finished_at: crate::clock::to_stored(finished),
            guess: o.guess,
            customers: scan.customers,
            guesses: walk.guesses,
            cycle_complete,
            budget_exceeded,
            summary: summary.to_string(),
        })?;
        for (code, kind, tag) in &scan.stale {
            tx.clear_guessable(code, *kind, tag)?;
        }
        for h in &walk.hits {
            tx.store_guessable(&h.customer, h.kind, &h.hash_tag, h.source, id, h.found)?;
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
}

/// The earlier runs, oldest first (the newest `limit` only, if given).
pub fn history(ledger: &Ledger, limit: Option<u64>) -> Result<Vec<PastRun>> {
    Ok(ledger
        .audit_runs(limit)?
        .into_iter()
        .map(|r| {
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
            }
        })
        .collect())
}
