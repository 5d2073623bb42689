//! The switch-over schedule (I4): its three moments and their order, the
//! phase the rollout is in at a given moment, progress, and the deadline an
//! initial password gets. Pure: the caller supplies the clock.

use chrono::{DateTime, Duration, Utc};

/// The recorded schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Schedule {
    pub pre_start: DateTime<Utc>,
    pub pre_end: DateTime<Utc>,
    pub enforce: DateTime<Utc>,
}

/// The moments of a schedule do not run in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutOfOrder;

impl Schedule {
    /// A schedule whose moments run in order: the pre-registration period
    /// starts before it ends, and ends no later than enforcement starts.
    pub fn new(
        pre_start: DateTime<Utc>,
        pre_end: DateTime<Utc>,
        enforce: DateTime<Utc>,
    ) -> Result<Schedule, OutOfOrder> {
        if pre_start < pre_end && pre_end <= enforce {
            Ok(Schedule {
                pre_start,
                pre_end,
                enforce,
            })
        } else {
            Err(OutOfOrder)
        }
    }
}

/// Where the rollout stands at a moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    Unscheduled,
    BeforePreRegistration,
    PreRegistration,
    AwaitingEnforcement,
    Enforced,
}

impl Phase {
    pub fn of(schedule: Option<&Schedule>, now: DateTime<Utc>) -> Phase {
        match schedule {
            None => Phase::Unscheduled,
            Some(s) if now < s.pre_start => Phase::BeforePreRegistration,
            Some(s) if now < s.pre_end => Phase::PreRegistration,
            Some(s) if now < s.enforce => Phase::AwaitingEnforcement,
            Some(_) => Phase::Enforced,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Unscheduled => "unscheduled",
            Phase::BeforePreRegistration => "before_pre_registration",
            Phase::PreRegistration => "pre_registration",
            Phase::AwaitingEnforcement => "awaiting_enforcement",
            Phase::Enforced => "enforced",
        }
    }
}

/// The deadline of an initial password issued at `now`: the end of the
/// pre-registration period when the rollout is scheduled (even when it is
/// already past), else the end of the day (23:59:59 JST) `days` from now
/// (the policy's validity): a deadline a customer can be told, not one at
/// the minute the run happened to start.
pub fn initial_deadline(
    schedule: Option<&Schedule>,
    now: DateTime<Utc>,
    days: u32,
) -> DateTime<Utc> {
    match schedule {
        Some(s) => s.pre_end,
        None => end_of_day_jst(now + Duration::days(i64::from(days))),
    }
}

/// 23:59:59 JST of the day (in Japan) `t` falls on.
fn end_of_day_jst(t: DateTime<Utc>) -> DateTime<Utc> {
    let jst = crate::clock::jst();
    let day = t.with_timezone(&jst).date_naive();
    day.and_hms_opt(23, 59, 59)
        .and_then(|end| end.and_local_timezone(jst).single())
        .map_or(t, |end| end.with_timezone(&Utc))
}

/// Whole seconds from `now` until `t`; 0 once it has passed.
pub fn seconds_left(now: DateTime<Utc>, t: DateTime<Utc>) -> i64 {
    (t - now).num_seconds().max(0)
}

/// The share of customers who set their own execution password, in
/// percent with one decimal (0 when there are no customers).
pub fn done_percent(set: u64, customers: u64) -> f64 {
    if customers == 0 {
        0.0
    } else {
        (set as f64 * 1000.0 / customers as f64).round() / 10.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        crate::clock::parse_moment(s).unwrap()
    }

    fn seed() -> Schedule {
        Schedule::new(
            at("2022-08-22"),
            at("2022-09-17 23:59"),
            at("2022-09-18 18:00"),
        )
        .unwrap()
    }

    #[test]
    fn the_moments_must_run_in_order() {
        let (a, b, c) = (at("2022-08-22"), at("2022-09-17"), at("2022-09-18"));
        assert!(Schedule::new(a, b, c).is_ok());
        assert!(
            Schedule::new(a, b, b).is_ok(),
            "enforcement may start at the end"
        );
        assert_eq!(Schedule::new(b, a, c), Err(OutOfOrder));
        assert_eq!(Schedule::new(a, a, c), Err(OutOfOrder));
        assert_eq!(Schedule::new(a, c, b), Err(OutOfOrder));
    }

    #[test]
    fn phases_follow_the_moments() {
        let s = seed();
        let phase = |t: &str| Phase::of(Some(&s), at(t)).as_str();
        assert_eq!(Phase::of(None, at("2022-09-01")), Phase::Unscheduled);
        assert_eq!(phase("2022-08-21 23:59"), "before_pre_registration");
        assert_eq!(phase("2022-08-22"), "pre_registration");
        assert_eq!(phase("2022-09-17 23:59"), "awaiting_enforcement");
        assert_eq!(phase("2022-09-18 17:59"), "awaiting_enforcement");
        assert_eq!(phase("2022-09-18 18:00"), "enforced");
    }

    #[test]
    fn the_deadline_is_the_pre_registration_end_or_the_policy_days() {
        let s = seed();
        let now = at("2022-09-01 12:00");
        assert_eq!(initial_deadline(Some(&s), now, 30), s.pre_end);
        // Past, it still holds: the operator was warned when it was set.
        assert_eq!(initial_deadline(Some(&s), at("2023-01-01"), 30), s.pre_end);
        assert_eq!(
            initial_deadline(None, now, 30),
            at("2022-10-01 23:59:59"),
            "the end of the day (JST) 30 days on"
        );
        // The day is Japan's: 20:00 UTC is already the next morning in JST.
        assert_eq!(
            initial_deadline(None, at("2022-09-01T20:00:00Z"), 1),
            at("2022-09-03 23:59:59")
        );
        assert_eq!(
            initial_deadline(None, at("2022-09-01 23:59:59"), 0),
            at("2022-09-01 23:59:59")
        );
    }

    #[test]
    fn progress() {
        assert_eq!(done_percent(0, 0), 0.0);
        assert_eq!(done_percent(1, 3), 33.3);
        assert_eq!(done_percent(2, 3), 66.7);
        assert_eq!(done_percent(30, 30), 100.0);
        let now = at("2022-09-17 23:00");
        assert_eq!(seconds_left(now, at("2022-09-17 23:59")), 3540);
        assert_eq!(seconds_left(now, at("2022-09-01")), 0);
    }
}
