//! Every user-facing sentence of acctsec, in English and Japanese.
//!
//! Commands never write prose themselves: they call a function here (or the
//! `tr!` macro inside this module). The language comes from `LC_ALL`,
//! `LC_MESSAGES` or `LANG` (the first one set): `ja*` selects Japanese.
//!
//! The words come here, the data does not: this module imports the domain
//! types it words but not `crate::error` (whose `Display` calls [`errors`]).

use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    Ja,
}

static LANG: OnceLock<Lang> = OnceLock::new();

/// The language of messages, read once from the environment.
pub fn lang() -> Lang {
    *LANG.get_or_init(|| {
        let value = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|k| std::env::var(k).ok())
            .find(|v| !v.is_empty())
            .unwrap_or_default();
        if value.to_ascii_lowercase().starts_with("ja") {
            Lang::Ja
        } else {
            Lang::En
        }
    })
}

pub fn is_ja() -> bool {
    lang() == Lang::Ja
}

/// `tr!("english {x}", "日本語 {x}")`: the sentence in the user's language.
macro_rules! tr {
    ($en:literal, $ja:literal $(,)?) => {
        if $crate::messages::is_ja() {
            format!($ja)
        } else {
            format!($en)
        }
    };
}

mod audit;
pub mod authcode;
pub mod customer;
pub mod errors;
mod ledger;
pub mod notify;
pub mod output;
mod password;
pub mod policy;
mod report;
pub mod request;
pub mod secret;
pub mod trail;
pub mod usage;

pub use audit::*;
pub use ledger::*;
pub use password::*;
pub use report::*;

fn p(path: &std::path::Path) -> String {
    crate::sanitize::sanitize(&path.display().to_string())
}

/// The prefix of an error line on stderr.
pub fn error_prefix() -> &'static str {
    if is_ja() {
        "acctsec: エラー: "
    } else {
        "acctsec: error: "
    }
}

// ---------------------------------------------------------------- init

pub fn ledger_created(path: &std::path::Path, preset: &str) -> String {
    let f = p(path);
    tr!(
        "created ledger {f} with policy preset {preset}",
        "台帳 {f} を作成しました（ポリシープリセット {preset}）"
    )
}

/// `init` on an existing ledger: nothing changed; which preset is in force
/// (`None`: a policy of its own), and how to change it when `asked` differs.
pub fn ledger_exists(path: &std::path::Path, in_force: Option<&str>, asked: &str) -> String {
    let f = p(path);
    let asked = crate::sanitize::sanitize(asked);
    let base = match in_force {
        Some(name) => tr!(
            "ledger {f} exists already; nothing was changed (policy in force: preset {name})",
            "台帳 {f} は既に存在します。何も変更していません（適用中のポリシー: プリセット {name}）"
        ),
        None => tr!(
            "ledger {f} exists already; nothing was changed (policy in force: its own, no shipped preset; see `acctsec policy show`)",
            "台帳 {f} は既に存在します。何も変更していません（適用中のポリシー: プリセットではない独自のもの。`acctsec policy show` を参照）"
        ),
    };
    if in_force == Some(asked.as_str()) {
        return base;
    }
    let hint = tr!(
        "--preset {asked} was not applied; `acctsec policy set --preset {asked}` changes the policy",
        "--preset {asked} は適用していません。ポリシーを変えるには `acctsec policy set --preset {asked}` を使ってください"
    );
    tr!("{base}; {hint}", "{base}。{hint}")
}

pub fn unknown_preset(name: &str, known: &[&str]) -> String {
    let name = crate::sanitize::sanitize(name);
    let known = known.join(", ");
    tr!(
        "unknown policy preset {name}; the presets are: {known} (see `acctsec policy presets`)",
        "ポリシープリセット {name} はありません。使えるのは {known} です（`acctsec policy presets` を参照）"
    )
}

// ---------------------------------------------------------------- policy

