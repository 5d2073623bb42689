//! Customer master queries.

use chrono::NaiveDate;

use super::Tx;
use super::exec::{Exec, Param, Row, params};
use crate::customer::{AccountState, Customer, Lock, PasswordState};
use crate::error::{Error, Result};

/// The columns [`customer_from`] reads, from `customer c`.
pub(super) const CUSTOMER_COLUMNS: &str =
    "c.code, c.name, c.birth_date, c.phone, c.mobile_phone, c.email_pc, c.email_mobile";

/// The columns [`state_from`] reads, from `customer c` and [`STATE_JOINS`].
const STATE_COLUMNS: &str =
    "e.state, l.state, l.format, coalesce(e.failures, 0), c.locked_at, c.lock_reason, c.locked_by,
     coalesce(l.failures, 0)";

const STATE_JOINS: &str = "LEFT JOIN credential e ON e.customer = c.code AND e.kind = 'execution'
     LEFT JOIN credential l ON l.customer = c.code AND l.kind = 'login'";

pub(super) fn customer_from(r: &mut Row, at: usize) -> Result<Customer> {
    let code = r.text(at)?;
    let name = r.text(at + 1)?;
    let date = r.text(at + 2)?;
    let birth_date = NaiveDate::parse_from_str(&date, "%Y-%m-%d")
        .map_err(|e| r.bad(at + 2, format_args!("birth date {date:?}: {e}")))?;
    Ok(Customer {
        code,
        name,
        birth_date,
        phone: r.opt_text(at + 3)?,
        mobile_phone: r.opt_text(at + 4)?,
        email_pc: r.opt_text(at + 5)?,
        email_mobile: r.opt_text(at + 6)?,
    })
}

fn state_from(r: &mut Row, at: usize) -> Result<AccountState> {
    Ok(AccountState {
        execution: PasswordState::parse(r.opt_text(at)?.as_deref()),
        login: PasswordState::parse(r.opt_text(at + 1)?.as_deref()),
        login_format: r.opt_text(at + 2)?,
        failures: r.u32(at + 3)?,
        lock: match r.opt_text(at + 4)? {
            None => None,
            Some(locked_at) => Some(Lock {
                at: locked_at,
                reason: r.opt_text(at + 5)?.unwrap_or_default(),
                by: r.opt_text(at + 6)?.unwrap_or_default(),
            }),
        },
        login_failures: r.u32(at + 7)?,
    })
}

