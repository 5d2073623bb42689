//! The ledger: the only module that speaks SQL.
//!
//! One SQLite file, created only by `init` (mode 0600, WAL), opened by every
//! other command with a busy timeout and foreign keys on. Every write runs in
//! an IMMEDIATE transaction through [`Ledger::write`], which refuses to commit
//! a change that did not write its audit-trail entry.

mod audit;
mod audit_runs;
mod credentials;
mod customers;
mod migrations;
mod notify;
mod policy;
mod seals;

use std::fs::OpenOptions;
use std::io::Read;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, TransactionBehavior};

pub use audit::{AuditRow, Entry, Head, LogFilter, Tamper, TamperKind};
pub use audit_runs::AuditRun;
pub use credentials::{Credential, IssueRun, LockedAccount, StateCounts};
pub use customers::CustomerFilter;
pub use migrations::SCHEMA_VERSION;
pub use notify::{AckResult, LoginEnv, NewNotice, Notice};
pub use seals::TrailSnapshot;

use crate::error::{Error, Result};

/// `PRAGMA application_id` of an acctsec ledger ("ACSE").
pub const APPLICATION_ID: i32 = 0x4143_5345;

/// Default wait for another writer before giving up with exit 75.
pub const DEFAULT_BUSY_TIMEOUT_MS: u64 = 5_000;

/// How to reach the ledger, and who is acting.
#[derive(Debug, Clone)]
pub struct Target {
    pub path: PathBuf,
    pub operator: String,
    pub busy_timeout_ms: u64,
}

pub struct Ledger {
    conn: Connection,
    target: Target,
}

/// What `init` found.
#[derive(Debug, PartialEq, Eq)]
pub enum InitOutcome {
    Created,
    Existed,
}

/// A write transaction. Every change made through it must be accompanied by
/// at least one audit entry ([`Tx::audit`]), or the commit is refused.
pub struct Tx<'a> {
    tx: rusqlite::Transaction<'a>,
    target: &'a Target,
    audited: usize,
    now: chrono::DateTime<chrono::Utc>,
    /// The newest entry written in this transaction (seq, hash).
    last: Option<(u64, String)>,
    /// The policy in force, read once per transaction.
    policy: Option<crate::policy::Policy>,
}

