//! One renderer for every listing and result: table (comfy-table, fitted to
//! the terminal), csv, or one JSON document. Text that comes from data is
//! sanitized (`crate::sanitize`) before it reaches a terminal.

use std::io::{IsTerminal, Write};

use comfy_table::{ContentArrangement, Table, presets};
use serde_json::{Map, Value};

use crate::error::{Error, Result};
use crate::sanitize::sanitize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Csv,
    Json,
}

/// A column of a listing: its stable key (csv header, json field) and the
/// header a person reads in a table.
#[derive(Debug, Clone)]
pub struct Column {
    pub key: &'static str,
    pub header: String,
}

impl Column {
    pub fn new(key: &'static str) -> Self {
        Column {
            key,
            header: crate::messages::header(key),
        }
    }
}

/// Rows of values under named columns: the shape of every listing.
#[derive(Debug, Clone, Default)]
pub struct Listing {
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Value>>,
}

impl Listing {
    pub fn new(keys: &[&'static str]) -> Self {
        Listing {
            columns: keys.iter().map(|k| Column::new(k)).collect(),
            rows: Vec::new(),
        }
    }

    pub fn push(&mut self, row: Vec<Value>) {
        debug_assert_eq!(row.len(), self.columns.len());
        self.rows.push(row);
    }

    /// The rows as JSON objects keyed by column.
    pub fn to_json(&self) -> Value {
        Value::Array(
            self.rows
                .iter()
                .map(|row| {
                    let mut m = Map::new();
                    for (c, v) in self.columns.iter().zip(row) {
                        m.insert(c.key.to_string(), v.clone());
                    }
                    Value::Object(m)
                })
                .collect(),
        )
    }
}

/// A value as a person reads it in a table or a CSV cell.
pub fn cell_text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => sanitize(s),
        Value::Bool(b) => if *b { "yes" } else { "no" }.to_string(),
        Value::Number(n) => n.to_string(),
        Value::Array(items) => items.iter().map(cell_text).collect::<Vec<_>>().join(", "),
        Value::Object(_) => sanitize(&v.to_string()),
    }
}

/// Where output goes, and how much of it.
pub struct Printer {
    pub format: Format,
    pub quiet: bool,
    out: Box<dyn Write>,
}

impl Printer {
    pub fn stdout(format: Format, quiet: bool) -> Self {
        Printer {
            format,
            quiet,
            out: Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
        }
    }

    /// A printer into any writer (tests, files).
    pub fn to_writer(format: Format, quiet: bool, out: Box<dyn Write>) -> Self {
        Printer { format, quiet, out }
    }

    /// A status line for the person at the terminal (stderr), unless --quiet.
    pub fn status(&self, msg: &str) {
        if !self.quiet {
            let mut err = std::io::stderr().lock();
            let _ = writeln!(err, "{msg}");
        }
    }

    /// A warning (stderr): printed even with --quiet.
    pub fn warn(&self, msg: &str) {
        let mut err = std::io::stderr().lock();
        let _ = writeln!(err, "acctsec: {msg}");
    }

    /// A line of requested data on stdout.
    pub fn line(&mut self, text: &str) -> Result<()> {
        writeln!(self.out, "{text}").map_err(Error::stdout)
    }

    /// A listing in the chosen format.
    pub fn listing(&mut self, l: &Listing) -> Result<()> {
        match self.format {
            Format::Json => self.json(&l.to_json()),
            Format::Csv => {
                let mut w = csv::Writer::from_writer(&mut self.out);
                w.write_record(l.columns.iter().map(|c| c.key))
                    .map_err(csv_err)?;
                for row in &l.rows {
                    w.write_record(row.iter().map(cell_text)).map_err(csv_err)?;
                }
                w.flush().map_err(Error::stdout)?;
                Ok(())
            }
            Format::Table => {
                let mut t = new_table();
                t.set_header(l.columns.iter().map(|c| c.header.clone()));
                for row in &l.rows {
                    t.add_row(row.iter().map(cell_text));
                }
                writeln!(self.out, "{t}").map_err(Error::stdout)
            }
        }
    }

    /// One record (a customer, a result): a two-column table, a one-row CSV,
    /// or a JSON object.
    pub fn record(&mut self, fields: &[(&'static str, Value)]) -> Result<()> {
        match self.format {
            Format::Json => {
                let m: Map<String, Value> = fields
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.clone()))
                    .collect();
                self.json(&Value::Object(m))
            }
            Format::Csv => {
                let mut l = Listing::new(&fields.iter().map(|(k, _)| *k).collect::<Vec<_>>());
                l.push(fields.iter().map(|(_, v)| v.clone()).collect());
                self.listing(&l)
            }
            Format::Table => {
                let mut t = new_table();
                for (k, v) in fields {
                    // A list reads best one item a line.
                    let text = match v {
                        Value::Array(items) => {
                            items.iter().map(cell_text).collect::<Vec<_>>().join("\n")
                        }
                        v => cell_text(v),
                    };
                    t.add_row(vec![crate::messages::header(k), text]);
                }
                writeln!(self.out, "{t}").map_err(Error::stdout)
            }
        }
    }

    /// One JSON document on stdout.
    pub fn json(&mut self, v: &Value) -> Result<()> {
        serde_json::to_writer_pretty(&mut self.out, v)
            .map_err(|e| Error::stdout(std::io::Error::other(e)))?;
        writeln!(self.out).map_err(Error::stdout)
    }

    pub fn flush(&mut self) -> Result<()> {
        self.out.flush().map_err(Error::stdout)
    }
}

fn csv_err(e: csv::Error) -> Error {
    match e.into_kind() {
        csv::ErrorKind::Io(io) => Error::stdout(io),
        other => Error::stdout(std::io::Error::other(format!("{other:?}"))),
    }
}

fn new_table() -> Table {
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED);
    t.set_content_arrangement(ContentArrangement::Dynamic);
    if !std::io::stdout().is_terminal() {
        // No terminal to fit: keep whole cells, so a pipe gets full values.
        t.set_content_arrangement(ContentArrangement::Disabled);
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listing_renders_in_every_format() {
        let mut l = Listing::new(&["seq", "customer"]);
        l.push(vec![Value::from(1), Value::from("A\u{1b}[2J1")]);
        for (fmt, expect) in [
            (Format::Csv, "seq,customer\n1,A1\n"),
            (
                Format::Json,
                "[\n  {\n    \"seq\": 1,\n    \"customer\": \"A\\u001b[2J1\"\n  }\n]\n",
            ),
        ] {
            let buf = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
            struct W(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);
            impl Write for W {
                fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
                    self.0.lock().unwrap().extend_from_slice(b);
                    Ok(b.len())
                }
                fn flush(&mut self) -> std::io::Result<()> {
                    Ok(())
                }
            }
            let mut p = Printer::to_writer(fmt, false, Box::new(W(buf.clone())));
            p.listing(&l).unwrap();
            p.flush().unwrap();
            assert_eq!(
                String::from_utf8(buf.lock().unwrap().clone()).unwrap(),
                expect
            );
        }
    }
}
