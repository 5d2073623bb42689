//! Helpers the fuzz targets share: the properties they check are written
//! once here, so every target states what must hold, not only "no panic".

use chrono::{Datelike, NaiveDate};

use acctsec::era::Era;
use acctsec::secret::HashFormat;

/// The fixed "today" of every target (a birth date after it is refused).
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 21).expect("a date")
}

/// Lines in `text` as an editor counts them: one more than its line ends
/// (`\n`, `\r\n`, or a lone `\r`, which the csv reader also ends a record
/// on); a last line without an end still counts.
pub fn lines(text: &[u8]) -> u64 {
    let lone_lf = text
        .iter()
        .enumerate()
        .filter(|(i, b)| **b == b'\n' && (*i == 0 || text[i - 1] != b'\r'))
        .count();
    let cr = text.iter().filter(|b| **b == b'\r').count();
    1 + (cr + lone_lf) as u64
}

/// Every way of writing `d` that the birth-date parser documents: ISO with
/// each separator, compact, `年月日`, and for dates inside an era the era
/// letter, kanji name and ligature forms (`元` for the first year).
pub fn date_forms(d: NaiveDate) -> Vec<String> {
    let (y, m, day) = (d.year(), d.month(), d.day());
    let mut out = vec![
        format!("{y:04}-{m:02}-{day:02}"),
        format!("{y}/{m}/{day}"),
        format!("{y}.{m:02}.{day}"),
        format!("{y:04}{m:02}{day:02}"),
        format!("{y}年{m}月{day}日"),
    ];
    if let Some(era) = Era::of(d) {
        let ey = era.year_of(d);
        // The parser takes 1-2 digit era years.
        if ey < 100 {
            let kanji_year = if ey == 1 {
                "元".to_string()
            } else {
                ey.to_string()
            };
            out.push(format!("{}{ey}.{m}.{day}", era.letter()));
            out.push(format!(
                "{}{ey:02}/{m:02}/{day:02}",
                era.letter().to_ascii_lowercase()
            ));
            out.push(format!("{}{kanji_year}年{m}月{day}日", era.kanji()));
            out.push(format!("{}{ey}-{m}-{day}", era.kanji()));
            out.push(format!("{}{ey}.{m}.{day}", era.ligature()));
        }
    }
    out
}

/// Whether checking a hash of this format is cheap enough for a fuzz
/// iteration (a few milliseconds). Costlier hashes are still parsed and
/// detected, only not verified.
pub fn cheap(format: &HashFormat) -> bool {
    match *format {
        HashFormat::Argon2 { params, .. } => {
            u64::from(params.m_kib) * u64::from(params.t) <= 64 * 4 && params.p <= 4
        }
        HashFormat::Pbkdf2 { rounds, .. } => rounds <= 2_000,
        HashFormat::Scrypt { log_n, r, p } => {
            log_n <= 6 && u64::from(r) * u64::from(p) * (1u64 << log_n) <= 1 << 10
        }
        HashFormat::Bcrypt { cost, .. } => cost <= 5,
        HashFormat::ShaCrypt { rounds, .. } => rounds <= 5_000,
        _ => true,
    }
}

/// The bidirectional formatting characters (Unicode's Bidi_Control
/// property): any of them can make a terminal show text out of order.
pub fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
    )
}

/// `%XX` for every byte but the unreserved ones (RFC 3986).
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
