//! "How we record our own lives" (workshop one): each participant writes a short record of
//! something from their own life, from a prompt, then says how it felt to be written about and
//! what they would want a reader to know. It is private to its author unless they share it with
//! the group; facilitators see who has written one, never what, unless it was shared.

use crate::auth::Visitor;
use crate::error::AppError;
use crate::pages::{PageForm, render};
use crate::programme::{AsParticipant, InCohort};
use crate::state::AppState;
use crate::views::Frame;
use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use recordwell_store::cohorts::{self, CohortRole};
use recordwell_store::series::{self, OwnLife};
use serde::Deserialize;
use std::collections::HashMap;

/// The routes.
pub fn routes() -> Router<AppState> {
    Router::new().route("/cohorts/{cohort}/own-life", get(page).post(save))
}

/// Prompts to write from (the participant may choose their own).
pub const PROMPTS: [&str; 5] = [
    "A morning when things did not go to plan",
    "A time you asked for help, or were offered it",
    "A family occasion, as someone else there might have written it",
    "Your first day somewhere new: a job, a school, a home",
    "A disagreement, written as fairly as you can",
];

/// The longest text a field takes.
const MAX_CHARS: usize = 5_000;

#[derive(Template)]
#[template(path = "series_own_life.html")]
struct OwnLifePage {
    frame: Frame,
    cohort_id: i64,
    cohort_title: String,
    is_participant: bool,
    prompts: [&'static str; 5],
    mine: OwnLife,
    saved: bool,
    error: Option<String>,
    /// Facilitators: who has written one, by name.
    finished: Vec<String>,
    /// Records shared with the group: (author's name, record).
    shared: Vec<(String, OwnLife)>,
    participants: usize,
}

/// `?saved=1` after saving.
#[derive(Deserialize, Default)]
struct Saved {
    saved: Option<String>,
}

async fn page(
    State(state): State<AppState>,
    visitor: Visitor,
    ic: InCohort,
    Query(q): Query<Saved>,
) -> Result<Response, AppError> {
    ic.series()?;
    if ic.role == CohortRole::Manager {
        return Err(AppError::NotFound);
    }
    let mine = series::own_life(&state.store, ic.cohort.id, ic.who.user_id).await?;
    let blank = OwnLife {
        user_id: ic.who.user_id,
        prompt: String::new(),
        record: String::new(),
        felt: String::new(),
        reader_should_know: String::new(),
        shared: 0,
    };
    show(&state, &visitor, &ic, mine.unwrap_or(blank), q.saved.is_some(), None).await
}

async fn show(
    state: &AppState,
    visitor: &Visitor,
    ic: &InCohort,
    mine: OwnLife,
    saved: bool,
    error: Option<String>,
) -> Result<Response, AppError> {
    let people = cohorts::people(&state.store, ic.cohort.id).await?;
    let names: HashMap<i64, String> = people.iter().map(|p| (p.user_id, p.name.clone())).collect();
    let name = |id: i64| names.get(&id).cloned().unwrap_or_else(|| "Someone who left".to_owned());
    let finished = if ic.role == CohortRole::Facilitator {
        series::own_life_authors(&state.store, ic.cohort.id).await?.into_iter().map(name).collect()
    } else {
        vec![]
    };
    let shared = series::shared_own_lives(&state.store, ic.cohort.id)
        .await?
        .into_iter()
        .filter(|r| r.user_id != ic.who.user_id)
        .map(|r| (name(r.user_id), r))
        .collect();
    let page = OwnLifePage {
        frame: Frame::new(visitor, "training"),
        cohort_id: ic.cohort.id,
        cohort_title: ic.cohort.title.clone(),
        is_participant: ic.role == CohortRole::Participant,
        prompts: PROMPTS,
        mine,
        saved,
        finished,
        shared,
        participants: people.iter().filter(|p| p.role == CohortRole::Participant && p.status != "left").count(),
        error: error.clone(),
    };
    let status = if error.is_some() { StatusCode::BAD_REQUEST } else { StatusCode::OK };
    Ok((status, render(&page)?).into_response())
}

/// The form.
#[derive(Deserialize)]
struct OwnLifeForm {
    #[serde(default)]
    prompt: String,
    record: String,
    #[serde(default)]
    felt: String,
    #[serde(default)]
    reader_should_know: String,
    #[serde(default)]
    shared: Option<String>,
}

async fn save(
    State(state): State<AppState>,
    visitor: Visitor,
    AsParticipant(ic): AsParticipant,
    PageForm(f): PageForm<OwnLifeForm>,
) -> Result<Response, AppError> {
    ic.series()?;
    let r = OwnLife {
        user_id: ic.who.user_id,
        prompt: f.prompt.trim().to_owned(),
        record: f.record.trim().to_owned(),
        felt: f.felt.trim().to_owned(),
        reader_should_know: f.reader_should_know.trim().to_owned(),
        shared: i64::from(f.shared.is_some()),
    };
    let too_long = [&r.prompt, &r.record, &r.felt, &r.reader_should_know].iter().any(|t| t.chars().count() > MAX_CHARS);
    let error = if r.record.is_empty() {
        Some("Write your record first: a few lines are enough.".to_owned())
    } else if too_long {
        Some(format!("Keep each answer under {MAX_CHARS} characters."))
    } else {
        None
    };
    if error.is_some() {
        return show(&state, &visitor, &ic, r, false, error).await;
    }
    series::save_own_life(&state.store, ic.cohort.id, &r).await?;
    let detail = if r.shared == 1 { "shared" } else { "private" };
    crate::audit::log(&state.store, &ic.who, "series.own-life", "cohort", Some(ic.cohort.id), detail).await?;
    Ok(Redirect::to(&format!("/cohorts/{}/own-life?saved=1", ic.cohort.id)).into_response())
}
