//! Signing in and out.

use super::setup::see_other_with_cookie;
use super::{PageForm, render};
use crate::access::safe_next;
use crate::auth::{CurrentSession, Visitor, password, session, throttle};
use crate::error::AppError;
use crate::state::AppState;
use crate::views::Frame;
use askama::Template;
use axum::extract::{ConnectInfo, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use recordwell_store::{sessions, users};
use serde::Deserialize;
use std::net::SocketAddr;

#[derive(Template)]
#[template(path = "signin.html")]
struct SignInPage {
    frame: Frame,
    errors: Vec<String>,
    email: String,
    next: String,
}

/// `?next=` on the sign-in page.
#[derive(Deserialize)]
pub struct NextQuery {
    next: Option<String>,
}

/// The sign-in fields.
#[derive(Deserialize)]
pub struct SignInForm {
    email: String,
    password: String,
    next: Option<String>,
}

/// `GET /signin`.
pub async fn form(visitor: Visitor, Query(q): Query<NextQuery>) -> Result<Response, AppError> {
    render(&SignInPage {
        frame: Frame::new(&visitor, "signin"),
        errors: vec![],
        email: String::new(),
        next: safe_next(q.next.as_deref()),
    })
}

/// `POST /signin`.
pub async fn submit(
    State(state): State<AppState>,
    visitor: Visitor,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: axum::http::HeaderMap,
    PageForm(f): PageForm<SignInForm>,
) -> Result<Response, AppError> {
    let next = safe_next(f.next.as_deref());
    let client = state.settings.trust_forwarded_for.client_of(peer.ip(), &headers);
    let refuse = |status, message: &str| -> Result<Response, AppError> {
        let page = SignInPage {
            frame: Frame::new(&visitor, "signin"),
            errors: vec![message.to_owned()],
            email: f.email.clone(),
            next: next.clone(),
        };
        Ok((status, render(&page)?).into_response())
    };
    // Reserved before the password is verified, so parallel attempts cannot pass the limit.
    let Some(attempt) = throttle::begin(&state.store, &f.email, client).await? else {
        return refuse(
            StatusCode::TOO_MANY_REQUESTS,
            "Too many attempts to sign in. Wait 15 minutes and try again, or reset your password.",
        );
    };
    let user = users::by_email(&state.store, &f.email).await?;
    let verified = match user.as_ref().and_then(|u| u.password_hash.as_deref().map(|h| (u, h))) {
        Some((u, hash)) => password::verify(&f.password, hash) && u.disabled == 0,
        None => {
            password::verify_dummy(&f.password);
            false
        }
    };
    if !verified {
        log_failure(&state, user.as_ref()).await?;
    }
    let Some(user) = user.filter(|_| verified) else {
        return refuse(
            StatusCode::UNAUTHORIZED,
            "The email address or password is not right. Check them and try again.",
        );
    };
    let Some((org_id, _)) = users::memberships(&state.store, user.id).await?.into_iter().next() else {
        return refuse(StatusCode::FORBIDDEN, "Your account is not part of any organisation. Ask your administrator.");
    };
    attempt.succeeded(&state.store).await?;
    crate::audit::log_as(&state.store, Some(org_id), Some(user.id), "session.sign-in", "user", Some(user.id), "")
        .await?;
    let cookie = session::start(&state, user.id, org_id).await?;
    Ok(see_other_with_cookie(&next, cookie))
}

/// A failed sign-in to a known account goes into its organisation's audit log (unknown
/// addresses are counted for throttling only: there is no organisation to tell).
async fn log_failure(state: &AppState, user: Option<&users::User>) -> Result<(), AppError> {
    let Some(u) = user else { return Ok(()) };
    for (org, _) in users::memberships(&state.store, u.id).await? {
        crate::audit::log_as(&state.store, Some(org), Some(u.id), "session.sign-in-failed", "user", Some(u.id), "")
            .await?;
    }
    Ok(())
}

/// `POST /signout`.
pub async fn sign_out(State(state): State<AppState>, CurrentSession(s): CurrentSession) -> Result<Response, AppError> {
    sessions::delete(&state.store, &s.id_hash).await?;
    crate::audit::log(&state.store, &s, "session.sign-out", "user", Some(s.user_id), "").await?;
    Ok(see_other_with_cookie("/signin", session::end_cookie(&state)))
}
