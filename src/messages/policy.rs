//! Every user-facing text of the policy module, in English and Japanese.
//! Messages say what is wrong and how to fix it; they never quote a password.

use std::fmt;

use crate::policy::{
    Charset, Class, DateForm, MAX_RELAYS, NOTICE_TYPES, PRESETS, PolicyError, REPEAT_RUN, Rule,
    SequenceKind, Violation,
};

/// The English text (`describe_policy_error(e, false)`): the policy module
/// returns data, the wording of its errors, `Display` included, lives here.
impl fmt::Display for PolicyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&describe_policy_error(self, false))
    }
}

impl std::error::Error for PolicyError {}

/// The name of a character class, with its characters.
pub fn class_name(c: Class, ja: bool) -> &'static str {
    match (c, ja) {
        (Class::Upper, false) => "upper-case letters (A-Z)",
        (Class::Lower, false) => "lower-case letters (a-z)",
        (Class::Digit, false) => "digits (0-9)",
        (Class::Symbol, false) => "symbols (such as ! # $ % @)",
        (Class::Upper, true) => "英大文字(A-Z)",
        (Class::Lower, true) => "英小文字(a-z)",
        (Class::Digit, true) => "数字(0-9)",
        (Class::Symbol, true) => "記号(! # $ % @ など)",
    }
}

/// A short name of a rule (for headings and "skipped" notes).
pub fn rule_name(r: Rule, ja: bool) -> &'static str {
    match (r, ja) {
        (Rule::Length, false) => "length",
        (Rule::Classes, false) => "kinds of characters",
        (Rule::Charset, false) => "allowed characters",
        (Rule::CustomerCode, false) => "customer code",
        (Rule::BirthDate, false) => "date of birth",
        (Rule::Phone, false) => "phone number",
        (Rule::Sequence, false) => "consecutive characters",
        (Rule::Repeat, false) => "repetition",
        (Rule::Common, false) => "commonly used passwords",
        (Rule::SameAsOther, false) => "same as the other password",
        (Rule::Reused, false) => "earlier passwords",
        (Rule::Length, true) => "文字数",
        (Rule::Classes, true) => "文字の種類",
        (Rule::Charset, true) => "使用できる文字",
        (Rule::CustomerCode, true) => "お客様コード",
        (Rule::BirthDate, true) => "生年月日",
        (Rule::Phone, true) => "電話番号",
        (Rule::Sequence, true) => "連続した文字",
        (Rule::Repeat, true) => "繰り返し",
        (Rule::Common, true) => "よく使われるパスワード",
        (Rule::SameAsOther, true) => "もう一方のパスワードと同じ",
        (Rule::Reused, true) => "過去のパスワード",
    }
}

/// The note for rules `check` skipped without a customer (empty if none).
pub fn describe_skipped(rules: &[Rule], ja: bool) -> String {
    if rules.is_empty() {
        return String::new();
    }
    let codes: Vec<&str> = rules.iter().map(|r| r.as_str()).collect();
    if ja {
        format!(
            "お客様の情報がないため、次のルールは確認していません: {}（--customer CODE を指定すると確認します）",
            codes.join("、")
        )
    } else {
        format!(
            "not checked without a customer: {} (pass --customer CODE to check them)",
            codes.join(", ")
        )
    }
}

fn class_list(classes: &[Class], ja: bool, last: &str) -> String {
    let names: Vec<&str> = classes.iter().map(|&c| class_name(c, ja)).collect();
    match names.len() {
        0 => String::new(),
        1 => names[0].to_string(),
        n => {
            let sep = if ja { "、" } else { ", " };
            format!("{}{}{}", names[..n - 1].join(sep), last, names[n - 1])
        }
    }
}

