//! Managing accounts in the browser: the list, a new account, and one account with its roles
//! and access. Every rule and permission check is the service's, the same the API uses; these
//! handlers only read forms, call it, and show its refusals in the reader's language.

use super::{Chrome, Lang, PageResult, render};
use crate::auth::{Identity, PageUser};
use crate::error::PageError;
use crate::params::Params;
use crate::service::users::{
    self as service, GrantInput, MAX_NAME_CHARS, MIN_PASSWORD_CHARS, NewUser, Refusal, UserQuery,
};
use crate::{ApiError, AppState, Tr};
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;
use wanqiao_domain::{Date, Grant, Locale, Principal, Role};
use wanqiao_store::societies::SocietyFilter;
use wanqiao_store::users::User;
use wanqiao_store::users::UserOrder;
use wanqiao_store::{Page, StoreError};

/// One option of a select list.
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

use super::form::Errors;
use super::listing::{self, Column, Sort};
pub use super::listing::{Pager, page_of};

/// Societies as (id, name in the reader's language), in the register's order.
async fn society_names(
    state: &AppState,
    locale: Locale,
) -> Result<Vec<(String, String)>, PageError> {
    let societies = state
        .store
        .societies(&SocietyFilter::default(), Page::ALL)
        .await?;
    Ok(societies
        .items
        .into_iter()
        .map(|s| {
            let name = s.names.get(locale).to_string();
            (s.id, name)
        })
        .collect())
}

fn society_name<'a>(societies: &'a [(String, String)], id: &'a str) -> &'a str {
    societies
        .iter()
        .find(|(s, _)| s == id)
        .map_or(id, |(_, name)| name.as_str())
}

/// "Reviewer · Hong Kong Society of …", in the reader's language.
fn grant_label(tr: &Tr, societies: &[(String, String)], g: &Grant) -> String {
    let role = role_name(tr, g.role);
    match &g.society {
        Some(s) => format!("{role} · {}", society_name(societies, s)),
        None => role,
    }
}

fn role_name(tr: &Tr, role: Role) -> String {
    tr.t(&format!("role-name-{}", role.code()))
}

/// The roles the caller may give: all for platform admins, society roles for society admins.
fn role_choices(tr: &Tr, me: &Principal, selected: &str, none: Option<String>) -> Vec<Choice> {
    let none = none.map(|label| Choice {
        value: String::new(),
        label,
        selected: selected.is_empty(),
    });
    none.into_iter()
        .chain(
            Role::ALL
                .into_iter()
                .filter(|r| me.is_platform_admin() || r.is_society_role())
                .map(|r| Choice {
                    value: r.code().to_string(),
                    label: role_name(tr, r),
                    selected: r.code() == selected,
                }),
        )
        .collect()
}

/// The societies the caller may give roles in: all for platform admins (and "none", for the
/// platform-wide roles), their own for society admins.
fn society_choices(
    tr: &Tr,
    me: &Principal,
    societies: &[(String, String)],
    selected: &str,
) -> Vec<Choice> {
    let none = me.is_platform_admin().then(|| Choice {
        value: String::new(),
        label: tr.t("admin-society-none"),
        selected: selected.is_empty(),
    });
    none.into_iter()
        .chain(
            societies
                .iter()
                .filter(|(id, _)| me.may_manage_society(id))
                .map(|(id, name)| Choice {
                    value: id.clone(),
                    label: name.clone(),
                    selected: id == selected,
                }),
        )
        .collect()
}

fn nonempty(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

// ----- The list -------------------------------------------------------------------------

pub struct UserRow {
    pub id: String,
    pub name: String,
    pub email: String,
    pub roles: Vec<String>,
    pub disabled: bool,
}

#[derive(Template)]
#[template(path = "admin_users.html")]
struct ListPage<'a> {
    c: Chrome<'a>,
    lead: String,
    text: String,
    societies: Vec<Choice>,
    rows: Vec<UserRow>,
    /// Whether a search or society narrows the list, so an empty one offers to clear it.
    filtered: bool,
    sort: Sort,
    pager: Pager,
}

/// The orders the list offers, by email as it usually is.
const ORDER: [Column; 3] = [
    listing::asc("email"),
    listing::asc("name"),
    listing::desc("created"),
];

