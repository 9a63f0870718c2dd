//! Pair review: the groups of a pair-review session, their members, and each member's reading
//! of the others' examples. Discussions stay in the group: callers decide who sees what.

use crate::{Result, Store, now};
use serde::Serialize;

/// A group and its members (user ids).
#[derive(Debug, Clone, Serialize)]
pub struct Group {
    /// Id.
    pub id: i64,
    /// 1, 2, 3 … within the session.
    pub number: i64,
    /// Members' user ids.
    pub members: Vec<i64>,
}

/// One member's reading of another member's example.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Review {
    /// Group.
    pub group_id: i64,
    /// Who read it.
    pub reviewer_id: i64,
    /// The example read.
    pub example_id: i64,
    /// How it read to a colleague professional.
    pub as_colleague: String,
    /// How it read to a family member.
    pub as_family: String,
    /// When marked finished.
    pub finished_at: Option<i64>,
}

/// A session's groups, in order.
pub async fn groups(store: &Store, session_id: i64) -> Result<Vec<Group>> {
    let rows: Vec<(i64, i64, Option<i64>)> = sqlx::query_as(
        "SELECT g.id, g.number, m.user_id FROM review_groups g LEFT JOIN review_group_members m ON m.group_id = g.id \
         WHERE g.cohort_session_id = $1 ORDER BY g.number, g.id, m.user_id",
    )
    .bind(session_id)
    .fetch_all(store.pool())
    .await?;
    let mut out: Vec<Group> = vec![];
    for (id, number, user) in rows {
        if out.last().is_none_or(|g| g.id != id) {
            out.push(Group { id, number, members: vec![] });
        }
        if let (Some(u), Some(g)) = (user, out.last_mut()) {
            g.members.push(u);
        }
    }
    Ok(out)
}

