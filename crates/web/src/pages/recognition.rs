//! The rule engine's answers for people: "where is my qualification recognised?", the
//! anonymous what-if, and the impact of a draft agreement version.

use super::form::{Choice, Errors};
use super::{Chrome, Lang, PageResult, render};
use crate::auth::PageUser;
use crate::error::PageError;
use crate::params::Params;
use crate::service::recognition::{self as service, WhatIf};
use crate::{ApiError, AppState, Tr, views};
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use std::collections::BTreeMap;
use wanqiao_domain::engine::{Decision, Impact, OutcomeKind};
use wanqiao_domain::{AgreementStatus, Catalogue, LocalizedText};
use wanqiao_store::Page;
use wanqiao_store::agreements::AgreementFilter;

/// One rule of a trace, read aloud.
pub struct TraceView {
    pub level: String,
    pub chosen: bool,
    pub conditions: Vec<(String, bool)>,
}

/// One decision, ready to show.
pub struct DecisionView {
    pub agreement_id: String,
    pub agreement: String,
    pub outcome: &'static str,
    pub outcome_label: String,
    pub headline: String,
    pub reasons: Vec<String>,
    pub trace: Vec<TraceView>,
    pub qualification: String,
    pub unattested: bool,
}

fn outcome_class(k: OutcomeKind) -> &'static str {
    match k {
        OutcomeKind::Eligible => "in-force",
        OutcomeKind::Conditional => "intent",
        OutcomeKind::Ineligible => "other",
    }
}

pub async fn agreement_titles(
    state: &AppState,
) -> Result<BTreeMap<String, LocalizedText>, PageError> {
    let filter = AgreementFilter {
        status: Some(AgreementStatus::InForce),
        ..AgreementFilter::default()
    };
    Ok(state
        .store
        .agreements(&filter, Page::ALL)
        .await?
        .items
        .into_iter()
        .map(|a| (a.id, a.titles))
        .collect())
}

pub fn level_name(
    catalogue: &Catalogue,
    locale: wanqiao_domain::Locale,
    framework: &str,
    level: &str,
) -> String {
    let f = catalogue.frameworks.get(framework);
    let l = f.and_then(|f| f.level(level)).map(|l| &l.names);
    let f_name = views::name(locale, f.map(|f| &f.names), framework);
    format!("{f_name} · {}", views::name(locale, l, level))
}

pub fn decision_view(
    tr: &Tr,
    catalogue: &Catalogue,
    titles: &BTreeMap<String, LocalizedText>,
    d: &Decision,
    qualification: String,
    unattested: bool,
) -> DecisionView {
    let locale = tr.locale;
    let target = catalogue
        .frameworks
        .values()
        .find(|f| f.owner.as_deref() == Some(d.society.as_str()));
    DecisionView {
        agreement_id: d.agreement.clone(),
        agreement: views::name(locale, titles.get(&d.agreement), &d.agreement).to_string(),
        outcome: outcome_class(d.outcome),
        outcome_label: tr.t(&format!("recognition-outcome-{}", d.outcome.code())),
        headline: views::engine_message(tr, catalogue, d),
        reasons: d
            .reasons
            .iter()
            .map(|r| views::engine_message(tr, catalogue, r))
            .collect(),
        trace: d
            .trace
            .iter()
            .map(|t| TraceView {
                level: target
                    .and_then(|f| f.level(&t.to_level))
                    .map(|l| l.names.get(locale).to_string())
                    .unwrap_or_else(|| t.to_level.clone()),
                chosen: t.chosen,
                conditions: t
                    .conditions
                    .iter()
                    .map(|c| (views::engine_message(tr, catalogue, c), c.passed))
                    .collect(),
            })
            .collect(),
        qualification,
        unattested,
    }
}

#[derive(Template)]
#[template(path = "recognition.html")]
struct SelfCheckPage<'a> {
    c: Chrome<'a>,
    name: String,
    today: String,
    rows: Vec<DecisionView>,
    counts: Vec<(String, usize)>,
    /// Where the reader completes the profile the answers stand on, when they keep it.
    profile_link: Option<String>,
}

