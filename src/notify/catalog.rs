//! The notice catalog (N1-N11; names fixed by CLI.md).

pub use crate::vocab::{Destination, NoticeType};

impl NoticeType {
    /// The requirement it comes from (PRODUCT.md).
    pub fn requirement(self) -> &'static str {
        match self {
            NoticeType::Login => "N1",
            NoticeType::LoginNewEnv => "N2",
            NoticeType::WithdrawalRequest => "N3",
            NoticeType::WithdrawalComplete => "N4",
            NoticeType::WithdrawalAuthCode => "N5",
            NoticeType::ViewAuthCode => "N6",
            NoticeType::EmailChanged => "N7",
            NoticeType::BankAccountChanged => "N8",
            NoticeType::TradeExecuted => "N9",
            NoticeType::FundExecuted => "N10",
            NoticeType::AccountInfoChanged => "N11",
        }
    }

    /// Whether the customer may turn it off (N7 and N8 may not).
    pub fn optional(self) -> bool {
        !matches!(
            self,
            NoticeType::EmailChanged | NoticeType::BankAccountChanged
        )
    }

    /// Turning it on changes how the customer authenticates (N5, N6).
    pub fn is_security_setting(self) -> bool {
        matches!(
            self,
            NoticeType::WithdrawalAuthCode | NoticeType::ViewAuthCode
        )
    }

    /// How soon its mail must go out ([`Priority`]).
    pub fn priority(self) -> Priority {
        match self {
            NoticeType::WithdrawalAuthCode | NoticeType::ViewAuthCode => Priority::Code,
            NoticeType::EmailChanged | NoticeType::BankAccountChanged | NoticeType::LoginNewEnv => {
                Priority::Security
            }
            NoticeType::Login
            | NoticeType::WithdrawalRequest
            | NoticeType::WithdrawalComplete
            | NoticeType::TradeExecuted
            | NoticeType::FundExecuted
            | NoticeType::AccountInfoChanged => Priority::Routine,
        }
    }

    /// The seeds' default (the policy may change it).
    pub fn seed_default(self) -> bool {
        !matches!(
            self,
            NoticeType::Login
                | NoticeType::WithdrawalRequest
                | NoticeType::WithdrawalComplete
                | NoticeType::WithdrawalAuthCode
                | NoticeType::ViewAuthCode
        )
    }

    /// The Japanese name, as the seeds' screens call it.
    pub fn name_ja(self) -> &'static str {
        match self {
            NoticeType::Login => "ログイン通知",
            NoticeType::LoginNewEnv => "異なる環境からのログイン通知",
            NoticeType::WithdrawalRequest => "出金依頼受付通知",
            NoticeType::WithdrawalComplete => "出金申込完了通知メール",
            NoticeType::WithdrawalAuthCode => "出金認証コード通知メール",
            NoticeType::ViewAuthCode => "登録情報照会認証コード通知メール",
            NoticeType::EmailChanged => "メールアドレス変更通知",
            NoticeType::BankAccountChanged => "出金先口座変更通知",
            NoticeType::TradeExecuted => "約定通知メール",
            NoticeType::FundExecuted => "投信約定通知メール",
            NoticeType::AccountInfoChanged => "口座情報変更完了通知メール",
        }
    }

    pub fn name_en(self) -> &'static str {
        match self {
            NoticeType::Login => "Login notice",
            NoticeType::LoginNewEnv => "Login from a new environment",
            NoticeType::WithdrawalRequest => "Withdrawal request received",
            NoticeType::WithdrawalComplete => "Withdrawal request completed",
            NoticeType::WithdrawalAuthCode => "Withdrawal auth code",
            NoticeType::ViewAuthCode => "Auth code for viewing registered data",
            NoticeType::EmailChanged => "Email address changed",
            NoticeType::BankAccountChanged => "Withdrawal bank account changed",
            NoticeType::TradeExecuted => "Trade executed",
            NoticeType::FundExecuted => "Mutual fund trade executed",
            NoticeType::AccountInfoChanged => "Account information changed",
        }
    }
}

/// Notices the ledger's own events send, whatever the subscriptions say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SystemNotice {
    InitialPasswordIssued,
    AccountLocked,
    AccountUnlocked,
}

