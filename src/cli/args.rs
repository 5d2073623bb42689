//! Argument types and parsers that more than one command takes (not a
//! handler: handlers use it, it uses none of them).

use crate::policy::Kind;

/// A customer code as typed on the command line, normalised as the import
/// normalises the code column ([`crate::customer::validate_code`]: spaces
/// around it dropped, full-width letters and digits made ASCII). A code that
/// cannot be one is passed on as typed: the lookup then says which customer
/// is missing and why that code cannot match.
pub fn code_arg(s: &str) -> std::result::Result<String, std::convert::Infallible> {
    Ok(crate::customer::validate_code(s).unwrap_or_else(|_| s.to_string()))
}

/// `--kind`: which password.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum KindArg {
    Login,
    Execution,
}

impl From<KindArg> for Kind {
    fn from(k: KindArg) -> Kind {
        match k {
            KindArg::Login => Kind::Login,
            KindArg::Execution => Kind::Execution,
        }
    }
}

/// `--ip`: an IP address (v4 or v6), in its canonical form.
pub fn ip_arg(s: &str) -> std::result::Result<String, String> {
    s.trim()
        .parse::<std::net::IpAddr>()
        .map(|ip| ip.to_string())
        .map_err(|_| crate::messages::notify::bad_ip())
}

/// The longest `--device` or `--user-agent` kept, in characters.
pub const MAX_CLIENT_TEXT: usize = 256;

/// `--device`, `--user-agent`: one line of plain text (no control
/// characters, so no escape sequence reaches a terminal or a mail), at most
/// [`MAX_CLIENT_TEXT`] characters; longer text is cut there.
pub fn client_text(s: &str) -> std::result::Result<String, String> {
    let s = s.trim();
    if s.chars().any(char::is_control) {
        return Err(crate::messages::notify::bad_client_text(MAX_CLIENT_TEXT));
    }
    Ok(s.chars().take(MAX_CLIENT_TEXT).collect())
}

/// `--device-id`: a device token as the front end's cookie holds it
/// ([`crate::notify::environment::token_ok`]).
pub fn device_id_arg(s: &str) -> std::result::Result<String, String> {
    use crate::notify::environment::{MAX_TOKEN, MIN_TOKEN, token_ok};
    if token_ok(s) {
        Ok(s.to_string())
    } else {
        Err(crate::messages::notify::bad_device_id(MIN_TOKEN, MAX_TOKEN))
    }
}
