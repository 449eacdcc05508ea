//! A society's entry: platform admins add, edit and retire societies; a society's own admins
//! keep its profile, and see its role, region and sample flag without changing them.

use super::admin_register::{
    Caller, Choice, Errors, Fields, Shown, TextInput, common_field, explain, patch_between,
    put_text, read_date, read_opt_text, read_text,
};
use super::{Chrome, Lang};
use crate::auth::PageUser;
use crate::error::PageError;
use crate::service::register as service;
use crate::{AppState, Tr, views};
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use wanqiao_domain::{Jurisdiction, Society, SocietyRole};

#[derive(Template)]
#[template(path = "register_society.html")]
struct SocietyPage<'a> {
    c: Chrome<'a>,
    csrf_token: String,
    /// The society edited; none for a new one.
    editing: Option<String>,
    action: String,
    heading: String,
    f: Fields,
    names: TextInput,
    supervised_by: TextInput,
    /// Whether region, role and sample flag are the reader's to set (platform admins).
    reserved: bool,
    jurisdictions: Vec<Choice>,
    roles: Vec<Choice>,
    /// The region, role and sample flag as they stand, for readers who may not change them.
    reserved_facts: Vec<(String, String)>,
    may_retire: bool,
    errors: Errors,
}

/// The form filled with a society as it is.
fn fields_of(s: &Society) -> Fields {
    let mut f = Fields::default();
    f.set("id", &s.id);
    put_text(&mut f, "name", Some(&s.names));
    f.set("abbreviation", &s.abbreviation);
    f.set("jurisdiction", s.jurisdiction.code());
    f.set("role", s.role.code());
    if s.sample {
        f.set("sample", "on");
    }
    f.set("website", s.website.clone().unwrap_or_default());
    f.set(
        "founded_on",
        s.founded_on.map(|d| d.to_string()).unwrap_or_default(),
    );
    put_text(&mut f, "supervised", s.supervised_by.as_ref());
    f.set(
        "contact",
        s.working_group_contact.clone().unwrap_or_default(),
    );
    f
}

/// The society the form describes. `current` gives the id of an edited society, and its
/// region, role and sample flag when the reader may not set them (`reserved` false).
fn read(tr: &Tr, f: &Fields, current: Option<&Society>, reserved: bool) -> Result<Society, Errors> {
    let mut errors = Errors::default();
    let founded_on = read_date(tr, f, "founded_on", &mut errors);
    let supervised_by = read_opt_text(tr, f, "supervised", &mut errors);
    let kept = current.filter(|_| !reserved);
    let jurisdiction = match kept {
        Some(s) => Some(s.jurisdiction),
        None => f.get("jurisdiction").parse::<Jurisdiction>().ok(),
    };
    let role = match kept {
        Some(s) => Some(s.role),
        None => SocietyRole::parse(f.get("role")),
    };
    if jurisdiction.is_none() {
        errors.add("jurisdiction", tr.t("reg-error-choose"));
    }
    if role.is_none() {
        errors.add("role", tr.t("reg-error-choose"));
    }
    let (Some(jurisdiction), Some(role), true) = (jurisdiction, role, errors.is_empty()) else {
        return Err(errors);
    };
    Ok(Society {
        id: current.map_or_else(|| f.text("id"), |s| s.id.clone()),
        names: read_text(f, "name"),
        abbreviation: f.text("abbreviation"),
        jurisdiction,
        role,
        sample: kept.map_or_else(|| f.checked("sample"), |s| s.sample),
        website: f.opt("website"),
        founded_on,
        supervised_by,
        working_group_contact: f.opt("contact"),
    })
}

/// Renders the form: new when `current` is none.
fn page(
    state: &AppState,
    caller: &Caller,
    current: Option<&Society>,
    f: Fields,
    shown: Shown,
) -> Result<Response, PageError> {
    let here = match current {
        Some(s) => format!("/admin/societies/{}/edit", s.id),
        None => "/admin/societies/new".to_string(),
    };
    let c = caller.chrome(state, &here);
    let tr = &c.tr;
    let reserved = caller.me.may_manage_register();
    let heading = match current {
        Some(s) => tr.t1("reg-society-edit-title", "name", s.names.get(tr.locale)),
        None => tr.t("reg-society-new-title"),
    };
    let jurisdictions = Choice::list(
        &f,
        "jurisdiction",
        Jurisdiction::ALL
            .into_iter()
            .map(|j| (j.code().to_string(), views::jurisdiction(tr, j)))
            .collect(),
    );
    let roles = Choice::list(
        &f,
        "role",
        SocietyRole::ALL
            .into_iter()
            .map(|r| (r.code().to_string(), views::role(tr, r)))
            .collect(),
    );
    let reserved_facts = match current {
        Some(s) if !reserved => vec![
            (
                tr.t("col-jurisdiction"),
                views::jurisdiction(tr, s.jurisdiction),
            ),
            (tr.t("col-role"), views::role(tr, s.role)),
            (
                tr.t("reg-field-sample"),
                tr.t(if s.sample { "reg-yes" } else { "reg-no" }),
            ),
        ],
        _ => Vec::new(),
    };
    let page = SocietyPage {
        csrf_token: caller.csrf_token.clone(),
        editing: current.map(|s| s.id.clone()),
        action: here.clone(),
        heading,
        names: TextInput::new(tr, "name", tr.t("reg-field-names"), &f, false),
        supervised_by: TextInput::new(tr, "supervised", tr.t("reg-field-supervised-by"), &f, true)
            .hint(tr.t("reg-supervised-hint")),
        reserved,
        jurisdictions,
        roles,
        reserved_facts,
        may_retire: current.is_some() && reserved,
        errors: shown.errors,
        f,
        c,
    };
    Ok((shown.status, Html(page.render()?)).into_response())
}

