//! Messages of `acctsec notify`.

use crate::notify::{NoticeType, SystemNotice};
use crate::sanitize::sanitize;

pub fn unknown_type(s: &str) -> String {
    let s = sanitize(s);
    let known = NoticeType::ALL.map(|t| t.name()).join(", ");
    tr!(
        "unknown notice type {s:?}; the types are: {known} (see `acctsec notify types`)",
        "通知種別 {s:?} はありません。使える種別: {known}（`acctsec notify types` を参照）"
    )
}

pub fn trigger(t: NoticeType) -> String {
    use NoticeType as T;
    match t {
        T::Login => tr!(
            "every login (front end: notify emit login)",
            "ログインのたび（フロントエンドの notify emit login）"
        ),
        T::LoginNewEnv => tr!(
            "a login from an environment the customer has not used: an unknown device, and a browser or network not used lately",
            "これまでにご利用のない環境（端末・ブラウザ・ネットワーク）からのログイン"
        ),
        T::WithdrawalRequest => tr!("a withdrawal request is received", "出金依頼の受付"),
        T::WithdrawalComplete => tr!("a withdrawal request is completed", "出金申込の完了"),
        T::WithdrawalAuthCode => tr!(
            "a withdrawal asks for an email auth code (turning it on makes the code required)",
            "出金時の認証コード（オンにすると出金に認証コードが必須）"
        ),
        T::ViewAuthCode => tr!(
            "viewing registered data asks for an email auth code",
            "登録情報の照会時の認証コード"
        ),
        T::EmailChanged => tr!(
            "the registered email address changes (sent to the old and the new address)",
            "登録メールアドレスの変更（新旧両方のアドレスへ送信）"
        ),
        T::BankAccountChanged => tr!("the withdrawal bank account is changed", "出金先口座の変更"),
        T::TradeExecuted => tr!("a trade is executed", "約定"),
        T::FundExecuted => tr!("a mutual fund trade is executed", "投資信託の約定"),
        T::AccountInfoChanged => tr!("account information is changed", "口座情報の変更"),
    }
}

pub fn system_trigger(s: SystemNotice) -> String {
    match s {
        SystemNotice::InitialPasswordIssued => tr!(
            "acctsec password issue / unlock --reissue (never carries the password)",
            "acctsec password issue / unlock --reissue（パスワードは記載しません）"
        ),
        SystemNotice::AccountLocked => tr!(
            "the account locks after repeated failed execution passwords, or staff lock it",
            "執行パスワードの連続失敗によるロック、または担当者によるロック"
        ),
        SystemNotice::AccountUnlocked => tr!("staff unlock the account", "担当者によるロック解除"),
    }
}

pub fn mandatory(t: &str) -> String {
    tr!(
        "{t} is a mandatory notice and cannot be turned off (it lets the customer spot a takeover)",
        "{t} は必須の通知のためオフにできません（不正アクセスの早期発見のため）"
    )
}

/// `to` (pc, mobile or both) has no registered address; `missing`: the
/// kinds (pc, mobile) to register, each with its own `set-email` flag.
pub fn no_address(code: &str, to: &str, missing: &[&str]) -> String {
    let code = sanitize(code);
    let register = missing
        .iter()
        .map(|m| format!("`acctsec customer set-email {code} --{m} ADDR`"))
        .collect::<Vec<_>>();
    let (en, ja) = (register.join(" and "), register.join(" と "));
    let missing = missing.join(", ");
    tr!(
        "customer {code} has no registered {missing} address for --to {to}; register it first with {en}, or choose another --to",
        "お客様 {code} には --to {to} に必要な {missing} アドレスが登録されていません。{ja} で登録するか、別の --to を指定してください"
    )
}

pub fn unchanged(code: &str, t: &str) -> String {
    let code = sanitize(code);
    tr!(
        "customer {code}: {t} is already set that way; nothing changed",
        "お客様 {code}: {t} は既にその設定です。変更はありません"
    )
}

