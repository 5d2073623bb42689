//! acctsec: the back office's account-security tool for a Japanese online
//! securities broker. The binary is a thin shell around this library; a
//! trading front end may use the library directly.

#[macro_use]
pub mod messages;

pub mod audit;
pub mod authcode;
pub mod cli;
pub mod clock;
pub mod config;
pub mod customer;
pub mod era;
pub mod error;
#[doc(hidden)]
pub mod fuzzing;
pub mod identity;
pub mod issuance;
pub mod ledger;
pub mod links;
pub mod mailer;
pub mod notify;
pub mod ops;
pub mod output;
pub mod password;
pub mod policy;
pub mod report;
pub mod rollout;
pub mod sanitize;
pub mod seal;
pub mod secret;
pub mod secretfile;
pub mod vocab;
