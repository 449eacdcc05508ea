//! Societies: who takes part in the mechanism.

use super::names::{self, OtherName};
use super::{Chrome, Lang, PageResult, render};
use crate::auth::Identity;
use crate::error::PageError;
use crate::params::Params;
use crate::{AppState, views};
use askama::Template;
use axum::extract::{Path, State};
use wanqiao_domain::{Jurisdiction, SocietyRole};
use wanqiao_store::Page;
use wanqiao_store::agreements::AgreementFilter;
use wanqiao_store::societies::SocietyFilter;

pub struct Row {
    pub id: String,
    pub name: String,
    pub other_names: Vec<OtherName>,
    pub abbreviation: String,
    pub jurisdiction: String,
    pub role: String,
    pub sample: bool,
}

pub struct FilterLink {
    pub href: String,
    pub label: String,
    pub current: bool,
}

#[derive(Template)]
#[template(path = "societies.html")]
struct ListPage<'a> {
    c: Chrome<'a>,
    filters: Vec<FilterLink>,
    rows: Vec<Row>,
}

pub async fn list(State(state): State<AppState>, lang: Lang, q: Params) -> PageResult {
    let filter = SocietyFilter {
        jurisdiction: q.get("jurisdiction").and_then(|j| j.parse().ok()),
        role: q.get("role").and_then(SocietyRole::parse),
    };
    let societies = state.store.societies(&filter, Page::ALL).await?.items;
    let c = Chrome::new(&state, lang, "/societies", "nav-societies");
    let tr = &c.tr;
    let mut filters = vec![FilterLink {
        href: "/societies".into(),
        label: tr.t("filter-all"),
        current: filter.jurisdiction.is_none() && filter.role.is_none(),
    }];
    filters.extend(
        [Jurisdiction::Gd, Jurisdiction::Hk, Jurisdiction::Mo]
            .into_iter()
            .map(|j| FilterLink {
                href: format!("/societies?jurisdiction={}", j.code()),
                label: views::jurisdiction(tr, j),
                current: filter.jurisdiction == Some(j),
            }),
    );
    filters.extend(SocietyRole::ALL.into_iter().map(|r| FilterLink {
        href: format!("/societies?role={}", r.code()),
        label: views::role(tr, r),
        current: filter.role == Some(r),
    }));
    let rows = societies
        .into_iter()
        .map(|s| Row {
            name: names::shown(&s.names, tr.locale),
            other_names: names::others(&s.names, tr.locale),
            jurisdiction: views::jurisdiction(tr, s.jurisdiction),
            role: views::role(tr, s.role),
            sample: s.sample,
            abbreviation: s.abbreviation,
            id: s.id,
        })
        .collect();
    render(ListPage { c, filters, rows })
}

/// The names in the languages the reader is not reading, so every script can be searched
/// by eye.
pub struct AgreementLink {
    pub id: String,
    pub title: String,
    pub status: String,
    pub status_class: &'static str,
}

pub struct LadderView {
    pub id: String,
    pub name: String,
    pub levels: Vec<String>,
}

#[derive(Template)]
#[template(path = "society.html")]
struct DetailPage<'a> {
    c: Chrome<'a>,
    id: String,
    /// Whether the reader may edit the society and its ladders.
    may_edit: bool,
    name: String,
    other_names: Vec<OtherName>,
    abbreviation: String,
    jurisdiction: String,
    role: String,
    sample: bool,
    founded_on: Option<String>,
    supervised_by: Option<String>,
    website: Option<String>,
    contact: Option<String>,
    agreements: Vec<AgreementLink>,
    ladders: Vec<LadderView>,
    fellows: Vec<String>,
}

pub fn status_class(s: wanqiao_domain::AgreementStatus) -> &'static str {
    match s {
        wanqiao_domain::AgreementStatus::InForce => "in-force",
        wanqiao_domain::AgreementStatus::Intent => "intent",
        _ => "other",
    }
}

pub async fn detail(
    State(state): State<AppState>,
    lang: Lang,
    identity: Identity,
    Path(id): Path<String>,
) -> PageResult {
    let society = state.store.society(&id).await?.ok_or(PageError::NotFound)?;
    let may_edit = identity
        .principal
        .is_some_and(|p| p.may_manage_society(&id));
    let filter = AgreementFilter {
        society: Some(id.clone()),
        ..AgreementFilter::default()
    };
    let agreements = state.store.agreements(&filter, Page::ALL).await?.items;
    let frameworks = state.store.frameworks(Page::ALL).await?.items;
    let fellows = state.store.fellows(Some(&id), Page::ALL).await?.items;
    let c = Chrome::new(&state, lang, &format!("/societies/{id}"), "nav-societies");
    let tr = &c.tr;
    let locale = tr.locale;
    let page = DetailPage {
        name: names::shown(&society.names, locale),
        other_names: names::others(&society.names, locale),
        abbreviation: society.abbreviation.clone(),
        jurisdiction: views::jurisdiction(tr, society.jurisdiction),
        role: views::role(tr, society.role),
        sample: society.sample,
        founded_on: society.founded_on.map(|d| tr.date(&d)),
        supervised_by: society
            .supervised_by
            .as_ref()
            .map(|t| t.get(locale).to_string()),
        website: society.website.clone().filter(|w| !w.trim().is_empty()),
        contact: society.working_group_contact.clone(),
        agreements: agreements
            .iter()
            .map(|a| AgreementLink {
                id: a.id.clone(),
                title: a.titles.get(locale).to_string(),
                status: views::agreement_status(tr, a.status),
                status_class: status_class(a.status),
            })
            .collect(),
        ladders: frameworks
            .iter()
            .filter(|f| f.owner.as_deref() == Some(id.as_str()))
            .map(|f| LadderView {
                id: f.id.clone(),
                name: f.names.get(locale).to_string(),
                levels: f
                    .levels
                    .iter()
                    .map(|l| l.names.get(locale).to_string())
                    .collect(),
            })
            .collect(),
        fellows: fellows
            .iter()
            .map(|f| f.names.get(locale).to_string())
            .collect(),
        may_edit,
        id,
        c,
    };
    render(page)
}
