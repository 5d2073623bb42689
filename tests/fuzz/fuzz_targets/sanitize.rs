//! The terminal sanitizer: what it returns holds no control character
//! (so no escape sequence can start), no bidirectional control, and is
//! left alone by a second pass; text without any of these passes as is.
#![no_main]
use acctsec::sanitize::sanitize;
use acctsec_fuzz::is_bidi_control;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let s = String::from_utf8_lossy(data);
    let out = sanitize(&s);
    for c in out.chars() {
        assert!(!c.is_control(), "control {c:?} left in {out:?}");
        assert!(!is_bidi_control(c), "bidi control {c:?} left in {out:?}");
    }
    assert_eq!(sanitize(&out), out, "a second pass changes the text");
    if !s.chars().any(|c| c.is_control() || is_bidi_control(c)) {
        assert_eq!(out, s, "clean text was changed");
    }
    assert!(out.chars().count() <= s.chars().count());
});
