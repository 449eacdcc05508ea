//! The portal's design system as a reader meets it: fingerprinted assets within the page
//! weight budget, navigation that fits the roles, forms that say what is wrong next to the
//! field, sortable lists with next steps when empty, and every language (Portuguese for the
//! public pages) with its dates and the right `lang`.

use crate::helpers::{Reply, Session, TestApp, apps};

/// The CSS and JS a page may ship, together.
const PAGE_WEIGHT_BUDGET: usize = 100 * 1024;

/// The pages anyone can read, each worth checking for weight, labels and landmarks.
const PUBLIC_PAGES: [&str; 11] = [
    "/",
    "/societies",
    "/societies/gdes",
    "/specialties",
    "/agreements",
    "/agreements/building-2020",
    "/what-if?qualification=cn-title/engineer&specialty=building&experience_years=8",
    "/register",
    "/verify",
    "/login",
    "/fellows",
];

/// The values of `attr` on every `<tag …>` of a page, in order.
fn attrs(page: &str, tag: &str, attr: &str) -> Vec<String> {
    let open = format!("<{tag} ");
    page.split(&open)
        .skip(1)
        .filter_map(|rest| {
            let tag_text = rest.split('>').next()?;
            let key = format!("{attr}=\"");
            let start = tag_text.find(&key)? + key.len();
            Some(tag_text[start..].split('"').next()?.to_string())
        })
        .collect()
}

/// Every form control of a page that no `<label for>` names, by its id (or its tag).
fn unlabelled(page: &str) -> Vec<String> {
    let labels = attrs(page, "label", "for");
    let mut missing = Vec::new();
    for tag in ["input", "select", "textarea"] {
        for rest in page.split(&format!("<{tag} ")).skip(1) {
            let t = rest.split('>').next().unwrap_or_default();
            if t.contains("type=\"hidden\"") || t.contains("type=\"submit\"") {
                continue;
            }
            let id = t
                .split("id=\"")
                .nth(1)
                .and_then(|r| r.split('"').next())
                .unwrap_or_default();
            if id.is_empty() || !labels.iter().any(|l| l == id) {
                missing.push(format!("<{tag} {}>", &t[..t.len().min(80)]));
            }
        }
    }
    missing
}

async fn get_as(app: &TestApp, path: &str, who: Option<&Session>, lang: &str) -> Reply {
    let mut headers = vec![("accept-language", lang)];
    if let Some(s) = who {
        headers.push(("cookie", s.cookie.as_str()));
    }
    app.get_with(path, &headers).await
}

#[tokio::test]
async fn the_stylesheet_is_fingerprinted_cached_and_within_the_page_budget() {
    for app in apps(true).await {
        let home = app.page("/", &[]).await;
        let sheets = attrs(&home, "link", "href");
        let href = sheets
            .iter()
            .find(|h| h.starts_with("/assets/style.") && h.ends_with(".css"))
            .unwrap_or_else(|| panic!("{app}: no fingerprinted stylesheet in {sheets:?}"));
        let hash = &href["/assets/style.".len()..href.len() - ".css".len()];
        assert!(
            hash.len() >= 8 && hash.bytes().all(|b| b.is_ascii_hexdigit()),
            "{app}: {href}"
        );
        let css = app.get(href).await;
        assert_eq!(css.status, 200, "{app}");
        assert!(css.header("content-type").starts_with("text/css"), "{app}");
        let cache = css.header("cache-control");
        assert!(cache.contains("max-age=31536000"), "{app}: {cache}");
        assert!(cache.contains("immutable"), "{app}: {cache}");
        let plain = app.get("/assets/style.css").await;
        assert_eq!(plain.status, 200, "{app}: the old address still answers");
        assert_eq!(plain.body, css.body, "{app}: the same stylesheet");
        assert!(
            !plain.header("cache-control").contains("immutable"),
            "{app}: the unversioned address is cached briefly"
        );
        let stale = app.get("/assets/style.0123456789abcdef.css").await;
        assert_eq!(stale.status, 404, "{app}: an unknown version");

        for path in PUBLIC_PAGES {
            let page = app.page(path, &[]).await;
            let mut weight = 0;
            let linked = attrs(&page, "link", "href")
                .into_iter()
                .chain(attrs(&page, "script", "src"));
            for asset in linked.filter(|h| h.starts_with("/assets/")) {
                let reply = app.get(&asset).await;
                assert_eq!(reply.status, 200, "{app} {path}: {asset}");
                weight += reply.body.len();
            }
            assert!(
                weight <= PAGE_WEIGHT_BUDGET,
                "{app} {path}: {weight} bytes of CSS and JS"
            );
            assert!(!page.contains("<script>"), "{app} {path}: inline script");
            assert!(!page.contains(" style=\""), "{app} {path}: inline style");
        }
        app.stop().await;
    }
}

