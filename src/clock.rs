//! Time: stored in UTC, shown in JST (Asia/Tokyo), as CLI.md and the rollout
//! schedule want.
//!
//! # The one clock
//!
//! [`now`] is the only place acctsec asks the host what time it is: the
//! command's context takes its `now` from it once at start-up (`cli::run`).
//! The ledger's times are the ledger's clock: on SQLite this one, on
//! PostgreSQL the server's (`acctsec_now()`), so that hosts whose clocks
//! disagree still agree on the trail's order and on what has expired. A
//! transaction dates its changes by it (`Tx::now`), and an operation that
//! compares a stored time with the present (an expiry, a backoff, a claim,
//! a seal's age) asks it too (`Ledger::now`). Nothing else reads the system
//! clock. (Elapsed time, such as `audit --budget` and the
//! seconds an audit took, is measured with `std::time::Instant`: a duration,
//! not a moment.)
//!
//! The end-to-end tests run the real binary and need a known "now" to test
//! deadlines, expiries and reports without sleeping. They set
//! `ACCTSEC_NOW` to a moment (RFC 3339, e.g. `2022-09-01T10:00:00+09:00`,
//! or any form [`parse_moment`] reads): the clock then stands still at that
//! moment for the whole run.
//!
//! `ACCTSEC_NOW` is honoured **only in debug builds** (`cfg(debug_assertions)`,
//! which is what `cargo test` builds): a release build never reads it, so
//! nobody can move a production ledger's clock (deadlines, lock times, the
//! audit trail) from the environment. In a debug build a value that is set
//! but unreadable is refused at start-up (exit 78) rather than ignored.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, SecondsFormat, TimeZone, Utc};

/// The variable that fixes the clock in debug builds.
pub const NOW_VAR: &str = "ACCTSEC_NOW";

/// The current time: the real one, or in a debug build the moment
/// `ACCTSEC_NOW` fixes (see the module documentation).
pub fn now() -> DateTime<Utc> {
    match fixed() {
        Ok(Some(t)) => t,
        _ => Utc::now(),
    }
}

/// The moment `ACCTSEC_NOW` fixes, when it does (debug builds only): a
/// clock that must agree across hosts (the audit's leases, read from the
/// database server) still follows it, so that tests move past an expiry
/// without sleeping.
pub fn fixed_now() -> Option<DateTime<Utc>> {
    fixed().ok().flatten()
}

/// The time at start-up, for the command's context; an `ACCTSEC_NOW` that
/// is set but unreadable comes back as `Err(value)` (debug builds only).
pub fn start() -> Result<DateTime<Utc>, String> {
    fixed().map(|t| t.unwrap_or_else(Utc::now))
}

/// The fixed moment, read from the environment once per process.
#[cfg(debug_assertions)]
fn fixed() -> Result<Option<DateTime<Utc>>, String> {
    static FIXED: std::sync::OnceLock<Result<Option<DateTime<Utc>>, String>> =
        std::sync::OnceLock::new();
    FIXED
        .get_or_init(|| fixed_from(std::env::var(NOW_VAR).ok().as_deref()))
        .clone()
}

/// A release build has no fixed clock, whatever the environment says.
#[cfg(not(debug_assertions))]
fn fixed() -> Result<Option<DateTime<Utc>>, String> {
    Ok(None)
}

/// What a value of `ACCTSEC_NOW` means: unset or empty is the real clock.
#[cfg_attr(not(any(debug_assertions, test)), allow(dead_code))]
fn fixed_from(value: Option<&str>) -> Result<Option<DateTime<Utc>>, String> {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => parse_moment(v).map(Some).ok_or_else(|| v.to_string()),
    }
}

pub fn jst() -> FixedOffset {
    FixedOffset::east_opt(9 * 3600).expect("JST offset")
}

/// The stored form: RFC 3339 in UTC with microseconds, fixed width, so that
/// text order is time order.
pub fn to_stored(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Micros, true)
}

pub fn from_stored(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// The shown form: JST with its offset, to the second.
pub fn to_jst(t: DateTime<Utc>) -> String {
    t.with_timezone(&jst())
        .to_rfc3339_opts(SecondsFormat::Secs, false)
}

/// A stored time shown in JST; an unreadable one is shown as stored.
pub fn stored_to_jst(s: &str) -> String {
    from_stored(s).map(to_jst).unwrap_or_else(|| s.to_string())
}

/// A moment given by a person: `YYYY-MM-DD` (midnight JST), `YYYY-MM-DD HH:MM[:SS]`
/// or `YYYY-MM-DDTHH:MM[:SS]` (JST), or RFC 3339 with an offset.
pub fn parse_moment(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.with_timezone(&Utc));
    }
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return jst_local(d.and_hms_opt(0, 0, 0)?);
    }
    for fmt in [
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
    ] {
        if let Ok(t) = NaiveDateTime::parse_from_str(s, fmt) {
            return jst_local(t);
        }
    }
    None
}

