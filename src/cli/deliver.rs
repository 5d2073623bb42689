//! `acctsec notify send` (deliver the outbox through the SMTP relay) and
//! `acctsec notify outbox retry` (put failed notices back in the queue).
//!
//! A run connects first (unreachable: exit 75, nothing claimed or marked),
//! then repeatedly claims a batch of due notices in the ledger (one
//! transaction; transactions are serialized, so two runs never claim one
//! notice), sends each and records the relay's answer in a transaction of
//! its own right after the reply: a crash between the two re-sends at most
//! that one notice, with the same Message-ID. Claims a run did not use are
//! given back at its end (and lapse on their own after a crash).

use std::time::{Duration, Instant};

use clap::Args;
use serde_json::json;

use super::Ctx;
use crate::config::{ConfigError, SmtpConfig};
use crate::customer::mask_email;
use crate::error::{Error, Result, exit};
use crate::ledger::{Delivery, Entry, Ledger, Notice, Read};
use crate::mailer::{ConnectError, Outcome, Outgoing, Relay};
use crate::messages;
use crate::notify::mail::{self, Charset, Pacer};
use crate::output::{Format, Listing};

#[derive(Debug, Args)]
pub struct SendArgs {
    /// Deliver at most N notices in this run (0: all that are due) [default: all]
    #[arg(long, value_name = "N")]
    pub limit: Option<u64>,
    /// Take no new notice this long after the run started (e.g. 10m, 1h); the
    /// message being sent is finished, the rest waits for the next run
    #[arg(long, value_name = "DURATION", value_parser = super::parse_duration)]
    pub budget: Option<Duration>,
    /// List the notices a run would send now and the charset of each; connect to
    /// nothing and change nothing
    #[arg(long)]
    pub dry_run: bool,
}

/// Notices claimed per transaction.
const BATCH: u64 = 20;

/// The longest relay reply kept in the ledger, in characters.
const MAX_REPLY: usize = 500;

#[derive(Debug, Default)]
struct Tally {
    sent: Vec<i64>,
    deferred: Vec<i64>,
    failed: Vec<i64>,
}

impl Tally {
    fn total(&self) -> u64 {
        (self.sent.len() + self.deferred.len() + self.failed.len()) as u64
    }
}

fn smtp_config(ctx: &Ctx) -> Result<(SmtpConfig, Option<std::path::PathBuf>)> {
    let config = ctx.config()?;
    match config.smtp {
        Some(s) => Ok((s, config.path)),
        None => Err(ConfigError::NoSmtp {
            config: config.path,
        }
        .into()),
    }
}

fn connect_error(cfg: &SmtpConfig, e: ConnectError) -> Error {
    let (host, port) = (cfg.host.as_str(), cfg.port);
    match e {
        ConnectError::Network(d) => Error::Unavailable {
            what: messages::notify::relay_unreachable(host, port, &d),
        },
        ConnectError::Tls(d) => Error::Unavailable {
            what: messages::notify::relay_tls(host, port, &d),
        },
        ConnectError::Auth(d) => Error::Config {
            what: messages::notify::relay_auth(host, port, &d),
        },
        ConnectError::CaFile(d) => Error::Config {
            what: messages::notify::relay_ca_file(&d),
        },
    }
}

