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
    let created = matches!(outcome, InitOutcome::Created);
    // On an existing ledger: the preset in force (none when it matches no
    // shipped preset), and how to change it.
    let in_force = if created {
        Some(a.preset.clone())
    } else {
        let policy = ctx.open()?.policy()?;
        PRESETS
            .iter()
            .find(|n| Policy::preset(n).as_ref() == Some(&*policy))
            .map(|n| n.to_string())
    };
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
