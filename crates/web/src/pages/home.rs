//! The mechanism at a glance.

use super::{Chrome, Lang, PageResult, render};
use crate::{AppState, views};
use askama::Template;
use axum::extract::State;
use wanqiao_domain::{AgreementKind, AgreementStatus, Jurisdiction, SocietyRole};
use wanqiao_store::Page;
use wanqiao_store::agreements::AgreementFilter;

pub struct Link {
    pub href: String,
    pub label: String,
    pub title: String,
    pub sample: bool,
}

pub struct Stat {
    pub label: String,
    pub value: u64,
}

pub struct RegionRow {
    pub name: String,
    pub cells: Vec<Vec<Link>>,
}

pub struct Batch {
    pub title: String,
    pub specialties: Vec<Link>,
}

pub struct MatrixRow {
    pub society: Link,
    pub cells: Vec<Option<MatrixCell>>,
}

pub struct MatrixCell {
    pub href: String,
    pub symbol: &'static str,
    pub class: &'static str,
    pub title: String,
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage<'a> {
    c: Chrome<'a>,
    stats: Vec<Stat>,
    roles: Vec<String>,
    regions: Vec<RegionRow>,
    batches: Vec<Batch>,
    statuses: Vec<Stat>,
    specialty_heads: Vec<Link>,
    matrix: Vec<MatrixRow>,
}

/// How strongly a status binds, so a matrix cell shows the strongest of its agreements.
fn strength(s: AgreementStatus) -> u8 {
    match s {
        AgreementStatus::InForce => 4,
        AgreementStatus::Intent => 3,
        AgreementStatus::Draft => 2,
        AgreementStatus::Suspended => 1,
        AgreementStatus::Expired => 0,
    }
}

pub async fn page(State(state): State<AppState>, lang: Lang) -> PageResult {
    let catalogue = state.store.catalogue().await?;
    let agreements = state
        .store
        .agreements(&AgreementFilter::default(), Page::ALL)
        .await?
        .items;
    let c = Chrome::new(&state, lang, "/", "nav-home");
    let tr = &c.tr;
    let locale = tr.locale;
    let mut societies: Vec<_> = catalogue.societies.values().collect();
    societies.sort_by_key(|s| (s.role, s.jurisdiction, s.abbreviation.clone()));
    let society_link = |s: &wanqiao_domain::Society| Link {
        href: format!("/societies/{}", s.id),
        label: s.abbreviation.clone(),
        title: s.names.get(locale).to_string(),
        sample: s.sample,
    };

    let count = |pred: &dyn Fn(&&wanqiao_store::agreements::AgreementSummary) -> bool| {
        agreements.iter().filter(pred).count() as u64
    };
    let stats = vec![
        Stat {
            label: tr.t("stat-societies"),
            value: societies.len() as u64,
        },
        Stat {
            label: tr.t("stat-signatories"),
            value: societies
                .iter()
                .filter(|s| s.role == SocietyRole::Signatory)
                .count() as u64,
        },
        Stat {
            label: tr.t("stat-specialties"),
            value: catalogue.specialties.len() as u64,
        },
        Stat {
            label: tr.t("stat-agreements-in-force"),
            value: count(&|a| a.status == AgreementStatus::InForce),
        },
        Stat {
            label: tr.t("stat-letters-of-intent"),
            value: count(&|a| a.kind == AgreementKind::LetterOfIntent),
        },
    ];

    let roles = SocietyRole::ALL
        .iter()
        .map(|r| views::role(tr, *r))
        .collect();
    let regions = [Jurisdiction::Gd, Jurisdiction::Hk, Jurisdiction::Mo]
        .into_iter()
        .map(|j| RegionRow {
            name: views::jurisdiction(tr, j),
            cells: SocietyRole::ALL
                .iter()
                .map(|r| {
                    societies
                        .iter()
                        .filter(|s| s.jurisdiction == j && s.role == *r)
                        .map(|s| society_link(s))
                        .collect()
                })
                .collect(),
        })
        .collect();

    let mut specialties: Vec<_> = catalogue.specialties.values().collect();
    specialties.sort_by_key(|s| (s.batch, s.sample, s.id.clone()));
    let specialty_link = |s: &wanqiao_domain::Specialty| Link {
        href: format!("/agreements?specialty={}", s.id),
        label: s.names.get(locale).to_string(),
        title: s.names.get(locale).to_string(),
        sample: s.sample,
    };
    let mut batches: Vec<Batch> = Vec::new();
    for s in &specialties {
        let title = tr.t1("batch-title", "batch", s.batch);
        match batches.last_mut() {
            Some(b) if b.title == title => b.specialties.push(specialty_link(s)),
            _ => batches.push(Batch {
                title,
                specialties: vec![specialty_link(s)],
            }),
        }
    }

    let statuses = AgreementStatus::ALL
        .into_iter()
        .map(|st| Stat {
            label: views::agreement_status(tr, st),
            value: count(&|a| a.status == st),
        })
        .collect();

    let specialty_heads = specialties.iter().map(|s| specialty_link(s)).collect();
    let matrix = societies
        .iter()
        .filter(|s| agreements.iter().any(|a| a.parties.contains(&s.id)))
        .map(|s| MatrixRow {
            society: society_link(s),
            cells: specialties
                .iter()
                .map(|sp| {
                    agreements
                        .iter()
                        .filter(|a| a.specialty == sp.id && a.parties.contains(&s.id))
                        .max_by_key(|a| strength(a.status))
                        .map(|a| MatrixCell {
                            href: format!("/agreements/{}", a.id),
                            symbol: match a.status {
                                AgreementStatus::InForce => "●",
                                AgreementStatus::Intent => "◐",
                                _ => "○",
                            },
                            class: match a.status {
                                AgreementStatus::InForce => "in-force",
                                AgreementStatus::Intent => "intent",
                                _ => "other",
                            },
                            title: format!(
                                "{} · {}",
                                views::agreement_status(tr, a.status),
                                a.titles.get(locale)
                            ),
                        })
                })
                .collect(),
        })
        .collect();

    render(HomePage {
        stats,
        roles,
        regions,
        batches,
        statuses,
        specialty_heads,
        matrix,
        c,
    })
}
