//! Errors as people and programs see them.
//!
//! Pages get a plain HTML page saying what happened and what to do; the API gets JSON with a
//! message and a stable `code`. Neither ever repeats record text, and "not found" is the same
//! whether a record does not exist or belongs to someone else, so ids reveal nothing.

use crate::auth::Visitor;
use crate::pages::MessagePage;
use crate::views::Frame;
use askama::Template;
use axum::Json;
use axum::extract::Request;
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use recordwell_store::StoreError;

/// An error from a page handler.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// No such thing, or not yours to see.
    #[error("not found")]
    NotFound,
    /// Signed in, but the role does not allow it.
    #[error("forbidden")]
    Forbidden,
    /// The request was wrong; the message says how.
    #[error("{0}")]
    BadRequest(String),
    /// The database failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A template failed to render.
    #[error("template: {0}")]
    Template(#[from] askama::Error),
    /// Anything else unexpected.
    #[error("{0}")]
    Internal(String),
}

impl AppError {
    fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Forbidden => StatusCode::FORBIDDEN,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let status = self.status();
        let (title, advice) = match &self {
            AppError::NotFound => ("Page not found", "Check the address, or go back to your records.".to_owned()),
            AppError::Forbidden => (
                "You cannot do that",
                "Your role does not allow this. Ask your organisation's administrator if you need it.".to_owned(),
            ),
            AppError::BadRequest(msg) => ("There is a problem", msg.clone()),
            _ => {
                // Logged without request content: the message names the failing part only.
                tracing::error!(error = %self, "request failed");
                ("Sorry, something went wrong", "Nothing was lost. Try again in a moment.".to_owned())
            }
        };
        let mut response = (status, error_page(title, &advice)).into_response();
        response.extensions_mut().insert(ErrorText { title, advice });
        response
    }
}

/// What an error page says, kept on the response so that [`framed`] can draw it again inside the
/// site's navigation for someone signed in.
#[derive(Debug, Clone)]
struct ErrorText {
    title: &'static str,
    advice: String,
}

/// Middleware: for a signed-in person, an error page (not found, not allowed, a bad form) keeps
/// the site's header and navigation, so they can carry on from where they are. Visitors who are
/// not signed in get the plain page, as do errors that are not pages (the API's JSON).
pub async fn framed(req: Request, next: Next) -> Response {
    let visitor = req.extensions().get::<Visitor>().filter(|v| v.session.is_some()).cloned();
    let mut response = next.run(req).await;
    let (Some(visitor), Some(text)) = (visitor, response.extensions_mut().remove::<ErrorText>()) else {
        return response;
    };
    let page = MessagePage {
        frame: Frame::new(&visitor, ""),
        heading: text.title.to_owned(),
        paragraphs: vec![text.advice],
        link: Some(("/".to_owned(), "Go to the start page".to_owned())),
    };
    match page.render() {
        Ok(html) => (response.status(), Html(html)).into_response(),
        // The plain page is still a good answer.
        Err(_) => response,
    }
}

/// A standalone error page (no session needed).
pub fn error_page(title: &str, advice: &str) -> Html<String> {
    let title = crate::views::escape(title);
    let advice = crate::views::escape(advice);
    Html(format!(
        "<!doctype html><html lang=\"en-GB\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title} – Recordwell</title><link rel=\"stylesheet\" href=\"/static/app.css\"></head>\
         <body><header class=\"rw-header\"><div class=\"rw-width\"><a class=\"rw-brand\" href=\"/\">Recordwell</a></div></header>\
         <main class=\"rw-width rw-main\" id=\"main\"><h1>{title}</h1><p>{advice}</p>\
         <p><a href=\"/\">Go to the start page</a></p></main></body></html>"
    ))
}

/// The page for a form too large to accept: says what to do, and that nothing was saved.
pub fn too_large_page() -> Response {
    (
        StatusCode::PAYLOAD_TOO_LARGE,
        error_page(
            "That is too long to send",
            "The text is larger than this server accepts in one go. Split it into shorter records, or ask your \
             administrator to raise max_body_bytes. Your text has not been saved: copy it before going back.",
        ),
    )
        .into_response()
}

/// An error from the JSON API: a status, a stable code and a message.
#[derive(Debug)]
pub struct ApiError {
    /// HTTP status.
    pub status: StatusCode,
    /// Stable machine-readable code (`not_found`, `invalid_json`, …).
    pub code: &'static str,
    /// What is wrong and what to do.
    pub message: String,
}

impl ApiError {
    /// A new error.
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError { status, code, message: message.into() }
    }

    /// 404 with the same words whether the thing is missing or someone else's.
    pub fn not_found() -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, "not_found", "no such record, or not one you can see")
    }

    /// 400 for a field that is wrong.
    pub fn invalid(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, "invalid_request", message)
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> ApiError {
        tracing::error!(error = %e, "api request failed");
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", "the server could not complete this; try again")
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({"error": {"code": self.code, "message": self.message}});
        (self.status, Json(body)).into_response()
    }
}
