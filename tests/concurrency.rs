//! Real processes on one ledger: writers racing, a held write lock, and a
//! bulk issue killed with SIGKILL at random moments.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::os::unix::process::ExitStatusExt;
use std::path::PathBuf;
use std::process::Stdio;
use std::time::{Duration, Instant};

use acctsec::secret::{Argon2Params, Hasher};
use common::{Env, audit_count, file_mode};

/// Every customer code, in order.
fn codes(env: &Env) -> Vec<String> {
    env.sql_col("SELECT code FROM customer ORDER BY code", &[])
}

/// A small deterministic generator (xorshift); the seed is printed so a
/// failing run can be repeated with ACCTSEC_TEST_SEED.
struct Rng(u64);

impl Rng {
    fn new() -> Rng {
        let seed = std::env::var("ACCTSEC_TEST_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .unwrap()
                    .as_nanos() as u64
                    | 1
            });
        eprintln!("ACCTSEC_TEST_SEED={seed}");
        Rng(seed)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

// ------------------------------------------------------- racing writers

/// One command per item, run one after another; the exit codes.
fn run_all(
    env: &Env,
    busy_ms: &str,
    cmds: Vec<(Vec<String>, Option<String>)>,
) -> Vec<(Vec<String>, i32, String)> {
    cmds.into_iter()
        .map(|(args, stdin)| {
            let mut c = env.std_cmd();
            c.args(["--busy-timeout", busy_ms])
                .args(&args)
                .stdin(Stdio::piped())
                .stdout(Stdio::null())
                .stderr(Stdio::piped());
            let mut child = c.spawn().expect("spawn");
            {
                use std::io::Write;
                let mut i = child.stdin.take().unwrap();
                if let Some(s) = &stdin {
                    i.write_all(s.as_bytes()).unwrap();
                }
            }
            let out = child.wait_with_output().unwrap();
            (
                args,
                out.status.code().unwrap_or(-1),
                String::from_utf8_lossy(&out.stderr).into_owned(),
            )
        })
        .collect()
}

#[test]
fn racing_writers_succeed_or_exit_75_and_the_trail_matches() {
    let env = Env::with_customers();
    let all = codes(&env);
    assert_eq!(all.len(), 30);
    let before: BTreeMap<&str, i64> = ["lock.add", "notify.set", "password.set"]
        .into_iter()
        .map(|a| (a, audit_count(&env, a)))
        .collect();
    // Four writers, each on its own customers, every command a real change.
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    let lockers: Vec<_> = all[0..8]
        .iter()
        .map(|c| (s(&["lock", "add", c, "--reason", "race"]), None))
        .collect();
    let notifiers: Vec<_> = all[8..16]
        .iter()
        .map(|c| (s(&["notify", "set", c, "login", "on"]), None))
        .collect();
    let login_setters: Vec<_> = all[16..24]
        .iter()
        .map(|c| {
            (
                s(&["password", "set", c, "--kind", "login"]),
                Some("Rq7mWx3kZ\n".to_string()),
            )
        })
        .collect();
    let exec_setters: Vec<_> = all[0..8]
        .iter()
        .chain(&all[24..30])
        .map(|c| {
            (
                s(&["password", "set", c, "--kind", "execution"]),
                Some("Tk4nVp8s\n".to_string()),
            )
        })
        .collect();
    let results: Vec<_> = std::thread::scope(|sc| {
        // Two give up at once when busy, two wait.
        let handles: Vec<_> = [
            ("0", lockers),
            ("0", notifiers),
            ("5000", login_setters),
            ("5000", exec_setters),
        ]
        .into_iter()
        .map(|(busy_ms, cmds)| {
            let env = &env;
            sc.spawn(move || run_all(env, busy_ms, cmds))
        })
        .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });
    let mut ok: BTreeMap<String, i64> = BTreeMap::new();
    let mut busy = 0;
    for (args, code, stderr) in &results {
        match code {
            0 => {
                let key = match (args[0].as_str(), args.get(4).map(String::as_str)) {
                    ("lock", _) => "lock.add",
                    ("notify", _) => "notify.set",
                    ("password", Some("login")) => "password.set/login",
                    _ => "password.set/execution",
                };
                *ok.entry(key.to_string()).or_default() += 1;
            }
            75 => {
                assert!(stderr.contains("ledger busy, retry"), "{stderr}");
                busy += 1;
            }
            _ => panic!("{args:?}: exit {code}\n{stderr}"),
        }
    }
    eprintln!("successes {ok:?}, busy {busy}");
    let got = |a: &str| audit_count(&env, a) - before[a];
    assert_eq!(got("lock.add"), ok.get("lock.add").copied().unwrap_or(0));
    assert_eq!(
        got("notify.set"),
        ok.get("notify.set").copied().unwrap_or(0)
    );
    let by_kind = |k: &str| -> i64 {
        let kind = if common::on_pg() {
            "CAST(details AS json) ->> 'kind'"
        } else {
            "json_extract(details, '$.kind')"
        };
        env.sql_i64(
            &format!(
                "SELECT count(*) FROM audit_log WHERE action = 'password.set' AND {kind} = ?1"
            ),
            &[&k],
        )
    };
    assert_eq!(
        by_kind("login"),
        ok.get("password.set/login").copied().unwrap_or(0)
    );
    assert_eq!(
        by_kind("execution"),
        ok.get("password.set/execution").copied().unwrap_or(0)
    );
    // What the trail says happened is what the tables hold.
    let locked: i64 = env.sql_i64(
        "SELECT count(*) FROM customer WHERE locked_at IS NOT NULL",
        &[],
    );
    assert_eq!(locked, got("lock.add"));
    let exec: i64 = env.sql_i64(
        "SELECT count(*) FROM credential WHERE kind = 'execution'",
        &[],
    );
    assert_eq!(exec, by_kind("execution"));
    env.run(&["log", "verify"]).ok();
}

#[test]
fn a_held_write_lock_makes_writers_exit_75_and_readers_go_on() {
    let env = Env::with_customers();
    env.run_stdin(
        &["password", "set", "1000100", "--kind", "execution"],
        "Tk4nVp8s\n",
    )
    .ok();
    let head = env.run(&["log", "head"]).ok().stdout();
    let holder = env.hold_write_lock();

    let t = Instant::now();
    env.run(&[
        "--busy-timeout",
        "200",
        "lock",
        "add",
        "1000100",
        "--reason",
        "x",
    ])
    .status(75)
    .stderr_has("ledger busy, retry");
    let waited = t.elapsed();
    assert!(waited >= Duration::from_millis(200), "{waited:?}");
    assert!(waited < Duration::from_secs(4), "{waited:?}");
    env.run_stdin(
        &[
            "--busy-timeout",
            "200",
            "password",
            "set",
            "1000137",
            "--kind",
            "login",
        ],
        "Rq7mWx3kZ\n",
    )
    .status(75)
    .stderr_has("ledger busy, retry");
    // A wrong password while busy is not lost silently: exit 75, retry.
    env.run_stdin(
        &[
            "--busy-timeout",
            "200",
            "password",
            "verify",
            "1000100",
            "--kind",
            "execution",
        ],
        "Wrong7x5Q\n",
    )
    .status(75);
    // Readers are not blocked by the writer.
    let t = Instant::now();
    let list = env
        .run(&["--format", "json", "customer", "list"])
        .ok()
        .json();
    assert_eq!(list.as_array().unwrap().len(), 30);
    env.run(&["lock", "list"]).ok();
    env.run(&["log", "verify"]).ok();
    env.run(&["rollout", "status"]).ok();
    env.run_stdin(
        &[
            "password",
            "check",
            "--kind",
            "login",
            "--customer",
            "1000137",
        ],
        "Rq7mWx3kZ\n",
    )
    .ok();
    assert!(t.elapsed() < Duration::from_secs(4), "readers waited");

    drop(holder);
    assert_eq!(
        env.run(&["log", "head"]).ok().stdout(),
        head,
        "busy runs wrote"
    );
    let failures: i64 = env.sql_i64(
        "SELECT failures FROM credential WHERE customer = '1000100' AND kind = 'execution'",
        &[],
    );
    assert_eq!(failures, 0);
    // Retrying works.
    env.run(&["lock", "add", "1000100", "--reason", "x"]).ok();
    env.run(&["log", "verify"]).ok();
}

// ------------------------------------------------- kill -9 during issue

const KILL_M_KIB: u32 = 8192;
const KILL_CUSTOMERS: usize = 1500;

#[test]
fn issue_killed_at_random_moments_then_rerun_is_complete_and_consistent() {
    let env = Env::with_ledger();
    // Hashing dear enough that a run takes about a second.
    let toml = env.run(&["policy", "show", "--toml"]).ok().stdout();
    let dear = toml
        .replace("m_kib = 19456", &format!("m_kib = {KILL_M_KIB}"))
        .replace("\nt = 2\n", "\nt = 1\n");
    assert_ne!(dear, toml, "policy TOML changed shape");
    let f = env.write("dear.toml", dear);
    env.run(&["--yes", "policy", "set", "--file", &f.display().to_string()])
        .ok();
    let mut csv = String::from("code,name,birth_date,email_pc\n");
    for i in 0..KILL_CUSTOMERS {
        csv.push_str(&format!(
            "K{i:05},顧客 {i},19{:02}-{:02}-{:02},k{i}@example.jp\n",
            50 + i % 40,
            1 + i % 12,
            1 + i % 28
        ));
    }
    let f = env.write("many.csv", csv);
    env.run(&["customer", "import", &f.display().to_string()])
        .ok();
    let all: BTreeSet<String> = codes(&env).into_iter().collect();
    assert_eq!(all.len(), KILL_CUSTOMERS);

    let out = env.path("initial.csv");
    let args = ["password", "issue", "--all", "--out", "initial.csv"];
    let mut rng = Rng::new();
    // The temporary file of the run: the plaintext goes there first.
    let temp_lines = || common::issue_temp_lines(&env, "initial.csv");
    let (mut killed, mut finished) = (0, 0);
    let mut moments = [0; 3];
    let mut progressed = 0;
    let mut issued = 0;
    for round in 0..15 {
        // Three kinds of moment: any time; just after a batch of passwords
        // reached the file (while the ledger commits their hashes); and,
        // in the last rounds, just after the file was linked into place
        // (before the run is marked done).
        let moment = if round < 12 { round % 2 } else { 2 };
        let delay = Duration::from_millis(rng.below(1200));
        let mut child = env
            .std_cmd()
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        let start = Instant::now();
        let status = loop {
            if let Some(s) = child.try_wait().unwrap() {
                break s;
            }
            let fire = match moment {
                0 => start.elapsed() >= delay,
                1 => temp_lines() as i64 > issued,
                _ => out.exists(),
            };
            if fire || start.elapsed() > Duration::from_secs(10) {
                child.kill().unwrap();
                break child.wait().unwrap();
            }
            std::thread::sleep(Duration::from_micros(300));
        };
        let mut err = String::new();
        use std::io::Read;
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut err)
            .unwrap();
        match (status.signal(), status.code()) {
            (Some(9), _) => {
                killed += 1;
                moments[moment] += 1;
            }
            // Done on its own.
            (None, Some(0)) => finished += 1,
            _ => panic!("round {round} (moment {moment}): {status:?}\n{err}"),
        }
        // Whatever the moment, a file in place is whole.
        if out.exists() {
            let n = std::fs::read_to_string(&out).unwrap().lines().count();
            assert_eq!(
                n,
                KILL_CUSTOMERS + 1,
                "round {round}: the file in place has the wrong number of lines"
            );
        }
        let now = audit_count(&env, "password.issue");
        if now > issued {
            progressed += 1;
            issued = now;
        }
        if finished > 0 {
            break;
        }
    }
    eprintln!(
        "killed {killed} (by moment {moments:?}; {progressed} rounds made progress), finished {finished}"
    );
    assert!(killed > 0, "never killed mid-run");
    // Finish the job.
    let r = env.run(&args);
    assert!(
        r.code() == 0,
        "final run: exit {}\n{}",
        r.code(),
        r.stderr()
    );

