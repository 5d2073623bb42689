//! One-time auth codes (`authcode issue`, `authcode verify`) and the expiry
//! of codes past their time, for the trading front end.
//!
//! A code is made and hashed before the write lock (the hash is slow); the
//! transaction re-reads everything it decides on, ends the customer's
//! previous code for the purpose, stores the new one and queues its notices,
//! with its audit entry. The code itself is never returned, and never stored
//! readable (issue 24): with `[smtp]` on this host it is mailed at once and
//! the ledger only gets the redacted body ([`direct`]); without, its notice
//! body is sealed to the key of the host that runs `notify send`
//! ([`crate::notify::sealed`]).

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use serde_json::json;

use super::Progress;
use super::gate::{self, Change, Gated, Via};
use crate::authcode::{self, Attempt, Purpose, Reason, State};
use crate::clock::to_jst;
use crate::config::{Config, ConfigError, SmtpConfig};
use crate::error::Result;
use crate::ledger::{AuthCodeLock, AuthCodeRow, Entry, Ledger, Read, Tx};
use crate::notify::sealed::SealTo;
use crate::notify::{Event, LockCause, NewNotice, render};
use crate::secret::Hasher;

mod direct;

pub use direct::Undelivered;

/// What `authcode issue` is asked.
#[derive(Debug, Clone)]
pub struct IssueOptions {
    /// The customer code.
    pub customer: String,
    pub purpose: Purpose,
    /// How the code reaches the customer without being stored readable.
    pub route: Route,
}

/// How a code's mail leaves this host: never as clear text in the ledger.
#[derive(Debug, Clone)]
pub enum Route {
    /// Mailed at once through this host's relay; the ledger gets only the
    /// redacted body.
    Direct {
        smtp: SmtpConfig,
        /// The configuration file (a relative `password_file` is read
        /// against it).
        config_path: Option<PathBuf>,
    },
    /// Queued with its body sealed to the key of the host that runs
    /// `notify send` (which alone opens it).
    Sealed(SealTo),
}

impl Route {
    /// This host's route: its `[smtp]` if it has one, else `[notify]
    /// seal_public_key`; with neither, no code may be issued here (it
    /// would lie readable in the ledger).
    pub fn from_config(c: &Config) -> std::result::Result<Route, ConfigError> {
        match (&c.smtp, &c.notify.seal_public_key) {
            (Some(smtp), _) => Ok(Route::Direct {
                smtp: smtp.clone(),
                config_path: c.path.clone(),
            }),
            (None, Some(key)) => Ok(Route::Sealed(key.clone())),
            (None, None) => Err(ConfigError::NoCodeRoute {
                config: c.path.clone(),
            }),
        }
    }
}

/// What came of `authcode issue`.
#[derive(Debug)]
pub enum Issued {
    /// The customer's notice for this purpose is off: no code is required.
    NotRequired,
    /// Refused: too soon after the last code; the next may be asked for at
    /// this time (audited).
    TooSoon(DateTime<Utc>),
    /// A code is required but the customer has no address to send it to:
    /// nothing was issued or written.
    NoAddress,
    /// The customer's codes for this purpose are locked (since this time):
    /// the day's cap of codes or wrong tries was reached, now or before,
    /// and staff have not cleared it (`authcode unlock`). Audited.
    Locked(DateTime<Utc>),
    /// A code was issued and its notices queued, sealed (`notify send`
    /// on the host with the key delivers them: nothing was sent yet).
    Queued {
        /// The stored code's id.
        id: i64,
        expires: DateTime<Utc>,
        /// The outbox ids of its notices.
        notices: Vec<i64>,
    },
    /// A code was issued and mailed at once through this host's relay
    /// ([`Route::Direct`]): the relay accepted `sent`; it refused `failed`
    /// (other addresses of the customer's).
    Sent {
        id: i64,
        expires: DateTime<Utc>,
        sent: Vec<i64>,
        failed: Vec<super::send::Failure>,
    },
    /// [`Route::Direct`], and the mail reached no relay that took it: no
    /// code is live (`id`: the code issued and ended, audited; `None`: the
    /// relay was unreachable and nothing was issued).
    Undelivered { id: Option<i64>, why: Undelivered },
}

