//! Administration: people and roles, invitations, API tokens, the audit log.

use super::invitations::Invite;
use super::{PageForm, render};
use crate::auth::token::{hash_token, random_token};
use crate::auth::{CurrentSession, Visitor};
use crate::error::AppError;
use crate::state::AppState;
use crate::views::{Frame, when};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Redirect, Response};
use recordwell_store::audit::{self, Search};
use recordwell_store::limits::{self, Limit};
use recordwell_store::orgs::Role;
use recordwell_store::users::Member;
use recordwell_store::{orgs, sessions, tokens, users};
use serde::Deserialize;

fn role_options() -> Vec<(&'static str, &'static str)> {
    Role::ALL.iter().map(|r| (r.as_str(), r.label())).collect()
}

#[derive(Template)]
#[template(path = "admin_people.html")]
struct PeoplePage {
    frame: Frame,
    tab: &'static str,
    members: Vec<Member>,
    services: Vec<ServiceRow>,
    service_kinds: [(&'static str, &'static str); 6],
    roles: Vec<(&'static str, &'static str)>,
    notices: Vec<String>,
    errors: Vec<String>,
    invite_link: Option<String>,
}

struct ServiceRow {
    id: i64,
    name: String,
    kind: String,
    kind_label: &'static str,
}

impl ServiceRow {
    /// Whether this is the service `id` (for `selected` in the people table).
    fn is(&self, id: &Option<i64>) -> bool {
        *id == Some(self.id)
    }
}

async fn people_page(state: &AppState, visitor: &Visitor, org_id: i64) -> Result<PeoplePage, AppError> {
    Ok(PeoplePage {
        frame: Frame::new(visitor, "admin"),
        tab: "people",
        members: users::members(&state.store, org_id).await?,
        services: orgs::services(&state.store, org_id)
            .await?
            .into_iter()
            .map(|s| ServiceRow {
                id: s.id,
                kind_label: orgs::SERVICE_KINDS.iter().find(|(k, _)| *k == s.kind).map_or("Other", |(_, l)| l),
                name: s.name,
                kind: s.kind,
            })
            .collect(),
        service_kinds: orgs::SERVICE_KINDS,
        roles: role_options(),
        notices: vec![],
        errors: vec![],
        invite_link: None,
    })
}

/// `?done=` notices after a change.
#[derive(Deserialize)]
pub struct Done {
    done: Option<String>,
}

/// `GET /admin/people`.
pub async fn people(
    State(state): State<AppState>,
    visitor: Visitor,
    CurrentSession(s): CurrentSession,
    Query(q): Query<Done>,
) -> Result<Response, AppError> {
    let mut page = people_page(&state, &visitor, s.org_id).await?;
    match q.done.as_deref() {
        Some("invited") => page.notices.push("Invitation sent.".into()),
        Some("updated") => page.notices.push("Changes saved.".into()),
        _ => {}
    }
    render(&page)
}

/// The invitation form.
#[derive(Deserialize)]
pub struct InviteForm {
    email: String,
    role: String,
    /// The service they work in (its id), or empty.
    #[serde(default)]
    service: Option<String>,
}

/// `POST /admin/invitations`: emails a link, or shows it when email is not set up.
pub async fn invite(
    State(state): State<AppState>,
    visitor: Visitor,
    CurrentSession(s): CurrentSession,
    PageForm(f): PageForm<InviteForm>,
) -> Result<Response, AppError> {
    let mut page = people_page(&state, &visitor, s.org_id).await?;
    let role = Role::parse(&f.role);
    if !super::setup::looks_like_email(&f.email) || role.is_none() {
        page.errors.push("Enter an email address like name@example.org and choose a role.".into());
        return Ok((StatusCode::BAD_REQUEST, render(&page)?).into_response());
    }
    let role = role.unwrap_or(Role::Practitioner);
    let service_id = f.service.as_deref().and_then(|v| v.parse().ok());
    let invite = Invite { service_id, ..Invite::to_organisation(s.org_id, &f.email, role, Some(s.user_id)) };
    let link = super::invitations::invite(&state.store, &state.public_url, invite).await?;
    crate::audit::log(&state.store, &s, "user.invite", "invitation", None, role.as_str()).await?;
    let body = format!(
        "Hello,\n\n{} has invited you to join {} on Recordwell as {}.\n\nChoose your name and password here (the link works once, for 14 days):\n\n{link}\n",
        s.user_name,
        s.org_name,
        role.label().to_lowercase()
    );
    match state.mailer.send(&f.email, "You are invited to Recordwell", body).await {
        Ok(()) => Ok(Redirect::to("/admin/people?done=invited").into_response()),
        Err(crate::mail::MailError::NotConfigured) => {
            page.invite_link = Some(link);
            render(&page)
        }
        Err(e) => {
            page.errors.push(format!("The invitation was made but could not be emailed: {e}. Try again later."));
            Ok((StatusCode::BAD_GATEWAY, render(&page)?).into_response())
        }
    }
}

