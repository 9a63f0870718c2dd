//! The audit log: who saw and changed what, and when. Entries name actions and ids, never the
//! text of a record, so the log itself holds no personal data about the people recorded.

use crate::{Result, Store, now};
use serde::Serialize;

/// One entry.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct AuditEntry {
    /// Id (ascending in time).
    pub id: i64,
    /// When (Unix seconds).
    pub at: i64,
    /// Who acted (none for the system or a failed sign-in).
    pub user_id: Option<i64>,
    /// Their name at the time of reading.
    pub user_name: Option<String>,
    /// What they did: `record.view`, `record.save`, `user.invite`, `session.sign-in`, …
    pub action: String,
    /// The kind of thing acted on: `record`, `user`, `token`, …
    pub target_kind: String,
    /// Its id.
    pub target_id: Option<i64>,
    /// A short non-personal detail (a version number, a role).
    pub detail: String,
}

/// What to record.
#[derive(Debug, Clone, Default)]
pub struct Event<'a> {
    /// Organisation.
    pub org_id: Option<i64>,
    /// Who.
    pub user_id: Option<i64>,
    /// Action key.
    pub action: &'a str,
    /// Target kind.
    pub target_kind: &'a str,
    /// Target id.
    pub target_id: Option<i64>,
    /// Detail.
    pub detail: String,
}

/// Appends an entry.
pub async fn record(store: &Store, e: Event<'_>) -> Result<()> {
    sqlx::query(
        "INSERT INTO audit_log (org_id, user_id, action, target_kind, target_id, detail, at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(e.org_id)
    .bind(e.user_id)
    .bind(e.action)
    .bind(e.target_kind)
    .bind(e.target_id)
    .bind(e.detail)
    .bind(now())
    .execute(store.pool())
    .await?;
    Ok(())
}

/// A search of the log.
#[derive(Debug, Clone, Default)]
pub struct Search {
    /// Only this person's actions.
    pub user_id: Option<i64>,
    /// Only actions starting with this (`record.`).
    pub action_prefix: Option<String>,
    /// Only this record.
    pub record_id: Option<i64>,
    /// From (Unix seconds, inclusive).
    pub from: Option<i64>,
    /// Until (Unix seconds, exclusive).
    pub until: Option<i64>,
    /// At most this many, newest first.
    pub limit: i64,
}

/// Entries of an organisation matching `s`, newest first.
pub async fn search(store: &Store, org_id: i64, s: &Search) -> Result<Vec<AuditEntry>> {
    // Optional filters are written as "$n IS NULL OR …" so one statement serves every search.
    let prefix = s.action_prefix.as_ref().map(|p| format!("{}%", p.replace(['%', '_'], "")));
    Ok(sqlx::query_as(
        "SELECT a.id, a.at, a.user_id, u.name AS user_name, a.action, a.target_kind, a.target_id, a.detail \
         FROM audit_log a LEFT JOIN users u ON u.id = a.user_id \
         WHERE a.org_id = $1 \
           AND ($2 IS NULL OR a.user_id = $2) \
           AND ($3 IS NULL OR a.action LIKE $3) \
           AND ($4 IS NULL OR (a.target_kind = 'record' AND a.target_id = $4)) \
           AND ($5 IS NULL OR a.at >= $5) \
           AND ($6 IS NULL OR a.at < $6) \
         ORDER BY a.id DESC LIMIT $7",
    )
    .bind(org_id)
    .bind(s.user_id)
    .bind(prefix)
    .bind(s.record_id)
    .bind(s.from)
    .bind(s.until)
    .bind(s.limit.clamp(1, 100_000))
    .fetch_all(store.pool())
    .await?)
}
