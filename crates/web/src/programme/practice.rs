//! A change to test (workshop one, again after workshop two): each practitioner names one element
//! of their practice to do differently before the next workshop (what they will change, how they
//! will know, which records it touches), keeps a dated log as they go, and may add an example from
//! before and one written with the change, de-identified as examples are, which the checker then
//! measures side by side. All of it is private to its author unless they share the test; the
//! facilitator sees who has a test and how many log entries, not what they say. A reminder email
//! goes midway between workshops (a durable job; see [`schedule_reminders`]).

use crate::auth::Visitor;
use crate::error::AppError;
use crate::export::svg::GroupedBars;
use crate::jobs::Outcome;
use crate::pages::{PageForm, render};
use crate::programme::examples::{EXAMPLE_TYPES, deidentify, hidden_by_kind};
use crate::programme::plans::eight_am_uk;
use crate::programme::{AsParticipant, InCohort};
use crate::state::AppState;
use crate::views::{Frame, type_title};
use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use recordwell_check::RecordType;
use recordwell_store::cohorts::{self, Cohort, CohortRole};
use recordwell_store::jobs::{self, Job};
use recordwell_store::series::{self, PracticeTest, TestPlan};
use recordwell_store::{boards, users};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// The routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/cohorts/{cohort}/practice", get(page).post(save_plan))
        .route("/cohorts/{cohort}/practice/{round}/log", post(add_log))
        .route("/cohorts/{cohort}/practice/{round}/example", post(example))
        .route("/cohorts/{cohort}/practice/{round}/reflection", post(reflection))
}

/// The longest text a field takes (characters); examples take as many as the examples page.
const MAX_FIELD: usize = 2_000;
const MAX_EXAMPLE: usize = 50_000;

/// The round a path names: 1 or 2.
fn round_of(round: i64) -> Result<i64, AppError> {
    if matches!(round, 1 | 2) { Ok(round) } else { Err(AppError::NotFound) }
}

/// A before-and-after example being de-identified (shown to its author only).
struct ExamplePreview {
    round: i64,
    stage: String,
    record_type: String,
    raw: String,
    terms: String,
    redacted: String,
    hidden: Vec<(String, Vec<String>)>,
}

/// One round as its author sees it.
struct Round {
    number: i64,
    test: Option<PracticeTest>,
    log: Vec<series::LogEntry>,
    /// The checker's measures before and after, as a chart and rows, when both examples exist.
    measured: Option<Measured>,
}

/// The checker's measures of a test's before and after examples.
pub struct Measured {
    /// (measure, before, after).
    pub rows: Vec<(String, String, String)>,
    /// The chart.
    pub chart: String,
}

#[derive(Template)]
#[template(path = "series_practice.html")]
struct PracticePage {
    frame: Frame,
    cohort_id: i64,
    cohort_title: String,
    is_participant: bool,
    rounds: Vec<Round>,
    elements: Vec<(i64, String)>,
    types: Vec<(&'static str, &'static str)>,
    preview: Option<ExamplePreview>,
    today: String,
    notice: Option<String>,
    error: Option<String>,
    /// Facilitators: (name, tests written, log entries) per participant, and the shared tests.
    progress: Vec<(String, usize, usize)>,
    shared: Vec<(String, PracticeTest)>,
}

async fn page(State(state): State<AppState>, visitor: Visitor, ic: InCohort) -> Result<Response, AppError> {
    ic.series()?;
    if ic.role == CohortRole::Manager {
        return Err(AppError::NotFound);
    }
    show(&state, &visitor, &ic, Said::default()).await
}

/// What a form just said.
#[derive(Default)]
struct Said {
    notice: Option<String>,
    error: Option<String>,
    preview: Option<ExamplePreview>,
}

