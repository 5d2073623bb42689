//! `acctsec lock` and `acctsec unlock`: staff locks, unlocks, and fresh
//! initial passwords for customers who forgot theirs (L2, L3).

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use serde_json::json;

use super::Ctx;
use crate::customer::{AccountState, Customer, mask_email};
use crate::error::{Error, Result, exit};
use crate::issuance::{self, Outset};
use crate::ledger::{Entry, Ledger, Read, Tx};
use crate::messages;
use crate::notify::{Event, LockCause};
use crate::output::Listing;
use crate::policy::{ApprovalAction, Policy};

use super::request::Claim;

#[derive(Debug, Subcommand)]
pub enum LockCmd {
    /// Locked accounts: since when, why, failures
    List,
    /// Lock an account (e.g. suspected takeover)
    Add {
        /// The customer code
        #[arg(value_parser = super::customer::code_arg)]
        code: String,
        /// Why (written to the audit trail; plain text, one line)
        #[arg(long, value_name = "TEXT", value_parser = super::parse_reason)]
        reason: String,
    },
}

#[derive(Debug, Args)]
pub struct UnlockArgs {
    /// The customers to unlock
    #[arg(value_name = "CODE", value_parser = super::customer::code_arg)]
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
            json!(a.lock.reason),
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
    let locked = ledger.write(|tx| {
        let c = tx.require_customer(code)?;
        if tx.lock_of(code)?.is_some() {
            return Ok(false);
        }
        tx.lock(code, reason)?;
        tx.audit(Entry {
            action: "lock.add",
            customer: Some(code),
            reason: Some(reason),
            details: json!({}),
        })?;
        // The customer reads that the broker locked it, not that they
        // failed their password.
        tx.queue_notices_for(
            &c,
            &Event::AccountLocked {
                cause: LockCause::Staff,
            },
        )?;
        Ok(true)
    })?;
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
        return Err(Error::Usage(messages::unlock_needs_codes()));
    }
    let mut ledger = ctx.open()?;
    let policy = ledger.policy()?;
    let action = if a.reissue {
        ApprovalAction::UnlockReissue
    } else {
        ApprovalAction::LockRemove
    };
    // A reissue lifts the lock too: it waits for approval when either does.
    if policy.approval.requires(action)
        || (a.reissue && policy.approval.requires(ApprovalAction::LockRemove))
    {
        // Everyone must exist before anything is asked for.
        for code in &codes {
            ledger.require_customer(code)?;
        }
        if let Some(out) = &a.out {
            ctx.out.warn(&messages::request::out_goes_to_approver(out));
        }
        return super::request::ask(
            ctx,
            &mut ledger,
            action,
            codes.first().map(String::as_str),
            json!({ "codes": codes }),
            json!({ "customers": codes, "unlock": true, "reissue": a.reissue }),
            Some(&a.reason),
        );
    }
    if a.reissue && a.out.is_none() {
        return Err(Error::Usage(messages::request::reissue_needs_out()));
    }
    carry_out(ctx, &mut ledger, &codes, &a.reason, a.out.as_deref(), None)
}

