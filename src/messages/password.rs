//! Messages of passwords, locks and the rollout.

use crate::sanitize::sanitize;

/// `login` / `execution` as the user reads it.
pub(super) fn kind_name(kind: &str) -> String {
    match (super::is_ja(), kind) {
        (true, "login") => "ログイン".into(),
        (true, "execution") => "執行".into(),
        _ => kind.to_string(),
    }
}

pub fn password_accepted(kind: &str) -> String {
    let kind = kind_name(kind);
    tr!(
        "accepted: the password meets the {kind} password policy",
        "OK: このパスワードは{kind}パスワードのポリシーを満たしています"
    )
}

pub fn password_rejected(kind: &str, n: usize) -> String {
    let kind = kind_name(kind);
    tr!(
        "rejected: the {kind} password breaks {n} rule(s):",
        "NG: この{kind}パスワードは {n} 件のルールに違反しています:"
    )
}

/// `check` never compares with stored passwords (it would answer "this is
/// the customer's password" to anyone): those rules run at `set`/`change`.
pub fn stored_rules_not_checked(rules: &[&str]) -> String {
    let en = rules.join(", ");
    let ja = rules.join("、");
    tr!(
        "not checked here: {en} (they compare with the customer's stored passwords, so they are checked only when the password is set or changed)",
        "ここでは確認していません: {ja}（お客様の登録済みパスワードとの比較のため、パスワードの設定・変更時にのみ確認します）"
    )
}

pub fn password_set(code: &str, kind: &str, state: &str) -> String {
    let kind = kind_name(kind);
    let code = sanitize(code);
    tr!(
        "customer {code}: {kind} password set (state: {state})",
        "お客様 {code}: {kind}パスワードを設定しました（状態: {state}）"
    )
}

pub fn verify_ok(code: &str, kind: &str) -> String {
    let kind = kind_name(kind);
    let code = sanitize(code);
    tr!(
        "customer {code}: {kind} password matches",
        "お客様 {code}: {kind}パスワードが一致しました"
    )
}

pub fn verify_failed(
    code: &str,
    kind: &str,
    failures: u32,
    threshold: Option<u32>,
    locked: bool,
) -> String {
    let kind = kind_name(kind);
    let code = sanitize(code);
    if locked {
        return tr!(
            "customer {code}: wrong {kind} password; {failures} consecutive failures: the account is now LOCKED",
            "お客様 {code}: {kind}パスワードが違います。連続 {failures} 回失敗したためアカウントをロックしました"
        );
    }
    match threshold {
        Some(t) => tr!(
            "customer {code}: wrong {kind} password ({failures} of {t} consecutive failures before lock)",
            "お客様 {code}: {kind}パスワードが違います（連続失敗 {failures} 回、{t} 回でロック）"
        ),
        None => tr!(
            "customer {code}: wrong {kind} password ({failures} consecutive failures)",
            "お客様 {code}: {kind}パスワードが違います（連続失敗 {failures} 回）"
        ),
    }
}

pub fn verify_no_password(code: &str, kind: &str) -> String {
    let name = kind_name(kind);
    let code = sanitize(code);
    if kind == "login" {
        tr!(
            "customer {code} has no {name} password in the ledger; import the core system's login_hash column with `acctsec customer import FILE`, or set one with `acctsec password set {code} --kind login`",
            "お客様 {code} の{name}パスワードは台帳にありません。基幹システムの login_hash 列を `acctsec customer import FILE` で取り込むか、`acctsec password set {code} --kind login` で設定してください"
        )
    } else {
        tr!(
            "customer {code} has no {name} password; issue an initial one with `acctsec password issue {code} --out FILE`, or set one with `acctsec password set {code} --kind execution`",
            "お客様 {code} には{name}パスワードがありません。`acctsec password issue {code} --out FILE` で初期パスワードを発行するか、`acctsec password set {code} --kind execution` で設定してください"
        )
    }
}

