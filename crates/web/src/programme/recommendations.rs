//! Recommendations (workshop three): the group drafts them, each resting on the assets or
//! barriers it comes from, for a team, a service or the partnership, and votes on their priority.
//! The facilitator edits and publishes them; the cohort's managers, as the named leaders, then
//! answer each ("you said, we did": accepted, in progress, or not now with a reason), and the
//! participants see the answers.

use crate::auth::Visitor;
use crate::error::AppError;
use crate::pages::{PageForm, render};
use crate::programme::boards::VoteForm;
use crate::programme::{AsContributor, AsFacilitator, InCohort};
use crate::state::AppState;
use crate::views::{Frame, sentence, when};
use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use recordwell_store::boards::{self, Item, LeaderAnswer, NewItem};
use recordwell_store::cohorts::CohortRole;
use recordwell_workshops::assets::{Answer, Level, check_answer, check_recommendation};
use recordwell_workshops::votes::{Ballot, in_priority_order};
use serde::Deserialize;
use std::collections::HashMap;

/// The routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/cohorts/{cohort}/recommendations", get(page).post(draft))
        .route("/cohorts/{cohort}/recommendations/publish", post(publish))
        .route("/cohorts/{cohort}/recommendations/{item}/vote", post(vote))
        .route("/cohorts/{cohort}/recommendations/{item}/edit", post(edit))
        .route("/cohorts/{cohort}/recommendations/{item}/answer", post(answer))
}

/// A recommendation as the page shows it.
pub struct Recommendation {
    /// Id.
    pub id: i64,
    /// Its words.
    pub body: String,
    /// Its level's key.
    pub level: String,
    /// Votes, and rank from 1.
    pub votes: usize,
    /// Rank.
    pub rank: usize,
    /// The assets and barriers it rests on: (board, words).
    pub rests_on: Vec<(String, String)>,
    /// Leaders' answers.
    pub answers: Vec<LeaderAnswer>,
    /// Whether the person asking has voted for it.
    pub voted: bool,
}

/// Everything about a series' recommendations: in priority order, with what each rests on and
/// the leaders' answers. `me` decides `voted`.
pub async fn of_cohort(state: &AppState, cohort_id: i64, me: i64) -> Result<Vec<Recommendation>, AppError> {
    let items: Vec<Item> = boards::items(&state.store, cohort_id, boards::RECOMMENDATIONS)
        .await?
        .into_iter()
        .filter(|i| i.hidden == 0)
        .collect();
    let mut found: HashMap<i64, Item> = HashMap::new();
    for board in [boards::ASSETS, boards::BARRIERS] {
        found.extend(boards::items(&state.store, cohort_id, board).await?.into_iter().map(|i| (i.id, i)));
    }
    let links = boards::links(&state.store, cohort_id).await?;
    let answers = boards::answers(&state.store, cohort_id).await?;
    let ballot = Ballot::new(None, boards::votes(&state.store, cohort_id, boards::RECOMMENDATIONS).await?);
    let ranked = in_priority_order(&items.iter().map(|i| i.id).collect::<Vec<_>>(), &ballot.tally());
    Ok(ranked
        .into_iter()
        .filter_map(|r| {
            let item = items.iter().find(|i| i.id == r.id)?;
            let rests_on = links
                .iter()
                .filter(|(i, kind, _)| *i == item.id && kind == "item")
                .filter_map(|(_, _, t)| found.get(t))
                .map(|t| (if t.board == boards::ASSETS { "Asset" } else { "Barrier" }.to_owned(), t.body.clone()))
                .collect();
            Some(Recommendation {
                id: item.id,
                body: item.body.clone(),
                level: item.kind.clone(),
                votes: r.votes,
                rank: r.rank,
                rests_on,
                answers: answers.iter().filter(|a| a.item_id == Some(item.id)).cloned().collect(),
                voted: ballot.votes().any(|(p, i)| p == me && i == item.id),
            })
        })
        .collect())
}

