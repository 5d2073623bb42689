//! Seals of the audit trail: an Ed25519 signature over a head of the hash
//! chain (its sequence number and hash) and the time it was made.
//!
//! The SHA-256 chain alone shows edits made without recomputing the hashes.
//! Someone who can write the ledger can also recompute them. A seal is made
//! on one host with a private key kept outside the ledger, and checked
//! anywhere with the public key: a rewrite at or before a sealed entry no
//! longer reproduces the sealed head, and a forged seal does not verify.
//!
//! A seal covers the whole chain up to its entry (each entry's hash covers
//! the one before it), so the newest good seal vouches for every entry up to
//! it; older seals narrow down where a change was made. Deleting the newest
//! seals is seen through their age: `max_seal_age`.
//!
//! Keys: the private key is a PKCS#8 PEM file (RFC 8410), the form
//! `openssl genpkey -algorithm ed25519` writes; the public key is written
//! `ed25519:` and the 32 key bytes in base64.
//!
//! Pure: no I/O but the OS random generator for a new key.

use std::collections::HashMap;
use std::fmt;

use base64ct::{Base64, Encoding};
use chrono::{DateTime, Utc};
use ed25519_dalek::{Signature, Signer};
use zeroize::Zeroizing;

/// How a public key is written: `ed25519:` and base64 of the 32 key bytes.
pub const KEY_PREFIX: &str = "ed25519:";

/// The fixed DER prefix of an Ed25519 private key in PKCS#8 v1 (RFC 8410
/// section 7): SEQUENCE { version 0, AlgorithmIdentifier { 1.3.101.112 },
/// OCTET STRING { OCTET STRING (32 bytes) } }.
const PKCS8_PREFIX: [u8; 16] = [
    0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
];
const PEM_BEGIN: &str = "-----BEGIN PRIVATE KEY-----";
const PEM_END: &str = "-----END PRIVATE KEY-----";

/// Domain separation of the signed message, and its version.
const SEAL_CONTEXT: &[u8] = b"acctsec-trail-seal-v1";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyError {
    /// Not `ed25519:` and 44 base64 characters of a valid public key.
    BadPublicKey,
    /// Not a PEM PKCS#8 Ed25519 private key.
    BadPrivateKey,
    /// The OS random generator failed.
    Rng,
}

/// A public key that may verify seals.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct PublicKey(ed25519_dalek::VerifyingKey);

impl PublicKey {
    /// `ed25519:BASE64` as printed by `log keygen`.
    pub fn parse(s: &str) -> Result<PublicKey, KeyError> {
        let bytes = public_key_bytes(s, KEY_PREFIX).ok_or(KeyError::BadPublicKey)?;
        ed25519_dalek::VerifyingKey::from_bytes(&bytes)
            .map(PublicKey)
            .map_err(|_| KeyError::BadPublicKey)
    }
}

impl fmt::Display for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{KEY_PREFIX}{}",
            Base64::encode_string(self.0.as_bytes())
        )
    }
}

impl fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PublicKey({self})")
    }
}

/// The private key of the sealing host. Zeroed when dropped; never printed.
pub struct SigningKey(ed25519_dalek::SigningKey);

impl fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SigningKey({})", self.public())
    }
}

impl SigningKey {
    /// A new key from the OS random generator.
    pub fn generate() -> Result<SigningKey, KeyError> {
        let mut seed = Zeroizing::new([0u8; 32]);
        getrandom::fill(&mut seed[..]).map_err(|_| KeyError::Rng)?;
        Ok(SigningKey(ed25519_dalek::SigningKey::from_bytes(&seed)))
    }

    /// Read a PEM PKCS#8 Ed25519 private key.
    pub fn from_pem(text: &str) -> Result<SigningKey, KeyError> {
        let seed = pkcs8_from_pem(text, &PKCS8_PREFIX).ok_or(KeyError::BadPrivateKey)?;
        Ok(SigningKey(ed25519_dalek::SigningKey::from_bytes(&seed)))
    }

    /// The key as a PEM PKCS#8 file (what `openssl pkey` reads).
    pub fn to_pem(&self) -> Zeroizing<String> {
        pkcs8_to_pem(&PKCS8_PREFIX, &Zeroizing::new(self.0.to_bytes()))
    }

    pub fn public(&self) -> PublicKey {
        PublicKey(self.0.verifying_key())
    }

