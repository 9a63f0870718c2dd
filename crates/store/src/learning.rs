//! Private learning points: only their author ever reads them.

use crate::{Result, Store, now};
use serde::Serialize;

/// A learning point.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct LearningPoint {
    /// Id.
    pub id: i64,
    /// The session it belongs to, if tagged.
    pub cohort_session_id: Option<i64>,
    /// The point.
    pub body: String,
    /// When.
    pub created_at: i64,
}

/// Adds a point for its author.
pub async fn add(store: &Store, cohort_id: i64, user_id: i64, session_id: Option<i64>, body: &str) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO learning_points (cohort_id, user_id, cohort_session_id, body, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(cohort_id)
    .bind(user_id)
    .bind(session_id)
    .bind(body)
    .bind(now())
    .fetch_one(store.pool())
    .await?)
}

/// The author's own points in a cohort (there is deliberately no query for anyone else's).
pub async fn mine(store: &Store, cohort_id: i64, user_id: i64) -> Result<Vec<LearningPoint>> {
    Ok(sqlx::query_as(
        "SELECT id, cohort_session_id, body, created_at FROM learning_points WHERE cohort_id = $1 AND user_id = $2 ORDER BY id",
    )
    .bind(cohort_id)
    .bind(user_id)
    .fetch_all(store.pool())
    .await?)
}
