//! The approval gate: the one place where a change is held for a second
//! person.
//!
//! Every gated operation describes its change as a [`Change`]: what carrying
//! it out needs (typed, never a secret) and the state it was made against
//! (the policy's hash, the lock it lifts, the credential it replaces). The
//! change's [`Effect`]s are checked against `[approval] required_for`
//! ([`hold`]); when any is listed, a request holding the change is recorded
//! instead, and the operation returns [`Gated::Pending`]. An approval
//! ([`Claim`]) carries the change out through the same operation, in its
//! own transaction, after checking that the ledger is still in the state
//! the request was made against: a change in between makes the request
//! stale, refused (exit 1) and recorded as such.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

pub use crate::error::Staleness;
use crate::error::{Error, Result};
use crate::ledger::{Entry, Ledger, NewRequest, Read, RequestRow, Tx};
pub use crate::policy::Effect;
use crate::policy::{Kind, Policy};

/// The state of one customer that a change depends on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bound {
    pub code: String,
    /// The lock in place (a digest of when, why and by whom), if any.
    pub lock: Option<String>,
    /// The credential replaced (a digest of its hash), if any.
    pub credential: Option<String>,
}

/// One customer's gated fields in a bulk file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GatedRow {
    pub code: String,
    /// The file's line.
    pub line: u64,
    /// The gated fields it changes (`email_pc`, `login_hash`, a notice type).
    pub fields: Vec<String>,
}

/// A change the gate may hold for approval: what carrying it out needs,
/// and the state it was made against. Stored as a request's parameters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Change {
    /// `unlock` (with fresh initial passwords when `reissue`).
    Unlock {
        customers: Vec<Bound>,
        reissue: bool,
        reason: String,
    },
    /// `password issue --reissue`: fresh initial passwords replacing theirs.
    Reissue { customers: Vec<Bound> },
    /// `password set`: a password of the operator's choosing, as its hash.
    PasswordSet {
        customer: Bound,
        kind: String,
        temporary: bool,
        /// The new password's hash (never the password).
        hash: String,
    },
    /// `policy set`.
    PolicySet {
        /// The new policy (TOML).
        policy: String,
        source: Value,
        /// The digest of the policy it replaces.
        base: String,
    },
    /// `customer set-email`.
    SetEmail {
        code: String,
        /// `pc` or `mobile`.
        kind: String,
        address: String,
        /// The digest of the address it replaces (none: there was none).
        was: Option<String>,
    },
    /// Full personal data shown (`customer show --unmask`, `notify show
    /// --unmask`).
    Unmask { code: String, view: String },
    /// A bulk file with gated changes (`customer import`, `notify
    /// import`): exactly this file, or nothing.
    File {
        /// `customer.import` or `notify.import`.
        command: String,
        path: String,
        /// SHA-256 of the file's bytes.
        digest: String,
        /// The encoding asked for (customer import).
        encoding: Option<String>,
        /// Every gated change in it.
        gated: Vec<GatedRow>,
        /// Which effects they have.
        effects: Vec<Effect>,
    },
    /// `notify set CODE TYPE off`.
    NoticeOff {
        code: String,
        notice: String,
        to: Option<String>,
    },
    /// `notify outbox export`: every full address and live code.
    OutboxExport,
    /// `ledger copy`: the whole ledger, personal data in full, to `to` (a
    /// path or a URL without a password).
    LedgerCopy { to: String },
    /// `notify outbox ack`: notices of one export marked sent.
    OutboxAck { export: i64, ids: Vec<i64> },
    /// `authcode unlock`: the lock of a customer's auth codes for a purpose
    /// lifted; bound to the lock as it was (its time).
    AuthCodeUnlock {
        code: String,
        purpose: String,
        locked_at: String,
    },
}

