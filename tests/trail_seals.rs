//! Seals of the audit trail, end to end: keys made by `log keygen`, seals
//! made by `log seal`, checked by `log verify`, against an attacker who can
//! write the ledger file and recompute the whole SHA-256 chain (done here
//! with plain SQL and sha2, from the documented entry format, without the
//! crate's code). Also the configuration file the keys live in.

mod common;

use std::path::{Path, PathBuf};

use acctsec::ledger::{Entry, Ledger, Target};
use common::{Env, Run, file_mode};

const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Append `n` entries to the trail, as any command would.
fn add_entries(env: &Env, n: usize) {
    let target = Target {
        path: env.db(),
        operator: "writer".into(),
        busy_timeout_ms: 1000,
    };
    let mut ledger = Ledger::open(&target).unwrap();
    for i in 0..n {
        ledger
            .write(|tx| {
                tx.audit(Entry {
                    action: "test.entry",
                    customer: (i % 2 == 0).then_some("C0001"),
                    reason: None,
                    details: serde_json::json!({ "i": i }),
                })?;
                Ok(())
            })
            .unwrap();
    }
}

/// A key pair made by `log keygen`: (private key file, public key).
fn keygen(env: &Env, name: &str) -> (PathBuf, String) {
    let out = env.path(name);
    let public = env
        .run(&["log", "keygen", "--out", &out.display().to_string()])
        .ok()
        .stdout()
        .trim()
        .to_string();
    (out, public)
}

/// Write a configuration file and return its path.
fn config(env: &Env, name: &str, text: &str) -> String {
    env.write(name, text).display().to_string()
}

/// The configuration of a host that seals and verifies.
fn sealing_config(env: &Env, key: &Path, public: &[&str], max_age: &str) -> String {
    let keys: Vec<String> = public.iter().map(|k| format!("\"{k}\"")).collect();
    config(
        env,
        "sealer.toml",
        &format!(
            "[trail]\nsigning_key_file = \"{}\"\npublic_keys = [{}]\nmax_seal_age = \"{max_age}\"\n",
            key.display(),
            keys.join(", ")
        ),
    )
}

/// The configuration of a host that only verifies.
fn verifier_config(env: &Env, public: &[&str], max_age: &str) -> String {
    let keys: Vec<String> = public.iter().map(|k| format!("\"{k}\"")).collect();
    config(
        env,
        "verifier.toml",
        &format!(
            "[trail]\npublic_keys = [{}]\nmax_seal_age = \"{max_age}\"\n",
            keys.join(", ")
        ),
    )
}

fn with(env: &Env, cfg: &str, args: &[&str]) -> Run {
    let mut all = vec!["--config", cfg];
    all.extend_from_slice(args);
    env.run(&all)
}

/// What an attacker with write access does: change entry `seq`'s operator,
/// then recompute the hash chain from the first entry to the last.
fn rewrite_operator_and_recompute(env: &Env, seq: i64, operator: &str) {
    env.sql_exec(
        "UPDATE audit_log SET operator = ?2 WHERE seq = ?1",
        &[&seq, &operator],
    );
    let rows = env.sql_rows(
        "SELECT seq, at, operator, action, customer, reason, details, CAST(format AS TEXT), identity
           FROM audit_log ORDER BY seq",
        &[],
    );
    let mut prev = GENESIS.to_string();
    for f in rows {
        let seq: i64 = f[0].as_ref().unwrap().parse().unwrap();
        let format: u8 = f[7].as_deref().unwrap().parse().unwrap();
        let mut fields = f[..7].to_vec();
        fields.push(Some(prev.clone()));
        let hash = common::entry_hash(&fields, format, f[8].as_deref());
        env.sql_exec(
            "UPDATE audit_log SET prev_hash = ?2, hash = ?3 WHERE seq = ?1",
            &[&seq, &prev, &hash],
        );
        prev = hash;
    }
}

fn chmod(p: impl AsRef<Path>, mode: u32) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode))
}

fn head(env: &Env) -> String {
    env.run(&["log", "head"]).ok().stdout().trim().to_string()
}

