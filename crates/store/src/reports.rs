//! The dashboards' figures, at any scale (issue 8, item 4).
//!
//! Dashboards never read the applications themselves: at 100,000 applications and their
//! histories that would take far longer than a page may. Three small tables (migration 0013)
//! hold the figures counted ahead of time, and every application write updates them in the
//! same transaction ([`Write::create_application`] and [`Write::transition_application`]
//! call in here), so they are exactly as current as the applications:
//!
//! - `report_states`: how many applications stand in each state now (the pipeline, the
//!   societies' queues);
//! - `report_flows`: submissions and the host societies' decisions per month (applications
//!   and recognitions by specialty, jurisdiction pair and month; grant, conditional and
//!   refusal rates);
//! - `report_durations`: a histogram in whole days of how long each step took, from which
//!   medians and 90th percentiles are read exactly.
//!
//! Each is keyed by the application's specialty, home society, host society and agreement, so
//! one society's or one agreement's figures are a filtered sum, and a few thousand rows at
//! most are read for any dashboard. [`Store::rebuild_reports`] recomputes all three from the
//! applications and their history, with the same SQL the migration backfilled them with.

use crate::codec;
use crate::write::Write;
use crate::{Engine, Result, Store};
use jiff::Timestamp;
use jiff::tz::{Offset, TimeZone};
use serde_json::json;
use sqlx::AnyConnection;
use wanqiao_domain::workflow::{Action, State};
use wanqiao_domain::{AgreementStatus, Date, Jurisdiction};

/// Transitions counted by month: the submission, and the host society's three decisions.
/// A dismissed appeal confirms a refusal and is not a new decision.
const FLOW_ACTIONS: [Action; 4] = [
    Action::Submit,
    Action::Approve,
    Action::ApproveWithConditions,
    Action::Reject,
];

/// The host society's decisions: the first of them ends the `decision` step.
const DECISIONS: [Action; 3] = [
    Action::Approve,
    Action::ApproveWithConditions,
    Action::Reject,
];

/// States whose time is measured when an application leaves them (other than by being
/// withdrawn, which ends a wait rather than completing a step). Time in `draft` is the
/// applicant's own, and time after a rejection is the applicant's choice to appeal.
pub const STEP_STATES: [State; 6] = [
    State::Submitted,
    State::Attested,
    State::UnderReview,
    State::InfoRequested,
    State::ConditionallyApproved,
    State::Appealed,
];

/// The step from submission to the host society's first decision, end to end.
pub const DECISION_STEP: &str = "decision";

/// The SQL that recomputes every aggregate into empty tables: the backfill part of migration
/// 0013, after its `-- rebuild:` line, shared so that the two cannot drift apart.
fn rebuild_sql(engine: Engine) -> &'static str {
    let migration = match engine {
        Engine::Sqlite => include_str!("../migrations/sqlite/0013_reports.sql"),
        Engine::Postgres => include_str!("../migrations/postgres/0013_reports.sql"),
    };
    migration
        .split_once("-- rebuild:")
        .and_then(|(_, rest)| rest.split_once('\n'))
        .map(|(_, statements)| statements)
        .expect("migration 0013 marks where its backfill begins")
}

/// The month of a moment on the Bay Area's clock (UTC+8, no daylight saving), `YYYY-MM`, as
/// the dashboards count months.
pub fn bay_month(t: Timestamp) -> String {
    let d = TimeZone::fixed(Offset::constant(8)).to_datetime(t);
    format!("{:04}-{:02}", d.year(), d.month())
}

/// Whole days from `since` to `until`, counted in whole seconds as the backfill SQL counts
/// them; never negative.
fn days_between(since: Timestamp, until: Timestamp) -> i64 {
    ((until.as_second() - since.as_second()) / 86_400).max(0)
}

/// What the aggregates are keyed by, as stored: `''` for no home society or no agreement yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Key {
    pub specialty: String,
    pub home: String,
    pub host: String,
    pub agreement: String,
}

