//! Birth dates: Gregorian (`1980-01-15`, `1980/1/15`, `19800115`, `1980年1月15日`)
//! and Japanese era dates (`S55.1.15`, `昭和55年1月15日`, `令和元年5月1日`, `㍼55.1.15`).

use chrono::NaiveDate;

use super::error::{Field, FieldError};
use super::text::fold_width;
use crate::era::Era;

/// Birth dates before this are rejected as implausible.
pub const EARLIEST_BIRTH_DATE: NaiveDate = ymd(1868, 1, 1);

const fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Parses a birth date typed by a person, and checks that it is plausible:
/// not after `today`, not before [`EARLIEST_BIRTH_DATE`], and for era dates
/// within the era.
///
/// Accepted (after trimming; full-width digits, letters and `／－．` too):
/// * `YYYY-MM-DD`, `YYYY/MM/DD`, `YYYY.MM.DD` (month/day 1 or 2 digits),
///   `YYYYMMDD`, `YYYY年M月D日`;
/// * era letter `M T S H R` (any case) + `Y.M.D` with `.`, `/` or `-`:
///   `S55.1.15`, `h2/3/4`;
/// * era name or ligature + `Y年M月D日` or `Y.M.D` / `Y/M/D` / `Y-M-D`:
///   `昭和55年1月15日`, `令和元年5月1日`, `昭和55.1.15`, `㍻2.3.4`.
///
/// The era year is 1-2 digits or `元` (= 1). Separators must not be mixed.
/// Spaces are tolerated after the era and around the `年月日` fields.
pub fn parse_birth_date(s: &str, today: NaiveDate) -> Result<NaiveDate, FieldError> {
    let input = s.trim();
    if input.is_empty() {
        return Err(FieldError::Empty {
            field: Field::BirthDate,
        });
    }
    let unrecognized = || FieldError::DateUnrecognized {
        input: input.to_owned(),
    };
    let folded: String = input.chars().map(fold_width).collect();
    let (era, rest) = split_era(&folded);
    let [y, m, d] = split_fields(rest, era.is_none()).ok_or_else(unrecognized)?;
    let (year, month, day) = match era {
        Some(_) if y == "元" => Some(1),
        Some(_) => number(y, 1, 2),
        None => number(y, 4, 4),
    }
    .zip(number(m, 1, 2))
    .zip(number(d, 1, 2))
    .map(|((y, m), d)| (y, m, d))
    .ok_or_else(unrecognized)?;

    let gregorian_year = era.map_or(year as i32, |e| e.gregorian_year(year));
    let date =
        NaiveDate::from_ymd_opt(gregorian_year, month, day).ok_or(FieldError::DateImpossible {
            era,
            year,
            month,
            day,
        })?;
    if let Some(era) = era.filter(|e| !e.contains(date)) {
        return Err(FieldError::DateOutsideEra {
            era,
            era_year: year,
            month,
            day,
            gregorian: date,
            first_day: era.first_day(),
            last_day: era.last_day(),
        });
    }
    if date < EARLIEST_BIRTH_DATE {
        return Err(FieldError::DateTooEarly {
            date,
            earliest: EARLIEST_BIRTH_DATE,
        });
    }
    if date > today {
        return Err(FieldError::DateInFuture { date, today });
    }
    Ok(date)
}

/// Splits a leading era marker (kanji name, ligature or letter) off `s`.
fn split_era(s: &str) -> (Option<Era>, &str) {
    for era in Era::ALL {
        if let Some(rest) = s
            .strip_prefix(era.kanji())
            .or_else(|| s.strip_prefix(era.ligature()))
        {
            return (Some(era), rest.trim_start());
        }
        if let Some(rest) = s
            .strip_prefix(era.letter())
            .or_else(|| s.strip_prefix(era.letter().to_ascii_lowercase()))
        {
            return (Some(era), rest);
        }
    }
    (None, s)
}

