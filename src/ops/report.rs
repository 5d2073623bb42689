//! The report: rollout progress and security posture, from the trail, the
//! credentials, the audit runs and the schedule (read only).

use chrono::{DateTime, TimeZone, Utc};

use crate::error::Result;
use crate::ledger::{Ledger, Read};
use crate::report::{self, AuditPoint, Current, Replay, Report};

/// Build the report from `since` (JST; default: the pre-registration
/// start) to now, by the ledger's clock.
pub fn build(ledger: &Ledger, since: Option<DateTime<Utc>>) -> Result<Report> {
    // Today, the projection and the phase by the ledger's clock (the
    // server's on PostgreSQL), which dated the trail the report replays.
    let now = ledger.now()?;
    let mut replay = Replay::new();
    ledger.report_replay(&mut replay)?;
    let counts = ledger.state_counts()?;
    let current = Current {
        customers: counts.customers,
        none: counts.none,
        initial: counts.initial,
        set: counts.set,
        locked: counts.locked,
    };
    let audits = ledger
        .audit_runs(None)?
        .iter()
        .filter_map(|r| {
            let started = crate::clock::from_stored(&r.started_at)?;
            let summary = serde_json::from_str(&r.summary).unwrap_or_default();
            Some(AuditPoint::new(r.id, started, &summary))
        })
        .collect();
    let schedule = ledger.rollout_schedule()?;
    let mut rep = report::build(
        &replay,
        schedule.as_ref(),
        current,
        audits,
        since,
        now,
        crate::clock::to_jst,
    );
    drop(replay);
    let from = crate::clock::jst()
        .from_local_datetime(&rep.from.and_time(chrono::NaiveTime::MIN))
        .single()
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or(now);
    rep.staff = report::staff_actions(ledger.staff_actions(from)?);
    Ok(rep)
}
