//! `acctsec audit`: weak credentials, before an attacker finds them.

use std::collections::BTreeMap;
use std::ops::ControlFlow;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard, mpsc};
use std::time::{Duration, Instant};

use clap::{Args, Subcommand};
use serde_json::{Value, json};

use super::Ctx;
pub use super::parse_duration;
use crate::audit::{
    Candidate, Clock, Finding, Severity, Source, Within, candidates, fingerprint, hash_tag,
    static_findings, still_holds,
};
use crate::customer::{Credential, Customer};
use crate::error::{Result, exit};
use crate::ledger::{AccountScan, AuditAccount, AuditRun, Entry, Read};
use crate::messages;
use crate::output::{Format, Listing};
use crate::password;
use crate::policy::{Kind, Policy};
use crate::secret::Hasher;
use zeroize::Zeroizing;

/// `--fail-on`: a finding's severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SeverityArg {
    Low,
    Medium,
    High,
    Critical,
}

impl From<SeverityArg> for Severity {
    fn from(s: SeverityArg) -> Severity {
        match s {
            SeverityArg::Low => Severity::Low,
            SeverityArg::Medium => Severity::Medium,
            SeverityArg::High => Severity::High,
            SeverityArg::Critical => Severity::Critical,
        }
    }
}

/// Where the resumable guessing walk stands (the last customer covered).
const CURSOR: &str = "audit.guess_cursor";
/// Where it stands inside the next customer ([`Within`] as JSON; empty
/// when it stopped between customers).
const WITHIN: &str = "audit.guess_within";

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct AuditArgs {
    #[command(subcommand)]
    pub cmd: Option<AuditCmd>,
    /// Also try guesses built from each customer's own data against the stored hashes
    #[arg(long)]
    pub guess: bool,
    /// Exit 1 when a finding at or above this severity exists (guessable passwords
    /// found by earlier runs included, while unchanged). With -q or on a pipe (cron),
    /// only those findings are listed, and nothing at all when there are none;
    /// without --fail-on there, every finding is listed
    #[arg(long, value_enum, value_name = "SEVERITY")]
    pub fail_on: Option<SeverityArg>,
    /// Stop guessing this long after the run started (e.g. 2h, 30m, 90s): the checks
    /// that need no guessing cover every customer first, then guesses go on until
    /// then; the run overruns it by at most one candidate verification, and the next
    /// run resumes at the next candidate
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub budget: Option<Duration>,
    /// Only this customer
    #[arg(long, value_name = "CODE")]
    pub customer: Option<String>,
    /// Guesses per credential (1 to 100000)
    #[arg(long, value_name = "N", default_value_t = 100,
          value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..=100_000))]
    pub candidates: usize,
}

#[derive(Debug, Subcommand)]
pub enum AuditCmd {
    /// Summaries of earlier runs
    History {
        /// Only the newest N runs
        #[arg(long, value_name = "N")]
        limit: Option<u64>,
    },
}

pub fn run(ctx: &mut Ctx, a: AuditArgs) -> Result<u8> {
    match a.cmd {
        Some(AuditCmd::History { limit }) => history(ctx, limit),
        None => audit(ctx, &a),
    }
}

/// One customer's credentials, for the guessing walk.
struct Subject {
    customer: Customer,
    login: Option<Credential>,
    exec: Option<Credential>,
    /// Credentials an earlier run found guessable and whose hash has not
    /// changed since: no guess is needed to know.
    standing: Vec<Kind>,
}

impl Subject {
    fn from_account(a: AuditAccount) -> Subject {
        let standing = a
            .stored
            .iter()
            .filter(|g| still_holds(a.credential(g.kind), &g.hash_tag))
            .map(|g| g.kind)
            .collect();
        Subject {
            customer: a.customer,
            login: a.login,
            exec: a.execution,
            standing,
        }
    }