impl Key {
    /// The key of a stored application, read inside the write that is about to change it.
    pub(crate) async fn of_application(conn: &mut AnyConnection, id: &str) -> Result<Option<Key>> {
        let row: Option<(String, Option<String>, String, Option<String>)> = sqlx::query_as(
            "SELECT specialty_id, home_society_id, host_society_id, agreement_id
             FROM applications WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
        Ok(row.map(|(specialty, home, host, agreement)| Key {
            specialty,
            home: home.unwrap_or_default(),
            host,
            agreement: agreement.unwrap_or_default(),
        }))
    }
}

const KEY_COLUMNS: &str = "specialty_id, home_society_id, host_society_id, agreement_id";

/// A key column beyond the application's own: text (state, month, action, step) or days.
#[derive(Clone, Copy)]
enum Part<'a> {
    Text(&'a str),
    Days(i64),
}

/// Adds `delta` to one row of an aggregate table, creating it when missing, and removes it
/// when it falls to zero, so the tables hold exactly the rows a rebuild would write.
async fn add(
    conn: &mut AnyConnection,
    table: &str,
    key: &Key,
    parts: &[(&str, Part<'_>)],
    delta: i64,
) -> Result<()> {
    let columns: Vec<&str> = parts.iter().map(|(c, _)| *c).collect();
    let conflict = format!("{KEY_COLUMNS}, {}", columns.join(", "));
    let n = 5 + parts.len();
    let values = codec::placeholders(1, n);
    let bind_all = |q: sqlx::query::Query<'static, sqlx::Any, sqlx::any::AnyArguments>| {
        let q = q
            .bind(key.specialty.clone())
            .bind(key.home.clone())
            .bind(key.host.clone())
            .bind(key.agreement.clone());
        parts.iter().fold(q, |q, (_, part)| match part {
            Part::Text(t) => q.bind(t.to_string()),
            Part::Days(d) => q.bind(*d),
        })
    };
    bind_all(sqlx::query(sql!(
        "INSERT INTO {table} ({conflict}, n) VALUES ({values})
         ON CONFLICT ({conflict}) DO UPDATE SET n = {table}.n + excluded.n"
    )))
    .bind(delta)
    .execute(&mut *conn)
    .await?;
    if delta < 0 {
        let matches: Vec<String> = columns
            .iter()
            .enumerate()
            .map(|(i, c)| format!("AND {c} = ${}", i + 5))
            .collect();
        let matches = matches.join(" ");
        bind_all(sqlx::query(sql!(
            "DELETE FROM {table}
             WHERE specialty_id = $1 AND home_society_id = $2 AND host_society_id = $3
               AND agreement_id = $4 {matches} AND n = 0"
        )))
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Counts a new draft application.
pub(crate) async fn record_creation(
    w: &mut Write,
    specialty: &str,
    home: Option<&str>,
    host: &str,
) -> Result<()> {
    let key = Key {
        specialty: specialty.to_string(),
        home: home.unwrap_or_default().to_string(),
        host: host.to_string(),
        agreement: String::new(),
    };
    let draft = [("state", Part::Text(State::Draft.code()))];
    add(w.conn(), "report_states", &key, &draft, 1).await
}

/// Brings the aggregates in step with a transition just recorded (its event included):
/// `before` is the application's key as it was read before the change; the agreement frozen
/// at submission moves it to that agreement's key.
pub(crate) async fn record_transition(
    w: &mut Write,
    id: &str,
    before: Option<Key>,
    action: Action,
    (from, to): (State, State),
    frozen_agreement: Option<&str>,
) -> Result<()> {
    let Some(before) = before else {
        return Ok(());
    };
    let after = Key {
        agreement: frozen_agreement.map_or_else(|| before.agreement.clone(), str::to_string),
        ..before.clone()
    };
    if before != after || from != to {
        let left = [("state", Part::Text(from.code()))];
        add(w.conn(), "report_states", &before, &left, -1).await?;
        let entered = [("state", Part::Text(to.code()))];
        add(w.conn(), "report_states", &after, &entered, 1).await?;
    }
    if FLOW_ACTIONS.contains(&action) {
        let month = bay_month(w.now());
        let flow = [
            ("month", Part::Text(&month)),
            ("action", Part::Text(action.code())),
        ];
        add(w.conn(), "report_flows", &after, &flow, 1).await?;
    }
    for (step, days) in spans_ending_now(w.conn(), id).await? {
        let span = [("step", Part::Text(&step)), ("days", Part::Days(days))];
        add(w.conn(), "report_durations", &after, &span, 1).await?;
    }
    Ok(())
}

/// The steps that the application's latest transition completed, with their length in
/// days: the state it left (see [`STEP_STATES`]), and submission-to-decision when this is
/// its first decision. Reads the application's own history, a dozen rows at most.
async fn spans_ending_now(conn: &mut AnyConnection, id: &str) -> Result<Vec<(String, i64)>> {
    let rows: Vec<(String, String, Option<String>)> = sqlx::query_as(
        "SELECT at, action, from_state FROM application_events
         WHERE application_id = $1 AND action <> 'escalate' ORDER BY seq",
    )
    .bind(id)
    .fetch_all(conn)
    .await?;
    let at = |raw: &str| codec::read_instant("application_events.at", raw);
    let mut spans = Vec::new();
    let [.., (since, _, _), (until, action, from)] = rows.as_slice() else {
        return Ok(spans);
    };
    let action = Action::parse(action);
    let from = from.as_deref().and_then(State::parse);
    if let Some(from) = from
        && action != Some(Action::Withdraw)
        && STEP_STATES.contains(&from)
    {
        spans.push((
            from.code().to_string(),
            days_between(at(since)?, at(until)?),
        ));
    }
    let is_decision = |a: &str| Action::parse(a).is_some_and(|a| DECISIONS.contains(&a));
    if action.is_some_and(|a| DECISIONS.contains(&a))
        && rows.iter().filter(|(_, a, _)| is_decision(a)).count() == 1
        && let Some(submitted) = rows
            .iter()
            .filter(|(_, a, _)| a == Action::Submit.code())
            .map(|(t, _, _)| t)
            .min()
    {
        spans.push((
            DECISION_STEP.to_string(),
            days_between(at(submitted)?, at(until)?),
        ));
    }
    Ok(spans)
}

/// Whose figures a report covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportScope<'a> {
    /// The whole mechanism.
    All,
    /// Applications from or to one society.
    Society(&'a str),
    /// Applications submitted under one agreement.
    Agreement(&'a str),
}

impl ReportScope<'_> {
    /// The condition on an aggregate table (its columns prefixed by `t.`), binding at most `$1`.
    fn condition(&self) -> &'static str {
        match self {
            ReportScope::All => "1 = 1",
            ReportScope::Society(_) => "(t.home_society_id = $1 OR t.host_society_id = $1)",
            ReportScope::Agreement(_) => "t.agreement_id = $1",
        }
    }

    fn value(&self) -> Option<&str> {
        match self {
            ReportScope::All => None,
            ReportScope::Society(s) | ReportScope::Agreement(s) => Some(s),
        }
    }
}

/// Submissions and decisions counted together: under one specialty, one jurisdiction pair,
/// one month, or all of them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Applications submitted.
    pub submitted: u64,
    /// Decisions: approved without conditions, approved with conditions, rejected.
    pub granted: u64,
    pub conditional: u64,
    pub refused: u64,
}

impl Tally {
    /// Recognitions: approvals with or without conditions.
    pub fn recognised(&self) -> u64 {
        self.granted + self.conditional
    }

    /// Decisions taken.
    pub fn decided(&self) -> u64 {
        self.granted + self.conditional + self.refused
    }

    fn count(&mut self, action: &str, n: u64) {
        match Action::parse(action) {
            Some(Action::Submit) => self.submitted += n,
            Some(Action::Approve) => self.granted += n,
            Some(Action::ApproveWithConditions) => self.conditional += n,
            Some(Action::Reject) => self.refused += n,
            _ => {}
        }
    }
}

/// How long one step took, over every time it was completed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepTimes {
    /// A state of [`STEP_STATES`], or [`DECISION_STEP`].
    pub step: String,
    /// How many times the step was completed.
    pub count: u64,
    /// The median and 90th percentile in whole days (nearest rank).
    pub median: u64,
    pub p90: u64,
}

/// From the home society's jurisdiction to the host society's; `None` where the application
/// names no home society (or a society no longer in the register).
pub type Pair = (Option<Jurisdiction>, Option<Jurisdiction>);

/// Everything a dashboard shows for one scope.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Per specialty id, in id order.
    pub by_specialty: Vec<(String, Tally)>,
    /// Per (home, host) jurisdiction.
    pub by_pair: Vec<(Pair, Tally)>,
    /// Per month (`YYYY-MM`) from the month asked for on, months without anything left out.
    pub by_month: Vec<(String, Tally)>,
    /// Every submission and decision ever, in the scope.
    pub total: Tally,
    /// Per step, in the order of [`STEP_STATES`] then [`DECISION_STEP`]; steps never
    /// completed are left out.
    pub steps: Vec<StepTimes>,
    /// Applications in each state now, in the workflow's order, states without any left out.
    pub pipeline: Vec<(State, u64)>,
}

