//! A ledger URL, in libpq's forms: `postgres://` or `postgresql://`, then
//! `[USER@][HOST][:PORT][/DBNAME][?KEY=VALUE&...]`, where HOST is a name,
//! an address (`[::1]` for IPv6) or a Unix-socket directory (`%2Frun%2Fpostgresql`,
//! or the `host=/run/postgresql` parameter). Parameters: `host`, `port`,
//! `dbname`, `user`, `sslmode`, `sslrootcert`, `connect_timeout`,
//! `application_name`, and `schema` (the ledger's schema, default `public`,
//! that every connection pins its `search_path` to). Missing parts come from `PGHOST`, `PGPORT`,
//! `PGDATABASE`, `PGUSER`, `PGSSLMODE`, `PGSSLROOTCERT` as libpq takes them.
//!
//! A password never comes from the URL (it would sit in argv): it is refused,
//! and taken from `PGPASSWORD` or the password file instead (`PGPASSFILE`,
//! default `~/.pgpass`; ignored, as libpq does, when group or others can
//! read it).

use std::path::{Path, PathBuf};

use zeroize::Zeroizing;

use crate::error::{Error, Result};

/// Whether a `--db` value names a PostgreSQL ledger.
pub fn is_url(target: &Path) -> bool {
    let s = target.as_os_str().as_encoded_bytes();
    s.starts_with(b"postgres://") || s.starts_with(b"postgresql://")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SslMode {
    Disable,
    Prefer,
    Require,
    VerifyCa,
    VerifyFull,
}

/// Where and as whom to connect.
#[derive(Debug, Clone)]
pub struct Url {
    /// A host name or address, or an absolute socket directory.
    pub host: String,
    pub port: u16,
    pub dbname: String,
    pub user: String,
    pub sslmode: SslMode,
    pub sslrootcert: Option<PathBuf>,
    pub connect_timeout_s: u64,
    pub application_name: String,
    /// The schema the ledger's tables are in (`schema=NAME`, default
    /// `public`): every connection pins its `search_path` to it.
    pub schema: String,
}

impl Url {
    pub fn is_socket(&self) -> bool {
        self.host.starts_with('/')
    }

    /// The server, for messages: `host:port` or the socket's path.
    pub fn server(&self) -> String {
        if self.is_socket() {
            format!("{}/.s.PGSQL.{}", self.host.trim_end_matches('/'), self.port)
        } else if self.host.contains(':') {
            format!("[{}]:{}", self.host, self.port)
        } else {
            format!("{}:{}", self.host, self.port)
        }
    }

    /// The password: `PGPASSWORD`, else the password file's first matching
    /// line.
    pub fn password(&self) -> Option<Zeroizing<String>> {
        if let Some(p) = std::env::var_os("PGPASSWORD").filter(|p| !p.is_empty()) {
            return Some(Zeroizing::new(p.to_string_lossy().into_owned()));
        }
        let file = match std::env::var_os("PGPASSFILE").filter(|p| !p.is_empty()) {
            Some(f) => PathBuf::from(f),
            None => PathBuf::from(std::env::var_os("HOME")?).join(".pgpass"),
        };
        let host = if self.is_socket() {
            "localhost"
        } else {
            &self.host
        };
        password_from_file(&file, host, self.port, &self.dbname, &self.user)
    }
}

fn usage(why: &str) -> Error {
    Error::DbUrlInvalid {
        why: why.to_owned(),
    }
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// `%XX` decoding.
fn decode(s: &str) -> Result<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = s
                .get(i + 1..i + 3)
                // Two hex digits, as libpq takes them (`from_str_radix`
                // alone would also take a sign: `%+1`).
                .filter(|h| h.bytes().all(|c| c.is_ascii_hexdigit()))
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .ok_or_else(|| usage("a bad %-escape"))?;
            out.push(hex);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| usage("text that is not UTF-8"))
}

