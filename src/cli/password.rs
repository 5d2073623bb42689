//! `acctsec password`: check, bulk issue, set, verify.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use serde_json::json;

use super::Ctx;
use super::args::KindArg;
use crate::customer::Customer;
use crate::error::{Error, Result, exit};
use crate::issuance;
use crate::ledger::{Ledger, Read};
use crate::messages;
use crate::ops::{
    self,
    gate::{Gated, Via},
    password::{Attempt, Changed, Checkpoint, IssueOptions},
};
use crate::password;
use crate::policy::{Kind, Policy};

#[derive(Debug, Subcommand)]
pub enum PasswordCmd {
    /// Check a password against the policy (from a hidden prompt or stdin)
    Check {
        /// Which password's rules: login or execution
        #[arg(long, value_enum)]
        kind: KindArg,
        /// Also run the rules that need the customer's data (the ones comparing
        /// with stored passwords run only at `set` and `change`)
        #[arg(long, value_name = "CODE", value_parser = super::args::code_arg)]
        customer: Option<String>,
        /// Never given: passwords come from the prompt or stdin
        #[arg(hide = true, value_name = "PASSWORD", num_args = 0..)]
        typed: Vec<String>,
    },
    /// Issue initial execution passwords in bulk into a 0600 CSV (code,initial_password,deadline)
    Issue(IssueArgs),
    /// Set a customer's password (new password twice on a terminal, once on stdin)
    Set {
        /// The customer code
        #[arg(value_parser = super::args::code_arg)]
        code: String,
        /// Which password: login or execution
        #[arg(long, value_enum)]
        kind: KindArg,
        /// Put the password in the initial state: the customer must change it
        #[arg(long)]
        temporary: bool,
        /// Never given: passwords come from the prompt or stdin
        #[arg(hide = true, value_name = "PASSWORD", num_args = 0..)]
        typed: Vec<String>,
    },
    /// The customer's own change (I3): the current password, then the new one
    /// (twice on a terminal; on stdin two lines: current, new)
    Change {
        /// The customer code
        #[arg(value_parser = super::args::code_arg)]
        code: String,
        /// Which password: login or execution
        #[arg(long, value_enum)]
        kind: KindArg,
        /// Where the change comes from (IP, channel); recorded with the attempt
        #[arg(long, value_name = "TEXT")]
        source: Option<String>,
        /// Never given: passwords come from the prompt or stdin
        #[arg(hide = true, value_name = "PASSWORD", num_args = 0..)]
        typed: Vec<String>,
    },
    /// Verify a password from stdin: exit 0 match, 1 mismatch, 3 locked, 4 unknown customer
    Verify {
        /// The customer code
        #[arg(value_parser = super::args::code_arg)]
        code: String,
        /// Which password: login or execution
        #[arg(long, value_enum)]
        kind: KindArg,
        /// Where the attempt comes from (IP, channel); recorded with it
        #[arg(long, value_name = "TEXT")]
        source: Option<String>,
        /// Never given: passwords come from the prompt or stdin
        #[arg(hide = true, value_name = "PASSWORD", num_args = 0..)]
        typed: Vec<String>,
    },
}

#[derive(Debug, Args)]
pub struct IssueArgs {
    /// Every customer
    #[arg(long, conflicts_with_all = ["codes", "codes_file"])]
    pub all: bool,
    /// These customers
    #[arg(value_name = "CODE", value_parser = super::args::code_arg)]
    pub codes: Vec<String>,
    /// The customers listed in a file, one code a line
    #[arg(long = "codes", value_name = "FILE")]
    pub codes_file: Option<PathBuf>,
    /// The output CSV (created 0600; never overwritten)
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Also replace existing execution passwords (asks for confirmation)
    #[arg(long)]
    pub reissue: bool,
}

