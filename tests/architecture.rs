//! The layers of ARCHITECTURE.md, checked on the source tree: below the face
//! nothing is worded, and `policy` and `notify` do not import each other.
//!
//! A plain text scan (comments left out): it reads what the code says it
//! uses, so a rule broken here is broken for any reader too.

mod common;

use std::path::{Path, PathBuf};

use common::rust_files;

/// One rule: files under `under` must not use `what`; `instead` says what
/// to do.
struct Rule {
    under: &'static str,
    what: &'static str,
    instead: &'static str,
}

const WORDING: &str = "nothing below the face words a sentence: return a typed `Error` variant (src/error.rs, whose Display calls a function in src/messages) or typed outcome data that src/cli words";
const VOCAB: &str =
    "take `NoticeType`, `Destination` and `Kind` from `crate::vocab`, the module both use";

const RULES: &[Rule] = &[
    Rule {
        under: "src/ledger",
        what: "messages",
        instead: WORDING,
    },
    Rule {
        under: "src/issuance",
        what: "messages",
        instead: WORDING,
    },
    Rule {
        under: "src/ops",
        what: "messages",
        instead: WORDING,
    },
    Rule {
        under: "src/policy",
        what: "notify",
        instead: VOCAB,
    },
    Rule {
        under: "src/notify",
        what: "policy",
        instead: VOCAB,
    },
];

/// The code of a line: what comes before a `//` comment (a `//` right after
/// a `:`, as in `postgres://`, is text, not a comment).
fn code_of(line: &str) -> &str {
    let mut from = 0;
    while let Some(i) = line[from..].find("//") {
        let at = from + i;
        if at == 0 || !line[..at].ends_with(':') {
            return &line[..at];
        }
        from = at + 2;
    }
    line
}

/// Where `text` uses the module `module` of the crate: `module::` in code,
/// or a `use` naming it (`use crate::{module, ...}` over several lines
/// included). 1-based line numbers, with the line.
fn uses(text: &str, module: &str) -> Vec<(usize, String)> {
    let path = format!("{module}::");
    let mut found = Vec::new();
    let mut in_use: Option<(usize, String)> = None;
    for (n, line) in text.lines().enumerate() {
        let code = code_of(line);
        let path_hit = code
            .match_indices(&path)
            .any(|(i, _)| !code[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_'));
        if path_hit {
            found.push((n + 1, line.trim().to_string()));
            continue;
        }
        let trimmed = code.trim_start();
        if in_use.is_none() && (trimmed.starts_with("use ") || trimmed.starts_with("pub use ")) {
            in_use = Some((n + 1, String::new()));
        }
        if let Some((start, mut stmt)) = in_use.take() {
            stmt.push_str(code);
            stmt.push(' ');
            if !code.contains(';') {
                in_use = Some((start, stmt));
                continue;
            }
            let named = stmt
                .split(|c: char| !(c.is_alphanumeric() || c == '_'))
                .any(|word| word == module);
            if stmt.contains("crate") && named {
                found.push((start, stmt.trim().to_string()));
            }
        }
    }
    found
}

#[test]
fn layers_keep_to_their_rooms() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut broken = Vec::new();
    for rule in RULES {
        let mut files = Vec::new();
        rust_files(&root.join(rule.under), &mut files);
        assert!(!files.is_empty(), "no source under {}", rule.under);
        files.sort();
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            for (line, code) in uses(&text, rule.what) {
                let shown = file.strip_prefix(root).unwrap_or(&file).display();
                broken.push(format!(
                    "{shown}:{line}: `{code}`: {} must not use {}; {}",
                    rule.under, rule.what, rule.instead
                ));
            }
        }
    }
    assert!(broken.is_empty(), "\n{}\n", broken.join("\n"));
}

#[test]
fn the_scan_sees_what_it_must_and_nothing_else() {
    let text = "\
// messages::old() in a comment
    let url = \"postgres://x\"; // messages::not_code()
use crate::{
    error::Error,
    messages,
};
    Error::Usage(crate::messages::bad())
    let my_messages::x = 1;
use crate::error::Result;
";
    let found: Vec<usize> = uses(text, "messages").into_iter().map(|(n, _)| n).collect();
    assert_eq!(found, [3, 7]);
    assert_eq!(
        uses("pub use crate::notify::NoticeType;", "notify").len(),
        1
    );
    assert!(uses("use crate::vocab::NoticeType; // not notify::", "notify").is_empty());
}

