//! `acctsec report`: the page's words and the command's sentences.

use chrono::NaiveDate;

use crate::report::html::{Labels, projection_numbers};
use crate::report::{Gap, Projection, Report};

/// The projection to the enforcement date, one sentence.
pub fn report_projection(p: &Projection) -> String {
    let (initial, pending, pace) = projection_numbers(p);
    let w = p.window_days;
    tr!(
        "At this pace {initial} customers will still be on their initial password at enforcement ({pending} without their own password in all; {pace} a day set their own over the last {w} days).",
        "このペースでは、本番施行時点でまだ {initial} 人が初期パスワードのままです（自分のパスワード未設定は合計 {pending} 人。直近 {w} 日間は 1 日あたり {pace} 人が設定）。"
    )
}

pub fn report_written(path: &std::path::Path, from: NaiveDate, to: NaiveDate) -> String {
    let f = super::p(path);
    tr!(
        "{f}: report written ({from} to {to})",
        "{f}: レポートを作成しました（{from} ～ {to}）"
    )
}

fn gap(g: Gap) -> String {
    match g {
        Gap::NoticeFailuresNotRecorded => tr!(
            "Failed notices are not charted: `acctsec notify outbox --status failed` lists the deliveries of `acctsec notify send` that failed; a mail gateway (export/ack) keeps its own failures.",
            "配信に失敗した通知はグラフに含めていません。`acctsec notify send` で失敗した配信は `acctsec notify outbox --status failed` で確認できます。メールゲートウェイ（export/ack）の失敗はゲートウェイ側にあります。"
        ),
        Gap::TrailDiffersFromLedger => tr!(
            "The audit trail does not account for all of today's counts (part of the history predates it or was made outside acctsec): the tiles show the ledger's counts, the charts what the trail records.",
            "監査証跡から今日の件数をすべては再現できません（証跡より前の履歴か acctsec 以外での変更があります）。上部の件数は台帳の現在値、グラフは証跡に記録された推移です。"
        ),
        Gap::NoSchedule => tr!(
            "No rollout schedule is recorded (`acctsec rollout set`): no dates are marked and there is no projection.",
            "切り替え日程が登録されていません（`acctsec rollout set`）。日付の表示と見通しはありません。"
        ),
        Gap::NoAuditRuns => tr!(
            "No weak-credential audit has run yet (`acctsec audit`).",
            "脆弱パスワード監査はまだ実行されていません（`acctsec audit`）。"
        ),
    }
}

/// Every word of the report page.
pub fn report_labels(r: &Report) -> Labels {
    let ja = super::is_ja();
    let s = |en: &str, jp: &str| if ja { jp.to_string() } else { en.to_string() };
    Labels {
        lang: if ja { "ja" } else { "en" },
        title: s(
            "Execution password rollout and account security",
            "執行パスワード切り替えと口座セキュリティ",
        ),
        generated: s("Generated", "作成日時"),
        period: s("Period (JST)", "対象期間（日本時間）"),
        staff_title: s(
            "Sensitive actions by staff identity (the authenticated user, not --operator)",
            "担当者別の重要操作（--operator ではなく認証されたユーザー）",
        ),
        staff_identity: s("Identity", "ユーザー"),
        staff_none: s(
            "No sensitive action in this period.",
            "この期間に重要操作はありません。",
        ),
        counts_only: s(
            "Counts only: this report names no customer.",
            "件数のみを示し、お客様を特定する情報は含みません。",
        ),
        customers: s("Customers", "お客様数"),
        none: s("No execution password", "執行パスワードなし"),
        initial: s("Initial password", "初期パスワードのまま"),
        set: s("Own password set", "設定済み"),
        locked: s("Locked", "ロック中"),
        burndown: s(
            "Execution passwords by state, per day",
            "執行パスワードの状態別お客様数（日次）",
        ),
        projection_line: s("Projection: without own password", "見通し：未設定のお客様"),
        pre_start: s("Pre-registration start", "事前登録開始"),
        pre_end: s("Pre-registration end", "事前登録終了"),
        enforce: s("Enforcement", "本番施行"),
        locks_title: s("Locks and unlocks per day", "ロックとロック解除（日次）"),
        locks: s("Locks", "ロック"),
        unlocks: s("Unlocks", "ロック解除"),
        failed_title: s("Failed verifications per day", "認証失敗（日次）"),
        failed: s("Failed verifications", "認証失敗"),
        notices_title: s("Notices per day", "お知らせメール（日次）"),
        queued: s("Queued", "登録"),
        sent: s("Sent", "送信済み"),
        audit_title: s("Weak-credential audit", "脆弱パスワード監査"),
        audit_latest: s("Latest run", "最新の実行"),
        audit_trend: s("Findings by severity per run", "実行ごとの重大度別の検出数"),
        by_severity: s("By severity", "重大度別"),
        by_kind: s("By kind", "種類別"),
        findings: s("findings", "件の検出"),
        severities: [
            s("critical", "緊急"),
            s("high", "高"),
            s("medium", "中"),
            s("low", "低"),
        ],
        no_data: s("No data in this period.", "この期間のデータはありません。"),
        notes: s("Notes", "注記"),
        gaps: r.gaps.iter().map(|g| gap(*g)).collect(),
        projection: r.projection.as_ref().map(report_projection),
        no_projection: if r.schedule.is_none() {
            gap(Gap::NoSchedule)
        } else {
            s(
                "Enforcement has begun: no projection.",
                "本番施行が始まっているため、見通しはありません。",
            )
        },
        term: |code| {
            if !super::is_ja() {
                return code.to_string();
            }
            super::action_ja(code)
                .or_else(|| super::finding_kind_ja(code))
                .map_or_else(|| code.to_string(), str::to_string)
        },
    }
}
