use reqwest::header::{HeaderMap, HeaderValue};
use serde_json::Value;
use sqlx::{Connection, Executor, PgConnection};
use std::fmt;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};
use wanqiao::server::Running;

/// The engines this run covers: SQLite always; PostgreSQL when asked for, and then it must
/// be reachable: a run that asked for it never skips it silently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

impl fmt::Display for Engine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Engine::Sqlite => "SQLite",
            Engine::Postgres => "PostgreSQL",
        })
    }
}

pub fn engines() -> Vec<Engine> {
    let mut out = vec![Engine::Sqlite];
    if postgres_base().is_some() {
        out.push(Engine::Postgres);
    }
    out
}

fn postgres_base() -> Option<String> {
    std::env::var("WANQIAO_TEST_POSTGRES_URL")
        .ok()
        .filter(|u| !u.is_empty())
}

fn unique_name() -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    format!(
        "wanqiao_test_{}_{}_{nanos}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

/// A database of its own for one test, removed afterwards.
pub struct TestDb {
    pub url: String,
    file: Option<PathBuf>,
    pg_name: Option<String>,
}

impl TestDb {
    pub async fn new(engine: Engine) -> TestDb {
        let name = unique_name();
        match engine {
            Engine::Sqlite => {
                let file = std::env::temp_dir().join(format!("{name}.db"));
                TestDb {
                    url: format!("sqlite://{}", file.display()),
                    file: Some(file),
                    pg_name: None,
                }
            }
            Engine::Postgres => {
                let base = postgres_base().expect("PostgreSQL asked for");
                let mut admin = PgConnection::connect(&base).await.unwrap_or_else(|e| {
                    panic!("WANQIAO_TEST_POSTGRES_URL is set but PostgreSQL cannot be reached at {base}: {e}")
                });
                admin
                    .execute(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                    .await
                    .expect("create a test database");
                let (prefix, _) = base.rsplit_once('/').expect("URL names a database");
                TestDb {
                    url: format!("{prefix}/{name}"),
                    file: None,
                    pg_name: Some(name),
                }
            }
        }
    }

    pub async fn drop_db(self) {
        if let Some(file) = &self.file {
            for suffix in ["", "-wal", "-shm", ".master-key"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", file.display()));
            }
        }
        if let (Some(name), Some(base)) = (&self.pg_name, postgres_base())
            && let Ok(mut admin) = PgConnection::connect(&base).await
        {
            let _ = admin
                .execute(sqlx::AssertSqlSafe(format!(
                    "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                )))
                .await;
        }
    }
}

/// A running platform with its own database.
pub struct TestApp {
    pub engine: Engine,
    pub server: Running,
    pub db: TestDb,
    pub http: reqwest::Client,
}

impl fmt::Display for TestApp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[{}]", self.engine)
    }
}

/// One running app per engine, with the demo data (or not).
pub async fn apps(demo: bool) -> Vec<TestApp> {
    let mut out = Vec::new();
    for engine in engines() {
        out.push(TestApp::start(engine, demo).await);
    }
    out
}

pub struct Reply {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: String,
}

impl Reply {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v: &HeaderValue| v.to_str().ok())
            .unwrap_or_default()
    }
}

impl TestApp {
    pub async fn start(engine: Engine, demo: bool) -> TestApp {
        let db = TestDb::new(engine).await;
        let listen: SocketAddr = "127.0.0.1:0".parse().unwrap();
        let server = Running::start(&db.url, listen, demo)
            .await
            .unwrap_or_else(|e| panic!("[{engine}] server failed to start: {e}"));
        TestApp {
            engine,
            server,
            db,
            http: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
        }
    }

    /// Wraps a server started by the test itself.
    pub fn wrap(engine: Engine, server: Running, db: TestDb) -> TestApp {
        TestApp {
            engine,
            server,
            db,
            http: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
        }
    }

    pub fn url(&self, path: &str) -> String {
        self.server.url(path)
    }

    pub async fn get_with(&self, path: &str, headers: &[(&str, &str)]) -> Reply {
        let mut request = self.http.get(self.url(path));
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let response = request
            .send()
            .await
            .unwrap_or_else(|e| panic!("{self} GET {path}: {e}"));
        Reply {
            status: response.status().as_u16(),
            headers: response.headers().clone(),
            body: response.text().await.unwrap(),
        }
    }

    pub async fn get(&self, path: &str) -> Reply {
        self.get_with(path, &[]).await
    }

    /// GET that must answer 200 with JSON.
    pub async fn json(&self, path: &str) -> Value {
        let reply = self.get(path).await;
        assert_eq!(reply.status, 200, "{self} GET {path}: {}", reply.body);
        reply.json()
    }

    /// GET that must answer 200 with a page.
    pub async fn page(&self, path: &str, headers: &[(&str, &str)]) -> String {
        let reply = self.get_with(path, headers).await;
        assert_eq!(reply.status, 200, "{self} GET {path}: {}", reply.body);
        assert!(
            reply.header("content-type").starts_with("text/html"),
            "{self} GET {path} is not HTML"
        );
        reply.body
    }

    pub async fn stop(self) {
        self.server.stop().await.expect("server stops cleanly");
        self.db.drop_db().await;
    }
}

/// Asserts a problem document: status, media type, and that its text mentions `needle`.
pub fn assert_problem(app: &TestApp, reply: &Reply, status: u16, needle: &str) {
    assert_eq!(reply.status, status, "{app}: {}", reply.body);
    assert_eq!(
        reply.header("content-type"),
        "application/problem+json",
        "{app}"
    );
    let body = reply.json();
    assert_eq!(body["status"], status, "{app}");
    assert!(
        body["detail"].as_str().unwrap_or_default().contains(needle),
        "{app}: `{needle}` not in {body}"
    );
}

/// Runs the `wanqiao` binary with arguments; (exit code, stdout, stderr).
pub fn wanqiao(args: &[&str]) -> (i32, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_wanqiao"))
        .args(args)
        .env_remove("WANQIAO_DATABASE_URL")
        .env("RUST_LOG", "warn")
        .output()
        .expect("run wanqiao");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The demo password of every demo account.
pub const DEMO_PASSWORD: &str = "wanqiao-demo-2026";

/// A signed-in browser: its session cookie and CSRF token.
#[derive(Debug, Clone, Default)]
pub struct Session {
    pub cookie: String,
    pub csrf: String,
}

/// How a request proves who sends it.
#[derive(Debug, Clone, Copy)]
pub enum As<'a> {
    Nobody,
    Browser(&'a Session),
    /// A session cookie but no CSRF token, as a forged cross-site form would send.
    BrowserWithoutCsrf(&'a Session),
    Token(&'a str),
}

impl TestApp {
    /// Signs in through the API; panics unless it succeeds.
    pub async fn login(&self, email: &str) -> Session {
        let reply = self
            .send(
                "POST",
                "/api/v1/auth/login",
                As::Nobody,
                Some(serde_json::json!({ "email": email, "password": DEMO_PASSWORD })),
            )
            .await;
        assert_eq!(
            reply.status, 200,
            "{self} sign-in of {email}: {}",
            reply.body
        );
        let cookie = reply
            .header("set-cookie")
            .split(';')
            .next()
            .unwrap()
            .to_string();
        Session {
            cookie,
            csrf: reply.json()["csrf_token"].as_str().unwrap().to_string(),
        }
    }

    /// Any request, with a JSON body when given.
    pub async fn send(&self, method: &str, path: &str, who: As<'_>, body: Option<Value>) -> Reply {
        let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        let mut request = self.http.request(method, self.url(path));
        request = match who {
            As::Nobody => request,
            As::Browser(s) => request
                .header("cookie", &s.cookie)
                .header("x-csrf-token", &s.csrf),
            As::BrowserWithoutCsrf(s) => request.header("cookie", &s.cookie),
            As::Token(t) => request.header("authorization", format!("Bearer {t}")),
        };
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request
            .send()
            .await
            .unwrap_or_else(|e| panic!("{self} {path}: {e}"));
        Reply {
            status: response.status().as_u16(),
            headers: response.headers().clone(),
            body: response.text().await.unwrap(),
        }
    }

    /// The number of audit events with `action`.
    pub async fn audit_count(&self, action: &str) -> usize {
        let filter = wanqiao_store::audit::AuditFilter {
            action: Some(action.to_string()),
            ..Default::default()
        };
        self.server
            .store
            .audit_events(&filter, wanqiao_store::Page::ALL)
            .await
            .unwrap()
            .total as usize
    }
}

/// Withdraws the live demo applications of the engineer with `email`, so a test can apply
/// afresh to any society.
pub async fn clear_applications(app: &TestApp, email: &str) {
    use wanqiao_domain::workflow::{Action, State};
    use wanqiao_store::applications::{ApplicationFilter, Transition};
    let store = &app.server.store;
    let user = store.user_id_by_email(email).await.unwrap().unwrap();
    let engineer = store.engineer_of_user(&user).await.unwrap().unwrap();
    let filter = ApplicationFilter {
        engineer: Some(engineer),
        ..ApplicationFilter::default()
    };
    let list = store
        .applications(&filter, wanqiao_store::Page::ALL)
        .await
        .unwrap();
    let mut w = store.write(user, jiff::Timestamp::now()).await.unwrap();
    for a in list
        .items
        .iter()
        .filter(|a| !a.state.is_final() && a.state != State::Rejected)
    {
        let t = Transition {
            action: Action::Withdraw,
            from: a.state,
            to: State::Withdrawn,
            revision: a.revision,
            outstanding: &[],
            note: "cleared for a test",
            reason_codes: &[],
            frozen: None,
        };
        w.transition_application(&a.id, &t).await.unwrap();
    }
    w.commit().await.unwrap();
}

/// The certificate of the demo's first approved application, as `who` reads it.
pub async fn demo_certificate(app: &TestApp, who: &Session) -> String {
    let approved = app
        .send(
            "GET",
            "/api/v1/applications?state=approved",
            As::Browser(who),
            None,
        )
        .await
        .json();
    let id = approved["items"][0]["id"]
        .as_str()
        .expect("an approved demo application");
    let detail = app
        .send(
            "GET",
            &format!("/api/v1/applications/{id}"),
            As::Browser(who),
            None,
        )
        .await
        .json();
    detail["credential_id"]
        .as_str()
        .expect("its certificate")
        .to_string()
}

/// `s` as a URL query value: letters, digits and `-` as they are, every other byte escaped.
pub fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b == b'-' {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}
