//! The weak-credential audit: findings about each customer's credentials,
//! and the guesses built from the customer's own data. Pure: the command
//! reads the ledger and verifies the guesses.

use chrono::{DateTime, Utc};
use zeroize::Zeroizing;

use crate::customer::{AccountState, Credential, Customer, PasswordState};
use crate::policy::{Charset, DateForm, Kind, Policy};
use crate::rollout::{Phase, Schedule};
use crate::secret::{Argon2Params, HashFormat, Pbkdf2Digest, detect_format};

/// How bad a finding is; ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Low,
    Medium,
    High,
    Critical,
}

impl Severity {
    pub const ALL: [Severity; 4] = [
        Severity::Critical,
        Severity::High,
        Severity::Medium,
        Severity::Low,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }
}

/// The finding kinds fixed by CLI.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FindingKind {
    NoExecutionPassword,
    InitialNotChanged,
    InitialExpired,
    Locked,
    LegacyHash,
    WeakHashParams,
    GuessableLogin,
    GuessableExecution,
}

impl FindingKind {
    pub const ALL: [FindingKind; 8] = [
        FindingKind::NoExecutionPassword,
        FindingKind::InitialNotChanged,
        FindingKind::InitialExpired,
        FindingKind::Locked,
        FindingKind::LegacyHash,
        FindingKind::WeakHashParams,
        FindingKind::GuessableLogin,
        FindingKind::GuessableExecution,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            FindingKind::NoExecutionPassword => "no_execution_password",
            FindingKind::InitialNotChanged => "initial_not_changed",
            FindingKind::InitialExpired => "initial_expired",
            FindingKind::Locked => "locked",
            FindingKind::LegacyHash => "legacy_hash",
            FindingKind::WeakHashParams => "weak_hash_params",
            FindingKind::GuessableLogin => "guessable_login",
            FindingKind::GuessableExecution => "guessable_execution",
        }
    }

    pub fn guessable(kind: Kind) -> FindingKind {
        match kind {
            Kind::Login => FindingKind::GuessableLogin,
            Kind::Execution => FindingKind::GuessableExecution,
        }
    }
}

