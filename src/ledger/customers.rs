//! Customer master queries.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Row, params};

use super::{Ledger, Tx};
use crate::customer::{AccountState, Customer, Lock, PasswordState};
use crate::error::{Error, Result};

const CUSTOMER_COLUMNS: &str =
    "c.code, c.name, c.birth_date, c.phone, c.mobile_phone, c.email_pc, c.email_mobile";

const STATE_COLUMNS: &str =
    "e.state, l.state, l.format, coalesce(e.failures, 0), c.locked_at, c.lock_reason, c.locked_by";

const STATE_JOINS: &str = "LEFT JOIN credential e ON e.customer = c.code AND e.kind = 'execution'
     LEFT JOIN credential l ON l.customer = c.code AND l.kind = 'login'";

fn customer_from(r: &Row, at: usize) -> rusqlite::Result<Customer> {
    let date: String = r.get(at + 2)?;
    Ok(Customer {
        code: r.get(at)?,
        name: r.get(at + 1)?,
        birth_date: NaiveDate::parse_from_str(&date, "%Y-%m-%d").map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(
                at + 2,
                rusqlite::types::Type::Text,
                Box::new(e),
            )
        })?,
        phone: r.get(at + 3)?,
        mobile_phone: r.get(at + 4)?,
        email_pc: r.get(at + 5)?,
        email_mobile: r.get(at + 6)?,
    })
}

fn state_from(r: &Row, at: usize) -> rusqlite::Result<AccountState> {
    let locked_at: Option<String> = r.get(at + 4)?;
    Ok(AccountState {
        execution: PasswordState::parse(r.get::<_, Option<String>>(at)?.as_deref()),
        login: PasswordState::parse(r.get::<_, Option<String>>(at + 1)?.as_deref()),
        login_format: r.get(at + 2)?,
        failures: r.get::<_, i64>(at + 3)? as u32,
        lock: match locked_at {
            None => None,
            Some(at_) => Some(Lock {
                at: at_,
                reason: r.get::<_, Option<String>>(at + 5)?.unwrap_or_default(),
                by: r.get::<_, Option<String>>(at + 6)?.unwrap_or_default(),
            }),
        },
    })
}

/// Which customers `customer list` shows.
#[derive(Debug, Clone, Default)]
pub struct CustomerFilter {
    pub locked: bool,
    pub pending: bool,
    /// At most this many (None: all).
    pub limit: Option<u64>,
    /// Only codes after this one (a resumable walk).
    pub after: Option<String>,
}

