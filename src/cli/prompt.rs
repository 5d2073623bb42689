//! Prompts: only when stdin and stderr are terminals. Scripts and cron never
//! block on one.

use std::io::IsTerminal;

use crate::error::{Error, Result};
use crate::messages;

pub fn interactive() -> bool {
    std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
}

/// `--yes` answers yes; a terminal asks (default no); otherwise exit 2.
pub fn confirm(yes: bool, what: &str) -> Result<bool> {
    if yes {
        return Ok(true);
    }
    if !interactive() {
        return Err(Error::NeedsConfirmation {
            what: what.to_string(),
        });
    }
    Ok(dialoguer::Confirm::new()
        .with_prompt(messages::confirm_prompt(what))
        .default(false)
        .interact()
        .unwrap_or(false))
}
