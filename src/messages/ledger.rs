//! Words about the ledger's place on disk.

use super::p;
use crate::sanitize::sanitize;

/// Why a ledger's place or a file beside it is refused (exit 78).
pub fn unsafe_ledger(ledger: &std::path::Path, why: &crate::ledger::files::Unsafe) -> String {
    use crate::ledger::files::Unsafe;
    let l = p(ledger);
    let share = tr!(
        "to share a ledger between staff users, use a group: the ledger 0660 and its directory 2770, both of that group (README: Several staff users on one host)",
        "複数の担当者で台帳を共有するにはグループを使ってください。台帳を 0660、そのディレクトリを 2770 とし、どちらもそのグループにします（README「1台のホストで複数の担当者」）"
    );
    match why {
        Unsafe::WorldWritableDir { dir } => {
            let d = p(dir);
            tr!(
                "refusing the ledger {l}: its directory {d} is writable by everyone, so anyone could plant the files SQLite keeps beside it and read customer data through them. Move the ledger to a private directory, or remove the world write bit (chmod o-w {d}); {share}",
                "台帳 {l} を使えません。ディレクトリ {d} が誰でも書き込める状態のため、SQLite が台帳の横に置くファイルを他人が先に作り、お客様データを読めてしまいます。台帳を専用のディレクトリに移すか、書き込み権を外してください（chmod o-w {d}）。{share}"
            )
        }
        Unsafe::NotAFile { file } => {
            let f = p(file);
            tr!(
                "refusing the ledger {l}: {f} is not a plain file (a link or a directory where SQLite keeps its own file); remove it if no acctsec is running, then try again",
                "台帳 {l} を使えません。{f} が通常のファイルではありません（SQLite のファイルの場所にリンクやディレクトリがあります）。acctsec が動いていないことを確認して削除し、やり直してください"
            )
        }
        Unsafe::WorldAccess { file, mode } | Unsafe::GroupAccess { file, mode } => {
            let f = p(file);
            tr!(
                "refusing the ledger {l}: {f} (mode {mode:04o}) gives access to users the ledger file does not; someone may have planted it to read customer data. Check who made it, remove it if no acctsec is running, and try again; {share}",
                "台帳 {l} を使えません。{f}（モード {mode:04o}）が台帳ファイルより広い利用者に読み書きを許しています。お客様データを読むために置かれた可能性があります。作成者を確認し、acctsec が動いていなければ削除してやり直してください。{share}"
            )
        }
        Unsafe::Owner { file, uid } => {
            let f = p(file);
            tr!(
                "refusing the ledger {l}: {f} belongs to user {uid}, who has no access to the ledger; someone may have planted it to read customer data. Check who made it, remove it if no acctsec is running, and try again; {share}",
                "台帳 {l} を使えません。{f} の所有者（ユーザー {uid}）は台帳を利用できない利用者です。お客様データを読むために置かれた可能性があります。作成者を確認し、acctsec が動いていなければ削除してやり直してください。{share}"
            )
        }
    }
}

pub fn policy_file_too_large(file: &std::path::Path, max_kib: u64) -> String {
    let f = p(file);
    tr!(
        "{f} is larger than {max_kib} KiB; a policy file is a few KiB of TOML (see `acctsec policy show --toml`)",
        "{f} が {max_kib} KiB を超えています。ポリシーファイルは数 KiB の TOML です（`acctsec policy show --toml` を参照）"
    )
}

/// A PostgreSQL URL that carries a password (exit 2): passwords never travel
/// in argv or the environment of a command line.
pub fn db_url_password() -> String {
    tr!(
        "refusing a ledger URL that contains a password: a password on the command line is visible to every user of the host. Remove it from the URL and give it in PGPASSWORD or in the password file (PGPASSFILE, default ~/.pgpass, mode 0600)",
        "パスワードを含む台帳 URL は使えません。コマンドラインのパスワードはホストの全利用者から見えます。URL から外し、PGPASSWORD かパスワードファイル（PGPASSFILE、既定は ~/.pgpass、モード 0600）で指定してください"
    )
}

