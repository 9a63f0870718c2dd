//! Records and their versions.
//!
//! Every save is a version; a record's `version` column is the latest one. Saving names the
//! version the writer started from, and the update only happens if that is still the latest:
//! two tabs saving the same record cannot silently overwrite each other (the second is told).
//! Autosave keeps one draft per record beside the versions, so typing does not flood history.

use crate::{Result, Store, now};
use serde::Serialize;

/// A record's current state.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Record {
    /// Id.
    pub id: i64,
    /// Organisation.
    pub org_id: i64,
    /// Who wrote it.
    pub author_id: i64,
    /// Author's name.
    pub author_name: String,
    /// The record type key (`contact`, `case-summary`, …).
    pub record_type: String,
    /// Title.
    pub title: String,
    /// 1 when shared with the organisation.
    pub shared: i64,
    /// Latest version number.
    pub version: i64,
    /// Latest saved text.
    pub body: String,
    /// Autosaved draft not yet saved as a version.
    pub draft_body: Option<String>,
    /// When the draft was autosaved.
    pub draft_saved_at: Option<i64>,
    /// Created (Unix seconds).
    pub created_at: i64,
    /// Last saved.
    pub updated_at: i64,
}

/// A row of a record list.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct RecordSummary {
    /// Id.
    pub id: i64,
    /// Title.
    pub title: String,
    /// Type key.
    pub record_type: String,
    /// Author id.
    pub author_id: i64,
    /// Author's name.
    pub author_name: String,
    /// 1 when shared.
    pub shared: i64,
    /// Latest version.
    pub version: i64,
    /// Last saved.
    pub updated_at: i64,
}

/// One saved version.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Version {
    /// Number, from 1.
    pub version: i64,
    /// Text.
    pub body: String,
    /// Why it was corrected, for corrections.
    pub reason: Option<String>,
    /// Who saved it.
    pub saved_by_name: String,
    /// When.
    pub saved_at: i64,
}

/// What became of a save.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveOutcome {
    /// Saved as this version.
    Saved(i64),
    /// Someone (or another tab) saved version `latest` since the writer's `base`: nothing was
    /// written, and the caller should show both texts.
    Conflict {
        /// The version now latest.
        latest: i64,
    },
    /// No such record in this organisation.
    NotFound,
}

/// A new record's content.
#[derive(Debug, Clone)]
pub struct NewRecord<'a> {
    /// Organisation.
    pub org_id: i64,
    /// Author.
    pub author_id: i64,
    /// Type key.
    pub record_type: &'a str,
    /// Title.
    pub title: &'a str,
    /// First text.
    pub body: &'a str,
}

/// A save of an existing record.
#[derive(Debug, Clone)]
pub struct Save<'a> {
    /// Organisation (records of other organisations are never touched).
    pub org_id: i64,
    /// Record id.
    pub id: i64,
    /// Who saves.
    pub user_id: i64,
    /// The version the writer started from.
    pub base_version: i64,
    /// New title.
    pub title: &'a str,
    /// Record type key (a writer may decide a contact note is really a detailed record).
    pub record_type: &'a str,
    /// New text.
    pub body: &'a str,
    /// Why, for a correction.
    pub reason: Option<&'a str>,
}

/// Creates a record with its first version.
pub async fn create(store: &Store, new: NewRecord<'_>) -> Result<i64> {
    let at = now();
    let mut tx = store.pool().begin().await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO records (org_id, author_id, record_type, title, shared, version, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, 0, 1, $5, $5) RETURNING id",
    )
    .bind(new.org_id)
    .bind(new.author_id)
    .bind(new.record_type)
    .bind(new.title)
    .bind(at)
    .fetch_one(&mut *tx)
    .await?;
    insert_version(&mut tx, id, 1, new.body, None, new.author_id, at).await?;
    tx.commit().await?;
    Ok(id)
}