fn date_form(form: DateForm, ja: bool) -> &'static str {
    match (form, ja) {
        (DateForm::FullDate, false) => "as year, month and day, e.g. YYYYMMDD or YYYY/MM/DD",
        (DateForm::EraDate, false) => {
            "as a Japanese era date (era letter and year with month and day, e.g. Syymmdd or yy.m.d)"
        }
        (DateForm::ShortDate, false) => "as YYMMDD",
        (DateForm::MonthDayYear, false) => "as MMDDYY",
        (DateForm::DayMonthYear, false) => "as DDMMYY",
        (DateForm::MonthDay, false) => "as month and day (MMDD)",
        (DateForm::DayMonth, false) => "as day and month (DDMM)",
        (DateForm::Year, false) => "as the year of birth (YYYY)",
        (DateForm::FullDate, true) => "西暦の年月日（YYYYMMDD、YYYY/MM/DD など）",
        (DateForm::EraDate, true) => "和暦の年月日（元号の頭文字＋年＋月日 など）",
        (DateForm::ShortDate, true) => "YYMMDD の形",
        (DateForm::MonthDayYear, true) => "MMDDYY の形",
        (DateForm::DayMonthYear, true) => "DDMMYY の形",
        (DateForm::MonthDay, true) => "月日（MMDD）",
        (DateForm::DayMonth, true) => "日月（DDMM）",
        (DateForm::Year, true) => "生まれ年（YYYY）",
    }
}

fn sequence_kind(kind: SequenceKind, ja: bool) -> &'static str {
    match (kind, ja) {
        (SequenceKind::Alphabet, false) => "letters in alphabetical order, like abcd or dcba",
        (SequenceKind::Digits, false) => "digits in order, like 1234 or 4321",
        (SequenceKind::KeyboardRow, false) => "keys along a keyboard row, like qwer or asdf",
        (SequenceKind::KeyboardColumn, false) => "keys down a keyboard column, like 1qaz",
        (SequenceKind::PhoneKeypad, false) => "the phone-key letters adgjmptw",
        (SequenceKind::Alphabet, true) => "abcd や dcba のようなアルファベット順",
        (SequenceKind::Digits, true) => "1234 や 4321 のような連番",
        (SequenceKind::KeyboardRow, true) => "qwer や asdf のようなキーボードの横の並び",
        (SequenceKind::KeyboardColumn, true) => "1qaz のようなキーボードの縦の並び",
        (SequenceKind::PhoneKeypad, true) => "携帯電話のキー配列 adgjmptw",
    }
}

