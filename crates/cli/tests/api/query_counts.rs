//! SQL statements per request (issue 7, item 7): not a benchmark, a guard against
//! pathological regressions. The server runs with its test-only `X-Query-Count` header
//! (`Running::start_counting_queries`); every GET route of `route_list()` is requested as
//! anonymous and as each kind of signed-in caller, and
//!
//! - no request may run more than [`BUDGET`] statements;
//! - no request may run more statements over a database with many rows (the demo plus
//!   `wanqiao demo scale`) than over the demo alone, nor a list with 50 rows more than the
//!   same list with 5: a count that grows with the rows shown is an N+1 query.

use crate::helpers::{As, Engine, Session, TestApp, TestDb, engines, wanqiao};
use std::collections::BTreeMap;
use wanqiao::server::Running;

/// The most statements one request may run.
const BUDGET: u64 = 25;

/// The route pattern a filled path was made from: the most specific one it fits
/// (`/applications/new` rather than `/applications/{id}`).
fn pattern_of(path: &str) -> Option<String> {
    wanqiao_web::route_list()
        .into_iter()
        .filter(|r| r.method.as_str() == "GET")
        .map(|r| r.path)
        .filter(|p| {
            p.split('/').count() == path.split('/').count()
                && p.split('/')
                    .zip(path.split('/'))
                    .all(|(a, b)| a.starts_with('{') || a == b)
        })
        .min_by_key(|p| p.matches('{').count())
}

const CALLERS: [Option<&str>; 5] = [
    None,
    Some("admin@wanqiao.example"),
    Some("hk.admin@wanqiao.example"),
    Some("gdes.reviewer@wanqiao.example"),
    Some("engineer.gd@wanqiao.example"),
];

async fn counting(engine: Engine, scale: bool) -> TestApp {
    let db = TestDb::new(engine).await;
    if scale {
        let (code, out, err) = wanqiao(&[
            "demo",
            "scale",
            "--engineers",
            "400",
            "--applications",
            "150",
            "--database-url",
            &db.url,
        ]);
        assert_eq!(code, 0, "[{engine}] demo scale: {out}{err}");
    }
    let server = Running::start_counting_queries(&db.url, "127.0.0.1:0".parse().unwrap(), true)
        .await
        .unwrap_or_else(|e| panic!("[{engine}] {e}"));
    TestApp::wrap(engine, server, db)
}

/// Ids to fill route patterns with, read from the app's own data.
struct Ids {
    application: String,
    credential: String,
    engineer: String,
    user: String,
    agreement: String,
}

async fn ids(app: &TestApp, admin: &Session) -> Ids {
    let get = |path: &'static str| async move {
        let reply = app.send("GET", path, As::Browser(admin), None).await;
        assert_eq!(reply.status, 200, "{app} {path}: {}", reply.body);
        reply.json()
    };
    let approved = get("/api/v1/applications?state=approved&limit=1").await;
    let application = approved["items"][0]["id"].as_str().unwrap().to_string();
    let detail = app
        .send(
            "GET",
            &format!("/api/v1/applications/{application}"),
            As::Browser(admin),
            None,
        )
        .await
        .json();
    let first = |v: serde_json::Value| v["items"][0]["id"].as_str().unwrap_or("x").to_string();
    Ids {
        credential: detail["credential_id"].as_str().unwrap_or("x").to_string(),
        application,
        engineer: first(get("/api/v1/engineers?limit=1").await),
        user: first(get("/api/v1/users?limit=1").await),
        agreement: first(get("/api/v1/agreements?status=in-force&limit=1").await),
    }
}

/// The route pattern with its parameters filled from `ids`.
fn fill(pattern: &str, ids: &Ids) -> String {
    let mut out = Vec::new();
    let segments: Vec<&str> = pattern.split('/').collect();
    for (i, s) in segments.iter().enumerate() {
        let Some(name) = s.strip_prefix('{').and_then(|s| s.strip_suffix('}')) else {
            out.push(s.to_string());
            continue;
        };
        let before = if i > 0 { segments[i - 1] } else { "" };
        let value = match (before, name) {
            ("societies", _) | (_, "society") => "gdes",
            ("agreements", _) => ids.agreement.as_str(),
            ("applications", _) => ids.application.as_str(),
            ("users", _) => ids.user.as_str(),
            ("engineers", _) => ids.engineer.as_str(),
            ("credentials" | "verify", _) => ids.credential.as_str(),
            ("specialties", _) => "building",
            ("frameworks", _) => "cn-title",
            ("assets", _) => "style.css",
            (_, "number") => "1",
            (_, "purpose") => "revocation",
            _ => "x",
        };
        out.push(value.to_string());
    }
    out.join("/")
}

