//! Realistic synthetic customers for the core system's CSV: kanji names,
//! birth dates in the mixed forms the core system exports (Gregorian and
//! Japanese era dates), phones in mixed forms (dashes, `+81`, full-width
//! digits, brackets), PC and mobile email addresses. Deterministic for a
//! given seed.
#![allow(dead_code)]

use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};

use super::support::Rng;

/// (kanji, romaji) family names.
const FAMILY: &[(&str, &str)] = &[
    ("佐藤", "sato"),
    ("鈴木", "suzuki"),
    ("高橋", "takahashi"),
    ("田中", "tanaka"),
    ("伊藤", "ito"),
    ("渡辺", "watanabe"),
    ("山本", "yamamoto"),
    ("中村", "nakamura"),
    ("小林", "kobayashi"),
    ("加藤", "kato"),
    ("吉田", "yoshida"),
    ("山田", "yamada"),
    ("佐々木", "sasaki"),
    ("山口", "yamaguchi"),
    ("松本", "matsumoto"),
    ("井上", "inoue"),
    ("木村", "kimura"),
    ("林", "hayashi"),
    ("斎藤", "saito"),
    ("清水", "shimizu"),
    ("山崎", "yamazaki"),
    ("森", "mori"),
    ("池田", "ikeda"),
    ("橋本", "hashimoto"),
    ("阿部", "abe"),
    ("石川", "ishikawa"),
    ("山下", "yamashita"),
    ("中島", "nakajima"),
    ("石井", "ishii"),
    ("小川", "ogawa"),
    ("前田", "maeda"),
    ("岡田", "okada"),
    ("長谷川", "hasegawa"),
    ("藤田", "fujita"),
    ("後藤", "goto"),
    ("近藤", "kondo"),
    ("村上", "murakami"),
    ("遠藤", "endo"),
    ("青木", "aoki"),
    ("坂本", "sakamoto"),
    ("齋藤", "saito"),
    ("髙橋", "takahashi"),
];

/// (kanji, romaji) given names.
const GIVEN: &[(&str, &str)] = &[
    ("太郎", "taro"),
    ("花子", "hanako"),
    ("一郎", "ichiro"),
    ("美咲", "misaki"),
    ("健太", "kenta"),
    ("陽子", "yoko"),
    ("大輔", "daisuke"),
    ("由美", "yumi"),
    ("翔太", "shota"),
    ("恵子", "keiko"),
    ("拓也", "takuya"),
    ("真由美", "mayumi"),
    ("誠", "makoto"),
    ("さくら", "sakura"),
    ("浩", "hiroshi"),
    ("明美", "akemi"),
    ("直樹", "naoki"),
    ("智子", "tomoko"),
    ("和也", "kazuya"),
    ("裕子", "yuko"),
    ("隆", "takashi"),
    ("久美子", "kumiko"),
    ("蓮", "ren"),
    ("陽菜", "hina"),
    ("悠真", "yuma"),
    ("結衣", "yui"),
    ("清", "kiyoshi"),
    ("幸子", "sachiko"),
    ("勝", "masaru"),
    ("節子", "setsuko"),
    ("ひろみ", "hiromi"),
    ("健一", "kenichi"),
];

const PC_DOMAINS: &[&str] = &[
    "example.jp",
    "example.co.jp",
    "example.com",
    "mail.example.ne.jp",
    "corp.example.co.jp",
];
const MOBILE_DOMAINS: &[&str] = &[
    "docomo.example.ne.jp",
    "ezweb.example.ne.jp",
    "softbank.example.ne.jp",
    "i.example.com",
];

/// (area code, digits after it) of landlines: 10 digits in all.
const AREAS: &[&str] = &["03", "06", "045", "052", "011", "092", "075", "022", "0466"];
const MOBILE_PREFIXES: &[&str] = &["090", "080", "070"];

/// The CSV header, with or without the `login_hash` column.
pub fn header(with_hash: bool) -> &'static str {
    if with_hash {
        "code,name,birth_date,phone,mobile_phone,email_pc,email_mobile,login_hash\n"
    } else {
        "code,name,birth_date,phone,mobile_phone,email_pc,email_mobile\n"
    }
}

/// The customer code of row `i` (8 digits, unique).
pub fn code(i: usize) -> String {
    format!("{:08}", 10_000_000 + i)
}

/// Append row `i` (without the trailing newline and without `login_hash`).
pub fn row(rng: &mut Rng, i: usize, out: &mut String) {
    let (fk, fr) = *rng.pick(FAMILY);
    let (gk, gr) = *rng.pick(GIVEN);
    let sep = match rng.below(10) {
        0..=5 => " ",
        6..=8 => "\u{3000}",
        _ => "",
    };
    let _ = write!(out, "{},{fk}{sep}{gk},", code(i));
    birth_date(rng, out);
    out.push(',');
    if rng.chance(70) {
        landline(rng, out);
    }
    out.push(',');
    if rng.chance(80) {
        mobile(rng, out);
    }
    out.push(',');
    if rng.chance(75) {
        let _ = match rng.below(4) {
            0 => write!(out, "{gr}.{fr}{}", i % 1000),
            1 => write!(out, "{}{gr}{}", &fr[..1], i % 10_000),
            2 => write!(out, "{fr}_{gr}.{}", i),
            _ => write!(out, "{gr}{fr}{}", i),
        };
        let _ = write!(out, "@{}", rng.pick(PC_DOMAINS));
    }
    out.push(',');
    if rng.chance(40) {
        let _ = write!(
            out,
            "{}{}{}@{}",
            &fr[..fr.len().min(3)],
            &gr[..gr.len().min(3)],
            i,
            rng.pick(MOBILE_DOMAINS)
        );
    }
}

