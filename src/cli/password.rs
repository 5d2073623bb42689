//! `acctsec password`: check, bulk issue, set, verify.

use std::io::BufRead;
use std::path::PathBuf;

use clap::{Args, Subcommand};
use serde_json::json;
use zeroize::Zeroizing;

use super::Ctx;
use super::policy::KindArg;
use super::prompt;
use crate::customer::{Customer, PasswordState};
use crate::error::{Error, Result, exit};
use crate::issuance::{self, IssueFile};
use crate::ledger::{Entry, Ledger};
use crate::messages;
use crate::notify::{Event, SystemNotice};
use crate::output::{Format, Listing};
use crate::password::{self, Stored};
use crate::policy::{Kind, KindPolicy, Policy, Violation};
use crate::secret::Hasher;

/// Customers per ledger transaction and per fsync of the output file.
const BATCH: usize = 256;

#[derive(Debug, Subcommand)]
pub enum PasswordCmd {
    /// Check a password against the policy (from a hidden prompt or stdin)
    Check {
        #[arg(long, value_enum)]
        kind: KindArg,
        /// Also run the rules that need the customer's data (the ones comparing
        /// with stored passwords run only at `set` and `change`)
        #[arg(long, value_name = "CODE")]
        customer: Option<String>,
    },
    /// Issue initial execution passwords in bulk into a 0600 CSV (code,initial_password,deadline)
    Issue(IssueArgs),
    /// Set a customer's password (new password twice on a terminal, once on stdin)
    Set {
        code: String,
        #[arg(long, value_enum)]
        kind: KindArg,
        /// Put the password in the initial state: the customer must change it
        #[arg(long)]
        temporary: bool,
    },
    /// The customer's own change (I3): the current password, then the new one
    /// (twice on a terminal; on stdin two lines: current, new)
    Change {
        code: String,
        #[arg(long, value_enum)]
        kind: KindArg,
        /// Where the change comes from (IP, channel); recorded with the attempt
        #[arg(long, value_name = "TEXT")]
        source: Option<String>,
    },
    /// Verify a password from stdin: exit 0 match, 1 mismatch, 3 locked, 4 unknown customer
    Verify {
        code: String,
        #[arg(long, value_enum)]
        kind: KindArg,
        /// Where the attempt comes from (IP, channel); recorded with it
        #[arg(long, value_name = "TEXT")]
        source: Option<String>,
    },
}

#[derive(Debug, Args)]
pub struct IssueArgs {
    /// Every customer
    #[arg(long, conflicts_with_all = ["codes", "codes_file"])]
    pub all: bool,
    /// These customers
    #[arg(value_name = "CODE")]
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
        PasswordCmd::Check { kind, customer } => check(ctx, kind.into(), customer.as_deref()),
        PasswordCmd::Issue(a) => issue(ctx, a),
        PasswordCmd::Set {
            code,
            kind,
            temporary,
        } => set(ctx, &code, kind.into(), temporary),
        PasswordCmd::Change { code, kind, source } => {
            change(ctx, &code, kind.into(), source.as_deref())
        }
        PasswordCmd::Verify { code, kind, source } => {
            verify(ctx, &code, kind.into(), source.as_deref())
        }
    }
}