fn head_seq(env: &Env) -> u64 {
    head(env).split(':').next().unwrap().parse().unwrap()
}

#[test]
fn keygen_writes_a_private_key_once_and_prints_the_public_key() {
    let env = Env::new();
    let (key, public) = keygen(&env, "seal.pem");
    assert_eq!(file_mode(&key), 0o600);
    assert!(
        public.starts_with("ed25519:") && public.len() == 52,
        "{public}"
    );
    let pem = std::fs::read_to_string(&key).unwrap();
    assert!(pem.starts_with("-----BEGIN PRIVATE KEY-----\n"), "{pem}");
    assert!(!pem.contains(&public[8..]));

    // Never overwritten, and nothing left behind.
    env.run(&["log", "keygen", "--out", &key.display().to_string()])
        .status(73)
        .stderr_has("never overwritten");
    assert_eq!(std::fs::read_to_string(&key).unwrap(), pem);
    assert_eq!(std::fs::read_dir(env.dir.path()).unwrap().count(), 1);

    // JSON for scripts; the status line says where each half goes.
    let out = env.path("second.pem").display().to_string();
    let r = env
        .run(&["--format", "json", "log", "keygen", "--out", &out])
        .ok();
    let j = r.json();
    assert!(j["public_key"].as_str().unwrap().starts_with("ed25519:"));
    assert_ne!(j["public_key"], public.as_str());
    assert!(r.stderr().contains("signing_key_file") && r.stderr().contains("public_keys"));
}

#[test]
fn seal_then_verify_is_green_and_says_what_the_seal_vouches_for() {
    let env = Env::with_ledger();
    let (key, public) = keygen(&env, "seal.pem");
    let cfg = sealing_config(&env, &key, &[&public], "2d");

    // The first seal of a ledger must be asked for: a cron job that finds
    // no seal cannot tell a new ledger from one whose seals were deleted.
    with(&env, &cfg, &["log", "seal"])
        .status(1)
        .stderr_has("log seal --start");
    let sealed_head = head(&env);
    let line = with(&env, &cfg, &["log", "seal", "--start"]).ok().stdout();
    let fields: Vec<&str> = line.split_whitespace().collect();
    assert_eq!(fields[0], sealed_head, "{line}");
    assert_eq!(fields[2], public);
    add_entries(&env, 3);
    // Later seals follow on; -q for cron.
    let r = with(&env, &cfg, &["-q", "log", "seal"]).ok();
    assert_eq!(r.stdout(), "");
    assert_eq!(common::audit_count(&env, "log.seal"), 2);

    let n = head_seq(&env);
    with(&env, &cfg, &["log", "verify"])
        .ok()
        .stdout_has(&format!("audit trail intact: {n} entries"))
        .stdout_has(&format!("the newest seal vouches for entries 1-{}", n - 1))
        .stdout_has("2 of 2 seal(s) good");
    // A host that only verifies needs no private key.
    let v = verifier_config(&env, &[&public], "2d");
    let j = with(&env, &v, &["--format", "json", "log", "verify"])
        .ok()
        .json();
    assert_eq!(j["ok"], true);
    assert_eq!(j["checked"], serde_json::json!(["chain", "seals"]));
    assert_eq!(j["seals"]["good"], 2);
    assert_eq!(j["seals"]["newest"]["seq"], n - 1);
    // The seal line ships a head that `verify --head` checks.
    with(&env, &v, &["log", "verify", "--head", fields[0]]).ok();
}

