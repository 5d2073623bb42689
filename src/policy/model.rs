//! The policy data model: what `policy show` prints and `policy set --file` reads.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

pub use crate::vocab::{Destination, Kind};

/// The whole policy. Every field is required in a TOML file except
/// `lockout.login_threshold`; unknown fields are refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    /// Days an issued initial execution password stays valid (the `deadline`
    /// column of `password issue`); after that `audit` reports `initial_expired`.
    pub initial_password_days: u32,
    pub login: KindPolicy,
    pub execution: KindPolicy,
    pub lockout: Lockout,
    pub hashing: Argon2Params,
    pub generator: Generator,
    /// Default of every notice type (key: the type name of CLI.md).
    pub notices: BTreeMap<String, NoticeDefault>,
    /// The support desk line every notice ends with.
    #[serde(default = "default_support_desk")]
    pub support_desk: String,
    /// The support desk's telephone number, which a notice of a login from
    /// a new environment asks the customer to call (digits, `-`, `(`, `)`,
    /// spaces, a leading `+`; empty: the notice names the desk only).
    #[serde(default)]
    pub support_phone: String,
    /// One-time codes by email (withdrawals, data views); absent in a file
    /// written before they existed: the defaults.
    #[serde(default)]
    pub authcode: AuthCode,
    /// Four-eyes approval: which actions need a second person; absent in a
    /// file written before it existed (and in every preset): none.
    #[serde(default)]
    pub approval: Approval,
    /// Known login environments (N2): how long one is remembered and how an
    /// address is reduced to its network; absent in a file written before
    /// it existed: the defaults.
    #[serde(default)]
    pub environments: Environments,
    /// Where notices may leave from (auth codes included); absent in a file
    /// written before it existed: any relay.
    #[serde(default)]
    pub mail: Mail,
}

/// `[mail]`: the relays notices may go through. A host's `[smtp]` (its
/// configuration file, which whoever runs acctsec chooses) names the relay
/// it uses; the policy, in the ledger and changed only by `policy set`
/// (under approval when `policy.set` is listed), says which relays may carry
/// the ledger's notices, so that nobody can have auth codes and addresses
/// mailed to a relay of their own by writing a configuration file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mail {
    /// `host` or `host:port` (`[v6]:port` for an IPv6 address): the relays
    /// `notify send` and `authcode issue` may connect to. Empty: any.
    #[serde(default)]
    pub relays: Vec<String>,
}

/// At most this many relays in `[mail] relays`.
pub const MAX_RELAYS: usize = 16;

impl Mail {
    /// Whether a notice may go through the relay at `host`:`port`: the list
    /// is empty, or an entry names that host and that port or none. Names
    /// compare case aside and without a final dot; addresses as addresses
    /// (`::1` is `0:0:0:0:0:0:0:1`).
    pub fn allows(&self, host: &str, port: u16) -> bool {
        let host = same_host(host);
        self.relays.is_empty()
            || self
                .listed()
                .any(|(h, p)| h == host && p.is_none_or(|p| p == port))
    }

    /// Whether `new` lets notices go through a relay `self` does not:
    /// emptying a list (any relay), a host not listed, or any port of a host
    /// listed with one.
    pub fn widened_by(&self, new: &Mail) -> bool {
        if self.relays.is_empty() {
            return false;
        }
        new.relays.is_empty()
            || new.relays.iter().any(|r| match parse_relay(r) {
                Some((h, Some(port))) => !self.allows(h, port),
                Some((h, None)) => {
                    let h = same_host(h);
                    !self.listed().any(|(o, p)| p.is_none() && o == h)
                }
                None => true,
            })
    }

    /// The entries as they compare: (host as [`same_host`] has it, port).
    fn listed(&self) -> impl Iterator<Item = (String, Option<u16>)> + '_ {
        self.relays
            .iter()
            .filter_map(|r| parse_relay(r))
            .map(|(h, p)| (same_host(h), p))
    }
}

impl Policy {
    /// Whether going from `self` to `new` weakens a control so that it
    /// needs approval while any action does, whether or not `policy.set` is
    /// listed: an action taken out of approval, requests left open longer,
    /// or notices let through a relay the policy did not allow.
    pub fn weakened_by(&self, new: &Policy) -> bool {
        self.approval.weakened_by(&new.approval)
            || (!self.approval.required_for.is_empty() && self.mail.widened_by(&new.mail))
    }
}

