//! A router that remembers its routes, so the access tests can walk every route and fail on
//! one that has no row in their table.

use crate::AppState;
use axum::Router;
use axum::handler::Handler;
use axum::http::Method;
use axum::routing::{MethodRouter, delete, get, patch, post};

/// One route: method and path pattern as written, e.g. `GET /api/v1/societies/{id}`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct RouteInfo {
    pub method: Method,
    pub path: String,
}

#[derive(Default)]
pub struct Routes {
    pub(crate) router: Router<AppState>,
    pub(crate) list: Vec<RouteInfo>,
}

impl Routes {
    pub fn new() -> Routes {
        Routes::default()
    }

    fn add(mut self, method: Method, path: &str, route: MethodRouter<AppState>) -> Routes {
        self.router = self.router.route(path, route);
        self.list.push(RouteInfo {
            method,
            path: path.to_string(),
        });
        self
    }

    pub fn get<H: Handler<T, AppState>, T: 'static>(self, path: &str, h: H) -> Routes {
        self.add(Method::GET, path, get(h))
    }

    pub fn post<H: Handler<T, AppState>, T: 'static>(self, path: &str, h: H) -> Routes {
        self.add(Method::POST, path, post(h))
    }

    pub fn patch<H: Handler<T, AppState>, T: 'static>(self, path: &str, h: H) -> Routes {
        self.add(Method::PATCH, path, patch(h))
    }

    pub fn delete<H: Handler<T, AppState>, T: 'static>(self, path: &str, h: H) -> Routes {
        self.add(Method::DELETE, path, delete(h))
    }

    /// Adds `other`'s routes as they are.
    pub fn merge(mut self, other: Routes) -> Routes {
        self.router = self.router.merge(other.router);
        self.list.extend(other.list);
        self
    }

    /// Mounts `other` under `prefix`, with `finish` applied to its router (fallbacks,
    /// layers) before mounting.
    pub fn nest(
        mut self,
        prefix: &str,
        other: Routes,
        finish: impl FnOnce(Router<AppState>) -> Router<AppState>,
    ) -> Routes {
        self.router = self.router.nest(prefix, finish(other.router));
        self.list.extend(other.list.into_iter().map(|r| RouteInfo {
            method: r.method,
            path: format!("{prefix}{}", r.path),
        }));
        self
    }
}
