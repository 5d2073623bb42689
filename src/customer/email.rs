//! E-mail addresses.

use super::error::{Field, FieldError};
use super::text::{ascii_equivalent, is_wide};

/// Maximum length of a whole address, in characters.
pub const EMAIL_MAX_LEN: usize = 254;
/// Maximum length of the part before `@`, in characters.
pub const EMAIL_LOCAL_MAX_LEN: usize = 64;
const LABEL_MAX_LEN: usize = 63;

/// Trims (ASCII whitespace and U+3000), validates and normalises an address:
/// the domain is lower-cased, the local part kept as typed.
///
/// Checks, in order: full-width characters anywhere (reported first because a
/// Japanese IME produces `＠`/`．`), total length, exactly one `@`, the local
/// part (non-empty, ≤ 64, printable ASCII without space `"` `,` `;` `<` `>`, no
/// leading/trailing dot nor `..`), then the domain (letters, digits, `-`, `.`;
/// at least one dot; labels non-empty, ≤ 63, not starting/ending with `-`;
/// TLD not all digits). Internationalised domains are not accepted.
pub fn normalize_email(s: &str) -> Result<String, FieldError> {
    // Unicode whitespace (U+3000 and the vertical tab included), as every
    // validator and the CSV reader trim.
    let addr = s.trim();
    if addr.is_empty() {
        return Err(FieldError::Empty {
            field: Field::Email,
        });
    }
    // (Almost every address is ASCII: one character a byte, nothing wide.)
    let ascii = addr.is_ascii();
    if !ascii && let Some((i, ch)) = addr.chars().enumerate().find(|&(_, c)| is_wide(c)) {
        return Err(FieldError::EmailFullWidth {
            ch,
            position: i + 1,
            ascii: ascii_equivalent(ch),
        });
    }
    let chars = |s: &str| if ascii { s.len() } else { s.chars().count() };
    let len = chars(addr);
    if len > EMAIL_MAX_LEN {
        return Err(FieldError::TooLong {
            field: Field::Email,
            max: EMAIL_MAX_LEN,
            actual: len,
        });
    }
    let (local, domain) = match memchr::memchr_iter(b'@', addr.as_bytes()).count() {
        1 => addr.split_once('@').unwrap_or_default(),
        count => return Err(FieldError::EmailAtCount { count }),
    };
    let local_len = chars(local);
    check_local(local, local_len)?;
    check_domain(domain, local_len + 2)?;
    let mut out = String::with_capacity(addr.len());
    out.push_str(local);
    out.push('@');
    out.push_str(domain);
    out[local.len() + 1..].make_ascii_lowercase();
    Ok(out)
}

/// `len`: its length in characters.
fn check_local(local: &str, len: usize) -> Result<(), FieldError> {
    if local.is_empty() {
        return Err(FieldError::EmailLocalEmpty);
    }
    if len > EMAIL_LOCAL_MAX_LEN {
        return Err(FieldError::EmailLocalTooLong {
            len,
            max: EMAIL_LOCAL_MAX_LEN,
        });
    }
    let bad = |c: char| !c.is_ascii_graphic() || matches!(c, '"' | ',' | ';' | '<' | '>');
    if let Some((i, ch)) = local.chars().enumerate().find(|&(_, c)| bad(c)) {
        return Err(FieldError::EmailLocalInvalidChar {
            ch,
            position: i + 1,
        });
    }
    if local.starts_with('.') || local.ends_with('.') || local.contains("..") {
        return Err(FieldError::EmailLocalDots);
    }
    Ok(())
}

