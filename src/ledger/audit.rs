//! The hash-chained audit trail.
//!
//! Each entry's SHA-256 covers its own fields and the previous entry's hash,
//! so an edited field, a deleted, inserted or reordered entry breaks the
//! chain at that entry. Truncation at the end is caught by comparing with a
//! head (`log head`) shipped elsewhere.

use std::ops::ControlFlow;

use chrono::{DateTime, Utc};
use serde_json::Value;
use sha2::{Digest, Sha256};

use super::Tx;
use super::exec::{Exec, Row, params};
use crate::customer::batch;
use crate::error::Result;

/// The entry format written now: 2 hashes the identity too. Entries of
/// format 1 (written before identities were recorded) keep their hash.
pub const FORMAT: u8 = 2;

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
    /// 1: before identities; 2: `identity` is recorded and hashed.
    pub format: u8,
    /// The authenticated identity of the process that wrote it (OS user or
    /// database session user); `None` in format 1 entries.
    pub identity: Option<String>,
}

/// The newest entry: what a cron job ships elsewhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    pub seq: u64,
    pub hash: String,
}

impl Head {
    /// The fewest hex digits of a shortened head's hash that are accepted.
    pub const MIN_PREFIX: usize = 8;
    /// A shortened hash with fewer hex digits than this can be matched by a
    /// rewritten trail with feasible work (16^digits tries); `log verify`
    /// warns about it.
    pub const STRONG_PREFIX: usize = 32;

    /// `SEQ:HASH` as printed by `log head`, or with the hash shortened to a
    /// prefix of at least [`Head::MIN_PREFIX`] hex digits (matched against
    /// the entry at SEQ only, so any such prefix is unambiguous).
    pub fn parse(s: &str) -> Option<Head> {
        let (seq, hash) = s.trim().split_once(':')?;
        let seq = seq.parse().ok()?;
        let hash = hash.to_ascii_lowercase();
        ((Self::MIN_PREFIX..=64).contains(&hash.len())
            && hash.bytes().all(|b| b.is_ascii_hexdigit()))
        .then_some(Head { seq, hash })
    }

    /// Whether an entry's full hash is the one this head names.
    pub fn matches(&self, hash: &str) -> bool {
        hash.starts_with(&self.hash)
    }

    /// Whether the hash was given shortened.
    pub fn is_prefix(&self) -> bool {
        self.hash.len() < 64
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
    /// Only entries written by this authenticated identity.
    pub identity: Option<String>,
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
    /// The entry is dated before its predecessor by more than
    /// [`CLOCK_TOLERANCE_SECS`] (a writer's clock set back: its times, and
    /// the expiry of its requests, cannot be trusted). `previous` is the
    /// predecessor's time as stored.
    TimeBackwards { previous: String },
}

/// How far an entry may be dated before its predecessor (clocks of several
/// hosts differ by a little) before `log verify` reports it.
pub const CLOCK_TOLERANCE_SECS: i64 = 300;

/// The entry hash: SHA-256 over every field, each length-prefixed so that no
/// two different entries encode alike, then the previous hash. Format 2
/// (its own domain tag) also covers the identity; format 1 is hashed as it
/// was written. Any other format never matches.
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
        format,
        identity,
    } = row;
    let mut h = Sha256::new();
    match format {
        1 => h.update(b"acctsec-audit-v1"),
        2 => h.update(b"acctsec-audit-v2"),
        _ => return String::new(),
    }
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
    if *format >= 2 {
        field(identity.as_deref().map(str::as_bytes));
    }
    hex::encode(h.finalize())
}

impl AuditRow {
    /// What this entry says of customer `code` if it is a bulk import's
    /// round entry naming them ([`batch::about`]).
    pub fn batch_about(&self, code: &str) -> Option<Value> {
        if self.action != batch::ACTION {
            return None;
        }
        batch::about(&serde_json::from_str(&self.details).ok()?, code)
    }

    fn from_row(mut r: Row) -> Result<AuditRow> {
        Ok(AuditRow {
            seq: r.u64(0)?,
            at: r.text(1)?,
            operator: r.text(2)?,
            action: r.text(3)?,
            customer: r.opt_text(4)?,
            reason: r.opt_text(5)?,
            details: r.text(6)?,
            prev_hash: r.text(7)?,
            hash: r.text(8)?,
            format: u8::try_from(r.int(9)?).unwrap_or(0),
            identity: r.opt_text(10)?,
        })
    }
}

/// The columns [`AuditRow::from_row`] reads.
const COLUMNS: &str =
    "seq, at, operator, action, customer, reason, details, prev_hash, hash, format, identity";

