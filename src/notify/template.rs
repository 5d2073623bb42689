//! The Japanese templates of the notices. A notice names the customer, the
//! event, the time in JST, what to do if it was not them, and the support
//! desk; it never carries a password. The one secret a notice carries is a
//! one-time auth code ([`Event::AuthCode`]): the email is how it reaches
//! the customer, and the stored copy is blanked once the code is over.

use chrono::{DateTime, Utc};

use crate::customer::{AddressKind, mask_email};
use crate::sanitize::sanitize;
use crate::vocab::Kind;

/// What happened, with what the template may show.
#[derive(Debug, Clone)]
pub enum Event<'a> {
    EmailChanged {
        kind: AddressKind,
        old: Option<&'a str>,
        new: Option<&'a str>,
    },
    InitialPasswordIssued {
        /// The pre-registration end, shown as the deadline (JST text).
        deadline: Option<String>,
    },
    AccountLocked {
        cause: LockCause,
    },
    AccountUnlocked {
        /// With a fresh initial execution password (`unlock --reissue`):
        /// its deadline (JST text).
        reissued: Option<String>,
    },
    /// A notice the trading front end reports with `notify emit`.
    Emitted {
        kind: super::NoticeType,
        ip: Option<&'a str>,
        device: Option<&'a str>,
        user_agent: Option<&'a str>,
        amount: Option<u64>,
    },
    /// A login from an environment the customer has not used (N2), with
    /// what of it was new.
    NewEnvironment(NewEnvironment<'a>),
    /// A one-time auth code (`acctsec authcode issue`) for a withdrawal or a
    /// view of the registered data. `code: None` renders the copy kept once
    /// the code is used, ended or expired: the same text without the code.
    AuthCode {
        kind: super::NoticeType,
        code: Option<&'a str>,
        expires: DateTime<Utc>,
    },
}

/// What a notice of a login from a new environment shows.
#[derive(Debug, Clone, Default)]
pub struct NewEnvironment<'a> {
    /// The login's address (the customer's own), as reported.
    pub ip: Option<&'a str>,
    /// The front end's name for the device.
    pub device: Option<&'a str>,
    /// Browser family and OS (no versions).
    pub browser: Option<&'a str>,
    pub os: Option<&'a str>,
    /// The network, its host part masked (`203.0.113.*`).
    pub network: Option<String>,
    /// What was new: a device token never seen, a browser family/OS, a
    /// network.
    pub new_device: bool,
    pub new_browser: bool,
    pub new_network: bool,
    /// The support desk's telephone number (the policy's `support_phone`;
    /// empty: none).
    pub phone: &'a str,
}

/// Why an account was locked, as the customer is told.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LockCause {
    /// `failures` consecutive failed attempts of a password of `kind`.
    Failures { kind: Kind, failures: u32 },
    /// Staff locked it (`lock add`), e.g. on a suspected takeover.
    Staff,
    /// The day's cap of auth codes (`issues: true`) or of wrong tries of
    /// them was reached for the codes of notice `kind`: those codes are
    /// locked (the account is not) until staff clear them.
    AuthCodes {
        kind: super::NoticeType,
        issues: bool,
        count: u32,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub subject: String,
    pub body: String,
}

const NOT_YOU: &str = "お心当たりのない場合は、第三者による不正アクセスのおそれがあります。\
至急ログインパスワードと執行パスワードを変更のうえ、下記サポートデスクまでご連絡ください。";

/// Text from data (a device name, a user agent, the desk line) as a notice
/// may show it: sanitized, and `None` when a mail reader would show it as a
/// link (notices carry none; see [`crate::links`]).
fn data_text(s: &str) -> Option<String> {
    let s = sanitize(s);
    crate::links::is_link_free(&s).then_some(s)
}

/// Browser family and OS as a notice shows them: `Safari（iOS）`.
fn browser_text(browser: Option<&str>, os: Option<&str>) -> Option<String> {
    match (browser.and_then(data_text), os.and_then(data_text)) {
        (Some(b), Some(o)) => Some(format!("{b}（{o}）")),
        (Some(b), None) => Some(b),
        (None, Some(o)) => Some(format!("（{o}）")),
        (None, None) => None,
    }
}

