//! The configuration file: per-host settings that do not belong in the
//! shared ledger (CLI.md `--config PATH` / `ACCTSEC_CONFIG`). It is never
//! stored in the ledger, and holds no secret itself: a secret lives in a file
//! of its own (mode 0600) that the configuration names.
//!
//! Where it is: `--config PATH` (which must exist), else
//! `$XDG_CONFIG_HOME/acctsec/config.toml` (`~/.config/...`), else
//! `/etc/acctsec/config.toml`; with none of these the configuration is empty.
//!
//! ```toml
//! [trail]
//! signing_key_file = "/etc/acctsec/trail-seal.key"   # the sealing host only
//! public_keys = ["ed25519:..."]                       # every host that verifies
//! retired_keys = []                                   # keys taken out of service after a leak
//! max_seal_age = "2d"
//!
//! [audit]
//! worker = "batch-3"     # this host's name in `audit history` (default: host name and process id)
//! chunk = "60s"          # how much guessing work a worker claims at a time
//! lease = "90s"          # how long its claim holds unrenewed (a dead worker's work returns after it)
//!
//! [notify]
//! seal_public_key = "x25519:..."                      # hosts that issue codes without [smtp]
//! seal_key_file = "/etc/acctsec/notify-seal.key"      # the host that runs `notify send`
//! ```
//!
//! Each table is its own struct with `deny_unknown_fields`, so a misspelt key
//! is an error naming it and its line; a new table (`[smtp]`) is one more
//! field of [`File`].

use std::io::Read;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Deserializer};
use zeroize::Zeroizing;

use crate::notify::sealed::{OpenKey, SealTo};
use crate::seal::{Keys, PublicKey, SigningKey};

/// The loaded configuration.
#[derive(Debug, Default, Clone)]
pub struct Config {
    /// The file it came from (`None`: no file, an empty configuration).
    pub path: Option<PathBuf>,
    pub trail: TrailConfig,
    /// `[smtp]`: the relay `notify send` delivers through (`None`: no table).
    pub smtp: Option<SmtpConfig>,
    pub audit: AuditConfig,
    pub notify: NotifyConfig,
}

/// `[notify]`: how auth codes reach the host that mails them, when the host
/// that issues them has no `[smtp]` of its own (see
/// [`crate::notify::sealed`]). Keys, like every per-host setting, live
/// here: never in the ledger, never on the command line.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NotifyConfig {
    /// The issuing host: the public key (`x25519:...`, printed by
    /// `notify keygen`) its code notices are sealed to.
    #[serde(default, deserialize_with = "seal_to")]
    pub seal_public_key: Option<SealTo>,
    /// The sending host: the private key file (PEM, mode 0600) that opens
    /// them; relative to the configuration file's directory.
    pub seal_key_file: Option<PathBuf>,
}

/// `[audit]`: this host as a worker of the guessing audit.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuditConfig {
    /// The name this worker goes by in the ledger (`audit history`, the
    /// audit trail); default: the host name and the process id.
    #[serde(default, deserialize_with = "worker_name")]
    pub worker: Option<String>,
    /// How much work (by this worker's measured rate) a chunk is cut to.
    #[serde(default, deserialize_with = "duration")]
    pub chunk: Option<Duration>,
    /// How long a claim of this worker holds without renewal (it renews
    /// every third of it while it works).
    #[serde(default, deserialize_with = "duration")]
    pub lease: Option<Duration>,
}

/// A worker name: 1 to 64 printable characters, no spaces at the ends.
fn worker_name<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let text = String::deserialize(d)?;
    let ok = !text.is_empty()
        && text.chars().count() <= 64
        && text.trim() == text
        && !text.chars().any(char::is_control);
    if ok {
        Ok(Some(text))
    } else {
        Err(serde::de::Error::custom(
            "a worker name is 1 to 64 printable characters without spaces at either end",
        ))
    }
}