impl Tx<'_> {
    /// Append an entry to the trail, in this transaction: through the
    /// server where it keeps the trail ([`Tx::append_on_server`]), else
    /// written here.
    pub fn audit(&mut self, e: Entry) -> Result<u64> {
        if self.tx.server_trail()? {
            return self.append_on_server(e);
        }
        let (seq, prev) = self.next_link()?;
        let at = crate::clock::to_stored(self.now);
        let row = self.chained(seq, prev, at, self.identity.clone(), e);
        self.exec().execute(
            "INSERT INTO audit_log (seq, at, operator, action, customer, reason, details, prev_hash, hash, format, identity)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            params![
                row.seq,
                row.at,
                row.operator,
                row.action,
                row.customer,
                row.reason,
                row.details,
                row.prev_hash,
                row.hash,
                i64::from(row.format),
                row.identity
            ],
        )?;
        self.audited += 1;
        self.last = Some((seq, row.hash));
        Ok(seq)
    }

    /// Append `e` through the server's `acctsec_append`, which takes the
    /// identity (`session_user`), the time (the server's clock) and the
    /// link itself. The entry it stored is hashed here again: a server
    /// whose function computes another chain than acctsec's is refused
    /// before anything is committed.
    fn append_on_server(&mut self, e: Entry) -> Result<u64> {
        let details = e.details.to_string();
        let (seq, at, identity, prev, hash) = self.exec().one(
            "SELECT entry_seq, entry_at, entry_identity, entry_prev, entry_hash
               FROM acctsec_append(?1, ?2, ?3, ?4, ?5)",
            params![
                self.target.operator.as_str(),
                e.action,
                e.customer,
                e.reason,
                details.as_str()
            ],
            |mut r| Ok((r.u64(0)?, r.text(1)?, r.text(2)?, r.text(3)?, r.text(4)?)),
        )?;
        let row = self.chained(seq, prev, at, identity, e);
        if row.hash != hash {
            return Err(crate::error::Error::Corrupt {
                path: self.target.path.clone(),
                detail: format!(
                    "the server's acctsec_append wrote entry {seq} with a hash acctsec does not \
                     compute: the function was changed; nothing was written (restore it \
                     from migration 20 as the ledger's owner)"
                ),
            });
        }
        self.audited += 1;
        self.last = Some((seq, hash));
        Ok(seq)
    }

    /// The sequence number and previous hash of the next entry.
    fn next_link(&mut self) -> Result<(u64, String)> {
        Ok(match self.last.take() {
            Some((s, h)) => (s + 1, h),
            None => match head(self.exec())? {
                Some(h) => (h.seq + 1, h.hash),
                None => (1, GENESIS.to_string()),
            },
        })
    }

    /// Entry `e` as row `seq` after `prev`, written at `at` by this
    /// transaction's operator as `identity`, hashed.
    fn chained(&self, seq: u64, prev: String, at: String, identity: String, e: Entry) -> AuditRow {
        let mut row = AuditRow {
            seq,
            at,
            operator: self.target.operator.clone(),
            action: e.action.to_string(),
            customer: e.customer.map(str::to_string),
            reason: e.reason.map(str::to_string),
            details: e.details.to_string(),
            prev_hash: prev,
            hash: String::new(),
            format: FORMAT,
            identity: Some(identity),
        };
        row.hash = entry_hash(&row);
        row
    }
}

pub(super) fn head(db: &dyn Exec) -> Result<Option<Head>> {
    db.first(
        "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1",
        params![],
        |mut r| {
            Ok(Head {
                seq: r.u64(0)?,
                hash: r.text(1)?,
            })
        },
    )
}

/// The `request.create` entry of request `id` (its details begin with
/// `{"request":ID,`; checked exactly by the caller).
pub(super) fn request_entry(db: &dyn Exec, id: i64) -> Result<Option<AuditRow>> {
    let rows = db.all(
        &format!(
            "SELECT {COLUMNS} FROM audit_log
             WHERE action = 'request.create' AND details LIKE ?1
             ORDER BY seq"
        ),
        params![format!("{{\"request\":{id},%")],
        AuditRow::from_row,
    )?;
    Ok(rows.into_iter().find(|r| {
        serde_json::from_str::<Value>(&r.details)
            .ok()
            .and_then(|d| d["request"].as_i64())
            == Some(id)
    }))
}

pub(super) fn entry(db: &dyn Exec, seq: u64) -> Result<Option<AuditRow>> {
    db.first(
        &format!("SELECT {COLUMNS} FROM audit_log WHERE seq = ?1"),
        params![seq as i64],
        AuditRow::from_row,
    )
}

pub(super) fn log(db: &dyn Exec, f: &LogFilter) -> Result<Vec<AuditRow>> {
    let since = f.since.map(crate::clock::to_stored);
    let limit = f.limit.map(|l| l as i64).unwrap_or(i64::MAX);
    // A customer is named by their own entries and by the round entries of
    // the bulk imports that added or changed them: those whose text holds
    // the code in quotes, then read exactly (`batch::about`) here, so the
    // newest `limit` are counted after that.
    let rows = db.all(
        &format!(
            "SELECT {COLUMNS} FROM (
                SELECT {COLUMNS} FROM audit_log
                WHERE (?1 IS NULL OR customer = ?1
                       OR (action = ?6 AND details LIKE '%\"' || ?1 || '\"%'))
                  AND (?2 IS NULL OR at >= ?2)
                  AND (?3 IS NULL OR action = ?3 OR substr(action, 1, length(?3) + 1) = ?3 || '.')
                  AND (?5 IS NULL OR identity = ?5)
                ORDER BY seq DESC
                LIMIT ?4
            ) AS newest ORDER BY seq"
        ),
        params![
            f.customer,
            since,
            f.action,
            if f.customer.is_some() {
                i64::MAX
            } else {
                limit
            },
            f.identity,
            batch::ACTION
        ],
        AuditRow::from_row,
    )?;
    let Some(code) = &f.customer else {
        return Ok(rows);
    };
    let mut rows: Vec<AuditRow> = rows
        .into_iter()
        .filter(|r| r.customer.as_ref() == Some(code) || r.batch_about(code).is_some())
        .collect();
    let keep = usize::try_from(limit).unwrap_or(usize::MAX);
    Ok(rows.split_off(rows.len().saturating_sub(keep)))
}

