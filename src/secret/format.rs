//! Recognising stored password hash formats.
//!
//! Parsing is strict: exact field counts, exact lengths, the right alphabet
//! for each field, canonical base64 (unused trailing bits must be zero), no
//! leading zeros in decimal costs, and costs inside each scheme's valid
//! range. Whitespace is not trimmed. A string that fails any check is not
//! reported as that format.

use super::hasher::{Argon2Params, Argon2Variant, ParsedArgon2, parse_argon2};
use super::{CostExcess, CostParam, limits};
use base64ct::{Base64Pbkdf2, Base64Unpadded, Encoding};

/// Digest of a PBKDF2-HMAC hash.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Pbkdf2Digest {
    Sha256,
    Sha512,
}

impl Pbkdf2Digest {
    /// Output length of the digest (and of passlib's checksum) in bytes.
    #[must_use]
    pub fn output_len(self) -> usize {
        match self {
            Self::Sha256 => 32,
            Self::Sha512 => 64,
        }
    }
}

/// Which of the two `$pbkdf2-sha*$` string layouts was used.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Pbkdf2Style {
    /// PHC (as written by `RustCrypto`'s `pbkdf2`): `$pbkdf2-sha256$i=N[,l=L]$<B64 salt>$<B64 hash>`.
    Phc,
    /// passlib: `$pbkdf2-sha256$N$<ab64 salt>$<ab64 hash>`, where "adapted
    /// base64" is unpadded standard base64 with `.` in place of `+`.
    Passlib,
}

/// bcrypt minor version. `$2x$` (crypt_blowfish's buggy 8-bit mode) and the
/// original `$2$` are not accepted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BcryptVariant {
    TwoA,
    TwoB,
    TwoY,
}

/// SHA-crypt digest (`$5$` or `$6$`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ShaCryptDigest {
    Sha256,
    Sha512,
}

/// A recognised stored-hash format with its parsed cost parameters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HashFormat {
    /// `$argon2id$`, `$argon2i$`, `$argon2d$` PHC strings. `version` is 0x13
    /// (19) or 0x10 (16, also implied by a missing `v=`).
    Argon2 {
        variant: Argon2Variant,
        version: u32,
        params: Argon2Params,
    },
    /// PBKDF2-HMAC-SHA256/512 in PHC or passlib layout.
    Pbkdf2 {
        digest: Pbkdf2Digest,
        rounds: u32,
        style: Pbkdf2Style,
    },
    /// `$scrypt$ln=..,r=..,p=..$salt$hash` (PHC; also what passlib writes).
    Scrypt { log_n: u8, r: u32, p: u32 },
    /// `$2a$`/`$2b$`/`$2y$` with log2 cost 4..=31.
    Bcrypt { variant: BcryptVariant, cost: u32 },
    /// `$5$`/`$6$`, optional `rounds=N$` (5000 when absent).
    ShaCrypt { digest: ShaCryptDigest, rounds: u32 },
    /// `$1$` MD5-crypt (fixed 1000 rounds).
    Md5Crypt,
    /// Traditional 13-character DES crypt. Detected only: verification returns
    /// [`super::SecretError::Unsupported`].
    DesCrypt,
    /// Unsalted MD5, 32 hex digits (either case).
    Md5Hex,
    /// Unsalted SHA-1, 40 hex digits (either case).
    Sha1Hex,
    /// Unsalted SHA-256, 64 hex digits (either case).
    Sha256Hex,
}

/// Fieldless name of a format, for errors, counters and reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FormatKind {
    Argon2id,
    Argon2i,
    Argon2d,
    Pbkdf2Sha256,
    Pbkdf2Sha512,
    Scrypt,
    Bcrypt,
    Sha256Crypt,
    Sha512Crypt,
    Md5Crypt,
    DesCrypt,
    Md5Hex,
    Sha1Hex,
    Sha256Hex,
}

impl FormatKind {
    /// All kinds, in declaration order.
    pub const ALL: [FormatKind; 14] = [
        Self::Argon2id,
        Self::Argon2i,
        Self::Argon2d,
        Self::Pbkdf2Sha256,
        Self::Pbkdf2Sha512,
        Self::Scrypt,
        Self::Bcrypt,
        Self::Sha256Crypt,
        Self::Sha512Crypt,
        Self::Md5Crypt,
        Self::DesCrypt,
        Self::Md5Hex,
        Self::Sha1Hex,
        Self::Sha256Hex,
    ];

    /// Stable machine identifier (for CSV/JSON reports), e.g. `pbkdf2-sha256`.
    #[must_use]
    pub fn id(self) -> &'static str {
        match self {
            Self::Argon2id => "argon2id",
            Self::Argon2i => "argon2i",
            Self::Argon2d => "argon2d",
            Self::Pbkdf2Sha256 => "pbkdf2-sha256",
            Self::Pbkdf2Sha512 => "pbkdf2-sha512",
            Self::Scrypt => "scrypt",
            Self::Bcrypt => "bcrypt",
            Self::Sha256Crypt => "sha256-crypt",
            Self::Sha512Crypt => "sha512-crypt",
            Self::Md5Crypt => "md5-crypt",
            Self::DesCrypt => "des-crypt",
            Self::Md5Hex => "md5-hex",
            Self::Sha1Hex => "sha1-hex",
            Self::Sha256Hex => "sha256-hex",
        }
    }
}

