//! The `sequence` rule: 4 or more consecutive characters of the alphabet,
//! the digits, a keyboard row or column, or the phone-key run `adgjmptw`,
//! forwards or backwards.

use std::sync::LazyLock;

use super::check::SequenceKind;

/// Length of the shortest run that counts.
pub const SEQUENCE_RUN: usize = 4;

/// The lines runs are taken from (lower-case; both directions count).
pub const LINES: &[(&str, SequenceKind)] = &[
    ("abcdefghijklmnopqrstuvwxyz", SequenceKind::Alphabet),
    ("0123456789", SequenceKind::Digits),
    // US and JIS keyboards.
    ("1234567890-=", SequenceKind::KeyboardRow),
    ("1234567890-^\\", SequenceKind::KeyboardRow),
    ("!@#$%^&*()_+", SequenceKind::KeyboardRow),
    ("!\"#$%&'()", SequenceKind::KeyboardRow),
    ("qwertyuiop[]\\", SequenceKind::KeyboardRow),
    ("qwertyuiop@[", SequenceKind::KeyboardRow),
    ("asdfghjkl;'", SequenceKind::KeyboardRow),
    ("asdfghjkl;:]", SequenceKind::KeyboardRow),
    ("zxcvbnm,./", SequenceKind::KeyboardRow),
    ("zxcvbnm,./\\", SequenceKind::KeyboardRow),
    ("1qaz", SequenceKind::KeyboardColumn),
    ("2wsx", SequenceKind::KeyboardColumn),
    ("3edc", SequenceKind::KeyboardColumn),
    ("4rfv", SequenceKind::KeyboardColumn),
    ("5tgb", SequenceKind::KeyboardColumn),
    ("6yhn", SequenceKind::KeyboardColumn),
    ("7ujm", SequenceKind::KeyboardColumn),
    ("8ik,", SequenceKind::KeyboardColumn),
    ("9ol.", SequenceKind::KeyboardColumn),
    ("0p;/", SequenceKind::KeyboardColumn),
    ("!qaz", SequenceKind::KeyboardColumn),
    ("@wsx", SequenceKind::KeyboardColumn),
    ("#edc", SequenceKind::KeyboardColumn),
    ("$rfv", SequenceKind::KeyboardColumn),
    ("adgjmptw", SequenceKind::PhoneKeypad),
];

/// Every 4-character window of every line, both directions, sorted; the
/// first line listing a window names its kind.
static GRAMS: LazyLock<Vec<(u32, SequenceKind)>> = LazyLock::new(|| {
    let mut v: Vec<(u32, SequenceKind)> = Vec::new();
    for &(line, kind) in LINES {
        let fwd = line.as_bytes().to_vec();
        let mut rev = fwd.clone();
        rev.reverse();
        for bytes in [fwd, rev] {
            for w in bytes.windows(SEQUENCE_RUN) {
                let key = u32::from_be_bytes([w[0], w[1], w[2], w[3]]);
                if !v.iter().any(|(k, _)| *k == key) {
                    v.push((key, kind));
                }
            }
        }
    }
    v.sort_by_key(|(k, _)| *k);
    v
});

/// The kind of the first run of 4 found in `folded` (lower-case bytes).
pub fn find(folded: &[u8]) -> Option<SequenceKind> {
    if folded.len() < SEQUENCE_RUN {
        return None;
    }
    let grams = &*GRAMS;
    folded.windows(SEQUENCE_RUN).find_map(|w| {
        let key = u32::from_be_bytes([w[0], w[1], w[2], w[3]]);
        grams
            .binary_search_by_key(&key, |(k, _)| *k)
            .ok()
            .map(|i| grams[i].1)
    })
}
