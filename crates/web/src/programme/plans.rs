//! Personal action plans: 4-5 statements written on day two, each assessed for whether it can
//! be verified later; the plan comes back to its author on the agreed date ("the envelope") as
//! an email with a link where each statement is marked done, partly done or not yet.
//!
//! Facilitators never read plans: they see the follow-up dates, the follow-up jobs' states
//! (pending/failed, so nothing is silently lost) and completion rates across the cohort.

use super::{AsFacilitator, AsParticipant, InCohort};
use crate::auth::{CurrentSession, Visitor};
use crate::error::AppError;
use crate::jobs::Outcome;
use crate::pages::{PageForm, render};
use crate::state::AppState;
use crate::views::Frame;
use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use recordwell_check::action_plan::{Assessment, assess};
use recordwell_store::cohorts::{self, Cohort, CohortRole};
use recordwell_store::jobs::{self, Job};
use recordwell_store::plans::{self, STATUSES};
use recordwell_store::{learning, users};
use serde::{Deserialize, Serialize};

/// The follow-up job's kind.
pub const FOLLOWUP_JOB: &str = "plan-followup";

/// Routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/cohorts/{cohort}/plan", get(plan_page).post(save_plan))
        .route("/cohorts/{cohort}/plans", get(facilitator_page).post(facilitator_set_date))
        .route("/plans/{token}", get(envelope_page).post(mark_statements))
}

#[derive(Serialize, Deserialize)]
struct FollowupPayload {
    org_id: i64,
    cohort_id: i64,
    plan_id: i64,
}

/// The default follow-up date: day two plus the cohort's follow-up period.
pub fn default_followup(cohort: &Cohort) -> String {
    cohort
        .second_day
        .parse::<jiff::civil::Date>()
        .ok()
        .and_then(|d| d.checked_add(jiff::Span::new().days(cohort.followup_days)).ok())
        .map_or_else(|| cohort.second_day.clone(), |d| d.to_string())
}

/// A follow-up date from a form, as `YYYY-MM-DD`, or what to say about it.
fn followup_date(field: &str) -> Result<String, AppError> {
    super::cohorts::valid_date(field).map(|d| d.to_string()).ok_or_else(|| {
        AppError::BadRequest("Enter the follow-up date as day, month and year, for example 31/03/2027.".into())
    })
}

/// 08:00 UK time on `date` (`YYYY-MM-DD`), in Unix seconds.
pub fn eight_am_uk(date: &str) -> Option<i64> {
    let tz = jiff::tz::TimeZone::get("Europe/London").ok()?;
    let d: jiff::civil::Date = date.parse().ok()?;
    Some(d.at(8, 0, 0, 0).to_zoned(tz).ok()?.timestamp().as_second())
}

fn job_key(cohort_id: i64, plan_id: i64) -> String {
    jobs::cohort_key(cohort_id, &format!("{FOLLOWUP_JOB}:{plan_id}"))
}

/// Schedules (or moves) the plan's follow-up to 08:00 UK on its date.
async fn schedule_followup(state: &AppState, cohort: &Cohort, plan_id: i64, date: &str) -> Result<(), AppError> {
    let run_at = eight_am_uk(date).ok_or_else(|| AppError::BadRequest("The follow-up date is not a date.".into()))?;
    let key = job_key(cohort.id, plan_id);
    let payload = serde_json::to_string(&FollowupPayload { org_id: cohort.org_id, cohort_id: cohort.id, plan_id })
        .map_err(|e| AppError::Internal(e.to_string()))?;
    if !jobs::schedule(&state.store, FOLLOWUP_JOB, &key, &payload, run_at).await? {
        jobs::reschedule(&state.store, &key, run_at).await?;
    }
    state.jobs_wake.notify_one();
    Ok(())
}

struct Row {
    number: usize,
    body: String,
    assessment: Option<Assessment>,
}

#[derive(Template)]
#[template(path = "plan.html")]
struct PlanPage {
    frame: Frame,
    cohort: Cohort,
    rows: Vec<Row>,
    followup_on: String,
    points: Vec<String>,
    saved: bool,
}

async fn plan_page(State(state): State<AppState>, visitor: Visitor, c: InCohort) -> Result<Response, AppError> {
    c.participant()?;
    let plan = plans::of(&state.store, c.cohort.id, c.who.user_id).await?;
    let statements = match &plan {
        Some(p) => plans::statements(&state.store, p.id).await?.into_iter().map(|s| s.body).collect(),
        None => vec![],
    };
    page(&state, visitor, c, plan.map(|p| p.followup_on), statements, false).await
}

