//! `acctsec request`: four-eyes approval. A command whose action the policy
//! puts under approval (`[approval] required_for`) records a request here
//! ([`ask`]) instead of acting; another person approves it (the action is
//! carried out by the same code as the direct command, in the approval's
//! transaction) or rejects it.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use serde_json::{Value, json};

use super::Ctx;
use crate::error::{Error, Result, exit};
use crate::ledger::{Entry, Ledger, NewRequest, Read, RequestRow, Tx};
use crate::messages::request as text;
use crate::output::Listing;
use crate::policy::{ApprovalAction, Policy};

#[derive(Debug, Subcommand)]
pub enum RequestCmd {
    /// Requests awaiting approval, approved, rejected or expired
    List(ListArgs),
    /// One request: what it would change (personal data masked), who asked, its state
    Show {
        /// The request id
        id: i64,
    },
    /// Approve another person's request and carry its action out at once
    Approve {
        /// The request id
        id: i64,
        /// Where the passwords of a reissue go (CSV, 0600, never overwritten): they reach the approver
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Reject a request (nothing is done)
    Reject {
        /// The request id
        id: i64,
        /// Why (written to the audit trail; plain text, one line)
        #[arg(long, value_name = "TEXT", value_parser = super::parse_reason)]
        reason: String,
    },
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only requests in this state [default: all]
    #[arg(long, value_enum)]
    pub status: Option<StatusArg>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StatusArg {
    Pending,
    Approved,
    Rejected,
    Expired,
}

impl StatusArg {
    fn as_str(self) -> &'static str {
        match self {
            StatusArg::Pending => "pending",
            StatusArg::Approved => "approved",
            StatusArg::Rejected => "rejected",
            StatusArg::Expired => "expired",
        }
    }
}

pub fn run(ctx: &mut Ctx, cmd: RequestCmd) -> Result<u8> {
    match cmd {
        RequestCmd::List(a) => list(ctx, a.status),
        RequestCmd::Show { id } => show(ctx, id),
        RequestCmd::Approve { id, out } => approve(ctx, id, out),
        RequestCmd::Reject { id, reason } => reject(ctx, id, &reason),
    }
}

/// Record a request for `action` (the policy requires approval for it):
/// `params` is what carrying it out needs (never a secret), `preview` what
/// it would change with personal data masked. Prints the id (`--format
/// json`: `{"request": ID, "status": "pending"}`); exit 0.
pub fn ask(
    ctx: &mut Ctx,
    ledger: &mut Ledger,
    action: ApprovalAction,
    customer: Option<&str>,
    params: Value,
    preview: Value,
    reason: Option<&str>,
) -> Result<u8> {
    let expires_after = ledger.policy()?.approval.expiry();
    let id = ledger.write(|tx| {
        tx.add_request(&NewRequest {
            action: action.as_str(),
            customer,
            params,
            preview,
            reason,
            expires_after,
        })
    })?;
    let expires = crate::clock::to_jst(ctx.now + expires_after);
    ctx.out.outcome(
        &text::recorded(id, action.as_str(), &expires),
        &[("request", json!(id)), ("status", json!("pending"))],
    )?;
    Ok(exit::OK)
}

/// The approval of one request, applied as the first step of the
/// transaction that carries its action out: the same identity (or
/// operator) that asked is refused, and of two approvers at once exactly
/// one finds it still pending.
pub struct Claim<'a> {
    request: &'a RequestRow,
}

impl Claim<'_> {
    pub fn apply(&self, tx: &mut Tx) -> Result<()> {
        let r = self.request;
        refuse_own(r, tx.identity(), tx.operator())?;
        if !tx.decide_request(r.id, "approved", None)? {
            let state = tx
                .request(r.id)?
                .map(|now| now.state(tx.now()).to_string())
                .unwrap_or_else(|| "gone".into());
            return Err(Error::Refused {
                what: text::not_pending(r.id, &state),
            });
        }
        tx.audit(Entry {
            action: "request.approve",
            customer: r.customer.as_deref(),
            reason: None,
            details: json!({
                "request": r.id,
                "action": r.action,
                "requested_by": r.requested_by,
                "requested_operator": r.operator,
            }),
        })?;
        Ok(())
    }
}

fn refuse_own(r: &RequestRow, identity: &str, operator: &str) -> Result<()> {
    if r.requested_by == identity || r.operator == operator {
        let who = if r.requested_by == identity {
            identity
        } else {
            operator
        };
        return Err(Error::Refused {
            what: text::own(r.id, who),
        });
    }
    Ok(())
}

fn find(ledger: &Ledger, id: i64) -> Result<RequestRow> {
    ledger
        .request(id)?
        .ok_or_else(|| Error::Usage(text::no_such(id)))
}

fn jst(s: &Option<String>) -> Value {
    json!(s.as_deref().map(crate::clock::stored_to_jst))
}

fn list(ctx: &mut Ctx, status: Option<StatusArg>) -> Result<u8> {
    let ledger = ctx.open()?;
    let rows = ledger.requests(status.map(StatusArg::as_str), ctx.now)?;
    let mut l = Listing::new(&[
        "id",
        "action",
        "status",
        "customer",
        "requested_by",
        "operator",
        "requested_at",
        "expires_at",
        "decided_by",
    ])
    .narrow(&["operator", "decided_by", "expires_at"]);
    for r in &rows {
        l.push(vec![
            json!(r.id),
            json!(r.action),
            json!(r.state(ctx.now)),
            json!(r.customer),
            json!(r.requested_by),
            json!(r.operator),
            json!(crate::clock::stored_to_jst(&r.requested_at)),
            json!(crate::clock::stored_to_jst(&r.expires_at)),
            json!(r.decided_by),
        ]);
    }
    ctx.out.listing(&l)?;
    Ok(exit::OK)
}

