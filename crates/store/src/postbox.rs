//! The post-box: anonymous notes from participants to "the organisation". The table has no
//! author column, so nobody (facilitators, administrators, the database) can tell who wrote what.

use crate::{Result, Store, now};
use serde::Serialize;

/// A note.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Note {
    /// Id.
    pub id: i64,
    /// The note.
    pub body: String,
    /// 1 when a facilitator has hidden it.
    pub hidden: i64,
    /// `organisation` or `supervision`, once sorted.
    pub theme: Option<String>,
    /// `policy`, `procedures`, `support`, `other` (organisation) or `supervision`.
    pub topic: Option<String>,
}

/// The themes and their topics.
pub const TOPICS: [(&str, &str, &str); 5] = [
    ("organisation", "policy", "Organisation: policy"),
    ("organisation", "procedures", "Organisation: procedures"),
    ("organisation", "support", "Organisation: support"),
    ("organisation", "other", "Organisation: other"),
    ("supervision", "supervision", "Supervision"),
];

/// Posts a note (no author is kept).
pub async fn post(store: &Store, cohort_id: i64, body: &str) -> Result<i64> {
    Ok(sqlx::query_scalar("INSERT INTO postbox_notes (cohort_id, body, posted_at) VALUES ($1, $2, $3) RETURNING id")
        .bind(cohort_id)
        .bind(body)
        .bind(now())
        .fetch_one(store.pool())
        .await?)
}

/// A cohort's notes (hidden ones too; callers filter).
pub async fn notes(store: &Store, cohort_id: i64) -> Result<Vec<Note>> {
    Ok(sqlx::query_as("SELECT id, body, hidden, theme, topic FROM postbox_notes WHERE cohort_id = $1 ORDER BY id")
        .bind(cohort_id)
        .fetch_all(store.pool())
        .await?)
}

/// Hides or shows a note.
pub async fn set_hidden(store: &Store, cohort_id: i64, id: i64, hidden: bool) -> Result<bool> {
    let done = sqlx::query("UPDATE postbox_notes SET hidden = $1 WHERE id = $2 AND cohort_id = $3")
        .bind(i64::from(hidden))
        .bind(id)
        .bind(cohort_id)
        .execute(store.pool())
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Sorts a note under a theme and topic (none to unsort).
pub async fn sort(store: &Store, cohort_id: i64, id: i64, theme_topic: Option<(&str, &str)>) -> Result<bool> {
    let done = sqlx::query("UPDATE postbox_notes SET theme = $1, topic = $2 WHERE id = $3 AND cohort_id = $4")
        .bind(theme_topic.map(|t| t.0))
        .bind(theme_topic.map(|t| t.1))
        .bind(id)
        .bind(cohort_id)
        .execute(store.pool())
        .await?;
    Ok(done.rows_affected() == 1)
}

/// The facilitator's summary, with when it was last sent.
pub async fn summary(store: &Store, cohort_id: i64) -> Result<Option<(String, Option<i64>)>> {
    Ok(sqlx::query_as("SELECT summary, sent_at FROM postbox_summaries WHERE cohort_id = $1")
        .bind(cohort_id)
        .fetch_optional(store.pool())
        .await?)
}

/// Saves the summary.
pub async fn set_summary(store: &Store, cohort_id: i64, summary: &str) -> Result<()> {
    sqlx::query(
        "INSERT INTO postbox_summaries (cohort_id, summary, updated_at) VALUES ($1, $2, $3) \
         ON CONFLICT (cohort_id) DO UPDATE SET summary = excluded.summary, updated_at = excluded.updated_at",
    )
    .bind(cohort_id)
    .bind(summary)
    .bind(now())
    .execute(store.pool())
    .await?;
    Ok(())
}

/// Records that the summary went to the managers.
pub async fn mark_sent(store: &Store, cohort_id: i64, at: i64) -> Result<()> {
    sqlx::query("UPDATE postbox_summaries SET sent_at = $1 WHERE cohort_id = $2")
        .bind(at)
        .bind(cohort_id)
        .execute(store.pool())
        .await?;
    Ok(())
}
