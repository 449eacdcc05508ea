//! The dashboards' figures, in the reader's language: for each, a title, a chart, the data
//! table printed beside it and the same table as CSV, built from one [`Report`].
//!
//! **What public figures disclose.** The public dashboard and the agreements' pages count
//! applications only, never naming or dating anyone. A count that falls in a small cell could
//! still point at one person (the only Macao applicant in a specialty, say), so on public
//! pages and their CSV files:
//!
//! - every count of 1 or 2 is shown as `<3` (in pages and CSV files), never its value;
//!   zero is shown, as it tells nothing about anyone;
//! - a rate or a time per step is shown only when it stands on at least [`MIN_BASE`] decisions
//!   or completed steps, so that neither describes a handful of people.
//!
//! Societies' own dashboards are exact: only their staff see them, and those staff already
//! see each of these applications in their queues.

use crate::Tr;
use crate::charts::{self, Chart, Point, Series, Shape};
use crate::views;
use wanqiao_domain::spreadsheet::neutralise;
use wanqiao_domain::workflow::State;
use wanqiao_domain::{AgreementStatus, Catalogue, Jurisdiction};
use wanqiao_store::reports::{DECISION_STEP, Report, STEP_STATES, Tally};

/// Counts below this are shown as `<3` on public pages.
pub const SMALL: u64 = 3;

/// Rates and times per step need this many cases behind them on public pages.
pub const MIN_BASE: u64 = 10;

/// How many months the monthly figure covers, ending with the current month.
pub const MONTHS: usize = 24;

/// Whose dashboard, which decides the figures shown and whether small counts are hidden.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// The whole mechanism, for everyone.
    Public,
    /// One agreement, on its public page: its specialty is fixed, so no figure by specialty,
    /// and no agreements by status.
    Agreement,
    /// One society, for its staff: exact figures.
    Staff,
}

impl Audience {
    fn hides_small(self) -> bool {
        self != Audience::Staff
    }
}

/// One cell of a figure's table.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell {
    Count(u64),
    /// A count of 1 or 2 on a public page, shown as `<3`.
    Small,
    /// A share of a whole, in percent.
    Share(f64),
    Days(u64),
    /// A rate or time resting on too few cases to show publicly.
    TooFew,
}

impl Cell {
    fn count(n: u64, audience: Audience) -> Cell {
        if audience.hides_small() && (1..SMALL).contains(&n) {
            Cell::Small
        } else {
            Cell::Count(n)
        }
    }

    /// As the data table shows it.
    pub fn text(&self, tr: &Tr) -> String {
        match self {
            Cell::Count(n) | Cell::Days(n) => tr.number(*n),
            Cell::Small => tr.t("dash-small"),
            Cell::Share(p) => tr.t1("dash-percent", "value", format!("{p:.0}")),
            // The note above the table says why.
            Cell::TooFew => "—".into(),
        }
    }

    /// As written on a chart's bar.
    fn label(&self, tr: &Tr) -> String {
        match self {
            Cell::Count(n) => tr.number(*n),
            Cell::Small => tr.t("dash-small"),
            Cell::Share(p) => tr.t1("dash-percent", "value", format!("{p:.0}")),
            Cell::Days(d) => tr.t1("dash-days", "days", tr.number(*d)),
            Cell::TooFew => "—".into(),
        }
    }

    /// The length of its bar: nothing for what is not shown.
    fn value(&self) -> f64 {
        #[allow(clippy::cast_precision_loss)]
        match self {
            Cell::Count(n) | Cell::Days(n) => *n as f64,
            Cell::Share(p) => *p,
            Cell::Small | Cell::TooFew => 0.0,
        }
    }

    /// As a CSV file holds it: plain numbers, one decimal for shares.
    fn csv(&self) -> String {
        match self {
            Cell::Count(n) | Cell::Days(n) => n.to_string(),
            Cell::Small => format!("<{SMALL}"),
            Cell::Share(p) => format!("{p:.1}"),
            Cell::TooFew => String::new(),
        }
    }
}

/// A row of a figure: its label in the table, its label on the chart's axis, its cells.
pub struct Row {
    pub label: String,
    pub axis: String,
    pub cells: Vec<Cell>,
}

/// One figure: what it shows, its table, and its chart drawn from some of its columns.
pub struct Figure {
    /// Names the figure in addresses (`…/dashboard/{id}.csv`) and in the page (`#fig-{id}`).
    pub id: &'static str,
    pub title: String,
    pub lead: String,
    /// The header of the first column, then of each value column.
    pub category: String,
    pub columns: Vec<String>,
    pub rows: Vec<Row>,
    shape: Shape,
    /// The columns the chart draws, as its series.
    charted: Vec<usize>,
    /// Why the chart is not drawn although there are rows (a rate on too few decisions).
    pub withheld: Option<String>,
}

