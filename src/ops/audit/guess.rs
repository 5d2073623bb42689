//! The guessing engine: each customer's candidates tried against the stored
//! hashes on every core, in walk order, so that what a run covered is
//! exactly a prefix of the walk (customers, then the candidates of one
//! credential) and the next run resumes right after it.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard, mpsc};
use std::time::Instant;

use zeroize::Zeroizing;

use crate::audit::{Candidate, Source, Within, candidates, fingerprint, is_cheap, still_holds};
use crate::customer::{Credential, Customer};
use crate::error::Result;
use crate::ledger::AuditAccount;
use crate::ops::Progress;
use crate::password;
use crate::policy::{Kind, Policy};
use crate::secret::Hasher;

/// What part of each customer's guesses a walk makes: the candidates in
/// `band` (by rank, most likely first), on the credentials of one tier
/// (`cheap`: `Some(true)` the cheap legacy formats, `Some(false)` the
/// others, `None` both).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Scope {
    pub(super) band: Range<usize>,
    pub(super) cheap: Option<bool>,
}

/// One customer's credentials, for the guessing walk.
pub(super) struct Subject {
    pub(super) customer: Customer,
    login: Option<Credential>,
    exec: Option<Credential>,
    /// Credentials an earlier run found guessable and whose hash has not
    /// changed since: no guess is needed to know.
    standing: Vec<Kind>,
}

impl Subject {
    pub(super) fn from_account(a: AuditAccount) -> Subject {
        let standing = a
            .stored
            .iter()
            .filter(|g| still_holds(a.credential(g.kind), &g.hash_tag))
            .map(|g| g.kind)
            .collect();
        Subject {
            customer: a.customer,
            login: a.login,
            exec: a.execution,
            standing,
        }
    }

    pub(super) fn credential(&self, kind: Kind) -> Option<&Credential> {
        match kind {
            Kind::Login => self.login.as_ref(),
            Kind::Execution => self.exec.as_ref(),
        }
    }

    /// The credential, if it is in the walk's tier.
    fn in_scope(&self, kind: Kind, scope: &Scope) -> Option<&Credential> {
        self.credential(kind)
            .filter(|c| scope.cheap.is_none_or(|cheap| is_cheap(&c.format) == cheap))
    }

    /// Whether the walk has guesses to make on this credential.
    fn to_guess(&self, kind: Kind, scope: &Scope) -> Option<&Credential> {
        self.in_scope(kind, scope)
            .filter(|_| !self.standing.contains(&kind))
    }

    /// The guesses for one of its credentials (none without one).
    fn candidates(&self, kind: Kind, policy: &Policy, max: usize) -> Vec<Candidate> {
        match self.credential(kind) {
            Some(_) => candidates(&self.customer, kind, policy, max),
            None => Vec::new(),
        }
    }
}

/// Whether the position a run stopped at still holds: it names the first
/// customer left, and that customer's stored hash and first guesses are the
/// ones it recorded.
pub(super) fn still_valid(w: &Within, subjects: &[Subject], policy: &Policy, max: usize) -> bool {
    let Some(s) = subjects.first().filter(|s| s.customer.code == w.customer) else {
        return false;
    };
    let list = s.candidates(w.kind, policy, max);
    let stored = s.credential(w.kind).map_or("", |c| c.hash.as_str());
    w.done <= list.len() && fingerprint(stored, &list[..w.done]) == w.check
}

/// The order guesses are made in: each customer's login candidates, then
/// its execution candidates.
const KINDS: [Kind; 2] = [Kind::Login, Kind::Execution];

/// What a guessing walk covered: a prefix of the customers, possibly part
/// of the next one, and the guesses that hit (per customer).
pub(super) struct Walked {
    pub(super) covered: usize,
    pub(super) within: Option<Within>,
    pub(super) hits: Vec<Vec<(Kind, Source)>>,
    /// Credentials of the covered customers whose guesses in the scope are
    /// all made (or that a hit settled).
    pub(super) credentials: u64,
}

/// One piece of work for a guessing thread, numbered in walk order.
enum Item<'a> {
    /// Try candidate `j` of customer `i`'s `kind` credential.
    Guess {
        seq: u64,
        i: usize,
        kind: Kind,
        j: usize,
        stored: &'a str,
        password: Zeroizing<String>,
        source: Source,
    },
    /// Every guess of customer `i` has been handed out.
    End { seq: u64, i: usize },
}

