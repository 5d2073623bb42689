//! Output files that may hold secrets or personal data: created 0600, built
//! in a temporary file beside the target, and put into place only when
//! complete. An existing file is never overwritten (exit 73); a missing
//! directory is named (exit 74). Every command that writes a file comes
//! through here ([`ensure_absent`] first, then [`write_new`], or the issue
//! run's own temporary file).
//!
//! A temporary file of [`write_new`] is named by the target and the process
//! (`.NAME.acctsec-PID.tmp`) and locked while it is written: a run that was
//! killed leaves one unlocked, and the next run into the same target finds
//! and removes it (it may hold full addresses or a private key).

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Whether anything is at `path`: a file, a directory, or a symbolic link,
/// even a dangling one (which a file linked into place would collide with).
pub fn occupied(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok()
}

/// Refuse early: exit 73 when anything is at the target (see [`occupied`]),
/// 74 naming the directory when it does not exist.
pub fn ensure_absent(path: &Path) -> Result<()> {
    if occupied(path) {
        return Err(Error::OutputExists {
            path: path.to_path_buf(),
        });
    }
    ensure_dir(path)
}

/// The directory of an output file exists (else exit 74, naming it).
pub fn ensure_dir(path: &Path) -> Result<()> {
    let dir = dir_of(path);
    match std::fs::metadata(dir) {
        Ok(m) if m.is_dir() => Ok(()),
        Ok(_) => Err(Error::MissingDir {
            path: path.to_path_buf(),
            dir: dir.to_path_buf(),
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(Error::MissingDir {
            path: path.to_path_buf(),
            dir: dir.to_path_buf(),
        }),
        Err(e) => Err(Error::CantCreate {
            path: path.to_path_buf(),
            source: e,
        }),
    }
}

/// The directory a file lives in ("." for a bare name).
pub fn dir_of(path: &Path) -> &Path {
    path.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Make a new name in the directory of `path` durable (best effort).
pub fn sync_dir_of(path: &Path) {
    if let Ok(d) = File::open(dir_of(path)) {
        let _ = d.sync_all();
    }
}

/// The temporary name of `target` for `tag`: hidden, in the same directory.
pub fn temp_path(target: &Path, tag: &str) -> PathBuf {
    dir_of(target).join(format!(".{}.{tag}.tmp", file_name(target)))
}

fn file_name(target: &Path) -> String {
    target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".into())
}

/// The tag of [`write_new`]'s temporary files, before the process id.
const TAG: &str = "acctsec-";

/// Write a whole new file at once: 0600, through a temporary file beside
/// it, never over an existing file. Temporary files that killed runs left
/// for the same target are removed first.
pub fn write_new(path: &Path, bytes: &[u8]) -> Result<()> {
    write_new_mode(path, bytes, 0o600)
}

/// [`write_new`] with another mode, for a file that holds neither secrets
/// nor personal data (a report of counts: 0644).
pub fn write_new_mode(path: &Path, bytes: &[u8], mode: u32) -> Result<()> {
    ensure_absent(path)?;
    let cant_create = |e| Error::CantCreate {
        path: path.to_path_buf(),
        source: e,
    };
    remove_leftovers(path);
    let temp = temp_path(path, &format!("{TAG}{}", std::process::id()));
    let _ = std::fs::remove_file(&temp);
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(mode)
        .custom_flags(libc::O_NOFOLLOW)
        .open(&temp)
        .map_err(cant_create)?;
    let written = file
        .try_lock()
        .map_err(|e| Error::io(&temp, e.into()))
        .and_then(|()| file.write_all(bytes).map_err(|e| Error::io(path, e)))
        .and_then(|()| file.sync_all().map_err(|e| Error::io(path, e)))
        .and_then(|()| match std::fs::hard_link(&temp, path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(Error::OutputExists {
                path: path.to_path_buf(),
            }),
            Err(e) => Err(cant_create(e)),
        });
    let _ = std::fs::remove_file(&temp);
    drop(file);
    written?;
    sync_dir_of(path);
    Ok(())
}

/// Remove the temporary files of `target` that killed runs left: named by
/// [`write_new`], and locked by nobody (a run still writing holds its lock).
/// Best effort: what cannot be removed stays.
fn remove_leftovers(target: &Path) {
    let prefix = format!(".{}.{TAG}", file_name(target));
    let Ok(entries) = std::fs::read_dir(dir_of(target)) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name
            .to_str()
            .and_then(|n| n.strip_prefix(&prefix))
            .and_then(|n| n.strip_suffix(".tmp"))
        else {
            continue;
        };
        if pid.is_empty() || !pid.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let path = entry.path();
        let Ok(f) = OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
            .open(&path)
        else {
            continue;
        };
        if f.try_lock().is_ok() && same_file(&f, &path) {
            let _ = std::fs::remove_file(&path);
        }
    }
}

/// Whether the open file `f` is still the one named `path`.
fn same_file(f: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (f.metadata(), std::fs::symlink_metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

/// Open `path` for reading without blocking on a FIFO or a device (the
/// reads of a regular file are unaffected by `O_NONBLOCK`), and refuse what
/// is not a regular file: a FIFO named as a password file would hang the
/// command, `/dev/zero` as a certificate file would read until out of
/// memory.
pub fn open_regular(path: &Path) -> std::io::Result<File> {
    let f = OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)?;
    if !f.metadata()?.is_file() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "not a regular file",
        ));
    }
    Ok(f)
}

