//! Dashboards from live data: the public one at `/dashboard`, each society's at
//! `/societies/{id}/dashboard` for its staff (with its own queues and overdue items), and a
//! section of each agreement's page. Every figure's table is also a CSV file at
//! `{dashboard}/{figure}.csv`: `/dashboard/…`, `/societies/{id}/dashboard/…`,
//! `/agreements/{id}/dashboard/…`.
//!
//! The figures come from the aggregates kept in step with every application write
//! (`wanqiao_store::reports`), so a dashboard costs the same few indexed reads at twelve
//! applications or at a hundred thousand.

use super::dashboard_figures::{self as figures, Audience, Figure, MIN_BASE, MONTHS};
use super::{Chrome, Lang, PageResult, render};
use crate::auth::{Identity, PageUser};
use crate::error::PageError;
use crate::{AppState, Tr, views};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use wanqiao_domain::{Catalogue, Principal, Role};
use wanqiao_store::reports::ReportScope;

/// A figure as the page shows it.
pub struct FigureView {
    pub id: &'static str,
    pub title: String,
    pub lead: String,
    pub category: String,
    pub columns: Vec<String>,
    pub rows: Vec<(String, Vec<String>)>,
    pub svg: String,
    pub empty: bool,
    pub withheld: Option<String>,
    pub csv_label: String,
}

/// The figures of one dashboard with what surrounds them, shared by the dashboards and the
/// agreements' pages (`dashboard_panel.html`).
pub struct Panel {
    pub figures: Vec<FigureView>,
    /// Where the CSV files are: `{csv_base}/{figure}.csv`.
    pub csv_base: String,
    /// Headline numbers: (value, label).
    pub stats: Vec<(String, String)>,
    /// What the figures disclose (public) or that they are exact (staff).
    pub note: String,
    /// Inside another page's section: figure headings one level down.
    pub nested: bool,
}

/// The last [`MONTHS`] months, ending with this one on the Bay Area's clock.
fn months(state: &AppState) -> Vec<(i16, i8)> {
    let today = state.today();
    figures::months_ending(today.year(), today.month(), MONTHS)
}

/// The figures of `scope` for `audience`, in the reader's language.
async fn build(
    state: &AppState,
    tr: &Tr<'_>,
    catalogue: &Catalogue,
    scope: ReportScope<'_>,
    audience: Audience,
) -> Result<(Vec<Figure>, wanqiao_store::reports::Report), PageError> {
    let months = months(state);
    let (year, month) = months[0];
    let report = state
        .store
        .report(scope, &format!("{year:04}-{month:02}"))
        .await?;
    let agreements = match (audience, scope) {
        (Audience::Agreement, _) => Vec::new(),
        (_, ReportScope::Society(s)) => state.store.agreements_by_status(Some(s)).await?,
        _ => state.store.agreements_by_status(None).await?,
    };
    let list = figures::figures(tr, catalogue, &report, &agreements, &months, audience);
    Ok((list, report))
}

async fn panel(
    state: &AppState,
    tr: &Tr<'_>,
    catalogue: &Catalogue,
    scope: ReportScope<'_>,
    audience: Audience,
    csv_base: String,
) -> Result<Panel, PageError> {
    let (list, report) = build(state, tr, catalogue, scope, audience).await?;
    let note = if audience == Audience::Staff {
        tr.t("dash-staff-note")
    } else {
        tr.t1("dash-privacy", "base", tr.number(MIN_BASE))
    };
    Ok(Panel {
        stats: figures::headline(tr, &report, audience),
        figures: list
            .into_iter()
            .map(|f| FigureView {
                svg: f.svg(tr),
                empty: f.is_empty(),
                csv_label: tr.t1("dash-csv-of", "title", f.title.clone()),
                rows: f
                    .rows
                    .iter()
                    .map(|r| {
                        (
                            r.label.clone(),
                            r.cells.iter().map(|c| c.text(tr)).collect(),
                        )
                    })
                    .collect(),
                id: f.id,
                title: f.title,
                lead: f.lead,
                category: f.category,
                columns: f.columns,
                withheld: f.withheld,
            })
            .collect(),
        csv_base,
        note,
        nested: audience == Audience::Agreement,
    })
}

/// The dashboard section of an agreement's page.
pub async fn agreement_panel(
    state: &AppState,
    tr: &Tr<'_>,
    catalogue: &Catalogue,
    id: &str,
) -> Result<Panel, PageError> {
    panel(
        state,
        tr,
        catalogue,
        ReportScope::Agreement(id),
        Audience::Agreement,
        format!("/agreements/{id}/dashboard"),
    )
    .await
}

