//! The recording workspace: list, write, check, save, autosave, share, family views, history.
//!
//! A record is private to its author until shared; shared records can be read by members of
//! the organisation. Only the author edits. Once shared, a change is a correction and needs a
//! reason. Every view and change is written to the audit log.

use super::feedback::{self, CheckView};
use super::{PageForm, PageJson, render};
use crate::auth::{CurrentSession, Visitor};
use crate::error::AppError;
use crate::state::AppState;
use crate::views::{Frame, type_options, type_title, when};
use askama::Template;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use recordwell_check::RecordType;
use recordwell_store::comments;
use recordwell_store::records::{self, NewRecord, Record, Save, SaveOutcome};
use recordwell_store::sessions::Session;
use serde::Deserialize;

/// Longest title accepted, in characters.
pub const MAX_TITLE: usize = 200;

/// Whether `who` may read `record` (it is already known to be in their organisation).
pub fn may_read(who: &Session, record: &Record) -> bool {
    record.author_id == who.user_id || record.shared == 1
}

/// Whether `who` may change `record`.
pub fn may_edit(who: &Session, record: &Record) -> bool {
    record.author_id == who.user_id
}

/// A record this person may read, or 404 (the same whether it is missing or not theirs).
pub async fn readable(state: &AppState, who: &Session, id: i64) -> Result<Record, AppError> {
    visible(state, who, id).await?.ok_or(AppError::NotFound)
}

/// The record if this person may read it; none alike for missing, another organisation's, or
/// private to someone else, so the answer reveals nothing. Pages and the API both ask this.
pub async fn visible(state: &AppState, who: &Session, id: i64) -> Result<Option<Record>, recordwell_store::StoreError> {
    Ok(records::get(&state.store, who.org_id, id).await?.filter(|r| may_read(who, r)))
}

struct RecordRow {
    id: i64,
    title: String,
    type_title: &'static str,
    author: String,
    shared: bool,
    version: i64,
    updated: String,
}

#[derive(Template)]
#[template(path = "records.html")]
struct ListPage {
    frame: Frame,
    records: Vec<RecordRow>,
}

/// `GET /records`.
pub async fn list(
    State(state): State<AppState>,
    visitor: Visitor,
    CurrentSession(s): CurrentSession,
) -> Result<Response, AppError> {
    let rows = records::visible_to(&state.store, s.org_id, s.user_id).await?;
    let records = rows
        .into_iter()
        .map(|r| RecordRow {
            id: r.id,
            title: r.title,
            type_title: type_title(&r.record_type),
            author: r.author_name,
            shared: r.shared == 1,
            version: r.version,
            updated: when(r.updated_at),
        })
        .collect();
    render(&ListPage { frame: Frame::new(&visitor, "records"), records })
}

/// What the workspace shows about an existing record.
struct RecordHead {
    id: i64,
    title: String,
    type_title: &'static str,
    version: i64,
    shared: bool,
    is_author: bool,
}

struct Conflict {
    latest: i64,
    when: String,
    by: String,
    body: String,
}

struct CommentView {
    person: String,
    kind_label: &'static str,
    body: String,
    added_by: String,
    added: String,
}

#[derive(Template)]
#[template(path = "workspace.html")]
struct WorkspacePage {
    frame: Frame,
    record: Option<RecordHead>,
    record_id: String,
    action: String,
    title: String,
    types: Vec<(&'static str, &'static str, bool)>,
    body: String,
    base_version: i64,
    needs_reason: bool,
    reason: String,
    notices: Vec<String>,
    errors: Vec<String>,
    conflict: Option<Conflict>,
    check: Option<CheckView>,
    live: bool,
    comments: Vec<CommentView>,
    comment_kinds: [(&'static str, &'static str); 2],
}

impl WorkspacePage {
    fn blank(visitor: &Visitor, record_type: &str) -> WorkspacePage {
        WorkspacePage {
            frame: Frame::new(visitor, "new"),
            record: None,
            record_id: String::new(),
            action: "/records".to_owned(),
            title: String::new(),
            types: type_options(record_type),
            body: String::new(),
            base_version: 0,
            needs_reason: false,
            reason: String::new(),
            notices: vec![],
            errors: vec![],
            conflict: None,
            check: None,
            live: true,
            comments: vec![],
            comment_kinds: comments::KINDS,
        }
    }

