//! The PostgreSQL backend: a ledger several hosts share, in one database
//! named by a `postgres://` URL (see `url`).
//!
//! The guarantees are SQLite's:
//!
//! - **One writer at a time.** A write transaction (READ COMMITTED) first
//!   takes one ledger-wide transaction-level advisory lock
//!   ([`WRITE_LOCK`]), waiting at most the busy timeout (`SET LOCAL
//!   lock_timeout`; exit 75 after it), as SQLite's IMMEDIATE takes the write
//!   lock. Every read-modify-write therefore sees the latest commit and no
//!   one else's: lockout counts stay exact, and the audit trail stays one
//!   totally ordered chain (the next `seq` and `prev_hash` are read under
//!   the lock). Readers never wait.
//! - **Changes counted** by rows, as SQLite's `total_changes` counts them
//!   (what `Ledger::write` checks against the audit entries).
//! - **All or nothing.** A transaction that is dropped, cut off by a lost
//!   connection or a killed process is rolled back by the server.
//! - **One issue run per ledger.** `password issue` takes a session-level
//!   advisory lock ([`ISSUE_LOCK`]) for as long as it runs, on every host,
//!   waiting for it at most the busy timeout (the lock of a run whose
//!   client just died is let go only once its server backend notices).
//!
//! Errors: an unreachable server or a lost connection is exit 75 naming the
//! server; a refused login is 78; a lock wait past the busy timeout, a
//! serialization failure or a deadlock inside a transaction is 75 (a
//! statement outside a transaction is retried a few times first).
//!
//! Types: see `migrations`. Parameters are sent typed (text, bigint; NULL
//! left for the server to infer), cells read back into [`Value`]s;
//! statements are prepared once per connection.

mod migrations;
pub mod tls;
pub mod url;

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::io::Write;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::time::Duration;

use bytes::BytesMut;
use postgres::fallible_iterator::FallibleIterator;
use postgres::types::{IsNull, Kind, ToSql, Type, to_sql_checked};
use postgres::{Client, Statement};

use super::exec::{Conn, Exec, Param, Row, RowSource, Transaction, Value};
use super::{InitOutcome, Ledger, SCHEMA_VERSION, Target, Tx};
use crate::error::{Error, Result};

pub use url::is_url;

/// The advisory lock every write transaction takes first ("ACSE", 1).
const WRITE_LOCK: i64 = 0x4143_5345_0000_0001;

/// The advisory lock a `password issue` run holds ("ACSE", 2).
const ISSUE_LOCK: i64 = 0x4143_5345_0000_0002;

/// How often a statement outside a transaction is retried after a
/// serialization failure or a deadlock.
const RETRIES: u32 = 3;

/// What an error message names.
struct Place {
    path: PathBuf,
    server: String,
    user: String,
    busy_ms: u64,
    /// `sslmode=disable`: the connection is plain.
    plain: bool,
}

impl Place {
    fn unreachable(&self, detail: &str) -> Error {
        Error::DbUnreachable {
            server: self.server.clone(),
            detail: detail.to_owned(),
        }
    }

    /// Map a driver error to the exit-code contract.
    fn err(&self, e: postgres::Error) -> Error {
        if let Some(db) = e.as_db_error() {
            let (code, message) = (db.code().code().to_owned(), db.message().to_owned());
            return match code.as_str() {
                // serialization failure, deadlock, lock wait past lock_timeout
                "40001" | "40P01" | "55P03" => Error::Busy {
                    path: self.path.clone(),
                    waited_ms: self.busy_ms,
                },
                "28P01" | "28000" => Error::DbAuthFailed {
                    server: self.server.clone(),
                    user: self.user.clone(),
                    detail: message,
                    plain: self.plain,
                },
                "42501" => Error::DbDenied {
                    server: self.server.clone(),
                    user: self.user.clone(),
                    detail: message,
                },
                "3D000" => Error::NoLedger {
                    path: self.path.clone(),
                },
                c if c.starts_with("08") || c.starts_with("57P") || c == "53300" => {
                    self.unreachable(&message)
                }
                _ => Error::Db {
                    path: self.path.clone(),
                    source: Box::new(std::io::Error::other(format!("{db} (SQLSTATE {code})"))),
                },
            };
        }
        if e.is_closed() {
            return self.unreachable("connection closed");
        }
        let mut source = std::error::Error::source(&e);
        while let Some(s) = source {
            if let Some(io) = s.downcast_ref::<std::io::Error>() {
                return self.unreachable(&io.to_string());
            }
            source = s.source();
        }
        Error::Db {
            path: self.path.clone(),
            source: Box::new(e),
        }
    }