async fn show(state: &AppState, visitor: &Visitor, ic: &InCohort, said: Said) -> Result<Response, AppError> {
    let people = cohorts::people(&state.store, ic.cohort.id).await?;
    let names: HashMap<i64, String> = people.iter().map(|p| (p.user_id, p.name.clone())).collect();
    let is_participant = ic.role == CohortRole::Participant;
    let mut rounds = vec![];
    if is_participant {
        let mine = series::tests_of(&state.store, ic.cohort.id, ic.who.user_id).await?;
        for number in [1, 2] {
            let test = mine.iter().find(|t| t.round == number).cloned();
            let log = match &test {
                Some(t) => series::log_of(&state.store, t.id).await?,
                None => vec![],
            };
            let measured = match &test {
                Some(t) => measure(state, t).await?,
                None => None,
            };
            rounds.push(Round { number, test, log, measured });
        }
    }
    let all = series::tests_in(&state.store, ic.cohort.id).await?;
    let progress = if ic.role == CohortRole::Facilitator {
        let logs = series::log_counts(&state.store, ic.cohort.id).await?;
        people
            .iter()
            .filter(|p| p.role == CohortRole::Participant && p.status != "left")
            .map(|p| {
                let theirs: Vec<&PracticeTest> = all.iter().filter(|t| t.user_id == p.user_id).collect();
                let entries = theirs.iter().map(|t| logs.get(&t.id).copied().unwrap_or(0)).sum();
                (p.name.clone(), theirs.len(), entries)
            })
            .collect()
    } else {
        vec![]
    };
    let shared = all
        .into_iter()
        .filter(|t| t.shared == 1 && t.user_id != ic.who.user_id)
        .map(|t| (names.get(&t.user_id).cloned().unwrap_or_else(|| "Someone who left".into()), t))
        .collect();
    let elements = boards::items(&state.store, ic.cohort.id, boards::ELEMENTS)
        .await?
        .into_iter()
        .filter(|i| i.hidden == 0)
        .map(|i| (i.id, i.body))
        .collect();
    render(&PracticePage {
        frame: Frame::new(visitor, "training"),
        cohort_id: ic.cohort.id,
        cohort_title: ic.cohort.title.clone(),
        is_participant,
        rounds,
        elements,
        types: EXAMPLE_TYPES.iter().map(|t| (*t, type_title(t))).collect(),
        preview: said.preview,
        today: jiff::Zoned::now().date().to_string(),
        notice: said.notice,
        error: said.error,
        progress,
        shared,
    })
}

/// The checker's measures of a test's two examples, when it has both.
pub async fn measure(state: &AppState, t: &PracticeTest) -> Result<Option<Measured>, AppError> {
    let (Some(before), Some(after)) = (t.before_example.clone(), t.after_example.clone()) else { return Ok(None) };
    let rt: RecordType = t.record_type.as_deref().unwrap_or("detailed").parse().unwrap_or(RecordType::Detailed);
    let config = state.check_config.clone();
    let (b, a) = tokio::task::spawn_blocking(move || {
        (recordwell_check::check(&before, rt, &config), recordwell_check::check(&after, rt, &config))
    })
    .await
    .map_err(|_| AppError::Internal("the check failed".into()))?;
    let mut by_category: BTreeMap<&'static str, (usize, usize)> = BTreeMap::new();
    for f in &b.findings {
        by_category.entry(f.category.info().title).or_default().0 += 1;
    }
    for f in &a.findings {
        by_category.entry(f.category.info().title).or_default().1 += 1;
    }
    let mut rows = vec![
        (
            "Findings per 1,000 words".to_owned(),
            format!("{:.1}", b.findings_per_thousand_words()),
            format!("{:.1}", a.findings_per_thousand_words()),
        ),
        ("Colleague lens (of 100)".to_owned(), b.scores.colleague.to_string(), a.scores.colleague.to_string()),
        ("Family lens (of 100)".to_owned(), b.scores.family.to_string(), a.scores.family.to_string()),
    ];
    rows.extend(by_category.iter().map(|(c, (x, y))| (format!("{c} (findings)"), x.to_string(), y.to_string())));
    let series = vec!["Before".to_owned(), "After".to_owned()];
    let categories = vec![
        (
            "Colleague lens".to_owned(),
            vec![f64::from(b.scores.colleague) / 100.0, f64::from(a.scores.colleague) / 100.0],
        ),
        ("Family lens".to_owned(), vec![f64::from(b.scores.family) / 100.0, f64::from(a.scores.family) / 100.0]),
    ];
    let chart =
        GroupedBars { title: "Lens scores before and after the change", series: &series, categories: &categories }
            .render();
    Ok(Some(Measured { rows, chart }))
}