pub fn changed(code: &str, t: &str, enabled: bool, to: &str) -> String {
    let code = sanitize(code);
    let state = if enabled { "on" } else { "off" };
    tr!(
        "customer {code}: {t} is now {state} (to: {to})",
        "お客様 {code}: {t} を {state} にしました（送信先: {to}）"
    )
}

pub fn security_change(t: &str) -> String {
    tr!(
        "note: {t} is a security setting: from now on the customer needs the emailed auth code for this operation",
        "注意: {t} はセキュリティ設定です。今後この操作にはメールの認証コードが必要になります"
    )
}

pub fn unknown_column(c: &str) -> String {
    let c = sanitize(c);
    tr!(
        "unknown column {c:?}; the columns are code,type,enabled,to",
        "不明な列 {c:?} があります。列は code,type,enabled,to です"
    )
}

pub fn missing_column(c: &str) -> String {
    tr!(
        "the required column {c} is missing",
        "必須の列 {c} がありません"
    )
}

pub fn empty(c: &str) -> String {
    tr!("{c} is required but empty", "{c} は必須ですが空です")
}

pub fn bad_enabled(v: &str) -> String {
    let v = sanitize(v);
    tr!(
        "enabled {v:?} must be on or off (or true/false, 1/0)",
        "enabled {v:?} は on か off（true/false、1/0）にしてください"
    )
}

pub fn bad_to(v: &str) -> String {
    let v = sanitize(v);
    tr!(
        "to {v:?} must be pc, mobile or both",
        "to {v:?} は pc、mobile、both のいずれかにしてください"
    )
}

pub fn no_customer(code: &str) -> String {
    let code = sanitize(code);
    tr!(
        "no customer with code {code}",
        "お客様コード {code} は登録されていません"
    )
}

pub fn import_summary(file: &std::path::Path, changed: u64, unchanged: u64) -> String {
    let f = sanitize(&file.display().to_string());
    tr!(
        "{f}: {changed} subscription(s) changed, {unchanged} unchanged",
        "{f}: 配信設定 変更 {changed} 件、変更なし {unchanged} 件"
    )
}

pub fn emitted(t: &str, code: &str, queued: usize, why: &str) -> String {
    let code = sanitize(code);
    if queued > 0 {
        tr!(
            "{t} for {code}: queued {queued} notice(s)",
            "お客様 {code} の {t}: 通知を {queued} 件キューに入れました"
        )
    } else {
        let why_en = match why {
            "not_subscribed" => "the customer does not subscribe",
            "known_environment" => "a known environment",
            "no_environment" => "no device token or address to place the login by",
            "no_address" => "no registered address for the chosen destination",
            _ => why,
        };
        let why_ja = match why {
            "not_subscribed" => "お客様が配信を希望していません",
            "known_environment" => "既知の環境です",
            "no_environment" => "ログインを特定する端末 ID・IP アドレスがありません",
            "no_address" => "送信先のアドレスが登録されていません",
            _ => why,
        };
        tr!(
            "{t} for {code}: not queued ({why_en})",
            "お客様 {code} の {t}: 通知しません（{why_ja}）"
        )
    }
}

pub fn exported(n: usize, out: &std::path::Path, export: u64) -> String {
    let f = sanitize(&out.display().to_string());
    tr!(
        "exported {n} pending notice(s) to {f} (export {export}); after the gateway sends them, run `acctsec notify outbox ack --from {f}`",
        "未送信の通知 {n} 件を {f} に書き出しました（エクスポート {export}）。送信後に `acctsec notify outbox ack --from {f}` を実行してください"
    )
}

/// `outbox ack` without an export, and none was made.
pub fn no_export() -> String {
    tr!(
        "no export to acknowledge: only notices handed over by `acctsec notify outbox export` can be marked sent",
        "確認するエクスポートがありません。`acctsec notify outbox export` で書き出した通知だけを送信済みにできます"
    )
}

/// `outbox ack --export N`, and N is no export.
pub fn no_such_export(export: u64) -> String {
    tr!(
        "there is no export {export}: give the number in the \"export\" field of the export file's lines, or --from FILE",
        "エクスポート {export} はありません。書き出したファイルの \"export\" の番号を指定するか、--from FILE を使ってください"
    )
}

