//! Reflections (the closing form) and the cohort report for facilitators: attendance, examples
//! by type, checker findings across the cohort by category, and feedback without names, as a
//! page, a PDF with bar charts and a workbook with charts.

use super::{AsParticipant, InCohort};
use crate::auth::Visitor;
use crate::error::AppError;
use crate::export::pdf::Document;
use crate::export::xlsx::{Sheet, workbook};
use crate::pages::{PageForm, render};
use crate::state::AppState;
use crate::views::Frame;
use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use recordwell_store::cohorts::Cohort;
use recordwell_store::reflections::{self, Reflection};
use serde::Deserialize;
use std::collections::BTreeMap;

/// Routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/cohorts/{cohort}/reflections", get(form_page).post(submit))
        .route("/cohorts/{cohort}/report", get(report_page))
        .route("/cohorts/{cohort}/report.pdf", get(report_pdf))
        .route("/cohorts/{cohort}/report.xlsx", get(report_xlsx))
}

/// The three rating questions: (field, legend).
const RATINGS: [(&str, &str); 3] = [
    ("rating_overall", "Overall, how useful was the course?"),
    ("rating_relevance", "How relevant was it to your work?"),
    ("rating_facilitation", "How well was it facilitated?"),
];

struct Rating {
    field: &'static str,
    legend: &'static str,
    value: i64,
}

#[derive(Template)]
#[template(path = "reflections.html")]
struct FormPage {
    frame: Frame,
    cohort: Cohort,
    r: Reflection,
    ratings: Vec<Rating>,
    saved: bool,
    error: Option<String>,
}

fn ratings_of(r: &Reflection) -> Vec<Rating> {
    let values = [r.rating_overall, r.rating_relevance, r.rating_facilitation];
    RATINGS.iter().zip(values).map(|((field, legend), value)| Rating { field, legend, value }).collect()
}

async fn form_page(State(state): State<AppState>, visitor: Visitor, c: InCohort) -> Result<Response, AppError> {
    c.participant()?;
    let r = reflections::mine(&state.store, c.cohort.id, c.who.user_id).await?.unwrap_or_default();
    render(&FormPage {
        frame: Frame::new(&visitor, "training"),
        ratings: ratings_of(&r),
        cohort: c.cohort,
        r,
        saved: false,
        error: None,
    })
}

/// The closing form.
#[derive(Deserialize)]
pub struct ReflectionForm {
    #[serde(default)]
    positive_action: String,
    #[serde(default)]
    significant_learning: String,
    #[serde(default)]
    rating_overall: String,
    #[serde(default)]
    rating_relevance: String,
    #[serde(default)]
    rating_facilitation: String,
    #[serde(default)]
    comments: String,
}

