//! Property tests.

use chrono::Datelike;
use proptest::prelude::*;

use super::*;

/// Era table written out again, independently of `crate::era`.
fn era(d: NaiveDate) -> (char, i32) {
    let eras = [
        (date(1989, 1, 8), 'H', 1989),
        (date(1926, 12, 25), 'S', 1926),
        (date(1912, 7, 30), 'T', 1912),
        (date(1868, 10, 23), 'M', 1868),
    ];
    let (_, l, y) = eras.into_iter().find(|(s, _, _)| d >= *s).unwrap();
    (l, d.year() - y + 1)
}

const FORMS: usize = 12;

/// The listed ways of writing a date, with `sep` between the parts.
fn render(d: NaiveDate, form: usize, sep: &str, lower_era: bool) -> String {
    let (y, m, dd) = (d.year(), d.month(), d.day());
    let (l, ey) = era(d);
    let l = if lower_era { l.to_ascii_lowercase() } else { l };
    match form {
        0 => format!("{y:04}{sep}{m:02}{sep}{dd:02}"),
        1 => format!("{:02}{sep}{m:02}{sep}{dd:02}", y % 100),
        2 => format!("{m:02}{sep}{dd:02}"),
        3 => format!("{dd:02}{sep}{m:02}"),
        4 => format!("{m:02}{sep}{dd:02}{sep}{:02}", y % 100),
        5 => format!("{dd:02}{sep}{m:02}{sep}{:02}", y % 100),
        6 => format!("{y:04}"),
        7 => format!("{l}{ey:02}{sep}{m:02}{sep}{dd:02}"),
        8 => format!("{ey:02}{sep}{m:02}{sep}{dd:02}"),
        9 => format!("{l}{ey}{sep}{m}{sep}{dd}"),
        10 => format!("{y}{sep}{m}{sep}{dd}"),
        11 => format!("{ey}{sep}{m:02}{sep}{dd:02}"),
        _ => unreachable!(),
    }
}

fn any_date() -> impl Strategy<Value = NaiveDate> {
    let start = date(1900, 1, 1);
    (0i64..(113 * 365)).prop_map(move |n| start + chrono::Duration::days(n))
}

fn any_kind() -> impl Strategy<Value = KindPolicy> {
    prop::sample::select(all_kinds()).prop_map(|(_, k)| k)
}

fn common_entries() -> Vec<&'static str> {
    include_str!("../common-passwords.txt")
        .lines()
        .chain(include_str!("../common-passwords-ja.txt").lines())
        .filter(|l| !l.starts_with("# ") && *l != "#" && l.len() >= 4 && l.is_ascii())
        .collect()
}