#[tokio::test]
async fn every_page_has_landmarks_a_skip_link_labels_and_a_switcher_keeping_the_address() {
    for app in apps(true).await {
        for path in PUBLIC_PAGES {
            for lang in ["zh-Hans", "en", "pt"] {
                let page = app
                    .page(
                        &format!(
                            "{path}{}lang={lang}",
                            if path.contains('?') { '&' } else { '?' }
                        ),
                        &[],
                    )
                    .await;
                assert!(
                    page.contains(&format!("<html lang=\"{lang}\">")),
                    "{app} {path} {lang}"
                );
                assert!(page.contains("href=\"#main\""), "{app} {path}: skip link");
                assert!(page.contains("<main id=\"main\""), "{app} {path}");
                assert!(page.contains("<header"), "{app} {path}");
                assert!(page.contains("<footer"), "{app} {path}");
                assert_eq!(page.matches("<h1").count(), 1, "{app} {path}: one h1");
                let missing = unlabelled(&page);
                assert!(missing.is_empty(), "{app} {path}: unlabelled {missing:?}");
            }
        }
        let page = app
            .page("/agreements?specialty=building&lang=en", &[])
            .await;
        let switcher = page
            .split("class=\"langs\"")
            .nth(1)
            .and_then(|s| s.split("</nav>").next())
            .expect("a language switcher");
        for (tag, own) in [
            ("zh-Hans", "简体中文"),
            ("zh-Hant", "繁體中文"),
            ("en", "English"),
            ("pt", "Português"),
        ] {
            let link = switcher
                .split("<a ")
                .find(|a| a.contains(&format!("hreflang=\"{tag}\"")))
                .unwrap_or_else(|| panic!("{app}: no link to {tag}"));
            assert!(link.contains(own), "{app}: {tag} named in itself");
            assert!(
                link.contains("/agreements?specialty=building")
                    && link.contains(&format!("lang={tag}")),
                "{app}: the address is kept: {link}"
            );
        }
        assert!(
            switcher.contains("aria-current=\"true\">English"),
            "{app}: the current language is marked"
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn the_navigation_fits_the_readers_roles() {
    for app in apps(true).await {
        let public = get_as(&app, "/", None, "en").await.body;
        assert!(!public.contains("class=\"workspace"), "{app}: no workspace");
        assert!(
            public.contains("href=\"/login\""),
            "{app}: a way to sign in"
        );
        for (email, shown, hidden) in [
            (
                "engineer.gd@wanqiao.example",
                vec!["My recognition", "/applications"],
                vec!["Society work", "Administration", "/admin/users"],
            ),
            (
                "gdes.reviewer@wanqiao.example",
                vec!["Society work", "/queues/review"],
                vec!["Administration", "/queues/attestation"],
            ),
            (
                "gd.attestor@wanqiao.example",
                vec!["Society work", "/queues/attestation"],
                vec!["Administration", "/queues/review"],
            ),
            (
                "admin@wanqiao.example",
                vec!["Society work", "Administration", "/admin/audit"],
                vec![],
            ),
        ] {
            let session = app.login(email).await;
            let page = get_as(&app, "/", Some(&session), "en").await.body;
            let menu = page
                .split("<details class=\"workspace")
                .nth(1)
                .and_then(|s| s.split("</details>").next())
                .unwrap_or_else(|| panic!("{app} {email}: a workspace menu"));
            for s in shown {
                assert!(menu.contains(s), "{app} {email}: {s}");
            }
            for h in hidden {
                assert!(!menu.contains(h), "{app} {email}: not {h}");
            }
            assert!(menu.contains("action=\"/logout\""), "{app} {email}");
            let current = get_as(&app, "/applications", Some(&session), "en")
                .await
                .body;
            assert!(
                current.contains("<details class=\"workspace has-current\""),
                "{app} {email}: the menu says where the reader is"
            );
        }
        app.stop().await;
    }
}

#[tokio::test]
async fn portuguese_serves_the_public_pages_and_english_fills_in_for_the_rest() {
    for app in apps(true).await {
        let home = app
            .page("/", &[("accept-language", "pt-MO, pt;q=0.9")])
            .await;
        assert!(home.contains("<html lang=\"pt\">"), "{app}");
        for words in [
            "Reconhecimento mútuo de qualificações profissionais de engenheiros",
            ">Sociedades<",
            ">Especialidades<",
            ">Acordos<",
            ">Verificar certificado<",
        ] {
            assert!(home.contains(words), "{app}: {words}");
        }
        let society = app.page("/societies/gdes?lang=pt", &[]).await;
        assert!(
            society.contains("11/07/2020"),
            "{app}: dates as Macao writes them"
        );
        let verify = app.page("/verify?lang=pt", &[]).await;
        assert!(verify.contains("Cole um certificado"), "{app}");
        let en_verify = app.page("/verify?lang=en", &[]).await;
        assert!(
            en_verify.contains("Paste a recognition certificate"),
            "{app}"
        );
        // A signed-in page has no Portuguese of its own: English, message by message.
        let engineer = app.login("engineer.gd@wanqiao.example").await;
        let inbox = get_as(&app, "/inbox?lang=pt", Some(&engineer), "pt").await;
        assert_eq!(inbox.status, 200, "{app}");
        assert!(inbox.body.contains("<html lang=\"pt\">"), "{app}");
        assert!(
            inbox.body.contains("Saltar para o conteúdo"),
            "{app}: the frame stays Portuguese"
        );
        assert!(
            inbox.body.contains("Inbox") || inbox.body.contains("Caixa de entrada"),
            "{app}"
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn refused_forms_say_what_is_wrong_next_to_the_field() {
    for app in apps(true).await {
        let what_if = app
            .get("/what-if?qualification=cn-title/wizard&specialty=building&experience_years=99&lang=en")
            .await;
        assert_eq!(what_if.status, 200, "{app}");
        let page = what_if.body;
        assert!(page.contains("id=\"form-errors\""), "{app}: a summary");
        assert!(
            page.contains("href=\"#qualification\""),
            "{app}: it links the field"
        );
        assert!(
            page.contains("id=\"qualification-error\""),
            "{app}: the message beside the field"
        );
        let select = page
            .split("<select id=\"qualification\"")
            .nth(1)
            .and_then(|s| s.split('>').next())
            .expect("the qualification list");
        assert!(select.contains("aria-invalid=\"true\""), "{app}");
        assert!(
            select.contains("qualification-error"),
            "{app}: described by it"
        );
        assert!(
            !page.contains("unknown level"),
            "{app}: never the service's English"
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn lists_sort_by_their_columns_and_empty_ones_say_what_to_do() {
    for app in apps(true).await {
        let admin = app.login("admin@wanqiao.example").await;
        let by_email = get_as(&app, "/admin/users", Some(&admin), "en").await.body;
        let down = get_as(&app, "/admin/users?sort=email&dir=desc", Some(&admin), "en")
            .await
            .body;
        assert!(down.contains("aria-sort=\"descending\""), "{app}");
        let emails = |page: &str| -> Vec<String> {
            page.split("<td>")
                .filter_map(|c| c.split("</td>").next())
                .filter(|c| c.contains("@wanqiao.example"))
                .map(str::to_string)
                .collect()
        };
        let mut reversed = emails(&by_email);
        reversed.reverse();
        assert!(!reversed.is_empty(), "{app}");
        assert_eq!(
            emails(&down),
            reversed,
            "{app}: the same accounts, reversed"
        );
        let header = by_email
            .split("<th scope=\"col\"")
            .find(|h| h.contains("sort=name"))
            .expect("a sortable name column");
        assert!(header.contains("dir=asc"), "{app}: names read from A");

        let states = get_as(&app, "/applications?sort=state", Some(&admin), "en")
            .await
            .body;
        assert!(states.contains("aria-sort=\"ascending\""), "{app}");
        let queue = get_as(
            &app,
            "/queues/review?sort=engineer&dir=desc",
            Some(&admin),
            "en",
        )
        .await;
        assert_eq!(queue.status, 200, "{app}");
        assert!(queue.body.contains("aria-sort=\"descending\""), "{app}");

        let none = app
            .page("/agreements?specialty=nothing-here&lang=en", &[])
            .await;
        let empty = none
            .split("class=\"empty\"")
            .nth(1)
            .expect("an empty state");
        assert!(empty.contains("href=\"/agreements\""), "{app}: a next step");
        app.stop().await;
    }
}
