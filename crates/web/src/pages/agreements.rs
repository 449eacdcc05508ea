//! Agreements and letters of intent, with every rule read as a sentence.

use super::societies::status_class;
use super::{Chrome, Lang, PageResult, render};
use crate::AppState;
use crate::auth::Identity;
use crate::error::PageError;
use crate::params::Params;
use crate::views::{self, RuleView};
use askama::Template;
use axum::extract::{Path, State};
use wanqiao_domain::{AgreementStatus, Locale};
use wanqiao_store::Page;
use wanqiao_store::agreements::AgreementFilter;

pub struct Row {
    pub id: String,
    pub title: String,
    pub kind: String,
    pub status: String,
    pub status_class: &'static str,
    pub specialty: String,
    pub parties: usize,
    pub signed_on: String,
    pub sample: bool,
}

#[derive(Template)]
#[template(path = "agreements.html")]
struct ListPage<'a> {
    c: Chrome<'a>,
    heading: String,
    rows: Vec<Row>,
}

pub async fn list(State(state): State<AppState>, lang: Lang, q: Params) -> PageResult {
    let filter = AgreementFilter {
        status: q.get("status").and_then(AgreementStatus::parse),
        specialty: q.get("specialty").map(str::to_string),
        ..AgreementFilter::default()
    };
    let agreements = state.store.agreements(&filter, Page::ALL).await?.items;
    let catalogue = state.store.catalogue().await?;
    let c = Chrome::new(&state, lang, "/agreements", "nav-agreements");
    let tr = &c.tr;
    let locale = tr.locale;
    let specialty_name = |id: &str| {
        views::name(locale, catalogue.specialties.get(id).map(|s| &s.names), id).to_string()
    };
    let heading = match &filter.specialty {
        Some(id) => tr.t1("agreements-in-specialty", "specialty", specialty_name(id)),
        None => tr.t("agreements-title"),
    };
    let rows = agreements
        .into_iter()
        .map(|a| Row {
            title: a.titles.get(locale).to_string(),
            kind: views::agreement_kind(tr, a.kind),
            status: views::agreement_status(tr, a.status),
            status_class: status_class(a.status),
            specialty: specialty_name(&a.specialty),
            parties: a.parties.len(),
            signed_on: tr.opt_date(&a.signed_on),
            sample: a.sample,
            id: a.id,
        })
        .collect();
    render(ListPage { c, heading, rows })
}

pub struct Party {
    pub id: String,
    pub name: String,
    pub jurisdiction: String,
    pub sample: bool,
}

pub struct VersionView {
    pub number: u32,
    pub status: String,
    pub status_class: &'static str,
    pub effective_from: String,
    pub notes: Option<String>,
    pub rules: Vec<RuleView>,
}

#[derive(Template)]
#[template(path = "agreement.html")]
struct DetailPage<'a> {
    c: Chrome<'a>,
    id: String,
    title: String,
    kind: String,
    status: String,
    status_class: &'static str,
    specialty: String,
    specialty_id: String,
    signed_on: String,
    effective_from: String,
    effective_until: String,
    sample: bool,
    /// Whether the reader may edit the agreement and step it through its lifecycle.
    may_edit: bool,
    notes: Option<String>,
    parties: Vec<Party>,
    versions: Vec<VersionView>,
    /// The applications under this agreement, as the dashboards count them.
    panel: super::dashboard::Panel,
}

pub async fn detail(
    State(state): State<AppState>,
    lang: Lang,
    identity: Identity,
    Path(id): Path<String>,
) -> PageResult {
    let may_edit = identity.principal.is_some_and(|p| p.may_manage_register());
    let a = state
        .store
        .agreement(&id)
        .await?
        .ok_or(PageError::NotFound)?;
    let catalogue = state.store.catalogue().await?;
    let c = Chrome::new(&state, lang, &format!("/agreements/{id}"), "nav-agreements");
    let tr = &c.tr;
    let locale: Locale = tr.locale;
    let parties = a
        .parties
        .iter()
        .map(|p| {
            let s = catalogue.societies.get(p);
            Party {
                id: p.clone(),
                name: views::name(locale, s.map(|s| &s.names), p).to_string(),
                jurisdiction: s
                    .map(|s| views::jurisdiction(tr, s.jurisdiction))
                    .unwrap_or_default(),
                sample: s.is_some_and(|s| s.sample),
            }
        })
        .collect();
    let versions = a
        .versions
        .iter()
        .rev()
        .map(|v| VersionView {
            number: v.number,
            status: views::version_status(tr, v.status),
            status_class: match v.status {
                wanqiao_domain::VersionStatus::InForce => "in-force",
                wanqiao_domain::VersionStatus::Draft => "intent",
                _ => "other",
            },
            effective_from: tr.opt_date(&v.effective_from),
            notes: v.notes.clone(),
            rules: v
                .rules
                .iter()
                .map(|r| views::rule(tr, &catalogue, r))
                .collect(),
        })
        .collect();
    let panel = super::dashboard::agreement_panel(&state, tr, &catalogue, &a.id).await?;
    let page = DetailPage {
        panel,
        title: a.titles.get(locale).to_string(),
        kind: views::agreement_kind(tr, a.kind),
        status: views::agreement_status(tr, a.status),
        status_class: status_class(a.status),
        specialty: views::name(
            locale,
            catalogue.specialties.get(&a.specialty).map(|s| &s.names),
            &a.specialty,
        )
        .to_string(),
        specialty_id: a.specialty.clone(),
        signed_on: tr.opt_date(&a.signed_on),
        effective_from: tr.opt_date(&a.effective_from),
        effective_until: tr.opt_date(&a.effective_until),
        sample: a.sample,
        may_edit,
        notes: a.notes.as_ref().map(|n| n.get(locale).to_string()),
        parties,
        versions,
        id: a.id,
        c,
    };
    render(page)
}
