//! Cohorts: one run of a programme, with its own copy of the sessions (and their times), its
//! facilitators, participants and the managers who receive the post-box summary.

use crate::programmes::SessionPlan;
use crate::{Result, Store, now};
use serde::Serialize;

/// A cohort.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Cohort {
    /// Id.
    pub id: i64,
    /// Organisation.
    pub org_id: i64,
    /// Title ("Recording in Social Work, March 2027").
    pub title: String,
    /// Where.
    pub venue: String,
    /// Day one, `YYYY-MM-DD`.
    pub first_day: String,
    /// Day two, `YYYY-MM-DD`.
    pub second_day: String,
    /// The invitation letter template (mail-merged per participant).
    pub letter: String,
    /// Days after day two when action plans come back to their authors.
    pub followup_days: i64,
    /// The session now running, if any.
    pub current_session_id: Option<i64>,
    /// When it started (Unix seconds).
    pub session_started_at: Option<i64>,
    /// Which kind of programme it runs (`crate::programmes::TWO_DAY` or `WORKSHOP_SERIES`).
    pub kind: String,
    /// Day three, `YYYY-MM-DD` (the third workshop of a series).
    pub third_day: Option<String>,
}

impl Cohort {
    /// Whether it is a cross-service workshop series.
    pub fn is_series(&self) -> bool {
        self.kind == crate::programmes::WORKSHOP_SERIES
    }
}

/// One session of a cohort.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct CohortSession {
    /// Id.
    pub id: i64,
    /// Day.
    pub day: i64,
    /// Order within the programme.
    pub position: i64,
    /// Title.
    pub title: String,
    /// Kind (see [`crate::programmes::SESSION_KINDS`]).
    pub kind: String,
    /// Minutes.
    pub minutes: i64,
    /// Purpose.
    pub purpose: String,
    /// For pair review: the record type read.
    pub record_type: Option<String>,
    /// Start time on its day, `HH:MM`, if set.
    pub starts_at: Option<String>,
}

/// A person's part in a cohort.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CohortRole {
    /// Runs it.
    Facilitator,
    /// Takes part.
    Participant,
    /// Receives the post-box summary.
    Manager,
}

impl CohortRole {
    /// Stored key.
    pub fn as_str(self) -> &'static str {
        match self {
            CohortRole::Facilitator => "facilitator",
            CohortRole::Participant => "participant",
            CohortRole::Manager => "manager",
        }
    }

    /// Parses a stored key.
    pub fn parse(s: &str) -> Option<CohortRole> {
        [CohortRole::Facilitator, CohortRole::Participant, CohortRole::Manager].into_iter().find(|r| r.as_str() == s)
    }
}

/// Someone in a cohort.
#[derive(Debug, Clone, Serialize)]
pub struct CohortPerson {
    /// User id.
    pub user_id: i64,
    /// Name.
    pub name: String,
    /// Email.
    pub email: String,
    /// Their part.
    pub role: CohortRole,
    /// `invited`, `joined` or `left`.
    pub status: String,
    /// Their service's name, if any.
    pub service: Option<String>,
    /// When the invitation letter was last emailed to them.
    pub letter_sent_at: Option<i64>,
}

/// A new cohort.
#[derive(Debug, Clone)]
pub struct NewCohort<'a> {
    /// Organisation.
    pub org_id: i64,
    /// Title.
    pub title: &'a str,
    /// Venue.
    pub venue: &'a str,
    /// Day one.
    pub first_day: &'a str,
    /// Day two.
    pub second_day: &'a str,
    /// Letter template.
    pub letter: &'a str,
    /// Follow-up period in days.
    pub followup_days: i64,
    /// Creator (becomes a facilitator).
    pub created_by: i64,
    /// Which kind of programme.
    pub kind: &'a str,
    /// The date of each day (workshop), from day one, `YYYY-MM-DD`.
    pub dates: &'a [String],
}

