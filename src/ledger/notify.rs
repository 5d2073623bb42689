//! Subscriptions and the outbox.

use super::exec::{Exec, params};
use super::{Read, Tx};
use crate::customer::Customer;
use crate::error::Result;
use crate::notify::sealed::{SEALED, SEALED_PREFIX_LEN};
use crate::notify::{Destination, Event, NewNotice, NoticeType, Priority, Subscription};
use crate::policy::Policy;

/// A queued notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub id: i64,
    pub kind: String,
    pub customer: String,
    pub to: String,
    pub subject: String,
    pub body: String,
    pub created_at: String,
    pub status: String,
    pub sent_at: Option<String>,
    /// Delivery attempts through the relay (`notify send`).
    pub attempts: i64,
    /// The relay's last reply (its queue id once sent).
    pub reply: Option<String>,
    /// The auth code it carries (`authcode issue`), if any.
    pub authcode: Option<i64>,
}

impl Notice {
    /// How soon it must go out (by its type, from the catalog).
    pub fn priority(&self) -> Priority {
        Priority::of(&self.kind)
    }
}

/// The columns of a [`Notice`], in its order.
const NOTICE_COLUMNS: &str = "id, type, customer, to_addr, subject, body, created_at, status, sent_at, attempts, reply, authcode";

fn notice_row(mut r: super::exec::Row<'_>) -> Result<Notice> {
    Ok(Notice {
        id: r.int(0)?,
        kind: r.text(1)?,
        customer: r.text(2)?,
        to: r.text(3)?,
        subject: r.text(4)?,
        body: r.text(5)?,
        created_at: r.text(6)?,
        status: r.text(7)?,
        sent_at: r.opt_text(8)?,
        attempts: r.int(9)?,
        reply: r.opt_text(10)?,
        authcode: r.opt_int(11)?,
    })
}

/// A notice's priority rank ([`Priority::rank`]) computed from its type in
/// SQL: a `CASE` over the catalog's names (unknown names are routine), the
/// same on SQLite and PostgreSQL, so no column holds it.
fn priority_rank() -> &'static str {
    static SQL: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    SQL.get_or_init(|| {
        let mut sql = String::from("(CASE type");
        for (name, p) in Priority::table() {
            if p != Priority::Routine {
                // Catalog names are lower-case letters and underscores
                // (tested there): safe as literals.
                sql.push_str(&format!(" WHEN '{name}' THEN {}", p.rank()));
            }
        }
        sql.push_str(&format!(" ELSE {} END)", Priority::Routine.rank()));
        sql
    })
}

/// The order `notify send` takes notices in, and `notify outbox export`
/// lists them: the most urgent first, then the oldest.
fn by_priority() -> String {
    format!("{}, id", priority_rank())
}

/// The pending notices `notify send` may take at `now` (`?1`), most urgent
/// first and then oldest first ([`by_priority`]): due (no later attempt
/// set), not claimed by a live run, and not exported to a mail gateway
/// (which delivers those). A code notice sealed to a key
/// ([`crate::notify::sealed`]) is due only for a run whose key opens it:
/// parameter `?{open}` is the prefix of the bodies its key opens (NULL: it
/// has none); the others leave it for a host that can.
fn due(open: u8) -> String {
    format!(
        "status = 'pending' AND exported_at IS NULL
     AND (next_attempt_at IS NULL OR next_attempt_at <= ?1)
     AND (claimed_until IS NULL OR claimed_until <= ?1)
     AND (authcode IS NULL OR substr(body, 1, {sealed_len}) <> '{SEALED}'
          OR substr(body, 1, {prefix_len}) = ?{open})",
        sealed_len = SEALED.len(),
        prefix_len = SEALED_PREFIX_LEN,
    )
}

/// The run holding notice `id` and until when (`None`: unclaimed or no
/// such notice).
pub(super) fn claim_of(db: &dyn Exec, id: i64) -> Result<Option<(String, String)>> {
    Ok(db
        .first(
            "SELECT claimed_by, claimed_until FROM outbox WHERE id = ?1",
            params![id],
            |mut r| Ok((r.opt_text(0)?, r.opt_text(1)?)),
        )?
        .and_then(|(by, until)| by.zip(until)))
}

/// Notice `id`, if there is one.
pub(super) fn notice(db: &dyn Exec, id: i64) -> Result<Option<Notice>> {
    db.first(
        &format!("SELECT {NOTICE_COLUMNS} FROM outbox WHERE id = ?1"),
        params![id],
        notice_row,
    )
}

