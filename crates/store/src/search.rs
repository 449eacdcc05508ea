//! Search by name in any script, member number or certificate id, at a million engineers.
//!
//! Every engineer and every listed certificate is indexed as one "search text": each name and
//! number preceded by [`MARK`] (see migration 0012). Queries of three characters or more
//! match anywhere in a name through a trigram index (SQLite FTS5 `trigram`, PostgreSQL
//! `pg_trgm`). A trigram index cannot serve one or two characters, so short queries, and
//! queries holding a digit (numbers), are looked up as `MARK` + query: three characters or
//! more again, matching exactly the names and numbers that *start* with the query. For
//! Chinese names that is the natural reading of a short query: 王 is a surname, 王伟 a surname
//! and the first character of a given name, or a whole two-character name.
//!
//! Counting every match of a common surname among a million engineers would cost more than
//! the search itself, so counts stop at [`COUNT_CAP`]: past it a list says "more than 1,000"
//! and asks for a narrower query.

use crate::codec::{self, code};
use crate::engineers::{EngineerFilter, EngineerSummary};
use crate::{Engine, Page, Paged, Result, Store};
use serde::Serialize;
use wanqiao_domain::LocalizedText;
use wanqiao_domain::engineer::Standing;

/// The marker in front of every name and number in the search texts: U+A66E, a letter of no
/// living script, twice. It must match migration 0012.
pub const MARK: &str = "\u{a66e}\u{a66e}";

/// Lists count their matches up to this many; past it they say "more than".
pub const COUNT_CAP: u64 = 1000;

/// Longest query looked at, in characters; the rest is ignored.
pub const MAX_QUERY_CHARS: usize = 100;

/// What someone typed, ready for the indexes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Needle {
    /// Lower-cased, spaces collapsed; [`MARK`] in front when matched by prefix.
    pattern: String,
    /// Lower-cased, spaces collapsed: whole names, numbers and certificate ids equal to it
    /// come first.
    exact: String,
}

impl Needle {
    /// `None` when nothing searchable was typed. Control characters and the marker itself
    /// are dropped; `%`, `_`, quotes and the like are ordinary characters.
    pub fn parse(text: &str) -> Option<Needle> {
        let cleaned: String = text
            .chars()
            .filter(|c| *c != '\u{a66e}')
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        let exact = cleaned
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
            .chars()
            .take(MAX_QUERY_CHARS)
            .collect::<String>();
        if exact.is_empty() {
            return None;
        }
        let by_prefix = exact.chars().count() < 3 || exact.chars().any(|c| c.is_ascii_digit());
        let pattern = if by_prefix {
            format!("{MARK}{exact}")
        } else {
            exact.clone()
        };
        Some(Needle { pattern, exact })
    }

    /// Whether the query matches the beginnings of names and numbers (short queries and
    /// numbers) rather than anywhere in them.
    pub fn by_prefix(&self) -> bool {
        self.pattern.starts_with(MARK)
    }

    /// The query as typed, normalised: lower case, single spaces.
    pub fn text(&self) -> &str {
        &self.exact
    }

    /// The query for the engine's index: an FTS5 phrase (every trigram in order, so a
    /// substring) on SQLite, a `LIKE` pattern with `\` escapes on PostgreSQL.
    fn bound(&self, engine: Engine) -> String {
        bound(&self.pattern, engine)
    }

    /// The same for names (and numbers) *equal* to the query: in a search text a whole name
    /// is the marker, the name, a space and the next name's marker. (The text's last item,
    /// with nothing after it, is not found this way; it is a Portuguese name or a member
    /// number, which the ordinary pattern finds.)
    fn exact_bound(&self, engine: Engine) -> String {
        bound(&format!("{MARK}{} \u{a66e}", self.exact), engine)
    }
}

/// `pattern` for the engine's index (see [`Needle::bound`]).
fn bound(pattern: &str, engine: Engine) -> String {
    match engine {
        Engine::Sqlite => format!("\"{}\"", pattern.replace('"', "\"\"")),
        Engine::Postgres => {
            let mut out = String::with_capacity(pattern.len() + 2);
            out.push('%');
            for c in pattern.chars() {
                if matches!(c, '\\' | '%' | '_') {
                    out.push('\\');
                }
                out.push(c);
            }
            out.push('%');
            out
        }
    }
}

/// One page of matches and how many there are: exactly, or at least [`COUNT_CAP`].
#[derive(Debug, Clone, Serialize)]
pub struct Found<T> {
    pub items: Vec<T>,
    pub total: u64,
    /// `false` when more than `total` matched and counting stopped there.
    pub total_exact: bool,
}

