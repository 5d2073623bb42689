//! `acctsec init`: create the ledger with a policy preset.

use clap::Args;
use serde_json::json;

use super::Ctx;
use crate::error::{Error, Result, exit};
use crate::ledger::{Entry, InitOutcome, Ledger, Read};
use crate::messages;
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
    let outcome = Ledger::init(&target, |tx| {
        tx.set_policy(&policy)?;
        tx.audit(Entry {
            action: "ledger.init",
            customer: None,
            reason: None,
            details: json!({ "preset": a.preset, "version": env!("CARGO_PKG_VERSION") }),
        })?;
        Ok(())
    })?;
    match outcome {
        InitOutcome::Created => ctx
            .out
            .status(&messages::ledger_created(&target.path, &a.preset)),
        InitOutcome::Existed => {
            let in_force = ctx.open()?.policy()?;
            let name = PRESETS
                .iter()
                .find(|n| Policy::preset(n).as_ref() == Some(&*in_force));
            ctx.out.status(&messages::ledger_exists(
                &target.path,
                name.copied(),
                &a.preset,
            ));
        }
    }
    Ok(exit::OK)
}
