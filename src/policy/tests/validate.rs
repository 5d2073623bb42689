//! `Policy::validate` and the TOML round trip.

use super::*;

fn base() -> Policy {
    Policy::preset("securities").unwrap()
}

fn first_error(p: &Policy) -> PolicyError {
    p.validate().expect_err("expected an invalid policy")
}

#[test]
fn every_preset_is_valid() {
    for &name in PRESETS {
        let p = Policy::preset(name).unwrap();
        assert_eq!(p.validate(), Ok(()), "{name}");
        assert!(p.validate_all().is_empty());
    }
}

#[test]
fn every_preset_round_trips_through_toml() {
    for &name in PRESETS {
        let p = Policy::preset(name).unwrap();
        let text = p.to_toml();
        assert_eq!(Policy::from_toml(&text), Ok(p.clone()), "{name}:\n{text}");
        // Plain serde reads it too (what `policy set --file` does before validate).
        let back: Policy = toml::from_str(&text).unwrap();
        assert_eq!(back, p);
        // And JSON, for `--format json`.
        let json = serde_json::to_string(&p).unwrap();
        assert_eq!(serde_json::from_str::<Policy>(&json).unwrap(), p);
    }
}

#[test]
fn toml_is_readable() {
    let text = base().to_toml();
    for needle in [
        "[login]\nmin_len = 6\nmax_len = 20\ncharset = \"alphanumeric\"",
        "[execution.classes]\nat_least = 2\nfrom = [\"digit\", \"lower\", \"upper\"]",
        "[lockout]\nexecution_threshold = 9",
        "[hashing]\nm_kib = 19456\nt = 2\np = 1",
        "[notices]\nlogin = { enabled = false, to = \"pc\" }\n",
        "email_changed = { enabled = true, to = \"pc\" }",
    ] {
        assert!(text.contains(needle), "missing {needle:?} in\n{text}");
    }
    assert!(!text.contains("login_threshold"));
}

#[test]
fn optional_login_threshold_round_trips() {
    let mut p = base();
    p.lockout.login_threshold = Some(20);
    let text = p.to_toml();
    assert!(text.contains("login_threshold = 20"));
    assert_eq!(Policy::from_toml(&text), Ok(p));
}

#[test]
fn typo_in_a_field_is_refused_by_name() {
    let text = base().to_toml().replace("min_len = 6", "min_lenn = 6");
    match Policy::from_toml(&text) {
        Err(PolicyError::Parse { line, detail }) => {
            assert!(detail.contains("min_lenn"), "{detail}");
            assert_eq!(line, Some(6));
        }
        other => panic!("{other:?}"),
    }
    let text = base()
        .to_toml()
        .replace("[hashing]\n", "[hashing]\nsalt = 1\n");
    assert!(
        matches!(Policy::from_toml(&text), Err(PolicyError::Parse { detail, .. }) if detail.contains("salt"))
    );
    let text = base()
        .to_toml()
        .replace("charset = \"alphanumeric\"", "charset = \"ascii\"");
    assert!(matches!(
        Policy::from_toml(&text),
        Err(PolicyError::Parse { .. })
    ));
    let text = base().to_toml().replace("history = 5\n", "");
    assert!(
        matches!(Policy::from_toml(&text), Err(PolicyError::Parse { detail, .. }) if detail.contains("history"))
    );
}

#[test]
fn from_toml_validates() {
    let text = base().to_toml().replace("min_len = 6", "min_len = 30");
    assert_eq!(
        Policy::from_toml(&text),
        Err(PolicyError::MinAboveMax {
            field: "login.min_len".into(),
            min: 30,
            max: 20
        })
    );
}