/// What a finding says, rendered by the message catalog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Detail {
    NoExecutionPassword {
        enforced: bool,
    },
    InitialNotChanged {
        days: i64,
    },
    InitialExpired {
        days: i64,
    },
    Locked {
        since: String,
        reason: String,
    },
    LegacyHash {
        format: &'static str,
        why: LegacyWhy,
    },
    WeakHashParams {
        kind: Kind,
        have: Argon2Params,
        want: Argon2Params,
    },
    Guessable {
        kind: Kind,
        source: Source,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LegacyWhy {
    UnsaltedDigest,
    BrokenCrypt,
    BcryptCost { cost: u32 },
    Pbkdf2Rounds { rounds: u32, min: u32 },
    ShaCrypt,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub customer: String,
    pub kind: FindingKind,
    pub severity: Severity,
    pub detail: Detail,
    /// When an earlier run found it (stored time), for a guessable password
    /// that still holds; `None` for what this run found.
    pub found_at: Option<String>,
}

impl Finding {
    /// A guessable password: always critical (whoever tries that guess is in).
    pub fn guessable(
        customer: &str,
        kind: Kind,
        source: Source,
        found_at: Option<String>,
    ) -> Finding {
        Finding {
            customer: customer.to_string(),
            kind: FindingKind::guessable(kind),
            severity: Severity::Critical,
            detail: Detail::Guessable { kind, source },
            found_at,
        }
    }
}

/// OWASP's minimum PBKDF2 iterations (2023 cheat sheet).
pub const PBKDF2_SHA256_MIN: u32 = 600_000;
pub const PBKDF2_SHA512_MIN: u32 = 210_000;
/// bcrypt below this cost is weak.
pub const BCRYPT_MIN_COST: u32 = 10;

/// When the rollout stands (from the schedule, if recorded).
#[derive(Debug, Clone, Copy)]
pub struct Clock {
    pub now: DateTime<Utc>,
    pub schedule: Option<Schedule>,
}

impl Clock {
    fn pre_end(&self) -> Option<DateTime<Utc>> {
        self.schedule.map(|s| s.pre_end)
    }

    fn enforced(&self) -> bool {
        self.schedule.is_some_and(|s| self.now >= s.enforce)
    }

    /// Inside the pre-registration period, when customers are expected to
    /// be on their initial password still.
    fn pre_registration(&self) -> bool {
        Phase::of(self.schedule.as_ref(), self.now) == Phase::PreRegistration
    }
}

/// The findings that need no guessing.
pub fn static_findings(
    c: &Customer,
    state: &AccountState,
    exec: Option<&Credential>,
    login: Option<&Credential>,
    policy: &Policy,
    clock: &Clock,
) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut push = |kind, severity, detail| {
        out.push(Finding {
            customer: c.code.clone(),
            kind,
            severity,
            detail,
            found_at: None,
        })
    };
    match exec {
        None => {
            let enforced = clock.enforced();
            push(
                FindingKind::NoExecutionPassword,
                if enforced {
                    Severity::High
                } else {
                    Severity::Medium
                },
                Detail::NoExecutionPassword { enforced },
            );
        }
        Some(cred) if cred.state == PasswordState::Initial => {
            let issued = crate::clock::from_stored(&cred.set_at).unwrap_or(clock.now);
            let days = (clock.now - issued).num_days();
            let deadline = clock.pre_end().unwrap_or(
                issued + chrono::Duration::days(i64::from(policy.initial_password_days)),
            );
            if clock.now > deadline {
                push(
                    FindingKind::InitialExpired,
                    Severity::High,
                    Detail::InitialExpired { days },
                );
            } else {
                // Expected during pre-registration; worth a look after it.
                push(
                    FindingKind::InitialNotChanged,
                    if clock.pre_registration() {
                        Severity::Low
                    } else {
                        Severity::Medium
                    },
                    Detail::InitialNotChanged { days },
                );
            }
        }
        Some(_) => {}
    }
    if let Some(lock) = &state.lock {
        push(
            FindingKind::Locked,
            Severity::Low,
            Detail::Locked {
                since: lock.at.clone(),
                reason: lock.reason.clone(),
            },
        );
    }
    let want = crate::password::argon2_params(policy);
    for (kind, cred) in [(Kind::Login, login), (Kind::Execution, exec)] {
        let Some(cred) = cred else { continue };
        match detect_format(&cred.hash) {
            Some(HashFormat::Argon2 { params, .. }) if !params.meets(&want) => push(
                FindingKind::WeakHashParams,
                Severity::Medium,
                Detail::WeakHashParams {
                    kind,
                    have: params,
                    want,
                },
            ),
            Some(f) => {
                if let Some((severity, why)) = legacy(&f) {
                    push(
                        FindingKind::LegacyHash,
                        severity,
                        Detail::LegacyHash {
                            format: f.kind().id(),
                            why,
                        },
                    );
                }
            }
            None => {}
        }
    }
    out
}

/// The stored formats (`credential.format`) that cost next to nothing to
/// verify: unsalted digests and the broken crypts. The guessing audit tries
/// every customer's credentials in these before any other, since a budget
/// finds the most there.
pub const CHEAP_FORMATS: &[&str] = &[
    "md5-hex",
    "sha1-hex",
    "sha256-hex",
    "des-crypt",
    "md5-crypt",
];

/// Whether a stored format is one of [`CHEAP_FORMATS`].
pub fn is_cheap(format: &str) -> bool {
    CHEAP_FORMATS.contains(&format)
}

/// Whether a stored format is a legacy one, and how bad.
pub fn legacy(f: &HashFormat) -> Option<(Severity, LegacyWhy)> {
    match f {
        HashFormat::Md5Hex | HashFormat::Sha1Hex | HashFormat::Sha256Hex => {
            Some((Severity::Critical, LegacyWhy::UnsaltedDigest))
        }
        HashFormat::DesCrypt | HashFormat::Md5Crypt => {
            Some((Severity::Critical, LegacyWhy::BrokenCrypt))
        }
        HashFormat::Bcrypt { cost, .. } if *cost < BCRYPT_MIN_COST => {
            Some((Severity::High, LegacyWhy::BcryptCost { cost: *cost }))
        }
        HashFormat::Pbkdf2 { digest, rounds, .. } => {
            let min = match digest {
                Pbkdf2Digest::Sha256 => PBKDF2_SHA256_MIN,
                Pbkdf2Digest::Sha512 => PBKDF2_SHA512_MIN,
            };
            (*rounds < min).then_some((
                Severity::High,
                LegacyWhy::Pbkdf2Rounds {
                    rounds: *rounds,
                    min,
                },
            ))
        }
        HashFormat::ShaCrypt { .. } => Some((Severity::High, LegacyWhy::ShaCrypt)),
        _ => None,
    }
}