    async fn for_record(
        state: &AppState,
        visitor: &Visitor,
        who: &Session,
        r: &Record,
    ) -> Result<WorkspacePage, AppError> {
        let mut page = WorkspacePage::blank(visitor, &r.record_type);
        page.frame.section = "records";
        page.record = Some(RecordHead {
            id: r.id,
            title: r.title.clone(),
            type_title: type_title(&r.record_type),
            version: r.version,
            shared: r.shared == 1,
            is_author: r.author_id == who.user_id,
        });
        page.record_id = r.id.to_string();
        page.action = format!("/records/{}", r.id);
        page.title = r.title.clone();
        page.body = r.body.clone();
        page.base_version = r.version;
        page.needs_reason = r.shared == 1;
        page.comments = comment_views(state, r.id).await?;
        Ok(page)
    }
}

async fn comment_views(state: &AppState, record_id: i64) -> Result<Vec<CommentView>, AppError> {
    Ok(comments::for_record(&state.store, record_id)
        .await?
        .into_iter()
        .map(|c| CommentView {
            person: c.person,
            kind_label: comments::KINDS.iter().find(|(k, _)| *k == c.kind).map_or("Their view", |(_, l)| l),
            body: c.body,
            added_by: c.added_by_name,
            added: when(c.added_at),
        })
        .collect())
}

/// `?type=` on the new-record page.
#[derive(Deserialize)]
pub struct NewQuery {
    #[serde(rename = "type")]
    record_type: Option<String>,
}

/// `GET /records/new`.
pub async fn new_form(visitor: Visitor, Query(q): Query<NewQuery>) -> Result<Response, AppError> {
    let record_type = q.record_type.filter(|t| t.parse::<RecordType>().is_ok()).unwrap_or_else(|| "contact".to_owned());
    render(&WorkspacePage::blank(&visitor, &record_type))
}

/// The workspace form.
#[derive(Deserialize)]
pub struct RecordForm {
    title: String,
    record_type: String,
    body: String,
    #[serde(default)]
    base_version: i64,
    reason: Option<String>,
    action: Option<String>,
}

impl RecordForm {
    fn is_check(&self) -> bool {
        self.action.as_deref() == Some("check")
    }

    fn record_type(&self) -> Result<RecordType, String> {
        self.record_type.parse().map_err(|_| "Choose a type of record from the list.".to_owned())
    }

    fn problems(&self) -> Vec<String> {
        let mut problems = vec![];
        if self.title.trim().is_empty() {
            problems.push("Enter a title, for example “Home visit, 3 March”.".to_owned());
        }
        if self.title.chars().count() > MAX_TITLE {
            problems.push(format!("Shorten the title to {MAX_TITLE} characters or fewer."));
        }
        problems.extend(self.record_type().err());
        problems
    }
}

/// `POST /records`: check (no JavaScript) or create.
pub async fn create(
    State(state): State<AppState>,
    visitor: Visitor,
    CurrentSession(s): CurrentSession,
    PageForm(f): PageForm<RecordForm>,
) -> Result<Response, AppError> {
    let mut page = WorkspacePage::blank(&visitor, &f.record_type);
    page.title = f.title.clone();
    page.body = f.body.clone();
    let record_type = f.record_type().unwrap_or(RecordType::Contact);
    page.check = Some(feedback::check(&f.body, record_type, &state.check_config));
    if f.is_check() {
        return render(&page);
    }
    let problems = f.problems();
    if !problems.is_empty() {
        page.errors = problems;
        return Ok((StatusCode::BAD_REQUEST, render(&page)?).into_response());
    }
    let id = records::create(
        &state.store,
        NewRecord {
            org_id: s.org_id,
            author_id: s.user_id,
            record_type: record_type.id(),
            title: f.title.trim(),
            body: &f.body,
        },
    )
    .await?;
    crate::audit::log(&state.store, &s, "record.create", "record", Some(id), "version 1").await?;
    Ok(Redirect::to(&format!("/records/{id}?saved=1")).into_response())
}

/// `?saved=` after a save.
#[derive(Deserialize)]
pub struct ShowQuery {
    saved: Option<i64>,
}

