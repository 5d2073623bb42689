//! `acctsec report`: the series rebuilt from a ledger with a known history
//! (each step at a fixed moment), the page, and the file's rules.

mod common;

use common::{Env, fixture};
use serde_json::Value;

const CODES: [&str; 10] = [
    "1000100", "1000137", "1000174", "1000211", "1000248", "1000285", "1000322", "1000359",
    "1000396", "1000433",
];

fn at(env: &Env, now: &str, args: &[&str]) {
    env.run_at(now, args).ok();
}

fn stdin_at(env: &Env, now: &str, args: &[&str], stdin: &str) -> common::Run {
    common::Run(
        env.cmd_at(now)
            .args(args)
            .write_stdin(stdin)
            .output()
            .expect("run acctsec"),
    )
}

/// 30 customers imported on 08-15; initial passwords on 08-22; 3, 2 and 5
/// customers set their own on 08-23, 08-24 and 08-26; nine wrong attempts
/// lock one account at 08:00 JST on 08-26 (still 08-25 in UTC), unlocked
/// on 08-27, when two notices are acknowledged and an audit runs.
fn history() -> Env {
    let env = Env::with_cheap_ledger();
    let csv = fixture("customers.csv").display().to_string();
    at(
        &env,
        "2022-08-15T10:00:00+09:00",
        &["customer", "import", &csv],
    );
    env.set_rollout("2022-08-22", "2022-08-31 23:59", "2022-09-01 18:00")
        .ok();
    let out = env.path("initial.csv").display().to_string();
    at(
        &env,
        "2022-08-22T09:00:00+09:00",
        &["--yes", "password", "issue", "--all", "--out", &out],
    );
    for (i, code) in CODES.iter().enumerate() {
        let day = match i {
            0..3 => "2022-08-23T12:00:00+09:00",
            3..5 => "2022-08-24T12:00:00+09:00",
            _ => "2022-08-26T20:00:00+09:00",
        };
        stdin_at(
            &env,
            day,
            &["password", "set", code, "--kind", "execution"],
            &format!("Kq{i}Zt8Wm\n"),
        )
        .ok();
    }
    for _ in 0..9 {
        stdin_at(
            &env,
            "2022-08-26T08:00:00+09:00",
            &["password", "verify", "1000988", "--kind", "execution"],
            "wrong-one\n",
        );
    }
    at(
        &env,
        "2022-08-27T10:00:00+09:00",
        &["unlock", "1000988", "--reason", "identity checked", "--yes"],
    );
    let export = env.path("notices.jsonl").display().to_string();
    at(
        &env,
        "2022-08-27T11:00:00+09:00",
        &["notify", "outbox", "export", "--out", &export],
    );
    at(
        &env,
        "2022-08-27T11:00:00+09:00",
        &["notify", "outbox", "ack", "1", "2"],
    );
    at(&env, "2022-08-27T12:00:00+09:00", &["audit"]);
    env
}

const NOW: &str = "2022-08-28T12:00:00+09:00";

fn report(env: &Env, extra: &[&str]) -> Value {
    let mut a = vec!["--format", "json", "report"];
    a.extend_from_slice(extra);
    env.run_at(NOW, &a).ok().json()
}

fn column(r: &Value, key: &str) -> Vec<u64> {
    r["days"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d[key].as_u64().unwrap())
        .collect()
}

