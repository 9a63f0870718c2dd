//! The job runner: runs durable jobs (see `recordwell_store::jobs`) when they fall due.
//!
//! Every server runs one. It wakes every few seconds (and at once when woken), claims due jobs
//! one at a time with a lease, and runs the handler for the job's kind. A failure puts the job
//! back with exponential back-off; after too many it is marked failed, and the facilitator's
//! cohort page shows it. Jobs due while the server was down run as soon as it starts.

use crate::auth::CurrentSession;
use crate::error::AppError;
use crate::pages::PageJson;
use crate::state::AppState;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use recordwell_store::jobs::{self, Job, SendClaim};
use recordwell_store::orgs::Role;
use serde::Deserialize;
use std::collections::HashMap;
use std::pin::Pin;
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
    /// Not run: our lease ran out and another server has the job.
    NotOurs,
}

/// What a job handler returns: a boxed future, so handlers of every kind fit one table.
pub type HandlerFuture<'a> = Pin<Box<dyn Future<Output = Result<Outcome, AppError>> + Send + 'a>>;

/// A job handler: runs one claimed job of its kind.
pub type Handler = for<'a> fn(&'a AppState, &'a Job) -> HandlerFuture<'a>;

/// The handlers, by job kind. Each part of the platform that schedules jobs registers its own
/// (`programme::register_jobs`), so the runner never names them.
#[derive(Default)]
pub struct Handlers(HashMap<&'static str, Handler>);

impl Handlers {
    /// Registers `handler` for jobs of `kind`.
    pub fn register(&mut self, kind: &'static str, handler: Handler) {
        self.0.insert(kind, handler);
    }
}

/// Sends a job's email at most once, however leases run out: claims the job's one send (which
/// also renews the lease), sends, and records how it went. A second claim of a job whose first
/// claim started sending and never said how it went does not send again; it retries later, and
/// after [`jobs::MAX_ATTEMPTS`] the job is marked failed with a note saying so, for the
/// facilitator to check with the recipient.
pub async fn send_once<F>(state: &AppState, job: &Job, send: F) -> Result<Outcome, AppError>
where
    F: Future<Output = Result<(), crate::mail::MailError>>,
{
    match jobs::begin_send(&state.store, job, state.clock.now(), LEASE_SECS).await? {
        SendClaim::NotOurs => return Ok(Outcome::NotOurs),
        SendClaim::AlreadySent => return Ok(Outcome::Done(Some("sent by an earlier attempt".into()))),
        SendClaim::InDoubt => {
            return Ok(Outcome::Retry(
                "an earlier attempt was sending this email when it stopped; it may have gone, so it is not sent again"
                    .into(),
            ));
        }
        SendClaim::Send => {}
    }
    match send.await {
        Ok(()) => {
            jobs::sent(&state.store, job, state.clock.now()).await?;
            Ok(Outcome::Done(None))
        }
        Err(e) => {
            jobs::send_failed(&state.store, job).await?;
            Ok(Outcome::Retry(e.to_string()))
        }
    }
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
    let outcome = match state.job_handlers.0.get(job.kind.as_str()) {
        Some(handler) => handler(state, job).await,
        None => Ok(Outcome::Done(Some(format!("unknown job kind {}", job.kind)))),
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
    PageJson(body): PageJson<Advance>,
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
