//! Every route × every role, including anonymous, with the answer each must get. A route
//! that is not in this table fails the test: new routes cannot skip the access review.

use crate::helpers::{DEMO_PASSWORD, Session, TestApp, engines};
use serde_json::{Value, json};
use std::collections::BTreeSet;

/// The callers, in the order of the expected-status columns below.
const ROLES: [Option<&str>; 6] = [
    None,                                  // anonymous
    Some("admin@wanqiao.example"),         // platform_admin
    Some("hk.admin@wanqiao.example"),      // society_admin of hk-building-em
    Some("gdes.reviewer@wanqiao.example"), // reviewer of gdes
    Some("gd.attestor@wanqiao.example"),   // attestor of gd-building-services
    Some("engineer.gd@wanqiao.example"),   // engineer
];

enum Payload {
    None,
    Json(Value),
    Form(Vec<(&'static str, &'static str)>),
    /// A `multipart/form-data` upload: a title and a file's bytes.
    File(&'static str, &'static [u8]),
}

struct Row {
    method: &'static str,
    /// The route pattern as the router knows it.
    pattern: &'static str,
    /// The concrete path; `{user}`, `{managed}` and `{token}` are filled in per app.
    path: &'static str,
    payload: Payload,
    /// anonymous, platform_admin, society_admin, reviewer, attestor, engineer.
    expect: [u16; 6],
}

const ALL_200: [u16; 6] = [200; 6];
const SIGNED_IN: [u16; 6] = [401, 200, 200, 200, 200, 200];
const PAGE_SIGNED_IN: [u16; 6] = [303, 200, 200, 200, 200, 200];
const USER_ADMINS: [u16; 6] = [401, 200, 200, 403, 403, 403];
const PAGE_USER_ADMINS: [u16; 6] = [303, 200, 200, 403, 403, 403];
const PAGE_USER_WRITES: [u16; 6] = [303, 303, 303, 403, 403, 403];
const PROFILE_READERS: [u16; 6] = [401, 200, 403, 403, 200, 200];
const PROFILE_KEEPERS: [u16; 6] = [401, 200, 403, 403, 403, 200];
const PROFILE_ADDERS: [u16; 6] = [401, 201, 403, 403, 403, 201];
const ATTESTORS: [u16; 6] = [401, 200, 403, 403, 200, 403];
const PLATFORM_ONLY: [u16; 6] = [401, 200, 403, 403, 403, 403];
const PLATFORM_CREATES: [u16; 6] = [401, 201, 403, 403, 403, 403];
const PLATFORM_RETIRES: [u16; 6] = [401, 204, 403, 403, 403, 403];

fn names(zh_hans: &str, zh_hant: &str, en: &str) -> Value {
    json!({ "zh-Hans": zh_hans, "zh-Hant": zh_hant, "en": en })
}

fn new_society() -> Value {
    json!({
        "id": "access-society", "names": names("测试学会", "測試學會", "Access Society"),
        "abbreviation": "AS", "jurisdiction": "MO", "role": "consulting", "sample": true
    })
}

fn new_specialty() -> Value {
    json!({ "id": "access-specialty", "names": names("测试", "測試", "Access"), "batch": 2, "status": "pilot", "sample": true })
}

fn new_framework() -> Value {
    json!({
        "id": "access-ladder", "names": names("阶梯", "階梯", "Ladder"), "kind": "membership",
        "jurisdiction": "HK", "owner": "hk-building-em", "sample": true,
        "levels": [{ "id": "access-level", "names": names("会员", "會員", "Member") }]
    })
}

fn new_agreement() -> Value {
    json!({
        "id": "access-agreement", "kind": "agreement", "status": "draft", "specialty": "building",
        "parties": ["gdes", "hk-building-em"], "titles": names("协议", "協議", "Agreement"), "sample": true,
        "versions": [{ "number": 1, "status": "draft", "rules": [{
            "from": { "framework": "cn-title", "min_level": "engineer" },
            "to": { "society": "hk-building-em", "level": "member" },
            "min_experience_years": 5
        }]}]
    })
}

fn get(pattern: &'static str, path: &'static str, expect: [u16; 6]) -> Row {
    Row {
        method: "GET",
        pattern,
        path,
        payload: Payload::None,
        expect,
    }
}

fn send(
    method: &'static str,
    pattern: &'static str,
    path: &'static str,
    payload: Payload,
    expect: [u16; 6],
) -> Row {
    Row {
        method,
        pattern,
        path,
        payload,
        expect,
    }
}

/// Register pages that only platform admins open, and their forms.
const PAGE_PLATFORM: [u16; 6] = [303, 200, 403, 403, 403, 403];
const PAGE_PLATFORM_WRITES: [u16; 6] = [303, 303, 403, 403, 403, 403];

/// An agreement written as its file on the register pages; edited below, then signed.
const PAGE_AGREEMENT: &str = r#"id = "access-page-agreement"
kind = "letter-of-intent"
status = "draft"
specialty = "building"
parties = ["gdes", "hk-building-em"]
sample = true

[titles]
zh-Hans = "页面协议"
zh-Hant = "頁面協議"
en = "Page agreement"

[[version]]
number = 1
status = "draft"

[[version.rule]]
from = { framework = "cn-title", min_level = "engineer" }
to = { society = "hk-building-em", level = "member" }
min_experience_years = 5
"#;

/// The same file with a new English title.
const PAGE_AGREEMENT_EDITED: &str = r#"id = "access-page-agreement"
kind = "letter-of-intent"
status = "draft"
specialty = "building"
parties = ["gdes", "hk-building-em"]
sample = true

[titles]
zh-Hans = "页面协议"
zh-Hant = "頁面協議"
en = "Page agreement (revised)"

[[version]]
number = 1
status = "draft"

[[version.rule]]
from = { framework = "cn-title", min_level = "engineer" }
to = { society = "hk-building-em", level = "member" }
min_experience_years = 5
"#;

/// hk-building-em's profile as its edit form sends it; region, role and sample flag are
/// read from the form for platform admins only.
fn page_society_edit() -> Vec<(&'static str, &'static str)> {
    vec![
        ("name_zh_hans", "香港建筑电气及机电工程师学会"),
        ("name_zh_hant", "香港建築電氣及機電工程師學會"),
        (
            "name_en",
            "Hong Kong Society of Building Electrical and Mechanical Engineers",
        ),
        ("abbreviation", "HKSBEME"),
        ("jurisdiction", "HK"),
        ("role", "signatory"),
        ("sample", "on"),
        ("website", "https://hk-building-em.example.org/page"),
        ("contact", "wg@hk-building-em.example.org"),
    ]
}

