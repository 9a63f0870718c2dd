//! What a workshop series gives the partnership: a recommendations report for its leadership,
//! an internal learning report (both as PDF and XLSX, with charts), and a short emerging-learning
//! update safe to publish. None names a participant: recommendations, cards and tests are
//! reported without their authors, and services with fewer than three participants are pooled
//! into "Other services" (see `recordwell_workshops::disclosure`).

use crate::auth::Visitor;
use crate::error::AppError;
use crate::export::pdf::Document;
use crate::export::xlsx::{Sheet, workbook};
use crate::pages::{PageForm, render};
use crate::programme::recommendations::{level_label, of_cohort as recommendations_of};
use crate::programme::{AsFacilitator, InCohort, priorities};
use crate::state::AppState;
use crate::views::{Frame, when};
use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use recordwell_store::boards;
use recordwell_store::cohorts::{self, CohortRole};
use recordwell_store::series;
use recordwell_workshops::assets::{Answer, AssetKind};
use recordwell_workshops::disclosure::{ServiceGroups, labels};
use recordwell_workshops::publish::{Problem, problems};
use serde::Deserialize;

/// The routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/cohorts/{cohort}/series-report/{file}", get(download))
        .route("/cohorts/{cohort}/update", get(update_page).post(save_update))
}

/// Everything the reports say, gathered once.
struct Findings {
    recommendations: Vec<crate::programme::recommendations::Recommendation>,
    /// (kind, asset, votes), most votes first.
    assets: Vec<(String, String, usize)>,
    barriers: Vec<(String, usize)>,
    /// (element, votes from everyone, each shown group's share).
    priorities: Vec<(String, usize, Vec<String>)>,
    groups: Vec<String>,
    connect: Vec<String>,
    diverge: Vec<String>,
    tests: usize,
    tests_with_log: usize,
    participants: usize,
}

async fn gather(state: &AppState, cohort_id: i64) -> Result<Findings, AppError> {
    let recommendations = recommendations_of(state, cohort_id, 0).await?;
    let assets = boards::standing(&state.store, cohort_id, boards::ASSETS)
        .await?
        .into_iter()
        .map(|(i, votes)| (i.kind, i.body, votes))
        .collect();
    let barriers = boards::standing(&state.store, cohort_id, boards::BARRIERS)
        .await?
        .into_iter()
        .map(|(i, v)| (i.body, v))
        .collect();
    let (p, groups, texts) = priorities::of_cohort(state, cohort_id).await?;
    let headers: Vec<String> = groups.groups().iter().map(|(g, n)| format!("{} ({n})", g.label())).collect();
    let text = |id: &i64| texts.get(id).cloned().unwrap_or_default();
    let priorities = p
        .elements
        .iter()
        .map(|e| {
            let cells = groups
                .groups()
                .iter()
                .map(|(g, _)| {
                    e.groups
                        .iter()
                        .find(|v| &v.group == g)
                        .map_or("no votes".into(), |v| format!("{:.0}% ({})", v.share * 100.0, v.band.label()))
                })
                .collect();
            (text(&e.id), e.votes, cells)
        })
        .collect();
    let diverge = p
        .diverge
        .iter()
        .map(|d| {
            format!("{}: high for {}; low for {}", text(&d.id), labels(&d.high).join(", "), labels(&d.low).join(", "))
        })
        .collect();
    let tests_all = series::tests_in(&state.store, cohort_id).await?;
    let tests_with_log = series::log_counts(&state.store, cohort_id).await?.len();
    Ok(Findings {
        recommendations,
        assets,
        barriers,
        priorities,
        groups: headers,
        connect: p.connect.iter().map(text).collect(),
        diverge,
        tests: tests_all.len(),
        tests_with_log,
        participants: groups.people(),
    })
}

fn answer_line(a: &recordwell_store::boards::LeaderAnswer) -> String {
    let label = Answer::parse(&a.answer).map_or("Answered", Answer::label);
    if a.reason.is_empty() {
        format!("{}: {label}", a.leader_name)
    } else {
        format!("{}: {label}. {}", a.leader_name, a.reason)
    }
}