#[test]
fn the_series_follow_the_history() {
    let env = history();
    let r = report(&env, &[]);
    let dates: Vec<&str> = r["days"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["date"].as_str().unwrap())
        .collect();
    assert_eq!(
        dates.first(),
        Some(&"2022-08-22"),
        "from the pre-registration start"
    );
    assert_eq!(dates.last(), Some(&"2022-08-28"), "to today (JST)");
    assert_eq!(dates.len(), 7);
    assert_eq!(column(&r, "customers"), [30; 7]);
    assert_eq!(column(&r, "none"), [0; 7]);
    assert_eq!(column(&r, "set"), [0, 3, 5, 5, 10, 10, 10]);
    assert_eq!(column(&r, "initial"), [30, 27, 25, 25, 20, 20, 20]);
    // 08:00 JST on 08-26 is 23:00 UTC on 08-25: the day is JST's.
    assert_eq!(column(&r, "failed_verifications"), [0, 0, 0, 0, 9, 0, 0]);
    assert_eq!(column(&r, "locks"), [0, 0, 0, 0, 1, 0, 0]);
    assert_eq!(column(&r, "unlocks"), [0, 0, 0, 0, 0, 1, 0]);
    assert_eq!(column(&r, "locked"), [0, 0, 0, 0, 1, 0, 0]);
    assert_eq!(column(&r, "notices_sent"), [0, 0, 0, 0, 0, 2, 0]);
    // Every notice queued is counted on its day: the outbox agrees.
    let queued: u64 = column(&r, "notices_queued").iter().sum();
    let held = env.sql_i64("SELECT count(*) FROM outbox", &[]);
    assert_eq!(queued, held as u64);
    // Today's counts as the tables hold them; the trail accounts for them.
    assert_eq!(
        r["current"],
        serde_json::json!({"customers": 30, "none": 0, "initial": 20, "set": 10, "locked": 0})
    );
    let gaps: Vec<&str> = r["gaps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g.as_str().unwrap())
        .collect();
    assert_eq!(gaps, ["notice_failures_not_recorded"]);
    // 10 set their own in the 6 days since 08-22: 1.67 a day; 4.25 days to
    // enforcement: 7 more, 13 still on their initial password.
    let p = &r["projection"];
    assert_eq!(p["window_days"], 6);
    assert_eq!(p["pace_per_day"], 1.7);
    assert_eq!(p["days_to_enforce"], 4.3);
    assert_eq!(p["pending_now"], 20);
    assert_eq!(p["pending_at_enforce"], 13);
    assert_eq!(p["initial_at_enforce"], 13);
    // The audit run of 08-27.
    assert_eq!(r["audit_history"].as_array().unwrap().len(), 1);
    assert_eq!(r["audit_latest"]["date"], "2022-08-27");
    assert!(r["audit_latest"]["by_severity"].is_object());
    assert_eq!(r["schedule"]["enforce"], "2022-09-01T18:00:00+09:00");
}

#[test]
fn since_trims_the_days_but_counts_from_the_start() {
    let env = history();
    let r = report(&env, &["--since", "2022-08-26"]);
    assert_eq!(r["from"], "2022-08-26");
    assert_eq!(column(&r, "set"), [10, 10, 10]);
    assert_eq!(column(&r, "customers"), [30, 30, 30]);
    env.run_at(NOW, &["report", "--since", "someday"]).status(2);
}

#[test]
fn the_page_is_self_contained_names_no_customer_and_is_never_overwritten() {
    let env = history();
    let page = env.path("report.html");
    let p = page.display().to_string();
    env.run_at(NOW, &["report", "--out", &p])
        .ok()
        .stdout_has("report written");
    assert_eq!(common::file_mode(&page), 0o644);
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert_eq!(html.matches("<svg").count(), 5, "five charts");
    assert!(html.contains("13 customers will still be on their initial password"));
    for banned in ["<script", "http://", "https://", "src=", "@import", "url("] {
        let outside_svg_ns = html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
        assert!(!outside_svg_ns.contains(banned), "page has {banned}");
    }
    let customers = std::fs::read_to_string(fixture("customers.csv")).unwrap();
    for line in customers.lines().skip(1) {
        let code = line.split(',').next().unwrap();
        assert!(!html.contains(code), "page names customer {code}");
    }
    // Never over an existing file.
    env.run_at(NOW, &["report", "--out", &p]).status(73);
    assert_eq!(std::fs::read_to_string(&page).unwrap(), html);
}

#[test]
fn japanese_labels_under_a_japanese_locale() {
    let env = history();
    let page = env.path("ja.html");
    let p = page.display().to_string();
    common::Run(
        env.cmd_at(NOW)
            .env("LANG", "ja_JP.UTF-8")
            .args(["report", "--out", &p])
            .output()
            .unwrap(),
    )
    .ok();
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.contains("<html lang=\"ja\">"));
    assert!(html.contains("執行パスワード"));
    assert!(html.contains("本番施行"));
    assert!(html.contains("13 人が初期パスワードのまま"));
}

#[test]
fn an_empty_ledger_reports_what_it_lacks() {
    let env = Env::with_ledger();
    let r = report(&env, &[]);
    assert_eq!(r["days"].as_array().unwrap().len(), 1);
    assert!(r["projection"].is_null());
    let gaps = r["gaps"].to_string();
    assert!(
        gaps.contains("no_schedule") && gaps.contains("no_audit_runs"),
        "{gaps}"
    );
    let page = env.path("r.html").display().to_string();
    env.run_at(NOW, &["report", "--out", &page]).ok();
    // Without --out: the daily series as a table or CSV.
    env.run_at(NOW, &["--format", "csv", "report"])
        .ok()
        .stdout_has("date,customers,none,initial,set,locked");
}

/// The sample page in a real headless browser (Debian's chromium), through
/// tests/support/report-screenshot: the screenshot must show the page
/// (many colours, much that is not background), not a blank or an error.
#[test]
fn the_page_renders_in_a_headless_browser() {
    let found = std::env::var_os("PATH").is_some_and(|p| {
        std::env::split_paths(&p)
            .any(|d| d.join("chromium").is_file() || d.join("chromium-browser").is_file())
    });
    if !found {
        common::missing(
            "chromium, for the_page_renders_in_a_headless_browser (apt-get install chromium)",
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("report.png");
    let script =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/report-screenshot");
    let out = std::process::Command::new(script)
        .arg(&png)
        .arg(assert_cmd::cargo::cargo_bin!("acctsec"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "report-screenshot failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&png).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    assert_eq!((info.width, info.height), (1240, 1754));
    let channels = info.color_type.samples();
    let pixels: Vec<&[u8]> = buf[..info.buffer_size()]
        .chunks(channels)
        .map(|p| &p[..3])
        .collect();
    let colours: std::collections::HashSet<&[u8]> = pixels.iter().copied().collect();
    let background = pixels.iter().filter(|p| **p == [255, 255, 255]).count();
    let drawn = 1.0 - background as f64 / pixels.len() as f64;
    assert!(colours.len() > 50, "only {} colours: blank?", colours.len());
    assert!(drawn > 0.03, "only {:.1}% drawn: blank?", drawn * 100.0);
    let html = std::fs::read_to_string(dir.path().join("report.html")).unwrap();
    assert!(html.contains("customers will still be on their initial password"));
}
