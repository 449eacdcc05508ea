//! Browser tests: the journeys of issue 7 in a real headless Chromium (Debian's `chromium`
//! and `chromium-driver`), each in at least two languages, with axe-core checking every page
//! they visit. `harness.rs` explains how to write one; the journeys are grouped by who takes
//! them. Without chromedriver they are skipped with one line saying how to enable them, and
//! `WANQIAO_BROWSER_TESTS=required` (set by `.ci/run`) makes that a failure.
//!
//! Run them with `cargo test -p wanqiao --test browser`; add `WANQIAO_UPDATE_SCREENSHOTS=1`
//! to refresh the README's screenshots in `docs/screenshots/`.

// The API tests' helpers (platform, databases, sessions); the browser tests use a part.
#[allow(dead_code)]
#[path = "../api/helpers.rs"]
mod helpers;

// A toolkit for every journey: not each journey uses all of it.
#[allow(dead_code)]
mod harness;
mod journeys_engineer;
mod journeys_public;
mod journeys_staff;
mod qr;