/// A host as it compares: an address in its canonical form, a name in
/// lower case without its final dot.
fn same_host(host: &str) -> String {
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    match bare.parse::<std::net::IpAddr>() {
        Ok(ip) => ip.to_string(),
        Err(_) => bare.trim_end_matches('.').to_ascii_lowercase(),
    }
}

/// A `[mail] relays` entry as (host, port): `host`, `host:port`, `[v6]` or
/// `[v6]:port`; `None` when it is none of those (an empty host, a space or
/// a control character, a port that is not 1..=65535).
pub fn parse_relay(entry: &str) -> Option<(&str, Option<u16>)> {
    let (host, port) = if let Some(rest) = entry.strip_prefix('[') {
        let (v6, after) = rest.split_once(']')?;
        v6.parse::<std::net::Ipv6Addr>().ok()?;
        match after {
            "" => (v6, None),
            p => (v6, Some(p.strip_prefix(':')?)),
        }
    } else {
        match entry.split_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (entry, None),
        }
    };
    let host_ok = !host.is_empty()
        && host.len() <= 253
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | ':'));
    if !host_ok {
        return None;
    }
    let port = match port {
        None => None,
        Some(p) => Some(p.parse::<u16>().ok().filter(|&p| p > 0)?),
    };
    Some((host, port))
}

/// `[environments]`: when a login's environment counts as known (N2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Environments {
    /// Days an environment stays known without a login from it (1..=400).
    #[serde(default = "default_known_for")]
    pub known_for_days: u32,
    /// The prefix length an IPv4 address is reduced to (8..=32).
    #[serde(default = "default_ipv4_prefix")]
    pub ipv4_prefix: u8,
    /// The prefix length an IPv6 address is reduced to (16..=128).
    #[serde(default = "default_ipv6_prefix")]
    pub ipv6_prefix: u8,
}

pub const DEFAULT_KNOWN_FOR_DAYS: u32 = 40;
pub const MAX_KNOWN_FOR_DAYS: u32 = 400;

fn default_known_for() -> u32 {
    DEFAULT_KNOWN_FOR_DAYS
}

fn default_ipv4_prefix() -> u8 {
    24
}

fn default_ipv6_prefix() -> u8 {
    48
}

impl Default for Environments {
    fn default() -> Self {
        Environments {
            known_for_days: DEFAULT_KNOWN_FOR_DAYS,
            ipv4_prefix: default_ipv4_prefix(),
            ipv6_prefix: default_ipv6_prefix(),
        }
    }
}

/// The support desk line of a new ledger (change it with `policy set --file`).
pub const DEFAULT_SUPPORT_DESK: &str = "サポートデスク（平日 8:00〜17:00）";

fn default_support_desk() -> String {
    DEFAULT_SUPPORT_DESK.to_string()
}

impl Policy {
    pub fn kind(&self, kind: Kind) -> &KindPolicy {
        match kind {
            Kind::Login => &self.login,
            Kind::Execution => &self.execution,
        }
    }

    /// The default subscription of a notice type (the seeds' default when
    /// the policy does not name it).
    pub fn notice_default(&self, t: crate::vocab::NoticeType) -> NoticeDefault {
        self.notices
            .get(t.name())
            .copied()
            .unwrap_or(NoticeDefault {
                enabled: t.seed_default(),
                to: Destination::Pc,
            })
    }

    pub fn support_desk(&self) -> &str {
        &self.support_desk
    }

    pub fn kind_mut(&mut self, kind: Kind) -> &mut KindPolicy {
        match kind {
            Kind::Login => &mut self.login,
            Kind::Execution => &mut self.execution,
        }
    }
}

/// Rules for one kind of password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KindPolicy {
    /// Minimum length in characters.
    pub min_len: usize,
    /// Maximum length in characters.
    pub max_len: usize,
    pub charset: Charset,
    /// No reuse of the last N passwords of this kind (0: off; at most 24).
    pub history: u32,
    pub classes: Classes,
    pub rules: Rules,
}

/// Which characters a password may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Charset {
    /// Visible ASCII `!`..`~`: letters, digits and symbols (no space).
    PrintableAscii,
    /// ASCII letters and digits only.
    Alphanumeric,
}

