//! Renderers of operation outcomes that more than one command shows: the
//! direct command and the approval of its request (`request approve`) print
//! the same thing. Not a handler: handlers use it, it uses none of them.

use std::path::Path;

use serde_json::{Value, json};

use super::Ctx;
use crate::customer::{AccountState, Customer, mask_birth_date, mask_email, mask_phone};
use crate::error::{Error, InputProblem, Result, exit};
use crate::issuance;
use crate::messages;
use crate::notify::NoticeType;
use crate::ops::customer::{EmailOptions, Imported, Viewed};
use crate::ops::lock::UnlockOutcome;
use crate::ops::notify::{
    AckRefused, Acked, Emitted, Exported, LineProblem, NoticeSet, NoticesImported, Refusal,
};
use crate::ops::password::{IssueOutcome, NewPassword};
use crate::ops::policy::SetOutcome;
use crate::output::{Format, Listing};
use crate::policy::{Kind, Violation};

/// What `policy set` (or its approval) did.
pub fn policy_set(ctx: &mut Ctx, done: &SetOutcome) -> Result<u8> {
    if let Some((m, t)) = done.weak_hashing {
        ctx.out.warn(&messages::weak_hashing(m, t));
    }
    ctx.out.done(
        &messages::policy_changed(done.changes),
        &[("changes", json!(done.changes))],
    )?;
    Ok(exit::OK)
}

/// An issue run into `out` that had finished already.
pub fn issue_done(ctx: &mut Ctx, out: &Path, done: issuance::Done) -> Result<u8> {
    ctx.out.done(
        &messages::issue_done(out, done),
        &issuance::done_fields(out, done),
    )?;
    Ok(exit::OK)
}

/// What `unlock` (or its approval) did: a line per customer.
pub fn unlocked(ctx: &mut Ctx, out: Option<&Path>, done: &UnlockOutcome) -> Result<u8> {
    match done {
        UnlockOutcome::IssueDone(d) => match out {
            Some(out) => issue_done(ctx, out, *d),
            None => Ok(exit::OK),
        },
        UnlockOutcome::Unlocked {
            results,
            reissued,
            dropped,
        } => {
            if *dropped > 0 {
                ctx.out.warn(&messages::issue_lines_dropped(*dropped));
            }
            let mut l = Listing::new(&["customer", "result", "reissued"]);
            for r in results {
                let result = if r.was_locked {
                    "unlocked"
                } else {
                    "not_locked"
                };
                l.push(vec![json!(r.code), json!(result), json!(reissued)]);
            }
            ctx.out.outcome_listing(&l)?;
            Ok(exit::OK)
        }
    }
}

