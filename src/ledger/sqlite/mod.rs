//! The SQLite backend: one file, created only by `init` (mode 0600, WAL),
//! opened by every other command with a busy timeout and foreign keys on.
//! Everything here is what only SQLite needs: the file's life (header and
//! `application_id` checks, the private temporary file `init` builds in),
//! pragmas, the schema's DDL, binding [`Param`]s and reading cells, and the
//! mapping of SQLite's error codes to exit codes. No query of the ledger
//! lives here.

mod migrations;

use std::fs::OpenOptions;
use std::io::Read as _;
use std::ops::ControlFlow;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::types::{ToSqlOutput, ValueRef};
use rusqlite::{Connection, OpenFlags, TransactionBehavior};

use super::exec::{Conn, Exec, Param, Row, RowSource, Transaction, Value};
use super::{InitOutcome, Ledger, MAX_BUSY_TIMEOUT_MS, SCHEMA_VERSION, Target, Tx};
use crate::error::{Error, Result};

/// `PRAGMA application_id` of an acctsec ledger ("ACSE").
const APPLICATION_ID: i32 = 0x4143_5345;

/// Distinct statements the ledger runs, with room: each is prepared once per
/// connection.
const STATEMENT_CACHE: usize = 96;

/// What an error message names: the file, and how long a writer was waited for.
struct Place {
    path: PathBuf,
    busy_ms: u64,
}

impl Place {
    fn of(target: &Target) -> Place {
        Place {
            path: target.path.clone(),
            busy_ms: target.busy_timeout_ms,
        }
    }

    /// Map a SQLite error to the exit-code contract: busy is 75, a damaged
    /// or foreign file is 74/78, the rest is 74.
    fn err(&self, e: rusqlite::Error) -> Error {
        use rusqlite::ErrorCode;
        match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => Error::Busy {
                path: self.path.clone(),
                waited_ms: self.busy_ms,
            },
            Some(ErrorCode::NotADatabase) => Error::NotALedger {
                path: self.path.clone(),
            },
            Some(ErrorCode::DatabaseCorrupt) => Error::Corrupt {
                path: self.path.clone(),
                detail: e.to_string(),
            },
            _ => Error::Db {
                path: self.path.clone(),
                source: Box::new(e),
            },
        }
    }
}

/// An open SQLite ledger.
struct Sqlite {
    conn: Connection,
    place: Place,
}

/// A write transaction on it (IMMEDIATE: the write lock from the start).
struct SqliteTx<'c> {
    tx: rusqlite::Transaction<'c>,
    place: &'c Place,
    /// `total_changes` of the connection when the transaction began.
    before: u64,
    /// Rows loaded into scratch tables since (not changes of the ledger).
    scratch: std::cell::Cell<u64>,
}

impl rusqlite::ToSql for Param<'_> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::Borrowed(match *self {
            Param::Null => ValueRef::Null,
            Param::Int(n) => ValueRef::Integer(n),
            Param::Text(s) => ValueRef::Text(s.as_bytes()),
            Param::Bool(b) => ValueRef::Integer(i64::from(b)),
        }))
    }
}

