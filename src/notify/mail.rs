//! Mail for the outbox's notices, as the relay gets them: which charset an
//! address gets, the text made safe for ISO-2022-JP, the encoded-words of a
//! Japanese header, the Message-ID, the backoff after a deferral and the
//! pace of a rate limit. Pure: no network, no ledger, no clock.
//!
//! # ISO-2022-JP
//!
//! Japanese feature phones (and the carriers' mail gateways for them) read
//! ISO-2022-JP (RFC 1468): ASCII, JIS X 0201 Roman and JIS X 0208. Text is
//! first passed through [`jis_safe`], which replaces what those sets cannot
//! carry by a safe equivalent: half-width katakana by full-width (with the
//! voiced marks joined: `ｶﾞ` → `ガ`), circled digits by `(1)`, roman
//! numerals by `I`, `II`, the NEC and IBM extensions (`㈱`, `㌔`, `髙`) by
//! their plain spelling, and anything else by the geta mark `〓`, the
//! traditional stand-in: never a byte sequence a phone would show as
//! garbage, and never a silent `&#...;`.

use std::time::{Duration, Instant};

use encoding_rs::ISO_2022_JP;

/// The mobile carriers' mail domains that get ISO-2022-JP unless the
/// configuration names others.
pub const DEFAULT_ISO2022JP_DOMAINS: &[&str] = &[
    "docomo.ne.jp",
    "ezweb.ne.jp",
    "au.com",
    "softbank.ne.jp",
    "i.softbank.jp",
    "disney.ne.jp",
    "vodafone.ne.jp",
    "pdx.ne.jp",
    "willcom.com",
    "emnet.ne.jp",
    "ymobile.ne.jp",
];

/// The stand-in for a character ISO-2022-JP cannot carry.
pub const GETA: char = '〓';

/// The charset a message is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Charset {
    Utf8,
    Iso2022Jp,
}

impl Charset {
    /// The MIME name.
    pub fn mime(self) -> &'static str {
        match self {
            Charset::Utf8 => "UTF-8",
            Charset::Iso2022Jp => "ISO-2022-JP",
        }
    }

    /// The charset for `address`: ISO-2022-JP when its domain is one of
    /// `domains` or a subdomain of one (case-insensitive), else UTF-8.
    pub fn for_address<S: AsRef<str>>(address: &str, domains: &[S]) -> Charset {
        let Some((_, domain)) = address.rsplit_once('@') else {
            return Charset::Utf8;
        };
        let domain = domain.trim_end_matches('>').to_ascii_lowercase();
        let hit = domains.iter().any(|d| {
            let d = d
                .as_ref()
                .trim()
                .trim_start_matches('.')
                .to_ascii_lowercase();
            !d.is_empty()
                && (domain == d
                    || domain
                        .strip_suffix(&d)
                        .is_some_and(|rest| rest.ends_with('.')))
        });
        if hit {
            Charset::Iso2022Jp
        } else {
            Charset::Utf8
        }
    }
}

/// `text` with every character ISO-2022-JP cannot carry replaced by a safe
/// equivalent (see the module documentation). Line breaks and tabs stay;
/// other control characters become a space.
pub fn jis_safe(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        // Half-width katakana, with a following voiced or semi-voiced mark
        // joined to the kana it belongs to.
        if let Some(full) = halfwidth_kana(c) {
            let marked = match chars.peek() {
                Some('ﾞ') => voiced(full),
                Some('ﾟ') => semi_voiced(full),
                _ => None,
            };
            match marked {
                Some(m) => {
                    chars.next();
                    out.push(m);
                }
                None => out.push(full),
            }
            continue;
        }
        if let Some(s) = spelled(c) {
            out.push_str(s);
            continue;
        }
        if let Some(n) = circled_number(c) {
            out.push_str(&format!("({n})"));
            continue;
        }
        if c == '\n' || c == '\t' {
            out.push(c);
        } else if c == '\r' {
            // CRLF is the mail's line break; a lone CR is dropped.
        } else if c.is_control() {
            out.push(' ');
        } else if jis_carries(c) {
            out.push(c);
        } else {
            out.push(GETA);
        }
    }
    out
}