async fn page(
    state: &AppState,
    visitor: Visitor,
    c: InCohort,
    followup_on: Option<String>,
    statements: Vec<String>,
    saved: bool,
) -> Result<Response, AppError> {
    let rows = (0..5)
        .map(|i| {
            let body = statements.get(i).cloned().unwrap_or_default();
            let assessment = (!body.trim().is_empty()).then(|| assess(&body));
            Row { number: i + 1, body, assessment }
        })
        .collect();
    let points = learning::mine(&state.store, c.cohort.id, c.who.user_id).await?.into_iter().map(|p| p.body).collect();
    render(&PlanPage {
        frame: Frame::new(&visitor, "training"),
        followup_on: followup_on.unwrap_or_else(|| default_followup(&c.cohort)),
        cohort: c.cohort,
        rows,
        points,
        saved,
    })
}

/// The plan form.
#[derive(Deserialize)]
pub struct PlanForm {
    #[serde(default)]
    s1: String,
    #[serde(default)]
    s2: String,
    #[serde(default)]
    s3: String,
    #[serde(default)]
    s4: String,
    #[serde(default)]
    s5: String,
    followup_on: String,
}

async fn save_plan(
    State(state): State<AppState>,
    visitor: Visitor,
    AsParticipant(c): AsParticipant,
    PageForm(form): PageForm<PlanForm>,
) -> Result<Response, AppError> {
    let statements: Vec<String> = [form.s1, form.s2, form.s3, form.s4, form.s5]
        .into_iter()
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect();
    if statements.is_empty() {
        return Err(AppError::BadRequest("Write at least one statement (the plan has four or five).".into()));
    }
    let date = &followup_date(&form.followup_on)?;
    let id = plans::save(&state.store, c.cohort.id, c.who.user_id, date, &statements).await?;
    schedule_followup(&state, &c.cohort, id, date).await?;
    let date = date.to_owned();
    page(&state, visitor, c, Some(date), statements, true).await
}

struct PlanDate {
    plan_id: i64,
    name: String,
    followup_on: String,
}

#[derive(Template)]
#[template(path = "plans_facilitator.html")]
struct FacilitatorPage {
    frame: Frame,
    cohort: Cohort,
    dates: Vec<PlanDate>,
    rates: Vec<(String, i64)>,
    pending: usize,
    failed: usize,
    notes: Vec<String>,
}

async fn facilitator_page(State(state): State<AppState>, visitor: Visitor, c: InCohort) -> Result<Response, AppError> {
    c.facilitator()?;
    let mut dates = vec![];
    for p in cohorts::people(&state.store, c.cohort.id).await? {
        if p.role != CohortRole::Participant {
            continue;
        }
        if let Some(plan) = plans::of(&state.store, c.cohort.id, p.user_id).await? {
            dates.push(PlanDate { plan_id: plan.id, name: p.name, followup_on: plan.followup_on });
        }
    }
    let counts = plans::completion(&state.store, c.cohort.id).await?;
    let rates = STATUSES
        .iter()
        .map(|(k, label)| ((*label).to_owned(), counts.iter().find(|(s, _)| s == k).map_or(0, |(_, n)| *n)))
        .chain(std::iter::once((
            "Not marked yet".to_owned(),
            counts.iter().find(|(s, _)| s == "unmarked").map_or(0, |(_, n)| *n),
        )))
        .collect();
    let followups: Vec<Job> =
        jobs::for_cohort(&state.store, c.cohort.id).await?.into_iter().filter(|j| j.kind == FOLLOWUP_JOB).collect();
    let pending = followups.iter().filter(|j| j.state == "pending" || j.state == "running").count();
    let failed = followups.iter().filter(|j| j.state == "failed" || (j.state == "pending" && j.attempts > 0)).count();
    let notes = followups
        .iter()
        .filter_map(|j| match (j.state.as_str(), &j.last_error) {
            ("done", Some(note)) => Some(format!("Follow-up {}: {note}", j.id)),
            ("pending", Some(e)) if j.attempts > 0 => {
                Some(format!("Follow-up {}: attempt {} failed, will try again ({e})", j.id, j.attempts))
            }
            ("failed", Some(e)) => Some(format!("Follow-up {}: gave up after {} attempts ({e})", j.id, j.attempts)),
            _ => None,
        })
        .collect();
    render(&FacilitatorPage {
        frame: Frame::new(&visitor, "training"),
        cohort: c.cohort,
        dates,
        rates,
        pending,
        failed,
        notes,
    })
}

/// A facilitator moving one plan's follow-up date.
#[derive(Deserialize)]
pub struct DateForm {
    plan_id: i64,
    followup_on: String,
}