pub async fn list(
    State(state): State<AppState>,
    lang: Lang,
    PageUser(me, _): PageUser,
    q: Params,
) -> PageResult {
    let text = q.get("q").unwrap_or_default().to_string();
    let selected = q.get("society").unwrap_or_default().to_string();
    let sort = Sort::parse(
        &q,
        &ORDER,
        "/admin/users",
        &[("q", &text), ("society", &selected)],
    );
    let order = match sort.column {
        "name" => UserOrder::Name,
        "created" => UserOrder::Created,
        _ => UserOrder::Email,
    };
    let query = UserQuery {
        text: q.get("q").map(str::to_string),
        society: q.get("society").map(str::to_string),
        page: page_of(&q),
        order: (!sort.is_default()).then_some((order, sort.descending)),
    };
    let found = service::list(&state, &me, &query)
        .await
        .map_err(not_shown)?;
    let c = Chrome::new(&state, lang, "/admin/users", "nav-users");
    let tr = &c.tr;
    let names = society_names(&state, tr.locale).await?;
    let lead = if me.is_platform_admin() {
        tr.t("admin-users-lead-platform")
    } else {
        let mine: Vec<&str> = me
            .administered()
            .into_iter()
            .map(|s| society_name(&names, s))
            .collect();
        tr.t1("admin-users-lead-society", "societies", mine.join(" · "))
    };
    let selected = selected.as_str();
    let mut societies = vec![Choice {
        value: String::new(),
        label: tr.t(if me.is_platform_admin() {
            "admin-users-all-societies"
        } else {
            "admin-users-my-societies"
        }),
        selected: selected.is_empty(),
    }];
    societies.extend(
        names
            .iter()
            .filter(|(id, _)| me.may_manage_society(id))
            .map(|(id, name)| Choice {
                value: id.clone(),
                label: name.clone(),
                selected: id == selected,
            }),
    );
    let keep: Vec<(&str, &str)> = [("q", text.as_str()), ("society", selected)]
        .into_iter()
        .chain(sort.params())
        .collect();
    let pager = Pager::new(tr, "/admin/users", &keep, query.page, found.total);
    let rows = found
        .items
        .into_iter()
        .map(|u| UserRow {
            roles: u
                .grants
                .iter()
                .map(|g| grant_label(tr, &names, g))
                .collect(),
            id: u.id,
            name: u.display_name,
            email: u.email,
            disabled: u.disabled,
        })
        .collect();
    render(ListPage {
        c,
        lead,
        filtered: !text.is_empty() || !selected.is_empty(),
        text,
        societies,
        rows,
        sort,
        pager,
    })
}

// ----- Refusals, in the reader's language -----------------------------------------------

/// Where on a form a refusal belongs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    Email,
    Name,
    Password,
    Role,
    Society,
    General,
}

/// Errors a page cannot show next to a form become the error page: 403, 404, or 5xx.
fn not_shown(error: ApiError) -> PageError {
    match error {
        ApiError::Store(e) => PageError::Store(e),
        ApiError::NotFound { .. } | ApiError::NoRoute => PageError::NotFound,
        ApiError::Forbidden(_) | ApiError::Unauthorized(_) => PageError::Forbidden,
        // The service refuses only in the ways above or with a field or state refusal, which
        // the form handlers show themselves: anything else here is a defect, so a 500.
        other => {
            tracing::error!(error = %other, "a refusal the page cannot show");
            PageError::Store(StoreError::Corrupt(other.to_string()))
        }
    }
}

/// What a refused change says to the reader, where, and with which status; the refusals
/// that are not about the form become the error page.
fn explain(
    tr: &Tr,
    error: ApiError,
    grant: Option<&GrantInput>,
) -> Result<(Slot, String, StatusCode), PageError> {
    if let Some(r) = Refusal::of(&error) {
        return Ok((Slot::General, tr.t(r.message_id()), StatusCode::CONFLICT));
    }
    let invalid = StatusCode::UNPROCESSABLE_ENTITY;
    match &error {
        ApiError::Invalid { fields, .. } => {
            let field = fields.first().map_or("", |f| f.name.as_str());
            Ok(match field {
                "email" => (Slot::Email, tr.t("admin-error-email"), invalid),
                "display_name" => (
                    Slot::Name,
                    tr.t1("admin-error-name", "max", MAX_NAME_CHARS),
                    invalid,
                ),
                "password" => (
                    Slot::Password,
                    tr.t1("admin-error-password", "min", MIN_PASSWORD_CHARS),
                    invalid,
                ),
                "role" => (Slot::Role, tr.t("admin-error-role"), invalid),
                "grants" => (Slot::Role, tr.t("admin-error-grants"), invalid),
                "society" => (Slot::Society, tr.t(society_problem(grant)), invalid),
                _ => (Slot::General, tr.t("admin-error-unexpected"), invalid),
            })
        }
        // The one conflict the store raises here: the email address is taken.
        ApiError::Store(StoreError::Conflict(_)) => Ok((
            Slot::Email,
            tr.t("admin-error-email-taken"),
            StatusCode::CONFLICT,
        )),
        _ => Err(not_shown(error)),
    }
}

/// Why the society of a grant was refused, read from what was asked.
fn society_problem(grant: Option<&GrantInput>) -> &'static str {
    match grant.and_then(|g| Some((Role::parse(&g.role)?, g.society.is_some()))) {
        Some((role, false)) if role.is_society_role() => "admin-error-society-needed",
        Some((role, true)) if !role.is_society_role() => "admin-error-society-not-needed",
        _ => "admin-error-society-unknown",
    }
}

