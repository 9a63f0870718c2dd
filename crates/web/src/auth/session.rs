//! Sessions: the `rw_session` cookie holds a random token; the database holds its hash (see
//! `recordwell_store::sessions`). A middleware looks the session up once per request and leaves
//! a [`Visitor`] in the request for handlers, the CSRF check and the role rules.

use crate::auth::cookies::Cookie;
use crate::auth::token::{hash_token, random_token};
use crate::state::AppState;
use axum::extract::{FromRequestParts, Request, State};
use axum::http::header::{AUTHORIZATION, COOKIE, SET_COOKIE};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use recordwell_store::orgs::Role;
use recordwell_store::sessions::{self, Session};

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "rw_session";
/// The cookie carrying the CSRF token of visitors who are not signed in (double submit).
pub const CSRF_COOKIE: &str = "rw_csrf";

/// Whoever is asking: signed in or not, with the CSRF token their forms must carry.
#[derive(Debug, Clone)]
pub struct Visitor {
    /// The session, when signed in.
    pub session: Option<Session>,
    /// The token forms and `fetch` calls must send back.
    pub csrf: String,
    /// Whether `csrf` is new and must be set as a cookie on the response.
    new_csrf_cookie: bool,
}

impl Visitor {
    /// The role of the signed-in person, if any.
    pub fn role(&self) -> Option<Role> {
        self.session.as_ref().map(|s| s.role)
    }
}

/// A signed-in person's session; extracting it from a request without one redirects to sign-in.
#[derive(Debug, Clone)]
pub struct CurrentSession(pub Session);

impl<S: Send + Sync> FromRequestParts<S> for Visitor {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<Visitor>()
            .cloned()
            .ok_or_else(|| crate::error::AppError::Internal("session middleware missing".into()).into_response())
    }
}

impl<S: Send + Sync> FromRequestParts<S> for CurrentSession {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let visitor = Visitor::from_request_parts(parts, state).await?;
        visitor.session.map(CurrentSession).ok_or_else(|| Redirect::to("/signin").into_response())
    }
}

/// Reads a cookie from request headers.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// Middleware: looks up the session and CSRF token and stores a [`Visitor`] in the request.
pub async fn load_visitor(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    // An API request with an Authorization header is made with that credential alone (see
    // `api::ApiCaller`): a session cookie sent beside it is not used, so it must not make the
    // request a signed-in one either (which would also bring the CSRF rules into question).
    let by_api_token = req.uri().path().starts_with("/api/") && req.headers().contains_key(AUTHORIZATION);
    let session = match cookie(req.headers(), SESSION_COOKIE).filter(|_| !by_api_token) {
        Some(token) => match sessions::find(&state.store, &hash_token(token)).await {
            Ok(found) => found,
            Err(e) => return crate::error::AppError::from(e).into_response(),
        },
        None => None,
    };
    let (csrf, new_csrf_cookie) = match (&session, cookie(req.headers(), CSRF_COOKIE)) {
        (Some(s), _) => (s.csrf_token.clone(), false),
        (None, Some(t)) if t.len() == 43 => (t.to_owned(), false),
        (None, _) => (random_token(), true),
    };
    let visitor = Visitor { session, csrf, new_csrf_cookie };
    req.extensions_mut().insert(visitor.clone());
    let mut response = next.run(req).await;
    // Only pages carry forms; health probes and static files need no cookie.
    let is_page = response
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if visitor.new_csrf_cookie && is_page {
        let cookie = Cookie::new(CSRF_COOKIE, &visitor.csrf, None).header(&state.public_url);
        response.headers_mut().append(SET_COOKIE, cookie);
    }
    response
}

/// Starts a session for a user in an organisation; returns the `Set-Cookie` value.
pub async fn start(state: &AppState, user_id: i64, org_id: i64) -> Result<HeaderValue, recordwell_store::StoreError> {
    let token = random_token();
    let ttl = state.settings.session_hours.max(1) * 3600;
    sessions::create(&state.store, &hash_token(&token), user_id, org_id, &random_token(), ttl).await?;
    Ok(Cookie::new(SESSION_COOKIE, &token, Some(ttl)).header(&state.public_url))
}

/// The `Set-Cookie` value that removes the session cookie (`Secure` like the cookie it removes).
pub fn end_cookie(state: &AppState) -> HeaderValue {
    Cookie::removal(SESSION_COOKIE).header(&state.public_url)
}
