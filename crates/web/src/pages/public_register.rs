//! The public register of recognised engineers, for employers and anyone who asks "is this
//! engineer recognised here?".

use super::form::{Choice, Errors};
use super::listing::{self, Column, Pager, Sort};
use super::names::{self, OtherName};
use super::{Chrome, Lang, PageResult, render};
use crate::params::Params;
use crate::{AppState, views};
use askama::Template;
use axum::extract::State;
use wanqiao_store::public_register::{RegisterOrder, RegisterQuery};

pub struct Entry {
    pub credential: String,
    pub name: String,
    pub other_names: Vec<OtherName>,
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
    specialties: Vec<Choice>,
    total: u64,
    /// "More than 1,000 match…", when counting stopped.
    more: Option<String>,
    /// Whether a search or a specialty narrows the register.
    filtered: bool,
    entries: Vec<Entry>,
    /// The search form has no messages: any text is a search.
    errors: Errors,
    sort: Sort,
    pager: Pager,
}

/// The orders the register offers: most recent first, as it usually is.
const ORDER: [Column; 3] = [
    listing::desc("issued"),
    listing::asc("name"),
    listing::asc("specialty"),
];

pub async fn page(State(state): State<AppState>, lang: Lang, q: Params) -> PageResult {
    let text = q.get("q").unwrap_or_default().to_string();
    let specialty = q.get("specialty").unwrap_or_default().to_string();
    let sort = Sort::parse(
        &q,
        &ORDER,
        "/register",
        &[("q", &text), ("specialty", &specialty)],
    );
    let by = match sort.column {
        "name" => RegisterOrder::Name,
        "specialty" => RegisterOrder::Specialty,
        _ => RegisterOrder::Issued,
    };
    let query = RegisterQuery {
        text: q.get("q").map(str::to_string),
        specialty: q.get("specialty").map(str::to_string),
        society: q.get("society").map(str::to_string),
        order: (!sort.is_default()).then_some((by, sort.descending)),
    };
    let asked = listing::page_of(&q);
    let found = state.store.public_register(&query, asked).await?;
    let catalogue = state.store.catalogue().await?;
    let c = Chrome::new(&state, lang, "/register", "nav-public-register");
    let locale = c.tr.locale;
    let more = (!found.total_exact).then(|| {
        c.tr.targs(
            "search-more-than",
            &[
                ("count", wanqiao_store::search::COUNT_CAP.into()),
                ("from", (u64::from(asked.offset) + 1).into()),
                (
                    "to",
                    (u64::from(asked.offset) + found.items.len() as u64).into(),
                ),
            ],
        )
    });
    let entries = found
        .items
        .into_iter()
        .map(|l| {
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
                name: names::shown(&l.holder, locale),
                other_names: names::others(&l.holder, locale),
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
                issued: c.tr.date_of(&l.issued_at),
                suspended: l.suspended,
                credential: l.credential,
            }
        })
        .collect();
    let mut specialties = vec![Choice {
        value: String::new(),
        label: c.tr.t("filter-all"),
        selected: specialty.is_empty(),
    }];
    specialties.extend(Choice::of(
        catalogue
            .specialties
            .values()
            .map(|s| (s.id.clone(), s.names.get(locale).to_string()))
            .collect(),
        &specialty,
    ));
    let keep: Vec<(&str, &str)> = [("q", text.as_str()), ("specialty", specialty.as_str())]
        .into_iter()
        .chain(sort.params())
        .collect();
    let pager = Pager::new(&c.tr, "/register", &keep, asked, found.total);
    render(RegisterPage {
        filtered: !text.is_empty() || !specialty.is_empty(),
        q: text,
        specialties,
        total: found.total,
        more,
        entries,
        errors: Errors::default(),
        sort,
        pager,
        c,
    })
}
