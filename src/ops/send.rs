//! Delivering the outbox through the SMTP relay (`notify send`), and putting
//! failed notices back in the queue (`notify outbox retry`).
//!
//! A run ends the auth codes past their time, then connects (unreachable:
//! nothing claimed or marked), then claims small batches of due notices in
//! the ledger (one transaction each; transactions are serialized, so two
//! runs never claim one notice), the most urgent first
//! ([`crate::notify::Priority`]): an
//! auth code, then a security notice, then the rest, oldest first within
//! each. Between messages it asks whether a more urgent notice has come in
//! and takes it next, so a code issued during a long run waits for at most
//! the message in flight. A claimed code notice whose code expired, was used
//! or was ended is marked `expired` instead of sent. Each message's reply is
//! recorded in a transaction of its own right after it: a crash between the
//! two re-sends at most that one notice, with the same Message-ID. Claims a
//! run did not use are given back at its end (and lapse on their own after
//! a crash).
//!
//! An auth code's notice is never stored readable (issue 24): its body is
//! sealed to a key ([`crate::notify::sealed`]) that this host's `[notify]
//! seal_key_file` opens just before the mail is written. A run claims only
//! the code notices its key opens; those sealed to another key are left for
//! the host that has it (and counted in the outcome). A code notice with
//! no seal holds no code (its process mailed it at once and stopped before
//! recording it, or it predates sealing): it cannot be delivered, so its
//! code is ended and the notice marked `expired`.
//!
//! Notices leave only through a relay the policy allows (`[mail] relays`,
//! [`connect`]): this module's run and `authcode issue`'s mailing at once
//! both connect through it, so a configuration file naming another relay
//! gets no notice and no code out of the ledger.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use serde_json::json;

use super::{Progress, Stage};
use crate::authcode::State;
use crate::config::{NotifyConfig, SmtpConfig};
use crate::error::Result;
use crate::ledger::{Delivery, Entry, Ledger, Notice, Read, Tx};
use crate::mailer::{ConnectError, Outcome, Outgoing, Relay};
use crate::notify::mail::{self, Pacer};
use crate::notify::sealed::{self, OpenKey};

/// Notices claimed per transaction.
const BATCH: u64 = 20;

/// The longest relay reply kept in the ledger, in characters.
const MAX_REPLY: usize = 500;

/// What `notify send` is asked.
#[derive(Debug, Clone)]
pub struct SendOptions {
    /// The relay (`[smtp]` of the configuration).
    pub smtp: SmtpConfig,
    /// The configuration file, which a relative `password_file` is read
    /// against (read only when something is due).
    pub config_path: Option<PathBuf>,
    /// Deliver at most this many notices (`None` or 0: all that are due).
    pub limit: Option<u64>,
    /// Take no new notice this long after the run started.
    pub budget: Option<Duration>,
    /// `[notify]`: the key that opens sealed code notices, if this host
    /// has it.
    pub notify: NotifyConfig,
}

/// How the run went with the relay.
#[derive(Debug, Default)]
pub enum RelayState {
    /// Nothing was due: no connection was made, nothing written.
    #[default]
    NotContacted,
    /// Connected; the run ended normally.
    Reached,
    /// The relay could not be used at all: nothing was claimed or marked.
    Unreachable(ConnectError),
    /// The connection was lost during the run: what was sent is recorded,
    /// the rest stays pending.
    Lost(ConnectError),
}

/// A notice the relay refused for good in this run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub id: i64,
    /// The relay's reply, as recorded.
    pub reply: String,
}

/// What a `notify send` run did.
#[derive(Debug, Default)]
pub struct SendOutcome {
    /// Accepted by the relay.
    pub sent: Vec<i64>,
    /// Deferred by the relay: tried again after a backoff.
    pub deferred: Vec<i64>,
    /// Refused for good (or deferred too often).
    pub failed: Vec<Failure>,
    /// Code notices not sent because their code was over (now `expired`).
    pub expired: Vec<i64>,
    /// The budget ended the run before the queue did.
    pub budget_exceeded: bool,
    /// SIGINT or SIGTERM stopped the run between two messages: what was
    /// sent is recorded, the claims are given back, the rest stays pending.
    pub interrupted: Option<nix::sys::signal::Signal>,
    pub relay: RelayState,
    /// Pending code notices sealed to another host's key (or to any key,
    /// when this host has none): left for the host that can open them.
    pub left_sealed: u64,
}

