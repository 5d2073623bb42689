//! Who this process is, as the operating system knows it: the user of its
//! real uid in the password database. Never from environment variables
//! (`USER`, `LOGNAME`), which anyone can set.

/// The login name of the process's real uid, or `uid:N` when the password
/// database has no entry for it (a container without one).
pub fn os_user() -> String {
    let uid = nix::unistd::getuid();
    match nix::unistd::User::from_uid(uid) {
        Ok(Some(u)) if !u.name.is_empty() => u.name,
        _ => format!("uid:{}", uid.as_raw()),
    }
}