fn yen(amount: u64) -> String {
    let digits = amount.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    format!("{out}円")
}

/// The stand-in for a code in the copy of its notice kept after it is over.
pub const CODE_REMOVED: &str = "（使用済み・無効・期限切れのため削除しました）";

/// The one Japanese style of a moment in every notice:
/// `2026年12月01日 07:30:21（日本時間）`.
fn japanese_time(at: DateTime<Utc>) -> String {
    at.with_timezone(&crate::clock::jst())
        .format("%Y年%m月%d日 %H:%M:%S（日本時間）")
        .to_string()
}

/// A deadline as the ledger keeps it (RFC 3339, JST) in the notices' style;
/// any other text as it is.
fn japanese_deadline(d: &str) -> String {
    match DateTime::parse_from_rfc3339(d) {
        Ok(t) => japanese_time(t.with_timezone(&Utc)),
        Err(_) => sanitize(d),
    }
}

/// Render a notice for `name` at `at`.
pub fn render(event: &Event, name: &str, at: DateTime<Utc>, support: &str) -> Rendered {
    use super::NoticeType as T;
    let when = japanese_time(at);
    let mut details: Vec<String> = Vec::new();
    let mut not_you = true;
    let (subject, sentence) = match event {
        Event::EmailChanged { kind, old, new } => {
            let which = match kind {
                AddressKind::Pc => "PC",
                AddressKind::Mobile => "携帯",
            };
            details.push(format!(
                "変更前: {}",
                old.map(mask_email).unwrap_or_else(|| "（未登録）".into())
            ));
            details.push(format!(
                "変更後: {}",
                new.map(mask_email).unwrap_or_else(|| "（削除）".into())
            ));
            (
                "【重要】登録メールアドレス変更のお知らせ".to_string(),
                format!(
                    "お客様の登録メールアドレス（{which}）が変更されました。本メールは変更前と変更後の両方のアドレスにお送りしています。"
                ),
            )
        }
        Event::InitialPasswordIssued { deadline } => {
            not_you = false;
            if let Some(d) = deadline {
                details.push(format!("変更期限: {}", japanese_deadline(d)));
            }
            (
                "【重要】執行パスワード（初期パスワード）設定のお知らせ".to_string(),
                "お客様の執行パスワードに、弊社にて初期パスワードを設定いたしました。\
初期パスワードは、ログイン後「会員トップ」のお知らせよりご確認ください（本メールには記載しておりません）。\
「口座管理」→「執行パスワード変更」より、期限までにご自身で新しい執行パスワードへ変更してください。"
                    .to_string(),
            )
        }
        Event::AccountLocked {
            cause: LockCause::Failures { kind, failures },
        } => {
            let which = match kind {
                Kind::Login => "ログインパスワード",
                Kind::Execution => "執行パスワード",
            };
            details.push(format!("連続失敗回数: {failures}回"));
            (
                "【重要】アカウントロックのお知らせ".to_string(),
                format!(
                    "{which}の認証に規定回数失敗したため、お客様のアカウントをロックいたしました。\
ロックの解除はサポートデスクにて承ります。"
                ),
            )
        }
        Event::AccountLocked {
            cause: LockCause::Staff,
        } => (
            "【重要】アカウントロックのお知らせ".to_string(),
            "お客様の口座の安全のため、弊社にてお客様のアカウントをロックいたしました。\
ロック中はログインおよびお取引をご利用いただけません。\
お手数ですが、下記サポートデスクまでご連絡ください。本人確認のうえ、ロックの解除を承ります。"
                .to_string(),
        ),
        Event::AccountLocked {
            cause:
                LockCause::AuthCodes {
                    kind,
                    issues,
                    count,
                },
        } => {
            let what = if *kind == T::WithdrawalAuthCode {
                "出金"
            } else {
                "登録情報の照会"
            };
            details.push(if *issues {
                format!("本日の認証コード発行回数: {count}回")
            } else {
                format!("本日の認証コード入力誤り: {count}回")
            });
            (
                format!("【重要】{what}の認証コード停止のお知らせ"),
                format!(
                    "{what}の認証コードの{}が本日の上限に達したため、お客様の口座の安全のため、\
{what}の認証コードの発行を停止いたしました。お心当たりがない場合は、第三者による不正なお取引の\
おそれがあります。停止の解除は、下記サポートデスクにて本人確認のうえ承ります。",
                    if *issues { "発行" } else { "入力誤り" }
                ),
            )
        }
        Event::AuthCode {
            kind,
            code,
            expires,
        } => {
            details.push(format!("認証コード: {}", code.unwrap_or(CODE_REMOVED)));
            details.push(format!("有効期限: {}", japanese_time(*expires)));
            let what = if *kind == T::WithdrawalAuthCode {
                "出金のお申込み"
            } else {
                "登録情報の照会"
            };
            (
                format!("【重要】{}", kind.name_ja()),
                format!(
                    "{what}に必要な認証コードをお知らせします。\
取引画面に下記の認証コードを入力してください。認証コードは一度だけ、有効期限までご利用いただけます。\
認証コードは弊社社員を含め、誰にも教えないでください。"
                ),
            )
        }
        Event::NewEnvironment(e) => {
            not_you = false;
            new_environment_details(e, &mut details);
            (
                "【重要】これまでと異なる環境からのログインのお知らせ".to_string(),
                "これまでにご利用のない環境（端末、ブラウザ、ネットワーク）から、お客様の口座にログインがありました。"
                    .to_string(),
            )
        }
        Event::AccountUnlocked { reissued } => {
            let mut sentence = "お客様のアカウントのロックを解除いたしました。".to_string();
            if let Some(d) = reissued {
                sentence.push_str(
                    "あわせて、執行パスワードに新しい初期パスワードを設定いたしました。\
初期パスワードは、ログイン後「会員トップ」のお知らせよりご確認ください（本メールには記載しておりません）。\
「口座管理」→「執行パスワード変更」より、期限までにご自身で新しい執行パスワードへ変更してください。",
                );
                details.push(format!("変更期限: {}", japanese_deadline(d)));
            }
            ("アカウントロック解除のお知らせ".to_string(), sentence)
        }
        Event::Emitted {
            kind,
            ip,
            device,
            user_agent,
            amount,
        } => {
            if let Some(v) = ip.and_then(data_text) {
                details.push(format!("IPアドレス: {v}"));
            }
            if let Some(v) = device.and_then(data_text) {
                details.push(format!("端末: {v}"));
            }
            // The user agent as browser family and OS: its raw text means
            // little to a customer, and may hold a link (a crawler's).
            if let Some(ua) = user_agent {
                let (b, o) = super::environment::reduce_user_agent(ua);
                if let Some(v) = browser_text(b.as_deref(), o.as_deref()).or_else(|| data_text(ua))
                {
                    details.push(format!("ブラウザ: {v}"));
                }
            }
            if let Some(a) = amount {
                details.push(format!("金額: {}", yen(*a)));
            }
            let sentence = match kind {
                T::Login => "お客様の口座にログインがありました。",
                T::LoginNewEnv => {
                    "前回とは異なる環境（端末、ブラウザ、IPアドレスなど）から、お客様の口座にログインがありました。"
                }
                T::WithdrawalRequest => "お客様の口座から出金のご依頼を受け付けました。",
                T::WithdrawalComplete => "出金のお申込みが完了しました。",
                T::WithdrawalAuthCode => {
                    "出金申込の認証コードが要求されました。認証コードは取引画面の案内に従ってご確認ください。"
                }
                T::ViewAuthCode => {
                    "登録情報照会の認証コードが要求されました。認証コードは取引画面の案内に従ってご確認ください。"
                }
                T::EmailChanged => "お客様の登録メールアドレスが変更されました。",
                T::BankAccountChanged => {
                    "お客様のお申込みにより、出金先口座の変更処理を行いました。"
                }
                T::TradeExecuted => {
                    not_you = false;
                    "ご注文が約定しました。"
                }
                T::FundExecuted => {
                    not_you = false;
                    "投資信託のご注文が約定しました。"
                }
                T::AccountInfoChanged => "お客様の口座情報が変更されました。",
            };
            (
                format!("【{}】{}", "お知らせ", kind.name_ja()),
                sentence.to_string(),
            )
        }
    };
    // A name that would show as a link (never one a broker registers) is
    // not repeated.
    let to = data_text(name).map_or_else(|| "お客様".to_string(), |n| format!("{n} 様"));
    let mut body = format!("{to}\n\n{sentence}\n\n日時: {when}\n");
    for d in details {
        body.push_str(&d);
        body.push('\n');
    }
    body.push('\n');
    if not_you {
        body.push_str(NOT_YOU);
        body.push_str("\n\n");
    }
    if let Event::NewEnvironment(e) = event {
        body.push_str(&call_the_desk(e.phone));
        body.push_str("\n\n");
    }
    // A desk line set before links were refused in it is left out.
    let desk = data_text(support).unwrap_or_else(|| "サポートデスク".to_string());
    body.push_str(&format!("お問い合わせ: {desk}\n\n"));
    body.push_str("※本メールは送信専用です。ご返信いただいてもお答えできません。\n");
    Rendered { subject, body }
}