/// The command handlers of src/cli (not the shared modules: mod.rs, args,
/// render, progress, prompt, generated).
fn handlers(root: &Path) -> Vec<(String, PathBuf)> {
    const SHARED: &[&str] = &["mod", "args", "render", "progress", "prompt", "generated"];
    let mut files = Vec::new();
    rust_files(&root.join("src/cli"), &mut files);
    files.sort();
    files
        .into_iter()
        .filter_map(|f| {
            let name = f.file_stem()?.to_str()?.to_string();
            (!SHARED.contains(&name.as_str())).then_some((name, f))
        })
        .collect()
}

/// The functions of `text` longer than `max` lines (from the `fn` line to
/// its closing brace at the same indentation): (line, name, length).
fn long_functions(text: &str, max: usize) -> Vec<(usize, String, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut long = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let code = code_of(lines[i]);
        let trimmed = code.trim_start();
        let indent = code.len() - trimmed.len();
        let is_fn = ["fn ", "pub fn ", "pub(crate) fn ", "pub(super) fn "]
            .iter()
            .any(|p| trimmed.starts_with(p));
        if !is_fn || trimmed.ends_with(';') {
            i += 1;
            continue;
        }
        let name = trimmed
            .split("fn ")
            .nth(1)
            .and_then(|r| r.split(['(', '<']).next())
            .unwrap_or("?")
            .to_string();
        let close = " ".repeat(indent) + "}";
        let end = (i + 1..lines.len())
            .find(|&j| lines[j].trim_end() == close)
            .unwrap_or(lines.len() - 1);
        let n = end - i + 1;
        if n > max {
            long.push((i + 1, name, n));
        }
        i = end + 1;
    }
    long
}

/// The face parses, calls one operation and renders: no write transaction,
/// no audit entry, no function longer than a screen (60 lines), and no
/// handler reaching into another handler (shared pieces live in
/// src/cli/mod.rs, args.rs or render.rs).
#[test]
fn handlers_parse_call_one_operation_and_render() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let handlers = handlers(root);
    let names: Vec<&str> = handlers.iter().map(|(n, _)| n.as_str()).collect();
    let mut broken = Vec::new();
    let mut all = Vec::new();
    rust_files(&root.join("src/cli"), &mut all);
    for file in &all {
        let text = std::fs::read_to_string(file).unwrap();
        let shown = file
            .strip_prefix(root)
            .unwrap_or(file)
            .display()
            .to_string();
        for (n, line) in text.lines().enumerate() {
            let code = code_of(line);
            for (what, why) in [
                (".write(", "a write transaction"),
                (".rehearse(", "a write transaction"),
                (".write_or_roll_back(", "a write transaction"),
                (".audit(", "an audit entry"),
                ("Ledger::init(", "a write transaction"),
            ] {
                if code.contains(what) {
                    broken.push(format!(
                        "{shown}:{}: {why} in the face: move the workflow into an operation (src/ops)",
                        n + 1
                    ));
                }
            }
        }
        for (line, name, len) in long_functions(&text, 60) {
            broken.push(format!(
                "{shown}:{line}: fn {name} is {len} lines: a handler past a screen means an operation or a renderer is missing"
            ));
        }
    }
    for (me, file) in &handlers {
        let text = std::fs::read_to_string(file).unwrap();
        let shown = file
            .strip_prefix(root)
            .unwrap_or(file)
            .display()
            .to_string();
        for other in names.iter().filter(|o| *o != me) {
            for (n, line) in text.lines().enumerate() {
                if code_of(line).contains(&format!("super::{other}::")) {
                    broken.push(format!(
                        "{shown}:{}: the {me} handler uses the {other} handler: move what both need to src/cli/args.rs, render.rs or mod.rs",
                        n + 1
                    ));
                }
            }
        }
    }
    assert!(broken.is_empty(), "\n{}\n", broken.join("\n"));
}

#[test]
fn long_functions_are_measured_to_their_closing_brace() {
    let body = "    let x = 1;\n".repeat(3);
    let text = format!(
        "fn short() {{\n{body}}}\n\npub fn long() {{\n{}}}\n",
        body.repeat(30)
    );
    let found = long_functions(&text, 60);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].1, "long");
    assert_eq!(found[0].2, 92);
}