pub fn run(ctx: &mut Ctx, cmd: PasswordCmd) -> Result<u8> {
    match cmd {
        PasswordCmd::Check {
            kind,
            customer,
            typed,
        } => {
            refuse_typed(typed)?;
            check(ctx, kind.into(), customer.as_deref())
        }
        PasswordCmd::Issue(a) => issue(ctx, a),
        PasswordCmd::Set {
            code,
            kind,
            temporary,
            typed,
        } => {
            refuse_typed(typed)?;
            set(ctx, &code, kind.into(), temporary)
        }
        PasswordCmd::Change {
            code,
            kind,
            source,
            typed,
        } => {
            refuse_typed(typed)?;
            change(ctx, &code, kind.into(), source.as_deref())
        }
        PasswordCmd::Verify {
            code,
            kind,
            source,
            typed,
        } => {
            refuse_typed(typed)?;
            verify(ctx, &code, kind.into(), source.as_deref())
        }
    }
}

/// A password typed as an argument is refused (exit 2) with a word on where
/// passwords come from, before anything else happens; it is wiped, never
/// shown.
fn refuse_typed(mut typed: Vec<String>) -> Result<()> {
    use zeroize::Zeroize;
    let given = !typed.is_empty();
    typed.zeroize();
    if given {
        return Err(Error::Usage(messages::password_in_argv()));
    }
    Ok(())
}

/// The customer, or exit 4.
fn customer_of(ledger: &Ledger, code: &str) -> Result<Customer> {
    ledger.require_customer(code)
}

/// The policy's rules for `pw`, the customer's data included when named.
/// Never the rules that compare with stored passwords (`same_as_other`,
/// `reused`): anyone who may run `check` could otherwise ask "is this the
/// customer's password?" with no attempt counted, no audit entry, on a
/// locked account too. They run at `set` and `change`, and `check` lists
/// them as skipped. Nothing here reads a stored hash, so neither the answer,
/// an error nor the time taken depends on one.
fn check(ctx: &mut Ctx, kind: Kind, code: Option<&str>) -> Result<u8> {
    let ledger = ctx.open()?;
    let policy = ledger.policy()?;
    let customer = match code {
        Some(c) => Some(customer_of(&ledger, c)?),
        None => None,
    };
    let pw = ctx.read_secret(&messages::password_prompt(kind.as_str()), None)?;
    let kp = policy.kind(kind);
    let phones = customer.as_ref().map(Customer::phones).unwrap_or_default();
    let facts = customer.as_ref().map(|c| password::facts(c, &phones));
    let violations = crate::policy::check(kp, &pw, facts.as_ref());
    drop(pw);
    let mut skipped = crate::policy::skipped_rules(kp, customer.is_none());
    skipped.extend(
        crate::policy::Rule::ALL
            .into_iter()
            .filter(|r| r.needs_hash() && kp.rule_enabled(*r)),
    );
    super::render::violations(ctx, kind, &violations, &skipped)?;
    Ok(if violations.is_empty() {
        exit::OK
    } else {
        exit::NO
    })
}

fn set(ctx: &mut Ctx, code: &str, kind: Kind, temporary: bool) -> Result<u8> {
    let mut ledger = ctx.open()?;
    ledger.require_customer(code)?;
    let pw = ctx.read_secret(
        &messages::password_prompt(kind.as_str()),
        Some((&messages::password_again(), &messages::password_mismatch())),
    )?;
    let o = ops::password::SetOptions {
        code,
        kind,
        temporary,
        password: &pw,
    };
    match ops::password::set(&mut ledger, &o)? {
        Gated::Pending(p) => super::pending(ctx, &p),
        Gated::Done(new) => super::render::new_password(ctx, code, kind, &new),
    }
}

fn verify(ctx: &mut Ctx, code: &str, kind: Kind, source: Option<&str>) -> Result<u8> {
    let mut ledger = ctx.open()?;
    let policy = ledger.policy()?;
    ops::password::refuse_locked(&ledger, code)?;
    let pw = ctx.read_secret(&messages::password_prompt(kind.as_str()), None)?;
    let outcome = ops::password::attempt(&mut ledger, code, kind, &pw, source)?;
    drop(pw);
    match outcome {
        Attempt::Match => {
            ctx.out.done(
                &messages::verify_ok(code, kind.as_str()),
                &[
                    ("customer", json!(code)),
                    ("kind", json!(kind.as_str())),
                    ("match", json!(true)),
                ],
            )?;
            Ok(exit::OK)
        }
        other => failed_attempt(ctx, &policy, code, kind, other),
    }
}

