//! Applications and their history.

use crate::codec::{self, code};
use crate::error::OrConflict;
use crate::secret::new_id;
use crate::write::Write;
use crate::{Page, Paged, Result, Store, StoreError};
use serde::Serialize;
use serde_json::json;
use wanqiao_domain::Requirement;
use wanqiao_domain::workflow::{Action, State};

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
}

type Row = (
    String,
    String,
    String,
    String,
    Option<String>,
    String,
    Option<String>,
    Option<i64>,
    Option<String>,
    String,
    String,
    Option<String>,
    i64,
    String,
    String,
);

const COLUMNS: &str = "id, engineer_id, qualification_id, specialty_id, home_society_id, host_society_id,
    agreement_id, agreement_version, evaluation, state, outstanding, rejected_by, revision, created_at, updated_at";

fn to_application(r: Row) -> Result<Application> {
    let codes: Vec<String> = serde_json::from_str(&r.10)
        .map_err(|e| StoreError::Corrupt(format!("applications.outstanding: {e}")))?;
    let outstanding = codes
        .iter()
        .map(|c| c.parse::<Requirement>().map_err(StoreError::Corrupt))
        .collect::<Result<_>>()?;
    Ok(Application {
        id: r.0,
        engineer: r.1,
        qualification: r.2,
        specialty: r.3,
        home_society: r.4,
        host_society: r.5,
        agreement: r.6,
        agreement_version: r.7.map(|v| u32::try_from(v).unwrap_or(0)),
        evaluation: r
            .8
            .map(|e| serde_json::from_str(&e))
            .transpose()
            .map_err(|e| StoreError::Corrupt(format!("applications.evaluation: {e}")))?,
        state: code("applications.state", &r.9, State::parse)?,
        outstanding,
        rejected_by: r.11,
        revision: r.12,
        created_at: r.13,
        updated_at: r.14,
    })
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

    /// Most recently changed first.
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
            let list = codec::placeholders(3, societies.len());
            format!("AND (host_society_id IN ({list}) OR home_society_id IN ({list}))")
        };
        let where_ = format!(
            "WHERE ($1 IS NULL OR state = $1) AND ($2 IS NULL OR engineer_id = $2) {scope}"
        );
        let state = filter.state.map(|s| s.code().to_string());
        let mut count =
            sqlx::query_as::<_, (i64,)>(sql!("SELECT COUNT(*) FROM applications {where_}"))
                .bind(&state)
                .bind(&filter.engineer);
        for s in &societies {
            count = count.bind(s);
        }
        let (total,) = count.fetch_one(&self.pool).await?;
        let n = societies.len();
        let mut list = sqlx::query_as::<_, Row>(sql!(
            "SELECT {COLUMNS} FROM applications {where_} ORDER BY updated_at DESC, id LIMIT ${} OFFSET ${}",
            n + 3,
            n + 4
        ))
        .bind(&state)
        .bind(&filter.engineer);
        for s in &societies {
            list = list.bind(s);
        }
        let rows = list
            .bind(codec::limit(page))
            .bind(codec::offset(page))
            .fetch_all(&self.pool)
            .await?;
        Ok(Paged {
            items: rows
                .into_iter()
                .map(to_application)
                .collect::<Result<_>>()?,
            total: codec::count(total),
        })
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
        let done = sqlx::query(
            "UPDATE applications SET state = $1, outstanding = $2, revision = revision + 1, updated_at = $3,
                 rejected_by = COALESCE($4, rejected_by),
                 agreement_id = COALESCE($5, agreement_id),
                 agreement_version = COALESCE($6, agreement_version),
                 evaluation = COALESCE($7, evaluation)
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
        self.audit(
            &format!("application.{}", t.action.code()),
            &format!("application:{id}"),
            json!({ "from": t.from, "to": t.to, "reason_codes": t.reason_codes, "outstanding": codes_json(t.outstanding) }),
        )
        .await
    }
}