/// A password's violations of the policy (`password check`, `set`,
/// `change`): `{"ok", "violations", "skipped"}` in JSON.
pub fn violations(
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

/// A new password: stored (exit 0), or refused by the policy (exit 1).
pub fn new_password(ctx: &mut Ctx, code: &str, kind: Kind, new: &NewPassword) -> Result<u8> {
    match new {
        NewPassword::Rejected(v) => {
            violations(ctx, kind, v, &[])?;
            Ok(exit::NO)
        }
        NewPassword::Stored(state) => {
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
    }
}

/// What an issue run (or the approval of a reissue) did.
pub fn issued(ctx: &mut Ctx, out: &Path, done: &IssueOutcome) -> Result<u8> {
    let (s, unscheduled_days) = match done {
        IssueOutcome::Done(d) => return issue_done(ctx, out, *d),
        IssueOutcome::Cancelled => {
            ctx.out
                .done(&messages::cancelled(), &[("cancelled", json!(true))])?;
            return Ok(exit::NO);
        }
        // Stopped by a signal after a committed batch: the same command
        // resumes it (exit 128 + the signal).
        IssueOutcome::Interrupted { signal, issued } => {
            return Err(Error::Interrupted {
                exit: issuance::interrupt::exit_code(*signal),
                what: messages::issue_interrupted(signal.as_str(), out, *issued, &same_command()),
            });
        }
        IssueOutcome::Issued {
            summary,
            unscheduled_days,
        } => (summary, *unscheduled_days),
    };
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

/// The personal fields of a customer, masked unless `unmask`.
pub fn personal(c: &Customer, unmask: bool) -> [(&'static str, Value); 5] {
    let email = |e: &Option<String>| match e {
        None => Value::Null,
        Some(a) if unmask => json!(a),
        Some(a) => json!(mask_email(a)),
    };
    let phones: Vec<String> = c
        .phones()
        .iter()
        .map(|p| if unmask { p.clone() } else { mask_phone(p) })
        .collect();
    [
        ("name", json!(c.name)),
        (
            "birth_date",
            json!(if unmask {
                c.birth_date.to_string()
            } else {
                mask_birth_date(c.birth_date)
            }),
        ),
        ("phones", json!(phones)),
        ("email_pc", email(&c.email_pc)),
        ("email_mobile", email(&c.email_mobile)),
    ]
}

fn state_fields(s: &AccountState) -> Vec<(&'static str, Value)> {
    vec![
        ("execution_password", json!(s.execution.as_str())),
        ("login_password", json!(s.login.as_str())),
        ("login_hash_format", json!(s.login_format)),
        ("locked", json!(s.lock.is_some())),
        (
            "locked_at",
            json!(s.lock.as_ref().map(|l| crate::clock::stored_to_jst(&l.at))),
        ),
        (
            "lock_reason",
            json!(s.lock.as_ref().map(|l| messages::lock_reason(&l.reason))),
        ),
        ("failures", json!(s.failures)),
        ("login_failures", json!(s.login_failures)),
    ]
}

/// `customer show` (or the approval of its `--unmask`).
pub fn customer(ctx: &mut Ctx, v: &Viewed) -> Result<u8> {
    let c = &v.customer;
    let mut subscriptions =
        crate::notify::subscriptions_for_display(c, v.subscriptions.clone(), v.unmasked);
    if ctx.format() != Format::Json {
        // One short line per notice that is on: `type → addresses`.
        let on: Vec<Value> = subscriptions
            .as_array()
            .into_iter()
            .flatten()
            .filter(|s| s["enabled"] == true)
            .map(|s| {
                let addrs: Vec<&str> = s["addresses"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                    .collect();
                json!(format!(
                    "{} → {}",
                    s["type"].as_str().unwrap_or(""),
                    addrs.join(" + ")
                ))
            })
            .collect();
        subscriptions = Value::Array(on);
    }
    let mut fields = vec![("code", json!(c.code))];
    fields.extend(personal(c, v.unmasked));
    fields.extend(state_fields(&v.state));
    fields.push(("subscriptions", subscriptions));
    fields.push(("auth_codes", live_codes(ctx, &v.live_codes)));
    ctx.out.record(&fields)?;
    Ok(exit::OK)
}

/// The customer's live codes (purpose, until when), never the code.
fn live_codes(ctx: &Ctx, rows: &[crate::ledger::AuthCodeRow]) -> Value {
    let to_jst = crate::clock::to_jst;
    if ctx.format() == Format::Json {
        json!(
            rows.iter()
                .map(|r| json!({ "purpose": r.purpose.as_str(), "until": to_jst(r.expires_at) }))
                .collect::<Vec<_>>()
        )
    } else {
        json!(
            rows.iter()
                .map(|r| json!(messages::authcode::live_until(
                    r.purpose.as_str(),
                    &to_jst(r.expires_at)
                )))
                .collect::<Vec<_>>()
        )
    }
}

/// `notify show` (or the approval of its `--unmask`): one row per notice.
pub fn notices(ctx: &mut Ctx, v: &Viewed) -> Result<u8> {
    let mut l = Listing::new(&["type", "enabled", "to", "addresses", "optional", "default"]);
    for (t, s) in &v.subscriptions {
        let addrs: Vec<String> = crate::notify::recipients(&v.customer, s.to)
            .into_iter()
            .map(|(_, a)| if v.unmasked { a } else { mask_email(&a) })
            .collect();
        l.push(vec![
            json!(t.name()),
            json!(s.enabled),
            json!(s.to.as_str()),
            json!(addrs),
            json!(t.optional()),
            json!(s.default),
        ]);
    }
    ctx.out.listing(&l)?;
    Ok(exit::OK)
}

/// What `customer import` (or the approval of a held one) did; a file with
/// bad rows is exit 65 with each problem.
pub fn imported(ctx: &mut Ctx, file: &Path, done: &Imported, dry_run: bool) -> Result<u8> {
    let counts = match done {
        Imported::Invalid { problems, total } => {
            return Err(Error::BadInput {
                file: file.to_path_buf(),
                problems: problems
                    .iter()
                    .map(|p| InputProblem {
                        line: p.line,
                        column: p.column.map(str::to_string),
                        reason: messages::customer::import_problem(&p.problem),
                    })
                    .collect(),
                total: *total,
            });
        }
        Imported::Done(c) => c,
    };
    ctx.out.outcome(
        &messages::import_summary(
            file,
            counts.added,
            counts.changed,
            counts.unchanged,
            counts.email_changes,
            dry_run,
        ),
        &[
            ("added", json!(counts.added)),
            ("changed", json!(counts.changed)),
            ("unchanged", json!(counts.unchanged)),
            ("email_changes", json!(counts.email_changes)),
            ("dry_run", json!(dry_run)),
        ],
    )?;
    Ok(exit::OK)
}

/// What `customer set-email` (or its approval) did.
pub fn email_set(ctx: &mut Ctx, o: &EmailOptions, changed: bool) -> Result<u8> {
    let (code, kind) = (o.code.as_str(), o.kind.as_str());
    ctx.out.done(
        &if changed {
            messages::customer::email_changed(code, kind, &mask_email(&o.address))
        } else {
            messages::customer::email_unchanged(code, kind)
        },
        &[
            ("customer", json!(code)),
            ("field", json!(format!("email_{kind}"))),
            ("address", json!(mask_email(&o.address))),
            ("changed", json!(changed)),
        ],
    )?;
    Ok(exit::OK)
}

/// A refused subscription change, worded.
fn refusal(r: &Refusal) -> String {
    match r {
        Refusal::Mandatory(t) => messages::notify::mandatory(t.name()),
        Refusal::NoAddress { code, to, missing } => {
            let missing: Vec<&str> = missing.iter().map(|d| d.as_str()).collect();
            messages::notify::no_address(code, to.as_str(), &missing)
        }
    }
}

/// What `notify set` (or its approval) did: exit 1 when refused.
pub fn notice_set(ctx: &mut Ctx, code: &str, t: NoticeType, done: &NoticeSet) -> Result<u8> {
    let fields = |changed: bool| {
        [
            ("customer", json!(code)),
            ("type", json!(t.name())),
            ("changed", json!(changed)),
        ]
    };
    match done {
        NoticeSet::Refused(r) => {
            let why = refusal(r);
            ctx.out.warn(&why);
            if ctx.format() == Format::Json {
                let [customer, kind, changed] = fields(false);
                ctx.out
                    .record(&[customer, kind, changed, ("refused", json!(why))])?;
            }
            Ok(exit::NO)
        }
        NoticeSet::Unchanged => {
            ctx.out
                .done(&messages::notify::unchanged(code, t.name()), &fields(false))?;
            Ok(exit::OK)
        }
        NoticeSet::Changed { new, .. } => {
            let [customer, kind, changed] = fields(true);
            ctx.out.done(
                &messages::notify::changed(code, t.name(), new.enabled, new.to.as_str()),
                &[
                    customer,
                    kind,
                    changed,
                    ("enabled", json!(new.enabled)),
                    ("to", json!(new.to.as_str())),
                ],
            )?;
            if t.is_security_setting() && new.enabled {
                ctx.out.status(&messages::notify::security_change(t.name()));
            }
            Ok(exit::OK)
        }
    }
}

/// What `notify import` (or its approval) did; a file with problems is exit
/// 65 with each.
pub fn notices_imported(ctx: &mut Ctx, file: &Path, done: &NoticesImported) -> Result<u8> {
    let (changed, unchanged) = match done {
        NoticesImported::Invalid { problems, total } => {
            return Err(Error::BadInput {
                file: file.to_path_buf(),
                problems: problems
                    .iter()
                    .map(|(line, column, p)| InputProblem {
                        line: *line,
                        column: column.map(str::to_string),
                        reason: match p {
                            LineProblem::Read(p) => messages::notify::import_problem(p),
                            LineProblem::NoCustomer(c) => messages::notify::no_customer(c),
                            LineProblem::Refused(r) => refusal(r),
                            LineProblem::TooLarge(max) => messages::notify::file_too_large(*max),
                        },
                    })
                    .collect(),
                total: *total,
            });
        }
        NoticesImported::Done { changed, unchanged } => (*changed, *unchanged),
    };
    ctx.out.outcome(
        &messages::notify::import_summary(file, changed, unchanged),
        &[("changed", json!(changed)), ("unchanged", json!(unchanged))],
    )?;
    Ok(exit::OK)
}

/// What `notify emit` queued, and for a login what became of its
/// environment (what was new: `device`, `browser`, `network`).
pub fn emitted(ctx: &mut Ctx, t: NoticeType, code: &str, done: &Emitted) -> Result<u8> {
    let env = done.environment.as_ref();
    match ctx.format() {
        Format::Table => {
            ctx.out.line(&messages::notify::emitted(
                t.name(),
                code,
                done.queued.len(),
                done.why,
            ))?;
            if let Some(e) = env.filter(|_| t != NoticeType::LoginNewEnv) {
                ctx.out.line(&messages::notify::environment_outcome(
                    code,
                    e.why,
                    e.queued.len(),
                ))?;
            }
        }
        _ => {
            let new: Vec<&str> = env
                .map(|e| {
                    [
                        (e.new_device, "device"),
                        (e.new_browser, "browser"),
                        (e.new_network, "network"),
                    ]
                    .into_iter()
                    .filter(|(n, _)| *n)
                    .map(|(_, w)| w)
                    .collect()
                })
                .unwrap_or_default();
            ctx.out.record(&[
                ("type", json!(t.name())),
                ("customer", json!(code)),
                ("queued", json!(!done.queued.is_empty())),
                ("ids", json!(done.queued)),
                ("why", json!(done.why)),
                ("environment", json!(env.map(|e| e.why))),
                ("environment_ids", json!(env.map(|e| &e.queued))),
                ("new", json!(new)),
            ])?
        }
    }
    Ok(exit::OK)
}

/// What `notify outbox export` (or its approval) wrote.
pub fn exported(ctx: &mut Ctx, out: &Path, done: &Exported) -> Result<u8> {
    if !done.left.is_empty() {
        ctx.out
            .status(&messages::notify::export_left(done.left.len()));
    }
    ctx.out.done(
        &messages::notify::exported(done.ids.len(), out, done.export),
        &[
            ("exported", json!(done.ids.len())),
            ("export", json!(done.export)),
            ("expired", json!(done.expired)),
            ("left_sealed", json!(done.left)),
            ("ids", json!(done.ids)),
            ("out", json!(out.display().to_string())),
        ],
    )?;
    Ok(exit::OK)
}

/// What `notify outbox ack` (or its approval) did; ids outside the export
/// are a usage error (exit 2), nothing marked.
pub fn acked(ctx: &mut Ctx, done: &std::result::Result<Acked, AckRefused>) -> Result<u8> {
    match done {
        Err(AckRefused::NoExport(e)) => Err(Error::Usage(messages::notify::no_such_export(*e))),
        Err(AckRefused::NotInExport { export, ids }) => {
            Err(Error::Usage(messages::notify::not_in_export(*export, ids)))
        }
        Ok(a) => {
            ctx.out.done(
                &messages::notify::acked(a.acked.len(), a.already.len()),
                &[
                    ("export", json!(a.export)),
                    ("acked", json!(a.acked)),
                    ("already", json!(a.already)),
                ],
            )?;
            Ok(exit::OK)
        }
    }
}

/// Say so when an interrupted `password issue` holds passwords nobody has
/// received: they count as `initial` (here and in `customer list
/// --pending`).
pub fn unfinished_runs(ctx: &Ctx, ledger: &crate::ledger::Ledger) -> Result<()> {
    for (file, held) in crate::ledger::Read::unfinished_issues(ledger)? {
        if held > 0 {
            ctx.out
                .warn(&messages::unfinished_issue_counted(&file, held));
        }
    }
    Ok(())
}

/// What `ledger copy` (or its approval) did.
pub fn copied(
    ctx: &mut Ctx,
    from: &Path,
    to: &Path,
    done: &crate::ops::ledger::CopyOutcome,
) -> Result<u8> {
    let c = &done.copied;
    ctx.out.done(
        &messages::ledger_copied(from, to, c.entries, c.rows),
        &[
            (
                "to",
                json!(crate::sanitize::sanitize(&to.display().to_string())),
            ),
            ("entries", json!(c.entries)),
            ("rows", json!(c.rows)),
            ("head", json!(done.head)),
        ],
    )?;
    Ok(exit::OK)
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

/// What `authcode unlock` (or the approval of its request) did.
pub fn codes_unlocked(
    ctx: &mut Ctx,
    o: &crate::ops::authcode::UnlockOptions,
    done: &crate::ops::authcode::CodesUnlocked,
) -> Result<u8> {
    use crate::ops::authcode::CodesUnlocked;
    let (code, p) = (o.customer.as_str(), o.purpose.as_str());
    let cleared = matches!(done, CodesUnlocked::Cleared(_));
    let sentence = if cleared {
        messages::authcode::unlocked(code, p)
    } else {
        messages::authcode::not_locked(code, p)
    };
    ctx.out.done(
        &sentence,
        &[
            ("customer", json!(code)),
            ("purpose", json!(p)),
            (
                "result",
                json!(if cleared { "unlocked" } else { "not_locked" }),
            ),
        ],
    )?;
    Ok(exit::OK)
}

/// A new key pair's end (`log keygen`, `notify keygen`): the private key
/// `pem` written to `out` (0600, never overwritten), the public key shown
/// on stdout, and `done(where, public)` said as the status line.
pub fn new_key_file(
    ctx: &mut Ctx,
    out: &Path,
    pem: &[u8],
    public: &str,
    done: fn(&Path, &str) -> String,
) -> Result<u8> {
    crate::secretfile::write_new(out, pem)?;
    match ctx.format() {
        Format::Table => ctx.out.line(public)?,
        Format::Json | Format::Csv => ctx.out.record(&[
            ("public_key", json!(public)),
            ("key_file", json!(out.display().to_string())),
        ])?,
    }
    let shown = std::path::absolute(out).unwrap_or_else(|_| out.to_path_buf());
    ctx.out.status(&done(&shown, public));
    Ok(exit::OK)
}

/// What `ledger grant` did: the statements the server ran (one a line in a
/// table; a list in JSON), and what they mean.
pub fn granted(
    ctx: &mut Ctx,
    staff: &str,
    read: Option<&str>,
    done: &crate::ops::ledger::Granted,
) -> Result<u8> {
    if ctx.format() == Format::Table {
        for sql in &done.statements {
            ctx.out.line(&format!("{sql};"))?;
        }
    }
    ctx.out.done(
        &messages::granted(staff, read, done.statements.len()),
        &[
            ("staff", json!(staff)),
            ("read", json!(read)),
            ("statements", json!(done.statements)),
        ],
    )?;
    Ok(exit::OK)
}
