//! Customer-master field normalisation, validation and masking.
//!
//! Every validator trims its input and returns the normalised value, or a
//! [`FieldError`] carrying the data a message catalog needs to explain what is
//! wrong. No message text lives here: the messages module (`messages::customer`) renders the errors.
//!
//! Conventions shared by all errors:
//! * `position` fields are 1-based character (not byte) positions in the
//!   *trimmed* input;
//! * characters are reported as the user typed them (e.g. `＠`, not `@`).

pub mod batch;
mod birth_date;
mod email;
mod error;
pub mod import;
mod mask;
mod name;
mod phone;
mod record;
mod text;

pub use birth_date::{EARLIEST_BIRTH_DATE, parse_birth_date};
pub use email::{EMAIL_LOCAL_MAX_LEN, EMAIL_MAX_LEN, normalize_email};
pub use error::{Field, FieldError};
pub use mask::{mask_birth_date, mask_email, mask_phone};
pub use name::{CODE_MAX_LEN, NAME_MAX_LEN, validate_code, validate_name};
pub use phone::{normalize_phone, phone_without_area_code};
pub use record::{
    AccountState, AddressKind, Credential, Customer, EmailChange, Lock, LockReason, PasswordState,
};
