//! The administration pages, used as a browser uses them: sign in with the form, keep the
//! session cookie, send forms with the session's CSRF token.

use crate::helpers::{Reply, TestApp, apps};

const PASSWORD: &str = "wanqiao-demo-2026";

/// A signed-in browser: the session cookie and the CSRF token its pages carry.
struct Browser<'a> {
    app: &'a TestApp,
    cookie: String,
    csrf: String,
}

/// The value of the cookie `name` among a reply's `Set-Cookie` headers.
fn set_cookie(reply: &Reply, name: &str) -> Option<String> {
    reply
        .headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|v| v.split(';').next()?.split_once('='))
        .find(|(k, v)| *k == name && !v.is_empty())
        .map(|(_, v)| v.to_string())
}

/// `application/x-www-form-urlencoded`, as a browser sends a form.
fn form(fields: &[(&str, &str)]) -> String {
    let mut url = reqwest::Url::parse("http://form.invalid/").unwrap();
    url.query_pairs_mut().extend_pairs(fields);
    url.query().unwrap_or_default().to_string()
}

/// The first `csrf_token` field of a page.
fn csrf_field(page: &str) -> String {
    let start = page
        .find(r#"name="csrf_token" value=""#)
        .expect("the page has a form with a CSRF token")
        + r#"name="csrf_token" value=""#.len();
    page[start..].split('"').next().unwrap().to_string()
}

/// The accounts linked from a page, in order.
fn user_links(page: &str) -> Vec<String> {
    page.split(r#"href="/admin/users/"#)
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|id| *id != "new" && !id.contains('/'))
        .map(str::to_string)
        .collect()
}

async fn post_form(app: &TestApp, path: &str, cookie: &str, fields: &[(&str, &str)]) -> Reply {
    let response = app
        .http
        .post(app.url(path))
        .header("cookie", cookie)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form(fields))
        .send()
        .await
        .unwrap_or_else(|e| panic!("{app} POST {path}: {e}"));
    Reply {
        status: response.status().as_u16(),
        headers: response.headers().clone(),
        body: response.text().await.unwrap(),
    }
}

