//! The backend-neutral executor: what every query of the ledger is written
//! against, and what a backend implements.
//!
//! A query is SQL text with numbered placeholders (`?1`, `?2`, ...; a
//! backend whose driver spells them otherwise rewrites them), a slice of
//! [`Param`]s and a function from [`Row`] to a value. Neither side sees a
//! driver type: parameters are borrowed text, integers, booleans or NULL;
//! rows are owned cells of the same kinds.

use std::ops::ControlFlow;
use std::path::Path;

use crate::error::{Error, Result};

/// A bound parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Param<'a> {
    Null,
    Int(i64),
    Text(&'a str),
    /// SQLite stores it as the integer 0 or 1.
    Bool(bool),
}

/// What can be bound as a parameter (through [`params!`]).
pub trait ToParam {
    fn to_param(&self) -> Param<'_>;
}

impl ToParam for str {
    fn to_param(&self) -> Param<'_> {
        Param::Text(self)
    }
}

impl ToParam for String {
    fn to_param(&self) -> Param<'_> {
        Param::Text(self)
    }
}

impl ToParam for i64 {
    fn to_param(&self) -> Param<'_> {
        Param::Int(*self)
    }
}

impl ToParam for u32 {
    fn to_param(&self) -> Param<'_> {
        Param::Int(i64::from(*self))
    }
}

impl ToParam for u64 {
    fn to_param(&self) -> Param<'_> {
        // Counts and sequence numbers: far below 2^63.
        Param::Int(*self as i64)
    }
}

impl ToParam for bool {
    fn to_param(&self) -> Param<'_> {
        Param::Bool(*self)
    }
}

impl<T: ToParam> ToParam for Option<T> {
    fn to_param(&self) -> Param<'_> {
        match self {
            Some(v) => v.to_param(),
            None => Param::Null,
        }
    }
}

impl<T: ToParam + ?Sized> ToParam for &T {
    fn to_param(&self) -> Param<'_> {
        (**self).to_param()
    }
}

/// `params![a, b]`: the parameters `?1`, `?2` of a query, borrowed from the
/// expressions (use it inside the call that runs the query).
macro_rules! params {
    () => {
        &[] as &[$crate::ledger::exec::Param<'_>]
    };
    ($($e:expr),+ $(,)?) => {
        &[$($crate::ledger::exec::ToParam::to_param(&$e)),+] as &[$crate::ledger::exec::Param<'_>]
    };
}
pub(crate) use params;

/// One cell of a result row.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Value {
    #[default]
    Null,
    Int(i64),
    Text(String),
    /// From a backend with a boolean type; read with [`Row::bool`].
    Bool(bool),
}

/// One result row: owned cells, read by position. Each getter takes the
/// cell out of the row (read each column once).
#[derive(Debug)]
pub struct Row<'p> {
    cells: Vec<Value>,
    /// The ledger, for the error naming a cell of an unexpected type.
    path: &'p Path,
}