/// 512 cases, or `PROPTEST_CASES` when set.
fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(512);
    ProptestConfig {
        max_global_rejects: cases.max(1024),
        ..ProptestConfig::with_cases(cases)
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn embedded_birth_date_is_rejected(
        d in any_date(),
        form in 0..FORMS,
        sep in prop::sample::select(vec!["", "/", "-", "."]),
        lower in any::<bool>(),
        pre in "[A-Za-z0-9]{0,6}",
        post in "[A-Za-z0-9]{0,6}",
        k in any_kind(),
    ) {
        let pw = format!("{pre}{}{post}", render(d, form, sep, lower));
        let facts = Facts { code: "", birth_date: Some(d), phones: &[] };
        let got = rules_of(&k, &pw, Some(&facts));
        prop_assert!(got.contains(&Rule::BirthDate), "{pw:?} for {d}: {got:?}");
        // Rejected with the right rule: nothing customer-related but the date.
        prop_assert!(!got.contains(&Rule::CustomerCode) && !got.contains(&Rule::Phone));
    }

    #[test]
    fn embedded_phone_tail_is_rejected(
        rest in "[0-9]{9,10}",
        take in 4usize..=11,
        other in "0[0-9]{9,10}",
        pre in "[A-Za-z]{0,6}",
        post in "[A-Za-z]{0,6}",
        k in any_kind(),
    ) {
        let phone = format!("0{rest}");
        let take = take.min(phone.len());
        let pw = format!("{pre}{}{post}", &phone[phone.len() - take..]);
        let phones = vec![other, phone.clone()];
        let facts = Facts { code: "", birth_date: None, phones: &phones };
        let got = check(&k, &pw, Some(&facts));
        prop_assert!(
            got.iter().any(|v| matches!(v, Violation::Phone { .. })),
            "{pw:?} for {phone}: {got:?}"
        );
        if take == phone.len() {
            let whole = Violation::Phone { whole_number: true };
            prop_assert!(got.contains(&whole), "{:?}", got);
        }
    }

    #[test]
    fn embedded_customer_code_is_rejected(
        code in "[A-Za-z0-9]{3,16}",
        flip in any::<u16>(),
        reversed in any::<bool>(),
        pre in "[A-Za-z0-9]{0,5}",
        post in "[A-Za-z0-9]{0,5}",
        k in any_kind(),
    ) {
        let mut body: String = code
            .chars()
            .enumerate()
            .map(|(i, c)| if flip & (1 << (i % 16)) != 0 { c.to_ascii_uppercase() } else { c.to_ascii_lowercase() })
            .collect();
        if reversed {
            body = body.chars().rev().collect();
        }
        let pw = format!("{pre}{body}{post}");
        let facts = Facts { code: &code, birth_date: None, phones: &[] };
        let got = rules_of(&k, &pw, Some(&facts));
        prop_assert!(got.contains(&Rule::CustomerCode), "{pw:?} for {code}: {got:?}");
    }

    #[test]
    fn embedded_run_is_a_sequence(
        line in 0..sequence::LINES.len(),
        start in 0usize..32,
        len in 4usize..=8,
        backwards in any::<bool>(),
        upper in any::<bool>(),
        k in any_kind(),
    ) {
        let l = sequence::LINES[line].0.as_bytes();
        let len = len.min(l.len());
        let start = start % (l.len() - len + 1);
        let mut run: Vec<u8> = l[start..start + len].to_vec();
        if backwards {
            run.reverse();
        }
        let mut run = String::from_utf8(run).unwrap();
        if upper {
            run = run.to_ascii_uppercase();
        }
        let pw = format!("Q{run}7");
        prop_assert!(rules_of(&k, &pw, None).contains(&Rule::Sequence), "{pw:?}");
    }

    #[test]
    fn trivial_variants_of_common_passwords_are_common(
        entry in prop::sample::select(common_entries()),
        cap in any::<bool>(),
        suffix in prop::sample::select(vec!["", "1", "7", "12", "99", "1987", "2024", "!", "1!", "2024#", "@"]),
        k in any_kind(),
    ) {
        let mut pw = entry.to_string();
        if cap {
            pw = pw[..1].to_ascii_uppercase() + &pw[1..];
        }
        pw.push_str(suffix);
        prop_assert!(rules_of(&k, &pw, None).contains(&Rule::Common), "{pw:?}");
    }

    #[test]
    fn leet_variants_of_common_words_are_common(
        entry in prop::sample::select(
            common_entries()
                .into_iter()
                .filter(|e| e.bytes().all(|b| b.is_ascii_lowercase()) && e.contains(['o', 'e', 'a', 's', 't']))
                .collect::<Vec<_>>()
        ),
        which in any::<usize>(),
        k in any_kind(),
    ) {
        let subs = [('o', '0'), ('e', '3'), ('a', '4'), ('s', '5'), ('t', '7'), ('a', '@'), ('s', '$'), ('i', '1'), ('l', '1')];
        let fits: Vec<(char, char)> = subs
            .into_iter()
            .filter(|&(letter, _)| {
                let clash = match letter { 'i' => entry.contains('l'), 'l' => entry.contains('i'), _ => false };
                entry.contains(letter) && !clash
            })
            .collect();
        prop_assume!(!fits.is_empty());
        let (letter, leet) = fits[which % fits.len()];
        let pw = entry.replace(letter, &leet.to_string());
        // A string with no letter left is no leetspeak (a PIN stays a PIN).
        prop_assume!(pw.bytes().any(|b| b.is_ascii_alphabetic()));
        prop_assert!(rules_of(&k, &pw, None).contains(&Rule::Common), "{pw:?} from {entry}");
    }

    #[test]
    fn check_is_total_and_orderly(pw in any::<String>(), k in any_kind(), born in any_date()) {
        let phones = vec!["09028374651".to_string()];
        let facts = Facts { code: "AB7301", birth_date: Some(born), phones: &phones };
        let v = check(&k, &pw, Some(&facts));
        let rules: Vec<Rule> = v.iter().map(Violation::rule).collect();
        let mut sorted = rules.clone();
        sorted.sort();
        sorted.dedup();
        prop_assert_eq!(&rules, &sorted, "one violation per rule, in rule order");
        for x in &v {
            prop_assert!(k.rule_enabled(x.rule()) && !x.rule().needs_hash());
        }
        prop_assert_eq!(v.is_empty(), generated_ok(&k, &pw, Some(&facts)));
        // Without facts: a subset, minus the customer rules.
        let without: Vec<Rule> = rules_of(&k, &pw, None);
        let expected: Vec<Rule> = rules.into_iter().filter(|r| !r.needs_facts()).collect();
        prop_assert_eq!(without, expected);
    }

    #[test]
    fn valid_policies_round_trip_through_toml(
        preset in prop::sample::select(PRESETS.to_vec()),
        min in 1usize..=20,
        extra in 0usize..=40,
        printable in any::<bool>(),
        at_least in 0u8..=3,
        history in 0u32..=24,
        rules in any::<[bool; 7]>(),
        threshold in 1u32..=100,
        login_threshold in prop::option::of(1u32..=100),
        m_kib in 8u32..=65536,
        t in 1u32..=16,
        notice_bits in any::<u16>(),
        days in 1u32..=365,
    ) {
        let mut p = Policy::preset(preset).unwrap();
        p.login.min_len = min;
        p.login.max_len = min + extra;
        p.login.charset = if printable { Charset::PrintableAscii } else { Charset::Alphanumeric };
        p.login.classes.from = vec![Class::Upper, Class::Lower, Class::Digit];
        p.login.classes.at_least = at_least.min(min as u8);
        p.login.history = history;
        p.execution.history = 24 - history;
        let [a, b, c, d, e, f, g] = rules;
        p.execution.rules = Rules { customer_code: a, birth_date: b, phone: c, sequence: d, repeat: e, common: f, same_as_other: g };
        p.lockout = Lockout { execution_threshold: threshold, login_threshold };
        p.hashing = Argon2Params { m_kib, t, p: 1 };
        p.initial_password_days = days;
        for (i, (name, n)) in p.notices.iter_mut().enumerate() {
            n.enabled = notice_bits & (1 << i) != 0 || MANDATORY_NOTICES.contains(&name.as_str());
            n.to = [Destination::Pc, Destination::Mobile, Destination::Both][i % 3];
        }
        prop_assert_eq!(p.validate(), Ok(()));
        let text = p.to_toml();
        prop_assert_eq!(Policy::from_toml(&text), Ok(p));
    }

    #[test]
    fn generated_passwords_usually_pass(seed in any::<u64>()) {
        // A draw from the default alphabet passes unless it happens to hold
        // a guessable piece: check that `generated_ok` agrees with `check`
        // and that at least the shape rules always pass.
        let p = Policy::default();
        let alphabet: Vec<char> = DEFAULT_ALPHABET.chars().collect();
        let mut x = seed | 1;
        let pw: String = (0..p.generator.length)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                alphabet[(x % alphabet.len() as u64) as usize]
            })
            .collect();
        let got = rules_of(&p.execution, &pw, None);
        prop_assert!(!got.contains(&Rule::Length) && !got.contains(&Rule::Charset), "{pw:?}");
    }
}
