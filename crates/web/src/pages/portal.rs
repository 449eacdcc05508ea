//! The portal's routes for people without an account yet and for engineers keeping their
//! affairs: sign-up, profile, evidence uploads, a certificate's status, and the application
//! actions that may carry a file. Uploads get a body limit of their own; everything else
//! keeps the platform's.

use super::{applications, portal_credentials, portal_evidence, profile, signup};
use crate::ApiError;
use crate::routes::Routes;
use axum::extract::DefaultBodyLimit;
use axum::extract::multipart::Multipart;
use axum::http::StatusCode;

/// The most an upload request may carry before the connection is refused outright, as for
/// the API; the configured file limit (10 MB by default) is checked below it, with a message.
pub use crate::api::evidence::UPLOAD_HARD_LIMIT;

pub fn routes() -> Routes {
    let mut uploads = Routes::new()
        .post("/engineers/{id}/evidence", portal_evidence::upload)
        .post("/applications/{id}/act", applications::act);
    uploads.router = uploads
        .router
        .layer(DefaultBodyLimit::max(UPLOAD_HARD_LIMIT));
    uploads.merge(
        Routes::new()
            .get("/signup", signup::form)
            .post("/signup", signup::submit)
            .get("/account/profile", profile::mine)
            .post("/account/profile", profile::create_mine)
            .get("/engineers/{id}/profile", profile::page)
            .post("/engineers/{id}/profile", profile::update)
            .post("/engineers/{id}/profile/{kind}", profile::add)
            .post(
                "/engineers/{id}/profile/{kind}/{entry}/remove",
                profile::remove,
            )
            .post(
                "/engineers/{id}/qualifications/{qualification}/attest",
                profile::attest,
            )
            .post(
                "/engineers/{id}/evidence/{evidence}/remove",
                portal_evidence::remove,
            )
            .post("/credentials/{id}/status", portal_credentials::change),
    )
}

/// Only paths on this site are followed after a form, never another host.
pub fn local_path(next: &str) -> Option<&str> {
    (next.starts_with('/') && !next.starts_with("//") && !next.contains('\\')).then_some(next)
}

/// A `multipart/form-data` form as read: its text fields in order, and the file of its
/// `file` field when one was chosen.
#[derive(Debug, Default)]
pub struct MultipartForm {
    pub fields: Vec<(String, String)>,
    /// `None` when no file was chosen (browsers send an empty part without a name).
    pub file: Option<Vec<u8>>,
    /// The file was larger than the limit; the rest of it was read and dropped.
    pub too_large: bool,
}

impl MultipartForm {
    /// The text field `name`, trimmed; empty when absent.
    pub fn text(&self, name: &str) -> &str {
        self.fields
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.trim())
    }
}

/// The longest text field read from a multipart form: a note of 4000 characters in any
/// script fits.
const TEXT_LIMIT: usize = 64 * 1024;

/// Reads a multipart form, keeping at most `limit` bytes of its file; past the limit the
/// rest is read and dropped, so the browser gets the page that says so rather than a broken
/// connection.
pub async fn read_multipart(
    mut multipart: Multipart,
    limit: usize,
) -> Result<MultipartForm, ApiError> {
    let broken = |e: axum::extract::multipart::MultipartError| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::PayloadTooLarge { limit }
        } else {
            ApiError::MalformedBody(e.body_text())
        }
    };
    let mut form = MultipartForm::default();
    while let Some(mut field) = multipart.next_field().await.map_err(broken)? {
        let name = field.name().unwrap_or_default().to_string();
        let chosen = field.file_name().is_some_and(|f| !f.is_empty());
        let cap = if name == "file" { limit } else { TEXT_LIMIT };
        let mut bytes = Vec::new();
        let mut over = false;
        while let Some(chunk) = field.chunk().await.map_err(broken)? {
            over = over || bytes.len() + chunk.len() > cap;
            if !over {
                bytes.extend_from_slice(&chunk);
            }
        }
        if name == "file" {
            form.too_large |= over;
            if !over && (chosen || !bytes.is_empty()) {
                form.file = Some(bytes);
            }
        } else if over {
            return Err(ApiError::invalid(&name, "this field is too long"));
        } else {
            let text = String::from_utf8(bytes)
                .map_err(|_| ApiError::invalid(&name, "this field must be UTF-8 text"))?;
            form.fields.push((name, text));
        }
    }
    Ok(form)
}
