//! `POST /api/v1/check`: the same result object as `recordwell check --format json` gives for
//! one record (without `path`).

use super::{ApiCaller, ApiJson};
use crate::error::ApiError;
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use recordwell_check::{Finding, Metrics, RecordType, Scores};
use serde::{Deserialize, Serialize};

/// The request.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckRequest {
    /// The record's text.
    pub text: String,
    /// The record type (`contact`, `case-summary`, …); `detailed` when absent.
    #[serde(rename = "type")]
    pub record_type: Option<String>,
}

/// The response: what the checker found.
#[derive(Debug, Serialize)]
pub struct CheckResponse {
    /// The record type checked against.
    pub record_type: RecordType,
    /// Findings in text order.
    pub findings: Vec<Finding>,
    /// Readability metrics.
    pub metrics: Metrics,
    /// The two lens scores.
    pub scores: Scores,
}

/// Parses a record type, with the list of valid ones in the error.
pub fn record_type(key: Option<&str>) -> Result<RecordType, ApiError> {
    match key {
        None => Ok(RecordType::Detailed),
        Some(k) => k.parse().map_err(|_| {
            ApiError::invalid(format!("unknown record type \"{k}\"; use one of: {}", RecordType::all_ids().join(", ")))
        }),
    }
}

/// The handler. Checking is CPU work; it runs on the blocking pool so that one long record does
/// not hold up other requests.
pub async fn check(
    State(state): State<AppState>,
    _caller: ApiCaller,
    ApiJson(req): ApiJson<CheckRequest>,
) -> Result<Json<CheckResponse>, ApiError> {
    let record_type = record_type(req.record_type.as_deref())?;
    let config = state.check_config.clone();
    let report = tokio::task::spawn_blocking(move || recordwell_check::check(&req.text, record_type, &config))
        .await
        .map_err(|_| ApiError::new(axum::http::StatusCode::INTERNAL_SERVER_ERROR, "internal", "the check failed"))?;
    Ok(Json(CheckResponse {
        record_type: report.record_type,
        findings: report.findings,
        metrics: report.metrics,
        scores: report.scores,
    }))
}
