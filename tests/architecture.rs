//! The layers of ARCHITECTURE.md, checked on the source tree: below the face
//! nothing is worded, and `policy` and `notify` do not import each other.
//!
//! A plain text scan (comments left out): it reads what the code says it
//! uses, so a rule broken here is broken for any reader too.

use std::path::{Path, PathBuf};

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

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
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
