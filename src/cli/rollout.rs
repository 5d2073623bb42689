//! `acctsec rollout`: the switch-over schedule and progress against it (I4).

use chrono::{DateTime, Utc};
use clap::Subcommand;
use serde_json::json;

use super::Ctx;
use crate::clock::to_jst;
use crate::error::{Error, Result, exit};
use crate::ledger::Read;
use crate::messages;
use crate::ops;
use crate::output::Format;
use crate::rollout::{self, Phase, Schedule};

#[derive(Debug, Subcommand)]
pub enum RolloutCmd {
    /// Record the schedule (times in JST unless an offset is given)
    Set {
        /// Start of the pre-registration period (e.g. 2022-08-22)
        #[arg(long, value_name = "DATETIME")]
        pre_start: String,
        /// End of the pre-registration period (e.g. "2022-09-17 23:59")
        #[arg(long, value_name = "DATETIME")]
        pre_end: String,
        /// Enforcement start (e.g. "2022-09-18 18:00")
        #[arg(long, value_name = "DATETIME")]
        enforce: String,
    },
    /// Customers by execution-password state, and time left
    Status,
}

pub fn run(ctx: &mut Ctx, cmd: RolloutCmd) -> Result<u8> {
    match cmd {
        RolloutCmd::Set {
            pre_start,
            pre_end,
            enforce,
        } => set(ctx, &pre_start, &pre_end, &enforce),
        RolloutCmd::Status => status(ctx),
    }
}

fn moment(flag: &str, v: &str) -> Result<DateTime<Utc>> {
    crate::clock::parse_moment(v).ok_or_else(|| Error::Usage(messages::bad_moment(flag, v)))
}

fn set(ctx: &mut Ctx, pre_start: &str, pre_end: &str, enforce: &str) -> Result<u8> {
    let s = Schedule::new(
        moment("--pre-start", pre_start)?,
        moment("--pre-end", pre_end)?,
        moment("--enforce", enforce)?,
    )
    .map_err(|_| Error::Usage(messages::schedule_out_of_order()))?;
    let mut ledger = ctx.open()?;
    ops::rollout::set(&mut ledger, &s)?;
    if s.pre_end < ledger.now()? {
        ctx.out
            .warn(&messages::schedule_in_the_past(&to_jst(s.pre_end)));
    }
    ctx.out.done(
        &messages::schedule_recorded(&to_jst(s.pre_start), &to_jst(s.pre_end), &to_jst(s.enforce)),
        &[
            ("pre_start", json!(to_jst(s.pre_start))),
            ("pre_end", json!(to_jst(s.pre_end))),
            ("enforce", json!(to_jst(s.enforce))),
        ],
    )?;
    Ok(exit::OK)
}

/// A schedule as the audit trail records it (JST).
fn status(ctx: &mut Ctx) -> Result<u8> {
    let ledger = ctx.open()?;
    let counts = ledger.state_counts()?;
    let sched = ledger.rollout_schedule()?;
    // The phase and the time left by the ledger's clock (the server's on
    // PostgreSQL), as `audit` and issuance judge them.
    let (now, table) = (ledger.now()?, ctx.format() == Format::Table);
    let at = |f: fn(&Schedule) -> DateTime<Utc>| json!(sched.as_ref().map(|s| to_jst(f(s))));
    let left = |f: fn(&Schedule) -> DateTime<Utc>| {
        let secs = sched.as_ref().map(|s| rollout::seconds_left(now, f(s)));
        match secs {
            Some(secs) if table => json!(messages::duration(secs)),
            _ => json!(secs),
        }
    };
    ctx.out.record(&[
        ("customers", json!(counts.customers)),
        ("none", json!(counts.none)),
        ("initial", json!(counts.initial)),
        ("set", json!(counts.set)),
        ("locked", json!(counts.locked)),
        (
            "done_percent",
            json!(rollout::done_percent(counts.set, counts.customers)),
        ),
        ("phase", json!(Phase::of(sched.as_ref(), now).as_str())),
        ("pre_start", at(|s| s.pre_start)),
        ("pre_end", at(|s| s.pre_end)),
        ("enforce", at(|s| s.enforce)),
        ("seconds_to_pre_end", left(|s| s.pre_end)),
        ("seconds_to_enforce", left(|s| s.enforce)),
    ])?;
    super::render::unfinished_runs(ctx, &ledger)?;
    Ok(exit::OK)
}
