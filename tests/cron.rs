//! The README's crontab lines work in cron's bare environment (`env -i`,
//! `PATH=/usr/bin:/bin`, only the crontab's own variables): the binary is
//! found and so is the ledger. The lines are read from the README itself,
//! the paths in them pointed at this test's binary, ledger and config.

mod common;

use common::Env;

/// The crontab lines of the README: (the variables set before it, the
/// command), for every line of five time fields and a command.
fn crontab_lines(readme: &str) -> Vec<(Vec<(String, String)>, String)> {
    let mut vars = Vec::new();
    let mut lines = Vec::new();
    for line in readme.lines() {
        let line = line.trim_start_matches("$ ").trim();
        if let Some((k, v)) = line.split_once('=')
            && k.chars().all(|c| c.is_ascii_uppercase() || c == '_')
            && !k.is_empty()
            && !v.contains(' ')
        {
            vars.push((k.to_string(), v.to_string()));
            continue;
        }
        let fields: Vec<&str> = line.splitn(6, char::is_whitespace).collect();
        let timed = fields.len() == 6
            && fields[..5].iter().all(|f| {
                !f.is_empty() && f.chars().all(|c| c.is_ascii_digit() || "*/,-".contains(c))
            });
        if timed && fields[5].contains("acctsec") {
            let command = fields[5].split(" #").next().unwrap().trim().to_string();
            lines.push((vars.clone(), command));
        }
        if line.starts_with("```") {
            vars.clear();
        }
    }
    lines
}

#[test]
fn the_readmes_crontab_lines_run_under_crons_environment() {
    let env = Env::with_customers();
    let root = env!("CARGO_MANIFEST_DIR");
    let readme = std::fs::read_to_string(format!("{root}/README.md")).unwrap();
    let lines = crontab_lines(&readme);
    assert!(lines.len() >= 3, "crontab lines of the README: {lines:?}");
    let bin = assert_cmd::cargo::cargo_bin!("acctsec");
    let config = env.write(
        "config.toml",
        "[smtp]\nhost = \"127.0.0.1\"\nport = 9\ntls = \"none\"\nfrom = \"a@example.co.jp\"\n",
    );
    for (vars, command) in lines {
        assert!(
            command.starts_with("/usr/local/bin/acctsec "),
            "a crontab line names the binary by its path: {command}"
        );
        let command = command.replace("/usr/local/bin/acctsec", &bin.display().to_string());
        let mut c = std::process::Command::new("env");
        c.arg("-i").arg("PATH=/usr/bin:/bin");
        for (k, v) in &vars {
            let v = match k.as_str() {
                "ACCTSEC_DB" => env.db().display().to_string(),
                "ACCTSEC_CONFIG" => config.display().to_string(),
                _ => v.clone(),
            };
            c.arg(format!("{k}={v}"));
        }
        let out = c
            .args(["sh", "-c", &command])
            .current_dir(env.dir.path())
            .output()
            .unwrap();
        let code = out.status.code().unwrap_or(-1);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_ne!(code, 127, "{command}: not found: {err}");
        assert!(
            !err.contains("acctsec init"),
            "{command}: no ledger under cron's environment: {err}"
        );
        assert!(
            [0, 1, 75, 78].contains(&code),
            "{command}: exit {code}: {err}"
        );
    }
}
