//! Server-rendered pages, one module per area. Routes are grouped here by who may use them
//! (see [`crate::access`]).

pub mod account;
pub mod admin;
pub mod feedback;
pub mod home;
pub mod invitations;
pub mod records;
pub mod reset;
pub mod setup;
pub mod signin;

use crate::error::AppError;
use crate::state::AppState;
use askama::Template;
use axum::extract::{FromRequest, Request};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use serde::de::DeserializeOwned;

/// Routes anyone may use.
pub fn public_routes() -> Router<AppState> {
    Router::new()
        .route("/", get(home::start))
        .route("/healthz", get(home::healthz))
        .route("/readyz", get(home::readyz))
        .route("/static/{file}", get(home::static_file))
        .route("/setup", get(setup::form).post(setup::submit))
        .route("/signin", get(signin::form).post(signin::submit))
        .route("/invitations/{token}", get(invitations::form).post(invitations::accept))
        .route("/password-reset", get(reset::request_form).post(reset::request))
        .route("/password-reset/{token}", get(reset::choose_form).post(reset::choose))
}

/// Routes for anyone signed in.
pub fn member_routes() -> Router<AppState> {
    Router::new()
        .route("/signout", post(signin::sign_out))
        .route("/account", get(account::show))
        .route("/account/organisation", post(account::switch))
        .route("/records", get(records::list).post(records::create))
        .route("/records/new", get(records::new_form))
        .route("/records/feedback", post(feedback::live))
        .route("/records/{id}", get(records::show).post(records::save))
        .route("/records/{id}/draft", post(records::autosave))
        .route("/records/{id}/share", post(records::share))
        .route("/records/{id}/comments", post(records::comment))
        .route("/records/{id}/history", get(records::history))
}

/// Routes for administrators.
pub fn admin_routes() -> Router<AppState> {
    Router::new()
        .route("/admin/people", get(admin::people))
        .route("/admin/invitations", post(admin::invite))
        .route("/admin/people/{id}", post(admin::update_person))
        .route("/admin/services", post(admin::add_service))
        .route("/admin/services/{id}", post(admin::edit_service))
        .route("/admin/tokens", get(admin::tokens).post(admin::create_token))
        .route("/admin/tokens/{id}/revoke", post(admin::revoke_token))
        .route("/admin/audit", get(admin::audit))
        .route("/admin/audit.csv", get(admin::audit_csv))
}

/// The 404 page for unknown paths.
pub async fn not_found() -> AppError {
    AppError::NotFound
}

/// Renders a template as a page.
pub fn render(t: &impl Template) -> Result<Response, AppError> {
    Ok(Html(t.render()?).into_response())
}

/// A form body, with a clear page when it is too large or malformed. Every field is checked
/// before it is read: text that is not valid UTF-8 (which a lenient reader would turn into
/// replacement characters, silently changing what someone wrote) and control characters such as
/// NUL (which one database stores and the other refuses) are refused, saying which field.
pub struct PageForm<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for PageForm<T> {
    type Rejection = Response;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let (parts, body) = req.into_parts();
        let bytes = match axum::body::Bytes::from_request(Request::from_parts(parts.clone(), body), state).await {
            Ok(b) => b,
            Err(e) if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE => {
                return Err(crate::error::too_large_page());
            }
            Err(e) => return Err(unreadable(&e.body_text())),
        };
        if let Some(problem) = crate::input::form_problem(&bytes) {
            return Err(AppError::BadRequest(problem).into_response());
        }
        match Form::<T>::from_request(Request::from_parts(parts, axum::body::Body::from(bytes)), state).await {
            Ok(Form(t)) => Ok(PageForm(t)),
            Err(e) => Err(unreadable(&e.body_text())),
        }
    }
}

/// A JSON body sent by the pages' own scripts (live feedback, drafts), refused like
/// [`PageForm`] when it holds text that cannot be stored.
pub struct PageJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for PageJson<T> {
    type Rejection = Response;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let value = match axum::Json::<serde_json::Value>::from_request(req, state).await {
            Ok(axum::Json(v)) => v,
            Err(e) if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE => {
                return Err(crate::error::too_large_page());
            }
            Err(e) => return Err(unreadable(&e.body_text())),
        };
        if let Some(c) = crate::input::json_unstorable(&value) {
            return Err(AppError::BadRequest(crate::input::json_unstorable_message(c)).into_response());
        }
        serde_json::from_value(value).map(PageJson).map_err(|e| unreadable(&e.to_string()))
    }
}

fn unreadable(why: &str) -> Response {
    AppError::BadRequest(format!("The form could not be read ({why}). Go back and try again.")).into_response()
}

/// A message page.
#[derive(Template)]
#[template(path = "message.html")]
pub struct MessagePage {
    /// Frame.
    pub frame: crate::views::Frame,
    /// Heading.
    pub heading: String,
    /// Paragraphs.
    pub paragraphs: Vec<String>,
    /// An optional link (href, text).
    pub link: Option<(String, String)>,
}