/// `GET /records/{id}`: the workspace for the author, a read-only view for others.
pub async fn show(
    State(state): State<AppState>,
    visitor: Visitor,
    CurrentSession(s): CurrentSession,
    Path(id): Path<i64>,
    Query(q): Query<ShowQuery>,
) -> Result<Response, AppError> {
    let r = readable(&state, &s, id).await?;
    crate::audit::log(&state.store, &s, "record.view", "record", Some(id), format!("version {}", r.version)).await?;
    if !may_edit(&s, &r) {
        return read_only(&state, &visitor, &r).await;
    }
    let mut page = WorkspacePage::for_record(&state, &visitor, &s, &r).await?;
    if q.saved.is_some() {
        page.notices.push(format!("Saved as version {}.", r.version));
    }
    if let (Some(draft), Some(at)) = (&r.draft_body, r.draft_saved_at)
        && *draft != r.body
    {
        page.body = draft.clone();
        page.notices.push(format!(
            "Your unsaved changes from {} have been restored. Save a new version to keep them.",
            when(at)
        ));
    }
    page.check = Some(feedback::check(&page.body, parse_type(&r.record_type), &state.check_config));
    render(&page)
}

fn parse_type(key: &str) -> RecordType {
    key.parse().unwrap_or(RecordType::Detailed)
}

#[derive(Template)]
#[template(path = "record_read.html")]
struct ReadPage {
    frame: Frame,
    r: ReadHead,
    record: Option<RecordHead>,
    body: String,
    comments: Vec<CommentView>,
    comment_kinds: [(&'static str, &'static str); 2],
}

struct ReadHead {
    id: i64,
    title: String,
    type_title: &'static str,
    author: String,
    version: i64,
}

async fn read_only(state: &AppState, visitor: &Visitor, r: &Record) -> Result<Response, AppError> {
    render(&ReadPage {
        frame: Frame::new(visitor, "records"),
        r: ReadHead {
            id: r.id,
            title: r.title.clone(),
            type_title: type_title(&r.record_type),
            author: r.author_name.clone(),
            version: r.version,
        },
        record: Some(RecordHead {
            id: r.id,
            title: r.title.clone(),
            type_title: type_title(&r.record_type),
            version: r.version,
            shared: true,
            is_author: false,
        }),
        body: r.body.clone(),
        comments: comment_views(state, r.id).await?,
        comment_kinds: comments::KINDS,
    })
}

/// `POST /records/{id}`: check (no JavaScript) or save a new version.
pub async fn save(
    State(state): State<AppState>,
    visitor: Visitor,
    CurrentSession(s): CurrentSession,
    Path(id): Path<i64>,
    PageForm(f): PageForm<RecordForm>,
) -> Result<Response, AppError> {
    let r = readable(&state, &s, id).await?;
    if !may_edit(&s, &r) {
        return Err(AppError::Forbidden);
    }
    let mut page = WorkspacePage::for_record(&state, &visitor, &s, &r).await?;
    page.title = f.title.clone();
    page.body = f.body.clone();
    page.base_version = f.base_version;
    page.reason = f.reason.clone().unwrap_or_default();
    page.types = type_options(&f.record_type);
    page.check = Some(feedback::check(&f.body, f.record_type().unwrap_or(RecordType::Detailed), &state.check_config));
    if f.is_check() {
        return render(&page);
    }
    let mut problems = f.problems();
    let reason = f.reason.as_deref().map(str::trim).filter(|r| !r.is_empty());
    if r.shared == 1 && reason.is_none() {
        problems.push("This record is shared, so say why you are correcting it.".to_owned());
    }
    if !problems.is_empty() {
        page.errors = problems;
        return Ok((StatusCode::BAD_REQUEST, render(&page)?).into_response());
    }
    let record_type = f.record_type().unwrap_or(RecordType::Detailed);
    let save = Save {
        org_id: s.org_id,
        id,
        user_id: s.user_id,
        base_version: f.base_version,
        title: f.title.trim(),
        record_type: record_type.id(),
        body: &f.body,
        reason,
    };
    let outcome = records::save(&state.store, save).await?;
    match outcome {
        SaveOutcome::Saved(v) => {
            crate::audit::log(&state.store, &s, "record.save", "record", Some(id), format!("version {v}")).await?;
            Ok(Redirect::to(&format!("/records/{id}?saved={v}")).into_response())
        }
        SaveOutcome::Conflict { latest } => {
            let versions = records::versions(&state.store, id).await?;
            let newest = versions.last().ok_or(AppError::NotFound)?;
            page.conflict = Some(Conflict {
                latest,
                when: when(newest.saved_at),
                by: newest.saved_by_name.clone(),
                body: newest.body.clone(),
            });
            page.base_version = latest;
            Ok((StatusCode::CONFLICT, render(&page)?).into_response())
        }
        SaveOutcome::NotFound => Err(AppError::NotFound),
    }
}

/// The autosave body.
#[derive(Deserialize)]
pub struct DraftBody {
    body: String,
}

