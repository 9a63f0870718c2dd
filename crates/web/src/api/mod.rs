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
pub mod series;

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
use recordwell_store::{sessions::Session, tokens};
use serde::de::DeserializeOwned;

/// The API's routes (nested under `/api/v1`).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/openapi.json", get(openapi::document))
        .route("/check", post(check::check))
        .route("/redact", post(redact::redact))
        .route("/records", get(records::list).post(records::create))
        .route("/records/{id}", get(records::read).put(records::update))
        .route("/series", get(series::list))
        .route("/series/{id}", get(series::read))
        .fallback(|| async {
            ApiError::new(StatusCode::NOT_FOUND, "no_such_route", "no such API route; see /api/v1/openapi.json")
        })
        .method_not_allowed_fallback(|| async {
            ApiError::new(
                StatusCode::METHOD_NOT_ALLOWED,
                "method_not_allowed",
                "this route does not take that method; see /api/v1/openapi.json",
            )
        })
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

async fn from_token(state: &AppState, token: &str) -> Result<ApiCaller, ApiError> {
    let Some(t) = tokens::authenticate(&state.store, &hash_token(token)).await? else {
        return Err(unauthorised(
            "this API token is not valid, has been revoked, or its maker can no longer use Recordwell",
        ));
    };
    Ok(ApiCaller {
        who: Session {
            id_hash: String::new(),
            user_id: t.user_id,
            user_name: t.user_name,
            email: t.email,
            org_id: t.org_id,
            org_name: t.org_name,
            role: t.role,
            csrf_token: String::new(),
            expires_at: i64::MAX,
        },
        token_id: Some(t.token_id),
    })
}

/// A JSON body whose problems are reported as API errors: 413 when too large, 400 saying what
/// is wrong with the JSON, 415 without a JSON content type.
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let value = match axum::Json::<serde_json::Value>::from_request(req, state).await {
            Ok(axum::Json(v)) => v,
            Err(e) => return Err(json_problem(e)),
        };
        if let Some(c) = crate::input::json_unstorable(&value) {
            return Err(ApiError::invalid(crate::input::json_unstorable_message(c)));
        }
        serde_json::from_value(value)
            .map(ApiJson)
            .map_err(|e| ApiError::invalid(format!("the JSON does not fit the request's shape: {e}")))
    }
}

fn json_problem(e: JsonRejection) -> ApiError {
    let status = e.status();
    match e {
        JsonRejection::MissingJsonContentType(_) => {
            ApiError::new(status, "unsupported_media_type", "send the body as JSON with Content-Type: application/json")
        }
        JsonRejection::JsonSyntaxError(e) => {
            ApiError::new(status, "invalid_json", format!("the body is not valid JSON: {}", e.body_text()))
        }
        JsonRejection::JsonDataError(e) => {
            ApiError::invalid(format!("the JSON does not fit the request's shape: {}", e.body_text()))
        }
        _ if status == StatusCode::PAYLOAD_TOO_LARGE => ApiError::new(
            status,
            "payload_too_large",
            "the body is larger than this server accepts; send a shorter text",
        ),
        other => ApiError::new(status, "invalid_request", other.body_text()),
    }
}