    fn credential(&self, kind: Kind) -> Option<&Credential> {
        match kind {
            Kind::Login => self.login.as_ref(),
            Kind::Execution => self.exec.as_ref(),
        }
    }

    /// Whether the walk has guesses to make on this credential.
    fn to_guess(&self, kind: Kind) -> Option<&Credential> {
        self.credential(kind)
            .filter(|_| !self.standing.contains(&kind))
    }

    /// The guesses for one of its credentials (none without one).
    fn candidates(&self, kind: Kind, policy: &Policy, max: usize) -> Vec<Candidate> {
        match self.credential(kind) {
            Some(_) => candidates(&self.customer, kind, policy, max),
            None => Vec::new(),
        }
    }
}

/// How many customers the guessing walk reads from the ledger at a time.
const PAGE: u64 = 256;

/// The findings of a run: all of them counted, those to be listed kept.
struct Tally {
    /// List only findings at or above this (None: every finding).
    list_min: Option<Severity>,
    fail_on: Option<Severity>,
    listed: Vec<Finding>,
    total: u64,
    failing: u64,
    by_sev: BTreeMap<&'static str, u64>,
    by_kind: BTreeMap<&'static str, u64>,
}

impl Tally {
    fn add(&mut self, f: Finding) {
        self.total += 1;
        *self.by_sev.entry(f.severity.as_str()).or_default() += 1;
        *self.by_kind.entry(f.kind.as_str()).or_default() += 1;
        if self.fail_on.is_some_and(|min| f.severity >= min) {
            self.failing += 1;
        }
        if self.list_min.is_none_or(|min| f.severity >= min) {
            self.listed.push(f);
        }
    }
}

/// A guess that matched, to be stored.
struct Hit {
    customer: String,
    kind: Kind,
    source: Source,
    hash_tag: String,
}

