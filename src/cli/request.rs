//! `acctsec request`: four-eyes approval. A change whose effect the policy
//! puts under approval (`[approval] required_for`) is recorded as a request
//! by the operations layer's gate instead of being made; another person
//! approves it (the change is carried out by the same operation as the
//! direct command, in the approval's transaction) or rejects it.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use serde_json::{Value, json};

use super::{Ctx, render};
use crate::error::{Error, Result, exit};
use crate::ledger::{Ledger, Read, RequestRow};
use crate::messages::request as text;
use crate::ops::{
    self,
    customer::View,
    request::{ApproveOptions, Approved, Refusal},
};
use crate::output::Listing;

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
    /// Only the newest N matching requests
    #[arg(long, value_name = "N")]
    pub limit: Option<u64>,
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
        RequestCmd::List(a) => list(ctx, a.status, a.limit),
        RequestCmd::Show { id } => show(ctx, id),
        RequestCmd::Approve { id, out } => approve(ctx, id, out),
        RequestCmd::Reject { id, reason } => reject(ctx, id, &reason),
    }
}

fn find(ledger: &Ledger, id: i64) -> Result<RequestRow> {
    ledger.request(id)?.ok_or(Error::NoRequest { id })
}

fn jst(s: &Option<String>) -> Value {
    json!(s.as_deref().map(crate::clock::stored_to_jst))
}

/// The customers a request is about, in order: all of them, from its
/// stored parameters (the one stored customer when they do not parse).
fn customers(r: &RequestRow) -> Vec<String> {
    match serde_json::from_str::<crate::ops::gate::Change>(&r.params) {
        Ok(c) => c.customers().into_iter().map(str::to_string).collect(),
        Err(_) => r.customer.iter().cloned().collect(),
    }
}

/// How many customers a table cell names before counting the rest.
const CUSTOMERS_SHOWN: usize = 2;

/// The customers as a table shows them: `1000100, 1000137 (+3)`; the
/// whole list in JSON and CSV.
fn customers_cell(ctx: &Ctx, codes: Vec<String>) -> Value {
    if ctx.format() != crate::output::Format::Table || codes.len() <= CUSTOMERS_SHOWN {
        return json!(codes);
    }
    let rest = codes.len() - CUSTOMERS_SHOWN;
    json!(format!("{} (+{rest})", codes[..CUSTOMERS_SHOWN].join(", ")))
}

/// A request's state: the code in CSV and JSON, in the reader's language in
/// a table (a request's `pending` is not the outbox's).
fn state_cell(ctx: &Ctx, state: &str) -> Value {
    match ctx.format() {
        crate::output::Format::Table => json!(text::state(state)),
        _ => json!(state),
    }
}

fn list(ctx: &mut Ctx, status: Option<StatusArg>, limit: Option<u64>) -> Result<u8> {
    let ledger = ctx.open()?;
    // Expired or not by the ledger's clock (the server's, on PostgreSQL),
    // as approval judges it.
    let now = ledger.now()?;
    let rows = ledger.requests(status.map(StatusArg::as_str), now, limit)?;
    let mut l = Listing::new(&[
        "id",
        "action",
        "status",
        "customers",
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
            state_cell(ctx, r.state(now)),
            customers_cell(ctx, customers(r)),
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
    let now = ledger.now()?;
    let preview: Value = serde_json::from_str(&r.preview).unwrap_or(Value::Null);
    let preview = match ctx.format() {
        crate::output::Format::Json => preview,
        _ => json!(preview.to_string()),
    };
    ctx.out.record(&[
        ("id", json!(r.id)),
        ("action", json!(r.action)),
        ("status", state_cell(ctx, r.state(now))),
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

fn approve(ctx: &mut Ctx, id: i64, out: Option<PathBuf>) -> Result<u8> {
    let notify = ctx.config()?.notify;
    let mut ledger = ctx.open()?;
    let o = ApproveOptions {
        out: out.clone(),
        today: Some(ctx.now.with_timezone(&crate::clock::jst()).date_naive()),
        notify,
    };
    let bar = super::progress::Bar::new(&ctx.out);
    let (r, done) = ops::request::approve(&mut ledger, id, &o, &bar)?;
    let done = match done {
        Err(Refusal::NeedsOut) => return Err(Error::Usage(text::needs_out(id, &r.action))),
        Err(Refusal::OutUnused) => return Err(Error::Usage(text::out_unused(id, &r.action))),
        Ok(done) => done,
    };
    let out = out.as_deref();
    let code = match &done {
        Approved::Policy(d) => render::policy_set(ctx, d),
        Approved::Unlock(d) => render::unlocked(ctx, out, d),
        Approved::Issue(d) => match out {
            Some(out) => render::issued(ctx, out, d),
            None => Ok(exit::OK),
        },
        Approved::PasswordSet(code, kind, new) => render::new_password(ctx, code, *kind, new),
        Approved::Email(o, changed) => render::email_set(ctx, o, *changed),
        Approved::View(View::Customer, v) => render::customer(ctx, v),
        Approved::View(View::Notices, v) => render::notices(ctx, v),
        Approved::Import(file, d) => render::imported(ctx, file, d, false),
        Approved::NoticeSet(o, d) => render::notice_set(ctx, &o.code, o.kind, d),
        Approved::NoticesImport(file, d) => render::notices_imported(ctx, file, d),
        Approved::Export(file, d) => render::exported(ctx, file, d),
        Approved::Ack(d) => render::acked(ctx, d),
        Approved::Copy(to, d) => render::copied(ctx, ledger.path(), to, d),
        Approved::CodesUnlock(o, d) => render::codes_unlocked(ctx, o, d),
    }?;
    ctx.out.status(&text::approved(id, &r.action));
    Ok(code)
}

fn reject(ctx: &mut Ctx, id: i64, reason: &str) -> Result<u8> {
    let mut ledger = ctx.open()?;
    ops::request::reject(&mut ledger, id, reason)?;
    ctx.out.done(
        &text::rejected(id),
        &[("request", json!(id)), ("status", json!("rejected"))],
    )?;
    Ok(exit::OK)
}
