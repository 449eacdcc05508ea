//! Applications and their history.

use crate::codec::{self, code};
use crate::error::OrConflict;
use crate::secret::new_id;
use crate::write::Write;
use crate::{Page, Paged, Result, Store, StoreError};
use serde::Serialize;
use serde_json::json;
use sqlx::AnyConnection;
use wanqiao_domain::deadlines::{Clock, Deadlines, Step};
use wanqiao_domain::workflow::{Action, State};
use wanqiao_domain::{Date, LocalizedText, Requirement};

/// An application as stored.
#[derive(Debug, Clone, Serialize)]
pub struct Application {
    pub id: String,
    pub engineer: String,
    pub qualification: String,
    pub specialty: String,
    pub home_society: Option<String>,
    pub host_society: String,
    pub agreement: Option<String>,
    pub agreement_version: Option<u32>,
    /// What the engine decided under the frozen version, as JSON.
    pub evaluation: Option<serde_json::Value>,
    pub state: State,
    pub outstanding: Vec<Requirement>,
    pub rejected_by: Option<String>,
    pub revision: i64,
    pub created_at: String,
    pub updated_at: String,
    /// The agreement's deadlines as they stood at submission.
    #[serde(skip)]
    pub deadlines: Deadlines,
    /// The clock of the current step; the service shows it as `deadline`.
    #[serde(skip)]
    pub clock: Option<Clock>,
    /// When an overdue decision was escalated to the host society's admins.
    pub escalated_at: Option<String>,
    /// The engineer's names, read with the application by [`Store::applications`], so a
    /// list needs no statement per row for them; `None` elsewhere.
    #[serde(skip)]
    pub engineer_names: Option<LocalizedText>,
}

/// One step of an application's history.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Event {
    pub seq: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub from_state: Option<String>,
    pub to_state: String,
    pub note: String,
    #[sqlx(skip)]
    pub reason_codes: Vec<String>,
    #[serde(skip)]
    pub reason_codes_json: String,
}

/// Narrows a list of applications; `None` means any.
#[derive(Debug, Clone, Default)]
pub struct ApplicationFilter {
    pub state: Option<State>,
    /// Applications whose home or host society is one of these.
    pub societies: Option<Vec<String>>,
    /// Applications of this engineer profile.
    pub engineer: Option<String>,
    /// Only overdue applications (`true`) or only the others (`false`), judged on `today`.
    pub overdue: Option<bool>,
    pub today: Option<Date>,
    /// The order of the list and whether it is reversed; `None` is most recently changed
    /// first.
    pub order: Option<(ApplicationOrder, bool)>,
}

/// What a list of applications can be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApplicationOrder {
    /// When it last changed.
    Updated,
    /// When it was created.
    Created,
    /// When the step it waits on is due; those without a deadline last.
    Due,
    /// Where it stands, in the workflow's order.
    State,
    /// Its specialty.
    Specialty,
}

impl ApplicationOrder {
    /// The `ORDER BY` list, from fixed column names only.
    fn sql(order: Option<(ApplicationOrder, bool)>) -> String {
        let Some((by, descending)) = order else {
            return "updated_at DESC, id".to_string();
        };
        let dir = if descending { "DESC" } else { "ASC" };
        match by {
            ApplicationOrder::Updated => format!("updated_at {dir}, id {dir}"),
            ApplicationOrder::Created => format!("created_at {dir}, id {dir}"),
            ApplicationOrder::Due => format!(
                "CASE WHEN deadline_due_on IS NULL THEN 1 ELSE 0 END, deadline_due_on {dir}, id"
            ),
            ApplicationOrder::State => {
                let rank: String = State::ALL
                    .iter()
                    .enumerate()
                    .map(|(i, s)| format!(" WHEN '{}' THEN {i}", s.code()))
                    .collect();
                format!("CASE state{rank} END {dir}, updated_at DESC, id")
            }
            ApplicationOrder::Specialty => format!("specialty_id {dir}, updated_at DESC, id"),
        }
    }
}

