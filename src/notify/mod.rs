//! Email notices (N1-N13): the catalog, subscriptions, and the Japanese
//! templates rendered into the outbox. Pure: this decides which notices an
//! event sends and what they say ([`notices`]); the ledger stores them
//! (`Tx::queue_notices_for` reads the subscription and policy this needs and
//! queues the result in the caller's transaction).

pub mod catalog;
pub mod environment;
pub mod import;
pub mod mail;
pub mod sealed;
pub mod template;

pub use catalog::{Destination, NoticeType, Priority, SystemNotice};
pub use template::{Event, LockCause, NewEnvironment, Rendered, render};

use chrono::{DateTime, Utc};
use serde_json::{Value, json};

use crate::customer::{AddressKind, Customer, EmailChange, mask_email};

/// A customer's effective subscription to one notice type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Subscription {
    pub enabled: bool,
    pub to: Destination,
    /// Whether this is the policy default (no choice recorded).
    pub default: bool,
}

/// A notice ready for the outbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewNotice {
    /// The notice type's or system notice's name (`login`, `account_locked`).
    pub kind: &'static str,
    pub customer: String,
    pub to: String,
    pub subject: String,
    pub body: String,
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

impl<'a> Event<'a> {
    /// The change of one registered address, told to the old and the new
    /// address (N7).
    pub fn email_changed(change: &'a EmailChange) -> Self {
        Event::EmailChanged {
            kind: change.kind,
            old: change.old.as_deref(),
            new: change.new.as_deref(),
        }
    }

    /// The name the outbox records for this event's notices.
    pub fn notice_name(&self) -> &'static str {
        match self {
            Event::EmailChanged { .. } => NoticeType::EmailChanged.name(),
            Event::InitialPasswordIssued { .. } => SystemNotice::InitialPasswordIssued.name(),
            Event::AccountLocked { .. } => SystemNotice::AccountLocked.name(),
            Event::AccountUnlocked { .. } => SystemNotice::AccountUnlocked.name(),
            Event::Emitted { kind, .. } | Event::AuthCode { kind, .. } => kind.name(),
            Event::NewEnvironment(_) => NoticeType::LoginNewEnv.name(),
        }
    }

    /// The notice type whose subscription says where this event's notices
    /// go: the reported type for an emitted notice, `account_info_changed`
    /// for the system notices (issued, locked, unlocked). `None` for an email
    /// change, which goes to the old and the new address (N7) whatever the
    /// subscriptions say.
    pub fn routed_by(&self) -> Option<NoticeType> {
        match self {
            Event::EmailChanged { .. } => None,
            Event::Emitted { kind, .. } | Event::AuthCode { kind, .. } => Some(*kind),
            Event::NewEnvironment(_) => Some(NoticeType::LoginNewEnv),
            Event::InitialPasswordIssued { .. }
            | Event::AccountLocked { .. }
            | Event::AccountUnlocked { .. } => Some(NoticeType::AccountInfoChanged),
        }
    }
}

/// The notices `event` sends to customer `c` at `at`: rendered once, one per
/// address, none when the customer has no address to send it to.
///
/// `sub` is the customer's subscription to [`Event::routed_by`]; without it
/// (`None`) a routed notice has nowhere to go. Whether an optional notice is
/// sent at all (`sub.enabled`) is the caller's decision: system notices and
/// email changes always are.
pub fn notices(
    c: &Customer,
    event: &Event,
    sub: Option<Subscription>,
    at: DateTime<Utc>,
    support: &str,
) -> Vec<NewNotice> {
    let to: Vec<String> = match (event, sub) {
        (Event::EmailChanged { old, new, .. }, _) => {
            let mut to: Vec<String> = Vec::new();
            for addr in old.iter().chain(new.iter()) {
                if !to.iter().any(|a| a == addr) {
                    to.push(addr.to_string());
                }
            }
            to
        }
        (Event::Emitted { .. } | Event::AuthCode { .. } | Event::NewEnvironment(_), Some(sub)) => {
            addresses(recipients(c, sub.to))
        }
        (_, Some(sub)) => addresses(system_recipients(c, sub)),
        (_, None) => Vec::new(),
    };
    if to.is_empty() {
        return Vec::new();
    }
    let mut r = render(event, &c.name, at, support);
    let out = to
        .into_iter()
        .map(|addr| NewNotice {
            kind: event.notice_name(),
            customer: c.code.clone(),
            to: addr,
            subject: r.subject.clone(),
            body: r.body.clone(),
        })
        .collect();
    // An auth code's notice holds the code: leave no stray copy behind.
    zeroize::Zeroize::zeroize(&mut r.body);
    out
}

