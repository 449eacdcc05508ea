//! Server-rendered pages for people: they work without JavaScript and speak the reader's
//! language.

mod account;
mod admin_audit;
mod admin_engineers;
mod admin_register;
mod admin_register_agreements;
mod admin_register_frameworks;
mod admin_register_lifecycle;
mod admin_register_societies;
mod admin_register_specialties;
mod admin_users;
mod agreements;
mod alerts;
mod applications;
mod certificate;
mod credential;
mod dashboard;
mod dashboard_figures;
mod evidence;
mod form;
mod home;
mod inbox;
mod listing;
mod names;
mod people;
mod portal;
mod portal_credentials;
mod portal_evidence;
mod profile;
mod public_register;
mod queues;
mod recognition;
mod referee;
mod refusals;
mod roster;
mod signup;
mod societies;
mod specialties;
mod verify;

use crate::auth::Identity;
use crate::error::{PageError, PageFailure};
use crate::i18n::{self, PAGE_LOCALES};
use crate::params::Params;
use crate::routes::Routes;
use crate::{AppState, Tr};
use askama::Template;
use axum::Router;
use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Response};
use std::convert::Infallible;
use wanqiao_domain::{Locale, Role};

pub fn routes() -> Routes {
    Routes::new()
        .get("/", home::page)
        .get("/societies", societies::list)
        .get("/societies/{id}", societies::detail)
        .get("/specialties", specialties::list)
        .get("/agreements", agreements::list)
        .get("/agreements/{id}", agreements::detail)
        .get(
            "/agreements/{id}/dashboard/{file}",
            dashboard::agreement_csv,
        )
        .get("/dashboard", dashboard::public)
        .get("/dashboard/{file}", dashboard::public_csv)
        .get("/societies/{id}/dashboard", dashboard::society)
        .get("/societies/{id}/dashboard/{file}", dashboard::society_csv)
        .get("/fellows", people::fellows)
        .get("/activities", people::activities)
        .get("/login", account::login_form)
        .post("/login", account::login)
        .post("/logout", account::logout)
        .get("/account", account::page)
        .post("/account/tokens", account::create_token)
        .post("/account/tokens/{id}/revoke", account::revoke_token)
        .post("/account/password", account::change_password)
        .get("/account/recognition", recognition::mine)
        .get("/engineers/{id}/recognition", recognition::self_check)
        .get("/what-if", recognition::what_if)
        .get("/register", public_register::page)
        .get("/applications", applications::list)
        .get("/applications/new", applications::new_form)
        .post("/applications/new", applications::create)
        .get("/applications/{id}", applications::detail)
        .get(
            "/admin/agreements/{id}/versions/{number}/impact",
            recognition::impact,
        )
        .get("/admin/engineers", admin_engineers::list)
        .get("/admin/users", admin_users::list)
        .post("/admin/users", admin_users::create)
        .get("/admin/users/new", admin_users::new_form)
        .get("/admin/users/{id}", admin_users::page)
        .post("/admin/users/{id}/grants", admin_users::grant)
        .post("/admin/users/{id}/grants/withdraw", admin_users::withdraw)
        .post("/admin/users/{id}/disable", admin_users::disable)
        .post("/admin/users/{id}/enable", admin_users::enable)
        .get("/admin/audit", admin_audit::list)
        .get("/inbox", inbox::page)
        .get("/queues/attestation", queues::attestation)
        .get("/queues/review", queues::review)
        .get("/admin/overdue", queues::overdue)
        .get("/admin/alerts", alerts::list)
        .post("/admin/alerts", alerts::raise)
        .get("/referees/{token}", referee::page)
        .post("/referees/{token}", referee::answer)
        .get("/engineers/{id}/evidence", evidence::page)
        .post(
            "/engineers/{id}/evidence/{evidence}/verify",
            evidence::verify,
        )
        .get("/verify", verify::form)
        .post("/verify", verify::paste)
        .get("/verify/{id}", verify::one)
        .get("/credentials/{id}", certificate::one)
        .get("/credentials/{id}/certificate", certificate::certificate)
        .get("/credentials/{id}/download", certificate::download)
        .get("/account/certificates", certificate::mine)
        .post("/account/certificates/{id}/consent", certificate::consent)
        .merge(admin_register::routes())
        .merge(portal::routes())
        .merge(roster::routes())
}

/// Everything pages need around their routes: the 404 page and the language layer.
pub fn finish(router: Router<AppState>, state: AppState) -> Router<AppState> {
    router
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(state, page_layer))
}

type PageResult = Result<Html<String>, PageError>;

async fn not_found() -> PageError {
    PageError::NotFound
}

/// The reader of a page: their language, chosen by the page layer, and who they are.
#[derive(Debug, Clone)]
pub struct Lang(pub Locale, pub Option<Viewer>);

