//! The recording workspace: check without JavaScript, live feedback, save, versions, history
//! with differences, autosave drafts, two tabs, corrections, family views.

use crate::both;
use crate::harness::{Backend, TestApp, create_record};
use reqwest::StatusCode;
use serde_json::json;

const FAULTY: &str = "Mum was non-compliant and the placement was discussed at the LAC review.";

async fn check_without_javascript_shows_findings_with_reasons(backend: Backend) {
    let app = TestApp::start(backend).await;
    let mut b = app.signed_in("practitioner").await;
    b.get("/records/new").await;
    let checked = b
        .post_form("/records", &[("title", "Visit"), ("record_type", "contact"), ("body", FAULTY), ("action", "check")])
        .await;
    assert_eq!(checked.status, StatusCode::OK);
    for part in ["Colleague lens", "Family lens", "Why this matters", "rw-finding", "<mark", "Reads as"] {
        assert!(checked.body.contains(part), "missing {part}");
    }
    assert!(checked.body.contains("non-compliant"), "the text is kept in the form");
    // Nothing was saved by a check.
    assert!(!b.get("/records").await.body.contains("Visit</a>"));
    app.finish().await;
}
both!(check_without_javascript_shows_findings_with_reasons);

async fn live_feedback_is_the_same_panel(backend: Backend) {
    let app = TestApp::start(backend).await;
    let mut b = app.signed_in("practitioner").await;
    b.get("/records/new").await;
    let live = b.post_json("/records/feedback", &json!({"text": FAULTY, "type": "contact"})).await;
    assert_eq!(live.status, StatusCode::OK);
    assert!(live.body.contains("rw-finding") && live.body.contains("Why this matters"));
    assert!(!live.body.contains("<html"), "a fragment, not a page");
    app.finish().await;
}
both!(live_feedback_is_the_same_panel);

async fn saves_make_versions_and_history_shows_differences(backend: Backend) {
    let app = TestApp::start(backend).await;
    let mut b = app.signed_in("practitioner").await;
    let id = create_record(&mut b, "Home visit", "Line one.\nLine two.").await;
    let path = format!("/records/{id}");
    let page = b.get(&format!("{path}?saved=1")).await;
    assert!(page.body.contains("Saved as version 1"));
    let saved = b
        .post_form(
            &path,
            &[
                ("title", "Home visit"),
                ("record_type", "contact"),
                ("body", "Line one.\nLine 2, changed."),
                ("base_version", "1"),
                ("action", "save"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    assert_eq!(saved.location(), format!("{path}?saved=2"));
    let history = b.get(&format!("{path}/history")).await;
    assert!(history.body.contains("Version 2") && history.body.contains("Version 1"));
    assert!(history.body.contains("rw-diff__insert") && history.body.contains("Line 2, changed."));
    assert!(history.body.contains("rw-diff__delete") && history.body.contains("Line two."));
    app.finish().await;
}
both!(saves_make_versions_and_history_shows_differences);

async fn two_tabs_saving_the_same_record_lose_nothing(backend: Backend) {
    let app = TestApp::start(backend).await;
    let mut tab1 = app.signed_in("practitioner").await;
    let id = create_record(&mut tab1, "Visit", "First text.").await;
    let path = format!("/records/{id}");
    let save = |body: &'static str| {
        [("title", "Visit"), ("record_type", "contact"), ("body", body), ("base_version", "1"), ("action", "save")]
    };
    assert_eq!(tab1.post_form(&path, &save("Tab one's text.")).await.status, StatusCode::SEE_OTHER);
    let second = tab1.post_form(&path, &save("Tab two's text.")).await;
    assert_eq!(second.status, StatusCode::CONFLICT);
    assert!(second.body.contains("saved somewhere else"));
    assert!(
        second.body.contains("Tab two&#39;s text.") || second.body.contains("Tab two&#x27;s text."),
        "the second tab's text is kept"
    );
    assert!(second.body.contains("Tab one"), "and the first tab's version is shown");
    assert!(second.body.contains("name=\"base_version\" value=\"2\""), "saving again builds on the newest");
    app.finish().await;
}
both!(two_tabs_saving_the_same_record_lose_nothing);

async fn autosaved_drafts_come_back(backend: Backend) {
    let app = TestApp::start(backend).await;
    let mut b = app.signed_in("practitioner").await;
    let id = create_record(&mut b, "Visit", "Saved text.").await;
    b.get(&format!("/records/{id}")).await;
    let kept = b.post_json(&format!("/records/{id}/draft"), &json!({"body": "Typed but not saved."})).await;
    assert_eq!(kept.status, StatusCode::OK, "{}", kept.body);
    let page = b.get(&format!("/records/{id}")).await;
    assert!(page.body.contains("Typed but not saved.") && page.body.contains("have been restored"));
    assert!(page.body.contains("version 1"), "a draft is not a version");
    let mut other = app.signed_in("colleague").await;
    other.get("/records").await;
    assert_eq!(
        other.post_json(&format!("/records/{id}/draft"), &json!({"body": "x"})).await.status,
        StatusCode::NOT_FOUND
    );
    app.finish().await;
}
both!(autosaved_drafts_come_back);

async fn shared_records_need_a_reason_to_be_corrected(backend: Backend) {
    let app = TestApp::start(backend).await;
    let mut b = app.signed_in("practitioner").await;
    let id = create_record(&mut b, "Visit", "Jo was seen.").await;
    let path = format!("/records/{id}");
    b.get(&path).await;
    b.post_form(&format!("{path}/share"), &[("shared", "1")]).await;
    let fields = |reason: &'static str| {
        [
            ("title", "Visit"),
            ("record_type", "contact"),
            ("body", "Jo was seen alone."),
            ("base_version", "1"),
            ("reason", reason),
            ("action", "save"),
        ]
    };
    let refused = b.post_form(&path, &fields("")).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    assert!(refused.body.contains("say why you are correcting it"));
    assert_eq!(
        b.post_form(&path, &fields("Jo was seen alone; the first version missed it")).await.status,
        StatusCode::SEE_OTHER
    );
    assert!(b.get(&format!("{path}/history")).await.body.contains("Correction: Jo was seen alone"));
    app.finish().await;
}
both!(shared_records_need_a_reason_to_be_corrected);

async fn family_views_are_attached_without_changing_the_record(backend: Backend) {
    let app = TestApp::start(backend).await;
    let mut b = app.signed_in("practitioner").await;
    let id = create_record(&mut b, "Visit", "Mum said the flat was cold.").await;
    let path = format!("/records/{id}");
    b.get(&path).await;
    let added = b
        .post_form(
            &format!("{path}/comments"),
            &[("person", "Mother"), ("kind", "disagreement"), ("body", "I said it was cold because the boiler broke.")],
        )
        .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER);
    let page = b.get(&path).await;
    assert!(page.body.contains("Mother: They disagree with the record"));
    assert!(page.body.contains("the boiler broke"));
    assert!(page.body.contains("version 1"), "the record itself is unchanged");
    let empty = b.post_form(&format!("{path}/comments"), &[("person", ""), ("kind", "view"), ("body", "")]).await;
    assert_eq!(empty.status, StatusCode::BAD_REQUEST);
    app.finish().await;
}
both!(family_views_are_attached_without_changing_the_record);
