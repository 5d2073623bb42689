//! One renderer for every listing and result: table (comfy-table, fitted to
//! the terminal), csv, or one JSON document. Text that comes from data is
//! sanitized (`crate::sanitize`) before it reaches a terminal.
//!
//! A table is fitted to a width when one is known: `COLUMNS` when it is set
//! (terminal or not, so scripts and tests can ask for a width), else the
//! terminal's width when stdout is one. Without a width (a pipe, a file) a
//! table keeps whole cells. Fitting a listing first cuts long text to each
//! column's maximum width (`…`), then hides columns in the listing's order
//! ([`Listing::narrow`]), then shortens what is left; the key column (the
//! first, or [`Listing::key`]) is never cut or hidden. csv and json always
//! hold every column whole.

use std::io::{IsTerminal, Write};

use comfy_table::{ContentArrangement, Table, presets};
use serde_json::{Map, Value};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

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
    /// On a narrow table: 0 never hidden; otherwise hidden when needed, the
    /// highest first.
    pub hide_rank: usize,
    /// On a narrow table: longer text is cut to this display width (`…`).
    pub max_width: Option<usize>,
}

impl Column {
    pub fn new(key: &'static str) -> Self {
        Column {
            key,
            header: crate::messages::header(key),
            hide_rank: 0,
            max_width: None,
        }
    }
}

/// Rows of values under named columns: the shape of every listing.
#[derive(Debug, Clone, Default)]
pub struct Listing {
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Value>>,
    /// The column that names a row (never cut or hidden in a table).
    pub key: usize,
}