/// Where a guess comes from (said in the finding; the guess itself never is).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    BirthDate(DateForm),
    PhoneWhole,
    PhoneTail(usize),
    CustomerCode,
    CustomerCodeReversed,
    EmailLocal,
    EmailLocalWithYear,
    Common,
    CommonCapitalized,
    CommonWithDigit,
}

impl Source {
    /// A stable name, for a finding stored in the ledger.
    pub fn id(self) -> String {
        let date = |f: DateForm| match f {
            DateForm::FullDate => "full_date",
            DateForm::EraDate => "era_date",
            DateForm::ShortDate => "short_date",
            DateForm::MonthDayYear => "month_day_year",
            DateForm::DayMonthYear => "day_month_year",
            DateForm::MonthDay => "month_day",
            DateForm::DayMonth => "day_month",
            DateForm::Year => "year",
        };
        match self {
            Source::BirthDate(f) => format!("birth_date:{}", date(f)),
            Source::PhoneWhole => "phone".into(),
            Source::PhoneTail(n) => format!("phone_tail:{n}"),
            Source::CustomerCode => "customer_code".into(),
            Source::CustomerCodeReversed => "customer_code_reversed".into(),
            Source::EmailLocal => "email_local".into(),
            Source::EmailLocalWithYear => "email_local_with_year".into(),
            Source::Common => "common".into(),
            Source::CommonCapitalized => "common_capitalized".into(),
            Source::CommonWithDigit => "common_with_digit".into(),
        }
    }

    /// The source [`Source::id`] names.
    pub fn from_id(id: &str) -> Option<Source> {
        let date = |s: &str| {
            Some(match s {
                "full_date" => DateForm::FullDate,
                "era_date" => DateForm::EraDate,
                "short_date" => DateForm::ShortDate,
                "month_day_year" => DateForm::MonthDayYear,
                "day_month_year" => DateForm::DayMonthYear,
                "month_day" => DateForm::MonthDay,
                "day_month" => DateForm::DayMonth,
                "year" => DateForm::Year,
                _ => return None,
            })
        };
        Some(match id.split_once(':') {
            Some(("birth_date", f)) => Source::BirthDate(date(f)?),
            Some(("phone_tail", n)) => Source::PhoneTail(n.parse().ok()?),
            Some(_) => return None,
            None => match id {
                "phone" => Source::PhoneWhole,
                "customer_code" => Source::CustomerCode,
                "customer_code_reversed" => Source::CustomerCodeReversed,
                "email_local" => Source::EmailLocal,
                "email_local_with_year" => Source::EmailLocalWithYear,
                "common" => Source::Common,
                "common_capitalized" => Source::CommonCapitalized,
                "common_with_digit" => Source::CommonWithDigit,
                _ => return None,
            },
        })
    }
}

pub struct Candidate {
    pub password: Zeroizing<String>,
    pub source: Source,
}

/// Whether the policy of some era would have allowed `pw` as a password of
/// this kind: the policy in force, or, for login passwords, the 4-digit PIN
/// that seed 004's broker allowed until July 2020.
fn allowed(policy: &Policy, kind: Kind, pw: &str) -> bool {
    let kp = policy.kind(kind);
    let n = pw.chars().count();
    let now = n >= kp.min_len && n <= kp.max_len && pw.chars().all(|c| kp.charset.allows(c));
    let old_pin = kind == Kind::Login && n == 4 && pw.bytes().all(|b| b.is_ascii_digit());
    let old_alnum = kind == Kind::Login
        && kp.charset != Charset::Alphanumeric
        && (6..=20).contains(&n)
        && pw.chars().all(|c| c.is_ascii_alphanumeric());
    now || old_pin || old_alnum
}

