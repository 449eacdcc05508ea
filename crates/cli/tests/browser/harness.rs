//! The harness of the browser tests: the real platform on a random port with the demo data,
//! a real headless Chromium driven over WebDriver (Debian's `chromium` and `chromium-driver`),
//! and axe-core checking every page a journey visits.
//!
//! # Writing a journey
//!
//! ```ignore
//! #[tokio::test]
//! async fn attestor_attests_en() {
//!     journey("attestor", Locale::En, Viewport::Desktop, |b, app| async move {
//!         b.goto("/").await;
//!         b.switch_language(Locale::En).await;          // through the page's switcher
//!         b.login("gd.attestor@wanqiao.example").await;
//!         b.click_link(&b.t("queue-attestation")).await; // text from the Fluent files
//!         b.assert_text(&b.t("queue-attestation-lead")).await;
//!         // Steps by other people go through the API: `app` is the API tests' `TestApp`.
//!         let reviewer = app.login("hk.reviewer@wanqiao.example").await;
//!         api_ok(&app, "POST", "/api/v1/…", &reviewer, Some(json!({…}))).await;
//!     })
//!     .await;
//! }
//! ```
//!
//! - [`journey`] runs one journey in one language: it starts the platform (SQLite; the English
//!   runs on PostgreSQL when `WANQIAO_TEST_POSTGRES_URL` is set, so both engines are covered
//!   without doubling the time), chromedriver on a free port and a fresh Chromium profile. At
//!   most two journeys run at once, whatever `--test-threads` says. When the journey panics,
//!   a screenshot, the page's HTML and its URL are kept in
//!   `target/browser-artefacts/<journey>-<lang>/` and the path is printed.
//! - [`Browser`] is what a journey drives, as a person would: `goto`, `fill` (by the label's
//!   text, a `name` or an `id`; a `<select>` by option text or value), `check`/`uncheck`,
//!   `upload`, `click_button`, `click_link` (each also as `…_in` a CSS scope, and each first
//!   unfolding a closed `<details>` or a menu that hides its target), `login`, `logout`,
//!   `switch_language`, `t`/`t1` (Fluent text in the current language), `text`,
//!   `assert_text`, `assert_no_text`, `find`, `exists`, `attr`, `eval`, `axe_check`,
//!   `screenshot`, `emulate_media` and `cdp` (DevTools commands), `print_pdf`, and
//!   `client()` for anything else fantoccini can do. `api_ok` is a signed-in API call.
//! - Every page reached by `goto` or a click is checked with axe-core once per path and
//!   journey; a `serious` or `critical` violation fails the journey, naming the rule, its help
//!   and the offending elements. A server error page (5xx) fails it too.
//! - Without chromedriver, Chromium or axe-core the tests say once that they were skipped and
//!   how to enable them; with `WANQIAO_BROWSER_TESTS=required` (as `.ci/run` sets) they fail.
//! - `WANQIAO_BROWSER_VERBOSE=1` prints every page checked and all its axe-core findings,
//!   minor and moderate ones included.

use crate::helpers::{DEMO_PASSWORD, Engine, Session, TestApp, TestDb, engines};
use fantoccini::elements::{Element, ElementRef};
use fantoccini::wd::{PrintConfiguration, TimeoutConfiguration};
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};
use std::collections::BTreeSet;
use std::future::Future;
use std::io::Write;
use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Condvar, Mutex, Once};
use std::time::{Duration, Instant};
use wanqiao::server::Running;
use wanqiao_credentials::keys::MasterKey;
use wanqiao_domain::Locale;
use wanqiao_web::I18n;

/// The browser window a journey runs in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Viewport {
    /// A 1280 × 900 viewport, a laptop.
    Desktop,
    /// 390 × 844 with touch and the page's `viewport` meta honoured, a phone.
    Phone,
}

impl Viewport {
    fn size(self) -> (u32, u32) {
        match self {
            Viewport::Desktop => (1280, 900),
            Viewport::Phone => (390, 844),
        }
    }
}

/// The folder of the artefacts: `target/browser-artefacts` (or under `CARGO_TARGET_DIR`).
pub fn artefacts_root() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target"));
    target.join("browser-artefacts")
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// What the tests need from the machine.
struct Tools {
    chromedriver: PathBuf,
    chromium: PathBuf,
    axe: Arc<String>,
}

fn on_path(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join(name))
            .find(|p| p.is_file())
    })
}

