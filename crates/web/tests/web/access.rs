//! The role matrix: every route, for someone signed out and for each role, answers as its
//! access group says (see `crates/web/src/access.rs`); and records stay private to their author
//! until shared, and to their organisation always.

use crate::both;
use crate::harness::{Backend, Browser, TestApp, create_record};
use reqwest::StatusCode;

/// Who may use a route.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Group {
    Public,
    Members,
    Administrators,
}

/// Every page route a GET can reach, with its group. `{r}` is a record of the practitioner's.
const GET_ROUTES: [(&str, Group); 18] = [
    ("/account", Group::Members),
    ("/healthz", Group::Public),
    ("/readyz", Group::Public),
    ("/metrics", Group::Public),
    ("/signin", Group::Public),
    ("/password-reset", Group::Public),
    ("/static/app.css", Group::Public),
    ("/static/workspace.js", Group::Public),
    ("/api/v1/openapi.json", Group::Public),
    ("/records", Group::Members),
    ("/records/new", Group::Members),
    ("/records/{r}", Group::Members),
    ("/records/{r}/history", Group::Members),
    ("/admin/people", Group::Administrators),
    ("/admin/tokens", Group::Administrators),
    ("/admin/audit", Group::Administrators),
    ("/admin/audit.csv", Group::Administrators),
    ("/", Group::Public),
];

/// State-changing administrator routes, with valid-looking fields.
const ADMIN_POSTS: [(&str, &[(&str, &str)]); 5] = [
    ("/admin/services", &[("name", "Sneaky service"), ("kind", "other")]),
    ("/admin/invitations", &[("email", "x@test.example"), ("role", "administrator")]),
    ("/admin/people/{colleague}", &[("role", "administrator"), ("active", "1")]),
    ("/admin/tokens", &[("name", "sneaky")]),
    ("/admin/tokens/1/revoke", &[]),
];

const ROLES: [&str; 4] = ["practitioner", "manager", "facilitator", "administrator"];

async fn every_route_answers_each_role_as_its_group_says(backend: Backend) {
    let app = TestApp::start(backend).await;
    let mut author = app.signed_in("practitioner").await;
    let record = create_record(&mut author, "Visit", "Saw Jo at home.").await.to_string();
    let colleague = app.people["colleague"].id.to_string();
    for role in std::iter::once("anonymous").chain(ROLES) {
        let mut b = if role == "anonymous" { app.browser() } else { app.signed_in(role).await };
        for (route, group) in GET_ROUTES {
            // Everyone but the author is checked on routes of their own making.
            let path = route.replace("{r}", &record);
            let path = if path.contains(&record) && role != "practitioner" { continue } else { path };
            let got = b.get(&path).await.status;
            let want = match (group, role) {
                (Group::Public, _) => got, // public pages may redirect (/) but never refuse
                (_, "anonymous") => StatusCode::SEE_OTHER,
                (Group::Administrators, r) if r != "administrator" => StatusCode::FORBIDDEN,
                _ => StatusCode::OK,
            };
            assert_eq!(got, want, "{role} GET {path}");
            if group == Group::Public {
                assert!(got.is_success() || got.is_redirection(), "{role} GET {path}: {got}");
            }
        }
        for (route, fields) in ADMIN_POSTS {
            if role == "anonymous" {
                b.get("/signin").await;
            }
            let path = route.replace("{colleague}", &colleague);
            let got = b.post_form(&path, fields).await.status;
            let want = match role {
                "anonymous" => StatusCode::SEE_OTHER,
                "administrator" => got,
                _ => StatusCode::FORBIDDEN,
            };
            assert_eq!(got, want, "{role} POST {path}");
        }
        let api = b.post_json("/api/v1/check", &serde_json::json!({"text": "Saw Jo.", "type": "contact"})).await;
        let want = if role == "anonymous" { StatusCode::UNAUTHORIZED } else { StatusCode::OK };
        assert_eq!(api.status, want, "{role} POST /api/v1/check: {}", api.body);
    }
    app.finish().await;
}
both!(every_route_answers_each_role_as_its_group_says);