/// `GET /cohorts/{cohort}/series-report/{file}`: `recommendations.pdf` and `.xlsx` for the
/// facilitator and the leaders (managers); `learning.pdf` and `.xlsx` for the facilitator.
async fn download(
    State(state): State<AppState>,
    ic: InCohort,
    Path((_, file)): Path<(i64, String)>,
) -> Result<Response, AppError> {
    ic.series()?;
    let (name, ext) = file.rsplit_once('.').ok_or(AppError::NotFound)?;
    let allowed = match name {
        "recommendations" => matches!(ic.role, CohortRole::Facilitator | CohortRole::Manager),
        "learning" => ic.role == CohortRole::Facilitator,
        _ => return Err(AppError::NotFound),
    };
    if !allowed {
        return Err(AppError::Forbidden);
    }
    let f = gather(&state, ic.cohort.id).await?;
    ic.log_download(&state, &file).await?;
    let title =
        format!("{}: {}", ic.cohort.title, if name == "learning" { "internal learning" } else { "recommendations" });
    let (kind, bytes) = match (name, ext) {
        ("recommendations", "pdf") => ("application/pdf", recommendations_pdf(&title, &f).render()),
        ("learning", "pdf") => ("application/pdf", learning_pdf(&title, &f).render()),
        (_, "xlsx") => {
            let sheets = if name == "learning" { learning_sheets(&f) } else { recommendation_sheets(&f) };
            let bytes = workbook(&sheets).map_err(|e| AppError::Internal(e.to_string()))?;
            ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", bytes)
        }
        _ => return Err(AppError::NotFound),
    };
    let disposition = format!("attachment; filename=\"series-{}-{name}.{ext}\"", ic.cohort.id);
    Ok(([(CONTENT_TYPE, kind.to_owned()), (CONTENT_DISPOSITION, disposition)], bytes).into_response())
}

fn assets_by_kind(f: &Findings) -> Vec<(String, f64)> {
    AssetKind::ALL
        .iter()
        .map(|k| (k.key().to_owned(), f.assets.iter().filter(|(kind, ..)| kind == k.key()).count() as f64))
        .collect()
}

fn recommendations_pdf(title: &str, f: &Findings) -> Document {
    let mut doc = Document::new(title).paragraph(&format!(
        "{} recommendations from {} participants across the partnership's services, in order of the group's votes.",
        f.recommendations.len(),
        f.participants
    ));
    for r in &f.recommendations {
        doc = doc.heading(&format!("{}. {}", r.rank, r.body)).paragraph(&format!(
            "{} · {} vote{}",
            level_label(&r.level),
            r.votes,
            if r.votes == 1 { "" } else { "s" }
        ));
        let rests: Vec<String> = r.rests_on.iter().map(|(k, t)| format!("{k}: {t}")).collect();
        if !rests.is_empty() {
            doc = doc.bullets(&rests);
        }
        let answers: Vec<String> = r.answers.iter().map(answer_line).collect();
        doc = if answers.is_empty() { doc.paragraph("Not answered yet.") } else { doc.bullets(&answers) };
    }
    doc.heading("Assets that support meaningful recording")
        .bar_chart("Assets by kind", assets_by_kind(f))
        .table(
            &["Kind", "Asset", "Votes"],
            f.assets.iter().map(|(k, a, v)| vec![k.clone(), a.clone(), v.to_string()]).collect(),
        )
        .heading("Barriers")
        .table(&["Barrier", "Votes"], f.barriers.iter().map(|(b, v)| vec![b.clone(), v.to_string()]).collect())
}