/// Parse a ledger URL (see the module doc).
pub fn parse(target: &Path) -> Result<Url> {
    let s = target
        .to_str()
        .ok_or_else(|| usage("text that is not UTF-8"))?;
    let rest = s
        .strip_prefix("postgresql://")
        .or_else(|| s.strip_prefix("postgres://"))
        .ok_or_else(|| usage("not a postgres:// URL"))?;
    let (rest, query) = match rest.split_once('?') {
        Some((r, q)) => (r, Some(q)),
        None => (rest, None),
    };
    let (authority, path) = match rest.split_once('/') {
        Some((a, p)) => (a, Some(p)),
        None => (rest, None),
    };
    let (userinfo, hostport) = match authority.rsplit_once('@') {
        Some((u, h)) => (Some(u), h),
        None => (None, authority),
    };
    let mut user = None;
    if let Some(u) = userinfo {
        if u.contains(':') {
            return Err(Error::DbUrlPassword);
        }
        if !u.is_empty() {
            user = Some(decode(u)?);
        }
    }
    let (mut host, mut port) = (None, None);
    if let Some(v6) = hostport.strip_prefix('[') {
        let (h, after) = v6
            .split_once(']')
            .ok_or_else(|| usage("an unclosed [ in the host"))?;
        host = Some(h.to_owned());
        if let Some(p) = after.strip_prefix(':') {
            port = Some(p.to_owned());
        } else if !after.is_empty() {
            return Err(usage("text after the host"));
        }
    } else if !hostport.is_empty() {
        let (h, p) = match hostport.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (hostport, None),
        };
        if h.contains(',') {
            return Err(usage("several hosts are not supported"));
        }
        if !h.is_empty() {
            host = Some(decode(h)?);
        }
        port = p.map(str::to_owned);
    }
    let mut dbname = path.filter(|p| !p.is_empty()).map(decode).transpose()?;
    let mut sslmode = None;
    let mut sslrootcert = None;
    let mut connect_timeout = None;
    let mut application_name = None;
    let mut schema = None;
    for pair in query
        .unwrap_or_default()
        .split('&')
        .filter(|p| !p.is_empty())
    {
        let (k, v) = pair
            .split_once('=')
            .ok_or_else(|| usage(&format!("parameter {pair:?} has no value")))?;
        let v = decode(v)?;
        match k {
            "host" => host = Some(v),
            "port" => port = Some(v),
            "dbname" => dbname = Some(v),
            "user" => user = Some(v),
            "password" => return Err(Error::DbUrlPassword),
            "sslmode" => sslmode = Some(v),
            "sslrootcert" => sslrootcert = Some(PathBuf::from(v)),
            "connect_timeout" => connect_timeout = Some(v),
            "application_name" => application_name = Some(v),
            "schema" => schema = Some(v),
            _ => return Err(usage(&format!("unknown parameter {k:?}"))),
        }
    }
    let user = match user.or_else(|| env("PGUSER")) {
        Some(u) => u,
        None => nix::unistd::User::from_uid(nix::unistd::geteuid())
            .ok()
            .flatten()
            .map(|u| u.name)
            .ok_or_else(|| usage("no user, and no name for this process's user"))?,
    };
    let port = match port.or_else(|| env("PGPORT")) {
        Some(p) => p
            .parse::<u16>()
            .ok()
            .filter(|p| *p != 0)
            .ok_or_else(|| usage(&format!("port {p:?} is not a port number")))?,
        None => 5432,
    };
    let sslmode = match sslmode.or_else(|| env("PGSSLMODE")).as_deref() {
        // Fail closed: with no mode given, a TCP connection verifies the
        // server's certificate and name (libpq's `prefer` would hand the
        // password to a server that declines TLS). A Unix socket is never
        // encrypted, whatever the mode.
        None => SslMode::VerifyFull,
        Some("prefer") => SslMode::Prefer,
        Some("disable") | Some("allow") => SslMode::Disable,
        Some("require") => SslMode::Require,
        Some("verify-ca") => SslMode::VerifyCa,
        Some("verify-full") => SslMode::VerifyFull,
        Some(m) => return Err(usage(&format!("unknown sslmode {m:?}"))),
    };
    let connect_timeout_s = match connect_timeout.or_else(|| env("PGCONNECT_TIMEOUT")) {
        Some(t) => t
            .parse::<u64>()
            .map_err(|_| usage(&format!("connect_timeout {t:?} is not a number of seconds")))?,
        None => 10,
    };
    Ok(Url {
        host: host
            .or_else(|| env("PGHOST"))
            .unwrap_or_else(|| "/var/run/postgresql".into()),
        port,
        dbname: dbname
            .or_else(|| env("PGDATABASE"))
            .unwrap_or_else(|| user.clone()),
        user,
        sslmode,
        sslrootcert: sslrootcert.or_else(|| env("PGSSLROOTCERT").map(PathBuf::from)),
        connect_timeout_s,
        application_name: application_name.unwrap_or_else(|| "acctsec".into()),
        schema: match schema {
            Some(s) if s.is_empty() || s.len() > 63 || s.chars().any(char::is_control) => {
                return Err(usage(&format!("schema {s:?} is not a schema name")));
            }
            Some(s) => s,
            None => "public".into(),
        },
    })
}

