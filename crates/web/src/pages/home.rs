//! The start page, health checks and static files.

use crate::auth::Visitor;
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::{IntoResponse, Redirect, Response};

/// `/`: set-up on a new instance, records when signed in, sign-in otherwise.
pub async fn start(State(state): State<AppState>, visitor: Visitor) -> Result<Response, AppError> {
    if recordwell_store::orgs::count(&state.store).await? == 0 {
        return Ok(Redirect::to("/setup").into_response());
    }
    Ok(Redirect::to(if visitor.session.is_some() { "/records" } else { "/signin" }).into_response())
}

/// `/healthz`: the process is up.
pub async fn healthz() -> &'static str {
    "ok"
}

/// `/readyz`: the database answers.
pub async fn readyz(State(state): State<AppState>) -> (StatusCode, &'static str) {
    if state.store.ping().await {
        (StatusCode::OK, "ready")
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
    }
}

const CSS: &str = include_str!("../../static/app.css");
const WORKSPACE_JS: &str = include_str!("../../static/workspace.js");
const DAYVIEW_JS: &str = include_str!("../../static/dayview.js");
const LIVE_JS: &str = include_str!("../../static/live.js");

/// `/static/{file}`: the stylesheet and script, embedded in the binary.
pub async fn static_file(Path(file): Path<String>) -> Result<Response, AppError> {
    let (body, kind) = match file.as_str() {
        "app.css" => (CSS, "text/css; charset=utf-8"),
        "workspace.js" => (WORKSPACE_JS, "text/javascript; charset=utf-8"),
        "dayview.js" => (DAYVIEW_JS, "text/javascript; charset=utf-8"),
        "live.js" => (LIVE_JS, "text/javascript; charset=utf-8"),
        _ => return Err(AppError::NotFound),
    };
    Ok(([(CONTENT_TYPE, kind), (CACHE_CONTROL, "public, max-age=300")], body).into_response())
}