/// Ids that the named export did not hand over: nothing was marked.
pub fn not_in_export(export: u64, ids: &[i64]) -> String {
    let list = ids
        .iter()
        .take(20)
        .map(|i| i.to_string())
        .collect::<Vec<_>>()
        .join(", ");
    tr!(
        "export {export} did not hand over notice(s) {list}: nothing was marked sent; acknowledge each export's notices with its own --export N (or --from its file)",
        "エクスポート {export} には通知 {list} が含まれていません。何も送信済みにしていません。各エクスポートの通知はその --export N（または --from そのファイル）で確認してください"
    )
}

/// `outbox ack --from FILE --export N`, and the file names another export.
pub fn other_export(file: &std::path::Path, named: u64, given: u64) -> String {
    let f = sanitize(&file.display().to_string());
    tr!(
        "{f} holds export {named}, not export {given}: give one of them",
        "{f} はエクスポート {named} のもので、{given} ではありません。どちらか一方を指定してください"
    )
}

pub fn unknown_ids(ids: &[i64]) -> String {
    let list = id_list(ids);
    tr!(
        "no exported notice with id {list} (check the ids in the export file); nothing was marked sent",
        "ID {list} の書き出し済みの通知はありません（書き出したファイルの ID を確認してください）。何も送信済みにしていません"
    )
}

/// `outbox ack --from`: a line that is not a notice as `outbox export` wrote it.
pub fn export_line_without_id() -> String {
    tr!(
        "not a notice written by `acctsec notify outbox export` (a JSON object with a numeric \"id\")",
        "`acctsec notify outbox export` が書き出した通知（数値の \"id\" を持つ JSON オブジェクト）ではありません"
    )
}

/// `outbox ack --from`: a line longer than any notice.
pub fn export_line_too_long(max: u64) -> String {
    let kib = max / 1024;
    tr!(
        "the line is longer than {kib} KiB: not a file written by `acctsec notify outbox export`; reading stopped here",
        "行が {kib} KiB を超えています。`acctsec notify outbox export` が書き出したファイルではありません。ここで読み込みを止めました"
    )
}

/// `outbox ack --from FILE`: the file holds no notice at all.
pub fn export_file_empty(file: &std::path::Path) -> String {
    let f = crate::sanitize::sanitize(&file.display().to_string());
    tr!(
        "{f} holds no notices; nothing was marked sent",
        "{f} には通知がありません。何も送信済みにしていません"
    )
}

pub fn acked(n: usize, already: usize) -> String {
    tr!(
        "marked {n} notice(s) sent ({already} already were)",
        "{n} 件を送信済みにしました（{already} 件は既に送信済み）"
    )
}

pub fn no_environment() -> String {
    tr!(
        "login_new_env needs the login's environment: pass --device-id (the browser's token cookie) or --ip, with --user-agent",
        "login_new_env にはログイン環境が必要です。--device-id（ブラウザの端末 ID クッキー）または --ip を、--user-agent とあわせて指定してください"
    )
}

pub fn duplicate_row(first_line: u64) -> String {
    tr!(
        "the same customer and type as line {first_line}; keep one row per customer and type",
        "{first_line} 行目と同じお客様・種別です。1つのお客様・種別につき1行にしてください"
    )
}

/// Why a row of a subscription CSV was refused.
pub fn import_problem(p: &crate::notify::import::Problem) -> String {
    use crate::notify::import::Problem;
    match p {
        Problem::UnknownColumn(c) => unknown_column(c),
        Problem::MissingColumn(c) => missing_column(c),
        Problem::Empty(c) => empty(c),
        Problem::UnknownType(t) => unknown_type(t),
        Problem::BadEnabled(v) => bad_enabled(v),
        Problem::BadTo(v) => bad_to(v),
        Problem::Duplicate { first_line } => duplicate_row(*first_line),
        Problem::Malformed(what) => {
            let p = crate::customer::import::Problem::Malformed(what.clone());
            super::customer::import_problem(&p)
        }
    }
}

