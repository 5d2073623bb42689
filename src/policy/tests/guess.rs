//! Each guessability rule hit and just missed, under every preset and kind.

use super::*;

/// (password, rule, hit?) with the standard customer (see `with_facts`).
const TABLE: &[(&str, Rule, bool)] = &[
    // customer_code: AB7301
    ("xAB7301y", Rule::CustomerCode, true),
    ("xab7301y", Rule::CustomerCode, true),
    ("x1037BAy", Rule::CustomerCode, true),
    ("xAB730y", Rule::CustomerCode, false),
    ("xB7301y", Rule::CustomerCode, false),
    // birth_date: 1980-01-15 = Showa 55
    ("19800115", Rule::BirthDate, true),
    ("x1980/01/15", Rule::BirthDate, true),
    ("x1980-1-15", Rule::BirthDate, true),
    ("k800115", Rule::BirthDate, true),
    ("k80.01.15", Rule::BirthDate, true),
    ("Qk0115", Rule::BirthDate, true),
    ("Qk1501", Rule::BirthDate, true),
    ("Qk011580", Rule::BirthDate, true),
    ("Qk150180", Rule::BirthDate, true),
    ("Qk15011980", Rule::BirthDate, true),
    ("Qk1980", Rule::BirthDate, true),
    ("S550115", Rule::BirthDate, true),
    ("s550115", Rule::BirthDate, true),
    ("xS55.01.15", Rule::BirthDate, true),
    ("xS55.1.15", Rule::BirthDate, true),
    ("Qk550115", Rule::BirthDate, true),
    ("Qk55115", Rule::BirthDate, true),
    ("Qk55/1/15", Rule::BirthDate, true),
    ("Qk1981", Rule::BirthDate, false),
    ("Qk0116", Rule::BirthDate, false),
    ("Qk19811015", Rule::BirthDate, false),
    ("S560116", Rule::BirthDate, false),
    ("Qk115x", Rule::BirthDate, false),
    // phone: 0335561829, 09028374651
    ("x1829y", Rule::Phone, true),
    ("x61829y", Rule::Phone, true),
    ("x0335561829", Rule::Phone, true),
    ("x03-3556-1829", Rule::Phone, true),
    ("Qk28374651", Rule::Phone, true),
    ("x4651Qk", Rule::Phone, true),
    ("x1828y", Rule::Phone, false),
    ("x829y", Rule::Phone, false),
    ("x0335y", Rule::Phone, false),
    ("x0902y", Rule::Phone, false),
    // sequence
    ("xabcdx", Rule::Sequence, true),
    ("xDCBAx", Rule::Sequence, true),
    ("x4321x", Rule::Sequence, true),
    ("xwxyzx", Rule::Sequence, true),
    ("Qwer7k", Rule::Sequence, true),
    ("x9poiu", Rule::Sequence, true),
    ("ASDF7k", Rule::Sequence, true),
    ("zxcv7k", Rule::Sequence, true),
    ("x7890k", Rule::Sequence, true),
    ("x1qazk", Rule::Sequence, true),
    ("xzaq1k", Rule::Sequence, true),
    ("x3edck", Rule::Sequence, true),
    ("xadgjk", Rule::Sequence, true),
    ("xmptwk", Rule::Sequence, true),
    ("xwtpmk", Rule::Sequence, true),
    ("x!@#$k", Rule::Sequence, true),
    ("xabcex", Rule::Sequence, false),
    ("xabcQx", Rule::Sequence, false),
    ("xyz0Qk", Rule::Sequence, false),
    ("x1357k", Rule::Sequence, false),
    ("x1qa2k", Rule::Sequence, false),
    ("adgkQ7", Rule::Sequence, false),
    // repeat
    ("xaaaax", Rule::Repeat, true),
    ("xAaAax", Rule::Repeat, true),
    ("x7777k", Rule::Repeat, true),
    ("abab", Rule::Repeat, true),
    ("AbAb", Rule::Repeat, true),
    ("123123", Rule::Repeat, true),
    ("Zk9Zk9Zk9", Rule::Repeat, true),
    ("Qk7mQk7m", Rule::Repeat, true),
    ("xaaax", Rule::Repeat, false),
    ("abaab", Rule::Repeat, false),
    ("ababa", Rule::Repeat, false),
    ("Qk7mQk7n", Rule::Repeat, false),
    // common
    ("password", Rule::Common, true),
    ("Password", Rule::Common, true),
    ("PASSWORD", Rule::Common, true),
    ("Sakura2024", Rule::Common, true),
    ("sakura1999", Rule::Common, true),
    ("Sakura12", Rule::Common, true),
    ("Sakura7!", Rule::Common, true),
    ("P@ssw0rd", Rule::Common, true),
    ("P@ssw0rd1", Rule::Common, true),
    ("Passw0rd!", Rule::Common, true),
    ("D0raem0n", Rule::Common, true),
    ("Doraemon1", Rule::Common, true),
    ("1qaz2wsx", Rule::Common, true),
    ("adgjmptw", Rule::Common, true),
    ("iloveyou", Rule::Common, true),
    ("Arashi5", Rule::Common, true),
    ("Tokyo2020", Rule::Common, true),
    ("Hiroshi99", Rule::Common, true),
    ("Takeshi", Rule::Common, true),
    ("ｓａｋｕｒａ", Rule::Common, true),
    ("4649", Rule::Common, true),
    ("sakura2124", Rule::Common, false),
    ("sakurakx", Rule::Common, false),
    ("Sakura!!", Rule::Common, false),
    ("xSakura", Rule::Common, false),
    ("Qk7mZ2pX", Rule::Common, false),
    ("Hiroshi999", Rule::Common, false),
];

