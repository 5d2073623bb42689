//! Shared plumbing for the benchmarks under tests/bench (each a plain
//! `fn main()` program, `harness = false`): sizes from the command line or
//! the environment, a `--quick` mode, a scratch ledger driven through the
//! release binary, timing of child processes with their peak RSS, and a
//! small deterministic PRNG.
#![allow(dead_code)]

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// The release binary Cargo built for this benchmark.
pub const BIN: &str = env!("CARGO_BIN_EXE_acctsec");

/// Quick mode: `--quick` on the command line, `ACCTSEC_BENCH_QUICK=1`, or
/// a smoke run under `cargo test` (see [`under_test`]).
pub fn quick() -> bool {
    std::env::args().any(|a| a == "--quick")
        || std::env::var("ACCTSEC_BENCH_QUICK").is_ok_and(|v| !v.is_empty() && v != "0")
        || under_test()
}

/// `cargo bench` passes `--bench`; without it the program was started by
/// `cargo test --benches` / `--all-targets` (or by hand), and only smoke-tests
/// itself at the quick sizes, as criterion benchmarks do.
pub fn under_test() -> bool {
    !std::env::args().any(|a| a == "--bench")
}

/// A size: `--NAME N` or `--NAME=N` on the command line, else the env var
/// `ENV`, else `quick_default` in quick mode, else `default`. Underscores
/// in N are ignored (`1_000_000`).
pub fn size(name: &str, env: &str, default: usize, quick_default: usize) -> usize {
    let flag = format!("--{name}");
    let args: Vec<String> = std::env::args().collect();
    let mut given: Option<String> = None;
    for (i, a) in args.iter().enumerate() {
        if let Some(v) = a.strip_prefix(&format!("{flag}=")) {
            given = Some(v.to_string());
        } else if *a == flag {
            given = args.get(i + 1).cloned();
        }
    }
    let given = given.or_else(|| std::env::var(env).ok().filter(|v| !v.is_empty()));
    match given {
        Some(v) => v
            .replace('_', "")
            .parse()
            .unwrap_or_else(|_| panic!("{flag} / {env}: not a number: {v:?}")),
        None if quick() => quick_default,
        None => default,
    }
}

/// The number of cores the limits are measured on (the binary uses the same).
pub fn cores() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
}

/// The header line every benchmark prints first.
pub fn banner(name: &str) {
    let mode = match (quick(), under_test()) {
        (_, true) => "QUICK (smoke run: no --bench argument)",
        (true, false) => "QUICK",
        (false, false) => "full",
    };
    println!("bench {name}: {mode} mode, {} cores, binary {BIN}", cores());
}

/// A scratch directory (under `ACCTSEC_BENCH_DIR` if set, else the system
/// temporary directory) holding one ledger; removed at the end unless
/// `ACCTSEC_BENCH_KEEP` is set.
pub struct Scratch {
    pub dir: tempfile::TempDir,
    /// A ledger on a PostgreSQL server instead of a file: (the database's
    /// URL, the server's maintenance URL), see [`Scratch::on_pg`].
    pub pg: Option<(String, String)>,
}

/// The PostgreSQL server of the benchmarks on PostgreSQL: `ACCTSEC_TEST_PG`
/// (a maintenance database's URL), else this very program is run again
/// under `tests/support/with-postgres --pg-only`, which starts a throwaway
/// cluster on loopback and removes it afterwards, and its exit status is
/// this one's.
pub fn pg_server() -> String {
    if let Some(u) = std::env::var("ACCTSEC_TEST_PG")
        .ok()
        .filter(|u| !u.is_empty())
    {
        return u;
    }
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/support/with-postgres");
    let status = Command::new(script)
        .arg("--pg-only")
        .arg(std::env::current_exe().expect("this program"))
        .args(std::env::args_os().skip(1))
        .status()
        .expect("run tests/support/with-postgres");
    std::process::exit(status.code().unwrap_or(1));
}

/// The URL of database `name` on the server of maintenance URL `server`.
pub fn pg_database(server: &str, name: &str) -> String {
    let (base, query) = server.split_once('?').unwrap_or((server, ""));
    let at = base.rsplit_once('/').map_or(base, |(s, _)| s);
    // The server's own parameters (its TLS), else the throwaway loopback
    // server's: no TLS, said so (a TCP host defaults to verify-full).
    let query = if query.is_empty() {
        "sslmode=disable"
    } else {
        query
    };
    format!("{at}/{name}?{query}")
}