/// What a thread did with an item.
enum Done {
    Guess {
        seq: u64,
        i: usize,
        kind: Kind,
        j: usize,
        hit: Option<Source>,
    },
    End {
        seq: u64,
        i: usize,
    },
}

impl Done {
    fn seq(&self) -> u64 {
        match self {
            Done::Guess { seq, .. } | Done::End { seq, .. } => *seq,
        }
    }
}

/// Hands out the walk one item at a time, in order, and nothing once the
/// deadline has passed. The candidates of one credential at a time are
/// held.
struct Feed<'a> {
    subjects: &'a [Subject],
    policy: &'a Policy,
    scope: &'a Scope,
    deadline: Option<Instant>,
    seq: u64,
    /// The customer, the index in [`KINDS`] (its length: the customer's
    /// end), and the next candidate.
    i: usize,
    k: usize,
    j: usize,
    list: Option<Vec<Candidate>>,
    /// The current credential needs no more guesses (one hit, or its hash
    /// cannot be verified).
    settled: bool,
    /// A guess has been handed out, here or on an earlier page (past the
    /// deadline, no other is).
    guessed: bool,
    stopped: bool,
}

impl<'a> Feed<'a> {
    fn next(&mut self) -> Option<Item<'a>> {
        // Past the deadline, nothing more; but every run makes at least one
        // guess, so that a walk always ends, however short the budget.
        let late = self.deadline.is_some_and(|d| Instant::now() >= d);
        if self.stopped || (late && self.guessed) {
            self.stopped = true;
            return None;
        }
        let subjects = self.subjects;
        loop {
            let s = subjects.get(self.i)?;
            let Some(&kind) = KINDS.get(self.k) else {
                let item = Item::End {
                    seq: self.seq,
                    i: self.i,
                };
                self.seq += 1;
                self.i += 1;
                self.k = 0;
                self.j = self.scope.band.start;
                return Some(item);
            };
            let Some(cred) = s.to_guess(kind, self.scope).filter(|_| !self.settled) else {
                self.next_credential();
                continue;
            };
            let (policy, max) = (self.policy, self.scope.band.end);
            let list = self
                .list
                .get_or_insert_with(|| candidates(&s.customer, kind, policy, max));
            let Some(c) = list.get(self.j) else {
                self.next_credential();
                continue;
            };
            let item = Item::Guess {
                seq: self.seq,
                i: self.i,
                kind,
                j: self.j,
                stored: &cred.hash,
                password: c.password.clone(),
                source: c.source,
            };
            self.seq += 1;
            self.j += 1;
            self.guessed = true;
            return Some(item);
        }
    }

    fn next_credential(&mut self) {
        self.k += 1;
        self.j = self.scope.band.start;
        self.list = None;
        self.settled = false;
    }

    /// No more guesses for customer `i`'s `kind` credential.
    fn settle(&mut self, i: usize, kind: Kind) {
        if self.i == i && KINDS.get(self.k) == Some(&kind) {
            self.settled = true;
        }
    }
}

fn lock<'m, 'a>(feed: &'m Mutex<Feed<'a>>) -> MutexGuard<'m, Feed<'a>> {
    feed.lock().unwrap_or_else(|e| e.into_inner())
}

