//! Reading the core system's customer CSV: UTF-8 (with or without BOM) or
//! Shift_JIS/CP932, streamed row by row, every row validated and normalised.
//! Pure: no ledger here; the command decides what to write.

use std::cell::RefCell;
use std::collections::hash_map::Entry;
use std::collections::{HashMap, VecDeque};
use std::io::Read;
use std::rc::Rc;

use chrono::NaiveDate;

use super::{
    CODE_MAX_LEN, FieldError, normalize_email, normalize_phone, parse_birth_date, validate_code,
    validate_name,
};

/// The columns CLI.md fixes.
pub const COLUMNS: &[&str] = &[
    "code",
    "name",
    "birth_date",
    "phone",
    "mobile_phone",
    "email_pc",
    "email_mobile",
    "login_hash",
];
const REQUIRED: &[&str] = &["code", "name", "birth_date"];

/// The longest record (row) read, in bytes: a customer row is well under
/// 1 KiB, so anything longer is not a customer row (`/dev/zero`, a binary
/// file, a runaway quote) and is refused before it fills the memory.
pub const MAX_RECORD_BYTES: u64 = 64 * 1024;
/// The longest field, in bytes.
pub const MAX_FIELD_BYTES: usize = 4096;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Sjis,
}

/// Why a row (or the header) is bad.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    Field(FieldError),
    MissingColumn(&'static str),
    UnknownColumn(String),
    DuplicateColumn(String),
    MissingValue(&'static str),
    DuplicateCode {
        first_line: u64,
    },
    UnknownHashFormat,
    /// A recognised hash with a cost parameter no real system uses: every
    /// check of it would take minutes (see `crate::secret::limits`).
    HashTooCostly(crate::secret::CostExcess),
    /// The file is not UTF-8 and no encoding was given.
    NotUtf8,
    /// The CSV structure itself is broken (unterminated quote, ...).
    Malformed(String),
    /// Bytes that are not valid in the named encoding.
    BadEncoding,
    /// A record longer than [`MAX_RECORD_BYTES`]: reading stops there.
    RecordTooLong {
        max: u64,
    },
    /// A field longer than [`MAX_FIELD_BYTES`].
    FieldTooLong {
        max: usize,
    },
}

/// A problem with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowProblem {
    pub line: u64,
    pub column: Option<&'static str>,
    pub problem: Problem,
}

/// An optional column: absent from the file (leave as is), or present with
/// a value or empty (clear).
pub type Cell = Option<Option<String>>;

/// One valid, normalised customer row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerRow {
    pub line: u64,
    pub code: String,
    pub name: String,
    pub birth_date: NaiveDate,
    pub phone: Cell,
    pub mobile_phone: Cell,
    pub email_pc: Cell,
    pub email_mobile: Cell,
    /// The hash as given, and its recognised format id.
    pub login_hash: Option<Option<(String, &'static str)>>,
}

/// A streaming reader of customer rows.
pub struct CustomerCsv {
    reader: csv::Reader<Box<dyn Read>>,
    /// The columns of the file and where each is (a few: looked up by
    /// scanning, as fast as any map for so few and without hashing).
    index: Vec<(&'static str, usize)>,
    /// The codes read so far ([`code_key`]) and their lines.
    seen: HashMap<u128, u64>,
    today: NaiveDate,
    record: csv::StringRecord,
    failed: bool,
    newlines: Rc<RefCell<VecDeque<u64>>>,
    /// Line ends already passed (taken off `newlines`).
    lines_passed: std::cell::Cell<u64>,
    /// Where the record being read starts (decoded bytes), for the cap.
    record_start: Rc<std::cell::Cell<u64>>,
}

/// Remembers where the line ends of the (decoded) stream start (`\n`,
/// `\r\n`, and a lone `\r`, on which the csv reader also ends a record),
/// so that a record's line is the line an editor shows: the csv crate counts
/// only `\n`, and reports a record after `\r\n` as starting on the `\n`.
///
/// It also enforces [`MAX_RECORD_BYTES`]: reading more than that (plus the
/// csv reader's buffer) past the start of the current record fails.
struct NewlineTap {
    inner: Box<dyn Read>,
    pos: u64,
    newlines: Rc<RefCell<VecDeque<u64>>>,
    record_start: Rc<std::cell::Cell<u64>>,
    /// The last byte read was `\r` (a `\n` after it ends no other line).
    after_cr: bool,
}

/// The csv reader reads ahead by at most its buffer: the tap allows that
/// much beyond the record cap before it refuses.
const READ_AHEAD: u64 = 64 * 1024;

/// The marker of the tap's refusal inside an I/O error.
#[derive(Debug)]
struct RecordTooLong;

impl std::fmt::Display for RecordTooLong {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "record longer than {MAX_RECORD_BYTES} bytes")
    }
}

