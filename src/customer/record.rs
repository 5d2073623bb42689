//! The customer record as the ledger keeps it, and how an imported row
//! changes it.

use chrono::NaiveDate;

use super::import::{Cell, CustomerRow};
use crate::vocab::Kind;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Customer {
    pub code: String,
    pub name: String,
    pub birth_date: NaiveDate,
    pub phone: Option<String>,
    pub mobile_phone: Option<String>,
    pub email_pc: Option<String>,
    pub email_mobile: Option<String>,
}

/// Which registered address: the PC one or the mobile one (N12).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AddressKind {
    Pc,
    Mobile,
}

impl AddressKind {
    pub fn as_str(self) -> &'static str {
        match self {
            AddressKind::Pc => "pc",
            AddressKind::Mobile => "mobile",
        }
    }
}

/// An email address that changed: the notice goes to both (N7).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailChange {
    pub kind: AddressKind,
    pub old: Option<String>,
    pub new: Option<String>,
}

impl Customer {
    /// A new customer from a row of the file (its values moved).
    pub fn from_row(row: CustomerRow) -> Customer {
        Customer {
            code: row.code,
            name: row.name,
            birth_date: row.birth_date,
            phone: row.phone.flatten(),
            mobile_phone: row.mobile_phone.flatten(),
            email_pc: row.email_pc.flatten(),
            email_mobile: row.email_mobile.flatten(),
        }
    }

    /// The registered phone numbers (normalised digits).
    pub fn phones(&self) -> Vec<String> {
        self.phone
            .iter()
            .chain(&self.mobile_phone)
            .cloned()
            .collect()
    }

    pub fn email(&self, kind: AddressKind) -> Option<&str> {
        match kind {
            AddressKind::Pc => self.email_pc.as_deref(),
            AddressKind::Mobile => self.email_mobile.as_deref(),
        }
    }

    pub fn email_mut(&mut self, kind: AddressKind) -> &mut Option<String> {
        match kind {
            AddressKind::Pc => &mut self.email_pc,
            AddressKind::Mobile => &mut self.email_mobile,
        }
    }

    /// Apply an imported row: the updated record and the names of the
    /// fields that changed. Columns absent from the file leave their field
    /// as it is.
    pub fn merged(&self, row: &CustomerRow) -> (Customer, Vec<&'static str>) {
        let mut next = self.clone();
        let mut changed = Vec::new();
        let mut set = |name: &'static str, field: &mut Option<String>, cell: &Cell| {
            if let Some(v) = cell
                && field != v
            {
                *field = v.clone();
                changed.push(name);
            }
        };
        set("phone", &mut next.phone, &row.phone);
        set("mobile_phone", &mut next.mobile_phone, &row.mobile_phone);
        set("email_pc", &mut next.email_pc, &row.email_pc);
        set("email_mobile", &mut next.email_mobile, &row.email_mobile);
        if next.name != row.name {
            next.name = row.name.clone();
            changed.insert(0, "name");
        }
        if next.birth_date != row.birth_date {
            next.birth_date = row.birth_date;
            let at = changed
                .iter()
                .position(|c| *c != "name")
                .unwrap_or(changed.len());
            changed.insert(at, "birth_date");
        }
        (next, changed)
    }

    /// The email addresses that differ between `self` (old) and `new`.
    pub fn email_changes(&self, new: &Customer) -> Vec<EmailChange> {
        [AddressKind::Pc, AddressKind::Mobile]
            .into_iter()
            .filter(|k| self.email(*k) != new.email(*k))
            .map(|k| EmailChange {
                kind: k,
                old: self.email(k).map(str::to_string),
                new: new.email(k).map(str::to_string),
            })
            .collect()
    }
}

/// Where a customer's password of one kind stands (I3).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordState {
    /// Nothing issued or set.
    None,
    /// Issued by the broker; the customer must change it.
    Initial,
    /// Chosen by the customer.
    Set,
}

impl PasswordState {
    pub fn as_str(self) -> &'static str {
        match self {
            PasswordState::None => "none",
            PasswordState::Initial => "initial",
            PasswordState::Set => "set",
        }
    }

    pub fn parse(s: Option<&str>) -> PasswordState {
        match s {
            Some("initial") => PasswordState::Initial,
            Some("set") => PasswordState::Set,
            _ => PasswordState::None,
        }
    }
}

/// A stored password of one kind, as the ledger holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credential {
    pub hash: String,
    pub format: String,
    pub state: PasswordState,
    pub failures: u32,
    pub set_at: String,
    pub issue_run: Option<i64>,
}

/// A lock on the account (L2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lock {
    pub at: String,
    /// As stored: [`LockReason::code`] for an automatic lock, the staff's
    /// words for theirs (and, from before the codes, an automatic lock's
    /// English sentence).
    pub reason: String,
    pub by: String,
}

impl Lock {
    /// Why the account is locked, typed.
    pub fn cause(&self) -> LockReason<'_> {
        LockReason::parse(&self.reason)
    }
}

/// Why an account is locked: the ledger stores a stable code for the
/// automatic lock (worded in the reader's language when shown), the staff's
/// own text for theirs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LockReason<'a> {
    /// `failures` consecutive failed attempts of `kind` (L1); stored as
    /// `auto:KIND:FAILURES`.
    Failures { kind: Kind, failures: u32 },
    /// Text as stored, shown as it is.
    Text(&'a str),
}

impl LockReason<'_> {
    const AUTO: &'static str = "auto:";

    /// The stored code of an automatic lock: `auto:execution:9`.
    pub fn code(kind: Kind, failures: u32) -> String {
        format!("{}{}:{failures}", Self::AUTO, kind.as_str())
    }

    /// A stored reason: a code read as one, anything else as text.
    pub fn parse(stored: &str) -> LockReason<'_> {
        let auto = stored.strip_prefix(Self::AUTO).and_then(|rest| {
            let (kind, n) = rest.split_once(':')?;
            let kind = kind.parse::<Kind>().ok()?;
            if n.is_empty() || !n.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            Some(LockReason::Failures {
                kind,
                failures: n.parse().ok()?,
            })
        });
        auto.unwrap_or(LockReason::Text(stored))
    }
}

/// The credential and lock state shown beside a customer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountState {
    pub execution: PasswordState,
    pub login: PasswordState,
    pub login_format: Option<String>,
    /// Consecutive failed execution-password attempts.
    pub failures: u32,
    pub lock: Option<Lock>,
    /// Consecutive failed login-password attempts.
    pub login_failures: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lock_reasons_round_trip_and_old_prose_stays_text() {
        for kind in Kind::ALL {
            let code = LockReason::code(kind, 9);
            assert_eq!(
                LockReason::parse(&code),
                LockReason::Failures { kind, failures: 9 }
            );
        }
        assert_eq!(LockReason::code(Kind::Execution, 9), "auto:execution:9");
        for text in [
            "9 consecutive failed execution-password attempts",
            "auto:",
            "auto:execution:",
            "auto:execution:9x",
            "auto:execution:+9",
            "auto:pin:9",
            "auto:execution:99999999999",
            "fraud report by phone",
        ] {
            assert_eq!(LockReason::parse(text), LockReason::Text(text), "{text}");
        }
    }
}