/// Splits `rest` into year, month and day strings: `Y年M月D日`, `Y?M?D` with a
/// single separator kind, or (when `compact`) 8 digits `YYYYMMDD`.
fn split_fields(rest: &str, compact: bool) -> Option<[&str; 3]> {
    if let Some((y, r)) = rest.split_once('年') {
        let (m, r) = r.split_once('月')?;
        let d = r.strip_suffix('日')?;
        return Some([y.trim(), m.trim(), d.trim()]);
    }
    for sep in ['-', '/', '.'] {
        let mut parts = rest.split(sep);
        if let (Some(y), Some(m), Some(d), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        {
            return Some([y, m, d]);
        }
    }
    (compact && rest.len() == 8 && rest.bytes().all(|b| b.is_ascii_digit()))
        .then(|| [&rest[..4], &rest[4..6], &rest[6..]])
}

/// Parses `min..=max` ASCII digits.
fn number(s: &str, min: usize, max: usize) -> Option<u32> {
    ((min..=max).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

#[cfg(test)]
mod tests {
    use chrono::Datelike;

    use super::*;

    const TODAY: NaiveDate = ymd(2025, 6, 1);

    fn ok(s: &str) -> NaiveDate {
        parse_birth_date(s, TODAY).unwrap_or_else(|e| panic!("{s}: {e:?}"))
    }

    fn err(s: &str) -> FieldError {
        parse_birth_date(s, TODAY).expect_err(s)
    }

    fn assert_outside(s: &str, era: Era) {
        match err(s) {
            FieldError::DateOutsideEra {
                era: e,
                first_day,
                last_day,
                ..
            } => {
                assert_eq!(e, era, "{s}");
                assert_eq!(first_day, era.first_day());
                assert_eq!(last_day, era.last_day());
            }
            other => panic!("{s}: {other:?}"),
        }
    }

    #[test]
    fn gregorian_forms() {
        let d = ymd(1980, 1, 15);
        for s in [
            "1980-01-15",
            "1980-1-15",
            "1980/01/15",
            "1980/1/15",
            "1980.1.15",
            "19800115",
            "1980年1月15日",
            "1980年01月15日",
            "  1980-01-15\t",
            "\u{3000}1980/1/15\u{3000}",
        ] {
            assert_eq!(ok(s), d, "{s}");
        }
    }

    #[test]
    fn full_width_input() {
        let d = ymd(1980, 1, 15);
        for s in [
            "１９８０－０１－１５",
            "１９８０／１／１５",
            "１９８０．１．１５",
            "１９８００１１５",
            "Ｓ５５．１．１５",
            "ｓ５５／１／１５",
            "昭和５５年１月１５日",
            "昭和５５．１．１５",
            "1980ー01ー15",
        ] {
            assert_eq!(ok(s), d, "{s}");
        }
    }

    #[test]
    fn letter_era_forms() {
        assert_eq!(ok("S55.1.15"), ymd(1980, 1, 15));
        assert_eq!(ok("s55.01.15"), ymd(1980, 1, 15));
        assert_eq!(ok("S55/1/15"), ymd(1980, 1, 15));
        assert_eq!(ok("S55-1-15"), ymd(1980, 1, 15));
        assert_eq!(ok("H2/3/4"), ymd(1990, 3, 4));
        assert_eq!(ok("h02.03.04"), ymd(1990, 3, 4));
        assert_eq!(ok("R1-5-1"), ymd(2019, 5, 1));
        assert_eq!(ok("r01.05.01"), ymd(2019, 5, 1));
        assert_eq!(ok("T10.4.1"), ymd(1921, 4, 1));
        assert_eq!(ok("M40.1.1"), ymd(1907, 1, 1));
        assert_eq!(ok("m40.1.1"), ymd(1907, 1, 1));
    }

    #[test]
    fn kanji_era_forms() {
        assert_eq!(ok("昭和55年1月15日"), ymd(1980, 1, 15));
        assert_eq!(ok("平成3年12月1日"), ymd(1991, 12, 1));
        assert_eq!(ok("大正10年4月1日"), ymd(1921, 4, 1));
        assert_eq!(ok("明治40年1月1日"), ymd(1907, 1, 1));
        assert_eq!(ok("昭和55.1.15"), ymd(1980, 1, 15));
        assert_eq!(ok("昭和55/1/15"), ymd(1980, 1, 15));
        assert_eq!(ok("昭和 55年 1月 15日"), ymd(1980, 1, 15));
        assert_eq!(ok("㍼55.1.15"), ymd(1980, 1, 15));
        assert_eq!(ok("㍻3年12月1日"), ymd(1991, 12, 1));
    }

    #[test]
    fn gannen_kanji_and_digits() {
        let d = ymd(2019, 5, 1);
        for s in [
            "令和元年5月1日",
            "令和1年5月1日",
            "令和01年05月01日",
            "令和元.5.1",
            "R元.5.1",
            "㋿元年5月1日",
        ] {
            assert_eq!(ok(s), d, "{s}");
        }
        assert_eq!(ok("平成元年1月8日"), ymd(1989, 1, 8));
        assert_eq!(ok("平成1年1月8日"), ymd(1989, 1, 8));
        assert_eq!(ok("昭和元年12月25日"), ymd(1926, 12, 25));
        assert_eq!(ok("大正元年7月30日"), ymd(1912, 7, 30));
        assert_eq!(ok("明治元年10月23日"), ymd(1868, 10, 23));
    }

    #[test]
    fn era_boundaries_both_sides() {
        // Meiji -> Taisho (1912-07-30)
        assert_eq!(ok("明治45年7月29日"), ymd(1912, 7, 29));
        assert_outside("明治45年7月30日", Era::Meiji);
        assert_eq!(ok("大正元年7月30日"), ymd(1912, 7, 30));
        assert_outside("大正元年7月29日", Era::Taisho);
        // Taisho -> Showa (1926-12-25)
        assert_eq!(ok("大正15年12月24日"), ymd(1926, 12, 24));
        assert_outside("大正15年12月25日", Era::Taisho);
        assert_eq!(ok("昭和元年12月25日"), ymd(1926, 12, 25));
        assert_outside("昭和元年12月24日", Era::Showa);
        // Showa -> Heisei (1989-01-08)
        assert_eq!(ok("昭和64年1月7日"), ymd(1989, 1, 7));
        assert_outside("昭和64年1月8日", Era::Showa);
        assert_eq!(ok("平成元年1月8日"), ymd(1989, 1, 8));
        assert_outside("平成元年1月7日", Era::Heisei);
        // Heisei -> Reiwa (2019-05-01)
        assert_eq!(ok("平成31年4月30日"), ymd(2019, 4, 30));
        assert_outside("平成31年5月1日", Era::Heisei);
        assert_eq!(ok("令和元年5月1日"), ymd(2019, 5, 1));
        assert_outside("令和元年4月30日", Era::Reiwa);
        // Meiji start (1868-10-23)
        assert_eq!(ok("明治元年10月23日"), ymd(1868, 10, 23));
        assert_outside("明治元年10月22日", Era::Meiji);
        // Letter forms use the same boundaries.
        assert_eq!(ok("S64.1.7"), ymd(1989, 1, 7));
        assert_outside("S64.1.8", Era::Showa);
        assert_outside("H31.5.1", Era::Heisei);
        assert_outside("R1.4.30", Era::Reiwa);
        assert_outside("T15.12.25", Era::Taisho);
    }

    #[test]
    fn era_year_out_of_range() {
        assert_outside("昭和0年1月1日", Era::Showa);
        assert_outside("昭和65年1月1日", Era::Showa);
        assert_outside("平成40年1月1日", Era::Heisei);
        assert_outside("M46.1.1", Era::Meiji);
    }

    #[test]
    fn outside_era_carries_data() {
        assert_eq!(
            err("平成31年5月1日"),
            FieldError::DateOutsideEra {
                era: Era::Heisei,
                era_year: 31,
                month: 5,
                day: 1,
                gregorian: ymd(2019, 5, 1),
                first_day: ymd(1989, 1, 8),
                last_day: Some(ymd(2019, 4, 30)),
            }
        );
    }

    #[test]
    fn impossible_dates() {
        assert_eq!(
            err("2023-02-29"),
            FieldError::DateImpossible {
                era: None,
                year: 2023,
                month: 2,
                day: 29,
            }
        );
        assert_eq!(ok("2024-02-29"), ymd(2024, 2, 29));
        assert!(matches!(
            err("1980-13-01"),
            FieldError::DateImpossible { month: 13, .. }
        ));
        assert!(matches!(
            err("1980-00-10"),
            FieldError::DateImpossible { month: 0, .. }
        ));
        assert!(matches!(
            err("1980-04-31"),
            FieldError::DateImpossible { day: 31, .. }
        ));
        assert!(matches!(
            err("19800132"),
            FieldError::DateImpossible { day: 32, .. }
        ));
        assert_eq!(
            err("平成2年2月29日"),
            FieldError::DateImpossible {
                era: Some(Era::Heisei),
                year: 2,
                month: 2,
                day: 29,
            }
        );
        assert!(matches!(
            err("S55.13.1"),
            FieldError::DateImpossible {
                era: Some(Era::Showa),
                ..
            }
        ));
    }

    #[test]
    fn future_and_too_early() {
        assert_eq!(ok("2025-06-01"), TODAY);
        assert_eq!(
            err("2025-06-02"),
            FieldError::DateInFuture {
                date: ymd(2025, 6, 2),
                today: TODAY,
            }
        );
        assert!(matches!(
            err("令和10年1月1日"),
            FieldError::DateInFuture { .. }
        ));
        assert_eq!(ok("1868-01-01"), EARLIEST_BIRTH_DATE);
        assert_eq!(
            err("1867-12-31"),
            FieldError::DateTooEarly {
                date: ymd(1867, 12, 31),
                earliest: EARLIEST_BIRTH_DATE,
            }
        );
        assert!(matches!(err("0001-01-01"), FieldError::DateTooEarly { .. }));
    }

    #[test]
    fn unrecognized_forms() {
        for s in [
            "abc",
            "1980",
            "1980-01",
            "1980-01-15-01",
            "1980/01-15",
            "80-01-15",
            "01-15-1980",
            "1980-001-15",
            "198001150",
            "1980011",
            "S550115",
            "S.55.1.15",
            "X55.1.15",
            "S123.1.1",
            "昭和55年1月15",
            "昭和55年1月",
            "昭和五十五年一月十五日",
            "1980-01-15 10:00",
            "元年5月1日",
            "1980-+1-15",
            "Sat 1980-01-15",
        ] {
            assert_eq!(
                err(s),
                FieldError::DateUnrecognized {
                    input: s.trim().to_owned()
                },
                "{s}"
            );
        }
    }

    #[test]
    fn unrecognized_keeps_input_as_typed() {
        assert_eq!(
            err(" １９８０ "),
            FieldError::DateUnrecognized {
                input: "１９８０".to_owned()
            }
        );
    }

    #[test]
    fn empty() {
        for s in ["", "   ", "\u{3000}"] {
            assert_eq!(
                err(s),
                FieldError::Empty {
                    field: Field::BirthDate
                }
            );
        }
    }

    /// Every day from the start of Meiji to `TODAY`, in each accepted form.
    #[test]
    fn round_trip_every_day() {
        let mut date = Era::Meiji.first_day();
        while date <= TODAY {
            let era = Era::ALL
                .into_iter()
                .rev()
                .find(|e| e.contains(date))
                .unwrap();
            let ey = (date.year() - era.first_day().year() + 1) as u32;
            let (y, m, d) = (date.year(), date.month(), date.day());
            let gannen = if ey == 1 {
                "元".to_owned()
            } else {
                ey.to_string()
            };
            for s in [
                format!("{y}-{m:02}-{d:02}"),
                format!("{y}/{m}/{d}"),
                format!("{y}{m:02}{d:02}"),
                format!("{}{ey}.{m}.{d}", era.letter()),
                format!("{}{ey:02}/{m:02}/{d:02}", era.letter().to_ascii_lowercase()),
                format!("{}{gannen}年{m}月{d}日", era.kanji()),
            ] {
                assert_eq!(parse_birth_date(&s, TODAY), Ok(date), "{s}");
            }
            date = date.succ_opt().unwrap();
        }
    }
}
