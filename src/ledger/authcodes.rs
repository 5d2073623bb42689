//! One-time auth codes: their hashes and lives, and the outbox copies of the
//! notices that carry them (blanked once a code is over or its mail sent).

use chrono::{DateTime, Utc};

use super::Tx;
use super::exec::{Exec, Row, params};
use crate::authcode::{Purpose, State};
use crate::clock::{from_stored, to_stored};
use crate::error::Result;

/// A stored auth code (never the code: its Argon2id hash while live).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthCodeRow {
    pub id: i64,
    pub customer: String,
    pub purpose: Purpose,
    /// The PHC string; `None` once the code is over.
    pub hash: Option<String>,
    pub state: State,
    /// Wrong tries so far.
    pub tries: u32,
    pub issued_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

const COLUMNS: &str = "id, customer, purpose, hash, state, tries, issued_at, expires_at";

fn time(r: &mut Row<'_>, i: usize) -> Result<DateTime<Utc>> {
    let s = r.text(i)?;
    from_stored(&s).ok_or_else(|| r.bad(i, format_args!("not a time: {s:?}")))
}

fn row(mut r: Row<'_>) -> Result<AuthCodeRow> {
    let id = r.int(0)?;
    let customer = r.text(1)?;
    let purpose = r.text(2)?;
    let purpose = Purpose::parse(&purpose)
        .ok_or_else(|| r.bad(2, format_args!("unknown purpose {purpose:?}")))?;
    let hash = r.opt_text(3)?;
    let state = r.text(4)?;
    let state =
        State::parse(&state).ok_or_else(|| r.bad(4, format_args!("unknown state {state:?}")))?;
    Ok(AuthCodeRow {
        id,
        customer,
        purpose,
        hash,
        state,
        tries: r.u32(5)?,
        issued_at: time(&mut r, 6)?,
        expires_at: time(&mut r, 7)?,
    })
}

pub(super) fn live(db: &dyn Exec, code: &str, purpose: Purpose) -> Result<Option<AuthCodeRow>> {
    db.first(
        &format!(
            "SELECT {COLUMNS} FROM authcode
             WHERE customer = ?1 AND purpose = ?2 AND state = 'live'"
        ),
        params![code, purpose.as_str()],
        row,
    )
}

pub(super) fn by_id(db: &dyn Exec, id: i64) -> Result<Option<AuthCodeRow>> {
    db.first(
        &format!("SELECT {COLUMNS} FROM authcode WHERE id = ?1"),
        params![id],
        row,
    )
}

/// The customer's live codes, or every customer's (`None`), by id.
pub(super) fn live_codes(db: &dyn Exec, code: Option<&str>) -> Result<Vec<AuthCodeRow>> {
    db.all(
        &format!(
            "SELECT {COLUMNS} FROM authcode
             WHERE state = 'live' AND (CAST(?1 AS TEXT) IS NULL OR customer = ?1) ORDER BY id"
        ),
        params![code],
        row,
    )
}

pub(super) fn last_issue(
    db: &dyn Exec,
    code: &str,
    purpose: Purpose,
) -> Result<Option<DateTime<Utc>>> {
    // A code none of whose notices went out (the relay refused them all)
    // reached nobody: it does not hold the next one back.
    db.first(
        "SELECT a.issued_at FROM authcode a WHERE a.customer = ?1 AND a.purpose = ?2
           AND NOT (EXISTS (SELECT 1 FROM outbox o WHERE o.authcode = a.id)
                    AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.authcode = a.id
                                                            AND o.status <> 'failed'))
         ORDER BY a.issued_at DESC, a.id DESC LIMIT 1",
        params![code, purpose.as_str()],
        |mut r| time(&mut r, 0),
    )
}

/// A customer's auth codes for one purpose, locked after a day's cap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthCodeLock {
    pub customer: String,
    pub purpose: Purpose,
    pub locked_at: DateTime<Utc>,
    /// `issues` or `wrong_tries`: which cap was reached.
    pub cause: String,
    /// The count that reached it.
    pub count: u32,
}

fn lock_row(mut r: Row<'_>) -> Result<AuthCodeLock> {
    let customer = r.text(0)?;
    let purpose = r.text(1)?;
    let purpose = Purpose::parse(&purpose)
        .ok_or_else(|| r.bad(1, format_args!("unknown purpose {purpose:?}")))?;
    Ok(AuthCodeLock {
        customer,
        purpose,
        locked_at: time(&mut r, 2)?,
        cause: r.text(3)?,
        count: r.u32(4)?,
    })
}

const LOCK_COLUMNS: &str = "customer, purpose, locked_at, cause, count";

pub(super) fn lock(db: &dyn Exec, code: &str, purpose: Purpose) -> Result<Option<AuthCodeLock>> {
    db.first(
        &format!(
            "SELECT {LOCK_COLUMNS} FROM authcode_lock
             WHERE customer = ?1 AND purpose = ?2 AND cleared_at IS NULL"
        ),
        params![code, purpose.as_str()],
        lock_row,
    )
}

pub(super) fn locks(db: &dyn Exec, code: Option<&str>) -> Result<Vec<AuthCodeLock>> {
    db.all(
        &format!(
            "SELECT {LOCK_COLUMNS} FROM authcode_lock
             WHERE cleared_at IS NULL AND (CAST(?1 AS TEXT) IS NULL OR customer = ?1)
             ORDER BY locked_at, customer, purpose"
        ),
        params![code],
        lock_row,
    )
}