#[test]
fn guessability_table_under_every_preset() {
    for (name, k) in all_kinds() {
        for &(pw, rule, hit) in TABLE {
            let got = with_facts(|f| rules_of(&k, pw, Some(f)));
            assert_eq!(
                got.contains(&rule),
                hit,
                "{name}: {pw:?} {rule} expected hit={hit}, got {got:?}"
            );
        }
    }
}

#[test]
fn rules_that_are_off_are_not_reported() {
    let mut k = Policy::preset("securities").unwrap().login;
    k.rules = Rules {
        customer_code: false,
        birth_date: false,
        phone: false,
        sequence: false,
        repeat: false,
        common: false,
        same_as_other: false,
    };
    for &(pw, rule, _) in TABLE {
        let got = with_facts(|f| rules_of(&k, pw, Some(f)));
        assert!(!got.contains(&rule), "{pw:?} {rule}");
    }
    assert_eq!(
        skipped_rules(&k, true),
        Vec::<Rule>::new(),
        "disabled rules are not 'skipped'"
    );
}

#[test]
fn every_violated_rule_is_reported_in_rule_order() {
    let k = Policy::preset("securities").unwrap().execution;
    let pw = "abcd1980011509028374651AB7301aaaa#";
    let got = with_facts(|f| rules_of(&k, pw, Some(f)));
    assert_eq!(
        got,
        vec![
            Rule::Length,
            Rule::Charset,
            Rule::CustomerCode,
            Rule::BirthDate,
            Rule::Phone,
            Rule::Sequence,
            Rule::Repeat,
        ]
    );
    let got = rules_of(&k, "aaa", None);
    assert_eq!(
        got,
        vec![Rule::Length, Rule::Classes, Rule::Repeat, Rule::Common]
    );
}

#[test]
fn without_facts_customer_rules_are_skipped() {
    let k = Policy::preset("securities").unwrap().login;
    assert!(rules_of(&k, "xAB7301S550115x1829", None).is_empty());
    assert_eq!(
        skipped_rules(&k, true),
        vec![Rule::CustomerCode, Rule::BirthDate, Rule::Phone]
    );
    assert!(skipped_rules(&k, false).is_empty());
}

#[test]
fn facts_without_date_or_phones() {
    let k = Policy::preset("securities").unwrap().login;
    let facts = Facts {
        code: "AB7301",
        birth_date: None,
        phones: &[],
    };
    assert_eq!(
        rules_of(&k, "xS550115x1829", Some(&facts)),
        Vec::<Rule>::new()
    );
}

#[test]
fn short_customer_codes_are_ignored() {
    let k = Policy::preset("securities").unwrap().login;
    for code in ["", "Q", "K7"] {
        let facts = Facts {
            code,
            birth_date: None,
            phones: &[],
        };
        assert!(rules_of(&k, "QK7mwrz", Some(&facts)).is_empty(), "{code}");
    }
    let facts = Facts {
        code: "K7m",
        birth_date: None,
        phones: &[],
    };
    assert_eq!(
        check(&k, "QK7mwrz", Some(&facts)),
        vec![Violation::CustomerCode { reversed: false }]
    );
}