/// The customer, or exit 4.
fn customer_of(ledger: &Ledger, code: &str) -> Result<Customer> {
    Ok(ledger.require_customer(code)?.0)
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
    let ja = messages::is_ja();
    let items: Vec<_> = v
        .iter()
        .map(|v| (v.rule().as_str(), crate::policy::describe_violation(v, ja)))
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
                if !ctx.out.quiet {
                    ctx.out.line(&messages::password_accepted(kind.as_str()))?;
                }
            } else {
                ctx.out.line(&messages::password_rejected(kind.as_str(), v.len()))?;
                for (r, m) in &items {
                    ctx.out.line(&format!("  {r}: {m}"))?;
                }
            }
            if !ctx.out.quiet {
                let (stored, facts): (Vec<_>, Vec<_>) =
                    skipped.iter().partition(|r| r.needs_hash());
                if !facts.is_empty() {
                    ctx.out.status(&crate::policy::describe_skipped(&facts, ja));
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
    let pw = prompt::read_secret(&messages::password_prompt(kind.as_str()), None)?;
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
    let pw = prompt::read_secret(
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
    ctx.out
        .status(&messages::password_set(code, kind.as_str(), state.as_str()));
    Ok(exit::OK)
}

fn verify(ctx: &mut Ctx, code: &str, kind: Kind, source: Option<&str>) -> Result<u8> {
    let mut ledger = ctx.open()?;
    let policy = ledger.policy()?;
    refuse_locked(&ledger, code)?;
    let pw = prompt::read_secret(&messages::password_prompt(kind.as_str()), None)?;
    let outcome = attempt(&mut ledger, &policy, code, kind, &pw, source)?;
    drop(pw);
    match outcome {
        Outcome::Match => {
            ctx.out.status(&messages::verify_ok(code, kind.as_str()));
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
    let current = prompt::read_secret(&messages::current_password_prompt(kind.as_str()), None)?;
    let new = prompt::read_secret(
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
    ctx.out.status(&messages::password_set(
        code,
        kind.as_str(),
        PasswordState::Set.as_str(),
    ));
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
            let reason = messages::auto_lock_reason(failures);
            tx.lock(code, &reason)?;
            tx.audit(Entry {
                action: "lock.auto",
                customer: Some(code),
                reason: Some(&reason),
                details: json!({ "kind": kind.as_str(), "failures": failures, "threshold": threshold }),
            })?;
            if let Some(c) = tx.customer(code)? {
                crate::notify::queue_system(tx, &c, SystemNotice::AccountLocked, &Event::AccountLocked { failures })?;
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
            ctx.out.status(&messages::verify_failed(
                code,
                kind.as_str(),
                failures,
                threshold,
                locks,
            ));
            Ok(if locks { exit::LOCKED } else { exit::NO })
        }
        Outcome::NoPassword => {
            ctx.out
                .status(&messages::verify_no_password(code, kind.as_str()));
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

/// The deadline printed beside each initial password: the pre-registration
/// end when the rollout is scheduled, else the policy's number of days.
pub fn deadline(ledger: &Ledger, policy: &Policy) -> Result<String> {
    let at = match ledger
        .meta(super::rollout::PRE_END)?
        .and_then(|s| crate::clock::from_stored(&s))
    {
        Some(t) => t,
        None => {
            crate::clock::now() + chrono::Duration::days(i64::from(policy.initial_password_days))
        }
    };
    Ok(crate::clock::to_jst(at))
}

/// The codes an `issue` names, each checked to exist (exit 4 otherwise).
fn selection(ledger: &Ledger, a: &IssueArgs) -> Result<Vec<String>> {
    let mut codes: Vec<String> = if a.all {
        ledger.customer_codes()?
    } else {
        let mut codes = a.codes.clone();
        if let Some(f) = &a.codes_file {
            let file = std::fs::File::open(f).map_err(|e| Error::io(f, e))?;
            for line in std::io::BufReader::new(file).lines() {
                let line = line.map_err(|e| Error::io(f, e))?;
                let code = line.trim();
                if !code.is_empty() && !code.starts_with('#') {
                    codes.push(code.to_string());
                }
            }
        }
        if codes.is_empty() {
            return Err(Error::Usage(messages::issue_needs_selection()));
        }
        codes
    };
    codes.sort();
    codes.dedup();
    if !a.all {
        for c in &codes {
            ledger.require_customer(c)?;
        }
    }
    Ok(codes)
}

#[derive(Debug, Default)]
struct IssueCounts {
    issued: u64,
    skipped: u64,
    resumed: u64,
}

fn issue(ctx: &mut Ctx, a: IssueArgs) -> Result<u8> {
    let mut ledger = ctx.open()?;
    let policy = ledger.policy()?;
    let key = issuance::out_key(&a.out)?;
    let _locks = issuance::lock_dirs(ledger.path(), &a.out)?;
    let running = ledger.write(|tx| tx.running_issue(&key))?;
    if a.out.exists() {
        return out_exists(ctx, &mut ledger, &a, &key, running);
    }
    let codes = selection(&ledger, &a)?;
    if running.is_none() {
        // Customers of an interrupted run into another file hold passwords
        // nobody has received; they count as "already have one" here.
        for (file, held) in ledger.unfinished_issues()? {
            if file != key && held > 0 {
                ctx.out.warn(&messages::unfinished_issue(&file, held));
            }
        }
    }
    // Replacing passwords is confirmed every time, a resumed run included.
    if a.reissue && !ctx.confirm(&messages::confirm_reissue(codes.len()))? {
        ctx.out.status(&messages::cancelled());
        return Ok(exit::NO);
    }
    let (run, deadline) = match running {
        Some(r) => (r.id, r.deadline),
        None => {
            let deadline = deadline(&ledger, &policy)?;
            let id = ledger.write(|tx| {
                let id = tx.start_issue(&key, &deadline)?;
                tx.audit(Entry {
                    action: "password.issue.start",
                    customer: None,
                    reason: None,
                    details: json!({ "run": id, "file": key, "customers": codes.len(), "reissue": a.reissue, "deadline": deadline }),
                })?;
                Ok(id)
            })?;
            (id, deadline)
        }
    };
    // What an earlier, interrupted run of this command already issued: the
    // lines of the temporary file whose password the ledger holds.
    let committed = ledger.write(|tx| tx.issued_in_run(run))?;
    let (mut file, done) = IssueFile::resume(&a.out, run, &committed)?;
    let mut counts = IssueCounts {
        resumed: done.len() as u64,
        ..Default::default()
    };
    let mut todo = Vec::new();
    for code in codes.iter().filter(|c| !done.contains(*c)) {
        match ledger.credential(code, Kind::Execution)? {
            Some(c) if !a.reissue && c.issue_run != Some(run) => counts.skipped += 1,
            _ => todo.push(code.clone()),
        }
    }
    let bar = super::progress::items(todo.len() as u64, &messages::issuing());
    let result = (|| -> Result<()> {
        for batch in todo.chunks(BATCH) {
            let stored = issue_batch(
                &mut ledger,
                &policy,
                &mut file,
                batch,
                run,
                &deadline,
                a.reissue,
            )?;
            counts.issued += stored;
            counts.skipped += batch.len() as u64 - stored;
            bar.inc(batch.len() as u64);
        }
        Ok(())
    })();
    bar.finish_and_clear();
    result?;
    // Into place (never over an existing file), then the run is done.
    let committed = ledger.write(|tx| tx.issued_in_run(run))?;
    file.publish(&a.out, &committed)?;
    let total = counts.issued + counts.resumed;
    ledger.write(|tx| {
        tx.finish_issue(run)?;
        tx.audit(Entry {
            action: "password.issue.done",
            customer: None,
            reason: None,
            details: json!({ "run": run, "file": key, "issued": total, "skipped": counts.skipped }),
        })?;
        Ok(())
    })?;
    issuance::discard_temp(&a.out, run);
    match ctx.format() {
        Format::Table => {
            if !ctx.out.quiet {
                ctx.out.line(&messages::issue_summary(
                    &a.out,
                    total,
                    counts.skipped,
                    &deadline,
                ))?;
            }
        }
        _ => ctx.out.record(&[
            ("issued", json!(total)),
            ("skipped", json!(counts.skipped)),
            ("resumed", json!(counts.resumed)),
            ("deadline", json!(deadline)),
            ("out", json!(a.out.display().to_string())),
        ])?,
    }
    Ok(exit::OK)
}

/// The output file exists: finish a run cut off after linking it, say a
/// completed job has nothing left to do, or refuse (73): it is never
/// overwritten.
fn out_exists(
    ctx: &mut Ctx,
    ledger: &mut Ledger,
    a: &IssueArgs,
    key: &str,
    running: Option<crate::ledger::IssueRun>,
) -> Result<u8> {
    // Only when the file in place is this run's own (linked from its
    // temporary file) was the run cut off after publishing; a file someone
    // else put there is refused and the temporary file (the only copy of
    // the passwords) is kept.
    if let Some(run) = running.filter(|r| same_file(&a.out, &issuance::temp_path(&a.out, r.id))) {
        ledger.write(|tx| {
            tx.finish_issue(run.id)?;
            tx.audit(Entry {
                action: "password.issue.done",
                customer: None,
                reason: None,
                details: json!({ "run": run.id, "file": key, "recovered": true }),
            })?;
            Ok(())
        })?;
        issuance::discard_temp(&a.out, run.id);
        ctx.out.status(&messages::issue_recovered(&a.out));
        return Ok(exit::OK);
    }
    let finished = ledger.finished_issue(key)?;
    let mut left = false;
    for c in &selection(ledger, a)? {
        if a.reissue || ledger.credential(c, Kind::Execution)?.is_none() {
            left = true;
            break;
        }
    }
    if finished.is_some() && !left {
        ctx.out.status(&messages::issue_already_complete(&a.out));
        return Ok(exit::OK);
    }
    Err(Error::OutputExists {
        path: a.out.clone(),
    })
}

/// Whether two paths name the same file (device and inode).
fn same_file(a: &std::path::Path, b: &std::path::Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(x), Ok(y)) => x.dev() == y.dev() && x.ino() == y.ino(),
        _ => false,
    }
}

/// One batch: passwords generated for each customer, hashed on every core,
/// written durably to the run's file, then their hashes committed with the
/// audit entries and the notices. Returns how many the ledger took.
fn issue_batch(
    ledger: &mut Ledger,
    policy: &Policy,
    file: &mut IssueFile,
    batch: &[String],
    run: i64,
    deadline: &str,
    reissue: bool,
) -> Result<u64> {
    let mut customers = Vec::with_capacity(batch.len());
    let mut passwords = Vec::with_capacity(batch.len());
    for code in batch {
        let c = customer_of(ledger, code)?;
        let phones = c.phones();
        let pw = password::generate_initial(policy, &password::facts(&c, &phones))?;
        customers.push(c);
        passwords.push(pw);
    }
    let hashes = password::hash_all(password::argon2_params(policy), &passwords)?;
    // The plaintext reaches the disk before the ledger holds its hash.
    // Sized up front: a growing buffer would leave copies of passwords behind.
    let mut text = Zeroizing::new(String::with_capacity(
        customers.len() * (64 + deadline.len()),
    ));
    for (c, pw) in customers.iter().zip(&passwords) {
        issuance::push_line(&mut text, &c.code, pw, deadline);
    }
    drop(passwords);
    file.append(&text)?;
    drop(text);
    ledger.write(|tx| {
        let mut stored = 0u64;
        for (c, h) in customers.iter().zip(&hashes) {
            // Someone else (another run, `password set`, `unlock
            // --reissue`) gave this customer a password since we looked:
            // theirs stands, and our line is dropped when the file is
            // published.
            if !reissue
                && tx
                    .credential(&c.code, Kind::Execution)?
                    .is_some_and(|now| now.issue_run != Some(run))
            {
                continue;
            }
            stored += 1;
            tx.store_password(
                &c.code,
                Kind::Execution,
                h,
                PasswordState::Initial,
                Some(run),
                crate::policy::MAX_HISTORY,
            )?;
            tx.audit(Entry {
                action: "password.issue",
                customer: Some(&c.code),
                reason: None,
                details: json!({ "run": run, "kind": "execution", "deadline": deadline }),
            })?;
            crate::notify::queue_system(
                tx,
                c,
                SystemNotice::InitialPasswordIssued,
                &Event::InitialPasswordIssued {
                    deadline: Some(deadline.to_string()),
                },
            )?;
        }
        tx.audit(Entry {
            action: "password.issue.batch",
            customer: None,
            reason: None,
            details: json!({ "run": run, "count": stored }),
        })?;
        Ok(stored)
    })
}
