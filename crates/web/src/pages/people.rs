//! Honorary fellows and the working groups' exchange activities.

use super::names::{self, OtherName};
use super::{Chrome, Lang, PageResult, render};
use crate::{AppState, views};
use askama::Template;
use axum::extract::State;
use wanqiao_store::Page;

pub struct FellowRow {
    pub name: String,
    pub other_names: Vec<OtherName>,
    pub society: String,
    pub society_id: String,
    pub citation: String,
    pub appointed_on: String,
    pub sample: bool,
}

#[derive(Template)]
#[template(path = "fellows.html")]
struct FellowsPage<'a> {
    c: Chrome<'a>,
    rows: Vec<FellowRow>,
}

pub async fn fellows(State(state): State<AppState>, lang: Lang) -> PageResult {
    let fellows = state.store.fellows(None, Page::ALL).await?.items;
    let catalogue = state.store.catalogue().await?;
    let c = Chrome::new(&state, lang, "/fellows", "nav-fellows");
    let tr = &c.tr;
    let locale = tr.locale;
    let rows = fellows
        .into_iter()
        .map(|f| FellowRow {
            name: names::shown(&f.names, locale),
            other_names: names::others(&f.names, locale),
            society: views::name(
                locale,
                catalogue.societies.get(&f.society).map(|s| &s.names),
                &f.society,
            )
            .to_string(),
            citation: f.citation.get(locale).to_string(),
            appointed_on: tr.date(&f.appointed_on),
            sample: f.sample,
            society_id: f.society,
        })
        .collect();
    render(FellowsPage { c, rows })
}

pub struct ActivityRow {
    pub title: String,
    pub kind: String,
    pub held_on: String,
    pub notes: Option<String>,
    pub societies: Vec<(String, String)>,
    pub sample: bool,
}

#[derive(Template)]
#[template(path = "activities.html")]
struct ActivitiesPage<'a> {
    c: Chrome<'a>,
    rows: Vec<ActivityRow>,
}

pub async fn activities(State(state): State<AppState>, lang: Lang) -> PageResult {
    let activities = state.store.activities(None, Page::ALL).await?.items;
    let catalogue = state.store.catalogue().await?;
    let c = Chrome::new(&state, lang, "/activities", "nav-activities");
    let tr = &c.tr;
    let rows = activities
        .into_iter()
        .map(|a| ActivityRow {
            title: a.titles.get(tr.locale).to_string(),
            kind: tr.t(&format!("activity-kind-{}", a.kind.code())),
            held_on: tr.date(&a.held_on),
            notes: a.notes.as_ref().map(|n| n.get(tr.locale).to_string()),
            societies: a
                .societies
                .iter()
                .map(|id| {
                    let label = catalogue
                        .societies
                        .get(id)
                        .map(|s| s.abbreviation.clone())
                        .unwrap_or_else(|| id.clone());
                    (id.clone(), label)
                })
                .collect(),
            sample: a.sample,
        })
        .collect();
    render(ActivitiesPage { c, rows })
}