#[derive(sqlx::FromRow)]
struct Row {
    id: String,
    engineer_id: String,
    qualification_id: String,
    specialty_id: String,
    home_society_id: Option<String>,
    host_society_id: String,
    agreement_id: Option<String>,
    agreement_version: Option<i64>,
    evaluation: Option<String>,
    state: String,
    outstanding: String,
    rejected_by: Option<String>,
    revision: i64,
    created_at: String,
    updated_at: String,
    deadlines: Option<String>,
    deadline_step: Option<String>,
    deadline_due_on: Option<String>,
    deadline_paused_left: Option<i64>,
    escalated_at: Option<String>,
    /// Read by lists only (see [`NAMES`]).
    #[sqlx(default)]
    name_zh_hans: Option<String>,
    #[sqlx(default)]
    name_zh_hant: Option<String>,
    #[sqlx(default)]
    name_en: Option<String>,
    #[sqlx(default)]
    name_pt: Option<String>,
}

/// The engineer's names beside [`COLUMNS`], for lists.
const NAMES: &str = "(SELECT e.name_zh_hans FROM engineers e WHERE e.id = applications.engineer_id) AS name_zh_hans,
    (SELECT e.name_zh_hant FROM engineers e WHERE e.id = applications.engineer_id) AS name_zh_hant,
    (SELECT e.name_en FROM engineers e WHERE e.id = applications.engineer_id) AS name_en,
    (SELECT e.name_pt FROM engineers e WHERE e.id = applications.engineer_id) AS name_pt";

const COLUMNS: &str = "id, engineer_id, qualification_id, specialty_id, home_society_id, host_society_id,
    agreement_id, agreement_version, evaluation, state, outstanding, rejected_by, revision, created_at, updated_at,
    deadlines, deadline_step, deadline_due_on, deadline_paused_left, escalated_at";

fn to_application(r: Row) -> Result<Application> {
    let codes: Vec<String> = serde_json::from_str(&r.outstanding)
        .map_err(|e| StoreError::Corrupt(format!("applications.outstanding: {e}")))?;
    let outstanding = codes
        .iter()
        .map(|c| c.parse::<Requirement>().map_err(StoreError::Corrupt))
        .collect::<Result<_>>()?;
    let clock = match (&r.deadline_step, &r.deadline_due_on) {
        (Some(step), Some(due)) => Some(Clock {
            step: code("applications.deadline_step", step, Step::parse)?,
            due_on: codec::read_day("applications.deadline_due_on", due)?,
            paused_days_left: r.deadline_paused_left,
        }),
        _ => None,
    };
    let engineer_names = match (r.name_zh_hans, r.name_zh_hant, r.name_en) {
        (Some(zh_hans), Some(zh_hant), Some(en)) => Some(LocalizedText {
            zh_hans,
            zh_hant,
            en,
            pt: r.name_pt,
        }),
        _ => None,
    };
    Ok(Application {
        engineer_names,
        id: r.id,
        engineer: r.engineer_id,
        qualification: r.qualification_id,
        specialty: r.specialty_id,
        home_society: r.home_society_id,
        host_society: r.host_society_id,
        agreement: r.agreement_id,
        agreement_version: r.agreement_version.map(|v| u32::try_from(v).unwrap_or(0)),
        evaluation: r
            .evaluation
            .map(|e| serde_json::from_str(&e))
            .transpose()
            .map_err(|e| StoreError::Corrupt(format!("applications.evaluation: {e}")))?,
        state: code("applications.state", &r.state, State::parse)?,
        outstanding,
        rejected_by: r.rejected_by,
        revision: r.revision,
        created_at: r.created_at,
        updated_at: r.updated_at,
        deadlines: read_deadlines("applications.deadlines", r.deadlines.as_deref())?,
        clock,
        escalated_at: r.escalated_at,
    })
}

pub(crate) fn read_deadlines(column: &str, raw: Option<&str>) -> Result<Deadlines> {
    raw.map(serde_json::from_str)
        .transpose()
        .map_err(|e| StoreError::Corrupt(format!("{column}: {e}")))
        .map(Option::unwrap_or_default)
}