pub(super) fn due_notices(
    db: &dyn Exec,
    now: &str,
    limit: i64,
    open: Option<&str>,
) -> Result<Vec<Notice>> {
    db.all(
        &format!(
            "SELECT {NOTICE_COLUMNS} FROM outbox WHERE {} ORDER BY {} LIMIT ?2",
            due(3),
            by_priority()
        ),
        params![now, limit, open],
        notice_row,
    )
}

/// How many pending code notices are sealed to a key other than the one
/// whose bodies start with `open` (every sealed one when `None`): a
/// `notify send` run that cannot open them leaves them for a host that can.
pub(super) fn sealed_elsewhere(db: &dyn Exec, open: Option<&str>) -> Result<u64> {
    db.one(
        &format!(
            "SELECT count(*) FROM outbox
             WHERE status = 'pending' AND exported_at IS NULL AND authcode IS NOT NULL
               AND substr(body, 1, {sealed_len}) = '{SEALED}'
               AND (CAST(?1 AS TEXT) IS NULL OR substr(body, 1, {prefix_len}) <> ?1)",
            sealed_len = SEALED.len(),
            prefix_len = SEALED_PREFIX_LEN,
        ),
        params![open],
        |mut r| r.u64(0),
    )
}

/// Whether a notice more urgent than `than` is due at `now`: a running
/// `notify send` asks between messages whether one has come in. Only the
/// names of the more urgent types are looked up (the `(status, type)`
/// index), so the answer costs little however long the backlog.
pub(super) fn urgent_due(
    db: &dyn Exec,
    now: &str,
    than: Priority,
    open: Option<&str>,
) -> Result<bool> {
    let names: Vec<String> = Priority::table()
        .filter(|(_, p)| *p < than)
        .map(|(name, _)| format!("'{name}'"))
        .collect();
    if names.is_empty() {
        return Ok(false);
    }
    let found = db.first(
        &format!(
            "SELECT id FROM outbox WHERE type IN ({}) AND {} LIMIT 1",
            names.join(", "),
            due(2)
        ),
        params![now, open],
        |mut r| r.int(0),
    )?;
    Ok(found.is_some())
}

pub(super) fn effective(
    policy: &Policy,
    t: NoticeType,
    stored: Option<(bool, String)>,
) -> Subscription {
    match stored {
        Some((enabled, dest)) => Subscription {
            enabled: enabled || !t.optional(),
            to: Destination::parse(&dest).unwrap_or(Destination::Pc),
            default: false,
        },
        None => {
            let d = policy.notice_default(t);
            Subscription {
                enabled: d.enabled || !t.optional(),
                to: d.to,
                default: true,
            }
        }
    }
}

pub(super) fn stored_subscription(
    db: &dyn Exec,
    code: &str,
    t: NoticeType,
) -> Result<Option<(bool, String)>> {
    db.first(
        "SELECT enabled, dest FROM subscription WHERE customer = ?1 AND type = ?2",
        params![code, t.name()],
        |mut r| Ok((r.bool(0)?, r.text(1)?)),
    )
}

/// The customer's recorded choices: (type, enabled, destination).
pub(super) fn stored_subscriptions(
    db: &dyn Exec,
    code: &str,
) -> Result<Vec<(String, bool, String)>> {
    db.all(
        "SELECT type, enabled, dest FROM subscription WHERE customer = ?1",
        params![code],
        |mut r| Ok((r.text(0)?, r.bool(1)?, r.text(2)?)),
    )
}

/// Every notice (of one status), most urgent first and then oldest first:
/// the order `notify send` takes them in ([`by_priority`]).
pub(super) fn outbox(db: &dyn Exec, status: Option<&str>) -> Result<Vec<Notice>> {
    db.all(
        &format!(
            "SELECT {NOTICE_COLUMNS} FROM outbox WHERE (?1 IS NULL OR status = ?1) ORDER BY {}",
            by_priority()
        ),
        params![status],
        notice_row,
    )
}

/// The first `limit` notices (all when `None`), and how many match.
pub(super) fn outbox_page(
    db: &dyn Exec,
    status: Option<&str>,
    limit: Option<u64>,
) -> Result<(Vec<Notice>, u64)> {
    let limit = limit.map_or(i64::MAX, |l| i64::try_from(l).unwrap_or(i64::MAX));
    let rows = outbox_limited(db, status, limit)?;
    let total = db.one(
        "SELECT count(*) FROM outbox WHERE (?1 IS NULL OR status = ?1)",
        params![status],
        |mut r| r.u64(0),
    )?;
    Ok((rows, total))
}

