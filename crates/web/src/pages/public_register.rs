//! The public register of recognised engineers, for employers and anyone who asks "is this
//! engineer recognised here?".

use super::{Chrome, Lang, PageResult, render};
use crate::params::Params;
use crate::{AppState, views};
use askama::Template;
use axum::extract::State;
use wanqiao_store::Page;
use wanqiao_store::public_register::RegisterQuery;

pub struct Entry {
    pub credential: String,
    pub name: String,
    pub other_names: String,
    pub society: String,
    pub specialty: String,
    pub level: String,
    pub issued: String,
    pub suspended: bool,
}

#[derive(Template)]
#[template(path = "public_register.html")]
struct RegisterPage<'a> {
    c: Chrome<'a>,
    q: String,
    specialties: Vec<(String, String, bool)>,
    total: u64,
    entries: Vec<Entry>,
}

pub async fn page(State(state): State<AppState>, lang: Lang, q: Params) -> PageResult {
    let query = RegisterQuery {
        text: q.get("q").map(str::to_string),
        specialty: q.get("specialty").map(str::to_string),
        society: q.get("society").map(str::to_string),
    };
    let found = state
        .store
        .public_register(
            &query,
            Page {
                limit: 100,
                offset: 0,
            },
        )
        .await?;
    let catalogue = state.store.catalogue().await?;
    let c = Chrome::new(&state, lang, "/register", "nav-public-register");
    let locale = c.tr.locale;
    let entries = found
        .items
        .into_iter()
        .map(|l| {
            let shown = l.holder.get(locale).to_string();
            let name = if shown.trim().is_empty() {
                l.holder.en.clone()
            } else {
                shown
            };
            let others: Vec<&str> = [
                l.holder.zh_hans.as_str(),
                l.holder.zh_hant.as_str(),
                l.holder.en.as_str(),
            ]
            .into_iter()
            .filter(|n| !n.is_empty() && *n != name)
            .collect();
            let level = l
                .level
                .as_deref()
                .and_then(|id| {
                    catalogue
                        .frameworks
                        .values()
                        .filter(|f| f.owner.as_deref() == Some(l.host_society.as_str()))
                        .find_map(|f| f.level(id))
                        .map(|lv| lv.names.get(locale).to_string())
                })
                .unwrap_or_default();
            Entry {
                name,
                other_names: others.join(" · "),
                society: views::name(
                    locale,
                    catalogue.societies.get(&l.host_society).map(|s| &s.names),
                    &l.host_society,
                )
                .to_string(),
                specialty: views::name(
                    locale,
                    catalogue.specialties.get(&l.specialty).map(|s| &s.names),
                    &l.specialty,
                )
                .to_string(),
                level,
                issued: l.issued_at.get(..10).unwrap_or_default().to_string(),
                suspended: l.suspended,
                credential: l.credential,
            }
        })
        .collect();
    let specialties = catalogue
        .specialties
        .values()
        .map(|s| {
            (
                s.id.clone(),
                s.names.get(locale).to_string(),
                query.specialty.as_deref() == Some(s.id.as_str()),
            )
        })
        .collect();
    render(RegisterPage {
        q: query.text.unwrap_or_default(),
        specialties,
        total: found.total,
        entries,
        c,
    })
}
