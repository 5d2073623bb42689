//! Staff locks and unlocks (L2, L3): `lock add`, `unlock` (with fresh
//! initial execution passwords when asked).
//!
//! An unlock lifts locks (`lock.remove`) and, with a reissue, replaces
//! passwords (`credential.set`); a request for it names the lock of each
//! customer as it was when asked, and the credential it replaces, so that
//! an approval never lifts a lock set since (9 failed attempts after the
//! request) nor replaces a password changed since.

use std::path::{Path, PathBuf};

use serde_json::json;

use super::gate::{self, Bound, Change, Gated, Via};
use crate::customer::{AccountState, Customer};
use crate::error::{Error, Result};
use crate::issuance::{self, Outset};
use crate::ledger::{Entry, Ledger, Read, Tx};
use crate::notify::{Event, LockCause};
use crate::policy::Kind;

/// Lock `code` by staff, with `reason`. Whether it was newly locked.
pub fn add(ledger: &mut Ledger, code: &str, reason: &str) -> Result<bool> {
    ledger.write(|tx| {
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
    })
}

/// What to unlock.
#[derive(Debug, Clone)]
pub struct UnlockOptions {
    /// Each customer once, in order.
    pub codes: Vec<String>,
    pub reason: String,
    /// Also issue fresh initial execution passwords.
    pub reissue: bool,
    /// Where they go (needed to carry a reissue out; a request does without:
    /// the approver gives it).
    pub out: Option<PathBuf>,
}

/// What an unlock would touch, read before any change (for a confirmation).
pub struct UnlockPlan {
    pub customers: Vec<(Customer, AccountState)>,
    /// Whether the gate would record a request instead.
    pub held: bool,
}

/// One customer's result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unlocked {
    pub code: String,
    pub was_locked: bool,
}

/// What an unlock did.
#[derive(Debug)]
pub enum UnlockOutcome {
    /// Locks lifted (and passwords reissued into `out`).
    Unlocked {
        results: Vec<Unlocked>,
        reissued: bool,
        /// Lines of an interrupted reissue's file dropped because they did
        /// not match the ledger (see `issuance::Run::mismatched`).
        dropped: usize,
    },
    /// The issue run into that file had finished already.
    IssueDone(issuance::Done),
}

fn change_of(ledger: &Ledger, o: &UnlockOptions) -> Result<Change> {
    let customers = o
        .codes
        .iter()
        .map(|c| gate::bound(ledger, c, Kind::Execution))
        .collect::<Result<Vec<Bound>>>()?;
    let customers = if o.reissue {
        customers
    } else {
        // A plain unlock replaces no credential: it names the locks only.
        customers
            .into_iter()
            .map(|b| Bound {
                credential: None,
                ..b
            })
            .collect()
    };
    Ok(Change::Unlock {
        customers,
        reissue: o.reissue,
        reason: o.reason.clone(),
    })
}

/// Everyone named must exist (exit 4) before anything is asked or changed.
pub fn plan(ledger: &Ledger, o: &UnlockOptions) -> Result<UnlockPlan> {
    let customers = o
        .codes
        .iter()
        .map(|code| ledger.require_account(code))
        .collect::<Result<Vec<_>>>()?;
    let change = change_of(ledger, o)?;
    let held =
        nothing_to_do(&customers, o).is_none() && gate::would_hold(&*ledger.policy()?, &change);
    Ok(UnlockPlan { customers, held })
}

/// A plain unlock of customers none of whom is locked changes nothing.
fn nothing_to_do(
    customers: &[(Customer, AccountState)],
    o: &UnlockOptions,
) -> Option<UnlockOutcome> {
    (!o.reissue && customers.iter().all(|(_, s)| s.lock.is_none())).then(|| {
        UnlockOutcome::Unlocked {
            results: customers
                .iter()
                .map(|(c, _)| Unlocked {
                    code: c.code.clone(),
                    was_locked: false,
                })
                .collect(),
            reissued: false,
            dropped: 0,
        }
    })
}