/// `POST /records/{id}/draft` (JavaScript): keeps the text typed so far, not as a version.
pub async fn autosave(
    State(state): State<AppState>,
    CurrentSession(s): CurrentSession,
    Path(id): Path<i64>,
    PageJson(d): PageJson<DraftBody>,
) -> Result<Response, AppError> {
    let r = readable(&state, &s, id).await?;
    if !may_edit(&s, &r) {
        return Err(AppError::Forbidden);
    }
    records::save_draft(&state.store, s.org_id, id, &d.body).await?;
    crate::audit::log(&state.store, &s, "record.autosave", "record", Some(id), "").await?;
    Ok(Json(serde_json::json!({"saved_at": when(recordwell_store::now())})).into_response())
}

/// The share form.
#[derive(Deserialize)]
pub struct ShareForm {
    shared: i64,
}

/// `POST /records/{id}/share`.
pub async fn share(
    State(state): State<AppState>,
    CurrentSession(s): CurrentSession,
    Path(id): Path<i64>,
    PageForm(f): PageForm<ShareForm>,
) -> Result<Response, AppError> {
    let r = readable(&state, &s, id).await?;
    if !may_edit(&s, &r) {
        return Err(AppError::Forbidden);
    }
    let shared = f.shared == 1;
    records::set_shared(&state.store, s.org_id, id, shared).await?;
    let action = if shared { "record.share" } else { "record.unshare" };
    crate::audit::log(&state.store, &s, action, "record", Some(id), "").await?;
    Ok(Redirect::to(&format!("/records/{id}")).into_response())
}

/// The family-view form.
#[derive(Deserialize)]
pub struct CommentForm {
    person: String,
    kind: String,
    body: String,
}

/// `POST /records/{id}/comments`: anyone who can read the record can attach a family view.
pub async fn comment(
    State(state): State<AppState>,
    CurrentSession(s): CurrentSession,
    Path(id): Path<i64>,
    PageForm(f): PageForm<CommentForm>,
) -> Result<Response, AppError> {
    readable(&state, &s, id).await?;
    if f.person.trim().is_empty() || f.body.trim().is_empty() {
        return Err(AppError::BadRequest("Say whose view it is and what they said, then attach it again.".into()));
    }
    if !comments::KINDS.iter().any(|(k, _)| *k == f.kind) {
        return Err(AppError::BadRequest("Choose whether it is their view or a disagreement.".into()));
    }
    let cid = comments::add(&state.store, id, &f.kind, f.person.trim(), f.body.trim(), s.user_id).await?;
    crate::audit::log(&state.store, &s, "record.comment", "record", Some(id), format!("comment {cid}")).await?;
    Ok(Redirect::to(&format!("/records/{id}#comments-heading")).into_response())
}

struct VersionView {
    version: i64,
    by: String,
    when: String,
    reason: Option<String>,
    body: String,
    diff: Vec<(&'static str, String)>,
}

#[derive(Template)]
#[template(path = "history.html")]
struct HistoryPage {
    frame: Frame,
    id: i64,
    title: String,
    versions: Vec<VersionView>,
}

/// `GET /records/{id}/history`: every version, newest first, with what changed.
pub async fn history(
    State(state): State<AppState>,
    visitor: Visitor,
    CurrentSession(s): CurrentSession,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let r = readable(&state, &s, id).await?;
    let versions = records::versions(&state.store, id).await?;
    crate::audit::log(&state.store, &s, "record.history", "record", Some(id), format!("{} versions", versions.len()))
        .await?;
    let mut views: Vec<VersionView> = versions
        .iter()
        .enumerate()
        .map(|(i, v)| VersionView {
            version: v.version,
            by: v.saved_by_name.clone(),
            when: when(v.saved_at),
            reason: v.reason.clone(),
            body: v.body.clone(),
            diff: if i == 0 { vec![] } else { line_diff(&versions[i - 1].body, &v.body) },
        })
        .collect();
    views.reverse();
    render(&HistoryPage { frame: Frame::new(&visitor, "records"), id, title: r.title, versions: views })
}

/// Lines added, removed and kept, for the history page.
pub fn line_diff(old: &str, new: &str) -> Vec<(&'static str, String)> {
    use similar::{ChangeTag, TextDiff};
    TextDiff::from_lines(old, new)
        .iter_all_changes()
        .map(|c| {
            let tag = match c.tag() {
                ChangeTag::Insert => "insert",
                ChangeTag::Delete => "delete",
                ChangeTag::Equal => "equal",
            };
            (tag, c.value().trim_end_matches('\n').to_owned())
        })
        .collect()
}