/// What was new about the environment, line by line.
fn new_environment_details(e: &NewEnvironment, details: &mut Vec<String>) {
    let mut new = Vec::new();
    if e.new_device {
        new.push("端末");
    }
    if e.new_browser {
        new.push("ブラウザ");
    }
    if e.new_network {
        new.push("ネットワーク");
    }
    if !new.is_empty() {
        details.push(format!("初めてのご利用: {}", new.join("、")));
    }
    let mark = |is_new: bool| {
        if is_new {
            "（初めてのご利用）"
        } else {
            ""
        }
    };
    match e.device.and_then(data_text) {
        Some(d) => details.push(format!("端末: {d}{}", mark(e.new_device))),
        None if e.new_device => details.push("端末: 初めてログインに使われた端末".to_string()),
        None => {}
    }
    if let Some(b) = browser_text(e.browser, e.os) {
        details.push(format!("ブラウザ: {b}{}", mark(e.new_browser)));
    }
    if let Some(n) = e.network.as_deref().and_then(data_text) {
        details.push(format!("ネットワーク: {n}{}", mark(e.new_network)));
    }
    if let Some(ip) = e.ip.and_then(data_text) {
        details.push(format!("IPアドレス: {ip}"));
    }
}

/// What to do if the login was not the customer's: call the desk (its
/// number from the policy), never a link.
fn call_the_desk(phone: &str) -> String {
    let how = match data_text(phone).filter(|p| !p.is_empty()) {
        Some(p) => format!("至急サポートデスク（電話 {p}）までお電話ください。"),
        None => "至急下記サポートデスクまでお電話ください。".to_string(),
    };
    format!(
        "お心当たりのない場合は、第三者による不正ログインのおそれがあります。{how}\
弊社がメールでリンクをお送りし、ログインやパスワードの入力をお願いすることはありません。"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn a_notice_names_the_customer_the_time_and_the_desk() {
        let at = Utc.with_ymd_and_hms(2022, 9, 18, 9, 0, 0).unwrap();
        let r = render(
            &Event::AccountLocked {
                cause: LockCause::Failures {
                    kind: Kind::Execution,
                    failures: 9,
                },
            },
            "山田太郎",
            at,
            "0120-000-000",
        );
        assert!(r.body.starts_with("山田太郎 様"));
        assert!(r.body.contains("2022年09月18日 18:00:00（日本時間）"));
        assert!(r.body.contains("0120-000-000"));
        assert!(r.body.contains("お心当たりのない場合"));
        assert!(r.subject.contains("ロック"));
    }

    #[test]
    fn email_change_masks_both_addresses() {
        let at = Utc.with_ymd_and_hms(2022, 9, 18, 9, 0, 0).unwrap();
        let r = render(
            &Event::EmailChanged {
                kind: AddressKind::Pc,
                old: Some("taro@example.co.jp"),
                new: Some("jiro@example.com"),
            },
            "山田",
            at,
            "desk",
        );
        assert!(!r.body.contains("taro@"), "{}", r.body);
        assert!(r.body.contains("ta**@ex*****.co.jp"), "{}", r.body);
    }

    #[test]
    fn an_auth_code_lock_names_the_purpose_and_the_cap() {
        let at = Utc.with_ymd_and_hms(2022, 9, 18, 9, 0, 0).unwrap();
        let r = render(
            &Event::AccountLocked {
                cause: LockCause::AuthCodes {
                    kind: crate::notify::NoticeType::WithdrawalAuthCode,
                    issues: false,
                    count: 10,
                },
            },
            "山田",
            at,
            "desk",
        );
        assert!(r.subject.contains("出金の認証コード停止"), "{}", r.subject);
        assert!(
            r.body.contains("本日の認証コード入力誤り: 10回"),
            "{}",
            r.body
        );
        assert!(r.body.contains("desk"), "{}", r.body);
    }

    #[test]
    fn a_staff_lock_says_the_broker_locked_it() {
        let at = Utc.with_ymd_and_hms(2022, 9, 18, 9, 0, 0).unwrap();
        let r = render(
            &Event::AccountLocked {
                cause: LockCause::Staff,
            },
            "山田",
            at,
            "desk",
        );
        assert!(r.body.contains("弊社にて"), "{}", r.body);
        assert!(!r.body.contains("失敗"), "{}", r.body);
        assert!(!r.body.contains("連続失敗回数"), "{}", r.body);
    }

    #[test]
    fn a_login_lock_names_the_login_password() {
        let at = Utc.with_ymd_and_hms(2022, 9, 18, 9, 0, 0).unwrap();
        let r = render(
            &Event::AccountLocked {
                cause: LockCause::Failures {
                    kind: Kind::Login,
                    failures: 5,
                },
            },
            "山田",
            at,
            "desk",
        );
        assert!(r.body.contains("ログインパスワードの認証に"), "{}", r.body);
        assert!(r.body.contains("連続失敗回数: 5回"), "{}", r.body);
    }

    #[test]
    fn deadlines_are_in_the_same_japanese_style_as_the_time() {
        let at = Utc.with_ymd_and_hms(2026, 11, 30, 22, 30, 21).unwrap();
        let issued = render(
            &Event::InitialPasswordIssued {
                deadline: Some("2026-12-20T23:59:00+09:00".into()),
            },
            "山田",
            at,
            "desk",
        );
        assert!(
            issued
                .body
                .contains("日時: 2026年12月01日 07:30:21（日本時間）"),
            "{}",
            issued.body
        );
        assert!(
            issued
                .body
                .contains("変更期限: 2026年12月20日 23:59:00（日本時間）"),
            "{}",
            issued.body
        );
        assert!(!issued.body.contains("T23:59"), "{}", issued.body);
        let unlocked = render(
            &Event::AccountUnlocked {
                reissued: Some("2026-12-20T23:59:00+09:00".into()),
            },
            "山田",
            at,
            "desk",
        );
        assert!(
            unlocked
                .body
                .contains("変更期限: 2026年12月20日 23:59:00（日本時間）"),
            "{}",
            unlocked.body
        );
    }

    #[test]
    fn an_auth_code_notice_carries_the_code_and_its_copy_does_not() {
        let at = Utc.with_ymd_and_hms(2022, 9, 18, 9, 0, 0).unwrap();
        let expires = Utc.with_ymd_and_hms(2022, 9, 18, 9, 10, 0).unwrap();
        let event = |code| Event::AuthCode {
            kind: super::super::NoticeType::WithdrawalAuthCode,
            code,
            expires,
        };
        let live = render(&event(Some("042917")), "山田", at, "desk");
        assert!(live.body.contains("認証コード: 042917"), "{}", live.body);
        assert!(
            live.body
                .contains("有効期限: 2022年09月18日 18:10:00（日本時間）")
        );
        assert!(live.body.contains("出金のお申込み"));
        assert!(live.subject.contains("出金認証コード"), "{}", live.subject);
        let blank = render(&event(None), "山田", at, "desk");
        assert!(!blank.body.contains("042917"));
        assert!(blank.body.contains(CODE_REMOVED));
        assert_eq!(blank.subject, live.subject);
    }

    /// Every template of every notice, in every variant, rendered with
    /// ordinary data and with hostile data (links in the device name, the
    /// user agent, the desk line and number): no link anywhere (FSA and JSDA
    /// guidelines). Notices are written in Japanese only (customers of a
    /// Japanese broker); a notice in another language would have to be
    /// added here.
    #[test]
    fn no_notice_template_carries_a_link() {
        use super::super::NoticeType as T;
        use crate::customer::AddressKind;
        let at = Utc.with_ymd_and_hms(2026, 12, 1, 0, 0, 0).unwrap();
        let bot = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
        let chrome = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
        let data = [
            (
                Some("203.0.113.5"),
                Some("iPhone"),
                Some(chrome),
                "サポートデスク（平日 8:00〜17:00）",
                "0120-123-456",
            ),
            (
                Some("2001:db8::1"),
                Some("https://evil.example/login"),
                Some(bot),
                "サポートデスク www.example.co.jp",
                "tel:0120123456",
            ),
            (
                None,
                Some("login.example.jp"),
                Some("see example.com/x"),
                "mailto:desk@example.jp",
                "",
            ),
        ];
        let mut events: Vec<Event> = Vec::new();
        for (ip, device, ua, _, phone) in data {
            for kind in T::ALL {
                events.push(Event::Emitted {
                    kind,
                    ip,
                    device,
                    user_agent: ua,
                    amount: Some(12_345),
                });
                events.push(Event::AuthCode {
                    kind,
                    code: Some("042917"),
                    expires: at,
                });
                events.push(Event::AuthCode {
                    kind,
                    code: None,
                    expires: at,
                });
            }
            for (new_device, new_browser, new_network) in [
                (true, true, true),
                (false, false, true),
                (true, false, false),
            ] {
                events.push(Event::NewEnvironment(NewEnvironment {
                    ip,
                    device,
                    browser: Some("Chrome"),
                    os: Some("Windows"),
                    network: Some("203.0.113.*".into()),
                    new_device,
                    new_browser,
                    new_network,
                    phone,
                }));
            }
        }
        for kind in [AddressKind::Pc, AddressKind::Mobile] {
            events.push(Event::EmailChanged {
                kind,
                old: Some("taro@example.co.jp"),
                new: Some("jiro@example.com"),
            });
            events.push(Event::EmailChanged {
                kind,
                old: None,
                new: None,
            });
        }
        for deadline in [None, Some("2026-12-20T23:59:00+09:00".to_string())] {
            events.push(Event::InitialPasswordIssued {
                deadline: deadline.clone(),
            });
            events.push(Event::AccountUnlocked { reissued: deadline });
        }
        events.push(Event::AccountLocked {
            cause: LockCause::Staff,
        });
        for kind in [Kind::Login, Kind::Execution] {
            events.push(Event::AccountLocked {
                cause: LockCause::Failures { kind, failures: 9 },
            });
        }
        let mut rendered = 0;
        for e in &events {
            for (_, _, _, support, _) in data {
                for name in ["山田 太郎", "http://x.example"] {
                    let r = render(e, name, at, support);
                    for text in [&r.subject, &r.body] {
                        assert!(
                            crate::links::is_link_free(text),
                            "{:?} in a notice of {e:?}:\n{text}",
                            crate::links::find_link(text)
                        );
                    }
                    rendered += 1;
                }
            }
        }
        assert!(rendered > 300, "{rendered}");
    }

    #[test]
    fn a_new_environment_notice_says_what_was_new_and_whom_to_call() {
        let at = Utc.with_ymd_and_hms(2026, 12, 1, 0, 0, 0).unwrap();
        let e = Event::NewEnvironment(NewEnvironment {
            ip: Some("198.51.100.7"),
            device: Some("iPhone"),
            browser: Some("Safari"),
            os: Some("iOS"),
            network: Some("198.51.100.*".into()),
            new_device: true,
            new_browser: false,
            new_network: true,
            phone: "0120-123-456",
        });
        let r = render(&e, "山田", at, "desk");
        for want in [
            "日時: 2026年12月01日 09:00:00（日本時間）",
            "初めてのご利用: 端末、ネットワーク",
            "端末: iPhone（初めてのご利用）",
            "ブラウザ: Safari（iOS）\n",
            "ネットワーク: 198.51.100.*（初めてのご利用）",
            "サポートデスク（電話 0120-123-456）までお電話ください",
        ] {
            assert!(r.body.contains(want), "{want}:\n{}", r.body);
        }
    }

    #[test]
    fn amounts_are_grouped() {
        assert_eq!(yen(1_234_567), "1,234,567円");
        assert_eq!(yen(100), "100円");
    }
}
