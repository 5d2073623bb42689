//! Time: stored in UTC, shown in JST (Asia/Tokyo), as CLI.md and the rollout
//! schedule want.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, SecondsFormat, TimeZone, Utc};

pub fn now() -> DateTime<Utc> {
    Utc::now()
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
}
