//! Bulk issuance of initial execution passwords: the run protocol shared by
//! `password issue` and `unlock --reissue`.
//!
//! 1. [`prepare`]: one run at a time (the ledger's and the output's
//!    directories are locked); the policy's generator must work; `--out` is
//!    looked at before the ledger is touched. A file (or a link, even a
//!    dangling one) in place is never overwritten: it is either the run's
//!    own, linked just before a crash (the run is then recorded done), the
//!    finished output of a job with nothing left to do, or refused (73).
//! 2. [`Prepared::open`]: start a run (its deadline fixed once), or resume
//!    the interrupted one into the same file, keeping only the lines of its
//!    temporary file whose password matches the hash the ledger holds.
//! 3. [`Run::issue`], batch by batch: passwords generated and hashed on
//!    every core, written durably to the temporary file, then their hashes
//!    committed with the audit entries and the notices (and whatever the
//!    caller adds for each customer) in one transaction.
//! 4. [`Run::finish`]: the file linked into place, the run recorded done.
//!
//! Killed at any moment, the same command run again finishes the job; the
//! file in place and the ledger never disagree.

mod file;
pub mod interrupt;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use serde_json::json;

use crate::customer::{Customer, PasswordState};
use crate::error::{Error, Result};
use crate::ledger::{Entry, IssueRun, Ledger, Read, Tx};
use crate::notify::Event;
use crate::password::{self, GenerateError};
use crate::policy::{Kind, Policy};

pub use file::{HEADER, csv_lines};

/// The customers a command names: the codes given, then those of `file`
/// (one a line; blank lines and `#` comments skipped; normalised as the
/// import does), each once, in the order first named.
pub fn named_codes(given: &[String], file: Option<&Path>) -> Result<Vec<String>> {
    let mut codes = given.to_vec();
    if let Some(f) = file {
        let text = std::fs::read_to_string(f).map_err(|e| Error::io(f, e))?;
        codes.extend(
            text.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(|l| crate::customer::validate_code(l).unwrap_or_else(|_| l.to_string())),
        );
    }
    let mut seen = HashSet::new();
    codes.retain(|c| seen.insert(c.clone()));
    Ok(codes)
}

/// What [`prepare`] found.
pub enum Outset {
    /// A run may open.
    Ready(Prepared),
    /// Nothing to do.
    Done(Done),
}

/// Why there is nothing to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Done {
    /// The file in place was linked by the interrupted run, which is now
    /// recorded done.
    Recovered,
    /// A finished run made the file in place, and everyone named has an
    /// execution password.
    Complete,
}

