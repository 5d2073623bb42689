//! The report (`acctsec report`): the rollout's burndown, locks, failed
//! verifications, notices and weak-credential findings as daily series,
//! and the projection to the enforcement date. Pure: the ledger feeds a
//! [`Replay`] with the facts of its audit trail and tables (in trail
//! order), the caller supplies the clock; [`html`] draws the page.
//!
//! Only counts: no series names a customer. A customer code is held only
//! while replaying, to know which state each customer's execution password
//! was in.

pub mod html;

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::Serialize;
use serde_json::Value;

use crate::rollout::Schedule;

/// How many days of pace the projection looks back on (fewer at the start).
pub const PACE_WINDOW_DAYS: i64 = 7;

/// The report spans at most this many days (about ten years).
pub const MAX_DAYS: i64 = 3660;

/// The calendar day (JST) of a moment.
pub fn jst_day(t: DateTime<Utc>) -> NaiveDate {
    (t + Duration::hours(9)).date_naive()
}

/// The state of a customer's execution password after an entry of the trail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CredState {
    Initial,
    Set,
}

/// What changed on one day (JST).
#[derive(Debug, Clone, Copy, Default)]
struct Delta {
    customers: u64,
    initial: i64,
    set: i64,
    locks: u64,
    unlocks: u64,
    failed: u64,
    queued: u64,
    sent: u64,
}

/// The facts of the ledger, fed in trail order, turned into daily series.
#[derive(Debug, Default)]
pub struct Replay {
    states: HashMap<Box<str>, CredState>,
    days: BTreeMap<NaiveDate, Delta>,
}

impl Replay {
    pub fn new() -> Replay {
        Replay::default()
    }

    fn day(&mut self, t: DateTime<Utc>) -> &mut Delta {
        self.days.entry(jst_day(t)).or_default()
    }

    /// `customer.import` added `n` customers.
    pub fn customers_added(&mut self, t: DateTime<Utc>, n: u64) {
        self.day(t).customers += n;
    }

    /// A customer's execution password entered `state` (issued, set,
    /// changed, set back to a temporary one).
    pub fn credential(&mut self, t: DateTime<Utc>, code: &str, state: CredState) {
        let old = match self.states.get_mut(code) {
            Some(s) => Some(std::mem::replace(s, state)),
            None => {
                self.states.insert(code.into(), state);
                None
            }
        };
        if old == Some(state) {
            return;
        }
        let d = self.day(t);
        match old {
            Some(CredState::Initial) => d.initial -= 1,
            Some(CredState::Set) => d.set -= 1,
            None => {}
        }
        match state {
            CredState::Initial => d.initial += 1,
            CredState::Set => d.set += 1,
        }
    }

    /// An account was locked (by staff or after too many failures).
    pub fn locked(&mut self, t: DateTime<Utc>) {
        self.day(t).locks += 1;
    }

    /// A locked account was unlocked.
    pub fn unlocked(&mut self, t: DateTime<Utc>) {
        self.day(t).unlocks += 1;
    }

    /// `n` failed verifications in the hour starting at `hour`.
    pub fn failed_verifications(&mut self, hour: DateTime<Utc>, n: u64) {
        self.day(hour).failed += n;
    }

    /// `n` notices queued in the hour starting at `hour`.
    pub fn notices_queued(&mut self, hour: DateTime<Utc>, n: u64) {
        self.day(hour).queued += n;
    }

    /// `n` notices acknowledged as sent in the hour starting at `hour`.
    pub fn notices_sent(&mut self, hour: DateTime<Utc>, n: u64) {
        self.day(hour).sent += n;
    }

    /// The first day anything happened.
    pub fn first_day(&self) -> Option<NaiveDate> {
        self.days.keys().next().copied()
    }

