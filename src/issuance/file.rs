//! The file side of an issue run: initial passwords reach a private
//! temporary file beside `--out` (fsynced) before the ledger holds their
//! hashes; a resumed run keeps exactly the lines whose password matches the
//! hash the ledger holds; the finished file is linked into place, never
//! over an existing one.

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use zeroize::Zeroizing;

use crate::error::{Error, Result};
use crate::secret::Argon2Params;
use crate::secretfile;

/// The header of every initial-password file (CLI.md).
pub const HEADER: &str = "code,initial_password,deadline";

/// The CSV lines of `rows` (code, password), each with `deadline`, in a
/// zeroized buffer sized up front (a growing buffer would leave copies of
/// passwords behind).
pub fn csv_lines(rows: &[(&str, &str)], deadline: &str) -> Zeroizing<String> {
    let size = rows
        .iter()
        .map(|(c, p)| c.len() + p.len() + deadline.len() + 3)
        .sum();
    let mut text = Zeroizing::new(String::with_capacity(size));
    for (code, password) in rows {
        for part in [*code, ",", *password, ",", deadline, "\n"] {
            text.push_str(part);
        }
    }
    text
}

/// The temporary file of run `run` of the ledger `ledger_id` into `out`:
/// hidden, beside it. Named by both, so that a run never takes another
/// ledger's file (or any stale file) for its own.
pub fn temp_path(out: &Path, ledger_id: &str, run: i64) -> PathBuf {
    secretfile::temp_path(out, &format!("issue-{ledger_id}-{run}"))
}

/// The open temporary file of a run.
pub struct IssueFile {
    temp: PathBuf,
    file: File,
}

/// What resuming a temporary file found.
pub struct Resumed {
    pub file: IssueFile,
    /// The customers whose lines were kept.
    pub done: HashSet<String>,
    /// Lines for a customer of the run whose password does not match the
    /// hash the ledger holds (dropped; the customer is issued again).
    pub mismatched: usize,
}

impl IssueFile {
    /// Open the temporary file at `temp`, keeping only the whole lines
    /// whose password matches the hash the ledger holds for that customer
    /// from this run (`committed`: code to hash; verified on every core),
    /// one line a customer. Lines of customers the ledger does not hold
    /// (written, then cut off before the commit) are dropped as well.
    pub fn resume(
        temp: PathBuf,
        committed: &HashMap<String, String>,
        params: Argon2Params,
    ) -> Result<Resumed> {
        let lines = read_lines(&temp)?;
        let mut candidates = Vec::new();
        let mut pairs = Vec::new();
        for line in &lines {
            let mut fields = line.split(',');
            let (Some(code), Some(password), Some(_), None) =
                (fields.next(), fields.next(), fields.next(), fields.next())
            else {
                continue;
            };
            if let Some(hash) = committed.get(code) {
                candidates.push((code, line));
                pairs.push((hash.as_str(), password));
            }
        }
        let matches = crate::password::verify_all(params, &pairs)?;
        drop(pairs);
        let mut done = HashSet::new();
        let mut kept = Vec::new();
        let mut mismatched = 0;
        for ((code, line), ok) in candidates.into_iter().zip(matches) {
            if !ok {
                mismatched += 1;
            } else if done.insert(code.to_string()) {
                kept.push(line);
            }
        }
        let file = rewrite(&temp, &kept)?;
        Ok(Resumed {
            file: IssueFile { temp, file },
            done,
            mismatched,
        })
    }

    /// Append lines and make them durable.
    pub fn append(&mut self, text: &str) -> Result<()> {
        self.file
            .write_all(text.as_bytes())
            .map_err(|e| Error::io(&self.temp, e))?;
        self.file.sync_data().map_err(|e| Error::io(&self.temp, e))
    }

    /// Keep only the lines of customers the ledger holds from this run
    /// (`committed`; the lines written since [`IssueFile::resume`] are this
    /// process's own), then link the file into place at `out` (never over
    /// an existing file). The temporary name stays until [`discard`].
    pub fn publish(self, out: &Path, committed: &HashMap<String, String>) -> Result<()> {
        let IssueFile { temp, file } = self;
        file.sync_all().map_err(|e| Error::io(&temp, e))?;
        drop(file);
        let lines = read_lines(&temp)?;
        let held = |l: &Zeroizing<String>| committed.contains_key(code_of(l));
        if !lines.iter().all(held) {
            let kept: Vec<_> = lines.iter().filter(|l| held(l)).collect();
            rewrite(&temp, &kept)?;
        }
        match std::fs::hard_link(&temp, out) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                return Err(Error::OutputExists {
                    path: out.to_path_buf(),
                });
            }
            Err(e) => {
                return Err(Error::CantCreate {
                    path: out.to_path_buf(),
                    source: e,
                });
            }
        }
        secretfile::sync_dir_of(out);
        Ok(())
    }
}

/// Remove a run's temporary file (after the run is recorded done).
pub fn discard(temp: &Path) {
    let _ = std::fs::remove_file(temp);
}

/// Whether two paths name the same file (device and inode).
pub fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(x), Ok(y)) => x.dev() == y.dev() && x.ino() == y.ino(),
        _ => false,
    }
}

/// The key of a run: the output file's absolute path.
pub fn out_key(out: &Path) -> Result<String> {
    secretfile::ensure_dir(out)?;
    let dir = secretfile::dir_of(out);
    let dir = std::fs::canonicalize(dir).map_err(|e| Error::CantCreate {
        path: out.to_path_buf(),
        source: e,
    })?;
    Ok(dir
        .join(out.file_name().unwrap_or_default())
        .display()
        .to_string())
}

