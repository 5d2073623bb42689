//! Four-eyes approval and the identity in the audit trail, end to end, with
//! two people who really are two: on SQLite two OS users sharing one ledger
//! through a group (as the README sets it up; the tests make the users when
//! they run as root, and skip saying so otherwise), on PostgreSQL two login
//! roles (the identity is the session user).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{Env, Run, fixture, on_pg};
use serde_json::Value;

/// Everything except the four approval-exempt actions of the issue.
const ALL_ACTIONS: &str = r#"["unlock.reissue", "password.reissue", "policy.set", "customer.unmask", "customer.set_email", "lock.remove"]"#;

/// One of the two staff members.
#[derive(Clone)]
enum Who {
    /// An OS user, run with `runuser` on the shared SQLite ledger.
    Os(String),
    /// A PostgreSQL login role: the ledger's URL with that user.
    Pg { url: String, role: String },
}

/// Two staff members on one ledger with customers, cheap hashing.
struct Staff {
    env: Env,
    a: Who,
    b: Who,
    /// The binary, where both users can run it.
    bin: PathBuf,
    /// A directory both users can write to (for --out files).
    shared: PathBuf,
}

fn chmod(p: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// Make the PostgreSQL login roles (shared by every test of the cluster).
fn pg_roles() {
    let mut admin = common::pg::admin();
    for role in ["acctsec_maker", "acctsec_checker"] {
        let exists = !admin
            .query("SELECT 1 FROM pg_roles WHERE rolname = $1", &[&role])
            .unwrap()
            .is_empty();
        if !exists {
            // Another test may make it at the same moment: that is fine.
            let _ = admin.batch_execute(&format!("CREATE ROLE {role} LOGIN SUPERUSER"));
        }
    }
}

impl Staff {
    fn new() -> Option<Staff> {
        let env = Env::new();
        let staff = if on_pg() {
            pg_roles();
            let url = env.db().display().to_string();
            let with = |role: &str| Who::Pg {
                url: url.replacen("postgres@", &format!("{role}@"), 1),
                role: role.to_string(),
            };
            let shared = env.path("shared");
            std::fs::create_dir(&shared).unwrap();
            Staff {
                a: with("acctsec_maker"),
                b: with("acctsec_checker"),
                bin: assert_cmd::cargo::cargo_bin!("acctsec").to_path_buf(),
                shared,
                env,
            }
        } else {
            let Some(users) = common::os_users::staff() else {
                common::missing(
                    "two OS users: root with useradd/groupadd and runuser (CI runs as root)",
                );
                return None;
            };
            // The ledger is `ledger.db` in the test directory, shared with
            // the group as the README says (setgid directory, 0660 file).
            let dir = env.dir.path();
            std::os::unix::fs::chown(dir, Some(0), Some(users.gid)).unwrap();
            chmod(dir, 0o2770);
            // Copied by another process: a file this process wrote could
            // still be open in a child another test thread just forked, and
            // running it would then fail with ETXTBSY ("Text file busy").
            let bin = env.path("acctsec");
            let copied = Command::new("install")
                .args(["-m", "0755"])
                .arg(assert_cmd::cargo::cargo_bin!("acctsec"))
                .arg(&bin)
                .status()
                .unwrap();
            assert!(copied.success(), "install the binary for the staff users");
            Staff {
                a: Who::Os(users.first.clone()),
                b: Who::Os(users.second.clone()),
                bin,
                shared: dir.to_path_buf(),
                env,
            }
        };
        staff.ok(&staff.a.clone(), &["init"]);
        if !on_pg() {
            chmod(&staff.env.db(), 0o660);
        }
        let customers = staff.file(
            "customers.csv",
            std::fs::read(fixture("customers.csv")).unwrap(),
        );
        staff.ok(&staff.a.clone(), &["customer", "import", &customers]);
        let toml = staff
            .ok(&staff.a.clone(), &["policy", "show", "--toml"])
            .stdout();
        let cheap = toml
            .replace("m_kib = 19456", "m_kib = 64")
            .replace("\nt = 2\n", "\nt = 1\n");
        staff.set_policy(&staff.a.clone(), &cheap).ok();
        Some(staff)
    }

    /// A file both users can read; its path.
    fn file(&self, name: &str, contents: impl AsRef<[u8]>) -> String {
        let p = self.env.write(name, contents);
        chmod(&p, 0o644);
        p.display().to_string()
    }

    /// Where an --out file goes.
    fn out(&self, name: &str) -> PathBuf {
        self.shared.join(name)
    }

    /// The authenticated identity of a staff member, as the trail records it.
    fn id(&self, who: &Who) -> String {
        match who {
            Who::Os(u) => u.clone(),
            Who::Pg { role, .. } => role.clone(),
        }
    }

    fn cmd(&self, who: &Who, now: Option<&str>) -> Command {
        let mut c = match who {
            Who::Os(user) => {
                let mut c = Command::new("runuser");
                c.args(["-u", user, "--"])
                    .arg(&self.bin)
                    .arg("--db")
                    .arg(self.env.db());
                c.env_clear()
                    .env("PATH", "/usr/sbin:/usr/bin:/sbin:/bin")
                    .env("LANG", "C");
                c
            }
            // The operator label is the role's name, as the OS login name
            // is for an OS user.
            Who::Pg { url, role } => {
                let mut c = self.env.std_cmd();
                c.env("ACCTSEC_DB", url).env("ACCTSEC_OPERATOR", role);
                c
            }
        };
        c.current_dir(self.env.dir.path());
        if let Some(now) = now {
            c.env("ACCTSEC_NOW", now);
        }
        c
    }

    fn run_at(&self, who: &Who, now: Option<&str>, args: &[&str]) -> Run {
        Run(self.cmd(who, now).args(args).output().expect("run acctsec"))
    }

    fn run(&self, who: &Who, args: &[&str]) -> Run {
        self.run_at(who, None, args)
    }

    /// Run with `input` on stdin (passwords).
    fn run_in(&self, who: &Who, args: &[&str], input: &str) -> Run {
        use std::io::Write;
        use std::process::Stdio;
        let mut child = self
            .cmd(who, None)
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run acctsec");
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
        Run(child.wait_with_output().expect("run acctsec"))
    }

    /// Put exactly these effects (or names) under approval.
    fn require(&self, required_for: &str) {
        let toml = self.with_approval(required_for);
        self.set_policy(&self.a, &toml).ok();
    }

    fn approve(&self, who: &Who, id: i64, extra: &[&str]) -> Run {
        let id = id.to_string();
        let mut args = vec!["request", "approve", id.as_str()];
        args.extend_from_slice(extra);
        self.run(who, &args)
    }

    /// The request's stored row, as `request show` prints it.
    fn request(&self, id: i64) -> Value {
        self.ok(
            &self.a,
            &["--format", "json", "request", "show", &id.to_string()],
        )
        .json()
    }

    fn ok(&self, who: &Who, args: &[&str]) -> Run {
        self.run(who, args).ok()
    }

    fn set_policy(&self, who: &Who, toml: &str) -> Run {
        let f = self.file("policy-next.toml", toml);
        self.run(who, &["--yes", "policy", "set", "--file", &f])
    }

    /// The policy in force with `[approval] required_for` replaced.
    fn with_approval(&self, required_for: &str) -> String {
        let toml = self.ok(&self.a, &["policy", "show", "--toml"]).stdout();
        let (head, tail) = toml
            .split_once("[approval]\n")
            .expect("an [approval] section");
        let (_, rest) = tail.split_once('\n').unwrap();
        format!("{head}[approval]\nrequired_for = {required_for}\n{rest}")
    }

    /// Put every action under approval (one person's change).
    fn require_all(&self) {
        let toml = self.with_approval(ALL_ACTIONS);
        self.set_policy(&self.a, &toml).ok();
    }

    /// A command that records a request: its id.
    fn ask(&self, who: &Who, now: Option<&str>, args: &[&str]) -> i64 {
        let mut all = vec!["--format", "json"];
        all.extend_from_slice(args);
        // Exit 5: recorded, nothing changed yet.
        let doc = self.run_at(who, now, &all).status(5).json();
        assert_eq!(doc["status"], "pending", "{doc}");
        doc["request"].as_i64().expect("a request id")
    }

    fn status(&self, id: i64) -> String {
        let doc = self
            .ok(
                &self.a,
                &["--format", "json", "request", "show", &id.to_string()],
            )
            .json();
        doc["status"].as_str().unwrap().to_string()
    }

    fn log(&self, args: &[&str]) -> Vec<Value> {
        let mut all = vec!["--format", "json", "log"];
        all.extend_from_slice(args);
        self.ok(&self.a, &all).json().as_array().unwrap().clone()
    }

    fn locked(&self, code: &str) -> bool {
        let doc = self
            .ok(&self.a, &["--format", "json", "customer", "show", code])
            .json();
        doc["locked"] == true
    }
}

#[test]
fn an_unlock_with_a_fresh_password_waits_for_another_person_and_reaches_the_approver() {
    let Some(s) = Staff::new() else { return };
    s.require_all();
    s.ok(
        &s.a,
        &["lock", "add", "1000100", "--reason", "suspected takeover"],
    );
    let asked_out = s.out("asked.csv");
    let id = s.ask(
        &s.a,
        None,
        &[
            "unlock",
            "1000100",
            "--reason",
            "customer called",
            "--reissue",
            "--out",
            &asked_out.display().to_string(),
        ],
    );
    // Nothing happened yet: still locked, no file, no password.
    assert!(s.locked("1000100"));
    assert!(!asked_out.exists(), "a request writes no passwords");
    assert_eq!(
        common::audit_count(&s.env, "password.issue"),
        0,
        "no password before the approval"
    );
    assert_eq!(s.status(id), "pending");
    let list = s
        .ok(
            &s.b,
            &["--format", "json", "request", "list", "--status", "pending"],
        )
        .json();
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["requested_by"], s.id(&s.a));
    assert_eq!(list[0]["action"], "unlock.reissue");

    // The approver must say where the passwords go.
    s.run(&s.b, &["request", "approve", &id.to_string()])
        .status(2)
        .stderr_has("--out");
    let out = s.out("handed-over.csv");
    s.ok(
        &s.b,
        &[
            "request",
            "approve",
            &id.to_string(),
            "--out",
            &out.display().to_string(),
        ],
    );
    assert!(!s.locked("1000100"));
    let text = std::fs::read_to_string(&out).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "code,initial_password,deadline");
    assert_eq!(lines.len(), 2, "{text}");
    assert!(lines[1].starts_with("1000100,"));
    assert_eq!(common::file_mode(&out), 0o600);
    if let Who::Os(user) = &s.b {
        use std::os::unix::fs::MetadataExt;
        let uid = nix::unistd::User::from_name(user)
            .unwrap()
            .unwrap()
            .uid
            .as_raw();
        assert_eq!(
            std::fs::metadata(&out).unwrap().uid(),
            uid,
            "the approver's file"
        );
    }
    assert_eq!(s.status(id), "approved");
    // Who asked and who approved, by their real identities; the approval,
    // the unlock and the password are one transaction (one moment).
    let entries = s.log(&["--customer", "1000100"]);
    let by = |action: &str| -> &Value {
        entries
            .iter()
            .find(|e| e["action"] == action)
            .unwrap_or_else(|| panic!("no {action} in {entries:?}"))
    };
    assert_eq!(by("request.create")["identity"], s.id(&s.a));
    assert_eq!(by("request.approve")["identity"], s.id(&s.b));
    assert_eq!(by("lock.unlock")["identity"], s.id(&s.b));
    assert_eq!(by("password.issue")["identity"], s.id(&s.b));
    assert_eq!(by("request.approve")["at"], by("lock.unlock")["at"]);
    // Approved once: not again.
    s.run(
        &s.b,
        &[
            "request",
            "approve",
            &id.to_string(),
            "--out",
            &s.out("again.csv").display().to_string(),
        ],
    )
    .status(1)
    .stderr_has("approved");
    s.ok(&s.a, &["log", "verify"]);
    // The report counts the sensitive actions by identity.
    let report = s.ok(&s.a, &["--format", "json", "report"]).json();
    let staff = report["staff"].as_array().unwrap();
    let of = |who: &Who| {
        staff
            .iter()
            .find(|x| x["identity"] == s.id(who))
            .unwrap_or_else(|| panic!("{} not in {staff:?}", s.id(who)))
    };
    assert_eq!(of(&s.b)["actions"]["request.approve"], 1);
    assert_eq!(of(&s.b)["actions"]["lock.unlock"], 1);
    assert_eq!(of(&s.a)["actions"]["request.create"], 1);
}

