//! Dashboards: the aggregates behind them stay equal to a recomputation from scratch whatever
//! the workflow does; the figures match the applications counted one by one through the
//! API; the CSV files are right and safe; society dashboards stay with their society's staff;
//! every language renders.

use crate::helpers::{As, Session, TestApp, apps};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use wanqiao_domain::Requirement;
use wanqiao_domain::deadlines::{Clock, Step};
use wanqiao_domain::workflow::{self, Action, AppealOutcome, Details, State};
use wanqiao_store::applications::{ApplicationFilter, NewApplication, Transition};
use wanqiao_store::{Page, StoreError};

/// A small deterministic generator, so a failing walk can be replayed from its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// What an application is made of, taken from the demo applications.
#[derive(Clone)]
struct Template {
    engineer: String,
    qualification: String,
    specialty: String,
    home: Option<String>,
}

/// Creates applications and walks them through random valid transitions at random moments
/// (across months, across the Bay Area's midnight, with escalations in their histories),
/// comparing the aggregates kept in step with the writes against a rebuild every few steps.
async fn random_walk(app: &TestApp, seed: u64, steps: usize) {
    let store = &app.server.store;
    let mut rng = Rng(seed);
    let existing = store
        .applications(&ApplicationFilter::default(), Page::ALL)
        .await
        .unwrap()
        .items;
    let mut templates: Vec<Template> = existing
        .iter()
        .map(|a| Template {
            engineer: a.engineer.clone(),
            qualification: a.qualification.clone(),
            specialty: a.specialty.clone(),
            home: a.home_society.clone(),
        })
        .collect();
    // One without a home society, which the aggregates key as ''.
    let mut homeless = templates[0].clone();
    homeless.home = None;
    templates.push(homeless);
    let societies: Vec<String> = store
        .societies(&Default::default(), Page::ALL)
        .await
        .unwrap()
        .items
        .into_iter()
        .map(|s| s.id)
        .collect();
    let agreements: Vec<String> = store
        .agreements(&Default::default(), Page::ALL)
        .await
        .unwrap()
        .items
        .into_iter()
        .map(|a| a.id)
        .collect();
    let start = jiff::Timestamp::now() - jiff::SignedDuration::from_hours(24 * 420);
    let mut live: Vec<(String, jiff::Timestamp)> = Vec::new();
    for step in 1..=steps {
        if live.is_empty() || rng.chance(25) {
            let t = &templates[rng.below(templates.len())];
            let host = &societies[rng.below(societies.len())];
            let at = start + jiff::SignedDuration::from_secs(rng.below(400 * 86_400) as i64);
            let mut w = store.write("walk", at).await.unwrap();
            let made = w
                .create_application(&NewApplication {
                    engineer: &t.engineer,
                    qualification: &t.qualification,
                    specialty: &t.specialty,
                    home_society: t.home.as_deref(),
                    host_society: host,
                })
                .await;
            // A live application for the same engineer, host and specialty already exists.
            if let Ok(id) = made {
                w.commit().await.unwrap();
                live.push((id, at));
            }
        } else {
            let pick = rng.below(live.len());
            let (id, last) = live[pick].clone();
            let a = store.application(&id).await.unwrap().unwrap();
            let actions = a.state.actions();
            if actions.is_empty() {
                live.remove(pick);
                continue;
            }
            let action = actions[rng.below(actions.len())];
            let details = Details {
                reason_codes: vec!["experience_short".into()],
                conditions: vec![
                    Requirement::AptitudeTest,
                    Requirement::ProfessionalInterview,
                ],
                condition: a.outstanding.first().copied(),
                appeal_outcome: Some(if rng.chance(50) {
                    AppealOutcome::Reopen
                } else {
                    AppealOutcome::Dismiss
                }),
            };
            let Ok(next) = workflow::decide(a.state, &a.outstanding, action, &details) else {
                continue;
            };
            // Sometimes within the hour, sometimes weeks later; now and then a clock skewed
            // backwards, which counts as zero days.
            let gap = match rng.below(10) {
                0 => -3_600,
                1..=3 => rng.below(3_600) as i64,
                _ => rng.below(40 * 86_400) as i64,
            };
            let at = last + jiff::SignedDuration::from_secs(gap);
            let frozen = (action == Action::Submit).then(|| {
                (
                    agreements[rng.below(agreements.len())].as_str(),
                    1,
                    json!({}),
                )
            });
            let mut w = store.write("walk", at).await.unwrap();
            let moved = w
                .transition_application(
                    &id,
                    &Transition {
                        action,
                        from: a.state,
                        to: next.state,
                        revision: a.revision,
                        outstanding: &next.outstanding,
                        note: "",
                        reason_codes: &details.reason_codes,
                        frozen,
                    },
                )
                .await;
            match moved {
                Ok(()) => {}
                // Reopening an application while the engineer has another one in progress
                // with the same host and specialty is refused; the write is rolled back.
                Err(StoreError::Conflict(_)) => continue,
                Err(e) => panic!("{app} seed {seed}: {e}"),
            }
            let waits_on_host = matches!(
                next.state,
                State::Attested | State::UnderReview | State::Appealed
            );
            let clock = waits_on_host.then(|| Clock {
                step: Step::Decide,
                due_on: "2025-01-02".parse().unwrap(),
                paused_days_left: None,
            });
            w.set_application_clock(&id, clock, None).await.unwrap();
            w.commit().await.unwrap();
            live[pick].1 = at;
            // An escalation adds to the history without being a transition.
            if waits_on_host && rng.chance(30) {
                let a = store.application(&id).await.unwrap().unwrap();
                let mut w = store.write("system", at).await.unwrap();
                assert!(w.escalate_application(&a).await.unwrap());
                w.commit().await.unwrap();
            }
        }
        if step % 40 == 0 || step == steps {
            let kept = store.report_rows().await.unwrap();
            store
                .rebuild_reports("test", jiff::Timestamp::now())
                .await
                .unwrap();
            let rebuilt = store.report_rows().await.unwrap();
            let at = format!("{app} seed {seed}, step {step}");
            assert_eq!(kept.states, rebuilt.states, "{at}: states");
            assert_eq!(kept.flows, rebuilt.flows, "{at}: flows");
            assert_eq!(kept.durations, rebuilt.durations, "{at}: durations");
        }
    }
}