/// Whether ISO-2022-JP (RFC 1468: ASCII, JIS X 0201 Roman, JIS X 0208 rows
/// 1-84 without the NEC row 13) carries `c` as itself.
pub fn jis_carries(c: char) -> bool {
    if c.is_ascii() {
        return true;
    }
    // Half-width katakana would come out full-width: not as itself.
    if ('\u{FF61}'..='\u{FF9F}').contains(&c) {
        return false;
    }
    let mut buf = [0u8; 4];
    let (bytes, _, errors) = ISO_2022_JP.encode(c.encode_utf8(&mut buf));
    if errors {
        return false;
    }
    // ESC ( J x  (JIS X 0201 Roman: yen sign, overline), or ESC $ B b1 b2.
    match &bytes[..] {
        [0x1b, b'(', b'J', _, ..] => true,
        [0x1b, b'$', b'B', b1, _b2, ..] => (0x21..=0x74).contains(b1) && *b1 != 0x2d,
        _ => false,
    }
}

/// `text` (already [`jis_safe`]) in ISO-2022-JP, lines ending in CRLF.
pub fn encode_jis(text: &str) -> Vec<u8> {
    let safe = jis_safe(text);
    let crlf = safe.replace('\n', "\r\n");
    let (bytes, _, _) = ISO_2022_JP.encode(&crlf);
    bytes.into_owned()
}

/// `text` as RFC 2047 encoded-words (B encoding) in `charset`, each at most
/// 75 characters, joined by CRLF and a space (a folded header). Each word
/// is whole in itself: an ISO-2022-JP word ends back in ASCII. ASCII-only
/// text is returned as it is.
pub fn encoded_words(text: &str, charset: Charset) -> String {
    let text = match charset {
        Charset::Utf8 => text.to_string(),
        Charset::Iso2022Jp => jis_safe(text),
    };
    let text: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if text.is_ascii() {
        return text;
    }
    let prefix = format!("=?{}?B?", charset.mime());
    // 75 = prefix + base64 + "?=": the base64 fits in this many characters,
    // so the raw chunk in at most 3/4 of it.
    let room = (75 - prefix.len() - 2) / 4 * 3;
    let encode = |s: &str| -> Vec<u8> {
        match charset {
            Charset::Utf8 => s.as_bytes().to_vec(),
            Charset::Iso2022Jp => ISO_2022_JP.encode(s).0.into_owned(),
        }
    };
    let mut words = Vec::new();
    let mut chunk = String::new();
    for c in text.chars() {
        let mut next = chunk.clone();
        next.push(c);
        if !chunk.is_empty() && encode(&next).len() > room {
            words.push(word(&prefix, &encode(&chunk)));
            chunk.clear();
        }
        chunk.push(c);
    }
    if !chunk.is_empty() {
        words.push(word(&prefix, &encode(&chunk)));
    }
    words.join("\r\n ")
}

fn word(prefix: &str, bytes: &[u8]) -> String {
    use base64ct::{Base64, Encoding};
    format!("{prefix}{}?=", Base64::encode_string(bytes))
}

/// The Message-ID of notice `id` of ledger `ledger_id`: the same for every
/// attempt, so a relay can drop a second copy sent after a crash between
/// its reply and the ledger's update.
pub fn message_id(ledger_id: &str, id: i64, from_domain: &str) -> String {
    format!("<notice-{id}.{ledger_id}@{from_domain}>")
}

/// The `Date:` header of a message written at `at`: RFC 5322 in JST
/// (`Mon, 18 Sep 2022 18:00:00 +0900`), the time the customer lives in.
pub fn date_header(at: chrono::DateTime<chrono::Utc>) -> String {
    at.with_timezone(&crate::clock::jst())
        .format("%a, %d %b %Y %H:%M:%S %z")
        .to_string()
}

/// The longest wait before another attempt at a deferred notice.
pub const MAX_BACKOFF: Duration = Duration::from_secs(6 * 3600);

/// The first wait after a deferral.
pub const FIRST_BACKOFF: Duration = Duration::from_secs(5 * 60);

/// After this many attempts a notice the relay keeps deferring is failed
/// (about three days of tries).
pub const MAX_ATTEMPTS: i64 = 16;

