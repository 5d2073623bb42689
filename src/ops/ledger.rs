//! The ledger itself: create it with a policy preset, copy it elsewhere.

use serde_json::json;

use super::gate::{self, Change, Gated, Via};
use crate::error::{Error, Result};
use crate::ledger::{Copied, Entry, InitOutcome, Ledger, Read, Target};
use crate::policy::{PRESETS, Policy};

/// What `init` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Initialised {
    pub created: bool,
    /// The preset in force (none when the policy matches no shipped preset).
    pub preset: Option<String>,
}

/// Create the ledger at `target` with `policy` (the preset `preset`), unless
/// one exists: then it is left unchanged.
pub fn init(target: &Target, preset: &str, policy: &Policy) -> Result<Initialised> {
    let outcome = Ledger::init(target, |tx| {
        tx.set_policy(policy)?;
        tx.audit(Entry {
            action: "ledger.init",
            customer: None,
            reason: None,
            details: json!({ "preset": preset, "version": env!("CARGO_PKG_VERSION") }),
        })?;
        Ok(())
    })?;
    let created = matches!(outcome, InitOutcome::Created);
    let preset = if created {
        Some(preset.to_string())
    } else {
        let policy = Ledger::open(target)?.policy()?;
        PRESETS
            .iter()
            .find(|n| Policy::preset(n).as_ref() == Some(&*policy))
            .map(|n| n.to_string())
    };
    Ok(Initialised { created, preset })
}

/// A copy of the ledger, trail included, in an empty ledger at `dest`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopyOutcome {
    pub copied: Copied,
    /// The copy's head (`SEQ:HASH`), as `log head` there prints it.
    pub head: Option<String>,
}

/// Copy the ledger, every customer's personal data in full with it
/// (`customer.unmask`: a request when the policy lists it; its approval
/// copies to the destination asked for, the approval's entry included).
/// Audited (`ledger.copy`, naming the destination) in the source, in the
/// transaction the copy is read in, so that the copy's head is the source's.
pub fn copy(ledger: &mut Ledger, dest: &Target, via: Via) -> Result<Gated<CopyOutcome>> {
    let to = dest.path.display().to_string();
    let change = Change::LedgerCopy { to: to.clone() };
    let preview = json!({ "to": to, "copies": "the whole ledger, personal data in full" });
    if let Some(p) = gate::hold(ledger, &change, preview, None, via)? {
        return Ok(Gated::Pending(p));
    }
    // Whoever copies is in the trail, in the transaction the copy is read
    // in (so the copy holds the entry too, and a refused copy leaves none):
    // the whole ledger leaves unmasked, so a copy is as audited as
    // `customer show --unmask`, approved or not.
    let copied = ledger.copy_to(dest, |tx| {
        via.apply(tx)?;
        tx.audit(Entry {
            action: "ledger.copy",
            customer: None,
            reason: None,
            details: json!({ "to": to }),
        })?;
        Ok(())
    })?;
    let head = Ledger::open(dest)?.head()?.map(|h| h.to_string());
    Ok(Gated::Done(CopyOutcome { copied, head }))
}

/// What `ledger grant` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Granted {
    /// The statements the server ran, in order.
    pub statements: Vec<String>,
}

/// Give the staff role (and the read role) their rights on a ledger on a
/// server, as the README's "Roles on PostgreSQL" says, in the ledger's own
/// schema; audited (`ledger.grant`) in the same transaction. Run by the
/// ledger's owner. A SQLite ledger has no roles ([`Error::GrantNeedsServer`]).
pub fn grant(ledger: &mut Ledger, staff: &str, read: Option<&str>) -> Result<Granted> {
    ledger.write(|tx| {
        let Some(statements) = tx.grant_roles(staff, read)? else {
            return Err(Error::GrantNeedsServer);
        };
        tx.audit(Entry {
            action: "ledger.grant",
            customer: None,
            reason: None,
            details: json!({ "staff": staff, "read": read, "statements": statements }),
        })?;
        Ok(Granted { statements })
    })
}
