//! `check`: every rule that needs no hash, reported all at once.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::model::{Charset, Class, KindPolicy};
use super::{common, dates, sequence};

/// Rule codes (CLI.md); `as_str` gives the fixed code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    Length,
    Classes,
    Charset,
    CustomerCode,
    BirthDate,
    Phone,
    Sequence,
    Repeat,
    Common,
    SameAsOther,
    Reused,
}

impl Rule {
    pub const ALL: [Rule; 11] = [
        Rule::Length,
        Rule::Classes,
        Rule::Charset,
        Rule::CustomerCode,
        Rule::BirthDate,
        Rule::Phone,
        Rule::Sequence,
        Rule::Repeat,
        Rule::Common,
        Rule::SameAsOther,
        Rule::Reused,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Rule::Length => "length",
            Rule::Classes => "classes",
            Rule::Charset => "charset",
            Rule::CustomerCode => "customer_code",
            Rule::BirthDate => "birth_date",
            Rule::Phone => "phone",
            Rule::Sequence => "sequence",
            Rule::Repeat => "repeat",
            Rule::Common => "common",
            Rule::SameAsOther => "same_as_other",
            Rule::Reused => "reused",
        }
    }

    /// Rules that need the customer's facts (skipped without them).
    pub fn needs_facts(self) -> bool {
        matches!(self, Rule::CustomerCode | Rule::BirthDate | Rule::Phone)
    }

    /// Rules the caller checks against stored hashes (`check` never reports them).
    pub fn needs_hash(self) -> bool {
        matches!(self, Rule::SameAsOther | Rule::Reused)
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Rule {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        Rule::ALL.into_iter().find(|r| r.as_str() == s).ok_or(())
    }
}

impl KindPolicy {
    /// Whether `rule` is in force under this policy.
    pub fn rule_enabled(&self, rule: Rule) -> bool {
        let r = &self.rules;
        match rule {
            Rule::Length | Rule::Classes | Rule::Charset => true,
            Rule::CustomerCode => r.customer_code,
            Rule::BirthDate => r.birth_date,
            Rule::Phone => r.phone,
            Rule::Sequence => r.sequence,
            Rule::Repeat => r.repeat,
            Rule::Common => r.common,
            Rule::SameAsOther => r.same_as_other,
            Rule::Reused => self.history > 0,
        }
    }
}

/// Which run a `sequence` violation found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SequenceKind {
    /// `abcd`, `zyxw`
    Alphabet,
    /// `1234`, `4321`
    Digits,
    /// `qwer`, `asdf`, `zxcv`, `7890`, `!@#$`
    KeyboardRow,
    /// `1qaz`, `zaq1`
    KeyboardColumn,
    /// `adgjmptw` (the first letters of the phone keys 2-9)
    PhoneKeypad,
}

/// In which form a `birth_date` violation found the date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateForm {
    /// `19800115`, `1980/1/15`, `01151980`, `15011980`
    FullDate,
    /// Japanese era: `S550115`, `s55.1.15`, `550115`, `55115`, `H2/3/4`
    EraDate,
    /// `800115`, `80-1-15` (YYMMDD)
    ShortDate,
    /// `011580` (MMDDYY)
    MonthDayYear,
    /// `150180` (DDMMYY)
    DayMonthYear,
    /// `0115` (MMDD)
    MonthDay,
    /// `1501` (DDMM)
    DayMonth,
    /// `1980` (YYYY)
    Year,
}

/// One broken rule, with what the message needs. Never holds the password
/// or the matched part of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Violation {
    /// `length`
    TooShort { len: usize, min: usize },
    /// `length`
    TooLong { len: usize, max: usize },
    /// `classes`: `found` of the classes in `from`, fewer than `at_least`
    /// (`add_one_of` lists the absent ones), and/or required classes missing.
    Classes {
        found: usize,
        at_least: u8,
        add_one_of: Vec<Class>,
        missing_required: Vec<Class>,
    },
    /// `charset`: which kinds of disallowed characters are present.
    Charset {
        /// The policy's charset (what is allowed).
        charset: Charset,
        /// Full-width (zenkaku) letters, digits, symbols or space from a
        /// Japanese input method: type half-width characters.
        full_width: bool,
        /// Other non-ASCII characters (kana, kanji, accented letters, ...).
        other_non_ascii: bool,
        /// A symbol under an alphanumeric policy.
        symbol: bool,
        /// A space, tab or other control character.
        space_or_control: bool,
    },
    /// `customer_code`: contains the customer code (or it reversed).
    CustomerCode { reversed: bool },
    /// `birth_date`
    BirthDate { form: DateForm },
    /// `phone`: contains a registered number whole, or its last 4+ digits.
    Phone { whole_number: bool },
    /// `sequence`
    Sequence { kind: SequenceKind },
    /// `repeat`: one character `run` (4 or more) times in a row.
    RepeatedChar { run: usize },
    /// `repeat`: the whole password is a piece of `unit` characters
    /// repeated `times` times.
    RepeatedPattern { unit: usize, times: usize },
    /// `common`: a commonly used password or a trivial variant of one.
    Common,
    /// `same_as_other`: equals the customer's other password (caller checks).
    SameAsOther,
    /// `reused`: equals one of the last `history` passwords (caller checks).
    Reused { history: u32 },
}

