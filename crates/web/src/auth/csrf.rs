//! CSRF protection on every state-changing request.
//!
//! Two checks, both required:
//! 1. the browser says the request came from this site (`Sec-Fetch-Site`, or failing that
//!    `Origin` matching `Host`), and
//! 2. the request carries the visitor's token, in a `csrf` form field or an `X-CSRF-Token` header.
//!    Signed-in visitors' tokens belong to their session; others' are a cookie (double submit).
//!
//! Which checks apply is decided by the credential the request is actually authenticated with,
//! never by a header that merely appears on it. A page request is always authenticated by the
//! session cookie (pages ignore `Authorization`), so every state-changing page request needs
//! both checks, whatever else it carries. An API request with an `Authorization` header is
//! authenticated by that token alone: the session middleware does not load the cookie's session
//! for it, so it arrives here as not signed in and passes to the API, which checks the token
//! (a browser never adds such a header on its own, so a forged request cannot carry one).

use crate::auth::Visitor;
use crate::auth::token::same_secret;
use crate::error::error_page;
use crate::state::AppState;
use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::header::{CONTENT_TYPE, HOST, ORIGIN};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The header `fetch` calls use.
pub const HEADER: &str = "x-csrf-token";

/// Middleware: refuses state-changing requests without a valid token.
pub async fn protect(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if is_safe(req.method()) {
        return next.run(req).await;
    }
    let is_api = req.uri().path().starts_with("/api/");
    let visitor = req.extensions().get::<Visitor>().cloned();
    // The API without a session is answered by the API itself (401): there is no ambient
    // credential for a forged request to borrow.
    if is_api && visitor.as_ref().is_none_or(|v| v.session.is_none()) {
        return next.run(req).await;
    }
    let refuse = || if is_api { refuse_api() } else { refuse() };
    if !same_site(&req) {
        return refuse();
    }
    let Some(expected) = visitor.map(|v| v.csrf) else { return refuse() };
    if let Some(sent) = req.headers().get(HEADER).and_then(|v| v.to_str().ok()) {
        return if same_secret(sent, &expected) { next.run(req).await } else { refuse() };
    }
    if is_api || !is_form(&req) {
        return refuse();
    }
    // A form: read the body to find the field, then hand the same bytes on.
    let (parts, body) = req.into_parts();
    let Ok(bytes) = to_bytes(body, state.settings.max_body_bytes).await else {
        return crate::error::too_large_page();
    };
    let sent = form_field(&bytes, "csrf");
    if !sent.is_some_and(|s| same_secret(&s, &expected)) {
        return refuse();
    }
    next.run(Request::from_parts(parts, Body::from(bytes))).await
}

fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

fn is_form(req: &Request) -> bool {
    req.headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"))
}

/// Whether the browser says the request came from this site. Clients that send neither header
/// (scripts, old browsers) pass this check and still need the token.
fn same_site(req: &Request) -> bool {
    let headers = req.headers();
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return matches!(site, "same-origin" | "none");
    }
    match (headers.get(ORIGIN).and_then(|v| v.to_str().ok()), headers.get(HOST).and_then(|v| v.to_str().ok())) {
        (Some(origin), Some(host)) => origin.split_once("://").is_some_and(|(_, h)| h == host),
        (Some(_), None) => false,
        (None, _) => true,
    }
}

/// The first value of `name` in an urlencoded body.
pub fn form_field(body: &[u8], name: &str) -> Option<String> {
    serde_urlencoded_pairs(body).into_iter().find(|(k, _)| k == name).map(|(_, v)| v)
}

fn serde_urlencoded_pairs(body: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(body).into_owned().collect()
}

fn refuse_api() -> Response {
    crate::error::ApiError::new(
        StatusCode::FORBIDDEN,
        "csrf",
        "requests made with the browser session must send the page's token in the X-CSRF-Token header",
    )
    .into_response()
}

fn refuse() -> Response {
    (
        StatusCode::FORBIDDEN,
        error_page(
            "This form has expired",
            "For your security, the form could not be sent: it was open too long, or it came from another site. \
             Go back, reload the page and try again. Nothing you typed has been saved yet, so copy it first.",
        ),
    )
        .into_response()
}
