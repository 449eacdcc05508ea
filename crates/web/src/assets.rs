//! Static assets, compiled into the binary so a single file runs the platform.
//!
//! Every `assets/*.css` is bundled at build time into one stylesheet (see `build.rs`), served
//! at a URL carrying a hash of its bytes: pages link that URL, browsers keep it for a year
//! without asking again, and a new release changes the URL. The plain `/assets/style.css`
//! still answers, with a short cache, for anything that linked it before.

use crate::routes::Routes;
use axum::extract::Path;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

/// The bundled stylesheet: every `assets/*.css` in name order.
pub const STYLE: &str = include_str!(concat!(env!("OUT_DIR"), "/style.css"));

/// A hash of [`STYLE`]'s bytes, computed when it was bundled.
const STYLE_HASH: &str = include_str!(concat!(env!("OUT_DIR"), "/style_hash.txt"));

/// The fingerprinted address of the stylesheet, for `<link rel="stylesheet">`.
pub fn style_href() -> &'static str {
    static HREF: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HREF.get_or_init(|| format!("/assets/style.{STYLE_HASH}.css"))
}

/// Cached for a year and never revalidated: the URL changes whenever the bytes do.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// The unversioned URL may change under the same name, so it is kept for an hour at most.
const SHORT: &str = "public, max-age=3600";

pub fn routes() -> Routes {
    Routes::new().get("/assets/{file}", asset)
}

async fn asset(Path(file): Path<String>) -> Response {
    let cache = if file == "style.css" {
        SHORT
    } else if style_href().strip_prefix("/assets/") == Some(file.as_str()) {
        IMMUTABLE
    } else {
        return StatusCode::NOT_FOUND.into_response();
    };
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, cache),
        ],
        STYLE,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stylesheet_url_carries_its_hash() {
        let href = style_href();
        assert!(href.starts_with("/assets/style."), "{href}");
        assert!(href.ends_with(".css"), "{href}");
        let hash = &href["/assets/style.".len()..href.len() - ".css".len()];
        assert_eq!(hash.len(), 16, "{href}");
        assert!(hash.bytes().all(|b| b.is_ascii_hexdigit()), "{href}");
    }

    #[test]
    fn every_css_file_is_bundled_in_name_order() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets");
        let mut names: Vec<String> = std::fs::read_dir(&dir)
            .expect("the assets folder")
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".css"))
            .collect();
        names.sort();
        let mut at = 0;
        for name in names {
            let marker = format!("/* assets/{name} */");
            let found = STYLE[at..]
                .find(&marker)
                .unwrap_or_else(|| panic!("{name} is not bundled after position {at}"));
            at += found + marker.len();
        }
    }
}