/// The file's tables.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    trail: TrailConfig,
    smtp: Option<SmtpConfig>,
    #[serde(default)]
    audit: AuditConfig,
    #[serde(default)]
    notify: NotifyConfig,
}

/// `[smtp]`: the broker's mail relay (`notify send`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SmtpConfig {
    /// The relay's host name (also the name its certificate must carry).
    pub host: String,
    pub port: u16,
    pub tls: TlsMode,
    /// Extra CA certificates (PEM) the relay's certificate may chain to;
    /// relative to the configuration file's directory.
    pub ca_file: Option<PathBuf>,
    /// The From of every notice: `Name <address>` or `address`.
    #[serde(deserialize_with = "mailbox")]
    pub from: String,
    #[serde(default, deserialize_with = "opt_mailbox")]
    pub reply_to: Option<String>,
    pub username: Option<String>,
    /// Allow the login over a connection without TLS (`tls = "none"`): the
    /// password would cross the network in clear. Off unless said.
    #[serde(default)]
    pub allow_plaintext_auth: bool,
    /// The file holding the password (mode 0600 or 0400); relative to the
    /// configuration file's directory. Else `ACCTSEC_SMTP_PASSWORD`.
    pub password_file: Option<PathBuf>,
    /// At most this many messages a minute (no limit when absent).
    #[serde(default, deserialize_with = "per_minute")]
    pub max_per_minute: Option<u32>,
    /// The mail domains whose addresses get ISO-2022-JP (and their
    /// subdomains).
    #[serde(default = "default_jis_domains")]
    pub iso2022jp_domains: Vec<String>,
}

/// How the connection to the relay is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TlsMode {
    /// Plain connection, then STARTTLS (required: refused without it).
    Starttls,
    /// TLS from the first byte (port 465).
    Tls,
    /// No TLS (a relay on the same host or a trusted network only).
    None,
}

/// The variable that may hold the relay's password instead of a file.
pub const SMTP_PASSWORD_VAR: &str = "ACCTSEC_SMTP_PASSWORD";

fn default_jis_domains() -> Vec<String> {
    crate::notify::mail::DEFAULT_ISO2022JP_DOMAINS
        .iter()
        .map(|d| d.to_string())
        .collect()
}

fn mailbox<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let text = String::deserialize(d)?;
    check_mailbox(&text).map_err(serde::de::Error::custom)?;
    Ok(text)
}

fn opt_mailbox<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    mailbox(d).map(Some)
}

/// `Name <local@domain>` or `local@domain`, one line.
fn check_mailbox(text: &str) -> Result<(), String> {
    let addr = match (text.rfind('<'), text.ends_with('>')) {
        (Some(i), true) => &text[i + 1..text.len() - 1],
        (None, false) => text.trim(),
        _ => "",
    };
    let ok = !text.chars().any(char::is_control)
        && addr.is_ascii()
        && addr
            .split_once('@')
            .is_some_and(|(l, d)| !l.is_empty() && d.contains('.') && !d.contains('@'))
        && !addr.contains(char::is_whitespace);
    if ok {
        Ok(())
    } else {
        Err(format!(
            "`{text}` is not a mail address like \"証券 お知らせ <noreply@example.co.jp>\" or \"noreply@example.co.jp\""
        ))
    }
}

fn per_minute<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    let n = i64::deserialize(d)?;
    match u32::try_from(n) {
        Ok(n) if n > 0 => Ok(Some(n)),
        _ => Err(serde::de::Error::custom(format!(
            "max_per_minute must be a whole number from 1 up, not {n}"
        ))),
    }
}

/// `[trail]`: the seals of the audit trail.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrailConfig {
    /// The private key `log seal` signs with (PEM, mode 0600). Relative to
    /// the configuration file's directory.
    pub signing_key_file: Option<PathBuf>,
    /// Keys whose seals `log verify` accepts (several: rotation).
    #[serde(default, deserialize_with = "public_keys")]
    pub public_keys: Vec<PublicKey>,
    /// Keys whose seals are ignored: taken out of service after a leak.
    #[serde(default, deserialize_with = "public_keys")]
    pub retired_keys: Vec<PublicKey>,
    /// The newest good seal must be younger than this.
    #[serde(default, deserialize_with = "duration")]
    pub max_seal_age: Option<Duration>,
}

