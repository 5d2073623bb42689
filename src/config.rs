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
//! ```
//!
//! Each table is its own struct with `deny_unknown_fields`, so a misspelt key
//! is an error naming it and its line; a new table (`[smtp]`) is one more
//! field of [`File`].

use std::io::Read;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Deserializer};
use zeroize::Zeroizing;

use crate::seal::{Keys, PublicKey, SigningKey};

/// The loaded configuration.
#[derive(Debug, Default)]
pub struct Config {
    /// The file it came from (`None`: no file, an empty configuration).
    pub path: Option<PathBuf>,
    pub trail: TrailConfig,
}

/// The file's tables.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    trail: TrailConfig,
}

/// `[trail]`: the seals of the audit trail.
#[derive(Debug, Default, Deserialize)]
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
}

impl Config {
    /// Load the configuration: `explicit` (`--config`), which must exist,
    /// or the first of the default places that exists, or none.
    pub fn load(explicit: Option<&Path>) -> Result<Config, ConfigError> {
        match explicit {
            Some(p) => match std::fs::read_to_string(p) {
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
                    match std::fs::read_to_string(&p) {
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
        let file: File = toml::from_str(text).map_err(|e| ConfigError::Parse {
            path: path.to_path_buf(),
            line: e.span().map(|s| {
                1 + text.as_bytes()[..s.start.min(text.len())]
                    .iter()
                    .filter(|b| **b == b'\n')
                    .count()
            }),
            detail: e.message().trim().to_string(),
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
        Ok(Config {
            path: Some(path.to_path_buf()),
            trail,
        })
    }
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
        let mut f = std::fs::File::open(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => ConfigError::KeyFileMissing {
                path: path.to_path_buf(),
            },
            _ => ConfigError::Read {
                path: path.to_path_buf(),
                source: e,
            },
        })?;
        let meta = f.metadata().map_err(|e| ConfigError::Read {
            path: path.to_path_buf(),
            source: e,
        })?;
        let mode = meta.permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            return Err(ConfigError::KeyFileOpen {
                path: path.to_path_buf(),
                mode,
            });
        }
        if !meta.is_file() || meta.len() > 4096 {
            return Err(ConfigError::KeyFileInvalid {
                path: path.to_path_buf(),
            });
        }
        // Room for the whole file up front: no reallocation leaves a copy behind.
        let mut bytes = Zeroizing::new(Vec::with_capacity(4097));
        (&mut f)
            .take(4097)
            .read_to_end(&mut bytes)
            .map_err(|e| ConfigError::Read {
                path: path.to_path_buf(),
                source: e,
            })?;
        let text = std::str::from_utf8(&bytes).map_err(|_| ConfigError::KeyFileInvalid {
            path: path.to_path_buf(),
        })?;
        SigningKey::from_pem(text).map_err(|_| ConfigError::KeyFileInvalid {
            path: path.to_path_buf(),
        })
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
        let both = format!("[trail]\npublic_keys = [\"{k}\"]\nretired_keys = [\"{k}\"]\n");
        assert!(matches!(
            Config::parse(Path::new("c.toml"), &both),
            Err(ConfigError::KeyBothWays { .. })
        ));
    }
}
