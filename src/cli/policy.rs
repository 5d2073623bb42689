//! `acctsec policy`: the policy in force, the presets, changing it.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use serde_json::{Value, json};

use super::Ctx;
use crate::error::{Error, Result, exit};
use crate::ledger::Read;
use crate::messages;
use crate::ops::{
    self,
    gate::{Gated, Via},
    policy::{flatten, policy_json},
};
use crate::output::{Format, Listing};
use crate::policy::{Kind, PRESETS, Policy};

#[derive(Debug, Subcommand)]
pub enum PolicyCmd {
    /// The policy in force (--toml prints what `policy set --file` reads back)
    Show {
        /// Only the rules of this kind of password
        #[arg(long, value_enum)]
        kind: Option<super::args::KindArg>,
        /// Print the policy as TOML
        #[arg(long, conflicts_with = "kind")]
        toml: bool,
    },
    /// The shipped presets
    Presets,
    /// Change the policy (audited with the old and new values)
    Set(SetArgs),
}

#[derive(Debug, Args)]
pub struct SetArgs {
    #[command(flatten)]
    pub source: PolicySource,
    /// Why (written to the audit trail; plain text, one line)
    #[arg(long, value_name = "TEXT", value_parser = super::parse_reason)]
    pub reason: Option<String>,
}

/// Where the new policy comes from.
#[derive(Debug, Args)]
#[group(required = true, multiple = false)]
pub struct PolicySource {
    /// A shipped preset
    #[arg(long, value_name = "NAME")]
    pub preset: Option<String>,
    /// A TOML policy file (as printed by `acctsec policy show --toml`)
    #[arg(long, value_name = "FILE.toml")]
    pub file: Option<PathBuf>,
}

pub fn run(ctx: &mut Ctx, cmd: PolicyCmd) -> Result<u8> {
    match cmd {
        PolicyCmd::Show { kind, toml } => show(ctx, kind.map(Kind::from), toml),
        PolicyCmd::Presets => presets(ctx),
        PolicyCmd::Set(a) => set(ctx, a),
    }
}

fn show(ctx: &mut Ctx, kind: Option<Kind>, toml: bool) -> Result<u8> {
    let ledger = ctx.open()?;
    let policy = ledger.policy()?;
    if toml {
        ctx.out.line(policy.to_toml().trim_end())?;
        return Ok(exit::OK);
    }
    let doc = match kind {
        None => policy_json(&policy),
        Some(k) => serde_json::to_value(policy.kind(k)).unwrap_or(Value::Null),
    };
    if ctx.format() == Format::Json {
        ctx.out.json(&doc)?;
        return Ok(exit::OK);
    }
    let mut pairs = Vec::new();
    flatten(kind.map(|k| k.as_str()).unwrap_or(""), &doc, &mut pairs);
    let mut l = Listing::new(&["field", "value"]);
    for (k, v) in pairs {
        l.push(vec![json!(k), v]);
    }
    ctx.out.listing(&l)?;
    Ok(exit::OK)
}

fn presets(ctx: &mut Ctx) -> Result<u8> {
    let mut l = Listing::new(&["preset", "description"]);
    for name in PRESETS {
        l.push(vec![
            json!(name),
            json!(messages::policy::preset_description(name, ctx.is_ja())),
        ]);
    }
    ctx.out.listing(&l)?;
    Ok(exit::OK)
}

fn set(ctx: &mut Ctx, a: SetArgs) -> Result<u8> {
    let (policy, source) = match (&a.source.preset, &a.source.file) {
        (Some(name), _) => (
            Policy::preset(name)
                .ok_or_else(|| Error::Usage(messages::unknown_preset(name, PRESETS)))?,
            json!({ "preset": name }),
        ),
        (_, Some(file)) => {
            let text = read_policy_file(file)?;
            let p = Policy::from_toml(&text).map_err(|error| Error::PolicyInvalid {
                file: file.clone(),
                error,
            })?;
            (p, json!({ "file": file.display().to_string() }))
        }
        _ => unreachable!("clap requires --preset or --file"),
    };
    policy.validate().map_err(|error| Error::PolicyInvalid {
        file: "policy".into(),
        error,
    })?;
    let mut ledger = ctx.open()?;
    // Shown and confirmed first (a person at a terminal, else --yes): a
    // lower lockout threshold or weaker hashing is never changed silently.
    // (A change that waits for approval is confirmed by the approver.)
    let (planned, held) = ops::policy::plan(&ledger, &policy)?;
    if !planned.is_empty() && !held && !confirm_changes(ctx, &planned)? {
        ctx.out
            .done(&messages::cancelled(), &[("cancelled", json!(true))])?;
        return Ok(exit::NO);
    }
    let o = ops::policy::SetOptions {
        policy,
        source,
        reason: a.reason,
    };
    match ops::policy::set(&mut ledger, &o, Via::Direct)? {
        Gated::Pending(p) => super::pending(ctx, &p),
        Gated::Done(done) => super::render::policy_set(ctx, &done),
    }
}

fn confirm_changes(ctx: &mut Ctx, planned: &[Value]) -> Result<bool> {
    if ctx.interactive() && !ctx.global.yes {
        for c in planned {
            ctx.out.status(&messages::policy_change_line(
                c["field"].as_str().unwrap_or(""),
                &c["old"].to_string(),
                &c["new"].to_string(),
            ));
        }
    }
    ctx.confirm(&messages::confirm_policy_set(planned.len()))
}

/// The largest policy file read: a policy is a few KiB of TOML.
const MAX_POLICY_FILE: u64 = 1 << 20;

fn read_policy_file(file: &std::path::Path) -> Result<String> {
    use std::io::Read;
    let mut text = String::new();
    std::fs::File::open(file)
        .and_then(|f| f.take(MAX_POLICY_FILE + 1).read_to_string(&mut text))
        .map_err(|e| Error::io(file, e))?;
    if text.len() as u64 > MAX_POLICY_FILE {
        return Err(Error::Config {
            what: messages::policy_file_too_large(file, MAX_POLICY_FILE >> 10),
        });
    }
    Ok(text)
}
