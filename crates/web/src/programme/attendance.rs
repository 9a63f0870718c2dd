//! The register: the facilitator marks who is present on each day, from the day view. The
//! cohort report counts it. Participants who left stay on the register (they may have been
//! there on the first day), marked as having left.

use crate::error::AppError;
use crate::pages::PageForm;
use crate::programme::AsFacilitator;
use crate::state::AppState;
use axum::Router;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::post;
use recordwell_store::attendance;
use recordwell_store::cohorts::{self, CohortPerson, CohortRole};
use std::collections::HashMap;

/// The routes.
pub fn routes() -> Router<AppState> {
    Router::new().route("/cohorts/{cohort}/attendance", post(mark))
}

/// One line of a day's register.
pub struct RegisterLine {
    /// The participant.
    pub user_id: i64,
    /// Their name.
    pub name: String,
    /// Whether they have left the course.
    pub left: bool,
    /// Marked present (`None`: not marked yet).
    pub present: Option<bool>,
}

/// One day's register.
pub struct Register {
    /// Day 1 or 2.
    pub day: i64,
    /// Every participant, in the cohort's order.
    pub lines: Vec<RegisterLine>,
}

impl Register {
    /// Whether the register has been taken for this day.
    pub fn taken(&self) -> bool {
        self.lines.iter().any(|l| l.present.is_some())
    }

    /// How many are marked present.
    pub fn present(&self) -> usize {
        self.lines.iter().filter(|l| l.present == Some(true)).count()
    }
}

/// The days of a cohort: those its sessions are on (1 and 2 for the built-in programme; a
/// facilitator's own programme may have more).
async fn days(state: &AppState, cohort_id: i64) -> Result<Vec<i64>, AppError> {
    let mut days: Vec<i64> = cohorts::sessions(&state.store, cohort_id).await?.iter().map(|s| s.day).collect();
    days.dedup();
    Ok(days)
}

/// Each day's register, for the day view.
pub async fn registers(state: &AppState, cohort_id: i64, people: &[CohortPerson]) -> Result<Vec<Register>, AppError> {
    let mut out = vec![];
    for day in days(state, cohort_id).await? {
        let marks: HashMap<i64, bool> = attendance::for_day(&state.store, cohort_id, day).await?.into_iter().collect();
        let lines = participants(people)
            .map(|p| RegisterLine {
                user_id: p.user_id,
                name: p.name.clone(),
                left: p.status == "left",
                present: marks.get(&p.user_id).copied(),
            })
            .collect();
        out.push(Register { day, lines });
    }
    Ok(out)
}

fn participants(people: &[CohortPerson]) -> impl Iterator<Item = &CohortPerson> {
    people.iter().filter(|p| p.role == CohortRole::Participant)
}

/// `POST /cohorts/{cohort}/attendance`: `day` = 1 or 2, and `present_{user id}` for each person
/// ticked; everyone else on the register is marked absent.
async fn mark(
    State(state): State<AppState>,
    AsFacilitator(ic): AsFacilitator,
    PageForm(f): PageForm<HashMap<String, String>>,
) -> Result<Response, AppError> {
    let days = days(&state, ic.cohort.id).await?;
    let day = f
        .get("day")
        .and_then(|d| d.parse::<i64>().ok())
        .filter(|d| days.contains(d))
        .ok_or_else(|| AppError::BadRequest("Choose one of the course's days for the register.".into()))?;
    let people = cohorts::people(&state.store, ic.cohort.id).await?;
    let ids: Vec<i64> = participants(&people).map(|p| p.user_id).collect();
    let present: Vec<i64> = ids.iter().copied().filter(|id| f.contains_key(&format!("present_{id}"))).collect();
    attendance::mark_day(&state.store, ic.cohort.id, day, &ids, &present).await?;
    let detail = format!("day {day}: {} of {} present", present.len(), ids.len());
    crate::audit::log(&state.store, &ic.who, "cohort.attendance", "cohort", Some(ic.cohort.id), detail).await?;
    Ok(Redirect::to(&format!("/cohorts/{}/day#register-{day}", ic.cohort.id)).into_response())
}
