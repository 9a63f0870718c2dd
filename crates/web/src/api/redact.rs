//! `POST /api/v1/redact`: de-identifies a text, as `recordwell redact --format json` does.

use super::{ApiCaller, ApiJson};
use crate::error::ApiError;
use axum::Json;
use recordwell_redact::{Entity, Options};
use serde::{Deserialize, Serialize};

/// The request.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RedactRequest {
    /// The text.
    pub text: String,
    /// Replace with █ (keeps lengths) instead of labels.
    #[serde(default)]
    pub mask: bool,
    /// Hide every date, not only dates of birth.
    #[serde(default)]
    pub all_dates: bool,
    /// Hide organisation names (default true).
    pub organisations: Option<bool>,
    /// Local terms to hide wherever they appear.
    #[serde(default)]
    pub terms: Vec<String>,
}

/// The response.
#[derive(Debug, Serialize)]
pub struct RedactResponse {
    /// The de-identified text.
    pub text: String,
    /// What was replaced; offsets are bytes into the request text.
    pub entities: Vec<EntityView>,
}

/// One replaced identifier.
#[derive(Debug, Serialize)]
pub struct EntityView {
    /// Kind (`person`, `address`, …).
    pub kind: &'static str,
    /// Start byte.
    pub start: usize,
    /// End byte.
    pub end: usize,
    /// The original text.
    pub text: String,
    /// What replaced it.
    pub replacement: String,
}

impl From<Entity> for EntityView {
    fn from(e: Entity) -> Self {
        EntityView { kind: e.kind.id(), start: e.start, end: e.end, text: e.text, replacement: e.replacement }
    }
}

/// The handler.
pub async fn redact(
    _caller: ApiCaller,
    ApiJson(req): ApiJson<RedactRequest>,
) -> Result<Json<RedactResponse>, ApiError> {
    let options = Options {
        mask: req.mask,
        all_dates: req.all_dates,
        organisations: req.organisations.unwrap_or(true),
        custom_terms: req.terms,
        ..Options::default()
    };
    let out = tokio::task::spawn_blocking(move || recordwell_redact::redact(&req.text, &options))
        .await
        .map_err(|_| ApiError::new(axum::http::StatusCode::INTERNAL_SERVER_ERROR, "internal", "redaction failed"))?;
    Ok(Json(RedactResponse { text: out.text, entities: out.entities.into_iter().map(EntityView::from).collect() }))
}
