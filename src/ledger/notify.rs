//! Subscriptions, the outbox and the last login environment.

use rusqlite::{OptionalExtension, params};

use super::{Ledger, Tx};
use crate::customer::Customer;
use crate::error::Result;
use crate::notify::{Destination, Event, NewNotice, NoticeType, Subscription};
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
}

/// The (device, user agent, IP) of a login.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LoginEnv {
    pub device: Option<String>,
    pub user_agent: Option<String>,
    pub ip: Option<String>,
}

fn effective(policy: &Policy, t: NoticeType, stored: Option<(bool, String)>) -> Subscription {
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

impl Tx<'_> {
    pub fn queue_notice(&self, n: &NewNotice) -> Result<i64> {
        let at = crate::clock::to_stored(self.now());
        self.conn()
            .prepare_cached(
                "INSERT INTO outbox (type, customer, to_addr, subject, body, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )
            .and_then(|mut s| s.execute(params![n.kind, n.customer, n.to, n.subject, n.body, at]))
            .map_err(|e| self.err(e))?;
        Ok(self.conn().last_insert_rowid())
    }

    /// The customer's effective subscription to one type.
    pub fn subscription(&mut self, code: &str, t: NoticeType) -> Result<Subscription> {
        let stored: Option<(bool, String)> = self
            .conn()
            .prepare_cached(
                "SELECT enabled, dest FROM subscription WHERE customer = ?1 AND type = ?2",
            )
            .and_then(|mut s| {
                s.query_row([code, t.name()], |r| Ok((r.get(0)?, r.get(1)?)))
                    .optional()
            })
            .map_err(|e| self.err(e))?;
        Ok(effective(self.policy()?, t, stored))
    }

    pub fn set_subscription(
        &self,
        code: &str,
        t: NoticeType,
        enabled: bool,
        to: Destination,
    ) -> Result<()> {
        let at = crate::clock::to_stored(self.now());
        self.conn()
            .prepare_cached(
                "INSERT INTO subscription (customer, type, enabled, dest, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (customer, type) DO UPDATE
                 SET enabled = excluded.enabled, dest = excluded.dest, updated_at = excluded.updated_at",
            )
            .and_then(|mut s| s.execute(params![code, t.name(), enabled, to.as_str(), at]))
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    pub fn login_env(&self, code: &str) -> Result<Option<LoginEnv>> {
        self.conn()
            .prepare_cached("SELECT device, user_agent, ip FROM login_env WHERE customer = ?1")
            .and_then(|mut s| {
                s.query_row([code], |r| {
                    Ok(LoginEnv {
                        device: r.get(0)?,
                        user_agent: r.get(1)?,
                        ip: r.get(2)?,
                    })
                })
                .optional()
            })
            .map_err(|e| self.err(e))
    }

    pub fn set_login_env(&self, code: &str, env: &LoginEnv) -> Result<()> {
        let at = crate::clock::to_stored(self.now());
        self.conn()
            .prepare_cached(
                "INSERT INTO login_env (customer, device, user_agent, ip, seen_at) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (customer) DO UPDATE SET device = excluded.device,
                   user_agent = excluded.user_agent, ip = excluded.ip, seen_at = excluded.seen_at",
            )
            .and_then(|mut s| s.execute(params![code, env.device, env.user_agent, env.ip, at]))
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// Mark notices sent; returns the ids that were pending (now sent) and
    /// those that were already sent. Unknown ids are returned apart.
    pub fn ack_notices(&self, ids: &[i64]) -> Result<AckResult> {
        let at = crate::clock::to_stored(self.now());
        let mut res = AckResult::default();
        for &id in ids {
            // Only what was exported can have been sent: a mistyped id of a
            // notice still waiting must not mark it sent and lose it.
            let status: Option<String> = self
                .conn()
                .prepare_cached(
                    "SELECT status FROM outbox WHERE id = ?1 AND exported_at IS NOT NULL",
                )
                .and_then(|mut s| s.query_row([id], |r| r.get(0)).optional())
                .map_err(|e| self.err(e))?;
            match status.as_deref() {
                None => res.unknown.push(id),
                Some("sent") => res.already.push(id),
                Some(_) => {
                    self.conn()
                        .prepare_cached(
                            "UPDATE outbox SET status = 'sent', sent_at = ?2 WHERE id = ?1",
                        )
                        .and_then(|mut s| s.execute(params![id, at]))
                        .map_err(|e| self.err(e))?;
                    res.acked.push(id);
                }
            }
        }
        Ok(res)
    }

    /// Record that the pending notices up to `max_id` were exported.
    pub fn mark_exported(&self, ids: &[i64]) -> Result<()> {
        let at = crate::clock::to_stored(self.now());
        for id in ids {
            self.conn()
                .prepare_cached(
                    "UPDATE outbox SET exported_at = coalesce(exported_at, ?2) WHERE id = ?1",
                )
                .and_then(|mut s| s.execute(params![id, at]))
                .map_err(|e| self.err(e))?;
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
        crate::notify::notices(c, event, sub, self.now(), &support)
            .iter()
            .map(|n| self.queue_notice(n))
            .collect()
    }
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct AckResult {
    pub acked: Vec<i64>,
    pub already: Vec<i64>,
    pub unknown: Vec<i64>,
}

impl Ledger {
    /// Every notice type with the customer's effective subscription.
    pub fn subscriptions(&self, code: &str) -> Result<Vec<(NoticeType, Subscription)>> {
        let policy = self.policy()?;
        let mut stmt = self
            .conn
            .prepare_cached("SELECT type, enabled, dest FROM subscription WHERE customer = ?1")
            .map_err(|e| self.err(e))?;
        let stored: Vec<(String, bool, String)> = stmt
            .query_map([code], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .map_err(|e| self.err(e))?
            .collect::<rusqlite::Result<_>>()
            .map_err(|e| self.err(e))?;
        Ok(NoticeType::ALL
            .into_iter()
            .map(|t| {
                let s = stored
                    .iter()
                    .find(|(n, _, _)| n == t.name())
                    .map(|(_, e, d)| (*e, d.clone()));
                (t, effective(&policy, t, s))
            })
            .collect())
    }

    /// Queued notices, oldest first, optionally of one status.
    pub fn outbox(&self, status: Option<&str>) -> Result<Vec<Notice>> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT id, type, customer, to_addr, subject, body, created_at, status, sent_at
                 FROM outbox WHERE (?1 IS NULL OR status = ?1) ORDER BY id",
            )
            .map_err(|e| self.err(e))?;
        stmt.query_map([status], |r| {
            Ok(Notice {
                id: r.get(0)?,
                kind: r.get(1)?,
                customer: r.get(2)?,
                to: r.get(3)?,
                subject: r.get(4)?,
                body: r.get(5)?,
                created_at: r.get(6)?,
                status: r.get(7)?,
                sent_at: r.get(8)?,
            })
        })
        .map_err(|e| self.err(e))?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(|e| self.err(e))
    }
}