impl HashFormat {
    /// The fieldless [`FormatKind`] of this format.
    #[must_use]
    pub fn kind(&self) -> FormatKind {
        match self {
            Self::Argon2 { variant, .. } => variant.kind(),
            Self::Pbkdf2 {
                digest: Pbkdf2Digest::Sha256,
                ..
            } => FormatKind::Pbkdf2Sha256,
            Self::Pbkdf2 {
                digest: Pbkdf2Digest::Sha512,
                ..
            } => FormatKind::Pbkdf2Sha512,
            Self::Scrypt { .. } => FormatKind::Scrypt,
            Self::Bcrypt { .. } => FormatKind::Bcrypt,
            Self::ShaCrypt {
                digest: ShaCryptDigest::Sha256,
                ..
            } => FormatKind::Sha256Crypt,
            Self::ShaCrypt {
                digest: ShaCryptDigest::Sha512,
                ..
            } => FormatKind::Sha512Crypt,
            Self::Md5Crypt => FormatKind::Md5Crypt,
            Self::DesCrypt => FormatKind::DesCrypt,
            Self::Md5Hex => FormatKind::Md5Hex,
            Self::Sha1Hex => FormatKind::Sha1Hex,
            Self::Sha256Hex => FormatKind::Sha256Hex,
        }
    }

    /// True unless this is Argon2id v19 whose parameters meet `policy`
    /// (see [`Argon2Params::meets`]). Use after a successful verification to
    /// decide whether to store a fresh hash, and in audits.
    #[must_use]
    pub fn needs_rehash(&self, policy: &Argon2Params) -> bool {
        match self {
            Self::Argon2 {
                variant: Argon2Variant::Argon2id,
                version: 0x13,
                params,
            } => !params.meets(policy),
            _ => true,
        }
    }
}

impl HashFormat {
    /// The first cost parameter above [`limits`], if any: such a hash is
    /// refused at import and never recomputed (a check would take minutes,
    /// or more memory than the machine has). Argon2 hashes made under this
    /// ledger's own policy are the exception, handled by the verifier.
    #[must_use]
    pub fn cost_excess(&self) -> Option<CostExcess> {
        let kind = self.kind();
        let over = |param, value: u64, limit: u64| {
            (value > limit).then_some(CostExcess {
                kind,
                param,
                value,
                limit,
            })
        };
        match *self {
            Self::Argon2 { params, .. } => over(
                CostParam::Argon2Memory,
                params.m_kib.into(),
                limits::MAX_ARGON2_M_KIB.into(),
            )
            .or_else(|| {
                over(
                    CostParam::Argon2Passes,
                    params.t.into(),
                    limits::MAX_ARGON2_T.into(),
                )
            })
            .or_else(|| {
                over(
                    CostParam::Argon2Lanes,
                    params.p.into(),
                    limits::MAX_ARGON2_P.into(),
                )
            }),
            Self::Pbkdf2 { rounds, .. } => over(
                CostParam::Pbkdf2Rounds,
                rounds.into(),
                limits::MAX_PBKDF2_ROUNDS.into(),
            ),
            Self::Scrypt { log_n, r, p } => {
                // log_n < 64 and r * p < 2^30 (the parser's bounds): the
                // products fit in u128.
                let n = 1u128 << log_n;
                let clamp = |v: u128| u64::try_from(v).unwrap_or(u64::MAX);
                over(
                    CostParam::ScryptLogN,
                    log_n.into(),
                    limits::MAX_SCRYPT_LOG_N.into(),
                )
                .or_else(|| {
                    over(
                        CostParam::ScryptMemory,
                        clamp(128 * u128::from(r) * n),
                        limits::MAX_SCRYPT_MEMORY_BYTES,
                    )
                })
                .or_else(|| {
                    over(
                        CostParam::ScryptWork,
                        clamp(u128::from(r) * n * u128::from(p)),
                        limits::MAX_SCRYPT_WORK,
                    )
                })
            }
            Self::Bcrypt { cost, .. } => over(
                CostParam::BcryptCost,
                cost.into(),
                limits::MAX_BCRYPT_COST.into(),
            ),
            Self::ShaCrypt { rounds, .. } => over(
                CostParam::ShaCryptRounds,
                rounds.into(),
                limits::MAX_SHA_CRYPT_ROUNDS.into(),
            ),
            Self::Md5Crypt | Self::DesCrypt | Self::Md5Hex | Self::Sha1Hex | Self::Sha256Hex => {
                None
            }
        }
    }
}