pub fn file_too_large(max: u64) -> String {
    let mib = max >> 20;
    tr!(
        "the file is larger than {mib} MiB; split it and import the parts one by one",
        "ファイルが {mib} MiB を超えています。分割して順に取り込んでください"
    )
}

// ---------------------------------------------------------------- notify send

/// The relay, as messages name it.
fn relay(host: &str, port: u16) -> String {
    format!("{}:{port}", sanitize(host))
}

/// `notify send`: the relay cannot be reached (exit 75).
pub fn relay_unreachable(host: &str, port: u16, detail: &str) -> String {
    let r = relay(host, port);
    let detail = sanitize(detail);
    tr!(
        "the mail relay {r} cannot be reached ({detail}); nothing more was sent and the notices not sent stay pending: run `acctsec notify send` again later",
        "メールリレー {r} に接続できません（{detail}）。これ以上は送信しておらず、未送信の通知は送信待ちのままです。後で `acctsec notify send` をもう一度実行してください"
    )
}

/// `notify send`: the TLS handshake with the relay failed (exit 75).
pub fn relay_tls(host: &str, port: u16, detail: &str) -> String {
    let r = relay(host, port);
    let detail = sanitize(detail);
    tr!(
        "TLS with the mail relay {r} failed ({detail}); nothing was sent: check [smtp] tls and ca_file (the CA that signed the relay's certificate), then run `acctsec notify send` again",
        "メールリレー {r} との TLS 接続に失敗しました（{detail}）。何も送信していません。[smtp] の tls と ca_file（リレーの証明書に署名した CA）を確認して、`acctsec notify send` をもう一度実行してください"
    )
}

/// `notify send`: the relay refused the login (exit 78).
pub fn relay_auth(host: &str, port: u16, detail: &str) -> String {
    let r = relay(host, port);
    let detail = sanitize(detail);
    tr!(
        "the mail relay {r} refused the login ({detail}); nothing was sent: check [smtp] username and the password (password_file or ACCTSEC_SMTP_PASSWORD)",
        "メールリレー {r} がログインを拒否しました（{detail}）。何も送信していません。[smtp] の username とパスワード（password_file または ACCTSEC_SMTP_PASSWORD）を確認してください"
    )
}

/// `notify send`: `[smtp] ca_file` is unusable (exit 78).
pub fn relay_ca_file(detail: &str) -> String {
    let detail = sanitize(detail);
    tr!(
        "[smtp] ca_file cannot be used ({detail}); it must hold the relay's CA certificate(s) in PEM; nothing was sent",
        "[smtp] の ca_file を使えません（{detail}）。リレーの CA 証明書を PEM 形式で入れてください。何も送信していません"
    )
}

/// `notify send`'s summary.
pub fn send_summary(sent: usize, deferred: usize, failed: usize) -> String {
    tr!(
        "{sent} notice(s) sent, {deferred} deferred (tried again later), {failed} failed (see `acctsec notify outbox --status failed`)",
        "{sent} 件を送信、{deferred} 件を保留（後で再送）、{failed} 件が失敗しました（`acctsec notify outbox --status failed` を参照）"
    )
}

/// `notify send`: code notices sealed to a key this host does not have.
pub fn left_sealed(n: u64, has_key: bool) -> String {
    if has_key {
        tr!(
            "{n} auth code notice(s) are sealed to another host's key and were left for it (run `acctsec notify send` there)",
            "{n} 件の認証コード通知は別のホストの鍵で封印されているため、そのホストに残しました（そちらで `acctsec notify send` を実行してください）"
        )
    } else {
        tr!(
            "{n} auth code notice(s) are sealed to a key this host does not have ([notify] seal_key_file) and were left for the host that has it",
            "{n} 件の認証コード通知はこのホストにない鍵（[notify] seal_key_file）で封印されているため、鍵を持つホストに残しました"
        )
    }
}

