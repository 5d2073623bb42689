//! `authcode issue` on a host with `[smtp]`: the code is mailed at once
//! through the relay, and the ledger never holds it readable, in any row
//! version.
//!
//! Order, and what each failure leaves:
//! 1. Connect to the relay (and log in). Unreachable: nothing is issued;
//!    the refusal is audited (`why: relay_unreachable`).
//! 2. One transaction, as for a queued code: every check, the code's hash,
//!    its notices with the *redacted* body, claimed by this process, and
//!    the `authcode.issue` entry (`delivery: direct`). The clear notices
//!    stay in memory (zeroized when dropped).
//! 3. Each notice handed to the relay, unless its code is over or the claim
//!    lapsed.
//! 4. One transaction: each notice's fate (`notify.sent`, or `failed`: a
//!    deferral cannot be retried later, as the code is gone from memory);
//!    if the relay took none, the code is ended (`authcode.undelivered`),
//!    so no live code stays without a mail that carries it.
//!
//! A crash between 2 and 4 leaves a live code whose notices hold no code:
//! `notify send` ends it when the claim lapses (see
//! [`crate::ops::send`]), and the notices are never exported.

use std::path::Path;
use std::time::Duration;

use serde_json::json;
use zeroize::Zeroizing;

use super::{IssueOptions, Issued, Outgoing, Store, issue_in, refuse};
use crate::authcode::State;
use crate::config::SmtpConfig;
use crate::error::Result;
use crate::ledger::{Delivery, Entry, Ledger, Read};
use crate::mailer::{ConnectError, Outcome};
use crate::notify::mail;
use crate::ops::send::{Failure, claim_holds, clip, connect, recorded, run_token};

/// How long this process holds its notices while it mails them.
const HOLD: Duration = Duration::from_secs(15 * 60);

/// Why a code mailed at once reached nobody.
#[derive(Debug)]
pub enum Undelivered {
    /// The relay could not be used at all: nothing was issued.
    Unreachable(ConnectError),
    /// The connection was lost while mailing: the code was ended.
    Lost(ConnectError),
    /// The relay refused every notice (`temporary`: it deferred at least
    /// one, a 4xx): the code was ended.
    Refused {
        temporary: bool,
        replies: Vec<Failure>,
    },
}

pub(super) fn issue(
    ledger: &mut Ledger,
    o: &IssueOptions,
    ap: &crate::policy::AuthCode,
    secret: Zeroizing<String>,
    hash: &str,
    smtp: &SmtpConfig,
    config_path: Option<&Path>,
) -> Result<Issued> {
    let password = smtp.password(config_path)?;
    let mut relay = match connect(ledger, smtp, password, Some(&o.customer))? {
        Ok(r) => r,
        Err(e) => {
            ledger.write(|tx| refuse(tx, o, "relay_unreachable", None))?;
            return Ok(Issued::Undelivered {
                id: None,
                why: Undelivered::Unreachable(e),
            });
        }
    };
    let run = run_token()?;
    let mut outgoing = Outgoing::default();
    let issued = ledger.write(|tx| {
        let store = Store::Redacted {
            run: &run,
            hold: HOLD,
            relay: &smtp.relay(),
        };
        issue_in(tx, o, ap, &secret, hash, store, &mut outgoing)
    });
    drop(secret);
    let issued = issued?;
    let (id, expires) = match &issued {
        Issued::Queued { id, expires, .. } => (*id, *expires),
        _ => {
            relay.quit();
            return Ok(issued);
        }
    };
    let ledger_id = ledger.ledger_id()?;
    let mut fates: Vec<(i64, Option<Outcome>)> = Vec::new();
    let mut lost = None;
    for (nid, n) in &outgoing.0 {
        // The code may have been ended (a newer code, an expiry) while the
        // relay answered for an earlier notice: no mail after that.
        let now = ledger.now()?;
        if lost.is_some()
            || !claim_holds(ledger, *nid, &run, now)?
            || super::is_stale(ledger.authcode(id)?.as_ref(), now)
        {
            fates.push((*nid, None));
            continue;
        }
        let message_id = mail::message_id(&ledger_id, *nid, smtp.from_domain());
        let m = crate::mailer::Outgoing {
            to: &n.to,
            subject: &n.subject,
            body: &n.body,
            message_id: &message_id,
            date: now.into(),
        };
        match relay.send(&m) {
            Ok(outcome) => fates.push((*nid, Some(outcome))),
            Err(e) => {
                fates.push((*nid, None));
                lost = Some(e);
            }
        }
    }
    drop(outgoing);
    if lost.is_none() {
        relay.quit();
    }
    record(ledger, o, id, expires, fates, lost)
}

/// Record what became of each notice, and end the code when none went out.
fn record(
    ledger: &mut Ledger,
    o: &IssueOptions,
    id: i64,
    expires: chrono::DateTime<chrono::Utc>,
    fates: Vec<(i64, Option<Outcome>)>,
    lost: Option<ConnectError>,
) -> Result<Issued> {
    let lost_text = lost.as_ref().map(|e| e.detail().to_string());
    let (sent, failed, temporary) = ledger.write(|tx| {
        let (mut sent, mut failed, mut temporary) = (Vec::new(), Vec::new(), false);
        for (nid, fate) in &fates {
            let delivery = match fate {
                Some(Outcome::Sent(reply)) => Delivery::Sent {
                    reply: clip(reply.clone()),
                },
                Some(Outcome::Deferred(reply)) => {
                    temporary = true;
                    Delivery::Failed {
                        reply: clip(format!(
                            "{reply} (deferred; an auth code mailed at once is not queued again)"
                        )),
                    }
                }
                Some(Outcome::Failed(reply)) => Delivery::Failed {
                    reply: clip(reply.clone()),
                },
                None => Delivery::Failed {
                    reply: match &lost_text {
                        Some(e) => clip(format!(
                            "not sent: the connection to the relay was lost ({e})"
                        )),
                        None => "not sent: the code was over first".to_string(),
                    },
                },
            };
            recorded(tx, *nid, &o.customer, o.purpose.notice().name(), &delivery)?;
            match delivery {
                Delivery::Sent { .. } => sent.push(*nid),
                Delivery::Failed { reply } | Delivery::Deferred { reply, .. } => {
                    failed.push(Failure { id: *nid, reply })
                }
            }
        }
        if sent.is_empty() && tx.end_authcode(id, State::Expired)? {
            tx.audit(Entry {
                action: "authcode.undelivered",
                customer: Some(&o.customer),
                reason: None,
                details: json!({
                    "purpose": o.purpose.as_str(),
                    "id": id,
                    "notices": fates.iter().map(|(n, _)| n).collect::<Vec<_>>(),
                    "relay_lost": lost_text.is_some(),
                }),
            })?;
        }
        Ok((sent, failed, temporary))
    })?;
    if !sent.is_empty() {
        return Ok(Issued::Sent {
            id,
            expires,
            sent,
            failed,
        });
    }
    let why = match lost {
        Some(e) => Undelivered::Lost(e),
        None => Undelivered::Refused {
            temporary,
            replies: failed,
        },
    };
    Ok(Issued::Undelivered { id: Some(id), why })
}
