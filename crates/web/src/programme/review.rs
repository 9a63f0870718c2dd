//! Pair review. For each pair-review session the facilitator makes groups of the participants
//! (pairs, one three when the number is odd, optionally mixing services) and can move people by
//! hand. Each member reads the others' examples of the session's record type and answers two
//! questions. What a group says stays in the group: members see each other's answers, the
//! facilitator sees only who has finished, anyone else gets "not found".

use crate::auth::Visitor;
use crate::error::AppError;
use crate::pages::{PageForm, render};
use crate::programme::{AsFacilitator, AsReviewer, InCohort};
use crate::state::AppState;
use crate::views::{Frame, type_title};
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use recordwell_store::cohorts::{self, CohortPerson, CohortRole, CohortSession};
use recordwell_store::reviews::{self, Group};
use recordwell_store::{Store, examples};
use serde::Deserialize;
use std::collections::HashMap;

/// The routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/cohorts/{cohort}/sessions/{session}/review", get(page))
        .route("/cohorts/{cohort}/sessions/{session}/review/groups", post(generate))
        .route("/cohorts/{cohort}/sessions/{session}/review/move", post(move_person))
        .route("/cohorts/{cohort}/sessions/{session}/review/rebalance", post(rebalance))
        .route("/cohorts/{cohort}/sessions/{session}/review/answers", post(answer))
}

/// Splits people into pairs, with one three when the number is odd. With `mix`, each pair
/// takes people from the two services with most people still to place, so that colleagues from
/// different services read each other's work wherever the numbers allow.
pub fn make_groups(people: &[(i64, Option<String>)], mix: bool) -> Vec<Vec<i64>> {
    let order: Vec<i64> = if mix {
        let mut buckets: Vec<Vec<i64>> = vec![];
        let mut keys: Vec<Option<String>> = vec![];
        for (id, service) in people {
            match keys.iter().position(|k| k == service) {
                Some(i) => buckets[i].push(*id),
                None => {
                    keys.push(service.clone());
                    buckets.push(vec![*id]);
                }
            }
        }
        let mut order = vec![];
        loop {
            buckets.sort_by_key(|b| std::cmp::Reverse(b.len()));
            let non_empty = buckets.iter().filter(|b| !b.is_empty()).count();
            if non_empty == 0 {
                break;
            }
            order.push(buckets[0].remove(0));
            if non_empty > 1 {
                order.push(buckets[1].remove(0));
            } else if !buckets[0].is_empty() {
                order.push(buckets[0].remove(0));
            }
        }
        order
    } else {
        people.iter().map(|(id, _)| *id).collect()
    };
    let mut groups: Vec<Vec<i64>> = order.chunks(2).map(<[i64]>::to_vec).collect();
    if groups.len() > 1 && groups.last().is_some_and(|g| g.len() == 1) {
        let lone = groups.pop().unwrap_or_default();
        if let Some(last) = groups.last_mut() {
            last.extend(lone);
        }
    }
    groups
}

/// The cohort's participants who are taking part (joined, not left), with their service.
fn active(people: &[CohortPerson]) -> Vec<(i64, Option<String>)> {
    people
        .iter()
        .filter(|p| p.role == CohortRole::Participant && p.status != "left")
        .map(|p| (p.user_id, p.service.clone()))
        .collect()
}

/// After someone leaves (or joins): takes people who are no longer active out of the groups,
/// drops empty groups, puts anyone left alone into the smallest other group, and adds active
/// participants who are in no group to the smallest group. Readings already made stay.
pub async fn rebalance_session(store: &Store, session_id: i64, people: &[CohortPerson]) -> Result<(), AppError> {
    let active: Vec<i64> = active(people).into_iter().map(|(id, _)| id).collect();
    for g in reviews::groups(store, session_id).await? {
        for m in g.members.iter().filter(|m| !active.contains(m)) {
            reviews::remove_member(store, session_id, *m).await?;
        }
    }
    reviews::drop_empty(store, session_id).await?;
    loop {
        let groups = reviews::groups(store, session_id).await?;
        if groups.len() < 2 {
            break;
        }
        let Some(lone) = groups.iter().find(|g| g.members.len() == 1) else { break };
        let Some(target) = groups.iter().filter(|g| g.id != lone.id).min_by_key(|g| (g.members.len(), g.number)) else {
            break;
        };
        reviews::move_member(store, session_id, lone.members[0], target.id).await?;
        reviews::drop_empty(store, session_id).await?;
    }
    let groups = reviews::groups(store, session_id).await?;
    let placed: Vec<i64> = groups.iter().flat_map(|g| g.members.iter().copied()).collect();
    for id in active.iter().filter(|id| !placed.contains(id)) {
        let groups = reviews::groups(store, session_id).await?;
        if let Some(target) = groups.iter().min_by_key(|g| (g.members.len(), g.number)) {
            reviews::move_member(store, session_id, *id, target.id).await?;
        }
    }
    Ok(())
}