fn addresses(to: Vec<(AddressKind, String)>) -> Vec<String> {
    to.into_iter().map(|(_, a)| a).collect()
}

/// Every notice type with the customer's effective setting (as the ledger
/// reports them), for display.
pub fn subscriptions_for_display(
    c: &Customer,
    subs: Vec<(NoticeType, Subscription)>,
    unmask: bool,
) -> Value {
    Value::Array(
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
    )
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn customer(pc: Option<&str>, mobile: Option<&str>) -> Customer {
        Customer {
            code: "1000100".into(),
            name: "佐藤 太郎".into(),
            birth_date: chrono::NaiveDate::from_ymd_opt(1980, 4, 10).unwrap(),
            phone: None,
            mobile_phone: None,
            email_pc: pc.map(Into::into),
            email_mobile: mobile.map(Into::into),
        }
    }

    fn sub(to: Destination) -> Option<Subscription> {
        Some(Subscription {
            enabled: true,
            to,
            default: true,
        })
    }

    fn to_of(n: &[NewNotice]) -> Vec<&str> {
        n.iter().map(|n| n.to.as_str()).collect()
    }

    const PC: &str = "taro@example.jp";
    const MOBILE: &str = "taro@docomo.ne.jp";

    #[test]
    fn one_rendered_notice_per_address() {
        let at = Utc.with_ymd_and_hms(2022, 9, 18, 9, 0, 0).unwrap();
        let c = customer(Some(PC), Some(MOBILE));
        let e = Event::AccountLocked {
            cause: LockCause::Failures {
                kind: crate::vocab::Kind::Execution,
                failures: 9,
            },
        };
        let n = notices(&c, &e, sub(Destination::Both), at, "0120-000-000");
        assert_eq!(to_of(&n), [PC, MOBILE]);
        let r = render(&e, &c.name, at, "0120-000-000");
        for n in &n {
            assert_eq!(n.kind, "account_locked");
            assert_eq!(n.customer, "1000100");
            assert_eq!(
                (n.subject.as_str(), n.body.as_str()),
                (&*r.subject, &*r.body)
            );
        }
    }

    #[test]
    fn system_notices_fall_back_to_any_address() {
        let at = Utc::now();
        let c = customer(None, Some(MOBILE));
        let n = notices(
            &c,
            &Event::AccountUnlocked { reissued: None },
            sub(Destination::Pc),
            at,
            "desk",
        );
        assert_eq!(to_of(&n), [MOBILE]);
        assert_eq!(n[0].kind, "account_unlocked");
        let nobody = customer(None, None);
        assert!(
            notices(
                &nobody,
                &Event::AccountUnlocked { reissued: None },
                sub(Destination::Pc),
                at,
                "desk"
            )
            .is_empty()
        );
    }

    #[test]
    fn emitted_notices_follow_the_subscription_only() {
        let at = Utc::now();
        let c = customer(None, Some(MOBILE));
        let e = Event::Emitted {
            kind: NoticeType::Login,
            ip: None,
            device: None,
            user_agent: None,
            amount: None,
        };
        assert_eq!(e.routed_by(), Some(NoticeType::Login));
        assert!(notices(&c, &e, sub(Destination::Pc), at, "desk").is_empty());
        let n = notices(&c, &e, sub(Destination::Both), at, "desk");
        assert_eq!(to_of(&n), [MOBILE]);
        assert_eq!(n[0].kind, "login");
        // Routed, but no subscription given: nowhere to go.
        assert!(notices(&c, &e, None, at, "desk").is_empty());
    }

    #[test]
    fn an_email_change_goes_to_the_old_and_the_new_address_once() {
        let at = Utc::now();
        let c = customer(Some("new@example.jp"), None);
        let change = EmailChange {
            kind: AddressKind::Pc,
            old: Some(PC.into()),
            new: Some("new@example.jp".into()),
        };
        let e = Event::email_changed(&change);
        assert_eq!(e.routed_by(), None);
        let n = notices(&c, &e, None, at, "desk");
        assert_eq!(to_of(&n), [PC, "new@example.jp"]);
        assert!(n.iter().all(|n| n.kind == "email_changed"));
        let same = EmailChange {
            new: Some(PC.into()),
            ..change
        };
        assert_eq!(
            to_of(&notices(&c, &Event::email_changed(&same), None, at, "desk")),
            [PC]
        );
    }
}
