//! Participants' examples of their own recording, brought to a cohort. Only the confirmed,
//! de-identified text is ever stored: the raw text stays in the participant's browser form.

use crate::{Result, Store, now};
use serde::Serialize;

/// One example.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Example {
    /// Id.
    pub id: i64,
    /// Author.
    pub user_id: i64,
    /// Record type key (`case-summary`, `assessment`, `contact`, `detailed`).
    pub record_type: String,
    /// The de-identified text.
    pub body: String,
    /// When stored (Unix seconds).
    pub created_at: i64,
}

/// Stores a participant's example of a type, replacing any earlier one. Returns whether an
/// earlier example was replaced (so the page can say so). Storing the same text again is a no-op
/// apart from the time, so a double submission does no harm.
pub async fn save(store: &Store, cohort_id: i64, user_id: i64, record_type: &str, body: &str) -> Result<bool> {
    let mut tx = store.pool().begin().await?;
    let earlier: Option<String> =
        sqlx::query_scalar("SELECT body FROM examples WHERE cohort_id = $1 AND user_id = $2 AND record_type = $3")
            .bind(cohort_id)
            .bind(user_id)
            .bind(record_type)
            .fetch_optional(&mut *tx)
            .await?;
    sqlx::query(
        "INSERT INTO examples (cohort_id, user_id, record_type, body, created_at) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (cohort_id, user_id, record_type) DO UPDATE SET body = excluded.body, created_at = excluded.created_at",
    )
    .bind(cohort_id)
    .bind(user_id)
    .bind(record_type)
    .bind(body)
    .bind(now())
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(earlier.is_some_and(|b| b != body))
}

/// Every example in a cohort, by author then type.
pub async fn for_cohort(store: &Store, cohort_id: i64) -> Result<Vec<Example>> {
    Ok(sqlx::query_as(
        "SELECT id, user_id, record_type, body, created_at FROM examples WHERE cohort_id = $1 ORDER BY user_id, record_type",
    )
    .bind(cohort_id)
    .fetch_all(store.pool())
    .await?)
}

/// Who has added an example of which type in a cohort: (user id, record type), without the
/// text (for the facilitator's overview, which a day view reloads every few seconds).
pub async fn submitted(store: &Store, cohort_id: i64) -> Result<Vec<(i64, String)>> {
    Ok(sqlx::query_as("SELECT user_id, record_type FROM examples WHERE cohort_id = $1 ORDER BY user_id, record_type")
        .bind(cohort_id)
        .fetch_all(store.pool())
        .await?)
}

/// One person's examples in a cohort.
pub async fn for_person(store: &Store, cohort_id: i64, user_id: i64) -> Result<Vec<Example>> {
    Ok(sqlx::query_as(
        "SELECT id, user_id, record_type, body, created_at FROM examples WHERE cohort_id = $1 AND user_id = $2 \
         ORDER BY record_type",
    )
    .bind(cohort_id)
    .bind(user_id)
    .fetch_all(store.pool())
    .await?)
}
