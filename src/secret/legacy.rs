//! Verifying a password against any stored hash format the import accepts.

use super::format::{FormatKind, Parsed, Pbkdf2Digest, ShaCryptDigest, parse};
use super::hasher::Hasher;
use super::{SecretError, ct_eq, md5_crypt};
use sha2::Digest;
use zeroize::{Zeroize, Zeroizing};

/// Verifies `password` against `stored`, whatever its format (see
/// [`super::detect_format`]). Argon2 hashes are recomputed in `hasher`'s
/// reusable buffer. Every comparison of the recomputed value is constant
/// time.
///
/// Semantics inherited from each scheme: bcrypt uses only the first 72
/// password bytes; SHA-crypt uses at most 16 salt characters; bare hex digests
/// are unsalted.
///
/// # Errors
/// - [`SecretError::UnknownFormat`]: `stored` is not a recognised format.
/// - [`SecretError::Unsupported`]: recognised but not verifiable
///   (traditional DES crypt: no maintained Rust crate implements it).
/// - [`SecretError::CostLimitExceeded`]: stored cost above
///   [`super::limits`] (checked before any work).
/// - [`SecretError::Malformed`], [`SecretError::OutOfMemory`],
///   [`SecretError::Argon2`]: from the underlying implementation.
pub fn verify_any(stored: &str, password: &[u8], hasher: &mut Hasher) -> Result<bool, SecretError> {
    let parsed = parse(stored).ok_or(SecretError::UnknownFormat)?;
    // Refused before any work: one absurd row must not stall a check. The
    // Argon2 verifier checks for itself (it also admits the policy's own
    // parameters).
    if !matches!(parsed, Parsed::Argon2(_))
        && let Some(e) = parsed.format().cost_excess()
    {
        return Err(e.into());
    }
    match parsed {
        Parsed::Argon2(a) => hasher.verify_parsed(password, a),
        Parsed::Pbkdf2 {
            digest,
            rounds,
            salt,
            hash,
            ..
        } => Ok(verify_pbkdf2(password, digest, rounds, &salt, &hash)),
        Parsed::Scrypt {
            log_n,
            r,
            p,
            salt,
            hash,
        } => verify_scrypt(password, log_n, r, p, &salt, &hash),
        Parsed::Bcrypt { .. } => verify_bcrypt(password, stored),
        Parsed::ShaCrypt { digest, .. } => verify_sha_crypt(password, stored, digest),
        Parsed::Md5Crypt { salt, checksum } => Ok(md5_crypt::verify(password, salt, checksum)),
        Parsed::DesCrypt => Err(SecretError::Unsupported {
            kind: FormatKind::DesCrypt,
        }),
        Parsed::Hex { kind, digest } => Ok(verify_hex(password, kind, &digest)),
    }
}

fn verify_pbkdf2(
    password: &[u8],
    digest: Pbkdf2Digest,
    rounds: u32,
    salt: &[u8],
    expected: &[u8],
) -> bool {
    let mut out = Zeroizing::new(vec![0u8; expected.len()]);
    let derive = match digest {
        Pbkdf2Digest::Sha256 => pbkdf2::pbkdf2_hmac::<sha2::Sha256>,
        Pbkdf2Digest::Sha512 => pbkdf2::pbkdf2_hmac::<sha2::Sha512>,
    };
    derive(password, salt, rounds, &mut out);
    ct_eq(&out, expected)
}

fn verify_scrypt(
    password: &[u8],
    log_n: u8,
    r: u32,
    p: u32,
    salt: &[u8],
    expected: &[u8],
) -> Result<bool, SecretError> {
    let kind = FormatKind::Scrypt;
    let params = scrypt::Params::new(log_n, r, p).map_err(|_| SecretError::Malformed { kind })?;
    let mut out = Zeroizing::new(vec![0u8; expected.len()]);
    scrypt::scrypt(password, salt, &params, &mut out)
        .map_err(|_| SecretError::Malformed { kind })?;
    Ok(ct_eq(&out, expected))
}

fn verify_bcrypt(password: &[u8], stored: &str) -> Result<bool, SecretError> {
    let kind = FormatKind::Bcrypt;
    // The crate truncates at 72 bytes like OpenBSD, compares with `subtle`,
    // and wipes its password copy (its `zeroize` feature is on by default).
    bcrypt::verify(password, stored).map_err(|_| SecretError::Malformed { kind })
}