fn jst_local(t: NaiveDateTime) -> Option<DateTime<Utc>> {
    jst()
        .from_local_datetime(&t)
        .single()
        .map(|t| t.with_timezone(&Utc))
}

/// Why a duration does not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DurationError {
    /// Not of the form `2d`, `36h`, `90m`, `45s`, `1h30m`.
    Malformed,
    /// More seconds than a `u64` holds.
    Overflow,
}

/// A duration as people write them: numbers each followed by a unit (`d`,
/// `h`, `m`, `s`), e.g. `2d`, `36h`, `1h30m`. Zero reads as zero: whether
/// it makes sense is the caller's to say. The one grammar of `--budget` and
/// of durations in the config file.
pub fn parse_duration(s: &str) -> Result<std::time::Duration, DurationError> {
    let mut total = 0u64;
    let mut num: Option<u64> = None;
    let mut units = 0;
    for c in s.trim().chars() {
        if let Some(d) = c.to_digit(10) {
            let n = num.unwrap_or(0);
            num = Some(
                n.checked_mul(10)
                    .and_then(|n| n.checked_add(u64::from(d)))
                    .ok_or(DurationError::Overflow)?,
            );
            continue;
        }
        let unit = match c {
            'd' => 86_400,
            'h' => 3_600,
            'm' => 60,
            's' => 1,
            _ => return Err(DurationError::Malformed),
        };
        let n = num.take().ok_or(DurationError::Malformed)?;
        total = n
            .checked_mul(unit)
            .and_then(|v| total.checked_add(v))
            .ok_or(DurationError::Overflow)?;
        units += 1;
    }
    if num.is_some() || units == 0 {
        return Err(DurationError::Malformed);
    }
    Ok(std::time::Duration::from_secs(total))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_form_is_fixed_width_utc() {
        let t = Utc.with_ymd_and_hms(2022, 9, 18, 9, 0, 0).unwrap();
        assert_eq!(to_stored(t), "2022-09-18T09:00:00.000000Z");
        assert_eq!(to_jst(t), "2022-09-18T18:00:00+09:00");
        assert_eq!(from_stored(&to_stored(t)), Some(t));
    }

    #[test]
    fn the_fixed_clock_reads_a_moment_or_refuses() {
        let t = Utc.with_ymd_and_hms(2022, 9, 18, 9, 0, 0).unwrap();
        assert_eq!(fixed_from(None), Ok(None));
        assert_eq!(fixed_from(Some(" ")), Ok(None));
        assert_eq!(fixed_from(Some("2022-09-18T18:00:00+09:00")), Ok(Some(t)));
        assert_eq!(fixed_from(Some("2022-09-18 18:00")), Ok(Some(t)));
        assert_eq!(fixed_from(Some("tomorrow")), Err("tomorrow".to_string()));
    }

    #[test]
    fn moments_default_to_jst() {
        let t = Utc.with_ymd_and_hms(2022, 9, 18, 9, 0, 0).unwrap();
        assert_eq!(parse_moment("2022-09-18 18:00"), Some(t));
        assert_eq!(parse_moment("2022-09-18T18:00:00+09:00"), Some(t));
        assert_eq!(parse_moment("2022-09-18T09:00:00Z"), Some(t));
        assert_eq!(
            parse_moment("2022-09-18"),
            Some(Utc.with_ymd_and_hms(2022, 9, 17, 15, 0, 0).unwrap())
        );
        assert_eq!(parse_moment("18/09/2022"), None);
    }

    #[test]
    fn durations_as_people_write_them() {
        use std::time::Duration;
        assert_eq!(parse_duration("2d"), Ok(Duration::from_secs(172_800)));
        assert_eq!(parse_duration(" 1h30m "), Ok(Duration::from_secs(5_400)));
        assert_eq!(parse_duration("0s"), Ok(Duration::ZERO));
        for bad in ["", "2", "d", "2x", "2 d", "h1"] {
            assert_eq!(parse_duration(bad), Err(DurationError::Malformed), "{bad}");
        }
        for big in [
            "99999999999999999999d",
            "18446744073709551615s1s",
            "999999999999999999d",
        ] {
            assert_eq!(parse_duration(big), Err(DurationError::Overflow), "{big}");
        }
    }
}
