//! Stored hashes: parsing of every accepted format (PHC Argon2, PBKDF2 and
//! scrypt, passlib PBKDF2, bcrypt, SHA-crypt, MD5-crypt, hex digests) and
//! verification with arbitrary candidates.
//!
//! Input: `STORED\nPASSWORD\nOTHER`. The stored string is detected and,
//! when cheap, verified against both candidates: detection and verification
//! agree on the format, and the answer is stable. Then a hash of PASSWORD
//! is made in one format (chosen by the input's length), with cheap
//! parameters: it is detected as that format, verifies PASSWORD, and never
//! says yes to OTHER unless the scheme cannot tell them apart.
#![no_main]
use acctsec::fuzzing::md5_crypt;
use acctsec::secret::{Argon2Params, FormatKind, Hasher, SecretError, detect_format, verify_any};
use acctsec_fuzz::cheap;
use base64ct::{Base64Unpadded, Encoding};
use libfuzzer_sys::fuzz_target;
use sha2::Digest;
use std::cell::RefCell;

const CHEAP: Argon2Params = Argon2Params {
    m_kib: 8,
    t: 1,
    p: 1,
};

thread_local! {
    static HASHER: RefCell<Hasher> = RefCell::new(Hasher::new(CHEAP).expect("cheap Argon2 params"));
}

fn verify(stored: &str, password: &[u8]) -> Result<bool, SecretError> {
    HASHER.with(|h| verify_any(stored, password, &mut h.borrow_mut()))
}

/// What bcrypt really keys on: the password and a NUL, cut at 72 bytes,
/// and repeated to fill 72 bytes (EksBlowfish cycles the key), so that
/// 72 NULs and the empty password are the same key.
fn bcrypt_key(p: &[u8]) -> Vec<u8> {
    let mut k = p.to_vec();
    k.push(0);
    k.truncate(72);
    k.iter().copied().cycle().take(72).collect()
}

/// What HMAC (so PBKDF2, and scrypt through it) really keys on: a key
/// longer than the block is its digest, and a shorter one is padded with
/// zeros, so trailing NULs do not count.
fn hmac_key<D: Digest>(p: &[u8], block: usize) -> Vec<u8> {
    let mut k = if p.len() > block {
        D::digest(p).to_vec()
    } else {
        p.to_vec()
    };
    while k.last() == Some(&0) {
        k.pop();
    }
    k
}

/// Whether `kind` cannot tell `a` from `b` by design.
fn equivalent(kind: FormatKind, a: &[u8], b: &[u8]) -> bool {
    a == b
        || match kind {
            FormatKind::Bcrypt => bcrypt_key(a) == bcrypt_key(b),
            FormatKind::Pbkdf2Sha256 | FormatKind::Scrypt => {
                hmac_key::<sha2::Sha256>(a, 64) == hmac_key::<sha2::Sha256>(b, 64)
            }
            FormatKind::Pbkdf2Sha512 => {
                hmac_key::<sha2::Sha512>(a, 128) == hmac_key::<sha2::Sha512>(b, 128)
            }
            _ => false,
        }
}

