//! What the fuzz targets (tests/fuzz) reach that is not public otherwise:
//! the `--db` URL parser and a maker of MD5-crypt hashes. Not an API.

pub use crate::ledger::db_url::{SslMode, Url, parse as parse_db_url};

/// `$1$salt$checksum` for `password` (at most 8 salt characters are used).
pub fn md5_crypt(password: &[u8], salt: &str) -> String {
    crate::secret::md5_crypt(password, salt)
}
