//! The rollout schedule (pre-registration and enforcement), audited.

use serde_json::json;

use crate::error::Result;
use crate::ledger::{Entry, Ledger, Read};
use crate::rollout::Schedule;

/// Put `s` in force; the schedule it replaces, if any.
pub fn set(ledger: &mut Ledger, s: &Schedule) -> Result<Option<Schedule>> {
    let shown = |s: &Schedule| {
        let jst = crate::clock::to_jst;
        json!({ "pre_start": jst(s.pre_start), "pre_end": jst(s.pre_end), "enforce": jst(s.enforce) })
    };
    ledger.write(|tx| {
        let old = tx.rollout_schedule()?;
        tx.set_rollout_schedule(s)?;
        tx.audit(Entry {
            action: "rollout.set",
            customer: None,
            reason: None,
            details: json!({ "old": old.as_ref().map(shown), "new": shown(s) }),
        })?;
        Ok(old)
    })
}
