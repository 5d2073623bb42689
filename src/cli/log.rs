//! `acctsec log`: list, verify and ship the head of the audit trail; seal it
//! with a key kept outside the ledger, and make that key.

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use serde_json::{Value, json};

use super::Ctx;
use crate::customer::batch;
use crate::error::{Error, Result, exit};
use crate::ledger::{Head, LogFilter, Read, Tamper, TamperKind, TrailGuard, TrailSnapshot};
use crate::messages;
use crate::ops::{self, trail::Sealed};
use crate::output::{Format, Listing};
use crate::seal::{SealProblem, SealReport, SigningKey};

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct LogArgs {
    #[command(subcommand)]
    pub cmd: Option<LogCmd>,
    #[command(flatten)]
    pub list: ListArgs,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only entries about this customer
    #[arg(long, value_name = "CODE")]
    pub customer: Option<String>,
    /// Only entries at or after this date (YYYY-MM-DD, JST) or time (RFC 3339)
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Only this action, or a family of actions (`customer` matches `customer.import`)
    #[arg(long, value_name = "ACTION")]
    pub action: Option<String>,
    /// Only entries written by this authenticated identity (the OS user, or the database user on PostgreSQL; not --operator)
    #[arg(long, value_name = "NAME")]
    pub identity: Option<String>,
    /// Only the newest N matching entries
    #[arg(long, value_name = "N")]
    pub limit: Option<u64>,
}