fn account_from(mut r: Row) -> Result<(Customer, AccountState)> {
    Ok((customer_from(&mut r, 0)?, state_from(&mut r, 7)?))
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

pub(super) fn no_customer(code: &str) -> Error {
    Error::NoCustomer {
        code: code.to_string(),
    }
}

pub(super) fn customer(db: &dyn Exec, code: &str) -> Result<Option<Customer>> {
    db.first(
        "SELECT c.code, c.name, c.birth_date, c.phone, c.mobile_phone, c.email_pc, c.email_mobile
         FROM customer c WHERE c.code = ?1",
        params![code],
        |mut r| customer_from(&mut r, 0),
    )
}

pub(super) fn account(db: &dyn Exec, code: &str) -> Result<Option<(Customer, AccountState)>> {
    db.first(
        &format!(
            "SELECT {CUSTOMER_COLUMNS}, {STATE_COLUMNS} FROM customer c {STATE_JOINS} WHERE c.code = ?1"
        ),
        params![code],
        account_from,
    )
}

pub(super) fn customers(
    db: &dyn Exec,
    f: &CustomerFilter,
) -> Result<(Vec<(Customer, AccountState)>, u64)> {
    let mut cond = vec!["(?1 = '' OR c.code > ?1)"];
    if f.locked {
        cond.push("c.locked_at IS NOT NULL");
    }
    if f.pending {
        cond.push("e.state = 'initial'");
    }
    let cond = cond.join(" AND ");
    let limit = f.limit.map(|l| l as i64).unwrap_or(i64::MAX);
    let after = f.after.as_deref().unwrap_or_default();
    let rows = db.all(
        &format!(
            "SELECT {CUSTOMER_COLUMNS}, {STATE_COLUMNS} FROM customer c {STATE_JOINS}
             WHERE {cond} ORDER BY c.code LIMIT ?2"
        ),
        params![after, limit],
        account_from,
    )?;
    let total = db.one(
        &format!(
            "SELECT count(*) FROM customer c {} WHERE {cond}",
            // Only the filter on the execution state needs a join.
            if f.pending {
                "JOIN credential e ON e.customer = c.code AND e.kind = 'execution'"
            } else {
                ""
            }
        ),
        params![after],
        |mut r| r.u64(0),
    )?;
    Ok((rows, total))
}

pub(super) fn customer_codes(db: &dyn Exec) -> Result<Vec<String>> {
    db.all(
        "SELECT code FROM customer ORDER BY code",
        params![],
        |mut r| r.text(0),
    )
}

impl Tx<'_> {
    pub fn insert_customer(&self, c: &Customer) -> Result<()> {
        let at = crate::clock::to_stored(self.now());
        self.exec().execute(
            "INSERT INTO customer (code, name, birth_date, phone, mobile_phone, email_pc, email_mobile, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
            params![
                c.code,
                c.name,
                c.birth_date.to_string(),
                c.phone,
                c.mobile_phone,
                c.email_pc,
                c.email_mobile,
                at
            ],
        )?;
        Ok(())
    }

    pub fn update_customer(&self, c: &Customer) -> Result<()> {
        let at = crate::clock::to_stored(self.now());
        self.exec().execute(
            "UPDATE customer SET name = ?2, birth_date = ?3, phone = ?4, mobile_phone = ?5,
                    email_pc = ?6, email_mobile = ?7, updated_at = ?8
             WHERE code = ?1",
            params![
                c.code,
                c.name,
                c.birth_date.to_string(),
                c.phone,
                c.mobile_phone,
                c.email_pc,
                c.email_mobile,
                at
            ],
        )?;
        Ok(())
    }

    /// Store a login hash handed over by the core system (as given), unless
    /// the customer's login password was since set or upgraded by acctsec.
    /// Returns whether anything changed.
    pub fn set_imported_login_hash(&self, code: &str, hash: &str, format: &str) -> Result<bool> {
        let at = crate::clock::to_stored(self.now());
        let n = self.exec().execute(
            "INSERT INTO credential (customer, kind, hash, format, state, set_at, origin)
             VALUES (?1, 'login', ?2, ?3, 'set', ?4, 'import')
             ON CONFLICT (customer, kind) DO UPDATE
             SET hash = excluded.hash, format = excluded.format, state = 'set', set_at = excluded.set_at
             WHERE credential.origin = 'import' AND credential.hash <> excluded.hash",
            params![code, hash, format, at],
        )?;
        Ok(n > 0)
    }
}

/// A customer already in the ledger, as `customer import` sees it: the
/// record and the stored login password's origin and hash, if any.
#[derive(Debug, Clone)]
pub struct Known {
    pub customer: Customer,
    login: Option<(String, String)>,
}

impl Known {
    /// Whether an imported login hash replaces the stored one: when there
    /// is none, or the stored one came from an import and differs (never
    /// one acctsec set or upgraded).
    pub fn takes_login_hash(&self, hash: &str) -> bool {
        match &self.login {
            None => true,
            Some((origin, stored)) => origin == "import" && stored != hash,
        }
    }
}

/// The columns of the customer rows an import loads, with their types.
const IMPORT_COLUMNS: [(&str, &str); 7] = [
    ("code", "TEXT NOT NULL"),
    ("name", "TEXT NOT NULL"),
    ("birth_date", "TEXT NOT NULL"),
    ("phone", "TEXT"),
    ("mobile_phone", "TEXT"),
    ("email_pc", "TEXT"),
    ("email_mobile", "TEXT"),
];

