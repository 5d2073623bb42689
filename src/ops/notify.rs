//! Notices: a customer's subscriptions (one, or a file of them), and the
//! outbox handed to a mail gateway (export, then acknowledgement).
//!
//! Gated effects: turning a notice off (`notice.suppress`), by `notify set`
//! or in a file; marking notices sent that acctsec did not deliver (an
//! acknowledgement, `notice.suppress`), and only notices of the export it
//! names; and the export itself, which hands over every full address and
//! live code (`customer.unmask`).

use std::path::{Path, PathBuf};

use serde_json::json;

use super::environment::ClientEnv;
use super::gate::{self, Change, Effect, Gated, GatedRow, Via};
use crate::customer::Customer;
use crate::error::{Error, Result};
use crate::ledger::{Entry, Ledger, LogFilter, Read, Tx};
use crate::notify::environment::masked_network;
use crate::notify::import::{Problem, SubscriptionRow};
use crate::notify::{Destination, Event, NewEnvironment, NoticeType, Subscription, recipients};

/// Why a subscription change is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The notice may not be turned off (N7, N8).
    Mandatory(NoticeType),
    /// The customer has no address for the destination.
    NoAddress {
        code: String,
        to: Destination,
        missing: Vec<Destination>,
    },
}

/// Why a subscription change is refused, or `None` when allowed.
fn refusal(c: &Customer, t: NoticeType, enabled: bool, to: Destination) -> Option<Refusal> {
    if !enabled && !t.optional() {
        return Some(Refusal::Mandatory(t));
    }
    let needed = match to {
        Destination::Both => 2,
        _ => 1,
    };
    if enabled && recipients(c, to).len() < needed {
        let missing = [Destination::Pc, Destination::Mobile]
            .into_iter()
            .filter(|d| (to == Destination::Both || to == *d) && recipients(c, *d).is_empty())
            .collect();
        return Some(Refusal::NoAddress {
            code: c.code.clone(),
            to,
            missing,
        });
    }
    None
}

/// What one subscription change did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoticeSet {
    Refused(Refusal),
    Unchanged,
    Changed {
        old: Subscription,
        new: Subscription,
    },
}

/// Apply one subscription change in `tx`, audited.
fn apply(
    tx: &mut Tx,
    c: &Customer,
    t: NoticeType,
    enabled: bool,
    to: Option<Destination>,
    reason: Option<&str>,
) -> Result<NoticeSet> {
    let old = tx.subscription(&c.code, t)?;
    let to = to.unwrap_or(old.to);
    if let Some(why) = refusal(c, t, enabled, to) {
        return Ok(NoticeSet::Refused(why));
    }
    let new = Subscription {
        enabled,
        to,
        default: false,
    };
    if old.enabled == enabled && old.to == to && !old.default {
        return Ok(NoticeSet::Unchanged);
    }
    tx.set_subscription(&c.code, t, enabled, to)?;
    tx.audit(Entry {
        action: "notify.set",
        customer: Some(&c.code),
        reason,
        details: json!({
            "type": t.name(),
            "old": { "enabled": old.enabled, "to": old.to.as_str() },
            "new": { "enabled": enabled, "to": to.as_str() },
            "security_setting": t.is_security_setting(),
        }),
    })?;
    Ok(NoticeSet::Changed { old, new })
}

/// One subscription change (`notify set`).
#[derive(Debug, Clone)]
pub struct SetOptions {
    pub code: String,
    pub kind: NoticeType,
    pub enabled: bool,
    /// None: keep the current destination.
    pub to: Option<Destination>,
    pub reason: Option<String>,
}

/// Change one subscription (or record a request: turning a notice off
/// that is on).
pub fn set(ledger: &mut Ledger, o: &SetOptions, via: Via) -> Result<Gated<NoticeSet>> {
    let c = ledger.require_customer(&o.code)?;
    let now = ledger.subscription(&o.code, o.kind)?;
    if !o.enabled && now.enabled && o.kind.optional() {
        let change = Change::NoticeOff {
            code: o.code.clone(),
            notice: o.kind.name().to_string(),
            to: o.to.map(|d| d.as_str().to_string()),
        };
        let preview = json!({ "customer": o.code, "type": o.kind.name(), "enabled": false });
        if let Some(p) = gate::hold(ledger, &change, preview, o.reason.as_deref(), via)? {
            return Ok(Gated::Pending(p));
        }
    }
    let done = ledger.write(|tx| {
        via.apply(tx)?;
        apply(tx, &c, o.kind, o.enabled, o.to, o.reason.as_deref())
    })?;
    Ok(Gated::Done(done))
}