impl SendOutcome {
    /// Notices handed to the relay in this run.
    pub fn delivered(&self) -> u64 {
        (self.sent.len() + self.deferred.len() + self.failed.len()) as u64
    }
}

/// This run's claims: its token and the notices it holds, most urgent
/// first.
struct Run {
    token: String,
    queue: VecDeque<Notice>,
    per_minute: Option<u32>,
    /// The prefix of the sealed bodies this host's key opens.
    open: Option<String>,
}

/// Deliver the due notices (see the module documentation).
pub fn send(ledger: &mut Ledger, o: &SendOptions, progress: &dyn Progress) -> Result<SendOutcome> {
    let limit = o.limit.filter(|&n| n > 0).unwrap_or(u64::MAX);
    // Expired auth codes first: their notices are blanked, never sent.
    super::authcode::expire_due(ledger)?;
    let mut out = SendOutcome::default();
    let key = o.notify.open_key()?;
    let open = key.as_ref().map(OpenKey::prefix);
    // Nothing due: no connection, nothing written (a cron run every few
    // minutes leaves no trace on a quiet outbox).
    if ledger
        .due_notices(ledger.now()?, 1, open.as_deref())?
        .is_empty()
    {
        out.left_sealed = ledger.sealed_elsewhere(open.as_deref())?;
        return Ok(out);
    }
    let password = o.smtp.password(o.config_path.as_deref())?;
    let ledger_id = ledger.ledger_id()?;
    let deadline = o.budget.and_then(|b| Instant::now().checked_add(b));
    let mut relay = match connect(ledger, &o.smtp, password, None)? {
        Ok(r) => r,
        Err(e) => {
            out.relay = RelayState::Unreachable(e);
            return Ok(out);
        }
    };
    let mut run = Run {
        token: run_token()?,
        queue: VecDeque::new(),
        per_minute: o.smtp.max_per_minute,
        open,
    };
    progress.begin(Stage::Sending, None);
    let mut pacer = Pacer::new(o.smtp.max_per_minute);
    let mut lost = None;
    // A signal ends the run between messages, so that its claims are given
    // back at once instead of holding the notices for the claim's time.
    let watch = crate::issuance::interrupt::Watch::install();
    while out.delivered() < limit {
        if let Some(signal) = watch.received() {
            out.interrupted = Some(signal);
            break;
        }
        if deadline.is_some_and(|d| Instant::now() >= d) {
            out.budget_exceeded = true;
            break;
        }
        let Some(n) = next(ledger, &mut run, &mut out, limit)? else {
            break;
        };
        let wait = pacer.wait(Instant::now());
        if !wait.is_zero() {
            std::thread::sleep(wait);
        }
        if !claim_holds(ledger, n.id, &run.token, ledger.now()?)? {
            continue;
        }
        let opened;
        let body = match (n.authcode, key.as_ref()) {
            (None, _) => n.body.as_str(),
            (Some(_), Some(k)) if sealed::is_sealed(&n.body) => match k.open(&n.body) {
                Ok(b) => {
                    opened = b;
                    opened.as_str()
                }
                Err(_) => {
                    undeliverable(ledger, &n, &run.token, &mut out)?;
                    continue;
                }
            },
            (Some(_), _) => {
                undeliverable(ledger, &n, &run.token, &mut out)?;
                continue;
            }
        };
        let message_id = mail::message_id(&ledger_id, n.id, o.smtp.from_domain());
        let outgoing = Outgoing {
            to: &n.to,
            subject: &n.subject,
            body,
            message_id: &message_id,
            date: crate::clock::now().into(),
        };
        match relay.send(&outgoing) {
            Ok(outcome) => record(ledger, &n, outcome, &mut out)?,
            Err(e) => {
                lost = Some(e);
                break;
            }
        }
        progress.advance(1);
    }
    progress.finish();
    out.relay = match lost {
        Some(e) => RelayState::Lost(e),
        None => {
            relay.quit();
            RelayState::Reached
        }
    };
    out.left_sealed = ledger.sealed_elsewhere(run.open.as_deref())?;
    finish(ledger, &run, o, &out)?;
    Ok(out)
}

/// A code notice this run claimed that holds no code it can open (no seal,
/// or one that does not open: altered): nobody can ever mail its code, so
/// the code is ended and the notice marked `expired`, audited.
fn undeliverable(ledger: &mut Ledger, n: &Notice, run: &str, out: &mut SendOutcome) -> Result<()> {
    let ended = ledger.write(|tx| {
        let ended = match n.authcode {
            Some(id) => tx.end_authcode(id, State::Expired)?,
            None => false,
        };
        if ended {
            tx.audit(Entry {
                action: "authcode.undelivered",
                customer: Some(&n.customer),
                reason: None,
                details: json!({ "id": n.authcode, "notices": [n.id], "run": run }),
            })?;
        }
        expire(tx, std::slice::from_ref(n))
    })?;
    out.expired.extend(ended);
    Ok(())
}

