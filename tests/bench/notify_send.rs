//! Benchmark `notify send`: do auth codes arrive in time behind a bulk
//! mailing? (issue 27)
//!
//! The scenario: a rollout's initial-password notices (`password issue
//! --all` on N generated customers, about 20,000 notices) are pending, and
//! `notify send` is working through them against a real SMTP server on
//! loopback that takes 50 ms to accept each message. While it runs, a
//! withdrawal auth code is issued every `--every-ms` (the trading front end
//! calling `authcode issue`), `--codes` times. For each code the bench
//! measures the time from the moment `authcode issue` was started to the
//! moment the server accepted its mail, and prints the distribution.
//! Before the run, `--dead` further codes are ended by wrong tries: none of
//! them may reach the server. No code may reach it after its `expires_at`.
//!
//! Targets: every code within 1 s; no expired or ended code mailed.
//!
//! cargo bench --bench notify_send                  (100 codes, 20,000 notices)
//! cargo bench --bench notify_send -- --codes 200 --every-ms 500
//! cargo bench --bench notify_send -- --quick       (5 codes, a small backlog)

#[allow(dead_code)]
#[path = "../common/smtp.rs"]
mod smtp;
#[path = "support.rs"]
mod support;
#[path = "synth.rs"]
mod synth;

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::process::Stdio;
use std::time::{Duration, Instant};

use mailparse::MailHeaderMap;

use serde_json::Value;
use support::{Scratch, stats, verdict};

fn json(out: &std::process::Output) -> Value {
    serde_json::from_slice(&out.stdout).expect("JSON on stdout")
}

/// Customers (code, PC address) of the generated file that have a PC address.
fn with_pc_address(csv: &std::path::Path) -> Vec<(String, String)> {
    let mut r = csv::Reader::from_path(csv).expect("read the generated CSV");
    let h = r.headers().expect("header").clone();
    let col = |name: &str| h.iter().position(|c| c == name).expect("column");
    let (code, pc) = (col("code"), col("email_pc"));
    r.records()
        .map(|rec| rec.expect("record"))
        .filter(|rec| !rec[pc].is_empty())
        .map(|rec| (rec[code].to_string(), rec[pc].to_string()))
        .collect()
}

/// The Message-ID's outbox id: `<notice-ID.LEDGER@domain>`.
fn notice_id(data: &[u8]) -> i64 {
    let m = mailparse::parse_mail(data).expect("a parseable message");
    let id = m.headers.get_first_value("Message-ID").unwrap_or_default();
    id.trim_start_matches('<')
        .strip_prefix("notice-")
        .and_then(|r| r.split('.').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("Message-ID {id}"))
}

