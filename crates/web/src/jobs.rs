//! The job runner: runs durable jobs (see `recordwell_store::jobs`) when they fall due.
//!
//! Every server runs one. It wakes every few seconds (and at once when woken), claims due jobs
//! one at a time with a lease, and runs the handler for the job's kind. A failure puts the job
//! back with exponential back-off; after too many it is marked failed, and the facilitator's
//! cohort page shows it. Jobs due while the server was down run as soon as it starts.

use crate::auth::CurrentSession;
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use recordwell_store::jobs::{self, Job};
use recordwell_store::orgs::Role;
use serde::Deserialize;
use std::time::Duration;

/// How long a claimed job is ours before another server may take it over.
const LEASE_SECS: i64 = 300;

/// How often the runner looks for due jobs when nobody wakes it.
const POLL: Duration = Duration::from_secs(5);

/// How a job handler finished.
#[derive(Debug)]
pub enum Outcome {
    /// Done, with an optional note kept on the job ("not sent: account removed").
    Done(Option<String>),
    /// Failed this time; try again later.
    Retry(String),
    /// Not run: our lease ran out and another server has the job (see [`lease_held`]).
    NotOurs,
}

/// Renews the lease on `job` just before an action that must happen once (sending an email);
/// false means another server took the job over after our lease ran out, so we must not act.
/// With the lease renewed, a second server can only take over after [`LEASE_SECS`], far longer
/// than the mailer's 15-second timeout, so the email is sent by one server only.
pub async fn lease_held(state: &AppState, job: &Job) -> Result<bool, AppError> {
    Ok(jobs::renew(&state.store, job, state.clock.now(), LEASE_SECS).await?)
}

/// Runs forever: due jobs now (catch-up after downtime), then on every tick or wake-up.
pub async fn runner(state: AppState) {
    loop {
        if let Err(e) = run_due(&state).await {
            tracing::warn!(error = %e, "the job runner could not read the jobs; will try again");
        }
        tokio::select! {
            _ = tokio::time::sleep(POLL) => {}
            _ = state.jobs_wake.notified() => {}
        }
    }
}

/// Runs every job due by the clock's now; returns how many were run.
pub async fn run_due(state: &AppState) -> Result<usize, AppError> {
    let mut ran = 0;
    while let Some(job) = jobs::claim_due(&state.store, state.clock.now(), LEASE_SECS).await? {
        run_one(state, &job).await?;
        ran += 1;
    }
    Ok(ran)
}

async fn run_one(state: &AppState, job: &Job) -> Result<(), AppError> {
    let outcome = match job.kind.as_str() {
        crate::programme::plans::FOLLOWUP_JOB => crate::programme::plans::run_followup(state, job).await,
        crate::programme::postbox::SEND_JOB => crate::programme::postbox::run_send(state, job).await,
        other => Ok(Outcome::Done(Some(format!("unknown job kind {other}")))),
    };
    let now = state.clock.now();
    let retry_at = now + jobs::backoff_secs(job.attempts);
    let (ours, failed) = match outcome {
        Ok(Outcome::Done(note)) => (jobs::complete(&state.store, job, note.as_deref(), now).await?, false),
        Ok(Outcome::NotOurs) => (false, false),
        Ok(Outcome::Retry(error)) => (record_failure(state, job, &error, retry_at).await?, true),
        // An error shows as its message (`AppError::Internal(text)` as the text itself).
        Err(e) => (record_failure(state, job, &e.to_string(), retry_at).await?, true),
    };
    if !ours {
        // The error text is not logged: a mail server's refusal can quote the recipient's address.
        tracing::warn!(job = job.id, kind = %job.kind, failed, "job lease lost: another server took the job over");
    }
    Ok(())
}

/// Puts a failed job back for a retry (or gives it up); false if the claim was no longer ours.
async fn record_failure(state: &AppState, job: &Job, error: &str, retry_at: i64) -> Result<bool, AppError> {
    let Some(state_now) = jobs::fail(&state.store, job, error, retry_at).await? else { return Ok(false) };
    // The error is kept on the job (the facilitator's pages show it) but not logged: a mail
    // server's refusal can quote the recipient's address, and logs hold no personal data.
    tracing::warn!(job = job.id, kind = %job.kind, attempts = job.attempts, state = %state_now, "job failed");
    Ok(true)
}

/// The test clock's route (only when the `test_clock` setting is on; else 404).
pub fn routes() -> Router<AppState> {
    Router::new().route("/admin/clock", post(advance_clock))
}

/// `POST /admin/clock`.
#[derive(Deserialize)]
pub struct Advance {
    advance_days: i64,
}

/// Moves the clock forward and runs what fell due (administrators, test clock only).
async fn advance_clock(
    State(state): State<AppState>,
    CurrentSession(who): CurrentSession,
    Json(body): Json<Advance>,
) -> Result<Response, AppError> {
    if !state.settings.test_clock {
        return Err(AppError::NotFound);
    }
    if who.role != Role::Administrator {
        return Err(AppError::Forbidden);
    }
    state.clock.advance_days(body.advance_days);
    let ran = run_due(&state).await?;
    state.jobs_wake.notify_one();
    Ok(Json(serde_json::json!({ "now": state.clock.now(), "ran": ran })).into_response())
}
