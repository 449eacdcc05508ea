//! An agreement as its TOML file, the reviewable artefact societies exchange: platform admins
//! write a new one, or edit the particulars and draft versions of one that exists. Every
//! problem in the file is shown with its line and field; status, kind and the versions that
//! are not drafts change on the lifecycle panel, never in the file.

use super::admin_register::{Caller, Errors, Fields, Shown, explain};
use super::{Chrome, Lang};
use crate::auth::PageUser;
use crate::error::PageError;
use crate::service::agreement_drafts::{self, Locked};
use crate::service::register as service;
use crate::{ApiError, AppState, Tr};
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use wanqiao_domain::agreement_file::{self, FileError};
use wanqiao_domain::{Agreement, Catalogue, Jurisdiction};

/// One problem of the file, located for the person editing it.
pub struct Problem {
    /// "Line 12 · field `parties[1]`", or empty when the problem has no place.
    pub place: String,
    pub message: String,
    /// Whether the message is the register's own words (English), not the reader's language.
    pub raw: bool,
}

#[derive(Template)]
#[template(path = "register_agreement_file.html")]
struct FilePage<'a> {
    c: Chrome<'a>,
    csrf_token: String,
    /// The agreement edited; none for a new one.
    editing: Option<String>,
    action: String,
    heading: String,
    text: String,
    problems: Vec<Problem>,
    /// Whether a problem is a change that only the lifecycle panel makes.
    locked: bool,
    errors: Errors,
}

fn place(tr: &Tr, line: Option<usize>, field: Option<&str>) -> String {
    match (line, field) {
        (Some(line), Some(field)) => tr.targs(
            "reg-file-at-line-field",
            &[("line", line.into()), ("field", field.into())],
        ),
        (Some(line), None) => tr.t1("reg-file-at-line", "line", line),
        (None, Some(field)) => tr.t1("reg-file-at-field", "field", field),
        (None, None) => String::new(),
    }
}

fn file_problem(tr: &Tr, e: FileError) -> Problem {
    Problem {
        place: place(tr, e.line, e.field.as_deref()),
        message: e.message,
        raw: true,
    }
}

/// The line of `key = …` among the agreement's own keys, before its first table.
fn key_line(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .take_while(|l| !l.trim_start().starts_with('['))
        .position(|l| l.split_once('=').is_some_and(|(k, _)| k.trim() == key))
        .map(|i| i + 1)
}

/// The line of `number = n` in a `[[version]]` table.
fn version_line(text: &str, number: u32) -> Option<usize> {
    let mut in_version = false;
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.starts_with('[') {
            in_version = line.replace(' ', "") == "[[version]]";
        } else if in_version
            && line.split_once('=').is_some_and(|(k, v)| {
                k.trim() == "number" && v.trim().parse::<u32>().ok() == Some(number)
            })
        {
            return Some(i + 1);
        }
    }
    None
}

fn locked_problem(tr: &Tr, text: &str, l: Locked) -> Problem {
    let (line, message) = match l {
        Locked::Version(n) => (
            version_line(text, n),
            tr.t1("reg-locked-version", "number", n),
        ),
        other => (
            key_line(text, other.field()),
            tr.t(&format!("reg-locked-{}", other.field())),
        ),
    };
    Problem {
        place: place(tr, line, Some(l.field())),
        message,
        raw: false,
    }
}