/// Rebalances every pair-review session of a cohort that has groups.
pub async fn rebalance_cohort(state: &AppState, cohort_id: i64) -> Result<(), AppError> {
    let people = cohorts::people(&state.store, cohort_id).await?;
    for s in cohorts::sessions(&state.store, cohort_id).await? {
        if s.kind == "pair-review" {
            rebalance_session(&state.store, s.id, &people).await?;
        }
    }
    Ok(())
}

/// A group as the facilitator sees it: names and progress, never what anyone wrote.
pub struct GroupStatus {
    /// Group id.
    pub id: i64,
    /// Number.
    pub number: i64,
    /// (user id, name, service, readings finished, readings to do).
    pub members: Vec<(i64, String, String, i64, i64)>,
}

impl GroupStatus {
    /// Whether everyone in the group has finished.
    pub fn all_finished(&self) -> bool {
        self.members.iter().all(|m| m.4 > 0 && m.3 >= m.4)
    }
}

/// The groups of a session with who has finished (for the facilitator and the day view).
pub async fn group_status(
    store: &Store,
    cohort_id: i64,
    session: &CohortSession,
    people: &[CohortPerson],
) -> Result<Vec<GroupStatus>, AppError> {
    let record_type = session.record_type.clone().unwrap_or_default();
    let with_example: Vec<i64> = examples::submitted(store, cohort_id)
        .await?
        .into_iter()
        .filter(|(_, t)| *t == record_type)
        .map(|(user, _)| user)
        .collect();
    let finished = reviews::finished_counts(store, session.id).await?;
    let names: HashMap<i64, &CohortPerson> = people.iter().map(|p| (p.user_id, p)).collect();
    Ok(reviews::groups(store, session.id)
        .await?
        .into_iter()
        .map(|g| {
            let members = g
                .members
                .iter()
                .map(|m| {
                    let done = finished.iter().find(|f| f.0 == g.id && f.1 == *m).map_or(0, |f| f.2);
                    let to_do = g.members.iter().filter(|o| *o != m && with_example.contains(o)).count() as i64;
                    let p = names.get(m);
                    let name = p.map_or_else(|| "Someone who left".to_owned(), |p| p.name.clone());
                    let service = p.and_then(|p| p.service.clone()).unwrap_or_default();
                    (*m, name, service, done, to_do)
                })
                .collect();
            GroupStatus { id: g.id, number: g.number, members }
        })
        .collect())
}

/// The session in the path: one of this cohort's pair-review sessions.
async fn pair_session(state: &AppState, ic: &InCohort, session: i64) -> Result<CohortSession, AppError> {
    cohorts::sessions(&state.store, ic.cohort.id)
        .await?
        .into_iter()
        .find(|s| s.id == session && s.kind == "pair-review")
        .ok_or(AppError::NotFound)
}

/// One example for a member to read, with their answer and the group's.
struct ToRead {
    example_id: i64,
    author: String,
    body: String,
    mine: (String, String, bool),
    others: Vec<(String, String, String, bool)>,
}

#[derive(Template)]
#[template(path = "programme_review.html")]
struct Page {
    frame: Frame,
    cohort_id: i64,
    cohort_title: String,
    session: CohortSession,
    type_label: &'static str,
    is_facilitator: bool,
    groups: Vec<GroupStatus>,
    in_group: Option<i64>,
    partners: Vec<String>,
    to_read: Vec<ToRead>,
    my_example_read_by: Vec<(String, String, String, bool)>,
    error: Option<String>,
    /// The example whose answers were just saved (`?saved=`), to confirm it beside the form.
    saved: Option<i64>,
}

impl Page {
    /// Whether this example's answers were the ones just saved.
    fn just_saved(&self, example_id: &i64) -> bool {
        self.saved == Some(*example_id)
    }
}

