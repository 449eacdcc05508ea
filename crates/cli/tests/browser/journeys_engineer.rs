//! Journey 1: an engineer runs the what-if check, signs up, records a profile, self-checks,
//! uploads evidence, applies, answers a request for information with a document, and
//! receives and prints the certificate. The home society's attestation and the host
//! society's review are done through the API here (journeys 2 and 3 take them in the
//! browser).

use crate::harness::{Browser, Viewport, api_ok, journey};
use crate::helpers::TestApp;
use jiff::civil::Date;
use serde_json::json;
use std::path::PathBuf;
use std::sync::Arc;
use wanqiao_domain::Locale;

const EMAIL: &str = "lai.ming@engineers.example";
const PASSWORD: &str = "a-bridge-across-the-bay";
const HOME_SOCIETY: &str = "gd-building-services";
const HOST: &str = "hk-building-em";

/// Today's date (UTC), for dates a form wants in the past.
fn today() -> Date {
    let days = jiff::Timestamp::now().as_second().div_euclid(86_400);
    Date::constant(1970, 1, 1)
        .checked_add(jiff::Span::new().days(days))
        .expect("a date after 1970")
}

fn years_ago(years: i16) -> Date {
    today()
        .checked_sub(jiff::Span::new().years(years))
        .expect("a date")
}

/// The society's name as pages in `lang` show it.
async fn society_name(app: &TestApp, id: &str, lang: Locale) -> String {
    let society = app.json(&format!("/api/v1/societies/{id}")).await;
    society["names"][lang.tag()]
        .as_str()
        .unwrap_or_else(|| panic!("{id} has a name in {}: {society}", lang.tag()))
        .to_string()
}

/// An action on an application by someone else, through the API.
async fn act(app: &TestApp, who: &str, application: &str, body: serde_json::Value) {
    let session = app.login(who).await;
    api_ok(
        app,
        "POST",
        &format!("/api/v1/applications/{application}/transitions"),
        &session,
        Some(body),
    )
    .await;
}

/// The home society's attestor attests the qualification the engineer claimed.
async fn attest_qualification(app: &TestApp) {
    let store = &app.server.store;
    let user = store
        .user_id_by_email(EMAIL)
        .await
        .unwrap()
        .expect("signed up");
    let engineer = store
        .engineer_of_user(&user)
        .await
        .unwrap()
        .expect("a profile");
    let attestor = app.login("gd.attestor@wanqiao.example").await;
    let profile = api_ok(
        app,
        "GET",
        &format!("/api/v1/engineers/{engineer}"),
        &attestor,
        None,
    )
    .await;
    let qualification = profile["qualifications"][0]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("a qualification: {profile}"));
    api_ok(
        app,
        "POST",
        &format!("/api/v1/engineers/{engineer}/qualifications/{qualification}/attest"),
        &attestor,
        None,
    )
    .await;
}

