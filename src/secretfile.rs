//! Output files that may hold secrets or personal data: created 0600, built
//! in a temporary file beside the target, and linked into place only when
//! complete. An existing file is never overwritten (exit 73).

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Refuse early when the target exists.
pub fn ensure_absent(path: &Path) -> Result<()> {
    if std::fs::symlink_metadata(path).is_ok() {
        return Err(Error::OutputExists {
            path: path.to_path_buf(),
        });
    }
    Ok(())
}

/// The directory a file lives in ("." for a bare name).
pub fn dir_of(path: &Path) -> &Path {
    path.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// A file being written privately beside its final name.
pub struct Staged {
    pub target: PathBuf,
    pub temp: PathBuf,
    pub file: File,
}

impl Staged {
    /// Create the temporary file (0600) for `target`, whose name is fixed by
    /// `tag` so that a rerun after a crash finds it.
    pub fn create(target: &Path, tag: &str) -> Result<Staged> {
        ensure_absent(target)?;
        let temp = temp_path(target, tag);
        let _ = std::fs::remove_file(&temp);
        let file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&temp)
            .map_err(|e| Error::CantCreate {
                path: target.to_path_buf(),
                source: e,
            })?;
        Ok(Staged {
            target: target.to_path_buf(),
            temp,
            file,
        })
    }

    /// Flush to disk and link into place; the temporary name is removed.
    pub fn commit(self) -> Result<()> {
        let Staged { target, temp, file } = self;
        file.sync_all().map_err(|e| Error::io(&temp, e))?;
        drop(file);
        let linked = std::fs::hard_link(&temp, &target);
        let _ = std::fs::remove_file(&temp);
        match linked {
            Ok(()) => {
                if let Ok(d) = File::open(dir_of(&target)) {
                    let _ = d.sync_all();
                }
                Ok(())
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                Err(Error::OutputExists { path: target })
            }
            Err(e) => Err(Error::CantCreate {
                path: target,
                source: e,
            }),
        }
    }

    /// Give up: remove the temporary file.
    pub fn discard(self) {
        let _ = std::fs::remove_file(&self.temp);
    }
}

/// The temporary name of `target` for `tag`: hidden, in the same directory.
pub fn temp_path(target: &Path, tag: &str) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".into());
    dir_of(target).join(format!(".{name}.{tag}.tmp"))
}

/// Write a whole new file at once (0600, never overwriting).
pub fn write_new(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut staged = Staged::create(path, &format!("w{}", std::process::id()))?;
    if let Err(e) = staged.file.write_all(bytes) {
        staged.discard();
        return Err(Error::io(path, e));
    }
    staged.commit()
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
}
