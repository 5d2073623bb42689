//! Email notices (N1-N13): the catalog, subscriptions, and the Japanese
//! templates rendered into the outbox. Pure: the ledger stores, this decides.

pub mod catalog;
pub mod import;
pub mod template;

pub use catalog::{Destination, NoticeType, SystemNotice};
pub use template::{Event, Rendered, render};

use serde_json::{Value, json};

use crate::customer::{AddressKind, Customer, EmailChange, mask_email};
use crate::error::Result;
use crate::ledger::{Ledger, NewNotice, Read, Tx};

/// A customer's effective subscription to one notice type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Subscription {
    pub enabled: bool,
    pub to: Destination,
    /// Whether this is the policy default (no choice recorded).
    pub default: bool,
}

/// The addresses a notice goes to, among the customer's registered ones.
/// `both` with only one address registered sends to that one.
pub fn recipients(c: &Customer, to: Destination) -> Vec<(AddressKind, String)> {
    let kinds: &[AddressKind] = match to {
        Destination::Pc => &[AddressKind::Pc],
        Destination::Mobile => &[AddressKind::Mobile],
        Destination::Both => &[AddressKind::Pc, AddressKind::Mobile],
    };
    kinds
        .iter()
        .filter_map(|k| c.email(*k).map(|a| (*k, a.to_string())))
        .collect()
}

/// The address a system notice (issued, locked, unlocked) goes to: the
/// destination of the customer's `account_info_changed` subscription, else
/// the PC address, else the mobile one.
pub fn system_recipients(c: &Customer, sub: Subscription) -> Vec<(AddressKind, String)> {
    let chosen = recipients(c, sub.to);
    if !chosen.is_empty() {
        return chosen;
    }
    recipients(c, Destination::Pc)
        .into_iter()
        .chain(recipients(c, Destination::Mobile))
        .take(1)
        .collect()
}

/// Queue the `email_changed` notice to the old and the new address (N7),
/// whatever the subscriptions say.
pub fn queue_email_changed(tx: &mut Tx, c: &Customer, change: &EmailChange) -> Result<()> {
    let support = tx.policy()?.support_desk().to_string();
    let r = render(
        &Event::EmailChanged {
            kind: change.kind,
            old: change.old.as_deref(),
            new: change.new.as_deref(),
        },
        &c.name,
        tx.now(),
        &support,
    );
    let mut seen = Vec::new();
    for addr in change.old.iter().chain(change.new.iter()) {
        if seen.contains(addr) {
            continue;
        }
        seen.push(addr.clone());
        tx.queue_notice(&NewNotice {
            kind: NoticeType::EmailChanged.name(),
            customer: &c.code,
            to: addr,
            subject: &r.subject,
            body: &r.body,
        })?;
    }
    Ok(())
}

/// Queue a system notice (initial password issued, account locked or
/// unlocked) in the caller's transaction. Returns how many were queued (0
/// when the customer has no address).
pub fn queue_system(
    tx: &mut Tx,
    c: &Customer,
    notice: SystemNotice,
    event: &Event,
) -> Result<usize> {
    let sub = tx.subscription(&c.code, NoticeType::AccountInfoChanged)?;
    let support = tx.policy()?.support_desk().to_string();
    let r = render(event, &c.name, tx.now(), &support);
    let to = system_recipients(c, sub);
    for (_, addr) in &to {
        tx.queue_notice(&NewNotice {
            kind: notice.name(),
            customer: &c.code,
            to: addr,
            subject: &r.subject,
            body: &r.body,
        })?;
    }
    Ok(to.len())
}

/// Every notice type with the customer's effective setting, for display.
pub fn subscriptions_for_display(ledger: &Ledger, c: &Customer, unmask: bool) -> Result<Value> {
    let subs = ledger.subscriptions(&c.code)?;
    Ok(Value::Array(
        subs.into_iter()
            .map(|(t, s)| {
                let to: Vec<String> = recipients(c, s.to)
                    .into_iter()
                    .map(|(_, a)| if unmask { a } else { mask_email(&a) })
                    .collect();
                json!({
                    "type": t.name(),
                    "enabled": s.enabled,
                    "to": s.to.as_str(),
                    "addresses": to,
                    "default": s.default,
                })
            })
            .collect(),
    ))
}