pub fn send(ctx: &mut Ctx, a: &SendArgs) -> Result<u8> {
    let (smtp, config_path) = smtp_config(ctx)?;
    let mut ledger = ctx.open()?;
    let limit = a.limit.filter(|&n| n > 0).unwrap_or(u64::MAX);
    if a.dry_run {
        return dry_run(ctx, &ledger, &smtp, limit);
    }
    // Expired auth codes first: their notices are blanked, never sent.
    super::authcode::expire_due(&mut ledger)?;
    // Nothing due: no connection, nothing written (a cron run every few
    // minutes leaves no trace on a quiet outbox).
    if ledger.due_notices(ctx.now, 1)?.is_empty() {
        report(ctx, &Tally::default(), false, true)?;
        return Ok(exit::OK);
    }
    let password = smtp.password(config_path.as_deref())?;
    let ledger_id = ledger.ledger_id()?;
    let started = Instant::now();
    let deadline = a.budget.and_then(|b| started.checked_add(b));
    let mut relay = Relay::connect(&smtp, password).map_err(|e| connect_error(&smtp, e))?;
    let run = run_token()?;
    let mut pacer = Pacer::new(smtp.max_per_minute);
    let mut tally = Tally::default();
    let mut stopped: Option<Error> = None;
    let mut budget_over = false;
    'run: while tally.total() < limit {
        if deadline.is_some_and(|d| Instant::now() >= d) {
            budget_over = true;
            break;
        }
        let batch = (limit - tally.total()).min(BATCH);
        let claimed = claim(&mut ledger, &run, batch, smtp.max_per_minute)?;
        if claimed.is_empty() {
            break;
        }
        for n in claimed {
            if deadline.is_some_and(|d| Instant::now() >= d) {
                budget_over = true;
                break 'run;
            }
            let wait = pacer.wait(Instant::now());
            if !wait.is_zero() {
                std::thread::sleep(wait);
            }
            // A claim that lapsed (a relay slow past its hold) may be
            // another run's now: that run sends the notice.
            let now = crate::clock::to_stored(crate::clock::now());
            let holds = ledger
                .notice_claim(n.id)?
                .is_some_and(|(by, until)| by == run && until > now);
            if !holds {
                continue;
            }
            let message_id = mail::message_id(&ledger_id, n.id, smtp.from_domain());
            let outgoing = Outgoing {
                to: &n.to,
                subject: &n.subject,
                body: &n.body,
                message_id: &message_id,
                date: crate::clock::now().into(),
            };
            match relay.send(&outgoing) {
                Ok(outcome) => record(ctx, &mut ledger, &n, outcome, &mut tally)?,
                Err(e) => {
                    stopped = Some(connect_error(&smtp, e));
                    break 'run;
                }
            }
        }
    }
    if stopped.is_none() {
        relay.quit();
    }
    let relay_name = format!("{}:{}", smtp.host, smtp.port);
    ledger.write(|tx| {
        tx.release_claims(&run)?;
        tx.audit(Entry {
            action: "notify.send",
            customer: None,
            reason: None,
            details: json!({
                "relay": relay_name,
                "sent": tally.sent.len(),
                "deferred": tally.deferred.len(),
                "failed": tally.failed.len(),
                "budget_exceeded": budget_over,
                "relay_lost": stopped.is_some(),
            }),
        })
    })?;
    report(ctx, &tally, budget_over, stopped.is_none())?;
    if let Some(e) = stopped {
        ctx.out.flush()?;
        return Err(e);
    }
    Ok(if tally.failed.is_empty() {
        exit::OK
    } else {
        exit::NO
    })
}

/// The run's summary: for a person only when something needs a look (or at
/// a terminal), always for a script.
fn report(ctx: &mut Ctx, tally: &Tally, budget_over: bool, reached: bool) -> Result<()> {
    let all_well = tally.deferred.is_empty() && tally.failed.is_empty() && reached;
    let sentence =
        messages::notify::send_summary(tally.sent.len(), tally.deferred.len(), tally.failed.len());
    match ctx.format() {
        Format::Table if all_well => ctx.out.note(&sentence)?,
        Format::Table => ctx.out.summary(&sentence)?,
        _ => ctx.out.record(&[
            ("sent", json!(tally.sent.len())),
            ("deferred", json!(tally.deferred.len())),
            ("failed", json!(tally.failed.len())),
            ("failed_ids", json!(tally.failed)),
            ("budget_exceeded", json!(budget_over)),
        ])?,
    }
    if budget_over {
        ctx.out.status(&messages::notify::send_budget_over());
    }
    Ok(())
}

/// A token naming this run's claims: unique across hosts and processes.
fn run_token() -> Result<String> {
    let mut bytes = [0u8; 12];
    getrandom::fill(&mut bytes).map_err(crate::secret::SecretError::from)?;
    Ok(hex::encode(bytes))
}

/// Claim up to `batch` due notices for `run`, audited. The claim holds long
/// enough to send the batch at the rate limit, with room to spare.
fn claim(
    ledger: &mut Ledger,
    run: &str,
    batch: u64,
    per_minute: Option<u32>,
) -> Result<Vec<Notice>> {
    let pace = per_minute.map_or(Duration::ZERO, |n| Duration::from_secs(60) / n.max(1));
    let hold = Duration::from_secs(15 * 60) + pace * batch as u32;
    ledger.write(|tx| {
        let until = crate::clock::to_stored(
            tx.now() + chrono::Duration::from_std(hold).unwrap_or(chrono::Duration::hours(1)),
        );
        let claimed = tx.claim_notices(run, &until, batch as i64)?;
        if !claimed.is_empty() {
            let ids: Vec<i64> = claimed.iter().map(|n| n.id).collect();
            tx.audit(Entry {
                action: "notify.claim",
                customer: None,
                reason: None,
                details: json!({ "ids": ids, "until": until }),
            })?;
        }
        Ok(claimed)
    })
}

