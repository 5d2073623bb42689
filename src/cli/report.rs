//! `acctsec report`: rollout progress and security posture as one
//! self-contained HTML page (inline SVG charts, no scripts), or the same
//! series as data (`--format json`; the daily series with table/csv).

use std::path::PathBuf;

use clap::Args;
use serde_json::json;

use super::Ctx;
use crate::error::{Error, Result, exit};
use crate::messages;
use crate::ops;
use crate::output::{Format, Listing};
use crate::report;

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Write the page here (HTML; never over an existing file)
    #[arg(long, value_name = "FILE.html")]
    out: Option<PathBuf>,
    /// First day shown (JST) [default: the pre-registration start]
    #[arg(long, value_name = "DATE")]
    since: Option<String>,
}

pub fn run(ctx: &mut Ctx, a: ReportArgs) -> Result<u8> {
    let since = a
        .since
        .as_deref()
        .map(|s| {
            crate::clock::parse_moment(s)
                .ok_or_else(|| Error::Usage(messages::bad_moment("--since", s)))
        })
        .transpose()?;
    if let Some(out) = &a.out {
        crate::secretfile::ensure_absent(out)?;
    }
    let ledger = ctx.open()?;
    let rep = ops::report::build(&ledger, since)?;
    drop(ledger);
    if let Some(out) = &a.out {
        let page = report::html::page(&rep, &messages::report_labels(&rep));
        crate::secretfile::write_new_mode(out, page.as_bytes(), 0o644)?;
        if ctx.format() != Format::Json {
            ctx.out.outcome(
                &messages::report_written(out, rep.from, rep.to),
                &[
                    ("file", json!(out.display().to_string())),
                    ("from", json!(rep.from.to_string())),
                    ("to", json!(rep.to.to_string())),
                ],
            )?;
        }
    }
    match ctx.format() {
        Format::Json => {
            let doc =
                serde_json::to_value(&rep).map_err(|e| Error::stdout(std::io::Error::other(e)))?;
            ctx.out.json(&doc)?;
        }
        _ if a.out.is_none() => days(ctx, &rep)?,
        _ => {}
    }
    Ok(exit::OK)
}

/// The report's days as a table (or CSV), and the projection.
fn days(ctx: &mut Ctx, rep: &report::Report) -> Result<()> {
    let mut l = Listing::new(&[
        "date",
        "customers",
        "none",
        "initial",
        "set",
        "locked",
        "locks",
        "unlocks",
        "failed_verifications",
        "notices_queued",
        "notices_sent",
    ]);
    for d in &rep.days {
        l.push(vec![
            json!(d.date.to_string()),
            json!(d.customers),
            json!(d.none),
            json!(d.initial),
            json!(d.set),
            json!(d.locked),
            json!(d.locks),
            json!(d.unlocks),
            json!(d.failed_verifications),
            json!(d.notices_queued),
            json!(d.notices_sent),
        ]);
    }
    ctx.out.listing(&l)?;
    if let Some(p) = &rep.projection {
        ctx.out.note(&messages::report_projection(p))?;
    }
    Ok(())
}
