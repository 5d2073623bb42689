//! The whole customer import over arbitrary bytes, read as UTF-8 (first
//! byte even) or Shift_JIS (odd): it either reads rows or reports problems,
//! each with a line inside the file, rows in order. Text that survives a
//! trip through Shift_JIS reads the same in both encodings.
#![no_main]
use acctsec::customer::import::{CustomerCsv, CustomerRow, Encoding, RowProblem};
use acctsec_fuzz::{lines, today};
use libfuzzer_sys::fuzz_target;

type Outcome = Result<Vec<Result<CustomerRow, Vec<RowProblem>>>, Vec<RowProblem>>;

fn import(bytes: &[u8], encoding: Option<Encoding>, last_line: u64) -> Outcome {
    let mut reader = CustomerCsv::new(
        Box::new(std::io::Cursor::new(bytes.to_vec())),
        encoding,
        today(),
    )?;
    let mut out = Vec::new();
    let mut previous = 1;
    while let Some(row) = reader.next_row() {
        let line = match &row {
            Ok(r) => r.line,
            Err(problems) => {
                assert!(!problems.is_empty(), "a bad row names its problems");
                let l = problems[0].line;
                assert!(
                    problems.iter().all(|p| p.line == l),
                    "one row, one line: {problems:?}"
                );
                l
            }
        };
        assert!(
            line > previous && line <= last_line,
            "row on line {line}, after line {previous}, in a file of {last_line} lines: {row:?}"
        );
        previous = line;
        out.push(row);
        assert!(out.len() as u64 <= last_line, "more rows than lines");
    }
    Ok(out)
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let encoding = if selector & 1 == 1 {
        Some(Encoding::Sjis)
    } else {
        None
    };
    let last_line = lines(bytes);
    let outcome = import(bytes, encoding, last_line);
    if let Err(problems) = &outcome {
        assert!(!problems.is_empty());
        for p in problems {
            assert_eq!(p.line, 1, "a header problem is on line 1: {p:?}");
        }
    }
    // UTF-8 text that Shift_JIS can carry imports the same both ways.
    if encoding.is_none()
        && let Ok(text) = std::str::from_utf8(bytes)
        && !text.starts_with('\u{feff}')
    {
        let (sjis, _, unmappable) = encoding_rs::SHIFT_JIS.encode(text);
        let (back, _, _) = encoding_rs::SHIFT_JIS.decode(&sjis);
        if !unmappable && back == text {
            let other = import(&sjis, Some(Encoding::Sjis), lines(&sjis));
            assert_eq!(outcome, other, "UTF-8 and Shift_JIS read differently");
        }
    }
});
