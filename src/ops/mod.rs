//! Operations: one function per use case (cargo's `ops` is the model).
//!
//! An operation takes the ledger, a typed options struct and a progress
//! sink, and returns a typed outcome. It is the one place where a change is
//! classified by its effects and passed through the approval gate
//! ([`gate`]), and written with its audit entry in one transaction. It holds
//! no clap type, no printer, no `json!` for output and no sentence a person
//! reads: the command line (`cli`) parses, calls one operation and renders
//! its outcome; a front end may call the same function and meet the same
//! controls.

pub mod audit;

/// Where an operation reports how far it has got: the command line draws a
/// bar on a terminal, a front end may ignore it ([`Silent`]).
pub trait Progress: Sync {
    /// A stage begins: `total` units of it (bytes of a file, customers,
    /// notices), when known.
    fn begin(&self, _stage: Stage, _total: Option<u64>) {}
    /// `n` more units are done.
    fn advance(&self, _n: u64) {}
    /// The stage is over (the bar is cleared).
    fn finish(&self) {}
}

/// What an operation is busy with, for the progress display to word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stage {
    /// Reading an input file (bytes).
    Reading(std::path::PathBuf),
    /// Issuing initial passwords (customers).
    Issuing,
    /// Guessing credentials (customers).
    Auditing,
    /// Delivering notices (notices).
    Sending,
}

/// A progress sink that shows nothing.
pub struct Silent;

impl Progress for Silent {}

pub mod authcode;
pub mod customer;
pub mod environment;
pub mod gate;
pub mod ledger;
pub mod lock;
pub mod notify;
pub mod password;
pub mod policy;
pub mod report;
pub mod request;
pub mod rollout;
pub mod send;
#[cfg(test)]
pub mod testing;
pub mod trail;

#[cfg(test)]
mod tests;
