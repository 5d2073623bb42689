//! English and Japanese messages for [`FieldError`], to be absorbed by the
//! main message catalog. User input is never echoed raw: characters and
//! strings are escaped so control characters cannot reach the terminal.

use chrono::NaiveDate;

use crate::customer::{Field, FieldError};

/// A message saying what is wrong with the field and how to fix it.
pub fn describe_field_error(e: &FieldError, ja: bool) -> String {
    use FieldError::*;
    let f = field_name(e.field(), ja);
    match e {
        Empty { .. } if ja => format!("{f}が入力されていません。{f}を入力してください。"),
        Empty { .. } => format!("The {f} is empty. Please enter the {f}."),
        TooLong { max, actual, .. } if ja => {
            format!("{f}が長すぎます（{actual}文字）。{max}文字以内で入力してください。")
        }
        TooLong { max, actual, .. } => format!(
            "The {f} is too long ({actual} characters). Use at most {max} characters."
        ),

        DateUnrecognized { input } if ja => format!(
            "生年月日「{}」の形式を認識できません。1980-01-15、1980/1/15、19800115、S55.1.15、昭和55年1月15日 のいずれかの形式で入力してください。",
            show_str(input)
        ),
        DateUnrecognized { input } => format!(
            "The birth date \"{}\" is not in a recognised format. Use e.g. 1980-01-15, 1980/1/15, 19800115, S55.1.15 or 昭和55年1月15日.",
            show_str(input)
        ),
        DateImpossible { era, year, month, day } if ja => format!(
            "{}年{month}月{day}日 は存在しない日付です。月（1～12）と日（その月の日数以内）を確認してください。",
            era.map_or(String::new(), |e| e.kanji().to_owned()) + &year.to_string()
        ),
        DateImpossible { era, year, month, day } => format!(
            "{} is not a real date. Check the month (1-12) and the day (within that month's length).",
            era.map_or(format!("{year}-{month:02}-{day:02}"), |e| format!(
                "{} {year}.{month}.{day}",
                e.romaji()
            ))
        ),
        DateOutsideEra { era, era_year, month, day, gregorian, first_day, last_day } if ja => {
            let range = match last_day {
                Some(last) => format!("{}～{}", ja_date(*first_day), ja_date(*last)),
                None => format!("{}以降", ja_date(*first_day)),
            };
            format!(
                "{}{}年{month}月{day}日（西暦{}）は{}の期間外です。{}は {range} です。元号を確認するか、西暦で入力してください。",
                era.kanji(),
                if *era_year == 1 { "元".to_owned() } else { era_year.to_string() },
                ja_date(*gregorian),
                era.kanji(),
                era.kanji()
            )
        }
        DateOutsideEra { era, era_year, month, day, gregorian, first_day, last_day } => {
            let range = match last_day {
                Some(last) => format!("from {first_day} to {last}"),
                None => format!("from {first_day}"),
            };
            format!(
                "{} {era_year}.{month}.{day} ({gregorian}) is outside the {} era, which runs {range}. Check the era, or enter the date in the Western calendar.",
                era.romaji(),
                era.romaji()
            )
        }
        DateInFuture { date, today } if ja => format!(
            "生年月日 {} は未来の日付です（本日 {}）。正しい生年月日を入力してください。",
            ja_date(*date),
            ja_date(*today)
        ),
        DateInFuture { date, today } => format!(
            "The birth date {date} is in the future (today is {today}). Enter the correct birth date."
        ),
        DateTooEarly { date, earliest } if ja => format!(
            "生年月日 {} は {} より前のため受け付けられません。年を確認してください。",
            ja_date(*date),
            ja_date(*earliest)
        ),
        DateTooEarly { date, earliest } => format!(
            "The birth date {date} is before {earliest} and cannot be right. Check the year."
        ),

        PhoneInvalidChar { ch, position } if ja => format!(
            "電話番号の{position}文字目に使えない文字 {} があります。数字とハイフン・括弧・空白、先頭の +81 だけが使えます。",
            show_char(*ch)
        ),
        PhoneInvalidChar { ch, position } => format!(
            "The phone number has an invalid character {} at position {position}. Use only digits, hyphens, parentheses, spaces and a leading +81.",
            show_char(*ch)
        ),
        PhoneLength { digits } if ja => format!(
            "電話番号の桁数が{digits}桁です。市外局番から10桁または11桁で入力してください（例: 03-1234-5678、090-1234-5678）。"
        ),
        PhoneLength { digits } => format!(
            "The phone number has {digits} digits. Enter all 10 or 11 digits including the area code (e.g. 03-1234-5678, 090-1234-5678)."
        ),
        PhoneNoLeadingZero if ja => "電話番号は0から始まる必要があります。市外局番の0から入力してください（例: 090-1234-5678）。".to_owned(),
        PhoneNoLeadingZero => "The phone number must start with 0. Enter it with the leading 0 of the area code (e.g. 090-1234-5678).".to_owned(),
        PhoneForeignCountry { code } if ja => format!(
            "国番号 +{code} の電話番号は登録できません。日本の電話番号（0から始まる、または +81）を入力してください。"
        ),
        PhoneForeignCountry { code } => format!(
            "Phone numbers with country code +{code} are not accepted. Enter a Japanese number (starting with 0 or +81)."
        ),

        EmailFullWidth { ch, position, ascii } if ja => format!(
            "メールアドレスの{position}文字目に全角文字 {} があります。{}半角英数字で入力してください。",
            show_char(*ch),
            ascii.map_or(String::new(), |a| format!("半角の {} に置き換えるなど、", show_char(a)))
        ),
        EmailFullWidth { ch, position, ascii } => format!(
            "The e-mail address has a full-width character {} at position {position}. {}Type the address in half-width (ASCII) characters.",
            show_char(*ch),
            ascii.map_or(String::new(), |a| format!("Replace it with {}. ", show_char(a)))
        ),
        EmailAtCount { count } if ja => format!(
            "メールアドレスには @ がちょうど1つ必要です（{count}個あります）。「名前@ドメイン」の形で入力してください。"
        ),
        EmailAtCount { count } => format!(
            "An e-mail address needs exactly one @ (found {count}). Enter it as name@domain."
        ),
        EmailLocalEmpty if ja => "メールアドレスの @ の前が空です。@ の前のユーザー名を入力してください。".to_owned(),
        EmailLocalEmpty => "Nothing comes before the @ in the e-mail address. Enter the user name before the @.".to_owned(),
        EmailLocalTooLong { len, max } if ja => format!(
            "メールアドレスの @ より前が長すぎます（{len}文字）。{max}文字以内にしてください。"
        ),
        EmailLocalTooLong { len, max } => format!(
            "The part before the @ is too long ({len} characters). It can have at most {max}."
        ),
        EmailLocalInvalidChar { ch, position } if ja => format!(
            "メールアドレスの{position}文字目 {} は @ の前に使えません。空白や \" , ; < > 、制御文字を取り除いてください。",
            show_char(*ch)
        ),
        EmailLocalInvalidChar { ch, position } => format!(
            "The character {} at position {position} is not allowed before the @. Remove spaces, \" , ; < > and control characters.",
            show_char(*ch)
        ),
        EmailLocalDots if ja => "メールアドレスの @ の前は、ドットで始まったり終わったり、ドットが2つ続いたりしてはいけません。アドレスを確認してください。".to_owned(),
        EmailLocalDots => "The part before the @ must not start or end with a dot or contain two dots in a row. Check the address.".to_owned(),
        EmailDomainMissing if ja => "メールアドレスの @ の後ろ（ドメイン）がありません。example.co.jp のようなドメインを入力してください。".to_owned(),
        EmailDomainMissing => "The e-mail address has no domain after the @. Enter a domain such as example.co.jp.".to_owned(),
        EmailDomainInvalidChar { ch, position } if ja => format!(
            "メールアドレスの{position}文字目 {} はドメインに使えません。ドメインには半角英数字、ハイフン、ドットのみ使えます。",
            show_char(*ch)
        ),
        EmailDomainInvalidChar { ch, position } => format!(
            "The character {} at position {position} is not allowed in the domain. Use only letters, digits, hyphens and dots.",
            show_char(*ch)
        ),
        EmailDomainNoDot if ja => "メールアドレスのドメインにドットがありません。example.co.jp のように入力してください。".to_owned(),
        EmailDomainNoDot => "The domain of the e-mail address has no dot. Enter a full domain such as example.co.jp.".to_owned(),
        EmailDomainBadLabel { label } if ja => format!(
            "メールアドレスのドメインの区切り「{}」が不正です。ドット同士の間は空にせず、63文字以内で、ハイフンで始めたり終えたりしないでください。",
            show_str(label)
        ),
        EmailDomainBadLabel { label } => format!(
            "The domain part \"{}\" is invalid. Each part between dots must be non-empty, at most 63 characters, and not start or end with a hyphen.",
            show_str(label)
        ),
        EmailTldNumeric { tld } if ja => format!(
            "メールアドレスのドメイン末尾「{}」が数字だけです。.jp や .com などで終わるドメインを入力してください。",
            show_str(tld)
        ),
        EmailTldNumeric { tld } => format!(
            "The domain ends in \"{}\", which is all digits. Enter a domain ending in a name such as .jp or .com.",
            show_str(tld)
        ),

        NameControlChar { ch, position } if ja => format!(
            "氏名の{position}文字目に制御文字 {} が含まれています。取り除いてから入力し直してください。",
            show_char(*ch)
        ),
        NameControlChar { ch, position } => format!(
            "The name contains a control character {} at position {position}. Remove it and enter the name again.",
            show_char(*ch)
        ),

        CodeInvalidChar { ch, position } if ja => format!(
            "顧客コードの{position}文字目 {} は使えません。顧客コードは半角英数字（1～16文字）です。",
            show_char(*ch)
        ),
        CodeInvalidChar { ch, position } => format!(
            "The customer code has an invalid character {} at position {position}. Use 1-16 ASCII letters and digits.",
            show_char(*ch)
        ),
    }
}