impl Violation {
    pub fn rule(&self) -> Rule {
        match self {
            Violation::TooShort { .. } | Violation::TooLong { .. } => Rule::Length,
            Violation::Classes { .. } => Rule::Classes,
            Violation::Charset { .. } => Rule::Charset,
            Violation::CustomerCode { .. } => Rule::CustomerCode,
            Violation::BirthDate { .. } => Rule::BirthDate,
            Violation::Phone { .. } => Rule::Phone,
            Violation::Sequence { .. } => Rule::Sequence,
            Violation::RepeatedChar { .. } | Violation::RepeatedPattern { .. } => Rule::Repeat,
            Violation::Common => Rule::Common,
            Violation::SameAsOther => Rule::SameAsOther,
            Violation::Reused { .. } => Rule::Reused,
        }
    }
}

/// What is known about the customer. `phones` are ASCII digits
/// (`09012345678`); `code` is the customer code.
#[derive(Debug, Clone, Copy)]
pub struct Facts<'a> {
    pub code: &'a str,
    pub birth_date: Option<NaiveDate>,
    pub phones: &'a [String],
}

/// Customer codes shorter than this are not looked for (too likely by chance).
pub const MIN_CODE_LEN: usize = 3;
/// The whole password made of a repeated piece this short or shorter is
/// `repeat` (or shorter than the policy's `min_len`, whichever is longer).
pub const REPEAT_UNIT_MAX: usize = 4;
/// A run of this many identical characters is `repeat`.
pub const REPEAT_RUN: usize = 4;
/// Phone numbers: this many trailing digits or more is `phone`.
pub const PHONE_TAIL: usize = 4;

/// Rules that `check` skips for want of facts (enabled customer rules when
/// `no_facts`), so the caller can say which were not checked.
pub fn skipped_rules(policy: &KindPolicy, no_facts: bool) -> Vec<Rule> {
    if !no_facts {
        return Vec::new();
    }
    Rule::ALL
        .into_iter()
        .filter(|r| r.needs_facts() && policy.rule_enabled(*r))
        .collect()
}

/// True when `check` finds nothing (for generated passwords).
pub fn generated_ok(policy: &KindPolicy, password: &str, facts: Option<&Facts>) -> bool {
    check(policy, password, facts).is_empty()
}

/// A full-width ASCII variant (U+FF01..U+FF5E, U+3000) as its half-width form.
fn half_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty()
        && hay.len() >= needle.len()
        && hay.windows(needle.len()).any(|w| w == needle)
}

fn is_date_separator(c: char) -> bool {
    matches!(c, '/' | '-' | '.')
}