/// What is wrong and how to fix it.
pub fn describe_violation(v: &Violation, ja: bool) -> String {
    match *v {
        Violation::TooShort { len, min } => {
            if ja {
                format!("短すぎます: {len}文字です。{min}文字以上にしてください")
            } else {
                format!("too short: {len} characters, at least {min} required")
            }
        }
        Violation::TooLong { len, max } => {
            if ja {
                format!("長すぎます: {len}文字です。{max}文字以内にしてください")
            } else {
                format!("too long: {len} characters, at most {max} allowed")
            }
        }
        Violation::Classes {
            found,
            at_least,
            ref add_one_of,
            ref missing_required,
        } => {
            let mut parts = Vec::new();
            let need = usize::from(at_least).saturating_sub(found);
            if need > 0 {
                let all = need >= add_one_of.len();
                parts.push(if ja {
                    let list = class_list(add_one_of, true, if all { "と" } else { "、" });
                    let what = if all {
                        format!("{list}を加えてください")
                    } else {
                        format!("{list}のうち{need}種類以上を加えてください")
                    };
                    format!("文字の種類が足りません: {found}種類です。{at_least}種類以上必要です。{what}")
                } else {
                    let list = class_list(add_one_of, false, if all { " and " } else { " or " });
                    let what = if all || need == 1 {
                        format!("add {list}")
                    } else {
                        format!("add {need} of: {list}")
                    };
                    format!(
                        "too few kinds of characters: {found}, at least {at_least} required; {what}"
                    )
                });
            }
            if !missing_required.is_empty() {
                parts.push(if ja {
                    format!(
                        "{}を必ず含めてください",
                        class_list(missing_required, true, "と")
                    )
                } else {
                    format!(
                        "must contain {}",
                        class_list(missing_required, false, " and ")
                    )
                });
            }
            parts.join(if ja { "。" } else { "; " })
        }
        Violation::Charset {
            charset,
            full_width,
            other_non_ascii,
            symbol,
            space_or_control,
        } => {
            let allowed = match (charset, ja) {
                (Charset::Alphanumeric, false) => "half-width letters and digits",
                (Charset::PrintableAscii, false) => "half-width letters, digits and symbols",
                (Charset::Alphanumeric, true) => "半角英数字",
                (Charset::PrintableAscii, true) => "半角英数字と記号",
            };
            let mut parts: Vec<String> = Vec::new();
            if full_width {
                parts.push(if ja {
                    "全角文字が含まれています。日本語入力をオフにして半角で入力してください".into()
                } else {
                    "contains full-width (zenkaku) characters: turn the Japanese input mode off and type half-width characters".into()
                });
            }
            if other_non_ascii {
                parts.push(if ja {
                    format!("かな・漢字などの使えない文字が含まれています。{allowed}だけを使ってください")
                } else {
                    format!("contains characters such as kana, kanji or accented letters: use only {allowed}")
                });
            }
            if symbol {
                parts.push(if ja {
                    "記号は使えません（英字と数字のみ）。記号を取り除いてください".into()
                } else {
                    "contains a symbol, but only letters and digits are allowed: remove it".into()
                });
            }
            if space_or_control {
                parts.push(if ja {
                    "空白または制御文字が含まれています。取り除いてください".into()
                } else {
                    "contains a space or an invisible control character: remove it".into()
                });
            }
            parts.join(if ja { "。" } else { "; " })
        }
        Violation::CustomerCode { reversed } => match (reversed, ja) {
            (false, false) => {
                "contains your customer code: choose a password without it".into()
            }
            (true, false) => {
                "contains your customer code written backwards: choose a password without it"
                    .into()
            }
            (false, true) => {
                "お客様コードが含まれています。お客様コードを含まないパスワードにしてください"
                    .into()
            }
            (true, true) => "お客様コードを逆から並べた文字列が含まれています。お客様コードを含まないパスワードにしてください".into(),
        },
        Violation::BirthDate { form } => {
            if ja {
                format!(
                    "生年月日が{}で含まれています。生年月日はどの形でも使わないでください",
                    date_form(form, true)
                )
            } else {
                format!(
                    "contains your date of birth {}: do not use your birth date in any form",
                    date_form(form, false)
                )
            }
        }
        Violation::Phone { whole_number } => match (whole_number, ja) {
            (true, false) => "contains a registered phone number: do not use your phone numbers".into(),
            (false, false) => "contains the last digits of a registered phone number: do not use any part of your phone numbers".into(),
            (true, true) => "登録されている電話番号が含まれています。電話番号を使わないでください".into(),
            (false, true) => "登録されている電話番号の下4桁以上が含まれています。電話番号の一部も使わないでください".into(),
        },
        Violation::Sequence { kind } => {
            if ja {
                format!(
                    "連続した4文字以上の並び（{}）が含まれています。並びを崩してください",
                    sequence_kind(kind, true)
                )
            } else {
                format!(
                    "contains a run of 4 or more consecutive characters ({}): break the run up",
                    sequence_kind(kind, false)
                )
            }
        }
        Violation::RepeatedChar { run } => {
            if ja {
                format!(
                    "同じ文字が{run}回続いています（{}回まで）。別の文字を混ぜてください",
                    REPEAT_RUN - 1
                )
            } else {
                format!(
                    "the same character {run} times in a row (at most {} allowed): mix in other characters",
                    REPEAT_RUN - 1
                )
            }
        }
        Violation::RepeatedPattern { unit, times } => {
            if ja {
                format!(
                    "{unit}文字の並びを{times}回繰り返しただけです。繰り返しでないパスワードにしてください"
                )
            } else {
                format!(
                    "is a {unit}-character pattern repeated {times} times: choose a password that is not a repetition"
                )
            }
        }
        Violation::Common => if ja {
            "よく使われるパスワード（またはその簡単な変形）です。推測されにくいものにしてください"
        } else {
            "is a commonly used password (or a simple variant of one): choose something less predictable"
        }
        .into(),
        Violation::SameAsOther => if ja {
            "ログインパスワードと執行パスワードに同じ文字列は使えません。別のパスワードにしてください"
        } else {
            "is the same as the customer's other password (login and execution passwords must differ): choose a different one"
        }
        .into(),
        Violation::Reused { history } => {
            if ja {
                format!(
                    "過去{history}回以内に使ったパスワードは再利用できません。新しいパスワードにしてください"
                )
            } else {
                format!(
                    "was used before (the last {history} passwords cannot be reused): choose a new one"
                )
            }
        }
    }
}