/// hk-building-em's ladder as its edit form sends it, levels unchanged.
fn page_ladder_edit() -> Vec<(&'static str, &'static str)> {
    vec![
        ("name_zh_hans", "香港建筑电气及机电工程师学会会员级别"),
        ("name_zh_hant", "香港建築電氣及機電工程師學會會員級別"),
        ("name_en", "HKSBEME membership grades"),
        ("kind", "membership"),
        ("jurisdiction", "HK"),
        ("owner", "hk-building-em"),
        ("sample", "on"),
        (
            "levels",
            "graduate | 毕业会员 | 畢業會員 | Graduate Member\nassociate-member | 准会员 | 準會員 | Associate Member\nmember | 正会员 | 正會員 | Member\nfellow | 资深会员 | 資深會員 | Fellow",
        ),
    ]
}

fn table() -> Vec<Row> {
    use Payload::{Form, Json};
    let new_user = json!({
        "email": "access.check@wanqiao.example",
        "display_name": "Access check",
        "password": "a long enough password",
        "grants": [{ "role": "reviewer", "society": "hk-building-em" }]
    });
    vec![
        // The public register.
        get("/healthz", "/healthz", ALL_200),
        get("/assets/{file}", "/assets/style.css", ALL_200),
        get("/api/v1/jurisdictions", "/api/v1/jurisdictions", ALL_200),
        get("/api/v1/societies", "/api/v1/societies", ALL_200),
        get("/api/v1/societies/{id}", "/api/v1/societies/gdes", ALL_200),
        get("/api/v1/specialties", "/api/v1/specialties", ALL_200),
        get(
            "/api/v1/specialties/{id}",
            "/api/v1/specialties/building",
            ALL_200,
        ),
        get("/api/v1/frameworks", "/api/v1/frameworks", ALL_200),
        get(
            "/api/v1/frameworks/{id}",
            "/api/v1/frameworks/cn-title",
            ALL_200,
        ),
        get("/api/v1/agreements", "/api/v1/agreements", ALL_200),
        get(
            "/api/v1/agreements/{id}",
            "/api/v1/agreements/building-2020",
            ALL_200,
        ),
        get("/api/v1/fellows", "/api/v1/fellows", ALL_200),
        get("/api/v1/activities", "/api/v1/activities", ALL_200),
        get("/api/v1/register", "/api/v1/register?q=chan", ALL_200),
        get("/register", "/register?q=chan", ALL_200),
        get("/", "/", ALL_200),
        get("/societies", "/societies", ALL_200),
        get("/societies/{id}", "/societies/gdes", ALL_200),
        get("/specialties", "/specialties", ALL_200),
        get("/agreements", "/agreements", ALL_200),
        get("/agreements/{id}", "/agreements/building-2020", ALL_200),
        get("/fellows", "/fellows", ALL_200),
        get("/activities", "/activities", ALL_200),
        // Signing in and one's own account.
        send(
            "POST",
            "/api/v1/auth/login",
            "/api/v1/auth/login",
            Json(json!({ "email": "engineer.hk@wanqiao.example", "password": DEMO_PASSWORD })),
            ALL_200,
        ),
        get("/api/v1/auth/me", "/api/v1/auth/me", SIGNED_IN),
        get("/api/v1/auth/tokens", "/api/v1/auth/tokens", SIGNED_IN),
        send(
            "POST",
            "/api/v1/auth/tokens",
            "/api/v1/auth/tokens",
            Json(json!({ "name": "access" })),
            [401, 201, 201, 201, 201, 201],
        ),
        send(
            "DELETE",
            "/api/v1/auth/tokens/{id}",
            "/api/v1/auth/tokens/{token}",
            Payload::None,
            [401, 204, 404, 404, 404, 404],
        ),
        get("/login", "/login", ALL_200),
        // The sign-in form without its own CSRF cookie is refused for everyone.
        send(
            "POST",
            "/login",
            "/login",
            Form(vec![
                ("email", "x@y.example"),
                ("password", "p"),
                ("csrf_token", "x"),
            ]),
            [403; 6],
        ),
        get("/account", "/account", PAGE_SIGNED_IN),
        send(
            "POST",
            "/account/tokens",
            "/account/tokens",
            Form(vec![("name", "access")]),
            PAGE_SIGNED_IN,
        ),
        send(
            "POST",
            "/account/tokens/{id}/revoke",
            "/account/tokens/{token2}/revoke",
            Form(vec![]),
            [303, 404, 404, 404, 404, 404],
        ),
        // Managing users, by pages.
        get(
            "/admin/engineers",
            "/admin/engineers?q=chan",
            [303, 200, 200, 200, 200, 403],
        ),
        get("/admin/users", "/admin/users", PAGE_USER_ADMINS),
        get("/admin/users/new", "/admin/users/new", PAGE_USER_ADMINS),
        send(
            "POST",
            "/admin/users",
            "/admin/users",
            Form(vec![
                ("email", "page.check@wanqiao.example"),
                ("display_name", "Page check"),
                ("password", "a long enough password"),
                ("role", "reviewer"),
                ("society", "hk-building-em"),
            ]),
            PAGE_USER_WRITES,
        ),
        get(
            "/admin/users/{id}",
            "/admin/users/{managed}",
            PAGE_USER_ADMINS,
        ),
        send(
            "POST",
            "/admin/users/{id}/grants",
            "/admin/users/{managed}/grants",
            Form(vec![
                ("role", "society_admin"),
                ("society", "hk-building-em"),
            ]),
            PAGE_USER_WRITES,
        ),
        send(
            "POST",
            "/admin/users/{id}/grants/withdraw",
            "/admin/users/{managed}/grants/withdraw",
            Form(vec![("role", "reviewer"), ("society", "hk-building-em")]),
            PAGE_USER_WRITES,
        ),
        send(
            "POST",
            "/admin/users/{id}/disable",
            "/admin/users/{managed}/disable",
            Form(vec![]),
            PAGE_USER_WRITES,
        ),
        send(
            "POST",
            "/admin/users/{id}/enable",
            "/admin/users/{managed}/enable",
            Form(vec![]),
            PAGE_USER_WRITES,
        ),
        get(
            "/admin/audit",
            "/admin/audit",
            [303, 200, 403, 403, 403, 403],
        ),
        // Managing users, by the API.
        get("/api/v1/users", "/api/v1/users", USER_ADMINS),
        send(
            "POST",
            "/api/v1/users",
            "/api/v1/users",
            Json(new_user),
            [401, 201, 201, 403, 403, 403],
        ),
        get("/api/v1/users/{id}", "/api/v1/users/{managed}", USER_ADMINS),
        // A society admin gives roles only to accounts they manage: not to a bare engineer.
        send(
            "POST",
            "/api/v1/users/{id}/grants",
            "/api/v1/users/{user}/grants",
            Json(json!({ "role": "reviewer", "society": "hk-building-em" })),
            PLATFORM_ONLY,
        ),
        send(
            "DELETE",
            "/api/v1/users/{id}/grants",
            "/api/v1/users/{managed}/grants?role=attestor&society=hk-building-em",
            Payload::None,
            USER_ADMINS,
        ),
        send(
            "POST",
            "/api/v1/users/{id}/disable",
            "/api/v1/users/{managed}/disable",
            Payload::None,
            USER_ADMINS,
        ),
        send(
            "POST",
            "/api/v1/users/{id}/enable",
            "/api/v1/users/{managed}/enable",
            Payload::None,
            USER_ADMINS,
        ),
        get(
            "/api/v1/audit",
            "/api/v1/audit",
            [401, 200, 403, 403, 403, 403],
        ),
        // Engineer profiles: the engineer keeps theirs, the certifying society sees it.
        get("/api/v1/engineers", "/api/v1/engineers", SIGNED_IN),
        send(
            "POST",
            "/api/v1/engineers",
            "/api/v1/engineers",
            Json(json!({ "names": { "zh-Hans": "王", "zh-Hant": "王", "en": "Wong" } })),
            [401, 201, 403, 403, 403, 409],
        ),
        get(
            "/api/v1/engineers/{id}",
            "/api/v1/engineers/{engineer}",
            PROFILE_READERS,
        ),
        send(
            "PATCH",
            "/api/v1/engineers/{id}",
            "/api/v1/engineers/{engineer}",
            Json(json!({ "names": { "zh-Hans": "陈工", "zh-Hant": "陳工", "en": "Chan" } })),
            PROFILE_KEEPERS,
        ),
        send(
            "POST",
            "/api/v1/engineers/{id}/education",
            "/api/v1/engineers/{engineer}/education",
            Json(
                json!({ "degree": "BEng", "institution": "X University", "year": 2008, "accreditation": "washington-accord" }),
            ),
            PROFILE_ADDERS,
        ),
        send(
            "POST",
            "/api/v1/engineers/{id}/experience",
            "/api/v1/engineers/{engineer}/experience",
            Json(
                json!({ "specialty": "building", "started_on": "2010-01-01", "ended_on": "2015-01-01", "employer": "Y" }),
            ),
            PROFILE_ADDERS,
        ),
        send(
            "POST",
            "/api/v1/engineers/{id}/cpd",
            "/api/v1/engineers/{engineer}/cpd",
            Json(json!({ "hours": 20, "completed_on": "2025-05-01", "activity": "Seminar" })),
            PROFILE_ADDERS,
        ),
        send(
            "POST",
            "/api/v1/engineers/{id}/qualifications",
            "/api/v1/engineers/{engineer}/qualifications",
            Json(
                json!({ "framework": "cn-title", "level": "engineer", "specialty": "building", "society": "gd-building-services" }),
            ),
            PROFILE_ADDERS,
        ),
        send(
            "DELETE",
            "/api/v1/engineers/{id}/{kind}/{entry}",
            "/api/v1/engineers/{engineer}/cpd/{cpd}",
            Payload::None,
            [401, 204, 403, 403, 403, 204],
        ),
        send(
            "POST",
            "/api/v1/engineers/{id}/qualifications/{qualification}/attest",
            "/api/v1/engineers/{engineer}/qualifications/{claim}/attest",
            Payload::None,
            ATTESTORS,
        ),
        send(
            "POST",
            "/api/v1/engineers/{id}/qualifications/{qualification}/refuse",
            "/api/v1/engineers/{engineer}/qualifications/{claim2}/refuse",
            Payload::None,
            ATTESTORS,
        ),
        // Applications: the applicant acts, both societies' staff see.
        get("/api/v1/applications", "/api/v1/applications", SIGNED_IN),
        send(
            "POST",
            "/api/v1/applications",
            "/api/v1/applications",
            Json(json!({ "qualification": "{building}", "host_society": "mo-construction" })),
            [401, 422, 422, 422, 422, 201],
        ),
        get(
            "/api/v1/applications/{id}",
            "/api/v1/applications/{application}",
            [401, 200, 200, 403, 200, 200],
        ),
        send(
            "POST",
            "/api/v1/applications/{id}/transitions",
            "/api/v1/applications/{application}/transitions",
            Json(json!({ "action": "submit" })),
            [401, 403, 403, 403, 403, 200],
        ),
        // Referees are named while the application is open (before the page row withdraws it).
        get(
            "/api/v1/applications/{id}/referees",
            "/api/v1/applications/{application}/referees",
            [401, 200, 200, 403, 200, 200],
        ),
        send(
            "POST",
            "/api/v1/applications/{id}/referees",
            "/api/v1/applications/{application}/referees",
            Json(
                json!({ "email": "referee@example.org", "name": "Referee", "statement": "Five years of building services design." }),
            ),
            [401, 403, 403, 403, 403, 201],
        ),
        send(
            "POST",
            "/api/v1/applications/sweep",
            "/api/v1/applications/sweep",
            Payload::None,
            PLATFORM_ONLY,
        ),
        // The rule engine's answers.
        get(
            "/api/v1/engineers/{id}/recognition-options",
            "/api/v1/engineers/{engineer}/recognition-options",
            PROFILE_READERS,
        ),
        send(
            "POST",
            "/api/v1/recognition/what-if",
            "/api/v1/recognition/what-if",
            Json(
                json!({ "framework": "cn-title", "level": "engineer", "specialty": "building", "experience_years": 6 }),
            ),
            ALL_200,
        ),
        get(
            "/api/v1/agreements/{id}/versions/{number}/impact",
            "/api/v1/agreements/building-2020/versions/2/impact",
            USER_ADMINS,
        ),
        get("/account/recognition", "/account/recognition", [303; 6]),
        get(
            "/engineers/{id}/recognition",
            "/engineers/{engineer}/recognition",
            [303, 200, 403, 403, 200, 200],
        ),
        get(
            "/what-if",
            "/what-if?qualification=cn-title/engineer&specialty=building&experience_years=6",
            ALL_200,
        ),
        get(
            "/admin/agreements/{id}/versions/{number}/impact",
            "/admin/agreements/building-2020/versions/2/impact",
            PAGE_USER_ADMINS,
        ),
        // Writing the register.
        send(
            "POST",
            "/api/v1/societies",
            "/api/v1/societies",
            Json(new_society()),
            PLATFORM_CREATES,
        ),
        send(
            "PATCH",
            "/api/v1/societies/{id}",
            "/api/v1/societies/hk-building-em",
            Json(json!({ "website": "https://hk-building-em.example.org/new" })),
            USER_ADMINS,
        ),
        send(
            "DELETE",
            "/api/v1/societies/{id}",
            "/api/v1/societies/hk-construction-safety",
            Payload::None,
            PLATFORM_RETIRES,
        ),
        send(
            "POST",
            "/api/v1/specialties",
            "/api/v1/specialties",
            Json(new_specialty()),
            PLATFORM_CREATES,
        ),
        send(
            "PATCH",
            "/api/v1/specialties/{id}",
            "/api/v1/specialties/quality",
            Json(json!({ "status": "active" })),
            PLATFORM_ONLY,
        ),
        send(
            "DELETE",
            "/api/v1/specialties/{id}",
            "/api/v1/specialties/quality",
            Payload::None,
            PLATFORM_RETIRES,
        ),
        send(
            "POST",
            "/api/v1/frameworks",
            "/api/v1/frameworks",
            Json(new_framework()),
            [401, 201, 201, 403, 403, 403],
        ),
        send(
            "PATCH",
            "/api/v1/frameworks/{id}",
            "/api/v1/frameworks/hk-building-em-grade",
            Json(json!({ "names": { "en": "Membership grades (revised)" } })),
            USER_ADMINS,
        ),
        send(
            "DELETE",
            "/api/v1/frameworks/{id}",
            "/api/v1/frameworks/access-ladder",
            Payload::None,
            [401, 204, 204, 404, 404, 404],
        ),
        send(
            "POST",
            "/api/v1/agreements",
            "/api/v1/agreements",
            Json(new_agreement()),
            PLATFORM_CREATES,
        ),
        send(
            "PATCH",
            "/api/v1/agreements/{id}",
            "/api/v1/agreements/building-2020",
            Json(json!({ "effective_until": "2030-07-10" })),
            PLATFORM_ONLY,
        ),
        send(
            "POST",
            "/api/v1/agreements/{id}/transitions",
            "/api/v1/agreements/electrical-intent-2020/transitions",
            Json(json!({ "action": "expire", "on": "2026-11-29" })),
            PLATFORM_ONLY,
        ),
        // Application pages; the withdrawal comes late, as rows above use the application.
        get("/applications", "/applications", PAGE_SIGNED_IN),
        get(
            "/applications/new",
            "/applications/new",
            // Staff keep no engineer profile: the page says to create one first.
            [303, 200, 200, 200, 200, 200],
        ),
        send(
            "POST",
            "/applications/new",
            "/applications/new",
            Form(vec![("choice", "{building}|hk-civil-infra")]),
            [303, 422, 422, 422, 422, 303],
        ),
        get(
            "/applications/{id}",
            "/applications/{application}",
            [303, 200, 200, 403, 200, 200],
        ),
        send(
            "POST",
            "/applications/{id}/act",
            "/applications/{application}/act",
            Form(vec![("action", "withdraw")]),
            [303, 403, 403, 403, 403, 303],
        ),
        // A wrong current password changes nothing (a right one would end the session).
        send(
            "POST",
            "/api/v1/auth/password",
            "/api/v1/auth/password",
            Json(json!({ "current_password": "wrong", "new_password": "a long enough password" })),
            [401, 422, 422, 422, 422, 422],
        ),
        send(
            "POST",
            "/account/password",
            "/account/password",
            Form(vec![
                ("current_password", "wrong"),
                ("new_password", "a long enough password"),
            ]),
            [303, 422, 422, 422, 422, 422],
        ),
        // Writing the register, by pages. Forms sent twice (new, then edit or retire) act on
        // what the caller's own earlier row created.
        get("/admin/register", "/admin/register", PAGE_USER_ADMINS),
        get(
            "/admin/societies/new",
            "/admin/societies/new",
            PAGE_PLATFORM,
        ),
        send(
            "POST",
            "/admin/societies/new",
            "/admin/societies/new",
            Form(vec![
                ("id", "access-page-society"),
                ("name_zh_hans", "页面学会"),
                ("name_zh_hant", "頁面學會"),
                ("name_en", "Page Society"),
                ("abbreviation", "PS"),
                ("jurisdiction", "MO"),
                ("role", "consulting"),
                ("sample", "on"),
            ]),
            PAGE_PLATFORM_WRITES,
        ),
        get(
            "/admin/societies/{id}/edit",
            "/admin/societies/hk-building-em/edit",
            PAGE_USER_ADMINS,
        ),
        send(
            "POST",
            "/admin/societies/{id}/edit",
            "/admin/societies/hk-building-em/edit",
            Form(page_society_edit()),
            PAGE_USER_WRITES,
        ),
        send(
            "POST",
            "/admin/societies/{id}/retire",
            "/admin/societies/access-page-society/retire",
            Form(vec![("confirm", "yes")]),
            PAGE_PLATFORM_WRITES,
        ),
        get(
            "/admin/specialties/new",
            "/admin/specialties/new",
            PAGE_PLATFORM,
        ),
        send(
            "POST",
            "/admin/specialties/new",
            "/admin/specialties/new",
            Form(vec![
                ("id", "access-page-specialty"),
                ("name_zh_hans", "页面专业"),
                ("name_zh_hant", "頁面專業"),
                ("name_en", "Page specialty"),
                ("batch", "3"),
                ("status", "pilot"),
            ]),
            PAGE_PLATFORM_WRITES,
        ),
        get(
            "/admin/specialties/{id}/edit",
            "/admin/specialties/building/edit",
            PAGE_PLATFORM,
        ),
        send(
            "POST",
            "/admin/specialties/{id}/edit",
            "/admin/specialties/access-page-specialty/edit",
            Form(vec![
                ("name_zh_hans", "页面专业"),
                ("name_zh_hant", "頁面專業"),
                ("name_en", "Page specialty"),
                ("batch", "3"),
                ("status", "active"),
            ]),
            PAGE_PLATFORM_WRITES,
        ),
        send(
            "POST",
            "/admin/specialties/{id}/retire",
            "/admin/specialties/access-page-specialty/retire",
            Form(vec![("confirm", "yes")]),
            PAGE_PLATFORM_WRITES,
        ),
        get(
            "/admin/frameworks/new",
            "/admin/frameworks/new",
            PAGE_USER_ADMINS,
        ),
        send(
            "POST",
            "/admin/frameworks/new",
            "/admin/frameworks/new",
            Form(vec![
                ("id", "access-page-ladder"),
                ("name_zh_hans", "页面阶梯"),
                ("name_zh_hant", "頁面階梯"),
                ("name_en", "Page ladder"),
                ("kind", "membership"),
                ("jurisdiction", "HK"),
                ("owner", "hk-building-em"),
                ("levels", "access-page-level | 会员 | 會員 | Member"),
            ]),
            PAGE_USER_WRITES,
        ),
        get(
            "/admin/frameworks/{id}/edit",
            "/admin/frameworks/hk-building-em-grade/edit",
            PAGE_USER_ADMINS,
        ),
        send(
            "POST",
            "/admin/frameworks/{id}/edit",
            "/admin/frameworks/hk-building-em-grade/edit",
            Form(page_ladder_edit()),
            PAGE_USER_WRITES,
        ),
        // The ladder exists only where the caller's own row above created it.
        send(
            "POST",
            "/admin/frameworks/{id}/retire",
            "/admin/frameworks/access-page-ladder/retire",
            Form(vec![("confirm", "yes")]),
            [303, 303, 303, 404, 404, 404],
        ),
        get(
            "/admin/agreements/new",
            "/admin/agreements/new",
            PAGE_PLATFORM,
        ),
        send(
            "POST",
            "/admin/agreements/new",
            "/admin/agreements/new",
            Form(vec![("toml", PAGE_AGREEMENT)]),
            PAGE_PLATFORM_WRITES,
        ),
        get(
            "/admin/agreements/{id}",
            "/admin/agreements/building-2020",
            PAGE_PLATFORM,
        ),
        get(
            "/admin/agreements/{id}/edit",
            "/admin/agreements/building-2020/edit",
            PAGE_PLATFORM,
        ),
        send(
            "POST",
            "/admin/agreements/{id}/edit",
            "/admin/agreements/access-page-agreement/edit",
            Form(vec![("toml", PAGE_AGREEMENT_EDITED)]),
            PAGE_PLATFORM_WRITES,
        ),
        send(
            "POST",
            "/admin/agreements/{id}/transitions",
            "/admin/agreements/access-page-agreement/transitions",
            Form(vec![("action", "sign_intent"), ("signed_on", "2026-11-29")]),
            PAGE_PLATFORM_WRITES,
        ),
        // Evidence on engineer.gd's profile, and referees on their application.
        send(
            "POST",
            "/api/v1/engineers/{id}/evidence",
            "/api/v1/engineers/{engineer}/evidence",
            Payload::File("Degree", b"%PDF-1.7\naccess"),
            [401, 201, 403, 403, 403, 201],
        ),
        get(
            "/api/v1/engineers/{id}/evidence",
            "/api/v1/engineers/{engineer}/evidence",
            [401, 200, 200, 403, 200, 200],
        ),
        get(
            "/api/v1/engineers/{id}/evidence/{evidence}/content",
            "/api/v1/engineers/{engineer}/evidence/{evidence}/content",
            [401, 200, 200, 403, 200, 200],
        ),
        send(
            "POST",
            "/api/v1/engineers/{id}/evidence/{evidence}/verify",
            "/api/v1/engineers/{engineer}/evidence/{evidence}/verify",
            Payload::None,
            [401, 403, 200, 403, 200, 403],
        ),
        get(
            "/engineers/{id}/evidence",
            "/engineers/{engineer}/evidence",
            [303, 200, 200, 403, 200, 200],
        ),
        send(
            "POST",
            "/engineers/{id}/evidence/{evidence}/verify",
            "/engineers/{engineer}/evidence/{evidence2}/verify",
            Form(vec![]),
            [303, 403, 303, 403, 303, 403],
        ),
        send(
            "DELETE",
            "/api/v1/engineers/{id}/evidence/{evidence}",
            "/api/v1/engineers/{engineer}/evidence/{evidence}",
            Payload::None,
            [401, 204, 403, 403, 403, 204],
        ),
        get("/api/v1/inbox", "/api/v1/inbox", SIGNED_IN),
        get("/inbox", "/inbox", PAGE_SIGNED_IN),
        get("/referees/{token}", "/referees/no-such-link", [404; 6]),
        send(
            "POST",
            "/referees/{token}",
            "/referees/no-such-link",
            Form(vec![("csrf_token", "x"), ("answer", "confirm")]),
            [403, 404, 404, 404, 404, 404],
        ),
        // Alerts: society staff read those concerning their societies; society admins raise.
        get(
            "/api/v1/alerts",
            "/api/v1/alerts",
            [401, 200, 200, 200, 200, 403],
        ),
        send(
            "POST",
            "/api/v1/alerts",
            "/api/v1/alerts",
            Json(
                json!({ "engineer": "{engineer}", "kind": "suspension", "statement": "Suspended for a review." }),
            ),
            [401, 422, 201, 403, 403, 403],
        ),
        get(
            "/admin/alerts",
            "/admin/alerts",
            [303, 200, 200, 200, 200, 403],
        ),
        send(
            "POST",
            "/admin/alerts",
            "/admin/alerts",
            Form(vec![
                ("engineer", "{engineer}"),
                ("kind", "striking_off"),
                ("statement", "Struck off."),
            ]),
            [303, 422, 303, 403, 403, 403],
        ),
        // Fees paid offline, recorded by the staff of the society paid (here the host).
        send(
            "POST",
            "/api/v1/applications/{id}/payments",
            "/api/v1/applications/{application}/payments",
            Json(
                json!({ "step": "assessment", "amount": 2400, "currency": "HKD", "reference": "R-1" }),
            ),
            [401, 201, 201, 403, 403, 403],
        ),
        // The staff's queues and the society admin's overdue items.
        get(
            "/queues/attestation",
            "/queues/attestation",
            [303, 200, 200, 403, 200, 403],
        ),
        get(
            "/queues/review",
            "/queues/review",
            [303, 200, 200, 200, 403, 403],
        ),
        get(
            "/admin/overdue",
            "/admin/overdue",
            [303, 200, 200, 403, 403, 403],
        ),
        // Roster imports: society admins for their society, platform admins for any (who
        // must name it: 422 without). The upload here is no roster, so its job fails at once.
        get("/admin/roster", "/admin/roster", PAGE_USER_ADMINS),
        send(
            "POST",
            "/admin/roster",
            "/admin/roster",
            Payload::File("Roster", b"not a roster"),
            [303, 422, 303, 403, 403, 403],
        ),
        get(
            "/admin/roster/{job}",
            "/admin/roster/no-such-job",
            [303, 404, 404, 403, 403, 403],
        ),
        get(
            "/admin/roster/{job}/report.csv",
            "/admin/roster/no-such-job/report.csv",
            [303, 404, 404, 403, 403, 403],
        ),
        // Dashboards: the public one and the agreements' figures for everyone; a society's
        // for its own staff (each caller below holds a role in one society) and platform admins.
        get("/dashboard", "/dashboard", ALL_200),
        get("/dashboard/{file}", "/dashboard/by-specialty.csv", ALL_200),
        get(
            "/agreements/{id}/dashboard/{file}",
            "/agreements/building-2020/dashboard/by-month.csv",
            ALL_200,
        ),
        get(
            "/societies/{id}/dashboard",
            "/societies/hk-building-em/dashboard",
            [303, 200, 200, 403, 403, 403],
        ),
        get(
            "/societies/{id}/dashboard",
            "/societies/gdes/dashboard",
            [303, 200, 403, 200, 403, 403],
        ),
        get(
            "/societies/{id}/dashboard",
            "/societies/gd-building-services/dashboard",
            [303, 200, 403, 403, 200, 403],
        ),
        get(
            "/societies/{id}/dashboard/{file}",
            "/societies/hk-building-em/dashboard/pipeline.csv",
            [303, 200, 200, 403, 403, 403],
        ),
        // Recognition certificates: public to read and verify; status by the issuer's staff.
        get(
            "/api/v1/credentials/{id}",
            "/api/v1/credentials/{credential}",
            ALL_200,
        ),
        send(
            "POST",
            "/api/v1/credentials/{id}/status",
            "/api/v1/credentials/{credential}/status",
            Json(json!({ "purpose": "suspension", "value": true, "reason": "access" })),
            [401, 403, 200, 403, 403, 403],
        ),
        send(
            "POST",
            "/api/v1/credentials/verify",
            "/api/v1/credentials/verify",
            Json(json!({ "verifiableCredential": {} })),
            [400; 6],
        ),
        // The VC-API at the root: issuing by the issuer's admins, status by its staff.
        send(
            "POST",
            "/credentials/issue",
            "/credentials/issue",
            Json(json!({ "credential": {
                "@context": ["https://www.w3.org/ns/credentials/v2"],
                "type": ["VerifiableCredential"],
                "issuer": "did:web:127.0.0.1%3A8080:societies:hk-building-em",
                "credentialSubject": { "id": "did:example:access" }
            } })),
            [401, 403, 201, 403, 403, 403],
        ),
        send(
            "POST",
            "/credentials/verify",
            "/credentials/verify",
            Json(json!({ "verifiableCredential": {} })),
            [400; 6],
        ),
        send(
            "POST",
            "/presentations/verify",
            "/presentations/verify",
            Json(json!({ "verifiablePresentation": {} })),
            [400; 6],
        ),
        send(
            "POST",
            "/credentials/status",
            "/credentials/status",
            Json(json!({
                "credentialId": "{credential}",
                "credentialStatus": [{ "type": "BitstringStatusListEntry", "status": "suspended" }]
            })),
            [401, 403, 200, 403, 403, 403],
        ),
        get(
            "/societies/{id}/did.json",
            "/societies/hk-building-em/did.json",
            ALL_200,
        ),
        get(
            "/status-lists/{society}/{purpose}",
            "/status-lists/hk-building-em/revocation",
            ALL_200,
        ),
        get("/verify", "/verify", ALL_200),
        send(
            "POST",
            "/verify",
            "/verify",
            Form(vec![("credential", "{}")]),
            ALL_200,
        ),
        get("/verify/{id}", "/verify/{credential}", ALL_200),
        // The certificate's own URL, its printable form and download: public. The holder's
        // certificates and consent (engineer.gd holds the demo certificate); a correction by
        // the issuer's staff revokes it, so it comes after the other certificate rows.
        get("/credentials/{id}", "/credentials/{credential}", ALL_200),
        get(
            "/credentials/{id}/certificate",
            "/credentials/{credential}/certificate",
            ALL_200,
        ),
        get(
            "/credentials/{id}/download",
            "/credentials/{credential}/download",
            ALL_200,
        ),
        get(
            "/account/certificates",
            "/account/certificates",
            PAGE_SIGNED_IN,
        ),
        send(
            "POST",
            "/account/certificates/{id}/consent",
            "/account/certificates/{credential}/consent",
            Form(vec![("public_register", "on")]),
            [303, 403, 403, 403, 403, 303],
        ),
        send(
            "PATCH",
            "/api/v1/credentials/{id}",
            "/api/v1/credentials/{credential}",
            Json(json!({ "public_register": true })),
            [401, 403, 403, 403, 403, 200],
        ),
        // By page, before the correction below replaces the certificate.
        send(
            "POST",
            "/credentials/{id}/status",
            "/credentials/{credential}/status",
            Form(vec![("action", "suspend"), ("reason", "access check")]),
            [303, 403, 303, 403, 403, 403],
        ),
        send(
            "POST",
            "/api/v1/credentials/{id}/correct",
            "/api/v1/credentials/{credential}/correct",
            Json(json!({ "reason": "access" })),
            [401, 403, 201, 403, 403, 403],
        ),
        // The portal: signing up, the profile's pages, evidence uploads and removals by page,
        // and a certificate's status by page.
        get("/signup", "/signup", [200, 303, 303, 303, 303, 303]),
        // The sign-up form without its own CSRF cookie is refused for everyone.
        send(
            "POST",
            "/signup",
            "/signup",
            Form(vec![
                ("email", "signup.check@wanqiao.example"),
                ("password", "a long enough password"),
                ("password_confirmation", "a long enough password"),
                ("name_en", "Signup Check"),
                ("csrf_token", "x"),
            ]),
            [403; 6],
        ),
        send(
            "POST",
            "/api/v1/auth/signup",
            "/api/v1/auth/signup",
            Json(json!({
                "email": "api.signup.check@wanqiao.example",
                "password": "a long enough password",
                "password_confirmation": "a long enough password",
                "names": { "zh-Hans": "", "zh-Hant": "", "en": "Signup Check" }
            })),
            [201; 6],
        ),
        get(
            "/account/profile",
            "/account/profile",
            [303, 200, 200, 200, 200, 200],
        ),
        send(
            "POST",
            "/account/profile",
            "/account/profile",
            Form(vec![("name_en", "Own Profile")]),
            [303, 403, 403, 403, 403, 303],
        ),
        get(
            "/engineers/{id}/profile",
            "/engineers/{engineer}/profile",
            [303, 200, 403, 403, 200, 200],
        ),
        send(
            "POST",
            "/engineers/{id}/profile",
            "/engineers/{engineer}/profile",
            Form(vec![("particulars-name_en", "Chan Example")]),
            [303, 303, 403, 403, 403, 303],
        ),
        send(
            "POST",
            "/engineers/{id}/profile/{kind}",
            "/engineers/{engineer}/profile/cpd",
            Form(vec![("cpd-hours", "5"), ("cpd-completed_on", "2025-02-01")]),
            [303, 303, 403, 403, 403, 303],
        ),
        send(
            "POST",
            "/engineers/{id}/profile/{kind}/{entry}/remove",
            "/engineers/{engineer}/profile/cpd/{cpd}/remove",
            Form(vec![]),
            // Removed through the API above by those who may.
            [303, 404, 403, 403, 403, 404],
        ),
        send(
            "POST",
            "/engineers/{id}/qualifications/{qualification}/attest",
            "/engineers/{engineer}/qualifications/{claim2}/attest",
            Form(vec![("decision", "attest")]),
            // Refused through the API above by those who may: no longer claimed.
            [303, 409, 403, 403, 409, 403],
        ),
        send(
            "POST",
            "/engineers/{id}/evidence",
            "/engineers/{engineer}/evidence",
            Payload::File("Degree", b"%PDF-1.7\npage access"),
            [303, 303, 403, 403, 403, 303],
        ),
        send(
            "POST",
            "/engineers/{id}/evidence/{evidence}/remove",
            "/engineers/{engineer}/evidence/{evidence2}/remove",
            Form(vec![]),
            [303, 303, 403, 403, 403, 303],
        ),
        // Signing out comes last: it ends the session the rows above use.
        send(
            "POST",
            "/api/v1/auth/logout",
            "/api/v1/auth/logout",
            Payload::None,
            [204; 6],
        ),
        send("POST", "/logout", "/logout", Form(vec![]), [303; 6]),
    ]
}

