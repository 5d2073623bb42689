//! English and Japanese messages for [`SecretError`], to be merged into the
//! application's message catalog.

use std::fmt;

use crate::secret::{FormatKind, SecretError};

/// The English text (`describe(e, false)`): the secret module returns data,
/// the wording of its errors, `Display` included, lives here.
impl fmt::Display for SecretError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&describe(self, false))
    }
}

impl std::error::Error for SecretError {}

/// Human-readable name of a format (technical names are the same in both
/// languages).
fn format_name(kind: FormatKind) -> &'static str {
    match kind {
        FormatKind::Argon2id => "Argon2id",
        FormatKind::Argon2i => "Argon2i",
        FormatKind::Argon2d => "Argon2d",
        FormatKind::Pbkdf2Sha256 => "PBKDF2-SHA256",
        FormatKind::Pbkdf2Sha512 => "PBKDF2-SHA512",
        FormatKind::Scrypt => "scrypt",
        FormatKind::Bcrypt => "bcrypt",
        FormatKind::Sha256Crypt => "SHA-256-crypt ($5$)",
        FormatKind::Sha512Crypt => "SHA-512-crypt ($6$)",
        FormatKind::Md5Crypt => "MD5-crypt ($1$)",
        FormatKind::DesCrypt => "DES crypt",
        FormatKind::Md5Hex => "MD5 (hex)",
        FormatKind::Sha1Hex => "SHA-1 (hex)",
        FormatKind::Sha256Hex => "SHA-256 (hex)",
    }
}