impl<'a> Browser<'a> {
    /// Signs in through the sign-in page, as a person would.
    async fn sign_in(app: &'a TestApp, email: &str) -> Browser<'a> {
        let login = app.get("/login").await;
        assert_eq!(login.status, 200, "{app}");
        let login_csrf = set_cookie(&login, "wanqiao_login_csrf").expect("a sign-in CSRF cookie");
        assert_eq!(csrf_field(&login.body), login_csrf, "{app}: double submit");
        let reply = post_form(
            app,
            "/login",
            &format!("wanqiao_login_csrf={login_csrf}"),
            &[
                ("email", email),
                ("password", PASSWORD),
                ("csrf_token", &login_csrf),
                ("next", "/account"),
            ],
        )
        .await;
        assert_eq!(
            reply.status, 303,
            "{app} sign-in of {email}: {}",
            reply.body
        );
        let session = set_cookie(&reply, "wanqiao_session").expect("a session cookie");
        let cookie = format!("wanqiao_session={session}");
        let account = app.get_with("/account", &[("cookie", &cookie)]).await;
        assert_eq!(account.status, 200, "{app}: {}", account.body);
        Browser {
            app,
            csrf: csrf_field(&account.body),
            cookie,
        }
    }

    async fn get(&self, path: &str) -> Reply {
        self.app.get_with(path, &[("cookie", &self.cookie)]).await
    }

    /// GET that must answer 200.
    async fn page(&self, path: &str) -> String {
        let reply = self.get(path).await;
        assert_eq!(reply.status, 200, "{} GET {path}: {}", self.app, reply.body);
        reply.body
    }

    /// Sends a form from one of our pages, with the session's CSRF token.
    async fn post(&self, path: &str, fields: &[(&str, &str)]) -> Reply {
        let mut fields = fields.to_vec();
        fields.push(("csrf_token", &self.csrf));
        post_form(self.app, path, &self.cookie, &fields).await
    }

    /// The id of the account with `email`, found with the list's search.
    async fn user_id(&self, email: &str) -> String {
        let list = self
            .page(&format!("/admin/users?{}", form(&[("q", email)])))
            .await;
        let rows: Vec<&str> = list
            .split("<tr>")
            .filter(|row| row.contains(&format!("<td>{email}</td>")))
            .collect();
        assert_eq!(rows.len(), 1, "{}: one account is {email}", self.app);
        user_links(rows[0]).remove(0)
    }
}

fn assert_redirect(app: &TestApp, reply: &Reply, to: &str) {
    assert_eq!(reply.status, 303, "{app}: {}", reply.body);
    assert_eq!(reply.header("location"), to, "{app}");
}

#[tokio::test]
async fn a_platform_admin_manages_accounts_with_the_pages() {
    for app in apps(true).await {
        let admin = Browser::sign_in(&app, "admin@wanqiao.example").await;

        let list = admin.page("/admin/users?lang=en").await;
        assert!(list.contains("gdes.reviewer@wanqiao.example"), "{app}");
        assert!(list.contains("engineer.hk@wanqiao.example"), "{app}");
        assert!(
            list.contains(
                "Reviewer · Hong Kong Society of Building Electrical and Mechanical Engineers"
            ),
            "{app}: roles with their society, in the reader's language"
        );
        let found = admin.page("/admin/users?q=hk.reviewer").await;
        assert_eq!(user_links(&found).len(), 1, "{app}: search");
        let by_society = admin.page("/admin/users?society=mo-construction").await;
        assert!(by_society.contains("mo.admin@wanqiao.example"), "{app}");
        assert!(!by_society.contains("hk.admin@wanqiao.example"), "{app}");
        let paged = admin.page("/admin/users?limit=3&offset=3&lang=en").await;
        assert_eq!(user_links(&paged).len(), 3, "{app}: one page");
        assert!(paged.contains("4–6 of 10"), "{app}: {paged}");
        assert!(
            paged.contains("rel=\"prev\"") && paged.contains("rel=\"next\""),
            "{app}"
        );

        let new = admin.page("/admin/users/new?lang=zh-Hant").await;
        assert!(new.contains("新增用戶"), "{app}");
        assert!(new.contains("暫時無法登入"), "{app}: without a password");

        let short = admin
            .post(
                "/admin/users?lang=en",
                &[
                    ("email", "new.reviewer@example.org"),
                    ("display_name", "New Reviewer"),
                    ("password", "too short"),
                    ("role", "reviewer"),
                    ("society", "gdes"),
                ],
            )
            .await;
        assert_eq!(short.status, 422, "{app}");
        assert!(
            short.body.contains("id=\"password-error\""),
            "{app}: next to the field"
        );
        assert!(short.body.contains("at least 12 characters"), "{app}");
        assert!(
            short.body.contains("value=\"new.reviewer@example.org\""),
            "{app}: the email is kept"
        );
        assert!(
            !short.body.contains("too short"),
            "{app}: never the password"
        );

        let created = admin
            .post(
                "/admin/users",
                &[
                    ("email", "new.reviewer@example.org"),
                    ("display_name", "New Reviewer"),
                    ("password", "a long pass phrase"),
                    ("role", "reviewer"),
                    ("society", "gdes"),
                ],
            )
            .await;
        assert_eq!(created.status, 303, "{app}: {}", created.body);
        let here = created.header("location").to_string();
        let id = here.trim_start_matches("/admin/users/").to_string();
        let account = admin.page(&format!("{here}?lang=en")).await;
        assert!(
            account.contains("Reviewer · Guangdong Society of Engineers"),
            "{app}"
        );

        let again = admin
            .post(
                "/admin/users?lang=en",
                &[
                    ("email", "New.Reviewer@example.org"),
                    ("display_name", "Again"),
                    ("role", "reviewer"),
                    ("society", "gdes"),
                ],
            )
            .await;
        assert_eq!(again.status, 409, "{app}");
        assert!(again.body.contains("already exists"), "{app}");

        let granted = admin
            .post(
                &format!("{here}/grants"),
                &[("role", "attestor"), ("society", "gdes")],
            )
            .await;
        assert_redirect(&app, &granted, &here);
        let account = admin.page(&format!("{here}?lang=en")).await;
        assert!(
            account.contains("Attestor · Guangdong Society of Engineers"),
            "{app}"
        );

        let missing_society = admin
            .post(
                &format!("{here}/grants?lang=en"),
                &[("role", "attestor"), ("society", "")],
            )
            .await;
        assert_eq!(missing_society.status, 422, "{app}");
        assert!(missing_society.body.contains("choose the society"), "{app}");

        let withdrawn = admin
            .post(
                &format!("{here}/grants/withdraw"),
                &[("role", "attestor"), ("society", "gdes")],
            )
            .await;
        assert_redirect(&app, &withdrawn, &here);
        let account = admin.page(&format!("{here}?lang=en")).await;
        assert!(!account.contains("Attestor · Guangdong"), "{app}");
        let not_held = admin
            .post(
                &format!("{here}/grants/withdraw?lang=en"),
                &[("role", "attestor"), ("society", "gdes")],
            )
            .await;
        assert_eq!(not_held.status, 409, "{app}");
        assert!(not_held.body.contains("does not hold this role"), "{app}");

        let disabled = admin.post(&format!("{here}/disable"), &[]).await;
        assert_redirect(&app, &disabled, &here);
        let account = admin.page(&format!("{here}?lang=en")).await;
        assert!(account.contains(">Disabled<"), "{app}");
        assert!(account.contains("Enable the account"), "{app}");
        let enabled = admin.post(&format!("{here}/enable"), &[]).await;
        assert_redirect(&app, &enabled, &here);

        let me = admin.user_id("admin@wanqiao.example").await;
        let last = admin
            .post(
                &format!("/admin/users/{me}/grants/withdraw?lang=en"),
                &[("role", "platform_admin"), ("society", "")],
            )
            .await;
        assert_eq!(last.status, 409, "{app}");
        assert!(
            last.body.contains("last enabled platform administrator"),
            "{app}"
        );

        let audit = admin
            .page(&format!("/admin/audit?subject=user:{id}&lang=en"))
            .await;
        for action in [
            "user.create",
            "user.grant",
            "user.withdraw",
            "user.disable",
            "user.enable",
        ] {
            assert!(
                audit.contains(&format!("<code>{action}</code>")),
                "{app}: {action}"
            );
        }
        assert!(audit.contains("wanqiao audit verify"), "{app}");
        let by_action = admin.page("/admin/audit?action=auth.").await;
        assert!(by_action.contains("auth.login"), "{app}");
        assert!(!by_action.contains("<code>user.create</code>"), "{app}");
        let zh = admin.page("/admin/audit?lang=zh-Hant").await;
        assert!(zh.contains("審計日誌") && zh.contains("雜湊"), "{app}");
        app.stop().await;
    }
}

#[tokio::test]
async fn a_society_admin_manages_their_society_only() {
    for app in apps(true).await {
        let admin = Browser::sign_in(&app, "admin@wanqiao.example").await;
        let outsider = admin.user_id("gdes.reviewer@wanqiao.example").await;

        let hk = Browser::sign_in(&app, "hk.admin@wanqiao.example").await;
        let list = hk.page("/admin/users").await;
        assert!(list.contains("hk.reviewer@wanqiao.example"), "{app}");
        assert!(!list.contains("gdes.reviewer@wanqiao.example"), "{app}");
        assert!(!list.contains("engineer.hk@wanqiao.example"), "{app}");
        assert_eq!(
            hk.get("/admin/users?society=gdes").await.status,
            403,
            "{app}"
        );

        let new = hk.page("/admin/users/new?lang=en").await;
        assert!(new.contains("value=\"hk-building-em\""), "{app}");
        assert!(!new.contains("value=\"gdes\""), "{app}: only their society");
        assert!(
            !new.contains("value=\"platform_admin\""),
            "{app}: only society roles"
        );

        assert_eq!(
            hk.get(&format!("/admin/users/{outsider}")).await.status,
            403,
            "{app}"
        );
        let refused = hk
            .post(&format!("/admin/users/{outsider}/disable"), &[])
            .await;
        assert_eq!(refused.status, 403, "{app}");
        let refused = hk
            .post(
                "/admin/users",
                &[
                    ("email", "someone@example.org"),
                    ("display_name", "Someone"),
                    ("role", "reviewer"),
                    ("society", "gdes"),
                ],
            )
            .await;
        assert_eq!(refused.status, 403, "{app}");

        let created = hk
            .post(
                "/admin/users",
                &[
                    ("email", "hk.attestor@example.org"),
                    ("display_name", "HK Attestor"),
                    ("role", "attestor"),
                    ("society", "hk-building-em"),
                ],
            )
            .await;
        assert_eq!(created.status, 303, "{app}: {}", created.body);
        let account = hk.page(created.header("location")).await;
        assert!(account.contains("hk.attestor@example.org"), "{app}");

        assert_eq!(hk.get("/admin/audit").await.status, 403, "{app}");
        app.stop().await;
    }
}

#[tokio::test]
async fn engineers_and_strangers_are_kept_out() {
    for app in apps(true).await {
        let engineer = Browser::sign_in(&app, "engineer.gd@wanqiao.example").await;
        for path in ["/admin/users", "/admin/users/new", "/admin/audit"] {
            assert_eq!(engineer.get(path).await.status, 403, "{app} {path}");
        }
        let refused = engineer
            .post(
                "/admin/users",
                &[
                    ("email", "x@example.org"),
                    ("display_name", "X"),
                    ("role", "engineer"),
                ],
            )
            .await;
        assert_eq!(refused.status, 403, "{app}");

        for (path, next) in [
            ("/admin/users?q=hk", "%2Fadmin%2Fusers%3Fq%3Dhk"),
            ("/admin/audit", "%2Fadmin%2Faudit"),
        ] {
            let reply = app.get(path).await;
            assert_redirect(&app, &reply, &format!("/login?next={next}"));
        }

        let admin = Browser::sign_in(&app, "admin@wanqiao.example").await;
        let id = admin.user_id("engineer.hk@wanqiao.example").await;
        let forged = post_form(
            &app,
            &format!("/admin/users/{id}/disable"),
            &admin.cookie,
            &[("csrf_token", "forged")],
        )
        .await;
        assert_eq!(
            forged.status, 403,
            "{app}: a form without the session's token"
        );
        app.stop().await;
    }
}