/// A PostgreSQL URL that cannot be understood (exit 2).
pub fn db_url_invalid(why: &str) -> String {
    tr!(
        "invalid ledger URL: {why} (form: postgres://USER@HOST:PORT/DBNAME?sslmode=MODE)",
        "台帳 URL が正しくありません: {why}（形式: postgres://USER@HOST:PORT/DBNAME?sslmode=MODE）"
    )
}

/// The PostgreSQL server cannot be reached, or the connection was lost
/// (exit 75: safe to retry).
pub fn db_unreachable(server: &str, detail: &str) -> String {
    tr!(
        "ledger server unreachable, retry: the PostgreSQL server at {server} cannot be reached or dropped the connection ({detail}); a transaction cut off is rolled back whole, so it is safe to run the command again",
        "台帳サーバーに接続できません。再実行してください: {server} の PostgreSQL サーバーに接続できないか、接続が切れました（{detail}）。途中のトランザクションはすべて取り消されるので、そのまま再実行できます"
    )
}

/// The PostgreSQL server refused who we are (exit 78).
pub fn db_auth_failed(server: &str, user: &str, detail: &str) -> String {
    tr!(
        "the PostgreSQL server at {server} refused user {user} ({detail}); check PGPASSWORD or the password file (PGPASSFILE, default ~/.pgpass, mode 0600)",
        "{server} の PostgreSQL サーバーがユーザー {user} を拒否しました（{detail}）。PGPASSWORD かパスワードファイル（PGPASSFILE、既定は ~/.pgpass、モード 0600）を確認してください"
    )
}

/// The ledger server denied this user what the command needs (exit 78).
pub fn db_denied(server: &str, user: &str, detail: &str) -> String {
    let (user, detail) = (
        crate::sanitize::sanitize(user),
        crate::sanitize::sanitize(detail),
    );
    tr!(
        "the PostgreSQL server at {server} denied database user {user} what this command needs ({detail}): {user} lacks the staff role's grants. The ledger's owner gives them with `GRANT acctsec_staff TO {user};` (README: \"Roles on PostgreSQL\"; a read-only user gets acctsec_read and runs only listings and reports)",
        "{server} の PostgreSQL サーバーはデータベースユーザー {user} にこのコマンドに必要な権限を与えていません（{detail}）。{user} にはスタッフロールの権限がありません。台帳の所有者が `GRANT acctsec_staff TO {user};` で付与してください（README「Roles on PostgreSQL」。読み取り専用のユーザーには acctsec_read を付与し、一覧とレポートだけを実行します）"
    )
}

/// The PostgreSQL server refused who we are on a connection that
/// `sslmode=disable` left plain (exit 78): maybe it takes TLS only.
pub fn db_auth_failed_plain(server: &str, user: &str, detail: &str) -> String {
    tr!(
        "the PostgreSQL server at {server} refused user {user} on an unencrypted connection ({detail}); a server that takes TLS only needs sslmode=require or verify-full in the URL; otherwise check PGPASSWORD or the password file (PGPASSFILE, default ~/.pgpass, mode 0600)",
        "{server} の PostgreSQL サーバーが暗号化されていない接続でユーザー {user} を拒否しました（{detail}）。TLS 接続しか受け付けないサーバーには URL に sslmode=require か verify-full が必要です。そうでなければ PGPASSWORD かパスワードファイル（PGPASSFILE、既定は ~/.pgpass、モード 0600）を確認してください"
    )
}

/// The ledger server's certificate was refused (exit 78).
pub fn db_tls_refused(server: &str, detail: &str) -> String {
    db_tls_unusable(&tr!(
        "the certificate of the PostgreSQL server at {server} was refused ({detail}); give in sslrootcert the certificate of the CA that signed it (for verify-full, the server's certificate must also name the URL's host)",
        "{server} の PostgreSQL サーバーの証明書を受け入れられません（{detail}）。sslrootcert にその証明書に署名した CA の証明書を指定してください（verify-full では、サーバー証明書が URL のホスト名を含んでいる必要もあります）"
    ))
}

