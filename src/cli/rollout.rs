//! `acctsec rollout`: the switch-over schedule and progress against it (I4).

use chrono::{DateTime, Utc};
use clap::Subcommand;
use serde_json::json;

use super::Ctx;
use crate::error::{Error, Result, exit};
use crate::ledger::{Entry, Ledger, Read};
use crate::messages;
use crate::output::Format;

pub const PRE_START: &str = "rollout.pre_start";
pub const PRE_END: &str = "rollout.pre_end";
pub const ENFORCE: &str = "rollout.enforce";

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

/// The recorded schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Schedule {
    pub pre_start: DateTime<Utc>,
    pub pre_end: DateTime<Utc>,
    pub enforce: DateTime<Utc>,
}

pub fn schedule(ledger: &Ledger) -> Result<Option<Schedule>> {
    let get = |k| -> Result<Option<DateTime<Utc>>> {
        Ok(ledger.meta(k)?.and_then(|s| crate::clock::from_stored(&s)))
    };
    Ok(match (get(PRE_START)?, get(PRE_END)?, get(ENFORCE)?) {
        (Some(pre_start), Some(pre_end), Some(enforce)) => Some(Schedule {
            pre_start,
            pre_end,
            enforce,
        }),
        _ => None,
    })
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
    let s = Schedule {
        pre_start: moment("--pre-start", pre_start)?,
        pre_end: moment("--pre-end", pre_end)?,
        enforce: moment("--enforce", enforce)?,
    };
    if !(s.pre_start < s.pre_end && s.pre_end <= s.enforce) {
        return Err(Error::Usage(messages::schedule_out_of_order()));
    }
    let mut ledger = ctx.open()?;
    let old = schedule(&ledger)?;
    ledger.write(|tx| {
        for (k, v) in [
            (PRE_START, s.pre_start),
            (PRE_END, s.pre_end),
            (ENFORCE, s.enforce),
        ] {
            tx.set_meta(k, &crate::clock::to_stored(v))?;
        }
        let show = |s: &Schedule| {
            json!({
                "pre_start": crate::clock::to_jst(s.pre_start),
                "pre_end": crate::clock::to_jst(s.pre_end),
                "enforce": crate::clock::to_jst(s.enforce),
            })
        };
        tx.audit(Entry {
            action: "rollout.set",
            customer: None,
            reason: None,
            details: json!({ "old": old.as_ref().map(show), "new": show(&s) }),
        })?;
        Ok(())
    })?;
    if s.pre_end < ctx.now {
        ctx.out
            .warn(&messages::schedule_in_the_past(&crate::clock::to_jst(
                s.pre_end,
            )));
    }
    ctx.out.status(&messages::schedule_recorded(
        &crate::clock::to_jst(s.pre_start),
        &crate::clock::to_jst(s.pre_end),
        &crate::clock::to_jst(s.enforce),
    ));
    Ok(exit::OK)
}

fn status(ctx: &mut Ctx) -> Result<u8> {
    let ledger = ctx.open()?;
    let counts = ledger.state_counts()?;
    let sched = schedule(&ledger)?;
    let now = ctx.now;
    let done_pct = if counts.customers == 0 {
        0.0
    } else {
        (counts.set as f64 * 1000.0 / counts.customers as f64).round() / 10.0
    };
    let left = |t: DateTime<Utc>| (t - now).num_seconds().max(0);
    let phase = match sched {
        None => "unscheduled",
        Some(s) if now < s.pre_start => "before_pre_registration",
        Some(s) if now < s.pre_end => "pre_registration",
        Some(s) if now < s.enforce => "awaiting_enforcement",
        Some(_) => "enforced",
    };
    let fields = vec![
        ("customers", json!(counts.customers)),
        ("none", json!(counts.none)),
        ("initial", json!(counts.initial)),
        ("set", json!(counts.set)),
        ("locked", json!(counts.locked)),
        ("done_percent", json!(done_pct)),
        ("phase", json!(phase)),
        (
            "pre_start",
            json!(sched.map(|s| crate::clock::to_jst(s.pre_start))),
        ),
        (
            "pre_end",
            json!(sched.map(|s| crate::clock::to_jst(s.pre_end))),
        ),
        (
            "enforce",
            json!(sched.map(|s| crate::clock::to_jst(s.enforce))),
        ),
        ("seconds_to_pre_end", json!(sched.map(|s| left(s.pre_end)))),
        ("seconds_to_enforce", json!(sched.map(|s| left(s.enforce)))),
    ];
    if ctx.format() == Format::Table {
        let mut shown = fields.clone();
        for (k, v) in shown.iter_mut() {
            if k.starts_with("seconds_to_")
                && let Some(secs) = v.as_i64()
            {
                *v = json!(messages::duration(secs));
            }
        }
        ctx.out.record(&shown)?;
    } else {
        ctx.out.record(&fields)?;
    }
    Ok(exit::OK)
}