fn audit(ctx: &mut Ctx, a: &AuditArgs) -> Result<u8> {
    let started = ctx.now;
    let t0 = Instant::now();
    let mut ledger = ctx.open()?;
    let policy = ledger.policy()?;
    let clock = Clock {
        now: started,
        schedule: ledger.rollout_schedule()?,
    };
    if let Some(code) = &a.customer {
        ledger.require_customer(code)?;
    }
    let fail_on = a.fail_on.map(Severity::from);
    // Cron reads a pipe and mails whatever it prints: there (and with -q)
    // only what --fail-on calls wrong is listed; a person at a terminal
    // sees every finding.
    let unattended = ctx.global.quiet || !ctx.out.terminal().stdout;
    let mut tally = Tally {
        list_min: if unattended { fail_on } else { None },
        fail_on,
        listed: Vec::new(),
        total: 0,
        failing: 0,
        by_sev: BTreeMap::new(),
        by_kind: BTreeMap::new(),
    };
    // The guessing walk of a run over everyone resumes where the last
    // (budget-limited) one stopped.
    let resumable = a.guess && a.customer.is_none();
    let cursor = if resumable {
        ledger.meta(CURSOR)?.filter(|c| !c.is_empty())
    } else {
        None
    };

    // 1. Every check that needs no guessing, on every customer (or the one
    // asked for), one row at a time; and the guessable findings earlier
    // runs stored, while they hold.
    let mut customers = 0u64;
    let mut ahead = 0u64;
    let mut stale: Vec<(String, Kind, String)> = Vec::new();
    ledger.audit_accounts(
        &AccountScan {
            only: a.customer.as_deref(),
            ..Default::default()
        },
        &mut |acct| {
            customers += 1;
            if cursor
                .as_deref()
                .is_none_or(|c| acct.customer.code.as_str() > c)
            {
                ahead += 1;
            }
            for f in static_findings(
                &acct.customer,
                &acct.state,
                acct.execution.as_ref(),
                acct.login.as_ref(),
                &policy,
                &clock,
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
                    stale.push((acct.customer.code.clone(), g.kind, g.hash_tag.clone()));
                }
            }
            Ok(ControlFlow::Continue(()))
        },
    )?;

    // 2. The guesses, from where the last run stopped, a page of customers
    // at a time, until the budget is used up.
    let deadline = a.budget.and_then(|b| t0.checked_add(b));
    let guesses = AtomicU64::new(0);
    let mut hits: Vec<Hit> = Vec::new();
    let mut guessed = 0u64;
    let mut last_covered: Option<String> = None;
    let mut stopped_within: Option<Within> = None;
    let mut resume: Option<Within> = None;
    let mut walk_complete = !a.guess;
    if a.guess {
        let bar = super::progress::items(&ctx.out, ahead, &messages::auditing());
        let saved = if resumable {
            ledger
                .meta(WITHIN)?
                .and_then(|w| serde_json::from_str::<Within>(&w).ok())
        } else {
            None
        };
        let mut after = cursor.clone();
        let mut first = true;
        let result = loop {
            let mut page = Vec::new();
            let read = ledger.audit_accounts(
                &AccountScan {
                    only: a.customer.as_deref(),
                    after: after.as_deref(),
                    limit: Some(PAGE),
                },
                &mut |acct| {
                    page.push(Subject::from_account(acct));
                    Ok(ControlFlow::Continue(()))
                },
            );
            if let Err(e) = read {
                break Err(e);
            }
            if page.is_empty() {
                walk_complete = true;
                break Ok(());
            }
            // Between pages, the budget is checked as between candidates.
            let made = guesses.load(Ordering::Relaxed) > 0;
            if made && deadline.is_some_and(|d| Instant::now() >= d) {
                break Ok(());
            }
            // Inside the first customer, if the last run stopped there and
            // its guesses so far are still the ones this run would make.
            if first {
                resume = saved
                    .clone()
                    .filter(|w| still_valid(w, &page, &policy, a.candidates));
            }
            let start = resume.as_ref().filter(|_| first).map(|w| (w.kind, w.done));
            first = false;
            let walk = match guess_all(
                &policy,
                &page,
                a.candidates,
                start,
                deadline,
                made,
                &guesses,
                &bar,
            ) {
                Ok(w) => w,
                Err(e) => break Err(e),
            };
            for (s, found) in page.iter().zip(&walk.hits) {
                for &(kind, source) in found {
                    let stored = s.credential(kind).map_or("", |c| c.hash.as_str());
                    hits.push(Hit {
                        customer: s.customer.code.clone(),
                        kind,
                        source,
                        hash_tag: hash_tag(stored),
                    });
                }
            }
            guessed += walk.covered as u64;
            if walk.covered > 0 {
                last_covered = Some(page[walk.covered - 1].customer.code.clone());
            }
            if walk.covered < page.len() {
                stopped_within = walk.within;
                break Ok(());
            }
            after = last_covered.clone();
        };
        bar.finish_and_clear();
        result?;
    }
    // A customer the run stopped inside: what its guesses found so far is
    // shown (and stored) now; the next run does not repeat those guesses.
    for h in &hits {
        tally.add(Finding::guessable(&h.customer, h.kind, h.source, None));
    }
    let cycle_complete = resumable && walk_complete;
    let budget_exceeded = a.guess && !walk_complete;
    let guesses = guesses.load(Ordering::Relaxed);
    let mut findings = std::mem::take(&mut tally.listed);
    findings.sort_by(|x, y| {
        y.severity
            .cmp(&x.severity)
            .then(x.customer.cmp(&y.customer))
            .then(x.kind.cmp(&y.kind))
    });
    // How long the run took, by the clock its started_at and finished_at
    // come from (the budget above is kept by the monotonic clock).
    let finished = crate::clock::now();
    let elapsed = (finished - started)
        .to_std()
        .map_or(0.0, |d| d.as_secs_f64());
    let mut summary = json!({
        "customers": customers,
        "findings": tally.total,
        "by_severity": tally.by_sev,
        "by_kind": tally.by_kind,
        "seconds": (elapsed * 1000.0).round() / 1000.0,
    });
    if let Some(min) = fail_on {
        summary["fail_on"] = json!(min.as_str());
        summary["failing"] = json!(tally.failing);
    }
    if a.guess {
        let position = |w: &Option<Within>| {
            w.as_ref().map(|w| {
                json!({ "customer": w.customer, "kind": w.kind.as_str(), "candidates_done": w.done })
            })
        };
        summary["guessed"] = json!(guessed);
        summary["guesses"] = json!(guesses);
        summary["candidates_per_credential"] = json!(a.candidates);
        summary["guesses_per_second"] = json!(if elapsed > 0.0 {
            (guesses as f64 / elapsed).round()
        } else {
            0.0
        });
        summary["resumed_after"] = json!(cursor);
        summary["resumed_within"] = json!(position(&resume));
        summary["cycle_complete"] = json!(cycle_complete);
        summary["budget_exceeded"] = json!(budget_exceeded);
        summary["remaining"] = json!(ahead.saturating_sub(guessed));
        // Only a resumable run records where it stopped.
        summary["stopped_within"] = json!(position(&stopped_within.clone().filter(|_| resumable)));
    }
    let summary_text = summary.to_string();
    // The findings are shown first, then the position moves past the
    // guesses they cover: a run cut off part-way loses its progress (the
    // next run repeats it), never a finding.
    render(ctx, &findings, &summary)?;
    ledger.write(|tx| {
        if resumable && cycle_complete {
            // Everyone covered: the next run starts over.
            tx.set_meta(CURSOR, "")?;
            tx.set_meta(WITHIN, "")?;
        } else if resumable {
            if let Some(code) = &last_covered {
                tx.set_meta(CURSOR, code)?;
            }
            let within = stopped_within.as_ref().map(|w| json!(w).to_string());
            tx.set_meta(WITHIN, within.as_deref().unwrap_or(""))?;
        }
        let id = tx.record_audit_run(&AuditRun {
            id: 0,
            started_at: crate::clock::to_stored(started),
            finished_at: crate::clock::to_stored(finished),
            guess: a.guess,
            customers,
            guesses,
            cycle_complete,
            budget_exceeded,
            summary: summary_text.clone(),
        })?;
        for (code, kind, tag) in &stale {
            tx.clear_guessable(code, *kind, tag)?;
        }
        for h in &hits {
            tx.store_guessable(&h.customer, h.kind, &h.hash_tag, h.source, id)?;
        }
        tx.audit(Entry {
            action: "audit.run",
            customer: a.customer.as_deref(),
            reason: None,
            details: json!({ "run": id, "summary": summary }),
        })?;
        Ok(())
    })?;
    Ok(if tally.failing > 0 {
        exit::NO
    } else {
        exit::OK
    })
}