impl Scratch {
    pub fn new() -> Scratch {
        let dir = match std::env::var_os("ACCTSEC_BENCH_DIR") {
            Some(base) => tempfile::Builder::new()
                .prefix("acctsec-bench")
                .tempdir_in(base),
            None => tempfile::Builder::new().prefix("acctsec-bench").tempdir(),
        }
        .expect("scratch directory");
        let mut dir = dir;
        if std::env::var_os("ACCTSEC_BENCH_KEEP").is_some() {
            dir.disable_cleanup(true);
            println!("scratch directory kept: {}", dir.path().display());
        }
        Scratch { dir, pg: None }
    }

    /// A scratch directory and a fresh, empty database on the PostgreSQL
    /// server `server` (dropped at the end) as the ledger; no ledger yet.
    pub fn on_pg(server: &str) -> Scratch {
        let mut s = Scratch::new();
        let name = format!(
            "bench_{}_{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .subsec_nanos()
        );
        postgres::Client::connect(server, postgres::NoTls)
            .expect("connect to the PostgreSQL server")
            .batch_execute(&format!(
                "CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'"
            ))
            .expect("create the bench database");
        s.pg = Some((pg_database(server, &name), server.to_string()));
        s
    }

    /// A scratch directory with a fresh ledger (`acctsec init`, securities
    /// preset: production Argon2 m=19456, t=2, p=1).
    pub fn with_ledger() -> Scratch {
        let s = Scratch::new();
        s.ok(&["init"]);
        s
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// The ledger: a file in the directory, or a database's URL.
    pub fn db(&self) -> PathBuf {
        match &self.pg {
            Some((url, _)) => PathBuf::from(url),
            None => self.path("ledger.db"),
        }
    }

    /// The binary on this ledger, fixed operator, no terminal, English.
    pub fn cmd<S: AsRef<OsStr>>(&self, args: &[S]) -> Command {
        let mut c = Command::new(BIN);
        c.args(args)
            .current_dir(self.dir.path())
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.dir.path())
            .env("ACCTSEC_DB", self.db())
            .env("ACCTSEC_OPERATOR", "bench")
            .env("LANG", "C")
            .stdin(Stdio::null());
        c
    }

    /// Run to completion; panic with both streams unless it exits 0.
    pub fn ok<S: AsRef<OsStr>>(&self, args: &[S]) -> Output {
        let out = self.cmd(args).output().expect("run acctsec");
        check(&out, args);
        out
    }

    /// Run to completion, timed (wall clock), with the child's peak RSS.
    pub fn timed<S: AsRef<OsStr>>(&self, args: &[S]) -> Timed {
        let t = run_timed(self.cmd(args));
        check(&t.output, args);
        t
    }

    /// The ledger's target for library access.
    pub fn target(&self) -> acctsec::ledger::Target {
        acctsec::ledger::Target {
            path: self.db(),
            operator: "bench".into(),
            busy_timeout_ms: 60_000,
        }
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        if let Some((url, server)) = &self.pg
            && std::env::var_os("ACCTSEC_BENCH_KEEP").is_none()
            && let Ok(mut c) = postgres::Client::connect(server, postgres::NoTls)
        {
            let name = url
                .rsplit('/')
                .next()
                .unwrap_or_default()
                .split('?')
                .next()
                .unwrap_or_default();
            let _ = c.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
        }
    }
}

