//! The audit trail: verify it (the chain, a known head, the seals) and seal
//! its head with a key kept outside the ledger.

use std::time::Duration;

use crate::error::Result;
use crate::ledger::{Head, Ledger, TrailGuard, TrailSnapshot};
use crate::seal::{self, Keys, Seal, SealReport, SigningKey};

/// The trail as read and checked.
pub struct Checked {
    pub snap: TrailSnapshot,
    /// The seals' check, when keys are configured.
    pub report: Option<SealReport>,
    /// How the ledger's server guards the trail (`None`: no server).
    pub guard: Option<TrailGuard>,
}

impl Checked {
    /// Whether anything is wrong: the chain, the known head, or a seal.
    pub fn ok(&self) -> bool {
        self.snap.tamper.is_none() && self.report.as_ref().is_none_or(|r| r.problems.is_empty())
    }
}

/// Walk the chain (and `known` head), and check the seals against `keys`
/// (none configured: the seals are not checked).
pub fn verify(
    ledger: &Ledger,
    known: Option<&Head>,
    keys: &Keys,
    max_age: Option<Duration>,
) -> Result<Checked> {
    let snap = ledger.trail_snapshot(known)?;
    let now = ledger.now()?;
    let report = (!keys.is_empty())
        .then(|| seal::check(&snap.seals, keys, |q| snap.chain_at(q), now, max_age));
    let guard = ledger.trail_guard()?;
    Ok(Checked {
        snap,
        report,
        guard,
    })
}

/// What `seal` did.
pub enum Sealed {
    /// The trail or a seal does not verify: nothing sealed.
    Tampered(Checked),
    /// No good seal is recent enough (or none at all) and `start` was not
    /// given: a cron job must not quietly vouch for a trail whose seals
    /// were deleted.
    NeedsStart(Checked),
    /// The trail is empty.
    Empty,
    Done {
        seal: Seal,
        entry: u64,
    },
}

/// Sign the verified head with `key` and store the seal (its own audit
/// entry).
pub fn seal(
    ledger: &mut Ledger,
    key: &SigningKey,
    mut keys: Keys,
    max_age: Option<Duration>,
    start: bool,
) -> Result<Sealed> {
    let own = key.public();
    if !keys.trusted.contains(&own) {
        keys.trusted.push(own);
    }
    let snap = ledger.trail_snapshot(None)?;
    let now = ledger.now()?;
    let report = seal::check(&snap.seals, &keys, |q| snap.chain_at(q), now, None);
    let stale = match max_age {
        Some(age) => report.stale(now, age),
        None => report.newest_good.is_none(),
    };
    let checked = Checked {
        snap,
        report: Some(report),
        guard: None,
    };
    if !checked.ok() {
        return Ok(Sealed::Tampered(checked));
    }
    if stale && !start {
        return Ok(Sealed::NeedsStart(checked));
    }
    let Some(head) = checked.snap.head.clone() else {
        return Ok(Sealed::Empty);
    };
    let (seal, entry) = ledger.write(|tx| {
        let s = key.seal(head.seq, &head.hash, &crate::clock::to_stored(tx.now()));
        let entry = tx.store_seal(&s, start)?;
        Ok((s, entry))
    })?;
    Ok(Sealed::Done { seal, entry })
}