/// Stores an agreement's deadlines; the defaults as NULL, so they follow the code's defaults.
pub(crate) async fn set_agreement_deadlines(
    conn: &mut AnyConnection,
    id: &str,
    d: &Deadlines,
) -> Result<()> {
    let json = (!d.is_default()).then(|| serde_json::to_string(d).expect("deadlines serialise"));
    sqlx::query("UPDATE agreements SET deadlines = $1 WHERE id = $2")
        .bind(json)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

fn codes_json(requirements: &[Requirement]) -> String {
    let codes: Vec<String> = requirements.iter().map(ToString::to_string).collect();
    serde_json::to_string(&codes).expect("codes serialise")
}

impl Store {
    pub async fn application(&self, id: &str) -> Result<Option<Application>> {
        let row: Option<Row> =
            sqlx::query_as(sql!("SELECT {COLUMNS} FROM applications WHERE id = $1"))
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
        row.map(to_application).transpose()
    }

    /// Most recently changed first, unless the filter asks for another order.
    pub async fn applications(
        &self,
        filter: &ApplicationFilter,
        page: Page,
    ) -> Result<Paged<Application>> {
        let societies = filter.societies.clone().unwrap_or_default();
        if filter.societies.is_some() && societies.is_empty() {
            return Ok(Paged {
                items: Vec::new(),
                total: 0,
            });
        }
        let scope = if societies.is_empty() {
            String::new()
        } else {
            let list = codec::placeholders(5, societies.len());
            format!("AND (host_society_id IN ({list}) OR home_society_id IN ({list}))")
        };
        let where_ = format!(
            "WHERE ($1 IS NULL OR state = $1) AND ($2 IS NULL OR engineer_id = $2)
               AND ($3 IS NULL OR $3 = CASE WHEN deadline_step IN ('attest', 'decide', 'answer')
                                             AND deadline_due_on < $4 THEN 1 ELSE 0 END) {scope}"
        );
        let state = filter.state.map(|s| s.code().to_string());
        let overdue = filter.overdue.map(i64::from);
        let today = filter.overdue.map(|_| {
            filter
                .today
                .expect("an overdue filter comes with the day it judges on")
                .to_string()
        });
        let n = societies.len();
        let mut list = sqlx::query_as::<_, Row>(sql!(
            "SELECT {COLUMNS}, {NAMES} FROM applications {where_} ORDER BY {} LIMIT ${} OFFSET ${}",
            ApplicationOrder::sql(filter.order),
            n + 5,
            n + 6
        ))
        .bind(&state)
        .bind(&filter.engineer)
        .bind(overdue)
        .bind(&today);
        for s in &societies {
            list = list.bind(s);
        }
        let rows = list
            .bind(codec::limit(page))
            .bind(codec::offset(page))
            .fetch_all(&self.pool)
            .await?;
        // The whole list counts itself.
        let total = if page == Page::ALL {
            rows.len() as u64
        } else {
            let mut count =
                sqlx::query_as::<_, (i64,)>(sql!("SELECT COUNT(*) FROM applications {where_}"))
                    .bind(&state)
                    .bind(&filter.engineer)
                    .bind(overdue)
                    .bind(&today);
            for s in &societies {
                count = count.bind(s);
            }
            codec::count(count.fetch_one(&self.pool).await?.0)
        };
        Ok(Paged {
            items: rows
                .into_iter()
                .map(to_application)
                .collect::<Result<_>>()?,
            total,
        })
    }

    /// Applications whose host society let its decision deadline pass before `today`, and
    /// that were not escalated yet: what the sweep acts on.
    pub async fn overdue_decisions(&self, today: Date) -> Result<Vec<Application>> {
        let rows: Vec<Row> = sqlx::query_as(sql!(
            "SELECT {COLUMNS} FROM applications
             WHERE deadline_step = 'decide' AND deadline_due_on < $1 AND escalated_at IS NULL
               AND state IN ('attested', 'under_review', 'appealed')
             ORDER BY deadline_due_on, id"
        ))
        .bind(today.to_string())
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(to_application).collect()
    }

    pub async fn application_history(&self, id: &str) -> Result<Vec<Event>> {
        let rows: Vec<Event> = sqlx::query_as(
            "SELECT seq, at, actor, action, from_state, to_state, note, reason_codes AS reason_codes_json
             FROM application_events WHERE application_id = $1 ORDER BY seq",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|mut e| {
                e.reason_codes = serde_json::from_str(&e.reason_codes_json).map_err(|x| {
                    StoreError::Corrupt(format!("application_events.reason_codes: {x}"))
                })?;
                Ok(e)
            })
            .collect()
    }
}