#[test]
fn a_rewritten_trail_passes_the_chain_but_not_the_seals_nor_a_shipped_head() {
    let env = Env::with_ledger();
    let (key, public) = keygen(&env, "seal.pem");
    let cfg = sealing_config(&env, &key, &[&public], "2d");
    with(&env, &cfg, &["-q", "log", "seal", "--start"]).ok();
    let first_sealed = head_seq(&env) - 1;
    add_entries(&env, 5);
    let shipped = head(&env);
    let shipped_seq = head_seq(&env);
    with(&env, &cfg, &["-q", "log", "seal"]).ok();
    let second_sealed = shipped_seq;
    add_entries(&env, 3);
    with(&env, &cfg, &["-q", "log", "seal"]).ok();
    let rewritten = first_sealed + 3;
    assert!(rewritten < second_sealed);

    rewrite_operator_and_recompute(&env, rewritten as i64, "somebody-else");

    // Without keys the chain is consistent again: verify says intact, and
    // says what it did not prove.
    let r = env.run(&["log", "verify"]).ok();
    assert!(r.stdout().contains("audit trail intact"), "{}", r.stdout());
    assert!(
        r.stderr().contains("Not checked: a rewrite")
            && r.stderr().contains("no public keys are configured")
            && r.stderr().contains("3 stored seal(s) were not checked"),
        "{}",
        r.stderr()
    );

    // A head shipped before the rewrite: changed at or before that entry.
    let r = env.run(&["log", "verify", "--head", &shipped]).status(1);
    assert!(
        r.stdout().contains(&format!(
            "the trail was changed at or before entry {shipped_seq}:"
        )),
        "{}",
        r.stdout()
    );
    assert!(
        !r.stdout().contains("removed from the end"),
        "{}",
        r.stdout()
    );

    // With the key: exit 1, naming the first sealed entry after the change
    // and the last one a seal still vouches for.
    let v = verifier_config(&env, &[&public], "2d");
    let r = with(&env, &v, &["log", "verify"]).status(1);
    let out = r.stdout();
    assert!(
        out.contains(&format!(
            "the trail was changed at or before entry {second_sealed}:"
        )),
        "{out}"
    );
    assert!(
        out.contains(&format!("entries up to {first_sealed} still match a seal")),
        "{out}"
    );
    assert!(out.contains("1 later seal(s) do not match either"), "{out}");
    let j = with(&env, &v, &["--format", "json", "log", "verify"])
        .status(1)
        .json();
    assert_eq!(j["ok"], false);
    assert_eq!(j["first_bad"], serde_json::Value::Null);
    assert_eq!(j["problems"][0]["problem"], "seal_mismatch");
    assert_eq!(j["problems"][0]["seq"], second_sealed);

    // The sealer refuses to vouch for the rewritten trail, even with --start.
    let before = common::audit_count(&env, "log.seal");
    with(&env, &cfg, &["log", "seal", "--start"])
        .status(1)
        .stdout_has("changed at or before entry")
        .stderr_has("NOT sealed");
    assert_eq!(common::audit_count(&env, "log.seal"), before);
}

#[test]
fn deleted_seals_and_a_stopped_sealer_are_reported() {
    let env = Env::with_ledger();
    let (key, public) = keygen(&env, "seal.pem");
    let cfg = sealing_config(&env, &key, &[&public], "2d");
    with(&env, &cfg, &["-q", "log", "seal", "--start"]).ok();
    add_entries(&env, 2);
    with(&env, &cfg, &["-q", "log", "seal"]).ok();
    with(&env, &cfg, &["log", "verify"]).ok();

    env.sql_exec("DELETE FROM seal", &[]);
    let r = with(&env, &cfg, &["log", "verify"]).status(1);
    assert!(
        r.stdout().contains("no seal newer than max_seal_age (2d)")
            && r.stdout().contains("there is no good seal"),
        "{}",
        r.stdout()
    );
    let j = with(&env, &cfg, &["--format", "json", "log", "verify"])
        .status(1)
        .json();
    assert_eq!(j["problems"][0]["problem"], "seal_stale");
    // The cron job does not quietly start over...
    with(&env, &cfg, &["-q", "log", "seal"])
        .status(1)
        .stderr_has("seals were deleted");
    // ...a person does, after checking the trail.
    with(&env, &cfg, &["-q", "log", "seal", "--start"]).ok();
    with(&env, &cfg, &["log", "verify"]).ok();

    // A sealer that stopped: the newest seal gets older than max_seal_age
    // (the clock moved a few seconds on, instead of waiting for it).
    let short = sealing_config(&env, &key, &[&public], "1s");
    let later = (chrono::Utc::now() + chrono::Duration::seconds(5)).to_rfc3339();
    let at = |args: &[&str]| {
        let mut all = vec!["--config", short.as_str()];
        all.extend_from_slice(args);
        env.run_at(&later, &all)
    };
    let r = at(&["log", "verify"]).status(1);
    assert!(
        r.stdout().contains("no seal newer than max_seal_age (1s)")
            && r.stdout().contains("the newest good seal is of entry"),
        "{}",
        r.stdout()
    );
    at(&["log", "seal"])
        .status(1)
        .stderr_has("older than max_seal_age");
    at(&["-q", "log", "seal", "--start"]).ok();
    at(&["log", "verify"]).ok();
}