async fn show(
    state: &AppState,
    visitor: &Visitor,
    ic: &InCohort,
    session: CohortSession,
    error: Option<String>,
    saved: Option<i64>,
) -> Result<Response, AppError> {
    let people = cohorts::people(&state.store, ic.cohort.id).await?;
    let is_facilitator = ic.role == CohortRole::Facilitator;
    let mut page = Page {
        frame: Frame::new(visitor, "training"),
        cohort_id: ic.cohort.id,
        cohort_title: ic.cohort.title.clone(),
        type_label: type_title(session.record_type.as_deref().unwrap_or_default()),
        is_facilitator,
        groups: vec![],
        in_group: None,
        partners: vec![],
        to_read: vec![],
        my_example_read_by: vec![],
        error,
        saved,
        session,
    };
    if is_facilitator {
        page.groups = group_status(&state.store, ic.cohort.id, &page.session, &people).await?;
        return render(&page);
    }
    let groups = reviews::groups(&state.store, page.session.id).await?;
    if let Some(g) = groups.iter().find(|g| g.members.contains(&ic.who.user_id)) {
        fill_member_view(state, ic, g, &people, &mut page).await?;
    }
    render(&page)
}

/// What a group member sees: the others' examples, their own answers and the group's.
async fn fill_member_view(
    state: &AppState,
    ic: &InCohort,
    g: &Group,
    people: &[CohortPerson],
    page: &mut Page,
) -> Result<(), AppError> {
    let name =
        |id: i64| people.iter().find(|p| p.user_id == id).map_or("Someone who left".to_owned(), |p| p.name.clone());
    let record_type = page.session.record_type.clone().unwrap_or_default();
    let all = examples::for_cohort(&state.store, ic.cohort.id).await?;
    let answers = reviews::in_group(&state.store, g.id).await?;
    page.in_group = Some(g.number);
    page.partners = g.members.iter().filter(|m| **m != ic.who.user_id).map(|m| name(*m)).collect();
    for e in all.iter().filter(|e| e.record_type == record_type && g.members.contains(&e.user_id)) {
        let on_it: Vec<_> = answers.iter().filter(|a| a.example_id == e.id).collect();
        if e.user_id == ic.who.user_id {
            page.my_example_read_by = on_it
                .iter()
                .map(|a| (name(a.reviewer_id), a.as_colleague.clone(), a.as_family.clone(), a.finished_at.is_some()))
                .collect();
            continue;
        }
        let mine =
            on_it.iter().find(|a| a.reviewer_id == ic.who.user_id).map_or((String::new(), String::new(), false), |a| {
                (a.as_colleague.clone(), a.as_family.clone(), a.finished_at.is_some())
            });
        let others = on_it
            .iter()
            .filter(|a| a.reviewer_id != ic.who.user_id)
            .map(|a| (name(a.reviewer_id), a.as_colleague.clone(), a.as_family.clone(), a.finished_at.is_some()))
            .collect();
        page.to_read.push(ToRead { example_id: e.id, author: name(e.user_id), body: e.body.clone(), mine, others });
    }
    Ok(())
}

/// `GET /cohorts/{cohort}/sessions/{session}/review`.
async fn page(
    State(state): State<AppState>,
    visitor: Visitor,
    ic: InCohort,
    Path((_, session)): Path<(i64, i64)>,
    Query(q): Query<SavedQuery>,
) -> Result<Response, AppError> {
    if ic.role == CohortRole::Manager {
        return Err(AppError::NotFound);
    }
    let session = pair_session(&state, &ic, session).await?;
    show(&state, &visitor, &ic, session, None, q.saved).await
}

/// `?saved=` after answers were saved.
#[derive(Deserialize)]
struct SavedQuery {
    saved: Option<i64>,
}

/// The generate form.
#[derive(Deserialize)]
struct GenerateForm {
    #[serde(default)]
    mix: Option<String>,
}

/// `POST …/review/groups`: (re)makes the groups. Making them again clears the session's readings.
async fn generate(
    State(state): State<AppState>,
    visitor: Visitor,
    AsFacilitator(ic): AsFacilitator,
    Path((_, session)): Path<(i64, i64)>,
    PageForm(f): PageForm<GenerateForm>,
) -> Result<Response, AppError> {
    let session = pair_session(&state, &ic, session).await?;
    let people = active(&cohorts::people(&state.store, ic.cohort.id).await?);
    if people.len() < 2 {
        let e = "Groups need at least two participants who have joined.".to_owned();
        return show(&state, &visitor, &ic, session, Some(e), None).await;
    }
    let groups = make_groups(&people, f.mix.is_some());
    reviews::replace_groups(&state.store, session.id, &groups).await?;
    crate::audit::log(&state.store, &ic.who, "review.groups", "cohort", Some(ic.cohort.id), "").await?;
    Ok(Redirect::to(&format!("/cohorts/{}/sessions/{}/review", ic.cohort.id, session.id)).into_response())
}