/// Issue a code: see [`Issued`]. Exit-worthy refusals (no such customer:
/// [`crate::error::Error::NoCustomer`]) are errors.
pub fn issue(ledger: &mut Ledger, o: &IssueOptions, _progress: &dyn Progress) -> Result<Issued> {
    let t = o.purpose.notice();
    ledger.require_customer(&o.customer)?;
    // Most customers do not require a code: answer them without hashing.
    if !ledger.subscription(&o.customer, t)?.enabled {
        return Ok(Issued::NotRequired);
    }
    let ap = ledger.policy()?.authcode;
    let secret = authcode::generate(ap.digits)?;
    let hash = Hasher::new(authcode::argon2_params(&ap))?.hash(secret.as_bytes())?;
    match &o.route {
        Route::Sealed(key) => {
            let mut none = Outgoing::default();
            let result = ledger
                .write(|tx| issue_in(tx, o, &ap, &secret, &hash, Store::Sealed(key), &mut none));
            drop(secret);
            result
        }
        Route::Direct { smtp, config_path } => {
            direct::issue(ledger, o, &ap, secret, &hash, smtp, config_path.as_deref())
        }
    }
}

/// How the notices of a new code are stored.
enum Store<'a> {
    /// Sealed to this key.
    Sealed(&'a SealTo),
    /// Redacted, claimed by run `run` for `hold` (this process mails
    /// them itself, from the clear copies it keeps in memory).
    Redacted {
        run: &'a str,
        hold: std::time::Duration,
        /// The relay it goes through (`host:port`), for the trail.
        relay: &'a str,
    },
}

/// The clear notices of a code this process mails itself, with their
/// outbox ids; zeroized when dropped.
#[derive(Default)]
struct Outgoing(Vec<(i64, NewNotice)>);

impl Drop for Outgoing {
    fn drop(&mut self) {
        for (_, n) in &mut self.0 {
            zeroize::Zeroize::zeroize(&mut n.body);
        }
    }
}

fn issue_in(
    tx: &mut Tx,
    o: &IssueOptions,
    ap: &crate::policy::AuthCode,
    secret: &str,
    hash: &str,
    store: Store,
    outgoing: &mut Outgoing,
) -> Result<Issued> {
    let (code, purpose, t) = (o.customer.as_str(), o.purpose, o.purpose.notice());
    let p = purpose.as_str();
    let c = tx.require_customer(code)?;
    let sub = tx.subscription(code, t)?;
    if !sub.enabled {
        return Ok(Issued::NotRequired);
    }
    let now = tx.now();
    if let Some(lock) = tx.authcode_lock(code, purpose)? {
        refuse(tx, o, "locked", None)?;
        return Ok(Issued::Locked(lock.locked_at));
    }
    let (today, _) = tx.authcodes_since(code, purpose, authcode::day_start(now))?;
    if today >= ap.max_issues_per_day {
        lock_purpose(tx, &c, purpose, Cap::Issues(today))?;
        refuse(tx, o, "daily_limit", None)?;
        return Ok(Issued::Locked(now));
    }
    if let Some(next) = authcode::too_soon(ap, tx.last_authcode_issue(code, purpose)?, now) {
        refuse(tx, o, "cooldown", Some(next))?;
        return Ok(Issued::TooSoon(next));
    }
    let expires = authcode::expiry(ap, now);
    let support = tx.policy()?.support_desk().to_string();
    let blank = Event::AuthCode {
        kind: t,
        code: None,
        expires,
    };
    // A code nobody can receive must not let the front end go ahead
    // either: nothing is issued (the notices below go where these would).
    let planned = crate::notify::notices(&c, &blank, Some(sub), now, &support).len();
    if planned == 0 {
        return Ok(Issued::NoAddress);
    }
    // One live code per customer and purpose: a new one ends the old.
    let replaced = match tx.live_authcode(code, purpose)? {
        Some(old) => {
            let state = if authcode::is_expired(old.expires_at, now) {
                State::Expired
            } else {
                State::Replaced
            };
            tx.end_authcode(old.id, state)?;
            Some(json!({ "id": old.id, "state": state.as_str() }))
        }
        None => None,
    };
    let redacted = render(&blank, &c.name, now, &support).body;
    let id = tx.insert_authcode(code, purpose, hash, expires, &redacted)?;
    let event = Event::AuthCode {
        kind: t,
        code: Some(secret),
        expires,
    };
    // The clear notices exist in memory only: the ledger gets each sealed,
    // or redacted while this process mails the clear one.
    let mut clear = Outgoing(
        crate::notify::notices(&c, &event, Some(sub), now, &support)
            .into_iter()
            .map(|n| (0, n))
            .collect(),
    );
    debug_assert_eq!(clear.0.len(), planned);
    let mut notices = Vec::new();
    for (slot, n) in &mut clear.0 {
        let body = match &store {
            Store::Sealed(key) => key
                .seal(&n.body)
                .map_err(|_| crate::secret::SecretError::Rng { os_error: None })?,
            Store::Redacted { .. } => redacted.clone(),
        };
        let stored = NewNotice {
            kind: n.kind,
            customer: n.customer.clone(),
            to: n.to.clone(),
            subject: n.subject.clone(),
            body,
        };
        let nid = tx.queue_notice(&stored)?;
        if let Store::Redacted { run, hold, .. } = &store {
            tx.claim_notice(nid, run, &super::send::hold_until(tx, *hold))?;
        }
        *slot = nid;
        notices.push(nid);
    }
    tx.attach_authcode_notices(id, &notices)?;
    let direct = matches!(store, Store::Redacted { .. });
    let mut details = json!({
        "purpose": p,
        "ok": true,
        "id": id,
        "expires_at": to_jst(expires),
        "notices": notices,
        "replaced": replaced,
        "delivery": if direct { "direct" } else { "sealed" },
    });
    if let Store::Redacted { relay, .. } = &store {
        details["relay"] = json!(relay);
    }
    tx.audit(Entry {
        action: "authcode.issue",
        customer: Some(code),
        reason: None,
        details,
    })?;
    if direct {
        *outgoing = clear;
    }
    Ok(Issued::Queued {
        id,
        expires,
        notices,
    })
}