fn verify_sha_crypt(
    password: &[u8],
    stored: &str,
    digest: ShaCryptDigest,
) -> Result<bool, SecretError> {
    use sha_crypt::{PasswordVerifier, ShaCrypt, password_hash::Error};
    let kind = match digest {
        ShaCryptDigest::Sha256 => FormatKind::Sha256Crypt,
        ShaCryptDigest::Sha512 => FormatKind::Sha512Crypt,
    };
    // The algorithm is taken from the string's `$5$`/`$6$`; comparison is
    // constant time inside the crate.
    match ShaCrypt::default().verify_password(password, stored) {
        Ok(()) => Ok(true),
        Err(Error::PasswordInvalid) => Ok(false),
        Err(_) => Err(SecretError::Malformed { kind }),
    }
}

fn digest_eq<D: Digest>(password: &[u8], expected: &[u8]) -> bool {
    let mut computed = sha2::digest::Output::<D>::default();
    let mut h = D::new();
    h.update(password);
    h.finalize_into(&mut computed);
    let eq = ct_eq(&computed, expected);
    computed.as_mut_slice().zeroize();
    eq
}

fn verify_hex(password: &[u8], kind: FormatKind, expected: &[u8]) -> bool {
    match kind {
        FormatKind::Sha1Hex => digest_eq::<sha1::Sha1>(password, expected),
        FormatKind::Sha256Hex => digest_eq::<sha2::Sha256>(password, expected),
        _ => digest_eq::<md5::Md5>(password, expected),
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Argon2Params, limits};
    use super::*;
    use base64ct::{Base64Unpadded, Encoding};

    fn hasher() -> Hasher {
        Hasher::new(Argon2Params {
            m_kib: 64,
            t: 1,
            p: 1,
        })
        .unwrap()
    }

    /// Asserts `stored` verifies for `good` and not for `bad`.
    fn check(stored: &str, good: &[u8], bad: &[u8]) {
        let mut h = hasher();
        assert_eq!(verify_any(stored, good, &mut h), Ok(true), "{stored}");
        assert_eq!(verify_any(stored, bad, &mut h), Ok(false), "{stored}");
    }

    // passlib 1.7.4 passlib/tests/test_handlers.py: UPASS_TABLE.
    const UPASS_TABLE: &str = "t\u{e1}\u{411}\u{2113}\u{259}";
    // passlib 1.7.4 passlib/tests/test_handlers.py: UPASS_WAV.
    const UPASS_WAV: &str = "\u{399}\u{3c9}\u{3b1}\u{3bd}\u{3bd}\u{3b7}\u{3c2}";

    #[test]
    fn argon2_via_verify_any() {
        // phc-winner-argon2 src/test.c (via passlib test_handlers_argon2.py).
        check(
            "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
            b"password",
            b"Password",
        );
        // Same source, 0x10 without version tag.
        check(
            "$argon2i$m=256,t=2,p=2$c29tZXNhbHQ$tsEVYKap1h6scGt5ovl9aLRGOqOth+AMB+KwHpDFZPs",
            b"password",
            b"password ",
        );
    }

    #[test]
    fn pbkdf2_sha256_passlib() {
        // passlib 1.7.4 test_handlers_pbkdf2.py pbkdf2_sha256_test.
        check(
            "$pbkdf2-sha256$1212$4vjV83LKPjQzk31VI4E0Vw$hsYF68OiOUPdDZ1Fg.fJPeq1h/gXXY7acBp9/6c.tmQ",
            b"password",
            b"passwore",
        );
        check(
            "$pbkdf2-sha256$1212$3SABFJGDtyhrQMVt1uABPw$WyaUoqCLgvz97s523nF4iuOqZNbp5Nt8do/cuaa7AiI",
            UPASS_WAV.as_bytes(),
            b"password",
        );
    }

    #[test]
    fn pbkdf2_sha512_passlib() {
        // passlib 1.7.4 test_handlers_pbkdf2.py pbkdf2_sha512_test.
        check(
            "$pbkdf2-sha512$1212$RHY0Fr3IDMSVO/RSZyb5ow$eNLfBK.eVozomMr.1gYa17k9B7KIK25NOEshvhrSX.esqY3s.FvWZViXz4KoLlQI.BzY/YTNJOiKc5gBYFYGww",
            b"password",
            b"passwor",
        );
        check(
            "$pbkdf2-sha512$1212$KkbvoKGsAIcF8IslDR6skQ$8be/PRmd88Ps8fmPowCJttH9G3vgxpG.Krjt3KT.NP6cKJ0V4Prarqf.HBwz0dCkJ6xgWnSj2ynXSV7MlvMa8Q",
            UPASS_WAV.as_bytes(),
            b"",
        );
    }

    #[test]
    fn pbkdf2_phc() {
        // pbkdf2 crate 0.13.0 src/phc.rs EXPECTED_HASH: RFC 6070's
        // P="passwordPASSWORDpassword", S="saltSALTsaltSALTsaltSALTsaltSALTsalt",
        // c=4096, dkLen=40, computed with HMAC-SHA256.
        check(
            "$pbkdf2-sha256$i=4096,l=40$c2FsdFNBTFRzYWx0U0FMVHNhbHRTQUxUc2FsdFNBTFRzYWx0$NIyJ28vTKy8y2BS4EW6EzysXNH68GAAYHE4qH7jdU+HGNVGMfaxH6Q",
            b"passwordPASSWORDpassword",
            b"passwordPASSWORDpassworD",
        );
        // RFC 7914 section 11: PBKDF2-HMAC-SHA256(P="passwd", S="salt", c=1,
        // dkLen=64), framed as a PHC string.
        let rfc7914_dk = hex::decode(
            "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc\
             49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783",
        )
        .unwrap();
        let phc = format!(
            "$pbkdf2-sha256$i=1,l=64${}${}",
            Base64Unpadded::encode_string(b"salt"),
            Base64Unpadded::encode_string(&rfc7914_dk)
        );
        check(&phc, b"passwd", b"passwe");
    }

    #[test]
    fn scrypt_rfc7914_and_passlib() {
        // RFC 7914 section 12 vector 2 (P="password", S="NaCl", N=1024, r=8,
        // p=16), first 32 bytes, as encoded in passlib 1.7.4
        // test_handlers_scrypt.py.
        check(
            "$scrypt$ln=10,r=8,p=16$TmFDbA$/bq+HJ00cgB4VucZDQHp/nxq18vII3gw53N2Y0s3MWI",
            b"password",
            b"passwore",
        );
        // RFC 7914 section 12 vector 1 (P="", S="", N=16, r=1, p=1), full
        // 64-byte output, framed as PHC.
        let dk = hex::decode(
            "77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442\
             fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906",
        )
        .unwrap();
        let phc = format!(
            "$scrypt$ln=4,r=1,p=1$${}",
            Base64Unpadded::encode_string(&dk)
        );
        check(&phc, b"", b" ");
        // passlib 1.7.4 test_handlers_scrypt.py "custom" vectors.
        check(
            "$scrypt$ln=8,r=2,p=1$dO6d0xoDoLT2PofQGoNQag$g/Wf2A0vhHhaJM+addK61QPBthSmYB6uVTtQzh8CM3o",
            b"password",
            b"test",
        );
        check(
            "$scrypt$ln=7,r=8,p=1$jjGmtDamdA4BQAjBeA9BSA$OiWRHhQtpDx7M/793x6UXK14AD512jg/qNm/hkWZG4M",
            UPASS_TABLE.as_bytes(),
            b"password",
        );
    }

    #[test]
    fn bcrypt_openbsd_vectors() {
        // OpenBSD / Openwall crypt_blowfish 1.2 vectors ("correct under both
        // crypt_blowfish 1.2 AND OpenBSD"), from passlib 1.7.4
        // test_handlers_bcrypt.py.
        check(
            "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW",
            b"U*U",
            b"U*V",
        );
        check(
            "$2a$05$CCCCCCCCCCCCCCCCCCCCC.7uG0VCzI2bS7j6ymqJi9CdcdxiRTWNy",
            b"",
            b"U*U",
        );
        check(
            "$2a$05$abcdefghijklmnopqrstuu5s2v8.iXieOjg/.AySBTTZIIVFJeBui",
            b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789chars after 72 are ignored",
            b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ012345678",
        );
        // $2y$ vector kept by passlib from the same Openwall set.
        check(
            "$2y$05$/OK.fbVrR/bpIqNJ5ianF.Sa7shbm4.OzKpvFnX1pQLmQW96oUlCq",
            b"\xa3",
            b"\xa4",
        );
        // $2b$: bcrypt crate 0.19.3 src/lib.rs test
        // `can_verify_hash_generated_from_python`.
        check(
            "$2b$04$EGdrhbKUv8Oc9vGiXX0HQOxSg445d458Muh7DAHskb6QbtCvdxcie",
            b"correctbatteryhorsestapler",
            b"correctbatteryhorsestaple",
        );
    }

    #[test]
    fn sha_crypt_drepper_vectors() {
        // Drepper, "Unix crypt using SHA-256 and SHA-512"
        // (https://www.akkadia.org/drepper/SHA-crypt.txt), the reference for
        // glibc's $5$/$6$.
        check(
            "$5$saltstring$5B8vYYiY.CVt1RlTTf8KbXBH3hsxY/GNooZaBBGWEc5",
            b"Hello world!",
            b"Hello world",
        );
        check(
            "$5$rounds=5000$toolongsaltstrin$Un/5jzAHMgOGZ5.mWJpuVolil07guHPvOW8mGRcvxa5",
            b"This is just a test",
            b"This is just a tesT",
        );
        check(
            "$5$rounds=1000$roundstoolow$yfvwcWrQ8l/K0DAWyuPMDNHpIVlTQebY9l/gL972bIC",
            b"the minimum number is still observed",
            b"the minimum number is still observe",
        );
        check(
            "$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1",
            b"Hello world!",
            b"hello world!",
        );
        check(
            "$6$rounds=1400$anotherlongsalts$POfYwTEok97VWcjxIiSOjiykti.o/pQs.wPvMxQ6Fm7I6IoYN3CmLs66x9t0oSwbtEW7o7UmJEiDwGqd8p4ur1",
            b"a very much longer text to encrypt.  This one even stretches over morethan one line.",
            b"a very much longer text to encrypt.",
        );
        check(
            "$6$rounds=1000$roundstoolow$kUMsbe306n21p9R.FRkW3IGn.S9NPN0x50YhH1xhLsPuWGsUSklZt58jaTfF4ZEQpyUNGc0dqbpBYYBaHHrsX.",
            b"the minimum number is still observed",
            b"",
        );
    }

    #[test]
    fn md5_crypt_vectors() {
        // JTR 1.7.9 via passlib 1.7.4 test_handlers.py _md5_crypt_test.
        check(
            "$1$dXc3I7Rw$ctlgjDdWJLMT.qwHsWhXR1",
            b"U*U*U*U*",
            b"U*U*U*U",
        );
        check("$1$Eu.GHtia$CFkL/nE1BYTlEPiVx1VWX0", b"", b"x");
        check(
            "$1$d6/Ky1lU$/xpf8m7ftmWLF.TjHCqel0",
            UPASS_TABLE.as_bytes(),
            b"t",
        );
    }

    #[test]
    fn des_crypt_is_detected_but_unsupported() {
        let mut h = hasher();
        // JTR 1.7.9 via passlib 1.7.4 test_handlers.py _des_crypt_test.
        assert_eq!(
            verify_any("CCNf8Sbh3HDfQ", b"U*U*U*U*", &mut h),
            Err(SecretError::Unsupported {
                kind: FormatKind::DesCrypt
            })
        );
    }

    #[test]
    fn hex_digests() {
        // passlib 1.7.4 test_handlers.py hex_md5_test / hex_sha1_test /
        // hex_sha256_test (also the RFC 1321 / FIPS 180 digests of "password").
        check("5f4dcc3b5aa765d61d8327deb882cf99", b"password", b"Password");
        check("5F4DCC3B5AA765D61D8327DEB882CF99", b"password", b"Password");
        check(
            "05473f8a19f66815e737b33264a0d0b0",
            UPASS_TABLE.as_bytes(),
            b"password",
        );
        check(
            "5baa61e4c9b93f3f0682250b6cf8331b7ee68fd8",
            b"password",
            b"passwor",
        );
        check(
            "e059b2628e3a3e2de095679de9822c1d1466e0f0",
            UPASS_TABLE.as_bytes(),
            b"",
        );
        check(
            "5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8",
            b"password",
            b"password1",
        );
        check(
            "6ed729e19bf24d3d20f564375820819932029df05547116cfc2cc868a27b4493",
            UPASS_TABLE.as_bytes(),
            b"password",
        );
    }

    #[test]
    fn unknown_and_limits() {
        let mut h = hasher();
        assert_eq!(
            verify_any("plaintext-password", b"x", &mut h),
            Err(SecretError::UnknownFormat)
        );
        assert_eq!(
            verify_any(
                "$2x$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW",
                b"U*U",
                &mut h
            ),
            Err(SecretError::UnknownFormat)
        );
        for cost in [17, 20, 31] {
            assert_eq!(
                verify_any(
                    &format!("$2b${cost}$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW"),
                    b"U*U",
                    &mut h
                ),
                Err(SecretError::CostLimitExceeded {
                    kind: FormatKind::Bcrypt,
                    cost,
                    limit: 16
                })
            );
        }
        assert_eq!(
            verify_any(
                "$pbkdf2-sha256$4294967295$4vjV83LKPjQzk31VI4E0Vw$hsYF68OiOUPdDZ1Fg.fJPeq1h/gXXY7acBp9/6c.tmQ",
                b"password",
                &mut h
            ),
            Err(SecretError::CostLimitExceeded {
                kind: FormatKind::Pbkdf2Sha256,
                cost: 4_294_967_295,
                limit: u64::from(limits::MAX_PBKDF2_ROUNDS)
            })
        );
        assert!(matches!(
            verify_any(
                "$scrypt$ln=40,r=8,p=1$TmFDbA$/bq+HJ00cgB4VucZDQHp/nxq18vII3gw53N2Y0s3MWI",
                b"password",
                &mut h
            ),
            Err(SecretError::CostLimitExceeded {
                kind: FormatKind::Scrypt,
                ..
            })
        ));
        assert!(matches!(
            verify_any(
                "$6$rounds=999999999$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1",
                b"x",
                &mut h
            ),
            Err(SecretError::CostLimitExceeded {
                kind: FormatKind::Sha512Crypt,
                ..
            })
        ));
        // Argon2 at 2 GiB, or with 64 passes: refused before any memory is
        // taken.
        for (params, cost, limit) in [
            ("m=2097152,t=1,p=1", 2_097_152, 1_048_576),
            ("m=256,t=64,p=1", 64, 20),
            ("m=256,t=2,p=32", 32, 16),
        ] {
            let phc = format!(
                "$argon2id$v=19${params}$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4"
            );
            assert_eq!(
                verify_any(&phc, b"password", &mut h),
                Err(SecretError::CostLimitExceeded {
                    kind: FormatKind::Argon2id,
                    cost,
                    limit
                }),
                "{phc}"
            );
        }
        assert_eq!(h.buffer_bytes(), 64 * 1024);
    }

    #[test]
    fn the_costliest_real_settings_are_admitted() {
        // At the limits: RFC 7914 section 12 vector 4 (N=2^20, r=8, p=1;
        // the key's first 32 bytes, as passlib writes it), libsodium's
        // SENSITIVE Argon2id (1 GiB, t=4), t=20 with p=16, bcrypt 16, 10
        // million PBKDF2 iterations and SHA-crypt rounds. Detected only:
        // verifying them would take seconds each.
        for ok in [
            "$scrypt$ln=20,r=8,p=1$U29kaXVtQ2hsb3JpZGU$IQHLm2pRGq6t274Jz3D4gexWjVdKL/1Nq+XumCCtqkc",
            "$argon2id$v=19$m=1048576,t=4,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
            "$argon2id$v=19$m=65536,t=20,p=16$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
            "$2b$16$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW",
            "$pbkdf2-sha256$10000000$4vjV83LKPjQzk31VI4E0Vw$hsYF68OiOUPdDZ1Fg.fJPeq1h/gXXY7acBp9/6c.tmQ",
            "$6$rounds=10000000$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1",
        ] {
            let f = super::super::detect_format(ok).expect(ok);
            assert_eq!(f.cost_excess(), None, "{ok}");
        }
        for bad in [
            "$scrypt$ln=21,r=8,p=1$U29kaXVtQ2hsb3JpZGU$IQHLm2pRGq6t274Jz3D4gexWjVdKL/1Nq+XumCCtqkc",
            "$scrypt$ln=20,r=8,p=2$U29kaXVtQ2hsb3JpZGU$IQHLm2pRGq6t274Jz3D4gexWjVdKL/1Nq+XumCCtqkc",
            "$scrypt$ln=10,r=8,p=1025$U29kaXVtQ2hsb3JpZGU$IQHLm2pRGq6t274Jz3D4gexWjVdKL/1Nq+XumCCtqkc",
            "$pbkdf2-sha256$10000001$4vjV83LKPjQzk31VI4E0Vw$hsYF68OiOUPdDZ1Fg.fJPeq1h/gXXY7acBp9/6c.tmQ",
            "$6$rounds=10000001$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1",
        ] {
            let f = super::super::detect_format(bad).expect(bad);
            assert!(f.cost_excess().is_some(), "{bad}");
        }
    }
}
