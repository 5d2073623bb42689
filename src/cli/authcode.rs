//! `acctsec authcode`: one-time codes by email before a withdrawal or a view
//! of the registered data (issue, verify), for the trading front end.

use clap::{Subcommand, ValueEnum};
use serde_json::json;

use super::Ctx;
use crate::authcode::{Purpose, Reason};
use crate::clock::to_jst;
use crate::error::{Error, Result, exit};
use crate::messages::authcode as msg;
use crate::ops::Silent;
use crate::ops::authcode::{self as op, IssueOptions, Issued, Verified, VerifyOptions};

#[derive(Debug, Subcommand)]
pub enum AuthcodeCmd {
    /// Queue a one-time code by email for the customer (`notify send` delivers it);
    /// prints its expiry, never the code (exit 6: the customer does not require one;
    /// 1: asked too soon, do not go ahead)
    Issue {
        /// The customer code
        #[arg(value_parser = super::args::code_arg)]
        code: String,
        /// What the code is for: a withdrawal, or a view of the registered data
        #[arg(long, value_enum)]
        purpose: PurposeArg,
    },
    /// Check a code from the hidden prompt or stdin: exit 0 matched (now used up),
    /// 1 wrong, expired or none, 3 wrong and the last try (the code is ended), 4 unknown customer
    Verify {
        /// The customer code
        #[arg(value_parser = super::args::code_arg)]
        code: String,
        /// What the code is for: a withdrawal, or a view of the registered data
        #[arg(long, value_enum)]
        purpose: PurposeArg,
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
    }
}

fn issue(ctx: &mut Ctx, customer: String, purpose: Purpose) -> Result<u8> {
    let mut ledger = ctx.open()?;
    let o = IssueOptions { customer, purpose };
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
        Issued::NoAddress => Err(Error::Unreachable {
            what: msg::no_address(code, p, notice),
        }),
        Issued::Queued {
            expires, notices, ..
        } => {
            let until = to_jst(expires);
            f.extend([
                ("issued", json!(true)),
                ("expires_at", json!(until)),
                ("notices", json!(notices.len())),
            ]);
            ctx.out
                .outcome(&msg::queued(code, p, notices.len(), &until), &f)?;
            Ok(exit::OK)
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
        ],
    )?;
    Ok(match reason {
        Reason::Matched => exit::OK,
        Reason::Exhausted => exit::LOCKED,
        Reason::Wrong | Reason::Expired | Reason::None => exit::NO,
    })
}
