//! Priorities across services: how each service prioritised the core elements of recording, and
//! where services connect (an element every service ranks high) and diverge (one ranks it high,
//! another low), as a chart and a table. Services with fewer than three participants are shown
//! together as "Other services" (see `recordwell_workshops::disclosure`); votes by facilitators
//! count in the totals only.

use crate::auth::Visitor;
use crate::error::AppError;
use crate::export::svg::GroupedBars;
use crate::pages::render;
use crate::programme::InCohort;
use crate::state::AppState;
use crate::views::Frame;
use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::get;
use recordwell_store::boards;
use recordwell_store::cohorts::{self, CohortRole};
use recordwell_workshops::disclosure::{ServiceGroups, labels};
use recordwell_workshops::priorities::{Priorities, priorities};
use std::collections::HashMap;

/// The routes.
pub fn routes() -> Router<AppState> {
    Router::new().route("/cohorts/{cohort}/priorities", get(page))
}

/// The priorities of a series' elements board, by the participants' services.
pub async fn of_cohort(
    state: &AppState,
    cohort_id: i64,
) -> Result<(Priorities, ServiceGroups, HashMap<i64, String>), AppError> {
    let people = cohorts::people(&state.store, cohort_id).await?;
    let groups = ServiceGroups::new(
        people
            .iter()
            .filter(|p| p.role == CohortRole::Participant && p.status != "left")
            .map(|p| (p.user_id, p.service.as_deref())),
    );
    let items: Vec<_> =
        boards::items(&state.store, cohort_id, boards::ELEMENTS).await?.into_iter().filter(|i| i.hidden == 0).collect();
    let ids: Vec<i64> = items.iter().map(|i| i.id).collect();
    let votes = boards::votes(&state.store, cohort_id, boards::ELEMENTS).await?;
    let texts = items.into_iter().map(|i| (i.id, i.body)).collect();
    Ok((priorities(&ids, &votes, &groups), groups, texts))
}

/// A row of the table.
struct Row {
    element: String,
    votes: usize,
    /// Per group shown: "67% (high)".
    cells: Vec<String>,
}

#[derive(Template)]
#[template(path = "series_priorities.html")]
struct PrioritiesPage {
    frame: Frame,
    cohort_id: i64,
    cohort_title: String,
    groups: Vec<(String, usize)>,
    rows: Vec<Row>,
    chart: String,
    connect: Vec<String>,
    diverge: Vec<(String, String, String)>,
    participants: usize,
}

async fn page(State(state): State<AppState>, visitor: Visitor, ic: InCohort) -> Result<Response, AppError> {
    ic.series()?;
    let (p, groups, texts) = of_cohort(&state, ic.cohort.id).await?;
    let text = |id: &i64| texts.get(id).cloned().unwrap_or_default();
    let shown: Vec<(String, usize)> = groups.groups().iter().map(|(g, n)| (g.label().to_owned(), *n)).collect();
    let rows =
        p.elements
            .iter()
            .map(|e| Row {
                element: text(&e.id),
                votes: e.votes,
                cells: shown
                    .iter()
                    .map(|(label, _)| {
                        e.groups.iter().find(|g| g.group.label() == label).map_or("no votes yet".to_owned(), |g| {
                            format!("{:.0}% ({})", g.share * 100.0, g.band.label())
                        })
                    })
                    .collect(),
            })
            .collect();
    let series: Vec<String> = shown.iter().map(|(l, _)| l.clone()).collect();
    let categories: Vec<(String, Vec<f64>)> = p
        .elements
        .iter()
        .take(10)
        .map(|e| {
            let values = series
                .iter()
                .map(|s| e.groups.iter().find(|g| g.group.label() == s).map_or(0.0, |g| g.share))
                .collect();
            (text(&e.id), values)
        })
        .collect();
    let chart = if categories.is_empty() || series.is_empty() {
        String::new()
    } else {
        GroupedBars {
            title: "Share of each service's participants who voted for each element",
            series: &series,
            categories: &categories,
        }
        .render()
    };
    render(&PrioritiesPage {
        frame: Frame::new(&visitor, "training"),
        cohort_id: ic.cohort.id,
        cohort_title: ic.cohort.title.clone(),
        groups: shown,
        rows,
        chart,
        connect: p.connect.iter().map(text).collect(),
        diverge: p
            .diverge
            .iter()
            .map(|d| (text(&d.id), labels(&d.high).join(", "), labels(&d.low).join(", ")))
            .collect(),
        participants: groups.people(),
    })
}
