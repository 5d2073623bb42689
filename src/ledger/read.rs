//! The one read API of the ledger, shared by [`Ledger`] and [`Tx`].

use crate::customer::Credential;
use std::collections::HashMap;
use std::sync::Arc;

use super::exec::Exec;
use super::{
    AccountScan, AuditAccount, AuditRow, AuditRun, CustomerFilter, Head, IssueRun, Ledger,
    LockedAccount, LogFilter, Notice, StateCounts, Tamper, Tx,
};
use super::{
    AuthCodeLock, AuthCodeRow, GuessCycle, RequestRow, audit, audit_findings, audit_runs,
    authcodes, credentials, customers, environments, guess_work, notify, policy, report, requests,
};
use crate::authcode::Purpose;
use crate::customer::{AccountState, Customer, Lock};
use crate::error::Result;
use crate::notify::{NoticeType, Subscription};
use crate::policy::{Kind, Policy};
use crate::rollout::Schedule;

mod sealed {
    /// Only the ledger's own types read, through their executor; the
    /// token keeps code outside the ledger from reaching the executor
    /// through a `Read` bound.
    pub trait Sealed {
        fn executor(&self, _: Inside) -> &dyn super::Exec;
    }

    /// Made only inside the ledger.
    pub struct Inside(pub(in crate::ledger) ());
}

/// The executor behind a reader.
fn db<R: Read + ?Sized>(r: &R) -> &dyn Exec {
    r.executor(sealed::Inside(()))
}

/// Every read of the ledger, with one signature for both an open [`Ledger`]
/// (reads without waiting for writers, each seeing the last commit) and a
/// [`Tx`] (reads under the write lock, seeing the transaction's own
/// changes). Bring it into scope with `use crate::ledger::Read;`.
pub trait Read: sealed::Sealed {
    // Auth codes.

    /// The customer's live auth code for `purpose` (perhaps expired: expiry
    /// is noticed by whoever looks).
    fn live_authcode(&self, code: &str, purpose: Purpose) -> Result<Option<AuthCodeRow>> {
        authcodes::live(db(self), code, purpose)
    }

    /// The live auth codes of one customer, or of everyone (`None`).
    /// The lock of a customer's auth codes for `purpose`, if any.
    fn authcode_lock(&self, code: &str, purpose: Purpose) -> Result<Option<AuthCodeLock>> {
        authcodes::lock(db(self), code, purpose)
    }

    /// Every auth code lock (of one customer, or all), oldest first.
    fn authcode_locks(&self, code: Option<&str>) -> Result<Vec<AuthCodeLock>> {
        authcodes::locks(db(self), code)
    }

    /// The codes issued to a customer for `purpose` since `since`, and the
    /// wrong tries made of them: (codes, wrong tries).
    fn authcodes_since(
        &self,
        code: &str,
        purpose: Purpose,
        since: chrono::DateTime<chrono::Utc>,
    ) -> Result<(u32, u32)> {
        authcodes::issued_since(db(self), code, purpose, since)
    }

    fn live_authcodes(&self, code: Option<&str>) -> Result<Vec<AuthCodeRow>> {
        authcodes::live_codes(db(self), code)
    }

    /// Auth code `id`, live or over.
    fn authcode(&self, id: i64) -> Result<Option<AuthCodeRow>> {
        authcodes::by_id(db(self), id)
    }

    /// When the customer's last auth code for `purpose` was issued.
    fn last_authcode_issue(
        &self,
        code: &str,
        purpose: Purpose,
    ) -> Result<Option<chrono::DateTime<chrono::Utc>>> {
        authcodes::last_issue(db(self), code, purpose)
    }

    // Customers.

    /// The customer's master record.
    fn customer(&self, code: &str) -> Result<Option<Customer>> {
        customers::customer(db(self), code)
    }

    /// The customer's master record, or [`crate::error::Error::NoCustomer`] (exit 4).
    fn require_customer(&self, code: &str) -> Result<Customer> {
        self.customer(code)?
            .ok_or_else(|| customers::no_customer(code))
    }

    /// The customer and the state of their account (passwords, lock).
    fn account(&self, code: &str) -> Result<Option<(Customer, AccountState)>> {
        customers::account(db(self), code)
    }

    /// As [`Read::account`], or [`crate::error::Error::NoCustomer`] (exit 4).
    fn require_account(&self, code: &str) -> Result<(Customer, AccountState)> {
        self.account(code)?
            .ok_or_else(|| customers::no_customer(code))
    }

    /// Customers in code order, with the number matching the filter.
    fn customers(&self, f: &CustomerFilter) -> Result<(Vec<(Customer, AccountState)>, u64)> {
        customers::customers(db(self), f)
    }