/// The predecessor's stored time, when `at` is before it by more than the
/// tolerance.
fn went_back(prev: Option<&(DateTime<Utc>, String)>, at: &str) -> Option<String> {
    let (before, shown) = prev?;
    let at = crate::clock::from_stored(at)?;
    (*before - at > chrono::Duration::seconds(CLOCK_TOLERANCE_SECS)).then(|| shown.clone())
}

pub(super) fn verify_log(
    db: &dyn Exec,
    known_head: Option<&Head>,
) -> Result<(u64, Option<Tamper>)> {
    let mut expected = 1u64;
    let mut prev = GENESIS.to_string();
    let mut head_seen = false;
    let mut found = None;
    let mut format = 1u8;
    let mut prev_at: Option<(DateTime<Utc>, String)> = None;
    db.query(
        &format!("SELECT {COLUMNS} FROM audit_log ORDER BY seq"),
        params![],
        &mut |r| {
            let row = AuditRow::from_row(r)?;
            let kind = if row.seq != expected {
                Some(TamperKind::Gap { found: row.seq })
            } else if row.prev_hash != prev {
                Some(TamperKind::BrokenLink)
            } else if entry_hash(&row) != row.hash
                // A format 1 entry has no identity, and no entry goes back
                // to format 1 after a format 2 one.
                || (row.format < 2 && row.identity.is_some())
                || row.format < format
            {
                Some(TamperKind::HashMismatch)
            } else if let Some(previous) = went_back(prev_at.as_ref(), &row.at) {
                Some(TamperKind::TimeBackwards { previous })
            } else {
                match known_head {
                    Some(h) if h.seq == row.seq && !h.matches(&row.hash) => {
                        Some(TamperKind::HeadDiffers)
                    }
                    Some(h) if h.seq == row.seq => {
                        head_seen = true;
                        None
                    }
                    _ => None,
                }
            };
            if let Some(kind) = kind {
                found = Some(Tamper {
                    seq: expected,
                    kind,
                });
                return Ok(ControlFlow::Break(()));
            }
            if let Some(at) = crate::clock::from_stored(&row.at) {
                prev_at = Some((at, row.at.clone()));
            }
            prev = row.hash;
            format = row.format;
            expected += 1;
            Ok(ControlFlow::Continue(()))
        },
    )?;
    if found.is_some() {
        return Ok((expected - 1, found));
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
            format: 1,
            identity: None,
        };
        let a = entry_hash(&row("op", "a", Some("c"), None));
        let b = entry_hash(&row("op", "a", None, Some("c")));
        let c = entry_hash(&row("opa", "", Some("c"), None));
        assert_ne!(a, b);
        assert_ne!(a, c);
        assert_eq!(a.len(), 64);
    }

    #[test]
    fn format_2_covers_the_identity_and_format_1_hashes_as_before() {
        let mut row = AuditRow {
            seq: 1,
            at: "t".into(),
            operator: "op".into(),
            action: "a".into(),
            customer: None,
            reason: None,
            details: "{}".into(),
            prev_hash: GENESIS.into(),
            hash: String::new(),
            format: 1,
            identity: None,
        };
        let v1 = entry_hash(&row);
        // A format 1 entry ignores an identity column (there was none).
        row.identity = Some("alice".into());
        assert_eq!(entry_hash(&row), v1);
        row.format = 2;
        let alice = entry_hash(&row);
        assert_ne!(alice, v1);
        row.identity = Some("bob".into());
        assert_ne!(entry_hash(&row), alice);
        row.identity = None;
        assert_ne!(entry_hash(&row), alice);
        row.format = 3;
        assert_eq!(entry_hash(&row), "", "an unknown format never verifies");
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
        assert_eq!(Head::parse("12:abcdef1"), None, "7 hex digits: too short");
        assert_eq!(Head::parse(&format!("12:{}", "a".repeat(65))), None);
        assert_eq!(Head::parse("12:abcdef1g"), None);
        let short = Head::parse("12:ABCDEF12").unwrap();
        assert!(short.is_prefix());
        assert!(short.matches(&format!("abcdef12{}", "0".repeat(56))));
        assert!(!short.matches(&format!("abcdef13{}", "0".repeat(56))));
    }
}
