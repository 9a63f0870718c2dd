//! First visit to a new instance: create the organisation and its first administrator.

use super::{PageForm, render};
use crate::auth::{Visitor, password, session};
use crate::error::AppError;
use crate::state::AppState;
use crate::views::Frame;
use askama::Template;
use axum::extract::State;
use axum::http::header::{LOCATION, SET_COOKIE};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use recordwell_store::orgs::{self, Role};
use recordwell_store::users;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "setup.html")]
struct SetupPage {
    frame: Frame,
    errors: Vec<String>,
    organisation: String,
    name: String,
    email: String,
}

/// The set-up form fields.
#[derive(Deserialize)]
pub struct SetupForm {
    organisation: String,
    name: String,
    email: String,
    password: String,
}

/// `GET /setup`.
pub async fn form(State(state): State<AppState>, visitor: Visitor) -> Result<Response, AppError> {
    if orgs::count(&state.store).await? > 0 {
        return Ok(Redirect::to("/signin").into_response());
    }
    render(&SetupPage {
        frame: Frame::new(&visitor, "setup"),
        errors: vec![],
        organisation: String::new(),
        name: String::new(),
        email: String::new(),
    })
}

/// `POST /setup`: only while no organisation exists.
pub async fn submit(
    State(state): State<AppState>,
    visitor: Visitor,
    PageForm(f): PageForm<SetupForm>,
) -> Result<Response, AppError> {
    if orgs::count(&state.store).await? > 0 {
        return Ok(Redirect::to("/signin").into_response());
    }
    let mut errors = vec![];
    if f.organisation.trim().is_empty() {
        errors.push("Enter the organisation's name.".to_owned());
    }
    if f.name.trim().is_empty() {
        errors.push("Enter your name.".to_owned());
    }
    if !looks_like_email(&f.email) {
        errors.push("Enter an email address like name@example.org.".to_owned());
    }
    errors.extend(password::problem_with(&f.password));
    if !errors.is_empty() {
        let page = SetupPage {
            frame: Frame::new(&visitor, "setup"),
            errors,
            organisation: f.organisation,
            name: f.name,
            email: f.email,
        };
        return Ok((StatusCode::BAD_REQUEST, render(&page)?).into_response());
    }
    let org = orgs::create(&state.store, f.organisation.trim()).await?;
    let hash = password::hash(&f.password);
    let user = users::create(&state.store, &f.email, f.name.trim(), Some(&hash)).await?;
    users::set_membership(&state.store, user, org, Role::Administrator, None).await?;
    crate::audit::log_as(&state.store, Some(org), Some(user), "organisation.create", "organisation", Some(org), "")
        .await?;
    let cookie = session::start(&state, user, org).await?;
    Ok(see_other_with_cookie("/admin/people", cookie))
}

/// A 303 redirect that also sets a cookie.
pub fn see_other_with_cookie(to: &str, cookie: HeaderValue) -> Response {
    // `to` is always one of our own paths; "/" is the safe fallback for anything unsendable.
    let location = HeaderValue::try_from(to).unwrap_or_else(|_| HeaderValue::from_static("/"));
    (StatusCode::SEE_OTHER, [(LOCATION, location), (SET_COOKIE, cookie)]).into_response()
}

/// A light check: the mail server is the real judge.
pub fn looks_like_email(s: &str) -> bool {
    let s = s.trim();
    s.len() <= 254
        && s.split_once('@').is_some_and(|(a, b)| !a.is_empty() && b.contains('.') && !s.contains(char::is_whitespace))
}