/// Give back the claims not used and record the run, audited.
fn finish(ledger: &mut Ledger, run: &Run, o: &SendOptions, out: &SendOutcome) -> Result<()> {
    let relay_name = o.smtp.relay();
    ledger.write(|tx| {
        tx.release_claims(&run.token)?;
        tx.audit(Entry {
            action: "notify.send",
            customer: None,
            reason: None,
            details: json!({
                "relay": relay_name,
                "sent": out.sent.len(),
                "deferred": out.deferred.len(),
                "failed": out.failed.len(),
                "expired": out.expired.len(),
                "budget_exceeded": out.budget_exceeded,
                "interrupted": out.interrupted.map(|s| s.as_str()),
                "relay_lost": matches!(out.relay, RelayState::Lost(_)),
                "left_sealed": out.left_sealed,
            }),
        })?;
        Ok(())
    })
}

/// The notice to send next: the head of the run's claims, unless a more
/// urgent notice is due (then it is claimed and goes first); a new batch
/// when the claims are used up. `None`: nothing is left to send.
fn next(
    ledger: &mut Ledger,
    run: &mut Run,
    out: &mut SendOutcome,
    limit: u64,
) -> Result<Option<Notice>> {
    if let Some(head) = run.queue.front() {
        let urgent = ledger.urgent_due(ledger.now()?, head.priority(), run.open.as_deref())?;
        if urgent {
            claim(ledger, run, 1, out)?;
        }
        return Ok(run.queue.pop_front());
    }
    // A batch may hold nothing but stale codes: then claim again.
    while run.queue.is_empty() {
        let want = limit.saturating_sub(out.delivered()).clamp(1, BATCH);
        if claim(ledger, run, want, out)? == 0 {
            return Ok(None);
        }
    }
    Ok(run.queue.pop_front())
}

/// Claim up to `batch` due notices for the run, most urgent first, audited;
/// the code notices among them whose code is over are marked `expired` in
/// the same transaction, the rest join the run's queue. The claim holds long
/// enough to send the batch at the rate limit, with room to spare. Returns
/// how many were claimed (expired ones included).
fn claim(ledger: &mut Ledger, run: &mut Run, batch: u64, out: &mut SendOutcome) -> Result<usize> {
    let pace = run
        .per_minute
        .map_or(Duration::ZERO, |n| Duration::from_secs(60) / n.max(1));
    let hold = Duration::from_secs(15 * 60) + pace * batch as u32;
    let token = run.token.clone();
    let open = run.open.clone();
    let (fresh, expired, claimed) = ledger.write(|tx| {
        let until = hold_until(tx, hold);
        let claimed = tx.claim_notices(&token, &until, batch as i64, open.as_deref())?;
        if claimed.is_empty() {
            return Ok((Vec::new(), Vec::new(), 0));
        }
        let ids: Vec<i64> = claimed.iter().map(|n| n.id).collect();
        tx.audit(Entry {
            action: "notify.claim",
            customer: None,
            reason: None,
            details: json!({ "ids": ids, "until": until }),
        })?;
        let count = claimed.len();
        let (fresh, stale) = split_stale(tx, claimed)?;
        let expired = expire(tx, &stale)?;
        Ok((fresh, expired, count))
    })?;
    out.expired.extend(expired);
    run.queue.extend(fresh);
    run.queue
        .make_contiguous()
        .sort_by_key(|n| (n.priority(), n.id));
    Ok(claimed)
}

/// The notices whose mail may go out, and those carrying a code that is
/// over ([`super::authcode::is_stale`]).
pub(super) fn split_stale(tx: &Tx, notices: Vec<Notice>) -> Result<(Vec<Notice>, Vec<Notice>)> {
    let now = tx.now();
    let mut fresh = Vec::new();
    let mut stale = Vec::new();
    for n in notices {
        if is_stale_notice(tx, &n, now)? {
            stale.push(n);
        } else {
            fresh.push(n);
        }
    }
    Ok((fresh, stale))
}

