//! Random initial passwords.

use super::SecretError;
use zeroize::Zeroizing;

/// Default alphabet for initial execution passwords that customers read off a
/// printed notice and type in: 30 symbols, about 4.9 bits each (12
/// characters ≈ 59 bits, 16 ≈ 78 bits).
///
/// Built from ASCII letters and digits by removing every symbol of each
/// confusable group (both sides, so a misread cannot land on another valid
/// symbol):
/// - `0 O o`, `1 l I` (required),
/// - `5 S s`, `2 Z z`, `8 B`, `6 G b`, `9 g q` (digit/letter look-alikes; the
///   digits 2, 6, 8, 9 are kept because their letter partners are gone),
/// - `c C`, `k K`, `p P`, `u U`, `v V`, `w W`, `x X`, `y Y` (letters whose
///   upper and lower case differ only in size in most fonts).
///
/// Kept: `2346789`, `ADEFHJLMNQRT`, `adefhijmnrt`.
pub const DEFAULT_INITIAL_ALPHABET: &str = "2346789ADEFHJLMNQRTadefhijmnrt";

/// Longest password [`generate_password`] will produce.
pub const MAX_GENERATED_LEN: usize = 1024;

/// Random bytes fetched from the OS per refill.
const BATCH: usize = 64;

/// Bytes `>= limit` are rejected so that `byte % n` is exactly uniform:
/// `limit` is the largest multiple of `n` not above 256.
fn acceptance_limit(n: usize) -> usize {
    256 - 256 % n
}

/// Generates a `len`-character password, each character drawn independently
/// and uniformly from `alphabet` with the OS generator (getrandom), using
/// rejection sampling so there is no modulo bias.
///
/// `alphabet` must hold at least two distinct printable ASCII bytes
/// (0x21..=0x7e). The random bytes are wiped after use, and the returned
/// string is wiped when dropped (its capacity is reserved up front, so it is
/// never reallocated while being filled).
///
/// # Errors
/// [`SecretError::InvalidPasswordLength`] for `len` outside
/// `1..=MAX_GENERATED_LEN`; [`SecretError::AlphabetTooSmall`],
/// [`SecretError::AlphabetInvalidByte`], [`SecretError::AlphabetDuplicate`]
/// for a bad alphabet; [`SecretError::Rng`] if the OS generator fails.
pub fn generate_password(len: usize, alphabet: &[u8]) -> Result<Zeroizing<String>, SecretError> {
    if len == 0 || len > MAX_GENERATED_LEN {
        return Err(SecretError::InvalidPasswordLength {
            len,
            max: MAX_GENERATED_LEN,
        });
    }
    validate_alphabet(alphabet)?;
    let n = alphabet.len();
    let limit = acceptance_limit(n);

    let mut out = Zeroizing::new(String::with_capacity(len));
    let mut buf = Zeroizing::new([0u8; BATCH]);
    while out.len() < len {
        getrandom::fill(&mut buf[..])?;
        for &b in buf.iter() {
            let b = usize::from(b);
            if b < limit {
                out.push(char::from(alphabet[b % n]));
                if out.len() == len {
                    break;
                }
            }
        }
    }
    Ok(out)
}