async fn facilitator_set_date(
    State(state): State<AppState>,
    AsFacilitator(c): AsFacilitator,
    PageForm(form): PageForm<DateForm>,
) -> Result<Response, AppError> {
    let plan = plans::get(&state.store, form.plan_id)
        .await?
        .filter(|p| p.cohort_id == c.cohort.id)
        .ok_or(AppError::NotFound)?;
    let date = &followup_date(&form.followup_on)?;
    plans::set_followup(&state.store, plan.id, date).await?;
    schedule_followup(&state, &c.cohort, plan.id, date).await?;
    Ok(Redirect::to(&format!("/cohorts/{}/plans", c.cohort.id)).into_response())
}

/// The job: emails the plan back to its author, unless their account has gone.
pub async fn run_followup(state: &AppState, job: &Job) -> Result<Outcome, AppError> {
    let p: FollowupPayload = serde_json::from_str(&job.payload).map_err(|e| AppError::Internal(e.to_string()))?;
    let Some(plan) = plans::get(&state.store, p.plan_id).await? else {
        return Ok(Outcome::Done(Some("not sent: plan deleted".into())));
    };
    let user = users::by_id(&state.store, plan.user_id).await?;
    let member = match &user {
        Some(u) if u.disabled == 0 => users::role_in(&state.store, u.id, p.org_id).await?.is_some(),
        _ => false,
    };
    let Some(user) = user.filter(|_| member) else {
        tracing::info!(plan = plan.id, "follow-up not sent: the participant's account was removed");
        return Ok(Outcome::Done(Some("not sent: account removed".into())));
    };
    let token = crate::auth::token::random_token();
    let statements = plans::statements(&state.store, plan.id).await?;
    let mut body = format!(
        "Hello {},\n\nOn the recording course you wrote this action plan and agreed to look at it again today.\n\n",
        user.name
    );
    for s in &statements {
        body.push_str(&format!("{}. {}\n", s.position + 1, s.body));
    }
    body.push_str(&format!(
        "\nMark each statement done, partly done or not yet (sign in first):\n{}/plans/{token}\n\nRecordwell\n",
        state.public_url
    ));
    let send = state.mailer.send(&user.email, "Your action plan from the recording course", body);
    let outcome = crate::jobs::send_once(state, job, send).await?;
    if matches!(outcome, Outcome::Done(None)) {
        plans::mark_sent(&state.store, plan.id, &crate::auth::token::hash_token(&token), state.clock.now()).await?;
    }
    Ok(outcome)
}

#[derive(Template)]
#[template(path = "plan_followup.html")]
struct EnvelopePage {
    frame: Frame,
    token: String,
    statements: Vec<plans::Statement>,
    statuses: [(&'static str, &'static str); 3],
    saved: bool,
}

async fn author_plan(
    state: &AppState,
    who: &recordwell_store::sessions::Session,
    token: &str,
) -> Result<plans::Plan, AppError> {
    let plan =
        plans::by_token_hash(&state.store, &crate::auth::token::hash_token(token)).await?.ok_or(AppError::NotFound)?;
    if plan.user_id != who.user_id {
        return Err(AppError::NotFound);
    }
    Ok(plan)
}

async fn envelope_page(
    State(state): State<AppState>,
    visitor: Visitor,
    CurrentSession(who): CurrentSession,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let plan = author_plan(&state, &who, &token).await?;
    let statements = plans::statements(&state.store, plan.id).await?;
    render(&EnvelopePage {
        frame: Frame::new(&visitor, "training"),
        token,
        statements,
        statuses: STATUSES,
        saved: false,
    })
}

async fn mark_statements(
    State(state): State<AppState>,
    visitor: Visitor,
    CurrentSession(who): CurrentSession,
    Path(token): Path<String>,
    PageForm(form): PageForm<std::collections::HashMap<String, String>>,
) -> Result<Response, AppError> {
    let plan = author_plan(&state, &who, &token).await?;
    for s in plans::statements(&state.store, plan.id).await? {
        if let Some(status) = form.get(&format!("status-{}", s.id)) {
            if !STATUSES.iter().any(|(k, _)| k == status) {
                return Err(AppError::BadRequest("Choose done, partly done or not yet.".into()));
            }
            let note = form.get(&format!("note-{}", s.id)).map_or("", |n| n.trim());
            plans::mark(&state.store, plan.id, s.id, status, note).await?;
        }
    }
    let statements = plans::statements(&state.store, plan.id).await?;
    render(&EnvelopePage {
        frame: Frame::new(&visitor, "training"),
        token,
        statements,
        statuses: STATUSES,
        saved: true,
    })
}