/// Try the guesses on every core, from `start` (a kind and how many of its
/// candidates are done) inside the first customer. The budget is checked
/// before every candidate: at the deadline no thread takes another, and the
/// ones under way finish, so the run overruns by at most one candidate
/// verification. Every guess handed out is finished, so what was covered is
/// exactly a prefix of the walk, which the caller records to resume from.
/// `made`: an earlier page of this run made a guess already (so a walk
/// past the deadline makes none).
#[allow(clippy::too_many_arguments)]
pub(super) fn guess_all(
    policy: &Policy,
    subjects: &[Subject],
    scope: &Scope,
    start: Option<(Kind, usize)>,
    deadline: Option<Instant>,
    made: bool,
    guesses: &AtomicU64,
    progress: &dyn Progress,
) -> Result<Walked> {
    let params = password::argon2_params(policy);
    // Fails here, before any thread starts, if the parameters are unusable.
    Hasher::new(params)?;
    let (k, j) = match start {
        Some((kind, done)) => (KINDS.iter().position(|k| *k == kind).unwrap_or(0), done),
        None => (0, scope.band.start),
    };
    let feed = Mutex::new(Feed {
        subjects,
        policy,
        scope,
        deadline,
        seq: 0,
        i: 0,
        k,
        j,
        list: None,
        settled: false,
        guessed: made,
        stopped: false,
    });
    let mut hits: Vec<Vec<(Kind, Source)>> = vec![Vec::new(); subjects.len()];
    let mut covered = 0usize;
    // The last guess of the walk's finished prefix: (customer, kind, how
    // many of its candidates are done).
    let mut at: Option<(usize, Kind, usize)> = start.map(|(kind, done)| (0, kind, done));
    let (tx, rx) = mpsc::channel::<Done>();
    std::thread::scope(|s| -> Result<()> {
        let workers: Vec<_> = (0..password::threads())
            .map(|_| {
                let tx = tx.clone();
                let feed = &feed;
                s.spawn(move || -> Result<()> {
                    let mut hasher = match Hasher::new(params) {
                        Ok(h) => h,
                        Err(e) => {
                            lock(feed).stopped = true;
                            return Err(e.into());
                        }
                    };
                    loop {
                        let Some(item) = lock(feed).next() else {
                            return Ok(());
                        };
                        let done = match item {
                            Item::End { seq, i } => Done::End { seq, i },
                            Item::Guess {
                                seq,
                                i,
                                kind,
                                j,
                                stored,
                                password,
                                source,
                            } => {
                                let verdict =
                                    password::matches_stored(stored, &password, &mut hasher);
                                drop(password);
                                if verdict.is_ok() {
                                    guesses.fetch_add(1, Ordering::Relaxed);
                                }
                                let hit = matches!(verdict, Ok(true));
                                // One hit is enough; a hash that cannot be
                                // verified (over the cost limits, say) would
                                // refuse every other guess the same way.
                                if hit || verdict.is_err() {
                                    lock(feed).settle(i, kind);
                                }
                                Done::Guess {
                                    seq,
                                    i,
                                    kind,
                                    j,
                                    hit: hit.then_some(source),
                                }
                            }
                        };
                        if tx.send(done).is_err() {
                            return Ok(());
                        }
                    }
                })
            })
            .collect();
        drop(tx);
        // Results arrive out of order; they are taken in walk order.
        let mut early: BTreeMap<u64, Done> = BTreeMap::new();
        let mut next = 0u64;
        for done in rx.iter() {
            early.insert(done.seq(), done);
            while let Some(done) = early.remove(&next) {
                next += 1;
                match done {
                    Done::Guess {
                        i, kind, j, hit, ..
                    } => {
                        if let Some(source) = hit
                            && !hits[i].iter().any(|(k, _)| *k == kind)
                        {
                            hits[i].push((kind, source));
                        }
                        at = Some((i, kind, j + 1));
                    }
                    Done::End { i, .. } => {
                        covered = i + 1;
                        at = None;
                        progress.advance(1);
                    }
                }
            }
        }
        let mut result = Ok(());
        for w in workers {
            let r = w.join().unwrap_or_else(|p| std::panic::resume_unwind(p));
            if result.is_ok() {
                result = r;
            }
        }
        result
    })?;
    // Inside the next customer: move past credentials that are finished
    // (a hit, or every candidate tried); past the last one, the customer is.
    let mut within = None;
    if let Some((i, kind, mut done)) =
        at.filter(|(i, ..)| *i == covered && covered < subjects.len())
    {
        let s = &subjects[i];
        let mut k = KINDS.iter().position(|k| *k == kind).unwrap_or(0);
        while let Some(&kind) = KINDS.get(k) {
            let list = s.candidates(kind, policy, scope.band.end);
            let hit = hits[i].iter().any(|(h, _)| *h == kind) || s.standing.contains(&kind);
            let guessed = s.to_guess(kind, scope).is_some();
            if guessed && !hit && done < list.len() {
                let stored = s.credential(kind).map_or("", |c| c.hash.as_str());
                within = Some(Within {
                    customer: s.customer.code.clone(),
                    kind,
                    done,
                    check: fingerprint(stored, &list[..done]),
                });
                break;
            }
            k += 1;
            done = scope.band.start;
        }
        if within.is_none() {
            covered += 1;
            progress.advance(1);
        }
    }
    let credentials = subjects[..covered]
        .iter()
        .map(|s| {
            KINDS
                .iter()
                .filter(|k| s.in_scope(**k, scope).is_some())
                .count() as u64
        })
        .sum();
    Ok(Walked {
        covered,
        within,
        hits,
        credentials,
    })
}
