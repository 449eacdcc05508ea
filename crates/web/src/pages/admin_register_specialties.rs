//! A specialty's entry: platform admins add, edit and retire specialties.

use super::admin_register::{
    Caller, Choice, Errors, Fields, Shown, TextInput, common_field, explain, patch_between,
    put_text, read_text,
};
use super::{Chrome, Lang};
use crate::auth::PageUser;
use crate::error::PageError;
use crate::service::register as service;
use crate::{AppState, Tr};
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use wanqiao_domain::{Specialty, SpecialtyStatus};

#[derive(Template)]
#[template(path = "register_specialty.html")]
struct SpecialtyPage<'a> {
    c: Chrome<'a>,
    csrf_token: String,
    /// The specialty edited; none for a new one.
    editing: Option<String>,
    action: String,
    heading: String,
    f: Fields,
    names: TextInput,
    statuses: Vec<Choice>,
    errors: Errors,
}

fn fields_of(s: &Specialty) -> Fields {
    let mut f = Fields::default();
    f.set("id", &s.id);
    put_text(&mut f, "name", Some(&s.names));
    f.set("batch", s.batch.to_string());
    f.set("status", s.status.code());
    if s.sample {
        f.set("sample", "on");
    }
    f
}

fn read(tr: &Tr, f: &Fields, current: Option<&Specialty>) -> Result<Specialty, Errors> {
    let mut errors = Errors::default();
    let batch = f.text("batch").parse::<u32>().ok();
    if batch.is_none() {
        errors.add("batch", tr.t("reg-error-batch"));
    }
    let status = SpecialtyStatus::parse(f.get("status"));
    if status.is_none() {
        errors.add("status", tr.t("reg-error-choose"));
    }
    let (Some(batch), Some(status)) = (batch, status) else {
        return Err(errors);
    };
    Ok(Specialty {
        id: current.map_or_else(|| f.text("id"), |s| s.id.clone()),
        names: read_text(f, "name"),
        batch,
        status,
        sample: f.checked("sample"),
    })
}

fn page(
    state: &AppState,
    caller: &Caller,
    current: Option<&Specialty>,
    f: Fields,
    shown: Shown,
) -> Result<Response, PageError> {
    let here = match current {
        Some(s) => format!("/admin/specialties/{}/edit", s.id),
        None => "/admin/specialties/new".to_string(),
    };
    let c = caller.chrome(state, &here);
    let tr = &c.tr;
    let heading = match current {
        Some(s) => tr.t1("reg-specialty-edit-title", "name", s.names.get(tr.locale)),
        None => tr.t("reg-specialty-new-title"),
    };
    let statuses = Choice::list(
        &f,
        "status",
        [SpecialtyStatus::Pilot, SpecialtyStatus::Active]
            .into_iter()
            .map(|s| {
                let code = s.code();
                (code.to_string(), tr.t(&format!("specialty-status-{code}")))
            })
            .collect(),
    );
    let page = SpecialtyPage {
        csrf_token: caller.csrf_token.clone(),
        editing: current.map(|s| s.id.clone()),
        action: here.clone(),
        heading,
        names: TextInput::new(tr, "name", tr.t("reg-field-names"), &f, false),
        statuses,
        errors: shown.errors,
        f,
        c,
    };
    Ok((shown.status, Html(page.render()?)).into_response())
}

fn gate(caller: &Caller) -> Result<(), PageError> {
    if caller.me.may_manage_register() {
        Ok(())
    } else {
        Err(PageError::Forbidden)
    }
}

async fn editable(state: &AppState, caller: &Caller, id: &str) -> Result<Specialty, PageError> {
    gate(caller)?;
    state.store.specialty(id).await?.ok_or(PageError::NotFound)
}

/// After a specialty is saved: its agreements, the public view of a specialty.
fn done(id: &str) -> Response {
    Redirect::to(&format!("/agreements?specialty={id}")).into_response()
}

pub async fn new_form(
    State(state): State<AppState>,
    lang: Lang,
    user: PageUser,
) -> Result<Response, PageError> {
    let caller = Caller::new(lang, user);
    gate(&caller)?;
    let mut f = Fields::default();
    f.set("batch", "1");
    f.set("status", SpecialtyStatus::Pilot.code());
    page(&state, &caller, None, f, Shown::fresh())
}

pub async fn create(
    State(state): State<AppState>,
    lang: Lang,
    user: PageUser,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let caller = Caller::new(lang, user);
    gate(&caller)?;
    let f = Fields::new(pairs);
    let tr = caller.tr(&state);
    let shown = match read(&tr, &f, None) {
        Err(errors) => Shown::invalid(errors),
        Ok(s) => match service::create_specialty(&state, &caller.me, s).await {
            Ok(s) => return Ok(done(&s.id)),
            Err(e) => explain(&tr, e, |x| common_field(&tr, &x.name))?,
        },
    };
    page(&state, &caller, None, f, shown)
}

pub async fn edit_form(
    State(state): State<AppState>,
    lang: Lang,
    user: PageUser,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let caller = Caller::new(lang, user);
    let specialty = editable(&state, &caller, &id).await?;
    let f = fields_of(&specialty);
    page(&state, &caller, Some(&specialty), f, Shown::fresh())
}

pub async fn update(
    State(state): State<AppState>,
    lang: Lang,
    user: PageUser,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let caller = Caller::new(lang, user);
    let specialty = editable(&state, &caller, &id).await?;
    let f = Fields::new(pairs);
    let tr = caller.tr(&state);
    let shown = match read(&tr, &f, Some(&specialty)) {
        Err(errors) => Shown::invalid(errors),
        Ok(next) => {
            let Some(patch) = patch_between(&specialty, &next) else {
                return Ok(done(&id));
            };
            match service::update_specialty(&state, &caller.me, &id, &patch).await {
                Ok(_) => return Ok(done(&id)),
                Err(e) => explain(&tr, e, |x| common_field(&tr, &x.name))?,
            }
        }
    };
    page(&state, &caller, Some(&specialty), f, shown)
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
        match service::retire_specialty(&state, &caller.me, &id).await {
            Ok(()) => return Ok(Redirect::to("/admin/register").into_response()),
            Err(e) => explain(&tr, e, |_| None)?.at("confirm"),
        }
    } else {
        gate(&caller)?;
        let mut errors = Errors::default();
        errors.add("confirm", tr.t("reg-error-confirm"));
        Shown::invalid(errors)
    };
    let specialty = editable(&state, &caller, &id).await?;
    let f = fields_of(&specialty);
    page(&state, &caller, Some(&specialty), f, shown)
}