// ----- A new account --------------------------------------------------------------------

/// Puts a refusal next to the field of the new-account form it concerns.
fn place(errors: &mut Errors, slot: Slot, message: String) {
    let field = match slot {
        Slot::Email => "email",
        Slot::Name => "display_name",
        Slot::Password => "password",
        Slot::Role => "role",
        Slot::Society => "society",
        Slot::General => return errors.add_top(message),
    };
    errors.add(field, message);
}

#[derive(Template)]
#[template(path = "admin_user_new.html")]
struct NewPage<'a> {
    c: Chrome<'a>,
    csrf_token: String,
    email: String,
    display_name: String,
    roles: Vec<Choice>,
    societies: Vec<Choice>,
    password_hint: String,
    errors: Errors,
}

#[derive(Deserialize, Default)]
pub struct NewUserForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    society: String,
}

async fn new_page(
    state: &AppState,
    lang: Lang,
    me: &Principal,
    identity: &Identity,
    form: &NewUserForm,
    errors: Errors,
) -> PageResult {
    let c = Chrome::new(state, lang, "/admin/users/new", "nav-users");
    let names = society_names(state, c.tr.locale).await?;
    let none = me.is_platform_admin().then(|| c.tr.t("admin-role-none"));
    let page = NewPage {
        csrf_token: identity.csrf_token().unwrap_or_default().to_string(),
        email: form.email.clone(),
        display_name: form.display_name.clone(),
        roles: role_choices(&c.tr, me, &form.role, none),
        societies: society_choices(&c.tr, me, &names, &form.society),
        password_hint: c.tr.t1("admin-password-hint", "min", MIN_PASSWORD_CHARS),
        errors,
        c,
    };
    render(page)
}

pub async fn new_form(
    State(state): State<AppState>,
    lang: Lang,
    PageUser(me, identity): PageUser,
) -> PageResult {
    if !service::manages_users(&me) {
        return Err(PageError::Forbidden);
    }
    let form = NewUserForm {
        // Society admins give a society role: start with the first one.
        role: if me.is_platform_admin() {
            String::new()
        } else {
            Role::Reviewer.code().to_string()
        },
        ..NewUserForm::default()
    };
    new_page(&state, lang, &me, &identity, &form, Errors::default()).await
}

pub async fn create(
    State(state): State<AppState>,
    lang: Lang,
    PageUser(me, identity): PageUser,
    Form(form): Form<NewUserForm>,
) -> Result<Response, PageError> {
    let grant = nonempty(&form.role).map(|role| GrantInput {
        role,
        society: nonempty(&form.society),
    });
    let input = NewUser {
        email: form.email.trim().to_string(),
        display_name: form.display_name.clone(),
        password: (!form.password.is_empty()).then(|| form.password.clone()),
        grants: grant.iter().cloned().collect(),
    };
    match service::create(&state, &me, &input).await {
        Ok(user) => Ok(Redirect::to(&format!("/admin/users/{}", user.id)).into_response()),
        Err(error) => {
            let tr = state.i18n.tr(lang.0);
            let (slot, message, status) = explain(&tr, error, grant.as_ref())?;
            let mut errors = Errors::default();
            place(&mut errors, slot, message);
            let html = new_page(&state, lang, &me, &identity, &form, errors).await?;
            Ok((status, html).into_response())
        }
    }
}

// ----- One account ----------------------------------------------------------------------

pub struct RoleRow {
    pub label: String,
    pub role: &'static str,
    pub society: String,
    /// Whether the caller may take this role away.
    pub withdrawable: bool,
}

/// Messages shown with the part of the account page they concern.
#[derive(Default)]
struct Notes {
    roles: Option<String>,
    grant: Option<String>,
    access: Option<String>,
}

#[derive(Template)]
#[template(path = "admin_user.html")]
struct UserPage<'a> {
    c: Chrome<'a>,
    csrf_token: String,
    user: User,
    created: String,
    own: bool,
    reads_audit: bool,
    history: String,
    roles: Vec<RoleRow>,
    role_choices: Vec<Choice>,
    society_choices: Vec<Choice>,
    notes: Notes,
    /// The grant form's refusal, next to its role.
    grant_errors: Errors,
}

/// Who is asking, for the account page and its forms.
struct Caller {
    lang: Lang,
    me: Principal,
    identity: Identity,
}