/// What is wrong with the configuration; `messages::trail` says it.
#[derive(Debug)]
pub enum ConfigError {
    /// An explicitly named configuration file does not exist.
    Missing { path: PathBuf },
    /// A file cannot be read (exit 74).
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    /// Not valid TOML, an unknown key, or a bad value.
    Parse {
        path: PathBuf,
        line: Option<usize>,
        detail: String,
    },
    /// A table or key of the ledger's policy (`[approval]`, `[lockout]`,
    /// `support_desk`...): it belongs in `policy set --file`, not here.
    PolicyKey {
        path: PathBuf,
        line: Option<usize>,
        /// The key as written (`approval`).
        key: String,
        /// Whether it is a table (`[approval]`) rather than a value.
        table: bool,
    },
    /// A key is both trusted and retired.
    KeyBothWays { path: PathBuf, key: String },
    /// `log seal` needs `[trail] signing_key_file`.
    NoSigningKey { config: Option<PathBuf> },
    /// The signing key file does not exist.
    KeyFileMissing { path: PathBuf },
    /// Group or others may read or write the signing key file.
    KeyFileOpen { path: PathBuf, mode: u32 },
    /// The signing key file holds no Ed25519 private key.
    KeyFileInvalid { path: PathBuf },
    /// `notify send` needs an `[smtp]` table.
    NoSmtp { config: Option<PathBuf> },
    /// `[smtp] password_file` does not exist.
    PasswordFileMissing { path: PathBuf },
    /// Group or others may access `[smtp] password_file`.
    PasswordFileOpen { path: PathBuf, mode: u32 },
    /// `[smtp] password_file` is empty, too long or not one line of text.
    PasswordFileInvalid { path: PathBuf },
    /// `[smtp] username` without a password (no file, no variable).
    NoSmtpPassword { config: Option<PathBuf> },
    /// `[smtp] username` with `tls = "none"` and no `allow_plaintext_auth =
    /// true`: the password would go in clear.
    PlaintextAuth { path: PathBuf },
    /// `authcode issue` has no way to get a code to the customer without
    /// storing it readable: neither `[smtp]` (deliver it now) nor `[notify]
    /// seal_public_key` (seal it to the sending host).
    NoCodeRoute { config: Option<PathBuf> },
    /// `[notify] seal_key_file` does not exist.
    SealKeyFileMissing { path: PathBuf },
    /// Group or others may access `[notify] seal_key_file`.
    SealKeyFileOpen { path: PathBuf, mode: u32 },
    /// `[notify] seal_key_file` holds no X25519 private key.
    SealKeyFileInvalid { path: PathBuf },
}

/// The largest configuration file read (a few KiB of TOML).
const MAX_CONFIG_FILE: u64 = 1 << 20;

/// The text of a configuration file: a regular file of at most
/// [`MAX_CONFIG_FILE`] bytes, UTF-8.
fn read_text(path: &Path) -> std::io::Result<String> {
    let bytes = crate::secretfile::read_regular(path, MAX_CONFIG_FILE)?;
    String::from_utf8(bytes)
        .map_err(|_| std::io::Error::new(std::io::ErrorKind::InvalidData, "not UTF-8 text"))
}

impl Config {
    /// Load the configuration: `explicit` (`--config`), which must exist,
    /// or the first of the default places that exists, or none.
    pub fn load(explicit: Option<&Path>) -> Result<Config, ConfigError> {
        match explicit {
            Some(p) => match read_text(p) {
                Ok(text) => Config::parse(p, &text),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(ConfigError::Missing {
                    path: p.to_path_buf(),
                }),
                Err(e) => Err(ConfigError::Read {
                    path: p.to_path_buf(),
                    source: e,
                }),
            },
            None => {
                for p in default_paths() {
                    match read_text(&p) {
                        Ok(text) => return Config::parse(&p, &text),
                        Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                        Err(e) => return Err(ConfigError::Read { path: p, source: e }),
                    }
                }
                Ok(Config::default())
            }
        }
    }

