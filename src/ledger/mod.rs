//! The ledger: the only module that speaks SQL.
//!
//! # Shape
//!
//! Three layers, top to bottom:
//!
//! 1. **The API** the rest of acctsec uses. [`Ledger`] is an open ledger;
//!    [`Tx`] is one write transaction on it, run by [`Ledger::write`] (or
//!    [`Ledger::rehearse`], a dry run rolled back at the end). Every read
//!    is a method of the [`Read`] trait, implemented by both with one
//!    signature each: a command reads through the `Ledger` without waiting
//!    for writers, and a transaction reads through its `Tx` what it is about
//!    to change (under the write lock, seeing its own changes). Code that
//!    only reads takes `&impl Read`. The writes are methods of `Tx`; every
//!    transaction that changes a row must also append to the audit trail
//!    ([`Tx::audit`]), or `write` rolls it back and returns
//!    [`Error::Unaudited`] (an internal bug, exit 74).
//!
//! 2. **The queries**, one function or method per query, grouped by subject
//!    (`customers`, `credentials`, `notify`, `authcodes`, `policy`, `audit`,
//!    `audit_runs`, `audit_findings`, `requests`). They are written once, for every backend, against the
//!    neutral executor of `exec`: SQL text with `?N` placeholders,
//!    parameters bound with `params!` (text, integer, boolean, NULL) and
//!    rows read by position into owned cells. No driver type appears in
//!    them. Their SQL keeps to what SQLite and PostgreSQL both accept
//!    (`INSERT ... ON CONFLICT ... DO UPDATE`, `RETURNING id` instead of a
//!    last-insert-id call, `count(*) FILTER (WHERE ...)`, aliased
//!    subqueries, typed `CAST(?N AS TEXT)` where a placeholder stands alone
//!    in a select list, `LIMIT` with a number, never `-1`).
//!
//! 3. **The backends**, under the queries: `exec::Conn` (an open
//!    connection: begin a write transaction) and `exec::Transaction`
//!    (commit; whether it changed anything; the schema version and its
//!    migrations),
//!    both also `exec::Exec` (run a query or a statement). `sqlite` is the
//!    one backend today, and holds everything only SQLite needs: the file's
//!    life (created by `init` in a private temporary file, mode 0600, WAL;
//!    header and `application_id` checks on open), pragmas (busy timeout,
//!    foreign keys, `synchronous`), the DDL of its migrations, binding and
//!    reading values, and the mapping of SQLite's error codes to exit codes
//!    (busy: 75). A backend also scrubs its files after a transaction that
//!    overwrote a secret (an auth code's notice, see `exec::Conn::scrub`):
//!    SQLite zeroes freed content (`secure_delete`) and truncates its WAL.
//!    Bulk loads (`customer import`) go through `Exec::copy_in`, row
//!    inserts unless a backend has something faster (PostgreSQL: `COPY
//!    ... FROM STDIN`), and `Transaction::scratch`, a temporary table
//!    loaded the same way for set-based SQL to read.
//!
//! # Adding a backend
//!
//! PostgreSQL goes beside `sqlite` as a `postgres` module: a connection
//! type implementing `Conn` and a transaction type implementing
//! `Transaction` (the sync client needs `&mut` to run a query while `Exec`
//! takes `&self`: the transaction type keeps the driver's transaction in a
//! `RefCell`); a transaction that takes one ledger-wide lock first (as
//! SQLite's IMMEDIATE does), waiting at most the busy timeout; `has_changed`
//! from `pg_current_xact_id_if_assigned()` (not NULL once the transaction
//! has written); its own migrations, one per [`SCHEMA_VERSION`] (the same
//! logical schema); placeholders rewritten from `?N` to `$N`; its error
//! codes mapped to the same exit codes; a `scrub` that removes overwritten
//! rows' old versions (for PostgreSQL, `VACUUM` of the outbox: dead tuples
//! keep the blanked notice until vacuumed). `Ledger::open` and `Ledger::init`
//! then choose the backend from the target. The queries, the audit trail
//! and everything above stay as they are.
//!
//! `postgres` is that second backend: a `postgres://` or `postgresql://`
//! target selects it (its module doc tells how it keeps SQLite's
//! guarantees across hosts).

