//! Passwords end to end: the full policy check (the rules plus the two that
//! need stored hashes), initial-password generation, parallel hashing with
//! one reusable Argon2 buffer per thread, and the lockout transition.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use zeroize::Zeroizing;

use crate::customer::Customer;
use crate::policy::{self, BrokenRules, Facts, Kind, KindPolicy, Policy, Rule, Violation};
use crate::secret::{Argon2Params, Hasher, SecretError};

/// The policy's Argon2 parameters in the secret module's terms.
pub fn argon2_params(p: &Policy) -> Argon2Params {
    Argon2Params {
        m_kib: p.hashing.m_kib,
        t: p.hashing.t,
        p: p.hashing.p,
    }
}

/// What the full check needs to know of the customer's stored passwords.
pub struct Stored<'a> {
    /// The current hash of the other kind (login vs execution).
    pub other: Option<&'a str>,
    /// The current hash of this kind, then its history, newest first.
    pub same: &'a [String],
}

/// Every violated rule, the hash rules included (P5, P6). `history` is how
/// many of `stored.same` count (the policy's history depth).
pub fn full_check(
    kp: &KindPolicy,
    password: &str,
    facts: Option<&Facts>,
    stored: Option<&Stored>,
    hasher: &mut Hasher,
) -> Result<Vec<Violation>, SecretError> {
    let mut v = policy::check(kp, password, facts);
    let Some(stored) = stored else {
        return Ok(v);
    };
    if kp.rule_enabled(Rule::SameAsOther)
        && let Some(other) = stored.other
        && matches_stored(other, password, hasher)?
    {
        v.push(Violation::SameAsOther);
    }
    if kp.history > 0 {
        for h in stored.same.iter().take(kp.history as usize) {
            if matches_stored(h, password, hasher)? {
                v.push(Violation::Reused {
                    history: kp.history,
                });
                break;
            }
        }
    }
    Ok(v)
}

/// Whether `password` matches a stored hash of any accepted format. A hash
/// this build cannot verify (DES crypt) counts as no match.
pub fn matches_stored(
    stored: &str,
    password: &str,
    hasher: &mut Hasher,
) -> Result<bool, SecretError> {
    match crate::secret::verify_any(stored, password.as_bytes(), hasher) {
        Ok(ok) => Ok(ok),
        Err(
            SecretError::Unsupported { .. }
            | SecretError::UnknownFormat
            | SecretError::Malformed { .. },
        ) => Ok(false),
        Err(e) => Err(e),
    }
}

/// The facts the guessability rules need.
pub fn facts<'a>(c: &'a Customer, phones: &'a [String]) -> Facts<'a> {
    Facts {
        code: &c.code,
        birth_date: Some(c.birth_date),
        phones,
    }
}

/// How many candidates [`generate_initial`] draws before giving up. A
/// policy whose generator passes the rules this rarely was refused when it
/// was set (see `Policy::try_generator`); the cap turns what is left (a
/// stored policy from before that check, a customer whose own data breaks
/// nearly every candidate) into an error instead of a hang.
pub const GENERATE_TRIES: u32 = 10_000;

/// Why no initial password came out.
#[derive(Debug)]
pub enum GenerateError {
    /// The OS generator or the alphabet failed.
    Secret(SecretError),
    /// [`GENERATE_TRIES`] candidates all broke a rule; `rule` is the one
    /// broken most often.
    Exhausted { tries: u32, rule: Option<Rule> },
}

impl From<SecretError> for GenerateError {
    fn from(e: SecretError) -> Self {
        GenerateError::Secret(e)
    }
}

/// A fresh initial execution password that passes the execution policy for
/// this customer (P4, P7): uniform from the OS generator, regenerated until
/// it passes, at most [`GENERATE_TRIES`] times.
pub fn generate_initial(p: &Policy, facts: &Facts) -> Result<Zeroizing<String>, GenerateError> {
    let mut broken = BrokenRules::default();
    for _ in 0..GENERATE_TRIES {
        let pw =
            crate::secret::generate_password(p.generator.length, p.generator.alphabet.as_bytes())?;
        let violations = policy::check(p.kind(Kind::Execution), &pw, Some(facts));
        if violations.is_empty() {
            return Ok(pw);
        }
        broken.add(&violations);
    }
    Err(GenerateError::Exhausted {
        tries: GENERATE_TRIES,
        rule: broken.most(),
    })
}

/// How many hashing threads: one per core.
pub fn threads() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
}

/// Hash every password on every core, each thread with its own reusable
/// Argon2 buffer. The result is in input order.
pub fn hash_all(
    params: Argon2Params,
    passwords: &[Zeroizing<String>],
) -> Result<Vec<String>, SecretError> {
    on_every_core(params, passwords.len(), |hasher, i| {
        hasher.hash(passwords[i].as_bytes())
    })
}

/// Whether each (stored hash, password) pair matches (as
/// [`matches_stored`]), on every core. The result is in input order.
pub fn verify_all(params: Argon2Params, pairs: &[(&str, &str)]) -> Result<Vec<bool>, SecretError> {
    on_every_core(params, pairs.len(), |hasher, i| {
        matches_stored(pairs[i].0, pairs[i].1, hasher)
    })
}