/// Check `password` against every rule of `policy` that needs no stored
/// hash. Without `facts`, the customer rules are skipped (see
/// [`skipped_rules`]). Violations come in `Rule` order, one per rule.
pub fn check(policy: &KindPolicy, password: &str, facts: Option<&Facts>) -> Vec<Violation> {
    let mut out = Vec::new();

    // One pass: length, classes, charset, and the folded form (half-width,
    // lower-case) on which the guessability rules work.
    let mut folded = String::with_capacity(password.len());
    let (mut len, mut classes, mut has_sep) = (0usize, 0u8, false);
    let (mut full_width, mut other, mut symbol, mut space) = (false, false, false, false);
    for c in password.chars() {
        len += 1;
        let h = half_width(c);
        if h != c {
            full_width = true;
        } else if !c.is_ascii() {
            other = true;
        }
        if h.is_ascii_control() || h == ' ' {
            space = true;
        } else if h.is_ascii_punctuation() && policy.charset == Charset::Alphanumeric {
            symbol = true;
        }
        if let Some(cl) = Class::of(h) {
            classes |= cl.bit();
        }
        has_sep |= is_date_separator(h);
        folded.push(h.to_ascii_lowercase());
    }

    if len < policy.min_len {
        out.push(Violation::TooShort {
            len,
            min: policy.min_len,
        });
    } else if len > policy.max_len {
        out.push(Violation::TooLong {
            len,
            max: policy.max_len,
        });
    }

    let cp = &policy.classes;
    let mut from_mask = 0u8;
    for c in &cp.from {
        from_mask |= c.bit();
    }
    let found = (classes & from_mask).count_ones() as usize;
    let missing_required: Vec<Class> = cp
        .required
        .iter()
        .copied()
        .filter(|c| classes & c.bit() == 0)
        .collect();
    if found < usize::from(cp.at_least) || !missing_required.is_empty() {
        let add_one_of = if found < usize::from(cp.at_least) {
            let mut v: Vec<Class> = Vec::new();
            for &c in &cp.from {
                if classes & c.bit() == 0 && policy.charset.allows_class(c) && !v.contains(&c) {
                    v.push(c);
                }
            }
            v
        } else {
            Vec::new()
        };
        out.push(Violation::Classes {
            found,
            at_least: cp.at_least,
            add_one_of,
            missing_required,
        });
    }

    if full_width || other || symbol || space {
        out.push(Violation::Charset {
            charset: policy.charset,
            full_width,
            other_non_ascii: other,
            symbol,
            space_or_control: space,
        });
    }

    let fb = folded.as_bytes();
    let stripped_buf: Vec<u8>;
    // Date separators removed, so `1980/01/15` reads as `19800115`.
    let stripped: &[u8] = if has_sep {
        stripped_buf = fb
            .iter()
            .copied()
            .filter(|&b| !is_date_separator(b as char))
            .collect();
        &stripped_buf
    } else {
        fb
    };

    let rules = &policy.rules;
    if let Some(f) = facts {
        if rules.customer_code
            && let Some(reversed) = code_hit(f.code, stripped)
        {
            out.push(Violation::CustomerCode { reversed });
        }
        if rules.birth_date
            && let Some(form) = f.birth_date.and_then(|d| dates::find(d, stripped))
        {
            out.push(Violation::BirthDate { form });
        }
        if rules.phone {
            let (mut hit, mut whole) = (false, false);
            for p in f.phones {
                let p = p.trim().as_bytes();
                if p.len() >= PHONE_TAIL && contains(stripped, &p[p.len() - PHONE_TAIL..]) {
                    hit = true;
                    whole |= contains(stripped, p);
                }
            }
            if hit {
                out.push(Violation::Phone {
                    whole_number: whole,
                });
            }
        }
    }
    if rules.sequence
        && let Some(kind) = sequence::find(fb)
    {
        out.push(Violation::Sequence { kind });
    }
    if rules.repeat
        && let Some(v) = repeat(&folded, policy.min_len)
    {
        out.push(v);
    }
    if rules.common && common::is_common(&folded) {
        out.push(Violation::Common);
    }
    out
}

/// `Some(reversed)` when `hay` (lower-case) holds the customer code.
fn code_hit(code: &str, hay: &[u8]) -> Option<bool> {
    let code = code.trim().as_bytes();
    let n = code.len();
    if n < MIN_CODE_LEN || hay.len() < n {
        return None;
    }
    if hay.windows(n).any(|w| w.eq_ignore_ascii_case(code)) {
        return Some(false);
    }
    if hay.windows(n).any(|w| {
        w.iter()
            .rev()
            .zip(code)
            .all(|(a, b)| a.eq_ignore_ascii_case(b))
    }) {
        return Some(true);
    }
    // A numeric code is often written without its leading zeros.
    if code.iter().all(u8::is_ascii_digit) {
        let significant = &code[code.iter().take_while(|&&b| b == b'0').count()..];
        if significant.len() >= 4 && significant.len() < n && contains(hay, significant) {
            return Some(false);
        }
    }
    None
}

fn repeat(folded: &str, min_len: usize) -> Option<Violation> {
    let (mut prev, mut run, mut longest) = (None, 0usize, 0usize);
    for c in folded.chars() {
        if Some(c) == prev {
            run += 1;
        } else {
            prev = Some(c);
            run = 1;
        }
        longest = longest.max(run);
    }
    if longest >= REPEAT_RUN {
        return Some(Violation::RepeatedChar { run: longest });
    }
    let b = folded.as_bytes();
    let n = b.len();
    let max_unit = REPEAT_UNIT_MAX.max(min_len.saturating_sub(1));
    for unit in 1..=n / 2 {
        if !n.is_multiple_of(unit) || !folded.is_char_boundary(unit) {
            continue;
        }
        if b.chunks(unit).all(|c| c == &b[..unit]) {
            // The shortest period: any longer one is a multiple of it.
            let chars = folded[..unit].chars().count();
            return (chars <= max_unit).then_some(Violation::RepeatedPattern {
                unit: chars,
                times: n / unit,
            });
        }
    }
    None
}