/// Creates a cohort with a copy of `sessions`; its creator is its first facilitator.
pub async fn create(store: &Store, c: NewCohort<'_>, sessions: &[SessionPlan]) -> Result<i64> {
    let at = now();
    let mut tx = store.pool().begin().await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO cohorts (org_id, title, venue, first_day, second_day, letter, followup_days, created_by, \
         created_at, kind) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
    )
    .bind(c.org_id)
    .bind(c.title)
    .bind(c.venue)
    .bind(c.first_day)
    .bind(c.second_day)
    .bind(c.letter)
    .bind(c.followup_days)
    .bind(c.created_by)
    .bind(at)
    .bind(c.kind)
    .fetch_one(&mut *tx)
    .await?;
    for (day, date) in (1..).zip(c.dates) {
        sqlx::query("INSERT INTO cohort_dates (cohort_id, day, on_date) VALUES ($1, $2, $3)")
            .bind(id)
            .bind(day as i64)
            .bind(date)
            .execute(&mut *tx)
            .await?;
    }
    crate::programmes::insert_sessions(&mut tx, crate::programmes::SessionsOf::Cohort, id, sessions).await?;
    sqlx::query("INSERT INTO cohort_people (cohort_id, user_id, role, status, joined_at) VALUES ($1, $2, 'facilitator', 'joined', $3)")
        .bind(id)
        .bind(c.created_by)
        .bind(at)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(id)
}

const COHORT_COLUMNS: &str = "id, org_id, title, venue, first_day, second_day, letter, followup_days, \
     current_session_id, session_started_at, kind, \
     (SELECT on_date FROM cohort_dates d WHERE d.cohort_id = cohorts.id AND d.day = 3) AS third_day";

/// A cohort of this organisation.
pub async fn get(store: &Store, org_id: i64, id: i64) -> Result<Option<Cohort>> {
    let sql = format!("SELECT {COHORT_COLUMNS} FROM cohorts WHERE org_id = $1 AND id = $2");
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(org_id).bind(id).fetch_optional(store.pool()).await?)
}

/// An organisation's cohorts of one programme kind, newest first.
pub async fn of_kind(store: &Store, org_id: i64, kind: &str) -> Result<Vec<Cohort>> {
    let sql = format!(
        "SELECT {COHORT_COLUMNS} FROM cohorts WHERE org_id = $1 AND kind = $2 ORDER BY first_day DESC, id DESC"
    );
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(org_id).bind(kind).fetch_all(store.pool()).await?)
}

/// The cohorts a person is in (any role), newest first.
pub async fn for_person(store: &Store, org_id: i64, user_id: i64) -> Result<Vec<(Cohort, CohortRole)>> {
    let sql = "SELECT c.id, c.org_id, c.title, c.venue, c.first_day, c.second_day, c.letter, c.followup_days, \
         c.current_session_id, c.session_started_at, c.kind, \
         (SELECT on_date FROM cohort_dates d WHERE d.cohort_id = c.id AND d.day = 3), p.role FROM cohorts c \
         JOIN cohort_people p ON p.cohort_id = c.id \
         WHERE c.org_id = $1 AND p.user_id = $2 AND p.status <> 'left' ORDER BY c.first_day DESC, c.id DESC";
    type Row = (
        i64,
        i64,
        String,
        String,
        String,
        String,
        String,
        i64,
        Option<i64>,
        Option<i64>,
        String,
        Option<String>,
        String,
    );
    let rows: Vec<Row> = sqlx::query_as(sql).bind(org_id).bind(user_id).fetch_all(store.pool()).await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let role = CohortRole::parse(&r.12)?;
            let cohort = Cohort {
                id: r.0,
                org_id: r.1,
                title: r.2,
                venue: r.3,
                first_day: r.4,
                second_day: r.5,
                letter: r.6,
                followup_days: r.7,
                current_session_id: r.8,
                session_started_at: r.9,
                kind: r.10,
                third_day: r.11,
            };
            Some((cohort, role))
        })
        .collect())
}

/// The date of each day (workshop) of a cohort, as (day, `YYYY-MM-DD`), in order. Cohorts made
/// before dates were kept per day have none: their two days are `first_day` and `second_day`.
pub async fn dates(store: &Store, cohort_id: i64) -> Result<Vec<(i64, String)>> {
    Ok(sqlx::query_as("SELECT day, on_date FROM cohort_dates WHERE cohort_id = $1 ORDER BY day")
        .bind(cohort_id)
        .fetch_all(store.pool())
        .await?)
}

