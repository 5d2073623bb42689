//! Character helpers shared by the validators.

/// Folds one character typed through a Japanese IME to its ASCII equivalent:
/// full-width ASCII forms (U+FF01..U+FF5E) to ASCII, the ideographic space to
/// a space, and dash look-alikes (`‐‑‒–—―−ー－ｰ`) to `-`. Everything else is
/// returned unchanged, so positions are preserved (one char in, one char out).
pub(super) fn fold_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{30FC}' | '\u{FF70}' => '-',
        _ => c,
    }
}

/// Whether `c` is a "full-width" (East Asian wide) character, as produced by a
/// Japanese IME: full-width forms, the ideographic space, kana, kanji, hangul,
/// CJK punctuation. An approximation of Unicode East_Asian_Width W/F.
pub(super) fn is_wide(c: char) -> bool {
    matches!(c,
        '\u{1100}'..='\u{115F}'
        | '\u{2E80}'..='\u{303E}'
        | '\u{3041}'..='\u{33FF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{A000}'..='\u{A4CF}'
        | '\u{AC00}'..='\u{D7A3}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FE30}'..='\u{FE4F}'
        | '\u{FF00}'..='\u{FF60}'
        | '\u{FFE0}'..='\u{FFE6}'
        | '\u{20000}'..='\u{3FFFD}')
}

/// The half-width ASCII character a full-width form stands for, if any.
pub(super) fn ascii_equivalent(c: char) -> Option<char> {
    let f = fold_width(c);
    (f != c && f.is_ascii()).then_some(f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_full_width_ascii() {
        let s: String = "０１２９ＡＺａｚ／－．＋（）＠"
            .chars()
            .map(fold_width)
            .collect();
        assert_eq!(s, "0129AZaz/-.+()@");
    }

    #[test]
    fn folds_spaces_and_dashes() {
        let s: String = "\u{3000}‐‑‒–—―−ーｰ".chars().map(fold_width).collect();
        assert_eq!(s, " ---------");
    }

    #[test]
    fn leaves_other_chars_alone() {
        for c in ['a', '0', '年', 'あ', 'é', '\u{FF5F}', '\u{FF00}'] {
            assert_eq!(fold_width(c), c);
        }
    }

    #[test]
    fn wide_detection() {
        for c in ['＠', 'Ａ', '\u{3000}', 'あ', 'ア', '漢', '。', '한', '𠮷'] {
            assert!(is_wide(c), "{c}");
        }
        for c in ['@', 'a', ' ', 'é', 'ｱ', '\u{00A0}'] {
            assert!(!is_wide(c), "{c}");
        }
    }

    #[test]
    fn ascii_equivalents() {
        assert_eq!(ascii_equivalent('＠'), Some('@'));
        assert_eq!(ascii_equivalent('\u{3000}'), Some(' '));
        assert_eq!(ascii_equivalent('ー'), Some('-'));
        assert_eq!(ascii_equivalent('あ'), None);
        assert_eq!(ascii_equivalent('@'), None);
    }
}