    /// Parse the text of the file at `path`.
    pub fn parse(path: &Path, text: &str) -> Result<Config, ConfigError> {
        if let Some(e) = policy_key(path, text) {
            return Err(e);
        }
        let file: File = toml::from_str(text).map_err(|e| {
            let start = e.span().map(|s| s.start.min(text.len()));
            let mut detail = e.message().trim().to_string();
            // A missing key is reported at its table's header: name it.
            if let Some(header) = start
                .and_then(|s| text[s..].lines().next())
                .map(str::trim)
                .filter(|h| h.starts_with('['))
            {
                detail = format!("{detail} in {header}");
            }
            ConfigError::Parse {
                path: path.to_path_buf(),
                line: start
                    .map(|s| 1 + text.as_bytes()[..s].iter().filter(|b| **b == b'\n').count()),
                detail,
            }
        })?;
        let mut trail = file.trail;
        if let Some(k) = trail
            .public_keys
            .iter()
            .find(|k| trail.retired_keys.contains(k))
        {
            return Err(ConfigError::KeyBothWays {
                path: path.to_path_buf(),
                key: k.to_string(),
            });
        }
        let dir = path.parent().unwrap_or(Path::new("."));
        trail.signing_key_file = trail.signing_key_file.map(|k| dir.join(k));
        if let Some(s) = &file.smtp
            && s.username.is_some()
            && s.tls == TlsMode::None
            && !s.allow_plaintext_auth
        {
            return Err(ConfigError::PlaintextAuth {
                path: path.to_path_buf(),
            });
        }
        let smtp = file.smtp.map(|mut s| {
            s.ca_file = s.ca_file.map(|f| dir.join(f));
            s.password_file = s.password_file.map(|f| dir.join(f));
            s
        });
        let mut notify = file.notify;
        notify.seal_key_file = notify.seal_key_file.map(|f| dir.join(f));
        Ok(Config {
            path: Some(path.to_path_buf()),
            trail,
            smtp,
            audit: file.audit,
            notify,
        })
    }
}

/// The top-level keys of the ledger's policy (`policy show --format json`):
/// put in this file by mistake, they are refused with where they belong.
pub const POLICY_KEYS: &[&str] = &[
    "initial_password_days",
    "login",
    "execution",
    "lockout",
    "hashing",
    "generator",
    "notices",
    "support_desk",
    "support_phone",
    "authcode",
    "approval",
    "environments",
    "mail",
];

/// The first top-level key of `text` that is part of the policy, as an
/// error naming its line (`None`: none, or not TOML: the parse says that).
fn policy_key(path: &Path, text: &str) -> Option<ConfigError> {
    let table = toml::from_str::<toml::Table>(text).ok()?;
    table
        .iter()
        .filter(|(k, _)| POLICY_KEYS.contains(&k.as_str()))
        .map(|(k, v)| (key_line(text, k), k, v.is_table() || v.is_array()))
        .min_by_key(|(line, _, _)| line.unwrap_or(usize::MAX))
        .map(|(line, key, table)| ConfigError::PolicyKey {
            path: path.to_path_buf(),
            line,
            key: key.clone(),
            table,
        })
}

/// The line (from 1) where the top-level `key` is first written: as a
/// header (`[key]`, `[key.sub]`, `[[key]]`) or a value (`key = ...`).
fn key_line(text: &str, key: &str) -> Option<usize> {
    let mut top = true;
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if let Some(h) = line.strip_prefix('[') {
            let name = h.trim_start_matches('[').trim_start();
            let name = name.split([']', '.']).next().unwrap_or("").trim();
            let name = name.trim_matches(['"', '\'']);
            if name == key {
                return Some(i + 1);
            }
            top = false;
        } else if top {
            let name = line.split(['=', '.']).next().unwrap_or("").trim();
            if name.trim_matches(['"', '\'']) == key {
                return Some(i + 1);
            }
        }
    }
    None
}

