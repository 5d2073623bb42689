//! Per-preset tables: lengths at the boundaries and all 15 class subsets.

use super::*;

/// Fillers with no sequence, repeat, date, phone or common word, long enough
/// for every boundary; each holds the classes its preset needs in its
/// first `min - 1` characters.
fn filler(preset: &str, kind: Kind) -> &'static str {
    match (preset, kind) {
        (_, Kind::Execution) => "Xk7mQ2pZ9rT4wN8vB3hJ6yG2fD9sL5cXk7mQ",
        ("securities", Kind::Login) => "Xk7mQ2pZ9rT4wN8vB3hJ6yG",
        ("fx-cfd", Kind::Login) => "Xk7#mQ2p!Z9rT4w%N8vB3h",
        ("commodity", Kind::Login) => "Xk7#mQ2p!Z9rT4w",
        _ => unreachable!(),
    }
}

/// (preset, kind, min, max) straight from the seeds (P1-P4).
const LENGTHS: &[(&str, Kind, usize, usize)] = &[
    ("securities", Kind::Login, 6, 20),
    ("fx-cfd", Kind::Login, 8, 20),
    ("commodity", Kind::Login, 8, 12),
    ("securities", Kind::Execution, 4, EXECUTION_MAX_LEN),
    ("fx-cfd", Kind::Execution, 4, EXECUTION_MAX_LEN),
    ("commodity", Kind::Execution, 4, EXECUTION_MAX_LEN),
];

#[test]
fn length_boundaries_per_preset() {
    for &(preset, kind, min, max) in LENGTHS {
        let policy = Policy::preset(preset).unwrap();
        let k = policy.kind(kind);
        assert_eq!((k.min_len, k.max_len), (min, max), "{preset} {kind}");
        let f = filler(preset, kind);
        assert!(f.len() > max, "filler too short for {preset} {kind}");
        for (len, ok) in [(min - 1, false), (min, true), (max, true), (max + 1, false)] {
            let pw = &f[..len];
            let got = with_facts(|facts| rules_of(k, pw, Some(facts)));
            if ok {
                assert!(got.is_empty(), "{preset} {kind} len {len}: {got:?}");
            } else {
                assert_eq!(got, vec![Rule::Length], "{preset} {kind} len {len}");
            }
        }
    }
}

#[test]
fn length_violation_carries_numbers() {
    let p = Policy::preset("securities").unwrap();
    assert_eq!(
        check(&p.login, "Xk7mQ", None),
        vec![Violation::TooShort { len: 5, min: 6 }]
    );
    let long = "Xk7mQ2pZ9rT4wN8vB3hJ6";
    assert_eq!(
        check(&p.login, long, None),
        vec![Violation::TooLong { len: 21, max: 20 }]
    );
}

#[test]
fn length_counts_characters_not_bytes() {
    let p = Policy::preset("securities").unwrap();
    // 6 full-width characters are 18 bytes but 6 characters: charset only.
    let got = rules_of(&p.login, "Ｘｋ７ｍＱ２", None);
    assert_eq!(got, vec![Rule::Charset]);
}

const UPPER: &[u8] = b"QKZXVHJNRB";
const LOWER: &[u8] = b"mwrkfzhvbp";
const DIGIT: &[u8] = b"7293816405";
const SYMBOL: &[u8] = b"#!%&*@?+";

/// A password of `len` characters holding exactly the classes in `mask`
/// (bit order of `Class::ALL`), interleaved so no run or word forms.
fn with_classes(mask: u8, len: usize) -> String {
    let pools: Vec<&[u8]> = [UPPER, LOWER, DIGIT, SYMBOL]
        .into_iter()
        .enumerate()
        .filter(|(i, _)| mask & (1 << i) != 0)
        .map(|(_, p)| p)
        .collect();
    (0..len)
        .map(|i| {
            let pool = pools[i % pools.len()];
            pool[(i / pools.len()) % pool.len()] as char
        })
        .collect()
}

fn classes_in(mask: u8) -> Vec<Class> {
    Class::ALL
        .into_iter()
        .enumerate()
        .filter(|(i, _)| mask & (1 << i) != 0)
        .map(|(_, c)| c)
        .collect()
}

/// The rules each preset's seed text implies for a password of exactly
/// the classes in `set` (length in range, nothing guessable).
fn expected(preset: &str, kind: Kind, set: &[Class]) -> Vec<Rule> {
    let has_symbol = set.contains(&Class::Symbol);
    let alnum = set.iter().filter(|c| **c != Class::Symbol).count();
    let mut want = Vec::new();
    match (preset, kind) {
        // P3: alphanumeric, any composition.
        ("securities", Kind::Login) => {
            if alnum == 0 {
                want.push(Rule::Classes);
            }
            if has_symbol {
                want.push(Rule::Charset);
            }
        }
        // P1: 3 or more of the 4 classes.
        ("fx-cfd", Kind::Login) => {
            if set.len() < 3 {
                want.push(Rule::Classes);
            }
        }
        // P2: all 4 classes.
        ("commodity", Kind::Login) => {
            if set.len() < 4 {
                want.push(Rule::Classes);
            }
        }
        // P4: 2 or more of digit/lower/upper; letters and digits only.
        (_, Kind::Execution) => {
            if alnum < 2 {
                want.push(Rule::Classes);
            }
            if has_symbol {
                want.push(Rule::Charset);
            }
        }
        _ => unreachable!(),
    }
    want
}