/// Guesses for one credential, most likely first, deduplicated, filtered to
/// what a policy of that era would have allowed, at most `max`.
pub fn candidates(c: &Customer, kind: Kind, policy: &Policy, max: usize) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut add = |pw: String, source: Source, out: &mut Vec<Candidate>| {
        if out.len() < max && allowed(policy, kind, &pw) && seen.insert(pw.clone()) {
            out.push(Candidate {
                password: Zeroizing::new(pw),
                source,
            });
        }
    };
    for (form, f) in crate::policy::birth_date_forms(c.birth_date) {
        add(form.clone(), Source::BirthDate(f), &mut out);
        if form.starts_with(|ch: char| ch.is_ascii_lowercase()) {
            add(form.to_ascii_uppercase(), Source::BirthDate(f), &mut out);
        }
    }
    for phone in c.phones() {
        for tail in [4, 6, 8] {
            if phone.len() > tail {
                add(
                    phone[phone.len() - tail..].to_string(),
                    Source::PhoneTail(tail),
                    &mut out,
                );
            }
        }
        add(phone.clone(), Source::PhoneWhole, &mut out);
    }
    add(c.code.clone(), Source::CustomerCode, &mut out);
    add(
        c.code.chars().rev().collect(),
        Source::CustomerCodeReversed,
        &mut out,
    );
    use chrono::Datelike;
    let yy = format!("{:02}", c.birth_date.year() % 100);
    let yyyy = c.birth_date.year().to_string();
    for email in [&c.email_pc, &c.email_mobile].into_iter().flatten() {
        if let Some((local, _)) = email.split_once('@') {
            add(local.to_string(), Source::EmailLocal, &mut out);
            let alnum: String = local.chars().filter(char::is_ascii_alphanumeric).collect();
            add(alnum.clone(), Source::EmailLocal, &mut out);
            add(format!("{alnum}{yy}"), Source::EmailLocalWithYear, &mut out);
            add(
                format!("{alnum}{yyyy}"),
                Source::EmailLocalWithYear,
                &mut out,
            );
        }
    }
    for word in crate::policy::common_in_order() {
        if out.len() >= max {
            break;
        }
        add(word.to_string(), Source::Common, &mut out);
        let mut cap = word.to_string();
        if let Some(f) = cap.get_mut(0..1) {
            f.make_ascii_uppercase();
        }
        add(cap.clone(), Source::CommonCapitalized, &mut out);
        add(format!("{word}1"), Source::CommonWithDigit, &mut out);
        add(format!("{cap}1"), Source::CommonWithDigit, &mut out);
    }
    out
}

/// Where a budget-limited guessing walk stopped inside a customer. The walk
/// goes customer by customer, each one's login candidates, then its
/// execution candidates, each list in [`candidates`] order (which does not
/// depend on `max`). Here the credentials before `kind` are finished, and so
/// are the first `done` candidates of `kind`. `check` is the
/// [`fingerprint`] of the stored hash and of those candidates: a resumed
/// run goes on from `done` only when they are still the same (the
/// customer's data, the policy or the password may have changed in
/// between); otherwise it starts the customer over.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Within {
    pub customer: String,
    pub kind: Kind,
    pub done: usize,
    pub check: String,
}

/// A short digest of a stored hash and the candidates tried against it, to
/// tell whether a resumed run would try the same guesses on the same hash.
/// Everything it covers is derived from what the ledger holds anyway (the
/// hash, the customer's record, the policy, the built-in list of common
/// passwords), so it tells nothing the ledger does not.
pub fn fingerprint(stored: &str, tried: &[Candidate]) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    for part in std::iter::once(stored).chain(tried.iter().map(|c| c.password.as_str())) {
        h.update((part.len() as u64).to_le_bytes());
        h.update(part.as_bytes());
    }
    hex::encode(&h.finalize()[..8])
}

/// What a stored guessable finding remembers of the hash it was found
/// against: a short digest, so that the finding holds exactly while the
/// credential keeps that hash (any change of password, by whatever path,
/// ends it), and no copy of the hash outlives the password.
pub fn hash_tag(stored: &str) -> String {
    fingerprint(stored, &[])
}