impl Change {
    /// What this change does, for the gate.
    pub fn effects(&self) -> Vec<Effect> {
        match self {
            Change::Unlock {
                customers, reissue, ..
            } => {
                let mut e = Vec::new();
                if *reissue {
                    e.push(Effect::CredentialSet);
                }
                // Lifting a lock is the effect; an unlock of accounts that
                // are not locked lifts none (but the gate still asks when
                // the policy lists lock.remove: it cannot know what is
                // locked by the time the command runs).
                if !*reissue || customers.iter().any(|b| b.lock.is_some()) {
                    e.push(Effect::LockRemove);
                }
                e
            }
            Change::AuthCodeUnlock { .. } => vec![Effect::LockRemove],
            Change::Reissue { .. } | Change::PasswordSet { .. } => vec![Effect::CredentialSet],
            Change::PolicySet { .. } => vec![Effect::PolicySet],
            Change::SetEmail { .. } => vec![Effect::ContactChange],
            Change::Unmask { .. } | Change::OutboxExport | Change::LedgerCopy { .. } => {
                vec![Effect::CustomerUnmask]
            }
            Change::File { effects, .. } => effects.clone(),
            Change::NoticeOff { .. } | Change::OutboxAck { .. } => vec![Effect::NoticeSuppress],
        }
    }

    /// The request's action name (the second round's names where they
    /// existed, so that `request list` reads as before).
    pub fn action(&self) -> &'static str {
        match self {
            Change::Unlock { reissue: true, .. } => "unlock.reissue",
            Change::Unlock { .. } => "lock.remove",
            Change::Reissue { .. } => "password.reissue",
            Change::PasswordSet { .. } => "password.set",
            Change::PolicySet { .. } => "policy.set",
            Change::SetEmail { .. } => "customer.set_email",
            Change::Unmask { .. } => "customer.unmask",
            Change::File { command, .. } if command == "notify.import" => "notify.import",
            Change::File { .. } => "customer.import",
            Change::NoticeOff { .. } => "notify.set",
            Change::OutboxExport => "notify.outbox.export",
            Change::OutboxAck { .. } => "notify.outbox.ack",
            Change::LedgerCopy { .. } => "ledger.copy",
            Change::AuthCodeUnlock { .. } => "authcode.unlock",
        }
    }

    /// The customers it is about, in order.
    pub fn customers(&self) -> Vec<&str> {
        match self {
            Change::Unlock { customers, .. } | Change::Reissue { customers } => {
                customers.iter().map(|b| b.code.as_str()).collect()
            }
            Change::PasswordSet { customer, .. } => vec![customer.code.as_str()],
            Change::SetEmail { code, .. }
            | Change::Unmask { code, .. }
            | Change::NoticeOff { code, .. }
            | Change::AuthCodeUnlock { code, .. } => vec![code.as_str()],
            Change::File { gated, .. } => gated.iter().map(|g| g.code.as_str()).collect(),
            Change::PolicySet { .. }
            | Change::OutboxExport
            | Change::OutboxAck { .. }
            | Change::LedgerCopy { .. } => Vec::new(),
        }
    }

    /// Whether an approval of this change writes passwords (and so needs
    /// the approver's `--out`).
    pub fn writes_passwords(&self) -> bool {
        matches!(
            self,
            Change::Unlock { reissue: true, .. } | Change::Reissue { .. }
        )
    }

    /// Whether an approval of this change writes a file of personal data
    /// (and so needs the approver's `--out`).
    pub fn writes_file(&self) -> bool {
        self.writes_passwords() || matches!(self, Change::OutboxExport)
    }

    /// Refuse (as stale) unless the ledger, read in `tx`, is still in the
    /// state this change was made against.
    fn check_current(&self, tx: &Tx) -> Result<()> {
        let stale = |what: Staleness| Err(Error::Stale { what });
        match self {
            Change::Unlock {
                customers, reissue, ..
            } => {
                for b in customers {
                    if lock_ref(tx, &b.code)? != b.lock {
                        return stale(Staleness::Lock(b.code.clone()));
                    }
                    if *reissue && credential_ref(tx, &b.code, Kind::Execution)? != b.credential {
                        return stale(Staleness::Credential(b.code.clone()));
                    }
                }
            }
            Change::Reissue { customers } => {
                for b in customers {
                    if credential_ref(tx, &b.code, Kind::Execution)? != b.credential {
                        return stale(Staleness::Credential(b.code.clone()));
                    }
                }
            }
            Change::PasswordSet { customer, kind, .. } => {
                let kind = parse_kind(kind)?;
                if credential_ref(tx, &customer.code, kind)? != customer.credential {
                    return stale(Staleness::Credential(customer.code.clone()));
                }
            }
            Change::PolicySet { base, .. } => {
                if policy_ref(&*tx.policy()?) != *base {
                    return stale(Staleness::Policy);
                }
            }
            Change::SetEmail {
                code, kind, was, ..
            } => {
                if address_ref(tx, code, kind)? != *was {
                    return stale(Staleness::Address(code.clone()));
                }
            }
            Change::AuthCodeUnlock {
                code,
                purpose,
                locked_at,
            } => {
                let purpose =
                    crate::authcode::Purpose::parse(purpose).ok_or_else(|| Error::Stale {
                        what: Staleness::Lock(code.clone()),
                    })?;
                let now = tx
                    .authcode_lock(code, purpose)?
                    .map(|l| crate::clock::to_stored(l.locked_at));
                if now.as_deref() != Some(locked_at.as_str()) {
                    return stale(Staleness::Lock(code.clone()));
                }
            }
            // Checked by their operations (the file's digest and its gated
            // changes; the export's notices).
            Change::File { .. }
            | Change::Unmask { .. }
            | Change::NoticeOff { .. }
            | Change::OutboxExport
            | Change::OutboxAck { .. }
            | Change::LedgerCopy { .. } => {}
        }
        Ok(())
    }
}