impl Charset {
    pub fn as_str(self) -> &'static str {
        match self {
            Charset::PrintableAscii => "printable_ascii",
            Charset::Alphanumeric => "alphanumeric",
        }
    }

    /// Whether the charset lets a character of `class` in.
    pub fn allows_class(self, class: Class) -> bool {
        !(self == Charset::Alphanumeric && class == Class::Symbol)
    }

    /// Whether `c` is allowed (no space, no control, no non-ASCII).
    pub fn allows(self, c: char) -> bool {
        match self {
            Charset::PrintableAscii => c.is_ascii_graphic(),
            Charset::Alphanumeric => c.is_ascii_alphanumeric(),
        }
    }
}

/// A character class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Class {
    Upper,
    Lower,
    Digit,
    Symbol,
}

impl Class {
    pub const ALL: [Class; 4] = [Class::Upper, Class::Lower, Class::Digit, Class::Symbol];

    pub fn as_str(self) -> &'static str {
        match self {
            Class::Upper => "upper",
            Class::Lower => "lower",
            Class::Digit => "digit",
            Class::Symbol => "symbol",
        }
    }

    /// The class of an ASCII character (`None` for space, control, non-ASCII).
    pub fn of(c: char) -> Option<Class> {
        if c.is_ascii_uppercase() {
            Some(Class::Upper)
        } else if c.is_ascii_lowercase() {
            Some(Class::Lower)
        } else if c.is_ascii_digit() {
            Some(Class::Digit)
        } else if c.is_ascii_punctuation() {
            Some(Class::Symbol)
        } else {
            None
        }
    }

    pub(super) fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

impl fmt::Display for Class {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Composition: at least `at_least` of the classes in `from`, and every
/// class in `required`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Classes {
    pub at_least: u8,
    pub from: Vec<Class>,
    pub required: Vec<Class>,
}

/// Guessability rules (P7), each on or off. `length`, `classes` and
/// `charset` are always on; `reused` is on when `history` > 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rules {
    pub customer_code: bool,
    pub birth_date: bool,
    pub phone: bool,
    pub sequence: bool,
    pub repeat: bool,
    pub common: bool,
    pub same_as_other: bool,
}

impl Rules {
    pub const ALL_ON: Rules = Rules {
        customer_code: true,
        birth_date: true,
        phone: true,
        sequence: true,
        repeat: true,
        common: true,
        same_as_other: true,
    };
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lockout {
    /// Lock the account when consecutive failed execution-password
    /// attempts reach this number (1..=100).
    pub execution_threshold: u32,
    /// The same for the login password; absent: no login lockout.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub login_threshold: Option<u32>,
}

/// Argon2id cost parameters for new hashes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Argon2Params {
    /// Memory in KiB (at least 8 × p, at most 4 GiB).
    pub m_kib: u32,
    /// Iterations (1..=16).
    pub t: u32,
    /// Parallelism (1..=16).
    pub p: u32,
}

/// One-time auth codes sent by email before a withdrawal or a view of the
/// registered data (`acctsec authcode`). Every field is required in the
/// `[authcode]` section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuthCode {
    /// Decimal digits of a code (4..=10).
    pub digits: u32,
    /// Minutes a code stays valid after it is issued (1..=60).
    pub lifetime_minutes: u32,
    /// Wrong tries that end a code (1..=10); the last one exits 3.
    pub max_tries: u32,
    /// Seconds between two issues for one customer and purpose (0..=3600).
    pub cooldown_seconds: u32,
    /// Codes issued to one customer for one purpose in a day (JST) before
    /// the purpose locks until staff clear it (1..=1000). A policy stored
    /// before this field gets the default.
    #[serde(default = "default_max_issues_per_day")]
    pub max_issues_per_day: u32,
    /// Wrong tries of one customer's codes for one purpose in a day (JST)
    /// before the purpose locks until staff clear it (1..=1000).
    #[serde(default = "default_max_wrong_per_day")]
    pub max_wrong_per_day: u32,
    /// Argon2id cost of the stored code: whoever reads the ledger file must
    /// not find a live code within its lifetime (see `tests/bench/authcode.rs`).
    pub hashing: Argon2Params,
}

fn default_max_issues_per_day() -> u32 {
    AuthCode::default().max_issues_per_day
}

fn default_max_wrong_per_day() -> u32 {
    AuthCode::default().max_wrong_per_day
}

