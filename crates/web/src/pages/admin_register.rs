//! Writing the register in the browser: what the register forms share (the fields as typed,
//! the messages next to them, the names in every language, the service's refusals in the
//! reader's language), and the index of what the reader may edit.
//!
//! Every rule and permission check is the service's, the same the API uses; the pages read
//! forms, call it, and show its refusals next to the field they concern.

use super::{Chrome, Lang, PageResult, render, societies::status_class};
use crate::auth::PageUser;
use crate::error::{FieldError, PageError};
use crate::routes::Routes;
use crate::{ApiError, AppState, Tr, views};
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use serde_json::{Map, Value};
use wanqiao_domain::{Date, LocalizedText, Principal};
use wanqiao_store::agreements::AgreementFilter;
use wanqiao_store::societies::SocietyFilter;
use wanqiao_store::{Page, StoreError};

/// The navigation entry of every register page.
pub const NAV: &str = "nav-register";

pub use super::form::{Choice, Errors, Fields};

/// One input of a text kept in several languages.
pub struct LangInput {
    pub name: String,
    pub label: String,
    pub value: String,
    pub lang: &'static str,
    pub required: bool,
}

/// A name (or other text) in every language, as a fieldset of one input per language.
pub struct TextInput {
    pub legend: String,
    pub hint: Option<String>,
    pub rows: Vec<LangInput>,
}

/// The languages of a text: (suffix of the field name, language tag, message of its name).
const LANGS: [(&str, &str, &str); 4] = [
    ("zh_hans", "zh-Hans", "reg-lang-zh-hans"),
    ("zh_hant", "zh-Hant", "reg-lang-zh-hant"),
    ("en", "en", "reg-lang-en"),
    ("pt", "pt", "reg-lang-pt"),
];

impl TextInput {
    /// The inputs `{prefix}_zh_hans` … `{prefix}_pt`; Portuguese is always optional, the
    /// others are required unless the whole text is.
    pub fn new(tr: &Tr, prefix: &str, legend: String, f: &Fields, optional: bool) -> TextInput {
        TextInput {
            legend,
            hint: None,
            rows: LANGS
                .iter()
                .map(|(suffix, tag, label)| {
                    let name = format!("{prefix}_{suffix}");
                    LangInput {
                        label: tr.t(label),
                        value: f.get(&name).to_string(),
                        lang: tag,
                        required: !optional && *suffix != "pt",
                        name,
                    }
                })
                .collect(),
        }
    }

    pub fn hint(mut self, hint: String) -> TextInput {
        self.hint = Some(hint);
        self
    }
}

/// Puts a text into the fields `{prefix}_zh_hans` … `{prefix}_pt`.
pub fn put_text(f: &mut Fields, prefix: &str, text: Option<&LocalizedText>) {
    let Some(t) = text else { return };
    f.set(&format!("{prefix}_zh_hans"), &t.zh_hans);
    f.set(&format!("{prefix}_zh_hant"), &t.zh_hant);
    f.set(&format!("{prefix}_en"), &t.en);
    f.set(&format!("{prefix}_pt"), t.pt.clone().unwrap_or_default());
}

/// The text typed in the fields `{prefix}_…`; a name left empty stays empty, for the
/// service to point at.
pub fn read_text(f: &Fields, prefix: &str) -> LocalizedText {
    LocalizedText {
        zh_hans: f.text(&format!("{prefix}_zh_hans")),
        zh_hant: f.text(&format!("{prefix}_zh_hant")),
        en: f.text(&format!("{prefix}_en")),
        pt: f.opt(&format!("{prefix}_pt")),
    }
}

/// An optional text: nothing when every language is empty; when some are given, all three
/// required ones must be, or the empty ones are marked.
pub fn read_opt_text(
    tr: &Tr,
    f: &Fields,
    prefix: &str,
    errors: &mut Errors,
) -> Option<LocalizedText> {
    let t = read_text(f, prefix);
    if t.zh_hans.is_empty() && t.zh_hant.is_empty() && t.en.is_empty() && t.pt.is_none() {
        return None;
    }
    for (suffix, value) in [
        ("zh_hans", &t.zh_hans),
        ("zh_hant", &t.zh_hant),
        ("en", &t.en),
    ] {
        if value.is_empty() {
            errors.add(
                &format!("{prefix}_{suffix}"),
                tr.t("reg-error-text-incomplete"),
            );
        }
    }
    Some(t)
}

