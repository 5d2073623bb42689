//! Terminal safety for text that comes from data (names, codes, reasons,
//! file names): a leaf module with no dependencies inside the crate, so the
//! renderers (`output`, `messages`) and the notice templates (`notify`) share
//! one definition.

/// Strip what a terminal would interpret: ANSI/VT escape sequences (CSI, OSC,
/// DCS and two-byte escapes), other C0 and C1 control characters, DEL, and
/// the bidirectional overrides that can make text read backwards. Newlines
/// and tabs become spaces. Everything else (kanji, kana, emoji) is kept.
pub fn sanitize(s: &str) -> String {
    if !s.chars().any(needs_cleaning) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => match chars.next() {
                // CSI: parameters and intermediates up to a final byte 0x40..=0x7e
                Some('[') => {
                    for c in chars.by_ref() {
                        if ('\u{40}'..='\u{7e}').contains(&c) {
                            break;
                        }
                    }
                }
                // OSC, DCS, SOS, PM, APC: up to BEL or ST (ESC \)
                Some(']' | 'P' | 'X' | '^' | '_') => {
                    while let Some(c) = chars.next() {
                        if c == '\u{7}' || c == '\u{9c}' {
                            break;
                        }
                        if c == '\u{1b}' {
                            if chars.peek() == Some(&'\\') {
                                chars.next();
                            }
                            break;
                        }
                    }
                }
                _ => {}
            },
            // C1 CSI / OSC introducers
            '\u{9b}' => {
                for c in chars.by_ref() {
                    if ('\u{40}'..='\u{7e}').contains(&c) {
                        break;
                    }
                }
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c if needs_cleaning(c) => {}
            c => out.push(c),
        }
    }
    out
}

fn needs_cleaning(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

/// The bidirectional formatting characters (Unicode's `Bidi_Control`
/// property: embeddings, overrides, isolates, the marks LRM, RLM and the
/// Arabic letter mark ALM), which can make text read out of order.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_escape_sequences_and_controls() {
        assert_eq!(sanitize("山田\u{1b}[31m太郎\u{1b}[0m"), "山田太郎");
        assert_eq!(sanitize("a\u{1b}]0;evil title\u{7}b"), "ab");
        assert_eq!(
            sanitize("a\u{1b}]8;;http://x\u{1b}\\link\u{1b}]8;;\u{1b}\\b"),
            "alinkb"
        );
        assert_eq!(sanitize("x\u{9b}2Jy"), "xy");
        assert_eq!(sanitize("a\nb\tc\r"), "a b c ");
        assert_eq!(sanitize("abc\u{202e}fed"), "abcfed");
        // Found by fuzzing (tests/fuzz, target sanitize): the Arabic
        // letter mark is a bidi control too.
        assert_eq!(sanitize("isolate\u{61c}"), "isolate");
        assert_eq!(sanitize("\u{7f}\u{0}\u{85}ok"), "ok");
        assert_eq!(sanitize("ｶﾅ 漢字 🙂"), "ｶﾅ 漢字 🙂");
    }
}
