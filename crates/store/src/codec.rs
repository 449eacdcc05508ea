//! Conversions between stored columns and domain values, kept in one place so every table
//! reads and writes them alike.

use crate::{Result, StoreError};
use wanqiao_domain::{Date, LocalizedText, date};

pub fn text(t: &LocalizedText) -> String {
    serde_json::to_string(t).expect("localized text serialises")
}

pub fn opt_text(t: &Option<LocalizedText>) -> Option<String> {
    t.as_ref().map(text)
}

pub fn read_text(column: &str, raw: &str) -> Result<LocalizedText> {
    serde_json::from_str(raw).map_err(|e| StoreError::Corrupt(format!("{column}: {e}")))
}

pub fn read_opt_text(column: &str, raw: Option<&str>) -> Result<Option<LocalizedText>> {
    raw.map(|r| read_text(column, r)).transpose()
}

pub fn day(d: &Option<Date>) -> Option<String> {
    d.map(|d| d.to_string())
}

pub fn read_day(column: &str, raw: &str) -> Result<Date> {
    date::parse(raw).map_err(|e| StoreError::Corrupt(format!("{column}: {e}")))
}

pub fn read_opt_day(column: &str, raw: Option<&str>) -> Result<Option<Date>> {
    raw.map(|r| read_day(column, r)).transpose()
}

pub fn flag(b: bool) -> i64 {
    i64::from(b)
}

/// Reads a stored code with the domain's parser, naming the column when it is unknown.
pub fn code<T>(column: &str, raw: &str, parse: impl Fn(&str) -> Option<T>) -> Result<T> {
    parse(raw).ok_or_else(|| StoreError::Corrupt(format!("{column}: unknown value `{raw}`")))
}

/// `$start, $start+1, …` for an `IN (…)` list of `n` values.
pub fn placeholders(start: usize, n: usize) -> String {
    (start..start + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn count(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

pub fn limit(page: crate::Page) -> i64 {
    i64::from(page.limit)
}

pub fn offset(page: crate::Page) -> i64 {
    i64::from(page.offset)
}

/// A moment as fixed-width RFC 3339 text in UTC (millisecond precision), so stored times
/// compare correctly as text on every engine.
pub fn instant(t: jiff::Timestamp) -> String {
    t.strftime("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

pub fn read_instant(column: &str, raw: &str) -> Result<jiff::Timestamp> {
    raw.parse()
        .map_err(|e| StoreError::Corrupt(format!("{column}: {e}")))
}

/// Whether an id of the register is free, in use, or kept by a retired entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    Missing,
    Active,
    Retired,
}

/// The state of `id` in `table`, one of the register tables that retire entries rather
/// than delete them (`societies`, `specialties`, `frameworks`), read by its `retired_at`.
pub async fn entry(conn: &mut sqlx::AnyConnection, table: &str, id: &str) -> Result<Entry> {
    let row: Option<(Option<String>,)> =
        sqlx::query_as(sql!("SELECT retired_at FROM {table} WHERE id = $1"))
            .bind(id)
            .fetch_optional(conn)
            .await?;
    Ok(match row {
        None => Entry::Missing,
        Some((None,)) => Entry::Active,
        Some((Some(_),)) => Entry::Retired,
    })
}

/// Marks `id` in `table` retired now and records it as `<what>.retire`.
pub async fn retire(w: &mut crate::Write, table: &str, what: &str, id: &str) -> Result<()> {
    let at = instant(w.now());
    sqlx::query(sql!("UPDATE {table} SET retired_at = $1 WHERE id = $2"))
        .bind(&at)
        .bind(id)
        .execute(w.conn())
        .await?;
    let subject = format!("{what}:{id}");
    w.audit(
        &format!("{what}.retire"),
        &subject,
        serde_json::json!({ "retired_at": at }),
    )
    .await
}

#[cfg(test)]
mod tests {
    #[test]
    fn instants_are_fixed_width() {
        let t: jiff::Timestamp = "2026-11-29T07:00:00Z".parse().unwrap();
        assert_eq!(super::instant(t), "2026-11-29T07:00:00.000Z");
        let t: jiff::Timestamp = "2026-11-29T07:00:00.5Z".parse().unwrap();
        assert_eq!(super::instant(t), "2026-11-29T07:00:00.500Z");
        assert_eq!(
            super::read_instant("x", "2026-11-29T07:00:00.500Z").unwrap(),
            t
        );
    }
}
