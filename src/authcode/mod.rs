//! One-time auth codes sent by email before a withdrawal or a view of the
//! registered data (seed 004: 出金認証コード, 閲覧認証コード). Pure: the
//! purposes, drawing a code, and the rules of a code's life (expiry, the
//! wait between issues, the wrong tries that end it). The ledger stores a
//! code as an Argon2id hash; the clear code exists only in the email.
//!
//! A code is *live* from its issue until one of: it is used (a matching
//! verify), it is *replaced* by a newer code for the same customer and
//! purpose, it is *exhausted* (the last allowed wrong try), or it *expires*
//! (noticed lazily: at verify, at issue and at `notify outbox export`).

use chrono::{DateTime, Duration, Utc};
use zeroize::Zeroizing;

use crate::notify::NoticeType;
use crate::policy::AuthCode as AuthCodePolicy;
use crate::secret::{Argon2Params, SecretError, generate_password};

/// What a code is for; each has its own notice type (the customer turns the
/// code on by subscribing to it) and its own live code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Purpose {
    Withdrawal,
    View,
}

impl Purpose {
    pub const ALL: [Purpose; 2] = [Purpose::Withdrawal, Purpose::View];

    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::Withdrawal => "withdrawal",
            Purpose::View => "view",
        }
    }

    pub fn parse(s: &str) -> Option<Purpose> {
        Purpose::ALL.into_iter().find(|p| p.as_str() == s)
    }

    /// The notice type that carries the code, and whose subscription says
    /// whether the customer requires one.
    pub fn notice(self) -> NoticeType {
        match self {
            Purpose::Withdrawal => NoticeType::WithdrawalAuthCode,
            Purpose::View => NoticeType::ViewAuthCode,
        }
    }
}

/// Where a code stands. Only `Live` codes can be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    Live,
    Used,
    Replaced,
    Exhausted,
    Expired,
}

impl State {
    pub const ALL: [State; 5] = [
        State::Live,
        State::Used,
        State::Replaced,
        State::Exhausted,
        State::Expired,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            State::Live => "live",
            State::Used => "used",
            State::Replaced => "replaced",
            State::Exhausted => "exhausted",
            State::Expired => "expired",
        }
    }

    pub fn parse(s: &str) -> Option<State> {
        State::ALL.into_iter().find(|p| p.as_str() == s)
    }
}

/// The digits a code is drawn from.
const DIGITS: &[u8] = b"0123456789";

/// A fresh code of `digits` decimal digits, each uniform from the OS
/// generator (rejection sampling: no modulo bias). Wiped when dropped.
pub fn generate(digits: u32) -> Result<Zeroizing<String>, SecretError> {
    generate_password(digits as usize, DIGITS)
}

/// The Argon2id parameters codes are hashed with.
pub fn argon2_params(p: &AuthCodePolicy) -> Argon2Params {
    Argon2Params {
        m_kib: p.hashing.m_kib,
        t: p.hashing.t,
        p: p.hashing.p,
    }
}

/// When a code issued at `issued` stops being valid.
pub fn expiry(p: &AuthCodePolicy, issued: DateTime<Utc>) -> DateTime<Utc> {
    issued + Duration::minutes(i64::from(p.lifetime_minutes))
}

/// Whether a code valid until `expires` is expired at `now` (the expiry
/// instant itself is too late).
pub fn is_expired(expires: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    now >= expires
}

/// When the next code may be issued, if `now` is too soon after the last
/// issue for the same customer and purpose (`None`: it may be issued now).
pub fn too_soon(
    p: &AuthCodePolicy,
    last_issue: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    let next = last_issue? + Duration::seconds(i64::from(p.cooldown_seconds));
    (now < next).then_some(next)
}

/// The start of `now`'s day in Japan (00:00 JST), from which the daily caps
/// of codes and wrong tries count.
pub fn day_start(now: DateTime<Utc>) -> DateTime<Utc> {
    let jst = crate::clock::jst();
    let day = now.with_timezone(&jst).date_naive();
    day.and_hms_opt(0, 0, 0)
        .and_then(|t| t.and_local_timezone(jst).single())
        .map_or(now, |t| t.with_timezone(&Utc))
}

/// A code as typed: surrounding white space dropped (a line of stdin).
pub fn normalize(input: &str) -> &str {
    input.trim()
}