/// A cohort's sessions in order.
pub async fn sessions(store: &Store, cohort_id: i64) -> Result<Vec<CohortSession>> {
    Ok(sqlx::query_as(
        "SELECT id, day, position, title, kind, minutes, purpose, record_type, starts_at FROM cohort_sessions \
         WHERE cohort_id = $1 ORDER BY day, position",
    )
    .bind(cohort_id)
    .fetch_all(store.pool())
    .await?)
}

/// Sets a session's start time (`HH:MM`, or none).
pub async fn set_session_time(store: &Store, cohort_id: i64, session_id: i64, starts_at: Option<&str>) -> Result<bool> {
    let done = sqlx::query("UPDATE cohort_sessions SET starts_at = $1 WHERE id = $2 AND cohort_id = $3")
        .bind(starts_at)
        .bind(session_id)
        .bind(cohort_id)
        .execute(store.pool())
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Adds a person (or changes their part or status).
pub async fn set_person(store: &Store, cohort_id: i64, user_id: i64, role: CohortRole, status: &str) -> Result<()> {
    let mut tx = store.pool().begin().await?;
    sqlx::query("DELETE FROM cohort_people WHERE cohort_id = $1 AND user_id = $2")
        .bind(cohort_id)
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("INSERT INTO cohort_people (cohort_id, user_id, role, status, joined_at) VALUES ($1, $2, $3, $4, $5)")
        .bind(cohort_id)
        .bind(user_id)
        .bind(role.as_str())
        .bind(status)
        .bind(now())
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// A person's part in a cohort, unless they are not in it or have left.
pub async fn role_of(store: &Store, cohort_id: i64, user_id: i64) -> Result<Option<CohortRole>> {
    let role: Option<String> =
        sqlx::query_scalar("SELECT role FROM cohort_people WHERE cohort_id = $1 AND user_id = $2 AND status <> 'left'")
            .bind(cohort_id)
            .bind(user_id)
            .fetch_optional(store.pool())
            .await?;
    Ok(role.as_deref().and_then(CohortRole::parse))
}

/// Everyone in a cohort, by role then name.
pub async fn people(store: &Store, cohort_id: i64) -> Result<Vec<CohortPerson>> {
    let rows: Vec<PersonRow> = sqlx::query_as(
        "SELECT u.id, u.name, u.email, p.role, p.status, s.name, p.letter_sent_at FROM cohort_people p \
         JOIN users u ON u.id = p.user_id \
         JOIN cohorts c ON c.id = p.cohort_id \
         LEFT JOIN memberships m ON m.user_id = p.user_id AND m.org_id = c.org_id \
         LEFT JOIN services s ON s.id = m.service_id \
         WHERE p.cohort_id = $1 ORDER BY p.role, u.name, u.id",
    )
    .bind(cohort_id)
    .fetch_all(store.pool())
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(user_id, name, email, role, status, service, letter_sent_at)| {
            Some(CohortPerson {
                user_id,
                name,
                email,
                role: CohortRole::parse(&role)?,
                status,
                service,
                letter_sent_at,
            })
        })
        .collect())
}

type PersonRow = (i64, String, String, String, String, Option<String>, Option<i64>);

/// Records that the invitation letter was emailed to a participant at `at`.
pub async fn mark_letter_sent(store: &Store, cohort_id: i64, user_id: i64, at: i64) -> Result<()> {
    sqlx::query("UPDATE cohort_people SET letter_sent_at = $1 WHERE cohort_id = $2 AND user_id = $3")
        .bind(at)
        .bind(cohort_id)
        .bind(user_id)
        .execute(store.pool())
        .await?;
    Ok(())
}

/// Moves the cohort to a session (the facilitator's "next"), timing it from `at`.
pub async fn set_current_session(store: &Store, cohort_id: i64, session_id: Option<i64>, at: i64) -> Result<()> {
    sqlx::query("UPDATE cohorts SET current_session_id = $1, session_started_at = $2 WHERE id = $3")
        .bind(session_id)
        .bind(at)
        .bind(cohort_id)
        .execute(store.pool())
        .await?;
    Ok(())
}
