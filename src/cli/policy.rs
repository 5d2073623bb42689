//! `acctsec policy`: the policy in force, the presets, changing it.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use serde_json::{Value, json};

use super::Ctx;
use crate::error::{Error, Result, exit};
use crate::ledger::{Entry, Ledger, Read};
use crate::messages;
use crate::output::{Format, Listing};
use crate::policy::{ApprovalAction, Kind, PRESETS, Policy};

use super::request::Claim;

#[derive(Debug, Subcommand)]
pub enum PolicyCmd {
    /// The policy in force (--toml prints what `policy set --file` reads back)
    Show {
        /// Only the rules of this kind of password
        #[arg(long, value_enum)]
        kind: Option<KindArg>,
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum KindArg {
    Login,
    Execution,
}

impl From<KindArg> for Kind {
    fn from(k: KindArg) -> Kind {
        match k {
            KindArg::Login => Kind::Login,
            KindArg::Execution => Kind::Execution,
        }
    }
}

pub fn run(ctx: &mut Ctx, cmd: PolicyCmd) -> Result<u8> {
    match cmd {
        PolicyCmd::Show { kind, toml } => show(ctx, kind.map(Kind::from), toml),
        PolicyCmd::Presets => presets(ctx),
        PolicyCmd::Set(a) => set(ctx, a),
    }
}

/// `a.b.c = value` pairs of a JSON document, in document order.
pub fn flatten(prefix: &str, v: &Value, out: &mut Vec<(String, Value)>) {
    match v {
        Value::Object(m) => {
            for (k, v) in m {
                let key = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                flatten(&key, v, out);
            }
        }
        other => out.push((prefix.to_string(), other.clone())),
    }
}

fn policy_json(p: &Policy) -> Value {
    serde_json::to_value(p).unwrap_or(Value::Null)
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
            let p = Policy::from_toml(&text).map_err(|e| Error::Config {
                what: messages::policy_invalid(file, &e),
            })?;
            (p, json!({ "file": file.display().to_string() }))
        }
        _ => unreachable!("clap requires --preset or --file"),
    };
    policy.validate().map_err(|e| Error::Config {
        what: messages::policy_invalid(std::path::Path::new("policy"), &e),
    })?;
    let mut ledger = ctx.open()?;
    // Shown and confirmed first (a person at a terminal, else --yes): a
    // lower lockout threshold or weaker hashing is never changed silently.
    let planned = changes_between(&*ledger.policy()?, &policy);
    if planned.is_empty() {
        ctx.out
            .done(&messages::policy_changed(0), &[("changes", json!(0))])?;
        return Ok(exit::OK);
    }
    // Putting an action under approval is one person's change; taking one
    // out (or turning approval off) needs a second person, and so does
    // every change once `policy.set` is under approval.
    let current = ledger.policy()?;
    if current.approval.requires(ApprovalAction::PolicySet)
        || current.approval.weakened_by(&policy.approval)
    {
        return super::request::ask(
            ctx,
            &mut ledger,
            ApprovalAction::PolicySet,
            None,
            json!({ "policy": policy.to_toml(), "source": source }),
            json!({ "source": source, "changes": planned }),
            a.reason.as_deref(),
        );
    }
    if ctx.interactive() && !ctx.global.yes {
        for c in &planned {
            ctx.out.status(&messages::policy_change_line(
                c["field"].as_str().unwrap_or(""),
                &c["old"].to_string(),
                &c["new"].to_string(),
            ));
        }
    }
    if !ctx.confirm(&messages::confirm_policy_set(planned.len()))? {
        ctx.out
            .done(&messages::cancelled(), &[("cancelled", json!(true))])?;
        return Ok(exit::NO);
    }
    carry_out(ctx, &mut ledger, &policy, source, a.reason.as_deref(), None)
}

/// Put `policy` in force, audited with every changed field: the direct
/// command (after its confirmation) and an approved request (`approval`,
/// written in the same transaction).
pub fn carry_out(
    ctx: &mut Ctx,
    ledger: &mut Ledger,
    policy: &Policy,
    source: Value,
    reason: Option<&str>,
    approval: Option<&Claim>,
) -> Result<u8> {
    let changes = ledger.write(|tx| {
        if let Some(claim) = approval {
            claim.apply(tx)?;
        }
        let changes = changes_between(&*tx.policy()?, policy);
        if changes.is_empty() {
            return Ok(0);
        }
        tx.set_policy(policy)?;
        tx.audit(Entry {
            action: "policy.set",
            customer: None,
            reason,
            details: json!({ "source": source, "changes": changes }),
        })?;
        Ok(changes.len())
    })?;
    if policy.hashing.m_kib < 19456 || policy.hashing.t < 2 {
        ctx.out.warn(&messages::weak_hashing(
            policy.hashing.m_kib,
            policy.hashing.t,
        ));
    }
    ctx.out.done(
        &messages::policy_changed(changes),
        &[("changes", json!(changes))],
    )?;
    Ok(exit::OK)
}

/// The fields that differ between `old` and `new`: `{field, old, new}`.
fn changes_between(old: &Policy, new: &Policy) -> Vec<Value> {
    let mut before = Vec::new();
    let mut after = Vec::new();
    flatten("", &policy_json(old), &mut before);
    flatten("", &policy_json(new), &mut after);
    let mut changes = Vec::new();
    for (k, new) in &after {
        let old = before.iter().find(|(b, _)| b == k).map(|(_, v)| v.clone());
        if old.as_ref() != Some(new) {
            changes.push(json!({ "field": k, "old": old, "new": new }));
        }
    }
    for (k, old) in &before {
        if !after.iter().any(|(a, _)| a == k) {
            changes.push(json!({ "field": k, "old": old, "new": null }));
        }
    }
    changes
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
