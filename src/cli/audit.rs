//! `acctsec audit`: weak credentials, before an attacker finds them.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard, mpsc};
use std::time::{Duration, Instant};

use clap::{Args, Subcommand};
use serde_json::{Value, json};

use super::Ctx;
use crate::audit::{
    Candidate, Clock, Detail, Finding, FindingKind, Severity, Source, Within, candidates,
    fingerprint, static_findings,
};
use crate::customer::{AccountState, Credential, Customer};
use crate::error::{Result, exit};
use crate::ledger::{AuditRun, CustomerFilter, Entry, Ledger, Read};
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
    /// Exit 1 when a finding at or above this severity exists
    #[arg(long, value_enum, value_name = "SEVERITY")]
    pub fail_on: Option<SeverityArg>,
    /// Stop guessing after this long (e.g. 2h, 30m, 90s): the run overruns it by at
    /// most one candidate verification, and the next run resumes at the next
    /// candidate
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

/// The longest budget a run may be given: 30 days.
pub const MAX_BUDGET: Duration = Duration::from_secs(30 * 86_400);

/// `2h`, `30m`, `90s`, `1h30m`, `1d` ([`crate::clock::parse_duration`]), or
/// plain seconds; more than zero and at most [`MAX_BUDGET`].
pub fn parse_duration(s: &str) -> std::result::Result<Duration, String> {
    use crate::clock::DurationError;
    let s = s.trim();
    let too_long = || messages::duration_too_long(s, MAX_BUDGET.as_secs() / 86_400);
    let d = match s.parse::<u64>() {
        Ok(secs) => Duration::from_secs(secs),
        Err(_) => match crate::clock::parse_duration(s) {
            Ok(d) => d,
            Err(DurationError::Overflow) => return Err(too_long()),
            Err(DurationError::Malformed) if s.bytes().all(|b| b.is_ascii_digit()) => {
                return Err(too_long());
            }
            Err(DurationError::Malformed) => return Err(messages::bad_duration(s)),
        },
    };
    if d.is_zero() {
        return Err(messages::zero_duration(s));
    }
    if d > MAX_BUDGET {
        return Err(too_long());
    }
    Ok(d)
}

pub fn run(ctx: &mut Ctx, a: AuditArgs) -> Result<u8> {
    match a.cmd {
        Some(AuditCmd::History { limit }) => history(ctx, limit),
        None => audit(ctx, &a),
    }
}

/// One customer's credentials, loaded for the run.
struct Subject {
    customer: Customer,
    state: AccountState,
    login: Option<Credential>,
    exec: Option<Credential>,
}

impl Subject {
    fn credential(&self, kind: Kind) -> Option<&Credential> {
        match kind {
            Kind::Login => self.login.as_ref(),
            Kind::Execution => self.exec.as_ref(),
        }
    }

    /// The guesses for one of its credentials (none without one).
    fn candidates(&self, kind: Kind, policy: &Policy, max: usize) -> Vec<Candidate> {
        match self.credential(kind) {
            Some(_) => candidates(&self.customer, kind, policy, max),
            None => Vec::new(),
        }
    }
}

fn load(ledger: &Ledger, customers: Vec<(Customer, AccountState)>) -> Result<Vec<Subject>> {
    customers
        .into_iter()
        .map(|(customer, state)| {
            Ok(Subject {
                login: ledger.credential(&customer.code, Kind::Login)?,
                exec: ledger.credential(&customer.code, Kind::Execution)?,
                customer,
                state,
            })
        })
        .collect()
}