/// The role and account form.
#[derive(Deserialize)]
pub struct PersonForm {
    role: String,
    active: i64,
    service: Option<String>,
}

/// `POST /admin/people/{id}`: change role, switch an account off or on.
pub async fn update_person(
    State(state): State<AppState>,
    CurrentSession(s): CurrentSession,
    Path(id): Path<i64>,
    PageForm(f): PageForm<PersonForm>,
) -> Result<Response, AppError> {
    let role = Role::parse(&f.role).ok_or_else(|| AppError::BadRequest("Choose a role from the list.".into()))?;
    if users::role_in(&state.store, id, s.org_id).await?.is_none() {
        return Err(AppError::NotFound);
    }
    if id == s.user_id && (role != Role::Administrator || f.active == 0) {
        return Err(AppError::BadRequest(
            "You cannot remove your own administrator role or switch off your own account: ask another administrator."
                .into(),
        ));
    }
    let service = match f.service.as_deref().filter(|v| !v.is_empty()) {
        None => None,
        Some(v) => {
            let id: i64 = v.parse().map_err(|_| AppError::BadRequest("Choose a service from the list.".into()))?;
            if !orgs::services(&state.store, s.org_id).await?.iter().any(|sv| sv.id == id) {
                return Err(AppError::BadRequest("Choose a service from the list.".into()));
            }
            Some(id)
        }
    };
    users::set_membership(&state.store, id, s.org_id, role, service).await?;
    users::set_disabled(&state.store, id, f.active == 0).await?;
    if f.active == 0 {
        sessions::delete_for_user(&state.store, id).await?;
    }
    let detail = format!("{}{}", role.as_str(), if f.active == 0 { ", switched off" } else { "" });
    crate::audit::log(&state.store, &s, "user.update", "user", Some(id), detail).await?;
    Ok(Redirect::to("/admin/people?done=updated").into_response())
}

/// The new-service form.
#[derive(Deserialize)]
pub struct ServiceForm {
    name: String,
    kind: String,
}

/// The edit-service form: `action=save` renames (and sets the kind), `action=remove` removes.
#[derive(Deserialize)]
pub struct EditServiceForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    kind: String,
    action: String,
}

/// `POST /admin/services/{id}`: renames or removes a service.
pub async fn edit_service(
    State(state): State<AppState>,
    CurrentSession(s): CurrentSession,
    Path(id): Path<i64>,
    PageForm(f): PageForm<EditServiceForm>,
) -> Result<Response, AppError> {
    if f.action == "remove" {
        if !orgs::remove_service(&state.store, s.org_id, id).await? {
            return Err(AppError::NotFound);
        }
        crate::audit::log(&state.store, &s, "service.remove", "service", Some(id), "").await?;
        return Ok(Redirect::to("/admin/people?done=updated").into_response());
    }
    let name = f.name.trim();
    if name.is_empty() || name.chars().count() > 200 || !orgs::SERVICE_KINDS.iter().any(|(k, _)| *k == f.kind) {
        return Err(AppError::BadRequest("Give the service a name (up to 200 characters) and choose its kind.".into()));
    }
    match orgs::update_service(&state.store, s.org_id, id, name, &f.kind).await {
        Ok(true) => {}
        Ok(false) => return Err(AppError::NotFound),
        Err(e) if e.is_unique_violation() => {
            return Err(AppError::BadRequest(format!("There is already a service called “{name}”.")));
        }
        Err(e) => return Err(e.into()),
    }
    crate::audit::log(&state.store, &s, "service.update", "service", Some(id), "").await?;
    Ok(Redirect::to("/admin/people?done=updated").into_response())
}

