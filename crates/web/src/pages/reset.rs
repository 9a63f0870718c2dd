//! Password reset by emailed link. The request page says the same thing whether or not the
//! address has an account, so it cannot be used to find out who works where.

use super::invitations::{ChoosePasswordPage, dead_link};
use super::{MessagePage, PageForm, render};
use crate::auth::token::{hash_token, random_token};
use crate::auth::{Visitor, password, throttle};
use crate::error::AppError;
use crate::state::AppState;
use crate::views::Frame;
use askama::Template;
use axum::extract::{ConnectInfo, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use recordwell_store::limits::{self, Limit};
use recordwell_store::{resets, sessions, users};
use serde::Deserialize;
use std::net::SocketAddr;

/// How long a reset link works.
const RESET_TTL_SECS: i64 = 3600;

/// Reset emails one address can be sent in an hour (reserved before sending, so parallel
/// requests cannot flood someone's inbox).
pub const EMAILS_PER_ACCOUNT: Limit = Limit { uses: 3, window_secs: 3600 };
/// Reset requests one client address can make in an hour.
pub const REQUESTS_PER_CLIENT: Limit = Limit { uses: 20, window_secs: 3600 };

#[derive(Template)]
#[template(path = "reset_request.html")]
struct RequestPage {
    frame: Frame,
    errors: Vec<String>,
}

/// The request field.
#[derive(Deserialize)]
pub struct RequestForm {
    email: String,
}

/// The new password field.
#[derive(Deserialize)]
pub struct ChooseForm {
    password: String,
}

/// `GET /password-reset`.
pub async fn request_form(visitor: Visitor) -> Result<Response, AppError> {
    render(&RequestPage { frame: Frame::new(&visitor, "signin"), errors: vec![] })
}

/// `POST /password-reset`: emails a link if the address has an account.
pub async fn request(
    State(state): State<AppState>,
    visitor: Visitor,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    PageForm(f): PageForm<RequestForm>,
) -> Result<Response, AppError> {
    let client = state.settings.trust_forwarded_for.client_of(peer.ip(), &headers);
    // The account's key is reserved whether or not the address has an account, so the answer
    // says nothing about who works where.
    let account_key = format!("reset:email:{}", hash_token(&users::normalise_email(&f.email)));
    let allowed =
        limits::reserve(&state.store, &throttle::client_key("reset", client), REQUESTS_PER_CLIENT).await?.is_some()
            && limits::reserve(&state.store, &account_key, EMAILS_PER_ACCOUNT).await?.is_some();
    if !allowed {
        let page = RequestPage {
            frame: Frame::new(&visitor, "signin"),
            errors: vec![
                "Too many password resets have been asked for. Wait an hour and try again, or ask your organisation's administrator.".to_owned(),
            ],
        };
        return Ok((StatusCode::TOO_MANY_REQUESTS, render(&page)?).into_response());
    }
    if let Some(user) = users::by_email(&state.store, &f.email).await?.filter(|u| u.disabled == 0) {
        let token = random_token();
        resets::create(&state.store, &hash_token(&token), user.id, RESET_TTL_SECS).await?;
        let body = format!(
            "Hello {},\n\nSomeone asked to reset the password of your Recordwell account. If it was you, choose a new password here within an hour:\n\n{}/password-reset/{}\n\nIf it was not you, ignore this email: your password has not changed.\n",
            user.name, state.public_url, token
        );
        if let Err(e) = state.mailer.send(&user.email, "Reset your Recordwell password", body).await {
            // Only what kind of failure: the error's text can quote the address.
            let reason = match e {
                crate::mail::MailError::NotConfigured => "no mail server is set up",
                crate::mail::MailError::BadAddress(_) => "the account's address is not valid",
                crate::mail::MailError::Send(_) => "the mail server did not accept it",
            };
            tracing::warn!(user = user.id, reason, "password reset email not sent");
        }
    }
    render(&MessagePage {
        frame: Frame::new(&visitor, "signin"),
        heading: "Check your email".to_owned(),
        paragraphs: vec![
            "If that address has an account, we have sent it a link to choose a new password. The link works once, for one hour.".to_owned(),
            "Nothing arrived? Check your junk folder, or ask your organisation's administrator.".to_owned(),
        ],
        link: Some(("/signin".to_owned(), "Back to sign in".to_owned())),
    })
}

fn page(visitor: &Visitor, token: &str, errors: Vec<String>) -> ChoosePasswordPage {
    ChoosePasswordPage {
        frame: Frame::new(visitor, "signin"),
        heading: "Choose a new password",
        intro: "Choose a new password for your Recordwell account. You will be signed out everywhere else.".to_owned(),
        action: format!("/password-reset/{token}"),
        ask_name: false,
        name: String::new(),
        button: "Change my password",
        errors,
    }
}

/// `GET /password-reset/{token}`.
pub async fn choose_form(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    match resets::find_open(&state.store, &hash_token(&token)).await? {
        Some(_) => render(&page(&visitor, &token, vec![])),
        None => dead_link(&visitor, "password reset"),
    }
}

/// `POST /password-reset/{token}`.
pub async fn choose(
    State(state): State<AppState>,
    visitor: Visitor,
    Path(token): Path<String>,
    PageForm(f): PageForm<ChooseForm>,
) -> Result<Response, AppError> {
    let hash = hash_token(&token);
    let Some(user_id) = resets::find_open(&state.store, &hash).await? else {
        return dead_link(&visitor, "password reset");
    };
    if let Some(problem) = password::problem_with(&f.password) {
        return Ok((StatusCode::BAD_REQUEST, render(&page(&visitor, &token, vec![problem]))?).into_response());
    }
    if !resets::mark_used(&state.store, &hash).await? {
        return dead_link(&visitor, "password reset");
    }
    users::set_password(&state.store, user_id, &password::hash(&f.password)).await?;
    sessions::delete_for_user(&state.store, user_id).await?;
    if let Some(u) = users::by_id(&state.store, user_id).await?.map(|u| u.email) {
        // A new password is a fresh start: the sign-in lock that may have led here is lifted.
        throttle::clear_account(&state.store, &u).await?;
    }
    for (org, _) in users::memberships(&state.store, user_id).await? {
        crate::audit::log_as(&state.store, Some(org), Some(user_id), "user.password-reset", "user", Some(user_id), "")
            .await?;
    }
    render(&MessagePage {
        frame: Frame::new(&visitor, "signin"),
        heading: "Your password has been changed".to_owned(),
        paragraphs: vec!["Sign in with your new password.".to_owned()],
        link: Some(("/signin".to_owned(), "Sign in".to_owned())),
    })
}
