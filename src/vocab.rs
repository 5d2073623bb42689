//! Words the domains share: which secret (`Kind`), which notice
//! (`NoticeType`), where a notice goes (`Destination`). Both `policy` and
//! `notify` use them; neither imports the other. `notify::catalog` keeps the
//! notice catalog's data (`impl NoticeType`: requirements, names, whether
//! optional), `policy` re-exports `Kind` and `Destination` from its old path.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// Which of the two secrets a rule set applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Login,
    Execution,
}

impl Kind {
    pub const ALL: [Kind; 2] = [Kind::Login, Kind::Execution];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Login => "login",
            Kind::Execution => "execution",
        }
    }

    /// The other secret of the same customer (login vs execution, P6).
    pub fn other(self) -> Kind {
        match self {
            Kind::Login => Kind::Execution,
            Kind::Execution => Kind::Login,
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Kind {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s).ok_or(())
    }
}

/// Where a notice goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Destination {
    Pc,
    Mobile,
    Both,
}

impl Destination {
    pub fn as_str(self) -> &'static str {
        match self {
            Destination::Pc => "pc",
            Destination::Mobile => "mobile",
            Destination::Both => "both",
        }
    }
}

impl Destination {
    /// `pc`, `mobile` or `both`, case and spaces ignored.
    pub fn parse(s: &str) -> Option<Destination> {
        s.trim().to_ascii_lowercase().parse().ok()
    }
}

impl FromStr for Destination {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        match s {
            "pc" => Ok(Destination::Pc),
            "mobile" => Ok(Destination::Mobile),
            "both" => Ok(Destination::Both),
            _ => Err(()),
        }
    }
}

/// A notice a customer subscribes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NoticeType {
    Login,
    LoginNewEnv,
    WithdrawalRequest,
    WithdrawalComplete,
    WithdrawalAuthCode,
    ViewAuthCode,
    EmailChanged,
    BankAccountChanged,
    TradeExecuted,
    FundExecuted,
    AccountInfoChanged,
}

impl NoticeType {
    pub const ALL: [NoticeType; 11] = [
        NoticeType::Login,
        NoticeType::LoginNewEnv,
        NoticeType::WithdrawalRequest,
        NoticeType::WithdrawalComplete,
        NoticeType::WithdrawalAuthCode,
        NoticeType::ViewAuthCode,
        NoticeType::EmailChanged,
        NoticeType::BankAccountChanged,
        NoticeType::TradeExecuted,
        NoticeType::FundExecuted,
        NoticeType::AccountInfoChanged,
    ];

    /// The fixed name (CLI.md).
    pub fn name(self) -> &'static str {
        match self {
            NoticeType::Login => "login",
            NoticeType::LoginNewEnv => "login_new_env",
            NoticeType::WithdrawalRequest => "withdrawal_request",
            NoticeType::WithdrawalComplete => "withdrawal_complete",
            NoticeType::WithdrawalAuthCode => "withdrawal_auth_code",
            NoticeType::ViewAuthCode => "view_auth_code",
            NoticeType::EmailChanged => "email_changed",
            NoticeType::BankAccountChanged => "bank_account_changed",
            NoticeType::TradeExecuted => "trade_executed",
            NoticeType::FundExecuted => "fund_executed",
            NoticeType::AccountInfoChanged => "account_info_changed",
        }
    }

    pub fn parse(s: &str) -> Option<NoticeType> {
        let s = s.trim();
        NoticeType::ALL.into_iter().find(|t| t.name() == s)
    }
}