#[derive(Debug, Subcommand)]
pub enum LogCmd {
    /// Check the hash chain, and the seals with the configured public keys; exit 1 naming where
    Verify {
        /// A head shipped earlier by `acctsec log head` (the hash in full, or its first 8 or more hex digits): also detect truncation after it
        #[arg(long, value_name = "SEQ:HASH")]
        head: Option<String>,
    },
    /// Print the newest sequence number and hash (SEQ:HASH)
    Head,
    /// Sign the head with the configured signing key and store the seal (for cron; -q: silent)
    Seal {
        /// Start a new series of seals: the first one, or the first after the newest got older than max_seal_age
        #[arg(long)]
        start: bool,
    },
    /// Make a key pair for sealing: the private key into FILE (0600), the public key printed
    Keygen {
        /// Where to write the private key (never overwritten)
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
}

pub fn run(ctx: &mut Ctx, a: LogArgs) -> Result<u8> {
    match a.cmd {
        None => list(ctx, a.list),
        Some(LogCmd::Head) => head(ctx),
        Some(LogCmd::Verify { head }) => verify(ctx, head.as_deref()),
        Some(LogCmd::Seal { start }) => seal(ctx, start),
        Some(LogCmd::Keygen { out }) => keygen(ctx, &out),
    }
}

fn list(ctx: &mut Ctx, a: ListArgs) -> Result<u8> {
    let since = match &a.since {
        None => None,
        Some(s) => Some(
            crate::clock::parse_moment(s).ok_or_else(|| Error::Usage(messages::bad_since(s)))?,
        ),
    };
    let ledger = ctx.open()?;
    let rows = ledger.log(&LogFilter {
        customer: a.customer.clone(),
        since,
        action: a.action,
        identity: a.identity,
        limit: a.limit,
    })?;
    let json = ctx.format() == Format::Json;
    let mut l = Listing::new(&[
        "seq", "at", "identity", "operator", "action", "customer", "reason", "details",
    ])
    .narrow(&["details", "operator", "reason"])
    .max_width("identity", 12)
    .max_width("operator", 12)
    .max_width("action", 20)
    .max_width("reason", 10);
    for r in rows {
        l.push(entry_row(r, a.customer.as_deref(), json));
    }
    ctx.out.listing(&l)?;
    Ok(exit::OK)
}

/// One entry as `log` lists it. A bulk import's round entry names
/// thousands of customers: under --customer it shows what it says of that
/// one, in a table its counts; JSON without --customer carries it whole. (A
/// table shows details as text.)
fn entry_row(r: crate::ledger::AuditRow, about: Option<&str>, json: bool) -> Vec<Value> {
    let shown = |d: Option<Value>| match d {
        Some(d) if !json => Value::String(d.to_string()),
        d => d.unwrap_or(Value::Null),
    };
    let (customer, details) = match (about, r.action == batch::ACTION) {
        (Some(code), true) => (Some(code.to_string()), shown(r.batch_about(code))),
        (None, true) if !json => (
            None,
            shown(
                serde_json::from_str(&r.details)
                    .ok()
                    .map(|d| batch::summary(&d)),
            ),
        ),
        _ if json => (
            r.customer,
            serde_json::from_str(&r.details).unwrap_or(Value::String(r.details)),
        ),
        _ => (r.customer, Value::String(r.details)),
    };
    // An automatic lock's reason is stored as a code: worded for the reader.
    let reason = match r.reason {
        Some(code) if r.action == "lock.auto" => Some(messages::lock_reason(&code)),
        reason => reason,
    };
    vec![
        json!(r.seq),
        json!(crate::clock::stored_to_jst(&r.at)),
        json!(r.identity),
        json!(r.operator),
        json!(r.action),
        json!(customer),
        json!(reason),
        details,
    ]
}

fn head(ctx: &mut Ctx) -> Result<u8> {
    let ledger = ctx.open()?;
    let Some(h) = ledger.head()? else {
        ctx.out.done(
            &messages::log_empty_head(),
            &[("seq", json!(0)), ("hash", Value::Null)],
        )?;
        return Ok(exit::OK);
    };
    match ctx.format() {
        Format::Table => ctx.out.line(&h.to_string())?,
        Format::Json | Format::Csv => ctx
            .out
            .record(&[("seq", json!(h.seq)), ("hash", json!(h.hash))])?,
    }
    Ok(exit::OK)
}

/// One thing wrong with the trail, as `verify` and `seal` report it.
struct Problem {
    code: &'static str,
    /// The entry it is about (none: no seal at all).
    seq: Option<u64>,
    /// The line a person reads.
    line: String,
}

impl Problem {
    fn json(&self) -> Value {
        json!({ "problem": self.code, "seq": self.seq, "message": self.line })
    }
}

/// The chain's problem (if any), then the seals'.
fn problems(snap: &TrailSnapshot, seals: Option<&SealReport>) -> Vec<Problem> {
    let mut out = Vec::new();
    if let Some(t) = &snap.tamper {
        let what = problem_text(t, snap.count);
        let line = match t.kind {
            TamperKind::HeadMissing | TamperKind::HeadDiffers => {
                messages::trail::changed_at_or_before(t.seq, &what)
            }
            _ => messages::log_tampered(t.seq, &what),
        };
        out.push(Problem {
            code: problem_code(&t.kind),
            seq: Some(t.seq),
            line,
        });
    }
    for pr in seals.map(|r| r.problems.as_slice()).unwrap_or_default() {
        let (code, seq) = match pr {
            SealProblem::Rewritten { seq, .. } => ("seal_mismatch", Some(*seq)),
            SealProblem::BadSignature { seq, .. } => ("seal_bad_signature", Some(*seq)),
            SealProblem::UnknownKey { seq, .. } => ("seal_unknown_key", Some(*seq)),
            SealProblem::Stale { newest, .. } => ("seal_stale", newest.as_ref().map(|n| n.0)),
        };
        out.push(Problem {
            code,
            seq,
            line: messages::trail::seal_problem(pr),
        });
    }
    out
}

fn verify(ctx: &mut Ctx, head: Option<&str>) -> Result<u8> {
    let known = match head {
        None => None,
        Some(s) => Some(Head::parse(s).ok_or_else(|| Error::Usage(messages::bad_head(s)))?),
    };
    if let Some(h) = known
        .as_ref()
        .filter(|h| h.hash.len() < Head::STRONG_PREFIX)
    {
        ctx.out.warn(&messages::weak_head_prefix(h.hash.len()));
    }
    let config = ctx.config()?;
    let ledger = ctx.open()?;
    let keys = config.trail.keys();
    let max_age = config.trail.max_seal_age;
    let checked = ops::trail::verify(&ledger, known.as_ref(), &keys, max_age)?;
    if let Some(g) = &checked.guard {
        guard_warnings(ctx, g);
    }
    let shown = Shown {
        checked: &checked,
        known: known.as_ref(),
        keys: keys.trusted.len(),
        max_age,
        problems: problems(&checked.snap, checked.report.as_ref()),
    };
    match ctx.format() {
        Format::Json => ctx.out.json(&verify_json(&shown))?,
        Format::Csv => {
            let mut l = Listing::new(&["ok", "entries", "first_bad", "problem"]);
            let first = shown.problems.first();
            l.push(vec![
                json!(shown.problems.is_empty()),
                json!(checked.snap.count),
                json!(first.and_then(|p| p.seq)),
                json!(first.map(|p| p.code)),
            ]);
            ctx.out.listing(&l)?;
        }
        Format::Table => verify_table(ctx, &shown)?,
    }
    Ok(if shown.problems.is_empty() {
        exit::OK
    } else {
        exit::NO
    })
}

/// What is wrong with how the server guards the trail, on stderr: the
/// chain may still verify, but it no longer proves who wrote it, or when.
/// (A test cluster's clock role is expected where the tests run: debug
/// builds.)
fn guard_warnings(ctx: &Ctx, g: &TrailGuard) {
    if !g.server_appends {
        ctx.out.warn(&messages::trail::server_guard_missing());
    }
    if !g.writers.is_empty() {
        let roles: Vec<String> = g
            .writers
            .iter()
            .map(|r| crate::sanitize::sanitize(r))
            .collect();
        ctx.out.warn(&messages::trail::server_guard_writers(&roles));
    }
    if g.test_clock && !cfg!(debug_assertions) {
        ctx.out.warn(&messages::trail::server_guard_test_clock());
    }
}

/// What `log verify` found, ready to show.
struct Shown<'a> {
    checked: &'a ops::trail::Checked,
    known: Option<&'a Head>,
    /// How many trusted keys are configured.
    keys: usize,
    max_age: Option<std::time::Duration>,
    problems: Vec<Problem>,
}