/// Whether the position a run stopped at still holds: it names the first
/// customer left, and that customer's stored hash and first guesses are the
/// ones it recorded.
fn still_valid(w: &Within, subjects: &[Subject], policy: &Policy, max: usize) -> bool {
    let Some(s) = subjects.first().filter(|s| s.customer.code == w.customer) else {
        return false;
    };
    let list = s.candidates(w.kind, policy, max);
    let stored = s.credential(w.kind).map_or("", |c| c.hash.as_str());
    w.done <= list.len() && fingerprint(stored, &list[..w.done]) == w.check
}

/// The order guesses are made in: each customer's login candidates, then
/// its execution candidates.
const KINDS: [Kind; 2] = [Kind::Login, Kind::Execution];

/// What a guessing walk covered: a prefix of the customers, possibly part
/// of the next one, and the guesses that hit (per customer).
struct Walked {
    covered: usize,
    within: Option<Within>,
    hits: Vec<Vec<(Kind, Source)>>,
}

/// One piece of work for a guessing thread, numbered in walk order.
enum Item<'a> {
    /// Try candidate `j` of customer `i`'s `kind` credential.
    Guess {
        seq: u64,
        i: usize,
        kind: Kind,
        j: usize,
        stored: &'a str,
        password: Zeroizing<String>,
        source: Source,
    },
    /// Every guess of customer `i` has been handed out.
    End { seq: u64, i: usize },
}

