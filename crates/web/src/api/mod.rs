//! The JSON API under `/api/v1`, for case management systems and scripts.
//!
//! Callers authenticate with the browser session (plus the CSRF header on writes) or an
//! `Authorization: Bearer rwt_…` token made by an administrator; a token acts as the person who
//! made it. Errors are `{"error": {"code", "message"}}` with a stable code. The OpenAPI
//! document at `/api/v1/openapi.json` describes every route.

pub mod check;
pub mod openapi;
pub mod records;
pub mod redact;

use crate::auth::Visitor;
use crate::auth::token::hash_token;
use crate::error::ApiError;
use crate::state::AppState;
use axum::Router;
use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::StatusCode;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use axum::routing::{get, post};
use recordwell_store::{orgs, sessions::Session, tokens, users};
use serde::de::DeserializeOwned;
use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};
use std::time::{Duration, Instant};

/// The API's routes (nested under `/api/v1`).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/openapi.json", get(openapi::document))
        .route("/check", post(check::check))
        .route("/redact", post(redact::redact))
        .route("/records", get(records::list).post(records::create))
        .route("/records/{id}", get(records::read).put(records::update))
        .fallback(|| async { ApiError::new(StatusCode::NOT_FOUND, "no_such_route", "no such API route; see /api/v1/openapi.json") })
}

/// Who is calling: a session-like identity from the browser session or an API token.
#[derive(Debug, Clone)]
pub struct ApiCaller {
    /// The person acting (for tokens, the administrator who made it).
    pub who: Session,
    /// The token used, if any.
    pub token_id: Option<i64>,
}

impl FromRequestParts<AppState> for ApiCaller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        if let Some(auth) = parts.headers.get(AUTHORIZATION) {
            let token = auth.to_str().ok().and_then(|v| v.strip_prefix("Bearer ")).map(str::trim);
            return match token {
                Some(t) => from_token(state, t).await,
                None => Err(unauthorised("the Authorization header must be \"Bearer <token>\"")),
            };
        }
        let visitor = parts.extensions.get::<Visitor>().cloned();
        match visitor.and_then(|v| v.session) {
            Some(who) => Ok(ApiCaller { who, token_id: None }),
            None => Err(unauthorised("sign in, or send an API token as \"Authorization: Bearer <token>\"")),
        }
    }
}

fn unauthorised(message: &str) -> ApiError {
    ApiError::new(StatusCode::UNAUTHORIZED, "unauthorised", message)
}

/// How long a token's caller is remembered after it was looked up in the database.
///
/// Looking a token up takes five queries, one of them a write (`last_used_at`); on SQLite that
/// cost more than checking a 2,000-word record. Remembering the answer for a few seconds means
/// a busy caller costs those queries once per interval instead of once per request, and
/// `last_used_at` is still at most this far behind. The price: revoking a token, or switching
/// off the person who made it, takes up to this long to stop requests already being made with it.
const TOKEN_CACHE_TTL: Duration = Duration::from_secs(5);

/// Callers of recently checked tokens, by token hash, with when they were checked. Only valid
/// tokens are kept, so it holds at most one entry per live token.
static TOKEN_CACHE: LazyLock<Mutex<HashMap<String, (Instant, ApiCaller)>>> = LazyLock::new(Default::default);

async fn from_token(state: &AppState, token: &str) -> Result<ApiCaller, ApiError> {
    let hash = hash_token(token);
    if let Some(caller) = remembered(&hash) {
        return Ok(caller);
    }
    let caller = look_up_token(state, &hash).await?;
    remember(hash, &caller);
    Ok(caller)
}

fn remembered(hash: &str) -> Option<ApiCaller> {
    let cache = TOKEN_CACHE.lock().unwrap_or_else(|e| e.into_inner());
    cache.get(hash).filter(|(at, _)| at.elapsed() < TOKEN_CACHE_TTL).map(|(_, caller)| caller.clone())
}

fn remember(hash: String, caller: &ApiCaller) {
    let mut cache = TOKEN_CACHE.lock().unwrap_or_else(|e| e.into_inner());
    cache.retain(|_, (at, _)| at.elapsed() < TOKEN_CACHE_TTL);
    cache.insert(hash, (Instant::now(), caller.clone()));
}

/// Forgets every remembered token, so that the next request with each is checked against the
/// database again. Call it after revoking a token or changing someone's access in this process
/// to make the change immediate rather than up to [`TOKEN_CACHE_TTL`] later.
pub fn forget_remembered_tokens() {
    TOKEN_CACHE.lock().unwrap_or_else(|e| e.into_inner()).clear();
}

async fn look_up_token(state: &AppState, hash: &str) -> Result<ApiCaller, ApiError> {
    let Some((token_id, org_id, creator)) = tokens::authenticate(&state.store, hash).await? else {
        return Err(unauthorised("this API token is not valid or has been revoked"));
    };
    let user = users::by_id(&state.store, creator).await?.filter(|u| u.disabled == 0);
    let role = users::role_in(&state.store, creator, org_id).await?;
    let org = orgs::get(&state.store, org_id).await?;
    match (user, role, org) {
        (Some(u), Some(role), Some(org)) => Ok(ApiCaller {
            who: Session {
                id_hash: String::new(),
                user_id: u.id,
                user_name: u.name,
                email: u.email,
                org_id,
                org_name: org.name,
                role,
                csrf_token: String::new(),
                expires_at: i64::MAX,
            },
            token_id: Some(token_id),
        }),
        _ => Err(unauthorised("the person who made this token can no longer use Recordwell; make a new token")),
    }
}

/// A JSON body whose problems are reported as API errors: 413 when too large, 400 saying what
/// is wrong with the JSON, 415 without a JSON content type.
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(t)) => Ok(ApiJson(t)),
            Err(e) => Err(json_problem(e)),
        }
    }
}

fn json_problem(e: JsonRejection) -> ApiError {
    let status = e.status();
    match e {
        JsonRejection::MissingJsonContentType(_) => {
            ApiError::new(status, "unsupported_media_type", "send the body as JSON with Content-Type: application/json")
        }
        JsonRejection::JsonSyntaxError(e) => ApiError::new(status, "invalid_json", format!("the body is not valid JSON: {}", e.body_text())),
        JsonRejection::JsonDataError(e) => ApiError::new(status, "invalid_request", format!("the JSON does not fit: {}", e.body_text())),
        _ if status == StatusCode::PAYLOAD_TOO_LARGE => {
            ApiError::new(status, "payload_too_large", "the body is larger than this server accepts; send a shorter text")
        }
        other => ApiError::new(status, "invalid_request", other.body_text()),
    }
}
