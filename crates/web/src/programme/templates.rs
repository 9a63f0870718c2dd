//! Programme templates: the built-in two-day programme (copied into each organisation the first
//! time a facilitator opens the list, so they can edit it) and the organisation's own copies.

use crate::auth::Visitor;
use crate::error::AppError;
use crate::pages::{PageForm, render};
use crate::programme::Facilitating;
use crate::state::AppState;
use crate::views::Frame;
use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use recordwell_store::Store;
use recordwell_store::programmes::{self, SESSION_KINDS, SessionPlan, Template as Programme};
use recordwell_store::sessions::Session;
use serde::Deserialize;
use std::collections::HashMap;

/// The built-in programmes, as shipped: (kind, TOML).
const BUILTINS: [(&str, &str); 2] = [
    (programmes::TWO_DAY, include_str!("../../data/recording-in-social-work.toml")),
    (programmes::WORKSHOP_SERIES, include_str!("../../data/workshop-series.toml")),
];

/// The TOML file's shape.
#[derive(Debug, Deserialize)]
pub struct Builtin {
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
    /// Sessions in order.
    pub session: Vec<SessionPlan>,
}

/// The built-in programme of `kind`, parsed (the files are part of the binary, so a parse error
/// is a bug caught by the tests).
pub fn builtin_of(kind: &str) -> Builtin {
    let text = BUILTINS.iter().find(|(k, _)| *k == kind).map_or(BUILTINS[0].1, |(_, t)| t);
    toml::from_str(text).expect("the built-in programmes parse")
}

/// The built-in two-day programme.
pub fn builtin() -> Builtin {
    builtin_of(programmes::TWO_DAY)
}

/// The routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/programmes", get(list))
        .route("/programmes/{id}", get(show))
        .route("/programmes/{id}/copy", post(copy))
        .route("/programmes/{id}/sessions", post(edit_sessions))
}

/// Creates the organisation's copy of each built-in programme it does not have yet.
pub async fn ensure_builtin(store: &Store, org_id: i64, by: i64) -> Result<(), AppError> {
    let list = programmes::list(store, org_id).await?;
    for (kind, _) in BUILTINS {
        if list.iter().any(|t| t.builtin == 1 && t.kind == kind) {
            continue;
        }
        let b = builtin_of(kind);
        let new = programmes::NewTemplate {
            org_id,
            name: &b.name,
            description: &b.description,
            kind,
            builtin: true,
            by: Some(by),
        };
        match programmes::create(store, new, &b.session).await {
            // Someone else's first visit made it a moment ago: theirs is the one.
            Err(e) if e.is_unique_violation() => {}
            other => {
                other?;
            }
        }
    }
    Ok(())
}

#[derive(Template)]
#[template(path = "programme_templates.html")]
struct ListPage {
    frame: Frame,
    templates: Vec<Programme>,
}

/// `GET /programmes`.
async fn list(
    State(state): State<AppState>,
    visitor: Visitor,
    Facilitating(s): Facilitating,
) -> Result<Response, AppError> {
    ensure_builtin(&state.store, s.org_id, s.user_id).await?;
    let templates = programmes::list(&state.store, s.org_id).await?;
    render(&ListPage { frame: Frame::new(&visitor, "training"), templates })
}

/// One session row, ready to show.
struct Row {
    index: usize,
    /// Its place in its day, counted in tens so that a session can be put between two others.
    order: i64,
    plan: SessionPlan,
    kind_label: &'static str,
}

#[derive(Template)]
#[template(path = "programme_template.html")]
struct ShowPage {
    frame: Frame,
    template: Programme,
    rows: Vec<Row>,
    kinds: Vec<(&'static str, &'static str)>,
    total_minutes: i64,
    error: Option<String>,
}

fn kind_label(kind: &str) -> &'static str {
    SESSION_KINDS.iter().find(|(k, _)| *k == kind).map_or("Other", |(_, l)| l)
}

