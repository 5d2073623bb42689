//! `acctsec lock` and `acctsec unlock`: staff locks, unlocks, and fresh
//! initial passwords for customers who forgot theirs (L2, L3).

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, Subcommand};
use serde_json::json;
use zeroize::Zeroizing;

use super::Ctx;
use crate::customer::{PasswordState, mask_email};
use crate::error::{Error, Result, exit};
use crate::ledger::{Entry, Read};
use crate::messages;
use crate::notify::Event;
use crate::output::Listing;
use crate::password;
use crate::policy::Kind;
use crate::secretfile::Staged;

#[derive(Debug, Subcommand)]
pub enum LockCmd {
    /// Locked accounts: since when, why, failures
    List,
    /// Lock an account (e.g. suspected takeover)
    Add {
        code: String,
        /// Why (written to the audit trail; plain text, one line)
        #[arg(long, value_name = "TEXT", value_parser = super::parse_reason)]
        reason: String,
    },
}

#[derive(Debug, Args)]
pub struct UnlockArgs {
    /// The customers to unlock
    #[arg(value_name = "CODE")]
    pub codes: Vec<String>,
    /// The customers listed in a file, one code a line
    #[arg(long = "codes", value_name = "FILE")]
    pub codes_file: Option<PathBuf>,
    /// Why (written to the audit trail; plain text, one line)
    #[arg(long, value_name = "TEXT", value_parser = super::parse_reason)]
    pub reason: String,
    /// Also issue a fresh initial execution password (needs --out)
    #[arg(long, requires = "out")]
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
    let mut l = Listing::new(&["customer", "locked_at", "reason", "failures", "locked_by"]);
    for a in ledger.locked_accounts()? {
        l.push(vec![
            json!(a.customer),
            json!(crate::clock::stored_to_jst(&a.lock.at)),
            json!(a.lock.reason),
            json!(a.failures),
            json!(a.lock.by),
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
        let failures = tx
            .credential(code, Kind::Execution)?
            .map(|c| c.failures)
            .unwrap_or(0);
        tx.queue_notices_for(&c, &Event::AccountLocked { failures })?;
        Ok(true)
    })?;
    ctx.out.status(&if locked {
        messages::locked(code)
    } else {
        messages::already_locked(code)
    });
    Ok(exit::OK)
}

pub fn unlock(ctx: &mut Ctx, a: UnlockArgs) -> Result<u8> {
    let reason = a.reason.clone();
    let mut codes = a.codes.clone();
    if let Some(f) = &a.codes_file {
        let text = std::fs::read_to_string(f).map_err(|e| Error::io(f, e))?;
        codes.extend(
            text.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(str::to_string),
        );
    }
    if codes.is_empty() {
        return Err(Error::Usage(messages::unlock_needs_codes()));
    }
    // Each customer once, in the order given (a repeated code would get two
    // fresh passwords of which only the first is stored).
    let mut seen = std::collections::HashSet::new();
    codes.retain(|c| seen.insert(c.clone()));
    let mut ledger = ctx.open()?;
    let policy = ledger.policy()?;
    // Everyone must exist before anything changes.
    let mut customers = Vec::new();
    for code in &codes {
        let (c, state) = ledger.require_account(code)?;
        customers.push((c, state));
    }
    if let Some(out) = &a.out {
        crate::secretfile::ensure_absent(out)?;
    }
    let locked: Vec<_> = customers.iter().filter(|(_, s)| s.lock.is_some()).collect();
    // Replacing a password is irreversible: confirm it even when nobody is
    // locked.
    if !locked.is_empty() || a.reissue {
        let shown: Vec<String> = locked
            .iter()
            .map(|(c, s)| {
                let lock = s.lock.as_ref().expect("filtered on lock");
                messages::unlock_line(
                    &c.code,
                    &c.name,
                    c.email_pc.as_deref().map(mask_email).as_deref(),
                    s.failures,
                    &crate::clock::stored_to_jst(&lock.at),
                    &lock.reason,
                )
            })
            .collect();
        if ctx.interactive() && !ctx.global.yes {
            for s in &shown {
                ctx.out.status(s);
            }
        }
        let question = if locked.is_empty() {
            messages::confirm_reissue(customers.len())
        } else {
            messages::confirm_unlock(locked.len(), a.reissue)
        };
        if !ctx.confirm(&question)? {
            ctx.out.status(&messages::cancelled());
            return Ok(exit::NO);
        }
    }
    // Fresh passwords (L3): generated and hashed before the transaction,
    // written to the private file, linked into place after the commit.
    let mut published: Option<PathBuf> = None;
    let mut fresh: Vec<(String, String)> = Vec::new();
    if a.reissue
        && let Some(out) = &a.out
    {
        let deadline = super::password::deadline(&ledger, &policy, ctx.now)?;
        let mut passwords = Vec::new();
        for (c, _) in &customers {
            let phones = c.phones();
            passwords.push(password::generate_initial(
                &policy,
                &password::facts(c, &phones),
            )?);
        }
        let hashes = password::hash_all(password::argon2_params(&policy), &passwords)?;
        let mut s = Staged::create(out, &format!("unlock{}", std::process::id()))?;
        // Sized up front: a growing buffer would leave copies of passwords behind.
        let mut text = Zeroizing::new(String::with_capacity(
            64 + customers.len() * (64 + deadline.len()),
        ));
        text.push_str(crate::issuance::HEADER);
        text.push('\n');
        for ((c, _), pw) in customers.iter().zip(&passwords) {
            crate::issuance::push_line(&mut text, &c.code, pw, &deadline);
        }
        drop(passwords);
        if let Err(e) = s.file.write_all(text.as_bytes()) {
            s.discard();
            return Err(Error::io(out, e));
        }
        // Into place first: if the ledger then refuses the change, the file
        // is removed again; the other order could lose the passwords.
        s.commit()?;
        published = Some(out.clone());
        fresh = customers
            .iter()
            .map(|(c, _)| c.code.clone())
            .zip(hashes)
            .collect();
    }
    let result = ledger.write(|tx| {
        let mut results = Vec::new();
        for (c, _) in &customers {
            let was_locked = tx.lock_of(&c.code)?.is_some();
            let hash = fresh
                .iter()
                .find(|(code, _)| *code == c.code)
                .map(|(_, h)| h);
            if was_locked {
                tx.unlock(&c.code)?;
            }
            if let Some(h) = hash {
                tx.store_password(
                    &c.code,
                    Kind::Execution,
                    h,
                    PasswordState::Initial,
                    None,
                    crate::policy::MAX_HISTORY,
                )?;
            }
            if was_locked || hash.is_some() {
                tx.audit(Entry {
                    action: "lock.unlock",
                    customer: Some(&c.code),
                    reason: Some(&reason),
                    details: json!({ "was_locked": was_locked, "reissued": hash.is_some() }),
                })?;
            }
            if was_locked {
                tx.queue_notices_for(c, &Event::AccountUnlocked)?;
            }
            if hash.is_some() {
                tx.queue_notices_for(c, &Event::InitialPasswordIssued { deadline: None })?;
            }
            results.push((c.code.clone(), was_locked, hash.is_some()));
        }
        Ok(results)
    });
    let results = match result {
        Ok(r) => r,
        Err(e) => {
            if let Some(out) = published {
                let _ = std::fs::remove_file(out);
            }
            return Err(e);
        }
    };
    let mut l = Listing::new(&["customer", "result", "reissued"]);
    for (code, was_locked, reissued) in &results {
        l.push(vec![
            json!(code),
            json!(if *was_locked {
                "unlocked"
            } else {
                "not_locked"
            }),
            json!(reissued),
        ]);
    }
    ctx.out.outcome_listing(&l)?;
    Ok(exit::OK)
}
