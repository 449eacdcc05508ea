//! Journeys 2, 3 and 5: the societies' staff and the platform's admin at work. An attestor
//! attests an application and the qualification it claims; a reviewer asks for information,
//! then approves with a condition, which is later fulfilled; an admin drafts a new version
//! of an agreement, reads its impact analysis and puts it in force. The engineer's own steps
//! go through the API (journey 1 takes them in the browser).

use crate::harness::{Browser, Viewport, api_ok, journey};
use crate::helpers::TestApp;
use serde_json::{Value, json};
use std::sync::Arc;
use wanqiao_domain::Locale;

const ENGINEER: &str = "engineer.gd@wanqiao.example";
const HOST: &str = "hk-building-em";
const HOME: &str = "gd-building-services";

/// engineer.gd's profile, as the API shows it to them.
async fn profile(app: &TestApp) -> (String, Value) {
    let store = &app.server.store;
    let user = store.user_id_by_email(ENGINEER).await.unwrap().unwrap();
    let id = store.engineer_of_user(&user).await.unwrap().unwrap();
    let chan = app.login(ENGINEER).await;
    let p = api_ok(app, "GET", &format!("/api/v1/engineers/{id}"), &chan, None).await;
    (id, p)
}

/// A new application of engineer.gd to the host society, submitted (and attested when
/// `attested`), through the API as the engineer and the attestor would.
async fn submitted_application(app: &TestApp, attested: bool) -> String {
    crate::helpers::clear_applications(app, ENGINEER).await;
    let (_, p) = profile(app).await;
    let q = p["qualifications"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["specialty"] == "building" && q["status"] == "attested")
        .expect("the demo engineer's attested building qualification");
    let chan = app.login(ENGINEER).await;
    let created = api_ok(
        app,
        "POST",
        "/api/v1/applications",
        &chan,
        Some(json!({ "qualification": q["id"], "host_society": HOST })),
    )
    .await;
    let id = created["id"].as_str().unwrap().to_string();
    let transitions = format!("/api/v1/applications/{id}/transitions");
    api_ok(
        app,
        "POST",
        &transitions,
        &chan,
        Some(json!({ "action": "submit" })),
    )
    .await;
    if attested {
        let attestor = app.login("gd.attestor@wanqiao.example").await;
        api_ok(
            app,
            "POST",
            &transitions,
            &attestor,
            Some(json!({ "action": "attest" })),
        )
        .await;
    }
    id
}

/// The form of one action on an application's page.
fn action_form(action: &str) -> String {
    format!("form:has(input[name='action'][value='{action}'])")
}

/// Opens an application from a queue, by its row.
async fn open_from_queue(b: &Browser, queue: &str, title: &str, application: &str) {
    b.goto(queue).await;
    b.assert_text(&b.t(title)).await;
    let row = format!("tr:has(a[href='/applications/{application}'])");
    let name = b.find(&format!("{row} a")).await.text().await.unwrap();
    b.click_link_in(&row, &name).await;
    assert_eq!(b.path().await, format!("/applications/{application}"));
}