fn learning_pdf(title: &str, f: &Findings) -> Document {
    let mut doc = Document::new(title)
        .paragraph(&format!(
            "{} participants. Services with fewer than three participants are shown together as \"Other services\".",
            f.participants
        ))
        .heading("Where services connect");
    doc = if f.connect.is_empty() {
        doc.paragraph("No element was a high priority for every service.")
    } else {
        doc.bullets(&f.connect)
    };
    doc = doc.heading("Where services diverge");
    doc = if f.diverge.is_empty() {
        doc.paragraph("No element was high for one service and low for another.")
    } else {
        doc.bullets(&f.diverge)
    };
    let mut header = vec!["Element", "Votes"];
    header.extend(f.groups.iter().map(String::as_str));
    doc = doc
        .heading("Core elements of case recording")
        .bar_chart(
            "Votes for the elements",
            f.priorities.iter().take(10).map(|(e, v, _)| (e.clone(), *v as f64)).collect(),
        )
        .table(
            &header,
            f.priorities.iter().map(|(e, v, cells)| [vec![e.clone(), v.to_string()], cells.clone()].concat()).collect(),
        );
    doc.heading("Tests of change")
        .paragraph(&format!("{} tests of change were planned; {} of them have a log.", f.tests, f.tests_with_log))
        .heading("Assets")
        .bar_chart("Assets by kind", assets_by_kind(f))
        .heading("Barriers")
        .table(&["Barrier", "Votes"], f.barriers.iter().map(|(b, v)| vec![b.clone(), v.to_string()]).collect())
}

fn recommendation_sheets(f: &Findings) -> Vec<Sheet> {
    let mut sheets = vec![Sheet {
        name: "Recommendations".into(),
        header: vec![
            "Rank".into(),
            "Recommendation".into(),
            "For".into(),
            "Votes".into(),
            "Rests on".into(),
            "Answers".into(),
        ],
        rows: f
            .recommendations
            .iter()
            .map(|r| {
                vec![
                    r.rank.to_string(),
                    r.body.clone(),
                    level_label(&r.level).into(),
                    r.votes.to_string(),
                    r.rests_on.iter().map(|(k, t)| format!("{k}: {t}")).collect::<Vec<_>>().join("; "),
                    r.answers.iter().map(answer_line).collect::<Vec<_>>().join("; "),
                ]
            })
            .collect(),
        chart: None,
    }];
    sheets.extend(map_sheets(f));
    sheets
}

/// The assets map and the barriers, in both workbooks.
fn map_sheets(f: &Findings) -> [Sheet; 2] {
    [
        Sheet {
            name: "Assets".into(),
            header: vec!["Asset".into(), "Votes".into(), "Kind".into()],
            rows: f.assets.iter().map(|(k, a, v)| vec![a.clone(), v.to_string(), k.clone()]).collect(),
            chart: Some((0, 1, "Votes for each asset".into())),
        },
        Sheet {
            name: "Barriers".into(),
            header: vec!["Barrier".into(), "Votes".into()],
            rows: f.barriers.iter().map(|(b, v)| vec![b.clone(), v.to_string()]).collect(),
            chart: Some((0, 1, "Votes for each barrier".into())),
        },
    ]
}

fn learning_sheets(f: &Findings) -> Vec<Sheet> {
    let mut header = vec!["Element".to_owned(), "Votes".to_owned()];
    header.extend(f.groups.iter().cloned());
    let mut sheets = vec![
        Sheet {
            name: "Priorities".into(),
            header,
            rows: f
                .priorities
                .iter()
                .map(|(e, v, cells)| [vec![e.clone(), v.to_string()], cells.clone()].concat())
                .collect(),
            chart: Some((0, 1, "Votes for the elements".into())),
        },
        Sheet {
            name: "Connect and diverge".into(),
            header: vec!["Where".into(), "Element".into()],
            rows: f
                .connect
                .iter()
                .map(|c| vec!["Connect".into(), c.clone()])
                .chain(f.diverge.iter().map(|d| vec!["Diverge".into(), d.clone()]))
                .collect(),
            chart: None,
        },
        Sheet {
            name: "Tests of change".into(),
            header: vec!["Measure".into(), "Number".into()],
            rows: vec![
                vec!["Tests planned".into(), f.tests.to_string()],
                vec!["Tests with a log".into(), f.tests_with_log.to_string()],
            ],
            chart: Some((0, 1, "Tests of change".into())),
        },
    ];
    sheets.extend(map_sheets(f));
    sheets
}