#[test]
fn every_route_has_a_row() {
    let served: BTreeSet<(String, String)> = wanqiao_web::route_list()
        .into_iter()
        .map(|r| (r.method.to_string(), r.path))
        .collect();
    let covered: BTreeSet<(String, String)> = table()
        .iter()
        .map(|r| (r.method.to_string(), r.pattern.to_string()))
        .collect();
    let missing: Vec<_> = served.difference(&covered).collect();
    let stale: Vec<_> = covered.difference(&served).collect();
    assert!(
        missing.is_empty(),
        "routes without a row in the access table: {missing:?}"
    );
    assert!(
        stale.is_empty(),
        "rows for routes that no longer exist: {stale:?}"
    );
}

/// Ids the rows refer to, created or looked up in each app.
struct Targets {
    /// An engineer's account (engineer.hk), to grant roles to.
    user: String,
    /// An account of hk-building-em (hk.reviewer), which its society admin manages.
    managed: String,
    /// Tokens of engineer.hk, which only they and platform admins may revoke.
    token: String,
    token2: String,
    /// engineer.gd's profile, with two claimed qualifications certified by
    /// gd-building-services (whose attestor may attest them) and a CPD record.
    engineer: String,
    claim: String,
    claim2: String,
    cpd: String,
    /// engineer.gd's demo qualification in building, and a draft application with it to
    /// hk-building-em.
    building: String,
    application: String,
    /// Two files of evidence on engineer.gd's profile.
    evidence: String,
    evidence2: String,
    /// The certificate of the approved demo application, issued by hk-building-em.
    credential: String,
}

