//! `Policy::validate`, TOML in and out, and the errors they report.

use serde::Serialize;

use super::check::{Rule, Violation, check};
use super::model::{
    Approval, Argon2Params, AuthCode, Charset, Class, Environments, Generator, KindPolicy, Lockout,
    MANDATORY_NOTICES, MAX_APPROVAL_EXPIRY_MINUTES, MAX_HISTORY, MAX_KNOWN_FOR_DAYS,
    MAX_LOCKOUT_THRESHOLD, MAX_PASSWORD_LEN, MAX_RELAYS, Mail, NOTICE_TYPES, Policy,
};

/// Highest Argon2 memory cost: 4 GiB in KiB.
pub const ARGON2_MAX_M_KIB: u32 = 4 * 1024 * 1024;
/// Highest Argon2 iteration count and parallelism.
pub const ARGON2_MAX_T: u32 = 16;
pub const ARGON2_MAX_P: u32 = 16;
/// Longest validity of an initial password, in days.
pub const MAX_INITIAL_PASSWORD_DAYS: u32 = 365;
/// Longest free text in a policy (the support-desk line of every notice).
pub const MAX_POLICY_TEXT_CHARS: usize = 300;
/// Limits of the `[authcode]` section: digits of a code, its lifetime, the
/// wrong tries that end it, the wait between two issues.
pub const AUTHCODE_MIN_DIGITS: u32 = 4;
pub const AUTHCODE_MAX_DIGITS: u32 = 10;
pub const AUTHCODE_MAX_LIFETIME_MINUTES: u32 = 60;
pub const AUTHCODE_MAX_TRIES: u32 = 10;
pub const AUTHCODE_MAX_COOLDOWN_SECONDS: u32 = 3600;
/// Most codes, and most wrong tries, a day for one customer and purpose.
pub const AUTHCODE_MAX_PER_DAY: u32 = 1000;
/// The generator trial ([`Policy::try_generator`]): of at most
/// `GENERATOR_TRIAL_DRAWS` candidates, `GENERATOR_TRIAL_PASSES` must pass the
/// execution rules (2%). Issuance, which tries up to 10,000 candidates a
/// password, then practically never gives up.
pub const GENERATOR_TRIAL_DRAWS: u32 = 1000;
pub const GENERATOR_TRIAL_PASSES: u32 = 20;

