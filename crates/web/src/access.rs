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

/// Where people land when `next` is missing or refused.
pub const DEFAULT_NEXT: &str = "/records";

/// A `next` parameter is followed only to a path on this site. It must start with `/`, hold no
/// whitespace, control character or backslash (browsers drop tabs and newlines and read `\` as
/// `/`, so `/\t/evil.example` and `/\\evil.example` would leave the site) in its text or once
/// percent-decoded, and resolve, by a real URL parser, against this site to this site's own
/// origin. What is followed is the parser's own serialisation of the path and query, so a
/// browser reads exactly what was checked; anything else lands on [`DEFAULT_NEXT`].
pub fn safe_next(next: Option<&str>) -> String {
    next.and_then(same_site_path).unwrap_or_else(|| DEFAULT_NEXT.to_owned())
}

fn same_site_path(next: &str) -> Option<String> {
    let decoded: Vec<u8> = percent_encoding_decode(next);
    let suspicious = |c: char| c.is_whitespace() || c.is_control() || c == '\\';
    if !next.starts_with('/') || next.starts_with("//") || next.chars().any(suspicious) {
        return None;
    }
    if decoded.starts_with(b"//") || String::from_utf8_lossy(&decoded).chars().any(suspicious) {
        return None;
    }
    let base = url::Url::parse("http://recordwell.invalid/").ok()?;
    let resolved = base.join(next).ok()?;
    if resolved.origin() != base.origin() {
        return None;
    }
    let path = &resolved[url::Position::BeforePath..url::Position::AfterQuery];
    // A path the parser normalised into `//…` (from `/.//evil.example`) would be read by a
    // browser as another host.
    (path.starts_with('/') && !path.starts_with("//")).then(|| path.to_owned())
}

/// The bytes of `s` with `%XX` escapes decoded (malformed escapes kept as they are).
fn percent_encoding_decode(s: &str) -> Vec<u8> {
    form_urlencoded::parse(format!("x={}", s.replace('+', "%2B")).as_bytes())
        .next()
        .map(|(_, v)| v.into_owned().into_bytes())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::{DEFAULT_NEXT, safe_next};

    #[test]
    fn next_stays_on_this_site() {
        assert_eq!(safe_next(Some("/records/3")), "/records/3");
        assert_eq!(safe_next(Some("/records?type=contact&q=a%20b")), "/records?type=contact&q=a%20b");
        assert_eq!(safe_next(Some("/cohorts/2/../../records")), "/records", "normalised as a browser would");
        assert_eq!(safe_next(None), DEFAULT_NEXT);
    }

    #[test]
    fn anything_that_could_leave_the_site_lands_on_the_default() {
        let attacks = [
            "//evil.example",
            "///evil.example",
            "https://evil.example",
            "http:evil.example",
            "https:/evil.example",
            "javascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "evil.example",
            "",
            // Tabs, newlines and other controls, raw (as a form's decoded value would hold them)
            // and still encoded.
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r\n/evil.example",
            "/%09/evil.example",
            "/%0a/evil.example",
            "/%0D%0A/evil.example",
            "/\u{0}/evil.example",
            "/%00/evil.example",
            "/ /evil.example",
            "/%20/evil.example",
            "/\u{a0}/evil.example",
            // Backslashes, which browsers read as slashes.
            "/\\evil.example",
            "\\\\evil.example",
            "/%5Cevil.example",
            "/%5c%5cevil.example",
            // Encoded slashes that decode into a protocol-relative URL.
            "/%2F/evil.example",
            "/%2f%2fevil.example",
            "%2F%2Fevil.example",
            // Dot segments that a parser would normalise into `//`.
            "/.//evil.example",
            "/..//evil.example",
        ];
        for attack in attacks {
            assert_eq!(safe_next(Some(attack)), DEFAULT_NEXT, "{attack:?}");
        }
    }
}