async fn targets(app: &TestApp) -> Targets {
    crate::helpers::clear_applications(app, "engineer.gd@wanqiao.example").await;
    let store = &app.server.store;
    let user = store
        .user_id_by_email("engineer.hk@wanqiao.example")
        .await
        .unwrap()
        .unwrap();
    let managed = store
        .user_id_by_email("hk.reviewer@wanqiao.example")
        .await
        .unwrap()
        .unwrap();
    let mut w = store.write("test", jiff::Timestamp::now()).await.unwrap();
    let token = w.create_token(&user, "one", &"1".repeat(64)).await.unwrap();
    let token2 = w.create_token(&user, "two", &"2".repeat(64)).await.unwrap();
    let owner = store
        .user_id_by_email("engineer.gd@wanqiao.example")
        .await
        .unwrap()
        .unwrap();
    let engineer = match store.engineer_of_user(&owner).await.unwrap() {
        Some(id) => id,
        None => {
            let particulars = wanqiao_store::engineers::Particulars {
                names: Default::default(),
                standing: wanqiao_domain::engineer::Standing::Good,
                identity: None,
            };
            w.create_engineer(Some(&owner), &particulars).await.unwrap()
        }
    };
    let claim_of = |level: &str| wanqiao_domain::engineer::Qualification {
        id: String::new(),
        framework: "cn-title".into(),
        level: level.into(),
        specialty: "building".into(),
        society: Some("gd-building-services".into()),
        awarded_on: None,
        certificate_number: "T-1".into(),
        status: wanqiao_domain::engineer::QualificationStatus::Claimed,
    };
    let claim = w
        .add_qualification(&engineer, &claim_of("engineer"))
        .await
        .unwrap();
    let claim2 = w
        .add_qualification(&engineer, &claim_of("senior-engineer"))
        .await
        .unwrap();
    let record = wanqiao_domain::engineer::CpdRecord {
        id: String::new(),
        hours: 10,
        completed_on: "2025-01-01".parse().unwrap(),
        activity: "Course".into(),
    };
    let cpd = w.add_cpd(&engineer, &record).await.unwrap();
    let profile = store.engineer(&engineer).await.unwrap().unwrap();
    let building = profile
        .qualifications
        .iter()
        .find(|q| {
            q.specialty == "building"
                && q.status == wanqiao_domain::engineer::QualificationStatus::Attested
        })
        .unwrap()
        .clone();
    let application = w
        .create_application(&wanqiao_store::applications::NewApplication {
            engineer: &engineer,
            qualification: &building.id,
            specialty: "building",
            home_society: building.society.as_deref(),
            host_society: "hk-building-em",
        })
        .await
        .unwrap();
    let building = building.id;
    let file =
        |content: &'static [u8], sha256: &'static str| wanqiao_store::evidence::NewEvidence {
            engineer: &engineer,
            title: "Certificate",
            media_type: "application/pdf",
            sha256,
            content,
        };
    let storage = wanqiao_store::evidence::DatabaseStorage;
    let evidence = w
        .add_evidence(&storage, &file(b"%PDF-1.7 a", "a1"))
        .await
        .unwrap();
    let evidence2 = w
        .add_evidence(&storage, &file(b"%PDF-1.7 b", "b2"))
        .await
        .unwrap();
    w.commit().await.unwrap();
    let approved = wanqiao_store::applications::ApplicationFilter {
        state: Some(wanqiao_domain::workflow::State::Approved),
        ..Default::default()
    };
    let approved = store
        .applications(&approved, wanqiao_store::Page::ALL)
        .await
        .unwrap();
    let approved = approved
        .items
        .iter()
        .find(|a| a.host_society == "hk-building-em")
        .unwrap();
    let credential = store
        .credential_of_application(&approved.id)
        .await
        .unwrap()
        .unwrap();
    Targets {
        credential,
        user,
        managed,
        token,
        token2,
        engineer,
        claim,
        claim2,
        cpd,
        building,
        application,
        evidence,
        evidence2,
    }
}