/// A date field, `YYYY-MM-DD` as date inputs send it; nothing when empty, and a message when
/// it is not a date.
pub fn read_date(tr: &Tr, f: &Fields, name: &str, errors: &mut Errors) -> Option<Date> {
    let raw = f.opt(name)?;
    match wanqiao_domain::date::parse(&raw) {
        Ok(d) => Some(d),
        Err(_) => {
            errors.add(name, tr.t("reg-error-date"));
            None
        }
    }
}

/// Today in the Greater Bay Area (UTC+8, all three regions), for the dates forms suggest.
pub fn today(state: &AppState) -> Date {
    jiff::tz::Offset::constant(8)
        .to_datetime(state.now())
        .date()
}

/// The merge patch (RFC 7396) that turns `before` into `after`: changed values, `null` for
/// what was removed, nested objects patched key by key.
pub fn merge_diff(before: &Value, after: &Value) -> Value {
    match (before, after) {
        (Value::Object(b), Value::Object(a)) => {
            let mut patch = Map::new();
            for key in b.keys().filter(|k| !a.contains_key(*k)) {
                patch.insert(key.clone(), Value::Null);
            }
            for (key, value) in a {
                match b.get(key) {
                    Some(old) if old == value => {}
                    Some(old @ Value::Object(_)) if value.is_object() => {
                        patch.insert(key.clone(), merge_diff(old, value));
                    }
                    _ => {
                        patch.insert(key.clone(), value.clone());
                    }
                }
            }
            Value::Object(patch)
        }
        _ => after.clone(),
    }
}

/// The merge patch between two entries, or nothing when they are the same.
pub fn patch_between<T: serde::Serialize>(before: &T, after: &T) -> Option<Value> {
    let before = serde_json::to_value(before).expect("register entries serialise");
    let after = serde_json::to_value(after).expect("register entries serialise");
    let patch = merge_diff(&before, &after);
    patch
        .as_object()
        .is_some_and(|p| !p.is_empty())
        .then_some(patch)
}

/// The HTML field that a field named by the service is typed in, e.g. `names.zh-Hans` in
/// `name_zh_hans`, with the message for it in the reader's language; nothing for fields the
/// register forms share no words for.
pub fn common_field(tr: &Tr, field: &str) -> Option<(String, String)> {
    if let Some(tag) = field.strip_prefix("names.") {
        let suffix = LANGS.iter().find(|(_, t, _)| *t == tag)?.0;
        return Some((format!("name_{suffix}"), tr.t("reg-error-name-missing")));
    }
    let id = match field {
        "id" => "reg-error-id",
        "abbreviation" => "reg-error-abbreviation",
        "batch" => "reg-error-batch",
        "owner" => "reg-error-owner",
        "levels" => "reg-error-levels-empty",
        _ => return None,
    };
    Some((field.to_string(), tr.t(id)))
}

/// A refusal of the service, shown on the form that caused it: field errors next to their
/// fields (through `place`, which names the field and the message), conflicts at the top;
/// refusals that are not about the form become the error page.
pub fn explain(
    tr: &Tr,
    error: ApiError,
    place: impl Fn(&FieldError) -> Option<(String, String)>,
) -> Result<Shown, PageError> {
    let mut errors = Errors::default();
    match error {
        ApiError::Invalid { fields, message } => {
            if fields.is_empty() {
                errors.add_top(tr.t1("reg-refused", "reason", message));
            }
            for f in &fields {
                match place(f) {
                    Some((field, text)) => errors.add(&field, text),
                    None => errors.add_top(
                        tr.t1("reg-refused-field", "field", f.name.as_str()) + " " + &f.message,
                    ),
                }
            }
            Ok(Shown::invalid(errors))
        }
        ApiError::Conflict { message, .. } | ApiError::Store(StoreError::Conflict(message)) => {
            errors.add_top(tr.t1("reg-refused", "reason", message));
            Ok(Shown {
                errors,
                status: StatusCode::CONFLICT,
            })
        }
        other => Err(not_shown(other)),
    }
}

