//! Links in notice text. The FSA's 2025 supervisory guideline for online
//! brokers and the JSDA guideline ask for mails without links to a login or
//! password page: a customer taught that the broker's mails carry no link
//! cannot be led to a phishing page by one that does. No notice carries a
//! link of any kind, and text from data (a device name, the support desk
//! line) that would show as one is left out ([`without_links`]).
//!
//! What counts as a link is what a mail reader would make clickable:
//! anything with `scheme://`, the schemes that need no slashes (`mailto:`,
//! `tel:`, ...), `www.`, an email address, and a bare domain name
//! (`example.co.jp`, `acctsec.jp/login`): labels of letters, digits and
//! hyphens joined by dots and ending in a label of two or more letters.

/// Schemes a mail reader links without `//`.
const BARE_SCHEMES: &[&str] = &[
    "mailto:",
    "tel:",
    "sms:",
    "callto:",
    "javascript:",
    "data:",
    "file:",
    "news:",
    "line:",
    "intent:",
];

/// The first link-like piece of `text`, if any.
pub fn find_link(text: &str) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    if lower.contains("href") || lower.contains("<a ") {
        return Some("href".into());
    }
    for token in tokens(&lower) {
        if let Some(i) = token.find("://") {
            let scheme = &token[..i];
            if scheme
                .chars()
                .last()
                .is_some_and(|c| c.is_ascii_alphanumeric())
            {
                return Some(token.to_string());
            }
        }
        if let Some(s) = BARE_SCHEMES
            .iter()
            .find(|s| token.starts_with(**s) || token.contains(&format!("({s}")))
        {
            return Some((*s).to_string());
        }
        if token.contains("www.") {
            return Some(token.to_string());
        }
        if let Some(d) = domain_in(token) {
            return Some(d);
        }
    }
    None
}

/// Whether `text` holds no link.
pub fn is_link_free(text: &str) -> bool {
    find_link(text).is_none()
}

/// `text`, or `None` when it holds something a mail reader would link.
pub fn without_links(text: &str) -> Option<&str> {
    is_link_free(text).then_some(text)
}

/// Runs of the characters a URL or an address is made of.
fn tokens(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || "-._~:/?#[]@!$&'()*+,;=%".contains(c)))
        .filter(|t| !t.is_empty())
}

/// A domain name inside `token` (lower case): labels of `[a-z0-9-]` joined
/// by dots, the last one two or more letters, starting at a label boundary
/// (not after a `*` or another dot: a masked address `ta***@ex***.co.jp`
/// names no domain a reader could follow).
fn domain_in(token: &str) -> Option<String> {
    let b = token.as_bytes();
    let label = |c: u8| c.is_ascii_alphanumeric() || c == b'-';
    let mut i = 0;
    while i < b.len() {
        // A label starts here unless it goes on from a label, a masked
        // part (`*`), or a dot after one of those (`証券.example.jp` cut at
        // the kanji still names example.jp).
        let after = |k: usize| k > 0 && (label(b[k - 1]) || b[k - 1] == b'*');
        let inside = after(i) || (i > 0 && b[i - 1] == b'.' && after(i - 1));
        if !label(b[i]) || inside {
            i += 1;
            continue;
        }
        // A run of labels and dots from i.
        let mut j = i;
        while j < b.len() && (label(b[j]) || b[j] == b'.') {
            j += 1;
        }
        if j < b.len() && b[j] == b'*' {
            i = j;
            continue;
        }
        let run = token[i..j].trim_end_matches('.');
        let parts: Vec<&str> = run.split('.').collect();
        if parts.len() >= 2
            && parts.iter().all(|p| !p.is_empty())
            && parts
                .last()
                .is_some_and(|t| t.len() >= 2 && t.bytes().all(|c| c.is_ascii_alphabetic()))
        {
            return Some(run.to_string());
        }
        i = j;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_of_every_kind_are_found() {
        for text in [
            "https://example.co.jp/login",
            "ログインはこちら http://x.jp",
            "ftp://files",
            "hxxp-ish scheme+v1://host",
            "www.example.com",
            "WWW.EXAMPLE.COM",
            "mailto:desk@example.jp",
            "お電話 tel:0120000000",
            "example.co.jp",
            "証券.example.jp のページ",
            "acctsec.jp/login",
            "desk@example.jp",
            "<a href='x'>",
            "javascript:alert(1)",
        ] {
            assert!(find_link(text).is_some(), "{text}");
        }
    }

    #[test]
    fn ordinary_notice_text_is_no_link() {
        for text in [
            "サポートデスク（平日 8:00〜17:00）",
            "電話: 0120-000-000",
            "日時: 2026年12月01日 07:30:21（日本時間）",
            "ブラウザ: Chrome（Windows）",
            "ネットワーク: 203.0.113.*",
            "IPアドレス: 203.0.113.5",
            "2001:db8:12:*",
            "変更前: ta**@ex*****.co.jp",
            "Safari 17.4",
            "金額: 1,234,567円",
        ] {
            assert_eq!(find_link(text), None, "{text}");
        }
    }
}
