//! `GET /api/v1/series` and `GET /api/v1/series/{id}`: a workshop series' boards, priorities,
//! assets, barriers, recommendations and answers, for a partnership's own reporting. Everything
//! here is what the series' reports show: no participant's name, no test's content, services
//! with fewer than three participants pooled. Facilitators and administrators read every series
//! of their organisation; anyone else, the series they are in.

use crate::api::ApiCaller;
use crate::error::ApiError;
use crate::programme::{priorities, recommendations};
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use recordwell_store::cohorts::{self, Cohort};
use recordwell_store::orgs::Role;
use recordwell_store::{boards, programmes, series};
use recordwell_workshops::disclosure::labels;
use serde::Serialize;

/// A series in the list.
#[derive(Debug, Serialize)]
pub struct SeriesSummary {
    /// Id (the cohort's).
    pub id: i64,
    /// Title.
    pub title: String,
    /// The workshops' dates, `YYYY-MM-DD`.
    pub dates: Vec<String>,
}

/// The list.
#[derive(Debug, Serialize)]
pub struct SeriesList {
    /// Newest first.
    pub series: Vec<SeriesSummary>,
}

async fn visible(state: &AppState, caller: &ApiCaller) -> Result<Vec<Cohort>, ApiError> {
    let all = cohorts::of_kind(&state.store, caller.who.org_id, programmes::WORKSHOP_SERIES).await?;
    if matches!(caller.who.role, Role::Facilitator | Role::Administrator) {
        return Ok(all);
    }
    let mine: Vec<i64> = cohorts::for_person(&state.store, caller.who.org_id, caller.who.user_id)
        .await?
        .into_iter()
        .map(|(c, _)| c.id)
        .collect();
    Ok(all.into_iter().filter(|c| mine.contains(&c.id)).collect())
}

async fn summary(state: &AppState, c: &Cohort) -> Result<SeriesSummary, ApiError> {
    let dates = cohorts::dates(&state.store, c.id).await?.into_iter().map(|(_, d)| d).collect();
    Ok(SeriesSummary { id: c.id, title: c.title.clone(), dates })
}

/// `GET /api/v1/series`.
pub async fn list(State(state): State<AppState>, caller: ApiCaller) -> Result<Json<SeriesList>, ApiError> {
    let mut series = vec![];
    for c in visible(&state, &caller).await? {
        series.push(summary(&state, &c).await?);
    }
    Ok(Json(SeriesList { series }))
}

/// A card on a board, without its author.
#[derive(Debug, Serialize)]
pub struct Card {
    /// Id.
    pub id: i64,
    /// Its words.
    pub text: String,
    /// An asset's kind, or "".
    pub kind: String,
    /// Its cluster, or "".
    pub cluster: String,
    /// Votes.
    pub votes: usize,
    /// Assets: how many tests of change show it.
    pub tests: usize,
}

/// One group's view of an element.
#[derive(Debug, Serialize)]
pub struct GroupShare {
    /// The service, or "Other services".
    pub group: String,
    /// The part of the group's participants who voted for it.
    pub share: f64,
    /// `high`, `middle` or `low`.
    pub band: String,
}

/// An element with its priorities.
#[derive(Debug, Serialize)]
pub struct Element {
    /// The card.
    #[serde(flatten)]
    pub card: Card,
    /// By service group.
    pub by_group: Vec<GroupShare>,
}

/// A recommendation.
#[derive(Debug, Serialize)]
pub struct Recommendation {
    /// Id.
    pub id: i64,
    /// Its words.
    pub text: String,
    /// `team`, `service` or `partnership`.
    pub level: String,
    /// Votes.
    pub votes: usize,
    /// Rank from 1.
    pub rank: usize,
    /// What it rests on: "Asset: …", "Barrier: …".
    pub rests_on: Vec<String>,
    /// Leaders' answers (once published).
    pub answers: Vec<Answer>,
}

/// A leader's answer.
#[derive(Debug, Serialize)]
pub struct Answer {
    /// The leader.
    pub leader: String,
    /// `accepted`, `in-progress` or `not-now`.
    pub answer: String,
    /// What is being done, or why not now.
    pub reason: String,
    /// When (Unix seconds).
    pub answered_at: i64,
}

/// Tests of change, counted only.
#[derive(Debug, Serialize)]
pub struct Tests {
    /// Planned.
    pub planned: usize,
    /// With at least one log entry.
    pub with_log: usize,
}

