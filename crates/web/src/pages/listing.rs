//! What the pages' lists share: links to the pages before and after, keeping the filters and
//! the order, and column headers that sort the list (`?sort=column&dir=asc|desc`). The
//! templates show them with the macros of `templates/macros/lists.html`.

use crate::Tr;
use crate::params::Params;
use wanqiao_store::Page;

/// Links to the pages before and after the one shown, keeping the filters.
pub struct Pager {
    pub summary: String,
    pub prev: Option<String>,
    pub next: Option<String>,
}

impl Pager {
    /// `keep` are the query parameters to keep (filters, order); empty ones are left out.
    pub fn new(tr: &Tr, base: &str, keep: &[(&str, &str)], page: Page, total: u64) -> Pager {
        let href = |offset: u64| {
            let mut extra = Vec::new();
            let limit = page.limit.to_string();
            if page.limit != Page::DEFAULT_LIMIT {
                extra.push(("limit", limit.as_str()));
            }
            let offset = offset.to_string();
            if offset != "0" {
                extra.push(("offset", offset.as_str()));
            }
            link(base, keep.iter().chain(extra.iter()).copied())
        };
        let (limit, offset) = (u64::from(page.limit), u64::from(page.offset));
        let shown_to = total.min(offset + limit);
        Pager {
            summary: if offset >= total {
                String::new()
            } else {
                tr.targs(
                    "list-pager",
                    &[
                        ("from", (offset + 1).into()),
                        ("to", shown_to.into()),
                        ("total", total.into()),
                    ],
                )
            },
            prev: (offset > 0).then(|| href(offset.saturating_sub(limit))),
            next: (shown_to < total).then(|| href(offset + limit)),
        }
    }
}

/// `limit` and `offset` of a page; a page link someone mistyped shows the first page.
pub fn page_of(q: &Params) -> Page {
    q.page().unwrap_or_default()
}

/// `base` with the non-empty `pairs` as its query.
pub fn link<'a>(base: &str, pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs.into_iter().filter(|(_, v)| !v.is_empty()) {
        query.append_pair(k, v);
    }
    let query = query.finish();
    if query.is_empty() {
        base.to_string()
    } else {
        format!("{base}?{query}")
    }
}

/// A column a list can be sorted by, and whether it sorts newest or largest first when
/// chosen (dates and counts do; names read best from A).
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub name: &'static str,
    pub descending_first: bool,
}

pub const fn asc(name: &'static str) -> Column {
    Column {
        name,
        descending_first: false,
    }
}

pub const fn desc(name: &'static str) -> Column {
    Column {
        name,
        descending_first: true,
    }
}

/// How a list is sorted: one of the columns it offers, and the direction, read from
/// `?sort=` and `?dir=`; anything else gives the list's usual order.
#[derive(Debug, Clone)]
pub struct Sort {
    pub column: &'static str,
    pub descending: bool,
    columns: Vec<Column>,
    base: String,
    keep: Vec<(String, String)>,
}

/// A sortable column header: where it leads and, for the column sorted by, the direction.
pub struct SortHeader {
    pub href: String,
    /// `ascending` or `descending`, for `aria-sort`, on the column sorted by.
    pub state: Option<&'static str>,
    pub arrow: &'static str,
}

impl Sort {
    /// The order asked for in `q` among `columns`; the first column is the usual order.
    /// `base` and `keep` make the header links, which keep the filters but start again at
    /// the first page.
    pub fn parse(q: &Params, columns: &[Column], base: &str, keep: &[(&str, &str)]) -> Sort {
        let chosen = q
            .get("sort")
            .and_then(|s| columns.iter().find(|c| c.name == s))
            .copied()
            .unwrap_or(columns[0]);
        let descending = match q.get("dir") {
            Some("asc") => false,
            Some("desc") => true,
            _ => chosen.descending_first,
        };
        Sort {
            column: chosen.name,
            descending,
            columns: columns.to_vec(),
            base: base.to_string(),
            keep: keep
                .iter()
                .filter(|(_, v)| !v.is_empty())
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        }
    }

    /// Whether the list is in its usual order (so links need not say it).
    pub fn is_default(&self) -> bool {
        let usual = self.columns[0];
        self.column == usual.name && self.descending == usual.descending_first
    }

    /// The query parameters that keep this order, for the pager's links.
    pub fn params(&self) -> Vec<(&str, &str)> {
        if self.is_default() {
            Vec::new()
        } else {
            vec![("sort", self.column), ("dir", self.dir())]
        }
    }

    fn dir(&self) -> &'static str {
        if self.descending { "desc" } else { "asc" }
    }

    /// The header of `column`: sorted by it, it turns the order round; otherwise it sorts by
    /// it in its first direction.
    pub fn header(&self, column: &str) -> SortHeader {
        let current = self.column == column;
        let descending = if current {
            !self.descending
        } else {
            self.columns
                .iter()
                .find(|c| c.name == column)
                .is_some_and(|c| c.descending_first)
        };
        let dir = if descending { "desc" } else { "asc" };
        let pairs = self
            .keep
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .chain([("sort", column), ("dir", dir)]);
        SortHeader {
            href: link(&self.base, pairs),
            state: current.then_some(if self.descending {
                "descending"
            } else {
                "ascending"
            }),
            arrow: match (current, self.descending) {
                (false, _) => "↕",
                (true, false) => "▲",
                (true, true) => "▼",
            },
        }
    }

    /// Orders `items` by the chosen column, `key` giving each column's value.
    pub fn apply<T, K: Ord>(&self, items: &mut [T], key: impl Fn(&T, &str) -> K) {
        items.sort_by(|a, b| {
            let order = key(a, self.column).cmp(&key(b, self.column));
            if self.descending {
                order.reverse()
            } else {
                order
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const COLUMNS: [Column; 3] = [asc("due"), asc("name"), desc("updated")];

    #[test]
    fn headers_turn_the_order_round_and_keep_the_filters() {
        let q = Params::parse("sort=name&dir=asc&state=submitted&offset=50");
        let s = Sort::parse(&q, &COLUMNS, "/queues", &[("state", "submitted")]);
        assert_eq!(s.column, "name");
        assert!(!s.descending);
        let name = s.header("name");
        assert_eq!(name.state, Some("ascending"));
        assert_eq!(name.href, "/queues?state=submitted&sort=name&dir=desc");
        let updated = s.header("updated");
        assert_eq!(updated.state, None);
        assert_eq!(
            updated.href,
            "/queues?state=submitted&sort=updated&dir=desc"
        );
        assert_eq!(s.params(), vec![("sort", "name"), ("dir", "asc")]);
    }

    #[test]
    fn unknown_columns_give_the_usual_order() {
        let s = Sort::parse(&Params::parse("sort=password"), &COLUMNS, "/x", &[]);
        assert_eq!(s.column, "due");
        assert!(s.is_default());
        assert!(s.params().is_empty());
        let mut rows = vec![3, 1, 2];
        Sort::parse(&Params::parse("sort=name&dir=desc"), &COLUMNS, "/x", &[])
            .apply(&mut rows, |n, _| *n);
        assert_eq!(rows, vec![3, 2, 1]);
    }
}
