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
}