impl<T> From<Found<T>> for Paged<T> {
    fn from(f: Found<T>) -> Paged<T> {
        Paged {
            items: f.items,
            total: f.total,
        }
    }
}

/// `SELECT COUNT(*)` of at most `COUNT_CAP + 1` rows of `from`: (total, exact).
pub(crate) fn capped(n: i64) -> (u64, bool) {
    let n = codec::count(n);
    if n > COUNT_CAP {
        (COUNT_CAP, false)
    } else {
        (n, true)
    }
}

/// The SQL of the capped count over `from_where` (a `FROM … WHERE …` clause).
pub(crate) fn capped_count_sql(from_where: &str) -> String {
    format!(
        "SELECT COUNT(*) FROM (SELECT 1 AS one {from_where} LIMIT {}) capped",
        COUNT_CAP + 1
    )
}

/// The engineers matching `$p` (a needle as bound) or holding the certificate `$2`, as a
/// row source `hits` joined to `engineers e`.
fn engineer_hits(engine: Engine, p: usize) -> String {
    match engine {
        Engine::Sqlite => format!(
            "(SELECT rowid AS r FROM engineer_search WHERE engineer_search MATCH ${p}
              UNION SELECT ec.rowid FROM credentials c JOIN applications a ON a.id = c.application_id
                    JOIN engineers ec ON ec.id = a.engineer_id WHERE c.id = $2) hits
             JOIN engineers e ON e.rowid = hits.r"
        ),
        Engine::Postgres => format!(
            "(SELECT id FROM engineers WHERE lower('ꙮꙮ' || name_zh_hans || ' ꙮꙮ' || name_zh_hant
                 || ' ꙮꙮ' || name_en || ' ꙮꙮ' || COALESCE(name_pt, '')) LIKE ${p} ESCAPE '\\'
              UNION SELECT engineer_id FROM society_members
                    WHERE lower('ꙮꙮ' || member_number) LIKE ${p} ESCAPE '\\'
              UNION SELECT a.engineer_id FROM credentials c JOIN applications a ON a.id = c.application_id
                    WHERE c.id = $2) hits
             JOIN engineers e ON e.id = hits.id"
        ),
    }
}

/// 0 for an engineer whose name, member number or certificate equals `$2` (the normalised
/// query), else 1: exact matches come first.
const ENGINEER_RANK: &str = "CASE WHEN lower(e.name_en) = $2 OR e.name_zh_hans = $2
        OR e.name_zh_hant = $2 OR lower(COALESCE(e.name_pt, '')) = $2
        OR EXISTS (SELECT 1 FROM society_members m WHERE m.engineer_id = e.id AND lower(m.member_number) = $2)
        OR EXISTS (SELECT 1 FROM credentials c JOIN applications a ON a.id = c.application_id
                   WHERE a.engineer_id = e.id AND c.id = $2)
    THEN 0 ELSE 1 END";

type SummaryRow = (String, String, String, String, Option<String>, String, i64);

impl Store {
    /// Engineers by the filter: matches of its text first exactly, then by English name; or
    /// everyone in scope by English name.
    pub async fn search_engineers(
        &self,
        filter: &EngineerFilter,
        page: Page,
    ) -> Result<Found<EngineerSummary>> {
        let societies = filter.societies.clone().unwrap_or_default();
        if filter.societies.is_some() && societies.is_empty() {
            return Ok(Found {
                items: Vec::new(),
                total: 0,
                total_exact: true,
            });
        }
        let needle = filter.text.as_deref().and_then(Needle::parse);
        // $1: the needle as bound, $2: as text (both NULL without one), $3: the account,
        // $4…: the societies.
        let scope = if societies.is_empty() {
            String::new()
        } else {
            format!(
                "AND EXISTS (SELECT 1 FROM qualifications q WHERE q.engineer_id = e.id AND q.society_id IN ({}))",
                codec::placeholders(4, societies.len())
            )
        };
        let from_where = |from: &str| {
            format!(
                "FROM {from} WHERE ($1 IS NULL OR $1 IS NOT NULL) AND ($2 IS NULL OR $2 IS NOT NULL)
               AND ($3 IS NULL OR e.user_id = $3) {scope}"
            )
        };
        let n = societies.len();
        let (counted, rank) = match &needle {
            Some(_) => (
                from_where(&engineer_hits(self.engine(), 1)),
                format!("{ENGINEER_RANK}, "),
            ),
            // Nothing to rank by: by name alone (over the `engineers_name` index).
            None => (from_where("engineers e"), String::new()),
        };
        let (bound, exact) = bind_parts(needle.as_ref(), self.engine());

        let mut count = sqlx::query_as::<_, (i64,)>(sql!("{}", capped_count_sql(&counted)))
            .bind(&bound)
            .bind(&exact)
            .bind(&filter.user_id);
        for s in &societies {
            count = count.bind(s);
        }
        let (total, total_exact) = capped(count.fetch_one(&self.pool).await?.0);
        // A common surname matches a hundred thousand engineers: ordering them all by name
        // for one page would cost far more than the search. Past the count's cap, the list
        // orders only as many matches as were counted, plus every whole name equal to the
        // query (the needle bound again, as `$n+6`), so the exact ones still come first.
        let capped_list = needle.as_ref().filter(|_| !total_exact);
        let listed = match capped_list {
            Some(_) => {
                let exact = from_where(&engineer_hits(self.engine(), n + 6));
                format!(
                    "FROM (SELECT id FROM (SELECT e.id AS id {counted} LIMIT {COUNT_CAP}) first_hits
                           UNION SELECT e.id {exact}) picked
                     JOIN engineers e ON e.id = picked.id"
                )
            }
            None => counted,
        };