/// A refused issue, audited: why, and when the next code may be asked for.
fn refuse(tx: &mut Tx, o: &IssueOptions, why: &str, next: Option<DateTime<Utc>>) -> Result<()> {
    let mut details = json!({ "purpose": o.purpose.as_str(), "ok": false, "why": why });
    if let Some(next) = next {
        details["next_at"] = json!(to_jst(next));
    }
    tx.audit(Entry {
        action: "authcode.issue",
        customer: Some(&o.customer),
        reason: None,
        details,
    })?;
    Ok(())
}

/// What `authcode verify` is asked (the code itself comes from the input
/// given to [`verify`], read only once the customer is known).
#[derive(Debug, Clone)]
pub struct VerifyOptions {
    /// The customer code.
    pub customer: String,
    pub purpose: Purpose,
}

/// What came of `authcode verify` (each audited).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verified {
    /// The code matched; it is now used up.
    Matched,
    /// Wrong; this many tries are left before the code is ended.
    Wrong { left: u32 },
    /// Wrong, the last try: the code is ended after this many.
    Exhausted { tries: u32 },
    /// The code expired at this time (it is ended now).
    Expired(DateTime<Utc>),
    /// No live code for this customer and purpose.
    None,
    /// Wrong, and the day's cap of wrong tries for this purpose is reached:
    /// the code is ended and the customer's codes for the purpose are
    /// locked until staff clear them (notified, audited).
    Locked { wrong_today: u32 },
    /// The code changed while it was being checked (a new one was issued
    /// or it was used): nothing was recorded; try again.
    Changed,
}

impl Verified {
    /// The reason as scripts read it (`Changed` has none: it is an error).
    pub fn reason(self) -> Reason {
        match self {
            Verified::Matched => Reason::Matched,
            Verified::Wrong { .. } => Reason::Wrong,
            Verified::Exhausted { .. } | Verified::Locked { .. } => Reason::Exhausted,
            Verified::Expired(_) => Reason::Expired,
            Verified::None | Verified::Changed => Reason::None,
        }
    }
}

/// Check a code against the customer's live one. `input` is called once
/// the customer is known to exist (a prompt for an unknown customer would
/// be in vain).
pub fn verify(
    ledger: &mut Ledger,
    o: &VerifyOptions,
    input: impl FnOnce() -> Result<zeroize::Zeroizing<String>>,
    _progress: &dyn Progress,
) -> Result<Verified> {
    let ap = ledger.policy()?.authcode;
    ledger.require_customer(&o.customer)?;
    let input = input()?;
    // The slow comparison runs outside the write lock, against the code
    // live now; the transaction checks it is still the same code.
    let live = ledger.live_authcode(&o.customer, o.purpose)?;
    let matched = match &live {
        Some(row) if !authcode::is_expired(row.expires_at, ledger.now()?) => match &row.hash {
            Some(h) => {
                let mut hasher = Hasher::new(authcode::argon2_params(&ap))?;
                hasher.verify(authcode::normalize(&input).as_bytes(), h)?
            }
            None => false,
        },
        _ => false,
    };
    drop(input);
    let seen = live.as_ref().map(|r| r.id);
    ledger.write(|tx| verify_in(tx, o, &ap, seen, matched))
}

