//! Messages of four-eyes approval: requests recorded, approved, rejected,
//! and why one cannot be approved.

use crate::sanitize::sanitize;

/// A command whose action needs a second person's approval recorded a
/// request instead of acting.
pub fn recorded(id: i64, action: &str, expires: &str) -> String {
    tr!(
        "request {id} recorded: {action} needs a second person's approval; another staff member runs `acctsec request approve {id}` (open until {expires})",
        "申請 {id} を登録しました: {action} には別の担当者の承認が必要です。別の担当者が `acctsec request approve {id}` を実行してください（期限 {expires}）"
    )
}

pub fn no_such(id: i64) -> String {
    tr!(
        "no request {id}; `acctsec request list` shows the requests",
        "申請 {id} はありません。`acctsec request list` で申請を確認できます"
    )
}

/// Approving one's own request (the same identity or operator that asked).
pub fn own(id: i64, who: &str) -> String {
    let who = sanitize(who);
    tr!(
        "request {id} was made by {who}, the one approving it now; another staff member, under their own account, must approve it",
        "申請 {id} は {who} が申請したもので、本人は承認できません。別の担当者が自分のアカウントで承認してください"
    )
}

/// The request is no longer pending (approved, rejected or expired).
pub fn not_pending(id: i64, state: &str) -> String {
    tr!(
        "request {id} is {state}, not pending: nothing was done; a new request is needed to carry the action out",
        "申請 {id} は {state} で、承認待ちではありません。何も実行していません。実行するには新しい申請が必要です"
    )
}

pub fn needs_out(id: i64, action: &str) -> String {
    tr!(
        "request {id} ({action}) issues passwords: give the file they go to with --out FILE (created 0600, never overwritten), then hand them over",
        "申請 {id}（{action}）はパスワードを発行します。--out FILE で出力先を指定してください（0600 で作成、上書きしません）"
    )
}

pub fn out_unused(id: i64, action: &str) -> String {
    tr!(
        "request {id} ({action}) writes no passwords: --out is not used",
        "申請 {id}（{action}）はパスワードを出力しません。--out は不要です"
    )
}

pub fn approved(id: i64, action: &str) -> String {
    tr!(
        "request {id} approved: {action} carried out",
        "申請 {id} を承認しました: {action} を実行しました"
    )
}

pub fn rejected(id: i64) -> String {
    tr!(
        "request {id} rejected: nothing was done",
        "申請 {id} を却下しました。何も実行していません"
    )
}

/// A stored request that does not read (altered by hand).
pub fn unreadable(id: i64) -> String {
    tr!(
        "request {id} cannot be carried out: its stored parameters do not read",
        "申請 {id} は保存された内容を読めないため実行できません"
    )
}

/// A request was recorded by a command given `--out`: nothing is written
/// there now.
pub fn out_goes_to_approver(out: &std::path::Path) -> String {
    let f = super::p(out);
    tr!(
        "nothing was written to {f}: the passwords are made when the request is approved, into the approver's `request approve ID --out FILE`",
        "{f} には何も書いていません。パスワードは申請の承認時に作られ、承認者の `request approve ID --out FILE` に出力されます"
    )
}

pub fn reissue_needs_out() -> String {
    tr!(
        "--reissue needs --out FILE: where the fresh passwords go (CSV, 0600, never overwritten)",
        "--reissue には --out FILE が必要です（新しいパスワードの出力先。CSV、0600、上書きしません）"
    )
}

/// An approval refused because the ledger changed since the request
/// (`code`: what changed, `subject`: the customer or file).
pub fn stale(code: &str, subject: Option<&str>) -> String {
    let about = subject.map(sanitize).unwrap_or_default();
    let (en, ja) = match code {
        "policy_changed" => (
            "the policy changed since it was requested".to_string(),
            "申請後にポリシーが変更されました".to_string(),
        ),
        "lock_changed" => (
            format!("the lock of customer {about} is not the one it was requested for"),
            format!("顧客 {about} のロック状態が申請時と異なります"),
        ),
        "credential_changed" => (
            format!("the password of customer {about} changed since it was requested"),
            format!("顧客 {about} のパスワードが申請後に変更されました"),
        ),
        "address_changed" => (
            format!("the address of customer {about} changed since it was requested"),
            format!("顧客 {about} のアドレスが申請後に変更されました"),
        ),
        "file_changed" => (
            format!("the file {about} changed since it was requested (or cannot be read)"),
            format!("ファイル {about} が申請後に変更されました（または読めません）"),
        ),
        "file_changes_differ" => (
            format!("the changes of {about} are no longer those it was requested for"),
            format!("{about} による変更内容が申請時と異なります"),
        ),
        "notices_changed" => (
            "the notices are no longer pending in that export".to_string(),
            "対象の通知はそのエクスポートで未送信ではなくなりました".to_string(),
        ),
        _ => (
            "it was made before requests were bound to the ledger's state, or it was altered"
                .to_string(),
            "台帳の状態に結び付けられる前の申請か、改変された申請です".to_string(),
        ),
    };
    tr!(
        "stale: request again. {en}: nothing was done, and the request is closed",
        "stale: 申請し直してください。{ja}。何も実行せず、申請を締め切りました"
    )
}

/// A command recorded a request: exit 5, nothing changed yet.
pub fn pending_note() -> String {
    tr!(
        "nothing has changed yet (exit 5)",
        "まだ何も変更していません（終了コード 5）"
    )
}

/// A request row that does not match its entry in the audit trail.
pub fn tampered(id: i64, field: &str) -> String {
    tr!(
        "request {id} does not match its entry in the audit trail ({field} differs): it was altered outside acctsec; nothing was done and the request is closed; run `acctsec log verify` and report it",
        "申請 {id} が監査証跡の記録と一致しません（{field} が異なります）。acctsec の外で改変されています。何も実行せず、申請を締め切りました。`acctsec log verify` を実行して報告してください"
    )
}

/// A request's state as a person reads it in a table.
pub fn state(code: &str) -> String {
    if !super::is_ja() {
        return code.to_string();
    }
    match code {
        "pending" => "承認待ち",
        "approved" => "承認済み",
        "rejected" => "却下",
        "expired" => "期限切れ",
        other => other,
    }
    .to_string()
}