impl Figure {
    /// Nothing to show yet: no rows, or only zeros.
    pub fn is_empty(&self) -> bool {
        self.rows
            .iter()
            .all(|r| r.cells.iter().all(|c| matches!(c, Cell::Count(0))))
    }

    /// The chart as SVG, or nothing when there is nothing to draw.
    pub fn svg(&self, tr: &Tr) -> String {
        if self.is_empty() || self.withheld.is_some() {
            return String::new();
        }
        let categories: Vec<String> = self.rows.iter().map(|r| r.axis.clone()).collect();
        let series: Vec<Series> = self
            .charted
            .iter()
            .map(|&col| Series {
                name: self.columns[col].clone(),
                points: self
                    .rows
                    .iter()
                    .map(|r| Point {
                        value: r.cells[col].value(),
                        // Along a time axis, empty months stay unlabelled; the table has them.
                        label: match r.cells[col] {
                            Cell::Count(0) if self.shape == Shape::Columns => String::new(),
                            cell => cell.label(tr),
                        },
                    })
                    .collect(),
            })
            .collect();
        let (categories, series) = if self.shape == Shape::Stacked {
            // One bar, one segment per row.
            let series = self
                .rows
                .iter()
                .map(|r| Series {
                    name: r.label.clone(),
                    points: vec![Point {
                        value: r.cells[self.charted[0]].value(),
                        label: r.cells[self.charted[0]].label(tr),
                    }],
                })
                .collect();
            (vec![tr.t("dash-outcomes-all")], series)
        } else {
            (categories, series)
        };
        let id = format!("chart-{}", self.id);
        let desc = tr.t1("dash-chart-desc", "lead", self.lead.clone());
        charts::svg(&Chart {
            id: &id,
            title: &self.title,
            desc: &desc,
            categories: &categories,
            series: &series,
            shape: self.shape,
        })
    }

    /// The table as CSV: UTF-8 with a byte-order mark (so spreadsheet programs read Chinese
    /// right), CRLF line ends, every text cell neutralised against formulas.
    pub fn csv(&self) -> String {
        let mut out = String::from("\u{feff}");
        let header = std::iter::once(&self.category).chain(&self.columns);
        push_line(&mut out, header.map(|h| csv_text(h)));
        for r in &self.rows {
            let cells = std::iter::once(csv_text(&r.label)).chain(r.cells.iter().map(Cell::csv));
            push_line(&mut out, cells);
        }
        out
    }
}

/// A text cell, neutralised and quoted where CSV needs it.
fn csv_text(text: &str) -> String {
    let safe = neutralise(text);
    if safe.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", safe.replace('"', "\"\""))
    } else {
        safe.into_owned()
    }
}

fn push_line(out: &mut String, cells: impl Iterator<Item = String>) {
    out.push_str(&cells.collect::<Vec<_>>().join(","));
    out.push_str("\r\n");
}

/// The figures of one dashboard, in page order.
pub fn figures(
    tr: &Tr,
    catalogue: &Catalogue,
    report: &Report,
    agreements: &[(AgreementStatus, u64)],
    months: &[(i16, i8)],
    audience: Audience,
) -> Vec<Figure> {
    let mut out = Vec::new();
    if audience != Audience::Agreement {
        out.push(by_specialty(tr, catalogue, report, audience));
    }
    out.push(by_pair(tr, report, audience));
    out.push(by_month(tr, report, months, audience));
    out.push(outcomes(tr, &report.total, audience));
    out.push(durations(tr, report, audience));
    out.push(pipeline(tr, report, audience));
    if audience != Audience::Agreement {
        out.push(agreements_by_status(tr, agreements));
    }
    out
}

fn tally_cells(t: &Tally, audience: Audience) -> Vec<Cell> {
    vec![
        Cell::count(t.submitted, audience),
        Cell::count(t.recognised(), audience),
    ]
}

fn tally_columns(tr: &Tr) -> Vec<String> {
    vec![tr.t("dash-col-applications"), tr.t("dash-col-recognitions")]
}

fn by_specialty(tr: &Tr, catalogue: &Catalogue, report: &Report, audience: Audience) -> Figure {
    let mut rows: Vec<(String, &Tally)> = report
        .by_specialty
        .iter()
        .map(|(id, t)| {
            let names = catalogue.specialties.get(id).map(|s| &s.names);
            (views::name(tr.locale, names, id).to_string(), t)
        })
        .collect();
    rows.sort_by(|a, b| b.1.submitted.cmp(&a.1.submitted).then(a.0.cmp(&b.0)));
    Figure {
        id: "by-specialty",
        title: tr.t("dash-by-specialty"),
        lead: tr.t("dash-by-specialty-lead"),
        category: tr.t("dash-col-specialty"),
        columns: tally_columns(tr),
        rows: rows
            .into_iter()
            .map(|(label, t)| Row {
                axis: label.clone(),
                label,
                cells: tally_cells(t, audience),
            })
            .collect(),
        shape: Shape::Bars,
        charted: vec![0, 1],
        withheld: None,
    }
}