/// The password of the first line of a libpq password file that matches
/// (`host:port:dbname:user:password`, `*` matching anything, `\` escaping
/// `:` and `\`). A file that group or others can reach is ignored, as libpq
/// ignores it.
fn password_from_file(
    file: &Path,
    host: &str,
    port: u16,
    dbname: &str,
    user: &str,
) -> Option<Zeroizing<String>> {
    use std::os::unix::fs::PermissionsExt;
    let meta = std::fs::metadata(file).ok()?;
    if !meta.is_file() || meta.permissions().mode() & 0o077 != 0 {
        return None;
    }
    let text = Zeroizing::new(std::fs::read_to_string(file).ok()?);
    let port = port.to_string();
    let want = [host, port.as_str(), dbname, user];
    for line in text.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let fields = split_fields(line);
        if fields.len() < 5 {
            continue;
        }
        if fields[..4]
            .iter()
            .zip(want)
            .all(|(f, w)| f.as_str() == "*" || f.as_str() == w)
        {
            return Some(Zeroizing::new(fields[4].to_string()));
        }
    }
    None
}

fn split_fields(line: &str) -> Vec<Zeroizing<String>> {
    let mut fields = vec![Zeroizing::new(String::new())];
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == ':' && fields.len() < 5 {
            fields.push(Zeroizing::new(String::new()));
            continue;
        }
        let c = if c == '\\' {
            match chars.next() {
                Some(n) => n,
                None => break,
            }
        } else {
            c
        };
        fields.last_mut().expect("one field").push(c);
    }
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms() {
        let u = parse(Path::new(
            "postgres://ops@db1.example:6543/acct?sslmode=require",
        ))
        .unwrap();
        assert_eq!(
            (u.host.as_str(), u.port, u.dbname.as_str()),
            ("db1.example", 6543, "acct")
        );
        assert_eq!((u.user.as_str(), u.sslmode), ("ops", SslMode::Require));
        assert_eq!(u.server(), "db1.example:6543");
        let u = parse(Path::new("postgresql://ops@%2Frun%2Fpostgresql/acct")).unwrap();
        assert!(u.is_socket());
        assert_eq!(u.server(), "/run/postgresql/.s.PGSQL.5432");
        let u = parse(Path::new("postgresql:///acct?host=/tmp/s&port=5999&user=x")).unwrap();
        assert_eq!(
            (u.host.as_str(), u.port, u.user.as_str()),
            ("/tmp/s", 5999, "x")
        );
        let u = parse(Path::new("postgres://x@[::1]:5433/d")).unwrap();
        assert_eq!(u.server(), "[::1]:5433");
    }

    /// Found by the `db_url` fuzz target: a sign is not a hex digit.
    #[test]
    fn a_percent_escape_is_two_hex_digits() {
        for bad in [
            "postgres://h/d%+1",
            "postgres://u%-1@h/d",
            "postgres://h/%2",
        ] {
            assert!(parse(Path::new(bad)).is_err(), "{bad}");
        }
        assert_eq!(decode("a%2Fb%2f").unwrap(), "a/b/");
    }

    #[test]
    fn passwords_and_junk_are_refused() {
        for bad in ["postgres://u:secret@h/d", "postgres://h/d?password=secret"] {
            let e = parse(Path::new(bad)).unwrap_err();
            assert!(e.to_string().contains("PGPASSWORD"), "{e}");
            assert!(!e.to_string().contains("secret"), "{e}");
        }
        assert!(parse(Path::new("postgres://u@h:99999/d")).is_err());
        assert!(parse(Path::new("postgres://u@h/d?sslmode=sometimes")).is_err());
        assert!(parse(Path::new("postgres://u@h/d?colour=red")).is_err());
    }

    #[test]
    fn password_file_lines() {
        let d = tempfile::tempdir().unwrap();
        let f = d.path().join("pgpass");
        std::fs::write(
            &f,
            "# comment\nother:5432:*:u:no\nh:5432:d:u:pa\\:ss:word\n*:*:*:*:fallback\n",
        )
        .unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o600)).unwrap();
        let pw = password_from_file(&f, "h", 5432, "d", "u").unwrap();
        assert_eq!(pw.as_str(), "pa:ss:word");
        let pw = password_from_file(&f, "z", 1, "d", "v").unwrap();
        assert_eq!(pw.as_str(), "fallback");
        std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o644)).unwrap();
        assert!(password_from_file(&f, "h", 5432, "d", "u").is_none());
    }
}