async fn user_page(
    state: &AppState,
    caller: Caller,
    id: &str,
    asked: &GrantForm,
    notes: Notes,
    status: StatusCode,
) -> Result<Response, PageError> {
    let Caller { lang, me, identity } = caller;
    let user = service::get(state, &me, id).await.map_err(not_shown)?;
    let c = Chrome::new(state, lang, &format!("/admin/users/{id}"), "nav-users");
    let tr = &c.tr;
    let names = society_names(state, tr.locale).await?;
    let roles = user
        .grants
        .iter()
        .map(|g| RoleRow {
            label: grant_label(tr, &names, g),
            role: g.role.code(),
            society: g.society.clone().unwrap_or_default(),
            withdrawable: me.may_change_grant(g),
        })
        .collect();
    let created = user
        .created_at
        .get(..10)
        .and_then(|d| d.parse::<Date>().ok())
        .map_or_else(|| user.created_at.clone(), |d| tr.date(&d));
    let history = format!(
        "/admin/audit?subject={}",
        form_urlencoded::byte_serialize(format!("user:{}", user.id).as_bytes()).collect::<String>()
    );
    let mut grant_errors = Errors::default();
    if let Some(m) = &notes.grant {
        grant_errors.add("role", m.clone());
    }
    let page = UserPage {
        csrf_token: identity.csrf_token().unwrap_or_default().to_string(),
        grant_errors,
        created,
        own: user.id == me.user_id,
        reads_audit: me.may_read_audit(),
        history,
        roles,
        role_choices: role_choices(tr, &me, &asked.role, None),
        society_choices: society_choices(tr, &me, &names, &asked.society),
        notes,
        user,
        c,
    };
    Ok((status, Html(page.render()?)).into_response())
}

pub async fn page(
    State(state): State<AppState>,
    lang: Lang,
    PageUser(me, identity): PageUser,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let caller = Caller { lang, me, identity };
    let asked = GrantForm::default();
    user_page(
        &state,
        caller,
        &id,
        &asked,
        Notes::default(),
        StatusCode::OK,
    )
    .await
}

#[derive(Deserialize, Default)]
pub struct GrantForm {
    #[serde(default)]
    role: String,
    #[serde(default)]
    society: String,
}

impl GrantForm {
    fn input(&self) -> GrantInput {
        GrantInput {
            role: self.role.trim().to_string(),
            society: nonempty(&self.society),
        }
    }
}

/// Which part of the account page a change belongs to.
#[derive(Clone, Copy)]
enum Change {
    Grant,
    Withdraw,
    Access,
}

/// Back to the account after a change, or the account again with what went wrong.
async fn after(
    state: &AppState,
    caller: Caller,
    id: &str,
    change: Change,
    asked: &GrantForm,
    result: Result<User, ApiError>,
) -> Result<Response, PageError> {
    let error = match result {
        Ok(_) => return Ok(Redirect::to(&format!("/admin/users/{id}")).into_response()),
        Err(e) => e,
    };
    let tr = state.i18n.tr(caller.lang.0);
    let (_, message, status) = explain(&tr, error, Some(&asked.input()))?;
    let mut notes = Notes::default();
    match change {
        Change::Grant => notes.grant = Some(message),
        Change::Withdraw => notes.roles = Some(message),
        Change::Access => notes.access = Some(message),
    }
    // A failed grant keeps its choices; after the other forms the grant form starts afresh.
    let fresh = GrantForm::default();
    let keep = match change {
        Change::Grant => asked,
        _ => &fresh,
    };
    user_page(state, caller, id, keep, notes, status).await
}

pub async fn grant(
    State(state): State<AppState>,
    lang: Lang,
    PageUser(me, identity): PageUser,
    Path(id): Path<String>,
    Form(form): Form<GrantForm>,
) -> Result<Response, PageError> {
    let result = service::grant(&state, &me, &id, &form.input()).await;
    let caller = Caller { lang, me, identity };
    after(&state, caller, &id, Change::Grant, &form, result).await
}

pub async fn withdraw(
    State(state): State<AppState>,
    lang: Lang,
    PageUser(me, identity): PageUser,
    Path(id): Path<String>,
    Form(form): Form<GrantForm>,
) -> Result<Response, PageError> {
    let result = service::withdraw(&state, &me, &id, &form.input()).await;
    let caller = Caller { lang, me, identity };
    after(&state, caller, &id, Change::Withdraw, &form, result).await
}

async fn set_disabled(
    state: AppState,
    caller: Caller,
    id: String,
    disabled: bool,
) -> Result<Response, PageError> {
    let result = service::set_disabled(&state, &caller.me, &id, disabled).await;
    let asked = GrantForm::default();
    after(&state, caller, &id, Change::Access, &asked, result).await
}

pub async fn disable(
    State(state): State<AppState>,
    lang: Lang,
    PageUser(me, identity): PageUser,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    set_disabled(state, Caller { lang, me, identity }, id, true).await
}

pub async fn enable(
    State(state): State<AppState>,
    lang: Lang,
    PageUser(me, identity): PageUser,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    set_disabled(state, Caller { lang, me, identity }, id, false).await
}