/// Journey 2: the home society's attestor attests the application, then the qualification
/// the engineer claimed on their profile.
async fn attestor_attests(b: Browser, app: Arc<TestApp>) {
    let lang = b.lang();
    let id = submitted_application(&app, false).await;
    let (engineer, _) = profile(&app).await;
    let chan = app.login(ENGINEER).await;
    let claimed = api_ok(
        &app,
        "POST",
        &format!("/api/v1/engineers/{engineer}/qualifications"),
        &chan,
        Some(json!({
            "framework": "cn-title", "level": "senior-engineer", "specialty": "building",
            "society": HOME, "certificate_number": "GD-SE-2024-018"
        })),
    )
    .await;
    let claim = claimed["qualifications"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["certificate_number"] == "GD-SE-2024-018")
        .and_then(|q| q["id"].as_str())
        .unwrap()
        .to_string();

    b.goto("/").await;
    b.switch_language(lang).await;
    b.login("gd.attestor@wanqiao.example").await;
    open_from_queue(&b, "/queues/attestation", "queue-attestation-title", &id).await;
    b.assert_text(&b.t("application-state-submitted")).await;
    let attest = action_form("attest");
    b.fill_in(
        &attest,
        &b.t("application-note"),
        "Membership record checked: in good standing.",
    )
    .await;
    b.click_button_in(&attest, &b.t("application-action-attest"))
        .await;
    b.axe_check().await;
    b.assert_text(&b.t("application-state-attested")).await;
    b.assert_text("Membership record checked: in good standing.")
        .await;
    assert!(
        !b.exists(&action_form("attest")).await,
        "attested once, the form is gone"
    );

    // The engineer's profile, from the application: the claimed qualification is attested.
    let name = b
        .find(&format!("a[href='/engineers/{engineer}/profile']"))
        .await
        .text()
        .await
        .unwrap();
    b.click_link(&name).await;
    b.assert_text(&b.t("profile-qualifications")).await;
    let row = format!("tr:has(form[action$='/qualifications/{claim}/attest'])");
    let status = b.find(&format!("{row} .badge")).await.text().await.unwrap();
    assert_eq!(status, b.t("profile-qualification-claimed"));
    b.click_button_in(&row, &b.t("profile-attest")).await;
    b.axe_check().await;
    let rows = b
        .eval(
            "return [...document.querySelectorAll('#qualification tbody tr')].map(r => r.innerText.replace(/\\s+/g, ' ')).join('\\n');",
            vec![],
        )
        .await;
    let rows = rows.as_str().unwrap_or_default().to_string();
    let line = rows
        .lines()
        .find(|l| l.contains("GD-SE-2024-018"))
        .unwrap_or_else(|| panic!("the qualification is listed: {rows}"));
    assert!(
        line.contains(&b.t("profile-qualification-attested")),
        "attested: {line}"
    );
    assert!(
        !b.exists(&format!("form[action$='/qualifications/{claim}/attest']"))
            .await
    );
}

#[tokio::test]
async fn attestor_attests_zh_hans() {
    journey(
        "attestor",
        Locale::ZhHans,
        Viewport::Desktop,
        attestor_attests,
    )
    .await;
}

#[tokio::test]
async fn attestor_attests_en() {
    journey("attestor", Locale::En, Viewport::Desktop, attestor_attests).await;
}