/// A new application, before it is written.
#[derive(Debug, Clone)]
pub struct NewApplication<'a> {
    pub engineer: &'a str,
    pub qualification: &'a str,
    pub specialty: &'a str,
    pub home_society: Option<&'a str>,
    pub host_society: &'a str,
}

/// A transition to record.
#[derive(Debug, Clone)]
pub struct Transition<'a> {
    pub action: Action,
    pub from: State,
    pub to: State,
    /// The revision the decision was taken on: if it changed meanwhile, someone else won.
    pub revision: i64,
    pub outstanding: &'a [Requirement],
    pub note: &'a str,
    pub reason_codes: &'a [String],
    /// On submission: the agreement version frozen into the application, and the evaluation.
    pub frozen: Option<(&'a str, u32, serde_json::Value)>,
}

impl Write {
    pub async fn create_application(&mut self, a: &NewApplication<'_>) -> Result<String> {
        let id = new_id();
        let now = codec::instant(self.now());
        sqlx::query(
            "INSERT INTO applications (id, engineer_id, qualification_id, specialty_id, home_society_id, host_society_id, state, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, 'draft', $7, $7)",
        )
        .bind(&id)
        .bind(a.engineer)
        .bind(a.qualification)
        .bind(a.specialty)
        .bind(a.home_society)
        .bind(a.host_society)
        .bind(&now)
        .execute(self.conn())
        .await
        .or_conflict(|| {
            "an application to this society in this specialty is already in progress; continue that one".into()
        })?;
        self.record_event(&id, 1, None, State::Draft, "create", "", &[])
            .await?;
        crate::reports::record_creation(self, a.specialty, a.home_society, a.host_society).await?;
        self.audit(
            "application.create",
            &format!("application:{id}"),
            json!({ "engineer": a.engineer, "host_society": a.host_society, "specialty": a.specialty }),
        )
        .await?;
        Ok(id)
    }

