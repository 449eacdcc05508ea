//! Evidence through the API; the rules live in [`crate::service::evidence`].

use crate::auth::ApiUser;
use crate::routes::Routes;
use crate::service::evidence::{self as service, EvidenceView};
use crate::{ApiError, AppState};
use axum::Json;
use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// The most an upload request may carry before the connection is refused outright; the
/// configured file limit (10 MB by default) is checked below it, with a clear 413.
pub const UPLOAD_HARD_LIMIT: usize = 64 * 1024 * 1024;

pub fn routes() -> Routes {
    let mut upload_route = Routes::new().post("/engineers/{id}/evidence", upload);
    upload_route.router = upload_route
        .router
        .layer(DefaultBodyLimit::max(UPLOAD_HARD_LIMIT));
    upload_route.merge(
        Routes::new()
            .get("/engineers/{id}/evidence", list)
            .get("/engineers/{id}/evidence/{evidence}/content", content)
            .delete("/engineers/{id}/evidence/{evidence}", remove)
            .post("/engineers/{id}/evidence/{evidence}/verify", verify),
    )
}

async fn list(
    State(s): State<AppState>,
    ApiUser(me, _): ApiUser,
    Path(id): Path<String>,
) -> Result<Json<Vec<EvidenceView>>, ApiError> {
    Ok(Json(service::list(&s, &me, &id).await?))
}

fn multipart_error(e: axum::extract::multipart::MultipartError, limit: usize) -> ApiError {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        ApiError::PayloadTooLarge { limit }
    } else {
        ApiError::MalformedBody(e.body_text())
    }
}

/// `multipart/form-data` with a `file` and a `title`. The file is read up to the configured
/// limit; past it the rest is read and dropped, so the client gets its 413.
async fn upload(
    State(s): State<AppState>,
    ApiUser(me, _): ApiUser,
    Path(id): Path<String>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<(StatusCode, Json<EvidenceView>), ApiError> {
    service::keep(&s, &me, &id).await?;
    let mut multipart = multipart.map_err(|_| {
        ApiError::UnsupportedFile(
            "send the file as multipart/form-data, with the fields `file` and `title`".into(),
        )
    })?;
    let limit = s.evidence.max_bytes;
    let mut title = None;
    let mut file: Option<Vec<u8>> = None;
    let mut too_large = false;
    while let Some(mut field) = multipart
        .next_field()
        .await
        .map_err(|e| multipart_error(e, limit))?
    {
        let name = field.name().unwrap_or_default().to_string();
        let mut bytes = Vec::new();
        while let Some(chunk) = field.chunk().await.map_err(|e| multipart_error(e, limit))? {
            if name == "title" && bytes.len() + chunk.len() > 4096 {
                return Err(ApiError::invalid("title", "the title is too long"));
            }
            if bytes.len() + chunk.len() > limit {
                too_large = true;
            }
            if !too_large {
                bytes.extend_from_slice(&chunk);
            }
        }
        match name.as_str() {
            "title" => {
                title = Some(
                    String::from_utf8(bytes)
                        .map_err(|_| ApiError::invalid("title", "the title must be UTF-8 text"))?,
                )
            }
            "file" => file = Some(bytes),
            _ => {}
        }
    }
    if too_large {
        return Err(ApiError::PayloadTooLarge { limit });
    }
    let file = file.ok_or_else(|| ApiError::invalid("file", "attach the file as `file`"))?;
    let title = title.ok_or_else(|| ApiError::invalid("title", "give the file a title"))?;
    let view = service::upload(&s, &me, &id, &title, &file).await?;
    Ok((StatusCode::CREATED, Json(view)))
}

/// The file as an attachment of its sniffed type: never shown inline, never sniffed again.
async fn content(
    State(s): State<AppState>,
    ApiUser(me, _): ApiUser,
    Path((id, evidence)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let (e, bytes) = service::download(&s, &me, &id, &evidence).await?;
    let disposition = format!(
        "attachment; filename=\"evidence-{}.{}\"",
        e.id,
        service::extension(&e.media_type)
    );
    let mut response = bytes.into_response();
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(&e.media_type)
            .unwrap_or(HeaderValue::from_static("application/octet-stream")),
    );
    h.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_str(&disposition).unwrap_or(HeaderValue::from_static("attachment")),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    Ok(response)
}

async fn remove(
    State(s): State<AppState>,
    ApiUser(me, _): ApiUser,
    Path((id, evidence)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    service::remove(&s, &me, &id, &evidence).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn verify(
    State(s): State<AppState>,
    ApiUser(me, _): ApiUser,
    Path((id, evidence)): Path<(String, String)>,
) -> Result<Json<EvidenceView>, ApiError> {
    Ok(Json(service::verify(&s, &me, &id, &evidence).await?))
}
