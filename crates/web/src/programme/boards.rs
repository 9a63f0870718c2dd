//! The boards of a workshop series, which everyone in the room builds together: the core
//! elements of case recording (workshop one), assets and barriers (workshops two and three).
//! Participants and facilitators add cards (named beside them only if they choose), group them
//! into clusters and vote, one vote per person per card; the facilitator can hide a card.
//! The page brings its cards up to date every 20 seconds (`static/live.js`), and reads well on a
//! projector.

use crate::auth::Visitor;
use crate::error::AppError;
use crate::pages::{PageForm, render};
use crate::programme::{AsContributor, AsFacilitator, InCohort};
use crate::state::AppState;
use crate::views::Frame;
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use recordwell_store::boards::{self, Item, NewItem};
use recordwell_store::cohorts::{self, CohortRole};
use recordwell_workshops::assets::{AssetKind, MAX_TEXT};
use recordwell_workshops::votes::{Ballot, in_priority_order};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};

/// The routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/cohorts/{cohort}/boards/{board}", get(page))
        .route("/cohorts/{cohort}/boards/{board}/items", post(add))
        .route("/cohorts/{cohort}/boards/{board}/items/{item}/vote", post(vote))
        .route("/cohorts/{cohort}/boards/{board}/items/{item}/cluster", post(cluster))
        .route("/cohorts/{cohort}/boards/{board}/items/{item}/hidden", post(hide))
        .route("/cohorts/{cohort}/boards/{board}/items/{item}/tests", post(link_test))
}

/// A board people can open, with what its page says.
struct BoardInfo {
    key: &'static str,
    title: &'static str,
    intro: &'static str,
    card: &'static str,
    /// Whether each card has a kind (assets: personal, cultural, structural).
    kinds: bool,
}

const BOARDS: [BoardInfo; 3] = [
    BoardInfo {
        key: boards::ELEMENTS,
        title: "Core elements of case recording",
        intro: "What makes a good case record? Add each element as a card: one idea a card. Then group \
                similar cards under a shared name, and vote for the elements that matter most.",
        card: "An element of good recording",
        kinds: false,
    },
    BoardInfo {
        key: boards::ASSETS,
        title: "Assets map",
        intro: "What supports meaningful recording? Add each asset as a card and say whether it is \
                personal, cultural or structural. Then vote for the assets that matter most.",
        card: "An asset that supports recording",
        kinds: true,
    },
    BoardInfo {
        key: boards::BARRIERS,
        title: "Barriers",
        intro: "What gets in the way of meaningful recording? Add each barrier as a card, beside the assets map.",
        card: "A barrier",
        kinds: false,
    },
];

fn board_info(key: &str) -> Result<&'static BoardInfo, AppError> {
    BOARDS.iter().find(|b| b.key == key).ok_or(AppError::NotFound)
}

/// A card as the page shows it.
struct Card {
    id: i64,
    body: String,
    kind_label: &'static str,
    author: Option<String>,
    votes: usize,
    rank: usize,
    mine: bool,
    voted: bool,
    hidden: bool,
    /// Assets: how many tests of change show it.
    tests: usize,
}

