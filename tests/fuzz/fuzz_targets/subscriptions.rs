//! The subscription CSV (`notify import`): every problem and every row
//! carries a line inside the file; rows come in order; a (code, type) pair
//! is kept once, the repeat reported.
#![no_main]
use acctsec::notify::import::read_all;
use acctsec_fuzz::lines;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let last = lines(data);
    let (rows, problems) = read_all(data);
    for p in &problems {
        assert!(
            p.line >= 1 && p.line <= last,
            "problem on line {} of {last}: {p:?}",
            p.line
        );
    }
    let mut previous = 1;
    for r in &rows {
        assert!(
            r.line > previous && r.line <= last,
            "row on line {} after {previous} of {last}",
            r.line
        );
        previous = r.line;
        assert_eq!(r.code.trim(), r.code);
    }
    assert_eq!(
        acctsec::notify::import::read(data).is_ok(),
        problems.is_empty()
    );
});