impl Tools {
    /// The tools, or `None` after saying once why the browser tests are skipped; a panic
    /// instead when `WANQIAO_BROWSER_TESTS=required`.
    fn find() -> Option<Tools> {
        let axe_file = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/browser/node_modules/axe-core/axe.min.js");
        let chromedriver = on_path("chromedriver");
        let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
            .iter()
            .map(PathBuf::from)
            .find(|p| p.is_file())
            .or_else(|| on_path("chromium"));
        let axe = std::fs::read_to_string(&axe_file).ok();
        let mut missing = Vec::new();
        if chromedriver.is_none() {
            missing.push("chromedriver".to_string());
        }
        if chromium.is_none() {
            missing.push("chromium".to_string());
        }
        if axe.is_none() {
            missing.push(axe_file.display().to_string());
        }
        if missing.is_empty() {
            return Some(Tools {
                chromedriver: chromedriver?,
                chromium: chromium?,
                axe: Arc::new(axe?),
            });
        }
        let how = "To run them: apt-get install chromium chromium-driver, and npm ci in crates/cli/tests/browser (axe-core).";
        let missing = missing.join(", ");
        if std::env::var("WANQIAO_BROWSER_TESTS").as_deref() == Ok("required") {
            panic!(
                "the browser tests are required (WANQIAO_BROWSER_TESTS=required) but {missing} not found. {how}"
            );
        }
        let message = format!(
            "browser tests skipped: {missing} not found. {how} WANQIAO_BROWSER_TESTS=required makes this a failure."
        );
        static NOTICE: Once = Once::new();
        // Straight to stderr: the test harness captures `eprintln!` of passing tests.
        NOTICE.call_once(|| {
            let _ = writeln!(std::io::stderr(), "{message}");
        });
        None
    }
}

/// At most two browsers at once: the machine has two cores, and each journey is a server,
/// a chromedriver and a Chromium.
struct Slots {
    used: Mutex<usize>,
    freed: Condvar,
}

static SLOTS: Slots = Slots {
    used: Mutex::new(0),
    freed: Condvar::new(),
};
const MAX_BROWSERS: usize = 2;

struct Slot;