/// Journey 3: the host society's reviewer starts the review, asks for information, approves
/// with a condition once it is answered, and records the condition fulfilled later.
async fn reviewer_decides(b: Browser, app: Arc<TestApp>) {
    let lang = b.lang();
    let id = submitted_application(&app, true).await;
    let page = format!("/applications/{id}");

    b.goto("/").await;
    b.switch_language(lang).await;
    b.login("hk.reviewer@wanqiao.example").await;
    open_from_queue(&b, "/queues/review", "queue-review-title", &id).await;
    b.click_button_in(
        &action_form("start_review"),
        &b.t("application-action-start_review"),
    )
    .await;
    b.axe_check().await;
    b.assert_text(&b.t("application-state-under_review")).await;

    // A request without a question is sent back, saying what is missing (the browser's own
    // check of the required field is lifted, as an old browser would not make it).
    let request = action_form("request_info");
    b.eval(
        "document.querySelectorAll('textarea[required]').forEach(t => t.removeAttribute('required'));",
        vec![],
    )
    .await;
    b.click_button_in(&request, &b.t("application-action-request_info"))
        .await;
    b.axe_check().await;
    b.assert_text(&b.t("application-error-request-note")).await;
    let question =
        "Please upload the employer's letter confirming your years in building services.";
    b.fill_in(&request, &b.t("application-request-note"), question)
        .await;
    b.click_button_in(&request, &b.t("application-action-request_info"))
        .await;
    b.axe_check().await;
    b.assert_text(&b.t("application-state-info_requested"))
        .await;
    b.assert_text(question).await;

    // The engineer answers (journey 1 does it in the browser).
    let chan = app.login(ENGINEER).await;
    api_ok(
        &app,
        "POST",
        &format!("/api/v1/applications/{id}/transitions"),
        &chan,
        Some(json!({ "action": "provide_info", "note": "The letter is on my profile." })),
    )
    .await;

    // Approve with a condition: the rule's requirements come ticked; the reviewer keeps the
    // interview.
    b.goto(&page).await;
    b.assert_text("The letter is on my profile.").await;
    let conditions = action_form("approve_with_conditions");
    b.assert_text(&b.t("application-conditions-hint")).await;
    let interview = b.t("requirement-professional-interview");
    let ticked = b
        .eval(
            "return [...document.querySelectorAll(arguments[0] + ' input[name=conditions]:checked')].length;",
            vec![json!(conditions)],
        )
        .await;
    assert!(
        ticked.as_u64().unwrap_or(0) >= 1,
        "the rule's requirements come ticked"
    );
    for other in [
        "requirement-local-regulations-briefing",
        "requirement-aptitude-test",
    ] {
        b.set_checked(&conditions, &b.t(other), false).await;
    }
    b.set_checked(&conditions, &interview, true).await;
    b.fill_in(
        &conditions,
        &b.t("application-note"),
        "Recognised as Member once the professional interview is passed.",
    )
    .await;
    b.click_button_in(
        &conditions,
        &b.t("application-action-approve_with_conditions"),
    )
    .await;
    b.axe_check().await;
    b.assert_text(&b.t("application-state-conditionally_approved"))
        .await;
    b.assert_text(&b.t("application-outstanding")).await;
    b.assert_text(&interview).await;

    // Later: the interview is passed.
    b.goto("/queues/review").await;
    b.goto(&page).await;
    let fulfil = action_form("fulfil_condition");
    b.fill_in(&fulfil, &b.t("application-condition"), &interview)
        .await;
    b.fill_in(&fulfil, &b.t("application-note"), "Interview passed.")
        .await;
    b.click_button_in(&fulfil, &b.t("application-action-fulfil_condition"))
        .await;
    b.axe_check().await;
    b.assert_text(&b.t("application-state-approved")).await;
    b.assert_text(&b.t("application-action-fulfil_condition"))
        .await;
    b.assert_text("Interview passed.").await;
    let application = app.server.store.application(&id).await.unwrap().unwrap();
    assert!(application.outstanding.is_empty(), "nothing left to fulfil");
    let credential = app
        .server
        .store
        .credential_of_application(&id)
        .await
        .unwrap()
        .expect("the approval issued the certificate");

    // The certificate's page offers the issuer's reviewer its status changes.
    b.goto(&format!("/credentials/{credential}")).await;
    b.assert_text(&b.t("cert-status-active")).await;
    b.assert_text(&b.t("cert-change-title")).await;
    b.assert_text(&b.t("cert-change-suspend-lead")).await;
}

#[tokio::test]
async fn reviewer_requests_information_then_approves_with_a_condition_zh_hant() {
    journey(
        "reviewer",
        Locale::ZhHant,
        Viewport::Desktop,
        reviewer_decides,
    )
    .await;
}

#[tokio::test]
async fn reviewer_requests_information_then_approves_with_a_condition_en() {
    journey("reviewer", Locale::En, Viewport::Desktop, reviewer_decides).await;
}