/// Errors a page cannot show next to a form become the error page: 403, 404, or 5xx.
pub fn not_shown(error: ApiError) -> PageError {
    match error {
        ApiError::Store(e) => PageError::Store(e),
        ApiError::NotFound { .. } | ApiError::NoRoute => PageError::NotFound,
        ApiError::Forbidden(_) | ApiError::Unauthorized(_) => PageError::Forbidden,
        other => {
            tracing::error!(error = %other, "a refusal the page cannot show");
            PageError::Store(StoreError::Corrupt(other.to_string()))
        }
    }
}

/// Whether the reader may edit anything in the register: platform admins everything,
/// society admins their society and its ladders.
pub fn edits_register(me: &Principal) -> bool {
    me.may_manage_register() || !me.administered().is_empty()
}

/// The reader of a register form: their language, who they are, and their session's CSRF
/// token for the hidden field of every form.
pub struct Caller {
    pub lang: Lang,
    pub me: Principal,
    pub csrf_token: String,
}

impl Caller {
    pub fn new(lang: Lang, user: PageUser) -> Caller {
        let PageUser(me, identity) = user;
        Caller {
            lang,
            me,
            csrf_token: identity.csrf_token().unwrap_or_default().to_string(),
        }
    }

    pub fn tr<'a>(&self, state: &'a AppState) -> Tr<'a> {
        state.i18n.tr(self.lang.0)
    }

    pub fn chrome<'a>(&self, state: &'a AppState, here: &str) -> Chrome<'a> {
        Chrome::new(state, self.lang.clone(), here, NAV)
    }
}

/// What a form shows with itself: the messages, and the status of the answer.
pub struct Shown {
    pub errors: Errors,
    pub status: StatusCode,
}

impl Shown {
    /// A form as it first shows: no messages, 200.
    pub fn fresh() -> Shown {
        Shown {
            errors: Errors::default(),
            status: StatusCode::OK,
        }
    }

    /// The messages for the top of the form shown next to `field` instead, for forms of
    /// one field (e.g. a confirmation).
    pub fn at(mut self, field: &str) -> Shown {
        for m in std::mem::take(&mut self.errors.top) {
            self.errors.add(field, m);
        }
        self
    }

    /// A form refused for what was typed in it: 422.
    pub fn invalid(errors: Errors) -> Shown {
        Shown {
            errors,
            status: StatusCode::UNPROCESSABLE_ENTITY,
        }
    }
}

/// The routes of the register pages.
pub fn routes() -> Routes {
    use super::admin_register_agreements as agreements;
    use super::admin_register_frameworks as frameworks;
    use super::admin_register_lifecycle as lifecycle;
    use super::admin_register_societies as societies;
    use super::admin_register_specialties as specialties;
    Routes::new()
        .get("/admin/register", index)
        .get("/admin/societies/new", societies::new_form)
        .post("/admin/societies/new", societies::create)
        .get("/admin/societies/{id}/edit", societies::edit_form)
        .post("/admin/societies/{id}/edit", societies::update)
        .post("/admin/societies/{id}/retire", societies::retire)
        .get("/admin/specialties/new", specialties::new_form)
        .post("/admin/specialties/new", specialties::create)
        .get("/admin/specialties/{id}/edit", specialties::edit_form)
        .post("/admin/specialties/{id}/edit", specialties::update)
        .post("/admin/specialties/{id}/retire", specialties::retire)
        .get("/admin/frameworks/new", frameworks::new_form)
        .post("/admin/frameworks/new", frameworks::create)
        .get("/admin/frameworks/{id}/edit", frameworks::edit_form)
        .post("/admin/frameworks/{id}/edit", frameworks::update)
        .post("/admin/frameworks/{id}/retire", frameworks::retire)
        .get("/admin/agreements/new", agreements::new_form)
        .post("/admin/agreements/new", agreements::create)
        .get("/admin/agreements/{id}", lifecycle::page)
        .get("/admin/agreements/{id}/edit", agreements::edit_form)
        .post("/admin/agreements/{id}/edit", agreements::update)
        .post("/admin/agreements/{id}/transitions", lifecycle::step)
}

// ----- The index ------------------------------------------------------------------------