fn verify_json(v: &Shown) -> Value {
    let (snap, report) = (&v.checked.snap, v.checked.report.as_ref());
    let mut checked = vec!["chain"];
    if v.known.is_some() {
        checked.push("head");
    }
    if report.is_some() {
        checked.push("seals");
    }
    let seals = report.map(|r| {
        json!({
            "keys": v.keys,
            "stored": r.stored,
            "good": r.good,
            "newest": r.newest_good.as_ref().map(|s| json!({
                "seq": s.seq,
                "sealed_at": crate::clock::stored_to_jst(&s.sealed_at),
                "key": s.key,
            })),
            "max_seal_age": v.max_age.map(|a| messages::trail::duration(a.as_secs())),
        })
    });
    json!({
        "ok": v.problems.is_empty(),
        "entries": snap.count,
        "head": snap.head.as_ref().map(|h| h.to_string()),
        "first_bad": snap.tamper.as_ref().map(|t| json!({
            "seq": t.seq,
            "problem": problem_code(&t.kind),
            "message": problem_text(t, snap.count),
        })),
        "checked": checked,
        "seals": seals,
        "server": v.checked.guard.as_ref().map(|g| json!({
            "appends_trail": g.server_appends,
            "direct_writers": g.writers,
            "test_clock": g.test_clock,
        })),
        "problems": v.problems.iter().map(Problem::json).collect::<Vec<_>>(),
    })
}

fn verify_table(ctx: &mut Ctx, v: &Shown) -> Result<()> {
    for p in &v.problems {
        ctx.out.line(&p.line)?;
    }
    if !v.problems.is_empty() {
        return Ok(());
    }
    let snap = &v.checked.snap;
    let head = snap.head.as_ref().map(|h| (h.seq, h.hash.as_str()));
    ctx.out.summary(&messages::log_intact(snap.count, head))?;
    if v.checked
        .guard
        .as_ref()
        .is_some_and(|g| g.server_appends && g.writers.is_empty())
    {
        ctx.out.status(&messages::trail::server_guard_ok());
    }
    match &v.checked.report {
        Some(r) => {
            let newest = r
                .newest_good
                .as_ref()
                .map(|s| (s.seq, s.sealed_at.as_str(), s.key.as_str()));
            ctx.out.summary(&messages::trail::sealed_summary(
                newest, r.good, r.stored, v.keys, snap.count,
            ))?;
            if v.max_age.is_none() {
                ctx.out.status(&messages::trail::no_max_seal_age());
            }
        }
        None => ctx.out.status(&messages::trail::verify_scope_without_keys(
            snap.seals.len(),
            v.known.map(|h| h.seq),
        )),
    }
    Ok(())
}

