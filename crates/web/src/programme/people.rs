//! Who is in a cohort: the facilitator adds members of the organisation, invites people who
//! have no account yet (with the service they work in, so that discussion groups can mix
//! services), and marks participants who leave. Adding someone emails nothing: the invitation
//! letter goes when the facilitator sends it (see [`super::letters`]), so a letter edited after
//! people were added still reaches all of them.

use crate::auth::Visitor;
use crate::error::AppError;
use crate::pages::PageForm;
use crate::pages::invitations::{Invite, invite};
use crate::programme::cohorts::{Said, home_page};
use crate::programme::{AsFacilitator, review};
use crate::state::AppState;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::post;
use recordwell_store::cohorts::{self, CohortRole};
use recordwell_store::orgs::Role;
use recordwell_store::users;
use serde::Deserialize;

/// The routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/cohorts/{cohort}/people", post(add_person))
        .route("/cohorts/{cohort}/people/{user}/leave", post(mark_left))
}

/// The add-someone form.
#[derive(Deserialize)]
struct PersonForm {
    email: String,
    role: String,
    /// The service they work in (its id), or empty when not known.
    #[serde(default)]
    service: Option<String>,
}

/// `POST /cohorts/{cohort}/people`: adds a member of the organisation, or invites someone new.
async fn add_person(
    State(state): State<AppState>,
    visitor: Visitor,
    AsFacilitator(ic): AsFacilitator,
    PageForm(f): PageForm<PersonForm>,
) -> Result<Response, AppError> {
    let Some(role) = CohortRole::parse(&f.role) else {
        return Err(AppError::BadRequest("Choose their part in the cohort.".into()));
    };
    let service = f.service.as_deref().and_then(|s| s.parse::<i64>().ok());
    let email = f.email.trim();
    let user = users::by_email(&state.store, email).await?;
    let member = match &user {
        Some(u) => users::role_in(&state.store, u.id, ic.cohort.org_id).await?.is_some(),
        None => false,
    };
    let (Some(user), true) = (user, member) else {
        if !crate::pages::setup::looks_like_email(email) {
            let error = Some("Enter an email address like name@example.org.".to_owned());
            return home_page(&state, &visitor, &ic, Said { error, ..Said::default() }).await;
        }
        let org_role = match role {
            CohortRole::Participant => Role::Practitioner,
            CohortRole::Facilitator => Role::Facilitator,
            CohortRole::Manager => Role::Manager,
        };
        let inv = Invite {
            org_id: ic.cohort.org_id,
            email,
            role: org_role,
            by: Some(ic.who.user_id),
            cohort: Some((ic.cohort.id, role)),
            service_id: service,
            send_now: false,
        };
        invite(&state.store, &state.public_url, inv).await?;
        crate::audit::log(&state.store, &ic.who, "cohort.invite", "cohort", Some(ic.cohort.id), role.as_str()).await?;
        let notice = format!(
            "Added {email} to the invitations. Nothing has been emailed yet: when the invitation letter is ready, \
             send it from “Invitation letter” below. They join the cohort when they accept."
        );
        return home_page(&state, &visitor, &ic, Said { notice: Some(notice), ..Said::default() }).await;
    };
    if user.id == ic.who.user_id {
        let error = Some("You are already in this cohort, as a facilitator.".to_owned());
        return home_page(&state, &visitor, &ic, Said { error, ..Said::default() }).await;
    }
    cohorts::set_person(&state.store, ic.cohort.id, user.id, role, "joined").await?;
    if let Some(service) = service {
        users::set_service_if_none(&state.store, user.id, ic.cohort.org_id, service).await?;
    }
    crate::audit::log(&state.store, &ic.who, "cohort.person", "cohort", Some(ic.cohort.id), role.as_str()).await?;
    Ok(Redirect::to(&format!("/cohorts/{}#people", ic.cohort.id)).into_response())
}

/// `POST /cohorts/{cohort}/people/{user}/leave`: a participant leaves; pair-review groups are
/// rebalanced so that nobody is left alone.
async fn mark_left(
    State(state): State<AppState>,
    AsFacilitator(ic): AsFacilitator,
    Path((_, user)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let people = cohorts::people(&state.store, ic.cohort.id).await?;
    let person =
        people.iter().find(|p| p.user_id == user && p.role == CohortRole::Participant).ok_or(AppError::NotFound)?;
    cohorts::set_person(&state.store, ic.cohort.id, user, person.role, "left").await?;
    review::rebalance_cohort(&state, ic.cohort.id).await?;
    crate::audit::log(&state.store, &ic.who, "cohort.leave", "cohort", Some(ic.cohort.id), "").await?;
    Ok(Redirect::to(&format!("/cohorts/{}#people", ic.cohort.id)).into_response())
}