/// What one verify of a live code did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attempt {
    /// It matched: the code is used up.
    Matched,
    /// Wrong; `tries` wrong tries so far, `left` more allowed.
    Wrong { tries: u32, left: u32 },
    /// Wrong, and the last allowed try: the code is ended.
    Exhausted { tries: u32 },
}

impl Attempt {
    /// The outcome of a try against a live code that had `tries_before`
    /// wrong tries.
    pub fn judge(p: &AuthCodePolicy, matched: bool, tries_before: u32) -> Attempt {
        if matched {
            return Attempt::Matched;
        }
        let tries = tries_before.saturating_add(1);
        if tries >= p.max_tries {
            Attempt::Exhausted { tries }
        } else {
            Attempt::Wrong {
                tries,
                left: p.max_tries - tries,
            }
        }
    }

    /// The state the code is left in.
    pub fn state(self) -> State {
        match self {
            Attempt::Matched => State::Used,
            Attempt::Wrong { .. } => State::Live,
            Attempt::Exhausted { .. } => State::Exhausted,
        }
    }
}

/// Why a verify said what it said (`--format json`'s `reason`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    Matched,
    Wrong,
    Expired,
    Exhausted,
    /// No live code for this customer and purpose.
    None,
}

impl Reason {
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Matched => "matched",
            Reason::Wrong => "wrong",
            Reason::Expired => "expired",
            Reason::Exhausted => "exhausted",
            Reason::None => "none",
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn at(min: u32, sec: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2022, 9, 18, 9, min, sec).unwrap()
    }

    #[test]
    fn codes_are_digits_of_the_policy_length_and_uniform() {
        let mut counts = [0u32; 10];
        for _ in 0..2000 {
            let c = generate(6).unwrap();
            assert_eq!(c.len(), 6);
            for b in c.bytes() {
                assert!(b.is_ascii_digit());
                counts[usize::from(b - b'0')] += 1;
            }
        }
        // 12000 digits, 1200 expected each: a biased draw (e.g. byte % 10
        // favours 0-5 by 1/25) stays well inside, a broken one does not.
        for c in counts {
            assert!((1000..1400).contains(&c), "{counts:?}");
        }
        assert_eq!(generate(10).unwrap().len(), 10);
    }

    #[test]
    fn expiry_and_cooldown() {
        let p = AuthCodePolicy::default();
        let issued = at(0, 0);
        let exp = expiry(&p, issued);
        assert_eq!(exp, at(10, 0));
        assert!(!is_expired(exp, at(9, 59)));
        assert!(is_expired(exp, at(10, 0)));
        assert_eq!(too_soon(&p, None, issued), None);
        assert_eq!(too_soon(&p, Some(issued), at(0, 59)), Some(at(1, 0)));
        assert_eq!(too_soon(&p, Some(issued), at(1, 0)), None);
        let none = AuthCodePolicy {
            cooldown_seconds: 0,
            ..p
        };
        assert_eq!(too_soon(&none, Some(issued), issued), None);
    }

    #[test]
    fn wrong_tries_count_to_the_limit() {
        let p = AuthCodePolicy::default();
        assert_eq!(Attempt::judge(&p, true, 4), Attempt::Matched);
        assert_eq!(
            Attempt::judge(&p, false, 0),
            Attempt::Wrong { tries: 1, left: 4 }
        );
        assert_eq!(
            Attempt::judge(&p, false, 3),
            Attempt::Wrong { tries: 4, left: 1 }
        );
        assert_eq!(
            Attempt::judge(&p, false, 4),
            Attempt::Exhausted { tries: 5 }
        );
        assert_eq!(Attempt::judge(&p, false, 4).state(), State::Exhausted);
        let one = AuthCodePolicy { max_tries: 1, ..p };
        assert_eq!(
            Attempt::judge(&one, false, 0),
            Attempt::Exhausted { tries: 1 }
        );
    }

    #[test]
    fn names_round_trip() {
        for p in Purpose::ALL {
            assert_eq!(Purpose::parse(p.as_str()), Some(p));
        }
        for s in State::ALL {
            assert_eq!(State::parse(s.as_str()), Some(s));
        }
        assert_eq!(Purpose::Withdrawal.notice().name(), "withdrawal_auth_code");
        assert_eq!(Purpose::View.notice().name(), "view_auth_code");
        assert_eq!(normalize(" 012345\n"), "012345");
    }
}