/// `POST /admin/services`.
pub async fn add_service(
    State(state): State<AppState>,
    CurrentSession(s): CurrentSession,
    PageForm(f): PageForm<ServiceForm>,
) -> Result<Response, AppError> {
    let name = f.name.trim();
    if name.is_empty() || name.chars().count() > 200 || !orgs::SERVICE_KINDS.iter().any(|(k, _)| *k == f.kind) {
        return Err(AppError::BadRequest("Give the service a name (up to 200 characters) and choose its kind.".into()));
    }
    let id = match orgs::add_service(&state.store, s.org_id, name, &f.kind).await {
        Ok(id) => id,
        Err(e) if e.is_unique_violation() => {
            return Err(AppError::BadRequest(format!("There is already a service called “{name}”.")));
        }
        Err(e) => return Err(e.into()),
    };
    crate::audit::log(&state.store, &s, "service.create", "service", Some(id), "").await?;
    Ok(Redirect::to("/admin/people?done=updated").into_response())
}

struct TokenRow {
    id: i64,
    name: String,
    made: String,
    last_used: String,
    revoked: bool,
}

#[derive(Template)]
#[template(path = "admin_tokens.html")]
struct TokensPage {
    frame: Frame,
    tab: &'static str,
    tokens: Vec<TokenRow>,
    new_token: Option<String>,
    errors: Vec<String>,
}

async fn tokens_page(state: &AppState, visitor: &Visitor, org_id: i64) -> Result<TokensPage, AppError> {
    let tokens = tokens::list(&state.store, org_id)
        .await?
        .into_iter()
        .map(|t| TokenRow {
            id: t.id,
            name: t.name,
            made: when(t.created_at),
            last_used: t.last_used_at.map_or_else(|| "Never".to_owned(), when),
            revoked: t.revoked_at.is_some(),
        })
        .collect();
    Ok(TokensPage { frame: Frame::new(visitor, "admin"), tab: "tokens", tokens, new_token: None, errors: vec![] })
}

/// `GET /admin/tokens`.
pub async fn tokens(
    State(state): State<AppState>,
    visitor: Visitor,
    CurrentSession(s): CurrentSession,
) -> Result<Response, AppError> {
    render(&tokens_page(&state, &visitor, s.org_id).await?)
}

/// The new-token form.
#[derive(Deserialize)]
pub struct TokenForm {
    name: String,
}

/// The prefix that makes Recordwell tokens easy to spot (in a leaked config file, say).
pub const TOKEN_PREFIX: &str = "rwt_";

/// New API tokens an organisation can make in a day: enough for any real set-up, few enough that
/// a stolen administrator session cannot mint them by the thousand. Reserved before the token
/// is made, so parallel requests cannot pass it.
pub const TOKENS_PER_ORGANISATION: Limit = Limit { uses: 20, window_secs: 86_400 };

/// `POST /admin/tokens`: shows the new token once.
pub async fn create_token(
    State(state): State<AppState>,
    visitor: Visitor,
    CurrentSession(s): CurrentSession,
    PageForm(f): PageForm<TokenForm>,
) -> Result<Response, AppError> {
    if f.name.trim().is_empty() {
        let mut page = tokens_page(&state, &visitor, s.org_id).await?;
        page.errors.push("Say what the token is for.".into());
        return Ok((StatusCode::BAD_REQUEST, render(&page)?).into_response());
    }
    let key = format!("api-token:org:{}", s.org_id);
    if limits::reserve(&state.store, &key, TOKENS_PER_ORGANISATION).await?.is_none() {
        let mut page = tokens_page(&state, &visitor, s.org_id).await?;
        page.errors.push(format!(
            "This organisation has made {} API tokens today, the most allowed. Revoke ones you no longer need and try again tomorrow.",
            TOKENS_PER_ORGANISATION.uses
        ));
        return Ok((StatusCode::TOO_MANY_REQUESTS, render(&page)?).into_response());
    }
    let token = format!("{TOKEN_PREFIX}{}", random_token());
    let id = tokens::create(&state.store, s.org_id, f.name.trim(), &hash_token(&token), s.user_id).await?;
    crate::audit::log(&state.store, &s, "token.create", "token", Some(id), "").await?;
    let mut page = tokens_page(&state, &visitor, s.org_id).await?;
    page.new_token = Some(token);
    render(&page)
}

/// `POST /admin/tokens/{id}/revoke`.
pub async fn revoke_token(
    State(state): State<AppState>,
    CurrentSession(s): CurrentSession,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    if !tokens::revoke(&state.store, s.org_id, id).await? {
        return Err(AppError::NotFound);
    }
    crate::audit::log(&state.store, &s, "token.revoke", "token", Some(id), "").await?;
    Ok(Redirect::to("/admin/tokens").into_response())
}

/// The audit search.
#[derive(Debug, Default, Deserialize)]
pub struct AuditQuery {
    person: Option<String>,
    action: Option<String>,
    record: Option<String>,
}