pub struct Entry {
    pub name: String,
    pub detail: String,
    pub edit: String,
    pub view: Option<String>,
}

pub struct AgreementEntry {
    pub id: String,
    pub title: String,
    pub status: String,
    pub status_class: &'static str,
}

#[derive(Template)]
#[template(path = "register_index.html")]
struct IndexPage<'a> {
    c: Chrome<'a>,
    platform: bool,
    societies: Vec<Entry>,
    specialties: Vec<Entry>,
    frameworks: Vec<Entry>,
    agreements: Vec<AgreementEntry>,
}

pub async fn index(
    State(state): State<AppState>,
    lang: Lang,
    PageUser(me, _): PageUser,
) -> PageResult {
    if !edits_register(&me) {
        return Err(PageError::Forbidden);
    }
    let platform = me.may_manage_register();
    let c = Chrome::new(&state, lang, "/admin/register", NAV);
    let tr = &c.tr;
    let locale = tr.locale;
    let societies = state
        .store
        .societies(&SocietyFilter::default(), Page::ALL)
        .await?
        .items
        .into_iter()
        .filter(|s| me.may_manage_society(&s.id))
        .map(|s| Entry {
            name: s.names.get(locale).to_string(),
            detail: format!(
                "{} · {} · {}",
                s.abbreviation,
                views::jurisdiction(tr, s.jurisdiction),
                views::role(tr, s.role)
            ),
            edit: format!("/admin/societies/{}/edit", s.id),
            view: Some(format!("/societies/{}", s.id)),
        })
        .collect();
    let specialties = if platform {
        state
            .store
            .specialties(Page::ALL)
            .await?
            .items
            .into_iter()
            .map(|s| Entry {
                name: s.names.get(locale).to_string(),
                detail: format!(
                    "{} · {}",
                    tr.t1("batch-title", "batch", s.batch),
                    tr.t(&format!("specialty-status-{}", s.status.code()))
                ),
                edit: format!("/admin/specialties/{}/edit", s.id),
                view: Some(format!("/agreements?specialty={}", s.id)),
            })
            .collect()
    } else {
        Vec::new()
    };
    let frameworks = state
        .store
        .frameworks(Page::ALL)
        .await?
        .items
        .into_iter()
        .filter(|f| me.may_manage_framework(f.owner.as_deref()))
        .map(|f| Entry {
            name: f.names.get(locale).to_string(),
            detail: format!(
                "{} · {} · {}",
                views::framework_kind(tr, f.kind),
                views::jurisdiction(tr, f.jurisdiction),
                tr.t1("reg-levels-count", "count", f.levels.len())
            ),
            edit: format!("/admin/frameworks/{}/edit", f.id),
            view: None,
        })
        .collect();
    let agreements = if platform {
        state
            .store
            .agreements(&AgreementFilter::default(), Page::ALL)
            .await?
            .items
            .into_iter()
            .map(|a| AgreementEntry {
                title: a.titles.get(locale).to_string(),
                status: views::agreement_status(tr, a.status),
                status_class: status_class(a.status),
                id: a.id,
            })
            .collect()
    } else {
        Vec::new()
    };
    render(IndexPage {
        c,
        platform,
        societies,
        specialties,
        frameworks,
        agreements,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::register::merge_patch;
    use serde_json::json;

    #[test]
    fn a_diff_applied_as_a_merge_patch_gives_the_new_entry() {
        let before = json!({
            "id": "a", "names": { "zh-Hans": "甲", "en": "A", "pt": "A" },
            "website": "https://a.example", "sample": true, "levels": [1, 2]
        });
        let after = json!({
            "id": "a", "names": { "zh-Hans": "甲", "en": "B" },
            "sample": false, "levels": [1], "founded_on": "2020-07-11"
        });
        let patch = merge_diff(&before, &after);
        assert_eq!(
            patch,
            json!({
                "names": { "en": "B", "pt": null }, "website": null, "sample": false,
                "levels": [1], "founded_on": "2020-07-11"
            })
        );
        let mut patched = before.clone();
        merge_patch(&mut patched, &patch);
        assert_eq!(patched, after);
        assert_eq!(merge_diff(&after, &after), json!({}));
    }
}