impl TrailConfig {
    /// The keys this host trusts to have sealed the trail.
    pub fn keys(&self) -> Keys {
        Keys {
            trusted: self.public_keys.clone(),
            retired: self.retired_keys.clone(),
        }
    }

    /// Read the signing key. It must be private to its owner (mode 0600 or
    /// stricter). Its contents never reach an error message.
    pub fn signing_key(&self, config: Option<&Path>) -> Result<SigningKey, ConfigError> {
        let path = self
            .signing_key_file
            .as_deref()
            .ok_or_else(|| ConfigError::NoSigningKey {
                config: config.map(Path::to_path_buf),
            })?;
        let text = read_private(path, 4096, PrivateFile::SigningKey)?;
        SigningKey::from_pem(&text).map_err(|_| ConfigError::KeyFileInvalid {
            path: path.to_path_buf(),
        })
    }
}

impl NotifyConfig {
    /// The key that opens sealed code notices (`None`: this host has none,
    /// and leaves them for a host that has). It must be private to its
    /// owner (mode 0600 or stricter), a regular file of at most 4 KiB.
    pub fn open_key(&self) -> Result<Option<OpenKey>, ConfigError> {
        let Some(path) = self.seal_key_file.as_deref() else {
            return Ok(None);
        };
        let text = read_private(path, 4096, PrivateFile::SealKey)?;
        OpenKey::from_pem(&text)
            .map(Some)
            .map_err(|_| PrivateFile::SealKey.invalid(path))
    }
}

impl SmtpConfig {
    /// The relay's password: `password_file` (private to its owner: mode
    /// 0600 or 0400), else `ACCTSEC_SMTP_PASSWORD`; `None` without a
    /// username. Never from the command line; its contents never reach an
    /// error message.
    pub fn password(
        &self,
        config: Option<&Path>,
    ) -> Result<Option<Zeroizing<String>>, ConfigError> {
        if self.username.is_none() {
            return Ok(None);
        }
        if let Some(path) = self.password_file.as_deref() {
            return read_password_file(path).map(Some);
        }
        match std::env::var(SMTP_PASSWORD_VAR) {
            Ok(v) if !v.is_empty() => Ok(Some(Zeroizing::new(v))),
            _ => Err(ConfigError::NoSmtpPassword {
                config: config.map(Path::to_path_buf),
            }),
        }
    }

    /// The relay as messages and the trail name it: `host:port`
    /// (`[v6]:port` for an IPv6 address).
    pub fn relay(&self) -> String {
        if self.host.contains(':') && !self.host.starts_with('[') {
            format!("[{}]:{}", self.host, self.port)
        } else {
            format!("{}:{}", self.host, self.port)
        }
    }

    /// The domain of the From address (for Message-IDs).
    pub fn from_domain(&self) -> &str {
        let addr = self.from.trim_end_matches('>');
        addr.rsplit_once('@').map_or("localhost", |(_, d)| d)
    }
}

fn read_password_file(path: &Path) -> Result<Zeroizing<String>, ConfigError> {
    let text = read_private(path, 1024, PrivateFile::RelayPassword)?;
    let text = text.as_str();
    let line = text.strip_suffix('\n').unwrap_or(text);
    let line = line.strip_suffix('\r').unwrap_or(line);
    if line.is_empty() || line.chars().any(char::is_control) {
        return Err(PrivateFile::RelayPassword.invalid(path));
    }
    Ok(Zeroizing::new(line.to_string()))
}

/// A file holding a secret, named in its errors.
#[derive(Clone, Copy)]
enum PrivateFile {
    SigningKey,
    RelayPassword,
    SealKey,
}