/// Exclusive locks on directories, held while this lives.
pub struct DirLocks(#[allow(dead_code)] Vec<File>);

/// Exclusive locks on the ledger's directory (a ledger file; a ledger on a
/// server has its own lock, `Ledger::lock_issue_runs`) and on the directory of `out`:
/// one issue run per ledger (runs racing for the same customers would leave
/// files whose passwords were replaced) and per output directory (runs
/// resuming the same temporary file would lose each other's lines). Exit 75
/// when another run holds one.
pub fn lock_dirs(ledger: Option<&Path>, out: &Path) -> Result<DirLocks> {
    let mut dirs: Vec<PathBuf> = Vec::new();
    for d in ledger
        .map(secretfile::dir_of)
        .into_iter()
        .chain([secretfile::dir_of(out)])
    {
        let d = std::fs::canonicalize(d).map_err(|e| Error::io(d, e))?;
        if !dirs.contains(&d) {
            dirs.push(d);
        }
    }
    let mut held = Vec::new();
    for dir in dirs {
        let f = File::open(&dir).map_err(|e| Error::io(&dir, e))?;
        match f.try_lock() {
            Ok(()) => held.push(f),
            Err(std::fs::TryLockError::WouldBlock) => {
                return Err(Error::IssueInProgress);
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(Error::io(&dir, e)),
        }
    }
    Ok(DirLocks(held))
}

/// The customer code of a line.
fn code_of(line: &str) -> &str {
    line.split(',').next().unwrap_or_default()
}

/// The whole lines of an issue file after its header (a line cut by a
/// crash has no newline and does not count).
fn read_lines(path: &Path) -> Result<Vec<Zeroizing<String>>> {
    let text = Zeroizing::new(match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io(path, e)),
    });
    let whole = match text.rfind('\n') {
        Some(i) => &text[..=i],
        None => "",
    };
    Ok(whole
        .lines()
        .skip(1)
        .map(|l| Zeroizing::new(l.to_string()))
        .collect())
}

/// Write the header and the given lines as the new content of `temp`
/// (atomically: a fresh file renamed over it), and open it for appending.
fn rewrite(temp: &Path, lines: &[&Zeroizing<String>]) -> Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    // A fixed name: one left by a crash is replaced by the next attempt.
    let fresh = temp.with_extension("tmp2");
    let _ = std::fs::remove_file(&fresh);
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&fresh)
        .map_err(|e| Error::CantCreate {
            path: temp.to_path_buf(),
            source: e,
        })?;
    // Sized up front: a growing buffer would leave copies of passwords behind.
    let size = HEADER.len() + 1 + lines.iter().map(|l| l.len() + 1).sum::<usize>();
    let mut text = Zeroizing::new(String::with_capacity(size));
    text.push_str(HEADER);
    text.push('\n');
    for l in lines {
        text.push_str(l);
        text.push('\n');
    }
    f.write_all(text.as_bytes())
        .map_err(|e| Error::io(temp, e))?;
    f.sync_all().map_err(|e| Error::io(temp, e))?;
    std::fs::rename(&fresh, temp).map_err(|e| Error::io(temp, e))?;
    std::fs::OpenOptions::new()
        .append(true)
        .open(temp)
        .map_err(|e| Error::io(temp, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    const CHEAP: Argon2Params = Argon2Params {
        m_kib: 64,
        t: 1,
        p: 1,
    };

    #[test]
    fn lines_are_csv_rows_with_the_deadline() {
        let text = csv_lines(&[("1000100", "kiPL5d3D"), ("1000137", "Xy3")], "D");
        assert_eq!(&*text, "1000100,kiPL5d3D,D\n1000137,Xy3,D\n");
        assert_eq!(text.capacity(), text.len(), "the buffer grew");
    }

    #[test]
    fn resume_keeps_only_lines_that_verify() {
        let d = tempfile::tempdir().unwrap();
        let temp = d.path().join(".out.csv.issue-x-1.tmp");
        let mut h = crate::secret::Hasher::new(CHEAP).unwrap();
        let committed: HashMap<String, String> = [("A", "pwA"), ("B", "pwB"), ("C", "pwC")]
            .into_iter()
            .map(|(c, p)| (c.to_string(), h.hash(p.as_bytes()).unwrap()))
            .collect();
        std::fs::write(
            &temp,
            "code,initial_password,deadline\n\
             A,pwA,D\n\
             B,stale,D\n\
             X,pwX,D\n\
             A,pwA,D\n\
             C,pwC,D,extra\n\
             C,pwC,D",
        )
        .unwrap();
        let r = IssueFile::resume(temp.clone(), &committed, CHEAP).unwrap();
        assert_eq!(r.done, HashSet::from(["A".to_string()]));
        assert_eq!(r.mismatched, 1, "B's stale line");
        drop(r);
        assert_eq!(
            std::fs::read_to_string(&temp).unwrap(),
            "code,initial_password,deadline\nA,pwA,D\n"
        );
        let r = IssueFile::resume(temp.clone(), &HashMap::new(), CHEAP).unwrap();
        assert!(r.done.is_empty());
        let names: Vec<_> = std::fs::read_dir(d.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "a rewrite left a file behind");
    }

    #[test]
    fn the_temporary_name_holds_the_ledger_and_the_run() {
        let a = temp_path(Path::new("dir/out.csv"), "0a1b", 7);
        assert_eq!(a, Path::new("dir/.out.csv.issue-0a1b-7.tmp"));
        assert_ne!(a, temp_path(Path::new("dir/out.csv"), "2c3d", 7));
    }
}
