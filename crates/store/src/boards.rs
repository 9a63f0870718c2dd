//! The boards a workshop series builds together: core elements of recording, assets, barriers
//! and recommendations. Votes are one per person per item, kept by the table's key, so a double
//! click or two tabs cannot count twice.

use crate::{Result, Store, now};
use serde::Serialize;

/// The core elements of case recording (workshop one).
pub const ELEMENTS: &str = "elements";
/// Assets that support meaningful recording (workshops two and three).
pub const ASSETS: &str = "assets";
/// Barriers beside them.
pub const BARRIERS: &str = "barriers";
/// Recommendations.
pub const RECOMMENDATIONS: &str = "recommendations";

/// An item on a board.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow, Serialize)]
pub struct Item {
    /// Id.
    pub id: i64,
    /// Which board.
    pub board: String,
    /// The words on it.
    pub body: String,
    /// An asset's kind (`personal`, `cultural`, `structural`) or a recommendation's level.
    pub kind: String,
    /// The cluster the group put it in ("" when not clustered yet).
    pub cluster: String,
    /// Who added it.
    pub author_id: Option<i64>,
    /// 1 when its author chose to be named beside it.
    pub show_author: i64,
    /// 1 when the facilitator hid it.
    pub hidden: i64,
}

/// A new item.
#[derive(Debug, Clone, Copy)]
pub struct NewItem<'a> {
    /// Which board.
    pub board: &'a str,
    /// Its words.
    pub body: &'a str,
    /// Kind or level.
    pub kind: &'a str,
    /// Who adds it.
    pub author_id: i64,
    /// Whether they are named beside it.
    pub show_author: bool,
}

/// Adds an item; returns its id.
pub async fn add(store: &Store, cohort_id: i64, item: NewItem<'_>) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "INSERT INTO board_items (cohort_id, board, body, kind, author_id, show_author, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(cohort_id)
    .bind(item.board)
    .bind(item.body)
    .bind(item.kind)
    .bind(item.author_id)
    .bind(i64::from(item.show_author))
    .bind(now())
    .fetch_one(store.pool())
    .await?)
}

const ITEM_COLUMNS: &str = "id, board, body, kind, cluster, author_id, show_author, hidden";

/// A board's items, oldest first (hidden ones included: callers decide who sees them).
pub async fn items(store: &Store, cohort_id: i64, board: &str) -> Result<Vec<Item>> {
    let sql = format!("SELECT {ITEM_COLUMNS} FROM board_items WHERE cohort_id = $1 AND board = $2 ORDER BY id");
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(cohort_id).bind(board).fetch_all(store.pool()).await?)
}

/// One item of a cohort.
pub async fn item(store: &Store, cohort_id: i64, id: i64) -> Result<Option<Item>> {
    let sql = format!("SELECT {ITEM_COLUMNS} FROM board_items WHERE cohort_id = $1 AND id = $2");
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(cohort_id).bind(id).fetch_optional(store.pool()).await?)
}

