//! `acctsec authcode`: one-time codes by email before a withdrawal or a view
//! of the registered data (issue, verify), for the trading front end.

use clap::{Subcommand, ValueEnum};
use serde_json::json;

use super::Ctx;
use crate::authcode::{Purpose, Reason};
use crate::clock::to_jst;
use crate::error::{Error, Result, exit};
use crate::mailer::ConnectError;
use crate::messages::authcode as msg;
use crate::ops::Silent;
use crate::ops::authcode::{
    self as op, IssueOptions, Issued, Route, Undelivered, UnlockOptions, Verified, VerifyOptions,
};
use crate::ops::gate::{Gated, Via};
use crate::output::Listing;

#[derive(Debug, Subcommand)]
pub enum AuthcodeCmd {
    /// Send a one-time code by email to the customer: at once through the relay of
    /// this host's [smtp], else queued sealed to [notify] seal_public_key for `notify
    /// send` on the host with the key; prints its expiry, never the code (exit 6: the
    /// customer does not require one; 1: asked too soon, do not go ahead; 3: the
    /// customer's codes for the purpose are locked, do not go ahead; 75: the relay
    /// is down or lost, no code is live; 78: neither [smtp] nor a seal key)
    Issue {
        /// The customer code
        #[arg(value_parser = super::args::code_arg)]
        code: String,
        /// What the code is for: a withdrawal, or a view of the registered data
        #[arg(long, value_enum)]
        purpose: PurposeArg,
    },
    /// Check a code from the hidden prompt or stdin: exit 0 matched (now used up),
    /// 1 wrong, expired or none, 3 wrong and the last try (the code is ended) or the
    /// day's last allowed wrong try (the purpose is locked), 4 unknown customer
    Verify {
        /// The customer code
        #[arg(value_parser = super::args::code_arg)]
        code: String,
        /// What the code is for: a withdrawal, or a view of the registered data
        #[arg(long, value_enum)]
        purpose: PurposeArg,
    },
    /// The customers whose codes for a purpose are locked (the day's cap of codes
    /// or wrong tries was reached), oldest first
    Locks {
        /// Only this customer
        #[arg(value_parser = super::args::code_arg)]
        code: Option<String>,
    },
    /// Clear the lock of a customer's codes for a purpose, after checking with the
    /// customer (needs a second person when the policy's [approval] lists lock.remove)
    Unlock {
        /// The customer code
        #[arg(value_parser = super::args::code_arg)]
        code: String,
        /// Which codes: for withdrawals, or for views of the registered data
        #[arg(long, value_enum)]
        purpose: PurposeArg,
        /// Why (kept in the audit trail)
        #[arg(long, value_name = "TEXT", value_parser = super::parse_reason)]
        reason: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PurposeArg {
    /// Before a withdrawal (notice withdrawal_auth_code)
    Withdrawal,
    /// Before a view of the registered data (notice view_auth_code)
    View,
}

impl From<PurposeArg> for Purpose {
    fn from(p: PurposeArg) -> Purpose {
        match p {
            PurposeArg::Withdrawal => Purpose::Withdrawal,
            PurposeArg::View => Purpose::View,
        }
    }
}

pub fn run(ctx: &mut Ctx, cmd: AuthcodeCmd) -> Result<u8> {
    match cmd {
        AuthcodeCmd::Issue { code, purpose } => issue(ctx, code, purpose.into()),
        AuthcodeCmd::Verify { code, purpose } => verify(ctx, code, purpose.into()),
        AuthcodeCmd::Locks { code } => locks(ctx, code.as_deref()),
        AuthcodeCmd::Unlock {
            code,
            purpose,
            reason,
        } => unlock(ctx, code, purpose.into(), reason),
    }
}

fn locks(ctx: &mut Ctx, customer: Option<&str>) -> Result<u8> {
    let ledger = ctx.open()?;
    let rows = op::locks(&ledger, customer)?;
    let mut l = Listing::new(&["customer", "purpose", "locked_at", "cause", "count"]);
    for r in &rows {
        l.push(vec![
            json!(r.customer),
            json!(r.purpose.as_str()),
            json!(to_jst(r.locked_at)),
            json!(r.cause),
            json!(r.count),
        ]);
    }
    ctx.out.listing(&l)?;
    Ok(exit::OK)
}

fn unlock(ctx: &mut Ctx, customer: String, purpose: Purpose, reason: String) -> Result<u8> {
    let mut ledger = ctx.open()?;
    let o = UnlockOptions {
        customer,
        purpose,
        reason,
    };
    match op::unlock(&mut ledger, &o, Via::Direct)? {
        Gated::Done(d) => super::render::codes_unlocked(ctx, &o, &d),
        Gated::Pending(p) => super::pending(ctx, &p),
    }
}

fn issue(ctx: &mut Ctx, customer: String, purpose: Purpose) -> Result<u8> {
    let route = Route::from_config(&ctx.config()?)?;
    let mut ledger = ctx.open()?;
    let o = IssueOptions {
        customer,
        purpose,
        route,
    };
    let issued = op::issue(&mut ledger, &o, &Silent)?;
    let (code, p, notice) = (
        o.customer.as_str(),
        purpose.as_str(),
        purpose.notice().name(),
    );
    let base = [("customer", json!(code)), ("purpose", json!(p))];
    let mut f = base.to_vec();
    match issued {
        Issued::NotRequired => {
            f.extend([("issued", json!(false)), ("reason", json!("not_required"))]);
            ctx.out.outcome(&msg::not_required(code, p, notice), &f)?;
            // Not "no" (1: refused now, do not go ahead): the front end
            // goes ahead without a code.
            Ok(exit::NOT_REQUIRED)
        }
        Issued::TooSoon(next) => {
            let next = to_jst(next);
            f.extend([
                ("issued", json!(false)),
                ("reason", json!("cooldown")),
                ("next_at", json!(next)),
            ]);
            ctx.out.outcome(&msg::too_soon(code, p, &next), &f)?;
            Ok(exit::NO)
        }
        Issued::Locked(since) => {
            let since = to_jst(since);
            f.extend([
                ("issued", json!(false)),
                ("reason", json!("locked")),
                ("locked_at", json!(since)),
            ]);
            ctx.out.outcome(&msg::locked(code, p, &since), &f)?;
            Ok(exit::LOCKED)
        }
        Issued::NoAddress => Err(Error::Unreachable {
            what: msg::no_address(code, p, notice),
        }),
        Issued::Undelivered { id, why } => Err(undelivered(&o, id.is_some(), why)),
        Issued::Queued {
            expires, notices, ..
        } => issued_now(ctx, f, (code, p), expires, notices.len(), None),
        Issued::Sent {
            expires,
            sent,
            failed,
            ..
        } => issued_now(ctx, f, (code, p), expires, sent.len(), Some(&failed)),
    }
}

/// A code sent at once (`failed`: the addresses the relay refused) or
/// queued sealed (`None`): its expiry and notices, never the code.
fn issued_now(
    ctx: &mut Ctx,
    mut f: Vec<(&'static str, serde_json::Value)>,
    (code, p): (&str, &str),
    expires: chrono::DateTime<chrono::Utc>,
    notices: usize,
    failed: Option<&[crate::ops::send::Failure]>,
) -> Result<u8> {
    let sent = failed.is_some();
    for x in failed.unwrap_or_default() {
        ctx.out.warn(&msg::address_failed(x.id, &x.reply));
    }
    let until = to_jst(expires);
    f.extend([
        ("issued", json!(true)),
        ("expires_at", json!(until)),
        ("notices", json!(notices)),
        ("sent", json!(sent)),
    ]);
    let sentence = if sent {
        msg::sent(code, p, notices, &until)
    } else {
        msg::queued(code, p, notices, &until)
    };
    ctx.out.outcome(&sentence, &f)?;
    Ok(exit::OK)
}

/// A code mailed at once that reached nobody, as an error: the relay down
/// or lost (75; its login or CA file: 78), or refusing every notice (a
/// deferral: 75; for good: 65, like a customer without an address).
fn undelivered(o: &IssueOptions, issued: bool, why: Undelivered) -> Error {
    let (code, p) = (o.customer.as_str(), o.purpose.as_str());
    let relay = match &o.route {
        Route::Direct { smtp, .. } => smtp.relay(),
        Route::Sealed(_) => String::new(),
    };
    match why {
        Undelivered::Unreachable(e) | Undelivered::Lost(e) => {
            let config = matches!(e, ConnectError::Auth(_) | ConnectError::CaFile(_));
            let what = msg::relay_down(code, p, &relay, e.detail(), issued);
            if config {
                Error::Config { what }
            } else {
                Error::Unavailable { what }
            }
        }
        Undelivered::Refused { temporary, replies } => {
            let text: Vec<&str> = replies.iter().map(|r| r.reply.as_str()).collect();
            let what = msg::refused(code, p, &text.join("; "), temporary);
            if temporary {
                Error::Unavailable { what }
            } else {
                Error::Unreachable { what }
            }
        }
    }
}

fn verify(ctx: &mut Ctx, customer: String, purpose: Purpose) -> Result<u8> {
    let mut ledger = ctx.open()?;
    let o = VerifyOptions { customer, purpose };
    let (code, p) = (o.customer.as_str(), purpose.as_str());
    let prompt = msg::prompt(p);
    let verified = op::verify(&mut ledger, &o, || ctx.read_secret(&prompt, None), &Silent)?;
    let sentence = match verified {
        Verified::Matched => msg::matched(code, p),
        Verified::Wrong { left } => msg::wrong(code, p, left),
        Verified::Exhausted { tries } => msg::exhausted(code, p, tries),
        Verified::Locked { wrong_today } => msg::locked_by_tries(code, p, wrong_today),
        Verified::Expired(at) => msg::expired(code, p, &to_jst(at)),
        Verified::None => msg::none(code, p),
        Verified::Changed => {
            return Err(Error::InUse {
                what: msg::changed_while_verifying(),
            });
        }
    };
    let reason = verified.reason();
    ctx.out.outcome(
        &sentence,
        &[
            ("ok", json!(reason == Reason::Matched)),
            ("reason", json!(reason.as_str())),
            ("locked", json!(matches!(verified, Verified::Locked { .. }))),
        ],
    )?;
    Ok(match reason {
        Reason::Matched => exit::OK,
        Reason::Exhausted => exit::LOCKED,
        Reason::Wrong | Reason::Expired | Reason::None => exit::NO,
    })
}
