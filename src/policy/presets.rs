//! The shipped presets (CLI.md: `securities`, `fx-cfd`, `commodity`).

use std::collections::BTreeMap;

use super::model::{
    Argon2Params, Charset, Class, Classes, Destination, Generator, KindPolicy, Lockout,
    NOTICE_TYPES, NoticeDefault, Policy, Rules,
};

/// Preset names, `securities` first (the default of `init`).
pub const PRESETS: &[&str] = &["securities", "fx-cfd", "commodity"];

/// The preset `init` uses without `--preset`.
pub const DEFAULT_PRESET: &str = "securities";

/// Letters and digits without look-alikes (no 0 O o 1 l I).
pub const DEFAULT_ALPHABET: &str = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";

/// Execution passwords: the seed (004) gives no maximum; 32 bounds the input
/// while never forcing the second secret shorter than a login password.
pub const EXECUTION_MAX_LEN: usize = 32;

/// No reuse of the last 5 passwords (P5).
pub const DEFAULT_HISTORY: u32 = 5;

/// Default notice subscriptions (PRODUCT.md N1-N11), all to the PC address (N12).
pub fn default_notices() -> BTreeMap<String, NoticeDefault> {
    NOTICE_TYPES
        .iter()
        .map(|&name| {
            let enabled = matches!(
                name,
                "login_new_env"
                    | "email_changed"
                    | "bank_account_changed"
                    | "trade_executed"
                    | "fund_executed"
                    | "account_info_changed"
            );
            (
                name.to_string(),
                NoticeDefault {
                    enabled,
                    to: Destination::Pc,
                },
            )
        })
        .collect()
}

/// P4 (seed 004): 4 or more characters, 2 or more of digit / lower / upper.
/// Letters and digits only: the notice lists no symbol class for it.
pub fn execution_p4() -> KindPolicy {
    KindPolicy {
        min_len: 4,
        max_len: EXECUTION_MAX_LEN,
        charset: Charset::Alphanumeric,
        history: DEFAULT_HISTORY,
        classes: Classes {
            at_least: 2,
            from: vec![Class::Digit, Class::Lower, Class::Upper],
            required: vec![],
        },
        rules: Rules::ALL_ON,
    }
}

fn login(min_len: usize, max_len: usize, charset: Charset, at_least: u8) -> KindPolicy {
    let from = if charset == Charset::Alphanumeric {
        vec![Class::Upper, Class::Lower, Class::Digit]
    } else {
        Class::ALL.to_vec()
    };
    KindPolicy {
        min_len,
        max_len,
        charset,
        history: DEFAULT_HISTORY,
        classes: Classes {
            at_least,
            from,
            required: vec![],
        },
        rules: Rules::ALL_ON,
    }
}

impl Policy {
    /// A shipped preset by name (see [`PRESETS`]).
    pub fn preset(name: &str) -> Option<Policy> {
        let login = match name {
            // P3 (004): letters and digits, 6-20; no composition rule.
            "securities" => login(6, 20, Charset::Alphanumeric, 1),
            // P1 (000, FX/CFD): 3 of upper/lower/digit/symbol, 8-20.
            "fx-cfd" => login(8, 20, Charset::PrintableAscii, 3),
            // P2 (000, commodities): all 4 classes, 8-12.
            "commodity" => login(8, 12, Charset::PrintableAscii, 4),
            _ => return None,
        };
        Some(Policy {
            initial_password_days: 30,
            login,
            execution: execution_p4(),
            lockout: Lockout {
                execution_threshold: 9,
                login_threshold: None,
            },
            hashing: Argon2Params {
                m_kib: 19456,
                t: 2,
                p: 1,
            },
            generator: Generator {
                length: 8,
                alphabet: DEFAULT_ALPHABET.to_string(),
            },
            notices: default_notices(),
            support_desk: super::model::DEFAULT_SUPPORT_DESK.to_string(),
            support_phone: String::new(),
            authcode: super::model::AuthCode::default(),
            approval: super::model::Approval::default(),
            environments: super::model::Environments::default(),
            mail: super::model::Mail::default(),
        })
    }
}

impl Default for Policy {
    /// The `securities` preset.
    fn default() -> Self {
        Policy::preset(DEFAULT_PRESET).expect("default preset exists")
    }
}