pub fn policy_invalid(source: &std::path::Path, e: &crate::policy::PolicyError) -> String {
    let f = p(source);
    let why = policy::describe_policy_error(e, is_ja());
    tr!(
        "{f}: invalid policy: {why}; the ledger's policy was not changed",
        "{f}: ポリシーが不正です: {why}。台帳のポリシーは変更していません"
    )
}

/// One planned change of `policy set`, shown before it asks.
pub fn policy_change_line(field: &str, old: &str, new: &str) -> String {
    let (old, new) = (
        crate::sanitize::sanitize(old),
        crate::sanitize::sanitize(new),
    );
    tr!("  {field}: {old} → {new}", "  {field}: {old} → {new}")
}

pub fn confirm_policy_set(changes: usize) -> String {
    tr!(
        "change {changes} field(s) of the policy in force",
        "適用中のポリシーの {changes} 項目を変更します"
    )
}

pub fn policy_changed(changes: usize) -> String {
    if changes == 0 {
        tr!(
            "the policy is already that; nothing changed",
            "ポリシーは既にその内容です。変更はありません"
        )
    } else {
        tr!(
            "policy changed ({changes} field(s)); see `acctsec log --action policy`",
            "ポリシーを変更しました（{changes} 項目）。`acctsec log --action policy` で確認できます"
        )
    }
}

// ---------------------------------------------------------------- ledger

pub fn no_home_for_default_db() -> String {
    tr!(
        "cannot find the default ledger path: neither XDG_DATA_HOME nor HOME is set; pass --db PATH or set ACCTSEC_DB",
        "既定の台帳パスが決められません（XDG_DATA_HOME も HOME も未設定）。--db PATH か ACCTSEC_DB を指定してください"
    )
}

pub fn bad_operator() -> String {
    tr!(
        "the operator name is empty or holds control characters; pass --operator NAME or set ACCTSEC_OPERATOR",
        "オペレーター名が空か制御文字を含んでいます。--operator NAME か ACCTSEC_OPERATOR を指定してください"
    )
}

pub fn unknown_operator() -> String {
    tr!(
        "cannot tell who is acting: the OS login name is unknown; pass --operator NAME or set ACCTSEC_OPERATOR",
        "操作者が分かりません（OS のログイン名が取得できません）。--operator NAME か ACCTSEC_OPERATOR を指定してください"
    )
}

/// `ACCTSEC_NOW` (debug builds only, for tests) holds no readable moment.
pub fn bad_fixed_clock(var: &str, v: &str) -> String {
    let v = crate::sanitize::sanitize(v);
    tr!(
        "{var}={v}: expected a moment like 2022-09-18T18:00:00+09:00; unset it to use the real clock",
        "{var}={v}: 2022-09-18T18:00:00+09:00 のような日時を指定してください。実際の時刻を使うには設定を外してください"
    )
}

pub fn bad_busy_timeout(v: &str) -> String {
    let v = crate::sanitize::sanitize(v);
    tr!(
        "ACCTSEC_BUSY_TIMEOUT={v} is not a number of milliseconds",
        "ACCTSEC_BUSY_TIMEOUT={v} はミリ秒の数値ではありません"
    )
}

pub fn unaudited_change() -> String {
    tr!(
        "internal error: a ledger change without its audit entry was refused and rolled back; please report this",
        "内部エラー: 監査記録のない台帳変更を拒否し、ロールバックしました。開発者に報告してください"
    )
}

// ---------------------------------------------------------------- log

pub fn log_intact(entries: u64, head: Option<(u64, &str)>) -> String {
    match head {
        Some((seq, hash)) => tr!(
            "audit trail intact: {entries} entries, head {seq}:{hash}",
            "監査証跡は改ざんされていません: {entries} 件、先頭 {seq}:{hash}"
        ),
        None => tr!(
            "audit trail intact: no entries",
            "監査証跡は改ざんされていません: 記録なし"
        ),
    }
}