#[test]
fn all_fifteen_class_subsets_per_preset() {
    let mut cases = 0;
    for &preset in PRESETS {
        let policy = Policy::preset(preset).unwrap();
        for kind in Kind::ALL {
            let k = policy.kind(kind);
            for mask in 1u8..16 {
                let set = classes_in(mask);
                let pw = with_classes(mask, 8);
                let got = with_facts(|f| rules_of(k, &pw, Some(f)));
                assert_eq!(
                    got,
                    expected(preset, kind, &set),
                    "{preset} {kind} {set:?} {pw:?}"
                );
                cases += 1;
            }
        }
    }
    assert_eq!(cases, 3 * 2 * 15);
}

#[test]
fn classes_violation_says_what_to_add() {
    let p = Policy::preset("fx-cfd").unwrap();
    assert!(check(&p.login, "Qm7Kw2Zr", None).is_empty());
    // Two classes: one more of upper or symbol needed.
    let v = check(&p.login, "qm7kw2zr", None);
    assert_eq!(
        v,
        vec![Violation::Classes {
            found: 2,
            at_least: 3,
            add_one_of: vec![Class::Upper, Class::Symbol],
            missing_required: vec![],
        }]
    );
}

#[test]
fn required_classes_are_enforced() {
    let mut k = Policy::preset("securities").unwrap().login;
    // "letters and digits both": digit required plus 2 of upper/lower/digit.
    k.classes.at_least = 2;
    k.classes.required = vec![Class::Digit];
    assert!(rules_of(&k, "Qm7kw2zr", None).is_empty());
    let v = check(&k, "QmKwrZfh", None);
    assert_eq!(
        v,
        vec![Violation::Classes {
            found: 2,
            at_least: 2,
            add_one_of: vec![],
            missing_required: vec![Class::Digit],
        }]
    );
}

#[test]
fn presets_follow_the_seeds() {
    for &name in PRESETS {
        let p = Policy::preset(name).unwrap();
        assert_eq!(p.execution, execution_p4(), "{name}");
        assert_eq!(p.execution.charset, Charset::Alphanumeric);
        assert_eq!(p.execution.classes.at_least, 2);
        assert_eq!(p.login.rules, Rules::ALL_ON);
        assert_eq!(p.execution.rules, Rules::ALL_ON);
        assert_eq!((p.login.history, p.execution.history), (5, 5));
        assert_eq!(p.lockout.execution_threshold, 9);
        assert_eq!(p.lockout.login_threshold, None);
        assert_eq!((p.hashing.m_kib, p.hashing.t, p.hashing.p), (19456, 2, 1));
        assert_eq!(p.generator.length, 8);
        assert_eq!(p.notices, default_notices());
        for rule in Rule::ALL {
            assert!(p.login.rule_enabled(rule) && p.execution.rule_enabled(rule));
        }
    }
    assert_eq!(Policy::preset("nope"), None);
    assert_eq!(Policy::default(), Policy::preset("securities").unwrap());
    let fx = Policy::preset("fx-cfd").unwrap().login;
    assert_eq!(
        (fx.charset, fx.classes.at_least),
        (Charset::PrintableAscii, 3)
    );
    let co = Policy::preset("commodity").unwrap().login;
    assert_eq!(
        (co.charset, co.classes.at_least),
        (Charset::PrintableAscii, 4)
    );
}

#[test]
fn notice_defaults_follow_product_md() {
    let n = default_notices();
    let want = [
        ("login", false),
        ("login_new_env", true),
        ("withdrawal_request", false),
        ("withdrawal_complete", false),
        ("withdrawal_auth_code", false),
        ("view_auth_code", false),
        ("email_changed", true),
        ("bank_account_changed", true),
        ("trade_executed", true),
        ("fund_executed", true),
        ("account_info_changed", true),
    ];
    assert_eq!(n.len(), want.len());
    for (name, on) in want {
        assert_eq!(n[name].enabled, on, "{name}");
        assert_eq!(n[name].to, Destination::Pc, "{name}");
    }
    for m in MANDATORY_NOTICES {
        assert!(n[*m].enabled);
    }
}

#[test]
fn generator_alphabet_has_no_look_alikes() {
    for c in ['0', 'O', 'o', '1', 'l', 'I'] {
        assert!(!DEFAULT_ALPHABET.contains(c), "{c}");
    }
    assert_eq!(DEFAULT_ALPHABET.len(), 24 + 24 + 8);
    assert!(DEFAULT_ALPHABET.chars().all(|c| c.is_ascii_alphanumeric()));
}
