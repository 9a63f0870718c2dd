//! Personal action plans: 4-5 statements a participant writes on day two, and how each went
//! when the plan came back to them ("the envelope").

use crate::{Result, Store, now};
use serde::Serialize;

/// A plan.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Plan {
    /// Id.
    pub id: i64,
    /// Cohort.
    pub cohort_id: i64,
    /// Author.
    pub user_id: i64,
    /// When it comes back, `YYYY-MM-DD`.
    pub followup_on: String,
    /// When the envelope was sent.
    pub sent_at: Option<i64>,
}

/// A statement and how it went.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Statement {
    /// Id.
    pub id: i64,
    /// Order.
    pub position: i64,
    /// The statement.
    pub body: String,
    /// `done`, `partly` or `not-yet`, once marked.
    pub status: Option<String>,
    /// The author's note.
    pub note: Option<String>,
}

/// The statuses a statement can be marked with, and their labels.
pub const STATUSES: [(&str, &str); 3] = [("done", "Done"), ("partly", "Partly done"), ("not-yet", "Not yet")];

const PLAN: &str = "SELECT id, cohort_id, user_id, followup_on, sent_at FROM action_plans";

/// A participant's plan in a cohort.
pub async fn of(store: &Store, cohort_id: i64, user_id: i64) -> Result<Option<Plan>> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!("{PLAN} WHERE cohort_id = $1 AND user_id = $2")))
        .bind(cohort_id)
        .bind(user_id)
        .fetch_optional(store.pool())
        .await?)
}

/// A plan by id.
pub async fn get(store: &Store, id: i64) -> Result<Option<Plan>> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!("{PLAN} WHERE id = $1")))
        .bind(id)
        .fetch_optional(store.pool())
        .await?)
}

/// A plan by its envelope token's hash.
pub async fn by_token_hash(store: &Store, hash: &str) -> Result<Option<Plan>> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!("{PLAN} WHERE token_hash = $1")))
        .bind(hash)
        .fetch_optional(store.pool())
        .await?)
}

/// Saves a participant's plan (replacing its statements, keeping the plan's id); returns the id.
pub async fn save(
    store: &Store,
    cohort_id: i64,
    user_id: i64,
    followup_on: &str,
    statements: &[String],
) -> Result<i64> {
    let at = now();
    let mut tx = store.pool().begin().await?;
    let existing: Option<i64> = sqlx::query_scalar("SELECT id FROM action_plans WHERE cohort_id = $1 AND user_id = $2")
        .bind(cohort_id)
        .bind(user_id)
        .fetch_optional(&mut *tx)
        .await?;
    let id = match existing {
        Some(id) => {
            sqlx::query("UPDATE action_plans SET followup_on = $1 WHERE id = $2")
                .bind(followup_on)
                .bind(id)
                .execute(&mut *tx)
                .await?;
            sqlx::query("DELETE FROM action_statements WHERE plan_id = $1").bind(id).execute(&mut *tx).await?;
            id
        }
        None => {
            sqlx::query_scalar(
                "INSERT INTO action_plans (cohort_id, user_id, followup_on, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
            )
            .bind(cohort_id)
            .bind(user_id)
            .bind(followup_on)
            .bind(at)
            .fetch_one(&mut *tx)
            .await?
        }
    };
    for (position, body) in statements.iter().enumerate() {
        sqlx::query("INSERT INTO action_statements (plan_id, position, body) VALUES ($1, $2, $3)")
            .bind(id)
            .bind(position as i64)
            .bind(body)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(id)
}

/// Changes the follow-up date.
pub async fn set_followup(store: &Store, plan_id: i64, followup_on: &str) -> Result<()> {
    sqlx::query("UPDATE action_plans SET followup_on = $1 WHERE id = $2")
        .bind(followup_on)
        .bind(plan_id)
        .execute(store.pool())
        .await?;
    Ok(())
}

/// A plan's statements in order.
pub async fn statements(store: &Store, plan_id: i64) -> Result<Vec<Statement>> {
    Ok(sqlx::query_as(
        "SELECT id, position, body, status, note FROM action_statements WHERE plan_id = $1 ORDER BY position",
    )
    .bind(plan_id)
    .fetch_all(store.pool())
    .await?)
}

/// Records the envelope's token hash and when it was sent.
pub async fn mark_sent(store: &Store, plan_id: i64, token_hash: &str, at: i64) -> Result<()> {
    sqlx::query("UPDATE action_plans SET token_hash = $1, sent_at = $2 WHERE id = $3")
        .bind(token_hash)
        .bind(at)
        .bind(plan_id)
        .execute(store.pool())
        .await?;
    Ok(())
}

/// Marks one statement of a plan.
pub async fn mark(store: &Store, plan_id: i64, statement_id: i64, status: &str, note: &str) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE action_statements SET status = $1, note = $2, updated_at = $3 WHERE id = $4 AND plan_id = $5",
    )
    .bind(status)
    .bind(note)
    .bind(now())
    .bind(statement_id)
    .bind(plan_id)
    .execute(store.pool())
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Completion across a cohort, without names: (status or "unmarked", count).
pub async fn completion(store: &Store, cohort_id: i64) -> Result<Vec<(String, i64)>> {
    let rows: Vec<(Option<String>, i64)> = sqlx::query_as(
        "SELECT s.status, COUNT(*) FROM action_statements s JOIN action_plans p ON p.id = s.plan_id \
         WHERE p.cohort_id = $1 GROUP BY s.status",
    )
    .bind(cohort_id)
    .fetch_all(store.pool())
    .await?;
    Ok(rows.into_iter().map(|(s, n)| (s.unwrap_or_else(|| "unmarked".into()), n)).collect())
}

/// How many participants of a cohort have written an action plan (a count, never who).
pub async fn count_for_cohort(store: &Store, cohort_id: i64) -> Result<i64> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM action_plans WHERE cohort_id = $1")
        .bind(cohort_id)
        .fetch_one(store.pool())
        .await?)
}
