//! Durable jobs: follow-up emails and post-box summaries that must survive restarts and run
//! exactly once even with several servers sharing one database.
//!
//! A job is claimed with one conditional `UPDATE`: only the server whose update changes the row
//! (state still `pending`, or `running` with an expired lease) gets it. A server that dies
//! mid-job leaves a lease that runs out, so another server picks the job up again. Each claim
//! adds one to `attempts`, which serves as a fencing token: a server whose lease ran out can no
//! longer send, complete or fail the job. The email a job sends goes at most once: the claim
//! that sends it first marks the job as sending ([`begin_send`]), and a later claim that finds
//! that mark (because the first one's lease ran out mid-send) does not send again.

use crate::{Backend, Result, Store};
use serde::Serialize;

/// How many attempts before a job is given up (`failed`).
pub const MAX_ATTEMPTS: i64 = 8;

/// A job.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct Job {
    /// Id.
    pub id: i64,
    /// What to do (`plan-followup`, `postbox-summary`).
    pub kind: String,
    /// Makes scheduling the same job twice a no-op.
    pub unique_key: String,
    /// The handler's input (JSON).
    pub payload: String,
    /// When it is due (Unix seconds).
    pub run_at: i64,
    /// `pending`, `running`, `done`, `failed` or `cancelled`.
    pub state: String,
    /// Attempts so far.
    pub attempts: i64,
    /// Why the last attempt failed, or a note on how it finished.
    pub last_error: Option<String>,
    /// Lease end while running.
    pub locked_until: Option<i64>,
    /// When it finished.
    pub finished_at: Option<i64>,
}

const COLUMNS: &str = "id, kind, unique_key, payload, run_at, state, attempts, last_error, locked_until, finished_at";