pub fn log_tampered(seq: u64, what: &str) -> String {
    tr!(
        "audit trail TAMPERED: the first bad entry is {seq}: {what}. Keep this ledger as evidence and restore the last good backup",
        "監査証跡が改ざんされています: 最初の不正な記録は {seq} です: {what}。この台帳を証拠として保全し、最後の正常なバックアップから復元してください"
    )
}

pub fn tamper_hash_mismatch() -> String {
    tr!(
        "its contents do not match its hash (a field was edited)",
        "内容がハッシュと一致しません（項目が書き換えられています）"
    )
}

pub fn tamper_broken_link() -> String {
    tr!(
        "it does not link to the entry before it (an entry was deleted, inserted or reordered)",
        "直前の記録とつながっていません（記録の削除・挿入・並べ替え）"
    )
}

/// An entry dated before its predecessor (shown in JST) by more than the
/// tolerance (minutes).
pub fn tamper_time_backwards(previous: &str, minutes: i64) -> String {
    tr!(
        "dated before the entry preceding it ({previous}) by more than {minutes} minutes: a writer's clock was set back, so its times and the expiry of its requests cannot be trusted",
        "直前の記録（{previous}）より {minutes} 分以上前の日時です。書き込んだ端末の時計が戻されており、その日時と申請の期限は信用できません"
    )
}

pub fn tamper_gap(expected: u64) -> String {
    tr!(
        "sequence number out of order, expected {expected} (an entry was deleted, inserted or reordered)",
        "連番が不正です。{expected} のはずです（記録の削除・挿入・並べ替え）"
    )
}

/// The trail is shorter than a head shipped earlier. Only the number of
/// entries is known, not where the change was: entries were removed, from
/// the end or along with a rewrite of earlier ones.
pub fn tamper_head_missing(seq: u64, count: u64) -> String {
    tr!(
        "the trail now ends at entry {count}, before the head {seq} shipped earlier: entries were removed, from the end or along with a rewrite of earlier ones",
        "証跡は記録 {count} で終わっており、以前に保管した先頭 {seq} に届きません。末尾の記録が削除されたか、それより前の記録の書き換えとあわせて削除されています"
    )
}

/// The entry at a head shipped earlier has another hash: that entry or any
/// before it was changed (each hash covers all entries before it).
pub fn tamper_head_differs(seq: u64) -> String {
    tr!(
        "the hash of entry {seq} differs from the head shipped earlier, so that entry or one before it was changed and the chain recomputed (or this is not the ledger the head came from)",
        "記録 {seq} のハッシュが以前に保管した先頭と一致しません。この記録かそれ以前の記録が変更され、チェーンが再計算されています（または先頭を取得した台帳とは別の台帳です）"
    )
}

pub fn bad_head(v: &str) -> String {
    let v = crate::sanitize::sanitize(v);
    tr!(
        "--head {v}: expected SEQ:HASH as printed by `acctsec log head`, the hash in full or its first 8 or more hex digits (e.g. 42:3f9a0c1e)",
        "--head {v}: `acctsec log head` が出力する SEQ:HASH の形式で指定してください。ハッシュは全体か先頭 8 桁以上の16進数（例 42:3f9a0c1e）"
    )
}

/// A `--head` whose hash is shortened below what resists a forger.
pub fn weak_head_prefix(digits: usize) -> String {
    tr!(
        "note: --head has only {digits} hex digits of the hash; a rewritten trail can be made to match that many with feasible work. Check against the full head (64 digits) when tampering is suspected",
        "注意: --head のハッシュは {digits} 桁だけです。その桁数なら書き換えた証跡を一致させることは現実的な手間でできます。改ざんが疑われるときは完全な先頭（64 桁）で照合してください"
    )
}

pub fn bad_since(v: &str) -> String {
    let v = crate::sanitize::sanitize(v);
    tr!(
        "--since {v}: expected a date YYYY-MM-DD (JST) or a time like 2026-09-18T18:00:00+09:00",
        "--since {v}: 日付 YYYY-MM-DD（日本時間）か 2026-09-18T18:00:00+09:00 のような日時を指定してください"
    )
}

