//! The route table: every route the app has, for every kind of caller, with the status each gets
//! and the headers every answer carries. The table is checked against the routes registered in
//! the source (`.route("…", get(…).post(…))` in `crates/web/src`), both ways: a new route cannot
//! ship without its row, and a row cannot outlive its route.
//!
//! Callers, in the order of each row's statuses: someone not signed in; the practitioner (a
//! participant of the cohort, author of the record); the manager (the cohort's manager); the
//! facilitator (the cohort's facilitator); the administrator (not in the cohort); a practitioner
//! of another organisation; and an API token of the administrator's, sent as `Authorization:
//! Bearer` with no cookie.
//!
//! Rows run in order, each for every caller, so a row that changes something (sharing, signing
//! out) changes it for the rows after it only; the changes are chosen to leave the rest as they
//! were (the record is "shared" as unshared, signing out comes last).

use crate::both;
use crate::harness::{Answer, Backend, Browser, TestApp, create_record};
use crate::programme_access::cohort_with_everyone;
use recordwell_store::tokens;
use reqwest::{Method, StatusCode};
use std::collections::BTreeSet;

/// What a row sends.
#[derive(Debug, Clone, Copy)]
enum Body {
    /// Nothing (GET).
    None,
    /// A form, with the page's CSRF token added for browsers.
    Form(&'static [(&'static str, &'static str)]),
    /// JSON, with the `X-CSRF-Token` header for browsers.
    Json(&'static str),
}

use Body::{Form, Json};

/// A row: method, the route as registered (parameters filled by [`fill`]), body, and the status
/// for each caller: anonymous, practitioner, manager, facilitator, administrator, outsider, token.
type Row = (&'static str, &'static str, Body, [u16; 7]);

const CALLERS: [&str; 7] =
    ["anonymous", "practitioner", "manager", "facilitator", "administrator", "outsider", "token"];

/// Pages for members: signed-out visitors are sent to sign in, and a token is no credential here
/// (GET: sent to sign in; POST: refused by the CSRF check, having no cookie to match).
const MEMBER_PAGE: [u16; 7] = [303, 200, 200, 200, 200, 200, 303];
const ADMIN_PAGE: [u16; 7] = [303, 403, 403, 403, 200, 403, 303];
const FACILITATING_PAGE: [u16; 7] = [303, 403, 403, 200, 200, 403, 303];
const PUBLIC: [u16; 7] = [200; 7];

const ROWS: &[Row] = &[
    // Public.
    ("GET", "/", Body::None, [303; 7]),
    ("GET", "/healthz", Body::None, PUBLIC),
    ("GET", "/readyz", Body::None, PUBLIC),
    ("GET", "/metrics", Body::None, PUBLIC),
    ("GET", "/static/{file}", Body::None, PUBLIC),
    ("GET", "/setup", Body::None, [303; 7]),
    ("GET", "/signin", Body::None, PUBLIC),
    ("GET", "/password-reset", Body::None, PUBLIC),
    ("GET", "/password-reset/{token}", Body::None, [404; 7]),
    ("GET", "/invitations/{token}", Body::None, [404; 7]),
    ("GET", "/api/v1/openapi.json", Body::None, PUBLIC),
    // Members.
    ("GET", "/account", Body::None, MEMBER_PAGE),
    ("GET", "/records", Body::None, MEMBER_PAGE),
    ("GET", "/records/new", Body::None, MEMBER_PAGE),
    ("GET", "/records/{id}", Body::None, [303, 200, 404, 404, 404, 404, 303]),
    ("GET", "/records/{id}/history", Body::None, [303, 200, 404, 404, 404, 404, 303]),
    ("GET", "/plans/{token}", Body::None, [303, 404, 404, 404, 404, 404, 303]),
    // Administrators.
    ("GET", "/admin/people", Body::None, ADMIN_PAGE),
    ("GET", "/admin/tokens", Body::None, ADMIN_PAGE),
    ("GET", "/admin/audit", Body::None, ADMIN_PAGE),
    ("GET", "/admin/audit.csv", Body::None, ADMIN_PAGE),
    // The programme.
    ("GET", "/programmes", Body::None, FACILITATING_PAGE),
    ("GET", "/programmes/{id}", Body::None, FACILITATING_PAGE),
    ("GET", "/cohorts", Body::None, MEMBER_PAGE),
    ("GET", "/cohorts/{cohort}", Body::None, [303, 200, 200, 200, 404, 404, 303]),
    ("GET", "/cohorts/{cohort}/day", Body::None, [303, 403, 403, 200, 404, 404, 303]),
    ("GET", "/cohorts/{cohort}/examples", Body::None, [303, 200, 403, 403, 404, 404, 303]),
    ("GET", "/cohorts/{cohort}/learning", Body::None, [303, 200, 403, 403, 404, 404, 303]),
    ("GET", "/cohorts/{cohort}/plan", Body::None, [303, 200, 403, 403, 404, 404, 303]),
    ("GET", "/cohorts/{cohort}/plans", Body::None, [303, 403, 403, 200, 404, 404, 303]),
    ("GET", "/cohorts/{cohort}/postbox", Body::None, [303, 200, 200, 200, 404, 404, 303]),
    ("GET", "/cohorts/{cohort}/postbox.pdf", Body::None, [303, 403, 200, 200, 404, 404, 303]),
    ("GET", "/cohorts/{cohort}/postbox.xlsx", Body::None, [303, 403, 200, 200, 404, 404, 303]),
    ("GET", "/cohorts/{cohort}/reflections", Body::None, [303, 200, 403, 403, 404, 404, 303]),
    ("GET", "/cohorts/{cohort}/report", Body::None, [303, 403, 403, 200, 404, 404, 303]),
    ("GET", "/cohorts/{cohort}/report.pdf", Body::None, [303, 403, 403, 200, 404, 404, 303]),
    ("GET", "/cohorts/{cohort}/report.xlsx", Body::None, [303, 403, 403, 200, 404, 404, 303]),
    ("GET", "/cohorts/{cohort}/letters/{file}", Body::None, [303, 403, 403, 200, 404, 404, 303]),
    ("GET", "/cohorts/{cohort}/sessions/{session}/review", Body::None, [303, 200, 404, 200, 404, 404, 303]),
    // The API: a session or a token; nobody else.
    ("GET", "/api/v1/records", Body::None, [401, 200, 200, 200, 200, 200, 200]),
    ("GET", "/api/v1/records/{id}", Body::None, [401, 200, 404, 404, 404, 404, 404]),
    (
        "POST",
        "/api/v1/check",
        Json(r#"{"text": "Saw Jo at home.", "type": "contact"}"#),
        [401, 200, 200, 200, 200, 200, 200],
    ),
    ("GET", "/api/v1/series", Body::None, [401, 200, 200, 200, 200, 200, 200]),
    ("GET", "/api/v1/series/{id}", Body::None, [401, 200, 200, 200, 200, 404, 200]),
    ("POST", "/api/v1/redact", Json(r#"{"text": "Saw Jo Bloggs at home."}"#), [401, 200, 200, 200, 200, 200, 200]),
    (
        "POST",
        "/api/v1/records",
        Json(r#"{"type": "contact", "title": "By the API", "text": "Saw Jo."}"#),
        [401, 201, 201, 201, 201, 201, 201],
    ),
    (
        "PUT",
        "/api/v1/records/{id}",
        Json(r#"{"type": "contact", "title": "Visit", "text": "Saw Jo at home.", "base_version": 1}"#),
        [401, 200, 404, 404, 404, 404, 404],
    ),
    // Public forms (a token, with no cookie, fails the CSRF check).
    (
        "POST",
        "/setup",
        Form(&[
            ("organisation", "Rival"),
            ("name", "R"),
            ("email", "r@test.example"),
            ("password", "a long passphrase"),
        ]),
        [303, 303, 303, 303, 303, 303, 403],
    ),
    ("POST", "/signin", Form(&[]), [400, 400, 400, 400, 400, 400, 403]),
    ("POST", "/password-reset", Form(&[("email", "{me}@reset.test.example")]), [200, 200, 200, 200, 200, 200, 403]),
    (
        "POST",
        "/password-reset/{token}",
        Form(&[("password", "a long passphrase")]),
        [404, 404, 404, 404, 404, 404, 403],
    ),
    (
        "POST",
        "/invitations/{token}",
        Form(&[("name", "X"), ("password", "a long passphrase")]),
        [404, 404, 404, 404, 404, 404, 403],
    ),
    // Members' forms.
    ("POST", "/account/organisation", Form(&[("org_id", "{org}")]), [303, 303, 303, 303, 303, 404, 403]),
    (
        "POST",
        "/records",
        Form(&[("title", "Visit"), ("record_type", "contact"), ("body", "Saw Jo."), ("action", "save")]),
        [303, 303, 303, 303, 303, 303, 403],
    ),
    (
        "POST",
        "/records/feedback",
        Json(r#"{"text": "Saw Jo.", "type": "contact"}"#),
        [303, 200, 200, 200, 200, 200, 403],
    ),
    (
        "POST",
        "/records/{id}",
        Form(&[
            ("title", "Visit"),
            ("record_type", "contact"),
            ("body", "Saw Jo at home today."),
            ("base_version", "0"),
            ("action", "check"),
        ]),
        [303, 200, 404, 404, 404, 404, 403],
    ),
    ("POST", "/records/{id}/draft", Json(r#"{"body": "Saw Jo at"}"#), [303, 200, 404, 404, 404, 404, 403]),
    ("POST", "/records/{id}/share", Form(&[("shared", "0")]), [303, 303, 404, 404, 404, 404, 403]),
    (
        "POST",
        "/records/{id}/comments",
        Form(&[("person", "Jo"), ("kind", "view"), ("body", "Fair.")]),
        [303, 303, 404, 404, 404, 404, 403],
    ),
    // Administrators' forms.
    (
        "POST",
        "/admin/invitations",
        Form(&[("email", "{me}@invited.test.example"), ("role", "practitioner")]),
        [303, 403, 403, 403, 303, 403, 403],
    ),
    (
        "POST",
        "/admin/people/{id}",
        Form(&[("role", "practitioner"), ("active", "1")]),
        [303, 403, 403, 403, 303, 403, 403],
    ),
    (
        "POST",
        "/admin/services",
        Form(&[("name", "{me} service"), ("kind", "other")]),
        [303, 403, 403, 403, 303, 403, 403],
    ),
    (
        "POST",
        "/admin/services/{id}",
        Form(&[("name", "Renamed service"), ("kind", "other"), ("action", "save")]),
        [303, 403, 403, 403, 303, 403, 403],
    ),
    ("POST", "/admin/tokens", Form(&[("name", "Case system")]), [303, 403, 403, 403, 200, 403, 403]),
    ("POST", "/admin/tokens/{id}/revoke", Form(&[]), [303, 403, 403, 403, 303, 403, 403]),
    ("POST", "/admin/clock", Json(r#"{"advance_days": 0}"#), [303, 403, 403, 403, 200, 403, 403]),
    // The programme's forms.
    ("POST", "/programmes/{id}/copy", Form(&[("name", "Our copy")]), [303, 403, 403, 303, 303, 403, 403]),
    ("POST", "/programmes/{id}/sessions", Form(&[("revision", "0")]), [303, 403, 403, 303, 409, 403, 403]),
    (
        "POST",
        "/cohorts",
        Form(&[
            ("title", "Spring"),
            ("template_id", "{template}"),
            ("first_day", "2027-03-04"),
            ("second_day", "2027-03-11"),
            ("venue", "Room 1"),
            ("followup_days", "90"),
        ]),
        [303, 403, 403, 303, 303, 403, 403],
    ),
    ("POST", "/cohorts/{cohort}/times", Form(&[]), [303, 403, 403, 303, 404, 404, 403]),
    (
        "POST",
        "/cohorts/{cohort}/people",
        Form(&[("email", "colleague@test.example"), ("role", "participant")]),
        [303, 403, 403, 303, 404, 404, 403],
    ),
    ("POST", "/cohorts/{cohort}/people/{user}/leave", Form(&[]), [303, 403, 403, 303, 404, 404, 403]),
    ("POST", "/cohorts/{cohort}/letter", Form(&[("letter", "Dear {name}")]), [303, 403, 403, 303, 404, 404, 403]),
    ("POST", "/cohorts/{cohort}/letters/send", Form(&[]), [303, 403, 403, 200, 404, 404, 403]),
    (
        "POST",
        "/cohorts/{cohort}/points/{session}",
        Form(&[("points", "Records were clearer.")]),
        [303, 403, 403, 303, 404, 404, 403],
    ),
    ("POST", "/cohorts/{cohort}/attendance", Form(&[("day", "1")]), [303, 403, 403, 303, 404, 404, 403]),
    ("POST", "/cohorts/{cohort}/next", Form(&[]), [303, 403, 403, 303, 404, 404, 403]),
    (
        "POST",
        "/cohorts/{cohort}/examples",
        Form(&[("record_type", "contact"), ("text", "Visit went well."), ("terms", ""), ("action", "preview")]),
        [303, 200, 403, 403, 404, 404, 403],
    ),
    (
        "POST",
        "/cohorts/{cohort}/learning",
        Form(&[("body", "Write for the family."), ("session", "")]),
        [303, 303, 403, 403, 404, 404, 403],
    ),
    (
        "POST",
        "/cohorts/{cohort}/plan",
        Form(&[("s1", "I will write a summary for each case by 31 March"), ("followup_on", "2027-06-01")]),
        [303, 200, 403, 403, 404, 404, 403],
    ),
    (
        "POST",
        "/cohorts/{cohort}/plans",
        Form(&[("plan_id", "1"), ("followup_on", "2027-06-01")]),
        [303, 403, 403, 303, 404, 404, 403],
    ),
    (
        "POST",
        "/cohorts/{cohort}/postbox",
        Form(&[("body", "More time to write.")]),
        [303, 303, 403, 303, 404, 404, 403],
    ),
    ("POST", "/cohorts/{cohort}/postbox/{note}/hidden", Form(&[("hidden", "0")]), [303, 403, 403, 303, 404, 404, 403]),
    (
        "POST",
        "/cohorts/{cohort}/postbox/{note}/sort",
        Form(&[("topic", "organisation:policy")]),
        [303, 303, 403, 303, 404, 404, 403],
    ),
    (
        "POST",
        "/cohorts/{cohort}/postbox/summary",
        Form(&[("summary", "Time to write.")]),
        [303, 403, 403, 303, 404, 404, 403],
    ),
    ("POST", "/cohorts/{cohort}/postbox/send", Form(&[]), [303, 403, 403, 303, 404, 404, 403]),
    ("POST", "/cohorts/{cohort}/reflections", Form(&[]), [303, 422, 403, 403, 404, 404, 403]),
    ("POST", "/cohorts/{cohort}/sessions/{session}/review/groups", Form(&[]), [303, 403, 403, 303, 404, 404, 403]),
    (
        "POST",
        "/cohorts/{cohort}/sessions/{session}/review/move",
        Form(&[("user", "{user}"), ("group", "1")]),
        [303, 403, 403, 200, 404, 404, 403],
    ),
    ("POST", "/cohorts/{cohort}/sessions/{session}/review/rebalance", Form(&[]), [303, 403, 403, 303, 404, 404, 403]),
    (
        "POST",
        "/cohorts/{cohort}/sessions/{session}/review/answers",
        Form(&[("example_id", "1"), ("as_colleague", "Clear."), ("as_family", "Kind.")]),
        [303, 404, 404, 404, 404, 404, 403],
    ),
    ("POST", "/plans/{token}", Form(&[]), [303, 404, 404, 404, 404, 404, 403]),
    // The workshop series (a series cohort with the same people; `{board}` is the elements board).
    ("GET", "/cohorts/{cohort}/own-life", Body::None, [303, 200, 404, 200, 404, 404, 303]),
    ("POST", "/cohorts/{cohort}/own-life", Form(&[("record", "A morning.")]), [303, 303, 403, 403, 404, 404, 403]),
    ("GET", "/cohorts/{cohort}/boards/{board}", Body::None, [303, 200, 403, 200, 404, 404, 303]),
    (
        "POST",
        "/cohorts/{cohort}/boards/{board}/items",
        Form(&[("body", "Plain words")]),
        [303, 303, 403, 303, 404, 404, 403],
    ),
    (
        "POST",
        "/cohorts/{cohort}/boards/{board}/items/{item}/vote",
        Form(&[("action", "vote")]),
        [303, 303, 403, 303, 404, 404, 403],
    ),
    (
        "POST",
        "/cohorts/{cohort}/boards/{board}/items/{item}/cluster",
        Form(&[("cluster", "Voice")]),
        [303, 303, 403, 303, 404, 404, 403],
    ),
    (
        "POST",
        "/cohorts/{cohort}/boards/{board}/items/{item}/hidden",
        Form(&[("hidden", "0")]),
        [303, 403, 403, 303, 404, 404, 403],
    ),
    ("GET", "/cohorts/{cohort}/priorities", Body::None, [303, 200, 200, 200, 404, 404, 303]),
    ("GET", "/cohorts/{cohort}/practice", Body::None, [303, 200, 404, 200, 404, 404, 303]),
    ("GET", "/cohorts/{cohort}/sessions/{session}/share", Body::None, [303, 200, 404, 200, 404, 404, 303]),
    ("POST", "/cohorts/{cohort}/sessions/{session}/share/groups", Form(&[]), [303, 403, 403, 303, 404, 404, 403]),
    ("GET", "/cohorts/{cohort}/recommendations", Body::None, [303, 200, 200, 200, 404, 404, 303]),
    (
        "POST",
        "/cohorts/{cohort}/recommendations",
        Form(&[("body", "Protected time to write"), ("level", "team"), ("rests_on", "{asset}")]),
        [303, 303, 403, 303, 404, 404, 403],
    ),
    (
        "POST",
        "/cohorts/{cohort}/recommendations/{item}/vote",
        Form(&[("action", "vote")]),
        [303, 303, 403, 303, 404, 404, 403],
    ),
    (
        "POST",
        "/cohorts/{cohort}/recommendations/{item}/edit",
        Form(&[("body", "Protected time to write records"), ("level", "service")]),
        [303, 403, 403, 303, 404, 404, 403],
    ),
    (
        "POST",
        "/cohorts/{cohort}/recommendations/publish",
        Form(&[("publish", "1")]),
        [303, 403, 403, 303, 404, 404, 403],
    ),
    (
        "POST",
        "/cohorts/{cohort}/recommendations/{item}/answer",
        Form(&[("answer", "accepted")]),
        [303, 403, 303, 403, 404, 404, 403],
    ),
    ("GET", "/cohorts/{cohort}/series-report/{file}", Body::None, [303, 403, 200, 200, 404, 404, 303]),
    ("GET", "/cohorts/{cohort}/impact", Body::None, [303, 403, 200, 200, 404, 404, 303]),
    ("GET", "/cohorts/{cohort}/update", Body::None, [303, 200, 200, 200, 404, 404, 303]),
    (
        "POST",
        "/cohorts/{cohort}/update",
        Form(&[("text", "Reading records together helps."), ("action", "save")]),
        [303, 403, 403, 303, 404, 404, 403],
    ),
    ("POST", "/cohorts/{cohort}/postbox/answer", Form(&[("answer", "accepted")]), [303, 403, 303, 403, 404, 404, 403]),
    (
        "POST",
        "/cohorts/{cohort}/practice",
        Form(&[("round", "1"), ("change_text", "Write their words first.")]),
        [303, 303, 403, 403, 404, 404, 403],
    ),
    (
        "POST",
        "/cohorts/{cohort}/practice/{round}/log",
        Form(&[("on_date", "2027-03-10"), ("note", "Tried it twice.")]),
        [303, 303, 403, 403, 404, 404, 403],
    ),
    (
        "POST",
        "/cohorts/{cohort}/practice/{round}/example",
        Form(&[("stage", "before"), ("record_type", "contact"), ("text", "Saw Jo."), ("action", "preview")]),
        [303, 200, 403, 403, 404, 404, 403],
    ),
    (
        "POST",
        "/cohorts/{cohort}/practice/{round}/reflection",
        Form(&[("worked", "Families noticed.")]),
        [303, 303, 403, 403, 404, 404, 403],
    ),
    // An asset linked to a test of change: the practitioner's own test (made above); the
    // facilitator has none of their own and the practitioner's is not shared, so there is
    // nothing for them to link (400).
    (
        "POST",
        "/cohorts/{cohort}/boards/{board}/items/{item}/tests",
        Form(&[("test", "{test}")]),
        [303, 303, 403, 400, 404, 404, 403],
    ),
    // Last: it ends the session.
    ("POST", "/signout", Form(&[]), [303, 303, 303, 303, 303, 303, 403]),
];

/// The ids a row's route needs.
struct Ids {
    record: i64,
    cohort: i64,
    session: i64,
    plenary: i64,
    spare: i64,
    note: i64,
    template: i64,
    colleague: i64,
    spare_token: i64,
    org: i64,
    /// A workshop series with the same people, and a card on its elements board.
    series: i64,
    card: i64,
    /// The series' first sharing session, an asset and a recommendation.
    share: i64,
    asset: i64,
    recommendation: i64,
    /// A service of the organisation.
    service: i64,
    /// The practitioner's first test of change in the series.
    test: i64,
}

/// The path to request for `route`, with its parameters filled.
fn fill(route: &str, ids: &Ids) -> String {
    let id = if route.starts_with("/api/v1/series/") {
        ids.series
    } else if route.starts_with("/admin/services/") {
        ids.service
    } else if route.starts_with("/admin/people/") {
        ids.colleague
    } else if route.starts_with("/admin/tokens/") {
        ids.spare_token
    } else if route.starts_with("/programmes/") {
        ids.template
    } else {
        ids.record
    };
    // Summary points are for a plenary session; everything else here is the pair review.
    let session = if route.contains("/points/") { ids.plenary } else { ids.session };
    let file = if route.starts_with("/static/") {
        "app.css".to_owned()
    } else if route.contains("/series-report/") {
        "recommendations.pdf".to_owned()
    } else {
        format!("{}.pdf", ids.spare)
    };
    let series_route = [
        "/own-life",
        "/boards/",
        "/priorities",
        "/practice",
        "/share",
        "/recommendations",
        "/series-report",
        "/update",
    ]
    .iter()
    .any(|p| route.contains(p));
    let (session, item) = match series_route {
        true => (ids.share, if route.contains("/recommendations/") { ids.recommendation } else { ids.card }),
        false => (session, ids.card),
    };
    let cohort = if series_route { ids.series } else { ids.cohort };
    let (board, item) = if route.ends_with("/tests") { ("assets", ids.asset) } else { ("elements", item) };
    route
        .replace("{id}", &id.to_string())
        .replace("{cohort}", &cohort.to_string())
        .replace("{board}", board)
        .replace("{item}", &item.to_string())
        .replace("{round}", "1")
        .replace("{session}", &session.to_string())
        .replace("{user}", &ids.spare.to_string())
        .replace("{note}", &ids.note.to_string())
        .replace("{file}", &file)
        .replace("{token}", "not-a-real-link-token")
}

/// A form field's value, with the caller and ids filled.
fn fill_value(value: &str, caller: &str, ids: &Ids) -> String {
    value
        .replace("{me}", caller)
        .replace("{org}", &ids.org.to_string())
        .replace("{template}", &ids.template.to_string())
        .replace("{user}", &ids.spare.to_string())
        .replace("{asset}", &ids.asset.to_string())
        .replace("{test}", &ids.test.to_string())
}

/// Sends a row as a browser (cookies, CSRF token) or, with `token`, as an API client.
async fn send(
    b: &mut Browser,
    token: Option<&str>,
    method: &str,
    path: &str,
    body: Body,
    caller: &str,
    ids: &Ids,
) -> Answer {
    let method = Method::from_bytes(method.as_bytes()).unwrap();
    if method != Method::GET && token.is_none() {
        // A fresh token for the form, as the page that holds it would give (switching
        // organisation starts a new session with a new token).
        b.get(if caller == "anonymous" { "/signin" } else { "/account" }).await;
    }
    let mut req = b.client.request(method, format!("{}{path}", b.base));
    if let Some(t) = token {
        req = req.bearer_auth(t);
    } else {
        req = req.header("x-csrf-token", &b.csrf);
    }
    req = match body {
        Body::None => req,
        Body::Json(text) => req.header("content-type", "application/json").body(text.to_owned()),
        Body::Form(fields) => {
            let mut all = vec![("csrf".to_owned(), b.csrf.clone())];
            all.extend(fields.iter().map(|(k, v)| (k.to_string(), fill_value(v, caller, ids))));
            let text = form_urlencoded::Serializer::new(String::new()).extend_pairs(all).finish();
            req.header("content-type", "application/x-www-form-urlencoded").body(text)
        }
    };
    let res = req.send().await.unwrap();
    let (status, headers) = (res.status(), res.headers().clone());
    Answer { status, headers, body: res.text().await.unwrap_or_default() }
}

async fn every_route_answers_every_caller_as_its_row_says(backend: Backend) {
    let app = TestApp::start(backend).await;
    let (cohort, session, spare, note) = cohort_with_everyone(&app).await;
    let mut author = app.signed_in("practitioner").await;
    let record = create_record(&mut author, "Visit", "Saw Jo at home.").await;
    let admin_id = app.people["administrator"].id;
    let hash = |t: &str| recordwell_web::auth::token::hash_token(t);
    tokens::create(&app.store, app.org_id, "Case system", &hash("rwt_route-table-token"), admin_id).await.unwrap();
    let spare_token = tokens::create(&app.store, app.org_id, "Spare", &hash("rwt_spare"), admin_id).await.unwrap();
    let template = recordwell_store::programmes::list(&app.store, app.org_id).await.unwrap()[0].id;
    let series = series_like(&app, cohort).await;
    let card = recordwell_store::boards::add(
        &app.store,
        series,
        recordwell_store::boards::NewItem {
            board: recordwell_store::boards::ELEMENTS,
            body: "The person's own words",
            kind: "",
            author_id: app.people["facilitator"].id,
            show_author: false,
        },
    )
    .await
    .unwrap();
    let add = |board, body| recordwell_store::boards::NewItem {
        board,
        body,
        kind: if board == recordwell_store::boards::ASSETS { "cultural" } else { "team" },
        author_id: app.people["facilitator"].id,
        show_author: false,
    };
    let asset = recordwell_store::boards::add(&app.store, series, add(recordwell_store::boards::ASSETS, "Supervision"))
        .await
        .unwrap();
    let recommendation = recordwell_store::boards::add(
        &app.store,
        series,
        add(recordwell_store::boards::RECOMMENDATIONS, "Read together"),
    )
    .await
    .unwrap();
    let plan = recordwell_store::series::TestPlan {
        round: 1,
        element_id: None,
        change_text: "Their words first",
        how_know: "",
        records_touched: "",
        shared: false,
    };
    let test =
        recordwell_store::series::save_test(&app.store, series, app.people["practitioner"].id, plan).await.unwrap();
    let share = recordwell_store::cohorts::sessions(&app.store, series)
        .await
        .unwrap()
        .into_iter()
        .find(|s| s.kind == "appreciative-share")
        .unwrap()
        .id;
    let sessions = recordwell_store::cohorts::sessions(&app.store, cohort).await.unwrap();
    let plenary = sessions.iter().find(|s| s.kind == "plenary").unwrap().id;
    let ids = Ids {
        record,
        cohort,
        session,
        plenary,
        spare,
        note,
        template,
        colleague: app.people["colleague"].id,
        spare_token,
        org: app.org_id,
        series,
        card,
        share,
        asset,
        recommendation,
        service: recordwell_store::orgs::add_service(&app.store, app.org_id, "Justice", "justice").await.unwrap(),
        test,
    };

    let mut browsers = vec![];
    for caller in CALLERS {
        browsers.push(match caller {
            "anonymous" | "token" => {
                let mut b = app.browser();
                if caller == "anonymous" {
                    b.get("/signin").await;
                } else {
                    // No cookies at all: only the token speaks.
                    b.client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
                }
                b
            }
            person => app.signed_in(person).await,
        });
    }
    let mut wrong = vec![];
    for (method, route, body, want) in ROWS {
        let path = fill(route, &ids);
        for (i, caller) in CALLERS.iter().enumerate() {
            let token = (*caller == "token").then_some("rwt_route-table-token");
            let got = send(&mut browsers[i], token, method, &path, *body, caller, &ids).await;
            if got.status.as_u16() != want[i] {
                wrong.push(format!("{method} {route} as {caller}: {} (row says {})", got.status.as_u16(), want[i]));
            }
            // Nothing that may hold personal data is kept in a cache: only static files may be.
            let cache = got.headers.get("cache-control").and_then(|v| v.to_str().ok()).unwrap_or("");
            if !route.starts_with("/static/") && cache != "no-store" {
                wrong.push(format!("{method} {route} as {caller}: Cache-Control {cache:?}"));
            }
            if got.status == StatusCode::SEE_OTHER && want[i] == 303 && ["anonymous", "token"].contains(caller) {
                let to = got.location();
                if MEMBER_ROUTE_PREFIXES.iter().any(|p| route.starts_with(p)) && !to.starts_with("/signin") {
                    wrong.push(format!("{method} {route} as {caller}: sent to {to}, not to sign in"));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{} answers differ from the table:\n{}", wrong.len(), wrong.join("\n"));
    app.finish().await;
}
both!(every_route_answers_every_caller_as_its_row_says);

/// A workshop series with the same people in the same parts as `cohort`.
async fn series_like(app: &TestApp, cohort: i64) -> i64 {
    use recordwell_store::cohorts;
    let plan = recordwell_web::programme::templates::builtin_of(recordwell_store::programmes::WORKSHOP_SERIES);
    let dates = ["2027-03-04".to_owned(), "2027-04-01".to_owned(), "2027-04-29".to_owned()];
    let new = cohorts::NewCohort {
        org_id: app.org_id,
        title: "Series",
        venue: "",
        first_day: &dates[0],
        second_day: &dates[1],
        letter: "",
        followup_days: 90,
        created_by: app.people["facilitator"].id,
        kind: recordwell_store::programmes::WORKSHOP_SERIES,
        dates: &dates,
    };
    let series = cohorts::create(&app.store, new, &plan.session).await.unwrap();
    for p in cohorts::people(&app.store, cohort).await.unwrap() {
        cohorts::set_person(&app.store, series, p.user_id, p.role, &p.status).await.unwrap();
    }
    series
}

/// Routes whose signed-out visitors must be sent to sign in (not elsewhere).
const MEMBER_ROUTE_PREFIXES: [&str; 6] = ["/account", "/records", "/admin", "/programmes", "/cohorts", "/plans"];

/// Every `(METHOD, route)` registered in the web crate's source, with API routes under
/// `/api/v1`.
pub fn registered_routes() -> BTreeSet<(String, String)> {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = BTreeSet::new();
    let mut dirs = vec![src.clone()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let prefix = if path.starts_with(src.join("api")) { "/api/v1" } else { "" };
            for (route, methods) in routes_in(&text) {
                for m in methods {
                    found.insert((m, format!("{prefix}{route}")));
                }
            }
        }
    }
    found
}

/// The `.route("path", get(…).post(…))` calls in a file: each path with its methods.
fn routes_in(text: &str) -> Vec<(String, Vec<String>)> {
    let mut out = vec![];
    for (at, _) in text.match_indices(".route(") {
        let rest = &text[at + ".route(".len()..];
        let Some(open) = rest.find('"') else { continue };
        let after = &rest[open + 1..];
        let Some(close) = after.find('"') else { continue };
        let route = &after[..close];
        // The method router runs to the bracket that closes `.route(`.
        let mut depth = 1;
        let mut end = close + 1;
        for (i, c) in after[close + 1..].char_indices() {
            match c {
                '(' => depth += 1,
                ')' => depth -= 1,
                _ => {}
            }
            if depth == 0 {
                end = close + 1 + i;
                break;
            }
        }
        let methods = after[close + 1..end]
            .split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
            .filter(|w| ["get", "post", "put", "delete", "patch"].contains(w))
            .map(str::to_uppercase)
            .collect();
        out.push((route.to_owned(), methods));
    }
    out
}

#[test]
fn every_registered_route_has_a_row_and_every_row_a_route() {
    let registered = registered_routes();
    let rows: BTreeSet<(String, String)> = ROWS.iter().map(|(m, r, ..)| (m.to_string(), r.to_string())).collect();
    assert!(registered.len() > 60, "the source scan found only {} routes", registered.len());
    let missing: Vec<_> = registered.difference(&rows).collect();
    assert!(missing.is_empty(), "routes without a row in ROWS (add one, with every caller's status): {missing:?}");
    let stale: Vec<_> = rows.difference(&registered).collect();
    assert!(stale.is_empty(), "rows for routes that no longer exist: {stale:?}");
    assert_eq!(rows.len(), ROWS.len(), "one row per route and method");
}
