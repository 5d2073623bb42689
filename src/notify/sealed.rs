//! Auth-code notices sealed to the sending host (issue 24): when the host
//! that issues a code cannot deliver it itself (no `[smtp]`), the notice's
//! body is stored in the outbox only as a libsodium sealed box (X25519,
//! XSalsa20-Poly1305: the `crypto_box` crate) to the public key of the host
//! that runs `notify send`. Whoever reads the ledger, a dead row version or
//! a free page sees no code; only the private key, a file on the sending
//! host (never the ledger, never argv), opens it.
//!
//! Keys: the private key is a PKCS#8 PEM file (RFC 8410), the form
//! `openssl genpkey -algorithm x25519` writes (`notify keygen` makes one);
//! the public key is written `x25519:` and the 32 key bytes in base64.
//!
//! A stored body is `sealed:x25519:`, the recipient's public key in hex, a
//! `:` and the sealed box in base64: the ledger can tell (SQL, by its
//! prefix) which notices a host's key opens without opening any.
//!
//! Pure: no I/O but the OS random generator.

use std::fmt;

use base64ct::{Base64, Encoding};
use crypto_box::aead::OsRng;
use zeroize::Zeroizing;

use crate::seal::{pkcs8_from_pem, pkcs8_to_pem, public_key_bytes};

/// How a public key is written: `x25519:` and base64 of the 32 key bytes.
pub const KEY_PREFIX: &str = "x25519:";

/// How every sealed body starts.
pub const SEALED: &str = "sealed:x25519:";

/// The length of a sealed body's prefix naming its key: [`SEALED`], 64 hex
/// digits and `:`.
pub const SEALED_PREFIX_LEN: usize = SEALED.len() + 64 + 1;

/// The fixed DER prefix of an X25519 private key in PKCS#8 v1 (RFC 8410
/// section 7): as Ed25519's, with the algorithm 1.3.101.110.
const PKCS8_PREFIX: [u8; 16] = [
    0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6e, 0x04, 0x22, 0x04, 0x20,
];

/// The largest sealed body opened (a notice is a few KiB).
const MAX_SEALED: usize = 64 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SealError {
    /// Not `x25519:` and 44 base64 characters.
    BadPublicKey,
    /// Not a PEM PKCS#8 X25519 private key.
    BadPrivateKey,
    /// Not a sealed body, sealed to another key, or altered.
    CannotOpen,
    /// The OS random generator or the cipher failed.
    Seal,
}

/// Whether a stored body is sealed (to any key).
pub fn is_sealed(body: &str) -> bool {
    body.starts_with(SEALED)
}

/// The public key notices are sealed to (the issuing host's configuration).
#[derive(Clone, PartialEq, Eq)]
pub struct SealTo(crypto_box::PublicKey);

impl SealTo {
    /// `x25519:BASE64` as printed by `notify keygen`.
    pub fn parse(s: &str) -> Result<SealTo, SealError> {
        let bytes = public_key_bytes(s, KEY_PREFIX).ok_or(SealError::BadPublicKey)?;
        Ok(SealTo(crypto_box::PublicKey::from(bytes)))
    }

    /// The prefix of every body sealed to this key.
    pub fn prefix(&self) -> String {
        format!("{SEALED}{}:", hex::encode(self.0.as_bytes()))
    }

    /// `text` sealed to this key, as stored.
    pub fn seal(&self, text: &str) -> Result<String, SealError> {
        let sealed = self
            .0
            .seal(&mut OsRng, text.as_bytes())
            .map_err(|_| SealError::Seal)?;
        Ok(format!(
            "{}{}",
            self.prefix(),
            Base64::encode_string(&sealed)
        ))
    }
}

impl fmt::Display for SealTo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{KEY_PREFIX}{}",
            Base64::encode_string(self.0.as_bytes())
        )
    }
}

impl fmt::Debug for SealTo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SealTo({self})")
    }
}

/// The private key that opens sealed notices (the sending host's). Never
/// printed.
pub struct OpenKey(crypto_box::SecretKey);

impl fmt::Debug for OpenKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "OpenKey({})", self.public())
    }
}

impl OpenKey {
    /// A new key from the OS random generator.
    pub fn generate() -> OpenKey {
        OpenKey(crypto_box::SecretKey::generate(&mut OsRng))
    }

