//! The error type shared by every customer-field validator.

use chrono::NaiveDate;

use crate::era::Era;

/// Which customer-master field an error is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    BirthDate,
    Phone,
    Email,
    Name,
    Code,
}

/// Why a customer field was rejected. Rendered by the message catalog
/// (`messages::customer::describe_field_error`).
///
/// `position` is a 1-based character position in the trimmed input; `ch` is
/// the offending character exactly as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldError {
    /// Nothing left after trimming.
    Empty { field: Field },
    /// Longer than allowed, in characters.
    TooLong {
        field: Field,
        max: usize,
        actual: usize,
    },

    /// Not one of the accepted birth-date forms; `input` is the trimmed input.
    DateUnrecognized { input: String },
    /// The numbers do not form a calendar date (2023-02-29, month 13, day 0).
    /// `year` is the era year when `era` is set, else the Gregorian year.
    DateImpossible {
        era: Option<Era>,
        year: u32,
        month: u32,
        day: u32,
    },
    /// A real calendar date, but not within the named era
    /// (平成31年5月1日, 令和元年4月30日).
    DateOutsideEra {
        era: Era,
        era_year: u32,
        month: u32,
        day: u32,
        /// The date the input would be in the Gregorian calendar.
        gregorian: NaiveDate,
        first_day: NaiveDate,
        /// `None` for the current era.
        last_day: Option<NaiveDate>,
    },
    /// After `today`.
    DateInFuture { date: NaiveDate, today: NaiveDate },
    /// Before [`super::EARLIEST_BIRTH_DATE`].
    DateTooEarly {
        date: NaiveDate,
        earliest: NaiveDate,
    },

    /// A character other than digits, `-`, `(`, `)`, spaces and a leading `+`.
    PhoneInvalidChar { ch: char, position: usize },
    /// Not 10 or 11 digits (counted after converting `+81` to `0`).
    PhoneLength { digits: usize },
    /// Does not start with 0 (and has no `+81`).
    PhoneNoLeadingZero,
    /// An international number for a country other than Japan (+81).
    /// `code` holds the digits after `+` up to the first separator, at most 3.
    PhoneForeignCountry { code: String },

    /// A full-width (IME) character such as `＠`, `．`, `ａ`, a kana or a kanji,
    /// or the ideographic space inside the address. `ascii` is the half-width
    /// character it stands for, when there is one.
    EmailFullWidth {
        ch: char,
        position: usize,
        ascii: Option<char>,
    },
    /// Not exactly one `@`.
    EmailAtCount { count: usize },
    /// Nothing before the `@`.
    EmailLocalEmpty,
    /// Part before `@` longer than [`super::EMAIL_LOCAL_MAX_LEN`].
    EmailLocalTooLong { len: usize, max: usize },
    /// A character not allowed before the `@` (space, `"`, `,`, `;`, `<`, `>`,
    /// control or non-ASCII).
    EmailLocalInvalidChar { ch: char, position: usize },
    /// Part before `@` starts or ends with `.`, or contains `..`.
    EmailLocalDots,
    /// Nothing after the `@`.
    EmailDomainMissing,
    /// A domain character other than ASCII letters, digits, `-`, `.`.
    EmailDomainInvalidChar { ch: char, position: usize },
    /// The domain has no `.`.
    EmailDomainNoDot,
    /// A domain label (between dots) is empty, longer than 63 characters,
    /// or starts or ends with `-`. `label` is the label as typed.
    EmailDomainBadLabel { label: String },
    /// The last domain label is all digits.
    EmailTldNumeric { tld: String },

    /// A control character (C0, DEL, C1) inside a name.
    NameControlChar { ch: char, position: usize },

    /// A customer-code character other than ASCII letters and digits.
    CodeInvalidChar { ch: char, position: usize },
}

impl FieldError {
    /// The field this error is about.
    pub fn field(&self) -> Field {
        use FieldError::*;
        match self {
            Empty { field } | TooLong { field, .. } => *field,
            DateUnrecognized { .. }
            | DateImpossible { .. }
            | DateOutsideEra { .. }
            | DateInFuture { .. }
            | DateTooEarly { .. } => Field::BirthDate,
            PhoneInvalidChar { .. }
            | PhoneLength { .. }
            | PhoneNoLeadingZero
            | PhoneForeignCountry { .. } => Field::Phone,
            EmailFullWidth { .. }
            | EmailAtCount { .. }
            | EmailLocalEmpty
            | EmailLocalTooLong { .. }
            | EmailLocalInvalidChar { .. }
            | EmailLocalDots
            | EmailDomainMissing
            | EmailDomainInvalidChar { .. }
            | EmailDomainNoDot
            | EmailDomainBadLabel { .. }
            | EmailTldNumeric { .. } => Field::Email,
            NameControlChar { .. } => Field::Name,
            CodeInvalidChar { .. } => Field::Code,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_of_each_group() {
        let d = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap();
        let cases = [
            (
                FieldError::Empty {
                    field: Field::Phone,
                },
                Field::Phone,
            ),
            (
                FieldError::TooLong {
                    field: Field::Name,
                    max: 200,
                    actual: 201,
                },
                Field::Name,
            ),
            (
                FieldError::DateInFuture { date: d, today: d },
                Field::BirthDate,
            ),
            (FieldError::PhoneNoLeadingZero, Field::Phone),
            (FieldError::EmailLocalDots, Field::Email),
            (
                FieldError::NameControlChar {
                    ch: '\u{1b}',
                    position: 1,
                },
                Field::Name,
            ),
            (
                FieldError::CodeInvalidChar {
                    ch: '-',
                    position: 2,
                },
                Field::Code,
            ),
        ];
        for (e, f) in cases {
            assert_eq!(e.field(), f, "{e:?}");
        }
    }
}