/// Recognises the format of a stored hash. Returns `None` for anything that
/// is not exactly one of the supported formats (see module docs).
///
/// Ambiguity note: bare hex is classified by length only, so an unsalted
/// 32-hex-digit MD4/NTLM hash is reported as [`HashFormat::Md5Hex`] and will
/// simply fail verification.
#[must_use]
pub fn detect_format(stored: &str) -> Option<HashFormat> {
    parse(stored).map(|p| p.format())
}

/// Everything a verifier needs, produced by one strict parse.
pub(super) enum Parsed<'a> {
    Argon2(ParsedArgon2),
    Pbkdf2 {
        digest: Pbkdf2Digest,
        rounds: u32,
        style: Pbkdf2Style,
        salt: Vec<u8>,
        hash: Vec<u8>,
    },
    Scrypt {
        log_n: u8,
        r: u32,
        p: u32,
        salt: Vec<u8>,
        hash: Vec<u8>,
    },
    Bcrypt {
        variant: BcryptVariant,
        cost: u32,
    },
    ShaCrypt {
        digest: ShaCryptDigest,
        rounds: u32,
    },
    Md5Crypt {
        salt: &'a str,
        checksum: &'a str,
    },
    DesCrypt,
    Hex {
        kind: FormatKind,
        digest: Vec<u8>,
    },
}

impl Parsed<'_> {
    pub(super) fn format(&self) -> HashFormat {
        match self {
            Parsed::Argon2(a) => HashFormat::Argon2 {
                variant: a.variant(),
                version: u32::from(a.version),
                params: a.public_params(),
            },
            Parsed::Pbkdf2 {
                digest,
                rounds,
                style,
                ..
            } => HashFormat::Pbkdf2 {
                digest: *digest,
                rounds: *rounds,
                style: *style,
            },
            Parsed::Scrypt { log_n, r, p, .. } => HashFormat::Scrypt {
                log_n: *log_n,
                r: *r,
                p: *p,
            },
            Parsed::Bcrypt { variant, cost } => HashFormat::Bcrypt {
                variant: *variant,
                cost: *cost,
            },
            Parsed::ShaCrypt { digest, rounds } => HashFormat::ShaCrypt {
                digest: *digest,
                rounds: *rounds,
            },
            Parsed::Md5Crypt { .. } => HashFormat::Md5Crypt,
            Parsed::DesCrypt => HashFormat::DesCrypt,
            Parsed::Hex { kind, .. } => match kind {
                FormatKind::Sha1Hex => HashFormat::Sha1Hex,
                FormatKind::Sha256Hex => HashFormat::Sha256Hex,
                _ => HashFormat::Md5Hex,
            },
        }
    }
}

/// Salt length bounds (decoded bytes) for PBKDF2 and scrypt. passlib allows
/// an empty salt (its scrypt test vectors use one), so 0 is accepted.
const MAX_SALT_BYTES: usize = 1024;
/// Hash output bounds (decoded bytes) for PHC PBKDF2 and scrypt (the PHC
/// string format's limits).
const MIN_OUTPUT_BYTES: usize = 10;
const MAX_OUTPUT_BYTES: usize = 64;

/// `crypt(3)` "hash64" alphabet (DES/MD5/SHA-crypt).
const CRYPT64: &[u8; 64] = b"./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
/// bcrypt's base64 alphabet.
const BCRYPT64: &[u8; 64] = b"./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

fn value_in(alphabet: &[u8; 64], c: u8) -> Option<u8> {
    alphabet
        .iter()
        .position(|&a| a == c)
        .and_then(|i| u8::try_from(i).ok())
}

fn all_in(alphabet: &[u8; 64], s: &str) -> bool {
    s.bytes().all(|c| alphabet.contains(&c))
}

/// True when the value of the last character of `s` has its low `bits` bits
/// clear (the unused bits of a canonical encoding). `s` must be non-empty
/// and already checked against `alphabet`.
fn last_char_low_bits_clear(alphabet: &[u8; 64], s: &str, bits: u32) -> bool {
    s.bytes()
        .last()
        .and_then(|c| value_in(alphabet, c))
        .is_some_and(|v| v & ((1 << bits) - 1) == 0)
}

/// Like [`last_char_low_bits_clear`] for little-endian crypt encodings, where
/// the unused bits are the *high* bits of the last character: its value must
/// be below `2^(6 - bits)`.
fn last_char_high_bits_clear(s: &str, bits: u32) -> bool {
    s.bytes()
        .last()
        .and_then(|c| value_in(CRYPT64, c))
        .is_some_and(|v| u32::from(v) < (1 << (6 - bits)))
}

/// Decimal without sign, leading zeros or overflow.
fn parse_decimal(s: &str) -> Option<u32> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) || (s.len() > 1 && s.starts_with('0'))
    {
        return None;
    }
    s.parse().ok()
}