impl Listing {
    pub fn new(keys: &[&'static str]) -> Self {
        Listing {
            columns: keys.iter().map(|k| Column::new(k)).collect(),
            rows: Vec::new(),
            key: 0,
        }
    }

    fn index(&self, key: &str) -> usize {
        self.columns
            .iter()
            .position(|c| c.key == key)
            .unwrap_or_else(|| panic!("no column {key}"))
    }

    /// The column that names a row (the first unless said here): a narrow
    /// table never cuts or hides it.
    pub fn key(mut self, key: &str) -> Self {
        self.key = self.index(key);
        self
    }

    /// The columns a narrow table may hide, the first hidden first; the
    /// others always show.
    pub fn narrow(mut self, hide_first: &[&str]) -> Self {
        let n = hide_first.len();
        for (i, key) in hide_first.iter().enumerate() {
            let at = self.index(key);
            debug_assert_ne!(at, self.key, "the key column is never hidden");
            self.columns[at].hide_rank = n - i;
        }
        self
    }

    /// On a narrow table, cut the text of `key` to `width` columns.
    pub fn max_width(mut self, key: &str, width: usize) -> Self {
        let at = self.index(key);
        self.columns[at].max_width = Some(width);
        self
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
        // Counts by name (`by_severity`): "name n, name n", the names in
        // the reader's language.
        Value::Object(m) if m.values().all(Value::is_number) => m
            .iter()
            .map(|(name, n)| {
                let name = crate::messages::table_value(key, name)
                    .map_or_else(|| sanitize(name), str::to_string);
                format!("{name} {n}")
            })
            .collect::<Vec<_>>()
            .join(", "),
        v => cell_text(v),
    }
}

/// A value as a CSV cell: [`cell_text`], with text that a spreadsheet
/// would run as a formula (`=`, `+`, `-`, `@`, a tab or a CR first: a
/// customer's name from a core-system export, say) defused by a leading
/// `'` (OWASP's advice for CSV injection). Numbers stay numbers; JSON is
/// never changed.
pub fn csv_cell(v: &Value) -> String {
    let text = cell_text(v);
    let raw_first = match v {
        Value::String(s) => s.chars().next(),
        _ => None,
    };
    let risky = |c: Option<char>| matches!(c, Some('=' | '+' | '-' | '@' | '\t' | '\r'));
    if !v.is_number() && (risky(raw_first) || risky(text.chars().next())) {
        format!("'{text}")
    } else {
        text
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
    /// The width tables are fitted to: `COLUMNS` when set (terminal or
    /// not), else the terminal's width when stdout is one; `None`: whole
    /// cells.
    pub columns: Option<usize>,
}

impl Terminal {
    /// Ask the OS about stdin, stdout and stderr, and the width.
    pub fn detect() -> Self {
        let stdout = std::io::stdout().is_terminal();
        let columns = std::env::var("COLUMNS")
            .ok()
            .and_then(|v| v.trim().parse::<usize>().ok())
            .filter(|&w| w > 0)
            .or_else(|| stdout.then(stdout_width).flatten());
        Terminal {
            stdin: std::io::stdin().is_terminal(),
            stdout,
            stderr: std::io::stderr().is_terminal(),
            columns,
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

    /// A command's result told in a status sentence (stderr, dropped under
    /// --quiet); with `--format json` also the record a script reads, on
    /// stdout, so that every command prints one JSON document.
    pub fn done(&mut self, sentence: &str, fields: &[(&'static str, Value)]) -> Result<()> {
        self.status(sentence);
        if self.format == Format::Json {
            self.record(fields)?;
        }
        Ok(())
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
                    w.write_record(row.iter().map(csv_cell)).map_err(csv_err)?;
                }
                w.flush().map_err(Error::stdout)?;
                Ok(())
            }
            Format::Table => {
                let cells: Vec<Vec<String>> = l
                    .rows
                    .iter()
                    .map(|row| {
                        l.columns
                            .iter()
                            .zip(row)
                            .map(|(c, v)| table_text(c.key, v))
                            .collect()
                    })
                    .collect();
                let fit = fit(l, &cells, self.terminal.columns);
                let mut t = new_table(None);
                t.set_header(fit.shown.iter().map(|&(i, w)| cut(&l.columns[i].header, w)));
                for row in &cells {
                    t.add_row(fit.shown.iter().map(|&(i, w)| cut(&row[i], w)));
                }
                writeln!(self.out, "{t}").map_err(Error::stdout)?;
                if !fit.hidden.is_empty() {
                    self.status(&crate::messages::output::columns_hidden(&fit.hidden));
                } else if fit.cut {
                    self.status(&crate::messages::output::values_cut());
                }
                Ok(())
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
                let mut t = new_table(self.terminal.columns);
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

/// A table wrapped to `width` when one is known (see [`Terminal::columns`]);
/// otherwise (a pipe, a file) whole cells, so a reader gets full values.
fn new_table(width: Option<usize>) -> Table {
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED);
    match width {
        Some(w) => {
            t.set_content_arrangement(ContentArrangement::Dynamic);
            t.set_width(u16::try_from(w).unwrap_or(u16::MAX));
        }
        None => {
            t.set_content_arrangement(ContentArrangement::Disabled);
        }
    }
    t
}

/// The width of the terminal on stdout, from the OS.
fn stdout_width() -> Option<usize> {
    // SAFETY: TIOCGWINSZ writes one `winsize` into the struct we own.
    unsafe {
        let mut ws: libc::winsize = std::mem::zeroed();
        (libc::ioctl(libc::STDOUT_FILENO, libc::TIOCGWINSZ, &mut ws) == 0 && ws.ws_col > 0)
            .then_some(usize::from(ws.ws_col))
    }
}

/// The display width of text: a full-width (Japanese) character takes two
/// columns of a terminal.
pub fn display_width(s: &str) -> usize {
    s.lines().map(UnicodeWidthStr::width).max().unwrap_or(0)
}

/// `s` cut to `width` display columns, ending in `…` when cut.
fn cut(s: &str, width: usize) -> String {
    if display_width(s) <= width {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = if c == '\n' { 1 } else { c.width().unwrap_or(0) };
        if used + w + 1 > width {
            break;
        }
        out.push(if c == '\n' { ' ' } else { c });
        used += w;
    }
    out.push('…');
    out
}

/// How a listing shows in a table of a given width.
#[derive(Debug, PartialEq, Eq)]
struct Fit {
    /// The columns shown (index, display width), in order.
    shown: Vec<(usize, usize)>,
    /// The keys of the hidden columns.
    hidden: Vec<&'static str>,
    /// Whether some text was cut.
    cut: bool,
}

/// The narrowest a cut column gets: a few characters and the `…`.
const MIN_CUT: usize = 4;

/// Fit `l` (its cells as text) into `width` display columns: cut text to
/// the columns' maximum widths, hide columns in the listing's order, then
/// shorten the widest columns left; give room back to cut columns, left
/// first. Never cuts or hides the key column.
fn fit(l: &Listing, cells: &[Vec<String>], width: Option<usize>) -> Fit {
    let natural: Vec<usize> = (0..l.columns.len())
        .map(|i| {
            cells
                .iter()
                .map(|row| display_width(&row[i]))
                .chain([display_width(&l.columns[i].header)])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let all = || {
        (0..natural.len())
            .map(|i| (i, natural[i]))
            .collect::<Vec<_>>()
    };
    // Borders: "│ a ┆ b │": each column takes its width, two spaces and one
    // rule, plus the rule on the left.
    let total = |shown: &[(usize, usize)]| shown.iter().map(|(_, w)| w + 3).sum::<usize>() + 1;
    let Some(width) = width else {
        return Fit {
            shown: all(),
            hidden: Vec::new(),
            cut: false,
        };
    };
    let mut shown = all();
    if total(&shown) <= width {
        return Fit {
            shown,
            hidden: Vec::new(),
            cut: false,
        };
    }
    for (i, w) in &mut shown {
        if *i != l.key
            && let Some(max) = l.columns[*i].max_width
        {
            *w = (*w).min(max.max(MIN_CUT));
        }
    }
    let mut hidden = Vec::new();
    while total(&shown) > width {
        let Some(at) = (0..shown.len())
            .filter(|&p| l.columns[shown[p].0].hide_rank > 0)
            .max_by_key(|&p| (l.columns[shown[p].0].hide_rank, p))
        else {
            break;
        };
        hidden.push(l.columns[shown.remove(at).0].key);
    }
    // Room left after hiding: a hidden column comes back when it fits at
    // its maximum width, the last hidden (the most wanted) first.
    for key in hidden.clone().iter().rev() {
        let i = l.index(key);
        let least = l.columns[i]
            .max_width
            .unwrap_or(natural[i])
            .max(display_width(&l.columns[i].header))
            .max(MIN_CUT)
            .min(natural[i]);
        if total(&shown) + least + 3 <= width {
            let at = shown.partition_point(|&(j, _)| j < i);
            shown.insert(at, (i, least));
            hidden.retain(|k| k != key);
        }
    }
    while total(&shown) > width {
        let Some(widest) = shown
            .iter_mut()
            .filter(|(i, w)| *i != l.key && *w > MIN_CUT)
            .max_by_key(|(_, w)| *w)
        else {
            break;
        };
        widest.1 -= 1;
    }
    let mut spare = width.saturating_sub(total(&shown));
    for (i, w) in &mut shown {
        let more = (natural[*i] - *w).min(spare);
        *w += more;
        spare -= more;
    }
    let cut = shown.iter().any(|&(i, w)| w < natural[i]);
    hidden.sort_by_key(|k| l.index(k));
    Fit { shown, hidden, cut }
}

#[cfg(test)]
mod tests {

    #[test]
    fn csv_cells_that_a_spreadsheet_would_run_are_defused() {
        use serde_json::json;
        for (v, want) in [
            (
                json!("=HYPERLINK(\"http://x\")"),
                "'=HYPERLINK(\"http://x\")",
            ),
            (json!("+81 3-1234-5678"), "'+81 3-1234-5678"),
            (json!("-2+3"), "'-2+3"),
            (json!("@SUM(A1)"), "'@SUM(A1)"),
            (json!("\t=1"), "' =1"),
            (json!(["=A1", "b"]), "'=A1, b"),
            (json!("佐藤 太郎"), "佐藤 太郎"),
            (json!(-5), "-5"),
            (json!(null), ""),
        ] {
            assert_eq!(csv_cell(&v), want, "{v}");
        }
    }
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
        let mut t = new_table(None);
        t.add_row(vec![wide.clone()]);
        let shown = t.to_string();
        assert!(shown.contains(&wide), "{shown}");
    }

    fn fitted(l: &Listing, width: Option<usize>) -> (Fit, Vec<String>) {
        let cells: Vec<Vec<String>> = l
            .rows
            .iter()
            .map(|row| row.iter().map(cell_text).collect())
            .collect();
        let fit = fit(l, &cells, width);
        let mut t = new_table(None);
        t.set_header(fit.shown.iter().map(|&(i, w)| cut(&l.columns[i].header, w)));
        for row in &cells {
            t.add_row(fit.shown.iter().map(|&(i, w)| cut(&row[i], w)));
        }
        let lines = t.to_string().lines().map(str::to_string).collect();
        (fit, lines)
    }

    fn wide_listing() -> Listing {
        let mut l = Listing::new(&["note", "code", "name", "extra", "subject"])
            .key("code")
            .narrow(&["extra", "note"])
            .max_width("subject", 12);
        l.push(vec![
            json_str("a long note about this row"),
            json_str("1000100-LONG-KEY"),
            json_str("佐藤 太郎"),
            json_str("x".repeat(30).as_str()),
            json_str("【重要】登録メールアドレス変更のお知らせ"),
        ]);
        l
    }

    fn json_str(s: &str) -> Value {
        Value::from(s)
    }

    #[test]
    fn narrow_tables_fit_and_keep_the_key_whole() {
        let l = wide_listing();
        for width in [40, 50, 60, 80] {
            let (fit, lines) = fitted(&l, Some(width));
            for line in &lines {
                assert!(display_width(line) <= width, "{width}: {line}");
            }
            assert!(lines[3].contains("1000100-LONG-KEY"), "{width}: {lines:?}");
            assert!(fit.shown.iter().any(|&(i, _)| i == 1));
            // Hidden in the listing's order: extra before note.
            if fit.hidden.contains(&"note") {
                assert!(fit.hidden.contains(&"extra"), "{fit:?}");
            }
        }
        let (fit, _) = fitted(&l, Some(40));
        assert_eq!(fit.hidden, vec!["note", "extra"]);
        assert!(fit.cut);
    }

    #[test]
    fn wide_enough_or_no_width_keeps_everything_whole() {
        let l = wide_listing();
        for width in [None, Some(500)] {
            let (fit, lines) = fitted(&l, width);
            assert!(fit.hidden.is_empty() && !fit.cut, "{fit:?}");
            assert!(lines[3].contains("【重要】登録メールアドレス変更のお知らせ"));
        }
    }

    #[test]
    fn cutting_counts_double_width_characters() {
        assert_eq!(cut("【重要】登録", 7), "【重要…");
        assert_eq!(display_width(&cut("【重要】登録", 7)), 7);
        assert_eq!(cut("abcdef", 6), "abcdef");
        assert_eq!(cut("abcdefg", 6), "abcde…");
    }
}