/// A society's own work waiting now.
#[derive(Debug, Clone, Default)]
pub struct SocietyQueues {
    /// Submitted, waiting on this (home) society's attestation.
    pub awaiting_attestation: u64,
    /// Attested, under review or appealed, with this (host) society.
    pub awaiting_review: u64,
    /// Waiting on the applicant's answer to this (host) society's request.
    pub info_requested: u64,
    /// Overdue on this society's side, as on `/admin/overdue`.
    pub overdue: u64,
    /// The longest overdue first, a few only.
    pub overdue_items: Vec<OverdueItem>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverdueItem {
    pub application: String,
    pub state: State,
    pub specialty: String,
    pub due_on: Date,
}

fn count(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

/// The value at rank ⌈p·N⌉ (at least 1) of a histogram of (value, how many) sorted by value.
pub fn percentile(histogram: &[(u64, u64)], p: f64) -> Option<u64> {
    let total: u64 = histogram.iter().map(|(_, n)| n).sum();
    if total == 0 {
        return None;
    }
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss
    )]
    let rank = ((p * total as f64).ceil() as u64).clamp(1, total);
    let mut seen = 0;
    histogram.iter().find_map(|(value, n)| {
        seen += n;
        (seen >= rank).then_some(*value)
    })
}

impl Store {
    /// Every figure of a dashboard for `scope`, months counted from `since_month`
    /// (`YYYY-MM`) on. Reads only the aggregate tables, with their indexes.
    pub async fn report(&self, scope: ReportScope<'_>, since_month: &str) -> Result<Report> {
        let cond = scope.condition();
        let value = scope.value().unwrap_or_default();
        let mut report = Report::default();

        let rows: Vec<(String, String, i64)> = sqlx::query_as(sql!(
            "SELECT t.specialty_id, t.action, CAST(SUM(t.n) AS BIGINT) FROM report_flows t
             WHERE {cond} GROUP BY t.specialty_id, t.action ORDER BY t.specialty_id"
        ))
        .bind(value)
        .fetch_all(&self.pool)
        .await?;
        for (specialty, action, n) in rows {
            if report.by_specialty.last().map(|(s, _)| s) != Some(&specialty) {
                report.by_specialty.push((specialty, Tally::default()));
            }
            if let Some((_, t)) = report.by_specialty.last_mut() {
                t.count(&action, count(n));
            }
            report.total.count(&action, count(n));
        }

        let rows: Vec<(String, String, String, i64)> = sqlx::query_as(sql!(
            "SELECT COALESCE(h.jurisdiction, ''), COALESCE(s.jurisdiction, ''), t.action,
                    CAST(SUM(t.n) AS BIGINT)
             FROM report_flows t
             LEFT JOIN societies h ON h.id = t.home_society_id
             LEFT JOIN societies s ON s.id = t.host_society_id
             WHERE {cond}
             GROUP BY COALESCE(h.jurisdiction, ''), COALESCE(s.jurisdiction, ''), t.action"
        ))
        .bind(value)
        .fetch_all(&self.pool)
        .await?;
        for (home, host, action, n) in rows {
            let pair = (home.parse().ok(), host.parse().ok());
            match report.by_pair.iter_mut().find(|(p, _)| *p == pair) {
                Some((_, t)) => t.count(&action, count(n)),
                None => {
                    let mut t = Tally::default();
                    t.count(&action, count(n));
                    report.by_pair.push((pair, t));
                }
            }
        }
        report.by_pair.sort_by_key(|(p, _)| *p);

        let rows: Vec<(String, String, i64)> = sqlx::query_as(sql!(
            "SELECT t.month, t.action, CAST(SUM(t.n) AS BIGINT) FROM report_flows t
             WHERE {cond} AND t.month >= $2 GROUP BY t.month, t.action ORDER BY t.month"
        ))
        .bind(value)
        .bind(since_month)
        .fetch_all(&self.pool)
        .await?;
        for (month, action, n) in rows {
            if report.by_month.last().map(|(m, _)| m) != Some(&month) {
                report.by_month.push((month, Tally::default()));
            }
            if let Some((_, t)) = report.by_month.last_mut() {
                t.count(&action, count(n));
            }
        }

        let rows: Vec<(String, i64, i64)> = sqlx::query_as(sql!(
            "SELECT t.step, t.days, CAST(SUM(t.n) AS BIGINT) FROM report_durations t
             WHERE {cond} GROUP BY t.step, t.days ORDER BY t.step, t.days"
        ))
        .bind(value)
        .fetch_all(&self.pool)
        .await?;
        let order = STEP_STATES.iter().map(|s| s.code()).chain([DECISION_STEP]);
        for step in order {
            let histogram: Vec<(u64, u64)> = rows
                .iter()
                .filter(|(s, _, _)| s == step)
                .map(|(_, days, n)| (count(*days), count(*n)))
                .collect();
            if let (Some(median), Some(p90)) =
                (percentile(&histogram, 0.5), percentile(&histogram, 0.9))
            {
                report.steps.push(StepTimes {
                    step: step.to_string(),
                    count: histogram.iter().map(|(_, n)| n).sum(),
                    median,
                    p90,
                });
            }
        }

        let rows: Vec<(String, i64)> = sqlx::query_as(sql!(
            "SELECT t.state, CAST(SUM(t.n) AS BIGINT) FROM report_states t
             WHERE {cond} GROUP BY t.state"
        ))
        .bind(value)
        .fetch_all(&self.pool)
        .await?;
        report.pipeline = State::ALL
            .iter()
            .filter_map(|s| {
                let n = rows.iter().find(|(code, _)| code == s.code())?.1;
                (n > 0).then_some((*s, count(n)))
            })
            .collect();
        Ok(report)
    }

