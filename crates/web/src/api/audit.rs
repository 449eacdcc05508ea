//! The audit log, for platform admins.

use crate::auth::ApiUser;
use crate::params::Params;
use crate::routes::Routes;
use crate::{ApiError, AppState};
use axum::Json;
use axum::extract::State;
use wanqiao_store::Paged;
use wanqiao_store::audit::{AuditEvent, AuditFilter};

pub fn routes() -> Routes {
    Routes::new().get("/audit", list)
}

async fn list(
    State(state): State<AppState>,
    ApiUser(me, _): ApiUser,
    q: Params,
) -> Result<Json<Paged<AuditEvent>>, ApiError> {
    if !me.may_read_audit() {
        return Err(ApiError::forbidden("the audit log is for platform admins"));
    }
    let filter = AuditFilter {
        actor: q.get("actor").map(str::to_string),
        action: q.get("action").map(str::to_string),
        subject: q.get("subject").map(str::to_string),
    };
    Ok(Json(state.store.audit_events(&filter, q.page()?).await?))
}