fn show(ctx: &mut Ctx, id: i64) -> Result<u8> {
    let ledger = ctx.open()?;
    let r = find(&ledger, id)?;
    let preview: Value = serde_json::from_str(&r.preview).unwrap_or(Value::Null);
    let preview = match ctx.format() {
        crate::output::Format::Json => preview,
        _ => json!(preview.to_string()),
    };
    ctx.out.record(&[
        ("id", json!(r.id)),
        ("action", json!(r.action)),
        ("status", json!(r.state(ctx.now))),
        ("customer", json!(r.customer)),
        ("changes", preview),
        ("reason", json!(r.reason)),
        ("requested_by", json!(r.requested_by)),
        ("operator", json!(r.operator)),
        (
            "requested_at",
            json!(crate::clock::stored_to_jst(&r.requested_at)),
        ),
        (
            "expires_at",
            json!(crate::clock::stored_to_jst(&r.expires_at)),
        ),
        ("decided_by", json!(r.decided_by)),
        ("decided_operator", json!(r.decided_operator)),
        ("decided_at", jst(&r.decided_at)),
        ("decision_reason", json!(r.decision_reason)),
    ])?;
    Ok(exit::OK)
}

/// Refuse before any work what the claim would refuse anyway (one's own,
/// decided, expired), with the reason.
fn precheck(ctx: &Ctx, ledger: &Ledger, r: &RequestRow) -> Result<()> {
    refuse_own(r, ledger.identity()?, ledger.operator())?;
    let state = r.state(ctx.now);
    if state != "pending" {
        return Err(Error::Refused {
            what: text::not_pending(r.id, state),
        });
    }
    Ok(())
}

fn approve(ctx: &mut Ctx, id: i64, out: Option<PathBuf>) -> Result<u8> {
    let mut ledger = ctx.open()?;
    let r = find(&ledger, id)?;
    precheck(ctx, &ledger, &r)?;
    let action: ApprovalAction = r.action.parse().map_err(|()| Error::Config {
        what: text::unreadable(id),
    })?;
    let params: Value = serde_json::from_str(&r.params).map_err(|_| Error::Config {
        what: text::unreadable(id),
    })?;
    let writes_passwords = matches!(
        action,
        ApprovalAction::UnlockReissue | ApprovalAction::PasswordReissue
    );
    match (&out, writes_passwords) {
        (None, true) => return Err(Error::Usage(text::needs_out(id, action.as_str()))),
        (Some(_), false) => return Err(Error::Usage(text::out_unused(id, action.as_str()))),
        _ => {}
    }
    let claim = Claim { request: &r };
    let unreadable = || Error::Config {
        what: text::unreadable(id),
    };
    let codes = || -> Result<Vec<String>> {
        serde_json::from_value(params["codes"].clone()).map_err(|_| unreadable())
    };
    let code = || -> Result<String> {
        params["code"]
            .as_str()
            .map(str::to_string)
            .ok_or_else(unreadable)
    };
    let reason = r.reason.as_deref();
    let code = match action {
        ApprovalAction::LockRemove | ApprovalAction::UnlockReissue => super::lock::carry_out(
            ctx,
            &mut ledger,
            &codes()?,
            reason.unwrap_or_default(),
            out.as_deref(),
            Some(&claim),
        ),
        ApprovalAction::PasswordReissue => super::password::carry_out_issue(
            ctx,
            &mut ledger,
            &codes()?,
            out.as_deref().ok_or_else(unreadable)?,
            true,
            Some(&claim),
        ),
        ApprovalAction::PolicySet => {
            let body = params["policy"].as_str().ok_or_else(unreadable)?;
            let policy = Policy::from_toml(body).map_err(|_| unreadable())?;
            super::policy::carry_out(
                ctx,
                &mut ledger,
                &policy,
                params["source"].clone(),
                reason,
                Some(&claim),
            )
        }
        ApprovalAction::CustomerSetEmail => {
            let kind = match params["kind"].as_str() {
                Some("pc") => crate::customer::AddressKind::Pc,
                Some("mobile") => crate::customer::AddressKind::Mobile,
                _ => return Err(unreadable()),
            };
            let addr = params["address"].as_str().ok_or_else(unreadable)?;
            super::customer::carry_out_set_email(
                ctx,
                &mut ledger,
                &code()?,
                kind,
                addr,
                reason,
                Some(&claim),
            )
        }
        ApprovalAction::CustomerUnmask => {
            super::customer::show_customer(ctx, &mut ledger, &code()?, true, Some(&claim))
        }
    }?;
    ctx.out.status(&text::approved(id, action.as_str()));
    Ok(code)
}

fn reject(ctx: &mut Ctx, id: i64, reason: &str) -> Result<u8> {
    let mut ledger = ctx.open()?;
    let r = find(&ledger, id)?;
    ledger.write(|tx| {
        if !tx.decide_request(id, "rejected", Some(reason))? {
            let state = tx
                .request(id)?
                .map(|now| now.state(tx.now()).to_string())
                .unwrap_or_default();
            return Err(Error::Refused {
                what: text::not_pending(id, &state),
            });
        }
        tx.audit(Entry {
            action: "request.reject",
            customer: r.customer.as_deref(),
            reason: Some(reason),
            details: json!({ "request": id, "action": r.action, "requested_by": r.requested_by }),
        })?;
        Ok(())
    })?;
    ctx.out.done(
        &text::rejected(id),
        &[("request", json!(id)), ("status", json!("rejected"))],
    )?;
    Ok(exit::OK)
}
