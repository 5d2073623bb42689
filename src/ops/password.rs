//! Passwords: staff set (gated as `credential.set`), the customer's own
//! change, a verify attempt with the lockout (L1), and bulk issuance
//! (a reissue gated as `credential.set`).

use std::path::{Path, PathBuf};

use serde_json::json;

use super::gate::{self, Bound, Change, Gated, Via};
use crate::customer::{Customer, LockReason, PasswordState};
use crate::error::{Error, Result};
use crate::issuance::{self, Outset};
use crate::ledger::{Entry, Ledger, Read};
use crate::notify::{Event, LockCause};
use crate::password::{self, Stored};
use crate::policy::{Kind, KindPolicy, Policy, Violation};
use crate::secret::Hasher;

/// Customers per ledger transaction and per fsync of the output file.
pub const BATCH: usize = 256;

/// Every rule for a new password of `c`, the ones that compare with the
/// stored hashes included (the other kind's current password, this kind's
/// current one and history). Reads only: it never waits for writers.
fn check_for_customer(
    ledger: &Ledger,
    c: &Customer,
    kind: Kind,
    kp: &KindPolicy,
    pw: &str,
    hasher: &mut Hasher,
) -> Result<Vec<Violation>> {
    let other = ledger.credential(&c.code, kind.other())?.map(|c| c.hash);
    let mut same: Vec<String> = ledger
        .credential(&c.code, kind)?
        .map(|c| c.hash)
        .into_iter()
        .collect();
    same.extend(ledger.history(&c.code, kind, kp.history)?);
    let phones = c.phones();
    let facts = password::facts(c, &phones);
    let stored = Stored {
        other: other.as_deref(),
        same: &same,
    };
    Ok(password::full_check(
        kp,
        pw,
        Some(&facts),
        Some(&stored),
        hasher,
    )?)
}

/// A new password: put in force, or refused by the policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NewPassword {
    Stored(PasswordState),
    Rejected(Vec<Violation>),
}

/// A password staff set for a customer (`password set`).
pub struct SetOptions<'a> {
    pub code: &'a str,
    pub kind: Kind,
    /// In the initial state: the customer must change it.
    pub temporary: bool,
    pub password: &'a str,
}

/// Set a customer's password (or record a request holding its hash; the
/// password itself is never stored).
pub fn set(ledger: &mut Ledger, o: &SetOptions) -> Result<Gated<NewPassword>> {
    let policy = ledger.policy()?;
    let c = ledger.require_customer(o.code)?;
    let kp = policy.kind(o.kind).clone();
    let mut hasher = Hasher::new(password::argon2_params(&policy))?;
    let violations = check_for_customer(ledger, &c, o.kind, &kp, o.password, &mut hasher)?;
    if !violations.is_empty() {
        refused(ledger, "password.set.refused", o.code, o.kind, &violations)?;
        return Ok(Gated::Done(NewPassword::Rejected(violations)));
    }
    let hash = hasher.hash(o.password.as_bytes())?;
    let change = Change::PasswordSet {
        customer: credential_bound(ledger, o.code, o.kind)?,
        kind: o.kind.as_str().to_string(),
        temporary: o.temporary,
        hash,
    };
    let preview = json!({ "customer": o.code, "kind": o.kind.as_str(), "temporary": o.temporary });
    if let Some(p) = gate::hold(ledger, &change, preview, None, Via::Direct)? {
        return Ok(Gated::Pending(p));
    }
    store_set(ledger, &change, Via::Direct).map(|s| Gated::Done(NewPassword::Stored(s)))
}

/// Record a new password the policy refused (`action`: a staff `password
/// set` or the customer's `password change`, with the rules it broke). The
/// refusal compares the password with the customer's stored ones
/// (`reused`, `same_as_other`), so it answers whether a guess is one of the
/// customer's passwords (the other kind's, for a change made with this
/// kind's): every answer is in the trail, with who asked, as a change that
/// went through would be. (`password check` leaves those two rules out for
/// the same reason.)
fn refused(
    ledger: &mut Ledger,
    action: &str,
    code: &str,
    kind: Kind,
    violations: &[Violation],
) -> Result<()> {
    let mut rules: Vec<&str> = violations.iter().map(|v| v.rule().as_str()).collect();
    rules.dedup();
    ledger.write(|tx| {
        tx.audit(Entry {
            action,
            customer: Some(code),
            reason: None,
            details: json!({ "kind": kind.as_str(), "rules": rules }),
        })?;
        Ok(())
    })
}

