//! The one error type of acctsec. Every variant knows its exit code (CLI.md);
//! the words live in `messages`, so a catalog change never touches a command.

use std::path::PathBuf;

/// Exit codes fixed by CLI.md.
pub mod exit {
    pub const OK: u8 = 0;
    pub const NO: u8 = 1;
    pub const USAGE: u8 = 2;
    pub const LOCKED: u8 = 3;
    pub const NO_CUSTOMER: u8 = 4;
    pub const DATA: u8 = 65;
    pub const CANT_CREATE: u8 = 73;
    pub const IO: u8 = 74;
    pub const BUSY: u8 = 75;
    pub const CONFIG: u8 = 78;
}

/// One problem in an input file: where it is and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputProblem {
    /// 1-based physical line of the file where the record starts.
    pub line: u64,
    /// The column name (or `None` for a whole-row problem).
    pub column: Option<String>,
    /// What is wrong, already rendered by the message catalog.
    pub reason: String,
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Bad flags or arguments that clap could not catch.
    #[error("{}", crate::messages::error_text(self))]
    Usage(String),
    /// A confirmation is needed and there is no terminal to ask on.
    #[error("{}", crate::messages::error_text(self))]
    NeedsConfirmation { what: String },
    /// The account is locked.
    #[error("{}", crate::messages::error_text(self))]
    Locked { customer: String },
    /// No such customer.
    #[error("{}", crate::messages::error_text(self))]
    NoCustomer { code: String },
    /// Bad input data; nothing was written.
    #[error("{}", crate::messages::error_text(self))]
    BadInput {
        file: PathBuf,
        problems: Vec<InputProblem>,
        total: usize,
    },
    /// An output file exists already (never overwritten).
    #[error("{}", crate::messages::error_text(self))]
    OutputExists { path: PathBuf },
    /// An output file cannot be created.
    #[error("{}", crate::messages::error_text(self))]
    CantCreate {
        path: PathBuf,
        source: std::io::Error,
    },
    /// Reading or writing a file failed.
    #[error("{}", crate::messages::error_text(self))]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The database said no (the backend's own error, whatever the backend).
    #[error("{}", crate::messages::error_text(self))]
    Db {
        path: PathBuf,
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// A ledger transaction changed rows without writing an audit entry: a
    /// bug in acctsec, refused and rolled back.
    #[error("{}", crate::messages::error_text(self))]
    Unaudited,
    /// The ledger file is damaged.
    #[error("{}", crate::messages::error_text(self))]
    Corrupt { path: PathBuf, detail: String },
    /// Another process holds the write lock past the busy timeout.
    #[error("{}", crate::messages::error_text(self))]
    Busy { path: PathBuf, waited_ms: u64 },
    /// Another process is doing the same work; safe to retry (exit 75).
    #[error("{}", crate::messages::error_text(self))]
    InUse { what: String },
    /// No ledger at the path.
    #[error("{}", crate::messages::error_text(self))]
    NoLedger { path: PathBuf },
    /// The file exists but is not an acctsec ledger.
    #[error("{}", crate::messages::error_text(self))]
    NotALedger { path: PathBuf },
    /// A newer acctsec wrote this ledger.
    #[error("{}", crate::messages::error_text(self))]
    NewerLedger {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    /// Invalid configuration (policy, environment).
    #[error("{}", crate::messages::error_text(self))]
    Config { what: String },
}

impl Error {
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Usage(_) | Error::NeedsConfirmation { .. } => exit::USAGE,
            Error::Locked { .. } => exit::LOCKED,
            Error::NoCustomer { .. } => exit::NO_CUSTOMER,
            Error::BadInput { .. } => exit::DATA,
            Error::OutputExists { .. } | Error::CantCreate { .. } => exit::CANT_CREATE,
            Error::Io { .. } | Error::Db { .. } | Error::Corrupt { .. } | Error::Unaudited => {
                exit::IO
            }
            Error::Busy { .. } | Error::InUse { .. } => exit::BUSY,
            Error::NoLedger { .. }
            | Error::NotALedger { .. }
            | Error::NewerLedger { .. }
            | Error::Config { .. } => exit::CONFIG,
        }
    }

    /// Writing to a closed pipe (`acctsec log | head`) is how a reader says
    /// "enough": not an error.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Io { source, .. } if source.kind() == std::io::ErrorKind::BrokenPipe)
    }

    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// Output to stdout failed.
    pub fn stdout(source: std::io::Error) -> Self {
        Error::io("<stdout>", source)
    }
}

/// A hashing or generation failure is a configuration problem (exit 78):
/// unusable Argon2 parameters, an unusable alphabet, no OS randomness.
impl From<crate::secret::SecretError> for Error {
    fn from(e: crate::secret::SecretError) -> Error {
        Error::Config {
            what: crate::messages::secret::describe(&e, crate::messages::is_ja()),
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