impl Default for AuthCode {
    /// Six digits, ten minutes, five tries, one minute between issues, ten
    /// codes and ten wrong tries a day for each purpose;
    /// Argon2id m=19456 KiB (the passwords' memory), t=16: about 60 ms a try
    /// on one core, 10^6 codes in about 17 hours.
    fn default() -> Self {
        AuthCode {
            digits: 6,
            lifetime_minutes: 10,
            max_tries: 5,
            cooldown_seconds: 60,
            max_issues_per_day: 10,
            max_wrong_per_day: 10,
            hashing: Argon2Params {
                m_kib: 19456,
                t: 16,
                p: 1,
            },
        }
    }
}

/// How initial execution passwords are generated (uniformly from `alphabet`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Generator {
    pub length: usize,
    pub alphabet: String,
}

/// Default subscription of one notice type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoticeDefault {
    pub enabled: bool,
    pub to: Destination,
}

/// Notice type names (CLI.md), in the order of PRODUCT.md N1-N11.
pub const NOTICE_TYPES: &[&str] = &[
    "login",
    "login_new_env",
    "withdrawal_request",
    "withdrawal_complete",
    "withdrawal_auth_code",
    "view_auth_code",
    "email_changed",
    "bank_account_changed",
    "trade_executed",
    "fund_executed",
    "account_info_changed",
];

/// Notices the customer may not turn off (N7, N8); a policy must keep them on.
pub const MANDATORY_NOTICES: &[&str] = &["email_changed", "bank_account_changed"];

/// Longest password any policy may allow (bounds input, not hashing cost).
pub const MAX_PASSWORD_LEN: usize = 128;
/// Most passwords a history may remember.
pub const MAX_HISTORY: u32 = 24;
/// Highest lockout threshold.
pub const MAX_LOCKOUT_THRESHOLD: u32 = 100;

/// What a change does, as far as four-eyes approval is concerned: the gate
/// of the operations layer checks every change's effects against
/// `[approval] required_for`, whichever command (or front end) asks for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Effect {
    /// Sets or replaces a customer's password or imported login hash.
    #[serde(rename = "credential.set")]
    CredentialSet,
    /// Changes a registered address or phone.
    #[serde(rename = "contact.change")]
    ContactChange,
    /// Turns a notice off, or marks sent a notice acctsec did not deliver.
    #[serde(rename = "notice.suppress")]
    NoticeSuppress,
    /// Shows or exports full personal data or live codes.
    #[serde(rename = "customer.unmask")]
    CustomerUnmask,
    /// Lifts a lock.
    #[serde(rename = "lock.remove")]
    LockRemove,
    /// Changes the policy.
    #[serde(rename = "policy.set")]
    PolicySet,
}

impl Effect {
    pub const ALL: [Effect; 6] = [
        Effect::CredentialSet,
        Effect::ContactChange,
        Effect::NoticeSuppress,
        Effect::CustomerUnmask,
        Effect::LockRemove,
        Effect::PolicySet,
    ];

    /// The name in the policy, in requests and in the audit trail.
    pub fn as_str(self) -> &'static str {
        match self {
            Effect::CredentialSet => "credential.set",
            Effect::ContactChange => "contact.change",
            Effect::NoticeSuppress => "notice.suppress",
            Effect::CustomerUnmask => "customer.unmask",
            Effect::LockRemove => "lock.remove",
            Effect::PolicySet => "policy.set",
        }
    }
}

/// A name `[approval] required_for` accepts: an [`Effect`], or one of the
/// second round's action names, kept valid as aliases of their effects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ApprovalAction {
    #[serde(rename = "credential.set")]
    CredentialSet,
    #[serde(rename = "contact.change")]
    ContactChange,
    #[serde(rename = "notice.suppress")]
    NoticeSuppress,
    /// Full personal data or live codes shown or exported.
    #[serde(rename = "customer.unmask")]
    CustomerUnmask,
    /// Lifting a lock.
    #[serde(rename = "lock.remove")]
    LockRemove,
    #[serde(rename = "policy.set")]
    PolicySet,
    /// Alias (second round): `unlock --reissue`, a password replaced:
    /// `credential.set` (a plain unlock stays as `lock.remove` says).
    #[serde(rename = "unlock.reissue")]
    UnlockReissue,
    /// Alias (second round): `password issue --reissue`: `credential.set`.
    #[serde(rename = "password.reissue")]
    PasswordReissue,
    /// Alias (second round): `customer set-email`: `contact.change`.
    #[serde(rename = "customer.set_email")]
    CustomerSetEmail,
}