impl Ledger {
    /// Create a ledger at `target.path`, unless one exists (then it is
    /// checked, left unchanged, and `Existed` returned). The new ledger is
    /// built in a private temporary file beside the target and linked into
    /// place only when complete, so no half-made ledger is ever visible and
    /// two concurrent `init`s cannot both create one.
    pub fn init(target: &Target, setup: impl FnOnce(&mut Tx) -> Result<()>) -> Result<InitOutcome> {
        if target.path.exists() {
            Ledger::open(target)?;
            return Ok(InitOutcome::Existed);
        }
        let dir = target
            .path
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        if !dir.exists() {
            std::fs::DirBuilder::new()
                .recursive(true)
                .mode(0o700)
                .create(dir)
                .map_err(|e| Error::CantCreate {
                    path: dir.to_path_buf(),
                    source: e,
                })?;
        }
        let name = target
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "ledger.db".into());
        let tmp = dir.join(format!(".{name}.init-{}", std::process::id()));
        let result = Self::build_new(&tmp, target, setup);
        let outcome = result.and_then(|()| match std::fs::hard_link(&tmp, &target.path) {
            Ok(()) => Ok(InitOutcome::Created),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                Ledger::open(target)?;
                Ok(InitOutcome::Existed)
            }
            Err(e) => Err(Error::CantCreate {
                path: target.path.clone(),
                source: e,
            }),
        });
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", tmp.display()));
        }
        outcome
    }

    fn build_new(
        tmp: &Path,
        target: &Target,
        setup: impl FnOnce(&mut Tx) -> Result<()>,
    ) -> Result<()> {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", tmp.display()));
        }
        OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(tmp)
            .map_err(|e| Error::CantCreate {
                path: target.path.clone(),
                source: e,
            })?;
        let err = |e| db_error(&target.path, e, target.busy_timeout_ms);
        let conn = Connection::open_with_flags(
            tmp,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(err)?;
        conn.pragma_update(None, "application_id", APPLICATION_ID)
            .map_err(err)?;
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(err)?;
        let mut ledger = Ledger {
            conn,
            target: target.clone(),
        };
        ledger.configure()?;
        ledger.migrate()?;
        ledger.write(setup)?;
        // Fold the WAL back into the file before it is linked into place.
        ledger
            .conn
            .pragma_update(None, "wal_checkpoint", "TRUNCATE")
            .map_err(err)?;
        drop(ledger);
        Ok(())
    }

    /// Open an existing ledger. A missing file, a file that is not an acctsec
    /// ledger, or one from a newer acctsec is refused without modifying it.
    pub fn open(target: &Target) -> Result<Ledger> {
        let path = &target.path;
        let mut header = [0u8; 16];
        match std::fs::File::open(path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(Error::NoLedger { path: path.clone() });
            }
            Err(e) => return Err(Error::io(path, e)),
            Ok(mut f) => {
                if f.read_exact(&mut header).is_err() || &header != b"SQLite format 3\0" {
                    return Err(Error::NotALedger { path: path.clone() });
                }
            }
        }
        let err = |e| db_error(path, e, target.busy_timeout_ms);
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(err)?;
        conn.busy_timeout(Duration::from_millis(target.busy_timeout_ms))
            .map_err(err)?;
        let app_id: i32 = conn
            .pragma_query_value(None, "application_id", |r| r.get(0))
            .map_err(err)?;
        if app_id != APPLICATION_ID {
            return Err(Error::NotALedger { path: path.clone() });
        }
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(err)?;
        if version > SCHEMA_VERSION {
            return Err(Error::NewerLedger {
                path: path.clone(),
                found: version,
                supported: SCHEMA_VERSION,
            });
        }
        let mut ledger = Ledger {
            conn,
            target: target.clone(),
        };
        ledger.configure()?;
        if version < SCHEMA_VERSION {
            ledger.migrate()?;
        }
        Ok(ledger)
    }

    fn configure(&self) -> Result<()> {
        let err = |e| self.err(e);
        self.conn
            .busy_timeout(Duration::from_millis(self.target.busy_timeout_ms))
            .map_err(err)?;
        self.conn
            .pragma_update(None, "foreign_keys", true)
            .map_err(err)?;
        // WAL makes a commit durable at checkpoint; NORMAL is the documented
        // safe pairing (no corruption on power loss, at most the last commits).
        self.conn
            .pragma_update(None, "synchronous", "NORMAL")
            .map_err(err)?;
        Ok(())
    }

    pub fn path(&self) -> &Path {
        &self.target.path
    }

    pub fn operator(&self) -> &str {
        &self.target.operator
    }

    pub(crate) fn err(&self, e: rusqlite::Error) -> Error {
        db_error(&self.target.path, e, self.target.busy_timeout_ms)
    }

    /// Run `f` in one IMMEDIATE transaction (waiting up to the busy timeout
    /// for other writers) and commit it, with its audit entries.
    pub fn write<T>(&mut self, f: impl FnOnce(&mut Tx) -> Result<T>) -> Result<T> {
        self.transact(true, f)
    }

    /// Run `f` exactly as [`Ledger::write`] would, then roll everything
    /// back: a dry run that sees what the real run would.
    pub fn rehearse<T>(&mut self, f: impl FnOnce(&mut Tx) -> Result<T>) -> Result<T> {
        self.transact(false, f)
    }

    fn transact<T>(&mut self, commit: bool, f: impl FnOnce(&mut Tx) -> Result<T>) -> Result<T> {
        let path = self.target.path.clone();
        let busy = self.target.busy_timeout_ms;
        let before = self.conn.total_changes();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| db_error(&path, e, busy))?;
        let mut tx = Tx {
            tx,
            target: &self.target,
            audited: 0,
            now: crate::clock::now(),
            last: None,
            policy: None,
        };
        let value = f(&mut tx)?;
        let audited = tx.audited;
        let changed = tx.tx.total_changes() > before;
        if changed && audited == 0 {
            drop(tx);
            return Err(Error::Config {
                what: crate::messages::unaudited_change(),
            });
        }
        if commit {
            tx.tx.commit().map_err(|e| db_error(&path, e, busy))?;
        }
        Ok(value)
    }
}

impl Tx<'_> {
    pub fn conn(&self) -> &Connection {
        &self.tx
    }

    pub fn operator(&self) -> &str {
        &self.target.operator
    }

    /// The time of this transaction (one value for all its entries).
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.now
    }

    pub(crate) fn err(&self, e: rusqlite::Error) -> Error {
        db_error(&self.target.path, e, self.target.busy_timeout_ms)
    }
}

/// Map a SQLite error to the exit-code contract: busy is 75, a damaged or
/// foreign file is 74/78, the rest is 74.
pub(crate) fn db_error(path: &Path, e: rusqlite::Error, busy_ms: u64) -> Error {
    use rusqlite::ErrorCode;
    match e.sqlite_error_code() {
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => Error::Busy {
            path: path.to_path_buf(),
            waited_ms: busy_ms,
        },
        Some(ErrorCode::NotADatabase) => Error::NotALedger {
            path: path.to_path_buf(),
        },
        Some(ErrorCode::DatabaseCorrupt) => Error::Corrupt {
            path: path.to_path_buf(),
            detail: e.to_string(),
        },
        _ => Error::Db {
            path: path.to_path_buf(),
            source: e,
        },
    }
}
