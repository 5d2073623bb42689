//! The `--db` PostgreSQL URL parser: a URL it takes, written back in
//! canonical form (every part a `%`-encoded parameter), parses to the same
//! connection; a password in the URL is always refused, and never echoed.
#![no_main]
use acctsec::fuzzing::{SslMode, Url, parse_db_url};
use acctsec_fuzz::percent_encode;
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fn canonical(u: &Url) -> String {
    let mode = match u.sslmode {
        SslMode::Disable => "disable",
        SslMode::Prefer => "prefer",
        SslMode::Require => "require",
        SslMode::VerifyCa => "verify-ca",
        SslMode::VerifyFull => "verify-full",
    };
    let mut s = format!(
        "postgresql://?host={}&port={}&dbname={}&user={}&sslmode={mode}&connect_timeout={}&application_name={}",
        percent_encode(&u.host),
        u.port,
        percent_encode(&u.dbname),
        percent_encode(&u.user),
        u.connect_timeout_s,
        percent_encode(&u.application_name),
    );
    if let Some(c) = &u.sslrootcert {
        s.push_str("&sslrootcert=");
        s.push_str(&percent_encode(c.to_str().expect("UTF-8")));
    }
    s
}

fn same(a: &Url, b: &Url) -> bool {
    (
        &a.host,
        a.port,
        &a.dbname,
        &a.user,
        a.sslmode,
        &a.sslrootcert,
        a.connect_timeout_s,
        &a.application_name,
    ) == (
        &b.host,
        b.port,
        &b.dbname,
        &b.user,
        b.sslmode,
        &b.sslrootcert,
        b.connect_timeout_s,
        &b.application_name,
    )
}

fuzz_target!(|data: &[u8]| {
    // The parser falls back on libpq's environment: keep it out.
    static CLEAN: std::sync::Once = std::sync::Once::new();
    CLEAN.call_once(|| {
        for k in [
            "PGHOST",
            "PGPORT",
            "PGDATABASE",
            "PGUSER",
            "PGSSLMODE",
            "PGSSLROOTCERT",
            "PGCONNECT_TIMEOUT",
        ] {
            // SAFETY: once, before any other thread of this process reads the environment.
            unsafe { std::env::remove_var(k) };
        }
    });
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let url = format!("postgresql://{text}");
    match parse_db_url(Path::new(&url)) {
        Ok(u) => {
            assert_ne!(u.port, 0);
            let c = canonical(&u);
            let back = parse_db_url(Path::new(&c)).unwrap_or_else(|e| panic!("{c:?} refused: {e}"));
            assert!(same(&u, &back), "{url:?} -> {u:?}, but {c:?} -> {back:?}");
            let _ = u.server();
        }
        Err(e) => {
            // `user:secret@host`: the secret is not in the message.
            let authority = text.split(['/', '?']).next().unwrap_or_default();
            if let Some((userinfo, _)) = authority.rsplit_once('@')
                && let Some((_, secret)) = userinfo.split_once(':')
                && secret.len() >= 4
            {
                // The refusal's fixed text, whatever the secret.
                let fixed = parse_db_url(Path::new("postgresql://u:\u{1}@h"))
                    .err()
                    .map(|e| e.to_string());
                let said = e.to_string();
                assert!(
                    Some(&said) == fixed.as_ref() || !said.contains(secret),
                    "{said} shows the password"
                );
            }
        }
    }
});
