//! `acctsec audit`: weak credentials, before an attacker finds them.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use clap::{Args, Subcommand};
use serde_json::{Value, json};

use super::Ctx;
use crate::audit::{Clock, Detail, Finding, FindingKind, Severity, candidates, static_findings};
use crate::customer::{AccountState, Credential, Customer};
use crate::error::{Result, exit};
use crate::ledger::{AuditRun, CustomerFilter, Entry, Ledger, Read};
use crate::messages;
use crate::output::{Format, Listing};
use crate::password;
use crate::policy::{Kind, Policy};
use crate::secret::Hasher;

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
    /// Stop guessing after this long (e.g. 2h, 30m, 90s); the next run resumes
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

/// `2h`, `30m`, `90s`, `1h30m`, `1d`, or plain seconds; more than zero and
/// at most [`MAX_BUDGET`].
pub fn parse_duration(s: &str) -> std::result::Result<Duration, String> {
    let s = s.trim();
    let bad = || messages::bad_duration(s);
    let total = if let Ok(secs) = s.parse::<u64>() {
        secs
    } else {
        let mut total = 0u64;
        let mut num = String::new();
        for c in s.chars() {
            if c.is_ascii_digit() {
                num.push(c);
                continue;
            }
            let n: u64 = num.parse().map_err(|_| bad())?;
            num.clear();
            let unit = match c {
                'h' => 3600,
                'm' => 60,
                's' => 1,
                'd' => 86_400,
                _ => return Err(bad()),
            };
            total = n
                .checked_mul(unit)
                .and_then(|v| total.checked_add(v))
                .ok_or_else(|| messages::duration_too_long(s, MAX_BUDGET.as_secs() / 86_400))?;
        }
        if !num.is_empty() {
            return Err(bad());
        }
        total
    };
    if total == 0 {
        return Err(bad());
    }
    if total > MAX_BUDGET.as_secs() {
        return Err(messages::duration_too_long(
            s,
            MAX_BUDGET.as_secs() / 86_400,
        ));
    }
    Ok(Duration::from_secs(total))
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

enum Progress {
    /// Customer `i` is done: its guess hits and how many guesses it took.
    Done(usize, Vec<(Kind, crate::audit::Source)>),
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
    let deadline = a.budget.map(|b| t0 + b);
    let guesses = AtomicU64::new(0);
    let mut covered = subjects.len();
    let mut hits: Vec<Vec<(Kind, crate::audit::Source)>> = vec![Vec::new(); subjects.len()];
    let mut budget_exceeded = false;
    if a.guess && !subjects.is_empty() {
        let bar = super::progress::items(&ctx.out, subjects.len() as u64, &messages::auditing());
        let (done_upto, exceeded) = guess_all(
            &policy,
            &subjects,
            a.candidates,
            deadline,
            &guesses,
            &mut hits,
            &bar,
        )?;
        bar.finish_and_clear();
        covered = done_upto;
        budget_exceeded = exceeded;
    }
    let mut findings: Vec<Finding> = Vec::new();
    for (s, hits) in subjects.iter().zip(&hits).take(covered) {
        findings.extend(static_findings(
            &s.customer,
            &s.state,
            s.exec.as_ref(),
            s.login.as_ref(),
            &policy,
            &clock,
        ));
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
        summary["guesses"] = json!(guesses);
        summary["candidates_per_credential"] = json!(a.candidates);
        summary["guesses_per_second"] = json!(if elapsed > 0.0 {
            (guesses as f64 / elapsed).round()
        } else {
            0.0
        });
        summary["resumed_after"] = json!(cursor);
        summary["cycle_complete"] = json!(cycle_complete);
        summary["budget_exceeded"] = json!(budget_exceeded);
        summary["remaining"] = json!(subjects.len() - covered);
    }
    let summary_text = summary.to_string();
    // The findings are shown first, then the position moves past the
    // customers they cover: a run cut off part-way loses its progress (the
    // next run repeats it), never a finding.
    render(ctx, &findings, &summary)?;
    ledger.write(|tx| {
        if resumable && cycle_complete {
            // Everyone covered: the next run starts over.
            tx.set_meta(CURSOR, "")?;
        } else if resumable && covered > 0 {
            tx.set_meta(CURSOR, &subjects[covered - 1].customer.code)?;
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

/// Try every customer's guesses on every core. Returns how many customers
/// (a prefix of `subjects`) were fully covered and whether the budget ran
/// out. The caller moves the resumable position with the findings.
fn guess_all(
    policy: &Policy,
    subjects: &[Subject],
    max: usize,
    deadline: Option<Instant>,
    guesses: &AtomicU64,
    hits: &mut [Vec<(Kind, crate::audit::Source)>],
    bar: &indicatif::ProgressBar,
) -> Result<(usize, bool)> {
    let params = password::argon2_params(policy);
    // Fails here, before any thread starts, if the parameters are unusable.
    Hasher::new(params)?;
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let (tx, rx) = mpsc::channel::<Progress>();
    let mut done = vec![false; subjects.len()];
    let mut upto = 0usize;
    let out_of_time = || deadline.is_some_and(|d| Instant::now() >= d);
    std::thread::scope(|s| {
        for _ in 0..password::threads() {
            let tx = tx.clone();
            let (next, stop) = (&next, &stop);
            s.spawn(move || {
                let Ok(mut hasher) = Hasher::new(params) else {
                    stop.store(true, Ordering::Relaxed);
                    return;
                };
                // The budget is checked between customers: a customer once
                // started is finished (the run overruns by at most one
                // customer's guesses), so every customer gets covered.
                loop {
                    if stop.load(Ordering::Relaxed) || out_of_time() {
                        stop.store(true, Ordering::Relaxed);
                        return;
                    }
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(subj) = subjects.get(i) else { return };
                    let mut found = Vec::new();
                    for (kind, cred) in [(Kind::Login, &subj.login), (Kind::Execution, &subj.exec)]
                    {
                        let Some(cred) = cred else { continue };
                        for cand in candidates(&subj.customer, kind, policy, max) {
                            guesses.fetch_add(1, Ordering::Relaxed);
                            if password::matches_stored(&cred.hash, &cand.password, &mut hasher)
                                .unwrap_or(false)
                            {
                                found.push((kind, cand.source));
                                break;
                            }
                        }
                    }
                    if tx.send(Progress::Done(i, found)).is_err() {
                        return;
                    }
                }
            });
        }
        drop(tx);
        for Progress::Done(i, found) in rx.iter() {
            done[i] = true;
            hits[i] = found;
            bar.inc(1);
            while upto < done.len() && done[upto] {
                upto += 1;
            }
        }
    });
    Ok((upto, upto < subjects.len()))
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
                let mut l = Listing::new(&["severity", "customer", "kind", "detail"]);
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
    ]);
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