/// The bytes of the regular file `path` ([`open_regular`]), at most `max`.
pub fn read_regular(path: &Path, max: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let f = open_regular(path)?;
    let mut bytes = Vec::new();
    f.take(max + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max {
        return Err(std::io::Error::new(
            std::io::ErrorKind::FileTooLarge,
            format!("larger than {max} bytes"),
        ));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn creates_private_files_and_never_overwrites() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("out.csv");
        write_new(&p, b"secret").unwrap();
        assert_eq!(
            std::fs::metadata(&p).unwrap().permissions().mode() & 0o777,
            0o600
        );
        let e = write_new(&p, b"other").unwrap_err();
        assert_eq!(e.exit_code(), 73);
        assert_eq!(std::fs::read(&p).unwrap(), b"secret");
        assert_eq!(
            std::fs::read_dir(d.path()).unwrap().count(),
            1,
            "temp left behind"
        );
    }

    #[test]
    fn a_dangling_link_is_occupied() {
        let d = tempfile::tempdir().unwrap();
        let link = d.path().join("out.csv");
        std::os::unix::fs::symlink(d.path().join("nowhere"), &link).unwrap();
        assert!(!link.exists());
        assert!(occupied(&link));
        assert_eq!(write_new(&link, b"x").unwrap_err().exit_code(), 73);
        assert!(!d.path().join("nowhere").exists());
    }

    #[test]
    fn a_missing_directory_is_named_not_taken_for_an_existing_file() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("no/such/out.csv");
        let e = write_new(&p, b"x").unwrap_err();
        assert_eq!(e.exit_code(), 74);
        assert!(
            e.to_string()
                .contains(&d.path().join("no/such").display().to_string())
        );
        let file = d.path().join("plain");
        std::fs::write(&file, b"").unwrap();
        let e = ensure_absent(&file.join("out.csv")).unwrap_err();
        assert_eq!(e.exit_code(), 74, "{e}");
    }

    #[test]
    fn leftovers_of_killed_runs_are_removed_and_live_ones_kept() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("notices.jsonl");
        let dead = d.path().join(".notices.jsonl.acctsec-999999.tmp");
        std::fs::write(&dead, b"full addresses").unwrap();
        let live = d.path().join(".notices.jsonl.acctsec-999998.tmp");
        std::fs::write(&live, b"being written").unwrap();
        let holder = File::open(&live).unwrap();
        holder.lock().unwrap();
        let other = d.path().join(".other.jsonl.acctsec-999997.tmp");
        std::fs::write(&other, b"another target's").unwrap();
        write_new(&p, b"new").unwrap();
        assert!(!dead.exists(), "a killed run's file stays");
        assert!(live.exists(), "a running export's file was taken");
        assert!(other.exists(), "another target's file was taken");
        drop(holder);
    }
}
