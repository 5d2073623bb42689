//! The policy in force: one row, stored as the TOML staff read and write.

use rusqlite::params;

use super::{Ledger, Tx};
use crate::error::{Error, Result};
use crate::policy::Policy;

impl Tx<'_> {
    /// Replace the policy in force (the caller writes the audit entry).
    pub fn set_policy(&mut self, policy: &Policy) -> Result<()> {
        let at = crate::clock::to_stored(self.now());
        self.conn()
            .execute(
                "INSERT INTO policy (id, body, updated_at) VALUES (1, ?1, ?2)
                 ON CONFLICT (id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at",
                params![policy.to_toml(), at],
            )
            .map_err(|e| self.err(e))?;
        self.policy = Some(policy.clone());
        Ok(())
    }

    /// The policy in force (read once per transaction).
    pub fn policy(&mut self) -> Result<&Policy> {
        if self.policy.is_none() {
            let body: String = self
                .conn()
                .query_row("SELECT body FROM policy WHERE id = 1", [], |r| r.get(0))
                .map_err(|e| self.err(e))?;
            self.policy = Some(parse_stored(&self.target.path, &body)?);
        }
        Ok(self.policy.as_ref().expect("policy loaded above"))
    }
}

fn parse_stored(path: &std::path::Path, body: &str) -> Result<Policy> {
    Policy::from_toml(body).map_err(|e| Error::Corrupt {
        path: path.to_path_buf(),
        detail: format!("stored policy: {e:?}"),
    })
}

impl Ledger {
    /// The policy in force.
    pub fn policy(&self) -> Result<Policy> {
        let body: String = self
            .conn
            .query_row("SELECT body FROM policy WHERE id = 1", [], |r| r.get(0))
            .map_err(|e| self.err(e))?;
        parse_stored(self.path(), &body)
    }
}