    /// Seal the head `seq:head` at `sealed_at` (the ledger's stored time form).
    pub fn seal(&self, seq: u64, head: &str, sealed_at: &str) -> Seal {
        let signature = self.0.sign(&message(seq, head, sealed_at));
        Seal {
            seq,
            head: head.to_string(),
            sealed_at: sealed_at.to_string(),
            key: self.public().to_string(),
            signature: Base64::encode_string(&signature.to_bytes()),
        }
    }
}

/// The 32 bytes of a public key written `prefix` and base64 (`ed25519:…`,
/// `x25519:…`); `None` when it is anything else.
pub(crate) fn public_key_bytes(s: &str, prefix: &str) -> Option<[u8; 32]> {
    let b64 = s.trim().strip_prefix(prefix)?;
    let mut buf = [0u8; 33];
    Base64::decode(b64, &mut buf).ok()?.try_into().ok()
}

/// The 32 key bytes of a PEM PKCS#8 private key whose DER starts with
/// `prefix` (RFC 8410: the same shape for Ed25519 and X25519, the algorithm
/// identifier apart); `None` when it is anything else.
pub(crate) fn pkcs8_from_pem(text: &str, prefix: &[u8; 16]) -> Option<Zeroizing<[u8; 32]>> {
    let body = text
        .trim()
        .strip_prefix(PEM_BEGIN)
        .and_then(|s| s.strip_suffix(PEM_END))?;
    let mut b64 = Zeroizing::new(String::with_capacity(body.len()));
    b64.extend(body.chars().filter(|c| !c.is_ascii_whitespace()));
    let mut der = Zeroizing::new([0u8; 64]);
    let len = Base64::decode(b64.as_str(), &mut der[..]).ok()?.len();
    if len != prefix.len() + 32 || der[..prefix.len()] != prefix[..] {
        return None;
    }
    let mut key = Zeroizing::new([0u8; 32]);
    key.copy_from_slice(&der[prefix.len()..len]);
    Some(key)
}

/// A PEM PKCS#8 private key: the DER `prefix` and the 32 key bytes.
pub(crate) fn pkcs8_to_pem(prefix: &[u8; 16], key: &[u8; 32]) -> Zeroizing<String> {
    let mut der = Zeroizing::new([0u8; 48]);
    der[..16].copy_from_slice(prefix);
    der[16..].copy_from_slice(key);
    let b64 = Zeroizing::new(Base64::encode_string(&der[..]));
    Zeroizing::new(format!("{PEM_BEGIN}\n{}\n{PEM_END}\n", b64.as_str()))
}

/// The signed bytes: the context, then each field length-prefixed so that no
/// two different seals sign alike.
///
/// No separate ledger identity is signed: the head hash commits to the whole
/// chain from entry 1 (the ledger's creation: its time and creator), so a
/// seal of one ledger never matches another ledger's chain.
fn message(seq: u64, head: &str, sealed_at: &str) -> Vec<u8> {
    let mut m = SEAL_CONTEXT.to_vec();
    for field in [
        seq.to_string().as_bytes(),
        head.as_bytes(),
        sealed_at.as_bytes(),
    ] {
        m.extend_from_slice(&(field.len() as u64).to_be_bytes());
        m.extend_from_slice(field);
    }
    m
}

/// A stored seal, as the ledger keeps it (text, so a damaged one is still
/// shown as found).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seal {
    /// The sealed entry: the head when the seal was made.
    pub seq: u64,
    /// Its hash.
    pub head: String,
    /// When it was sealed (UTC, the ledger's stored form).
    pub sealed_at: String,
    /// The public key that made it (`ed25519:...`).
    pub key: String,
    /// The signature, base64.
    pub signature: String,
}

impl Seal {
    /// Does the signature verify with `key` (the key the seal names)?
    fn signed_by(&self, key: &PublicKey) -> bool {
        let mut buf = [0u8; 66];
        let Ok(bytes) = Base64::decode(&self.signature, &mut buf) else {
            return false;
        };
        let Ok(bytes) = <&[u8; 64]>::try_from(bytes) else {
            return false;
        };
        let sig = Signature::from_bytes(bytes);
        key.0
            .verify_strict(&message(self.seq, &self.head, &self.sealed_at), &sig)
            .is_ok()
    }

    pub fn sealed_time(&self) -> Option<DateTime<Utc>> {
        DateTime::parse_from_rfc3339(&self.sealed_at)
            .ok()
            .map(|t| t.with_timezone(&Utc))
    }
}