fn jurisdiction(tr: &Tr, j: Option<Jurisdiction>) -> String {
    j.map_or_else(|| tr.t("dash-home-unknown"), |j| views::jurisdiction(tr, j))
}

fn by_pair(tr: &Tr, report: &Report, audience: Audience) -> Figure {
    let rows = report
        .by_pair
        .iter()
        .map(|((home, host), t)| {
            let label = tr.targs(
                "dash-pair",
                &[
                    ("home", jurisdiction(tr, *home).into()),
                    ("host", jurisdiction(tr, *host).into()),
                ],
            );
            Row {
                axis: label.clone(),
                label,
                cells: tally_cells(t, audience),
            }
        })
        .collect();
    Figure {
        id: "by-pair",
        title: tr.t("dash-by-pair"),
        lead: tr.t("dash-by-pair-lead"),
        category: tr.t("dash-col-pair"),
        columns: tally_columns(tr),
        rows,
        shape: Shape::Bars,
        charted: vec![0, 1],
        withheld: None,
    }
}

/// A month as the table names it, and as the axis does: its short name, with the year
/// under each January and under the first month shown (unless that is a December, whose
/// year would run into the January beside it).
fn month_labels(tr: &Tr, (year, month): (i16, i8), first: bool) -> (String, String) {
    let name = tr.t(&format!("dash-month-{month}"));
    let label = tr.targs(
        "dash-month-year",
        &[
            ("month", name.clone().into()),
            ("year", year.to_string().into()),
        ],
    );
    let axis = if (first && month != 12) || month == 1 {
        format!("{name}\n{year}")
    } else {
        name
    };
    (label, axis)
}

fn by_month(tr: &Tr, report: &Report, months: &[(i16, i8)], audience: Audience) -> Figure {
    let rows = months
        .iter()
        .enumerate()
        .map(|(i, &(year, month))| {
            let key = format!("{year:04}-{month:02}");
            let tally = report
                .by_month
                .iter()
                .find(|(m, _)| *m == key)
                .map(|(_, t)| *t)
                .unwrap_or_default();
            let (label, axis) = month_labels(tr, (year, month), i == 0);
            Row {
                label,
                axis,
                cells: tally_cells(&tally, audience),
            }
        })
        .collect();
    Figure {
        id: "by-month",
        title: tr.t("dash-by-month"),
        lead: tr.t("dash-by-month-lead"),
        category: tr.t("dash-col-month"),
        columns: tally_columns(tr),
        rows,
        shape: Shape::Columns,
        charted: vec![0, 1],
        withheld: None,
    }
}

fn outcomes(tr: &Tr, total: &Tally, audience: Audience) -> Figure {
    let decided = total.decided();
    let shown = decided > 0 && (!audience.hides_small() || decided >= MIN_BASE);
    #[allow(clippy::cast_precision_loss)]
    let share = |n: u64| {
        if shown {
            Cell::Share(n as f64 * 100.0 / decided as f64)
        } else {
            Cell::TooFew
        }
    };
    let rows = [
        ("dash-outcome-granted", total.granted),
        ("dash-outcome-conditional", total.conditional),
        ("dash-outcome-refused", total.refused),
    ]
    .into_iter()
    .map(|(key, n)| Row {
        label: tr.t(key),
        axis: tr.t(key),
        cells: vec![Cell::count(n, audience), share(n)],
    })
    .collect();
    Figure {
        id: "outcomes",
        title: tr.t("dash-outcomes"),
        lead: tr.t("dash-outcomes-lead"),
        category: tr.t("dash-col-outcome"),
        columns: vec![tr.t("dash-col-decisions"), tr.t("dash-col-share")],
        rows,
        shape: Shape::Stacked,
        charted: vec![1],
        withheld: (decided > 0 && !shown)
            .then(|| tr.t1("dash-withheld-rates", "base", tr.number(MIN_BASE))),
    }
}