#[test]
fn a_wrong_key_and_a_forged_seal_are_reported() {
    let env = Env::with_ledger();
    let (key, public) = keygen(&env, "seal.pem");
    let (_, other) = keygen(&env, "other.pem");
    let cfg = sealing_config(&env, &key, &[&public], "2d");
    with(&env, &cfg, &["-q", "log", "seal", "--start"]).ok();
    let pristine = env.snapshot();

    // Verified with a key that did not make the seal.
    let wrong = verifier_config(&env, &[&other], "2d");
    let r = with(&env, &wrong, &["log", "verify"]).status(1);
    assert!(
        r.stdout().contains("seal by an UNKNOWN key")
            && r.stdout().contains(&public)
            && r.stdout().contains("no seal newer than max_seal_age"),
        "{}",
        r.stdout()
    );

    // A seal edited to vouch for another head, or another time.
    let v = verifier_config(&env, &[&public], "2d");
    for edit in [
        "UPDATE seal SET head = (CASE substr(head, 1, 1) WHEN 'a' THEN 'b' ELSE 'a' END) || substr(head, 2)",
        "UPDATE seal SET sealed_at = replace(sealed_at, '.', '1.')",
        "UPDATE seal SET seq = seq - 1",
    ] {
        env.restore(&pristine);
        env.sql_exec(edit, &[]);
        let r = with(&env, &v, &["log", "verify"]).status(1);
        assert!(r.stdout().contains("seal FORGED"), "{edit}: {}", r.stdout());
    }

    // A seal claiming the key, signed by another: forged, too.
    env.restore(&pristine);
    let (other_key, _) = keygen(&env, "attacker.pem");
    let attacker = sealing_config(&env, &other_key, &[&public], "2d");
    with(&env, &attacker, &["-q", "log", "seal", "--start"]).ok();
    env.sql_exec(
        "UPDATE seal SET key = ?1 WHERE id = (SELECT max(id) FROM seal)",
        &[&public],
    );
    with(&env, &v, &["log", "verify"])
        .status(1)
        .stdout_has("seal FORGED");
}

#[test]
fn keys_rotate_and_a_leaked_key_is_retired() {
    let env = Env::with_ledger();
    let (old, old_pub) = keygen(&env, "old.pem");
    let (new, new_pub) = keygen(&env, "new.pem");
    let cfg = sealing_config(&env, &old, &[&old_pub], "2d");
    with(&env, &cfg, &["-q", "log", "seal", "--start"]).ok();
    add_entries(&env, 2);

    // Rotation: the sealer switches keys; verifiers trust both.
    let both = sealing_config(&env, &new, &[&old_pub, &new_pub], "2d");
    with(&env, &both, &["-q", "log", "seal"]).ok();
    with(&env, &both, &["log", "verify"])
        .ok()
        .stdout_has("2 of 2 seal(s) good, checked against 2 public key(s)");

    // After a leak: the old key's seals are ignored, not trusted.
    let retired = config(
        &env,
        "retired.toml",
        &format!(
            "[trail]\npublic_keys = [\"{new_pub}\"]\nretired_keys = [\"{old_pub}\"]\nmax_seal_age = \"2d\"\n"
        ),
    );
    with(&env, &retired, &["log", "verify"])
        .ok()
        .stdout_has("1 of 2 seal(s) good");
    // Sealing with a retired key is refused.
    let bad = config(
        &env,
        "bad.toml",
        &format!(
            "[trail]\nsigning_key_file = \"{}\"\nretired_keys = [\"{old_pub}\"]\n",
            old.display()
        ),
    );
    with(&env, &bad, &["log", "seal"])
        .status(78)
        .stderr_has("retired_keys");
}

