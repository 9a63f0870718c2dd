//! Sharing tests appreciatively (workshops two and three): the facilitator makes small groups,
//! services mixed, and in each group the members read each other's tests of change and what they
//! found (what worked, what made it possible, what got in the way). What made it possible leads
//! to the assets map, what got in the way to the barriers. A member's log and examples stay
//! theirs; the group sees the test's plan and their three answers.

use crate::auth::Visitor;
use crate::error::AppError;
use crate::pages::render;
use crate::programme::{AsFacilitator, InCohort};
use crate::state::AppState;
use crate::views::Frame;
use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use recordwell_store::cohorts::{self, CohortRole, CohortSession};
use recordwell_store::reviews;
use recordwell_store::series::{self, PracticeTest};
use recordwell_workshops::groups::small_groups;
use std::collections::HashMap;

/// The routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/cohorts/{cohort}/sessions/{session}/share", get(page))
        .route("/cohorts/{cohort}/sessions/{session}/share/groups", post(make_groups))
}

/// Members per group.
const GROUP_SIZE: usize = 4;

/// The sharing session in the path, and the round of tests it shares (workshop two shares the
/// first tests, workshop three the second).
async fn sharing_session(state: &AppState, ic: &InCohort, session: i64) -> Result<(CohortSession, i64), AppError> {
    ic.series()?;
    let s = cohorts::sessions(&state.store, ic.cohort.id)
        .await?
        .into_iter()
        .find(|s| s.id == session && s.kind == "appreciative-share")
        .ok_or(AppError::NotFound)?;
    let round = if s.day >= 3 { 2 } else { 1 };
    Ok((s, round))
}

/// A member of a group, as the group sees them.
struct Member {
    name: String,
    service: String,
    test: Option<PracticeTest>,
    is_me: bool,
}

#[derive(Template)]
#[template(path = "series_sharing.html")]
struct SharingPage {
    frame: Frame,
    cohort_id: i64,
    cohort_title: String,
    session: CohortSession,
    round: i64,
    is_facilitator: bool,
    /// (group number, members).
    groups: Vec<(i64, Vec<Member>)>,
}

async fn page(
    State(state): State<AppState>,
    visitor: Visitor,
    ic: InCohort,
    Path((_, session)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    if ic.role == CohortRole::Manager {
        return Err(AppError::NotFound);
    }
    let (session, round) = sharing_session(&state, &ic, session).await?;
    let is_facilitator = ic.role == CohortRole::Facilitator;
    let people = cohorts::people(&state.store, ic.cohort.id).await?;
    let by_id: HashMap<i64, _> = people.iter().map(|p| (p.user_id, p)).collect();
    let tests: HashMap<i64, PracticeTest> = series::tests_in(&state.store, ic.cohort.id)
        .await?
        .into_iter()
        .filter(|t| t.round == round)
        .map(|t| (t.user_id, t))
        .collect();
    let mut groups = vec![];
    for g in reviews::groups(&state.store, session.id).await? {
        // Participants see their own group only; the facilitator sees who is where, and whether
        // each has a test and answers, not what they wrote.
        if !is_facilitator && !g.members.contains(&ic.who.user_id) {
            continue;
        }
        let members = g
            .members
            .iter()
            .map(|id| {
                let p = by_id.get(id);
                let test = tests.get(id).cloned();
                Member {
                    name: p.map_or("Someone who left".to_owned(), |p| p.name.clone()),
                    service: p.and_then(|p| p.service.clone()).unwrap_or_default(),
                    test: if is_facilitator { test.map(redact_for_facilitator) } else { test },
                    is_me: *id == ic.who.user_id,
                }
            })
            .collect();
        groups.push((g.number, members));
    }
    render(&SharingPage {
        frame: Frame::new(&visitor, "training"),
        cohort_id: ic.cohort.id,
        cohort_title: ic.cohort.title.clone(),
        session,
        round,
        is_facilitator,
        groups,
    })
}

/// What the facilitator may know of a test: that it exists and whether its answers are written.
fn redact_for_facilitator(t: PracticeTest) -> PracticeTest {
    let mark = |s: &str| if s.is_empty() { String::new() } else { "written".to_owned() };
    PracticeTest {
        change_text: String::new(),
        how_know: String::new(),
        records_touched: String::new(),
        before_example: None,
        after_example: None,
        worked: mark(&t.worked),
        made_possible: mark(&t.made_possible),
        got_in_the_way: mark(&t.got_in_the_way),
        ..t
    }
}

/// `POST …/share/groups`: (re)makes the small groups, services mixed.
async fn make_groups(
    State(state): State<AppState>,
    AsFacilitator(ic): AsFacilitator,
    Path((_, session)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    let (session, _) = sharing_session(&state, &ic, session).await?;
    let people: Vec<(i64, Option<String>)> = cohorts::people(&state.store, ic.cohort.id)
        .await?
        .into_iter()
        .filter(|p| p.role == CohortRole::Participant && p.status != "left")
        .map(|p| (p.user_id, p.service))
        .collect();
    reviews::replace_groups(&state.store, session.id, &small_groups(&people, GROUP_SIZE)).await?;
    crate::audit::log(&state.store, &ic.who, "series.share-groups", "cohort", Some(ic.cohort.id), "").await?;
    Ok(Redirect::to(&format!("/cohorts/{}/sessions/{}/share", ic.cohort.id, session.id)).into_response())
}