/// The options an approved `notify.set` request carries out.
pub fn approved_set(change: &Change, reason: Option<&str>) -> Option<SetOptions> {
    match change {
        Change::NoticeOff { code, notice, to } => Some(SetOptions {
            code: code.clone(),
            kind: NoticeType::parse(notice)?,
            enabled: false,
            to: to.as_deref().and_then(Destination::parse),
            reason: reason.map(str::to_string),
        }),
        _ => None,
    }
}

// ------------------------------------------------------------------ import

/// The largest subscription file read (a file of every type for a million
/// customers is well under it).
pub const MAX_SUBSCRIPTION_FILE: u64 = 256 << 20;

/// What is wrong with a line of a subscription file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineProblem {
    /// It does not read.
    Read(Problem),
    NoCustomer(String),
    Refused(Refusal),
    /// The file is larger than [`MAX_SUBSCRIPTION_FILE`].
    TooLarge(u64),
}

/// One problem: line, column, what.
pub type ImportProblem = (u64, Option<&'static str>, LineProblem);

/// What a subscription import did.
#[derive(Debug)]
pub enum NoticesImported {
    Done {
        changed: u64,
        unchanged: u64,
    },
    /// Nothing was written: the first 100 problems, by line, and how many.
    Invalid {
        problems: Vec<ImportProblem>,
        total: usize,
    },
}

/// Import a file of subscription changes: all or nothing; held whole when
/// it turns a notice off that is on and the policy lists `notice.suppress`.
pub fn import(ledger: &mut Ledger, file: &Path, via: Via) -> Result<Gated<NoticesImported>> {
    use std::io::Read as _;
    let mut data = Vec::new();
    std::fs::File::open(file)
        .and_then(|f| f.take(MAX_SUBSCRIPTION_FILE + 1).read_to_end(&mut data))
        .map_err(|e| Error::io(file, e))?;
    if data.len() as u64 > MAX_SUBSCRIPTION_FILE {
        return Ok(Gated::Done(NoticesImported::Invalid {
            problems: vec![(1, None, LineProblem::TooLarge(MAX_SUBSCRIPTION_FILE))],
            total: 1,
        }));
    }
    let digest = gate::file_digest(&data);
    if let Via::Approved(claim) = via {
        check_digest(claim, &digest)?;
    }
    // Rows that did not read are reported together with what is wrong with
    // the rows that did (unknown customers, refused changes): one run lists
    // every problem. With any problem nothing is written.
    let (rows, read_problems) = crate::notify::import::read_all(&data);
    let mut problems: Vec<ImportProblem> = read_problems
        .iter()
        .map(|p| (p.line, p.column, LineProblem::Read(p.problem.clone())))
        .collect();
    let gating = via.is_approval() || ledger.policy()?.approval.requires(Effect::NoticeSuppress);
    let file_name = file.display().to_string();
    let mut gated = Vec::new();
    let mut work = |tx: &mut Tx| -> Result<(Option<(u64, u64)>, bool)> {
        let (mut changed, mut unchanged) = (0u64, 0u64);
        for r in &rows {
            if r.code.is_empty() {
                continue;
            }
            let Some(c) = tx.customer(&r.code)? else {
                problems.push((
                    r.line,
                    Some("code"),
                    LineProblem::NoCustomer(r.code.clone()),
                ));
                continue;
            };
            if gating && turns_off(tx, r)? {
                gated.push(GatedRow {
                    code: r.code.clone(),
                    line: r.line,
                    fields: vec![r.kind.name().to_string()],
                });
            }
            match apply(tx, &c, r.kind, r.enabled, r.to, None)? {
                NoticeSet::Refused(why) => problems.push((r.line, None, LineProblem::Refused(why))),
                NoticeSet::Unchanged => unchanged += 1,
                NoticeSet::Changed { .. } => changed += 1,
            }
        }
        if !problems.is_empty() {
            return Ok((None, false));
        }
        if changed > 0 {
            tx.audit(Entry {
                action: "notify.import",
                customer: None,
                reason: None,
                details: json!({ "file": file_name, "changed": changed, "unchanged": unchanged }),
            })?;
        }
        if let Via::Approved(claim) = via {
            check_gated(claim, &gated)?;
            via.apply(tx)?;
        } else if !gated.is_empty() {
            return Ok((None, false));
        }
        Ok((Some((changed, unchanged)), true))
    };
    // (Rows that did not read: checked as the real run would, then rolled
    // back, since the problems end the run anyway.)
    let counts = ledger.write_or_roll_back(|tx| {
        let (v, commit) = work(tx)?;
        Ok((v, commit && read_problems.is_empty()))
    })?;
    if !problems.is_empty() {
        problems.sort_by_key(|p| p.0);
        let total = problems.len();
        problems.truncate(100);
        return Ok(Gated::Done(NoticesImported::Invalid { problems, total }));
    }
    match counts {
        Some((changed, unchanged)) => Ok(Gated::Done(NoticesImported::Done { changed, unchanged })),
        None => hold_file(ledger, file, digest, gated, via),
    }
}

/// Whether the row turns off a notice that is on now.
fn turns_off(tx: &Tx, r: &SubscriptionRow) -> Result<bool> {
    Ok(!r.enabled && r.kind.optional() && tx.subscription(&r.code, r.kind)?.enabled)
}

fn check_digest(claim: &gate::Claim, digest: &str) -> Result<()> {
    match &claim.change {
        Change::File { digest: want, .. } if want == digest => Ok(()),
        Change::File { path, .. } => Err(Error::Stale {
            what: gate::Staleness::File(path.clone()),
        }),
        _ => Err(Error::Stale {
            what: gate::Staleness::Unbound,
        }),
    }
}

fn check_gated(claim: &gate::Claim, gated: &[GatedRow]) -> Result<()> {
    match &claim.change {
        Change::File {
            gated: approved,
            path,
            ..
        } if approved != gated => Err(Error::Stale {
            what: gate::Staleness::FileChanges(path.clone()),
        }),
        _ => Ok(()),
    }
}

fn hold_file(
    ledger: &mut Ledger,
    file: &Path,
    digest: String,
    gated: Vec<GatedRow>,
    via: Via,
) -> Result<Gated<NoticesImported>> {
    let path = std::fs::canonicalize(file).unwrap_or_else(|_| file.to_path_buf());
    let preview = json!({
        "file": path.display().to_string(),
        "sha256": digest,
        "gated": gated.iter().map(|g| json!({
            "customer": g.code, "line": g.line, "off": g.fields,
        })).collect::<Vec<_>>(),
    });
    let change = Change::File {
        command: "notify.import".into(),
        path: path.display().to_string(),
        digest,
        encoding: None,
        gated,
        effects: vec![Effect::NoticeSuppress],
    };
    match gate::hold(ledger, &change, preview, None, via)? {
        Some(p) => Ok(Gated::Pending(p)),
        None => Err(Error::Stale {
            what: gate::Staleness::Unbound,
        }),
    }
}

/// The file an approved `notify.import` request imports.
pub fn approved_import(change: &Change) -> Option<PathBuf> {
    match change {
        Change::File { command, path, .. } if command == "notify.import" => {
            Some(PathBuf::from(path))
        }
        _ => None,
    }
}

// ------------------------------------------------------------------ outbox

/// An export: which notices, in which file, under which number (the seq
/// of its trail entry, which `outbox ack` names).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exported {
    pub export: u64,
    pub ids: Vec<i64>,
    /// Code notices not handed over: their code was over (now `expired`).
    pub expired: Vec<i64>,
    /// Code notices left pending: sealed to a key this host does not have
    /// (or holding no code: mailed at once by `authcode issue`).
    pub left: Vec<i64>,
}