fn digest(s: &str) -> String {
    hex::encode(&Sha256::digest(s.as_bytes())[..16])
}

fn parse_kind(k: &str) -> Result<Kind> {
    Kind::ALL
        .into_iter()
        .find(|x| x.as_str() == k)
        .ok_or(Error::Stale {
            what: Staleness::Unbound,
        })
}

/// The digest naming a customer's lock (none: not locked).
pub fn lock_ref(r: &impl Read, code: &str) -> Result<Option<String>> {
    Ok(r.lock_of(code)?
        .map(|l| digest(&format!("{}\n{}\n{}", l.at, l.by, l.reason))))
}

/// The digest naming a customer's credential (none: no password).
pub fn credential_ref(r: &impl Read, code: &str, kind: Kind) -> Result<Option<String>> {
    Ok(r.credential(code, kind)?.map(|c| digest(&c.hash)))
}

/// The digest naming a policy.
pub fn policy_ref(p: &Policy) -> String {
    digest(&p.to_toml())
}

/// The digest naming a customer's registered address (`pc` or `mobile`).
pub fn address_ref(r: &impl Read, code: &str, kind: &str) -> Result<Option<String>> {
    let c = r.require_customer(code)?;
    let a = if kind == "mobile" {
        c.email_mobile
    } else {
        c.email_pc
    };
    Ok(a.map(|a| digest(&a)))
}

/// The state of `code` for a change: its lock and its `kind` credential.
pub fn bound(r: &impl Read, code: &str, kind: Kind) -> Result<Bound> {
    Ok(Bound {
        code: code.to_string(),
        lock: lock_ref(r, code)?,
        credential: credential_ref(r, code, kind)?,
    })
}

/// A recorded request awaiting approval: nothing changed yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    pub id: i64,
    pub action: &'static str,
    pub expires: chrono::DateTime<chrono::Utc>,
}

/// What a gated operation did: carried out, or recorded for approval.
#[derive(Debug)]
pub enum Gated<T> {
    Done(T),
    Pending(Pending),
}

