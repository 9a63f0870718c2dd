//! Records through the API: list, read, create, update. The same rules as the pages: a record
//! is its author's until shared; other organisations' records are a plain 404.

use super::check::record_type;
use super::{ApiCaller, ApiJson};
use crate::error::ApiError;
use crate::pages::records::{MAX_TITLE, may_edit, visible};
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use recordwell_store::records::{self, NewRecord, Record, RecordSummary, Save, SaveOutcome};
use serde::{Deserialize, Serialize};

/// A record as the API returns it.
#[derive(Debug, Serialize)]
pub struct RecordView {
    /// Id.
    pub id: i64,
    /// Type key.
    #[serde(rename = "type")]
    pub record_type: String,
    /// Title.
    pub title: String,
    /// Latest text.
    pub text: String,
    /// Latest version (send it back as `base_version` when updating).
    pub version: i64,
    /// Shared with the organisation.
    pub shared: bool,
    /// Author's user id.
    pub author_id: i64,
    /// Created, Unix seconds.
    pub created_at: i64,
    /// Last saved, Unix seconds.
    pub updated_at: i64,
}

impl From<Record> for RecordView {
    fn from(r: Record) -> Self {
        RecordView {
            id: r.id,
            record_type: r.record_type,
            title: r.title,
            text: r.body,
            version: r.version,
            shared: r.shared == 1,
            author_id: r.author_id,
            created_at: r.created_at,
            updated_at: r.updated_at,
        }
    }
}

/// `GET /records` response.
#[derive(Debug, Serialize)]
pub struct RecordList {
    /// The records the caller may read, newest first.
    pub records: Vec<RecordSummary>,
}

/// `GET /api/v1/records`.
pub async fn list(State(state): State<AppState>, caller: ApiCaller) -> Result<Json<RecordList>, ApiError> {
    let records = records::visible_to(&state.store, caller.who.org_id, caller.who.user_id).await?;
    crate::audit::log(&state.store, &caller.who, "record.list", "record", None, via(&caller)).await?;
    Ok(Json(RecordList { records }))
}

fn via(caller: &ApiCaller) -> String {
    caller.token_id.map_or_else(|| "api".to_owned(), |t| format!("api token {t}"))
}

async fn readable(state: &AppState, caller: &ApiCaller, id: i64) -> Result<Record, ApiError> {
    visible(state, &caller.who, id).await?.ok_or_else(ApiError::not_found)
}

/// `GET /api/v1/records/{id}`.
pub async fn read(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<i64>,
) -> Result<Json<RecordView>, ApiError> {
    let r = readable(&state, &caller, id).await?;
    crate::audit::log(&state.store, &caller.who, "record.view", "record", Some(id), via(&caller)).await?;
    Ok(Json(r.into()))
}

/// `POST /api/v1/records` body.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateRequest {
    /// Type key.
    #[serde(rename = "type")]
    pub record_type: String,
    /// Title.
    pub title: String,
    /// Text.
    pub text: String,
}

fn check_title(title: &str) -> Result<(), ApiError> {
    if title.trim().is_empty() {
        return Err(ApiError::invalid("title must not be empty"));
    }
    if title.chars().count() > MAX_TITLE {
        return Err(ApiError::invalid(format!("title must be at most {MAX_TITLE} characters")));
    }
    Ok(())
}

/// `POST /api/v1/records`: 201 with the record.
pub async fn create(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiJson(req): ApiJson<CreateRequest>,
) -> Result<Response, ApiError> {
    let record_type = record_type(Some(&req.record_type))?;
    check_title(&req.title)?;
    let who = &caller.who;
    let id = records::create(
        &state.store,
        NewRecord {
            org_id: who.org_id,
            author_id: who.user_id,
            record_type: record_type.id(),
            title: req.title.trim(),
            body: &req.text,
        },
    )
    .await?;
    crate::audit::log(&state.store, who, "record.create", "record", Some(id), via(&caller)).await?;
    let r = readable(&state, &caller, id).await?;
    Ok((StatusCode::CREATED, [("location", format!("/api/v1/records/{id}"))], Json(RecordView::from(r)))
        .into_response())
}

/// `PUT /api/v1/records/{id}` body.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateRequest {
    /// New title (unchanged when absent).
    pub title: Option<String>,
    /// New record type (unchanged when absent).
    #[serde(rename = "type")]
    pub record_type: Option<String>,
    /// New text.
    pub text: String,
    /// The version this change starts from.
    pub base_version: i64,
    /// Why, required once the record is shared.
    pub reason: Option<String>,
}

/// `PUT /api/v1/records/{id}`: 200 with the record, or 409 `version_conflict`.
pub async fn update(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(id): Path<i64>,
    ApiJson(req): ApiJson<UpdateRequest>,
) -> Result<Json<RecordView>, ApiError> {
    let r = readable(&state, &caller, id).await?;
    if !may_edit(&caller.who, &r) {
        return Err(ApiError::new(StatusCode::FORBIDDEN, "forbidden", "only the record's author can change it"));
    }
    let title = req.title.clone().unwrap_or_else(|| r.title.clone());
    check_title(&title)?;
    let reason = req.reason.as_deref().map(str::trim).filter(|s| !s.is_empty());
    if r.shared == 1 && reason.is_none() {
        return Err(ApiError::invalid("this record is shared: a change is a correction and needs a \"reason\""));
    }
    let record_type = match &req.record_type {
        Some(t) => record_type(Some(t))?.id().to_owned(),
        None => r.record_type.clone(),
    };
    let save = Save {
        org_id: caller.who.org_id,
        id,
        user_id: caller.who.user_id,
        base_version: req.base_version,
        title: title.trim(),
        record_type: &record_type,
        body: &req.text,
        reason,
    };
    match records::save(&state.store, save).await? {
        SaveOutcome::Saved(v) => {
            crate::audit::log(
                &state.store,
                &caller.who,
                "record.save",
                "record",
                Some(id),
                format!("version {v}, {}", via(&caller)),
            )
            .await?;
            Ok(Json(readable(&state, &caller, id).await?.into()))
        }
        SaveOutcome::Conflict { latest } => Err(ApiError::new(
            StatusCode::CONFLICT,
            "version_conflict",
            format!(
                "version {latest} was saved after version {}; read the record again and reapply your change",
                req.base_version
            ),
        )),
        SaveOutcome::NotFound => Err(ApiError::not_found()),
    }
}
