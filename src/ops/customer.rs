//! The customer master: bulk import from the core system, a change of
//! email address, and a customer's data shown in full.
//!
//! An import that changes an existing customer's registered address or
//! phone (`contact.change`) or replaces their login hash (`credential.set`)
//! is held whole when the policy lists those effects: one request holds the
//! file's digest and every gated change; its approval imports exactly that
//! file (re-read, digest checked, the same gated changes) or nothing.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use serde_json::json;
use sha2::{Digest, Sha256};

use super::gate::{self, Change, Effect, Gated, GatedRow, Via};
use crate::customer::batch::{self, Batch};
use crate::customer::import::{CustomerCsv, CustomerRow, Encoding, RowProblem};
use crate::customer::{AccountState, AddressKind, Customer, mask_email};
use crate::error::{Error, Result};
use crate::ledger::{AuthCodeRow, Entry, Ledger, Read, Tx};
use crate::notify::{Event, NoticeType, Subscription};

/// How many bad rows an import reports in full.
pub const MAX_REPORTED: usize = 100;

/// Valid rows written per round of [`upsert`] (a bulk load each on a
/// backend that has one).
const IMPORT_BATCH: usize = 20_000;

/// Rounds the reader may get ahead of the writes (a few MiB each): enough
/// that it never waits while the writer waits for the server.
const READ_AHEAD_ROUNDS: usize = 4;

/// The fields of a customer whose change is `contact.change`.
const CONTACT_FIELDS: [&str; 4] = ["phone", "mobile_phone", "email_pc", "email_mobile"];

/// What to import.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    pub file: PathBuf,
    pub encoding: Option<Encoding>,
    /// Validate and count, write nothing.
    pub dry_run: bool,
    /// Today in JST (birth dates in the future are refused).
    pub today: chrono::NaiveDate,
}

/// What an import did (or, dry, would do).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ImportCounts {
    pub added: u64,
    pub changed: u64,
    pub unchanged: u64,
    pub email_changes: u64,
}

/// The outcome of an import.
#[derive(Debug)]
pub enum Imported {
    Done(ImportCounts),
    /// The file has bad rows: nothing was written. The first
    /// [`MAX_REPORTED`] problems, and how many there are.
    Invalid {
        problems: Vec<RowProblem>,
        total: usize,
    },
}

/// A row of the file as read: valid, or its problems.
type RowRead = std::result::Result<CustomerRow, Vec<RowProblem>>;

/// The effects of an import that the policy puts under approval (for an
/// approval: every effect an import can have, so that the file's gated
/// changes are compared whole with the request's).
fn gating(ledger: &Ledger, via: Via) -> Result<Vec<Effect>> {
    const IMPORT_EFFECTS: [Effect; 2] = [Effect::ContactChange, Effect::CredentialSet];
    if via.is_approval() {
        return Ok(IMPORT_EFFECTS.to_vec());
    }
    let policy = ledger.policy()?;
    Ok(IMPORT_EFFECTS
        .into_iter()
        .filter(|e| policy.approval.requires(*e))
        .collect())
}

/// A reader that hashes what passes through and counts it (the progress
/// is reported from the writer's side, a round at a time).
struct Digesting {
    inner: std::fs::File,
    /// Only when the import looks for gated changes (a request holds the
    /// file's digest): SHA-256 costs a tenth of a large import.
    hash: Option<Arc<Mutex<Sha256>>>,
    read: Arc<AtomicU64>,
}