async fn insert_version(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    id: i64,
    version: i64,
    body: &str,
    reason: Option<&str>,
    by: i64,
    at: i64,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO record_versions (record_id, version, body, reason, saved_by, saved_at) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(id)
    .bind(version)
    .bind(body)
    .bind(reason)
    .bind(by)
    .bind(at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// A record of this organisation, with its latest text.
pub async fn get(store: &Store, org_id: i64, id: i64) -> Result<Option<Record>> {
    Ok(sqlx::query_as(
        "SELECT r.id, r.org_id, r.author_id, u.name AS author_name, r.record_type, r.title, r.shared, r.version, \
         v.body, r.draft_body, r.draft_saved_at, r.created_at, r.updated_at \
         FROM records r JOIN users u ON u.id = r.author_id \
         JOIN record_versions v ON v.record_id = r.id AND v.version = r.version \
         WHERE r.id = $1 AND r.org_id = $2",
    )
    .bind(id)
    .bind(org_id)
    .fetch_optional(store.pool())
    .await?)
}

/// Saves a new version if `base_version` is still the latest.
pub async fn save(store: &Store, s: Save<'_>) -> Result<SaveOutcome> {
    let at = now();
    let mut tx = store.pool().begin().await?;
    // The conditional update is the lock: of two saves from the same base, one changes a row.
    let done = sqlx::query(
        "UPDATE records SET version = version + 1, title = $1, updated_at = $2, draft_body = NULL, draft_saved_at = NULL, \
         record_type = $6 WHERE id = $3 AND org_id = $4 AND version = $5",
    )
    .bind(s.title)
    .bind(at)
    .bind(s.id)
    .bind(s.org_id)
    .bind(s.base_version)
    .bind(s.record_type)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        let latest: Option<i64> = sqlx::query_scalar("SELECT version FROM records WHERE id = $1 AND org_id = $2")
            .bind(s.id)
            .bind(s.org_id)
            .fetch_optional(&mut *tx)
            .await?;
        tx.rollback().await?;
        return Ok(latest.map_or(SaveOutcome::NotFound, |latest| SaveOutcome::Conflict { latest }));
    }
    let version = s.base_version + 1;
    insert_version(&mut tx, s.id, version, s.body, s.reason, s.user_id, at).await?;
    tx.commit().await?;
    Ok(SaveOutcome::Saved(version))
}

/// Autosaves a draft (not a version). False when the record is not in this organisation.
pub async fn save_draft(store: &Store, org_id: i64, id: i64, body: &str) -> Result<bool> {
    let done = sqlx::query("UPDATE records SET draft_body = $1, draft_saved_at = $2 WHERE id = $3 AND org_id = $4")
        .bind(body)
        .bind(now())
        .bind(id)
        .bind(org_id)
        .execute(store.pool())
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Shares a record with the organisation, or makes it private again.
pub async fn set_shared(store: &Store, org_id: i64, id: i64, shared: bool) -> Result<bool> {
    let done = sqlx::query("UPDATE records SET shared = $1 WHERE id = $2 AND org_id = $3")
        .bind(i64::from(shared))
        .bind(id)
        .bind(org_id)
        .execute(store.pool())
        .await?;
    Ok(done.rows_affected() == 1)
}

/// The records a person may see in an organisation: their own, and those shared with it.
pub async fn visible_to(store: &Store, org_id: i64, user_id: i64) -> Result<Vec<RecordSummary>> {
    Ok(sqlx::query_as(
        "SELECT r.id, r.title, r.record_type, r.author_id, u.name AS author_name, r.shared, r.version, r.updated_at \
         FROM records r JOIN users u ON u.id = r.author_id \
         WHERE r.org_id = $1 AND (r.author_id = $2 OR r.shared = 1) ORDER BY r.updated_at DESC, r.id DESC",
    )
    .bind(org_id)
    .bind(user_id)
    .fetch_all(store.pool())
    .await?)
}

/// Every version of a record, oldest first.
pub async fn versions(store: &Store, record_id: i64) -> Result<Vec<Version>> {
    Ok(sqlx::query_as(
        "SELECT v.version, v.body, v.reason, u.name AS saved_by_name, v.saved_at FROM record_versions v \
         JOIN users u ON u.id = v.saved_by WHERE v.record_id = $1 ORDER BY v.version",
    )
    .bind(record_id)
    .fetch_all(store.pool())
    .await?)
}

/// How many records an organisation has (for the demo and metrics).
pub async fn count(store: &Store, org_id: i64) -> Result<i64> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM records WHERE org_id = $1")
        .bind(org_id)
        .fetch_one(store.pool())
        .await?)
}