/// Whether a guessable finding stored with `tag` still holds for the
/// credential as it is now.
pub fn still_holds(current: Option<&Credential>, tag: &str) -> bool {
    current.is_some_and(|c| hash_tag(&c.hash) == tag)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn customer() -> Customer {
        Customer {
            code: "1000174".into(),
            name: "高橋 一郎".into(),
            birth_date: NaiveDate::from_ymd_opt(1980, 1, 15).unwrap(),
            phone: Some("0312345678".into()),
            mobile_phone: Some("09012345678".into()),
            email_pc: Some("ichiro.t@example.jp".into()),
            email_mobile: None,
        }
    }

    #[test]
    fn guesses_start_with_the_customers_own_data() {
        let p = Policy::preset("securities").unwrap();
        let g = candidates(&customer(), Kind::Login, &p, 100);
        assert_eq!(g.len(), 100);
        assert_eq!(g[0].password.as_str(), "19800115");
        let has = |s: &str| g.iter().any(|c| c.password.as_str() == s);
        assert!(has("S550115") && has("550115") && has("5678") && has("12345678"));
        assert!(
            has("1000174") && has("ichirot") && has("0115"),
            "PIN-era forms for login"
        );
        let mut seen = std::collections::HashSet::new();
        assert!(
            g.iter().all(|c| seen.insert(c.password.to_string())),
            "deduplicated"
        );
        // Execution passwords are 4+ letters and digits: no symbols.
        let e = candidates(&customer(), Kind::Execution, &p, 500);
        assert!(
            e.iter()
                .all(|c| c.password.chars().all(|ch| ch.is_ascii_alphanumeric()))
        );
    }

    #[test]
    fn the_candidate_order_does_not_depend_on_max() {
        // A resumed walk may run with another --candidates: the first `done`
        // guesses are the same whatever the maximum.
        let p = Policy::preset("securities").unwrap();
        for kind in Kind::ALL {
            let long = candidates(&customer(), kind, &p, 300);
            let short = candidates(&customer(), kind, &p, 40);
            assert_eq!(
                fingerprint("h", &long[..40]),
                fingerprint("h", &short),
                "{kind}"
            );
            assert_ne!(fingerprint("h", &long[..40]), fingerprint("h", &long[..39]));
            assert_ne!(
                fingerprint("h", &short),
                fingerprint("other", &short),
                "the stored hash counts"
            );
        }
    }

    #[test]
    fn sources_are_stored_by_stable_names() {
        let p = Policy::preset("securities").unwrap();
        let mut seen = std::collections::HashSet::new();
        for kind in Kind::ALL {
            for c in candidates(&customer(), kind, &p, 1000) {
                assert_eq!(Source::from_id(&c.source.id()), Some(c.source));
                seen.insert(c.source.id());
            }
        }
        assert!(seen.len() > 10, "{seen:?}");
        assert_eq!(Source::from_id("birth_date:nope"), None);
        assert_eq!(Source::from_id("phone_tail:x"), None);
        assert_eq!(Source::from_id(""), None);
    }

    #[test]
    fn an_initial_password_is_low_during_pre_registration() {
        let p = Policy::preset("securities").unwrap();
        let at = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().to_utc();
        let schedule = Schedule::new(
            at("2022-08-22T00:00:00+09:00"),
            at("2022-09-17T23:59:00+09:00"),
            at("2022-09-18T18:00:00+09:00"),
        )
        .unwrap();
        let cred = Credential {
            hash: String::new(),
            format: "argon2id".into(),
            state: PasswordState::Initial,
            failures: 0,
            set_at: crate::clock::to_stored(at("2022-08-10T00:00:00+09:00")),
            issue_run: None,
        };
        let state = AccountState {
            execution: PasswordState::Initial,
            login: PasswordState::None,
            login_format: None,
            failures: 0,
            login_failures: 0,
            lock: None,
        };
        let severity = |now: &str, schedule: Option<Schedule>| {
            let clock = Clock {
                now: at(now),
                schedule,
            };
            let f = static_findings(&customer(), &state, Some(&cred), None, &p, &clock);
            (f[0].kind, f[0].severity)
        };
        let s = Some(schedule);
        assert_eq!(
            severity("2022-08-15T00:00:00+09:00", s),
            (FindingKind::InitialNotChanged, Severity::Medium)
        );
        assert_eq!(
            severity("2022-09-01T00:00:00+09:00", s),
            (FindingKind::InitialNotChanged, Severity::Low)
        );
        assert_eq!(
            severity("2022-09-20T00:00:00+09:00", s),
            (FindingKind::InitialExpired, Severity::High)
        );
        assert_eq!(
            severity("2022-08-15T00:00:00+09:00", None),
            (FindingKind::InitialNotChanged, Severity::Medium)
        );
    }

    #[test]
    fn legacy_formats_are_graded() {
        assert_eq!(legacy(&HashFormat::Md5Hex).unwrap().0, Severity::Critical);
        let sha = detect_format("$6$saltsalt$").map(|f| legacy(&f));
        assert!(sha.is_none() || sha.unwrap().is_some());
    }
}
