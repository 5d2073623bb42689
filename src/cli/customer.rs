//! `acctsec customer`: import the master from the core system, show, list,
//! change an email address.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use serde_json::json;

use super::Ctx;
use crate::customer::import::Encoding;
use crate::customer::{AddressKind, Customer, mask_email, normalize_email};
use crate::error::{Error, Result, exit};
use crate::ledger::{CustomerFilter, Read};
use crate::messages;
use crate::notify::environment::masked_network;
use crate::ops::{
    self,
    customer::{EmailOptions, ImportOptions, View},
    environment::Which,
    gate::{Gated, Via},
};
use crate::output::Listing;

#[derive(Debug, Subcommand)]
pub enum CustomerCmd {
    /// Import or update customers from the core system's CSV (validated whole first)
    Import {
        /// The CSV file (columns: code,name,birth_date[,phone,mobile_phone,email_pc,email_mobile,login_hash])
        file: PathBuf,
        /// The file's encoding [default: UTF-8, with or without BOM]
        #[arg(long, value_enum)]
        encoding: Option<EncodingArg>,
        /// Validate and count, write nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// Show one customer (personal data masked)
    Show {
        /// The customer code
        #[arg(value_parser = super::args::code_arg)]
        code: String,
        /// Show personal data in full (audited)
        #[arg(long)]
        unmask: bool,
    },
    /// List customers (personal data masked)
    List {
        /// Only locked accounts
        #[arg(long)]
        locked: bool,
        /// Only customers still on the broker-issued initial execution password
        #[arg(long)]
        pending: bool,
        /// At most N customers (0: all)
        #[arg(long, value_name = "N", default_value_t = 100)]
        limit: u64,
    },
    /// Change a customer's registered email address (notifies the old and the new one)
    SetEmail {
        /// The customer code
        #[arg(value_parser = super::args::code_arg)]
        code: String,
        #[command(flatten)]
        to: NewAddress,
        /// Why (written to the audit trail; plain text, one line)
        #[arg(long, value_name = "TEXT", value_parser = super::parse_reason)]
        reason: Option<String>,
    },
    /// The customer's known login environments: browser and OS, network (last part masked), first and last seen
    Environments {
        /// The customer code
        #[arg(value_parser = super::args::code_arg)]
        code: String,
    },
    /// Forget known login environments (a lost phone): the next login from one is reported as new (audited)
    ForgetEnvironments {
        /// The customer code
        #[arg(value_parser = super::args::code_arg)]
        code: String,
        /// The environment's id (see `customer environments CODE`)
        #[arg(
            value_name = "ID",
            required_unless_present = "all",
            conflicts_with = "all"
        )]
        id: Option<i64>,
        /// Every environment of the customer
        #[arg(long)]
        all: bool,
        /// Why (written to the audit trail; plain text, one line)
        #[arg(long, value_name = "TEXT", value_parser = super::parse_reason)]
        reason: String,
    },
}

#[derive(Debug, Args)]
#[group(required = true, multiple = false)]
pub struct NewAddress {
    /// The new PC address
    #[arg(long, value_name = "ADDR")]
    pub pc: Option<String>,
    /// The new mobile address
    #[arg(long, value_name = "ADDR")]
    pub mobile: Option<String>,
}

/// `--encoding`: the names staff type for [`Encoding`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum EncodingArg {
    #[value(name = "utf-8", alias = "utf8")]
    Utf8,
    #[value(name = "sjis", alias = "shift_jis", alias = "cp932")]
    Sjis,
}

impl From<EncodingArg> for Encoding {
    fn from(e: EncodingArg) -> Encoding {
        match e {
            EncodingArg::Utf8 => Encoding::Utf8,
            EncodingArg::Sjis => Encoding::Sjis,
        }
    }
}

pub fn run(ctx: &mut Ctx, cmd: CustomerCmd) -> Result<u8> {
    match cmd {
        CustomerCmd::Import {
            file,
            encoding,
            dry_run,
        } => import(ctx, &file, encoding.map(Encoding::from), dry_run),
        CustomerCmd::Show { code, unmask } => show(ctx, &code, unmask),
        CustomerCmd::List {
            locked,
            pending,
            limit,
        } => list(ctx, locked, pending, limit),
        CustomerCmd::SetEmail { code, to, reason } => set_email(ctx, &code, to, reason.as_deref()),
        CustomerCmd::Environments { code } => environments(ctx, &code),
        CustomerCmd::ForgetEnvironments {
            code,
            id,
            all: _,
            reason,
        } => forget_environments(ctx, code, id, reason),
    }
}

fn import(
    ctx: &mut Ctx,
    file: &std::path::Path,
    encoding: Option<Encoding>,
    dry_run: bool,
) -> Result<u8> {
    let mut ledger = ctx.open()?;
    let o = ImportOptions {
        file: file.to_path_buf(),
        encoding,
        dry_run,
        today: ctx.now.with_timezone(&crate::clock::jst()).date_naive(),
    };
    let bar = super::progress::Bar::new(&ctx.out);
    match ops::customer::import(&mut ledger, &o, Via::Direct, &bar)? {
        Gated::Pending(p) => super::pending(ctx, &p),
        Gated::Done(done) => super::render::imported(ctx, file, &done, dry_run),
    }
}