/// On whose authority an operation runs: the operator alone (the gate
/// decides), or an approved request.
#[derive(Clone, Copy)]
pub enum Via<'a> {
    Direct,
    Approved(&'a Claim),
}

impl Via<'_> {
    /// In the transaction that carries the change out: for an approval,
    /// decide the request (refused when it is one's own or no longer
    /// pending), audit it and check the ledger's state against it.
    pub fn apply(&self, tx: &mut Tx) -> Result<()> {
        match self {
            Via::Direct => Ok(()),
            Via::Approved(claim) => claim.apply(tx),
        }
    }

    pub fn is_approval(&self) -> bool {
        matches!(self, Via::Approved(_))
    }
}

/// Whether the policy in force would hold `change` for approval (for a
/// handler deciding whether to confirm first; the gate decides again).
pub fn would_hold(policy: &Policy, change: &Change) -> bool {
    policy.approval.requires_any(&change.effects())
}

/// The gate. Carried out directly: when the policy in force puts any of the
/// change's effects under approval, a request holding `change` (and its
/// masked `preview`) is recorded, and returned. By an approval: the change
/// made now must be the change approved (the same state), else the request
/// is stale.
pub fn hold(
    ledger: &mut Ledger,
    change: &Change,
    preview: Value,
    reason: Option<&str>,
    via: Via,
) -> Result<Option<Pending>> {
    hold_when(ledger, change, preview, reason, via, false)
}

/// [`hold`], holding the change also when `also` (a rule of the operation's
/// own: a policy that weakens approval).
pub fn hold_when(
    ledger: &mut Ledger,
    change: &Change,
    preview: Value,
    reason: Option<&str>,
    via: Via,
    also: bool,
) -> Result<Option<Pending>> {
    match via {
        Via::Approved(claim) => {
            if claim.change != *change {
                return Err(Error::Stale {
                    what: staleness(&claim.change, change),
                });
            }
            Ok(None)
        }
        Via::Direct => {
            let policy = ledger.policy()?;
            if !also && !would_hold(&policy, change) {
                return Ok(None);
            }
            ask(ledger, &policy, change, preview, reason).map(Some)
        }
    }
}

/// Why `now` differs from the `approved` change.
fn staleness(approved: &Change, now: &Change) -> Staleness {
    match (approved, now) {
        (Change::PolicySet { .. }, _) => Staleness::Policy,
        (
            Change::Unlock { customers: a, .. } | Change::Reissue { customers: a },
            Change::Unlock { customers: b, .. } | Change::Reissue { customers: b },
        ) => a
            .iter()
            .zip(b)
            .find(|(x, y)| x != y)
            .map(|(x, y)| {
                if x.lock != y.lock {
                    Staleness::Lock(x.code.clone())
                } else {
                    Staleness::Credential(x.code.clone())
                }
            })
            .unwrap_or(Staleness::Unbound),
        (Change::PasswordSet { customer, .. }, _) => Staleness::Credential(customer.code.clone()),
        (Change::SetEmail { code, .. }, _) => Staleness::Address(code.clone()),
        (Change::File { path, .. }, _) => Staleness::FileChanges(path.clone()),
        (Change::OutboxAck { .. }, _) => Staleness::Notices,
        _ => Staleness::Unbound,
    }
}

/// Record a request for `change`, with its audit entry (one transaction).
fn ask(
    ledger: &mut Ledger,
    policy: &Policy,
    change: &Change,
    preview: Value,
    reason: Option<&str>,
) -> Result<Pending> {
    let expires_after = policy.approval.expiry();
    let params = serde_json::to_value(change).map_err(|e| Error::Corrupt {
        path: ledger.path().to_path_buf(),
        detail: e.to_string(),
    })?;
    let effects: Vec<&str> = change.effects().iter().map(|e| e.as_str()).collect();
    let mut preview = preview;
    if let Value::Object(m) = &mut preview {
        m.insert("effects".into(), json!(effects));
    }
    let customers = change.customers();
    let (id, now) = ledger.write(|tx| {
        let id = tx.add_request(&NewRequest {
            action: change.action(),
            customer: customers.first().copied(),
            params,
            preview,
            reason,
            expires_after,
        })?;
        Ok((id, tx.now()))
    })?;
    Ok(Pending {
        id,
        action: change.action(),
        expires: now + expires_after,
    })
}