#[test]
fn one_cannot_approve_ones_own_request_even_under_another_operator_name() {
    let Some(s) = Staff::new() else { return };
    s.require_all();
    let before = s
        .ok(&s.a, &["--format", "json", "customer", "show", "1000100"])
        .json()["email_pc"]
        .clone();
    let id = s.ask(
        &s.a,
        None,
        &[
            "customer",
            "set-email",
            "1000100",
            "--pc",
            "new.address@example.jp",
        ],
    );
    // `request show` tells what would change, masked.
    let shown = s.ok(&s.b, &["request", "show", &id.to_string()]).stdout();
    assert!(shown.contains("email_pc"), "{shown}");
    assert!(!shown.contains("new.address@example.jp"), "masked: {shown}");
    let id_s = id.to_string();
    s.run(&s.a, &["request", "approve", &id_s])
        .status(1)
        .stderr_has("another staff member");
    s.run(
        &s.a,
        &["--operator", "somebody-else", "request", "approve", &id_s],
    )
    .status(1)
    .stderr_has("another staff member");
    let now = s
        .ok(&s.a, &["--format", "json", "customer", "show", "1000100"])
        .json()["email_pc"]
        .clone();
    assert_eq!(now, before, "nothing changed");
    assert_eq!(s.status(id), "pending");
    s.ok(&s.b, &["request", "approve", &id_s]);
    let after = s
        .ok(&s.a, &["--format", "json", "customer", "show", "1000100"])
        .json()["email_pc"]
        .clone();
    assert_ne!(after, before);
    assert_eq!(common::audit_count(&s.env, "customer.set_email"), 1);
}

