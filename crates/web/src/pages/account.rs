//! The signed-in person's account, and moving between organisations for people who belong to
//! more than one.

use super::setup::see_other_with_cookie;
use super::{PageForm, render};
use crate::auth::{CurrentSession, Visitor, session};
use crate::error::AppError;
use crate::state::AppState;
use crate::views::Frame;
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use recordwell_store::{orgs, sessions, users};
use serde::Deserialize;

#[derive(Template)]
#[template(path = "account.html")]
struct AccountPage {
    frame: Frame,
    name: String,
    email: String,
    role: &'static str,
    orgs: Vec<(i64, String, &'static str, bool)>,
}

/// `GET /account`.
pub async fn show(
    State(state): State<AppState>,
    visitor: Visitor,
    CurrentSession(s): CurrentSession,
) -> Result<Response, AppError> {
    let mut list = vec![];
    for (org_id, role) in users::memberships(&state.store, s.user_id).await? {
        if let Some(org) = orgs::get(&state.store, org_id).await? {
            list.push((org_id, org.name, role.label(), org_id == s.org_id));
        }
    }
    render(&AccountPage {
        frame: Frame::new(&visitor, "account"),
        name: s.user_name.clone(),
        email: s.email.clone(),
        role: s.role.label(),
        orgs: list,
    })
}

/// The organisation to move to.
#[derive(Deserialize)]
pub struct SwitchForm {
    org_id: i64,
}

/// `POST /account/organisation`: a new session in another of the person's organisations.
pub async fn switch(
    State(state): State<AppState>,
    CurrentSession(s): CurrentSession,
    PageForm(f): PageForm<SwitchForm>,
) -> Result<Response, AppError> {
    if users::role_in(&state.store, s.user_id, f.org_id).await?.is_none() {
        return Err(AppError::NotFound);
    }
    sessions::delete(&state.store, &s.id_hash).await?;
    crate::audit::log_as(
        &state.store,
        Some(f.org_id),
        Some(s.user_id),
        "session.switch-organisation",
        "organisation",
        Some(f.org_id),
        "",
    )
    .await?;
    let cookie = session::start(&state, s.user_id, f.org_id).await?;
    Ok(see_other_with_cookie("/records", cookie))
}