#[derive(Template)]
#[template(path = "series_update.html")]
struct UpdatePage {
    frame: Frame,
    cohort_id: i64,
    cohort_title: String,
    is_facilitator: bool,
    text: String,
    published: Option<String>,
    problems: Vec<(String, bool)>,
    error: Option<String>,
}

/// The participants' names and the services too small to name, for the publishing check.
async fn publishing_check(state: &AppState, cohort_id: i64, text: &str) -> Result<Vec<Problem>, AppError> {
    let people = cohorts::people(&state.store, cohort_id).await?;
    let names: Vec<&str> = people.iter().map(|p| p.name.as_str()).collect();
    let participants = people.iter().filter(|p| p.role == CohortRole::Participant && p.status != "left");
    let small = ServiceGroups::unnamed_services(participants.map(|p| p.service.as_deref()));
    Ok(problems(text, &names, &small))
}

async fn update_page(State(state): State<AppState>, visitor: Visitor, ic: InCohort) -> Result<Response, AppError> {
    show_update(&state, &visitor, &ic, None, None).await
}

async fn show_update(
    state: &AppState,
    visitor: &Visitor,
    ic: &InCohort,
    draft: Option<String>,
    error: Option<String>,
) -> Result<Response, AppError> {
    ic.series()?;
    let (_, text, published_at) = boards::outputs(&state.store, ic.cohort.id).await?;
    let is_facilitator = ic.role == CohortRole::Facilitator;
    // A draft is the facilitator's until it is published.
    let text = if is_facilitator || published_at.is_some() { draft.unwrap_or(text) } else { String::new() };
    let problems = if is_facilitator {
        publishing_check(state, ic.cohort.id, &text).await?.iter().map(|p| (p.message(), p.may_confirm())).collect()
    } else {
        vec![]
    };
    let status = if error.is_some() { StatusCode::BAD_REQUEST } else { StatusCode::OK };
    let page = UpdatePage {
        frame: Frame::new(visitor, "training"),
        cohort_id: ic.cohort.id,
        cohort_title: ic.cohort.title.clone(),
        is_facilitator,
        text,
        published: published_at.map(when),
        problems,
        error,
    };
    Ok((status, render(&page)?).into_response())
}

/// The update form.
#[derive(Deserialize)]
struct UpdateForm {
    text: String,
    /// `save` keeps a draft (and withdraws a published update); `publish` publishes.
    action: String,
    /// Ticked when the facilitator has checked the possible names the engine found.
    #[serde(default)]
    checked: Option<String>,
}

async fn save_update(
    State(state): State<AppState>,
    visitor: Visitor,
    AsFacilitator(ic): AsFacilitator,
    PageForm(f): PageForm<UpdateForm>,
) -> Result<Response, AppError> {
    ic.series()?;
    let text = f.text.trim().to_owned();
    if text.chars().count() > 10_000 {
        let e = Some("Keep the update under 10,000 characters: it is a short update.".to_owned());
        return show_update(&state, &visitor, &ic, Some(text), e).await;
    }
    let publish = f.action == "publish";
    if publish {
        let found = publishing_check(&state, ic.cohort.id, &text).await?;
        let must_fix = found.iter().any(|p| !p.may_confirm());
        let unconfirmed = found.iter().any(Problem::may_confirm) && f.checked.is_none();
        let error = if text.is_empty() {
            Some("Write the update first.".to_owned())
        } else if must_fix {
            Some("It cannot be published yet: take out what the list below says must come out.".to_owned())
        } else if unconfirmed {
            Some("Look at each possible name listed below, take out any that are names, then tick that you have checked.".to_owned())
        } else {
            None
        };
        if error.is_some() {
            return show_update(&state, &visitor, &ic, Some(text), error).await;
        }
    }
    boards::set_update(&state.store, ic.cohort.id, &text, publish.then(recordwell_store::now)).await?;
    let detail = if publish { "published" } else { "draft" };
    crate::audit::log(&state.store, &ic.who, "series.update", "cohort", Some(ic.cohort.id), detail).await?;
    Ok(Redirect::to(&format!("/cohorts/{}/update", ic.cohort.id)).into_response())
}