    /// Every customer code, in order.
    fn customer_codes(&self) -> Result<Vec<String>> {
        customers::customer_codes(db(self))
    }

    // Passwords and locks.

    /// The stored password of a kind.
    fn credential(&self, code: &str, kind: Kind) -> Result<Option<Credential>> {
        credentials::credential(db(self), code, kind)
    }

    /// The hashes of the last `n` passwords of a kind, newest first (the
    /// current one not included).
    fn history(&self, code: &str, kind: Kind, n: u32) -> Result<Vec<String>> {
        credentials::history(db(self), code, kind, n)
    }

    fn lock_of(&self, code: &str) -> Result<Option<Lock>> {
        credentials::lock_of(db(self), code)
    }

    /// Locked accounts, oldest lock first.
    fn locked_accounts(&self) -> Result<Vec<LockedAccount>> {
        credentials::locked_accounts(db(self))
    }

    /// Customer counts by execution-password state.
    fn state_counts(&self) -> Result<StateCounts> {
        credentials::state_counts(db(self))
    }

    // Bulk issuance runs.

    /// The newest unfinished `password issue` run into this file.
    fn running_issue(&self, out_path: &str) -> Result<Option<IssueRun>> {
        credentials::running_issue(db(self), out_path)
    }

    /// The newest finished `password issue` run into this file.
    fn finished_issue(&self, out_path: &str) -> Result<Option<i64>> {
        credentials::finished_issue(db(self), out_path)
    }

    /// Unfinished `password issue` runs: (file, customers holding a
    /// password from it).
    fn unfinished_issues(&self) -> Result<Vec<(String, u64)>> {
        credentials::unfinished_issues(db(self))
    }

    /// Customers whose current execution password was issued by `run`,
    /// with its hash.
    fn issued_in_run(&self, run: i64) -> Result<HashMap<String, String>> {
        credentials::issued_in_run(db(self), run)
    }

    /// The recorded rollout schedule, if any.
    fn rollout_schedule(&self) -> Result<Option<Schedule>> {
        credentials::rollout_schedule(db(self))
    }

    // Ledger facts and the policy.

    fn meta(&self, key: &str) -> Result<Option<String>> {
        credentials::meta(db(self), key)
    }

    /// The policy in force (a [`Tx`] reads it once).
    fn policy(&self) -> Result<Arc<Policy>> {
        policy::load(db(self)).map(Arc::new)
    }

    // Notices.

    /// The customer's effective subscription to one type.
    fn subscription(&self, code: &str, t: NoticeType) -> Result<Subscription> {
        let stored = notify::stored_subscription(db(self), code, t)?;
        Ok(notify::effective(&*self.policy()?, t, stored))
    }

    /// Every notice type with the customer's effective subscription.
    fn subscriptions(&self, code: &str) -> Result<Vec<(NoticeType, Subscription)>> {
        let stored = notify::stored_subscriptions(db(self), code)?;
        let policy = self.policy()?;
        Ok(NoticeType::ALL
            .into_iter()
            .map(|t| {
                let s = stored
                    .iter()
                    .find(|(n, _, _)| n == t.name())
                    .map(|(_, e, d)| (*e, d.clone()));
                (t, notify::effective(&policy, t, s))
            })
            .collect())
    }

    /// The customer's kept login environments, most recently used first
    /// (perhaps some past the policy's `known_for`, not yet pruned).
    fn login_environments(&self, code: &str) -> Result<Vec<crate::notify::environment::Known>> {
        environments::environments(db(self), code)
    }

    /// Queued notices, optionally of one status: most urgent first, then
    /// oldest first (the order `notify send` takes them in).
    fn outbox(&self, status: Option<&str>) -> Result<Vec<Notice>> {
        notify::outbox(db(self), status)
    }

    /// The oldest `limit` queued notices (all when `None`), optionally of
    /// one status, and how many there are.
    fn outbox_page(&self, status: Option<&str>, limit: Option<u64>) -> Result<(Vec<Notice>, u64)> {
        notify::outbox_page(db(self), status, limit)
    }

    // Requests awaiting approval.

    /// One request by id.
    fn request(&self, id: i64) -> Result<Option<RequestRow>> {
        requests::request(db(self), id)
    }

    /// Requests, oldest first, in one state as of `now` (`pending`,
    /// `approved`, `rejected`, `expired`) or all; only the newest `limit`
    /// of them when given.
    fn requests(
        &self,
        state: Option<&str>,
        now: chrono::DateTime<chrono::Utc>,
        limit: Option<u64>,
    ) -> Result<Vec<RequestRow>> {
        requests::requests(db(self), state, now, limit)
    }

