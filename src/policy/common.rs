//! The `common` rule: a shipped list of commonly used passwords (Django's,
//! plus Japanese favourites it lacks), loaded once, matched on the whole
//! folded password and on its trivial variants.

use std::collections::HashSet;
use std::sync::LazyLock;

/// Django 5.2.19's list (BSD licence; see the file's header).
const DJANGO: &str = include_str!("common-passwords.txt");
/// Japanese favourites the Django list lacks.
const JAPANESE: &str = include_str!("common-passwords-ja.txt");

/// Shortest base a variant is reduced to before lookup (shorter bases,
/// e.g. `ab` from `ab12`, match by chance).
const MIN_BASE_LEN: usize = 4;

fn entries(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines()
        .map(|l| l.trim_end_matches('\r'))
        .filter(|l| !l.is_empty() && *l != "#" && !l.starts_with("# "))
}

static SET: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| entries(DJANGO).chain(entries(JAPANESE)).collect());

/// Number of distinct entries in the shipped lists.
pub fn list_len() -> usize {
    SET.len()
}

/// Load the list now (otherwise loaded by the first check).
pub fn preload() {
    LazyLock::force(&SET);
}

/// Undo leetspeak into `buf`; `one` is what `1` stands for (`i` or `l`).
/// False when there is nothing to undo or no letter (a PIN is no leetspeak).
fn deleet(base: &str, one: char, buf: &mut String) -> bool {
    let b = base.as_bytes();
    let leet = |c: u8| matches!(c, b'0' | b'1' | b'3' | b'4' | b'5' | b'7' | b'@' | b'$');
    if !b.iter().any(|&c| leet(c)) || !b.iter().any(u8::is_ascii_alphabetic) {
        return false;
    }
    buf.clear();
    buf.extend(base.chars().map(|c| match c {
        '0' => 'o',
        '1' => one,
        '3' => 'e',
        '4' | '@' => 'a',
        '5' | '$' => 's',
        '7' => 't',
        c => c,
    }));
    true
}

/// Whether `folded` (lower-case, half-width) is a common password or a
/// trivial variant: leet digits/symbols, a trailing symbol, one or two
/// trailing digits or a year 19xx/20xx (`Sakura2024`, `P@ssw0rd1!`).
pub fn is_common(folded: &str) -> bool {
    let set = &*SET;
    if set.contains(folded) {
        return true;
    }
    let b = folded.as_bytes();
    let mut buf = String::with_capacity(folded.len());
    let mut ends = [b.len(); 2];
    let n_ends = if b.last().is_some_and(u8::is_ascii_punctuation) {
        ends[1] = b.len() - 1;
        2
    } else {
        1
    };
    for &end in &ends[..n_ends] {
        let t = &b[..end];
        let digits = t.iter().rev().take_while(|c| c.is_ascii_digit()).count();
        let year = digits >= 4 && matches!(&t[end - 4..end - 2], b"19" | b"20");
        let cuts = [
            Some(end),
            (digits >= 1).then(|| end - 1),
            (digits >= 2).then(|| end - 2),
            year.then(|| end - 4),
        ];
        for cut in cuts.into_iter().flatten() {
            // Only ASCII bytes were cut, so `cut` is a char boundary.
            let base = &folded[..cut];
            if base.len() < MIN_BASE_LEN {
                continue;
            }
            if cut != b.len() && set.contains(base) {
                return true;
            }
            if deleet(base, 'i', &mut buf) && set.contains(buf.as_str()) {
                return true;
            }
            if base.contains('1') && deleet(base, 'l', &mut buf) && set.contains(buf.as_str()) {
                return true;
            }
        }
    }
    false
}

/// The shipped entries, most likely first: Django's list is in frequency
/// order; the Japanese favourites (unordered) are interleaved with it after
/// its top 50, so that neither list starves the other in a short budget.
pub fn in_order() -> impl Iterator<Item = &'static str> {
    let mut django = entries(DJANGO);
    let top: Vec<_> = django.by_ref().take(50).collect();
    let mut ja = entries(JAPANESE);
    let rest = std::iter::from_fn(move || match (django.next(), ja.next()) {
        (None, None) => None,
        (a, b) => Some([a, b]),
    })
    .flatten()
    .flatten();
    top.into_iter().chain(rest)
}