/// Write every pending notice, with full addresses and live codes, as JSON
/// lines into `out` (0600, never overwritten), or record a request for it
/// (`customer.unmask`; the approver gives the file). A code notice is
/// handed over only opened with this host's key (`notify`'s
/// `seal_key_file`); the others stay pending for a host that can.
pub fn export(
    ledger: &mut Ledger,
    out: &Path,
    via: Via,
    notify: &crate::config::NotifyConfig,
) -> Result<Gated<Exported>> {
    let preview = json!({ "export": "every pending notice, full addresses and live codes" });
    if let Some(p) = gate::hold(ledger, &Change::OutboxExport, preview, None, via)? {
        return Ok(Gated::Pending(p));
    }
    // Expired auth codes first: their notices are blanked, never exported.
    super::authcode::expire_due(ledger)?;
    let key = notify.open_key()?;
    let out_name = out.display().to_string();
    let done = ledger.write(|tx| {
        via.apply(tx)?;
        // A code notice whose code is over (used, ended, expired) is never
        // handed over: marked `expired`, as `notify send` marks it.
        let (pending, stale) = super::send::split_stale(tx, tx.outbox(Some("pending"))?)?;
        let expired = super::send::expire(tx, &stale)?;
        let mut left = Vec::new();
        let mut handed = Vec::new();
        for n in pending {
            if n.authcode.is_none() {
                handed.push((n, None));
                continue;
            }
            match key.as_ref().map(|k| k.open(&n.body)) {
                Some(Ok(body)) => handed.push((n, Some(body))),
                _ => left.push(n.id),
            }
        }
        let ids: Vec<i64> = handed.iter().map(|(n, _)| n.id).collect();
        tx.mark_exported(&ids)?;
        let export = tx.audit(Entry {
            action: "notify.export",
            customer: None,
            reason: None,
            details: json!({ "file": out_name, "count": ids.len(), "ids": ids }),
        })?;
        let mut text = String::new();
        for (n, opened) in &handed {
            let body = opened.as_deref().map_or(n.body.as_str(), |b| b.as_str());
            let line = json!({
                "id": n.id,
                "export": export,
                "type": n.kind,
                "customer": n.customer,
                "to": n.to,
                "subject": n.subject,
                "body": body,
                "created_at": crate::clock::stored_to_jst(&n.created_at),
            });
            text.push_str(&line.to_string());
            text.push('\n');
        }
        // Written before the commit: no export is recorded without its file.
        crate::secretfile::write_new(out, text.as_bytes())?;
        Ok(Exported {
            export,
            ids,
            expired,
            left,
        })
    })?;
    Ok(Gated::Done(done))
}