impl std::io::Read for Digesting {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        if let Some(hash) = &self.hash {
            hash.lock()
                .unwrap_or_else(|e| e.into_inner())
                .update(&buf[..n]);
        }
        self.read.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// What the writer found in the file besides the counts.
struct Found {
    counts: ImportCounts,
    gated: Vec<GatedRow>,
    effects: Vec<Effect>,
}

/// Import (add or update) the customers of a CSV file: validated whole,
/// written in one transaction, or held for approval when it carries a
/// gated change.
pub fn import(
    ledger: &mut Ledger,
    o: &ImportOptions,
    via: Via,
    progress: &dyn super::Progress,
) -> Result<Gated<Imported>> {
    let gating = gating(ledger, via)?;
    let file = &o.file;
    let f = std::fs::File::open(file).map_err(|e| Error::io(file, e))?;
    let len = f.metadata().map(|m| m.len()).unwrap_or(0);
    progress.begin(super::Stage::Reading(file.clone()), Some(len));
    let hash = Arc::new(Mutex::new(Sha256::new()));
    let read = Arc::new(AtomicU64::new(0));
    let outcome = std::thread::scope(|scope| -> Result<Step> {
        let input = Digesting {
            inner: f,
            hash: (!gating.is_empty()).then(|| Arc::clone(&hash)),
            read: Arc::clone(&read),
        };
        // The file is read and validated on a thread of its own, rounds
        // ahead of the writes (the server, or SQLite, works meanwhile).
        let (head_tx, head_rx) = std::sync::mpsc::sync_channel(1);
        let (rows_tx, rows_rx) = std::sync::mpsc::sync_channel::<Vec<RowRead>>(READ_AHEAD_ROUNDS);
        let (encoding, today) = (o.encoding, o.today);
        scope.spawn(move || read_rows(Box::new(input), encoding, today, head_tx, rows_tx));
        let has_hash_column = match head_rx.recv() {
            Ok(Ok(has)) => has,
            Ok(Err(p)) => {
                let total = p.len();
                return Ok(Step::Invalid(
                    p.into_iter().take(MAX_REPORTED).collect(),
                    total,
                ));
            }
            // The reader panicked: the scope passes its panic on.
            Err(_) => return Ok(Step::Done(ImportCounts::default())),
        };
        let file_name = file.display().to_string();
        let work = |tx: &mut Tx| -> Result<(Step, bool)> {
            // Every gated change is noted once any is looked for.
            let look = !gating.is_empty();
            let seen = Seen {
                read: &read,
                progress,
                shown: 0,
            };
            let found = match write_rows(tx, &file_name, rows_rx, has_hash_column, look, seen)? {
                Ok(found) => found,
                Err((problems, total)) => return Ok((Step::Invalid(problems, total), false)),
            };
            // The file's digest: only a request or an approval needs it
            // (and only then was the file hashed as it was read).
            let digest = || {
                let h = hash.lock().unwrap_or_else(|e| e.into_inner()).clone();
                hex::encode(h.finalize())
            };
            if let Via::Approved(claim) = via {
                check_file(claim, &digest(), &found.gated)?;
                via.apply(tx)?;
            } else if found.effects.iter().any(|e| gating.contains(e)) && !o.dry_run {
                // Rolled back: the request holds it.
                return Ok((Step::Held(found, digest()), false));
            }
            Ok((Step::Done(found.counts), !o.dry_run))
        };
        ledger.write_or_roll_back(work)
    });
    progress.finish();
    match outcome? {
        Step::Done(counts) => Ok(Gated::Done(Imported::Done(counts))),
        Step::Invalid(problems, total) => Ok(Gated::Done(Imported::Invalid { problems, total })),
        Step::Held(found, digest) => hold_file(ledger, o, found, digest, via),
    }
}

/// Where the import's transaction got to.
enum Step {
    Done(ImportCounts),
    Invalid(Vec<RowProblem>, usize),
    /// Gated changes found: rolled back, to be held.
    Held(Found, String),
}

/// The file, read and validated, sent in rounds.
fn read_rows(
    input: Box<dyn std::io::Read + Send>,
    encoding: Option<Encoding>,
    today: chrono::NaiveDate,
    head_tx: std::sync::mpsc::SyncSender<std::result::Result<bool, Vec<RowProblem>>>,
    rows_tx: std::sync::mpsc::SyncSender<Vec<RowRead>>,
) {
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
}

type Problems = (Vec<RowProblem>, usize);

/// The bytes the reader has got through, passed on to the progress sink.
struct Seen<'a> {
    read: &'a AtomicU64,
    progress: &'a dyn super::Progress,
    shown: u64,
}

impl Seen<'_> {
    fn tick(&mut self) {
        let now = self.read.load(Ordering::Relaxed);
        self.progress.advance(now.saturating_sub(self.shown));
        self.shown = now;
    }
}

