//! `acctsec lock` and `acctsec unlock`: staff locks, unlocks, and fresh
//! initial passwords for customers who forgot theirs (L2, L3).

use std::path::PathBuf;

use clap::{Args, Subcommand};
use serde_json::json;

use super::Ctx;
use crate::customer::{AccountState, Customer, mask_email};
use crate::error::{Error, Result, exit};
use crate::issuance;
use crate::ledger::Read;
use crate::messages;
use crate::ops::{
    self,
    gate::{Gated, Via},
    lock::UnlockOptions,
};
use crate::output::Listing;

#[derive(Debug, Subcommand)]
pub enum LockCmd {
    /// Locked accounts: since when, why, failures
    List,
    /// Lock an account (e.g. suspected takeover)
    Add {
        /// The customer code
        #[arg(value_parser = super::args::code_arg)]
        code: String,
        /// Why (written to the audit trail; plain text, one line)
        #[arg(long, value_name = "TEXT", value_parser = super::parse_reason)]
        reason: String,
    },
}

#[derive(Debug, Args)]
pub struct UnlockArgs {
    /// The customers to unlock
    #[arg(value_name = "CODE", value_parser = super::args::code_arg)]
    pub codes: Vec<String>,
    /// The customers listed in a file, one code a line
    #[arg(long = "codes", value_name = "FILE")]
    pub codes_file: Option<PathBuf>,
    /// Why (written to the audit trail; plain text, one line)
    #[arg(long, value_name = "TEXT", value_parser = super::parse_reason)]
    pub reason: String,
    /// Also issue a fresh initial execution password (needs --out, unless the policy sends it for approval: then the approver gives --out)
    #[arg(long)]
    pub reissue: bool,
    /// Where the fresh passwords go (CSV, 0600, never overwritten)
    #[arg(long, value_name = "FILE", requires = "reissue")]
    pub out: Option<PathBuf>,
}

pub fn run(ctx: &mut Ctx, cmd: LockCmd) -> Result<u8> {
    match cmd {
        LockCmd::List => list(ctx),
        LockCmd::Add { code, reason } => add(ctx, &code, &reason),
    }
}

fn list(ctx: &mut Ctx) -> Result<u8> {
    let ledger = ctx.open()?;
    let mut l = Listing::new(&[
        "customer",
        "locked_at",
        "reason",
        "failures",
        "locked_by",
        "login_failures",
    ]);
    for a in ledger.locked_accounts()? {
        l.push(vec![
            json!(a.customer),
            json!(crate::clock::stored_to_jst(&a.lock.at)),
            json!(messages::lock_reason(&a.lock.reason)),
            json!(a.failures),
            json!(a.lock.by),
            json!(a.login_failures),
        ]);
    }
    ctx.out.listing(&l)?;
    Ok(exit::OK)
}

fn add(ctx: &mut Ctx, code: &str, reason: &str) -> Result<u8> {
    let mut ledger = ctx.open()?;
    let locked = ops::lock::add(&mut ledger, code, reason)?;
    ctx.out.done(
        &if locked {
            messages::locked(code)
        } else {
            messages::already_locked(code)
        },
        &[
            ("customer", json!(code)),
            ("locked", json!(true)),
            ("changed", json!(locked)),
        ],
    )?;
    Ok(exit::OK)
}

pub fn unlock(ctx: &mut Ctx, a: UnlockArgs) -> Result<u8> {
    // Each customer once, in the order given (a repeated code would get two
    // fresh passwords of which only the first is stored).
    let codes = issuance::named_codes(&a.codes, a.codes_file.as_deref())?;
    if codes.is_empty() {
        return Err(Error::UnlockNeedsCodes);
    }
    let o = UnlockOptions {
        codes,
        reason: a.reason,
        reissue: a.reissue,
        out: a.out,
    };
    let mut ledger = ctx.open()?;
    let plan = ops::lock::plan(&ledger, &o)?;
    if plan.held {
        if let Some(out) = &o.out {
            ctx.out.warn(&messages::request::out_goes_to_approver(out));
        }
    } else {
        if o.reissue && o.out.is_none() {
            return Err(Error::ReissueNeedsOut);
        }
        if !confirm_unlock(ctx, &plan.customers, o.reissue)? {
            ctx.out
                .done(&messages::cancelled(), &[("cancelled", json!(true))])?;
            return Ok(exit::NO);
        }
    }
    let bar = super::progress::Bar::new(&ctx.out);
    match ops::lock::unlock(&mut ledger, &o, Via::Direct, &bar)? {
        Gated::Pending(p) => super::pending(ctx, &p),
        Gated::Done(done) => super::render::unlocked(ctx, o.out.as_deref(), &done),
    }
}

/// Show the locked customers (on a terminal) and ask: unlocking, and
/// replacing a password (irreversible) even when nobody is locked.
fn confirm_unlock(
    ctx: &mut Ctx,
    customers: &[(Customer, AccountState)],
    reissue: bool,
) -> Result<bool> {
    let locked: Vec<_> = customers
        .iter()
        .filter_map(|(c, s)| s.lock.as_ref().map(|lock| (c, s.failures, lock)))
        .collect();
    if locked.is_empty() && !reissue {
        return Ok(true);
    }
    if ctx.interactive() && !ctx.global.yes {
        for (c, failures, lock) in &locked {
            ctx.out.status(&messages::unlock_line(
                &c.code,
                &c.name,
                c.email_pc.as_deref().map(mask_email).as_deref(),
                *failures,
                &crate::clock::stored_to_jst(&lock.at),
                &lock.reason,
            ));
        }
    }
    ctx.confirm(&if locked.is_empty() {
        messages::confirm_reissue(customers.len())
    } else {
        messages::confirm_unlock(locked.len(), reissue)
    })
}
