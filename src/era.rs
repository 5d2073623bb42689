//! The Japanese eras (元号) since the Meiji restoration, in one table: the
//! birth-date parser (`customer`) reads dates written in them, the
//! `birth_date` password rule (`policy`) looks for them in passwords.

use chrono::{Datelike, NaiveDate};

/// A Japanese era (元号) since the Meiji restoration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Era {
    Meiji,
    Taisho,
    Showa,
    Heisei,
    Reiwa,
}

/// One era: its names, the letter of abbreviations, the ligature, and its
/// first day. An era ends the day before the next one starts.
struct Row {
    romaji: &'static str,
    kanji: &'static str,
    letter: char,
    ligature: char,
    first_day: NaiveDate,
}

const fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Indexed by [`Era`], oldest first. Meiji 1 is taken as 1868 (from
/// 1868-10-23); pre-1873 Meiji dates are read as Gregorian, not lunar.
const TABLE: [Row; 5] = [
    Row {
        romaji: "Meiji",
        kanji: "明治",
        letter: 'M',
        ligature: '\u{337E}', // ㍾
        first_day: ymd(1868, 10, 23),
    },
    Row {
        romaji: "Taisho",
        kanji: "大正",
        letter: 'T',
        ligature: '\u{337D}', // ㍽
        first_day: ymd(1912, 7, 30),
    },
    Row {
        romaji: "Showa",
        kanji: "昭和",
        letter: 'S',
        ligature: '\u{337C}', // ㍼
        first_day: ymd(1926, 12, 25),
    },
    Row {
        romaji: "Heisei",
        kanji: "平成",
        letter: 'H',
        ligature: '\u{337B}', // ㍻
        first_day: ymd(1989, 1, 8),
    },
    Row {
        romaji: "Reiwa",
        kanji: "令和",
        letter: 'R',
        ligature: '\u{32FF}', // ㋿
        first_day: ymd(2019, 5, 1),
    },
];

impl Era {
    pub const ALL: [Era; 5] = [Era::Meiji, Era::Taisho, Era::Showa, Era::Heisei, Era::Reiwa];

    const fn row(self) -> &'static Row {
        &TABLE[self as usize]
    }

    /// First day of the era.
    pub const fn first_day(self) -> NaiveDate {
        self.row().first_day
    }

    /// Last day of the era (the day before the next one starts); `None` for
    /// the current era.
    pub fn last_day(self) -> Option<NaiveDate> {
        let next = Era::ALL.get(self as usize + 1)?;
        next.first_day().pred_opt()
    }

    /// Kanji name, e.g. `昭和`.
    pub const fn kanji(self) -> &'static str {
        self.row().kanji
    }

    /// Romanised name, e.g. `Showa`.
    pub const fn romaji(self) -> &'static str {
        self.row().romaji
    }

    /// Upper-case initial used in letter forms, e.g. `S`.
    pub const fn letter(self) -> char {
        self.row().letter
    }

    /// Single-character era ligature (㍾㍽㍼㍻㋿).
    pub const fn ligature(self) -> char {
        self.row().ligature
    }

    /// Gregorian year of `era_year` in this era (元年 = 1).
    pub fn gregorian_year(self, era_year: u32) -> i32 {
        self.first_day().year() + era_year as i32 - 1
    }

    /// Whether `date` falls within this era.
    pub fn contains(self, date: NaiveDate) -> bool {
        date >= self.first_day() && self.last_day().is_none_or(|last| date <= last)
    }

    /// The era `date` falls in; `None` before Meiji.
    pub fn of(date: NaiveDate) -> Option<Era> {
        Era::ALL.into_iter().rev().find(|e| date >= e.first_day())
    }

    /// The era year of `date` (元年 = 1), counted from this era's first year.
    pub fn year_of(self, date: NaiveDate) -> u32 {
        (date.year() - self.first_day().year() + 1) as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn era_table() {
        assert_eq!(Era::Meiji.last_day(), Some(ymd(1912, 7, 29)));
        assert_eq!(Era::Taisho.last_day(), Some(ymd(1926, 12, 24)));
        assert_eq!(Era::Showa.last_day(), Some(ymd(1989, 1, 7)));
        assert_eq!(Era::Heisei.last_day(), Some(ymd(2019, 4, 30)));
        assert_eq!(Era::Reiwa.last_day(), None);
        assert_eq!(Era::Showa.gregorian_year(55), 1980);
        assert_eq!(Era::Reiwa.gregorian_year(1), 2019);
        assert_eq!(Era::Meiji.gregorian_year(1), 1868);
        for era in Era::ALL {
            assert!(era.contains(era.first_day()));
            assert!(!era.contains(era.first_day().pred_opt().unwrap()));
            assert_eq!(era.kanji().chars().count(), 2);
            assert!(era.romaji().starts_with(era.letter()));
        }
    }

    #[test]
    fn the_table_is_in_order_and_without_gaps() {
        for (i, e) in Era::ALL.into_iter().enumerate() {
            assert_eq!(e as usize, i);
            if let Some(last) = e.last_day() {
                let next = Era::ALL[i + 1];
                assert_eq!(last.succ_opt(), Some(next.first_day()), "{e:?}");
                assert!(e.contains(last) && !next.contains(last), "{e:?}");
            }
            assert!(e.letter().is_ascii_uppercase());
            assert_eq!(Era::of(e.first_day()), Some(e));
        }
        assert_eq!(Era::Reiwa.last_day(), None);
        assert_eq!(Era::of(ymd(1868, 10, 22)), None);
    }

    #[test]
    fn era_years() {
        assert_eq!(Era::of(ymd(1980, 1, 15)), Some(Era::Showa));
        assert_eq!(Era::Showa.year_of(ymd(1980, 1, 15)), 55);
        assert_eq!(Era::of(ymd(2019, 4, 30)), Some(Era::Heisei));
        assert_eq!(Era::Heisei.year_of(ymd(2019, 4, 30)), 31);
        assert_eq!(Era::Reiwa.year_of(ymd(2019, 5, 1)), 1);
    }
}