pub fn log_empty_head() -> String {
    tr!("the audit trail is empty", "監査証跡は空です")
}

/// Table headers: (json/csv key, table header).
pub fn header(key: &str) -> String {
    if !is_ja() {
        // The stable key, except where it would mislead a person: the
        // rollout's counts and moments, and its times left, which are
        // shown as days and hours, not seconds.
        return match key {
            "none" => "no execution password",
            "initial" => "on the initial password",
            "set" => "own password set",
            "done_percent" => "done (%)",
            "pre_start" => "pre-registration starts",
            "pre_end" => "pre-registration ends",
            "enforce" => "enforcement starts",
            "seconds_to_pre_end" => "time to pre-registration end",
            "seconds_to_enforce" => "time to enforcement",
            _ => key,
        }
        .to_string();
    }
    header_ja(key).unwrap_or(key).to_string()
}

/// The Japanese header of a column (`None`: none known).
/// `tests/architecture.rs` checks that every key a listing or a record in
/// `src/cli` shows has one.
pub fn header_ja(key: &str) -> Option<&'static str> {
    let ja = match key {
        "reason" => "理由",
        "details" => "詳細",
        "hash" => "ハッシュ",
        "field" => "項目",
        "value" => "値",
        "name" => "氏名",
        "birth_date" => "生年月日",
        "phones" => "電話番号",
        "email_pc" => "メール(PC)",
        "email_mobile" => "メール(携帯)",
        "execution_password" => "執行パスワード",
        "login_password" => "ログインパスワード",
        "login_hash_format" => "ログインハッシュ形式",
        "locked" => "ロック",
        "locked_at" => "ロック日時",
        "lock_reason" => "ロック理由",
        "locked_by" => "ロック者",
        "failures" => "連続失敗",
        "subscriptions" => "配信設定",
        "type" => "種別",
        "class" => "区分",
        "name_ja" => "名称",
        "name_en" => "名称(英)",
        "requirement" => "要件",
        "optional" => "停止可",
        "default" => "既定",
        "trigger" => "契機",
        "enabled" => "配信",
        "to" => "送信先",
        "addresses" => "アドレス",
        "subject" => "件名",
        "created_at" => "作成日時",
        "status" => "状態",
        "id" => "ID",
        "severity" => "重要度",
        "kind" => "種類",
        "detail" => "内容",
        "preset" => "プリセット",
        "description" => "説明",
        "result" => "結果",
        "reissued" => "再発行",
        "rule" => "ルール",
        "message" => "説明",
        "customers" => "お客様数",
        "none" => "未発行",
        "initial" => "初期パスワード",
        "set" => "設定済み",
        "done_percent" => "完了率(%)",
        "phase" => "段階",
        "pre_start" => "事前登録開始",
        "pre_end" => "事前登録終了",
        "enforce" => "強化対応開始",
        "seconds_to_pre_end" => "事前登録終了まで",
        "seconds_to_enforce" => "強化対応開始まで",
        "seq" => "連番",
        "at" => "日時(JST)",
        "operator" => "操作者",
        "action" => "操作",
        "customer" => "お客様",
        "code" => "お客様コード",
        "attempts" => "送信試行",
        "reply" => "中継サーバーの応答",
        "charset" => "文字コード",
        "sent" => "送信",
        "deferred" => "再送待ち",
        "failed" => "送信失敗",
        "failed_ids" => "送信失敗のID",
        "interrupted" => "中断",
        "queued" => "作成した通知",
        "ids" => "ID",
        "why" => "理由",
        "refused" => "受け付けなかった理由",
        "login_failures" => "ログイン連続失敗",
        "run" => "回",
        "started_at" => "開始日時(JST)",
        "seconds" => "所要秒数",
        "guess" => "推測",
        "guesses" => "推測回数",
        "findings" => "指摘",
        "by_severity" => "重要度別",
        "cycle_complete" => "一巡完了",
        "budget_exceeded" => "時間切れ",
        "left_sealed" => "他ホスト宛ての封印通知",
        "changes" => "変更内容",
        "requested_at" => "申請日時(JST)",
        "requested_by" => "申請者",
        "expires_at" => "期限(JST)",
        "decided_at" => "決定日時(JST)",
        "decided_by" => "決定者",
        "decided_operator" => "決定の操作者",
        "decision_reason" => "決定の理由",
        "date" => "日付",
        "locks" => "ロック",
        "unlocks" => "ロック解除",
        "failed_verifications" => "執行パスワード誤り",
        "notices_queued" => "通知作成",
        "notices_sent" => "通知送信",
        "entries" => "記録数",
        "ok" => "改ざんなし",
        "first_bad" => "最初の異常",
        "problem" => "異常の内容",
        "identity" => "認証ユーザー",
        "key_file" => "鍵ファイル",
        "public_key" => "公開鍵",
        "shell" => "シェル",
        "script" => "スクリプト",
        "auth_codes" => "認証コード",
        "cause" => "停止の理由",
        "worker" => "ワーカー",
        "cycle" => "巡回",
        "chunks" => "チャンク数",
        "share" => "分担",
        "browser" => "ブラウザ",
        "os" => "OS",
        "network" => "ネットワーク",
        "device" => "端末名",
        "first_seen" => "初回利用(JST)",
        "last_seen" => "最終利用(JST)",
        "environment" => "利用環境",
        "environment_ids" => "利用環境のID",
        "new" => "新しい利用環境",
        "count" => "回数",
        "purpose" => "用途",
        "until" => "有効期限(JST)",
        _ => return None,
    };
    Some(ja)
}