/// An approval of one request, applied as the first step of the transaction
/// that carries its change out.
pub struct Claim {
    pub request: RequestRow,
    pub change: Change,
}

impl Claim {
    /// Read request `id` for approval: refused when it is one's own, not
    /// pending, or its change does not read (stale: made before requests
    /// were bound to the state, or altered).
    pub fn take(ledger: &Ledger, id: i64) -> Result<Claim> {
        let request = ledger.request(id)?.ok_or(Error::NoRequest { id })?;
        check_against_trail(ledger, &request)?;
        refuse_own(&request, ledger.identity()?, ledger.operator())?;
        let state = request.state(ledger.now()?);
        if state != "pending" {
            return Err(Error::NotPending {
                id,
                state: state.to_string(),
            });
        }
        let change = serde_json::from_str::<Change>(&request.params)
            .ok()
            .filter(|c| c.action() == request.action)
            .ok_or(Error::Stale {
                what: Staleness::Unbound,
            })?;
        Ok(Claim { request, change })
    }

    fn apply(&self, tx: &mut Tx) -> Result<()> {
        let r = &self.request;
        // The row as it is now, under the write lock, against its entry.
        let now = tx.request(r.id)?.ok_or(Error::NoRequest { id: r.id })?;
        if now.params != r.params {
            return Err(Error::Tampered {
                id: r.id,
                field: "params",
            });
        }
        check_against_trail(tx, &now)?;
        refuse_own(r, tx.identity(), tx.operator())?;
        if !tx.decide_request(r.id, "approved", None)? {
            let state = tx
                .request(r.id)?
                .map(|now| now.state(tx.now()).to_string())
                .unwrap_or_else(|| "gone".into());
            return Err(Error::NotPending { id: r.id, state });
        }
        self.change.check_current(tx)?;
        tx.audit(Entry {
            action: "request.approve",
            customer: r.customer.as_deref(),
            reason: None,
            details: json!({
                "request": r.id,
                "action": r.action,
                "requested_by": r.requested_by,
                "requested_operator": r.operator,
            }),
        })?;
        Ok(())
    }
}

/// Refuse a request row that does not match its `request.create` entry in
/// the hash-chained trail (requester, identity, action, parameters, times):
/// a row edited outside acctsec (to approve one's own request, or to
/// change what it does).
fn check_against_trail(r: &impl Read, row: &RequestRow) -> Result<()> {
    let tampered = |field| Err(Error::Tampered { id: row.id, field });
    let Some(e) = r.request_entry(row.id)? else {
        return tampered("entry");
    };
    let d: Value = serde_json::from_str(&e.details).unwrap_or_default();
    let Some(digest) = d["params_sha256"].as_str() else {
        // Made before entries bound their rows: no approval can trust it.
        return Err(Error::Stale {
            what: Staleness::Unbound,
        });
    };
    let expires = crate::clock::from_stored(&row.expires_at).map(crate::clock::to_jst);
    if e.identity.as_deref() != Some(row.requested_by.as_str()) {
        return tampered("requested_by");
    }
    if e.operator != row.operator {
        return tampered("operator");
    }
    if d["action"].as_str() != Some(row.action.as_str()) {
        return tampered("action");
    }
    if e.customer != row.customer {
        return tampered("customer");
    }
    if e.reason != row.reason {
        return tampered("reason");
    }
    if digest != crate::ledger::params_digest(&row.params) {
        return tampered("params");
    }
    if !made_with(&row.requested_at, &e.at) {
        return tampered("requested_at");
    }
    if d["expires_at"].as_str() != expires.as_deref() {
        return tampered("expires_at");
    }
    // The entry's time is the server's where the server keeps the trail: a
    // request cannot live longer after it than the policy ever allows,
    // whatever expiry its writer wrote in both places.
    let lives = crate::clock::from_stored(&row.expires_at)
        .zip(crate::clock::from_stored(&e.at))
        .map(|(until, at)| until - at);
    let longest = chrono::Duration::minutes(crate::policy::MAX_APPROVAL_EXPIRY_MINUTES as i64);
    if lives.is_none_or(|d| d > longest) {
        return tampered("expires_at");
    }
    Ok(())
}

