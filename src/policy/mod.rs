//! Password policy: the rules for login and execution passwords (P1-P8),
//! the shipped presets, validation of a policy, and the `check` of a
//! password against every rule that needs no stored hash.
//!
//! Pure: no I/O, no database, no hashing. The engine returns enums
//! ([`Violation`], [`PolicyError`]); every text a user reads is worded by the
//! messages module (`messages::policy`), which this module does not import.
//!
//! Decisions the seeds leave open:
//! - Execution passwords are letters and digits only, 4-32 characters: seed
//!   004 lists only digit / lower / upper for them (and its login password
//!   is alphanumeric too); it sets no maximum, and 32 bounds the input while
//!   never forcing the second secret shorter than a login password (max 20).
//! - `securities` login (P3, "英数字6桁以上20桁以内"): alphanumeric charset,
//!   no composition rule (`at_least = 1`). "Letters and digits both" can be
//!   configured as `at_least = 2`, `required = ["digit"]`.
//! - `repeat`: a run of 4 identical characters, or the whole password made of
//!   one piece repeated, the piece being at most 4 characters or shorter than
//!   `min_len` (a repetition then carries less than a minimum password).
//! - `customer_code`: codes shorter than 3 characters are ignored; a numeric
//!   code is also looked for without leading zeros (4+ significant digits).
//! - `phone`: the last 4 digits of any registered number (this covers the
//!   whole number and the number without area code).
//! - The guessability rules read the password lower-cased, with full-width
//!   characters folded to half-width (so `ｓａｋｕｒａ` is `charset` *and*
//!   `common`), and `birth_date` / `phone` / `customer_code` ignore the date
//!   separators `/`, `-`, `.`.
//! - `lockout.execution_threshold`: the account locks when consecutive
//!   failures reach the number (seed 004: "上限（9回）").
//!
//! ```text
//! let policy = Policy::preset("securities").unwrap();
//! let facts = Facts { code: "1234567", birth_date: Some(date), phones: &phones };
//! for v in check(&policy.execution, password, Some(&facts)) {
//!     println!("{}: {}", v.rule(), messages::policy::describe_violation(&v, ja));
//! }
//! ```

mod check;
mod common;
mod dates;
mod model;
mod presets;
mod sequence;
mod validate;

#[cfg(test)]
mod tests;

pub use check::{
    DateForm, Facts, MIN_CODE_LEN, PHONE_TAIL, REPEAT_RUN, REPEAT_UNIT_MAX, Rule, SequenceKind,
    Violation, check, generated_ok, skipped_rules,
};
pub use common::{
    in_order as common_in_order, list_len as common_list_len, preload as preload_common_list,
};
pub use dates::era_of;
pub use model::{
    Approval, ApprovalAction, Argon2Params, AuthCode, Charset, Class, Classes,
    DEFAULT_APPROVAL_EXPIRY, DEFAULT_KNOWN_FOR_DAYS, Destination, Effect, Environments, Generator,
    Kind, KindPolicy, Lockout, MANDATORY_NOTICES, MAX_APPROVAL_EXPIRY_MINUTES, MAX_HISTORY,
    MAX_KNOWN_FOR_DAYS, MAX_LOCKOUT_THRESHOLD, MAX_PASSWORD_LEN, MAX_RELAYS, Mail, NOTICE_TYPES,
    NoticeDefault, Policy, Rules, parse_relay,
};
pub use presets::{
    DEFAULT_ALPHABET, DEFAULT_HISTORY, DEFAULT_PRESET, EXECUTION_MAX_LEN, PRESETS, default_notices,
    execution_p4,
};
pub use sequence::SEQUENCE_RUN;
pub use validate::{
    ARGON2_MAX_M_KIB, ARGON2_MAX_P, ARGON2_MAX_T, BrokenRules, GENERATOR_TRIAL_DRAWS,
    GENERATOR_TRIAL_PASSES, MAX_INITIAL_PASSWORD_DAYS, PolicyError,
};

/// Every date form `birth_date` looks for (no separators, lower-case), for
/// tests and for `audit --guess` candidate lists.
pub fn birth_date_forms(date: chrono::NaiveDate) -> Vec<(String, DateForm)> {
    dates::forms(date)
}
