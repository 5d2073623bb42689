//! clap's usage errors, in Japanese under a `ja` locale: clap words its
//! own frame in English only, around a value parser's sentence that is
//! already in the reader's language ("invalid value '0s' … 0 では…"). Here
//! the frame is rebuilt from the error's kind and context, so that a person
//! reads one language. `--help` and `--version` stay as clap prints them.

use clap::error::{ContextKind, ContextValue, ErrorKind};

use crate::sanitize::sanitize;

fn text(e: &clap::Error, kind: ContextKind) -> Option<String> {
    match e.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => Some(v.join(", ")),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::StyledStrs(v) => Some(
            v.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", "),
        ),
        ContextValue::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The error as a Japanese message (without the `acctsec: エラー: ` prefix
/// and with the usage and the pointer to `--help`), or `None` when the
/// reader's language is English or the "error" is `--help`/`--version`.
pub fn clap_error(e: &clap::Error) -> Option<String> {
    if !super::is_ja() || matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        return None;
    }
    let arg = text(e, ContextKind::InvalidArg).unwrap_or_default();
    // What the operator typed, shown as text only (no escape sequences).
    let value = sanitize(&text(e, ContextKind::InvalidValue).unwrap_or_default());
    let sub = sanitize(&text(e, ContextKind::InvalidSubcommand).unwrap_or_default());
    let why = sanitize(
        &std::error::Error::source(e)
            .map(ToString::to_string)
            .unwrap_or_default(),
    );
    let mut s = match e.kind() {
        ErrorKind::InvalidValue if value.is_empty() => format!("{arg} に値を指定してください"),
        ErrorKind::InvalidValue => format!("{arg} に '{value}' は指定できません"),
        ErrorKind::ValueValidation if why.is_empty() => {
            format!("{arg} の値 '{value}' は使えません")
        }
        ErrorKind::ValueValidation => format!("{arg} の値 '{value}' は使えません: {why}"),
        ErrorKind::UnknownArgument => format!("{arg} というオプションや引数はありません"),
        ErrorKind::InvalidSubcommand => format!("{sub} というサブコマンドはありません"),
        ErrorKind::MissingRequiredArgument => format!("次の指定が必要です: {arg}"),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "サブコマンドを指定してください".to_string()
        }
        ErrorKind::ArgumentConflict => match text(e, ContextKind::PriorArg) {
            Some(prior) => format!("{arg} と {prior} は同時に指定できません"),
            None => format!("{arg} は他の指定と同時に使えません"),
        },
        ErrorKind::NoEquals => format!("{arg} の値は = でつないで指定してください"),
        ErrorKind::TooManyValues => format!("{arg} に値 '{value}' は多すぎます"),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("{arg} の値の数が正しくありません")
        }
        ErrorKind::InvalidUtf8 => "引数が UTF-8 ではありません".to_string(),
        _ => "コマンドラインが正しくありません".to_string(),
    };
    if let Some(valid) = text(e, ContextKind::ValidValue) {
        s.push_str(&format!("\n  指定できる値: {valid}"));
    }
    if let Some(valid) = text(e, ContextKind::ValidSubcommand) {
        s.push_str(&format!("\n  サブコマンド: {valid}"));
    }
    if let Some(like) = text(e, ContextKind::SuggestedSubcommand)
        .or_else(|| text(e, ContextKind::SuggestedArg))
        .or_else(|| text(e, ContextKind::SuggestedValue))
    {
        s.push_str(&format!("\n  もしかして: {}", sanitize(&like)));
    }
    if let Some(usage) = text(e, ContextKind::Usage) {
        let usage = usage.trim();
        let usage = usage.strip_prefix("Usage: ").unwrap_or(usage);
        // Further usage lines are indented to sit under the first.
        let usage = usage.replace("\n       ", "\n        ");
        s.push_str(&format!("\n\n使い方: {usage}"));
    }
    s.push_str("\n\n詳しくは --help を付けて実行してください");
    Some(s)
}
