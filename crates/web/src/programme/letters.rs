//! The invitation letter: the facilitator edits it, then sends it deliberately, to everyone who
//! has not had it yet (people added since) or to everyone again (after an edit). Participants
//! with an account get the letter; people invited who have no account yet get the letter with a
//! link to make one (a new link each time, so only the latest email's link works). Each
//! participant's letter can also be downloaded as a PDF, to hand over or post.

use crate::auth::Visitor;
use crate::error::AppError;
use crate::export::pdf::Document;
use crate::mail::MailError;
use crate::pages::invitations::reissue;
use crate::pages::{MessagePage, PageForm, render};
use crate::programme::cohorts::{Said, home_page, role_label, valid_date};
use crate::programme::{AsFacilitator, InCohort};
use crate::state::AppState;
use crate::views::Frame;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use recordwell_store::cohorts::{self, Cohort, CohortRole};
use recordwell_store::{invitations, letters};
use serde::Deserialize;

/// The letter every new cohort starts with; facilitators edit it per cohort.
pub const DEFAULT_LETTER: &str = "Dear {name},

You are invited to {title}, a two-day programme on recording in social work, on {first_day} and {second_day} at {venue}.

Before the first day, please complete the self-study exercises. The programme depends on the examples you bring: please bring an example of each kind of record you write: a case summary, a core assessment, a contact record and a detailed record. You will add them to Recordwell, which takes out names and other details that identify people before anyone else reads them.

Everything about the programme, including the agenda, is at {link}

We look forward to seeing you.";

/// The letter every new workshop series starts with.
pub const SERIES_LETTER: &str = "Dear {name},

You are invited to {title}: three workshops on recording practice with colleagues from across the partnership's services, on {first_day}, {second_day} and {third_day} at {venue}.

In the first workshop we start from our own experience of being written about, then unpack the core elements of case recording together. You will choose one thing in your own recording to try doing differently before the next workshop, and keep a short log of how it goes. Workshops two and three look at what helped and what got in the way, and end in recommendations to the partnership.

Everything about the series, including the agenda, is at {link}

We look forward to working with you.";

/// The routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/cohorts/{cohort}/letter", post(save_letter))
        .route("/cohorts/{cohort}/letters/send", post(send_letters))
        .route("/cohorts/{cohort}/letters/{file}", get(letter_pdf))
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
    Ok(Redirect::to(&format!("/cohorts/{}?letter=saved#letter", ic.cohort.id)).into_response())
}