/// Statements per (path, caller) for every GET route, with the status.
async fn measure(app: &TestApp) -> BTreeMap<(String, usize), (u16, u64)> {
    let admin = app.login("admin@wanqiao.example").await;
    let ids = ids(app, &admin).await;
    let mut sessions = Vec::new();
    for caller in CALLERS {
        sessions.push(match caller {
            Some(email) => Some(app.login(email).await),
            None => None,
        });
    }
    let mut out = BTreeMap::new();
    for route in wanqiao_web::route_list() {
        if route.method.as_str() != "GET" {
            continue;
        }
        let path = fill(&route.path, &ids);
        for (i, session) in sessions.iter().enumerate() {
            let who = session.as_ref().map_or(As::Nobody, As::Browser);
            let reply = app.send("GET", &path, who, None).await;
            let n: u64 = reply
                .header("x-query-count")
                .parse()
                .unwrap_or_else(|_| panic!("{app} GET {path}: no X-Query-Count"));
            out.insert((path.clone(), i), (reply.status, n));
        }
    }
    out
}

fn caller(i: usize) -> &'static str {
    CALLERS[i].unwrap_or("anonymous")
}

#[tokio::test]
async fn no_page_runs_more_than_its_budget_nor_more_with_more_rows() {
    for engine in engines() {
        let small = counting(engine, false).await;
        let large = counting(engine, true).await;
        let few = measure(&small).await;
        let many = measure(&large).await;
        let mut problems = Vec::new();
        for ((path, who), (status, n)) in &many {
            if *n > BUDGET {
                problems.push(format!(
                    "GET {path} as {}: {n} statements (status {status}), over the budget of {BUDGET}",
                    caller(*who)
                ));
            }
        }
        // Paths differ between the two databases only by their ids: compare by pattern.
        let by_pattern = |m: &BTreeMap<(String, usize), (u16, u64)>| {
            let mut out = BTreeMap::new();
            for (i, route) in wanqiao_web::route_list()
                .into_iter()
                .filter(|r| r.method.as_str() == "GET")
                .enumerate()
            {
                for ((_, who), v) in m
                    .iter()
                    .filter(|((p, _), _)| pattern_of(p).as_deref() == Some(route.path.as_str()))
                {
                    out.insert((i, route.path.clone(), *who), *v);
                }
            }
            out
        };
        let (few, many_by) = (by_pattern(&few), by_pattern(&many));
        for (key, (status, n)) in &many_by {
            if let Some((s0, n0)) = few.get(key)
                && *status == 200
                && *s0 == 200
                && n > n0
            {
                problems.push(format!(
                    "GET {} as {}: {n0} statements over the demo data, {n} over many rows",
                    key.1,
                    caller(key.2)
                ));
            }
        }

        // The same list, 5 rows and 50.
        let admin = large.login("admin@wanqiao.example").await;
        for list in [
            "/admin/engineers",
            "/api/v1/engineers",
            "/api/v1/register",
            "/api/v1/applications",
        ] {
            let count = |limit: u32| {
                let (large, admin) = (&large, &admin);
                async move {
                    let reply = large
                        .send(
                            "GET",
                            &format!("{list}?limit={limit}"),
                            As::Browser(admin),
                            None,
                        )
                        .await;
                    assert_eq!(reply.status, 200, "{large} {list}: {}", reply.body);
                    reply.header("x-query-count").parse::<u64>().unwrap()
                }
            };
            let (five, fifty) = (count(5).await, count(50).await);
            if fifty > five {
                problems.push(format!(
                    "GET {list}: {five} statements for 5 rows, {fifty} for 50"
                ));
            }
        }
        small.stop().await;
        large.stop().await;
        assert!(
            problems.is_empty(),
            "[{engine}] {} request(s) run too many statements:\n{}",
            problems.len(),
            problems.join("\n")
        );
    }
}