mod audit;
mod audit_findings;
mod audit_runs;
mod authcodes;
mod copy;
mod credentials;
mod customers;
mod environments;
mod exec;
pub mod files;
mod guess_work;
mod notify;
mod policy;
mod postgres;
mod read;
mod report;
mod requests;
mod seals;
mod sqlite;

use std::cell::OnceCell;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use audit::{AuditRow, CLOCK_TOLERANCE_SECS, Entry, Head, LogFilter, Tamper, TamperKind};
pub use audit_findings::{AccountScan, AuditAccount, StoredGuess};
pub use audit_runs::AuditRun;
pub use authcodes::{AuthCodeLock, AuthCodeRow};
pub use copy::{Copied, TABLES as COPIED_TABLES};
pub use credentials::{IssueRun, LockedAccount, StateCounts};
pub use customers::{CustomerFilter, Known};
pub use guess_work::{ChunkCounts, GuessChunk, GuessCycle};
pub use notify::{AckResult, Delivery, Notice, RetryResult};
pub(crate) use postgres::url as db_url;
pub use read::Read;
pub use requests::{NewRequest, RequestRow, params_digest};
pub use seals::TrailSnapshot;

use crate::error::{Error, Result};
use exec::{Conn, Exec, Transaction};

/// How a database server guards a ledger's trail (`log verify` shows it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrailGuard {
    /// The server appends the entries (`acctsec_append`, a SECURITY
    /// DEFINER function of the tables' owner) and stores the seals.
    pub server_appends: bool,
    /// Roles other than the owner and superusers that may insert, change or
    /// delete entries or seals directly (grants wider than the README's).
    pub writers: Vec<String>,
    /// The cluster has the role `acctsec_test_clock`: its members' sessions
    /// can move the server's clock (a throwaway test server only).
    pub test_clock: bool,
}

/// The schema version this build writes and understands (every backend has
/// one migration per version).
pub const SCHEMA_VERSION: i64 = 20;

/// Default wait for another writer before giving up with exit 75.
pub const DEFAULT_BUSY_TIMEOUT_MS: u64 = 5_000;

/// The longest wait for another writer that may be asked for: a day. (SQLite
/// takes the timeout as a 32-bit number of milliseconds.)
pub const MAX_BUSY_TIMEOUT_MS: u64 = 86_400_000;

/// How to reach the ledger, and who is acting.
#[derive(Debug, Clone)]
pub struct Target {
    pub path: PathBuf,
    pub operator: String,
    pub busy_timeout_ms: u64,
}

/// An open ledger.
pub struct Ledger {
    conn: Box<dyn Conn>,
    target: Target,
    /// Who the backend says this process is (read once, when first needed).
    identity: OnceCell<String>,
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
    tx: Box<dyn Transaction + 'a>,
    target: &'a Target,
    /// The authenticated identity written to every entry.
    identity: String,
    audited: usize,
    now: chrono::DateTime<chrono::Utc>,
    /// The newest entry written in this transaction (seq, hash).
    last: Option<(u64, String)>,
    /// The policy in force, read once per transaction (the write lock keeps
    /// it from changing under us).
    policy: OnceCell<Arc<crate::policy::Policy>>,
    /// Set when the transaction overwrote a secret (an auth code's notice):
    /// after the commit the backend scrubs the old copies from its files
    /// (`exec::Conn::scrub`).
    scrub: bool,
}

impl Ledger {
    /// Create a ledger at `target.path`, unless one exists (then it is
    /// checked, left unchanged, and `Existed` returned). No half-made ledger
    /// is ever visible, and two concurrent `init`s cannot both create one.
    /// `setup` runs in the new ledger's first transaction.
    pub fn init(target: &Target, setup: impl FnOnce(&mut Tx) -> Result<()>) -> Result<InitOutcome> {
        if postgres::is_url(&target.path) {
            postgres::init(target, setup)
        } else {
            sqlite::init(target, setup)
        }
    }

    /// Open an existing ledger, bringing an older schema up to date. A
    /// missing ledger, something that is not an acctsec ledger, or one from
    /// a newer acctsec is refused without modifying it.
    pub fn open(target: &Target) -> Result<Ledger> {
        if postgres::is_url(&target.path) {
            postgres::open(target)
        } else {
            sqlite::open(target)
        }
    }

    /// Whether `target` names a ledger on a PostgreSQL server (a URL) rather
    /// than a file.
    pub fn is_server(target: &Path) -> bool {
        postgres::is_url(target)
    }

