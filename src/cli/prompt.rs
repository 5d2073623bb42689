//! Prompts: only when stdin and stderr are terminals (`interactive`, a
//! terminal fact found once at start-up). Scripts and cron never block on one.

use crate::error::{Error, Result};
use crate::messages;

/// `--yes` answers yes; a terminal asks (default no); otherwise exit 2.
pub fn confirm(interactive: bool, yes: bool, what: &str) -> Result<bool> {
    if yes {
        return Ok(true);
    }
    if !interactive {
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

/// A secret from a hidden prompt (asked twice when `confirm` is given) on a
/// terminal, else one line of stdin without its `\n` or `\r\n`. Never from
/// argv; never echoed.
pub fn read_secret(
    interactive: bool,
    prompt: &str,
    confirm: Option<(&str, &str)>,
) -> Result<zeroize::Zeroizing<String>> {
    use std::io::BufRead;
    if interactive {
        let mut p = dialoguer::Password::new().with_prompt(prompt);
        if let Some((again, mismatch)) = confirm {
            p = p.with_confirmation(again, mismatch);
        }
        return p
            .interact()
            .map(zeroize::Zeroizing::new)
            .map_err(|e| Error::io("<terminal>", std::io::Error::other(e.to_string())));
    }
    // Sized up front: a growing buffer would leave copies of the secret behind.
    let mut line = zeroize::Zeroizing::new(String::with_capacity(1024));
    let n = std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| Error::io("<stdin>", e))?;
    if n == 0 {
        return Err(Error::Usage(messages::no_secret_on_stdin()));
    }
    while line.ends_with('\n') || line.ends_with('\r') {
        line.pop();
    }
    Ok(line)
}