impl Tx<'_> {
    /// The customer, or [`Error::NoCustomer`] (exit 4).
    pub fn require_customer(&self, code: &str) -> Result<Customer> {
        self.customer(code)?.ok_or_else(|| no_customer(code))
    }

    pub fn customer(&self, code: &str) -> Result<Option<Customer>> {
        self.conn()
            .prepare_cached(&format!(
                "SELECT {CUSTOMER_COLUMNS} FROM customer c WHERE c.code = ?1"
            ))
            .and_then(|mut s| s.query_row([code], |r| customer_from(r, 0)).optional())
            .map_err(|e| self.err(e))
    }

    pub fn insert_customer(&self, c: &Customer) -> Result<()> {
        let at = crate::clock::to_stored(self.now());
        self.conn()
            .prepare_cached(
                "INSERT INTO customer (code, name, birth_date, phone, mobile_phone, email_pc, email_mobile, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
            )
            .and_then(|mut s| {
                s.execute(params![
                    c.code,
                    c.name,
                    c.birth_date.to_string(),
                    c.phone,
                    c.mobile_phone,
                    c.email_pc,
                    c.email_mobile,
                    at
                ])
            })
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    pub fn update_customer(&self, c: &Customer) -> Result<()> {
        let at = crate::clock::to_stored(self.now());
        self.conn()
            .prepare_cached(
                "UPDATE customer SET name = ?2, birth_date = ?3, phone = ?4, mobile_phone = ?5,
                        email_pc = ?6, email_mobile = ?7, updated_at = ?8
                 WHERE code = ?1",
            )
            .and_then(|mut s| {
                s.execute(params![
                    c.code,
                    c.name,
                    c.birth_date.to_string(),
                    c.phone,
                    c.mobile_phone,
                    c.email_pc,
                    c.email_mobile,
                    at
                ])
            })
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// Store a login hash handed over by the core system (as given), unless
    /// the customer's login password was since set or upgraded by acctsec.
    /// Returns whether anything changed.
    pub fn set_imported_login_hash(&self, code: &str, hash: &str, format: &str) -> Result<bool> {
        let at = crate::clock::to_stored(self.now());
        let n = self
            .conn()
            .prepare_cached(
                "INSERT INTO credential (customer, kind, hash, format, state, set_at, origin)
                 VALUES (?1, 'login', ?2, ?3, 'set', ?4, 'import')
                 ON CONFLICT (customer, kind) DO UPDATE
                 SET hash = excluded.hash, format = excluded.format, state = 'set', set_at = excluded.set_at
                 WHERE credential.origin = 'import' AND credential.hash <> excluded.hash",
            )
            .and_then(|mut s| s.execute(params![code, hash, format, at]))
            .map_err(|e| self.err(e))?;
        Ok(n > 0)
    }

    /// Remove a login hash the core system no longer sends (an empty cell).
    pub fn clear_login_hash(&self, code: &str) -> Result<()> {
        self.conn()
            .prepare_cached("DELETE FROM credential WHERE customer = ?1 AND kind = 'login'")
            .and_then(|mut s| s.execute([code]))
            .map_err(|e| self.err(e))?;
        Ok(())
    }
}

fn no_customer(code: &str) -> Error {
    Error::NoCustomer {
        code: code.to_string(),
    }
}

impl Ledger {
    /// The customer and their account state, or [`Error::NoCustomer`] (exit 4).
    pub fn require_customer(&self, code: &str) -> Result<(Customer, AccountState)> {
        self.customer(code)?.ok_or_else(|| no_customer(code))
    }

    /// A customer and the state of their account.
    pub fn customer(&self, code: &str) -> Result<Option<(Customer, AccountState)>> {
        self.conn
            .prepare_cached(&format!(
                "SELECT {CUSTOMER_COLUMNS}, {STATE_COLUMNS} FROM customer c {STATE_JOINS} WHERE c.code = ?1"
            ))
            .and_then(|mut s| {
                s.query_row([code], |r| Ok((customer_from(r, 0)?, state_from(r, 7)?)))
                    .optional()
            })
            .map_err(|e| self.err(e))
    }

    /// Customers in code order, with the number matching the filter.
    pub fn customers(&self, f: &CustomerFilter) -> Result<(Vec<(Customer, AccountState)>, u64)> {
        let mut cond = vec!["1"];
        if f.locked {
            cond.push("c.locked_at IS NOT NULL");
        }
        if f.pending {
            cond.push("e.state = 'initial'");
        }
        cond.push("(?2 = '' OR c.code > ?2)");
        let cond = cond.join(" AND ");
        let limit = f.limit.map(|l| l as i64).unwrap_or(-1);
        let after = f.after.clone().unwrap_or_default();
        let mut stmt = self
            .conn
            .prepare(&format!(
                "SELECT {CUSTOMER_COLUMNS}, {STATE_COLUMNS} FROM customer c {STATE_JOINS}
                 WHERE {cond} ORDER BY c.code LIMIT ?1"
            ))
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map(rusqlite::params![limit, after], |r| {
                Ok((customer_from(r, 0)?, state_from(r, 7)?))
            })
            .map_err(|e| self.err(e))?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| self.err(e))?;
        let total: i64 = self
            .conn
            .query_row(
                &format!(
                    "SELECT count(*) FROM customer c {} WHERE {cond} AND ?1 = ?1",
                    // Only the filter on the execution state needs a join.
                    if f.pending {
                        "JOIN credential e ON e.customer = c.code AND e.kind = 'execution'"
                    } else {
                        ""
                    }
                ),
                rusqlite::params![limit, after],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))?;
        Ok((rows, total as u64))
    }
}