/// A signed-in reader, as the page frame shows them.
#[derive(Debug, Clone)]
pub struct Viewer {
    pub name: String,
    /// For the sign-out form; absent for API-token callers.
    pub csrf_token: Option<String>,
    pub manages_users: bool,
    pub reads_audit: bool,
    /// Platform admins, and society admins for their society and its ladders.
    pub edits_register: bool,
    /// Attestors and admins of a society (the attestation queue), platform admins.
    pub attests: bool,
    /// Reviewers and admins of a society (the review queue), platform admins.
    pub reviews: bool,
    /// Society admins (overdue items), platform admins.
    pub administers_society: bool,
}

impl<S: Send + Sync> FromRequestParts<S> for Lang {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(parts
            .extensions
            .get::<Lang>()
            .cloned()
            .unwrap_or(Lang(Locale::ZhHans, None)))
    }
}

/// What every page shows around its content: the language, the navigation, where we are.
pub struct Chrome<'a> {
    pub tr: Tr<'a>,
    pub viewer: Option<Viewer>,
    /// The address asked for, path and query, for the language switcher to keep; outside a
    /// request (in tests) the path the handler names.
    pub address: String,
    /// The navigation entry to mark as current.
    pub nav: &'static str,
}

/// A link of the navigation: where it goes, the message naming it, and whether it is the
/// page being shown.
pub struct NavLink {
    pub href: &'static str,
    pub label: &'static str,
    pub current: bool,
}

/// A titled group of the signed-in reader's workspace menu.
pub struct NavGroup {
    pub label: &'static str,
    pub links: Vec<NavLink>,
}

/// A language of the switcher: its tag, its name in itself, the current address in it.
pub struct LanguageLink {
    pub tag: &'static str,
    pub label: String,
    pub href: String,
    pub current: bool,
}

tokio::task_local! {
    /// The path and query of the page being answered, set by the page layer, so that every
    /// page's language switcher can keep them without each handler passing them on.
    static ADDRESS: String;
}

impl<'a> Chrome<'a> {
    pub fn new(state: &'a AppState, lang: Lang, here: &str, nav: &'static str) -> Chrome<'a> {
        Chrome {
            tr: state.i18n.tr(lang.0),
            viewer: lang.1,
            address: ADDRESS
                .try_with(Clone::clone)
                .unwrap_or_else(|_| here.to_string()),
            nav,
        }
    }

    /// The fingerprinted stylesheet.
    pub fn stylesheet(&self) -> &'static str {
        crate::assets::style_href()
    }

    /// Languages offered by the switcher, each linking to this same address in it.
    pub fn languages(&self) -> Vec<LanguageLink> {
        let (path, query) = self
            .address
            .split_once('?')
            .unwrap_or((self.address.as_str(), ""));
        PAGE_LOCALES
            .iter()
            .map(|l| {
                let mut kept = form_urlencoded::Serializer::new(String::new());
                for (k, v) in form_urlencoded::parse(query.as_bytes()).filter(|(k, _)| k != "lang")
                {
                    kept.append_pair(&k, &v);
                }
                kept.append_pair("lang", l.tag());
                LanguageLink {
                    tag: l.tag(),
                    label: self.tr.t(&format!("language-name-{}", l.tag())),
                    href: format!("{path}?{}", kept.finish()),
                    current: *l == self.tr.locale,
                }
            })
            .collect()
    }

    /// The public pages, for everyone; the footer has the rest ([`Chrome::about`]).
    pub fn primary(&self) -> Vec<NavLink> {
        self.links(&[
            ("/", "nav-home"),
            ("/societies", "nav-societies"),
            ("/specialties", "nav-specialties"),
            ("/agreements", "nav-agreements"),
            ("/dashboard", "nav-dashboard"),
            ("/register", "nav-public-register"),
            ("/what-if", "nav-what-if"),
            ("/verify", "nav-verify"),
        ])
    }

    /// The pages about the mechanism's people and life, linked from every page's footer.
    pub fn about(&self) -> Vec<NavLink> {
        self.links(&[
            ("/fellows", "nav-fellows"),
            ("/activities", "nav-activities"),
            ("/api/v1/societies", "footer-api"),
        ])
    }

    /// The signed-in reader's workspace, grouped: their own affairs, their society's work,
    /// and administration, each group holding only what their roles allow.
    pub fn workspace(&self) -> Vec<NavGroup> {
        let Some(v) = &self.viewer else {
            return Vec::new();
        };
        let only = |shown: bool, link: (&'static str, &'static str)| shown.then_some(link);
        let groups = [
            (
                "workspace-mine",
                vec![
                    Some(("/account/profile", "nav-profile")),
                    Some(("/account/recognition", "nav-recognition")),
                    Some(("/applications", "nav-applications")),
                    Some(("/account/certificates", "nav-certificates")),
                    Some(("/inbox", "nav-inbox")),
                    Some(("/account", "nav-account")),
                ],
            ),
            (
                "workspace-society",
                vec![
                    only(v.attests, ("/queues/attestation", "queue-attestation")),
                    only(v.reviews, ("/queues/review", "queue-review")),
                    only(v.administers_society, ("/admin/overdue", "queue-overdue")),
                    only(v.administers_society, ("/admin/roster", "nav-roster")),
                    only(v.attests || v.reviews, ("/admin/alerts", "nav-alerts")),
                    only(
                        v.attests || v.reviews,
                        ("/admin/engineers", "nav-engineers"),
                    ),
                ],
            ),
            (
                "workspace-admin",
                vec![
                    only(v.edits_register, ("/admin/register", "nav-register")),
                    only(v.manages_users, ("/admin/users", "nav-users")),
                    only(v.reads_audit, ("/admin/audit", "nav-audit")),
                ],
            ),
        ];
        groups
            .into_iter()
            .map(|(label, links)| NavGroup {
                label,
                links: self.links(&links.into_iter().flatten().collect::<Vec<_>>()),
            })
            .filter(|g| !g.links.is_empty())
            .collect()
    }

    /// Whether the page shown is one of the workspace's, so its menu can say so when closed.
    pub fn in_workspace(&self) -> bool {
        self.workspace()
            .iter()
            .any(|g| g.links.iter().any(|l| l.current))
    }

    fn links(&self, links: &[(&'static str, &'static str)]) -> Vec<NavLink> {
        links
            .iter()
            .map(|&(href, label)| NavLink {
                href,
                label,
                current: label == self.nav,
            })
            .collect()
    }
}