/// A password typed on the command line: never taken from there.
pub fn password_in_argv() -> String {
    tr!(
        "passwords are never taken from the command line (other users can see it, and the shell keeps it in its history): leave it out and type it at the hidden prompt, or pipe it on stdin; remove it from your shell history",
        "パスワードはコマンドラインでは受け付けません（他のユーザーから見え、シェルの履歴にも残ります）。コマンドラインから外し、非表示のプロンプトで入力するか標準入力から渡してください。シェルの履歴からも削除してください"
    )
}

/// Why an account is locked, from the reason the ledger stores
/// (`customer::LockReason`): an automatic lock worded in the reader's
/// language, any other text as it is (not sanitized here).
pub fn lock_reason(stored: &str) -> String {
    match crate::customer::LockReason::parse(stored) {
        crate::customer::LockReason::Failures { kind, failures } => {
            auto_lock_reason(kind, failures)
        }
        crate::customer::LockReason::Text(t) => t.to_string(),
    }
}

/// The reason of an automatic lock: `failures` consecutive failed attempts
/// of `kind`.
pub fn auto_lock_reason(kind: crate::vocab::Kind, failures: u32) -> String {
    if kind == crate::vocab::Kind::Login {
        tr!(
            "{failures} consecutive failed login-password attempts",
            "ログインパスワードの連続 {failures} 回の認証失敗"
        )
    } else {
        tr!(
            "{failures} consecutive failed execution-password attempts",
            "執行パスワードの連続 {failures} 回の認証失敗"
        )
    }
}

pub fn issue_needs_selection() -> String {
    tr!(
        "say whom to issue to: --all, customer codes, or --codes FILE",
        "発行対象を指定してください: --all、お客様コード、または --codes FILE"
    )
}

/// Why an issue run had nothing to do.
pub fn issue_done(out: &std::path::Path, done: crate::issuance::Done) -> String {
    match done {
        crate::issuance::Done::Recovered => issue_recovered(out),
        crate::issuance::Done::Complete => issue_already_complete(out),
    }
}

pub fn issue_recovered(out: &std::path::Path) -> String {
    let f = sanitize(&out.display().to_string());
    tr!(
        "{f} was complete; the interrupted run is now recorded as done",
        "{f} は完成していました。中断された発行処理を完了として記録しました"
    )
}

pub fn confirm_reissue(n: usize) -> String {
    tr!(
        "replace the execution passwords of up to {n} customer(s) with new initial passwords",
        "最大 {n} 名のお客様の執行パスワードを新しい初期パスワードに置き換えます"
    )
}

pub fn issuing() -> String {
    tr!("issuing", "発行中")
}

/// `unscheduled_days`: no rollout schedule is recorded, so the deadline is
/// the end of the day (JST) that many days (the policy's) after the run.
pub fn issue_summary(
    out: &std::path::Path,
    issued: u64,
    skipped: u64,
    deadline: &str,
    unscheduled_days: Option<u32>,
) -> String {
    let f = sanitize(&out.display().to_string());
    let mut s = tr!(
        "{f}: {issued} initial password(s) issued, {skipped} skipped (already have one; --reissue replaces them); deadline {deadline}",
        "{f}: 初期パスワード {issued} 件を発行、{skipped} 件をスキップ（設定済み。置き換えるには --reissue）。期限 {deadline}"
    );
    if let Some(days) = unscheduled_days {
        s.push_str(&tr!(
            " (no rollout schedule: the end of the day, JST, {days} days after issue; `acctsec rollout set` fixes the pre-registration end instead)",
            "（移行日程が未設定のため、発行から {days} 日後の日本時間の終わり。事前登録終了を期限にするには `acctsec rollout set`）"
        ));
    }
    s
}

pub fn bad_reason() -> String {
    tr!(
        "--reason must say why, in one line of plain text (at most 500 characters)",
        "--reason には理由を1行の文字（500文字以内）で記入してください"
    )
}

/// A `--reason` in the form of an automatic lock's stored code.
pub fn reserved_reason() -> String {
    tr!(
        "--reason must not begin with \"auto:\": that is how automatic locks are recorded",
        "--reason は \"auto:\" で始められません（自動ロックの記録に使う形式です）"
    )
}

