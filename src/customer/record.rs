//! The customer record as the ledger keeps it, and how an imported row
//! changes it.

use chrono::NaiveDate;

use super::import::{Cell, CustomerRow};

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
    pub reason: String,
    pub by: String,
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