/// A run found done, as a script reads it: nothing issued now, and why.
pub fn done_fields(out: &Path, done: Done) -> [(&'static str, serde_json::Value); 3] {
    [
        ("issued", json!(0)),
        (
            "done",
            json!(match done {
                Done::Recovered => "recovered",
                Done::Complete => "complete",
            }),
        ),
        ("out", json!(out.display().to_string())),
    ]
}

/// A run about to open: the locks are held, `--out` is free.
pub struct Prepared {
    out: PathBuf,
    key: String,
    ledger_id: String,
    running: Option<IssueRun>,
    replace: bool,
    locks: file::DirLocks,
}

/// Get ready to issue initial passwords to `codes` into `out`; `replace`:
/// customers who have an execution password get a new one too. Nothing is
/// written unless an interrupted run is found complete.
pub fn prepare(
    ledger: &mut Ledger,
    policy: &Policy,
    out: &Path,
    codes: &[String],
    replace: bool,
) -> Result<Outset> {
    let key = file::out_key(out)?;
    ledger.lock_issue_runs()?;
    let locks = file::lock_dirs(ledger.file(), out)?;
    policy
        .try_generator()
        .map_err(|error| Error::GeneratorUnusable { error })?;
    let ledger_id = ledger.ledger_id()?;
    let running = ledger.write(|tx| tx.running_issue(&key))?;
    if crate::secretfile::occupied(out) {
        // The run's own file, linked from its temporary name just before
        // the run was cut off; anything else is refused, and the temporary
        // file (the only copy of the passwords) is kept.
        if let Some(run) =
            running.filter(|r| file::same_file(out, &file::temp_path(out, &ledger_id, r.id)))
        {
            close(ledger, run.id, &key, json!({ "recovered": true }))?;
            file::discard(&file::temp_path(out, &ledger_id, run.id));
            return Ok(Outset::Done(Done::Recovered));
        }
        let finished = ledger.finished_issue(&key)?.is_some();
        if finished && !replace && !anyone_without(ledger, codes)? {
            return Ok(Outset::Done(Done::Complete));
        }
        return Err(Error::OutputExists {
            path: out.to_path_buf(),
        });
    }
    Ok(Outset::Ready(Prepared {
        out: out.to_path_buf(),
        key,
        ledger_id,
        running,
        replace,
        locks,
    }))
}

/// Whether any of `codes` has no execution password.
fn anyone_without(ledger: &Ledger, codes: &[String]) -> Result<bool> {
    for c in codes {
        if ledger.credential(c, Kind::Execution)?.is_none() {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Record run `id` done, with its audit entry (`details` added to it).
fn close(ledger: &mut Ledger, id: i64, key: &str, details: serde_json::Value) -> Result<()> {
    let mut all = json!({ "run": id, "file": key });
    if let (Some(all), Some(more)) = (all.as_object_mut(), details.as_object()) {
        all.extend(more.clone());
    }
    ledger.write(|tx| {
        tx.finish_issue(id)?;
        tx.audit(Entry {
            action: "password.issue.done",
            customer: None,
            reason: None,
            details: all,
        })?;
        Ok(())
    })
}

impl Prepared {
    /// Interrupted runs into other files and how many customers hold a
    /// password from each that never reached a file (they count as having
    /// one). Empty when this run resumes one.
    pub fn unfinished_elsewhere(&self, ledger: &Ledger) -> Result<Vec<(String, u64)>> {
        if self.running.is_some() {
            return Ok(Vec::new());
        }
        let mut runs = ledger.unfinished_issues()?;
        runs.retain(|(file, held)| *file != self.key && *held > 0);
        Ok(runs)
    }

    /// Start the run (for `customers` customers), or resume the interrupted
    /// one: its temporary file keeps the lines whose password matches the
    /// ledger (verified on every core); the rest are issued again.
    pub fn open(self, ledger: &mut Ledger, policy: &Policy, customers: usize) -> Result<Run> {
        let Prepared {
            out,
            key,
            ledger_id,
            running,
            replace,
            locks,
        } = self;
        let (id, deadline) = match running {
            Some(r) => (r.id, r.deadline),
            None => {
                let schedule = ledger.rollout_schedule()?;
                let deadline = crate::clock::to_jst(crate::rollout::initial_deadline(
                    schedule.as_ref(),
                    ledger.now()?,
                    policy.initial_password_days,
                ));
                let id = ledger.write(|tx| {
                    let id = tx.start_issue(&key, &deadline)?;
                    tx.audit(Entry {
                        action: "password.issue.start",
                        customer: None,
                        reason: None,
                        details: json!({ "run": id, "file": key, "customers": customers, "reissue": replace, "deadline": deadline }),
                    })?;
                    Ok(id)
                })?;
                (id, deadline)
            }
        };
        let committed = ledger.write(|tx| tx.issued_in_run(id))?;
        let temp = file::temp_path(&out, &ledger_id, id);
        let resumed =
            file::IssueFile::resume(temp.clone(), &committed, password::argon2_params(policy))?;
        Ok(Run {
            id,
            key,
            out,
            temp,
            deadline,
            replace,
            file: resumed.file,
            resumed: resumed.done,
            mismatched: resumed.mismatched,
            issued: 0,
            skipped: 0,
            _locks: locks,
        })
    }
}

/// An open run.
pub struct Run {
    id: i64,
    key: String,
    out: PathBuf,
    temp: PathBuf,
    deadline: String,
    replace: bool,
    file: file::IssueFile,
    resumed: HashSet<String>,
    mismatched: usize,
    issued: u64,
    skipped: u64,
    _locks: file::DirLocks,
}

/// What a finished run did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// Passwords in the file (this process's and the resumed ones).
    pub issued: u64,
    /// Customers who had a password and kept it.
    pub skipped: u64,
    /// Lines kept from the interrupted run.
    pub resumed: u64,
    pub deadline: String,
}

impl Run {
    /// The deadline of the run's passwords (RFC 3339, JST).
    pub fn deadline(&self) -> &str {
        &self.deadline
    }

    /// Passwords this process committed so far.
    pub fn issued(&self) -> u64 {
        self.issued
    }

    /// The customers whose lines were kept from the interrupted run.
    pub fn resumed(&self) -> &HashSet<String> {
        &self.resumed
    }

    /// Lines of the interrupted run's file dropped because their password
    /// did not match the ledger (their customers are issued again): the
    /// face warns the operator when there are any.
    pub fn mismatched(&self) -> usize {
        self.mismatched
    }

    /// Which of `codes` still need a password from this run: not resumed,
    /// and without one already (unless the run replaces them; those
    /// skipped are counted).
    pub fn todo(&mut self, ledger: &Ledger, codes: &[String]) -> Result<Vec<String>> {
        let mut todo = Vec::new();
        for code in codes.iter().filter(|c| !self.resumed.contains(*c)) {
            match ledger.credential(code, Kind::Execution)? {
                Some(c) if !self.replace && c.issue_run != Some(self.id) => self.skipped += 1,
                _ => todo.push(code.clone()),
            }
        }
        Ok(todo)
    }

    /// Issue to one batch of customers: passwords generated and hashed on
    /// every core, written durably to the run's file, then in one
    /// transaction, for each customer the ledger takes: `also` (the
    /// caller's own change and audit entry), the hash, its audit entry, the
    /// notice with the deadline. Returns what `also` returned, for each
    /// customer stored.
    pub fn issue<T>(
        &mut self,
        ledger: &mut Ledger,
        policy: &Policy,
        batch: &[String],
        also: impl FnMut(&mut Tx, &Customer) -> Result<T>,
    ) -> Result<Vec<(String, T)>> {
        self.issue_approved(ledger, policy, batch, |_| Ok(()), also)
    }

    /// [`Run::issue`], with `first` run at the start of the batch's
    /// transaction (the approval of a request: refused, nothing of the
    /// batch is stored; see [`Run::abandon`]).
    pub fn issue_approved<T>(
        &mut self,
        ledger: &mut Ledger,
        policy: &Policy,
        batch: &[String],
        first: impl FnOnce(&mut Tx) -> Result<()>,
        mut also: impl FnMut(&mut Tx, &Customer) -> Result<T>,
    ) -> Result<Vec<(String, T)>> {
        let mut customers = Vec::with_capacity(batch.len());
        let mut passwords = Vec::with_capacity(batch.len());
        for code in batch {
            let c = ledger.require_customer(code)?;
            let phones = c.phones();
            let pw = password::generate_initial(policy, &password::facts(&c, &phones))
                .map_err(|e| generation_failed(code, e))?;
            customers.push(c);
            passwords.push(pw);
        }
        let hashes = password::hash_all(password::argon2_params(policy), &passwords)?;
        // The plaintext reaches the disk before the ledger holds its hash.
        let rows: Vec<(&str, &str)> = customers
            .iter()
            .zip(&passwords)
            .map(|(c, pw)| (c.code.as_str(), pw.as_str()))
            .collect();
        let text = csv_lines(&rows, &self.deadline);
        drop(rows);
        drop(passwords);
        self.file.append(&text)?;
        drop(text);
        let (run, deadline, replace) = (self.id, self.deadline.as_str(), self.replace);
        let stored = ledger.write(|tx| {
            first(tx)?;
            let mut stored = Vec::new();
            for (c, h) in customers.iter().zip(&hashes) {
                // Someone else (`password set`, `password change`) gave this
                // customer a password since we looked: theirs stands, and
                // our line is dropped when the file is published.
                if !replace
                    && tx
                        .credential(&c.code, Kind::Execution)?
                        .is_some_and(|now| now.issue_run != Some(run))
                {
                    continue;
                }
                let extra = also(tx, c)?;
                store(tx, c, h, run, deadline)?;
                stored.push((c.code.clone(), extra));
            }
            tx.audit(Entry {
                action: "password.issue.batch",
                customer: None,
                reason: None,
                details: json!({ "run": run, "count": stored.len() }),
            })?;
            Ok(stored)
        })?;
        self.issued += stored.len() as u64;
        self.skipped += (batch.len() - stored.len()) as u64;
        Ok(stored)
    }

    /// Give the run up after a batch whose approval was refused: its
    /// temporary file (passwords never stored) is removed and the run
    /// recorded done with nothing published. Best effort: what is left is
    /// what an interrupted run leaves, and the next run resumes it.
    pub fn abandon(self, ledger: &mut Ledger) {
        if self.issued == 0 && self.resumed.is_empty() {
            file::discard(&self.temp);
            let _ = close(ledger, self.id, &self.key, json!({ "abandoned": true }));
        }
    }

    /// Link the file into place (never over another file), record the run
    /// done, remove the temporary name.
    pub fn finish(self, ledger: &mut Ledger) -> Result<Summary> {
        let committed: HashMap<String, String> = ledger.write(|tx| tx.issued_in_run(self.id))?;
        self.file.publish(&self.out, &committed)?;
        let summary = Summary {
            issued: self.issued + self.resumed.len() as u64,
            skipped: self.skipped,
            resumed: self.resumed.len() as u64,
            deadline: self.deadline,
        };
        close(
            ledger,
            self.id,
            &self.key,
            json!({ "issued": summary.issued, "skipped": summary.skipped }),
        )?;
        file::discard(&self.temp);
        Ok(summary)
    }
}

/// Store an issued password's hash with its audit entry and its notice.
fn store(tx: &mut Tx, c: &Customer, hash: &str, run: i64, deadline: &str) -> Result<()> {
    tx.store_password(
        &c.code,
        Kind::Execution,
        hash,
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
    tx.queue_notices_for(
        c,
        &Event::InitialPasswordIssued {
            deadline: Some(deadline.to_string()),
        },
    )?;
    Ok(())
}

fn generation_failed(code: &str, e: GenerateError) -> Error {
    match e {
        GenerateError::Secret(e) => e.into(),
        GenerateError::Exhausted { tries, rule } => Error::GeneratorExhausted {
            code: code.to_owned(),
            tries,
            rule,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_codes_come_once_in_order_with_the_file_after() {
        let d = tempfile::tempdir().unwrap();
        let f = d.path().join("codes.txt");
        std::fs::write(&f, "# wave 1\n  B  \n\nA\nC\n#D\n").unwrap();
        let given = ["A".to_string(), "Z".to_string(), "A".to_string()];
        assert_eq!(named_codes(&given, Some(&f)).unwrap(), ["A", "Z", "B", "C"]);
        assert_eq!(named_codes(&given, None).unwrap(), ["A", "Z"]);
        let e = named_codes(&given, Some(&d.path().join("nope"))).unwrap_err();
        assert_eq!(e.exit_code(), 74);
    }
}
