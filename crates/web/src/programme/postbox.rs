//! The post-box: participants post notes to "the organisation" at any time, anonymously (the
//! store keeps no author). Facilitators hide or show notes; on day two anyone in the cohort
//! sorts them under a theme and topic; the facilitator writes the summary, exports it (PDF, XLSX)
//! and sends it to the cohort's managers, who also read it here.

use super::{AsContributor, AsFacilitator, InCohort};
use crate::auth::Visitor;
use crate::error::AppError;
use crate::export::pdf::Document;
use crate::export::xlsx::{Sheet, workbook};
use crate::jobs::Outcome;
use crate::pages::{PageForm, render};
use crate::state::AppState;
use crate::views::Frame;
use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use recordwell_store::cohorts::{self, Cohort, CohortRole};
use recordwell_store::jobs::{self, Job};
use recordwell_store::postbox::{self, Note, TOPICS};
use recordwell_workshops::assets::{Answer, check_answer};
use serde::{Deserialize, Serialize};

/// The job that emails the summary to one manager.
pub const SEND_JOB: &str = "postbox-summary";

/// Routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/cohorts/{cohort}/postbox", get(page).post(post_note))
        .route("/cohorts/{cohort}/postbox/{note}/hidden", post(toggle_hidden))
        .route("/cohorts/{cohort}/postbox/{note}/sort", post(sort_note))
        .route("/cohorts/{cohort}/postbox/summary", post(save_summary))
        .route("/cohorts/{cohort}/postbox/send", post(send))
        .route("/cohorts/{cohort}/postbox/answer", post(answer_summary))
        .route("/cohorts/{cohort}/postbox.pdf", get(pdf))
        .route("/cohorts/{cohort}/postbox.xlsx", get(xlsx))
}

fn topic_label(n: &Note) -> &'static str {
    TOPICS
        .iter()
        .find(|(t, p, _)| n.theme.as_deref() == Some(*t) && n.topic.as_deref() == Some(*p))
        .map_or("Not sorted yet", |(_, _, l)| l)
}

/// Counts of visible notes by theme/topic (every topic listed, zeros too, and unsorted).
fn counts(notes: &[Note]) -> Vec<(String, i64)> {
    let visible: Vec<&Note> = notes.iter().filter(|n| n.hidden == 0).collect();
    TOPICS
        .iter()
        .map(|(_, _, l)| *l)
        .chain(std::iter::once("Not sorted yet"))
        .map(|label| (label.to_owned(), visible.iter().filter(|n| topic_label(n) == label).count() as i64))
        .collect()
}

struct NoteRow {
    id: i64,
    body: String,
    hidden: bool,
    sorted_as: String,
    label: &'static str,
}

