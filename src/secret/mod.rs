//! Password secrets: issuing initial execution passwords, hashing them with
//! Argon2id, verifying passwords, and auditing legacy login hashes imported
//! from the old system.
//!
//! Layout:
//! - [`hasher`]: [`Argon2Params`], the per-thread [`Hasher`] (reusable Argon2
//!   memory buffer) and [`argon2_params_of`].
//! - [`format`](mod@format): [`HashFormat`] and [`detect_format`] for every stored hash
//!   format the customer import accepts.
//! - [`legacy`]: [`verify_any`], which verifies a password against any of them.
//! - [`generate`]: [`generate_password`] and [`DEFAULT_INITIAL_ALPHABET`].
//!
//! Errors are plain data ([`SecretError`]); all prose, English and Japanese,
//! lives in the messages module (`messages::secret::describe`, which also
//! implements `Display` in English). This module does not import it.
//!
//! Passwords are taken as bytes. Legacy hashes were computed over whatever
//! byte encoding the old system used; callers decide the encoding (UTF-8 for
//! everything this module issues).

pub mod format;
pub mod generate;
pub mod hasher;
pub mod legacy;
mod md5_crypt;

pub use format::{
    BcryptVariant, FormatKind, HashFormat, Pbkdf2Digest, Pbkdf2Style, ShaCryptDigest, detect_format,
};
pub use generate::{DEFAULT_INITIAL_ALPHABET, MAX_GENERATED_LEN, generate_password};
pub use hasher::{Argon2Params, Argon2Variant, Hasher, argon2_params_of};
pub use legacy::verify_any;

/// Upper bounds on the cost parameters of a *stored* hash that this module is
/// willing to recompute. Imported data is not trusted: a corrupted or hostile
/// record such as `m=4294967295` or `ln=40` must not take the process down.
/// [`detect_format`] still reports such hashes (they are audit findings);
/// verification returns [`SecretError::CostLimitExceeded`].
pub mod limits {
    /// Argon2 memory, KiB (2 GiB).
    pub const MAX_ARGON2_M_KIB: u32 = 2 * 1024 * 1024;
    /// Argon2 passes.
    pub const MAX_ARGON2_T: u32 = 64;
    /// Argon2 lanes.
    pub const MAX_ARGON2_P: u32 = 64;
    /// PBKDF2 iterations.
    pub const MAX_PBKDF2_ROUNDS: u32 = 10_000_000;
    /// scrypt memory `128 * r * N`, bytes (1 GiB).
    pub const MAX_SCRYPT_MEMORY_BYTES: u64 = 1 << 30;
    /// scrypt work `r * N * p` (in 128-byte block mixes).
    pub const MAX_SCRYPT_WORK: u64 = 1 << 26;
    /// bcrypt log2 cost.
    pub const MAX_BCRYPT_COST: u32 = 20;
    /// SHA-crypt rounds.
    pub const MAX_SHA_CRYPT_ROUNDS: u32 = 10_000_000;
}

/// Everything that can go wrong in this module. Carries data only; render
/// with `messages::secret::describe`. `Display` renders the English text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SecretError {
    /// The OS random number generator failed (`os_error` is errno when known).
    Rng { os_error: Option<i64> },
    /// Argon2 parameters rejected by the argon2 crate (e.g. `m_kib < 8 * p`).
    InvalidArgon2Params { m_kib: u32, t: u32, p: u32 },
    /// Could not allocate the Argon2 memory buffer.
    OutOfMemory { bytes: u64 },
    /// The argon2 crate failed while hashing (should not happen once the
    /// parameters have been validated).
    Argon2(argon2::Error),
    /// The stored hash looks like `kind` but cannot be parsed as it.
    Malformed { kind: FormatKind },
    /// The stored hash is not in any format this module recognises.
    UnknownFormat,
    /// The format is recognised but cannot be verified (no maintained crate).
    Unsupported { kind: FormatKind },
    /// A stored hash's cost parameter exceeds the limits in [`limits`].
    CostLimitExceeded {
        kind: FormatKind,
        cost: u64,
        limit: u64,
    },
    /// Requested password length outside `1..=max`.
    InvalidPasswordLength { len: usize, max: usize },
    /// Alphabet has fewer than two symbols.
    AlphabetTooSmall { len: usize },
    /// Alphabet contains a byte that is not printable ASCII (0x21..=0x7e).
    AlphabetInvalidByte { byte: u8 },
    /// Alphabet contains the same symbol twice (would bias the output).
    AlphabetDuplicate { byte: u8 },
    /// A hashing worker thread died (panicked) before finishing its share.
    WorkerFailed,
}

impl From<getrandom::Error> for SecretError {
    fn from(e: getrandom::Error) -> Self {
        SecretError::Rng {
            os_error: e.raw_os_error().map(i64::from),
        }
    }
}

/// Constant-time equality of two byte strings (length is not secret).
fn ct_eq(a: &[u8], b: &[u8]) -> bool {
    use ctutils::CtEq;
    a.ct_eq(b).to_bool()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ct_eq_basic() {
        assert!(ct_eq(b"abc", b"abc"));
        assert!(!ct_eq(b"abc", b"abd"));
        assert!(!ct_eq(b"abc", b"abcd"));
        assert!(ct_eq(b"", b""));
    }

    #[test]
    fn rng_error_keeps_os_code() {
        let e = SecretError::from(getrandom::Error::UNSUPPORTED);
        assert!(matches!(e, SecretError::Rng { .. }));
    }

    #[test]
    fn error_is_std_error() {
        fn takes(_: &dyn std::error::Error) {}
        takes(&SecretError::UnknownFormat);
    }
}
