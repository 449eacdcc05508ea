//! Finding an engineer, for the staff who look after them: platform admins see everyone,
//! society staff the engineers holding a qualification of their societies (the scope of
//! `GET /api/v1/engineers`). Search is by name in any script, member number or certificate
//! id (see `wanqiao_store::search`), and each row links to the engineer's pages.

use super::admin_users::{Pager, page_of};
use super::{Chrome, Lang, PageResult, render};
use crate::AppState;
use crate::auth::PageUser;
use crate::error::PageError;
use crate::params::Params;
use crate::service::engineers as service;
use askama::Template;
use axum::extract::State;
use wanqiao_domain::engineer::Standing;
use wanqiao_store::search::COUNT_CAP;

pub struct EngineerRow {
    pub id: String,
    /// In the reader's language, falling back to the English name.
    pub name: String,
    /// The names in the other scripts.
    pub other_names: String,
    pub good_standing: bool,
    pub qualifications: u64,
}

#[derive(Template)]
#[template(path = "admin_engineers.html")]
struct ListPage<'a> {
    c: Chrome<'a>,
    lead: String,
    text: String,
    rows: Vec<EngineerRow>,
    /// "More than 1,000 match…", when counting stopped.
    more: Option<String>,
    pager: Pager,
}

pub async fn list(
    State(state): State<AppState>,
    lang: Lang,
    PageUser(me, _): PageUser,
    q: Params,
) -> PageResult {
    let staff = me.staff_societies();
    if !me.is_platform_admin() && staff.is_empty() {
        return Err(PageError::Forbidden);
    }
    let text = q.get("q").unwrap_or_default().to_string();
    let page = page_of(&q);
    let found = service::list(
        &state,
        &me,
        Some(text.as_str()).filter(|t| !t.is_empty()),
        page,
    )
    .await
    .map_err(PageError::from_api)?;
    let c = Chrome::new(&state, lang, "/admin/engineers", "nav-engineers");
    let tr = &c.tr;
    let locale = tr.locale;
    let lead = if me.is_platform_admin() {
        tr.t("admin-engineers-lead-platform")
    } else {
        let catalogue = state.store.catalogue().await?;
        let names: Vec<String> = staff
            .iter()
            .map(|id| {
                catalogue
                    .societies
                    .get(id)
                    .map_or_else(|| id.clone(), |s| s.names.get(locale).to_string())
            })
            .collect();
        tr.t1(
            "admin-engineers-lead-society",
            "societies",
            names.join(" · "),
        )
    };
    let mut pager = Pager::new(tr, "/admin/engineers", &[("q", &text)], page, found.total);
    let shown = found.items.len() as u64;
    let more = (!found.total_exact).then(|| {
        let from = u64::from(page.offset) + 1;
        tr.targs(
            "search-more-than",
            &[
                ("count", COUNT_CAP.into()),
                ("from", from.into()),
                ("to", (from + shown).saturating_sub(1).into()),
            ],
        )
    });
    if more.is_some() {
        pager.summary = String::new();
    }
    let rows = found
        .items
        .into_iter()
        .map(|e| {
            let shown = e.names.get(locale).trim().to_string();
            let name = if shown.is_empty() {
                e.names.en.clone()
            } else {
                shown
            };
            let mut others: Vec<&str> = Vec::new();
            for n in [&e.names.zh_hans, &e.names.zh_hant, &e.names.en] {
                if !n.is_empty() && *n != name && !others.contains(&n.as_str()) {
                    others.push(n);
                }
            }
            EngineerRow {
                other_names: others.join(" · "),
                name,
                good_standing: e.standing == Standing::Good,
                qualifications: e.qualifications,
                id: e.id,
            }
        })
        .collect();
    render(ListPage {
        c,
        lead,
        text,
        rows,
        more,
        pager,
    })
}