#[test]
fn numeric_code_without_leading_zeros() {
    let k = Policy::preset("securities").unwrap().login;
    let facts = Facts {
        code: "0073012",
        birth_date: None,
        phones: &[],
    };
    assert_eq!(
        rules_of(&k, "Qk73012m", Some(&facts)),
        vec![Rule::CustomerCode]
    );
    // Fewer than 4 significant digits are not looked for on their own.
    let facts = Facts {
        code: "0000731",
        birth_date: None,
        phones: &[],
    };
    assert!(rules_of(&k, "Qk731mwz", Some(&facts)).is_empty());
}

#[test]
fn era_boundaries() {
    let cases = [
        (date(1868, 10, 22), None),
        (date(1868, 10, 23), Some((b'm', 1))),
        (date(1912, 7, 29), Some((b'm', 45))),
        (date(1912, 7, 30), Some((b't', 1))),
        (date(1926, 12, 24), Some((b't', 15))),
        (date(1926, 12, 25), Some((b's', 1))),
        (date(1989, 1, 7), Some((b's', 64))),
        (date(1989, 1, 8), Some((b'h', 1))),
        (date(2019, 4, 30), Some((b'h', 31))),
        (date(2019, 5, 1), Some((b'r', 1))),
        (date(2024, 1, 1), Some((b'r', 6))),
    ];
    for (d, want) in cases {
        assert_eq!(era_of(d), want, "{d}");
    }
}

#[test]
fn era_forms_around_boundaries() {
    let k = Policy::preset("securities").unwrap().login;
    let hit = |d: NaiveDate, pw: &str| {
        let facts = Facts {
            code: "",
            birth_date: Some(d),
            phones: &[],
        };
        check(&k, pw, Some(&facts))
            .iter()
            .any(|v| matches!(v, Violation::BirthDate { .. }))
    };
    assert!(hit(date(1989, 1, 7), "xS640107"));
    assert!(hit(date(1989, 1, 8), "xH010108"));
    assert!(hit(date(1989, 1, 8), "xH1.1.8"));
    assert!(hit(date(1990, 3, 4), "xH2/3/4"));
    assert!(hit(date(1990, 3, 4), "xh020304"));
    assert!(hit(date(1990, 3, 4), "Qk20304"));
    assert!(hit(date(2019, 5, 1), "xR010501"));
    assert!(hit(date(1926, 12, 25), "xS011225"));
    // Heisei 2 written as Showa 65: no such era form.
    assert!(!hit(date(1990, 3, 4), "xS65x"));
    assert_eq!(
        check(
            &k,
            "xS550115",
            Some(&Facts {
                code: "",
                birth_date: Some(date(1980, 1, 15)),
                phones: &[]
            })
        ),
        vec![Violation::BirthDate {
            form: DateForm::EraDate
        }]
    );
}

#[test]
fn four_digit_passwords_matching_a_date_are_rejected() {
    // MMDD / DDMM on a 4-character execution password: wanted by the broker.
    let k = Policy::preset("securities").unwrap().execution;
    let got = with_facts(|f| rules_of(&k, "0115", Some(f)));
    assert!(got.contains(&Rule::BirthDate));
    let got = with_facts(|f| rules_of(&k, "1501", Some(f)));
    assert!(got.contains(&Rule::BirthDate));
}

#[test]
fn repeat_unit_depends_on_min_len() {
    let fx = Policy::preset("fx-cfd").unwrap().login; // min 8: units up to 7
    let ex = Policy::preset("fx-cfd").unwrap().execution; // min 4: units up to 4
    assert!(rules_of(&fx, "Qk7#mQk7#m", None).contains(&Rule::Repeat));
    assert!(!rules_of(&ex, "Qk7mZQk7mZ", None).contains(&Rule::Repeat));
    assert!(rules_of(&ex, "Qk7mQk7m", None).contains(&Rule::Repeat));
    assert_eq!(
        check(&ex, "Qk7Qk7", None),
        vec![Violation::RepeatedPattern { unit: 3, times: 2 }]
    );
    assert_eq!(
        check(&ex, "Qk7777", None),
        vec![Violation::RepeatedChar { run: 4 }]
    );
}

