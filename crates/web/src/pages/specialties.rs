//! Specialties and the ladders that agreements bridge.

use super::{Chrome, Lang, PageResult, render};
use crate::auth::Identity;
use crate::{AppState, views};
use askama::Template;
use axum::extract::State;
use wanqiao_domain::AgreementStatus;
use wanqiao_store::Page;
use wanqiao_store::agreements::AgreementFilter;

pub struct Row {
    pub id: String,
    pub name: String,
    pub batch: u32,
    pub status: String,
    pub in_force: usize,
    pub intents: usize,
    pub sample: bool,
}

pub struct LadderView {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub jurisdiction: String,
    pub levels: Vec<String>,
    pub sample: bool,
}

#[derive(Template)]
#[template(path = "specialties.html")]
struct ListPage<'a> {
    c: Chrome<'a>,
    /// Whether the reader may edit specialties and the ladders kept by no society.
    may_edit: bool,
    rows: Vec<Row>,
    ladders: Vec<LadderView>,
}

pub async fn list(State(state): State<AppState>, lang: Lang, identity: Identity) -> PageResult {
    let may_edit = identity.principal.is_some_and(|p| p.may_manage_register());
    let specialties = state.store.specialties(Page::ALL).await?.items;
    let agreements = state
        .store
        .agreements(&AgreementFilter::default(), Page::ALL)
        .await?
        .items;
    let frameworks = state.store.frameworks(Page::ALL).await?.items;
    let c = Chrome::new(&state, lang, "/specialties", "nav-specialties");
    let tr = &c.tr;
    let rows = specialties
        .into_iter()
        .map(|s| {
            let with = |st: AgreementStatus| {
                agreements
                    .iter()
                    .filter(|a| a.specialty == s.id && a.status == st)
                    .count()
            };
            Row {
                name: s.names.get(tr.locale).to_string(),
                batch: s.batch,
                status: tr.t(&format!("specialty-status-{}", s.status.code())),
                in_force: with(AgreementStatus::InForce),
                intents: with(AgreementStatus::Intent),
                sample: s.sample,
                id: s.id,
            }
        })
        .collect();
    let ladders = frameworks
        .into_iter()
        .filter(|f| f.owner.is_none())
        .map(|f| LadderView {
            id: f.id.clone(),
            name: f.names.get(tr.locale).to_string(),
            kind: views::framework_kind(tr, f.kind),
            jurisdiction: views::jurisdiction(tr, f.jurisdiction),
            levels: f
                .levels
                .iter()
                .map(|l| l.names.get(tr.locale).to_string())
                .collect(),
            sample: f.sample,
        })
        .collect();
    render(ListPage {
        c,
        may_edit,
        rows,
        ladders,
    })
}
