//! Tests of the policy module: tables per preset (the seeds' own rules),
//! each guessability rule hit and just missed, validation, TOML, and
//! property tests. Their wording is tested with it, in `messages::policy`.

mod guess;
mod presets;
mod props;
mod validate;

use chrono::NaiveDate;

use super::*;

pub(super) const CODE: &str = "AB7301";

pub(super) fn phones() -> Vec<String> {
    vec!["0335561829".to_string(), "09028374651".to_string()]
}

pub(super) fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// The rule codes `check` reports, in order.
pub(super) fn rules_of(k: &KindPolicy, pw: &str, facts: Option<&Facts>) -> Vec<Rule> {
    check(k, pw, facts).iter().map(Violation::rule).collect()
}

/// Every kind policy of every preset, named.
pub(super) fn all_kinds() -> Vec<(String, KindPolicy)> {
    let mut v = Vec::new();
    for &name in PRESETS {
        let p = Policy::preset(name).unwrap();
        v.push((format!("{name}.login"), p.login));
        v.push((format!("{name}.execution"), p.execution));
    }
    v
}

/// Runs `f` with the standard customer: code AB7301, born 1980-01-15
/// (Showa 55), phones 03-3556-1829 and 090-2837-4651.
pub(super) fn with_facts<R>(f: impl FnOnce(&Facts) -> R) -> R {
    let phones = phones();
    let facts = Facts {
        code: CODE,
        birth_date: Some(date(1980, 1, 15)),
        phones: &phones,
    };
    f(&facts)
}