/// A customer's state for a password change: the credential only.
fn credential_bound(ledger: &Ledger, code: &str, kind: Kind) -> Result<Bound> {
    Ok(Bound {
        lock: None,
        ..gate::bound(ledger, code, kind)?
    })
}

/// Carry out an approved `password.set` request.
pub fn set_approved(ledger: &mut Ledger, claim: &gate::Claim) -> Result<NewPassword> {
    let Change::PasswordSet {
        customer,
        kind,
        temporary,
        hash,
    } = &claim.change
    else {
        return Err(Error::Stale {
            what: gate::Staleness::Unbound,
        });
    };
    let k = Kind::ALL
        .into_iter()
        .find(|k| k.as_str() == kind)
        .ok_or(Error::Stale {
            what: gate::Staleness::Unbound,
        })?;
    let now = Change::PasswordSet {
        customer: credential_bound(ledger, &customer.code, k)?,
        kind: kind.clone(),
        temporary: *temporary,
        hash: hash.clone(),
    };
    let via = Via::Approved(claim);
    gate::hold(ledger, &now, json!({}), None, via)?;
    store_set(ledger, &now, via).map(NewPassword::Stored)
}

fn store_set(ledger: &mut Ledger, change: &Change, via: Via) -> Result<PasswordState> {
    let Change::PasswordSet {
        customer,
        kind,
        temporary,
        hash,
    } = change
    else {
        unreachable!("store_set takes a password.set change")
    };
    let k = if kind == Kind::Login.as_str() {
        Kind::Login
    } else {
        Kind::Execution
    };
    let state = if *temporary {
        PasswordState::Initial
    } else {
        PasswordState::Set
    };
    let code = customer.code.as_str();
    ledger.write(|tx| {
        via.apply(tx)?;
        tx.store_password(code, k, hash, state, None, crate::policy::MAX_HISTORY)?;
        tx.audit(Entry {
            action: "password.set",
            customer: Some(code),
            reason: None,
            details: json!({ "kind": k.as_str(), "state": state.as_str() }),
        })?;
        Ok(())
    })?;
    Ok(state)
}

/// What one verify attempt found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attempt {
    Match,
    /// Wrong: the consecutive failures now, and whether this one locked.
    Mismatch {
        failures: u32,
        locks: bool,
    },
    /// The customer has no password of this kind.
    NoPassword,
    /// The account is locked (nothing was looked at).
    Locked,
    /// The password changed while it was being verified: try again.
    Retry,
}

/// The customer exists and is not locked: a locked account is refused
/// without looking at the password (exit 3).
pub fn refuse_locked(ledger: &Ledger, code: &str) -> Result<()> {
    ledger.require_customer(code)?;
    if ledger.lock_of(code)?.is_some() {
        return Err(Error::Locked {
            customer: code.to_string(),
        });
    }
    Ok(())
}

/// One authentication attempt (L1): verify `pw` against the stored hash,
/// then count it in one IMMEDIATE transaction; the threshold-th consecutive
/// failure locks the account. A success resets the count and upgrades a
/// hash made with weaker parameters.
pub fn attempt(
    ledger: &mut Ledger,
    code: &str,
    kind: Kind,
    pw: &str,
    source: Option<&str>,
) -> Result<Attempt> {
    let policy = ledger.policy()?;
    let cred = ledger.credential(code, kind)?;
    let params = password::argon2_params(&policy);
    let mut hasher = Hasher::new(params)?;
    // The slow part runs outside the write lock; the count changes inside
    // one IMMEDIATE transaction that re-reads the state.
    let ok = match &cred {
        Some(c) => password::matches_stored(&c.hash, pw, &mut hasher)?,
        None => false,
    };
    let upgrade = match &cred {
        Some(c) if ok && hasher.needs_rehash(&c.hash) => Some(hasher.hash(pw.as_bytes())?),
        _ => None,
    };
    let threshold = password::threshold(&policy, kind);
    ledger.write(|tx| {
        if tx.lock_of(code)?.is_some() {
            return Ok(Attempt::Locked);
        }
        let now = tx.credential(code, kind)?;
        if now.as_ref().map(|c| &c.hash) != cred.as_ref().map(|c| &c.hash) {
            // Changed while we verified: this attempt was against an old password.
            return Ok(Attempt::Retry);
        }
        tx.record_attempt(code, kind, ok, source)?;
        let Some(now) = now else {
            tx.audit(Entry {
                action: "password.verify",
                customer: Some(code),
                reason: None,
                details: json!({ "kind": kind.as_str(), "ok": false, "source": source, "why": "no_password" }),
            })?;
            return Ok(Attempt::NoPassword);
        };
        if ok {
            if now.failures > 0 {
                tx.set_failures(code, kind, 0)?;
            }
            if let Some(h) = &upgrade {
                tx.upgrade_hash(code, kind, h)?;
            }
            tx.audit(Entry {
                action: "password.verify",
                customer: Some(code),
                reason: None,
                details: json!({ "kind": kind.as_str(), "ok": true, "source": source, "rehashed": upgrade.is_some() }),
            })?;
            return Ok(Attempt::Match);
        }
        let (failures, locks) = password::after_failure(now.failures, threshold);
        tx.set_failures(code, kind, failures)?;
        tx.audit(Entry {
            action: "password.verify",
            customer: Some(code),
            reason: None,
            details: json!({ "kind": kind.as_str(), "ok": false, "source": source, "failures": failures }),
        })?;
        if locks {
            // A code, worded when shown (`messages::lock_reason`).
            let reason = LockReason::code(kind, failures);
            tx.lock(code, &reason)?;
            tx.audit(Entry {
                action: "lock.auto",
                customer: Some(code),
                reason: Some(&reason),
                details: json!({ "kind": kind.as_str(), "failures": failures, "threshold": threshold }),
            })?;
            if let Some(c) = tx.customer(code)? {
                tx.queue_notices_for(
                    &c,
                    &Event::AccountLocked {
                        cause: LockCause::Failures { kind, failures },
                    },
                )?;
            }
        }
        Ok(Attempt::Mismatch { failures, locks })
    })
}

