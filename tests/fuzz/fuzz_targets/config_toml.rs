//! The per-host configuration TOML (`--config`): a parse error's line is
//! inside the text, a key is never both trusted and retired, and the
//! signing key path is resolved against the file's directory.
#![no_main]
use acctsec::config::{Config, ConfigError};
use acctsec_fuzz::lines;
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let path = Path::new("/etc/acctsec/config.toml");
    match Config::parse(path, text) {
        Ok(c) => {
            assert_eq!(c.path.as_deref(), Some(path));
            for k in &c.trail.public_keys {
                assert!(
                    !c.trail.retired_keys.contains(k),
                    "{k} both trusted and retired"
                );
            }
            if let Some(f) = &c.trail.signing_key_file {
                assert!(f.is_absolute(), "{f:?} is not resolved");
            }
            let _ = c.trail.keys();
        }
        Err(ConfigError::Parse { line: Some(l), .. }) => {
            assert!(
                l >= 1 && l as u64 <= lines(data),
                "error on line {l} of {}",
                lines(data)
            );
        }
        Err(_) => {}
    }
});
