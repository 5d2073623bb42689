//! The file side of bulk issuance: initial passwords reach a private
//! temporary file (fsynced) before the ledger holds their hashes; a rerun
//! keeps exactly the lines whose hashes the ledger holds; the finished file
//! is linked into place, never over an existing one.

use std::collections::HashSet;
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use zeroize::Zeroizing;

use crate::error::{Error, Result};
use crate::messages;
use crate::secretfile;

/// The header of every initial-password file (CLI.md).
pub const HEADER: &str = "code,initial_password,deadline";

/// Append one CSV line of an initial-password file to `out` (a zeroized
/// buffer: no temporary copy of the password is made).
pub fn push_line(out: &mut String, code: &str, password: &str, deadline: &str) {
    for part in [code, ",", password, ",", deadline, "\n"] {
        out.push_str(part);
    }
}

/// The temporary file of run `run` into `out`: hidden, beside it.
pub fn temp_path(out: &Path, run: i64) -> PathBuf {
    secretfile::temp_path(out, &format!("issue{run}"))
}

/// The open temporary file of a run.
pub struct IssueFile {
    pub temp: PathBuf,
    file: File,
}

impl IssueFile {
    /// Open the run's temporary file keeping only the lines whose customer
    /// the ledger holds a password for from this run (`committed`); the
    /// rest (written, then cut off before the commit) are dropped. Returns
    /// the file and the customers already done.
    pub fn resume(
        out: &Path,
        run: i64,
        committed: &HashSet<String>,
    ) -> Result<(IssueFile, HashSet<String>)> {
        let temp = temp_path(out, run);
        let kept: Vec<_> = read_lines(&temp)?
            .into_iter()
            .filter(|(c, _)| committed.contains(c))
            .collect();
        let file = rewrite(&temp, &kept)?;
        let done = kept.into_iter().map(|(c, _)| c).collect();
        Ok((IssueFile { temp, file }, done))
    }

    /// Append lines and make them durable.
    pub fn append(&mut self, text: &str) -> Result<()> {
        self.file
            .write_all(text.as_bytes())
            .map_err(|e| Error::io(&self.temp, e))?;
        self.file.sync_data().map_err(|e| Error::io(&self.temp, e))
    }

    /// Keep only the lines the ledger holds (`committed`), then link the
    /// file into place at `out` (never over an existing file). The
    /// temporary name stays until [`IssueFile::discard_temp`].
    pub fn publish(self, out: &Path, committed: &HashSet<String>) -> Result<()> {
        let IssueFile { temp, file } = self;
        file.sync_all().map_err(|e| Error::io(&temp, e))?;
        drop(file);
        let lines = read_lines(&temp)?;
        if lines.iter().any(|(c, _)| !committed.contains(c)) {
            let kept: Vec<_> = lines
                .into_iter()
                .filter(|(c, _)| committed.contains(c))
                .collect();
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
        if let Ok(d) = File::open(secretfile::dir_of(out)) {
            let _ = d.sync_all();
        }
        Ok(())
    }
}

/// Remove a run's temporary file (after the run is recorded done).
pub fn discard_temp(out: &Path, run: i64) {
    let _ = std::fs::remove_file(temp_path(out, run));
}

/// The key of a run: the output file's absolute path.
pub fn out_key(out: &Path) -> Result<String> {
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

/// Exclusive locks on the ledger's directory and on the directory of `out`,
/// held while the returned handles live: one issue run per ledger (runs
/// racing for the same customers would leave files whose passwords were
/// replaced) and per output directory (runs resuming the same temporary
/// file would lose each other's lines). Exit 75 when another run holds one.
pub fn lock_dirs(ledger: &Path, out: &Path) -> Result<Vec<std::fs::File>> {
    use std::os::fd::AsRawFd;
    let mut dirs: Vec<PathBuf> = Vec::new();
    for d in [secretfile::dir_of(ledger), secretfile::dir_of(out)] {
        let d = std::fs::canonicalize(d).map_err(|e| Error::io(d, e))?;
        if !dirs.contains(&d) {
            dirs.push(d);
        }
    }
    let mut held = Vec::new();
    for dir in dirs {
        let f = std::fs::File::open(&dir).map_err(|e| Error::io(&dir, e))?;
        // SAFETY: flock on a descriptor we own.
        if unsafe { libc::flock(f.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } != 0 {
            let e = std::io::Error::last_os_error();
            if e.kind() == std::io::ErrorKind::WouldBlock {
                return Err(Error::InUse {
                    what: messages::issue_in_progress(),
                });
            }
            return Err(Error::io(&dir, e));
        }
        held.push(f);
    }
    Ok(held)
}

/// Lines of an issue file already written: (code, whole line).
fn read_lines(path: &Path) -> Result<Vec<(String, Zeroizing<String>)>> {
    let text = Zeroizing::new(match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io(path, e)),
    });
    // Only whole lines count: a line cut by a crash has no newline.
    let whole = match text.rfind('\n') {
        Some(i) => &text[..=i],
        None => "",
    };
    Ok(whole
        .lines()
        .skip(1)
        .filter_map(|l| {
            let code = l.split(',').next()?.to_string();
            Some((code, Zeroizing::new(l.to_string())))
        })
        .collect())
}

/// Write the header and the given lines as the new content of `temp`
/// (atomically: a fresh file renamed over it).
fn rewrite(temp: &Path, lines: &[(String, Zeroizing<String>)]) -> Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
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
    let size = HEADER.len() + 1 + lines.iter().map(|(_, l)| l.len() + 1).sum::<usize>();
    let mut text = Zeroizing::new(String::with_capacity(size));
    text.push_str(HEADER);
    text.push('\n');
    for (_, l) in lines {
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