fn field_name(f: Field, ja: bool) -> &'static str {
    match (f, ja) {
        (Field::BirthDate, false) => "birth date",
        (Field::BirthDate, true) => "生年月日",
        (Field::Phone, false) => "phone number",
        (Field::Phone, true) => "電話番号",
        (Field::Email, false) => "e-mail address",
        (Field::Email, true) => "メールアドレス",
        (Field::Name, false) => "name",
        (Field::Name, true) => "氏名",
        (Field::Code, false) => "customer code",
        (Field::Code, true) => "顧客コード",
    }
}

fn ja_date(d: NaiveDate) -> String {
    d.format("%Y年%-m月%-d日").to_string()
}

/// Characters that must not be echoed as they are: controls, spaces other
/// than U+0020, and invisible or combining characters.
fn invisible(c: char) -> bool {
    c.is_control()
        || (c.is_whitespace() && c != ' ')
        || (!matches!(c, '"' | '\'' | '\\') && c.escape_debug().count() > 1)
}

/// `'a' (U+0061)`, or just `U+001B` for a space or an invisible character.
fn show_char(c: char) -> String {
    if c == ' ' || invisible(c) {
        format!("U+{:04X}", c as u32)
    } else {
        format!("'{c}' (U+{:04X})", c as u32)
    }
}

