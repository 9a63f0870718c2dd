//! Cohorts: one run of a programme. Facilitators create them from a template, set the sessions'
//! times, add people, edit and send the invitation letter and record the large group's summary
//! points; everyone in the cohort sees its home page with the agenda.

use crate::auth::{CurrentSession, Visitor};
use crate::error::AppError;
use crate::export::pdf::Document;
use crate::pages::invitations::invite;
use crate::pages::{MessagePage, PageForm, render};
use crate::programme::{AsFacilitator, Facilitating, InCohort, may_facilitate, review, templates};
use crate::state::AppState;
use crate::views::Frame;
use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use recordwell_store::cohorts::{self, Cohort, CohortPerson, CohortRole, CohortSession, NewCohort};
use recordwell_store::orgs::Role;
use recordwell_store::programmes::{self, SESSION_KINDS, Template as Programme};
use recordwell_store::{invitations, letters, reviews, users};
use serde::Deserialize;
use std::collections::HashMap;

/// The letter every new cohort starts with; facilitators edit it per cohort.
pub const DEFAULT_LETTER: &str = "Dear {name},

You are invited to {title}, a two-day programme on recording in social work, on {first_day} and {second_day} at {venue}.

Before the first day, please complete the self-study exercises. The programme depends on the examples you bring: please bring an example of each kind of record you write: a case summary, a core assessment, a contact record and a detailed record. You will add them to Recordwell, which takes out names and other details that identify people before anyone else reads them.

Everything about the programme, including the agenda, is at {link}

We look forward to seeing you.";

/// The routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/cohorts", get(list).post(create))
        .route("/cohorts/{cohort}", get(home))
        .route("/cohorts/{cohort}/times", post(set_times))
        .route("/cohorts/{cohort}/people", post(add_person))
        .route("/cohorts/{cohort}/people/{user}/leave", post(mark_left))
        .route("/cohorts/{cohort}/letter", post(save_letter))
        .route("/cohorts/{cohort}/letters/send", post(send_letters))
        .route("/cohorts/{cohort}/letters/{file}", get(letter_pdf))
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
    #[serde(default)]
    venue: String,
    #[serde(default)]
    followup_days: String,
}

fn role_label(r: CohortRole) -> &'static str {
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

/// Checks a `YYYY-MM-DD` date.
pub fn valid_date(d: &str) -> Option<jiff::civil::Date> {
    if d.len() != 10 {
        return None;
    }
    d.parse::<jiff::civil::Date>().ok()
}

/// Checks an `HH:MM` time.
pub fn valid_time(t: &str) -> bool {
    let b = t.as_bytes();
    b.len() == 5
        && b[2] == b':'
        && t[..2].parse::<u8>().is_ok_and(|h| h < 24 && b[0].is_ascii_digit() && b[1].is_ascii_digit())
        && t[3..].parse::<u8>().is_ok_and(|m| m < 60 && b[3].is_ascii_digit() && b[4].is_ascii_digit())
}

/// What is wrong with a new cohort, if anything: (title, template, days, follow-up).
fn check_new(f: &NewForm) -> Result<(i64, i64), String> {
    if f.title.trim().is_empty() || f.title.len() > 200 {
        return Err("Enter a title (up to 200 characters).".into());
    }
    let template: i64 = f.template_id.parse().map_err(|_| "Choose a programme.".to_owned())?;
    let first = valid_date(f.first_day.trim()).ok_or("Enter the first day as YYYY-MM-DD, for example 2027-03-04.")?;
    let second =
        valid_date(f.second_day.trim()).ok_or("Enter the second day as YYYY-MM-DD, for example 2027-03-11.")?;
    if second < first {
        return Err("The second day must be on or after the first day.".into());
    }
    let days: i64 = f
        .followup_days
        .trim()
        .parse()
        .ok()
        .filter(|d| (1..=730).contains(d))
        .ok_or("Enter the follow-up period as a number of days from 1 to 730.")?;
    Ok((template, days))
}