/// The Japanese name of an audit-trail action or a request's action (the
/// code stays in CSV and JSON, and in `--action`).
pub fn action_ja(action: &str) -> Option<&'static str> {
    let ja = match action {
        "audit.run" => "弱い認証情報の監査",
        "audit.guess_cursor" | "audit.guess_within" => "推測監査の進捗",
        "audit.claim" => "推測監査の分担の確保",
        "audit.renew" => "推測監査の分担の延長",
        "audit.chunk" => "推測監査の分担の完了",
        "audit.cycle" => "推測監査の一巡完了",
        "authcode.issue" => "認証コード発行",
        "authcode.verify" => "認証コード照合",
        "authcode.expire" => "認証コード失効",
        "authcode.undelivered" => "認証コード不達による失効",
        "authcode.lock" => "認証コード停止",
        "authcode.unlock" => "認証コード停止の解除",
        "customer.import" => "顧客データ取込",
        "customer.import.batch" => "顧客データ取込（途中経過）",
        "customer.pii_view" => "個人情報の表示",
        "customer.unmask" => "個人情報の表示",
        "customer.set_email" => "メールアドレス変更",
        "customer.forget_environments" => "利用環境の消去",
        "ledger.init" => "台帳作成",
        "ledger.schema" => "台帳の更新",
        "ledger.copy" => "台帳の複製",
        "ledger.grant" => "権限の付与",
        "lock.add" => "ロック",
        "lock.auto" => "自動ロック",
        "lock.unlock" => "ロック解除",
        "lock.remove" => "ロック解除",
        "unlock.reissue" => "ロック解除と再発行",
        "log.seal" => "証跡の封印",
        "notify.set" => "配信設定",
        "notify.import" => "配信設定の取込",
        "notify.emit" => "通知の発生",
        "notify.claim" => "送信の確保",
        "notify.send" => "通知送信の実行",
        "notify.sent" => "通知送信",
        "notify.deferred" => "通知再送待ち",
        "notify.failed" => "通知送信失敗",
        "notify.expired" => "期限切れ通知の停止",
        "notify.retry" => "通知の再送",
        "notify.relay_refused" => "許可されていない中継サーバーへの送信の拒否",
        "notify.export" | "notify.outbox.export" => "通知の書き出し",
        "notify.ack" | "notify.outbox.ack" => "通知の送信済み登録",
        "password.issue" => "初期パスワード発行",
        "password.issue.start" => "初期パスワード一括発行の開始",
        "password.issue.batch" => "初期パスワード一括発行（途中経過）",
        "password.issue.done" => "初期パスワード一括発行の完了",
        "password.reissue" => "初期パスワード再発行",
        "password.set" => "パスワード設定",
        "password.set.refused" => "パスワード設定の拒否",
        "password.change" => "パスワード変更",
        "password.change.refused" => "パスワード変更の拒否",
        "password.verify" => "執行パスワード照合",
        "policy.set" => "ポリシー変更",
        "request.create" => "承認申請",
        "request.approve" => "承認",
        "request.reject" => "却下",
        "request.stale" => "申請の失効",
        "request.tampered" => "改ざんされた申請",
        "rollout.set" => "切替日程の設定",
        "rollout.pre_start" => "事前登録開始",
        "rollout.pre_end" => "事前登録終了",
        "rollout.enforce" => "強化対応開始",
        _ => return None,
    };
    Some(ja)
}