async fn show_page(
    state: &AppState,
    visitor: &Visitor,
    s: &Session,
    id: i64,
    error: Option<String>,
) -> Result<Response, AppError> {
    let template = programmes::get(&state.store, s.org_id, id).await?.ok_or(AppError::NotFound)?;
    let sessions = programmes::sessions(&state.store, id).await?;
    let total_minutes = sessions.iter().map(|p| p.minutes).sum();
    let orders = day_orders(&sessions);
    let rows = sessions
        .into_iter()
        .zip(orders)
        .enumerate()
        .map(|(index, (plan, order))| Row { index, order, kind_label: kind_label(&plan.kind), plan })
        .collect();
    let kinds = programmes::session_kinds(&template.kind);
    render(&ShowPage { frame: Frame::new(visitor, "training"), template, rows, kinds, total_minutes, error })
}

/// `GET /programmes/{id}`: sessions in order, with the edit form.
async fn show(
    State(state): State<AppState>,
    visitor: Visitor,
    Facilitating(s): Facilitating,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    show_page(&state, &visitor, &s, id, None).await
}

/// The copy form.
#[derive(Deserialize)]
struct CopyForm {
    name: String,
}

/// `POST /programmes/{id}/copy`: an editable copy under a new name.
async fn copy(
    State(state): State<AppState>,
    visitor: Visitor,
    Facilitating(s): Facilitating,
    Path(id): Path<i64>,
    PageForm(f): PageForm<CopyForm>,
) -> Result<Response, AppError> {
    let template = programmes::get(&state.store, s.org_id, id).await?.ok_or(AppError::NotFound)?;
    let name = f.name.trim();
    if name.is_empty() || name.len() > 200 {
        return show_page(&state, &visitor, &s, id, Some("Enter a name for the copy (up to 200 characters).".into()))
            .await;
    }
    let sessions = programmes::sessions(&state.store, id).await?;
    let new = programmes::NewTemplate {
        org_id: s.org_id,
        name,
        description: &template.description,
        kind: &template.kind,
        builtin: false,
        by: Some(s.user_id),
    };
    let new_id = programmes::create(&state.store, new, &sessions).await?;
    crate::audit::log(&state.store, &s, "programme.copy", "programme", Some(new_id), "").await?;
    Ok(Redirect::to(&format!("/programmes/{new_id}")).into_response())
}

/// The gap between sessions' order numbers on the edit form (10, 20, 30 …), so that 15 puts a
/// session between the first two.
const ORDER_STEP: i64 = 10;

/// Each session's order number in its day as the edit form shows it: 10, 20, 30 … per day.
fn day_orders(sessions: &[SessionPlan]) -> Vec<i64> {
    let mut in_day = HashMap::<i64, i64>::new();
    sessions
        .iter()
        .map(|plan| {
            let place = in_day.entry(plan.day).or_default();
            *place += ORDER_STEP;
            *place
        })
        .collect()
}

/// Where a new session goes when no order is given: after the others of its day.
const LAST: i64 = i64::MAX;