/// Why a policy is refused. `field` is the dotted path in the TOML file
/// (`login.min_len`, `notices.email_changed.enabled`, ...). Data only: the
/// messages module words it (and implements `Display`, in English).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PolicyError {
    /// The TOML text does not parse or does not fit the policy's shape
    /// (syntax, unknown or missing field, wrong type). `detail` is the
    /// TOML parser's own text, which names the field.
    Parse { line: Option<usize>, detail: String },
    /// No preset of that name.
    UnknownPreset { name: String },
    /// Free text too long, or with control characters (line breaks aside).
    BadText { field: String, max: usize },
    /// Text that every notice carries holds a link (`link`: what looks like
    /// one): notices carry no link (FSA and JSDA guidelines).
    LinkInText { field: String, link: String },
    /// Not a telephone number.
    BadPhone { field: String },
    /// A number outside its allowed range (inclusive bounds).
    OutOfRange {
        field: String,
        value: u64,
        min: u64,
        max: u64,
    },
    /// `min_len` greater than `max_len`.
    MinAboveMax {
        field: String,
        min: usize,
        max: usize,
    },
    /// A class listed twice in `from` or `required`.
    DuplicateClass { field: String, class: Class },
    /// A class the charset cannot contain (a symbol under `alphanumeric`).
    ClassNotInCharset {
        field: String,
        class: Class,
        charset: Charset,
    },
    /// `at_least` larger than the usable classes in `from`.
    AtLeastTooLarge {
        field: String,
        at_least: u8,
        available: usize,
    },
    /// More distinct classes needed than `max_len` characters can hold.
    ClassesExceedMaxLen {
        field: String,
        needed: usize,
        max_len: usize,
    },
    /// `generator.length` outside the execution password's length limits.
    GeneratorLength {
        field: String,
        length: usize,
        min: usize,
        max: usize,
    },
    /// `generator.alphabet` is empty.
    AlphabetEmpty { field: String },
    /// A character twice in the alphabet (would bias the draw).
    AlphabetDuplicate { field: String, ch: char },
    /// A character the execution charset does not allow.
    AlphabetCharNotAllowed {
        field: String,
        ch: char,
        charset: Charset,
    },
    /// A character that would need quoting in the initial-password CSV
    /// (`,` `"` `'` `\`), or a space.
    AlphabetCsvUnsafe { field: String, ch: char },
    /// The alphabet lacks a class the execution policy requires.
    AlphabetMissingClass { field: String, class: Class },
    /// The alphabet has fewer classes of `from` than `at_least`.
    AlphabetTooFewClasses {
        field: String,
        available: usize,
        at_least: u8,
    },
    /// Too few generated passwords pass the execution rules: `passed` of
    /// `tried` candidates of `length` characters; `rule` is the one broken
    /// most often.
    GeneratorUnusable {
        field: String,
        length: usize,
        passed: u32,
        tried: u32,
        rule: Option<Rule>,
    },
    /// A notice type that does not exist.
    UnknownNotice { field: String, name: String },
    /// A notice type missing from `notices`.
    MissingNotice { field: String, name: String },
    /// A notice the customer may not turn off is disabled.
    MandatoryNoticeOff { field: String, name: String },
    /// A `[mail] relays` entry that names no relay (`host`, `host:port`,
    /// `[v6]:port`), or more entries than [`MAX_RELAYS`].
    BadRelay { field: String, entry: String },
}

impl PolicyError {
    /// The dotted field path, if the error is about one field.
    pub fn field(&self) -> Option<&str> {
        use PolicyError::*;
        match self {
            Parse { .. } | UnknownPreset { .. } => None,
            OutOfRange { field, .. }
            | MinAboveMax { field, .. }
            | DuplicateClass { field, .. }
            | ClassNotInCharset { field, .. }
            | AtLeastTooLarge { field, .. }
            | ClassesExceedMaxLen { field, .. }
            | GeneratorLength { field, .. }
            | AlphabetEmpty { field }
            | AlphabetDuplicate { field, .. }
            | AlphabetCharNotAllowed { field, .. }
            | AlphabetCsvUnsafe { field, .. }
            | AlphabetMissingClass { field, .. }
            | AlphabetTooFewClasses { field, .. }
            | GeneratorUnusable { field, .. }
            | UnknownNotice { field, .. }
            | MissingNotice { field, .. }
            | MandatoryNoticeOff { field, .. }
            | BadText { field, .. }
            | LinkInText { field, .. }
            | BadPhone { field }
            | BadRelay { field, .. } => Some(field),
        }
    }
}

/// A telephone number as a notice prints it: empty (none), or 6 to 15
/// digits with `-`, `(`, `)`, spaces, and a leading `+`.
fn phone_ok(s: &str) -> bool {
    if s.is_empty() {
        return true;
    }
    let digits = s.chars().filter(char::is_ascii_digit).count();
    let body = s.strip_prefix('+').unwrap_or(s);
    (6..=15).contains(&digits)
        && s.chars().count() <= 30
        && body
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '-' | '(' | ')' | ' '))
}

fn range(errs: &mut Vec<PolicyError>, field: &str, value: u64, min: u64, max: u64) {
    if value < min || value > max {
        errs.push(PolicyError::OutOfRange {
            field: field.to_string(),
            value,
            min,
            max,
        });
    }
}

fn argon2_ranges(errs: &mut Vec<PolicyError>, section: &str, h: &Argon2Params) {
    let f = |leaf: &str| format!("{section}.{leaf}");
    range(errs, &f("p"), h.p as u64, 1, ARGON2_MAX_P as u64);
    range(errs, &f("t"), h.t as u64, 1, ARGON2_MAX_T as u64);
    range(
        errs,
        &f("m_kib"),
        h.m_kib as u64,
        8 * u64::from(h.p.max(1)),
        ARGON2_MAX_M_KIB as u64,
    );
}

