//! Where an embedded ledger may live, and which files beside it it may
//! adopt.
//!
//! SQLite keeps a ledger's newest changes in `LEDGER-wal` and its lock table
//! in `LEDGER-shm`, and adopts such files when they already exist. In a
//! directory others can write to, another user could create them first
//! (mode 0666, owned by that user) and read customer data through them. So:
//!
//! - the ledger's directory must not be writable by everyone (a sticky bit
//!   does not help: the companion names are new names);
//! - a `-wal`, `-shm` or `-journal` beside the ledger must be a plain file
//!   that gives access to nobody the ledger file itself does not: no world
//!   bits the ledger lacks, no group bits for another group or beyond the
//!   ledger's own, and an owner who is the ledger's owner, root, or a
//!   member of the ledger's group when the ledger is shared with its group.
//!
//! Several staff users sharing one ledger do it through a group: the ledger
//! file 0660 and its directory 2770, both of that group. SQLite then
//! creates the companion files with the ledger's mode, owned by whoever
//! opened it first, in the directory's group: every check above passes.

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The files SQLite keeps beside a ledger.
pub const COMPANIONS: [&str; 3] = ["-wal", "-shm", "-journal"];

/// Why a ledger's location or a companion file is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unsafe {
    /// The directory is writable by everyone.
    WorldWritableDir { dir: PathBuf },
    /// A companion that is not a plain file (a link, a directory, a fifo).
    NotAFile { file: PathBuf },
    /// A companion readable or writable by everyone, unlike the ledger.
    WorldAccess { file: PathBuf, mode: u32 },
    /// A companion whose group bits reach a group the ledger does not.
    GroupAccess { file: PathBuf, mode: u32 },
    /// A companion owned by a user who has no access to the ledger.
    Owner { file: PathBuf, uid: u32 },
}

/// Refuse (exit 78) a ledger in a world-writable directory, before anything
/// is created there.
pub fn check_dir(ledger: &Path) -> Result<()> {
    let dir = crate::secretfile::dir_of(ledger);
    match std::fs::metadata(dir) {
        Ok(m) if m.permissions().mode() & 0o002 != 0 => Err(unsafe_ledger(
            ledger,
            Unsafe::WorldWritableDir {
                dir: dir.to_path_buf(),
            },
        )),
        _ => Ok(()),
    }
}

/// Refuse (exit 78) an existing ledger whose directory is world-writable or
/// whose companion files give access to anyone the ledger does not. Call
/// before SQLite opens it.
pub fn check_existing(ledger: &Path) -> Result<()> {
    check_dir(ledger)?;
    let Ok(own) = std::fs::metadata(ledger) else {
        return Ok(()); // a missing ledger is reported by the caller
    };
    for suffix in COMPANIONS {
        let file = PathBuf::from(format!("{}{suffix}", ledger.display()));
        let Ok(m) = std::fs::symlink_metadata(&file) else {
            continue;
        };
        if let Some(why) = companion_problem(&own, &m, &file, in_group) {
            return Err(unsafe_ledger(ledger, why));
        }
    }
    Ok(())
}

/// What is wrong with one companion file, given the ledger's metadata.
/// `member(uid, gid)` says whether a user belongs to a group.
fn companion_problem(
    ledger: &std::fs::Metadata,
    m: &std::fs::Metadata,
    file: &Path,
    member: impl Fn(u32, u32) -> bool,
) -> Option<Unsafe> {
    let file = file.to_path_buf();
    if !m.file_type().is_file() {
        return Some(Unsafe::NotAFile { file });
    }
    let (own, mode) = (ledger.mode() & 0o777, m.mode() & 0o777);
    if mode & 0o007 & !own != 0 {
        return Some(Unsafe::WorldAccess { file, mode });
    }
    let group_bits = mode & 0o070;
    if group_bits != 0 && (m.gid() != ledger.gid() || group_bits & !own != 0) {
        return Some(Unsafe::GroupAccess { file, mode });
    }
    let shared_with_group = own & 0o060 != 0;
    let owner_ok = m.uid() == ledger.uid()
        || m.uid() == 0
        || (shared_with_group && member(m.uid(), ledger.gid()));
    if !owner_ok {
        return Some(Unsafe::Owner { file, uid: m.uid() });
    }
    None
}

/// Whether the user `uid` belongs to the group `gid` (as primary group or
/// listed member), from the system's user and group databases.
fn in_group(uid: u32, gid: u32) -> bool {
    use nix::unistd::{Gid, Group, Uid, User};
    let Ok(Some(user)) = User::from_uid(Uid::from_raw(uid)) else {
        return false;
    };
    if user.gid == Gid::from_raw(gid) {
        return true;
    }
    matches!(Group::from_gid(Gid::from_raw(gid)), Ok(Some(g)) if g.mem.contains(&user.name))
}

fn unsafe_ledger(ledger: &Path, why: Unsafe) -> Error {
    Error::UnsafeLedger {
        ledger: ledger.to_path_buf(),
        why,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn file(dir: &Path, name: &str, mode: u32) -> (PathBuf, std::fs::Metadata) {
        let p = dir.join(name);
        std::fs::write(&p, b"").unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(mode)).unwrap();
        let m = std::fs::metadata(&p).unwrap();
        (p, m)
    }

    #[test]
    fn companions_may_not_reach_further_than_the_ledger() {
        let d = tempfile::tempdir().unwrap();
        let (_, private) = file(d.path(), "l.db", 0o600);
        let (_, shared) = file(d.path(), "s.db", 0o660);
        let nobody = |_: u32, _: u32| false;
        let (p, m) = file(d.path(), "a-wal", 0o600);
        assert_eq!(companion_problem(&private, &m, &p, nobody), None);
        let (p, m) = file(d.path(), "b-wal", 0o666);
        assert!(matches!(
            companion_problem(&private, &m, &p, nobody),
            Some(Unsafe::WorldAccess { .. })
        ));
        let (p, m) = file(d.path(), "c-shm", 0o660);
        assert!(matches!(
            companion_problem(&private, &m, &p, nobody),
            Some(Unsafe::GroupAccess { .. })
        ));
        assert_eq!(companion_problem(&shared, &m, &p, nobody), None);
        let dir = d.path().join("x-wal");
        std::fs::create_dir(&dir).unwrap();
        let m = std::fs::symlink_metadata(&dir).unwrap();
        assert!(matches!(
            companion_problem(&private, &m, &dir, nobody),
            Some(Unsafe::NotAFile { .. })
        ));
    }
}
