//! Invitations: making one (for administrators, facilitators and the command line), and
//! accepting it: the emailed link lets the invited person choose their name and password, and
//! signs them in.

use super::setup::see_other_with_cookie;
use super::{MessagePage, PageForm, render};
use crate::auth::token::{hash_token, random_token};
use crate::auth::{Visitor, password, session};
use crate::error::AppError;
use crate::state::AppState;
use crate::views::Frame;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use recordwell_store::cohorts::CohortRole;
use recordwell_store::orgs::Role;
use recordwell_store::{Store, StoreError, cohorts, invitations, users};
use serde::Deserialize;

/// How long an invitation link works.
pub const INVITE_TTL_SECS: i64 = 14 * 24 * 3600;

/// Someone to invite.
#[derive(Debug, Clone, Copy)]
pub struct Invite<'a> {
    /// The organisation they join.
    pub org_id: i64,
    /// Their email address.
    pub email: &'a str,
    /// The role they will hold there.
    pub role: Role,
    /// Who invites them (none from the command line).
    pub by: Option<i64>,
    /// The cohort they join on accepting, and their part in it.
    pub cohort: Option<(i64, CohortRole)>,
    /// The service they work in, if known.
    pub service_id: Option<i64>,
    /// Whether the link is being sent now (a cohort's invitations wait for its letter).
    pub send_now: bool,
}

impl<'a> Invite<'a> {
    /// An invitation to the organisation alone, sent now.
    pub fn to_organisation(org_id: i64, email: &'a str, role: Role, by: Option<i64>) -> Invite<'a> {
        Invite { org_id, email, role, by, cohort: None, service_id: None, send_now: true }
    }
}

/// Makes an invitation; returns the link to send. Only the hash of the link's token is stored.
pub async fn invite(store: &Store, public_url: &str, inv: Invite<'_>) -> Result<String, StoreError> {
    let token = random_token();
    let new = invitations::NewInvitation {
        token_hash: &hash_token(&token),
        org_id: inv.org_id,
        email: inv.email,
        role: inv.role,
        by: inv.by,
        ttl_secs: INVITE_TTL_SECS,
        cohort: inv.cohort,
        service_id: inv.service_id,
        sent: inv.send_now,
    };
    invitations::create(store, new).await?;
    Ok(link(public_url, &token))
}

/// A new link for a cohort's open invitation to `email`, as it is emailed now (with the
/// invitation letter); the link made before stops working. None when the invitation has been
/// accepted or has expired meanwhile.
pub async fn reissue(
    store: &Store,
    public_url: &str,
    cohort_id: i64,
    email: &str,
) -> Result<Option<String>, StoreError> {
    let token = random_token();
    let done = invitations::reissue(store, cohort_id, email, &hash_token(&token), INVITE_TTL_SECS).await?;
    Ok(done.then(|| link(public_url, &token)))
}

fn link(public_url: &str, token: &str) -> String {
    format!("{}/invitations/{token}", public_url.trim_end_matches('/'))
}

/// The page where a new password is chosen (invitations and resets).
#[derive(Template)]
#[template(path = "choose_password.html")]
pub struct ChoosePasswordPage {
    /// Frame.
    pub frame: Frame,
    /// Heading.
    pub heading: &'static str,
    /// Intro line.
    pub intro: String,
    /// Where the form posts.
    pub action: String,
    /// Whether to ask for a name too.
    pub ask_name: bool,
    /// The name typed so far.
    pub name: String,
    /// Button label.
    pub button: &'static str,
    /// Problems.
    pub errors: Vec<String>,
}

/// The accept fields.
#[derive(Deserialize)]
pub struct AcceptForm {
    name: String,
    password: String,
}

/// A page for a link that no longer works.
pub fn dead_link(visitor: &Visitor, what: &str) -> Result<Response, AppError> {
    let page = MessagePage {
        frame: Frame::new(visitor, "signin"),
        heading: "This link has expired".to_owned(),
        paragraphs: vec![format!("The {what} link has been used already or is too old. Ask for a new one.")],
        link: Some(("/signin".to_owned(), "Go to sign in".to_owned())),
    };
    Ok((StatusCode::NOT_FOUND, render(&page)?).into_response())
}

fn page(visitor: &Visitor, token: &str, email: &str, name: String, errors: Vec<String>) -> ChoosePasswordPage {
    ChoosePasswordPage {
        frame: Frame::new(visitor, "signin"),
        heading: "Join Recordwell",
        intro: format!("You have been invited as {email}. Choose the name colleagues will see and a password."),
        action: format!("/invitations/{token}"),
        ask_name: true,
        name,
        button: "Create my account",
        errors,
    }
}

/// `GET /invitations/{token}`.
pub async fn form(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    match invitations::find_open(&state.store, &hash_token(&token)).await? {
        Some(inv) => render(&page(&visitor, &token, &inv.email, String::new(), vec![])),
        None => dead_link(&visitor, "invitation"),
    }
}

/// `POST /invitations/{token}`.
pub async fn accept(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(token): Path<String>,
    PageForm(f): PageForm<AcceptForm>,
) -> Result<Response, AppError> {
    let hash = hash_token(&token);
    let Some(inv) = invitations::find_open(&state.store, &hash).await? else {
        return dead_link(&visitor, "invitation");
    };
    let mut errors: Vec<String> = password::problem_with(&f.password).into_iter().collect();
    if f.name.trim().is_empty() {
        errors.insert(0, "Enter your name.".to_owned());
    }
    if !errors.is_empty() {
        return Ok(
            (StatusCode::BAD_REQUEST, render(&page(&visitor, &token, &inv.email, f.name, errors))?).into_response()
        );
    }
    if !invitations::mark_accepted(&state.store, &hash).await? {
        return dead_link(&visitor, "invitation");
    }
    let pw = password::hash(&f.password);
    let user_id = match users::by_email(&state.store, &inv.email).await? {
        // Already has an account (in another organisation): join, keep their password.
        Some(u) => u.id,
        None => users::create(&state.store, &inv.email, f.name.trim(), Some(&pw)).await?,
    };
    // Someone who became a member another way since the invitation keeps the role they have:
    // an invitation to a cohort must never change an administrator into a practitioner.
    if users::role_in(&state.store, user_id, inv.org_id).await?.is_none() {
        users::set_membership(&state.store, user_id, inv.org_id, inv.role, inv.service_id).await?;
    } else if let Some(service) = inv.service_id {
        users::set_service_if_none(&state.store, user_id, inv.org_id, service).await?;
    }
    crate::audit::log_as(
        &state.store,
        Some(inv.org_id),
        Some(user_id),
        "invitation.accept",
        "user",
        Some(user_id),
        inv.role.as_str(),
    )
    .await?;
    let landing = match inv.cohort {
        Some((cohort_id, part)) => {
            cohorts::set_person(&state.store, cohort_id, user_id, part, "joined").await?;
            if let (CohortRole::Participant, Some(at)) = (part, inv.sent_at) {
                // Their invitation carried the letter: it is not waiting for them any more.
                cohorts::mark_letter_sent(&state.store, cohort_id, user_id, at).await?;
            }
            crate::audit::log_as(
                &state.store,
                Some(inv.org_id),
                Some(user_id),
                "cohort.person",
                "cohort",
                Some(cohort_id),
                part.as_str(),
            )
            .await?;
            format!("/cohorts/{cohort_id}")
        }
        None => "/records".to_owned(),
    };
    let cookie = session::start(&state, user_id, inv.org_id).await?;
    Ok(see_other_with_cookie(&landing, cookie))
}