/// The plan form.
#[derive(Deserialize)]
struct PlanForm {
    round: i64,
    #[serde(default)]
    element_id: String,
    change_text: String,
    #[serde(default)]
    how_know: String,
    #[serde(default)]
    records_touched: String,
    #[serde(default)]
    shared: Option<String>,
}

async fn save_plan(
    State(state): State<AppState>,
    visitor: Visitor,
    AsParticipant(ic): AsParticipant,
    PageForm(f): PageForm<PlanForm>,
) -> Result<Response, AppError> {
    ic.series()?;
    let round = round_of(f.round)?;
    let element_id = f.element_id.parse::<i64>().ok();
    if let Some(id) = element_id {
        boards::item(&state.store, ic.cohort.id, id)
            .await?
            .filter(|i| i.board == boards::ELEMENTS)
            .ok_or_else(|| AppError::BadRequest("Choose one of the elements on the board, or none.".into()))?;
    }
    let fields = [&f.change_text, &f.how_know, &f.records_touched];
    let error = if f.change_text.trim().is_empty() {
        Some("Say what you will do differently.".to_owned())
    } else if fields.iter().any(|t| t.chars().count() > MAX_FIELD) {
        Some(format!("Keep each answer under {MAX_FIELD} characters."))
    } else {
        None
    };
    if error.is_some() {
        return show(&state, &visitor, &ic, Said { error, ..Said::default() }).await;
    }
    let plan = TestPlan {
        round,
        element_id,
        change_text: f.change_text.trim(),
        how_know: f.how_know.trim(),
        records_touched: f.records_touched.trim(),
        shared: f.shared.is_some(),
    };
    let id = series::save_test(&state.store, ic.cohort.id, ic.who.user_id, plan).await?;
    crate::audit::log(&state.store, &ic.who, "series.test", "practice-test", Some(id), round.to_string()).await?;
    Ok(Redirect::to(&format!("/cohorts/{}/practice#round-{round}", ic.cohort.id)).into_response())
}

/// The author's test for a round, or a clear 400 when they have not written it yet.
async fn my_test(state: &AppState, ic: &InCohort, round: i64) -> Result<PracticeTest, AppError> {
    series::tests_of(&state.store, ic.cohort.id, ic.who.user_id)
        .await?
        .into_iter()
        .find(|t| t.round == round)
        .ok_or_else(|| AppError::BadRequest("Write what you will change first, then keep its log.".into()))
}

/// The log form.
#[derive(Deserialize)]
struct LogForm {
    on_date: String,
    note: String,
}

async fn add_log(
    State(state): State<AppState>,
    visitor: Visitor,
    AsParticipant(ic): AsParticipant,
    Path((_, round)): Path<(i64, i64)>,
    PageForm(f): PageForm<LogForm>,
) -> Result<Response, AppError> {
    ic.series()?;
    let round = round_of(round)?;
    let test = my_test(&state, &ic, round).await?;
    let Some(date) = super::cohorts::valid_date(&f.on_date) else {
        let error = Some(format!("Enter the log's date. {}.", super::cohorts::DATE_HINT));
        return show(&state, &visitor, &ic, Said { error, ..Said::default() }).await;
    };
    let note = f.note.trim();
    if note.is_empty() || note.chars().count() > MAX_FIELD {
        let error = Some(format!("Write what happened (up to {MAX_FIELD} characters)."));
        return show(&state, &visitor, &ic, Said { error, ..Said::default() }).await;
    }
    series::add_log_entry(&state.store, test.id, &date.to_string(), note).await?;
    Ok(Redirect::to(&format!("/cohorts/{}/practice#log-{round}", ic.cohort.id)).into_response())
}