/// The string with invisible characters escaped as `\u{1b}`.
fn show_str(s: &str) -> String {
    s.chars()
        .map(|c| {
            if invisible(c) {
                format!("\\u{{{:x}}}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Why a CSV row or header was refused.
pub fn import_problem(p: &crate::customer::import::Problem) -> String {
    use crate::customer::import::Problem;
    match p {
        Problem::Field(e) => describe_field_error(e, super::is_ja()),
        Problem::MissingColumn(c) => tr!(
            "the required column {c} is missing from the header",
            "必須の列 {c} がヘッダーにありません"
        ),
        Problem::UnknownColumn(c) => {
            let c = crate::sanitize::sanitize(c);
            let known = crate::customer::import::COLUMNS.join(", ");
            tr!(
                "unknown column {c:?}; the columns are: {known}",
                "不明な列 {c:?} があります。使える列: {known}"
            )
        }
        Problem::DuplicateColumn(c) => tr!(
            "the column {c} appears twice in the header",
            "列 {c} がヘッダーに2回あります"
        ),
        Problem::MissingValue(c) => tr!("{c} is required but empty", "{c} は必須ですが空です"),
        Problem::DuplicateCode { first_line } => tr!(
            "duplicate customer code (first seen on line {first_line})",
            "お客様コードが重複しています（{first_line} 行目と同じ）"
        ),
        Problem::UnknownHashFormat => tr!(
            "unrecognised login_hash format; expected a PHC string ($argon2id$, $pbkdf2-sha256$, $scrypt$), bcrypt ($2b$), SHA-crypt ($5$, $6$) or a hex MD5/SHA-1/SHA-256 digest",
            "login_hash の形式を認識できません。PHC 形式（$argon2id$、$pbkdf2-sha256$、$scrypt$）、bcrypt（$2b$）、SHA-crypt（$5$、$6$）、16進の MD5/SHA-1/SHA-256 のいずれかにしてください"
        ),
        Problem::HashTooCostly(e) => hash_too_costly(e),
        Problem::NotUtf8 => tr!(
            "the file is not valid UTF-8; if it came from Excel or the core system in Shift_JIS, run again with --encoding sjis",
            "ファイルが UTF-8 ではありません。Excel や基幹システムの Shift_JIS の場合は --encoding sjis を付けて再実行してください"
        ),
        Problem::BadEncoding => tr!(
            "bytes that are not valid Shift_JIS; check the file's encoding",
            "Shift_JIS として不正なバイトがあります。ファイルの文字コードを確認してください"
        ),
        Problem::RecordTooLong { max } => tr!(
            "a row longer than {max} bytes (not a customer row: a binary file, or a quote that is never closed?); reading stopped here",
            "{max} バイトを超える行があります（バイナリファイルか、閉じていない引用符では？）。ここで読み込みを止めました"
        ),
        Problem::FieldTooLong { max } => tr!(
            "a value longer than {max} bytes; no customer field is that long",
            "{max} バイトを超える値があります。そのように長い項目はありません"
        ),
        Problem::Malformed(what) => {
            let what = crate::sanitize::sanitize(what);
            tr!(
                "broken CSV structure ({what}); check quoting and the number of fields",
                "CSV の構造が壊れています（{what}）。引用符と項目数を確認してください"
            )
        }
    }
}

/// A stored hash whose cost no real system uses: which parameter, its
/// value and the limit.
fn hash_too_costly(e: &crate::secret::CostExcess) -> String {
    use crate::secret::CostParam;
    let format = e.kind.id();
    let (v, l) = (e.value, e.limit);
    let mib = |b: u64| b.div_ceil(1024 * 1024);
    let (what, limit) = match e.param {
        CostParam::BcryptCost => (tr!("cost {v}", "コスト {v}"), l.to_string()),
        CostParam::Pbkdf2Rounds => (
            tr!("{v} iterations", "反復 {v} 回"),
            tr!("{l} iterations", "{l} 回"),
        ),
        CostParam::ShaCryptRounds => (format!("rounds={v}"), l.to_string()),
        CostParam::ScryptLogN => (format!("N=2^{v}"), format!("2^{l}")),
        CostParam::ScryptMemory => {
            let (v, l) = (mib(v), mib(l));
            (
                tr!("{v} MiB of memory (128*r*N)", "メモリ {v} MiB（128*r*N）"),
                format!("{l} MiB"),
            )
        }
        CostParam::ScryptWork => (format!("r*N*p={v}"), l.to_string()),
        CostParam::Argon2Memory => (format!("m={v} KiB"), format!("{l} KiB")),
        CostParam::Argon2Passes => (format!("t={v}"), l.to_string()),
        CostParam::Argon2Lanes => (format!("p={v}"), l.to_string()),
    };
    tr!(
        "the {format} hash has {what}, above the limit of {limit}: no real system uses such a setting, and every check of it would take minutes; check the value exported from the legacy system",
        "{format} ハッシュの {what} は上限 {limit} を超えています。実際のシステムで使われる設定ではなく、照合のたびに数分かかります。旧システムから出力した値を確認してください"
    )
}

pub fn bad_email_arg(kind: &str, e: &FieldError) -> String {
    let why = describe_field_error(e, super::is_ja());
    tr!("--{kind}: {why}", "--{kind}: {why}")
}

pub fn email_changed(code: &str, kind: &str, masked: &str) -> String {
    let code = crate::sanitize::sanitize(code);
    tr!(
        "customer {code}: {kind} address changed to {masked}; the email_changed notice is queued to the old and the new address",
        "お客様 {code}: {kind} アドレスを {masked} に変更しました。変更通知を新旧両方のアドレスに送信予定です"
    )
}

/// The change `set-email` is about to make, shown before it asks.
pub fn email_change_line(
    code: &str,
    name: &str,
    kind: &str,
    old: Option<&str>,
    new: &str,
) -> String {
    let (code, name) = (
        crate::sanitize::sanitize(code),
        crate::sanitize::sanitize(name),
    );
    let old = old.map(crate::sanitize::sanitize);
    match old {
        Some(old) => tr!(
            "customer {code} ({name}): {kind} address {old} → {new}",
            "お客様 {code}（{name}）: {kind} アドレス {old} → {new}"
        ),
        None => tr!(
            "customer {code} ({name}): {kind} address (none) → {new}",
            "お客様 {code}（{name}）: {kind} アドレス （未登録） → {new}"
        ),
    }
}

pub fn confirm_set_email(code: &str, kind: &str) -> String {
    let code = crate::sanitize::sanitize(code);
    tr!(
        "change the registered {kind} address of customer {code}",
        "お客様 {code} の登録 {kind} アドレスの変更"
    )
}

pub fn email_unchanged(code: &str, kind: &str) -> String {
    let code = crate::sanitize::sanitize(code);
    tr!(
        "customer {code}: the {kind} address is already that; nothing changed",
        "お客様 {code}: {kind} アドレスは既にその値です。変更はありません"
    )
}

pub fn no_environment(code: &str, id: i64) -> String {
    let code = crate::sanitize::sanitize(code);
    tr!(
        "customer {code} has no known environment {id}; see `acctsec customer environments {code}` for the ids",
        "お客様 {code} に ID {id} の既知の環境はありません。ID は `acctsec customer environments {code}` で確認してください"
    )
}

pub fn environments_forgotten(code: &str, n: u64) -> String {
    let code = crate::sanitize::sanitize(code);
    tr!(
        "customer {code}: forgot {n} known login environment(s); the next login from any of them is reported as new",
        "お客様 {code}: 既知のログイン環境を {n} 件削除しました。次回これらの環境からログインすると新しい環境として通知します"
    )
}

pub fn no_environments(code: &str) -> String {
    let code = crate::sanitize::sanitize(code);
    tr!(
        "customer {code} has no known login environment",
        "お客様 {code} には既知のログイン環境がありません"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::era::Era;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// One sample of every variant. The `match` in `variant_index` has no
    /// wildcard, so adding a variant fails to compile until it is covered here.
    fn samples() -> Vec<FieldError> {
        use FieldError::*;
        vec![
            Empty {
                field: Field::Phone,
            },
            TooLong {
                field: Field::Name,
                max: 200,
                actual: 201,
            },
            DateUnrecognized {
                input: "19\u{1b}[2J80".to_owned(),
            },
            DateImpossible {
                era: None,
                year: 2023,
                month: 2,
                day: 29,
            },
            DateImpossible {
                era: Some(Era::Heisei),
                year: 2,
                month: 2,
                day: 29,
            },
            DateOutsideEra {
                era: Era::Heisei,
                era_year: 31,
                month: 5,
                day: 1,
                gregorian: d(2019, 5, 1),
                first_day: d(1989, 1, 8),
                last_day: Some(d(2019, 4, 30)),
            },
            DateOutsideEra {
                era: Era::Reiwa,
                era_year: 1,
                month: 4,
                day: 30,
                gregorian: d(2019, 4, 30),
                first_day: d(2019, 5, 1),
                last_day: None,
            },
            DateInFuture {
                date: d(2030, 1, 1),
                today: d(2025, 6, 1),
            },
            DateTooEarly {
                date: d(1867, 12, 31),
                earliest: d(1868, 1, 1),
            },
            PhoneInvalidChar {
                ch: '\u{1b}',
                position: 4,
            },
            PhoneLength { digits: 9 },
            PhoneNoLeadingZero,
            PhoneForeignCountry {
                code: "44".to_owned(),
            },
            EmailFullWidth {
                ch: '＠',
                position: 5,
                ascii: Some('@'),
            },
            EmailFullWidth {
                ch: 'た',
                position: 1,
                ascii: None,
            },
            EmailAtCount { count: 0 },
            EmailLocalEmpty,
            EmailLocalTooLong { len: 65, max: 64 },
            EmailLocalInvalidChar {
                ch: ' ',
                position: 3,
            },
            EmailLocalDots,
            EmailDomainMissing,
            EmailDomainInvalidChar {
                ch: '_',
                position: 5,
            },
            EmailDomainNoDot,
            EmailDomainBadLabel {
                label: "-x".to_owned(),
            },
            EmailTldNumeric {
                tld: "1".to_owned(),
            },
            NameControlChar {
                ch: '\u{9b}',
                position: 3,
            },
            CodeInvalidChar {
                ch: '-',
                position: 2,
            },
        ]
    }

    fn variant_index(e: &FieldError) -> usize {
        use FieldError::*;
        match e {
            Empty { .. } => 0,
            TooLong { .. } => 1,
            DateUnrecognized { .. } => 2,
            DateImpossible { .. } => 3,
            DateOutsideEra { .. } => 4,
            DateInFuture { .. } => 5,
            DateTooEarly { .. } => 6,
            PhoneInvalidChar { .. } => 7,
            PhoneLength { .. } => 8,
            PhoneNoLeadingZero => 9,
            PhoneForeignCountry { .. } => 10,
            EmailFullWidth { .. } => 11,
            EmailAtCount { .. } => 12,
            EmailLocalEmpty => 13,
            EmailLocalTooLong { .. } => 14,
            EmailLocalInvalidChar { .. } => 15,
            EmailLocalDots => 16,
            EmailDomainMissing => 17,
            EmailDomainInvalidChar { .. } => 18,
            EmailDomainNoDot => 19,
            EmailDomainBadLabel { .. } => 20,
            EmailTldNumeric { .. } => 21,
            NameControlChar { .. } => 22,
            CodeInvalidChar { .. } => 23,
        }
    }

    #[test]
    fn every_variant_has_both_languages() {
        let samples = samples();
        let mut seen = [false; 24];
        for e in &samples {
            seen[variant_index(e)] = true;
            let en = describe_field_error(e, false);
            let ja = describe_field_error(e, true);
            assert!(en.len() > 20 && ja.len() > 20, "{e:?}");
            assert_ne!(en, ja, "{e:?}");
            assert!(en.ends_with('.'), "{en}");
            assert!(ja.ends_with('。'), "{ja}");
            assert!(
                ja.chars().any(|c| ('\u{3040}'..='\u{30FF}').contains(&c)),
                "{ja}"
            );
            for m in [&en, &ja] {
                assert!(!m.chars().any(char::is_control), "{m:?}");
            }
        }
        assert!(seen.iter().all(|&s| s), "{seen:?}");
    }

    #[test]
    fn messages_carry_the_data() {
        let e = FieldError::DateOutsideEra {
            era: Era::Heisei,
            era_year: 31,
            month: 5,
            day: 1,
            gregorian: d(2019, 5, 1),
            first_day: d(1989, 1, 8),
            last_day: Some(d(2019, 4, 30)),
        };
        let ja = describe_field_error(&e, true);
        assert!(ja.contains("平成31年5月1日"), "{ja}");
        assert!(ja.contains("1989年1月8日～2019年4月30日"), "{ja}");
        let en = describe_field_error(&e, false);
        assert!(en.contains("Heisei 31.5.1"), "{en}");
        assert!(en.contains("from 1989-01-08 to 2019-04-30"), "{en}");

        let e = FieldError::DateOutsideEra {
            era: Era::Reiwa,
            era_year: 1,
            month: 4,
            day: 30,
            gregorian: d(2019, 4, 30),
            first_day: d(2019, 5, 1),
            last_day: None,
        };
        assert!(describe_field_error(&e, true).contains("令和元年4月30日"));
        assert!(describe_field_error(&e, true).contains("2019年5月1日以降"));

        let e = FieldError::EmailFullWidth {
            ch: '＠',
            position: 5,
            ascii: Some('@'),
        };
        assert!(describe_field_error(&e, false).contains("'＠' (U+FF20) at position 5"));
        assert!(describe_field_error(&e, false).contains("Replace it with '@'"));
        assert!(describe_field_error(&e, true).contains("5文字目"));

        let e = FieldError::DateImpossible {
            era: None,
            year: 2023,
            month: 2,
            day: 29,
        };
        assert!(describe_field_error(&e, false).starts_with("2023-02-29 "));
        assert!(describe_field_error(&e, true).starts_with("2023年2月29日 "));

        let e = FieldError::PhoneForeignCountry {
            code: "44".to_owned(),
        };
        assert!(describe_field_error(&e, false).contains("+44"));
    }

    #[test]
    fn field_names() {
        for f in [
            Field::BirthDate,
            Field::Phone,
            Field::Email,
            Field::Name,
            Field::Code,
        ] {
            let e = FieldError::Empty { field: f };
            assert!(describe_field_error(&e, false).contains(field_name(f, false)));
            assert!(describe_field_error(&e, true).contains(field_name(f, true)));
        }
    }

    #[test]
    fn user_input_is_escaped() {
        assert_eq!(show_char('\u{1b}'), "U+001B");
        assert_eq!(show_char(' '), "U+0020");
        assert_eq!(show_char('\u{3000}'), "U+3000");
        assert_eq!(show_char('\u{200b}'), "U+200B");
        assert_eq!(show_char('a'), "'a' (U+0061)");
        assert_eq!(show_char('"'), "'\"' (U+0022)");
        assert_eq!(show_str("a\u{1b}[2Jb c"), "a\\u{1b}[2Jb c");
        assert_eq!(show_str("o'brien\t"), "o'brien\\u{9}");
        assert_eq!(show_str("昭和"), "昭和");
    }
}