/// Schedules a job; returns false (and changes nothing) when `unique_key` is already taken.
pub async fn schedule(store: &Store, kind: &str, unique_key: &str, payload: &str, run_at: i64) -> Result<bool> {
    let done = sqlx::query(
        "INSERT INTO jobs (kind, unique_key, payload, run_at, state, attempts, created_at) \
         VALUES ($1, $2, $3, $4, 'pending', 0, $5) ON CONFLICT (unique_key) DO NOTHING",
    )
    .bind(kind)
    .bind(unique_key)
    .bind(payload)
    .bind(run_at)
    .bind(crate::now())
    .execute(store.pool())
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Moves a pending job to a new time (a follow-up date changed); false if not pending.
pub async fn reschedule(store: &Store, unique_key: &str, run_at: i64) -> Result<bool> {
    let done = sqlx::query("UPDATE jobs SET run_at = $1 WHERE unique_key = $2 AND state = 'pending'")
        .bind(run_at)
        .bind(unique_key)
        .execute(store.pool())
        .await?;
    Ok(done.rows_affected() == 1)
}

/// The condition for a job that may be claimed at `$1`: pending, or running with its lease over.
const DUE: &str = "run_at <= $1 AND (state = 'pending' OR (state = 'running' AND locked_until < $1))";

/// Claims one due job for `lease_secs`, or none. Safe with many claimers at once: one `UPDATE`
/// picks the row and re-checks its state, so exactly one claimer changes it. On SQLite the
/// statement runs under the database's single write lock; on PostgreSQL `FOR UPDATE SKIP LOCKED`
/// lets concurrent claimers take different jobs instead of queueing on the same one.
pub async fn claim_due(store: &Store, now: i64, lease_secs: i64) -> Result<Option<Job>> {
    let skip_locked = if store.backend() == Backend::Postgres { " FOR UPDATE SKIP LOCKED" } else { "" };
    let sql = format!(
        "UPDATE jobs SET state = 'running', attempts = attempts + 1, locked_until = $2 \
         WHERE id = (SELECT id FROM jobs WHERE {DUE} ORDER BY run_at, id LIMIT 1{skip_locked}) AND {DUE} \
         RETURNING {COLUMNS}"
    );
    for _ in 0..5 {
        let claimed: Option<Job> = sqlx::query_as(sqlx::AssertSqlSafe(sql.clone()))
            .bind(now)
            .bind(now + lease_secs)
            .fetch_optional(store.pool())
            .await?;
        if claimed.is_some() {
            return Ok(claimed);
        }
        // Nothing due, or another claimer won the row: look again only in the second case.
        let due: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM jobs WHERE {DUE}")))
            .bind(now)
            .fetch_one(store.pool())
            .await?;
        if due == 0 {
            return Ok(None);
        }
    }
    Ok(None)
}

/// The condition that the claim `job` is still the live one: still running, and not claimed again
/// since (every claim adds one to `attempts`, so the count is the claim's fencing token).
const STILL_OURS: &str = "id = $1 AND state = 'running' AND attempts = $2";

/// Marks a job done, with an optional note (e.g. "not sent: account removed"). Returns false,
/// changing nothing, when the claim is no longer ours (the lease ran out and another server took
/// the job over): that server's result is the one that counts.
pub async fn complete(store: &Store, job: &Job, note: Option<&str>, now: i64) -> Result<bool> {
    let done = sqlx::query(sqlx::AssertSqlSafe(format!(
        "UPDATE jobs SET state = 'done', finished_at = $3, locked_until = NULL, last_error = $4 WHERE {STILL_OURS}"
    )))
    .bind(job.id)
    .bind(job.attempts)
    .bind(now)
    .bind(note)
    .execute(store.pool())
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Whether the email a job sends may be sent by this claim (see [`begin_send`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SendClaim {
    /// Ours to send: the job records that this claim is sending, and its lease is renewed.
    Send,
    /// An earlier claim has already sent it.
    AlreadySent,
    /// An earlier claim started sending and has not said how it went (its lease ran out
    /// mid-send): sending again could send the message twice.
    InDoubt,
    /// The claim is no longer ours: another server has the job.
    NotOurs,
}

/// Claims the job's one send, renewing the lease to `now + lease_secs`, just before the email
/// goes. Of all the claims a job ever has, only one gets [`SendClaim::Send`] until a failed send
/// is handed back with [`send_failed`]: so a claim whose lease runs out while its mail server is
/// slow cannot lead a second server to send the message again.
pub async fn begin_send(store: &Store, job: &Job, now: i64, lease_secs: i64) -> Result<SendClaim> {
    let done = sqlx::query(sqlx::AssertSqlSafe(format!(
        "UPDATE jobs SET send_attempt = $2, locked_until = $3 \
         WHERE {STILL_OURS} AND send_attempt IS NULL AND sent_at IS NULL"
    )))
    .bind(job.id)
    .bind(job.attempts)
    .bind(now + lease_secs)
    .execute(store.pool())
    .await?;
    if done.rows_affected() == 1 {
        return Ok(SendClaim::Send);
    }
    let row: Option<(String, i64, Option<i64>)> =
        sqlx::query_as("SELECT state, attempts, sent_at FROM jobs WHERE id = $1")
            .bind(job.id)
            .fetch_optional(store.pool())
            .await?;
    Ok(match row {
        Some((state, attempts, _)) if state != "running" || attempts != job.attempts => SendClaim::NotOurs,
        Some((_, _, Some(_))) => SendClaim::AlreadySent,
        Some(_) => SendClaim::InDoubt,
        None => SendClaim::NotOurs,
    })
}

/// Records that the claim `job` sent its email (whether or not its lease is still held).
pub async fn sent(store: &Store, job: &Job, now: i64) -> Result<()> {
    sqlx::query("UPDATE jobs SET sent_at = $3 WHERE id = $1 AND send_attempt = $2")
        .bind(job.id)
        .bind(job.attempts)
        .bind(now)
        .execute(store.pool())
        .await?;
    Ok(())
}

/// Hands back the send of a claim whose mail server refused the message (nothing went out), so
/// a later attempt may send it.
pub async fn send_failed(store: &Store, job: &Job) -> Result<()> {
    sqlx::query("UPDATE jobs SET send_attempt = NULL WHERE id = $1 AND send_attempt = $2 AND sent_at IS NULL")
        .bind(job.id)
        .bind(job.attempts)
        .execute(store.pool())
        .await?;
    Ok(())
}

/// Back-off before attempt `attempts + 1`: 5 minutes doubling, at most a day.
pub fn backoff_secs(attempts: i64) -> i64 {
    (300_i64 << (attempts.clamp(1, 10) - 1)).min(86_400)
}

/// Records a failed attempt: back to `pending` at `retry_at`, or `failed` after
/// [`MAX_ATTEMPTS`]. Returns the new state, or `None` (changing nothing) when the claim is no
/// longer ours.
pub async fn fail(store: &Store, job: &Job, error: &str, retry_at: i64) -> Result<Option<String>> {
    let state = if job.attempts >= MAX_ATTEMPTS { "failed" } else { "pending" };
    let done = sqlx::query(sqlx::AssertSqlSafe(format!(
        "UPDATE jobs SET state = $3, run_at = $4, last_error = $5, locked_until = NULL WHERE {STILL_OURS}"
    )))
    .bind(job.id)
    .bind(job.attempts)
    .bind(state)
    .bind(retry_at)
    .bind(error)
    .execute(store.pool())
    .await?;
    Ok((done.rows_affected() == 1).then(|| state.to_owned()))
}

/// Cancels a pending job; false if it was not pending.
pub async fn cancel(store: &Store, unique_key: &str) -> Result<bool> {
    let done = sqlx::query("UPDATE jobs SET state = 'cancelled' WHERE unique_key = $1 AND state = 'pending'")
        .bind(unique_key)
        .execute(store.pool())
        .await?;
    Ok(done.rows_affected() == 1)
}

/// One job by its key.
pub async fn by_key(store: &Store, unique_key: &str) -> Result<Option<Job>> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!("SELECT {COLUMNS} FROM jobs WHERE unique_key = $1")))
        .bind(unique_key)
        .fetch_optional(store.pool())
        .await?)
}

/// Jobs whose key starts with `prefix` (a cohort's jobs are keyed `…:cohort:{id}:…`).
pub async fn with_prefix(store: &Store, prefix: &str) -> Result<Vec<Job>> {
    Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM jobs WHERE unique_key LIKE $1 ORDER BY run_at, id"
    )))
    .bind(format!("{prefix}%"))
    .fetch_all(store.pool())
    .await?)
}

/// A cohort's jobs (keys made with [`cohort_key`]).
pub async fn for_cohort(store: &Store, cohort_id: i64) -> Result<Vec<Job>> {
    with_prefix(store, &format!("cohort:{cohort_id}:")).await
}

/// The unique key of a cohort's job: `cohort:{id}:{rest}`.
pub fn cohort_key(cohort_id: i64, rest: &str) -> String {
    format!("cohort:{cohort_id}:{rest}")
}
