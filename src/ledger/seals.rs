//! Seals of the audit trail ([`crate::seal`]): stored beside the trail, each
//! with its own audit entry, and read back with the chain in one snapshot.

use std::collections::HashMap;

use super::exec::{Exec, Row, params};
use super::{Entry, Head, Ledger, Read, Tamper, TamperKind, Tx};
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

fn seal_from_row(mut r: Row<'_>) -> Result<Seal> {
    Ok(Seal {
        seq: r.u64(0)?,
        head: r.text(1)?,
        sealed_at: r.text(2)?,
        key: r.text(3)?,
        signature: r.text(4)?,
    })
}

fn seals(db: &dyn Exec) -> Result<Vec<Seal>> {
    db.all(
        &format!("SELECT {SEAL_COLUMNS} FROM seal ORDER BY seq, id"),
        params![],
        seal_from_row,
    )
}

fn entry_hash(db: &dyn Exec, seq: u64) -> Result<Option<String>> {
    db.first(
        "SELECT hash FROM audit_log WHERE seq = ?1",
        params![seq as i64],
        |mut r| r.text(0),
    )
}

impl Ledger {
    /// Walk the chain (as [`Read::verify_log`]), and read the head, the
    /// seals and the hashes of the sealed entries. The seals are read
    /// first: a writer appending meanwhile only adds entries and seals
    /// after them, and a stored entry's hash never changes, so what is read
    /// later still agrees with every seal read earlier.
    pub fn trail_snapshot(&self, known_head: Option<&Head>) -> Result<TrailSnapshot> {
        let seals = seals(self.exec())?;
        let (count, tamper) = self.verify_log(known_head)?;
        let head = self.head()?;
        let mut hashes = HashMap::new();
        for s in seals.iter().filter(|s| s.seq >= 1 && s.seq <= count) {
            if let Some(h) = entry_hash(self.exec(), s.seq)? {
                hashes.insert(s.seq, h);
            }
        }
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
    /// Where the server keeps the trail, through its `acctsec_seal`, which
    /// checks that the seal names a stored entry's hash and is dated by the
    /// server's clock.
    pub fn store_seal(&mut self, seal: &Seal, start: bool) -> Result<u64> {
        let seq = seal.seq as i64;
        let values = params![seq, seal.head, seal.sealed_at, seal.key, seal.signature];
        if self.tx.server_trail()? {
            self.exec().one(
                "SELECT acctsec_seal(?1, ?2, ?3, ?4, ?5)",
                values,
                |mut r| r.int(0),
            )?;
        } else {
            self.exec().execute(
                &format!("INSERT INTO seal ({SEAL_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5)"),
                values,
            )?;
        }
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
