//! `acctsec ledger copy --to DEST`: move a ledger to another backend or
//! place (SQLite to PostgreSQL to outgrow one host; PostgreSQL to SQLite for
//! an offline archive). `acctsec ledger grant`: the server's roles and
//! their rights on a ledger on PostgreSQL.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::Ctx;
use crate::error::Result;
use crate::ops::{
    self,
    gate::{Gated, Via},
};

#[derive(Debug, Subcommand)]
pub enum LedgerCmd {
    /// Copy the whole ledger, audit trail included, into a new ledger at DEST
    /// (a path or a postgres:// URL) in one transaction; the copy has the same
    /// `log head`
    Copy(CopyArgs),
    /// On PostgreSQL, as the ledger's owner: give the staff role its rights
    /// (every table, but the audit trail, its seals and the schema version
    /// written only through the server's functions) and the read role
    /// read access, in the ledger's schema; audited. Run again after `ledger
    /// copy --to` into a new database
    Grant(GrantArgs),
}

#[derive(Debug, Args)]
pub struct GrantArgs {
    /// The role of the people and hosts doing the daily work (each person's
    /// login a member of it)
    #[arg(long, value_name = "ROLE", value_parser = role_name)]
    pub staff: String,
    /// The role of those who only list and report
    #[arg(long, value_name = "ROLE", value_parser = role_name)]
    pub read: Option<String>,
}

/// A role name as the README's roles are written: an unquoted PostgreSQL
/// identifier in lower case.
fn role_name(s: &str) -> std::result::Result<String, String> {
    let ok = (1..=63).contains(&s.len())
        && s.starts_with(|c: char| c.is_ascii_lowercase() || c == '_')
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    if ok {
        Ok(s.to_string())
    } else {
        Err(crate::messages::bad_role_name(s))
    }
}

#[derive(Debug, Args)]
pub struct CopyArgs {
    /// Where the new ledger goes: a file that does not exist yet, or the URL
    /// of an empty PostgreSQL database
    #[arg(long, value_name = "PATH|URL")]
    pub to: PathBuf,
}

pub fn run(ctx: &mut Ctx, c: LedgerCmd) -> Result<u8> {
    match c {
        LedgerCmd::Copy(a) => {
            let mut ledger = ctx.open()?;
            let mut dest = ctx.target()?;
            dest.path = a.to;
            match ops::ledger::copy(&mut ledger, &dest, Via::Direct)? {
                Gated::Pending(p) => super::pending(ctx, &p),
                Gated::Done(done) => super::render::copied(ctx, ledger.path(), &dest.path, &done),
            }
        }
        LedgerCmd::Grant(a) => {
            let mut ledger = ctx.open()?;
            let done = ops::ledger::grant(&mut ledger, &a.staff, a.read.as_deref())?;
            super::render::granted(ctx, &a.staff, a.read.as_deref(), &done)
        }
    }
}
