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
pub(crate) use md5_crypt::crypt as md5_crypt;

/// Upper bounds on the cost parameters of a *stored* hash, the same at
/// import and at verification (see [`HashFormat::cost_excess`]). Imported
/// data is not trusted: a corrupted or hostile record such as
/// `m=4294967295`, bcrypt cost 31 or `ln=40` must neither take the process
/// down nor stall a `verify` or an `audit --guess` for minutes. Each limit
/// admits every real system (the costliest settings in common use, with
/// room above). One check at a limit, measured on a busy 2-vCPU VM (CPU
/// time): bcrypt 16 about 5 s, SHA-crypt 4 s, scrypt 3 s, PBKDF2 20 s.
/// - bcrypt: cost 16 (OWASP asks for 10 or more; systems in use sit at
///   10-14, and each step doubles the time);
/// - PBKDF2: 10,000,000 iterations (OWASP 2023: 600,000 for SHA-256,
///   210,000 for SHA-512; Django 5.2: 1,000,000);
/// - scrypt: N up to 2^20 and `r * N * p` up to 2^23 (1 GiB of mixing: RFC
///   7914's costliest vector, N=2^20, r=8, p=1, is exactly at the limit;
///   interactive logins use N=2^14..2^17);
/// - Argon2: m up to 1 GiB (libsodium's `MEMLIMIT_SENSITIVE`, the costliest
///   preset in common use), t up to 20, p up to 16. The policy's own
///   parameters are always verifiable, whatever they are (see
///   [`Hasher`](hasher::Hasher));
/// - SHA-crypt: 10,000,000 rounds (glibc's default is 5,000, passlib's
///   656,000).
///
/// [`detect_format`] still reports such hashes (`audit` can name them);
/// the customer import refuses them (a row problem) and verification
/// returns [`SecretError::CostLimitExceeded`] without computing anything.
pub mod limits {
    /// Argon2 memory, KiB (1 GiB).
    pub const MAX_ARGON2_M_KIB: u32 = 1024 * 1024;
    /// Argon2 passes.
    pub const MAX_ARGON2_T: u32 = 20;
    /// Argon2 lanes.
    pub const MAX_ARGON2_P: u32 = 16;
    /// PBKDF2 iterations.
    pub const MAX_PBKDF2_ROUNDS: u32 = 10_000_000;
    /// scrypt log2 N.
    pub const MAX_SCRYPT_LOG_N: u8 = 20;
    /// scrypt memory `128 * r * N`, bytes (1 GiB).
    pub const MAX_SCRYPT_MEMORY_BYTES: u64 = 1 << 30;
    /// scrypt work `r * N * p` (in 128-byte block mixes): 1 GiB mixed.
    pub const MAX_SCRYPT_WORK: u64 = 1 << 23;
    /// bcrypt log2 cost.
    pub const MAX_BCRYPT_COST: u32 = 16;
    /// SHA-crypt rounds.
    pub const MAX_SHA_CRYPT_ROUNDS: u32 = 10_000_000;
}

/// Which cost parameter of a stored hash is over its limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CostParam {
    /// bcrypt's log2 cost (`$2b$NN$`).
    BcryptCost,
    /// PBKDF2 iterations.
    Pbkdf2Rounds,
    /// SHA-crypt `rounds=`.
    ShaCryptRounds,
    /// scrypt `ln` (log2 N).
    ScryptLogN,
    /// scrypt memory, `128 * r * N` bytes.
    ScryptMemory,
    /// scrypt work, `r * N * p`.
    ScryptWork,
    /// Argon2 `m` (KiB).
    Argon2Memory,
    /// Argon2 `t`.
    Argon2Passes,
    /// Argon2 `p`.
    Argon2Lanes,
}

/// A stored hash whose cost parameter `param` is `value`, above `limit`
/// (see [`limits`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CostExcess {
    pub kind: FormatKind,
    pub param: CostParam,
    pub value: u64,
    pub limit: u64,
}

impl From<CostExcess> for SecretError {
    fn from(e: CostExcess) -> Self {
        SecretError::CostLimitExceeded {
            kind: e.kind,
            cost: e.value,
            limit: e.limit,
        }
    }
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

/// No core dump of this process: it holds passwords, hashes, auth codes
/// and the relay's password in memory at times. The core size limit is set
/// to 0 (soft and hard), and the process is marked not dumpable (which also
/// keeps other processes of the same user from reading its memory through
/// ptrace or /proc). Best effort: a failure leaves things as they were.
pub fn forbid_core_dumps() {
    let none = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: plain system calls with a valid pointer to a local value and
    // constant arguments; their results are only checked, never relied on.
    unsafe {
        libc::setrlimit(libc::RLIMIT_CORE, &none);
        libc::prctl(libc::PR_SET_DUMPABLE, 0, 0, 0, 0);
    }
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