    /// Notice `id`, if there is one.
    fn notice(&self, id: i64) -> Result<Option<Notice>> {
        notify::notice(db(self), id)
    }

    /// The `notify send` run holding notice `id`'s claim, and until when.
    fn notice_claim(&self, id: i64) -> Result<Option<(String, String)>> {
        notify::claim_of(db(self), id)
    }

    /// The pending notices `notify send` would take at `now`, most urgent
    /// first and then oldest first (at most `limit`): due, unclaimed, not
    /// exported, and not sealed to a key other than the one whose bodies
    /// start with `open`.
    fn due_notices(
        &self,
        now: chrono::DateTime<chrono::Utc>,
        limit: u64,
        open: Option<&str>,
    ) -> Result<Vec<Notice>> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        notify::due_notices(db(self), &crate::clock::to_stored(now), limit, open)
    }

    /// Whether a notice more urgent than `than` is due at `now` (for a run
    /// whose key opens the sealed bodies starting with `open`).
    fn urgent_due(
        &self,
        now: chrono::DateTime<chrono::Utc>,
        than: crate::notify::Priority,
        open: Option<&str>,
    ) -> Result<bool> {
        notify::urgent_due(db(self), &crate::clock::to_stored(now), than, open)
    }

    /// The pending code notices sealed to another key than the one whose
    /// bodies start with `open` (to any key when `None`).
    fn sealed_elsewhere(&self, open: Option<&str>) -> Result<u64> {
        notify::sealed_elsewhere(db(self), open)
    }

    // The audit trail.

    /// The newest entry, if any.
    fn head(&self) -> Result<Option<Head>> {
        audit::head(db(self))
    }

    /// Entries matching the filter, oldest first.
    fn log(&self, f: &LogFilter) -> Result<Vec<AuditRow>> {
        audit::log(db(self), f)
    }

    /// The trail's `request.create` entry of request `id`.
    fn request_entry(&self, id: i64) -> Result<Option<AuditRow>> {
        audit::request_entry(db(self), id)
    }

    /// The trail's entry `seq`, if there is one.
    fn entry(&self, seq: u64) -> Result<Option<AuditRow>> {
        audit::entry(db(self), seq)
    }

    /// Walk the whole chain. `Ok((count, None))` when intact; the first bad
    /// entry otherwise. With `known_head`, also require that the trail still
    /// holds that entry unchanged (catches truncation after it).
    fn verify_log(&self, known_head: Option<&Head>) -> Result<(u64, Option<Tamper>)> {
        audit::verify_log(db(self), known_head)
    }

    /// Weak-credential audit runs, newest last (at most `limit`, newest kept).
    fn audit_runs(&self, limit: Option<u64>) -> Result<Vec<AuditRun>> {
        audit_runs::audit_runs(db(self), limit)
    }

    /// Guessing cycle `id`.
    fn guess_cycle(&self, id: i64) -> Result<Option<GuessCycle>> {
        guess_work::guess_cycle(db(self), id)
    }

    /// The accounts a scan selects, with their credentials and stored
    /// guessable findings, handed to `each` one at a time in code order
    /// (until it says [`ControlFlow::Break`]).
    fn audit_accounts(
        &self,
        scan: &AccountScan,
        each: &mut dyn FnMut(AuditAccount) -> Result<std::ops::ControlFlow<()>>,
    ) -> Result<()> {
        audit_findings::audit_accounts(db(self), scan, each)
    }

    /// Feed the report's replay with the trail's state changes, in order,
    /// and the hourly counts of failed verifications and notices.
    fn report_replay(&self, r: &mut crate::report::Replay) -> Result<()> {
        report::replay(db(self), r)
    }

    /// The sensitive actions since `since` per authenticated identity:
    /// `(identity, action, count)`.
    fn staff_actions(
        &self,
        since: chrono::DateTime<chrono::Utc>,
    ) -> Result<Vec<(String, String, u64)>> {
        report::staff_actions(db(self), &crate::clock::to_stored(since))
    }
}

impl sealed::Sealed for Ledger {
    fn executor(&self, _: sealed::Inside) -> &dyn Exec {
        self.exec()
    }
}

impl Read for Ledger {}

impl sealed::Sealed for Tx<'_> {
    fn executor(&self, _: sealed::Inside) -> &dyn Exec {
        self.exec()
    }
}

impl Read for Tx<'_> {
    /// Read once per transaction: nobody else can change it while the
    /// transaction holds the write lock, and [`Tx::set_policy`] updates it.
    fn policy(&self) -> Result<Arc<Policy>> {
        if let Some(p) = self.policy.get() {
            return Ok(p.clone());
        }
        let p = Arc::new(policy::load(self.exec())?);
        Ok(self.policy.get_or_init(|| p).clone())
    }
}
