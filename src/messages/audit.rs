//! Messages of the weak-credential audit.

use crate::audit::{Detail, Finding, LegacyWhy, Severity, Source};
use crate::ops::audit::Summary;
use crate::policy::DateForm;

pub fn auditing() -> String {
    tr!("auditing", "監査中")
}

pub fn bad_duration(s: &str) -> String {
    let s = crate::sanitize::sanitize(s);
    tr!(
        "{s:?} is not a duration; use e.g. 2h, 30m, 90s or 1h30m",
        "{s:?} は時間の長さではありません。2h、30m、90s、1h30m のように指定してください"
    )
}

pub fn duration_too_long(s: &str, max_days: u64) -> String {
    let s = crate::sanitize::sanitize(s);
    tr!(
        "{s:?} is too long; a budget is at most {max_days} days",
        "{s:?} は長すぎます。上限は {max_days} 日です"
    )
}

pub fn zero_duration(s: &str) -> String {
    let s = crate::sanitize::sanitize(s);
    tr!(
        "{s:?}: a budget of zero would stop before the first guess; give a positive duration such as 90s or 2h",
        "{s:?}: 0 では最初の推測の前に止まります。90s や 2h のように正の時間を指定してください"
    )
}

fn source(s: &Source) -> String {
    match s {
        Source::BirthDate(form) => {
            let (en, ja) = match form {
                DateForm::FullDate => ("YYYYMMDD (or MMDDYYYY/DDMMYYYY)", "YYYYMMDD など8桁"),
                DateForm::EraDate => ("a Japanese era date (e.g. S550115)", "和暦（S550115 など）"),
                DateForm::ShortDate => ("YYMMDD", "YYMMDD"),
                DateForm::MonthDayYear => ("MMDDYY", "MMDDYY"),
                DateForm::DayMonthYear => ("DDMMYY", "DDMMYY"),
                DateForm::MonthDay => ("MMDD", "MMDD"),
                DateForm::DayMonth => ("DDMM", "DDMM"),
                DateForm::Year => ("YYYY", "西暦年"),
            };
            tr!("birth date as {en}", "生年月日（{ja}）")
        }
        Source::PhoneWhole => tr!("a registered phone number", "登録電話番号"),
        Source::PhoneTail(n) => tr!("the last {n} digits of a phone number", "電話番号の下{n}桁"),
        Source::CustomerCode => tr!("the customer code", "お客様コード"),
        Source::CustomerCodeReversed => tr!("the customer code reversed", "お客様コードの逆順"),
        Source::EmailLocal => tr!("the email address's local part", "メールアドレスの@より前"),
        Source::EmailLocalWithYear => tr!(
            "the email local part with the birth year",
            "メールアドレスの@より前＋生年"
        ),
        Source::Common => tr!("a commonly used password", "よく使われるパスワード"),
        Source::CommonCapitalized => tr!(
            "a commonly used password, capitalised",
            "よく使われるパスワード（先頭大文字）"
        ),
        Source::CommonWithDigit => tr!(
            "a commonly used password with a digit appended",
            "よく使われるパスワード＋数字"
        ),
    }
}

/// The detail of a finding: never a password.
pub fn audit_detail(d: &Detail) -> String {
    match d {
        Detail::NoExecutionPassword { enforced: true } => tr!(
            "no execution password, and enforcement has started: orders and withdrawals are blocked; issue one with `acctsec password issue`",
            "執行パスワードがありません（強化対応開始済み: 発注・出金ができません）。`acctsec password issue` で発行してください"
        ),
        Detail::NoExecutionPassword { enforced: false } => tr!(
            "no execution password yet; issue one before enforcement with `acctsec password issue`",
            "執行パスワードがまだありません。強化対応開始までに `acctsec password issue` で発行してください"
        ),
        Detail::InitialNotChanged { days } => tr!(
            "still on the broker-issued initial password, issued {days} day(s) ago",
            "初期パスワードのまま変更されていません（発行から {days} 日）"
        ),
        Detail::InitialExpired { days } => tr!(
            "the initial password was not changed by its deadline (issued {days} day(s) ago)",
            "初期パスワードが期限までに変更されていません（発行から {days} 日）"
        ),
        Detail::Locked { since, reason } => {
            let since = crate::clock::stored_to_jst(since);
            let reason = crate::sanitize::sanitize(&super::lock_reason(reason));
            tr!(
                "locked since {since}: {reason}",
                "{since} からロック中: {reason}"
            )
        }
        Detail::LegacyHash { format, why } => match why {
            LegacyWhy::UnsaltedDigest => tr!(
                "login hash is an unsalted {format} digest: crackable in seconds; have the customer change the login password",
                "ログインパスワードのハッシュがソルトなしの {format} です。短時間で解読されます。パスワード変更を依頼してください"
            ),
            LegacyWhy::BrokenCrypt => tr!(
                "login hash is {format}, a broken scheme; have the customer change the login password",
                "ログインパスワードのハッシュが脆弱な {format} です。パスワード変更を依頼してください"
            ),
            LegacyWhy::BcryptCost { cost } => tr!(
                "login hash is bcrypt with cost {cost} (under 10)",
                "ログインパスワードのハッシュが bcrypt コスト {cost}（10 未満）です"
            ),
            LegacyWhy::Pbkdf2Rounds { rounds, min } => tr!(
                "login hash is {format} with {rounds} iterations (OWASP: at least {min})",
                "ログインパスワードのハッシュが {format} 反復 {rounds} 回です（OWASP 推奨 {min} 回以上）"
            ),
            LegacyWhy::ShaCrypt => tr!(
                "login hash is {format}, fast to attack on GPUs; it is replaced by Argon2id at the next successful login verify",
                "ログインパスワードのハッシュが {format} です。次回の認証成功時に Argon2id に置き換わります"
            ),
        },
        Detail::WeakHashParams { kind, have, want } => {
            let k = super::password::kind_name(kind.as_str());
            let (hm, ht, wm, wt) = (have.m_kib, have.t, want.m_kib, want.t);
            tr!(
                "{k} hash is Argon2 with m={hm} KiB, t={ht}, below the policy's m={wm} KiB, t={wt}; upgraded at the next successful verify",
                "{k}パスワードのハッシュが Argon2 m={hm} KiB, t={ht} でポリシー（m={wm} KiB, t={wt}）未満です。次回の認証成功時に更新されます"
            )
        }
        Detail::Guessable { kind, source: s } => {
            let k = super::password::kind_name(kind.as_str());
            let s = source(s);
            tr!(
                "the {k} password is guessable: {s}; have the customer change it",
                "{k}パスワードが推測可能です: {s}。変更を依頼してください"
            )
        }
    }
}