/// Parses `a=1,b=2` into values for exactly the `required` keys plus the
/// `optional` ones, each at most once; any other key fails.
fn parse_params<const N: usize>(
    s: &str,
    keys: [&str; N],
    required: usize,
) -> Option<[Option<u32>; N]> {
    let mut out = [None; N];
    for pair in s.split(',') {
        let (k, v) = pair.split_once('=')?;
        let idx = keys.iter().position(|&key| key == k)?;
        if out[idx].is_some() {
            return None;
        }
        out[idx] = Some(parse_decimal(v)?);
    }
    if out[..required].iter().any(Option::is_none) {
        return None;
    }
    Some(out)
}

fn b64_decode(s: &str, min: usize, max: usize) -> Option<Vec<u8>> {
    let v = Base64Unpadded::decode_vec(s).ok()?;
    (min..=max).contains(&v.len()).then_some(v)
}

fn ab64_decode(s: &str, min: usize, max: usize) -> Option<Vec<u8>> {
    let v = Base64Pbkdf2::decode_vec(s).ok()?;
    (min..=max).contains(&v.len()).then_some(v)
}

pub(super) fn parse(stored: &str) -> Option<Parsed<'_>> {
    if !stored.is_ascii() {
        return None;
    }
    let Some(rest) = stored.strip_prefix('$') else {
        return parse_unprefixed(stored);
    };
    let id = rest.split('$').next()?;
    match id {
        "argon2id" | "argon2i" | "argon2d" => parse_argon2(stored).map(Parsed::Argon2),
        "pbkdf2-sha256" => parse_pbkdf2(stored, Pbkdf2Digest::Sha256),
        "pbkdf2-sha512" => parse_pbkdf2(stored, Pbkdf2Digest::Sha512),
        "scrypt" => parse_scrypt(stored),
        "2a" | "2b" | "2y" => parse_bcrypt(stored),
        "5" => parse_sha_crypt(stored, ShaCryptDigest::Sha256),
        "6" => parse_sha_crypt(stored, ShaCryptDigest::Sha512),
        "1" => parse_md5_crypt(stored),
        _ => None,
    }
}

fn parse_unprefixed(stored: &str) -> Option<Parsed<'_>> {
    let kind = match stored.len() {
        13 => return parse_des_crypt(stored),
        32 => FormatKind::Md5Hex,
        40 => FormatKind::Sha1Hex,
        64 => FormatKind::Sha256Hex,
        _ => return None,
    };
    let digest = hex::decode(stored).ok()?;
    Some(Parsed::Hex { kind, digest })
}

fn parse_des_crypt(stored: &str) -> Option<Parsed<'_>> {
    // 2 salt characters + 11 characters holding 64 bits in 66: the last
    // character's two low bits are always zero in real output.
    (all_in(CRYPT64, stored) && last_char_low_bits_clear(CRYPT64, stored, 2))
        .then_some(Parsed::DesCrypt)
}

fn parse_pbkdf2(stored: &str, digest: Pbkdf2Digest) -> Option<Parsed<'_>> {
    let fields: Vec<&str> = stored.split('$').collect();
    let [_, _, params, salt, hash] = fields.as_slice() else {
        return None;
    };
    if params.bytes().all(|b| b.is_ascii_digit()) {
        let rounds = parse_decimal(params).filter(|&r| r >= 1)?;
        let salt = ab64_decode(salt, 0, MAX_SALT_BYTES)?;
        let n = digest.output_len();
        let hash = ab64_decode(hash, n, n)?;
        return Some(Parsed::Pbkdf2 {
            digest,
            rounds,
            style: Pbkdf2Style::Passlib,
            salt,
            hash,
        });
    }
    let [i, l] = parse_params(params, ["i", "l"], 1)?;
    let rounds = i.filter(|&r| r >= 1)?;
    let salt = b64_decode(salt, 1, MAX_SALT_BYTES)?;
    let hash = b64_decode(hash, MIN_OUTPUT_BYTES, MAX_OUTPUT_BYTES)?;
    if let Some(l) = l
        && usize::try_from(l).ok() != Some(hash.len())
    {
        return None;
    }
    Some(Parsed::Pbkdf2 {
        digest,
        rounds,
        style: Pbkdf2Style::Phc,
        salt,
        hash,
    })
}

fn parse_scrypt(stored: &str) -> Option<Parsed<'_>> {
    let fields: Vec<&str> = stored.split('$').collect();
    let [_, _, params, salt, hash] = fields.as_slice() else {
        return None;
    };
    let [Some(ln), Some(r), Some(p)] = parse_params(params, ["ln", "r", "p"], 3)? else {
        return None;
    };
    let log_n = u8::try_from(ln).ok().filter(|l| (1..64).contains(l))?;
    // scrypt requires r, p >= 1 and r * p < 2^30.
    if r == 0 || p == 0 || u64::from(r) * u64::from(p) >= 1 << 30 {
        return None;
    }
    let salt = b64_decode(salt, 0, MAX_SALT_BYTES)?;
    let hash = b64_decode(hash, MIN_OUTPUT_BYTES, MAX_OUTPUT_BYTES)?;
    Some(Parsed::Scrypt {
        log_n,
        r,
        p,
        salt,
        hash,
    })
}

