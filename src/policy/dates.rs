//! The `birth_date` rule: every common way of writing a date of birth,
//! Western and Japanese era, looked for in the folded password with date
//! separators (`/`, `-`, `.`) already removed.

use chrono::{Datelike, NaiveDate};

use super::check::DateForm;
use crate::era::Era;

/// The era letter (lower-case, as passwords are matched folded) and era year
/// of `date`, if it falls in one.
pub fn era_of(date: NaiveDate) -> Option<(u8, u32)> {
    let era = Era::of(date)?;
    Some((era.letter().to_ascii_lowercase() as u8, era.year_of(date)))
}

/// Shortest form looked for: shorter ones match by chance too often.
const MIN_FORM_LEN: usize = 4;
const MAX_FORM_LEN: usize = 10;
const MAX_FORMS: usize = 32;

/// A small digit string, up to 4 characters, on the stack.
#[derive(Clone, Copy)]
struct Num {
    b: [u8; 4],
    n: usize,
}

impl Num {
    fn padded(v: u32, width: usize) -> Num {
        let mut b = [b'0'; 4];
        let mut v = v;
        for i in (0..width).rev() {
            b[i] = b'0' + (v % 10) as u8;
            v /= 10;
        }
        Num { b, n: width }
    }

    fn unpadded(v: u32) -> Num {
        let width = if v >= 1000 {
            4
        } else if v >= 100 {
            3
        } else if v >= 10 {
            2
        } else {
            1
        };
        Num::padded(v, width)
    }

    fn letter(c: u8) -> Num {
        Num {
            b: [c, 0, 0, 0],
            n: 1,
        }
    }

    fn bytes(&self) -> &[u8] {
        &self.b[..self.n]
    }
}

struct Forms {
    items: [([u8; MAX_FORM_LEN], usize, DateForm); MAX_FORMS],
    n: usize,
}

impl Forms {
    fn push(&mut self, form: DateForm, parts: &[Num]) {
        let mut buf = [0u8; MAX_FORM_LEN];
        let mut len = 0;
        for p in parts {
            buf[len..len + p.n].copy_from_slice(p.bytes());
            len += p.n;
        }
        let dup = self.items[..self.n]
            .iter()
            .any(|(b, l, _)| b[..*l] == buf[..len]);
        if len >= MIN_FORM_LEN && self.n < MAX_FORMS && !dup {
            self.items[self.n] = (buf, len, form);
            self.n += 1;
        }
    }
}

/// Every form of `date` looked for, most specific first (no separators,
/// lower-case era letters).
pub fn forms(date: NaiveDate) -> Vec<(String, DateForm)> {
    let f = build(date);
    f.items[..f.n]
        .iter()
        .map(|(b, l, k)| (String::from_utf8_lossy(&b[..*l]).into_owned(), *k))
        .collect()
}

fn build(date: NaiveDate) -> Forms {
    use DateForm::*;
    let mut f = Forms {
        items: [([0; MAX_FORM_LEN], 0, Year); MAX_FORMS],
        n: 0,
    };
    let year = date.year().clamp(0, 9999) as u32;
    let (y4, y2) = (Num::padded(year, 4), Num::padded(year % 100, 2));
    let (m2, m1) = (Num::padded(date.month(), 2), Num::unpadded(date.month()));
    let (d2, d1) = (Num::padded(date.day(), 2), Num::unpadded(date.day()));

    f.push(FullDate, &[y4, m2, d2]);
    f.push(FullDate, &[m2, d2, y4]);
    f.push(FullDate, &[d2, m2, y4]);
    f.push(FullDate, &[y4, m1, d1]);
    f.push(FullDate, &[m1, d1, y4]);
    f.push(FullDate, &[d1, m1, y4]);
    if let Some((letter, ey)) = era_of(date) {
        let e = Num::letter(letter);
        let (ey2, ey1) = (Num::padded(ey % 100, 2), Num::unpadded(ey));
        for eyn in [ey2, ey1] {
            f.push(EraDate, &[e, eyn, m2, d2]);
            f.push(EraDate, &[e, eyn, m1, d1]);
        }
        for eyn in [ey2, ey1] {
            f.push(EraDate, &[eyn, m2, d2]);
            f.push(EraDate, &[eyn, m1, d1]);
        }
    }
    f.push(ShortDate, &[y2, m2, d2]);
    f.push(ShortDate, &[y2, m1, d1]);
    f.push(MonthDayYear, &[m2, d2, y2]);
    f.push(MonthDayYear, &[m1, d1, y2]);
    f.push(DayMonthYear, &[d2, m2, y2]);
    f.push(DayMonthYear, &[d1, m1, y2]);
    f.push(MonthDay, &[m2, d2]);
    f.push(DayMonth, &[d2, m2]);
    f.push(Year, &[y4]);
    f
}

/// The first (most specific) form of `date` found in `hay`.
pub fn find(date: NaiveDate, hay: &[u8]) -> Option<DateForm> {
    if hay.len() < MIN_FORM_LEN {
        return None;
    }
    let f = build(date);
    f.items[..f.n].iter().find_map(|(b, l, kind)| {
        let needle = &b[..*l];
        (hay.len() >= *l && hay.windows(*l).any(|w| w == needle)).then_some(*kind)
    })
}