fn outbox_limited(db: &dyn Exec, status: Option<&str>, limit: i64) -> Result<Vec<Notice>> {
    db.all(
        &format!(
            "SELECT {NOTICE_COLUMNS} FROM outbox WHERE (?1 IS NULL OR status = ?1) ORDER BY id LIMIT ?2"
        ),
        params![status, limit],
        notice_row,
    )
}

impl Tx<'_> {
    pub fn queue_notice(&self, n: &NewNotice) -> Result<i64> {
        let at = crate::clock::to_stored(self.now());
        self.exec().one(
            "INSERT INTO outbox (type, customer, to_addr, subject, body, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             RETURNING id",
            params![n.kind, n.customer, n.to, n.subject, n.body, at],
            |mut r| r.int(0),
        )
    }

    pub fn set_subscription(
        &self,
        code: &str,
        t: NoticeType,
        enabled: bool,
        to: Destination,
    ) -> Result<()> {
        let at = crate::clock::to_stored(self.now());
        self.exec().execute(
            "INSERT INTO subscription (customer, type, enabled, dest, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (customer, type) DO UPDATE
             SET enabled = excluded.enabled, dest = excluded.dest, updated_at = excluded.updated_at",
            params![code, t.name(), enabled, to.as_str(), at],
        )?;
        Ok(())
    }

    /// Mark notices sent; returns the ids that were pending (now sent) and
    /// those that were already sent. Unknown ids are returned apart.
    pub fn ack_notices(&self, ids: &[i64]) -> Result<AckResult> {
        let at = crate::clock::to_stored(self.now());
        let db = self.exec();
        let mut res = AckResult::default();
        for &id in ids {
            // Only what was exported can have been sent: a mistyped id of a
            // notice still waiting must not mark it sent and lose it.
            let status = db.first(
                "SELECT status FROM outbox WHERE id = ?1 AND exported_at IS NOT NULL",
                params![id],
                |mut r| r.text(0),
            )?;
            match status.as_deref() {
                None => res.unknown.push(id),
                Some("sent") => res.already.push(id),
                Some(_) => {
                    db.execute(
                        "UPDATE outbox SET status = 'sent', sent_at = ?2 WHERE id = ?1",
                        params![id, at],
                    )?;
                    res.acked.push(id);
                }
            }
        }
        Ok(res)
    }

    /// Record that these notices were exported (the first export counts).
    pub fn mark_exported(&self, ids: &[i64]) -> Result<()> {
        let at = crate::clock::to_stored(self.now());
        for id in ids {
            self.exec().execute(
                "UPDATE outbox SET exported_at = coalesce(exported_at, ?2) WHERE id = ?1",
                params![id, at],
            )?;
        }
        Ok(())
    }
}

impl Tx<'_> {
    /// Queue the notices `event` sends to customer `c`, in this transaction:
    /// reads the subscription that routes them and the support desk, asks
    /// [`crate::notify::notices`] for them, and stores each. Returns their
    /// outbox ids (none when the customer has no address).
    pub fn queue_notices_for(&mut self, c: &Customer, event: &Event) -> Result<Vec<i64>> {
        let sub = match event.routed_by() {
            Some(t) => Some(self.subscription(&c.code, t)?),
            None => None,
        };
        let support = self.policy()?.support_desk().to_string();
        let mut notices = crate::notify::notices(c, event, sub, self.now(), &support);
        let ids = notices.iter().map(|n| self.queue_notice(n)).collect();
        // An auth code's notice holds the code: no stray copy in memory.
        for n in &mut notices {
            zeroize::Zeroize::zeroize(&mut n.body);
        }
        ids
    }
}

/// What the relay made of one notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Delivery {
    /// Accepted (2xx): the reply (the relay's queue id).
    Sent { reply: String },
    /// Deferred (4xx, or the connection dropped): tried again at `next`.
    Deferred { reply: String, next: String },
    /// Refused for good (5xx, or an address no relay takes).
    Failed { reply: String },
}

