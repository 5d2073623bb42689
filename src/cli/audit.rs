//! `acctsec audit`: weak credentials, before an attacker finds them.

use std::time::Duration;

use clap::{Args, Subcommand};
use serde_json::json;

use super::Ctx;
pub use super::parse_duration;
use crate::audit::{Finding, Severity};
use crate::error::{Result, exit};
use crate::messages;
use crate::ops::audit::{self as op, Options, Outcome};
use crate::output::{Format, Listing};

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

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct AuditArgs {
    #[command(subcommand)]
    pub cmd: Option<AuditCmd>,
    /// Also try guesses built from each customer's own data against the stored hashes:
    /// the cheap legacy hashes of every customer first, then the others a band of the
    /// likeliest candidates at a time. Processes on one host or many running this at
    /// once on one ledger divide the work (chunks claimed under a lease; `[audit]` in
    /// the config file names the worker)
    #[arg(long)]
    pub guess: bool,
    /// Exit 1 when a finding at or above this severity exists (guessable passwords
    /// found by earlier runs included, while unchanged). With -q or on a pipe (cron),
    /// only those findings are listed, and nothing at all when there are none;
    /// without --fail-on there, every finding is listed
    #[arg(long, value_enum, value_name = "SEVERITY")]
    pub fail_on: Option<SeverityArg>,
    /// Stop guessing this long after the run started (e.g. 2h, 30m, 90s), for this
    /// process alone: the checks that need no guessing cover every customer first, then
    /// guesses go on until then; the run overruns it by at most one candidate
    /// verification, and the rest of its chunk goes back for the next run (of any
    /// worker) to resume at the next candidate
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub budget: Option<Duration>,
    /// Only this customer
    #[arg(long, value_name = "CODE")]
    pub customer: Option<String>,
    /// Guesses per credential (1 to 100000); a cycle under way keeps the number it
    /// started with
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

fn audit(ctx: &mut Ctx, a: &AuditArgs) -> Result<u8> {
    let fail_on = a.fail_on.map(Severity::from);
    // Cron reads a pipe and mails whatever it prints: there (and with -q)
    // only what --fail-on calls wrong is listed; a person at a terminal
    // sees every finding.
    let unattended = ctx.global.quiet || !ctx.out.terminal().stdout;
    let config = ctx.config()?;
    let options = Options {
        now: ctx.now,
        guess: a.guess,
        customer: a.customer.clone(),
        candidates: a.candidates,
        worker: config
            .audit
            .worker
            .clone()
            .unwrap_or_else(op::work::default_worker),
        chunk: config.audit.chunk.unwrap_or(op::work::CHUNK),
        lease: config.audit.lease.unwrap_or(op::work::LEASE),
        budget: a.budget,
        fail_on,
        list_min: if unattended { fail_on } else { None },
    };
    let mut ledger = ctx.open()?;
    let outcome = op::run(&mut ledger, &options, &super::progress::Bar::new(&ctx.out))?;
    render(ctx, &outcome)?;
    Ok(if outcome.failing() > 0 {
        exit::NO
    } else {
        exit::OK
    })
}

fn render(ctx: &mut Ctx, o: &Outcome) -> Result<()> {
    match ctx.format() {
        Format::Json => ctx.out.json(&json!({
            "findings": o.findings.iter().map(finding_json).collect::<Vec<_>>(),
            "summary": o.summary,
        })),
        Format::Csv => {
            let mut l = Listing::new(&["customer", "kind", "severity", "detail"]);
            for f in &o.findings {
                l.push(vec![
                    json!(f.customer),
                    json!(f.kind.as_str()),
                    json!(f.severity.as_str()),
                    json!(messages::audit_finding_detail(f)),
                ]);
            }
            ctx.out.listing(&l)
        }
        Format::Table => render_table(ctx, o),
    }
}

fn finding_json(f: &Finding) -> serde_json::Value {
    let mut o = json!({
        "customer": f.customer,
        "kind": f.kind.as_str(),
        "severity": f.severity.as_str(),
        "detail": messages::audit_finding_detail(f),
    });
    // Found by an earlier run, and still holding.
    if let Some(at) = &f.found_at {
        o["found_at"] = json!(crate::clock::stored_to_jst(at));
    }
    o
}

fn render_table(ctx: &mut Ctx, o: &Outcome) -> Result<()> {
    // Cron reads a pipe: silence there unless something is listed (what
    // --fail-on calls wrong; any finding without it).
    let text = messages::audit_summary(&o.summary);
    if o.findings.is_empty() {
        return ctx.out.note(&text);
    }
    let mut l = Listing::new(&["severity", "customer", "kind", "detail"]).key("customer");
    for f in &o.findings {
        l.push(vec![
            json!(f.severity.as_str().to_uppercase()),
            json!(f.customer),
            json!(f.kind.as_str()),
            json!(messages::audit_finding_detail(f)),
        ]);
    }
    ctx.out.listing(&l)?;
    ctx.out.summary(&text)
}

fn history(ctx: &mut Ctx, limit: Option<u64>) -> Result<u8> {
    let runs = op::history(&ctx.open()?, limit)?;
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
        "worker",
        "cycle",
        "chunks",
        "share",
    ])
    .narrow(&[
        "seconds",
        "by_severity",
        "budget_exceeded",
        "chunks",
        "cycle",
        "findings",
        "guesses",
        "share",
    ]);
    for r in runs {
        l.push(vec![
            json!(r.id),
            json!(crate::clock::stored_to_jst(&r.started_at)),
            json!(r.seconds),
            json!(r.guess),
            json!(r.customers),
            json!(r.guesses),
            json!(r.findings),
            json!(r.by_severity),
            json!(r.cycle_complete),
            json!(r.budget_exceeded),
            json!(r.worker),
            json!(r.cycle),
            json!(r.chunks),
            json!(r.share),
        ]);
    }
    ctx.out.listing(&l)?;
    Ok(exit::OK)
}
