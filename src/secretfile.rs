//! Output files that may hold secrets or personal data: created 0600, built
//! in a temporary file beside the target, and put into place only when
//! complete. An existing file is never overwritten (exit 73).

use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Whether anything is at `path`: a file, a directory, or a symbolic link,
/// even a dangling one (which a file linked into place would collide with).
pub fn occupied(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok()
}

/// Refuse early when anything is at the target (see [`occupied`]).
pub fn ensure_absent(path: &Path) -> Result<()> {
    if occupied(path) {
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

/// Make a new name in the directory of `path` durable (best effort).
pub fn sync_dir_of(path: &Path) {
    if let Ok(d) = std::fs::File::open(dir_of(path)) {
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

/// Write a whole new file at once: 0600, through a temporary file beside
/// it, never over an existing file.
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
    let prefix = format!(".{}.", file_name(path));
    let mut temp = tempfile::Builder::new()
        .prefix(&prefix)
        .suffix(".tmp")
        .permissions(std::fs::Permissions::from_mode(mode))
        .tempfile_in(dir_of(path))
        .map_err(cant_create)?;
    temp.write_all(bytes).map_err(|e| Error::io(path, e))?;
    temp.as_file().sync_all().map_err(|e| Error::io(path, e))?;
    match temp.persist_noclobber(path) {
        Ok(_) => {
            sync_dir_of(path);
            Ok(())
        }
        Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => Err(Error::OutputExists {
            path: path.to_path_buf(),
        }),
        Err(e) => Err(cant_create(e.error)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