    // Exactly one output file, private, every customer exactly once.
    let names: Vec<String> = std::fs::read_dir(env.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let leftovers: Vec<&String> = names
        .iter()
        .filter(|n| n.starts_with(".initial.csv") || n.contains(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "left over: {leftovers:?}");
    let outputs: Vec<&String> = names.iter().filter(|n| n.ends_with(".csv")).collect();
    assert_eq!(outputs.len(), 2, "{names:?}"); // many.csv and initial.csv
    assert_eq!(file_mode(&out), 0o600);
    let text = std::fs::read_to_string(&out).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("code,initial_password,deadline"));
    let mut rows: BTreeMap<String, String> = BTreeMap::new();
    let mut deadlines = BTreeSet::new();
    for l in lines {
        let f: Vec<&str> = l.split(',').collect();
        assert_eq!(f.len(), 3, "{l:?}");
        assert!(
            rows.insert(f[0].to_string(), f[1].to_string()).is_none(),
            "{} twice",
            f[0]
        );
        deadlines.insert(f[2].to_string());
    }
    assert_eq!(rows.keys().cloned().collect::<BTreeSet<_>>(), all);
    assert_eq!(deadlines.len(), 1, "{deadlines:?}");

    // Every password matches the ledger: all of them in-process ...
    let hashes: BTreeMap<String, (String, String, Option<i64>)> = env
        .sql_rows(
            "SELECT customer, hash, state, issue_run FROM credential WHERE kind = 'execution'",
            &[],
        )
        .into_iter()
        .map(|r| {
            (
                r[0].clone().unwrap(),
                (
                    r[1].clone().unwrap(),
                    r[2].clone().unwrap(),
                    r[3].as_ref().map(|n| n.parse().unwrap()),
                ),
            )
        })
        .collect();
    assert_eq!(hashes.len(), KILL_CUSTOMERS);
    let mut hasher = Hasher::new(Argon2Params {
        m_kib: KILL_M_KIB,
        t: 1,
        p: 1,
    })
    .unwrap();
    let mismatched: Vec<&String> = rows
        .iter()
        .filter(|(code, pw)| !hasher.verify(pw.as_bytes(), &hashes[*code].0).unwrap())
        .map(|(code, _)| code)
        .collect();
    assert!(
        mismatched.is_empty(),
        "passwords not in the ledger: {mismatched:?}"
    );
    assert!(hashes.values().all(|(_, state, _)| state == "initial"));
    // ... and a sample through the binary.
    for (code, pw) in rows.iter().step_by(KILL_CUSTOMERS / 20) {
        env.run_stdin(
            &["password", "verify", code, "--kind", "execution"],
            &format!("{pw}\n"),
        )
        .ok();
    }
    // One run, resumed rather than restarted; one issue entry and one
    // notice per customer, whatever was interrupted.
    let runs: Vec<(i64, String)> = env
        .sql_rows("SELECT id, status FROM issue_run", &[])
        .into_iter()
        .map(|r| {
            (
                r[0].as_ref().unwrap().parse().unwrap(),
                r[1].clone().unwrap(),
            )
        })
        .collect();
    assert_eq!(runs.len(), 1, "{runs:?}");
    assert_eq!(runs[0].1, "done");
    assert!(hashes.values().all(|(_, _, run)| *run == Some(runs[0].0)));
    assert_eq!(audit_count(&env, "password.issue"), KILL_CUSTOMERS as i64);
    let notices: i64 = env.sql_i64(
        "SELECT count(*) FROM outbox WHERE type = 'initial_password_issued'",
        &[],
    );
    assert_eq!(notices, KILL_CUSTOMERS as i64);
    env.run(&["log", "verify"]).ok();
    // Nothing more to do: the same command again says so, file unchanged.
    env.run(&args).ok().stderr_has("nothing to do");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), text);
}