/// The wait before the next attempt at a notice deferred `attempts` times
/// (1: the first deferral): 5 minutes, doubling, at most 6 hours.
pub fn backoff(attempts: i64) -> Duration {
    let doublings = attempts.clamp(1, 32) - 1;
    FIRST_BACKOFF
        .checked_mul(1u32 << doublings.min(16) as u32)
        .unwrap_or(MAX_BACKOFF)
        .min(MAX_BACKOFF)
}

/// A rate limit of `per_minute` messages: evenly spaced sends, a minute
/// divided by the limit apart. The caller asks [`Pacer::wait`] before each
/// send with the current instant and sleeps what it says: the pacer itself
/// never sleeps, so it is tested with made-up instants.
#[derive(Debug, Clone)]
pub struct Pacer {
    gap: Duration,
    next: Option<Instant>,
}

impl Pacer {
    /// `None`: no limit.
    pub fn new(per_minute: Option<u32>) -> Pacer {
        Pacer {
            gap: per_minute
                .filter(|&n| n > 0)
                .map_or(Duration::ZERO, |n| Duration::from_secs(60) / n),
            next: None,
        }
    }

    /// How long to wait at `now` before the next send, which is then
    /// counted as made at `now` + the wait.
    pub fn wait(&mut self, now: Instant) -> Duration {
        let at = match self.next {
            Some(next) if next > now => next,
            _ => now,
        };
        self.next = Some(at + self.gap);
        at - now
    }
}

// ---------------------------------------------------------------- tables

fn halfwidth_kana(c: char) -> Option<char> {
    const FULL: &str = "。「」、・ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン゛゜";
    let i = (c as u32).checked_sub(0xFF61)?;
    FULL.chars().nth(i as usize)
}

fn voiced(c: char) -> Option<char> {
    const FROM: &str = "カキクケコサシスセソタチツテトハヒフヘホウ";
    const TO: &str = "ガギグゲゴザジズゼゾダヂヅデドバビブベボヴ";
    FROM.chars()
        .position(|f| f == c)
        .and_then(|i| TO.chars().nth(i))
}

fn semi_voiced(c: char) -> Option<char> {
    const FROM: &str = "ハヒフヘホ";
    const TO: &str = "パピプペポ";
    FROM.chars()
        .position(|f| f == c)
        .and_then(|i| TO.chars().nth(i))
}

fn circled_number(c: char) -> Option<u32> {
    match c as u32 {
        n @ 0x2460..=0x2473 => Some(n - 0x2460 + 1),  // ①-⑳
        n @ 0x2474..=0x2487 => Some(n - 0x2474 + 1),  // ⑴-⒇
        n @ 0x2776..=0x277F => Some(n - 0x2776 + 1),  // ❶-❿
        n @ 0x24EB..=0x24F4 => Some(n - 0x24EB + 11), // ⓫-⓴
        n @ 0x3251..=0x325F => Some(n - 0x3251 + 21), // ㉑-㉟
        n @ 0x32B1..=0x32BF => Some(n - 0x32B1 + 36), // ㊱-㊿
        _ => None,
    }
}

