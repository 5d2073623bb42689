//! Known login environments (N2): up to twenty per customer, kept by the
//! login operation (`ops::environment`), listed and forgotten by staff.

use chrono::{DateTime, Utc};

use super::Tx;
use super::exec::{Exec, Row, params};
use crate::error::Result;
use crate::notify::environment::{Known, Observed, network_of, reduce_user_agent};

const COLUMNS: &str = "id, device_hash, browser, os, network, device, first_seen, last_seen";

fn time(r: &Row<'_>, i: usize, s: String) -> Result<DateTime<Utc>> {
    crate::clock::from_stored(&s).ok_or_else(|| r.bad(i, format!("not a time: {s:?}")))
}

fn known(mut r: Row<'_>) -> Result<Known> {
    let id = r.int(0)?;
    let device_hash = r.opt_text(1)?;
    let browser = r.opt_text(2)?;
    let os = r.opt_text(3)?;
    let network = r.opt_text(4)?;
    let device = r.opt_text(5)?;
    let first = r.text(6)?;
    let last = r.text(7)?;
    Ok(Known {
        id,
        device_hash,
        browser,
        os,
        network,
        device,
        first_seen: time(&r, 6, first)?,
        last_seen: time(&r, 7, last)?,
    })
}

/// The customer's kept environments, most recently used first (perhaps
/// some past `known_for`: pruned at the next login, ignored until then).
pub(super) fn environments(db: &dyn Exec, code: &str) -> Result<Vec<Known>> {
    db.all(
        &format!(
            "SELECT {COLUMNS} FROM login_environment WHERE customer = ?1
             ORDER BY last_seen DESC, id DESC"
        ),
        params![code],
        known,
    )
}

impl Tx<'_> {
    /// Keep a new environment of the customer, used now; its id.
    pub fn add_environment(&self, code: &str, o: &Observed) -> Result<i64> {
        let at = crate::clock::to_stored(self.now());
        self.exec().one(
            "INSERT INTO login_environment
               (customer, device_hash, browser, os, network, device, first_seen, last_seen)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)
             RETURNING id",
            params![
                code,
                o.device_hash,
                o.browser,
                o.os,
                o.network,
                o.device,
                at
            ],
            |mut r| r.int(0),
        )
    }

    /// A kept environment was used again now (with this device name, when
    /// the front end gave one).
    pub fn touch_environment(&self, id: i64, device: Option<&str>) -> Result<()> {
        let at = crate::clock::to_stored(self.now());
        self.exec().execute(
            "UPDATE login_environment SET last_seen = ?2, device = coalesce(?3, device)
             WHERE id = ?1",
            params![id, at, device],
        )?;
        Ok(())
    }

    /// Forget these environments of the customer (as
    /// [`crate::notify::environment::plan`] chose them); how many.
    pub fn forget_environment_ids(&self, code: &str, ids: &[i64]) -> Result<u64> {
        let mut n = 0;
        for id in ids {
            n += self.forget_environments(code, Some(*id))?;
        }
        Ok(n)
    }

    /// Forget one of the customer's environments (`Some(id)`) or all of
    /// them; how many were forgotten.
    pub fn forget_environments(&self, code: &str, id: Option<i64>) -> Result<u64> {
        match id {
            Some(id) => self.exec().execute(
                "DELETE FROM login_environment WHERE customer = ?1 AND id = ?2",
                params![code, id],
            ),
            None => self.exec().execute(
                "DELETE FROM login_environment WHERE customer = ?1",
                params![code],
            ),
        }
    }
}

/// The data step after migration 17: each customer's last login
/// environment (`login_env`, one row per customer) becomes one known
/// environment (no device token: the front end sent none then), its user
/// agent reduced to browser family and OS and its address to its network
/// at the policy's prefix lengths; then `login_env` goes.
pub(super) fn from_login_env(tx: &mut Tx) -> Result<()> {
    let rows = tx.exec().all(
        "SELECT customer, device, user_agent, ip, seen_at FROM login_env ORDER BY customer",
        params![],
        |mut r| {
            Ok((
                r.text(0)?,
                r.opt_text(1)?,
                r.opt_text(2)?,
                r.opt_text(3)?,
                r.text(4)?,
            ))
        },
    )?;
    if !rows.is_empty() {
        let e = super::Read::policy(tx)?.environments;
        for (customer, device, ua, ip, seen) in &rows {
            let (browser, os) = ua.as_deref().map(reduce_user_agent).unwrap_or_default();
            let network = ip
                .as_deref()
                .and_then(|i| i.parse().ok())
                .map(|i| network_of(i, e.ipv4_prefix, e.ipv6_prefix));
            tx.exec().execute(
                "INSERT INTO login_environment
                   (customer, device_hash, browser, os, network, device, first_seen, last_seen)
                 VALUES (?1, NULL, ?2, ?3, ?4, ?5, ?6, ?6)",
                params![customer, browser, os, network, device, seen],
            )?;
        }
    }
    tx.exec().execute("DROP TABLE login_env", params![])?;
    Ok(())
}