/// `POST /cohorts`: creates a cohort from a template (facilitators and administrators).
async fn create(
    State(state): State<AppState>,
    visitor: Visitor,
    Facilitating(s): Facilitating,
    PageForm(f): PageForm<NewForm>,
) -> Result<Response, AppError> {
    let (template_id, followup_days) = match check_new(&f) {
        Ok(v) => v,
        Err(e) => return list_page(&state, &visitor, &s, f, Some(e)).await,
    };
    let Some(template) = programmes::get(&state.store, s.org_id, template_id).await? else {
        return list_page(&state, &visitor, &s, f, Some("Choose a programme.".into())).await;
    };
    let sessions = programmes::sessions(&state.store, template.id).await?;
    let id = cohorts::create(
        &state.store,
        NewCohort {
            org_id: s.org_id,
            title: f.title.trim(),
            venue: f.venue.trim(),
            first_day: f.first_day.trim(),
            second_day: f.second_day.trim(),
            letter: DEFAULT_LETTER,
            followup_days,
            created_by: s.user_id,
        },
        &sessions,
    )
    .await?;
    crate::audit::log(&state.store, &s, "cohort.create", "cohort", Some(id), "").await?;
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
    let mut days: Vec<Day> = vec![];
    for s in cohorts::sessions(&state.store, cohort.id).await? {
        let points = if s.kind == "plenary" { reviews::points(&state.store, s.id).await? } else { None };
        let row =
            SessionRow { kind_label: kind_label(&s.kind), current: cohort.current_session_id == Some(s.id), points, s };
        if days.last().is_none_or(|d| d.number != row.s.day) {
            let date = match row.s.day {
                1 => cohort.first_day.clone(),
                2 => cohort.second_day.clone(),
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
    /// Open invitations: (email, part, expires at).
    invited: Vec<(String, String, i64)>,
    notice: Option<String>,
    error: Option<String>,
    draft_points: Option<(i64, String)>,
}

/// Feedback to show on the home page after a form.
#[derive(Default)]
struct Said {
    notice: Option<String>,
    error: Option<String>,
    draft_points: Option<(i64, String)>,
}

async fn home_page(state: &AppState, visitor: &Visitor, ic: &InCohort, said: Said) -> Result<Response, AppError> {
    let is_facilitator = ic.role == CohortRole::Facilitator;
    let people = if is_facilitator { cohorts::people(&state.store, ic.cohort.id).await? } else { vec![] };
    let invited = if is_facilitator { invitations::open_for_cohort(&state.store, ic.cohort.id).await? } else { vec![] };
    render(&HomePage {
        frame: Frame::new(visitor, "training"),
        days: agenda(state, &ic.cohort).await?,
        cohort: ic.cohort.clone(),
        is_facilitator,
        is_participant: ic.role == CohortRole::Participant,
        people,
        invited,
        notice: said.notice,
        error: said.error,
        draft_points: said.draft_points,
    })
}

/// `GET /cohorts/{cohort}`: the cohort's home page.
async fn home(State(state): State<AppState>, visitor: Visitor, ic: InCohort) -> Result<Response, AppError> {
    home_page(&state, &visitor, &ic, Said::default()).await
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
#[derive(Deserialize)]
struct PersonForm {
    email: String,
    role: String,
}

/// `POST /cohorts/{cohort}/people`: adds a member of the organisation by email.
async fn add_person(
    State(state): State<AppState>,
    visitor: Visitor,
    AsFacilitator(ic): AsFacilitator,
    PageForm(f): PageForm<PersonForm>,
) -> Result<Response, AppError> {
    let Some(role) = CohortRole::parse(&f.role) else {
        return Err(AppError::BadRequest("Choose their part in the cohort.".into()));
    };
    let user = users::by_email(&state.store, f.email.trim()).await?;
    let member = match &user {
        Some(u) => users::role_in(&state.store, u.id, ic.cohort.org_id).await?.is_some(),
        None => false,
    };
    let (Some(user), true) = (user, member) else {
        return invite_person(&state, &visitor, &ic, f.email.trim(), role).await;
    };
    if user.id == ic.who.user_id {
        let error = Some("You are already in this cohort, as a facilitator.".to_owned());
        return home_page(&state, &visitor, &ic, Said { error, ..Said::default() }).await;
    }
    cohorts::set_person(&state.store, ic.cohort.id, user.id, role, "joined").await?;
    crate::audit::log(&state.store, &ic.who, "cohort.person", "cohort", Some(ic.cohort.id), role.as_str()).await?;
    Ok(Redirect::to(&format!("/cohorts/{}#people", ic.cohort.id)).into_response())
}

/// Someone with no account in the organisation: an invitation that makes their account and adds
/// them to the cohort, emailed with the invitation letter. When email cannot be sent the link is
/// shown to the facilitator to pass on, so the invitation is never lost.
async fn invite_person(
    state: &AppState,
    visitor: &Visitor,
    ic: &InCohort,
    email: &str,
    role: CohortRole,
) -> Result<Response, AppError> {
    if !crate::pages::setup::looks_like_email(email) {
        let error = Some("Enter an email address like name@example.org.".to_owned());
        return home_page(state, visitor, ic, Said { error, ..Said::default() }).await;
    }
    let org_role = match role {
        CohortRole::Participant => Role::Practitioner,
        CohortRole::Facilitator => Role::Facilitator,
        CohortRole::Manager => Role::Manager,
    };
    let (org, by) = (ic.cohort.org_id, Some(ic.who.user_id));
    let cohort = Some((ic.cohort.id, role));
    let link = invite(&state.store, &state.public_url, org, email, org_role, by, cohort).await?;
    crate::audit::log(&state.store, &ic.who, "cohort.invite", "cohort", Some(ic.cohort.id), role.as_str()).await?;
    let body = if role == CohortRole::Participant {
        let letter = merge(&ic.cohort.letter, &ic.cohort, "colleague", &cohort_link(state, ic.cohort.id));
        format!("{letter}\n\nFirst, make your Recordwell account here (the link works once, for 14 days):\n{link}\n")
    } else {
        format!(
            "Hello,\n\n{} has invited you to {} on Recordwell, as {}.\n\nMake your account here (the link works \
             once, for 14 days):\n{link}\n",
            ic.who.user_name,
            ic.cohort.title,
            role_label(role).to_lowercase()
        )
    };
    let subject = format!("Invitation: {}", ic.cohort.title);
    let said = match state.mailer.send(email, &subject, body).await {
        Ok(()) => {
            Said { notice: Some(format!("Invited {email}. They join the cohort when they accept.")), ..Said::default() }
        }
        Err(e) => {
            let why = match e {
                crate::mail::MailError::NotConfigured => "email is not set up".to_owned(),
                e => e.to_string(),
            };
            let notice = format!(
                "Invited {email}, but the invitation could not be emailed ({why}). Send them this link yourself; \
                 it works once, for 14 days: {link}"
            );
            Said { notice: Some(notice), ..Said::default() }
        }
    };
    home_page(state, visitor, ic, said).await
}

/// `POST /cohorts/{cohort}/people/{user}/leave`: a participant leaves; pair-review groups are
/// rebalanced so that nobody is left alone.
async fn mark_left(
    State(state): State<AppState>,
    ic: InCohort,
    Path((_, user)): Path<(i64, i64)>,
) -> Result<Response, AppError> {
    ic.facilitator()?;
    let people = cohorts::people(&state.store, ic.cohort.id).await?;
    let person =
        people.iter().find(|p| p.user_id == user && p.role == CohortRole::Participant).ok_or(AppError::NotFound)?;
    cohorts::set_person(&state.store, ic.cohort.id, user, person.role, "left").await?;
    review::rebalance_cohort(&state, ic.cohort.id).await?;
    crate::audit::log(&state.store, &ic.who, "cohort.leave", "cohort", Some(ic.cohort.id), "").await?;
    Ok(Redirect::to(&format!("/cohorts/{}#people", ic.cohort.id)).into_response())
}

/// The letter form.
#[derive(Deserialize)]
struct LetterForm {
    letter: String,
}

/// `POST /cohorts/{cohort}/letter`: saves the letter template.
async fn save_letter(
    State(state): State<AppState>,
    visitor: Visitor,
    AsFacilitator(ic): AsFacilitator,
    PageForm(f): PageForm<LetterForm>,
) -> Result<Response, AppError> {
    if f.letter.trim().is_empty() || f.letter.len() > 20_000 {
        let error = Some("Write the letter (up to 20,000 characters).".to_owned());
        return home_page(&state, &visitor, &ic, Said { error, ..Said::default() }).await;
    }
    letters::set(&state.store, ic.cohort.id, f.letter.trim()).await?;
    Ok(Redirect::to(&format!("/cohorts/{}#letter", ic.cohort.id)).into_response())
}

/// The letter for one person, with the placeholders filled in.
pub fn merge(letter: &str, cohort: &Cohort, name: &str, link: &str) -> String {
    let venue = if cohort.venue.is_empty() { "the venue to be confirmed" } else { &cohort.venue };
    letter
        .replace("{name}", name)
        .replace("{title}", &cohort.title)
        .replace("{first_day}", &long_date(&cohort.first_day))
        .replace("{second_day}", &long_date(&cohort.second_day))
        .replace("{venue}", venue)
        .replace("{link}", link)
}

/// "2027-03-04" as "Thursday 4 March 2027".
fn long_date(d: &str) -> String {
    valid_date(d).map_or_else(|| d.to_owned(), |date| date.strftime("%A %-d %B %Y").to_string())
}

fn cohort_link(state: &AppState, cohort_id: i64) -> String {
    format!("{}/cohorts/{cohort_id}", state.public_url.trim_end_matches('/'))
}

/// `POST /cohorts/{cohort}/letters/send`: emails each participant their letter, and says who
/// it could not reach (nothing is lost: sending again sends to everyone again).
async fn send_letters(State(state): State<AppState>, visitor: Visitor, ic: InCohort) -> Result<Response, AppError> {
    ic.facilitator()?;
    let link = cohort_link(&state, ic.cohort.id);
    let subject = format!("Invitation: {}", ic.cohort.title);
    let mut sent = 0;
    let mut failed = vec![];
    for p in cohorts::people(&state.store, ic.cohort.id).await? {
        if p.role != CohortRole::Participant || p.status == "left" {
            continue;
        }
        let body = merge(&ic.cohort.letter, &ic.cohort, &p.name, &link);
        match state.mailer.send(&p.email, &subject, body).await {
            Ok(()) => sent += 1,
            Err(e) => {
                // The error can quote the address, so the log names only the ids.
                tracing::warn!(cohort = ic.cohort.id, user = p.user_id, "invitation letter not sent");
                failed.push(format!("{} ({}): {e}", p.name, p.email));
            }
        }
    }
    crate::audit::log(&state.store, &ic.who, "cohort.letters", "cohort", Some(ic.cohort.id), format!("sent {sent}"))
        .await?;
    let mut paragraphs = vec![format!("Sent {sent} letter{}.", if sent == 1 { "" } else { "s" })];
    if !failed.is_empty() {
        paragraphs.push(format!(
            "Not sent to {} participant{} (send again later, or download their letter as a PDF):",
            failed.len(),
            if failed.len() == 1 { "" } else { "s" }
        ));
        paragraphs.extend(failed);
    }
    render(&MessagePage {
        frame: Frame::new(&visitor, "training"),
        heading: "Invitation letters".into(),
        paragraphs,
        link: Some((format!("/cohorts/{}", ic.cohort.id), "Back to the cohort".into())),
    })
}

/// `GET /cohorts/{cohort}/letters/{user}.pdf`: one participant's letter as a PDF.
async fn letter_pdf(
    State(state): State<AppState>,
    ic: InCohort,
    Path((_, file)): Path<(i64, String)>,
) -> Result<Response, AppError> {
    ic.facilitator()?;
    let user: i64 = file.strip_suffix(".pdf").and_then(|u| u.parse().ok()).ok_or(AppError::NotFound)?;
    let people = cohorts::people(&state.store, ic.cohort.id).await?;
    let p = people.iter().find(|p| p.user_id == user).ok_or(AppError::NotFound)?;
    ic.log_download(&state, &format!("letter for user {user}")).await?;
    let body = merge(&ic.cohort.letter, &ic.cohort, &p.name, &cohort_link(&state, ic.cohort.id));
    let pdf = Document::new(&ic.cohort.title).paragraph(&body).render();
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"letter-{}-{user}.pdf\"", ic.cohort.id)),
        ],
        pdf,
    )
        .into_response())
}

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
        assert!(valid_date("2027-3-4").is_none());
        assert!(valid_date("2027-02-30").is_none());
        assert!(valid_time("09:30"));
        assert!(valid_time("23:59"));
        assert!(!valid_time("24:00"));
        assert!(!valid_time("9:30"));
        assert!(!valid_time("09:60"));
    }
}
