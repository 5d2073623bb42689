//! `acctsec ledger copy --to DEST`: move a ledger to another backend or
//! place (SQLite to PostgreSQL to outgrow one host; PostgreSQL to SQLite for
//! an offline archive).

use std::path::PathBuf;

use clap::{Args, Subcommand};
use serde_json::json;

use super::Ctx;
use crate::error::{Result, exit};
use crate::messages;
use crate::ops;

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
            let done = ops::ledger::copy(&mut ledger, &dest)?;
            let (copied, head) = (done.copied, done.head);
            ctx.out.done(
                &messages::ledger_copied(ledger.path(), &dest.path, copied.entries, copied.rows),
                &[
                    (
                        "to",
                        json!(crate::sanitize::sanitize(&dest.path.display().to_string())),
                    ),
                    ("entries", json!(copied.entries)),
                    ("rows", json!(copied.rows)),
                    ("head", json!(head)),
                ],
            )?;
            Ok(exit::OK)
        }
    }
}