async fn engineer_is_recognised(b: Browser, app: Arc<TestApp>) {
    let lang = b.lang();

    // The home page, in the journey's language.
    b.goto("/").await;
    b.switch_language(lang).await;
    if lang == Locale::ZhHans {
        b.screenshot("home", false).await;
    }

    // What if: a 工程师 in building engineering with six years, before any account.
    b.click_link(&b.t("nav-what-if")).await;
    b.assert_text(&b.t("what-if-title")).await;
    b.fill(&b.t("what-if-qualification"), "cn-title/engineer")
        .await;
    b.fill(&b.t("what-if-specialty"), "building").await;
    b.fill(&b.t("what-if-years"), "6").await;
    b.fill(&b.t("what-if-cpd"), "120").await;
    b.check(&b.t("what-if-accredited")).await;
    b.check(&b.t("what-if-standing")).await;
    b.click_button(&b.t("what-if-submit")).await;
    b.assert_text(&b.t("what-if-results")).await;
    let host_name = society_name(&app, HOST, lang).await;
    b.assert_text(&host_name).await;

    // Signing up lands on the profile.
    b.click_link(&b.t("signup-link")).await;
    b.assert_text(&b.t("signup-title")).await;
    b.fill(&b.t("field-email"), EMAIL).await;
    b.fill(&b.t("field-password"), PASSWORD).await;
    b.fill(&b.t("signup-password-again"), PASSWORD).await;
    b.fill(&b.t("profile-name-zh-hans"), "黎明").await;
    b.fill(&b.t("profile-name-zh-hant"), "黎明").await;
    b.fill(&b.t("profile-name-en"), "Lai Ming").await;
    b.fill(&b.t("signup-language"), lang.tag()).await;
    b.click_button(&b.t("signup-submit")).await;
    b.assert_text(&b.t("profile-welcome")).await;

    // The record the self-check stands on: a title, a degree, experience and CPD.
    let form = "form[aria-labelledby=qualification-add]";
    b.fill_in(form, &b.t("profile-qualification"), "cn-title/engineer")
        .await;
    b.fill_in(form, &b.t("col-specialty"), "building").await;
    b.fill_in(form, &b.t("profile-certified-by"), HOME_SOCIETY)
        .await;
    b.fill_in(form, &b.t("profile-awarded-on"), &years_ago(5).to_string())
        .await;
    b.fill_in(form, &b.t("profile-certificate-number"), "GD-2021-0815")
        .await;
    b.click_button_in(form, &b.t("profile-add")).await;
    b.assert_text(&b.t("profile-qualification-claimed")).await;

    let form = "form[aria-labelledby=education-add]";
    b.fill_in(
        form,
        &b.t("profile-degree"),
        "BEng Building Services Engineering",
    )
    .await;
    b.fill_in(
        form,
        &b.t("profile-institution"),
        "Guangdong University of Technology",
    )
    .await;
    let graduated = (today().year() - 12).to_string();
    b.fill_in(form, &b.t("profile-year"), &graduated).await;
    b.fill_in(form, &b.t("profile-accreditation"), "washington-accord")
        .await;
    b.click_button_in(form, &b.t("profile-add")).await;

    let form = "form[aria-labelledby=experience-add]";
    b.fill_in(form, &b.t("col-specialty"), "building").await;
    b.fill_in(
        form,
        &b.t("profile-employer"),
        "Pearl River building design institute",
    )
    .await;
    b.fill_in(form, &b.t("profile-started-on"), &years_ago(11).to_string())
        .await;
    b.click_button_in(form, &b.t("profile-add")).await;

    let form = "form[aria-labelledby=cpd-add]";
    b.fill_in(form, &b.t("profile-hours"), "100").await;
    let course = today()
        .checked_sub(jiff::Span::new().days(60))
        .unwrap()
        .to_string();
    b.fill_in(form, &b.t("profile-completed-on"), &course).await;
    b.fill_in(form, &b.t("profile-activity"), "Fire engineering course")
        .await;
    b.click_button_in(form, &b.t("profile-add")).await;
    b.assert_text("Pearl River building design institute").await;
    b.assert_text("Fire engineering course").await;
    b.axe_check().await; // the profile again, now with its tables

    // The self-check answers for this record: the Hong Kong society, on a claimed title.
    b.click_link(&b.t("profile-go-self-check")).await;
    b.assert_text(&b.t("recognition-title")).await;
    b.assert_text(&host_name).await;

    // The degree certificate, kept once for every application.
    b.goto("/account/profile").await;
    b.click_link(&b.t("profile-go-evidence")).await;
    let degree = sample_pdf(&format!("degree-{}", lang.tag()));
    b.fill(&b.t("evidence-upload-name"), "Degree certificate")
        .await;
    b.upload(&b.t("evidence-upload-file"), &degree).await;
    b.click_button(&b.t("evidence-upload-submit")).await;
    let _ = std::fs::remove_file(&degree);
    b.assert_text("Degree certificate").await;

    // The home society attests the title (journey 2 does it in the browser).
    attest_qualification(&app).await;
    b.goto("/account/recognition").await;
    b.assert_text(&host_name).await;
    if lang == Locale::En {
        b.screenshot("self-check", false).await;
    }

    // Apply towards the Hong Kong society: the choice shows what the agreement grants.
    b.goto("/account/profile").await;
    b.click_link(&b.t("profile-go-apply")).await;
    b.assert_text(&b.t("apply-title")).await;
    b.check(&host_name).await;
    b.click_button(&b.t("apply-submit")).await;
    b.assert_text(&b.t("application-state-draft")).await;
    b.assert_text("Degree certificate").await;
    let application = b
        .path()
        .await
        .strip_prefix("/applications/")
        .expect("the new application's page")
        .to_string();
    b.click_button(&b.t("application-action-submit")).await;
    b.assert_text(&b.t("application-state-submitted")).await;

    // The home society attests; the host society asks a question.
    act(
        &app,
        "gd.attestor@wanqiao.example",
        &application,
        json!({ "action": "attest" }),
    )
    .await;
    act(
        &app,
        "hk.reviewer@wanqiao.example",
        &application,
        json!({ "action": "start_review" }),
    )
    .await;
    let question = "Please describe one project where you led the building services design.";
    act(
        &app,
        "hk.reviewer@wanqiao.example",
        &application,
        json!({ "action": "request_info", "note": question }),
    )
    .await;

    // The engineer sees the question and answers it on the application's page, with a file.
    b.goto(&format!("/applications/{application}")).await;
    b.assert_text(&b.t("application-state-info_requested"))
        .await;
    b.assert_text(question).await;
    b.axe_check().await; // the application again, now with the answer form
    let answer_form = "form:has(input[name=action][value=provide_info])";
    b.fill_in(
        answer_form,
        &b.t("application-answer-note"),
        "I led the services design of a 30-storey office tower in Guangzhou (2019-2022).",
    )
    .await;
    let summary = sample_pdf(&format!("project-summary-{}", lang.tag()));
    b.fill_in(answer_form, &b.t("evidence-upload-name"), "Project summary")
        .await;
    b.upload_in(answer_form, &b.t("evidence-upload-file"), &summary)
        .await;
    b.click_button_in(answer_form, &b.t("application-action-provide_info"))
        .await;
    let _ = std::fs::remove_file(&summary);
    b.assert_text(&b.t("application-state-under_review")).await;
    b.assert_text("Project summary").await;

    // The host society approves: the certificate is issued in the same step.
    act(
        &app,
        "hk.reviewer@wanqiao.example",
        &application,
        json!({ "action": "approve" }),
    )
    .await;
    let certificate = app
        .server
        .store
        .credential_of_application(&application)
        .await
        .unwrap()
        .expect("approval issued a certificate");

    // The engineer is told, and finds the certificate among theirs.
    b.click_link(&b.t("nav-inbox")).await;
    b.assert_text(&b.t("notify-application_decided-subject"))
        .await;
    b.click_link(&b.t("nav-certificates")).await;
    let card = format!("#certificate-{certificate}");
    assert_eq!(
        b.attr(&card, "data-status").await.as_deref(),
        Some("active")
    );
    b.click_link_in(&card, &b.t("cert-printable")).await;
    b.assert_text("黎明").await;
    b.assert_text("Lai Ming").await;
    print_the_certificate(&b).await;
}