/// `notify outbox export`: code notices this host's key does not open.
pub fn export_left(n: usize) -> String {
    tr!(
        "{n} auth code notice(s) were not exported: sealed to a key this host does not have ([notify] seal_key_file), or mailed already by `authcode issue`; they stay pending",
        "{n} 件の認証コード通知はエクスポートしていません（このホストにない鍵（[notify] seal_key_file）で封印されているか、`authcode issue` が送信済み）。送信待ちのままです"
    )
}

/// `notify keygen`: the key pair was made.
pub fn keygen_done(path: &std::path::Path, public: &str) -> String {
    let f = super::p(path);
    tr!(
        "wrote the seal key to {f} (mode 0600; keep it on the host that runs `notify send` only, never in the ledger). There set [notify] seal_key_file = \"{f}\"; on every host that issues auth codes without [smtp] set [notify] seal_public_key = \"{public}\"",
        "封印鍵を {f} に書き込みました（モード 0600。`notify send` を実行するホストにだけ置き、台帳には入れないでください）。そのホストでは [notify] seal_key_file = \"{f}\" を、[smtp] なしで認証コードを発行するすべてのホストでは [notify] seal_public_key = \"{public}\" を設定してください"
    )
}

/// `notify send`: the budget ended the run before the queue did.
pub fn send_budget_over() -> String {
    tr!(
        "the --budget ran out; the notices left stay pending for the next run",
        "--budget の時間を使い切りました。残りの通知は次回の実行で送信します"
    )
}

/// `notify send` stopped by a signal between two messages.
pub fn send_interrupted(signal: &str, sent: usize) -> String {
    tr!(
        "interrupted by {signal} after {sent} notice(s) sent; the rest stay pending and nothing is held: the next `acctsec notify send` sends them",
        "{signal} により中断しました（送信済み {sent} 件）。残りの通知は未送信のまま、次の `acctsec notify send` ですぐに送信できます"
    )
}

/// `notify send`: a notice refused for good.
pub fn send_failed(id: i64, reply: &str) -> String {
    let reply = sanitize(reply);
    tr!(
        "notice {id} failed: {reply}; fix the address if needed, then `acctsec notify outbox retry {id}`",
        "通知 {id} の送信に失敗しました: {reply}。必要ならアドレスを直して `acctsec notify outbox retry {id}` を実行してください"
    )
}

/// `notify send --dry-run`: nothing is sent.
pub fn dry_run_count(n: usize) -> String {
    tr!(
        "dry run: {n} notice(s) would be sent; nothing was sent or changed",
        "ドライラン: {n} 件を送信します。何も送信・変更していません"
    )
}

/// `notify outbox retry`: ids that are not failed notices.
/// `notify outbox retry` of a code notice that `authcode issue` mailed at
/// once: the code is kept nowhere to send again.
pub fn retry_no_code(ids: &[i64]) -> String {
    let list = id_list(ids);
    tr!(
        "notice(s) {list} carried an auth code mailed at once by `authcode issue`; the code is kept nowhere to send again: issue a new code instead; nothing was re-queued",
        "通知 {list} は `authcode issue` がその場で送った認証コードの通知です。コードはどこにも保存されていないため再送できません。新しいコードを発行してください。何も再送待ちにしていません"
    )
}

pub fn not_failed(ids: &[i64]) -> String {
    let list = id_list(ids);
    tr!(
        "notice(s) {list} did not fail (see `acctsec notify outbox --status failed`); nothing was re-queued",
        "通知 {list} は失敗していません（`acctsec notify outbox --status failed` を参照）。何も再送待ちにしていません"
    )
}

/// `notify outbox retry`: an id that is no notice.
pub fn no_notice(ids: &[i64]) -> String {
    let list = id_list(ids);
    tr!(
        "no notice with id {list} (see `acctsec notify outbox`); nothing was re-queued",
        "ID {list} の通知はありません（`acctsec notify outbox` を参照）。何も再送待ちにしていません"
    )
}