/// Whether the principal holds one of `roles` in some society.
fn holds_any(p: &wanqiao_domain::Principal, roles: &[Role]) -> bool {
    p.grants
        .iter()
        .any(|g| roles.contains(&g.role) && g.society.is_some())
}

fn render(page: impl Template) -> PageResult {
    Ok(Html(page.render()?))
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    c: Chrome<'a>,
    status: u16,
    title: String,
    message: String,
}

/// Chooses the language for the request, remembers an explicit choice in a cookie, and
/// dresses failed pages in the reader's language.
async fn page_layer(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let (locale, chosen) = choose_locale(&request);
    let path = request.uri().path().to_string();
    let viewer = request.extensions().get::<Identity>().and_then(|id| {
        id.principal.as_ref().map(|p| Viewer {
            name: p.display_name.clone(),
            csrf_token: id.csrf_token().map(str::to_string),
            manages_users: p.is_platform_admin() || !p.administered().is_empty(),
            reads_audit: p.may_read_audit(),
            edits_register: admin_register::edits_register(p),
            attests: p.is_platform_admin() || holds_any(p, &[Role::Attestor, Role::SocietyAdmin]),
            reviews: p.is_platform_admin() || holds_any(p, &[Role::Reviewer, Role::SocietyAdmin]),
            administers_society: p.is_platform_admin() || !p.administered().is_empty(),
        })
    });
    request
        .extensions_mut()
        .insert(Lang(locale, viewer.clone()));

    let address = request
        .uri()
        .path_and_query()
        .map_or_else(|| path.clone(), |p| p.as_str().to_string());
    let mut response = ADDRESS.scope(address.clone(), next.run(request)).await;
    if let Some(PageFailure(status)) = response.extensions().get::<PageFailure>().copied() {
        response = ADDRESS.sync_scope(address, || {
            error_page(&state, Lang(locale, viewer), &path, status)
        });
    }
    if let Some(l) = chosen {
        let cookie = format!("lang={}; Path=/; Max-Age=31536000; SameSite=Lax", l.tag());
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    // Appended: a page that also answers by `Accept` (a certificate's `id` URL) keeps it.
    response.headers_mut().append(
        header::VARY,
        HeaderValue::from_static("Accept-Language, Cookie"),
    );
    response
}

/// The page language, and the language explicitly asked for with `?lang=`, if any.
fn choose_locale(request: &Request) -> (Locale, Option<Locale>) {
    let params = Params::parse(request.uri().query().unwrap_or_default());
    let header = |name| {
        request
            .headers()
            .get(name)
            .and_then(|v: &HeaderValue| v.to_str().ok())
    };
    let cookie = crate::auth::cookies::get(request.headers(), "lang");
    let locale = i18n::negotiate(params.get("lang"), cookie, header(header::ACCEPT_LANGUAGE));
    let chosen = params
        .get("lang")
        .and_then(Locale::from_tag)
        .filter(|l| PAGE_LOCALES.contains(l));
    (locale, chosen)
}

fn error_page(state: &AppState, lang: Lang, path: &str, status: StatusCode) -> Response {
    let c = Chrome::new(state, lang, path, "");
    let (title, message) = if status == StatusCode::NOT_FOUND {
        (
            c.tr.t("error-not-found-title"),
            c.tr.t("error-not-found-body"),
        )
    } else if status == StatusCode::FORBIDDEN {
        (
            c.tr.t("error-forbidden-title"),
            c.tr.t("error-forbidden-body"),
        )
    } else if status == StatusCode::CONFLICT {
        (
            c.tr.t("error-conflict-title"),
            c.tr.t("error-conflict-body"),
        )
    } else {
        (c.tr.t("error-server-title"), c.tr.t("error-server-body"))
    };
    let page = ErrorPage {
        c,
        status: status.as_u16(),
        title,
        message,
    };
    match page.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "error page failed to render");
            status.into_response()
        }
    }
}
