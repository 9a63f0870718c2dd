//! Private learning points: a participant notes what they learnt, tagged by session, at any
//! time. Only the author reads them; there is no page or query for anyone else's.

use super::{AsParticipant, InCohort};
use crate::auth::Visitor;
use crate::error::AppError;
use crate::pages::{PageForm, render};
use crate::state::AppState;
use crate::views::Frame;
use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use recordwell_store::cohorts::{self, Cohort};
use recordwell_store::learning;
use serde::Deserialize;

/// Routes.
pub fn routes() -> Router<AppState> {
    Router::new().route("/cohorts/{cohort}/learning", get(page).post(add))
}

struct Point {
    session: String,
    body: String,
}

#[derive(Template)]
#[template(path = "learning.html")]
struct LearningPage {
    frame: Frame,
    cohort: Cohort,
    sessions: Vec<(i64, String)>,
    points: Vec<Point>,
}

async fn page(State(state): State<AppState>, visitor: Visitor, c: InCohort) -> Result<Response, AppError> {
    c.participant()?;
    let sessions: Vec<(i64, String)> =
        cohorts::sessions(&state.store, c.cohort.id).await?.into_iter().map(|s| (s.id, s.title)).collect();
    let points = learning::mine(&state.store, c.cohort.id, c.who.user_id)
        .await?
        .into_iter()
        .map(|p| Point {
            session: p
                .cohort_session_id
                .and_then(|id| sessions.iter().find(|(s, _)| *s == id))
                .map_or_else(String::new, |(_, t)| t.clone()),
            body: p.body,
        })
        .collect();
    render(&LearningPage { frame: Frame::new(&visitor, "training"), cohort: c.cohort, sessions, points })
}

/// A new point.
#[derive(Deserialize)]
pub struct PointForm {
    body: String,
    #[serde(default)]
    session: String,
}

async fn add(
    State(state): State<AppState>,
    AsParticipant(c): AsParticipant,
    PageForm(form): PageForm<PointForm>,
) -> Result<Response, AppError> {
    let body = form.body.trim();
    if body.is_empty() {
        return Err(AppError::BadRequest("Write the learning point first.".into()));
    }
    let session = match form.session.parse::<i64>().ok() {
        Some(id) if cohorts::sessions(&state.store, c.cohort.id).await?.iter().any(|s| s.id == id) => Some(id),
        _ => None,
    };
    learning::add(&state.store, c.cohort.id, c.who.user_id, session, body).await?;
    Ok(Redirect::to(&format!("/cohorts/{}/learning", c.cohort.id)).into_response())
}
