//! Programme templates: the sessions of a training programme in order, with their durations and
//! purposes. Each organisation has its own editable copy of the built-in programme, and can build
//! its own.

use crate::{Result, Store, now};
use serde::{Deserialize, Serialize};

/// A template.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Template {
    /// Id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// What it is for.
    pub description: String,
    /// 1 for the organisation's copy of the built-in programme.
    pub builtin: i64,
    /// How many times its sessions have been saved (see [`replace_sessions`]).
    pub revision: i64,
}

/// One session of a template or cohort.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow, Serialize, Deserialize)]
pub struct SessionPlan {
    /// Day 1 or 2 (or more, for longer programmes).
    pub day: i64,
    /// Title.
    pub title: String,
    /// What Recordwell does in it: `plenary`, `pair-review`, `postbox`, `postbox-sort`,
    /// `action-plan`, `reflections`, `break`.
    pub kind: String,
    /// Length in minutes.
    pub minutes: i64,
    /// Why it is there, for the facilitator.
    #[serde(default)]
    pub purpose: String,
    /// For pair review: the kind of record read.
    #[serde(default)]
    pub record_type: Option<String>,
}

/// The session kinds, as (key, label).
pub const SESSION_KINDS: [(&str, &str); 7] = [
    ("plenary", "Large group"),
    ("pair-review", "Pair review of examples"),
    ("postbox", "Post-box and learning points"),
    ("postbox-sort", "Sorting the post-box"),
    ("action-plan", "Personal action plans"),
    ("reflections", "Reflections and feedback"),
    ("break", "Break"),
];

/// Creates a template with its sessions, in order.
pub async fn create(
    store: &Store,
    org_id: i64,
    name: &str,
    description: &str,
    builtin: bool,
    by: Option<i64>,
    sessions: &[SessionPlan],
) -> Result<i64> {
    let mut tx = store.pool().begin().await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO programme_templates (org_id, name, description, builtin, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(org_id)
    .bind(name)
    .bind(description)
    .bind(i64::from(builtin))
    .bind(by)
    .bind(now())
    .fetch_one(&mut *tx)
    .await?;
    insert_sessions(&mut tx, SessionsOf::Template, id, sessions).await?;
    tx.commit().await?;
    Ok(id)
}

/// An organisation's templates, built-in first.
pub async fn list(store: &Store, org_id: i64) -> Result<Vec<Template>> {
    Ok(sqlx::query_as(
        "SELECT id, name, description, builtin, revision FROM programme_templates WHERE org_id = $1 ORDER BY builtin DESC, id",
    )
    .bind(org_id)
    .fetch_all(store.pool())
    .await?)
}

/// A template of this organisation.
pub async fn get(store: &Store, org_id: i64, id: i64) -> Result<Option<Template>> {
    Ok(sqlx::query_as(
        "SELECT id, name, description, builtin, revision FROM programme_templates WHERE org_id = $1 AND id = $2",
    )
    .bind(org_id)
    .bind(id)
    .fetch_optional(store.pool())
    .await?)
}

/// A template's sessions, in order.
pub async fn sessions(store: &Store, template_id: i64) -> Result<Vec<SessionPlan>> {
    Ok(sqlx::query_as(
        "SELECT day, title, kind, minutes, purpose, record_type FROM template_sessions \
         WHERE template_id = $1 ORDER BY day, position",
    )
    .bind(template_id)
    .fetch_all(store.pool())
    .await?)
}

/// Replaces a template's sessions (after the facilitator edits them), if the template is still
/// at `revision` (the one the facilitator's page showed); returns false, changing nothing, if
/// someone saved it since.
pub async fn replace_sessions(
    store: &Store,
    template_id: i64,
    revision: i64,
    sessions: &[SessionPlan],
) -> Result<bool> {
    let mut tx = store.pool().begin().await?;
    // The revision check and the new sessions are one transaction: of two saves made from the
    // same page, the first wins and the second changes nothing.
    let bumped = sqlx::query("UPDATE programme_templates SET revision = revision + 1 WHERE id = $1 AND revision = $2")
        .bind(template_id)
        .bind(revision)
        .execute(&mut *tx)
        .await?;
    if bumped.rows_affected() != 1 {
        tx.rollback().await?;
        return Ok(false);
    }
    sqlx::query("DELETE FROM template_sessions WHERE template_id = $1").bind(template_id).execute(&mut *tx).await?;
    insert_sessions(&mut tx, SessionsOf::Template, template_id, sessions).await?;
    tx.commit().await?;
    Ok(true)
}

/// Whose sessions are being written.
#[derive(Debug, Clone, Copy)]
pub(crate) enum SessionsOf {
    /// A template's.
    Template,
    /// A cohort's own copy.
    Cohort,
}

/// Writes `sessions` in order for a template or a cohort (same columns, different table).
pub(crate) async fn insert_sessions(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    of: SessionsOf,
    owner_id: i64,
    sessions: &[SessionPlan],
) -> Result<()> {
    let sql = match of {
        SessionsOf::Template => {
            "INSERT INTO template_sessions (template_id, day, position, title, kind, minutes, purpose, record_type) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
        }
        SessionsOf::Cohort => {
            "INSERT INTO cohort_sessions (cohort_id, day, position, title, kind, minutes, purpose, record_type) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
        }
    };
    for (position, s) in sessions.iter().enumerate() {
        sqlx::query(sql)
            .bind(owner_id)
            .bind(s.day)
            .bind(position as i64)
            .bind(&s.title)
            .bind(&s.kind)
            .bind(s.minutes)
            .bind(&s.purpose)
            .bind(&s.record_type)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}
