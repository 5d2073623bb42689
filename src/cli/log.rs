//! `acctsec log`: list, verify and ship the head of the audit trail.

use clap::{Args, Subcommand};
use serde_json::{Value, json};

use super::Ctx;
use crate::error::{Error, Result, exit};
use crate::ledger::{Head, LogFilter, Read, Tamper, TamperKind};
use crate::messages;
use crate::output::{Format, Listing};

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
    /// Only the newest N matching entries
    #[arg(long, value_name = "N")]
    pub limit: Option<u64>,
}

#[derive(Debug, Subcommand)]
pub enum LogCmd {
    /// Check the hash chain; exit 1 naming the first bad entry
    Verify {
        /// A head shipped earlier by `acctsec log head`: also detect truncation after it
        #[arg(long, value_name = "SEQ:HASH")]
        head: Option<String>,
    },
    /// Print the newest sequence number and hash (SEQ:HASH)
    Head,
}

pub fn run(ctx: &mut Ctx, a: LogArgs) -> Result<u8> {
    match a.cmd {
        None => list(ctx, a.list),
        Some(LogCmd::Head) => head(ctx),
        Some(LogCmd::Verify { head }) => verify(ctx, head.as_deref()),
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
        customer: a.customer,
        since,
        action: a.action,
        limit: a.limit,
    })?;
    let json = ctx.format() == Format::Json;
    let mut l = Listing::new(&[
        "seq", "at", "operator", "action", "customer", "reason", "details",
    ]);
    for r in rows {
        let details = if json {
            serde_json::from_str(&r.details).unwrap_or(Value::String(r.details))
        } else {
            Value::String(r.details)
        };
        l.push(vec![
            json!(r.seq),
            json!(crate::clock::stored_to_jst(&r.at)),
            json!(r.operator),
            json!(r.action),
            json!(r.customer),
            json!(r.reason),
            details,
        ]);
    }
    ctx.out.listing(&l)?;
    Ok(exit::OK)
}

fn head(ctx: &mut Ctx) -> Result<u8> {
    let ledger = ctx.open()?;
    let Some(h) = ledger.head()? else {
        ctx.out.status(&messages::log_empty_head());
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

fn verify(ctx: &mut Ctx, head: Option<&str>) -> Result<u8> {
    let known = match head {
        None => None,
        Some(s) => Some(Head::parse(s).ok_or_else(|| Error::Usage(messages::bad_head(s)))?),
    };
    let ledger = ctx.open()?;
    let (count, tamper) = ledger.verify_log(known.as_ref())?;
    let current = ledger.head()?;
    match ctx.format() {
        Format::Json => {
            let doc = json!({
                "ok": tamper.is_none(),
                "entries": count,
                "head": current.as_ref().map(|h| h.to_string()),
                "first_bad": tamper.as_ref().map(|t| json!({
                    "seq": t.seq,
                    "problem": problem_code(&t.kind),
                    "message": problem_text(t),
                })),
            });
            ctx.out.json(&doc)?;
        }
        Format::Csv => {
            let mut l = Listing::new(&["ok", "entries", "first_bad", "problem"]);
            l.push(vec![
                json!(tamper.is_none()),
                json!(count),
                json!(tamper.as_ref().map(|t| t.seq)),
                json!(tamper.as_ref().map(|t| problem_code(&t.kind))),
            ]);
            ctx.out.listing(&l)?;
        }
        Format::Table => match &tamper {
            None => {
                let head = current.as_ref().map(|h| (h.seq, h.hash.as_str()));
                ctx.out.summary(&messages::log_intact(count, head))?
            }
            Some(t) => ctx
                .out
                .line(&messages::log_tampered(t.seq, &problem_text(t)))?,
        },
    }
    Ok(if tamper.is_none() { exit::OK } else { exit::NO })
}

fn problem_code(k: &TamperKind) -> &'static str {
    match k {
        TamperKind::HashMismatch => "hash_mismatch",
        TamperKind::BrokenLink => "broken_link",
        TamperKind::Gap { .. } => "sequence_gap",
        TamperKind::HeadMissing => "truncated",
        TamperKind::HeadDiffers => "head_differs",
    }
}

fn problem_text(t: &Tamper) -> String {
    match t.kind {
        TamperKind::HashMismatch => messages::tamper_hash_mismatch(),
        TamperKind::BrokenLink => messages::tamper_broken_link(),
        TamperKind::Gap { .. } => messages::tamper_gap(t.seq),
        TamperKind::HeadMissing => messages::tamper_head_missing(t.seq),
        TamperKind::HeadDiffers => messages::tamper_head_differs(),
    }
}