/// The URL's sslmode requires TLS; the server offers none (exit 78).
pub fn db_no_tls(server: &str) -> String {
    db_tls_unusable(&tr!(
        "the PostgreSQL server at {server} offers no TLS, and the URL's sslmode requires it; turn TLS on in the server (ssl = on), or, only on a network you trust, give sslmode=disable",
        "{server} の PostgreSQL サーバーは TLS に対応していませんが、URL の sslmode は TLS を求めています。サーバーで TLS を有効にするか（ssl = on）、信頼できるネットワークでのみ sslmode=disable を指定してください"
    ))
}

/// A TLS setting of a ledger URL that cannot be used (exit 78).
pub fn db_tls_unusable(what: &str) -> String {
    tr!(
        "cannot secure the connection to the ledger server: {what}",
        "台帳サーバーへの接続を暗号化できません: {what}"
    )
}

/// `ledger grant` on SQLite (exit 2).
pub fn grant_needs_server() -> String {
    tr!(
        "`ledger grant` gives roles of a PostgreSQL server their rights on a ledger there; on a SQLite ledger who may read and write is the file's permissions (README, \"Several staff users on one host\")",
        "`ledger grant` は PostgreSQL サーバー上の台帳についてロールに権限を与えます。SQLite の台帳では、読み書きできる人はファイルのパーミッションで決まります（README「Several staff users on one host」）"
    )
}

/// `ledger grant` to a role that does not exist (exit 2).
pub fn no_role(role: &str) -> String {
    let role = sanitize(role);
    tr!(
        "the server has no role {role}: create it first, as a superuser or a role with CREATEROLE (CREATE ROLE {role} NOLOGIN), then run `acctsec ledger grant` again; nothing was granted",
        "サーバーにロール {role} がありません。先にスーパーユーザーか CREATEROLE を持つロールで作成し（CREATE ROLE {role} NOLOGIN）、もう一度 `acctsec ledger grant` を実行してください。何も付与していません"
    )
}

/// `ledger grant` by a login that is not the ledger's owner (exit 78).
pub fn grant_not_owner(user: &str, owner: &str) -> String {
    let (user, owner) = (sanitize(user), sanitize(owner));
    tr!(
        "`ledger grant` gives rights only the ledger's owner can give: the tables belong to {owner}, and {user} is not {owner} or a member of it; run it as {owner}; nothing was granted",
        "`ledger grant` の権限は台帳の所有者だけが付与できます。テーブルの所有者は {owner} で、{user} は {owner} でもそのメンバーでもありません。{owner} として実行してください。何も付与していません"
    )
}

/// `ledger grant` done.
pub fn granted(staff: &str, read: Option<&str>, statements: usize) -> String {
    let staff = sanitize(staff);
    match read.map(sanitize) {
        Some(read) => tr!(
            "granted ({statements} statements, audited): {staff} works through acctsec and writes the trail only through the server's functions; {read} reads",
            "権限を付与しました（{statements} 文、監査記録あり）: {staff} は acctsec で業務を行い、監査記録はサーバーの関数を通してのみ書き込みます。{read} は参照のみです"
        ),
        None => tr!(
            "granted ({statements} statements, audited): {staff} works through acctsec and writes the trail only through the server's functions",
            "権限を付与しました（{statements} 文、監査記録あり）: {staff} は acctsec で業務を行い、監査記録はサーバーの関数を通してのみ書き込みます"
        ),
    }
}

/// A role name `ledger grant` does not take (exit 2).
pub fn bad_role_name(name: &str) -> String {
    let name = sanitize(name);
    tr!(
        "{name:?} is not a role name acctsec grants to: lower-case letters, digits and _, starting with a letter or _, at most 63",
        "{name:?} は acctsec が権限を与えるロール名として使えません。英小文字・数字・_ で、英小文字か _ で始まり、63 文字以内にしてください"
    )
}

/// `ledger copy` done.
pub fn ledger_copied(
    from: &std::path::Path,
    to: &std::path::Path,
    entries: u64,
    rows: u64,
) -> String {
    let (f, t) = (p(from), p(to));
    tr!(
        "copied ledger {f} to {t}: {rows} rows, {entries} audit entries (same head)",
        "台帳 {f} を {t} にコピーしました: {rows} 行、監査記録 {entries} 件（同じ先頭）"
    )
}
