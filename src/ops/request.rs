//! Approving a request: the change it holds is carried out by the same
//! operation as the direct command, in the approval's own transaction,
//! after the gate checks that the ledger is still in the state the request
//! was made against. A stale request is refused (exit 1) and closed,
//! audited.

use std::path::PathBuf;

use super::gate::{self, Change, Claim, Gated, Via};
use super::{Progress, authcode, customer, lock, notify, password, policy};
use crate::error::{Error, Result};
use crate::ledger::{Ledger, RequestRow};

/// What an approval needs besides the request.
#[derive(Debug, Clone, Default)]
pub struct ApproveOptions {
    /// Where a reissue's passwords or an export's notices go (the
    /// approver's file, 0600, never overwritten).
    pub out: Option<PathBuf>,
    /// Today in JST (an import's birth dates).
    pub today: Option<chrono::NaiveDate>,
    /// The approver's `[notify]`: the key an export opens sealed code
    /// notices with.
    pub notify: crate::config::NotifyConfig,
}

/// Why an approval cannot start: checked before anything else.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The change writes a file: `--out` is needed.
    NeedsOut,
    /// The change writes no file: `--out` is not used.
    OutUnused,
}

/// What the approved change did (the outcome of its operation).
#[derive(Debug)]
pub enum Approved {
    Policy(policy::SetOutcome),
    Unlock(lock::UnlockOutcome),
    Issue(password::IssueOutcome),
    /// The customer, the kind of password, what became of it.
    PasswordSet(String, crate::policy::Kind, password::NewPassword),
    Email(customer::EmailOptions, bool),
    View(customer::View, Box<customer::Viewed>),
    Import(PathBuf, customer::Imported),
    NoticeSet(notify::SetOptions, notify::NoticeSet),
    NoticesImport(PathBuf, notify::NoticesImported),
    Export(PathBuf, notify::Exported),
    Ack(std::result::Result<notify::Acked, notify::AckRefused>),
    Copy(PathBuf, super::ledger::CopyOutcome),
    CodesUnlock(authcode::UnlockOptions, authcode::CodesUnlocked),
}

/// Approve request `id` and carry its change out. The request row, and
/// the outcome (or why the options do not fit the request).
pub fn approve(
    ledger: &mut Ledger,
    id: i64,
    o: &ApproveOptions,
    progress: &dyn Progress,
) -> Result<(RequestRow, std::result::Result<Approved, Refusal>)> {
    let claim = match Claim::take(ledger, id) {
        Ok(c) => c,
        Err(Error::Tampered { id, field }) => {
            gate::record_tampered(ledger, id, field)?;
            return Err(Error::Tampered { id, field });
        }
        Err(Error::Stale { what }) => {
            if let Some(r) = ledger_request(ledger, id)? {
                gate::record_stale(ledger, &r, &what)?;
            }
            return Err(Error::Stale { what });
        }
        Err(e) => return Err(e),
    };
    match (claim.change.writes_file(), &o.out) {
        (true, None) => return Ok((claim.request, Err(Refusal::NeedsOut))),
        (false, Some(_)) => return Ok((claim.request, Err(Refusal::OutUnused))),
        _ => {}
    }
    match carry_out(ledger, &claim, o, progress) {
        Ok(done) => Ok((claim.request, Ok(done))),
        Err(Error::Tampered { id, field }) => {
            gate::record_tampered(ledger, id, field)?;
            Err(Error::Tampered { id, field })
        }
        Err(Error::Stale { what }) => {
            gate::record_stale(ledger, &claim.request, &what)?;
            Err(Error::Stale { what })
        }
        Err(e) => Err(e),
    }
}

fn ledger_request(ledger: &Ledger, id: i64) -> Result<Option<RequestRow>> {
    use crate::ledger::Read;
    ledger.request(id)
}

fn unbound() -> Error {
    Error::Stale {
        what: gate::Staleness::Unbound,
    }
}

/// An operation's outcome, which an approval can never leave pending.
fn done<T>(g: Gated<T>) -> Result<T> {
    match g {
        Gated::Done(t) => Ok(t),
        Gated::Pending(_) => Err(unbound()),
    }
}