/// Unlock `codes` (with fresh initial passwords into `out` when given):
/// the direct command (which confirms first) and an approved request
/// (`approval`: the approval is written in the transaction that unlocks).
pub fn carry_out(
    ctx: &mut Ctx,
    ledger: &mut Ledger,
    codes: &[String],
    reason: &str,
    out: Option<&Path>,
    approval: Option<&Claim>,
) -> Result<u8> {
    let policy = ledger.policy()?;
    let reissue = out.is_some();
    // Everyone must exist before anything changes.
    let customers = codes
        .iter()
        .map(|code| ledger.require_account(code))
        .collect::<Result<Vec<_>>>()?;
    // Fresh passwords (L3) go through an issue run into --out.
    let prepared = match out {
        Some(out) => match issuance::prepare(ledger, &policy, out, codes, true)? {
            Outset::Ready(p) => Some(p),
            Outset::Done(done) if approval.is_none() => {
                ctx.out.done(
                    &messages::issue_done(out, done),
                    &issuance::done_fields(out, done),
                )?;
                return Ok(exit::OK);
            }
            // An approval never finishes somebody else's file.
            Outset::Done(_) => {
                return Err(Error::OutputExists {
                    path: out.to_path_buf(),
                });
            }
        },
        None => None,
    };
    // The approval is the second person's deliberate act: no prompt.
    if approval.is_none() && !confirm_unlock(ctx, &customers, reissue)? {
        ctx.out
            .done(&messages::cancelled(), &[("cancelled", json!(true))])?;
        return Ok(exit::NO);
    }
    let lifted = match prepared {
        None => ledger.write(|tx| {
            if let Some(claim) = approval {
                claim.apply(tx)?;
            }
            customers
                .iter()
                .map(|(c, _)| Ok((c.code.clone(), lift(tx, c, reason, None)?)))
                .collect()
        })?,
        Some(p) => self::reissue(ctx, ledger, &policy, p, codes, reason, approval)?,
    };
    let mut l = Listing::new(&["customer", "result", "reissued"]);
    for code in codes {
        let was_locked = lifted.iter().any(|(c, locked)| c == code && *locked);
        let result = if was_locked { "unlocked" } else { "not_locked" };
        l.push(vec![json!(code), json!(result), json!(reissue)]);
    }
    ctx.out.outcome_listing(&l)?;
    Ok(exit::OK)
}

/// Unlock with fresh initial passwords (L3): one issue run, one batch (so
/// one transaction for everyone), each customer's lock lifted beside the
/// new password. Whether each customer was locked.
fn reissue(
    ctx: &mut Ctx,
    ledger: &mut Ledger,
    policy: &Policy,
    prepared: issuance::Prepared,
    codes: &[String],
    reason: &str,
    approval: Option<&Claim>,
) -> Result<Vec<(String, bool)>> {
    let mut run = prepared.open(ledger, policy, codes.len())?;
    if let Some(w) = run.warning() {
        ctx.out.warn(&w);
    }
    let todo = run.todo(ledger, codes)?;
    let deadline = run.deadline().to_string();
    let issued = run.issue_approved(
        ledger,
        policy,
        &todo,
        |tx| approval.map_or(Ok(()), |claim| claim.apply(tx)),
        |tx, c| lift(tx, c, reason, Some(&deadline)),
    );
    let mut lifted = match issued {
        Ok(lifted) => lifted,
        // A refused approval: the passwords drawn for it were never stored.
        Err(e) if approval.is_some() => {
            run.abandon(ledger);
            return Err(e);
        }
        Err(e) => return Err(e),
    };
    // Issued (and unlocked) by an interrupted attempt of this command.
    lifted.extend(run.resumed().iter().map(|code| (code.clone(), false)));
    run.finish(ledger)?;
    Ok(lifted)
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

/// Lift the customer's lock, if any, in `tx`, with its audit entry (saying
/// whether a fresh password comes with it: `reissued` is its deadline) and
/// notice. Whether it was locked.
fn lift(tx: &mut Tx, c: &Customer, reason: &str, reissued: Option<&str>) -> Result<bool> {
    let was_locked = tx.lock_of(&c.code)?.is_some();
    if was_locked {
        tx.unlock(&c.code)?;
    }
    if was_locked || reissued.is_some() {
        tx.audit(Entry {
            action: "lock.unlock",
            customer: Some(&c.code),
            reason: Some(reason),
            details: json!({ "was_locked": was_locked, "reissued": reissued.is_some() }),
        })?;
    }
    if was_locked {
        tx.queue_notices_for(
            c,
            &Event::AccountUnlocked {
                reissued: reissued.map(str::to_string),
            },
        )?;
    }
    Ok(was_locked)
}