impl<'p> Row<'p> {
    pub fn new(cells: Vec<Value>, path: &'p Path) -> Row<'p> {
        Row { cells, path }
    }

    /// Every cell, in column order (to copy a row as it is).
    pub fn into_cells(self) -> Vec<Value> {
        self.cells
    }

    fn take(&mut self, i: usize) -> Value {
        self.cells
            .get_mut(i)
            .map(std::mem::take)
            .unwrap_or(Value::Null)
    }

    /// A stored value that does not fit the schema: the file was altered.
    pub fn bad(&self, i: usize, what: impl std::fmt::Display) -> Error {
        Error::Corrupt {
            path: self.path.to_path_buf(),
            detail: format!("column {i}: {what}"),
        }
    }

    pub fn opt_text(&mut self, i: usize) -> Result<Option<String>> {
        match self.take(i) {
            Value::Null => Ok(None),
            Value::Text(s) => Ok(Some(s)),
            v => Err(self.bad(i, format_args!("expected text, found {v:?}"))),
        }
    }

    pub fn text(&mut self, i: usize) -> Result<String> {
        self.opt_text(i)?
            .ok_or_else(|| self.bad(i, "expected text, found NULL"))
    }

    pub fn opt_int(&mut self, i: usize) -> Result<Option<i64>> {
        match self.take(i) {
            Value::Null => Ok(None),
            Value::Int(n) => Ok(Some(n)),
            v => Err(self.bad(i, format_args!("expected an integer, found {v:?}"))),
        }
    }

    pub fn int(&mut self, i: usize) -> Result<i64> {
        self.opt_int(i)?
            .ok_or_else(|| self.bad(i, "expected an integer, found NULL"))
    }

    /// A count or sequence number (never negative).
    pub fn u64(&mut self, i: usize) -> Result<u64> {
        let n = self.int(i)?;
        u64::try_from(n).map_err(|_| self.bad(i, format_args!("negative count {n}")))
    }

    pub fn u32(&mut self, i: usize) -> Result<u32> {
        let n = self.int(i)?;
        u32::try_from(n).map_err(|_| self.bad(i, format_args!("count {n} out of range")))
    }

    pub fn bool(&mut self, i: usize) -> Result<bool> {
        match self.take(i) {
            Value::Bool(b) => Ok(b),
            Value::Int(0) => Ok(false),
            Value::Int(1) => Ok(true),
            v => Err(self.bad(i, format_args!("expected a boolean, found {v:?}"))),
        }
    }
}

/// Runs SQL on one connection or transaction of a backend. Errors come back
/// already mapped to [`Error`] (busy: exit 75; damaged: 74; and so on).
pub trait Exec {
    /// Run a query and hand each row, in order, to `each`, until it says
    /// [`ControlFlow::Break`] (the rest is not read).
    fn query(
        &self,
        sql: &str,
        params: &[Param<'_>],
        each: &mut dyn FnMut(Row<'_>) -> Result<ControlFlow<()>>,
    ) -> Result<()>;

    /// Run a statement; how many rows it changed.
    fn execute(&self, sql: &str, params: &[Param<'_>]) -> Result<u64>;

    /// Where the ledger is, for messages.
    fn path(&self) -> &Path;

    /// Load many rows into `table` (`columns` in order): `rows` hands each
    /// row, in order, to the sink it is given. A backend with a bulk path
    /// (PostgreSQL's `COPY ... FROM STDIN`) overrides this; the fallback
    /// inserts row by row. How many rows were loaded.
    fn copy_in(&self, table: &str, columns: &[&str], rows: &mut RowSource<'_>) -> Result<u64> {
        let sql = format!(
            "INSERT INTO {table} ({}) VALUES ({})",
            columns.join(", "),
            (1..=columns.len())
                .map(|i| format!("?{i}"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        let mut n = 0;
        rows(&mut |row| {
            n += self.execute(&sql, row)?;
            Ok(())
        })?;
        Ok(n)
    }
}

/// What [`Exec::copy_in`] loads: a function that hands every row to the sink.
pub type RowSource<'s> = dyn FnMut(&mut dyn FnMut(&[Param<'_>]) -> Result<()>) -> Result<()> + 's;

/// A connection to a ledger: what a backend provides besides [`Exec`].
pub trait Conn: Exec {
    /// Begin a write transaction that holds the ledger's write lock from
    /// its first statement, waiting up to the busy timeout for another
    /// writer ([`Error::Busy`], exit 75, after that).
    fn begin(&mut self) -> Result<Box<dyn Transaction + '_>>;

    /// Try to take, for as long as the connection stays open, the lock of
    /// `password issue` runs on this ledger across hosts; `false` when
    /// another connection holds it. A file-based backend leaves this to the
    /// directory lock of the issuance (always `true`).
    fn lock_issue_runs(&self) -> Result<bool> {
        Ok(true)
    }

    /// The ledger's file, for a backend that keeps one.
    fn file(&self) -> Option<&Path>;

    /// How the server guards the trail (a ledger on a server); `None` for a
    /// backend with no server.
    fn trail_guard(&self) -> Result<Option<super::TrailGuard>> {
        Ok(None)
    }

    /// The database server's clock now, in the stored form, as a write
    /// transaction would read it ([`Transaction::server_now`]); `None` for a
    /// backend with no server.
    fn server_now(&self) -> Result<Option<String>> {
        Ok(None)
    }

    /// The authenticated identity of this process as the backend knows it,
    /// written to every audit entry: nothing the user can type (the OS user
    /// of the process's uid for a file; the session user on a server).
    fn identity(&self) -> Result<String>;

    /// Remove from the backend's files the old copies of overwritten rows
    /// (run after a commit that blanked a secret): the overwritten content
    /// itself is zeroed as it is freed (SQLite: `secure_delete`), but older
    /// page images may live on in a write-ahead log. Best effort: a reader
    /// holding an old snapshot can keep them until the next scrub.
    fn scrub(&self) -> Result<()>;
}

/// A write transaction of a backend. Dropped without [`Transaction::commit`],
/// it rolls back.
pub trait Transaction: Exec {
    /// Whether this transaction has changed any row so far, by any
    /// statement (what [`super::Ledger::write`] checks against the audit
    /// entries).
    fn has_changed(&self) -> Result<bool>;

    fn commit(self: Box<Self>) -> Result<()>;

    /// The schema version the ledger is at (0: empty).
    fn schema_version(&self) -> Result<i64>;

    /// Apply this backend's migrations after `from`, up to `to`, and
    /// record `to` as the version.
    fn upgrade_schema(&self, from: i64, to: i64) -> Result<()>;

    /// The ledger's tables (for `ledger copy`, which must know them all).
    fn tables(&self) -> Result<Vec<String>>;

    /// Make the scratch table `name` (`columns`: its column definitions)
    /// afresh, private to this connection, gone at the latest when the
    /// connection closes, and load `rows` into it (as [`Exec::copy_in`]
    /// does, in the order of the definitions): where bulk rows land before
    /// set-based SQL reads them or moves them into the ledger's tables. Not
    /// a change of the ledger ([`Transaction::has_changed`] does not count
    /// it).
    fn scratch(&self, name: &str, columns: &[(&str, &str)], rows: &mut RowSource<'_>)
    -> Result<()>;

    /// The database server's clock (now, under the write lock), in the
    /// stored form: the transaction's time ([`super::Tx::now`]), which
    /// every host then agrees on (entries, expiries, leases); `None` for a
    /// backend with no server (SQLite: the one clock).
    fn server_now(&self) -> Result<Option<String>> {
        Ok(None)
    }

    /// Give the roles of the ledger's server their rights on it (`ledger
    /// grant`): the statements run, or `None` for a backend with no server.
    fn grant_roles(&self, _staff: &str, _read: Option<&str>) -> Result<Option<Vec<String>>> {
        Ok(None)
    }

    /// Whether the server keeps the trail: appends entries itself, with
    /// the identity and time it knows (PostgreSQL from schema 20:
    /// `acctsec_append`, `acctsec_seal`); `false` where the client writes
    /// them (SQLite).
    fn server_trail(&self) -> Result<bool> {
        Ok(false)
    }

    /// What a query that claims rows for this transaction ends with, so that
    /// claimers skip the rows others have locked instead of waiting for
    /// them (PostgreSQL: `FOR UPDATE SKIP LOCKED`); empty where the write
    /// lock already serialises claims (SQLite).
    fn claim_clause(&self) -> &'static str {
        ""
    }

    /// After rows were copied in with their keys: let generated keys go on
    /// after them (PostgreSQL's identity sequences; SQLite needs nothing).
    fn after_copy(&self) -> Result<()> {
        Ok(())
    }
}

impl dyn Exec + '_ {
    /// Every row, mapped.
    pub fn all<T>(
        &self,
        sql: &str,
        params: &[Param<'_>],
        mut map: impl FnMut(Row<'_>) -> Result<T>,
    ) -> Result<Vec<T>> {
        let mut out = Vec::new();
        self.query(sql, params, &mut |r| {
            out.push(map(r)?);
            Ok(ControlFlow::Continue(()))
        })?;
        Ok(out)
    }

    /// The row of a query that finds at most one (by key, or `LIMIT 1`).
    pub fn first<T>(
        &self,
        sql: &str,
        params: &[Param<'_>],
        mut map: impl FnMut(Row<'_>) -> Result<T>,
    ) -> Result<Option<T>> {
        let mut out = None;
        self.query(sql, params, &mut |r| {
            out = Some(map(r)?);
            Ok(ControlFlow::Break(()))
        })?;
        Ok(out)
    }

    /// The row of a query that always finds one (an aggregate, a row the
    /// schema guarantees, `INSERT ... RETURNING`); none means a damaged file.
    pub fn one<T>(
        &self,
        sql: &str,
        params: &[Param<'_>],
        map: impl FnMut(Row<'_>) -> Result<T>,
    ) -> Result<T> {
        self.first(sql, params, map)?.ok_or_else(|| Error::Corrupt {
            path: self.path().to_path_buf(),
            detail: format!(
                "no row for: {}",
                sql.split_whitespace().collect::<Vec<_>>().join(" ")
            ),
        })
    }
}