impl std::error::Error for RecordTooLong {}

impl Read for NewlineTap {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.pos.saturating_sub(self.record_start.get()) > MAX_RECORD_BYTES + READ_AHEAD {
            return Err(std::io::Error::other(RecordTooLong));
        }
        let n = self.inner.read(buf)?;
        let mut nl = self.newlines.borrow_mut();
        for i in memchr::memchr2_iter(b'\r', b'\n', &buf[..n]) {
            let after_cr = if i == 0 {
                self.after_cr
            } else {
                buf[i - 1] == b'\r'
            };
            if buf[i] == b'\r' || !after_cr {
                nl.push_back(self.pos + i as u64);
            }
        }
        if n > 0 {
            self.after_cr = buf[n - 1] == b'\r';
        }
        self.pos += n as u64;
        Ok(n)
    }
}

impl CustomerCsv {
    /// Open the stream and check the header. Header problems are returned
    /// all at once.
    pub fn new(
        input: Box<dyn Read>,
        encoding: Option<Encoding>,
        today: NaiveDate,
    ) -> Result<CustomerCsv, Vec<RowProblem>> {
        let decoded: Box<dyn Read> = match encoding {
            Some(Encoding::Sjis) => Box::new(
                encoding_rs_io::DecodeReaderBytesBuilder::new()
                    .encoding(Some(encoding_rs::SHIFT_JIS))
                    .build(input),
            ),
            // UTF-8: strip a BOM; invalid bytes surface as a UTF-8 error.
            _ => Box::new(
                encoding_rs_io::DecodeReaderBytesBuilder::new()
                    .bom_sniffing(true)
                    .strip_bom(true)
                    .utf8_passthru(true)
                    .build(input),
            ),
        };
        let newlines = Rc::new(RefCell::new(VecDeque::new()));
        let record_start = Rc::new(std::cell::Cell::new(0));
        let tapped: Box<dyn Read> = Box::new(NewlineTap {
            inner: decoded,
            pos: 0,
            newlines: newlines.clone(),
            record_start: record_start.clone(),
            after_cr: false,
        });
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(false)
            .from_reader(tapped);
        let headers = match reader.headers() {
            Ok(h) if h.len() > COLUMNS.len() * 4 => {
                // Far more columns than CLI.md has: one problem, not one per column.
                return Err(vec![header_problem(Problem::Malformed(format!(
                    "{} columns in the header; the customer CSV has at most {}",
                    h.len(),
                    COLUMNS.len()
                )))]);
            }
            Ok(h) => h.clone(),
            Err(e) => {
                return Err(vec![RowProblem {
                    line: 1,
                    column: None,
                    problem: csv_problem(&e, encoding),
                }]);
            }
        };
        let mut index: Vec<(&'static str, usize)> = Vec::new();
        let mut problems = Vec::new();
        for (i, h) in headers.iter().enumerate() {
            let name = h.trim().to_ascii_lowercase();
            match COLUMNS.iter().find(|c| **c == name) {
                Some(c) => {
                    if index.iter().any(|(have, _)| have == c) {
                        problems.push(header_problem(Problem::DuplicateColumn(name)));
                    } else {
                        index.push((c, i));
                    }
                }
                None => problems.push(header_problem(Problem::UnknownColumn(h.to_string()))),
            }
        }
        for r in REQUIRED {
            if !index.iter().any(|(have, _)| have == r) {
                problems.push(header_problem(Problem::MissingColumn(r)));
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(CustomerCsv {
            reader,
            index,
            seen: HashMap::new(),
            today,
            record: csv::StringRecord::new(),
            failed: false,
            newlines,
            lines_passed: std::cell::Cell::new(0),
            record_start,
        })
    }

    /// Which optional columns the file carries.
    pub fn has_column(&self, name: &str) -> bool {
        self.index.iter().any(|(have, _)| *have == name)
    }

    /// The next row: `None` at the end; `Some(Err(..))` with every problem
    /// of a bad row.
    pub fn next_row(&mut self) -> Option<Result<CustomerRow, Vec<RowProblem>>> {
        if self.failed {
            return None;
        }
        let read = self.reader.read_record(&mut self.record);
        self.record_start.set(self.reader.position().byte());
        match read {
            Ok(false) => None,
            Ok(true) => {
                let line = self.record.position().map(|p| self.line_of(p)).unwrap_or(0);
                if let Some(i) = self.record.iter().position(|f| f.len() > MAX_FIELD_BYTES) {
                    let column = self.index.iter().find(|(_, at)| *at == i).map(|(c, _)| *c);
                    return Some(Err(vec![RowProblem {
                        line,
                        column,
                        problem: Problem::FieldTooLong {
                            max: MAX_FIELD_BYTES,
                        },
                    }]));
                }
                Some(self.validate(line))
            }
            Err(e) => {
                // A row with the wrong number of fields was read whole: say
                // so and go on. A broken encoding, an over-long record or
                // an I/O error ends the stream: the rest cannot be read
                // reliably.
                self.failed = !matches!(e.kind(), csv::ErrorKind::UnequalLengths { .. });
                let line = e.position().map(|p| self.line_of(p)).unwrap_or(0);
                Some(Err(vec![RowProblem {
                    line,
                    column: None,
                    problem: csv_problem(&e, None),
                }]))
            }
        }
    }

    /// The 1-based line a record starts on: one more than the line ends
    /// before it (positions only grow, so passed ones are dropped).
    fn line_of(&self, p: &csv::Position) -> u64 {
        let mut nl = self.newlines.borrow_mut();
        while nl.front().is_some_and(|&o| o < p.byte()) {
            nl.pop_front();
            self.lines_passed.set(self.lines_passed.get() + 1);
        }
        1 + self.lines_passed.get()
    }

    fn get(&self, col: &'static str) -> Option<&str> {
        self.index
            .iter()
            .find(|(have, _)| *have == col)
            .and_then(|&(_, i)| self.record.get(i))
    }

    fn validate(&mut self, line: u64) -> Result<CustomerRow, Vec<RowProblem>> {
        let mut problems = Vec::new();
        let mut bad = |column, problem| {
            problems.push(RowProblem {
                line,
                column: Some(column),
                problem,
            })
        };
        let required = |col: &'static str, bad: &mut dyn FnMut(&'static str, Problem)| match self
            .get(col)
            .map(str::trim)
        {
            None | Some("") => {
                bad(col, Problem::MissingValue(col));
                None
            }
            Some(v) => Some(v),
        };
        let code = required("code", &mut bad).and_then(|v| {
            validate_code(v)
                .map_err(|e| bad("code", Problem::Field(e)))
                .ok()
        });
        let name = required("name", &mut bad).and_then(|v| {
            validate_name(v)
                .map_err(|e| bad("name", Problem::Field(e)))
                .ok()
        });
        let birth_date = required("birth_date", &mut bad).and_then(|v| {
            parse_birth_date(v, self.today)
                .map_err(|e| bad("birth_date", Problem::Field(e)))
                .ok()
        });
        let optional = |col: &'static str,
                        norm: fn(&str) -> Result<String, FieldError>,
                        bad: &mut dyn FnMut(&'static str, Problem)|
         -> Cell {
            let v = self.get(col)?.trim();
            if v.is_empty() {
                return Some(None);
            }
            match norm(v) {
                Ok(n) => Some(Some(n)),
                Err(e) => {
                    bad(col, Problem::Field(e));
                    Some(None)
                }
            }
        };
        let phone = optional("phone", normalize_phone, &mut bad);
        let mobile_phone = optional("mobile_phone", normalize_phone, &mut bad);
        let email_pc = optional("email_pc", normalize_email, &mut bad);
        let email_mobile = optional("email_mobile", normalize_email, &mut bad);
        let login_hash = self.get("login_hash").map(|v| {
            let v = v.trim();
            if v.is_empty() {
                return None;
            }
            match crate::secret::detect_format(v) {
                Some(f) => match f.cost_excess() {
                    None => Some((v.to_string(), f.kind().id())),
                    Some(e) => {
                        bad("login_hash", Problem::HashTooCostly(e));
                        None
                    }
                },
                None => {
                    bad("login_hash", Problem::UnknownHashFormat);
                    None
                }
            }
        });
        if let Some(code) = &code {
            match self.seen.entry(code_key(code)) {
                Entry::Occupied(first) => bad(
                    "code",
                    Problem::DuplicateCode {
                        first_line: *first.get(),
                    },
                ),
                Entry::Vacant(v) => {
                    v.insert(line);
                }
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(CustomerRow {
            line,
            code: code.unwrap_or_default(),
            name: name.unwrap_or_default(),
            birth_date: birth_date.unwrap_or_default(),
            phone,
            mobile_phone,
            email_pc,
            email_mobile,
            login_hash,
        })
    }
}

/// A valid code (at most [`CODE_MAX_LEN`] = 16 ASCII letters and digits,
/// never a NUL) as one number: its bytes, zero-padded. Unlike a `String`
/// key, nothing to allocate or free per row of a million-row file.
fn code_key(code: &str) -> u128 {
    const _: () = assert!(CODE_MAX_LEN <= 16);
    let mut b = [0u8; 16];
    b[..code.len()].copy_from_slice(code.as_bytes());
    u128::from_le_bytes(b)
}

fn header_problem(problem: Problem) -> RowProblem {
    RowProblem {
        line: 1,
        column: None,
        problem,
    }
}

fn csv_problem(e: &csv::Error, encoding: Option<Encoding>) -> Problem {
    match e.kind() {
        csv::ErrorKind::Utf8 { .. } if encoding != Some(Encoding::Sjis) => Problem::NotUtf8,
        csv::ErrorKind::Utf8 { .. } => Problem::BadEncoding,
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => Problem::Malformed(format!("{len} fields where the header has {expected_len}")),
        csv::ErrorKind::Io(io)
            if io
                .get_ref()
                .is_some_and(|e| e.downcast_ref::<RecordTooLong>().is_some()) =>
        {
            Problem::RecordTooLong {
                max: MAX_RECORD_BYTES,
            }
        }
        csv::ErrorKind::Io(io) => Problem::Malformed(io.to_string()),
        _ => Problem::Malformed(e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
    }

    fn read(bytes: &[u8], enc: Option<Encoding>) -> Vec<Result<CustomerRow, Vec<RowProblem>>> {
        let mut r = CustomerCsv::new(Box::new(std::io::Cursor::new(bytes.to_vec())), enc, today())
            .expect("header");
        std::iter::from_fn(|| r.next_row()).collect()
    }

    #[test]
    fn reads_bom_crlf_and_quoted_fields() {
        let csv = "\u{feff}code,name,birth_date,email_pc\r\nA1,\"山田, 太郎\",S55.1.15,\" Taro@Example.CO.JP \"\r\nA2,\"改行\n入り\",1990-02-03,\r\nA3,x,1990-02-03,\r\n";
        let rows = read(csv.as_bytes(), None);
        let a1 = rows[0].as_ref().unwrap();
        assert_eq!(a1.name, "山田, 太郎");
        assert_eq!(a1.birth_date, NaiveDate::from_ymd_opt(1980, 1, 15).unwrap());
        assert_eq!(a1.email_pc, Some(Some("Taro@example.co.jp".into())));
        assert_eq!(a1.phone, None, "absent column");
        // A newline inside quotes is read as part of the field (and a name
        // may not hold one); the next record's line number accounts for it.
        let a2 = rows[1].as_ref().unwrap_err();
        assert_eq!((a2[0].line, a2[0].column), (3, Some("name")));
        let a3 = rows[2].as_ref().unwrap();
        assert_eq!(a3.line, 5);
        assert_eq!(a3.email_pc, Some(None), "present but empty");
    }

    #[test]
    fn reads_shift_jis() {
        let (bytes, _, _) =
            encoding_rs::SHIFT_JIS.encode("code,name,birth_date\nB1,佐藤花子,平成2年3月4日\n");
        let rows = read(&bytes, Some(Encoding::Sjis));
        assert_eq!(rows[0].as_ref().unwrap().name, "佐藤花子");
        // Without --encoding it is refused with the hint.
        let rows = read(b"code,name,birth_date\nB1,x,1990-01-01\n", None);
        assert!(rows[0].is_ok());
        let mut r = CustomerCsv::new(
            Box::new(std::io::Cursor::new(bytes.to_vec())),
            None,
            today(),
        )
        .unwrap();
        let first = r.next_row().unwrap().unwrap_err();
        assert_eq!(first[0].problem, Problem::NotUtf8);
    }

    #[test]
    fn a_row_with_the_wrong_field_count_does_not_end_the_reading() {
        let csv = "code,name,birth_date\nA1,x,1990-01-01,extra\nA2,,1990-01-01\nA3,y,1990-01-01\n";
        let rows = read(csv.as_bytes(), None);
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0].as_ref().unwrap_err()[0].line, 2);
        assert_eq!(rows[1].as_ref().unwrap_err()[0].column, Some("name"));
        assert_eq!(rows[2].as_ref().unwrap().code, "A3");
    }

    #[test]
    fn endless_input_is_refused_at_the_record_cap() {
        let zeros = std::io::repeat(0).take(10 * MAX_RECORD_BYTES);
        let e = CustomerCsv::new(Box::new(zeros), None, today())
            .err()
            .unwrap();
        assert_eq!(
            e[0].problem,
            Problem::RecordTooLong {
                max: MAX_RECORD_BYTES
            }
        );
        let long = format!(
            "code,name,birth_date\nA1,{},1990-01-01\n",
            "x".repeat(MAX_FIELD_BYTES + 1)
        );
        let rows = read(long.as_bytes(), None);
        assert_eq!(
            rows[0].as_ref().unwrap_err()[0],
            RowProblem {
                line: 2,
                column: Some("name"),
                problem: Problem::FieldTooLong {
                    max: MAX_FIELD_BYTES
                }
            }
        );
    }

    #[test]
    fn header_problems_are_all_reported() {
        let e = CustomerCsv::new(
            Box::new(std::io::Cursor::new(b"code,nom,birth_date,code\n".to_vec())),
            None,
            today(),
        )
        .err()
        .unwrap();
        let kinds: Vec<_> = e.iter().map(|p| &p.problem).collect();
        assert!(kinds.contains(&&Problem::UnknownColumn("nom".into())));
        assert!(kinds.contains(&&Problem::DuplicateColumn("code".into())));
        assert!(kinds.contains(&&Problem::MissingColumn("name")));
    }

    #[test]
    fn a_hash_no_real_system_uses_is_a_row_problem() {
        let ok = "$2b$16$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW";
        let slow = "$2b$17$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW";
        let argon = "$argon2id$v=19$m=2097152,t=64,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4";
        let csv = format!(
            "code,name,birth_date,login_hash\nA1,n,1990-01-01,{ok}\nA2,n,1990-01-01,{slow}\nA3,n,1990-01-01,\"{argon}\"\n"
        );
        let rows = read(csv.as_bytes(), None);
        assert_eq!(
            rows[0].as_ref().unwrap().login_hash,
            Some(Some((ok.to_string(), "bcrypt")))
        );
        let p = rows[1].as_ref().unwrap_err();
        assert_eq!((p[0].line, p[0].column), (3, Some("login_hash")));
        assert_eq!(
            p[0].problem,
            Problem::HashTooCostly(crate::secret::CostExcess {
                kind: crate::secret::FormatKind::Bcrypt,
                param: crate::secret::CostParam::BcryptCost,
                value: 17,
                limit: 16,
            })
        );
        let p = rows[2].as_ref().unwrap_err();
        assert!(
            matches!(
                p[0].problem,
                Problem::HashTooCostly(crate::secret::CostExcess {
                    param: crate::secret::CostParam::Argon2Memory,
                    ..
                })
            ),
            "{p:?}"
        );
    }

    #[test]
    fn every_bad_field_of_a_row_is_reported() {
        let csv = "code,name,birth_date,phone,email_pc,login_hash\nA-1,,H31.5.1,12,x@,zzz\nOK1,n,1990-01-01,,,\nOK1,n,1990-01-01,,,\n";
        let rows = read(csv.as_bytes(), None);
        let p = rows[0].as_ref().unwrap_err();
        let cols: Vec<_> = p.iter().map(|p| p.column.unwrap()).collect();
        assert_eq!(
            cols,
            [
                "code",
                "name",
                "birth_date",
                "phone",
                "email_pc",
                "login_hash"
            ]
        );
        assert!(rows[1].is_ok());
        let dup = rows[2].as_ref().unwrap_err();
        assert_eq!(dup[0].problem, Problem::DuplicateCode { first_line: 3 });
        assert_eq!(dup[0].line, 4);
    }
}
