//! `ledger copy`: the whole ledger, audit trail included, into a new ledger
//! on any backend, in one transaction on each side: the destination is
//! created (as `init` creates one) and filled in its first transaction, so
//! it appears complete or not at all; the source is read under its write
//! lock, in the transaction that records the copy in its trail (the
//! caller's `first`), committed once the copy is. The copy has the same
//! rows, so `log verify` passes on it and `log head` prints the same head,
//! but an identity (`ledger.id`) of its own.
//!
//! The two commits are not one: should the source's fail after the copy's
//! (its disk full, its server gone at that moment), the copy exists and the
//! source's trail lacks its entry. The error says the source's commit
//! failed; the copy then holds the only record of itself.

use std::ops::ControlFlow;

use super::exec::{Exec, Param, Value};
use super::{InitOutcome, Ledger, Target};
use crate::error::{Error, Result};

/// Every table of the logical schema and its columns, parents before
/// children (foreign keys). A table of the source missing here stops the
/// copy (a new table must be added here with its migration).
pub const TABLES: &[(&str, &str)] = &[
    ("meta", "key, value"),
    ("policy", "id, body, updated_at"),
    (
        "audit_log",
        "seq, at, operator, action, customer, reason, details, prev_hash, hash, format, identity",
    ),
    (
        "customer",
        "code, name, birth_date, phone, mobile_phone, email_pc, email_mobile, locked_at, lock_reason, locked_by, created_at, updated_at",
    ),
    (
        "credential",
        "customer, kind, hash, format, state, set_at, failures, issue_run, origin",
    ),
    ("subscription", "customer, type, enabled, dest, updated_at"),
    (
        "authcode",
        "id, customer, purpose, hash, state, tries, issued_at, expires_at, ended_at, redacted_body",
    ),
    (
        "authcode_lock",
        "customer, purpose, locked_at, cause, count, cleared_at",
    ),
    (
        "outbox",
        "id, type, customer, to_addr, subject, body, created_at, status, exported_at, sent_at, authcode, attempts, next_attempt_at, claimed_by, claimed_until, reply, failed_at",
    ),
    (
        "login_environment",
        "id, customer, device_hash, browser, os, network, device, first_seen, last_seen",
    ),
    ("password_history", "id, customer, kind, hash, retired_at"),
    (
        "issue_run",
        "id, out_path, deadline, started_at, finished_at, status",
    ),
    ("attempt", "id, customer, kind, at, ok, source"),
    (
        "guess_cycle",
        "id, started_at, candidates, stage, frontier, completed_at, completed_by",
    ),
    (
        "audit_run",
        "id, started_at, finished_at, guess, customers, guesses, cycle_complete, budget_exceeded, summary, worker, cycle, chunks",
    ),
    (
        "guess_chunk",
        "id, cycle, stage, after_code, last_code, within, state, worker, lease_until, claims, credentials, guesses, hits, run, finished_at",
    ),
    ("seal", "id, seq, head, sealed_at, key, signature"),
    (
        "guessable",
        "customer, kind, hash_tag, source, found_at, run",
    ),
    (
        "request",
        "id, action, customer, params, preview, reason, requested_by, operator, requested_at, expires_at, status, decided_by, decided_operator, decided_at, decision_reason",
    ),
];

/// What was copied: rows per table.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Copied {
    pub rows: u64,
    pub entries: u64,
}

impl Ledger {
    /// Copy this ledger into a new ledger at `dest` (a path or a URL). A
    /// ledger already there is refused (exit 73), and so is anything else
    /// that is there (as `init` refuses it).
    ///
    /// `first` runs in the source's transaction before anything is read
    /// (the copy's audit entry): the copy holds what it wrote, and the
    /// source keeps it only once the copy is committed. The source's write
    /// lock holds other writers off while it is read.
    pub fn copy_to(
        &mut self,
        dest: &Target,
        first: impl FnOnce(&mut super::Tx) -> Result<()>,
    ) -> Result<Copied> {
        self.write(|src| {
            first(src)?;
            let known: Vec<&str> = TABLES.iter().map(|(t, _)| *t).collect();
            for t in src.tx.tables()? {
                if !known.contains(&t.as_str()) {
                    return Err(Error::Corrupt {
                        path: src.target.path.clone(),
                        detail: format!("table {t} is not known to `ledger copy`"),
                    });
                }
            }
            let mut copied = Copied::default();
            let outcome = Ledger::init(dest, |dst| {
                let to = dst.exec();
                // The copy is another ledger: it keeps the identity creating
                // it drew (which names its issue runs' temporary files, so
                // that a run left open in the source is never resumed from
                // the copy into the source's file). Nothing else depends on
                // it: seals sign the trail's head, and the trail's hashes
                // cover only the entries.
                let id = super::credentials::ledger_id(to, &dest.path)?;
                // What creating the ledger wrote (its first entries, the
                // default policy) gives way to the source's.
                for (table, _) in TABLES.iter().rev() {
                    to.execute(&format!("DELETE FROM {table}"), &[])?;
                }
                for (table, columns) in TABLES {
                    let n = copy_table(src.exec(), to, table, columns)?;
                    copied.rows += n;
                    if *table == "audit_log" {
                        copied.entries = n;
                    }
                }
                to.execute(
                    "UPDATE meta SET value = ?1 WHERE key = ?2",
                    &[Param::Text(&id), Param::Text(super::credentials::LEDGER_ID)],
                )?;
                dst.tx.after_copy()?;
                // The copied trail is the audit of every row copied.
                dst.audited += 1;
                Ok(())
            })?;
            match outcome {
                InitOutcome::Created => Ok(copied),
                InitOutcome::Existed => Err(Error::CopyDestinationTaken {
                    path: dest.path.clone(),
                    database: super::postgres::is_url(&dest.path),
                }),
            }
        })
    }
}

fn copy_table(from: &dyn Exec, to: &dyn Exec, table: &str, columns: &str) -> Result<u64> {
    let width = columns.split(',').count();
    let marks: Vec<String> = (1..=width).map(|i| format!("?{i}")).collect();
    let insert = format!(
        "INSERT INTO {table} ({columns}) VALUES ({})",
        marks.join(", ")
    );
    let mut n = 0;
    from.query(
        &format!("SELECT {columns} FROM {table} ORDER BY 1"),
        &[],
        &mut |row| {
            let cells = row.into_cells();
            let params: Vec<Param<'_>> = cells
                .iter()
                .map(|c| match c {
                    Value::Null => Param::Null,
                    Value::Int(i) => Param::Int(*i),
                    Value::Text(s) => Param::Text(s),
                    Value::Bool(b) => Param::Bool(*b),
                })
                .collect();
            to.execute(&insert, &params)?;
            n += 1;
            Ok(ControlFlow::Continue(()))
        },
    )?;
    Ok(n)
}