        let mut list = sqlx::query_as::<_, SummaryRow>(sql!(
            "SELECT e.id, e.name_zh_hans, e.name_zh_hant, e.name_en, e.name_pt, e.standing,
                    (SELECT COUNT(*) FROM qualifications q WHERE q.engineer_id = e.id)
             {listed} ORDER BY {rank}e.name_en, e.id LIMIT ${} OFFSET ${}",
            n + 4,
            n + 5
        ))
        .bind(&bound)
        .bind(&exact)
        .bind(&filter.user_id);
        for s in &societies {
            list = list.bind(s);
        }
        list = list.bind(codec::limit(page)).bind(codec::offset(page));
        if let Some(needle) = capped_list {
            list = list.bind(needle.exact_bound(self.engine()));
        }
        let rows = list.fetch_all(&self.pool).await?;
        let items = rows
            .into_iter()
            .map(|(id, zh_hans, zh_hant, en, pt, standing, n)| {
                Ok(EngineerSummary {
                    id,
                    names: LocalizedText {
                        zh_hans,
                        zh_hant,
                        en,
                        pt,
                    },
                    standing: code("engineers.standing", &standing, Standing::parse)?,
                    qualifications: codec::count(n),
                })
            })
            .collect::<Result<_>>()?;
        Ok(Found {
            items,
            total,
            total_exact,
        })
    }
}

/// The listed certificates matching `$1` (the needle as bound), as a row source joined to
/// `credentials c`.
pub(crate) fn register_hits(engine: Engine) -> &'static str {
    match engine {
        Engine::Sqlite => {
            "register_search s JOIN credentials c ON c.rowid = s.rowid
             WHERE register_search MATCH $1 AND"
        }
        Engine::Postgres => {
            "register_entries r JOIN credentials c ON c.id = r.credential_id
             WHERE r.search_text LIKE $1 ESCAPE '\\' AND"
        }
    }
}

/// The needle as the engine's index takes it, and as normalised text: `(bound, exact)`.
pub(crate) fn bind_parts(
    needle: Option<&Needle>,
    engine: Engine,
) -> (Option<String>, Option<String>) {
    (
        needle.map(|n| n.bound(engine)),
        needle.map(|n| n.text().to_string()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_queries_and_numbers_match_by_prefix() {
        let n = Needle::parse(" 王 ").unwrap();
        assert!(n.by_prefix());
        assert_eq!(n.bound(Engine::Sqlite), "\"ꙮꙮ王\"");
        let n = Needle::parse("陈大文").unwrap();
        assert!(!n.by_prefix());
        let n = Needle::parse("HKIE-0012").unwrap();
        assert!(n.by_prefix());
        assert_eq!(n.text(), "hkie-0012");
        assert!(Needle::parse("  \u{a66e} \t").is_none());
    }

    #[test]
    fn input_is_text() {
        let n = Needle::parse("50%_off\\ \"x\"").unwrap();
        assert_eq!(n.bound(Engine::Postgres), "%ꙮꙮ50\\%\\_off\\\\ \"x\"%");
        assert_eq!(n.bound(Engine::Sqlite), "\"ꙮꙮ50%_off\\ \"\"x\"\"\"");
        let n = Needle::parse("Chan   Tai\nMan").unwrap();
        assert_eq!(n.text(), "chan tai man");
    }
}