fn parse_bcrypt(stored: &str) -> Option<Parsed<'_>> {
    // $2b$NN$ + 22 salt chars + 31 hash chars = 60.
    if stored.len() != 60 || stored.as_bytes()[3] != b'$' || stored.as_bytes()[6] != b'$' {
        return None;
    }
    let variant = match &stored[1..3] {
        "2a" => BcryptVariant::TwoA,
        "2b" => BcryptVariant::TwoB,
        "2y" => BcryptVariant::TwoY,
        _ => return None,
    };
    let cost_str = &stored[4..6];
    if !cost_str.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let cost: u32 = cost_str.parse().ok().filter(|c| (4..=31).contains(c))?;
    let (salt, hash) = stored[7..].split_at(22);
    // 16 salt bytes in 22 chars (4 unused bits), 23 hash bytes in 31 chars
    // (2 unused bits); bcrypt's base64 is big-endian so they are low bits.
    let ok = all_in(BCRYPT64, salt)
        && all_in(BCRYPT64, hash)
        && last_char_low_bits_clear(BCRYPT64, salt, 4)
        && last_char_low_bits_clear(BCRYPT64, hash, 2);
    ok.then_some(Parsed::Bcrypt { variant, cost })
}

/// SHA-crypt salts are at most 16 characters (longer input salts are
/// truncated before they are written out).
const SHA_CRYPT_MAX_SALT: usize = 16;

fn parse_sha_crypt(stored: &str, digest: ShaCryptDigest) -> Option<Parsed<'_>> {
    let fields: Vec<&str> = stored.split('$').collect();
    let (rounds, salt, checksum) = match fields.as_slice() {
        [_, _, salt, checksum] => (5000, *salt, *checksum),
        [_, _, rounds, salt, checksum] => {
            let n = parse_decimal(rounds.strip_prefix("rounds=")?)?;
            (n, *salt, *checksum)
        }
        _ => return None,
    };
    // glibc clamps to this range before writing `rounds=`.
    if !(1000..=999_999_999).contains(&rounds) {
        return None;
    }
    let (len, unused_bits) = match digest {
        ShaCryptDigest::Sha256 => (43, 2), // 32 bytes
        ShaCryptDigest::Sha512 => (86, 4), // 64 bytes
    };
    let ok = (1..=SHA_CRYPT_MAX_SALT).contains(&salt.len())
        && all_in(CRYPT64, salt)
        && checksum.len() == len
        && all_in(CRYPT64, checksum)
        && last_char_high_bits_clear(checksum, unused_bits);
    ok.then_some(Parsed::ShaCrypt { digest, rounds })
}