/// The printable certificate: its QR code is there, and printing leaves out the site's
/// navigation and fits on one A4 page.
async fn print_the_certificate(b: &Browser) {
    b.assert_text(&b.t("cert-print-hint")).await;
    let qr = b.find("svg.qr").await;
    assert!(qr.is_displayed().await.unwrap(), "the QR code is shown");
    if b.lang() == Locale::ZhHans {
        b.screenshot("certificate", true).await;
    }

    b.emulate_media("print").await;
    let shown = |css: &str| {
        let css = css.to_string();
        async move {
            b.eval(
                "const e = document.querySelector(arguments[0]); return !!e && e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';",
                vec![json!(css)],
            )
            .await
                == json!(true)
        }
    };
    assert!(
        shown("#certificate").await,
        "printing shows the certificate"
    );
    assert!(shown("svg.qr").await, "printing shows the QR code");
    for hidden in ["header.site", "footer.site", ".no-print", "a.skip"] {
        assert!(!shown(hidden).await, "printing leaves out {hidden}");
    }
    b.emulate_media("").await;

    let pdf = b.print_pdf().await;
    assert!(pdf.starts_with(b"%PDF"), "printing makes a PDF");
    assert_eq!(pdf_pages(&pdf), 1, "the certificate prints on one A4 page");
}

/// The number of pages of a PDF: its `/Type /Page` objects (not `/Pages`).
fn pdf_pages(pdf: &[u8]) -> usize {
    let needle = b"/Type /Page";
    pdf.windows(needle.len() + 1)
        .filter(|w| w.starts_with(needle) && w[needle.len()] != b's')
        .count()
}

/// A one-page PDF in the temporary folder, as an engineer would attach.
fn sample_pdf(name: &str) -> PathBuf {
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ];
    let mut pdf = String::from("%PDF-1.4\n");
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.push_str(&format!("{} 0 obj\n{body}\nendobj\n", i + 1));
    }
    let xref = pdf.len();
    pdf.push_str(&format!(
        "xref\n0 {}\n0000000000 65535 f \n",
        objects.len() + 1
    ));
    for o in offsets {
        pdf.push_str(&format!("{o:010} 00000 n \n"));
    }
    pdf.push_str(&format!(
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    ));
    let file = std::env::temp_dir().join(format!("wanqiao-{}-{name}.pdf", std::process::id()));
    std::fs::write(&file, pdf).unwrap();
    file
}

#[tokio::test]
async fn engineer_is_recognised_zh_hans() {
    journey(
        "engineer",
        Locale::ZhHans,
        Viewport::Desktop,
        engineer_is_recognised,
    )
    .await;
}

#[tokio::test]
async fn engineer_is_recognised_en() {
    journey(
        "engineer",
        Locale::En,
        Viewport::Desktop,
        engineer_is_recognised,
    )
    .await;
}