/// Unlock (or record a request to).
pub fn unlock(
    ledger: &mut Ledger,
    o: &UnlockOptions,
    via: Via,
    progress: &dyn super::Progress,
) -> Result<Gated<UnlockOutcome>> {
    if o.codes.is_empty() {
        return Err(Error::UnlockNeedsCodes);
    }
    let customers = o
        .codes
        .iter()
        .map(|code| ledger.require_account(code))
        .collect::<Result<Vec<_>>>()?;
    if let Some(none) = nothing_to_do(&customers, o)
        && !via.is_approval()
    {
        return Ok(Gated::Done(none));
    }
    let change = change_of(ledger, o)?;
    let preview = json!({ "customers": o.codes, "unlock": true, "reissue": o.reissue });
    if let Some(p) = gate::hold(ledger, &change, preview, Some(&o.reason), via)? {
        return Ok(Gated::Pending(p));
    }
    let out = match (&o.out, o.reissue) {
        (Some(out), true) => Some(out.as_path()),
        (None, true) => {
            return Err(Error::ReissueNeedsOut);
        }
        _ => None,
    };
    carry_out(ledger, &customers, &o.reason, out, via, progress).map(Gated::Done)
}

fn carry_out(
    ledger: &mut Ledger,
    customers: &[(Customer, AccountState)],
    reason: &str,
    out: Option<&Path>,
    via: Via,
    progress: &dyn super::Progress,
) -> Result<UnlockOutcome> {
    let codes: Vec<String> = customers.iter().map(|(c, _)| c.code.clone()).collect();
    let Some(out) = out else {
        let lifted = ledger.write(|tx| {
            via.apply(tx)?;
            customers
                .iter()
                .map(|(c, _)| {
                    Ok(Unlocked {
                        code: c.code.clone(),
                        was_locked: lift(tx, c, reason, None)?,
                    })
                })
                .collect::<Result<Vec<_>>>()
        })?;
        return Ok(UnlockOutcome::Unlocked {
            results: lifted,
            reissued: false,
            dropped: 0,
        });
    };
    let policy = ledger.policy()?;
    let prepared = match issuance::prepare(ledger, &policy, out, &codes, true)? {
        Outset::Ready(p) => p,
        Outset::Done(done) if !via.is_approval() => return Ok(UnlockOutcome::IssueDone(done)),
        // An approval never finishes somebody else's file.
        Outset::Done(_) => {
            return Err(Error::OutputExists {
                path: out.to_path_buf(),
            });
        }
    };
    let mut run = prepared.open(ledger, &policy, codes.len())?;
    let dropped = run.mismatched();
    let todo = run.todo(ledger, &codes)?;
    let deadline = run.deadline().to_string();
    progress.begin(super::Stage::Issuing, Some(todo.len() as u64));
    let issued = run.issue_approved(
        ledger,
        &policy,
        &todo,
        |tx| via.apply(tx),
        |tx, c| lift(tx, c, reason, Some(&deadline)),
    );
    progress.finish();
    let mut lifted = match issued {
        Ok(lifted) => lifted,
        // A refused approval: the passwords drawn for it were never stored.
        Err(e) if via.is_approval() => {
            run.abandon(ledger);
            return Err(e);
        }
        Err(e) => return Err(e),
    };
    // Issued (and unlocked) by an interrupted attempt of this command.
    lifted.extend(run.resumed().iter().map(|code| (code.clone(), false)));
    run.finish(ledger)?;
    let results = codes
        .iter()
        .map(|code| Unlocked {
            code: code.clone(),
            was_locked: lifted.iter().any(|(c, locked)| c == code && *locked),
        })
        .collect();
    Ok(UnlockOutcome::Unlocked {
        results,
        reissued: true,
        dropped,
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

/// The options an approved unlock request carries out (`out`: the
/// approver's file, for a reissue).
pub fn approved_options(change: &Change, out: Option<&Path>) -> Option<UnlockOptions> {
    match change {
        Change::Unlock {
            customers,
            reissue,
            reason,
        } => Some(UnlockOptions {
            codes: customers.iter().map(|b| b.code.clone()).collect(),
            reason: reason.clone(),
            reissue: *reissue,
            out: out.map(Path::to_path_buf),
        }),
        _ => None,
    }
}