/// What the practitioner found, shared with their small group.
#[derive(Deserialize)]
struct ReflectionForm {
    #[serde(default)]
    worked: String,
    #[serde(default)]
    made_possible: String,
    #[serde(default)]
    got_in_the_way: String,
}

async fn reflection(
    State(state): State<AppState>,
    visitor: Visitor,
    AsParticipant(ic): AsParticipant,
    Path((_, round)): Path<(i64, i64)>,
    PageForm(f): PageForm<ReflectionForm>,
) -> Result<Response, AppError> {
    ic.series()?;
    let round = round_of(round)?;
    let test = my_test(&state, &ic, round).await?;
    let answers = [f.worked.trim(), f.made_possible.trim(), f.got_in_the_way.trim()];
    if answers.iter().any(|a| a.chars().count() > MAX_FIELD) {
        let error = Some(format!("Keep each answer under {MAX_FIELD} characters."));
        return show(&state, &visitor, &ic, Said { error, ..Said::default() }).await;
    }
    series::save_reflection(&state.store, test.id, answers[0], answers[1], answers[2]).await?;
    Ok(Redirect::to(&format!("/cohorts/{}/practice#found-{round}", ic.cohort.id)).into_response())
}

/// The example form (both steps, as on the examples page).
#[derive(Deserialize)]
struct ExampleForm {
    stage: String,
    record_type: String,
    text: String,
    #[serde(default)]
    terms: String,
    #[serde(default)]
    action: String,
}

/// `action=preview` shows the de-identified text; `action=confirm` de-identifies again (nothing
/// from the page is trusted) and keeps only that.
async fn example(
    State(state): State<AppState>,
    visitor: Visitor,
    AsParticipant(ic): AsParticipant,
    Path((_, round)): Path<(i64, i64)>,
    PageForm(f): PageForm<ExampleForm>,
) -> Result<Response, AppError> {
    ic.series()?;
    let round = round_of(round)?;
    let test = my_test(&state, &ic, round).await?;
    let error = if !matches!(f.stage.as_str(), "before" | "after") {
        Some("Say whether the example is from before or after the change.")
    } else if !EXAMPLE_TYPES.contains(&f.record_type.as_str()) {
        Some("Choose the type of record.")
    } else if f.text.trim().is_empty() || f.text.chars().count() > MAX_EXAMPLE {
        Some("Paste the example (up to 50,000 characters).")
    } else {
        None
    };
    if let Some(e) = error {
        return show(&state, &visitor, &ic, Said { error: Some(e.to_owned()), ..Said::default() }).await;
    }
    let (text, list) = (f.text.clone(), f.terms.clone());
    let redacted = tokio::task::spawn_blocking(move || deidentify(&text, &list))
        .await
        .map_err(|_| AppError::Internal("de-identification failed".into()))?;
    if f.action == "confirm" {
        series::save_test_example(&state.store, test.id, f.stage == "after", &f.record_type, &redacted.text).await?;
        crate::audit::log(
            &state.store,
            &ic.who,
            "series.test-example",
            "practice-test",
            Some(test.id),
            f.stage.clone(),
        )
        .await?;
        let notice = Some(format!("Kept the de-identified {} example.", f.stage));
        return show(&state, &visitor, &ic, Said { notice, ..Said::default() }).await;
    }
    let preview = ExamplePreview {
        round,
        stage: f.stage,
        record_type: f.record_type,
        hidden: hidden_by_kind(&redacted),
        redacted: redacted.text,
        raw: f.text,
        terms: f.terms,
    };
    show(&state, &visitor, &ic, Said { preview: Some(preview), ..Said::default() }).await
}

/// The reminder job's kind: midway between two workshops, it asks each participant to keep their
/// test's log (one email job each, so a reminder goes once to each person).
pub const REMINDER_JOB: &str = "series-reminder";
/// The job that emails one participant.
pub const REMINDER_EMAIL_JOB: &str = "series-reminder-email";

/// What the reminder jobs carry.
#[derive(Serialize, Deserialize)]
struct ReminderPayload {
    org_id: i64,
    cohort_id: i64,
    round: i64,
    #[serde(default)]
    user_id: Option<i64>,
}