fn show(ctx: &mut Ctx, code: &str, unmask: bool) -> Result<u8> {
    let mut ledger = ctx.open()?;
    match ops::customer::view(&mut ledger, code, View::Customer, unmask, Via::Direct)? {
        Gated::Pending(p) => super::pending(ctx, &p),
        Gated::Done(v) => super::render::customer(ctx, &v),
    }
}

fn list(ctx: &mut Ctx, locked: bool, pending: bool, limit: u64) -> Result<u8> {
    let ledger = ctx.open()?;
    let (rows, total) = ledger.customers(&CustomerFilter {
        locked,
        pending,
        limit: (limit > 0).then_some(limit),
        after: None,
    })?;
    let mut l = Listing::new(&[
        "code",
        "name",
        "birth_date",
        "phones",
        "email_pc",
        "email_mobile",
        "execution_password",
        "locked",
        "failures",
    ])
    .narrow(&["email_mobile", "phones", "birth_date", "failures"])
    .max_width("name", 12)
    .max_width("email_pc", 22);
    for (c, s) in &rows {
        let mut row = vec![json!(c.code)];
        row.extend(
            super::render::personal(c, false)
                .into_iter()
                .map(|(_, v)| v),
        );
        row.extend([
            json!(s.execution.as_str()),
            json!(s.lock.is_some()),
            json!(s.failures),
        ]);
        l.push(row);
    }
    ctx.out.listing(&l)?;
    if (rows.len() as u64) < total {
        ctx.out
            .status(&messages::list_truncated(rows.len() as u64, total));
    }
    if pending {
        super::render::unfinished_runs(ctx, &ledger)?;
    }
    Ok(exit::OK)
}

fn set_email(ctx: &mut Ctx, code: &str, a: NewAddress, reason: Option<&str>) -> Result<u8> {
    let (kind, given) = match (&a.pc, &a.mobile) {
        (Some(p), _) => (AddressKind::Pc, p),
        (_, Some(m)) => (AddressKind::Mobile, m),
        _ => unreachable!("clap requires one of --pc/--mobile"),
    };
    let address = normalize_email(given)
        .map_err(|e| Error::Usage(messages::customer::bad_email_arg(kind.as_str(), &e)))?;
    let o = EmailOptions {
        code: code.to_string(),
        kind,
        address,
        reason: reason.map(str::to_string),
    };
    let mut ledger = ctx.open()?;
    let plan = ops::customer::email_plan(&ledger, &o)?;
    // A change of address is a classic takeover step: shown and confirmed
    // first (a person at a terminal, else --yes), unless a second person
    // approves it.
    if !plan.unchanged && !plan.held && !confirm_email(ctx, &o, &plan.customer)? {
        ctx.out
            .done(&messages::cancelled(), &[("cancelled", json!(true))])?;
        return Ok(exit::NO);
    }
    match ops::customer::set_email(&mut ledger, &o, Via::Direct)? {
        Gated::Pending(p) => super::pending(ctx, &p),
        Gated::Done(changed) => super::render::email_set(ctx, &o, changed),
    }
}

fn confirm_email(ctx: &mut Ctx, o: &EmailOptions, current: &Customer) -> Result<bool> {
    if ctx.interactive() && !ctx.global.yes {
        ctx.out.status(&messages::customer::email_change_line(
            &o.code,
            &current.name,
            o.kind.as_str(),
            current.email(o.kind).map(mask_email).as_deref(),
            &mask_email(&o.address),
        ));
    }
    ctx.confirm(&messages::customer::confirm_set_email(
        &o.code,
        o.kind.as_str(),
    ))
}

fn environments(ctx: &mut Ctx, code: &str) -> Result<u8> {
    let ledger = ctx.open()?;
    let kept = ops::environment::list(&ledger, code)?;
    let mut l = Listing::new(&[
        "id",
        "browser",
        "os",
        "network",
        "device",
        "first_seen",
        "last_seen",
    ])
    .narrow(&["device", "first_seen"])
    .max_width("device", 20);
    for k in &kept {
        l.push(vec![
            json!(k.id),
            json!(k.browser),
            json!(k.os),
            json!(k.network.as_deref().map(masked_network)),
            json!(k.device),
            json!(crate::clock::to_jst(k.first_seen)),
            json!(crate::clock::to_jst(k.last_seen)),
        ]);
    }
    ctx.out.listing(&l)?;
    if kept.is_empty() {
        ctx.out.status(&messages::customer::no_environments(code));
    }
    Ok(exit::OK)
}

fn forget_environments(ctx: &mut Ctx, code: String, id: Option<i64>, reason: String) -> Result<u8> {
    let o = ops::environment::ForgetOptions {
        code,
        which: id.map_or(Which::All, Which::One),
        reason,
    };
    let mut ledger = ctx.open()?;
    let done = ops::environment::forget(&mut ledger, &o)?;
    ctx.out.outcome(
        &messages::customer::environments_forgotten(&o.code, done.forgotten),
        &[
            ("customer", json!(o.code)),
            ("forgotten", json!(done.forgotten)),
        ],
    )?;
    Ok(exit::OK)
}