/// The notices export `seq` handed over (`None`: no such export).
fn exported_ids(ledger: &Ledger, seq: u64) -> Result<Option<Vec<i64>>> {
    let Some(e) = ledger.entry(seq)? else {
        return Ok(None);
    };
    if e.action != "notify.export" {
        return Ok(None);
    }
    let details: serde_json::Value = serde_json::from_str(&e.details).unwrap_or_default();
    Ok(serde_json::from_value(details["ids"].clone()).ok())
}

/// The newest export's number, if there is one.
pub fn newest_export(ledger: &Ledger) -> Result<Option<u64>> {
    Ok(ledger
        .log(&LogFilter {
            action: Some("notify.export".into()),
            limit: Some(1),
            ..LogFilter::default()
        })?
        .first()
        .map(|e| e.seq))
}

/// What an acknowledgement did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Acked {
    pub export: u64,
    pub acked: Vec<i64>,
    pub already: Vec<i64>,
}

/// Why ids cannot be acknowledged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AckRefused {
    /// No export has that number.
    NoExport(u64),
    /// Ids that export did not hand over.
    NotInExport { export: u64, ids: Vec<i64> },
}

/// Mark notices of export `export` sent (the gateway delivered them), or
/// record a request (`notice.suppress`: acctsec did not deliver them).
pub fn ack(
    ledger: &mut Ledger,
    export: u64,
    ids: &[i64],
    via: Via,
) -> Result<Gated<std::result::Result<Acked, AckRefused>>> {
    let Some(handed) = exported_ids(ledger, export)? else {
        return Ok(Gated::Done(Err(AckRefused::NoExport(export))));
    };
    let outside: Vec<i64> = ids
        .iter()
        .copied()
        .filter(|i| !handed.contains(i))
        .collect();
    if !outside.is_empty() {
        return Ok(Gated::Done(Err(AckRefused::NotInExport {
            export,
            ids: outside,
        })));
    }
    let change = Change::OutboxAck {
        export: export as i64,
        ids: ids.to_vec(),
    };
    let preview = json!({ "export": export, "notices": ids.len(), "ids": ids });
    if let Some(p) = gate::hold(ledger, &change, preview, None, via)? {
        return Ok(Gated::Pending(p));
    }
    let res = ledger.write(|tx| {
        via.apply(tx)?;
        let res = tx.ack_notices(ids)?;
        if !res.unknown.is_empty() {
            return Err(Error::Stale {
                what: gate::Staleness::Notices,
            });
        }
        if !res.acked.is_empty() {
            // The mail is out: the ledger keeps no copy of an auth code.
            tx.blank_authcode_notices(&res.acked)?;
            tx.audit(Entry {
                action: "notify.ack",
                customer: None,
                reason: None,
                details: json!({ "export": export, "ids": res.acked }),
            })?;
        }
        Ok(res)
    })?;
    Ok(Gated::Done(Ok(Acked {
        export,
        acked: res.acked,
        already: res.already,
    })))
}

// ------------------------------------------------------------------- emit

/// An event a front end reports (`notify emit`).
#[derive(Debug, Clone)]
pub struct EmitOptions {
    pub kind: NoticeType,
    pub code: String,
    pub env: ClientEnv,
    pub amount: Option<u64>,
}

