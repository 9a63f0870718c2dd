//! What every handler can reach.

use crate::mail::Mailer;
use crate::metrics::Metrics;
use crate::settings::Settings;
use recordwell_store::Store;
use std::sync::Arc;

/// Shared state: the store, mail, settings and counters. Cheap to clone.
#[derive(Clone)]
pub struct AppState {
    /// The database.
    pub store: Store,
    /// Outgoing mail.
    pub mailer: Arc<Mailer>,
    /// Settings.
    pub settings: Arc<Settings>,
    /// Request counters for `/metrics`.
    pub metrics: Arc<Metrics>,
    /// The checker's configuration (embedded word lists).
    pub check_config: Arc<recordwell_check::Config>,
    /// Where links in emails point.
    pub public_url: Arc<str>,
    /// The time jobs run by (the system clock unless `test_clock`).
    pub clock: crate::clock::Clock,
    /// Wakes the job runner (after scheduling or moving the clock).
    pub jobs_wake: Arc<tokio::sync::Notify>,
    /// What runs each kind of job.
    pub job_handlers: Arc<crate::jobs::Handlers>,
}