pub fn locked(code: &str) -> String {
    let code = sanitize(code);
    tr!(
        "customer {code} is locked; unlock with `acctsec unlock {code} --reason TEXT`",
        "お客様 {code} をロックしました。解除は `acctsec unlock {code} --reason 理由`"
    )
}

pub fn already_locked(code: &str) -> String {
    let code = sanitize(code);
    tr!(
        "customer {code} was already locked; nothing changed",
        "お客様 {code} は既にロックされています。変更はありません"
    )
}

pub fn unlock_needs_codes() -> String {
    tr!(
        "say whom to unlock: customer codes or --codes FILE",
        "解除するお客様を指定してください: お客様コードまたは --codes FILE"
    )
}

/// One locked customer before `unlock` asks (`reason`: as stored, worded
/// by [`lock_reason`]).
pub fn unlock_line(
    code: &str,
    name: &str,
    email: Option<&str>,
    failures: u32,
    at: &str,
    reason: &str,
) -> String {
    let reason = lock_reason(reason);
    let (code, name, reason) = (sanitize(code), sanitize(name), sanitize(&reason));
    let email = email.unwrap_or("-");
    tr!(
        "  {code} {name} <{email}>: locked since {at}, {failures} failure(s), reason: {reason}",
        "  {code} {name} <{email}>: {at} からロック中、失敗 {failures} 回、理由: {reason}"
    )
}

pub fn confirm_unlock(n: usize, reissue: bool) -> String {
    if reissue {
        tr!(
            "unlock {n} account(s) and issue fresh initial passwords",
            "{n} 件のロックを解除し、新しい初期パスワードを発行します"
        )
    } else {
        tr!("unlock {n} account(s)", "{n} 件のロックを解除します")
    }
}

pub fn bad_moment(flag: &str, v: &str) -> String {
    let v = sanitize(v);
    tr!(
        "{flag} {v}: expected a date or time like 2022-08-22, \"2022-09-18 18:00\" (JST) or 2022-09-18T18:00:00+09:00",
        "{flag} {v}: 2022-08-22、\"2022-09-18 18:00\"（日本時間）、2022-09-18T18:00:00+09:00 のような日時を指定してください"
    )
}

pub fn schedule_out_of_order() -> String {
    tr!(
        "the schedule must run in order: --pre-start before --pre-end, --pre-end no later than --enforce",
        "日程の順序が不正です: --pre-start < --pre-end <= --enforce にしてください"
    )
}

pub fn schedule_recorded(pre_start: &str, pre_end: &str, enforce: &str) -> String {
    tr!(
        "rollout scheduled: pre-registration {pre_start} to {pre_end}, enforcement from {enforce}",
        "日程を登録しました: 事前登録期間 {pre_start} 〜 {pre_end}、強化対応開始 {enforce}"
    )
}

pub fn duration(secs: i64) -> String {
    let (d, h, m) = (secs / 86_400, secs % 86_400 / 3600, secs % 3600 / 60);
    if secs <= 0 {
        return tr!("passed", "経過済み");
    }
    tr!("{d}d {h}h {m}m", "{d}日 {h}時間 {m}分")
}

pub fn current_password_prompt(kind: &str) -> String {
    let kind = kind_name(kind);
    tr!("current {kind} password", "現在の{kind}パスワード")
}

pub fn new_password_prompt(kind: &str) -> String {
    let kind = kind_name(kind);
    tr!("new {kind} password", "新しい{kind}パスワード")
}

pub fn issue_already_complete(out: &std::path::Path) -> String {
    let f = sanitize(&out.display().to_string());
    tr!(
        "{f} is complete: everyone selected has an execution password; nothing to do",
        "{f} は作成済みです。対象のお客様全員に執行パスワードがあります。処理はありません"
    )
}

pub fn issue_interrupted(signal: &str, out: &std::path::Path, issued: u64, resume: &str) -> String {
    let f = sanitize(&out.display().to_string());
    let resume = sanitize(resume);
    tr!(
        "interrupted by {signal}: {issued} initial password(s) issued into {f} so far are committed and kept in the unfinished run (not yet in {f}); to finish, run the same command again: {resume}",
        "{signal} により中断しました。{f} 向けに発行済みの初期パスワード {issued} 件は確定し、未完了の発行処理に保持されています（{f} にはまだ出力されていません）。完了させるには同じコマンドを再実行してください: {resume}"
    )
}