/// The customer's own change (I3): the current password first (a wrong one
/// counts towards the lock), then the new one against every rule.
pub enum Changed {
    /// The current password did not match (or the account is locked).
    Failed(Attempt),
    New(NewPassword),
}

pub fn change(
    ledger: &mut Ledger,
    code: &str,
    kind: Kind,
    current: &str,
    new: &str,
    source: Option<&str>,
) -> Result<Changed> {
    refuse_locked(ledger, code)?;
    let c = ledger.require_customer(code)?;
    let outcome = attempt(ledger, code, kind, current, source)?;
    if outcome != Attempt::Match {
        return Ok(Changed::Failed(outcome));
    }
    let policy = ledger.policy()?;
    let kp = policy.kind(kind).clone();
    let mut hasher = Hasher::new(password::argon2_params(&policy))?;
    let violations = check_for_customer(ledger, &c, kind, &kp, new, &mut hasher)?;
    if !violations.is_empty() {
        refused(ledger, "password.change.refused", code, kind, &violations)?;
        return Ok(Changed::New(NewPassword::Rejected(violations)));
    }
    let hash = hasher.hash(new.as_bytes())?;
    ledger.write(|tx| {
        tx.store_password(
            code,
            kind,
            &hash,
            PasswordState::Set,
            None,
            crate::policy::MAX_HISTORY,
        )?;
        tx.audit(Entry {
            action: "password.change",
            customer: Some(code),
            reason: None,
            details: json!({ "kind": kind.as_str(), "source": source }),
        })?;
        Ok(())
    })?;
    Ok(Changed::New(NewPassword::Stored(PasswordState::Set)))
}

// ------------------------------------------------------------------ issue

/// A bulk issue of initial execution passwords.
#[derive(Debug, Clone)]
pub struct IssueOptions {
    /// Each customer once, in order; each exists.
    pub codes: Vec<String>,
    pub out: PathBuf,
    /// Replace the passwords customers have (`credential.set`).
    pub reissue: bool,
}

/// Where an issue run stops to tell or ask the operator.
pub enum Checkpoint<'a> {
    /// Interrupted runs into other files hold passwords nobody received
    /// (file, customers): they count as "already have one" here.
    UnfinishedElsewhere(&'a [(String, u64)]),
    /// Replacing `n` customers' passwords (irreversible): go ahead?
    ConfirmReissue(usize),
    /// `n` lines of the interrupted run's file did not match the ledger and
    /// were dropped (their customers get new passwords).
    LinesDropped(usize),
}

/// What an issue run did.
#[derive(Debug)]
pub enum IssueOutcome {
    /// A run into that file had finished already.
    Done(issuance::Done),
    /// The operator said no at [`Checkpoint::ConfirmReissue`].
    Cancelled,
    Issued {
        summary: issuance::Summary,
        /// No rollout schedule: the deadline is this many days from now.
        unscheduled_days: Option<u32>,
    },
    /// Stopped by a signal after a committed batch: the file in place is
    /// kept for the same command to resume.
    Interrupted {
        signal: nix::sys::signal::Signal,
        issued: u64,
    },
}