    fn new(conn: Box<dyn Conn>, target: &Target) -> Ledger {
        Ledger {
            conn,
            target: target.clone(),
            identity: OnceCell::new(),
        }
    }

    /// The authenticated identity of this process: the OS user of its uid
    /// on a file ledger, the session user on a server. It is what the audit
    /// trail records beside `--operator` (which anyone can type).
    pub fn identity(&self) -> Result<&str> {
        if let Some(v) = self.identity.get() {
            return Ok(v);
        }
        let v = self.conn.identity()?;
        Ok(self.identity.get_or_init(|| v))
    }

    pub fn path(&self) -> &Path {
        &self.target.path
    }

    /// How the server guards the trail; `None` for a ledger with no server.
    pub fn trail_guard(&self) -> Result<Option<TrailGuard>> {
        self.conn.trail_guard()
    }

    /// Now by the ledger's clock: the server's for a ledger on a server (as
    /// its write transactions take it), else [`crate::clock::now`]. What a
    /// decision the next transaction re-checks (a request's expiry) is
    /// judged by beforehand.
    pub fn now(&self) -> Result<chrono::DateTime<chrono::Utc>> {
        Ok(ledger_time(self.conn.server_now()?))
    }

    /// Unit tests only: act as `who` (two people in one test process).
    #[cfg(test)]
    pub fn assume_identity(&self, who: &str) {
        let _ = self.identity.set(who.to_string());
    }

    pub fn operator(&self) -> &str {
        &self.target.operator
    }

    /// How this ledger was reached, and who is acting.
    pub fn target(&self) -> &Target {
        &self.target
    }

    /// The ledger's file, for a backend that keeps one (SQLite); `None` for
    /// a ledger on a server.
    pub fn file(&self) -> Option<&Path> {
        self.conn.file()
    }

    /// Hold, while this ledger stays open, the lock that lets one
    /// `password issue` run at a time on this ledger from any host (on a
    /// server: a session advisory lock; a SQLite ledger is one host's file,
    /// whose directory the issuance locks). Exit 75 when another run holds
    /// it.
    pub fn lock_issue_runs(&self) -> Result<()> {
        if self.conn.lock_issue_runs()? {
            Ok(())
        } else {
            Err(Error::IssueInProgress)
        }
    }

    fn exec(&self) -> &dyn Exec {
        &*self.conn
    }

    /// Run `f` in one write transaction (waiting up to the busy timeout
    /// for other writers) and commit it, with its audit entries.
    pub fn write<T>(&mut self, f: impl FnOnce(&mut Tx) -> Result<T>) -> Result<T> {
        let (value, scrub) = self.transact(true, f)?;
        if scrub {
            self.conn.scrub()?;
        }
        Ok(value)
    }

    /// Run `f` in one write transaction; commit it when `f` returns
    /// `(value, true)`, roll it back when `(value, false)` (a change the
    /// operation found it must hold for approval after doing the work).
    pub fn write_or_roll_back<T>(
        &mut self,
        f: impl FnOnce(&mut Tx) -> Result<(T, bool)>,
    ) -> Result<T> {
        let (value, keep, scrub) = self.transact_if(f)?;
        if scrub && keep {
            self.conn.scrub()?;
        }
        Ok(value)
    }

    /// Run `f` exactly as [`Ledger::write`] would, then roll everything
    /// back: a dry run that sees what the real run would.
    pub fn rehearse<T>(&mut self, f: impl FnOnce(&mut Tx) -> Result<T>) -> Result<T> {
        Ok(self.transact(false, f)?.0)
    }

    /// Run `f` in one transaction, committed or rolled back; the value, and
    /// whether the transaction overwrote a secret (`Tx::scrub`).
    fn transact<T>(
        &mut self,
        commit: bool,
        f: impl FnOnce(&mut Tx) -> Result<T>,
    ) -> Result<(T, bool)> {
        let (value, _, scrub) = self.transact_if(|tx| f(tx).map(|v| (v, commit)))?;
        Ok((value, scrub))
    }

