//! The policy TOML (`policy set --file`): what parses validates, and
//! writes back (`policy show`) to TOML that reads as the same policy; a
//! parse error's line is inside the text.
#![no_main]
use acctsec::policy::{Policy, PolicyError};
use acctsec_fuzz::lines;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match Policy::from_toml(text) {
        Ok(p) => {
            let again = p.to_toml();
            let back = Policy::from_toml(&again).unwrap_or_else(|e| {
                panic!("policy show output does not read back: {e:?}\n{again}")
            });
            assert_eq!(back, p, "round trip changed the policy");
            assert_eq!(back.to_toml(), again);
        }
        Err(PolicyError::Parse { line: Some(l), .. }) => {
            assert!(
                l >= 1 && l as u64 <= lines(data),
                "error on line {l} of {}",
                lines(data)
            );
        }
        Err(_) => {}
    }
});