#[test]
fn charset_flags() {
    let k = Policy::preset("securities").unwrap().login;
    let cases: &[(&str, [bool; 4])] = &[
        ("ｓａｋｕｒａ７Ｑ", [true, false, false, false]),
        ("Qk7mｍ２", [true, false, false, false]),
        ("さくら7Qkm", [false, true, false, false]),
        ("Qk7m#z", [false, false, true, false]),
        ("Qk7m z", [false, false, false, true]),
        ("Qk7m\tz", [false, false, false, true]),
        ("Qk7m\u{3000}z", [true, false, false, true]),
        ("Qk7m！z", [true, false, true, false]),
    ];
    for &(pw, [fw, other, sym, space]) in cases {
        let v = check(&k, pw, None);
        let c = v
            .iter()
            .find(|v| v.rule() == Rule::Charset)
            .unwrap_or_else(|| panic!("{pw:?}: {v:?}"));
        assert_eq!(
            c,
            &Violation::Charset {
                charset: Charset::Alphanumeric,
                full_width: fw,
                other_non_ascii: other,
                symbol: sym,
                space_or_control: space,
            },
            "{pw:?}"
        );
    }
    let fx = Policy::preset("fx-cfd").unwrap().login;
    assert!(rules_of(&fx, "Qk7#mQ2p", None).is_empty());
    assert_eq!(rules_of(&fx, "Qk7 mQ2p", None), vec![Rule::Charset]);
}

#[test]
fn full_width_password_is_checked_as_typed_half_width() {
    let k = Policy::preset("securities").unwrap().login;
    // Full-width classes count; the guessability rules see the half-width form.
    let got = with_facts(|f| rules_of(&k, "ｘＡＢ７３０１ｙ", Some(f)));
    assert_eq!(got, vec![Rule::Charset, Rule::CustomerCode]);
}

#[test]
fn generated_ok_matches_check() {
    let p = Policy::preset("securities").unwrap();
    with_facts(|f| {
        assert!(generated_ok(&p.execution, "Xk7mQ2pZ", Some(f)));
        assert!(!generated_ok(&p.execution, "Sakura2024", Some(f)));
        assert!(!generated_ok(&p.execution, "Qk0115mZ", Some(f)));
    });
    assert!(generated_ok(&p.execution, "Qk0115mZ", None));
}

#[test]
fn caller_side_rules_need_the_hash() {
    let v = [Violation::SameAsOther, Violation::Reused { history: 5 }];
    assert_eq!(v[0].rule(), Rule::SameAsOther);
    assert_eq!(v[1].rule(), Rule::Reused);
    assert!(Rule::SameAsOther.needs_hash() && Rule::Reused.needs_hash());
    let mut k = Policy::preset("securities").unwrap().login;
    assert!(k.rule_enabled(Rule::Reused));
    k.history = 0;
    assert!(!k.rule_enabled(Rule::Reused));
}

#[test]
fn rule_codes_are_the_cli_codes() {
    let codes: Vec<&str> = Rule::ALL.iter().map(|r| r.as_str()).collect();
    assert_eq!(
        codes,
        [
            "length",
            "classes",
            "charset",
            "customer_code",
            "birth_date",
            "phone",
            "sequence",
            "repeat",
            "common",
            "same_as_other",
            "reused"
        ]
    );
    for r in Rule::ALL {
        assert_eq!(r.as_str().parse::<Rule>(), Ok(r));
        assert_eq!(r.to_string(), r.as_str());
        assert_eq!(
            serde_json::to_string(&r).unwrap(),
            format!("\"{}\"", r.as_str())
        );
    }
    assert!("nope".parse::<Rule>().is_err());
}

#[test]
fn common_lists_are_shipped() {
    assert!(common_list_len() >= 10_000, "{}", common_list_len());
    let django: std::collections::HashSet<&str> = include_str!("../common-passwords.txt")
        .lines()
        .filter(|l| !l.starts_with("# ") && *l != "#")
        .collect();
    assert_eq!(django.len(), 19_640);
    let ja: Vec<&str> = include_str!("../common-passwords-ja.txt")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .collect();
    assert!((100..=300).contains(&ja.len()), "{}", ja.len());
    for w in &ja {
        assert!(!django.contains(w), "{w} already in Django's list");
        assert!(
            w.len() >= 4
                && w.bytes()
                    .all(|b| b.is_ascii_graphic() && !b.is_ascii_uppercase()),
            "{w}"
        );
    }
    // Entries that begin with '#' are data, not comments.
    let k = Policy::preset("fx-cfd").unwrap().login;
    assert!(rules_of(&k, "#1pimp", None).contains(&Rule::Common));
}
