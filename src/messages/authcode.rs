//! Messages of `acctsec authcode`.

use crate::sanitize::sanitize;

pub fn prompt(purpose: &str) -> String {
    tr!("{purpose} auth code: ", "{purpose} の認証コード: ")
}

/// `authcode issue`: a code was issued and its mail queued, not yet sent
/// (`notify send` delivers it).
pub fn queued(code: &str, purpose: &str, notices: usize, until: &str) -> String {
    let code = sanitize(code);
    tr!(
        "customer {code}: a {purpose} auth code was issued and queued for email, sealed to the sending host's key ({notices} notice(s)); `acctsec notify send` on the host with [notify] seal_key_file delivers it; valid until {until}",
        "お客様 {code}: {purpose} の認証コードを発行し、送信ホストの鍵で封印してメールを送信待ちにしました（通知 {notices} 件）。[notify] seal_key_file を持つホストの `acctsec notify send` で送信されます。有効期限 {until}"
    )
}

/// `authcode issue` on a host with `[smtp]`: the code was mailed at once.
pub fn sent(code: &str, purpose: &str, notices: usize, until: &str) -> String {
    let code = sanitize(code);
    tr!(
        "customer {code}: a {purpose} auth code was issued and handed to the mail relay ({notices} notice(s)); valid until {until}",
        "お客様 {code}: {purpose} の認証コードを発行し、メールリレーに渡しました（通知 {notices} 件）。有効期限 {until}"
    )
}

/// `authcode issue` mailing at once: one of the customer's addresses was
/// refused (the code went to another).
pub fn address_failed(id: i64, reply: &str) -> String {
    let reply = sanitize(reply);
    tr!(
        "notice {id} (another of the customer's addresses) was not delivered: {reply}; the code went to the other address",
        "通知 {id}（お客様の別のアドレス宛て）は届けられませんでした: {reply}。コードはもう一方のアドレスに送りました"
    )
}

/// `authcode issue` mailing at once: the relay was not reached (nothing
/// issued), or was lost while mailing (the code ended). Exit 75 or 78.
pub fn relay_down(code: &str, purpose: &str, relay: &str, detail: &str, issued: bool) -> String {
    let (code, relay, detail) = (sanitize(code), sanitize(relay), sanitize(detail));
    if issued {
        tr!(
            "customer {code}: the {purpose} auth code could not be mailed: the connection to the mail relay {relay} was lost ({detail}); the code was ended, nobody received it: do not go ahead; ask for a new code once the relay works (the cooldown does not count this one)",
            "お客様 {code}: {purpose} の認証コードをメールで送れませんでした。メールリレー {relay} との接続が切れました（{detail}）。コードは無効にしました（誰にも届いていません）。先に進まず、リレーが復旧したら新しいコードを発行してください（今回の発行は再発行の待ち時間に数えません）"
        )
    } else {
        tr!(
            "customer {code}: the mail relay {relay} cannot be used ({detail}); no {purpose} auth code was issued: do not go ahead; fix the relay ([smtp] of the configuration) and ask again",
            "お客様 {code}: メールリレー {relay} を使えません（{detail}）。{purpose} の認証コードは発行していません。先に進まず、リレー（設定の [smtp]）を直してからもう一度発行してください"
        )
    }
}

/// `authcode issue` mailing at once: the relay refused (`temporary`: at
/// least one 4xx) every notice; the code was ended.
pub fn refused(code: &str, purpose: &str, replies: &str, temporary: bool) -> String {
    let (code, replies) = (sanitize(code), sanitize(replies));
    if temporary {
        tr!(
            "customer {code}: the mail relay did not take the {purpose} auth code's mail for now ({replies}); the code was ended, nobody received it: do not go ahead; ask for a new code in a few minutes",
            "お客様 {code}: メールリレーが {purpose} の認証コードのメールを一時的に受け付けませんでした（{replies}）。コードは無効にしました（誰にも届いていません）。先に進まず、数分後に新しいコードを発行してください"
        )
    } else {
        tr!(
            "customer {code}: the mail relay refused the {purpose} auth code's mail ({replies}); the code was ended, nobody received it: do not go ahead; check the customer's address (`acctsec customer show {code}`)",
            "お客様 {code}: メールリレーが {purpose} の認証コードのメールを拒否しました（{replies}）。コードは無効にしました（誰にも届いていません）。先に進まず、お客様のアドレスを確認してください（`acctsec customer show {code}`）"
        )
    }
}

pub fn not_required(code: &str, purpose: &str, notice: &str) -> String {
    let code = sanitize(code);
    tr!(
        "customer {code} does not require a {purpose} auth code ({notice} is off): go ahead without one",
        "お客様 {code} は {purpose} の認証コードを必要としていません（{notice} がオフ）。認証コードなしで進めてください"
    )
}