    /// The daily series from `from` to `to` (both JST days, inclusive),
    /// counted from the beginning of the trail.
    pub fn days(&self, from: NaiveDate, to: NaiveDate) -> Vec<Day> {
        let mut out = Vec::new();
        let (mut customers, mut initial, mut set, mut locked) = (0u64, 0i64, 0i64, 0i64);
        let mut deltas = self.days.range(..=to).peekable();
        let start = self.first_day().map_or(from, |f| f.min(from));
        let mut day = start;
        while day <= to {
            let d = match deltas.peek() {
                Some((k, _)) if **k == day => deltas.next().map(|(_, d)| *d).unwrap_or_default(),
                _ => Delta::default(),
            };
            customers += d.customers;
            initial += d.initial;
            set += d.set;
            locked += d.locks as i64 - d.unlocks as i64;
            if day >= from {
                let initial = initial.max(0) as u64;
                let set = set.max(0) as u64;
                out.push(Day {
                    date: day,
                    customers,
                    none: customers.saturating_sub(initial + set),
                    initial,
                    set,
                    locked: locked.max(0) as u64,
                    locks: d.locks,
                    unlocks: d.unlocks,
                    failed_verifications: d.failed,
                    notices_queued: d.queued,
                    notices_sent: d.sent,
                });
            }
            match day.succ_opt() {
                Some(next) => day = next,
                None => break,
            }
        }
        out
    }
}

/// One day of the report (counts at the end of the day, or during it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Day {
    #[serde(serialize_with = "date")]
    pub date: NaiveDate,
    pub customers: u64,
    /// Customers with no execution password.
    pub none: u64,
    /// Customers on an initial (issued or temporary) execution password.
    pub initial: u64,
    /// Customers who set their own.
    pub set: u64,
    /// Accounts locked at the end of the day.
    pub locked: u64,
    pub locks: u64,
    pub unlocks: u64,
    pub failed_verifications: u64,
    pub notices_queued: u64,
    pub notices_sent: u64,
}

/// Where the recent pace leads by the enforcement date.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Projection {
    /// Customers setting their own password per day, over the window.
    pub pace_per_day: f64,
    pub window_days: i64,
    /// Customers without their own password now (initial or none).
    pub pending_now: u64,
    pub days_to_enforce: f64,
    /// Customers projected still without their own password at enforcement.
    pub pending_at_enforce: u64,
    /// Of them, on an initial password (the rest have none).
    pub initial_at_enforce: u64,
}

/// The projection from the series (ending today) to `enforce`; none once
/// enforcement has begun or without a series.
pub fn project(days: &[Day], now: DateTime<Utc>, enforce: DateTime<Utc>) -> Option<Projection> {
    let last = days.last()?;
    if now >= enforce {
        return None;
    }
    let window = PACE_WINDOW_DAYS.min(days.len() as i64 - 1);
    let pace = if window > 0 {
        let before = &days[days.len() - 1 - window as usize];
        (last.set as f64 - before.set as f64) / window as f64
    } else {
        0.0
    }
    .max(0.0);
    let days_left = (enforce - now).num_seconds() as f64 / 86_400.0;
    let pending = last.none + last.initial;
    let done_by_then = (pace * days_left).round();
    let pending_at = (pending as f64 - done_by_then).max(0.0) as u64;
    // Those who set theirs come from the initial ones first.
    let initial_at = pending_at.saturating_sub(last.none).min(last.initial);
    Some(Projection {
        pace_per_day: (pace * 10.0).round() / 10.0,
        window_days: window,
        pending_now: pending,
        days_to_enforce: (days_left * 10.0).round() / 10.0,
        pending_at_enforce: pending_at,
        initial_at_enforce: initial_at,
    })
}

/// One weak-credential audit run, from its stored summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditPoint {
    pub run: i64,
    #[serde(serialize_with = "date")]
    pub date: NaiveDate,
    pub findings: u64,
    pub by_severity: BTreeMap<String, u64>,
    pub by_kind: BTreeMap<String, u64>,
}