/// Journey 5: the platform's admin drafts a new version of an agreement in force, edits its
/// rules in the agreement's file, reads the impact analysis, and puts the version in force.
async fn admin_puts_a_new_version_in_force(b: Browser, app: Arc<TestApp>) {
    let lang = b.lang();
    let agreement = "building-2020";
    let before = app
        .server
        .store
        .agreement(agreement)
        .await
        .unwrap()
        .unwrap();
    let draft = before.versions.iter().map(|v| v.number).max().unwrap() + 1;
    let panel = format!("/admin/agreements/{agreement}");

    b.goto("/").await;
    b.switch_language(lang).await;
    b.login("admin@wanqiao.example").await;
    b.goto("/admin/register").await;
    let title = before.titles.get(lang).to_string();
    b.click_link_in(&format!("li:has(a[href='{panel}'])"), &title)
        .await;
    assert_eq!(b.path().await, panel);

    // Draft: a copy of the latest version's rules.
    let step = "form:has(input[name='action'][value='draft_version'])";
    b.fill_in(
        step,
        &b.t("reg-step-field-notes"),
        "Revision 2027: CPD raised.",
    )
    .await;
    b.click_button_in(step, &b.t("reg-step-draft_version-button"))
        .await;
    b.axe_check().await;
    b.assert_text("Revision 2027: CPD raised.").await;

    // Its rules, edited in the agreement's file: the draft asks for more CPD.
    b.click_link(&b.t1("reg-version-edit", "number", &draft.to_string()))
        .await;
    let file = b
        .eval("return document.getElementById('toml').value;", vec![])
        .await;
    let file = file.as_str().unwrap().to_string();
    let start = file
        .rfind("[[version]]")
        .expect("the file lists the versions");
    let (kept, draft_part) = file.split_at(start);
    assert!(
        draft_part.contains(&format!("number = {draft}")),
        "the last version of the file is the new draft"
    );
    let marker = "cpd = { hours = ";
    let at = draft_part
        .find(marker)
        .expect("the draft has a CPD rule to raise")
        + marker.len();
    let digits: String = draft_part[at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let raised = digits.parse::<u32>().unwrap() + 10;
    let edited = format!(
        "{kept}{}{raised}{}",
        &draft_part[..at],
        &draft_part[at + digits.len()..]
    );
    b.eval(
        "document.getElementById('toml').value = arguments[0];",
        vec![json!(edited)],
    )
    .await;
    b.click_button(&b.t("reg-save")).await;
    assert_eq!(b.path().await, format!("/agreements/{agreement}"));

    // The impact of the draft against every engineer of the parties.
    b.goto(&panel).await;
    b.click_link(&b.t1("reg-version-impact", "number", &draft.to_string()))
        .await;
    b.assert_text(&b.t1("impact-title", "number", &draft.to_string()))
        .await;
    b.assert_text(&b.t("impact-engineers")).await;
    b.assert_text(&b.t("impact-next")).await;

    // Satisfied, the admin puts it in force from the lifecycle panel.
    b.click_link_in("#impact-next", &b.t("reg-agreement-panel-link"))
        .await;
    let put = "form:has(input[name='action'][value='put_version_in_force'])";
    b.fill_in(
        put,
        &b.t("reg-step-field-version"),
        &b.t1("agreement-version", "number", &draft.to_string()),
    )
    .await;
    b.fill_in(put, &b.t("agreement-effective-from"), "2027-01-01")
        .await;
    b.click_button_in(put, &b.t("reg-step-put_version_in_force-button"))
        .await;
    b.axe_check().await;
    let row = b
        .eval(
            "return [...document.querySelectorAll('tbody tr')].map(r => r.innerText).find(t => t.includes(arguments[0])) || '';",
            vec![json!(b.t1("agreement-version", "number", &draft.to_string()))],
        )
        .await;
    let row = row.as_str().unwrap_or_default().to_string();
    assert!(
        row.contains(&b.t("version-status-in-force")),
        "version {draft} is in force: {row}"
    );
    let after = app
        .server
        .store
        .agreement(agreement)
        .await
        .unwrap()
        .unwrap();
    let v = after.versions.iter().find(|v| v.number == draft).unwrap();
    assert_eq!(v.status, wanqiao_domain::VersionStatus::InForce);
    assert!(
        v.rules
            .iter()
            .any(|r| r.cpd.as_ref().is_some_and(|c| c.hours == raised)),
        "the edited rules took effect"
    );
}

#[tokio::test]
async fn admin_drafts_analyses_and_puts_a_version_in_force_zh_hans() {
    journey(
        "admin",
        Locale::ZhHans,
        Viewport::Desktop,
        admin_puts_a_new_version_in_force,
    )
    .await;
}

#[tokio::test]
async fn admin_drafts_analyses_and_puts_a_version_in_force_en() {
    journey(
        "admin",
        Locale::En,
        Viewport::Desktop,
        admin_puts_a_new_version_in_force,
    )
    .await;
}