fn carry_out(
    ledger: &mut Ledger,
    claim: &Claim,
    o: &ApproveOptions,
    progress: &dyn Progress,
) -> Result<Approved> {
    let via = Via::Approved(claim);
    let reason = claim.request.reason.as_deref();
    let out = o.out.as_deref();
    let today = match o.today {
        Some(t) => t,
        None => ledger
            .now()?
            .with_timezone(&crate::clock::jst())
            .date_naive(),
    };
    Ok(match &claim.change {
        Change::PolicySet { .. } => {
            let opts = policy::approved_options(&claim.change, reason).ok_or_else(unbound)?;
            Approved::Policy(done(policy::set(ledger, &opts, via)?)?)
        }
        Change::Unlock { .. } => {
            let opts = lock::approved_options(&claim.change, out).ok_or_else(unbound)?;
            Approved::Unlock(done(lock::unlock(ledger, &opts, via, progress)?)?)
        }
        Change::Reissue { .. } => {
            let out = out.ok_or_else(unbound)?;
            let opts = password::approved_issue(&claim.change, out).ok_or_else(unbound)?;
            let mut no_stop = |_: password::Checkpoint| Ok(true);
            Approved::Issue(done(password::issue(
                ledger,
                &opts,
                via,
                progress,
                &mut no_stop,
            )?)?)
        }
        Change::PasswordSet { customer, kind, .. } => {
            let kind = kind.parse().map_err(|()| unbound())?;
            let new = password::set_approved(ledger, claim)?;
            Approved::PasswordSet(customer.code.clone(), kind, new)
        }
        Change::SetEmail { .. } => {
            let opts = customer::approved_email(&claim.change, reason).ok_or_else(unbound)?;
            let changed = done(customer::set_email(ledger, &opts, via)?)?;
            Approved::Email(opts, changed)
        }
        Change::Unmask { .. } => {
            let (code, view) = customer::approved_view(&claim.change).ok_or_else(unbound)?;
            Approved::View(
                view,
                Box::new(done(customer::view(ledger, &code, view, true, via)?)?),
            )
        }
        Change::File { command, .. } if command == "notify.import" => {
            let file = notify::approved_import(&claim.change).ok_or_else(unbound)?;
            let imported = done(notify::import(ledger, &file, via)?)?;
            Approved::NoticesImport(file, imported)
        }
        Change::File { .. } => {
            let opts = customer::approved_import(&claim.change, today).ok_or_else(unbound)?;
            if std::fs::metadata(&opts.file).is_err() {
                return Err(Error::Stale {
                    what: gate::Staleness::File(opts.file.display().to_string()),
                });
            }
            let imported = done(customer::import(ledger, &opts, via, progress)?)?;
            Approved::Import(opts.file, imported)
        }
        Change::NoticeOff { .. } => {
            let opts = notify::approved_set(&claim.change, reason).ok_or_else(unbound)?;
            let set = done(notify::set(ledger, &opts, via)?)?;
            Approved::NoticeSet(opts, set)
        }
        Change::OutboxExport => {
            let out = out.ok_or_else(unbound)?;
            let exported = notify::export(ledger, out, via, &o.notify)?;
            Approved::Export(out.to_path_buf(), done(exported)?)
        }
        Change::LedgerCopy { to } => {
            let mut dest = ledger.target().clone();
            dest.path = PathBuf::from(to);
            let done = done(super::ledger::copy(ledger, &dest, via)?)?;
            Approved::Copy(dest.path, done)
        }
        Change::OutboxAck { export, ids } => {
            Approved::Ack(done(notify::ack(ledger, *export as u64, ids, via)?)?)
        }
        Change::AuthCodeUnlock { .. } => {
            let opts = authcode::approved_unlock(&claim.change, reason).ok_or_else(unbound)?;
            let unlocked = done(authcode::unlock(ledger, &opts, via)?)?;
            Approved::CodesUnlock(opts, unlocked)
        }
    })
}

/// Reject request `id` (nothing is done), audited.
pub fn reject(ledger: &mut Ledger, id: i64, reason: &str) -> Result<RequestRow> {
    gate::reject(ledger, id, reason)
}