/// A JSON body with `{building}` and `{engineer}` replaced by the targets.
fn fill(v: &Value, t: &Targets) -> Value {
    let text = v
        .to_string()
        .replace("{building}", &t.building)
        .replace("{engineer}", &t.engineer)
        .replace("{credential}", &t.credential);
    serde_json::from_str(&text).unwrap()
}

async fn call(
    app: &TestApp,
    row: &Row,
    path: &str,
    session: Option<&Session>,
    targets: &Targets,
) -> u16 {
    let method = reqwest::Method::from_bytes(row.method.as_bytes()).unwrap();
    let mut request = app.http.request(method, app.url(path));
    if let Some(s) = session {
        request = request
            .header("cookie", &s.cookie)
            .header("x-csrf-token", &s.csrf);
    }
    request = match &row.payload {
        Payload::None => request,
        Payload::Json(v) => request.json(&fill(v, targets)),
        Payload::Form(fields) => {
            let filled: Vec<(&str, String)> = fields
                .iter()
                .map(|(k, v)| {
                    let v = v.replace("{building}", &targets.building);
                    (*k, v.replace("{engineer}", &targets.engineer))
                })
                .collect();
            request.form(&filled)
        }
        Payload::File(title, bytes) => {
            let boundary = "access-boundary-7d1f";
            let mut body = format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\n{title}\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"f.pdf\"\r\nContent-Type: application/pdf\r\n\r\n"
            )
            .into_bytes();
            body.extend_from_slice(bytes);
            body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
            request
                .header(
                    "content-type",
                    format!("multipart/form-data; boundary={boundary}"),
                )
                .body(body)
        }
    };
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    if std::env::var_os("WANQIAO_ACCESS_DEBUG").is_some() {
        let body = response.text().await.unwrap_or_default();
        eprintln!(
            "{} {path} -> {status}: {}",
            row.method,
            body.chars().take(300).collect::<String>()
        );
    }
    status
}