#[test]
fn a_request_expires_after_the_policy_time() {
    let Some(s) = Staff::new() else { return };
    s.require_all();
    s.ok(&s.a, &["lock", "add", "1000137", "--reason", "x"]);
    let asked = "2030-04-01T09:00:00+09:00";
    let id = s.ask(
        &s.a,
        Some(asked),
        &["unlock", "1000137", "--reason", "called"],
    );
    let id_s = id.to_string();
    // A day (the default) later it is expired, listed as such, and cannot be
    // approved; nothing is unlocked.
    let later = "2030-04-02T09:00:01+09:00";
    let expired = s
        .run_at(
            &s.b,
            Some(later),
            &["--format", "json", "request", "list", "--status", "expired"],
        )
        .ok()
        .json();
    assert_eq!(expired[0]["id"], id);
    s.run_at(&s.b, Some(later), &["request", "approve", &id_s])
        .status(1)
        .stderr_has("expired");
    assert!(s.locked("1000137"));
    // Just before, it could have been.
    let just_before = "2030-04-02T08:59:59+09:00";
    s.run_at(&s.b, Some(just_before), &["request", "approve", &id_s])
        .ok();
    assert!(!s.locked("1000137"));
}

#[test]
fn a_rejected_request_does_nothing_and_cannot_be_approved_after() {
    let Some(s) = Staff::new() else { return };
    s.require_all();
    s.ok(&s.a, &["lock", "add", "1000174", "--reason", "x"]);
    let id = s.ask(&s.a, None, &["unlock", "1000174", "--reason", "called"]);
    let id_s = id.to_string();
    s.ok(
        &s.b,
        &[
            "request",
            "reject",
            &id_s,
            "--reason",
            "not verified by phone",
        ],
    );
    assert_eq!(s.status(id), "rejected");
    s.run(&s.b, &["request", "approve", &id_s])
        .status(1)
        .stderr_has("rejected");
    assert!(s.locked("1000174"));
    let shown = s
        .ok(&s.a, &["--format", "json", "request", "show", &id_s])
        .json();
    assert_eq!(shown["decided_by"], s.id(&s.b));
    assert_eq!(shown["decision_reason"], "not verified by phone");
    assert_eq!(common::audit_count(&s.env, "request.reject"), 1);
    assert_eq!(common::audit_count(&s.env, "lock.unlock"), 0);
}

