//! `acctsec customer`: import the master from the core system, show, list,
//! change an email address.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use serde_json::{Value, json};

use super::Ctx;
use crate::customer::batch::{self, Batch};
use crate::customer::import::{CustomerCsv, CustomerRow, Encoding, RowProblem};
use crate::customer::{
    AccountState, AddressKind, Customer, mask_birth_date, mask_email, mask_phone, normalize_email,
};
use crate::error::{Error, InputProblem, Result, exit};
use crate::ledger::{CustomerFilter, Entry, Ledger, Read, Tx};
use crate::messages;
use crate::notify::Event;
use crate::output::{Format, Listing};
use crate::policy::ApprovalAction;

use super::request::Claim;

/// A customer code as typed on the command line, normalised as the import
/// normalises the code column ([`crate::customer::validate_code`]: spaces
/// around it dropped, full-width letters and digits made ASCII). A code that
/// cannot be one is passed on as typed: the lookup then says which customer
/// is missing and why that code cannot match.
pub fn code_arg(s: &str) -> std::result::Result<String, std::convert::Infallible> {
    Ok(crate::customer::validate_code(s).unwrap_or_else(|_| s.to_string()))
}

/// How many bad rows an import reports in full.
const MAX_REPORTED: usize = 100;

#[derive(Debug, Subcommand)]
pub enum CustomerCmd {
    /// Import or update customers from the core system's CSV (validated whole first)
    Import {
        /// The CSV file (columns: code,name,birth_date[,phone,mobile_phone,email_pc,email_mobile,login_hash])
        file: PathBuf,
        /// The file's encoding [default: UTF-8, with or without BOM]
        #[arg(long, value_enum)]
        encoding: Option<EncodingArg>,
        /// Validate and count, write nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// Show one customer (personal data masked)
    Show {
        /// The customer code
        #[arg(value_parser = code_arg)]
        code: String,
        /// Show personal data in full (audited)
        #[arg(long)]
        unmask: bool,
    },
    /// List customers (personal data masked)
    List {
        /// Only locked accounts
        #[arg(long)]
        locked: bool,
        /// Only customers still on the broker-issued initial execution password
        #[arg(long)]
        pending: bool,
        /// At most N customers (0: all)
        #[arg(long, value_name = "N", default_value_t = 100)]
        limit: u64,
    },
    /// Change a customer's registered email address (notifies the old and the new one)
    SetEmail {
        /// The customer code
        #[arg(value_parser = code_arg)]
        code: String,
        #[command(flatten)]
        to: NewAddress,
        /// Why (written to the audit trail; plain text, one line)
        #[arg(long, value_name = "TEXT", value_parser = super::parse_reason)]
        reason: Option<String>,
    },
}

#[derive(Debug, Args)]
#[group(required = true, multiple = false)]
pub struct NewAddress {
    /// The new PC address
    #[arg(long, value_name = "ADDR")]
    pub pc: Option<String>,
    /// The new mobile address
    #[arg(long, value_name = "ADDR")]
    pub mobile: Option<String>,
}

/// `--encoding`: the names staff type for [`Encoding`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum EncodingArg {
    #[value(name = "utf-8", alias = "utf8")]
    Utf8,
    #[value(name = "sjis", alias = "shift_jis", alias = "cp932")]
    Sjis,
}

impl From<EncodingArg> for Encoding {
    fn from(e: EncodingArg) -> Encoding {
        match e {
            EncodingArg::Utf8 => Encoding::Utf8,
            EncodingArg::Sjis => Encoding::Sjis,
        }
    }
}

pub fn run(ctx: &mut Ctx, cmd: CustomerCmd) -> Result<u8> {
    match cmd {
        CustomerCmd::Import {
            file,
            encoding,
            dry_run,
        } => import(ctx, &file, encoding.map(Encoding::from), dry_run),
        CustomerCmd::Show { code, unmask } => show(ctx, &code, unmask),
        CustomerCmd::List {
            locked,
            pending,
            limit,
        } => list(ctx, locked, pending, limit),
        CustomerCmd::SetEmail { code, to, reason } => set_email(ctx, &code, to, reason.as_deref()),
    }
}

