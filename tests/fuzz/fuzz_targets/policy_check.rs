//! The password policy check with arbitrary rules and customer facts: a
//! password it accepts really has the length, characters and classes the
//! policy names, and holds none of the facts the enabled rules look for.
#![no_main]
use acctsec::policy::{
    self, Charset, Class, Facts, Kind, KindPolicy, MIN_CODE_LEN, PHONE_TAIL, PRESETS, Policy,
};
use arbitrary::Arbitrary;
use chrono::{Days, NaiveDate};
use libfuzzer_sys::fuzz_target;

#[derive(Debug, Arbitrary)]
struct Input {
    preset: u8,
    execution: bool,
    /// Replace the preset's length, charset and class settings.
    custom: Option<(u8, u8, bool, u8, u8, u8)>,
    rules_off: u8,
    password: String,
    code: String,
    birth_days: Option<u16>,
    phones: Vec<String>,
}

fn classes(mask: u8) -> Vec<Class> {
    Class::ALL
        .into_iter()
        .filter(|c| mask & (1 << (*c as u8)) != 0)
        .collect()
}

fuzz_target!(|input: Input| {
    let preset = PRESETS[usize::from(input.preset) % PRESETS.len()];
    let base = Policy::preset(preset).expect("a preset");
    let kind = if input.execution {
        Kind::Execution
    } else {
        Kind::Login
    };
    let mut p: KindPolicy = base.kind(kind).clone();
    if let Some((min, max, alnum, at_least, from, required)) = input.custom {
        p.min_len = usize::from(min % 40);
        p.max_len = p.min_len + usize::from(max % 40);
        p.charset = if alnum {
            Charset::Alphanumeric
        } else {
            Charset::PrintableAscii
        };
        p.classes.from = classes(from);
        p.classes.required = classes(required);
        p.classes.at_least = at_least % 5;
    }
    let off = input.rules_off;
    let r = &mut p.rules;
    for (i, rule) in [
        &mut r.customer_code,
        &mut r.birth_date,
        &mut r.phone,
        &mut r.sequence,
        &mut r.repeat,
        &mut r.common,
    ]
    .into_iter()
    .enumerate()
    {
        if off & (1 << i) != 0 {
            *rule = false;
        }
    }
    // Facts as the ledger holds them: a valid code, normalised phones.
    let code = acctsec::customer::validate_code(&input.code).unwrap_or_default();
    let phones: Vec<String> = input
        .phones
        .iter()
        .take(3)
        .filter_map(|p| acctsec::customer::normalize_phone(p).ok())
        .collect();
    let birth_date = input
        .birth_days
        .map(|n| NaiveDate::from_ymd_opt(1900, 1, 1).unwrap() + Days::new(u64::from(n) % 46_000));
    let facts = Facts {
        code: &code,
        birth_date,
        phones: &phones,
    };

    let pw = &input.password;
    let without = policy::check(&p, pw, None);
    let violations = policy::check(&p, pw, Some(&facts));
    // Facts only add violations.
    for v in &without {
        assert!(violations.contains(v), "{v:?} disappeared with facts");
    }
    if !violations.is_empty() {
        return;
    }
    let len = pw.chars().count();
    assert!(
        len >= p.min_len && len <= p.max_len,
        "{pw:?}: length {len} outside {}..={}",
        p.min_len,
        p.max_len
    );
    assert!(
        pw.chars().all(|c| c.is_ascii() && p.charset.allows(c)),
        "{pw:?} outside {:?}",
        p.charset
    );
    let present: Vec<Class> = Class::ALL
        .into_iter()
        .filter(|cl| pw.chars().any(|c| Class::of(c) == Some(*cl)))
        .collect();
    let from = p
        .classes
        .from
        .iter()
        .filter(|c| present.contains(c))
        .count();
    assert!(
        from >= usize::from(p.classes.at_least),
        "{pw:?}: {from} classes, policy says {}",
        p.classes.at_least
    );
    for c in &p.classes.required {
        assert!(present.contains(c), "{pw:?} lacks required {c:?}");
    }
    let lower = pw.to_ascii_lowercase();
    if p.rules.customer_code && code.len() >= MIN_CODE_LEN {
        assert!(
            !lower.contains(&code.to_ascii_lowercase()),
            "{pw:?} holds the code {code:?}"
        );
    }
    if p.rules.phone {
        for ph in &phones {
            if ph.len() >= PHONE_TAIL {
                assert!(
                    !lower.contains(&ph[ph.len() - PHONE_TAIL..]),
                    "{pw:?} holds the end of {ph:?}"
                );
            }
        }
    }
    if p.rules.birth_date
        && let Some(d) = birth_date
    {
        for (form, _) in policy::birth_date_forms(d) {
            assert!(!lower.contains(&form), "{pw:?} holds {d} as {form:?}");
        }
    }
});