fn parse_md5_crypt(stored: &str) -> Option<Parsed<'_>> {
    let fields: Vec<&str> = stored.split('$').collect();
    let [_, _, salt, checksum] = fields.as_slice() else {
        return None;
    };
    // Salt up to 8 characters; 16 bytes in 22 characters (4 unused bits).
    let ok = salt.len() <= 8
        && all_in(CRYPT64, salt)
        && checksum.len() == 22
        && all_in(CRYPT64, checksum)
        && last_char_high_bits_clear(checksum, 4);
    ok.then_some(Parsed::Md5Crypt { salt, checksum })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(s: &str) -> Option<FormatKind> {
        detect_format(s).map(|f| f.kind())
    }

    #[test]
    fn argon2_detected_with_params() {
        // phc-winner-argon2 src/test.c via passlib test_handlers_argon2.py.
        assert_eq!(
            detect_format(
                "$argon2id$v=19$m=256,t=2,p=2$c29tZXNhbHQ$bQk8UB/VmZZF4Oo79iDXuL5/0ttZwg2f/5U52iv1cDc"
            ),
            Some(HashFormat::Argon2 {
                variant: Argon2Variant::Argon2id,
                version: 19,
                params: Argon2Params {
                    m_kib: 256,
                    t: 2,
                    p: 2
                }
            })
        );
        assert_eq!(
            detect_format(
                "$argon2i$m=256,t=2,p=1$c29tZXNhbHQ$/U3YPXYsSb3q9XxHvc0MLxur+GP960kN9j7emXX8zwY"
            ),
            Some(HashFormat::Argon2 {
                variant: Argon2Variant::Argon2i,
                version: 16,
                params: Argon2Params {
                    m_kib: 256,
                    t: 2,
                    p: 1
                }
            })
        );
        assert_eq!(
            kind(
                "$argon2d$v=19$m=65536,t=2,p=4$c29tZXNhbHQ$cZn5d+rFh+ZfuRhm2iGUGgcrW5YLeM6q7L3vBsdmFA0"
            ),
            Some(FormatKind::Argon2d)
        );
    }

    #[test]
    fn pbkdf2_both_layouts() {
        // passlib 1.7.4 test_handlers_pbkdf2.py, pbkdf2_sha256_test.
        assert_eq!(
            detect_format(
                "$pbkdf2-sha256$1212$4vjV83LKPjQzk31VI4E0Vw$hsYF68OiOUPdDZ1Fg.fJPeq1h/gXXY7acBp9/6c.tmQ"
            ),
            Some(HashFormat::Pbkdf2 {
                digest: Pbkdf2Digest::Sha256,
                rounds: 1212,
                style: Pbkdf2Style::Passlib
            })
        );
        // pbkdf2 crate 0.13.0 src/phc.rs EXPECTED_HASH (RFC 6070-style inputs).
        assert_eq!(
            detect_format(
                "$pbkdf2-sha256$i=4096,l=40$c2FsdFNBTFRzYWx0U0FMVHNhbHRTQUxUc2FsdFNBTFRzYWx0$NIyJ28vTKy8y2BS4EW6EzysXNH68GAAYHE4qH7jdU+HGNVGMfaxH6Q"
            ),
            Some(HashFormat::Pbkdf2 {
                digest: Pbkdf2Digest::Sha256,
                rounds: 4096,
                style: Pbkdf2Style::Phc
            })
        );
        // passlib 1.7.4 test_handlers_pbkdf2.py, pbkdf2_sha512_test.
        assert_eq!(
            kind(
                "$pbkdf2-sha512$1212$RHY0Fr3IDMSVO/RSZyb5ow$eNLfBK.eVozomMr.1gYa17k9B7KIK25NOEshvhrSX.esqY3s.FvWZViXz4KoLlQI.BzY/YTNJOiKc5gBYFYGww"
            ),
            Some(FormatKind::Pbkdf2Sha512)
        );
    }

    #[test]
    fn pbkdf2_garbage_rejected() {
        let good = "$pbkdf2-sha256$1212$4vjV83LKPjQzk31VI4E0Vw$hsYF68OiOUPdDZ1Fg.fJPeq1h/gXXY7acBp9/6c.tmQ";
        assert!(detect_format(good).is_some());
        for bad in [
            // zero-padded rounds (passlib known_malformed_hashes)
            good.replace("$1212$", "$01212$"),
            good.replace("$1212$", "$0$"),
            good.replace("$1212$", "$$"),
            // '+' is not in passlib's adapted base64
            good.replace("Fg.fJ", "Fg+fJ"),
            // checksum one character short / long
            good[..good.len() - 1].to_string(),
            format!("{good}A"),
            // extra field
            format!("{good}$"),
            // PHC layout with wrong l, unknown key, duplicate key, no i
            "$pbkdf2-sha256$i=4096,l=41$c2FsdFNBTFRzYWx0U0FMVHNhbHRTQUxUc2FsdFNBTFRzYWx0$NIyJ28vTKy8y2BS4EW6EzysXNH68GAAYHE4qH7jdU+HGNVGMfaxH6Q".to_string(),
            "$pbkdf2-sha256$i=4096,x=1$c2FsdFNBTFRzYWx0U0FMVHNhbHRTQUxUc2FsdFNBTFRzYWx0$NIyJ28vTKy8y2BS4EW6EzysXNH68GAAYHE4qH7jdU+HGNVGMfaxH6Q".to_string(),
            "$pbkdf2-sha256$i=4096,i=4096$c2FsdFNBTFRzYWx0U0FMVHNhbHRTQUxUc2FsdFNBTFRzYWx0$NIyJ28vTKy8y2BS4EW6EzysXNH68GAAYHE4qH7jdU+HGNVGMfaxH6Q".to_string(),
            "$pbkdf2-sha256$l=40$c2FsdFNBTFRzYWx0U0FMVHNhbHRTQUxUc2FsdFNBTFRzYWx0$NIyJ28vTKy8y2BS4EW6EzysXNH68GAAYHE4qH7jdU+HGNVGMfaxH6Q".to_string(),
            // PHC layout with '.' (ab64) in the hash
            "$pbkdf2-sha256$i=4096,l=40$c2FsdFNBTFRzYWx0U0FMVHNhbHRTQUxUc2FsdFNBTFRzYWx0$NIyJ28vTKy8y2BS4EW6EzysXNH68GAAYHE4qH7jdU.HGNVGMfaxH6Q".to_string(),
        ] {
            assert_eq!(detect_format(&bad), None, "{bad}");
        }
    }

    #[test]
    fn scrypt_detected() {
        // passlib 1.7.4 test_handlers_scrypt.py (RFC 7914 / scrypt paper
        // appendix B vector, salt "NaCl").
        assert_eq!(
            detect_format(
                "$scrypt$ln=10,r=8,p=16$TmFDbA$/bq+HJ00cgB4VucZDQHp/nxq18vII3gw53N2Y0s3MWI"
            ),
            Some(HashFormat::Scrypt {
                log_n: 10,
                r: 8,
                p: 16
            })
        );
        // Same source, empty salt.
        assert_eq!(
            kind("$scrypt$ln=4,r=1,p=1$$d9ZXYjhleyA7GcpCwYoEl/FrSETjB0ro39/6P+3iFEI"),
            Some(FormatKind::Scrypt)
        );
        for bad in [
            "$scrypt$ln=10,r=8$TmFDbA$/bq+HJ00cgB4VucZDQHp/nxq18vII3gw53N2Y0s3MWI",
            "$scrypt$ln=0,r=8,p=16$TmFDbA$/bq+HJ00cgB4VucZDQHp/nxq18vII3gw53N2Y0s3MWI",
            "$scrypt$ln=64,r=8,p=16$TmFDbA$/bq+HJ00cgB4VucZDQHp/nxq18vII3gw53N2Y0s3MWI",
            "$scrypt$ln=10,r=0,p=16$TmFDbA$/bq+HJ00cgB4VucZDQHp/nxq18vII3gw53N2Y0s3MWI",
            "$scrypt$ln=10,r=65536,p=65536$TmFDbA$/bq+HJ00cgB4VucZDQHp/nxq18vII3gw53N2Y0s3MWI",
            "$scrypt$ln=10,r=8,p=16$TmFDbA$/bq+HJ00cgB4VucZDQHp/nxq18vII3gw53N2Y0s3MW",
            "$scrypt$ln=10,r=8,p=16$TmFDbA$/bq+HJ00",
            "$scrypt$ln=10,r=8,p=16$TmFDbA",
        ] {
            assert_eq!(detect_format(bad), None, "{bad}");
        }
    }

    #[test]
    fn bcrypt_detected_and_strict() {
        // OpenBSD/crypt_blowfish vectors via passlib test_handlers_bcrypt.py.
        let a = "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW";
        assert_eq!(
            detect_format(a),
            Some(HashFormat::Bcrypt {
                variant: BcryptVariant::TwoA,
                cost: 5
            })
        );
        assert_eq!(
            detect_format(&a.replace("$2a$", "$2y$")),
            Some(HashFormat::Bcrypt {
                variant: BcryptVariant::TwoY,
                cost: 5
            })
        );
        assert_eq!(
            detect_format(&a.replace("$2a$", "$2b$")).map(|f| f.kind()),
            Some(FormatKind::Bcrypt)
        );
        for bad in [
            a.replace("$2a$", "$2x$"),
            a.replace("$2a$", "$2f$"),
            a.replace("$05$", "$03$"),
            a.replace("$05$", "$32$"),
            a.replace("$05$", "$5a$"),
            // salt's 22nd char must have its 4 unused bits clear ('.' -> '/')
            a.replace("CCC.E5Y", "CCC/E5Y"),
            // hash's last char must have its 2 unused bits clear ('W' -> 'X')
            a.replace("OeW", "OeX"),
            a.replace("OeW", "Oe!"),
            a[..59].to_string(),
        ] {
            assert_eq!(detect_format(&bad), None, "{bad}");
        }
    }

    #[test]
    fn sha_crypt_detected() {
        // Drepper, "Unix crypt using SHA-256 and SHA-512"
        // (https://www.akkadia.org/drepper/SHA-crypt.txt), as used by glibc.
        assert_eq!(
            detect_format("$5$saltstring$5B8vYYiY.CVt1RlTTf8KbXBH3hsxY/GNooZaBBGWEc5"),
            Some(HashFormat::ShaCrypt {
                digest: ShaCryptDigest::Sha256,
                rounds: 5000
            })
        );
        assert_eq!(
            detect_format(
                "$6$rounds=10000$saltstringsaltst$OW1/O6BYHV6BcXZu8QVeXbDWra3Oeqh0sbHbbMCVNSnCM/UrjmM0Dp8vOuZeHBy/YTBmSK6H9qs/y3RnOaw5v."
            ),
            Some(HashFormat::ShaCrypt {
                digest: ShaCryptDigest::Sha512,
                rounds: 10000
            })
        );
        let good = "$5$rounds=1000$roundstoolow$yfvwcWrQ8l/K0DAWyuPMDNHpIVlTQebY9l/gL972bIC";
        assert!(detect_format(good).is_some());
        for bad in [
            good.replace("rounds=1000", "rounds=01000"),
            good.replace("rounds=1000", "rounds=999"),
            good.replace("rounds=1000", "rounds=1000000000"),
            good.replace("rounds=1000", "rounds="),
            good.replace("rounds=1000", "round=1000"),
            good.replace("roundstoolow", "roundstoolow:"),
            good.replace("roundstoolow", "roundstoolowroundstoolow"),
            good.replace("roundstoolow", ""),
            // last char of a SHA-256-crypt checksum encodes 4 bits only
            good.replace("bIC", "bIz"),
            format!("{good}$"),
            good[..good.len() - 1].to_string(),
        ] {
            assert_eq!(detect_format(&bad), None, "{bad}");
        }
    }

    #[test]
    fn md5_crypt_detected() {
        // JTR 1.7.9 vectors via passlib test_handlers.py _md5_crypt_test.
        assert_eq!(
            detect_format("$1$dXc3I7Rw$ctlgjDdWJLMT.qwHsWhXR1"),
            Some(HashFormat::Md5Crypt)
        );
        assert_eq!(
            detect_format("$1$$CFkL/nE1BYTlEPiVx1VWX0").map(|f| f.kind()),
            Some(FormatKind::Md5Crypt)
        );
        for bad in [
            // passlib known_malformed_hashes
            "$1$dOHYPKoP$tnxS1T8Q6VVn3kpV8cN6o!",
            "$1$dOHYPKoP$tnxS1T8Q6VVn3kpV8cN6o.$",
            // salt too long, checksum too short, non-canonical last char
            "$1$dOHYPKoPx$tnxS1T8Q6VVn3kpV8cN6o.",
            "$1$dOHYPKoP$tnxS1T8Q6VVn3kpV8cN6o",
            "$1$dOHYPKoP$tnxS1T8Q6VVn3kpV8cN6o2",
            "$apr1$dOHYPKoP$tnxS1T8Q6VVn3kpV8cN6o.",
        ] {
            assert_eq!(detect_format(bad), None, "{bad}");
        }
    }

    #[test]
    fn des_crypt_detected() {
        // JTR 1.7.9 vectors via passlib test_handlers.py _des_crypt_test.
        for h in [
            "CCNf8Sbh3HDfQ",
            "CC4rMpbg9AMZ.",
            "SDbsugeBiC58A",
            "/Hk.VPuwQTXbc",
        ] {
            assert_eq!(detect_format(h), Some(HashFormat::DesCrypt), "{h}");
        }
        // passlib known_unidentified_hashes: bad char, wrong size.
        for bad in ["!gAwTx2l6NADI", "OgAwTx2l6NAD", "OgAwTx2l6NADIx"] {
            assert_eq!(detect_format(bad), None, "{bad}");
        }
        // last char must have its 2 low bits clear ('Q' ok, 'R' not).
        assert_eq!(detect_format("CCNf8Sbh3HDfR"), None);
    }

    #[test]
    fn hex_digests_by_length_any_case() {
        assert_eq!(
            detect_format("5f4dcc3b5aa765d61d8327deb882cf99"),
            Some(HashFormat::Md5Hex)
        );
        assert_eq!(
            detect_format("5F4DCC3B5AA765D61D8327DEB882CF99"),
            Some(HashFormat::Md5Hex)
        );
        assert_eq!(
            detect_format("5baa61e4c9b93f3f0682250b6cf8331b7ee68fd8"),
            Some(HashFormat::Sha1Hex)
        );
        assert_eq!(
            detect_format("5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542D8"),
            Some(HashFormat::Sha256Hex)
        );
        for bad in [
            "5f4dcc3b5aa765d61d8327deb882cf9",
            "5f4dcc3b5aa765d61d8327deb882cf9g",
            "5f4dcc3b5aa765d61d8327deb882cf99 ",
            " 5f4dcc3b5aa765d61d8327deb882cf99",
            "0x5f4dcc3b5aa765d61d8327deb882cf",
            "5baa61e4c9b93f3f0682250b6cf8331b7ee68fd8aa",
        ] {
            assert_eq!(detect_format(bad), None, "{bad}");
        }
    }

    #[test]
    fn garbage_rejected() {
        for bad in [
            "",
            "$",
            "$$",
            "password",
            "$argon2id$",
            "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$!!!",
            "$pbkdf2-sha1$1212$OB.dtnSEXZK8U5cgxU/GYQ$y5LKPOplRmok7CZp/aqVDVg8zGI",
            "{SSHA}abcdefgh",
            "$7$C6..../....SodiumChloride$kBGj9fHznVYFQMEn/qDCfrDevf9YDtcDdKvEqHJLV8D",
            "ｐａｓｓｗｏｒｄｐａｓｓｗｏｒｄｐａ",
            "\u{3042}5f4dcc3b5aa765d61d8327deb882cf",
        ] {
            assert_eq!(detect_format(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn needs_rehash_by_format() {
        let policy = Argon2Params::PRODUCTION;
        let strong = HashFormat::Argon2 {
            variant: Argon2Variant::Argon2id,
            version: 0x13,
            params: policy,
        };
        assert!(!strong.needs_rehash(&policy));
        let old_version = HashFormat::Argon2 {
            variant: Argon2Variant::Argon2id,
            version: 0x10,
            params: policy,
        };
        assert!(old_version.needs_rehash(&policy));
        assert!(HashFormat::Md5Hex.needs_rehash(&policy));
        assert!(
            HashFormat::Bcrypt {
                variant: BcryptVariant::TwoB,
                cost: 12
            }
            .needs_rehash(&policy)
        );
    }

    #[test]
    fn kind_ids_unique() {
        let mut ids: Vec<&str> = FormatKind::ALL.iter().map(|k| k.id()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), FormatKind::ALL.len());
    }
}
