//! Masking of personal data for display. These take any string (they are
//! meant for already-normalised values) and never fail.

use chrono::NaiveDate;

/// `taro.yamada@example.co.jp` → `ta*********@ex*****.co.jp`.
///
/// The local part and the domain's first label each keep their first two
/// characters, one `*` per remaining character. A part of 1-2 characters
/// shows only its first character plus one `*` (`a@x.jp` → `a*@x*.jp`,
/// `ab@xy.jp` → `a*@x*.jp`), so a short part is never shown in full and
/// 1- and 2-character parts look alike. The domain from its first dot is
/// kept. Without `@` the whole input is masked like a local part.
pub fn mask_email(addr: &str) -> String {
    let Some((local, domain)) = addr.rsplit_once('@') else {
        return mask_part(addr);
    };
    let (label, rest) = domain
        .find('.')
        .map_or((domain, ""), |i| domain.split_at(i));
    format!("{}@{}{rest}", mask_part(local), mask_part(label))
}

fn mask_part(s: &str) -> String {
    let n = s.chars().count();
    let keep = match n {
        0 => return String::new(),
        1 | 2 => 1,
        _ => 2,
    };
    let stars = n.saturating_sub(keep).max(1);
    s.chars()
        .take(keep)
        .chain("*".repeat(stars).chars())
        .collect()
}

/// Shows only the last 4 characters: `09012345678` → `*******5678`, one `*`
/// per hidden character. Inputs of 4 characters or fewer are fully starred.
pub fn mask_phone(normalized: &str) -> String {
    let n = normalized.chars().count();
    if n <= 4 {
        return "*".repeat(n);
    }
    let tail: String = normalized.chars().skip(n - 4).collect();
    format!("{}{tail}", "*".repeat(n - 4))
}

/// Hides the year: 1980-01-15 → `****-01-15`.
pub fn mask_birth_date(d: NaiveDate) -> String {
    d.format("****-%m-%d").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_example() {
        assert_eq!(
            mask_email("taro.yamada@example.co.jp"),
            "ta*********@ex*****.co.jp"
        );
    }

    #[test]
    fn email_short_parts_never_shown_in_full() {
        // Chosen rule: 1-2 characters -> first character + one star.
        assert_eq!(mask_email("a@x.jp"), "a*@x*.jp");
        assert_eq!(mask_email("ab@xy.jp"), "a*@x*.jp");
        assert_eq!(mask_email("abc@xyz.jp"), "ab*@xy*.jp");
        assert_eq!(mask_email("abcd@xyzw.com"), "ab**@xy**.com");
    }

    #[test]
    fn email_lengths_preserved_for_long_parts() {
        let m = mask_email("taro.yamada@example.co.jp");
        assert_eq!(m.len(), "taro.yamada@example.co.jp".len());
    }

    #[test]
    fn email_odd_inputs() {
        assert_eq!(mask_email("taro@localhost"), "ta**@lo*******");
        assert_eq!(mask_email("taro"), "ta**");
        assert_eq!(mask_email(""), "");
        assert_eq!(mask_email("@x.jp"), "@x*.jp");
        assert_eq!(mask_email("たろう@例え.jp"), "たろ*@例*.jp");
    }

    #[test]
    fn phone() {
        assert_eq!(mask_phone("09012345678"), "*******5678");
        assert_eq!(mask_phone("0312345678"), "******5678");
        assert_eq!(mask_phone("12345"), "*2345");
        assert_eq!(mask_phone("1234"), "****");
        assert_eq!(mask_phone(""), "");
    }

    #[test]
    fn birth_date() {
        let d = NaiveDate::from_ymd_opt(1980, 1, 15).unwrap();
        assert_eq!(mask_birth_date(d), "****-01-15");
        let d = NaiveDate::from_ymd_opt(2001, 12, 3).unwrap();
        assert_eq!(mask_birth_date(d), "****-12-03");
    }
}