/// The keys a host trusts, from its configuration.
#[derive(Debug, Clone, Default)]
pub struct Keys {
    /// Seals by these are checked and count.
    pub trusted: Vec<PublicKey>,
    /// Seals by these are ignored: keys taken out of service after a leak.
    pub retired: Vec<PublicKey>,
}

impl Keys {
    pub fn is_empty(&self) -> bool {
        self.trusted.is_empty()
    }
}

/// What the chain says about an entry, for checking a seal against it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChainAt {
    /// The chain (verified up to here) holds this hash at the entry.
    Hash(String),
    /// The verified chain ends before the entry.
    Missing,
    /// The entry is at or after a break in the chain, which is reported on
    /// its own; the seal cannot be checked against it.
    Unverified,
}

/// How one stored seal fared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SealStatus {
    /// Signed by a trusted key, and the chain reproduces the sealed head.
    Good,
    /// Signed by a trusted key, but the chain no longer reproduces its head.
    Mismatch,
    /// The signature does not verify with the key it names.
    BadSignature,
    /// Signed (or claiming to be) by a key not in the configuration.
    UnknownKey,
    /// Signed by a retired key: ignored.
    Retired,
    /// At or after a break in the chain: not checkable.
    Unverified,
}

/// One problem found among the seals; several seals of one kind are
/// reported once, by the first, with a count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SealProblem {
    /// The trail was changed at or before `seq` (the lowest sealed entry the
    /// chain no longer reproduces), and after `after` (the highest lower
    /// entry a good seal still vouches for), if any.
    Rewritten {
        seq: u64,
        after: Option<u64>,
        sealed_at: String,
        key: String,
        count: usize,
    },
    /// Seals whose signature does not verify: forged or altered.
    BadSignature {
        seq: u64,
        sealed_at: String,
        key: String,
        count: usize,
    },
    /// Seals by a key that is neither trusted nor retired.
    UnknownKey {
        seq: u64,
        sealed_at: String,
        key: String,
        count: usize,
    },
    /// No good seal newer than `max_age`: the newest is `newest` (if any).
    Stale {
        max_age_secs: u64,
        newest: Option<(u64, String)>,
    },
}

/// The result of checking every stored seal.
#[derive(Debug, Clone, Default)]
pub struct SealReport {
    /// How many seals were stored.
    pub stored: usize,
    /// How many are good.
    pub good: usize,
    /// The newest good seal (by time).
    pub newest_good: Option<Seal>,
    pub problems: Vec<SealProblem>,
}

impl SealReport {
    /// Is the newest good seal older than `max_age` at `now` (or is there none)?
    pub fn stale(&self, now: DateTime<Utc>, max_age: std::time::Duration) -> bool {
        match self.newest_good.as_ref().and_then(Seal::sealed_time) {
            None => true,
            Some(t) => (now - t).to_std().is_ok_and(|age| age > max_age),
        }
    }
}

/// The status of one seal.
pub fn status(seal: &Seal, keys: &Keys, chain: &ChainAt) -> SealStatus {
    let named = PublicKey::parse(&seal.key).ok();
    let Some(key) = named.filter(|k| keys.trusted.contains(k) || keys.retired.contains(k)) else {
        return SealStatus::UnknownKey;
    };
    if keys.retired.contains(&key) {
        return SealStatus::Retired;
    }
    if !seal.signed_by(&key) {
        return SealStatus::BadSignature;
    }
    match chain {
        ChainAt::Hash(h) if *h == seal.head => SealStatus::Good,
        ChainAt::Hash(_) | ChainAt::Missing => SealStatus::Mismatch,
        ChainAt::Unverified => SealStatus::Unverified,
    }
}