    /// Read a PEM PKCS#8 X25519 private key.
    pub fn from_pem(text: &str) -> Result<OpenKey, SealError> {
        let key = pkcs8_from_pem(text, &PKCS8_PREFIX).ok_or(SealError::BadPrivateKey)?;
        Ok(OpenKey(crypto_box::SecretKey::from_bytes(*key)))
    }

    /// The key as a PEM PKCS#8 file (what `openssl pkey` reads).
    pub fn to_pem(&self) -> Zeroizing<String> {
        pkcs8_to_pem(&PKCS8_PREFIX, &Zeroizing::new(self.0.to_bytes()))
    }

    /// The public key to seal to.
    pub fn public(&self) -> SealTo {
        SealTo(self.0.public_key())
    }

    /// The prefix of the bodies this key opens.
    pub fn prefix(&self) -> String {
        self.public().prefix()
    }

    /// Open a stored body sealed to this key.
    pub fn open(&self, stored: &str) -> Result<Zeroizing<String>, SealError> {
        let b64 = stored
            .strip_prefix(self.prefix().as_str())
            .filter(|b| b.len() <= MAX_SEALED)
            .ok_or(SealError::CannotOpen)?;
        let sealed = Base64::decode_vec(b64).map_err(|_| SealError::CannotOpen)?;
        let plain = Zeroizing::new(self.0.unseal(&sealed).map_err(|_| SealError::CannotOpen)?);
        match std::str::from_utf8(&plain) {
            Ok(text) => Ok(Zeroizing::new(text.to_string())),
            Err(_) => Err(SealError::CannotOpen),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_body_opens_with_its_key_only_and_holds_no_clear_text() {
        let k = OpenKey::generate();
        let to = SealTo::parse(&k.public().to_string()).unwrap();
        assert_eq!(to, k.public());
        let body = "認証コード: 781724\n";
        let sealed = to.seal(body).unwrap();
        assert!(is_sealed(&sealed) && sealed.starts_with(&k.prefix()));
        assert_eq!(k.prefix().len(), SEALED_PREFIX_LEN);
        assert!(!sealed.contains("781724"));
        // A new ephemeral key each time: two seals of one text differ.
        assert_ne!(sealed, to.seal(body).unwrap());
        assert_eq!(k.open(&sealed).unwrap().as_str(), body);
        let other = OpenKey::generate();
        assert_eq!(other.open(&sealed).unwrap_err(), SealError::CannotOpen);
        // Altered under this key's prefix: the tag no longer matches.
        let mut raw = Base64::decode_vec(&sealed[SEALED_PREFIX_LEN..]).unwrap();
        let last = raw.len() - 1;
        raw[last] ^= 1;
        let altered = format!("{}{}", k.prefix(), Base64::encode_string(&raw));
        assert_eq!(k.open(&altered).unwrap_err(), SealError::CannotOpen);
        assert!(k.open("認証コード: 781724").is_err());
    }

    #[test]
    fn keys_round_trip_through_their_text_forms() {
        let k = OpenKey::generate();
        let pem = k.to_pem();
        let back = OpenKey::from_pem(&pem).unwrap();
        assert_eq!(back.public(), k.public());
        assert!(!format!("{k:?}").contains(&pem[30..50]));
        // An Ed25519 key (another algorithm) is not an X25519 key.
        let ed = crate::seal::SigningKey::generate().unwrap().to_pem();
        assert_eq!(
            OpenKey::from_pem(&ed).unwrap_err(),
            SealError::BadPrivateKey
        );
        for bad in [
            "",
            "x25519:",
            "x25519:AAAA",
            "ed25519:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
        ] {
            assert_eq!(
                SealTo::parse(bad).unwrap_err(),
                SealError::BadPublicKey,
                "{bad}"
            );
        }
    }

    #[test]
    fn reads_an_openssl_key() {
        // `openssl genpkey -algorithm x25519` and `openssl pkey -pubout`.
        let pem = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VuBCIEIEg4IUwsG7CPw6AkIXylXaN/cOTdIDA6OXE0ba+D6+Vw\n-----END PRIVATE KEY-----\n";
        let k = OpenKey::from_pem(pem).unwrap();
        assert_eq!(
            k.public().to_string(),
            "x25519:CRkB64bQUhwl09kp8mPAKxt8dzXSrN54hW3N8xGU2XU="
        );
    }
}
