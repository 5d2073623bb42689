//! `notify send` and `notify outbox retry` as operations, on every test
//! backend: the claiming order, the stale codes, the retry, and a whole run
//! against a tiny SMTP listener on loopback (a real socket, no mock).

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

use serde_json::json;

use super::*;
use crate::authcode::Purpose;
use crate::notify::{NewNotice, NoticeType, Priority};
use crate::ops::Silent;
use crate::ops::authcode::{IssueOptions, Issued, Verified, VerifyOptions};
use crate::ops::testing::{TestLedger, add_customers, cheap_policy, entries, ledgers};

const SATO: &str = "1000100";

fn setup(t: &mut TestLedger) {
    add_customers(
        &mut t.ledger,
        &[(SATO, Some("taro@example.jp"))],
        &[NoticeType::WithdrawalAuthCode],
    );
}

/// Queue one notice of each kind, in this order; their ids.
fn queue(ledger: &mut Ledger, kinds: &[&'static str]) -> Vec<i64> {
    ledger
        .write(|tx| {
            let mut ids = Vec::new();
            for &kind in kinds {
                ids.push(tx.queue_notice(&NewNotice {
                    kind,
                    customer: SATO.into(),
                    to: "taro@example.jp".into(),
                    subject: format!("{kind} のお知らせ"),
                    body: format!("{kind}\n"),
                })?);
            }
            tx.audit(Entry {
                action: "test.queue",
                customer: None,
                reason: None,
                details: json!({ "ids": ids }),
            })?;
            Ok(ids)
        })
        .unwrap()
}

fn issue_code(ledger: &mut Ledger) -> (i64, String) {
    let o = IssueOptions {
        customer: SATO.into(),
        purpose: Purpose::Withdrawal,
        route: crate::ops::testing::sealed_route(),
    };
    let Issued::Queued { notices, .. } = crate::ops::authcode::issue(ledger, &o, &Silent).unwrap()
    else {
        panic!("queued");
    };
    let body = ledger
        .outbox(None)
        .unwrap()
        .into_iter()
        .find(|n| n.id == notices[0])
        .unwrap()
        .body;
    let body = crate::ops::testing::seal_key().open(&body).unwrap();
    let code = body.split("認証コード: ").nth(1).unwrap();
    (
        notices[0],
        code.chars().take_while(char::is_ascii_digit).collect(),
    )
}

fn run() -> Run {
    Run {
        token: run_token().unwrap(),
        queue: VecDeque::new(),
        per_minute: None,
        open: Some(crate::ops::testing::seal_key().prefix()),
    }
}

fn status(ledger: &Ledger, id: i64) -> String {
    ledger
        .outbox(None)
        .unwrap()
        .into_iter()
        .find(|n| n.id == id)
        .unwrap()
        .status
}

const BULK: [&str; 6] = [
    "trade_executed",
    "login",
    "account_locked",
    "initial_password_issued",
    "email_changed",
    "view_auth_code",
];

#[test]
fn codes_are_claimed_first_then_security_notices_then_the_rest_oldest_first() {
    for mut t in ledgers(&cheap_policy()) {
        setup(&mut t);
        let b = t.backend;
        let l = &mut t.ledger;
        let ids = queue(l, &BULK);
        let want = vec![ids[5], ids[2], ids[4], ids[0], ids[1], ids[3]];
        // The dry run, the export's read and a run's claims: one order.
        let previewed: Vec<i64> = preview(l, None, &NotifyConfig::default())
            .unwrap()
            .iter()
            .map(|n| n.id)
            .collect();
        assert_eq!(previewed, want, "{b}");
        let listed: Vec<i64> = l
            .outbox(Some("pending"))
            .unwrap()
            .iter()
            .map(|n| n.id)
            .collect();
        assert_eq!(listed, want, "{b}");
        let mut r = run();
        let mut out = SendOutcome::default();
        assert_eq!(claim(l, &mut r, 4, &mut out).unwrap(), 4, "{b}");
        let claimed: Vec<i64> = r.queue.iter().map(|n| n.id).collect();
        assert_eq!(claimed, want[..4], "{b}");
        assert_eq!(r.queue[0].priority(), Priority::Code);
        // Claimed notices are nobody else's: the rest are due.
        let rest: Vec<i64> = preview(l, None, &NotifyConfig::default())
            .unwrap()
            .iter()
            .map(|n| n.id)
            .collect();
        assert_eq!(rest, want[4..], "{b}");
        assert_eq!(entries(l, "notify.claim"), 1, "{b}");
    }
}

#[test]
fn a_code_queued_during_a_run_is_taken_before_the_rest_of_the_batch() {
    for mut t in ledgers(&cheap_policy()) {
        setup(&mut t);
        let b = t.backend;
        let l = &mut t.ledger;
        let bulk = queue(l, &["trade_executed", "trade_executed", "fund_executed"]);
        let mut r = run();
        let mut out = SendOutcome::default();
        let first = next(l, &mut r, &mut out, u64::MAX).unwrap().unwrap();
        assert_eq!(first.id, bulk[0], "{b}");
        // Queued by someone else while the first one is out.
        let (code, _) = issue_code(&mut t.open_as("frontend"));
        let l = &mut t.ledger;
        let second = next(l, &mut r, &mut out, u64::MAX).unwrap().unwrap();
        assert_eq!(second.id, code, "{b}: the code goes next");
        let rest: Vec<i64> = std::iter::from_fn(|| next(l, &mut r, &mut out, u64::MAX).unwrap())
            .map(|n| n.id)
            .collect();
        assert_eq!(rest, bulk[1..], "{b}");
    }
}

#[test]
fn a_code_notice_whose_code_is_over_is_marked_expired_never_sent() {
    for mut t in ledgers(&cheap_policy()) {
        setup(&mut t);
        let b = t.backend;
        let l = &mut t.ledger;
        let (id, code) = issue_code(l);
        let trade = queue(l, &["trade_executed"])[0];
        // The customer typed the code from another channel: it is used.
        let o = VerifyOptions {
            customer: SATO.into(),
            purpose: Purpose::Withdrawal,
        };
        let input = zeroize::Zeroizing::new(code.clone());
        let v = crate::ops::authcode::verify(l, &o, || Ok(input), &Silent).unwrap();
        assert_eq!(v, Verified::Matched, "{b}");
        // A dry run leaves it out; a run's claim marks it.
        let due: Vec<i64> = preview(l, None, &NotifyConfig::default())
            .unwrap()
            .iter()
            .map(|n| n.id)
            .collect();
        assert_eq!(due, vec![trade], "{b}");
        let mut r = run();
        let mut out = SendOutcome::default();
        let n = next(l, &mut r, &mut out, u64::MAX).unwrap().unwrap();
        assert_eq!(n.id, trade, "{b}");
        assert_eq!(out.expired, vec![id], "{b}");
        assert_eq!(status(l, id), "expired", "{b}");
        let kept = l.outbox(Some("expired")).unwrap();
        assert_eq!(kept.len(), 1, "{b}");
        assert!(!kept[0].body.contains(&code), "{b}");
        assert!(kept[0].body.contains("削除しました"), "{b}");
        assert_eq!(entries(l, "notify.expired"), 1, "{b}");
        // Never due again, never retried.
        assert!(
            next(l, &mut r, &mut out, u64::MAX).unwrap().is_none(),
            "{b}"
        );
        assert_eq!(
            retry(l, &[id], &Silent).unwrap(),
            Retried::NotFailed(vec![id]),
            "{b}"
        );
    }
}

#[test]
fn retry_requeues_failed_notices_and_changes_nothing_when_an_id_is_refused() {
    for mut t in ledgers(&cheap_policy()) {
        setup(&mut t);
        let b = t.backend;
        let l = &mut t.ledger;
        let ids = queue(l, &["trade_executed", "login", "fund_executed"]);
        l.write(|tx| {
            tx.record_delivery(
                ids[0],
                &Delivery::Failed {
                    reply: "550 no".into(),
                },
            )?;
            tx.record_delivery(
                ids[1],
                &Delivery::Sent {
                    reply: "250".into(),
                },
            )?;
            tx.audit(Entry {
                action: "test.deliver",
                customer: None,
                reason: None,
                details: json!({}),
            })?;
            Ok(())
        })
        .unwrap();
        assert_eq!(
            retry(l, &[ids[0], 999_999], &Silent).unwrap(),
            Retried::Unknown(vec![999_999]),
            "{b}"
        );
        assert_eq!(
            retry(l, &[ids[0], ids[1]], &Silent).unwrap(),
            Retried::NotFailed(vec![ids[1]]),
            "{b}"
        );
        assert_eq!(status(l, ids[0]), "failed", "{b}: nothing changed");
        assert_eq!(entries(l, "notify.retry"), 0, "{b}");
        assert_eq!(
            retry(l, &[ids[0], ids[2]], &Silent).unwrap(),
            Retried::Requeued {
                requeued: vec![ids[0]],
                already_pending: vec![ids[2]],
            },
            "{b}"
        );
        assert_eq!(status(l, ids[0]), "pending", "{b}");
        assert_eq!(entries(l, "notify.retry"), 1, "{b}");
    }
}

/// A tiny SMTP relay on loopback that accepts every message. `hook` runs
/// after each message's data, before the relay answers: the run is then
/// between "sent" and "recorded".
struct TinyRelay {
    port: u16,
    got: Arc<Mutex<Vec<String>>>,
}

impl TinyRelay {
    fn start(hook: impl FnMut(usize) + Send + 'static) -> TinyRelay {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let got = Arc::new(Mutex::new(Vec::new()));
        let store = Arc::clone(&got);
        std::thread::spawn(move || {
            let mut hook = hook;
            for stream in listener.incoming() {
                let Ok(stream) = stream else { return };
                if serve(stream, &store, &mut hook).is_err() {
                    continue;
                }
            }
        });
        TinyRelay { port, got }
    }

    /// The Message-ID notice ids received, in order, and the raw messages.
    fn received(&self) -> Vec<String> {
        self.got.lock().unwrap().clone()
    }
}

fn serve(
    stream: std::net::TcpStream,
    store: &Mutex<Vec<String>>,
    hook: &mut impl FnMut(usize),
) -> std::io::Result<()> {
    let mut w = stream.try_clone()?;
    let mut r = BufReader::new(stream);
    w.write_all(b"220 tiny ESMTP\r\n")?;
    let mut line = String::new();
    loop {
        line.clear();
        if r.read_line(&mut line)? == 0 {
            return Ok(());
        }
        let verb = line.get(..4).unwrap_or("").to_ascii_uppercase();
        match verb.as_str() {
            "EHLO" | "HELO" => w.write_all(b"250 tiny\r\n")?,
            "DATA" => {
                w.write_all(b"354 go on\r\n")?;
                let mut data = String::new();
                loop {
                    line.clear();
                    if r.read_line(&mut line)? == 0 {
                        return Ok(());
                    }
                    if line == ".\r\n" {
                        break;
                    }
                    data.push_str(&line);
                }
                let n = {
                    let mut got = store.lock().unwrap();
                    got.push(data);
                    got.len()
                };
                hook(n);
                w.write_all(format!("250 2.0.0 queued as Q{n}\r\n").as_bytes())?;
            }
            "QUIT" => {
                w.write_all(b"221 bye\r\n")?;
                return Ok(());
            }
            _ => w.write_all(b"250 ok\r\n")?,
        }
    }
}

fn notice_id(data: &str) -> i64 {
    let at = data.find("<notice-").expect("a Message-ID") + "<notice-".len();
    data[at..]
        .split('.')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap()
}

fn options(port: u16) -> SendOptions {
    let text = format!(
        "[smtp]\nhost = \"127.0.0.1\"\nport = {port}\ntls = \"none\"\nfrom = \"noreply@example.co.jp\"\n"
    );
    let cfg =
        crate::config::Config::parse(std::path::Path::new("/nonexistent/c.toml"), &text).unwrap();
    SendOptions {
        smtp: cfg.smtp.unwrap(),
        config_path: None,
        limit: None,
        budget: None,
        notify: crate::ops::testing::notify_with_key(),
    }
}

#[test]
fn a_run_sends_a_code_queued_mid_run_next_and_dates_its_mail_in_jst() {
    for mut t in ledgers(&cheap_policy()) {
        setup(&mut t);
        let b = t.backend;
        let bulk = queue(&mut t.ledger, &["trade_executed"; 4]);
        // While the first message is out, the front end issues a code.
        let mut frontend = t.target.clone();
        frontend.operator = "frontend".into();
        let issued = Arc::new(Mutex::new(None));
        let seen = Arc::clone(&issued);
        let relay = TinyRelay::start(move |n| {
            if n == 1 {
                let mut l = Ledger::open(&frontend).unwrap();
                *seen.lock().unwrap() = Some(issue_code(&mut l).0);
            }
        });
        let out = send(&mut t.ledger, &options(relay.port), &Silent).unwrap();
        assert!(
            matches!(out.relay, RelayState::Reached),
            "{b}: {:?}",
            out.relay
        );
        let code = issued.lock().unwrap().expect("a code was issued mid-run");
        let got = relay.received();
        let order: Vec<i64> = got.iter().map(|d| notice_id(d)).collect();
        assert_eq!(
            order,
            vec![bulk[0], code, bulk[1], bulk[2], bulk[3]],
            "{b}: one message in flight, then the code"
        );
        assert_eq!(out.sent.len(), 5, "{b}");
        assert!(out.failed.is_empty() && out.deferred.is_empty(), "{b}");
        assert!(!out.budget_exceeded, "{b}");
        for d in &got {
            let date = d
                .lines()
                .find(|l| l.starts_with("Date: "))
                .expect("a Date header");
            assert!(date.ends_with(" +0900"), "{b}: {date}");
        }
        assert!(l_pending(&t.ledger).is_empty(), "{b}");
        assert_eq!(entries(&t.ledger, "notify.send"), 1, "{b}");
    }
}

fn l_pending(ledger: &Ledger) -> Vec<Notice> {
    ledger.outbox(Some("pending")).unwrap()
}

#[test]
fn nothing_due_connects_to_nothing_and_writes_nothing() {
    for mut t in ledgers(&cheap_policy()) {
        setup(&mut t);
        let seq = t.ledger.head().unwrap().map(|h| h.seq);
        // A port nobody listens on: not even tried.
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let out = send(&mut t.ledger, &options(port), &Silent).unwrap();
        assert!(
            matches!(out.relay, RelayState::NotContacted),
            "{}",
            t.backend
        );
        assert_eq!(t.ledger.head().unwrap().map(|h| h.seq), seq);
        // Something due and nobody listening: unreachable, nothing claimed.
        queue(&mut t.ledger, &["login"]);
        let seq = t.ledger.head().unwrap().map(|h| h.seq);
        let out = send(&mut t.ledger, &options(port), &Silent).unwrap();
        assert!(
            matches!(out.relay, RelayState::Unreachable(ConnectError::Network(_))),
            "{}: {:?}",
            t.backend,
            out.relay
        );
        assert_eq!(t.ledger.head().unwrap().map(|h| h.seq), seq);
    }
}

/// Issue 24: a run takes only the code notices its key opens and leaves
/// the rest for the host with theirs; a code notice holding no code (its
/// issuing process mailed it at once and died before recording it) cannot
/// be delivered: its code is ended, the notice marked `expired`, and staff
/// cannot put it back in the queue.
#[test]
fn a_run_leaves_other_keys_notices_and_ends_a_code_whose_notice_holds_none() {
    let mut policy = cheap_policy();
    policy.authcode.cooldown_seconds = 0;
    for mut t in ledgers(&policy) {
        setup(&mut t);
        let b = t.backend;
        let l = &mut t.ledger;
        let (sealed, _) = issue_code(l);
        // No key on this host: the sealed notice is not due for it.
        let keyless = NotifyConfig::default();
        assert!(preview(l, None, &keyless).unwrap().is_empty(), "{b}");
        assert_eq!(l.sealed_elsewhere(None).unwrap(), 1, "{b}");
        let relay = TinyRelay::start(|_| {});
        let mut o = options(relay.port);
        o.notify = keyless;
        let out = send(l, &o, &Silent).unwrap();
        assert!(matches!(out.relay, RelayState::NotContacted), "{b}");
        assert_eq!((out.sent.len(), out.left_sealed), (0, 1), "{b}");
        assert_eq!(status(l, sealed), "pending", "{b}");
        // The notice as a crashed `authcode issue` leaves it: redacted, its
        // code live.
        l.write(|tx| {
            tx.blank_authcode_notices(&[sealed])?;
            test_entry(tx)
        })
        .unwrap();
        let code_id = l.notice(sealed).unwrap().unwrap().authcode.unwrap();
        let out = send(l, &options(relay.port), &Silent).unwrap();
        assert_eq!(out.expired, vec![sealed], "{b}");
        assert!(relay.received().is_empty(), "{b}: nothing mailed");
        assert_eq!(status(l, sealed), "expired", "{b}");
        assert_eq!(
            l.authcode(code_id).unwrap().unwrap().state,
            crate::authcode::State::Expired,
            "{b}"
        );
        assert_eq!(entries(l, "authcode.undelivered"), 1, "{b}");
        // A failed notice of a code mailed at once is not re-queued.
        let (second, _) = issue_code(l);
        l.write(|tx| {
            tx.blank_authcode_notices(&[second])?;
            tx.record_delivery(
                second,
                &Delivery::Failed {
                    reply: "550 no".into(),
                },
            )?;
            test_entry(tx)
        })
        .unwrap();
        assert_eq!(
            retry(l, &[second], &Silent).unwrap(),
            Retried::NoCode(vec![second]),
            "{b}"
        );
        assert_eq!(status(l, second), "failed", "{b}");
    }
}

fn test_entry(tx: &mut Tx) -> Result<()> {
    tx.audit(Entry {
        action: "test.change",
        customer: None,
        reason: None,
        details: json!({}),
    })?;
    Ok(())
}