/// The plain spelling of the NEC and IBM extensions and other characters
/// Windows text often holds.
fn spelled(c: char) -> Option<&'static str> {
    Some(match c {
        'Ⅰ' | 'ⅰ' => "I",
        'Ⅱ' | 'ⅱ' => "II",
        'Ⅲ' | 'ⅲ' => "III",
        'Ⅳ' | 'ⅳ' => "IV",
        'Ⅴ' | 'ⅴ' => "V",
        'Ⅵ' | 'ⅵ' => "VI",
        'Ⅶ' | 'ⅶ' => "VII",
        'Ⅷ' | 'ⅷ' => "VIII",
        'Ⅸ' | 'ⅸ' => "IX",
        'Ⅹ' | 'ⅹ' => "X",
        '㈱' => "(株)",
        '㈲' => "(有)",
        '㈹' => "(代)",
        '㍿' => "株式会社",
        '㊤' => "(上)",
        '㊥' => "(中)",
        '㊦' => "(下)",
        '㊧' => "(左)",
        '㊨' => "(右)",
        '㍻' => "平成",
        '㍼' => "昭和",
        '㍽' => "大正",
        '㍾' => "明治",
        '㋿' => "令和",
        '㍉' => "ミリ",
        '㌔' => "キロ",
        '㌢' => "センチ",
        '㍍' => "メートル",
        '㌘' => "グラム",
        '㌧' => "トン",
        '㌃' => "アール",
        '㌶' => "ヘクタール",
        '㍑' => "リットル",
        '㍗' => "ワット",
        '㌍' => "カロリー",
        '㌦' => "ドル",
        '㌣' => "セント",
        '㌫' => "パーセント",
        '㍊' => "ミリバール",
        '㌻' => "ページ",
        '㎜' => "mm",
        '㎝' => "cm",
        '㎞' => "km",
        '㎎' => "mg",
        '㎏' => "kg",
        '㏄' => "cc",
        '㎡' => "m2",
        '№' => "No.",
        '㏍' => "K.K.",
        '℡' => "TEL",
        '〝' | '〟' => "\"",
        '∑' => "Σ",
        // The JIS X 0208 characters as ISO-2022-JP decoders (WHATWG, CP932)
        // read them back.
        '〜' => "～",
        '‖' => "∥",
        '¢' => "￠",
        '£' => "￡",
        '¬' => "￢",
        '—' => "―",
        '髙' => "高",
        '﨑' => "崎",
        '德' => "徳",
        '瀨' => "瀬",
        '\u{a0}' => " ",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_date_header_is_in_jst() {
        use chrono::TimeZone;
        let t = chrono::Utc.with_ymd_and_hms(2022, 9, 18, 16, 5, 9).unwrap();
        assert_eq!(date_header(t), "Mon, 19 Sep 2022 01:05:09 +0900");
    }

    #[test]
    fn half_width_kana_become_full_width_with_their_marks() {
        assert_eq!(jis_safe("ｶﾞｲﾄﾞ ﾊﾟｽﾜｰﾄﾞ｡"), "ガイド パスワード。");
        assert_eq!(jis_safe("ｳﾞｧ ﾞ"), "ヴァ ゛");
        assert_eq!(jis_safe("ｱﾟ"), "ア゜");
    }

    #[test]
    fn circled_digits_and_extensions_get_plain_spellings() {
        assert_eq!(jis_safe("①手順⑩と⑳"), "(1)手順(10)と(20)");
        assert_eq!(
            jis_safe("Ⅲ期 ㈱証券 ㌔ №5 ㍻"),
            "III期 (株)証券 キロ No.5 平成"
        );
        assert_eq!(jis_safe("髙橋様"), "高橋様");
    }

    #[test]
    fn what_cannot_be_carried_becomes_the_geta_mark() {
        assert_eq!(jis_safe("😀 𠮷野家 ∮"), "〓 〓野家 〓");
        // Nothing of the result is lost or turned into a character reference.
        let bytes = encode_jis("😀①ｶﾞ");
        let (back, _, errors) = ISO_2022_JP.decode(&bytes);
        assert!(!errors);
        assert_eq!(back, "〓(1)ガ");
        assert!(!String::from_utf8_lossy(&bytes).contains("&#"));
    }

    #[test]
    fn plain_japanese_and_ascii_pass_unchanged_and_round_trip() {
        let text = "【証券】ログインのお知らせ\nお客様番号: 1000100\n¥1,000 ～ 〜\tend";
        let safe = jis_safe(text);
        assert_eq!(safe, text.replace('〜', "～"));
        let bytes = encode_jis(text);
        assert!(bytes.is_ascii(), "ISO-2022-JP is 7 bit");
        assert!(bytes.windows(2).all(|w| w != b"\n\n"));
        let (back, _, errors) = ISO_2022_JP.decode(&bytes);
        assert!(!errors);
        assert_eq!(back, safe.replace('\n', "\r\n"));
    }

    #[test]
    fn every_carried_character_is_in_jis_x_0208_proper() {
        for c in ['あ', '漢', '〓', '¥', '‾', 'Σ', '−', '～', '∥', '―', '￠'] {
            assert!(jis_carries(c), "{c}");
        }
        for c in [
            '①', 'Ⅰ', '㈱', '髙', 'ｱ', '😀', '∮', 'é', '〜', '‖', '—', '¢',
        ] {
            assert!(!jis_carries(c), "{c}");
        }
        // Every replacement is itself carried.
        for c in ['〜', '‖', '¢', '£', '¬', '—', '㈱', '㍻', '№', 'Ⅷ'] {
            assert!(spelled(c).unwrap().chars().all(jis_carries), "{c}");
        }
    }

    #[test]
    fn encoded_words_are_short_whole_and_decode_back() {
        let subject =
            "【証券】初期パスワード発行のお知らせ（重要）ご確認ください。ご不明な点はサポートまで";
        for cs in [Charset::Utf8, Charset::Iso2022Jp] {
            let h = encoded_words(subject, cs);
            let words: Vec<&str> = h.split("\r\n ").collect();
            assert!(words.len() > 1, "{h}");
            let mut back = String::new();
            for w in &words {
                assert!(w.len() <= 75, "{w}");
                assert!(w.is_ascii());
                let b64 = w
                    .strip_prefix(&format!("=?{}?B?", cs.mime()))
                    .and_then(|r| r.strip_suffix("?="))
                    .unwrap();
                use base64ct::{Base64, Encoding};
                let raw = Base64::decode_vec(b64).unwrap();
                let part = match cs {
                    Charset::Utf8 => String::from_utf8(raw).unwrap(),
                    Charset::Iso2022Jp => {
                        // Each word ends back in ASCII.
                        assert!(raw.ends_with(b"\x1b(B"), "{raw:?}");
                        ISO_2022_JP.decode(&raw).0.into_owned()
                    }
                };
                back.push_str(&part);
            }
            assert_eq!(back, subject);
        }
        assert_eq!(
            encoded_words("Login notice", Charset::Iso2022Jp),
            "Login notice"
        );
        assert_eq!(
            encoded_words("ｶﾞ①", Charset::Iso2022Jp),
            encoded_words("ガ(1)", Charset::Iso2022Jp)
        );
    }

    #[test]
    fn mobile_domains_match_exactly_or_as_parent() {
        let d = DEFAULT_ISO2022JP_DOMAINS;
        assert_eq!(
            Charset::for_address("a@docomo.ne.jp", d),
            Charset::Iso2022Jp
        );
        assert_eq!(Charset::for_address("a@EZweb.ne.jp", d), Charset::Iso2022Jp);
        assert_eq!(
            Charset::for_address("a@x.i.softbank.jp", d),
            Charset::Iso2022Jp
        );
        assert_eq!(Charset::for_address("a@notdocomo.ne.jp", d), Charset::Utf8);
        assert_eq!(Charset::for_address("a@example.co.jp", d), Charset::Utf8);
        assert_eq!(Charset::for_address("nodomain", d), Charset::Utf8);
        assert_eq!(
            Charset::for_address("a@b.example", &["example"]),
            Charset::Iso2022Jp
        );
    }

    #[test]
    fn backoff_doubles_from_five_minutes_up_to_six_hours() {
        let m = |n: u64| Duration::from_secs(60 * n);
        assert_eq!(backoff(1), m(5));
        assert_eq!(backoff(2), m(10));
        assert_eq!(backoff(3), m(20));
        assert_eq!(backoff(7), m(320));
        assert_eq!(backoff(8), MAX_BACKOFF);
        assert_eq!(backoff(1000), MAX_BACKOFF);
        assert_eq!(backoff(0), m(5));
    }

    #[test]
    fn the_pacer_spaces_sends_without_sleeping() {
        let t0 = Instant::now();
        let s = Duration::from_secs;
        let mut p = Pacer::new(Some(30));
        assert_eq!(p.wait(t0), s(0));
        assert_eq!(p.wait(t0), s(2));
        assert_eq!(p.wait(t0 + s(1)), s(3));
        // After a pause the next send goes at once, and no burst follows.
        assert_eq!(p.wait(t0 + s(60)), s(0));
        assert_eq!(p.wait(t0 + s(60)), s(2));
        let mut free = Pacer::new(None);
        for _ in 0..100 {
            assert_eq!(free.wait(t0), s(0));
        }
        // 60 a minute: the 61st send of a burst waits a full minute.
        let mut p = Pacer::new(Some(60));
        let waits: Vec<Duration> = (0..61).map(|_| p.wait(t0)).collect();
        assert_eq!(waits[60], s(60));
    }

    #[test]
    fn message_ids_are_stable_per_notice() {
        assert_eq!(
            message_id("ab12", 7, "example.co.jp"),
            "<notice-7.ab12@example.co.jp>"
        );
    }
}
