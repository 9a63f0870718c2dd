//! Cohorts: one run of a programme. Facilitators create them from a template, set the sessions'
//! times, add people, edit and send the invitation letter and record the large group's summary
//! points; everyone in the cohort sees its home page with the agenda.

use crate::auth::{CurrentSession, Visitor};
use crate::error::AppError;
use crate::pages::{PageForm, render};
use crate::programme::{AsFacilitator, Facilitating, InCohort, may_facilitate, templates};
use crate::state::AppState;
use crate::views::Frame;
use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use recordwell_store::cohorts::{self, Cohort, CohortPerson, CohortRole, CohortSession, NewCohort};
use recordwell_store::programmes::{self, SESSION_KINDS, SessionPlan, Template as Programme};
use recordwell_store::{invitations, reviews};
use serde::Deserialize;
use std::collections::HashMap;

/// The routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/cohorts", get(list).post(create))
        .route("/cohorts/{cohort}", get(home))
        .route("/cohorts/{cohort}/times", post(set_times))
        .route("/cohorts/{cohort}/points/{session}", post(save_points))
}

#[derive(Template)]
#[template(path = "programme_cohorts.html")]
struct ListPage {
    frame: Frame,
    cohorts: Vec<(Cohort, &'static str)>,
    may_create: bool,
    templates: Vec<Programme>,
    form: NewForm,
    error: Option<String>,
}

/// The "New cohort" form.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct NewForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    template_id: String,
    #[serde(default)]
    first_day: String,
    #[serde(default)]
    second_day: String,
    /// The third workshop of a series (empty for the two-day course).
    #[serde(default)]
    third_day: String,
    #[serde(default)]
    venue: String,
    #[serde(default)]
    followup_days: String,
}

/// A part in a cohort, as pages name it.
pub fn role_label(r: CohortRole) -> &'static str {
    match r {
        CohortRole::Facilitator => "Facilitator",
        CohortRole::Participant => "Participant",
        CohortRole::Manager => "Manager",
    }
}

async fn list_page(
    state: &AppState,
    visitor: &Visitor,
    s: &recordwell_store::sessions::Session,
    form: NewForm,
    error: Option<String>,
) -> Result<Response, AppError> {
    let cohorts = cohorts::for_person(&state.store, s.org_id, s.user_id).await?;
    let may_create = may_facilitate(s);
    let templates = if may_create {
        templates::ensure_builtin(&state.store, s.org_id, s.user_id).await?;
        programmes::list(&state.store, s.org_id).await?
    } else {
        vec![]
    };
    let form =
        NewForm { followup_days: if form.followup_days.is_empty() { "90".into() } else { form.followup_days }, ..form };
    render(&ListPage {
        frame: Frame::new(visitor, "training"),
        cohorts: cohorts.into_iter().map(|(c, r)| (c, role_label(r))).collect(),
        may_create,
        templates,
        form,
        error,
    })
}

/// `GET /cohorts`.
async fn list(
    State(state): State<AppState>,
    visitor: Visitor,
    CurrentSession(s): CurrentSession,
) -> Result<Response, AppError> {
    list_page(&state, &visitor, &s, NewForm::default(), None).await
}

/// How every date field says what it wants (each is an `<input type="date">`, which browsers in
/// the UK show as day/month/year; one that falls back to a plain box takes the same).
pub const DATE_HINT: &str = "Day, month and year, for example 04/03/2027";