/// `work(hasher, i)` for every `i` in `0..n`, spread over one thread per
/// core, each thread with its own reusable Argon2 buffer (made with
/// `params`). The results are in index order; any failure fails the whole.
fn on_every_core<T: Send>(
    params: Argon2Params,
    n: usize,
    work: impl Fn(&mut Hasher, usize) -> Result<T, SecretError> + Sync,
) -> Result<Vec<T>, SecretError> {
    let out: Vec<Mutex<Option<T>>> = (0..n).map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    let workers = threads().min(n).max(1);
    std::thread::scope(|s| -> Result<(), SecretError> {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                s.spawn(|| -> Result<(), SecretError> {
                    let mut hasher = Hasher::new(params)?;
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        if i >= n {
                            return Ok(());
                        }
                        let r = work(&mut hasher, i)?;
                        *out[i].lock().unwrap_or_else(|e| e.into_inner()) = Some(r);
                    }
                })
            })
            .collect();
        for w in handles {
            // A worker that panicked did nothing more: fail the batch.
            w.join().map_err(|_| SecretError::WorkerFailed)??;
        }
        Ok(())
    })?;
    out.into_iter()
        .map(|m| {
            m.into_inner()
                .unwrap_or_else(|e| e.into_inner())
                .ok_or(SecretError::WorkerFailed)
        })
        .collect()
}

/// The failure count after one more failure, and whether it locks now.
/// `threshold` None: this kind never locks.
pub fn after_failure(failures: u32, threshold: Option<u32>) -> (u32, bool) {
    let n = failures.saturating_add(1);
    (n, threshold.is_some_and(|t| n >= t))
}

/// The lockout threshold of a kind (L1): execution from the policy (9 by
/// default); login only when the policy sets one.
pub fn threshold(p: &Policy, kind: Kind) -> Option<u32> {
    match kind {
        Kind::Execution => Some(p.lockout.execution_threshold),
        Kind::Login => p.lockout.login_threshold,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ninth_failure_locks() {
        let mut n = 0;
        for i in 1..=9 {
            let (next, locks) = after_failure(n, Some(9));
            assert_eq!(next, i);
            assert_eq!(locks, i == 9, "failure {i}");
            n = next;
        }
        assert_eq!(after_failure(3, None), (4, false));
    }

    #[test]
    fn hashes_in_order_on_every_core() {
        let params = Argon2Params {
            m_kib: 64,
            t: 1,
            p: 1,
        };
        let pws: Vec<Zeroizing<String>> =
            (0..10).map(|i| Zeroizing::new(format!("pw{i}"))).collect();
        let hashes = hash_all(params, &pws).unwrap();
        let mut h = Hasher::new(params).unwrap();
        for (pw, hash) in pws.iter().zip(&hashes) {
            assert!(h.verify(pw.as_bytes(), hash).unwrap());
        }
    }

    #[test]
    fn verifies_in_order_on_every_core() {
        let params = Argon2Params {
            m_kib: 64,
            t: 1,
            p: 1,
        };
        let pws: Vec<Zeroizing<String>> =
            (0..7).map(|i| Zeroizing::new(format!("pw{i}"))).collect();
        let hashes = hash_all(params, &pws).unwrap();
        let mut pairs: Vec<(&str, &str)> = hashes
            .iter()
            .zip(&pws)
            .map(|(h, p)| (h.as_str(), p.as_str()))
            .collect();
        pairs[3].1 = "wrong";
        pairs[5].0 = "not a hash";
        let ok = verify_all(params, &pairs).unwrap();
        assert_eq!(ok, [true, true, true, false, true, false, true]);
        assert!(verify_all(params, &[]).unwrap().is_empty());
    }

    #[test]
    fn a_generator_that_cannot_pass_gives_up_naming_the_rule() {
        // `aA` folds to one letter: every candidate is a repeated character.
        let mut p = Policy::preset("securities").unwrap();
        p.generator.alphabet = "aA".into();
        p.generator.length = 4;
        let c = sample_customer();
        let phones = c.phones();
        match generate_initial(&p, &facts(&c, &phones)) {
            Err(GenerateError::Exhausted { tries, rule }) => {
                assert_eq!(tries, GENERATE_TRIES);
                assert_eq!(rule, Some(Rule::Repeat));
            }
            other => panic!("{other:?}"),
        }
    }

    fn sample_customer() -> Customer {
        Customer {
            code: "1234567".into(),
            name: "x".into(),
            birth_date: chrono::NaiveDate::from_ymd_opt(1980, 1, 15).unwrap(),
            phone: Some("0312345678".into()),
            mobile_phone: None,
            email_pc: None,
            email_mobile: None,
        }
    }

    #[test]
    fn generated_passwords_pass_the_policy() {
        let p = Policy::preset("securities").unwrap();
        let c = sample_customer();
        let phones = c.phones();
        let f = facts(&c, &phones);
        for _ in 0..200 {
            let pw = generate_initial(&p, &f).unwrap();
            assert_eq!(pw.len(), p.generator.length);
            assert!(policy::check(&p.execution, &pw, Some(&f)).is_empty());
        }
    }
}
