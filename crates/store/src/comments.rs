//! A family member's view of a record, or their disagreement with it, attached to the record
//! without changing it: the record says what the worker wrote, the comment what the family said.

use crate::{Result, Store, now};
use serde::Serialize;

/// An attached view.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct FamilyComment {
    /// Id.
    pub id: i64,
    /// `view` or `disagreement`.
    pub kind: String,
    /// Whose view, by relationship ("Mother", "the young person").
    pub person: String,
    /// What they said.
    pub body: String,
    /// Who attached it.
    pub added_by_name: String,
    /// When.
    pub added_at: i64,
}

/// The kinds of comment, as (key, label).
pub const KINDS: [(&str, &str); 2] = [("view", "Their view"), ("disagreement", "They disagree with the record")];

/// Attaches a comment.
pub async fn add(store: &Store, record_id: i64, kind: &str, person: &str, body: &str, by: i64) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO record_comments (record_id, kind, person, body, added_by, added_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(record_id)
    .bind(kind)
    .bind(person)
    .bind(body)
    .bind(by)
    .bind(now())
    .fetch_one(store.pool())
    .await?)
}

/// A record's comments, oldest first.
pub async fn for_record(store: &Store, record_id: i64) -> Result<Vec<FamilyComment>> {
    Ok(sqlx::query_as(
        "SELECT c.id, c.kind, c.person, c.body, u.name AS added_by_name, c.added_at FROM record_comments c \
         JOIN users u ON u.id = c.added_by WHERE c.record_id = $1 ORDER BY c.id",
    )
    .bind(record_id)
    .fetch_all(store.pool())
    .await?)
}
