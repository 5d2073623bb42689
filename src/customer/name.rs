//! Customer names and customer codes.

use super::error::{Field, FieldError};

/// Maximum length of a name, in characters.
pub const NAME_MAX_LEN: usize = 200;
/// Maximum length of a customer code.
pub const CODE_MAX_LEN: usize = 16;

/// Trims a customer name (Unicode whitespace, including U+3000) and accepts
/// any text of 1-200 characters without control characters (C0, DEL, C1 —
/// so no terminal escape sequences) or bidirectional controls (which make a
/// name read backwards). Inner spaces are kept as typed.
pub fn validate_name(s: &str) -> Result<String, FieldError> {
    let name = s.trim();
    if name.is_empty() {
        return Err(FieldError::Empty { field: Field::Name });
    }
    if let Some((i, ch)) = name
        .chars()
        .enumerate()
        .find(|&(_, c)| c.is_control() || crate::sanitize::is_bidi_control(c))
    {
        return Err(FieldError::NameControlChar {
            ch,
            position: i + 1,
        });
    }
    let len = name.chars().count();
    if len > NAME_MAX_LEN {
        return Err(FieldError::TooLong {
            field: Field::Name,
            max: NAME_MAX_LEN,
            actual: len,
        });
    }
    Ok(name.to_owned())
}

/// Trims a customer code (Unicode whitespace, U+3000 included), turns
/// full-width letters and digits (`１０００１３７`, `Ｃ`) into their ASCII
/// forms, and accepts 1-16 ASCII letters and digits, case kept as typed.
/// Positions and characters in errors are those of the trimmed input as
/// typed.
pub fn validate_code(s: &str) -> Result<String, FieldError> {
    let typed = s.trim();
    let code: String = typed.chars().map(half_width).collect();
    let code = code.as_str();
    if code.is_empty() {
        return Err(FieldError::Empty { field: Field::Code });
    }
    if let Some((i, ch)) = typed
        .chars()
        .enumerate()
        .find(|&(_, c)| !half_width(c).is_ascii_alphanumeric())
    {
        return Err(FieldError::CodeInvalidChar {
            ch,
            position: i + 1,
        });
    }
    if code.len() > CODE_MAX_LEN {
        return Err(FieldError::TooLong {
            field: Field::Code,
            max: CODE_MAX_LEN,
            actual: code.len(),
        });
    }
    Ok(code.to_owned())
}

/// The ASCII form of a full-width letter or digit; any other character as
/// it is.
fn half_width(c: char) -> char {
    match c {
        '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => {
            char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
        }
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_accepted() {
        for (s, want) in [
            ("山田 太郎", "山田 太郎"),
            ("山田\u{3000}太郎", "山田\u{3000}太郎"),
            ("\u{3000}ヤマダ タロウ\u{3000}", "ヤマダ タロウ"),
            ("  Taro Yamada\n", "Taro Yamada"),
            ("髙橋 𠮷子", "髙橋 𠮷子"),
            ("ｶﾞｯｺｳ", "ｶﾞｯｺｳ"),
            ("O'Brien-Smith", "O'Brien-Smith"),
        ] {
            assert_eq!(validate_name(s).as_deref(), Ok(want), "{s:?}");
        }
    }

    #[test]
    fn name_empty() {
        for s in ["", "   ", "\u{3000}\u{3000}", "\t\n"] {
            assert_eq!(
                validate_name(s),
                Err(FieldError::Empty { field: Field::Name })
            );
        }
    }

    #[test]
    fn name_control_chars() {
        for (s, ch, position) in [
            ("山田\u{1b}[31m太郎", '\u{1b}', 3),
            ("Taro\u{0}", '\u{0}', 5),
            ("a\tb", '\t', 2),
            ("a\nb", '\n', 2),
            ("a\rb", '\r', 2),
            ("a\u{7f}", '\u{7f}', 2),
            ("a\u{80}", '\u{80}', 2),
            ("\u{9b}31m", '\u{9b}', 1),
            ("a\u{9f}", '\u{9f}', 2),
            (" x\u{7}", '\u{7}', 2),
        ] {
            assert_eq!(
                validate_name(s),
                Err(FieldError::NameControlChar { ch, position }),
                "{s:?}"
            );
        }
    }

    #[test]
    fn name_length_in_characters() {
        let max = "山".repeat(200);
        assert_eq!(validate_name(&max), Ok(max.clone()));
        assert_eq!(
            validate_name(&format!("{max}山")),
            Err(FieldError::TooLong {
                field: Field::Name,
                max: 200,
                actual: 201,
            })
        );
    }

    #[test]
    fn codes() {
        assert_eq!(validate_code(" C0001 ").as_deref(), Ok("C0001"));
        assert_eq!(validate_code("a").as_deref(), Ok("a"));
        let max = "Z9".repeat(8);
        assert_eq!(validate_code(&max), Ok(max.clone()));
        assert_eq!(
            validate_code(&format!("{max}1")),
            Err(FieldError::TooLong {
                field: Field::Code,
                max: 16,
                actual: 17,
            })
        );
        assert_eq!(
            validate_code(""),
            Err(FieldError::Empty { field: Field::Code })
        );
        for (s, want) in [
            ("１０００１３７", "1000137"),
            ("\u{3000}１０００１３７ ", "1000137"),
            ("Ｃ001", "C001"),
            ("C00１", "C001"),
            ("ｃ０１", "c01"),
        ] {
            assert_eq!(validate_code(s).as_deref(), Ok(want), "{s:?}");
        }
        for (s, ch, position) in [
            ("C-001", '-', 2),
            ("C 001", ' ', 2),
            ("１０００ １３７", ' ', 5),
            ("Ｃ－1", '－', 2),
            ("C_1", '_', 2),
        ] {
            assert_eq!(
                validate_code(s),
                Err(FieldError::CodeInvalidChar { ch, position }),
                "{s}"
            );
        }
    }
}