fn query(
    conn: &Connection,
    place: &Place,
    sql: &str,
    params: &[Param<'_>],
    each: &mut dyn FnMut(Row<'_>) -> Result<ControlFlow<()>>,
) -> Result<()> {
    let err = |e| place.err(e);
    let mut stmt = conn.prepare_cached(sql).map_err(err)?;
    let columns = stmt.column_count();
    let mut rows = stmt
        .query(rusqlite::params_from_iter(params))
        .map_err(err)?;
    while let Some(r) = rows.next().map_err(err)? {
        let mut cells = Vec::with_capacity(columns);
        for i in 0..columns {
            let bad = |what: &str| Error::Corrupt {
                path: place.path.clone(),
                detail: format!("column {i}: {what}"),
            };
            cells.push(match r.get_ref(i).map_err(err)? {
                ValueRef::Null => Value::Null,
                ValueRef::Integer(n) => Value::Int(n),
                ValueRef::Text(t) => Value::Text(
                    std::str::from_utf8(t)
                        .map_err(|_| bad("text that is not UTF-8"))?
                        .to_owned(),
                ),
                ValueRef::Real(_) => return Err(bad("unexpected real number")),
                ValueRef::Blob(_) => return Err(bad("unexpected blob")),
            });
        }
        if each(Row::new(cells, &place.path))?.is_break() {
            break;
        }
    }
    Ok(())
}

fn execute(conn: &Connection, place: &Place, sql: &str, params: &[Param<'_>]) -> Result<u64> {
    let n = conn
        .prepare_cached(sql)
        .and_then(|mut s| s.execute(rusqlite::params_from_iter(params)))
        .map_err(|e| place.err(e))?;
    Ok(n as u64)
}

impl Exec for Sqlite {
    fn query(
        &self,
        sql: &str,
        params: &[Param<'_>],
        each: &mut dyn FnMut(Row<'_>) -> Result<ControlFlow<()>>,
    ) -> Result<()> {
        query(&self.conn, &self.place, sql, params, each)
    }

    fn execute(&self, sql: &str, params: &[Param<'_>]) -> Result<u64> {
        execute(&self.conn, &self.place, sql, params)
    }

    fn path(&self) -> &Path {
        &self.place.path
    }
}

impl Conn for Sqlite {
    fn begin(&mut self) -> Result<Box<dyn Transaction + '_>> {
        let Sqlite { conn, place } = self;
        let before = conn.total_changes();
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| place.err(e))?;
        Ok(Box::new(SqliteTx {
            tx,
            place: &*place,
            before,
            scratch: std::cell::Cell::new(0),
        }))
    }

    fn identity(&self) -> Result<String> {
        Ok(crate::identity::os_user())
    }

    fn file(&self) -> Option<&Path> {
        Some(&self.place.path)
    }

    fn scrub(&self) -> Result<()> {
        // Copy every page into the file and cut the WAL to nothing: the
        // frames holding the old content go with it. A reader still on an
        // older snapshot makes the checkpoint stop short (reported in its
        // row, not as an error); the next scrub finishes it.
        self.query("PRAGMA wal_checkpoint(TRUNCATE)", &[], &mut |_| {
            Ok(ControlFlow::Continue(()))
        })
    }
}

impl Exec for SqliteTx<'_> {
    fn query(
        &self,
        sql: &str,
        params: &[Param<'_>],
        each: &mut dyn FnMut(Row<'_>) -> Result<ControlFlow<()>>,
    ) -> Result<()> {
        query(&self.tx, self.place, sql, params, each)
    }

    fn execute(&self, sql: &str, params: &[Param<'_>]) -> Result<u64> {
        execute(&self.tx, self.place, sql, params)
    }

    fn path(&self) -> &Path {
        &self.place.path
    }
}

impl Transaction for SqliteTx<'_> {
    fn has_changed(&self) -> Result<bool> {
        Ok(self.tx.total_changes() > self.before + self.scratch.get())
    }

    fn commit(self: Box<Self>) -> Result<()> {
        let place = self.place;
        self.tx.commit().map_err(|e| place.err(e))
    }

    fn schema_version(&self) -> Result<i64> {
        self.tx
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(|e| self.place.err(e))
    }

    fn upgrade_schema(&self, from: i64, to: i64) -> Result<()> {
        let err = |e| self.place.err(e);
        let from = usize::try_from(from).unwrap_or(0);
        let to = usize::try_from(to.min(SCHEMA_VERSION)).unwrap_or(0);
        for sql in migrations::MIGRATIONS.get(from..to).unwrap_or_default() {
            self.tx.execute_batch(sql).map_err(err)?;
        }
        self.tx
            .pragma_update(None, "user_version", to as i64)
            .map_err(err)
    }

    fn scratch(
        &self,
        name: &str,
        columns: &[(&str, &str)],
        rows: &mut RowSource<'_>,
    ) -> Result<()> {
        let defs: Vec<String> = columns.iter().map(|(c, t)| format!("{c} {t}")).collect();
        self.tx
            .execute_batch(&format!(
                "DROP TABLE IF EXISTS temp.{name}; CREATE TEMP TABLE {name} ({});",
                defs.join(", ")
            ))
            .map_err(|e| self.place.err(e))?;
        let names: Vec<&str> = columns.iter().map(|(c, _)| *c).collect();
        let n = self.copy_in(name, &names, rows)?;
        self.scratch.set(self.scratch.get() + n);
        Ok(())
    }

    fn tables(&self) -> Result<Vec<String>> {
        let db: &dyn Exec = self;
        db.all(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
            &[],
            |mut r| r.text(0),
        )
    }
}

impl Sqlite {
    /// Per-connection settings, on every open.
    fn configure(&self) -> Result<()> {
        let err = |e| self.place.err(e);
        self.conn
            .busy_timeout(busy_duration(self.place.busy_ms))
            .map_err(err)?;
        self.conn
            .pragma_update(None, "foreign_keys", true)
            .map_err(err)?;
        // WAL makes a commit durable at checkpoint; NORMAL is the documented
        // safe pairing (no corruption on power loss, at most the last commits).
        self.conn
            .pragma_update(None, "synchronous", "NORMAL")
            .map_err(err)?;
        // Deleted and overwritten content is zeroed, not left in free space
        // (an auth code's notice, once blanked, must not be recoverable).
        self.conn
            .pragma_update(None, "secure_delete", true)
            .map_err(err)?;
        self.conn
            .set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        Ok(())
    }
}

/// The busy timeout as SQLite takes it (32-bit milliseconds), never past
/// [`MAX_BUSY_TIMEOUT_MS`].
fn busy_duration(ms: u64) -> Duration {
    Duration::from_millis(ms.min(MAX_BUSY_TIMEOUT_MS))
}

/// Open an existing ledger. A missing file, a file that is not an acctsec
/// ledger, or one from a newer acctsec is refused without modifying it.
pub(super) fn open(target: &Target) -> Result<Ledger> {
    let path = &target.path;
    super::files::check_existing(path)?;
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
    let place = Place::of(target);
    let err = |e| place.err(e);
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(err)?;
    conn.busy_timeout(busy_duration(target.busy_timeout_ms))
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
    // A schema version acctsec never wrote (below 1: a ledger is born
    // migrated) marks a file that only borrowed our application id; the
    // gate is the ledger's, for both backends.
    // (configure sets this connection's pragmas only: nothing is written.)
    let db = Sqlite { conn, place };
    db.configure()?;
    Ledger::admit(Box::new(db), target, version)
}

/// Create a ledger at `target.path`, unless one exists (then it is checked,
/// left unchanged, and `Existed` returned). The new ledger is built in a
/// private temporary file beside the target and linked into place only when
/// complete, so no half-made ledger is ever visible and two concurrent
/// `init`s cannot both create one.
pub(super) fn init(
    target: &Target,
    setup: impl FnOnce(&mut Tx) -> Result<()>,
) -> Result<InitOutcome> {
    if target.path.exists() {
        open(target)?;
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
    super::files::check_dir(&target.path)?;
    let name = target
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "ledger.db".into());
    let tmp = dir.join(format!(".{name}.init-{}", std::process::id()));
    let result = build_new(&tmp, target, setup);
    let outcome = result.and_then(|()| match std::fs::hard_link(&tmp, &target.path) {
        Ok(()) => Ok(InitOutcome::Created),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            open(target)?;
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

fn build_new(tmp: &Path, target: &Target, setup: impl FnOnce(&mut Tx) -> Result<()>) -> Result<()> {
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
    let place = Place::of(target);
    let err = |e| place.err(e);
    let conn = Connection::open_with_flags(
        tmp,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(err)?;
    conn.pragma_update(None, "application_id", APPLICATION_ID)
        .map_err(err)?;
    conn.pragma_update(None, "journal_mode", "WAL")
        .map_err(err)?;
    let db = Sqlite { conn, place };
    db.configure()?;
    let mut ledger = Ledger::new(Box::new(db), target);
    ledger.migrate()?;
    ledger.write(setup)?;
    // Fold the WAL back into the file before it is linked into place.
    ledger
        .exec()
        .query("PRAGMA wal_checkpoint(TRUNCATE)", &[], &mut |_| {
            Ok(ControlFlow::Continue(()))
        })
}