/// Write the rounds of valid rows (nothing once a problem is seen; the
/// rest is still validated), then the summary entry.
fn write_rows(
    tx: &mut Tx,
    file_name: &str,
    rows_rx: std::sync::mpsc::Receiver<Vec<RowRead>>,
    has_hash_column: bool,
    gating: bool,
    mut seen: Seen,
) -> Result<std::result::Result<Found, Problems>> {
    let mut found = Found {
        counts: ImportCounts::default(),
        gated: Vec::new(),
        effects: Vec::new(),
    };
    let mut problems: Vec<RowProblem> = Vec::new();
    let mut total_problems = 0usize;
    let mut batch = Vec::with_capacity(IMPORT_BATCH);
    let mut round = Round {
        file_name,
        has_hash_column,
        gating,
    };
    for rows in rows_rx.iter() {
        seen.tick();
        for row in rows {
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
                let rows = std::mem::replace(&mut batch, Vec::with_capacity(IMPORT_BATCH));
                round.upsert(tx, rows, &mut found)?;
            }
        }
    }
    seen.tick();
    if total_problems > 0 {
        return Ok(Err((problems, total_problems)));
    }
    round.upsert(tx, batch, &mut found)?;
    let c = &found.counts;
    if c.added + c.changed > 0 {
        tx.audit(Entry {
            action: "customer.import",
            customer: None,
            reason: None,
            details: json!({
                "file": file_name,
                "added": c.added,
                "changed": c.changed,
                "unchanged": c.unchanged,
            }),
        })?;
    }
    Ok(Ok(found))
}

/// The approved file is the one imported now, with the same gated changes.
fn check_file(claim: &gate::Claim, digest: &str, gated: &[GatedRow]) -> Result<()> {
    let Change::File {
        digest: want,
        gated: approved,
        path,
        ..
    } = &claim.change
    else {
        return Err(Error::Stale {
            what: gate::Staleness::Unbound,
        });
    };
    if want != digest {
        return Err(Error::Stale {
            what: gate::Staleness::File(path.clone()),
        });
    }
    if approved != gated {
        return Err(Error::Stale {
            what: gate::Staleness::FileChanges(path.clone()),
        });
    }
    Ok(())
}

/// Record the request for a file with gated changes (if the gate holds it:
/// the policy lists one of its effects).
fn hold_file(
    ledger: &mut Ledger,
    o: &ImportOptions,
    found: Found,
    digest: String,
    via: Via,
) -> Result<Gated<Imported>> {
    let path = std::fs::canonicalize(&o.file).unwrap_or_else(|_| o.file.clone());
    let change = Change::File {
        command: "customer.import".into(),
        path: path.display().to_string(),
        digest: digest.clone(),
        encoding: o.encoding.map(|e| encoding_name(e).to_string()),
        gated: found.gated.clone(),
        effects: found.effects.clone(),
    };
    let preview = json!({
        "file": path.display().to_string(),
        "sha256": digest,
        "added": found.counts.added,
        "changed": found.counts.changed,
        "gated": found.gated.iter().map(|g| json!({
            "customer": g.code, "line": g.line, "fields": g.fields,
        })).collect::<Vec<_>>(),
    });
    match gate::hold(ledger, &change, preview, None, via)? {
        Some(p) => Ok(Gated::Pending(p)),
        // The policy lists none of this file's effects (the gate looked for
        // both): import it as it is.
        None => import(
            ledger,
            &ImportOptions {
                dry_run: false,
                ..o.clone()
            },
            Via::Direct,
            &super::Silent,
        ),
    }
}

fn encoding_name(e: Encoding) -> &'static str {
    match e {
        Encoding::Utf8 => "utf-8",
        Encoding::Sjis => "sjis",
    }
}

/// The options an approved `customer.import` request carries out.
pub fn approved_import(change: &Change, today: chrono::NaiveDate) -> Option<ImportOptions> {
    match change {
        Change::File {
            command,
            path,
            encoding,
            ..
        } if command == "customer.import" => Some(ImportOptions {
            file: PathBuf::from(path),
            encoding: match encoding.as_deref() {
                Some("sjis") => Some(Encoding::Sjis),
                Some(_) => Some(Encoding::Utf8),
                None => None,
            },
            dry_run: false,
            today,
        }),
        _ => None,
    }
}

