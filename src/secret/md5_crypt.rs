//! MD5-crypt (`$1$`), Poul-Henning Kamp's FreeBSD algorithm, verify only.
//!
//! No maintained RustCrypto crate implements it (the password-hashes
//! workspace has sha-crypt but no md5-crypt), so it is written here on top of
//! the `md-5` crate, following the reference `crypt-md5.c`
//! (FreeBSD lib/libcrypt) step by step. Tested against published vectors.

use super::ct_eq;
use md5::{Digest, Md5};
use zeroize::Zeroizing;

const MAGIC: &[u8] = b"$1$";
const CRYPT64: &[u8; 64] = b"./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// Byte triples (high, middle, low) of the final digest in output order; the
/// last byte (index 11) is emitted alone in two characters.
const GROUPS: [(usize, usize, usize); 5] =
    [(0, 6, 12), (1, 7, 13), (2, 8, 14), (3, 9, 15), (4, 10, 5)];

/// Finalizes straight into `out` (no unwiped temporary copy of the digest).
fn finish(h: Md5, out: &mut [u8; 16]) {
    h.finalize_into(out.into());
}

/// The 22-character checksum of MD5-crypt for `password` and `salt` (the
/// salt characters between `$1$` and the next `$`, at most 8 are used).
fn checksum(password: &[u8], salt: &[u8]) -> Zeroizing<[u8; 22]> {
    let salt = &salt[..salt.len().min(8)];

    let mut alt = Zeroizing::new([0u8; 16]);
    let mut h = Md5::new();
    h.update(password);
    h.update(salt);
    h.update(password);
    finish(h, &mut alt);

    let mut ctx = Md5::new();
    ctx.update(password);
    ctx.update(MAGIC);
    ctx.update(salt);
    let mut remaining = password.len();
    while remaining > 0 {
        let n = remaining.min(16);
        ctx.update(&alt[..n]);
        remaining -= n;
    }
    // "Then something really weird...": for each bit of the length, a NUL
    // byte if the bit is set, else the first password byte.
    let mut i = password.len();
    while i > 0 {
        if i & 1 == 1 {
            ctx.update([0u8]);
        } else {
            ctx.update(&password[..1]);
        }
        i >>= 1;
    }
    let mut fin = Zeroizing::new([0u8; 16]);
    finish(ctx, &mut fin);

    for round in 0..1000 {
        let mut h = Md5::new();
        if round & 1 == 1 {
            h.update(password);
        } else {
            h.update(&fin[..]);
        }
        if round % 3 != 0 {
            h.update(salt);
        }
        if round % 7 != 0 {
            h.update(password);
        }
        if round & 1 == 1 {
            h.update(&fin[..]);
        } else {
            h.update(password);
        }
        finish(h, &mut fin);
    }

    let mut out = Zeroizing::new([0u8; 22]);
    let mut pos = 0;
    let mut emit = |mut v: u32, n: usize| {
        for _ in 0..n {
            out[pos] = CRYPT64[(v & 0x3f) as usize];
            pos += 1;
            v >>= 6;
        }
    };
    for (a, b, c) in GROUPS {
        emit(
            (u32::from(fin[a]) << 16) | (u32::from(fin[b]) << 8) | u32::from(fin[c]),
            4,
        );
    }
    emit(u32::from(fin[11]), 2);
    out
}

/// The whole `$1$salt$checksum` string of `password` (the fuzz targets
/// make hashes with it; acctsec itself never writes MD5-crypt).
pub(crate) fn crypt(password: &[u8], salt: &str) -> String {
    let salt = &salt[..salt.len().min(8)];
    let sum = checksum(password, salt.as_bytes());
    format!("$1${salt}${}", String::from_utf8_lossy(&sum[..]))
}

/// Constant-time check of `password` against a parsed `$1$salt$checksum`.
pub(super) fn verify(password: &[u8], salt: &str, expected_checksum: &str) -> bool {
    let computed = checksum(password, salt.as_bytes());
    ct_eq(&computed[..], expected_checksum.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (password, salt, checksum). Sources:
    /// - "JTR 1.7.9" and "custom" vectors from passlib 1.7.4
    ///   passlib/tests/test_handlers.py `_md5_crypt_test.known_correct_hashes`.
    const VECTORS: &[(&[u8], &str, &str)] = &[
        (b"U*U*U*U*", "dXc3I7Rw", "ctlgjDdWJLMT.qwHsWhXR1"),
        (b"U*U***U", "dXc3I7Rw", "94JPyQc/eAgQ3MFMCoMF.0"),
        (b"U*U***U*", "dXc3I7Rw", "is1mVIAEtAhIzSdfn5JOO0"),
        (b"*U*U*U*U", "eQT9Hwbt", "XtuElNJD.eW5MN5UCWyTQ0"),
        (b"", "Eu.GHtia", "CFkL/nE1BYTlEPiVx1VWX0"),
        (b" ", "m/5ee7ol", "bZn0kIBFipq39e.KDXX8I0"),
        (b"test", "ec6XvcoW", "ghEtNK2U1MC5l.Dwgi3020"),
        (
            b"4lpHa N|_|M3r1K W/ Cur5Es: #$%(*)(*%#",
            "jQS7o98J",
            "V6iTcr71CGgwW2laf17pi1",
        ),
        (b"s", "ssssssss", "YgmLTApYTv12qgTwBoj8i/"),
        // UPASS_TABLE = "t\u00e1\u0411\u2113\u0259" as UTF-8.
        (
            "t\u{e1}\u{411}\u{2113}\u{259}".as_bytes(),
            "d6/Ky1lU",
            "/xpf8m7ftmWLF.TjHCqel0",
        ),
    ];

    #[test]
    fn published_vectors() {
        for (pw, salt, chk) in VECTORS {
            assert_eq!(&checksum(pw, salt.as_bytes())[..], chk.as_bytes(), "{salt}");
            assert!(verify(pw, salt, chk));
        }
    }

    #[test]
    fn wrong_password_rejected() {
        for (pw, salt, chk) in VECTORS {
            let mut wrong = pw.to_vec();
            wrong.push(b'x');
            assert!(!verify(&wrong, salt, chk), "{salt}");
        }
    }

    #[test]
    fn long_password_crosses_16_byte_blocks() {
        // Length > 16 exercises the alternate-sum loop more than once; the
        // JTR vector above has 37 bytes. Also the result must differ from a
        // 16-byte prefix.
        let long = b"4lpHa N|_|M3r1K W/ Cur5Es: #$%(*)(*%#";
        assert!(!verify(&long[..16], "jQS7o98J", "V6iTcr71CGgwW2laf17pi1"));
    }
}