fn make(which: usize, password: &[u8], salt: &[u8; 16]) -> (String, FormatKind) {
    let b64 = |b: &[u8]| Base64Unpadded::encode_string(b);
    match which {
        0 => {
            let h = HASHER
                .with(|h| h.borrow_mut().hash(password))
                .expect("argon2 hash");
            (h, FormatKind::Argon2id)
        }
        1 => {
            let mut out = [0u8; 32];
            pbkdf2::pbkdf2_hmac::<sha2::Sha256>(password, salt, 3, &mut out);
            (
                format!("$pbkdf2-sha256$i=3${}${}", b64(salt), b64(&out)),
                FormatKind::Pbkdf2Sha256,
            )
        }
        2 => {
            let mut out = [0u8; 64];
            pbkdf2::pbkdf2_hmac::<sha2::Sha512>(password, salt, 2, &mut out);
            let ab64 = |b: &[u8]| b64(b).replace('+', ".");
            (
                format!("$pbkdf2-sha512$2${}${}", ab64(salt), ab64(&out)),
                FormatKind::Pbkdf2Sha512,
            )
        }
        3 => {
            let mut out = [0u8; 32];
            let params = scrypt::Params::new(2, 2, 1).expect("scrypt params");
            scrypt::scrypt(password, salt, &params, &mut out).expect("scrypt");
            (
                format!("$scrypt$ln=2,r=2,p=1${}${}", b64(salt), b64(&out)),
                FormatKind::Scrypt,
            )
        }
        4 => {
            let h = bcrypt::hash_with_salt(password, 4, *salt).expect("bcrypt");
            (
                h.format_for_version(bcrypt::Version::TwoB),
                FormatKind::Bcrypt,
            )
        }
        5 | 6 => {
            use sha_crypt::{Algorithm, Params, PasswordHasher, ShaCrypt};
            let (alg, kind) = if which == 5 {
                (Algorithm::Sha256Crypt, FormatKind::Sha256Crypt)
            } else {
                (Algorithm::Sha512Crypt, FormatKind::Sha512Crypt)
            };
            // The crate writes the salt bytes in crypt's base64: 12 bytes
            // are the 16 characters SHA-crypt uses at most.
            let h = ShaCrypt::new(alg, Params::new(1000).expect("rounds"))
                .hash_password_with_salt(password, &salt[..12])
                .expect("sha-crypt");
            (h.to_string(), kind)
        }
        7 => {
            let salt: String = salt[..8]
                .iter()
                .map(|b| {
                    b"./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                        [usize::from(b % 64)] as char
                })
                .collect();
            (md5_crypt(password, &salt), FormatKind::Md5Crypt)
        }
        8 => (hex::encode(md5::Md5::digest(password)), FormatKind::Md5Hex),
        9 => (
            hex::encode_upper(sha1::Sha1::digest(password)),
            FormatKind::Sha1Hex,
        ),
        _ => (
            hex::encode(sha2::Sha256::digest(password)),
            FormatKind::Sha256Hex,
        ),
    }
}

fuzz_target!(|data: &[u8]| {
    let mut parts = data.splitn(3, |b| *b == b'\n');
    let stored = parts.next().unwrap_or_default();
    let password = parts.next().unwrap_or_default();
    let other = parts.next().unwrap_or_default();

    // 1. Arbitrary stored text.
    if let Ok(stored) = std::str::from_utf8(stored) {
        match detect_format(stored) {
            None => assert_eq!(verify(stored, password), Err(SecretError::UnknownFormat)),
            Some(f) => {
                assert!(stored.is_ascii());
                if f.cost_excess().is_some() {
                    assert!(matches!(
                        verify(stored, password),
                        Err(SecretError::CostLimitExceeded { .. })
                    ));
                } else if cheap(&f) {
                    let first = verify(stored, password);
                    assert_ne!(
                        first,
                        Err(SecretError::UnknownFormat),
                        "detected but not verifiable: {stored:?}"
                    );
                    if f.kind() == FormatKind::DesCrypt {
                        assert!(matches!(first, Err(SecretError::Unsupported { .. })));
                    }
                    assert_eq!(verify(stored, password), first, "the answer changed");
                    if let (Ok(true), Ok(true)) = (&first, verify(stored, other)) {
                        // Two candidates for one hash: only where the scheme
                        // cannot tell them apart.
                        assert!(
                            equivalent(f.kind(), password, other),
                            "{stored:?} takes two different passwords"
                        );
                    }
                }
            }
        }
    }

    // 2. A hash this target made.
    let which = data.len() % 11;
    let mut salt = [0u8; 16];
    for (i, b) in data.iter().rev().take(16).enumerate() {
        salt[i] = *b;
    }
    let (hash, kind) = make(which, password, &salt);
    let f = detect_format(&hash).unwrap_or_else(|| panic!("{hash:?} not detected"));
    assert_eq!(f.kind(), kind, "{hash:?}");
    assert_eq!(
        verify(&hash, password),
        Ok(true),
        "{hash:?} refuses its own password"
    );
    let same = equivalent(kind, password, other);
    assert_eq!(
        verify(&hash, other),
        Ok(same),
        "{hash:?} and another password"
    );
});