/// A whole series.
#[derive(Debug, Serialize)]
pub struct SeriesDetail {
    /// Id, title and dates.
    #[serde(flatten)]
    pub summary: SeriesSummary,
    /// Service groups shown, with their participants.
    pub groups: Vec<(String, usize)>,
    /// The core elements, most votes first.
    pub elements: Vec<Element>,
    /// Elements every service ranks high.
    pub connect: Vec<i64>,
    /// Elements one service ranks high and another low: (element, high groups, low groups).
    pub diverge: Vec<(i64, Vec<String>, Vec<String>)>,
    /// The assets map.
    pub assets: Vec<Card>,
    /// Barriers.
    pub barriers: Vec<Card>,
    /// Recommendations in priority order.
    pub recommendations: Vec<Recommendation>,
    /// When the recommendations were published (Unix seconds), if they have been.
    pub recommendations_published_at: Option<i64>,
    /// Tests of change, counted.
    pub tests: Tests,
}

async fn cards(state: &AppState, cohort_id: i64, board: &str) -> Result<Vec<Card>, ApiError> {
    let links = boards::links(&state.store, cohort_id).await?;
    let tests = |id: i64| links.iter().filter(|(i, kind, _)| *i == id && kind == "test").count();
    Ok(boards::standing(&state.store, cohort_id, board)
        .await?
        .into_iter()
        .map(|(i, votes)| Card { votes, tests: tests(i.id), id: i.id, text: i.body, kind: i.kind, cluster: i.cluster })
        .collect())
}

/// `GET /api/v1/series/{id}`.
pub async fn read(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<i64>,
) -> Result<Json<SeriesDetail>, ApiError> {
    let not_found =
        || ApiError::new(StatusCode::NOT_FOUND, "not_found", "no such series, or not one the caller can see");
    let cohort = visible(&state, &caller).await?.into_iter().find(|c| c.id == id).ok_or_else(not_found)?;
    let internal =
        |e: crate::error::AppError| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", e.to_string());
    let (p, groups, _) = priorities::of_cohort(&state, cohort.id).await.map_err(internal)?;
    let element_cards = cards(&state, cohort.id, boards::ELEMENTS).await?;
    let elements = p
        .elements
        .iter()
        .filter_map(|e| {
            let card = element_cards.iter().find(|c| c.id == e.id)?;
            Some(Element {
                card: Card {
                    id: card.id,
                    text: card.text.clone(),
                    kind: String::new(),
                    cluster: card.cluster.clone(),
                    votes: e.votes,
                    tests: 0,
                },
                by_group: e
                    .groups
                    .iter()
                    .map(|g| GroupShare {
                        group: g.group.label().to_owned(),
                        share: g.share,
                        band: g.band.label().to_owned(),
                    })
                    .collect(),
            })
        })
        .collect();
    let (published_at, ..) = boards::outputs(&state.store, cohort.id).await?;
    let recommendations = recommendations::of_cohort(&state, cohort.id, 0)
        .await
        .map_err(internal)?
        .into_iter()
        .map(|r| Recommendation {
            id: r.id,
            text: r.body,
            level: r.level,
            votes: r.votes,
            rank: r.rank,
            rests_on: r.rests_on.into_iter().map(|(k, t)| format!("{k}: {t}")).collect(),
            answers: if published_at.is_some() {
                r.answers
                    .into_iter()
                    .map(|a| Answer {
                        leader: a.leader_name,
                        answer: a.answer,
                        reason: a.reason,
                        answered_at: a.answered_at,
                    })
                    .collect()
            } else {
                vec![]
            },
        })
        .collect();
    let all_tests = series::tests_in(&state.store, cohort.id).await?;
    let with_log = series::log_counts(&state.store, cohort.id).await?.len();
    Ok(Json(SeriesDetail {
        summary: summary(&state, &cohort).await?,
        groups: groups.groups().iter().map(|(g, n)| (g.label().to_owned(), *n)).collect(),
        elements,
        connect: p.connect.clone(),
        diverge: p.diverge.iter().map(|d| (d.id, labels(&d.high), labels(&d.low))).collect(),
        assets: cards(&state, cohort.id, boards::ASSETS).await?,
        barriers: cards(&state, cohort.id, boards::BARRIERS).await?,
        recommendations,
        recommendations_published_at: published_at,
        tests: Tests { planned: all_tests.len(), with_log },
    }))
}
