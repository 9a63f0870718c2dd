//! The two-day "Recording in Social Work" programme: templates, cohorts, examples, pair review,
//! the post-box, learning points, action plans, reflections and the facilitator's day view.
//!
//! Every route here is for signed-in members (see `crate::access`), and each handler also
//! checks the person's part in the cohort through [`InCohort`]: participants see their own
//! work and their group's, facilitators run the cohort but never read group discussions or
//! private learning points, managers see the post-box summary sent to them.

pub mod attendance;
pub mod boards;
pub mod cohorts;
pub mod dayview;
pub mod examples;
pub mod impact;
pub mod learning;
pub mod letters;
pub mod own_life;
pub mod people;
pub mod plans;
pub mod postbox;
pub mod practice;
pub mod priorities;
pub mod recommendations;
pub mod reflections;
pub mod review;
pub mod series_reports;
pub mod sharing;
pub mod templates;

use crate::error::AppError;
use crate::state::AppState;
use axum::Router;
use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;
use recordwell_store::cohorts::{Cohort, CohortRole};
use recordwell_store::orgs::Role;
use recordwell_store::sessions::Session;
use std::collections::HashMap;

/// The programme's routes (all under `/cohorts` and `/programmes`), for signed-in members.
pub fn routes() -> Router<AppState> {
    Router::new()
        .merge(templates::routes())
        .merge(cohorts::routes())
        .merge(people::routes())
        .merge(letters::routes())
        .merge(boards::routes())
        .merge(priorities::routes())
        .merge(own_life::routes())
        .merge(practice::routes())
        .merge(sharing::routes())
        .merge(recommendations::routes())
        .merge(series_reports::routes())
        .merge(impact::routes())
        .merge(examples::routes())
        .merge(review::routes())
        .merge(dayview::routes())
        .merge(attendance::routes())
        .merge(crate::jobs::routes())
        .merge(learning::routes())
        .merge(plans::routes())
        .merge(postbox::routes())
        .merge(reflections::routes())
}

/// The programme's jobs: the action-plan follow-up, the post-box summary emails, and the
/// series' reminders to keep the test log.
pub fn register_jobs(handlers: &mut crate::jobs::Handlers) {
    handlers.register(plans::FOLLOWUP_JOB, |state, job| Box::pin(plans::run_followup(state, job)));
    handlers.register(postbox::SEND_JOB, |state, job| Box::pin(postbox::run_send(state, job)));
    handlers.register(practice::REMINDER_JOB, |state, job| Box::pin(practice::run_reminder(state, job)));
    handlers.register(practice::REMINDER_EMAIL_JOB, |state, job| Box::pin(practice::run_reminder_email(state, job)));
}

/// Whether someone may create cohorts and templates: facilitators and administrators.
pub fn may_facilitate(who: &Session) -> bool {
    matches!(who.role, Role::Facilitator | Role::Administrator)
}

/// A cohort in a request's path (`/cohorts/{cohort}/…`), with the signed-in person's part in
/// it. Anyone not in the cohort (or whose organisation it is not) gets a plain 404.
#[derive(Debug, Clone)]
pub struct InCohort {
    /// The person.
    pub who: Session,
    /// The cohort.
    pub cohort: Cohort,
    /// Their part in it.
    pub role: CohortRole,
}

impl InCohort {
    /// Records in the audit log that this person downloaded one of the cohort's files
    /// (`what`: "report.pdf", "postbox.xlsx", "letter.pdf" …).
    pub async fn log_download(&self, state: &AppState, what: &str) -> Result<(), AppError> {
        crate::audit::log(&state.store, &self.who, "cohort.download", "cohort", Some(self.cohort.id), what).await?;
        Ok(())
    }

    /// 404 unless the cohort is a workshop series (its pages mean nothing for a two-day course).
    pub fn series(&self) -> Result<(), AppError> {
        if self.cohort.is_series() { Ok(()) } else { Err(AppError::NotFound) }
    }

    /// 403 unless a facilitator of this cohort.
    pub fn facilitator(&self) -> Result<(), AppError> {
        if self.role == CohortRole::Facilitator { Ok(()) } else { Err(AppError::Forbidden) }
    }

    /// 403 unless a participant.
    pub fn participant(&self) -> Result<(), AppError> {
        if self.role == CohortRole::Participant { Ok(()) } else { Err(AppError::Forbidden) }
    }
}

/// Extractors for a cohort route only some parts may use. They refuse in the request's head,
/// before the body is read, so someone without the right gets 403 (or 404) even for a malformed
/// form: the answer never tells them what the form expects.
macro_rules! cohort_part {
    ($(#[$doc:meta])* $name:ident, |$role:ident| $allowed:expr, $refusal:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone)]
        pub struct $name(pub InCohort);

        impl FromRequestParts<AppState> for $name {
            type Rejection = AppError;

            async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
                let c = InCohort::from_request_parts(parts, state).await?;
                let $role = c.role;
                if $allowed { Ok($name(c)) } else { Err($refusal) }
            }
        }
    };
}

cohort_part!(
    /// The cohort's facilitators (403 for everyone else in it).
    AsFacilitator, |role| role == CohortRole::Facilitator, AppError::Forbidden
);
cohort_part!(
    /// The cohort's participants (403 for everyone else in it).
    AsParticipant, |role| role == CohortRole::Participant, AppError::Forbidden
);
cohort_part!(
    /// Facilitators and participants, who write in the cohort (403 for its managers).
    AsContributor, |role| role != CohortRole::Manager, AppError::Forbidden
);
cohort_part!(
    /// Participants reviewing each other's examples (404 for the rest: there is nothing of theirs).
    AsReviewer, |role| role == CohortRole::Participant, AppError::NotFound
);

/// Someone who may create cohorts and edit programme templates (facilitators and
/// administrators); 403 for other members, again before any form is read.
#[derive(Debug, Clone)]
pub struct Facilitating(pub Session);

impl FromRequestParts<AppState> for Facilitating {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &AppState) -> Result<Self, Self::Rejection> {
        let who = parts.extensions.get::<crate::auth::Visitor>().and_then(|v| v.session.clone());
        match who {
            Some(s) if may_facilitate(&s) => Ok(Facilitating(s)),
            _ => Err(AppError::Forbidden),
        }
    }
}

impl FromRequestParts<AppState> for InCohort {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let who = parts
            .extensions
            .get::<crate::auth::Visitor>()
            .and_then(|v| v.session.clone())
            .ok_or(AppError::Forbidden)?;
        let Path(params) =
            Path::<HashMap<String, String>>::from_request_parts(parts, state).await.map_err(|_| AppError::NotFound)?;
        let id: i64 = params.get("cohort").and_then(|c| c.parse().ok()).ok_or(AppError::NotFound)?;
        let cohort = recordwell_store::cohorts::get(&state.store, who.org_id, id).await?.ok_or(AppError::NotFound)?;
        let role =
            recordwell_store::cohorts::role_of(&state.store, id, who.user_id).await?.ok_or(AppError::NotFound)?;
        Ok(InCohort { who, cohort, role })
    }
}