#[derive(Debug, Default)]
struct ImportCounts {
    added: u64,
    changed: u64,
    unchanged: u64,
    email_changes: u64,
}

fn import(
    ctx: &mut Ctx,
    file: &std::path::Path,
    encoding: Option<Encoding>,
    dry_run: bool,
) -> Result<u8> {
    let mut ledger = ctx.open()?;
    let f = std::fs::File::open(file).map_err(|e| Error::io(file, e))?;
    let len = f.metadata().map(|m| m.len()).unwrap_or(0);
    let bar = super::progress::bytes(&ctx.out, len, &messages::importing(file));
    let input: Box<dyn std::io::Read + Send> = Box::new(bar.wrap_read(f));
    let today = ctx.now.with_timezone(&crate::clock::jst()).date_naive();
    let bad_input = |problems: Vec<RowProblem>, total: usize| Error::BadInput {
        file: file.to_path_buf(),
        problems: problems.iter().map(render_problem).collect(),
        total,
    };
    let file_name = file.display().to_string();
    // The file is read and validated on a thread of its own, rounds ahead
    // of the writes (the server, or SQLite, works meanwhile).
    let (head_tx, head_rx) = std::sync::mpsc::sync_channel(1);
    let (rows_tx, rows_rx) = std::sync::mpsc::sync_channel::<Vec<RowRead>>(READ_AHEAD_ROUNDS);
    let counts = std::thread::scope(|scope| -> Result<ImportCounts> {
        scope.spawn(move || {
            let mut rows = match CustomerCsv::new(input, encoding, today) {
                Ok(r) => r,
                Err(p) => {
                    let _ = head_tx.send(Err(p));
                    return;
                }
            };
            if head_tx.send(Ok(rows.has_column("login_hash"))).is_err() {
                return;
            }
            let mut chunk = Vec::with_capacity(IMPORT_BATCH);
            while let Some(row) = rows.next_row() {
                chunk.push(row);
                if chunk.len() == IMPORT_BATCH {
                    let full = std::mem::replace(&mut chunk, Vec::with_capacity(IMPORT_BATCH));
                    if rows_tx.send(full).is_err() {
                        return; // the writer stopped
                    }
                }
            }
            let _ = rows_tx.send(chunk);
        });
        let has_hash_column = match head_rx.recv() {
            Ok(Ok(has)) => has,
            Ok(Err(p)) => {
                let n = p.len();
                return Err(bad_input(p.into_iter().take(MAX_REPORTED).collect(), n));
            }
            // The reader panicked: the scope passes its panic on.
            Err(_) => return Ok(ImportCounts::default()),
        };
        // (Moved in: dropped when the transaction ends, so that the reader
        // stops too if a write fails.)
        let work = move |tx: &mut Tx| -> Result<ImportCounts> {
            let mut counts = ImportCounts::default();
            let mut problems: Vec<RowProblem> = Vec::new();
            let mut total_problems = 0usize;
            let mut batch = Vec::with_capacity(IMPORT_BATCH);
            for row in rows_rx.iter().flatten() {
                let row = match row {
                    Ok(r) => r,
                    Err(p) => {
                        total_problems += p.len();
                        let room = MAX_REPORTED.saturating_sub(problems.len());
                        problems.extend(p.into_iter().take(room));
                        continue;
                    }
                };
                if total_problems > 0 {
                    continue; // keep validating; nothing will be written
                }
                batch.push(row);
                if batch.len() == IMPORT_BATCH {
                    let round = std::mem::replace(&mut batch, Vec::with_capacity(IMPORT_BATCH));
                    upsert(tx, &file_name, round, has_hash_column, &mut counts)?;
                }
            }
            if total_problems > 0 {
                return Err(bad_input(problems, total_problems));
            }
            upsert(tx, &file_name, batch, has_hash_column, &mut counts)?;
            if counts.added + counts.changed > 0 {
                tx.audit(Entry {
                    action: "customer.import",
                    customer: None,
                    reason: None,
                    details: json!({
                        "file": file_name,
                        "added": counts.added,
                        "changed": counts.changed,
                        "unchanged": counts.unchanged,
                    }),
                })?;
            }
            Ok(counts)
        };
        if dry_run {
            ledger.rehearse(work)
        } else {
            ledger.write(work)
        }
    });
    bar.finish_and_clear();
    let counts = counts?;
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

/// A row of the file as read: valid, or its problems.
type RowRead = std::result::Result<CustomerRow, Vec<RowProblem>>;

/// Valid rows written per round of [`upsert`] (a bulk load each on a
/// backend that has one).
const IMPORT_BATCH: usize = 20_000;

/// Rounds the reader may get ahead of the writes (a few MiB each): enough
/// that it never waits while the writer waits for the server.
const READ_AHEAD_ROUNDS: usize = 4;

/// Add or update the customers of valid rows, with one audit entry for the
/// round naming each customer added or changed and the fields written (never
/// their values; [`batch`]) and the email-change notices; the customers and
/// login hashes loaded in bulk.
fn upsert(
    tx: &mut Tx,
    file_name: &str,
    rows: Vec<CustomerRow>,
    has_hash_column: bool,
    counts: &mut ImportCounts,
) -> Result<()> {
    if rows.is_empty() {
        return Ok(());
    }
    // (Codes are unique within a file: a repeated one is a problem.)
    let known = {
        let codes: Vec<&str> = rows.iter().map(|r| r.code.as_str()).collect();
        tx.known_customers(&codes)?
    };
    let mut added = Vec::new();
    let mut updated = Vec::new();
    let mut hashes: Vec<(String, String, &'static str)> = Vec::new();
    let mut round = Batch::default();
    for mut row in rows {
        let existing = known.get(&row.code);
        // An empty login_hash cell leaves the stored login password alone:
        // once the customer has one (imported earlier, set with `password
        // set`, or upgraded on verify), an export without the hash must not
        // lock them out. Nor does a hash from the core system replace one
        // acctsec set or upgraded since.
        let hash = match row.login_hash.take() {
            Some(Some((hash, format)))
                if has_hash_column && existing.is_none_or(|k| k.takes_login_hash(&hash)) =>
            {
                Some((hash, format))
            }
            _ => None,
        };
        let (code, line) = (row.code.clone(), row.line);
        let mut fields = match existing {
            None => {
                // (The row's values moved, not copied: a million of them.)
                let c = Customer::from_row(row);
                let fields = present_fields(&c);
                added.push(c);
                counts.added += 1;
                fields
            }
            Some(k) => {
                let old = &k.customer;
                let (new, changed) = old.merged(&row);
                if !changed.is_empty() {
                    for change in old.email_changes(&new) {
                        counts.email_changes += 1;
                        tx.queue_notices_for(&new, &Event::email_changed(&change))?;
                    }
                    updated.push(new);
                }
                changed
            }
        };
        if let Some((hash, format)) = hash {
            hashes.push((code.clone(), hash, format));
            fields.push("login_hash");
        }
        if existing.is_none() {
            round.added(line, code, fields);
        } else if fields.is_empty() {
            counts.unchanged += 1;
        } else {
            counts.changed += 1;
            round.changed(line, code, fields);
        }
    }
    tx.upsert_customers(&added, &updated)?;
    let hashes: Vec<(&str, &str, &str)> = hashes
        .iter()
        .map(|(c, h, f)| (c.as_str(), h.as_str(), *f))
        .collect();
    tx.set_imported_login_hashes(&hashes)?;
    if !round.is_empty() {
        tx.audit(Entry {
            action: batch::ACTION,
            customer: None,
            reason: None,
            details: round.details(file_name),
        })?;
    }
    Ok(())
}

fn present_fields(c: &Customer) -> Vec<&'static str> {
    let mut f = vec!["code", "name", "birth_date"];
    for (name, v) in [
        ("phone", &c.phone),
        ("mobile_phone", &c.mobile_phone),
        ("email_pc", &c.email_pc),
        ("email_mobile", &c.email_mobile),
    ] {
        if v.is_some() {
            f.push(name);
        }
    }
    f
}

fn render_problem(p: &RowProblem) -> InputProblem {
    InputProblem {
        line: p.line,
        column: p.column.map(str::to_string),
        reason: messages::customer::import_problem(&p.problem),
    }
}

/// The personal fields of a customer, masked unless `unmask`.
fn personal(c: &Customer, unmask: bool) -> [(&'static str, Value); 5] {
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

fn show(ctx: &mut Ctx, code: &str, unmask: bool) -> Result<u8> {
    let mut ledger = ctx.open()?;
    let policy = ledger.policy()?;
    if unmask && policy.approval.requires(ApprovalAction::CustomerUnmask) {
        let c = ledger.require_customer(code)?;
        return super::request::ask(
            ctx,
            &mut ledger,
            ApprovalAction::CustomerUnmask,
            Some(&c.code),
            json!({ "code": c.code }),
            json!({ "customer": c.code, "view": "personal data in full" }),
            None,
        );
    }
    show_customer(ctx, &mut ledger, code, unmask, None)
}

/// Show one customer, in full when `unmask` (audited; with `approval`, the
/// approval of a request in the same transaction, and the data reaches the
/// approver).
pub fn show_customer(
    ctx: &mut Ctx,
    ledger: &mut Ledger,
    code: &str,
    unmask: bool,
    approval: Option<&Claim>,
) -> Result<u8> {
    let (c, state) = ledger.require_account(code)?;
    if unmask {
        ledger.write(|tx| {
            if let Some(claim) = approval {
                claim.apply(tx)?;
            }
            tx.audit(Entry {
                action: "customer.pii_view",
                customer: Some(&c.code),
                reason: None,
                details: json!({ "command": "customer show --unmask" }),
            })
        })?;
    }
    let mut subscriptions =
        crate::notify::subscriptions_for_display(&c, ledger.subscriptions(&c.code)?, unmask);
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
    fields.extend(personal(&c, unmask));
    fields.extend(state_fields(&state));
    fields.push(("subscriptions", subscriptions));
    fields.push(super::authcode::live_codes_field(ctx, ledger, &c.code)?);
    ctx.out.record(&fields)?;
    Ok(exit::OK)
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
            json!(s.lock.as_ref().map(|l| l.reason.clone())),
        ),
        ("failures", json!(s.failures)),
        ("login_failures", json!(s.login_failures)),
    ]
}

fn list(ctx: &mut Ctx, locked: bool, pending: bool, limit: u64) -> Result<u8> {
    let ledger = ctx.open()?;
    let (rows, total) = ledger.customers(&CustomerFilter {
        locked,
        pending,
        limit: (limit > 0).then_some(limit),
        after: None,
    })?;
    let mut l = Listing::new(&[
        "code",
        "name",
        "birth_date",
        "phones",
        "email_pc",
        "email_mobile",
        "execution_password",
        "locked",
        "failures",
    ])
    .narrow(&["email_mobile", "phones", "birth_date", "failures"])
    .max_width("name", 12)
    .max_width("email_pc", 22);
    for (c, s) in &rows {
        let mut row = vec![json!(c.code)];
        row.extend(personal(c, false).into_iter().map(|(_, v)| v));
        row.extend([
            json!(s.execution.as_str()),
            json!(s.lock.is_some()),
            json!(s.failures),
        ]);
        l.push(row);
    }
    ctx.out.listing(&l)?;
    if (rows.len() as u64) < total {
        ctx.out
            .status(&messages::list_truncated(rows.len() as u64, total));
    }
    if pending {
        super::rollout::unfinished_runs(ctx, &ledger)?;
    }
    Ok(exit::OK)
}

fn set_email(ctx: &mut Ctx, code: &str, a: NewAddress, reason: Option<&str>) -> Result<u8> {
    let (kind, given) = match (&a.pc, &a.mobile) {
        (Some(p), _) => (AddressKind::Pc, p),
        (_, Some(m)) => (AddressKind::Mobile, m),
        _ => unreachable!("clap requires one of --pc/--mobile"),
    };
    let addr = normalize_email(given)
        .map_err(|e| Error::Usage(messages::customer::bad_email_arg(kind.as_str(), &e)))?;
    let mut ledger = ctx.open()?;
    // A change of address is a classic takeover step: shown and confirmed
    // first (a person at a terminal, else --yes).
    let current = ledger.require_customer(code)?;
    let result = |changed: bool| {
        [
            ("customer", json!(code)),
            ("field", json!(format!("email_{}", kind.as_str()))),
            ("address", json!(mask_email(&addr))),
            ("changed", json!(changed)),
        ]
    };
    if current.email(kind) == Some(addr.as_str()) {
        ctx.out.done(
            &messages::customer::email_unchanged(code, kind.as_str()),
            &result(false),
        )?;
        return Ok(exit::OK);
    }
    let policy = ledger.policy()?;
    if policy.approval.requires(ApprovalAction::CustomerSetEmail) {
        return super::request::ask(
            ctx,
            &mut ledger,
            ApprovalAction::CustomerSetEmail,
            Some(&current.code),
            json!({ "code": current.code, "kind": kind.as_str(), "address": addr }),
            json!({
                "customer": current.code,
                "field": format!("email_{}", kind.as_str()),
                "old": current.email(kind).map(mask_email),
                "new": mask_email(&addr),
            }),
            reason,
        );
    }
    if ctx.interactive() && !ctx.global.yes {
        ctx.out.status(&messages::customer::email_change_line(
            code,
            &current.name,
            kind.as_str(),
            current.email(kind).map(mask_email).as_deref(),
            &mask_email(&addr),
        ));
    }
    if !ctx.confirm(&messages::customer::confirm_set_email(code, kind.as_str()))? {
        ctx.out
            .done(&messages::cancelled(), &[("cancelled", json!(true))])?;
        return Ok(exit::NO);
    }
    carry_out_set_email(ctx, &mut ledger, code, kind, &addr, reason, None)
}

/// Change the customer's address of `kind` to `addr` (normalised), with the
/// notices to the old and new address and the audit entry: the direct
/// command (after its confirmation) and an approved request (`approval`,
/// in the same transaction).
pub fn carry_out_set_email(
    ctx: &mut Ctx,
    ledger: &mut Ledger,
    code: &str,
    kind: AddressKind,
    addr: &str,
    reason: Option<&str>,
    approval: Option<&Claim>,
) -> Result<u8> {
    let addr = addr.to_string();
    let result = |changed: bool| {
        [
            ("customer", json!(code)),
            ("field", json!(format!("email_{}", kind.as_str()))),
            ("address", json!(mask_email(&addr))),
            ("changed", json!(changed)),
        ]
    };
    let changed = ledger.write(|tx| {
        if let Some(claim) = approval {
            claim.apply(tx)?;
        }
        let old = tx.require_customer(code)?;
        let mut new = old.clone();
        *new.email_mut(kind) = Some(addr.clone());
        let changes = old.email_changes(&new);
        if changes.is_empty() {
            return Ok(false);
        }
        tx.update_customer(&new)?;
        for change in &changes {
            tx.queue_notices_for(&new, &Event::email_changed(change))?;
        }
        tx.audit(Entry {
            action: "customer.set_email",
            customer: Some(&new.code),
            reason,
            details: json!({
                "fields": [format!("email_{}", kind.as_str())],
                "old": old.email(kind).map(mask_email),
                "new": mask_email(&addr),
            }),
        })?;
        Ok(true)
    })?;
    ctx.out.done(
        &if changed {
            messages::customer::email_changed(code, kind.as_str(), &mask_email(&addr))
        } else {
            messages::customer::email_unchanged(code, kind.as_str())
        },
        &result(changed),
    )?;
    Ok(exit::OK)
}
