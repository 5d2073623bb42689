//! Reading a subscription CSV (`code,type,enabled,to`, any column order):
//! every row checked, every problem kept with its line. Pure: whether the
//! customer exists and the change is allowed is the ledger's to say.

use std::collections::HashMap;

use super::{Destination, NoticeType};

/// One wanted subscription.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubscriptionRow {
    pub line: u64,
    pub code: String,
    pub kind: NoticeType,
    pub enabled: bool,
    /// None: keep the current destination.
    pub to: Option<Destination>,
}

/// Why a row (or the header) is bad.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    UnknownColumn(String),
    MissingColumn(&'static str),
    Empty(&'static str),
    UnknownType(String),
    BadEnabled(String),
    BadTo(String),
    Duplicate { first_line: u64 },
    Malformed(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowProblem {
    pub line: u64,
    pub column: Option<&'static str>,
    pub problem: Problem,
}

const COLUMNS: [&str; 4] = ["code", "type", "enabled", "to"];

/// Every row of the file, or every problem in it.
pub fn read(data: &[u8]) -> Result<Vec<SubscriptionRow>, Vec<RowProblem>> {
    let (rows, problems) = read_all(data);
    if problems.is_empty() {
        Ok(rows)
    } else {
        Err(problems)
    }
}

/// The rows that read well and every problem of the others: a row with the
/// wrong number of fields is reported and reading goes on with the next,
/// so the caller can still check the good rows (unknown customers, refused
/// changes) and report everything at once. Only broken bytes (not UTF-8)
/// end the reading.
pub fn read_all(data: &[u8]) -> (Vec<SubscriptionRow>, Vec<RowProblem>) {
    let data = data.strip_prefix(b"\xef\xbb\xbf").unwrap_or(data);
    let mut rdr = csv::ReaderBuilder::new().from_reader(data);
    let mut problems = Vec::new();
    let mut bad = |line, column, problem| {
        problems.push(RowProblem {
            line,
            column,
            problem,
        })
    };
    // The 1-based line a record starts on: one more than the line ends
    // (`\n`, `\r\n`, or a lone `\r`, on which the csv reader also ends a
    // record) before it. The csv crate counts only `\n`, and places a record
    // that follows `\r\n` on the `\n` (Excel writes CRLF).
    let mut counted = (0usize, 1u64);
    let mut line_of = |p: &csv::Position| -> u64 {
        let at = (p.byte() as usize).min(data.len());
        if at > counted.0 {
            counted.1 += memchr::memchr2_iter(b'\r', b'\n', &data[counted.0..at])
                .map(|i| counted.0 + i)
                .filter(|&i| data[i] == b'\r' || i == 0 || data[i - 1] != b'\r')
                .count() as u64;
            counted.0 = at;
        }
        counted.1
    };
    let headers: Vec<String> = match rdr.headers() {
        Ok(h) => h.iter().map(|h| h.trim().to_ascii_lowercase()).collect(),
        Err(e) => {
            bad(1, None, Problem::Malformed(e.to_string()));
            return (Vec::new(), problems);
        }
    };
    let col = |name: &str| headers.iter().position(|h| h == name);
    for h in &headers {
        if !COLUMNS.contains(&h.as_str()) {
            bad(1, None, Problem::UnknownColumn(h.clone()));
        }
    }
    for name in ["code", "type", "enabled"] {
        if col(name).is_none() {
            bad(1, None, Problem::MissingColumn(name));
        }
    }
    let mut rows = Vec::new();
    let mut seen: HashMap<(String, NoticeType), u64> = HashMap::new();
    for rec in rdr.records() {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map(&mut line_of).unwrap_or(0);
                // Not the csv crate's text: its own line number is off on CRLF.
                let (what, go_on) = match e.kind() {
                    csv::ErrorKind::UnequalLengths {
                        expected_len, len, ..
                    } => (
                        format!("{len} fields where the header has {expected_len}"),
                        true,
                    ),
                    csv::ErrorKind::Utf8 { .. } => ("not UTF-8".to_string(), false),
                    _ => (e.to_string(), false),
                };
                bad(line, None, Problem::Malformed(what));
                if go_on {
                    continue;
                }
                break;
            }
        };
        let line = rec.position().map(&mut line_of).unwrap_or(0);
        let get = |name: &str| col(name).and_then(|i| rec.get(i)).unwrap_or("").trim();
        let code = get("code").to_string();
        if code.is_empty() {
            bad(line, Some("code"), Problem::Empty("code"));
        }
        let kind = NoticeType::parse(get("type"));
        if kind.is_none() {
            bad(
                line,
                Some("type"),
                Problem::UnknownType(get("type").to_string()),
            );
        }
        let enabled = match get("enabled").to_ascii_lowercase().as_str() {
            "on" | "true" | "1" | "yes" => Some(true),
            "off" | "false" | "0" | "no" => Some(false),
            other => {
                bad(
                    line,
                    Some("enabled"),
                    Problem::BadEnabled(other.to_string()),
                );
                None
            }
        };
        let to = match get("to") {
            "" => None,
            v => {
                let d = Destination::parse(v);
                if d.is_none() {
                    bad(line, Some("to"), Problem::BadTo(v.to_string()));
                }
                d
            }
        };
        if let (Some(kind), Some(enabled)) = (kind, enabled) {
            if let Some(&first_line) = seen.get(&(code.clone(), kind)) {
                bad(line, None, Problem::Duplicate { first_line });
            } else {
                seen.insert((code.clone(), kind), line);
            }
            rows.push(SubscriptionRow {
                line,
                code,
                kind,
                enabled,
                to,
            });
        }
    }
    (rows, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_any_column_order_with_bom_and_crlf() {
        let rows = read(
            "\u{feff}enabled,code,type\r\nyes,A1,login\r\noff,A2,trade_executed\r\n".as_bytes(),
        )
        .unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(
            (rows[1].line, rows[1].enabled, rows[1].to),
            (3, false, None)
        );
    }

    #[test]
    fn every_problem_has_its_line() {
        let p = read(
            b"code,type,enabled,to\nA1,nope,maybe,fax\n,login,on,\nA3,login,on,\nA3,login,off,\n",
        )
        .unwrap_err();
        let got: Vec<_> = p.iter().map(|p| (p.line, p.column)).collect();
        assert_eq!(
            got,
            [
                (2, Some("type")),
                (2, Some("enabled")),
                (2, Some("to")),
                (3, Some("code")),
                (5, None)
            ]
        );
        assert_eq!(p[4].problem, Problem::Duplicate { first_line: 4 });
    }

    #[test]
    fn a_row_with_the_wrong_field_count_does_not_end_the_reading() {
        let (rows, p) = read_all(
            b"code,type,enabled,to
A1,login,on,pc,extra
A2,nope,on,
A3,login,on,
",
        );
        let got: Vec<_> = p.iter().map(|p| (p.line, p.column)).collect();
        assert_eq!(got, [(2, None), (3, Some("type"))]);
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].code, "A3");
    }
}