/// The parsed search, for the form.
#[derive(Debug, Default)]
pub struct AuditFilter {
    action: Option<String>,
}

struct EntryRow {
    when: String,
    who: String,
    action: String,
    target: String,
    detail: String,
}

#[derive(Template)]
#[template(path = "admin_audit.html")]
struct AuditPage {
    frame: Frame,
    tab: &'static str,
    people: Vec<(i64, String, bool)>,
    query: AuditFilter,
    record_text: String,
    query_string: String,
    entries: Vec<EntryRow>,
}

fn search_of(q: &AuditQuery, limit: i64) -> Search {
    let parse = |s: &Option<String>| s.as_deref().and_then(|v| v.trim().parse::<i64>().ok());
    Search {
        user_id: parse(&q.person),
        action_prefix: q.action.clone().filter(|a| !a.trim().is_empty()).map(|a| a.trim().to_owned()),
        record_id: parse(&q.record),
        from: None,
        until: None,
        limit,
    }
}

/// `GET /admin/audit`.
pub async fn audit(
    State(state): State<AppState>,
    visitor: Visitor,
    CurrentSession(s): CurrentSession,
    Query(q): Query<AuditQuery>,
) -> Result<Response, AppError> {
    let search = search_of(&q, 500);
    let entries = audit::search(&state.store, s.org_id, &search).await?;
    crate::audit::log(&state.store, &s, "audit.search", "audit", None, "").await?;
    let people = users::members(&state.store, s.org_id)
        .await?
        .into_iter()
        .map(|m| (m.id, m.name, Some(m.id) == search.user_id))
        .collect();
    let query_string = form_urlencoded::Serializer::new(String::new())
        .extend_pairs([
            ("person", q.person.clone().unwrap_or_default()),
            ("action", q.action.clone().unwrap_or_default()),
            ("record", q.record.clone().unwrap_or_default()),
        ])
        .finish();
    render(&AuditPage {
        frame: Frame::new(&visitor, "admin"),
        tab: "audit",
        people,
        query: AuditFilter { action: search.action_prefix.clone() },
        record_text: q.record.clone().unwrap_or_default(),
        query_string,
        entries: entries
            .into_iter()
            .map(|e| EntryRow {
                when: when(e.at),
                who: e.user_name.unwrap_or_else(|| "—".into()),
                action: e.action,
                target: match e.target_id {
                    Some(id) => format!("{} {id}", e.target_kind),
                    None => e.target_kind,
                },
                detail: e.detail,
            })
            .collect(),
    })
}

/// `GET /admin/audit.csv`: the same search, every match, as CSV.
pub async fn audit_csv(
    State(state): State<AppState>,
    CurrentSession(s): CurrentSession,
    Query(q): Query<AuditQuery>,
) -> Result<Response, AppError> {
    let entries = audit::search(&state.store, s.org_id, &search_of(&q, 100_000)).await?;
    crate::audit::log(&state.store, &s, "audit.export", "audit", None, format!("{} entries", entries.len())).await?;
    let mut w = csv::Writer::from_writer(vec![]);
    let csv_err = |e: csv::Error| AppError::Internal(format!("csv: {e}"));
    w.write_record(["id", "time_utc", "user_id", "user_name", "action", "target_kind", "target_id", "detail"])
        .map_err(csv_err)?;
    for e in entries {
        w.write_record([
            e.id.to_string(),
            iso_time(e.at),
            e.user_id.map(|u| u.to_string()).unwrap_or_default(),
            csv_safe(e.user_name.as_deref().unwrap_or_default()),
            e.action,
            e.target_kind,
            e.target_id.map(|t| t.to_string()).unwrap_or_default(),
            csv_safe(&e.detail),
        ])
        .map_err(csv_err)?;
    }
    let bytes = w.into_inner().map_err(|e| AppError::Internal(e.to_string()))?;
    Ok((
        [
            (CONTENT_TYPE, "text/csv; charset=utf-8"),
            (CONTENT_DISPOSITION, "attachment; filename=\"recordwell-audit.csv\""),
        ],
        bytes,
    )
        .into_response())
}

/// RFC 3339 in UTC, to the second, for spreadsheets and other systems.
fn iso_time(unix: i64) -> String {
    jiff::Timestamp::from_second(unix).map(|t| t.to_string()).unwrap_or_default()
}

/// Spreadsheets run cells that start with = + - @ as formulas; a leading quote stops that.
fn csv_safe(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@']) { format!("'{s}") } else { s.to_owned() }
}