/// Record what the relay made of notice `n`, in its own transaction.
fn record(
    ctx: &mut Ctx,
    ledger: &mut Ledger,
    n: &Notice,
    outcome: Outcome,
    tally: &mut Tally,
) -> Result<()> {
    let clip = |s: String| -> String {
        if s.chars().count() > MAX_REPLY {
            s.chars().take(MAX_REPLY).collect()
        } else {
            s
        }
    };
    ledger.write(|tx| {
        let attempts = n.attempts + 1;
        let (delivery, action) = match outcome {
            Outcome::Sent(reply) => (Delivery::Sent { reply: clip(reply) }, "notify.sent"),
            Outcome::Deferred(reply) if attempts >= mail::MAX_ATTEMPTS => (
                Delivery::Failed {
                    reply: clip(format!("{reply} (gave up after {attempts} attempts)")),
                },
                "notify.failed",
            ),
            Outcome::Deferred(reply) => {
                let wait = chrono::Duration::from_std(mail::backoff(attempts))
                    .unwrap_or(chrono::Duration::hours(6));
                (
                    Delivery::Deferred {
                        reply: clip(reply),
                        next: crate::clock::to_stored(tx.now() + wait),
                    },
                    "notify.deferred",
                )
            }
            Outcome::Failed(reply) => (Delivery::Failed { reply: clip(reply) }, "notify.failed"),
        };
        tx.record_delivery(n.id, &delivery)?;
        let reply = match &delivery {
            Delivery::Sent { reply }
            | Delivery::Deferred { reply, .. }
            | Delivery::Failed { reply } => reply.clone(),
        };
        if matches!(delivery, Delivery::Sent { .. }) {
            // The mail is out: the ledger keeps no copy of an auth code.
            tx.blank_authcode_notices(&[n.id])?;
        }
        tx.audit(Entry {
            action,
            customer: Some(&n.customer),
            reason: None,
            details: json!({
                "id": n.id,
                "type": n.kind,
                "attempts": attempts,
                "reply": reply,
            }),
        })?;
        match delivery {
            Delivery::Sent { .. } => tally.sent.push(n.id),
            Delivery::Deferred { .. } => tally.deferred.push(n.id),
            Delivery::Failed { reply } => {
                tally.failed.push(n.id);
                ctx.out.warn(&messages::notify::send_failed(n.id, &reply));
            }
        }
        Ok(())
    })
}

/// `--dry-run`: the notices a run would take now, masked, with their charset.
fn dry_run(ctx: &mut Ctx, ledger: &Ledger, smtp: &SmtpConfig, limit: u64) -> Result<u8> {
    let due = ledger.due_notices(ctx.now, limit)?;
    let mut l = Listing::new(&[
        "id", "type", "customer", "to", "subject", "charset", "attempts",
    ])
    .narrow(&["attempts", "charset", "type"])
    .max_width("subject", 30);
    for n in &due {
        l.push(vec![
            json!(n.id),
            json!(n.kind),
            json!(n.customer),
            json!(mask_email(&n.to)),
            json!(n.subject),
            json!(Charset::for_address(&n.to, &smtp.iso2022jp_domains).mime()),
            json!(n.attempts),
        ]);
    }
    ctx.out.listing(&l)?;
    ctx.out.status(&messages::notify::dry_run_count(due.len()));
    Ok(exit::OK)
}

/// `notify outbox retry ID...`: failed notices back in the queue, audited.
/// An unknown id, or a notice that was sent, changes nothing (exit 2).
pub fn retry(ctx: &mut Ctx, ids: &[i64]) -> Result<u8> {
    let mut ledger = ctx.open()?;
    let res = ledger.write(|tx| {
        let res = tx.retry_notices(ids)?;
        if !res.unknown.is_empty() {
            return Err(Error::Usage(messages::notify::no_notice(&res.unknown)));
        }
        if !res.sent.is_empty() {
            return Err(Error::Usage(messages::notify::not_failed(&res.sent)));
        }
        if !res.requeued.is_empty() {
            tx.audit(Entry {
                action: "notify.retry",
                customer: None,
                reason: None,
                details: json!({ "ids": res.requeued }),
            })?;
        }
        Ok(res)
    })?;
    ctx.out.done(
        &messages::notify::retried(res.requeued.len()),
        &[
            ("requeued", json!(res.requeued)),
            ("already_pending", json!(res.pending)),
        ],
    )?;
    Ok(exit::OK)
}