/// Reads the edit form (`title_N`, `day_N`, `order_N`, `minutes_N`, `purpose_N`, `remove_N`, and
/// `new_*` for a session to add) into the new list of sessions, or says what is wrong. Sessions
/// are put in order by day, then by their order number; ties keep their earlier order.
fn edited_sessions(
    old: &[SessionPlan],
    f: &HashMap<String, String>,
    programme_kind: &str,
) -> Result<Vec<SessionPlan>, String> {
    let mut out: Vec<(i64, SessionPlan)> = vec![];
    for (i, (plan, mut order)) in old.iter().zip(day_orders(old)).enumerate() {
        if f.contains_key(&format!("remove_{i}")) {
            continue;
        }
        let mut plan = plan.clone();
        if let Some(t) = f.get(&format!("title_{i}")) {
            plan.title = t.trim().to_owned();
        }
        if let Some(m) = f.get(&format!("minutes_{i}")) {
            plan.minutes =
                parse_minutes(m).ok_or_else(|| format!("Session {}: enter minutes from 5 to 480.", i + 1))?;
        }
        if let Some(p) = f.get(&format!("purpose_{i}")) {
            plan.purpose = p.trim().to_owned();
        }
        if let Some(d) = f.get(&format!("day_{i}")) {
            plan.day = parse_day(d).ok_or_else(|| format!("Session {}: enter its day, from 1 to 10.", i + 1))?;
        }
        if let Some(o) = f.get(&format!("order_{i}")) {
            order = parse_order(o)
                .ok_or_else(|| format!("Session {}: enter its order as a number from 0 to 9999.", i + 1))?;
        }
        if plan.title.is_empty() {
            return Err(format!("Session {}: enter a title.", i + 1));
        }
        out.push((order, plan));
    }
    let new_title = f.get("new_title").map(|t| t.trim()).unwrap_or_default();
    if !new_title.is_empty() {
        let kind = f.get("new_kind").map(String::as_str).unwrap_or("plenary");
        if !programmes::session_kinds(programme_kind).iter().any(|(k, _)| *k == kind) {
            return Err("Choose the new session's kind.".into());
        }
        let day = f.get("new_day").and_then(|d| parse_day(d)).ok_or("Enter the new session's day (1 or 2).")?;
        let order = match f.get("new_order").map(|o| o.trim()).filter(|o| !o.is_empty()) {
            Some(o) => {
                parse_order(o).ok_or("Enter the new session's order as a number from 0 to 9999, or leave it empty.")?
            }
            None => LAST,
        };
        let minutes =
            f.get("new_minutes").and_then(|m| parse_minutes(m)).ok_or("Enter the new session's minutes (5 to 480).")?;
        let record_type = f.get("new_record_type").map(|t| t.trim()).filter(|t| !t.is_empty()).map(str::to_owned);
        if kind == "pair-review" && record_type.is_none() {
            return Err("Choose the type of record the pairs read.".into());
        }
        out.push((
            order,
            SessionPlan {
                day,
                title: new_title.to_owned(),
                kind: kind.to_owned(),
                minutes,
                purpose: f.get("new_purpose").map(|p| p.trim().to_owned()).unwrap_or_default(),
                record_type: if kind == "pair-review" { record_type } else { None },
            },
        ));
    }
    if out.is_empty() {
        return Err("A programme needs at least one session.".into());
    }
    // A stable sort: sessions with the same day and order number stay as they were.
    out.sort_by_key(|(order, plan)| (plan.day, *order));
    Ok(out.into_iter().map(|(_, plan)| plan).collect())
}

fn parse_day(d: &str) -> Option<i64> {
    d.trim().parse::<i64>().ok().filter(|d| (1..=10).contains(d))
}

fn parse_order(o: &str) -> Option<i64> {
    o.trim().parse::<i64>().ok().filter(|o| (0..=9999).contains(o))
}

fn parse_minutes(m: &str) -> Option<i64> {
    m.trim().parse::<i64>().ok().filter(|m| (5..=480).contains(m))
}

/// `POST /programmes/{id}/sessions`: saves the edited sessions.
async fn edit_sessions(
    State(state): State<AppState>,
    visitor: Visitor,
    Facilitating(s): Facilitating,
    Path(id): Path<i64>,
    PageForm(f): PageForm<HashMap<String, String>>,
) -> Result<Response, AppError> {
    let template = programmes::get(&state.store, s.org_id, id).await?.ok_or(AppError::NotFound)?;
    // The form's fields are numbered by the sessions the page showed: applied to a list someone
    // has changed since, they would edit the wrong sessions.
    let revision = f.get("revision").and_then(|r| r.parse::<i64>().ok()).filter(|r| *r == template.revision);
    let Some(revision) = revision else { return edited_meanwhile(&state, &visitor, &s, id).await };
    let old = programmes::sessions(&state.store, id).await?;
    match edited_sessions(&old, &f, &template.kind) {
        Ok(sessions) => {
            if !programmes::replace_sessions(&state.store, id, revision, &sessions).await? {
                return edited_meanwhile(&state, &visitor, &s, id).await;
            }
            crate::audit::log(&state.store, &s, "programme.edit", "programme", Some(id), "").await?;
            Ok(Redirect::to(&format!("/programmes/{id}")).into_response())
        }
        Err(e) => show_page(&state, &visitor, &s, id, Some(e)).await,
    }
}