/// `rollout status` and `customer list --pending`: passwords waiting in an
/// interrupted run count as `initial` though nobody has received them.
pub fn unfinished_issue_counted(file: &str, held: u64) -> String {
    let f = sanitize(file);
    tr!(
        "note: a `password issue` run into {f} is unfinished: {held} initial password(s) wait in it and count as initial here, but nobody has received them yet; run the same `password issue` command again to finish it",
        "注意: {f} への `password issue` が未完了です。{held} 件の初期パスワードがその中で待機しており、ここでは initial として数えていますが、まだ誰にも渡っていません。同じ `password issue` コマンドを再実行して完了させてください"
    )
}

pub fn unfinished_issue(file: &str, held: u64) -> String {
    let f = sanitize(file);
    tr!(
        "warning: an interrupted `password issue` into {f} holds {held} customer(s) whose initial passwords never reached a file; run that command again to finish it",
        "警告: {f} への `password issue` が中断されたままです。{held} 名の初期パスワードがまだファイルに出力されていません。同じコマンドを再実行して完了させてください"
    )
}

pub fn schedule_in_the_past(pre_end: &str) -> String {
    tr!(
        "warning: the pre-registration end {pre_end} is already past; initial passwords issued now get that deadline",
        "警告: 事前登録期間の終了 {pre_end} は既に過ぎています。これから発行する初期パスワードの期限はこの日時になります"
    )
}

pub fn weak_hashing(m: u32, t: u32) -> String {
    tr!(
        "warning: Argon2 m={m} KiB, t={t} is below OWASP's minimum (m=19456 KiB, t=2, p=1); use such parameters only for tests",
        "警告: Argon2 m={m} KiB, t={t} は OWASP の推奨最小値（m=19456 KiB, t=2, p=1）を下回っています。テスト以外では使わないでください"
    )
}

pub fn secret_too_long(max: usize) -> String {
    tr!(
        "the password on stdin is longer than {max} bytes; no password is that long (is stdin the right file?)",
        "標準入力のパスワードが {max} バイトを超えています。入力が正しいか確認してください"
    )
}

pub fn secret_not_utf8() -> String {
    tr!(
        "the password on stdin is not valid UTF-8; send it as UTF-8 text",
        "標準入力のパスワードが UTF-8 ではありません。UTF-8 の文字列で渡してください"
    )
}

pub fn generator_unusable(e: &crate::policy::PolicyError) -> String {
    let why = super::policy::describe_policy_error(e, super::is_ja());
    tr!(
        "the policy in force cannot generate initial passwords: {why}; nothing was issued; change the generator with `acctsec policy set`",
        "現在のポリシーでは初期パスワードを生成できません: {why}。何も発行していません。`acctsec policy set` で generator を変更してください"
    )
}

pub fn generator_exhausted(code: &str, tries: u32, rule: Option<crate::policy::Rule>) -> String {
    let code = sanitize(code);
    let ja = super::is_ja();
    let most = rule.map(|r| super::policy::rule_name(r, ja)).unwrap_or("-");
    tr!(
        "no initial password for customer {code}: {tries} generated passwords all broke the execution rules (most often: {most}); change the generator with `acctsec policy set`, then run the command again",
        "お客様 {code} の初期パスワードを生成できません: 生成した {tries} 件すべてが執行パスワードのルールに違反しました（最も多い違反: {most}）。`acctsec policy set` で generator を変更してから、同じコマンドを再実行してください"
    )
}

pub fn issue_lines_dropped(n: usize) -> String {
    tr!(
        "warning: {n} line(s) of the interrupted run's temporary file did not match the ledger and were dropped; those customers get new initial passwords",
        "警告: 中断された発行処理の一時ファイルのうち {n} 行が台帳と一致しなかったため破棄しました。該当するお客様には新しい初期パスワードを発行します"
    )
}