impl PrivateFile {
    fn missing(self, path: &Path) -> ConfigError {
        let path = path.to_path_buf();
        match self {
            PrivateFile::SigningKey => ConfigError::KeyFileMissing { path },
            PrivateFile::RelayPassword => ConfigError::PasswordFileMissing { path },
            PrivateFile::SealKey => ConfigError::SealKeyFileMissing { path },
        }
    }

    fn open_to_others(self, path: &Path, mode: u32) -> ConfigError {
        let path = path.to_path_buf();
        match self {
            PrivateFile::SigningKey => ConfigError::KeyFileOpen { path, mode },
            PrivateFile::RelayPassword => ConfigError::PasswordFileOpen { path, mode },
            PrivateFile::SealKey => ConfigError::SealKeyFileOpen { path, mode },
        }
    }

    fn invalid(self, path: &Path) -> ConfigError {
        let path = path.to_path_buf();
        match self {
            PrivateFile::SigningKey => ConfigError::KeyFileInvalid { path },
            PrivateFile::RelayPassword => ConfigError::PasswordFileInvalid { path },
            PrivateFile::SealKey => ConfigError::SealKeyFileInvalid { path },
        }
    }
}

/// The text of a private file (a regular file of at most `max` bytes of
/// UTF-8), refused unless only its owner may read it. Zeroized when dropped;
/// read into room made up front, so no reallocation leaves a copy behind.
fn read_private(
    path: &Path,
    max: u64,
    kind: PrivateFile,
) -> Result<Zeroizing<String>, ConfigError> {
    let read_error = |source| ConfigError::Read {
        path: path.to_path_buf(),
        source,
    };
    // (Opened without blocking: a FIFO is refused below, not waited on.)
    let mut f = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => kind.missing(path),
            _ => read_error(e),
        })?;
    let meta = f.metadata().map_err(read_error)?;
    let mode = meta.permissions().mode() & 0o777;
    if mode & 0o077 != 0 {
        return Err(kind.open_to_others(path, mode));
    }
    if !meta.is_file() || meta.len() > max {
        return Err(kind.invalid(path));
    }
    let mut bytes = Zeroizing::new(Vec::with_capacity(max as usize + 1));
    (&mut f)
        .take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(read_error)?;
    if bytes.len() as u64 > max {
        return Err(kind.invalid(path));
    }
    match String::from_utf8(std::mem::take(&mut *bytes)) {
        Ok(text) => Ok(Zeroizing::new(text)),
        Err(e) => {
            drop(Zeroizing::new(e.into_bytes()));
            Err(kind.invalid(path))
        }
    }
}

/// The default places, in order: the user's, then the host's.
pub fn default_paths() -> Vec<PathBuf> {
    let user = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME")
                .filter(|v| !v.is_empty())
                .map(|h| PathBuf::from(h).join(".config"))
        });
    user.map(|d| d.join("acctsec").join("config.toml"))
        .into_iter()
        .chain([PathBuf::from("/etc/acctsec/config.toml")])
        .collect()
}

fn public_keys<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<PublicKey>, D::Error> {
    let texts = Vec::<String>::deserialize(d)?;
    texts
        .iter()
        .map(|t| {
            PublicKey::parse(t).map_err(|_| {
                serde::de::Error::custom(format!(
                    "`{}` is not an Ed25519 public key as `acctsec log keygen` prints it (ed25519: and 44 base64 characters)",
                    t
                ))
            })
        })
        .collect()
}

fn seal_to<'de, D: Deserializer<'de>>(d: D) -> Result<Option<SealTo>, D::Error> {
    let text = String::deserialize(d)?;
    SealTo::parse(&text).map(Some).map_err(|_| {
        serde::de::Error::custom(format!(
            "`{text}` is not an X25519 public key as `acctsec notify keygen` prints it (x25519: and 44 base64 characters)"
        ))
    })
}

fn duration<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Duration>, D::Error> {
    let text = String::deserialize(d)?;
    parse_duration(&text).map(Some).ok_or_else(|| {
        serde::de::Error::custom(format!(
            "`{}` is not a duration like \"2d\", \"36h\", \"90m\" or \"1h30m\"",
            text
        ))
    })
}

