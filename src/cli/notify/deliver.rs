//! `acctsec notify send` (deliver the outbox through the SMTP relay) and
//! `acctsec notify outbox retry` (put failed notices back in the queue), a
//! part of the notify handler: the work is [`crate::ops::send`]; here the
//! arguments and the words.

use std::time::Duration;

use clap::Args;
use serde_json::json;

use crate::cli::Ctx;
use crate::config::{ConfigError, NotifyConfig, SmtpConfig};
use crate::customer::mask_email;
use crate::error::{Error, Result, exit};
use crate::mailer::ConnectError;
use crate::messages;
use crate::notify::mail::Charset;
use crate::ops::Silent;
use crate::ops::send::{self as op, RelayState, Retried, SendOptions, SendOutcome};
use crate::output::{Format, Listing};

#[derive(Debug, Args)]
pub struct SendArgs {
    /// Deliver at most N notices in this run (0: all that are due) [default: all]
    #[arg(long, value_name = "N")]
    pub limit: Option<u64>,
    /// Take no new notice this long after the run started (e.g. 10m, 1h); the
    /// message being sent is finished, the rest waits for the next run
    #[arg(long, value_name = "DURATION", value_parser = crate::cli::parse_duration)]
    pub budget: Option<Duration>,
    /// List the notices a run would send now and the charset of each; connect to
    /// nothing and change nothing
    #[arg(long)]
    pub dry_run: bool,
}

fn smtp_config(ctx: &Ctx) -> Result<(SmtpConfig, Option<std::path::PathBuf>, NotifyConfig)> {
    let config = ctx.config()?;
    match config.smtp {
        Some(s) => Ok((s, config.path, config.notify)),
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
    let (smtp, config_path, notify) = smtp_config(ctx)?;
    let mut ledger = ctx.open()?;
    if a.dry_run {
        let due = op::preview(&ledger, a.limit, &notify)?;
        return dry_run(ctx, &due, &smtp);
    }
    let has_key = notify.seal_key_file.is_some();
    let o = SendOptions {
        smtp,
        config_path,
        limit: a.limit,
        budget: a.budget,
        notify,
    };
    let mut out = op::send(&mut ledger, &o, &Silent)?;
    let lost = match std::mem::take(&mut out.relay) {
        RelayState::Unreachable(e) => return Err(connect_error(&o.smtp, e)),
        RelayState::Lost(e) => Some(e),
        RelayState::NotContacted | RelayState::Reached => None,
    };
    for f in &out.failed {
        ctx.out.warn(&messages::notify::send_failed(f.id, &f.reply));
    }
    if out.left_sealed > 0 {
        ctx.out
            .status(&messages::notify::left_sealed(out.left_sealed, has_key));
    }
    report(ctx, &out, lost.is_none())?;
    if let Some(e) = lost {
        ctx.out.flush()?;
        return Err(connect_error(&o.smtp, e));
    }
    if let Some(signal) = out.interrupted {
        ctx.out.flush()?;
        return Err(Error::Interrupted {
            exit: crate::issuance::interrupt::exit_code(signal),
            what: messages::notify::send_interrupted(signal.as_str(), out.sent.len()),
        });
    }
    Ok(if out.failed.is_empty() {
        exit::OK
    } else {
        exit::NO
    })
}

/// The run's summary: for a person only when something needs a look (or at
/// a terminal), always for a script.
fn report(ctx: &mut Ctx, out: &SendOutcome, reached: bool) -> Result<()> {
    let all_well = out.deferred.is_empty() && out.failed.is_empty() && reached;
    let sentence =
        messages::notify::send_summary(out.sent.len(), out.deferred.len(), out.failed.len());
    let failed_ids: Vec<i64> = out.failed.iter().map(|f| f.id).collect();
    match ctx.format() {
        Format::Table if all_well => ctx.out.note(&sentence)?,
        Format::Table => ctx.out.summary(&sentence)?,
        _ => ctx.out.record(&[
            ("sent", json!(out.sent.len())),
            ("deferred", json!(out.deferred.len())),
            ("failed", json!(out.failed.len())),
            ("failed_ids", json!(failed_ids)),
            ("budget_exceeded", json!(out.budget_exceeded)),
            ("interrupted", json!(out.interrupted.map(|s| s.as_str()))),
            ("left_sealed", json!(out.left_sealed)),
        ])?,
    }
    if out.budget_exceeded {
        ctx.out.status(&messages::notify::send_budget_over());
    }
    Ok(())
}

/// `--dry-run`: the notices a run would take now, masked, with their charset.
fn dry_run(ctx: &mut Ctx, due: &[crate::ledger::Notice], smtp: &SmtpConfig) -> Result<u8> {
    let mut l = Listing::new(&[
        "id", "type", "customer", "to", "subject", "charset", "attempts",
    ])
    .narrow(&["attempts", "charset", "type"])
    .max_width("subject", 30);
    for n in due {
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
/// An unknown id, or a notice that did not fail, changes nothing (exit 2).
pub fn retry(ctx: &mut Ctx, ids: &[i64]) -> Result<u8> {
    let mut ledger = ctx.open()?;
    match op::retry(&mut ledger, ids, &Silent)? {
        Retried::Unknown(ids) => Err(Error::Usage(messages::notify::no_notice(&ids))),
        Retried::NotFailed(ids) => Err(Error::Usage(messages::notify::not_failed(&ids))),
        Retried::NoCode(ids) => Err(Error::Usage(messages::notify::retry_no_code(&ids))),
        Retried::Requeued {
            requeued,
            already_pending,
        } => {
            ctx.out.done(
                &messages::notify::retried(requeued.len()),
                &[
                    ("requeued", json!(requeued)),
                    ("already_pending", json!(already_pending)),
                ],
            )?;
            Ok(exit::OK)
        }
    }
}

/// `notify keygen --out FILE`: a new key pair for sealed code notices: the
/// private key into `out` (0600, never overwritten), the public key on
/// stdout.
pub fn keygen(ctx: &mut Ctx, out: &std::path::Path) -> Result<u8> {
    crate::secretfile::ensure_absent(out)?;
    let key = crate::notify::sealed::OpenKey::generate();
    let public = key.public().to_string();
    let pem = key.to_pem();
    crate::cli::render::new_key_file(
        ctx,
        out,
        pem.as_bytes(),
        &public,
        messages::notify::keygen_done,
    )
}