#[tokio::test]
async fn the_aggregates_stay_equal_to_a_recomputation_after_random_walks() {
    for app in apps(true).await {
        // The demo loader's applications were counted as they were written.
        let store = &app.server.store;
        let kept = store.report_rows().await.unwrap();
        assert!(!kept.states.is_empty() && !kept.flows.is_empty(), "{app}");
        let summary = store
            .rebuild_reports("test", jiff::Timestamp::now())
            .await
            .unwrap();
        assert_eq!(kept, store.report_rows().await.unwrap(), "{app}: demo");
        assert_eq!(summary.states as usize, kept.states.len(), "{app}");
        assert_eq!(app.audit_count("reports.rebuild").await, 1, "{app}");
        for seed in [0x9e37_79b9_7f4a_7c15, 0x2545_f491_4f6c_dd1d, 7] {
            random_walk(&app, seed, 160).await;
        }
        let rows = store.report_rows().await.unwrap();
        assert!(
            rows.durations.iter().any(|r| r.4.starts_with("decision ")),
            "{app}: the walks reached decisions"
        );
        assert!(
            rows.states.iter().any(|r| r.1.is_empty()),
            "{app}: an application without a home society is counted"
        );
        app.stop().await;
    }
}

/// One application as the API tells it, with what its history says.
struct Counted {
    state: String,
    specialty: String,
    home: Option<String>,
    host: String,
    agreement: Option<String>,
    submitted: bool,
    recognitions: u64,
    decided: bool,
}

async fn count_through_the_api(app: &TestApp, admin: &Session) -> Vec<Counted> {
    let list = app
        .send(
            "GET",
            "/api/v1/applications?limit=500",
            As::Browser(admin),
            None,
        )
        .await
        .json();
    let mut out = Vec::new();
    for item in list["items"].as_array().unwrap() {
        let id = item["id"].as_str().unwrap();
        let one = app
            .send(
                "GET",
                &format!("/api/v1/applications/{id}"),
                As::Browser(admin),
                None,
            )
            .await
            .json();
        let actions: Vec<&str> = one["history"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["action"].as_str().unwrap())
            .collect();
        let text = |v: &Value| v.as_str().map(str::to_string);
        out.push(Counted {
            state: one["state"].as_str().unwrap().to_string(),
            specialty: one["specialty"].as_str().unwrap().to_string(),
            home: text(&one["home_society"]),
            host: one["host_society"].as_str().unwrap().to_string(),
            agreement: text(&one["agreement"]),
            submitted: actions.contains(&"submit"),
            recognitions: actions
                .iter()
                .filter(|a| matches!(**a, "approve" | "approve_with_conditions"))
                .count() as u64,
            decided: actions
                .iter()
                .any(|a| matches!(*a, "approve" | "approve_with_conditions" | "reject")),
        });
    }
    out
}