/// 409: someone saved the programme after this page was loaded; nothing of this save was kept.
async fn edited_meanwhile(state: &AppState, visitor: &Visitor, s: &Session, id: i64) -> Result<Response, AppError> {
    let error = "Someone else saved changes to this programme while you were editing it, so yours were not \
                 saved. The page now shows their version: make your changes again."
        .to_owned();
    let mut page = show_page(state, visitor, s, id, Some(error)).await?;
    *page.status_mut() = StatusCode::CONFLICT;
    Ok(page)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(fields: &[(&str, &str)]) -> HashMap<String, String> {
        fields.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
    }

    /// The "add a session" fields for a plenary on day one.
    fn new_session(title: &str, minutes: &str, order: Option<&str>) -> HashMap<String, String> {
        let mut f = form(&[("new_title", title), ("new_kind", "plenary"), ("new_day", "1"), ("new_minutes", minutes)]);
        f.extend(order.map(|o| ("new_order".to_owned(), o.to_owned())));
        f
    }

    #[test]
    fn the_builtin_programme_parses_into_two_days() {
        let b = builtin();
        assert!(b.session.iter().any(|s| s.day == 2));
        assert!(b.session.iter().all(|s| s.minutes > 0));
        assert!(b.session.iter().filter(|s| s.kind == "pair-review").all(|s| s.record_type.is_some()));
    }

    #[test]
    fn edits_remove_and_add_sessions() {
        let old = builtin().session;
        let mut f = form(&[("remove_0", "1"), ("minutes_1", "45")]);
        f.extend(new_session("Extra", "20", None));
        let new = edited_sessions(&old, &f, programmes::TWO_DAY).unwrap();
        assert_eq!(new.len(), old.len());
        assert_eq!(new[0].minutes, 45);
        assert!(new.iter().any(|s| s.title == "Extra" && s.day == 1));
        f.insert("minutes_2".to_owned(), "nonsense".to_owned());
        assert!(edited_sessions(&old, &f, programmes::TWO_DAY).is_err());
    }

    #[test]
    fn sessions_move_by_day_and_order() {
        let old = builtin().session;
        let first_of_day_two = old.iter().position(|s| s.day == 2).unwrap();
        // The second session goes before the first; the first of day two moves to the end of day one.
        let (day, order) = (format!("day_{first_of_day_two}"), format!("order_{first_of_day_two}"));
        let mut f = form(&[("order_1", "5"), (&day, "1"), (&order, "9999")]);
        // A new session between the second and third of day one.
        f.extend(new_session("Between", "10", Some("25")));
        let new = edited_sessions(&old, &f, programmes::TWO_DAY).unwrap();
        let titles: Vec<&str> = new.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(&titles[..4], &[&old[1].title, &old[0].title, "Between", &old[2].title]);
        let last_of_day_one = new.iter().rposition(|s| s.day == 1).unwrap();
        assert_eq!(new[last_of_day_one].title, old[first_of_day_two].title);
        assert!(new.windows(2).all(|w| w[0].day <= w[1].day), "days stay in order");
        for bad in [("day_0", "11"), ("order_0", "-1"), ("new_order", "x")] {
            let mut f = f.clone();
            f.insert(bad.0.to_owned(), bad.1.to_owned());
            assert!(edited_sessions(&old, &f, programmes::TWO_DAY).is_err(), "{bad:?}");
        }
    }
}