#[tokio::test]
async fn every_route_answers_every_role_as_it_should() {
    let mut failures = Vec::new();
    for engine in engines() {
        for (column, email) in ROLES.iter().enumerate() {
            let app = TestApp::start(engine, true).await;
            let t = targets(&app).await;
            let session = match email {
                Some(e) => Some(app.login(e).await),
                None => None,
            };
            for row in table() {
                let path = row
                    .path
                    .replace("{user}", &t.user)
                    .replace("{managed}", &t.managed)
                    .replace("{token2}", &t.token2)
                    .replace("{token}", &t.token)
                    .replace("{engineer}", &t.engineer)
                    .replace("{claim2}", &t.claim2)
                    .replace("{claim}", &t.claim)
                    .replace("{cpd}", &t.cpd)
                    .replace("{application}", &t.application)
                    .replace("{evidence2}", &t.evidence2)
                    .replace("{evidence}", &t.evidence)
                    .replace("{credential}", &t.credential);
                let got = call(&app, &row, &path, session.as_ref(), &t).await;
                let want = row.expect[column];
                if got != want {
                    failures.push(format!(
                        "[{engine}] {} {} as {}: got {got}, want {want}",
                        row.method,
                        row.path,
                        email.unwrap_or("anonymous")
                    ));
                }
            }
            app.stop().await;
        }
    }
    assert!(
        failures.is_empty(),
        "{} wrong answers:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