/// A CSV download: checks the file's form and returns its rows, header first.
fn csv(app: &TestApp, reply: &crate::helpers::Reply) -> Vec<Vec<String>> {
    assert_eq!(reply.status, 200, "{app}: {}", reply.body);
    assert_eq!(
        reply.header("content-type"),
        "text/csv; charset=utf-8",
        "{app}"
    );
    assert!(
        reply
            .header("content-disposition")
            .starts_with("attachment; filename=\"wanqiao-"),
        "{app}"
    );
    let body = reply
        .body
        .strip_prefix('\u{feff}')
        .unwrap_or_else(|| panic!("{app}: a CSV file starts with a byte-order mark"));
    assert!(body.ends_with("\r\n"), "{app}: CRLF line ends");
    parse_csv(body)
}

/// RFC 4180 rows: quoted cells may hold commas, doubled quotes and line breaks.
fn parse_csv(body: &str) -> Vec<Vec<String>> {
    let (mut rows, mut row, mut cell) = (Vec::new(), Vec::new(), String::new());
    let mut chars = body.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut cell)),
            (false, '\r') if chars.peek() == Some(&'\n') => {
                chars.next();
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => cell.push(c),
        }
    }
    rows
}

/// As a public figure shows a count: below 3 it says only that.
fn public(n: u64) -> String {
    if (1..3).contains(&n) {
        "<3".into()
    } else {
        n.to_string()
    }
}

async fn get(app: &TestApp, path: &str, who: As<'_>) -> crate::helpers::Reply {
    app.send("GET", path, who, None).await
}