const ERAS: &[(NaiveDate, i32, &str, &str)] = &[
    // (first day, Gregorian year of era year 1, letter, kanji)
    (ymd(2019, 5, 1), 2019, "R", "令和"),
    (ymd(1989, 1, 8), 1989, "H", "平成"),
    (ymd(1926, 12, 25), 1926, "S", "昭和"),
    (ymd(1912, 7, 30), 1912, "T", "大正"),
];

const fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn birth_date(rng: &mut Rng, out: &mut String) {
    // 1930-01-01 .. 2006-12-31, uniformly by day.
    let first = ymd(1930, 1, 1);
    let days = (ymd(2006, 12, 31) - first).num_days() as usize;
    let d = first + chrono::Duration::days(rng.below(days + 1) as i64);
    let (y, m, day) = (d.year(), d.month(), d.day());
    let &(_, base, letter, kanji) = ERAS
        .iter()
        .find(|(start, ..)| d >= *start)
        .expect("after Taisho");
    let ey = y - base + 1;
    let _ = match rng.below(20) {
        0..=5 => write!(out, "{y}-{m:02}-{day:02}"),
        6..=7 => write!(out, "{y}/{m}/{day}"),
        8..=9 => write!(out, "{y}/{m:02}/{day:02}"),
        10..=12 => write!(out, "{y}{m:02}{day:02}"),
        13..=15 => write!(out, "{letter}{ey}.{m}.{day}"),
        16..=17 if ey == 1 => write!(out, "{kanji}元年{m}月{day}日"),
        16..=17 => write!(out, "{kanji}{ey}年{m}月{day}日"),
        _ => write!(out, "{letter}{ey}/{m}/{day}"),
    };
}

fn digits(rng: &mut Rng, n: usize) -> String {
    rng.string(n, b"0123456789")
}

/// A number given as (national prefix without the leading 0, middle, last)
/// in one of the forms people type.
fn phone_forms(rng: &mut Rng, prefix: &str, mid: &str, last: &str, out: &mut String) {
    let national = &prefix[1..];
    let _ = match rng.below(10) {
        0..=3 => write!(out, "{prefix}-{mid}-{last}"),
        4 => write!(out, "{prefix}{mid}{last}"),
        5 => write!(out, "({prefix}) {mid}-{last}"),
        6 => write!(out, "+81 {national} {mid} {last}"),
        7 => write!(out, "+81-{national}-{mid}-{last}"),
        8 => {
            for c in format!("{prefix}-{mid}-{last}").chars() {
                out.push(full_width(c));
            }
            Ok(())
        }
        _ => write!(out, "{prefix} {mid} {last}"),
    };
}

fn full_width(c: char) -> char {
    match c {
        '0'..='9' => char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c),
        '-' => '－',
        c => c,
    }
}

fn landline(rng: &mut Rng, out: &mut String) {
    let area = *rng.pick(AREAS);
    // 10 digits in all; the local exchange takes what the area code leaves.
    let mid_len = 10 - area.len() - 4;
    let mid = format!("{}{}", 1 + rng.below(9), digits(rng, mid_len - 1));
    let last = digits(rng, 4);
    phone_forms(rng, area, &mid, &last, out);
}

fn mobile(rng: &mut Rng, out: &mut String) {
    let prefix = *rng.pick(MOBILE_PREFIXES);
    let mid = format!("{}{}", 1 + rng.below(9), digits(rng, 3));
    let last = digits(rng, 4);
    phone_forms(rng, prefix, &mid, &last, out);
}

/// Write `n` customers to `path` (header included); returns the byte size.
/// `login_hash(i)` fills the `login_hash` column when given.
pub fn write_csv(
    path: &std::path::Path,
    n: usize,
    seed: u64,
    login_hash: Option<&dyn Fn(usize) -> String>,
) -> u64 {
    use std::io::Write;
    let f = std::fs::File::create(path).expect("create CSV");
    let mut w = std::io::BufWriter::with_capacity(1 << 20, f);
    w.write_all(header(login_hash.is_some()).as_bytes())
        .expect("write CSV");
    let mut rng = Rng::new(seed);
    let mut line = String::with_capacity(256);
    for i in 0..n {
        line.clear();
        row(&mut rng, i, &mut line);
        if let Some(h) = login_hash {
            line.push(',');
            line.push_str(&super::support::csv_field(&h(i)));
        }
        line.push('\n');
        w.write_all(line.as_bytes()).expect("write CSV");
    }
    w.flush().expect("write CSV");
    super::support::file_size(path)
}