fn audit(ctx: &mut Ctx, a: &AuditArgs) -> Result<u8> {
    let started = ctx.now;
    let t0 = Instant::now();
    let mut ledger = ctx.open()?;
    let policy = ledger.policy()?;
    let sched = ledger.rollout_schedule()?;
    let clock = Clock {
        now: started,
        pre_end: sched.map(|s| s.pre_end),
        enforce: sched.map(|s| s.enforce),
    };
    // Who this run covers: one customer; or everyone; or, when guessing,
    // everyone from where the last (budget-limited) run stopped.
    let resumable = a.guess && a.customer.is_none();
    let cursor = if resumable {
        ledger.meta(CURSOR)?.filter(|c| !c.is_empty())
    } else {
        None
    };
    let customers = match &a.customer {
        Some(code) => vec![ledger.require_account(code)?],
        None => {
            ledger
                .customers(&CustomerFilter {
                    after: cursor.clone(),
                    ..Default::default()
                })?
                .0
        }
    };
    let subjects = load(&ledger, customers)?;
    // Inside the first of them, if the last run stopped there and its
    // guesses so far are still the ones this run would make.
    let resume = if resumable {
        ledger
            .meta(WITHIN)?
            .and_then(|w| serde_json::from_str::<Within>(&w).ok())
            .filter(|w| still_valid(w, &subjects, &policy, a.candidates))
    } else {
        None
    };
    let deadline = a.budget.and_then(|b| t0.checked_add(b));
    let guesses = AtomicU64::new(0);
    let mut walk = Walked {
        covered: subjects.len(),
        within: None,
        hits: vec![Vec::new(); subjects.len()],
    };
    if a.guess && !subjects.is_empty() {
        let bar = super::progress::items(&ctx.out, subjects.len() as u64, &messages::auditing());
        let start = resume.as_ref().map(|w| (w.kind, w.done));
        let result = guess_all(
            &policy,
            &subjects,
            a.candidates,
            start,
            deadline,
            &guesses,
            &bar,
        );
        bar.finish_and_clear();
        walk = result?;
    }
    let covered = walk.covered;
    let budget_exceeded = covered < subjects.len();
    let mut findings: Vec<Finding> = Vec::new();
    for (i, (s, hits)) in subjects.iter().zip(&walk.hits).enumerate() {
        if i < covered {
            findings.extend(static_findings(
                &s.customer,
                &s.state,
                s.exec.as_ref(),
                s.login.as_ref(),
                &policy,
                &clock,
            ));
        }
        // A customer the run stopped inside: what its guesses found so far
        // is shown now (the next run does not repeat those guesses).
        for (kind, source) in hits {
            findings.push(Finding {
                customer: s.customer.code.clone(),
                kind: FindingKind::guessable(*kind),
                severity: Severity::Critical,
                detail: Detail::Guessable {
                    kind: *kind,
                    source: *source,
                },
            });
        }
    }
    findings.sort_by(|x, y| {
        y.severity
            .cmp(&x.severity)
            .then(x.customer.cmp(&y.customer))
            .then(x.kind.cmp(&y.kind))
    });
    let cycle_complete = resumable && covered == subjects.len();
    let guesses = guesses.load(Ordering::Relaxed);
    let mut by_kind: BTreeMap<&str, u64> = BTreeMap::new();
    let mut by_sev: BTreeMap<&str, u64> = BTreeMap::new();
    for f in &findings {
        *by_kind.entry(f.kind.as_str()).or_default() += 1;
        *by_sev.entry(f.severity.as_str()).or_default() += 1;
    }
    // How long the run took, by the clock its started_at and finished_at
    // come from (the budget above is kept by the monotonic clock).
    let finished = crate::clock::now();
    let elapsed = (finished - started)
        .to_std()
        .map_or(0.0, |d| d.as_secs_f64());
    let mut summary = json!({
        "customers": covered,
        "findings": findings.len(),
        "by_severity": by_sev,
        "by_kind": by_kind,
        "seconds": (elapsed * 1000.0).round() / 1000.0,
    });
    if a.guess {
        let position = |w: &Option<Within>| {
            w.as_ref().map(|w| {
                json!({ "customer": w.customer, "kind": w.kind.as_str(), "candidates_done": w.done })
            })
        };
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
        summary["remaining"] = json!(subjects.len() - covered);
        // Only a resumable run records where it stopped.
        summary["stopped_within"] = json!(position(&walk.within.clone().filter(|_| resumable)));
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
            if covered > 0 {
                tx.set_meta(CURSOR, &subjects[covered - 1].customer.code)?;
            }
            let within = walk.within.as_ref().map(|w| json!(w).to_string());
            tx.set_meta(WITHIN, within.as_deref().unwrap_or(""))?;
        }
        let id = tx.record_audit_run(&AuditRun {
            id: 0,
            started_at: crate::clock::to_stored(started),
            finished_at: crate::clock::to_stored(finished),
            guess: a.guess,
            customers: covered as u64,
            guesses,
            cycle_complete,
            budget_exceeded,
            summary: summary_text.clone(),
        })?;
        tx.audit(Entry {
            action: "audit.run",
            customer: a.customer.as_deref(),
            reason: None,
            details: json!({ "run": id, "summary": summary }),
        })?;
        Ok(())
    })?;
    let fail = a
        .fail_on
        .is_some_and(|min| findings.iter().any(|f| f.severity >= Severity::from(min)));
    Ok(if fail { exit::NO } else { exit::OK })
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
    /// A guess has been handed out (past the deadline, no other is).
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
            let Some(cred) = s.credential(kind).filter(|_| !self.settled) else {
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
fn guess_all(
    policy: &Policy,
    subjects: &[Subject],
    max: usize,
    start: Option<(Kind, usize)>,
    deadline: Option<Instant>,
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
        guessed: false,
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
            let hit = hits[i].iter().any(|(h, _)| *h == kind);
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
    let detail = |f: &Finding| messages::audit_detail(&f.detail);
    match ctx.format() {
        Format::Json => ctx.out.json(&json!({
            "findings": findings.iter().map(|f| json!({
                "customer": f.customer,
                "kind": f.kind.as_str(),
                "severity": f.severity.as_str(),
                "detail": detail(f),
            })).collect::<Vec<_>>(),
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
            if !findings.is_empty() {
                let mut l =
                    Listing::new(&["severity", "customer", "kind", "detail"]).key("customer");
                for f in findings {
                    l.push(vec![
                        json!(f.severity.as_str().to_uppercase()),
                        json!(f.customer),
                        json!(f.kind.as_str()),
                        json!(detail(f)),
                    ]);
                }
                ctx.out.listing(&l)?;
            }
            // Cron reads a pipe: silence there unless something was found.
            let text = messages::audit_summary(summary);
            if findings.is_empty() {
                ctx.out.note(&text)
            } else {
                ctx.out.line(&text)
            }
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