/// The move form.
#[derive(Deserialize)]
struct MoveForm {
    user: i64,
    group: i64,
}

/// `POST …/review/move`: moves a participant into another group.
async fn move_person(
    State(state): State<AppState>,
    visitor: Visitor,
    AsFacilitator(ic): AsFacilitator,
    Path((_, session)): Path<(i64, i64)>,
    PageForm(f): PageForm<MoveForm>,
) -> Result<Response, AppError> {
    let session = pair_session(&state, &ic, session).await?;
    let people = cohorts::people(&state.store, ic.cohort.id).await?;
    if !active(&people).iter().any(|(id, _)| *id == f.user)
        || !reviews::move_member(&state.store, session.id, f.user, f.group).await?
    {
        return show(&state, &visitor, &ic, session, Some("Choose a participant and a group.".into()), None).await;
    }
    reviews::drop_empty(&state.store, session.id).await?;
    Ok(Redirect::to(&format!("/cohorts/{}/sessions/{}/review", ic.cohort.id, session.id)).into_response())
}

/// `POST …/review/rebalance`.
async fn rebalance(
    State(state): State<AppState>,
    ic: InCohort,
    Path((_, session)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    ic.facilitator()?;
    let session = pair_session(&state, &ic, session).await?;
    let people = cohorts::people(&state.store, ic.cohort.id).await?;
    rebalance_session(&state.store, session.id, &people).await?;
    Ok(Redirect::to(&format!("/cohorts/{}/sessions/{}/review", ic.cohort.id, session.id)).into_response())
}

/// A member's answers about one example.
#[derive(Deserialize)]
struct AnswerForm {
    example_id: i64,
    as_colleague: String,
    as_family: String,
    #[serde(default)]
    finished: Option<String>,
}

/// `POST …/review/answers`: saves a member's reading of another member's example.
async fn answer(
    State(state): State<AppState>,
    AsReviewer(ic): AsReviewer,
    Path((_, session)): Path<(i64, i64)>,
    PageForm(f): PageForm<AnswerForm>,
) -> Result<Response, AppError> {
    let session = pair_session(&state, &ic, session).await?;
    let groups = reviews::groups(&state.store, session.id).await?;
    let g = groups.iter().find(|g| g.members.contains(&ic.who.user_id)).ok_or(AppError::NotFound)?;
    let record_type = session.record_type.clone().unwrap_or_default();
    let example = examples::for_cohort(&state.store, ic.cohort.id)
        .await?
        .into_iter()
        .find(|e| e.id == f.example_id && e.record_type == record_type)
        .filter(|e| e.user_id != ic.who.user_id && g.members.contains(&e.user_id))
        .ok_or(AppError::NotFound)?;
    if f.as_colleague.len() > 10_000 || f.as_family.len() > 10_000 {
        return Err(AppError::BadRequest("Keep each answer under 10,000 characters.".into()));
    }
    reviews::save(
        &state.store,
        g.id,
        ic.who.user_id,
        example.id,
        f.as_colleague.trim(),
        f.as_family.trim(),
        f.finished.is_some(),
    )
    .await?;
    Ok(Redirect::to(&format!(
        "/cohorts/{}/sessions/{}/review?saved={}#example-{}",
        ic.cohort.id, session.id, example.id, example.id
    ))
    .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn people(services: &[&str]) -> Vec<(i64, Option<String>)> {
        services.iter().enumerate().map(|(i, s)| (i as i64 + 1, Some((*s).to_owned()))).collect()
    }

    #[test]
    fn pairs_with_one_three_when_odd() {
        let g = make_groups(&people(&["a", "a", "a", "a", "a"]), false);
        let mut sizes: Vec<usize> = g.iter().map(Vec::len).collect();
        sizes.sort();
        assert_eq!(sizes, vec![2, 3]);
        assert_eq!(make_groups(&people(&["a", "a", "a", "a"]), false).len(), 2);
    }

    #[test]
    fn mixing_pairs_people_from_different_services() {
        let p = people(&["a", "a", "b", "b"]);
        for g in make_groups(&p, true) {
            let services: Vec<_> = g.iter().map(|id| &p[(*id - 1) as usize].1).collect();
            assert_ne!(services[0], services[1]);
        }
    }
}
