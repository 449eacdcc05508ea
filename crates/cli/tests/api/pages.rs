//! The HTML pages: languages, content and safety headers.

use crate::helpers::apps;

#[tokio::test]
async fn home_renders_in_each_language() {
    for app in apps(true).await {
        let zh_hans = app.page("/", &[]).await;
        assert!(
            zh_hans.contains("<html lang=\"zh-Hans\">"),
            "{app}: default"
        );
        assert!(zh_hans.contains("资格互认机制概览"), "{app}");
        assert!(zh_hans.contains("广东"), "{app}");

        let zh_hant = app.page("/?lang=zh-Hant", &[]).await;
        assert!(zh_hant.contains("<html lang=\"zh-Hant\">"), "{app}");
        assert!(zh_hant.contains("資格互認機制概覽"), "{app}");

        let en = app
            .page("/", &[("accept-language", "en-GB,en;q=0.9")])
            .await;
        assert!(en.contains("<html lang=\"en\">"), "{app}");
        assert!(
            en.contains("The mutual-recognition mechanism at a glance"),
            "{app}"
        );

        let hk_browser = app.page("/", &[("accept-language", "zh-HK")]).await;
        assert!(hk_browser.contains("<html lang=\"zh-Hant\">"), "{app}");

        for page in [&zh_hans, &zh_hant, &en] {
            assert!(
                page.contains("/agreements/"),
                "{app}: the matrix links agreements"
            );
            assert!(page.contains("/societies/gdes"), "{app}");
        }
        assert!(
            zh_hans.contains("示例 / Sample"),
            "{app}: samples are labelled"
        );
        assert!(en.contains(">Sample<"), "{app}: samples are labelled");
        app.stop().await;
    }
}

#[tokio::test]
async fn a_chosen_language_is_remembered_in_a_cookie() {
    for app in apps(true).await {
        let reply = app.get("/societies?lang=en").await;
        assert_eq!(reply.status, 200, "{app}");
        let cookie = reply.header("set-cookie");
        assert!(cookie.starts_with("lang=en;"), "{app}: {cookie}");
        assert!(cookie.contains("SameSite=Lax"), "{app}");
        let later = app
            .page(
                "/societies",
                &[("cookie", "lang=en"), ("accept-language", "zh-CN")],
            )
            .await;
        assert!(
            later.contains("<html lang=\"en\">"),
            "{app}: the cookie wins over the browser"
        );
        let unknown = app.get("/?lang=xx").await;
        assert!(
            unknown.header("set-cookie").is_empty(),
            "{app}: nothing to remember"
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn register_pages_show_societies_agreements_and_rules() {
    for app in apps(true).await {
        let societies = app.page("/societies?lang=en", &[]).await;
        assert!(
            societies.contains("Guangdong Society of Engineers"),
            "{app}"
        );
        let hk = app.page("/societies?jurisdiction=HK&lang=en", &[]).await;
        assert!(!hk.contains("href=\"/societies/gdes\""), "{app}: filtered");
        assert!(hk.contains("Hong Kong"), "{app}");

        let society = app.page("/societies/gdes?lang=zh-Hans", &[]).await;
        assert!(society.contains("广东省工程师学会"), "{app}");
        assert!(
            society.contains("2020年7月11日"),
            "{app}: founding date per locale"
        );
        assert!(
            society.contains("广东省科学技术协会"),
            "{app}: under the provincial association"
        );

        let list = app.page("/agreements?lang=en", &[]).await;
        assert!(list.contains("Letter of intent"), "{app}");
        let detail = app.page("/agreements/building-2020?lang=en", &[]).await;
        assert!(
            detail.contains("are recognised by"),
            "{app}: rules read as sentences"
        );
        assert!(
            detail.contains("years of experience in this specialty"),
            "{app}"
        );
        let detail_zh = app.page("/agreements/building-2020", &[]).await;
        assert!(detail_zh.contains("或以上资格者，可获"), "{app}");

        let specialties = app.page("/specialties?lang=zh-Hant", &[]).await;
        assert!(specialties.contains("計量及控制"), "{app}");
        assert!(
            specialties.contains("正高級工程師"),
            "{app}: the title ladder"
        );
        let fellows = app.page("/fellows?lang=en", &[]).await;
        assert!(fellows.contains("Honorary fellows"), "{app}");
        let activities = app.page("/activities?lang=en", &[]).await;
        assert!(activities.contains("11 July 2020"), "{app}");
        app.stop().await;
    }
}

#[tokio::test]
async fn unknown_pages_are_localized_404s() {
    for app in apps(true).await {
        let reply = app.get("/societies/nobody?lang=en").await;
        assert_eq!(reply.status, 404, "{app}");
        assert!(reply.body.contains("Page not found"), "{app}");
        let reply = app.get("/no/such/page").await;
        assert_eq!(reply.status, 404, "{app}");
        assert!(reply.body.contains("找不到页面"), "{app}");
        assert!(
            reply.header("content-type").starts_with("text/html"),
            "{app}"
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    for app in apps(true).await {
        for path in [
            "/",
            "/api/v1/societies",
            "/no/such/page",
            "/assets/style.css",
        ] {
            let reply = app.get(path).await;
            let csp = reply.header("content-security-policy");
            assert!(csp.contains("frame-ancestors 'none'"), "{app} {path}");
            assert!(!csp.contains("unsafe-inline"), "{app} {path}");
            assert_eq!(
                reply.header("x-content-type-options"),
                "nosniff",
                "{app} {path}"
            );
            assert!(!reply.header("referrer-policy").is_empty(), "{app} {path}");
        }
        let page = app.page("/", &[]).await;
        assert!(!page.contains("<script>"), "{app}: no inline script");
        assert!(!page.contains("style=\""), "{app}: no inline style");
        app.stop().await;
    }
}