/// The letter for one person, with the placeholders filled in.
pub fn merge(letter: &str, cohort: &Cohort, name: &str, link: &str) -> String {
    let venue = if cohort.venue.is_empty() { "the venue to be confirmed" } else { &cohort.venue };
    letter
        .replace("{name}", name)
        .replace("{title}", &cohort.title)
        .replace("{first_day}", &long_date(&cohort.first_day))
        .replace("{second_day}", &long_date(&cohort.second_day))
        .replace("{third_day}", &long_date(cohort.third_day.as_deref().unwrap_or_default()))
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

/// Who to send to.
#[derive(Deserialize)]
struct SendForm {
    /// `everyone` to send again to all; anything else sends to those not sent to yet.
    #[serde(default)]
    to: String,
}

/// What a send managed: how many went, and a line for each that did not.
#[derive(Default)]
struct Sending {
    sent: usize,
    failed: Vec<String>,
}

/// Why an email did not go, in words for the facilitator (never logged: it can quote the address).
fn mail_trouble(e: &MailError) -> String {
    match e {
        MailError::NotConfigured => "email is not set up on this server".to_owned(),
        e => e.to_string(),
    }
}

/// `POST /cohorts/{cohort}/letters/send`: emails the letter to the participants and the
/// invitations to the people invited, and says who it could not reach (their links are shown to
/// pass on, so nothing is lost).
async fn send_letters(
    State(state): State<AppState>,
    visitor: Visitor,
    AsFacilitator(ic): AsFacilitator,
    PageForm(f): PageForm<SendForm>,
) -> Result<Response, AppError> {
    let everyone = f.to == "everyone";
    let mut sending = Sending::default();
    send_to_participants(&state, &ic, everyone, &mut sending).await?;
    send_to_invited(&state, &ic, everyone, &mut sending).await?;
    let Sending { sent, failed } = sending;
    crate::audit::log(&state.store, &ic.who, "cohort.letters", "cohort", Some(ic.cohort.id), format!("sent {sent}"))
        .await?;
    let mut paragraphs = vec![match sent {
        0 if failed.is_empty() => "Nobody was waiting for the letter: everyone has had it. To send it again to \
                                   everyone (after changing it, say), choose “Email it again to everyone”."
            .to_owned(),
        1 => "Sent 1 email.".to_owned(),
        n => format!("Sent {n} emails."),
    }];
    if !failed.is_empty() {
        paragraphs.push(format!(
            "Not sent to {} (send again later, or download a participant's letter as a PDF):",
            if failed.len() == 1 { "1 person".to_owned() } else { format!("{} people", failed.len()) }
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

/// The letter to each participant with an account (those not sent it yet, or `everyone`).
async fn send_to_participants(
    state: &AppState,
    ic: &InCohort,
    everyone: bool,
    sending: &mut Sending,
) -> Result<(), AppError> {
    let link = cohort_link(state, ic.cohort.id);
    let subject = format!("Invitation: {}", ic.cohort.title);
    for p in cohorts::people(&state.store, ic.cohort.id).await? {
        if p.role != CohortRole::Participant || p.status == "left" || (p.letter_sent_at.is_some() && !everyone) {
            continue;
        }
        let body = merge(&ic.cohort.letter, &ic.cohort, &p.name, &link);
        match state.mailer.send(&p.email, &subject, body).await {
            Ok(()) => {
                cohorts::mark_letter_sent(&state.store, ic.cohort.id, p.user_id, recordwell_store::now()).await?;
                sending.sent += 1;
            }
            Err(e) => {
                // The error can quote the address, so the log names only the ids.
                tracing::warn!(cohort = ic.cohort.id, user = p.user_id, "invitation letter not sent");
                sending.failed.push(format!("{} ({}): {}", p.name, p.email, mail_trouble(&e)));
            }
        }
    }
    Ok(())
}

/// The invitation to each person invited who has no account yet (not emailed yet, or
/// `everyone`): participants get the letter and a link to make their account, co-facilitators
/// and managers a short invitation.
async fn send_to_invited(
    state: &AppState,
    ic: &InCohort,
    everyone: bool,
    sending: &mut Sending,
) -> Result<(), AppError> {
    let subject = format!("Invitation: {}", ic.cohort.title);
    for inv in invitations::open_for_cohort(&state.store, ic.cohort.id).await? {
        if inv.sent_at.is_some() && !everyone {
            continue;
        }
        let Some(account) = reissue(&state.store, &state.public_url, ic.cohort.id, &inv.email).await? else {
            continue;
        };
        let part = CohortRole::parse(&inv.part).unwrap_or(CohortRole::Participant);
        let body = if part == CohortRole::Participant {
            let letter = merge(&ic.cohort.letter, &ic.cohort, "colleague", &cohort_link(state, ic.cohort.id));
            format!(
                "{letter}\n\nFirst, make your Recordwell account here (the link works once, for 14 days):\n{account}\n"
            )
        } else {
            format!(
                "Hello,\n\n{} has invited you to {} on Recordwell, as {}.\n\nMake your account here (the link works \
                 once, for 14 days):\n{account}\n",
                ic.who.user_name,
                ic.cohort.title,
                role_label(part).to_lowercase()
            )
        };
        match state.mailer.send(&inv.email, &subject, body).await {
            Ok(()) => sending.sent += 1,
            Err(e) => {
                tracing::warn!(cohort = ic.cohort.id, "cohort invitation not sent");
                sending.failed.push(format!(
                    "{} ({}). Send them this link yourself; it works once, for 14 days: {account}",
                    inv.email,
                    mail_trouble(&e)
                ));
            }
        }
    }
    Ok(())
}

/// `GET /cohorts/{cohort}/letters/{user}.pdf`: one participant's letter as a PDF.
async fn letter_pdf(
    State(state): State<AppState>,
    AsFacilitator(ic): AsFacilitator,
    Path((_, file)): Path<(i64, String)>,
) -> Result<Response, AppError> {
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
