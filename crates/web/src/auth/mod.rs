//! Who is making a request, and whether they may. Identity is resolved once per request by
//! [`identity::layer`]; handlers then ask for an [`ApiUser`] or a [`PageUser`].

pub mod cookies;
pub mod identity;
pub mod login;
pub mod multipart_csrf;

pub use identity::{ApiUser, Identity, PageUser, Via};
