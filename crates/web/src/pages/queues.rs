//! The staff's queues, sorted by deadline with the time left and an overdue flag: the home
//! society's attestation queue, the host society's review queue, and the society admin's
//! overdue items.

use super::applications::{Item, item};
use super::listing::{self, Column, Pager, Sort};
use super::{Chrome, Lang, PageResult, render};
use crate::AppState;
use crate::auth::PageUser;
use crate::error::PageError;
use crate::params::Params;
use crate::service::applications::{self as service, ApplicationItem};
use askama::Template;
use axum::extract::State;
use wanqiao_domain::workflow::State as Stage;
use wanqiao_domain::{Principal, Role};
use wanqiao_store::applications::ApplicationFilter;

/// A row of a queue: the application, and its clock as it stands today.
pub struct QueueRow {
    pub item: Item,
    pub due_on: String,
    pub days_left: Option<i64>,
    pub overdue: bool,
    pub paused: bool,
}

#[derive(Template)]
#[template(path = "queue.html")]
struct QueuePage<'a> {
    c: Chrome<'a>,
    title: String,
    lead: String,
    /// What an empty queue says, and where to go instead.
    empty: String,
    rows: Vec<QueueRow>,
    sort: Sort,
    pager: Pager,
}

/// The orders a queue offers: soonest due first, as it usually is.
const ORDER: [Column; 4] = [
    listing::asc("due"),
    listing::asc("engineer"),
    listing::asc("specialty"),
    listing::asc("state"),
];

/// The societies where the caller holds one of `roles`.
fn societies_with(me: &Principal, roles: &[Role]) -> Vec<String> {
    let mut out: Vec<String> = me
        .grants
        .iter()
        .filter(|g| roles.contains(&g.role))
        .filter_map(|g| g.society.clone())
        .collect();
    out.sort();
    out.dedup();
    out
}

/// The applications in `states` that `keep` finds on the caller's side, soonest due
/// first, then those without a clock.
async fn queue(
    state: &AppState,
    me: &Principal,
    societies: Vec<String>,
    states: &[Stage],
    keep: fn(&ApplicationItem, &[String]) -> bool,
    overdue_only: bool,
) -> Result<Vec<ApplicationItem>, PageError> {
    let filter = ApplicationFilter {
        societies: (!me.is_platform_admin() || !societies.is_empty()).then(|| societies.clone()),
        overdue: overdue_only.then_some(true),
        ..ApplicationFilter::default()
    };
    // A queue of a few states reads just those (a society's applications run to tens of
    // thousands, its open work to far fewer); one of every state reads them all at once.
    let stages = (states.len() < Stage::ALL.len()).then_some(states);
    let read = service::items_in_stages(state, me, filter, stages)
        .await
        .map_err(PageError::from_api)?;
    let mut items: Vec<ApplicationItem> = read
        .into_iter()
        .filter(|i| states.contains(&i.application.state))
        .filter(|i| societies.is_empty() || keep(i, &societies))
        .collect();
    items.sort_by_key(|i| {
        (
            i.deadline.is_none(),
            i.deadline.map(|d| d.due_on),
            i.application.id.clone(),
        )
    });
    Ok(items)
}