pub fn too_soon(code: &str, purpose: &str, next: &str) -> String {
    let code = sanitize(code);
    tr!(
        "customer {code}: a {purpose} auth code was issued moments ago; the next one may be asked for at {next}",
        "お客様 {code}: {purpose} の認証コードを発行した直後です。次の認証コードは {next} 以降に要求できます"
    )
}

pub fn no_address(code: &str, purpose: &str, notice: &str) -> String {
    let code = sanitize(code);
    tr!(
        "customer {code} requires a {purpose} auth code ({notice} is on) but has no registered address to send it to; nothing was issued: register one with `acctsec customer set-email`",
        "お客様 {code} は {purpose} の認証コードが必要（{notice} がオン）ですが、送信先のメールアドレスが登録されていません。発行していません。`acctsec customer set-email` で登録してください"
    )
}

pub fn matched(code: &str, purpose: &str) -> String {
    let code = sanitize(code);
    tr!(
        "customer {code}: the {purpose} auth code matches; it is now used up",
        "お客様 {code}: {purpose} の認証コードが一致しました（使用済みになりました）"
    )
}

pub fn wrong(code: &str, purpose: &str, left: u32) -> String {
    let code = sanitize(code);
    tr!(
        "customer {code}: wrong {purpose} auth code; {left} more try(ies) before the code is ended",
        "お客様 {code}: {purpose} の認証コードが違います。あと {left} 回誤るとこの認証コードは無効になります"
    )
}

pub fn exhausted(code: &str, purpose: &str, tries: u32) -> String {
    let code = sanitize(code);
    tr!(
        "customer {code}: wrong {purpose} auth code, {tries} wrong tries: the code is ended; issue a new one",
        "お客様 {code}: {purpose} の認証コードを {tries} 回誤ったため、この認証コードは無効になりました。新しい認証コードを発行してください"
    )
}

pub fn expired(code: &str, purpose: &str, at: &str) -> String {
    let code = sanitize(code);
    tr!(
        "customer {code}: the {purpose} auth code expired at {at}; issue a new one",
        "お客様 {code}: {purpose} の認証コードは {at} に有効期限が切れました。新しい認証コードを発行してください"
    )
}

pub fn none(code: &str, purpose: &str) -> String {
    let code = sanitize(code);
    tr!(
        "customer {code} has no live {purpose} auth code (never issued, used, or ended); issue a new one",
        "お客様 {code} には有効な {purpose} の認証コードがありません（未発行、使用済み、または無効）。新しい認証コードを発行してください"
    )
}

pub fn changed_while_verifying() -> String {
    tr!(
        "the auth code changed while it was being checked (a new one was issued or it was used); try again",
        "照合中に認証コードが変わりました（再発行または使用済み）。もう一度お試しください"
    )
}

/// `customer show`: one live code.
pub fn live_until(purpose: &str, until: &str) -> String {
    tr!("{purpose} until {until}", "{purpose}（{until} まで）")
}

/// `authcode issue`: the customer's codes for the purpose are locked.
pub fn locked(code: &str, purpose: &str, since: &str) -> String {
    let code = sanitize(code);
    tr!(
        "customer {code}: {purpose} auth codes are locked since {since} (the day's limit of codes or wrong tries was reached); do not go ahead: after checking with the customer, staff clear it with `acctsec authcode unlock {code} --purpose {purpose} --reason TEXT`",
        "お客様 {code}: {purpose} の認証コードは {since} から停止中です（本日の発行回数または入力誤りの上限に達しました）。処理を進めないでください。お客様に確認のうえ、`acctsec authcode unlock {code} --purpose {purpose} --reason 理由` で解除してください"
    )
}

/// `authcode verify`: the day's last allowed wrong try locked the purpose.
pub fn locked_by_tries(code: &str, purpose: &str, wrong: u32) -> String {
    let code = sanitize(code);
    tr!(
        "customer {code}: wrong {purpose} auth code, {wrong} wrong tries today: the code is ended and {purpose} auth codes are locked until staff clear them (`acctsec authcode unlock`); the customer is notified",
        "お客様 {code}: {purpose} の認証コードが違います。本日 {wrong} 回誤ったため、この認証コードを無効にし、{purpose} の認証コードを停止しました（解除は `acctsec authcode unlock`）。お客様に通知します"
    )
}

/// `authcode unlock`: the lock was cleared.
pub fn unlocked(code: &str, purpose: &str) -> String {
    let code = sanitize(code);
    tr!(
        "customer {code}: {purpose} auth codes are unlocked; a code may be issued again",
        "お客様 {code}: {purpose} の認証コードの停止を解除しました。認証コードを再び発行できます"
    )
}

/// `authcode unlock`: there was no lock.
pub fn not_locked(code: &str, purpose: &str) -> String {
    let code = sanitize(code);
    tr!(
        "customer {code}: {purpose} auth codes are not locked; nothing changed",
        "お客様 {code}: {purpose} の認証コードは停止されていません。何も変更していません"
    )
}