impl SystemNotice {
    pub const ALL: [SystemNotice; 3] = [
        SystemNotice::InitialPasswordIssued,
        SystemNotice::AccountLocked,
        SystemNotice::AccountUnlocked,
    ];

    pub fn name(self) -> &'static str {
        match self {
            SystemNotice::InitialPasswordIssued => "initial_password_issued",
            SystemNotice::AccountLocked => "account_locked",
            SystemNotice::AccountUnlocked => "account_unlocked",
        }
    }

    /// How soon its mail must go out ([`Priority`]).
    pub fn priority(self) -> Priority {
        match self {
            SystemNotice::AccountLocked | SystemNotice::AccountUnlocked => Priority::Security,
            SystemNotice::InitialPasswordIssued => Priority::Routine,
        }
    }

    pub fn name_ja(self) -> &'static str {
        match self {
            SystemNotice::InitialPasswordIssued => "初期執行パスワード設定のお知らせ",
            SystemNotice::AccountLocked => "アカウントロックのお知らせ",
            SystemNotice::AccountUnlocked => "アカウントロック解除のお知らせ",
        }
    }

    pub fn name_en(self) -> &'static str {
        match self {
            SystemNotice::InitialPasswordIssued => "Initial execution password issued",
            SystemNotice::AccountLocked => "Account locked",
            SystemNotice::AccountUnlocked => "Account unlocked",
        }
    }
}

/// How soon a notice's mail must go out: `notify send` takes the most
/// urgent first (then the oldest), and `notify outbox export` lists them in
/// that order. A code the customer is waiting for at the screen first, then
/// what tells of a change to the account's security, then the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Priority {
    /// A one-time auth code (N5, N6): valid for minutes.
    Code = 0,
    /// A change to the account's security: an address or the bank account
    /// changed (N7, N8), a login from a new environment (N2), the account
    /// locked or unlocked.
    Security = 1,
    /// Everything else: logins, withdrawals, trades, the initial password.
    Routine = 2,
}

impl Priority {
    /// The rank, smallest first (what the ledger sorts on).
    pub fn rank(self) -> u8 {
        self as u8
    }

    /// The priority of a notice by the name the outbox records for it (an
    /// unknown name is routine).
    pub fn of(name: &str) -> Priority {
        if let Some(t) = NoticeType::parse(name) {
            return t.priority();
        }
        SystemNotice::ALL
            .into_iter()
            .find(|n| n.name() == name.trim())
            .map_or(Priority::Routine, SystemNotice::priority)
    }

    /// Every notice name the outbox may record and its priority.
    pub fn table() -> impl Iterator<Item = (&'static str, Priority)> {
        NoticeType::ALL
            .into_iter()
            .map(|t| (t.name(), t.priority()))
            .chain(
                SystemNotice::ALL
                    .into_iter()
                    .map(|n| (n.name(), n.priority())),
            )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_mandatory_ones_are_n7_n8() {
        for t in NoticeType::ALL {
            assert_eq!(NoticeType::parse(t.name()), Some(t));
        }
        let mandatory: Vec<_> = NoticeType::ALL
            .into_iter()
            .filter(|t| !t.optional())
            .collect();
        assert_eq!(
            mandatory,
            [NoticeType::EmailChanged, NoticeType::BankAccountChanged]
        );
    }

    #[test]
    fn codes_first_then_security_then_the_rest() {
        for name in ["withdrawal_auth_code", "view_auth_code"] {
            assert_eq!(Priority::of(name), Priority::Code, "{name}");
        }
        for name in [
            "email_changed",
            "bank_account_changed",
            "login_new_env",
            "account_locked",
            "account_unlocked",
        ] {
            assert_eq!(Priority::of(name), Priority::Security, "{name}");
        }
        for name in [
            "login",
            "trade_executed",
            "fund_executed",
            "withdrawal_request",
            "initial_password_issued",
            "no_such_notice",
        ] {
            assert_eq!(Priority::of(name), Priority::Routine, "{name}");
        }
        assert!(Priority::Code < Priority::Security && Priority::Security < Priority::Routine);
        // Every name is one the ledger may write into SQL as a literal.
        assert_eq!(Priority::table().count(), 14);
        for (name, _) in Priority::table() {
            assert!(
                name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
                "{name}"
            );
        }
    }
}