fn check_classes_list(errs: &mut Vec<PolicyError>, field: String, list: &[Class], cs: Charset) {
    for (i, &c) in list.iter().enumerate() {
        if list[..i].contains(&c) {
            errs.push(PolicyError::DuplicateClass {
                field: field.clone(),
                class: c,
            });
        }
        if !cs.allows_class(c) {
            errs.push(PolicyError::ClassNotInCharset {
                field: field.clone(),
                class: c,
                charset: cs,
            });
        }
    }
}

fn validate_kind(errs: &mut Vec<PolicyError>, name: &str, k: &KindPolicy) {
    let f = |leaf: &str| format!("{name}.{leaf}");
    range(
        errs,
        &f("min_len"),
        k.min_len as u64,
        1,
        MAX_PASSWORD_LEN as u64,
    );
    range(
        errs,
        &f("max_len"),
        k.max_len as u64,
        1,
        MAX_PASSWORD_LEN as u64,
    );
    if k.min_len > k.max_len {
        errs.push(PolicyError::MinAboveMax {
            field: f("min_len"),
            min: k.min_len,
            max: k.max_len,
        });
    }
    range(errs, &f("history"), k.history as u64, 0, MAX_HISTORY as u64);
    check_classes_list(errs, f("classes.from"), &k.classes.from, k.charset);
    check_classes_list(errs, f("classes.required"), &k.classes.required, k.charset);
    let mut usable: Vec<Class> = Vec::new();
    for &c in &k.classes.from {
        if k.charset.allows_class(c) && !usable.contains(&c) {
            usable.push(c);
        }
    }
    if usize::from(k.classes.at_least) > usable.len() {
        errs.push(PolicyError::AtLeastTooLarge {
            field: f("classes.at_least"),
            at_least: k.classes.at_least,
            available: usable.len(),
        });
    }
    // The fewest distinct classes a valid password must show.
    let mut required: Vec<Class> = Vec::new();
    for &c in &k.classes.required {
        if !required.contains(&c) {
            required.push(c);
        }
    }
    let outside = usable.iter().filter(|c| !required.contains(c)).count();
    let from_required = required.iter().filter(|c| usable.contains(c)).count();
    let extra = usize::from(k.classes.at_least)
        .saturating_sub(from_required)
        .min(outside);
    let needed = required.len() + extra;
    if needed > k.max_len && k.max_len > 0 {
        errs.push(PolicyError::ClassesExceedMaxLen {
            field: f("classes"),
            needed,
            max_len: k.max_len,
        });
    }
}

/// How often each rule was broken over many candidate passwords.
#[derive(Debug, Clone, Default)]
pub struct BrokenRules([u32; Rule::ALL.len()]);

impl BrokenRules {
    /// Count the rules of one candidate's violations.
    pub fn add(&mut self, violations: &[Violation]) {
        for v in violations {
            if let Some(i) = Rule::ALL.iter().position(|r| *r == v.rule()) {
                self.0[i] += 1;
            }
        }
    }

    /// The rule broken most often (the first in [`Rule::ALL`] on a tie).
    pub fn most(&self) -> Option<Rule> {
        let (i, &n) = self.0.iter().enumerate().rev().max_by_key(|&(_, n)| *n)?;
        (n > 0).then_some(Rule::ALL[i])
    }
}

fn count_lines(before: &[u8]) -> usize {
    before.iter().filter(|&&b| b == b'\n').count() + 1
}

