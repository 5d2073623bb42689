//! `acctsec password`: check, bulk issue, set, verify.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use serde_json::json;

use super::Ctx;
use super::policy::KindArg;
use crate::customer::{Customer, PasswordState};
use crate::error::{Error, Result, exit};
use crate::issuance::{self, Outset};
use crate::ledger::{Entry, Ledger, Read};
use crate::messages;
use crate::notify::{Event, LockCause};
use crate::output::{Format, Listing};
use crate::password::{self, Stored};
use crate::policy::{ApprovalAction, Kind, KindPolicy, Policy, Violation};

use super::request::Claim;
use crate::secret::Hasher;

/// Customers per ledger transaction and per fsync of the output file.
const BATCH: usize = 256;

#[derive(Debug, Subcommand)]
pub enum PasswordCmd {
    /// Check a password against the policy (from a hidden prompt or stdin)
    Check {
        /// Which password's rules: login or execution
        #[arg(long, value_enum)]
        kind: KindArg,
        /// Also run the rules that need the customer's data (the ones comparing
        /// with stored passwords run only at `set` and `change`)
        #[arg(long, value_name = "CODE", value_parser = super::customer::code_arg)]
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
        #[arg(value_parser = super::customer::code_arg)]
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
        #[arg(value_parser = super::customer::code_arg)]
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
        #[arg(value_parser = super::customer::code_arg)]
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
    #[arg(value_name = "CODE", value_parser = super::customer::code_arg)]
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

/// Every rule for a new password of `c`, the ones that compare with the
/// stored hashes included (the other kind's current password, this kind's
/// current one and history). Reads only: it never waits for writers.
fn check_for_customer(
    ledger: &Ledger,
    c: &Customer,
    kind: Kind,
    kp: &KindPolicy,
    pw: &str,
    hasher: &mut Hasher,
) -> Result<Vec<Violation>> {
    let other = ledger.credential(&c.code, kind.other())?.map(|c| c.hash);
    let mut same: Vec<String> = ledger
        .credential(&c.code, kind)?
        .map(|c| c.hash)
        .into_iter()
        .collect();
    same.extend(ledger.history(&c.code, kind, kp.history)?);
    let phones = c.phones();
    let facts = password::facts(c, &phones);
    let stored = Stored {
        other: other.as_deref(),
        same: &same,
    };
    Ok(password::full_check(
        kp,
        pw,
        Some(&facts),
        Some(&stored),
        hasher,
    )?)
}

fn render_violations(
    ctx: &mut Ctx,
    kind: Kind,
    v: &[Violation],
    skipped: &[crate::policy::Rule],
) -> Result<()> {
    let ja = ctx.is_ja();
    let items: Vec<_> = v
        .iter()
        .map(|v| {
            (
                v.rule().as_str(),
                messages::policy::describe_violation(v, ja),
            )
        })
        .collect();
    match ctx.format() {
        Format::Json => ctx.out.json(&json!({
            "ok": v.is_empty(),
            "violations": items.iter().map(|(r, m)| json!({ "rule": r, "message": m })).collect::<Vec<_>>(),
            "skipped": skipped.iter().map(|r| r.as_str()).collect::<Vec<_>>(),
        })),
        Format::Csv => {
            let mut l = Listing::new(&["rule", "message"]);
            for (r, m) in &items {
                l.push(vec![json!(r), json!(m)]);
            }
            ctx.out.listing(&l)
        }
        Format::Table => {
            if v.is_empty() {
                ctx.out.summary(&messages::password_accepted(kind.as_str()))?;
            } else {
                ctx.out.line(&messages::password_rejected(kind.as_str(), v.len()))?;
                for (r, m) in &items {
                    ctx.out.line(&format!("  {r}: {m}"))?;
                }
            }
            {
                let (stored, facts): (Vec<_>, Vec<_>) =
                    skipped.iter().partition(|r| r.needs_hash());
                if !facts.is_empty() {
                    ctx.out.status(&messages::policy::describe_skipped(&facts, ja));
                }
                if !stored.is_empty() {
                    let codes: Vec<&str> = stored.iter().map(|r| r.as_str()).collect();
                    ctx.out.status(&messages::stored_rules_not_checked(&codes));
                }
            }
            Ok(())
        }
    }
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
    render_violations(ctx, kind, &violations, &skipped)?;
    Ok(if violations.is_empty() {
        exit::OK
    } else {
        exit::NO
    })
}

fn set(ctx: &mut Ctx, code: &str, kind: Kind, temporary: bool) -> Result<u8> {
    let mut ledger = ctx.open()?;
    let policy = ledger.policy()?;
    let c = customer_of(&ledger, code)?;
    let pw = ctx.read_secret(
        &messages::password_prompt(kind.as_str()),
        Some((&messages::password_again(), &messages::password_mismatch())),
    )?;
    let kp = policy.kind(kind).clone();
    let mut hasher = Hasher::new(password::argon2_params(&policy))?;
    let violations = check_for_customer(&ledger, &c, kind, &kp, &pw, &mut hasher)?;
    if !violations.is_empty() {
        render_violations(ctx, kind, &violations, &[])?;
        return Ok(exit::NO);
    }
    let hash = hasher.hash(pw.as_bytes())?;
    drop(pw);
    let state = if temporary {
        PasswordState::Initial
    } else {
        PasswordState::Set
    };
    ledger.write(|tx| {
        tx.store_password(code, kind, &hash, state, None, crate::policy::MAX_HISTORY)?;
        tx.audit(Entry {
            action: "password.set",
            customer: Some(code),
            reason: None,
            details: json!({ "kind": kind.as_str(), "state": state.as_str() }),
        })?;
        Ok(())
    })?;
    ctx.out.done(
        &messages::password_set(code, kind.as_str(), state.as_str()),
        &[
            ("customer", json!(code)),
            ("kind", json!(kind.as_str())),
            ("state", json!(state.as_str())),
        ],
    )?;
    Ok(exit::OK)
}

fn verify(ctx: &mut Ctx, code: &str, kind: Kind, source: Option<&str>) -> Result<u8> {
    let mut ledger = ctx.open()?;
    let policy = ledger.policy()?;
    refuse_locked(&ledger, code)?;
    let pw = ctx.read_secret(&messages::password_prompt(kind.as_str()), None)?;
    let outcome = attempt(&mut ledger, &policy, code, kind, &pw, source)?;
    drop(pw);
    match outcome {
        Outcome::Match => {
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
    refuse_locked(&ledger, code)?;
    let c = customer_of(&ledger, code)?;
    let current = ctx.read_secret(&messages::current_password_prompt(kind.as_str()), None)?;
    let new = ctx.read_secret(
        &messages::new_password_prompt(kind.as_str()),
        Some((&messages::password_again(), &messages::password_mismatch())),
    )?;
    // The current password first: a wrong one counts towards the lock.
    let outcome = attempt(&mut ledger, &policy, code, kind, &current, source)?;
    drop(current);
    if !matches!(outcome, Outcome::Match) {
        return failed_attempt(ctx, &policy, code, kind, outcome);
    }
    let kp = policy.kind(kind).clone();
    let mut hasher = Hasher::new(password::argon2_params(&policy))?;
    let violations = check_for_customer(&ledger, &c, kind, &kp, &new, &mut hasher)?;
    if !violations.is_empty() {
        render_violations(ctx, kind, &violations, &[])?;
        return Ok(exit::NO);
    }
    let hash = hasher.hash(new.as_bytes())?;
    drop(new);
    ledger.write(|tx| {
        tx.store_password(
            code,
            kind,
            &hash,
            PasswordState::Set,
            None,
            crate::policy::MAX_HISTORY,
        )?;
        tx.audit(Entry {
            action: "password.change",
            customer: Some(code),
            reason: None,
            details: json!({ "kind": kind.as_str(), "source": source }),
        })?;
        Ok(())
    })?;
    ctx.out.done(
        &messages::password_set(code, kind.as_str(), PasswordState::Set.as_str()),
        &[
            ("customer", json!(code)),
            ("kind", json!(kind.as_str())),
            ("state", json!(PasswordState::Set.as_str())),
        ],
    )?;
    Ok(exit::OK)
}

/// The customer exists and is not locked: a locked account is refused
/// without looking at the password (exit 3).
fn refuse_locked(ledger: &Ledger, code: &str) -> Result<()> {
    customer_of(ledger, code)?;
    if ledger.lock_of(code)?.is_some() {
        return Err(Error::Locked {
            customer: code.to_string(),
        });
    }
    Ok(())
}

/// One authentication attempt (L1): verify `pw` against the stored hash,
/// then count it in one IMMEDIATE transaction; the threshold-th consecutive
/// failure locks the account. A success resets the count and upgrades a
/// hash made with weaker parameters.
fn attempt(
    ledger: &mut Ledger,
    policy: &Policy,
    code: &str,
    kind: Kind,
    pw: &str,
    source: Option<&str>,
) -> Result<Outcome> {
    let cred = ledger.credential(code, kind)?;
    let params = password::argon2_params(policy);
    let mut hasher = Hasher::new(params)?;
    // The slow part runs outside the write lock; the count changes inside
    // one IMMEDIATE transaction that re-reads the state.
    let ok = match &cred {
        Some(c) => password::matches_stored(&c.hash, pw, &mut hasher)?,
        None => false,
    };
    let upgrade = match &cred {
        Some(c) if ok && hasher.needs_rehash(&c.hash) => Some(hasher.hash(pw.as_bytes())?),
        _ => None,
    };
    let threshold = password::threshold(policy, kind);
    ledger.write(|tx| {
        if tx.lock_of(code)?.is_some() {
            return Ok(Outcome::Locked);
        }
        let now = tx.credential(code, kind)?;
        if now.as_ref().map(|c| &c.hash) != cred.as_ref().map(|c| &c.hash) {
            // Changed while we verified: this attempt was against an old password.
            return Ok(Outcome::Retry);
        }
        tx.record_attempt(code, kind, ok, source)?;
        let Some(now) = now else {
            tx.audit(Entry {
                action: "password.verify",
                customer: Some(code),
                reason: None,
                details: json!({ "kind": kind.as_str(), "ok": false, "source": source, "why": "no_password" }),
            })?;
            return Ok(Outcome::NoPassword);
        };
        if ok {
            if now.failures > 0 {
                tx.set_failures(code, kind, 0)?;
            }
            if let Some(h) = &upgrade {
                tx.upgrade_hash(code, kind, h)?;
            }
            tx.audit(Entry {
                action: "password.verify",
                customer: Some(code),
                reason: None,
                details: json!({ "kind": kind.as_str(), "ok": true, "source": source, "rehashed": upgrade.is_some() }),
            })?;
            return Ok(Outcome::Match);
        }
        let (failures, locks) = password::after_failure(now.failures, threshold);
        tx.set_failures(code, kind, failures)?;
        tx.audit(Entry {
            action: "password.verify",
            customer: Some(code),
            reason: None,
            details: json!({ "kind": kind.as_str(), "ok": false, "source": source, "failures": failures }),
        })?;
        if locks {
            let reason = messages::auto_lock_reason(kind.as_str(), failures);
            tx.lock(code, &reason)?;
            tx.audit(Entry {
                action: "lock.auto",
                customer: Some(code),
                reason: Some(&reason),
                details: json!({ "kind": kind.as_str(), "failures": failures, "threshold": threshold }),
            })?;
            if let Some(c) = tx.customer(code)? {
                tx.queue_notices_for(
                    &c,
                    &Event::AccountLocked {
                        cause: LockCause::Failures { kind, failures },
                    },
                )?;
            }
        }
        Ok(Outcome::Mismatch { failures, locks })
    })
}

/// Report an attempt that did not match (exit 1, or 3 when it locked).
fn failed_attempt(
    ctx: &mut Ctx,
    policy: &Policy,
    code: &str,
    kind: Kind,
    outcome: Outcome,
) -> Result<u8> {
    let threshold = password::threshold(policy, kind);
    match outcome {
        Outcome::Match => Ok(exit::OK),
        Outcome::Mismatch { failures, locks } => {
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
        Outcome::NoPassword => {
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
        Outcome::Locked => Err(Error::Locked {
            customer: code.to_string(),
        }),
        Outcome::Retry => Err(Error::InUse {
            what: messages::changed_while_verifying(),
        }),
    }
}

enum Outcome {
    Match,
    Mismatch { failures: u32, locks: bool },
    NoPassword,
    Locked,
    Retry,
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
    let policy = ledger.policy()?;
    let codes = selection(&ledger, &a)?;
    if a.reissue && policy.approval.requires(ApprovalAction::PasswordReissue) {
        // The passwords are made when the request is approved, into the
        // approver's --out: nothing secret waits in the request.
        ctx.out
            .warn(&messages::request::out_goes_to_approver(&a.out));
        return super::request::ask(
            ctx,
            &mut ledger,
            ApprovalAction::PasswordReissue,
            codes.first().map(String::as_str),
            json!({ "codes": codes }),
            json!({ "customers": codes.len(), "codes": codes, "reissue": true }),
            None,
        );
    }
    carry_out_issue(ctx, &mut ledger, &codes, &a.out, a.reissue, None)
}

/// Issue initial passwords to `codes` into `out` (`reissue`: replacing
/// those they have): the direct command, and an approved request
/// (`approval`, written in the transaction that stores the passwords: one
/// batch then, so the approval and the whole action are one transaction).
pub fn carry_out_issue(
    ctx: &mut Ctx,
    ledger: &mut Ledger,
    codes: &[String],
    out: &std::path::Path,
    reissue: bool,
    approval: Option<&Claim>,
) -> Result<u8> {
    let policy = ledger.policy()?;
    let prepared = match issuance::prepare(ledger, &policy, out, codes, reissue)? {
        Outset::Ready(p) => p,
        Outset::Done(done) if approval.is_none() => {
            ctx.out.done(
                &messages::issue_done(out, done),
                &issuance::done_fields(out, done),
            )?;
            return Ok(exit::OK);
        }
        // An approval never finishes somebody else's file.
        Outset::Done(_) => {
            return Err(Error::OutputExists {
                path: out.to_path_buf(),
            });
        }
    };
    // Customers of an interrupted run into another file hold passwords
    // nobody has received; they count as "already have one" here.
    for (file, held) in prepared.unfinished_elsewhere(ledger)? {
        ctx.out.warn(&messages::unfinished_issue(&file, held));
    }
    // Replacing passwords is confirmed every time, a resumed run included
    // (an approval is the second person's deliberate act: no prompt).
    if reissue && approval.is_none() && !ctx.confirm(&messages::confirm_reissue(codes.len()))? {
        ctx.out
            .done(&messages::cancelled(), &[("cancelled", json!(true))])?;
        return Ok(exit::NO);
    }
    let mut run = prepared.open(ledger, &policy, codes.len())?;
    if let Some(w) = run.warning() {
        ctx.out.warn(&w);
    }
    let todo = run.todo(ledger, codes)?;
    if let Some(claim) = approval {
        if let Err(e) =
            run.issue_approved(ledger, &policy, &todo, |tx| claim.apply(tx), |_, _| Ok(()))
        {
            // Refused: the passwords drawn for it were never stored.
            run.abandon(ledger);
            return Err(e);
        }
        let summary = run.finish(ledger)?;
        return render_issued(ctx, out, &summary, None);
    }
    // Ctrl-C or `kill` from here on: the batch in hand is finished and
    // committed, then the run stops with its temporary file kept.
    let watch = issuance::interrupt::Watch::install();
    let bar = super::progress::items(&ctx.out, todo.len() as u64, &messages::issuing());
    let mut stopped = None;
    let result = todo.chunks(BATCH).try_for_each(|batch| -> Result<()> {
        if stopped.is_none() {
            stopped = watch.received();
        }
        if stopped.is_some() {
            return Ok(());
        }
        run.issue(ledger, &policy, batch, |_, _| Ok(()))?;
        bar.inc(batch.len() as u64);
        Ok(())
    });
    bar.finish_and_clear();
    result?;
    if let Some(signal) = stopped {
        return Err(Error::Interrupted {
            exit: issuance::interrupt::exit_code(signal),
            what: messages::issue_interrupted(signal.as_str(), out, run.issued(), &same_command()),
        });
    }
    let summary = run.finish(ledger)?;
    drop(watch);
    let unscheduled = ledger.rollout_schedule()?.is_none();
    let unscheduled_days = unscheduled.then_some(policy.initial_password_days);
    render_issued(ctx, out, &summary, unscheduled_days)
}

/// The command line this process runs, for the operator to type again
/// (`password issue` takes no secret on it); words with characters a shell
/// treats specially are single-quoted.
fn same_command() -> String {
    let mut words = vec!["acctsec".to_string()];
    words.extend(std::env::args().skip(1).map(|w| {
        let plain = !w.is_empty()
            && w.chars()
                .all(|c| c.is_ascii_alphanumeric() || "_-./=:,@%+".contains(c));
        if plain {
            w
        } else {
            format!("'{}'", w.replace('\'', "'\\''"))
        }
    }));
    words.join(" ")
}

fn render_issued(
    ctx: &mut Ctx,
    out: &std::path::Path,
    s: &issuance::Summary,
    unscheduled_days: Option<u32>,
) -> Result<u8> {
    ctx.out.outcome(
        &messages::issue_summary(out, s.issued, s.skipped, &s.deadline, unscheduled_days),
        &[
            ("issued", json!(s.issued)),
            ("skipped", json!(s.skipped)),
            ("resumed", json!(s.resumed)),
            ("deadline", json!(s.deadline)),
            ("out", json!(out.display().to_string())),
        ],
    )?;
    Ok(exit::OK)
}
