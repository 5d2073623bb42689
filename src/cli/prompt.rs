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
    read_secret_line(&mut std::io::stdin().lock())
}

/// The longest secret read from stdin, in bytes. Longer lines are refused
/// (exit 65) before they are held in memory.
pub const MAX_SECRET_BYTES: usize = 1024;

/// One secret line: without its `\n` or `\r\n`, at most
/// [`MAX_SECRET_BYTES`], UTF-8. Never grows a buffer (no copies of the
/// secret are left behind).
fn read_secret_line(input: &mut impl std::io::BufRead) -> Result<zeroize::Zeroizing<String>> {
    use std::io::{BufRead, Read};
    use zeroize::Zeroize;
    // Room for the longest secret and its line end, reserved up front.
    let cap = MAX_SECRET_BYTES + 2;
    let mut line = zeroize::Zeroizing::new(Vec::with_capacity(cap));
    let n = input
        .take(cap as u64)
        .read_until(b'\n', &mut line)
        .map_err(|e| Error::io("<stdin>", e))?;
    if n == 0 {
        return Err(Error::Usage(messages::no_secret_on_stdin()));
    }
    let ended = line.last() == Some(&b'\n');
    while matches!(line.last(), Some(b'\n' | b'\r')) {
        line.pop();
    }
    if line.len() > MAX_SECRET_BYTES || (!ended && n == cap) {
        return Err(Error::BadSecret(messages::secret_too_long(
            MAX_SECRET_BYTES,
        )));
    }
    match String::from_utf8(std::mem::take(&mut *line)) {
        Ok(s) => Ok(zeroize::Zeroizing::new(s)),
        Err(e) => {
            e.into_bytes().zeroize();
            Err(Error::BadSecret(messages::secret_not_utf8()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(bytes: &[u8]) -> Result<zeroize::Zeroizing<String>> {
        read_secret_line(&mut std::io::Cursor::new(bytes.to_vec()))
    }

    #[test]
    fn one_line_without_its_end() {
        assert_eq!(read(b"pass word\r\nnext\n").unwrap().as_str(), "pass word");
        assert_eq!(read(b"last").unwrap().as_str(), "last");
        assert_eq!(read(b"\n").unwrap().as_str(), "");
        assert!(matches!(read(b""), Err(Error::Usage(_))));
    }

    #[test]
    fn long_and_broken_secrets_are_bad_input() {
        let longest = vec![b'a'; MAX_SECRET_BYTES];
        assert_eq!(read(&longest).unwrap().len(), MAX_SECRET_BYTES);
        let mut with_end = longest.clone();
        with_end.extend_from_slice(b"\r\n");
        assert_eq!(read(&with_end).unwrap().len(), MAX_SECRET_BYTES);
        let too_long = vec![b'a'; MAX_SECRET_BYTES + 1];
        let e = read(&too_long).unwrap_err();
        assert_eq!(e.exit_code(), crate::error::exit::DATA);
        let endless = vec![b'a'; 10 * MAX_SECRET_BYTES];
        assert_eq!(read(&endless).unwrap_err().exit_code(), 65);
        assert_eq!(read(b"\xff\xfe\n").unwrap_err().exit_code(), 65);
    }
}