fn verify_in(
    tx: &mut Tx,
    o: &VerifyOptions,
    ap: &crate::policy::AuthCode,
    seen: Option<i64>,
    matched: bool,
) -> Result<Verified> {
    let (code, p) = (o.customer.as_str(), o.purpose.as_str());
    let audit = |tx: &mut Tx, why: &str, more: serde_json::Value| {
        let mut d = json!({ "purpose": p, "ok": why == "matched", "why": why });
        if let (Some(d), Some(more)) = (d.as_object_mut(), more.as_object()) {
            d.extend(more.clone());
        }
        tx.audit(Entry {
            action: "authcode.verify",
            customer: Some(code),
            reason: None,
            details: d,
        })
    };
    let Some(cur) = tx.live_authcode(code, o.purpose)? else {
        audit(tx, "none", json!({}))?;
        return Ok(Verified::None);
    };
    if Some(cur.id) != seen {
        return Ok(Verified::Changed);
    }
    if authcode::is_expired(cur.expires_at, tx.now()) {
        tx.end_authcode(cur.id, State::Expired)?;
        audit(tx, "expired", json!({ "id": cur.id }))?;
        return Ok(Verified::Expired(cur.expires_at));
    }
    let attempt = Attempt::judge(ap, matched, cur.tries);
    if let Attempt::Wrong { tries, .. } | Attempt::Exhausted { tries } = attempt {
        // The day's wrong tries, this one included, against the cap.
        tx.set_authcode_tries(cur.id, tries)?;
        let (_, wrong) = tx.authcodes_since(code, o.purpose, authcode::day_start(tx.now()))?;
        if wrong >= ap.max_wrong_per_day {
            let c = tx.require_customer(code)?;
            audit(
                tx,
                "locked",
                json!({ "id": cur.id, "tries": tries, "wrong_today": wrong }),
            )?;
            lock_purpose(tx, &c, o.purpose, Cap::WrongTries(wrong))?;
            return Ok(Verified::Locked { wrong_today: wrong });
        }
    }
    Ok(match attempt {
        Attempt::Matched => {
            tx.end_authcode(cur.id, State::Used)?;
            audit(tx, "matched", json!({ "id": cur.id }))?;
            Verified::Matched
        }
        Attempt::Wrong { tries, left } => {
            audit(tx, "wrong", json!({ "id": cur.id, "tries": tries }))?;
            Verified::Wrong { left }
        }
        Attempt::Exhausted { tries } => {
            tx.end_authcode(cur.id, State::Exhausted)?;
            audit(tx, "exhausted", json!({ "id": cur.id, "tries": tries }))?;
            Verified::Exhausted { tries }
        }
    })
}

/// Which daily cap locked a customer's codes for a purpose, and the count
/// that reached it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cap {
    Issues(u32),
    WrongTries(u32),
}

/// Lock customer `c`'s codes for `purpose` (a daily cap was reached): the
/// live code, if any, is ended, the lock stored and audited
/// (`authcode.lock`), and the customer told by mail. A no-op when they are
/// locked already.
fn lock_purpose(
    tx: &mut Tx,
    c: &crate::customer::Customer,
    purpose: Purpose,
    cap: Cap,
) -> Result<()> {
    let code = c.code.as_str();
    let (cause, count, issues) = match cap {
        Cap::Issues(n) => ("issues", n, true),
        Cap::WrongTries(n) => ("wrong_tries", n, false),
    };
    let ended = match tx.live_authcode(code, purpose)? {
        Some(live) if tx.end_authcode(live.id, State::Exhausted)? => Some(live.id),
        _ => None,
    };
    if !tx.lock_authcodes(code, purpose, cause, count)? {
        return Ok(());
    }
    let notices = tx.queue_notices_for(
        c,
        &Event::AccountLocked {
            cause: LockCause::AuthCodes {
                kind: purpose.notice(),
                issues,
                count,
            },
        },
    )?;
    tx.audit(Entry {
        action: "authcode.lock",
        customer: Some(code),
        reason: None,
        details: json!({
            "purpose": purpose.as_str(),
            "cause": cause,
            "count": count,
            "ended": ended,
            "notices": notices,
        }),
    })?;
    Ok(())
}