#[derive(Template)]
#[template(path = "series_recommendations.html")]
struct RecommendationsPage {
    frame: Frame,
    cohort_id: i64,
    cohort_title: String,
    role: &'static str,
    recommendations: Vec<Recommendation>,
    /// Assets and barriers to rest a draft on: (id, board label, words).
    foundations: Vec<(i64, &'static str, String)>,
    levels: Vec<(&'static str, &'static str)>,
    answers: Vec<(&'static str, &'static str)>,
    published: Option<String>,
    error: Option<String>,
}

async fn page(State(state): State<AppState>, visitor: Visitor, ic: InCohort) -> Result<Response, AppError> {
    show(&state, &visitor, &ic, None).await
}

async fn show(state: &AppState, visitor: &Visitor, ic: &InCohort, error: Option<String>) -> Result<Response, AppError> {
    ic.series()?;
    let (published_at, ..) = boards::outputs(&state.store, ic.cohort.id).await?;
    // Leaders answer what was published; participants read the answers then, too.
    let mut recommendations = of_cohort(state, ic.cohort.id, ic.who.user_id).await?;
    if published_at.is_none() {
        if ic.role == CohortRole::Manager {
            recommendations.clear();
        }
        for r in &mut recommendations {
            r.answers.clear();
        }
    }
    let mut foundations = vec![];
    for (board, label) in [(boards::ASSETS, "Asset"), (boards::BARRIERS, "Barrier")] {
        for i in boards::items(&state.store, ic.cohort.id, board).await?.into_iter().filter(|i| i.hidden == 0) {
            foundations.push((i.id, label, i.body));
        }
    }
    let page = RecommendationsPage {
        frame: Frame::new(visitor, "training"),
        cohort_id: ic.cohort.id,
        cohort_title: ic.cohort.title.clone(),
        role: ic.role.as_str(),
        recommendations,
        foundations,
        levels: Level::ALL.iter().map(|l| (l.key(), level_label(l.key()))).collect(),
        answers: Answer::ALL.iter().map(|a| (a.key(), a.label())).collect(),
        published: published_at.map(when),
        error: error.clone(),
    };
    let status = if error.is_some() { StatusCode::BAD_REQUEST } else { StatusCode::OK };
    Ok((status, render(&page)?).into_response())
}

/// A level as pages say it.
pub fn level_label(key: &str) -> &'static str {
    match key {
        "team" => "For a team",
        "service" => "For a service",
        "partnership" => "For the partnership",
        _ => "",
    }
}

async fn draft(
    State(state): State<AppState>,
    visitor: Visitor,
    AsContributor(ic): AsContributor,
    // As pairs: `rests_on` comes once for each asset or barrier ticked.
    PageForm(fields): PageForm<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    ic.series()?;
    let field = |name: &str| fields.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()).unwrap_or_default();
    let f = DraftForm {
        body: field("body"),
        level: field("level"),
        rests_on: fields.iter().filter(|(k, _)| k == "rests_on").filter_map(|(_, v)| v.parse().ok()).collect(),
    };
    let mut rests_on = vec![];
    for id in &f.rests_on {
        let item = boards::item(&state.store, ic.cohort.id, *id).await?;
        if item.is_some_and(|i| i.board == boards::ASSETS || i.board == boards::BARRIERS) {
            rests_on.push(*id);
        }
    }
    let problem = match (check_recommendation(&f.body, rests_on.len()), Level::parse(&f.level)) {
        (Err(e), _) => Some(sentence(&e.to_string())),
        (Ok(()), None) => Some("Choose who it is for: a team, a service or the partnership.".to_owned()),
        _ => None,
    };
    if problem.is_some() {
        return show(&state, &visitor, &ic, problem).await;
    }
    let item = NewItem {
        board: boards::RECOMMENDATIONS,
        body: f.body.trim(),
        kind: &f.level,
        author_id: ic.who.user_id,
        show_author: false,
    };
    let id = boards::add(&state.store, ic.cohort.id, item).await?;
    for target in rests_on {
        boards::link(&state.store, id, "item", target).await?;
    }
    crate::audit::log(&state.store, &ic.who, "series.recommendation", "board-item", Some(id), f.level.clone()).await?;
    Ok(Redirect::to(&format!("/cohorts/{}/recommendations#rec-{id}", ic.cohort.id)).into_response())
}

/// A draft, as the form sends it.
struct DraftForm {
    body: String,
    level: String,
    rests_on: Vec<i64>,
}

/// The recommendation in the path.
async fn recommendation(state: &AppState, ic: &InCohort, id: i64) -> Result<Item, AppError> {
    ic.series()?;
    boards::item(&state.store, ic.cohort.id, id)
        .await?
        .filter(|i| i.board == boards::RECOMMENDATIONS && i.hidden == 0)
        .ok_or(AppError::NotFound)
}

