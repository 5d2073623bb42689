//! Seals of the audit trail ([`crate::seal`]): stored beside the trail, each
//! with its own audit entry, and read back with the chain in one snapshot.

use std::collections::HashMap;

use rusqlite::{OptionalExtension, params};

use super::{Entry, Head, Ledger, Tamper, TamperKind, Tx};
use crate::error::Result;
use crate::seal::{ChainAt, Seal};

/// The trail and its seals as one read transaction saw them.
#[derive(Debug, Clone)]
pub struct TrailSnapshot {
    /// Entries verified in order from the first (up to a break, if any).
    pub count: u64,
    /// The first problem of the chain itself, or with a known head.
    pub tamper: Option<Tamper>,
    /// The newest entry.
    pub head: Option<Head>,
    /// Every stored seal, oldest first.
    pub seals: Vec<Seal>,
    /// The stored hash of each sealed entry within the verified chain.
    hashes: HashMap<u64, String>,
}

impl TrailSnapshot {
    /// What the verified chain holds at entry `seq`, to check a seal by.
    pub fn chain_at(&self, seq: u64) -> ChainAt {
        if let Some(h) = self.hashes.get(&seq) {
            return ChainAt::Hash(h.clone());
        }
        match &self.tamper {
            // The whole chain was walked: the entry is gone.
            None
            | Some(Tamper {
                kind: TamperKind::HeadMissing,
                ..
            }) => ChainAt::Missing,
            Some(_) => ChainAt::Unverified,
        }
    }
}

const SEAL_COLUMNS: &str = "seq, head, sealed_at, key, signature";

fn seal_from_row(r: &rusqlite::Row) -> rusqlite::Result<Seal> {
    Ok(Seal {
        seq: r.get::<_, i64>(0)? as u64,
        head: r.get(1)?,
        sealed_at: r.get(2)?,
        key: r.get(3)?,
        signature: r.get(4)?,
    })
}

impl Ledger {
    /// Walk the chain (as [`Ledger::verify_log`]), and read the head, the
    /// seals and the hashes of the sealed entries, all in one snapshot: a
    /// writer appending meanwhile changes none of it.
    pub fn trail_snapshot(&self, known_head: Option<&Head>) -> Result<TrailSnapshot> {
        // A read transaction (deferred: no lock is taken), rolled back on drop.
        let snapshot = self.conn.unchecked_transaction().map_err(|e| self.err(e))?;
        let (count, tamper) = self.verify_log(known_head)?;
        let head = self.head()?;
        let seals = {
            let mut stmt = snapshot
                .prepare(&format!("SELECT {SEAL_COLUMNS} FROM seal ORDER BY seq, id"))
                .map_err(|e| self.err(e))?;
            stmt.query_map([], seal_from_row)
                .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
                .map_err(|e| self.err(e))?
        };
        let mut hashes = HashMap::new();
        {
            let mut stmt = snapshot
                .prepare("SELECT hash FROM audit_log WHERE seq = ?1")
                .map_err(|e| self.err(e))?;
            for s in seals.iter().filter(|s| s.seq >= 1 && s.seq <= count) {
                let hash: Option<String> = stmt
                    .query_row(params![s.seq as i64], |r| r.get(0))
                    .optional()
                    .map_err(|e| self.err(e))?;
                if let Some(h) = hash {
                    hashes.insert(s.seq, h);
                }
            }
        }
        drop(snapshot);
        Ok(TrailSnapshot {
            count,
            tamper,
            head,
            seals,
            hashes,
        })
    }
}

impl Tx<'_> {
    /// Store a seal, with its audit entry. `start`: it starts a new series
    /// (the first seal, or the first after a gap longer than `max_seal_age`).
    pub fn store_seal(&mut self, seal: &Seal, start: bool) -> Result<u64> {
        self.conn()
            .prepare_cached(&format!(
                "INSERT INTO seal ({SEAL_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5)"
            ))
            .and_then(|mut s| {
                s.execute(params![
                    seal.seq as i64,
                    seal.head,
                    seal.sealed_at,
                    seal.key,
                    seal.signature
                ])
            })
            .map_err(|e| self.err(e))?;
        self.audit(Entry {
            action: "log.seal",
            customer: None,
            reason: None,
            details: serde_json::json!({
                "seq": seal.seq,
                "head": seal.head,
                "key": seal.key,
                "signature": seal.signature,
                "start": start,
            }),
        })
    }
}