/// `notify outbox retry`: done.
pub fn retried(n: usize) -> String {
    tr!(
        "{n} failed notice(s) put back in the queue; the next `acctsec notify send` delivers them",
        "失敗した通知 {n} 件を送信待ちに戻しました。次の `acctsec notify send` で送信します"
    )
}

/// `notify emit --ip` that is no IP address.
pub fn bad_ip() -> String {
    tr!(
        "not an IP address (give the client's address, e.g. 203.0.113.5 or 2001:db8::1)",
        "IP アドレスではありません（例: 203.0.113.5、2001:db8::1）"
    )
}

/// `notify emit --device-id` that is no token.
pub fn bad_device_id(min: usize, max: usize) -> String {
    tr!(
        "not a device token: {min} to {max} visible ASCII characters (the value of the front end's device cookie)",
        "端末 ID ではありません。{min}〜{max} 文字の ASCII 文字（フロントエンドの端末 ID クッキーの値）を指定してください"
    )
}

/// `notify emit --device-id` with a notice type that is no login.
pub fn device_id_not_login(t: &str) -> String {
    tr!(
        "--device-id describes a login: give it with login or login_new_env, not {t}",
        "--device-id はログインの情報です。{t} ではなく login または login_new_env とともに指定してください"
    )
}

/// What became of a reported login's environment (`notify emit login`).
pub fn environment_outcome(code: &str, why: &str, queued: usize) -> String {
    // `why`: known_environment, no_environment, new_environment (queued),
    // no_address, not_subscribed.
    let code = sanitize(code);
    match why {
        "known_environment" => tr!(
            "login environment of {code}: known",
            "お客様 {code} のログイン環境: 既知"
        ),
        "no_environment" => tr!(
            "login environment of {code}: not recorded (no --device-id or --ip)",
            "お客様 {code} のログイン環境: 記録しません（--device-id も --ip もありません）"
        ),
        _ if queued > 0 => tr!(
            "login environment of {code}: new; queued {queued} login_new_env notice(s)",
            "お客様 {code} のログイン環境: 新規。login_new_env を {queued} 件キューに入れました"
        ),
        "no_address" => tr!(
            "login environment of {code}: new, now known; no notice (no registered address for the chosen destination)",
            "お客様 {code} のログイン環境: 新規（既知として記録）。送信先のアドレスが登録されていないため通知しません"
        ),
        _ => tr!(
            "login environment of {code}: new, now known; no notice (the customer does not subscribe to login_new_env)",
            "お客様 {code} のログイン環境: 新規（既知として記録）。お客様が login_new_env の配信を希望していないため通知しません"
        ),
    }
}

/// `notify emit --device/--user-agent` with control characters.
pub fn bad_client_text(max: usize) -> String {
    tr!(
        "must be one line of plain text without control characters (at most {max} characters are kept)",
        "制御文字を含まない 1 行のテキストにしてください（先頭 {max} 文字までを記録します）"
    )
}

/// Notice ids as a list in a sentence: `3, 7, 12`.
fn id_list(ids: &[i64]) -> String {
    ids.iter()
        .map(|i| i.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// A relay the policy does not list (`[mail] relays`): nothing connected
/// to, nothing sent or issued (exit 78).
pub fn relay_not_allowed(relay: &str, allowed: &[String]) -> String {
    let relay = sanitize(relay);
    let allowed = allowed
        .iter()
        .map(|r| sanitize(r))
        .collect::<Vec<_>>()
        .join(", ");
    tr!(
        "the relay {relay} ([smtp] in the configuration file) is not one the policy lets notices go through ([mail] relays: {allowed}); nothing was sent or issued, and the refusal is in the trail: point [smtp] at one of those relays, or have the policy changed (`acctsec policy set --file`)",
        "中継サーバー {relay}（設定ファイルの [smtp]）は、ポリシーが通知の送信に認めている中継サーバー（[mail] relays: {allowed}）ではありません。何も送信・発行しておらず、この拒否は監査証跡に記録しました。[smtp] をそのいずれかに向けるか、ポリシーを変更してください（`acctsec policy set --file`）"
    )
}
