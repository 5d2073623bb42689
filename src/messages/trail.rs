//! Messages of the audit trail's seals and keys, and of the configuration
//! file.

use std::path::Path;

use super::p;
use crate::config::ConfigError;
use crate::sanitize::sanitize;
use crate::seal::SealProblem;

/// Where the README explains seals and keys.
const SEE: &str = "README: \"The audit trail: seals and keys\"";

fn jst(stored: &str) -> String {
    sanitize(&crate::clock::stored_to_jst(stored))
}

/// `172800` seconds as `2d`, `5400` as `1h30m`.
pub fn duration(secs: u64) -> String {
    let mut s = String::new();
    let mut rest = secs;
    for (unit, n) in [("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1)] {
        if rest >= n {
            s.push_str(&format!("{}{unit}", rest / n));
            rest %= n;
        }
    }
    if s.is_empty() { "0s".into() } else { s }
}

// ---------------------------------------------------------------- config

/// What is wrong with the configuration and what to do.
pub fn describe_config(e: &ConfigError) -> String {
    match e {
        ConfigError::Missing { path } => {
            let f = p(path);
            tr!(
                "configuration file {f} does not exist; check --config / ACCTSEC_CONFIG",
                "設定ファイル {f} がありません。--config / ACCTSEC_CONFIG を確認してください"
            )
        }
        ConfigError::Read { path, source } => {
            let f = p(path);
            tr!("cannot read {f}: {source}", "{f} を読めません: {source}")
        }
        ConfigError::Parse { path, line, detail } => {
            let f = p(path);
            let detail = sanitize(detail);
            match line {
                Some(l) => tr!(
                    "{f}:{l}: invalid configuration: {detail}; fix the file and run the command again",
                    "{f} の {l} 行目: 設定が不正です: {detail}。ファイルを修正してもう一度実行してください"
                ),
                None => tr!(
                    "{f}: invalid configuration: {detail}; fix the file and run the command again",
                    "{f}: 設定が不正です: {detail}。ファイルを修正してもう一度実行してください"
                ),
            }
        }
        ConfigError::PolicyKey {
            path,
            line,
            key,
            table,
        } => {
            let f = match line {
                Some(l) => format!("{}:{l}", p(path)),
                None => p(path),
            };
            let key = sanitize(key);
            let key = if *table { format!("[{key}]") } else { key };
            tr!(
                "{f}: {key} is part of the policy, not of the configuration file: put it in the policy with `acctsec policy set --file` (see `acctsec policy show --format json`)",
                "{f}: {key} は設定ファイルではなくポリシーの項目です。`acctsec policy set --file` でポリシーに設定してください（`acctsec policy show --format json` を参照）"
            )
        }
        ConfigError::KeyBothWays { path, key } => {
            let f = p(path);
            let key = sanitize(key);
            tr!(
                "{f}: [trail] lists {key} in both public_keys and retired_keys; keep it in one of them",
                "{f}: [trail] の public_keys と retired_keys の両方に {key} があります。どちらか一方にしてください"
            )
        }
        ConfigError::NoSigningKey { config } => match config {
            Some(c) => {
                let f = p(c);
                tr!(
                    "{f} names no signing key: add signing_key_file = \"PATH\" under [trail] on the sealing host (make a key with `acctsec log keygen --out PATH`; see {SEE})",
                    "{f} に署名鍵がありません。封印するホストの設定の [trail] に signing_key_file = \"PATH\" を追加してください（鍵は `acctsec log keygen --out PATH` で作成。{SEE} を参照）"
                )
            }
            None => tr!(
                "no configuration file names a signing key: create one with [trail] signing_key_file = \"PATH\" (in $XDG_CONFIG_HOME/acctsec/config.toml, /etc/acctsec/config.toml, or --config PATH), and make the key with `acctsec log keygen --out PATH` (see {SEE})",
                "署名鍵を指定した設定ファイルがありません。[trail] signing_key_file = \"PATH\" を書いた設定ファイル（$XDG_CONFIG_HOME/acctsec/config.toml、/etc/acctsec/config.toml、または --config PATH）を用意し、鍵は `acctsec log keygen --out PATH` で作成してください（{SEE} を参照）"
            ),
        },
        ConfigError::KeyFileMissing { path } => {
            let f = p(path);
            tr!(
                "signing key file {f} ([trail] signing_key_file) does not exist; make it with `acctsec log keygen --out {f}`, or fix the path",
                "署名鍵ファイル {f}（[trail] signing_key_file）がありません。`acctsec log keygen --out {f}` で作成するか、パスを修正してください"
            )
        }
        ConfigError::KeyFileOpen { path, mode } => {
            let f = p(path);
            tr!(
                "signing key file {f} can be accessed by group or others (mode {mode:04o}); it must be private to its owner: run `chmod 600 {f}`",
                "署名鍵ファイル {f} がグループや他のユーザーからアクセスできます（モード {mode:04o}）。所有者だけが読めるよう `chmod 600 {f}` を実行してください"
            )
        }
        ConfigError::KeyFileInvalid { path } => {
            let f = p(path);
            tr!(
                "signing key file {f} holds no Ed25519 private key (expected the PEM file written by `acctsec log keygen` or `openssl genpkey -algorithm ed25519`)",
                "署名鍵ファイル {f} に Ed25519 の秘密鍵がありません（`acctsec log keygen` または `openssl genpkey -algorithm ed25519` が作る PEM ファイルを指定してください）"
            )
        }
        ConfigError::NoSmtp { config } => match config {
            Some(c) => {
                let f = p(c);
                tr!(
                    "{f} has no [smtp] table: add one with host, port, tls and from (see README \"Mail delivery\")",
                    "{f} に [smtp] の表がありません。host、port、tls、from を書いて追加してください（README「Mail delivery」を参照）"
                )
            }
            None => tr!(
                "no configuration file with an [smtp] table: create $XDG_CONFIG_HOME/acctsec/config.toml or /etc/acctsec/config.toml (or give --config PATH) with [smtp] host, port, tls and from (see README \"Mail delivery\")",
                "[smtp] の表を書いた設定ファイルがありません。$XDG_CONFIG_HOME/acctsec/config.toml または /etc/acctsec/config.toml（または --config PATH）に [smtp] の host、port、tls、from を書いてください（README「Mail delivery」を参照）"
            ),
        },
        ConfigError::PasswordFileMissing { path } => {
            let f = p(path);
            tr!(
                "password file {f} ([smtp] password_file) does not exist; create it (mode 600) or fix the path",
                "パスワードファイル {f}（[smtp] password_file）がありません。作成する（モード 600）か、パスを修正してください"
            )
        }
        ConfigError::PasswordFileOpen { path, mode } => {
            let f = p(path);
            tr!(
                "password file {f} ([smtp] password_file) can be accessed by group or others (mode {mode:04o}); it must be private to its owner: run `chmod 600 {f}`",
                "パスワードファイル {f}（[smtp] password_file）がグループや他のユーザーからアクセスできます（モード {mode:04o}）。`chmod 600 {f}` を実行してください"
            )
        }
        ConfigError::PasswordFileInvalid { path } => {
            let f = p(path);
            tr!(
                "password file {f} ([smtp] password_file) must hold the password on one line of text (at most 1024 bytes)",
                "パスワードファイル {f}（[smtp] password_file）にはパスワードを 1 行のテキスト（1024 バイト以内）で書いてください"
            )
        }
        ConfigError::PlaintextAuth { path } => {
            let f = p(path);
            tr!(
                "{f}: [smtp] logs in (username) over a connection without TLS (tls = \"none\"): the password would cross the network in clear; use tls = \"starttls\" or \"tls\", or, on a network you trust, say allow_plaintext_auth = true",
                "{f}: [smtp] が TLS なしの接続（tls = \"none\"）でログイン（username）しようとしています。パスワードが平文で流れます。tls = \"starttls\" か \"tls\" にするか、信頼できるネットワークに限り allow_plaintext_auth = true と書いてください"
            )
        }
        ConfigError::NoCodeRoute { config } => {
            let f = config
                .as_deref()
                .map(p)
                .unwrap_or_else(|| tr!("the configuration (none found)", "設定（見つかりません）"));
            tr!(
                "{f} gives authcode issue no way to deliver a code without storing it readable: add an [smtp] table (the code is mailed at once), or [notify] seal_public_key = \"x25519:...\" printed by `acctsec notify keygen --out FILE` on the host that runs notify send (see README \"Auth codes\")",
                "{f} には、認証コードを読める形で保存せずに届ける方法がありません。[smtp] の表を追加する（その場で送信）か、notify send を実行するホストで `acctsec notify keygen --out FILE` が表示する公開鍵を [notify] seal_public_key = \"x25519:...\" として追加してください（README「Auth codes」を参照）"
            )
        }
        ConfigError::SealKeyFileMissing { path } => {
            let f = p(path);
            tr!(
                "seal key file {f} ([notify] seal_key_file) does not exist; make it with `acctsec notify keygen --out {f}` (and give its public key to the issuing hosts), or fix the path",
                "封印鍵ファイル {f}（[notify] seal_key_file）がありません。`acctsec notify keygen --out {f}` で作成する（公開鍵はコードを発行するホストに設定）か、パスを修正してください"
            )
        }
        ConfigError::SealKeyFileOpen { path, mode } => {
            let f = p(path);
            tr!(
                "seal key file {f} ([notify] seal_key_file) can be accessed by group or others (mode {mode:04o}); it must be private to its owner: run `chmod 600 {f}`",
                "封印鍵ファイル {f}（[notify] seal_key_file）がグループや他のユーザーからアクセスできます（モード {mode:04o}）。`chmod 600 {f}` を実行してください"
            )
        }
        ConfigError::SealKeyFileInvalid { path } => {
            let f = p(path);
            tr!(
                "seal key file {f} ([notify] seal_key_file) holds no X25519 private key (expected the PEM file written by `acctsec notify keygen` or `openssl genpkey -algorithm x25519`, at most 4 KiB)",
                "封印鍵ファイル {f}（[notify] seal_key_file）に X25519 の秘密鍵がありません（`acctsec notify keygen` または `openssl genpkey -algorithm x25519` が作る 4 KiB 以内の PEM ファイルを指定してください）"
            )
        }
        ConfigError::NoSmtpPassword { config } => {
            let f = config.as_deref().map(p).unwrap_or_default();
            tr!(
                "{f}: [smtp] names a username but no password: add password_file = \"PATH\" (mode 600), or set ACCTSEC_SMTP_PASSWORD",
                "{f}: [smtp] に username がありますがパスワードがありません。password_file = \"PATH\"（モード 600）を追加するか、ACCTSEC_SMTP_PASSWORD を設定してください"
            )
        }
    }
}

// ---------------------------------------------------------------- keygen

pub fn keygen_rng_failed() -> String {
    tr!(
        "the OS random number generator failed; no key was made",
        "OS の乱数生成器が失敗しました。鍵は作成していません"
    )
}

pub fn keygen_done(path: &Path, public: &str) -> String {
    let f = p(path);
    tr!(
        "wrote the signing key to {f} (mode 0600; keep it on the sealing host only, never in the ledger). On the sealing host set [trail] signing_key_file = \"{f}\"; on every host that verifies add \"{public}\" to [trail] public_keys",
        "署名鍵を {f} に書き込みました（モード 0600。封印するホストにだけ置き、台帳には入れないでください）。封印するホストでは [trail] signing_key_file = \"{f}\" を、検証するすべてのホストでは [trail] public_keys に \"{public}\" を設定してください"
    )
}

// ---------------------------------------------------------------- seal

pub fn signing_key_retired(key: &str) -> String {
    let key = sanitize(key);
    tr!(
        "the signing key {key} is listed in [trail] retired_keys; make a new key with `acctsec log keygen` and point signing_key_file at it",
        "署名鍵 {key} は [trail] retired_keys に入っています。`acctsec log keygen` で新しい鍵を作り、signing_key_file をそれに向けてください"
    )
}

pub fn seal_empty() -> String {
    tr!(
        "the audit trail is empty; nothing to seal",
        "監査証跡は空です。封印するものはありません"
    )
}

pub fn seal_refused_tampered() -> String {
    tr!(
        "the trail was NOT sealed: it does not verify (see above); a seal must never vouch for a changed trail",
        "証跡を封印していません: 検証に失敗しました（上記参照）。改ざんされた証跡を封印することはできません"
    )
}

/// `log seal` without `--start` when no good seal is recent enough.
pub fn seal_needs_start(newest: Option<(u64, &str)>, max_age_secs: Option<u64>) -> String {
    let why = match (newest, max_age_secs) {
        (None, _) => tr!(
            "there is no good seal in this ledger: either this is its first seal, or the seals were deleted",
            "この台帳には有効な封印がありません。最初の封印か、封印が削除されたかのどちらかです"
        ),
        (Some((seq, at)), Some(age)) => {
            let at = jst(at);
            let age = duration(age);
            tr!(
                "the newest good seal (entry {seq}, sealed {at}) is older than max_seal_age ({age}): seals were deleted, or sealing stopped",
                "最新の有効な封印（記録 {seq}、{at} に封印）が max_seal_age（{age}）より古くなっています。封印が削除されたか、封印が止まっていました"
            )
        }
        (Some((seq, at)), None) => {
            let at = jst(at);
            tr!(
                "the newest good seal is of entry {seq}, sealed {at}",
                "最新の有効な封印は記録 {seq}（{at} に封印）です"
            )
        }
    };
    tr!(
        "the trail was NOT sealed: {why}. Compare the trail with a head shipped elsewhere (`acctsec log verify --head SEQ:HASH`); once satisfied, run `acctsec log seal --start` to start a new series of seals",
        "証跡を封印していません: {why}。別の場所に保管した先頭と照合し（`acctsec log verify --head SEQ:HASH`）、問題がなければ `acctsec log seal --start` で封印を再開してください"
    )
}

// ---------------------------------------------------------------- verify

/// The head of a tampered report: where the trail changed.
pub fn changed_at_or_before(seq: u64, what: &str) -> String {
    tr!(
        "audit trail TAMPERED: the trail was changed at or before entry {seq}: {what}. Keep this ledger as evidence and restore the last good backup",
        "監査証跡が改ざんされています: 記録 {seq} 以前のどこかが変更されています: {what}。この台帳を証拠として保全し、最後の正常なバックアップから復元してください"
    )
}

/// The line of one seal problem.
pub fn seal_problem(pr: &SealProblem) -> String {
    match pr {
        SealProblem::Rewritten {
            seq,
            after,
            sealed_at,
            key,
            count,
        } => {
            let at = jst(sealed_at);
            let key = sanitize(key);
            let mut what = tr!(
                "the chain no longer reproduces the head of entry {seq} sealed {at} with {key}",
                "{at} に {key} で封印された記録 {seq} の先頭を、今のチェーンは再現しません"
            );
            if let Some(a) = after {
                what.push_str(&tr!(
                    "; entries up to {a} still match a seal",
                    "。記録 {a} までは封印と一致しています"
                ));
            }
            if *count > 1 {
                let more = count - 1;
                what.push_str(&tr!(
                    "; {more} later seal(s) do not match either",
                    "。後の封印 {more} 件も一致しません"
                ));
            }
            changed_at_or_before(*seq, &what)
        }
        SealProblem::BadSignature {
            seq,
            sealed_at,
            key,
            count,
        } => {
            let at = jst(sealed_at);
            let key = sanitize(key);
            tr!(
                "audit trail seal FORGED: the seal of entry {seq} (sealed {at}) does not verify with {key} ({count} seal(s) like this): it was made without the key, or altered. Keep this ledger as evidence",
                "監査証跡の封印が偽造されています: 記録 {seq} の封印（{at}）は {key} で検証できません（同様の封印 {count} 件）。鍵なしで作られたか、書き換えられています。この台帳を証拠として保全してください"
            )
        }
        SealProblem::UnknownKey {
            seq,
            sealed_at,
            key,
            count,
        } => {
            let at = jst(sealed_at);
            let key = sanitize(key);
            tr!(
                "audit trail seal by an UNKNOWN key: {count} seal(s), the first of entry {seq} (sealed {at}), name the key {key}, which is not in [trail] public_keys: add it there if it is one of your keys (or to retired_keys if it leaked); otherwise treat these seals as forged",
                "不明な鍵による監査証跡の封印: {count} 件の封印（最初は記録 {seq}、{at}）が鍵 {key} を名乗っていますが、[trail] public_keys にありません。自社の鍵なら public_keys に（漏えいした鍵なら retired_keys に）追加してください。そうでなければ偽造として扱ってください"
            )
        }
        SealProblem::Stale {
            max_age_secs,
            newest,
        } => {
            let age = duration(*max_age_secs);
            let newest = match newest {
                Some((seq, at)) => {
                    let at = jst(at);
                    tr!(
                        "the newest good seal is of entry {seq}, sealed {at}",
                        "最新の有効な封印は記録 {seq}（{at} に封印）です"
                    )
                }
                None => tr!("there is no good seal", "有効な封印がありません"),
            };
            tr!(
                "audit trail NOT SEALED RECENTLY: no seal newer than max_seal_age ({age}); {newest}. Seals were deleted, or sealing stopped: check the sealing host's `acctsec log seal` job, and compare the trail with a head shipped elsewhere (--head)",
                "監査証跡が最近封印されていません: max_seal_age（{age}）より新しい封印がありません。{newest}。封印が削除されたか、封印が止まっています。封印ホストの `acctsec log seal` を確認し、別の場所に保管した先頭と照合してください（--head）"
            )
        }
    }
}

/// `log verify` with keys, all good: what the seals vouch for.
pub fn sealed_summary(
    newest: Option<(u64, &str, &str)>,
    good: usize,
    stored: usize,
    keys: usize,
    head: u64,
) -> String {
    match newest {
        Some((seq, at, key)) => {
            let at = jst(at);
            let key = sanitize(key);
            let mut s = tr!(
                "sealed: the newest seal vouches for entries 1-{seq} (sealed {at} with {key}); {good} of {stored} seal(s) good, checked against {keys} public key(s)",
                "封印: 最新の封印が記録 1-{seq} を保証しています（{at}、{key}）。封印 {stored} 件中 {good} 件が有効（公開鍵 {keys} 個で検証）"
            );
            if head > seq {
                s.push_str(&tr!(
                    "; entries after {seq} are not sealed yet",
                    "。記録 {seq} より後はまだ封印されていません"
                ));
            }
            s
        }
        None => tr!(
            "sealed: no good seal yet ({stored} stored), checked against {keys} public key(s); a rewrite of the trail is not detectable until it is sealed (`acctsec log seal --start` on the sealing host)",
            "封印: 有効な封印はまだありません（保存 {stored} 件、公開鍵 {keys} 個で検証）。封印するまで証跡の書き換えは検出できません（封印ホストで `acctsec log seal --start`）"
        ),
    }
}

/// `log verify` without public keys: what it proved and what it did not.
pub fn verify_scope_without_keys(stored_seals: usize, head_checked: Option<u64>) -> String {
    let mut s = tr!(
        "checked: the hash chain is consistent, so no entry was edited, removed or reordered without recomputing the hashes. Not checked: a rewrite by someone who could write the ledger and recomputed the chain",
        "確認済み: ハッシュチェーンは整合しており、ハッシュを再計算せずに記録を書き換え・削除・並べ替えた形跡はありません。未確認: 台帳に書き込める者がチェーンを再計算して書き換えた可能性"
    );
    if let Some(h) = head_checked {
        s.push_str(&tr!(
            " (except in entries 1-{h}, which match the head shipped earlier)",
            "（ただし記録 1-{h} は以前に保管した先頭と一致しています）"
        ));
    }
    s.push_str(&tr!(
        ": no public keys are configured ([trail] public_keys)",
        "。公開鍵が設定されていません（[trail] public_keys）"
    ));
    if stored_seals > 0 {
        s.push_str(&tr!(
            ", so the {stored_seals} stored seal(s) were not checked",
            "。保存されている封印 {stored_seals} 件は検証していません"
        ));
    }
    s.push_str(&tr!(
        ". To detect a rewrite, seal the trail or compare with a head shipped elsewhere (--head); see {SEE}",
        "。書き換えを検出するには、証跡を封印するか、別の場所に保管した先頭と照合してください（--head）。{SEE} を参照"
    ));
    s
}

pub fn no_max_seal_age() -> String {
    tr!(
        "[trail] max_seal_age is not set: deleted recent seals, or a sealing job that stopped, go unnoticed; set it a little above the sealing interval (e.g. \"2d\" for a daily seal)",
        "[trail] max_seal_age が未設定です。最近の封印の削除や封印ジョブの停止に気づけません。封印間隔より少し長く設定してください（毎日封印するなら \"2d\" など）"
    )
}

/// The server keeps the trail and nobody but its owner may write it.
pub fn server_guard_ok() -> String {
    tr!(
        "the server appends every entry and seal itself (identity and time its own); no role but the owner may write them directly",
        "サーバーがすべての記録と封印を自ら追記しています（本人と時刻はサーバーのもの）。所有者以外のロールは直接書き込めません"
    )
}

/// The server does not keep the trail: its functions are missing or altered.
pub fn server_guard_missing() -> String {
    tr!(
        "the ledger's server does not append the trail itself (acctsec_append or acctsec_seal is missing, altered, or not SECURITY DEFINER of the tables' owner): identities and times are the clients'; as the owner, restore them from migration 20 (README, \"Roles on PostgreSQL\")",
        "サーバーが監査記録を自ら追記していません（acctsec_append または acctsec_seal がないか、変更されているか、テーブル所有者の SECURITY DEFINER ではありません）。本人と時刻はクライアントの申告です。所有者として移行 20 の定義に戻してください（README「Roles on PostgreSQL」）"
    )
}

/// Roles that may write the trail's tables directly.
pub fn server_guard_writers(roles: &[String]) -> String {
    let list = roles.join(", ");
    tr!(
        "these roles may insert, change or delete trail entries or seals directly, around the server's checks: {list}; as the owner, REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON audit_log, seal FROM each (README, \"Roles on PostgreSQL\")",
        "次のロールはサーバーの確認を経ずに監査記録や封印を直接追加・変更・削除できます: {list}。所有者として各ロールから REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON audit_log, seal を実行してください（README「Roles on PostgreSQL」）"
    )
}

/// The cluster lets some sessions move the server's clock.
pub fn server_guard_test_clock() -> String {
    tr!(
        "this database cluster has the role acctsec_test_clock, whose members can move the ledger's clock: it belongs on a throwaway test server only; drop it (DROP ROLE acctsec_test_clock)",
        "このデータベースクラスタにはロール acctsec_test_clock があり、そのメンバーは台帳の時計を動かせます。使い捨てのテストサーバー専用です。削除してください（DROP ROLE acctsec_test_clock）"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_back() {
        assert_eq!(duration(172_800), "2d");
        assert_eq!(duration(5_400), "1h30m");
        assert_eq!(duration(45), "45s");
        assert_eq!(
            crate::config::parse_duration(&duration(93_784)),
            Some(std::time::Duration::from_secs(93_784))
        );
    }
}
