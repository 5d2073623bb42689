//! Japanese telephone numbers.

use super::error::{Field, FieldError};
use super::text::fold_width;

/// Normalises a Japanese phone number to ASCII digits: `090-1234-5678`,
/// `(03) 1234-5678`, `０９０－１２３４－５６７８`, `+81 90-1234-5678`,
/// `+81-3-1234-5678`, `+81 (0)3 1234 5678` all work.
///
/// Allowed besides digits: `-` (and dash look-alikes such as `－` `ー` `−`),
/// `(`, `)`, spaces (ASCII and U+3000), full-width forms of all of these, and a
/// leading `+81` which becomes `0`. After `+81` a `(0)` trunk prefix is dropped,
/// and a national number already starting with `0` (`+81 090…`, a common slip)
/// is kept as is. The result must start with `0` and have 10 or 11 digits.
pub fn normalize_phone(s: &str) -> Result<String, FieldError> {
    let input = s.trim();
    if input.is_empty() {
        return Err(FieldError::Empty {
            field: Field::Phone,
        });
    }
    let chars: Vec<(usize, char, char)> = input
        .chars()
        .enumerate()
        .map(|(i, c)| (i + 1, c, fold_width(c)))
        .collect();
    let mut rest = &chars[..];
    let international = rest.first().is_some_and(|&(_, _, c)| c == '+');
    if international {
        rest = skip_separators(&rest[1..]);
        let code: String = rest
            .iter()
            .map(|&(_, _, c)| c)
            .take_while(char::is_ascii_digit)
            .take(3)
            .collect();
        if code.is_empty() {
            let (_, ch, _) = chars[0];
            return Err(FieldError::PhoneInvalidChar { ch, position: 1 });
        }
        if !code.starts_with("81") {
            return Err(FieldError::PhoneForeignCountry { code });
        }
        rest = skip_separators(&rest[2..]);
        if let [(_, _, '('), (_, _, '0'), (_, _, ')'), tail @ ..] = rest {
            rest = tail;
        }
    }
    let mut digits = String::with_capacity(11);
    for &(position, ch, c) in rest {
        match c {
            '0'..='9' => digits.push(c),
            '-' | '(' | ')' | ' ' => {}
            _ => return Err(FieldError::PhoneInvalidChar { ch, position }),
        }
    }
    if international && !digits.is_empty() && !digits.starts_with('0') {
        digits.insert(0, '0');
    }
    if !(10..=11).contains(&digits.len()) {
        return Err(FieldError::PhoneLength {
            digits: digits.len(),
        });
    }
    if !digits.starts_with('0') {
        return Err(FieldError::PhoneNoLeadingZero);
    }
    Ok(digits)
}

fn skip_separators(mut rest: &[(usize, char, char)]) -> &[(usize, char, char)] {
    while let [(_, _, ' ' | '-'), tail @ ..] = rest {
        rest = tail;
    }
    rest
}

