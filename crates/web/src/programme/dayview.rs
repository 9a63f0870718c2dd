//! The facilitator's day view: the agenda with the session now running and how long it has run,
//! who has submitted which examples (and how many plans and reflections), the current session's
//! groups with who has finished, the post-box at a glance, the register for each day, and one
//! button to move on.

use crate::auth::Visitor;
use crate::error::AppError;
use crate::pages::render;
use crate::programme::InCohort;
use crate::programme::attendance::{Register, registers};
use crate::programme::cohorts::{Day, agenda};
use crate::programme::examples::EXAMPLE_TYPES;
use crate::programme::review::{GroupStatus, group_status};
use crate::state::AppState;
use crate::views::{Frame, type_title};
use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use recordwell_store::cohorts::{self, CohortRole, CohortSession};
use recordwell_store::{examples, plans, postbox, reflections};

/// The routes.
pub fn routes() -> Router<AppState> {
    Router::new().route("/cohorts/{cohort}/day", get(page)).route("/cohorts/{cohort}/next", post(next))
}

#[derive(Template)]
#[template(path = "programme_day.html")]
struct Page {
    frame: Frame,
    cohort_id: i64,
    cohort_title: String,
    days: Vec<Day>,
    current: Option<CohortSession>,
    elapsed: i64,
    elapsed_secs: i64,
    next_title: Option<String>,
    types: Vec<&'static str>,
    submitted: Vec<(String, Vec<bool>)>,
    groups: Vec<GroupStatus>,
    registers: Vec<Register>,
    postbox: PostboxCounts,
    /// Participants still on the course.
    participants: usize,
    /// How many of them have written an action plan, and sent their reflections (counts only:
    /// who wrote what is theirs).
    plans: i64,
    reflections: i64,
}

/// The post-box at a glance.
struct PostboxCounts {
    notes: usize,
    unsorted: usize,
    hidden: usize,
}

/// `GET /cohorts/{cohort}/day` (facilitators).
async fn page(State(state): State<AppState>, visitor: Visitor, ic: InCohort) -> Result<Response, AppError> {
    ic.facilitator()?;
    let sessions = cohorts::sessions(&state.store, ic.cohort.id).await?;
    let current = sessions.iter().find(|s| Some(s.id) == ic.cohort.current_session_id).cloned();
    // The test clock, when on, so that a course run in tests shows the time it pretends.
    let elapsed_secs = ic.cohort.session_started_at.map_or(0, |t| (state.clock.now() - t).max(0));
    let elapsed = elapsed_secs / 60;
    let next_title = next_of(&sessions, ic.cohort.current_session_id).map(|s| s.title.clone());
    let people = cohorts::people(&state.store, ic.cohort.id).await?;
    let all = examples::submitted(&state.store, ic.cohort.id).await?;
    let submitted: Vec<(String, Vec<bool>)> = people
        .iter()
        .filter(|p| p.role == CohortRole::Participant && p.status != "left")
        .map(|p| {
            let has = EXAMPLE_TYPES
                .iter()
                .map(|t| all.iter().any(|(user, record_type)| *user == p.user_id && record_type == t))
                .collect();
            (p.name.clone(), has)
        })
        .collect();
    let groups = match &current {
        Some(s) if s.kind == "pair-review" => group_status(&state.store, ic.cohort.id, s, &people).await?,
        _ => vec![],
    };
    render(&Page {
        frame: Frame::new(&visitor, "training"),
        cohort_id: ic.cohort.id,
        cohort_title: ic.cohort.title.clone(),
        days: agenda(&state, &ic.cohort).await?,
        current,
        elapsed,
        elapsed_secs,
        next_title,
        types: EXAMPLE_TYPES.iter().map(|t| type_title(t)).collect(),
        participants: submitted.len(),
        submitted,
        registers: registers(&state, ic.cohort.id, &people).await?,
        postbox: postbox_counts(&state, ic.cohort.id).await?,
        plans: plans::count_for_cohort(&state.store, ic.cohort.id).await?,
        reflections: reflections::count(&state.store, ic.cohort.id).await?,
        groups,
    })
}

async fn postbox_counts(state: &AppState, cohort_id: i64) -> Result<PostboxCounts, AppError> {
    let notes = postbox::notes(&state.store, cohort_id).await?;
    Ok(PostboxCounts {
        notes: notes.len(),
        unsorted: notes.iter().filter(|n| n.hidden == 0 && n.topic.is_none()).count(),
        hidden: notes.iter().filter(|n| n.hidden != 0).count(),
    })
}

/// The session after `current` (the first when none is running; none after the last).
fn next_of(sessions: &[CohortSession], current: Option<i64>) -> Option<&CohortSession> {
    match current {
        None => sessions.first(),
        Some(id) => {
            let i = sessions.iter().position(|s| s.id == id)?;
            sessions.get(i + 1)
        }
    }
}

/// `POST /cohorts/{cohort}/next`: moves to the next session and starts its timer.
async fn next(State(state): State<AppState>, ic: InCohort) -> Result<Response, AppError> {
    ic.facilitator()?;
    let sessions = cohorts::sessions(&state.store, ic.cohort.id).await?;
    let next = next_of(&sessions, ic.cohort.current_session_id).map(|s| s.id);
    cohorts::set_current_session(&state.store, ic.cohort.id, next, state.clock.now()).await?;
    Ok(Redirect::to(&format!("/cohorts/{}/day", ic.cohort.id)).into_response())
}