/// One import's rounds.
struct Round<'a> {
    file_name: &'a str,
    has_hash_column: bool,
    /// Whether gated changes are noted.
    gating: bool,
}

impl Round<'_> {
    /// Add or update the customers of valid rows, with one audit entry for
    /// the round naming each customer added or changed and the fields
    /// written (never their values; [`batch`]) and the email-change
    /// notices; the customers and login hashes loaded in bulk. The gated
    /// changes of existing customers are noted in `found`.
    fn upsert(&mut self, tx: &mut Tx, rows: Vec<CustomerRow>, found: &mut Found) -> Result<()> {
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
            // An empty login_hash cell leaves the stored login password
            // alone: once the customer has one (imported earlier, set with
            // `password set`, or upgraded on verify), an export without the
            // hash must not lock them out. Nor does a hash from the core
            // system replace one acctsec set or upgraded since.
            let hash = match row.login_hash.take() {
                Some(Some((hash, format)))
                    if self.has_hash_column
                        && existing.is_none_or(|k| k.takes_login_hash(&hash)) =>
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
                    found.counts.added += 1;
                    fields
                }
                Some(k) => {
                    let old = &k.customer;
                    let (new, changed) = old.merged(&row);
                    if !changed.is_empty() {
                        for change in old.email_changes(&new) {
                            found.counts.email_changes += 1;
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
            if existing.is_some() && self.gating {
                note_gated(found, &code, line, &fields);
            }
            if existing.is_none() {
                round.added(line, code, fields);
            } else if fields.is_empty() {
                found.counts.unchanged += 1;
            } else {
                found.counts.changed += 1;
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
                details: round.details(self.file_name),
            })?;
        }
        Ok(())
    }
}

/// Note an existing customer's gated fields among `fields` (contact fields,
/// a login hash).
fn note_gated(found: &mut Found, code: &str, line: u64, fields: &[&'static str]) {
    let mut these = Vec::new();
    for f in fields {
        let effect = if CONTACT_FIELDS.contains(f) {
            Effect::ContactChange
        } else if *f == "login_hash" {
            Effect::CredentialSet
        } else {
            continue;
        };
        if !found.effects.contains(&effect) {
            found.effects.push(effect);
            found.effects.sort();
        }
        these.push(f.to_string());
    }
    if !these.is_empty() {
        found.gated.push(GatedRow {
            code: code.to_string(),
            line,
            fields: these,
        });
    }
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

// -------------------------------------------------------------- set-email

/// A new registered email address.
#[derive(Debug, Clone)]
pub struct EmailOptions {
    pub code: String,
    pub kind: AddressKind,
    /// Normalised.
    pub address: String,
    pub reason: Option<String>,
}

/// What a change of address would do, read first (for a confirmation).
pub struct EmailPlan {
    pub customer: Customer,
    /// The address is the one registered: nothing to do.
    pub unchanged: bool,
    /// The gate would record a request.
    pub held: bool,
}

fn email_change(ledger: &Ledger, o: &EmailOptions) -> Result<Change> {
    Ok(Change::SetEmail {
        code: o.code.clone(),
        kind: o.kind.as_str().to_string(),
        address: o.address.clone(),
        was: gate::address_ref(ledger, &o.code, o.kind.as_str())?,
    })
}

pub fn email_plan(ledger: &Ledger, o: &EmailOptions) -> Result<EmailPlan> {
    let customer = ledger.require_customer(&o.code)?;
    let unchanged = customer.email(o.kind) == Some(o.address.as_str());
    let held = gate::would_hold(&*ledger.policy()?, &email_change(ledger, o)?);
    Ok(EmailPlan {
        customer,
        unchanged,
        held,
    })
}

/// Change the customer's address (with the notices to the old and new
/// address and the audit entry), or record a request. Whether it changed.
pub fn set_email(ledger: &mut Ledger, o: &EmailOptions, via: Via) -> Result<Gated<bool>> {
    let current = ledger.require_customer(&o.code)?;
    if current.email(o.kind) == Some(o.address.as_str()) && !via.is_approval() {
        return Ok(Gated::Done(false));
    }
    let change = email_change(ledger, o)?;
    let field = format!("email_{}", o.kind.as_str());
    let preview = json!({
        "customer": current.code,
        "field": field,
        "old": current.email(o.kind).map(mask_email),
        "new": mask_email(&o.address),
    });
    if let Some(p) = gate::hold(ledger, &change, preview, o.reason.as_deref(), via)? {
        return Ok(Gated::Pending(p));
    }
    let changed = ledger.write(|tx| {
        via.apply(tx)?;
        let old = tx.require_customer(&o.code)?;
        let mut new = old.clone();
        *new.email_mut(o.kind) = Some(o.address.clone());
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
            reason: o.reason.as_deref(),
            details: json!({
                "fields": [field],
                "old": old.email(o.kind).map(mask_email),
                "new": mask_email(&o.address),
            }),
        })?;
        Ok(true)
    })?;
    Ok(Gated::Done(changed))
}