fn validate_alphabet(alphabet: &[u8]) -> Result<(), SecretError> {
    let mut seen = [false; 128];
    for &byte in alphabet {
        if !byte.is_ascii_graphic() {
            return Err(SecretError::AlphabetInvalidByte { byte });
        }
        let slot = &mut seen[usize::from(byte)];
        if *slot {
            return Err(SecretError::AlphabetDuplicate { byte });
        }
        *slot = true;
    }
    if alphabet.len() < 2 {
        return Err(SecretError::AlphabetTooSmall {
            len: alphabet.len(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pearson's chi-square statistic of `counts` against a uniform
    /// distribution.
    fn chi_square(counts: &[u64]) -> f64 {
        let total: u64 = counts.iter().sum();
        let expected = total as f64 / counts.len() as f64;
        counts
            .iter()
            .map(|&c| {
                let d = c as f64 - expected;
                d * d / expected
            })
            .sum()
    }

    fn counts(alphabet: &[u8], passwords: usize, len: usize) -> Vec<u64> {
        let mut counts = vec![0u64; alphabet.len()];
        for _ in 0..passwords {
            let pw = generate_password(len, alphabet).unwrap();
            for b in pw.bytes() {
                let i = alphabet.iter().position(|&a| a == b).unwrap();
                counts[i] += 1;
            }
        }
        counts
    }

    #[test]
    fn default_alphabet_excludes_lookalikes() {
        let a = DEFAULT_INITIAL_ALPHABET.as_bytes();
        assert_eq!(a.len(), 30);
        validate_alphabet(a).unwrap();
        for c in b"0Oo1lI5Ss2Zz8B6Gb9gqcCkKpPuUvVwWxXyY" {
            let keep = b"2689".contains(c);
            assert_eq!(a.contains(c), keep, "{}", char::from(*c));
        }
        assert!(a.iter().all(u8::is_ascii_alphanumeric));
    }

    #[test]
    fn length_and_alphabet_respected() {
        for len in [1, 2, 12, 16, 100, MAX_GENERATED_LEN] {
            let pw = generate_password(len, DEFAULT_INITIAL_ALPHABET.as_bytes()).unwrap();
            assert_eq!(pw.len(), len);
            assert!(
                pw.bytes()
                    .all(|b| DEFAULT_INITIAL_ALPHABET.as_bytes().contains(&b))
            );
        }
        let pw = generate_password(50, b"ab").unwrap();
        assert!(pw.bytes().all(|b| b == b'a' || b == b'b'));
    }

    #[test]
    fn passwords_differ() {
        let a = generate_password(16, DEFAULT_INITIAL_ALPHABET.as_bytes()).unwrap();
        let b = generate_password(16, DEFAULT_INITIAL_ALPHABET.as_bytes()).unwrap();
        assert_ne!(*a, *b);
    }

    #[test]
    fn roughly_uniform_default_alphabet() {
        // 60 000 draws over 30 symbols (29 degrees of freedom): mean 29,
        // sd ~7.6. 80 is ~6.7 sd (p < 1e-6) yet far below the statistic a
        // mapping bug would produce.
        let c = counts(DEFAULT_INITIAL_ALPHABET.as_bytes(), 3000, 20);
        let chi = chi_square(&c);
        assert!(chi < 80.0, "chi-square {chi}: {c:?}");
        assert!(c.iter().all(|&x| x > 0));
    }

    #[test]
    fn no_modulo_bias_with_94_symbols() {
        // 256 % 94 = 68: plain `byte % 94` would make the first 68 symbols
        // 1.5x as likely (chi-square in the thousands here). 93 degrees of
        // freedom: mean 93, sd ~13.6; threshold 170 is ~5.7 sd.
        let all: Vec<u8> = (0x21..=0x7e).collect();
        assert_eq!(all.len(), 94);
        let c = counts(&all, 1000, 47);
        let chi = chi_square(&c);
        assert!(chi < 170.0, "chi-square {chi}");
        let first: u64 = c[..68].iter().sum();
        let rest: u64 = c[68..].iter().sum();
        // Uniform: 68/94 of the draws (~0.723); biased would be ~0.797.
        let share = first as f64 / (first + rest) as f64;
        assert!((share - 68.0 / 94.0).abs() < 0.02, "share {share}");
    }

    #[test]
    fn acceptance_limit_values() {
        assert_eq!(acceptance_limit(30), 240);
        assert_eq!(acceptance_limit(94), 188);
        assert_eq!(acceptance_limit(2), 256);
        assert_eq!(acceptance_limit(64), 256);
        assert_eq!(acceptance_limit(3), 255);
    }

    #[test]
    fn bad_inputs() {
        let a = DEFAULT_INITIAL_ALPHABET.as_bytes();
        assert_eq!(
            generate_password(0, a).unwrap_err(),
            SecretError::InvalidPasswordLength {
                len: 0,
                max: MAX_GENERATED_LEN
            }
        );
        assert!(matches!(
            generate_password(MAX_GENERATED_LEN + 1, a),
            Err(SecretError::InvalidPasswordLength { .. })
        ));
        assert_eq!(
            generate_password(8, b"").unwrap_err(),
            SecretError::AlphabetTooSmall { len: 0 }
        );
        assert_eq!(
            generate_password(8, b"a").unwrap_err(),
            SecretError::AlphabetTooSmall { len: 1 }
        );
        assert_eq!(
            generate_password(8, b"abca").unwrap_err(),
            SecretError::AlphabetDuplicate { byte: b'a' }
        );
        assert_eq!(
            generate_password(8, b"ab c").unwrap_err(),
            SecretError::AlphabetInvalidByte { byte: b' ' }
        );
        assert_eq!(
            generate_password(8, "ab\u{e9}".as_bytes()).unwrap_err(),
            SecretError::AlphabetInvalidByte { byte: 0xc3 }
        );
    }
}