    /// An error while connecting: as [`Place::err`], except that what is
    /// neither the server's word nor the network (a password the server
    /// asked for and we have none, a TLS failure) is a configuration
    /// problem (78).
    fn connect_err(&self, e: postgres::Error) -> Error {
        if let Some(refused) = tls_refusal(&e) {
            return Error::DbTlsRefused {
                server: self.server.clone(),
                detail: refused,
            };
        }
        if offers_no_tls(&e) {
            return Error::DbNoTls {
                server: self.server.clone(),
            };
        }
        match self.err(e) {
            Error::Db { source, .. } => {
                let detail = source.to_string();
                if detail.contains("TLS") || detail.contains("tls") {
                    Error::DbTlsUnusable { detail }
                } else {
                    Error::DbAuthFailed {
                        server: self.server.clone(),
                        user: self.user.clone(),
                        detail,
                        plain: false,
                    }
                }
            }
            other => other,
        }
    }

    fn retryable(e: &postgres::Error) -> bool {
        e.as_db_error()
            .is_some_and(|d| matches!(d.code().code(), "40001" | "40P01"))
    }
}

/// The TLS layer's refusal inside a driver error (a certificate that does
/// not chain to the roots or does not name the host, a failed handshake):
/// a setting to fix, not a network failure to retry.
fn tls_refusal(e: &postgres::Error) -> Option<String> {
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        if let Some(t) = s.downcast_ref::<rustls::Error>() {
            return Some(t.to_string());
        }
        if let Some(t) = s
            .downcast_ref::<std::io::Error>()
            .and_then(|io| io.get_ref())
            .and_then(|inner| inner.downcast_ref::<rustls::Error>())
        {
            return Some(t.to_string());
        }
        source = s.source();
    }
    None
}

/// The driver's refusal of a server that answered the request for TLS
/// with "no" while sslmode requires it: its only TLS error that is no
/// TLS layer's (tokio-postgres `connect_tls`: a TLS error whose cause is
/// this text).
fn offers_no_tls(e: &postgres::Error) -> bool {
    const NO_TLS: &str = "server does not support TLS";
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        if s.to_string() == NO_TLS {
            return true;
        }
        source = s.source();
    }
    false
}

/// A parameter as the server takes it: by the type the statement has for
/// it (a bigint column, a text cast, ...).
#[derive(Debug)]
struct PgParam<'a>(Param<'a>);

impl ToSql for PgParam<'_> {
    fn to_sql(
        &self,
        ty: &Type,
        out: &mut BytesMut,
    ) -> std::result::Result<IsNull, Box<dyn std::error::Error + Sync + Send>> {
        let int = |n: i64, out: &mut BytesMut| match *ty {
            Type::INT8 => n.to_sql(ty, out),
            Type::INT4 => i32::try_from(n)?.to_sql(ty, out),
            Type::INT2 => i16::try_from(n)?.to_sql(ty, out),
            Type::BOOL => (n != 0).to_sql(ty, out),
            _ => n.to_string().as_str().to_sql(ty, out),
        };
        match self.0 {
            Param::Null => Ok(IsNull::Yes),
            Param::Int(n) => int(n, out),
            Param::Bool(b) => int(i64::from(b), out),
            Param::Text(s) => s.to_sql(ty, out),
        }
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    to_sql_checked!();
}

/// `?N` placeholders as `$N` (outside quoted text).
fn dollars(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut quoted = false;
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\'' => quoted = !quoted,
            '?' if !quoted && chars.peek().is_some_and(char::is_ascii_digit) => {
                out.push('$');
                continue;
            }
            _ => {}
        }
        out.push(c);
    }
    out
}