/// The codes issued to a customer for a purpose since `since`, or since
/// staff last cleared a lock of them if that is later, and the wrong tries
/// made of them.
pub(super) fn issued_since(
    db: &dyn Exec,
    code: &str,
    purpose: Purpose,
    since: DateTime<Utc>,
) -> Result<(u32, u32)> {
    let cleared: Option<String> = db.first(
        "SELECT cleared_at FROM authcode_lock
             WHERE customer = ?1 AND purpose = ?2 AND cleared_at IS NOT NULL",
        params![code, purpose.as_str()],
        |mut r| r.text(0),
    )?;
    let since = to_stored(since);
    let from = cleared.filter(|c| *c > since).unwrap_or(since);
    db.one(
        "SELECT count(*), CAST(coalesce(sum(tries), 0) AS BIGINT) FROM authcode
         WHERE customer = ?1 AND purpose = ?2 AND issued_at >= ?3",
        params![code, purpose.as_str(), from],
        |mut r| Ok((r.u32(0)?, r.u32(1)?)),
    )
}

impl Tx<'_> {
    /// Lock a customer's auth codes for `purpose` (a no-op when they are
    /// locked already). Returns whether this call locked them.
    pub fn lock_authcodes(
        &self,
        code: &str,
        purpose: Purpose,
        cause: &str,
        count: u32,
    ) -> Result<bool> {
        let n = self.exec().execute(
            "INSERT INTO authcode_lock (customer, purpose, locked_at, cause, count)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (customer, purpose) DO UPDATE
                 SET locked_at = excluded.locked_at, cause = excluded.cause,
                     count = excluded.count, cleared_at = NULL
                 WHERE authcode_lock.cleared_at IS NOT NULL",
            params![code, purpose.as_str(), to_stored(self.now()), cause, count],
        )?;
        Ok(n > 0)
    }

    /// Clear the lock of a customer's auth codes for `purpose`; returns the
    /// lock that was cleared.
    pub fn clear_authcode_lock(
        &self,
        code: &str,
        purpose: Purpose,
    ) -> Result<Option<AuthCodeLock>> {
        let Some(l) = lock(self.exec(), code, purpose)? else {
            return Ok(None);
        };
        self.exec().execute(
            "UPDATE authcode_lock SET cleared_at = ?3
             WHERE customer = ?1 AND purpose = ?2 AND cleared_at IS NULL",
            params![code, purpose.as_str(), to_stored(self.now())],
        )?;
        Ok(Some(l))
    }

    /// Store a new live code (the caller has ended the previous one) and
    /// the copy of its notice to keep once it is over; returns its id.
    pub fn insert_authcode(
        &self,
        code: &str,
        purpose: Purpose,
        hash: &str,
        expires_at: DateTime<Utc>,
        redacted_body: &str,
    ) -> Result<i64> {
        self.exec().one(
            "INSERT INTO authcode (customer, purpose, hash, state, issued_at, expires_at, redacted_body)
             VALUES (?1, ?2, ?3, 'live', ?4, ?5, ?6)
             RETURNING id",
            params![
                code,
                purpose.as_str(),
                hash,
                to_stored(self.now()),
                to_stored(expires_at),
                redacted_body
            ],
            |mut r| r.int(0),
        )
    }

    /// Mark outbox notices as carrying auth code `id`.
    pub fn attach_authcode_notices(&self, id: i64, notices: &[i64]) -> Result<()> {
        for n in notices {
            self.exec().execute(
                "UPDATE outbox SET authcode = ?1 WHERE id = ?2",
                params![id, n],
            )?;
        }
        Ok(())
    }

    /// Record a wrong try of a live code.
    pub fn set_authcode_tries(&self, id: i64, tries: u32) -> Result<()> {
        self.exec().execute(
            "UPDATE authcode SET tries = ?2 WHERE id = ?1 AND state = 'live'",
            params![id, tries],
        )?;
        Ok(())
    }

    /// End live code `id` (used, replaced, exhausted, expired): its hash is
    /// dropped and every stored copy of its notice blanked, and the old
    /// pages are scrubbed after the commit. Returns whether it was live.
    pub fn end_authcode(&mut self, id: i64, state: State) -> Result<bool> {
        let ended = self.exec().execute(
            "UPDATE authcode SET state = ?2, hash = NULL, ended_at = ?3
             WHERE id = ?1 AND state = 'live'",
            params![id, state.as_str(), to_stored(self.now())],
        )?;
        let blanked = self.exec().execute(
            "UPDATE outbox SET body = (SELECT a.redacted_body FROM authcode a WHERE a.id = ?1)
             WHERE authcode = ?1",
            params![id],
        )?;
        if ended + blanked > 0 {
            self.scrub = true;
        }
        Ok(ended > 0)
    }

    /// Blank the stored copies of these (sent) notices that carry an auth
    /// code: the mail is out; the ledger need not keep the code. Returns how
    /// many were blanked.
    pub fn blank_authcode_notices(&mut self, ids: &[i64]) -> Result<u64> {
        let mut n = 0;
        for id in ids {
            n += self.exec().execute(
                "UPDATE outbox SET body = (SELECT a.redacted_body FROM authcode a WHERE a.id = outbox.authcode)
                 WHERE id = ?1 AND authcode IS NOT NULL",
                params![id],
            )?;
        }
        if n > 0 {
            self.scrub = true;
        }
        Ok(n)
    }
}