/// Puts an item in a cluster ("" to take it out); false if no such item.
pub async fn set_cluster(store: &Store, cohort_id: i64, id: i64, cluster: &str) -> Result<bool> {
    let done = sqlx::query("UPDATE board_items SET cluster = $1 WHERE cohort_id = $2 AND id = $3")
        .bind(cluster)
        .bind(cohort_id)
        .bind(id)
        .execute(store.pool())
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Hides or shows an item; false if no such item.
pub async fn set_hidden(store: &Store, cohort_id: i64, id: i64, hidden: bool) -> Result<bool> {
    let done = sqlx::query("UPDATE board_items SET hidden = $1 WHERE cohort_id = $2 AND id = $3")
        .bind(i64::from(hidden))
        .bind(cohort_id)
        .bind(id)
        .execute(store.pool())
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Votes for an item: false (changing nothing) when this person has voted for it already.
pub async fn vote(store: &Store, item_id: i64, user_id: i64) -> Result<bool> {
    let done = sqlx::query(
        "INSERT INTO board_votes (item_id, user_id, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
    )
    .bind(item_id)
    .bind(user_id)
    .bind(now())
    .execute(store.pool())
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Takes a vote back; false if there was none.
pub async fn unvote(store: &Store, item_id: i64, user_id: i64) -> Result<bool> {
    let done = sqlx::query("DELETE FROM board_votes WHERE item_id = $1 AND user_id = $2")
        .bind(item_id)
        .bind(user_id)
        .execute(store.pool())
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Votes for an item (`on`) or takes the vote back; false when that changed nothing.
pub async fn set_vote(store: &Store, item_id: i64, user_id: i64, on: bool) -> Result<bool> {
    if on { vote(store, item_id, user_id).await } else { unvote(store, item_id, user_id).await }
}

/// A board's items not hidden, each with its votes, most votes first (then oldest first).
pub async fn standing(store: &Store, cohort_id: i64, board: &str) -> Result<Vec<(Item, usize)>> {
    let mut tally: std::collections::HashMap<i64, usize> = std::collections::HashMap::new();
    for (_, item) in votes(store, cohort_id, board).await? {
        *tally.entry(item).or_default() += 1;
    }
    let mut out: Vec<(Item, usize)> = items(store, cohort_id, board)
        .await?
        .into_iter()
        .filter(|i| i.hidden == 0)
        .map(|i| {
            let n = tally.get(&i.id).copied().unwrap_or(0);
            (i, n)
        })
        .collect();
    out.sort_by_key(|(i, n)| (std::cmp::Reverse(*n), i.id));
    Ok(out)
}

/// A board's votes, as (person, item).
pub async fn votes(store: &Store, cohort_id: i64, board: &str) -> Result<Vec<(i64, i64)>> {
    Ok(sqlx::query_as(
        "SELECT v.user_id, v.item_id FROM board_votes v JOIN board_items i ON i.id = v.item_id \
         WHERE i.cohort_id = $1 AND i.board = $2 ORDER BY v.item_id, v.user_id",
    )
    .bind(cohort_id)
    .bind(board)
    .fetch_all(store.pool())
    .await?)
}

/// Changes an item's words (the facilitator editing a recommendation); false if no such item.
pub async fn set_body(store: &Store, cohort_id: i64, id: i64, body: &str) -> Result<bool> {
    let done = sqlx::query("UPDATE board_items SET body = $1 WHERE cohort_id = $2 AND id = $3")
        .bind(body)
        .bind(cohort_id)
        .bind(id)
        .execute(store.pool())
        .await?;
    Ok(done.rows_affected() == 1)
}

/// What an item rests on: a recommendation on assets and barriers (`item`), an asset on tests
/// of change (`test`).
pub async fn link(store: &Store, item_id: i64, target_kind: &str, target_id: i64) -> Result<()> {
    sqlx::query("INSERT INTO board_links (item_id, target_kind, target_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
        .bind(item_id)
        .bind(target_kind)
        .bind(target_id)
        .execute(store.pool())
        .await?;
    Ok(())
}

/// A cohort's links, as (item, target kind, target).
pub async fn links(store: &Store, cohort_id: i64) -> Result<Vec<(i64, String, i64)>> {
    Ok(sqlx::query_as(
        "SELECT l.item_id, l.target_kind, l.target_id FROM board_links l JOIN board_items i ON i.id = l.item_id \
         WHERE i.cohort_id = $1 ORDER BY l.item_id, l.target_kind, l.target_id",
    )
    .bind(cohort_id)
    .fetch_all(store.pool())
    .await?)
}

/// A leader's answer.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow, Serialize)]
pub struct LeaderAnswer {
    /// The recommendation answered (none: a two-day cohort's post-box summary).
    pub item_id: Option<i64>,
    /// Who answered.
    pub leader_id: i64,
    /// Their name.
    pub leader_name: String,
    /// `accepted`, `in-progress` or `not-now`.
    pub answer: String,
    /// Why, or what is being done.
    pub reason: String,
    /// When.
    pub answered_at: i64,
}

/// Records a leader's answer (a later answer from the same leader to the same thing replaces it).
pub async fn answer(
    store: &Store,
    cohort_id: i64,
    item_id: Option<i64>,
    leader_id: i64,
    answer: &str,
    reason: &str,
) -> Result<()> {
    let mut tx = store.pool().begin().await?;
    sqlx::query(
        "DELETE FROM leader_answers WHERE cohort_id = $1 AND leader_id = $2 AND \
         ((item_id IS NULL AND $3 IS NULL) OR item_id = $3)",
    )
    .bind(cohort_id)
    .bind(leader_id)
    .bind(item_id)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO leader_answers (cohort_id, item_id, leader_id, answer, reason, answered_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(cohort_id)
    .bind(item_id)
    .bind(leader_id)
    .bind(answer)
    .bind(reason)
    .bind(now())
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// A cohort's answers, oldest first.
pub async fn answers(store: &Store, cohort_id: i64) -> Result<Vec<LeaderAnswer>> {
    Ok(sqlx::query_as(
        "SELECT a.item_id, a.leader_id, u.name AS leader_name, a.answer, a.reason, a.answered_at \
         FROM leader_answers a JOIN users u ON u.id = a.leader_id WHERE a.cohort_id = $1 ORDER BY a.answered_at, a.id",
    )
    .bind(cohort_id)
    .fetch_all(store.pool())
    .await?)
}

/// What a series has published: (recommendations published at, update text, update published at).
pub async fn outputs(store: &Store, cohort_id: i64) -> Result<(Option<i64>, String, Option<i64>)> {
    let row: Option<(Option<i64>, String, Option<i64>)> = sqlx::query_as(
        "SELECT recommendations_published_at, update_text, update_published_at FROM series_outputs WHERE cohort_id = $1",
    )
    .bind(cohort_id)
    .fetch_optional(store.pool())
    .await?;
    Ok(row.unwrap_or_default())
}

/// Publishes (or withdraws, with `None`) a series' recommendations.
pub async fn set_recommendations_published(store: &Store, cohort_id: i64, at: Option<i64>) -> Result<()> {
    sqlx::query(
        "INSERT INTO series_outputs (cohort_id, recommendations_published_at) VALUES ($1, $2) \
         ON CONFLICT (cohort_id) DO UPDATE SET recommendations_published_at = $2",
    )
    .bind(cohort_id)
    .bind(at)
    .execute(store.pool())
    .await?;
    Ok(())
}

/// Saves the emerging-learning update, published at `at` (none: a draft).
pub async fn set_update(store: &Store, cohort_id: i64, text: &str, at: Option<i64>) -> Result<()> {
    sqlx::query(
        "INSERT INTO series_outputs (cohort_id, update_text, update_published_at) VALUES ($1, $2, $3) \
         ON CONFLICT (cohort_id) DO UPDATE SET update_text = $2, update_published_at = $3",
    )
    .bind(cohort_id)
    .bind(text)
    .bind(at)
    .execute(store.pool())
    .await?;
    Ok(())
}

/// Changes an item's kind (a recommendation's level); false if no such item.
pub async fn set_kind(store: &Store, cohort_id: i64, id: i64, kind: &str) -> Result<bool> {
    let done = sqlx::query("UPDATE board_items SET kind = $1 WHERE cohort_id = $2 AND id = $3")
        .bind(kind)
        .bind(cohort_id)
        .bind(id)
        .execute(store.pool())
        .await?;
    Ok(done.rows_affected() == 1)
}