/// The Japanese name of a finding kind (CLI.md's codes).
pub fn finding_kind_ja(kind: &str) -> Option<&'static str> {
    let ja = match kind {
        "no_execution_password" => "執行パスワード未発行",
        "initial_not_changed" => "初期パスワードのまま",
        "initial_expired" => "初期パスワード期限切れ",
        "locked" => "ロック中",
        "legacy_hash" => "旧式ハッシュ",
        "weak_hash_params" => "弱いハッシュ設定",
        "guessable_login" => "推測可能なログインパスワード",
        "guessable_execution" => "推測可能な執行パスワード",
        _ => return None,
    };
    Some(ja)
}

/// The Japanese name of a severity (`critical` … `low`, any case).
pub fn severity_ja(severity: &str) -> Option<&'static str> {
    let ja = match severity.to_ascii_lowercase().as_str() {
        "critical" => "重大",
        "high" => "高",
        "medium" => "中",
        "low" => "低",
        _ => return None,
    };
    Some(ja)
}

/// A value in a table cell, in the reader's language: the stable English
/// codes (password states, phases, outbox states, on/off, yes/no) read in
/// Japanese under a `ja` locale. CSV and JSON keep the codes; a value this
/// does not know (data, numbers) is `None` and shown as it is.
pub fn table_value(key: &str, value: &str) -> Option<&'static str> {
    if !is_ja() {
        return None;
    }
    let ja = match (key, value) {
        ("execution_password" | "login_password", "none") => "未発行",
        ("execution_password" | "login_password", "initial") => "初期パスワード",
        ("execution_password" | "login_password", "set") => "設定済み",
        ("phase", "unscheduled") => "日程未設定",
        ("phase", "before_pre_registration") => "事前登録期間前",
        ("phase", "pre_registration") => "事前登録期間中",
        ("phase", "awaiting_enforcement") => "強化対応開始待ち",
        ("phase", "enforced") => "強化対応開始済み",
        ("status", "pending") => "未送信",
        ("status", "sent") => "送信済み",
        ("status", "failed") => "送信失敗",
        ("status", "expired") => "期限切れ",
        ("result", "unlocked") => "解除しました",
        ("result", "not_locked") => "ロックされていません",
        ("default" | "enabled" | "state", "on") => "配信する",
        ("default" | "enabled" | "state", "off") => "配信しない",
        ("to", "pc") => "PC",
        ("to", "mobile") => "携帯",
        ("to", "both") => "PC と携帯",
        ("class", "subscription") => "お客様が選択",
        ("class", "system") => "必ず送信",
        ("kind", "login") => "ログイン",
        ("kind", "execution") => "執行",
        ("action", a) => return action_ja(a),
        ("cause", "issues") => "発行回数の上限",
        ("cause", "wrong_tries") => "入力誤りの上限",
        ("purpose", "withdrawal") => "出金",
        ("purpose", "view") => "登録情報の照会",
        ("kind" | "by_kind", k) => return finding_kind_ja(k),
        ("severity" | "by_severity", s) => return severity_ja(s),
        _ => return None,
    };
    Some(ja)
}

