//! The platform's cookies, set with the same attributes everywhere.

use axum::http::{HeaderMap, HeaderValue, header};

/// The session cookie: HttpOnly so scripts never see it, SameSite=Lax so other sites cannot
/// send it with their forms.
pub const SESSION: &str = "wanqiao_session";

/// A double-submit token for the sign-in form, which has no session yet.
pub const LOGIN_CSRF: &str = "wanqiao_login_csrf";

/// Reads a cookie from the request headers.
pub fn get<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
        .filter(|v| !v.is_empty())
}

/// A `Set-Cookie` value; `max_age` of zero deletes the cookie.
pub fn set(name: &str, value: &str, max_age: i64, secure: bool) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{name}={value}; Path=/; Max-Age={max_age}; HttpOnly; SameSite=Lax{secure}"
    ))
    .expect("cookie names and hex values are valid header text")
}