impl Policy {
    /// The first problem found, if any (see [`Policy::validate_all`]).
    pub fn validate(&self) -> Result<(), PolicyError> {
        match self.validate_all().into_iter().next() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    /// Every problem, in file order; the generator trial
    /// ([`Policy::try_generator`]) last, once nothing else is wrong.
    pub fn validate_all(&self) -> Vec<PolicyError> {
        let mut errs = self.shape_problems();
        // Checked when a policy is set, not each time a stored one is read:
        // a ledger whose desk line predates the rule still opens, and its
        // notices leave that line out (`notify::template`).
        for (field, text) in [
            ("support_desk", &self.support_desk),
            ("support_phone", &self.support_phone),
        ] {
            if let Some(link) = crate::links::find_link(text) {
                errs.push(PolicyError::LinkInText {
                    field: field.to_string(),
                    link,
                });
            }
        }
        if errs.is_empty()
            && let Err(e) = self.try_generator()
        {
            errs.push(e);
        }
        errs
    }

    /// Try the generator against the execution rules: draw up to
    /// [`GENERATOR_TRIAL_DRAWS`] candidates of its length from its alphabet
    /// and require [`GENERATOR_TRIAL_PASSES`] of them to pass (the rules
    /// about the customer's own data cannot be tried without a customer).
    /// The draws are pseudo-random with a fixed seed: the same policy is
    /// always accepted or always refused.
    pub fn try_generator(&self) -> Result<(), PolicyError> {
        let g = &self.generator;
        let alphabet: Vec<char> = g.alphabet.chars().collect();
        if alphabet.is_empty() {
            return Err(PolicyError::AlphabetEmpty {
                field: "generator.alphabet".into(),
            });
        }
        // splitmix64: the draw only has to be even, not secret.
        let mut state: u64 = 0x6163_6374_7365_6331;
        let mut next = || {
            state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            z ^ (z >> 31)
        };
        let (mut passed, mut broken) = (0, BrokenRules::default());
        let mut candidate = String::with_capacity(g.length);
        for _ in 0..GENERATOR_TRIAL_DRAWS {
            candidate.clear();
            candidate
                .extend((0..g.length).map(|_| alphabet[(next() % alphabet.len() as u64) as usize]));
            let v = check(&self.execution, &candidate, None);
            if v.is_empty() {
                passed += 1;
                if passed >= GENERATOR_TRIAL_PASSES {
                    return Ok(());
                }
            }
            broken.add(&v);
        }
        Err(PolicyError::GeneratorUnusable {
            field: "generator.alphabet".into(),
            length: g.length,
            passed,
            tried: GENERATOR_TRIAL_DRAWS,
            rule: broken.most(),
        })
    }

    /// Every problem but the generator trial, in file order: what a stored
    /// policy is checked for each time it is read (cheap, and a policy
    /// stored before the trial existed still loads).
    fn shape_problems(&self) -> Vec<PolicyError> {
        let mut errs = Vec::new();
        range(
            &mut errs,
            "initial_password_days",
            self.initial_password_days as u64,
            1,
            MAX_INITIAL_PASSWORD_DAYS as u64,
        );
        validate_kind(&mut errs, "login", &self.login);
        validate_kind(&mut errs, "execution", &self.execution);

        let max_t = MAX_LOCKOUT_THRESHOLD as u64;
        range(
            &mut errs,
            "lockout.execution_threshold",
            self.lockout.execution_threshold as u64,
            1,
            max_t,
        );
        if let Some(t) = self.lockout.login_threshold {
            range(&mut errs, "lockout.login_threshold", t as u64, 1, max_t);
        }

        argon2_ranges(&mut errs, "hashing", &self.hashing);

        self.validate_generator(&mut errs);

        let text = &self.support_desk;
        if text.chars().count() > MAX_POLICY_TEXT_CHARS
            || text.chars().any(|c| c.is_control() && c != '\n')
        {
            errs.push(PolicyError::BadText {
                field: "support_desk".to_string(),
                max: MAX_POLICY_TEXT_CHARS,
            });
        }

        if !phone_ok(&self.support_phone) {
            errs.push(PolicyError::BadPhone {
                field: "support_phone".to_string(),
            });
        }
        for (i, entry) in self.mail.relays.iter().enumerate() {
            if i >= MAX_RELAYS || super::model::parse_relay(entry).is_none() {
                errs.push(PolicyError::BadRelay {
                    field: "mail.relays".to_string(),
                    entry: entry.clone(),
                });
            }
        }
        let e = &self.environments;
        range(
            &mut errs,
            "environments.known_for_days",
            u64::from(e.known_for_days),
            1,
            u64::from(MAX_KNOWN_FOR_DAYS),
        );
        range(
            &mut errs,
            "environments.ipv4_prefix",
            u64::from(e.ipv4_prefix),
            8,
            32,
        );
        range(
            &mut errs,
            "environments.ipv6_prefix",
            u64::from(e.ipv6_prefix),
            16,
            128,
        );

        let a = &self.authcode;
        range(
            &mut errs,
            "authcode.digits",
            u64::from(a.digits),
            u64::from(AUTHCODE_MIN_DIGITS),
            u64::from(AUTHCODE_MAX_DIGITS),
        );
        range(
            &mut errs,
            "authcode.lifetime_minutes",
            u64::from(a.lifetime_minutes),
            1,
            u64::from(AUTHCODE_MAX_LIFETIME_MINUTES),
        );
        range(
            &mut errs,
            "authcode.max_tries",
            u64::from(a.max_tries),
            1,
            u64::from(AUTHCODE_MAX_TRIES),
        );
        range(
            &mut errs,
            "authcode.cooldown_seconds",
            u64::from(a.cooldown_seconds),
            0,
            u64::from(AUTHCODE_MAX_COOLDOWN_SECONDS),
        );
        for (field, v) in [
            ("authcode.max_issues_per_day", a.max_issues_per_day),
            ("authcode.max_wrong_per_day", a.max_wrong_per_day),
        ] {
            range(
                &mut errs,
                field,
                u64::from(v),
                1,
                u64::from(AUTHCODE_MAX_PER_DAY),
            );
        }
        argon2_ranges(&mut errs, "authcode.hashing", &a.hashing);

        match crate::clock::parse_duration(&self.approval.expires_after) {
            Ok(d) => range(
                &mut errs,
                "approval.expires_after",
                d.as_secs() / 60,
                1,
                MAX_APPROVAL_EXPIRY_MINUTES,
            ),
            Err(_) => errs.push(PolicyError::Parse {
                line: None,
                detail: format!(
                    "approval.expires_after: {:?} is not a duration such as 24h, 90m or 2d",
                    self.approval.expires_after
                ),
            }),
        }

        for name in self.notices.keys() {
            if !NOTICE_TYPES.contains(&name.as_str()) {
                errs.push(PolicyError::UnknownNotice {
                    field: format!("notices.{name}"),
                    name: name.clone(),
                });
            }
        }
        for &name in NOTICE_TYPES {
            match self.notices.get(name) {
                None => errs.push(PolicyError::MissingNotice {
                    field: format!("notices.{name}"),
                    name: name.to_string(),
                }),
                Some(n) if !n.enabled && MANDATORY_NOTICES.contains(&name) => {
                    errs.push(PolicyError::MandatoryNoticeOff {
                        field: format!("notices.{name}.enabled"),
                        name: name.to_string(),
                    })
                }
                Some(_) => {}
            }
        }
        errs
    }

    fn validate_generator(&self, errs: &mut Vec<PolicyError>) {
        let g = &self.generator;
        let ex = &self.execution;
        if g.length < ex.min_len || g.length > ex.max_len {
            errs.push(PolicyError::GeneratorLength {
                field: "generator.length".into(),
                length: g.length,
                min: ex.min_len,
                max: ex.max_len,
            });
        }
        let field = || "generator.alphabet".to_string();
        if g.alphabet.is_empty() {
            errs.push(PolicyError::AlphabetEmpty { field: field() });
            return;
        }
        let mut seen = 0u8;
        for (i, ch) in g.alphabet.char_indices() {
            if g.alphabet[..i].contains(ch) {
                errs.push(PolicyError::AlphabetDuplicate { field: field(), ch });
            }
            if matches!(ch, ',' | '"' | '\'' | '\\' | ' ') {
                errs.push(PolicyError::AlphabetCsvUnsafe { field: field(), ch });
            } else if !ex.charset.allows(ch) {
                errs.push(PolicyError::AlphabetCharNotAllowed {
                    field: field(),
                    ch,
                    charset: ex.charset,
                });
            } else if let Some(c) = Class::of(ch) {
                seen |= c.bit();
            }
        }
        for &c in &ex.classes.required {
            if seen & c.bit() == 0 {
                errs.push(PolicyError::AlphabetMissingClass {
                    field: field(),
                    class: c,
                });
            }
        }
        let mut from = 0u8;
        for &c in &ex.classes.from {
            from |= c.bit();
        }
        let available = (seen & from).count_ones() as usize;
        if available < usize::from(ex.classes.at_least) {
            errs.push(PolicyError::AlphabetTooFewClasses {
                field: field(),
                available,
                at_least: ex.classes.at_least,
            });
        }
    }

    /// The policy as TOML, for `policy show` (reads back with
    /// [`Policy::from_toml`]). Notices come last, one inline table a line,
    /// in the order of [`NOTICE_TYPES`].
    pub fn to_toml(&self) -> String {
        #[derive(Serialize)]
        struct Head<'a> {
            initial_password_days: u32,
            support_desk: &'a str,
            support_phone: &'a str,
            login: &'a KindPolicy,
            execution: &'a KindPolicy,
            lockout: &'a Lockout,
            hashing: &'a Argon2Params,
            generator: &'a Generator,
            authcode: &'a AuthCode,
            approval: &'a Approval,
            environments: &'a Environments,
            mail: &'a Mail,
        }
        let head = Head {
            initial_password_days: self.initial_password_days,
            support_desk: &self.support_desk,
            support_phone: &self.support_phone,
            login: &self.login,
            execution: &self.execution,
            lockout: &self.lockout,
            hashing: &self.hashing,
            generator: &self.generator,
            authcode: &self.authcode,
            approval: &self.approval,
            environments: &self.environments,
            mail: &self.mail,
        };
        let mut out = toml::to_string(&head).expect("a policy always serialises to TOML");
        out.push_str(
            "\n# Notice defaults: enabled = true | false, to = \"pc\" | \"mobile\" | \"both\".\n",
        );
        out.push_str("# email_changed and bank_account_changed cannot be turned off.\n");
        out.push_str("[notices]\n");
        let known = NOTICE_TYPES
            .iter()
            .filter_map(|&n| self.notices.get_key_value(n));
        let unknown = self
            .notices
            .iter()
            .filter(|(k, _)| !NOTICE_TYPES.contains(&k.as_str()));
        for (name, n) in known.chain(unknown) {
            let bare = !name.is_empty()
                && name
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
            let key = if bare {
                name.clone()
            } else {
                toml::Value::String(name.clone()).to_string()
            };
            out.push_str(&format!(
                "{key} = {{ enabled = {}, to = \"{}\" }}\n",
                n.enabled,
                n.to.as_str()
            ));
        }
        out
    }

    /// Parse a TOML policy file and validate its shape (everything but
    /// the generator trial, which [`Policy::validate`] adds: a policy read
    /// back from the ledger is not tried again).
    pub fn from_toml(text: &str) -> Result<Policy, PolicyError> {
        let policy: Policy = toml::from_str(text).map_err(|e| PolicyError::Parse {
            line: e
                .span()
                .map(|s| count_lines(&text.as_bytes()[..s.start.min(text.len())])),
            detail: e.message().to_string(),
        })?;
        if let Some(e) = policy.shape_problems().into_iter().next() {
            return Err(e);
        }
        Ok(policy)
    }

    /// A preset by name, or [`PolicyError::UnknownPreset`].
    pub fn preset_or_err(name: &str) -> Result<Policy, PolicyError> {
        Policy::preset(name).ok_or_else(|| PolicyError::UnknownPreset {
            name: name.to_string(),
        })
    }
}