impl Tx<'_> {
    /// Claim for run `run` until `until` at most `limit` due notices (see
    /// [`due`]: `open` is the prefix of the sealed bodies the run's key
    /// opens), most urgent first, then oldest first. Transactions are
    /// serialized on every backend, so two runs never claim one notice; a
    /// crashed run's claims lapse at `until`.
    pub fn claim_notices(
        &self,
        run: &str,
        until: &str,
        limit: i64,
        open: Option<&str>,
    ) -> Result<Vec<Notice>> {
        let now = crate::clock::to_stored(self.now());
        let due = due_notices(self.exec(), &now, limit, open)?;
        for n in &due {
            self.claim_notice(n.id, run, until)?;
        }
        Ok(due)
    }

    /// Claim notice `id` for run `run` until `until` (a notice `authcode
    /// issue` is delivering itself is claimed as it is queued).
    pub fn claim_notice(&self, id: i64, run: &str, until: &str) -> Result<()> {
        self.exec().execute(
            "UPDATE outbox SET claimed_by = ?2, claimed_until = ?3 WHERE id = ?1",
            params![id, run, until],
        )?;
        Ok(())
    }

    /// Record what the relay made of notice `id` (claimed by `run`), and
    /// release the claim. Returns the attempts so far.
    pub fn record_delivery(&self, id: i64, d: &Delivery) -> Result<i64> {
        let at = crate::clock::to_stored(self.now());
        let db = self.exec();
        match d {
            Delivery::Sent { reply } => db.one(
                "UPDATE outbox SET status = 'sent', sent_at = ?2, reply = ?3, attempts = attempts + 1,
                   next_attempt_at = NULL, claimed_by = NULL, claimed_until = NULL
                 WHERE id = ?1 RETURNING attempts",
                params![id, at, reply],
                |mut r| r.int(0),
            ),
            Delivery::Deferred { reply, next } => db.one(
                "UPDATE outbox SET reply = ?2, attempts = attempts + 1, next_attempt_at = ?3,
                   claimed_by = NULL, claimed_until = NULL
                 WHERE id = ?1 RETURNING attempts",
                params![id, reply, next],
                |mut r| r.int(0),
            ),
            Delivery::Failed { reply } => db.one(
                "UPDATE outbox SET status = 'failed', failed_at = ?2, reply = ?3, attempts = attempts + 1,
                   next_attempt_at = NULL, claimed_by = NULL, claimed_until = NULL
                 WHERE id = ?1 RETURNING attempts",
                params![id, at, reply],
                |mut r| r.int(0),
            ),
        }
    }

    /// Mark pending notices `expired`: notices of an auth code that expired,
    /// was used or was ended before its mail went out, never sent (their
    /// claim released). Returns how many were marked.
    pub fn expire_notices(&self, ids: &[i64]) -> Result<u64> {
        let mut n = 0;
        for id in ids {
            n += self.exec().execute(
                "UPDATE outbox SET status = 'expired', next_attempt_at = NULL,
                   claimed_by = NULL, claimed_until = NULL
                 WHERE id = ?1 AND status = 'pending'",
                params![id],
            )?;
        }
        Ok(n)
    }

    /// Give back run `run`'s claims on notices it did not get to.
    pub fn release_claims(&self, run: &str) -> Result<u64> {
        self.exec().execute(
            "UPDATE outbox SET claimed_by = NULL, claimed_until = NULL WHERE claimed_by = ?1",
            params![run],
        )
    }

    /// Put failed notices back in the queue (due at once, attempts kept),
    /// unless an id is unknown or names a notice that did not fail (sent,
    /// expired): then nothing is changed, and the result says which.
    pub fn retry_notices(&self, ids: &[i64]) -> Result<RetryResult> {
        let db = self.exec();
        let mut res = RetryResult::default();
        for &id in ids {
            let status = db.first(
                "SELECT status FROM outbox WHERE id = ?1",
                params![id],
                |mut r| r.text(0),
            )?;
            match status.as_deref() {
                None => res.unknown.push(id),
                Some("failed") => res.requeued.push(id),
                Some("pending") => res.pending.push(id),
                Some(_) => res.sent.push(id),
            }
        }
        if !res.unknown.is_empty() || !res.sent.is_empty() {
            return Ok(res);
        }
        for id in &res.requeued {
            db.execute(
                "UPDATE outbox SET status = 'pending', failed_at = NULL, next_attempt_at = NULL,
                   claimed_by = NULL, claimed_until = NULL
                 WHERE id = ?1",
                params![id],
            )?;
        }
        Ok(res)
    }
}

/// What `notify outbox retry` found.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct RetryResult {
    /// Failed, now pending again (when nothing below is refused).
    pub requeued: Vec<i64>,
    /// Pending already.
    pub pending: Vec<i64>,
    /// Sent or expired: never sent again.
    pub sent: Vec<i64>,
    /// No such notice.
    pub unknown: Vec<i64>,
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct AckResult {
    pub acked: Vec<i64>,
    pub already: Vec<i64>,
    pub unknown: Vec<i64>,
}
