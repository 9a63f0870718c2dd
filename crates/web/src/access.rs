//! Who may use which route. Every route of the app sits in exactly one of these groups (see
//! `server::app`), and `tests/web/access.rs` proves the matrix for every role:
//!
//! | group | who | without the right |
//! |---|---|---|
//! | public | anyone: start page, sign-in, set-up, invitation and reset links, health, static files, the OpenAPI document | – |
//! | members | anyone signed in to the organisation: records, the checker, account | sign-in page |
//! | administrators | the organisation's administrators: people, API tokens, audit log | 403 page |
//! | API | a session or an API token of the organisation | 401 JSON |
//!
//! Within the members group, records have their own rule (`pages::records::may_read`): a
//! record is its author's until shared; shared records are readable by the organisation's
//! members; no one reads another organisation's records, and asking for one is a plain 404.

use crate::auth::Visitor;
use crate::error::AppError;
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use recordwell_store::orgs::Role;

/// Middleware for the members group: signed in, any role.
pub async fn require_member(req: Request, next: Next) -> Response {
    match visitor_role(&req) {
        Some(_) => next.run(req).await,
        None => to_sign_in(&req),
    }
}

/// Middleware for the administrators group.
pub async fn require_administrator(req: Request, next: Next) -> Response {
    match visitor_role(&req) {
        Some(Role::Administrator) => next.run(req).await,
        Some(_) => AppError::Forbidden.into_response(),
        None => to_sign_in(&req),
    }
}

fn visitor_role(req: &Request) -> Option<Role> {
    req.extensions().get::<Visitor>().and_then(Visitor::role)
}

/// Sends someone who is not signed in to sign in, coming back here afterwards (GET only: a
/// form post cannot be replayed).
fn to_sign_in(req: &Request) -> Response {
    let back = if req.method() == axum::http::Method::GET {
        req.uri().path_and_query().map(|p| p.as_str()).unwrap_or("/")
    } else {
        "/"
    };
    let target = form_urlencoded::Serializer::new(String::new()).append_pair("next", back).finish();
    Redirect::to(&format!("/signin?{target}")).into_response()
}

/// A `next` parameter is followed only when it is a path on this site, never another site.
pub fn safe_next(next: Option<&str>) -> &str {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.contains('\\') => n,
        _ => "/records",
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn next_stays_on_this_site() {
        assert_eq!(super::safe_next(Some("/records/3")), "/records/3");
        assert_eq!(super::safe_next(Some("//evil.example")), "/records");
        assert_eq!(super::safe_next(Some("https://evil.example")), "/records");
        assert_eq!(super::safe_next(None), "/records");
    }
}