/// A file to start from: the shape of an agreement, with ids the register holds.
fn skeleton(catalogue: &Catalogue) -> String {
    let first = |ids: Vec<&String>, fallback: &str| {
        ids.first()
            .map_or_else(|| fallback.to_string(), |s| s.to_string())
    };
    // Recognition bridges regions: one party from Guangdong, one from Hong Kong or Macao.
    let in_region = |mainland: bool| {
        catalogue
            .societies
            .values()
            .find(|s| (s.jurisdiction == Jurisdiction::Gd) == mainland)
            .map(|s| &s.id)
    };
    let societies: Vec<&String> = [in_region(true), in_region(false)]
        .into_iter()
        .flatten()
        .collect();
    let specialty = first(catalogue.specialties.keys().collect(), "specialty-id");
    let from = catalogue.frameworks.values().find(|f| f.owner.is_none());
    let host = societies.get(1).copied();
    let to_level = host.and_then(|h| {
        catalogue
            .frameworks
            .values()
            .find(|f| f.owner.as_ref() == Some(h))
            .and_then(|f| f.levels.first())
    });
    let q = |s: &str| format!("\"{s}\"");
    let mut out = String::new();
    out.push_str("id = \"\"\nkind = \"letter-of-intent\"\nstatus = \"draft\"\n");
    out.push_str(&format!("specialty = {}\n", q(&specialty)));
    out.push_str(&format!(
        "parties = [{}]\n",
        societies
            .iter()
            .take(2)
            .map(|s| q(s))
            .collect::<Vec<_>>()
            .join(", ")
    ));
    out.push_str("sample = false\n\n[titles]\nzh-Hans = \"\"\nzh-Hant = \"\"\nen = \"\"\n");
    out.push_str("\n[[version]]\nnumber = 1\nstatus = \"draft\"\n");
    if let (Some(f), Some(h), Some(l)) = (from, host, to_level)
        && let Some(min) = f.levels.get(f.levels.len() / 2)
    {
        out.push_str(&format!(
            "\n# [[version.rule]]\n# from = {{ framework = {}, min_level = {} }}\n# to = {{ society = {}, level = {} }}\n# min_experience_years = 5\n# education = \"accredited\"\n",
            q(&f.id),
            q(&min.id),
            q(h),
            q(&l.id)
        ));
    }
    out
}

/// The file as typed, with what is wrong in it.
struct FileForm {
    text: String,
    problems: Vec<Problem>,
    locked: bool,
}

