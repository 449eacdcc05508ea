//! The workflow in the browser's terms: apply from the self-check, act from the queue, in
//! every language.

use crate::helpers::{Session, TestApp, apps};

async fn post_form(
    app: &TestApp,
    who: &Session,
    path: &str,
    fields: &[(&str, &str)],
) -> (u16, String) {
    let r = app
        .http
        .post(app.url(path))
        .header("cookie", &who.cookie)
        .form(&[fields, &[("csrf_token", who.csrf.as_str())]].concat())
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    let location = r
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    (status, location)
}

async fn page(app: &TestApp, who: &Session, path: &str) -> String {
    let r = app.get_with(path, &[("cookie", &who.cookie)]).await;
    assert_eq!(r.status, 200, "{app} {path}: {}", r.body);
    r.body
}

#[tokio::test]
async fn an_engineer_applies_and_the_societies_decide_through_pages() {
    for app in apps(true).await {
        crate::helpers::clear_applications(&app, "engineer.gd@wanqiao.example").await;
        let chan = app.login("engineer.gd@wanqiao.example").await;
        let form = page(&app, &chan, "/applications/new?lang=en").await;
        assert!(form.contains("Apply for recognition"), "{app}");
        let choice = form
            .split("name=\"choice\" value=\"")
            .skip(1)
            .map(|s| s.split('"').next().unwrap().to_string())
            .find(|v| v.ends_with("|hk-building-em"))
            .expect("a choice towards hk-building-em");
        let (status, location) =
            post_form(&app, &chan, "/applications/new", &[("choice", &choice)]).await;
        assert_eq!(status, 303, "{app}");
        let detail = location.clone();
        let (status, _) = post_form(
            &app,
            &chan,
            &format!("{detail}/act"),
            &[("action", "submit")],
        )
        .await;
        assert_eq!(status, 303, "{app}");

        let attestor = app.login("gd.attestor@wanqiao.example").await;
        let queue = page(
            &app,
            &attestor,
            "/applications?state=submitted&lang=zh-Hans",
        )
        .await;
        assert!(queue.contains("已提交"), "{app}: the attestation queue");
        post_form(
            &app,
            &attestor,
            &format!("{detail}/act"),
            &[("action", "attest")],
        )
        .await;

        let reviewer = app.login("hk.reviewer@wanqiao.example").await;
        post_form(
            &app,
            &reviewer,
            &format!("{detail}/act"),
            &[("action", "start_review")],
        )
        .await;
        let (status, _) = post_form(
            &app,
            &reviewer,
            &format!("{detail}/act"),
            &[("action", "reject")],
        )
        .await;
        assert_eq!(status, 422, "{app}: a rejection needs a reason");
        let (status, _) = post_form(
            &app,
            &reviewer,
            &format!("{detail}/act"),
            &[
                ("action", "approve_with_conditions"),
                ("conditions", "professional-interview"),
            ],
        )
        .await;
        assert_eq!(status, 303, "{app}");
        let view = page(&app, &reviewer, &format!("{detail}?lang=zh-Hant")).await;
        assert!(view.contains("有條件批准"), "{app}");
        assert!(view.contains("專業面談"), "{app}: the condition to fulfil");
        post_form(
            &app,
            &reviewer,
            &format!("{detail}/act"),
            &[
                ("action", "fulfil_condition"),
                ("condition", "professional-interview"),
            ],
        )
        .await;
        let done = page(&app, &chan, &format!("{detail}?lang=en")).await;
        assert!(done.contains("Approved"), "{app}");
        assert!(
            done.contains("Evidence") && done.contains("Referees"),
            "{app}: the review shows evidence and referees"
        );
        for step in [
            "Submit",
            "Attest",
            "Start review",
            "Approve with conditions",
            "Record a fulfilled condition",
        ] {
            assert!(done.contains(step), "{app}: the timeline shows `{step}`");
        }
        app.stop().await;
    }
}