/// Hand each customer to `sink` as the row of [`IMPORT_COLUMNS`], then
/// `extra` (at most two values): built on the stack, nothing allocated per
/// customer (a bulk import hands over a million).
fn customer_rows(
    customers: &[Customer],
    extra: &[Param<'_>],
    sink: &mut dyn FnMut(&[Param<'_>]) -> Result<()>,
) -> Result<()> {
    const N: usize = IMPORT_COLUMNS.len();
    let width = N + extra.len();
    for c in customers {
        let mut date = [0u8; 24];
        let birth = iso_date(c.birth_date, &mut date);
        let mut row = [Param::Null; N + 2];
        row[N..width].copy_from_slice(extra);
        row[..N].copy_from_slice(params![
            c.code,
            c.name,
            birth,
            c.phone,
            c.mobile_phone,
            c.email_pc,
            c.email_mobile
        ]);
        sink(&row[..width])?;
    }
    Ok(())
}

/// `d` as `NaiveDate` displays itself (ISO 8601; a year past 9999 with its
/// sign), written into `buf`: digit by digit for the years people are born
/// in, where chrono's formatter took a tenth of a bulk import's encoding.
fn iso_date(d: NaiveDate, buf: &mut [u8; 24]) -> &str {
    use chrono::Datelike as _;
    use std::io::Write as _;
    let (y, m, day) = (d.year(), d.month(), d.day());
    let len = if (0..=9999).contains(&y) {
        let y = y as u32;
        for (i, v) in [
            y / 1000,
            y / 100 % 10,
            y / 10 % 10,
            y % 10,
            m / 10,
            m % 10,
            day / 10,
            day % 10,
        ]
        .into_iter()
        .enumerate()
        {
            // (Positions 0-3, then 5-6 and 8-9, the dashes between.)
            buf[i + (i >= 4) as usize + (i >= 6) as usize] = b'0' + v as u8;
        }
        buf[4] = b'-';
        buf[7] = b'-';
        10
    } else {
        let mut w = &mut buf[..];
        write!(w, "{d}").expect("a date fits in 24 bytes");
        24 - w.len()
    };
    std::str::from_utf8(&buf[..len]).expect("a date is ASCII")
}

impl Tx<'_> {
    /// The customers among `codes` that are in the ledger, by code (the
    /// codes loaded into a scratch table, then one join).
    pub fn known_customers(
        &self,
        codes: &[&str],
    ) -> Result<std::collections::HashMap<String, Known>> {
        // The range of the codes lets the key index narrow the join (a
        // core system's export comes sorted: a round's codes are a narrow
        // range of the customer table, none of it on a first import, when
        // one probe of the key index answers and nothing is loaded).
        let (Some(first), Some(last)) = (codes.iter().min(), codes.iter().max()) else {
            return Ok(std::collections::HashMap::new());
        };
        let any = self.exec().first(
            "SELECT 1 FROM customer WHERE code BETWEEN ?1 AND ?2 LIMIT 1",
            params![first, last],
            |_| Ok(()),
        )?;
        if any.is_none() {
            return Ok(std::collections::HashMap::new());
        }
        self.tx
            .scratch("import_code", &[("code", "TEXT NOT NULL")], &mut |sink| {
                for c in codes {
                    sink(params![c])?;
                }
                Ok(())
            })?;
        let rows = self.exec().all(
            &format!(
                "SELECT {CUSTOMER_COLUMNS}, l.origin, l.hash FROM import_code i
                 JOIN customer c ON c.code = i.code
                 LEFT JOIN credential l ON l.customer = c.code AND l.kind = 'login'
                 WHERE c.code BETWEEN ?1 AND ?2"
            ),
            params![first, last],
            |mut r| {
                let customer = customer_from(&mut r, 0)?;
                let login = match r.opt_text(7)? {
                    None => None,
                    Some(origin) => Some((origin, r.text(8)?)),
                };
                Ok(Known { customer, login })
            },
        )?;
        Ok(rows
            .into_iter()
            .map(|k| (k.customer.code.clone(), k))
            .collect())
    }

    /// Add new customers and update known ones, many at once (`created_at`
    /// and `updated_at` = now): the new ones loaded straight into the
    /// customer table (no key can clash: they were looked up under the
    /// write lock), the changed ones into a scratch table and moved with one
    /// upsert.
    pub fn upsert_customers(&self, added: &[Customer], changed: &[Customer]) -> Result<()> {
        let db = self.exec();
        let at = crate::clock::to_stored(self.now());
        if !added.is_empty() {
            let mut columns: Vec<&str> = IMPORT_COLUMNS.iter().map(|(c, _)| *c).collect();
            columns.extend(["created_at", "updated_at"]);
            db.copy_in("customer", &columns, &mut |sink| {
                customer_rows(added, params![at, at], sink)
            })?;
        }
        if !changed.is_empty() {
            self.tx
                .scratch("import_customer", &IMPORT_COLUMNS, &mut |sink| {
                    customer_rows(changed, &[], sink)
                })?;
            db.execute(
                "INSERT INTO customer (code, name, birth_date, phone, mobile_phone, email_pc, email_mobile, created_at, updated_at)
                 SELECT code, name, birth_date, phone, mobile_phone, email_pc, email_mobile, CAST(?1 AS TEXT), CAST(?1 AS TEXT)
                 FROM import_customer WHERE true
                 ON CONFLICT (code) DO UPDATE
                 SET name = excluded.name, birth_date = excluded.birth_date, phone = excluded.phone,
                     mobile_phone = excluded.mobile_phone, email_pc = excluded.email_pc,
                     email_mobile = excluded.email_mobile, updated_at = excluded.updated_at",
                params![at],
            )?;
        }
        Ok(())
    }

    /// Store many login hashes handed over by the core system, `(code,
    /// hash, format)`, as [`Tx::set_imported_login_hash`] does one (give
    /// only those [`Known::takes_login_hash`] accepts).
    pub fn set_imported_login_hashes(&self, hashes: &[(&str, &str, &str)]) -> Result<()> {
        if hashes.is_empty() {
            return Ok(());
        }
        self.tx.scratch(
            "import_login",
            &[
                ("customer", "TEXT NOT NULL"),
                ("hash", "TEXT NOT NULL"),
                ("format", "TEXT NOT NULL"),
            ],
            &mut |sink| {
                for (code, hash, format) in hashes {
                    sink(params![code, hash, format])?;
                }
                Ok(())
            },
        )?;
        let at = crate::clock::to_stored(self.now());
        self.exec().execute(
            "INSERT INTO credential (customer, kind, hash, format, state, set_at, origin)
             SELECT customer, 'login', hash, format, 'set', CAST(?1 AS TEXT), 'import'
             FROM import_login WHERE true
             ON CONFLICT (customer, kind) DO UPDATE
             SET hash = excluded.hash, format = excluded.format, state = 'set', set_at = excluded.set_at
             WHERE credential.origin = 'import' AND credential.hash <> excluded.hash",
            params![at],
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod iso_date_tests {
    use super::*;

    #[test]
    fn iso_date_writes_what_chrono_displays() {
        let mut buf = [0u8; 24];
        for (y, m, d) in [
            (1990, 4, 10),
            (1900, 1, 1),
            (2019, 12, 31),
            (5, 3, 9),
            (0, 1, 1),
            (9999, 12, 31),
            (10000, 1, 1),
            (-1, 6, 15),
            (262_142, 12, 31),
        ] {
            let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            assert_eq!(iso_date(date, &mut buf), date.to_string());
        }
    }
}
