//! Writing the register with the pages, as a browser does: forms with the session's CSRF
//! token, refusals shown next to the field they concern with nothing changed, and every
//! change visible in the API afterwards.

use crate::helpers::{Reply, Session, TestApp, apps};
use serde_json::Value;

/// A signed-in browser on one app.
struct Browser<'a> {
    app: &'a TestApp,
    session: Session,
}

impl<'a> Browser<'a> {
    async fn sign_in(app: &'a TestApp, email: &str) -> Browser<'a> {
        Browser {
            app,
            session: app.login(email).await,
        }
    }

    async fn get(&self, path: &str) -> Reply {
        self.app
            .get_with(path, &[("cookie", &self.session.cookie)])
            .await
    }

    /// GET that must answer 200 with a page.
    async fn page(&self, path: &str) -> String {
        let reply = self.get(path).await;
        assert_eq!(reply.status, 200, "{} GET {path}: {}", self.app, reply.body);
        reply.body
    }

    /// Sends a form with the session's CSRF token, as our pages do.
    async fn post(&self, path: &str, fields: &[(&str, &str)]) -> Reply {
        let mut fields = fields.to_vec();
        fields.push(("csrf_token", &self.session.csrf));
        let response = self
            .app
            .http
            .post(self.app.url(path))
            .header("cookie", &self.session.cookie)
            .form(&fields)
            .send()
            .await
            .unwrap_or_else(|e| panic!("{} POST {path}: {e}", self.app));
        Reply {
            status: response.status().as_u16(),
            headers: response.headers().clone(),
            body: response.text().await.unwrap(),
        }
    }

    /// POST that must redirect to `to`.
    async fn post_ok(&self, path: &str, fields: &[(&str, &str)], to: &str) {
        let reply = self.post(path, fields).await;
        assert_eq!(
            reply.status, 303,
            "{} POST {path}: {}",
            self.app, reply.body
        );
        assert_eq!(reply.header("location"), to, "{} POST {path}", self.app);
    }
}

/// The entry as the API shows it, or `Value::Null` when there is none.
async fn entry(app: &TestApp, path: &str) -> Value {
    let reply = app.get(path).await;
    match reply.status {
        200 => reply.json(),
        404 => Value::Null,
        s => panic!("{app} GET {path}: {s} {}", reply.body),
    }
}

fn society_form<'a>(en: &'a str, website: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("id", "page-society"),
        ("name_zh_hans", "页面测试学会"),
        ("name_zh_hant", "頁面測試學會"),
        ("name_en", en),
        ("abbreviation", "PTS"),
        ("jurisdiction", "MO"),
        ("role", "consulting"),
        ("sample", "on"),
        ("website", website),
        ("founded_on", "2021-03-04"),
    ]
}

const AGREEMENT: &str = r#"id = "page-agreement"
kind = "letter-of-intent"
status = "draft"
specialty = "building"
parties = ["gdes", "hk-nowhere"]
sample = true

[titles]
zh-Hans = "页面测试意向书"
zh-Hant = "頁面測試意向書"
en = "Page test letter of intent"

[[version]]
number = 1
status = "draft"

[[version.rule]]
from = { framework = "cn-title", min_level = "engineer" }
to = { society = "hk-building-em", level = "member" }
min_experience_years = 5
"#;