#[test]
fn the_configuration_file_is_found_checked_and_never_required() {
    let env = Env::with_ledger();
    let (key, public) = keygen(&env, "seal.pem");

    // No configuration anywhere: no error.
    env.run(&["log", "verify"]).ok();

    // An explicit one must exist.
    env.run(&["--config", "missing.toml", "log", "verify"])
        .status(78)
        .stderr_has("missing.toml does not exist");
    env.cmd()
        .env("ACCTSEC_CONFIG", env.path("missing.toml"))
        .args(["log", "verify"])
        .assert()
        .code(78);

    // An unknown key is named, with its line.
    let bad = config(&env, "bad.toml", "# keys\n[trail]\n\nsigning_key = \"x\"\n");
    with(&env, &bad, &["log", "verify"])
        .status(78)
        .stderr_has("bad.toml:4:")
        .stderr_has("signing_key");
    let bad = config(&env, "bad2.toml", "[trail]\nmax_seal_age = \"soon\"\n");
    with(&env, &bad, &["log", "verify"])
        .status(78)
        .stderr_has("bad2.toml:2:")
        .stderr_has("soon");
    let bad = config(&env, "bad3.toml", "[smtp]\nhost = \"x\"\n");
    with(&env, &bad, &["log", "verify"])
        .status(78)
        .stderr_has("smtp");

    // The signing key must be private to its owner.
    let cfg = sealing_config(&env, &key, &[&public], "2d");
    for mode in [0o640, 0o604, 0o660] {
        chmod(&key, mode).unwrap();
        with(&env, &cfg, &["log", "seal", "--start"])
            .status(78)
            .stderr_has(&format!("chmod 600 {}", key.display()));
    }
    chmod(&key, 0o400).unwrap();
    with(&env, &cfg, &["-q", "log", "seal", "--start"]).ok();

    // No key configured, or a missing key file.
    let none = config(&env, "none.toml", "[trail]\n");
    with(&env, &none, &["log", "seal"])
        .status(78)
        .stderr_has("signing_key_file");
    let gone = config(
        &env,
        "gone.toml",
        "[trail]\nsigning_key_file = \"gone.pem\"\n",
    );
    with(&env, &gone, &["log", "seal"])
        .status(78)
        .stderr_has("log keygen --out");
    let text = config(
        &env,
        "text.toml",
        "[trail]\nsigning_key_file = \"bad.toml\"\n",
    );
    chmod(env.path("bad.toml"), 0o600).unwrap();
    with(&env, &text, &["log", "seal"])
        .status(78)
        .stderr_has("no Ed25519 private key");

    // The default places: $XDG_CONFIG_HOME, else ~/.config (HOME is the
    // test's directory). A relative key path is relative to the file.
    let dir = env.path(".config/acctsec");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(&key, dir.join("seal.pem")).unwrap();
    std::fs::write(
        dir.join("config.toml"),
        format!("[trail]\nsigning_key_file = \"seal.pem\"\npublic_keys = [\"{public}\"]\n"),
    )
    .unwrap();
    env.run(&["-q", "log", "seal"]).ok();
    env.run(&["log", "verify"])
        .ok()
        .stdout_has("2 of 2 seal(s) good");
    let xdg = env.path("xdg");
    std::fs::create_dir_all(xdg.join("acctsec")).unwrap();
    std::fs::write(xdg.join("acctsec/config.toml"), "[trail]\nbogus = 1\n").unwrap();
    env.cmd()
        .env("XDG_CONFIG_HOME", &xdg)
        .args(["log", "verify"])
        .assert()
        .code(78);
}
