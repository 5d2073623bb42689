//! The texts of `crate::error::Error`: what went wrong, where, and what to do
//! next. One function per variant, taking the variant's fields; this module
//! does not know the error type (`error` calls here, never the other way).

use std::fmt::Display;
use std::path::Path;

use super::p;
use crate::sanitize::sanitize;

pub fn needs_confirmation(what: &str) -> String {
    tr!(
        "{what} needs confirmation and there is no terminal to ask on; pass --yes to confirm",
        "{what}には確認が必要ですが、確認できる端末がありません。確認済みとして実行するには --yes を付けてください"
    )
}

pub fn locked(customer: &str) -> String {
    let c = sanitize(customer);
    tr!(
        "customer {c} is locked; staff can unlock it with `acctsec unlock {c} --reason TEXT`",
        "お客様 {c} はロックされています。`acctsec unlock {c} --reason 理由` で解除できます"
    )
}

pub fn no_customer(code: &str) -> String {
    let c = sanitize(code);
    if let Err(e) = crate::customer::validate_code(code) {
        let why = sanitize(&super::customer::describe_field_error(&e, super::is_ja()));
        return tr!(
            "no customer with code {c}: it cannot be a customer code. {why}",
            "お客様コード {c} のお客様は登録されていません。お客様コードとして正しくありません。{why}"
        );
    }
    tr!(
        "no customer with code {c}; check the code, or import the customer with `acctsec customer import FILE.csv`",
        "お客様コード {c} のお客様は登録されていません。コードを確認するか、`acctsec customer import FILE.csv` で取り込んでください"
    )
}

/// Bad input: the problems shown, each as (line, column, reason already
/// worded), and how many there were in all.
pub fn bad_input<'a>(
    file: &Path,
    problems: impl ExactSizeIterator<Item = (u64, Option<&'a str>, &'a str)>,
    total: usize,
) -> String {
    let f = p(file);
    let mut s = tr!(
        "{f}: {total} problem(s) found; nothing was written",
        "{f}: 問題が {total} 件見つかりました。何も書き込んでいません"
    );
    let shown = problems.len();
    for (line, column, reason) in problems {
        s.push('\n');
        match column {
            Some(col) => {
                let col = sanitize(col);
                s.push_str(&tr!(
                    "  {f}:{line}: column {col}: {reason}",
                    "  {f}:{line}: 列 {col}: {reason}"
                ))
            }
            None => s.push_str(&tr!("  {f}:{line}: {reason}", "  {f}:{line}: {reason}")),
        }
    }
    if total > shown {
        let more = total - shown;
        s.push('\n');
        s.push_str(&tr!("  ... and {more} more", "  ... ほか {more} 件"));
    }
    s.push('\n');
    s.push_str(&tr!(
        "fix these rows and run the command again",
        "これらの行を修正してから、もう一度実行してください"
    ));
    s
}

pub fn output_exists(path: &Path) -> String {
    let f = p(path);
    tr!(
        "{f} exists already and is never overwritten; choose another --out path, or move the old file away first",
        "{f} は既に存在します（上書きはしません）。別の --out を指定するか、古いファイルを移動してください"
    )
}

/// `ledger copy --to`: something is at the destination already.
pub fn copy_destination_taken(path: &Path, database: bool) -> String {
    let f = p(path);
    if database {
        tr!(
            "the database at {f} is not empty and is never overwritten; give --to an empty database (create a new one, or drop what is in this one first)",
            "{f} のデータベースは空ではありません（上書きはしません）。--to には空のデータベースを指定してください（新しく作るか、中身を先に削除してください）"
        )
    } else {
        tr!(
            "{f} exists already and is never overwritten; give --to a path that does not exist yet, or move the old file away first",
            "{f} は既に存在します（上書きはしません）。--to にはまだ存在しないパスを指定するか、古いファイルを移動してください"
        )
    }
}

pub fn missing_dir(path: &Path, dir: &Path) -> String {
    let (f, d) = (p(path), p(dir));
    tr!(
        "cannot create {f}: the directory {d} does not exist; create it first (mkdir -p) or choose another --out path",
        "{f} を作成できません: ディレクトリ {d} が存在しません。先に作成する（mkdir -p）か、別の --out を指定してください"
    )
}

pub fn cant_create(path: &Path, source: &dyn Display) -> String {
    let f = p(path);
    tr!(
        "cannot create {f}: {source}; check that the directory exists and is writable",
        "{f} を作成できません: {source}。ディレクトリが存在し書き込み可能か確認してください"
    )
}

pub fn io(path: &Path, source: &dyn Display) -> String {
    let f = p(path);
    tr!(
        "cannot read or write {f}: {source}",
        "{f} を読み書きできません: {source}"
    )
}

pub fn db(path: &Path, source: &dyn Display) -> String {
    let f = p(path);
    tr!(
        "ledger {f}: database error: {source}; check the disk and the file's permissions, then retry",
        "台帳 {f}: データベースエラー: {source}。ディスクとファイルの権限を確認して再実行してください"
    )
}

pub fn corrupt(path: &Path, detail: &str) -> String {
    let f = p(path);
    tr!(
        "ledger {f} is damaged ({detail}); it was not modified. Restore it from a backup",
        "台帳 {f} が破損しています ({detail})。変更はしていません。バックアップから復元してください"
    )
}

pub fn busy(path: &Path, waited_ms: u64) -> String {
    let f = p(path);
    tr!(
        "ledger busy, retry: {f} is being written by another acctsec process and stayed locked for {waited_ms} ms; nothing was changed, so it is safe to run the command again",
        "台帳が使用中です。再実行してください: {f} は別の acctsec が書き込み中で {waited_ms} ミリ秒待っても解放されませんでした。何も変更していないので、そのまま再実行できます"
    )
}

pub fn no_ledger(path: &Path) -> String {
    let f = p(path);
    tr!(
        "no ledger at {f}; create one with `acctsec init --db {f}` (or point --db / ACCTSEC_DB at the existing ledger)",
        "{f} に台帳がありません。`acctsec init --db {f}` で作成するか、--db / ACCTSEC_DB で既存の台帳を指定してください"
    )
}

pub fn not_a_ledger(path: &Path) -> String {
    let f = p(path);
    tr!(
        "{f} is not an acctsec ledger; it was left untouched. Check --db / ACCTSEC_DB",
        "{f} は acctsec の台帳ではありません（変更していません）。--db / ACCTSEC_DB を確認してください"
    )
}

pub fn newer_ledger(path: &Path, found: i64, supported: i64) -> String {
    let f = p(path);
    tr!(
        "ledger {f} was written by a newer acctsec (schema {found}; this build knows up to {supported}); upgrade acctsec to use it. The ledger was not modified",
        "台帳 {f} は新しい acctsec で作成されています（スキーマ {found}、このバージョンは {supported} まで）。acctsec を更新してください。台帳は変更していません"
    )
}