/// What a thread did with an item.
enum Done {
    Guess {
        seq: u64,
        i: usize,
        kind: Kind,
        j: usize,
        hit: Option<Source>,
    },
    End {
        seq: u64,
        i: usize,
    },
}

impl Done {
    fn seq(&self) -> u64 {
        match self {
            Done::Guess { seq, .. } | Done::End { seq, .. } => *seq,
        }
    }
}

/// Hands out the walk one item at a time, in order, and nothing once the
/// deadline has passed. The candidates of one credential at a time are
/// held.
struct Feed<'a> {
    subjects: &'a [Subject],
    policy: &'a Policy,
    max: usize,
    deadline: Option<Instant>,
    seq: u64,
    /// The customer, the index in [`KINDS`] (its length: the customer's
    /// end), and the next candidate.
    i: usize,
    k: usize,
    j: usize,
    list: Option<Vec<Candidate>>,
    /// The current credential needs no more guesses (one hit, or its hash
    /// cannot be verified).
    settled: bool,
    /// A guess has been handed out, here or on an earlier page (past the
    /// deadline, no other is).
    guessed: bool,
    stopped: bool,
}

impl<'a> Feed<'a> {
    fn next(&mut self) -> Option<Item<'a>> {
        // Past the deadline, nothing more; but every run makes at least one
        // guess, so that a walk always ends, however short the budget.
        let late = self.deadline.is_some_and(|d| Instant::now() >= d);
        if self.stopped || (late && self.guessed) {
            self.stopped = true;
            return None;
        }
        let subjects = self.subjects;
        loop {
            let s = subjects.get(self.i)?;
            let Some(&kind) = KINDS.get(self.k) else {
                let item = Item::End {
                    seq: self.seq,
                    i: self.i,
                };
                self.seq += 1;
                self.i += 1;
                self.k = 0;
                self.j = 0;
                return Some(item);
            };
            let Some(cred) = s.to_guess(kind).filter(|_| !self.settled) else {
                self.next_credential();
                continue;
            };
            let (policy, max) = (self.policy, self.max);
            let list = self
                .list
                .get_or_insert_with(|| candidates(&s.customer, kind, policy, max));
            let Some(c) = list.get(self.j) else {
                self.next_credential();
                continue;
            };
            let item = Item::Guess {
                seq: self.seq,
                i: self.i,
                kind,
                j: self.j,
                stored: &cred.hash,
                password: c.password.clone(),
                source: c.source,
            };
            self.seq += 1;
            self.j += 1;
            self.guessed = true;
            return Some(item);
        }
    }

    fn next_credential(&mut self) {
        self.k += 1;
        self.j = 0;
        self.list = None;
        self.settled = false;
    }

    /// No more guesses for customer `i`'s `kind` credential.
    fn settle(&mut self, i: usize, kind: Kind) {
        if self.i == i && KINDS.get(self.k) == Some(&kind) {
            self.settled = true;
        }
    }
}

fn lock<'m, 'a>(feed: &'m Mutex<Feed<'a>>) -> MutexGuard<'m, Feed<'a>> {
    feed.lock().unwrap_or_else(|e| e.into_inner())
}