async fn vote(
    State(state): State<AppState>,
    AsContributor(ic): AsContributor,
    Path((_, item)): Path<(i64, i64)>,
    PageForm(f): PageForm<VoteForm>,
) -> Result<Response, AppError> {
    let item = recommendation(&state, &ic, item).await?;
    boards::set_vote(&state.store, item.id, ic.who.user_id, f.action == "vote").await?;
    Ok(Redirect::to(&format!("/cohorts/{}/recommendations#rec-{}", ic.cohort.id, item.id)).into_response())
}

/// The facilitator's edit.
#[derive(Deserialize)]
struct EditForm {
    body: String,
    level: String,
}

async fn edit(
    State(state): State<AppState>,
    visitor: Visitor,
    AsFacilitator(ic): AsFacilitator,
    Path((_, item)): Path<(i64, i64)>,
    PageForm(f): PageForm<EditForm>,
) -> Result<Response, AppError> {
    let item = recommendation(&state, &ic, item).await?;
    if let Err(e) = check_recommendation(&f.body, 1) {
        return show(&state, &visitor, &ic, Some(format!("Recommendation {}: {e}.", item.id))).await;
    }
    let Some(level) = Level::parse(&f.level) else {
        return show(&state, &visitor, &ic, Some("Choose who it is for.".into())).await;
    };
    boards::set_body(&state.store, ic.cohort.id, item.id, f.body.trim()).await?;
    boards::set_kind(&state.store, ic.cohort.id, item.id, level.key()).await?;
    crate::audit::log(&state.store, &ic.who, "series.recommendation-edit", "board-item", Some(item.id), "").await?;
    Ok(Redirect::to(&format!("/cohorts/{}/recommendations#rec-{}", ic.cohort.id, item.id)).into_response())
}

/// The publish form: `publish=1` publishes, anything else withdraws.
#[derive(Deserialize)]
struct PublishForm {
    publish: String,
}

async fn publish(
    State(state): State<AppState>,
    AsFacilitator(ic): AsFacilitator,
    PageForm(f): PageForm<PublishForm>,
) -> Result<Response, AppError> {
    ic.series()?;
    let at = (f.publish == "1").then(recordwell_store::now);
    boards::set_recommendations_published(&state.store, ic.cohort.id, at).await?;
    let detail = if at.is_some() { "published" } else { "withdrawn" };
    crate::audit::log(&state.store, &ic.who, "series.publish", "cohort", Some(ic.cohort.id), detail).await?;
    Ok(Redirect::to(&format!("/cohorts/{}/recommendations", ic.cohort.id)).into_response())
}

/// A leader's answer.
#[derive(Deserialize)]
struct AnswerForm {
    answer: String,
    #[serde(default)]
    reason: String,
}

/// The cohort's managers are its named leaders: they answer published recommendations.
async fn answer(
    State(state): State<AppState>,
    visitor: Visitor,
    ic: InCohort,
    Path((_, item)): Path<(i64, i64)>,
    PageForm(f): PageForm<AnswerForm>,
) -> Result<Response, AppError> {
    if ic.role != CohortRole::Manager {
        return Err(AppError::Forbidden);
    }
    let item = recommendation(&state, &ic, item).await?;
    if boards::outputs(&state.store, ic.cohort.id).await?.0.is_none() {
        return Err(AppError::NotFound);
    }
    let Some(a) = Answer::parse(&f.answer) else {
        return show(&state, &visitor, &ic, Some("Choose accepted, in progress or not now.".into())).await;
    };
    if let Err(e) = check_answer(a, &f.reason) {
        return show(&state, &visitor, &ic, Some(sentence(e))).await;
    }
    if f.reason.chars().count() > 2_000 {
        return show(&state, &visitor, &ic, Some("Keep the reason under 2,000 characters.".into())).await;
    }
    boards::answer(&state.store, ic.cohort.id, Some(item.id), ic.who.user_id, a.key(), f.reason.trim()).await?;
    crate::audit::log(&state.store, &ic.who, "series.answer", "board-item", Some(item.id), a.key()).await?;
    Ok(Redirect::to(&format!("/cohorts/{}/recommendations#rec-{}", ic.cohort.id, item.id)).into_response())
}
