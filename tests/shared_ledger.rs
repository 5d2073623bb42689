//! Where an embedded ledger may live: a world-writable directory and
//! companion files planted by someone else are refused (78, nothing
//! opened); several staff users share one ledger through a group.

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use common::{Env, fixture};

fn chmod(p: &Path, mode: u32) {
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap();
}

fn is_root() -> bool {
    nix::unistd::geteuid().is_root()
}

#[test]
fn a_world_writable_directory_is_refused() {
    sqlite_only!();
    let env = Env::new();
    let open = env.path("open");
    std::fs::create_dir(&open).unwrap();
    chmod(&open, 0o1777);
    let db = open.join("ledger.db");
    env.run(&["--db", &db.display().to_string(), "init"])
        .status(78)
        .stderr_has("writable by everyone");
    assert!(!db.exists(), "nothing is created there");

    // A ledger that was fine, in a directory opened up later.
    let env = Env::with_ledger();
    chmod(env.dir.path(), 0o777);
    env.run(&["lock", "list"])
        .status(78)
        .stderr_has("chmod o-w");
    chmod(env.dir.path(), 0o700);
    env.run(&["lock", "list"]).ok();
}

#[test]
fn a_planted_wal_or_shm_file_is_refused() {
    sqlite_only!();
    let env = Env::with_ledger();
    let wal = env.path("ledger.db-wal");
    std::fs::write(&wal, b"").unwrap();
    chmod(&wal, 0o666);
    env.run(&["customer", "list"])
        .status(78)
        .stderr_has("ledger.db-wal (mode 0666) gives access to users the ledger file does not");
    assert_eq!(std::fs::metadata(&wal).unwrap().len(), 0, "not written to");
    std::fs::remove_file(&wal).unwrap();

    let shm = env.path("ledger.db-shm");
    std::os::unix::fs::symlink("/tmp/elsewhere", &shm).unwrap();
    env.run(&["customer", "list"])
        .status(78)
        .stderr_has("not a plain file");
    std::fs::remove_file(&shm).unwrap();

    if is_root() {
        // Private mode, but another user's file: that user reads it.
        std::fs::write(&shm, b"").unwrap();
        chmod(&shm, 0o600);
        std::os::unix::fs::chown(&shm, Some(4242), Some(4242)).unwrap();
        env.run(&["customer", "list"])
            .status(78)
            .stderr_has("belongs to user 4242");
        std::fs::remove_file(&shm).unwrap();
    }
    env.run(&["customer", "list"]).ok();
}

/// Two staff users and an outsider, as the README's group setup has them.
#[test]
fn staff_users_share_a_ledger_through_a_group() {
    sqlite_only!();
    let Some(users) = common::os_users::staff() else {
        common::missing("root with useradd/groupadd and runuser (CI runs as root)");
        return;
    };
    let env = Env::new();
    // Others may pass through the test directory, not read it.
    chmod(env.dir.path(), 0o711);
    // Copied by another process: a file this process wrote could still be
    // open in a child another test thread just forked, and running it
    // would then fail with ETXTBSY ("Text file busy").
    let bin = env.path("acctsec");
    let copied = std::process::Command::new("install")
        .args(["-m", "0755"])
        .arg(assert_cmd::cargo::cargo_bin!("acctsec"))
        .arg(&bin)
        .status()
        .unwrap();
    assert!(copied.success(), "install the binary for the staff users");
    let customers = env.path("customers.csv");
    std::fs::copy(fixture("customers.csv"), &customers).unwrap();
    chmod(&customers, 0o644);
    let shared = env.path("shared");
    std::fs::create_dir(&shared).unwrap();
    std::os::unix::fs::chown(&shared, Some(0), Some(users.gid)).unwrap();
    chmod(&shared, 0o2770);
    let db = shared.join("ledger.db");
    let db_arg = db.display().to_string();
    let as_user = |user: &str, args: &[&str]| {
        let out = std::process::Command::new("runuser")
            .args(["-u", user, "--"])
            .arg(&bin)
            .args(["--db", &db_arg])
            .args(args)
            .env_clear()
            .env("PATH", "/usr/sbin:/usr/bin:/sbin:/bin")
            .env("LANG", "C")
            .current_dir(env.dir.path())
            .output()
            .unwrap();
        common::Run(out)
    };
    as_user(&users.first, &["init"]).ok();
    // The one step the README asks for after init: share it with the group.
    let m = std::fs::metadata(&db).unwrap();
    assert_eq!(
        std::os::unix::fs::MetadataExt::gid(&m),
        users.gid,
        "the setgid directory gives the ledger its group"
    );
    chmod(&db, 0o660);
    as_user(
        &users.second,
        &["customer", "import", &customers.display().to_string()],
    )
    .ok();
    as_user(
        &users.first,
        &["lock", "add", "1000100", "--reason", "test"],
    )
    .ok();
    as_user(&users.second, &["lock", "list"])
        .ok()
        .stdout_has("1000100");

    // A companion file the other staff member's process left behind is
    // theirs and the group's: adopted.
    let wal = shared.join("ledger.db-wal");
    let plant = |uid: u32| {
        std::fs::write(&wal, b"").unwrap();
        std::os::unix::fs::chown(&wal, Some(uid), Some(users.gid)).unwrap();
        chmod(&wal, 0o660);
    };
    plant(users.second_uid);
    as_user(&users.first, &["customer", "show", "1000100"]).ok();
    // The same file made by an outsider is not.
    plant(users.outsider_uid);
    as_user(&users.first, &["customer", "show", "1000100"])
        .status(78)
        .stderr_has("who has no access to the ledger");
    std::fs::remove_file(&wal).unwrap();
    // And the outsider cannot open the ledger at all.
    let out = as_user(&users.outsider, &["customer", "list"]);
    assert_ne!(out.code(), 0, "{}", out.stderr());
}