/// Three `password issue` runs started together, three rounds. Whether they
/// overlap is up to the scheduler (on a loaded machine one may finish before
/// the next starts), so the test asserts what holds either way: each run
/// ends with 0 or 75 (another run holds the lock); no file names a customer
/// twice; and for every customer the ledger names the run, and so the file,
/// its current password came from, and that file's line for the customer
/// verifies. (A run that starts after another finished replaces, with
/// `--reissue`, what the earlier file holds; without it, finds nothing to
/// do and writes no file.)
#[test]
fn two_issue_runs_at_once_never_disagree_with_the_ledger() {
    let env = Env::with_customers();
    std::fs::create_dir(env.path("sub")).unwrap();
    for round in 0..3 {
        let a = format!("a{round}.csv");
        let b = format!("sub/b{round}.csv");
        let c = format!("c{round}.csv");
        let reissue = round > 0;
        let spawn = |out: &str| {
            let mut cmd = env.std_cmd();
            cmd.args(["password", "issue", "--all", "--out", out])
                .stdout(Stdio::null())
                .stderr(Stdio::piped());
            if reissue {
                cmd.args(["--reissue", "--yes"]);
            }
            cmd.spawn().unwrap()
        };
        // Two into one directory, one into another.
        let kids = [spawn(&a), spawn(&b), spawn(&c)];
        let mut lines: BTreeMap<PathBuf, BTreeMap<String, String>> = BTreeMap::new();
        for (k, out) in kids.into_iter().zip([&a, &b, &c]) {
            let o = k.wait_with_output().unwrap();
            let code = o.status.code().unwrap();
            let stderr = String::from_utf8_lossy(&o.stderr);
            assert!(code == 0 || code == 75, "{out}: exit {code}\n{stderr}");
            let path = env.path(out);
            if code != 0 || !path.exists() {
                continue;
            }
            let mut of_file = BTreeMap::new();
            for l in std::fs::read_to_string(&path).unwrap().lines().skip(1) {
                let v: Vec<&str> = l.split(',').collect();
                let again = of_file.insert(v[0].to_string(), v[1].to_string());
                assert!(again.is_none(), "{} twice in {out}", v[0]);
            }
            lines.insert(std::fs::canonicalize(&path).unwrap(), of_file);
        }
        assert!(!lines.is_empty(), "round {round}: no run wrote a file");
        // The ledger's word: which run's file holds each current password.
        let current = env.sql_rows(
            "SELECT c.customer, r.out_path FROM credential c JOIN issue_run r ON r.id = c.issue_run
              WHERE c.kind = 'execution' AND r.status = 'done' ORDER BY c.customer",
            &[],
        );
        assert_eq!(current.len(), 30, "round {round}: {current:?}");
        for row in &current {
            let (code, from) = (row[0].as_deref().unwrap(), row[1].as_deref().unwrap());
            let file = lines
                .get(&std::fs::canonicalize(from).unwrap())
                .unwrap_or_else(|| panic!("{code}: issued into {from}, not a file of this round"));
            let password = file
                .get(code)
                .unwrap_or_else(|| panic!("{code}: not in {from}"));
            env.run_stdin(
                &["password", "verify", code, "--kind", "execution"],
                &format!("{password}\n"),
            )
            .ok();
        }
    }
    env.run(&["log", "verify"]).ok();
}