pub async fn self_check(
    State(state): State<AppState>,
    lang: Lang,
    PageUser(me, _): PageUser,
    Path(id): Path<String>,
) -> PageResult {
    let (profile, access, check, catalogue) = service::for_engineer(&state, &me, &id)
        .await
        .map_err(PageError::from_api)?;
    let titles = &check.titles;
    let c = Chrome::new(
        &state,
        lang,
        &format!("/engineers/{id}/recognition"),
        "nav-recognition",
    );
    let tr = &c.tr;
    let rows: Vec<DecisionView> = check
        .rows
        .iter()
        .map(|r| {
            let q = level_name(&catalogue, tr.locale, &r.framework, &r.level);
            decision_view(tr, &catalogue, titles, &r.decision, q, r.unattested)
        })
        .collect();
    let counts = OutcomeKind::ALL
        .iter()
        .map(|k| {
            let n = check
                .rows
                .iter()
                .filter(|r| r.decision.outcome == *k)
                .count();
            (tr.t(&format!("recognition-outcome-{}", k.code())), n)
        })
        .collect();
    let name = [
        &profile.names.get(tr.locale),
        &profile.names.en.as_str(),
        &profile.names.zh_hans.as_str(),
    ]
    .into_iter()
    .find(|n| !n.trim().is_empty())
    .map(|n| n.to_string())
    .unwrap_or_default();
    let profile_link = (access == crate::service::engineers::Access::Keep).then(|| {
        if profile.user_id.as_deref() == Some(me.user_id.as_str()) {
            "/account/profile".to_string()
        } else {
            format!("/engineers/{id}/profile")
        }
    });
    render(SelfCheckPage {
        profile_link,
        name,
        today: tr.date(&check.today),
        rows,
        counts,
        c,
    })
}

/// The reader's own self-check, or the way to start a profile.
pub async fn mine(
    State(state): State<AppState>,
    PageUser(me, _): PageUser,
) -> Result<Response, PageError> {
    match state.store.engineer_of_user(&me.user_id).await? {
        Some(id) => Ok(Redirect::to(&format!("/engineers/{id}/recognition")).into_response()),
        None => Ok(Redirect::to("/what-if").into_response()),
    }
}

#[derive(Template)]
#[template(path = "what_if.html")]
struct WhatIfPage<'a> {
    c: Chrome<'a>,
    qualifications: Vec<Choice>,
    specialties: Vec<Choice>,
    form: WhatIf,
    asked: bool,
    errors: Errors,
    rows: Vec<DecisionView>,
}

/// A refusal of the what-if form, next to the field it concerns, in the reader's language.
fn what_if_refusal(tr: &Tr, errors: &mut Errors, field: &str, form: &WhatIf) {
    match field {
        "specialty" => errors.add("specialty", tr.t("what-if-error-specialty")),
        "experience_years" => errors.add(
            "experience_years",
            tr.t1("what-if-error-years", "max", service::MAX_YEARS),
        ),
        "cpd_hours" => errors.add(
            "cpd_hours",
            tr.t1("what-if-error-cpd", "max", service::MAX_CPD_HOURS),
        ),
        _ => errors.add(
            "qualification",
            tr.t1(
                "what-if-error-qualification",
                "value",
                format!("{}/{}", form.framework, form.level),
            ),
        ),
    }
}

fn read_form(q: &Params) -> (WhatIf, bool) {
    let asked = q.get("qualification").is_some();
    let (framework, level) = q
        .get("qualification")
        .and_then(|v| v.split_once('/'))
        .map(|(f, l)| (f.to_string(), l.to_string()))
        .unwrap_or_default();
    let number = |name: &str| {
        q.get(name)
            .and_then(|v| v.trim().parse::<u32>().ok())
            .unwrap_or(0)
    };
    let form = WhatIf {
        framework,
        level,
        specialty: q.get("specialty").unwrap_or_default().to_string(),
        experience_years: number("experience_years"),
        accredited: q.get("accredited").is_some(),
        cpd_hours: number("cpd_hours"),
        good_standing: !asked || q.get("good_standing").is_some(),
    };
    (form, asked)
}