/// A count of the society's queues, linked to the queue when the reader may open it.
pub struct QueueCount {
    pub value: String,
    pub label: String,
    pub href: Option<&'static str>,
}

pub struct OverdueRow {
    pub id: String,
    pub specialty: String,
    pub state: String,
    pub due_on: String,
}

/// A society's own work, on its dashboard.
pub struct Queues {
    pub counts: Vec<QueueCount>,
    pub overdue: Vec<OverdueRow>,
    pub overdue_href: Option<&'static str>,
}

#[derive(Template)]
#[template(path = "dashboard.html")]
struct DashboardPage<'a> {
    c: Chrome<'a>,
    title: String,
    lead: String,
    as_of: String,
    /// Back to the society's page, from its dashboard.
    crumb: Option<(String, String)>,
    queues: Option<Queues>,
    /// Societies' dashboards the reader may open: (address, name).
    dashboards: Vec<(String, String)>,
    panel: Panel,
}

/// Whether `me` may see `society`'s dashboard: its staff, and platform admins.
fn may_see(me: &Principal, society: &str) -> bool {
    me.is_platform_admin() || me.staff_societies().iter().any(|s| s == society)
}

/// `GET /dashboard`: the whole mechanism, for everyone.
pub async fn public(State(state): State<AppState>, lang: Lang, identity: Identity) -> PageResult {
    let c = Chrome::new(&state, lang, "/dashboard", "nav-dashboard");
    let catalogue = state.store.catalogue().await?;
    let panel = panel(
        &state,
        &c.tr,
        &catalogue,
        ReportScope::All,
        Audience::Public,
        "/dashboard".into(),
    )
    .await?;
    let dashboards = match &identity.principal {
        Some(p) => {
            let ids: Vec<String> = if p.is_platform_admin() {
                let mut all: Vec<_> = catalogue.societies.values().collect();
                all.sort_by_key(|s| (s.jurisdiction, s.abbreviation.clone()));
                all.into_iter().map(|s| s.id.clone()).collect()
            } else {
                p.staff_societies()
            };
            ids.into_iter()
                .map(|id| {
                    let name = catalogue.societies.get(&id).map(|s| &s.names);
                    let name = views::name(c.tr.locale, name, &id).to_string();
                    (format!("/societies/{id}/dashboard"), name)
                })
                .collect()
        }
        None => Vec::new(),
    };
    render(DashboardPage {
        title: c.tr.t("dash-title"),
        lead: c.tr.t("dash-lead"),
        as_of: c.tr.t1("dash-as-of", "date", c.tr.date(&state.today())),
        crumb: None,
        queues: None,
        dashboards,
        panel,
        c,
    })
}

/// `GET /societies/{id}/dashboard`: one society's figures, queues and overdue items, for its
/// staff and platform admins.
pub async fn society(
    State(state): State<AppState>,
    lang: Lang,
    PageUser(me, _): PageUser,
    Path(id): Path<String>,
) -> PageResult {
    let society = state.store.society(&id).await?.ok_or(PageError::NotFound)?;
    if !may_see(&me, &id) {
        return Err(PageError::Forbidden);
    }
    let c = Chrome::new(
        &state,
        lang,
        &format!("/societies/{id}/dashboard"),
        "nav-dashboard",
    );
    let tr = &c.tr;
    let name = society.names.get(tr.locale).to_string();
    let catalogue = state.store.catalogue().await?;
    let panel = panel(
        &state,
        tr,
        &catalogue,
        ReportScope::Society(&id),
        Audience::Staff,
        format!("/societies/{id}/dashboard"),
    )
    .await?;
    let queues = queues(&state, tr, &catalogue, &me, &id).await?;
    render(DashboardPage {
        title: tr.t1("dash-society-title", "society", name.clone()),
        lead: tr.t1("dash-society-lead", "society", name.clone()),
        as_of: tr.t1("dash-as-of", "date", tr.date(&state.today())),
        crumb: Some((format!("/societies/{id}"), name)),
        queues: Some(queues),
        dashboards: Vec::new(),
        panel,
        c,
    })
}

/// How many overdue items the society dashboard lists; the overdue page has them all.
const OVERDUE_SHOWN: u32 = 10;