/// Schedules the reminders of a new series: at 08:00 UK midway between workshops one and two
/// (round 1) and two and three (round 2).
pub async fn schedule_reminders(state: &AppState, cohort: &Cohort, dates: &[String]) -> Result<(), AppError> {
    for (round, pair) in (1..).zip(dates.windows(2)) {
        let (Some(a), Some(b)) = (super::cohorts::valid_date(&pair[0]), super::cohorts::valid_date(&pair[1])) else {
            continue;
        };
        let days = (b - a).get_days() / 2;
        let Ok(mid) = a.checked_add(jiff::Span::new().days(days)) else { continue };
        let Some(run_at) = eight_am_uk(&mid.to_string()) else { continue };
        let payload = ReminderPayload { org_id: cohort.org_id, cohort_id: cohort.id, round, user_id: None };
        let payload = serde_json::to_string(&payload).map_err(|e| AppError::Internal(e.to_string()))?;
        let key = jobs::cohort_key(cohort.id, &format!("{REMINDER_JOB}:{round}"));
        jobs::schedule(&state.store, REMINDER_JOB, &key, &payload, run_at).await?;
    }
    state.jobs_wake.notify_one();
    Ok(())
}

/// The reminder job: one email job for each participant still in the series.
pub async fn run_reminder(state: &AppState, job: &Job) -> Result<Outcome, AppError> {
    let p: ReminderPayload = serde_json::from_str(&job.payload).map_err(|e| AppError::Internal(e.to_string()))?;
    let now = state.clock.now();
    let mut scheduled = 0;
    for person in cohorts::people(&state.store, p.cohort_id).await? {
        if person.role != CohortRole::Participant || person.status == "left" {
            continue;
        }
        let one = ReminderPayload { user_id: Some(person.user_id), ..p };
        let payload = serde_json::to_string(&one).map_err(|e| AppError::Internal(e.to_string()))?;
        let key = jobs::cohort_key(p.cohort_id, &format!("{REMINDER_EMAIL_JOB}:{}:{}", p.round, person.user_id));
        if jobs::schedule(&state.store, REMINDER_EMAIL_JOB, &key, &payload, now).await? {
            scheduled += 1;
        }
    }
    state.jobs_wake.notify_one();
    Ok(Outcome::Done(Some(format!("{scheduled} reminders scheduled"))))
}

/// The email job: reminds one participant to keep their log (or to choose a change to test).
pub async fn run_reminder_email(state: &AppState, job: &Job) -> Result<Outcome, AppError> {
    let p: ReminderPayload = serde_json::from_str(&job.payload).map_err(|e| AppError::Internal(e.to_string()))?;
    let Some(user_id) = p.user_id else { return Ok(Outcome::Done(Some("no one to remind".into()))) };
    let Some(cohort) = cohorts::get(&state.store, p.org_id, p.cohort_id).await? else {
        return Ok(Outcome::Done(Some("not sent: series deleted".into())));
    };
    let still_in = cohorts::role_of(&state.store, cohort.id, user_id).await?.is_some();
    let Some(user) = users::by_id(&state.store, user_id).await?.filter(|u| u.disabled == 0 && still_in) else {
        return Ok(Outcome::Done(Some("not sent: account removed".into())));
    };
    let has_test = series::tests_of(&state.store, cohort.id, user_id).await?.iter().any(|t| t.round == p.round);
    let link = format!("{}/cohorts/{}/practice", state.public_url, cohort.id);
    let ask = if has_test {
        "This is a reminder, halfway to the next workshop, to keep the log of the change you are testing: a line \
         for each time you tried it, what happened, and what made it easier or harder."
    } else {
        "This is a reminder, halfway to the next workshop: if you have not yet chosen one thing in your recording \
         to try doing differently, there is still time, and a line in the log each time you try it is enough."
    };
    let body = format!("Hello {},\n\n{ask}\n\n{link}\n\nRecordwell\n", user.name);
    let subject = format!("Your test of change: {}", cohort.title);
    crate::jobs::send_once(state, job, state.mailer.send(&user.email, &subject, body)).await
}