    #[allow(clippy::too_many_arguments)]
    async fn record_event(
        &mut self,
        id: &str,
        seq: i64,
        from: Option<State>,
        to: State,
        action: &str,
        note: &str,
        reasons: &[String],
    ) -> Result<()> {
        let now = codec::instant(self.now());
        let actor = self.actor().to_string();
        sqlx::query(
            "INSERT INTO application_events (application_id, seq, at, actor, action, from_state, to_state, note, reason_codes)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(id)
        .bind(seq)
        .bind(&now)
        .bind(&actor)
        .bind(action)
        .bind(from.map(|s| s.code()))
        .bind(to.code())
        .bind(note)
        .bind(serde_json::to_string(reasons).expect("codes serialise"))
        .execute(self.conn())
        .await?;
        Ok(())
    }

    /// Records a transition, unless someone else changed the application since it was read.
    pub async fn transition_application(&mut self, id: &str, t: &Transition<'_>) -> Result<()> {
        let now = codec::instant(self.now());
        let rejected_by = (t.to == State::Rejected).then(|| self.actor().to_string());
        let (agreement, version, evaluation) = match &t.frozen {
            Some((a, v, e)) => (
                Some(a.to_string()),
                Some(i64::from(*v)),
                Some(e.to_string()),
            ),
            None => (None, None, None),
        };
        // The dashboards' aggregates move from the application's key as it stands now.
        let before = crate::reports::Key::of_application(self.conn(), id).await?;
        let done = sqlx::query(
            "UPDATE applications SET state = $1, outstanding = $2, revision = revision + 1, updated_at = $3,
                 rejected_by = COALESCE($4, rejected_by),
                 agreement_id = COALESCE($5, agreement_id),
                 agreement_version = COALESCE($6, agreement_version),
                 evaluation = COALESCE($7, evaluation),
                 deadline_step = NULL, deadline_due_on = NULL, deadline_paused_left = NULL,
                 escalated_at = NULL
             WHERE id = $8 AND revision = $9 AND state = $10",
        )
        .bind(t.to.code())
        .bind(codes_json(t.outstanding))
        .bind(&now)
        .bind(&rejected_by)
        .bind(&agreement)
        .bind(version)
        .bind(&evaluation)
        .bind(id)
        .bind(t.revision)
        .bind(t.from.code())
        .execute(self.conn())
        .await
        .or_conflict(|| "another application to this society in this specialty is in progress".into())?
        .rows_affected();
        if done == 0 {
            return Err(StoreError::Conflict(
                "someone else acted on this application at the same time; reload it to see what changed".into(),
            ));
        }
        let (seq,): (i64,) = sqlx::query_as(
            "SELECT COALESCE(MAX(seq), 0) + 1 FROM application_events WHERE application_id = $1",
        )
        .bind(id)
        .fetch_one(self.conn())
        .await?;
        self.record_event(
            id,
            seq,
            Some(t.from),
            t.to,
            t.action.code(),
            t.note,
            t.reason_codes,
        )
        .await?;
        let frozen_agreement = t.frozen.as_ref().map(|f| f.0);
        crate::reports::record_transition(
            self,
            id,
            before,
            t.action,
            (t.from, t.to),
            frozen_agreement,
        )
        .await?;
        self.audit(
            &format!("application.{}", t.action.code()),
            &format!("application:{id}"),
            json!({ "from": t.from, "to": t.to, "reason_codes": t.reason_codes, "outstanding": codes_json(t.outstanding) }),
        )
        .await
    }

    /// Sets the clock of the step an application has just entered (a transition stops the
    /// previous one), and on submission the agreement's deadlines frozen with its version.
    pub async fn set_application_clock(
        &mut self,
        id: &str,
        clock: Option<Clock>,
        frozen: Option<&Deadlines>,
    ) -> Result<()> {
        sqlx::query(
            "UPDATE applications SET deadline_step = $1, deadline_due_on = $2, deadline_paused_left = $3,
                 deadlines = COALESCE($4, deadlines)
             WHERE id = $5",
        )
        .bind(clock.map(|c| c.step.code()))
        .bind(clock.map(|c| c.due_on.to_string()))
        .bind(clock.and_then(|c| c.paused_days_left))
        .bind(frozen.map(|d| serde_json::to_string(d).expect("deadlines serialise")))
        .bind(id)
        .execute(self.conn())
        .await?;
        Ok(())
    }

    /// Flags an overdue decision as escalated to the host society's admins, with an event in
    /// its history and an `application.escalated` audit event; `false` when it already was.
    pub async fn escalate_application(&mut self, a: &Application) -> Result<bool> {
        let now = codec::instant(self.now());
        let done = sqlx::query(
            "UPDATE applications SET escalated_at = $1
             WHERE id = $2 AND escalated_at IS NULL AND deadline_step = 'decide' AND state = $3",
        )
        .bind(&now)
        .bind(&a.id)
        .bind(a.state.code())
        .execute(self.conn())
        .await?
        .rows_affected();
        if done == 0 {
            return Ok(false);
        }
        let due = a.clock.map(|c| c.due_on.to_string()).unwrap_or_default();
        let (seq,): (i64,) = sqlx::query_as(
            "SELECT COALESCE(MAX(seq), 0) + 1 FROM application_events WHERE application_id = $1",
        )
        .bind(&a.id)
        .fetch_one(self.conn())
        .await?;
        let note = format!(
            "the decision was due on {due}; escalated to the admins of {}",
            a.host_society
        );
        self.record_event(&a.id, seq, Some(a.state), a.state, "escalate", &note, &[])
            .await?;
        self.audit(
            "application.escalated",
            &format!("application:{}", a.id),
            json!({ "state": a.state, "host_society": a.host_society, "due_on": due }),
        )
        .await?;
        Ok(true)
    }
}