    /// Run `f` in one transaction, committed when it returns `(_, true)`:
    /// the value, whether it was committed, and whether it overwrote a
    /// secret.
    fn transact_if<T>(
        &mut self,
        f: impl FnOnce(&mut Tx) -> Result<(T, bool)>,
    ) -> Result<(T, bool, bool)> {
        let identity = self.identity()?.to_string();
        let tx = self.conn.begin()?;
        // A ledger on a server is on the server's clock (its trail entries,
        // request expiry, leases): a client's clock set wrong changes none.
        let now = ledger_time(tx.server_now()?);
        let mut tx = Tx {
            tx,
            target: &self.target,
            identity,
            audited: 0,
            now,
            last: None,
            policy: OnceCell::new(),
            scrub: false,
        };
        let (value, commit) = f(&mut tx)?;
        if tx.audited == 0 && tx.tx.has_changed()? {
            // Dropping the transaction rolls it back.
            return Err(Error::Unaudited);
        }
        if commit {
            tx.tx.commit()?;
        }
        Ok((value, commit, tx.scrub))
    }

    /// Bring the schema up to [`SCHEMA_VERSION`] in one audited transaction.
    /// Safe against a concurrent process doing the same: the version is
    /// re-read under the write lock.
    fn migrate(&mut self) -> Result<()> {
        self.write(migrate_in)
    }

    /// The one version gate of both backends: a ledger opened on `conn`,
    /// whose schema is at version `found`, is refused when this build did
    /// not write that version (below 1: a file or database that only looks
    /// like a ledger; above [`SCHEMA_VERSION`]: a newer acctsec's), brought
    /// up to this build's version when behind, and otherwise used as it is.
    fn admit(conn: Box<dyn Conn>, target: &Target, found: i64) -> Result<Ledger> {
        if found < 1 {
            return Err(Error::NotALedger {
                path: target.path.clone(),
            });
        }
        if found > SCHEMA_VERSION {
            return Err(Error::NewerLedger {
                path: target.path.clone(),
                found,
                supported: SCHEMA_VERSION,
            });
        }
        let mut ledger = Ledger::new(conn, target);
        if found < SCHEMA_VERSION {
            ledger.migrate()?;
        }
        Ok(ledger)
    }
}

/// The time a server gave (stored form), or the one clock where there is
/// no server.
fn ledger_time(server: Option<String>) -> chrono::DateTime<chrono::Utc> {
    server
        .and_then(|t| crate::clock::from_stored(&t))
        .unwrap_or_else(crate::clock::now)
}

/// A data step: runs in the migrating transaction right after the
/// migration to its version.
type DataStep = fn(&mut Tx) -> Result<()>;

/// The data steps, by the version they follow.
const DATA_STEPS: &[(i64, DataStep)] = &[(17, environments::from_login_env)];

/// Bring the schema up to [`SCHEMA_VERSION`] in `tx`, audited (nothing when
/// it is there already).
fn migrate_in(tx: &mut Tx) -> Result<()> {
    let from = tx.tx.schema_version()?;
    if from >= SCHEMA_VERSION {
        return Ok(());
    }
    // Migrations run in order; after some, a data step written in Rust
    // converts what SQL alone cannot, at the version it was written for.
    let mut at = from;
    for &(version, step) in DATA_STEPS {
        if from < version && version <= SCHEMA_VERSION {
            tx.tx.upgrade_schema(at, version)?;
            step(tx)?;
            at = version;
        }
    }
    tx.tx.upgrade_schema(at, SCHEMA_VERSION)?;
    tx.audit(Entry {
        action: "ledger.schema",
        customer: None,
        reason: None,
        details: serde_json::json!({ "from": from, "to": SCHEMA_VERSION }),
    })?;
    Ok(())
}

impl Tx<'_> {
    /// Give the server's roles their rights on this ledger (see
    /// [`exec::Transaction::grant_roles`]); `None` on a backend with no
    /// server. The caller audits it in this transaction.
    pub fn grant_roles(&self, staff: &str, read: Option<&str>) -> Result<Option<Vec<String>>> {
        self.tx.grant_roles(staff, read)
    }

    pub fn operator(&self) -> &str {
        &self.target.operator
    }

    /// The authenticated identity of this process (see [`Ledger::identity`]).
    pub fn identity(&self) -> &str {
        &self.identity
    }

    /// The time of this transaction: on a ledger on a server, the server's
    /// clock when the transaction took the write lock (its trail entries
    /// take the server's clock as they are appended, microseconds later);
    /// else [`crate::clock::now`], one value for all its entries.
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.now
    }

    fn exec(&self) -> &dyn Exec {
        &*self.tx
    }
}

#[cfg(test)]
mod tests;