/// Try the guesses on every core, from `start` (a kind and how many of its
/// candidates are done) inside the first customer. The budget is checked
/// before every candidate: at the deadline no thread takes another, and the
/// ones under way finish, so the run overruns by at most one candidate
/// verification. Every guess handed out is finished, so what was covered is
/// exactly a prefix of the walk, which the caller records to resume from.
/// `made`: an earlier page of this run made a guess already (so a walk
/// past the deadline makes none).
#[allow(clippy::too_many_arguments)]
fn guess_all(
    policy: &Policy,
    subjects: &[Subject],
    max: usize,
    start: Option<(Kind, usize)>,
    deadline: Option<Instant>,
    made: bool,
    guesses: &AtomicU64,
    bar: &indicatif::ProgressBar,
) -> Result<Walked> {
    let params = password::argon2_params(policy);
    // Fails here, before any thread starts, if the parameters are unusable.
    Hasher::new(params)?;
    let (k, j) = match start {
        Some((kind, done)) => (KINDS.iter().position(|k| *k == kind).unwrap_or(0), done),
        None => (0, 0),
    };
    let feed = Mutex::new(Feed {
        subjects,
        policy,
        max,
        deadline,
        seq: 0,
        i: 0,
        k,
        j,
        list: None,
        settled: false,
        guessed: made,
        stopped: false,
    });
    let mut hits: Vec<Vec<(Kind, Source)>> = vec![Vec::new(); subjects.len()];
    let mut covered = 0usize;
    // The last guess of the walk's finished prefix: (customer, kind, how
    // many of its candidates are done).
    let mut at: Option<(usize, Kind, usize)> = start.map(|(kind, done)| (0, kind, done));
    let (tx, rx) = mpsc::channel::<Done>();
    std::thread::scope(|s| -> Result<()> {
        let workers: Vec<_> = (0..password::threads())
            .map(|_| {
                let tx = tx.clone();
                let feed = &feed;
                s.spawn(move || -> Result<()> {
                    let mut hasher = match Hasher::new(params) {
                        Ok(h) => h,
                        Err(e) => {
                            lock(feed).stopped = true;
                            return Err(e.into());
                        }
                    };
                    loop {
                        let Some(item) = lock(feed).next() else {
                            return Ok(());
                        };
                        let done = match item {
                            Item::End { seq, i } => Done::End { seq, i },
                            Item::Guess {
                                seq,
                                i,
                                kind,
                                j,
                                stored,
                                password,
                                source,
                            } => {
                                let verdict =
                                    password::matches_stored(stored, &password, &mut hasher);
                                drop(password);
                                if verdict.is_ok() {
                                    guesses.fetch_add(1, Ordering::Relaxed);
                                }
                                let hit = matches!(verdict, Ok(true));
                                // One hit is enough; a hash that cannot be
                                // verified (over the cost limits, say) would
                                // refuse every other guess the same way.
                                if hit || verdict.is_err() {
                                    lock(feed).settle(i, kind);
                                }
                                Done::Guess {
                                    seq,
                                    i,
                                    kind,
                                    j,
                                    hit: hit.then_some(source),
                                }
                            }
                        };
                        if tx.send(done).is_err() {
                            return Ok(());
                        }
                    }
                })
            })
            .collect();
        drop(tx);
        // Results arrive out of order; they are taken in walk order.
        let mut early: BTreeMap<u64, Done> = BTreeMap::new();
        let mut next = 0u64;
        for done in rx.iter() {
            early.insert(done.seq(), done);
            while let Some(done) = early.remove(&next) {
                next += 1;
                match done {
                    Done::Guess {
                        i, kind, j, hit, ..
                    } => {
                        if let Some(source) = hit
                            && !hits[i].iter().any(|(k, _)| *k == kind)
                        {
                            hits[i].push((kind, source));
                        }
                        at = Some((i, kind, j + 1));
                    }
                    Done::End { i, .. } => {
                        covered = i + 1;
                        at = None;
                        bar.inc(1);
                    }
                }
            }
        }
        let mut result = Ok(());
        for w in workers {
            let r = w.join().unwrap_or_else(|p| std::panic::resume_unwind(p));
            if result.is_ok() {
                result = r;
            }
        }
        result
    })?;
    // Inside the next customer: move past credentials that are finished
    // (a hit, or every candidate tried); past the last one, the customer is.
    let mut within = None;
    if let Some((i, kind, mut done)) =
        at.filter(|(i, ..)| *i == covered && covered < subjects.len())
    {
        let s = &subjects[i];
        let mut k = KINDS.iter().position(|k| *k == kind).unwrap_or(0);
        while let Some(&kind) = KINDS.get(k) {
            let list = s.candidates(kind, policy, max);
            let hit = hits[i].iter().any(|(h, _)| *h == kind) || s.standing.contains(&kind);
            if !hit && done < list.len() {
                let stored = s.credential(kind).map_or("", |c| c.hash.as_str());
                within = Some(Within {
                    customer: s.customer.code.clone(),
                    kind,
                    done,
                    check: fingerprint(stored, &list[..done]),
                });
                break;
            }
            k += 1;
            done = 0;
        }
        if within.is_none() {
            covered += 1;
            bar.inc(1);
        }
    }
    Ok(Walked {
        covered,
        within,
        hits,
    })
}