#[tokio::test]
async fn a_platform_admin_writes_societies_and_specialties_with_forms() {
    for app in apps(true).await {
        let admin = Browser::sign_in(&app, "admin@wanqiao.example").await;
        let home = admin.page("/").await;
        assert!(
            home.contains(r#"href="/admin/register""#),
            "{app}: nav entry"
        );
        let index = admin.page("/admin/register?lang=en").await;
        for link in [
            "/admin/societies/new",
            "/admin/societies/hk-building-em/edit",
            "/admin/specialties/building/edit",
            "/admin/frameworks/cn-title/edit",
            "/admin/agreements/building-2020",
        ] {
            assert!(index.contains(link), "{app}: index links {link}");
        }

        // Every form carries the session's CSRF token and labels its inputs.
        let form = admin.page("/admin/societies/new?lang=en").await;
        assert!(form.contains(&format!(
            r#"name="csrf_token" value="{}""#,
            admin.session.csrf
        )));
        assert!(form.contains(r#"<label for="name_zh_hant">"#), "{app}");

        // A name left empty is pointed at, what was typed is kept, nothing is created.
        let mut bad = society_form("Page Test Society", "");
        bad.retain(|(k, _)| *k != "name_zh_hant");
        let reply = admin.post("/admin/societies/new?lang=en", &bad).await;
        assert_eq!(reply.status, 422, "{app}: {}", reply.body);
        assert!(
            reply
                .body
                .contains(r#"aria-invalid="true" aria-describedby="name_zh_hant-error""#),
            "{app}: {}",
            reply.body
        );
        assert!(reply.body.contains(r#"id="name_zh_hant-error""#), "{app}");
        assert!(reply.body.contains("Give the name in this language."));
        assert!(reply.body.contains(r#"value="Page Test Society""#), "{app}");
        assert_eq!(
            entry(&app, "/api/v1/societies/page-society").await,
            Value::Null
        );

        let create = society_form("Page Test Society", "https://page.example.org");
        admin
            .post_ok("/admin/societies/new", &create, "/societies/page-society")
            .await;
        // The same id again is a conflict, shown at the top of the form.
        let again = admin.post("/admin/societies/new?lang=en", &create).await;
        assert_eq!(again.status, 409, "{app}: {}", again.body);
        assert!(again.body.contains("already used"), "{app}");

        let edit = society_form("Page Test Society (renamed)", "");
        admin
            .post_ok(
                "/admin/societies/page-society/edit",
                &edit,
                "/societies/page-society",
            )
            .await;
        let s = entry(&app, "/api/v1/societies/page-society").await;
        assert_eq!(s["names"]["en"], "Page Test Society (renamed)", "{app}");
        assert_eq!(s["founded_on"], "2021-03-04", "{app}");
        assert!(s.get("website").is_none(), "{app}: emptied: {s}");
        let public = admin.page("/societies/page-society").await;
        assert!(public.contains(r#"href="/admin/societies/page-society/edit""#));

        // Retiring asks for confirmation, then takes the society off the register.
        let unconfirmed = admin
            .post("/admin/societies/page-society/retire?lang=en", &[])
            .await;
        assert_eq!(unconfirmed.status, 422, "{app}");
        assert!(unconfirmed.body.contains("Tick the box to confirm."));
        admin
            .post_ok(
                "/admin/societies/page-society/retire",
                &[("confirm", "yes")],
                "/admin/register",
            )
            .await;
        assert_eq!(
            entry(&app, "/api/v1/societies/page-society").await,
            Value::Null
        );
        // A society that agreements bind is not retired: the reason is on the form.
        let bound = admin
            .post(
                "/admin/societies/gdes/retire?lang=en",
                &[("confirm", "yes")],
            )
            .await;
        assert_eq!(bound.status, 409, "{app}: {}", bound.body);
        assert!(bound.body.contains(r#"id="confirm-error""#), "{app}");

        // Specialties.
        let specialty = [
            ("id", "page-specialty"),
            ("name_zh_hans", "页面专业"),
            ("name_zh_hant", "頁面專業"),
            ("name_en", "Page specialty"),
            ("batch", "0"),
            ("status", "pilot"),
        ];
        let reply = admin
            .post("/admin/specialties/new?lang=en", &specialty)
            .await;
        assert_eq!(reply.status, 422, "{app}: {}", reply.body);
        assert!(reply.body.contains(r#"id="batch-error""#), "{app}");
        let mut specialty = specialty.to_vec();
        specialty[4] = ("batch", "2");
        admin
            .post_ok(
                "/admin/specialties/new",
                &specialty,
                "/agreements?specialty=page-specialty",
            )
            .await;
        specialty[5] = ("status", "active");
        admin
            .post_ok(
                "/admin/specialties/page-specialty/edit",
                &specialty,
                "/agreements?specialty=page-specialty",
            )
            .await;
        let s = entry(&app, "/api/v1/specialties/page-specialty").await;
        assert_eq!(
            (s["batch"].as_u64(), s["status"].as_str()),
            (Some(2), Some("active"))
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn a_platform_admin_keeps_a_ladder_with_its_levels_as_lines() {
    for app in apps(true).await {
        let admin = Browser::sign_in(&app, "admin@wanqiao.example").await;
        let ladder = |levels: &'static str| {
            vec![
                ("id", "page-ladder"),
                ("name_zh_hans", "页面会员级别"),
                ("name_zh_hant", "頁面會員級別"),
                ("name_en", "Page membership grades"),
                ("kind", "membership"),
                ("jurisdiction", "HK"),
                ("owner", "hk-building-em"),
                ("levels", levels),
            ]
        };
        admin
            .post_ok(
                "/admin/frameworks/new",
                &ladder("page-member | 会员 | 會員 | Member\npage-fellow | 资深会员 | 資深會員 | Fellow"),
                "/societies/hk-building-em",
            )
            .await;
        let before = entry(&app, "/api/v1/frameworks/page-ladder").await;
        assert_eq!(before["levels"].as_array().unwrap().len(), 2, "{app}");
        let form = admin.page("/admin/frameworks/page-ladder/edit").await;
        assert!(form.contains(
            "page-member | 会员 | 會員 | Member\npage-fellow | 资深会员 | 資深會員 | Fellow"
        ));

        // A line without its three names is named, with the text kept as typed.
        let bad = "# lowest first\npage-member | 会员 | 會員 | Member\npage-senior | 高级会员 | Senior\npage-fellow | 资深会员 | 資深會員 | Fellow";
        let reply = admin
            .post("/admin/frameworks/page-ladder/edit?lang=en", &ladder(bad))
            .await;
        assert_eq!(reply.status, 422, "{app}: {}", reply.body);
        let error = reply
            .body
            .split(r#"id="levels-error""#)
            .nth(1)
            .expect("the levels have their message");
        assert!(error.contains("Line 3"), "{app}: {error}");
        assert!(
            error.contains("page-senior | 高级会员 | Senior"),
            "{app}: {error}"
        );
        assert!(
            reply
                .body
                .contains(r#"aria-describedby="levels-hint levels-error""#)
        );
        assert!(
            reply
                .body
                .contains("page-senior | 高级会员 | Senior\npage-fellow"),
            "kept"
        );
        // A level id the register refuses is found on its line too.
        let reply = admin
            .post(
                "/admin/frameworks/page-ladder/edit?lang=en",
                &ladder("page-member | 会员 | 會員 | Member\n\nPage-member | 会员 | 會員 | Member"),
            )
            .await;
        assert_eq!(reply.status, 422, "{app}: {}", reply.body);
        assert!(reply.body.contains("Line 3"), "{app}: {}", reply.body);
        assert_eq!(entry(&app, "/api/v1/frameworks/page-ladder").await, before);

        admin
            .post_ok(
                "/admin/frameworks/page-ladder/edit",
                &ladder("page-member | 会员 | 會員 | Member\npage-senior | 高级会员 | 高級會員 | Senior Member\npage-fellow | 资深会员 | 資深會員 | Fellow | Membro"),
                "/societies/hk-building-em",
            )
            .await;
        let after = entry(&app, "/api/v1/frameworks/page-ladder").await;
        let levels: Vec<(&str, u64)> = after["levels"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| (l["id"].as_str().unwrap(), l["rank"].as_u64().unwrap()))
            .collect();
        assert_eq!(
            levels,
            [("page-member", 1), ("page-senior", 2), ("page-fellow", 3)],
            "{app}"
        );
        assert_eq!(after["levels"][2]["names"]["pt"], "Membro", "{app}");

        admin
            .post_ok(
                "/admin/frameworks/page-ladder/retire",
                &[("confirm", "yes")],
                "/admin/register",
            )
            .await;
        assert_eq!(
            entry(&app, "/api/v1/frameworks/page-ladder").await,
            Value::Null
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn a_platform_admin_writes_an_agreement_file_and_walks_its_lifecycle() {
    for app in apps(true).await {
        let admin = Browser::sign_in(&app, "admin@wanqiao.example").await;
        let events = app.audit_count("").await;

        // An unknown society is named with its line and field; nothing is written.
        let reply = admin
            .post("/admin/agreements/new?lang=en", &[("toml", AGREEMENT)])
            .await;
        assert_eq!(reply.status, 422, "{app}: {}", reply.body);
        assert!(
            reply.body.contains(
                "Line 5, field parties[1]:</strong> <span lang=\"en\">unknown society `hk-nowhere`"
            ),
            "{app}: {}",
            reply.body
        );
        assert!(
            reply
                .body
                .contains(r#"aria-describedby="toml-hint toml-error""#)
        );
        assert!(
            reply
                .body
                .contains("parties = [&#34;gdes&#34;, &#34;hk-nowhere&#34;]"),
            "kept"
        );
        assert_eq!(
            entry(&app, "/api/v1/agreements/page-agreement").await,
            Value::Null
        );
        assert_eq!(app.audit_count("").await, events, "{app}: nothing audited");

        let good = AGREEMENT.replace("hk-nowhere", "hk-building-em");
        admin
            .post_ok(
                "/admin/agreements/new",
                &[("toml", &good)],
                "/admin/agreements/page-agreement",
            )
            .await;

        // The file changes the particulars and the drafts, never the status.
        let file = good.replace("Page test letter of intent", "Page test (revised)");
        admin
            .post_ok(
                "/admin/agreements/page-agreement/edit",
                &[("toml", &file)],
                "/agreements/page-agreement",
            )
            .await;
        let a = entry(&app, "/api/v1/agreements/page-agreement").await;
        assert_eq!(a["titles"]["en"], "Page test (revised)", "{app}");
        let forced = file.replace(
            "status = \"draft\"\nspecialty",
            "status = \"intent\"\nspecialty",
        );
        let reply = admin
            .post(
                "/admin/agreements/page-agreement/edit?lang=en",
                &[("toml", &forced)],
            )
            .await;
        assert_eq!(reply.status, 422, "{app}: {}", reply.body);
        assert!(
            reply.body.contains("Line 3, field status:"),
            "{app}: {}",
            reply.body
        );
        assert!(reply.body.contains("lifecycle buttons"), "{app}");
        assert!(
            reply
                .body
                .contains(r#"href="/admin/agreements/page-agreement""#)
        );
        assert_eq!(entry(&app, "/api/v1/agreements/page-agreement").await, a);

        // The panel offers the steps possible now, and each step moves the agreement on.
        let panel = admin.page("/admin/agreements/page-agreement?lang=en").await;
        for step in ["sign_intent", "bring_into_force", "draft_version"] {
            assert!(
                panel.contains(&format!(r#"name="action" value="{step}""#)),
                "{step}"
            );
        }
        assert!(!panel.contains(r#"value="suspend""#), "{app}");
        let to_panel = "/admin/agreements/page-agreement";
        let steps: [&[(&str, &str)]; 3] = [
            &[("action", "sign_intent"), ("signed_on", "2026-01-15")],
            &[
                ("action", "bring_into_force"),
                ("version", "1"),
                ("effective_from", "2026-03-01"),
            ],
            &[("action", "suspend")],
        ];
        for fields in steps {
            admin
                .post_ok(
                    "/admin/agreements/page-agreement/transitions",
                    fields,
                    to_panel,
                )
                .await;
        }
        let a = entry(&app, "/api/v1/agreements/page-agreement").await;
        assert_eq!(a["status"], "suspended", "{app}");
        assert_eq!(a["signed_on"], "2026-01-15", "{app}");
        assert_eq!(a["versions"][0]["status"], "in-force", "{app}");

        // A step the agreement does not allow is refused on the panel, with what is possible.
        let reply = admin
            .post(
                "/admin/agreements/page-agreement/transitions?lang=en",
                &[("action", "sign_intent")],
            )
            .await;
        assert_eq!(reply.status, 409, "{app}: {}", reply.body);
        assert!(reply.body.contains("is not possible now"), "{app}");
        assert!(
            reply
                .body
                .contains("Possible now: Resume · Expire · Draft a new version")
        );
        // A date that is not one is pointed at.
        let reply = admin
            .post(
                "/admin/agreements/page-agreement/transitions?lang=en",
                &[("action", "expire"), ("on", "2026-02-30")],
            )
            .await;
        assert_eq!(reply.status, 422, "{app}: {}", reply.body);
        assert!(reply.body.contains(r#"id="expire-on-error""#), "{app}");
        assert_eq!(entry(&app, "/api/v1/agreements/page-agreement").await, a);
        app.stop().await;
    }
}

#[tokio::test]
async fn a_society_admin_keeps_their_own_society_only() {
    for app in apps(true).await {
        let hk = Browser::sign_in(&app, "hk.admin@wanqiao.example").await;
        let index = hk.page("/admin/register").await;
        assert!(
            index.contains("/admin/societies/hk-building-em/edit"),
            "{app}"
        );
        assert!(!index.contains("/admin/societies/gdes/edit"), "{app}");
        assert!(!index.contains("/admin/agreements/"), "{app}");

        // Role, region and sample flag are shown, not offered.
        let form = hk.page("/admin/societies/hk-building-em/edit").await;
        assert!(!form.contains(r#"name="jurisdiction""#), "{app}");
        assert!(!form.contains(r#"name="role""#), "{app}");
        assert!(!form.contains("/retire"), "{app}");
        let fields = [
            ("name_zh_hans", "香港建筑电气及机电工程师学会"),
            ("name_zh_hant", "香港建築電氣及機電工程師學會"),
            (
                "name_en",
                "Hong Kong Society of Building Electrical and Mechanical Engineers",
            ),
            ("abbreviation", "HKSBEME"),
            ("website", "https://hk-building-em.example.org/renewed"),
            ("contact", "wg@hk-building-em.example.org"),
            // Sent anyway, as a crafted form would: not the society admin's to change.
            ("jurisdiction", "MO"),
            ("role", "coordinator"),
        ];
        hk.post_ok(
            "/admin/societies/hk-building-em/edit",
            &fields,
            "/societies/hk-building-em",
        )
        .await;
        let s = entry(&app, "/api/v1/societies/hk-building-em").await;
        assert_eq!(s["website"], "https://hk-building-em.example.org/renewed");
        assert_eq!(
            (s["jurisdiction"].as_str(), s["role"].as_str()),
            (Some("HK"), Some("signatory"))
        );
        assert_eq!(s["sample"], true, "{app}");

        let gdes = entry(&app, "/api/v1/societies/gdes").await;
        assert_eq!(
            hk.get("/admin/societies/gdes/edit").await.status,
            403,
            "{app}"
        );
        let reply = hk.post("/admin/societies/gdes/edit", &fields).await;
        assert_eq!(reply.status, 403, "{app}");
        assert_eq!(entry(&app, "/api/v1/societies/gdes").await, gdes);
        assert_eq!(hk.get("/admin/agreements/new").await.status, 403, "{app}");
        assert_eq!(hk.get("/admin/frameworks/cn-title/edit").await.status, 403);
        assert_eq!(
            hk.get("/admin/frameworks/hk-building-em-grade/edit")
                .await
                .status,
            200
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn engineers_are_refused_and_strangers_sent_to_sign_in() {
    for app in apps(true).await {
        let engineer = Browser::sign_in(&app, "engineer.gd@wanqiao.example").await;
        assert_eq!(engineer.get("/admin/register").await.status, 403, "{app}");
        assert!(
            !engineer
                .page("/")
                .await
                .contains(r#"href="/admin/register""#)
        );
        let reply = engineer
            .post("/admin/societies/gdes/retire", &[("confirm", "yes")])
            .await;
        assert_eq!(reply.status, 403, "{app}");

        let anonymous = app.get("/admin/register").await;
        assert_eq!(anonymous.status, 303, "{app}");
        assert_eq!(
            anonymous.header("location"),
            "/login?next=%2Fadmin%2Fregister"
        );
        let public = app.page("/agreements/building-2020", &[]).await;
        assert!(
            !public.contains("/admin/agreements/"),
            "{app}: no edit links"
        );

        // A form without the session's CSRF token is refused before anything is read.
        let admin = app.login("admin@wanqiao.example").await;
        let forged = app
            .http
            .post(app.url("/admin/societies/gdes/retire"))
            .header("cookie", &admin.cookie)
            .form(&[("confirm", "yes")])
            .send()
            .await
            .unwrap();
        assert_eq!(forged.status().as_u16(), 403, "{app}");
        assert!(entry(&app, "/api/v1/societies/gdes").await.is_object());
        app.stop().await;
    }
}
