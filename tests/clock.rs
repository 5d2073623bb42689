//! Deadlines, expiries and the rollout phase against a known "now": the
//! clock of the real binary is fixed with `ACCTSEC_NOW` (debug builds only,
//! see src/clock.rs), so nothing here sleeps.

mod common;

use common::Env;
use serde_json::Value;

/// Thursday 1 September 2022, 10:00 in Tokyo.
const T0: &str = "2022-09-01T10:00:00+09:00";

/// The findings of `audit --customer CODE` at `now`: (kind, severity).
fn findings_at(env: &Env, now: &str, code: &str) -> Vec<(String, String)> {
    let doc = env
        .run_at(now, &["audit", "--customer", code, "--format", "json"])
        .ok()
        .json();
    doc["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["kind"].as_str().unwrap().to_string(),
                f["severity"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn pair(kind: &str, severity: &str) -> (String, String) {
    (kind.to_string(), severity.to_string())
}

fn issue_at(env: &Env, now: &str, code: &str, out: &str) -> Value {
    let out = env.path(out).display().to_string();
    env.run_at(
        now,
        &["password", "issue", code, "--out", &out, "--format", "json"],
    )
    .ok()
    .json()
}

#[test]
fn the_ledger_and_the_command_share_the_fixed_clock() {
    let env = Env::with_customers();
    env.run_at(T0, &["lock", "add", "1000100", "--reason", "test"])
        .ok();
    // The audit entry (Tx::now) and the lock (stored by the same transaction).
    let log = env
        .run_at(T0, &["log", "--action", "lock", "--format", "json"])
        .ok()
        .json();
    assert_eq!(log[0]["at"], T0, "{log}");
    let locks = env
        .run_at(T0, &["lock", "list", "--format", "json"])
        .ok()
        .json();
    assert_eq!(locks[0]["locked_at"], T0, "{locks}");
    // Any form `rollout set` reads works too; the clock stands still.
    let later = env
        .run_at(
            "2022-09-02 09:30",
            &["log", "--limit", "1", "--format", "json"],
        )
        .ok()
        .json();
    assert_eq!(later[0]["at"], T0, "{later}");
}

#[test]
fn an_unreadable_fixed_clock_is_refused() {
    let env = Env::with_ledger();
    env.run_at("next tuesday", &["rollout", "status"])
        .status(78)
        .stderr_has("ACCTSEC_NOW=next tuesday");
    // Empty means the real clock.
    env.run_at("", &["rollout", "status"]).ok();
}

#[test]
fn without_a_schedule_the_deadline_is_the_end_of_the_day_the_policy_days_on() {
    let env = Env::with_customers();
    let policy = env.run(&["policy", "show", "--format", "json"]).ok().json();
    assert_eq!(policy["initial_password_days"], 30, "{policy}");
    let r = issue_at(&env, T0, "1000100", "a.csv");
    // The end of that day in Japan, not the minute the run started.
    assert_eq!(r["deadline"], "2022-10-01T23:59:59+09:00", "{r}");
    let csv = std::fs::read_to_string(env.path("a.csv")).unwrap();
    assert_eq!(
        csv.lines().nth(1).unwrap().rsplit(',').next(),
        Some("2022-10-01T23:59:59+09:00"),
        "{csv}"
    );
    // A shorter policy moves it; unlock --reissue uses the same rule.
    let toml = env.run(&["policy", "show", "--toml"]).ok().stdout();
    let short = toml.replace("initial_password_days = 30", "initial_password_days = 7");
    assert_ne!(short, toml, "policy TOML changed shape");
    let f = env.write("short.toml", short);
    env.run(&["--yes", "policy", "set", "--file", &f.display().to_string()])
        .ok();
    let r = issue_at(&env, "2022-12-31T23:30:00+09:00", "1000137", "b.csv");
    assert_eq!(r["deadline"], "2023-01-07T23:59:59+09:00", "{r}");
    let fresh = env.path("fresh.csv").display().to_string();
    env.run_at(
        "2023-02-01T08:00:00+09:00",
        &[
            "--yes",
            "unlock",
            "1000174",
            "--reason",
            "forgot",
            "--reissue",
            "--out",
            &fresh,
        ],
    )
    .ok();
    let csv = std::fs::read_to_string(env.path("fresh.csv")).unwrap();
    assert!(
        csv.lines()
            .nth(1)
            .unwrap()
            .ends_with(",2023-02-08T23:59:59+09:00"),
        "{csv}"
    );
}

#[test]
fn an_initial_password_expires_just_after_its_deadline() {
    let env = Env::with_customers();
    // No schedule: the deadline is the issue time plus the policy's 30 days.
    issue_at(&env, T0, "1000100", "a.csv");
    let at_deadline = "2022-10-01T10:00:00+09:00";
    let just_after = "2022-10-01T10:00:01+09:00";
    assert_eq!(
        findings_at(&env, T0, "1000100"),
        [pair("initial_not_changed", "medium")]
    );
    assert_eq!(
        findings_at(&env, at_deadline, "1000100"),
        [pair("initial_not_changed", "medium")]
    );
    assert_eq!(
        findings_at(&env, just_after, "1000100"),
        [pair("initial_expired", "high")]
    );
    // With a schedule, the pre-registration end is the deadline.
    env.set_rollout("2022-08-22", "2022-09-17 23:59", "2022-09-18 18:00")
        .ok();
    assert_eq!(
        findings_at(&env, "2022-09-17T23:59:00+09:00", "1000100"),
        [pair("initial_not_changed", "medium")]
    );
    assert_eq!(
        findings_at(&env, "2022-09-17T23:59:01+09:00", "1000100"),
        [pair("initial_expired", "high")]
    );
    // No execution password at all: high from the enforcement start on.
    assert_eq!(
        findings_at(&env, "2022-09-18T17:59:59+09:00", "1000137"),
        [pair("no_execution_password", "medium")]
    );
    assert_eq!(
        findings_at(&env, "2022-09-18T18:00:00+09:00", "1000137"),
        [pair("no_execution_password", "high")]
    );
}

#[test]
fn the_rollout_phase_follows_the_clock() {
    let env = Env::with_customers();
    let status = |now: &str| {
        env.run_at(now, &["rollout", "status", "--format", "json"])
            .ok()
            .json()
    };
    let s = status(T0);
    assert_eq!(s["phase"], "unscheduled");
    assert_eq!(s["seconds_to_pre_end"], Value::Null);
    // Recorded ahead of time: no warning about a schedule in the past.
    let r = env
        .run_at(
            "2022-08-01T09:00:00+09:00",
            &[
                "rollout",
                "set",
                "--pre-start",
                "2022-08-22",
                "--pre-end",
                "2022-09-17 23:59",
                "--enforce",
                "2022-09-18 18:00",
            ],
        )
        .ok();
    assert!(!r.stderr().contains("acctsec:"), "{}", r.stderr());
    for (now, phase, to_pre_end, to_enforce) in [
        (
            "2022-08-21T23:59:59+09:00",
            "before_pre_registration",
            27 * 86_400 - 59,
            27 * 86_400 + 18 * 3600 + 1,
        ),
        (
            "2022-08-22T00:00:00+09:00",
            "pre_registration",
            27 * 86_400 - 60,
            27 * 86_400 + 18 * 3600,
        ),
        (
            "2022-09-17T23:58:59+09:00",
            "pre_registration",
            1,
            18 * 3600 + 61,
        ),
        (
            "2022-09-17T23:59:00+09:00",
            "awaiting_enforcement",
            0,
            18 * 3600 + 60,
        ),
        ("2022-09-18T17:59:59+09:00", "awaiting_enforcement", 0, 1),
        ("2022-09-18T18:00:00+09:00", "enforced", 0, 0),
        ("2023-01-01T00:00:00+09:00", "enforced", 0, 0),
    ] {
        let s = status(now);
        assert_eq!(s["phase"], phase, "at {now}: {s}");
        assert_eq!(s["seconds_to_pre_end"], to_pre_end, "at {now}: {s}");
        assert_eq!(s["seconds_to_enforce"], to_enforce, "at {now}: {s}");
    }
    // Recorded after the fact: warned.
    env.run_at(
        "2022-10-01T09:00:00+09:00",
        &[
            "rollout",
            "set",
            "--pre-start",
            "2022-08-22",
            "--pre-end",
            "2022-09-17 23:59",
            "--enforce",
            "2022-09-18 18:00",
        ],
    )
    .ok()
    .stderr_has("acctsec:");
}
