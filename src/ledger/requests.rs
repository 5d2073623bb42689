//! Requests awaiting a second person's approval (four-eyes): what an action
//! will do, recorded by the one who asks, carried out by the one who
//! approves (in the approval's own transaction), or rejected. A pending
//! request past its `expires_at` is expired: it cannot be approved, and
//! lists as `expired`.

use super::Tx;
use super::exec::{Exec, Row, params};
use crate::error::Result;

/// One stored request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestRow {
    pub id: i64,
    /// The action's name (`unlock.reissue`, `policy.set`, ...).
    pub action: String,
    /// The customer it is about (the first one, for several).
    pub customer: Option<String>,
    /// What the approval carries out (JSON; never a secret).
    pub params: String,
    /// What would change, personal data masked (JSON), for `request show`.
    pub preview: String,
    pub reason: Option<String>,
    /// The authenticated identity that asked.
    pub requested_by: String,
    /// The `--operator` label of the one who asked.
    pub operator: String,
    pub requested_at: String,
    pub expires_at: String,
    /// `pending`, `approved` or `rejected` as stored (see [`RequestRow::state`]).
    pub status: String,
    pub decided_by: Option<String>,
    pub decided_operator: Option<String>,
    pub decided_at: Option<String>,
    pub decision_reason: Option<String>,
}

impl RequestRow {
    /// The status as people see it at `now`: a pending request past its
    /// expiry is `expired`.
    pub fn state(&self, now: chrono::DateTime<chrono::Utc>) -> &str {
        if self.status == "pending" && self.expires_at <= crate::clock::to_stored(now) {
            "expired"
        } else {
            &self.status
        }
    }

    fn from_row(mut r: Row) -> Result<RequestRow> {
        Ok(RequestRow {
            id: r.int(0)?,
            action: r.text(1)?,
            customer: r.opt_text(2)?,
            params: r.text(3)?,
            preview: r.text(4)?,
            reason: r.opt_text(5)?,
            requested_by: r.text(6)?,
            operator: r.text(7)?,
            requested_at: r.text(8)?,
            expires_at: r.text(9)?,
            status: r.text(10)?,
            decided_by: r.opt_text(11)?,
            decided_operator: r.opt_text(12)?,
            decided_at: r.opt_text(13)?,
            decision_reason: r.opt_text(14)?,
        })
    }
}

const COLUMNS: &str = "id, action, customer, params, preview, reason, requested_by, operator, \
     requested_at, expires_at, status, decided_by, decided_operator, decided_at, decision_reason";

/// SHA-256 of a request's stored parameters, hex: the `request.create`
/// entry holds it.
pub fn params_digest(params: &str) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(params.as_bytes()))
}

/// What a new request holds.
#[derive(Debug, Clone)]
pub struct NewRequest<'a> {
    pub action: &'a str,
    pub customer: Option<&'a str>,
    pub params: serde_json::Value,
    pub preview: serde_json::Value,
    pub reason: Option<&'a str>,
    pub expires_after: chrono::Duration,
}

pub(super) fn request(db: &dyn Exec, id: i64) -> Result<Option<RequestRow>> {
    db.first(
        &format!("SELECT {COLUMNS} FROM request WHERE id = ?1"),
        params![id],
        RequestRow::from_row,
    )
}

/// Requests, oldest first; `state` one of pending, approved, rejected,
/// expired (as of `now`), or all; the newest `limit` when given.
pub(super) fn requests(
    db: &dyn Exec,
    state: Option<&str>,
    now: chrono::DateTime<chrono::Utc>,
    limit: Option<u64>,
) -> Result<Vec<RequestRow>> {
    let now = crate::clock::to_stored(now);
    let limit = limit.map_or(i64::MAX, |l| i64::try_from(l).unwrap_or(i64::MAX));
    db.all(
        &format!(
            "SELECT {COLUMNS} FROM (
                SELECT {COLUMNS} FROM request
                WHERE ?1 IS NULL
                   OR (?1 = 'pending' AND status = 'pending' AND expires_at > ?2)
                   OR (?1 = 'expired' AND status = 'pending' AND expires_at <= ?2)
                   OR (?1 IN ('approved', 'rejected') AND status = ?1)
                ORDER BY id DESC
                LIMIT ?3
             ) AS newest ORDER BY id"
        ),
        params![state, now, limit],
        RequestRow::from_row,
    )
}

impl Tx<'_> {
    /// Record a request by this process's identity, with its audit entry
    /// (`request.create`). Its id.
    pub fn add_request(&mut self, r: &NewRequest) -> Result<i64> {
        let now = self.now();
        let at = crate::clock::to_stored(now);
        let expires = crate::clock::to_stored(now + r.expires_after);
        let identity = self.identity().to_string();
        let operator = self.operator().to_string();
        let id = self.exec().one(
            "INSERT INTO request (action, customer, params, preview, reason, requested_by, operator,
                                  requested_at, expires_at, status)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'pending') RETURNING id",
            params![
                r.action,
                r.customer,
                r.params.to_string(),
                r.preview.to_string(),
                r.reason,
                identity,
                operator,
                at,
                expires
            ],
            |mut row| row.int(0),
        )?;
        // The entry binds the row: approval compares them (a row edited
        // by hand is refused as tampered).
        self.audit(super::Entry {
            action: "request.create",
            customer: r.customer,
            reason: r.reason,
            details: serde_json::json!({
                "request": id,
                "action": r.action,
                "expires_at": crate::clock::to_jst(now + r.expires_after),
                "params_sha256": params_digest(&r.params.to_string()),
                "preview": r.preview,
            }),
        })?;
        Ok(id)
    }

    /// Decide a pending, unexpired request (`approved` or `rejected`) as
    /// this process's identity. Whether it was still pending: of two
    /// deciders at once, exactly one gets `true` (the write lock orders
    /// them, and the second finds it decided). The caller writes the audit
    /// entry.
    pub fn decide_request(&mut self, id: i64, status: &str, reason: Option<&str>) -> Result<bool> {
        let now = crate::clock::to_stored(self.now());
        let identity = self.identity().to_string();
        let operator = self.operator().to_string();
        let n = self.exec().execute(
            "UPDATE request SET status = ?2, decided_by = ?3, decided_operator = ?4,
                                decided_at = ?5, decision_reason = ?6
             WHERE id = ?1 AND status = 'pending' AND expires_at > ?5",
            params![id, status, identity, operator, now, reason],
        )?;
        Ok(n == 1)
    }
}