/// What is wrong with a policy and how to fix it.
pub fn describe_policy_error(e: &PolicyError, ja: bool) -> String {
    use PolicyError::*;
    match e {
        Parse { line, detail } => match (line, ja) {
            (Some(l), false) => {
                format!("invalid policy file, line {l}: {detail}; fix the file and try again")
            }
            (None, false) => format!("invalid policy file: {detail}; fix the file and try again"),
            (Some(l), true) => format!(
                "ポリシーファイルの{l}行目が不正です: {detail}。ファイルを修正してもう一度実行してください"
            ),
            (None, true) => format!(
                "ポリシーファイルが不正です: {detail}。ファイルを修正してもう一度実行してください"
            ),
        },
        UnknownPreset { name } => {
            let list = PRESETS.join(", ");
            if ja {
                format!("プリセット `{name}` はありません。次のいずれかを指定してください: {list}")
            } else {
                format!("unknown preset `{name}`: choose one of {list}")
            }
        }
        OutOfRange {
            field,
            value,
            min,
            max,
        } => {
            if ja {
                format!("{field} = {value} は範囲外です。{min}以上{max}以下にしてください")
            } else {
                format!("{field} = {value} is out of range: it must be from {min} to {max}")
            }
        }
        MinAboveMax { field, min, max } => {
            if ja {
                format!(
                    "{field} = {min} が max_len = {max} より大きくなっています。min_len を下げるか max_len を上げてください"
                )
            } else {
                format!(
                    "{field} = {min} is greater than max_len = {max}: lower min_len or raise max_len"
                )
            }
        }
        DuplicateClass { field, class } => {
            if ja {
                format!("{field} に \"{class}\" が2回あります。重複を削除してください")
            } else {
                format!("{field} lists \"{class}\" twice: remove the duplicate")
            }
        }
        ClassNotInCharset {
            field,
            class,
            charset,
        } => {
            let cs = charset.as_str();
            if ja {
                format!(
                    "{field} の \"{class}\" は charset = \"{cs}\" では使えません。削除するか charset = \"printable_ascii\" にしてください"
                )
            } else {
                format!(
                    "{field} lists \"{class}\", which charset = \"{cs}\" cannot contain: remove it or set charset = \"printable_ascii\""
                )
            }
        }
        AtLeastTooLarge {
            field,
            at_least,
            available,
        } => {
            if ja {
                format!(
                    "{field} = {at_least} ですが、from に使える種類は{available}つしかありません。at_least を下げるか from に種類を加えてください"
                )
            } else {
                format!(
                    "{field} = {at_least}, but `from` lists only {available} usable classes: lower at_least or add classes to from"
                )
            }
        }
        ClassesExceedMaxLen {
            field,
            needed,
            max_len,
        } => {
            if ja {
                format!(
                    "{field}: {needed}種類の文字が必要ですが max_len は{max_len}です。max_len を上げるか必要な種類を減らしてください"
                )
            } else {
                format!(
                    "{field}: {needed} kinds of characters are required but max_len is {max_len}: raise max_len or require fewer kinds"
                )
            }
        }
        GeneratorLength {
            field,
            length,
            min,
            max,
        } => {
            if ja {
                format!(
                    "{field} = {length} が執行パスワードの文字数（{min}〜{max}）の範囲外です。範囲内の値にしてください"
                )
            } else {
                format!(
                    "{field} = {length} is outside the execution password's length limits ({min} to {max}): choose a length in that range"
                )
            }
        }
        AlphabetEmpty { field } => {
            if ja {
                format!("{field} が空です。初期パスワードに使う文字を並べてください")
            } else {
                format!("{field} is empty: list the characters initial passwords are drawn from")
            }
        }
        AlphabetDuplicate { field, ch } => {
            if ja {
                format!("{field} に {ch:?} が2回以上あります。重複を削除してください")
            } else {
                format!(
                    "{field} has {ch:?} more than once: remove the duplicate (it would make that character more likely)"
                )
            }
        }
        AlphabetCharNotAllowed { field, ch, charset } => {
            let cs = charset.as_str();
            if ja {
                format!(
                    "{field} の {ch:?} は執行パスワードの charset = \"{cs}\" で使えません。削除してください"
                )
            } else {
                format!(
                    "{field} has {ch:?}, which the execution password's charset = \"{cs}\" does not allow: remove it"
                )
            }
        }
        AlphabetCsvUnsafe { field, ch } => {
            if ja {
                format!(
                    "{field} の {ch:?} は初期パスワードの CSV ファイルで誤読されるため使えません。削除してください"
                )
            } else {
                format!(
                    "{field} has {ch:?}, which would be misread in the initial-password CSV file: remove it"
                )
            }
        }
        AlphabetMissingClass { field, class } => {
            if ja {
                format!(
                    "{field} に{}がありませんが、執行パスワードには必須です。加えてください",
                    class_name(*class, true)
                )
            } else {
                format!(
                    "{field} has no {}, which execution passwords require: add some",
                    class_name(*class, false)
                )
            }
        }
        AlphabetTooFewClasses {
            field,
            available,
            at_least,
        } => {
            if ja {
                format!(
                    "{field} の文字は{available}種類しかありませんが、執行パスワードには{at_least}種類以上必要です。他の種類の文字を加えてください"
                )
            } else {
                format!(
                    "{field} covers {available} kinds of characters, but execution passwords need at least {at_least}: add characters of other kinds"
                )
            }
        }
        LinkInText { field, link } => {
            let link = crate::sanitize::sanitize(link);
            if ja {
                format!(
                    "{field} にリンクとして表示される文字列 {link:?} があります。通知メールにはリンクを載せられません（金融庁・日本証券業協会のガイドライン）。URL・ドメイン名・メールアドレスを除いてください"
                )
            } else {
                format!(
                    "{field} holds {link:?}, which a mail reader shows as a link; notices carry no links (FSA and JSDA guidelines): leave out URLs, domain names and email addresses"
                )
            }
        }
        BadRelay { field, entry } => {
            if ja {
                format!(
                    "{field} の {entry:?} は中継サーバーを表していません。\"ホスト名\"、\"ホスト名:ポート\"、\"[IPv6アドレス]:ポート\" のいずれかで、{MAX_RELAYS} 件までにしてください"
                )
            } else {
                format!(
                    "{field}: {entry:?} names no relay; write \"host\", \"host:port\" or \"[IPv6]:port\", at most {MAX_RELAYS} of them"
                )
            }
        }
        BadPhone { field } => {
            if ja {
                format!(
                    "{field} は電話番号（数字6〜15桁、- ( ) と空白、先頭の + のみ）にしてください。空にすると電話番号を載せません"
                )
            } else {
                format!(
                    "{field}: a telephone number (6 to 15 digits, with - ( ) and spaces, a leading + allowed), or empty for none"
                )
            }
        }
        BadText { field, max } => {
            if ja {
                format!(
                    "{field} は {max} 文字以内の文字列にしてください（改行以外の制御文字は使えません）"
                )
            } else {
                format!(
                    "{field}: at most {max} characters of plain text (line breaks allowed, no other control characters)"
                )
            }
        }
        GeneratorUnusable {
            field,
            length,
            passed,
            tried,
            rule,
        } => {
            let most = rule.map(|r| rule_name(r, ja));
            if ja {
                let most = most
                    .map(|m| format!("（最も多い違反: {m}）"))
                    .unwrap_or_default();
                format!(
                    "{field} と長さ {length} で生成した初期パスワードは、{tried} 件中 {passed} 件しか執行パスワードのルールを満たしません{most}。このままでは初期パスワードを発行できません。文字の種類を増やすか、長さを変えてください"
                )
            } else {
                let most = most
                    .map(|m| format!(" (most often broken: {m})"))
                    .unwrap_or_default();
                format!(
                    "{field} with length {length} yields initial passwords that pass the execution rules only {passed} times in {tried}{most}, too rarely to issue them: use more kinds of characters or another length"
                )
            }
        }
        UnknownNotice { field, name } => {
            let list = NOTICE_TYPES.join(", ");
            if ja {
                format!("{field}: 通知の種類 `{name}` はありません。使える種類: {list}")
            } else {
                format!("{field}: unknown notice type `{name}`; the types are {list}")
            }
        }
        MissingNotice { field, name } => {
            if ja {
                format!(
                    "{field} がありません。[notices] に {name} = {{ enabled = true, to = \"pc\" }} のような行を加えてください"
                )
            } else {
                format!(
                    "{field} is missing: add a line such as {name} = {{ enabled = true, to = \"pc\" }} under [notices]"
                )
            }
        }
        MandatoryNoticeOff { field, name } => {
            if ja {
                format!(
                    "{field} = false にはできません。通知 `{name}` は停止できない通知です。true にしてください"
                )
            } else {
                format!(
                    "{field} = false is not allowed: the `{name}` notice cannot be turned off; set it to true"
                )
            }
        }
    }
}

