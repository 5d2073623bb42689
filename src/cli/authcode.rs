//! `acctsec authcode`: one-time codes by email before a withdrawal or a view
//! of the registered data (issue, verify), for the trading front end.

use clap::{Subcommand, ValueEnum};
use serde_json::json;

use super::Ctx;
use crate::authcode::{self, Attempt, Purpose, Reason, State};
use crate::clock::to_jst;
use crate::error::{Error, Result, exit};
use crate::ledger::{Entry, Ledger, Read};
use crate::messages::authcode as msg;
use crate::notify::{Event, render};
use crate::secret::Hasher;

#[derive(Debug, Subcommand)]
pub enum AuthcodeCmd {
    /// Send the customer a one-time code by email; prints its expiry, never the code
    /// (exit 1: the customer does not require one, or asked too soon)
    Issue {
        /// The customer code
        #[arg(value_parser = super::args::code_arg)]
        code: String,
        /// What the code is for: a withdrawal, or a view of the registered data
        #[arg(long, value_enum)]
        purpose: PurposeArg,
    },
    /// Check a code from the hidden prompt or stdin: exit 0 matched (now used up),
    /// 1 wrong, expired or none, 3 wrong and the last try (the code is ended), 4 unknown customer
    Verify {
        /// The customer code
        #[arg(value_parser = super::args::code_arg)]
        code: String,
        /// What the code is for: a withdrawal, or a view of the registered data
        #[arg(long, value_enum)]
        purpose: PurposeArg,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PurposeArg {
    /// Before a withdrawal (notice withdrawal_auth_code)
    Withdrawal,
    /// Before a view of the registered data (notice view_auth_code)
    View,
}

impl From<PurposeArg> for Purpose {
    fn from(p: PurposeArg) -> Purpose {
        match p {
            PurposeArg::Withdrawal => Purpose::Withdrawal,
            PurposeArg::View => Purpose::View,
        }
    }
}

pub fn run(ctx: &mut Ctx, cmd: AuthcodeCmd) -> Result<u8> {
    match cmd {
        AuthcodeCmd::Issue { code, purpose } => issue(ctx, &code, purpose.into()),
        AuthcodeCmd::Verify { code, purpose } => verify(ctx, &code, purpose.into()),
    }
}

enum Issued {
    NotRequired,
    TooSoon(chrono::DateTime<chrono::Utc>),
    Sent {
        expires: chrono::DateTime<chrono::Utc>,
        notices: usize,
    },
}

fn issue(ctx: &mut Ctx, code: &str, purpose: Purpose) -> Result<u8> {
    let mut ledger = ctx.open()?;
    let policy = ledger.policy()?;
    let ap = policy.authcode;
    let t = purpose.notice();
    ledger.require_customer(code)?;
    let p = purpose.as_str();
    // Most customers do not require a code: answer them without hashing.
    let result = if ledger.subscription(code, t)?.enabled {
        issue_code(&mut ledger, code, purpose, &ap)?
    } else {
        Issued::NotRequired
    };
    report_issue(ctx, code, p, t.name(), result)
}

fn issue_code(
    ledger: &mut Ledger,
    code: &str,
    purpose: Purpose,
    ap: &crate::policy::AuthCode,
) -> Result<Issued> {
    let t = purpose.notice();
    // The code and its hash are made before the write lock (the hash is
    // slow); the transaction re-reads everything it decides on.
    let secret = authcode::generate(ap.digits)?;
    let hash = Hasher::new(authcode::argon2_params(ap))?.hash(secret.as_bytes())?;
    let p = purpose.as_str();
    let result = ledger.write(|tx| {
        let c = tx.require_customer(code)?;
        if !tx.subscription(code, t)?.enabled {
            return Ok(Issued::NotRequired);
        }
        let now = tx.now();
        if let Some(next) = authcode::too_soon(ap, tx.last_authcode_issue(code, purpose)?, now) {
            tx.audit(Entry {
                action: "authcode.issue",
                customer: Some(code),
                reason: None,
                details: json!({ "purpose": p, "ok": false, "why": "cooldown", "next_at": to_jst(next) }),
            })?;
            return Ok(Issued::TooSoon(next));
        }
        // One live code per customer and purpose: a new one ends the old.
        let replaced = match tx.live_authcode(code, purpose)? {
            Some(old) => {
                let state = if authcode::is_expired(old.expires_at, now) {
                    State::Expired
                } else {
                    State::Replaced
                };
                tx.end_authcode(old.id, state)?;
                Some(json!({ "id": old.id, "state": state.as_str() }))
            }
            None => None,
        };
        let expires = authcode::expiry(ap, now);
        let support = tx.policy()?.support_desk().to_string();
        let blank = Event::AuthCode {
            kind: t,
            code: None,
            expires,
        };
        let redacted = render(&blank, &c.name, now, &support).body;
        let id = tx.insert_authcode(code, purpose, &hash, expires, &redacted)?;
        let event = Event::AuthCode {
            kind: t,
            code: Some(&secret),
            expires,
        };
        let notices = tx.queue_notices_for(&c, &event)?;
        if notices.is_empty() {
            // Rolled back: a code nobody can receive must not let the
            // front end go ahead either.
            return Err(Error::Unreachable {
                what: msg::no_address(code, p, t.name()),
            });
        }
        tx.attach_authcode_notices(id, &notices)?;
        tx.audit(Entry {
            action: "authcode.issue",
            customer: Some(code),
            reason: None,
            details: json!({
                "purpose": p,
                "ok": true,
                "id": id,
                "expires_at": to_jst(expires),
                "notices": notices,
                "replaced": replaced,
            }),
        })?;
        Ok(Issued::Sent {
            expires,
            notices: notices.len(),
        })
    })?;
    drop(secret);
    Ok(result)
}

fn report_issue(ctx: &mut Ctx, code: &str, p: &str, notice: &str, result: Issued) -> Result<u8> {
    let base = [("customer", json!(code)), ("purpose", json!(p))];
    match result {
        Issued::NotRequired => {
            let mut f = base.to_vec();
            f.extend([("issued", json!(false)), ("reason", json!("not_required"))]);
            ctx.out.outcome(&msg::not_required(code, p, notice), &f)?;
            Ok(exit::NO)
        }
        Issued::TooSoon(next) => {
            let mut f = base.to_vec();
            f.extend([
                ("issued", json!(false)),
                ("reason", json!("cooldown")),
                ("next_at", json!(to_jst(next))),
            ]);
            ctx.out
                .outcome(&msg::too_soon(code, p, &to_jst(next)), &f)?;
            Ok(exit::NO)
        }
        Issued::Sent { expires, notices } => {
            let until = to_jst(expires);
            let mut f = base.to_vec();
            f.extend([
                ("issued", json!(true)),
                ("expires_at", json!(until)),
                ("notices", json!(notices)),
            ]);
            ctx.out
                .outcome(&msg::issued(code, p, notices, &until), &f)?;
            Ok(exit::OK)
        }
    }
}

fn verify(ctx: &mut Ctx, code: &str, purpose: Purpose) -> Result<u8> {
    let mut ledger = ctx.open()?;
    let policy = ledger.policy()?;
    let ap = policy.authcode;
    let p = purpose.as_str();
    ledger.require_customer(code)?;
    let input = ctx.read_secret(&msg::prompt(p), None)?;
    // The slow comparison runs outside the write lock, against the code
    // live now; the transaction checks it is still the same code.
    let live = ledger.live_authcode(code, purpose)?;
    let matched = match &live {
        Some(row) if !authcode::is_expired(row.expires_at, ctx.now) => match &row.hash {
            Some(h) => {
                let mut hasher = Hasher::new(authcode::argon2_params(&ap))?;
                hasher.verify(authcode::normalize(&input).as_bytes(), h)?
            }
            None => false,
        },
        _ => false,
    };
    drop(input);
    let seen = live.as_ref().map(|r| r.id);
    let (reason, detail) = ledger.write(|tx| {
        let audit = |tx: &mut crate::ledger::Tx, why: &str, more: serde_json::Value| {
            let mut d = json!({ "purpose": p, "ok": why == "matched", "why": why });
            if let (Some(d), Some(more)) = (d.as_object_mut(), more.as_object()) {
                d.extend(more.clone());
            }
            tx.audit(Entry {
                action: "authcode.verify",
                customer: Some(code),
                reason: None,
                details: d,
            })
        };
        let Some(cur) = tx.live_authcode(code, purpose)? else {
            audit(tx, "none", json!({}))?;
            return Ok((Reason::None, Detail::None));
        };
        if Some(cur.id) != seen {
            return Err(Error::InUse {
                what: msg::changed_while_verifying(),
            });
        }
        if authcode::is_expired(cur.expires_at, tx.now()) {
            tx.end_authcode(cur.id, State::Expired)?;
            audit(tx, "expired", json!({ "id": cur.id }))?;
            return Ok((Reason::Expired, Detail::Expired(cur.expires_at)));
        }
        let attempt = Attempt::judge(&ap, matched, cur.tries);
        Ok(match attempt {
            Attempt::Matched => {
                tx.end_authcode(cur.id, State::Used)?;
                audit(tx, "matched", json!({ "id": cur.id }))?;
                (Reason::Matched, Detail::None)
            }
            Attempt::Wrong { tries, left } => {
                tx.set_authcode_tries(cur.id, tries)?;
                audit(tx, "wrong", json!({ "id": cur.id, "tries": tries }))?;
                (Reason::Wrong, Detail::Left(left))
            }
            Attempt::Exhausted { tries } => {
                tx.set_authcode_tries(cur.id, tries)?;
                tx.end_authcode(cur.id, State::Exhausted)?;
                audit(tx, "exhausted", json!({ "id": cur.id, "tries": tries }))?;
                (Reason::Exhausted, Detail::Tries(tries))
            }
        })
    })?;
    let sentence = match (reason, detail) {
        (Reason::Matched, _) => msg::matched(code, p),
        (Reason::Wrong, Detail::Left(left)) => msg::wrong(code, p, left),
        (Reason::Exhausted, Detail::Tries(tries)) => msg::exhausted(code, p, tries),
        (Reason::Expired, Detail::Expired(at)) => msg::expired(code, p, &to_jst(at)),
        _ => msg::none(code, p),
    };
    ctx.out.outcome(
        &sentence,
        &[
            ("ok", json!(reason == Reason::Matched)),
            ("reason", json!(reason.as_str())),
        ],
    )?;
    Ok(match reason {
        Reason::Matched => exit::OK,
        Reason::Exhausted => exit::LOCKED,
        Reason::Wrong | Reason::Expired | Reason::None => exit::NO,
    })
}

enum Detail {
    None,
    Left(u32),
    Tries(u32),
    Expired(chrono::DateTime<chrono::Utc>),
}

/// End every live code past its expiry (blanking the copies of its notices)
/// before the outbox is exported: an export never carries an expired code.
pub fn expire_due(ledger: &mut Ledger) -> Result<usize> {
    ledger.write(|tx| {
        let now = tx.now();
        let mut n = 0;
        for row in tx.live_authcodes(None)? {
            if authcode::is_expired(row.expires_at, now) && tx.end_authcode(row.id, State::Expired)?
            {
                tx.audit(Entry {
                    action: "authcode.expire",
                    customer: Some(&row.customer),
                    reason: None,
                    details: json!({ "purpose": row.purpose.as_str(), "id": row.id, "expired_at": to_jst(row.expires_at) }),
                })?;
                n += 1;
            }
        }
        Ok(n)
    })
}