    /// Agreements by status, in lifecycle order: all of them, or those `society` is party to.
    pub async fn agreements_by_status(
        &self,
        society: Option<&str>,
    ) -> Result<Vec<(AgreementStatus, u64)>> {
        let rows: Vec<(String, i64)> = sqlx::query_as(
            "SELECT status, COUNT(*) FROM agreements
             WHERE $1 IS NULL OR id IN (SELECT agreement_id FROM agreement_parties WHERE society_id = $1)
             GROUP BY status",
        )
        .bind(society)
        .fetch_all(&self.pool)
        .await?;
        Ok(AgreementStatus::ALL
            .iter()
            .filter_map(|s| {
                let n = rows.iter().find(|(code, _)| code == s.code())?.1;
                Some((*s, count(n)))
            })
            .collect())
    }

    /// What waits on `society` now, and what is overdue on its side on `today`: the attestor's
    /// queue as home society, the reviewers' as host, and a few of the longest overdue items.
    pub async fn society_queues(
        &self,
        society: &str,
        today: Date,
        items: u32,
    ) -> Result<SocietyQueues> {
        let rows: Vec<(String, String, i64)> = sqlx::query_as(
            "SELECT 'home', state, CAST(SUM(n) AS BIGINT) FROM report_states
             WHERE home_society_id = $1 GROUP BY state
             UNION ALL
             SELECT 'host', state, CAST(SUM(n) AS BIGINT) FROM report_states
             WHERE host_society_id = $1 GROUP BY state",
        )
        .bind(society)
        .fetch_all(&self.pool)
        .await?;
        let mut q = SocietyQueues::default();
        for (side, state, n) in rows {
            let n = count(n);
            match (side.as_str(), State::parse(&state)) {
                ("home", Some(State::Submitted)) => q.awaiting_attestation += n,
                ("host", Some(State::Attested | State::UnderReview | State::Appealed)) => {
                    q.awaiting_review += n;
                }
                ("host", Some(State::InfoRequested)) => q.info_requested += n,
                _ => {}
            }
        }
        // Overdue where this society must act: as home society on the attestation clock, as
        // host society on the decision and answer clocks (the queues' own definition). One
        // range of an index per clock, so the count reads index entries only and the list
        // stops after `items` rows of each.
        const CLOCKS: [(&str, &str); 3] = [
            ("home_society_id", "attest"),
            ("host_society_id", "decide"),
            ("host_society_id", "answer"),
        ];
        let today = today.to_string();
        let counts: Vec<String> = CLOCKS
            .iter()
            .map(|(side, step)| {
                format!(
                    "(SELECT COUNT(*) FROM applications
                      WHERE {side} = $1 AND deadline_step = '{step}' AND deadline_due_on < $2)"
                )
            })
            .collect();
        let (n,): (i64,) = sqlx::query_as(sql!("SELECT {}", counts.join(" + ")))
            .bind(society)
            .bind(&today)
            .fetch_one(&self.pool)
            .await?;
        q.overdue = count(n);
        let lists: Vec<String> = CLOCKS
            .iter()
            .map(|(side, step)| {
                format!(
                    "SELECT * FROM (SELECT id, state, specialty_id, deadline_due_on FROM applications
                      WHERE {side} = $1 AND deadline_step = '{step}' AND deadline_due_on < $2
                      ORDER BY deadline_due_on LIMIT $3) AS {step}"
                )
            })
            .collect();
        let rows: Vec<(String, String, String, String)> =
            sqlx::query_as(sql!("{}", lists.join(" UNION ALL ")))
                .bind(society)
                .bind(&today)
                .bind(i64::from(items))
                .fetch_all(&self.pool)
                .await?;
        let mut items_found = rows
            .into_iter()
            .map(|(id, state, specialty, due)| {
                Ok(OverdueItem {
                    application: id,
                    state: codec::code("applications.state", &state, State::parse)?,
                    specialty,
                    due_on: codec::read_day("applications.deadline_due_on", &due)?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        items_found.sort_by(|a, b| (a.due_on, &a.application).cmp(&(b.due_on, &b.application)));
        items_found.truncate(usize::try_from(items).unwrap_or(usize::MAX));
        q.overdue_items = items_found;
        Ok(q)
    }

    /// Recomputes every aggregate from the applications and their history, in one audited
    /// write by `actor`, and says how many rows each table holds afterwards.
    ///
    /// **Run this after writing applications in bulk around [`Write::transition_application`]**
    /// (the scale dataset of `wanqiao demo scale` does): the dashboards read only the
    /// aggregates, so applications inserted with plain SQL do not show until it runs. It
    /// needs each application's row (its current state) and its `application_events` history
    /// (`submit`, the decisions and every other transition, with `at` in the stored RFC 3339
    /// form), which it reads whole: seconds at 100,000 applications. Safe to run at any time;
    /// concurrent writers wait for it.
    pub async fn rebuild_reports(&self, actor: &str, now: Timestamp) -> Result<RebuildSummary> {
        let mut w = self.write(actor, now).await?;
        let summary = w.rebuild_reports().await?;
        w.commit().await?;
        Ok(summary)
    }

    /// Every row of the three aggregate tables, sorted, to compare the aggregates kept in step
    /// with the writes against a rebuild (the tests do, after random walks through the
    /// workflow).
    pub async fn report_rows(&self) -> Result<ReportRows> {
        let mut out = ReportRows::default();
        for (table, column, rows) in [
            ("report_states", "state", &mut out.states),
            ("report_flows", "month || ' ' || action", &mut out.flows),
            (
                "report_durations",
                "step || ' ' || CAST(days AS TEXT)",
                &mut out.durations,
            ),
        ] {
            *rows = sqlx::query_as(sql!(
                "SELECT {KEY_COLUMNS}, {column}, n FROM {table}
                 ORDER BY {KEY_COLUMNS}, {column}"
            ))
            .fetch_all(&self.pool)
            .await?;
        }
        Ok(out)
    }
}

/// One aggregate row: specialty, home society, host society, agreement, the rest of its key
/// (state; month and action; step and days), and its count.
pub type ReportRow = (String, String, String, String, String, i64);

/// The aggregate tables' rows, see [`Store::report_rows`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportRows {
    pub states: Vec<ReportRow>,
    pub flows: Vec<ReportRow>,
    pub durations: Vec<ReportRow>,
}

/// How many rows a rebuild left in each aggregate table.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct RebuildSummary {
    pub states: u64,
    pub flows: u64,
    pub durations: u64,
}