fn check<S: AsRef<OsStr>>(out: &Output, args: &[S]) {
    if !out.status.success() {
        let args: Vec<_> = args.iter().map(|a| a.as_ref().to_string_lossy()).collect();
        panic!(
            "acctsec {} failed ({})\n--- stdout\n{}\n--- stderr\n{}",
            args.join(" "),
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// A finished child: output, wall-clock time, peak resident set size.
pub struct Timed {
    pub output: Output,
    pub wall: Duration,
    /// Peak RSS in bytes (`ru_maxrss` of this very child, from `wait4`).
    pub max_rss: u64,
    /// The child's CPU time (user and system).
    pub cpu: Duration,
}

/// Spawn, collect stdout/stderr, and reap the child with `wait4` so its own
/// rusage (peak RSS) is known, the same figure `/usr/bin/time -v` reports as
/// "Maximum resident set size".
#[allow(clippy::zombie_processes)] // reaped by wait4 below, not Child::wait
pub fn run_timed(mut cmd: Command) -> Timed {
    use std::io::Read;
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    let t0 = Instant::now();
    let mut child = cmd.spawn().expect("spawn");
    let pid = child.id() as libc::pid_t;
    let mut out_pipe = child.stdout.take().expect("stdout pipe");
    let mut err_pipe = child.stderr.take().expect("stderr pipe");
    let err_reader = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = err_pipe.read_to_end(&mut v);
        v
    });
    let mut stdout = Vec::new();
    let _ = out_pipe.read_to_end(&mut stdout);
    let mut status: libc::c_int = 0;
    // SAFETY: an all-zero rusage is a valid value; wait4 fills it in.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: pid is our own unreaped child; status and ru are ours.
        let r = unsafe { libc::wait4(pid, &mut status, 0, &mut ru) };
        if r == pid {
            break;
        }
        let e = std::io::Error::last_os_error();
        assert_eq!(e.kind(), std::io::ErrorKind::Interrupted, "wait4: {e}");
    }
    let wall = t0.elapsed();
    let stderr = err_reader.join().unwrap_or_default();
    use std::os::unix::process::ExitStatusExt;
    Timed {
        output: Output {
            status: std::process::ExitStatus::from_raw(status),
            stdout,
            stderr,
        },
        wall,
        max_rss: (ru.ru_maxrss.max(0) as u64) * 1024,
        cpu: tv(ru.ru_utime) + tv(ru.ru_stime),
    }
}

fn tv(t: libc::timeval) -> Duration {
    Duration::from_secs(t.tv_sec.max(0) as u64) + Duration::from_micros(t.tv_usec.max(0) as u64)
}

/// min / median / p95 / max of a set of durations, in milliseconds.
pub struct Stats {
    pub min: f64,
    pub median: f64,
    pub p95: f64,
    pub max: f64,
}

pub fn stats(samples: &[Duration]) -> Stats {
    let mut ms: Vec<f64> = samples.iter().map(|d| d.as_secs_f64() * 1e3).collect();
    ms.sort_by(f64::total_cmp);
    let at = |q: f64| ms[((ms.len() - 1) as f64 * q).round() as usize];
    Stats {
        min: ms[0],
        median: at(0.5),
        p95: at(0.95),
        max: ms[ms.len() - 1],
    }
}

/// `PASS`/`MISS` against a target, for the figure lines.
pub fn verdict(ok: bool) -> &'static str {
    if ok { "PASS" } else { "MISS" }
}

pub fn mib(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

pub fn file_size(p: &Path) -> u64 {
    std::fs::metadata(p).map(|m| m.len()).unwrap_or(0)
}

/// A SQLite database's size on disk, its write-ahead log included.
pub fn db_size(p: &Path) -> u64 {
    let mut wal = p.as_os_str().to_owned();
    wal.push("-wal");
    file_size(p) + file_size(Path::new(&wal))
}

/// splitmix64: tiny, fast, deterministic (same data on every run).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0; the tiny modulo bias does not matter here).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: u32) -> bool {
        self.below(100) < percent as usize
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// `len` characters drawn from `alphabet` (ASCII).
    pub fn string(&mut self, len: usize, alphabet: &[u8]) -> String {
        (0..len)
            .map(|_| alphabet[self.below(alphabet.len())] as char)
            .collect()
    }
}

pub const ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/// Quote a CSV field when it needs it (comma, quote, CR/LF).
pub fn csv_field(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\"")).into()
    } else {
        s.into()
    }
}

/// Run `work(i)` for i in 0..n on every core, each thread with its own
/// state made by `make(thread)` (outside the work loop but inside the
/// timing); returns the wall time of the whole.
pub fn parallel<F, W>(n: usize, make: F) -> Duration
where
    F: Fn(usize) -> W + Sync,
    W: FnMut(usize),
{
    use std::sync::atomic::{AtomicUsize, Ordering};
    let next = AtomicUsize::new(0);
    let t0 = Instant::now();
    std::thread::scope(|s| {
        for t in 0..cores().min(n).max(1) {
            let (next, make) = (&next, &make);
            s.spawn(move || {
                let mut work = make(t);
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= n {
                        return;
                    }
                    work(i);
                }
            });
        }
    });
    t0.elapsed()
}
