//! Reflections: the closing form, one per participant (resubmitting replaces it), and what a
//! cohort report needs (attendance, examples by type, feedback without names).

use crate::{Result, Store, now};
use serde::Serialize;

/// One participant's closing form.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, Default)]
pub struct Reflection {
    /// One positive action point.
    pub positive_action: String,
    /// The most significant learning.
    pub significant_learning: String,
    /// Overall, 1-5.
    pub rating_overall: i64,
    /// Relevance, 1-5.
    pub rating_relevance: i64,
    /// Facilitation, 1-5.
    pub rating_facilitation: i64,
    /// Comments.
    pub comments: String,
}

/// Saves (or replaces) a participant's reflection.
pub async fn submit(store: &Store, cohort_id: i64, user_id: i64, r: &Reflection) -> Result<()> {
    sqlx::query(
        "INSERT INTO reflections (cohort_id, user_id, positive_action, significant_learning, rating_overall, rating_relevance, \
         rating_facilitation, comments, submitted_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
         ON CONFLICT (cohort_id, user_id) DO UPDATE SET positive_action = excluded.positive_action, \
         significant_learning = excluded.significant_learning, rating_overall = excluded.rating_overall, \
         rating_relevance = excluded.rating_relevance, rating_facilitation = excluded.rating_facilitation, \
         comments = excluded.comments, submitted_at = excluded.submitted_at",
    )
    .bind(cohort_id)
    .bind(user_id)
    .bind(&r.positive_action)
    .bind(&r.significant_learning)
    .bind(r.rating_overall)
    .bind(r.rating_relevance)
    .bind(r.rating_facilitation)
    .bind(&r.comments)
    .bind(now())
    .execute(store.pool())
    .await?;
    Ok(())
}

/// A participant's own reflection.
pub async fn mine(store: &Store, cohort_id: i64, user_id: i64) -> Result<Option<Reflection>> {
    Ok(sqlx::query_as(
        "SELECT positive_action, significant_learning, rating_overall, rating_relevance, rating_facilitation, comments \
         FROM reflections WHERE cohort_id = $1 AND user_id = $2",
    )
    .bind(cohort_id)
    .bind(user_id)
    .fetch_optional(store.pool())
    .await?)
}

/// Every reflection of a cohort, without who wrote it (in no particular person's order).
pub async fn all(store: &Store, cohort_id: i64) -> Result<Vec<Reflection>> {
    Ok(sqlx::query_as(
        "SELECT positive_action, significant_learning, rating_overall, rating_relevance, rating_facilitation, comments \
         FROM reflections WHERE cohort_id = $1 ORDER BY submitted_at",
    )
    .bind(cohort_id)
    .fetch_all(store.pool())
    .await?)
}

/// How many reflections a cohort has (a count, never whose).
pub async fn count(store: &Store, cohort_id: i64) -> Result<i64> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM reflections WHERE cohort_id = $1")
        .bind(cohort_id)
        .fetch_one(store.pool())
        .await?)
}

/// People in the cohort by role and status: (role, status, count).
pub async fn people_counts(store: &Store, cohort_id: i64) -> Result<Vec<(String, String, i64)>> {
    Ok(sqlx::query_as(
        "SELECT role, status, COUNT(*) FROM cohort_people WHERE cohort_id = $1 GROUP BY role, status ORDER BY role, status",
    )
    .bind(cohort_id)
    .fetch_all(store.pool())
    .await?)
}

/// Attendance by day, where recorded: (day, present, absent).
pub async fn attendance(store: &Store, cohort_id: i64) -> Result<Vec<(i64, i64, i64)>> {
    Ok(sqlx::query_as(
        "SELECT day, CAST(SUM(present) AS BIGINT), CAST(SUM(1 - present) AS BIGINT) FROM attendance WHERE cohort_id = $1 GROUP BY day ORDER BY day",
    )
    .bind(cohort_id)
    .fetch_all(store.pool())
    .await?)
}

/// The cohort's examples: (record type, body), for counting and checking.
pub async fn examples(store: &Store, cohort_id: i64) -> Result<Vec<(String, String)>> {
    Ok(sqlx::query_as("SELECT record_type, body FROM examples WHERE cohort_id = $1 ORDER BY id")
        .bind(cohort_id)
        .fetch_all(store.pool())
        .await?)
}