#[test]
fn of_concurrent_approvals_exactly_one_carries_the_action_out() {
    let Some(s) = Staff::new() else { return };
    s.require_all();
    s.ok(&s.a, &["lock", "add", "1000211", "--reason", "x"]);
    let id = s.ask(&s.a, None, &["unlock", "1000211", "--reason", "called"]);
    let id_s = id.to_string();
    let children: Vec<_> = (0..4)
        .map(|_| {
            s.cmd(&s.b, None)
                .args(["--busy-timeout", "60000", "request", "approve", &id_s])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let codes: Vec<i32> = children
        .into_iter()
        .map(|c| c.wait_with_output().unwrap().status.code().unwrap())
        .collect();
    assert_eq!(codes.iter().filter(|c| **c == 0).count(), 1, "{codes:?}");
    assert!(codes.iter().all(|c| *c == 0 || *c == 1), "{codes:?}");
    assert_eq!(common::audit_count(&s.env, "request.approve"), 1);
    assert_eq!(common::audit_count(&s.env, "lock.unlock"), 1);
    assert!(!s.locked("1000211"));
    s.ok(&s.a, &["log", "verify"]);
}

#[test]
fn a_forged_operator_name_still_shows_the_real_identity() {
    let Some(s) = Staff::new() else { return };
    let (a, b) = (s.id(&s.a), s.id(&s.b));
    s.ok(
        &s.a,
        &["--operator", &b, "lock", "add", "1000248", "--reason", "x"],
    );
    let entries = s.log(&["--action", "lock.add"]);
    assert_eq!(entries.len(), 1);
    assert_eq!(
        entries[0]["operator"],
        b.as_str(),
        "the label is what was typed"
    );
    assert_eq!(
        entries[0]["identity"],
        a.as_str(),
        "the identity is who ran it"
    );
    assert_eq!(s.log(&["--identity", &a, "--action", "lock.add"]).len(), 1);
    assert!(
        s.log(&["--identity", &b, "--action", "lock.add"])
            .is_empty()
    );
    let table = s.ok(&s.a, &["log", "--action", "lock.add"]).stdout();
    assert!(table.contains("identity"), "{table}");
}

#[test]
fn approval_is_turned_on_by_one_person_and_off_only_with_a_second() {
    let Some(s) = Staff::new() else { return };
    // On, for one action: one person, at once.
    let one = s.with_approval(r#"["unlock.reissue"]"#);
    s.set_policy(&s.a, &one).ok();
    // Adding another: one person too.
    let two = s.with_approval(r#"["unlock.reissue", "customer.unmask"]"#);
    s.set_policy(&s.a, &two).ok();
    let shown = s.ok(&s.a, &["--format", "json", "policy", "show"]).json();
    assert_eq!(
        shown["approval"]["required_for"],
        serde_json::json!(["unlock.reissue", "customer.unmask"])
    );
    // Off (back to a preset, which requires nothing): a request.
    let doc = s
        .run(
            &s.a,
            &[
                "--format",
                "json",
                "--yes",
                "policy",
                "set",
                "--preset",
                "securities",
            ],
        )
        .status(5)
        .json();
    assert_eq!(doc["status"], "pending", "{doc}");
    let id = doc["request"].as_i64().unwrap();
    let shown = s.ok(&s.a, &["--format", "json", "policy", "show"]).json();
    assert_eq!(
        shown["approval"]["required_for"].as_array().unwrap().len(),
        2
    );
    // Removing one action is a request as well.
    let id2 = s.ask(
        &s.a,
        None,
        &[
            "--yes",
            "policy",
            "set",
            "--file",
            &s.file("one.toml", &one),
        ],
    );
    s.ok(
        &s.b,
        &["request", "reject", &id2.to_string(), "--reason", "no"],
    );
    s.ok(&s.b, &["request", "approve", &id.to_string()]);
    let shown = s.ok(&s.a, &["--format", "json", "policy", "show"]).json();
    assert_eq!(shown["approval"]["required_for"], serde_json::json!([]));
    assert_eq!(shown["hashing"]["m_kib"], 19456, "the preset is in force");
}

#[test]
fn a_plain_unlock_stays_one_person_unless_lock_remove_is_listed() {
    let Some(s) = Staff::new() else { return };
    let reissue_only = s.with_approval(r#"["unlock.reissue"]"#);
    s.set_policy(&s.a, &reissue_only).ok();
    s.ok(&s.a, &["lock", "add", "1000285", "--reason", "x"]);
    // The call centre unlocks at once.
    s.ok(&s.a, &["--yes", "unlock", "1000285", "--reason", "called"]);
    assert!(!s.locked("1000285"));
    let both = s.with_approval(r#"["unlock.reissue", "lock.remove"]"#);
    s.set_policy(&s.a, &both).ok();
    s.ok(&s.a, &["lock", "add", "1000285", "--reason", "x"]);
    let id = s.ask(&s.a, None, &["unlock", "1000285", "--reason", "called"]);
    assert!(s.locked("1000285"));
    s.ok(&s.b, &["request", "approve", &id.to_string()]);
    assert!(!s.locked("1000285"));
}

#[test]
fn unmasking_and_reissuing_go_through_requests() {
    let Some(s) = Staff::new() else { return };
    s.require_all();
    let id = s.ask(&s.a, None, &["customer", "show", "1000100", "--unmask"]);
    let masked = s
        .ok(&s.a, &["--format", "json", "customer", "show", "1000100"])
        .json();
    let full = s
        .ok(
            &s.b,
            &["--format", "json", "request", "approve", &id.to_string()],
        )
        .json();
    assert_eq!(full["code"], "1000100");
    assert_ne!(full["email_pc"], masked["email_pc"]);
    assert!(full["email_pc"].as_str().unwrap().contains('@'));
    assert_eq!(common::audit_count(&s.env, "customer.pii_view"), 1);

    let codes = s.file("codes.txt", "1000285\n1000322\n");
    let id = s.ask(
        &s.a,
        None,
        &[
            "password",
            "issue",
            "--codes",
            &codes,
            "--reissue",
            "--out",
            &s.out("asked.csv").display().to_string(),
        ],
    );
    assert_eq!(common::audit_count(&s.env, "password.issue"), 0);
    let out = s.out("reissued.csv");
    s.ok(
        &s.b,
        &[
            "request",
            "approve",
            &id.to_string(),
            "--out",
            &out.display().to_string(),
        ],
    );
    let text = std::fs::read_to_string(&out).unwrap();
    assert_eq!(text.lines().count(), 3, "{text}");
    assert_eq!(common::audit_count(&s.env, "password.issue"), 2);
}

/// Hash the trail's `rows` (seq, at, operator, action, customer, reason,
/// details) again as format 1 entries, chained from genesis, each stored
/// with `update` (?1 the previous hash, ?2 the hash, ?3 the seq): the trail
/// of a ledger from before identities.
fn rechain_as_format_1(env: &Env, rows: &[Vec<Option<String>>], update: &str) {
    let mut prev = "0".repeat(64);
    for r in rows {
        let mut fields = r.clone();
        fields.push(Some(prev.clone()));
        let hash = common::entry_hash(&fields, 1, None);
        let seq: i64 = r[0].as_deref().unwrap().parse().unwrap();
        env.sql_exec(update, &[&prev, &hash, &seq]);
        prev = hash;
    }
}

#[test]
fn log_verify_holds_across_the_entry_format_change() {
    let env = Env::with_customers();
    // The trail as a ledger from before identities has it: format 1
    // entries, no identity, hashed without it.
    let rows = env.sql_rows(
        "SELECT seq, at, operator, action, customer, reason, details FROM audit_log ORDER BY seq",
        &[],
    );
    rechain_as_format_1(
        &env,
        &rows,
        "UPDATE audit_log SET format = 1, identity = NULL, prev_hash = ?1, hash = ?2 WHERE seq = ?3",
    );
    env.run(&["log", "verify"]).ok();
    // New entries are format 2, chained onto the old ones.
    env.run(&["lock", "add", "1000100", "--reason", "x"]).ok();
    let formats = env.sql_col(
        "SELECT CAST(format AS TEXT) FROM audit_log ORDER BY seq",
        &[],
    );
    assert_eq!(formats.first().map(String::as_str), Some("1"));
    assert_eq!(formats.last().map(String::as_str), Some("2"));
    env.run(&["log", "verify"]).ok();
    // A copy keeps both formats and the identities, and verifies.
    let copy = env.path("copy.db");
    env.run(&["ledger", "copy", "--to", &copy.display().to_string()])
        .ok();
    let copied = Run(env
        .cmd()
        .env("ACCTSEC_DB", &copy)
        .args(["--format", "json", "log"])
        .output()
        .unwrap())
    .ok()
    .json();
    // (The last entry is the copy's own, `ledger.copy`.)
    let entries = copied.as_array().unwrap();
    assert_eq!(entries.last().unwrap()["action"], "ledger.copy");
    let last = entries[entries.len() - 2].clone();
    assert_eq!(last["action"], "lock.add");
    assert!(
        last["identity"].as_str().is_some_and(|i| !i.is_empty()),
        "{last}"
    );
    assert!(copied[0]["identity"].is_null(), "a format 1 entry has none");
    Run(env
        .cmd()
        .env("ACCTSEC_DB", &copy)
        .args(["log", "verify"])
        .output()
        .unwrap())
    .ok();
    let newest = env.sql_i64("SELECT max(seq) FROM audit_log", &[]);
    let snap = env.snapshot();
    // The identity of a format 2 entry is covered by its hash.
    env.sql_exec(
        "UPDATE audit_log SET identity = 'someone-else' WHERE seq = ?1",
        &[&newest],
    );
    env.run(&["log", "verify"])
        .status(1)
        .stdout_has(&newest.to_string());
    env.restore(&snap);
    env.run(&["log", "verify"]).ok();
    // An identity slipped into a format 1 entry is refused too, and so is
    // an entry turned back into format 1.
    env.sql_exec(
        "UPDATE audit_log SET identity = 'someone' WHERE seq = 1",
        &[],
    );
    env.run(&["log", "verify"]).status(1);
    env.restore(&snap);
    env.sql_exec("UPDATE audit_log SET format = 1 WHERE seq = ?1", &[&newest]);
    env.run(&["log", "verify"]).status(1);
}

#[test]
fn a_ledger_from_before_identities_migrates_and_still_verifies() {
    let env = Env::with_customers();
    // Take the ledger back to schema 12: no identities, no requests, every
    // entry of format 1 ...
    env.sql_exec("DROP INDEX audit_log_identity", &[]);
    env.sql_exec("DROP TABLE request", &[]);
    let rows = env.sql_rows(
        "SELECT seq, at, operator, action, customer, reason, details FROM audit_log ORDER BY seq",
        &[],
    );
    env.sql_exec("ALTER TABLE audit_log DROP COLUMN identity", &[]);
    env.sql_exec("ALTER TABLE audit_log DROP COLUMN format", &[]);
    // ... and from before mail delivery (migration 14): the outbox without
    // its delivery columns.
    for column in [
        "attempts",
        "next_attempt_at",
        "claimed_by",
        "claimed_until",
        "reply",
        "failed_at",
    ] {
        env.sql_exec(&format!("ALTER TABLE outbox DROP COLUMN {column}"), &[]);
    }
    // ... and from before bulk imports' round entries (migration 15).
    env.sql_exec("DROP INDEX audit_log_import", &[]);
    // ... and from before the expired status (migration 16, which replaces
    // the outbox's CHECK itself).
    env.sql_exec("DROP INDEX outbox_status_type", &[]);
    // ... and from before known login environments (migration 17 and its
    // data step, which turns `login_env` rows into environments).
    common::back_to_login_env(&env);
    // ... and from before auth code locks (migration 18).
    env.sql_exec("DROP TABLE authcode_lock", &[]);
    common::back_before_server_trail(&env);
    common::back_before_guess_workers(&env);
    rechain_as_format_1(
        &env,
        &rows,
        "UPDATE audit_log SET prev_hash = ?1, hash = ?2 WHERE seq = ?3",
    );
    if on_pg() {
        env.sql_exec("UPDATE acctsec_schema SET version = 12", &[]);
    } else {
        env.sql_exec("PRAGMA user_version = 12", &[]);
    }
    // The next command migrates (audited, as format 2) and the whole trail
    // verifies; old entries show no identity, new ones do.
    env.run(&["log", "verify"]).ok();
    let log = env.run(&["--format", "json", "log"]).ok().json();
    let entries = log.as_array().unwrap();
    let migrated = entries.last().unwrap();
    assert_eq!(migrated["action"], "ledger.schema");
    assert_eq!(migrated["details"]["from"], 12);
    assert!(migrated["identity"].is_string(), "{migrated}");
    assert!(entries[0]["identity"].is_null());
    env.run(&["lock", "add", "1000100", "--reason", "x"]).ok();
    env.run(&["log", "verify"]).ok();
}

// ------------------------------------------------- approval by effect

/// A password that passes the execution rules.
const EXEC_PW: &str = "Kp7wQz3m";

#[test]
fn a_password_of_staffs_choosing_waits_for_a_second_person() {
    let Some(s) = Staff::new() else { return };
    let set = [
        "--format",
        "json",
        "password",
        "set",
        "1000100",
        "--kind",
        "execution",
    ];
    let verify = ["password", "verify", "1000100", "--kind", "execution"];
    // Not listed: one person.
    s.run_in(&s.a, &set, &format!("{EXEC_PW}\n")).ok();
    s.run_in(&s.b, &verify, &format!("{EXEC_PW}\n")).ok();
    // Listed: a request (exit 5) holding the hash, never the password.
    s.require(r#"["credential.set"]"#);
    let login = [
        "--format", "json", "password", "set", "1000100", "--kind", "login",
    ];
    let doc = s.run_in(&s.a, &login, "Zx8Lmq2Rw\n").status(5).json();
    assert_eq!(doc["status"], "pending");
    let id = doc["request"].as_i64().unwrap();
    let row = s.request(id);
    assert_eq!(row["action"], "password.set");
    assert!(!row.to_string().contains("Zx8Lmq2Rw"), "{row}");
    let login_verify = ["password", "verify", "1000100", "--kind", "login"];
    s.run_in(&s.b, &login_verify, "Zx8Lmq2Rw\n").status(1);
    s.approve(&s.b, id, &[]).ok();
    s.run_in(&s.b, &login_verify, "Zx8Lmq2Rw\n").ok();
}

#[test]
fn an_old_password_request_is_stale_once_the_password_changed() {
    let Some(s) = Staff::new() else { return };
    s.require(r#"["credential.set"]"#);
    let set = [
        "--format",
        "json",
        "password",
        "set",
        "1000137",
        "--kind",
        "execution",
    ];
    let first = s.run_in(&s.a, &set, "Hq4nTr8v\n").status(5).json()["request"]
        .as_i64()
        .unwrap();
    let second = s
        .run_in(&s.a, &set, &format!("{EXEC_PW}\n"))
        .status(5)
        .json()["request"]
        .as_i64()
        .unwrap();
    s.approve(&s.b, second, &[]).ok();
    s.approve(&s.b, first, &[])
        .status(1)
        .stderr_has("stale: request again");
    let verify = ["password", "verify", "1000137", "--kind", "execution"];
    s.run_in(&s.b, &verify, &format!("{EXEC_PW}\n")).ok();
    let row = s.request(first);
    assert_eq!(row["status"], "rejected", "{row}");
    assert_eq!(common::audit_count(&s.env, "request.stale"), 1);
    // Closed: a second try says so.
    s.approve(&s.b, first, &[]).status(1);
}

#[test]
fn an_import_that_changes_an_address_or_a_login_hash_is_one_request_for_that_file() {
    let Some(s) = Staff::new() else { return };
    let header = "code,name,birth_date,email_pc\n";
    let file = s.file(
        "change.csv",
        format!("{header}1000100,佐藤 太郎,1990-04-10,new.owner@example.jp\n"),
    );
    let email = |s: &Staff| {
        s.ok(
            &s.b,
            &[
                "--format", "json", "customer", "show", "1000100", "--unmask",
            ],
        )
        .json()["email_pc"]
            .as_str()
            .unwrap()
            .to_string()
    };
    s.require(r#"["contact.change"]"#);
    let id = s.ask(&s.a, None, &["customer", "import", &file]);
    assert_eq!(email(&s), "taro.sato@example.jp", "nothing changed yet");
    let row = s.request(id);
    assert_eq!(row["action"], "customer.import");
    assert_eq!(row["changes"]["gated"][0]["customer"], "1000100", "{row}");
    assert_eq!(row["changes"]["gated"][0]["fields"][0], "email_pc");
    assert!(!row.to_string().contains("new.owner"), "masked: {row}");
    s.approve(&s.b, id, &[]).ok().stdout_has("1");
    assert_eq!(email(&s), "new.owner@example.jp");

    // The file changed after the request: stale, nothing imported.
    let file2 = s.file(
        "change2.csv",
        format!("{header}1000100,佐藤 太郎,1990-04-10,second@example.jp\n"),
    );
    let id = s.ask(&s.a, None, &["customer", "import", &file2]);
    s.file(
        "change2.csv",
        format!("{header}1000100,佐藤 太郎,1990-04-10,attacker@example.jp\n"),
    );
    s.approve(&s.b, id, &[])
        .status(1)
        .stderr_has("stale: request again");
    assert_eq!(email(&s), "new.owner@example.jp");

    // A login hash for an existing customer is credential.set.
    s.require(r#"["contact.change", "credential.set"]"#);
    let hashed = s.file(
        "hash.csv",
        "code,name,birth_date,login_hash\n1000100,佐藤 太郎,1990-04-10,5f4dcc3b5aa765d61d8327deb882cf99\n",
    );
    let id = s.ask(&s.a, None, &["customer", "import", &hashed]);
    assert_eq!(s.request(id)["changes"]["effects"][0], "credential.set");
    // A new customer is no change of anyone's credential: one person.
    let new = s.file(
        "new.csv",
        "code,name,birth_date,email_pc,login_hash\n9000001,新規 顧客,1985-01-02,new@example.jp,5f4dcc3b5aa765d61d8327deb882cf99\n",
    );
    s.ok(&s.a, &["customer", "import", &new]);
}

/// Queue a notice for 1000100 (a staff lock tells the customer).
fn queue_notice(s: &Staff) {
    s.ok(&s.a, &["lock", "add", "1000100", "--reason", "check"]);
}

#[test]
fn an_export_of_the_outbox_is_unmasking_and_an_ack_names_its_export() {
    let Some(s) = Staff::new() else { return };
    queue_notice(&s);
    s.require(r#"["customer.unmask", "notice.suppress"]"#);
    let asked = s.out("asked.jsonl");
    let id = s.ask(
        &s.a,
        None,
        &[
            "notify",
            "outbox",
            "export",
            "--out",
            &asked.display().to_string(),
        ],
    );
    assert!(!asked.exists(), "a request writes nothing");
    s.approve(&s.b, id, &[]).status(2).stderr_has("--out");
    let out = s.out("export.jsonl");
    s.approve(&s.b, id, &["--out", &out.display().to_string()])
        .ok();
    // The approver hands the file on (here: to the first person).
    chmod(&out, 0o644);
    let text = std::fs::read_to_string(&out).unwrap();
    let first: Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    let export = first["export"]
        .as_u64()
        .expect("each line names its export");
    let nid = first["id"].as_i64().unwrap().to_string();
    // Marking it sent is notice.suppress: a request, acknowledging only
    // that export's notices.
    s.run(&s.a, &["notify", "outbox", "ack", &nid, "--export", "1"])
        .status(2);
    let id = s.ask(
        &s.a,
        None,
        &[
            "notify",
            "outbox",
            "ack",
            "--from",
            &out.display().to_string(),
        ],
    );
    let pending = s
        .ok(
            &s.a,
            &[
                "--format", "json", "notify", "outbox", "--status", "pending",
            ],
        )
        .json();
    assert!(!pending.as_array().unwrap().is_empty());
    s.approve(&s.b, id, &[]).ok();
    let sent = s
        .ok(
            &s.a,
            &["--format", "json", "notify", "outbox", "--status", "sent"],
        )
        .json();
    assert!(
        sent.as_array()
            .unwrap()
            .iter()
            .any(|n| n["id"].as_i64().map(|i| i.to_string()) == Some(nid.clone()))
    );
    assert_eq!(export, s.request(id)["changes"]["export"].as_u64().unwrap());
}

#[test]
fn an_ack_without_approval_still_marks_only_the_named_exports_notices() {
    let Some(s) = Staff::new() else { return };
    queue_notice(&s);
    let out = s.out("export.jsonl");
    s.ok(
        &s.a,
        &[
            "notify",
            "outbox",
            "export",
            "--out",
            &out.display().to_string(),
        ],
    );
    // A notice queued after the export was never handed over.
    s.ok(&s.a, &["lock", "add", "1000137", "--reason", "check"]);
    let later = s
        .ok(
            &s.a,
            &[
                "--format", "json", "notify", "outbox", "--status", "pending",
            ],
        )
        .json();
    let text = std::fs::read_to_string(&out).unwrap();
    let exported: Vec<i64> = text
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["id"]
                .as_i64()
                .unwrap()
        })
        .collect();
    let outside = later
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_i64().unwrap())
        .find(|i| !exported.contains(i))
        .expect("a notice not exported");
    s.run(&s.a, &["notify", "outbox", "ack", &outside.to_string()])
        .status(2)
        .stderr_has("did not hand over");
    s.ok(
        &s.a,
        &[
            "notify",
            "outbox",
            "ack",
            "--from",
            &out.display().to_string(),
        ],
    );
}

#[test]
fn turning_a_notice_off_is_notice_suppress() {
    let Some(s) = Staff::new() else { return };
    let off = ["notify", "set", "1000100", "withdrawal_auth_code", "off"];
    s.require(r#"["notice.suppress"]"#);
    // Off by default: turning it on is one person's change.
    s.ok(
        &s.a,
        &["notify", "set", "1000100", "withdrawal_auth_code", "on"],
    );
    let id = s.ask(&s.a, None, &off);
    let on = |s: &Staff| {
        s.ok(&s.a, &["--format", "json", "notify", "show", "1000100"])
            .json()
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["type"] == "withdrawal_auth_code")
            .unwrap()["enabled"]
            == true
    };
    assert!(on(&s), "still on while the request waits");
    s.approve(&s.b, id, &[]).ok();
    assert!(!on(&s));
    // Turning it on again is no suppression: one person.
    s.ok(
        &s.a,
        &["notify", "set", "1000100", "withdrawal_auth_code", "on"],
    );
    assert!(on(&s));
    // A file that turns it off is held whole.
    let file = s.file(
        "subs.csv",
        "code,type,enabled\n1000100,withdrawal_auth_code,false\n",
    );
    let id = s.ask(&s.a, None, &["notify", "import", &file]);
    assert!(on(&s));
    s.approve(&s.b, id, &[]).ok();
    assert!(!on(&s));
}

#[test]
fn showing_the_notices_in_full_is_unmasking() {
    let Some(s) = Staff::new() else { return };
    s.require(r#"["customer.unmask"]"#);
    let id = s.ask(&s.a, None, &["notify", "show", "1000100", "--unmask"]);
    let full = s.approve(&s.b, id, &[]).ok().stdout();
    assert!(full.contains("taro.sato@example.jp"), "{full}");
}

#[test]
fn a_stale_policy_request_never_undoes_a_later_change() {
    let Some(s) = Staff::new() else { return };
    s.require(r#"["policy.set"]"#);
    let toml = s.ok(&s.a, &["policy", "show", "--toml"]).stdout();
    let with_min = |n: u32| {
        let (head, tail) = toml.split_once("[execution]\nmin_len = 4").unwrap();
        format!("{head}[execution]\nmin_len = {n}{tail}")
    };
    let old = s.ask(
        &s.a,
        None,
        &[
            "--yes",
            "policy",
            "set",
            "--file",
            &s.file("old.toml", with_min(5)),
        ],
    );
    let new = s.ask(
        &s.a,
        None,
        &[
            "--yes",
            "policy",
            "set",
            "--file",
            &s.file("new.toml", with_min(8)),
        ],
    );
    s.approve(&s.b, new, &[]).ok();
    s.approve(&s.b, old, &[])
        .status(1)
        .stderr_has("stale: request again");
    let shown = s.ok(&s.a, &["--format", "json", "policy", "show"]).json();
    assert_eq!(shown["execution"]["min_len"], 8);
    assert_eq!(
        shown["approval"]["required_for"],
        serde_json::json!(["policy.set"])
    );
}

#[test]
fn an_unlock_request_never_lifts_a_lock_set_after_it() {
    let Some(s) = Staff::new() else { return };
    // An execution password to fail against.
    let issued = s.out("issued.csv");
    s.ok(
        &s.a,
        &[
            "password",
            "issue",
            "1000174",
            "--out",
            &issued.display().to_string(),
        ],
    );
    s.require(r#"["credential.set", "lock.remove"]"#);
    // Not locked now: a plain unlock has nothing to lift, and no request.
    s.ok(&s.a, &["--yes", "unlock", "1000174", "--reason", "called"])
        .stdout_has("not_locked");
    // A reissue for the unlocked account waits...
    let id = s.ask(
        &s.a,
        None,
        &["unlock", "1000174", "--reason", "forgot", "--reissue"],
    );
    // ...while 9 failed attempts lock it.
    for _ in 0..9 {
        s.run_in(
            &s.b,
            &["password", "verify", "1000174", "--kind", "execution"],
            "Wrong9pass\n",
        );
    }
    assert!(s.locked("1000174"));
    let out = s.out("reissued.csv");
    s.approve(&s.b, id, &["--out", &out.display().to_string()])
        .status(1)
        .stderr_has("stale: request again");
    assert!(s.locked("1000174"), "the new lock stands");
    assert!(!out.exists());
    // A request made against this lock lifts it.
    let id = s.ask(&s.a, None, &["unlock", "1000174", "--reason", "verified"]);
    s.approve(&s.b, id, &[]).ok();
    assert!(!s.locked("1000174"));
}

#[test]
fn a_request_row_edited_by_hand_is_refused_as_tampered() {
    let Some(s) = Staff::new() else { return };
    s.require_all();
    s.ok(
        &s.a,
        &["lock", "add", "1000100", "--reason", "suspected takeover"],
    );
    let id = s.ask(&s.a, None, &["unlock", "1000100", "--reason", "called"]);
    // The one who asked rewrites who asked, and approves it.
    s.env.sql_exec(
        "UPDATE request SET requested_by = 'somebody', operator = 'somebody' WHERE id = ?1",
        &[&id],
    );
    s.approve(&s.a, id, &[])
        .status(1)
        .stderr_has("does not match its entry in the audit trail");
    assert!(s.locked("1000100"));
    assert_eq!(common::audit_count(&s.env, "request.tampered"), 1);
    // Changing what it does is caught the same way.
    let id = s.ask(&s.a, None, &["unlock", "1000100", "--reason", "called"]);
    s.env.sql_exec(
        "UPDATE request SET params = replace(params, '1000100', '1000137') WHERE id = ?1",
        &[&id],
    );
    s.approve(&s.b, id, &[])
        .status(1)
        .stderr_has("params differs");
    assert!(s.locked("1000100"));
}

#[test]
fn a_copy_of_the_whole_ledger_is_unmasking() {
    let Some(s) = Staff::new() else { return };
    s.require(r#"["customer.unmask"]"#);
    let (dest, _db) = if on_pg() {
        let db = common::pg::Db::create();
        let url = db.url.replacen("postgres@", "acctsec_checker@", 1);
        (url, Some(db))
    } else {
        (s.out("copy.db").display().to_string(), None)
    };
    let id = s.ask(&s.a, None, &["ledger", "copy", "--to", &dest]);
    if !on_pg() {
        assert!(!Path::new(&dest).exists(), "a request copies nothing");
    }
    let done = s
        .ok(
            &s.b,
            &["--format", "json", "request", "approve", &id.to_string()],
        )
        .json();
    let head = s.ok(&s.b, &["log", "head"]).stdout();
    assert_eq!(done["head"].as_str(), Some(head.trim()), "{done}");
}
