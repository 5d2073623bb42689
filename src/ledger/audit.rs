//! The hash-chained audit trail.
//!
//! Each entry's SHA-256 covers its own fields and the previous entry's hash,
//! so an edited field, a deleted, inserted or reordered entry breaks the
//! chain at that entry. Truncation at the end is caught by comparing with a
//! head (`log head`) shipped elsewhere.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};
use serde_json::Value;
use sha2::{Digest, Sha256};

use super::{Ledger, Tx};
use crate::error::Result;

/// The `prev_hash` of the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What a change writes to the trail. Never a secret; personal data masked.
#[derive(Debug, Clone)]
pub struct Entry<'a> {
    pub action: &'a str,
    pub customer: Option<&'a str>,
    pub reason: Option<&'a str>,
    pub details: Value,
}

/// One stored entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditRow {
    pub seq: u64,
    pub at: String,
    pub operator: String,
    pub action: String,
    pub customer: Option<String>,
    pub reason: Option<String>,
    pub details: String,
    pub prev_hash: String,
    pub hash: String,
}

/// The newest entry: what a cron job ships elsewhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    pub seq: u64,
    pub hash: String,
}

impl Head {
    /// `SEQ:HASH` as printed by `log head`.
    pub fn parse(s: &str) -> Option<Head> {
        let (seq, hash) = s.trim().split_once(':')?;
        let seq = seq.parse().ok()?;
        let hash = hash.to_ascii_lowercase();
        (hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_hexdigit()))
            .then_some(Head { seq, hash })
    }
}

impl std::fmt::Display for Head {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.seq, self.hash)
    }
}

#[derive(Debug, Clone, Default)]
pub struct LogFilter {
    pub customer: Option<String>,
    pub since: Option<DateTime<Utc>>,
    /// An action name, or a prefix before a dot (`customer` matches `customer.import`).
    pub action: Option<String>,
    /// Only the newest N matching entries.
    pub limit: Option<u64>,
}

/// Where and how the chain is broken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tamper {
    pub seq: u64,
    pub kind: TamperKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TamperKind {
    /// The entry's fields do not hash to its stored hash.
    HashMismatch,
    /// The entry's `prev_hash` is not the previous entry's hash.
    BrokenLink,
    /// Entry `seq` is missing or out of order (another was found in its place).
    Gap { found: u64 },
    /// The trail ends before the known head.
    HeadMissing,
    /// The entry at the known head's sequence number has another hash.
    HeadDiffers,
}

/// The entry hash: SHA-256 over every field, each length-prefixed so that no
/// two different entries encode alike, then the previous hash.
pub fn entry_hash(row: &AuditRow) -> String {
    let AuditRow {
        seq,
        at,
        operator,
        action,
        customer,
        reason,
        details,
        prev_hash,
        hash: _,
    } = row;
    let mut h = Sha256::new();
    h.update(b"acctsec-audit-v1");
    let mut field = |v: Option<&[u8]>| match v {
        None => h.update([0u8]),
        Some(b) => {
            h.update([1u8]);
            h.update((b.len() as u64).to_be_bytes());
            h.update(b);
        }
    };
    field(Some(seq.to_string().as_bytes()));
    field(Some(at.as_bytes()));
    field(Some(operator.as_bytes()));
    field(Some(action.as_bytes()));
    field(customer.as_deref().map(str::as_bytes));
    field(reason.as_deref().map(str::as_bytes));
    field(Some(details.as_bytes()));
    field(Some(prev_hash.as_bytes()));
    hex::encode(h.finalize())
}

impl AuditRow {
    fn from_row(r: &rusqlite::Row) -> rusqlite::Result<AuditRow> {
        Ok(AuditRow {
            seq: r.get::<_, i64>(0)? as u64,
            at: r.get(1)?,
            operator: r.get(2)?,
            action: r.get(3)?,
            customer: r.get(4)?,
            reason: r.get(5)?,
            details: r.get(6)?,
            prev_hash: r.get(7)?,
            hash: r.get(8)?,
        })
    }
}

const COLUMNS: &str = "seq, at, operator, action, customer, reason, details, prev_hash, hash";

impl Tx<'_> {
    /// Append an entry to the trail, in this transaction.
    pub fn audit(&mut self, e: Entry) -> Result<u64> {
        let (seq, prev) = match self.last.take() {
            Some((s, h)) => (s + 1, h),
            None => {
                let last: Option<(i64, String)> = self
                    .tx
                    .prepare_cached("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")
                    .and_then(|mut s| s.query_row([], |r| Ok((r.get(0)?, r.get(1)?))).optional())
                    .map_err(|e| self.err(e))?;
                match last {
                    Some((s, h)) => (s as u64 + 1, h),
                    None => (1, GENESIS.to_string()),
                }
            }
        };
        let mut row = AuditRow {
            seq,
            at: crate::clock::to_stored(self.now),
            operator: self.target.operator.clone(),
            action: e.action.to_string(),
            customer: e.customer.map(str::to_string),
            reason: e.reason.map(str::to_string),
            details: e.details.to_string(),
            prev_hash: prev,
            hash: String::new(),
        };
        row.hash = entry_hash(&row);
        let AuditRow {
            at,
            operator,
            details,
            prev_hash: prev,
            hash,
            ..
        } = row;
        self.tx
            .prepare_cached(
                "INSERT INTO audit_log (seq, at, operator, action, customer, reason, details, prev_hash, hash)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )
            .and_then(|mut s| {
                s.execute(params![seq as i64, at, operator, e.action, e.customer, e.reason, details, prev, hash])
            })
            .map_err(|e| self.err(e))?;
        self.audited += 1;
        self.last = Some((seq, hash));
        Ok(seq)
    }
}