/// `2d`, `36h`, `90m`, `45s`, `1h30m` ([`crate::clock::parse_duration`]);
/// more than zero.
pub fn parse_duration(s: &str) -> Option<Duration> {
    crate::clock::parse_duration(s)
        .ok()
        .filter(|d| !d.is_zero())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_smtp_table_with_its_defaults_and_paths() {
        let text = "[smtp]\nhost = \"relay.example.co.jp\"\nport = 587\ntls = \"starttls\"\n\
                    from = \"証券 お知らせ <noreply@example.co.jp>\"\nca_file = \"ca.pem\"\n\
                    password_file = \"smtp.pw\"\nusername = \"u\"\nmax_per_minute = 60\n";
        let c = Config::parse(Path::new("/etc/acctsec/config.toml"), text).unwrap();
        let s = c.smtp.unwrap();
        assert_eq!(s.tls, TlsMode::Starttls);
        assert_eq!(s.ca_file.as_deref(), Some(Path::new("/etc/acctsec/ca.pem")));
        assert_eq!(
            s.password_file.as_deref(),
            Some(Path::new("/etc/acctsec/smtp.pw"))
        );
        assert_eq!(s.max_per_minute, Some(60));
        assert_eq!(s.from_domain(), "example.co.jp");
        assert!(s.iso2022jp_domains.iter().any(|d| d == "docomo.ne.jp"));
        assert!(
            Config::parse(Path::new("c.toml"), "")
                .unwrap()
                .smtp
                .is_none()
        );
        for (bad, line) in [
            (
                "[smtp]\nhost = \"x\"\nport = 25\ntls = \"ssl\"\nfrom = \"a@b.jp\"\n",
                4,
            ),
            (
                "[smtp]\nhost = \"x\"\nport = 99999\ntls = \"none\"\nfrom = \"a@b.jp\"\n",
                3,
            ),
            (
                "[smtp]\nhost = \"x\"\nport = 25\ntls = \"none\"\nfrom = \"a b\"\n",
                5,
            ),
            (
                "[smtp]\nhost = \"x\"\nport = 25\ntls = \"none\"\nfrom = \"a@b.jp\"\npassword = \"p\"\n",
                6,
            ),
        ] {
            let e = Config::parse(Path::new("c.toml"), bad).unwrap_err();
            assert!(
                matches!(e, ConfigError::Parse { line: Some(l), .. } if l == line),
                "{bad}: {e:?}"
            );
        }
    }

    #[test]
    fn the_audit_table_names_the_worker_and_sizes_its_work() {
        let p = Path::new("/etc/acctsec/config.toml");
        let c = Config::parse(
            p,
            "[audit]\nworker = \"batch-3\"\nchunk = \"2m\"\nlease = \"3m\"\n",
        )
        .unwrap();
        assert_eq!(c.audit.worker.as_deref(), Some("batch-3"));
        assert_eq!(c.audit.chunk, Some(Duration::from_secs(120)));
        assert_eq!(c.audit.lease, Some(Duration::from_secs(180)));
        let none = Config::parse(p, "").unwrap();
        assert_eq!((none.audit.worker, none.audit.chunk), (None, None));
        for bad in [
            "[audit]\nworker = \"\"\n",
            "[audit]\nworker = \" padded\"\n",
            "[audit]\nworker = \"a\\u0007b\"\n",
            "[audit]\nchunk = \"soon\"\n",
            "[audit]\nworkers = 2\n",
        ] {
            assert!(
                matches!(Config::parse(p, bad), Err(ConfigError::Parse { .. })),
                "{bad}"
            );
        }
    }

    #[test]
    fn the_policy_keys_are_the_policys_own() {
        let policy = serde_json::to_value(crate::policy::Policy::default()).unwrap();
        let mut own: Vec<&str> = policy
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let mut listed = POLICY_KEYS.to_vec();
        own.sort_unstable();
        listed.sort_unstable();
        assert_eq!(own, listed);
    }

    #[test]
    fn a_policy_table_is_refused_with_its_line() {
        for (text, key, line, table) in [
            ("[approval]\nunlock = 2\n", "approval", 1, true),
            (
                "[trail]\nmax_seal_age = \"2d\"\n\n[lockout.execution]\nmax = 3\n",
                "lockout",
                4,
                true,
            ),
            ("support_desk = \"x\"\n[trail]\n", "support_desk", 1, false),
            ("[trail]\n[[notices]]\nx = 1\n", "notices", 2, true),
        ] {
            let e = Config::parse(Path::new("c.toml"), text).unwrap_err();
            assert!(
                matches!(&e, ConfigError::PolicyKey { line: Some(l), key: k, table: t, .. }
                    if *l == line && k == key && *t == table),
                "{text}: {e:?}"
            );
        }
        // Not a policy key: the parser's own error.
        let e = Config::parse(Path::new("c.toml"), "[trial]\n").unwrap_err();
        assert!(matches!(e, ConfigError::Parse { .. }), "{e:?}");
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("2d"), Some(Duration::from_secs(172_800)));
        assert_eq!(parse_duration("1h30m"), Some(Duration::from_secs(5_400)));
        assert_eq!(parse_duration("45s"), Some(Duration::from_secs(45)));
        for bad in ["", "2", "d", "2x", "0h", "99999999999999999999d", "2 d"] {
            assert_eq!(parse_duration(bad), None, "{bad}");
        }
    }

    #[test]
    fn parses_the_trail_table_and_names_a_bad_key_and_its_line() {
        let k = SigningKey::generate().unwrap().public().to_string();
        let text = format!(
            "[trail]\nsigning_key_file = \"keys/seal.pem\"\npublic_keys = [\"{k}\"]\nmax_seal_age = \"2d\"\n"
        );
        let c = Config::parse(Path::new("/etc/acctsec/config.toml"), &text).unwrap();
        assert_eq!(
            c.trail.signing_key_file.as_deref(),
            Some(Path::new("/etc/acctsec/keys/seal.pem"))
        );
        assert_eq!(c.trail.public_keys.len(), 1);
        assert_eq!(c.trail.max_seal_age, Some(Duration::from_secs(172_800)));
        assert!(
            Config::parse(Path::new("c.toml"), "")
                .unwrap()
                .trail
                .public_keys
                .is_empty()
        );

        let e = Config::parse(Path::new("c.toml"), "[trail]\n\nsigning_key = \"x\"\n").unwrap_err();
        let ConfigError::Parse { line, detail, .. } = e else {
            panic!("{e:?}")
        };
        assert_eq!(line, Some(3));
        assert!(detail.contains("signing_key"), "{detail}");
        let e = Config::parse(Path::new("c.toml"), "[trial]\n").unwrap_err();
        assert!(
            matches!(e, ConfigError::Parse { line: Some(1), .. }),
            "{e:?}"
        );
        let e = Config::parse(
            Path::new("c.toml"),
            "[trail]\npublic_keys = [\"ed25519:xx\"]\n",
        )
        .unwrap_err();
        assert!(
            matches!(e, ConfigError::Parse { line: Some(2), .. }),
            "{e:?}"
        );
        let e =
            Config::parse(Path::new("c.toml"), "[trail]\n\n[smtp]\nhost = \"x\"\n").unwrap_err();
        let ConfigError::Parse { line, detail, .. } = e else {
            panic!("{e:?}")
        };
        assert_eq!(line, Some(3));
        assert!(
            detail.contains("port") && detail.contains("[smtp]"),
            "{detail}"
        );
        let both = format!("[trail]\npublic_keys = [\"{k}\"]\nretired_keys = [\"{k}\"]\n");
        assert!(matches!(
            Config::parse(Path::new("c.toml"), &both),
            Err(ConfigError::KeyBothWays { .. })
        ));
    }
}