/// One line describing a preset (empty for an unknown name).
pub fn preset_description(name: &str, ja: bool) -> &'static str {
    match (name, ja) {
        ("securities", false) => {
            "stock brokerage accounts: login password 6-20 letters and digits; execution password 4-32 letters and digits, 2 or more of digit/lower/upper"
        }
        ("fx-cfd", false) => {
            "FX and CFD accounts: login password 8-20 characters with 3 or more of upper/lower/digit/symbol; execution password as securities"
        }
        ("commodity", false) => {
            "commodity futures accounts: login password 8-12 characters with all of upper/lower/digit/symbol; execution password as securities"
        }
        ("securities", true) => {
            "証券口座: ログインパスワードは英数字6〜20文字。執行パスワードは英数字4〜32文字で、数字・英小文字・英大文字のうち2種類以上"
        }
        ("fx-cfd", true) => {
            "FX・CFD 口座: ログインパスワードは英大文字・英小文字・数字・記号のうち3種類以上を含む8〜20文字。執行パスワードは securities と同じ"
        }
        ("commodity", true) => {
            "商品先物口座: ログインパスワードは英大文字・英小文字・数字・記号の4種類すべてを含む8〜12文字。執行パスワードは securities と同じ"
        }
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::policy::{Facts, Policy, check, skipped_rules};

    /// The standard customer of the policy tests: code AB7301, born
    /// 1980-01-15 (Showa 55), phones 03-3556-1829 and 090-2837-4651.
    fn with_facts<R>(f: impl FnOnce(&Facts) -> R) -> R {
        let phones = vec!["0335561829".to_string(), "09028374651".to_string()];
        let facts = Facts {
            code: "AB7301",
            birth_date: NaiveDate::from_ymd_opt(1980, 1, 15),
            phones: &phones,
        };
        f(&facts)
    }

    /// One violation of each variant, with each kind of detail it carries
    /// (a charset violation names at least one kind of bad character).
    fn violations() -> Vec<Violation> {
        let mut v = vec![
            Violation::TooShort { len: 5, min: 6 },
            Violation::TooLong { len: 21, max: 20 },
            Violation::Classes {
                found: 2,
                at_least: 3,
                add_one_of: vec![Class::Upper, Class::Symbol],
                missing_required: vec![],
            },
            Violation::Classes {
                found: 2,
                at_least: 2,
                add_one_of: vec![],
                missing_required: vec![Class::Digit],
            },
            Violation::CustomerCode { reversed: false },
            Violation::CustomerCode { reversed: true },
            Violation::Phone {
                whole_number: false,
            },
            Violation::Phone { whole_number: true },
            Violation::RepeatedChar { run: 4 },
            Violation::RepeatedPattern { unit: 2, times: 3 },
            Violation::Common,
            Violation::SameAsOther,
            Violation::Reused { history: 5 },
        ];
        for charset in [Charset::Alphanumeric, Charset::PrintableAscii] {
            for bits in 1..16u8 {
                v.push(Violation::Charset {
                    charset,
                    full_width: bits & 1 != 0,
                    other_non_ascii: bits & 2 != 0,
                    symbol: bits & 4 != 0,
                    space_or_control: bits & 8 != 0,
                });
            }
        }
        for form in [
            DateForm::FullDate,
            DateForm::EraDate,
            DateForm::ShortDate,
            DateForm::MonthDayYear,
            DateForm::DayMonthYear,
            DateForm::MonthDay,
            DateForm::DayMonth,
            DateForm::Year,
        ] {
            v.push(Violation::BirthDate { form });
        }
        for kind in [
            SequenceKind::Alphabet,
            SequenceKind::Digits,
            SequenceKind::KeyboardRow,
            SequenceKind::KeyboardColumn,
            SequenceKind::PhoneKeypad,
        ] {
            v.push(Violation::Sequence { kind });
        }
        v
    }

    #[test]
    fn every_violation_has_text_in_both_languages() {
        let all = violations();
        for r in Rule::ALL {
            assert!(all.iter().any(|v| v.rule() == r), "no sample of {r}");
        }
        for v in &all {
            let (en, ja) = (describe_violation(v, false), describe_violation(v, true));
            assert!(!en.is_empty() && !ja.is_empty(), "{v:?}");
            assert_ne!(en, ja, "{v:?}");
        }
    }

    #[test]
    fn violations_carry_their_numbers() {
        assert_eq!(
            describe_violation(&Violation::TooShort { len: 5, min: 6 }, false),
            "too short: 5 characters, at least 6 required"
        );
    }

    #[test]
    fn classes_violation_says_what_to_add() {
        let v = Violation::Classes {
            found: 2,
            at_least: 3,
            add_one_of: vec![Class::Upper, Class::Symbol],
            missing_required: vec![],
        };
        let en = describe_violation(&v, false);
        assert!(en.contains("at least 3") && en.contains("upper-case") && en.contains("symbols"));
        let ja = describe_violation(&v, true);
        assert!(ja.contains("英大文字") && ja.contains("記号"), "{ja}");
        let v = Violation::Classes {
            found: 2,
            at_least: 2,
            add_one_of: vec![],
            missing_required: vec![Class::Digit],
        };
        assert!(describe_violation(&v, false).contains("must contain digits"));
    }

    #[test]
    fn full_width_input_is_told_to_type_half_width() {
        let k = Policy::preset("securities").unwrap().login;
        let v = &check(&k, "ｓａｋｕｒａ７Ｑ", None)[0];
        let msg = describe_violation(v, false);
        assert!(msg.contains("half-width"), "{msg}");
        let msg = describe_violation(v, true);
        assert!(msg.contains("半角"), "{msg}");
    }

    #[test]
    fn caller_side_rules_have_messages() {
        let v = [Violation::SameAsOther, Violation::Reused { history: 5 }];
        assert!(describe_violation(&v[1], false).contains("last 5"));
        assert!(describe_violation(&v[1], true).contains('5'));
        assert!(describe_violation(&v[0], true).contains("執行パスワード"));
    }

    #[test]
    fn every_rule_has_a_name() {
        for r in Rule::ALL {
            assert!(!rule_name(r, false).is_empty() && !rule_name(r, true).is_empty());
        }
    }

    #[test]
    fn skipped_rules_are_named() {
        let k = Policy::preset("securities").unwrap().login;
        let note = describe_skipped(&skipped_rules(&k, true), false);
        assert!(note.contains("customer_code, birth_date, phone"), "{note}");
        assert!(!describe_skipped(&skipped_rules(&k, true), true).is_empty());
        assert_eq!(describe_skipped(&[], false), "");
    }

    #[test]
    fn messages_never_quote_the_password() {
        let secret_ish = [
            "xAB7301y",
            "S550115",
            "x0335561829",
            "Sakura2024",
            "xqwerx",
            "abab",
            "ｓａｋｕｒａ",
        ];
        for &name in PRESETS {
            let p = Policy::preset(name).unwrap();
            for k in [p.login, p.execution] {
                for pw in secret_ish {
                    for v in with_facts(|f| check(&k, pw, Some(f))) {
                        for ja in [false, true] {
                            let m = describe_violation(&v, ja);
                            assert!(!m.is_empty());
                            assert!(!m.contains(pw), "{m}");
                            assert!(!m.to_lowercase().contains(&pw.to_lowercase()), "{m}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn preset_descriptions_exist_in_both_languages() {
        for &name in PRESETS {
            assert!(!preset_description(name, false).is_empty());
            assert!(!preset_description(name, true).is_empty());
        }
        assert_eq!(preset_description("nope", false), "");
    }

    /// One error of each variant.
    fn policy_errors() -> Vec<PolicyError> {
        use PolicyError::*;
        let f = |s: &str| s.to_string();
        vec![
            Parse {
                line: Some(5),
                detail: f("unknown field `min_lenn`"),
            },
            Parse {
                line: None,
                detail: f("expected a table"),
            },
            UnknownPreset { name: f("stocks") },
            BadRelay {
                field: f("mail.relays"),
                entry: f("smtp example:25"),
            },
            OutOfRange {
                field: f("login.min_len"),
                value: 0,
                min: 1,
                max: 64,
            },
            MinAboveMax {
                field: f("login"),
                min: 12,
                max: 8,
            },
            DuplicateClass {
                field: f("login.classes.from"),
                class: Class::Digit,
            },
            ClassNotInCharset {
                field: f("execution.classes.required"),
                class: Class::Symbol,
                charset: Charset::Alphanumeric,
            },
            AtLeastTooLarge {
                field: f("login.classes.at_least"),
                at_least: 4,
                available: 3,
            },
            ClassesExceedMaxLen {
                field: f("login.classes"),
                needed: 4,
                max_len: 3,
            },
            GeneratorLength {
                field: f("generator.length"),
                length: 40,
                min: 4,
                max: 32,
            },
            AlphabetEmpty {
                field: f("generator.alphabet"),
            },
            AlphabetDuplicate {
                field: f("generator.alphabet"),
                ch: 'a',
            },
            AlphabetCharNotAllowed {
                field: f("generator.alphabet"),
                ch: '#',
                charset: Charset::Alphanumeric,
            },
            AlphabetCsvUnsafe {
                field: f("generator.alphabet"),
                ch: ',',
            },
            AlphabetMissingClass {
                field: f("generator.alphabet"),
                class: Class::Upper,
            },
            AlphabetTooFewClasses {
                field: f("generator.alphabet"),
                available: 1,
                at_least: 2,
            },
            UnknownNotice {
                field: f("notices.sms_login"),
                name: f("sms_login"),
            },
            MissingNotice {
                field: f("notices.trade_executed"),
                name: f("trade_executed"),
            },
            MandatoryNoticeOff {
                field: f("notices.email_changed.enabled"),
                name: f("email_changed"),
            },
        ]
    }

    #[test]
    fn every_policy_error_names_its_field_in_both_languages() {
        for e in policy_errors() {
            let (en, ja) = (
                describe_policy_error(&e, false),
                describe_policy_error(&e, true),
            );
            assert!(!en.is_empty() && !ja.is_empty(), "{e:?}");
            assert_ne!(en, ja, "{e:?}");
            if let Some(field) = e.field() {
                assert!(en.contains(field) && ja.contains(field), "{en} / {ja}");
            }
            assert_eq!(e.to_string(), en, "Display is the English text");
        }
    }

    #[test]
    fn parse_errors_name_the_line() {
        let msg = describe_policy_error(&policy_errors()[0], false);
        assert!(msg.contains("line 5"), "{msg}");
    }

    #[test]
    fn unknown_preset_lists_the_presets() {
        let e = Policy::preset_or_err("stocks").unwrap_err();
        let msg = describe_policy_error(&e, false);
        assert!(msg.contains("securities, fx-cfd, commodity"), "{msg}");
        assert_eq!(e.to_string(), msg);
    }

    #[test]
    fn an_unusable_generator_names_the_field_and_the_rule() {
        let e = crate::policy::PolicyError::GeneratorUnusable {
            field: "generator.alphabet".into(),
            length: 4,
            passed: 0,
            tried: 1000,
            rule: Some(crate::policy::Rule::Repeat),
        };
        for ja in [false, true] {
            let msg = describe_policy_error(&e, ja);
            assert!(msg.contains("generator.alphabet"), "{msg}");
            assert!(
                msg.contains(rule_name(crate::policy::Rule::Repeat, ja)),
                "{msg}"
            );
        }
    }
}
