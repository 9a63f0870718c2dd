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
    /// 1 for the organisation's copy of a built-in programme.
    pub builtin: i64,
    /// Which kind of programme: [`TWO_DAY`] or [`WORKSHOP_SERIES`].
    pub kind: String,
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
pub const SESSION_KINDS: [(&str, &str); 14] = [
    ("plenary", "Large group"),
    ("pair-review", "Pair review of examples"),
    ("postbox", "Post-box and learning points"),
    ("postbox-sort", "Sorting the post-box"),
    ("action-plan", "Personal action plans"),
    ("reflections", "Reflections and feedback"),
    ("break", "Break"),
    ("own-life", "How we record our own lives"),
    ("elements", "Core elements board"),
    ("priorities", "Priorities across services"),
    ("test-plan", "A change to test"),
    ("appreciative-share", "Sharing tests appreciatively"),
    ("assets", "Assets map"),
    ("recommendations", "Recommendations"),
];

/// The two-day course, "Recording in Social Work".
pub const TWO_DAY: &str = "two-day";
/// The cross-service workshop series (test, reflect, review).
pub const WORKSHOP_SERIES: &str = "workshop-series";

/// A new template.
#[derive(Debug, Clone, Copy)]
pub struct NewTemplate<'a> {
    /// Organisation.
    pub org_id: i64,
    /// Name.
    pub name: &'a str,
    /// What it is for.
    pub description: &'a str,
    /// [`TWO_DAY`] or [`WORKSHOP_SERIES`].
    pub kind: &'a str,
    /// Whether it is the organisation's copy of a built-in programme (one of each kind).
    pub builtin: bool,
    /// Who made it (none for a built-in copy made on first visit).
    pub by: Option<i64>,
}

/// The kinds of session a programme of `programme_kind` may have: the large group, breaks and
/// reflections in both, and each kind's own.
pub fn session_kinds(programme_kind: &str) -> Vec<(&'static str, &'static str)> {
    const SHARED: [&str; 3] = ["plenary", "break", "reflections"];
    const SERIES: [&str; 7] =
        ["own-life", "elements", "priorities", "test-plan", "appreciative-share", "assets", "recommendations"];
    let series = programme_kind == WORKSHOP_SERIES;
    SESSION_KINDS.into_iter().filter(|(k, _)| SHARED.contains(k) || SERIES.contains(k) == series).collect()
}

/// Creates a template with its sessions, in order.
pub async fn create(store: &Store, t: NewTemplate<'_>, sessions: &[SessionPlan]) -> Result<i64> {
    let mut tx = store.pool().begin().await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO programme_templates (org_id, name, description, builtin, created_by, created_at, kind) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(t.org_id)
    .bind(t.name)
    .bind(t.description)
    .bind(i64::from(t.builtin))
    .bind(t.by)
    .bind(now())
    .bind(t.kind)
    .fetch_one(&mut *tx)
    .await?;
    insert_sessions(&mut tx, SessionsOf::Template, id, sessions).await?;
    tx.commit().await?;
    Ok(id)
}

/// An organisation's templates, built-in first.
pub async fn list(store: &Store, org_id: i64) -> Result<Vec<Template>> {
    Ok(sqlx::query_as(
        "SELECT id, name, description, builtin, kind, revision FROM programme_templates WHERE org_id = $1 ORDER BY builtin DESC, kind, id",
    )
    .bind(org_id)
    .fetch_all(store.pool())
    .await?)
}

/// A template of this organisation.
pub async fn get(store: &Store, org_id: i64, id: i64) -> Result<Option<Template>> {
    Ok(sqlx::query_as(
        "SELECT id, name, description, builtin, kind, revision FROM programme_templates WHERE org_id = $1 AND id = $2",
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