/// Sign the verified head and store the seal. Refused (exit 1) when the
/// trail does not verify, or when no good seal is recent enough and
/// `--start` was not given: a cron job must not quietly vouch for a trail
/// whose seals were deleted.
fn seal(ctx: &mut Ctx, start: bool) -> Result<u8> {
    let config = ctx.config()?;
    let key = config.trail.signing_key(config.path.as_deref())?;
    let keys = config.trail.keys();
    let own = key.public();
    if keys.retired.contains(&own) {
        return Err(Error::Config {
            what: messages::trail::signing_key_retired(&own.to_string()),
        });
    }
    let mut ledger = ctx.open()?;
    let max_age = config.trail.max_seal_age;
    let json = ctx.format() == Format::Json;
    match ops::trail::seal(&mut ledger, &key, keys, max_age, start)? {
        Sealed::Tampered(c) => {
            let problems = problems(&c.snap, c.report.as_ref());
            if json {
                ctx.out.json(&json!({
                    "sealed": false,
                    "reason": "tampered",
                    "problems": problems.iter().map(Problem::json).collect::<Vec<_>>(),
                }))?;
            } else {
                for p in &problems {
                    ctx.out.line(&p.line)?;
                }
                ctx.out.warn(&messages::trail::seal_refused_tampered());
            }
            Ok(exit::NO)
        }
        Sealed::NeedsStart(c) => needs_start(ctx, &c, max_age),
        Sealed::Empty => {
            ctx.out.done(
                &messages::trail::seal_empty(),
                &[("sealed", json!(false)), ("reason", json!("empty"))],
            )?;
            Ok(exit::OK)
        }
        Sealed::Done { seal, entry } => sealed(ctx, &seal, entry),
    }
}

fn needs_start(
    ctx: &mut Ctx,
    c: &ops::trail::Checked,
    max_age: Option<std::time::Duration>,
) -> Result<u8> {
    let newest = c
        .report
        .as_ref()
        .and_then(|r| r.newest_good.as_ref())
        .map(|s| (s.seq, s.sealed_at.as_str()));
    let msg = messages::trail::seal_needs_start(newest, max_age.map(|a| a.as_secs()));
    if ctx.format() == Format::Json {
        ctx.out
            .json(&json!({ "sealed": false, "reason": "needs_start", "message": msg }))?;
    } else {
        ctx.out.warn(&msg);
    }
    Ok(exit::NO)
}

fn sealed(ctx: &mut Ctx, seal: &crate::seal::Seal, entry: u64) -> Result<u8> {
    ctx.out.outcome(
        &format!(
            "{}:{} {} {} {}",
            seal.seq, seal.head, seal.sealed_at, seal.key, seal.signature
        ),
        &[
            ("seq", json!(seal.seq)),
            ("head", json!(seal.head)),
            ("sealed_at", json!(seal.sealed_at)),
            ("key", json!(seal.key)),
            ("signature", json!(seal.signature)),
            ("entry", json!(entry)),
        ],
    )?;
    Ok(exit::OK)
}

/// A new key pair: the private key into `out` (0600, never overwritten),
/// the public key on stdout.
fn keygen(ctx: &mut Ctx, out: &Path) -> Result<u8> {
    crate::secretfile::ensure_absent(out)?;
    let key = SigningKey::generate().map_err(|_| Error::Config {
        what: messages::trail::keygen_rng_failed(),
    })?;
    let public = key.public().to_string();
    let pem = key.to_pem();
    super::render::new_key_file(
        ctx,
        out,
        pem.as_bytes(),
        &public,
        messages::trail::keygen_done,
    )
}

fn problem_code(k: &TamperKind) -> &'static str {
    match k {
        TamperKind::HashMismatch => "hash_mismatch",
        TamperKind::BrokenLink => "broken_link",
        TamperKind::Gap { .. } => "sequence_gap",
        TamperKind::HeadMissing => "truncated",
        TamperKind::HeadDiffers => "head_differs",
        TamperKind::TimeBackwards { .. } => "time_backwards",
    }
}

/// What is wrong at the entry; `count`: the entries the chain holds.
fn problem_text(t: &Tamper, count: u64) -> String {
    match &t.kind {
        TamperKind::HashMismatch => messages::tamper_hash_mismatch(),
        TamperKind::BrokenLink => messages::tamper_broken_link(),
        TamperKind::Gap { .. } => messages::tamper_gap(t.seq),
        TamperKind::HeadMissing => messages::tamper_head_missing(t.seq, count),
        TamperKind::HeadDiffers => messages::tamper_head_differs(t.seq),
        TamperKind::TimeBackwards { previous } => messages::tamper_time_backwards(
            &crate::clock::stored_to_jst(previous),
            crate::ledger::CLOCK_TOLERANCE_SECS / 60,
        ),
    }
}