fn durations(tr: &Tr, report: &Report, audience: Audience) -> Figure {
    let steps = STEP_STATES.iter().map(|s| s.code()).chain([DECISION_STEP]);
    let rows: Vec<Row> = steps
        .filter_map(|step| {
            let t = report.steps.iter().find(|t| t.step == step)?;
            let shown = !audience.hides_small() || t.count >= MIN_BASE;
            let days = |d: u64| if shown { Cell::Days(d) } else { Cell::TooFew };
            let label = tr.t(&format!("dash-step-{step}"));
            Some(Row {
                axis: label.clone(),
                label,
                cells: vec![days(t.median), days(t.p90), Cell::count(t.count, audience)],
            })
        })
        .collect();
    let all_hidden =
        !rows.is_empty() && rows.iter().all(|r| r.cells.first() == Some(&Cell::TooFew));
    Figure {
        id: "durations",
        title: tr.t("dash-durations"),
        lead: tr.t("dash-durations-lead"),
        category: tr.t("dash-col-step"),
        columns: vec![
            tr.t("dash-col-median"),
            tr.t("dash-col-p90"),
            tr.t("dash-col-completed"),
        ],
        rows,
        shape: Shape::Bars,
        charted: vec![0, 1],
        withheld: all_hidden.then(|| tr.t1("dash-withheld-times", "base", tr.number(MIN_BASE))),
    }
}

fn pipeline(tr: &Tr, report: &Report, audience: Audience) -> Figure {
    let rows = State::ALL
        .iter()
        .map(|s| {
            let n = report
                .pipeline
                .iter()
                .find(|(state, _)| state == s)
                .map_or(0, |(_, n)| *n);
            let label = tr.t(&format!("application-state-{}", s.code()));
            Row {
                axis: label.clone(),
                label,
                cells: vec![Cell::count(n, audience)],
            }
        })
        .collect();
    Figure {
        id: "pipeline",
        title: tr.t("dash-pipeline"),
        lead: tr.t("dash-pipeline-lead"),
        category: tr.t("dash-col-state"),
        columns: vec![tr.t("dash-col-applications")],
        rows,
        shape: Shape::Bars,
        charted: vec![0],
        withheld: None,
    }
}

/// Agreements are not people: their counts are shown as they are.
fn agreements_by_status(tr: &Tr, agreements: &[(AgreementStatus, u64)]) -> Figure {
    let rows = agreements
        .iter()
        .map(|(status, n)| {
            let label = views::agreement_status(tr, *status);
            Row {
                axis: label.clone(),
                label,
                cells: vec![Cell::Count(*n)],
            }
        })
        .collect();
    Figure {
        id: "agreements",
        title: tr.t("dash-agreements"),
        lead: tr.t("dash-agreements-lead"),
        category: tr.t("dash-col-status"),
        columns: vec![tr.t("dash-col-agreements")],
        rows,
        shape: Shape::Bars,
        charted: vec![0],
        withheld: None,
    }
}

/// The headline numbers above the figures: (label, value as shown).
pub fn headline(tr: &Tr, report: &Report, audience: Audience) -> Vec<(String, String)> {
    let in_progress: u64 = report
        .pipeline
        .iter()
        .filter(|(s, _)| !s.is_final() && !matches!(s, State::Draft | State::Rejected))
        .map(|(_, n)| n)
        .sum();
    [
        ("dash-stat-submitted", report.total.submitted),
        ("dash-stat-recognised", report.total.recognised()),
        ("dash-stat-in-progress", in_progress),
    ]
    .into_iter()
    .map(|(key, n)| (Cell::count(n, audience).text(tr), tr.t(key)))
    .collect()
}

/// The months the monthly figure shows: `count` of them, ending with `(year, month)`.
pub fn months_ending(year: i16, month: i8, count: usize) -> Vec<(i16, i8)> {
    let mut out = Vec::with_capacity(count);
    let (mut y, mut m) = (year, month);
    for _ in 0..count {
        out.push((y, m));
        (y, m) = if m == 1 { (y - 1, 12) } else { (y, m - 1) };
    }
    out.reverse();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_run_back_across_years() {
        let m = months_ending(2026, 2, 4);
        assert_eq!(m, vec![(2025, 11), (2025, 12), (2026, 1), (2026, 2)]);
        assert_eq!(months_ending(2026, 11, MONTHS).len(), MONTHS);
    }

    #[test]
    fn small_counts_are_hidden_only_in_public() {
        assert_eq!(Cell::count(0, Audience::Public), Cell::Count(0));
        assert_eq!(Cell::count(1, Audience::Public), Cell::Small);
        assert_eq!(Cell::count(2, Audience::Agreement), Cell::Small);
        assert_eq!(Cell::count(3, Audience::Public), Cell::Count(3));
        assert_eq!(Cell::count(1, Audience::Staff), Cell::Count(1));
        assert_eq!(Cell::Small.csv(), "<3");
        assert_eq!(Cell::Share(62.54).csv(), "62.5");
    }

    #[test]
    fn csv_cells_are_neutralised_and_quoted() {
        assert_eq!(csv_text("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_text("广东 → 香港"), "广东 → 香港");
        assert_eq!(csv_text("a,b"), "\"a,b\"");
        assert_eq!(csv_text("-1"), "-1");
    }
}