/// Where a refusal of the service about a society belongs on the form.
fn place(tr: &Tr, f: &crate::error::FieldError) -> Option<(String, String)> {
    common_field(tr, &f.name)
}

pub async fn new_form(
    State(state): State<AppState>,
    lang: Lang,
    user: PageUser,
) -> Result<Response, PageError> {
    let caller = Caller::new(lang, user);
    if !caller.me.may_manage_register() {
        return Err(PageError::Forbidden);
    }
    let mut f = Fields::default();
    f.set("jurisdiction", Jurisdiction::Gd.code());
    f.set("role", SocietyRole::Consulting.code());
    page(&state, &caller, None, f, Shown::fresh())
}

pub async fn create(
    State(state): State<AppState>,
    lang: Lang,
    user: PageUser,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let caller = Caller::new(lang, user);
    if !caller.me.may_manage_register() {
        return Err(PageError::Forbidden);
    }
    let f = Fields::new(pairs);
    let tr = caller.tr(&state);
    let shown = match read(&tr, &f, None, true) {
        Err(errors) => Shown::invalid(errors),
        Ok(society) => match service::create_society(&state, &caller.me, society).await {
            Ok(s) => return Ok(Redirect::to(&format!("/societies/{}", s.id)).into_response()),
            Err(e) => explain(&tr, e, |x| place(&tr, x))?,
        },
    };
    page(&state, &caller, None, f, shown)
}

/// The society `id`, when the caller may edit it.
async fn editable(state: &AppState, caller: &Caller, id: &str) -> Result<Society, PageError> {
    if !caller.me.may_manage_society(id) {
        return Err(PageError::Forbidden);
    }
    state.store.society(id).await?.ok_or(PageError::NotFound)
}

pub async fn edit_form(
    State(state): State<AppState>,
    lang: Lang,
    user: PageUser,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let caller = Caller::new(lang, user);
    let society = editable(&state, &caller, &id).await?;
    let f = fields_of(&society);
    page(&state, &caller, Some(&society), f, Shown::fresh())
}

pub async fn update(
    State(state): State<AppState>,
    lang: Lang,
    user: PageUser,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let caller = Caller::new(lang, user);
    let society = editable(&state, &caller, &id).await?;
    let f = Fields::new(pairs);
    let tr = caller.tr(&state);
    let done = Redirect::to(&format!("/societies/{id}")).into_response();
    let reserved = caller.me.may_manage_register();
    let shown = match read(&tr, &f, Some(&society), reserved) {
        Err(errors) => Shown::invalid(errors),
        Ok(next) => {
            let Some(patch) = patch_between(&society, &next) else {
                return Ok(done);
            };
            match service::update_society(&state, &caller.me, &id, &patch).await {
                Ok(_) => return Ok(done),
                Err(e) => explain(&tr, e, |x| place(&tr, x))?,
            }
        }
    };
    page(&state, &caller, Some(&society), f, shown)
}

pub async fn retire(
    State(state): State<AppState>,
    lang: Lang,
    user: PageUser,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let caller = Caller::new(lang, user);
    let tr = caller.tr(&state);
    let shown = if Fields::new(pairs).checked("confirm") {
        match service::retire_society(&state, &caller.me, &id).await {
            Ok(()) => return Ok(Redirect::to("/admin/register").into_response()),
            Err(e) => explain(&tr, e, |_| None)?.at("confirm"),
        }
    } else {
        if !caller.me.may_manage_register() {
            return Err(PageError::Forbidden);
        }
        let mut errors = Errors::default();
        errors.add("confirm", tr.t("reg-error-confirm"));
        Shown::invalid(errors)
    };
    let society = editable(&state, &caller, &id).await?;
    let f = fields_of(&society);
    page(&state, &caller, Some(&society), f, shown)
}