/// Replaces a session's groups (and any readings in them) with `groups` of user ids.
pub async fn replace_groups(store: &Store, session_id: i64, groups: &[Vec<i64>]) -> Result<()> {
    let mut tx = store.pool().begin().await?;
    for table in ["reviews", "review_group_members"] {
        let sql = format!(
            "DELETE FROM {table} WHERE group_id IN (SELECT id FROM review_groups WHERE cohort_session_id = $1)"
        );
        sqlx::query(sqlx::AssertSqlSafe(sql)).bind(session_id).execute(&mut *tx).await?;
    }
    sqlx::query("DELETE FROM review_groups WHERE cohort_session_id = $1").bind(session_id).execute(&mut *tx).await?;
    for (i, members) in groups.iter().enumerate() {
        let id: i64 =
            sqlx::query_scalar("INSERT INTO review_groups (cohort_session_id, number) VALUES ($1, $2) RETURNING id")
                .bind(session_id)
                .bind(i as i64 + 1)
                .fetch_one(&mut *tx)
                .await?;
        for user in members {
            sqlx::query("INSERT INTO review_group_members (group_id, user_id) VALUES ($1, $2)")
                .bind(id)
                .bind(user)
                .execute(&mut *tx)
                .await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

/// Moves a person into a group of the same session (out of any other group of it). Their
/// readings in the old group stay with that group.
pub async fn move_member(store: &Store, session_id: i64, user_id: i64, group_id: i64) -> Result<bool> {
    let mut tx = store.pool().begin().await?;
    let ok: Option<i64> = sqlx::query_scalar("SELECT id FROM review_groups WHERE id = $1 AND cohort_session_id = $2")
        .bind(group_id)
        .bind(session_id)
        .fetch_optional(&mut *tx)
        .await?;
    if ok.is_none() {
        return Ok(false);
    }
    remove_in(&mut tx, session_id, user_id).await?;
    sqlx::query("INSERT INTO review_group_members (group_id, user_id) VALUES ($1, $2)")
        .bind(group_id)
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(true)
}

/// Takes a person out of the session's groups (they left the course).
pub async fn remove_member(store: &Store, session_id: i64, user_id: i64) -> Result<()> {
    let mut tx = store.pool().begin().await?;
    remove_in(&mut tx, session_id, user_id).await?;
    tx.commit().await?;
    Ok(())
}

async fn remove_in(tx: &mut sqlx::Transaction<'_, sqlx::Any>, session_id: i64, user_id: i64) -> Result<()> {
    sqlx::query(
        "DELETE FROM review_group_members WHERE user_id = $1 AND group_id IN \
         (SELECT id FROM review_groups WHERE cohort_session_id = $2)",
    )
    .bind(user_id)
    .bind(session_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Saves a member's reading of an example (and marks it finished when `finished`).
pub async fn save(
    store: &Store,
    group_id: i64,
    reviewer_id: i64,
    example_id: i64,
    as_colleague: &str,
    as_family: &str,
    finished: bool,
) -> Result<()> {
    let finished_at = finished.then(now);
    sqlx::query(
        "INSERT INTO reviews (group_id, reviewer_id, example_id, as_colleague, as_family, finished_at) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (group_id, reviewer_id, example_id) DO UPDATE SET \
         as_colleague = excluded.as_colleague, as_family = excluded.as_family, finished_at = excluded.finished_at",
    )
    .bind(group_id)
    .bind(reviewer_id)
    .bind(example_id)
    .bind(as_colleague)
    .bind(as_family)
    .bind(finished_at)
    .execute(store.pool())
    .await?;
    Ok(())
}

/// Every reading in a group (for its members only).
pub async fn in_group(store: &Store, group_id: i64) -> Result<Vec<Review>> {
    Ok(sqlx::query_as(
        "SELECT group_id, reviewer_id, example_id, as_colleague, as_family, finished_at FROM reviews \
         WHERE group_id = $1 ORDER BY reviewer_id, example_id",
    )
    .bind(group_id)
    .fetch_all(store.pool())
    .await?)
}

/// Who has finished, per group: (group id, reviewer id, readings finished). No content.
pub async fn finished_counts(store: &Store, session_id: i64) -> Result<Vec<(i64, i64, i64)>> {
    Ok(sqlx::query_as(
        "SELECT r.group_id, r.reviewer_id, COUNT(*) FROM reviews r JOIN review_groups g ON g.id = r.group_id \
         WHERE g.cohort_session_id = $1 AND r.finished_at IS NOT NULL GROUP BY r.group_id, r.reviewer_id",
    )
    .bind(session_id)
    .fetch_all(store.pool())
    .await?)
}

/// A plenary session's summary points, if recorded.
pub async fn points(store: &Store, session_id: i64) -> Result<Option<String>> {
    Ok(sqlx::query_scalar("SELECT points FROM session_points WHERE cohort_session_id = $1")
        .bind(session_id)
        .fetch_optional(store.pool())
        .await?)
}

/// Records (or replaces) a plenary session's summary points.
pub async fn set_points(store: &Store, session_id: i64, points: &str, by: i64) -> Result<()> {
    sqlx::query(
        "INSERT INTO session_points (cohort_session_id, points, updated_by, updated_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (cohort_session_id) DO UPDATE SET points = excluded.points, updated_by = excluded.updated_by, \
         updated_at = excluded.updated_at",
    )
    .bind(session_id)
    .bind(points)
    .bind(by)
    .bind(now())
    .execute(store.pool())
    .await?;
    Ok(())
}

/// Deletes a session's groups that have nobody left in them (and their readings).
pub async fn drop_empty(store: &Store, session_id: i64) -> Result<()> {
    let mut tx = store.pool().begin().await?;
    let empty = "SELECT g.id FROM review_groups g WHERE g.cohort_session_id = $1 AND NOT EXISTS \
                 (SELECT 1 FROM review_group_members m WHERE m.group_id = g.id)";
    let sql = format!("DELETE FROM reviews WHERE group_id IN ({empty})");
    sqlx::query(sqlx::AssertSqlSafe(sql)).bind(session_id).execute(&mut *tx).await?;
    let sql = format!("DELETE FROM review_groups WHERE id IN ({empty})");
    sqlx::query(sqlx::AssertSqlSafe(sql)).bind(session_id).execute(&mut *tx).await?;
    tx.commit().await?;
    Ok(())
}