/// What `authcode unlock` is asked: clear the lock of a customer's codes
/// for a purpose.
#[derive(Debug, Clone)]
pub struct UnlockOptions {
    pub customer: String,
    pub purpose: Purpose,
    pub reason: String,
}

/// What came of `authcode unlock`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CodesUnlocked {
    /// This lock was cleared: codes may be issued again.
    Cleared(AuthCodeLock),
    /// The codes were not locked: nothing changed.
    NotLocked,
}

/// Clear the lock of a customer's codes for a purpose (`authcode unlock`):
/// lifting a lock, it is gated as `lock.remove` like an account unlock, and
/// an approval is bound to the lock as it was when asked.
pub fn unlock(ledger: &mut Ledger, o: &UnlockOptions, via: Via) -> Result<Gated<CodesUnlocked>> {
    ledger.require_customer(&o.customer)?;
    let (code, purpose) = (o.customer.as_str(), o.purpose);
    if let Some(lock) = ledger.authcode_lock(code, purpose)? {
        let change = Change::AuthCodeUnlock {
            code: code.to_string(),
            purpose: purpose.as_str().to_string(),
            locked_at: crate::clock::to_stored(lock.locked_at),
        };
        let preview = json!({
            "customer": code,
            "purpose": purpose.as_str(),
            "locked_at": to_jst(lock.locked_at),
            "cause": lock.cause,
        });
        if let Some(p) = gate::hold(ledger, &change, preview, Some(&o.reason), via)? {
            return Ok(Gated::Pending(p));
        }
    }
    let done = ledger.write(|tx| {
        via.apply(tx)?;
        let Some(lock) = tx.clear_authcode_lock(code, purpose)? else {
            return Ok(CodesUnlocked::NotLocked);
        };
        tx.audit(Entry {
            action: "authcode.unlock",
            customer: Some(code),
            reason: Some(&o.reason),
            details: json!({
                "purpose": purpose.as_str(),
                "locked_at": to_jst(lock.locked_at),
                "cause": lock.cause,
                "count": lock.count,
            }),
        })?;
        Ok(CodesUnlocked::Cleared(lock))
    })?;
    Ok(Gated::Done(done))
}

/// The options an approved `authcode.unlock` request carries out.
pub fn approved_unlock(change: &Change, reason: Option<&str>) -> Option<UnlockOptions> {
    match change {
        Change::AuthCodeUnlock { code, purpose, .. } => Some(UnlockOptions {
            customer: code.clone(),
            purpose: Purpose::parse(purpose)?,
            reason: reason.unwrap_or_default().to_string(),
        }),
        _ => None,
    }
}

/// Every lock of auth codes (of one customer, or all), oldest first.
pub fn locks(ledger: &Ledger, customer: Option<&str>) -> Result<Vec<AuthCodeLock>> {
    if let Some(c) = customer {
        ledger.require_customer(c)?;
    }
    ledger.authcode_locks(customer)
}

/// End every live code past its expiry (blanking the copies of its
/// notices), each audited: run before the outbox is sent or exported, so
/// neither carries an expired code. Returns how many were ended.
pub fn expire_due(ledger: &mut Ledger) -> Result<usize> {
    ledger.write(|tx| {
        let now = tx.now();
        let mut n = 0;
        for row in tx.live_authcodes(None)? {
            if authcode::is_expired(row.expires_at, now) && tx.end_authcode(row.id, State::Expired)?
            {
                tx.audit(Entry {
                    action: "authcode.expire",
                    customer: Some(&row.customer),
                    reason: None,
                    details: json!({ "purpose": row.purpose.as_str(), "id": row.id, "expired_at": to_jst(row.expires_at) }),
                })?;
                n += 1;
            }
        }
        Ok(n)
    })
}

/// Whether a notice carrying auth code `row` (`None`: no such code) is
/// stale at `now`: the code expired, was used or was ended. Its mail must
/// never go out.
pub fn is_stale(row: Option<&AuthCodeRow>, now: DateTime<Utc>) -> bool {
    match row {
        Some(r) => r.state != State::Live || authcode::is_expired(r.expires_at, now),
        None => true,
    }
}

#[cfg(test)]
mod tests;