/// What to break, how, and the expected first error.
type Case = (&'static str, Box<dyn Fn(&mut Policy)>, PolicyError);

fn cases() -> Vec<Case> {
    let out = |field: &str, value: u64, min: u64, max: u64| PolicyError::OutOfRange {
        field: field.into(),
        value,
        min,
        max,
    };
    vec![
        (
            "min > max",
            Box::new(|p: &mut Policy| p.execution.min_len = 40),
            PolicyError::MinAboveMax {
                field: "execution.min_len".into(),
                min: 40,
                max: 32,
            },
        ),
        (
            "min 0",
            Box::new(|p: &mut Policy| p.login.min_len = 0),
            out("login.min_len", 0, 1, 128),
        ),
        (
            "max too large",
            Box::new(|p: &mut Policy| p.login.max_len = 500),
            out("login.max_len", 500, 1, 128),
        ),
        (
            "K larger than from",
            Box::new(|p: &mut Policy| p.login.classes.at_least = 4),
            PolicyError::AtLeastTooLarge {
                field: "login.classes.at_least".into(),
                at_least: 4,
                available: 3,
            },
        ),
        (
            "symbol under alphanumeric",
            Box::new(|p: &mut Policy| p.login.classes.from.push(Class::Symbol)),
            PolicyError::ClassNotInCharset {
                field: "login.classes.from".into(),
                class: Class::Symbol,
                charset: Charset::Alphanumeric,
            },
        ),
        (
            "required symbol under alphanumeric",
            Box::new(|p: &mut Policy| p.execution.classes.required = vec![Class::Symbol]),
            PolicyError::ClassNotInCharset {
                field: "execution.classes.required".into(),
                class: Class::Symbol,
                charset: Charset::Alphanumeric,
            },
        ),
        (
            "duplicate class",
            Box::new(|p: &mut Policy| p.login.classes.from.push(Class::Digit)),
            PolicyError::DuplicateClass {
                field: "login.classes.from".into(),
                class: Class::Digit,
            },
        ),
        (
            "classes exceed max_len",
            Box::new(|p: &mut Policy| {
                p.login.charset = Charset::PrintableAscii;
                p.login.classes.from = Class::ALL.to_vec();
                p.login.classes.at_least = 4;
                p.login.min_len = 3;
                p.login.max_len = 3;
            }),
            PolicyError::ClassesExceedMaxLen {
                field: "login.classes".into(),
                needed: 4,
                max_len: 3,
            },
        ),
        (
            "history > 24",
            Box::new(|p: &mut Policy| p.login.history = 25),
            out("login.history", 25, 0, 24),
        ),
        (
            "lockout 0",
            Box::new(|p: &mut Policy| p.lockout.execution_threshold = 0),
            out("lockout.execution_threshold", 0, 1, 100),
        ),
        (
            "lockout > 100",
            Box::new(|p: &mut Policy| p.lockout.execution_threshold = 101),
            out("lockout.execution_threshold", 101, 1, 100),
        ),
        (
            "login lockout 0",
            Box::new(|p: &mut Policy| p.lockout.login_threshold = Some(0)),
            out("lockout.login_threshold", 0, 1, 100),
        ),
        (
            "argon2 p 0",
            Box::new(|p: &mut Policy| p.hashing.p = 0),
            out("hashing.p", 0, 1, 16),
        ),
        (
            "argon2 p 17",
            Box::new(|p: &mut Policy| p.hashing.p = 17),
            out("hashing.p", 17, 1, 16),
        ),
        (
            "argon2 t 0",
            Box::new(|p: &mut Policy| p.hashing.t = 0),
            out("hashing.t", 0, 1, 16),
        ),
        (
            "argon2 t 17",
            Box::new(|p: &mut Policy| p.hashing.t = 17),
            out("hashing.t", 17, 1, 16),
        ),
        (
            "argon2 m < 8p",
            Box::new(|p: &mut Policy| {
                p.hashing.p = 4;
                p.hashing.m_kib = 31;
            }),
            out("hashing.m_kib", 31, 32, 4 * 1024 * 1024),
        ),
        (
            "argon2 m > 4 GiB",
            Box::new(|p: &mut Policy| p.hashing.m_kib = 4 * 1024 * 1024 + 1),
            out("hashing.m_kib", 4 * 1024 * 1024 + 1, 8, 4 * 1024 * 1024),
        ),
        (
            "authcode digits 3",
            Box::new(|p: &mut Policy| p.authcode.digits = 3),
            out("authcode.digits", 3, 4, 10),
        ),
        (
            "authcode digits 11",
            Box::new(|p: &mut Policy| p.authcode.digits = 11),
            out("authcode.digits", 11, 4, 10),
        ),
        (
            "authcode lifetime 0",
            Box::new(|p: &mut Policy| p.authcode.lifetime_minutes = 0),
            out("authcode.lifetime_minutes", 0, 1, 60),
        ),
        (
            "authcode lifetime 61",
            Box::new(|p: &mut Policy| p.authcode.lifetime_minutes = 61),
            out("authcode.lifetime_minutes", 61, 1, 60),
        ),
        (
            "authcode tries 0",
            Box::new(|p: &mut Policy| p.authcode.max_tries = 0),
            out("authcode.max_tries", 0, 1, 10),
        ),
        (
            "authcode cooldown > 1 h",
            Box::new(|p: &mut Policy| p.authcode.cooldown_seconds = 3601),
            out("authcode.cooldown_seconds", 3601, 0, 3600),
        ),
        (
            "authcode argon2 t 0",
            Box::new(|p: &mut Policy| p.authcode.hashing.t = 0),
            out("authcode.hashing.t", 0, 1, 16),
        ),
        (
            "generator too short",
            Box::new(|p: &mut Policy| p.generator.length = 3),
            PolicyError::GeneratorLength {
                field: "generator.length".into(),
                length: 3,
                min: 4,
                max: 32,
            },
        ),
        (
            "generator too long",
            Box::new(|p: &mut Policy| p.generator.length = 33),
            PolicyError::GeneratorLength {
                field: "generator.length".into(),
                length: 33,
                min: 4,
                max: 32,
            },
        ),
        (
            "alphabet empty",
            Box::new(|p: &mut Policy| p.generator.alphabet.clear()),
            PolicyError::AlphabetEmpty {
                field: "generator.alphabet".into(),
            },
        ),
        (
            "alphabet duplicate",
            Box::new(|p: &mut Policy| p.generator.alphabet.push('A')),
            PolicyError::AlphabetDuplicate {
                field: "generator.alphabet".into(),
                ch: 'A',
            },
        ),
        (
            "alphabet symbol",
            Box::new(|p: &mut Policy| p.generator.alphabet.push('#')),
            PolicyError::AlphabetCharNotAllowed {
                field: "generator.alphabet".into(),
                ch: '#',
                charset: Charset::Alphanumeric,
            },
        ),
        (
            "alphabet one class",
            Box::new(|p: &mut Policy| p.generator.alphabet = "23456789".into()),
            PolicyError::AlphabetTooFewClasses {
                field: "generator.alphabet".into(),
                available: 1,
                at_least: 2,
            },
        ),
        (
            "alphabet lacks a required class",
            Box::new(|p: &mut Policy| {
                p.execution.classes.required = vec![Class::Upper];
                p.generator.alphabet = "abcdefgh23456789".into();
            }),
            PolicyError::AlphabetMissingClass {
                field: "generator.alphabet".into(),
                class: Class::Upper,
            },
        ),
        (
            "unknown notice",
            Box::new(|p: &mut Policy| {
                p.notices.insert(
                    "sms_login".into(),
                    NoticeDefault {
                        enabled: true,
                        to: Destination::Mobile,
                    },
                );
            }),
            PolicyError::UnknownNotice {
                field: "notices.sms_login".into(),
                name: "sms_login".into(),
            },
        ),
        (
            "missing notice",
            Box::new(|p: &mut Policy| {
                p.notices.remove("trade_executed");
            }),
            PolicyError::MissingNotice {
                field: "notices.trade_executed".into(),
                name: "trade_executed".into(),
            },
        ),
        (
            "mandatory notice off",
            Box::new(|p: &mut Policy| p.notices.get_mut("email_changed").unwrap().enabled = false),
            PolicyError::MandatoryNoticeOff {
                field: "notices.email_changed.enabled".into(),
                name: "email_changed".into(),
            },
        ),
        (
            "mandatory bank notice off",
            Box::new(|p: &mut Policy| {
                p.notices.get_mut("bank_account_changed").unwrap().enabled = false
            }),
            PolicyError::MandatoryNoticeOff {
                field: "notices.bank_account_changed.enabled".into(),
                name: "bank_account_changed".into(),
            },
        ),
        (
            "initial days 0",
            Box::new(|p: &mut Policy| p.initial_password_days = 0),
            out("initial_password_days", 0, 1, 365),
        ),
    ]
}

#[test]
fn validate_refuses_each_broken_field() {
    for (what, breaker, want) in cases() {
        let mut p = base();
        breaker(&mut p);
        let got = first_error(&p);
        assert_eq!(got, want, "{what}");
        assert!(got.field().is_some(), "{what}");
        // And it survives TOML: `policy set --file` refuses it the same way.
        assert_eq!(Policy::from_toml(&p.to_toml()), Err(want), "{what}");
    }
}

#[test]
fn validate_all_reports_every_problem() {
    let mut p = base();
    p.login.min_len = 0;
    p.hashing.t = 0;
    p.notices.get_mut("email_changed").unwrap().enabled = false;
    let fields: Vec<String> = p
        .validate_all()
        .iter()
        .map(|e| e.field().unwrap().to_string())
        .collect();
    assert_eq!(
        fields,
        [
            "login.min_len",
            "hashing.t",
            "notices.email_changed.enabled"
        ]
    );
}

#[test]
fn cheap_argon2_params_are_accepted() {
    let mut p = base();
    p.hashing = Argon2Params {
        m_kib: 8,
        t: 1,
        p: 1,
    };
    assert_eq!(p.validate(), Ok(()));
    p.hashing.m_kib = 64;
    p.hashing.p = 8;
    assert_eq!(p.validate(), Ok(()));
}

#[test]
fn at_least_zero_and_symbol_policies_are_valid() {
    let mut p = base();
    p.login.classes.at_least = 0;
    assert_eq!(p.validate(), Ok(()));
    let mut p = Policy::preset("commodity").unwrap();
    p.login.classes.required = vec![Class::Symbol];
    assert_eq!(p.validate(), Ok(()));
}

#[test]
fn unknown_preset() {
    assert_eq!(
        Policy::preset_or_err("stocks"),
        Err(PolicyError::UnknownPreset {
            name: "stocks".into()
        })
    );
}

#[test]
fn kinds_and_destinations_parse() {
    assert_eq!("login".parse::<Kind>(), Ok(Kind::Login));
    assert_eq!("execution".parse::<Kind>(), Ok(Kind::Execution));
    assert_eq!(Kind::Login.other(), Kind::Execution);
    assert_eq!("both".parse::<Destination>(), Ok(Destination::Both));
    assert!("fax".parse::<Destination>().is_err());
}

#[test]
fn generator_alphabet_must_be_safe_in_the_csv() {
    let mut p = Policy::preset("fx-cfd").unwrap();
    p.execution.charset = crate::policy::Charset::PrintableAscii;
    p.generator.alphabet = "abcdEFGH2345,".into();
    let errs = p.validate_all();
    assert!(
        errs.iter()
            .any(|e| matches!(e, PolicyError::AlphabetCsvUnsafe { ch: ',', .. })),
        "{errs:?}"
    );
}

#[test]
fn a_generator_whose_passwords_break_the_rules_is_refused_by_trial() {
    // `aA` folds to one letter: every candidate is one character repeated.
    let mut p = base();
    p.generator.alphabet = "aA".into();
    p.generator.length = 4;
    let want = PolicyError::GeneratorUnusable {
        field: "generator.alphabet".into(),
        length: 4,
        passed: 0,
        tried: GENERATOR_TRIAL_DRAWS,
        rule: Some(Rule::Repeat),
    };
    assert_eq!(first_error(&p), want);
    assert_eq!(p.validate_all(), vec![want.clone()]);
    assert_eq!(p.try_generator(), Err(want.clone()));
    // A stored policy is read back without the trial (issuance caps its
    // attempts instead): one stored by an older acctsec still loads.
    assert_eq!(Policy::from_toml(&p.to_toml()), Ok(p.clone()));
    // No trial while the generator or the execution rules are broken.
    p.execution.min_len = 5;
    assert!(matches!(
        p.validate_all()[..],
        [PolicyError::GeneratorLength { .. }]
    ));
}

#[test]
fn the_generator_trial_is_deterministic_and_passes_working_generators() {
    for &name in PRESETS {
        assert_eq!(
            Policy::preset(name).unwrap().try_generator(),
            Ok(()),
            "{name}"
        );
    }
    // Short and small, but most candidates pass.
    let mut p = base();
    p.generator.alphabet = "aB3".into();
    p.generator.length = 6;
    assert_eq!(p.try_generator(), Ok(()));
    // The same policy always gets the same answer.
    p.generator.alphabet = "aA".into();
    p.generator.length = 4;
    assert_eq!(p.try_generator(), p.try_generator());
}

#[test]
fn approval_reads_back_is_checked_and_knows_what_weakens_it() {
    assert!(
        base().approval.required_for.is_empty(),
        "presets need no approval"
    );
    let text = base().to_toml().replace(
        "required_for = []",
        r#"required_for = ["unlock.reissue", "policy.set"]"#,
    );
    let on = Policy::from_toml(&text).unwrap();
    assert!(on.approval.requires(Effect::CredentialSet));
    assert!(
        !on.approval.requires(Effect::LockRemove) && !on.approval.requires(Effect::ContactChange)
    );
    assert_eq!(on.approval.expiry(), chrono::Duration::hours(24));
    assert_eq!(Policy::from_toml(&on.to_toml()), Ok(on.clone()));
    // Unknown action names and bad durations are refused.
    let bad = text.replace("policy.set", "policy.sett");
    assert!(matches!(
        Policy::from_toml(&bad),
        Err(PolicyError::Parse { .. })
    ));
    let soon = text.replace("expires_after = \"24h\"", "expires_after = \"soon\"");
    assert!(matches!(
        Policy::from_toml(&soon),
        Err(PolicyError::Parse { .. })
    ));
    let zero = text.replace("expires_after = \"24h\"", "expires_after = \"0m\"");
    assert!(matches!(
        Policy::from_toml(&zero),
        Err(PolicyError::OutOfRange { .. })
    ));
    // Adding is not weakening; removing, turning off, or leaving requests
    // open longer is.
    let off = base();
    assert!(!off.approval.weakened_by(&on.approval));
    assert!(on.approval.weakened_by(&off.approval));
    let mut fewer = on.clone();
    fewer.approval.required_for.pop();
    assert!(on.approval.weakened_by(&fewer.approval));
    let mut longer = on.clone();
    longer.approval.expires_after = "2d".into();
    assert!(on.approval.weakened_by(&longer.approval));
    assert!(!longer.approval.weakened_by(&on.approval));
}

#[test]
fn environments_and_the_support_phone_are_checked() {
    let mut p = base();
    assert_eq!(p.environments.known_for_days, 40);
    assert_eq!(
        (p.environments.ipv4_prefix, p.environments.ipv6_prefix),
        (24, 48)
    );
    p.support_phone = "0120-123-456".into();
    assert_eq!(p.validate(), Ok(()));
    p.support_phone = "+81 (3) 1234-5678".into();
    assert_eq!(p.validate(), Ok(()));
    for bad in ["call us", "12345", "0120-123-456 ext. 9"] {
        p.support_phone = bad.into();
        assert_eq!(
            p.validate(),
            Err(PolicyError::BadPhone {
                field: "support_phone".into()
            }),
            "{bad}"
        );
    }
    p.support_phone = String::new();
    for (field, value) in [
        ("environments.known_for_days", 0u64),
        ("environments.known_for_days", 401),
        ("environments.ipv4_prefix", 7),
        ("environments.ipv6_prefix", 129),
    ] {
        let mut q = p.clone();
        match field {
            "environments.known_for_days" => q.environments.known_for_days = value as u32,
            "environments.ipv4_prefix" => q.environments.ipv4_prefix = value as u8,
            _ => q.environments.ipv6_prefix = value as u8,
        }
        assert!(
            matches!(q.validate(), Err(PolicyError::OutOfRange { field: f, .. }) if f == field),
            "{field} = {value}"
        );
    }
    // A link in the text every notice carries is refused when set ...
    p.support_desk = "サポートデスク www.example.co.jp".into();
    assert!(matches!(
        p.validate(),
        Err(PolicyError::LinkInText { field, .. }) if field == "support_desk"
    ));
    // ... but a stored policy with one still reads (its notices leave it out).
    assert!(Policy::from_toml(&p.to_toml()).is_ok());
    // A file from before the section gets the defaults.
    let full = base().to_toml().replace("support_phone = \"\"\n", "");
    let start = full.find("[environments]\n").unwrap();
    let end = start + full[start..].find("\n\n").unwrap();
    let text = format!("{}{}", &full[..start], &full[end..]);
    assert!(
        !text.contains("known_for_days") && text.contains("[notices]"),
        "{text}"
    );
    let read = Policy::from_toml(&text);
    assert!(read.is_ok(), "{read:?}");
}

#[test]
fn mail_relays_are_host_or_host_port_and_match_by_both() {
    let mut p = Policy::preset("securities").unwrap();
    assert!(p.mail.relays.is_empty());
    assert!(p.mail.allows("anything.example", 25), "empty: any relay");
    p.mail.relays = vec![
        "smtp.example.co.jp:587".into(),
        "Backup.Example.co.jp".into(),
        "[::1]:2525".into(),
    ];
    assert_eq!(p.validate(), Ok(()));
    assert!(p.mail.allows("smtp.example.co.jp", 587));
    assert!(!p.mail.allows("smtp.example.co.jp", 25), "another port");
    assert!(p.mail.allows("backup.example.co.jp", 25), "no port: any");
    assert!(p.mail.allows("::1", 2525));
    assert!(
        p.mail.allows("0:0:0:0:0:0:0:1", 2525),
        "an address as an address"
    );
    assert!(p.mail.allows("smtp.example.co.jp.", 587), "a final dot");
    assert!(p.mail.allows("SMTP.example.co.jp", 587), "case aside");
    assert!(!p.mail.allows("127.0.0.1", 587), "another host");
    assert!(!p.mail.allows("smtp.example.co.jp.evil", 587));
    for bad in [
        "",
        "smtp example",
        "host:0",
        "host:70000",
        "host:",
        "a:b:c",
        "[nope]:25",
        "h\u{1b}[31m",
    ] {
        p.mail.relays = vec![bad.into()];
        assert_eq!(
            p.validate(),
            Err(PolicyError::BadRelay {
                field: "mail.relays".into(),
                entry: bad.into()
            }),
            "{bad:?}"
        );
    }
    p.mail.relays = (0..=MAX_RELAYS).map(|i| format!("r{i}.example")).collect();
    assert!(matches!(p.validate(), Err(PolicyError::BadRelay { .. })));
    // Letting notices through a relay the list did not allow widens it.
    let mail = |r: &[&str]| Mail {
        relays: r.iter().map(|s| s.to_string()).collect(),
    };
    let now = mail(&["smtp.example.co.jp:587", "backup.example.co.jp"]);
    assert!(now.widened_by(&mail(&[])), "any relay");
    assert!(now.widened_by(&mail(&["smtp.example.co.jp"])), "any port");
    assert!(now.widened_by(&mail(&["evil.example:25"])));
    assert!(!now.widened_by(&mail(&["smtp.example.co.jp:587"])), "fewer");
    assert!(!now.widened_by(&mail(&["BACKUP.example.co.jp", "backup.example.co.jp:25"])));
    assert!(!mail(&[]).widened_by(&mail(&["a.example"])), "from any");
    // It reads back from `policy show --toml`.
    p.mail.relays = vec!["smtp.example.co.jp:587".into()];
    let text = p.to_toml();
    assert!(
        text.contains("[mail]\nrelays = [\"smtp.example.co.jp:587\"]"),
        "{text}"
    );
    assert_eq!(Policy::from_toml(&text).unwrap(), p);
}