/// A date as a form sends it: `YYYY-MM-DD` (what a date picker sends) or `DD/MM/YYYY` (what
/// someone types into a plain box, the way dates are written in the UK).
pub fn valid_date(d: &str) -> Option<jiff::civil::Date> {
    let d = d.trim();
    if d.len() == 10 && d.as_bytes()[4] == b'-' {
        return d.parse::<jiff::civil::Date>().ok();
    }
    let mut parts = d.split('/').map(|p| p.trim().parse::<i16>().ok());
    let (Some(Some(day)), Some(Some(month)), Some(Some(year)), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    if !(1000..=9999).contains(&year) {
        return None;
    }
    jiff::civil::Date::new(year, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()
}

/// Checks an `HH:MM` time.
pub fn valid_time(t: &str) -> bool {
    let b = t.as_bytes();
    b.len() == 5
        && b[2] == b':'
        && t[..2].parse::<u8>().is_ok_and(|h| h < 24 && b[0].is_ascii_digit() && b[1].is_ascii_digit())
        && t[3..].parse::<u8>().is_ok_and(|m| m < 60 && b[3].is_ascii_digit() && b[4].is_ascii_digit())
}

/// A new cohort's checked fields: template, follow-up days, and the date of each day given
/// (`YYYY-MM-DD`, in order).
type CheckedNew = (i64, i64, Vec<String>);

/// What is wrong with a new cohort's fields, if anything (the dates are matched to the
/// programme's days once it is loaded: see [`dates_for`]).
fn check_new(f: &NewForm) -> Result<CheckedNew, String> {
    if f.title.trim().is_empty() || f.title.len() > 200 {
        return Err("Enter a title (up to 200 characters).".into());
    }
    let template: i64 = f.template_id.parse().map_err(|_| "Choose a programme.".to_owned())?;
    let first =
        valid_date(&f.first_day).ok_or("Enter the first day as day, month and year, for example 04/03/2027.")?;
    let second =
        valid_date(&f.second_day).ok_or("Enter the second day as day, month and year, for example 11/03/2027.")?;
    if second < first {
        return Err("The second day must be on or after the first day.".into());
    }
    let mut dates = vec![first, second];
    if !f.third_day.trim().is_empty() {
        let third = valid_date(&f.third_day)
            .ok_or("Enter the third day as day, month and year, for example 01/04/2027, or leave it empty.")?;
        if third < second {
            return Err("The third day must be on or after the second day.".into());
        }
        dates.push(third);
    }
    let days: i64 = f
        .followup_days
        .trim()
        .parse()
        .ok()
        .filter(|d| (1..=730).contains(d))
        .ok_or("Enter the follow-up period as a number of days from 1 to 730.")?;
    Ok((template, days, dates.iter().map(ToString::to_string).collect()))
}

/// The dates given, checked against the programme's days: one date for each day, no more.
fn dates_for(sessions: &[SessionPlan], dates: Vec<String>) -> Result<Vec<String>, String> {
    let days = sessions.iter().map(|s| s.day).max().unwrap_or(2).max(2) as usize;
    match dates.len().cmp(&days) {
        std::cmp::Ordering::Equal => Ok(dates),
        std::cmp::Ordering::Less if days <= 3 => {
            Err(format!("This programme has {days} days (workshops): enter the date of each."))
        }
        std::cmp::Ordering::Less => Err(format!(
            "This programme has {days} days, and a cohort can be given three dates here. Shorten the programme to \
             three days, or use a programme with fewer."
        )),
        std::cmp::Ordering::Greater => Err(format!(
            "This programme has {days} days: leave the third day empty (it is for a three-workshop series)."
        )),
    }
}

/// `POST /cohorts`: creates a cohort from a template (facilitators and administrators).
async fn create(
    State(state): State<AppState>,
    visitor: Visitor,
    Facilitating(s): Facilitating,
    PageForm(f): PageForm<NewForm>,
) -> Result<Response, AppError> {
    let (template_id, followup_days, dates) = match check_new(&f) {
        Ok(v) => v,
        Err(e) => return list_page(&state, &visitor, &s, f, Some(e)).await,
    };
    let Some(template) = programmes::get(&state.store, s.org_id, template_id).await? else {
        return list_page(&state, &visitor, &s, f, Some("Choose a programme.".into())).await;
    };
    let sessions = programmes::sessions(&state.store, template.id).await?;
    let dates = match dates_for(&sessions, dates) {
        Ok(d) => d,
        Err(e) => return list_page(&state, &visitor, &s, f, Some(e)).await,
    };
    let series = template.kind == programmes::WORKSHOP_SERIES;
    let id = cohorts::create(
        &state.store,
        NewCohort {
            org_id: s.org_id,
            title: f.title.trim(),
            venue: f.venue.trim(),
            first_day: &dates[0],
            second_day: &dates[1],
            letter: if series { super::letters::SERIES_LETTER } else { super::letters::DEFAULT_LETTER },
            followup_days,
            created_by: s.user_id,
            kind: &template.kind,
            dates: &dates,
        },
        &sessions,
    )
    .await?;
    crate::audit::log(&state.store, &s, "cohort.create", "cohort", Some(id), "").await?;
    if series {
        let cohort = cohorts::get(&state.store, s.org_id, id).await?.ok_or(AppError::NotFound)?;
        super::practice::schedule_reminders(&state, &cohort, &dates).await?;
    }
    Ok(Redirect::to(&format!("/cohorts/{id}")).into_response())
}

/// A session on the home page.
pub struct SessionRow {
    /// The session.
    pub s: CohortSession,
    /// Its kind, for people.
    pub kind_label: &'static str,
    /// Summary points (plenary sessions).
    pub points: Option<String>,
    /// Whether it is running now.
    pub current: bool,
}

/// One day of the agenda.
pub struct Day {
    /// 1, 2 …
    pub number: i64,
    /// Its date.
    pub date: String,
    /// Its sessions.
    pub sessions: Vec<SessionRow>,
}

/// A kind's label.
pub fn kind_label(kind: &str) -> &'static str {
    SESSION_KINDS.iter().find(|(k, _)| *k == kind).map_or("Other", |(_, l)| l)
}

/// The agenda, by day.
pub async fn agenda(state: &AppState, cohort: &Cohort) -> Result<Vec<Day>, AppError> {
    let dates = cohorts::dates(&state.store, cohort.id).await?;
    let mut days: Vec<Day> = vec![];
    for s in cohorts::sessions(&state.store, cohort.id).await? {
        let points = if s.kind == "plenary" { reviews::points(&state.store, s.id).await? } else { None };
        let row =
            SessionRow { kind_label: kind_label(&s.kind), current: cohort.current_session_id == Some(s.id), points, s };
        if days.last().is_none_or(|d| d.number != row.s.day) {
            let date = match (dates.iter().find(|(d, _)| *d == row.s.day), row.s.day) {
                (Some((_, date)), _) => date.clone(),
                (None, 1) => cohort.first_day.clone(),
                (None, 2) => cohort.second_day.clone(),
                _ => String::new(),
            };
            days.push(Day { number: row.s.day, date, sessions: vec![] });
        }
        if let Some(d) = days.last_mut() {
            d.sessions.push(row);
        }
    }
    Ok(days)
}

#[derive(Template)]
#[template(path = "programme_cohort.html")]
struct HomePage {
    frame: Frame,
    cohort: Cohort,
    is_facilitator: bool,
    is_participant: bool,
    days: Vec<Day>,
    people: Vec<CohortPerson>,
    /// Open invitations.
    invited: Vec<invitations::CohortInvitation>,
    /// The organisation's services, for the add-someone form.
    services: Vec<recordwell_store::orgs::Service>,
    /// How many people have not had the letter (or invitation) yet.
    waiting_for_letter: usize,
    notice: Option<String>,
    error: Option<String>,
    draft_points: Option<(i64, String)>,
}

/// Feedback to show on the home page after a form.
#[derive(Default)]
pub struct Said {
    /// What was done.
    pub notice: Option<String>,
    /// What is wrong.
    pub error: Option<String>,
    /// Summary points kept for a second look (they seemed to name people).
    pub draft_points: Option<(i64, String)>,
}

/// The cohort's home page, with what a form just said.
pub async fn home_page(state: &AppState, visitor: &Visitor, ic: &InCohort, said: Said) -> Result<Response, AppError> {
    let is_facilitator = ic.role == CohortRole::Facilitator;
    let people = if is_facilitator { cohorts::people(&state.store, ic.cohort.id).await? } else { vec![] };
    let invited = if is_facilitator { invitations::open_for_cohort(&state.store, ic.cohort.id).await? } else { vec![] };
    let services =
        if is_facilitator { recordwell_store::orgs::services(&state.store, ic.cohort.org_id).await? } else { vec![] };
    let waiting_for_letter = people
        .iter()
        .filter(|p| p.role == CohortRole::Participant && p.status != "left" && p.letter_sent_at.is_none())
        .count()
        + invited.iter().filter(|i| i.sent_at.is_none()).count();
    render(&HomePage {
        frame: Frame::new(visitor, "training"),
        days: agenda(state, &ic.cohort).await?,
        cohort: ic.cohort.clone(),
        is_facilitator,
        is_participant: ic.role == CohortRole::Participant,
        people,
        invited,
        services,
        waiting_for_letter,
        notice: said.notice,
        error: said.error,
        draft_points: said.draft_points,
    })
}

/// `GET /cohorts/{cohort}`: the cohort's home page.
async fn home(
    State(state): State<AppState>,
    visitor: Visitor,
    ic: InCohort,
    Query(q): Query<HomeQuery>,
) -> Result<Response, AppError> {
    let notice = (q.letter.as_deref() == Some("saved") && ic.role == CohortRole::Facilitator)
        .then(|| "Letter saved. Nothing has been emailed: send it below when it is ready.".to_owned());
    home_page(&state, &visitor, &ic, Said { notice, ..Said::default() }).await
}

/// `?letter=saved` after the letter was saved.
#[derive(Deserialize)]
struct HomeQuery {
    letter: Option<String>,
}

/// `POST /cohorts/{cohort}/times`: `time_{session id}` = `HH:MM` or empty.
async fn set_times(
    State(state): State<AppState>,
    visitor: Visitor,
    AsFacilitator(ic): AsFacilitator,
    PageForm(f): PageForm<HashMap<String, String>>,
) -> Result<Response, AppError> {
    let sessions = cohorts::sessions(&state.store, ic.cohort.id).await?;
    for s in &sessions {
        let Some(t) = f.get(&format!("time_{}", s.id)).map(|t| t.trim()) else { continue };
        if !t.is_empty() && !valid_time(t) {
            let error = Some(format!("“{}”: enter the start time as HH:MM, for example 09:30.", s.title));
            return home_page(&state, &visitor, &ic, Said { error, ..Said::default() }).await;
        }
    }
    for s in &sessions {
        if let Some(t) = f.get(&format!("time_{}", s.id)).map(|t| t.trim()) {
            let t = (!t.is_empty()).then_some(t);
            cohorts::set_session_time(&state.store, ic.cohort.id, s.id, t).await?;
        }
    }
    Ok(Redirect::to(&format!("/cohorts/{}", ic.cohort.id)).into_response())
}

/// The add-person form.
/// The summary points form.
#[derive(Deserialize)]
struct PointsForm {
    points: String,
    #[serde(default)]
    confirm: Option<String>,
}

/// `POST /cohorts/{cohort}/points/{session}`: the large group's summary points. General points
/// only: if Recordwell finds what looks like a name it asks the facilitator to look again.
async fn save_points(
    State(state): State<AppState>,
    visitor: Visitor,
    AsFacilitator(ic): AsFacilitator,
    Path((_, session)): Path<(i64, i64)>,
    PageForm(f): PageForm<PointsForm>,
) -> Result<Response, AppError> {
    let sessions = cohorts::sessions(&state.store, ic.cohort.id).await?;
    sessions.iter().find(|s| s.id == session && s.kind == "plenary").ok_or(AppError::NotFound)?;
    let names: Vec<String> = recordwell_redact::detect(&f.points, &recordwell_redact::Options::default())
        .into_iter()
        .filter(|e| e.kind == recordwell_redact::EntityKind::Person)
        .map(|e| e.text)
        .collect();
    if !names.is_empty() && f.confirm.is_none() {
        let notice = Some(format!(
            "These look like names: {}. Summary points are general, never about individuals. Edit the points, or \
             save them as they are if these are not people's names.",
            names.join(", ")
        ));
        let said = Said { notice, draft_points: Some((session, f.points)), ..Said::default() };
        return home_page(&state, &visitor, &ic, said).await;
    }
    reviews::set_points(&state.store, session, f.points.trim(), ic.who.user_id).await?;
    Ok(Redirect::to(&format!("/cohorts/{}#session-{session}", ic.cohort.id)).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validates_dates_and_times() {
        assert!(valid_date("2027-03-04").is_some());
        assert_eq!(valid_date("04/03/2027"), valid_date("2027-03-04"), "as typed in the UK");
        assert_eq!(valid_date(" 4/3/2027 "), valid_date("2027-03-04"));
        assert!(valid_date("2027-3-4").is_none());
        assert!(valid_date("2027-02-30").is_none());
        assert!(valid_date("30/02/2027").is_none());
        assert!(valid_date("04/03/27").is_none(), "a two-digit year is ambiguous");
        assert!(valid_date("04/03/2027/1").is_none());
        assert!(valid_date("").is_none());
        assert!(valid_time("09:30"));
        assert!(valid_time("23:59"));
        assert!(!valid_time("24:00"));
        assert!(!valid_time("9:30"));
        assert!(!valid_time("09:60"));
    }
}
