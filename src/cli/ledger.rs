//! `acctsec ledger copy --to DEST`: move a ledger to another backend or
//! place (SQLite to PostgreSQL to outgrow one host; PostgreSQL to SQLite for
//! an offline archive).

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
    }
}
