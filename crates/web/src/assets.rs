//! Static assets, compiled into the binary so a single file runs the platform.

use crate::routes::Routes;
use axum::http::header;
use axum::response::IntoResponse;

const STYLE: &str = include_str!("../assets/style.css");

pub fn routes() -> Routes {
    Routes::new().get("/assets/style.css", style)
}

async fn style() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        STYLE,
    )
}
