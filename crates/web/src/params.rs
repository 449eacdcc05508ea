//! Query parameters, read strictly: a parameter that cannot be understood is refused with
//! its name, never silently ignored.

use crate::ApiError;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use std::collections::HashMap;
use wanqiao_store::Page;

/// The query string of a request, decoded.
#[derive(Debug, Default)]
pub struct Params(HashMap<String, String>);

impl<S: Send + Sync> FromRequestParts<S> for Params {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Params::parse(parts.uri.query().unwrap_or_default()))
    }
}

impl Params {
    pub fn parse(query: &str) -> Params {
        Params(
            form_urlencoded::parse(query.as_bytes())
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect(),
        )
    }

    /// The parameter, when given and not empty.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .get(name)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }

    /// `limit` (1 to 500, default 50) and `offset` (0 or more, default 0).
    pub fn page(&self) -> Result<Page, ApiError> {
        let number = |name: &str, min: u32, max: u32, default: u32| match self.get(name) {
            None => Ok(default),
            Some(raw) => raw
                .parse::<u32>()
                .ok()
                .filter(|n| (min..=max).contains(n))
                .ok_or_else(|| {
                    bad(
                        name,
                        format!("`{raw}` is not a whole number from {min} to {max}"),
                    )
                }),
        };
        Ok(Page {
            limit: number("limit", 1, Page::MAX_LIMIT, Page::DEFAULT_LIMIT)?,
            offset: number("offset", 0, u32::MAX, 0)?,
        })
    }

    /// A parameter holding one of a fixed set of codes.
    pub fn code<T>(
        &self,
        name: &str,
        parse: impl Fn(&str) -> Option<T>,
        expected: &str,
    ) -> Result<Option<T>, ApiError> {
        self.get(name)
            .map(|raw| {
                parse(raw).ok_or_else(|| bad(name, format!("`{raw}` is not one of {expected}")))
            })
            .transpose()
    }
}

pub fn bad(name: &str, message: String) -> ApiError {
    ApiError::BadParameter {
        name: name.to_string(),
        message,
    }
}