/// After the detail of a guessable finding an earlier run made (stored
/// time `at`), still holding.
pub fn audit_found_earlier(at: &str) -> String {
    let at = crate::clock::stored_to_jst(at);
    tr!(
        " (found by the audit run of {at}; the password has not changed since)",
        "（{at} の監査で検出。その後パスワードは変更されていません）"
    )
}

/// The detail of a finding as listed: [`audit_detail`], and for a
/// guessable password an earlier run found, when.
pub fn audit_finding_detail(f: &Finding) -> String {
    let mut d = audit_detail(&f.detail);
    if let Some(at) = &f.found_at {
        d.push_str(&audit_found_earlier(at));
    }
    d
}

/// A number as the run's JSON summary shows it.
fn float(x: f64) -> String {
    serde_json::Value::from(x).to_string()
}

pub fn audit_summary(s: &Summary) -> String {
    let customers = s.customers;
    let findings = s.findings;
    let secs = float(s.seconds);
    let sev = |k: Severity| s.by_severity.get(&k).copied().unwrap_or(0);
    let (c, h, m, l) = (
        sev(Severity::Critical),
        sev(Severity::High),
        sev(Severity::Medium),
        sev(Severity::Low),
    );
    let mut out = tr!(
        "{customers} customer(s) audited in {secs} s: {findings} finding(s) (critical {c}, high {h}, medium {m}, low {l})",
        "{customers} 名を {secs} 秒で監査: 検出 {findings} 件（critical {c}、high {h}、medium {m}、low {l}）"
    );
    if let Some(f) = &s.fail_on {
        let (sev, n) = (f.fail_on.as_str(), f.failing);
        out.push_str(&tr!("; {n} at or above {sev}", "。うち {sev} 以上 {n} 件"));
    }
    if let Some(g) = &s.guessing {
        let (done, n, per) = (g.guessed, g.guesses, g.candidates_per_credential);
        let rate = float(g.guesses_per_second);
        out.push_str(&tr!(
            "; {n} guesses ({per} per credential, {rate}/s), {done} credential(s) finished in a stage",
            "。推測 {n} 回（1認証情報あたり {per} 個、毎秒 {rate} 回）、段階ごとの推測完了 {done} 件"
        ));
        if let Some(cycle) = g.cycle {
            let (chunks, worker) = (g.chunks, crate::sanitize::sanitize(&g.worker));
            out.push_str(&tr!(
                " in {chunks} chunk(s) of cycle {cycle} as worker {worker}",
                "（サイクル {cycle} のチャンク {chunks} 個、ワーカー {worker}）"
            ));
        }
        if g.taken_over > 0 || g.lost > 0 {
            let (t, l) = (g.taken_over, g.lost);
            out.push_str(&tr!(
                "; {t} chunk(s) taken over from lapsed leases, {l} lost to another worker",
                "。期限切れから引き継いだチャンク {t} 個、他のワーカーに移ったチャンク {l} 個"
            ));
        }
        if g.cycle_complete {
            out.push_str(&tr!(
                "; the cycle is complete: the next run starts over",
                "。サイクル完了：次回は最初から推測します"
            ));
        } else if g.budget_exceeded {
            out.push_str(&tr!(
                "; budget used up: the rest is left for the next run",
                "。時間切れのため残りは次回に続行します"
            ));
            if let Some(w) = &g.stopped_within {
                let c = crate::sanitize::sanitize(&w.customer);
                let k = super::password::kind_name(w.kind.as_str());
                let next = w.candidates_done + 1;
                out.push_str(&tr!(
                    " (it resumes inside customer {c}, at {k} guess {next})",
                    "（お客様 {c} の{k}パスワードの {next} 番目の推測から再開します）"
                ));
            }
        } else if g.cycle.is_some() {
            out.push_str(&tr!(
                "; nothing left to claim: other workers hold the rest of the cycle",
                "。取得できる作業はありません：残りは他のワーカーが処理中です"
            ));
        }
    }
    out
}