/// The options an approved `customer.set_email` request carries out.
pub fn approved_email(change: &Change, reason: Option<&str>) -> Option<EmailOptions> {
    match change {
        Change::SetEmail {
            code,
            kind,
            address,
            ..
        } => Some(EmailOptions {
            code: code.clone(),
            kind: if kind == "mobile" {
                AddressKind::Mobile
            } else {
                AddressKind::Pc
            },
            address: address.clone(),
            reason: reason.map(str::to_string),
        }),
        _ => None,
    }
}

// ------------------------------------------------------------------ views

/// Which command shows the customer (named in the trail).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// `customer show`: the customer, the account, notices, live codes.
    Customer,
    /// `notify show`: the notices and their addresses.
    Notices,
}

impl View {
    fn command(self) -> &'static str {
        match self {
            View::Customer => "customer show --unmask",
            View::Notices => "notify show --unmask",
        }
    }

    fn name(self) -> &'static str {
        match self {
            View::Customer => "customer",
            View::Notices => "notices",
        }
    }
}

/// A customer as staff see them.
#[derive(Debug)]
pub struct Viewed {
    pub customer: Customer,
    pub state: AccountState,
    pub subscriptions: Vec<(NoticeType, Subscription)>,
    /// The live auth codes (purpose, until when; never the code).
    pub live_codes: Vec<AuthCodeRow>,
    /// Personal data in full (the view was audited).
    pub unmasked: bool,
}

/// Read a customer for display; in full (`unmask`: `customer.unmask`,
/// audited in the same transaction as an approval) or masked by the caller.
pub fn view(
    ledger: &mut Ledger,
    code: &str,
    what: View,
    unmask: bool,
    via: Via,
) -> Result<Gated<Viewed>> {
    let (c, state) = ledger.require_account(code)?;
    if unmask {
        let change = Change::Unmask {
            code: c.code.clone(),
            view: what.name().to_string(),
        };
        let preview = json!({ "customer": c.code, "view": "personal data in full" });
        if let Some(p) = gate::hold(ledger, &change, preview, None, via)? {
            return Ok(Gated::Pending(p));
        }
        ledger.write(|tx| {
            via.apply(tx)?;
            tx.audit(Entry {
                action: "customer.pii_view",
                customer: Some(&c.code),
                reason: None,
                details: json!({ "command": what.command() }),
            })
        })?;
    }
    let now = ledger.now()?;
    let live_codes = ledger
        .live_authcodes(Some(&c.code))?
        .into_iter()
        .filter(|r| !crate::authcode::is_expired(r.expires_at, now))
        .collect();
    Ok(Gated::Done(Viewed {
        subscriptions: ledger.subscriptions(&c.code)?,
        customer: c,
        state,
        live_codes,
        unmasked: unmask,
    }))
}

/// The view an approved `customer.unmask` request shows.
pub fn approved_view(change: &Change) -> Option<(String, View)> {
    match change {
        Change::Unmask { code, view } => Some((
            code.clone(),
            if view == "notices" {
                View::Notices
            } else {
                View::Customer
            },
        )),
        _ => None,
    }
}
