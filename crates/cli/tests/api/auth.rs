//! Signing in, sessions, tokens, CSRF and their refusals: each refusal changes nothing, and
//! those that concern a credential are audited.

use crate::helpers::{As, DEMO_PASSWORD, TestApp, TestDb, apps, assert_problem, engines, wanqiao};
use jiff::{SignedDuration, Timestamp};
use serde_json::json;
use std::sync::{Arc, Mutex};
use wanqiao::server::Running;
use wanqiao_web::{AuthConfig, Clock};

#[tokio::test]
async fn signing_in_gives_a_safe_cookie_and_signing_out_ends_the_session() {
    for app in apps(true).await {
        let reply = app
            .send(
                "POST",
                "/api/v1/auth/login",
                As::Nobody,
                Some(json!({ "email": "Admin@Wanqiao.example ", "password": DEMO_PASSWORD })),
            )
            .await;
        assert_eq!(
            reply.status, 200,
            "{app}: email case and spaces do not matter"
        );
        let cookie = reply.header("set-cookie");
        assert!(cookie.starts_with("wanqiao_session="), "{app}: {cookie}");
        assert!(
            cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
            "{app}"
        );
        assert!(
            !cookie.contains("Secure"),
            "{app}: plain HTTP without --public-url https"
        );
        assert!(
            reply.json()["csrf_token"].as_str().unwrap().len() >= 32,
            "{app}"
        );

        let session = app.login("admin@wanqiao.example").await;
        let me = app
            .send("GET", "/api/v1/auth/me", As::Browser(&session), None)
            .await;
        assert_eq!(me.status, 200, "{app}");
        assert_eq!(
            me.json()["user"]["grants"][0]["role"],
            "platform_admin",
            "{app}"
        );
        assert!(
            app.audit_count("auth.login").await >= 2,
            "{app}: sign-ins are audited"
        );

        let out = app
            .send("POST", "/api/v1/auth/logout", As::Browser(&session), None)
            .await;
        assert_eq!(out.status, 204, "{app}");
        let me = app
            .send("GET", "/api/v1/auth/me", As::Browser(&session), None)
            .await;
        assert_eq!(me.status, 401, "{app}: the session is gone on the server");
        assert_eq!(app.audit_count("auth.logout").await, 1, "{app}");
        app.stop().await;
    }
}

#[tokio::test]
async fn wrong_password_and_unknown_email_get_one_generic_answer_and_are_audited() {
    for app in apps(true).await {
        let attempt = |email: &'static str, password: &'static str| {
            app.send(
                "POST",
                "/api/v1/auth/login",
                As::Nobody,
                Some(json!({ "email": email, "password": password })),
            )
        };
        let wrong_password = attempt("admin@wanqiao.example", "not the password").await;
        let unknown = attempt("nobody@wanqiao.example", "not the password").await;
        assert_problem(&app, &wrong_password, 401, "not correct");
        assert_eq!(
            wrong_password.json()["detail"],
            unknown.json()["detail"],
            "{app}"
        );
        assert_eq!(wrong_password.status, unknown.status, "{app}");
        assert!(wrong_password.header("set-cookie").is_empty(), "{app}");
        assert_eq!(app.audit_count("auth.login_failed").await, 2, "{app}");
        app.stop().await;
    }
}