#[tokio::test]
async fn the_figures_match_the_applications_counted_through_the_api() {
    for app in apps(true).await {
        let admin = app.login("admin@wanqiao.example").await;
        let counted = count_through_the_api(&app, &admin).await;
        assert!(counted.len() >= 12, "{app}: the demo applications");
        let hk = app.login("hk.admin@wanqiao.example").await;
        let society = "hk-building-em";
        let mine: Vec<&Counted> = counted
            .iter()
            .filter(|c| c.host == society || c.home.as_deref() == Some(society))
            .collect();
        assert!(!mine.is_empty(), "{app}");

        // The pipeline, row by row in the workflow's order: exact for the society's staff,
        // small counts hidden in public.
        let by_state = |list: &[&Counted], s: State| {
            list.iter().filter(|c| c.state == s.code()).count() as u64
        };
        let all: Vec<&Counted> = counted.iter().collect();
        let rows = csv(
            &app,
            &get(
                &app,
                &format!("/societies/{society}/dashboard/pipeline.csv?lang=en"),
                As::Browser(&hk),
            )
            .await,
        );
        assert_eq!(
            rows[0],
            ["State", "Applications"],
            "{app}: a localised header"
        );
        for (i, s) in State::ALL.iter().enumerate() {
            assert_eq!(
                rows[i + 1][1],
                by_state(&mine, *s).to_string(),
                "{app}: {s}"
            );
        }
        let rows = csv(
            &app,
            &get(&app, "/dashboard/pipeline.csv?lang=zh-Hans", As::Nobody).await,
        );
        assert_eq!(rows[0], ["状态", "申请"], "{app}");
        for (i, s) in State::ALL.iter().enumerate() {
            assert_eq!(rows[i + 1][1], public(by_state(&all, *s)), "{app}: {s}");
        }

        // Applications and recognitions by specialty, named in the reader's language.
        let specialties = app.json("/api/v1/specialties?limit=500").await;
        let name_of = |id: &str| {
            specialties["items"]
                .as_array()
                .unwrap()
                .iter()
                .find(|s| s["id"] == id)
                .map(|s| s["names"]["en"].as_str().unwrap().to_string())
                .unwrap()
        };
        let tally = |list: &[&Counted]| {
            let mut t: BTreeMap<String, (u64, u64)> = BTreeMap::new();
            for c in list {
                let e = t.entry(name_of(&c.specialty)).or_default();
                e.0 += u64::from(c.submitted);
                e.1 += c.recognitions;
            }
            t.retain(|_, (a, r)| *a + *r > 0);
            t
        };
        let rows = csv(
            &app,
            &get(
                &app,
                &format!("/societies/{society}/dashboard/by-specialty.csv?lang=en"),
                As::Browser(&hk),
            )
            .await,
        );
        assert_eq!(
            rows[0],
            ["Specialty", "Applications", "Recognitions"],
            "{app}"
        );
        let shown: BTreeMap<String, (u64, u64)> = rows[1..]
            .iter()
            .map(|r| (r[0].clone(), (r[1].parse().unwrap(), r[2].parse().unwrap())))
            .collect();
        assert_eq!(shown, tally(&mine), "{app}: the society's by specialty");
        let rows = csv(
            &app,
            &get(&app, "/dashboard/by-specialty.csv?lang=en", As::Nobody).await,
        );
        for r in &rows[1..] {
            let (a, rec) = tally(&all)[&r[0]];
            assert_eq!(r[1..], [public(a), public(rec)], "{app}: {}", r[0]);
        }

        // This month holds every submission and decision of the demo, loaded just now.
        let rows = csv(
            &app,
            &get(
                &app,
                &format!("/societies/{society}/dashboard/by-month.csv?lang=en"),
                As::Browser(&hk),
            )
            .await,
        );
        assert_eq!(rows.len(), 1 + 24, "{app}: 24 months");
        let (a, r) = tally(&mine)
            .values()
            .fold((0, 0), |acc, (a, r)| (acc.0 + a, acc.1 + r));
        assert_eq!(rows[24][1..], [a.to_string(), r.to_string()], "{app}");
        assert!(
            rows[1..24].iter().all(|r| r[1] == "0" && r[2] == "0"),
            "{app}"
        );

        // Rates: decisions by kind, and the time from submission to first decision (all the
        // demo's steps were taken at one moment: 0 days).
        let rows = csv(
            &app,
            &get(
                &app,
                &format!("/societies/{society}/dashboard/outcomes.csv?lang=en"),
                As::Browser(&hk),
            )
            .await,
        );
        let decisions: u64 = rows[1..].iter().map(|r| r[1].parse::<u64>().unwrap()).sum();
        let shares: f64 = rows[1..].iter().map(|r| r[2].parse::<f64>().unwrap()).sum();
        assert!(
            decisions > 0 && (shares - 100.0).abs() < 0.2,
            "{app}: {rows:?}"
        );
        let rows = csv(
            &app,
            &get(
                &app,
                &format!("/societies/{society}/dashboard/durations.csv?lang=en"),
                As::Browser(&hk),
            )
            .await,
        );
        let decision = rows.last().unwrap();
        assert_eq!(decision[0], "Submission to first decision", "{app}");
        let decided = mine.iter().filter(|c| c.decided).count();
        assert_eq!(decision[1..], ["0", "0", &decided.to_string()], "{app}");

        // The agreement's own figures: its applications only.
        let agreement = "building-2020";
        let under: Vec<&Counted> = counted
            .iter()
            .filter(|c| c.agreement.as_deref() == Some(agreement))
            .collect();
        let rows = csv(
            &app,
            &get(
                &app,
                &format!("/agreements/{agreement}/dashboard/pipeline.csv"),
                As::Nobody,
            )
            .await,
        );
        for (i, s) in State::ALL.iter().enumerate() {
            assert_eq!(rows[i + 1][1], public(by_state(&under, *s)), "{app}: {s}");
        }
        let page = app
            .page(&format!("/agreements/{agreement}?lang=en"), &[])
            .await;
        assert!(page.contains("Applications under this agreement"), "{app}");
        assert!(page.contains(&format!(
            r#"href="/agreements/{agreement}/dashboard/by-month.csv""#
        )));
        assert!(
            !page.contains("fig-by-specialty"),
            "{app}: one specialty, no chart of it"
        );

        // The society's queues, counted on the society's side.
        let html = get(
            &app,
            &format!("/societies/{society}/dashboard?lang=en"),
            As::Browser(&hk),
        )
        .await
        .body;
        let review = mine
            .iter()
            .filter(|c| {
                c.host == society
                    && matches!(c.state.as_str(), "attested" | "under_review" | "appealed")
            })
            .count();
        assert!(
            html.contains(&format!(
                r#"<a href="/queues/review"><span class="value">{review}</span> <span class="label">awaiting review or an appeal decision</span></a>"#
            )),
            "{app}: {html}"
        );
        let overdue = app
            .send(
                "GET",
                &format!("/api/v1/applications?overdue=true&society={society}&limit=500"),
                As::Browser(&admin),
                None,
            )
            .await
            .json();
        let acting = overdue["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|i| match i["deadline"]["step"].as_str() {
                Some("attest") => i["home_society"] == society,
                Some("decide" | "answer") => i["host_society"] == society,
                _ => false,
            })
            .count();
        assert!(
            acting > 0,
            "{app}: the demo has overdue items for this society"
        );
        assert!(
            html.contains(&format!(
                r#"<a href="/admin/overdue"><span class="value">{acting}</span>"#
            )),
            "{app}"
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn csv_cells_are_neutralised_and_pages_draw_accessible_charts() {
    for app in apps(true).await {
        let admin = app.login("admin@wanqiao.example").await;
        let hostile = r#"=HYPERLINK("http://evil.example","x")"#;
        let created = app
            .send(
                "POST",
                "/api/v1/specialties",
                As::Browser(&admin),
                Some(json!({
                    "id": "formula-specialty", "batch": 3, "status": "pilot", "sample": true,
                    "names": { "zh-Hans": hostile, "zh-Hant": hostile, "en": hostile }
                })),
            )
            .await;
        assert_eq!(created.status, 201, "{app}: {}", created.body);
        // An application in it, submitted, written as the workflow writes it.
        let store = &app.server.store;
        let demo = store
            .applications(&ApplicationFilter::default(), Page::ALL)
            .await
            .unwrap()
            .items
            .remove(0);
        let mut w = store.write("test", jiff::Timestamp::now()).await.unwrap();
        let id = w
            .create_application(&NewApplication {
                engineer: &demo.engineer,
                qualification: &demo.qualification,
                specialty: "formula-specialty",
                home_society: demo.home_society.as_deref(),
                host_society: &demo.host_society,
            })
            .await
            .unwrap();
        w.transition_application(
            &id,
            &Transition {
                action: Action::Submit,
                from: State::Draft,
                to: State::Submitted,
                revision: 0,
                outstanding: &[],
                note: "",
                reason_codes: &[],
                frozen: Some(("building-2020", 1, json!({}))),
            },
        )
        .await
        .unwrap();
        w.commit().await.unwrap();
        let reply = get(&app, "/dashboard/by-specialty.csv?lang=en", As::Nobody).await;
        assert!(
            reply
                .body
                .contains("\r\n\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",<3,0\r\n"),
            "{app}: {}",
            reply.body
        );

        let page = app.page("/dashboard?lang=en", &[]).await;
        for figure in [
            "by-specialty",
            "by-pair",
            "by-month",
            "outcomes",
            "durations",
            "pipeline",
            "agreements",
        ] {
            assert!(
                page.contains(&format!(r#"id="fig-{figure}""#)),
                "{app}: {figure}"
            );
            assert!(
                page.contains(&format!(r#"href="/dashboard/{figure}.csv""#)),
                "{app}: {figure}"
            );
        }
        assert!(page.contains(
            r#"role="img" aria-labelledby="chart-by-specialty-title chart-by-specialty-desc""#
        ));
        assert!(page.contains(r#"<title id="chart-pipeline-title">Applications by state</title>"#));
        assert!(
            page.contains("<caption>Applications by state</caption>"),
            "{app}"
        );
        assert!(
            !page.contains("<engineering>") && !page.contains("<script"),
            "{app}"
        );
        assert!(
            page.contains("=HYPERLINK(&#34;") || page.contains("=HYPERLINK(&quot;"),
            "{app}: escaped in the page"
        );
        // Twelve demo applications are too few for public rates.
        assert!(
            page.contains("Rates are shown once there are at least 10 decisions."),
            "{app}"
        );
        assert!(
            page.contains(r#"href="/dashboard""#),
            "{app}: in the navigation"
        );
        let home = app.page("/?lang=en", &[]).await;
        assert!(
            home.contains(r#"<a href="/dashboard">"#),
            "{app}: linked from the home page"
        );
        assert_eq!(
            get(&app, "/dashboard/nothing.csv", As::Nobody).await.status,
            404
        );
        assert_eq!(
            get(&app, "/dashboard/pipeline", As::Nobody).await.status,
            404
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn a_society_dashboard_is_for_its_staff_only() {
    for app in apps(true).await {
        let path = "/societies/hk-building-em/dashboard";
        let csv_path = "/societies/hk-building-em/dashboard/pipeline.csv";
        for p in [path, csv_path] {
            let anonymous = get(&app, p, As::Nobody).await;
            assert_eq!(anonymous.status, 303, "{app} {p}");
            assert!(anonymous.header("location").starts_with("/login"), "{app}");
            for email in [
                "gdes.reviewer@wanqiao.example",
                "gd.attestor@wanqiao.example",
                "mo.admin@wanqiao.example",
                "engineer.hk@wanqiao.example",
            ] {
                let s = app.login(email).await;
                assert_eq!(
                    get(&app, p, As::Browser(&s)).await.status,
                    403,
                    "{app} {email} {p}"
                );
            }
            for email in [
                "hk.admin@wanqiao.example",
                "hk.reviewer@wanqiao.example",
                "admin@wanqiao.example",
            ] {
                let s = app.login(email).await;
                assert_eq!(
                    get(&app, p, As::Browser(&s)).await.status,
                    200,
                    "{app} {email} {p}"
                );
            }
        }
        let reviewer = app.login("hk.reviewer@wanqiao.example").await;
        let html = get(&app, &format!("{path}?lang=en"), As::Browser(&reviewer))
            .await
            .body;
        assert!(html.contains(r#"href="/queues/review""#), "{app}");
        assert!(
            !html.contains(r#"href="/admin/overdue""#),
            "{app}: a reviewer is not sent to a page they cannot open"
        );
        let unknown = app.login("admin@wanqiao.example").await;
        let missing = get(
            &app,
            "/societies/no-such-society/dashboard",
            As::Browser(&unknown),
        )
        .await;
        assert_eq!(missing.status, 404, "{app}");
        // The public dashboard lists the dashboards a signed-in reader may open.
        let public = get(&app, "/dashboard?lang=en", As::Browser(&reviewer))
            .await
            .body;
        assert!(
            public.contains(r#"href="/societies/hk-building-em/dashboard""#),
            "{app}"
        );
        assert!(
            !public.contains(r#"href="/societies/gdes/dashboard""#),
            "{app}"
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn dashboards_render_in_every_language() {
    let keys: Vec<&str> = include_str!("../../../web/locales/dashboard/en.ftl")
        .lines()
        .filter_map(|l| l.split_once(" = ").map(|(k, _)| k.trim()))
        .filter(|k| !k.starts_with('#'))
        .collect();
    for app in apps(true).await {
        let hk = app.login("hk.admin@wanqiao.example").await;
        for (lang, title) in [
            ("zh-Hans", "数据看板"),
            ("zh-Hant", "數據看板"),
            ("en", "Dashboard"),
            ("pt", "Painel"),
        ] {
            for path in [
                format!("/dashboard?lang={lang}"),
                format!("/agreements/building-2020?lang={lang}"),
                format!("/societies/hk-building-em/dashboard?lang={lang}"),
            ] {
                let reply = get(&app, &path, As::Browser(&hk)).await;
                assert_eq!(reply.status, 200, "{app} {path}");
                let html = reply.body;
                assert!(
                    html.contains(&format!(r#"<html lang="{lang}""#)),
                    "{app} {path}"
                );
                assert!(html.contains("<svg "), "{app} {path}: charts");
                for key in &keys {
                    assert!(
                        !html.contains(&format!(">{key}<")),
                        "{app} {path}: `{key}` missing"
                    );
                }
            }
            let page = get(&app, &format!("/dashboard?lang={lang}"), As::Nobody)
                .await
                .body;
            assert!(page.contains(&format!("<h1>{title}</h1>")), "{app} {lang}");
            let rows = csv(
                &app,
                &get(
                    &app,
                    &format!("/dashboard/by-month.csv?lang={lang}"),
                    As::Nobody,
                )
                .await,
            );
            assert_eq!(rows.len(), 25, "{app} {lang}");
        }
        app.stop().await;
    }
}