/// What an event queued: the notices' ids, and why (as the trail says:
/// `subscribed`, `not_subscribed`, `no_address`; for `login_new_env`
/// the environment's: `known_environment`, `new_environment`, ...).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Emitted {
    pub queued: Vec<i64>,
    pub why: &'static str,
    /// For a login (`login`, `login_new_env`): what became of its
    /// environment.
    pub environment: Option<EnvironmentOutcome>,
}

/// A reported login's environment: known or new, and the `login_new_env`
/// notice it queued.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnvironmentOutcome {
    /// `known_environment`, `new_environment` (queued), `not_subscribed`
    /// (new, not told), `no_address` (new, nowhere to tell), or
    /// `no_environment` (neither a device token nor an address reported:
    /// nothing to place the login by).
    pub why: &'static str,
    pub queued: Vec<i64>,
    pub new_device: bool,
    pub new_browser: bool,
    pub new_network: bool,
}

/// Queue the notices of an event for the customer, audited. Both `login`
/// and `login_new_env` report one successful login: it makes its
/// environment known, and queues `login_new_env` when the environment was
/// not (as the customer's subscription to it says); `login` also queues the
/// every-login notice (N1) to a subscriber.
pub fn emit(ledger: &mut Ledger, o: &EmitOptions) -> Result<Emitted> {
    let (t, code) = (o.kind, o.code.as_str());
    ledger.write(|tx| {
        let c = tx.require_customer(code)?;
        let ip = o.env.ip.map(|i| i.to_string());
        let mut own = None;
        if t != NoticeType::LoginNewEnv {
            let mut why = "not_subscribed";
            let mut queued = Vec::new();
            if tx.subscription(code, t)?.enabled {
                let event = Event::Emitted {
                    kind: t,
                    ip: ip.as_deref(),
                    device: o.env.device.as_deref(),
                    user_agent: o.env.user_agent.as_deref(),
                    amount: o.amount,
                };
                queued = tx.queue_notices_for(&c, &event)?;
                why = if queued.is_empty() {
                    "no_address"
                } else {
                    "subscribed"
                };
            }
            own = Some((queued, why));
        }
        let environment = match t {
            NoticeType::Login | NoticeType::LoginNewEnv => {
                Some(login_environment(tx, &c, &o.env, ip.as_deref())?)
            }
            _ => None,
        };
        let (queued, why) = match (own, &environment) {
            (Some(own), _) => own,
            (None, Some(e)) => (e.queued.clone(), e.why),
            (None, None) => (Vec::new(), "not_subscribed"),
        };
        let mut details = json!({ "type": t.name(), "queued": queued, "why": why });
        if let Some(e) = &environment {
            details["environment"] = json!({
                "why": e.why,
                "queued": e.queued,
                "new_device": e.new_device,
                "new_browser": e.new_browser,
                "new_network": e.new_network,
            });
        }
        tx.audit(Entry {
            action: "notify.emit",
            customer: Some(code),
            reason: None,
            details,
        })?;
        Ok(Emitted {
            queued,
            why,
            environment,
        })
    })
}

/// Record a reported login's environment, and queue `login_new_env` when
/// it was not known and the customer subscribes.
fn login_environment(
    tx: &mut Tx,
    c: &Customer,
    env: &ClientEnv,
    ip: Option<&str>,
) -> Result<EnvironmentOutcome> {
    let Some(r) = super::environment::record_login(tx, &c.code, env)? else {
        return Ok(EnvironmentOutcome {
            why: "no_environment",
            queued: Vec::new(),
            new_device: false,
            new_browser: false,
            new_network: false,
        });
    };
    let v = r.verdict;
    let mut out = EnvironmentOutcome {
        why: "known_environment",
        queued: Vec::new(),
        new_device: v.new_device,
        new_browser: v.new_browser,
        new_network: v.new_network,
    };
    if v.known {
        return Ok(out);
    }
    out.why = "not_subscribed";
    if tx.subscription(&c.code, NoticeType::LoginNewEnv)?.enabled {
        let phone = tx.policy()?.support_phone.clone();
        let o = &r.observed;
        let event = Event::NewEnvironment(NewEnvironment {
            ip,
            device: o.device.as_deref(),
            browser: o.browser.as_deref(),
            os: o.os.as_deref(),
            network: o.network.as_deref().map(masked_network),
            new_device: v.new_device,
            new_browser: v.new_browser,
            new_network: v.new_network,
            phone: &phone,
        });
        out.queued = tx.queue_notices_for(c, &event)?;
        out.why = if out.queued.is_empty() {
            "no_address"
        } else {
            "new_environment"
        };
    }
    Ok(out)
}