/// The types a statement is prepared with: text and bigint as given; NULL
/// for the server to infer (oid 0), or as `null_as`.
fn param_types(params: &[Param<'_>], null_as: Option<Type>) -> Vec<Type> {
    params
        .iter()
        .map(|p| match p {
            Param::Text(_) => Type::TEXT,
            Param::Int(_) | Param::Bool(_) => Type::INT8,
            Param::Null => null_as.clone().unwrap_or_else(|| {
                Type::new("unspecified".into(), 0, Kind::Simple, "pg_catalog".into())
            }),
        })
        .collect()
}

fn cell(r: &postgres::Row, i: usize, place: &Place) -> Result<Value> {
    let ty = r.columns()[i].type_();
    let got = match *ty {
        Type::INT8 => r.try_get::<_, Option<i64>>(i).map(|v| v.map(Value::Int)),
        Type::INT4 => r
            .try_get::<_, Option<i32>>(i)
            .map(|v| v.map(|n| Value::Int(n.into()))),
        Type::INT2 => r
            .try_get::<_, Option<i16>>(i)
            .map(|v| v.map(|n| Value::Int(n.into()))),
        Type::BOOL => r.try_get::<_, Option<bool>>(i).map(|v| v.map(Value::Bool)),
        Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME => r
            .try_get::<_, Option<String>>(i)
            .map(|v| v.map(Value::Text)),
        _ => {
            return Err(Error::Corrupt {
                path: place.path.clone(),
                detail: format!("column {i}: unexpected type {ty}"),
            });
        }
    };
    Ok(got.map_err(|e| place.err(e))?.unwrap_or(Value::Null))
}

/// An open PostgreSQL ledger: one connection.
struct Pg {
    client: RefCell<Client>,
    place: Place,
    /// Prepared statements by parameter types and text.
    statements: RefCell<HashMap<String, Statement>>,
    /// The ledger's server keeps the trail (schema 20 on: `acctsec_append`
    /// and `acctsec_now` exist); once seen, it stays so.
    server_trail: Cell<bool>,
}

impl Pg {
    fn statement(&self, client: &mut Client, sql: &str, params: &[Param<'_>]) -> Result<Statement> {
        let mut key: String = params
            .iter()
            .map(|p| match p {
                Param::Text(_) => 't',
                Param::Int(_) | Param::Bool(_) => 'i',
                Param::Null => 'n',
            })
            .collect();
        key.push('\0');
        key.push_str(sql);
        if let Some(s) = self.statements.borrow().get(&key) {
            return Ok(s.clone());
        }
        let text = dollars(sql);
        // A NULL is sent untyped for the server to infer; where it cannot
        // (`?1 IS NULL OR ...` alone), as text, else as a bigint.
        let mut stmt = client.prepare_typed(&text, &param_types(params, None));
        for null_as in [Type::TEXT, Type::INT8] {
            match &stmt {
                Err(e)
                    if e.as_db_error().is_some_and(|d| {
                        matches!(d.code().code(), "42P08" | "42P18" | "42883" | "42804")
                    }) && params.contains(&Param::Null) =>
                {
                    stmt = client.prepare_typed(&text, &param_types(params, Some(null_as)));
                }
                _ => break,
            }
        }
        let stmt = stmt.map_err(|e| self.place.err(e))?;
        self.statements.borrow_mut().insert(key, stmt.clone());
        Ok(stmt)
    }

    fn run_query(
        &self,
        sql: &str,
        params: &[Param<'_>],
        each: &mut dyn FnMut(Row<'_>) -> Result<ControlFlow<()>>,
    ) -> std::result::Result<(), Attempt> {
        let mut client = self.client.borrow_mut();
        let stmt = self.statement(&mut client, sql, params)?;
        let args: Vec<PgParam> = params.iter().map(|p| PgParam(*p)).collect();
        let mut rows = client
            .query_raw(&stmt, args.iter().map(|a| a as &dyn ToSql))
            .map_err(Attempt::Driver)?;
        while let Some(r) = rows.next().map_err(Attempt::Driver)? {
            let cells = (0..r.len())
                .map(|i| cell(&r, i, &self.place))
                .collect::<Result<Vec<_>>>()?;
            if each(Row::new(cells, &self.place.path))?.is_break() {
                break;
            }
        }
        Ok(())
    }

    fn run_execute(&self, sql: &str, params: &[Param<'_>]) -> std::result::Result<u64, Attempt> {
        let mut client = self.client.borrow_mut();
        let stmt = self.statement(&mut client, sql, params)?;
        let args: Vec<PgParam> = params.iter().map(|p| PgParam(*p)).collect();
        let refs: Vec<&(dyn ToSql + Sync)> = args.iter().map(|a| a as _).collect();
        client.execute(&stmt, &refs).map_err(Attempt::Driver)
    }

    /// Run `f`; outside a transaction, retry it after a serialization
    /// failure or deadlock (nothing of it was committed).
    fn retrying<T>(
        &self,
        in_tx: bool,
        mut f: impl FnMut() -> std::result::Result<T, Attempt>,
    ) -> Result<T> {
        let mut tries = 0;
        loop {
            match f() {
                Ok(v) => return Ok(v),
                Err(Attempt::Driver(e)) if !in_tx && tries < RETRIES && Place::retryable(&e) => {
                    tries += 1;
                    std::thread::sleep(Duration::from_millis(10 << tries));
                }
                Err(Attempt::Driver(e)) => return Err(self.place.err(e)),
                Err(Attempt::Mapped(e)) => return Err(e),
            }
        }
    }

    fn batch(&self, sql: &str) -> Result<()> {
        self.client
            .borrow_mut()
            .batch_execute(sql)
            .map_err(|e| self.place.err(e))
    }

    fn query_in(
        &self,
        in_tx: bool,
        sql: &str,
        params: &[Param<'_>],
        each: &mut dyn FnMut(Row<'_>) -> Result<ControlFlow<()>>,
    ) -> Result<()> {
        self.retrying(in_tx, || self.run_query(sql, params, each))
    }

    /// Whether the ledger's server keeps the trail (schema 20 on: its
    /// `acctsec_append` exists), asked through `db` until it does.
    fn keeps_trail(&self, db: &dyn Exec) -> Result<bool> {
        if !self.server_trail.get() {
            let there = db.one(
                "SELECT to_regprocedure('acctsec_append(text, text, text, text, text)') IS NOT NULL",
                &[],
                |mut r| r.bool(0),
            )?;
            self.server_trail.set(there);
        }
        Ok(self.server_trail.get())
    }

    /// The server's clock: `acctsec_now()` where the ledger has it;
    /// before (in the transaction that migrates an older ledger), a debug
    /// build's fixed clock or the server's `clock_timestamp()`.
    fn clock(&self, db: &dyn Exec) -> Result<String> {
        let sql = if self.keeps_trail(db)? {
            "SELECT to_char(acctsec_now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"
        } else if let Some(t) = crate::clock::fixed_now() {
            return Ok(crate::clock::to_stored(t));
        } else {
            "SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"
        };
        db.one(sql, &[], |mut r| r.text(0))
    }

    /// Take the ledger-wide write lock in the transaction just begun.
    fn take_write_lock(&self) -> Result<()> {
        let busy = || Error::Busy {
            path: self.place.path.clone(),
            waited_ms: self.place.busy_ms,
        };
        let db: &dyn Exec = self;
        if self.place.busy_ms == 0 {
            let got = db.one(
                "SELECT pg_try_advisory_xact_lock(?1)",
                &[Param::Int(WRITE_LOCK)],
                |mut r| r.bool(0),
            )?;
            return if got { Ok(()) } else { Err(busy()) };
        }
        let ms = self.place.busy_ms.min(super::MAX_BUSY_TIMEOUT_MS);
        self.batch(&format!("SET LOCAL lock_timeout = {ms}"))?;
        // (A simple query: the function returns `void`, which is no cell.)
        self.batch(&format!("SELECT pg_advisory_xact_lock({WRITE_LOCK})"))?;
        self.batch("SET LOCAL lock_timeout = 0")
    }

    /// The schema version, or `None` where the database holds no acctsec
    /// ledger; with it, whether it holds tables of anything else.
    fn schema(&self, db: &dyn Exec) -> Result<(Option<i64>, bool)> {
        let version = if db.one(
            "SELECT to_regclass('acctsec_schema') IS NOT NULL",
            &[],
            |mut r| r.bool(0),
        )? {
            Some(db.one(
                "SELECT version FROM acctsec_schema WHERE id = 1",
                &[],
                |mut r| r.int(0),
            )?)
        } else {
            None
        };
        let tables = db.one(
            "SELECT count(*) FROM pg_catalog.pg_class c
               JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
              WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')
                AND n.nspname NOT IN ('pg_catalog', 'information_schema')
                AND n.nspname NOT LIKE 'pg_toast%'",
            &[],
            |mut r| r.int(0),
        )?;
        Ok((version, tables > 0))
    }
}

/// One attempt at a statement: the driver's error (maybe retried) or one
/// already mapped.
enum Attempt {
    Driver(postgres::Error),
    Mapped(Error),
}

impl From<Error> for Attempt {
    fn from(e: Error) -> Attempt {
        Attempt::Mapped(e)
    }
}

impl Exec for Pg {
    fn query(
        &self,
        sql: &str,
        params: &[Param<'_>],
        each: &mut dyn FnMut(Row<'_>) -> Result<ControlFlow<()>>,
    ) -> Result<()> {
        self.query_in(false, sql, params, each)
    }

    fn execute(&self, sql: &str, params: &[Param<'_>]) -> Result<u64> {
        self.retrying(false, || self.run_execute(sql, params))
    }

    fn path(&self) -> &Path {
        &self.place.path
    }
}

impl Conn for Pg {
    fn begin(&mut self) -> Result<Box<dyn Transaction + '_>> {
        self.batch("BEGIN ISOLATION LEVEL READ COMMITTED")?;
        let tx = PgTx {
            pg: &*self,
            open: Cell::new(true),
            changed: Cell::new(0),
        };
        tx.pg.take_write_lock()?;
        Ok(Box::new(tx))
    }

    /// Take the issue lock, waiting for it at most the busy timeout. Its
    /// holder may be a run going on (exit 75 after the wait) or the server
    /// backend of a client that has just died (killed, crashed, cut off):
    /// the server lets go of that session's locks only once its backend
    /// notices the client is gone (when next it reads from or writes to
    /// the connection), so failing at once would refuse the rerun of a run
    /// that no longer exists.
    fn lock_issue_runs(&self) -> Result<bool> {
        let db: &dyn Exec = self;
        let got = db.one(
            "SELECT pg_try_advisory_lock(?1)",
            &[Param::Int(ISSUE_LOCK)],
            |mut r| r.bool(0),
        )?;
        if got || self.place.busy_ms == 0 {
            return Ok(got);
        }
        let ms = self.place.busy_ms.min(super::MAX_BUSY_TIMEOUT_MS);
        self.batch(&format!("SET lock_timeout = {ms}"))?;
        // (A simple query: the function returns `void`, which is no cell.)
        let waited = self.batch(&format!("SELECT pg_advisory_lock({ISSUE_LOCK})"));
        self.batch("RESET lock_timeout")?;
        match waited {
            Ok(()) => Ok(true),
            // Still held past the busy timeout (55P03).
            Err(Error::Busy { .. }) => Ok(false),
            Err(e) => Err(e),
        }
    }

    fn identity(&self) -> Result<String> {
        let db: &dyn Exec = self;
        db.one("SELECT CAST(session_user AS TEXT)", &[], |mut r| r.text(0))
    }

    fn file(&self) -> Option<&Path> {
        None
    }

    fn server_now(&self) -> Result<Option<String>> {
        self.clock(self).map(Some)
    }

    fn trail_guard(&self) -> Result<Option<super::TrailGuard>> {
        let db: &dyn Exec = self;
        let server_appends = db.one(
            "SELECT coalesce(bool_and(p.prosecdef AND p.proowner = c.relowner), false)
                    AND count(*) = 2
               FROM pg_catalog.pg_proc p, pg_catalog.pg_class c
              WHERE c.oid = to_regclass('audit_log')
                AND p.oid IN (to_regprocedure('acctsec_append(text, text, text, text, text)'),
                              to_regprocedure('acctsec_seal(bigint, text, text, text, text)'))",
            &[],
            |mut r| r.bool(0),
        )?;
        let writers = db.all(
            "SELECT CAST(r.rolname AS TEXT) FROM pg_catalog.pg_roles r
              WHERE NOT r.rolsuper
                AND r.rolname NOT LIKE 'pg\\_%'
                AND r.oid <> (SELECT c.relowner FROM pg_catalog.pg_class c
                               WHERE c.oid = to_regclass('audit_log'))
                AND EXISTS (SELECT 1 FROM unnest(ARRAY['audit_log', 'seal']) AS t(name),
                                          unnest(ARRAY['INSERT', 'UPDATE', 'DELETE', 'TRUNCATE']) AS p(what)
                             WHERE has_table_privilege(r.oid, to_regclass(t.name), p.what))
              ORDER BY 1",
            &[],
            |mut r| r.text(0),
        )?;
        let test_clock = db.one(
            "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'acctsec_test_clock')",
            &[],
            |mut r| r.bool(0),
        )?;
        Ok(Some(super::TrailGuard {
            server_appends,
            writers,
            test_clock,
        }))
    }

    /// Nothing to do from a client: the server's files are readable only by
    /// its own account, and the dead row versions a blanking leaves are
    /// reclaimed by autovacuum (`VACUUM` cannot run from here on demand
    /// without stalling the front end on a large outbox).
    fn scrub(&self) -> Result<()> {
        Ok(())
    }
}

/// A write transaction: the ledger-wide advisory lock is held from its
/// start. Dropped open, it is rolled back.
struct PgTx<'c> {
    pg: &'c Pg,
    open: Cell<bool>,
    /// Rows changed so far (as SQLite's `total_changes` counts them: an
    /// upsert whose update found nothing to do changes nothing).
    changed: Cell<u64>,
}

/// Whether a statement writes rows (its rows returned, if any, are the rows
/// it changed).
fn writes(sql: &str) -> bool {
    let first = sql.split_whitespace().next().unwrap_or_default();
    ["INSERT", "UPDATE", "DELETE"]
        .iter()
        .any(|w| first.eq_ignore_ascii_case(w))
}

impl Drop for PgTx<'_> {
    fn drop(&mut self) {
        if self.open.get() {
            // A lost connection rolls back on the server by itself.
            let _ = self.pg.client.borrow_mut().batch_execute("ROLLBACK");
        }
    }
}

impl Exec for PgTx<'_> {
    fn query(
        &self,
        sql: &str,
        params: &[Param<'_>],
        each: &mut dyn FnMut(Row<'_>) -> Result<ControlFlow<()>>,
    ) -> Result<()> {
        if !writes(sql) {
            return self.pg.query_in(true, sql, params, each);
        }
        let mut rows = 0;
        let r = self.pg.query_in(true, sql, params, &mut |row| {
            rows += 1;
            each(row)
        });
        self.changed.set(self.changed.get() + rows);
        r
    }

    fn execute(&self, sql: &str, params: &[Param<'_>]) -> Result<u64> {
        let n = self
            .pg
            .retrying(true, || self.pg.run_execute(sql, params))?;
        self.changed.set(self.changed.get() + n);
        Ok(n)
    }

    fn path(&self) -> &Path {
        &self.pg.place.path
    }

    /// `COPY ... FROM STDIN` in text format: one round trip for all rows.
    /// (`rows` must not run statements of its own: the connection is busy
    /// with the copy until it returns.)
    fn copy_in(&self, table: &str, columns: &[&str], rows: &mut RowSource<'_>) -> Result<u64> {
        let n = self.copy_rows(table, columns, rows)?;
        self.changed.set(self.changed.get() + n);
        Ok(n)
    }
}

impl PgTx<'_> {
    /// `COPY table (columns) FROM STDIN` of `rows`; how many.
    fn copy_rows(&self, table: &str, columns: &[&str], rows: &mut RowSource<'_>) -> Result<u64> {
        let place = &self.pg.place;
        let mut client = self.pg.client.borrow_mut();
        let mut w = client
            .copy_in(&format!("COPY {table} ({}) FROM STDIN", columns.join(", ")))
            .map_err(|e| place.err(e))?;
        // Rows go out in chunks of this many bytes (one message each).
        const CHUNK: usize = 256 * 1024;
        let mut buf = Vec::with_capacity(CHUNK + 4096);
        rows(&mut |row| {
            for (i, p) in row.iter().enumerate() {
                if i > 0 {
                    buf.push(b'\t');
                }
                copy_text(&mut buf, p);
            }
            buf.push(b'\n');
            if buf.len() >= CHUNK {
                w.write_all(&buf).map_err(|e| copy_err(place, e))?;
                buf.clear();
            }
            Ok(())
        })?;
        w.write_all(&buf).map_err(|e| copy_err(place, e))?;
        w.finish().map_err(|e| place.err(e))
    }
}

/// One value in COPY's text format: `\N` for NULL; backslash, tab, newline
/// and carriage return escaped.
fn copy_text(out: &mut Vec<u8>, p: &Param<'_>) {
    match *p {
        Param::Null => out.extend_from_slice(b"\\N"),
        Param::Int(n) => {
            use std::io::Write as _;
            write!(out, "{n}").expect("a Vec takes any bytes");
        }
        Param::Bool(b) => out.push(if b { b'1' } else { b'0' }),
        Param::Text(s) => {
            // Runs without a byte to escape (nearly all text) are copied
            // whole, not byte by byte.
            let mut rest = s.as_bytes();
            // (Only a backslash or a control character can need escaping:
            // a test the compiler checks many bytes at a time.)
            if !rest
                .iter()
                .fold(false, |any, &b| any | (b < 0x20) | (b == b'\\'))
            {
                out.extend_from_slice(rest);
                return;
            }
            while let Some(at) = rest
                .iter()
                .position(|b| matches!(b, b'\\' | b'\t' | b'\n' | b'\r'))
            {
                out.extend_from_slice(&rest[..at]);
                out.extend_from_slice(match rest[at] {
                    b'\\' => b"\\\\",
                    b'\t' => b"\\t",
                    b'\n' => b"\\n",
                    _ => b"\\r",
                });
                rest = &rest[at + 1..];
            }
            out.extend_from_slice(rest);
        }
    }
}

/// A write into a COPY that failed: the driver's error inside, mapped.
fn copy_err(place: &Place, e: std::io::Error) -> Error {
    match e.into_inner().map(|b| b.downcast::<postgres::Error>()) {
        Some(Ok(e)) => place.err(*e),
        Some(Err(other)) => place.unreachable(&other.to_string()),
        None => place.unreachable("the connection failed during a copy"),
    }
}

impl Transaction for PgTx<'_> {
    fn has_changed(&self) -> Result<bool> {
        Ok(self.changed.get() > 0)
    }

    fn server_now(&self) -> Result<Option<String>> {
        self.pg.clock(self).map(Some)
    }

    fn server_trail(&self) -> Result<bool> {
        self.pg.keeps_trail(self)
    }

    /// The README's grants ("Roles on PostgreSQL") in the ledger's own
    /// schema: the staff role works on every table but writes the trail,
    /// its seals and the schema version only through the server's
    /// functions; the read role reads; tables a later migration creates get
    /// the same (default privileges of the owner running this).
    fn grant_roles(&self, staff: &str, read: Option<&str>) -> Result<Option<Vec<String>>> {
        let db: &dyn Exec = self;
        // Only the tables' owner (or a member, or a superuser) really grants:
        // anyone else's GRANT is a warning that changes nothing.
        let (owner, user, owns) = db.one(
            "SELECT CAST(pg_get_userbyid(c.relowner) AS TEXT), CAST(current_user AS TEXT),
                    pg_has_role(current_user, c.relowner, 'USAGE')
               FROM pg_catalog.pg_class c WHERE c.oid = to_regclass('audit_log')",
            &[],
            |mut r| Ok((r.text(0)?, r.text(1)?, r.bool(2)?)),
        )?;
        if !owns {
            return Err(Error::NotOwner { user, owner });
        }
        for role in std::iter::once(staff).chain(read) {
            let exists = db.one(
                "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = ?1)",
                &[Param::Text(role)],
                |mut r| r.bool(0),
            )?;
            if !exists {
                return Err(Error::NoRole {
                    role: role.to_string(),
                });
            }
        }
        let schema = quote_ident(&db.one(
            "SELECT CAST(current_schema() AS TEXT)",
            &[],
            |mut r| r.text(0),
        )?);
        let s = quote_ident(staff);
        let mut all = vec![
            format!("GRANT USAGE ON SCHEMA {schema} TO {s}"),
            format!("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schema} TO {s}"),
            format!("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {s}"),
            format!(
                "REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON audit_log, seal, acctsec_schema FROM {s}"
            ),
            format!(
                "GRANT EXECUTE ON FUNCTION acctsec_append(text, text, text, text, text), \
                 acctsec_seal(bigint, text, text, text, text) TO {s}"
            ),
            format!(
                "ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} \
                 GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {s}"
            ),
            format!(
                "ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} GRANT USAGE, SELECT ON SEQUENCES TO {s}"
            ),
        ];
        if let Some(read) = read {
            let r = quote_ident(read);
            all.extend([
                format!("GRANT USAGE ON SCHEMA {schema} TO {r}"),
                format!("GRANT SELECT ON ALL TABLES IN SCHEMA {schema} TO {r}"),
                format!(
                    "ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} GRANT SELECT ON TABLES TO {r}"
                ),
            ]);
        }
        for sql in &all {
            self.pg.batch(sql)?;
        }
        Ok(Some(all))
    }

    fn claim_clause(&self) -> &'static str {
        " FOR UPDATE SKIP LOCKED"
    }

    fn commit(self: Box<Self>) -> Result<()> {
        self.open.set(false);
        self.pg.batch("COMMIT")
    }

    fn schema_version(&self) -> Result<i64> {
        Ok(self.pg.schema(self)?.0.unwrap_or(0))
    }

    fn upgrade_schema(&self, from: i64, to: i64) -> Result<()> {
        let from = usize::try_from(from).unwrap_or(0);
        let to = to.min(SCHEMA_VERSION);
        let upto = usize::try_from(to).unwrap_or(0);
        for sql in migrations::MIGRATIONS.get(from..upto).unwrap_or_default() {
            self.pg.batch(sql)?;
            self.changed.set(self.changed.get() + 1);
        }
        // Statements prepared before the schema changed may no longer fit.
        self.pg.statements.borrow_mut().clear();
        let db: &dyn Exec = self;
        db.execute(
            "UPDATE acctsec_schema SET version = ?1 WHERE id = 1",
            &[Param::Int(to)],
        )?;
        Ok(())
    }

    fn scratch(
        &self,
        name: &str,
        columns: &[(&str, &str)],
        rows: &mut RowSource<'_>,
    ) -> Result<()> {
        let defs: Vec<String> = columns.iter().map(|(c, t)| format!("{c} {t}")).collect();
        self.pg.batch(&format!(
            "DROP TABLE IF EXISTS pg_temp.{name}; CREATE TEMP TABLE {name} ({}) ON COMMIT DROP",
            defs.join(", ")
        ))?;
        let names: Vec<&str> = columns.iter().map(|(c, _)| *c).collect();
        self.copy_rows(name, &names, rows)?;
        // A temporary table has no statistics until analysed: without them
        // the planner guesses, and may scan a big table once per load.
        self.pg.batch(&format!("ANALYZE {name}"))
    }

    fn tables(&self) -> Result<Vec<String>> {
        let db: &dyn Exec = self;
        db.all(
            "SELECT CAST(tablename AS TEXT) FROM pg_catalog.pg_tables
              WHERE schemaname = current_schema() AND tablename <> 'acctsec_schema'
              ORDER BY 1",
            &[],
            |mut r| r.text(0),
        )
    }

    fn after_copy(&self) -> Result<()> {
        let db: &dyn Exec = self;
        let identities = db.all(
            "SELECT CAST(table_name AS TEXT), CAST(column_name AS TEXT) FROM information_schema.columns
              WHERE table_schema = current_schema() AND is_identity = 'YES'",
            &[],
            |mut r| Ok((r.text(0)?, r.text(1)?)),
        )?;
        for (table, column) in identities {
            db.query(
                &format!(
                    "SELECT setval(pg_get_serial_sequence('{table}', '{column}'), max({column}))
                       FROM {table} HAVING max({column}) IS NOT NULL"
                ),
                &[],
                &mut |_| Ok(ControlFlow::Continue(())),
            )?;
        }
        Ok(())
    }
}

/// `name` as an SQL identifier, quoted.
fn quote_ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// Connect to the server a ledger URL names.
fn connect(target: &Target) -> Result<Pg> {
    let url = url::parse(&target.path)?;
    let place = Place {
        path: target.path.clone(),
        server: url.server(),
        user: url.user.clone(),
        busy_ms: target.busy_timeout_ms,
        plain: url.sslmode == url::SslMode::Disable,
    };
    let mut cfg = postgres::Config::new();
    cfg.user(&url.user)
        .dbname(&url.dbname)
        .port(url.port)
        .application_name(&url.application_name)
        .keepalives(true);
    if url.is_socket() {
        cfg.host_path(&url.host);
    } else {
        cfg.host(&url.host);
    }
    if url.connect_timeout_s > 0 {
        cfg.connect_timeout(Duration::from_secs(url.connect_timeout_s));
    }
    if let Some(pw) = url.password() {
        cfg.password(pw.as_bytes());
    }
    let mut client = tls::connect(&mut cfg, &url)?.map_err(|e| place.connect_err(e))?;
    // Names are pinned to the ledger's schema: the default search path
    // starts with a schema named like the user (`"$user", public`), where
    // anyone who may create a schema could plant an `audit_log` of their
    // own. PostgreSQL searches `pg_catalog` (and this session's own
    // temporary tables) before the path's schemas whenever the path does
    // not name them, so built-in names come first still.
    let pin = format!("SET search_path TO {}", quote_ident(&url.schema));
    client.batch_execute(&pin).map_err(|e| place.err(e))?;
    // A debug build's fixed clock (`ACCTSEC_NOW`) is offered to the server,
    // whose `acctsec_now` follows it only on a test cluster (migration 20);
    // a release build never has one.
    if let Some(t) = crate::clock::fixed_now() {
        let set = format!("SET acctsec.now TO '{}'", crate::clock::to_stored(t));
        client.batch_execute(&set).map_err(|e| place.err(e))?;
    }
    Ok(Pg {
        client: RefCell::new(client),
        place,
        statements: RefCell::new(HashMap::new()),
        server_trail: Cell::new(false),
    })
}

/// Open an existing ledger. An empty database, one holding something else,
/// or a ledger from a newer acctsec is refused without modifying it.
pub(super) fn open(target: &Target) -> Result<Ledger> {
    let pg = connect(target)?;
    let (version, others) = pg.schema(&pg)?;
    match version {
        None if others => Err(Error::NotALedger {
            path: target.path.clone(),
        }),
        None => Err(Error::NoLedger {
            path: target.path.clone(),
        }),
        // The gate is the ledger's, for both backends.
        Some(v) => Ledger::admit(Box::new(pg), target, v),
    }
}

/// Create a ledger in the (empty) database, unless one exists there (then
/// it is checked, left unchanged, and `Existed` returned). The schema and
/// `setup` are one transaction under the write lock: no half-made ledger
/// is ever visible, and of two concurrent `init`s the second finds the
/// first's ledger. A database holding tables of anything else is refused
/// (78) untouched.
pub(super) fn init(
    target: &Target,
    setup: impl FnOnce(&mut Tx) -> Result<()>,
) -> Result<InitOutcome> {
    let pg = connect(target)?;
    let mut ledger = Ledger::new(Box::new(pg), target);
    let created = ledger.write(|tx| {
        let (version, others) = {
            let db = tx.exec();
            let found = db.one(
                "SELECT to_regclass('acctsec_schema') IS NOT NULL",
                &[],
                |mut r| r.bool(0),
            )?;
            let others = db.one(
                "SELECT count(*) FROM pg_catalog.pg_class c
                   JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                  WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')
                    AND n.nspname NOT IN ('pg_catalog', 'information_schema')
                    AND n.nspname NOT LIKE 'pg_toast%'",
                &[],
                |mut r| r.int(0),
            )?;
            (found, others > 0)
        };
        if version {
            return Ok(false);
        }
        if others {
            return Err(Error::NotALedger {
                path: target.path.clone(),
            });
        }
        super::migrate_in(tx)?;
        setup(tx)?;
        Ok(true)
    })?;
    drop(ledger);
    if created {
        Ok(InitOutcome::Created)
    } else {
        open(target)?;
        Ok(InitOutcome::Existed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copy_text_escapes_what_copy_would_read_as_syntax() {
        let mut out = Vec::new();
        for p in [
            Param::Text("a\\b\tc\nd\re 漢字"),
            Param::Null,
            Param::Int(-7),
            Param::Bool(true),
        ] {
            copy_text(&mut out, &p);
            out.push(b'|');
        }
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "a\\\\b\\tc\\nd\\re 漢字|\\N|-7|1|"
        );
    }

    #[test]
    fn placeholders() {
        assert_eq!(
            dollars("SELECT a FROM t WHERE b = ?1 AND c = '?2' AND d IN (?2, ?10)"),
            "SELECT a FROM t WHERE b = $1 AND c = '?2' AND d IN ($2, $10)"
        );
    }
}