/// Open to everyone: the form is read from the query string, so results can be linked.
pub async fn what_if(State(state): State<AppState>, lang: Lang, q: Params) -> PageResult {
    let (form, asked) = read_form(&q);
    let catalogue = state.store.catalogue().await?;
    let c = Chrome::new(&state, lang, "/what-if", "nav-what-if");
    let tr = &c.tr;
    let mut errors = Errors::default();
    let rows = if asked {
        match service::what_if(&state, &form).await {
            Ok((rows, _)) => rows,
            Err(ApiError::Invalid { fields, .. }) => {
                for f in &fields {
                    what_if_refusal(tr, &mut errors, &f.name, &form);
                }
                Vec::new()
            }
            Err(e) => return Err(PageError::from_api(e)),
        }
    } else {
        Vec::new()
    };
    let titles = agreement_titles(&state).await?;
    let chosen = format!("{}/{}", form.framework, form.level);
    let qualifications = Choice::of(
        catalogue
            .frameworks
            .values()
            .flat_map(|f| {
                f.levels.iter().map(|l| {
                    let value = format!("{}/{}", f.id, l.id);
                    let label = format!("{} · {}", f.names.get(tr.locale), l.names.get(tr.locale));
                    (value, label)
                })
            })
            .collect(),
        &chosen,
    );
    let specialties = Choice::of(
        catalogue
            .specialties
            .values()
            .map(|s| (s.id.clone(), s.names.get(tr.locale).to_string()))
            .collect(),
        &form.specialty,
    );
    let rows = rows
        .iter()
        .map(|d| decision_view(tr, &catalogue, &titles, d, String::new(), false))
        .collect();
    render(WhatIfPage {
        qualifications,
        specialties,
        form,
        asked,
        errors,
        rows,
        c,
    })
}

/// One bar of the impact chart: widths in the SVG's own units.
pub struct Bar {
    pub label: String,
    pub y: u32,
    pub eligible: u32,
    pub conditional: u32,
    pub ineligible: u32,
}

pub struct TargetView {
    pub society: String,
    pub reached: u64,
    pub draft: [u64; 3],
    pub in_force: [u64; 3],
    pub improved: (u64, Vec<String>),
    pub worsened: (u64, Vec<String>),
    pub unchanged: u64,
    pub bars: Vec<Bar>,
}

#[derive(Template)]
#[template(path = "impact.html")]
struct ImpactPage<'a> {
    c: Chrome<'a>,
    agreement_id: String,
    agreement: String,
    draft: u32,
    in_force: Option<u32>,
    engineers: u64,
    reached: u64,
    targets: Vec<TargetView>,
    /// The reader manages the register, so the version is put in force from its panel.
    manages: bool,
}

const BAR_WIDTH: u64 = 400;

fn bar(label: String, y: u32, counts: [u64; 3], total: u64) -> Bar {
    let w = |n: u64| u32::try_from(n * BAR_WIDTH / total.max(1)).unwrap_or(0);
    Bar {
        label,
        y,
        eligible: w(counts[0]),
        conditional: w(counts[1]),
        ineligible: w(counts[2]),
    }
}

fn impact_views(tr: &Tr, catalogue: &Catalogue, report: &Impact) -> Vec<TargetView> {
    report
        .targets
        .iter()
        .map(|t| {
            let counts = |c: &wanqiao_domain::engine::OutcomeCounts| {
                [c.eligible, c.conditional, c.ineligible]
            };
            let (draft, in_force) = (counts(&t.draft), counts(&t.in_force));
            TargetView {
                society: views::name(
                    tr.locale,
                    catalogue.societies.get(&t.society).map(|s| &s.names),
                    &t.society,
                )
                .to_string(),
                reached: t.reached,
                draft,
                in_force,
                improved: (t.improved.count, t.improved.examples.clone()),
                worsened: (t.worsened.count, t.worsened.examples.clone()),
                unchanged: t.unchanged.count,
                bars: vec![
                    bar(tr.t("impact-in-force"), 0, in_force, t.reached),
                    bar(tr.t("impact-draft"), 28, draft, t.reached),
                ],
            }
        })
        .collect()
}

pub async fn impact(
    State(state): State<AppState>,
    lang: Lang,
    PageUser(me, _): PageUser,
    Path((id, number)): Path<(String, String)>,
) -> PageResult {
    let number: u32 = number.parse().map_err(|_| PageError::NotFound)?;
    let (agreement, report, catalogue) = service::impact(&state, &me, &id, number)
        .await
        .map_err(PageError::from_api)?;
    let c = Chrome::new(
        &state,
        lang,
        &format!("/admin/agreements/{id}/versions/{number}/impact"),
        "nav-register",
    );
    let targets = impact_views(&c.tr, &catalogue, &report);
    render(ImpactPage {
        manages: me.may_manage_register(),
        agreement_id: agreement.id.clone(),
        agreement: agreement.titles.get(c.tr.locale).to_string(),
        draft: report.draft_version,
        in_force: report.in_force_version,
        engineers: report.engineers,
        reached: report.reached,
        targets,
        c,
    })
}
