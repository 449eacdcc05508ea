//! The caller's inbox: what the platform sent them, in their language.

use crate::auth::ApiUser;
use crate::i18n;
use crate::params::Params;
use crate::routes::Routes;
use crate::service::notifications::{self as service, InboxItem};
use crate::{ApiError, AppState};
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, header};
use wanqiao_store::Paged;

pub fn routes() -> Routes {
    Routes::new().get("/inbox", list)
}

/// In the language of `?lang=` or `Accept-Language`.
async fn list(
    State(s): State<AppState>,
    ApiUser(me, _): ApiUser,
    headers: HeaderMap,
    q: Params,
) -> Result<Json<Paged<InboxItem>>, ApiError> {
    let accept = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok());
    let locale = i18n::negotiate(q.get("lang"), None, accept);
    let tr = s.i18n.tr(locale);
    Ok(Json(service::inbox(&s, &me, &tr, q.page()?).await?))
}
