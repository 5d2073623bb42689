//! The facts behind `acctsec report`, fed to a [`Replay`]: the trail's
//! entries that change a customer's execution-password state, the
//! customer count or a lock (streamed in trail order: a customer's state
//! depends on their earlier entries), and hourly counts of failed
//! verifications and notices (aggregated here; an hour falls in one JST
//! day, JST being a whole number of hours ahead of the stored UTC).

use std::ops::ControlFlow;

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::exec::{Exec, Row, params};
use crate::error::Result;
use crate::report::{CredState, Replay};

/// The trail's actions the replay reads.
const ACTIONS: &str = "'customer.import', 'password.issue', 'password.set', 'password.change', 'lock.add', 'lock.auto', 'lock.unlock'";

pub(super) fn replay(db: &dyn Exec, r: &mut Replay) -> Result<()> {
    let sql = format!(
        "SELECT at, action, customer, details FROM audit_log WHERE action IN ({ACTIONS}) ORDER BY seq"
    );
    db.query(&sql, params![], &mut |mut row| {
        let at = moment(&mut row, 0)?;
        let action = row.text(1)?;
        let customer = row.opt_text(2)?;
        let mut details =
            || -> Result<Value> { Ok(serde_json::from_str(&row.text(3)?).unwrap_or(Value::Null)) };
        match (action.as_str(), customer.as_deref()) {
            ("customer.import", _) => {
                r.customers_added(at, details()?["added"].as_u64().unwrap_or(0))
            }
            // Issued passwords are execution passwords (the details say so).
            ("password.issue", Some(c)) => r.credential(at, c, CredState::Initial),
            ("password.set" | "password.change", Some(c)) => {
                let d = details()?;
                if d["kind"] == "execution" {
                    let state = if d["state"] == "initial" {
                        CredState::Initial
                    } else {
                        CredState::Set
                    };
                    r.credential(at, c, state);
                }
            }
            ("lock.add" | "lock.auto", Some(_)) => r.locked(at),
            ("lock.unlock", Some(_)) if details()?["was_locked"] == true => r.unlocked(at),
            _ => {}
        }
        Ok(ControlFlow::Continue(()))
    })?;
    hourly(
        db,
        "SELECT substr(at, 1, 13) AS hour, count(*) FROM attempt WHERE ok = ?1 GROUP BY substr(at, 1, 13)",
        params![false],
        &mut |h, n| r.failed_verifications(h, n),
    )?;
    hourly(
        db,
        "SELECT substr(created_at, 1, 13) AS hour, count(*) FROM outbox GROUP BY substr(created_at, 1, 13)",
        params![],
        &mut |h, n| r.notices_queued(h, n),
    )?;
    hourly(
        db,
        "SELECT substr(sent_at, 1, 13) AS hour, count(*) FROM outbox WHERE sent_at IS NOT NULL GROUP BY substr(sent_at, 1, 13)",
        params![],
        &mut |h, n| r.notices_sent(h, n),
    )
}

/// A stored moment (UTC RFC 3339).
fn moment(row: &mut Row, i: usize) -> Result<DateTime<Utc>> {
    let s = row.text(i)?;
    crate::clock::from_stored(&s).ok_or_else(|| row.bad(i, format_args!("not a moment: {s:?}")))
}

/// Counts by the stored hour (`YYYY-MM-DDTHH`, UTC).
fn hourly(
    db: &dyn Exec,
    sql: &str,
    params: &[super::exec::Param<'_>],
    each: &mut dyn FnMut(DateTime<Utc>, u64),
) -> Result<()> {
    db.query(sql, params, &mut |mut row| {
        let hour = row.text(0)?;
        let at = crate::clock::from_stored(&format!("{hour}:00:00Z"))
            .ok_or_else(|| row.bad(0, format_args!("not an hour: {hour:?}")))?;
        each(at, row.u64(1)?);
        Ok(ControlFlow::Continue(()))
    })
}

/// The trail's sensitive actions at or after `since`, counted per
/// authenticated identity and action (entries from before identities were
/// recorded are left out): `(identity, action, count)`, ordered.
pub(super) fn staff_actions(db: &dyn Exec, since: &str) -> Result<Vec<(String, String, u64)>> {
    db.all(
        &format!(
            "SELECT identity, action, count(*) FROM audit_log
              WHERE identity IS NOT NULL AND at >= ?1 AND action IN ({STAFF_ACTIONS})
              GROUP BY identity, action ORDER BY identity, action"
        ),
        params![since],
        |mut r| Ok((r.text(0)?, r.text(1)?, r.u64(2)?)),
    )
}

/// The actions `staff_actions` counts (those four-eyes approval is about,
/// and the approvals themselves).
pub const STAFF_ACTIONS: &str = "'lock.unlock', 'password.issue', 'policy.set', 'customer.pii_view', 'customer.set_email', 'request.create', 'request.approve', 'request.reject'";