impl Ledger {
    /// The newest entry, if any.
    pub fn head(&self) -> Result<Option<Head>> {
        self.conn
            .query_row(
                "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1",
                [],
                |r| {
                    Ok(Head {
                        seq: r.get::<_, i64>(0)? as u64,
                        hash: r.get(1)?,
                    })
                },
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    /// Entries matching the filter, oldest first.
    pub fn log(&self, f: &LogFilter) -> Result<Vec<AuditRow>> {
        let since = f.since.map(crate::clock::to_stored);
        let sql = format!(
            "SELECT {COLUMNS} FROM (
                SELECT {COLUMNS} FROM audit_log
                WHERE (?1 IS NULL OR customer = ?1)
                  AND (?2 IS NULL OR at >= ?2)
                  AND (?3 IS NULL OR action = ?3 OR substr(action, 1, length(?3) + 1) = ?3 || '.')
                ORDER BY seq DESC
                LIMIT ?4
            ) ORDER BY seq"
        );
        let limit = f.limit.map(|l| l as i64).unwrap_or(-1);
        let mut stmt = self.conn.prepare(&sql).map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map(
                params![f.customer, since, f.action, limit],
                AuditRow::from_row,
            )
            .map_err(|e| self.err(e))?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| self.err(e))
    }

    /// Walk the whole chain. `Ok((count, None))` when intact; the first bad
    /// entry otherwise. With `known_head`, also require that the trail still
    /// holds that entry unchanged (catches truncation after it).
    pub fn verify_log(&self, known_head: Option<&Head>) -> Result<(u64, Option<Tamper>)> {
        let mut stmt = self
            .conn
            .prepare(&format!("SELECT {COLUMNS} FROM audit_log ORDER BY seq"))
            .map_err(|e| self.err(e))?;
        let mut rows = stmt.query([]).map_err(|e| self.err(e))?;
        let mut expected = 1u64;
        let mut prev = GENESIS.to_string();
        let mut head_seen = false;
        while let Some(r) = rows.next().map_err(|e| self.err(e))? {
            let row = AuditRow::from_row(r).map_err(|e| self.err(e))?;
            let bad = |kind| {
                Ok((
                    expected - 1,
                    Some(Tamper {
                        seq: expected,
                        kind,
                    }),
                ))
            };
            if row.seq != expected {
                return bad(TamperKind::Gap { found: row.seq });
            }
            if row.prev_hash != prev {
                return bad(TamperKind::BrokenLink);
            }
            if entry_hash(&row) != row.hash {
                return bad(TamperKind::HashMismatch);
            }
            if let Some(h) = known_head
                && h.seq == row.seq
            {
                if h.hash != row.hash {
                    return bad(TamperKind::HeadDiffers);
                }
                head_seen = true;
            }
            prev = row.hash;
            expected += 1;
        }
        let count = expected - 1;
        if let Some(h) = known_head
            && !head_seen
        {
            return Ok((
                count,
                Some(Tamper {
                    seq: h.seq,
                    kind: TamperKind::HeadMissing,
                }),
            ));
        }
        Ok((count, None))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_separates_fields() {
        let row = |op: &str, action: &str, customer: Option<&str>, reason: Option<&str>| AuditRow {
            seq: 1,
            at: "t".into(),
            operator: op.into(),
            action: action.into(),
            customer: customer.map(Into::into),
            reason: reason.map(Into::into),
            details: "{}".into(),
            prev_hash: GENESIS.into(),
            hash: String::new(),
        };
        let a = entry_hash(&row("op", "a", Some("c"), None));
        let b = entry_hash(&row("op", "a", None, Some("c")));
        let c = entry_hash(&row("opa", "", Some("c"), None));
        assert_ne!(a, b);
        assert_ne!(a, c);
        assert_eq!(a.len(), 64);
    }

    #[test]
    fn head_parses() {
        let h = format!("12:{}", "AB".repeat(32));
        assert_eq!(
            Head::parse(&h),
            Some(Head {
                seq: 12,
                hash: "ab".repeat(32)
            })
        );
        assert_eq!(Head::parse("12"), None);
        assert_eq!(Head::parse("x:ab"), None);
    }
}