impl AuditPoint {
    /// From a run's id, start and stored summary (`by_severity`, `by_kind`).
    pub fn new(run: i64, started: DateTime<Utc>, summary: &Value) -> AuditPoint {
        let counts = |key: &str| -> BTreeMap<String, u64> {
            summary[key]
                .as_object()
                .map(|m| {
                    m.iter()
                        .filter_map(|(k, v)| Some((k.clone(), v.as_u64()?)))
                        .collect()
                })
                .unwrap_or_default()
        };
        AuditPoint {
            run,
            date: jst_day(started),
            findings: summary["findings"].as_u64().unwrap_or(0),
            by_severity: counts("by_severity"),
            by_kind: counts("by_kind"),
        }
    }
}

/// The severities, worst first (as the audit names them).
pub const SEVERITIES: [&str; 4] = ["critical", "high", "medium", "low"];

/// A fact the ledger does not hold, said in the report rather than guessed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Gap {
    /// Failed deliveries are not charted: `notify outbox --status failed`
    /// lists those of `notify send`; a mail gateway keeps its own.
    NoticeFailuresNotRecorded,
    /// Replaying the trail does not give today's counts of the ledger: some
    /// history predates the trail or was made outside acctsec.
    TrailDiffersFromLedger,
    /// No rollout schedule: no dates to mark, no projection.
    NoSchedule,
    /// No weak-credential audit has run.
    NoAuditRuns,
}

/// Today's counts as the ledger's tables hold them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Current {
    pub customers: u64,
    pub none: u64,
    pub initial: u64,
    pub set: u64,
    pub locked: u64,
}

/// The dates of the schedule, as days (JST) and moments.
#[derive(Debug, Clone, Serialize)]
pub struct Dates {
    pub pre_start: String,
    pub pre_end: String,
    pub enforce: String,
}

/// The whole report: what `--format json` prints and the page draws.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub generated_at: String,
    #[serde(serialize_with = "date")]
    pub from: NaiveDate,
    #[serde(serialize_with = "date")]
    pub to: NaiveDate,
    pub schedule: Option<Dates>,
    pub current: Current,
    pub days: Vec<Day>,
    pub projection: Option<Projection>,
    pub audit_latest: Option<AuditPoint>,
    pub audit_history: Vec<AuditPoint>,
    pub gaps: Vec<Gap>,
    /// Sensitive actions in the period per authenticated identity (the
    /// audit trail's `identity`, not the typed `--operator`).
    pub staff: Vec<StaffActions>,
    #[serde(skip)]
    pub schedule_days: Option<(NaiveDate, NaiveDate, NaiveDate)>,
}

/// One staff identity's sensitive actions in the report's period.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct StaffActions {
    pub identity: String,
    /// Entries per action (`lock.unlock`, `request.approve`, ...).
    pub actions: std::collections::BTreeMap<String, u64>,
}

/// `(identity, action, count)` rows, ordered by identity, as one entry per
/// identity.
pub fn staff_actions(rows: Vec<(String, String, u64)>) -> Vec<StaffActions> {
    let mut out: Vec<StaffActions> = Vec::new();
    for (identity, action, n) in rows {
        match out.last_mut() {
            Some(s) if s.identity == identity => {
                s.actions.insert(action, n);
            }
            _ => out.push(StaffActions {
                identity,
                actions: [(action, n)].into_iter().collect(),
            }),
        }
    }
    out
}

