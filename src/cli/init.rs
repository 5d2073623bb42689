//! `acctsec init`: create the ledger with a policy preset.

use clap::Args;
use serde_json::json;

use super::Ctx;
use crate::error::{Error, Result, exit};
use crate::messages;
use crate::ops;
use crate::policy::{PRESETS, Policy};

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The policy preset to start with (see `acctsec policy presets`)
    #[arg(long, value_name = "NAME", default_value = "securities")]
    pub preset: String,
}

pub fn run(ctx: &mut Ctx, a: InitArgs) -> Result<u8> {
    let policy = Policy::preset(&a.preset)
        .ok_or_else(|| Error::Usage(messages::unknown_preset(&a.preset, PRESETS)))?;
    let target = ctx.target()?;
    let done = ops::ledger::init(&target, &a.preset, &policy)?;
    let (created, in_force) = (done.created, done.preset);
    let sentence = if created {
        messages::ledger_created(&target.path, &a.preset)
    } else {
        messages::ledger_exists(&target.path, in_force.as_deref(), &a.preset)
    };
    ctx.out.done(
        &sentence,
        &[
            ("ledger", json!(target.path.display().to_string())),
            ("created", json!(created)),
            ("preset", json!(in_force)),
        ],
    )?;
    Ok(exit::OK)
}
