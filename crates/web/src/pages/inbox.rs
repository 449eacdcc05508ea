//! The signed-in reader's inbox: what the platform sent them.

use super::{Chrome, Lang, PageResult, render};
use crate::AppState;
use crate::auth::PageUser;
use crate::error::PageError;
use crate::service::notifications::{self, InboxItem};
use askama::Template;
use axum::extract::State;
use wanqiao_store::Page;

#[derive(Template)]
#[template(path = "inbox.html")]
struct InboxPage<'a> {
    c: Chrome<'a>,
    items: Vec<InboxItem>,
}

pub async fn page(
    State(state): State<AppState>,
    lang: Lang,
    PageUser(user, _): PageUser,
) -> PageResult {
    let c = Chrome::new(&state, lang, "/inbox", "nav-inbox");
    let mut items = notifications::inbox(&state, &user, &c.tr, Page::default())
        .await
        .map_err(PageError::from_api)?
        .items;
    for i in &mut items {
        i.created_at = c.tr.date_time(&i.created_at);
    }
    render(InboxPage { c, items })
}