impl Slot {
    fn take() -> Slot {
        let mut used = SLOTS.used.lock().unwrap_or_else(|e| e.into_inner());
        while *used >= MAX_BROWSERS {
            used = SLOTS.freed.wait(used).unwrap_or_else(|e| e.into_inner());
        }
        *used += 1;
        Slot
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        *SLOTS.used.lock().unwrap_or_else(|e| e.into_inner()) -= 1;
        SLOTS.freed.notify_one();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port on 127.0.0.1")
}

/// The engine a run uses: English on PostgreSQL when it is asked for, the rest on SQLite.
fn engine_for(lang: Locale) -> Engine {
    if lang == Locale::En && engines().contains(&Engine::Postgres) {
        Engine::Postgres
    } else {
        Engine::Sqlite
    }
}

/// Starts the platform with the demo data on a port known in advance, so that the public
/// URL certificates carry (their QR codes, their `did:web` issuers) is this very server.
async fn start_platform(engine: Engine) -> TestApp {
    let mut last_error = String::new();
    for _ in 0..3 {
        let db = TestDb::new(engine).await;
        let port = free_port();
        let public_url = format!("http://127.0.0.1:{port}");
        let master = MasterKey::from_bytes(wanqiao_web::issuing::random_bytes::<32>());
        let issuing = wanqiao_web::Issuing::new(master, &public_url).expect("a valid public URL");
        let listen: SocketAddr = ([127, 0, 0, 1], port).into();
        match Running::start_with_issuing(
            &db.url,
            listen,
            true,
            wanqiao_web::AuthConfig::default(),
            Arc::new(wanqiao_web::SystemClock),
            issuing,
        )
        .await
        {
            Ok(server) => return TestApp::wrap(engine, server, db),
            // Most likely someone took the port in between: again, on a fresh database.
            Err(e) => {
                last_error = e.to_string();
                db.drop_db().await;
            }
        }
    }
    panic!("[{engine}] the platform did not start: {last_error}");
}

/// A chromedriver process of our own, killed when dropped, with a fresh Chromium profile.
struct Driver {
    child: Child,
    url: String,
    profile: PathBuf,
}

impl Driver {
    async fn start(tools: &Tools) -> Driver {
        let http = reqwest::Client::new();
        for _ in 0..5 {
            let port = free_port();
            let mut child = Command::new(&tools.chromedriver)
                .arg(format!("--port={port}"))
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap_or_else(|e| panic!("{} does not start: {e}", tools.chromedriver.display()));
            let url = format!("http://127.0.0.1:{port}");
            let deadline = Instant::now() + Duration::from_secs(20);
            while Instant::now() < deadline {
                if let Ok(Some(_)) = child.try_wait() {
                    break; // the port was taken: try another one
                }
                let ready = http.get(format!("{url}/status")).send().await;
                if let Ok(reply) = ready
                    && let Ok(body) = reply.json::<Value>().await
                    && body["value"]["ready"] == true
                {
                    let profile = std::env::temp_dir()
                        .join(format!("wanqiao-chromium-{}-{port}", std::process::id()));
                    let _ = std::fs::remove_dir_all(&profile);
                    return Driver {
                        child,
                        url,
                        profile,
                    };
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            let _ = child.kill();
            let _ = child.wait();
        }
        panic!(
            "{} did not become ready on any port",
            tools.chromedriver.display()
        );
    }

    /// A WebDriver session on a headless Chromium that never reaches out to the network.
    async fn session(&self, tools: &Tools, viewport: Viewport) -> Client {
        let (width, height) = viewport.size();
        let mut args = vec![
            "--headless".to_string(),
            "--no-sandbox".to_string(),
            "--disable-gpu".to_string(),
            "--disable-quic".to_string(),
            "--no-first-run".to_string(),
            "--disable-background-networking".to_string(),
            "--disable-component-update".to_string(),
            "--disable-sync".to_string(),
            "--disable-dev-shm-usage".to_string(),
            format!("--user-data-dir={}", self.profile.display()),
            format!("--window-size={width},{height}"),
        ];
        // Chromium's own language: the journeys choose the page language themselves.
        args.push("--lang=en-US".to_string());
        let mut options = json!({ "binary": tools.chromium, "args": args });
        if viewport == Viewport::Phone {
            options["mobileEmulation"] = json!({
                "deviceMetrics": { "width": width, "height": height, "pixelRatio": 2.0, "touch": true }
            });
        }
        let mut capabilities = serde_json::Map::new();
        capabilities.insert("browserName".into(), json!("chrome"));
        capabilities.insert("goog:chromeOptions".into(), options);
        let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(capabilities)
            .connect(&self.url)
            .await
            .unwrap_or_else(|e| panic!("no Chromium session from chromedriver: {e}"));
        client
            .update_timeouts(TimeoutConfiguration::new(
                Some(Duration::from_secs(60)),
                Some(Duration::from_secs(60)),
                Some(Duration::ZERO),
            ))
            .await
            .expect("set WebDriver timeouts");
        client
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

/// Runs `body` as the journey `name` in `lang`, in a fresh platform and browser; see the
/// module's documentation. Returns without running anything when the browser tests are
/// skipped.
pub async fn journey<F, Fut>(name: &str, lang: Locale, viewport: Viewport, body: F)
where
    F: FnOnce(Browser, Arc<TestApp>) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let Some(tools) = Tools::find() else {
        return;
    };
    let _slot = Slot::take();
    let label = match viewport {
        Viewport::Desktop => format!("{name}-{}", lang.tag()),
        Viewport::Phone => format!("{name}-{}-phone", lang.tag()),
    };
    let artefacts = artefacts_root().join(&label);
    let _ = std::fs::remove_dir_all(&artefacts);

    let started = Instant::now();
    let app = Arc::new(start_platform(engine_for(lang)).await);
    let driver = Driver::start(&tools).await;
    let client = driver.session(&tools, viewport).await;
    let ready = started.elapsed();
    let browser = Browser {
        client: client.clone(),
        base: app.url(""),
        driver: driver.url.clone(),
        axe: tools.axe.clone(),
        i18n: Arc::new(I18n::new()),
        label: Arc::new(label.clone()),
        shared: Arc::new(Mutex::new(Shared {
            lang,
            checked: BTreeSet::new(),
            navigation: 0,
        })),
    };
    if viewport == Viewport::Desktop {
        let (width, height) = viewport.size();
        browser.set_viewport(width, height).await;
    }
    let outcome = tokio::spawn(body(browser.clone(), app.clone())).await;

    if let Err(failure) = &outcome {
        keep_artefacts(&browser, &artefacts).await;
        if !failure.is_panic() {
            let _ = writeln!(std::io::stderr(), "journey {label} was cancelled");
        }
    }
    drop(browser);
    let _ = client.close().await;
    drop(driver);
    match Arc::try_unwrap(app) {
        Ok(app) => app.stop().await,
        Err(_) => {
            let _ = writeln!(std::io::stderr(), "journey {label} kept the platform alive");
        }
    }
    match outcome {
        Ok(()) => {
            let _ = writeln!(
                std::io::stderr(),
                "journey {label} passed in {:.1} s ({:.1} s to start the platform and the browser)",
                started.elapsed().as_secs_f64(),
                ready.as_secs_f64()
            );
        }
        Err(failure) if failure.is_panic() => std::panic::resume_unwind(failure.into_panic()),
        Err(failure) => panic!("journey {label}: {failure}"),
    }
}

/// The screenshot, HTML and URL of the page the journey failed on.
async fn keep_artefacts(b: &Browser, dir: &Path) {
    if std::fs::create_dir_all(dir).is_err() {
        return;
    }
    if let Ok(png) = b.client.screenshot().await {
        let _ = std::fs::write(dir.join("failure.png"), png);
    }
    if let Ok(html) = b.client.source().await {
        let _ = std::fs::write(dir.join("page.html"), html);
    }
    if let Ok(url) = b.client.current_url().await {
        let _ = std::fs::write(dir.join("url.txt"), format!("{url}\n"));
    }
    let _ = writeln!(
        std::io::stderr(),
        "browser artefacts (screenshot, page HTML, URL) kept in {}",
        dir.display()
    );
}

struct Shared {
    /// The page language the journey has chosen, for [`Browser::t`].
    lang: Locale,
    /// Paths already checked with axe-core.
    checked: BTreeSet<String>,
    /// Counts navigations, to tell a new document from the old one.
    navigation: u64,
}

/// A browser tab on the platform under test. Cheap to clone; every clone drives the same tab.
#[derive(Clone)]
pub struct Browser {
    client: Client,
    base: String,
    driver: String,
    axe: Arc<String>,
    i18n: Arc<I18n>,
    label: Arc<String>,
    shared: Arc<Mutex<Shared>>,
}

/// The JSON key under which WebDriver hands over an element.
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

/// Finds a form control by its label's text (exact, then contained), its `name` or its `id`,
/// inside the first element matching the scope selector; visible controls first.
const FIND_CONTROL: &str = r##"
const [scopeCss, key] = arguments;
const scope = document.querySelector(scopeCss);
if (!scope) return { error: 'nothing matches ' + scopeCss };
const norm = s => (s || '').replace(/\s+/g, ' ').trim();
const visible = el => el.checkVisibility({ visibilityProperty: true }) && el.getClientRects().length > 0;
// What a person would press first to bring a hidden element into view: the summary of a
// closed <details> around it, or a visible link to an element around it (a menu button).
const revealer = el => {
  for (let a = el.parentElement; a; a = a.parentElement) {
    if (a.tagName === 'DETAILS' && !a.open) return a.querySelector(':scope > summary');
  }
  if (visible(el)) return null;
  for (let a = el.parentElement; a; a = a.parentElement) {
    if (a.id) { const t = document.querySelector('a[href="#' + a.id + '"]'); if (t && visible(t)) return t; }
  }
  return null;
};
const want = norm(key);
const labels = [...scope.querySelectorAll('label')];
let found = labels.filter(l => norm(l.textContent) === want && l.control).map(l => l.control);
if (!found.length) found = labels.filter(l => norm(l.textContent).includes(want) && l.control).map(l => l.control);
if (!found.length) found = [...scope.querySelectorAll('[name]')].filter(e => e.getAttribute('name') === key);
if (!found.length) { const e = document.getElementById(key); if (e && scope.contains(e)) found = [e]; }
found = found.filter(e => e.type !== 'hidden');
const shown = found.filter(visible);
const el = shown[0] || found[0];
if (!el) return { error: 'no form control labelled or named "' + key + '"; labels here: ' + labels.map(l => '"' + norm(l.textContent) + '"').join(', ') };
return { el, reveal: revealer(el), tag: el.tagName.toLowerCase(), type: (el.type || '').toLowerCase() };
"##;

/// Finds a button (or a link) by its visible text, exact first, then contained, and what to
/// press first when it is folded away.
const FIND_CLICKABLE: &str = r##"
const [scopeCss, selector, text] = arguments;
const scope = document.querySelector(scopeCss);
if (!scope) return { error: 'nothing matches ' + scopeCss };
const norm = s => (s || '').replace(/\s+/g, ' ').trim();
const visible = el => el.checkVisibility({ visibilityProperty: true }) && el.getClientRects().length > 0;
// What a person would press first to bring a hidden element into view: the summary of a
// closed <details> around it, or a visible link to an element around it (a menu button).
const revealer = el => {
  for (let a = el.parentElement; a; a = a.parentElement) {
    if (a.tagName === 'DETAILS' && !a.open) return a.querySelector(':scope > summary');
  }
  if (visible(el)) return null;
  for (let a = el.parentElement; a; a = a.parentElement) {
    if (a.id) { const t = document.querySelector('a[href="#' + a.id + '"]'); if (t && visible(t)) return t; }
  }
  return null;
};
const want = norm(text);
const all = [...scope.querySelectorAll(selector)];
const label = el => norm(el.tagName === 'INPUT' ? el.value : el.innerText || el.textContent);
let found = all.filter(e => label(e) === want);
if (!found.length) found = all.filter(e => label(e).includes(want));
const shown = found.filter(visible);
const el = shown[0] || found[0];
if (!el) return { error: 'nothing to click reading "' + text + '"; there are: ' + all.filter(visible).map(e => '"' + label(e) + '"').slice(0, 40).join(', ') };
el.scrollIntoView({ block: 'center' });
return { el, reveal: revealer(el) };
"##;

const RUN_AXE: &str = r#"
const done = arguments[arguments.length - 1];
axe.run(document, { resultTypes: ['violations'] })
  .then(r => done({ violations: r.violations.map(v => ({
      id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
      nodes: v.nodes.map(n => ({ target: n.target, summary: n.failureSummary || '' })) })) }))
  .catch(e => done({ error: String(e) }));
"#;

impl Browser {
    // ---- language -------------------------------------------------------------------

    /// The page language the journey uses now.
    pub fn lang(&self) -> Locale {
        self.shared.lock().unwrap().lang
    }

    /// The Fluent message `key` in the current language, as the pages show it. Panics on a
    /// key no locale file has, so a typo cannot make an assertion vacuous.
    pub fn t(&self, key: &str) -> String {
        let text = self.i18n.tr(self.lang()).t(key);
        assert_ne!(text, key, "no Fluent message `{key}`");
        text
    }

    /// The Fluent message `key` with one argument.
    pub fn t1(&self, key: &str, name: &str, value: &str) -> String {
        let text = self.i18n.tr(self.lang()).t1(key, name, value);
        assert_ne!(text, key, "no Fluent message `{key}`");
        text
    }

    /// Chooses `lang` with the language switcher of the current page, and checks that the
    /// page now says it is in that language (`<html lang>`).
    pub async fn switch_language(&self, lang: Locale) {
        let tag = lang.tag();
        let current = self.html_lang().await;
        if current != tag {
            let link = self
                .client
                .find(Locator::Css(&format!("nav.langs a[hreflang='{tag}']")))
                .await
                .unwrap_or_else(|e| panic!("no language switcher link to {tag} here: {e}"));
            self.navigate_by(
                || async { link.click().await.map(|_| ()) },
                &format!("the {tag} language link"),
            )
            .await;
        }
        assert_eq!(self.html_lang().await, tag, "the page is not in {tag}");
        self.shared.lock().unwrap().lang = lang;
    }

    async fn html_lang(&self) -> String {
        self.client
            .execute("return document.documentElement.lang;", vec![])
            .await
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    }

    // ---- navigation -----------------------------------------------------------------

    /// The absolute URL of a path on the platform.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Opens `path_or_url` (a path on the platform, or an absolute URL).
    pub async fn goto(&self, path_or_url: &str) {
        let url = if path_or_url.starts_with("http") {
            path_or_url.to_string()
        } else {
            self.url(path_or_url)
        };
        self.client
            .goto(&url)
            .await
            .unwrap_or_else(|e| panic!("cannot open {url}: {e}"));
        self.arrived().await;
    }

    /// The current URL.
    pub async fn current_url(&self) -> String {
        self.client
            .current_url()
            .await
            .map(|u| u.to_string())
            .unwrap_or_default()
    }

    /// The path of the current URL, without the query.
    pub async fn path(&self) -> String {
        self.client
            .current_url()
            .await
            .map(|u| u.path().to_string())
            .unwrap_or_default()
    }

    /// Does `action`, then waits until a new page has loaded (a form submission, a link).
    async fn navigate_by<A, AF>(&self, action: A, what: &str)
    where
        A: FnOnce() -> AF,
        AF: Future<Output = Result<(), fantoccini::error::CmdError>>,
    {
        let mark = {
            let mut shared = self.shared.lock().unwrap();
            shared.navigation += 1;
            shared.navigation
        };
        self.client
            .execute("window.__wanqiaoPage = arguments[0];", vec![json!(mark)])
            .await
            .expect("mark the page");
        action()
            .await
            .unwrap_or_else(|e| panic!("cannot click {what}: {e}"));
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let state = self
                .client
                .execute(
                    "return [window.__wanqiaoPage === arguments[0], document.readyState];",
                    vec![json!(mark)],
                )
                .await;
            if let Ok(Value::Array(v)) = &state
                && v[0] == false
                && v[1] == "complete"
            {
                break;
            }
            assert!(
                Instant::now() < deadline,
                "no new page loaded after clicking {what} (a required field left empty?)"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        self.arrived().await;
    }

    /// After a page loads: fail on a server error page, and check a new path with axe-core.
    async fn arrived(&self) {
        let status = self
            .client
            .execute(
                "const s = document.querySelector('section.error .status'); return s ? s.textContent.trim() : '';",
                vec![],
            )
            .await
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        if status.starts_with('5') {
            panic!(
                "the server answered {status} on {}",
                self.current_url().await
            );
        }
        let path = self.path().await;
        let new = self.shared.lock().unwrap().checked.insert(path);
        if new {
            self.axe_check().await;
        }
    }

    /// Clicks the button (or submit input) whose text is `text`, and waits for the page it
    /// leads to. The first visible exact match wins, else the first that contains `text`.
    pub async fn click_button(&self, text: &str) {
        self.click_button_in("body", text).await;
    }

    /// The same, inside the first element matching `scope` (a CSS selector), e.g.
    /// `form:has(input[value=provide_info])`.
    pub async fn click_button_in(&self, scope: &str, text: &str) {
        let el = self
            .clickable(
                scope,
                "button, input[type=submit], input[type=button]",
                text,
            )
            .await;
        self.navigate_by(
            || async { el.click().await.map(|_| ()) },
            &format!("the button “{text}”"),
        )
        .await;
    }

    /// Follows the link whose text is `text`.
    pub async fn click_link(&self, text: &str) {
        self.click_link_in("body", text).await;
    }

    /// The same, inside the first element matching `scope`.
    pub async fn click_link_in(&self, scope: &str, text: &str) {
        let el = self.clickable(scope, "a[href]", text).await;
        self.navigate_by(
            || async { el.click().await.map(|_| ()) },
            &format!("the link “{text}”"),
        )
        .await;
    }

    async fn clickable(&self, scope: &str, selector: &str, text: &str) -> Element {
        let found = self
            .client
            .execute(
                FIND_CLICKABLE,
                vec![json!(scope), json!(selector), json!(text)],
            )
            .await
            .unwrap_or_else(|e| panic!("looking for “{text}”: {e}"));
        let what = format!("“{text}” on {}", self.current_url().await);
        let el = self.element(&found, &what);
        self.reveal(&found, &what).await;
        el
    }

    /// Unfolds what hides a found element (a closed `<details>`, a menu behind a link), as a
    /// person would, by clicking it.
    async fn reveal(&self, found: &Value, what: &str) {
        if found["reveal"].is_object() {
            let toggle = self.element(&json!({ "el": found["reveal"] }), what);
            toggle
                .click()
                .await
                .unwrap_or_else(|e| panic!("unfolding the menu around {what}: {e}"));
        }
    }

    fn element(&self, found: &Value, what: &str) -> Element {
        if let Some(error) = found["error"].as_str() {
            panic!("{what}: {error}");
        }
        let id = found["el"][ELEMENT_KEY]
            .as_str()
            .unwrap_or_else(|| panic!("{what}: not an element: {found}"));
        Element::from_element_id(self.client.clone(), ElementRef::from(id.to_string()))
    }

    // ---- forms ----------------------------------------------------------------------

    async fn control(&self, scope: &str, label_or_name: &str) -> (Element, String, String) {
        let found = self
            .client
            .execute(FIND_CONTROL, vec![json!(scope), json!(label_or_name)])
            .await
            .unwrap_or_else(|e| panic!("looking for the field “{label_or_name}”: {e}"));
        let what = format!("field “{label_or_name}” on {}", self.current_url().await);
        let el = self.element(&found, &what);
        self.reveal(&found, &what).await;
        let tag = found["tag"].as_str().unwrap_or_default().to_string();
        let kind = found["type"].as_str().unwrap_or_default().to_string();
        (el, tag, kind)
    }

    /// Types `value` into the field labelled `label_or_name` (its label's text, its `name`
    /// or its `id`), replacing what was there; for a `<select>`, chooses the option whose
    /// text (or else value) is `value`.
    pub async fn fill(&self, label_or_name: &str, value: &str) {
        self.fill_in("body", label_or_name, value).await;
    }

    /// The same, inside the first element matching `scope` (a CSS selector).
    pub async fn fill_in(&self, scope: &str, label_or_name: &str, value: &str) {
        let (el, tag, kind) = self.control(scope, label_or_name).await;
        let fail = |e: fantoccini::error::CmdError| panic!("filling “{label_or_name}”: {e}");
        match (tag.as_str(), kind.as_str()) {
            ("select", _) => {
                if el.select_by_label(value).await.is_err() {
                    el.select_by_value(value)
                        .await
                        .unwrap_or_else(|_| panic!("“{label_or_name}” has no option “{value}”"));
                }
            }
            (_, "checkbox" | "radio") => {
                panic!("“{label_or_name}” is a {kind}: use check or uncheck")
            }
            (_, "file") => panic!("“{label_or_name}” is a file field: use upload"),
            (_, "date" | "time" | "month" | "datetime-local") => {
                // Typing into these depends on the browser's locale; set the value as the
                // form would send it.
                self.client
                    .execute(
                        "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
                        vec![serde_json::to_value(&el).unwrap(), json!(value)],
                    )
                    .await
                    .map(|_| ())
                    .unwrap_or_else(fail);
            }
            _ => {
                el.clear().await.unwrap_or_else(fail);
                el.send_keys(value).await.unwrap_or_else(fail);
            }
        }
    }

    /// Ticks the checkbox or chooses the radio button labelled `label_or_name`.
    pub async fn check(&self, label_or_name: &str) {
        self.set_checked("body", label_or_name, true).await;
    }

    /// Clears the checkbox labelled `label_or_name`.
    pub async fn uncheck(&self, label_or_name: &str) {
        self.set_checked("body", label_or_name, false).await;
    }

    /// Ticks or clears a checkbox (or chooses a radio button) inside `scope`.
    pub async fn set_checked(&self, scope: &str, label_or_name: &str, on: bool) {
        let (el, _, kind) = self.control(scope, label_or_name).await;
        assert!(
            kind == "checkbox" || kind == "radio",
            "“{label_or_name}” is a {kind}, not a checkbox"
        );
        let selected = el.is_selected().await.unwrap_or(false);
        if selected != on {
            self.client
                .execute(
                    "arguments[0].scrollIntoView({block: 'center'});",
                    vec![serde_json::to_value(&el).unwrap()],
                )
                .await
                .ok();
            el.click()
                .await
                .unwrap_or_else(|e| panic!("clicking “{label_or_name}”: {e}"));
        }
    }

    /// Chooses `file` in the file field labelled `label_or_name`.
    pub async fn upload(&self, label_or_name: &str, file: &Path) {
        self.upload_in("body", label_or_name, file).await;
    }

    /// The same, inside the first element matching `scope`.
    pub async fn upload_in(&self, scope: &str, label_or_name: &str, file: &Path) {
        let (el, _, kind) = self.control(scope, label_or_name).await;
        assert_eq!(kind, "file", "“{label_or_name}” is not a file field");
        let path = file
            .canonicalize()
            .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        el.send_keys(&path.display().to_string())
            .await
            .unwrap_or_else(|e| panic!("choosing {} for “{label_or_name}”: {e}", path.display()));
    }

    // ---- signing in -----------------------------------------------------------------

    /// Signs in with the demo password through the sign-in page, as a person would.
    pub async fn login(&self, email: &str) {
        self.login_with(email, DEMO_PASSWORD).await;
    }

    /// Signs in through the sign-in page with `password`.
    pub async fn login_with(&self, email: &str, password: &str) {
        self.goto("/login").await;
        self.fill(&self.t("field-email"), email).await;
        self.fill(&self.t("field-password"), password).await;
        self.click_button(&self.t("login-submit")).await;
        assert_ne!(
            self.path().await,
            "/login",
            "{email} could not sign in: {}",
            self.text().await
        );
    }

    /// Signs out with the button in the page header.
    pub async fn logout(&self) {
        self.click_button_in("header", &self.t("logout")).await;
    }

    // ---- reading the page -----------------------------------------------------------

    /// The page's visible text (what a reader sees, with whitespace collapsed).
    pub async fn text(&self) -> String {
        let text = self
            .client
            .execute(
                "return document.body ? document.body.innerText : '';",
                vec![],
            )
            .await
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        collapse(&text)
    }

    /// Asserts that the page shows `needle` (whitespace collapsed on both sides).
    pub async fn assert_text(&self, needle: &str) {
        let text = self.text().await;
        let needle = collapse(needle);
        assert!(
            text.contains(&needle),
            "[{}] {} does not show “{needle}”; it shows: {}",
            self.label,
            self.current_url().await,
            excerpt(&text)
        );
    }

    /// Asserts that the page does not show `needle`.
    pub async fn assert_no_text(&self, needle: &str) {
        let text = self.text().await;
        let needle = collapse(needle);
        assert!(
            !text.contains(&needle),
            "[{}] {} shows “{needle}”",
            self.label,
            self.current_url().await
        );
    }

    /// The first element matching `css`; panics when there is none.
    pub async fn find(&self, css: &str) -> Element {
        match self.client.find(Locator::Css(css)).await {
            Ok(el) => el,
            Err(e) => panic!("nothing matches {css} on {}: {e}", self.current_url().await),
        }
    }

    /// Whether something matches `css`.
    pub async fn exists(&self, css: &str) -> bool {
        self.client
            .find_all(Locator::Css(css))
            .await
            .map(|v| !v.is_empty())
            .unwrap_or(false)
    }

    /// The attribute `name` of the first element matching `css`.
    pub async fn attr(&self, css: &str, name: &str) -> Option<String> {
        self.find(css).await.attr(name).await.ok().flatten()
    }

    /// Runs `script` in the page (WebDriver execute: not subject to the page's CSP).
    pub async fn eval(&self, script: &str, args: Vec<Value>) -> Value {
        self.client
            .execute(script, args)
            .await
            .unwrap_or_else(|e| panic!("script failed: {e}"))
    }

    /// The fantoccini client, for anything the harness does not wrap.
    pub fn client(&self) -> &Client {
        &self.client
    }

    // ---- accessibility --------------------------------------------------------------

    /// Runs axe-core on the current page and fails on any `serious` or `critical`
    /// violation. Pages reached by `goto` and clicks are checked once per path without
    /// asking; call this after a page changes in place.
    pub async fn axe_check(&self) {
        let html = self
            .client
            .execute("return document.contentType;", vec![])
            .await
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        if html != "text/html" {
            return; // a download or a JSON document: nothing for people to read
        }
        let loaded = self
            .client
            .execute("return typeof window.axe;", vec![])
            .await
            .ok();
        if loaded != Some(json!("object")) {
            self.client
                .execute(&format!("{}\nreturn typeof window.axe;", self.axe), vec![])
                .await
                .unwrap_or_else(|e| panic!("axe-core does not load: {e}"));
        }
        let result = self
            .client
            .execute_async(RUN_AXE, vec![])
            .await
            .unwrap_or_else(|e| panic!("axe-core did not run: {e}"));
        if let Some(error) = result["error"].as_str() {
            panic!("axe-core failed: {error}");
        }
        let serious: Vec<&Value> = result["violations"]
            .as_array()
            .map(|v| {
                v.iter()
                    .filter(|v| v["impact"] == "serious" || v["impact"] == "critical")
                    .collect()
            })
            .unwrap_or_default();
        if std::env::var("WANQIAO_BROWSER_VERBOSE").as_deref() == Ok("1") {
            let all: Vec<String> = result["violations"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|v| {
                    format!(
                        "{} ({})",
                        v["id"].as_str().unwrap_or_default(),
                        v["impact"].as_str().unwrap_or_default()
                    )
                })
                .collect();
            let _ = writeln!(
                std::io::stderr(),
                "[{}] axe-core on {}: {}",
                self.label,
                self.current_url().await,
                if all.is_empty() {
                    "no violation".to_string()
                } else {
                    all.join(", ")
                }
            );
        }
        if serious.is_empty() {
            return;
        }
        let mut report = String::new();
        for v in serious {
            report.push_str(&format!(
                "\n- {} ({}): {} <{}>",
                v["id"].as_str().unwrap_or_default(),
                v["impact"].as_str().unwrap_or_default(),
                v["help"].as_str().unwrap_or_default(),
                v["helpUrl"].as_str().unwrap_or_default()
            ));
            for n in v["nodes"].as_array().into_iter().flatten().take(8) {
                let summary = n["summary"].as_str().unwrap_or_default().replace('\n', " ");
                report.push_str(&format!("\n    {} — {summary}", n["target"]));
            }
        }
        panic!(
            "[{}] accessibility violations on {} (axe-core, serious or critical):{report}",
            self.label,
            self.current_url().await
        );
    }

    // ---- pictures and print ---------------------------------------------------------

    /// Saves a screenshot of the window as `<name>.png` in
    /// `target/browser-artefacts/screenshots/`, and in `docs/screenshots/` too when
    /// `WANQIAO_UPDATE_SCREENSHOTS=1` (the README shows those). With `full_page`, the window
    /// grows to the page's height first (up to 3,000 px) and shrinks back afterwards.
    pub async fn screenshot(&self, name: &str, full_page: bool) {
        let (width, height) = self.viewport().await;
        if full_page {
            let page = self
                .eval(
                    "return Math.min(3000, document.documentElement.scrollHeight);",
                    vec![],
                )
                .await
                .as_u64()
                .unwrap_or(height as u64);
            self.set_viewport(width, page as u32).await;
        }
        let png = self
            .client
            .screenshot()
            .await
            .unwrap_or_else(|e| panic!("screenshot {name}: {e}"));
        if full_page {
            self.set_viewport(width, height).await;
        }
        let mut dirs = vec![artefacts_root().join("screenshots")];
        if std::env::var("WANQIAO_UPDATE_SCREENSHOTS").as_deref() == Ok("1") {
            dirs.push(workspace_root().join("docs/screenshots"));
        }
        for dir in dirs {
            std::fs::create_dir_all(&dir)
                .unwrap_or_else(|e| panic!("create {}: {e}", dir.display()));
            let file = dir.join(format!("{name}.png"));
            std::fs::write(&file, &png).unwrap_or_else(|e| panic!("write {}: {e}", file.display()));
        }
    }

    /// The size of the page's viewport in CSS pixels.
    pub async fn viewport(&self) -> (u32, u32) {
        let size = self
            .eval("return [window.innerWidth, window.innerHeight];", vec![])
            .await;
        let dim = |i: usize| size[i].as_u64().unwrap_or(0) as u32;
        (dim(0), dim(1))
    }

    /// Resizes the window so that the page's viewport is `width` × `height`: the window
    /// of headless Chromium is larger than its viewport by a margin of its own.
    pub async fn set_viewport(&self, width: u32, height: u32) {
        let _ = self.client.set_window_size(width, height).await;
        let (inner_width, inner_height) = self.viewport().await;
        if (inner_width, inner_height) != (width, height) {
            let grow = |want: u32, got: u32| (2 * want).saturating_sub(got);
            let _ = self
                .client
                .set_window_size(grow(width, inner_width), grow(height, inner_height))
                .await;
        }
    }

    /// Makes the page render for `media` (`"print"`, `"screen"`), through the DevTools
    /// protocol as chromedriver relays it.
    pub async fn emulate_media(&self, media: &str) {
        self.cdp("Emulation.setEmulatedMedia", json!({ "media": media }))
            .await;
    }

    /// Sends one DevTools protocol command to the page.
    pub async fn cdp(&self, cmd: &str, params: Value) -> Value {
        let session = self
            .client
            .session_id()
            .await
            .ok()
            .flatten()
            .expect("a WebDriver session");
        let reply = reqwest::Client::new()
            .post(format!(
                "{}/session/{session}/goog/cdp/execute",
                self.driver
            ))
            .json(&json!({ "cmd": cmd, "params": params }))
            .send()
            .await
            .unwrap_or_else(|e| panic!("{cmd}: {e}"));
        let status = reply.status();
        let body: Value = reply.json().await.unwrap_or_default();
        assert!(status.is_success(), "{cmd}: {status} {body}");
        body["value"].clone()
    }

    /// Prints the current page to PDF on A4, as the browser's print dialog would.
    pub async fn print_pdf(&self) -> Vec<u8> {
        self.client
            .print(PrintConfiguration::default())
            .await
            .unwrap_or_else(|e| panic!("print to PDF: {e}"))
    }
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn excerpt(s: &str) -> String {
    let mut out: String = s.chars().take(1500).collect();
    if out.len() < s.len() {
        out.push('…');
    }
    out
}

/// A request with a signed-in session (cookie and CSRF token) that must succeed; its JSON.
/// For the steps of a journey that other people take.
pub async fn api_ok(
    app: &TestApp,
    method: &str,
    path: &str,
    who: &Session,
    body: Option<Value>,
) -> Value {
    let reply = app
        .send(method, path, crate::helpers::As::Browser(who), body)
        .await;
    assert!(
        (200..300).contains(&reply.status),
        "{method} {path}: {} {}",
        reply.status,
        reply.body
    );
    if reply.body.is_empty() {
        Value::Null
    } else {
        reply.json()
    }
}
