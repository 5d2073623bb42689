//! The committed completions/ and man/ must match what the clap definitions
//! generate now (after parallel-disk-usage's `tests/completions.rs`).
//! Refresh them with: ACCTSEC_REGENERATE=1 cargo test --test generated

use std::path::Path;

#[test]
fn completions_and_man_pages_are_current() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let files = acctsec::cli::generated_files().expect("generate");
    let regenerate = std::env::var_os("ACCTSEC_REGENERATE").is_some();
    if regenerate {
        for dir in ["completions", "man"] {
            let d = root.join(dir);
            if d.exists() {
                for e in std::fs::read_dir(&d).unwrap() {
                    std::fs::remove_file(e.unwrap().path()).unwrap();
                }
            }
            std::fs::create_dir_all(&d).unwrap();
        }
        for (rel, bytes) in &files {
            std::fs::write(root.join(rel), bytes).unwrap();
        }
        return;
    }
    let mut stale = Vec::new();
    for (rel, bytes) in &files {
        match std::fs::read(root.join(rel)) {
            Ok(on_disk) if &on_disk == bytes => {}
            Ok(_) => stale.push(format!("{rel} (differs)")),
            Err(_) => stale.push(format!("{rel} (missing)")),
        }
    }
    for dir in ["completions", "man"] {
        for e in std::fs::read_dir(root.join(dir)).into_iter().flatten() {
            let rel = format!("{dir}/{}", e.unwrap().file_name().to_string_lossy());
            if !files.iter().any(|(r, _)| *r == rel) {
                stale.push(format!("{rel} (no longer generated)"));
            }
        }
    }
    assert!(
        stale.is_empty(),
        "completions/ and man/ are stale: {}\nrefresh them with `{}` and commit the result",
        stale.join(", "),
        acctsec::cli::regenerate_hint()
    );
}

#[test]
fn completions_command_prints_the_committed_script() {
    let out = assert_cmd::Command::new(assert_cmd::cargo::cargo_bin!("acctsec"))
        .args(["completions", "bash"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let committed = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("completions/acctsec.bash"),
    )
    .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim_end(),
        committed.trim_end()
    );
}