/// Check every stored seal against the keys and the chain (`chain(seq)`: what
/// the verified chain holds at that entry). With `max_age`, a trail whose
/// newest good seal is older than that at `now` is a problem too.
pub fn check(
    seals: &[Seal],
    keys: &Keys,
    chain: impl Fn(u64) -> ChainAt,
    now: DateTime<Utc>,
    max_age: Option<std::time::Duration>,
) -> SealReport {
    let mut report = SealReport {
        stored: seals.len(),
        ..SealReport::default()
    };
    let mut by_seq: Vec<(&Seal, SealStatus)> = seals
        .iter()
        .map(|s| (s, status(s, keys, &chain(s.seq))))
        .collect();
    by_seq.sort_by(|a, b| (a.0.seq, &a.0.sealed_at).cmp(&(b.0.seq, &b.0.sealed_at)));

    let good: Vec<&Seal> = by_seq
        .iter()
        .filter(|(_, st)| *st == SealStatus::Good)
        .map(|(s, _)| *s)
        .collect();
    report.good = good.len();
    report.newest_good = good
        .iter()
        .max_by(|a, b| (&a.sealed_at, a.seq).cmp(&(&b.sealed_at, b.seq)))
        .map(|s| (*s).clone());

    let first_of = |want: SealStatus| {
        let mut it = by_seq.iter().filter(move |(_, st)| *st == want);
        it.next().map(|(s, _)| (*s, 1 + it.count()))
    };
    if let Some((s, count)) = first_of(SealStatus::Mismatch) {
        let after = good.iter().map(|g| g.seq).filter(|q| *q < s.seq).max();
        report.problems.push(SealProblem::Rewritten {
            seq: s.seq,
            after,
            sealed_at: s.sealed_at.clone(),
            key: s.key.clone(),
            count,
        });
    }
    if let Some((s, count)) = first_of(SealStatus::BadSignature) {
        report.problems.push(SealProblem::BadSignature {
            seq: s.seq,
            sealed_at: s.sealed_at.clone(),
            key: s.key.clone(),
            count,
        });
    }
    // Unknown keys: one problem per key, so that each can be looked up.
    let mut unknown: Vec<(&Seal, usize)> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    for (s, st) in &by_seq {
        if *st == SealStatus::UnknownKey {
            match index.get(s.key.as_str()) {
                Some(&i) => unknown[i].1 += 1,
                None => {
                    index.insert(&s.key, unknown.len());
                    unknown.push((s, 1));
                }
            }
        }
    }
    for (s, count) in unknown {
        report.problems.push(SealProblem::UnknownKey {
            seq: s.seq,
            sealed_at: s.sealed_at.clone(),
            key: s.key.clone(),
            count,
        });
    }
    if let Some(max_age) = max_age
        && report.stale(now, max_age)
    {
        report.problems.push(SealProblem::Stale {
            max_age_secs: max_age.as_secs(),
            newest: report
                .newest_good
                .as_ref()
                .map(|s| (s.seq, s.sealed_at.clone())),
        });
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use std::time::Duration;

    const T0: &str = "2026-11-30T03:00:00.000000Z";

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 30, 4, 0, 0).unwrap()
    }

    fn keys(k: &SigningKey) -> Keys {
        Keys {
            trusted: vec![k.public()],
            retired: vec![],
        }
    }

    #[test]
    fn keys_round_trip_through_their_text_forms() {
        let k = SigningKey::generate().unwrap();
        let pem = k.to_pem();
        assert!(pem.starts_with(PEM_BEGIN) && pem.trim_end().ends_with(PEM_END));
        let back = SigningKey::from_pem(&pem).unwrap();
        assert_eq!(back.public(), k.public());
        let text = k.public().to_string();
        assert!(
            text.starts_with("ed25519:") && text.len() == 8 + 44,
            "{text}"
        );
        assert_eq!(PublicKey::parse(&text).unwrap(), k.public());
        assert_eq!(PublicKey::parse("ed25519:abc"), Err(KeyError::BadPublicKey));
        assert_eq!(PublicKey::parse(&text[8..]), Err(KeyError::BadPublicKey));
        assert_eq!(
            SigningKey::from_pem("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----")
                .unwrap_err(),
            KeyError::BadPrivateKey
        );
        assert!(!format!("{k:?}").contains(&pem[PEM_BEGIN.len()..PEM_BEGIN.len() + 20]));
    }

    #[test]
    fn reads_an_openssl_key() {
        // `openssl genpkey -algorithm ed25519` (RFC 8410 section 10.3's example key).
        let pem = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC\n-----END PRIVATE KEY-----\n";
        let k = SigningKey::from_pem(pem).unwrap();
        assert_eq!(
            k.public().to_string(),
            // The matching public key of RFC 8410 section 10.1 (19bf44...).
            format!(
                "ed25519:{}",
                Base64::encode_string(
                    &hex::decode(
                        "19bf44096984cdfe8541bac167dc3b96c85086aa30b6b6cb0c5c38ad703166e1"
                    )
                    .unwrap()
                )
            )
        );
    }

    #[test]
    fn a_seal_verifies_only_unchanged_and_with_its_key() {
        let k = SigningKey::generate().unwrap();
        let other = SigningKey::generate().unwrap();
        let head = "ab".repeat(32);
        let s = k.seal(7, &head, T0);
        let at = |h: &str| ChainAt::Hash(h.to_string());
        assert_eq!(status(&s, &keys(&k), &at(&head)), SealStatus::Good);
        assert_eq!(
            status(&s, &keys(&k), &at(&"cd".repeat(32))),
            SealStatus::Mismatch
        );
        assert_eq!(
            status(&s, &keys(&k), &ChainAt::Missing),
            SealStatus::Mismatch
        );
        assert_eq!(
            status(&s, &keys(&other), &at(&head)),
            SealStatus::UnknownKey
        );
        let retired = Keys {
            trusted: vec![other.public()],
            retired: vec![k.public()],
        };
        assert_eq!(status(&s, &retired, &at(&head)), SealStatus::Retired);
        for forged in [
            Seal {
                seq: 8,
                ..s.clone()
            },
            Seal {
                head: "cd".repeat(32),
                ..s.clone()
            },
            Seal {
                sealed_at: "2026-12-30T03:00:00.000000Z".into(),
                ..s.clone()
            },
            Seal {
                signature: "x".into(),
                ..s.clone()
            },
        ] {
            let h = forged.head.clone();
            assert_eq!(
                status(&forged, &keys(&k), &at(&h)),
                SealStatus::BadSignature
            );
        }
        // Claiming another trusted key does not help a forger.
        let both = Keys {
            trusted: vec![k.public(), other.public()],
            retired: vec![],
        };
        let claimed = Seal {
            key: other.public().to_string(),
            ..s.clone()
        };
        assert_eq!(
            status(&claimed, &both, &at(&head)),
            SealStatus::BadSignature
        );
    }

    #[test]
    fn check_names_where_the_trail_changed_and_when_it_was_last_sealed() {
        let k = SigningKey::generate().unwrap();
        let h = |n: u64| format!("{n:064x}");
        let seals = vec![
            k.seal(3, &h(3), "2026-11-30T01:00:00.000000Z"),
            k.seal(5, &h(5), "2026-11-30T02:00:00.000000Z"),
            k.seal(9, &h(9), T0),
        ];
        // Intact.
        let r = check(
            &seals,
            &keys(&k),
            |q| ChainAt::Hash(h(q)),
            now(),
            Some(Duration::from_secs(7200)),
        );
        assert_eq!((r.stored, r.good), (3, 3));
        assert!(r.problems.is_empty(), "{:?}", r.problems);
        assert_eq!(r.newest_good.unwrap().seq, 9);
        // Entry 4 rewritten and the chain recomputed: seals 5 and 9 no longer match.
        let rewritten = |q: u64| ChainAt::Hash(if q >= 4 { h(q + 100) } else { h(q) });
        let r = check(&seals, &keys(&k), rewritten, now(), None);
        assert_eq!(
            r.problems,
            vec![SealProblem::Rewritten {
                seq: 5,
                after: Some(3),
                sealed_at: "2026-11-30T02:00:00.000000Z".into(),
                key: k.public().to_string(),
                count: 2
            }]
        );
        // Too old.
        let r = check(
            &seals,
            &keys(&k),
            |q| ChainAt::Hash(h(q)),
            now(),
            Some(Duration::from_secs(1800)),
        );
        assert_eq!(
            r.problems,
            vec![SealProblem::Stale {
                max_age_secs: 1800,
                newest: Some((9, T0.into()))
            }]
        );
        // None at all.
        let r = check(
            &[],
            &keys(&k),
            |q| ChainAt::Hash(h(q)),
            now(),
            Some(Duration::from_secs(1800)),
        );
        assert_eq!(
            r.problems,
            vec![SealProblem::Stale {
                max_age_secs: 1800,
                newest: None
            }]
        );
        // Seals past a chain break are left to the chain's report.
        let r = check(
            &seals,
            &keys(&k),
            |q| {
                if q > 4 {
                    ChainAt::Unverified
                } else {
                    ChainAt::Hash(h(q))
                }
            },
            now(),
            None,
        );
        assert!(r.problems.is_empty());
        assert_eq!(r.good, 1);
    }
}