impl Write {
    /// [`Store::rebuild_reports`] inside this write, for a bulk load that wants its
    /// applications and their aggregates to appear together in one commit.
    pub async fn rebuild_reports(&mut self) -> Result<RebuildSummary> {
        let engine = match self.conn().backend_name() {
            "PostgreSQL" => Engine::Postgres,
            _ => Engine::Sqlite,
        };
        for table in ["report_states", "report_flows", "report_durations"] {
            sqlx::query(sql!("DELETE FROM {table}"))
                .execute(self.conn())
                .await?;
        }
        sqlx::raw_sql(rebuild_sql(engine))
            .execute(self.conn())
            .await?;
        let mut summary = RebuildSummary::default();
        for (table, n) in [
            ("report_states", &mut summary.states),
            ("report_flows", &mut summary.flows),
            ("report_durations", &mut summary.durations),
        ] {
            let (rows,): (i64,) = sqlx::query_as(sql!("SELECT COUNT(*) FROM {table}"))
                .fetch_one(self.conn())
                .await?;
            *n = count(rows);
        }
        self.audit(
            "reports.rebuild",
            "reports",
            json!({ "states": summary.states, "flows": summary.flows, "durations": summary.durations }),
        )
        .await?;
        Ok(summary)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_by_nearest_rank() {
        let h = [(0, 1), (2, 1), (5, 1), (9, 1)];
        assert_eq!(percentile(&h, 0.5), Some(2));
        assert_eq!(percentile(&h, 0.9), Some(9));
        assert_eq!(percentile(&[(3, 10)], 0.5), Some(3));
        assert_eq!(percentile(&[(1, 9), (40, 1)], 0.9), Some(1));
        assert_eq!(percentile(&[(1, 8), (40, 2)], 0.9), Some(40));
        assert_eq!(percentile(&[], 0.5), None);
    }

    #[test]
    fn months_on_the_bay_areas_clock() {
        let t: Timestamp = "2026-01-31T15:59:59Z".parse().unwrap();
        assert_eq!(bay_month(t), "2026-01");
        let t: Timestamp = "2026-01-31T16:00:00Z".parse().unwrap();
        assert_eq!(bay_month(t), "2026-02");
    }

    #[test]
    fn days_are_whole_and_never_negative() {
        let a: Timestamp = "2026-01-01T10:00:00.900Z".parse().unwrap();
        let b: Timestamp = "2026-01-02T10:00:00.100Z".parse().unwrap();
        assert_eq!(days_between(a, b), 1);
        assert_eq!(days_between(b, a), 0);
    }

    #[test]
    fn the_rebuild_is_the_migrations_backfill() {
        for engine in [Engine::Sqlite, Engine::Postgres] {
            let sql = rebuild_sql(engine);
            assert!(sql.contains("INSERT INTO report_states"));
            assert!(sql.contains("INSERT INTO report_durations"));
            assert!(!sql.contains("CREATE TABLE"));
            assert!(
                sql.trim_start().starts_with("--"),
                "starts on a comment line"
            );
        }
    }
}