#[derive(Template)]
#[template(path = "series_board.html")]
struct BoardPage {
    frame: Frame,
    cohort_id: i64,
    cohort_title: String,
    board: &'static str,
    title: &'static str,
    intro: &'static str,
    card_label: &'static str,
    kinds: Vec<(&'static str, &'static str, &'static str)>,
    /// Clusters in name order ("" first: cards not clustered yet), with their cards by priority.
    clusters: Vec<(String, Vec<Card>)>,
    cluster_names: Vec<String>,
    may_moderate: bool,
    people_voted: usize,
    error: Option<String>,
    /// Large cards and no forms, for the room's screen.
    projector: bool,
    /// Assets: the tests this person may link a card to (their own, and those shared): (id, label).
    linkable: Vec<(i64, String)>,
}

/// `?view=projector`.
#[derive(Deserialize, Default)]
struct ViewQuery {
    #[serde(default)]
    view: String,
}

async fn page(
    State(state): State<AppState>,
    visitor: Visitor,
    AsContributor(ic): AsContributor,
    Path((_, board)): Path<(i64, String)>,
    Query(q): Query<ViewQuery>,
) -> Result<Response, AppError> {
    ic.series()?;
    show(&state, &visitor, &ic, board_info(&board)?, View { error: None, projector: q.view == "projector" }).await
}

/// How the page is shown.
struct View {
    error: Option<String>,
    projector: bool,
}

async fn show(
    state: &AppState,
    visitor: &Visitor,
    ic: &InCohort,
    info: &'static BoardInfo,
    view: View,
) -> Result<Response, AppError> {
    let may_moderate = ic.role == CohortRole::Facilitator;
    let items: Vec<Item> = boards::items(&state.store, ic.cohort.id, info.key)
        .await?
        .into_iter()
        .filter(|i| i.hidden == 0 || may_moderate)
        .collect();
    let ballot = Ballot::new(None, boards::votes(&state.store, ic.cohort.id, info.key).await?);
    let tally = ballot.tally();
    let ranked = in_priority_order(&items.iter().map(|i| i.id).collect::<Vec<_>>(), &tally);
    let names: HashMap<i64, String> =
        cohorts::people(&state.store, ic.cohort.id).await?.into_iter().map(|p| (p.user_id, p.name)).collect();
    let me = ic.who.user_id;
    let links = boards::links(&state.store, ic.cohort.id).await?;
    let linkable = if info.kinds { linkable_tests(state, ic).await? } else { vec![] };
    let mut clusters: BTreeMap<String, Vec<Card>> = BTreeMap::new();
    for r in &ranked {
        let Some(item) = items.iter().find(|i| i.id == r.id) else { continue };
        let card = Card {
            id: item.id,
            body: item.body.clone(),
            kind_label: AssetKind::parse(&item.kind).map_or("", |k| k.key()),
            author: (item.show_author == 1).then(|| item.author_id.and_then(|a| names.get(&a).cloned())).flatten(),
            votes: r.votes,
            rank: r.rank,
            mine: item.author_id == Some(me),
            voted: ballot.votes().any(|(p, i)| p == me && i == item.id),
            hidden: item.hidden == 1,
            tests: links.iter().filter(|(i, kind, _)| *i == item.id && kind == "test").count(),
        };
        clusters.entry(item.cluster.clone()).or_default().push(card);
    }
    let cluster_names = clusters.keys().filter(|c| !c.is_empty()).cloned().collect();
    let people_voted = {
        let mut voters: Vec<i64> = ballot.votes().map(|(p, _)| p).collect();
        voters.dedup();
        voters.len()
    };
    render(&BoardPage {
        frame: Frame::new(visitor, "training"),
        cohort_id: ic.cohort.id,
        cohort_title: ic.cohort.title.clone(),
        board: info.key,
        title: info.title,
        intro: info.intro,
        card_label: info.card,
        kinds: if info.kinds { AssetKind::ALL.iter().map(|k| (k.key(), k.key(), k.hint())).collect() } else { vec![] },
        clusters: clusters.into_iter().collect(),
        cluster_names,
        may_moderate,
        people_voted,
        error: view.error,
        projector: view.projector,
        linkable,
    })
}

/// The new-card form.
#[derive(Deserialize)]
struct CardForm {
    body: String,
    #[serde(default)]
    kind: String,
    /// Present when the author wants to be named beside the card.
    #[serde(default)]
    named: Option<String>,
}

async fn add(
    State(state): State<AppState>,
    visitor: Visitor,
    AsContributor(ic): AsContributor,
    Path((_, board)): Path<(i64, String)>,
    PageForm(f): PageForm<CardForm>,
) -> Result<Response, AppError> {
    ic.series()?;
    let info = board_info(&board)?;
    let body = f.body.trim();
    let problem = if body.is_empty() {
        Some("Write something on the card first.".to_owned())
    } else if body.chars().count() > MAX_TEXT {
        Some(format!("Keep a card under {MAX_TEXT} characters: one idea a card."))
    } else if info.kinds && AssetKind::parse(&f.kind).is_none() {
        Some("Choose whether the asset is personal, cultural or structural.".to_owned())
    } else {
        None
    };
    if let Some(e) = problem {
        return Ok((
            axum::http::StatusCode::BAD_REQUEST,
            show(&state, &visitor, &ic, info, View { error: Some(e), projector: false }).await?,
        )
            .into_response());
    }
    let item = NewItem {
        board: info.key,
        body,
        kind: if info.kinds { &f.kind } else { "" },
        author_id: ic.who.user_id,
        show_author: f.named.is_some(),
    };
    let id = boards::add(&state.store, ic.cohort.id, item).await?;
    crate::audit::log(&state.store, &ic.who, "board.add", "board-item", Some(id), info.key).await?;
    Ok(back_to(&ic, info))
}

fn back_to(ic: &InCohort, info: &BoardInfo) -> Response {
    Redirect::to(&format!("/cohorts/{}/boards/{}", ic.cohort.id, info.key)).into_response()
}

/// The card an action is about: on this board, in this cohort, and visible to the person.
async fn card(state: &AppState, ic: &InCohort, info: &BoardInfo, item: i64) -> Result<Item, AppError> {
    boards::item(&state.store, ic.cohort.id, item)
        .await?
        .filter(|i| i.board == info.key && (i.hidden == 0 || ic.role == CohortRole::Facilitator))
        .ok_or(AppError::NotFound)
}

/// The vote form of every board and of recommendations: `vote` to vote, anything else to take
/// the vote back.
#[derive(Deserialize)]
pub struct VoteForm {
    /// `vote` or `unvote`.
    pub action: String,
}

async fn vote(
    State(state): State<AppState>,
    AsContributor(ic): AsContributor,
    Path((_, board, item)): Path<(i64, String, i64)>,
    PageForm(f): PageForm<VoteForm>,
) -> Result<Response, AppError> {
    ic.series()?;
    let info = board_info(&board)?;
    let item = card(&state, &ic, info, item).await?;
    // One vote per person per card, kept by the database's key: a second vote changes nothing.
    boards::set_vote(&state.store, item.id, ic.who.user_id, f.action == "vote").await?;
    Ok(Redirect::to(&format!("/cohorts/{}/boards/{}#card-{}", ic.cohort.id, info.key, item.id)).into_response())
}

/// The cluster form.
#[derive(Deserialize)]
struct ClusterForm {
    #[serde(default)]
    cluster: String,
}

/// Anyone contributing may group a card: clustering is done together, in the room.
async fn cluster(
    State(state): State<AppState>,
    AsContributor(ic): AsContributor,
    Path((_, board, item)): Path<(i64, String, i64)>,
    PageForm(f): PageForm<ClusterForm>,
) -> Result<Response, AppError> {
    ic.series()?;
    let info = board_info(&board)?;
    let item = card(&state, &ic, info, item).await?;
    let name: String = f.cluster.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.chars().count() > 100 {
        return Err(AppError::BadRequest("Keep a cluster's name under 100 characters.".into()));
    }
    boards::set_cluster(&state.store, ic.cohort.id, item.id, &name).await?;
    Ok(back_to(&ic, info))
}

/// The tests of change a person may link an asset to: their own, and those shared with the group.
async fn linkable_tests(state: &AppState, ic: &InCohort) -> Result<Vec<(i64, String)>, AppError> {
    Ok(recordwell_store::series::tests_in(&state.store, ic.cohort.id)
        .await?
        .into_iter()
        .filter(|t| t.user_id == ic.who.user_id || t.shared == 1)
        .map(|t| {
            let whose =
                if t.user_id == ic.who.user_id { format!("Your test {}", t.round) } else { "A shared test".to_owned() };
            let change: String = t.change_text.chars().take(80).collect();
            (t.id, format!("{whose}: {change}"))
        })
        .collect())
}

/// The link form.
#[derive(Deserialize)]
struct LinkForm {
    test: i64,
}

/// `POST …/items/{item}/tests`: an asset is shown by a test of change.
async fn link_test(
    State(state): State<AppState>,
    AsContributor(ic): AsContributor,
    Path((_, board, item)): Path<(i64, String, i64)>,
    PageForm(f): PageForm<LinkForm>,
) -> Result<Response, AppError> {
    ic.series()?;
    let info = board_info(&board)?;
    if !info.kinds {
        return Err(AppError::NotFound);
    }
    let item = card(&state, &ic, info, item).await?;
    if !linkable_tests(&state, &ic).await?.iter().any(|(id, _)| *id == f.test) {
        return Err(AppError::BadRequest("Choose one of your tests, or one shared with the group.".into()));
    }
    boards::link(&state.store, item.id, "test", f.test).await?;
    Ok(Redirect::to(&format!("/cohorts/{}/boards/{}#card-{}", ic.cohort.id, info.key, item.id)).into_response())
}

/// The hide form.
#[derive(Deserialize)]
struct HideForm {
    hidden: String,
}

async fn hide(
    State(state): State<AppState>,
    AsFacilitator(ic): AsFacilitator,
    Path((_, board, item)): Path<(i64, String, i64)>,
    PageForm(f): PageForm<HideForm>,
) -> Result<Response, AppError> {
    ic.series()?;
    let info = board_info(&board)?;
    let item = card(&state, &ic, info, item).await?;
    boards::set_hidden(&state.store, ic.cohort.id, item.id, f.hidden == "1").await?;
    crate::audit::log(&state.store, &ic.who, "board.hide", "board-item", Some(item.id), &f.hidden).await?;
    Ok(back_to(&ic, info))
}