async fn queues(
    state: &AppState,
    tr: &Tr<'_>,
    catalogue: &Catalogue,
    me: &Principal,
    society: &str,
) -> Result<Queues, PageError> {
    let q = state
        .store
        .society_queues(society, state.today(), OVERDUE_SHOWN)
        .await?;
    let holds =
        |roles: &[Role]| me.is_platform_admin() || roles.iter().any(|r| me.holds(*r, society));
    let attests = holds(&[Role::Attestor, Role::SocietyAdmin]);
    let reviews = holds(&[Role::Reviewer, Role::SocietyAdmin]);
    let administers = holds(&[Role::SocietyAdmin]);
    let count = |n: u64, key: &str, href: Option<&'static str>| QueueCount {
        value: tr.number(n),
        label: tr.t(key),
        href,
    };
    Ok(Queues {
        counts: vec![
            count(
                q.awaiting_attestation,
                "dash-queue-attestation",
                attests.then_some("/queues/attestation"),
            ),
            count(
                q.awaiting_review,
                "dash-queue-review",
                reviews.then_some("/queues/review"),
            ),
            count(
                q.info_requested,
                "dash-queue-info",
                reviews.then_some("/queues/review"),
            ),
            count(
                q.overdue,
                "dash-queue-overdue",
                administers.then_some("/admin/overdue"),
            ),
        ],
        overdue: q
            .overdue_items
            .into_iter()
            .map(|o| OverdueRow {
                specialty: views::name(
                    tr.locale,
                    catalogue.specialties.get(&o.specialty).map(|s| &s.names),
                    &o.specialty,
                )
                .to_string(),
                state: tr.t(&format!("application-state-{}", o.state.code())),
                due_on: tr.date(&o.due_on),
                id: o.application,
            })
            .collect(),
        overdue_href: administers.then_some("/admin/overdue"),
    })
}

/// One figure's table as a CSV download named `{prefix}-{figure}.csv`.
fn csv_response(list: Vec<Figure>, file: &str, prefix: &str) -> Result<Response, PageError> {
    let wanted = file.strip_suffix(".csv").ok_or(PageError::NotFound)?;
    let figure = list
        .into_iter()
        .find(|f| f.id == wanted)
        .ok_or(PageError::NotFound)?;
    let safe: String = prefix
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
        .collect();
    let disposition = format!("attachment; filename=\"wanqiao-{safe}-{}.csv\"", figure.id);
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, "no-cache".to_string()),
        ],
        figure.csv(),
    )
        .into_response())
}

/// `GET /dashboard/{figure}.csv`.
pub async fn public_csv(
    State(state): State<AppState>,
    lang: Lang,
    Path(file): Path<String>,
) -> Result<Response, PageError> {
    let tr = state.i18n.tr(lang.0);
    let catalogue = state.store.catalogue().await?;
    let (list, _) = build(&state, &tr, &catalogue, ReportScope::All, Audience::Public).await?;
    csv_response(list, &file, "dashboard")
}

/// `GET /societies/{id}/dashboard/{figure}.csv`, for those who may see the dashboard.
pub async fn society_csv(
    State(state): State<AppState>,
    lang: Lang,
    PageUser(me, _): PageUser,
    Path((id, file)): Path<(String, String)>,
) -> Result<Response, PageError> {
    state.store.society(&id).await?.ok_or(PageError::NotFound)?;
    if !may_see(&me, &id) {
        return Err(PageError::Forbidden);
    }
    let tr = state.i18n.tr(lang.0);
    let catalogue = state.store.catalogue().await?;
    let scope = ReportScope::Society(&id);
    let (list, _) = build(&state, &tr, &catalogue, scope, Audience::Staff).await?;
    csv_response(list, &file, &format!("{id}-dashboard"))
}

/// `GET /agreements/{id}/dashboard/{figure}.csv`.
pub async fn agreement_csv(
    State(state): State<AppState>,
    lang: Lang,
    Path((id, file)): Path<(String, String)>,
) -> Result<Response, PageError> {
    state
        .store
        .agreement(&id)
        .await?
        .ok_or(PageError::NotFound)?;
    let tr = state.i18n.tr(lang.0);
    let catalogue = state.store.catalogue().await?;
    let scope = ReportScope::Agreement(&id);
    let (list, _) = build(&state, &tr, &catalogue, scope, Audience::Agreement).await?;
    csv_response(list, &file, &format!("{id}-dashboard"))
}