/// Renders `e` in Japanese (`ja == true`) or English.
#[must_use]
pub fn describe(e: &SecretError, ja: bool) -> String {
    match e {
        SecretError::Rng { os_error } => {
            let code = os_error.map_or_else(String::new, |c| format!(" (errno {c})"));
            if ja {
                format!("OS の乱数生成器が失敗しました{code}")
            } else {
                format!("the OS random number generator failed{code}")
            }
        }
        SecretError::InvalidArgon2Params { m_kib, t, p } => {
            if ja {
                format!(
                    "Argon2 のパラメータが不正です (m={m_kib} KiB, t={t}, p={p})。t と p は 1 以上、m は 8×p KiB 以上が必要です"
                )
            } else {
                format!(
                    "invalid Argon2 parameters (m={m_kib} KiB, t={t}, p={p}): t and p must be at least 1 and m at least 8*p KiB"
                )
            }
        }
        SecretError::OutOfMemory { bytes } => {
            let mib = bytes.div_ceil(1024 * 1024);
            if ja {
                format!("Argon2 の作業メモリ {mib} MiB を確保できませんでした")
            } else {
                format!("could not allocate {mib} MiB of Argon2 working memory")
            }
        }
        SecretError::Argon2(inner) => {
            if ja {
                format!("Argon2 の計算に失敗しました ({inner:?})")
            } else {
                format!("Argon2 computation failed ({inner:?})")
            }
        }
        SecretError::Malformed { kind } => {
            let name = format_name(*kind);
            if ja {
                format!("{name} 形式のハッシュ文字列が壊れています")
            } else {
                format!("malformed {name} hash string")
            }
        }
        SecretError::UnknownFormat => {
            if ja {
                "対応していないハッシュ形式です".to_string()
            } else {
                "unrecognised password hash format".to_string()
            }
        }
        SecretError::Unsupported { kind } => {
            let name = format_name(*kind);
            if ja {
                format!("{name} 形式は検出のみ対応しており、照合はできません")
            } else {
                format!("{name} hashes are detected but cannot be verified")
            }
        }
        SecretError::CostLimitExceeded { kind, cost, limit } => {
            let name = format_name(*kind);
            if ja {
                format!(
                    "{name} ハッシュのコストパラメータ {cost} が照合時の上限 {limit} を超えています"
                )
            } else {
                format!("{name} hash cost parameter {cost} exceeds the verification limit {limit}")
            }
        }
        SecretError::InvalidPasswordLength { len, max } => {
            if ja {
                format!("パスワード長 {len} は指定できません (1〜{max})")
            } else {
                format!("password length {len} is out of range (1 to {max})")
            }
        }
        SecretError::AlphabetTooSmall { len } => {
            if ja {
                format!("文字種が {len} 文字しかありません (2 文字以上必要です)")
            } else {
                format!("alphabet has {len} symbol(s); at least 2 are required")
            }
        }
        SecretError::AlphabetInvalidByte { byte } => {
            if ja {
                format!(
                    "文字種に使用できないバイト 0x{byte:02x} が含まれています (表示可能な ASCII 0x21〜0x7e のみ)"
                )
            } else {
                format!(
                    "alphabet contains byte 0x{byte:02x}; only printable ASCII 0x21-0x7e is allowed"
                )
            }
        }
        SecretError::AlphabetDuplicate { byte } => {
            let c = char::from(*byte);
            if ja {
                format!("文字種に '{c}' が重複しています")
            } else {
                format!("alphabet contains '{c}' more than once")
            }
        }
        SecretError::WorkerFailed => {
            if ja {
                "ハッシュ計算のスレッドが異常終了しました。何も保存していません。再実行してください"
                    .to_string()
            } else {
                "a hashing thread failed; nothing was stored for this batch. Run the command again"
                    .to_string()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_errors() -> Vec<SecretError> {
        let mut v = vec![
            SecretError::Rng { os_error: Some(4) },
            SecretError::Rng { os_error: None },
            SecretError::InvalidArgon2Params {
                m_kib: 8,
                t: 0,
                p: 2,
            },
            SecretError::OutOfMemory { bytes: 19_922_944 },
            SecretError::Argon2(argon2::Error::MemoryTooLittle),
            SecretError::UnknownFormat,
            SecretError::InvalidPasswordLength { len: 0, max: 1024 },
            SecretError::AlphabetTooSmall { len: 1 },
            SecretError::AlphabetInvalidByte { byte: b' ' },
            SecretError::AlphabetDuplicate { byte: b'a' },
            SecretError::WorkerFailed,
        ];
        for kind in FormatKind::ALL {
            v.push(SecretError::Malformed { kind });
            v.push(SecretError::Unsupported { kind });
            v.push(SecretError::CostLimitExceeded {
                kind,
                cost: 31,
                limit: 20,
            });
        }
        v
    }

    #[test]
    fn every_error_renders_in_both_languages() {
        for e in all_errors() {
            let en = describe(&e, false);
            let ja = describe(&e, true);
            assert!(!en.is_empty() && !ja.is_empty(), "{e:?}");
            assert_ne!(en, ja, "{e:?}");
            assert!(en.is_ascii(), "{en}");
            assert!(!ja.is_ascii(), "{ja}");
        }
    }

    #[test]
    fn data_is_rendered() {
        let e = SecretError::CostLimitExceeded {
            kind: FormatKind::Bcrypt,
            cost: 31,
            limit: 20,
        };
        for ja in [false, true] {
            let s = describe(&e, ja);
            assert!(
                s.contains("bcrypt") && s.contains("31") && s.contains("20"),
                "{s}"
            );
        }
        assert!(describe(&SecretError::Rng { os_error: Some(4) }, false).contains("errno 4"));
        assert!(describe(&SecretError::OutOfMemory { bytes: 19_922_944 }, true).contains("19 MiB"));
        assert!(describe(&SecretError::AlphabetInvalidByte { byte: 0xc3 }, false).contains("0xc3"));
    }

    #[test]
    fn display_is_the_english_text() {
        for e in all_errors() {
            assert_eq!(e.to_string(), describe(&e, false));
        }
    }

    #[test]
    fn every_kind_has_a_name() {
        for kind in FormatKind::ALL {
            assert!(!format_name(kind).is_empty());
        }
    }
}