async fn submit(
    State(state): State<AppState>,
    visitor: Visitor,
    AsParticipant(c): AsParticipant,
    PageForm(f): PageForm<ReflectionForm>,
) -> Result<Response, AppError> {
    let rating = |s: &str| s.parse::<i64>().ok().filter(|n| (1..=5).contains(n)).unwrap_or(0);
    let r = Reflection {
        positive_action: f.positive_action.trim().to_owned(),
        significant_learning: f.significant_learning.trim().to_owned(),
        rating_overall: rating(&f.rating_overall),
        rating_relevance: rating(&f.rating_relevance),
        rating_facilitation: rating(&f.rating_facilitation),
        comments: f.comments.trim().to_owned(),
    };
    let error = if r.positive_action.is_empty() || r.significant_learning.is_empty() {
        Some("Write one positive action point and your most significant learning.")
    } else if [r.rating_overall, r.rating_relevance, r.rating_facilitation].contains(&0) {
        Some("Choose a rating from 1 to 5 for each question.")
    } else {
        None
    };
    if error.is_none() {
        reflections::submit(&state.store, c.cohort.id, c.who.user_id, &r).await?;
    }
    let page = FormPage {
        frame: Frame::new(&visitor, "training"),
        ratings: ratings_of(&r),
        cohort: c.cohort,
        r,
        saved: error.is_none(),
        error: error.map(str::to_owned),
    };
    let mut res = render(&page)?;
    if page.error.is_some() {
        *res.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(res)
}

/// Everything in the report, counted.
struct Report {
    people: Vec<(String, i64)>,
    attendance: Vec<(String, i64)>,
    examples: Vec<(String, i64)>,
    findings: Vec<(String, i64)>,
    ratings: Vec<(String, f64)>,
    responses: usize,
    positive: Vec<String>,
    comments: Vec<String>,
}

async fn report(state: &AppState, cohort: &Cohort) -> Result<Report, AppError> {
    let people = reflections::people_counts(&state.store, cohort.id)
        .await?
        .into_iter()
        .map(|(role, status, n)| (format!("{role}s ({status})"), n))
        .collect();
    let attendance = reflections::attendance(&state.store, cohort.id)
        .await?
        .into_iter()
        .flat_map(|(day, present, absent)| {
            [(format!("Day {day}: present"), present), (format!("Day {day}: absent"), absent)]
        })
        .collect();
    let mut examples = BTreeMap::<String, i64>::new();
    let mut findings = BTreeMap::<String, i64>::new();
    for (record_type, body) in reflections::examples(&state.store, cohort.id).await? {
        let parsed: Option<recordwell_check::RecordType> = record_type.parse().ok();
        *examples.entry(parsed.map_or_else(|| record_type.clone(), |t| t.title().to_owned())).or_default() += 1;
        if let Some(t) = parsed {
            for f in recordwell_check::check(&body, t, &state.check_config).findings {
                *findings.entry(f.category.info().title.to_owned()).or_default() += 1;
            }
        }
    }
    let all = reflections::all(&state.store, cohort.id).await?;
    let avg = |get: fn(&Reflection) -> i64| {
        if all.is_empty() { 0.0 } else { all.iter().map(get).sum::<i64>() as f64 / all.len() as f64 }
    };
    let ratings = vec![
        ("Overall".to_owned(), avg(|r| r.rating_overall)),
        ("Relevance".to_owned(), avg(|r| r.rating_relevance)),
        ("Facilitation".to_owned(), avg(|r| r.rating_facilitation)),
    ];
    Ok(Report {
        people,
        attendance,
        examples: examples.into_iter().collect(),
        findings: findings.into_iter().collect(),
        ratings,
        responses: all.len(),
        positive: all.iter().map(|r| r.positive_action.clone()).collect(),
        comments: all.iter().map(|r| r.comments.clone()).filter(|c| !c.is_empty()).collect(),
    })
}

#[derive(Template)]
#[template(path = "cohort_report.html")]
struct ReportPage {
    frame: Frame,
    cohort: Cohort,
    r: Report,
}

async fn report_page(State(state): State<AppState>, visitor: Visitor, c: InCohort) -> Result<Response, AppError> {
    c.facilitator()?;
    let r = report(&state, &c.cohort).await?;
    render(&ReportPage { frame: Frame::new(&visitor, "training"), cohort: c.cohort, r })
}

fn bars(rows: &[(String, i64)]) -> Vec<(String, f64)> {
    rows.iter().map(|(l, n)| (l.clone(), *n as f64)).collect()
}

fn table(rows: &[(String, i64)]) -> Vec<Vec<String>> {
    rows.iter().map(|(l, n)| vec![l.clone(), n.to_string()]).collect()
}

fn none_or<S: AsRef<str>>(doc: Document, items: &[S], empty: &str) -> Document {
    if items.is_empty() { doc.paragraph(empty) } else { doc.bullets(items) }
}

async fn report_pdf(State(state): State<AppState>, c: InCohort) -> Result<Response, AppError> {
    c.facilitator()?;
    c.log_download(&state, "report.pdf").await?;
    let r = report(&state, &c.cohort).await?;
    let mut doc = Document::new(&format!("Cohort report: {}", c.cohort.title))
        .heading("People")
        .table(&["Who", "Number"], table(&r.people))
        .heading("Attendance");
    doc = if r.attendance.is_empty() {
        doc.paragraph("Attendance was not recorded.")
    } else {
        doc.bar_chart("Attendance by day", bars(&r.attendance)).table(&["Day", "People"], table(&r.attendance))
    };
    doc = doc.heading("Examples by type");
    doc = if r.examples.is_empty() {
        doc.paragraph("No examples were added.")
    } else {
        doc.bar_chart("Examples by type", bars(&r.examples)).table(&["Type", "Examples"], table(&r.examples))
    };
    doc = doc.heading("Checker findings across the cohort");
    doc = if r.findings.is_empty() {
        doc.paragraph("No findings.")
    } else {
        doc.bar_chart("Findings by category", bars(&r.findings)).table(&["Category", "Findings"], table(&r.findings))
    };
    doc = doc
        .heading("Feedback")
        .paragraph(&format!("{} reflections submitted. Average ratings out of 5:", r.responses))
        .bar_chart("Average ratings", r.ratings.clone())
        .heading("Positive action points");
    doc = none_or(doc, &r.positive, "None yet.").heading("Comments");
    doc = none_or(doc, &r.comments, "None.");
    Ok((
        [
            (CONTENT_TYPE, "application/pdf".to_owned()),
            (CONTENT_DISPOSITION, format!("attachment; filename=\"cohort-{}-report.pdf\"", c.cohort.id)),
        ],
        doc.render(),
    )
        .into_response())
}

async fn report_xlsx(State(state): State<AppState>, c: InCohort) -> Result<Response, AppError> {
    c.facilitator()?;
    c.log_download(&state, "report.xlsx").await?;
    let r = report(&state, &c.cohort).await?;
    let sheet = |name: &str, label: &str, rows: &[(String, i64)], chart: &str| Sheet {
        name: name.into(),
        header: vec![label.into(), "Number".into()],
        rows: table(rows),
        chart: Some((0, 1, chart.into())),
    };
    let sheets = [
        sheet("People", "Who", &r.people, "People"),
        sheet("Attendance", "Day", &r.attendance, "Attendance by day"),
        sheet("Examples", "Type", &r.examples, "Examples by type"),
        sheet("Findings", "Category", &r.findings, "Findings by category"),
        Sheet {
            name: "Ratings".into(),
            header: vec!["Question".into(), "Average (1-5)".into()],
            rows: r.ratings.iter().map(|(l, v)| vec![l.clone(), format!("{v:.1}")]).collect(),
            chart: Some((0, 1, "Average ratings".into())),
        },
        Sheet {
            name: "Feedback".into(),
            header: vec!["Positive action point".into()],
            rows: r
                .positive
                .iter()
                .map(|p| vec![p.clone()])
                .chain(r.comments.iter().map(|c| vec![format!("Comment: {c}")]))
                .collect(),
            chart: None,
        },
    ];
    let bytes = workbook(&sheets).map_err(|e| AppError::Internal(e.to_string()))?;
    Ok((
        [
            (CONTENT_TYPE, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_owned()),
            (CONTENT_DISPOSITION, format!("attachment; filename=\"cohort-{}-report.xlsx\"", c.cohort.id)),
        ],
        bytes,
    )
        .into_response())
}
