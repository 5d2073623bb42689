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
