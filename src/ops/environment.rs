//! Known login environments (N2): a reported successful login makes its
//! environment known ([`record_login`], run by `notify emit login` and
//! `notify emit login_new_env` in their transaction); staff list a
//! customer's environments ([`list`]) and forget them ([`forget`]), for
//! example after the customer reports a lost phone.
//!
//! Forgetting is not passed through the approval gate: it only makes the
//! next login from a forgotten environment reported again, so it can only
//! add notices, never suppress one (`notice.suppress` is what is gated). It
//! is audited like every change.

use serde_json::json;
use zeroize::Zeroizing;

use crate::error::{Error, Result};
use crate::ledger::{Entry, Ledger, Read, Tx};
use crate::notify::environment::{
    Known, Observed, Plan, Verdict, device_hash, network_of, plan, reduce_user_agent,
};

/// A login's environment as the front end reports it.
#[derive(Debug, Clone, Default)]
pub struct ClientEnv {
    pub ip: Option<std::net::IpAddr>,
    /// The front end's name for the device (shown, never compared).
    pub device: Option<String>,
    pub user_agent: Option<String>,
    /// The opaque per-browser token (a cookie value): hashed, never kept.
    pub device_id: Option<Zeroizing<String>>,
}

impl ClientEnv {
    /// Whether the report can place the login at all: a device token or an
    /// address (a user agent alone matches every browser of its kind).
    pub fn identifies(&self) -> bool {
        self.ip.is_some() || self.device_id.is_some()
    }

    /// Nothing reported.
    pub fn is_empty(&self) -> bool {
        !self.identifies() && self.device.is_none() && self.user_agent.is_none()
    }
}

/// The environment `env` of customer `code`, reduced as kept.
pub fn observe(code: &str, env: &ClientEnv, e: &crate::policy::Environments) -> Observed {
    let (browser, os) = env
        .user_agent
        .as_deref()
        .map(reduce_user_agent)
        .unwrap_or_default();
    Observed {
        device_hash: env.device_id.as_deref().map(|t| device_hash(code, t)),
        browser,
        os,
        network: env
            .ip
            .map(|ip| network_of(ip, e.ipv4_prefix, e.ipv6_prefix)),
        device: env.device.clone(),
    }
}

/// What recording a login found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recorded {
    pub observed: Observed,
    pub verdict: Verdict,
    /// Environments forgotten on the way (unused past `known_for`, or
    /// past the twenty most recent).
    pub pruned: u64,
}

/// Record the customer's successful login from `env` in `tx`: judge it
/// against the kept environments, then make it known (touch the one it is,
/// or keep it as new) and forget what is past `known_for` or the twenty
/// most recent. `None` when the report cannot place the login (no token,
/// no address): nothing is kept. The caller writes the audit entry.
pub(crate) fn record_login(tx: &mut Tx, code: &str, env: &ClientEnv) -> Result<Option<Recorded>> {
    if !env.identifies() {
        return Ok(None);
    }
    let e = tx.policy()?.environments;
    let observed = observe(code, env, &e);
    let kept = tx.login_environments(code)?;
    let Plan { verdict, forget } = plan(&kept, &observed, tx.now(), e.known_for_days);
    match verdict.same {
        Some(id) => tx.touch_environment(id, observed.device.as_deref())?,
        None => {
            tx.add_environment(code, &observed)?;
        }
    }
    let pruned = tx.forget_environment_ids(code, &forget)?;
    Ok(Some(Recorded {
        observed,
        verdict,
        pruned,
    }))
}

/// A customer's known environments (those past `known_for` left out: they
/// no longer count, and go at the next login).
pub fn list(ledger: &Ledger, code: &str) -> Result<Vec<Known>> {
    ledger.require_customer(code)?;
    let days = ledger.policy()?.environments.known_for_days;
    let now = ledger.now()?;
    let kept = ledger.login_environments(code)?;
    Ok(kept
        .into_iter()
        .filter(|k| crate::notify::environment::fresh(k, now, days))
        .take(crate::notify::environment::MAX_KEPT)
        .collect())
}

/// Which environments to forget.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    All,
    One(i64),
}

/// `customer forget-environments`.
#[derive(Debug, Clone)]
pub struct ForgetOptions {
    pub code: String,
    pub which: Which,
    pub reason: String,
}

/// What forgetting did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Forgotten {
    pub forgotten: u64,
}

/// Forget one or all of a customer's environments, audited: the next login
/// from any of them is reported as new. Exit 4 for an unknown customer;
/// an id that is not one of the customer's environments is a usage error
/// ([`Error::NoEnvironment`]).
pub fn forget(ledger: &mut Ledger, o: &ForgetOptions) -> Result<Forgotten> {
    ledger.write(|tx| {
        tx.require_customer(&o.code)?;
        let id = match o.which {
            Which::All => None,
            Which::One(id) => Some(id),
        };
        let forgotten = tx.forget_environments(&o.code, id)?;
        if let Some(id) = id
            && forgotten == 0
        {
            return Err(Error::NoEnvironment {
                code: o.code.clone(),
                id,
            });
        }
        tx.audit(Entry {
            action: "customer.forget_environments",
            customer: Some(&o.code),
            reason: Some(&o.reason),
            details: json!({
                "which": id.map_or(json!("all"), |i| json!(i)),
                "forgotten": forgotten,
            }),
        })?;
        Ok(Forgotten { forgotten })
    })
}