/// The subscriber part of a normalised number, without its area code or
/// service prefix. A rough split (real area codes are 1-4 digits and would
/// need the full numbering-plan table):
/// * 11 digits: `0120`/`0570`/`0800` drop 4 digits, other `0X0` prefixes
///   (`050` IP, `070`/`080`/`090` mobile, `020`, `060`) drop 3;
/// * 10 digits: `0120`/`0570` drop 4; landlines drop 2 for `03` (Tokyo) and
///   `06` (Osaka), else 3 (e.g. `045`; wrong for `0422`, `01267`…).
///
/// Returns `None` unless `normalized` is 10-11 ASCII digits starting with `0`,
/// or for an 11-digit number without a `0X0` prefix.
pub fn phone_without_area_code(normalized: &str) -> Option<String> {
    let b = normalized.as_bytes();
    let plausible =
        (10..=11).contains(&b.len()) && b[0] == b'0' && b.iter().all(u8::is_ascii_digit);
    if !plausible {
        return None;
    }
    let prefix = match (b.len(), &b[..4]) {
        (_, b"0120" | b"0570" | b"0800") => 4,
        (11, [_, _, b'0', _]) => 3,
        (11, _) => return None,
        (_, [_, b'3' | b'6', ..]) => 2,
        _ => 3,
    };
    Some(normalized[prefix..].to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(s: &str) -> String {
        normalize_phone(s).unwrap_or_else(|e| panic!("{s}: {e:?}"))
    }

    #[test]
    fn domestic_forms() {
        for (s, want) in [
            ("09012345678", "09012345678"),
            ("090-1234-5678", "09012345678"),
            ("090 1234 5678", "09012345678"),
            ("090\u{3000}1234\u{3000}5678", "09012345678"),
            ("(03) 1234-5678", "0312345678"),
            ("03(1234)5678", "0312345678"),
            ("0312345678", "0312345678"),
            ("045-123-4567", "0451234567"),
            ("0120-123-456", "0120123456"),
            ("  050-1234-5678  ", "05012345678"),
        ] {
            assert_eq!(ok(s), want, "{s}");
        }
    }

    #[test]
    fn full_width_forms() {
        for (s, want) in [
            ("０９０－１２３４－５６７８", "09012345678"),
            ("（０３）１２３４－５６７８", "0312345678"),
            ("＋８１　９０－１２３４－５６７８", "09012345678"),
            ("090ー1234ー5678", "09012345678"),
            ("090−1234−5678", "09012345678"),
        ] {
            assert_eq!(ok(s), want, "{s}");
        }
    }

    #[test]
    fn plus_81_forms() {
        for (s, want) in [
            ("+81 90-1234-5678", "09012345678"),
            ("+81-90-1234-5678", "09012345678"),
            ("+819012345678", "09012345678"),
            ("+81-3-1234-5678", "0312345678"),
            ("+81 3 1234 5678", "0312345678"),
            ("+81 (0)3 1234 5678", "0312345678"),
            ("+81(0)3-1234-5678", "0312345678"),
            ("+81 (0)90-1234-5678", "09012345678"),
            ("+81 090-1234-5678", "09012345678"),
            ("+81  -  3-1234-5678", "0312345678"),
            ("+ 81 3 1234 5678", "0312345678"),
        ] {
            assert_eq!(ok(s), want, "{s}");
        }
    }

    #[test]
    fn foreign_country_codes() {
        for (s, code) in [
            ("+1 212 555 1234", "1"),
            ("+44 20 7946 0958", "44"),
            ("+8613912345678", "861"),
            ("+82-2-1234-5678", "82"),
        ] {
            assert_eq!(
                normalize_phone(s),
                Err(FieldError::PhoneForeignCountry {
                    code: code.to_owned()
                }),
                "{s}"
            );
        }
    }

    #[test]
    fn invalid_characters() {
        for (s, ch, position) in [
            ("090.1234.5678", '.', 4),
            ("090-1234-567x", 'x', 13),
            ("０９０ａ", 'ａ', 4),
            ("090+1234", '+', 4),
            ("+81 90/1234", '/', 7),
            ("03\t1234 5678", '\t', 3),
            ("tel:0312345678", 't', 1),
            ("+", '+', 1),
            ("＋ＡＢ", '＋', 1),
        ] {
            assert_eq!(
                normalize_phone(s),
                Err(FieldError::PhoneInvalidChar { ch, position }),
                "{s}"
            );
        }
    }

    #[test]
    fn wrong_length() {
        for (s, n) in [
            ("03-1234-567", 9),
            ("090-1234-56789", 12),
            ("()", 0),
            ("+81 3 1234 567", 9),
            ("+81", 0),
        ] {
            assert_eq!(
                normalize_phone(s),
                Err(FieldError::PhoneLength { digits: n }),
                "{s}"
            );
        }
    }

    #[test]
    fn must_start_with_zero() {
        assert_eq!(
            normalize_phone("90-1234-5678"),
            Err(FieldError::PhoneNoLeadingZero)
        );
        assert_eq!(
            normalize_phone("1234567890"),
            Err(FieldError::PhoneNoLeadingZero)
        );
    }

    #[test]
    fn empty() {
        for s in ["", "  ", "\u{3000}"] {
            assert_eq!(
                normalize_phone(s),
                Err(FieldError::Empty {
                    field: Field::Phone
                })
            );
        }
    }

    #[test]
    fn without_area_code() {
        for (n, want) in [
            ("09012345678", Some("12345678")),
            ("08012345678", Some("12345678")),
            ("07012345678", Some("12345678")),
            ("05012345678", Some("12345678")),
            ("0120123456", Some("123456")),
            ("08001234567", Some("1234567")),
            ("0570123456", Some("123456")),
            ("0312345678", Some("12345678")),
            ("0612345678", Some("12345678")),
            ("0451234567", Some("1234567")),
            ("0112345678", Some("2345678")),
            ("01234567890", None),
            ("031234567", None),
            ("1234567890", None),
            ("03-1234-5678", None),
            ("０３１２３４５６７８", None),
            ("", None),
        ] {
            assert_eq!(phone_without_area_code(n).as_deref(), want, "{n}");
        }
    }

    #[test]
    fn normalized_output_splits() {
        for s in ["+81 90-1234-5678", "(03) 1234-5678", "0120-123-456"] {
            assert!(phone_without_area_code(&ok(s)).is_some(), "{s}");
        }
    }

    #[test]
    fn idempotent() {
        for s in [
            "+81 (0)3 1234 5678",
            "０９０－１２３４－５６７８",
            "0120-123-456",
        ] {
            let once = ok(s);
            assert_eq!(ok(&once), once);
        }
    }
}