fn is_stale_notice<R: Read + ?Sized>(
    db: &R,
    n: &Notice,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<bool> {
    match n.authcode {
        None => Ok(false),
        Some(id) => Ok(super::authcode::is_stale(db.authcode(id)?.as_ref(), now)),
    }
}

/// Mark stale code notices `expired` (their copies blanked), one audit
/// entry each; returns their ids.
pub(super) fn expire(tx: &mut Tx, stale: &[Notice]) -> Result<Vec<i64>> {
    let ids: Vec<i64> = stale.iter().map(|n| n.id).collect();
    if ids.is_empty() {
        return Ok(ids);
    }
    tx.blank_authcode_notices(&ids)?;
    tx.expire_notices(&ids)?;
    for n in stale {
        tx.audit(Entry {
            action: "notify.expired",
            customer: Some(&n.customer),
            reason: None,
            details: json!({ "id": n.id, "type": n.kind, "authcode": n.authcode }),
        })?;
    }
    Ok(ids)
}

/// Connect to the relay `smtp` names, if the policy lets notices go through
/// it (`[mail] relays`): the one way out of the ledger for notices, auth
/// codes included. The relay is a host's setting, in a configuration file
/// whoever runs acctsec may write; which relays may carry the ledger's
/// notices is the policy's. Another relay is refused before anything
/// connects to it (exit 78), and the refusal is in the trail
/// (`notify.relay_refused`: the relay, and the customer whose code it was
/// to carry). `Ok(Err(_))`: an allowed relay that could not be used.
pub(super) fn connect(
    ledger: &mut Ledger,
    smtp: &SmtpConfig,
    password: Option<zeroize::Zeroizing<String>>,
    customer: Option<&str>,
) -> Result<std::result::Result<Relay, ConnectError>> {
    let mail = ledger.policy()?.mail.clone();
    if !mail.allows(&smtp.host, smtp.port) {
        let relay = smtp.relay();
        ledger.write(|tx| {
            tx.audit(Entry {
                action: "notify.relay_refused",
                customer,
                reason: None,
                details: json!({ "relay": relay, "allowed": mail.relays }),
            })?;
            Ok(())
        })?;
        return Err(crate::error::Error::RelayNotAllowed {
            relay,
            allowed: mail.relays,
        });
    }
    Ok(Relay::connect(smtp, password))
}

/// When a claim taken now in `tx` for `hold` lapses: by the transaction's
/// clock (the server's, where there is one), as every claim is judged.
pub(super) fn hold_until(tx: &Tx, hold: Duration) -> String {
    crate::clock::to_stored(
        tx.now() + chrono::Duration::from_std(hold).unwrap_or(chrono::Duration::hours(1)),
    )
}

/// Whether run `token` still holds its claim on notice `id` at `now`, the
/// ledger's time (`Ledger::now`: the server's, where there is one, which
/// set the claim's end): a claim that lapsed (a relay slow past its hold)
/// may be another run's now, and that run sends the notice.
pub(super) fn claim_holds(
    ledger: &Ledger,
    id: i64,
    token: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<bool> {
    let now = crate::clock::to_stored(now);
    Ok(ledger
        .notice_claim(id)?
        .is_some_and(|(by, until)| by == token && until > now))
}

/// A token naming this run's claims: unique across hosts and processes.
pub(super) fn run_token() -> Result<String> {
    let mut bytes = [0u8; 12];
    getrandom::fill(&mut bytes).map_err(crate::secret::SecretError::from)?;
    Ok(hex::encode(bytes))
}

/// A relay reply cut to what the ledger keeps.
pub(super) fn clip(s: String) -> String {
    if s.chars().count() > MAX_REPLY {
        s.chars().take(MAX_REPLY).collect()
    } else {
        s
    }
}

/// Record what the relay made of notice `id` of `customer` (its type
/// `kind`) in `tx`, with its audit entry (`notify.sent`, `notify.deferred`
/// or `notify.failed`, as the delivery): the attempts so far. `notify send`
/// and `authcode issue`'s mailing at once both record through it.
pub(super) fn recorded(
    tx: &mut Tx,
    id: i64,
    customer: &str,
    kind: &str,
    delivery: &Delivery,
) -> Result<i64> {
    let attempts = tx.record_delivery(id, delivery)?;
    let (action, reply) = match delivery {
        Delivery::Sent { reply } => ("notify.sent", reply),
        Delivery::Deferred { reply, .. } => ("notify.deferred", reply),
        Delivery::Failed { reply } => ("notify.failed", reply),
    };
    tx.audit(Entry {
        action,
        customer: Some(customer),
        reason: None,
        details: json!({
            "id": id,
            "type": kind,
            "attempts": attempts,
            "reply": reply,
        }),
    })?;
    Ok(attempts)
}

/// Record what the relay made of notice `n`, in its own transaction.
fn record(ledger: &mut Ledger, n: &Notice, outcome: Outcome, out: &mut SendOutcome) -> Result<()> {
    let delivery = ledger.write(|tx| {
        let attempts = n.attempts + 1;
        let delivery = match outcome {
            Outcome::Sent(reply) => Delivery::Sent { reply: clip(reply) },
            Outcome::Deferred(reply) if attempts >= mail::MAX_ATTEMPTS => Delivery::Failed {
                reply: clip(format!("{reply} (gave up after {attempts} attempts)")),
            },
            Outcome::Deferred(reply) => {
                let wait = chrono::Duration::from_std(mail::backoff(attempts))
                    .unwrap_or(chrono::Duration::hours(6));
                Delivery::Deferred {
                    reply: clip(reply),
                    next: crate::clock::to_stored(tx.now() + wait),
                }
            }
            Outcome::Failed(reply) => Delivery::Failed { reply: clip(reply) },
        };
        recorded(tx, n.id, &n.customer, &n.kind, &delivery)?;
        if matches!(delivery, Delivery::Sent { .. }) {
            // The mail is out: the ledger keeps no copy of an auth code.
            tx.blank_authcode_notices(&[n.id])?;
        }
        Ok(delivery)
    })?;
    match delivery {
        Delivery::Sent { .. } => out.sent.push(n.id),
        Delivery::Deferred { .. } => out.deferred.push(n.id),
        Delivery::Failed { reply } => out.failed.push(Failure { id: n.id, reply }),
    }
    Ok(())
}

/// `notify send --dry-run`: the notices a run would take now, in its order
/// (at most `limit`; `None` or 0: all), leaving out code notices whose code
/// is over (a run marks those `expired`) and those sealed to a key this
/// host does not have (`notify`: its `[notify]`). Reads only.
pub fn preview(ledger: &Ledger, limit: Option<u64>, notify: &NotifyConfig) -> Result<Vec<Notice>> {
    let now = ledger.now()?;
    let limit = limit.filter(|&n| n > 0).unwrap_or(u64::MAX);
    let open = notify.open_key()?.as_ref().map(OpenKey::prefix);
    let mut due = Vec::new();
    for n in ledger.due_notices(now, limit, open.as_deref())? {
        if !is_stale_notice(ledger, &n, now)? {
            due.push(n);
        }
    }
    Ok(due)
}

/// What `notify outbox retry` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Retried {
    /// No notice has these ids: nothing was changed.
    Unknown(Vec<i64>),
    /// These notices did not fail (sent, expired): nothing was changed.
    NotFailed(Vec<i64>),
    /// These failed notices carry an auth code mailed at once by `authcode
    /// issue`: the code is nowhere to be sent again (a new code is asked
    /// for instead). Nothing was changed.
    NoCode(Vec<i64>),
    /// The failed ones are pending again (audited); the rest were pending
    /// already.
    Requeued {
        requeued: Vec<i64>,
        already_pending: Vec<i64>,
    },
}

/// Put failed notices back in the queue (due at once, attempts kept). An
/// unknown id, or a notice that did not fail, changes nothing.
pub fn retry(ledger: &mut Ledger, ids: &[i64], _progress: &dyn Progress) -> Result<Retried> {
    ledger.write(|tx| {
        // A failed code notice with no seal holds no code (it was mailed at
        // once): sent again it would only end the code, which may have
        // reached the customer's other address.
        let mut no_code = Vec::new();
        for id in ids {
            if let Some(n) = tx.notice(*id)?
                && n.status == "failed"
                && n.authcode.is_some()
                && !sealed::is_sealed(&n.body)
            {
                no_code.push(n.id);
            }
        }
        if !no_code.is_empty() {
            return Ok(Retried::NoCode(no_code));
        }
        let res = tx.retry_notices(ids)?;
        if !res.unknown.is_empty() {
            return Ok(Retried::Unknown(res.unknown));
        }
        if !res.sent.is_empty() {
            return Ok(Retried::NotFailed(res.sent));
        }
        if !res.requeued.is_empty() {
            tx.audit(Entry {
                action: "notify.retry",
                customer: None,
                reason: None,
                details: json!({ "ids": res.requeued }),
            })?;
        }
        Ok(Retried::Requeued {
            requeued: res.requeued,
            already_pending: res.pending,
        })
    })
}

#[cfg(test)]
mod tests;
