//! Storage behaviour: SQLite settings, idempotent start-up, demo loading, graceful stop.

use crate::helpers::{Engine, TestApp, TestDb, engines};
use std::io::{BufRead, BufReader};
use wanqiao::demo;
use wanqiao_store::{Store, StoreError};

#[tokio::test]
async fn sqlite_runs_in_wal_mode_with_foreign_keys() {
    let db = TestDb::new(Engine::Sqlite).await;
    let store = wanqiao::open(&db.url).await.unwrap();
    assert_eq!(store.sqlite_pragma("journal_mode").await.unwrap(), "wal");
    assert_eq!(store.sqlite_pragma("foreign_keys").await.unwrap(), "1");
    store.close().await;
    db.drop_db().await;
}

#[tokio::test]
async fn restarting_keeps_the_data_and_never_loads_the_demo_twice() {
    for engine in engines() {
        let app = TestApp::start(engine, true).await;
        let url = app.db.url.clone();
        let first = app.json("/api/v1/societies").await["total"].clone();
        app.server.stop().await.unwrap();
        let again = wanqiao::server::Running::start(&url, "127.0.0.1:0".parse().unwrap(), true)
            .await
            .unwrap();
        let body: serde_json::Value = reqwest::get(again.url("/api/v1/societies"))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(body["total"], first, "[{engine}]");
        again.stop().await.unwrap();
        app.db.drop_db().await;
    }
}

#[tokio::test]
async fn a_data_set_loads_only_into_an_empty_register() {
    for engine in engines() {
        let db = TestDb::new(engine).await;
        let store = wanqiao::open(&db.url).await.unwrap();
        assert!(store.is_empty().await.unwrap());
        store.load_dataset(&demo::dataset()).await.unwrap();
        let err = store.load_dataset(&demo::dataset()).await.unwrap_err();
        assert!(matches!(err, StoreError::Conflict(_)), "[{engine}] {err}");
        store
            .migrate()
            .await
            .expect("migrations run again harmlessly");
        store.close().await;
        db.drop_db().await;
    }
}

#[tokio::test]
async fn no_demo_leaves_the_register_empty() {
    for engine in engines() {
        let app = TestApp::start(engine, false).await;
        assert_eq!(app.json("/api/v1/societies").await["total"], 0, "{app}");
        app.stop().await;
    }
}

#[tokio::test]
async fn health_fails_when_the_database_is_gone() {
    let app = TestApp::start(Engine::Sqlite, false).await;
    let store: Store = app.server.store.clone();
    store.close().await;
    let reply = app.get("/healthz").await;
    assert_eq!(reply.status, 503);
    let api = app.get("/api/v1/societies").await;
    assert_eq!(api.status, 503, "{}", api.body);
    assert!(
        !api.body.contains("PoolClosed"),
        "no internals leak: {}",
        api.body
    );
    app.server.stop().await.unwrap();
    app.db.drop_db().await;
}

#[test]
#[cfg(unix)]
fn serve_stops_gracefully_on_sigterm() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let db = rt.block_on(TestDb::new(Engine::Sqlite));
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_wanqiao"))
        .args([
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--database-url",
            &db.url,
        ])
        .env("RUST_LOG", "warn")
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let url = lines
        .by_ref()
        .map_while(Result::ok)
        .find_map(|l| {
            l.split_whitespace()
                .find(|w| w.starts_with("http://"))
                .map(str::to_string)
        })
        .expect("serve prints the URL to open");
    let health = rt.block_on(reqwest::get(format!("{url}healthz"))).unwrap();
    assert_eq!(health.status(), 200);
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = child.wait().unwrap();
    assert!(status.success(), "exit status {status}");
    let rest: Vec<String> = lines.map_while(Result::ok).collect();
    assert!(rest.iter().any(|l| l.contains("stopped")), "{rest:?}");
    rt.block_on(db.drop_db());
}