impl ApprovalAction {
    pub const ALL: [ApprovalAction; 9] = [
        ApprovalAction::CredentialSet,
        ApprovalAction::ContactChange,
        ApprovalAction::NoticeSuppress,
        ApprovalAction::CustomerUnmask,
        ApprovalAction::LockRemove,
        ApprovalAction::PolicySet,
        ApprovalAction::UnlockReissue,
        ApprovalAction::PasswordReissue,
        ApprovalAction::CustomerSetEmail,
    ];

    /// The name in the policy.
    pub fn as_str(self) -> &'static str {
        match self {
            ApprovalAction::CredentialSet => "credential.set",
            ApprovalAction::ContactChange => "contact.change",
            ApprovalAction::NoticeSuppress => "notice.suppress",
            ApprovalAction::CustomerUnmask => "customer.unmask",
            ApprovalAction::LockRemove => "lock.remove",
            ApprovalAction::PolicySet => "policy.set",
            ApprovalAction::UnlockReissue => "unlock.reissue",
            ApprovalAction::PasswordReissue => "password.reissue",
            ApprovalAction::CustomerSetEmail => "customer.set_email",
        }
    }

    /// The effects this name puts under approval.
    pub fn effects(self) -> &'static [Effect] {
        match self {
            ApprovalAction::CredentialSet
            | ApprovalAction::PasswordReissue
            | ApprovalAction::UnlockReissue => &[Effect::CredentialSet],
            ApprovalAction::ContactChange | ApprovalAction::CustomerSetEmail => {
                &[Effect::ContactChange]
            }
            ApprovalAction::NoticeSuppress => &[Effect::NoticeSuppress],
            ApprovalAction::CustomerUnmask => &[Effect::CustomerUnmask],
            ApprovalAction::LockRemove => &[Effect::LockRemove],
            ApprovalAction::PolicySet => &[Effect::PolicySet],
        }
    }
}

impl FromStr for ApprovalAction {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        ApprovalAction::ALL
            .into_iter()
            .find(|a| a.as_str() == s)
            .ok_or(())
    }
}

/// How long a request stays open unless the policy says otherwise.
pub const DEFAULT_APPROVAL_EXPIRY: &str = "24h";
/// The longest a request may stay open, in minutes (30 days).
pub const MAX_APPROVAL_EXPIRY_MINUTES: u64 = 30 * 24 * 60;

/// `[approval]` section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Approval {
    /// The effects (or second-round action names, aliases of effects) that
    /// need a second person's approval (none: everyone acts alone).
    #[serde(default)]
    pub required_for: Vec<ApprovalAction>,
    /// How long a request stays open (`24h`, `90m`, `2d`).
    #[serde(default = "default_approval_expiry")]
    pub expires_after: String,
}

fn default_approval_expiry() -> String {
    DEFAULT_APPROVAL_EXPIRY.to_string()
}

impl Default for Approval {
    fn default() -> Self {
        Approval {
            required_for: Vec::new(),
            expires_after: default_approval_expiry(),
        }
    }
}

impl Approval {
    /// Whether a change with `effect` needs a second person.
    pub fn requires(&self, effect: Effect) -> bool {
        self.required_for
            .iter()
            .any(|a| a.effects().contains(&effect))
    }

    /// Whether any of `effects` needs a second person.
    pub fn requires_any(&self, effects: &[Effect]) -> bool {
        effects.iter().any(|e| self.requires(*e))
    }

    /// How long a request stays open (the default when the text does not
    /// read: a validated policy always reads).
    pub fn expiry(&self) -> chrono::Duration {
        crate::clock::parse_duration(&self.expires_after)
            .ok()
            .and_then(|d| chrono::Duration::from_std(d).ok())
            .unwrap_or_else(|| chrono::Duration::hours(24))
    }

    /// Whether going from `self` to `new` takes an action out of approval
    /// (turning approval off is taking every action out), or, while any
    /// action needs it, leaves requests open longer.
    pub fn weakened_by(&self, new: &Approval) -> bool {
        Effect::ALL
            .iter()
            .any(|e| self.requires(*e) && !new.requires(*e))
            || (!self.required_for.is_empty() && new.expiry() > self.expiry())
    }
}