/// A queue is loaded whole (a society's open work), sorted here, and shown a page at a time.
async fn page(
    state: &AppState,
    lang: Lang,
    q: &Params,
    path: &str,
    key: &'static str,
    items: Vec<ApplicationItem>,
) -> PageResult {
    let catalogue = state.store.catalogue().await?;
    let c = Chrome::new(state, lang, path, key);
    let sort = Sort::parse(q, &ORDER, path, &[]);
    let mut rows = Vec::with_capacity(items.len());
    for i in items {
        rows.push((
            i.application.state,
            QueueRow {
                item: item(&c.tr, &catalogue, &i.application, None),
                due_on: i.deadline.map(|d| c.tr.date(&d.due_on)).unwrap_or_default(),
                days_left: i.deadline.map(|d| d.working_days_left),
                overdue: i.deadline.is_some_and(|d| d.overdue),
                paused: i.deadline.is_some_and(|d| d.paused_days_left.is_some()),
            },
        ));
    }
    if !sort.is_default() {
        // The queue arrives soonest due first; a stable sort keeps that within equal keys.
        let rank = |s: &Stage| Stage::ALL.iter().position(|x| x == s).unwrap_or(0);
        sort.apply(&mut rows, |(stage, r), column| match column {
            "engineer" => (r.item.engineer.to_lowercase(), 0),
            "specialty" => (r.item.specialty.clone(), 0),
            "state" => (String::new(), rank(stage)),
            _ => (String::new(), 0),
        });
        if sort.column == "due" {
            rows.reverse();
        }
    }
    let asked = listing::page_of(q);
    let pager = Pager::new(&c.tr, path, &sort.params(), asked, rows.len() as u64);
    let rows = rows
        .into_iter()
        .map(|(_, r)| r)
        .skip(asked.offset as usize)
        .take(asked.limit as usize)
        .collect();
    render(QueuePage {
        title: c.tr.t(&format!("{key}-title")),
        lead: c.tr.t(&format!("{key}-lead")),
        empty: c.tr.t(&format!("{key}-empty")),
        c,
        rows,
        sort,
        pager,
    })
}

/// The home society's submitted applications, waiting to be attested.
pub async fn attestation(
    State(state): State<AppState>,
    lang: Lang,
    PageUser(me, _): PageUser,
    q: Params,
) -> PageResult {
    let mine = societies_with(&me, &[Role::Attestor, Role::SocietyAdmin]);
    if mine.is_empty() && !me.is_platform_admin() {
        return Err(PageError::Forbidden);
    }
    let items = queue(
        &state,
        &me,
        mine,
        &[Stage::Submitted],
        |i, mine| {
            mine.iter()
                .any(|m| Some(m.as_str()) == i.application.home_society.as_deref())
        },
        false,
    )
    .await?;
    page(
        &state,
        lang,
        &q,
        "/queues/attestation",
        "queue-attestation",
        items,
    )
    .await
}

/// The host society's applications in review, including those waiting on the applicant.
pub async fn review(
    State(state): State<AppState>,
    lang: Lang,
    PageUser(me, _): PageUser,
    q: Params,
) -> PageResult {
    let mine = societies_with(&me, &[Role::Reviewer, Role::SocietyAdmin]);
    if mine.is_empty() && !me.is_platform_admin() {
        return Err(PageError::Forbidden);
    }
    let items = queue(
        &state,
        &me,
        mine,
        &[
            Stage::Attested,
            Stage::UnderReview,
            Stage::Appealed,
            Stage::InfoRequested,
        ],
        |i, mine| mine.contains(&i.application.host_society),
        false,
    )
    .await?;
    page(&state, lang, &q, "/queues/review", "queue-review", items).await
}

/// The overdue items of the societies the caller administers, on either side.
pub async fn overdue(
    State(state): State<AppState>,
    lang: Lang,
    PageUser(me, _): PageUser,
    q: Params,
) -> PageResult {
    let mine = societies_with(&me, &[Role::SocietyAdmin]);
    if mine.is_empty() && !me.is_platform_admin() {
        return Err(PageError::Forbidden);
    }
    // Overdue on the side whose society must act: the home society attests, the host decides.
    let items = queue(&state, &me, mine, Stage::ALL, acting_is_mine, true).await?;
    page(&state, lang, &q, "/admin/overdue", "queue-overdue", items).await
}

/// Whether the society that must act now is one of `mine`.
fn acting_is_mine(i: &ApplicationItem, mine: &[String]) -> bool {
    let a = &i.application;
    let acting = match a.state {
        Stage::Submitted => a.home_society.as_deref(),
        _ => Some(a.host_society.as_str()),
    };
    acting.is_some_and(|s| mine.iter().any(|m| m == s))
}
