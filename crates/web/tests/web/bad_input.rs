//! Bad input: oversized bodies, malformed JSON, markup in every text field, forged requests,
//! unknown ids, bytes that are not UTF-8.

use crate::both;
use crate::harness::{Backend, TestApp, create_record};
use reqwest::StatusCode;

const SCRIPT: &str = "<script>alert('x')</script><img src=x onerror=alert(1)>";

async fn markup_is_escaped_everywhere_it_is_shown(backend: Backend) {
    let app = TestApp::start(backend).await;
    let mut b = app.signed_in("practitioner").await;
    let id = create_record(&mut b, SCRIPT, &format!("Text {SCRIPT} more")).await;
    let path = format!("/records/{id}");
    b.get(&path).await;
    b.post_form(&format!("{path}/comments"), &[("person", SCRIPT), ("kind", "view"), ("body", SCRIPT)]).await;
    b.post_form(&format!("{path}/share"), &[("shared", "1")]).await;
    let mut reader = app.signed_in("manager").await;
    for (who, page) in [
        ("author", b.get(&path).await),
        ("list", b.get("/records").await),
        ("history", b.get(&format!("{path}/history")).await),
        ("reader", reader.get(&path).await),
        ("live", b.post_json("/records/feedback", &serde_json::json!({"text": SCRIPT, "type": "contact"})).await),
    ] {
        assert!(!page.body.contains("<script>alert"), "{who}: raw script in {}", page.body);
        assert!(!page.body.contains("<img src=x"), "{who}: raw markup");
        assert!(page.body.contains("&lt;script") || page.body.contains("&#60;script"), "{who}: text not shown escaped");
    }
    app.finish().await;
}
both!(markup_is_escaped_everywhere_it_is_shown);

async fn oversized_and_malformed_bodies_get_clear_errors(backend: Backend) {
    let app = TestApp::start(backend).await;
    let mut b = app.signed_in("practitioner").await;
    let huge = "word ".repeat(100_000); // 500 kB, over the test server's 256 kB limit
    let page = b
        .post_form("/records", &[("title", "Big"), ("record_type", "contact"), ("body", &huge), ("action", "save")])
        .await;
    assert_eq!(page.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(page.body.contains("too long") || page.body.contains("too large"), "{}", page.body);
    let api = b.post_json("/api/v1/check", &serde_json::json!({"text": huge})).await;
    assert_eq!(api.status, StatusCode::PAYLOAD_TOO_LARGE);
    let malformed = b
        .client
        .post(format!("{}/api/v1/check", app.url))
        .header("x-csrf-token", &b.csrf)
        .header("content-type", "application/json")
        .body("{\"text\": ")
        .send()
        .await
        .unwrap();
    assert_eq!(malformed.status(), StatusCode::BAD_REQUEST);
    let v: serde_json::Value = malformed.json().await.unwrap();
    assert_eq!(v["error"]["code"], "invalid_json");
    let wrong_type = b.post_json("/api/v1/check", &serde_json::json!({"text": 5})).await;
    assert!(wrong_type.status.is_client_error());
    assert_eq!(wrong_type.json()["error"]["code"], "invalid_request");
    let not_json = b
        .client
        .post(format!("{}/api/v1/check", app.url))
        .header("x-csrf-token", &b.csrf)
        .body("text")
        .send()
        .await
        .unwrap();
    assert_eq!(not_json.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    app.finish().await;
}
both!(oversized_and_malformed_bodies_get_clear_errors);

async fn forged_requests_are_refused(backend: Backend) {
    let app = TestApp::start(backend).await;
    let mut b = app.signed_in("practitioner").await;
    let id = create_record(&mut b, "Visit", "Saw Jo.").await;
    let share = format!("{}/records/{id}/share", app.url);
    let no_token = b.client.post(&share).form(&[("shared", "1")]).send().await.unwrap();
    assert_eq!(no_token.status(), StatusCode::FORBIDDEN);
    let wrong_token = b.client.post(&share).form(&[("csrf", "wrong"), ("shared", "1")]).send().await.unwrap();
    assert_eq!(wrong_token.status(), StatusCode::FORBIDDEN);
    let cross_site = b
        .client
        .post(&share)
        .header("sec-fetch-site", "cross-site")
        .form(&[("csrf", b.csrf.as_str()), ("shared", "1")])
        .send()
        .await
        .unwrap();
    assert_eq!(cross_site.status(), StatusCode::FORBIDDEN, "a valid token from another site is still refused");
    let other_origin = b
        .client
        .post(&share)
        .header("origin", "https://evil.example")
        .form(&[("csrf", b.csrf.as_str()), ("shared", "1")])
        .send()
        .await
        .unwrap();
    assert_eq!(other_origin.status(), StatusCode::FORBIDDEN);
    let api = b
        .client
        .post(format!("{}/api/v1/records", app.url))
        .json(&serde_json::json!({"type": "contact", "title": "t", "text": "x"}))
        .send()
        .await
        .unwrap();
    assert_eq!(api.status(), StatusCode::FORBIDDEN, "session-authenticated API writes need the header");
    assert!(!b.get(&format!("/records/{id}")).await.body.contains("Make private"), "nothing was shared");
    app.finish().await;
}
both!(forged_requests_are_refused);

async fn unknown_ids_and_paths_are_plain_not_found(backend: Backend) {
    let app = TestApp::start(backend).await;
    let mut b = app.signed_in("practitioner").await;
    for path in ["/records/999999", "/records/999999/history", "/records/not-a-number", "/no/such/page"] {
        let a = b.get(path).await;
        assert!(a.status == StatusCode::NOT_FOUND || a.status == StatusCode::BAD_REQUEST, "{path}: {}", a.status);
    }
    let api = b.get("/api/v1/nothing").await;
    assert_eq!(api.status, StatusCode::NOT_FOUND);
    assert_eq!(api.json()["error"]["code"], "no_such_route");
    app.finish().await;
}
both!(unknown_ids_and_paths_are_plain_not_found);

async fn bytes_that_are_not_utf8_do_not_break_anything(backend: Backend) {
    let app = TestApp::start(backend).await;
    let mut b = app.signed_in("practitioner").await;
    b.get("/records/new").await;
    let body = format!("csrf={}&title=Bad%FFbytes&record_type=contact&body=caf%E9+visit&action=save", b.csrf);
    let res = b
        .client
        .post(format!("{}/records", app.url))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .unwrap();
    assert!(res.status() == StatusCode::SEE_OTHER || res.status() == StatusCode::BAD_REQUEST, "{}", res.status());
    let raw = b
        .client
        .post(format!("{}/api/v1/check", app.url))
        .header("x-csrf-token", &b.csrf)
        .header("content-type", "application/json")
        .body(b"{\"text\": \"caf\xe9\"}".to_vec())
        .send()
        .await
        .unwrap();
    assert_eq!(raw.status(), StatusCode::BAD_REQUEST);
    assert_eq!(b.get("/records").await.status, StatusCode::OK);
    app.finish().await;
}
both!(bytes_that_are_not_utf8_do_not_break_anything);