async fn records_are_private_until_shared_and_never_leave_their_organisation(backend: Backend) {
    let app = TestApp::start(backend).await;
    let mut author = app.signed_in("practitioner").await;
    let id = create_record(&mut author, "Private visit", "Saw Jo at home.").await;
    let path = format!("/records/{id}");
    let others = ["colleague", "manager", "facilitator", "administrator", "outsider"];
    let mut browsers: Vec<(&str, Browser)> = vec![];
    for who in others {
        browsers.push((who, app.signed_in(who).await));
    }
    for (who, b) in &mut browsers {
        assert_eq!(b.get(&path).await.status, StatusCode::NOT_FOUND, "{who} must not see a private record");
        assert_eq!(b.get(&format!("{path}/history")).await.status, StatusCode::NOT_FOUND, "{who} history");
        assert!(!b.get("/records").await.body.contains("Private visit"), "{who} list");
        let api = b.client.get(format!("{}/api/v1/records/{id}", app.url)).send().await.unwrap();
        assert_eq!(api.status(), StatusCode::NOT_FOUND, "{who} API");
    }
    author.get(&path).await;
    assert_eq!(author.post_form(&format!("{path}/share"), &[("shared", "1")]).await.status, StatusCode::SEE_OTHER);
    for (who, b) in &mut browsers {
        let page = b.get(&path).await;
        if *who == "outsider" {
            assert_eq!(page.status, StatusCode::NOT_FOUND, "other organisations never see it");
            continue;
        }
        assert_eq!(page.status, StatusCode::OK, "{who} reads a shared record");
        assert!(!page.body.contains("Save a new version"), "{who} cannot edit another's record");
        let save = b
            .post_form(
                &path,
                &[
                    ("title", "Hijack"),
                    ("record_type", "contact"),
                    ("body", "changed"),
                    ("base_version", "1"),
                    ("reason", "x"),
                    ("action", "save"),
                ],
            )
            .await;
        assert_eq!(save.status, StatusCode::FORBIDDEN, "{who} must not change another's record");
    }
    // A missing record and another organisation's record look the same.
    let (_, outsider) = browsers.iter_mut().find(|(w, _)| *w == "outsider").unwrap();
    let theirs = outsider.get(&path).await;
    let missing = outsider.get("/records/999999").await;
    assert_eq!((theirs.status, theirs.body.len()), (missing.status, missing.body.len()));
    app.finish().await;
}
both!(records_are_private_until_shared_and_never_leave_their_organisation);

async fn error_pages_keep_the_navigation_for_people_signed_in(backend: Backend) {
    let app = TestApp::start(backend).await;
    let mut prac = app.signed_in("practitioner").await;
    for (path, status, heading) in [
        ("/admin/people", StatusCode::FORBIDDEN, "You cannot do that"),
        ("/no-such-page", StatusCode::NOT_FOUND, "Page not found"),
        ("/records/999999", StatusCode::NOT_FOUND, "Page not found"),
    ] {
        let page = prac.get(path).await;
        assert_eq!(page.status, status, "{path}");
        assert!(page.body.contains(heading), "{path}: {}", page.body);
        assert!(page.body.contains("Sign out") && page.body.contains("Test practitioner"), "{path}: {}", page.body);
    }
    // Not signed in: the plain page, with no one's name on it.
    let page = app.browser().get("/no-such-page").await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(page.body.contains("Page not found") && !page.body.contains("Sign out"), "{}", page.body);
    // The API's errors stay JSON.
    let api = prac.get("/api/v1/records/999999").await;
    assert_eq!(api.status, StatusCode::NOT_FOUND);
    assert_eq!(api.json()["error"]["code"], "not_found", "{}", api.body);
    app.finish().await;
}
both!(error_pages_keep_the_navigation_for_people_signed_in);
