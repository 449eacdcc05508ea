//! The portal's pages as a browser without JavaScript uses them: signing up, keeping a
//! profile, uploading evidence (multipart forms whose first field is the CSRF token),
//! answering a request for information with a file, conditions, a certificate's status and
//! an agreement's new version. Bad input of every kind shows a message next to the form and
//! writes nothing.

use crate::helpers::{Reply, TestApp, apps};
use wanqiao_domain::workflow::State as Stage;
use wanqiao_store::applications::NewApplication;

/// A form's fields, as (name, value) pairs.
type Fields = Vec<(&'static str, &'static str)>;

const PDF: &[u8] = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n";
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
const PASSWORD: &str = "a long enough password";

/// One part of a multipart form.
enum Part<'a> {
    Text(&'a str, &'a str),
    File(&'a str, &'a str, &'a [u8]),
}

fn multipart_body(parts: &[Part]) -> (String, Vec<u8>) {
    let boundary = "portal-boundary-5e2a";
    let mut body = Vec::new();
    for p in parts {
        match p {
            Part::Text(name, value) => body.extend_from_slice(
                format!(
                    "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
                )
                .as_bytes(),
            ),
            Part::File(name, filename, bytes) => {
                body.extend_from_slice(
                    format!(
                        "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{filename}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                    )
                    .as_bytes(),
                );
                body.extend_from_slice(bytes);
                body.extend_from_slice(b"\r\n");
            }
        }
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

async fn reply(response: reqwest::Response) -> Reply {
    Reply {
        status: response.status().as_u16(),
        headers: response.headers().clone(),
        body: response.text().await.unwrap(),
    }
}

/// A signed-in browser: its cookie, and the session's CSRF token that its pages carry.
struct Browser<'a> {
    app: &'a TestApp,
    cookie: String,
    csrf: String,
}

impl<'a> Browser<'a> {
    async fn of(app: &'a TestApp, email: &str) -> Browser<'a> {
        let s = app.login(email).await;
        Browser {
            app,
            cookie: s.cookie,
            csrf: s.csrf,
        }
    }

    async fn get(&self, path: &str) -> Reply {
        self.app.get_with(path, &[("cookie", &self.cookie)]).await
    }

    /// A page that must answer 200.
    async fn page(&self, path: &str) -> String {
        let r = self.get(path).await;
        assert_eq!(r.status, 200, "{} GET {path}: {}", self.app, r.body);
        r.body
    }

    /// An urlencoded form, its CSRF token in a field as the pages put it.
    async fn form(&self, path: &str, fields: &[(&str, &str)]) -> Reply {
        let mut all = vec![("csrf_token", self.csrf.as_str())];
        all.extend_from_slice(fields);
        let r = self
            .app
            .http
            .post(self.app.url(path))
            .header("cookie", &self.cookie)
            .form(&all)
            .send()
            .await
            .unwrap();
        reply(r).await
    }

    /// A multipart form exactly as given: the parts say where the token is, if anywhere.
    async fn multipart(&self, path: &str, parts: &[Part<'_>]) -> Reply {
        let (content_type, body) = multipart_body(parts);
        let r = self
            .app
            .http
            .post(self.app.url(path))
            .header("cookie", &self.cookie)
            .header("content-type", content_type)
            .body(body)
            .send()
            .await
            .unwrap();
        reply(r).await
    }
}

fn location(r: &Reply) -> &str {
    r.header("location")
}

async fn user_id(app: &TestApp, email: &str) -> Option<String> {
    app.server.store.user_id_by_email(email).await.unwrap()
}

async fn engineer_of(app: &TestApp, email: &str) -> String {
    let user = user_id(app, email).await.unwrap();
    app.server
        .store
        .engineer_of_user(&user)
        .await
        .unwrap()
        .unwrap()
}

async fn evidence_count(app: &TestApp, engineer: &str) -> usize {
    app.server.store.evidence_of(engineer).await.unwrap().len()
}

/// The sign-up form: its double-submit cookie and token.
async fn signup_form(app: &TestApp) -> (String, String) {
    let r = app.get("/signup?lang=en").await;
    assert_eq!(r.status, 200, "{app}: {}", r.body);
    let cookie = r
        .headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("wanqiao_login_csrf="))
        .and_then(|v| v.split(';').next())
        .unwrap()
        .to_string();
    let token = r
        .body
        .split("name=\"csrf_token\" value=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap()
        .to_string();
    (cookie, token)
}

async fn sign_up(app: &TestApp, fields: &[(&str, &str)]) -> Reply {
    let (cookie, token) = signup_form(app).await;
    let mut all = vec![("csrf_token", token.as_str())];
    all.extend_from_slice(fields);
    let r = app
        .http
        .post(app.url("/signup?lang=en"))
        .header("cookie", format!("{cookie}; lang=en"))
        .form(&all)
        .send()
        .await
        .unwrap();
    reply(r).await
}

fn good_signup(email: &str) -> Vec<(&str, &str)> {
    vec![
        ("email", email),
        ("password", PASSWORD),
        ("password_confirmation", PASSWORD),
        ("name_zh_hans", "李示例"),
        ("name_en", "Lee Example"),
        ("language", "en"),
    ]
}

#[tokio::test]
async fn a_multipart_form_passes_csrf_only_with_its_token_first() {
    for app in apps(true).await {
        let chan = Browser::of(&app, "engineer.gd@wanqiao.example").await;
        let engineer = engineer_of(&app, "engineer.gd@wanqiao.example").await;
        let path = format!("/engineers/{engineer}/evidence");
        let before = evidence_count(&app, &engineer).await;
        let csrf = chan.csrf.clone();
        let refused: [(&str, Vec<Part>); 3] = [
            (
                "no token",
                vec![
                    Part::Text("title", "Degree"),
                    Part::File("file", "d.pdf", PDF),
                ],
            ),
            (
                "a wrong token",
                vec![
                    Part::Text("csrf_token", "0000"),
                    Part::Text("title", "Degree"),
                    Part::File("file", "d.pdf", PDF),
                ],
            ),
            (
                "the token after the file",
                vec![
                    Part::Text("title", "Degree"),
                    Part::File("file", "d.pdf", PDF),
                    Part::Text("csrf_token", &csrf),
                ],
            ),
        ];
        for (what, parts) in &refused {
            let r = chan.multipart(&path, parts).await;
            assert_eq!(r.status, 403, "{app}: {what}: {}", r.body);
            assert_eq!(
                evidence_count(&app, &engineer).await,
                before,
                "{app}: {what} wrote nothing"
            );
        }
        // The token first, then a file larger than the part read to check it.
        let big_pdf = [PDF, &vec![b'%'; 64 * 1024]].concat();
        let r = chan
            .multipart(
                &path,
                &[
                    Part::Text("csrf_token", &csrf),
                    Part::Text("title", "Degree certificate"),
                    Part::File("file", "d.pdf", &big_pdf),
                ],
            )
            .await;
        assert_eq!(r.status, 303, "{app}: {}", r.body);
        assert_eq!(location(&r), path, "{app}");
        let stored = app.server.store.evidence_of(&engineer).await.unwrap();
        assert_eq!(stored.len(), before + 1, "{app}");
        let new = stored
            .iter()
            .find(|e| e.title == "Degree certificate")
            .expect("the upload");
        assert_eq!(new.size as usize, big_pdf.len(), "{app}: the whole file");
        // The API takes the same form without the header.
        let r = chan
            .multipart(
                &format!("/api/v1/engineers/{engineer}/evidence"),
                &[
                    Part::Text("csrf_token", &csrf),
                    Part::Text("title", "By the API"),
                    Part::File("file", "d.png", PNG),
                ],
            )
            .await;
        assert_eq!(r.status, 201, "{app}: {}", r.body);
        app.stop().await;
    }
}

#[tokio::test]
async fn an_engineer_signs_up_and_lands_on_their_profile() {
    for app in apps(true).await {
        let login = app.page("/login?lang=en", &[]).await;
        assert!(
            login.contains("href=\"/signup\""),
            "{app}: the login page offers sign-up"
        );
        let form = app.page("/signup?lang=zh-Hant", &[]).await;
        assert!(form.contains("工程師註冊"), "{app}");
        for label in ["電郵地址", "再次輸入密碼", "繁體中文姓名", "平台使用的語言"]
        {
            assert!(form.contains(label), "{app}: `{label}` labelled");
        }

        let email = "lee.example@example.org";
        let r = sign_up(&app, &good_signup(email)).await;
        assert_eq!(r.status, 303, "{app}: {}", r.body);
        assert_eq!(location(&r), "/account/profile?welcome=1", "{app}");
        let cookies: Vec<&str> = r
            .headers
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect();
        let session = cookies
            .iter()
            .find(|c| c.starts_with("wanqiao_session="))
            .and_then(|c| c.split(';').next())
            .expect("signed in")
            .to_string();
        assert!(cookies.iter().any(|c| c.starts_with("lang=en")), "{app}");
        let profile = app
            .get_with(
                "/account/profile?welcome=1&lang=en",
                &[("cookie", &session)],
            )
            .await;
        assert_eq!(profile.status, 200, "{app}: {}", profile.body);
        assert!(profile.body.contains("Your account is ready"), "{app}");
        assert!(profile.body.contains("李示例"), "{app}");
        let user = user_id(&app, email).await.expect("the account");
        let p = app.server.store.principal(&user).await.unwrap().unwrap();
        assert!(
            p.grants
                .iter()
                .any(|g| g.role == wanqiao_domain::Role::Engineer),
            "{app}: an engineer"
        );
        assert!(
            app.server
                .store
                .engineer_of_user(&user)
                .await
                .unwrap()
                .is_some(),
            "{app}: with a profile"
        );
        assert_eq!(app.audit_count("auth.signup").await, 1, "{app}");

        // The same address again: no second account, a generic answer, a notice to its owner.
        let users_before = app.audit_count("user.create").await;
        let again = sign_up(&app, &good_signup(email)).await;
        assert_eq!(again.status, 200, "{app}: {}", again.body);
        assert!(again.body.contains("Check your email"), "{app}");
        assert!(
            !again.body.contains("already exists"),
            "{app}: nothing said about the account"
        );
        assert_eq!(app.audit_count("user.create").await, users_before, "{app}");
        let sent = app.server.store.outbox_for(email).await.unwrap();
        assert!(
            sent.iter().any(|n| n.kind == "signup_existing"),
            "{app}: the owner is told"
        );

        // Bad input: a message next to each field, nothing written.
        let created = app.audit_count("user.create").await;
        let cases: [(&str, Fields, &str); 5] = [
            (
                "a weak password",
                vec![
                    ("email", "weak@example.org"),
                    ("password", "short"),
                    ("password_confirmation", "short"),
                    ("name_en", "Weak"),
                ],
                "Use at least 12 characters.",
            ),
            (
                "different passwords",
                vec![
                    ("email", "typo@example.org"),
                    ("password", PASSWORD),
                    ("password_confirmation", "a long enough passwort"),
                    ("name_en", "Typo"),
                ],
                "The two passwords differ",
            ),
            (
                "no name",
                vec![
                    ("email", "noname@example.org"),
                    ("password", PASSWORD),
                    ("password_confirmation", PASSWORD),
                ],
                "Give your name in at least one script",
            ),
            (
                "no email",
                vec![
                    ("password", PASSWORD),
                    ("password_confirmation", PASSWORD),
                    ("name_en", "Nobody"),
                ],
                "Enter an email address",
            ),
            (
                "an unknown language",
                vec![
                    ("email", "lang@example.org"),
                    ("password", PASSWORD),
                    ("password_confirmation", PASSWORD),
                    ("name_en", "Lang"),
                    ("language", "fr"),
                ],
                "Choose one of the languages offered.",
            ),
        ];
        for (what, fields, message) in cases {
            let r = sign_up(&app, &fields).await;
            assert_eq!(r.status, 422, "{app}: {what}: {}", r.body);
            assert!(r.body.contains(message), "{app}: {what}: `{message}`");
            // The field (or the fieldset of the names) points at its message.
            assert!(
                r.body.contains("aria-invalid=\"true\"")
                    || r.body
                        .contains("aria-describedby=\"names-hint names-error\""),
                "{app}: {what}"
            );
            assert!(r.body.contains("id=\"form-errors\""), "{app}: {what}");
            assert!(
                !r.body.contains(PASSWORD),
                "{app}: passwords never sent back"
            );
        }
        assert_eq!(app.audit_count("user.create").await, created, "{app}");

        // Without the form's own cookie: refused.
        let r = app
            .http
            .post(app.url("/signup"))
            .form(&[("csrf_token", "x"), ("email", "x@example.org")])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status().as_u16(), 403, "{app}");

        // Someone signed in is sent to their profile instead.
        let chan = Browser::of(&app, "engineer.gd@wanqiao.example").await;
        let r = chan.get("/signup").await;
        assert_eq!((r.status, location(&r)), (303, "/account/profile"), "{app}");
        app.stop().await;
    }
}

#[tokio::test]
async fn sign_ups_are_throttled_and_have_an_api_twin() {
    for app in apps(true).await {
        let body = |email: &str, password: &str| {
            serde_json::json!({
                "email": email, "password": password, "password_confirmation": password,
                "names": { "zh-Hans": "", "zh-Hant": "", "en": "Api Example" }, "language": "zh-Hant"
            })
        };
        let r = app
            .send(
                "POST",
                "/api/v1/auth/signup",
                crate::helpers::As::Nobody,
                Some(body("api@example.org", PASSWORD)),
            )
            .await;
        assert_eq!(r.status, 201, "{app}: {}", r.body);
        assert!(r.json()["csrf_token"].is_string(), "{app}");
        assert!(r.json()["engineer"].is_string(), "{app}");
        let r = app
            .send(
                "POST",
                "/api/v1/auth/signup",
                crate::helpers::As::Nobody,
                Some(body("new@example.org", "short")),
            )
            .await;
        crate::helpers::assert_problem(&app, &r, 422, "password");
        // The owner of an existing address is told; the caller learns nothing more, until
        // the address has been tried too often.
        for attempt in 1..=5 {
            let r = app
                .send(
                    "POST",
                    "/api/v1/auth/signup",
                    crate::helpers::As::Nobody,
                    Some(body("engineer.hk@wanqiao.example", PASSWORD)),
                )
                .await;
            assert_eq!(r.status, 202, "{app}: attempt {attempt}: {}", r.body);
            assert_eq!(r.json()["status"], "check_email", "{app}");
        }
        let r = sign_up(&app, &good_signup("engineer.hk@wanqiao.example")).await;
        assert_eq!(r.status, 429, "{app}: {}", r.body);
        assert!(r.body.contains("Too many sign-ups from here"), "{app}");
        app.stop().await;
    }
}

#[tokio::test]
async fn the_profile_is_kept_through_its_forms() {
    for app in apps(true).await {
        let chan = Browser::of(&app, "engineer.gd@wanqiao.example").await;
        let id = engineer_of(&app, "engineer.gd@wanqiao.example").await;
        let store = &app.server.store;
        let page = chan.page("/account/profile?lang=en").await;
        for heading in [
            "Particulars",
            "Qualifications held",
            "Education",
            "Experience",
            "Continuing professional development (CPD)",
        ] {
            assert!(page.contains(heading), "{app}: `{heading}`");
        }
        let account = chan.page("/account?lang=en").await;
        assert!(account.contains("href=\"/account/profile\""), "{app}");
        let before = store.engineer(&id).await.unwrap().unwrap();

        let base = format!("/engineers/{id}/profile");
        let added = [
            (
                "qualifications",
                vec![
                    ("qualification-level", "cn-title/senior-engineer"),
                    ("qualification-specialty", "building"),
                    ("qualification-society", "gd-building-services"),
                    ("qualification-awarded_on", "2020-01-15"),
                    ("qualification-certificate_number", "GD-2020-7"),
                ],
            ),
            (
                "education",
                vec![
                    ("education-degree", "MEng"),
                    ("education-institution", "HKU"),
                    ("education-year", "2012"),
                    ("education-accreditation", "washington-accord"),
                ],
            ),
            (
                "experience",
                vec![
                    ("experience-specialty", "building"),
                    ("experience-employer", "Bay Works"),
                    ("experience-started_on", "2012-09-01"),
                    ("experience-ended_on", "2015-08-31"),
                ],
            ),
            (
                "cpd",
                vec![
                    ("cpd-hours", "12"),
                    ("cpd-completed_on", "2025-03-01"),
                    ("cpd-activity", "Fire codes course"),
                ],
            ),
        ];
        for (kind, fields) in &added {
            let r = chan.form(&format!("{base}/{kind}"), fields).await;
            assert_eq!(r.status, 303, "{app}: {kind}: {}", r.body);
            assert!(location(&r).starts_with("/account/profile#"), "{app}");
        }
        let after = store.engineer(&id).await.unwrap().unwrap();
        assert_eq!(after.qualifications.len(), before.qualifications.len() + 1);
        assert_eq!(after.education.len(), before.education.len() + 1);
        assert_eq!(after.experience.len(), before.experience.len() + 1);
        assert_eq!(after.cpd.len(), before.cpd.len() + 1);
        let page = chan.page("/account/profile?lang=zh-Hans").await;
        assert!(page.contains("Bay Works") && page.contains("自报"), "{app}");

        // Bad input: the message next to the field, the typed values kept, nothing written.
        let bad: [(&str, Fields, &str, &str); 7] = [
            (
                "education",
                vec![
                    ("education-degree", "BEng"),
                    ("education-institution", "HKU"),
                    ("education-year", "1850"),
                    ("education-accreditation", "none"),
                ],
                "education-year-error",
                "Give a year from 1900 to",
            ),
            (
                "education",
                vec![
                    ("education-degree", ""),
                    ("education-institution", ""),
                    ("education-year", "2010"),
                    ("education-accreditation", "none"),
                ],
                "education-degree-error",
                "Give the degree and the institution.",
            ),
            (
                "experience",
                vec![
                    ("experience-specialty", "building"),
                    ("experience-employer", "Later Ltd"),
                    ("experience-started_on", "2099-01-01"),
                ],
                "experience-ended_on-error",
                "neither lies in the future",
            ),
            (
                "experience",
                vec![
                    ("experience-specialty", "building"),
                    ("experience-employer", "Undated"),
                    ("experience-started_on", "last spring"),
                ],
                "experience-started_on-error",
                "Enter a date as year-month-day",
            ),
            (
                "cpd",
                vec![("cpd-hours", "0"), ("cpd-completed_on", "2025-01-01")],
                "cpd-hours-error",
                "Give between 1 and 1000 hours.",
            ),
            (
                "qualifications",
                vec![
                    ("qualification-level", "cn-title/grand-master"),
                    ("qualification-specialty", "building"),
                ],
                "qualification-level-error",
                "Choose one of the options offered.",
            ),
            (
                "experience",
                vec![
                    ("experience-specialty", "building"),
                    ("experience-employer", ""),
                    ("experience-started_on", "2010-01-01"),
                ],
                "experience-employer-error",
                "Name the employer.",
            ),
        ];
        for (kind, fields, id_of_error, message) in &bad {
            let r = chan.form(&format!("{base}/{kind}?lang=en"), fields).await;
            assert_eq!(r.status, 422, "{app}: {kind}: {}", r.body);
            assert!(r.body.contains(id_of_error), "{app}: `{id_of_error}`");
            assert!(r.body.contains(message), "{app}: `{message}`");
            // What was typed comes back; a choice that is not on the list cannot.
            for (_, typed) in fields
                .iter()
                .filter(|(_, v)| v.len() > 3 && !v.contains('/'))
            {
                assert!(r.body.contains(typed), "{app}: `{typed}` kept");
            }
        }
        assert_eq!(store.engineer(&id).await.unwrap().unwrap(), after, "{app}");

        // Particulars: names changed, standing never by the engineer.
        let r = chan
            .form(
                &base,
                &[
                    ("particulars-name_zh_hans", "陈示例"),
                    ("particulars-name_en", "Chan Example"),
                ],
            )
            .await;
        assert_eq!(r.status, 303, "{app}: {}", r.body);
        let r = chan
            .form(
                &format!("{base}?lang=en"),
                &[
                    ("particulars-name_en", ""),
                    ("particulars-name_zh_hans", ""),
                ],
            )
            .await;
        assert_eq!(r.status, 422, "{app}");
        assert!(r.body.contains("particulars-names-error"), "{app}");
        let r = chan
            .form(
                &base,
                &[
                    ("particulars-name_en", "Chan Example"),
                    ("particulars-standing", "under-discipline"),
                ],
            )
            .await;
        assert_eq!(r.status, 403, "{app}: standing is the societies'");
        assert_eq!(
            store.engineer(&id).await.unwrap().unwrap().standing,
            wanqiao_domain::engineer::Standing::Good
        );

        // Removing an entry.
        let cpd = after.cpd.iter().find(|c| c.hours == 12).unwrap().id.clone();
        let r = chan.form(&format!("{base}/cpd/{cpd}/remove"), &[]).await;
        assert_eq!(r.status, 303, "{app}");
        assert!(
            !store
                .engineer(&id)
                .await
                .unwrap()
                .unwrap()
                .cpd
                .iter()
                .any(|c| c.id == cpd)
        );

        // The certifying society's attestor attests the claimed qualification on the page.
        let claimed = after
            .qualifications
            .iter()
            .find(|q| q.certificate_number == "GD-2020-7")
            .unwrap()
            .id
            .clone();
        let attestor = Browser::of(&app, "gd.attestor@wanqiao.example").await;
        let seen = attestor.page(&format!("{base}?lang=en")).await;
        assert!(
            seen.contains(&format!("/qualifications/{claimed}/attest")),
            "{app}"
        );
        assert!(!seen.contains("Add a degree"), "{app}: staff only read");
        let r = attestor
            .form(
                &format!("/engineers/{id}/qualifications/{claimed}/attest"),
                &[("decision", "attest")],
            )
            .await;
        assert_eq!(r.status, 303, "{app}: {}", r.body);
        let q = store.engineer(&id).await.unwrap().unwrap();
        let q = q.qualifications.iter().find(|q| q.id == claimed).unwrap();
        assert_eq!(
            q.status,
            wanqiao_domain::engineer::QualificationStatus::Attested
        );
        let again = attestor
            .form(
                &format!("/engineers/{id}/qualifications/{claimed}/attest?lang=en"),
                &[("decision", "refuse")],
            )
            .await;
        assert_eq!(again.status, 409, "{app}");
        assert!(again.body.contains("no longer claimed"), "{app}");

        // Staff without a profile of their own are told where profiles are.
        let staff = Browser::of(&app, "hk.reviewer@wanqiao.example").await;
        let r = staff.page("/account/profile?lang=en").await;
        assert!(r.contains("id=\"profile-none\""), "{app}");
        app.stop().await;
    }
}

#[tokio::test]
async fn the_evidence_page_uploads_and_explains_every_refusal() {
    for app in apps(true).await {
        let chan = Browser::of(&app, "engineer.gd@wanqiao.example").await;
        let id = engineer_of(&app, "engineer.gd@wanqiao.example").await;
        let path = format!("/engineers/{id}/evidence");
        let page = chan.page(&format!("{path}?lang=en")).await;
        assert!(page.contains("enctype=\"multipart/form-data\""), "{app}");
        assert!(
            page.contains("PDF, PNG, JPEG or WebP, up to 10 MB."),
            "{app}"
        );
        let first_field = page
            .split("enctype=\"multipart/form-data\"")
            .nth(1)
            .and_then(|f| f.split("name=\"").nth(1))
            .and_then(|n| n.split('"').next());
        assert_eq!(
            first_field,
            Some("csrf_token"),
            "{app}: the token comes first"
        );
        let before = evidence_count(&app, &id).await;
        let csrf = chan.csrf.clone();
        let too_big = [PDF, &vec![b' '; 10 * 1024 * 1024 + 1]].concat();
        let cases: [(&str, Vec<Part>, u16, &str); 5] = [
            (
                "a file too large",
                vec![
                    Part::Text("csrf_token", &csrf),
                    Part::Text("title", "Scan"),
                    Part::File("file", "scan.pdf", &too_big),
                ],
                413,
                "The file is larger than 10 MB.",
            ),
            (
                "a web page",
                vec![
                    Part::Text("csrf_token", &csrf),
                    Part::Text("title", "Page"),
                    Part::File(
                        "file",
                        "page.pdf",
                        b"<!doctype html><script>alert(1)</script>",
                    ),
                ],
                415,
                "This file is not a PDF, PNG, JPEG or WebP file.",
            ),
            (
                "no title",
                vec![
                    Part::Text("csrf_token", &csrf),
                    Part::Text("title", " "),
                    Part::File("file", "d.pdf", PDF),
                ],
                422,
                "Give the file a title of 1 to 200 characters.",
            ),
            (
                "no file chosen",
                vec![
                    Part::Text("csrf_token", &csrf),
                    Part::Text("title", "Degree"),
                    Part::File("file", "", b""),
                ],
                422,
                "Choose a file to upload",
            ),
            (
                "an empty file",
                vec![
                    Part::Text("csrf_token", &csrf),
                    Part::Text("title", "Degree"),
                    Part::File("file", "empty.pdf", b""),
                ],
                422,
                "Choose a file to upload",
            ),
        ];
        for (what, parts, status, message) in &cases {
            let r = chan.multipart(&format!("{path}?lang=en"), parts).await;
            assert_eq!(r.status, *status, "{app}: {what}: {}", r.body);
            assert!(r.body.contains(message), "{app}: {what}: `{message}`");
            assert!(r.body.contains("id=\"upload-error\""), "{app}: {what}");
        }
        assert_eq!(
            evidence_count(&app, &id).await,
            before,
            "{app}: nothing stored"
        );
        let zh = chan
            .multipart(
                &format!("{path}?lang=zh-Hans"),
                &[
                    Part::Text("csrf_token", &csrf),
                    Part::Text("title", "页面"),
                    Part::File("file", "p.pdf", b"<svg/>"),
                ],
            )
            .await;
        assert!(zh.body.contains("此文件不是 PDF"), "{app}");

        // Back to where the form was opened from.
        let r = chan
            .multipart(
                &path,
                &[
                    Part::Text("csrf_token", &csrf),
                    Part::Text("next", "/account/profile"),
                    Part::Text("title", "Transcript"),
                    Part::File("file", "t.png", PNG),
                ],
            )
            .await;
        assert_eq!((r.status, location(&r)), (303, "/account/profile"), "{app}");
        let r = chan
            .multipart(
                &path,
                &[
                    Part::Text("csrf_token", &csrf),
                    Part::Text("next", "//elsewhere.example/"),
                    Part::Text("title", "Letter"),
                    Part::File("file", "l.png", PNG),
                ],
            )
            .await;
        assert_eq!((r.status, location(&r)), (303, path.as_str()), "{app}");
        let stored = app.server.store.evidence_of(&id).await.unwrap();
        assert_eq!(stored.len(), before + 2, "{app}");

        // Removing one.
        let letter = stored.iter().find(|e| e.title == "Letter").unwrap();
        let r = chan
            .form(&format!("{path}/{}/remove", letter.id), &[])
            .await;
        assert_eq!(r.status, 303, "{app}");
        assert_eq!(evidence_count(&app, &id).await, before + 1, "{app}");
        // Staff verify but neither upload nor remove.
        let attestor = Browser::of(&app, "gd.attestor@wanqiao.example").await;
        let seen = attestor.page(&path).await;
        assert!(!seen.contains("enctype=\"multipart/form-data\""), "{app}");
        let r = attestor
            .multipart(
                &path,
                &[
                    Part::Text("csrf_token", &attestor.csrf),
                    Part::Text("title", "Not mine"),
                    Part::File("file", "n.pdf", PDF),
                ],
            )
            .await;
        assert_eq!(r.status, 403, "{app}");
        app.stop().await;
    }
}

/// A fresh application of engineer.gd to hk-building-em, under review.
async fn under_review(app: &TestApp) -> String {
    crate::helpers::clear_applications(app, "engineer.gd@wanqiao.example").await;
    let store = &app.server.store;
    let engineer = engineer_of(app, "engineer.gd@wanqiao.example").await;
    let profile = store.engineer(&engineer).await.unwrap().unwrap();
    let q = profile
        .qualifications
        .iter()
        .find(|q| q.specialty == "building" && q.status.is_live())
        .unwrap();
    let mut w = store.write("test", jiff::Timestamp::now()).await.unwrap();
    let id = w
        .create_application(&NewApplication {
            engineer: &engineer,
            qualification: &q.id,
            specialty: "building",
            home_society: q.society.as_deref(),
            host_society: "hk-building-em",
        })
        .await
        .unwrap();
    w.commit().await.unwrap();
    let path = format!("/applications/{id}/act");
    let chan = Browser::of(app, "engineer.gd@wanqiao.example").await;
    let attestor = Browser::of(app, "gd.attestor@wanqiao.example").await;
    let reviewer = Browser::of(app, "hk.reviewer@wanqiao.example").await;
    for (who, action) in [
        (&chan, "submit"),
        (&attestor, "attest"),
        (&reviewer, "start_review"),
    ] {
        let r = who.form(&path, &[("action", action)]).await;
        assert_eq!(r.status, 303, "{app}: {action}: {}", r.body);
    }
    id
}

#[tokio::test]
async fn information_is_asked_answered_with_a_file_and_conditions_fulfilled() {
    for app in apps(true).await {
        let id = under_review(&app).await;
        let engineer = engineer_of(&app, "engineer.gd@wanqiao.example").await;
        let path = format!("/applications/{id}/act");
        let chan = Browser::of(&app, "engineer.gd@wanqiao.example").await;
        let reviewer = Browser::of(&app, "hk.reviewer@wanqiao.example").await;
        let state = || async {
            app.server
                .store
                .application(&id)
                .await
                .unwrap()
                .unwrap()
                .state
        };

        // Asking needs a question.
        let r = reviewer
            .form(&format!("{path}?lang=en"), &[("action", "request_info")])
            .await;
        assert_eq!(r.status, 422, "{app}");
        assert!(r.body.contains("Say what information is needed"), "{app}");
        assert_eq!(state().await, Stage::UnderReview, "{app}");
        let r = reviewer
            .form(
                &path,
                &[
                    ("action", "request_info"),
                    ("note", "Please send your employer's letter."),
                ],
            )
            .await;
        assert_eq!(r.status, 303, "{app}");

        // The applicant's form is multipart, its token first, with an optional file.
        let page = chan.page(&format!("/applications/{id}?lang=zh-Hant")).await;
        assert!(
            page.contains("您的答覆") && page.contains("隨答覆附上的檔案"),
            "{app}"
        );
        assert!(
            page.contains("Please send your employer&#39;s letter.")
                || page.contains("Please send your employer's letter."),
            "{app}"
        );
        let before = evidence_count(&app, &engineer).await;
        let csrf = chan.csrf.clone();
        let r = chan
            .multipart(
                &format!("{path}?lang=en"),
                &[
                    Part::Text("csrf_token", &csrf),
                    Part::Text("action", "provide_info"),
                    Part::Text("note", "Here it is."),
                    Part::Text("title", "Employer letter"),
                    Part::File("file", "letter.exe", b"MZ\x90\0"),
                ],
            )
            .await;
        assert_eq!(r.status, 415, "{app}: {}", r.body);
        assert!(r.body.contains("This file is not a PDF"), "{app}");
        let r = chan
            .multipart(
                &format!("{path}?lang=en"),
                &[
                    Part::Text("csrf_token", &csrf),
                    Part::Text("action", "provide_info"),
                    Part::Text("note", " "),
                    Part::Text("title", "Employer letter"),
                    Part::File("file", "letter.pdf", PDF),
                ],
            )
            .await;
        assert_eq!(r.status, 422, "{app}");
        assert!(r.body.contains("Write your answer"), "{app}");
        assert_eq!(evidence_count(&app, &engineer).await, before, "{app}");
        assert_eq!(state().await, Stage::InfoRequested, "{app}");
        let r = chan
            .multipart(
                &path,
                &[
                    Part::Text("csrf_token", &csrf),
                    Part::Text("action", "provide_info"),
                    Part::Text("note", "The letter is attached."),
                    Part::Text("title", "Employer letter"),
                    Part::File("file", "letter.pdf", PDF),
                ],
            )
            .await;
        assert_eq!(r.status, 303, "{app}: {}", r.body);
        assert_eq!(state().await, Stage::UnderReview, "{app}");
        assert_eq!(evidence_count(&app, &engineer).await, before + 1, "{app}");

        // The conditions the rule requires come ticked; the reviewer sets them.
        let page = reviewer.page(&format!("/applications/{id}?lang=en")).await;
        assert!(page.contains("Employer letter"), "{app}: the file answers");
        assert!(
            page.contains("value=\"professional-interview\" checked"),
            "{app}: the rule's requirement is ticked"
        );
        let r = reviewer
            .form(
                &path,
                &[
                    ("action", "approve_with_conditions"),
                    ("conditions", "professional-interview"),
                    ("conditions", "adaptation-period:12"),
                ],
            )
            .await;
        assert_eq!(r.status, 303, "{app}");
        assert_eq!(state().await, Stage::ConditionallyApproved, "{app}");
        let page = chan.page(&format!("/applications/{id}?lang=en")).await;
        assert!(page.contains("an adaptation period of 12 months"), "{app}");
        for condition in ["professional-interview", "adaptation-period:12"] {
            let r = reviewer
                .form(
                    &path,
                    &[("action", "fulfil_condition"), ("condition", condition)],
                )
                .await;
            assert_eq!(r.status, 303, "{app}: {condition}");
        }
        assert_eq!(state().await, Stage::Approved, "{app}");
        let credential = app
            .server
            .store
            .credential_of_application(&id)
            .await
            .unwrap()
            .expect("a certificate on approval");

        // Its status, from its page: only the issuer's reviewers and admins see the forms.
        let public = app
            .page(&format!("/credentials/{credential}?lang=en"), &[])
            .await;
        assert!(!public.contains("/status\""), "{app}");
        let page = reviewer
            .page(&format!("/credentials/{credential}?lang=en"))
            .await;
        assert!(page.contains("Change the status"), "{app}");
        let status = format!("/credentials/{credential}/status");
        let r = reviewer
            .form(
                &format!("{status}?lang=en"),
                &[("action", "suspend"), ("reason", "")],
            )
            .await;
        assert_eq!(r.status, 422, "{app}");
        assert!(r.body.contains("Give the reason"), "{app}");
        let r = reviewer
            .form(
                &status,
                &[("action", "suspend"), ("reason", "Under inquiry")],
            )
            .await;
        assert_eq!(r.status, 303, "{app}");
        let seen = app
            .page(&format!("/credentials/{credential}?lang=zh-Hans"), &[])
            .await;
        assert!(
            seen.contains("已暂停") && seen.contains("Under inquiry"),
            "{app}"
        );
        let r = reviewer.form(&status, &[("action", "reinstate")]).await;
        assert_eq!(r.status, 303, "{app}");
        let r = reviewer
            .form(&status, &[("action", "revoke"), ("reason", "Struck off")])
            .await;
        assert_eq!(r.status, 303, "{app}");
        let seen = app
            .page(&format!("/credentials/{credential}?lang=en"), &[])
            .await;
        assert!(
            seen.contains("Revoked") && !seen.contains("Change the status"),
            "{app}: {seen}"
        );
        let r = reviewer
            .form(&format!("{status}?lang=en"), &[("action", "reinstate")])
            .await;
        assert_eq!(r.status, 409, "{app}");
        assert!(r.body.contains("A revocation is final"), "{app}");
        let r = chan
            .form(&status, &[("action", "suspend"), ("reason", "mine")])
            .await;
        assert_eq!(r.status, 403, "{app}: not the holder's to change");
        app.stop().await;
    }
}

#[tokio::test]
async fn a_new_agreement_version_is_drafted_analysed_and_put_in_force() {
    for app in apps(true).await {
        let admin = Browser::of(&app, "admin@wanqiao.example").await;
        let store = &app.server.store;
        let agreement = "building-2020";
        let before = store.agreement(agreement).await.unwrap().unwrap();
        let last = before.versions.iter().map(|v| v.number).max().unwrap();
        let panel = format!("/admin/agreements/{agreement}");
        let r = admin
            .form(
                &format!("{panel}/transitions"),
                &[
                    ("action", "draft_version"),
                    ("notes", "Revision for the test"),
                ],
            )
            .await;
        assert_eq!(r.status, 303, "{app}: {}", r.body);
        let draft = last + 1;
        let page = admin.page(&format!("{panel}?lang=en")).await;
        let impact = format!("{panel}/versions/{draft}/impact");
        assert!(
            page.contains(&format!("href=\"{impact}\"")),
            "{app}: the draft's analysis is linked"
        );
        assert!(
            page.contains(&format!("Impact analysis of version {draft}")),
            "{app}"
        );
        let analysis = admin.page(&format!("{impact}?lang=zh-Hant")).await;
        assert!(
            analysis.contains("影響分析") || analysis.contains(&format!("第 {draft} 版")),
            "{app}"
        );
        assert!(
            analysis.contains(&format!("href=\"{panel}#put_version_in_force-heading\"")),
            "{app}"
        );
        let r = admin
            .form(
                &format!("{panel}/transitions"),
                &[
                    ("action", "put_version_in_force"),
                    ("version", &draft.to_string()),
                    ("effective_from", "2026-12-01"),
                ],
            )
            .await;
        assert_eq!(r.status, 303, "{app}: {}", r.body);
        let after = store.agreement(agreement).await.unwrap().unwrap();
        let v = after.versions.iter().find(|v| v.number == draft).unwrap();
        assert_eq!(v.status, wanqiao_domain::VersionStatus::InForce, "{app}");
        app.stop().await;
    }
}

#[tokio::test]
async fn the_self_check_sends_the_engineer_to_their_profile() {
    for app in apps(true).await {
        let chan = Browser::of(&app, "engineer.gd@wanqiao.example").await;
        let id = engineer_of(&app, "engineer.gd@wanqiao.example").await;
        let page = chan
            .page(&format!("/engineers/{id}/recognition?lang=en"))
            .await;
        assert!(page.contains("href=\"/account/profile\""), "{app}");
        assert!(page.contains("Complete my profile"), "{app}");
        // Staff reading it are not sent to a profile they cannot keep.
        let attestor = Browser::of(&app, "gd.attestor@wanqiao.example").await;
        let seen = attestor
            .get(&format!("/engineers/{id}/recognition?lang=en"))
            .await;
        assert!(!seen.body.contains("Complete my profile"), "{app}");
        app.stop().await;
    }
}
