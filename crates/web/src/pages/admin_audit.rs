//! The audit log for platform admins: every recorded change, newest first, with the hash
//! that chains it to the one before.

use super::admin_users::{Pager, page_of};
use super::{Chrome, Lang, PageResult, render};
use crate::AppState;
use crate::auth::PageUser;
use crate::error::PageError;
use crate::params::Params;
use askama::Template;
use axum::extract::State;
use std::collections::BTreeMap;
use wanqiao_store::audit::AuditFilter;

/// How much of an event's detail the table shows; the rest is in the cell's title.
const DETAIL_CHARS: usize = 160;

/// How many hex digits of a hash the table shows.
const HASH_CHARS: usize = 12;

pub struct EventRow {
    pub seq: i64,
    pub at: String,
    pub at_full: String,
    pub actor: String,
    pub actor_name: Option<String>,
    pub actor_href: String,
    pub action: String,
    pub action_href: String,
    pub subject: String,
    pub subject_href: String,
    pub detail: String,
    pub detail_full: String,
    pub hash: String,
    pub hash_short: String,
}

#[derive(Template)]
#[template(path = "admin_audit.html")]
struct AuditPage<'a> {
    c: Chrome<'a>,
    actor: String,
    action: String,
    subject: String,
    rows: Vec<EventRow>,
    pager: Pager,
}

fn filter_href(name: &str, value: &str) -> String {
    let query = form_urlencoded::Serializer::new(String::new())
        .append_pair(name, value)
        .finish();
    format!("/admin/audit?{query}")
}

/// `2026-03-01T08:15:02.123Z` as `2026-03-01 08:15:02`: the column says it is UTC.
fn short_time(at: &str) -> String {
    at.split('.')
        .next()
        .unwrap_or(at)
        .trim_end_matches('Z')
        .replacen('T', " ", 1)
}

fn shorten(text: &str, chars: usize) -> String {
    match text.char_indices().nth(chars) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

pub async fn list(
    State(state): State<AppState>,
    lang: Lang,
    PageUser(me, _): PageUser,
    q: Params,
) -> PageResult {
    if !me.may_read_audit() {
        return Err(PageError::Forbidden);
    }
    let text = |name| {
        q.get(name)
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    let filter = AuditFilter {
        actor: text("actor"),
        action: text("action"),
        subject: text("subject"),
    };
    let page = page_of(&q);
    let events = state.store.audit_events(&filter, page).await?;

    // Actors are account ids, or words such as `anonymous` and `demo`: name the accounts.
    let mut names: BTreeMap<&str, Option<String>> = BTreeMap::new();
    for e in &events.items {
        if !names.contains_key(e.actor.as_str()) {
            let name = state.store.user(&e.actor).await?.map(|u| u.display_name);
            names.insert(&e.actor, name);
        }
    }
    let rows = events
        .items
        .iter()
        .map(|e| EventRow {
            seq: e.seq,
            at: short_time(&e.at),
            at_full: e.at.clone(),
            actor: e.actor.clone(),
            actor_name: names.get(e.actor.as_str()).cloned().flatten(),
            actor_href: filter_href("actor", &e.actor),
            action: e.action.clone(),
            action_href: filter_href("action", &e.action),
            subject: e.subject.clone(),
            subject_href: filter_href("subject", &e.subject),
            detail: shorten(&e.detail, DETAIL_CHARS),
            detail_full: e.detail.clone(),
            hash_short: e.hash.chars().take(HASH_CHARS).collect(),
            hash: e.hash.clone(),
        })
        .collect();

    let c = Chrome::new(&state, lang, "/admin/audit", "nav-audit");
    let actor = filter.actor.unwrap_or_default();
    let action = filter.action.unwrap_or_default();
    let subject = filter.subject.unwrap_or_default();
    let pager = Pager::new(
        &c.tr,
        "/admin/audit",
        &[
            ("actor", &actor),
            ("action", &action),
            ("subject", &subject),
        ],
        page,
        events.total,
    );
    render(AuditPage {
        c,
        actor,
        action,
        subject,
        rows,
        pager,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_and_details_are_shortened_for_the_table() {
        assert_eq!(
            short_time("2026-03-01T08:15:02.123Z"),
            "2026-03-01 08:15:02"
        );
        assert_eq!(shorten("湾桥湾桥", 2), "湾桥…");
        assert_eq!(shorten("{}", 160), "{}");
    }
}