fn change(ctx: &mut Ctx, code: &str, kind: Kind, source: Option<&str>) -> Result<u8> {
    let mut ledger = ctx.open()?;
    let policy = ledger.policy()?;
    ops::password::refuse_locked(&ledger, code)?;
    let current = ctx.read_secret(&messages::current_password_prompt(kind.as_str()), None)?;
    let new = ctx.read_secret(
        &messages::new_password_prompt(kind.as_str()),
        Some((&messages::password_again(), &messages::password_mismatch())),
    )?;
    match ops::password::change(&mut ledger, code, kind, &current, &new, source)? {
        Changed::Failed(outcome) => failed_attempt(ctx, &policy, code, kind, outcome),
        Changed::New(new) => super::render::new_password(ctx, code, kind, &new),
    }
}

/// Report an attempt that did not match (exit 1, or 3 when it locked).
fn failed_attempt(
    ctx: &mut Ctx,
    policy: &Policy,
    code: &str,
    kind: Kind,
    outcome: Attempt,
) -> Result<u8> {
    let threshold = password::threshold(policy, kind);
    match outcome {
        Attempt::Match => Ok(exit::OK),
        Attempt::Mismatch { failures, locks } => {
            ctx.out.done(
                &messages::verify_failed(code, kind.as_str(), failures, threshold, locks),
                &[
                    ("customer", json!(code)),
                    ("kind", json!(kind.as_str())),
                    ("match", json!(false)),
                    ("failures", json!(failures)),
                    ("threshold", json!(threshold)),
                    ("locked", json!(locks)),
                ],
            )?;
            Ok(if locks { exit::LOCKED } else { exit::NO })
        }
        Attempt::NoPassword => {
            ctx.out.done(
                &messages::verify_no_password(code, kind.as_str()),
                &[
                    ("customer", json!(code)),
                    ("kind", json!(kind.as_str())),
                    ("match", json!(false)),
                    ("no_password", json!(true)),
                ],
            )?;
            Ok(exit::NO)
        }
        Attempt::Locked => Err(Error::Locked {
            customer: code.to_string(),
        }),
        Attempt::Retry => Err(Error::InUse {
            what: messages::changed_while_verifying(),
        }),
    }
}

// ------------------------------------------------------------------ issue

/// The codes an `issue` names, in order, each checked to exist (exit 4).
fn selection(ledger: &Ledger, a: &IssueArgs) -> Result<Vec<String>> {
    if a.all {
        return ledger.customer_codes();
    }
    let mut codes = issuance::named_codes(&a.codes, a.codes_file.as_deref())?;
    if codes.is_empty() {
        return Err(Error::Usage(messages::issue_needs_selection()));
    }
    codes.sort();
    for c in &codes {
        ledger.require_customer(c)?;
    }
    Ok(codes)
}

fn issue(ctx: &mut Ctx, a: IssueArgs) -> Result<u8> {
    let mut ledger = ctx.open()?;
    let o = IssueOptions {
        codes: selection(&ledger, &a)?,
        out: a.out,
        reissue: a.reissue,
    };
    let bar = super::progress::Bar::new(&ctx.out);
    let mut checkpoint = |c: Checkpoint| -> Result<bool> {
        match c {
            Checkpoint::UnfinishedElsewhere(runs) => {
                for (file, held) in runs {
                    ctx.out.warn(&messages::unfinished_issue(file, *held));
                }
                Ok(true)
            }
            Checkpoint::ConfirmReissue(n) => ctx.confirm(&messages::confirm_reissue(n)),
            Checkpoint::LinesDropped(n) => {
                ctx.out.warn(&messages::issue_lines_dropped(n));
                Ok(true)
            }
        }
    };
    let outcome = ops::password::issue(&mut ledger, &o, Via::Direct, &bar, &mut checkpoint)?;
    match outcome {
        Gated::Pending(p) => {
            ctx.out
                .warn(&messages::request::out_goes_to_approver(&o.out));
            super::pending(ctx, &p)
        }
        Gated::Done(done) => super::render::issued(ctx, &o.out, &done),
    }
}
