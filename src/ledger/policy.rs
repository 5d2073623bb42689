//! The policy in force: one row, stored as the TOML staff read and write.

use std::sync::Arc;

use super::Tx;
use super::exec::{Exec, params};
use crate::error::{Error, Result};
use crate::policy::Policy;

pub(super) fn load(db: &dyn Exec) -> Result<Policy> {
    let body = db.one(
        "SELECT body FROM policy WHERE id = 1",
        params![],
        |mut r| r.text(0),
    )?;
    Policy::from_toml(&body).map_err(|e| Error::Corrupt {
        path: db.path().to_path_buf(),
        detail: format!("stored policy: {e:?}"),
    })
}

impl Tx<'_> {
    /// Replace the policy in force (the caller writes the audit entry).
    pub fn set_policy(&mut self, policy: &Policy) -> Result<()> {
        let at = crate::clock::to_stored(self.now());
        self.exec().execute(
            "INSERT INTO policy (id, body, updated_at) VALUES (1, ?1, ?2)
             ON CONFLICT (id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at",
            params![policy.to_toml(), at],
        )?;
        self.policy = Arc::new(policy.clone()).into();
        Ok(())
    }
}