#[tokio::test]
async fn repeated_failures_are_throttled_with_retry_after() {
    for app in apps(true).await {
        let body = json!({ "email": "engineer.gd@wanqiao.example", "password": "guess" });
        for _ in 0..5 {
            let r = app
                .send("POST", "/api/v1/auth/login", As::Nobody, Some(body.clone()))
                .await;
            assert_eq!(r.status, 401, "{app}");
        }
        let good = json!({ "email": "engineer.gd@wanqiao.example", "password": DEMO_PASSWORD });
        let r = app
            .send("POST", "/api/v1/auth/login", As::Nobody, Some(good))
            .await;
        assert_problem(&app, &r, 429, "try again");
        let wait: u64 = r
            .header("retry-after")
            .parse()
            .expect("Retry-After in seconds");
        assert!(wait > 0 && wait <= 15 * 60, "{app}: {wait}");
        assert!(
            r.header("set-cookie").is_empty(),
            "{app}: no session while throttled"
        );
        let other = app.login("engineer.hk@wanqiao.example").await;
        assert!(
            !other.cookie.is_empty(),
            "{app}: other accounts are not locked out"
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn writes_with_a_session_cookie_need_the_csrf_token() {
    for app in apps(true).await {
        let session = app.login("engineer.gd@wanqiao.example").await;
        let body = Some(json!({ "name": "script" }));
        let forged = app
            .send(
                "POST",
                "/api/v1/auth/tokens",
                As::BrowserWithoutCsrf(&session),
                body.clone(),
            )
            .await;
        assert_problem(&app, &forged, 403, "CSRF");
        let wrong = crate::helpers::Session {
            cookie: session.cookie.clone(),
            csrf: "0".repeat(64),
        };
        let forged = app
            .send(
                "POST",
                "/api/v1/auth/tokens",
                As::Browser(&wrong),
                body.clone(),
            )
            .await;
        assert_eq!(forged.status, 403, "{app}");
        let list = app
            .send("GET", "/api/v1/auth/tokens", As::Browser(&session), None)
            .await;
        assert_eq!(list.json()["total"], 0, "{app}: nothing was created");
        assert_eq!(app.audit_count("token.create").await, 0, "{app}");
        assert_eq!(
            app.audit_count("auth.csrf_refused").await,
            2,
            "{app}: forged writes are traced"
        );

        let made = app
            .send("POST", "/api/v1/auth/tokens", As::Browser(&session), body)
            .await;
        assert_eq!(made.status, 201, "{app}: {}", made.body);
        app.stop().await;
    }
}

#[tokio::test]
async fn a_revoked_token_is_refused_at_once_and_audited() {
    for app in apps(true).await {
        let session = app.login("hk.reviewer@wanqiao.example").await;
        let made = app
            .send(
                "POST",
                "/api/v1/auth/tokens",
                As::Browser(&session),
                Some(json!({ "name": "ci" })),
            )
            .await;
        assert_eq!(made.status, 201, "{app}");
        let token = made.json()["token"].as_str().unwrap().to_string();
        let id = made.json()["id"].as_str().unwrap().to_string();
        let me = app
            .send("GET", "/api/v1/auth/me", As::Token(&token), None)
            .await;
        assert_eq!(me.status, 200, "{app}");
        assert!(
            me.json().get("csrf_token").is_none(),
            "{app}: tokens need no CSRF"
        );
        let list = app
            .send("GET", "/api/v1/auth/tokens", As::Token(&token), None)
            .await;
        assert!(
            !list.body.contains(&token),
            "{app}: the token is never shown again"
        );

        let gone = app
            .send(
                "DELETE",
                &format!("/api/v1/auth/tokens/{id}"),
                As::Token(&token),
                None,
            )
            .await;
        assert_eq!(gone.status, 204, "{app}");
        let refused = app
            .send("GET", "/api/v1/societies", As::Token(&token), None)
            .await;
        assert_problem(&app, &refused, 401, "revoked");
        assert_eq!(app.audit_count("auth.token_refused").await, 1, "{app}");
        let again = app
            .send(
                "DELETE",
                &format!("/api/v1/auth/tokens/{id}"),
                As::Browser(&session),
                None,
            )
            .await;
        assert_eq!(again.status, 409, "{app}: already revoked");
        assert_eq!(app.audit_count("token.revoke").await, 1, "{app}");
        app.stop().await;
    }
}

#[tokio::test]
async fn disabling_a_user_ends_their_open_sessions_and_tokens_at_once() {
    for app in apps(true).await {
        let admin = app.login("admin@wanqiao.example").await;
        let engineer = app.login("engineer.gd@wanqiao.example").await;
        let token = app
            .send(
                "POST",
                "/api/v1/auth/tokens",
                As::Browser(&engineer),
                Some(json!({ "name": "t" })),
            )
            .await
            .json()["token"]
            .as_str()
            .unwrap()
            .to_string();
        let me = app
            .send("GET", "/api/v1/auth/me", As::Browser(&engineer), None)
            .await;
        let id = me.json()["user"]["user_id"].as_str().unwrap().to_string();
        let off = app
            .send(
                "POST",
                &format!("/api/v1/users/{id}/disable"),
                As::Browser(&admin),
                None,
            )
            .await;
        assert_eq!(off.status, 200, "{app}: {}", off.body);
        assert_eq!(off.json()["disabled"], true, "{app}");
        for who in [As::Browser(&engineer), As::Token(&token)] {
            let r = app.send("GET", "/api/v1/auth/me", who, None).await;
            assert_eq!(r.status, 401, "{app}");
        }
        let again = app
            .send(
                "POST",
                "/api/v1/auth/login",
                As::Nobody,
                Some(json!({ "email": "engineer.gd@wanqiao.example", "password": DEMO_PASSWORD })),
            )
            .await;
        assert_eq!(
            again.status, 401,
            "{app}: a disabled account cannot sign in"
        );
        let twice = app
            .send(
                "POST",
                &format!("/api/v1/users/{id}/disable"),
                As::Browser(&admin),
                None,
            )
            .await;
        assert_problem(&app, &twice, 409, "already disabled");
        app.stop().await;
    }
}

#[tokio::test]
async fn society_admins_cannot_act_outside_their_society() {
    for app in apps(true).await {
        let hk = app.login("hk.admin@wanqiao.example").await;
        let before = app.audit_count("user.").await;
        let outside = app
            .send(
                "POST",
                "/api/v1/users",
                As::Browser(&hk),
                Some(json!({
                    "email": "new.reviewer@wanqiao.example",
                    "display_name": "New",
                    "password": "a long enough password",
                    "grants": [{ "role": "reviewer", "society": "gdes" }]
                })),
            )
            .await;
        assert_problem(&app, &outside, 403, "society");
        let platform = app
            .send(
                "POST",
                "/api/v1/users",
                As::Browser(&hk),
                Some(json!({
                    "email": "new.admin@wanqiao.example",
                    "display_name": "New",
                    "grants": [{ "role": "platform_admin" }]
                })),
            )
            .await;
        assert_eq!(platform.status, 403, "{app}");
        let list = app
            .send("GET", "/api/v1/users?society=gdes", As::Browser(&hk), None)
            .await;
        assert_eq!(list.status, 403, "{app}");
        let mine = app
            .send("GET", "/api/v1/users", As::Browser(&hk), None)
            .await;
        for u in mine.json()["items"].as_array().unwrap() {
            assert!(
                u["grants"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|g| g["society"] == "hk-building-em"),
                "{app}: {u}"
            );
        }
        assert_eq!(
            app.audit_count("user.").await,
            before,
            "{app}: nothing changed"
        );
        let inside = app
            .send(
                "POST",
                "/api/v1/users",
                As::Browser(&hk),
                Some(json!({
                    "email": "new.reviewer@wanqiao.example",
                    "display_name": "New reviewer",
                    "password": "a long enough password",
                    "grants": [{ "role": "reviewer", "society": "hk-building-em" }]
                })),
            )
            .await;
        assert_eq!(inside.status, 201, "{app}: {}", inside.body);
        app.stop().await;
    }
}

#[tokio::test]
async fn bad_bodies_are_refused_clearly_and_change_nothing() {
    for app in apps(true).await {
        let admin = app.login("admin@wanqiao.example").await;
        let users_before = app
            .send("GET", "/api/v1/users?limit=500", As::Browser(&admin), None)
            .await
            .json()["total"]
            .clone();
        let huge = "x".repeat(2 * 1024 * 1024);
        let reply = app
            .send(
                "POST",
                "/api/v1/users",
                As::Browser(&admin),
                Some(json!({ "email": "a@b.example", "display_name": huge })),
            )
            .await;
        assert_problem(&app, &reply, 413, "larger");

        let raw = |body: &'static str, content_type: &'static str| {
            app.http
                .post(app.url("/api/v1/users"))
                .header("cookie", &admin.cookie)
                .header("x-csrf-token", &admin.csrf)
                .header("content-type", content_type)
                .body(body)
                .send()
        };
        let malformed = raw("{\"email\": ", "application/json").await.unwrap();
        assert_eq!(malformed.status(), 400, "{app}");
        let wrong_type = raw(
            "{\"email\": 5, \"display_name\": \"x\"}",
            "application/json",
        )
        .await
        .unwrap();
        assert_eq!(wrong_type.status(), 422, "{app}");
        let not_json = raw("email=x", "text/plain").await.unwrap();
        assert_eq!(not_json.status(), 415, "{app}");
        let bad_email = app
            .send(
                "POST",
                "/api/v1/users",
                As::Browser(&admin),
                Some(json!({ "email": "not-an-address", "display_name": "X", "grants": [] })),
            )
            .await;
        assert_problem(&app, &bad_email, 422, "email");
        assert_eq!(bad_email.json()["errors"][0]["name"], "email", "{app}");
        let short = app
            .send(
                "POST",
                "/api/v1/users",
                As::Browser(&admin),
                Some(json!({ "email": "x@y.example", "display_name": "X", "password": "short" })),
            )
            .await;
        assert_eq!(short.json()["errors"][0]["name"], "password", "{app}");
        let bad_role = app
            .send(
                "POST",
                "/api/v1/users",
                As::Browser(&admin),
                Some(json!({ "email": "x@y.example", "display_name": "X", "grants": [{ "role": "king" }] })),
            )
            .await;
        assert_eq!(bad_role.status, 422, "{app}");
        let after = app
            .send("GET", "/api/v1/users?limit=500", As::Browser(&admin), None)
            .await
            .json()["total"]
            .clone();
        assert_eq!(users_before, after, "{app}: nothing changed");
        app.stop().await;
    }
}

#[tokio::test]
async fn the_last_platform_admin_cannot_be_removed() {
    for app in apps(true).await {
        let admin = app.login("admin@wanqiao.example").await;
        let me = app
            .send("GET", "/api/v1/auth/me", As::Browser(&admin), None)
            .await
            .json();
        let id = me["user"]["user_id"].as_str().unwrap().to_string();
        let r = app
            .send(
                "DELETE",
                &format!("/api/v1/users/{id}/grants?role=platform_admin"),
                As::Browser(&admin),
                None,
            )
            .await;
        assert_problem(&app, &r, 409, "last enabled platform admin");
        let me = app
            .send("GET", "/api/v1/auth/me", As::Browser(&admin), None)
            .await;
        assert_eq!(
            me.json()["user"]["grants"][0]["role"],
            "platform_admin",
            "{app}"
        );
        app.stop().await;
    }
}

/// A clock the test moves by hand.
struct ManualClock(Mutex<Timestamp>);

impl Clock for ManualClock {
    fn now(&self) -> Timestamp {
        *self.0.lock().unwrap()
    }
}

impl ManualClock {
    fn advance(&self, by: SignedDuration) {
        let mut t = self.0.lock().unwrap();
        *t += by;
    }
}

#[tokio::test]
async fn sessions_end_after_idleness_and_at_their_absolute_end() {
    for engine in engines() {
        let db = TestDb::new(engine).await;
        let clock = Arc::new(ManualClock(Mutex::new(Timestamp::now())));
        let config = AuthConfig::default();
        let server = Running::start_with(
            &db.url,
            "127.0.0.1:0".parse().unwrap(),
            true,
            config.clone(),
            clock.clone(),
        )
        .await
        .unwrap();
        let app = TestApp::wrap(engine, server, db);
        let idle = app.login("engineer.gd@wanqiao.example").await;
        clock.advance(config.session_idle + SignedDuration::from_secs(1));
        let r = app
            .send("GET", "/api/v1/auth/me", As::Browser(&idle), None)
            .await;
        assert_eq!(r.status, 401, "{app}: idle too long");

        let busy = app.login("engineer.gd@wanqiao.example").await;
        let step = config.session_idle / 2;
        let mut elapsed = SignedDuration::ZERO;
        while elapsed + step < config.session_lifetime {
            clock.advance(step);
            elapsed += step;
            let r = app
                .send("GET", "/api/v1/auth/me", As::Browser(&busy), None)
                .await;
            assert_eq!(r.status, 200, "{app}: active sessions live on");
        }
        clock.advance(step);
        let r = app
            .send("GET", "/api/v1/auth/me", As::Browser(&busy), None)
            .await;
        assert_eq!(r.status, 401, "{app}: past the absolute end");
        app.stop().await;
    }
}

#[tokio::test]
async fn a_session_survives_a_restart_and_works_across_two_servers() {
    for engine in engines() {
        let db = TestDb::new(engine).await;
        let first = Running::start(&db.url, "127.0.0.1:0".parse().unwrap(), true)
            .await
            .unwrap();
        let url = db.url.clone();
        let app = TestApp::wrap(engine, first, db);
        let session = app.login("hk.admin@wanqiao.example").await;

        let second = Running::start(&url, "127.0.0.1:0".parse().unwrap(), true)
            .await
            .unwrap();
        let me = reqwest::Client::new()
            .get(second.url("/api/v1/auth/me"))
            .header("cookie", &session.cookie)
            .send()
            .await
            .unwrap();
        assert_eq!(
            me.status(),
            200,
            "[{engine}] the other server knows the session"
        );
        second.stop().await.unwrap();

        let TestApp { server, db, .. } = app;
        server.stop().await.unwrap();
        let restarted = Running::start(&url, "127.0.0.1:0".parse().unwrap(), true)
            .await
            .unwrap();
        let app = TestApp::wrap(engine, restarted, db);
        let me = app
            .send("GET", "/api/v1/auth/me", As::Browser(&session), None)
            .await;
        assert_eq!(
            me.status, 200,
            "[{engine}] the session survived the restart"
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn tampering_with_one_audit_row_is_detected() {
    for engine in engines() {
        let app = TestApp::start(engine, true).await;
        app.login("admin@wanqiao.example").await;
        let (code, out, err) = wanqiao(&["audit", "verify", "--database-url", &app.db.url]);
        assert_eq!(code, 0, "[{engine}] {out}{err}");
        assert!(out.contains("intact"), "[{engine}] {out}");

        let mut conn = <sqlx::AnyConnection as sqlx::Connection>::connect(&app.db.url)
            .await
            .unwrap();
        sqlx::query("UPDATE audit_events SET actor = 'someone-else' WHERE seq = 3")
            .execute(&mut conn)
            .await
            .unwrap();
        let (code, out, _) = wanqiao(&["audit", "verify", "--database-url", &app.db.url]);
        assert_ne!(code, 0, "[{engine}] tampering must fail the check");
        assert!(out.contains("broken at event 3"), "[{engine}] {out}");

        sqlx::query("UPDATE audit_events SET actor = (SELECT actor FROM audit_events WHERE seq = 2) WHERE seq = 3")
            .execute(&mut conn)
            .await
            .unwrap();
        let (_, out, _) = wanqiao(&["audit", "verify", "--database-url", &app.db.url]);
        let restored = out.contains("intact");
        let last: (i64,) = sqlx::query_as("SELECT MAX(seq) FROM audit_events")
            .fetch_one(&mut conn)
            .await
            .unwrap();
        sqlx::query("DELETE FROM audit_events WHERE seq = $1")
            .bind(last.0)
            .execute(&mut conn)
            .await
            .unwrap();
        let (code, out, _) = wanqiao(&["audit", "verify", "--database-url", &app.db.url]);
        assert_ne!(
            code, 0,
            "[{engine}] a removed event is detected too ({restored})"
        );
        assert!(out.contains("removed"), "[{engine}] {out}");
        drop(conn);
        app.stop().await;
    }
}

#[tokio::test]
async fn the_command_line_adds_users_and_manages_tokens() {
    for engine in engines() {
        let app = TestApp::start(engine, true).await;
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_wanqiao"))
            .args([
                "user",
                "add",
                "--email",
                "ops@wanqiao.example",
                "--role",
                "society_admin",
                "--society",
                "mo-construction",
                "--password-stdin",
                "--database-url",
                &app.db.url,
            ])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(b"a long enough password\n")
            .unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "[{engine}] {}",
            String::from_utf8_lossy(&out.stdout)
        );
        let signed = app
            .send(
                "POST",
                "/api/v1/auth/login",
                As::Nobody,
                Some(
                    json!({ "email": "ops@wanqiao.example", "password": "a long enough password" }),
                ),
            )
            .await;
        assert_eq!(signed.status, 200, "[{engine}] {}", signed.body);

        let (code, _, err) = wanqiao(&[
            "user",
            "add",
            "--email",
            "x@wanqiao.example",
            "--role",
            "reviewer",
            "--password-stdin",
            "--database-url",
            &app.db.url,
        ]);
        assert_ne!(code, 0, "[{engine}] a reviewer needs a society");
        assert!(err.contains("society"), "[{engine}] {err}");

        let (code, out, err) = wanqiao(&[
            "token",
            "create",
            "--email",
            "ops@wanqiao.example",
            "--database-url",
            &app.db.url,
        ]);
        assert_eq!(code, 0, "[{engine}] {err}");
        let token = out.lines().last().unwrap().trim().to_string();
        let id = out.split_whitespace().nth(1).unwrap().to_string();
        let me = app
            .send("GET", "/api/v1/auth/me", As::Token(&token), None)
            .await;
        assert_eq!(me.status, 200, "[{engine}] {}", me.body);
        let (code, _, err) = wanqiao(&["token", "revoke", &id, "--database-url", &app.db.url]);
        assert_eq!(code, 0, "[{engine}] {err}");
        let me = app
            .send("GET", "/api/v1/auth/me", As::Token(&token), None)
            .await;
        assert_eq!(me.status, 401, "[{engine}]");
        let (code, _, _) = wanqiao(&["audit", "verify", "--database-url", &app.db.url]);
        assert_eq!(code, 0, "[{engine}]");
        app.stop().await;
    }
}

#[tokio::test]
async fn changing_a_password_ends_every_session() {
    for app in apps(true).await {
        let first = app.login("engineer.hk@wanqiao.example").await;
        let second = app.login("engineer.hk@wanqiao.example").await;
        let change = |current: &'static str, new: &'static str| {
            app.send(
                "POST",
                "/api/v1/auth/password",
                As::Browser(&first),
                Some(json!({ "current_password": current, "new_password": new })),
            )
        };
        let short = change(DEMO_PASSWORD, "short").await;
        assert_eq!(short.json()["errors"][0]["name"], "new_password", "{app}");
        let wrong = change("not it", "a brand new passphrase").await;
        assert_eq!(
            wrong.json()["errors"][0]["name"],
            "current_password",
            "{app}"
        );
        let done = change(DEMO_PASSWORD, "a brand new passphrase").await;
        assert_eq!(done.status, 204, "{app}: {}", done.body);
        for s in [&first, &second] {
            let me = app
                .send("GET", "/api/v1/auth/me", As::Browser(s), None)
                .await;
            assert_eq!(me.status, 401, "{app}: every session ended");
        }
        let again = app
            .send(
                "POST",
                "/api/v1/auth/login",
                As::Nobody,
                Some(json!({ "email": "engineer.hk@wanqiao.example", "password": "a brand new passphrase" })),
            )
            .await;
        assert_eq!(again.status, 200, "{app}");
        app.stop().await;
    }
}