fn page(
    state: &AppState,
    caller: &Caller,
    current: Option<&Agreement>,
    form: FileForm,
    shown: Shown,
) -> Result<Response, PageError> {
    let here = match current {
        Some(a) => format!("/admin/agreements/{}/edit", a.id),
        None => "/admin/agreements/new".to_string(),
    };
    let c = caller.chrome(state, &here);
    let heading = match current {
        Some(a) => c.tr.t1(
            "reg-agreement-edit-title",
            "title",
            a.titles.get(c.tr.locale),
        ),
        None => c.tr.t("reg-agreement-new-title"),
    };
    let page = FilePage {
        csrf_token: caller.csrf_token.clone(),
        editing: current.map(|a| a.id.clone()),
        action: here.clone(),
        heading,
        text: form.text,
        problems: form.problems,
        locked: form.locked,
        errors: shown.errors,
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

fn shown_with(status: StatusCode) -> Shown {
    Shown {
        errors: Errors::default(),
        status,
    }
}

pub async fn new_form(
    State(state): State<AppState>,
    lang: Lang,
    user: PageUser,
) -> Result<Response, PageError> {
    let caller = Caller::new(lang, user);
    gate(&caller)?;
    let catalogue = state.store.catalogue().await?;
    let form = FileForm {
        text: skeleton(&catalogue),
        problems: Vec::new(),
        locked: false,
    };
    page(&state, &caller, None, form, Shown::fresh())
}

/// The problems of a refusal by the service, for the list beside the file; refusals that
/// are not about the file go to the top of the page or become the error page.
fn refused(tr: &Tr, error: ApiError) -> Result<(Vec<Problem>, Shown), PageError> {
    match error {
        ApiError::Invalid { fields, message } => {
            let mut problems: Vec<Problem> = fields
                .into_iter()
                .map(|f| Problem {
                    place: place(tr, None, Some(&f.name)),
                    message: f.message,
                    raw: true,
                })
                .collect();
            if problems.is_empty() {
                problems.push(Problem {
                    place: String::new(),
                    message,
                    raw: true,
                });
            }
            Ok((problems, shown_with(StatusCode::UNPROCESSABLE_ENTITY)))
        }
        other => Ok((Vec::new(), explain(tr, other, |_| None)?)),
    }
}

pub async fn create(
    State(state): State<AppState>,
    lang: Lang,
    user: PageUser,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let caller = Caller::new(lang, user);
    gate(&caller)?;
    let text = Fields::new(pairs).get("toml").to_string();
    let tr = caller.tr(&state);
    let catalogue = state.store.catalogue().await?;
    let (problems, shown) = match agreement_file::parse("agreement.toml", &text, &catalogue) {
        Err(errors) => (
            errors.into_iter().map(|e| file_problem(&tr, e)).collect(),
            shown_with(StatusCode::UNPROCESSABLE_ENTITY),
        ),
        Ok(a) => match service::create_agreement(&state, &caller.me, a).await {
            Ok(a) => {
                return Ok(Redirect::to(&format!("/admin/agreements/{}", a.id)).into_response());
            }
            Err(e) => refused(&tr, e)?,
        },
    };
    let form = FileForm {
        text,
        problems,
        locked: false,
    };
    page(&state, &caller, None, form, shown)
}

async fn editable(state: &AppState, caller: &Caller, id: &str) -> Result<Agreement, PageError> {
    gate(caller)?;
    state.store.agreement(id).await?.ok_or(PageError::NotFound)
}

pub async fn edit_form(
    State(state): State<AppState>,
    lang: Lang,
    user: PageUser,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let caller = Caller::new(lang, user);
    let a = editable(&state, &caller, &id).await?;
    let form = FileForm {
        text: agreement_file::to_toml(&a),
        problems: Vec::new(),
        locked: false,
    };
    page(&state, &caller, Some(&a), form, Shown::fresh())
}

pub async fn update(
    State(state): State<AppState>,
    lang: Lang,
    user: PageUser,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let caller = Caller::new(lang, user);
    let current = editable(&state, &caller, &id).await?;
    let text = Fields::new(pairs).get("toml").to_string();
    let tr = caller.tr(&state);
    let catalogue = state.store.catalogue().await?;
    let done = Redirect::to(&format!("/agreements/{id}")).into_response();
    let invalid = || shown_with(StatusCode::UNPROCESSABLE_ENTITY);
    let mut locked = false;
    let file = format!("{id}.toml");
    let (problems, shown) = match agreement_file::parse(&file, &text, &catalogue) {
        Err(errors) => (
            errors.into_iter().map(|e| file_problem(&tr, e)).collect(),
            invalid(),
        ),
        Ok(edited) => {
            let changes = agreement_drafts::locked_changes(&current, &edited);
            if !changes.is_empty() {
                locked = true;
                let problems = changes
                    .into_iter()
                    .map(|l| locked_problem(&tr, &text, l))
                    .collect();
                (problems, invalid())
            } else if edited == current {
                return Ok(done);
            } else {
                match agreement_drafts::replace_drafts(&state, &caller.me, &id, &edited).await {
                    Ok(_) => return Ok(done),
                    Err(e) => refused(&tr, e)?,
                }
            }
        }
    };
    let form = FileForm {
        text,
        problems,
        locked,
    };
    page(&state, &caller, Some(&current), form, shown)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locked_keys_are_found_on_their_lines() {
        let text = "id = \"a\"\nkind = \"agreement\"\nstatus = \"in-force\"\n\n[titles]\nen = \"A\"\n\n[[version]]\nnumber = 1\n\n[[version.rule]]\nnumber = 2\n\n[[version]]\nnumber = 2\n";
        assert_eq!(key_line(text, "status"), Some(3));
        assert_eq!(key_line(text, "kind"), Some(2));
        assert_eq!(key_line(text, "en"), None, "inside a table");
        assert_eq!(version_line(text, 1), Some(9));
        assert_eq!(version_line(text, 2), Some(15), "not the rule's key");
        assert_eq!(version_line(text, 3), None);
    }
}