fn reissue_change(ledger: &Ledger, codes: &[String]) -> Result<Change> {
    let customers = codes
        .iter()
        .map(|c| credential_bound(ledger, c, Kind::Execution))
        .collect::<Result<Vec<_>>>()?;
    Ok(Change::Reissue { customers })
}

/// Issue initial passwords to `o.codes` into `o.out` (or record a request
/// for a reissue; its passwords are made when it is approved, into the
/// approver's file: nothing secret waits in a request).
pub fn issue(
    ledger: &mut Ledger,
    o: &IssueOptions,
    via: Via,
    progress: &dyn super::Progress,
    checkpoint: &mut dyn FnMut(Checkpoint) -> Result<bool>,
) -> Result<Gated<IssueOutcome>> {
    if o.reissue {
        let change = reissue_change(ledger, &o.codes)?;
        let preview = json!({ "customers": o.codes.len(), "codes": o.codes, "reissue": true });
        if let Some(p) = gate::hold(ledger, &change, preview, None, via)? {
            return Ok(Gated::Pending(p));
        }
    }
    let policy = ledger.policy()?;
    let prepared = match issuance::prepare(ledger, &policy, &o.out, &o.codes, o.reissue)? {
        Outset::Ready(p) => p,
        Outset::Done(done) if !via.is_approval() => {
            return Ok(Gated::Done(IssueOutcome::Done(done)));
        }
        // An approval never finishes somebody else's file.
        Outset::Done(_) => {
            return Err(Error::OutputExists {
                path: o.out.clone(),
            });
        }
    };
    let elsewhere = prepared.unfinished_elsewhere(ledger)?;
    if !elsewhere.is_empty() {
        checkpoint(Checkpoint::UnfinishedElsewhere(&elsewhere))?;
    }
    // Replacing passwords is confirmed every time, a resumed run included
    // (an approval is the second person's deliberate act: no prompt).
    if o.reissue && !via.is_approval() && !checkpoint(Checkpoint::ConfirmReissue(o.codes.len()))? {
        return Ok(Gated::Done(IssueOutcome::Cancelled));
    }
    let mut run = prepared.open(ledger, &policy, o.codes.len())?;
    if run.mismatched() > 0 {
        checkpoint(Checkpoint::LinesDropped(run.mismatched()))?;
    }
    let todo = run.todo(ledger, &o.codes)?;
    if via.is_approval() {
        if let Err(e) =
            run.issue_approved(ledger, &policy, &todo, |tx| via.apply(tx), |_, _| Ok(()))
        {
            // Refused: the passwords drawn for it were never stored.
            run.abandon(ledger);
            return Err(e);
        }
        let summary = run.finish(ledger)?;
        return Ok(Gated::Done(IssueOutcome::Issued {
            summary,
            unscheduled_days: None,
        }));
    }
    issue_batches(ledger, &policy, run, &todo, progress).map(Gated::Done)
}

/// The direct run's batches: Ctrl-C or `kill` from here on finishes and
/// commits the batch in hand, then stops with the temporary file kept.
fn issue_batches(
    ledger: &mut Ledger,
    policy: &Policy,
    mut run: issuance::Run,
    todo: &[String],
    progress: &dyn super::Progress,
) -> Result<IssueOutcome> {
    let watch = issuance::interrupt::Watch::install();
    progress.begin(super::Stage::Issuing, Some(todo.len() as u64));
    let mut stopped = None;
    let result = todo.chunks(BATCH).try_for_each(|batch| -> Result<()> {
        if stopped.is_none() {
            stopped = watch.received();
        }
        if stopped.is_some() {
            return Ok(());
        }
        run.issue(ledger, policy, batch, |_, _| Ok(()))?;
        progress.advance(batch.len() as u64);
        Ok(())
    });
    progress.finish();
    result?;
    if let Some(signal) = stopped {
        return Ok(IssueOutcome::Interrupted {
            signal,
            issued: run.issued(),
        });
    }
    let summary = run.finish(ledger)?;
    drop(watch);
    let unscheduled = ledger.rollout_schedule()?.is_none();
    Ok(IssueOutcome::Issued {
        summary,
        unscheduled_days: unscheduled.then_some(policy.initial_password_days),
    })
}

/// The options an approved `password.reissue` request carries out.
pub fn approved_issue(change: &Change, out: &Path) -> Option<IssueOptions> {
    match change {
        Change::Reissue { customers } => Some(IssueOptions {
            codes: customers.iter().map(|b| b.code.clone()).collect(),
            out: out.to_path_buf(),
            reissue: true,
        }),
        _ => None,
    }
}