fn render(ctx: &mut Ctx, findings: &[Finding], summary: &Value) -> Result<()> {
    let detail = |f: &Finding| {
        let mut d = messages::audit_detail(&f.detail);
        if let Some(at) = &f.found_at {
            d.push_str(&messages::audit_found_earlier(at));
        }
        d
    };
    match ctx.format() {
        Format::Json => ctx.out.json(&json!({
            "findings": findings.iter().map(|f| {
                let mut o = json!({
                    "customer": f.customer,
                    "kind": f.kind.as_str(),
                    "severity": f.severity.as_str(),
                    "detail": detail(f),
                });
                // Found by an earlier run, and still holding.
                if let Some(at) = &f.found_at {
                    o["found_at"] = json!(crate::clock::stored_to_jst(at));
                }
                o
            }).collect::<Vec<_>>(),
            "summary": summary,
        })),
        Format::Csv => {
            let mut l = Listing::new(&["customer", "kind", "severity", "detail"]);
            for f in findings {
                l.push(vec![
                    json!(f.customer),
                    json!(f.kind.as_str()),
                    json!(f.severity.as_str()),
                    json!(detail(f)),
                ]);
            }
            ctx.out.listing(&l)
        }
        Format::Table => {
            // Cron reads a pipe: silence there unless something is listed
            // (what --fail-on calls wrong; any finding without it).
            let text = messages::audit_summary(summary);
            if findings.is_empty() {
                return ctx.out.note(&text);
            }
            let mut l = Listing::new(&["severity", "customer", "kind", "detail"]).key("customer");
            for f in findings {
                l.push(vec![
                    json!(f.severity.as_str().to_uppercase()),
                    json!(f.customer),
                    json!(f.kind.as_str()),
                    json!(detail(f)),
                ]);
            }
            ctx.out.listing(&l)?;
            ctx.out.summary(&text)
        }
    }
}

fn history(ctx: &mut Ctx, limit: Option<u64>) -> Result<u8> {
    let ledger = ctx.open()?;
    let mut l = Listing::new(&[
        "run",
        "started_at",
        "seconds",
        "guess",
        "customers",
        "guesses",
        "findings",
        "by_severity",
        "cycle_complete",
        "budget_exceeded",
    ])
    .narrow(&["seconds", "by_severity", "guesses", "budget_exceeded"]);
    for r in ledger.audit_runs(limit)? {
        let summary: Value = serde_json::from_str(&r.summary).unwrap_or(Value::Null);
        l.push(vec![
            json!(r.id),
            json!(crate::clock::stored_to_jst(&r.started_at)),
            summary["seconds"].clone(),
            json!(r.guess),
            json!(r.customers),
            json!(r.guesses),
            summary["findings"].clone(),
            summary["by_severity"].clone(),
            json!(r.cycle_complete),
            json!(r.budget_exceeded),
        ]);
    }
    ctx.out.listing(&l)?;
    Ok(exit::OK)
}