/// Whether a request row dated `row_at` was made in the transaction that
/// appended its entry at `entry_at`: the same time where the client writes
/// the trail (SQLite); where the server does (PostgreSQL), the row has the
/// server's time when the transaction began and the entry the server's time
/// when appended, a little later, within the clock tolerance.
fn made_with(row_at: &str, entry_at: &str) -> bool {
    if row_at == entry_at {
        return true;
    }
    match (
        crate::clock::from_stored(row_at),
        crate::clock::from_stored(entry_at),
    ) {
        (Some(row), Some(entry)) => {
            row <= entry
                && entry - row <= chrono::Duration::seconds(crate::ledger::CLOCK_TOLERANCE_SECS)
        }
        _ => false,
    }
}

/// Record that request `id` was refused as altered: closed (rejected),
/// audited with what differs.
pub fn record_tampered(ledger: &mut Ledger, id: i64, field: &str) -> Result<()> {
    ledger.write(|tx| {
        let r = tx.request(id)?;
        tx.decide_request(id, "rejected", Some(&format!("tampered: {field}")))?;
        tx.audit(Entry {
            action: "request.tampered",
            customer: r.as_ref().and_then(|r| r.customer.as_deref()),
            reason: None,
            details: json!({ "request": id, "differs": field }),
        })?;
        Ok(())
    })
}

fn refuse_own(r: &RequestRow, identity: &str, operator: &str) -> Result<()> {
    if r.requested_by == identity || r.operator == operator {
        let who = if r.requested_by == identity {
            identity
        } else {
            operator
        };
        return Err(Error::OwnRequest {
            id: r.id,
            who: who.to_string(),
        });
    }
    Ok(())
}

/// Record that request `id` was refused as stale: it is closed (rejected,
/// with the reason), audited.
pub fn record_stale(ledger: &mut Ledger, r: &RequestRow, why: &Staleness) -> Result<()> {
    ledger.write(|tx| {
        let reason = format!("stale: {}", why.code());
        if tx.decide_request(r.id, "rejected", Some(&reason))? {
            tx.audit(Entry {
                action: "request.stale",
                customer: r.customer.as_deref(),
                reason: None,
                details: json!({
                    "request": r.id,
                    "action": r.action,
                    "stale": why.code(),
                    "subject": why.subject(),
                }),
            })?;
        }
        Ok(())
    })
}

/// Reject request `id` (nothing is done), audited.
pub fn reject(ledger: &mut Ledger, id: i64, reason: &str) -> Result<RequestRow> {
    let r = ledger.request(id)?.ok_or(Error::NoRequest { id })?;
    ledger.write(|tx| {
        if !tx.decide_request(id, "rejected", Some(reason))? {
            let state = tx
                .request(id)?
                .map(|now| now.state(tx.now()).to_string())
                .unwrap_or_default();
            return Err(Error::NotPending { id, state });
        }
        tx.audit(Entry {
            action: "request.reject",
            customer: r.customer.as_deref(),
            reason: Some(reason),
            details: json!({ "request": id, "action": r.action, "requested_by": r.requested_by }),
        })?;
        Ok(())
    })?;
    Ok(r)
}

/// SHA-256 of a file's bytes, hex (the digest a bulk file's request holds).
pub fn file_digest(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}