/// Put the report together: the days from `since` (default: the
/// pre-registration start, else the first day of the trail) to today.
pub fn build(
    replay: &Replay,
    schedule: Option<&Schedule>,
    current: Current,
    audits: Vec<AuditPoint>,
    since: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
    to_text: impl Fn(DateTime<Utc>) -> String,
) -> Report {
    let today = jst_day(now);
    let earliest = [replay.first_day(), schedule.map(|s| jst_day(s.pre_start))]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(today);
    let wanted = since
        .map(jst_day)
        .or(schedule.map(|s| jst_day(s.pre_start)))
        .unwrap_or(earliest);
    let from = wanted
        .max(earliest)
        .max(today - Duration::days(MAX_DAYS - 1))
        .min(today);
    let days = replay.days(from, today);
    let projection = schedule.and_then(|s| project(&days, now, s.enforce));
    let mut gaps = vec![Gap::NoticeFailuresNotRecorded];
    if let Some(last) = days.last() {
        let replayed = (
            last.customers,
            last.none,
            last.initial,
            last.set,
            last.locked,
        );
        let held = (
            current.customers,
            current.none,
            current.initial,
            current.set,
            current.locked,
        );
        if replayed != held {
            gaps.push(Gap::TrailDiffersFromLedger);
        }
    }
    if schedule.is_none() {
        gaps.push(Gap::NoSchedule);
    }
    if audits.is_empty() {
        gaps.push(Gap::NoAuditRuns);
    }
    Report {
        generated_at: to_text(now),
        from,
        to: today,
        schedule: schedule.map(|s| Dates {
            pre_start: to_text(s.pre_start),
            pre_end: to_text(s.pre_end),
            enforce: to_text(s.enforce),
        }),
        current,
        days,
        projection,
        audit_latest: audits.last().cloned(),
        audit_history: audits,
        gaps,
        staff: Vec::new(),
        schedule_days: schedule
            .map(|s| (jst_day(s.pre_start), jst_day(s.pre_end), jst_day(s.enforce))),
    }
}

/// A day as `YYYY-MM-DD`.
fn date<S: serde::Serializer>(d: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(d)
}

/// `4210` as `4,210`.
pub fn grouped(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        crate::clock::parse_moment(s).unwrap()
    }

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn days_are_jst() {
        assert_eq!(jst_day(at("2022-08-22T14:59:59Z")), d("2022-08-22"));
        assert_eq!(jst_day(at("2022-08-22T15:00:00Z")), d("2022-08-23"));
    }

    #[test]
    fn states_move_between_buckets() {
        let mut r = Replay::new();
        r.customers_added(at("2022-08-20 10:00"), 3);
        r.credential(at("2022-08-22 09:00"), "a", CredState::Initial);
        r.credential(at("2022-08-22 09:00"), "b", CredState::Initial);
        r.credential(at("2022-08-23 12:00"), "a", CredState::Set);
        r.credential(at("2022-08-23 13:00"), "a", CredState::Set);
        r.credential(at("2022-08-25 08:00"), "a", CredState::Initial);
        r.locked(at("2022-08-23 10:00"));
        r.unlocked(at("2022-08-24 10:00"));
        let days = r.days(d("2022-08-22"), d("2022-08-25"));
        let cols: Vec<_> = days
            .iter()
            .map(|x| (x.none, x.initial, x.set, x.locked))
            .collect();
        assert_eq!(
            cols,
            [(1, 2, 0, 0), (1, 1, 1, 1), (1, 1, 1, 0), (1, 2, 0, 0)]
        );
        assert_eq!(days[0].customers, 3, "history before `from` counts");
    }

    #[test]
    fn the_projection_follows_the_recent_pace() {
        let mut r = Replay::new();
        r.customers_added(at("2022-08-20"), 100);
        for i in 0..100 {
            r.credential(at("2022-08-20"), &i.to_string(), CredState::Initial);
        }
        // Two a day for ten days.
        for i in 0..20 {
            let day = at("2022-08-21") + Duration::days(i / 2);
            r.credential(day, &i.to_string(), CredState::Set);
        }
        let days = r.days(d("2022-08-20"), d("2022-08-30"));
        let p = project(&days, at("2022-08-30 12:00"), at("2022-09-09 12:00")).unwrap();
        assert_eq!(p.pace_per_day, 2.0);
        assert_eq!(p.pending_now, 80);
        assert_eq!(p.days_to_enforce, 10.0);
        assert_eq!(p.pending_at_enforce, 60);
        assert_eq!(p.initial_at_enforce, 60);
        assert!(project(&days, at("2022-09-10"), at("2022-09-09 12:00")).is_none());
    }

    #[test]
    fn thousands() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(4210), "4,210");
        assert_eq!(grouped(1_000_000), "1,000,000");
    }
}