#[derive(Template)]
#[template(path = "postbox.html")]
struct PostboxPage {
    frame: Frame,
    cohort: Cohort,
    facilitator: bool,
    manager: bool,
    notes: Vec<NoteRow>,
    counts: Vec<(String, i64)>,
    topics: Vec<(String, &'static str)>,
    summary: String,
    sent: bool,
    posted: bool,
    delivery: Delivery,
    /// The managers' answers to the summary ("you said, we did"), for everyone in the cohort.
    leader_answers: Vec<recordwell_store::boards::LeaderAnswer>,
    answer_choices: Vec<(&'static str, &'static str)>,
}

/// Where the emails to managers stand, for the facilitator: nothing is lost silently.
#[derive(Debug, Default)]
struct Delivery {
    /// Waiting to be sent (including retries after the mail server refused).
    waiting: usize,
    /// Of those, how many have already failed at least once.
    retrying: usize,
    /// Given up after repeated attempts.
    failed: usize,
}

async fn delivery(state: &AppState, cohort_id: i64) -> Result<Delivery, AppError> {
    let mut d = Delivery::default();
    for job in jobs::for_cohort(&state.store, cohort_id).await?.iter().filter(|j| j.kind == SEND_JOB) {
        match job.state.as_str() {
            "pending" | "running" => {
                d.waiting += 1;
                if job.attempts > 0 {
                    d.retrying += 1;
                }
            }
            "failed" => d.failed += 1,
            _ => {}
        }
    }
    Ok(d)
}

/// `?posted=1` after posting.
#[derive(Deserialize)]
pub struct Flags {
    #[serde(default)]
    posted: Option<String>,
}

async fn page(
    State(state): State<AppState>,
    visitor: Visitor,
    c: InCohort,
    axum::extract::Query(flags): axum::extract::Query<Flags>,
) -> Result<Response, AppError> {
    let facilitator = c.role == CohortRole::Facilitator;
    let manager = c.role == CohortRole::Manager;
    let all = postbox::notes(&state.store, c.cohort.id).await?;
    let counts = counts(&all);
    let notes = if manager {
        vec![]
    } else {
        all.iter()
            .filter(|n| facilitator || n.hidden == 0)
            .map(|n| NoteRow {
                id: n.id,
                body: n.body.clone(),
                hidden: n.hidden == 1,
                sorted_as: match (&n.theme, &n.topic) {
                    (Some(t), Some(p)) => format!("{t}:{p}"),
                    _ => String::new(),
                },
                label: topic_label(n),
            })
            .collect()
    };
    let (summary, sent_at) = postbox::summary(&state.store, c.cohort.id).await?.unwrap_or_default();
    let delivery = if facilitator { delivery(&state, c.cohort.id).await? } else { Delivery::default() };
    let leader_answers = recordwell_store::boards::answers(&state.store, c.cohort.id)
        .await?
        .into_iter()
        .filter(|a| a.item_id.is_none())
        .collect();
    render(&PostboxPage {
        frame: Frame::new(&visitor, "training"),
        cohort: c.cohort,
        facilitator,
        manager,
        notes,
        counts,
        topics: TOPICS.iter().map(|(t, p, l)| (format!("{t}:{p}"), *l)).collect(),
        summary,
        sent: sent_at.is_some(),
        posted: flags.posted.is_some(),
        delivery,
        leader_answers,
        answer_choices: Answer::ALL.iter().map(|a| (a.key(), a.label())).collect(),
    })
}

/// A manager's answer to the summary.
#[derive(Deserialize)]
pub struct SummaryAnswerForm {
    answer: String,
    #[serde(default)]
    reason: String,
}

/// `POST /cohorts/{cohort}/postbox/answer`: a manager answers the post-box summary ("you said, we
/// did"), as a series' leaders answer its recommendations; the participants read it on this page.
async fn answer_summary(
    State(state): State<AppState>,
    c: InCohort,
    PageForm(form): PageForm<SummaryAnswerForm>,
) -> Result<Response, AppError> {
    if c.role != CohortRole::Manager {
        return Err(AppError::Forbidden);
    }
    let answer = Answer::parse(&form.answer)
        .ok_or_else(|| AppError::BadRequest("Choose accepted, in progress or not now.".into()))?;
    check_answer(answer, &form.reason).map_err(|e| AppError::BadRequest(crate::views::sentence(e)))?;
    if form.reason.chars().count() > 2_000 {
        return Err(AppError::BadRequest("Keep the answer under 2,000 characters.".into()));
    }
    recordwell_store::boards::answer(&state.store, c.cohort.id, None, c.who.user_id, answer.key(), form.reason.trim())
        .await?;
    crate::audit::log(&state.store, &c.who, "postbox.answer", "cohort", Some(c.cohort.id), answer.key()).await?;
    Ok(Redirect::to(&format!("/cohorts/{}/postbox#answers", c.cohort.id)).into_response())
}

/// A new note.
#[derive(Deserialize)]
pub struct NoteForm {
    body: String,
}

async fn post_note(
    State(state): State<AppState>,
    AsContributor(c): AsContributor,
    PageForm(form): PageForm<NoteForm>,
) -> Result<Response, AppError> {
    let body = form.body.trim();
    if body.is_empty() {
        return Err(AppError::BadRequest("Write the note first.".into()));
    }
    postbox::post(&state.store, c.cohort.id, body).await?;
    Ok(Redirect::to(&format!("/cohorts/{}/postbox?posted=1", c.cohort.id)).into_response())
}

/// Hide or show.
#[derive(Deserialize)]
pub struct HiddenForm {
    hidden: String,
}

async fn toggle_hidden(
    State(state): State<AppState>,
    AsFacilitator(c): AsFacilitator,
    Path((_, note)): Path<(i64, i64)>,
    PageForm(form): PageForm<HiddenForm>,
) -> Result<Response, AppError> {
    if !postbox::set_hidden(&state.store, c.cohort.id, note, form.hidden == "1").await? {
        return Err(AppError::NotFound);
    }
    Ok(Redirect::to(&format!("/cohorts/{}/postbox", c.cohort.id)).into_response())
}

/// Sorting: `theme:topic`, or empty to unsort.
#[derive(Deserialize)]
pub struct SortForm {
    #[serde(default)]
    topic: String,
}

async fn sort_note(
    State(state): State<AppState>,
    AsContributor(c): AsContributor,
    Path((_, note)): Path<(i64, i64)>,
    PageForm(form): PageForm<SortForm>,
) -> Result<Response, AppError> {
    let choice = if form.topic.is_empty() {
        None
    } else {
        let (t, p, _) = TOPICS
            .iter()
            .find(|(t, p, _)| format!("{t}:{p}") == form.topic)
            .ok_or_else(|| AppError::BadRequest("Choose one of the topics.".into()))?;
        Some((*t, *p))
    };
    let visible = postbox::notes(&state.store, c.cohort.id)
        .await?
        .iter()
        .any(|n| n.id == note && (n.hidden == 0 || c.role == CohortRole::Facilitator));
    if !visible || !postbox::sort(&state.store, c.cohort.id, note, choice).await? {
        return Err(AppError::NotFound);
    }
    Ok(Redirect::to(&format!("/cohorts/{}/postbox", c.cohort.id)).into_response())
}

/// The summary.
#[derive(Deserialize)]
pub struct SummaryForm {
    summary: String,
}

async fn save_summary(
    State(state): State<AppState>,
    AsFacilitator(c): AsFacilitator,
    PageForm(form): PageForm<SummaryForm>,
) -> Result<Response, AppError> {
    postbox::set_summary(&state.store, c.cohort.id, form.summary.trim()).await?;
    Ok(Redirect::to(&format!("/cohorts/{}/postbox", c.cohort.id)).into_response())
}

#[derive(Serialize, Deserialize)]
struct SendPayload {
    org_id: i64,
    cohort_id: i64,
    manager_id: i64,
}

async fn send(State(state): State<AppState>, c: InCohort) -> Result<Response, AppError> {
    c.facilitator()?;
    let now = state.clock.now();
    for m in cohorts::people(&state.store, c.cohort.id).await? {
        if m.role != CohortRole::Manager || m.status == "left" {
            continue;
        }
        let payload = serde_json::to_string(&SendPayload {
            org_id: c.cohort.org_id,
            cohort_id: c.cohort.id,
            manager_id: m.user_id,
        })
        .map_err(|e| AppError::Internal(e.to_string()))?;
        let key = jobs::cohort_key(c.cohort.id, &format!("{SEND_JOB}:{}:{now}", m.user_id));
        jobs::schedule(&state.store, SEND_JOB, &key, &payload, now).await?;
    }
    state.jobs_wake.notify_one();
    crate::audit::log(&state.store, &c.who, "postbox.send", "cohort", Some(c.cohort.id), "").await?;
    Ok(Redirect::to(&format!("/cohorts/{}/postbox", c.cohort.id)).into_response())
}

/// The post-box report as a PDF: summary, counts by topic (chart), visible notes, no names.
pub async fn pdf_bytes(state: &AppState, cohort: &Cohort) -> Result<Vec<u8>, AppError> {
    let notes = postbox::notes(&state.store, cohort.id).await?;
    let (summary, _) = postbox::summary(&state.store, cohort.id).await?.unwrap_or_default();
    let counts = counts(&notes);
    let visible: Vec<String> =
        notes.iter().filter(|n| n.hidden == 0).map(|n| format!("[{}] {}", topic_label(n), n.body)).collect();
    let mut doc = Document::new(&format!("Post-box: {}", cohort.title))
        .heading("Summary")
        .paragraph(if summary.is_empty() { "The facilitator has not written a summary yet." } else { &summary });
    doc = doc
        .heading("Notes by theme and topic")
        .bar_chart("Notes by theme and topic", counts.iter().map(|(l, n)| (l.clone(), *n as f64)).collect())
        .table(&["Theme and topic", "Notes"], counts.iter().map(|(l, n)| vec![l.clone(), n.to_string()]).collect())
        .heading("The notes");
    doc = if visible.is_empty() {
        doc.paragraph("The post-box is empty: nobody posted a note.")
    } else {
        doc.bullets(&visible)
    };
    Ok(doc.render())
}

fn may_export(c: &InCohort) -> Result<(), AppError> {
    if matches!(c.role, CohortRole::Facilitator | CohortRole::Manager) { Ok(()) } else { Err(AppError::Forbidden) }
}

async fn pdf(State(state): State<AppState>, c: InCohort) -> Result<Response, AppError> {
    may_export(&c)?;
    c.log_download(&state, "postbox.pdf").await?;
    let bytes = pdf_bytes(&state, &c.cohort).await?;
    Ok((
        [
            (CONTENT_TYPE, "application/pdf".to_owned()),
            (CONTENT_DISPOSITION, format!("attachment; filename=\"postbox-{}.pdf\"", c.cohort.id)),
        ],
        bytes,
    )
        .into_response())
}

async fn xlsx(State(state): State<AppState>, c: InCohort) -> Result<Response, AppError> {
    may_export(&c)?;
    c.log_download(&state, "postbox.xlsx").await?;
    let notes = postbox::notes(&state.store, c.cohort.id).await?;
    let (summary, _) = postbox::summary(&state.store, c.cohort.id).await?.unwrap_or_default();
    let sheets = [
        Sheet {
            name: "Counts".into(),
            header: vec!["Theme and topic".into(), "Notes".into()],
            rows: counts(&notes).into_iter().map(|(l, n)| vec![l, n.to_string()]).collect(),
            chart: Some((0, 1, "Notes by theme and topic".into())),
        },
        Sheet {
            name: "Notes".into(),
            header: vec!["Theme and topic".into(), "Note".into()],
            rows: notes
                .iter()
                .filter(|n| n.hidden == 0)
                .map(|n| vec![topic_label(n).to_owned(), n.body.clone()])
                .collect(),
            chart: None,
        },
        Sheet { name: "Summary".into(), header: vec!["Summary".into()], rows: vec![vec![summary]], chart: None },
    ];
    let bytes = workbook(&sheets).map_err(|e| AppError::Internal(e.to_string()))?;
    Ok((
        [
            (CONTENT_TYPE, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_owned()),
            (CONTENT_DISPOSITION, format!("attachment; filename=\"postbox-{}.xlsx\"", c.cohort.id)),
        ],
        bytes,
    )
        .into_response())
}

/// The job: emails the summary (PDF attached, link to the page) to one manager.
pub async fn run_send(state: &AppState, job: &Job) -> Result<Outcome, AppError> {
    let p: SendPayload = serde_json::from_str(&job.payload).map_err(|e| AppError::Internal(e.to_string()))?;
    let Some(cohort) = cohorts::get(&state.store, p.org_id, p.cohort_id).await? else {
        return Ok(Outcome::Done(Some("not sent: cohort deleted".into())));
    };
    let Some(manager) = recordwell_store::users::by_id(&state.store, p.manager_id).await?.filter(|u| u.disabled == 0)
    else {
        return Ok(Outcome::Done(Some("not sent: account removed".into())));
    };
    let (summary, _) = postbox::summary(&state.store, cohort.id).await?.unwrap_or_default();
    let body = format!(
        "Hello {},\n\nThe participants of {} posted notes to the organisation. The facilitator's summary:\n\n{}\n\n\
         The notes and counts by theme are attached, and in Recordwell:\n{}/cohorts/{}/postbox\n\nRecordwell\n",
        manager.name,
        cohort.title,
        if summary.is_empty() { "(no summary written)" } else { &summary },
        state.public_url,
        cohort.id
    );
    let pdf = pdf_bytes(state, &cohort).await?;
    let subject = format!("Post-box summary: {}", cohort.title);
    let send =
        state.mailer.send_with_attachment(&manager.email, &subject, body, ("postbox.pdf", "application/pdf", pdf));
    let outcome = crate::jobs::send_once(state, job, send).await?;
    if matches!(outcome, Outcome::Done(None)) {
        postbox::mark_sent(&state.store, cohort.id, state.clock.now()).await?;
    }
    Ok(outcome)
}