/// yes / no in a table cell (CSV keeps `yes`/`no`, JSON `true`/`false`).
pub fn yes_no(b: bool) -> &'static str {
    match (is_ja(), b) {
        (true, true) => "はい",
        (true, false) => "いいえ",
        (false, true) => "yes",
        (false, false) => "no",
    }
}

// ---------------------------------------------------------------- customers

pub fn importing(file: &std::path::Path) -> String {
    let f = p(file);
    tr!("importing {f}", "{f} を取り込み中")
}

pub fn import_summary(
    file: &std::path::Path,
    added: u64,
    changed: u64,
    unchanged: u64,
    email_changes: u64,
    dry_run: bool,
) -> String {
    let f = p(file);
    let mut s = tr!(
        "{f}: {added} added, {changed} changed, {unchanged} unchanged",
        "{f}: 追加 {added} 件、変更 {changed} 件、変更なし {unchanged} 件"
    );
    if email_changes > 0 {
        s.push_str(&tr!(
            "; {email_changes} email change(s) notified to the old and new addresses",
            "。メールアドレス変更 {email_changes} 件を新旧両方のアドレスに通知します"
        ));
    }
    if dry_run {
        s.push_str(&tr!(
            " (dry run: nothing was written)",
            "（ドライラン: 何も書き込んでいません）"
        ));
    }
    s
}

pub fn list_truncated(shown: u64, total: u64) -> String {
    tr!(
        "showing {shown} of {total}; use --limit N for more (0: all)",
        "{total} 件中 {shown} 件を表示しています。さらに表示するには --limit N（0 で全件）"
    )
}

// ---------------------------------------------------------------- prompts

pub fn confirm_prompt(what: &str) -> String {
    tr!("{what}: proceed?", "{what}: 実行しますか?")
}

pub fn no_secret_on_stdin() -> String {
    tr!(
        "no password on stdin: pipe it in, one per line (it is never taken from the command line)",
        "標準入力にパスワードがありません。1行に1つずつ標準入力から渡してください（コマンドラインでは受け付けません）"
    )
}

pub fn password_prompt(kind: &str) -> String {
    let kind = password::kind_name(kind);
    tr!("{kind} password", "{kind}パスワード")
}

pub fn password_again() -> String {
    tr!("again, to confirm", "確認のためもう一度")
}

pub fn password_mismatch() -> String {
    tr!(
        "the two entries differ; try again",
        "2回の入力が一致しません。もう一度入力してください"
    )
}

pub fn issue_in_progress() -> String {
    tr!(
        "another `acctsec password issue` is running on this ledger or into this directory; wait for it to finish, then run the command again (nothing was changed)",
        "この台帳（または出力先ディレクトリ）で別の `acctsec password issue` が実行中です。終了を待ってから再実行してください（何も変更していません）"
    )
}

pub fn changed_while_verifying() -> String {
    tr!(
        "the password was changed while it was being verified; nothing was counted, run the verify again",
        "照合中にパスワードが変更されました。失敗回数は数えていません。もう一度照合してください"
    )
}

pub fn cancelled() -> String {
    tr!(
        "cancelled; nothing was changed",
        "中止しました。何も変更していません"
    )
}

pub fn completions_unknown_shell() -> String {
    tr!(
        "unknown shell; choose one of bash, zsh, fish, powershell, elvish",
        "不明なシェルです。bash, zsh, fish, powershell, elvish から選んでください"
    )
}
