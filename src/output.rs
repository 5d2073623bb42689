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

/// A value as a person reads it in a table: [`cell_text`], with the stable
/// codes (states, phases, yes/no) in the reader's language.
pub fn table_text(key: &str, v: &Value) -> String {
    match v {
        Value::String(s) => match crate::messages::table_value(key, s) {
            Some(words) => words.to_string(),
            None => sanitize(s),
        },
        Value::Bool(b) => crate::messages::yes_no(*b).to_string(),
        v => cell_text(v),
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

/// What the standard streams are connected to, looked up once at start-up
/// (`cli::run`) and kept: tables fit a terminal, prompts need one, progress
/// bars draw on one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Terminal {
    pub stdin: bool,
    pub stdout: bool,
    pub stderr: bool,
}

impl Terminal {
    /// Ask the OS about stdin, stdout and stderr.
    pub fn detect() -> Self {
        Terminal {
            stdin: std::io::stdin().is_terminal(),
            stdout: std::io::stdout().is_terminal(),
            stderr: std::io::stderr().is_terminal(),
        }
    }

    /// Whether a person can be asked (a prompt reads stdin, writes stderr).
    pub fn interactive(&self) -> bool {
        self.stdin && self.stderr
    }
}

/// Where output goes, and how much of it: decided once at start-up from
/// `--format`, `--quiet` and the terminal facts. Handlers write through it
/// and never ask about quiet or terminals themselves:
///
/// - data: [`line`](Printer::line), [`listing`](Printer::listing),
///   [`record`](Printer::record), [`json`](Printer::json) (stdout, always);
/// - a command's result sentence: [`summary`](Printer::summary) (stdout,
///   dropped under `--quiet`), [`note`](Printer::note) (only for a person at
///   a terminal), [`outcome`](Printer::outcome) and
///   [`outcome_listing`](Printer::outcome_listing) (the sentence or listing a
///   person reads in a table, the record a script reads in csv/json);
/// - [`status`](Printer::status) (stderr, dropped under `--quiet`) and
///   [`warn`](Printer::warn) (stderr, always);
/// - progress: [`draws_progress`](Printer::draws_progress) (stderr is a
///   terminal and not `--quiet`).
pub struct Printer {
    format: Format,
    quiet: bool,
    terminal: Terminal,
    out: Box<dyn Write>,
}

impl Printer {
    /// The printer of a run: stdout, with the terminal facts found at start-up.
    pub fn stdout(format: Format, quiet: bool, terminal: Terminal) -> Self {
        Printer {
            format,
            quiet,
            terminal,
            out: Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
        }
    }

    /// A printer into any writer (tests, files): no terminal anywhere.
    pub fn to_writer(format: Format, quiet: bool, out: Box<dyn Write>) -> Self {
        Printer {
            format,
            quiet,
            terminal: Terminal::default(),
            out,
        }
    }

    pub fn format(&self) -> Format {
        self.format
    }

    /// The terminal facts found at start-up.
    pub fn terminal(&self) -> Terminal {
        self.terminal
    }

    /// Whether progress bars are drawn: on a terminal's stderr, not when quiet.
    pub fn draws_progress(&self) -> bool {
        self.terminal.stderr && !self.quiet
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

    /// A command's result in a sentence on stdout ("30 added, ..."): what a
    /// person reads; dropped under --quiet.
    pub fn summary(&mut self, text: &str) -> Result<()> {
        if self.quiet {
            return Ok(());
        }
        self.line(text)
    }

    /// A sentence on stdout only for a person at a terminal: dropped under
    /// --quiet and on a pipe (cron reads silence as "nothing to report").
    pub fn note(&mut self, text: &str) -> Result<()> {
        if !self.terminal.stdout {
            return Ok(());
        }
        self.summary(text)
    }

    /// A command's result: in a table the sentence (a [`summary`], dropped
    /// under --quiet), in csv/json the record a script reads (always).
    ///
    /// [`summary`]: Printer::summary
    pub fn outcome(&mut self, sentence: &str, fields: &[(&'static str, Value)]) -> Result<()> {
        match self.format {
            Format::Table => self.summary(sentence),
            Format::Csv | Format::Json => self.record(fields),
        }
    }

    /// A listing of what a command did: in a table a confirmation for a
    /// person (dropped under --quiet), in csv/json data for a script (always).
    pub fn outcome_listing(&mut self, l: &Listing) -> Result<()> {
        if self.quiet && self.format == Format::Table {
            return Ok(());
        }
        self.listing(l)
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
                let mut t = new_table(self.terminal.stdout);
                t.set_header(l.columns.iter().map(|c| c.header.clone()));
                for row in &l.rows {
                    t.add_row(l.columns.iter().zip(row).map(|(c, v)| table_text(c.key, v)));
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
                let mut t = new_table(self.terminal.stdout);
                for (k, v) in fields {
                    // A list reads best one item a line.
                    let text = match v {
                        Value::Array(items) => items
                            .iter()
                            .map(|v| table_text(k, v))
                            .collect::<Vec<_>>()
                            .join("\n"),
                        v => table_text(k, v),
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

/// A table fitted to the terminal when stdout is one; otherwise (a pipe, a
/// file) whole cells, so a reader gets full values.
fn new_table(stdout_is_terminal: bool) -> Table {
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED);
    t.set_content_arrangement(if stdout_is_terminal {
        ContentArrangement::Dynamic
    } else {
        ContentArrangement::Disabled
    });
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A printer into a buffer, and the buffer.
    fn buffered(fmt: Format, quiet: bool) -> (Printer, std::sync::Arc<std::sync::Mutex<Vec<u8>>>) {
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
        (
            Printer::to_writer(fmt, quiet, Box::new(W(buf.clone()))),
            buf,
        )
    }

    fn text(mut p: Printer, buf: &std::sync::Arc<std::sync::Mutex<Vec<u8>>>) -> String {
        p.flush().unwrap();
        String::from_utf8(buf.lock().unwrap().clone()).unwrap()
    }

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
            let (mut p, buf) = buffered(fmt, false);
            p.listing(&l).unwrap();
            assert_eq!(text(p, &buf), expect);
        }
    }

    #[test]
    fn quiet_drops_sentences_and_keeps_data() {
        let fields = [("added", Value::from(3))];
        let mut l = Listing::new(&["customer"]);
        l.push(vec![Value::from("1000100")]);
        for quiet in [false, true] {
            // Table: the sentences a person reads go; requested data stays.
            let (mut p, buf) = buffered(Format::Table, quiet);
            p.line("data").unwrap();
            p.summary("summary").unwrap();
            p.note("note").unwrap();
            p.outcome("3 added", &fields).unwrap();
            p.outcome_listing(&l).unwrap();
            let out = text(p, &buf);
            assert!(out.starts_with("data\n"), "{out}");
            assert_eq!(out.contains("summary"), !quiet, "{out}");
            assert_eq!(out.contains("3 added"), !quiet, "{out}");
            assert_eq!(out.contains("1000100"), !quiet, "{out}");
            // A note is for a terminal only; a writer is none.
            assert!(!out.contains("note"), "{out}");
            // csv/json: the outcome is data for a script, quiet or not.
            let (mut p, buf) = buffered(Format::Csv, quiet);
            p.outcome("3 added", &fields).unwrap();
            p.outcome_listing(&l).unwrap();
            assert_eq!(text(p, &buf), "added\n3\ncustomer\n1000100\n");
            let (p, _) = buffered(Format::Json, quiet);
            assert!(!p.draws_progress());
        }
    }

    #[test]
    fn progress_is_drawn_on_a_terminal_unless_quiet() {
        let stderr = Terminal {
            stderr: true,
            ..Terminal::default()
        };
        assert!(Printer::stdout(Format::Table, false, stderr).draws_progress());
        assert!(Printer::stdout(Format::Json, false, stderr).draws_progress());
        assert!(!Printer::stdout(Format::Table, true, stderr).draws_progress());
        assert!(!Printer::stdout(Format::Table, false, Terminal::default()).draws_progress());
        assert!(!stderr.interactive());
    }

    #[test]
    fn without_a_terminal_tables_keep_whole_cells() {
        let wide = "x".repeat(300);
        let mut t = new_table(false);
        t.add_row(vec![wide.clone()]);
        let shown = t.to_string();
        assert!(shown.contains(&wide), "{shown}");
    }
}