fn main() {
    support::banner("notify_send");
    let customers = support::size("customers", "ACCTSEC_BENCH_CUSTOMERS", 24_000, 300);
    let codes = support::size("codes", "ACCTSEC_BENCH_CODES", 100, 5);
    let dead = support::size("dead", "ACCTSEC_BENCH_DEAD", 10, 2);
    let every =
        Duration::from_millis(
            support::size("every-ms", "ACCTSEC_BENCH_EVERY_MS", 2_000, 400) as u64,
        );
    let per_message = Duration::from_millis(support::size(
        "per-message-ms",
        "ACCTSEC_BENCH_PER_MESSAGE_MS",
        50,
        50,
    ) as u64);

    // A ledger with cheap hashing (the bench is about mail, not Argon2).
    let s = Scratch::with_ledger();
    let toml = String::from_utf8_lossy(&s.ok(&["policy", "show", "--toml"]).stdout).into_owned();
    let cheap = toml
        .replace("m_kib = 19456", "m_kib = 64")
        .replace("\nt = 2\n", "\nt = 1\n");
    assert_ne!(cheap, toml, "policy TOML changed shape");
    let policy = s.path("policy.toml");
    std::fs::write(&policy, cheap).expect("write policy");
    s.ok(&[
        "--yes",
        "policy",
        "set",
        "--file",
        &policy.display().to_string(),
    ]);
    let csv = s.path("customers.csv");
    synth::write_csv(&csv, customers, 27, None);
    s.ok(&["customer", "import", &csv.display().to_string()]);
    let reachable = with_pc_address(&csv);
    assert!(
        reachable.len() >= codes + dead,
        "{} customers with a PC address; need {}",
        reachable.len(),
        codes + dead
    );
    // The code customers take withdrawal codes to their PC address.
    let picked: Vec<&(String, String)> = reachable.iter().take(codes + dead).collect();
    for (code, _) in &picked {
        s.ok(&[
            "notify",
            "set",
            code,
            "withdrawal_auth_code",
            "on",
            "--to",
            "pc",
            "--reason",
            "bench",
        ]);
    }
    // The issuing side (the front end's host, no relay of its own) seals
    // each code to the sending host's key (issue 24): its configuration is
    // the default one; `notify send` below names the private key.
    let seal_key = s.path("notify-seal.key");
    let public = s.ok(&["notify", "keygen", "--out", &seal_key.display().to_string()]);
    let public = String::from_utf8_lossy(&public.stdout).trim().to_string();
    std::fs::create_dir_all(s.path(".config/acctsec")).expect("config dir");
    std::fs::write(
        s.path(".config/acctsec/config.toml"),
        format!("[notify]\nseal_public_key = \"{public}\"\n"),
    )
    .expect("write the issuing host's config");
    // Dead codes: issued before the run and ended by wrong tries.
    let policy_json = json(&s.ok(&["--format", "json", "policy", "show"]));
    let max_tries = policy_json["authcode"]["max_tries"].as_u64().unwrap_or(5);
    let dead_customers: BTreeSet<String> = picked[codes..].iter().map(|(c, _)| c.clone()).collect();
    for c in &dead_customers {
        s.ok(&["authcode", "issue", c, "--purpose", "withdrawal"]);
        for _ in 0..max_tries {
            let mut child = s
                .cmd(&["authcode", "verify", c, "--purpose", "withdrawal"])
                .stdin(Stdio::piped())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("run authcode verify");
            // A code that cannot be right: a letter in a digit code.
            child
                .stdin
                .take()
                .unwrap()
                .write_all(b"x\n")
                .expect("write the wrong code");
            child.wait().expect("authcode verify");
        }
    }

    // The rollout mailing: one initial-password notice per address.
    let issued = s.path("issued.csv");
    s.ok(&[
        "password",
        "issue",
        "--all",
        "--out",
        &issued.display().to_string(),
    ]);
    let pending = |s: &Scratch| {
        json(&s.ok(&[
            "--format", "json", "notify", "outbox", "--status", "pending", "--limit", "0",
        ]))
        .as_array()
        .map_or(0, Vec::len)
    };
    let backlog = pending(&s);
    println!(
        "scenario: {customers} customers, {backlog} notices pending; SMTP server on loopback taking {} ms a message; \
         {codes} withdrawal codes issued {} ms apart during the run; {dead} codes ended by {max_tries} wrong tries before it",
        per_message.as_millis(),
        every.as_millis()
    );

    let server = smtp::Server::slow(per_message);
    let config = s.path("config.toml");
    std::fs::write(
        &config,
        format!(
            "[smtp]\nhost = \"127.0.0.1\"\nport = {}\ntls = \"none\"\nfrom = \"bench <noreply@example.co.jp>\"\n\
             [notify]\nseal_key_file = \"{}\"\n",
            server.port(),
            seal_key.display()
        ),
    )
    .expect("write config");
    let cfg = config.display().to_string();
    let t0 = Instant::now();
    let mut send = s
        .cmd(&["--config", &cfg, "notify", "send"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start notify send");
    // Let the run get under way.
    while server.received().len() < 20 {
        assert!(
            t0.elapsed() < Duration::from_secs(120),
            "notify send did not start delivering"
        );
        std::thread::sleep(Duration::from_millis(10));
    }

    // customer → (when `authcode issue` was started, its expires_at)
    let mut asked: BTreeMap<String, (Instant, String)> = BTreeMap::new();
    for (i, (code, _)) in picked[..codes].iter().enumerate() {
        let due = t0 + Duration::from_secs(1) + every * i as u32;
        if let Some(wait) = due.checked_duration_since(Instant::now()) {
            std::thread::sleep(wait);
        }
        let at = Instant::now();
        let out = s.ok(&[
            "--format",
            "json",
            "authcode",
            "issue",
            code,
            "--purpose",
            "withdrawal",
        ]);
        let j = json(&out);
        assert_eq!(j["issued"], true, "{j}");
        asked.insert(
            code.clone(),
            (at, j["expires_at"].as_str().unwrap_or_default().to_string()),
        );
    }
    // Wait for the last code's mail (at most a minute), then stop the run.
    let waited = Instant::now();
    let delivered_ids = || -> BTreeSet<i64> {
        server
            .received()
            .iter()
            .map(|r| notice_id(&r.data))
            .collect()
    };
    let code_ids = |s: &Scratch| -> BTreeMap<i64, String> {
        let j = json(&s.ok(&["--format", "json", "notify", "outbox", "--limit", "0"]));
        j.as_array()
            .unwrap()
            .iter()
            .filter(|n| n["type"] == "withdrawal_auth_code")
            .map(|n| {
                (
                    n["id"].as_i64().unwrap(),
                    n["customer"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let ids = code_ids(&s);
    loop {
        let got = delivered_ids();
        let live_done = ids
            .iter()
            .filter(|(_, c)| asked.contains_key(*c))
            .all(|(id, _)| got.contains(id));
        if live_done || waited.elapsed() > Duration::from_secs(60) {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let run_secs = t0.elapsed().as_secs_f64();
    // SIGTERM: the run stops between messages.
    let _ = std::process::Command::new("kill")
        .args(["-TERM", &send.id().to_string()])
        .status();
    let _ = send.wait();
    let received = server.received();
    let sent_total = received.len();
    let by_id: BTreeMap<i64, &smtp::Received> =
        received.iter().map(|r| (notice_id(&r.data), r)).collect();

    let mut latencies = Vec::new();
    let mut late = 0;
    let mut missing = Vec::new();
    let mut after_expiry = 0;
    let mut dead_mailed = 0;
    for (id, customer) in &ids {
        let Some(r) = by_id.get(id) else {
            if asked.contains_key(customer) {
                missing.push(customer.clone());
            }
            continue;
        };
        if dead_customers.contains(customer) {
            dead_mailed += 1;
            continue;
        }
        let (at, expires) = &asked[customer];
        let took = r.at.saturating_duration_since(*at);
        if took > Duration::from_secs(1) {
            late += 1;
        }
        latencies.push(took);
        let expires = chrono::DateTime::parse_from_rfc3339(expires).expect("expires_at");
        let accepted: chrono::DateTime<chrono::Utc> = r.wall.into();
        if accepted > expires {
            after_expiry += 1;
        }
    }
    println!(
        "run: {run_secs:.1} s, {sent_total} messages accepted by the server ({:.1} a second), {} still pending when stopped",
        sent_total as f64 / run_secs,
        pending(&s)
    );
    if latencies.is_empty() {
        println!("no code mail arrived");
    } else {
        let st = stats(&latencies);
        let mut ms: Vec<f64> = latencies.iter().map(|d| d.as_secs_f64() * 1e3).collect();
        ms.sort_by(f64::total_cmp);
        println!(
            "issue → accepted by the server, over {} codes: min {:.0} ms, median {:.0} ms, p95 {:.0} ms, max {:.0} ms",
            latencies.len(),
            st.min,
            st.median,
            st.p95,
            st.max
        );
        let buckets = [100.0, 200.0, 300.0, 500.0, 1000.0, f64::INFINITY];
        let mut line = String::from("distribution:");
        let mut lo = 0.0;
        for b in buckets {
            let n = ms.iter().filter(|&&m| m >= lo && m < b).count();
            if b.is_finite() {
                line.push_str(&format!(" <{b:.0} ms: {n};"));
            } else {
                line.push_str(&format!(" ≥1000 ms: {n}"));
            }
            lo = b;
        }
        println!("{line}");
    }
    let all_in_time = missing.is_empty() && late == 0 && !latencies.is_empty();
    println!(
        "target: every code at the server within 1 s of being issued: {} ({late} late, {} never arrived)",
        verdict(all_in_time),
        missing.len()
    );
    let expired_codes = ids
        .iter()
        .filter(|(_, c)| dead_customers.contains(*c))
        .count();
    println!(
        "target: no expired or ended code mailed: {} ({after_expiry} after expiry, {dead_mailed} of {expired_codes} ended codes mailed)",
        verdict(after_expiry == 0 && dead_mailed == 0)
    );
    let stderr = {
        let mut e = String::new();
        if let Some(mut p) = send.stderr.take() {
            let _ = std::io::Read::read_to_string(&mut p, &mut e);
        }
        e
    };
    if !all_in_time && !stderr.is_empty() {
        println!("notify send said:\n{stderr}");
    }
    if support::under_test() {
        assert_eq!(after_expiry + dead_mailed, 0, "an expired code was mailed");
    }
}