/// `start` is the 1-based position of the domain's first character.
fn check_domain(domain: &str, start: usize) -> Result<(), FieldError> {
    if domain.is_empty() {
        return Err(FieldError::EmailDomainMissing);
    }
    let good = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '.');
    if let Some((i, ch)) = domain.chars().enumerate().find(|&(_, c)| !good(c)) {
        return Err(FieldError::EmailDomainInvalidChar {
            ch,
            position: start + i,
        });
    }
    // (ASCII from here: split on bytes, not by a char searcher per call.)
    let dot = |c: char| c == '.';
    if !domain.bytes().any(|b| b == b'.') {
        return Err(FieldError::EmailDomainNoDot);
    }
    let bad_label = |l: &&str| {
        l.is_empty() || l.len() > LABEL_MAX_LEN || l.starts_with('-') || l.ends_with('-')
    };
    if let Some(label) = domain.split(dot).find(bad_label) {
        return Err(FieldError::EmailDomainBadLabel {
            label: label.to_owned(),
        });
    }
    let tld = domain.rsplit(dot).next().unwrap_or_default();
    if tld.bytes().all(|b| b.is_ascii_digit()) {
        return Err(FieldError::EmailTldNumeric {
            tld: tld.to_owned(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(s: &str) -> String {
        normalize_email(s).unwrap_or_else(|e| panic!("{s}: {e:?}"))
    }

    fn err(s: &str) -> FieldError {
        normalize_email(s).expect_err(s)
    }

    #[test]
    fn accepts_and_normalises() {
        for (s, want) in [
            ("taro.yamada@example.co.jp", "taro.yamada@example.co.jp"),
            ("Taro.Yamada@Example.CO.JP", "Taro.Yamada@example.co.jp"),
            ("  a@x.jp\t", "a@x.jp"),
            ("\u{3000}a@x.jp\u{3000}", "a@x.jp"),
            (
                "user+tag@sub-domain.example.com",
                "user+tag@sub-domain.example.com",
            ),
            ("o'brien!#$%&*=?^_`{|}~@x.jp", "o'brien!#$%&*=?^_`{|}~@x.jp"),
            ("a@1.2.3.com", "a@1.2.3.com"),
            ("a@xn--eckwd4c7c.jp", "a@xn--eckwd4c7c.jp"),
        ] {
            assert_eq!(ok(s), want, "{s}");
        }
    }

    #[test]
    fn empty() {
        for s in ["", " ", "\u{3000}\u{3000}"] {
            assert_eq!(
                err(s),
                FieldError::Empty {
                    field: Field::Email
                }
            );
        }
    }

    #[test]
    fn full_width() {
        assert_eq!(
            err("taro＠example.jp"),
            FieldError::EmailFullWidth {
                ch: '＠',
                position: 5,
                ascii: Some('@'),
            }
        );
        assert_eq!(
            err("taro@example．jp"),
            FieldError::EmailFullWidth {
                ch: '．',
                position: 13,
                ascii: Some('.'),
            }
        );
        assert_eq!(
            err("ｔａｒｏ@x.jp"),
            FieldError::EmailFullWidth {
                ch: 'ｔ',
                position: 1,
                ascii: Some('t'),
            }
        );
        assert_eq!(
            err("taro\u{3000}yamada@x.jp"),
            FieldError::EmailFullWidth {
                ch: '\u{3000}',
                position: 5,
                ascii: Some(' '),
            }
        );
        assert_eq!(
            err("たろう@x.jp"),
            FieldError::EmailFullWidth {
                ch: 'た',
                position: 1,
                ascii: None,
            }
        );
        assert_eq!(
            err("a@例え.jp"),
            FieldError::EmailFullWidth {
                ch: '例',
                position: 3,
                ascii: None,
            }
        );
    }

    #[test]
    fn at_count() {
        assert_eq!(
            err("taro.example.jp"),
            FieldError::EmailAtCount { count: 0 }
        );
        assert_eq!(err("a@b@x.jp"), FieldError::EmailAtCount { count: 2 });
    }

    #[test]
    fn too_long() {
        let addr = format!(
            "{}@{}.{}.{}.jp",
            "a".repeat(64),
            "b".repeat(63),
            "c".repeat(63),
            "d".repeat(58)
        );
        assert_eq!(addr.len(), 254);
        assert_eq!(ok(&addr), addr);
        let addr = format!(
            "{}@{}.{}.{}.jp",
            "a".repeat(64),
            "b".repeat(63),
            "c".repeat(63),
            "d".repeat(59)
        );
        assert_eq!(
            err(&addr),
            FieldError::TooLong {
                field: Field::Email,
                max: 254,
                actual: 255,
            }
        );
    }

    #[test]
    fn local_part() {
        assert_eq!(err("@x.jp"), FieldError::EmailLocalEmpty);
        assert_eq!(ok(&format!("{}@x.jp", "a".repeat(64))).len(), 69);
        assert_eq!(
            err(&format!("{}@x.jp", "a".repeat(65))),
            FieldError::EmailLocalTooLong { len: 65, max: 64 }
        );
        for (s, ch, position) in [
            ("ta ro@x.jp", ' ', 3),
            ("\"taro\"@x.jp", '"', 1),
            ("ta,ro@x.jp", ',', 3),
            ("ta;ro@x.jp", ';', 3),
            ("<taro@x.jp", '<', 1),
            ("taro>@x.jp", '>', 5),
            ("ta\u{7f}@x.jp", '\u{7f}', 3),
            ("ta\u{1b}@x.jp", '\u{1b}', 3),
            ("tarö@x.jp", 'ö', 4),
        ] {
            assert_eq!(
                err(s),
                FieldError::EmailLocalInvalidChar { ch, position },
                "{s}"
            );
        }
        for s in [".taro@x.jp", "taro.@x.jp", "ta..ro@x.jp", ".@x.jp"] {
            assert_eq!(err(s), FieldError::EmailLocalDots, "{s}");
        }
    }

    #[test]
    fn domain() {
        assert_eq!(err("taro@"), FieldError::EmailDomainMissing);
        for (s, ch, position) in [
            ("ab@x_y.jp", '_', 5),
            ("ab@x y.jp", ' ', 5),
            ("ab@[1.2.3.4]", '[', 4),
            ("ab@x.jp:25", ':', 8),
            ("ab@exämple.jp", 'ä', 6),
        ] {
            assert_eq!(
                err(s),
                FieldError::EmailDomainInvalidChar { ch, position },
                "{s}"
            );
        }
        assert_eq!(err("taro@localhost"), FieldError::EmailDomainNoDot);
        for (s, label) in [
            ("a@-x.jp", "-x"),
            ("a@x-.jp", "x-"),
            ("a@x.-jp", "-jp"),
            ("a@x..jp", ""),
            ("a@.x.jp", ""),
            ("a@x.jp.", ""),
        ] {
            assert_eq!(
                err(s),
                FieldError::EmailDomainBadLabel {
                    label: label.to_owned()
                },
                "{s}"
            );
        }
        let long = "b".repeat(64);
        assert_eq!(
            err(&format!("a@{long}.jp")),
            FieldError::EmailDomainBadLabel { label: long }
        );
        assert_eq!(
            err("a@192.168.0.1"),
            FieldError::EmailTldNumeric {
                tld: "1".to_owned()
            }
        );
        assert_eq!(ok("a@x.1a"), "a@x.1a");
    }

    #[test]
    fn idempotent() {
        for s in [" Taro@Example.JP ", "a.b+c@Sub.Example.co.jp"] {
            let once = ok(s);
            assert_eq!(ok(&once), once);
        }
    }
}
